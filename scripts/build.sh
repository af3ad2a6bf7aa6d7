#!/usr/bin/env bash
# Builds both WebAssembly modules and assembles the npm package in pkg/:
#   full    default features: everything the main entry (`didit-kit`) exposes
#   verify  --no-default-features: webhook verification only (`didit-kit/verify`, what a Worker loads)
# Each module gets wasm-bindgen's `nodejs` glue (CommonJS, synchronous: Node and Bun) and its `web`
# glue (ESM: browsers, workerd, Deno); wasm-bindgen emits the same .wasm for both targets (checked
# below), so one file per module is optimised by wasm-opt (npm `binaryen`; Debian's breaks
# wasm-bindgen output) and shipped for every runtime.
set -euo pipefail
cd "$(dirname "$0")/.."

mode=$(bash scripts/setup.sh)
if [ ! -x node_modules/.bin/wasm-opt ]; then
  echo "[build] installing the npm dev tools (wasm-opt from binaryen)" >&2
  npm install --no-audit --no-fund --loglevel=error >&2   # the locked versions (see scripts/test.sh)
fi

wasm=target/wasm32-unknown-unknown/release/didit_kit.wasm
cargo_build() {
  if [ "$mode" = debian ]; then
    # Debian's rustc-web has the wasm target's sources but no prebuilt std: build it, linking with
    # rustup's rust-lld.
    PATH="$(rustc +stable --print sysroot)/lib/rustlib/x86_64-unknown-linux-gnu/bin:$PATH" \
    RUSTC_BOOTSTRAP=1 /usr/bin/cargo build --release --locked --target wasm32-unknown-unknown \
      -Zbuild-std=std,panic_abort "$@"
  else
    cargo build --release --locked --target wasm32-unknown-unknown "$@"
  fi
}

# The features rustc enables by default for wasm32-unknown-unknown; wasm-opt must accept them all.
WASM_FEATURES=(--enable-bulk-memory --enable-mutable-globals --enable-nontrapping-float-to-int
  --enable-sign-ext --enable-reference-types --enable-multivalue)

rm -rf pkg
mkdir -p pkg/verify
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for variant in full verify; do
  if [ "$variant" = full ]; then cargo_build; else cargo_build --no-default-features; fi
  wasm-bindgen --target nodejs --no-typescript --out-dir "$tmp/$variant/node" --out-name didit_kit "$wasm"
  wasm-bindgen --target web --no-typescript --out-dir "$tmp/$variant/web" --out-name didit_kit "$wasm"
  if ! cmp -s "$tmp/$variant/node/didit_kit_bg.wasm" "$tmp/$variant/web/didit_kit_bg.wasm"; then
    echo "[build] wasm-bindgen emitted different modules for the nodejs and web targets" >&2; exit 1
  fi
  out=pkg/wasm/$variant
  mkdir -p "$out"
  # -Oz: smallest code; the names section and producers are dropped (wasm-bindgen needs neither).
  node_modules/.bin/wasm-opt -Oz --strip-debug --strip-producers "${WASM_FEATURES[@]}" \
    "$tmp/$variant/web/didit_kit_bg.wasm" -o "$out/didit_kit_bg.wasm"
  cp "$tmp/$variant/node/didit_kit.js" "$out/didit_kit.cjs"
  cp "$tmp/$variant/web/didit_kit.js" "$out/didit_kit.mjs"
  cp "$tmp/$variant/web/didit_kit_bg.wasm" "$tmp/$variant.unoptimised.wasm"
done

# Everything in pkg/ but the wasm modules: the JS, the types, the devtools page, package.json.
bash scripts/build-js.sh

node scripts/size.mjs "$tmp/full.unoptimised.wasm" "$tmp/verify.unoptimised.wasm" >&2
