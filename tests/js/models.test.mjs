// @ts-check
// Typed models in the built package: every fixture of tests/fixtures/ (shared with the Rust
// tests) through parseSessionDecision / parseWebhookEvent / parseImportResponse, the documented
// import errors, invalid bodies and their messages, every status spelling, big integers and the
// round trip, the privacy guards, verifyWebhook's `event`, and argument errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import util from 'node:util';

const require = createRequire(import.meta.url);
const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const kit = require(join(ROOT, 'pkg'));
const FIX = join(ROOT, 'tests/fixtures');
const text = (/** @type {string} */ f) => readFileSync(join(FIX, f), 'utf8');
const cases = JSON.parse(text('cases.json')).cases;
const PII = ['Elena', '99999999R', 'Zaragoza', '1991-07-12', 'elena.sanchez@example.es'];

/** @param {() => unknown} fn @param {string} code @param {Function} [ctor] */
function throwsCode(fn, code, ctor = Error) {
  let caught;
  assert.throws(fn, (/** @type {any} */ e) => {
    assert.ok(e instanceof ctor, `expected ${ctor.name}, got ${e?.constructor?.name}: ${e?.message}`);
    assert.equal(e.code, code, e.message);
    caught = e;
    return true;
  });
  return /** @type {any} */ (caught);
}

/** @param {string} model @param {unknown} body */
function parse(model, body) {
  if (model === 'session') return kit.parseSessionDecision(body);
  if (model === 'webhook') return kit.parseWebhookEvent(body);
  return kit.parseImportResponse(body, { status: 201 });
}

/** @param {any[]} list */
const byPath = (list) => [...list].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));

test('every fixture yields what the manifest says (kind, status, rewritten statuses, unknown strings, big integers)', () => {
  let checked = 0;
  for (const c of cases) {
    if (c.error) continue;
    const body = text(c.file);
    for (const input of [body, Buffer.from(body), new Uint8Array(Buffer.from(body)).buffer]) {
      const m = /** @type {any} */ (parse(c.model, input));
      const notes = kit.modelNotes(m);
      assert.deepEqual(byPath(notes.normalized), c.normalized, `${c.file}: normalized`);
      assert.deepEqual(byPath(notes.unknown), c.unknown, `${c.file}: unknown`);
      assert.deepEqual([...notes.bigints].sort(), c.bigints, `${c.file}: bigints`);
      if (c.model === 'webhook') {
        assert.equal(m.webhook_type ?? undefined, c.webhookType ?? undefined, c.file);
        if (c.event) assert.equal(m.event, c.event);
        if (c.kind) assert.equal((m.session_kind ?? m.data?.session_kind) === 'business', c.kind === 'business', c.file);
      } else {
        assert.equal(m.session_kind === 'business' ? 'business' : 'user', c.kind, c.file);
        assert.equal(m.status, c.status, c.file);
      }
      // Every rewritten status holds its canonical value at its path.
      for (const n of notes.normalized) {
        // eslint-disable-next-line no-new-func
        const at = Function('m', `return m${n.path.startsWith('[') ? '' : '.'}${n.path}`)(m);
        assert.equal(at, n.value, `${c.file}: ${n.path}`);
      }
    }
    checked++;
  }
  assert.ok(checked >= 27, `${checked} fixtures`);
});

test('round trip: stringify keeps unknown members and every digit', () => {
  for (const c of cases) {
    if (c.error) continue;
    const body = text(c.file);
    const m = parse(c.model, body);
    const out = kit.stringify(m);
    if (c.normalized.length === 0) {
      // Same members, same numbers, same strings: the same canonical form.
      assert.equal(kit.canonicalize(out), kit.canonicalize(body), `${c.file}: round trip`);
    } else {
      // Statuses come out canonical; parsing the output again changes nothing more.
      const again = parse(c.model, out);
      assert.equal(kit.modelNotes(again).normalized.length, 0, c.file);
      assert.equal(kit.stringify(again), out, c.file);
    }
  }
  const fid = /** @type {any} */ (kit.parseSessionDecision(text('decision-fidelity.json')));
  assert.equal(fid.metadata.account_id, 12345678901234567890n);
  assert.equal(fid.metadata.negative, -9007199254740993n);
  assert.equal(fid.metadata.safe, 9007199254740991);
  assert.equal(fid.metadata['user id'], 12345678901234567890n);
  assert.equal(fid.metadata['été'][1], -12345678901234567890n);
  assert.equal(fid.future_top_level.count, 18446744073709551616n);
  assert.deepEqual(fid.id_verifications[0].new_feature_field, { x: [1, 2, 3] });
  assert.match(kit.stringify(fid), /"account_id":12345678901234567890,/);
  assert.match(kit.stringify(fid), /"deep":123456789012345678901234567890\}/);
});

