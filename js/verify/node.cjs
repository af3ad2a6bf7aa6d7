// @ts-check
'use strict';
// `didit-kit/verify` on Node and Bun (CommonJS): the verify-only module, loaded synchronously from
// its embedded bytes (wasm/verify/bytes.cjs; see ../node.cjs).
const raw = require('../wasm/verify/didit_kit.cjs');
// node:crypto through process.getBuiltinModule (Node >= 20.16, Bun) where it exists: a bundler that
// turns this file into ESM (esbuild --format=esm, one file) cannot keep a require() of a built-in.
const { createHmac } =
  typeof process.getBuiltinModule === 'function' ? process.getBuiltinModule('node:crypto') : require('node:crypto');
const { isAscii } =
  typeof process.getBuiltinModule === 'function' ? process.getBuiltinModule('node:buffer') : require('node:buffer');
const { webhookApi } = require('../webhook.cjs');
const { httpHelpers } = require('../http.cjs');
const idempotency = require('../idempotency.cjs');

/** @param {Uint8Array} key @param {Uint8Array} message */
const hmac = (key, message) => createHmac('sha256', key).update(message).digest();
/**
 * ASCII bytes as text (their Latin-1 reading is the same text): the payload snapshot of a delivery
 * in Didit's wire format, cheaper than copying the bytes; undefined for any other bytes.
 * @param {Uint8Array} bytes
 */
const text = (bytes) =>
  typeof isAscii === 'function' && isAscii(bytes) ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1') : undefined;

const { verifyWebhook, tryVerifyWebhook, canonicalize, signWebhook } = webhookApi(raw, { hmac, text });
module.exports = {
  verifyWebhook,
  tryVerifyWebhook,
  canonicalize,
  signWebhook,
  ...httpHelpers(verifyWebhook, idempotency.idempotency),
  ...idempotency,
  init: async () => {},
  initSync: () => {},
};
