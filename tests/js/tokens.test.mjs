// @ts-check
// Share tokens through the built package: the PyJWT vectors, the strict twin, the request
// helpers, test minting, and every argument error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { seeded } from '../support/seeded.mjs';

const require = createRequire(import.meta.url);
const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const kit = require(join(ROOT, 'pkg'));
const data = JSON.parse(readFileSync(join(ROOT, 'tests/vectors/share_tokens.json'), 'utf8'));
const doc = data.inspect[0];
const DOC_TOKEN = doc.token;
const FOR_APP = doc.options.applicationId;
const FROM_APP = 'dbd20e34-42e9-4f2c-ba91-cf0762016f64';
const OTHER_APP = '0b6f2c1e-9a7d-4c41-8e2f-5d3a1b7c9e00';
const SESSION = '20bb3c3b-6146-439f-84a4-bd30d00ac6a2';
const WORKFLOW = '9f9b1234-aaaa-bbbb-cccc-1234567890ab';
const DOC_NOW_MS = doc.options.now * 1000;
const MALFORMED = new Set([
  'SHARE_TOKEN_WHITESPACE', 'SHARE_TOKEN_WRAPPED', 'SHARE_TOKEN_TRUNCATED', 'SHARE_TOKEN_SIGNATURE_PADDING',
  'SHARE_TOKEN_SEGMENTS', 'SHARE_TOKEN_BASE64', 'SHARE_TOKEN_UTF8', 'SHARE_TOKEN_JSON',
  'SHARE_TOKEN_NOT_OBJECT', 'SHARE_TOKEN_SIGNATURE_LENGTH', 'SHARE_TOKEN_TOO_LARGE',
]);

/** Findings about the token's form, not its times, audience or claim values. */
const STRUCTURAL = (/** @type {string} */ code) => ![
  'SHARE_TOKEN_EXPIRED', 'SHARE_TOKEN_EXPIRES_SOON', 'SHARE_TOKEN_NOT_YET_VALID', 'SHARE_TOKEN_ISSUED_IN_FUTURE',
  'SHARE_TOKEN_WRONG_APPLICATION', 'SHARE_TOKEN_CLAIM_MISSING', 'SHARE_TOKEN_CLAIM_TYPE', 'SHARE_TOKEN_SESSION_KIND_UNKNOWN',
].includes(code);

/** @param {() => unknown} fn @param {string} code @param {Function} [ctor] */
function throwsCode(fn, code, ctor = Error) {
  assert.throws(fn, (/** @type {any} */ e) => {
    assert.ok(e instanceof ctor, `expected ${ctor.name}, got ${e?.constructor?.name}: ${e?.message}`);
    assert.equal(e.code, code, e.message);
    return true;
  });
}

/** Vector options use Unix seconds; the JS API takes milliseconds (or a Date). */
function jsOptions(/** @type {any} */ o) {
  return { ...o, now: o.now * 1000 };
}

