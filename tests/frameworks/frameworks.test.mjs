// @ts-check
// The guide's framework examples (examples/frameworks/, included into docs/frameworks.md and the
// README by scripts/docs-examples.mjs) run unchanged against the packed tarball, with the real
// frameworks at the versions tests/frameworks/package-lock.json pins (installed once into
// target/frameworks/<hash of the lock>/). Servers listen on 127.0.0.1; tests/runtimes/post_deliveries.py
// posts deliveries signed by CPython: genuine ones must get 2xx, tampered, stale and wrongly
// signed ones 401. The Lambda handler is invoked with API Gateway v1, v2 and Function URL events,
// bodies base64-encoded and not. One result line per framework.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const FIXTURE = join(ROOT, 'tests', 'frameworks');
const EXAMPLES = join(ROOT, 'examples', 'frameworks');
const POST = join(ROOT, 'tests', 'runtimes', 'post_deliveries.py');
const SECRET = 'framework_test_secret_xxxxxxxxxxxxxxxxxxxx';
const GENUINE = 8; // what post_deliveries.py sends: 8 genuine (2 of them over 4 KB), 28 tampered, stale or wrongly signed
const REJECTED = 28;

/** @type {string} */ let dir; // the installed fixture project
/** @type {string} */ let app; // the examples, copied into it
/** @type {Set<import('node:child_process').ChildProcess>} */
const children = new Set();

/**
 * @param {string} cmd @param {string[]} args @param {import('node:child_process').ExecFileSyncOptions} [opts]
 * @returns {string}
 */
function sh(cmd, args, opts = {}) {
  return /** @type {string} */ (
    execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 << 20, timeout: 10 * 60 * 1000, ...opts })
  );
}

/** The installed version of a fixture dependency. @param {string} name */
const version = (name) => JSON.parse(readFileSync(join(dir, 'node_modules', name, 'package.json'), 'utf8')).version;

before(() => {
  // The frameworks: `npm ci` of the committed lock, once per lock content.
  const lock = readFileSync(join(FIXTURE, 'package-lock.json'));
  const manifest = readFileSync(join(FIXTURE, 'package.json'));
  const hash = createHash('sha256').update(manifest).update(lock).digest('hex').slice(0, 16);
  dir = join(ROOT, 'target', 'frameworks', hash);
  if (!existsSync(join(dir, '.installed'))) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'package.json'), manifest);
    writeFileSync(join(dir, 'package-lock.json'), lock);
    sh('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: dir });
    writeFileSync(join(dir, '.installed'), '');
  }
  // didit-kit from its packed tarball, unpacked where `npm install <tarball>` puts it (the package
  // has no dependencies); replaced on every run.
  const pack = join(dir, '.pack');
  rmSync(pack, { recursive: true, force: true });
  mkdirSync(pack);
  const tarball = JSON.parse(sh('npm', ['pack', '--json', '--pack-destination', pack], { cwd: join(ROOT, 'pkg') }))[0].filename;
  sh('tar', ['xzf', join(pack, tarball), '-C', pack]);
  rmSync(join(dir, 'node_modules', 'didit-kit'), { recursive: true, force: true });
  cpSync(join(pack, 'package'), join(dir, 'node_modules', 'didit-kit'), { recursive: true });
  // The examples, exactly as committed; NestJS's TypeScript compiled as a Nest project does
  // (decorators, metadata), type-checked against the package's declarations.
  app = join(dir, 'app');
  rmSync(app, { recursive: true, force: true });
  cpSync(EXAMPLES, app, { recursive: true });
  sh(process.execPath, [
    join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'),
    '--strict', '--experimentalDecorators', '--emitDecoratorMetadata', '--target', 'es2022',
    '--module', 'nodenext', '--moduleResolution', 'nodenext', '--skipLibCheck', '--types', 'node',
    '--outDir', app, join(app, 'nestjs.ts'),
  ], { cwd: dir });
  cpSync(join(FIXTURE, 'types.ts'), join(dir, 'types.ts'));
  sh(process.execPath, [
    join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '--noEmit', '--strict', '--target', 'es2022',
    '--module', 'nodenext', '--moduleResolution', 'nodenext', '--skipLibCheck', '--types', 'node', join(dir, 'types.ts'),
  ], { cwd: dir });
});

