// @ts-check
// Share tokens: inspection (advisory, without the key), the strict twin, request builders for
// Service X (share) and Service Y (import), and HS256 minting for tests. The rules live in the core
// (src/token/); this file checks arguments and shapes the report.
import { codedError, kind } from './errors.mjs';
import { encoder, isBuiltinNonBag, isWellFormed, optionsObject, numberOption, nowSeconds, keyBytes } from './args.mjs';
import { runGuarded } from './instance.mjs';
import { TTL_MIN_SECONDS, TTL_MAX_SECONDS, TTL_DEFAULT_SECONDS, DEFAULT_MAX_TOKEN_BYTES, IMPORT_ANSWERS, IMPORT_ANSWER_BY_CODE, NOT_USABLE, WOULD_ANSWER, UUID_PATTERN, DIDIT_HEADER, FROM_CLAIMS, FROM_PARTS, PART_STRING, CLAIM_NAMES, LARGE_TOKEN_BYTES } from './share-token.gen.mjs';

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

/** Where `cut` is in the report's text (the report is read synchronously, one at a time). */
let cursor = 0;
/** The report's next string, `len` UTF-16 code units long (NaN: absent, null). @param {string} text @param {number} len */
const cut = (text, len) => (len === len ? text.substring(cursor, (cursor += len)) : null);

/** An id of the report: undefined when the claims hold it (FROM_CLAIMS), else as `cut`. @param {string} text @param {number} len */
const id = (text, len) => (len === FROM_CLAIMS ? undefined : cut(text, len));

/** `inspectShareTokenIn`'s application id length for "none". */
const NO_APPLICATION_ID = 0xffffffff;

/** Decodes the core's report text (UTF-8; a leading U+FEFF is part of a string, not a BOM). */
const reportDecoder = new TextDecoder('utf-8', { ignoreBOM: true });

/**
 * @typedef {object} TokenRaw  the wasm-bindgen exports this part calls (full build only)
 * @property {Function} [shareTokenInput]
 * @property {Function} [inspectShareTokenIn]
 * @property {() => WebAssembly.Memory} [wasmMemory]
 * @property {Function} [encodeHs256]
 * @property {Function} [verifyHs256]
 */

