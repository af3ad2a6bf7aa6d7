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
 * @typedef {object} RawModule
 * @property {Function} verifyWebhook
 * @property {Function} canonicalize
 * @property {Function} signWebhook
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

  return { verifyWebhook, tryVerifyWebhook, canonicalize, signWebhook };
}
