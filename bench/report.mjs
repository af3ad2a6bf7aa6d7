// @ts-check
// Regenerates docs/benchmarks.md from one run of the benchmarks on this machine: verification
// speed (bench/verify.mjs, Node entry and portable entry; bench/runtimes.mjs, Deno and workerd),
// share-token inspection (bench/tokens.mjs), the lower bounds of the unmet targets (bench/bounds.mjs),
// module sizes (scripts/size.mjs) and sorting-path memory (bench/soak.mjs memory workload). Every figure in that page comes from this
// run; none is typed by hand. The same run rewrites the start-up block of docs/runtimes.md
// (bench/startup.mjs --write-doc), whose module sizes would otherwise fall behind the build.
//   node bench/report.mjs [--quick]     (needs a built pkg/: scripts/build.sh)
import { SUBTLE_MIN_BYTES } from '../pkg/init.mjs';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { ratioText as ratio } from './timing.mjs';

const quick = process.argv.includes('--quick');
const root = new URL('../', import.meta.url);
/** @param {string[]} args */
const run = (args) => execFileSync(process.execPath, args, { cwd: root, encoding: 'utf8', maxBuffer: 16 << 20 });

const verify = JSON.parse(run(['bench/verify.mjs', '--json', ...(quick ? ['--quick'] : [])]));
const portable = JSON.parse(run(['bench/verify.mjs', '--json', '--portable', ...(quick ? ['--quick'] : [])]));
const runtimes = JSON.parse(run(['bench/runtimes.mjs', '--json', ...(quick ? ['--quick'] : [])]));
const tokens = JSON.parse(run(['bench/tokens.mjs', '--json', ...(quick ? ['--quick'] : [])]));
const bounds = JSON.parse(run(['bench/bounds.mjs', '--json', ...(quick ? ['--quick'] : [])]));
const sizes = run(['scripts/size.mjs']).trim().split('\n');
if (!quick) run(['bench/startup.mjs', '--write-doc']);
const memory = run(['bench/soak.mjs', '--workload=memory', ...(quick ? ['--quick'] : [])])
  .trim()
  .split('\n')
  .map((l) => l.replace(/^soak \(memory\): /, ''));

const cpu = os.cpus();
const machine = `${cpu[0]?.model ?? 'unknown CPU'}, ${cpu.length} logical cores, ${os.type()} ${os.release()} ${os.arch()}; Node ${process.version}`;
const date = new Date().toISOString().slice(0, 16).replace('T', ' ');

/** @param {any} v */
function table(v) {
  const lines = [
    '| body | bytes | didit-kit µs | documented JS µs | HMAC floor µs | didit-kit / floor | documented JS / didit-kit | canonicalize MB/s |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of v.results) {
    lines.push(
      `| ${r.size}, ${r.spelling} | ${r.bytes} | ${r.us.ours.median.toFixed(1)} | ${r.us.documented.median.toFixed(1)} | ${r.us.floor.median.toFixed(1)} | ${ratio(r.oursOverFloor)} | ${ratio(r.documentedOverOurs)} | ${r.canonicalMBs.median.toFixed(0)} |`,
    );
  }
  return lines.join('\n');
}

/** @param {number[]} xs */
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
/** @param {any} r */
function runtimeTable(r) {
  const lines = [
    '| body | bytes | verifyWebhook µs | verifyRequest µs (as shipped) | verifyRequest, HMAC in wasm µs | verifyRequest, Web Crypto HMAC µs | Web Crypto HMAC verify µs (floor) | verifyWebhook / floor |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const c of r.results) {
    const [ours, request, requestCore, requestSubtle, floor] = ['ours', 'request', 'requestCore', 'requestSubtle', 'floor'].map((k) => median(c[k]));
    lines.push(`| ${c.name} | ${c.bytes} | ${ours.toFixed(1)} | ${request.toFixed(1)} | ${requestCore.toFixed(1)} | ${requestSubtle.toFixed(1)} | ${floor.toFixed(1)} | ${(ours / floor).toFixed(2)}× |`);
  }
  return lines.join('\n');
}

