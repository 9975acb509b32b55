#!/usr/bin/env bash
# `make bench`: prints figures (never asserts timings). Builds first so every figure is of this tree.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/build.sh

echo "== release sizes (what a learner downloads for the player)"
printf '%-28s %10s %10s\n' file raw gzip
total_raw=0; total_gz=0
for f in dist/player/pacer_bg.wasm dist/player/split_rest.wasm dist/player/__wasm_split.js dist/player/pacer.js dist/app.js dist/embed.js dist/sw.js dist/index.html dist/style.css; do
  raw=$(wc -c < "$f"); gz=$(gzip -9 -c "$f" | wc -c)
  total_raw=$((total_raw + raw)); total_gz=$((total_gz + gz))
  printf '%-28s %10s %10s\n' "${f#dist/}" "$raw" "$gz"
done
printf '%-28s %10s %10s\n' total "$total_raw" "$total_gz"

echo
echo "== engine and packages (native, release)"
# One cargo invocation for all (built separately, the second trips over the release profile's
# panic = "abort" dependencies: "requires panic strategy abort"). The herd starts its own Ralph.
cargo bench --quiet --bench engine --bench package --bench fit --bench herd

# The browser benchmarks need a player built with the `bench` entry points; it lives apart from dist/.
CARGO_TARGET_DIR=target/bench cargo build --quiet --release --lib --target wasm32-unknown-unknown \
  --no-default-features --features bench
rm -rf dist-bench && mkdir -p dist-bench/player
wasm-bindgen --target web --no-typescript --out-dir dist-bench/player \
  target/bench/wasm32-unknown-unknown/release/pacer.wasm
cp bench/bench.html dist-bench/index.html
echo
node bench/browser.mjs

# The first item under Lighthouse's mobile profile and unthrottled. PACER_BENCH_BASE=DIR (another build's
# dist/, e.g. the previous main's) alternates the two builds in one run and prints the ratio.
echo
node bench/mobile.mjs
