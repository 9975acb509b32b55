#!/usr/bin/env bash
# `make test`: lint, native tests, browser tests (wasm-bindgen-test in headless Chromium), end-to-end tests
# (Playwright + a real Ralph LRS). Prints the counts of every suite and one total line at the end.
set -euo pipefail
cd "$(dirname "$0")/.."

logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
step() { printf '\n== %s\n' "$*"; }

step "format and lints"
cargo fmt --all -- --check
cargo clippy --quiet --all-targets -- -D warnings
cargo clippy --quiet --target wasm32-unknown-unknown --no-default-features --features shell --lib --test web_store -- -D warnings
# The browser benchmarks' entry points are only built by `make bench`: keep them compiling.
cargo clippy --quiet --target wasm32-unknown-unknown --no-default-features --features bench --lib -- -D warnings
# The split build (scripts/build.sh) compiles the later part behind its split point.
cargo clippy --quiet --target wasm32-unknown-unknown --no-default-features --features split --lib -- -D warnings
# The first-item module (crates/first), natively and for the browser (in its own target dir, as
# scripts/build.sh builds it).
cargo clippy --quiet -p pacer-first --all-targets -- -D warnings
RUSTFLAGS="-Cdebuginfo=0" CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-target}/first" \
  cargo clippy --quiet -p pacer-first --target wasm32-unknown-unknown -- -D warnings

step "native tests (cargo test)"
cargo test --quiet --workspace 2>&1 | tee "$logs/native.log"

step "fuzzing, a short run (scripts/fuzz.sh: 8 targets, 8 s each)"
scripts/fuzz.sh 8

step "browser tests (wasm-bindgen-test in headless Chromium)"
CHROMEDRIVER=/usr/bin/chromedriver WASM_BINDGEN_TEST_TIMEOUT=60 \
  cargo test --target wasm32-unknown-unknown --no-default-features --features shell --test web_store 2>&1 | tee "$logs/wasm.log"

step "build"
scripts/build.sh

step "end-to-end tests (Playwright, Ralph LRS)"
# Each test file's browser log (console lines, uncaught errors, failed requests: tests/e2e/lib/browser.mjs).
export PACER_E2E_LOGS="$logs/browser"
mkdir -p "$PACER_E2E_LOGS"
set +e
node --test --test-concurrency=1 --test-reporter=spec tests/e2e/ 2>&1 | tee "$logs/e2e.log"
e2e_status=${PIPESTATUS[0]}
set -e

count() { grep -Eo "^ℹ $2 [0-9]+" "$1" | awk '{print $3}' | tail -1; }
e2e_pass=$(count "$logs/e2e.log" pass)
e2e_fail=$(count "$logs/e2e.log" fail)
flaky=""
# A file with a failing test is run once more on its own, after its browser log is printed. It passes only
# if every test of it passes then, and the summary names it: a failure that does not come back is still
# said, with what the browser saw, rather than lost in a red run or hidden in a green one.
failed_files=$(sed -n '/failing tests:/,$p' "$logs/e2e.log" | grep -Eo 'tests/e2e/[A-Za-z0-9._-]+\.mjs' | sort -u || true)
if [ "$e2e_status" != 0 ] && [ -n "$failed_files" ] && [ -n "${e2e_pass:-}" ]; then
  for f in $failed_files; do
    step "browser log of $f (its failed run)"
    tail -n 200 "$PACER_E2E_LOGS/$(basename "$f").log" 2>/dev/null || echo "(no browser log)"
  done
  step "end-to-end: the files that failed, once more"
  export PACER_E2E_LOGS="$logs/browser-again"
  mkdir -p "$PACER_E2E_LOGS"
  set +e
  # shellcheck disable=SC2086
  node --test --test-concurrency=1 --test-reporter=spec $failed_files 2>&1 | tee "$logs/e2e-again.log"
  again_status=${PIPESTATUS[0]}
  set -e
  again_fail=$(count "$logs/e2e-again.log" fail)
  if [ "$again_status" = 0 ] && [ "${again_fail:-1}" = 0 ]; then
    flaky=$(echo $failed_files | xargs -n1 basename | paste -sd' ')
    e2e_pass=$(( e2e_pass + e2e_fail ))
    e2e_fail=0
    e2e_status=0
  fi
fi

sum_cargo() { grep -Eo "[0-9]+ $2" "$1" | awk '{s += $1} END {print s + 0}'; }
passed=$(( $(sum_cargo "$logs/native.log" passed) + $(sum_cargo "$logs/wasm.log" passed) ))
failed=$(( $(sum_cargo "$logs/native.log" failed) + $(sum_cargo "$logs/wasm.log" failed) ))
passed=$(( passed + ${e2e_pass:-0} ))
failed=$(( failed + ${e2e_fail:-0} ))
echo
echo "native + browser (cargo): $(( $(sum_cargo "$logs/native.log" passed) + $(sum_cargo "$logs/wasm.log" passed) )) passed; end-to-end (node): ${e2e_pass:-0} passed, ${e2e_fail:-0} failed"
if [ -n "$flaky" ]; then
  echo "FLAKY: failed, then passed when run again on its own (browser log above): $flaky"
fi
echo "make test: ${passed} passed, ${failed} failed"
if [ "$e2e_status" != 0 ] || [ "$failed" != 0 ] || [ -z "${e2e_pass:-}" ]; then
  exit 1
fi
