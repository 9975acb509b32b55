#!/usr/bin/env bash
# Installs whatever `make run` and `make test` need and is missing. Idempotent and quiet when all is there;
# a tool that cannot be installed fails loudly (no test is ever skipped for want of a tool).
set -euo pipefail
cd "$(dirname "$0")/.."

say() { echo "setup: $*" >&2; }
fail() { echo "setup: ERROR: $*" >&2; exit 1; }
need() { command -v "$1" >/dev/null 2>&1 || fail "$1 is missing ($2)"; }

need cargo "install Rust with rustup"
need rustup "install Rust with rustup"
need node "install Node.js 20 or newer"
need npm "install npm"
need python3 "install Python 3.11"

# 1. The wasm target.
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi
for component in rustfmt clippy; do
  if ! rustup component list --installed | grep -q "^$component"; then
    say "adding $component"
    rustup component add "$component"
  fi
done

# 2. wasm-bindgen-cli at exactly the version of the wasm-bindgen crate in Cargo.lock (a mismatch fails at
#    build time with "different bindgen format"). Not --locked: its lock file wants a crate this registry lacks.
want=$(awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
[ -n "$want" ] || fail "cannot find the wasm-bindgen version in Cargo.lock"
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" != "$want" ]; then
  say "installing wasm-bindgen-cli $want (about 8 minutes on 2 cores)"
  cargo install wasm-bindgen-cli --version "$want" --force --quiet
fi

# 2b. wasm-split-cli (wasm_split_cli_support), which cuts the player into the part the first item needs and
#     the rest (src/web/later.rs). Pinned: its output must match the wasm_split_helpers runtime in Cargo.lock.
split_want=0.2.3
if ! cargo install --list 2>/dev/null | grep -qx "wasm_split_cli_support v$split_want:"; then
  say "installing wasm-split-cli $split_want (about a minute on 2 cores)"
  cargo install wasm_split_cli_support --version "$split_want" --features build-binary --locked --force --quiet
fi

# 3. Debian's Chromium and ChromeDriver (never a downloaded browser).
if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
  [ "$(id -u)" = 0 ] || fail "Chromium is missing; run as root or: apt-get install chromium chromium-driver"
  say "installing chromium and chromium-driver"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
fi

# 4. Node test tooling (playwright-core, the xAPI validator, binaryen's wasm-opt), from package-lock.json.
sum=$(sha256sum package-lock.json | cut -d' ' -f1)
stamp=node_modules/.pacer-lock-sha256
if [ "$(cat "$stamp" 2>/dev/null || true)" != "$sum" ]; then
  say "npm ci"
  npm ci --no-audit --no-fund --loglevel=error >/dev/null
  echo "$sum" > "$stamp"
fi

# 5. The Python venv for the local Ralph LRS.
scripts/setup-lrs.sh
