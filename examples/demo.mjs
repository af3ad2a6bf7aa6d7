// @ts-check
// didit-kit demo: verifies the sample deliveries in samples/deliveries.json (signed by
// samples/make_samples.py with Python's json and hmac, as Didit's server signs them) and explains
// each verdict; then inspects sample share tokens (the documented real token and tokens minted by
// PyJWT, from tests/vectors/share_tokens.json). Exits 1 if any verdict differs from the sample's expectation, so it doubles as a
// smoke check.
//   node examples/demo.mjs
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { tryVerifyWebhook, canonicalize, inspectShareToken } = require('../pkg');

/**
 * @typedef {object} Delivery
 * @property {string} name
 * @property {string} description
 * @property {string} body  the raw request body
 * @property {Record<string, string>} headers
 * @property {'accept' | 'reject'} expect
 * @property {string} [expect_method]
 * @property {string} [expect_code]
 */
/** @type {{ secret: string, now: number, deliveries: Delivery[] }} */
const samples = JSON.parse(readFileSync(new URL('../samples/deliveries.json', import.meta.url), 'utf8'));
const { secret, now, deliveries } = samples;

const tty = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;
/** @param {string} code @param {string} s */
const paint = (code, s) => (tty ? `\x1b[${code}m${s}\x1b[0m` : s);
const green = (/** @type {string} */ s) => paint('32', s);
const red = (/** @type {string} */ s) => paint('31', s);
const bold = (/** @type {string} */ s) => paint('1', s);
const dim = (/** @type {string} */ s) => paint('2', s);

/** @param {string | Buffer} message */
const hmacHex = (message) => createHmac('sha256', secret).update(message).digest('hex');

/**
 * A header value, whatever its casing.
 * @param {Record<string, string>} headers @param {string} name
 */
function header(headers, name) {
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : headers[key];
}

// Didit's documented JavaScript approach to X-Signature-V2: parse, shorten floats, sort keys with
// Object.keys().sort() + reduce into a new object, JSON.stringify. JS objects put integer-like
// keys first in numeric order whatever the insertion order, and JSON.parse turns every number
// into a double, so this is not always the canonical form Didit's Python signer hashes.
/** @param {any} v @returns {any} */
function shortenFloats(v) {
  if (Array.isArray(v)) return v.map(shortenFloats);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, shortenFloats(x)]));
  if (typeof v === 'number' && !Number.isInteger(v) && v % 1 === 0) return Math.trunc(v);
  return v;
}
/** @param {any} v @returns {any} */
function sortKeys(v) {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    return Object.keys(v).sort().reduce((/** @type {Record<string, any>} */ acc, k) => {
      acc[k] = sortKeys(v[k]);
      return acc;
    }, {});
  }
  return v;
}
/** @param {string} body */
const snippetCanonical = (body) => JSON.stringify(sortKeys(shortenFloats(JSON.parse(body))));

/**
 * Where two strings first differ, with a little context on each side.
 * @param {string} a @param {string} b
 */
function firstDifference(a, b) {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const from = Math.max(0, i - 36);
  /** @param {string} s */
  const cut = (s) => (from > 0 ? '…' : '') + s.slice(from, i + 24) + (s.length > i + 24 ? '…' : '');
  return { index: i, a: cut(a), b: cut(b) };
}

/** @param {string} s */
const short = (s) => (typeof s === 'string' && s.length > 13 ? `${s.slice(0, 8)}…` : String(s));

/** @param {number} ts */
function age(ts) {
  const d = now - ts;
  return d >= 0 ? `${d} s before now` : `${-d} s after now`;
}

/**
 * One-line summary of what a body says (for a rejected delivery, what it *claims*).
 * @param {string} body
 */
function describeBody(body) {
  try {
    const p = JSON.parse(body);
    const kyb = p.session_kind === 'business';
    const id = kyb ? `business session ${short(p.business_session_id)}` : `session ${short(p.session_id)}`;
    return `${p.webhook_type} · ${id} · status ${p.status} · vendor_data ${p.vendor_data}`;
  } catch {
    return 'body is not JSON';
  }
}

/** @type {Record<string, (d: Delivery) => string>} */
const REJECT_WHY = {
  ERR_WEBHOOK_SIGNATURE_MISMATCH: () =>
    'no signature fits these bytes under this secret: the body changed after signing, or another secret signed it',
  ERR_WEBHOOK_TIMESTAMP_STALE: (d) =>
    `X-Timestamp ${header(d.headers, 'x-timestamp')} is ${age(Number(header(d.headers, 'x-timestamp')))}; a late retry or a replay`,
  ERR_WEBHOOK_TIMESTAMP_FUTURE: () => 'X-Timestamp is too far ahead of the clock',
  ERR_WEBHOOK_TIMESTAMP_MISMATCH: (d) => {
    // The signed time is `timestamp`, or `created_at` when the body has no `timestamp`.
    const p = JSON.parse(d.body);
    const field = p.timestamp !== undefined ? 'timestamp' : 'created_at';
    const bodyTs = Number(p[field]);
    return `fresh X-Timestamp on a body whose ${field} is ${bodyTs} (${age(bodyTs)}); V2 signs the body, so its time is what binds freshness`;
  },
};

