// @ts-check
// The WebAssembly instance is replaced after a trap and when a call left its memory large
// (js/instance.mjs): the failing call gets a coded error, the next call works, and memory grown
// for one large body does not stay. Traps are forced for real: out of memory under V8's
// --wasm-max-mem-pages (each loader, in a child process), and an `unreachable` executed by a
// real wasm function in the middle of a call.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const samples = JSON.parse(readFileSync(join(ROOT, 'samples', 'deliveries.json'), 'utf8'));
const genuine = samples.deliveries.find((/** @type {any} */ d) => d.expect_method === 'v2');
const NOW = samples.now;
// Just under 1 MiB (the default limit) of the sorting path's densest shape: small members in
// reverse key order, every one of them sorted (~10 bytes of wasm memory per body byte, so ~10 MiB).
const hostileBody = (/** @type {number} */ now) =>
  '{' + Array.from({ length: 87000 }, (_, i) => '"k' + String(1e6 - i) + '":0').join(',') + `,"timestamp":${now}}`;
const HOSTILE = hostileBody(NOW);
// The same body built in a child process (too large for its command line).
const hostileSource = `(${hostileBody.toString()})(${NOW})`;
/** (module (func (export "trap") unreachable)): a real trap, to throw in the middle of a real call. */
const realTrap = () =>
  /** @type {() => void} */ (
    new WebAssembly.Instance(
      new WebAssembly.Module(
        new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 2, 1, 0, 7, 8, 1, 4, 116, 114, 97, 112, 0, 0, 10, 5, 1, 3, 0, 0, 11]),
      ),
    ).exports.trap
  );
/**
 * `f` (an export of the glue) made to trap right after its real call while `trips.armed` > 0,
 * once per armed count: a trap in the middle of a call into the package.
 * @param {(...args: any[]) => unknown} f
 */
const trapAfter = (f) => {
  const trap = realTrap();
  const trips = { armed: 0 };
  const wrapped = (/** @type {unknown[]} */ ...args) => {
    const result = f(...args);
    if (trips.armed > 0) {
      trips.armed--;
      trap();
    }
    return result;
  };
  return { wrapped, trips };
};
const WRONG = { 'x-timestamp': String(NOW), 'x-signature-v2': 'ab'.repeat(32) };

// Each loader as an application reaches it; `web` is what browsers, workerd and Deno run (workerd
// passes a compiled WebAssembly.Module to initSync, as here).
const LOADERS = {
  'node.cjs': `const kit = require(${JSON.stringify(join(ROOT, 'pkg', 'node.cjs'))});`,
  'verify/node.cjs': `const kit = require(${JSON.stringify(join(ROOT, 'pkg', 'verify', 'node.cjs'))});`,
  'web.mjs (initSync with a compiled Module)': `
    const kit = await import(${JSON.stringify(join(ROOT, 'pkg', 'web.mjs'))});
    kit.initSync(new WebAssembly.Module(require('fs').readFileSync(${JSON.stringify(join(ROOT, 'pkg', 'wasm', 'full', 'didit_kit_full_bg.wasm'))})));`,
  'verify/web.mjs (init with bytes)': `
    const kit = await import(${JSON.stringify(join(ROOT, 'pkg', 'verify', 'web.mjs'))});
    await kit.init(require('fs').readFileSync(${JSON.stringify(join(ROOT, 'pkg', 'wasm', 'verify', 'didit_kit_verify_bg.wasm'))}));`,
};

for (const [loader, load] of Object.entries(LOADERS)) {
  test(`out of memory (${loader}, wasm memory capped at 8 MiB): ERR_OUT_OF_MEMORY, then the next call works`, () => {
    const script = `
      (async () => {
        ${load}
        const d = ${JSON.stringify(genuine)};
        const opts = { now: ${NOW * 1000} };
        const out = [];
        for (let i = 0; i < 3; i++) {
          try {
            kit.verifyWebhook(${hostileSource}, ${JSON.stringify(WRONG)}, ${JSON.stringify(samples.secret)}, opts);
            out.push('accepted');
          } catch (e) {
            out.push([e.constructor.name, e.code, e.message, e.cause && e.cause.constructor.name, kit.webhookRejectionStatus(e)]);
          }
          out.push(kit.verifyWebhook(d.body, d.headers, ${JSON.stringify(samples.secret)}, opts).method);
          // The sorting path too (both entries: the verify-only one has no canonicalize).
          out.push(kit.verifyWebhook(JSON.stringify(JSON.parse(d.body), null, 2), d.headers, ${JSON.stringify(samples.secret)}, opts).method);
        }
        console.log(JSON.stringify(out));
      })().catch((e) => { console.error(e); process.exit(1); });
    `;
    const out = JSON.parse(execFileSync(process.execPath, ['--wasm-max-mem-pages=128', '-e', script], { encoding: 'utf8' }));
    for (let i = 0; i < 3; i++) {
      const [name, code, message, cause, status] = out[3 * i];
      assert.equal(name, 'Error');
      assert.equal(status, 503, 'the helpers answer 503 (Didit retries) when the verifier runs out of memory');
      assert.equal(code, 'ERR_OUT_OF_MEMORY', message);
      assert.equal(cause, 'RuntimeError');
      assert.match(message, /ran out of memory .* the instance has been replaced and the next call works\. .*maxBodyBytes/);
      assert.equal(out[3 * i + 1], 'v2');
      assert.equal(out[3 * i + 2], 'v2');
    }
  });
}

