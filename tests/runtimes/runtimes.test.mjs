// @ts-check
// The packed tarball in every runtime: `npm pack` of pkg/, installed into fresh temp projects,
// then the shared conformance cases (tests/conformance) run in Node 20/22/24 (CommonJS and ESM),
// Deno, Bun, workerd and Chromium, each printing its counts; plus real HTTP servers (Express and
// node:http on 127.0.0.1, a Worker in workerd) receiving deliveries signed by a Python script,
// a TypeScript --strict consumer, publint and arethetypeswrong.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, processes, waitFor, workerdConfig } from '../support/processes.mjs';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const BIN = join(ROOT, 'node_modules', '.bin');
const FIXTURES = join(ROOT, 'tests', 'runtimes', 'fixtures');
const SECRET = 'runtime_test_secret_xxxxxxxxxxxxxxxxxxxxxxx';
const ENTRIES = ['didit-kit', 'didit-kit/verify'];
// A runner that silently skipped cases would report fewer. The verify-only entry has no
// canonicalize: its canonical cases run once, through verification, not twice by canonicalize.
const MIN_PASSED = { 'didit-kit': 700, 'didit-kit/verify': 380 };

/** @type {string} */ let work;
/** @type {string} */ let tarball;
/** @type {string} */ let cases;
const { start, stop, stopAll } = processes();

/**
 * @param {string} cmd @param {string[]} args @param {import('node:child_process').ExecFileSyncOptions} [opts]
 * @returns {string}
 */
function sh(cmd, args, opts = {}) {
  return /** @type {string} */ (
    execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 << 20, timeout: 10 * 60 * 1000, ...opts })
  );
}

/** A fresh project with the tarball installed, the conformance runner, its cases and `files`. */
function project(/** @type {string} */ name, /** @type {string[]} */ files = []) {
  const dir = join(work, name);
  mkdirSync(dir);
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: `didit-kit-test-${name}`, version: '1.0.0', private: true }));
  sh('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', tarball], { cwd: dir });
  copyFileSync(join(ROOT, 'tests', 'conformance', 'runner.mjs'), join(dir, 'runner.mjs'));
  copyFileSync(cases, join(dir, 'cases.json'));
  for (const f of files) copyFileSync(join(FIXTURES, f), join(dir, f));
  return dir;
}

