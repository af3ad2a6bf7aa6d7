// @ts-check
// `didit-kit/verify` for browsers and other runtimes: the verify-only WebAssembly module (no
// share-token inspection, no typed models), a fraction of the full module's size.
import * as glue from '../wasm/verify/didit_kit.mjs';
import { webhookApi } from '../webhook.mjs';
import { httpHelpers } from '../http.mjs';
import { loadable } from '../init.mjs';

const { raw, init, initSync } = loadable(glue);
const api = webhookApi(raw);

export { init, initSync };
export const { verifyWebhook, tryVerifyWebhook, canonicalize, signWebhook } = api;
export const { verifyRequest, verifyNodeRequest, webhookMiddleware, keepRawBody } = httpHelpers(verifyWebhook);
