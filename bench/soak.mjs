// @ts-check
// Soak: verifies 1,000,000 deliveries (mixed valid and invalid) in one process on one wasm
// instance, checks every verdict, and prints the wasm memory (the exported memory's
// buffer.byteLength) at the start, after a warm-up pass and at the end, and the throughput.
// Memory must stay flat: after the warm-up, any growth means a leak (or unbounded caching) and
// fails the run. Throughput is printed, never asserted.
//   node bench/soak.mjs [--quick] [--count=N] [--workload=webhook|tokens|models|memory]
// --quick: 20,000 deliveries (the test suite runs this).
// The `memory` workload canonicalizes bodies that need sorting, each in a fresh process (a wasm
// memory never shrinks), and prints the peak wasm memory per body byte; it fails the run above
// MAX_BYTES_PER_BYTE (the figure `maxBodyBytes`' ceiling in the wasm package is derived from).
//
// Workloads are a table: a later feature (share tokens, typed models) adds a function that
// returns its own cases, `{ name, run: () => outcome string, expect: outcome string }`.
import { createHmac } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delivery, pythonCompactAscii } from './payloads.mjs';

const require = createRequire(import.meta.url);
const kit = require('../pkg');
const raw = require('../pkg/wasm/full/didit_kit.cjs');
const memory = () => /** @type {WebAssembly.Memory} */ (raw.wasmMemory()).buffer.byteLength;
const startMemory = memory();

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const countArg = args.find((a) => a.startsWith('--count='));
const COUNT = countArg ? Number(countArg.slice(8)) : quick ? 20_000 : 1_000_000;
const workloadArg = args.find((a) => a.startsWith('--workload='));

/** @typedef {{ name: string, run: () => string, expect: string }} Case */

/** Outcome of a verification: the method, or the error code. @param {() => any} call */
function outcome(call) {
  try {
    const r = call();
    if (r && r.ok === false) return r.code;
    return r.method;
  } catch (e) {
    return /** @type {any} */ (e).code ?? `uncoded ${/** @type {any} */ (e).constructor?.name}`;
  }
}