/** @param {string} model @param {unknown} body @param {object} options */
function parseWith(model, body, options) {
  if (model === 'session') return kit.parseSessionDecision(body, options);
  if (model === 'webhook') return kit.parseWebhookEvent(body, options);
  return kit.parseImportResponse(body, { status: 201, ...options });
}

test('strict: ERR_MODEL_INVALID with every issue\'s path, code and message (the same cases as Rust)', () => {
  const { cases: invalid } = JSON.parse(text('invalid.json'));
  assert.ok(invalid.length >= 20);
  for (const c of invalid) {
    if (c.issues.length === 0) {
      assert.deepEqual(kit.modelNotes(parseWith(c.model, c.body, { strict: true }))?.dropped, [], c.name);
      continue;
    }
    const e = throwsCode(() => parseWith(c.model, c.body, { strict: true }), 'ERR_MODEL_INVALID');
    assert.deepEqual(e.issues.map((/** @type {any} */ i) => ({ path: i.path, code: i.code, message: i.message })), c.issues, c.name);
    assert.ok(e.message.includes(c.issues[0].message), e.message);
    for (const pii of PII) assert.ok(!e.message.includes(pii) && !JSON.stringify(e.issues).includes(pii), `${c.name} leaks ${pii}`);
  }
  const { cases: [, inWebhook] } = JSON.parse(text('invalid.json'));
  const e = throwsCode(() => kit.parseWebhookEvent(inWebhook.body, { strict: true }), 'ERR_MODEL_INVALID');
  assert.equal(e.message, 'not a valid webhook event: decision.face_matches[0].score: expected number, found string');
  throwsCode(() => kit.parseSessionDecision('{}', { strict: 'yes' }), 'ERR_INVALID_ARG_TYPE', TypeError);
});

/** Every value in `v` (recursively) that is not plain JSON of the declared kinds. @param {any} v @param {(string | number)[]} path */
function at(v, path) {
  for (const seg of path) v = v === undefined || v === null ? undefined : v[seg];
  return v;
}

test('type drift (default): only strict members fail; other wrong types are deleted and listed in modelNotes().dropped', () => {
  const { cases: invalid } = JSON.parse(text('invalid.json'));
  let tolerated = 0;
  for (const c of invalid) {
    const want = c.tolerant;
    if (want.issues.length > 0) {
      const e = throwsCode(() => parseWith(c.model, c.body, {}), 'ERR_MODEL_INVALID');
      assert.deepEqual(e.issues.map((/** @type {any} */ i) => ({ path: i.path, code: i.code, message: i.message })), want.issues, c.name);
      continue;
    }
    tolerated++;
    const m = parseWith(c.model, c.body, {});
    const notes = kit.modelNotes(m);
    assert.deepEqual(notes.dropped.map((/** @type {any} */ d) => ({ path: d.path, code: d.code, message: d.message, member: d.member })), want.dropped, c.name);
    assert.equal(notes.moreDropped, 0);
    for (const d of notes.dropped) {
      assert.equal(d.message, `${d.path}: expected ${d.expected}, found ${d.found}`);
      // The member is gone from the typed view; the body still has it.
      const path = d.member.split(/\.|\[(\d+)\]/).filter(Boolean).map((/** @type {string} */ x) => (/^\d+$/.test(x) ? Number(x) : x));
      assert.equal(at(m, path), undefined, `${c.name}: ${d.member} still in the view`);
      assert.notEqual(at(JSON.parse(c.body), path), undefined, `${c.name}: ${d.member} not in the body`);
      for (const pii of PII) assert.ok(!JSON.stringify(d).includes(pii), `${c.name} leaks ${pii}`);
    }
  }
  assert.ok(tolerated >= 10, String(tolerated));
});

