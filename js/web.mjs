// @ts-check
// The package for browsers and any runtime without a specific loader (the `browser` and `default`
// conditions): `await init()` once, then every function is synchronous. workerd.mjs and deno.mjs
// instantiate the module on import and re-export this file.
import * as glue from './wasm/full/didit_kit.mjs';
import { createApi } from './api.mjs';
import { httpHelpers } from './http.mjs';
import { idempotency } from './idempotency.mjs';
import { simulator } from './simulate.mjs';
import { loadable } from './init.mjs';

const { raw, init, initSync } = loadable(glue);
const api = createApi(raw);

export { init, initSync };
export const { verifyWebhook, tryVerifyWebhook, canonicalize, signWebhook } = api;
export const {
  inspectShareToken,
  assertShareTokenUsable,
  shareRequest,
  importRequest,
  mintTestShareToken,
  verifyShareTokenSignature,
} = api;
export const { parseSessionDecision, parseWebhookEvent, parseImportResponse, modelNotes, stringify } = api;
export const { verifyRequest, verifyNodeRequest, webhookMiddleware, webhookHandler, keepRawBody, koaWebhook, fastifyWebhook, verifyLambdaEvent, lambdaWebhook, webhookRejectionStatus } = httpHelpers(verifyWebhook, idempotency);
export { idempotency, keys, memoryStore, redisStore, REDIS_SCRIPTS, durableObjectStore, DiditIdempotencyObject, upstashRestClient } from './idempotency.mjs';
// Declared functions, so that a bundle using neither drops the simulator (tree shaking).
/** @param {any} options */
export function simulateDeliveries(options) {
  return simulator(api).simulateDeliveries(options);
}
/** @param {any} deliveries @param {string} url @param {any} [options] */
export function sendDeliveries(deliveries, url, options) {
  return simulator(api).sendDeliveries(deliveries, url, options);
}
