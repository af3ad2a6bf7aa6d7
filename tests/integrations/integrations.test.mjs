// @ts-check
// The packed tarball in the integrations users ship, each built in production form with the real
// tools at the versions pinned in tests/integrations/<name>/package-lock.json, with nothing but the
// import line (`didit-kit` and `didit-kit/verify`): Next.js (App Router on the Node and edge runtimes,
// Pages Router; Turbopack + `next start`, webpack + `output: 'standalone'`), Vite and webpack browser
// builds in Chromium, esbuild single-file Node bundles (CJS, ESM, AWS CDK NodejsFunction's flags)
// run from an empty folder, Vercel's edge-runtime, and a Hono app on Cloudflare Workers under
// `wrangler dev`. Each receives deliveries signed by a Python script (tests/runtimes/post_deliveries.py:
// genuine ones must get 2xx, tampered, stale and wrongly signed ones 401) and prints a result line.
// Installs are cached in target/integrations/<name>-<lockfile hash>/; builds run one at a time.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { createHash, createHmac } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { freePort, processes, waitFor } from '../support/processes.mjs';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const FIXTURES = join(ROOT, 'tests', 'integrations');
const CACHE = join(ROOT, 'target', 'integrations');
const NODE24 = join(ROOT, 'node_modules', 'node24', 'bin', 'node'); // wrangler 4 needs Node >= 22.12
const SECRET = 'integration_test_secret_xxxxxxxxxxxxxxxxxx';
const ENV = { ...process.env, DIDIT_WEBHOOK_SECRET: SECRET, NEXT_TELEMETRY_DISABLED: '1', WRANGLER_SEND_METRICS: 'false', CI: '1', NO_COLOR: '1' };

/** @type {string} */ let work;
/** @type {string} */ let tarball;

/**
 * @param {string} cmd @param {string[]} args @param {import('node:child_process').ExecFileSyncOptions} [opts]
 * @returns {string}
 */
function sh(cmd, args, opts = {}) {
  try {
    return /** @type {string} */ (
      execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 << 20, timeout: 15 * 60 * 1000, env: ENV, ...opts })
    );
  } catch (e) {
    const err = /** @type {any} */ (e);
    throw new Error(`${cmd} ${args.join(' ')} failed (${err.status}):\n${err.stdout ?? ''}\n${err.stderr ?? ''}`);
  }
}

/** Seconds since `t0`, for the result lines. */
const since = (/** @type {number} */ t0) => `${((Date.now() - t0) / 1000).toFixed(1)} s`;

/**
 * The fixture project `name`, ready to build: its locked dependencies installed once into
 * target/integrations/<name>-<hash of package-lock.json>/ (older installs of it removed), its
 * sources copied over, and the tarball unpacked as node_modules/didit-kit (what `npm install
 * <tarball>` does for a package without dependencies).
 */
