// Type definitions for didit-kit (hand-written; the wasm-bindgen surface is internal).
// ES2018 for `ReadonlyMap` and `AsyncIterable`: without it, `tsc` with its defaults (target ES5,
// no tsconfig) fails in this file rather than in the caller's (tests/js/types.test.mjs).
/// <reference lib="es2018" />

import type { ImportedSession, KybSession, KycSession, SessionDecision, WebhookEvent } from './models.js';
export * from './models.js';

/** A raw request body: the exact bytes Didit sent (a Node `Buffer` is a `Uint8Array`). */
export type RawBody = string | Uint8Array | ArrayBuffer;

/**
 * Request headers: a plain object with any casing (values may be arrays, as Node gives them),
 * a Fetch `Headers`, or a `Map`.
 */
export type HeadersInput =
  | Readonly<Record<string, string | readonly string[] | number | undefined | null>>
  | Headers
  | ReadonlyMap<string, string | readonly string[]>;

// ---- BEGIN GENERATED WebhookMethod (cargo test; DIDIT_KIT_UPDATE=1 rewrites) ----
/** Which signature matched. */
export type WebhookMethod = 'v2' | 'v2-ascii' | 'v1' | 'simple';
// ---- END GENERATED WebhookMethod ----

// ---- BEGIN GENERATED WebhookTimeSource (cargo test; DIDIT_KIT_UPDATE=1 rewrites) ----
/**
 * Which signed field bound a delivery's time: the body's `timestamp` (an integer or a
 * whole-valued float), its `created_at` (when `timestamp` is absent or null), or `X-Timestamp`
 * itself (signed only by Simple, whose message carries it; otherwise only with
 * `allowUnsignedTimestamp`).
 */
export type WebhookTimeSource = 'timestamp' | 'created_at' | 'header';
// ---- END GENERATED WebhookTimeSource ----

export interface VerifyWebhookOptions {
  /**
   * The verifier's clock: milliseconds since the epoch or a `Date`. Default: `Date.now()`. A
   * positive number below 1e11 is Unix seconds by mistake and throws `ERR_INVALID_ARG_VALUE`.
   */
  now?: number | Date;
  /** Accepted distance between the delivery's signed time and `now`, both directions. Default 300. */
  toleranceSeconds?: number;
  /**
   * Accept `X-Signature-Simple`, which authenticates only timestamp, session id, status and
   * event type — not the decision, metadata or vendor data. Default `false`.
   */
  allowSimple?: boolean;
  /**
   * Accept a body with no signed time (no integer `timestamp` or `created_at`), judging
   * freshness on `X-Timestamp` alone. **Replayable**: no signature covers that header, so an old
   * delivery of such a body verifies again with a fresh one. Default `false`
   * (`ERR_WEBHOOK_TIMESTAMP_UNSIGNED`).
   */
  allowUnsignedTimestamp?: boolean;
  /** Maximum JSON nesting. Default 995 (what CPython's json parses from a shallow stack). */
  maxDepth?: number;
  /**
   * Maximum body size in bytes (`ERR_BODY_TOO_LARGE` beyond). Default 1 MiB: Didit's deliveries
   * are a few KB (tens of KB with long AML hit lists or KYB registry data), and the Python
   * community SDK accepts 1 MiB. The limit bounds what one unauthenticated request costs, because
   * a body is canonicalized before its signature is known to be wrong: each MiB allowed costs up
   * to ~20 MiB of peak memory and ~10-30 ms of CPU for a hostile body (up to ~80 ms for the first
   * in a fresh process; measured by `bench/hostile-cost.mjs`, docs/load.md), the memory given back
   * after the call. At most 32 MiB.
   */
  maxBodyBytes?: number;
}

/** An accepted delivery. */
export interface WebhookVerification {
  /** Which signature matched. */
  readonly method: WebhookMethod;
  /** Index of the secret that matched (when several are given, e.g. during rotation). */
  readonly secretIndex: number;
  /** The delivery's signed time (equal to `X-Timestamp`), Unix seconds. */
  readonly timestamp: number;
  /** Which field bound that time. */
  readonly timeSource: WebhookTimeSource;
  /**
   * The body parsed with `JSON.parse`, on first access. Integers beyond 2^53 lose precision
   * here, as with any `JSON.parse`.
   */
  readonly payload: unknown;
  /**
   * The body as a typed event, parsed and checked on first access (see `parseWebhookEvent`):
   * throws `ERR_MODEL_INVALID` if a genuine delivery does not match the model. Not in
   * `didit-kit/verify` (it ships no typed-model code): there reading it throws
   * `ERR_NOT_IN_THIS_BUILD`; use `payload`, or import from `didit-kit`.
   */
  readonly event: WebhookEvent;
  toJSON(): { method: WebhookMethod; secretIndex: number; timestamp: number; timeSource: WebhookTimeSource; payload: unknown };
}

