// @ts-check
'use strict';
// Node (CommonJS) loader, also used by Bun: wasm-bindgen's `nodejs` glue instantiates the module
// synchronously, and HMAC-SHA256 runs in node:crypto (OpenSSL, with the CPU's SHA extensions)
// instead of wasm.
const raw = require('./wasm/full/didit_kit.cjs');
const { createHmac } = require('node:crypto');
const { createApi } = require('./api.cjs');
const { httpHelpers } = require('./http.cjs');
const idempotency = require('./idempotency.cjs');
const { simulator } = require('./simulate.cjs');

/** @param {Uint8Array} key @param {Uint8Array} message */
const hmac = (key, message) => createHmac('sha256', key).update(message).digest();

const api = createApi(raw, { hmac });
module.exports = {
  ...api,
  ...httpHelpers(api.verifyWebhook, idempotency.idempotency),
  ...idempotency,
  ...simulator(api),
  // Loaded on require: these exist so that code written for browsers runs unchanged.
  init: async () => {},
  initSync: () => {},
};
