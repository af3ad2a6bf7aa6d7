// @ts-check
// Share tokens in the debugging tools, from the packed tarball: `didit-kit inspect-token` (a file
// argument, --json for jq, --now in milliseconds, pasted wrappings) and the devtools page's token
// panel in Chromium (opened from disk as standalone.html): an invalid input clears stale results,
// the live countdown keeps a text selection, the page fits 420 px, and index.html opened from disk
// points to standalone.html.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const kit = createRequire(import.meta.url)(join(ROOT, 'pkg'));
const SESSION = '20bb3c3b-6146-439f-84a4-bd30d00ac6a2';
const FROM_APP = 'dbd20e34-42e9-4f2c-ba91-cf0762016f64';
const FOR_APP = 'a5f3bca2-46e2-411e-90ef-a580900a57ee';
const NOW = 1_774_970_000;
const TOKEN = kit.mintTestShareToken(
  { session_id: SESSION, session_kind: 'business', from_application_id: FROM_APP, for_application_id: FOR_APP },
  'a test key, not Didit\'s',
  { now: NOW * 1000 },
);

/** @type {string} */ let work;
/** @type {string} */ let bin;
/** @type {string} */ let installed;

before(() => {
  work = mkdtempSync(join(tmpdir(), 'didit-kit-devtools-tokens-'));
  const tarball = join(work, execFileSync('npm', ['pack', './pkg', '--pack-destination', work, '--silent'], { cwd: ROOT, encoding: 'utf8' }).trim().split('\n').pop() ?? '');
  const dir = join(work, 'project');
  mkdirSync(dir);
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'didit-kit-test-tokens', version: '1.0.0', private: true }));
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', tarball], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  bin = join(dir, 'node_modules', '.bin', 'didit-kit');
  installed = join(dir, 'node_modules', 'didit-kit');
});

after(() => rmSync(work, { recursive: true, force: true }));