/** Every `code` a didit-kit error can carry. */
export type DiditKitErrorCode =
  | 'ERR_INVALID_ARG_TYPE'
  | 'ERR_INVALID_ARG_VALUE'
  | 'ERR_WEBHOOK_BODY_NOT_RAW'
  // ---- BEGIN GENERATED core error codes (cargo test; DIDIT_KIT_UPDATE=1 rewrites) ----
  | 'ERR_WEBHOOK_NO_SECRET'
  | 'ERR_WEBHOOK_SECRET_EMPTY'
  | 'ERR_WEBHOOK_TIMESTAMP_MISSING'
  | 'ERR_WEBHOOK_TIMESTAMP_INVALID'
  | 'ERR_WEBHOOK_TIMESTAMP_CONFLICT'
  | 'ERR_WEBHOOK_TIMESTAMP_STALE'
  | 'ERR_WEBHOOK_TIMESTAMP_FUTURE'
  | 'ERR_WEBHOOK_TIMESTAMP_MISMATCH'
  | 'ERR_WEBHOOK_TIMESTAMP_UNSIGNED'
  | 'ERR_WEBHOOK_SIGNATURE_MISSING'
  | 'ERR_WEBHOOK_SIGNATURE_MISMATCH'
  | 'ERR_WEBHOOK_BODY_BASE64'
  | 'ERR_BODY_TOO_LARGE'
  | 'ERR_JSON_INVALID_UTF8'
  | 'ERR_JSON_SYNTAX'
  | 'ERR_JSON_CONTROL_CHARACTER'
  | 'ERR_JSON_INVALID_ESCAPE'
  | 'ERR_JSON_LONE_SURROGATE'
  | 'ERR_JSON_NAN_OR_INFINITY'
  | 'ERR_JSON_NUMBER_OUT_OF_RANGE'
  | 'ERR_JSON_NUMBER_TOO_LONG'
  | 'ERR_JSON_TOO_DEEP'
  // ---- END GENERATED core error codes ----
  | 'ERR_IMPORT_TRUST_REVIEW_REQUIRED'
  // ---- BEGIN GENERATED mint error codes (cargo test; DIDIT_KIT_UPDATE=1 rewrites) ----
  | 'ERR_SHARE_TOKEN_KEY_EMPTY'
  | 'ERR_SHARE_TOKEN_CLAIMS_NOT_OBJECT'
  // ---- END GENERATED mint error codes ----
  | 'ERR_NOT_IN_THIS_BUILD'
  | `ERR_${ShareTokenFindingCode}`
  | 'ERR_WEBHOOK_BODY_USED'
  | 'ERR_NOT_INITIALIZED'
  /** The WebAssembly module ran out of memory on an input; the instance was replaced, the next call works. */
  | 'ERR_OUT_OF_MEMORY'
  /** The WebAssembly module trapped (most likely out of memory); the instance was replaced, the next call works. */
  | 'ERR_WASM_TRAP'
  | ModelErrorCode
  | DiditApiErrorCode;

/** What didit-kit throws: an `Error` (or `TypeError` / `RangeError`) with a stable `code`. */
export interface DiditKitError extends Error {
  code: DiditKitErrorCode;
}

/**
 * Verifies a Didit webhook delivery: `X-Signature-V2` (canonical JSON exactly as Didit's Python
 * server computes it, raw Unicode then ASCII-escaped), then `X-Signature` (raw body), then —
 * only with `allowSimple` — `X-Signature-Simple`; then freshness on the delivery's **signed**
 * time: the body's `timestamp`, else `created_at` (Simple: the time in its message), which
 * `X-Timestamp` must equal. A header repeated by a proxy (`"a, b"` or an array) verifies when
 * its timestamps agree, and each signature value is tried. Throws a {@link DiditKitError}
 * otherwise; a stale or future error means the signature matched.
 */
export function verifyWebhook(
  body: RawBody,
  headers: HeadersInput,
  secret: string | readonly string[],
  options?: VerifyWebhookOptions,
): WebhookVerification;

/** {@link verifyWebhook} without throwing: every failure comes back as `{ ok: false, code }`. */
export function tryVerifyWebhook(
  body: RawBody,
  headers: HeadersInput,
  secret: string | readonly string[],
  options?: VerifyWebhookOptions,
):
  | {
      ok: true;
      method: WebhookMethod;
      secretIndex: number;
      timestamp: number;
      timeSource: WebhookTimeSource;
      readonly payload: unknown;
      readonly event: WebhookEvent;
    }
  | { ok: false; code: DiditKitErrorCode; message: string; error: DiditKitError };

export interface CanonicalizeOptions {
  /** Escape every character from U+007F up as `\uXXXX` (Python's `ensure_ascii=True`). */
  ascii?: boolean;
  /** Maximum JSON nesting. Default 995. */
  maxDepth?: number;
  /** Maximum body size in bytes. Default 16 MiB (a development tool, not a request path); at most 32 MiB. */
  maxBodyBytes?: number;
}

/**
 * The canonical form of a body: byte-identical to Python's
 * `json.dumps(shorten_floats(json.loads(body)), sort_keys=True, separators=(",", ":"), ensure_ascii=False)`.
 */
export function canonicalize(body: RawBody, options?: CanonicalizeOptions): string;

export interface SignWebhookOptions {
  /**
   * `X-Timestamp` to sign with. Default: the body's signed time (`timestamp`, else
   * `created_at`), else `now`; one that differs from the body's signed time is refused.
   */
  timestamp?: number;
  /** Milliseconds since the epoch or a `Date`, used when there is no timestamp; Unix seconds throw. */
  now?: number | Date;
}

/**
 * The four headers Didit would send with `body`, for testing your own handlers. A type alias,
 * not an interface, so that it is assignable to {@link HeadersInput} (and `HeadersInit`).
 */
export type SignedWebhookHeaders = {
  'X-Timestamp': string;
  'X-Signature-V2': string;
  'X-Signature': string;
  'X-Signature-Simple': string;
};

/** Signs `body` as Didit does. For tests: real deliveries are signed by Didit. */
export function signWebhook(body: RawBody, secret: string, options?: SignWebhookOptions): SignedWebhookHeaders;

// ---- Share tokens ------------------------------------------------------------------------------
// Inspection is advisory: a share token is signed with a key only Didit holds, so only Didit can
// tell a genuine token from a forged one. These functions read what any holder of the token can.

