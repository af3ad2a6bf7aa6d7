// @ts-check
// Builds pkg/devtools/standalone.html: the devtools page as ONE file that works when opened
// straight from disk (file://), where browsers refuse module scripts and wasm fetches from other
// files. The page's script is bundled (esbuild) and inlined, the stylesheet inlined, and the wasm
// module embedded as base64 and passed to init(). Its Content-Security-Policy allows no network
// at all (connect-src 'none').
//   node scripts/standalone.mjs   (run by scripts/build.sh after pkg/ is assembled)
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const esbuild = createRequire(import.meta.url)(join(ROOT, 'node_modules', 'esbuild'));
const dir = join(ROOT, 'pkg', 'devtools');

const bundle = esbuild.buildSync({
  entryPoints: [join(dir, 'devtools.mjs')],
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  write: false,
  logLevel: 'error',
}).outputFiles[0].text;
const wasm = readFileSync(join(ROOT, 'pkg', 'wasm', 'full', 'didit_kit_full_bg.wasm')).toString('base64');
const css = readFileSync(join(dir, 'devtools.css'), 'utf8');

let html = readFileSync(join(dir, 'index.html'), 'utf8');
const swap = (/** @type {RegExp} */ re, /** @type {string} */ by) => {
  if (!re.test(html)) throw new Error(`standalone: ${re} not found in index.html`);
  html = html.replace(re, () => by);
};
swap(
  /<meta http-equiv="Content-Security-Policy"[^>]*>/,
  `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline' 'wasm-unsafe-eval'; style-src 'unsafe-inline'; img-src data:; connect-src 'none'; form-action 'none'; base-uri 'none'">`,
);
swap(/<link rel="stylesheet" href="devtools.css">/, `<style>\n${css}\n</style>`);
// `</script` cannot appear inside an inline script; the bundle is JS, so escape it where it could.
const inline = (/** @type {string} */ js) => js.replace(/<\/script/gi, '<\\/script');
swap(
  /<script type="module" src="devtools.mjs"><\/script>/,
  `<script>globalThis.__DIDIT_KIT_WASM__ = Uint8Array.from(atob("${wasm}"), (c) => c.charCodeAt(0));</script>\n` +
    `<script type="module">\n${inline(bundle)}\n</script>`,
);
writeFileSync(join(dir, 'standalone.html'), html);
console.error(`[build] pkg/devtools/standalone.html: ${(html.length / 1024).toFixed(0)} KB, opens from disk with no network`);
