// didit-kit/verify: webhook verification only, backed by the verify-only WebAssembly module.
export {
  verifyWebhook,
  tryVerifyWebhook,
  canonicalize,
  signWebhook,
  verifyRequest,
  verifyNodeRequest,
  webhookMiddleware,
  keepRawBody,
  init,
  initSync,
} from '../index.js';
export type {
  RawBody,
  HeadersInput,
  WebhookMethod,
  WebhookTimeSource,
  VerifyWebhookOptions,
  WebhookVerification,
  DiditKitErrorCode,
  DiditKitError,
  CanonicalizeOptions,
  SignWebhookOptions,
  SignedWebhookHeaders,
  InitInput,
  NodeRequestLike,
  NodeResponseLike,
} from '../index.js';
