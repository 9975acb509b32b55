#!/usr/bin/env bash
# Measures the first-item module probe (#19): for each variant, the wasm after wasm-bindgen --target web
# and wasm-opt (the flags scripts/build.sh uses), its JS glue, gzip -9 (node's zlib, as
# tests/e2e/size-budget.test.mjs counts), and twiggy's top contributors. Writes into $out (default
# target/first-probe). Usage: crates/first/measure.sh [VARIANT...] (a, b, b-read, b-idb, b-js, key, key-idb; default all).
set -euo pipefail
cd "$(dirname "$0")/../.."
target=${CARGO_TARGET_DIR:-target}
out=${out:-$target/first-probe}
mkdir -p "$out"
gz() { node -e "process.stdout.write(String(require('zlib').gzipSync(require('fs').readFileSync(process.argv[1]),{level:9}).length))" "$1"; }

# The binary forms of the demo course's first item.
cargo run --quiet --release -p pacer-first --bin first-form -- . "$out/form" >/dev/null

declare -A features=([a]="" [b]="--features answer" [b-idb]="--features answer,idb-crate" [b-js]="--features js-record" [b-read]="--features read-only" [key]="--features key" [key-idb]="--features key,idb-crate")
variants=("$@"); [ ${#variants[@]} -eq 0 ] && variants=(a b b-read b-idb b-js key key-idb)
printf '%-8s %12s %12s %12s %12s\n' variant wasm-raw wasm-gz glue-raw glue-gz
for v in "${variants[@]}"; do
  # Without the split build's --emit-relocs (.cargo/config.toml): this module is not cut.
  RUSTFLAGS="" cargo build --quiet --release -p pacer-first --lib --target wasm32-unknown-unknown ${features[$v]}
  dir="$out/$v"; rm -rf "$dir"; mkdir -p "$dir"
  wasm-bindgen --target web --no-typescript --out-dir "$dir" "$target/wasm32-unknown-unknown/release/pacer_first.wasm"
  cp "$dir/pacer_first_bg.wasm" "$dir/pre-opt.wasm"
  node_modules/.bin/wasm-opt -Oz --converge --low-memory-unused "$dir/pacer_first_bg.wasm" -o "$dir/pacer_first_bg.wasm"
  printf '%-8s %12s %12s %12s %12s\n' "$v" "$(wc -c <"$dir/pacer_first_bg.wasm")" "$(gz "$dir/pacer_first_bg.wasm")" \
    "$(wc -c <"$dir/pacer_first.js")" "$(gz "$dir/pacer_first.js")"
  # The same optimisation with the names kept (-g), for twiggy; the names section is its own row.
  node_modules/.bin/wasm-opt -Oz --converge --low-memory-unused -g "$dir/pre-opt.wasm" -o "$dir/named.wasm"
  twiggy top -n 40 "$dir/named.wasm" >"$dir/twiggy.txt" 2>&1 || true
done
for f in "$out"/form/*; do printf '%-12s %6s bytes, %6s gzip\n' "$(basename "$f")" "$(wc -c <"$f")" "$(gz "$f")"; done

# A page per variant (www/ with its module and form), for crates/first/check.mjs and the path's sum.
declare -A forms=([a]=screen.bin [b]=first.bin [b-read]=first.bin [b-idb]=first.bin [b-js]=first.bin [key]=keyed.bin [key-idb]=keyed.bin)
echo
printf '%-8s %s\n' variant "first-item path, gzip -9 (index.html + style.css + boot.js + glue + wasm + form)"
for v in "${variants[@]}"; do
  site="$out/site-$v"; rm -rf "$site"; mkdir -p "$site/first"
  cp crates/first/www/index.html crates/first/www/boot.js www/style.css "$site/"
  cp "$out/$v/pacer_first.js" "$out/$v/pacer_first_bg.wasm" "$site/first/"
  cp "$out/form/${forms[$v]}" "$site/first.bin"
  total=0; parts=""
  for f in index.html style.css boot.js first/pacer_first.js first/pacer_first_bg.wasm first.bin; do
    n=$(gz "$site/$f"); total=$((total + n)); parts="$parts $f=$n"
  done
  printf '%-8s %6s bytes:%s\n' "$v" "$total" "$parts"
done
