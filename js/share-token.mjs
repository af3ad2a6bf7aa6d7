// @ts-check
// Share tokens: inspection (advisory, without the key), the strict twin, request builders for
// Service X (share) and Service Y (import), and HS256 minting for tests. The rules live in the core
// (src/token/); this file checks arguments and shapes the report.
import { codedError, kind } from './errors.mjs';
import { encoder, isBuiltinNonBag, isWellFormed, optionsObject, numberOption, nowSeconds, keyBytes } from './args.mjs';
import { TTL_MIN_SECONDS, TTL_MAX_SECONDS, TTL_DEFAULT_SECONDS, DEFAULT_MAX_TOKEN_BYTES, IMPORT_ANSWERS, IMPORT_ANSWER_BY_CODE, NOT_USABLE, WOULD_ANSWER, UUID_PATTERN } from './share-token.gen.mjs';

const DIDIT_API = 'https://verification.didit.me';

/** The last string uuidArg accepted (a server passes the same applicationId on every call); at
 * first a value no caller can pass. */
let lastUuid = /** @type {unknown} */ (Symbol('no UUID accepted yet'));

/**
 * @param {unknown} v
 * @param {string} what  e.g. "shareRequest: sessionId"
 * @returns {string}
 */
function uuidArg(v, what) {
  if (v === lastUuid) return /** @type {string} */ (v);
  if (typeof v !== 'string') {
    throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', `${what} must be a UUID string, got ${kind(v)}`);
  }
  if (!UUID_PATTERN.test(v)) {
    throw codedError(RangeError, 'ERR_INVALID_ARG_VALUE', `${what} must be a UUID (8-4-4-4-12 hex digits)`);
  }
  lastUuid = v;
  return v;
}

/** The header Didit writes, as the core returns its text: built as an object literal rather than parsed. */
const DIDIT_HEADER = '{"alg":"HS256","typ":"JWT"}';

/**
 * The first error finding of an inspection as a thrown Error coded `ERR_` + the finding's code.
 * @param {any} finding
 * @param {string} fn
 */
function tokenError(finding, fn) {
  const suffix = finding.importStatus ? ` (${WOULD_ANSWER} ${finding.importStatus})` : '';
  const error = codedError(Error, `ERR_${finding.code}`, `${fn}: ${NOT_USABLE}${finding.message}${suffix}`);
  /** @type {any} */ (error).finding = finding;
  /** @type {any} */ (error).importStatus = finding.importStatus;
  return error;
}

/** Where the core writes an inspection's numbers (reused, as `scratch`): room for 8 findings. */
let numbers = new Float64Array(16 + 5 * 8);

/** Where a token is encoded for the core (reused: inspection is synchronous). */
let scratch = new Uint8Array(1024);

/**
 * The token's UTF-8 bytes, in a reused buffer when they fit (the glue copies them into wasm memory
 * at once, so a fresh array per call would only be garbage).
 * @param {string} token
 */
function tokenBytes(token) {
  if (3 * token.length > scratch.length) {
    if (3 * token.length > 64 * 1024) return encoder.encode(token);
    scratch = new Uint8Array(3 * token.length);
  }
  return scratch.subarray(0, encoder.encodeInto(token, scratch).written);
}

/**
 * @typedef {object} TokenRaw  the wasm-bindgen exports this part calls (full build only)
 * @property {Function} [inspectShareToken]
 * @property {Function} [encodeHs256]
 * @property {Function} [verifyHs256]
 */

