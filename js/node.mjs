// @ts-check
// Node (ESM) entry, also used by Bun: wasm-bindgen's `web` glue instantiated synchronously on import
// from the embedded bytes (wasm/full/bytes.cjs), HMAC-SHA256 in node:crypto. Plain ESM with no
// require(), __dirname or file read, so a bundler (esbuild --format=esm, Next.js, AWS CDK) keeps it
// working in a single file. An app that also require()s didit-kit gets a second, independent
// instance (the API is stateless).
import { createHmac } from 'node:crypto';
import * as glue from './wasm/full/didit_kit.mjs';
import bytes from './wasm/full/bytes.cjs';
import { createApi } from './api.mjs';
import { httpHelpers } from './http.mjs';

/** @param {Uint8Array} key @param {Uint8Array} message */
const hmac = (key, message) => createHmac('sha256', key).update(message).digest();

glue.initSync({ module: bytes });
const api = createApi(/** @type {any} */ (glue), { hmac });

export const {
  verifyWebhook,
  tryVerifyWebhook,
  canonicalize,
  signWebhook,
  inspectShareToken,
  assertShareTokenUsable,
  shareRequest,
  importRequest,
  mintTestShareToken,
  verifyShareTokenSignature,
  parseSessionDecision,
  parseWebhookEvent,
  parseImportResponse,
  modelNotes,
  stringify,
} = api;
export const { verifyRequest, verifyNodeRequest, webhookMiddleware, keepRawBody } = httpHelpers(verifyWebhook);
// Loaded on import: these exist so that code written for browsers runs unchanged.
export const init = async () => {};
export const initSync = () => {};
