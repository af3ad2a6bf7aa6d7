// @ts-check
// The `didit-kit` command line and the devtools page, from the packed tarball: `npm pack` of
// pkg/, installed into a fresh temp project, then its bin run as a user would (exit codes,
// --json, stdin, the secret from the environment), and `didit-kit devtools` serving the page to
// Debian's Chromium (playwright-core): a token, a genuine and a tampered delivery, an import
// response pasted in, what the page shows asserted, no request beyond its own origin, and
// screenshots saved into docs/ (the README shows them).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire as requireFrom } from 'node:module';

/** The built package itself (pkg/), to compare the CLI's and the page's verdicts with the library's. */
const packageKit = () => requireFrom(import.meta.url)(join(ROOT, 'pkg'));

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const SAMPLES = JSON.parse(readFileSync(join(ROOT, 'samples', 'deliveries.json'), 'utf8'));
const TOKENS = JSON.parse(readFileSync(join(ROOT, 'tests', 'vectors', 'share_tokens.json'), 'utf8'));
const FIXTURES = join(ROOT, 'tests', 'fixtures');
const SECRET = SAMPLES.secret;
const NOW = SAMPLES.now;
const delivery = (/** @type {string} */ name) => SAMPLES.deliveries.find((/** @type {any} */ d) => d.name === name);
const tokenCase = (/** @type {string} */ name) => TOKENS.inspect.find((/** @type {any} */ c) => c.name === name);

/** @type {string} */ let work;
/** @type {string} */ let bin;
/** @type {import('node:child_process').ChildProcess | undefined} */ let server;

before(() => {
  work = mkdtempSync(join(tmpdir(), 'didit-kit-devtools-'));
  const tarball = join(work, execFileSync('npm', ['pack', './pkg', '--pack-destination', work, '--silent'], { cwd: ROOT, encoding: 'utf8' }).trim().split('\n').pop() ?? '');
  const dir = join(work, 'project');
  mkdirSync(dir);
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'didit-kit-test-cli', version: '1.0.0', private: true }));
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', tarball], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  bin = join(dir, 'node_modules', '.bin', 'didit-kit');
});

after(() => {
  server?.kill('SIGKILL');
  rmSync(work, { recursive: true, force: true });
});

