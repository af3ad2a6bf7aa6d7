// @ts-check
// The public JavaScript API, shared by every runtime loader. A loader passes the raw
// wasm-bindgen exports and its platform hooks; everything here is plain JS that runs in any
// runtime (no Node APIs). Arguments are checked here, so that a wrong type becomes a TypeError
// with a `code` and never reaches the wasm module.

const METHODS = /** @type {const} */ (['v2', 'v2-ascii', 'v1', 'simple']);
const DEFAULT_TOLERANCE_SECONDS = 300;
const DEFAULT_MAX_DEPTH = 995;
const DEFAULT_MAX_BODY_BYTES = 16 * 1024 * 1024;
const HEADER_SLOTS = /** @type {Record<string, number>} */ ({
  'x-timestamp': 0,
  'x-signature-v2': 1,
  'x-signature': 2,
  'x-signature-simple': 3,
});
const HEADER_NAMES = Object.keys(HEADER_SLOTS);

const DIDIT_API = 'https://verification.didit.me';
const TTL_MIN_SECONDS = 60;
const TTL_MAX_SECONDS = 86400;
const TTL_DEFAULT_SECONDS = 3600;
const DEFAULT_MAX_TOKEN_BYTES = 8 * 1024;
const IMPORT_ANSWERS = /** @type {Record<number, string>} */ ({
  401: '401 Unauthorized: "Share token invalid or expired." Ask the sharing party for a new token.',
  403: '403 Forbidden: "Token not intended for your application, or session has already been imported."',
});
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * @param {ErrorConstructor | TypeErrorConstructor | RangeErrorConstructor} Ctor
 * @param {string} code
 * @param {string} message
 */
function codedError(Ctor, code, message) {
  const error = new Ctor(message);
  /** @type {any} */ (error).code = code;
  return error;
}

/** @param {string} s */
const isWellFormed =
  typeof (/** @type {any} */ ('').isWellFormed) === 'function'
    ? (/** @type {string} */ s) => /** @type {any} */ (s).isWellFormed()
    : (/** @type {string} */ s) => !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:^|[^\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);

/**
 * Describes a value for an error message without printing it (it may be a secret).
 * @param {unknown} v
 */
function kind(v) {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return `an object (${Object.prototype.toString.call(v).slice(8, -1)})`;
  return `a ${typeof v}`;
}

const RAW_BODY_HINT =
  'pass the raw request body (string, Uint8Array/Buffer or ArrayBuffer), not a parsed object: ' +
  're-serialising parsed JSON does not reproduce the bytes Didit signed ' +
  "(Express: mount express.raw({ type: 'application/json' }) on the webhook route)";

/**
 * @param {unknown} body
 * @param {string} fn
 * @returns {Uint8Array}
 */
function bodyBytes(body, fn) {
  if (typeof body === 'string') {
    if (!isWellFormed(body)) {
      throw codedError(TypeError, 'ERR_INVALID_ARG_VALUE', `${fn}: body contains an unpaired surrogate, so it has no UTF-8 form`);
    }
    return encoder.encode(body);
  }
  if (body instanceof Uint8Array) return body;
  try {
    if (body instanceof ArrayBuffer) return new Uint8Array(body);
    if (ArrayBuffer.isView(body)) return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  } catch {
    throw codedError(TypeError, 'ERR_INVALID_ARG_VALUE', `${fn}: body buffer is detached`);
  }
  if (body !== null && typeof body === 'object') {
    throw codedError(TypeError, 'ERR_WEBHOOK_BODY_NOT_RAW', `${fn}: ${RAW_BODY_HINT}`);
  }
  throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', `${fn}: body must be a string, Uint8Array or ArrayBuffer, got ${kind(body)}`);
}

/**
 * @param {unknown} value
 * @param {string} name
 * @returns {string | undefined}
 */
function headerValue(value, name) {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.join(', ');
  throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', `verifyWebhook: header ${name} must be a string, got ${kind(value)}`);
}

/**
 * Picks X-Timestamp and the three signatures out of a plain object (any casing, array values
 * allowed, as Node gives them), a Fetch `Headers`, or a `Map`.
 * @param {unknown} headers
 * @returns {(string | undefined)[]}
 */
