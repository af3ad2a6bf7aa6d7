// @ts-check
// Compares two built packages (e.g. main's and a change's) on share-token inspection, in one
// process. First the results: JSON.stringify of inspectShareToken's return (findings and messages
// included) must be identical for every vector token and for thousands of damaged variants
// (truncations, flipped characters, wrappings, re-encoded payloads; a fixed seed, so every run
// checks the same tokens). Then the time: CPU µs per call on the documented token and the KYB
// token, interleaved rounds, and the ratio B/A per round (median and range); then the same for the
// wasm export alone (the glue's inspectShareToken called with the arguments the API layer passes),
// which leaves out the JavaScript around it and so varies less on a busy machine. Asserts nothing
// about time.
//   node bench/ab-tokens.mjs DIR_A DIR_B [--quick]
// DIR_A, DIR_B: package directories as scripts/build.sh leaves them in pkg/ (copy one aside first).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { interleaved, summary } from './timing.mjs';
import { seeded } from '../tests/support/seeded.mjs';

const [dirA, dirB] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
if (!dirA || !dirB) {
  console.error('usage: node bench/ab-tokens.mjs DIR_A DIR_B [--quick]');
  process.exit(2);
}
const quick = process.argv.includes('--quick');
const require = createRequire(import.meta.url);
const A = require(resolve(dirA));
const B = require(resolve(dirB));
const vectors = JSON.parse(readFileSync(new URL('../tests/vectors/share_tokens.json', import.meta.url), 'utf8')).inspect;

// A fixed seed: the same damaged tokens on every run.
const { rand, pick } = seeded(0x5eed);
const b64url = (/** @type {string} */ s) => Buffer.from(s, 'utf8').toString('base64url');

