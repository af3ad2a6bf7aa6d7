// didit-kit/verify: webhook verification only, backed by the verify-only WebAssembly module.
export {
  verifyWebhook,
  tryVerifyWebhook,
  verifyRequest,
  verifyNodeRequest,
  webhookMiddleware,
  webhookHandler,
  keepRawBody,
  koaWebhook,
  fastifyWebhook,
  verifyLambdaEvent,
  lambdaWebhook,
  webhookRejectionStatus,
  idempotency,
  keys,
  memoryStore,
  redisStore,
  REDIS_SCRIPTS,
  durableObjectStore,
  DiditIdempotencyObject,
  upstashRestClient,
  init,
  initSync,
} from '../index.js';
import type { RawBody, CanonicalizeOptions, SignWebhookOptions } from '../index.js';
/**
 * Not in `didit-kit/verify`: always throws `ERR_NOT_IN_THIS_BUILD`. The verification-only module
 * leaves signing and canonicalizing out (2.4 KB gzip); import `canonicalize` from `didit-kit`.
 * @deprecated Import `canonicalize` from `didit-kit`.
 */
export declare function canonicalize(body: RawBody, options?: CanonicalizeOptions): never;
/**
 * Not in `didit-kit/verify`: always throws `ERR_NOT_IN_THIS_BUILD`. The verification-only module
 * leaves signing and canonicalizing out (2.4 KB gzip); import `signWebhook` from `didit-kit`
 * (in tests, or in a script of its own).
 * @deprecated Import `signWebhook` from `didit-kit`.
 */
export declare function signWebhook(body: RawBody, secret: string, options?: SignWebhookOptions): never;
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
  KoaContextLike,
  LambdaEventLike,
  LambdaResult,
  WebhookHelperOptions,
  IdempotencyInfo,
  IdempotencyStore,
  IdempotencyEvent,
  IdempotencyKey,
  IdempotencyOptions,
  IdempotencyClaim,
  IdempotencyGuard,
} from '../index.js';
