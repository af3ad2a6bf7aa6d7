// @ts-check
// Hostile and edge inputs through the built package (pkg/), from the table shared with the Rust
// tests (tests/vectors/hostile.json; expectations computed by CPython where it can): each case
// gets its typed error or its correct result, never a trap, and a genuine delivery still
// verifies on the same wasm instance afterwards. Also: bodies over the maximum are refused before
// they are copied into wasm memory, so they cannot grow it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const kit = require(join(ROOT, 'pkg'));
// The raw wasm-bindgen module the package wraps (the same instance: Node caches it by path).
const raw = require(join(ROOT, 'pkg/wasm/full/didit_kit.cjs'));
const memoryBytes = () => /** @type {WebAssembly.Memory} */ (raw.wasmMemory()).buffer.byteLength;

const doc = JSON.parse(readFileSync(join(ROOT, 'tests/vectors/hostile.json'), 'utf8'));
const reference = JSON.parse(readFileSync(join(ROOT, 'tests/vectors/webhook.json'), 'utf8')).vectors[0];

/** The parts language of tests/vectors/hostile.py. @param {any[]} parts */
function expand(parts) {
  /** @type {Buffer[]} */
  const out = [];
  for (const p of parts) {
    if (typeof p === 'string') {
      out.push(Buffer.from(p, 'utf8'));
      continue;
    }
    const n = p.repeat ?? 1;
    if (p.text !== undefined) out.push(Buffer.from(p.text.repeat(n), 'utf8'));
    else if (p.hex !== undefined) out.push(Buffer.from(p.hex.repeat(n), 'hex'));
    else if (p.utf16 !== undefined) out.push(Buffer.from(String.fromCharCode(parseInt(p.utf16, 16)).repeat(n), 'utf8'));
    else if (p.keys !== undefined) {
      const prefix = 'k' + 'x'.repeat(p.pad);
      const members = [];
      for (let j = 0; j < p.keys; j++) {
        const i = p.order === 'descending' ? p.keys - 1 - j : j;
        const key = p.order === 'descending' ? `"${prefix}${String(i).padStart(7, '0')}":` : `"${prefix}":`;
        members.push(key + (p.value === 'index' ? String(i) : '0'));
      }
      out.push(Buffer.from(members.join(','), 'utf8'));
    } else throw new Error(`unknown part ${JSON.stringify(p)}`);
  }
  return Buffer.concat(out);
}

/**
 * The parts as a JavaScript string: like expand, except that a `utf16` part stays the lone
 * surrogate it names (expand, like TextEncoder, makes U+FFFD of it).
 * @param {any[]} parts
 */
function expandString(parts) {
  return parts
    .map((p) => (typeof p === 'string' ? p : p.utf16 !== undefined ? String.fromCharCode(parseInt(p.utf16, 16)).repeat(p.repeat ?? 1) : expand([p]).toString('utf8')))
    .join('');
}

/** @param {string | any[]} v */
const text = (v) => (typeof v === 'string' ? v : expand(v).toString('utf8'));

/** The table's option names are the Rust ones. @param {Record<string, unknown> | undefined} o */
function jsOptions(o = {}) {
  const names = /** @type {Record<string, string>} */ ({ max_depth: 'maxDepth', max_bytes: 'maxBodyBytes', ascii: 'ascii', allow_simple: 'allowSimple', tolerance_seconds: 'toleranceSeconds' });
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [names[k] ?? k, v]));
}

/**
 * Runs one case. A new kind of call (share tokens, typed models) is one more `case` here.
 * @param {any} c @param {Buffer} body
 */
function runCase(c, body) {
  switch (c.call) {
    case 'canonicalize':
      return { canonical: kit.canonicalize(body, jsOptions(c.options)) };
    case 'verify_webhook': {
      const headers = Object.fromEntries(Object.entries(c.headers).map(([k, v]) => [k, text(/** @type {any} */ (v))]));
      const secrets = c.secrets.flatMap((/** @type {any} */ s) => (typeof s === 'string' ? [s] : Array(s.repeat).fill(s.text)));
      const r = kit.verifyWebhook(body, headers, secrets, { now: c.now * 1000, ...jsOptions(c.options) });
      return { ok: { method: r.method, secret_index: r.secretIndex, timestamp: r.timestamp } };
    }
    case 'inspect_share_token': {
      const token = expandString(c.body);
      const o = c.options;
      const i = kit.inspectShareToken(token, { now: o.now * 1000, ...(o.max_token_bytes === undefined ? {} : { maxTokenBytes: o.max_token_bytes }) });
      const out = { findings: i.findings.map((/** @type {any} */ f) => f.code), usable: i.usable };
      if (c.key !== undefined) return { ...out, signature_valid: kit.verifyShareTokenSignature(token, c.key) };
      return out;
    }
    case 'parse_session':
      return { parsed: { session_id: kit.parseSessionDecision(body).session_id } };
    case 'parse_webhook_event':
      return { parsed: { session_id: kit.parseWebhookEvent(body).session_id } };
    case 'parse_import_response':
      return { parsed: { session_id: kit.parseImportResponse(body, c.status === undefined ? {} : { status: c.status }).session_id } };
    default:
      throw new Error(`unknown call ${c.call}`);
  }
}

