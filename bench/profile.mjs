// @ts-check
// Where `verifyWebhook`'s CPU time goes, by function, WebAssembly included: the profiles quoted in
// docs/performance.md come from here. Builds the verify module with its name section and without
// wasm-opt (so functions stay apart and keep their names), puts it into a copy of pkg/, runs
// `verifyWebhook` on one bench delivery under `node --cpu-prof`, and prints each function's share
// of the samples (self time). Asserts nothing.
//   node bench/profile.mjs [re|pp|wire] [--size=40|2] [--calls=N] [--phases]
// re: keys reordered and ", " separators; pp: JSON.stringify(data, null, 2); wire: Didit's wire
// format. --phases builds with `--cfg didit_profile_phases`, which keeps the canonical writer's
// steps apart (#[inline(never)] on Tape::read, key, write, top, string, scalar; src/canonical/tape.rs).
// Needs pkg/ (npm run build) for the JavaScript; the named module is built in target/profile, so
// pkg/ and the usual target directory are left as they are. The named build runs slower than the
// shipped module (no wasm-opt: about 15 % on the 40 KB re-serialised delivery; with --phases,
// whose steps are calls, 35-40 %), so read its shares, not its times.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lowerHeaders } from './baselines.mjs';
import { delivery, pythonCompactAscii, reserialised } from './payloads.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const NOW = 1774970000;
const SECRET = 'bench_secret_43_chars_xxxxxxxxxxxxxxxxxxxxx';
const flag = (/** @type {string} */ name, /** @type {string} */ fallback) =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
const spelling = process.argv.slice(2).find((a) => !a.startsWith('--')) ?? 're';
const size = flag('size', '40');
const calls = Number(flag('calls', size === '2' ? '200000' : '20000'));

/** The body of one bench delivery in the chosen spelling. */
function body() {
  const data = delivery(size === '2' ? 0 : 60, NOW);
  const text = { re: () => reserialised(data), pp: () => JSON.stringify(data, null, 2), wire: () => pythonCompactAscii(data) }[spelling];
  if (!text || !['2', '40'].includes(size) || !(calls > 0)) {
    console.error('usage: node bench/profile.mjs [re|pp|wire] [--size=40|2] [--calls=N] [--phases]');
    process.exit(2);
  }
  return Buffer.from(text(), 'utf8');
}

if (process.argv.includes('--run')) {
  // The child: verifyWebhook `calls` times under --cpu-prof, on the package in --pkg.
  const require = createRequire(import.meta.url);
  const dir = flag('pkg', '');
  const kit = require(join(dir, 'verify/node.cjs'));
  const full = require(dir);
  const b = body();
  // Lowercase names, as Node's http module gives them (and as bench/verify.mjs times them).
  const headers = lowerHeaders(full.signWebhook(b, SECRET, { timestamp: NOW }));
  const opts = { now: NOW * 1000 };
  if (!kit.verifyWebhook(b, headers, SECRET, opts).method) throw new Error('the delivery did not verify');
  const t = process.cpuUsage();
  for (let i = 0; i < calls; i++) kit.verifyWebhook(b, headers, SECRET, opts);
  const u = process.cpuUsage(t);
  console.log(`${spelling}, ${b.length} bytes: ${((u.user + u.system) / calls).toFixed(1)} µs CPU per call (named module, profiler on)`);
  process.exit(0);
}

if (!existsSync(join(root, 'pkg/verify/node.cjs'))) {
  console.error('bench/profile.mjs: build pkg/ first (npm run build)');
  process.exit(1);
}
const work = mkdtempSync(join(tmpdir(), 'didit-profile-'));
try {
  const phases = process.argv.includes('--phases');
  const env = {
    ...process.env,
    CARGO_TARGET_DIR: join(root, 'target/profile'),
    RUSTFLAGS: `${process.env.RUSTFLAGS ?? ''}${phases ? ' --cfg didit_profile_phases' : ''}`,
  };
  execFileSync('cargo', ['build', '--release', '--locked', '--target', 'wasm32-unknown-unknown', '--no-default-features'],
    { cwd: root, env, stdio: ['ignore', 'ignore', 'inherit'] });
  const wasm = join(root, 'target/profile/wasm32-unknown-unknown/release/didit_kit.wasm');
  execFileSync('wasm-bindgen', ['--target', 'web', '--no-typescript', '--keep-debug', '--experimental-reset-state-function',
    '--out-dir', join(work, 'bg'), '--out-name', 'didit_kit_verify', wasm], { stdio: 'inherit' });
  const pkg = join(work, 'pkg');
  cpSync(join(root, 'pkg'), pkg, { recursive: true });
  const named = readFileSync(join(work, 'bg/didit_kit_verify_bg.wasm'));
  writeFileSync(join(pkg, 'wasm/verify/didit_kit_verify_bg.wasm'), named);
  writeFileSync(join(pkg, 'wasm/verify/bytes.cjs'), `module.exports = Buffer.from("${named.toString('base64')}", "base64");\n`);

  const profiles = join(work, 'profiles');
  const out = execFileSync(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${profiles}`, fileURLToPath(import.meta.url),
    spelling, `--size=${size}`, `--calls=${calls}`, '--run', `--pkg=${pkg}`], { encoding: 'utf8' });
  process.stdout.write(out);

  const file = readdirSync(profiles).find((n) => n.endsWith('.cpuprofile'));
  if (!file) throw new Error('no .cpuprofile written');
  /** @type {{ nodes: { id: number, callFrame: { functionName: string, url: string } }[], samples: number[], timeDeltas: number[] }} */
  const profile = JSON.parse(readFileSync(join(profiles, file), 'utf8'));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  /** @type {Map<string, number>} */
  const self = new Map();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const n = byId.get(id);
    if (!n) return;
    const dt = profile.timeDeltas[i] ?? 0;
    // Rust symbols without their hash; JavaScript functions with their file.
    const fn = n.callFrame.functionName.replace(/::h[0-9a-f]{16}$/, '') || '(anonymous)';
    const where = n.callFrame.url.startsWith('wasm://') ? 'wasm' : n.callFrame.url.split('/').pop();
    const key = where ? `${fn}  [${where}]` : fn;
    self.set(key, (self.get(key) ?? 0) + dt);
    total += dt;
  });
  console.log(`share of the samples (self time)${phases ? ', the writer\'s steps kept apart' : ''}:`);
  for (const [k, t] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25)) {
    console.log(`${(100 * t / total).toFixed(1).padStart(6)} %  ${k}`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
