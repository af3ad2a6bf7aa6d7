// @ts-check
// The package for browsers and any runtime without a specific loader (the `browser` and `default`
// conditions): `await init()` once, then every function is synchronous. workerd.mjs and deno.mjs
// instantiate the module on import and re-export this file.
import * as glue from './wasm/full/didit_kit.mjs';
import { createApi } from './api.mjs';
import { httpHelpers } from './http.mjs';
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
export const { verifyRequest, verifyNodeRequest, webhookMiddleware, keepRawBody, koaWebhook, fastifyWebhook, verifyLambdaEvent, lambdaWebhook, webhookRejectionStatus } = httpHelpers(verifyWebhook);
