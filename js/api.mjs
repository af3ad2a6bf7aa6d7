// @ts-check
// The public JavaScript API, shared by every runtime loader. A loader passes the raw
// wasm-bindgen exports and its platform hooks; everything here is plain JS that runs in any
// runtime (no Node APIs). Arguments are checked here, so that a wrong type becomes a TypeError
// with a `code` and never reaches the wasm module.

const METHODS = /** @type {const} */ (['v2', 'v2-ascii', 'v1', 'simple']);
const DEFAULT_TOLERANCE_SECONDS = 300;
const DEFAULT_MAX_DEPTH = 995;
const DEFAULT_MAX_BODY_BYTES = 16 * 1024 * 1024;
// The most maxBodyBytes can be (src/wasm.rs has the same limit and says why): hostile bodies that
// need sorting take up to ~52 bytes of wasm memory per byte, and wasm32 has 4 GiB.
const WASM_MAX_BODY_BYTES = 32 * 1024 * 1024;
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

/** @param {unknown} b */
const isSharedBuffer = (b) => typeof SharedArrayBuffer !== 'undefined' && b instanceof SharedArrayBuffer;

/**
 * Whether an ArrayBuffer was detached (transferred): it then reads as empty, and copying from a
 * view of it throws. Node 20 has no `ArrayBuffer.prototype.detached`; constructing a view fails.
 * @param {ArrayBuffer} b
 */
function isDetached(b) {
  if (b.byteLength !== 0) return false;
  try {
    new Uint8Array(b, 0, 0);
    return false;
  } catch {
    return true;
  }
}

/**
 * Objects that cannot be a bag of headers or options: arrays, binary data, boxed primitives and
 * other built-ins. (Class instances and null-prototype objects are fine: header objects in Node
 * and in the frameworks come in every kind.)
 * @param {object} v
 */
function isBuiltinNonBag(v) {
  const proto = Object.getPrototypeOf(v);
  if (proto === Object.prototype || proto === null) return false; // the common case, quickly
  if (Array.isArray(v) || ArrayBuffer.isView(v) || v instanceof ArrayBuffer || isSharedBuffer(v)) return true;
  const tag = Object.prototype.toString.call(v);
  return /^\[object (Date|RegExp|String|Number|Boolean|BigInt|Symbol|Promise|Error|WeakMap|WeakSet|Set)\]$/.test(tag);
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
  /** @type {unknown} */
  let buffer;
  if (ArrayBuffer.isView(body)) buffer = body.buffer;
  else if (body instanceof ArrayBuffer || isSharedBuffer(body)) buffer = body;
  else if (body !== null && typeof body === 'object') {
    throw codedError(TypeError, 'ERR_WEBHOOK_BODY_NOT_RAW', `${fn}: ${RAW_BODY_HINT}`);
  } else {
    throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', `${fn}: body must be a string, Uint8Array or ArrayBuffer, got ${kind(body)}`);
  }
  if (isSharedBuffer(buffer)) {
    // Another thread could change the bytes between verification and reading the payload.
    throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', `${fn}: body must not be backed by a SharedArrayBuffer (copy it into an ArrayBuffer first)`);
  }
  if (isDetached(/** @type {ArrayBuffer} */ (buffer))) {
    throw codedError(TypeError, 'ERR_INVALID_ARG_VALUE', `${fn}: body buffer is detached`);
  }
  if (body instanceof Uint8Array) return body;
  if (ArrayBuffer.isView(body)) return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  return new Uint8Array(/** @type {ArrayBuffer} */ (body));
}

/**
 * Refuses a body over the maximum here, before wasm-bindgen copies it into wasm memory (which
 * would grow to hold it, and wasm memory never shrinks). Same message as the core's.
 * @param {Uint8Array} bytes
 * @param {number} max
 */
function checkSize(bytes, max) {
  if (bytes.byteLength > max) {
    throw codedError(RangeError, 'ERR_BODY_TOO_LARGE', `body is ${bytes.byteLength} bytes, more than the maximum of ${max}`);
  }
}

/**
 * @param {unknown} value
 * @param {string} name
 * @returns {string | undefined}
 */
