// @ts-check
// Differential test against PyJWT: random claim sets minted by jwt.encode, and the same tokens
// damaged at random. What PyJWT decodes, inspectShareToken decodes to the same claims and header;
// what PyJWT rejects as malformed, inspectShareToken reports as malformed; where JSON.stringify
// writes the claims as Python does, mintTestShareToken reproduces PyJWT's token byte for byte.
// The Python interpreter with PyJWT comes from scripts/python.sh (DIDIT_KIT_PYTHON when the suite
// runs; the script is called otherwise).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const kit = require(join(ROOT, 'pkg'));
const COUNT = Number(process.env.DIDIT_KIT_TOKEN_CASES || 6000);
const MALFORMED = new Set([
  'SHARE_TOKEN_WHITESPACE', 'SHARE_TOKEN_WRAPPED', 'SHARE_TOKEN_TRUNCATED', 'SHARE_TOKEN_SIGNATURE_PADDING',
  'SHARE_TOKEN_SEGMENTS', 'SHARE_TOKEN_BASE64', 'SHARE_TOKEN_UTF8', 'SHARE_TOKEN_JSON',
  'SHARE_TOKEN_NOT_OBJECT', 'SHARE_TOKEN_SIGNATURE_LENGTH', 'SHARE_TOKEN_TOO_LARGE',
]);

function python() {
  return process.env.DIDIT_KIT_PYTHON || execFileSync('bash', [join(ROOT, 'scripts/python.sh')], { encoding: 'utf8' }).trim();
}

test(`${COUNT} random tokens agree with PyJWT`, () => {
  const out = execFileSync(python(), [join(ROOT, 'tests/differential/gen_tokens.py'), '--count', String(COUNT), '--seed', '7'], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  const lines = out.split('\n').filter(Boolean).map((l) => JSON.parse(l));
  assert.equal(lines.length, COUNT);
  const tally = { minted: 0, mintedByteEqual: 0, mutatedMalformed: 0, mutatedDecoded: 0, stricterThanPyJWT: 0 };
  /** @type {string[]} */
  const failures = [];
  const fail = (/** @type {string} */ why, /** @type {any} */ line) => {
    if (failures.length < 10) failures.push(`${why}: ${JSON.stringify(line).slice(0, 300)}`);
  };
  for (const line of lines) {
    const r = kit.inspectShareToken(line.token, { now: 1774970100_000, maxTokenBytes: 1 << 20 });
    const codes = r.findings.map((/** @type {any} */ f) => f.code);
    const malformed = codes.some((/** @type {string} */ c) => MALFORMED.has(c));
    if (line.pyjwt.malformed) {
      if (!malformed) fail(`PyJWT rejects (${line.pyjwt.error}), we report ${codes}`, line);
      else tally.mutatedMalformed++;
      continue;
    }
    // PyJWT decoded it: so must we, to the same values.
    try {
      assert.deepEqual(r.claims, line.pyjwt.claims);
      assert.deepEqual(r.header, line.pyjwt.header);
    } catch {
      fail('claims or header differ', { line, ours: { claims: r.claims, header: r.header } });
    }
    if (line.kind === 'minted') {
      tally.minted++;
      if (malformed) fail(`minted by PyJWT, we call it malformed: ${codes}`, line);
      if (line.mintable) {
        const ours = kit.mintTestShareToken(line.claims, line.key);
        if (ours !== line.token) fail('mintTestShareToken differs from jwt.encode', { line, ours });
        else tally.mintedByteEqual++;
        if (!kit.verifyShareTokenSignature(line.token, line.key)) fail('signature does not verify', line);
      }
    } else if (malformed) {
      // Padding, stray characters, non-canonical last symbols: PyJWT's base64 is forgiving, a
      // genuine token never has them (its signature covers the exact text), so we flag them.
      tally.stricterThanPyJWT++;
    } else {
      tally.mutatedDecoded++;
    }
  }
  console.log(`token differential: ${JSON.stringify(tally)}`);
  assert.deepEqual(failures, []);
  assert.ok(tally.minted > COUNT / 3 && tally.mintedByteEqual > COUNT / 10 && tally.mutatedMalformed > COUNT / 10);
});
