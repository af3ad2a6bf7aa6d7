// @ts-check
// Compares builds of the package (e.g. release profiles) on bench/verify.mjs's deliveries:
// µs of CPU time per verifyWebhook, each build loaded twice (the Node entry, HMAC in node:crypto;
// the portable web.mjs entry as workerd/Deno/browsers load it, HMAC in wasm), measured in
// interleaved short batches and reported as the minimum over the batches: CPU time and the
// minimum keep other processes on a busy machine out of the figures. Asserts nothing.
//   node bench/profiles.mjs LABEL=PKG_DIR [LABEL=PKG_DIR ...]
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { delivery, pythonCompactAscii } from './payloads.mjs';

const require = createRequire(import.meta.url);
const SECRET = 'bench_secret_43_chars_xxxxxxxxxxxxxxxxxxxxx';
const NOW = 1774970000;
const ROUNDS = Number(process.env.ROUNDS || 15);

const builds = [];
for (const arg of process.argv.slice(2)) {
  const [label, dir] = arg.split('=');
  const abs = resolve(dir);
  const node = require(abs);
  const portable = await import(pathToFileURL(join(abs, 'web.mjs')).href + `?${label}`);
  portable.initSync(readFileSync(join(abs, 'wasm', 'full', 'didit_kit_full_bg.wasm')));
  const wasm = readFileSync(join(abs, 'wasm', 'verify', 'didit_kit_verify_bg.wasm'));
  builds.push({ label, entries: { node, portable }, wasmBytes: wasm.length });
}
if (builds.length === 0) throw new Error('usage: node bench/profiles.mjs LABEL=PKG_DIR ...');

const lower = (/** @type {Record<string, string>} */ h) => Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toLowerCase(), v]));
const signer = builds[0].entries.node;
const cases = [];
for (const [label, hits] of /** @type {const} */ ([['2 KB', 0], ['40 KB', 60]])) {
  const body = Buffer.from(pythonCompactAscii(delivery(hits, NOW)), 'utf8');
  cases.push({ label: `${label} as sent`, body, headers: lower(signer.signWebhook(body, SECRET, { timestamp: NOW })) });
  const pretty = Buffer.from(JSON.stringify(delivery(hits, NOW), null, 2), 'utf8');
  cases.push({ label: `${label} pretty (sort path)`, body: pretty, headers: lower(signer.signWebhook(pretty, SECRET, { timestamp: NOW })) });
}

/** CPU µs per call over one batch of about 20 ms. */
function batch(/** @type {() => unknown} */ fn) {
  let n = 0;
  const t0 = process.cpuUsage();
  let used = 0;
  while (used < 20_000) {
    for (let i = 0; i < 20; i++) fn();
    n += 20;
    const d = process.cpuUsage(t0);
    used = d.user + d.system;
  }
  return used / n;
}

const best = new Map();
const opts = { now: NOW * 1000 };
for (let round = 0; round < ROUNDS; round++) {
  for (const b of builds) {
    for (const [entry, kit] of Object.entries(b.entries)) {
      for (const c of cases) {
        const key = `${b.label}|${entry}|${c.label}`;
        if (round === 0) for (let i = 0; i < 50; i++) kit.verifyWebhook(c.body, c.headers, SECRET, opts);
        const us = batch(() => kit.verifyWebhook(c.body, c.headers, SECRET, opts));
        best.set(key, Math.min(best.get(key) ?? Infinity, us));
      }
    }
  }
}

console.log(`verifyWebhook, µs of CPU per call (min of ${ROUNDS} interleaved batches; Node ${process.version}); ratio to ${builds[0].label}`);
for (const entry of ['node', 'portable']) {
  console.log(`\n${entry === 'node' ? 'Node entry (HMAC in node:crypto)' : 'portable entry (HMAC in wasm: workerd, Deno, browsers)'}`);
  console.log(['delivery'.padEnd(26), ...builds.map((b) => b.label.padStart(16))].join(''));
  for (const c of cases) {
    const base = best.get(`${builds[0].label}|${entry}|${c.label}`);
    const cells = builds.map((b) => {
      const v = best.get(`${b.label}|${entry}|${c.label}`);
      return `${v.toFixed(1)} (${(v / base).toFixed(2)}x)`.padStart(16);
    });
    console.log([c.label.padEnd(26), ...cells].join(''));
  }
}
console.log(`\nverify wasm bytes: ${builds.map((b) => `${b.label} ${b.wasmBytes}`).join(', ')}`);
