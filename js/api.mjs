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

  return { verifyWebhook, tryVerifyWebhook, canonicalize, signWebhook };
}