test('inspection vectors (minted and decoded by PyJWT) match', () => {
  assert.ok(data.inspect.length >= 50);
  for (const v of data.inspect) {
    const r = kit.inspectShareToken(v.token, jsOptions(v.options));
    const e = v.expect;
    assert.deepEqual(r.findings.map((/** @type {any} */ f) => f.code), e.codes, v.name);
    assert.equal(r.usable, e.usable, v.name);
    assert.equal(r.importStatus, e.importStatus, v.name);
    for (const key of ['sessionKind', 'sessionKindDefaulted', 'ttlSeconds', 'remainingSeconds', 'issuedAtIso', 'expiresAtIso']) {
      if (key in e) assert.deepEqual(r[key], e[key], `${v.name}: ${key}`);
    }
    assert.equal(r.unwrappedToken, e.unwrappedToken ?? null, `${v.name}: unwrappedToken`);
    // PyJWT with the key stands in for Didit's decoder: what it accepts as pasted is never a
    // certain 401 for the token's form; what it refuses (signed with the key) is never usable.
    if (v.pyjwt.acceptsWithKey) {
      for (const f of r.findings) {
        assert.ok(!(STRUCTURAL(f.code) && f.importStatus === 401), `${v.name}: PyJWT accepts it, we predict 401 for ${f.code}`);
      }
    } else if (v.pyjwt.signedWithKey) {
      assert.equal(r.usable, false, `${v.name}: PyJWT refuses it`);
    }
    if (v.pyjwt.malformed) {
      assert.ok(r.findings.some((/** @type {any} */ f) => MALFORMED.has(f.code)), `${v.name}: PyJWT calls it malformed`);
    } else if (e.claims !== null) {
      assert.deepEqual(r.claims, v.pyjwt.claims, `${v.name}: claims`);
      assert.deepEqual(r.header, v.pyjwt.header, `${v.name}: header`);
    }
    for (const f of r.findings) {
      assert.ok(['error', 'warning', 'info'].includes(f.severity), v.name);
      assert.equal(f.importStatus === null, f.importAnswer === null, v.name);
      if (f.importStatus !== null) assert.ok(f.importAnswer.startsWith(String(f.importStatus)), v.name);
      if (v.token.length > 20) assert.ok(!f.message.includes(v.token.trim()), `${v.name}: message repeats the token`);
    }
  }
});

test('the documented token: typed fields, ISO times, the defaulted kind', () => {
  const r = kit.inspectShareToken(DOC_TOKEN, { now: new Date(DOC_NOW_MS), applicationId: FOR_APP });
  assert.equal(r.usable, true);
  assert.deepEqual(r.header, { alg: 'HS256', typ: 'JWT' });
  assert.equal(r.sessionId, SESSION);
  assert.equal(r.sessionKind, 'user');
  assert.equal(r.sessionKindDefaulted, true);
  assert.equal(r.claims.session_kind, undefined, 'claims are shown as sent');
  assert.equal(r.fromApplicationId, FROM_APP);
  assert.equal(r.forApplicationId, FOR_APP);
  assert.equal(r.issuedAt, 1753630666);
  assert.equal(r.issuedAtIso, new Date(1753630666 * 1000).toISOString().replace('.000Z', 'Z'));
  assert.equal(r.expiresAt - r.issuedAt, r.ttlSeconds);
  assert.equal(r.now, doc.options.now);
  // Without `now`, the current clock is used: the documented token is long expired.
  assert.equal(kit.inspectShareToken(DOC_TOKEN).findings.at(-1).code, 'SHARE_TOKEN_EXPIRED');
});

test('assertShareTokenUsable returns typed claims or throws the first problem', () => {
  const claims = kit.assertShareTokenUsable(DOC_TOKEN, { applicationId: FOR_APP, now: DOC_NOW_MS });
  assert.deepEqual(Object.keys(claims).sort(), [
    'claims', 'expiresAt', 'forApplicationId', 'fromApplicationId', 'issuedAt', 'remainingSeconds',
    'sessionId', 'sessionKind', 'sessionKindDefaulted',
  ]);
  assert.equal(claims.sessionKind, 'user');
  throwsCode(() => kit.assertShareTokenUsable(DOC_TOKEN, { applicationId: OTHER_APP, now: DOC_NOW_MS }), 'ERR_SHARE_TOKEN_WRONG_APPLICATION');
  throwsCode(() => kit.assertShareTokenUsable(DOC_TOKEN, { applicationId: FOR_APP }), 'ERR_SHARE_TOKEN_EXPIRED');
  throwsCode(() => kit.assertShareTokenUsable('a.b', { applicationId: FOR_APP }), 'ERR_SHARE_TOKEN_SEGMENTS');
  try {
    kit.assertShareTokenUsable(DOC_TOKEN, { applicationId: OTHER_APP, now: DOC_NOW_MS });
  } catch (/** @type {any} */ e) {
    assert.equal(e.importStatus, 403);
    assert.equal(e.finding.code, 'SHARE_TOKEN_WRONG_APPLICATION');
    assert.match(e.message, /403/);
  }
  // The application id is required: a server must always check it.
  throwsCode(() => kit.assertShareTokenUsable(DOC_TOKEN, { now: DOC_NOW_MS }), 'ERR_INVALID_ARG_TYPE', TypeError);
  throwsCode(() => kit.assertShareTokenUsable(DOC_TOKEN), 'ERR_INVALID_ARG_TYPE', TypeError);
});

