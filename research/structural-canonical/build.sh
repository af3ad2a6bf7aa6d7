#!/bin/bash
# Builds the prototype's WebAssembly module at opt-level 3 and "s" (wasm-opt -O3 / -Oz, as the
# package's modules get -Oz) into build/, prints their sizes, and builds the native timing example.
# Needs the repository's dev tools (npm install at the root, for wasm-opt) and the wasm32 target.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$here"
wasm_opt="$root/node_modules/.bin/wasm-opt"
features=(--enable-simd --enable-bulk-memory --enable-sign-ext --enable-nontrapping-float-to-int --enable-mutable-globals)
mkdir -p build
RUSTFLAGS="-C target-feature=+simd128" cargo build --quiet --locked --release --lib --target wasm32-unknown-unknown
RUSTFLAGS="-C target-feature=+simd128" cargo build --quiet --locked --profile small --lib --target wasm32-unknown-unknown
"$wasm_opt" -O3 "${features[@]}" target/wasm32-unknown-unknown/release/didit_kit_structural_prototype.wasm -o build/proto-O3.wasm
"$wasm_opt" -Oz --strip-debug --strip-producers "${features[@]}" target/wasm32-unknown-unknown/small/didit_kit_structural_prototype.wasm -o build/proto-Os.wasm
# The index in safe code (what the library's no-`unsafe` rule costs; node safe-index.mjs).
RUSTFLAGS="-C target-feature=+simd128" cargo build --quiet --locked --profile small --lib --target wasm32-unknown-unknown --features safe-index
"$wasm_opt" -Oz --strip-debug --strip-producers "${features[@]}" target/wasm32-unknown-unknown/small/didit_kit_structural_prototype.wasm -o build/proto-Os-safe-index.wasm
# What any writer's module needs besides its own logic (allocator, UTF-8 check, buffers): the
# difference to proto-Os.wasm is the writer's own size.
RUSTFLAGS="-C target-feature=+simd128" cargo build --quiet --locked --profile small --lib --target wasm32-unknown-unknown --features size-baseline
"$wasm_opt" -Oz --strip-debug --strip-producers "${features[@]}" target/wasm32-unknown-unknown/small/didit_kit_structural_prototype.wasm -o build/baseline.wasm
cargo build --quiet --locked --release --example bench
for f in build/proto-O3.wasm build/proto-Os.wasm build/baseline.wasm; do
  printf '%-22s %7d B raw %7d B gzip -9\n' "$f" "$(stat -c %s "$f")" "$(gzip -9c "$f" | wc -c)"
done