/** @param {number} x */
const us = (x) => x.toFixed(1);
/** @param {{ median: number, min: number, max: number }} c */
const range = (c) => `${c.median.toFixed(2)} [${c.min.toFixed(1)}–${c.max.toFixed(1)}]`;
const tokenTable = [
  '| token | inspectShareToken µs | inspect + `.claims` µs | jose `decodeJwt` µs | ratio | jose header + payload µs | alone: inspectShareToken µs | alone: `decodeJwt` µs | ratio alone |',
  '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ...tokens.rows.map((/** @type {any} */ r) => `| ${r.label} | ${range(r.ours)} | ${range(r.oursClaims)} | ${range(r.jose)} | ${(r.ours.median / r.jose.median).toFixed(2)}× | ${r.joseBoth.median.toFixed(2)} | ${range(r.alone.ours)} | ${range(r.alone.jose)} | ${(r.alone.ours.median / r.alone.jose.median).toFixed(2)}× |`),
].join('\n');
const wireBounds = [
  '| body | bytes | HMAC floor | budget (1.5×) | body into wasm and freed | left for the rest | JS layer around an HMAC-only core | didit-kit | didit-kit less the floor |',
  '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ...bounds.wire.map((/** @type {any} */ w) => `| ${w.case} | ${w.bytes} | ${us(w.floor)} | ${us(w.budget)} | ${us(w.crossing)} | ${us(w.budget - w.floor - w.crossing)} | ${us(w.jsLayer)} | ${us(w.ours)} | ${us(w.ours - w.floor)} |`),
].join('\n');
const snapshotBounds = [
  '| body | bytes | HMAC floor | didit-kit | didit-kit / floor | without the snapshot | without the snapshot / floor | the snapshot alone | the snapshot in the call | floor + the body as text | didit-kit / (floor + text) |',
  '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ...bounds.wire.map((/** @type {any} */ w) => `| ${w.case} | ${w.bytes} | ${us(w.floor)} | ${us(w.ours)} | ${ratio(w.oursRatio)} | ${us(w.withoutSnapshot)} | ${ratio(w.withoutSnapshotRatio)} | ${us(w.snapshot)} | ${us(w.ours - w.withoutSnapshot)} | ${us(w.floorText)} | ${ratio(w.oursToFloorText)} |`),
].join('\n');
const spellingBounds = [
  '| body | bytes | documented JS | HMAC floor | budget | `JSON.parse` from bytes | + floor | `JSON.parse` from a string | didit-kit |',
  '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ...bounds.spelling.map((/** @type {any} */ s) => `| ${s.case} | ${s.bytes} | ${us(s.documented)} | ${us(s.floor)} | ${us(s.budget)} | ${us(s.parseBytes)} | ${us(s.parseBytes + s.floor)} | ${us(s.parseString)} | ${us(s.ours)} |`),
].join('\n');
const page = `# Benchmarks

Generated by \`node bench/report.mjs${quick ? ' --quick' : ''}\` on ${date} UTC; machine: ${machine}.
Do not edit by hand: rerun the script (after \`scripts/build.sh\`).

Times are CPU microseconds per call (the process's user + system time, so time spent waiting for
a core on a shared machine is not counted), the median of ${verify.rounds} interleaved rounds;
each ratio is computed per round and given as the median and the range over the rounds.
"documented JS" is Didit's documented approach (\`JSON.parse\`, sort, \`JSON.stringify\`, HMAC);
"HMAC floor" is \`node:crypto\` HMAC-SHA256 over the raw body and a constant-time compare, nothing
else. The bodies are realistic deliveries (\`bench/payloads.mjs\`): *wire format* is what Didit
sends (compact, sorted, ASCII-escaped), *re-serialised* has its keys reordered and \`", "\`
separators, *pretty-printed* is \`JSON.stringify(data, null, 2)\`; the last two take the sorting
path. "canonicalize MB/s" is \`canonicalize()\` alone on that body (sorting path for the last two).

## Node (\`didit-kit\`, HMAC by \`node:crypto\`)

${table(verify)}

## Portable entry (HMAC-SHA256 in WebAssembly, as in workerd, Deno and browsers)

The "documented JS" and floor columns still use \`node:crypto\` here.

${table(portable)}

## Deno and workerd (\`bench/runtimes.mjs\`)

Inside each runtime, against its own Web Crypto \`crypto.subtle.verify('HMAC', ...)\` over the raw
body. \`verifyWebhook\` is synchronous, so its HMAC runs in WebAssembly (neither runtime has a
synchronous native HMAC). \`verifyRequest\` includes building a \`Request\` (with its
Content-Length, as a delivery arrives) and reading it; it is timed as shipped (in workerd, Web
Crypto computes the HMAC from ${SUBTLE_MIN_BYTES / 1024} KB of body up), and, in the same rounds, built with every HMAC in
WebAssembly and with Web Crypto's at every size. Wall-clock µs per delivery, median of the rounds
(Deno: timed inside; workerd: a Worker's clock stands still during a request, so requests running
n and 1 deliveries are timed from outside on 127.0.0.1).

${runtimes.deno.version}:

${runtimeTable(runtimes.deno)}

workerd ${runtimes.workerd.version}:

${runtimeTable(runtimes.workerd)}

## Share tokens (\`bench/tokens.mjs\`)

Target: \`inspectShareToken\` no slower than jose's \`decodeJwt\` on the same token (ratio ≤ 1.00).
CPU µs per call: first the median [range] of ${tokens.rounds} interleaved rounds in one process, then
each contender alone, in processes of its own (the median [range] of ${tokens.rows[0].alone.processes} processes each, alternating):
in one process the contenders share V8's inline caches and heap, which moves \`decodeJwt\` by up to a
third. \`decodeJwt\` only decodes and parses the payload; \`inspectShareToken\` also decodes the
header and the signature, checks every claim, the clock and the application, and returns the header
and the claims.

${tokenTable}

## Lower bounds of the targets not met (\`bench/bounds.mjs\`)

Each target's budget, measured against its baseline in this run, beside the work any verifier or
inspector of this design must do, measured alone (CPU µs per call, medians of ${bounds.rounds} interleaved
rounds). What the numbers mean is in [performance.md](performance.md).

Wire format (target: within 1.5× the HMAC floor). The HMAC costs the floor wherever it runs, and
the core reads the body from WebAssembly memory; "left for the rest" is what argument checks, the
headers, the escapes, the signed time and the result object may cost together. "JS layer around an
HMAC-only core" is the package's own JavaScript (argument checks, headers, packing, the payload
snapshot, the result object) around a stand-in core that does only the floor's HMAC:

${wireBounds}

The same package with its payload snapshot (the copy of the body that \`payload\` parses later, so
that it is the bytes that were verified whatever the caller then does with its buffer) replaced
by a constant, beside the snapshot alone (\`isAscii\` and a Latin-1 string) and what it adds to
the call (didit-kit less the column before it: the copy and the young-generation garbage
collection its 35 KB strings cause). The last two columns compare with the floor plus the body
as text (\`body.toString()\`), which any handler that parses the body makes; \`payload\` parses the
snapshot itself:

${snapshotBounds}

Any spelling (target: at least 5× faster than the documented JS and within 4× the floor; the
budget is the smaller of the two). A verifier has to read the whole body with Python's rules and
then HMAC the canonical text; V8's native \`JSON.parse\` is the fastest JSON reader in the process:

${spellingBounds}

## Module sizes (\`scripts/size.mjs\`)

\`\`\`
${sizes.join('\n')}
\`\`\`

## Memory on the sorting path (\`bench/soak.mjs --workload=memory\`)

Peak WebAssembly memory of a fresh instance canonicalizing one body that needs sorting:

${memory.map((l) => `- ${l}`).join('\n')}
`;
writeFileSync(new URL('docs/benchmarks.md', root), page);
console.log(page);