test('shareRequest builds the documented request and validates its inputs', () => {
  const r = kit.shareRequest(SESSION, { forApplicationId: FOR_APP });
  assert.equal(r.method, 'POST');
  assert.equal(r.path, `/v3/session/${SESSION}/share/`);
  assert.equal(r.url, `https://verification.didit.me/v3/session/${SESSION}/share/`);
  assert.deepEqual(JSON.parse(r.body), { for_application_id: FOR_APP, ttl_in_seconds: 3600 });
  assert.equal(r.headers['content-type'], 'application/json');
  assert.equal(kit.shareRequest(SESSION, { forApplicationId: FOR_APP, ttlInSeconds: 60 }).json.ttl_in_seconds, 60);
  assert.equal(kit.shareRequest(SESSION, { forApplicationId: FOR_APP, ttlInSeconds: 86400 }).json.ttl_in_seconds, 86400);
  assert.equal(kit.shareRequest(SESSION, { forApplicationId: FOR_APP, baseUrl: 'http://127.0.0.1:8080/' }).url, `http://127.0.0.1:8080/v3/session/${SESSION}/share/`);
  throwsCode(() => kit.shareRequest(SESSION, { forApplicationId: FOR_APP, ttlInSeconds: 59 }), 'ERR_INVALID_ARG_VALUE', RangeError);
  throwsCode(() => kit.shareRequest(SESSION, { forApplicationId: FOR_APP, ttlInSeconds: 86401 }), 'ERR_INVALID_ARG_VALUE', RangeError);
  throwsCode(() => kit.shareRequest(SESSION, { forApplicationId: FOR_APP, ttlInSeconds: 600.5 }), 'ERR_INVALID_ARG_VALUE', RangeError);
  throwsCode(() => kit.shareRequest(SESSION, { forApplicationId: FOR_APP, ttlInSeconds: '600' }), 'ERR_INVALID_ARG_TYPE', TypeError);
  throwsCode(() => kit.shareRequest('not-a-uuid', { forApplicationId: FOR_APP }), 'ERR_INVALID_ARG_VALUE', RangeError);
  throwsCode(() => kit.shareRequest(SESSION, {}), 'ERR_INVALID_ARG_TYPE', TypeError);
  throwsCode(() => kit.shareRequest(SESSION), 'ERR_INVALID_ARG_TYPE', TypeError);
  throwsCode(() => kit.shareRequest(SESSION, { forApplicationId: FOR_APP, baseUrl: 'ftp://x' }), 'ERR_INVALID_ARG_VALUE', TypeError);
});