// ---- BEGIN GENERATED ShareTokenFindingCode (cargo test; DIDIT_KIT_UPDATE=1 rewrites) ----
/** Finding codes of `inspectShareToken`. A thrown error carries `ERR_` + the code. */
export type ShareTokenFindingCode =
  | 'SHARE_TOKEN_TOO_LARGE'
  | 'SHARE_TOKEN_WHITESPACE'
  | 'SHARE_TOKEN_WRAPPED'
  | 'SHARE_TOKEN_TRUNCATED'
  | 'SHARE_TOKEN_SEGMENTS'
  | 'SHARE_TOKEN_BASE64'
  | 'SHARE_TOKEN_UTF8'
  | 'SHARE_TOKEN_JSON'
  | 'SHARE_TOKEN_NOT_OBJECT'
  | 'SHARE_TOKEN_SIGNATURE_LENGTH'
  | 'SHARE_TOKEN_SIGNATURE_PADDING'
  | 'SHARE_TOKEN_AUD_PRESENT'
  | 'SHARE_TOKEN_ALG_MISSING'
  | 'SHARE_TOKEN_ALG_NONE'
  | 'SHARE_TOKEN_ALG_UNEXPECTED'
  | 'SHARE_TOKEN_TYP_UNEXPECTED'
  | 'SHARE_TOKEN_DUPLICATE_KEY'
  | 'SHARE_TOKEN_CLAIM_MISSING'
  | 'SHARE_TOKEN_CLAIM_TYPE'
  | 'SHARE_TOKEN_CLAIM_NOT_UUID'
  | 'SHARE_TOKEN_CLAIM_NOT_INTEGER'
  | 'SHARE_TOKEN_CLAIM_TIME_STRING'
  | 'SHARE_TOKEN_UNKNOWN_CLAIMS'
  | 'SHARE_TOKEN_SESSION_KIND_DEFAULTED'
  | 'SHARE_TOKEN_SESSION_KIND_UNKNOWN'
  | 'SHARE_TOKEN_EXPIRED'
  | 'SHARE_TOKEN_EXPIRES_SOON'
  | 'SHARE_TOKEN_ISSUED_IN_FUTURE'
  | 'SHARE_TOKEN_NOT_YET_VALID'
  | 'SHARE_TOKEN_TTL_OUT_OF_RANGE'
  | 'SHARE_TOKEN_WRONG_APPLICATION';
// ---- END GENERATED ShareTokenFindingCode ----

/** `user` = KYC (user verification), `business` = KYB (business verification). */
export type SessionKind = 'user' | 'business';

export interface ShareTokenFinding {
  code: ShareTokenFindingCode;
  /** `error`: Didit's import would refuse the token (or it cannot be read). */
  severity: 'error' | 'warning' | 'info';
  /** `token`, `header`, `payload`, `signature`, or a claim such as `payload.exp`. */
  at: string;
  /** For people; never contains the token. */
  message: string;
  /** What Didit's import endpoint documents for this problem (401 invalid/expired, 403 not yours);
   * `null` where the answer depends on Didit's decoder (whitespace, signature padding) or on
   * nothing documented. */
  importStatus: 401 | 403 | null;
  /** That answer in the docs' words, with what to do. */
  importAnswer: string | null;
}

/** The claims of a share token as sent (Didit's snake_case names). */
export interface ShareTokenClaims {
  session_id?: string;
  /** Absent on tokens minted before unified sharing (Didit then imports a `user` session). */
  session_kind?: SessionKind | string;
  from_application_id?: string;
  for_application_id?: string;
  /** Unix seconds. */
  iat?: number;
  /** Unix seconds; `exp - iat` is the TTL (60…86400, default 3600). */
  exp?: number;
  [claim: string]: unknown;
}

export interface InspectShareTokenOptions {
  /** Your application's UUID, checked against `for_application_id`. */
  applicationId?: string;
  /**
   * Milliseconds since the epoch or a `Date`. Default: `Date.now()`. A positive number below 1e11
   * is Unix seconds by mistake and throws `ERR_INVALID_ARG_VALUE` (read as 1970, an expired token
   * would look usable).
   */
  now?: number | Date;
  /** Leeway for clock skew on `exp`, `iat`, `nbf`. Default 0. An `iat` up to 60 s ahead of `now`
   * (or this tolerance, if larger) is never reported: Didit stamped it with the clock that judges
   * it; beyond that, `SHARE_TOKEN_ISSUED_IN_FUTURE` is a warning that this clock looks wrong. */
  clockToleranceSeconds?: number;
  /** Flag a token with fewer seconds left (the time your import call needs). Default 0. */
  minRemainingSeconds?: number;
  /** Longer tokens are not decoded. Default 8192. */
  maxTokenBytes?: number;
}

export interface ShareTokenInspection {
  /** No finding of severity `error`. Advisory: the signature cannot be checked without Didit's key. */
  usable: boolean;
  /** What Didit's import would answer for the first error (`null` when usable or undocumented). */
  importStatus: 401 | 403 | null;
  /** The decoded header (`{ alg, typ }`), or `null` when unreadable. */
  header: Record<string, unknown> | null;
  /** The decoded payload as sent, or `null` when unreadable (JSON but not an object: that value). */
  claims: ShareTokenClaims | null;
  sessionId: string | null;
  /** The effective kind: the claim, or `user` when absent; `null` for an unknown or mistyped kind. */
  sessionKind: SessionKind | null;
  /** `true` when the token has no `session_kind` and `user` was assumed, as Didit does. */
  sessionKindDefaulted: boolean;
  fromApplicationId: string | null;
  forApplicationId: string | null;
  /** `iat`, Unix seconds. */
  issuedAt: number | null;
  /** `iat` as `2025-07-27T15:37:46Z`. */
  issuedAtIso: string | null;
  /** `exp`, Unix seconds. */
  expiresAt: number | null;
  expiresAtIso: string | null;
  /** `exp - iat`. */
  ttlSeconds: number | null;
  /** `exp - now`; negative once expired. */
  remainingSeconds: number | null;
  /** The time judged against, Unix seconds. */
  now: number;
  /** Every finding, in the order the checks ran. */
  findings: ShareTokenFinding[];
  /** When the input was a pasted wrapping (`Bearer …`, an `Authorization:` line, quotes, a URL or
   * query string, a JSON body, line breaks): the token found inside, which is what to send
   * (`SHARE_TOKEN_WRAPPED` names the wrapping). `null` for a bare token. */
  unwrappedToken: string | null;
}

/** Looks inside a share token. Never throws for a bad token (only for bad arguments). */
export function inspectShareToken(token: string, options?: InspectShareTokenOptions): ShareTokenInspection;

export interface AssertShareTokenOptions extends Omit<InspectShareTokenOptions, 'applicationId'> {
  /** Your application's UUID (required: a server always checks it). */
  applicationId: string;
}

/** The typed claims of a usable token. */
export interface UsableShareToken {
  sessionId: string;
  sessionKind: SessionKind;
  sessionKindDefaulted: boolean;
  fromApplicationId: string;
  forApplicationId: string;
  issuedAt: number;
  expiresAt: number;
  remainingSeconds: number;
  claims: ShareTokenClaims;
}