/** @param {TokenRaw} raw */
export function shareTokenApi(raw) {
  /** @param {string} fn */
  function tokenRaw(fn) {
    if (typeof raw.inspectShareToken !== 'function') {
      throw codedError(Error, 'ERR_NOT_IN_THIS_BUILD', `${fn} is not in this build of didit-kit (the verification-only entry point); import 'didit-kit' instead`);
    }
    return /** @type {Required<TokenRaw>} */ (raw);
  }

  /** `2025-07-27T15:37:46Z` for Unix seconds, as the Rust core writes it. */
  const iso = (/** @type {number | null} */ s) => {
    if (s === null) return null;
    const d = new Date(s * 1000);
    return Number.isNaN(d.getTime()) ? null : d.toISOString().replace('.000Z', 'Z');
  };

  /** NaN (the core's "absent") as null. @param {number} x */
  const orNull = (x) => (x === x ? x : null);

  /**
   * What inspectShareToken returns, built from the core's compact report (src/token/report.rs,
   * `to_compact`): the numbers and string lengths in a Float64Array (NaN: null), and the strings
   * themselves one after the other, cut out with `substring`; the decoded header and claims are
   * parsed here, the ISO times when first read.
   */
  class ShareTokenInspection {
    /**
     * @param {string} text  the core's compact report: its strings
     * @param {Float64Array} n  and its numbers
     */
    constructor(text, n) {
      let at = 0;
      const next = (/** @type {number} */ len) => (len === len ? text.substring(at, (at += len)) : null);
      this.usable = n[0] === 1;
      this.importStatus = orNull(n[1]);
      this.sessionId = next(n[8]);
      this.sessionKind = next(n[9]);
      this.sessionKindDefaulted = n[2] === 1;
      this.fromApplicationId = next(n[10]);
      this.forApplicationId = next(n[11]);
      this.issuedAt = orNull(n[3]);
      this.expiresAt = orNull(n[4]);
      this.ttlSeconds = orNull(n[5]);
      this.remainingSeconds = orNull(n[6]);
      this.now = n[7];
      /** The token found inside a pasted wrapping (`Bearer …`, quotes, a URL…): what to send instead; null for a bare token. */
      this.unwrappedToken = next(n[12]);
      const header = next(n[13]);
      const claims = next(n[14]);
      const count = n[15];
      const findings = new Array(count);
      for (let i = 0, k = 16; i < count; i++, k += 5) {
        const importStatus = orNull(n[k + 4]);
        const code = /** @type {string} */ (next(n[k]));
        findings[i] = {
          code,
          severity: next(n[k + 1]),
          at: next(n[k + 2]),
          message: next(n[k + 3]),
          importStatus,
          importAnswer: importStatus === null ? null : IMPORT_ANSWER_BY_CODE[code] ?? IMPORT_ANSWERS[importStatus],
        };
      }
      this.findings = findings;
      /** The decoded header, or null when unreadable. */
      this.header = header === null ? null : header === DIDIT_HEADER ? { alg: 'HS256', typ: 'JWT' } : JSON.parse(header);
      /** The decoded payload as sent (Didit's snake_case names), or null when unreadable. */
      this.claims = claims === null ? null : JSON.parse(claims);
    }

    get issuedAtIso() {
      return iso(this.issuedAt);
    }

    get expiresAtIso() {
      return iso(this.expiresAt);
    }

    toJSON() {
      return { ...this, issuedAtIso: this.issuedAtIso, expiresAtIso: this.expiresAtIso };
    }
  }

  /**
   * @param {unknown} token
   * @param {unknown} options
   * @param {string} fn
   */
  function inspect(token, options, fn) {
    const r = tokenRaw(fn);
    if (typeof token !== 'string') {
      throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', `${fn}: token must be a string, got ${kind(token)}`);
    }
    const o = optionsObject(options, fn);
    const app = o.applicationId === undefined ? undefined : uuidArg(o.applicationId, `${fn}: options.applicationId`);
    const maxTokenBytes = numberOption(o.maxTokenBytes, 'maxTokenBytes', DEFAULT_MAX_TOKEN_BYTES, fn) || 1;
    const bytes = tokenBytes(token);
    const now = nowSeconds(o.now, fn);
    const tolerance = numberOption(o.clockToleranceSeconds, 'clockToleranceSeconds', 0, fn);
    const minRemaining = numberOption(o.minRemainingSeconds, 'minRemainingSeconds', 0, fn);
    let report = r.inspectShareToken(bytes, now, app, tolerance, minRemaining, maxTokenBytes, numbers);
    // The count of findings is always written; their numbers only where they fitted.
    if (16 + 5 * numbers[15] > numbers.length) {
      numbers = new Float64Array(16 + 5 * numbers[15]);
      report = r.inspectShareToken(bytes, now, app, tolerance, minRemaining, maxTokenBytes, numbers);
    }
    return { inspection: new ShareTokenInspection(report, numbers), o };
  }

  /**
   * Looks inside a share token without the key (advisory: only Didit can verify a real token).
   * Never throws for a bad token; only for bad arguments.
   * @param {unknown} token
   * @param {unknown} [options]
   */
  function inspectShareToken(token, options) {
    return inspect(token, options, 'inspectShareToken').inspection;
  }

  /**
   * The strict twin for servers: the typed claims, or throws the first problem.
   * @param {unknown} token
   * @param {unknown} options
   */
  function assertShareTokenUsable(token, options) {
    const fn = 'assertShareTokenUsable';
    const o = optionsObject(options, fn);
    if (o.applicationId === undefined) {
      throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', `${fn}: options.applicationId (your application's UUID) is required`);
    }
    const { inspection: i } = inspect(token, o, fn);
    const first = i.findings.find((/** @type {any} */ f) => f.severity === 'error');
    if (first) throw tokenError(first, fn);
    return {
      sessionId: i.sessionId,
      sessionKind: i.sessionKind,
      sessionKindDefaulted: i.sessionKindDefaulted,
      fromApplicationId: i.fromApplicationId,
      forApplicationId: i.forApplicationId,
      issuedAt: i.issuedAt,
      expiresAt: i.expiresAt,
      remainingSeconds: i.remainingSeconds,
      claims: i.claims,
    };
  }

  /**
   * @param {unknown} base
   * @param {string} fn
   */
  function baseUrl(base, fn) {
    if (base === undefined) return DIDIT_API;
    if (typeof base !== 'string' || !/^https?:\/\/[^/?#\s]+$/.test(base.replace(/\/+$/, ''))) {
      throw codedError(TypeError, 'ERR_INVALID_ARG_VALUE', `${fn}: options.baseUrl must be an http(s) origin such as ${DIDIT_API}`);
    }
    return base.replace(/\/+$/, '');
  }

  /**
   * The request Service X sends to mint a share token (bring your own HTTP client and API key).
   * @param {unknown} sessionId
   * @param {unknown} options
   */
  function shareRequest(sessionId, options) {
    const fn = 'shareRequest';
    const id = uuidArg(sessionId, `${fn}: sessionId`);
    const o = optionsObject(options, fn);
    const forApplicationId = uuidArg(o.forApplicationId, `${fn}: options.forApplicationId`);
    const ttl = o.ttlInSeconds === undefined ? TTL_DEFAULT_SECONDS : o.ttlInSeconds;
    if (typeof ttl !== 'number') {
      throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', `${fn}: options.ttlInSeconds must be an integer number of seconds, got ${kind(ttl)}`);
    }
    if (!Number.isInteger(ttl) || ttl < TTL_MIN_SECONDS || ttl > TTL_MAX_SECONDS) {
      throw codedError(RangeError, 'ERR_INVALID_ARG_VALUE', `${fn}: options.ttlInSeconds must be an integer from ${TTL_MIN_SECONDS} to ${TTL_MAX_SECONDS}, got ${ttl}`);
    }
    return postRequest(`/v3/session/${id}/share/`, { for_application_id: forApplicationId, ttl_in_seconds: ttl }, o.baseUrl, fn);
  }

  /**
   * A JSON POST to Didit's API, for the caller's own HTTP client.
   * @template T
   * @param {string} path @param {T} json @param {unknown} base @param {string} fn
   */
  function postRequest(path, json, base, fn) {
    return {
      method: /** @type {const} */ ('POST'),
      path,
      url: baseUrl(base, fn) + path,
      headers: /** @type {{ 'content-type': 'application/json', accept: 'application/json' }} */ ({ 'content-type': 'application/json', accept: 'application/json' }),
      body: JSON.stringify(json),
      json,
    };
  }

  /**
   * The request Service Y sends to import a shared session. Checks the token first (well formed,
   * not expired, for `applicationId` when given), so a doomed call is not made.
   * @param {unknown} input
   * @param {unknown} [options]
   */
  function importRequest(input, options) {
    const fn = 'importRequest';
    const a = optionsObject(input, fn);
    if (input === undefined || input === null) {
      throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', `${fn}: expected { shareToken, workflowId, trustReview, vendorData? }`);
    }
    const o = optionsObject(options, fn);
    if (typeof a.shareToken !== 'string') {
      throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', `${fn}: shareToken must be a string, got ${kind(a.shareToken)}`);
    }
    const workflowId = uuidArg(a.workflowId, `${fn}: workflowId`);
    if (typeof a.trustReview !== 'boolean') {
      throw codedError(
        TypeError,
        'ERR_IMPORT_TRUST_REVIEW_REQUIRED',
        `${fn}: trustReview must be given as true or false (got ${kind(a.trustReview)}): false puts the imported session "In Review", true keeps the original status (e.g. "Approved")`,
      );
    }
    if (a.vendorData !== undefined && typeof a.vendorData !== 'string') {
      throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', `${fn}: vendorData must be a string, got ${kind(a.vendorData)}`);
    }
    const { inspection: i } = inspect(a.shareToken, {
      now: o.now,
      applicationId: o.applicationId,
      clockToleranceSeconds: o.clockToleranceSeconds,
      minRemainingSeconds: o.minRemainingSeconds,
    }, fn);
    const first = i.findings.find((/** @type {any} */ f) => f.severity === 'error');
    if (first) throw tokenError(first, fn);
    // Member order as Didit's docs show the request: vendor_data (when given) before trust_review.
    /** @type {{ share_token: string, workflow_id: string, vendor_data?: string, trust_review: boolean }} */
    const json = a.vendorData === undefined
      ? { share_token: a.shareToken, workflow_id: workflowId, trust_review: a.trustReview }
      : { share_token: a.shareToken, workflow_id: workflowId, vendor_data: /** @type {string} */ (a.vendorData), trust_review: a.trustReview };
    return {
      ...postRequest('/v3/session/import-shared/', json, o.baseUrl, fn),
      sessionKind: i.sessionKind,
      expiresAt: i.expiresAt,
    };
  }

  /**
   * Mints a real HS256 JWT with a key you choose, for tests and local emulators. Didit's own
   * tokens are signed with Didit's key; nothing minted here will import at Didit.
   * @param {unknown} claims
   * @param {unknown} key
   * @param {unknown} [options]
   */
  function mintTestShareToken(claims, key, options) {
    const fn = 'mintTestShareToken';
    const r = tokenRaw(fn);
    if (claims === null || typeof claims !== 'object' || isBuiltinNonBag(claims) || claims instanceof Map) {
      throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', `${fn}: claims must be an object, got ${kind(claims)}`);
    }
    const k = keyBytes(key, fn);
    const o = optionsObject(options, fn);
    const c = /** @type {Record<string, unknown>} */ ({ ...claims });
    if (c.iat === undefined) c.iat = nowSeconds(o.now, fn);
    if (c.exp === undefined) {
      const ttl = o.ttlInSeconds === undefined ? TTL_DEFAULT_SECONDS : o.ttlInSeconds;
      if (typeof ttl !== 'number' || !Number.isInteger(ttl)) {
        throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', `${fn}: options.ttlInSeconds must be an integer, got ${kind(ttl)}`);
      }
      if (typeof c.iat !== 'number') {
        throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', `${fn}: claims.iat must be a number to derive exp, got ${kind(c.iat)}`);
      }
      c.exp = c.iat + ttl;
    }
    let text;
    try {
      text = JSON.stringify(c);
    } catch (e) {
      throw codedError(TypeError, 'ERR_INVALID_ARG_VALUE', `${fn}: claims cannot be serialised as JSON (${/** @type {Error} */ (e).message})`);
    }
    if (!isWellFormed(text)) {
      throw codedError(TypeError, 'ERR_INVALID_ARG_VALUE', `${fn}: claims contain a string with an unpaired surrogate`);
    }
    return /** @type {string} */ (r.encodeHs256(encoder.encode(text), k));
  }

  /**
   * Whether a token is HS256 and signed with `key` (constant-time). Only for tokens minted with a
   * key you hold (mintTestShareToken, an emulator): real Didit tokens cannot be verified.
   * @param {unknown} token
   * @param {unknown} key
   */
  function verifyShareTokenSignature(token, key) {
    const fn = 'verifyShareTokenSignature';
    const r = tokenRaw(fn);
    if (typeof token !== 'string') {
      throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', `${fn}: token must be a string, got ${kind(token)}`);
    }
    return /** @type {boolean} */ (r.verifyHs256(token, keyBytes(key, fn)));
  }

  return {
    inspectShareToken,
    assertShareTokenUsable,
    shareRequest,
    importRequest,
    mintTestShareToken,
    verifyShareTokenSignature,
  };
}