test('type drift: the issue\'s example, and the view keeps its declared types', () => {
  const ev = JSON.parse(text('webhook-status-updated-kyc.json'));
  ev.workflow_version = '4';
  ev.decision.face_matches[0].score = '97.99';
  ev.decision.reviews = [{ new_status: 'APPROVED' }, 'late'];
  ev.decision.session_number = 2 ** 60;
  const body = JSON.stringify(ev).replace(String(2 ** 60), '1152921504606846976');
  throwsCode(() => kit.parseWebhookEvent(body, { strict: true }), 'ERR_MODEL_INVALID');
  const m = kit.parseWebhookEvent(body);
  assert.equal(m.workflow_version, undefined);
  assert.ok(!('workflow_version' in m));
  assert.equal(m.session_id, ev.session_id);
  assert.equal(m.status, 'Approved');
  assert.equal(m.decision.face_matches[0].score, undefined);
  assert.equal(m.decision.reviews, undefined);
  assert.equal(m.decision.session_number, undefined);
  const notes = kit.modelNotes(m);
  assert.deepEqual(notes.dropped.map((/** @type {any} */ d) => d.member).sort(), ['decision.face_matches[0].score', 'decision.reviews', 'decision.session_number', 'workflow_version']);
  assert.deepEqual(notes.bigints, []);
  const wv = notes.dropped.find((/** @type {any} */ d) => d.member === 'workflow_version');
  assert.deepEqual({ expected: wv.expected, found: wv.found, code: wv.code }, { expected: 'integer', found: 'string', code: 'ERR_MODEL_TYPE' });
  // verifyWebhook's `event` is tolerant too.
  const v = /** @type {any} */ (kit.verifyWebhook(body, kit.signWebhook(body, 'k'), 'k', { now: ev.timestamp * 1000 }));
  assert.equal(v.event.workflow_version, undefined);
  assert.equal(kit.modelNotes(v.event).dropped.length, 4);
  // A strict member of the wrong type fails in every mode.
  throwsCode(() => kit.parseWebhookEvent({ ...ev, session_id: 5 }), 'ERR_MODEL_INVALID');
  throwsCode(() => kit.parseSessionDecision({ session_id: 's', status: 'Approved', session_kind: 2 }), 'ERR_MODEL_INVALID');
});

test('every status spelling, per family, in the places each family lives', () => {
  const { spellings } = JSON.parse(text('status-spellings.json'));
  const families = new Set(spellings.map((/** @type {any} */ s) => s.family));
  assert.equal(families.size, 5);
  for (const s of spellings) {
    /** @type {any} */
    let m;
    /** @type {(m: any) => unknown} */
    let get;
    switch (s.family) {
      case 'session status':
        m = kit.parseSessionDecision({ session_id: 's', status: s.raw });
        get = (x) => x.status;
        break;
      case 'feature status':
        m = kit.parseSessionDecision({ session_id: 's', status: 'Approved', face_matches: [{ status: s.raw }] });
        get = (x) => x.face_matches[0].status;
        break;
      case 'entity status':
        m = kit.parseWebhookEvent({ webhook_type: 'user.status.updated', status: s.raw });
        get = (x) => x.status;
        break;
      case 'AML hit review status':
        m = kit.parseSessionDecision({ session_id: 's', status: 'Approved', aml_screenings: [{ hits: [{ review_status: s.raw }] }] });
        get = (x) => x.aml_screenings[0].hits[0].review_status;
        break;
      default:
        m = kit.parseSessionDecision({ session_id: 's', status: 'Approved', session_kind: 'business', key_people_checks: [{ submitted: { parties: [{ kyc_status: s.raw }] } }] });
        get = (x) => x.key_people_checks[0].submitted.parties[0].kyc_status;
    }
    assert.equal(get(m), s.value, `${s.family} ${s.raw}`);
    const notes = kit.modelNotes(m);
    assert.equal(notes.unknown.length, s.known ? 0 : 1, `${s.family} ${s.raw}`);
    assert.equal(notes.normalized.length, s.known && s.raw !== s.value ? 1 : 0, `${s.family} ${s.raw}`);
  }
});

