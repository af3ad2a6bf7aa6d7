// @ts-check
// Prints the size of the shipped WebAssembly modules, raw and gzip -9 (what a CDN or the
// Workers upload limit counts), and of what each entry point loads (glue + API JS + wasm).
//   node scripts/size.mjs [unoptimised.wasm ...]   (the build passes wasm-bindgen's output, before wasm-opt)
import { readFileSync, existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const pkg = fileURLToPath(new URL('../pkg/', import.meta.url));
/** @param {string} file */
const sizes = (file) => {
  const b = readFileSync(file);
  return { raw: b.length, gzip: gzipSync(b, { level: 9 }).length };
};
/** @param {{ raw: number, gzip: number }} s */
const fmt = (s) => `${(s.raw / 1024).toFixed(1)} KB raw, ${(s.gzip / 1024).toFixed(1)} KB gzip (${s.raw} / ${s.gzip} bytes)`;

for (const file of process.argv.slice(2)) {
  if (existsSync(file)) console.log(`before wasm-opt  ${file.replace(/.*\//, '').padEnd(24)} ${fmt(sizes(file))}`);
}
// The ESM each browser entry imports (besides the wasm-bindgen glue).
const common = ['errors.mjs', 'args.mjs', 'webhook.mjs', 'http.mjs', 'init.mjs'];
for (const [variant, entry, target, js] of /** @type {[string, string, number, string[]][]} */ ([
  ['full', 'web.mjs', 64 * 1024, [...common, 'api.mjs', 'share-token.mjs', 'models.mjs']],
  ['verify', 'verify/web.mjs', 32 * 1024, common],
])) {
  const wasm = sizes(join(pkg, 'wasm', variant, 'didit_kit_bg.wasm'));
  const parts = [...js, entry, `wasm/${variant}/didit_kit.mjs`].map((f) => readFileSync(join(pkg, f)));
  const all = Buffer.concat([...parts, readFileSync(join(pkg, 'wasm', variant, 'didit_kit_bg.wasm'))]);
  const total = { raw: all.length, gzip: parts.reduce((n, p) => n + gzipSync(p, { level: 9 }).length, wasm.gzip) };
  console.log(`${variant.padEnd(6)} wasm module       ${fmt(wasm)}   (target <= ${target / 1024} KB gzip: ${wasm.gzip <= target ? 'met' : 'NOT met'})`);
  console.log(`${variant.padEnd(6)} wasm + its JS     ${fmt(total)}   (unminified glue and API, each file gzipped)`);
}
