#!/usr/bin/env bash
# The demo: builds the package if needed (installing what it needs), then verifies the bundled
# sample Didit deliveries (genuine, tampered, stale, replayed...) and says what it decided and why.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f pkg/wasm/full/didit_kit_full_bg.wasm ]; then bash scripts/build.sh; fi
exec node examples/demo.mjs "$@"
