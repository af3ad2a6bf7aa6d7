// @ts-check
// Benchmark: µs per typed parse (parseSessionDecision / parseWebhookEvent) of realistic Didit
// payloads from tests/fixtures/ — a ~54 KB KYC decision with every feature array, a KYB decision
// whose statuses are UPPER_SNAKE (so every status is rewritten), a KYC webhook — next to plain
// JSON.parse of the same text (and, for bytes, TextDecoder + JSON.parse), measured in this run.
// Prints figures and the ratio; asserts nothing about time.
//   node bench/models.mjs [--quick]
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const kit = require('../pkg');
const quick = process.argv.includes('--quick');
const decoder = new TextDecoder();

/**
 * Times `a` and `b` in alternating batches of a few calls, so that both see the same machine
 * load (other processes share the cores); returns each one's µs per call (median over rounds)
 * and the median of the per-round ratios b/a.
 * @param {() => unknown} a @param {() => unknown} b @param {number} rounds
 */
function pair(a, b, rounds) {
  for (let i = 0; i < 200; i++) {
    a();
    b();
  }
  const batch = 10;
  /** @type {number[]} */ const ta = [];
  /** @type {number[]} */ const tb = [];
  /** @type {number[]} */ const ratios = [];
  for (let r = 0; r < rounds; r++) {
    let t0 = process.hrtime.bigint();
    for (let i = 0; i < batch; i++) a();
    const da = Number(process.hrtime.bigint() - t0) / 1000 / batch;
    t0 = process.hrtime.bigint();
    for (let i = 0; i < batch; i++) b();
    const db = Number(process.hrtime.bigint() - t0) / 1000 / batch;
    ta.push(da);
    tb.push(db);
    ratios.push(db / da);
  }
  const median = (/** @type {number[]} */ xs) => [...xs].sort((x, y) => x - y)[xs.length >> 1];
  return [median(ta), median(tb), median(ratios)];
}

const fixtures = [
  ['KYC decision', 'decision-kyc.json', kit.parseSessionDecision],
  ['KYB decision (UPPER_SNAKE)', 'decision-kyb-upper.json', kit.parseSessionDecision],
  ['KYB decision (Title Case)', 'decision-kyb-title.json', kit.parseSessionDecision],
  ['KYC webhook', 'webhook-status-updated-kyc.json', kit.parseWebhookEvent],
];
const rounds = quick ? 30 : 400;
console.log(`typed parse, µs per call (lower is better); Node ${process.version}`);
console.log('payload                        bytes  | JSON.parse | typed parse | ratio | from bytes: decode+JSON.parse | typed | ratio');
for (const [label, file, parse] of /** @type {[string, string, (b: unknown) => unknown][]} */ (fixtures)) {
  const text = readFileSync(new URL(`../tests/fixtures/${file}`, import.meta.url), 'utf8');
  const bytes = Buffer.from(text, 'utf8');
  const notes = kit.modelNotes(parse(text));
  const [plain, typed, ratio] = pair(() => JSON.parse(text), () => parse(text), rounds);
  const [plainB, typedB, ratioB] = pair(() => JSON.parse(decoder.decode(bytes)), () => parse(bytes), rounds);
  const f = (/** @type {number} */ x) => x.toFixed(1).padStart(8);
  console.log(
    `${label.padEnd(28)} ${String(bytes.length).padStart(7)} | ${f(plain)}   | ${f(typed)}    | ${ratio.toFixed(2)}x |      ${f(plainB)}               | ${f(typedB)} | ${ratioB.toFixed(2)}x` +
      (notes.normalized.length ? `   (${notes.normalized.length} statuses rewritten)` : ''),
  );
}
console.log('µs: median over alternating batches; ratio: median of the per-batch ratios. Target: typed parse within 2x of JSON.parse');
