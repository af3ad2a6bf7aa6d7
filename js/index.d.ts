// Type definitions for didit-kit (hand-written; the wasm-bindgen surface is internal).

import type { ImportedSession, KybSession, KycSession, SessionDecision, WebhookEvent } from './models';
export * from './models';

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
  /** Maximum body size in bytes. Default 16 MiB. */
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
  /**
   * The body as a typed event, parsed and checked on first access (see `parseWebhookEvent`):
   * throws `ERR_MODEL_INVALID` if a genuine delivery does not match the model.
   */
  readonly event: WebhookEvent;
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
  | 'ERR_JSON_TOO_DEEP'
  | ModelErrorCode
  | DiditApiErrorCode;

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
      readonly event: WebhookEvent;
    }
  | { ok: false; code: DiditKitErrorCode; message: string; error: DiditKitError };

export interface CanonicalizeOptions {
  /** Escape every character from U+007F up as `\uXXXX` (Python's `ensure_ascii=True`). */
  ascii?: boolean;
  maxDepth?: number;
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

// ---- Typed models ----------------------------------------------------------------------------

/**
 * A body to parse: the JSON text, its UTF-8 bytes, or an already-parsed value (serialised again
 * first, so the result is a fresh, checked copy; BigInts are fine).
 */
export type ModelInput = string | Uint8Array | ArrayBuffer | ArrayBufferView | object;

export interface ParseModelOptions {
  /** Maximum body size in bytes. Default 16 MiB. */
  maxBodyBytes?: number;
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
}

/**
 * Parses and checks a session decision (`GET /v3/session/{id}/decision/`): a {@link KycSession}
 * or, when `session_kind` is `"business"`, a {@link KybSession}. Statuses come in their
 * canonical spelling; integers beyond 2^53 as `bigint`; unknown members are kept. Logging the
 * result shows identifiers only (see the README's privacy note). Throws a
 * {@link ModelValidationError} or a JSON error ({@link DiditKitError}).
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