test('import errors: a thrown Error with Didit\'s documented meaning, status, detail and body', () => {
  const meanings = {
    401: 'share token invalid or expired: request a new one',
    403: 'not intended for your application, or already imported',
    404: 'original session gone, or workflow_id unknown',
  };
  let n = 0;
  for (const c of cases.filter((/** @type {any} */ c) => c.error)) {
    const body = text(c.file);
    const e = throwsCode(() => kit.parseImportResponse(body, { status: c.httpStatus }), c.error);
    assert.equal(e.status, c.httpStatus);
    assert.equal(e.detail ?? null, c.detail, c.file);
    assert.equal(e.meaning, c.meaning, c.file);
    assert.equal(e.message, c.message, c.file);
    const documented = /** @type {Record<number, string>} */ (meanings)[c.httpStatus];
    if (documented) assert.ok(e.meaning.startsWith(documented), e.meaning);
    // The same answer as bytes.
    assert.equal(throwsCode(() => kit.parseImportResponse(Buffer.from(body), { status: c.httpStatus }), c.error).detail, e.detail);
    n++;
  }
  assert.ok(n >= 9);
  // A 2xx body that is not an import response is a model error.
  throwsCode(() => kit.parseImportResponse('{"detail":"x"}', { status: 201 }), 'ERR_MODEL_INVALID');
  // Argument errors.
  throwsCode(() => kit.parseImportResponse('{}', /** @type {any} */ ({ status: '404' })), 'ERR_INVALID_ARG_TYPE', TypeError);
  throwsCode(() => kit.parseImportResponse('{}', { status: 99 }), 'ERR_INVALID_ARG_VALUE', RangeError);
  throwsCode(() => kit.parseImportResponse('{}', { status: 200.5 }), 'ERR_INVALID_ARG_VALUE', RangeError);
});

test('a typed branch on an import result', () => {
  const branch = (/** @type {string} */ body) => {
    const s = kit.parseImportResponse(body, { status: 201 });
    if (s.session_kind === 'business') return `KYB ${s.status}`;
    return `KYC ${s.status}`;
  };
  assert.equal(branch(text('import-201-compact.json')), 'KYC In Review');
  assert.equal(branch(text('import-201-kyb.json')), 'KYB In Review');
  const full = /** @type {any} */ (kit.parseImportResponse(text('import-201-full.json'), { status: 201 }));
  assert.equal(full.id_verification.status, 'Approved');
  assert.match(full.shared_from_session, /^[0-9a-f-]{36}$/);
});

