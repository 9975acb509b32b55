#!/usr/bin/env bash
# `make fuzz` (FUZZ_SECONDS per target, default 60) and the short run in `make test` (`scripts/fuzz.sh 8`):
# coverage-guided fuzzing of every reader of untrusted input on stable Rust. libfuzzer-sys builds libFuzzer
# with the system C++ compiler; SanitizerCoverage comes from stable rustc flags (`-Cpasses=sancov-module`
# and LLVM options), given for the host target only so build scripts and proc macros stay uninstrumented.
#
# Each target (src/fuzzing.rs) starts from its seeds: the demo course, the broken-package fixtures and
# the e2e fixtures for the JSON and package readers, the math and answers of the demo course for the TeX,
# expression and number parsers, and fuzz/seeds/ (a packed course, a backpack). New inputs that reach new
# code are kept in fuzz/corpus/ (not committed). A crash stops that target, is saved under
# fuzz/artifacts/TARGET/, and fails the run: copy it to tests/fixtures/fuzz/TARGET/ once fixed, where
# tests/fuzz_regressions.rs replays it. Prints executions per target.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-${FUZZ_SECONDS:-60}}
host=$(rustc -vV | sed -n 's/^host: //p')
export RUSTFLAGS="-Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4 \
-Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table \
-Cllvm-args=-sanitizer-coverage-trace-compares --cfg fuzzing"
cargo build --quiet --release --manifest-path fuzz/Cargo.toml --target "$host" --target-dir target/fuzz
bin="target/fuzz/$host/release"

node scripts/fuzz-seeds.mjs fuzz/seeds-generated

failed=0
total=0
printf '%-10s %12s %10s %s\n' target executions exec/s result
for target in json manifest activity backpack zip expr number tex; do
  mkdir -p "fuzz/corpus/$target" "fuzz/artifacts/$target"
  seeds=()
  for d in "fuzz/seeds/$target" "fuzz/seeds-generated/$target"; do
    [ -d "$d" ] && seeds+=("$d")
  done
  log="target/fuzz/$target.log"
  set +e
  "$bin/$target" "fuzz/corpus/$target" "${seeds[@]}" -max_total_time="$seconds" -timeout=10 \
    -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 -close_fd_mask=3 \
    -artifact_prefix="fuzz/artifacts/$target/" >"$log" 2>&1
  status=$?
  set -e
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  runs=${runs:-0}
  total=$((total + runs))
  if [ "$status" = 0 ]; then
    printf '%-10s %12s %10s %s\n' "$target" "$runs" "${rate:-0}" ok
  else
    failed=$((failed + 1))
    printf '%-10s %12s %10s %s\n' "$target" "$runs" "${rate:-0}" "CRASH (exit $status), see $log"
    grep -E "^(==|thread|panicked|SUMMARY|artifact_prefix|Test unit written)" "$log" | head -8 || true
  fi
done
echo "fuzz: $total executions over 8 targets, $seconds s each; $failed target(s) crashed"
[ "$failed" = 0 ]
