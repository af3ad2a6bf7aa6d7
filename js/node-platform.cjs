// @ts-check
'use strict';
// What Node (and Bun) offer the verifier besides the module, shared by both Node loaders
// (node.cjs, verify/node.cjs): HMAC-SHA256 in node:crypto (OpenSSL, with the CPU's SHA
// extensions) instead of wasm, and a cheap payload snapshot.
// Built-ins through process.getBuiltinModule (Node >= 20.16, Bun) where it exists: a bundler that
// turns this file into ESM (esbuild --format=esm, one file) cannot keep a require() of a built-in.
const { createHmac } =
  typeof process.getBuiltinModule === 'function' ? process.getBuiltinModule('node:crypto') : require('node:crypto');
const { isAscii } =
  typeof process.getBuiltinModule === 'function' ? process.getBuiltinModule('node:buffer') : require('node:buffer');

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

module.exports = { hmac, latin1 };
