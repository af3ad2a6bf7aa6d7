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
const { isAscii } =
  typeof process.getBuiltinModule === 'function' ? process.getBuiltinModule('node:buffer') : require('node:buffer');
const { createApi } = require('./api.cjs');
const { httpHelpers } = require('./http.cjs');
const idempotency = require('./idempotency.cjs');
const { simulator } = require('./simulate.cjs');

/** @param {Uint8Array} key @param {Uint8Array} message */
const hmac = (key, message) => createHmac('sha256', key).update(message).digest();
/**
 * The payload snapshot as a Latin-1 string: one character per byte, so any bytes survive it
 * (`Buffer.from(text, 'latin1')` gives them back), and for an ASCII body (Didit's wire format) it
 * is the text itself. A one-byte string costs a fraction of a new ArrayBuffer, whose backing
 * store and its garbage collection cost 9-14 µs for a 37 KB body (bench/ab.mjs, December 2026).
 */
const latin1 = {
  /** @param {Uint8Array} bytes (a Buffer is read as it is: a new view of it cost 1 µs) */
  text: (bytes) => (bytes instanceof Buffer ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)).toString('latin1'),
  /** @param {string} text */
  bytes: (text) => Buffer.from(text, 'latin1'),
  /** @param {Uint8Array} bytes */
  isAscii: typeof isAscii === 'function' ? isAscii : () => false,
};

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