/** `undefined` when the outcome is what the case expects, else why not. @param {any} expect @param {any} got */
function judge(expect, got) {
  if (got.error) {
    const e = got.error;
    if (e instanceof WebAssembly.RuntimeError) return `wasm trap: ${e.message}`;
    if (!(e instanceof Error)) return `threw a non-Error ${String(e)}`;
    if (e.code !== expect.error) return `got ${e.code ?? e.constructor.name} (${e.message}), expected ${JSON.stringify(expect)}`;
    const wantClass = ['ERR_BODY_TOO_LARGE', 'ERR_INVALID_ARG_VALUE'].includes(e.code) ? RangeError : Error;
    if (e.constructor !== wantClass) return `${e.code} is a ${e.constructor.name}, expected ${wantClass.name}`;
    if (expect.message !== undefined && e.message !== expect.message) return `message ${JSON.stringify(e.message)}, expected ${JSON.stringify(expect.message)}`;
    if (expect.message_contains !== undefined && !e.message.includes(expect.message_contains)) return `message ${JSON.stringify(e.message)} lacks ${expect.message_contains}`;
    return undefined;
  }
  if (got.canonical !== undefined) {
    const out = Buffer.from(got.canonical, 'utf8');
    if (expect.canonical !== undefined) return out.equals(Buffer.from(expect.canonical, 'utf8')) ? undefined : `canonical ${JSON.stringify(got.canonical.slice(0, 200))}, expected ${JSON.stringify(expect.canonical.slice(0, 200))}`;
    if (expect.canonical_sha256 === undefined) return `got a canonical form, expected ${JSON.stringify(expect)}`;
    const sha = createHash('sha256').update(out).digest('hex');
    return sha === expect.canonical_sha256 && out.length === expect.canonical_bytes ? undefined : `canonical form of ${out.length} bytes differs from Python's`;
  }
  if (got.findings !== undefined) {
    const want = { findings: expect.findings, usable: expect.usable, ...(expect.signature_valid === undefined ? {} : { signature_valid: expect.signature_valid }) };
    return JSON.stringify(got) === JSON.stringify(want) ? undefined : `inspected ${JSON.stringify(got)}, expected ${JSON.stringify(expect)}`;
  }
  if (got.parsed !== undefined) {
    return JSON.stringify(got.parsed) === JSON.stringify(expect.parsed) ? undefined : `parsed ${JSON.stringify(got.parsed)}, expected ${JSON.stringify(expect)}`;
  }
  return JSON.stringify(got.ok) === JSON.stringify(expect.ok) ? undefined : `accepted ${JSON.stringify(got.ok)}, expected ${JSON.stringify(expect)}`;
}

function stillWorks() {
  const r = kit.verifyWebhook(reference.body, reference.headers, reference.secrets, { now: reference.now * 1000 });
  return r.method === 'v2' && kit.canonicalize('{"b":1,"a":[1.0]}') === '{"a":[1],"b":1}';
}

/** @param {boolean} large */
function runAll(large) {
  const failures = [];
  let ran = 0;
  for (const c of doc.cases) {
    const body = expand(c.body);
    if (body.length > 1 << 20 !== large) continue;
    ran++;
    /** @type {any} */
    let got;
    try {
      got = runCase(c, body);
    } catch (error) {
      got = { error };
    }
    const why = judge(c.expect_wasm ?? c.expect, got);
    if (why) failures.push(`${c.name}: ${why}`);
    if (!stillWorks()) failures.push(`${c.name}: a genuine delivery no longer verifies afterwards`);
  }
  return { failures, ran };
}

test('hostile inputs up to 1 MiB (every family) on one wasm instance', () => {
  const { failures, ran } = runAll(false);
  assert.ok(ran >= 250, `only ${ran} cases`);
  assert.deepEqual(failures, []);
});

test('hostile inputs over 1 MiB (million-deep, 64 MiB, a million keys) on one wasm instance', { timeout: 10 * 60 * 1000 }, () => {
  const before = memoryBytes();
  const { failures, ran } = runAll(true);
  assert.ok(ran >= 10, `only ${ran} cases`);
  assert.deepEqual(failures, []);
  console.log(`wasm memory: ${(before / 2 ** 20).toFixed(1)} MiB before the large cases, ${(memoryBytes() / 2 ** 20).toFixed(1)} MiB after`);
});