function project(/** @type {string} */ name) {
  const lock = readFileSync(join(FIXTURES, name, 'package-lock.json'));
  const key = createHash('sha256').update(lock).digest('hex').slice(0, 12);
  const dir = join(CACHE, `${name}-${key}`);
  const marker = join(dir, 'node_modules', '.didit-kit-installed');
  if (!existsSync(marker)) {
    mkdirSync(CACHE, { recursive: true });
    for (const old of readdirSync(CACHE)) if (old.startsWith(`${name}-`)) rmSync(join(CACHE, old), { recursive: true, force: true });
    mkdirSync(dir);
    for (const f of ['package.json', 'package-lock.json']) cpSync(join(FIXTURES, name, f), join(dir, f));
    const t0 = Date.now();
    // Not `npm ci`, as for the repository's own tools (scripts/test.sh): it wants every platform's
    // optional binaries in the lock, which records this platform's only; `npm install` installs
    // exactly the locked versions.
    sh('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: dir });
    writeFileSync(marker, '');
    console.log(`${name}: locked fixture installed into target/integrations/${name}-${key} (${since(t0)})`);
  }
  cpSync(join(FIXTURES, name), dir, { recursive: true, filter: (src) => !/package(-lock)?\.json$/.test(src) });
  const kit = join(dir, 'node_modules', 'didit-kit');
  rmSync(kit, { recursive: true, force: true });
  mkdirSync(kit);
  sh('tar', ['xzf', tarball, '-C', kit, '--strip-components=1']);
  return dir;
}

/** The version of an installed dependency of a fixture. */
const version = (/** @type {string} */ dir, /** @type {string} */ name) =>
  JSON.parse(readFileSync(join(dir, 'node_modules', name, 'package.json'), 'utf8')).version;

const group = processes();
/** A server's port from the JSON `{"port": n}` it prints as its first line. */
const jsonPort = (/** @type {string} */ out) => (out.includes('\n') ? JSON.parse(out.split('\n')[0]).port : undefined);

/**
 * Starts a server in a process group of its own (`next start` and wrangler run their servers in
 * child processes, stopped with it); `port` resolves with what `portFrom` finds in its output.
 * @param {string} cmd @param {string[]} args @param {import('node:child_process').SpawnOptions} opts
 * @param {(out: string) => number | undefined} [portFrom]
 */
function start(cmd, args, opts, portFrom = jsonPort) {
  const s = group.startGroup(cmd, args, { env: ENV, ...opts }, (stdout, stderr) => portFrom(stdout + stderr));
  return { child: s.child, port: /** @type {Promise<number>} */ (s.ready), output: s.output };
}

/**
 * Posts the Python-signed deliveries to each `path` of `base`; asserts and prints one line per path.
 * @param {string} label @param {string} base @param {string[]} paths
 */
async function deliver(label, base, paths) {
  for (const path of paths) {
    // Asynchronously: the browser tests' relay server runs in this process.
    const args = [join(ROOT, 'tests', 'runtimes', 'post_deliveries.py'), '--url', base + path, '--secret', SECRET];
    const out = JSON.parse((await promisify(execFile)('python3', args, { encoding: 'utf8', timeout: 180_000 })).stdout.trim());
    console.log(`${label.padEnd(44)} ${path.padEnd(16)} ${out.genuine} genuine 2xx, ${out.rejected} tampered/stale/wrong-secret 401`);
    assert.deepEqual(out.failures, [], `${label} ${path}`);
    assert.ok(out.genuine >= 8 && out.rejected >= 28, `${label} ${path}: too few deliveries ran`);
  }
}

/** One delivery signed by the tarball's own signWebhook; returns the route's JSON answer. */
async function probe(/** @type {string} */ url) {
  const { signWebhook } = await import(join(work, 'kit', 'node.mjs'));
  const body = JSON.stringify({ session_id: 'probe', status: 'Approved', webhook_type: 'status.updated', timestamp: Math.floor(Date.now() / 1000) });
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...signWebhook(body, SECRET) }, body });
  assert.equal(res.status, 200, `${url}: ${res.status} ${await res.clone().text()}`);
  return res.json();
}

before(() => {
  work = mkdtempSync(join(tmpdir(), 'didit-kit-integrations-'));
  tarball = join(work, sh('npm', ['pack', './pkg', '--pack-destination', work, '--silent'], { cwd: ROOT }).trim().split('\n').pop() ?? '');
  mkdirSync(join(work, 'kit'));
  sh('tar', ['xzf', tarball, '-C', join(work, 'kit'), '--strip-components=1']);
});

after(() => {
  group.stopAll();
  rmSync(work, { recursive: true, force: true });
});

test('the .wasm subpaths resolve to the two modules, and a browser entry loads from them by hand', async () => {
  const dir = project('bundlers');
  const require = createRequire(join(dir, 'index.js'));
  for (const variant of ['full', 'verify']) {
    const file = require.resolve(`didit-kit/wasm/${variant}.wasm`);
    assert.ok(file.endsWith(`didit_kit_${variant}_bg.wasm`), file);
    const bytes = readFileSync(file);
    assert.ok(WebAssembly.validate(bytes), file);
    // What a build without import.meta.url does: the browser entry, given the bytes.
    const entry = variant === 'full' ? 'web.mjs' : join('verify', 'web.mjs');
    const kit = await import(pathToFileURL(join(dir, 'node_modules', 'didit-kit', entry)).href);
    kit.initSync(bytes);
    if (variant === 'full') assert.equal(kit.canonicalize('{"b":1.0,"a":[2]}'), '{"a":[2],"b":1}');
    // The verify-only module has no canonicalize: its writer, through a V2 signature of the canonical form.
    else assert.equal(kit.verifyWebhook('{"b":1.0,"a":[2]}', { 'X-Timestamp': '1774970000', 'X-Signature-V2': createHmac('sha256', 's').update('{"a":[2],"b":1}').digest('hex') }, 's', { now: 1774970000 * 1000, allowUnsignedTimestamp: true }).method, 'v2');
    console.log(`didit-kit/wasm/${variant}.wasm -> ${file.slice(file.indexOf('node_modules'))} (${bytes.length.toLocaleString('en-US')} B), initSync(bytes) of ${entry}: ok`);
  }
});

// /api/webhooks/didit is docs/runtimes.md's route, copied into the page by scripts/docs-examples.mjs.
const NEXT_ROUTES = ['/api/node/full', '/api/node/verify', '/api/edge/full', '/api/edge/verify', '/api/full', '/api/verify', '/api/webhooks/didit'];