test('privacy: logging a parsed model shows identifiers only; explicit access and stringify() work', () => {
  const m = /** @type {any} */ (kit.parseSessionDecision(text('decision-kyc.json')));
  const logged = [String(m), `${m}`, util.inspect(m), util.format('%o %O %s %j', m, m, m, m), JSON.stringify(m), JSON.stringify({ user: m })];
  for (const line of logged) {
    assert.match(line, /DiditSessionDecision session_kind=user status=Approved session_id=/);
    for (const pii of PII) assert.ok(!line.includes(pii), `leaks ${pii}: ${line.slice(0, 200)}`);
  }
  assert.equal(m.id_verifications[0].first_name, 'Elena');
  assert.ok(kit.stringify(m).includes('Elena'));
  assert.ok(JSON.stringify({ ...m }).includes('Elena'), 'a spread copy is plain data, on purpose');
  assert.ok(!Object.keys(m).includes('toJSON') && !Object.keys(m).includes('toString'));
  assert.equal(kit.modelNotes({}), undefined);
  const ev = kit.parseWebhookEvent(text('webhook-status-updated-kyc.json'));
  assert.match(String(ev), /^\[DiditWebhookEvent webhook_type=status\.updated status=Approved session_id=\S+ event_id=\S+ — personal data redacted/);
});

test('verifyWebhook gains a lazy typed `event`', () => {
  const SECRET = 'VThtpx2Rxja0bxfDaEPvMMeorRBZYjpu_KBkdiXqvrM';
  for (const file of ['webhook-status-updated-kyb.json', 'webhook-user-status-updated.json']) {
    const body = text(file);
    const headers = kit.signWebhook(body, SECRET);
    const now = Number(headers['X-Timestamp']) * 1000;
    const v = /** @type {any} */ (kit.verifyWebhook(Buffer.from(body), headers, SECRET, { now }));
    const e = v.event;
    assert.equal(e, v.event, 'parsed once');
    if (e.webhook_type === 'status.updated' && e.session_kind === 'business') {
      assert.equal(e.decision.key_people_checks[0].status, 'Awaiting User');
    } else {
      assert.equal(e.webhook_type, 'user.status.updated');
      assert.equal(e.status, 'FLAGGED');
    }
    const r = /** @type {any} */ (kit.tryVerifyWebhook(body, headers, SECRET, { now }));
    assert.equal(r.ok && r.event.webhook_type, e.webhook_type);
  }
  // A genuine delivery that is not a valid event (a strict member of the wrong type):
  // verification succeeds, `event` throws.
  const odd = '{"session_id":5,"status":"Approved","timestamp":1774970000,"webhook_type":"status.updated","decision":[]}';
  const h = kit.signWebhook(odd, SECRET);
  const v = /** @type {any} */ (kit.verifyWebhook(odd, h, SECRET, { now: 1774970000 * 1000 }));
  assert.equal(v.method, 'v2');
  throwsCode(() => v.event, 'ERR_MODEL_INVALID');
});

test('inputs: string, bytes, ArrayBuffer, DataView, objects (BigInt included), a parsed model', () => {
  const body = text('decision-kyb-title.json');
  const a = kit.parseSessionDecision(body);
  for (const input of [Buffer.from(body), new DataView(new Uint8Array(Buffer.from(body)).buffer), JSON.parse(body), a, '\uFEFF' + body]) {
    assert.equal(kit.stringify(kit.parseSessionDecision(input)), kit.stringify(a));
  }
  const withBig = kit.parseSessionDecision({ session_id: 's', status: 'Approved', metadata: { id: 12345678901234567890n } });
  assert.equal(/** @type {any} */ (withBig).metadata.id, 12345678901234567890n);
  assert.deepEqual(kit.modelNotes(withBig).bigints, ['metadata.id']);
});

test('bad input: typed errors, never a trap, and the instance keeps working', () => {
  throwsCode(() => kit.parseSessionDecision(/** @type {any} */ (undefined)), 'ERR_INVALID_ARG_TYPE', TypeError);
  throwsCode(() => kit.parseSessionDecision(/** @type {any} */ (42)), 'ERR_INVALID_ARG_TYPE', TypeError);
  throwsCode(() => kit.parseSessionDecision('{"a":1,}'), 'ERR_JSON_SYNTAX');
  assert.throws(() => kit.parseSessionDecision('{\n "a": [1, 2\n}'), /line 3 column 1/);
  throwsCode(() => kit.parseSessionDecision(Buffer.from([0x7b, 0xff, 0x7d])), 'ERR_JSON_INVALID_UTF8');
  throwsCode(() => kit.parseSessionDecision('{}', { maxBodyBytes: 1 }), 'ERR_BODY_TOO_LARGE', RangeError);
  throwsCode(() => kit.parseSessionDecision('[]'), 'ERR_MODEL_INVALID');
  throwsCode(() => kit.parseWebhookEvent('null'), 'ERR_MODEL_INVALID');
  throwsCode(() => kit.stringify(undefined), 'ERR_INVALID_ARG_TYPE', TypeError);
  // Hostile member names: no prototype is touched.
  const hostile = '{"session_id":"s","status":"Approved","__proto__":{"polluted":12345678901234567890},"metadata":{"constructor":{"prototype":12345678901234567891}}}';
  const m = /** @type {any} */ (kit.parseSessionDecision(hostile));
  assert.equal(/** @type {any} */ ({}).polluted, undefined);
  assert.equal(Object.getPrototypeOf(m.__proto__), Object.prototype);
  assert.equal(m.__proto__.polluted, 12345678901234567890n);
  assert.equal(m.metadata.constructor.prototype, 12345678901234567891n);
  // Strings that contain what stringify uses internally are untouched.
  const tricky = kit.parseSessionDecision({ session_id: 's', status: 'Approved', metadata: { a: '\u0000didit-kit-bigint-x:1', b: 1n } });
  assert.equal(JSON.parse(kit.stringify(tricky)).metadata.a, '\u0000didit-kit-bigint-x:1');
  assert.equal(kit.parseSessionDecision(text('import-201-compact.json')).status, 'In Review');
});