/** Links a dev dependency of the repository (already installed from package-lock.json) into a project. */
function linkDev(/** @type {string} */ dir, /** @type {string} */ name) {
  mkdirSync(dirname(join(dir, 'node_modules', name)), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules', name), join(dir, 'node_modules', name), 'dir');
}

/**
 * Checks and prints one runtime's conformance reports (`{ resolved, reports: { entry: report } }`).
 * @param {string} runtime @param {any} out @param {Record<string, string>} [resolvedTo]
 */
function assertReports(runtime, out, resolvedTo) {
  for (const entry of ENTRIES) {
    const r = out.reports[entry];
    assert.ok(r, `${runtime}: no report for ${entry}`);
    const c = r.counts;
    console.log(
      `${runtime.padEnd(14)} ${entry.padEnd(17)} ${r.passed} passed, ${r.failed} failed ` +
        `(canonical ${c.canonical}, webhook ${c.webhook}, deliveries ${c.deliveries}, requests ${c.requests}, api ${c.api}, exports ${c.exports})`,
    );
    assert.deepEqual(r.failures, [], `${runtime} ${entry}`);
    assert.equal(r.failed, 0);
    assert.ok(r.passed >= MIN_PASSED[entry], `${runtime} ${entry}: only ${r.passed} checks ran`);
  }
  for (const [entry, file] of Object.entries(resolvedTo ?? {})) {
    assert.ok(String(out.resolved[entry]).endsWith(file), `${runtime}: ${entry} resolved to ${out.resolved[entry]}, expected …${file}`);
  }
}

/** The last stdout line of a runtime's run, as JSON. */
const lastJson = (/** @type {string} */ s) => JSON.parse(s.trim().split('\n').pop() ?? '');

/** Runs the Python signer against `url`; returns its counts. */
function postDeliveries(/** @type {string} */ url) {
  const out = JSON.parse(sh('python3', [join(ROOT, 'tests', 'runtimes', 'post_deliveries.py'), '--url', url, '--secret', SECRET], { timeout: 120_000 }).trim());
  console.log(`  ${url}: ${out.genuine} genuine accepted, ${out.rejected} tampered/stale/wrong-secret rejected with 401`);
  return out;
}

before(() => {
  work = mkdtempSync(join(tmpdir(), 'didit-kit-runtimes-'));
  tarball = join(work, sh('npm', ['pack', './pkg', '--pack-destination', work, '--silent'], { cwd: ROOT }).trim().split('\n').pop() ?? '');
  cases = join(work, 'cases.json');
  sh('python3', [join(ROOT, 'tests', 'conformance', 'make_cases.py'), '--out', cases]);
});

after(() => {
  stopAll();
  rmSync(work, { recursive: true, force: true });
});

test('publint and arethetypeswrong find no problem in the tarball', () => {
  const publint = sh(join(BIN, 'publint'), ['./pkg', '--strict'], { cwd: ROOT });
  assert.match(publint, /All good!/, publint);
  // attw exits non-zero on any problem in any resolution mode (node10, node16 CJS/ESM, bundler).
  // The `.wasm` subpaths are files, not modules with types (what an import of one gives depends on the bundler).
  const attw = sh(join(BIN, 'attw'), [tarball, '--format', 'ascii', '--exclude-entrypoints', './wasm/full.wasm', './wasm/verify.wasm']);
  assert.match(attw, /No problems found/, attw);
  console.log('publint: all good; attw: no problems found (node10, node16 CJS, node16 ESM, bundler)');
});

/** Names of the custom sections of a WebAssembly module. */
function customSections(/** @type {Uint8Array} */ wasm) {
  const names = [];
  let i = 8;
  const leb = () => {
    let v = 0;
    for (let shift = 0; ; shift += 7) {
      const b = wasm[i++];
      v += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) return v;
    }
  };
  while (i < wasm.length) {
    const id = wasm[i++];
    const size = leb();
    const end = i + size;
    if (id === 0) {
      const len = leb();
      names.push(new TextDecoder().decode(wasm.subarray(i, i + len)));
    }
    i = end;
  }
  return names;
}

test('the installed tarball ships the wasm-opt output (no names section), the file the tests load', () => {
  const dir = project('artifact');
  for (const variant of ['full', 'verify']) {
    const installed = readFileSync(join(dir, 'node_modules', 'didit-kit', 'wasm', variant, `didit_kit_${variant}_bg.wasm`));
    assert.ok(installed.equals(readFileSync(join(ROOT, 'pkg', 'wasm', variant, `didit_kit_${variant}_bg.wasm`))));
    // wasm-bindgen's output carries a "name" section; wasm-opt --strip-debug removes it.
    assert.deepEqual(customSections(installed).filter((n) => n === 'name' || n === 'producers'), [], variant);
    console.log(`wasm/${variant}/didit_kit_${variant}_bg.wasm: ${installed.length} bytes, custom sections: ${customSections(installed).join(', ') || 'none'}`);
  }
});

for (const [label, node] of [
  ['Node 20', process.execPath],
  ['Node 22', join(ROOT, 'node_modules', 'node22', 'bin', 'node')],
  ['Node 24', join(ROOT, 'node_modules', 'node24', 'bin', 'node')],
]) {
  test(`${label}: require() and import from the tarball pass the conformance cases`, () => {
    const dir = project(`node-${basename(dirname(dirname(node)))}-${Math.random().toString(36).slice(2, 6)}`, ['conformance.cjs', 'conformance.mjs']);
    const version = sh(node, ['--version']).trim();
    assertReports(`${version} CJS`, lastJson(sh(node, ['conformance.cjs'], { cwd: dir })), { 'didit-kit': 'node.cjs', 'didit-kit/verify': 'verify/node.cjs' });
    assertReports(`${version} ESM`, lastJson(sh(node, ['conformance.mjs'], { cwd: dir })), { 'didit-kit': 'node.mjs', 'didit-kit/verify': 'verify/node.mjs' });
  });
}

