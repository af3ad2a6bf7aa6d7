// @ts-check
'use strict';
// Node (CommonJS) loader, also used by Bun and by node.mjs: wasm-bindgen's `nodejs` glue instantiates
// the module synchronously from the bytes embedded in wasm/full/bytes.cjs (no file to read, so a
// bundler has nothing to trace or copy), and HMAC-SHA256 runs in node:crypto (OpenSSL, with the
// CPU's SHA extensions) instead of wasm.
const raw = require('./wasm/full/didit_kit.cjs');
// node:crypto through process.getBuiltinModule (Node >= 20.16, Bun) where it exists: a bundler that
// turns this file into ESM (esbuild --format=esm, one file) cannot keep a require() of a built-in.
const { createHmac } =
  typeof process.getBuiltinModule === 'function' ? process.getBuiltinModule('node:crypto') : require('node:crypto');
const { createApi } = require('./api.cjs');
const { httpHelpers } = require('./http.cjs');

/** @param {Uint8Array} key @param {Uint8Array} message */
const hmac = (key, message) => createHmac('sha256', key).update(message).digest();

const api = createApi(raw, { hmac });
module.exports = {
  ...api,
  ...httpHelpers(api.verifyWebhook),
  // Loaded on require: these exist so that code written for browsers runs unchanged.
  init: async () => {},
  initSync: () => {},
};