test('importRequest checks the token before building the request', () => {
  const key = 'emulator-key-0123456789abcdef0123';
  const now = Date.UTC(2026, 10, 22) ;
  const token = kit.mintTestShareToken({
    session_id: SESSION, session_kind: 'business', from_application_id: FROM_APP, for_application_id: FOR_APP,
  }, key, { now });
  const r = kit.importRequest({ shareToken: token, workflowId: WORKFLOW, trustReview: false, vendorData: 'biz-1' }, { now, applicationId: FOR_APP });
  assert.equal(r.method, 'POST');
  assert.equal(r.path, '/v3/session/import-shared/');
  assert.deepEqual(JSON.parse(r.body), { share_token: token, workflow_id: WORKFLOW, vendor_data: 'biz-1', trust_review: false });
  assert.equal(r.sessionKind, 'business');
  assert.deepEqual(Object.keys(kit.importRequest({ shareToken: token, workflowId: WORKFLOW, trustReview: true }, { now }).json), ['share_token', 'workflow_id', 'trust_review']);
  // trust_review has no safe default: the docs disagree on whether it is optional.
  throwsCode(() => kit.importRequest({ shareToken: token, workflowId: WORKFLOW }, { now }), 'ERR_IMPORT_TRUST_REVIEW_REQUIRED', TypeError);
  throwsCode(() => kit.importRequest({ shareToken: token, workflowId: WORKFLOW, trustReview: 'yes' }, { now }), 'ERR_IMPORT_TRUST_REVIEW_REQUIRED', TypeError);
  throwsCode(() => kit.importRequest({ shareToken: token, workflowId: 'wf', trustReview: true }, { now }), 'ERR_INVALID_ARG_VALUE', RangeError);
  throwsCode(() => kit.importRequest({ shareToken: token, workflowId: WORKFLOW, trustReview: true, vendorData: 7 }, { now }), 'ERR_INVALID_ARG_TYPE', TypeError);
  throwsCode(() => kit.importRequest({ shareToken: 42, workflowId: WORKFLOW, trustReview: true }, { now }), 'ERR_INVALID_ARG_TYPE', TypeError);
  throwsCode(() => kit.importRequest(undefined), 'ERR_INVALID_ARG_TYPE', TypeError);
  // A doomed import is not built: expired, not for us, malformed.
  throwsCode(() => kit.importRequest({ shareToken: token, workflowId: WORKFLOW, trustReview: true }, { now: now + 3600_000 }), 'ERR_SHARE_TOKEN_EXPIRED');
  throwsCode(() => kit.importRequest({ shareToken: token, workflowId: WORKFLOW, trustReview: true }, { now, applicationId: OTHER_APP }), 'ERR_SHARE_TOKEN_WRONG_APPLICATION');
  throwsCode(() => kit.importRequest({ shareToken: token, workflowId: WORKFLOW, trustReview: true }, { now: now + 3590_000, minRemainingSeconds: 30 }), 'ERR_SHARE_TOKEN_EXPIRES_SOON');
  throwsCode(() => kit.importRequest({ shareToken: token.slice(0, -1) + '=', workflowId: WORKFLOW, trustReview: true }, { now }), 'ERR_SHARE_TOKEN_BASE64');
});

