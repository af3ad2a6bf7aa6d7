#!/usr/bin/env bash
# Builds both WebAssembly modules and assembles the npm package in pkg/:
#   full    share-token, models and tools: everything the main entry (`didit-kit`) exposes
#   verify  --no-default-features: webhook verification only (`didit-kit/verify`, what a Worker loads;
#           no signWebhook or canonicalize, which the JS of that entry answers with ERR_NOT_IN_THIS_BUILD)
# Each module gets wasm-bindgen's `nodejs` glue (CommonJS, synchronous: Node and Bun) and its `web`
# glue (ESM: browsers, workerd, Deno, edge runtimes, and node.mjs); wasm-bindgen emits the same .wasm
# for both targets (checked below), so one file per module is optimised by wasm-opt (npm `binaryen`;
# Debian's breaks wasm-bindgen output) and shipped as wasm/<variant>/didit_kit_<variant>_bg.wasm
# and, base64, as wasm/<variant>/bytes.cjs (what Node and Bun load; see docs/runtimes.md).
set -euo pipefail
cd "$(dirname "$0")/.."

mode=$(bash scripts/setup.sh)
if [ ! -x node_modules/.bin/wasm-opt ]; then
  echo "[build] installing the npm dev tools (wasm-opt from binaryen)" >&2
  npm install --no-audit --no-fund --loglevel=error >&2   # the locked versions (see scripts/test.sh)
fi

wasm=target/wasm32-unknown-unknown/release/didit_kit.wasm
# The panic locations that stay in the modules name the dependencies' sources by path: without the
# machine's cargo home in front, the modules are the same wherever they are built (and smaller).
for registry in "${CARGO_HOME:-$HOME/.cargo}"/registry/src/*/; do
  RUSTFLAGS="${RUSTFLAGS:-} --remap-path-prefix=$registry="
done
export RUSTFLAGS="${RUSTFLAGS:-}"
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

# The features rustc enables by default for wasm32-unknown-unknown, and SIMD, which the fast path's
# scan enables for itself (#[target_feature] in src/webhook/fast.rs); wasm-opt must accept them all.
WASM_FEATURES=(--enable-simd --enable-bulk-memory --enable-mutable-globals --enable-nontrapping-float-to-int
  --enable-sign-ext --enable-reference-types --enable-multivalue)

rm -rf pkg
mkdir -p pkg/verify
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for variant in full verify; do
  # Both without the `std` feature: the crate is then no_std, so std's panic machinery (which links
  # core::fmt) stays out of the modules and a panic traps at once (src/lib.rs).
  if [ "$variant" = full ]; then cargo_build --no-default-features --features share-token,models,tools; else cargo_build --no-default-features; fi
  # Distinct names (didit_kit_full_bg.wasm, didit_kit_verify_bg.wasm): a bundler or a person copying
  # the assets of an app that imports both entry points cannot mix them up.
  name=didit_kit_$variant
  # --experimental-reset-state-function: the glue exports `__wbg_reset_state()`, which replaces the
  # instance (fresh memory) from the already compiled module. js/instance.mjs calls it after a trap
  # and when one call grew the memory past a threshold (wasm memory never shrinks).
  wasm-bindgen --target nodejs --no-typescript --experimental-reset-state-function --out-dir "$tmp/$variant/node" --out-name "$name" "$wasm"
  wasm-bindgen --target web --no-typescript --experimental-reset-state-function --out-dir "$tmp/$variant/web" --out-name "$name" "$wasm"
  if ! cmp -s "$tmp/$variant/node/${name}_bg.wasm" "$tmp/$variant/web/${name}_bg.wasm"; then
    echo "[build] wasm-bindgen emitted different modules for the nodejs and web targets" >&2; exit 1
  fi
  out=pkg/wasm/$variant
  mkdir -p "$out"
  # -Oz: smallest code; the names section and producers are dropped (wasm-bindgen needs neither).
  # Run twice: the second pass finds what the first one's inlining and merging exposed (-180 B gzip
  # verify, -250 B full; --converge, --gufa and --flatten --rereloop were measured and won less or
  # restructure control flow).
  node_modules/.bin/wasm-opt -Oz -Oz --strip-debug --strip-producers "${WASM_FEATURES[@]}" \
    "$tmp/$variant/web/${name}_bg.wasm" -o "$out/${name}_bg.wasm"
  # Node and Bun: the module's bytes are embedded (base64) in bytes.cjs, which the CommonJS glue loads
  # (node.mjs re-exports node.cjs), so that a bundler (Next.js, esbuild, AWS CDK) has no file to trace
  # or copy and a single-file bundle runs from an empty folder. The glue's `readFileSync(__dirname/...)` is replaced.
  node -e 'const b = require("fs").readFileSync(process.argv[1]);
    process.stdout.write("// The WebAssembly module " + require("path").basename(process.argv[1]) + " (" + b.length +
      " bytes), base64: Node and Bun load it from here, so bundlers have no .wasm file to copy.\n" +
      "module.exports = Buffer.from(\"" + b.toString("base64") + "\", \"base64\");\n")' \
    "$out/${name}_bg.wasm" > "$out/bytes.cjs"
  read_line="const wasmBytes = require('fs').readFileSync(wasmPath);"
  if [ "$(grep -cF "$read_line" "$tmp/$variant/node/$name.js")" != 1 ] || ! grep -q '^const wasmPath = ' "$tmp/$variant/node/$name.js"; then
    echo "[build] wasm-bindgen's nodejs glue no longer reads the module with readFileSync: update build.sh" >&2; exit 1
  fi
  grep -v '^const wasmPath = ' "$tmp/$variant/node/$name.js" |
    sed -e "s|^const wasmBytes = require('fs').readFileSync(wasmPath);|const wasmBytes = require('./bytes.cjs');|" > "$out/didit_kit.cjs"
  # initSync(module): the glue tests `module instanceof WebAssembly.Module`, which is false for a module
  # compiled in another realm (Next.js's edge sandbox compiles `.wasm?module` imports outside the vm
  # context that runs the route), and would then try to compile the module object as bytes.
  check_line='    if (!(module instanceof WebAssembly.Module)) {'
  if [ "$(grep -cF "$check_line" "$tmp/$variant/web/$name.js")" != 1 ]; then
    echo "[build] wasm-bindgen's web glue changed its initSync module test: update build.sh" >&2; exit 1
  fi
  sed -e "s|^    if (!(module instanceof WebAssembly.Module)) {|    if (!(module instanceof WebAssembly.Module) \&\& Object.prototype.toString.call(module) !== '[object WebAssembly.Module]') {|" \
    "$tmp/$variant/web/$name.js" > "$out/didit_kit.mjs"
  cp "$tmp/$variant/web/${name}_bg.wasm" "$tmp/$variant.unoptimised.wasm"
done

# Everything in pkg/ but the wasm modules: the JS, the types, the devtools page, package.json.
bash scripts/build-js.sh

node scripts/size.mjs "$tmp/full.unoptimised.wasm" "$tmp/verify.unoptimised.wasm" >&2
