// @ts-check
'use strict';
// `didit-kit/verify` on Node and Bun (CommonJS): the verify-only module, loaded synchronously from
// its embedded bytes (wasm/verify/bytes.cjs; see ../node.cjs).
const raw = require('../wasm/verify/didit_kit.cjs');
const { hmac, latin1 } = require('../node-platform.cjs');
const { webhookApi } = require('../webhook.cjs');
const { httpHelpers } = require('../http.cjs');
const idempotency = require('../idempotency.cjs');

const { verifyWebhook, tryVerifyWebhook, canonicalize, signWebhook } = webhookApi(raw, { hmac, latin1 });
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