function headerValue(value, name) {
  if (value === undefined || value === null) return undefined;
  /** @type {string} */
  let s;
  if (typeof value === 'string') s = value;
  else if (typeof value === 'number') s = String(value);
  else if (Array.isArray(value) && value.every((v) => typeof v === 'string')) s = value.join(', ');
  else throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', `verifyWebhook: header ${name} must be a string, got ${kind(value)}`);
  if (!isWellFormed(s)) {
    // Header values are bytes on the wire: a lone surrogate can only come from the caller's code.
    throw codedError(TypeError, 'ERR_INVALID_ARG_VALUE', `verifyWebhook: header ${name} contains an unpaired surrogate`);
  }
  return s;
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
  if (headers === null || typeof headers !== 'object' || isBuiltinNonBag(headers)) {
    throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', `verifyWebhook: headers must be an object, a Headers or a Map, got ${kind(headers)}`);
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
  if (typeof options !== 'object' || isBuiltinNonBag(options) || options instanceof Map) {
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
 * A positive integer option (a limit), at most `max`.
 * @param {unknown} v
 * @param {string} name
 * @param {number} fallback
 * @param {string} fn
 * @param {number} [max]
 */
function limitOption(v, name, fallback, fn, max = Infinity) {
  if (v === undefined) return fallback;
  if (typeof v !== 'number') {
    throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', `${fn}: options.${name} must be a positive integer, got ${kind(v)}`);
  }
  if (!Number.isInteger(v) || v < 1) {
    throw codedError(RangeError, 'ERR_INVALID_ARG_VALUE', `${fn}: options.${name} must be a positive integer, got ${v}`);
  }
  if (v > max) {
    throw codedError(RangeError, 'ERR_INVALID_ARG_VALUE', `${fn}: options.${name} must be at most ${max} (${max / 1048576} MiB), got ${v}`);
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
  if (typeof ms !== 'number') {
    throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', `${fn}: options.now must be milliseconds since the epoch or a valid Date, got ${kind(now)}`);
  }
  if (!Number.isFinite(ms)) {
    throw codedError(RangeError, 'ERR_INVALID_ARG_VALUE', `${fn}: options.now must be milliseconds since the epoch or a valid Date, got ${now instanceof Date ? 'an invalid Date' : ms}`);
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
  } else if (key instanceof Uint8Array && !isSharedBuffer(key.buffer)) {
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
    /** @type {unknown} */
    #event = undefined;

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

    /** The body as a typed webhook event (parsed and checked on first access; see parseWebhookEvent). */
    get event() {
      if (this.#event === undefined) this.#event = parseWebhookEvent(this.#source);
      return this.#event;
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
    const now = nowSeconds(o.now, fn);
    const tolerance = numberOption(o.toleranceSeconds, 'toleranceSeconds', DEFAULT_TOLERANCE_SECONDS, fn);
    const maxDepth = limitOption(o.maxDepth, 'maxDepth', DEFAULT_MAX_DEPTH, fn);
    const maxBodyBytes = limitOption(o.maxBodyBytes, 'maxBodyBytes', DEFAULT_MAX_BODY_BYTES, fn, WASM_MAX_BODY_BYTES);
    // The core reports a missing or empty secret before the size; keep that order.
    if (secrets.length > 0 && !secrets.includes('')) checkSize(bytes, maxBodyBytes);
    const r = raw.verifyWebhook(bytes, h[0], h[1], h[2], h[3], secrets, now, tolerance, allowSimple, maxDepth, maxBodyBytes, hmac);
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
      return { ok: /** @type {const} */ (true), method: v.method, secretIndex: v.secretIndex, timestamp: v.timestamp, get payload() { return v.payload; }, get event() { return v.event; } };
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
    const maxDepth = limitOption(o.maxDepth, 'maxDepth', DEFAULT_MAX_DEPTH, fn);
    const maxBodyBytes = limitOption(o.maxBodyBytes, 'maxBodyBytes', DEFAULT_MAX_BODY_BYTES, fn, WASM_MAX_BODY_BYTES);
    checkSize(bytes, maxBodyBytes);
    return /** @type {string} */ (raw.canonicalize(bytes, ascii, maxDepth, maxBodyBytes));
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
    if (ts !== undefined && typeof ts !== 'number') {
      throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', `${fn}: options.timestamp must be a non-negative integer of Unix seconds, got ${kind(ts)}`);
    }
    if (ts !== undefined && (!Number.isInteger(ts) || ts < 0 || ts >= 1e15)) {
      throw codedError(RangeError, 'ERR_INVALID_ARG_VALUE', `${fn}: options.timestamp must be a non-negative integer of Unix seconds (at most 15 digits), got ${ts}`);
    }
    checkSize(bytes, WASM_MAX_BODY_BYTES);
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
    /** @type {{ share_token: string, workflow_id: string, vendor_data?: string, trust_review: boolean }} */
    const json = { share_token: a.shareToken, workflow_id: workflowId };
    if (a.vendorData !== undefined) json.vendor_data = a.vendorData;
    json.trust_review = a.trustReview;
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

  // ---- Typed models ------------------------------------------------------------------------
  // parseSessionDecision, parseWebhookEvent, parseImportResponse, modelNotes, stringify, and
  // verifyWebhook's `event`. The body is parsed by JSON.parse, then checked in one walk against
  // MODEL_SHAPES (generated from the Rust tables, so the JS and Rust validators agree; the shared
  // fixtures in tests/fixtures check that they do). Measured on a 54 KB KYC decision, this walk
  // costs about a tenth of a validating pass in wasm, and it adds nothing to the module.

  const MODEL_ROOTS = /** @type {const} */ ({ session: 'Session', webhook: 'WebhookEvent', import: 'Session' });
  const MAX_ISSUES = 32;
  const MAX_SAFE = Number.MAX_SAFE_INTEGER;
  const INSPECT = Symbol.for('nodejs.util.inspect.custom');
  const FOUND = /** @type {Record<number, string>} */ ({ 1: 'boolean', 2: 'integer', 4: 'number', 8: 'string', 16: 'array', 32: 'object' });
  // Sixteen digits in a row: JSON.parse may round only integers that long. Spelled out, not
  // \d{16}: a fixed-length pattern lets the regexp engine skip ahead (about 1% of a JSON.parse).
  const SIXTEEN_DIGITS = /\d\d\d\d\d\d\d\d\d\d\d\d\d\d\d\d/g;
  const strictDecoder = new TextDecoder('utf-8', { fatal: true });

  /**
   * @typedef {{ m: number, exact: boolean, free: boolean, shape: Map<string, Ty> | null, elem: Ty | null, vocab: Vocab | null }} Ty
   * @typedef {{ name: string, deferred: boolean, spellings: Map<string, string> }} Vocab
   * @typedef {{ path: (string | number)[], code: string, accepts: number, found: string }} RawIssue
   * @typedef {{ path: string, raw: string, value: string, family: string }} StatusNote
   * @typedef {{ path: string, value: string, family: string }} UnknownNote
   */

  /** @type {{ shapes: Map<string, Map<string, Ty>>, vocabs: Map<string, Vocab> } | undefined} */
  let schema;

  function compiledSchema() {
    if (schema) return schema;
    /** @type {Map<string, Vocab>} */
    const vocabs = new Map();
    for (const [name, v] of Object.entries(MODEL_VOCABS)) {
      const spellings = new Map();
      for (const c of v.values) {
        spellings.set(c, c);
        if (v.respell) {
          spellings.set(c.toUpperCase().replace(/ /g, '_'), c);
          spellings.set(c.split(/[ _]/).map((w) => w.charAt(0).toUpperCase() + w.slice(1).toLowerCase()).join(' '), c);
        }
      }
      vocabs.set(name, { name, deferred: v.deferred, spellings });
    }
    /** @type {Map<string, Map<string, Ty>>} */
    const shapes = new Map();
    for (const name of Object.keys(MODEL_SHAPES)) shapes.set(name, new Map());
    /** @param {any[]} t @returns {Ty} */
    const ty = (t) => {
      const [m, exact = 0, shape = 0, elem = 0, vocab = 0] = t;
      const e = elem ? ty(elem) : null;
      const sh = shape ? /** @type {Map<string, Ty>} */ (shapes.get(shape)) : null;
      const el = e && !e.free ? e : null;
      // `free`: accepts any JSON value and has nothing inside to check (integrator data).
      return { m, exact: exact === 1, shape: sh, elem: el, vocab: vocab ? /** @type {Vocab} */ (vocabs.get(vocab)) : null, free: m === 63 && !sh && !el && !vocab };
    };
    for (const [name, fields] of Object.entries(MODEL_SHAPES)) {
      const map = /** @type {Map<string, Ty>} */ (shapes.get(name));
      for (const [field, t] of Object.entries(fields)) map.set(field, ty(/** @type {any[]} */ (t)));
    }
    schema = { shapes, vocabs };
    return schema;
  }

  /** @param {number} m */
  function expectedTypes(m) {
    /** @type {string[]} */
    const parts = [];
    for (const [bits, name] of /** @type {[number, string][]} */ ([[1, 'boolean'], [6, 'number'], [8, 'string'], [16, 'array'], [32, 'object'], [2, 'integer']])) {
      if ((m & bits) === bits) {
        parts.push(name);
        m &= ~bits;
      }
    }
    if (parts.length === 0) return 'nothing';
    const last = /** @type {string} */ (parts.pop());
    return parts.length ? `${parts.join(', ')} or ${last}` : last;
  }

  /** `decision.face_matches[0].score`, as the Rust core words it. @param {(string | number)[]} path */
  function formatPath(path) {
    let out = '';
    for (const seg of path) {
      if (typeof seg === 'number') out += `[${seg}]`;
      else if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(seg)) out += (out ? '.' : '') + seg;
      else out += `[${JSON.stringify(seg)}]`;
    }
    return out;
  }

  /** @param {RawIssue} i */
  function issueView(i) {
    const path = formatPath(i.path);
    const expected = i.code === 'ERR_MODEL_NUMBER_RANGE' ? `${expectedTypes(i.accepts)} within ±(2^53 − 1)` : expectedTypes(i.accepts);
    return { path, code: i.code, expected, found: i.found, message: `${path || 'body'}: expected ${expected}, found ${i.found}` };
  }

  /**
   * The integers JSON.parse would round, with their paths. Only called when the text has a run
   * of 16 digits after `:`, `,` or `[`; a plain scanner (JSON.parse already checked the syntax).
   * @param {string} text
   */
  function bigIntegers(text) {
    /** @type {{ path: (string | number)[], digits: string }[]} */
    const found = [];
    /** @type {{ object: boolean, key: string, index: number }[]} */
    const stack = [];
    let expectKey = false;
    const n = text.length;
    let i = 0;
    const startValue = () => {
      const top = stack[stack.length - 1];
      if (top && !top.object) top.index++;
    };
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 34) {
        let j = i + 1;
        for (;;) {
          const q = text.indexOf('"', j);
          if (q < 0) return found;
          let b = q - 1;
          while (text.charCodeAt(b) === 92) b--;
          if ((q - 1 - b) % 2 === 0) {
            j = q;
            break;
          }
          j = q + 1;
        }
        const top = stack[stack.length - 1];
        if (top && top.object && expectKey) {
          top.key = JSON.parse(text.slice(i, j + 1));
          expectKey = false;
        } else {
          startValue();
        }
        i = j + 1;
      } else if (c === 123 || c === 91) {
        startValue();
        stack.push({ object: c === 123, key: '', index: -1 });
        expectKey = c === 123;
        i++;
      } else if (c === 125 || c === 93) {
        stack.pop();
        i++;
      } else if (c === 44) {
        const top = stack[stack.length - 1];
        if (top && top.object) expectKey = true;
        i++;
      } else if (c === 45 || (c >= 48 && c <= 57)) {
        startValue();
        let j = i + 1;
        let integer = true;
        for (; j < n; j++) {
          const d = text.charCodeAt(j);
          if (d === 46 || d === 101 || d === 69) integer = false;
          else if (!((d >= 48 && d <= 57) || d === 43 || d === 45)) break;
        }
        const digits = text.slice(i, j);
        if (integer && digits.replace('-', '').length >= 16 && !Number.isSafeInteger(Number(digits))) {
          found.push({ path: stack.map((f) => (f.object ? f.key : f.index)), digits });
        }
        i = j;
      } else if (c === 116 || c === 102 || c === 110) {
        startValue();
        i += c === 102 ? 5 : 4;
      } else {
        i++;
      }
    }
    return found;
  }

  /** @param {unknown} holder @param {string | number} key */
  function own(holder, key) {
    return holder !== null && typeof holder === 'object' && Object.prototype.hasOwnProperty.call(holder, key);
  }

  /**
   * @typedef {object} Walk
   * @property {RawIssue[]} issues
   * @property {number} more
   * @property {(string | number)[]} path
   * @property {{ path: (string | number)[], raw: string, value: string, family: string }[]} normalized
   * @property {{ path: (string | number)[], value: string, family: string }[]} unknown
   * @property {{ path: (string | number)[], holder: any, key: string | number }[]} deferred
   */

  /** @param {Walk} w @param {string} code @param {number} accepts @param {string} found */
  function addIssue(w, code, accepts, found) {
    if (w.issues.length >= MAX_ISSUES) w.more++;
    else w.issues.push({ path: w.path.slice(), code, accepts, found });
  }

  /** @param {Walk} w @param {Vocab} vocab @param {any} holder @param {string | number} key @param {string} raw @param {(string | number)[]} at */
  function spell(w, vocab, holder, key, raw, at) {
    const canonical = vocab.spellings.get(raw);
    if (canonical === undefined) w.unknown.push({ path: at.slice(), value: raw, family: vocab.name });
    else if (canonical !== raw) {
      holder[key] = canonical;
      w.normalized.push({ path: at.slice(), raw, value: canonical, family: vocab.name });
    }
  }

  /**
   * Checks one present, non-null member `x` (= holder[key]) against `ty`, and what is inside it.
   * @param {Walk} w @param {any} holder @param {string | number} key @param {any} x @param {Ty} ty
   */
  function checkValue(w, holder, key, x, ty) {
    let bit;
    switch (typeof x) {
      case 'string': bit = 8; break;
      case 'number': bit = Number.isSafeInteger(x) ? 2 : 4; break;
      case 'bigint': bit = 2; break;
      case 'boolean': bit = 1; break;
      default: bit = Array.isArray(x) ? 16 : 32;
    }
    if (bit === 2 ? (ty.m & 6) === 0 : (ty.m & bit) === 0) return addIssue(w, 'ERR_MODEL_TYPE', ty.m, FOUND[bit]);
    if (bit === 8) {
      const vocab = ty.vocab;
      if (vocab !== null) {
        if (vocab.deferred) w.deferred.push({ path: w.path.slice(), holder, key });
        else spell(w, vocab, holder, key, x, w.path);
      }
    } else if (bit === 32) {
      const shape = ty.shape;
      if (shape !== null) {
        const path = w.path;
        for (const k in x) {
          const t = shape.get(k);
          if (t === undefined || t.free) continue;
          const v = x[k];
          if (v === null || v === undefined) continue;
          path.push(k);
          checkValue(w, x, k, v, t);
          path.pop();
        }
      }
    } else if (bit === 16) {
      const elem = ty.elem;
      if (elem !== null) {
        const path = w.path;
        for (let i = 0; i < x.length; i++) {
          const v = x[i];
          if (v === null || v === undefined) continue;
          path.push(i);
          checkValue(w, x, i, v, elem);
          path.pop();
        }
      }
    } else if (bit === 2 && ty.exact && typeof x === 'bigint') {
      addIssue(w, 'ERR_MODEL_NUMBER_RANGE', ty.m, 'integer beyond ±(2^53 − 1)');
    }
  }

  /** @param {number} c */
  const isDigit = (c) => c >= 48 && c <= 57;

  /**
   * Whether a run of 16+ digits in `text` may be an integer token: one that follows `:`, `,`,
   * `[` or nothing (whitespace and a minus sign between), not the fraction of a float such as
   * Didit's AML scores (0.7034920634920635). A false positive only costs the precise scan.
   * @param {string} text
   */
  function mayHoldBigIntegers(text) {
    SIXTEEN_DIGITS.lastIndex = 0;
    let m;
    while ((m = SIXTEEN_DIGITS.exec(text)) !== null) {
      let start = m.index;
      while (start > 0 && isDigit(text.charCodeAt(start - 1))) start--;
      let p = start - 1;
      if (p >= 0 && text.charCodeAt(p) === 45) p--;
      while (p >= 0 && (text.charCodeAt(p) === 32 || text.charCodeAt(p) === 9 || text.charCodeAt(p) === 10 || text.charCodeAt(p) === 13)) p--;
      const before = p >= 0 ? text.charCodeAt(p) : -1;
      if (before === 58 || before === 44 || before === 91 || before === -1) return true;
      let end = m.index + 16;
      while (end < text.length && isDigit(text.charCodeAt(end))) end++;
      SIXTEEN_DIGITS.lastIndex = end;
    }
    return false;
  }

  /** Integers beyond 2^53 (found in the text) become BigInt in `root`. @param {any} root @param {string} text */
  function restoreBigIntegers(root, text) {
    /** @type {(string | number)[][]} */
    const done = [];
    if (!mayHoldBigIntegers(text)) return done;
    for (const { path, digits } of bigIntegers(text)) {
      let holder = root;
      for (let k = 0; k < path.length - 1 && holder !== undefined; k++) holder = own(holder, path[k]) ? holder[path[k]] : undefined;
      const last = path[path.length - 1];
      if (path.length === 0 || !own(holder, last) || typeof holder[last] !== 'number' || holder[last] !== Number(digits)) continue;
      holder[last] = BigInt(digits);
      done.push(path);
    }
    return done;
  }

  /**
   * Validates `root` in place: statuses to canonical spelling, integers beyond 2^53 to BigInt.
   * Throws ERR_MODEL_INVALID with every issue; returns the raw notes.
   * @param {any} root
   * @param {string} text
   * @param {keyof typeof MODEL_ROOTS} model
   */
  function checkModel(root, text, model) {
    const { shapes, vocabs } = compiledSchema();
    const bigints = restoreBigIntegers(root, text);
    /** @type {Walk} */
    const w = { issues: [], more: 0, path: [], normalized: [], unknown: [], deferred: [] };
    const isObject = root !== null && typeof root === 'object' && !Array.isArray(root);
    if (root === null || root === undefined) addIssue(w, 'ERR_MODEL_TYPE', 32, 'null');
    else checkValue(w, null, '', root, /** @type {Ty} */ ({ m: 32, exact: false, free: false, shape: shapes.get(MODEL_ROOTS[model]) ?? null, elem: null, vocab: null }));
    /** @param {string} name */
    const missing = (name) => {
      w.path = [name];
      addIssue(w, 'ERR_MODEL_MISSING', 8, 'nothing');
    };
    /** @param {string} name */
    const present = (name) => root[name] !== undefined && root[name] !== null;
    if (isObject && model !== 'webhook') {
      if (!present('session_id')) missing('session_id');
      if (!present('status')) missing('status');
    } else if (isObject) {
      const t = root.webhook_type;
      if (typeof t === 'string') {
        const known = MODEL_VOCABS['webhook type'].values.includes(t);
        const sessionEvent = t === 'status.updated' || t === 'data.updated';
        if (sessionEvent && !present('session_id')) missing('session_id');
        if (t === 'status.updated' && !present('status')) missing('status');
        /** @type {string | null} */
        let family = null;
        if (sessionEvent) family = 'session status';
        else if (t.startsWith('user.') || t.startsWith('business.')) family = 'entity status';
        else if (!known && present('session_id') && !t.startsWith('transaction.')) family = 'session status';
        const vocab = family ? vocabs.get(family) : undefined;
        if (vocab) for (const d of w.deferred) spell(w, vocab, d.holder, d.key, d.holder[d.key], d.path);
      } else if (!(present('event') && root.data !== null && typeof root.data === 'object' && !Array.isArray(root.data))) {
        missing('webhook_type');
      }
    }
    if (w.issues.length > 0) {
      const views = w.issues.map(issueView);
      const total = views.length + w.more;
      const label = model === 'session' ? 'session decision' : model === 'webhook' ? 'webhook event' : 'import response';
      const error = codedError(Error, 'ERR_MODEL_INVALID', `not a valid ${label}: ${views[0].message}${total > 1 ? ` (and ${total - 1} more)` : ''}`);
      /** @type {any} */ (error).issues = views;
      /** @type {any} */ (error).moreIssues = w.more;
      throw error;
    }
    return { normalized: w.normalized, unknown: w.unknown, bigints };
  }

  /** Notes as modelNotes() shows them (paths worded on first request). @type {WeakMap<object, any>} */
  const notesOf = new WeakMap();

  /** What a log line may show of a model (identifiers, never personal data). @param {any} m @param {string} what */
  function redacted(m, what) {
    const ids = [];
    for (const k of ['webhook_type', 'event', 'session_kind', 'status', 'session_id', 'event_id']) {
      const v = m[k];
      if (typeof v === 'string') ids.push(`${k}=${v}`);
    }
    return `[${what} ${ids.join(' ')} — personal data redacted: read fields explicitly or use stringify()]`;
  }

  /** @param {any} m @param {string} what @param {object} notes */
  function seal(m, what, notes) {
    const text = () => redacted(m, what);
    const hidden = { enumerable: false, configurable: true, writable: true, value: text };
    Object.defineProperties(m, { toString: hidden, toJSON: hidden, [INSPECT]: hidden });
    notesOf.set(m, notes);
    return m;
  }

  /**
   * @param {unknown} body
   * @param {unknown} options
   * @param {string} fn
   * @returns {string}
   */
  function modelText(body, options, fn) {
    const o = optionsObject(options, fn);
    const max = numberOption(o.maxBodyBytes, 'maxBodyBytes', DEFAULT_MAX_BODY_BYTES, fn);
    let text;
    if (typeof body === 'string') text = body;
    else if (body !== null && typeof body === 'object' && !(body instanceof Uint8Array) && !(body instanceof ArrayBuffer) && !ArrayBuffer.isView(body) && !isSharedBuffer(body)) {
      text = stringify(body);
    } else {
      const bytes = bodyBytes(body, fn);
      if (bytes.length > max) throw codedError(RangeError, 'ERR_BODY_TOO_LARGE', `${fn}: body is ${bytes.length} bytes, more than the maximum of ${max}`);
      try {
        text = strictDecoder.decode(bytes);
      } catch {
        raw.canonicalize(bytes, false, DEFAULT_MAX_DEPTH, DEFAULT_MAX_BODY_BYTES);
        throw codedError(Error, 'ERR_JSON_INVALID_UTF8', `${fn}: body is not valid UTF-8`);
      }
    }
    if (text.length > max) throw codedError(RangeError, 'ERR_BODY_TOO_LARGE', `${fn}: body is longer than the maximum of ${max} bytes`);
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  }

  /** JSON.parse; a syntax error becomes the core's coded error (what and where). @param {string} text @param {string} fn */
  function parseJson(text, fn) {
    try {
      return JSON.parse(text);
    } catch (e) {
      if (isWellFormed(text)) raw.canonicalize(encoder.encode(text), false, 1e9, WASM_MAX_BODY_BYTES);
      throw codedError(Error, 'ERR_JSON_SYNTAX', `${fn}: invalid JSON (${/** @type {Error} */ (e).message})`);
    }
  }

  /**
   * @param {unknown} body
   * @param {unknown} options
   * @param {keyof typeof MODEL_ROOTS} model
   * @param {string} fn
   * @param {string} what
   */
  function parseModel(body, options, model, fn, what) {
    const text = modelText(body, options, fn);
    const value = parseJson(text, fn);
    const notes = checkModel(value, text, model);
    return seal(value, what, notes);
  }

  /**
   * A session decision (`GET /v3/session/{id}/decision/`): KYC, or KYB when `session_kind` is
   * "business". Throws `ERR_MODEL_INVALID` (with `issues`) when a member has the wrong type.
   * @param {unknown} body
   * @param {unknown} [options]
   */
  function parseSessionDecision(body, options) {
    return parseModel(body, options, 'session', 'parseSessionDecision', 'DiditSessionDecision');
  }

  /**
   * A webhook body (verify it first). Every documented webhook_type, and the KYB page's nested
   * `{event, data}` shape.
   * @param {unknown} body
   * @param {unknown} [options]
   */
  function parseWebhookEvent(body, options) {
    return parseModel(body, options, 'webhook', 'parseWebhookEvent', 'DiditWebhookEvent');
  }

  const IMPORT_ERRORS = /** @type {const} */ ([
    [400, 'ERR_IMPORT_BAD_REQUEST', 'request rejected: an invalid, expired or wrong-target share token, or a missing field'],
    [401, 'ERR_IMPORT_TOKEN_INVALID', 'share token invalid or expired: request a new one'],
    [403, 'ERR_IMPORT_FORBIDDEN', 'not intended for your application, or already imported (a session imports once per application; check also that your x-api-key has write:sessions)'],
    [404, 'ERR_IMPORT_NOT_FOUND', 'original session gone, or workflow_id unknown'],
  ]);

  /** Didit's documented meaning of an error status (mirrors ApiErrorKind in the core). @param {number} status */
  function importErrorKind(status) {
    const known = IMPORT_ERRORS.find((e) => e[0] === status);
    if (known) return { code: known[1], meaning: known[2] };
    if (status >= 400 && status <= 499) return { code: 'ERR_DIDIT_CLIENT_ERROR', meaning: 'Didit rejected the request' };
    if (status >= 500 && status <= 599) return { code: 'ERR_DIDIT_SERVER_ERROR', meaning: 'Didit could not answer: retry later' };
    return { code: 'ERR_DIDIT_UNEXPECTED_STATUS', meaning: 'not a status the import endpoint answers with' };
  }

  /**
   * The answer of `POST /v3/session/import-shared/`. With a 2xx `status` (or none): the new
   * session (compact or full body, KYC or KYB). With an error status: throws an Error whose
   * `code` and message carry Didit's documented meaning (401, 403, 404…), with `status`,
   * `detail` and `body`.
   * @param {unknown} body
   * @param {unknown} [options]
   */
  function parseImportResponse(body, options) {
    const fn = 'parseImportResponse';
    const o = optionsObject(options, fn);
    const status = o.status;
    if (status !== undefined) {
      if (typeof status !== 'number') {
        throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', `${fn}: options.status must be the HTTP status number, got ${kind(status)}`);
      }
      if (!Number.isInteger(status) || status < 100 || status > 599) {
        throw codedError(RangeError, 'ERR_INVALID_ARG_VALUE', `${fn}: options.status must be an HTTP status from 100 to 599, got ${status}`);
      }
    }
    if (status === undefined || (status >= 200 && status <= 299)) {
      return parseModel(body, { maxBodyBytes: o.maxBodyBytes }, 'import', fn, 'DiditImportedSession');
    }
    let parsed;
    try {
      parsed = JSON.parse(modelText(body, { maxBodyBytes: o.maxBodyBytes }, fn));
    } catch (e) {
      if (e && /** @type {any} */ (e).code && /** @type {any} */ (e).code !== 'ERR_JSON_INVALID_UTF8') throw e;
      parsed = undefined;
    }
    /** @type {string | undefined} */
    let detail;
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) {
      for (const k of ['detail', 'error', 'message']) {
        if (typeof parsed[k] === 'string') {
          detail = parsed[k];
          break;
        }
      }
    }
    const { code, meaning } = importErrorKind(status);
    const quoted = detail === undefined ? '' : ` (Didit: "${[...detail].slice(0, 200).join('')}${[...detail].length > 200 ? '…' : ''}")`;
    const error = codedError(Error, code, `import failed with HTTP ${status}: ${meaning}${quoted}`);
    Object.assign(error, { status, meaning, detail, body: parsed });
    throw error;
  }

  /**
   * What the parse of a model noted: statuses rewritten to their canonical spelling, strings of
   * a documented vocabulary this version does not know, and where integers beyond 2^53 became
   * BigInt. `undefined` for anything that is not a parsed model.
   * @param {unknown} model
   */
  function modelNotes(model) {
    if (model === null || typeof model !== 'object') return undefined;
    const n = notesOf.get(model);
    if (n === undefined || n.view) return n?.view;
    const p = (/** @type {(string | number)[]} */ path) => formatPath(path);
    n.view = Object.freeze({
      normalized: n.normalized.map((/** @type {any} */ x) => ({ path: p(x.path), raw: x.raw, value: x.value, family: x.family })),
      unknown: n.unknown.map((/** @type {any} */ x) => ({ path: p(x.path), value: x.value, family: x.family })),
      bigints: n.bigints.map(p),
    });
    return n.view;
  }

  /**
   * JSON text of a model (or any JSON-like value) with every digit of its BigInts, all members
   * included: the explicit way to serialise what `toJSON` redacts.
   * @param {unknown} value
   * @param {string | number} [space]
   */
  function stringify(value, space) {
    const tag = `\u0000didit-kit-bigint-${Math.random().toString(36).slice(2)}:`;
    let sawBig = false;
    const top = value !== null && typeof value === 'object' && !Array.isArray(value) ? { ...value } : value;
    const text = JSON.stringify(top, (_k, v) => {
      if (typeof v === 'bigint') {
        sawBig = true;
        return tag + v.toString();
      }
      return v;
    }, space);
    if (text === undefined) throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', `stringify: ${kind(value)} has no JSON form`);
    if (!sawBig) return text;
    const quotedTag = JSON.stringify(tag).slice(1, -1);
    return text.split(`"${quotedTag}`).map((part, i) => (i === 0 ? part : part.replace(/^(-?\d+)"/, '$1'))).join('');
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
    parseSessionDecision,
    parseWebhookEvent,
    parseImportResponse,
    modelNotes,
    stringify,
  };
}

// ---- Typed models: the schema ----------------------------------------------------------------
// The JSON types every model member accepts, generated from the Rust tables that the Rust
// validator uses (src/models); `cargo test` checks that this region is current.
// ---- BEGIN GENERATED from the Rust model tables (cargo test; DIDIT_KIT_UPDATE=1 rewrites) ----
const MODEL_VOCABS = {
  "session status": { values: ["Not Started", "In Progress", "Approved", "Declined", "In Review", "Awaiting User", "Resubmitted", "Expired", "Abandoned", "Kyc Expired"], respell: true, deferred: false },
  "feature status": { values: ["Approved", "Declined", "In Review", "Not Finished", "Not Started", "Expired", "Resub Requested", "Awaiting User"], respell: true, deferred: false },
  "entity status": { values: ["ACTIVE", "FLAGGED", "BLOCKED"], respell: true, deferred: false },
  "AML hit review status": { values: ["Unreviewed", "Confirmed Match", "False Positive", "Inconclusive"], respell: true, deferred: false },
  "party KYC status": { values: ["Approved", "Declined", "Pending"], respell: true, deferred: false },
  "webhook type": { values: ["status.updated", "data.updated", "user.status.updated", "user.data.updated", "business.status.updated", "business.data.updated", "activity.created", "transaction.created", "transaction.status.updated", "travel_rule.status.updated"], respell: false, deferred: false },
  "session kind": { values: ["user", "business"], respell: false, deferred: false },
  "envelope status": { values: [], respell: false, deferred: true },
};
// [mask, exact, shape, element, vocabulary]; mask bits: 1 boolean, 2 integer, 4 non-integral number, 8 string, 16 array, 32 object
const MODEL_SHAPES = {
  AmlHit: {caption: [8], datasets: [16,0,0,[8]], features: [32], first_seen: [8], id: [8], last_change: [8], last_seen: [8], match: [1], properties: [32], review_status: [8,0,0,0,"AML hit review status"], score: [6,1], target: [63]},
  AmlScreenedData: {date_of_birth: [8], document_number: [8], full_name: [8], nationality: [8]},
  AmlScreening: {entity_type: [8], hits: [16,0,0,[32,0,"AmlHit"]], is_ongoing_monitoring_enabled: [1], next_ongoing_monitoring_bill_date: [8], node_id: [8], ongoing_monitoring_last_check: [63], score: [6,1], screened_data: [32,0,"AmlScreenedData"], status: [8,0,0,0,"feature status"], total_hits: [2,1], warnings: [16,0,0,[32,0,"Warning"]]},
  ApiErrorBody: {detail: [63]},
  Company: {beneficial_owners: [16,0,0,[32,0,"Party"]], company_name: [8], company_type: [8], country_code: [8], incorporation_date: [8], officers: [16,0,0,[32,0,"Party"]], ownership: [63], registration_number: [8], registry_data: [63]},
  ContactDetails: {email: [8], email_lang: [8], phone: [8], send_notification_emails: [1]},
  DatabaseValidation: {errors: [16,0,0,[63]], issuing_state: [8], match_type: [8], node_id: [8], screened_data: [32], status: [8,0,0,0,"feature status"], validation_type: [8], validations: [16,0,0,[32,0,"DatabaseValidationResult"]], warnings: [16,0,0,[32,0,"Warning"]]},
  DatabaseValidationResult: {outcome_code: [14], outcome_detail: [8], service_id: [14], service_name: [8], source_data: [63], validation: [63]},
  DocumentAiDocument: {items: [16,0,0,[63]], node_id: [8], status: [8,0,0,0,"feature status"], warnings: [16,0,0,[32,0,"Warning"]]},
  DocumentVerification: {groups: [32], items: [16,0,0,[63]], node_id: [8], required_groups: [16,0,0,[8]], status: [8,0,0,0,"feature status"], warnings: [16,0,0,[32,0,"Warning"]]},
  EmailVerification: {breaches: [16,0,0,[63]], email: [8], is_breached: [1], is_disposable: [1], is_undeliverable: [1], lifecycle: [16,0,0,[63]], matches: [16,0,0,[32,0,"SessionMatch"]], node_id: [8], status: [8,0,0,0,"feature status"], verification_attempts: [2,1], verified_at: [10,1], warnings: [16,0,0,[32,0,"Warning"]]},
  FaceMatch: {node_id: [8], score: [6,1], source_image: [8], source_image_session_id: [8], status: [8,0,0,0,"feature status"], target_image: [8], warnings: [16,0,0,[32,0,"Warning"]]},
  FallbackFrom: {action: [8], method: [8], reason: [8]},
  IdVerification: {address: [8], age: [2,1], assurance: [8], back_image: [8], back_image_camera_front: [8], back_image_quality_score: [32,0,"ImageQualityScore"], back_video: [8], date_of_birth: [8], date_of_issue: [8], document_number: [8], document_subtype: [8], document_type: [8], expiration_date: [8], extra_fields: [32], extra_files: [16,0,0,[63]], fallback_from: [32,0,"FallbackFrom"], first_name: [8], formatted_address: [8], front_image: [8], front_image_camera_front: [8], front_image_quality_score: [32,0,"ImageQualityScore"], front_video: [8], full_back_image: [8], full_front_image: [8], full_name: [8], gender: [8], id_lookup: [32], issuing_state: [8], issuing_state_name: [8], last_name: [8], marital_status: [8], matches: [16,0,0,[32,0,"SessionMatch"]], mrz: [32], nationality: [8], node_id: [8], parsed_address: [32], personal_number: [8], place_of_birth: [8], portrait_image: [8], status: [8,0,0,0,"feature status"], verification_method: [8], wallet_provider: [8], wallet_verification: [32], warnings: [16,0,0,[32,0,"Warning"]]},
  ImageQualityScore: {brightness_issue: [9], brightness_score: [6,1], focus_score: [6,1], is_document_fully_visible: [1], overall_score: [6,1], resolution_score: [6,1]},
  IpAnalysis: {browser_family: [8], device_brand: [8], device_fingerprint: [8], device_model: [8], id_document: [32], ip: [32], ip_address: [8], ip_city: [8], ip_country: [8], ip_country_code: [8], ip_state: [8], is_data_center: [1], is_vpn_or_tor: [1], isp: [8], latitude: [6,1], longitude: [6,1], matches: [16,0,0,[32,0,"SessionMatch"]], node_id: [8], organization: [8], os_family: [8], platform: [8], poa_document: [32], status: [8,0,0,0,"feature status"], time_zone: [8], time_zone_offset: [14], warnings: [16,0,0,[32,0,"Warning"]]},
  KeyPeopleCheck: {node_id: [8], registry: [32,0,"KeyPeopleRegistry"], status: [8,0,0,0,"feature status"], submitted: [32,0,"KeyPeopleSubmitted"], ubo_kyc_summary: [32,0,"UboKycSummary"], warnings: [16,0,0,[32,0,"Warning"]]},
  KeyPeopleRegistry: {beneficial_owners: [16,0,0,[32,0,"Party"]], officers: [16,0,0,[32,0,"Party"]]},
  KeyPeopleSubmitted: {parties: [16,0,0,[32,0,"Party"]]},
  KybSession: {aml_screenings: [16,0,0,[32,0,"AmlScreening"]], business_session_id: [8], callback: [8], contact_details: [32,0,"ContactDetails"], created_at: [10,1], decision_trace: [32], document_verifications: [16,0,0,[32,0,"DocumentVerification"]], email_verifications: [16,0,0,[32,0,"EmailVerification"]], environment: [8], expected_details: [32], expires_at: [10,1], features: [24,0,0,[8]], ip_analyses: [16,0,0,[32,0,"IpAnalysis"]], key_people_checks: [16,0,0,[32,0,"KeyPeopleCheck"]], linked_records: [63], metadata: [63], phone_verifications: [16,0,0,[32,0,"PhoneVerification"]], questionnaire_responses: [48,0,0,[32,0,"QuestionnaireResponse"]], registry_checks: [16,0,0,[32,0,"RegistryCheck"]], reviews: [16,0,0,[32,0,"Review"]], session_id: [8], session_kind: [8,0,0,0,"session kind"], session_number: [2,1], session_url: [8], shared_from_session: [8], status: [8,0,0,0,"session status"], status_override: [63], vendor_business_id: [8], vendor_data: [8], workflow_id: [8], workflow_version: [2,1]},
  LivenessCheck: {age_estimation: [6,1], face_luminance: [38], face_quality: [38], matches: [16,0,0,[32,0,"SessionMatch"]], method: [8], node_id: [8], reference_image: [8], score: [6,1], status: [8,0,0,0,"feature status"], video_url: [8], warnings: [16,0,0,[32,0,"Warning"]]},
  NestedEventData: {decision: [32,0,"Session"], features: [24,0,0,[8]], previous_status: [8,0,0,0,"session status"], session_id: [8], session_kind: [8,0,0,0,"session kind"], status: [8,0,0,0,"session status"], vendor_data: [8], workflow_id: [8]},
  NfcAuthenticity: {dg_integrity: [9], sod_integrity: [9]},
  NfcCertificateSummary: {issuer: [8], not_valid_after: [8], not_valid_before: [8], serial_number: [14], subject: [8]},
  NfcChipData: {address: [8], birth_date: [8], document_number: [8], document_type: [8], expiration_date: [8], first_name: [8], gender: [8], issuing_country: [8], last_name: [8], nationality: [8], place_of_birth: [8]},
  NfcVerification: {authenticity: [32,0,"NfcAuthenticity"], certificate_summary: [32,0,"NfcCertificateSummary"], chip_data: [32,0,"NfcChipData"], is_nfc_skipped: [1], node_id: [8], portrait_image: [8], signature_image: [8], skip_reason: [8], status: [8,0,0,0,"feature status"], warnings: [16,0,0,[32,0,"Warning"]]},
  Party: {entity_type: [8], is_skipped: [1], kyb_sub_session_deleted: [1], kyc_session_deleted: [1], kyc_session_id: [8], kyc_status: [8,0,0,0,"party KYC status"], role: [8], roles: [16,0,0,[8]], shareholding: [32], source: [8]},
  PhoneCarrier: {name: [8], type: [8]},
  PhoneVerification: {carrier: [32,0,"PhoneCarrier"], country_code: [8], country_name: [8], full_number: [8], is_disposable: [1], is_virtual: [1], lifecycle: [16,0,0,[63]], matches: [16,0,0,[32,0,"SessionMatch"]], node_id: [8], phone_number: [8], phone_number_prefix: [8], status: [8,0,0,0,"feature status"], verification_attempts: [2,1], verification_method: [8], verified_at: [10,1], warnings: [16,0,0,[32,0,"Warning"]]},
  PoaVerification: {detected_codes: [16,0,0,[63]], document_file: [8], document_language: [8], document_metadata: [32], document_subtype: [8], document_type: [8], expiration_date: [8], extra_fields: [32], extra_files: [16,0,0,[63]], issue_date: [8], issuer: [8], issuing_state: [8], name_match_score_expected_details: [6,1], name_match_score_id_verification: [6,1], name_on_document: [8], node_id: [8], poa_address: [8], poa_formatted_address: [8], poa_parsed_address: [32], status: [8,0,0,0,"feature status"], warnings: [16,0,0,[32,0,"Warning"]]},
  QuestionnaireResponse: {default_language: [8], description: [8], is_active: [1], is_simple_questionnaire: [1], languages: [16,0,0,[8]], node_id: [8], published_at: [10,1], questionnaire_group_id: [8], questionnaire_id: [8], sections: [16,0,0,[63]], status: [8,0,0,0,"feature status"], title: [8], version: [14]},
  RegistryCheck: {company: [32,0,"Company"], data_resolved: [1], node_id: [8], ownership_structure: [32], status: [8,0,0,0,"feature status"], warnings: [16,0,0,[32,0,"Warning"]]},
  ResubmitInfo: {nodes_to_resubmit: [16,0,0,[63]], reasons: [32]},
  Review: {comment: [8], created_at: [10,1], new_status: [8,0,0,0,"session status"], user: [8]},
  Session: {aml: [32,0,"AmlScreening"], aml_screenings: [16,0,0,[32,0,"AmlScreening"]], business_session_id: [8], callback: [8], contact_details: [32,0,"ContactDetails"], created_at: [10,1], database_validations: [16,0,0,[32,0,"DatabaseValidation"]], decision_trace: [32], document_ai_documents: [16,0,0,[32,0,"DocumentAiDocument"]], document_verifications: [16,0,0,[32,0,"DocumentVerification"]], email: [32,0,"EmailVerification"], email_verifications: [16,0,0,[32,0,"EmailVerification"]], environment: [8], expected_details: [32], expires_at: [10,1], face_match: [32,0,"FaceMatch"], face_matches: [16,0,0,[32,0,"FaceMatch"]], features: [24,0,0,[8]], id_verification: [32,0,"IdVerification"], id_verifications: [16,0,0,[32,0,"IdVerification"]], ip_analyses: [16,0,0,[32,0,"IpAnalysis"]], key_people_checks: [16,0,0,[32,0,"KeyPeopleCheck"]], linked_records: [63], liveness: [32,0,"LivenessCheck"], liveness_checks: [16,0,0,[32,0,"LivenessCheck"]], metadata: [63], nfc: [32,0,"NfcVerification"], nfc_verifications: [16,0,0,[32,0,"NfcVerification"]], phone: [32,0,"PhoneVerification"], phone_verifications: [16,0,0,[32,0,"PhoneVerification"]], poa: [32,0,"PoaVerification"], poa_verifications: [16,0,0,[32,0,"PoaVerification"]], questionnaire_responses: [48,0,0,[32,0,"QuestionnaireResponse"]], registry_checks: [16,0,0,[32,0,"RegistryCheck"]], reviews: [16,0,0,[32,0,"Review"]], session_id: [8], session_kind: [8,0,0,0,"session kind"], session_number: [2,1], session_url: [8], shared_from_session: [8], status: [8,0,0,0,"session status"], status_override: [63], vendor_business_id: [8], vendor_data: [8], workflow_id: [8], workflow_version: [2,1]},
  SessionMatch: {is_allowlisted: [1], is_blocklisted: [1], match_image_url: [8], score: [6,1], session_id: [8], session_number: [2,1], similarity_percentage: [6,1], source: [8], status: [8,0,0,0,"session status"], user_details: [32], vendor_data: [8], vendor_user_id: [8], verification_date: [8]},
  UboKycSummary: {approved: [2,1], flagged: [2,1], pending: [2,1], total: [2,1]},
  Warning: {additional_data: [63], feature: [8], log_type: [8], long_description: [8], node_id: [8], risk: [8], short_description: [8]},
  WebhookEvent: {application_id: [8], business_session_id: [8], changed_fields: [48], created_at: [10,1], data: [32,0,"NestedEventData"], decision: [32,0,"Session"], environment: [8], event: [8,0,0,0,"webhook type"], event_id: [8], metadata: [63], previous_status: [8,0,0,0,"envelope status"], resubmit_info: [32,0,"ResubmitInfo"], session_id: [8], session_kind: [8,0,0,0,"session kind"], status: [8,0,0,0,"envelope status"], timestamp: [10,1], vendor_business_id: [8], vendor_data: [8], webhook_type: [8,0,0,0,"webhook type"], workflow_id: [8], workflow_version: [2,1]},
};
// ---- END GENERATED ----
