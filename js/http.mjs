// @ts-check
// Framework helpers, shared by every runtime loader: `verifyRequest` for the Fetch API (Workers,
// Deno, Bun, Node 18+, browsers) and `verifyNodeRequest` / `webhookMiddleware` / `keepRawBody`
// for Node's `http` and Express. Plain JS with no Node imports: a Node request is used only
// through what every `IncomingMessage` has (headers, async iteration over its chunks).
// The core stays synchronous; only reading a body is asynchronous.

import { DEFAULT_MAX_BODY_BYTES, tooLargeMessage } from './args.mjs';

/**
 * @param {ErrorConstructor | TypeErrorConstructor} Ctor
 * @param {string} code
 * @param {string} message
 */
function codedError(Ctor, code, message) {
  const error = new Ctor(message);
  /** @type {any} */ (error).code = code;
  return error;
}

/** @param {unknown} v */
function kind(v) {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

/** @param {unknown} options */
function maxBodyBytes(options) {
  const v = options && typeof options === 'object' ? /** @type {any} */ (options).maxBodyBytes : undefined;
  // Invalid values (0, fractions, ...) are reported by verifyWebhook itself, with its usual
  // RangeError: reading stops at the default limit meanwhile.
  return typeof v === 'number' && Number.isSafeInteger(v) && v > 0 ? v : DEFAULT_MAX_BODY_BYTES;
}

/** @param {number} size @param {number} limit */
function tooLarge(size, limit) {
  return codedError(Error, 'ERR_BODY_TOO_LARGE', tooLargeMessage(`at least ${size}`, limit));
}

/**
 * Rejects early on a declared Content-Length above the limit.
 * @param {unknown} value
 * @param {number} limit
 */
function checkContentLength(value, limit) {
  const n = typeof value === 'string' ? Number(value) : NaN;
  if (Number.isSafeInteger(n) && n > limit) throw tooLarge(n, limit);
}

/** @param {Uint8Array[]} chunks @param {number} total */
function concat(chunks, total) {
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

const encoder = new TextEncoder();

const MOUNT_HINT =
  "mount the webhook route with a raw body before any JSON parser, e.g. app.post('/webhooks/didit', " +
  "express.raw({ type: 'application/json' }), webhookMiddleware(secret), handler) registered above " +
  'app.use(express.json()); or keep the global parser and let it save the raw bytes: ' +
  'app.use(express.json({ verify: keepRawBody })) with keepRawBody from didit-kit';

/**
 * @param {(body: unknown, headers: unknown, secret: unknown, options?: unknown) => unknown} verifyWebhook
 *   the runtime's synchronous verifier
 */
export function httpHelpers(verifyWebhook) {
  /**
   * Verifies a Fetch API `Request`: reads its raw body (bounded by `maxBodyBytes`), then
   * verifies synchronously. The request body is consumed; pass `request.clone()` to read it again.
   * @param {unknown} request
   * @param {unknown} secret
   * @param {unknown} [options]
   */
  async function verifyRequest(request, secret, options) {
    const fn = 'verifyRequest';
    const r = /** @type {any} */ (request);
    if (r === null || typeof r !== 'object' || typeof r.arrayBuffer !== 'function' || typeof r.headers?.get !== 'function') {
      throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', `${fn}: request must be a Fetch API Request, got ${kind(request)}`);
    }
    if (r.bodyUsed) {
      throw codedError(
        TypeError,
        'ERR_WEBHOOK_BODY_USED',
        `${fn}: the request body was already read; call verifyRequest before reading it (or pass request.clone())`,
      );
    }
    const limit = maxBodyBytes(options);
    checkContentLength(r.headers.get('content-length'), limit);
    /** @type {Uint8Array} */
    let body;
    const stream = r.body;
    if (stream && typeof stream.getReader === 'function') {
      const reader = stream.getReader();
      /** @type {Uint8Array[]} */
      const chunks = [];
      let total = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        total += value.byteLength;
        if (total > limit) {
          await reader.cancel().catch(() => {});
          throw tooLarge(total, limit);
        }
        chunks.push(value);
      }
      body = concat(chunks, total);
    } else {
      body = new Uint8Array(await r.arrayBuffer());
    }
    return verifyWebhook(body, r.headers, secret, options);
  }

  /**
   * The raw body of a Node request: `req.body` when a raw/text parser ran, `req.rawBody` when a
   * parser kept it (`keepRawBody`, Google Cloud Functions), otherwise the unread stream itself.
   * @param {any} req
   * @param {number} limit
   * @param {string} fn
   * @returns {Promise<string | Uint8Array>}
   */
  async function nodeRawBody(req, limit, fn) {
    if (req === null || typeof req !== 'object' || req.headers === null || typeof req.headers !== 'object') {
      throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', `${fn}: req must be a Node http.IncomingMessage or an Express request, got ${kind(req)}`);
    }
    const { body, rawBody } = req;
    if (typeof body === 'string' || body instanceof Uint8Array) return body;
    if (typeof rawBody === 'string' || rawBody instanceof Uint8Array) return rawBody;
    const consumed = body !== undefined || req._body === true || req.readableEnded === true;
    if (consumed || typeof req[Symbol.asyncIterator] !== 'function') {
      throw codedError(
        TypeError,
        'ERR_WEBHOOK_BODY_NOT_RAW',
        `${fn}: the request body was already parsed${body !== undefined ? ` into ${kind(body)}` : ''}, and re-serialising ` +
          `parsed JSON does not reproduce the bytes Didit signed: ${MOUNT_HINT}`,
      );
    }
    checkContentLength(req.headers['content-length'], limit);
    /** @type {Uint8Array[]} */
    const chunks = [];
    let total = 0;
    for await (const chunk of req) {
      const bytes = typeof chunk === 'string' ? encoder.encode(chunk) : chunk;
      total += bytes.byteLength;
      if (total > limit) {
        if (typeof req.destroy === 'function') req.destroy();
        throw tooLarge(total, limit);
      }
      chunks.push(bytes);
    }
    return concat(chunks, total);
  }

  /**
   * Verifies a Node `http.IncomingMessage` or an Express request, finding the raw bytes
   * wherever they are (see `nodeRawBody`); throws ERR_WEBHOOK_BODY_NOT_RAW, saying how to mount
   * the route, when a JSON parser already consumed them.
   * @param {unknown} req
   * @param {unknown} secret
   * @param {unknown} [options]
   */
  async function verifyNodeRequest(req, secret, options) {
    const body = await nodeRawBody(req, maxBodyBytes(options), 'verifyNodeRequest');
    return verifyWebhook(body, /** @type {any} */ (req).headers, secret, options);
  }

  // Errors that describe the server's own set-up, not the delivery: passed to `next(err)`.
  const SETUP_ERRORS = new Set([
    'ERR_WEBHOOK_BODY_NOT_RAW',
    'ERR_WEBHOOK_NO_SECRET',
    'ERR_WEBHOOK_SECRET_EMPTY',
    'ERR_INVALID_ARG_TYPE',
    'ERR_INVALID_ARG_VALUE',
    'ERR_NOT_INITIALIZED',
  ]);

  /**
   * Express/Connect middleware: on success sets `req.diditWebhook` and calls `next()`; a
   * rejected delivery gets `401 {"code": ...}` (413 when too large); a set-up error goes to
   * `next(err)`.
   * @param {unknown} secret
   * @param {unknown} [options]
   */
  function webhookMiddleware(secret, options) {
    /** @param {any} req @param {any} res @param {(error?: unknown) => void} next */
    return function diditWebhookMiddleware(req, res, next) {
      verifyNodeRequest(req, secret, options).then(
        (verification) => {
          req.diditWebhook = verification;
          next();
        },
        (error) => {
          const code = error && typeof error === 'object' ? error.code : undefined;
          if (typeof code !== 'string' || SETUP_ERRORS.has(code)) {
            next(error);
            return;
          }
          res.statusCode = code === 'ERR_BODY_TOO_LARGE' ? 413 : 401;
          res.setHeader('content-type', 'application/json');
          res.end(JSON.stringify({ code }));
        },
      );
    };
  }

  /**
   * For `express.json({ verify: keepRawBody })`: keeps the exact bytes as `req.rawBody`, so a
   * global JSON parser and webhook verification can coexist.
   * @param {any} req
   * @param {unknown} _res
   * @param {Uint8Array} buf
   */
  function keepRawBody(req, _res, buf) {
    if (req === null || (typeof req !== 'object' && typeof req !== 'function')) {
      throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', `keepRawBody: req must be a request object, got ${kind(req)}`);
    }
    if (!(buf instanceof Uint8Array)) {
      throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', `keepRawBody: buf must be the raw body as a Buffer, got ${kind(buf)}`);
    }
    req.rawBody = buf;
  }

  return { verifyRequest, verifyNodeRequest, webhookMiddleware, keepRawBody };
}