/** Webhook deliveries: the bundled samples as Didit sends them, plus variants of each kind. */
function webhookCases() {
  const samples = JSON.parse(readFileSync(new URL('../samples/deliveries.json', import.meta.url), 'utf8'));
  const secret = samples.secret;
  const at = { now: samples.now * 1000 };
  /** @type {Case[]} */
  const cases = [];
  const add = (/** @type {string} */ name, /** @type {string} */ expect, /** @type {(verify: Function) => any} */ call) => {
    // Half the calls go through each entry point.
    cases.push({ name, expect, run: () => outcome(() => call(kit.verifyWebhook)) });
    cases.push({ name: `${name} (try)`, expect, run: () => outcome(() => call(kit.tryVerifyWebhook)) });
  };
  const lower = (/** @type {Record<string, string>} */ h) => Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toLowerCase(), v]));
  for (const d of samples.deliveries) {
    const body = Buffer.from(d.body, 'utf8');
    const headers = lower(d.headers);
    add(d.name, d.expect_method ?? d.expect_code, (verify) => verify(body, headers, secret, at));
  }
  const hmac = (/** @type {string | Buffer} */ m) => createHmac('sha256', secret).update(m).digest('hex');
  for (const [label, hits] of [['2 KB', 0], ['40 KB', 60]]) {
    const ts = samples.now;
    const body = Buffer.from(pythonCompactAscii(delivery(/** @type {number} */ (hits), ts)), 'utf8');
    const h = kit.signWebhook(body, secret, { timestamp: ts });
    const ascii = hmac(kit.canonicalize(body, { ascii: true }));
    const pretty = Buffer.from(JSON.stringify(delivery(/** @type {number} */ (hits), ts), null, 2), 'utf8');
    const hp = kit.signWebhook(pretty, secret, { timestamp: ts });
    const tampered = Buffer.from(body.toString('latin1').replace('"Approved"', '"Declined"'), 'latin1');
    add(`${label} v2`, 'v2', (verify) => verify(body, { 'x-timestamp': h['X-Timestamp'], 'x-signature-v2': h['X-Signature-V2'] }, secret, at));
    add(`${label} v2 as a string`, 'v2', (verify) => verify(body.toString('latin1'), { 'x-timestamp': h['X-Timestamp'], 'x-signature-v2': h['X-Signature-V2'] }, secret, at));
    add(`${label} v2-ascii`, 'v2-ascii', (verify) => verify(body, { 'x-timestamp': h['X-Timestamp'], 'x-signature-v2': ascii }, secret, at));
    add(`${label} v1`, 'v1', (verify) => verify(body, { 'x-timestamp': h['X-Timestamp'], 'x-signature': h['X-Signature'] }, secret, at));
    add(`${label} simple`, 'simple', (verify) => verify(body, { 'x-timestamp': h['X-Timestamp'], 'x-signature-simple': h['X-Signature-Simple'] }, secret, { ...at, allowSimple: true }));
    add(`${label} pretty-printed (sorting path)`, 'v2', (verify) => verify(pretty, lower(hp), secret, at));
    add(`${label} rotated secrets`, 'v2', (verify) => verify(body, lower(h), ['old-secret', secret], at));
    add(`${label} tampered`, 'ERR_WEBHOOK_SIGNATURE_MISMATCH', (verify) => verify(tampered, lower(h), secret, at));
    add(`${label} wrong secret`, 'ERR_WEBHOOK_SIGNATURE_MISMATCH', (verify) => verify(body, lower(h), 'not-the-secret', at));
    add(`${label} stale`, 'ERR_WEBHOOK_TIMESTAMP_STALE', (verify) => verify(body, lower(h), secret, { now: (ts + 3600) * 1000 }));
    add(`${label} truncated body`, 'ERR_JSON_SYNTAX', (verify) => verify(body.subarray(0, body.length - 7), lower(h), secret, at));
    add(`${label} over maxBodyBytes`, 'ERR_BODY_TOO_LARGE', (verify) => verify(body, lower(h), secret, { ...at, maxBodyBytes: 1000 }));
    add(`${label} parsed object instead of the raw body`, 'ERR_WEBHOOK_BODY_NOT_RAW', (verify) => verify(JSON.parse(body.toString()), lower(h), secret, at));
    add(`${label} lone surrogate`, 'ERR_JSON_LONE_SURROGATE', (verify) => verify(Buffer.from(body.toString('latin1').replace('"Approved"', '"\\ud800"'), 'latin1'), lower(h), secret, at));
  }
  add('no signature', 'ERR_WEBHOOK_SIGNATURE_MISSING', (verify) => verify('{}', { 'x-timestamp': String(samples.now) }, secret, at));
  add('bad headers type', 'ERR_INVALID_ARG_TYPE', (verify) => verify('{}', 'x-timestamp: 1', secret, at));
  return cases;
}

/** Outcome of any call: what `describe` makes of the result, or the error code. @param {() => any} call @param {(r: any) => string} describe */
function outcomeOf(call, describe) {
  try {
    return describe(call());
  } catch (e) {
    return /** @type {any} */ (e).code ?? `uncoded ${/** @type {any} */ (e).constructor?.name}`;
  }
}

/** Share tokens: every inspection vector (Python-minted and hostile tokens), the strict check,
 * import requests, minting and the HS256 check, and tokens over the size limit. */