test('mintTestShareToken reproduces PyJWT byte for byte; verifyShareTokenSignature checks it', () => {
  for (const m of data.mint) {
    const token = kit.mintTestShareToken(m.claims, m.key);
    assert.equal(token, m.token);
    assert.equal(kit.verifyShareTokenSignature(token, m.key), true);
    assert.equal(kit.verifyShareTokenSignature(token, new TextEncoder().encode(m.key)), true);
    assert.equal(kit.verifyShareTokenSignature(token, m.key + 'x'), false);
    assert.equal(kit.verifyShareTokenSignature(token.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')), m.key), false);
  }
  // Defaults: iat = now, exp = iat + ttl.
  const t = kit.mintTestShareToken({ session_id: SESSION }, 'k', { now: 1_000_000_000_000, ttlInSeconds: 120 });
  const r = kit.inspectShareToken(t, { now: 1_000_000_000_000 });
  assert.equal(r.issuedAt, 1_000_000_000);
  assert.equal(r.ttlSeconds, 120);
  // Real tokens cannot be verified: Didit's key is not ours.
  assert.equal(kit.verifyShareTokenSignature(DOC_TOKEN, 'any key'), false);
  // alg none and other algorithms never verify.
  const none = data.inspect.find((/** @type {any} */ v) => v.name.startsWith('alg none')).token;
  assert.equal(kit.verifyShareTokenSignature(none, 'k'), false);
  throwsCode(() => kit.mintTestShareToken([], 'k'), 'ERR_INVALID_ARG_TYPE', TypeError);
  throwsCode(() => kit.mintTestShareToken({ n: 1n }, 'k'), 'ERR_INVALID_ARG_VALUE', TypeError);
  throwsCode(() => kit.mintTestShareToken({ s: 'a\uD800' }, 'k'), 'ERR_INVALID_ARG_VALUE', TypeError);
  throwsCode(() => kit.mintTestShareToken({}, ''), 'ERR_SHARE_TOKEN_KEY_EMPTY', RangeError);
  throwsCode(() => kit.mintTestShareToken({}, 5), 'ERR_INVALID_ARG_TYPE', TypeError);
  throwsCode(() => kit.verifyShareTokenSignature(5, 'k'), 'ERR_INVALID_ARG_TYPE', TypeError);
  throwsCode(() => kit.verifyShareTokenSignature(DOC_TOKEN, null), 'ERR_INVALID_ARG_TYPE', TypeError);
});

test('a wrapped token: the import answer says to send the token inside, not to ask for a new one', () => {
  const r = kit.inspectShareToken(`Bearer ${DOC_TOKEN}`, { now: DOC_NOW_MS });
  const wrapped = r.findings.find((/** @type {any} */ f) => f.code === 'SHARE_TOKEN_WRAPPED');
  assert.equal(wrapped.importStatus, 401);
  assert.match(wrapped.importAnswer, /^401 Unauthorized: .*Send the token inside the wrapping \(unwrappedToken\)/);
  assert.doesNotMatch(wrapped.importAnswer, /Ask the sharing party/);
  // Other 401 findings keep the status's answer.
  const expired = kit.inspectShareToken(DOC_TOKEN, { now: DOC_NOW_MS + 30 * 86400_000 }).findings.find((/** @type {any} */ f) => f.code === 'SHARE_TOKEN_EXPIRED');
  assert.match(expired.importAnswer, /Ask the sharing party for a new token/);
});

test('inspectShareToken rejects bad arguments, never bad tokens', () => {
  throwsCode(() => kit.inspectShareToken(undefined), 'ERR_INVALID_ARG_TYPE', TypeError);
  throwsCode(() => kit.inspectShareToken(Buffer.from(DOC_TOKEN)), 'ERR_INVALID_ARG_TYPE', TypeError);
  throwsCode(() => kit.inspectShareToken(DOC_TOKEN, { applicationId: 'mine' }), 'ERR_INVALID_ARG_VALUE', RangeError);
  throwsCode(() => kit.inspectShareToken(DOC_TOKEN, { now: 'today' }), 'ERR_INVALID_ARG_TYPE', TypeError);
  // `now` in Unix seconds would read as 1970, where an expired token looks usable: refused, and the
  // message says what to pass instead (found by a first-time user).
  const seconds = Math.floor(DOC_NOW_MS / 1000) + 7 * 86400;
  for (const call of [
    () => kit.inspectShareToken(DOC_TOKEN, { now: seconds }),
    () => kit.assertShareTokenUsable(DOC_TOKEN, { applicationId: FOR_APP, now: seconds }),
    () => kit.mintTestShareToken({ session_id: SESSION }, 'k', { now: seconds }),
  ]) {
    throwsCode(call, 'ERR_INVALID_ARG_VALUE', RangeError);
    const e = /** @type {any} */ ((() => { try { call(); } catch (err) { return err; } })());
    assert.match(e.message, new RegExp(`options\\.now is ${seconds}, which looks like Unix seconds.*pass ${seconds} \\* 1000`));
  }
  const late = kit.inspectShareToken(DOC_TOKEN, { now: seconds * 1000 });
  assert.equal(late.usable, false);
  assert.ok(late.findings.some((/** @type {any} */ f) => f.code === 'SHARE_TOKEN_EXPIRED'));
  throwsCode(() => kit.inspectShareToken(DOC_TOKEN, { clockToleranceSeconds: -1 }), 'ERR_INVALID_ARG_VALUE', RangeError);
  throwsCode(() => kit.inspectShareToken(DOC_TOKEN, 'options'), 'ERR_INVALID_ARG_TYPE', TypeError);
  // Hostile tokens come back as findings.
  for (const token of ['\uD800.\uDFFF.x', '.'.repeat(10_000), 'x'.repeat(10 * 1024 * 1024), '\0.\0.\0', 'e30.e30.']) {
    const r = kit.inspectShareToken(token);
    assert.equal(r.usable, false);
    assert.ok(r.findings.length > 0);
  }
  assert.equal(kit.inspectShareToken(DOC_TOKEN, { now: DOC_NOW_MS }).usable, true, 'the instance still works');
});

// ---- tokens as people paste them, clock skew, padding (generated here, many per kind) ----------

const KEY = 'paste-test-key-0123456789abcdef';
const NOW = Date.UTC(2026, 10, 29, 8, 0, 0);
const MINTED = kit.mintTestShareToken({
  session_id: SESSION, session_kind: 'business', from_application_id: FROM_APP, for_application_id: FOR_APP,
}, KEY, { now: NOW });

/** @type {[kind: string, text: string, layers: number][]} */
const WRAPS = [
  ['Bearer', `Bearer ${MINTED}`, 1],
  ['Bearer', `bearer ${MINTED}`, 1],
  ['Bearer', `Bearer   ${MINTED}`, 1],
  ['Bearer', `Bearer\t${MINTED}`, 1],
  ['Authorization', `Authorization: Bearer ${MINTED}`, 2],
  ['Authorization', `AUTHORIZATION: bearer ${MINTED}`, 2],
  ['Authorization', `authorization:${MINTED}`, 1],
  ['quotes', `"${MINTED}"`, 1],
  ['quotes', `'${MINTED}'`, 1],
  ['quotes', `\`${MINTED}\``, 1],
  ['quotes', `"Bearer ${MINTED}"`, 2],
  ['URL', `https://partner.example/import?token=${MINTED}`, 1],
  ['URL', `https://partner.example/import?x=1&share_token=${MINTED}&y=2`, 1],
  ['URL', `http://127.0.0.1:3000/cb#token=${MINTED}`, 1],
  ['URL', `https://partner.example/cb?jwt=${MINTED.replaceAll('.', '%2E')}`, 1],
  ['query', `?token=${MINTED}`, 1],
  ['query', `share_token=${MINTED}`, 1],
  ['query', `token=${MINTED}&expires=3600`, 1],
  ['JSON', JSON.stringify({ share_token: MINTED, workflow_id: WORKFLOW, trust_review: false }), 1],
  ['JSON', JSON.stringify({ token: MINTED }), 1],
  ['line', MINTED.match(/.{1,64}/g).join('\n'), 1],
  ['line', MINTED.match(/.{1,76}/g).join('\r\n'), 1],
  ['line', MINTED.match(/.{1,40}/g).join('\n    '), 1],
  ['line', `${MINTED.slice(0, 30)} ${MINTED.slice(30)}`, 1],
  ['text', `share token: ${MINTED}`, 1],
  ['text', `${MINTED} (valid 1 h)`, 1],
  ['text', `<${MINTED}>`, 1],
];

test('pasted tokens: the wrapping is named, the token inside inspected, the verdict stays strict', () => {
  const words = { Bearer: /Bearer/, Authorization: /Authorization/, quotes: /quotes/, URL: /URL/, query: /query string/, JSON: /JSON object/, line: /line breaks|spaces inside/, text: /surrounding text/ };
  for (const [kind, text, layers] of WRAPS) {
    const name = `${kind}: ${JSON.stringify(text.slice(0, 40))}`;
    const r = kit.inspectShareToken(text, { now: NOW, applicationId: FOR_APP });
    const wrapped = r.findings.filter((/** @type {any} */ f) => f.code === 'SHARE_TOKEN_WRAPPED');
    assert.equal(wrapped.length, layers, name);
    assert.match(wrapped[0].message, words[/** @type {keyof typeof words} */ (kind)], name);
    assert.ok(wrapped.every((/** @type {any} */ f) => f.severity === 'error' && f.importStatus === 401 && !f.message.includes(MINTED)), name);
    assert.equal(r.findings.length, layers, `${name}: nothing else is wrong with the token inside`);
    assert.equal(r.unwrappedToken, MINTED, name);
    assert.equal(r.usable, false, name);
    assert.equal(r.sessionKind, 'business', name);
    assert.equal(r.claims.session_id, SESSION, `${name}: claims shown`);
    assert.deepEqual(r.header, { alg: 'HS256', typ: 'JWT' }, name);
    throwsCode(() => kit.assertShareTokenUsable(text, { now: NOW, applicationId: FOR_APP }), 'ERR_SHARE_TOKEN_WRAPPED');
    // What to send instead works.
    assert.equal(kit.assertShareTokenUsable(r.unwrappedToken, { now: NOW, applicationId: FOR_APP }).sessionKind, 'business');
  }
  // A bare token, and malformed ones made only of token characters, are not "wrapped".
  for (const t of [MINTED, MINTED.replace(/-/g, '+'), `${MINTED}=`, 'a.b.c', 'eyJhbGciOiJIUzI1NiJ9']) {
    assert.equal(kit.inspectShareToken(t, { now: NOW }).unwrappedToken, null, t);
  }
});

test('tokens missing their last characters are reported as cut off', () => {
  const [h, p, sig] = MINTED.split('.');
  for (let cut = 1; cut < sig.length; cut++) {
    const r = kit.inspectShareToken(MINTED.slice(0, -cut), { now: NOW });
    assert.deepEqual(r.findings.map((/** @type {any} */ f) => f.code), ['SHARE_TOKEN_TRUNCATED'], `cut ${cut}`);
    assert.match(r.findings[0].message, /cut off/);
    assert.doesNotMatch(r.findings[0].message, /non-canonical|UTF-8/);
    assert.equal(r.claims.session_id, SESSION, `cut ${cut}: claims shown`);
    assert.equal(r.importStatus, 401);
  }
  for (const t of [`${h}.${p}`, `${h}.${p.slice(0, -1)}`, `${h}.${p.slice(0, -7)}`, `${h}.${p.slice(0, 20)}`]) {
    const r = kit.inspectShareToken(t, { now: NOW });
    assert.deepEqual(r.findings.map((/** @type {any} */ f) => f.code), ['SHARE_TOKEN_TRUNCATED'], t.length.toString());
  }
});

test('clock skew: a small iat lead is not an error, a large one a warning', () => {
  for (const lead of [1, 3, 30, 60]) {
    const r = kit.inspectShareToken(MINTED, { now: NOW - lead * 1000, applicationId: FOR_APP });
    assert.deepEqual(r.findings, [], `lead ${lead} s`);
    assert.equal(kit.assertShareTokenUsable(MINTED, { now: NOW - lead * 1000, applicationId: FOR_APP }).sessionKind, 'business');
  }
  for (const lead of [61, 300, 86400 * 3]) {
    const r = kit.inspectShareToken(MINTED, { now: NOW - lead * 1000, applicationId: FOR_APP });
    assert.deepEqual(r.findings.map((/** @type {any} */ f) => [f.code, f.severity, f.importStatus]), [['SHARE_TOKEN_ISSUED_IN_FUTURE', 'warning', null]], `lead ${lead} s`);
    assert.match(r.findings[0].message, /clock/);
    assert.equal(r.usable, true);
  }
  // exp stays strict: PyJWT expires a token once exp <= now.
  throwsCode(() => kit.assertShareTokenUsable(MINTED, { now: NOW + 3600_000, applicationId: FOR_APP }), 'ERR_SHARE_TOKEN_EXPIRED');
});

test('padding on the signature alone: no certain 401', () => {
  for (const pad of ['=', '==']) {
    const r = kit.inspectShareToken(MINTED + pad, { now: NOW });
    assert.deepEqual(r.findings.map((/** @type {any} */ f) => [f.code, f.importStatus]), [['SHARE_TOKEN_SIGNATURE_PADDING', null]]);
    assert.match(r.findings[0].message, /depends on its decoder/);
    assert.equal(r.usable, false);
    assert.equal(r.importStatus, null);
  }
});

// The core hands Didit's claims over as parts when they are the payload's only members and every
// value is an unescaped string or an integer of up to 15 digits (src/token/report.rs, FROM_PARTS);
// the JS layer then builds the object instead of parsing the text. Whichever way, `claims` must be
// what JSON.parse makes of the payload: the same keys, in the same order, the same values.
test('claims are what JSON.parse makes of the payload, whether built from parts or parsed', () => {
  const b64 = (/** @type {string} */ s) => Buffer.from(s, 'utf8').toString('base64url');
  const header = b64('{"alg":"HS256","typ":"JWT"}');
  const names = ['session_id', 'session_kind', 'from_application_id', 'for_application_id', 'iat', 'exp'];
  const values = {
    session_id: [`"${SESSION}"`, '"x"', '""', '"\\u0041"', '"é😀"', '1', 'null', '[1]'],
    session_kind: ['"user"', '"business"', '"robot"', '"\\n"', 'true', '{}'],
    from_application_id: [`"${FROM_APP}"`, '"A"', '2'],
    for_application_id: [`"${FOR_APP}"`, `"${FOR_APP.toUpperCase()}"`, 'false'],
    iat: ['1753630666', '0', '-5', '-0', '1753630666.5', '1e9', '999999999999999', '1234567890123456', '"1753630666"'],
    exp: ['1753634266', '17536342660', '12345678901234567890', '1.0', '-1753634266'],
  };
  const { rand, pick } = seeded(0x51ab);
  let checked = 0;
  for (let i = 0; i < 3000; i++) {
    // Some of the names, in any order; now and then a repeat, another member or spaces.
    const chosen = names.filter(() => rand() < 0.8).sort(() => rand() - 0.5);
    const members = chosen.map((n) => [n, pick(/** @type {any} */ (values)[n])]);
    if (rand() < 0.1 && members.length) members.push([members[0][0], pick(values.iat)]);
    if (rand() < 0.1) members.push([pick(['nbf', 'aud', 'x', '__proto__', '0']), '1']);
    const sep = rand() < 0.2 ? ' , ' : ',';
    const text = `{${members.map(([n, v]) => `"${n}":${v}`).join(sep)}}`;
    const expected = JSON.parse(text);
    const r = kit.inspectShareToken(`${header}.${b64(text)}.${'A'.repeat(43)}`, { now: DOC_NOW_MS });
    assert.equal(JSON.stringify(r.claims), JSON.stringify(expected), text);
    assert.deepEqual(Object.keys(r.claims), Object.keys(expected), text);
    assert.equal(Object.getPrototypeOf(r.claims), Object.prototype, text);
    assert.ok(Object.is(r.claims.iat, expected.iat), `iat of ${text}`); // -0 stays -0
    for (const [n, field] of [['session_id', 'sessionId'], ['from_application_id', 'fromApplicationId'], ['for_application_id', 'forApplicationId']]) {
      const v = expected[n];
      assert.equal(r[field], typeof v === 'string' ? v : null, `${field} of ${text}`);
    }
    checked++;
  }
  assert.equal(checked, 3000);
});