/** Thrown by `assertShareTokenUsable` and `importRequest`: `code` is `ERR_` + the finding's code. */
export interface ShareTokenError extends Error {
  code: `ERR_${ShareTokenFindingCode}`;
  finding: ShareTokenFinding;
  importStatus: 401 | 403 | null;
}

/** The strict twin of `inspectShareToken` for servers: typed claims, or throws a `ShareTokenError`. */
export function assertShareTokenUsable(token: string, options: AssertShareTokenOptions): UsableShareToken;

/** A request to send with your own HTTP client, adding your `x-api-key` header. */
export interface DiditRequest<Body> {
  method: 'POST';
  /** e.g. `/v3/session/{id}/share/` */
  path: string;
  /** `baseUrl` + `path`; default base `https://verification.didit.me`. */
  url: string;
  headers: { 'content-type': 'application/json'; accept: 'application/json' };
  /** The JSON body as text. */
  body: string;
  /** The same body as an object. */
  json: Body;
}

export interface ShareRequestOptions {
  /** UUID of the partner application that will import the token. */
  forApplicationId: string;
  /** 60…86400; default 3600. Always sent explicitly. */
  ttlInSeconds?: number;
  baseUrl?: string;
}

/** Service X: the request that mints a share token for `sessionId` (a finished session). */
export function shareRequest(
  sessionId: string,
  options: ShareRequestOptions,
): DiditRequest<{ for_application_id: string; ttl_in_seconds: number }>;

export interface ImportRequestInput {
  shareToken: string;
  /** A workflow in YOUR application, of the token's kind (KYC token → KYC workflow). */
  workflowId: string;
  vendorData?: string;
  /** Required: `false` → the import lands "In Review"; `true` → keeps the original status. */
  trustReview: boolean;
}

export interface ImportRequestOptions {
  /** Checked against the token's `for_application_id` when given. */
  applicationId?: string;
  /** As `InspectShareTokenOptions.now`: milliseconds or a `Date`; Unix seconds throw. */
  now?: number | Date;
  clockToleranceSeconds?: number;
  minRemainingSeconds?: number;
  baseUrl?: string;
}

/**
 * Service Y: the import request. Throws a `ShareTokenError` when the token is malformed, expired,
 * or (with `applicationId`) not for you — the call would fail anyway.
 */
export function importRequest(
  input: ImportRequestInput,
  options?: ImportRequestOptions,
): DiditRequest<{ share_token: string; workflow_id: string; vendor_data?: string; trust_review: boolean }> & {
  /** The token's effective kind: pick a workflow of this kind. */
  sessionKind: SessionKind | null;
  expiresAt: number | null;
};

export interface MintTestShareTokenOptions {
  /** Default `iat`: milliseconds since the epoch or a `Date` (default now); Unix seconds throw. */
  now?: number | Date;
  /** `exp = iat + ttlInSeconds` when `exp` is not given. Default 3600. */
  ttlInSeconds?: number;
}

/**
 * Mints a real HS256 JWT with a key YOU choose (tests, local emulators), byte-identical to PyJWT's
 * `jwt.encode(claims, key)` for the same claims. It will never import at Didit.
 */
export function mintTestShareToken(
  claims: ShareTokenClaims,
  key: string | Uint8Array,
  options?: MintTestShareTokenOptions,
): string;

/**
 * Whether `token` is HS256 and signed with `key` (constant-time). Only for tokens you minted:
 * real share tokens are signed with Didit's private key and always return `false`.
 */
export function verifyShareTokenSignature(token: string, key: string | Uint8Array): boolean;

// ---------------------------------------------------------------------------------------------
// Loading and framework helpers (every entry point, including `didit-kit/verify`).

/** What `init` accepts: where to fetch the `.wasm` file from, its bytes, or a compiled module. */
export type InitInput = string | URL | Request | Response | BufferSource | WebAssembly.Module;

/**
 * Loads the WebAssembly module. Needed once in browsers and runtimes reached through the
 * `default` condition (before it, every function throws `ERR_NOT_INITIALIZED`); a no-op in Node,
 * Bun, Cloudflare Workers and Deno, which load the module on import. Without an argument the
 * `.wasm` file next to the package's entry is fetched.
 */
export function init(input?: InitInput | Promise<InitInput>): Promise<void>;

/** Loads the WebAssembly module synchronously from its bytes or a compiled module. */
export function initSync(module: BufferSource | WebAssembly.Module): void;

/**
 * Verifies a Fetch API `Request` (Cloudflare Workers, Deno, Bun, Node 18+): reads the raw body
 * (rejecting more than `maxBodyBytes` with `ERR_BODY_TOO_LARGE`, early when `Content-Length`
 * says so; in one read when `Content-Length` is given, else chunk by chunk up to the limit),
 * then runs {@link verifyWebhook} on it and the request's headers, with the same results and
 * errors. In Cloudflare Workers, for bodies from 4 KB up, the HMAC is Web Crypto's (about twice
 * as fast there for a 35 KB delivery; tags still compared in constant time by the module). The
 * body is consumed: read the payload from the result, or pass `request.clone()`. A request whose
 * body was already read fails with `ERR_WEBHOOK_BODY_USED`.
 */
export function verifyRequest(
  request: Request,
  secret: string | readonly string[],
  options?: VerifyWebhookOptions,
): Promise<WebhookVerification>;

/** What {@link verifyNodeRequest} needs of a Node `http.IncomingMessage` or Express request. */
export interface NodeRequestLike extends AsyncIterable<Uint8Array | string> {
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  /** Set by Express body parsers: raw bytes (`express.raw`) are used, a parsed object is refused. */
  body?: unknown;
  /** Set by {@link keepRawBody} (and by some platforms, e.g. Google Cloud Functions). */
  rawBody?: unknown;
  readonly readableEnded?: boolean;
}

/**
 * Verifies a Node `http.IncomingMessage` or an Express request. The raw bytes are taken from
 * `req.body` when `express.raw()` (or `express.text()`) ran, from `req.rawBody` when
 * `express.json({ verify: keepRawBody })` kept them, otherwise read from the request stream
 * (plain `node:http`). When a JSON parser already consumed them it throws
 * `ERR_WEBHOOK_BODY_NOT_RAW`, whose message says how to mount the route.
 */