let failures = 0;
deliveries.forEach((d, n) => {
  const lines = [];
  const r = tryVerifyWebhook(d.body, d.headers, secret, { now: now * 1000 });
  const expected = d.expect === 'accept' ? `accept/${d.expect_method}` : `reject/${d.expect_code}`;
  const got = r.ok ? `accept/${r.method}` : `reject/${r.code}`;
  if (got !== expected) failures++;
  const check = got === expected ? dim('  (as expected)') : red(`  MISMATCH: expected ${expected}`);
  lines.push(`${bold(`[${n + 1}/${deliveries.length}] ${d.name}`)}`);
  lines.push(dim(`  ${d.description}`));
  if (r.ok) {
    lines.push(`  ${green('ACCEPTED')}  method ${r.method}, secret #${r.secretIndex}, X-Timestamp ${r.timestamp} (${age(r.timestamp)})${check}`);
    lines.push(`  why: ${describeBody(d.body)}`);
    // X-Signature signs the raw bytes: it fails as soon as anything re-serialised the body.
    const v1 = header(d.headers, 'x-signature');
    if (v1 !== undefined && hmacHex(Buffer.from(d.body, 'utf8')) !== v1.toLowerCase()) {
      lines.push('  X-Signature (raw-body HMAC) fails: these are not the bytes Didit sent; X-Signature-V2 still holds');
    }
    const ours = canonicalize(d.body);
    const theirs = snippetCanonical(d.body);
    const snippetOk = hmacHex(theirs) === String(header(d.headers, 'x-signature-v2')).toLowerCase();
    if (theirs === ours) {
      lines.push(`  Didit's JS snippet: same canonical form, ${snippetOk ? 'would accept too' : 'yet its HMAC differs?!'}`);
    } else {
      const diff = firstDifference(ours, theirs);
      lines.push(`  Didit's JS snippet: ${snippetOk ? 'accepts' : red('would REJECT')} — its canonical form differs at char ${diff.index}:`);
      lines.push(`    Python/didit-kit: ${diff.a}`);
      lines.push(`    JS snippet:       ${diff.b}`);
    }
  } else {
    lines.push(`  ${red('REJECTED')}  ${r.code}: ${r.message}${check}`);
    const why = REJECT_WHY[r.code];
    if (why) lines.push(`  why: ${why(d)}`);
    lines.push(`  body claims (untrusted): ${describeBody(d.body)}`);
  }
  console.log(lines.join('\n') + '\n');
});

// ---- Share tokens: what a partner can read without Didit's key ---------------------------------
// The documented real token at three moments, and tokens from the shared vectors (minted by PyJWT).
const tokenVectors = JSON.parse(readFileSync(new URL('../tests/vectors/share_tokens.json', import.meta.url), 'utf8')).inspect;
const TOKEN_CASES = [
  'documented token, 34 s after minting, for my application',
  'documented token, another application',
  'documented token, a day later',
  'KYB token',
  'alg none, empty signature',
  'padding on the payload',
  'unknown session_kind',
];
console.log(bold('Share tokens (inspection is advisory: only Didit can verify a token)') + '\n');
for (const name of TOKEN_CASES) {
  const v = tokenVectors.find((/** @type {any} */ t) => t.name === name);
  const r = inspectShareToken(v.token, { ...v.options, now: v.options.now * 1000 });
  const ok = r.usable === v.expect.usable;
  if (!ok) failures++;
  const verdict = r.usable ? green('USABLE') : red(`NOT USABLE${r.importStatus ? ` (Didit's import would answer ${r.importStatus})` : ''}`);
  console.log(`${bold(name)}\n  ${verdict}${ok ? dim('  (as expected)') : red('  MISMATCH')}`);
  if (r.claims) {
    console.log(`  ${r.sessionKind ?? '?'} session ${r.sessionId ?? '?'}${r.sessionKindDefaulted ? dim(' (kind defaulted: older token)') : ''}, ` +
      `for application ${r.forApplicationId ?? '?'}, issued ${r.issuedAtIso ?? '?'}, TTL ${r.ttlSeconds ?? '?'} s`);
  }
  for (const f of r.findings) {
    const sev = f.severity === 'error' ? red(f.severity) : f.severity === 'warning' ? paint('33', f.severity) : dim(f.severity);
    console.log(`  ${sev} ${f.code}: ${f.message}`);
  }
  console.log('');
}

const accepted = deliveries.filter((d) => d.expect === 'accept').length;
const summary = `${deliveries.length} deliveries (${accepted} genuine, ${deliveries.length - accepted} bad) and ${TOKEN_CASES.length} share tokens: ` +
  (failures === 0 ? 'every verdict matches its expectation' : `${failures} verdict(s) differ from the expectation`);
console.log(failures === 0 ? green(summary) : red(summary));
process.exitCode = failures === 0 ? 0 : 1;