/** Debian's Chromium through playwright-core, with the network-quiet flags the suite uses everywhere. */
async function launchChromium() {
  const { chromium } = await import(join(ROOT, 'node_modules', 'playwright-core', 'index.mjs'));
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/**
 * Runs the installed bin.
 * @param {string[]} args @param {{ input?: string | Buffer, env?: Record<string, string | undefined> }} [o]
 */
function cli(args, o = {}) {
  const env = { ...process.env, DIDIT_WEBHOOK_SECRET: undefined, ...o.env };
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  const r = spawnSync(bin, args, { input: o.input ?? '', env: /** @type {any} */ (env), encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const file = (/** @type {string} */ name, /** @type {string} */ text) => {
  const p = join(work, name);
  writeFileSync(p, text);
  return p;
};
const headerLines = (/** @type {Record<string, string>} */ h) => Object.entries(h).map(([k, v]) => `${k}: ${v}`).join('\n');

test('cli sign-webhook warns when a verifier would refuse what it signed; simulate --print into a closed pipe ends quietly', () => {
  const env = { DIDIT_WEBHOOK_SECRET: SECRET };
  const minimal = cli(['sign-webhook'], { input: '{"session_id":"s","status":"Approved","webhook_type":"status.updated"}', env });
  assert.equal(minimal.code, 0);
  assert.match(minimal.stdout, /^X-Timestamp: \d+\nX-Signature-V2: [0-9a-f]{64}/);
  assert.match(minimal.stderr, /^warning: a verifier refuses this delivery \(ERR_WEBHOOK_TIMESTAMP_UNSIGNED\): the body has no "timestamp" or "created_at" member.*add "timestamp": \d+ to the body/);
  const stamped = cli(['sign-webhook'], { input: '{"session_id":"s","timestamp":1774970000}', env });
  assert.equal(stamped.code, 0);
  assert.equal(stamped.stderr, '');
  const other = cli(['sign-webhook', '--timestamp', '1774970001'], { input: '{"session_id":"s","timestamp":1774970000}', env });
  // A --timestamp other than the body's signed time is refused by the signer itself.
  assert.equal(other.code, 1);
  assert.match(other.stderr, /^INVALID: ERR_WEBHOOK_TIMESTAMP_MISMATCH/);
  // The reader of stdout goes away after one line: exit 0 and no EPIPE stack trace.
  const piped = spawnSync('sh', ['-c', `"${bin}" simulate --print | head -n 1`], { env: { ...process.env, ...env }, encoding: 'utf8', timeout: 60_000 });
  assert.equal(piped.status, 0);
  assert.equal(piped.stdout.split('\n').filter(Boolean).length, 1);
  assert.doesNotMatch(piped.stderr, /EPIPE|Error/);
});

test('cli: --help on every command, usage errors exit 2', () => {
  for (const cmd of ['inspect-token', 'verify-webhook', 'canonicalize', 'sign-webhook', 'parse-import', 'devtools']) {
    const r = cli([cmd, '--help']);
    assert.equal(r.code, 0, cmd);
    assert.match(r.stdout, new RegExp(`^Usage: didit-kit ${cmd}`), cmd);
  }
  assert.equal(cli(['--help']).code, 0);
  assert.equal(cli([]).code, 2);
  const unknown = cli(['frobnicate']);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /unknown command "frobnicate"/);
  assert.equal(cli(['verify-webhook', '--bogus']).code, 2);
  assert.equal(cli(['parse-import', '--status', 'abc'], { input: '{}' }).code, 2);
  // Headers alone in a file and nothing piped: the body is missing, not invalid JSON.
  const headersOnly = cli(['verify-webhook', '--headers', file('headers-only.txt', 'X-Timestamp: 1\nX-Signature-V2: ab\n')], { env: { DIDIT_WEBHOOK_SECRET: 's' } });
  assert.equal(headersOnly.code, 2, headersOnly.stderr);
  assert.match(headersOnly.stderr, /no body: stdin was empty; pass the body as a file argument or pipe it in/);
  // The devtools server listens on loopback only.
  const exposed = cli(['devtools', '--host', '0.0.0.0']);
  assert.equal(exposed.code, 2);
  assert.match(exposed.stderr, /loopback/);
  // No secret in the environment: a usage error that names the variable, never an "invalid".
  const d = delivery('kyc-approved');
  const noSecret = cli(['verify-webhook', '-H', 'X-Timestamp: 1'], { input: d.body });
  assert.equal(noSecret.code, 2);
  assert.match(noSecret.stderr, /DIDIT_WEBHOOK_SECRET/);
});

test('cli verify-webhook: genuine (stdin, -H flags, env secret) exits 0; tampered exits 1 with the canonical form and traps', () => {
  const d = delivery('integer-like-metadata-keys');
  const flags = Object.entries(d.headers).flatMap(([k, v]) => ['-H', `${k}: ${v}`]);
  const ok = cli(['verify-webhook', ...flags, '--now', String(NOW)], { input: d.body, env: { DIDIT_WEBHOOK_SECRET: SECRET } });
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stdout, /^VALID: v2 signature matches/);
  assert.ok(!ok.stdout.includes(SECRET) && !ok.stderr.includes(SECRET));

  const tampered = d.body.replace('"status":"Approved"', '"status":"Declined"');
  assert.notEqual(tampered, d.body);
  const bad = cli(['verify-webhook', '-', '--headers', file('h.txt', headerLines(d.headers)), '--now', String(NOW)], { input: tampered, env: { DIDIT_WEBHOOK_SECRET: SECRET } });
  assert.equal(bad.code, 1);
  assert.match(bad.stdout, /^INVALID: ERR_WEBHOOK_SIGNATURE_MISMATCH/);
  assert.match(bad.stdout, /canonical form \(what X-Signature-V2 covers\)/);
  assert.match(bad.stdout, /integer-like key at metadata/);
  assert.ok(!bad.stdout.includes(SECRET));

  // --json, secrets in other variables, a rotation (one variable per secret), a wrong secret first.
  const j = cli(['verify-webhook', '--secret-env', 'OLD_HOOK_SECRET', '--secret-env', 'MY_HOOK_SECRET', ...flags, '--now', String(NOW), '--json'], { input: d.body, env: { OLD_HOOK_SECRET: 'wrong-secret-000000', MY_HOOK_SECRET: SECRET } });
  assert.equal(j.code, 0, j.stderr);
  const out = JSON.parse(j.stdout);
  assert.equal(out.ok, true);
  assert.equal(out.method, 'v2');
  assert.equal(out.secretIndex, 1);
  assert.equal(out.freshness.ageSeconds, NOW - Number(d.headers['X-Timestamp']));

  // Stale: exit 1 with the timestamp code.
  const stale = cli(['verify-webhook', ...flags, '--now', String(NOW + 3600), '--json'], { input: d.body, env: { DIDIT_WEBHOOK_SECRET: SECRET } });
  assert.equal(stale.code, 1);
  assert.equal(JSON.parse(stale.stdout).code, 'ERR_WEBHOOK_TIMESTAMP_STALE');
});

test('cli verify-webhook: the secret byte for byte, as the library uses it; a mismatch says what looks wrong', () => {
  const d = delivery('kyc-approved');
  const flags = Object.entries(d.headers).flatMap(([k, v]) => ['-H', `${k}: ${v}`]);
  // The library's verdict on each secret, next to the CLI's: they must agree.
  const kit = packageKit();
  for (const [secret, says] of [
    [`${SECRET}\n`, /secret #0 begins or ends with whitespace/],
    [` ${SECRET}`, /secret #0 begins or ends with whitespace/],
    [`"${SECRET}"`, /secret #0 is wrapped in quotes/],
    [`old-secret-0000000000,${SECRET}`, /secret #0 contains a comma/],
  ]) {
    const r = cli(['verify-webhook', ...flags, '--now', String(NOW)], { input: d.body, env: { DIDIT_WEBHOOK_SECRET: String(secret) } });
    const lib = kit.tryVerifyWebhook(d.body, d.headers, secret, { now: NOW * 1000 });
    assert.equal(lib.ok, false);
    assert.equal(r.code, 1, r.stdout);
    assert.match(r.stdout, /^INVALID: ERR_WEBHOOK_SIGNATURE_MISMATCH/);
    assert.match(r.stdout, /** @type {RegExp} */ (says));
    assert.ok(!r.stdout.includes(SECRET) && !r.stderr.includes(SECRET));
  }
});

test('cli verify-webhook: a genuine but stale delivery says "signature matches; stale" and is judged at its own time on request', () => {
  const d = delivery('kyc-approved');
  const flags = Object.entries(d.headers).flatMap(([k, v]) => ['-H', `${k}: ${v}`]);
  const env = { DIDIT_WEBHOOK_SECRET: SECRET };
  const later = String(Number(d.headers['X-Timestamp']) + 86400);
  const stale = cli(['verify-webhook', ...flags, '--now', later], { input: d.body, env });
  assert.equal(stale.code, 1);
  assert.match(stale.stdout, /^SIGNATURE MATCHES; STALE: the v2 signature is genuine/);
  assert.match(stale.stdout, /add --at-delivery-time/);
  assert.doesNotMatch(stale.stdout, /no signature method matches/);
  const j = JSON.parse(cli(['verify-webhook', ...flags, '--now', later, '--json'], { input: d.body, env }).stdout);
  assert.equal(j.code, 'ERR_WEBHOOK_TIMESTAMP_STALE');
  assert.equal(j.signatureMatches, true);
  assert.equal(j.stale, true);
  assert.equal(j.atDeliveryTime.ok, true);
  assert.equal(j.atDeliveryTime.timeSource, 'timestamp');
  // --now in milliseconds is recognised.
  const ms = cli(['verify-webhook', ...flags, '--now', `${d.headers['X-Timestamp']}000`], { input: d.body, env });
  assert.equal(ms.code, 0, ms.stdout);
  assert.match(ms.stdout, /--now \d+ read as milliseconds/);
  const own = cli(['verify-webhook', ...flags, '--at-delivery-time'], { input: d.body, env });
  assert.equal(own.code, 0, own.stdout);
  assert.match(own.stdout, /^VALID: v2 signature matches; time bound by the body's timestamp, judged at the delivery's own time/);
  assert.equal(cli(['verify-webhook', ...flags, '--at-delivery-time', '--now', later], { input: d.body, env }).code, 2);
  // A wrong secret on the same stale delivery is a mismatch, not "stale".
  const wrong = cli(['verify-webhook', ...flags, '--now', later], { input: d.body, env: { DIDIT_WEBHOOK_SECRET: 'another-secret-000000000' } });
  assert.match(wrong.stdout, /^INVALID: ERR_WEBHOOK_SIGNATURE_MISMATCH/);
});

test('cli verify-webhook: a wrong secret on a byte-for-byte canonical body is not blamed on re-serialisation; an unsigned body', () => {
  const kit = packageKit();
  const d = delivery('integer-like-metadata-keys');
  const canonical = kit.canonicalize(d.body, { ascii: true }); // what Didit's raw body is
  const signed = kit.signWebhook(canonical, SECRET);
  const flags = Object.entries(signed).flatMap(([k, v]) => ['-H', `${k}: ${v}`]);
  const now = String(signed['X-Timestamp']);
  assert.equal(cli(['verify-webhook', ...flags, '--now', now], { input: canonical, env: { DIDIT_WEBHOOK_SECRET: SECRET } }).code, 0);
  const wrong = cli(['verify-webhook', ...flags, '--now', now], { input: canonical, env: { DIDIT_WEBHOOK_SECRET: 'another-secret-000000000' } });
  assert.equal(wrong.code, 1);
  assert.match(wrong.stdout, /byte for byte its canonical form, as Didit sends it: JSON re-serialisation is not the cause here; the secret is most likely wrong/);
  assert.doesNotMatch(wrong.stdout, /traps in this body|integer-like key/);
  const j = JSON.parse(cli(['verify-webhook', ...flags, '--now', now, '--json'], { input: canonical, env: { DIDIT_WEBHOOK_SECRET: 'another-secret-000000000' } }).stdout);
  assert.equal(j.bodyIsCanonical, true);
  // Not canonical (pretty-printed) and a wrong secret: the secret is named first, before the diffs.
  const pretty = JSON.stringify(JSON.parse(canonical), null, 2);
  const prettyWrong = cli(['verify-webhook', ...flags, '--now', now], { input: pretty, env: { DIDIT_WEBHOOK_SECRET: 'another-secret-000000000' } });
  assert.equal(prettyWrong.code, 1);
  assert.match(prettyWrong.stdout, /\n\nlikeliest causes: the secret \(another destination or environment\?\), or a body changed after Didit signed it[^\n]*\n\ncanonical form/);
  // A body that is not canonical still gets the traps (the tampered case in the test above).

  // No signed time in the body: refused with its own code; accepted (replayable) on request.
  const bare = '{"session_id":"s-1","status":"Approved","webhook_type":"status.updated"}';
  const h = kit.signWebhook(bare, SECRET, { timestamp: NOW });
  const hf = Object.entries(h).flatMap(([k, v]) => ['-H', `${k}: ${v}`]);
  const u = cli(['verify-webhook', ...hf, '--now', String(NOW)], { input: bare, env: { DIDIT_WEBHOOK_SECRET: SECRET } });
  assert.equal(u.code, 1);
  assert.match(u.stdout, /^INVALID: ERR_WEBHOOK_TIMESTAMP_UNSIGNED/);
  const a = cli(['verify-webhook', ...hf, '--now', String(NOW), '--allow-unsigned-timestamp'], { input: bare, env: { DIDIT_WEBHOOK_SECRET: SECRET } });
  assert.equal(a.code, 0, a.stdout);
  assert.match(a.stdout, /time bound by X-Timestamp/);
});

test('cli verify-webhook: a raw HTTP request (proxy capture) and curl -v output as the headers file', () => {
  const d = delivery('tiny-and-huge-floats');
  const raw = `POST /webhooks/didit HTTP/1.1\r\nHost: app.example.com\r\n${Object.entries(d.headers).map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n${d.body}`;
  const r = cli(['verify-webhook', '--headers', file('req.http', raw), '--now', String(NOW), '--json'], { env: { DIDIT_WEBHOOK_SECRET: SECRET } });
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.equal(JSON.parse(r.stdout).method, 'v2');
  const curl = `*   Trying 127.0.0.1:8080...\n* Connected to localhost\n> POST /hook HTTP/1.1\n> Host: localhost:8080\n${Object.entries(d.headers).map(([k, v]) => `> ${k}: ${v}\n`).join('')}>\n} [${d.body.length} bytes data]\n< HTTP/1.1 401 Unauthorized\n< content-length: 0\n`;
  const c = cli(['verify-webhook', file('body.json', d.body), '--headers', file('curl.txt', curl), '--now', String(NOW), '--json'], { env: { DIDIT_WEBHOOK_SECRET: SECRET } });
  assert.equal(c.code, 0, c.stdout + c.stderr);
  // The same body re-serialised by JSON.stringify still verifies here (didit-kit canonicalises
  // what it gets, and these floats survive a round trip); a V2 check written with JSON.stringify
  // would not, which canonicalize --json shows.
  const re = cli(['verify-webhook', file('re.json', JSON.stringify(JSON.parse(d.body))), '--headers', file('curl.txt', curl), '--now', String(NOW), '--json'], { env: { DIDIT_WEBHOOK_SECRET: SECRET } });
  assert.equal(re.code, 0, re.stdout);
  const canon = JSON.parse(cli(['canonicalize', '--json'], { input: d.body }).stdout);
  assert.equal(canon.ok, true);
  assert.ok(canon.traps.some((/** @type {any} */ t) => t.kind === 'tiny float'), JSON.stringify(canon.traps));
  assert.ok(canon.reserialisers.every((/** @type {any} */ v) => !v.equal && v.hunks.length > 0));
});

test('cli canonicalize and sign-webhook agree with the committed samples', () => {
  const d = delivery('non-ascii-names');
  const canonical = cli(['canonicalize'], { input: d.body });
  assert.equal(canonical.code, 0);
  const ascii = cli(['canonicalize', '--ascii'], { input: d.body });
  assert.notEqual(canonical.stdout, ascii.stdout);
  assert.match(ascii.stdout, /\\u[0-9a-f]{4}/);
  assert.equal(cli(['canonicalize'], { input: '{"a":' }).code, 1);
  const signed = cli(['sign-webhook', '--json'], { input: d.body, env: { DIDIT_WEBHOOK_SECRET: SECRET } });
  assert.equal(signed.code, 0, signed.stderr);
  assert.deepEqual(JSON.parse(signed.stdout), {
    'X-Timestamp': d.headers['X-Timestamp'],
    'X-Signature-V2': d.headers['X-Signature-V2'],
    'X-Signature': d.headers['X-Signature'],
    'X-Signature-Simple': d.headers['X-Signature-Simple'],
  });
  // Human output is "Name: value" lines that verify-webhook --headers reads back.
  const lines = cli(['sign-webhook', file('b.json', d.body)], { env: { DIDIT_WEBHOOK_SECRET: SECRET } }).stdout;
  const back = cli(['verify-webhook', file('b.json', d.body), '--headers', file('signed.txt', lines), '--now', String(NOW)], { env: { DIDIT_WEBHOOK_SECRET: SECRET } });
  assert.equal(back.code, 0, back.stdout);
});

test('cli inspect-token: usable exits 0, expired / wrong application exits 1 with import answers', () => {
  const c = tokenCase('documented token, 34 s after minting, for my application');
  const ok = cli(['inspect-token', c.token, '--app-id', c.options.applicationId, '--now', String(c.options.now), '--json']);
  assert.equal(ok.code, 0);
  const r = JSON.parse(ok.stdout);
  assert.equal(r.usable, true);
  assert.equal(r.remainingSeconds, c.expect.remainingSeconds);
  assert.deepEqual(r.findings.map((/** @type {any} */ f) => f.code), c.expect.codes);
  const other = tokenCase('documented token, another application');
  const bad = cli(['inspect-token', '-', '--app-id', other.options.applicationId, '--now', String(other.options.now)], { input: other.token + '\n' });
  assert.equal(bad.code, 1);
  assert.match(bad.stdout, /NOT USABLE: Didit's import would answer 403/);
  assert.match(bad.stdout, /SHARE_TOKEN_WRONG_APPLICATION/);
  const garbage = cli(['inspect-token', 'not-a-token', '--json']);
  assert.equal(garbage.code, 1);
  assert.equal(JSON.parse(garbage.stdout).usable, false);
});

test('cli parse-import: 201 typed, 403 explained, a bad model with JSON paths', () => {
  const ok = cli(['parse-import', join(FIXTURES, 'import-201-compact.json'), '--json']);
  assert.equal(ok.code, 0, ok.stderr);
  assert.equal(JSON.parse(ok.stdout).model.status, 'In Review');
  const forbidden = cli(['parse-import', join(FIXTURES, 'import-403-1.json'), '--status', '403', '--json']);
  assert.equal(forbidden.code, 1);
  const f = JSON.parse(forbidden.stdout);
  assert.equal(f.code, 'ERR_IMPORT_FORBIDDEN');
  assert.equal(f.status, 403);
  const body = JSON.parse(readFileSync(join(FIXTURES, 'import-201-compact.json'), 'utf8'));
  body.session_number = 'forty-two';
  // Type drift is dropped and listed by default; --strict rejects it.
  const drift = cli(['parse-import'], { input: JSON.stringify(body) });
  assert.equal(drift.code, 0, drift.stderr);
  assert.match(drift.stdout, /dropped session_number: session_number: expected integer, found string/);
  assert.doesNotMatch(drift.stdout, /forty-two/);
  const invalid = cli(['parse-import', '--strict'], { input: JSON.stringify(body) });
  assert.equal(invalid.code, 1);
  assert.match(invalid.stdout, /^INVALID: ERR_MODEL_INVALID/);
  assert.match(invalid.stdout, /session_number: ERR_MODEL_TYPE/);
  body.session_id = 7;
  assert.match(cli(['parse-import'], { input: JSON.stringify(body) }).stdout, /session_id: ERR_MODEL_TYPE/);
  assert.equal(cli(['parse-import', '--as', 'nonsense'], { input: '{}' }).code, 2);
});

// ---------------------------------------------------------------------------------------------

test('devtools page in Chromium: token, genuine and tampered delivery, import response; no request leaves its origin', async () => {
  server = spawn(bin, ['devtools'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const url = await new Promise((ok, fail) => {
    let outText = '';
    server?.stdout?.on('data', (d) => {
      outText += d;
      if (outText.includes('\n')) ok(outText.split('\n')[0].trim());
    });
    server?.on('exit', (code) => fail(new Error(`devtools exited ${code}`)));
  });
  assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/devtools\/$/);
  const origin = new URL(url).origin;
  // Only the page's files are served: not the package's other files.
  assert.equal((await fetch(`${origin}/package.json`)).status, 404);
  assert.equal((await fetch(`${origin}/cli.mjs`)).status, 404);

  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    /** @type {string[]} */ const requests = [];
    /** @type {string[]} */ const errors = [];
    page.on('request', (/** @type {any} */ r) => requests.push(r.url()));
    page.on('pageerror', (/** @type {Error} */ e) => errors.push(String(e)));
    page.on('console', (/** @type {any} */ m) => { if (m.type() === 'error') errors.push(m.text()); });
    await page.goto(url);
    await page.waitForFunction(() => /** @type {any} */ (globalThis).__devtoolsReady === true, null, { timeout: 60_000 });
    const text = async (/** @type {string} */ sel) => (await page.textContent(sel)) ?? '';

    // Share token: for another application, judged at the vector's time.
    const tc = tokenCase('documented token, another application');
    await page.fill('#token-now', String(tc.options.now));
    await page.fill('#app-id', tc.options.applicationId);
    await page.fill('#token', tc.token);
    assert.match(await text('#token-verdict'), /Not usable: Didit's import would answer 403/);
    assert.match(await text('#token-findings'), /SHARE_TOKEN_WRONG_APPLICATION/);
    assert.match(await text('#token-findings'), /Import answers 403/);
    assert.match(await text('#token-app'), /does NOT match/);
    assert.match(await text('#token-times'), /2025-07-27T15:37:46Z UTC/);
    assert.match(await text('#token-claims'), /"for_application_id"/);
    // The usable case, for the screenshot, with a countdown.
    const good = tokenCase('documented token, 34 s after minting, for my application');
    await page.fill('#app-id', good.options.applicationId);
    await page.fill('#token-now', String(good.options.now));
    await page.fill('#token', good.token);
    assert.match(await text('#token-verdict'), /^Usable/);
    assert.equal(await text('#token-countdown'), `59m 26s left at ${new Date(good.options.now * 1000).toISOString().replace('.000Z', 'Z')}`);
    assert.match(await text('#token-app'), /matches for_application_id/);
    assert.match(await text('#token-findings'), /SHARE_TOKEN_SESSION_KIND_DEFAULTED/);
    await page.screenshot({ path: join(ROOT, 'docs', 'devtools-token.png'), fullPage: true });
    // Live countdown with the real clock: the expired token says how long ago; a fresh token
    // (minted here with a test key, 10 minutes) counts down without any input.
    await page.fill('#token-now', '');
    assert.match(await text('#token-countdown'), /^expired .* ago$/);
    const { createRequire } = await import('node:module');
    const kit = createRequire(import.meta.url)(join(ROOT, 'pkg'));
    const fresh = kit.mintTestShareToken(
      { session_id: '20bb3c3b-6146-439f-84a4-bd30d00ac6a2', session_kind: 'user', from_application_id: 'dbd20e34-42e9-4f2c-ba91-cf0762016f64', for_application_id: good.options.applicationId },
      'a test key, not Didit\'s',
      { ttlInSeconds: 600 },
    );
    await page.fill('#token', fresh);
    const first = await text('#token-countdown');
    assert.match(first, /^(10m 00s|9m \d\ds) left$/);
    await page.waitForFunction((/** @type {string} */ t) => document.getElementById('token-countdown')?.textContent !== t, first, { timeout: 5000 });
    assert.match(await text('#token-countdown'), /^9m \d\ds left$/);

    // Webhook: keyboard (Alt+2) to the panel, a genuine delivery as a raw HTTP request.
    await page.keyboard.press('Alt+2');
    assert.equal(await page.isVisible('#panel-webhook'), true);
    const d = delivery('integer-like-metadata-keys');
    const raw = `POST /webhooks/didit HTTP/1.1\nHost: app.example.com\n${headerLines(d.headers)}\n\n${d.body}`;
    await page.fill('#wh-now', String(NOW));
    await page.fill('#wh-secret', SECRET);
    await page.fill('#wh-headers', raw);
    assert.equal(await text('#wh-verdict'), 'Valid: the v2 signature matches');
    assert.match(await text('#wh-freshness'), new RegExp(`${NOW - Number(d.headers['X-Timestamp'])}s old, fresh`));
    assert.match(await text('#wh-present'), /X-Signature-V2, X-Signature, X-Signature-Simple · request: POST \/webhooks\/didit HTTP\/1.1/);
    // Tampered: the body box overrides the request's body.
    await page.fill('#wh-body', d.body.replace('"status":"Approved"', '"status":"Declined"'));
    assert.match(await text('#wh-verdict'), /^Invalid: ERR_WEBHOOK_SIGNATURE_MISMATCH/);
    assert.equal(await page.isVisible('#wh-explain'), true);
    assert.match(await text('#wh-traps'), /integer-like key at metadata/);
    assert.match(await text('#wh-diff'), /JSON\.parse \+ JSON\.stringify: \d+ difference/);
    assert.match(await text('#wh-canonical'), /"status":"Declined"/);
    await page.screenshot({ path: join(ROOT, 'docs', 'devtools-webhook.png'), fullPage: true });
    // Sign mode, then verify what it produced.
    await page.check('#wh-mode-sign');
    await page.fill('#wh-body', delivery('kyc-approved').body);
    assert.match(await text('#wh-signed'), new RegExp(`X-Signature-V2: ${delivery('kyc-approved').headers['X-Signature-V2']}`));
    await page.click('#wh-use-signed');
    assert.equal(await text('#wh-verdict'), 'Valid: the v2 signature matches');
    // Two secrets during a rotation (two fields): the second matches.
    await page.fill('#wh-secret', 'an-old-secret-0000000000');
    await page.fill('#wh-secret-2', SECRET);
    assert.equal(await text('#wh-verdict'), 'Valid: the v2 signature matches (secret #2)');
    await page.fill('#wh-secret-2', '');
    // A secret is used byte for byte, as the library does: a comma list or a trailing newline is
    // not split or trimmed, and the verdict says what looks wrong.
    await page.fill('#wh-secret', `an-old-secret-0000000000,${SECRET}`);
    assert.match(await text('#wh-verdict'), /^Invalid: ERR_WEBHOOK_SIGNATURE_MISMATCH: no signature method matches \(signature mismatch \(secret #0 contains a comma/);
    await page.fill('#wh-secret', `${SECRET} `);
    assert.match(await text('#wh-verdict'), /secret #0 begins or ends with whitespace/);
    await page.fill('#wh-secret', SECRET);
    // Genuine but stale (a capture checked a day later): "signature matches; stale", and a button
    // that judges it at the delivery's own time.
    const signedTs = Number(await page.evaluate(() => /X-Timestamp: (\d+)/.exec(/** @type {any} */ (document.getElementById('wh-headers')).value)?.[1]));
    await page.fill('#wh-now', String(signedTs + 86400));
    assert.match(await text('#wh-verdict'), /^Signature matches; stale: the v2 signature is genuine/);
    assert.equal(await page.isVisible('#wh-at-delivery'), true);
    await page.click('#wh-at-delivery');
    assert.equal(await page.inputValue('#wh-now'), String(signedTs));
    assert.equal(await text('#wh-verdict'), 'Valid: the v2 signature matches');
    assert.equal(await page.isVisible('#wh-at-delivery'), false);
    // A wrong secret on a byte-for-byte canonical body: not blamed on re-serialisation.
    const pkg = packageKit();
    const canonical = pkg.canonicalize(delivery('integer-like-metadata-keys').body, { ascii: true });
    await page.fill('#wh-headers', headerLines(pkg.signWebhook(canonical, SECRET)));
    await page.fill('#wh-body', canonical);
    await page.fill('#wh-now', String(JSON.parse(canonical).timestamp));
    assert.equal(await text('#wh-verdict'), 'Valid: the v2 signature matches');
    await page.fill('#wh-secret', 'another-secret-000000000');
    assert.match(await text('#wh-verdict'), /^Invalid: ERR_WEBHOOK_SIGNATURE_MISMATCH/);
    assert.match(await text('#wh-traps'), /^Not the cause here: the body is byte for byte its canonical form/);
    assert.doesNotMatch(await text('#wh-traps'), /integer-like key/);
    assert.equal(await text('#wh-diff'), '');
    await page.fill('#wh-secret', SECRET);
    // The secret is in no storage.
    const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + document.cookie);
    assert.ok(!stored.includes(SECRET));

    // Import response / session.
    await page.keyboard.press('Alt+3');
    await page.fill('#imp-body', readFileSync(join(FIXTURES, 'import-403-1.json'), 'utf8'));
    await page.fill('#imp-status', '403');
    assert.equal(await text('#imp-verdict'), 'Invalid: ERR_IMPORT_FORBIDDEN');
    assert.match(await text('#imp-meaning'), /Didit said: “Token not intended for your application/);
    const body = JSON.parse(readFileSync(join(FIXTURES, 'import-201-compact.json'), 'utf8'));
    body.session_number = 'forty-two';
    await page.fill('#imp-status', '201');
    await page.fill('#imp-body', JSON.stringify(body));
    // Type drift: dropped and listed, not an error.
    assert.match(await text('#imp-notes'), /dropped session_number: session_number: expected integer, found string/);
    body.session_id = 7;
    await page.fill('#imp-body', JSON.stringify(body));
    assert.equal(await text('#imp-verdict'), 'Invalid: ERR_MODEL_INVALID');
    assert.match(await text('#imp-issues'), /session_id.*ERR_MODEL_TYPE/);
    await page.selectOption('#imp-kind', 'decision');
    await page.fill('#imp-body', readFileSync(join(FIXTURES, 'decision-kyb-upper.json'), 'utf8'));
    assert.match(await text('#imp-verdict'), /^Valid session decision/);
    assert.match(await text('#imp-notes'), /normalised .*→/);
    assert.equal(await text('#imp-issues'), 'none: the body matches the model');
    assert.match(await text('#imp-model'), /"session_id"/);
    await page.screenshot({ path: join(ROOT, 'docs', 'devtools-import.png'), fullPage: true });

    assert.deepEqual(errors, []);
    // Opened as a file, the browser refuses the module script: the page says what to run instead
    // (and still requests nothing from the network).
    const filePage = await browser.newPage();
    /** @type {string[]} */ const fileRequests = [];
    filePage.on('request', (/** @type {any} */ r) => fileRequests.push(r.url()));
    await filePage.goto(`file://${join(work, 'project', 'node_modules', 'didit-kit', 'devtools', 'index.html')}`);
    await filePage.waitForTimeout(500);
    assert.match((await filePage.textContent('#load-status')) ?? '', /npx didit-kit devtools/);
    assert.deepEqual(fileRequests.filter((u) => !u.startsWith('file://') && !u.startsWith('data:')), []);
    const foreign = requests.filter((u) => new URL(u).origin !== origin);
    assert.deepEqual(foreign, [], 'requests beyond the page origin');
    assert.ok(requests.some((u) => u.endsWith('/wasm/full/didit_kit_full_bg.wasm')), 'the page loads its own .wasm');
    console.log(`devtools page: ${requests.length} requests, all to ${origin}; screenshots in docs/`);
  } finally {
    await browser.close();
    server.kill('SIGTERM');
  }
});

test('devtools/standalone.html from the installed package works opened from disk (file://), with no request at all', async () => {
  const page_path = join(work, 'project', 'node_modules', 'didit-kit', 'devtools', 'standalone.html');
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    /** @type {string[]} */ const requests = [];
    /** @type {string[]} */ const errors = [];
    page.on('request', (/** @type {any} */ r) => requests.push(r.url()));
    page.on('pageerror', (/** @type {Error} */ e) => errors.push(String(e)));
    const url = `file://${page_path}`;
    await page.goto(url);
    await page.waitForFunction(() => /** @type {any} */ (globalThis).__devtoolsReady === true, null, { timeout: 60_000 });
    const text = async (/** @type {string} */ sel) => (await page.textContent(sel)) ?? '';
    const tc = tokenCase('documented token, another application');
    await page.fill('#token-now', String(tc.options.now));
    await page.fill('#app-id', tc.options.applicationId);
    await page.fill('#token', tc.token);
    assert.match(await text('#token-verdict'), /Not usable: Didit's import would answer 403/);
    await page.keyboard.press('Alt+2');
    const d = delivery('integer-like-metadata-keys');
    await page.fill('#wh-now', String(NOW));
    await page.fill('#wh-secret', SECRET);
    await page.fill('#wh-headers', headerLines(d.headers));
    await page.fill('#wh-body', d.body);
    assert.equal(await text('#wh-verdict'), 'Valid: the v2 signature matches');
    assert.deepEqual(errors, []);
    // The one file is the only thing the page ever asks for.
    assert.deepEqual(requests.filter((u) => !u.startsWith('data:')), [url]);
  } finally {
    await browser.close();
  }
});
