// @ts-check
// The shared conformance checks, run unchanged in every runtime (Node CJS and ESM, Deno, Bun,
// workerd, Chromium) against the installed package. Plain ESM using only what all of them have
// (atob, TextEncoder, Request, Headers). `cases` is the JSON written by make_cases.py; every
// expected value in it comes from CPython.
//   const report = await runConformance(kit, cases);  // { passed, failed, counts, failures }

const encoder = new TextEncoder();

/** The functions every entry point (`didit-kit` and `didit-kit/verify`) exports. */
export const ENTRY_FUNCTIONS = [
  'canonicalize', 'fastifyWebhook', 'init', 'initSync', 'keepRawBody', 'koaWebhook', 'lambdaWebhook',
  'signWebhook', 'tryVerifyWebhook', 'verifyLambdaEvent', 'verifyNodeRequest', 'verifyRequest',
  'verifyWebhook', 'webhookMiddleware', 'webhookRejectionStatus',
  'webhookHandler', 'idempotency', 'memoryStore', 'redisStore', 'durableObjectStore', 'upstashRestClient', 'DiditIdempotencyObject',
];

/** @param {string} b64 */
function fromB64(b64) {
  const s = atob(b64);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/** @param {Uint8Array} a @param {Uint8Array} b */
function equalBytes(a, b) {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** @param {any} v */
const outcome = (v) =>
  v.ok
    ? JSON.stringify({ ok: true, method: v.method, secret_index: v.secretIndex, timestamp: v.timestamp })
    : JSON.stringify({ ok: false, code: v.code });

/**
 * @param {any} kit  the package's namespace
 * @param {{ canonical: any[], webhook: any[], deliveries: any[] }} cases
 */
export async function runConformance(kit, cases) {
  const counts = { exports: 0, canonical: 0, webhook: 0, deliveries: 0, requests: 0, api: 0 };
  /** @type {string[]} */
  const failures = [];
  let passed = 0;
  /** @param {keyof typeof counts} group @param {string} name @param {boolean} ok @param {string} [detail] */
  const check = (group, name, ok, detail = '') => {
    counts[group]++;
    if (ok) passed++;
    else failures.push(`${group}: ${name}${detail ? ` (${detail})` : ''}`);
  };
  /** @param {() => unknown} fn */
  const attempt = (fn) => {
    try {
      return { value: fn() };
    } catch (error) {
      return { error: /** @type {any} */ (error) };
    }
  };
  /** @param {() => Promise<unknown>} fn */
  const attemptAsync = async (fn) => {
    try {
      return { value: await fn() };
    } catch (error) {
      return { error: /** @type {any} */ (error) };
    }
  };

  for (const name of ENTRY_FUNCTIONS) check('exports', name, typeof kit[name] === 'function');

  // The verification-only entry (didit-kit/verify) has no canonicalize: its canonical writer is
  // checked through verification instead, against a V2 signature over CPython's canonical bytes
  // computed here with Web Crypto (so the package does not sign for itself).
  const hasCanonicalize = attempt(() => kit.canonicalize('[]')).error?.code !== 'ERR_NOT_IN_THIS_BUILD';
  if (!hasCanonicalize) {
    check('api', 'canonicalize and signWebhook say where they are', ['canonicalize', 'signWebhook'].every((f) => {
      const e = attempt(() => kit[f]('{}', 's')).error;
      return e?.code === 'ERR_NOT_IN_THIS_BUILD' && String(e.message).includes("from 'didit-kit'");
    }));
  }
  /** HMAC-SHA256 by Web Crypto, hex. @param {string} secret @param {Uint8Array} bytes */
  const hmacHex = async (secret, bytes) => {
    const key = await crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    return [...new Uint8Array(await crypto.subtle.sign('HMAC', key, bytes))].map((b) => b.toString(16).padStart(2, '0')).join('');
  };
  for (const v of cases.canonical) {
    const body = fromB64(v.body_b64);
    if (!hasCanonicalize) {
      const want = v.error ? null : fromB64(v.canonical_b64);
      // The body's own signed time where it has one (the header must agree with it), else any.
      let signedAt = 1774970000;
      if (want) {
        const doc = JSON.parse(new TextDecoder().decode(want));
        const t = doc && typeof doc === 'object' && !Array.isArray(doc) ? doc.timestamp ?? doc.created_at : undefined;
        if (Number.isSafeInteger(t)) signedAt = t;
      }
      const headers = { 'X-Timestamp': String(signedAt), 'X-Signature-V2': want ? await hmacHex('conformance_canonical_secret', want) : 'ab'.repeat(32) };
      const r = kit.tryVerifyWebhook(body, headers, 'conformance_canonical_secret', { now: signedAt * 1000, allowUnsignedTimestamp: true });
      if (v.error) check('canonical', `${v.name} (through verification)`, !r.ok && r.code === v.error, outcome(r));
      else check('canonical', `${v.name} (through verification)`, r.ok && r.method === 'v2', outcome(r));
      continue;
    }
    for (const ascii of [false, true]) {
      const r = attempt(() => kit.canonicalize(body, { ascii }));
      const label = `${v.name} (ascii=${ascii})`;
      if (v.error) check('canonical', label, r.error?.code === v.error, r.error ? r.error.code : 'no error');
      else {
        const want = fromB64(ascii ? v.canonical_ascii_b64 : v.canonical_b64);
        const ok = typeof r.value === 'string' && equalBytes(encoder.encode(r.value), want);
        check('canonical', label, ok, r.error ? r.error.code : 'output differs');
      }
    }
  }

  for (const v of cases.webhook) {
    const r = kit.tryVerifyWebhook(v.body, v.headers, v.secrets, { now: v.now * 1000, allowSimple: v.allow_simple });
    const want = JSON.stringify(v.expect.ok ? v.expect : { ok: false, code: v.expect.code });
    check('webhook', v.name, outcome(r) === want, `${outcome(r)} != ${want}`);
  }

  for (const c of cases.deliveries) {
    const body = fromB64(c.body_b64);
    const options = { now: c.now * 1000, allowSimple: c.allow_simple };
    const want = JSON.stringify(c.expect);
    const r = kit.tryVerifyWebhook(body, c.headers, c.secrets, options);
    check('deliveries', c.id, outcome(r) === want, `${outcome(r)} != ${want}`);
    // (The verify-only entry's writer is checked by the verification above.)
    if (c.canonical_b64 && hasCanonicalize) {
      for (const [ascii, key] of /** @type {const} */ ([[false, 'canonical_b64'], [true, 'canonical_ascii_b64']])) {
        const out = attempt(() => kit.canonicalize(body, { ascii }));
        check('deliveries', `${c.id} canonical (ascii=${ascii})`, typeof out.value === 'string' && equalBytes(encoder.encode(out.value), fromB64(c[key])));
      }
    }
    // The same delivery as a Fetch API request.
    const request = new Request('http://127.0.0.1/webhooks/didit', { method: 'POST', headers: c.headers, body });
    const rr = await attemptAsync(() => kit.verifyRequest(request, c.secrets, options));
    const got = rr.error ? { ok: false, code: rr.error.code } : { ok: true, ...(/** @type {any} */ (rr.value)) };
    check('requests', c.id, outcome(got) === want, `${outcome(got)} != ${want}`);
  }

  // API behaviour that does not depend on data: argument errors, the Fetch helper's edge cases,
  // and a sign/verify round trip.
  const SECRET = 'conformance_secret_xxxxxxxxxxxxxxxxxxxxxxxx';
  const body = '{"session_id":"s-1","status":"Approved","timestamp":1774970000,"webhook_type":"status.updated"}';
  /** @type {Record<string, string>} */
  const signed = hasCanonicalize
    ? kit.signWebhook(body, SECRET, { timestamp: 1774970000 })
    : { 'X-Timestamp': '1774970000', 'X-Signature-V2': await hmacHex(SECRET, encoder.encode(body)) };
  const ok = kit.verifyWebhook(body, signed, SECRET, { now: 1774970000 * 1000 });
  check('api', hasCanonicalize ? 'sign then verify (v2)' : 'verify a Web Crypto signature (v2)', ok.method === 'v2' && /** @type {any} */ (ok.payload).status === 'Approved');
  check('api', 'Headers instance accepted', kit.verifyWebhook(body, new Headers(signed), SECRET, { now: 1774970000 * 1000 }).method === 'v2');
  /** @type {[string, () => unknown, string, ErrorConstructor][]} */
  const throwing = [
    ['parsed object refused', () => kit.verifyWebhook(JSON.parse(body), signed, SECRET), 'ERR_WEBHOOK_BODY_NOT_RAW', TypeError],
    ['secret must be a string', () => kit.verifyWebhook(body, signed, 42), 'ERR_INVALID_ARG_TYPE', TypeError],
    ['stale delivery', () => kit.verifyWebhook(body, signed, SECRET, { now: (1774970000 + 301) * 1000 }), 'ERR_WEBHOOK_TIMESTAMP_STALE', Error],
    ['wrong secret', () => kit.verifyWebhook(body, signed, SECRET + 'x', { now: 1774970000 * 1000 }), 'ERR_WEBHOOK_SIGNATURE_MISMATCH', Error],
    ['invalid JSON', () => kit.verifyWebhook('{"a":1,}', signed, SECRET, { now: 1774970000 * 1000 }), 'ERR_JSON_SYNTAX', Error],
  ];
  for (const [name, fn, code, Ctor] of throwing) {
    const r = attempt(fn);
    const e = r.error;
    check('api', name, e instanceof Ctor && e.code === code && !String(e.message).includes(SECRET), e ? `${e.constructor?.name} ${e.code}` : 'no error');
  }
  const post = (/** @type {BodyInit} */ b, /** @type {Record<string, string>} */ h = signed) =>
    new Request('http://127.0.0.1/webhooks/didit', { method: 'POST', headers: h, body: b });
  const fetchOk = await attemptAsync(() => kit.verifyRequest(post(body), SECRET, { now: 1774970000 * 1000 }));
  check('api', 'verifyRequest accepts a genuine request', /** @type {any} */ (fetchOk.value)?.method === 'v2', fetchOk.error?.code);
  const used = post(body);
  await used.text();
  /** @type {[string, () => Promise<unknown>, string][]} */
  const rejecting = [
    ['verifyRequest: not a Request', () => kit.verifyRequest({ body }, SECRET), 'ERR_INVALID_ARG_TYPE'],
    ['verifyRequest: body already read', () => kit.verifyRequest(used, SECRET), 'ERR_WEBHOOK_BODY_USED'],
    ['verifyRequest: tampered body', () => kit.verifyRequest(post(body.replace('Approved', 'Declined')), SECRET, { now: 1774970000 * 1000 }), 'ERR_WEBHOOK_SIGNATURE_MISMATCH'],
    ['verifyRequest: over maxBodyBytes', () => kit.verifyRequest(post(body), SECRET, { maxBodyBytes: 10 }), 'ERR_BODY_TOO_LARGE'],
  ];
  for (const [name, fn, code] of rejecting) {
    const r = await attemptAsync(fn);
    check('api', name, r.error?.code === code, r.error ? r.error.code : 'resolved');
  }

  const failed = failures.length;
  return { passed, failed, counts, failures: failures.slice(0, 20) };
}