/** @param {string[]} args @param {string} [input] */
function cli(args, input = '') {
  const r = spawnSync(bin, args, { input, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('cli inspect-token --json: header, claims and ISO times a jq filter can read', () => {
  const r = cli(['inspect-token', TOKEN, '--app-id', FOR_APP, '--now', String(NOW + 60), '--json']);
  assert.equal(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.equal(j.claims.session_kind, 'business'); // jq .claims.session_kind
  assert.equal(j.claims.session_id, SESSION);
  assert.deepEqual(j.header, { alg: 'HS256', typ: 'JWT' });
  assert.equal(j.issuedAtIso, '2026-03-31T15:13:20Z');
  assert.equal(j.expiresAtIso, '2026-03-31T16:13:20Z');
  assert.equal(j.remainingSeconds, 3540);
  assert.equal(j.unwrappedToken, null);
});

test('cli inspect-token FILE reads the file; stdin still works; a missing path is a token', () => {
  const path = join(work, 'token.txt');
  writeFileSync(path, `${TOKEN}\n`);
  const r = cli(['inspect-token', path, '--now', String(NOW + 60), '--json']);
  assert.equal(r.code, 0, r.stdout);
  assert.deepEqual(JSON.parse(r.stdout).findings, [], 'the file\'s final newline is not the token\'s');
  const crlf = join(work, 'token-crlf.txt');
  writeFileSync(crlf, `${TOKEN}\r\n`);
  assert.equal(cli(['inspect-token', crlf, '--now', String(NOW + 60)]).code, 0);
  const stdin = cli(['inspect-token', '--now', String(NOW + 60), '--json'], `${TOKEN}\n`);
  assert.equal(JSON.parse(stdin.stdout).sessionKind, 'business');
  const missing = cli(['inspect-token', join(work, 'no-such-file.txt'), '--json']);
  assert.equal(missing.code, 1);
  assert.equal(JSON.parse(missing.stdout).usable, false);
});

test('cli inspect-token --now in milliseconds is recognised', () => {
  for (const [now, remaining] of [[String((NOW + 60) * 1000), 3540], [String(NOW + 60), 3540], [String((NOW + 3000) * 1000), 600]]) {
    const r = cli(['inspect-token', TOKEN, '--now', now, '--json']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).remainingSeconds, remaining, now);
    assert.equal(/milliseconds/.test(r.stderr), now.length > 11, `${now}: ${r.stderr}`);
  }
  assert.equal(cli(['inspect-token', TOKEN, '--now', 'yesterday']).code, 2);
});

test('cli inspect-token: a pasted wrapping is named, the token inside shown, exit 1', () => {
  for (const text of [`Bearer ${TOKEN}`, `Authorization: Bearer ${TOKEN}`, `"${TOKEN}"`, `https://partner.example/cb?token=${TOKEN}`, TOKEN.match(/.{1,60}/g)?.join('\n') ?? '']) {
    const r = cli(['inspect-token', '-', '--now', String(NOW + 60)], `${text}\n`);
    assert.equal(r.code, 1, text);
    assert.match(r.stdout, /SHARE_TOKEN_WRAPPED/);
    assert.ok(r.stdout.includes(`send instead ${TOKEN}`), r.stdout);
    assert.match(r.stdout, /session kind business/);
  }
  const cut = cli(['inspect-token', TOKEN.slice(0, -5), '--now', String(NOW + 60)]);
  assert.equal(cut.code, 1);
  assert.match(cut.stdout, /SHARE_TOKEN_TRUNCATED.*cut off/);
});

/** Debian's Chromium through playwright-core (as tests/devtools/devtools.test.mjs launches it). */
async function launchChromium() {
  const { chromium } = await import(join(ROOT, 'node_modules', 'playwright-core', 'index.mjs'));
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

test('devtools token panel: stale results cleared, selection kept through the countdown, 420 px wide, index.html from disk points to standalone.html', async () => {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 420, height: 900 } });
    /** @type {string[]} */ const errors = [];
    page.on('pageerror', (/** @type {Error} */ e) => errors.push(String(e)));
    await page.goto(`file://${join(installed, 'devtools', 'standalone.html')}`);
    await page.waitForFunction(() => /** @type {any} */ (globalThis).__devtoolsReady === true, null, { timeout: 60_000 });
    const text = async (/** @type {string} */ sel) => (await page.textContent(sel)) ?? '';
    const fresh = kit.mintTestShareToken({ session_id: SESSION, session_kind: 'user', from_application_id: FROM_APP, for_application_id: FOR_APP }, 'k', { ttlInSeconds: 600 });

    // 420 px: no panel is wider than the viewport, with results showing.
    await page.fill('#token', `Bearer ${fresh}`);
    assert.match(await text('#token-findings'), /SHARE_TOKEN_WRAPPED/);
    assert.match(await text('#token-unwrapped'), /Send this instead/);
    for (const key of ['Alt+1', 'Alt+2', 'Alt+3']) {
      await page.keyboard.press(key);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 420, `${key}: the page is ${width} px wide at a 420 px viewport`);
    }
    await page.keyboard.press('Alt+1');

    // The live countdown does not clear a selection in the claims.
    await page.fill('#token', fresh);
    assert.match(await text('#token-countdown'), /left$/);
    await page.evaluate(() => {
      const range = document.createRange();
      range.selectNodeContents(/** @type {Node} */ (document.getElementById('token-claims')));
      getSelection()?.removeAllRanges();
      getSelection()?.addRange(range);
    });
    const selected = await page.evaluate(() => getSelection()?.toString() ?? '');
    assert.match(selected, /"session_id"/);
    const first = await text('#token-countdown');
    await page.waitForFunction((/** @type {string} */ t) => document.getElementById('token-countdown')?.textContent !== t, first, { timeout: 5000 });
    assert.equal(await page.evaluate(() => getSelection()?.toString() ?? ''), selected, 'the tick kept the selection');

    // An invalid input (a bad application id) clears the previous token's results.
    assert.notEqual(await text('#token-claims'), '');
    await page.fill('#app-id', 'not-a-uuid');
    assert.match(await text('#token-verdict'), /^Cannot check: ERR_INVALID_ARG_VALUE/);
    for (const sel of ['#token-claims', '#token-header', '#token-times', '#token-findings', '#token-countdown', '#token-app']) {
      assert.equal(await text(sel), '', `${sel} still shows the previous result`);
    }
    await page.fill('#app-id', FOR_APP);
    assert.match(await text('#token-verdict'), /^Usable/);
    assert.deepEqual(errors, []);

    // index.html opened from disk cannot load its module script: it points to standalone.html.
    const filePage = await browser.newPage();
    await filePage.goto(`file://${join(installed, 'devtools', 'index.html')}`);
    await filePage.waitForTimeout(300);
    assert.match((await filePage.textContent('#load-status')) ?? '', /standalone\.html/);
    assert.equal(await filePage.getAttribute('#load-status a', 'href'), 'standalone.html');
    await filePage.click('#load-status a');
    await filePage.waitForFunction(() => /** @type {any} */ (globalThis).__devtoolsReady === true, null, { timeout: 60_000 });
    assert.match(filePage.url(), /standalone\.html$/);
  } finally {
    await browser.close();
  }
});
