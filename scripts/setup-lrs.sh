#!/usr/bin/env bash
# Makes the Python venv of the local Ralph LRS in .venv. Reinstalls only when lrs/requirements.txt changed.
set -euo pipefail
cd "$(dirname "$0")/.."

stamp=.venv/.pacer-requirements-sha256
sum=$(sha256sum lrs/requirements.txt | cut -d' ' -f1)
if [ -x .venv/bin/python ] && [ "$(cat "$stamp" 2>/dev/null || true)" = "$sum" ]; then
  exit 0
fi
echo "setup: making the LRS venv (.venv) from lrs/requirements.txt" >&2
python3 -m venv .venv || { echo "setup: ERROR: python3 -m venv failed (apt-get install python3-venv?)" >&2; exit 1; }
.venv/bin/pip install --quiet --disable-pip-version-check -r lrs/requirements.txt \
  || { echo "setup: ERROR: pip could not install lrs/requirements.txt" >&2; exit 1; }
echo "$sum" > "$stamp"
