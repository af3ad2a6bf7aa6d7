// Type definitions for didit-kit (hand-written; the wasm-bindgen surface is internal).

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

/** Which signature matched. */
export type WebhookMethod = 'v2' | 'v2-ascii' | 'v1' | 'simple';

export interface VerifyWebhookOptions {
  /** The verifier's clock: milliseconds since the epoch or a `Date`. Default: `Date.now()`. */
  now?: number | Date;
  /** Accepted distance between `X-Timestamp` and `now`, in both directions. Default 300. */
  toleranceSeconds?: number;
  /**
   * Accept `X-Signature-Simple`, which authenticates only timestamp, session id, status and
   * event type — not the decision, metadata or vendor data. Default `false`.
   */
  allowSimple?: boolean;
  /** Maximum JSON nesting. Default 995 (what CPython's json parses from a shallow stack). */
  maxDepth?: number;
  /**
   * Maximum body size in bytes. Default 16 MiB; at most 32 MiB (a RangeError beyond: a hostile
   * body can take ~52 bytes of WebAssembly memory per byte, and that memory never shrinks).
   */
  maxBodyBytes?: number;
}

/** An accepted delivery. */
export interface WebhookVerification {
  /** Which signature matched. */
  readonly method: WebhookMethod;
  /** Index of the secret that matched (when several are given, e.g. during rotation). */
  readonly secretIndex: number;
  /** `X-Timestamp`, Unix seconds. */
  readonly timestamp: number;
  /**
   * The body parsed with `JSON.parse`, on first access. Integers beyond 2^53 lose precision
   * here, as with any `JSON.parse`.
   */
  readonly payload: unknown;
  toJSON(): { method: WebhookMethod; secretIndex: number; timestamp: number; payload: unknown };
}

/** Every `code` a didit-kit error can carry. */
export type DiditKitErrorCode =
  | 'ERR_INVALID_ARG_TYPE'
  | 'ERR_INVALID_ARG_VALUE'
  | 'ERR_WEBHOOK_BODY_NOT_RAW'
  | 'ERR_WEBHOOK_NO_SECRET'
  | 'ERR_WEBHOOK_SECRET_EMPTY'
  | 'ERR_WEBHOOK_TIMESTAMP_MISSING'
  | 'ERR_WEBHOOK_TIMESTAMP_INVALID'
  | 'ERR_WEBHOOK_TIMESTAMP_STALE'
  | 'ERR_WEBHOOK_TIMESTAMP_FUTURE'
  | 'ERR_WEBHOOK_TIMESTAMP_MISMATCH'
  | 'ERR_WEBHOOK_SIGNATURE_MISSING'
  | 'ERR_WEBHOOK_SIGNATURE_MISMATCH'
  | 'ERR_BODY_TOO_LARGE'
  | 'ERR_JSON_INVALID_UTF8'
  | 'ERR_JSON_SYNTAX'
  | 'ERR_JSON_CONTROL_CHARACTER'
  | 'ERR_JSON_INVALID_ESCAPE'
  | 'ERR_JSON_LONE_SURROGATE'
  | 'ERR_JSON_NAN_OR_INFINITY'
  | 'ERR_JSON_NUMBER_OUT_OF_RANGE'
  | 'ERR_JSON_NUMBER_TOO_LONG'
  | 'ERR_JSON_TOO_DEEP';

/** What didit-kit throws: an `Error` (or `TypeError` / `RangeError`) with a stable `code`. */
export interface DiditKitError extends Error {
  code: DiditKitErrorCode;
}

/**
 * Verifies a Didit webhook delivery: `X-Timestamp` fresh and equal to the body's `timestamp`,
 * then `X-Signature-V2` (canonical JSON exactly as Didit's Python server computes it, raw
 * Unicode then ASCII-escaped), then `X-Signature` (raw body), then — only with `allowSimple` —
 * `X-Signature-Simple`. Throws a {@link DiditKitError} otherwise.
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
      readonly payload: unknown;
    }
  | { ok: false; code: DiditKitErrorCode; message: string; error: DiditKitError };

export interface CanonicalizeOptions {
  /** Escape every character from U+007F up as `\uXXXX` (Python's `ensure_ascii=True`). */
  ascii?: boolean;
  /** Maximum JSON nesting. Default 995. */
  maxDepth?: number;
  /** Maximum body size in bytes. Default 16 MiB; at most 32 MiB. */
  maxBodyBytes?: number;
}

/**
 * The canonical form of a body: byte-identical to Python's
 * `json.dumps(shorten_floats(json.loads(body)), sort_keys=True, separators=(",", ":"), ensure_ascii=False)`.
 */
export function canonicalize(body: RawBody, options?: CanonicalizeOptions): string;

export interface SignWebhookOptions {
  /** `X-Timestamp` to sign with. Default: the body's top-level `timestamp`, else `now`. */
  timestamp?: number;
  /** Milliseconds since the epoch or a `Date`, used when there is no timestamp. */
  now?: number | Date;
}

/** The four headers Didit would send with `body`, for testing your own handlers. */
export interface SignedWebhookHeaders {
  'X-Timestamp': string;
  'X-Signature-V2': string;
  'X-Signature': string;
  'X-Signature-Simple': string;
}

/** Signs `body` as Didit does. For tests: real deliveries are signed by Didit. */
export function signWebhook(body: RawBody, secret: string, options?: SignWebhookOptions): SignedWebhookHeaders;