function tokenCases() {
  const doc = JSON.parse(readFileSync(new URL('../tests/vectors/share_tokens.json', import.meta.url), 'utf8'));
  /** @type {Case[]} */
  const cases = [];
  const seconds = (/** @type {Record<string, any>} */ o) => ({ ...o, now: o.now * 1000 });
  for (const v of doc.inspect) {
    const o = seconds(v.options);
    cases.push({ name: v.name, expect: v.expect.codes.join(',') || 'clean', run: () => outcomeOf(() => kit.inspectShareToken(v.token, o), (i) => i.findings.map((/** @type {any} */ f) => f.code).join(',') || 'clean') });
    const firstError = v.expect.usable ? 'usable' : `ERR_${v.expect.codes.find((/** @type {string} */ c) => !['SHARE_TOKEN_SESSION_KIND_DEFAULTED', 'SHARE_TOKEN_UNKNOWN_CLAIMS', 'SHARE_TOKEN_TYP_UNEXPECTED', 'SHARE_TOKEN_DUPLICATE_KEY', 'SHARE_TOKEN_CLAIM_NOT_UUID', 'SHARE_TOKEN_CLAIM_NOT_INTEGER', 'SHARE_TOKEN_TTL_OUT_OF_RANGE'].includes(c))}`;
    if (o.applicationId !== undefined) {
      cases.push({ name: `${v.name} (assert)`, expect: firstError, run: () => outcomeOf(() => kit.assertShareTokenUsable(v.token, o), () => 'usable') });
    }
  }
  for (const m of doc.mint) {
    const at = { now: (m.claims.iat ?? 1774970000) * 1000 + 60_000 };
    cases.push({ name: `mint ${m.token.slice(-8)}`, expect: 'minted as PyJWT', run: () => outcomeOf(() => kit.mintTestShareToken(m.claims, m.key, at), (t) => (t === m.token ? 'minted as PyJWT' : 'another token')) });
    cases.push({ name: `verify ${m.token.slice(-8)}`, expect: 'true', run: () => String(kit.verifyShareTokenSignature(m.token, m.key)) });
    cases.push({ name: `verify ${m.token.slice(-8)} wrong key`, expect: 'false', run: () => String(kit.verifyShareTokenSignature(m.token, 'not-the-key')) });
    if (m.claims.for_application_id) {
      const input = { shareToken: m.token, workflowId: m.claims.session_id, trustReview: false };
      cases.push({ name: `import ${m.token.slice(-8)}`, expect: 'POST', run: () => outcomeOf(() => kit.importRequest(input, { ...at, applicationId: m.claims.for_application_id }), (r) => r.method) });
    }
  }
  const big = `${doc.mint[0].token}.${'A'.repeat(64 * 1024)}`;
  cases.push({ name: '64 KiB token', expect: 'SHARE_TOKEN_TOO_LARGE', run: () => outcomeOf(() => kit.inspectShareToken(big, { now: 0 }), (i) => i.findings.map((/** @type {any} */ f) => f.code).join(',')) });
  cases.push({ name: '64 KiB token, limit raised', expect: 'SHARE_TOKEN_SEGMENTS', run: () => outcomeOf(() => kit.inspectShareToken(big, { now: 1774970000 * 1000, maxTokenBytes: 2 ** 20 }), (i) => i.findings[0].code) });
  return cases;
}