test('Express and node:http on 127.0.0.1: Python-signed deliveries accepted, tampered ones 401', async () => {
  const dir = project('express', ['server.cjs']);
  linkDev(dir, 'express');
  const server = start(process.execPath, ['server.cjs'], { cwd: dir, env: { ...process.env, DIDIT_WEBHOOK_SECRET: SECRET } });
  const ports = JSON.parse(await server.ready);
  try {
    for (const url of [
      `http://127.0.0.1:${ports.express}/webhooks/raw`, // express.raw on the route, registered before express.json()
      `http://127.0.0.1:${ports.express}/webhooks/kept`, // global express.json({ verify: keepRawBody })
      `http://127.0.0.1:${ports.http}/webhooks/didit`, // plain node:http, the stream read by the helper
    ]) {
      const r = postDeliveries(url);
      assert.deepEqual(r.failures, []);
      assert.ok(r.genuine >= 8 && r.rejected >= 28);
    }
    // A plain global express.json() has already consumed the bytes: the helper refuses, and says
    // exactly how to mount the route.
    const body = '{"session_id":"s","status":"Approved","timestamp":' + Math.floor(Date.now() / 1000) + ',"webhook_type":"status.updated"}';
    const { signWebhook } = (await import(join(dir, 'node_modules', 'didit-kit', 'node.mjs')));
    const res = await fetch(`http://127.0.0.1:${ports.parsed}/webhooks/parsed`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...signWebhook(body, SECRET) },
      body,
    });
    const err = await res.json();
    assert.equal(res.status, 500);
    assert.equal(err.code, 'ERR_WEBHOOK_BODY_NOT_RAW');
    assert.match(err.message, /express\.raw\(\{ type: 'application\/json' \}\)/);
    assert.match(err.message, /express\.json\(\{ verify: keepRawBody \}\)/);
    console.log(`  global express.json(): ${res.status} ${err.code} (message says how to mount the route)`);
  } finally {
    await stop(server.child);
  }
});

test('TypeScript --strict consumer type-checks against the tarball (node16 CJS and ESM, bundler)', () => {
  const dir = project('typescript', ['consumer.mts', 'consumer.cts', 'bundler.ts', 'tsconfig.node16.json', 'tsconfig.bundler.json']);
  linkDev(dir, '@types');
  const tsc = join(BIN, 'tsc');
  for (const config of ['tsconfig.node16.json', 'tsconfig.bundler.json']) {
    sh(tsc, ['-p', config], { cwd: dir });
  }
  // The checker is live: a wrong call in the same setting fails.
  writeFileSync(join(dir, 'wrong.mts'), "import { verifyWebhook } from 'didit-kit';\nverifyWebhook(42, {}, 'secret');\n");
  let diagnostics = 'no error';
  try {
    sh(tsc, ['--strict', '--noEmit', '--module', 'node16', '--moduleResolution', 'node16', '--types', 'node', 'wrong.mts'], { cwd: dir });
  } catch (e) {
    diagnostics = String(/** @type {any} */ (e).stdout);
  }
  assert.match(diagnostics, /wrong\.mts\(2,\d+\): error TS2345/);
  console.log(`TypeScript ${sh(tsc, ['--version']).trim()}: consumer.mts, consumer.cts (node16) and bundler.ts pass --strict; a wrong call is rejected`);
});

test('Deno (npm package): imports from node_modules, no permissions, conformance cases', () => {
  const dir = project('deno', ['conformance.mjs']);
  const deno = join(BIN, 'deno');
  const version = sh(deno, ['--version']).split('\n')[0];
  const out = lastJson(sh(deno, ['run', '--no-prompt', 'conformance.mjs'], { cwd: dir, env: { ...process.env, NO_COLOR: '1' } }));
  assertReports(version, out, { 'didit-kit': 'deno.mjs', 'didit-kit/verify': 'verify/deno.mjs' });
});

