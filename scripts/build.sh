#!/usr/bin/env bash
# Builds the player (wasm + JS glue, shrunk with binaryen's wasm-opt), the native `pacer` CLI, and lays out
# dist/: the host page from www/, the player in dist/player/, the demo course in dist/course/.
set -euo pipefail
cd "$(dirname "$0")/.."

LRS_PORT=${LRS_PORT:-8100}

# The player first: the CLI is built last, with the finished player inside it (see build.rs), so
# `pacer preview` works from the binary alone. A clean clone builds in this order; `cargo build` and
# `cargo test` alone build a CLI without the player, which then looks beside itself or takes --player.
cargo build --quiet --release --lib --target wasm32-unknown-unknown --no-default-features --features split
rm -rf dist
mkdir -p dist/player dist/course

target=${CARGO_TARGET_DIR:-target}
rm -rf dist/split && mkdir -p dist/split
wasm-split-cli "$target/wasm32-unknown-unknown/release/pacer.wasm" dist/split --out-name pacer
wasm-bindgen --target web --no-typescript --keep-lld-exports --out-dir dist/player dist/split/pacer.wasm
cp dist/split/__wasm_split.js dist/player/
# -Oz, run until it stops shrinking (--converge), and told the low 1 KiB of memory is never addressed
# (--low-memory-unused, so it may fold constant offsets into loads and stores): rustc's wasm32 layout puts
# the stack first, growing down from 1 MiB, and the data above it, so nothing lives at the bottom. Together
# about 4.7 KB gzip off the first module and 1.3 KB off the later part (#19).
opt=(-Oz --converge --low-memory-unused)
for chunk in dist/split/split_*.wasm; do
  node_modules/.bin/wasm-opt "${opt[@]}" "$chunk" -o "dist/player/$(basename "$chunk")"
done
rm -rf dist/split
node_modules/.bin/wasm-opt "${opt[@]}" dist/player/pacer_bg.wasm -o dist/player/pacer_bg.wasm

# The first-item module (crates/first, #19): the core alone, without the relocations the player's split
# needs (they would ship as custom sections), so in its own target dir.
RUSTFLAGS="-Cdebuginfo=0" CARGO_TARGET_DIR="$target/first" \
  cargo build --quiet --release -p pacer-first --target wasm32-unknown-unknown
wasm-bindgen --target web --no-typescript --out-name first --out-dir dist/player \
  "$target/first/wasm32-unknown-unknown/release/pacer_first.wasm"
node_modules/.bin/wasm-opt "${opt[@]}" dist/player/first_bg.wasm -o dist/player/first_bg.wasm

cp -r www/. dist/
cp pkg.json dist/course/
cp -r content dist/course/

# The service worker precaches the player under a version named by the hash of its files.
precache=(index.html app.js embed.js style.css manifest.webmanifest icon.svg player/first.js player/first_bg.wasm player/pacer.js player/pacer_bg.wasm player/__wasm_split.js $(cd dist && ls player/split_*.wasm))
version=$(cd dist && cat "${precache[@]}" | sha256sum | cut -c1-16)
list=$(printf '"%s",' "${precache[@]}"); list="[${list%,}]"
sed -i "s|'__PACER_VERSION__'|'${version}'|; s|__PACER_PRECACHE__|${list}|" dist/sw.js

# The default config wires the page to the local development LRS of `make run`. Operators embed the
# player with their own config (see README); these development credentials are never for production.
cat > dist/config.json <<JSON
{
  "packageUrl": "course/pkg.json",
  "lrs": { "endpoint": "http://127.0.0.1:${LRS_PORT}/xAPI/", "auth": "Basic $(printf 'pacer:pacer' | base64)" }
}
JSON

# Last: the CLI, with the player laid out above built into it.
PACER_PLAYER_DIR="$PWD/dist" cargo build --quiet --release --bin pacer
# The demo course's first-item form, for the config above (the CLI does not carry the course).
"$target/release/pacer" first dist/course --config dist/config.json -o dist/course/first.bin