/** @param {TokenRaw} raw */
export function shareTokenApi(raw) {
  /** @param {string} fn */
  function tokenRaw(fn) {
    if (typeof raw.inspectShareTokenIn !== 'function' || typeof raw.wasmMemory !== 'function') {
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
   * `to_compact`): the numbers and string lengths read from wasm memory (NaN: null), and the
   * strings themselves one after the other, cut out with `substring`; the decoded header and
   * claims are parsed here, the ISO times when first read.
   */
  class ShareTokenInspection {
    /**
     * @param {string} text  the core's compact report: its strings
     * @param {Float64Array} f  a view of wasm memory holding its numbers
     * @param {number} b  the index in `f` of its first number
     */
    constructor(text, f, b) {
      // The strings in the text's order; an id the claims hold is read from them once parsed.
      cursor = 0;
      const sessionId = id(text, f[b + 8]);
      const sessionKind = cut(text, f[b + 9]);
      const fromApplicationId = id(text, f[b + 10]);
      const forApplicationId = id(text, f[b + 11]);
      const unwrappedToken = cut(text, f[b + 12]);
      const header = cut(text, f[b + 13]);
      const count = f[b + 15];
      /** @type {any} */
      let claims;
      if (f[b + 14] === FROM_PARTS) {
        // Built from the members the core read (in the payload's order, with the values
        // JSON.parse would give them) instead of parsing the claims' text.
        claims = {};
        let k = b + 16 + 5 * count;
        for (let i = 0, parts = f[k++]; i < parts; i++, k += 3) {
          claims[CLAIM_NAMES[f[k]]] = f[k + 1] === PART_STRING ? cut(text, f[k + 2]) : f[k + 2];
        }
      } else {
        const claimsText = cut(text, f[b + 14]);
        claims = claimsText === null ? null : JSON.parse(claimsText);
      }
      this.usable = f[b] === 1;
      this.importStatus = orNull(f[b + 1]);
      this.sessionId = sessionId === undefined ? claims.session_id : sessionId;
      this.sessionKind = sessionKind;
      this.sessionKindDefaulted = f[b + 2] === 1;
      this.fromApplicationId = fromApplicationId === undefined ? claims.from_application_id : fromApplicationId;
      this.forApplicationId = forApplicationId === undefined ? claims.for_application_id : forApplicationId;
      this.issuedAt = orNull(f[b + 3]);
      this.expiresAt = orNull(f[b + 4]);
      this.ttlSeconds = orNull(f[b + 5]);
      this.remainingSeconds = orNull(f[b + 6]);
      this.now = f[b + 7];
      /** The token found inside a pasted wrapping (`Bearer …`, quotes, a URL…): what to send instead; null for a bare token. */
      this.unwrappedToken = unwrappedToken;
      const findings = new Array(count);
      for (let i = 0, k = b + 16; i < count; i++, k += 5) {
        const importStatus = orNull(f[k + 4]);
        const code = /** @type {string} */ (cut(text, f[k]));
        findings[i] = {
          code,
          severity: cut(text, f[k + 1]),
          at: cut(text, f[k + 2]),
          message: cut(text, f[k + 3]),
          importStatus,
          importAnswer: importStatus === null ? null : IMPORT_ANSWER_BY_CODE[code] ?? IMPORT_ANSWERS[importStatus],
        };
      }
      this.findings = findings;
      /** The decoded header, or null when unreadable. */
      this.header = header === null ? null : header === DIDIT_HEADER ? { alg: 'HS256', typ: 'JWT' } : JSON.parse(header);
      /** The decoded payload as sent (Didit's snake_case names), or null when unreadable. */
      this.claims = claims;
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

  const run = runGuarded(raw);
  /** The core's input (src/wasm.rs, `shareTokenInput`): in which memory, where, how large, and
   * which application id is already written at its start. */
  const input = { memory: /** @type {WebAssembly.Memory | undefined} */ (undefined), at: 0, size: 0, app: /** @type {string | undefined} */ (undefined) };
  /** Views of the instance's memory: remade for another instance, and when the memory grew (which
   * detaches the buffer they view: their length is then 0). */
  const views = { u8: new Uint8Array(0), f64: new Float64Array(0) };
  /** @param {WebAssembly.Memory} m */
  const remake = (m) => {
    views.u8 = new Uint8Array(m.buffer);
    views.f64 = new Float64Array(m.buffer);
  };

  /**
   * One inspection by the core (src/wasm.rs, `inspectShareTokenIn`): the application id and the
   * token written into its input in wasm memory, the report read back from there. Runs under
   * `runGuarded` with the unguarded glue, so the instance stays the same throughout.
   * @param {Required<TokenRaw>} r @param {string} token @param {string | undefined} app
   * @param {number} now @param {number} tolerance @param {number} minRemaining @param {number} maxTokenBytes
   */
  function inspectInCore(r, token, app, now, tolerance, minRemaining, maxTokenBytes) {
    const appLen = app === undefined ? 0 : app.length; // a UUID: ASCII (uuidArg)
    /** @type {Uint8Array | undefined} */
    let exact;
    let need = appLen + 3 * token.length;
    if (need > LARGE_TOKEN_BYTES) {
      exact = encoder.encode(token);
      need = appLen + exact.length;
    }
    // Asked of the glue on every call (0.04 µs), not of a cache: whatever replaced the instance.
    const m = r.wasmMemory();
    if (m !== input.memory || need > input.size) {
      input.at = r.shareTokenInput(need);
      input.size = need;
      input.app = undefined;
      input.memory = m;
      remake(m);
    }
    if (views.u8.length === 0) remake(m);
    let { u8 } = views;
    if (app === undefined) {
      input.app = undefined; // the token goes where it was
    } else if (app !== input.app) {
      for (let i = 0; i < appLen; i++) u8[input.at + i] = app.charCodeAt(i);
      input.app = app;
    }
    const start = input.at + appLen;
    let written;
    if (exact === undefined) {
      written = encoder.encodeInto(token, u8.subarray(start, input.at + need)).written;
    } else {
      u8.set(exact, start);
      written = exact.length;
    }
    const head = r.inspectShareTokenIn(app === undefined ? NO_APPLICATION_ID : appLen, written, now, tolerance, minRemaining, maxTokenBytes) >>> 3;
    if (views.u8.length === 0) remake(m); // the call grew the memory
    ({ u8 } = views);
    const { f64 } = views;
    const textAt = f64[head];
    const text = reportDecoder.decode(u8.subarray(textAt, textAt + f64[head + 1]));
    if (f64[head + 2] !== input.at) input.app = undefined;
    input.at = f64[head + 2];
    input.size = f64[head + 3];
    return new ShareTokenInspection(text, f64, f64[head + 4] / 8);
  }

  /**
   * @param {unknown} token
   * @param {unknown} options
   * @param {string} fn
   */
  function inspect(token, options, fn) {
    tokenRaw(fn);
    if (typeof token !== 'string') {
      throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', `${fn}: token must be a string, got ${kind(token)}`);
    }
    const o = optionsObject(options, fn);
    const app = o.applicationId === undefined ? undefined : uuidArg(o.applicationId, `${fn}: options.applicationId`);
    const maxTokenBytes = numberOption(o.maxTokenBytes, 'maxTokenBytes', DEFAULT_MAX_TOKEN_BYTES, fn) || 1;
    const now = nowSeconds(o.now, fn);
    const tolerance = numberOption(o.clockToleranceSeconds, 'clockToleranceSeconds', 0, fn);
    const minRemaining = numberOption(o.minRemainingSeconds, 'minRemainingSeconds', 0, fn);
    return run((r) => inspectInCore(/** @type {Required<TokenRaw>} */ (r), token, app, now, tolerance, minRemaining, maxTokenBytes));
  }

  /**
   * Looks inside a share token without the key (advisory: only Didit can verify a real token).
   * Never throws for a bad token; only for bad arguments.
   * @param {unknown} token
   * @param {unknown} [options]
   */
  function inspectShareToken(token, options) {
    return inspect(token, options, 'inspectShareToken');
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
    const i = inspect(token, o, fn);
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
    const i = inspect(a.shareToken, {
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
