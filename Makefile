# The two commands: `make run` and `make test`. Both set up whatever is missing first.
.PHONY: run test setup build bench lint clean screenshots fuzz

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

# Coverage-guided fuzzing of every reader of untrusted input (FUZZ_SECONDS per target, default 60).
fuzz: setup
	scripts/fuzz.sh

# PNGs of the player for the docs (docs/screenshots/), in English and Spanish, wide and narrow.
screenshots: setup
	scripts/build.sh
	node tests/e2e/screenshots.mjs

lint:
	cargo fmt --all -- --check
	cargo clippy --all-targets -- -D warnings

clean:
	rm -rf dist target .lrs
