// @ts-check
// didit-kit/verify, Node (ESM) entry: the same instance as the CommonJS entry (the API is stateless, so sharing
// it avoids loading the wasm module twice when both entries are used).
import api from './node.cjs';

export const { verifyWebhook, tryVerifyWebhook, canonicalize, signWebhook } = api;
export const { verifyRequest, verifyNodeRequest, webhookMiddleware, keepRawBody, koaWebhook, fastifyWebhook, verifyLambdaEvent, lambdaWebhook, webhookRejectionStatus, init, initSync } = api;
