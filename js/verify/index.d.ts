// didit-kit/verify: webhook verification only, backed by the verify-only WebAssembly module.
// `signWebhook` and `canonicalize` are not declared here: that module leaves signing and
// canonicalizing out, so importing them is a compile error (in JavaScript they throw
// ERR_NOT_IN_THIS_BUILD). Import them from 'didit-kit'. For the same reason a verification has
// no `event` here (the typed models are not in this build; reading it in JavaScript throws
// ERR_NOT_IN_THIS_BUILD): the functions that produce one are declared below with this entry's
// `WebhookVerification`, and are otherwise those of 'didit-kit' (their documentation is there).
import type * as Full from '../index.js';

/**
 * An accepted delivery, as this entry returns it: `method`, `secretIndex`, `timestamp`,
 * `timeSource`, `payload` (the body parsed on first access) and `toJSON()`. No `event`: the
 * typed models are in 'didit-kit' (`parseWebhookEvent(verification.payload)` there).
 */
export type WebhookVerification = Omit<Full.WebhookVerification, 'event'>;

/** The Koa context {@link koaWebhook} reads, with this entry's {@link WebhookVerification}. */
export type KoaContextLike = Full.KoaContextLike<WebhookVerification>;

/** Verifies a Didit webhook delivery (see 'didit-kit'): throws a `DiditKitError` otherwise. */
export function verifyWebhook(
  body: Full.RawBody,
  headers: Full.HeadersInput,
  secret: string | readonly string[],
  options?: Full.VerifyWebhookOptions,
): WebhookVerification;

/** {@link verifyWebhook} without throwing: every failure comes back as `{ ok: false, code }`. */
export function tryVerifyWebhook(
  body: Full.RawBody,
  headers: Full.HeadersInput,
  secret: string | readonly string[],
  options?: Full.VerifyWebhookOptions,
):
  | {
      ok: true;
      method: Full.WebhookMethod;
      secretIndex: number;
      timestamp: number;
      timeSource: Full.WebhookTimeSource;
      readonly payload: unknown;
    }
  | { ok: false; code: Full.DiditKitErrorCode; message: string; error: Full.DiditKitError };

/** Verifies a Fetch API `Request` (see 'didit-kit'); the body is consumed. */
export function verifyRequest(
  request: Request,
  secret: string | readonly string[],
  options?: Full.VerifyWebhookOptions,
): Promise<WebhookVerification>;

/** Verifies a Node `http.IncomingMessage` or an Express request (see 'didit-kit'). */
export function verifyNodeRequest(
  req: Full.NodeRequestLike,
  secret: string | readonly string[],
  options?: Full.VerifyWebhookOptions,
): Promise<WebhookVerification>;

/** Express/Connect middleware: sets `req.diditWebhook` and calls `next()` (see 'didit-kit'). */
export function webhookMiddleware(
  secret: string | readonly string[],
  options?: Full.WebhookHelperOptions,
): (
  req: Full.NodeRequestLike & { diditWebhook?: WebhookVerification; diditIdempotency?: Full.IdempotencyInfo },
  res: Full.NodeResponseLike,
  next: (error?: unknown) => void,
) => void;

/** A Fetch API handler: verifies the request, then calls `handler` (see 'didit-kit'). */
export function webhookHandler<Rest extends unknown[] = unknown[]>(
  secret: string | readonly string[],
  handler: (verification: WebhookVerification, request: Request, ...rest: Rest) => Response | void | Promise<Response | void>,
  options?: Full.WebhookHelperOptions,
): (request: Request, ...rest: Rest) => Promise<Response>;

/** Koa middleware: sets `ctx.state.diditWebhook` and awaits `next()` (see 'didit-kit'). */
export function koaWebhook(
  secret: string | readonly string[],
  options?: Full.WebhookHelperOptions,
): (ctx: KoaContextLike, next: () => Promise<unknown>) => Promise<void>;

/** Verifies an AWS Lambda event, synchronously (see 'didit-kit'). */
export function verifyLambdaEvent(
  event: Full.LambdaEventLike,
  secret: string | readonly string[],
  options?: Full.VerifyWebhookOptions,
): WebhookVerification;

/** Wraps a Lambda handler: `handler(verification, event, context)` for a verified delivery (see 'didit-kit'). */
export function lambdaWebhook<Event extends Full.LambdaEventLike, Context = unknown, Result = Full.LambdaResult>(
  secret: string | readonly string[],
  handler: (verification: WebhookVerification, event: Event, context: Context) => Result | undefined | Promise<Result | undefined>,
  options?: Full.WebhookHelperOptions,
): (event: Event, context: Context) => Promise<Result | Full.LambdaResult>;

export {
  keepRawBody,
  fastifyWebhook,
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
export type {
  RawBody,
  HeadersInput,
  WebhookMethod,
  WebhookTimeSource,
  VerifyWebhookOptions,
  DiditKitErrorCode,
  DiditKitError,
  CanonicalizeOptions,
  SignWebhookOptions,
  SignedWebhookHeaders,
  InitInput,
  NodeRequestLike,
  NodeResponseLike,
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