test('Next.js, Turbopack (the default): next build, next start', async () => {
  const dir = project('next');
  rmSync(join(dir, '.next'), { recursive: true, force: true });
  const t0 = Date.now();
  sh(join(dir, 'node_modules', '.bin', 'next'), ['build'], { cwd: dir });
  const label = `next ${version(dir, 'next')} Turbopack, next start`;
  console.log(`${label}: built in ${since(t0)}`);
  const port = await freePort();
  const server = start(join(dir, 'node_modules', '.bin', 'next'), ['start', '-H', '127.0.0.1', '-p', String(port)], { cwd: dir }, () => undefined);
  try {
    await waitFor(`http://127.0.0.1:${port}/api/full`, 120_000);
    await deliver(label, `http://127.0.0.1:${port}`, NEXT_ROUTES);
    assert.equal((await probe(`http://127.0.0.1:${port}/api/edge/verify`)).runtime, 'edge');
    assert.equal((await probe(`http://127.0.0.1:${port}/api/node/verify`)).runtime, 'nodejs');
  } finally {
    group.stop(server.child);
  }
});

test("Next.js, webpack (next build --webpack), output: 'standalone' run from another folder", async () => {
  const dir = project('next');
  rmSync(join(dir, '.next'), { recursive: true, force: true });
  const t0 = Date.now();
  sh(join(dir, 'node_modules', '.bin', 'next'), ['build', '--webpack'], { cwd: dir, env: { ...ENV, NEXT_OUTPUT_STANDALONE: '1' } });
  const label = `next ${version(dir, 'next')} webpack, standalone`;
  console.log(`${label}: built in ${since(t0)}`);
  // Only what Next traced: the standalone folder, moved away from the project and its node_modules.
  const alone = join(work, 'next-standalone');
  cpSync(join(dir, '.next', 'standalone'), alone, { recursive: true });
  const port = await freePort();
  const server = start(process.execPath, ['server.js'], { cwd: alone, env: { ...ENV, HOSTNAME: '127.0.0.1', PORT: String(port) } }, () => undefined);
  try {
    await waitFor(`http://127.0.0.1:${port}/api/full`, 120_000);
    await deliver(label, `http://127.0.0.1:${port}`, NEXT_ROUTES);
    assert.equal((await probe(`http://127.0.0.1:${port}/api/edge/full`)).runtime, 'edge');
  } finally {
    group.stop(server.child);
  }
});

for (const tool of ['vite', 'webpack']) {
  test(`${tool} browser build in Chromium: await init(), then deliveries verified in the page`, async () => {
    const dir = project('bundlers');
    const dist = join(dir, `dist-${tool}`);
    const t0 = Date.now();
    sh(process.execPath, ['build-browser.mjs', tool, dist], { cwd: dir });
    const label = `${tool} ${version(dir, tool)} + Chromium`;
    console.log(`${label}: built in ${since(t0)}; emitted ${readdirSync(dist, { recursive: true }).filter((f) => String(f).endsWith('.wasm')).length} .wasm files`);
    const types = /** @type {Record<string, string>} */ ({ '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm' });
    /** @type {any} */ let page;
    // Serves the build, and relays each POSTed delivery to the page's verifyWebhook (sync).
    const server = createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      if (req.method === 'POST') {
        /** @type {Buffer[]} */ const chunks = [];
        req.on('data', (c) => chunks.push(c));
        req.on('end', async () => {
          const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
          try {
            const r = await page.evaluate(
              (/** @type {[string, number[], Record<string, string>, string]} */ [entry, bytes, h, secret]) => /** @type {any} */ (globalThis).verifyIn(entry, bytes, h, secret),
              [path.slice(1), [...Buffer.concat(chunks)], headers, SECRET],
            );
            res.writeHead(r.status, { 'content-type': 'application/json' }).end(JSON.stringify(r));
          } catch (e) {
            res.writeHead(500).end(String(e));
          }
        });
        return;
      }
      const file = join(dist, path === '/' ? 'index.html' : path);
      if (!file.startsWith(dist) || !existsSync(file)) return void res.writeHead(404).end();
      res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
    });
    await new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(undefined)));
    const port = /** @type {import('node:net').AddressInfo} */ (server.address()).port;
    const { chromium } = await import(join(ROOT, 'node_modules', 'playwright-core', 'index.mjs'));
    const browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    try {
      page = await browser.newPage();
      /** @type {string[]} */
      const errors = [];
      page.on('pageerror', (/** @type {Error} */ e) => errors.push(String(e)));
      await page.goto(`http://127.0.0.1:${port}/`);
      await page.waitForFunction(() => /** @type {any} */ (globalThis).__done === true, null, { timeout: 120_000 });
      const out = await page.evaluate(() => /** @type {any} */ (globalThis).__result);
      assert.deepEqual(errors, []);
      assert.ok(out && !out.error, out?.error);
      assert.equal(out.beforeInit, 'ERR_NOT_INITIALIZED');
      assert.equal(out.canonical, '{"a":[2],"b":1}');
      await deliver(`${label} ${browser.version()}`, `http://127.0.0.1:${port}`, ['/full', '/verify']);
    } finally {
      await browser.close();
      await new Promise((ok) => server.close(() => ok(undefined)));
    }
  });
}