/** Payload texts re-encoded from a token's claims. @param {Record<string, unknown>} c */
function payloads(c) {
  const text = JSON.stringify(c);
  const { session_kind: _, ...noKind } = c;
  return [
    text,
    JSON.stringify(noKind),
    JSON.stringify({ ...c, session_kind: 'business' }),
    JSON.stringify({ ...c, session_kind: 'robot' }),
    JSON.stringify({ ...c, session_kind: 7 }),
    JSON.stringify({ ...c, iat: String(c.iat), exp: ` ${c.exp}_0 ` }),
    JSON.stringify({ ...c, iat: 1.5, exp: 1e300, nbf: 2e9 }),
    JSON.stringify({ ...c, aud: 'x', extra: [1, { a: 2 }], n: null }),
    JSON.stringify({ ...c, session_id: 'not-a-uuid', for_application_id: 5, from_application_id: null }),
    `${text.slice(0, -1)},"exp":${c.exp},"iat":${c.iat},"exp":1}`,
    `\ufeff${text}`,
    `${text} x`,
    text.replace(/"session_id"/, '"session_\\u0069d"').replace(/:"/, ':"\\u00e9\\ud83d\\ude00'),
    '[1,2]',
    '"s"',
    '',
    '{"a":' + '['.repeat(200) + ']'.repeat(200) + '}',
  ];
}

const HEADERS = ['{"alg":"HS256","typ":"JWT"}', '{"alg":"none"}', '{"typ":"at+jwt","alg":"RS256"}', '{"alg":5,"typ":[]}', '{}', 'nope'];
const FLIPS = ['.', '=', '+', '/', ' ', '"', '%', '\u00e9', '\n', 'A', '_', '-', '\u0000', '\ud800', 'eyJ'];

/** Every token to compare, with the options to inspect it with. */
const cases = [];
for (const v of vectors) {
  const options = v.options ?? {};
  const base = { ...options, now: (options.now ?? 1753630700) * 1000 };
  const variants = [{ ...base }, { ...base, applicationId: 'dbd20e34-42e9-4f2c-ba91-cf0762016f64', clockToleranceSeconds: 30, minRemainingSeconds: 120 }];
  const t = /** @type {string} */ (v.token);
  const tokens = [t];
  for (let i = 0; i <= t.length; i += 1 + Math.floor(rand() * 9)) tokens.push(t.slice(0, i));
  for (let i = 0; i < 40 && t.length; i++) {
    const at = Math.floor(rand() * t.length);
    tokens.push(t.slice(0, at) + pick(FLIPS) + t.slice(at + 1));
  }
  tokens.push(`Bearer ${t}`, `"${t}"`, ` ${t}\n`, `https://x.test/?share_token=${encodeURIComponent(t)}`, JSON.stringify({ share_token: t }), t.replace(/(.{60})/g, '$1\n'));
  const [h, p, s] = t.split('.');
  let claims = null;
  try {
    claims = JSON.parse(Buffer.from(p ?? '', 'base64url').toString('utf8'));
  } catch {}
  if (claims && typeof claims === 'object' && !Array.isArray(claims)) {
    // Every step finding something (more than 20 findings: the core's numbers need more room).
    const many = JSON.stringify({ ...claims, session_id: 1, session_kind: [], iat: '12', exp: 1.5, nbf: 9e9, aud: 1, z: 1 }).replace('}', ',"z":2}');
    tokens.push(` Bearer "${b64url('{"alg":"none","typ":5,"alg":"x"}')}=.${b64url(many)}.abc==" `);
    for (const text of payloads(claims)) {
      tokens.push(`${h}.${b64url(text)}.${s ?? ''}`, `${b64url(pick(HEADERS))}.${b64url(text)}`, `${h}.${b64url(text)}=.${s}==`);
    }
  }
  for (const token of tokens) for (const o of variants) cases.push({ token, o });
}

let differ = 0;
for (const { token, o } of cases) {
  /** @param {any} kit */
  const run = (kit) => {
    try {
      return JSON.stringify(kit.inspectShareToken(token, o));
    } catch (e) {
      return `throws ${/** @type {any} */ (e).code} ${/** @type {Error} */ (e).message}`;
    }
  };
  const [a, b] = [run(A), run(B)];
  if (a !== b) {
    if (differ++ < 5) console.error(`differ: ${JSON.stringify(token)} ${JSON.stringify(o)}\n  A ${a}\n  B ${b}`);
  }
}
console.log(`results: ${cases.length} inspections compared, ${differ} differ`);
if (differ) process.exit(1);

console.log('B/A, CPU time per call of inspectShareToken (median, range over rounds)');
for (const name of ['documented token, 34 s after minting, for my application', 'KYB token']) {
  const v = vectors.find((/** @type {any} */ x) => x.name === name);
  const o = { applicationId: v.options.applicationId ?? 'a5f3bca2-46e2-411e-90ef-a580900a57ee', now: v.options.now * 1000 };
  const r = interleaved({ A: () => A.inspectShareToken(v.token, o), B: () => B.inspectShareToken(v.token, o) }, quick ? 8 : 22, quick ? 40 : 100, { alternate: true });
  const ratio = summary(r.B.map((x, i) => x / r.A[i]));
  console.log(`${name.padEnd(58)} A ${summary(r.A).median.toFixed(2)} µs  B ${summary(r.B).median.toFixed(2)} µs  B/A ${ratio.median.toFixed(3)} (${ratio.min.toFixed(2)}–${ratio.max.toFixed(2)})`);
}

console.log('B/A, CPU time per call of the wasm export alone (the raw glue function, same arguments)');
const rawA = require(resolve(dirA, 'wasm/full/didit_kit.cjs'));
const rawB = require(resolve(dirB, 'wasm/full/didit_kit.cjs'));
for (const name of ['documented token, 34 s after minting, for my application', 'KYB token']) {
  const v = vectors.find((/** @type {any} */ x) => x.name === name);
  const bytes = new TextEncoder().encode(v.token);
  const numbers = new Float64Array(16 + 5 * 8);
  const app = v.options.applicationId ?? 'a5f3bca2-46e2-411e-90ef-a580900a57ee';
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  /**
   * The export with what the glue does around it: the token into wasm memory, the report's text
   * out. Two boundary forms: `inspectShareToken` (bytes and a Float64Array through the glue) and
   * `inspectShareTokenIn` (input and report in the module's memory, src/wasm.rs).
   * @param {any} raw
   */
  const call = (raw) => {
    if (typeof raw.inspectShareTokenIn !== 'function') {
      return () => raw.inspectShareToken(bytes, v.options.now, app, 0, 0, 8192, numbers);
    }
    const at = raw.shareTokenInput(app.length + 3 * v.token.length);
    return () => {
      const u8 = new Uint8Array(raw.wasmMemory().buffer);
      for (let i = 0; i < app.length; i++) u8[at + i] = app.charCodeAt(i);
      const n = new TextEncoder().encodeInto(v.token, u8.subarray(at + app.length)).written;
      const head = raw.inspectShareTokenIn(app.length, n, v.options.now, 0, 0, 8192) / 8;
      const f = new Float64Array(raw.wasmMemory().buffer);
      return decoder.decode(new Uint8Array(f.buffer, f[head], f[head + 1]));
    };
  };
  const r = interleaved({ A: call(rawA), B: call(rawB) }, quick ? 8 : 30, quick ? 40 : 60, { alternate: true });
  const ratio = summary(r.B.map((x, i) => x / r.A[i]));
  console.log(`${name.padEnd(58)} A ${summary(r.A).median.toFixed(2)} µs  B ${summary(r.B).median.toFixed(2)} µs  B/A ${ratio.median.toFixed(3)} (${ratio.min.toFixed(2)}–${ratio.max.toFixed(2)})`);
}