after(() => {
  for (const child of children) child.kill();
});

/**
 * Starts `node file` with the secret and PORT=0, and resolves with the URL it prints
 * ("listening on <url>").
 * @param {string} file
 * @returns {Promise<{ url: string, child: import('node:child_process').ChildProcess, output: () => string }>}
 */
function start(file) {
  const child = spawn(process.execPath, [file], {
    cwd: app,
    env: { ...process.env, DIDIT_WEBHOOK_SECRET: SECRET, PORT: '0', HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  let out = '';
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error(`${file} did not start in 60 s:\n${out}`)), 60_000);
    const onData = (/** @type {Buffer} */ chunk) => {
      out += chunk;
      const m = /listening on (http:\/\/\S+?)\/?(?:\s|$)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolvePromise({ url: m[1], child, output: () => out });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${file} exited with ${code} before listening:\n${out}`));
    });
  });
}

/** @param {import('node:child_process').ChildProcess} child */
async function stop(child) {
  if (child.exitCode === null) {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill();
    await exited;
  }
  children.delete(child);
}

/**
 * Posts the Python-signed deliveries to `url` and checks the answers; returns the result line.
 * @param {string} name @param {string} url
 */
function postDeliveries(name, url) {
  let out;
  try {
    out = sh('python3', [POST, '--url', url, '--secret', SECRET], { timeout: 120_000 });
  } catch (/** @type {any} */ e) {
    assert.fail(`${name}: ${e.stdout}${e.stderr}`);
  }
  const r = JSON.parse(out.trim());
  assert.deepEqual(r.failures, [], name);
  assert.equal(r.genuine, GENUINE, name);
  assert.equal(r.rejected, REJECTED, name);
  return `${r.genuine} genuine -> 2xx, ${r.rejected} tampered/stale/wrong-secret -> 401`;
}

/** Other routes of the app still get parsed JSON (the raw body is kept on the webhook route only). @param {string} url */
async function assertEcho(url) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":[1,2]}' });
  assert.equal(res.status, 200);
  assert.deepEqual(await res.json(), { a: [1, 2] });
}

test("Express: the README's quick start (express.raw on the route, verifyWebhook) on a real server", async () => {
  const { url, child, output } = await start('express.cjs');
  try {
    const line = postDeliveries('express', `${url}/webhooks/didit`);
    await assertEcho(`${url}/api/echo`);
    // What the README says the server logs for a delivery.
    assert.match(output(), /status\.updated \w+/);
    console.log(`express ${version('express')} (the README's quick start)`.padEnd(44), line);
  } finally {
    await stop(child);
  }
});

test('Fastify: fastifyWebhook route plugin on a real server', async () => {
  const { url, child } = await start('fastify.mjs');
  try {
    const line = postDeliveries('fastify', `${url}/webhooks/didit`);
    await assertEcho(`${url}/api/echo`);
    console.log(`fastify ${version('fastify')}`.padEnd(44), line);
  } finally {
    await stop(child);
  }
});

test('Koa: koaWebhook after koa-bodyparser (ctx.request.rawBody) on a real server', async () => {
  const { url, child } = await start('koa.mjs');
  try {
    const line = postDeliveries('koa', `${url}/webhooks/didit`);
    await assertEcho(`${url}/api/echo`);
    console.log(`koa ${version('koa')} + koa-bodyparser ${version('koa-bodyparser')}`.padEnd(44), line);
  } finally {
    await stop(child);
  }
});

test('Koa without a body parser: koaWebhook reads the request stream', async () => {
  const source = readFileSync(join(app, 'koa.mjs'), 'utf8');
  const parser = 'app.use(bodyParser());';
  assert.ok(source.includes(parser));
  writeFileSync(join(app, 'koa-no-parser.mjs'), source.replace(parser, ''));
  const { url, child } = await start('koa-no-parser.mjs');
  try {
    const line = postDeliveries('koa without a body parser', `${url}/webhooks/didit`);
    console.log(`koa ${version('koa')}, no body parser (stream)`.padEnd(44), line);
  } finally {
    await stop(child);
  }
});

test('NestJS: rawBody: true and a guard around verifyNodeRequest on a real server', async () => {
  const { url, child } = await start('nestjs.js');
  try {
    const line = postDeliveries('nestjs', `${url}/webhooks/didit`);
    await assertEcho(`${url}/api/echo`);
    console.log(`@nestjs/core ${version('@nestjs/core')} (platform-express)`.padEnd(44), line);
  } finally {
    await stop(child);
  }
});

test('NestJS without rawBody: true: ERR_WEBHOOK_BODY_NOT_RAW, and the message names the fix', async () => {
  // The same example with the option removed: the guard sees only the parsed body.
  const source = readFileSync(join(app, 'nestjs.js'), 'utf8');
  const create = 'NestFactory.create(AppModule, { rawBody: true })';
  assert.ok(source.includes(create));
  writeFileSync(join(app, 'nestjs-no-raw.js'), source.replace(create, 'NestFactory.create(AppModule)'));
  const { url, child, output } = await start('nestjs-no-raw.js');
  try {
    const res = await fetch(`${url}/webhooks/didit`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":1}' });
    assert.equal(res.status, 500); // a set-up error, not a rejected delivery
    await new Promise((r) => setTimeout(r, 200));
    assert.match(output(), /ERR_WEBHOOK_BODY_NOT_RAW/);
    assert.match(output(), /NestFactory\.create\(AppModule, \{ rawBody: true \}\)/);
    console.log('@nestjs/core without rawBody: true'.padEnd(44), '500, logged ERR_WEBHOOK_BODY_NOT_RAW naming { rawBody: true }');
  } finally {
    await stop(child);
  }
});

test('Google Cloud Functions: functions-framework server (req.rawBody) with verifyNodeRequest', async () => {
  writeFileSync(
    join(app, 'gcf-server.mjs'),
    "import './google-cloud-functions.mjs';\n" +
      "import { getTestServer } from '@google-cloud/functions-framework/testing';\n" +
      "const server = getTestServer('diditWebhook');\n" +
      "server.listen(0, '127.0.0.1', () => console.log(`listening on http://127.0.0.1:${server.address().port}`));\n",
  );
  const { url, child } = await start('gcf-server.mjs');
  try {
    const line = postDeliveries('google-cloud-functions', `${url}/`);
    console.log(`@google-cloud/functions-framework ${version('@google-cloud/functions-framework')}`.padEnd(44), line);
  } finally {
    await stop(child);
  }
});

/**
 * The event API Gateway or a Function URL would pass for a delivery, as documented by AWS
 * (payload format 1.0 for REST APIs, 2.0 for HTTP APIs and Function URLs).
 * @param {'v1' | 'v2' | 'url'} shape @param {Buffer} raw @param {Record<string, string>} headers @param {boolean} base64
 */
function lambdaEvent(shape, raw, headers, base64) {
  const body = base64 ? raw.toString('base64') : raw.toString('utf8');
  const all = { ...headers, Host: 'example.invalid', 'User-Agent': 'DiditWebhook/2.0 +https://didit.me', 'Content-Length': String(raw.length) };
  if (shape === 'v1') {
    return {
      resource: '/webhooks/didit',
      path: '/webhooks/didit',
      httpMethod: 'POST',
      headers: all, // as sent (REST APIs keep the case)
      multiValueHeaders: Object.fromEntries(Object.entries(all).map(([k, v]) => [k, [v]])),
      queryStringParameters: null,
      multiValueQueryStringParameters: null,
      pathParameters: null,
      stageVariables: null,
      requestContext: {
        accountId: '123456789012', apiId: 'a1b2c3d4e5', httpMethod: 'POST', path: '/prod/webhooks/didit',
        protocol: 'HTTP/1.1', requestId: 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef', resourcePath: '/webhooks/didit',
        stage: 'prod', identity: { sourceIp: '203.0.113.7', userAgent: all['User-Agent'] },
      },
      body,
      isBase64Encoded: base64,
    };
  }
  const domainName = shape === 'url' ? 'abcdefghijklmnopqrstuvwxyz123456.lambda-url.eu-west-1.on.aws' : 'a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com';
  return {
    version: '2.0',
    routeKey: shape === 'url' ? '$default' : 'POST /webhooks/didit',
    rawPath: '/webhooks/didit',
    rawQueryString: '',
    headers: Object.fromEntries(Object.entries(all).map(([k, v]) => [k.toLowerCase(), v])), // lower-cased
    requestContext: {
      accountId: shape === 'url' ? 'anonymous' : '123456789012', apiId: domainName.split('.')[0], domainName,
      domainPrefix: domainName.split('.')[0],
      http: { method: 'POST', path: '/webhooks/didit', protocol: 'HTTP/1.1', sourceIp: '203.0.113.7', userAgent: all['User-Agent'] },
      requestId: 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef', routeKey: shape === 'url' ? '$default' : 'POST /webhooks/didit',
      stage: '$default', time: '29/Nov/2026:08:00:00 +0000', timeEpoch: Date.now(),
    },
    body,
    isBase64Encoded: base64,
  };
}

test('AWS Lambda: lambdaWebhook with API Gateway v1, v2 and Function URL events, base64 and not', async () => {
  const cases = JSON.parse(sh('python3', [POST, '--emit', '--secret', SECRET]));
  assert.equal(cases.length, GENUINE + REJECTED);
  process.env.DIDIT_WEBHOOK_SECRET = SECRET;
  const { handler } = await import(pathToFileURL(join(app, 'aws-lambda.mjs')).href);
  /** @type {string[]} */
  const failures = [];
  const counts = { genuine: 0, rejected: 0 };
  for (const shape of /** @type {const} */ (['v1', 'v2', 'url'])) {
    for (const base64 of [false, true]) {
      for (const c of cases) {
        const raw = Buffer.from(c.body_b64, 'base64');
        const res = await handler(lambdaEvent(shape, raw, c.headers, base64), { awsRequestId: 'test' });
        const ok = c.genuine ? res.statusCode === 200 && res.body === '{"received":true}' : res.statusCode === 401 && /^\{"code":"ERR_/.test(res.body);
        if (ok) counts[c.genuine ? 'genuine' : 'rejected']++;
        else failures.push(`${shape}${base64 ? ' base64' : ''} ${c.name}: ${JSON.stringify(res)}`);
      }
    }
  }
  assert.deepEqual(failures, []);
  assert.equal(counts.genuine, 6 * GENUINE);
  assert.equal(counts.rejected, 6 * REJECTED);
  console.log(
    'aws lambda (v1, v2, Function URL; base64 and not)'.padEnd(44),
    `${counts.genuine} genuine -> 200, ${counts.rejected} tampered/stale/wrong-secret -> 401`,
  );
});

test('the examples are exactly what docs/frameworks.md and the README show', () => {
  const out = sh(process.execPath, [join(ROOT, 'scripts', 'docs-examples.mjs'), '--check']);
  assert.match(out, /in sync/);
  // Every example file is in the guide.
  const guide = readFileSync(join(ROOT, 'docs', 'frameworks.md'), 'utf8');
  for (const f of readdirSync(EXAMPLES)) assert.ok(guide.includes(`<!-- example examples/frameworks/${f} -->`), `${f} is not in docs/frameworks.md`);
});
