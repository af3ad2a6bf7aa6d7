// @ts-check
'use strict';
// `didit-kit/verify` on Node and Bun (CommonJS): the verify-only module, loaded synchronously.
const raw = require('../wasm/verify/didit_kit.cjs');
const { createHmac } = require('node:crypto');
const { webhookApi } = require('../webhook.cjs');
const { httpHelpers } = require('../http.cjs');

/** @param {Uint8Array} key @param {Uint8Array} message */
const hmac = (key, message) => createHmac('sha256', key).update(message).digest();

const { verifyWebhook, tryVerifyWebhook, canonicalize, signWebhook } = webhookApi(raw, { hmac });
module.exports = {
  verifyWebhook,
  tryVerifyWebhook,
  canonicalize,
  signWebhook,
  ...httpHelpers(verifyWebhook),
  init: async () => {},
  initSync: () => {},
};
