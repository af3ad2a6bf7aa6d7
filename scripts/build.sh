#!/usr/bin/env bash
# Builds the release wasm, runs wasm-bindgen, and assembles the npm package in pkg/.
set -euo pipefail
cd "$(dirname "$0")/.."

mode=$(bash scripts/setup.sh)
wasm=target/wasm32-unknown-unknown/release/didit_kit.wasm
if [ "$mode" = debian ]; then
  # Debian's rustc-web has the wasm target's sources but no prebuilt std: build it, linking with
  # rustup's rust-lld.
  PATH="$(rustc +stable --print sysroot)/lib/rustlib/x86_64-unknown-linux-gnu/bin:$PATH" \
  RUSTC_BOOTSTRAP=1 /usr/bin/cargo build --release --locked --target wasm32-unknown-unknown \
    -Zbuild-std=std,panic_abort
else
  cargo build --release --locked --target wasm32-unknown-unknown
fi

rm -rf pkg
mkdir -p pkg/wasm
wasm-bindgen --target nodejs --no-typescript --out-dir pkg/wasm --out-name didit_kit "$wasm"

# The shared API is written once as ESM; the CommonJS copy differs only in its export line.
grep -q '^export function createApi(' js/api.mjs
sed -e 's/^export function createApi(/function createApi(/' js/api.mjs > pkg/api.cjs
printf "\nmodule.exports = { createApi };\n" >> pkg/api.cjs
if grep -qE '^(export|import) ' pkg/api.cjs; then echo "api.cjs still has ESM syntax" >&2; exit 1; fi

cp js/node.cjs js/node.mjs js/index.d.ts js/models.d.ts pkg/
cp README.md pkg/README.md
version=$(awk -F'"' '/^version = / { print $2; exit }' Cargo.toml)
sed -e "s/0.0.0-set-by-build/$version/" js/package.json > pkg/package.json

raw=$(wc -c < pkg/wasm/didit_kit_bg.wasm)
gz=$(gzip -9 -c pkg/wasm/didit_kit_bg.wasm | wc -c)
echo "[build] pkg/ ready: didit_kit_bg.wasm $raw bytes raw, $gz bytes gzip -9" >&2
