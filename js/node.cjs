// @ts-check
'use strict';
// Node (CommonJS) loader: wasm-bindgen's `nodejs` glue instantiates the module synchronously,
// and HMAC-SHA256 runs in node:crypto (OpenSSL, with the CPU's SHA extensions) instead of wasm.
const raw = require('./wasm/didit_kit.js');
const { createHmac } = require('node:crypto');
const { createApi } = require('./api.cjs');

/** @param {Uint8Array} key @param {Uint8Array} message */
const hmac = (key, message) => createHmac('sha256', key).update(message).digest();

module.exports = createApi(raw, { hmac });