export function verifyNodeRequest(
  req: NodeRequestLike,
  secret: string | readonly string[],
  options?: VerifyWebhookOptions,
): Promise<WebhookVerification>;

/** The response side {@link webhookMiddleware} uses (Node's `http.ServerResponse`, Express's `res`). */
export interface NodeResponseLike {
  statusCode: number;
  setHeader(name: string, value: string): unknown;
  end(body: string): unknown;
}

/**
 * Express/Connect middleware around {@link verifyNodeRequest}: on success it sets
 * `req.diditWebhook` to the {@link WebhookVerification} and calls `next()`; a rejected delivery
 * gets `401` (`413` when too large) with the body `{"code":"ERR_..."}`; a set-up error
 * (`ERR_WEBHOOK_BODY_NOT_RAW`, missing secret, bad arguments) is passed to `next(error)`.
 * With `options.idempotency` the rest of the route runs once per key: a duplicate gets
 * `200 {"duplicate":true}`, an event in flight `503` + `Retry-After`, and the key is completed
 * when the handler ends the response with a 2xx status, released otherwise (docs/idempotency.md).
 */
export function webhookMiddleware(
  secret: string | readonly string[],
  options?: WebhookHelperOptions,
): (
  req: NodeRequestLike & { diditWebhook?: WebhookVerification; diditIdempotency?: IdempotencyInfo },
  res: NodeResponseLike,
  next: (error?: unknown) => void,
) => void;

/**
 * A Fetch API handler (Next.js route handlers, Workers, Deno, Bun, Hono): verifies the request,
 * then calls `handler(verification, request, ...rest)` and returns its Response (204 when it
 * returns nothing). A rejected delivery gets `401` (`413` when too large) with
 * `{"code":"ERR_..."}`; a set-up error is thrown. With `options.idempotency` the handler runs
 * once per key: a duplicate gets `200 {"duplicate":true}`, an event in flight
 * `503 {"code":"ERR_WEBHOOK_IN_FLIGHT"}` with `Retry-After`; the key is completed when the
 * handler's Response is 2xx and released when it is not or when the handler throws.
 * @example export const POST = webhookHandler(process.env.DIDIT_WEBHOOK_SECRET!, async (event) => {
 *   await approve(event.payload);
 * }, { idempotency: { store: redisStore(redis) } });
 */
export function webhookHandler<Rest extends unknown[] = unknown[]>(
  secret: string | readonly string[],
  handler: (verification: WebhookVerification, request: Request, ...rest: Rest) => Response | void | Promise<Response | void>,
  options?: WebhookHelperOptions,
): (request: Request, ...rest: Rest) => Promise<Response>;

/** Options of {@link webhookMiddleware} and {@link webhookHandler}. */
export interface WebhookHelperOptions extends VerifyWebhookOptions {
  /** Exactly-once processing per key (see docs/idempotency.md). */
  idempotency?: IdempotencyOptions | IdempotencyGuard;
}

/** Set on `req.diditIdempotency` by {@link webhookMiddleware} when the handler is to run. */
export interface IdempotencyInfo {
  key: string | undefined;
  outcome: 'acquired' | 'degraded' | 'no-key';
  /** True when the store failed and `failOpen` let the event through without a reservation. */
  degraded: boolean;
}

// ---- Idempotency -----------------------------------------------------------------------------

/**
 * A store of reservations. Implement it for another database; every method must be atomic.
 * Values: absent, "held by token until now + leaseMs", "completed until now + ttlMs".
 */
export interface IdempotencyStore {
  /** Absent or expired → held by `token`, `'acquired'`; completed → `'completed'`; held → `'processing'`. */
  reserve(key: string, token: string, leaseMs: number): Promise<'acquired' | 'completed' | 'processing'>;
  /** Held by `token` → completed for `ttlMs`, true; anything else (the lease expired) → false. */
  complete(key: string, token: string, ttlMs: number): Promise<boolean>;
  /** Held by `token` → removed, true; anything else → false. */
  release(key: string, token: string): Promise<boolean>;
}

/** What the guard reports to `onEvent`. */
export interface IdempotencyEvent {
  type: 'acquired' | 'completed' | 'released' | 'duplicate' | 'in-flight' | 'lease-lost' | 'store-degraded' | 'no-key';
  key?: string;
  /** For `store-degraded`: the store call that failed. */
  operation?: 'reserve' | 'complete' | 'release';
  /** For `store-degraded`: what the store threw. */
  error?: unknown;
  /** For `store-degraded` on reserve: whether the event was processed anyway. */
  failOpen?: boolean;
}

/** A key function: a string per event, or undefined to process without idempotency. */
export type IdempotencyKey = (body: any, verification?: WebhookVerification) => string | undefined | null;

export interface IdempotencyOptions {
  store: IdempotencyStore;
  /**
   * Which deliveries count as the same event. `'transition'` (default): `webhook_type +
   * session_id + status` for `*status.updated` events (catches Didit's retries and Console
   * replays; merges a genuine repeat of the same transition), `event_id` otherwise. `'eventId'`:
   * Didit's `event_id`, "unique per delivery attempt" (catches duplicated requests, most likely
   * not retries). `'signedTime'`: Didit's documented fallback `session_id + webhook_type +
   * timestamp`. Or a function.
   */
  key?: 'transition' | 'eventId' | 'signedTime' | IdempotencyKey;
  /** How long a reservation holds before another delivery may take over (default 30 s). */
  leaseSeconds?: number;
  /** How long a completed key is remembered (default 7 days). */
  completedTtlSeconds?: number;
  /** Process when the store fails (reported as `store-degraded`); default false: answer 503. */
  failOpen?: boolean;
  /** Answer for an event in flight: 503 (default; Didit retries) or 409 (Didit drops the delivery). */
  inFlightStatus?: 503 | 409;
  /** `Retry-After` on 503 answers (default 60, Didit's first retry delay). */
  retryAfterSeconds?: number;
  /** Observability: called synchronously; exceptions are ignored. */
  onEvent?: (event: IdempotencyEvent) => void;
}

