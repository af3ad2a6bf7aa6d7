// @ts-check
'use strict';
// Node (CommonJS) loader, also used by Bun and by node.mjs: wasm-bindgen's `nodejs` glue instantiates
// the module synchronously from the bytes embedded in wasm/full/bytes.cjs (no file to read, so a
// bundler has nothing to trace or copy), and HMAC-SHA256 runs in node:crypto (OpenSSL, with the
// CPU's SHA extensions) instead of wasm.
const raw = require('./wasm/full/didit_kit.cjs');
const { hmac, latin1 } = require('./node-platform.cjs');
const { createApi } = require('./api.cjs');
const { httpHelpers } = require('./http.cjs');
const idempotency = require('./idempotency.cjs');
const { simulator } = require('./simulate.cjs');

const api = createApi(raw, { hmac, latin1 });
module.exports = {
  ...api,
  ...httpHelpers(api.verifyWebhook, idempotency.idempotency),
  ...idempotency,
  ...simulator(api),
  // Loaded on require: these exist so that code written for browsers runs unchanged.
  init: async () => {},
  initSync: () => {},
};
