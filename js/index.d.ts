// Type definitions for didit-kit (hand-written; the wasm-bindgen surface is internal).

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
  /**
   * The body as a typed event, parsed and checked on first access (see `parseWebhookEvent`):
   * throws `ERR_MODEL_INVALID` if a genuine delivery does not match the model. Not in
   * `didit-kit/verify` (it ships no typed-model code): there reading it throws
   * `ERR_NOT_IN_THIS_BUILD`; use `payload`, or import from `didit-kit`.
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
  | 'ERR_IMPORT_TRUST_REVIEW_REQUIRED'
  | 'ERR_SHARE_TOKEN_KEY_EMPTY'
  | 'ERR_SHARE_TOKEN_CLAIMS_NOT_OBJECT'
  | 'ERR_NOT_IN_THIS_BUILD'
  | `ERR_${ShareTokenFindingCode}`
  | 'ERR_WEBHOOK_BODY_USED'
  | 'ERR_NOT_INITIALIZED'
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

/** Finding codes of `inspectShareToken`. A thrown error carries `ERR_` + the code. */
export type ShareTokenFindingCode =
  | 'SHARE_TOKEN_TOO_LARGE'
  | 'SHARE_TOKEN_WHITESPACE'
  | 'SHARE_TOKEN_SEGMENTS'
  | 'SHARE_TOKEN_BASE64'
  | 'SHARE_TOKEN_UTF8'
  | 'SHARE_TOKEN_JSON'
  | 'SHARE_TOKEN_NOT_OBJECT'
  | 'SHARE_TOKEN_SIGNATURE_LENGTH'
  | 'SHARE_TOKEN_ALG_MISSING'
  | 'SHARE_TOKEN_ALG_NONE'
  | 'SHARE_TOKEN_ALG_UNEXPECTED'
  | 'SHARE_TOKEN_TYP_UNEXPECTED'
  | 'SHARE_TOKEN_DUPLICATE_KEY'
  | 'SHARE_TOKEN_CLAIM_MISSING'
  | 'SHARE_TOKEN_CLAIM_TYPE'
  | 'SHARE_TOKEN_CLAIM_NOT_UUID'
  | 'SHARE_TOKEN_CLAIM_NOT_INTEGER'
  | 'SHARE_TOKEN_UNKNOWN_CLAIMS'
  | 'SHARE_TOKEN_SESSION_KIND_DEFAULTED'
  | 'SHARE_TOKEN_SESSION_KIND_UNKNOWN'
  | 'SHARE_TOKEN_EXPIRED'
  | 'SHARE_TOKEN_EXPIRES_SOON'
  | 'SHARE_TOKEN_ISSUED_IN_FUTURE'
  | 'SHARE_TOKEN_NOT_YET_VALID'
  | 'SHARE_TOKEN_TTL_OUT_OF_RANGE'
  | 'SHARE_TOKEN_WRONG_APPLICATION';

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
  /** What Didit's import endpoint documents for this problem (401 invalid/expired, 403 not yours). */
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
  /** Milliseconds since the epoch or a `Date`. Default: `Date.now()`. */
  now?: number | Date;
  /** Leeway for clock skew on `exp`, `iat`, `nbf`. Default 0. */
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
  /** Default `iat`: milliseconds since the epoch or a `Date` (default now). */
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
 * says so), then runs {@link verifyWebhook} on it and the request's headers. Asynchronous only
 * because reading a body is. The body is consumed: read the payload from the result, or pass
 * `request.clone()`. A request whose body was already read fails with `ERR_WEBHOOK_BODY_USED`.
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
 */
export function webhookMiddleware(
  secret: string | readonly string[],
  options?: VerifyWebhookOptions,
): (
  req: NodeRequestLike & { diditWebhook?: WebhookVerification },
  res: NodeResponseLike,
  next: (error?: unknown) => void,
) => void;

/**
 * For `app.use(express.json({ verify: keepRawBody }))`: keeps the exact bytes of every JSON
 * body as `req.rawBody`, so a global JSON parser and webhook verification can coexist.
 */
export function keepRawBody(req: object, res: unknown, buf: Uint8Array): void;

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