function pickHeaders(headers) {
  /** @type {(string | undefined)[]} */
  const out = [undefined, undefined, undefined, undefined];
  if (headers === null || typeof headers !== 'object') {
    throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', `verifyWebhook: headers must be an object or a Headers instance, got ${kind(headers)}`);
  }
  const h = /** @type {any} */ (headers);
  if (typeof h.get === 'function' && typeof h.entries === 'function') {
    // Fetch Headers (case-insensitive get) or a Map (iterate to ignore case).
    if (typeof Headers !== 'undefined' && h instanceof Headers) {
      for (const name of HEADER_NAMES) out[HEADER_SLOTS[name]] = headerValue(h.get(name), name);
    } else {
      for (const [k, v] of h.entries()) {
        const slot = typeof k === 'string' ? HEADER_SLOTS[k.toLowerCase()] : undefined;
        if (slot !== undefined) out[slot] = headerValue(v, k);
      }
    }
    return out;
  }
  // Plain object. Node lowercases incoming names, so try those first, then scan for other casings.
  let found = 0;
  for (const name of HEADER_NAMES) {
    const v = h[name];
    if (v !== undefined) {
      out[HEADER_SLOTS[name]] = headerValue(v, name);
      found++;
    }
  }
  if (found < HEADER_NAMES.length) {
    for (const k of Object.keys(h)) {
      const lower = k.toLowerCase();
      const slot = HEADER_SLOTS[lower];
      if (slot !== undefined && lower !== k && out[slot] === undefined) out[slot] = headerValue(h[k], k);
    }
  }
  return out;
}

/**
 * @param {unknown} secret
 * @param {string} fn
 * @returns {string[]}
 */
function secretList(secret, fn) {
  const list = typeof secret === 'string' ? [secret] : secret;
  if (!Array.isArray(list)) {
    throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', `${fn}: secret must be a string or an array of strings, got ${kind(secret)}`);
  }
  for (let i = 0; i < list.length; i++) {
    const s = list[i];
    if (typeof s !== 'string') {
      throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', `${fn}: secret #${i} must be a string, got ${kind(s)}`);
    }
    if (!isWellFormed(s)) {
      throw codedError(TypeError, 'ERR_INVALID_ARG_VALUE', `${fn}: secret #${i} contains an unpaired surrogate`);
    }
  }
  return list;
}

/**
 * @param {unknown} options
 * @param {string} fn
 * @returns {Record<string, unknown>}
 */
function optionsObject(options, fn) {
  if (options === undefined || options === null) return {};
  if (typeof options !== 'object') {
    throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', `${fn}: options must be an object, got ${kind(options)}`);
  }
  return /** @type {Record<string, unknown>} */ (options);
}

/**
 * @param {unknown} v
 * @param {string} name
 * @param {number} fallback
 * @param {string} fn
 */
function numberOption(v, name, fallback, fn) {
  if (v === undefined) return fallback;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
    throw codedError(
      typeof v === 'number' ? RangeError : TypeError,
      typeof v === 'number' ? 'ERR_INVALID_ARG_VALUE' : 'ERR_INVALID_ARG_TYPE',
      `${fn}: options.${name} must be a non-negative finite number, got ${typeof v === 'number' ? v : kind(v)}`,
    );
  }
  return v;
}

/**
 * `now` in Unix seconds from a number of milliseconds or a Date; defaults to the current time.
 * @param {unknown} now
 * @param {string} fn
 */
function nowSeconds(now, fn) {
  if (now === undefined) return Math.floor(Date.now() / 1000);
  const ms = now instanceof Date ? now.getTime() : now;
  if (typeof ms !== 'number' || !Number.isFinite(ms)) {
    throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', `${fn}: options.now must be milliseconds since the epoch or a valid Date, got ${kind(now)}`);
  }
  return Math.floor(ms / 1000);
}

/**
 * @param {unknown} v
 * @param {string} what  e.g. "shareRequest: sessionId"
 * @returns {string}
 */
