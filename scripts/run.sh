#!/usr/bin/env bash
# `make run`: the demo course at http://127.0.0.1:$PORT/ with a local Ralph LRS at 127.0.0.1:$LRS_PORT.
set -euo pipefail
cd "$(dirname "$0")/.."

PORT=${PORT:-8080}
LRS_PORT=${LRS_PORT:-8100}
export LRS_PORT
scripts/build.sh

mkdir -p .lrs/data
.venv/bin/python lrs/pacer_lrs.py --host 127.0.0.1 --port "$LRS_PORT" --data-dir .lrs/data \
  --origin "http://127.0.0.1:$PORT" --origin "http://localhost:$PORT" --user pacer:pacer > .lrs/lrs.log 2>&1 &
lrs_pid=$!
trap 'kill "$lrs_pid" 2>/dev/null; wait "$lrs_pid" 2>/dev/null || true' EXIT INT TERM

for _ in $(seq 1 100); do
  grep -q PACER_LRS_READY .lrs/lrs.log 2>/dev/null && break
  kill -0 "$lrs_pid" 2>/dev/null || { cat .lrs/lrs.log >&2; echo "run: the LRS did not start" >&2; exit 1; }
  sleep 0.2
done

cat <<MSG

  Pacer demo course:  http://127.0.0.1:$PORT/
  Local LRS (Ralph):  http://127.0.0.1:$LRS_PORT/xAPI/   user pacer, password pacer
                      (statements: curl -u pacer:pacer -H 'X-Experience-API-Version: 1.0.3' \\
                         http://127.0.0.1:$LRS_PORT/xAPI/statements)
  Ctrl-C stops both.

MSG
target/release/pacer serve dist --host 127.0.0.1 --port "$PORT"
