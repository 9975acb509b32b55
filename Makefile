# The two commands: `make run` and `make test`. Both set up whatever is missing first.
.PHONY: run test setup build bench lint clean

run: setup
	scripts/run.sh

test: setup
	scripts/test.sh

setup:
	@scripts/setup.sh

build: setup
	scripts/build.sh

bench: setup
	scripts/bench.sh

lint:
	cargo fmt --all -- --check
	cargo clippy --all-targets -- -D warnings

clean:
	rm -rf dist target .lrs
