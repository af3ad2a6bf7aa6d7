// @ts-check
// `didit-kit/verify` for browsers and other runtimes: the verify-only WebAssembly module (no
// share-token inspection, no typed models), a fraction of the full module's size.
import * as glue from '../wasm/verify/didit_kit.mjs';
import { webhookApi } from '../webhook.mjs';
import {
  verifyRequestWith,
  verifyNodeRequestWith,
  webhookMiddlewareWith,
  webhookHandlerWith,
  koaWebhookWith,
  fastifyWebhookWith,
  verifyLambdaEventWith,
  lambdaWebhookWith,
} from '../http.mjs';
import { idempotency } from '../idempotency.mjs';
import { loadable, webCryptoPlatform } from '../init.mjs';

const { raw, init, initSync } = loadable(glue);
const api = webhookApi(raw, webCryptoPlatform());

export { init, initSync };
export const { verifyWebhook, tryVerifyWebhook, canonicalize, signWebhook } = api;
// One factory call per helper, each marked pure: a bundle that imports only verifyRequest keeps
// neither the Express, Koa, Fastify and Lambda helpers nor the idempotency guard.
// (The verifiers get a context without the idempotency guard, which they never use.)
// The async helpers verify with Web Crypto's HMAC where that is faster (workerd; init.mjs).
const { verifyWebhookNative } = api;
const http = { verifyWebhook, verifyWebhookNative, idempotency };
const verifyOnly = { verifyWebhook, verifyWebhookNative };
export const verifyRequest = /* @__PURE__ */ verifyRequestWith(verifyOnly);
export const verifyNodeRequest = /* @__PURE__ */ verifyNodeRequestWith(verifyOnly);
export const webhookMiddleware = /* @__PURE__ */ webhookMiddlewareWith(http);
export const webhookHandler = /* @__PURE__ */ webhookHandlerWith(http);
export const koaWebhook = /* @__PURE__ */ koaWebhookWith(http);
export const fastifyWebhook = /* @__PURE__ */ fastifyWebhookWith(http);
export const verifyLambdaEvent = /* @__PURE__ */ verifyLambdaEventWith(verifyOnly);
export const lambdaWebhook = /* @__PURE__ */ lambdaWebhookWith(http);
export { keepRawBody, webhookRejectionStatus } from '../http.mjs';
export { idempotency, keys, memoryStore, redisStore, REDIS_SCRIPTS, durableObjectStore, DiditIdempotencyObject, upstashRestClient } from '../idempotency.mjs';
