// @ts-check
// Framework helpers, shared by every runtime loader: `verifyRequest` for the Fetch API (Workers,
// Deno, Bun, Node 18+, browsers) and `verifyNodeRequest` / `webhookMiddleware` / `keepRawBody`
// for Node's `http` and Express. Plain JS with no Node imports: a Node request is used only
// through what every `IncomingMessage` has (headers, async iteration over its chunks).
// The core stays synchronous; only reading a body is asynchronous.

const DEFAULT_MAX_BODY_BYTES = 16 * 1024 * 1024;

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
  return codedError(Error, 'ERR_BODY_TOO_LARGE', `body is at least ${size} bytes, more than the maximum of ${limit}`);
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
 * @param {(options: any) => any} [idempotency]  the guard factory from idempotency.mjs, for
 *   `options.idempotency` (passed in by the loaders so that this file imports nothing)
 */
export function httpHelpers(verifyWebhook, idempotency) {
  /** The guard for `options.idempotency` (a guard or its options), created once per helper. */
  function guardFrom(/** @type {unknown} */ options) {
    const o = options && typeof options === 'object' ? /** @type {any} */ (options).idempotency : undefined;
    if (o === undefined) return undefined;
    if (!idempotency) throw codedError(TypeError, 'ERR_INVALID_ARG_VALUE', 'options.idempotency is not available in this build');
    return idempotency(o);
  }

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
    const guard = guardFrom(options);
    /** @param {any} req @param {any} res @param {(error?: unknown) => void} next */
    return function diditWebhookMiddleware(req, res, next) {
      verifyNodeRequest(req, secret, options).then(
        async (verification) => {
          req.diditWebhook = verification;
          if (!guard) return next();
          // Exactly once per key: a duplicate or an event in flight is answered here; otherwise
          // the key is completed when the handler answers 2xx, released on any other answer.
          const claim = await guard.begin(verification);
          if (claim.action === 'respond') {
            res.statusCode = claim.status;
            for (const [k, v] of Object.entries(claim.headers)) res.setHeader(k, v);
            res.end(claim.body);
            return;
          }
          req.diditIdempotency = { key: claim.key, outcome: claim.outcome, degraded: claim.degraded };
          // Settled when the handler answers (res.end), not when the socket finishes: after Didit
          // gave up waiting (5 s) and closed the connection, finished work is still recorded, so
          // its retry is acknowledged. No answer at all (a crash): the lease expires.
          const end = res.end;
          res.end = function (/** @type {any[]} */ ...args) {
            res.end = end;
            const r = end.apply(this, args);
            if (res.statusCode >= 200 && res.statusCode < 300) claim.complete();
            else claim.release();
            return r;
          };
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
      ).catch(next); // a key function that throws
    };
  }

  /**
   * A Fetch API handler (Next.js route handlers, Workers, Deno, Bun, Hono): verifies the request,
   * then calls `handler(verification, request, ...rest)`, which returns a Response (undefined: 204).
   * A rejected delivery gets `401 {"code": ...}` (413 when too large); a set-up error is thrown.
   * With `options.idempotency`, the handler runs once per key (see webhookMiddleware).
   * @param {unknown} secret
   * @param {(verification: any, request: any, ...rest: any[]) => unknown} handler
   * @param {unknown} [options]
   */
  function webhookHandler(secret, handler, options) {
    if (typeof handler !== 'function') {
      throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', `webhookHandler: handler must be a function (verification, request) => Response, got ${kind(handler)}`);
    }
    const guard = guardFrom(options);
    /** @param {string} body @param {number} status @param {Record<string, string>} [headers] */
    const answer = (body, status, headers = { 'content-type': 'application/json' }) => new Response(body, { status, headers });
    /** @param {any} request @param {any[]} rest */
    return async function diditWebhookHandler(request, ...rest) {
      let verification;
      try {
        verification = await verifyRequest(request, secret, options);
      } catch (error) {
        const code = error && typeof error === 'object' ? /** @type {any} */ (error).code : undefined;
        if (typeof code !== 'string' || SETUP_ERRORS.has(code) || code === 'ERR_WEBHOOK_BODY_USED') throw error;
        return answer(JSON.stringify({ code }), code === 'ERR_BODY_TOO_LARGE' ? 413 : 401);
      }
      const claim = guard ? await guard.begin(verification) : undefined;
      if (claim && claim.action === 'respond') return answer(claim.body, claim.status, claim.headers);
      /** @type {Response} */
      let response;
      try {
        response = /** @type {any} */ (await handler(verification, request, ...rest)) ?? new Response(null, { status: 204 });
        if (typeof response !== 'object' || typeof response.status !== 'number') {
          throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', `webhookHandler: the handler must return a Response or nothing, got ${kind(response)}`);
        }
      } catch (error) {
        await claim?.release();
        throw error;
      }
      // Awaited before answering: a Worker's pending work is cancelled once the Response is returned.
      if (claim) await (response.status >= 200 && response.status < 300 ? claim.complete() : claim.release());
      return response;
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

  return { verifyRequest, verifyNodeRequest, webhookMiddleware, webhookHandler, keepRawBody };
}