/** What {@link IdempotencyGuard.begin} decided for a delivery. */
export interface IdempotencyClaim {
  action: 'process' | 'respond';
  outcome: 'acquired' | 'duplicate' | 'in-flight' | 'store-unavailable' | 'degraded' | 'no-key';
  key: string | undefined;
  degraded: boolean;
  /** For `respond`: the answer to send. */
  status?: number;
  headers?: Record<string, string>;
  body?: string;
  /** After a successful processing (never throws; failures are reported). */
  complete(): Promise<void>;
  /** After a failed processing (never throws). */
  release(): Promise<void>;
}

export interface IdempotencyGuard {
  /** Reserves the key of a verification (or of a parsed body). Never throws for a store failure. */
  begin(input: WebhookVerification | object): Promise<IdempotencyClaim>;
  /** Runs `fn` once per key; releases the key and rethrows when `fn` throws. */
  run<T>(
    input: WebhookVerification | object,
    fn: () => T | Promise<T>,
  ): Promise<
    | { ran: true; outcome: 'acquired' | 'degraded' | 'no-key'; key: string | undefined; degraded: boolean; result: T }
    | { ran: false; outcome: 'duplicate' | 'in-flight' | 'store-unavailable'; key: string; status: number; headers: Record<string, string>; body: string }
  >;
}

/** Creates a guard; the helpers accept its options directly as `options.idempotency`. */
export function idempotency(options: IdempotencyOptions | IdempotencyGuard): IdempotencyGuard;

/** The built-in key functions (see {@link IdempotencyOptions.key}). */
export const keys: Readonly<{ eventId: IdempotencyKey; transition: IdempotencyKey; signedTime: IdempotencyKey }>;

/** One process only: tests and single-instance servers. `now` is the clock in ms (tests). */
export function memoryStore(options?: { maxEntries?: number; now?: () => number }): IdempotencyStore & { readonly size: number };

/**
 * Redis, with one atomic Lua script per operation (Redis Cluster too: one key per script). The
 * client is yours, connected: `ioredis`, `redis` (node-redis v4/v5), `@upstash/redis`, or
 * {@link upstashRestClient}.
 */
export function redisStore(client: object, options?: { prefix?: string }): IdempotencyStore;

/** The Lua scripts {@link redisStore} runs. */
export const REDIS_SCRIPTS: Readonly<{ reserve: string; complete: string; release: string }>;

/** Cloudflare Workers: the store backed by {@link DiditIdempotencyObject} bound as `namespace`. */
export function durableObjectStore(namespace: object, options?: { prefix?: string }): IdempotencyStore;

/**
 * The Durable Object class behind {@link durableObjectStore}: export it from the Worker's main
 * module and bind it (`class_name = "DiditIdempotencyObject"`). One object per key.
 */
export class DiditIdempotencyObject {
  constructor(state: unknown, env: unknown);
  fetch(request: Request): Promise<Response>;
  alarm(): Promise<void>;
}

/** A fetch-based client for Upstash's Redis REST API, for {@link redisStore} on edge runtimes. */
export function upstashRestClient(options: { url: string; token: string; fetch?: typeof fetch }): {
  send(command: string[]): Promise<unknown>;
  eval(script: string, keys: string[], args: string[]): Promise<unknown>;
};

// ---- Delivery simulator ----------------------------------------------------------------------

export type SimulatedWebhookType =
  | 'status.updated'
  | 'data.updated'
  | 'user.status.updated'
  | 'user.data.updated'
  | 'business.status.updated'
  | 'business.data.updated'
  | 'activity.created'
  | 'transaction.created'
  | 'transaction.status.updated'
  | 'travel_rule.status.updated';

export interface SimulateDeliveriesOptions {
  /** The destination's `secret_shared_key`. */
  secret: string;
  /** Same seed, same deliveries (default 1). */
  seed?: string | number;
  /** Signing time of the originals, ms since the epoch (default Date.now()). Retries: +60 s and +240 s (inside the 300 s window). */
  now?: number;
  /** Only these types (default: all). */
  types?: SimulatedWebhookType[];
  /** Integer-like metadata keys, a 64-bit id, tiny floats, astral/BMP key order, non-ASCII names. */
  traps?: boolean;
  /** Retries per event, 0..2 (default 2). */
  retries?: number;
  /** Verbatim copies of each original (default 1). */
  duplicates?: number;
  /** `event_id` of a retry: `'new'` (default; "unique per delivery attempt") or `'same'`. */
  retryEventId?: 'new' | 'same';
  applicationId?: string;
}

export interface SimulatedDelivery {
  /** Index of the event this delivery belongs to. */
  event: number;
  label: string;
  webhookType: SimulatedWebhookType;
  status: string | null;
  kind: 'original' | 'retry' | 'duplicate';
  /** 0 for the original and its duplicates, 1 and 2 for retries. */
  attempt: number;
  eventId: string;
  /** The body's `timestamp` and `X-Timestamp`, Unix seconds. */
  timestamp: number;
  /** Didit's wire format: compact, sorted, ASCII-escaped JSON. */
  body: string;
  /** content-type, user-agent, X-Timestamp, X-Signature, X-Signature-V2, X-Signature-Simple. */
  headers: Record<string, string>;
}

/** Generates signed deliveries for every documented webhook_type (deterministic for a seed). */
export function simulateDeliveries(options: SimulateDeliveriesOptions): SimulatedDelivery[];

export interface SendDeliveriesOptions {
  fetch?: typeof fetch;
  /** Didit's receiver timeout (default 5000 ms). */
  timeoutMs?: number;
  /** `'didit'` (default): a retry only after an answer Didit retries; `'all'`: every attempt. */
  mode?: 'didit' | 'all';
  /** Send each original and its duplicates at the same time. */
  race?: boolean;
  /** Events sent in parallel (default 1). */
  concurrency?: number;
}

export interface SendDeliveriesReport {
  results: Array<{
    event: number;
    label: string;
    kind: string;
    attempt: number;
    eventId: string;
    /** 0: no answer (connection error or timeout). */
    status: number;
    ms: number;
    retryAfter: string | null;
    /** The first 200 characters of the answer. */
    answer: string;
    /** What Didit does next: 2xx within 5 s delivered; 5xx, 404, no answer retried; other 4xx dropped. */
    verdict: 'delivered' | 'retried' | 'dropped';
  }>;
  summary: { events: number; sent: number; delivered: number; retried: number; dropped: number };
  /** Events Didit would lose, explained. */
  problems: string[];
  fits: boolean;
}