test('out of memory in Deno (deno.mjs, a source-phase import of the module), then the next call works', () => {
  const script = `
    const kit = await import(${JSON.stringify(join(ROOT, 'pkg', 'deno.mjs'))});
    const out = [];
    for (let i = 0; i < 2; i++) {
      try {
        kit.verifyWebhook(${hostileSource}, ${JSON.stringify(WRONG)}, 's', { now: ${NOW * 1000} });
      } catch (e) {
        out.push(e.code);
      }
      out.push(kit.canonicalize('{"b":1,"a":2}'));
    }
    console.log(JSON.stringify(out));
  `;
  const deno = join(ROOT, 'node_modules', '.bin', 'deno');
  const out = execFileSync(deno, ['eval', '--v8-flags=--wasm-max-mem-pages=128', script], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  assert.deepEqual(JSON.parse(out.trim().split('\n').pop() ?? ''), ['ERR_OUT_OF_MEMORY', '{"a":2,"b":1}', 'ERR_OUT_OF_MEMORY', '{"a":2,"b":1}']);
});

test('without a memory cap the same body is verified (a mismatch) and its memory is given back', async () => {
  const kit = require(join(ROOT, 'pkg'));
  const raw = require(join(ROOT, 'pkg', 'wasm', 'full', 'didit_kit.cjs'));
  const { RECYCLE_BYTES } = await import(join(ROOT, 'pkg', 'instance.mjs'));
  const opts = { now: NOW * 1000 };
  // A genuine delivery keeps the instance (replacing it on every call would waste time).
  const first = raw.wasmMemory();
  assert.equal(kit.verifyWebhook(genuine.body, genuine.headers, samples.secret, opts).method, 'v2');
  assert.equal(raw.wasmMemory(), first, 'a small delivery replaced the instance');
  assert.throws(() => kit.verifyWebhook(HOSTILE, WRONG, samples.secret, opts), { code: 'ERR_WEBHOOK_SIGNATURE_MISMATCH' });
  assert.ok(first.buffer.byteLength > RECYCLE_BYTES, `the hostile body took only ${first.buffer.byteLength} bytes`);
  assert.notEqual(raw.wasmMemory(), first, 'the instance whose memory grew was kept');
  assert.ok(raw.wasmMemory().buffer.byteLength <= RECYCLE_BYTES);
  assert.equal(kit.verifyWebhook(genuine.body, genuine.headers, samples.secret, opts).method, 'v2');
});

test('any other trap: ERR_WASM_TRAP, the instance is replaced, the next call works', async () => {
  const { createApi } = await import(join(ROOT, 'pkg', 'api.mjs'));
  const raw = require(join(ROOT, 'pkg', 'wasm', 'full', 'didit_kit.cjs'));
  const { wrapped: canonicalize, trips } = trapAfter(raw.canonicalize);
  let resetFails = 0;
  const rigged = {
    ...raw,
    canonicalize,
    __wbg_reset_state: () => {
      if (resetFails > 0) {
        resetFails--;
        throw new RangeError('WebAssembly.Instance(): Out of memory: Cannot allocate Wasm memory for new instance');
      }
      raw.__wbg_reset_state();
    },
  };
  const api = createApi(rigged);
  assert.equal(api.canonicalize('{"b":1,"a":2}'), '{"a":2,"b":1}');

  trips.armed = 1;
  const before = raw.wasmMemory();
  assert.throws(
    () => api.canonicalize('{"b":1,"a":2}'),
    (/** @type {any} */ e) =>
      e instanceof Error && /** @type {any} */ (e).code === 'ERR_WASM_TRAP' && e.cause instanceof WebAssembly.RuntimeError &&
      /stopped with "unreachable".*the instance has been replaced and the next call works/.test(e.message),
  );
  assert.notEqual(raw.wasmMemory(), before, 'the instance was not replaced');
  assert.equal(api.canonicalize('{"b":1,"a":2}'), '{"a":2,"b":1}');

  // Replacing fails too (no memory for a new instance): the error says so, the next call retries.
  trips.armed = 1;
  resetFails = 1;
  assert.throws(() => api.canonicalize('[]'), (/** @type {any} */ e) => e.code === 'ERR_WASM_TRAP' && /replacing the instance failed too/.test(e.message));
  assert.equal(api.canonicalize('{"b":1,"a":2}'), '{"a":2,"b":1}');
  resetFails = 2;
  trips.armed = 1;
  assert.throws(() => api.canonicalize('[]'), { code: 'ERR_WASM_TRAP' });
  assert.throws(() => api.canonicalize('[]'), { code: 'ERR_OUT_OF_MEMORY' });
  assert.equal(api.canonicalize('{"b":1,"a":2}'), '{"a":2,"b":1}');

  // Coded errors from the core are not traps: the instance stays.
  const kept = raw.wasmMemory();
  assert.throws(() => api.canonicalize('{'), { code: 'ERR_JSON_SYNTAX' });
  assert.equal(raw.wasmMemory(), kept);
});

// Share-token inspection keeps its input and its report in wasm memory between calls (src/wasm.rs,
// `shareTokenInput` / `inspectShareTokenIn`; js/share-token.mjs): whatever happened to the
// instance in between, every inspection must give what it gave the first time.
test('share-token inspection gives the same results across application ids, large tokens, grown memory, a recycled and a trapped instance', async () => {
  const kit = require(join(ROOT, 'pkg'));
  const raw = require(join(ROOT, 'pkg', 'wasm', 'full', 'didit_kit.cjs'));
  const { createApi } = await import(join(ROOT, 'pkg', 'api.mjs'));
  const vectors = JSON.parse(readFileSync(join(ROOT, 'tests', 'vectors', 'share_tokens.json'), 'utf8')).inspect;
  const token = vectors[0].token;
  const now = vectors[0].options.now * 1000;
  const mine = vectors[0].options.applicationId;
  const other = 'dbd20e34-42e9-4f2c-ba91-cf0762016f64';
  /** @type {[string, Record<string, unknown>][]} */
  const cases = [
    [token, { applicationId: mine }],
    [token, {}],
    [token, { applicationId: other }],
    [`Bearer ${token}`, { applicationId: mine }],
    ['\u00e9'.repeat(40000), {}], // 80,000 bytes of UTF-8: past the input's usual size
    [`${token}${'A'.repeat(70000)}`, { applicationId: other, maxTokenBytes: 1e6 }],
    [token.replace('.', '.\ud800'), { applicationId: mine }],
    [token, { applicationId: mine.toUpperCase() }],
  ];
  const inspect = (/** @type {any} */ api, /** @type {number} */ i) => JSON.stringify(api.inspectShareToken(cases[i][0], { ...cases[i][1], now }));
  const first = cases.map((_, i) => inspect(kit, i));
  // What the first results say, so that a shared mistake cannot pass unnoticed.
  const codes = first.map((r) => JSON.parse(r).findings.map((/** @type {any} */ f) => f.code));
  assert.ok(!codes[0].includes('SHARE_TOKEN_WRONG_APPLICATION') && codes[2].includes('SHARE_TOKEN_WRONG_APPLICATION'));
  assert.ok(codes[3].includes('SHARE_TOKEN_WRONG_APPLICATION') === false && codes[3].includes('SHARE_TOKEN_WRAPPED'));
  assert.match(JSON.parse(first[4]).findings[0].message, /^token is 80000 bytes, more than the limit of 8192/);
  assert.equal(JSON.parse(first[0]).claims.session_id, JSON.parse(first[1]).sessionId);

  const order = [2, 0, 1, 0, 5, 0, 4, 3, 2, 7, 6, 1, 0];
  const again = (/** @type {any} */ api, /** @type {string} */ after) => {
    for (const i of order) assert.equal(inspect(api, i), first[i], `case ${i} after ${after}`);
  };
  again(kit, 'the other cases');
  raw.wasmMemory().grow(2);
  again(kit, 'the memory grew');
  const before = raw.wasmMemory();
  assert.throws(() => kit.verifyWebhook(HOSTILE, WRONG, samples.secret, { now: NOW * 1000 }), { code: 'ERR_WEBHOOK_SIGNATURE_MISMATCH' });
  assert.notEqual(raw.wasmMemory(), before, 'the instance was not recycled');
  again(kit, 'the instance was recycled');

  // A trap in the middle of an inspection: the instance is replaced, the next inspection works.
  const { wrapped: inspectShareTokenIn, trips } = trapAfter(raw.inspectShareTokenIn);
  const api = createApi({ ...raw, inspectShareTokenIn });
  again(api, 'another API on the same instance');
  trips.armed = 1;
  const trapped = raw.wasmMemory();
  assert.throws(() => api.inspectShareToken(token, { now }), { code: 'ERR_WASM_TRAP' });
  assert.notEqual(raw.wasmMemory(), trapped);
  again(api, 'a trap');
  again(kit, 'a trap, in the other API');
});