test('Bun (npm package): conformance cases', () => {
  const dir = project('bun', ['conformance.mjs']);
  const bun = join(BIN, 'bun');
  const version = `bun ${sh(bun, ['--version']).trim()}`;
  assertReports(version, lastJson(sh(bun, ['conformance.mjs'], { cwd: dir })), { 'didit-kit': 'node.mjs', 'didit-kit/verify': 'verify/node.mjs' });
});

test('Cloudflare workerd: a Worker using verifyRequest on 127.0.0.1, and the conformance cases', async () => {
  const dir = project('workerd', ['worker.mjs', 'bundle-worker.mjs']);
  // Bundled as docs/runtimes.md says to without wrangler (esbuild, conditions workerd/worker, .wasm copied beside it).
  const modules = JSON.parse(sh(process.execPath, ['bundle-worker.mjs', join(ROOT, 'node_modules', 'esbuild', 'lib', 'main.js')], { cwd: dir }).trim());
  const port = await freePort();
  writeFileSync(join(dir, 'config.capnp'), workerdConfig({ port, wasm: modules, bindings: [`(name = "DIDIT_WEBHOOK_SECRET", text = "${SECRET}")`] }));
  const workerd = join(BIN, 'workerd');
  const version = sh(workerd, ['--version']).trim();
  const server = start(workerd, ['serve', 'config.capnp'], { cwd: dir });
  try {
    await waitFor(`http://127.0.0.1:${port}/`);
    const out = await (await fetch(`http://127.0.0.1:${port}/conformance`)).json();
    assertReports(version, out);
    assert.deepEqual(out.beforeInit, 'initialised on import');
    const r = postDeliveries(`http://127.0.0.1:${port}/webhooks/didit`);
    assert.deepEqual(r.failures, []);
    assert.ok(r.genuine >= 8 && r.rejected >= 28);
    // The large deliveries (genuine, tampered, wrongly signed) had their HMAC from Web Crypto.
    const { signs } = await (await fetch(`http://127.0.0.1:${port}/signs`)).json();
    assert.ok(signs >= 6, `Web Crypto signed ${signs} times`);
  } finally {
    await stop(server.child);
  }
});

test('Chromium (playwright-core): the package served from a local server, init() then conformance', async () => {
  const dir = project('browser', ['index.html']);
  // The import map points at what the exports map gives a browser (the `browser` condition).
  const pkgJson = JSON.parse(readFileSync(join(dir, 'node_modules', 'didit-kit', 'package.json'), 'utf8'));
  const imports = Object.fromEntries(
    ENTRIES.map((e) => [e, `/node_modules/didit-kit/${pkgJson.exports[e === 'didit-kit' ? '.' : './verify'].browser.default.replace('./', '')}`]),
  );
  writeFileSync(join(dir, 'index.html'), readFileSync(join(dir, 'index.html'), 'utf8').replace('IMPORTS', JSON.stringify({ imports })));
  const types = /** @type {Record<string, string>} */ ({ '.html': 'text/html', '.mjs': 'text/javascript', '.json': 'application/json', '.wasm': 'application/wasm' });
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const file = join(dir, path === '/' ? 'index.html' : path);
    if (!file.startsWith(dir)) return void res.writeHead(403).end();
    try {
      const body = readFileSync(file);
      res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(undefined)));
  const port = /** @type {import('node:net').AddressInfo} */ (server.address()).port;
  const { chromium } = await import(join(ROOT, 'node_modules', 'playwright-core', 'index.mjs'));
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage();
    /** @type {string[]} */
    const errors = [];
    page.on('pageerror', (/** @type {Error} */ e) => errors.push(String(e)));
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.waitForFunction(() => /** @type {any} */ (globalThis).__done === true, null, { timeout: 180_000 });
    const out = await page.evaluate(() => /** @type {any} */ (globalThis).__result);
    assert.deepEqual(errors, []);
    assert.ok(out && !out.error, out?.error);
    assertReports(`Chromium ${browser.version()}`, out, imports);
    assert.equal(out.beforeInit, 'ERR_NOT_INITIALIZED');
  } finally {
    await browser.close();
    await new Promise((ok) => server.close(() => ok(undefined)));
  }
});