/** Sends deliveries to `url` and judges the answers by Didit's retry rules. */
export function sendDeliveries(deliveries: SimulatedDelivery[], url: string | URL, options?: SendDeliveriesOptions): Promise<SendDeliveriesReport>;

/**
 * For `app.use(express.json({ verify: keepRawBody }))`: keeps the exact bytes of every JSON
 * body as `req.rawBody`, so a global JSON parser and webhook verification can coexist.
 */
export function keepRawBody(req: object, res: unknown, buf: Uint8Array): void;

/**
 * The Koa context {@link koaWebhook} reads: `ctx.request.rawBody` (koa-bodyparser,
 * @koa/bodyparser), `ctx.request.body` (when a Buffer or string), else the stream `ctx.req`.
 */
export interface KoaContextLike<Verification = WebhookVerification> {
  request: { headers: HeadersInput; body?: unknown; rawBody?: unknown };
  req: NodeRequestLike;
  state: { diditWebhook?: Verification; [key: string]: unknown };
  status: number;
  body: unknown;
  /** Used with `options.idempotency` (Koa's `ctx.set`), for `Retry-After`. */
  set?(headers: Record<string, string>): void;
}

/**
 * Koa middleware: on success sets `ctx.state.diditWebhook` and awaits `next()`; a rejected
 * delivery gets `401` (`413` when too large) with the body `{"code":"ERR_..."}`; a set-up error
 * (`ERR_WEBHOOK_BODY_NOT_RAW` when a parser consumed the body without keeping `rawBody`,
 * missing secret, bad arguments) is thrown, so Koa answers 500 and emits `error`. With
 * `options.idempotency` the downstream middleware runs once per key; the key is completed when
 * `ctx.status` is 2xx after it, released otherwise (docs/idempotency.md).
 */
export function koaWebhook(
  secret: string | readonly string[],
  options?: WebhookHelperOptions,
): (ctx: KoaContextLike, next: () => Promise<unknown>) => Promise<void>;

/**
 * A Fastify plugin holding one `POST` route (`app.register(fastifyWebhook(secret, { url, handler }))`).
 * In the plugin's own encapsulated scope every content type is read as a Buffer, at most
 * `maxBodyBytes` (Fastify answers 413 above it); the app's JSON parser elsewhere is untouched.
 * A verified delivery reaches `route.handler` with `request.diditWebhook` set; a rejected one
 * gets `401 {"code":"ERR_..."}`; a set-up error is thrown (Fastify answers 500). `route` is
 * Fastify route options without `method` (`schema`, `config`, extra `preHandler`s are kept).
 * With `options.idempotency` the route's handler runs once per key; the key settles (an
 * `onResponse` hook) on the status the route answered (docs/idempotency.md).
 */
export function fastifyWebhook<Route extends { url: string; handler: (...args: any[]) => unknown }>(
  secret: string | readonly string[],
  route: Route,
  options?: WebhookHelperOptions,
): (instance: any, opts?: unknown) => Promise<void>;

/**
 * The parts of an AWS Lambda proxy event that {@link verifyLambdaEvent} reads: API Gateway REST
 * APIs (payload format 1.0: `headers` keep only the last value of a repeated header,
 * `multiValueHeaders` keep all), HTTP APIs (payload 2.0) and Function URLs (repeated values
 * joined with commas). `body` is base64 when `isBase64Encoded` is true.
 */
export interface LambdaEventLike {
  body?: string | null;
  isBase64Encoded?: boolean;
  headers?: Record<string, string | undefined> | null;
  multiValueHeaders?: Record<string, readonly string[] | undefined> | null;
}

/** What a Lambda proxy integration returns (API Gateway v1 and v2, Function URLs). */
export interface LambdaResult {
  statusCode: number;
  headers?: Record<string, string>;
  body?: string;
  isBase64Encoded?: boolean;
}

/**
 * Verifies an AWS Lambda event (API Gateway REST v1, HTTP API v2, Function URL),
 * synchronously: decodes `body` when `isBase64Encoded`, reads the headers (every value of a
 * repeated one, joined with ", " as Node does). Throws `ERR_INVALID_ARG_TYPE` when given
 * something else, e.g. `event.body` instead of the event.
 */
export function verifyLambdaEvent(
  event: LambdaEventLike,
  secret: string | readonly string[],
  options?: VerifyWebhookOptions,
): WebhookVerification;

/**
 * Wraps a Lambda handler: `handler(verification, event, context)` runs for a verified delivery
 * and returns the response (`{ statusCode: 200 }` when it returns nothing); a rejected delivery
 * gets `{ statusCode: 401 | 413, headers, body: '{"code":"ERR_..."}' }`; a set-up error (missing
 * secret...) is thrown, so the invocation fails and is logged.
 * With `options.idempotency` the handler runs once per key: a duplicate gets `200`, an event in
 * flight `503` + `Retry-After`; a `statusCode` of 2xx completes the key (docs/idempotency.md).
 */
export function lambdaWebhook<Event extends LambdaEventLike, Context = unknown, Result = LambdaResult>(
  secret: string | readonly string[],
  handler: (verification: WebhookVerification, event: Event, context: Context) => Result | undefined | Promise<Result | undefined>,
  options?: WebhookHelperOptions,
): (event: Event, context: Context) => Promise<Result | LambdaResult>;

/**
 * The status to answer for an error thrown by a didit-kit verifier: `401` for a rejected delivery
 * (signature, freshness, malformed body...), `413` for one too large, `503` when the verifier ran
 * out of memory or trapped (`ERR_OUT_OF_MEMORY`, `ERR_WASM_TRAP`: Didit retries a 5xx, and the next
 * call gets a fresh WebAssembly instance), `undefined` for a set-up
 * error (body already parsed, missing secret, bad arguments) or an error not from didit-kit,
 * which belongs to your own error handling (a 500). What every helper here uses to decide.
 */
export function webhookRejectionStatus(error: unknown): 401 | 413 | 503 | undefined;