test('a body over the maximum is refused before it reaches wasm memory (fresh instance)', () => {
  // In a new process: this file's other tests have already grown this instance's memory.
  const script = `
    const kit = require(${JSON.stringify(join(ROOT, 'pkg'))});
    const raw = require(${JSON.stringify(join(ROOT, 'pkg/wasm/full/didit_kit.cjs'))});
    const bytes = () => raw.wasmMemory().buffer.byteLength;
    const ref = ${JSON.stringify(reference)};
    const big = Buffer.alloc(64 * 2 ** 20 + 1, 0x20);
    const before = bytes();
    const codes = [];
    for (let i = 0; i < 3; i++) {
      for (const call of [
        () => kit.verifyWebhook(big, ref.headers, ref.secrets, { now: ref.now * 1000 }),
        () => kit.canonicalize(big),
        () => kit.canonicalize(big.toString('latin1'), { maxBodyBytes: 1000 }),
        () => kit.tryVerifyWebhook(new Uint8Array(big.buffer, 0, 2 ** 20), ref.headers, ref.secrets, { maxBodyBytes: 2 ** 20 - 1 }).error,
      ]) {
        try { const e = call(); codes.push(e.name + ' ' + e.code + ': ' + e.message); } catch (e) { codes.push(e.name + ' ' + e.code + ': ' + e.message); }
      }
    }
    const ok = kit.verifyWebhook(ref.body, ref.headers, ref.secrets, { now: ref.now * 1000 }).method;
    console.log(JSON.stringify({ before, after: bytes(), codes: [...new Set(codes)], ok }));
  `;
  const r = JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }));
  const hint =
    ": Didit's deliveries are a few KB, so this is most likely not a Didit delivery; if yours really are larger, " +
    'raise maxBodyBytes (max_bytes in Rust), whose documentation says what each MiB costs';
  assert.deepEqual(r.codes, [
    `RangeError ERR_BODY_TOO_LARGE: body is 67108865 bytes, more than the maximum of 1048576${hint}`, // verifyWebhook
    `RangeError ERR_BODY_TOO_LARGE: body is 67108865 bytes, more than the maximum of 16777216${hint}`, // canonicalize
    `RangeError ERR_BODY_TOO_LARGE: body is 67108865 bytes, more than the maximum of 1000${hint}`,
    `RangeError ERR_BODY_TOO_LARGE: body is 1048576 bytes, more than the maximum of 1048575${hint}`,
  ]);
  assert.equal(r.after, r.before, 'wasm memory grew for bodies that were refused');
  assert.ok(r.before < 8 * 2 ** 20, `a fresh instance already holds ${r.before} bytes`);
  assert.equal(r.ok, 'v2');
});

test('the worst body at the 32 MiB ceiling: no trap, and the memory it takes (fresh instance)', { timeout: 5 * 60 * 1000 }, () => {
  // 16 million array items in an object that needs sorting: the densest load of the earlier
  // sorting writer (~52 bytes of wasm memory per body byte; ~3 now). The worst shapes today are
  // measured by bench/soak.mjs --workload=memory (wasm32 has 4 GiB; a failed allocation traps).
  const script = `
    const kit = require(${JSON.stringify(join(ROOT, 'pkg'))});
    const raw = require(${JSON.stringify(join(ROOT, 'pkg/wasm/full/didit_kit.cjs'))});
    const max = 32 * 2 ** 20;
    const body = Buffer.from('{"b":0,"a":[' + '0,'.repeat((max - 15) / 2) + '0]}');
    const out = {};
    // This instance's memory: the call leaves it at its peak, then the instance is replaced.
    const memory = raw.wasmMemory();
    try { out.length = kit.canonicalize(body, { maxBodyBytes: max }).length; } catch (e) { out.error = e.constructor.name + ' ' + e.code + ' ' + e.message; }
    out.memory = memory.buffer.byteLength;
    out.recycled = raw.wasmMemory() !== memory && raw.wasmMemory().buffer.byteLength < 8 * 2 ** 20;
    try { kit.signWebhook(Buffer.alloc(max + 1, 0x20), 's'); } catch (e) { out.sign = e.constructor.name + ' ' + e.code; }
    out.after = kit.canonicalize('{"b":1,"a":2}');
    console.log(JSON.stringify({ bytes: body.length, ...out }));
  `;
  const r = JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8', maxBuffer: 1 << 20 }));
  assert.equal(r.error, undefined);
  assert.equal(r.length, r.bytes);
  assert.equal(r.sign, 'RangeError ERR_BODY_TOO_LARGE');
  assert.equal(r.after, '{"a":2,"b":1}');
  assert.ok(r.recycled, 'the instance that grew past the threshold was not replaced');
  console.log(`worst-case ${(r.bytes / 2 ** 20).toFixed(0)} MiB body: wasm memory ${(r.memory / 2 ** 20).toFixed(0)} MiB (${(r.memory / r.bytes).toFixed(0)} bytes per body byte)`);
});

test('10,000 signatures as an array-valued header (as Node gives repeated headers)', () => {
  const sig = reference.headers['X-Signature-V2'];
  for (const values of [[...Array(9999).fill('0'.repeat(64)), sig], [sig, ...Array(9999).fill(sig)]]) {
    const headers = { 'x-timestamp': reference.headers['X-Timestamp'], 'x-signature-v2': values };
    assert.throws(() => kit.verifyWebhook(reference.body, headers, reference.secrets, { now: reference.now * 1000 }), { code: 'ERR_WEBHOOK_SIGNATURE_MISMATCH' });
    assert.ok(stillWorks());
  }
});
