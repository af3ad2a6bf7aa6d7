// @ts-check
// `didit-kit/verify` on Node and Bun (ESM): the verify-only module instantiated synchronously on import
// from its embedded bytes; plain ESM, so it survives bundling into one file (see ../node.mjs).
import { createHmac } from 'node:crypto';
import * as glue from '../wasm/verify/didit_kit.mjs';
import bytes from '../wasm/verify/bytes.cjs';
import { createApi } from '../api.mjs';
import { httpHelpers } from '../http.mjs';

/** @param {Uint8Array} key @param {Uint8Array} message */
const hmac = (key, message) => createHmac('sha256', key).update(message).digest();

glue.initSync({ module: bytes });
const api = createApi(/** @type {any} */ (glue), { hmac });

export const { verifyWebhook, tryVerifyWebhook, canonicalize, signWebhook } = api;
export const { verifyRequest, verifyNodeRequest, webhookMiddleware, keepRawBody } = httpHelpers(verifyWebhook);
export const init = async () => {};
export const initSync = () => {};
