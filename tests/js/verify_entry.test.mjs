// @ts-check
// `didit-kit/verify` in Node: it verifies like the main entry, but loads only the webhook part of
// the API (no share-token or typed-model JS), so reading `event` says where the typed event lives.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const verify = require(join(ROOT, 'pkg', 'verify', 'node.cjs'));
const full = require(join(ROOT, 'pkg'));
const vectors = JSON.parse(readFileSync(join(ROOT, 'tests/vectors/webhook.json'), 'utf8')).vectors;

test('the verify entry agrees with the main entry on every webhook vector', () => {
  let checked = 0;
  for (const v of vectors) {
    const run = (/** @type {any} */ kit) => {
      try {
        const r = kit.verifyWebhook(v.body, v.headers, v.secrets, { now: v.now * 1000, allowSimple: v.allow_simple ?? false });
        return `ok ${r.method} ${r.secretIndex}`;
      } catch (e) {
        return /** @type {any} */ (e).code;
      }
    };
    assert.equal(run(verify), run(full), v.name);
    checked++;
  }
  assert.ok(checked > 10);
});

test('the verify entry has no typed models: `event` throws ERR_NOT_IN_THIS_BUILD, `payload` works', () => {
  const v = vectors.find((/** @type {any} */ x) => x.expect.ok && x.expect.method === 'v2');
  const r = verify.verifyWebhook(v.body, v.headers, v.secrets, { now: v.now * 1000, allowSimple: true });
  assert.equal(typeof r.payload, 'object');
  assert.throws(() => r.event, (/** @type {any} */ e) => e.code === 'ERR_NOT_IN_THIS_BUILD' && /import 'didit-kit'/.test(e.message));
  assert.equal(typeof full.verifyWebhook(v.body, v.headers, v.secrets, { now: v.now * 1000, allowSimple: true }).event, 'object');
  assert.equal(verify.parseWebhookEvent, undefined);
  assert.equal(verify.inspectShareToken, undefined);
});

test('the verify entry ships none of the model or share-token code', () => {
  for (const file of ['webhook.cjs', 'verify/web.mjs', 'verify/node.cjs']) {
    const text = readFileSync(join(ROOT, 'pkg', file), 'utf8');
    assert.doesNotMatch(text, /MODEL_SHAPES|shareTokenApi|(require\(|from )'\.\.?\/(api|models|share-token)\.(c|m)js'/, file);
  }
});

test('a bundle of one helper from an ESM entry keeps only what that helper uses (tree shaking)', async () => {
  const { buildSync } = await import('esbuild');
  /** @param {string} entry @param {string} name */
  const inputs = (entry, name) => {
    const r = buildSync({
      stdin: { contents: `import { ${name} } from './${entry}'; export default ${name};`, resolveDir: join(ROOT, 'pkg'), sourcefile: 'app.mjs' },
      bundle: true, minify: true, format: 'esm', platform: 'browser', external: ['*.wasm'], write: false, metafile: true, logLevel: 'silent',
    });
    const out = Object.values(r.metafile.outputs)[0];
    return { files: Object.keys(out.inputs), text: r.outputFiles[0].text };
  };
  for (const entry of ['verify/web.mjs', 'web.mjs']) {
    const only = inputs(entry, 'verifyRequest');
    assert.ok(only.files.includes('pkg/http.mjs') && only.files.includes('pkg/webhook.mjs'), `${entry}: ${only.files}`);
    assert.ok(!only.files.some((f) => /idempotency|stores\//.test(f)), `${entry}: verifyRequest alone keeps ${only.files}`);
    // None of the other helpers' code: their own messages are absent.
    assert.doesNotMatch(only.text, /expected a Koa context|Fastify route options|event must be an API Gateway|handler must be a function/, entry);
    const guardedHelper = inputs(entry, 'webhookHandler');
    assert.ok(guardedHelper.files.includes('pkg/idempotency.mjs'), `${entry}: webhookHandler takes options.idempotency`);
  }
});