/**
 * Bundles `entry` with esbuild's CLI and `flags` into one file, copies that file alone into an empty
 * folder (plus `extra` harness files), runs `run` there and posts the deliveries to `paths`.
 * @param {string} label @param {string} entry @param {string} out @param {string[]} flags
 * @param {string[]} extra @param {string} run @param {string[]} paths
 */
async function singleFile(label, entry, out, flags, extra, run, paths) {
  const dir = project('bundlers');
  const t0 = Date.now();
  sh(join(dir, 'node_modules', '.bin', 'esbuild'), [entry, '--bundle', ...flags, `--outfile=${join('out', out)}`, '--log-level=warning'], { cwd: dir });
  const empty = mkdtempSync(join(work, 'single-'));
  cpSync(join(dir, 'out', out), join(empty, out));
  for (const f of extra) cpSync(join(dir, f), join(empty, f.split('/').pop() ?? f));
  const size = readFileSync(join(empty, out)).length;
  const full = `${label}, esbuild ${version(dir, 'esbuild')}`;
  console.log(`${full}: bundled in ${since(t0)}, one file of ${size.toLocaleString('en-US')} B in an empty folder (${readdirSync(empty).join(', ')})`);
  const server = start(process.execPath, [run], { cwd: empty });
  try {
    await deliver(full, `http://127.0.0.1:${await server.port}`, paths);
  } finally {
    group.stop(server.child);
  }
}

test('esbuild --platform=node single-file bundles, CommonJS and ESM, run from an empty folder', async () => {
  await singleFile('node:http server (require), --format=cjs', 'node/server.cjs', 'server.cjs', ['--platform=node', '--format=cjs'], [], 'server.cjs', ['/full', '/verify']);
  await singleFile('node:http server (import), --format=esm', 'node/server.mjs', 'server.mjs', ['--platform=node', '--format=esm'], [], 'server.mjs', ['/full', '/verify']);
});

test("AWS Lambda handler bundled with CDK NodejsFunction's default esbuild flags", async () => {
  // What aws-cdk-lib/aws-lambda-nodejs runs for a Node.js 20 function with no bundling options.
  const flags = ['--target=node20', '--platform=node', '--external:@aws-sdk/*'];
  await singleFile('Lambda (payload 2.0, plain and base64 bodies)', 'lambda/handler.mjs', 'index.js', flags, ['lambda/host.cjs'], 'host.cjs', ['/webhooks/didit']);
});

test("Vercel's edge-runtime, bundled as Vercel's tooling does (edge-light, .wasm?module)", async () => {
  const dir = project('bundlers');
  const label = `edge-runtime ${version(dir, 'edge-runtime')}`;
  const server = start(process.execPath, ['edge/serve.mjs'], { cwd: dir });
  try {
    const base = `http://127.0.0.1:${await server.port}`;
    await deliver(label, base, ['/full', '/verify']);
    assert.equal((await probe(`${base}/verify`)).edgeRuntime, 'string');
  } finally {
    group.stop(server.child);
  }
});

test('Hono on Cloudflare Workers under wrangler dev', async () => {
  const dir = project('workers');
  const port = await freePort();
  const label = `wrangler ${version(dir, 'wrangler')} dev + hono ${version(dir, 'hono')}`;
  const t0 = Date.now();
  const wrangler = join(dir, 'node_modules', 'wrangler', 'bin', 'wrangler.js');
  const args = [wrangler, 'dev', '--ip', '127.0.0.1', '--port', String(port), '--var', `DIDIT_WEBHOOK_SECRET:${SECRET}`];
  const server = start(NODE24, args, { cwd: dir }, (out) => (/Ready on http:\/\/127\.0\.0\.1:/.test(out) ? port : undefined));
  try {
    await server.port;
    console.log(`${label}: ready in ${since(t0)}`);
    await deliver(label, `http://127.0.0.1:${port}`, ['/full', '/verify']);
  } finally {
    group.stop(server.child);
  }
});
