#!/usr/bin/env bash
# Assembles everything in pkg/ except the WebAssembly modules (pkg/wasm/, made by scripts/build.sh,
# which calls this script): the JS API and loaders, the CommonJS bundles, the CLI and devtools page,
# the type declarations and package.json. About a second: after editing only js/, run
#   npm run build:js
# instead of the full build (DEVELOPING.md).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -f pkg/wasm/full/didit_kit_full_bg.wasm ] || [ ! -f pkg/wasm/verify/didit_kit_verify_bg.wasm ]; then
  echo "[build-js] pkg/wasm/ is missing: run scripts/build.sh (npm run build) once first" >&2; exit 1
fi
find pkg -mindepth 1 -maxdepth 1 ! -name wasm -exec rm -rf {} +
mkdir -p pkg/verify

# The shared JS is written once as ESM (js/*.mjs, copied as is); the CommonJS loaders require one
# esbuild bundle per entry's API (no transformation but the module format; no minification, so
# stack traces read like the source).
cjs() { # source.mjs output.cjs
  node_modules/.bin/esbuild "js/$1" --bundle --format=cjs --platform=neutral --target=es2022 \
    --log-level=warning --outfile="pkg/$2"
}
cjs api.mjs api.cjs          # the full API (didit-kit)
cjs webhook.mjs webhook.cjs  # verification only (didit-kit/verify)
cjs http.mjs http.cjs        # the framework helpers
cjs idempotency.mjs idempotency.cjs  # exactly-once processing and its stores
cjs simulate.mjs simulate.cjs        # the delivery simulator (didit-kit only)

# Every ESM module and CommonJS loader in js/ ships (js/package.json `files` says the same).
cp js/*.mjs js/*.cjs pkg/
mkdir -p pkg/stores
cp js/stores/*.mjs pkg/stores/
cp js/verify/*.cjs js/verify/*.mjs pkg/verify/
# The command line (`npx didit-kit`, copied above) and the offline devtools page it serves.
chmod +x pkg/cli.mjs
mkdir -p pkg/devtools
cp js/devtools/* pkg/devtools/
node scripts/standalone.mjs
# One hand-written declaration file per entry, also as .d.mts for ESM resolution (import).
cp js/index.d.ts pkg/index.d.ts
cp js/index.d.ts pkg/index.d.mts
cp js/models.d.ts pkg/models.d.ts
cp js/verify/index.d.ts pkg/verify/index.d.ts
sed -e "s#'../index.js'#'../index.mjs'#" js/verify/index.d.ts > pkg/verify/index.d.mts
# The README's links into the repository (not in the package) point at it on GitHub.
sed 's#](DEVELOPING.md)#](https://github.com/didit-kit/didit-kit/blob/main/DEVELOPING.md)#g' README.md > pkg/README.md
mkdir -p pkg/docs
cp docs/*.md pkg/docs/   # the README's links resolve inside node_modules too
version=$(awk -F'"' '/^version = / { print $2; exit }' Cargo.toml)
sed -e "s/0.0.0-set-by-build/$version/" js/package.json > pkg/package.json