/** Typed models: every fixture (decisions, webhook events, import answers) and every invalid body. */
function modelCases() {
  const dir = new URL('../tests/fixtures/', import.meta.url);
  const fixtures = JSON.parse(readFileSync(new URL('cases.json', dir), 'utf8')).cases;
  /** @type {Case[]} */
  const cases = [];
  const calls = /** @type {Record<string, (body: Buffer, status?: number) => any>} */ ({
    session: (b) => kit.parseSessionDecision(b),
    webhook: (b) => kit.parseWebhookEvent(b),
    import: (b, status) => kit.parseImportResponse(b, status === undefined ? {} : { status }),
  });
  const describe = (/** @type {any} */ m) => `${m.status ?? m.webhook_type ?? m.event ?? '-'}${kit.modelNotes(m) ? '' : ' (no notes)'}`;
  for (const c of fixtures) {
    const body = readFileSync(new URL(c.file, dir));
    const parse = calls[c.model];
    const text = body.toString('utf8');
    const want = c.error ?? describe(parse(body, c.httpStatus));
    cases.push({ name: c.file, expect: want, run: () => outcomeOf(() => parse(body, c.httpStatus), describe) });
    if (!c.error) cases.push({ name: `${c.file} (string, stringify)`, expect: 'same', run: () => outcomeOf(() => kit.stringify(parse(/** @type {any} */ (text))), (t) => (JSON.parse(t) && t.length > 0 ? 'same' : 'empty')) });
  }
  const strict = /** @type {Record<string, (body: Buffer) => any>} */ ({
    session: (b) => kit.parseSessionDecision(b, { strict: true }),
    webhook: (b) => kit.parseWebhookEvent(b, { strict: true }),
    import: (b) => kit.parseImportResponse(b, { strict: true }),
  });
  for (const c of JSON.parse(readFileSync(new URL('invalid.json', dir), 'utf8')).cases) {
    if (c.issues.length === 0) continue;
    const parse = strict[c.model];
    cases.push({ name: c.name, expect: 'ERR_MODEL_INVALID', run: () => outcomeOf(() => parse(Buffer.from(c.body, 'utf8')), () => 'parsed') });
  }
  cases.push({ name: 'truncated', expect: 'ERR_JSON_SYNTAX', run: () => outcomeOf(() => kit.parseSessionDecision('{"session_id":'), () => 'parsed') });
  cases.push({ name: 'invalid UTF-8', expect: 'ERR_JSON_INVALID_UTF8', run: () => outcomeOf(() => kit.parseWebhookEvent(Buffer.from([0x7b, 0xff, 0x7d])), () => 'parsed') });
  return cases;
}

/** @type {Record<string, () => Case[]>} */
const WORKLOADS = { webhook: webhookCases, tokens: tokenCases, models: modelCases };

// Peak wasm memory per body byte on the sorting path. Each shape is a JS expression of `n`
// (about n bytes long) whose objects are out of key order, so the sorting writer runs.
const MAX_BYTES_PER_BYTE = 12;
const SHAPES = {
  // The densest: one-digit array items in an object that needs sorting.
  'array of one-digit items': `'{"b":0,"a":[' + '0,'.repeat(n / 2) + '0]}'`,
  // Many small members in reverse key order: every member goes through the sort.
  'object of small members, reversed': `'{' + Array.from({ length: n / 12 }, (_, i) => '"k' + String(1e6 - i) + '":0').join(',') + '}'`,
  // Realistic: pretty-printed deliveries (keys in insertion order), repeated.
  'pretty-printed deliveries': `'[' + Array.from({ length: Math.ceil(n / 66000) }, () => JSON.stringify(delivery(60, 1774970000), null, 2)).join(',') + ']'`,
};
function memoryPerByte() {
  const n = quick ? 2 ** 22 : 2 ** 24;
  const pkg = process.env.DIDIT_KIT_PKG ?? fileURLToPath(new URL('../pkg', import.meta.url));
  let failedHere = false;
  for (const [name, expr] of Object.entries(SHAPES)) {
    const script = `
      const { delivery } = await import(${JSON.stringify(new URL('payloads.mjs', import.meta.url).href)});
      const { createRequire } = await import('node:module');
      const require = createRequire(import.meta.url);
      const kit = require(${JSON.stringify(pkg)});
      const raw = require(${JSON.stringify(`${pkg}/wasm/full/didit_kit.cjs`)});
      const n = ${n};
      const body = Buffer.from(${expr});
      kit.canonicalize('{"b":1,"a":2}');
      // The Memory object of the instance that runs the call: after a call that grew it past 8 MiB
      // the package replaces the instance (js/instance.mjs), so raw.wasmMemory() would then be the
      // fresh instance's; this reference keeps reading the one that held the peak.
      const memory = raw.wasmMemory();
      const before = memory.buffer.byteLength;
      const out = kit.canonicalize(body, { maxBodyBytes: 32 * 2 ** 20 });
      const after = memory.buffer.byteLength;
      if (raw.wasmMemory() === memory && after > 8 * 2 ** 20) throw new Error('the instance was not replaced after a call that left its memory above 8 MiB');
      console.log(JSON.stringify({ bytes: body.length, grew: after - before, before, outLength: out.length }));`;
    const r = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', maxBuffer: 1 << 20 }));
    const perByte = (r.before + r.grew) / r.bytes;
    console.log(`soak (memory): ${name}, ${(r.bytes / 2 ** 20).toFixed(1)} MiB body: peak wasm memory ${((r.before + r.grew) / 2 ** 20).toFixed(0)} MiB = ${perByte.toFixed(1)} bytes per body byte (growth alone ${(r.grew / r.bytes).toFixed(1)})`);
    if (perByte > MAX_BYTES_PER_BYTE) {
      failedHere = true;
      console.error(`  MORE THAN ${MAX_BYTES_PER_BYTE} BYTES PER BODY BYTE`);
    }
  }
  return failedHere;
}