function uuidArg(v, what) {
  if (typeof v !== 'string') {
    throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', `${what} must be a UUID string, got ${kind(v)}`);
  }
  if (!UUID.test(v)) {
    throw codedError(RangeError, 'ERR_INVALID_ARG_VALUE', `${what} must be a UUID (8-4-4-4-12 hex digits)`);
  }
  return v;
}

/**
 * A key for the HS256 test helpers: a string (its UTF-8 bytes, as PyJWT uses a str key) or bytes.
 * @param {unknown} key
 * @param {string} fn
 * @returns {Uint8Array}
 */
function keyBytes(key, fn) {
  let bytes;
  if (typeof key === 'string') {
    if (!isWellFormed(key)) throw codedError(TypeError, 'ERR_INVALID_ARG_VALUE', `${fn}: key contains an unpaired surrogate`);
    bytes = encoder.encode(key);
  } else if (key instanceof Uint8Array) {
    bytes = key;
  } else {
    throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', `${fn}: key must be a string or a Uint8Array, got ${kind(key)}`);
  }
  if (bytes.length === 0) throw codedError(RangeError, 'ERR_SHARE_TOKEN_KEY_EMPTY', `${fn}: key is empty`);
  return bytes;
}

/**
 * The first error finding of an inspection as a thrown Error coded `ERR_` + the finding's code.
 * @param {any} finding
 * @param {string} fn
 */
function tokenError(finding, fn) {
  const suffix = finding.importStatus ? ` (Didit's import would answer ${finding.importStatus})` : '';
  const error = codedError(Error, `ERR_${finding.code}`, `${fn}: share token not usable: ${finding.message}${suffix}`);
  /** @type {any} */ (error).finding = finding;
  /** @type {any} */ (error).importStatus = finding.importStatus;
  return error;
}

/**
 * @typedef {object} RawModule
 * @property {Function} verifyWebhook
 * @property {Function} canonicalize
 * @property {Function} signWebhook
 * @property {Function} [inspectShareToken]  absent from the verification-only build
 * @property {Function} [encodeHs256]
 * @property {Function} [verifyHs256]
 * @property {Function} [shareTokenPart]
 */

/**
 * @param {RawModule} raw  the wasm-bindgen exports
 * @param {{ hmac?: (key: Uint8Array, message: Uint8Array) => Uint8Array }} [platform]
 */
