#!/usr/bin/env bash
# Installs what the build needs on a fresh machine; does nothing that is already done.
#  - the wasm32-unknown-unknown target (rustup; Debian's rustc-web as a fallback)
#  - wasm-bindgen-cli at exactly the version Cargo.lock pins for the wasm-bindgen crate
# Prints the build mode for scripts/build.sh: "rustup" or "debian".
set -euo pipefail
cd "$(dirname "$0")/.."

log() { echo "[setup] $*" >&2; }

mode=rustup
if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  log "adding the wasm32-unknown-unknown target"
  if ! rustup target add wasm32-unknown-unknown >&2; then
    log "rustup could not download the target; falling back to Debian's rustc-web + build-std"
    apt-get install -y rustc-web cargo-web rust-web-src >&2
    mode=debian
  fi
fi

want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3; exit }' Cargo.lock)
if [ -z "$want" ]; then
  log "cannot read the wasm-bindgen version from Cargo.lock"; exit 1
fi
have=$(wasm-bindgen --version 2>/dev/null | awk '{ print $2 }' || true)
if [ "$have" != "$want" ]; then
  log "installing wasm-bindgen-cli $want (found: ${have:-none}); this compiles for several minutes"
  cargo install wasm-bindgen-cli --version "$want" >&2
fi

if ! command -v node >/dev/null; then
  log "node is required (Node 20 or later)"; exit 1
fi
echo "$mode"