const names = workloadArg ? [workloadArg.slice(11)] : [...Object.keys(WORKLOADS), 'memory'];
let failed = false;
for (const name of names) {
  if (name === 'memory') {
    failed = memoryPerByte() || failed;
    continue;
  }
  const build = WORKLOADS[name];
  if (!build) throw new Error(`unknown workload ${name}; have ${Object.keys(WORKLOADS).join(', ')}`);
  const cases = build();
  const wrong = new Map();
  const counts = new Map();
  const check = (/** @type {Case} */ c) => {
    const got = c.run();
    counts.set(got, (counts.get(got) ?? 0) + 1);
    if (got !== c.expect) wrong.set(c.name, `${got}, expected ${c.expect}`);
  };
  // Warm-up: every case once, so that the allocator has seen the largest of each.
  for (const c of cases) check(c);
  counts.clear();
  const afterWarmup = memory();
  const samples = [];
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < COUNT; i++) {
    check(cases[i % cases.length]);
    if ((i + 1) % (COUNT / 10) === 0) samples.push(memory());
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const end = memory();
  const mib = (/** @type {number} */ b) => `${(b / 2 ** 20).toFixed(2)} MiB`;
  const valid = [...counts].filter(([k]) => !k.startsWith('ERR_')).reduce((a, [, n]) => a + n, 0);
  console.log(`soak (${name}): ${COUNT.toLocaleString('en')} calls from ${cases.length} cases (${((100 * valid) / COUNT).toFixed(0)}% valid) in ${seconds.toFixed(1)} s on Node ${process.version}`);
  console.log(`  throughput: ${Math.round(COUNT / seconds).toLocaleString('en')} calls/s (${((seconds / COUNT) * 1e6).toFixed(1)} µs each, mixed sizes and verdicts)`);
  console.log(`  wasm memory: ${mib(startMemory)} at start, ${mib(afterWarmup)} after the warm-up pass, ${mib(end)} at the end (${end - afterWarmup >= 0 ? '+' : ''}${end - afterWarmup} bytes since the warm-up)`);
  console.log(`  wasm memory at each tenth: ${samples.map(mib).join(', ')}`);
  console.log(`  verdicts: ${[...counts].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n.toLocaleString('en')}`).join(', ')}`);
  console.log(`  JS heap used ${mib(process.memoryUsage().heapUsed)}, process RSS ${mib(process.memoryUsage().rss)}`);
  if (wrong.size > 0) {
    failed = true;
    console.error(`  WRONG VERDICTS: ${[...wrong].map(([k, v]) => `${k}: ${v}`).join('; ')}`);
  }
  if (end !== afterWarmup) {
    failed = true;
    console.error(`  WASM MEMORY GREW by ${end - afterWarmup} bytes after the warm-up pass`);
  }
}
process.exit(failed ? 1 : 0);