export function createApi(raw, platform = {}) {
  const hmac = platform.hmac;

  class WebhookVerification {
    /** @type {unknown} */
    #payload = undefined;
    #parsed = false;
    /** @type {string | Uint8Array} */
    #source;

    /**
     * @param {(typeof METHODS)[number]} method
     * @param {number} secretIndex
     * @param {number} timestamp
     * @param {string | Uint8Array} source
     */
    constructor(method, secretIndex, timestamp, source) {
      /** Which signature matched. */
      this.method = method;
      /** Index of the secret that matched. */
      this.secretIndex = secretIndex;
      /** X-Timestamp, Unix seconds. */
      this.timestamp = timestamp;
      this.#source = source;
    }

    /** The body parsed with JSON.parse (on first access; integers beyond 2^53 lose precision). */
    get payload() {
      if (!this.#parsed) {
        const s = this.#source;
        this.#payload = JSON.parse(typeof s === 'string' ? s.replace(/^\uFEFF/, '') : decoder.decode(s));
        this.#parsed = true;
      }
      return this.#payload;
    }

    toJSON() {
      return { method: this.method, secretIndex: this.secretIndex, timestamp: this.timestamp, payload: this.payload };
    }
  }

  /**
   * @param {unknown} body
   * @param {unknown} headers
   * @param {unknown} secret
   * @param {unknown} [options]
   */
  function verifyWebhook(body, headers, secret, options) {
    const fn = 'verifyWebhook';
    const bytes = bodyBytes(body, fn);
    const h = pickHeaders(headers);
    const secrets = secretList(secret, fn);
    const o = optionsObject(options, fn);
    const allowSimple = o.allowSimple === undefined ? false : o.allowSimple;
    if (typeof allowSimple !== 'boolean') {
      throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', `${fn}: options.allowSimple must be a boolean, got ${kind(allowSimple)}`);
    }
    const r = raw.verifyWebhook(
      bytes,
      h[0],
      h[1],
      h[2],
      h[3],
      secrets,
      nowSeconds(o.now, fn),
      numberOption(o.toleranceSeconds, 'toleranceSeconds', DEFAULT_TOLERANCE_SECONDS, fn),
      allowSimple,
      numberOption(o.maxDepth, 'maxDepth', DEFAULT_MAX_DEPTH, fn),
      numberOption(o.maxBodyBytes, 'maxBodyBytes', DEFAULT_MAX_BODY_BYTES, fn),
      hmac,
    );
    // Snapshot the bytes: `payload` is parsed later, and the caller may reuse its buffer.
    const source = typeof body === 'string' ? body : Uint8Array.prototype.slice.call(bytes);
    return new WebhookVerification(METHODS[r[0]], r[1], r[2], source);
  }

  /**
   * @param {unknown} body
   * @param {unknown} headers
   * @param {unknown} secret
   * @param {unknown} [options]
   */
  function tryVerifyWebhook(body, headers, secret, options) {
    try {
      const v = verifyWebhook(body, headers, secret, options);
      return { ok: /** @type {const} */ (true), method: v.method, secretIndex: v.secretIndex, timestamp: v.timestamp, get payload() { return v.payload; } };
    } catch (error) {
      const code = error && typeof error === 'object' ? /** @type {any} */ (error).code : undefined;
      if (typeof code !== 'string') throw error;
      return { ok: /** @type {const} */ (false), code, message: /** @type {Error} */ (error).message, error };
    }
  }

  /**
   * @param {unknown} body
   * @param {unknown} [options]
   */
  function canonicalize(body, options) {
    const fn = 'canonicalize';
    const bytes = bodyBytes(body, fn);
    const o = optionsObject(options, fn);
    const ascii = o.ascii === undefined ? false : o.ascii;
    if (typeof ascii !== 'boolean') {
      throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', `${fn}: options.ascii must be a boolean, got ${kind(ascii)}`);
    }
    return /** @type {string} */ (
      raw.canonicalize(
        bytes,
        ascii,
        numberOption(o.maxDepth, 'maxDepth', DEFAULT_MAX_DEPTH, fn),
        numberOption(o.maxBodyBytes, 'maxBodyBytes', DEFAULT_MAX_BODY_BYTES, fn),
      )
    );
  }

  /**
   * @param {unknown} body
   * @param {unknown} secret
   * @param {unknown} [options]
   */
  function signWebhook(body, secret, options) {
    const fn = 'signWebhook';
    const bytes = bodyBytes(body, fn);
    if (typeof secret !== 'string') {
      throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', `${fn}: secret must be a string, got ${kind(secret)}`);
    }
    secretList(secret, fn);
    const o = optionsObject(options, fn);
    const ts = o.timestamp;
    if (ts !== undefined && (typeof ts !== 'number' || !Number.isInteger(ts) || ts < 0)) {
      throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', `${fn}: options.timestamp must be a non-negative integer of Unix seconds`);
    }
    const [t, v2, v1, simple] = raw.signWebhook(bytes, secret, ts, nowSeconds(o.now, fn), hmac);
    return { 'X-Timestamp': t, 'X-Signature-V2': v2, 'X-Signature': v1, 'X-Signature-Simple': simple };
  }


  // ---- Share tokens -----------------------------------------------------------------------

  /** @param {string} fn */
  function tokenRaw(fn) {
    if (typeof raw.inspectShareToken !== 'function') {
      throw codedError(Error, 'ERR_NOT_IN_THIS_BUILD', `${fn} is not in this build of didit-kit (the verification-only entry point); import 'didit-kit' instead`);
    }
    return /** @type {Required<RawModule>} */ (raw);
  }

  /** `2025-07-27T15:37:46Z` for Unix seconds, as the Rust core writes it. */
  const iso = (/** @type {number | null} */ s) => {
    if (s === null) return null;
    const d = new Date(s * 1000);
    return Number.isNaN(d.getTime()) ? null : d.toISOString().replace('.000Z', 'Z');
  };

  /**
   * What inspectShareToken returns. The typed fields come from the core in one call; the decoded
   * header and claims and the ISO times are produced when first read (most callers only branch on
   * `usable`, `sessionKind` and `findings`).
   */
  class ShareTokenInspection {
    /** @type {Uint8Array} */
    #token;
    #maxTokenBytes;
    /** @type {Record<string, unknown>} */
    #cache = {};

    /** @param {any} w  the core's report @param {Uint8Array} token @param {number} maxTokenBytes */
    constructor(w, token, maxTokenBytes) {
      this.#token = token;
      this.#maxTokenBytes = maxTokenBytes;
      this.usable = /** @type {boolean} */ (w.usable);
      this.importStatus = w.importStatus;
      this.sessionId = w.sessionId;
      this.sessionKind = w.sessionKind;
      this.sessionKindDefaulted = w.sessionKindDefaulted;
      this.fromApplicationId = w.fromApplicationId;
      this.forApplicationId = w.forApplicationId;
      this.issuedAt = w.issuedAt;
      this.expiresAt = w.expiresAt;
      this.ttlSeconds = w.ttlSeconds;
      this.remainingSeconds = w.remainingSeconds;
      this.now = w.now;
      for (const f of w.findings) f.importAnswer = f.importStatus === null ? null : IMPORT_ANSWERS[f.importStatus];
      this.findings = w.findings;
    }

    /** @param {0 | 1} part */
    #part(part) {
      const key = part === 0 ? 'header' : 'claims';
      if (!(key in this.#cache)) {
        const text = /** @type {Required<RawModule>} */ (raw).shareTokenPart(this.#token, part, this.#maxTokenBytes);
        this.#cache[key] = text === undefined ? null : JSON.parse(text);
      }
      return /** @type {any} */ (this.#cache[key]);
    }

    /** The decoded header, or null when unreadable. */
    get header() {
      return this.#part(0);
    }

    /** The decoded payload as sent (Didit's snake_case names), or null when unreadable. */
    get claims() {
      return this.#part(1);
    }

    get issuedAtIso() {
      return iso(this.issuedAt);
    }

    get expiresAtIso() {
      return iso(this.expiresAt);
    }

    toJSON() {
      return { ...this, header: this.header, claims: this.claims, issuedAtIso: this.issuedAtIso, expiresAtIso: this.expiresAtIso };
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
    const bytes = encoder.encode(token);
    const maxTokenBytes = numberOption(o.maxTokenBytes, 'maxTokenBytes', DEFAULT_MAX_TOKEN_BYTES, fn) || 1;
    const json = r.inspectShareToken(
      bytes,
      nowSeconds(o.now, fn),
      app,
      numberOption(o.clockToleranceSeconds, 'clockToleranceSeconds', 0, fn),
      numberOption(o.minRemainingSeconds, 'minRemainingSeconds', 0, fn),
      maxTokenBytes,
    );
    return { inspection: new ShareTokenInspection(JSON.parse(json), bytes, maxTokenBytes), o };
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
    const path = `/v3/session/${id}/share/`;
    const json = { for_application_id: forApplicationId, ttl_in_seconds: ttl };
    return {
      method: /** @type {const} */ ('POST'),
      path,
      url: baseUrl(o.baseUrl, fn) + path,
      headers: { 'content-type': 'application/json', accept: 'application/json' },
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
    /** @type {{ share_token: string, workflow_id: string, vendor_data?: string, trust_review: boolean }} */
    const json = { share_token: a.shareToken, workflow_id: workflowId };
    if (a.vendorData !== undefined) json.vendor_data = a.vendorData;
    json.trust_review = a.trustReview;
    const path = '/v3/session/import-shared/';
    return {
      method: /** @type {const} */ ('POST'),
      path,
      url: baseUrl(o.baseUrl, fn) + path,
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(json),
      json,
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
    if (claims === null || typeof claims !== 'object' || Array.isArray(claims)) {
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
  };
}