// ---- Typed models ----------------------------------------------------------------------------

/**
 * A body to parse: the JSON text, its UTF-8 bytes, or an already-parsed value (serialised again
 * first, so the result is a fresh, checked copy; BigInts are fine).
 */
export type ModelInput = string | Uint8Array | ArrayBuffer | ArrayBufferView | object;

export interface ParseModelOptions {
  /** Maximum body size in bytes. Default 16 MiB. */
  maxBodyBytes?: number;
  /**
   * Reject any member of the wrong type (`ERR_MODEL_INVALID`). Default `false`: only the members
   * a caller cannot do without (`session_id`, `status`, `session_kind`, `webhook_type`, `event`)
   * must have their type; any other wrong-typed member is deleted from the result and listed in
   * {@link ModelNotes.dropped}, so the declared types stay true when Didit's types drift.
   */
  strict?: boolean;
}

export interface ParseImportResponseOptions extends ParseModelOptions {
  /** The HTTP status of the answer. A non-2xx status makes `parseImportResponse` throw a {@link DiditApiError}. */
  status?: number;
}

/** Codes of model validation. */
export type ModelErrorCode = 'ERR_MODEL_INVALID' | ModelIssueCode;

/** Codes of one validation issue. */
export type ModelIssueCode = 'ERR_MODEL_TYPE' | 'ERR_MODEL_NUMBER_RANGE' | 'ERR_MODEL_MISSING';

/** One mismatch: it names JSON types, never values (values are personal data). */
export interface ModelIssue {
  /** `decision.face_matches[0].score`; `""` for the body itself. */
  path: string;
  code: ModelIssueCode;
  /** What the model accepts there: `"number"`, `"string or integer"`, `"integer within ±(2^53 − 1)"`. */
  expected: string;
  /** What was found: `"string"`, `"nothing"`, `"integer beyond ±(2^53 − 1)"`… */
  found: string;
  /** `decision.face_matches[0].score: expected number, found string`. */
  message: string;
}

/** Thrown when a body is JSON but not the model (`code: "ERR_MODEL_INVALID"`). */
export interface ModelValidationError extends Error {
  code: 'ERR_MODEL_INVALID';
  /** The first 32 issues. */
  issues: ModelIssue[];
  /** How many more there were. */
  moreIssues: number;
}

/** Codes of an error answer from Didit (`parseImportResponse` with a non-2xx `status`). */
export type DiditApiErrorCode =
  /** 400 (not in the import page's table; reportedly an invalid or wrong-target token). */
  | 'ERR_IMPORT_BAD_REQUEST'
  /** 401: share token invalid or expired: request a new one. */
  | 'ERR_IMPORT_TOKEN_INVALID'
  /** 403: not intended for your application, or already imported. */
  | 'ERR_IMPORT_FORBIDDEN'
  /** 404: original session gone, or workflow_id unknown. */
  | 'ERR_IMPORT_NOT_FOUND'
  /** Another 4xx. */
  | 'ERR_DIDIT_CLIENT_ERROR'
  /** 5xx: retry later. */
  | 'ERR_DIDIT_SERVER_ERROR'
  /** 1xx or 3xx. */
  | 'ERR_DIDIT_UNEXPECTED_STATUS';

/** Thrown by `parseImportResponse` for a non-2xx answer. */
export interface DiditApiError extends Error {
  code: DiditApiErrorCode;
  /** The HTTP status. */
  status: number;
  /** Didit's documented meaning of the status, and what to do. */
  meaning: string;
  /** Didit's `detail` (or `error` / `message`) string, when the body has one. */
  detail: string | undefined;
  /** The body parsed as JSON, or `undefined` when it is not JSON. */
  body: unknown;
}

/** What parsing a model noted. */
export interface ModelNotes {
  /** Statuses rewritten to their canonical spelling (KYB's `IN_REVIEW` → `In Review`). */
  readonly normalized: readonly { path: string; raw: string; value: string; family: string }[];
  /** Strings of a documented vocabulary this version does not know (kept as sent). */
  readonly unknown: readonly { path: string; value: string; family: string }[];
  /** Where integers beyond ±(2^53 − 1) became `bigint`. */
  readonly bigints: readonly string[];
  /**
   * Members of the wrong type deleted from the model (a tolerant parse, the default): the issue,
   * and `member`, the member deleted (the whole array when one element has the wrong type). The
   * body you parsed still holds the value. At most 32.
   */
  readonly dropped: readonly (ModelIssue & { member: string })[];
  /** How many more members were dropped. */
  readonly moreDropped: number;
}

/**
 * Parses and checks a session decision (`GET /v3/session/{id}/decision/`): a {@link KycSession}
 * or, when `session_kind` is `"business"`, a {@link KybSession}. Statuses come in their
 * canonical spelling; integers beyond 2^53 as `bigint`; unknown members are kept; members of the
 * wrong type are dropped and noted (unless `strict`). Logging the result shows identifiers only
 * (see the README's privacy note). Throws a {@link ModelValidationError} (a missing or
 * wrong-typed `session_id`, `status` or `session_kind`, or any wrong type with `strict`) or a JSON
 * error ({@link DiditKitError}).
 */
export function parseSessionDecision(body: ModelInput, options?: ParseModelOptions): SessionDecision;

/** Parses and checks a webhook body (verify it first): narrow on `webhook_type`, then `session_kind`. */
export function parseWebhookEvent(body: ModelInput, options?: ParseModelOptions): WebhookEvent;

/**
 * Reads the answer of `POST /v3/session/import-shared/`. With a 2xx `status` (or none): the
 * new session. With an error status: throws a {@link DiditApiError} whose `code` and message
 * carry Didit's documented meaning.
 */
export function parseImportResponse(body: ModelInput, options?: ParseImportResponseOptions): ImportedSession;

/** What parsing `model` noted, or `undefined` if it is not a parsed model. */
export function modelNotes(model: object): ModelNotes | undefined;

/**
 * JSON text of a model (or any value) with every digit of its BigInts and all its members: the
 * explicit serialisation that a model's redacting `toJSON` leaves to you.
 */
export function stringify(value: unknown, space?: string | number): string;
