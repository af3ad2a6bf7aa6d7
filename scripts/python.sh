#!/usr/bin/env bash
# Prints the path of a Python interpreter with the test oracles installed (PyJWT), creating a
# virtual environment under target/py on first use. The machine's own Python is never modified.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=target/py
req=tests/python/requirements.txt
if ! cmp -s "$req" "$venv/.requirements" 2>/dev/null; then
  echo "[python] creating $venv with $(grep -v '^#' "$req" | tr '\n' ' ')" >&2
  rm -rf "$venv"
  python3 -m venv "$venv" >&2 || {
    # Debian's python3 ships venv separately.
    apt-get install -y python3-venv >&2 && python3 -m venv "$venv" >&2
  }
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$req" >&2
  cp "$req" "$venv/.requirements"
fi
echo "$PWD/$venv/bin/python"
