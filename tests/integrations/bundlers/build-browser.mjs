// Builds browser/ with Vite and with webpack in production mode, each with no configuration beyond
// where to read and write: node build-browser.mjs <vite|webpack> <outDir>
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

const [tool, outDir] = process.argv.slice(2);
const root = join(import.meta.dirname, 'browser');
if (tool === 'vite') {
  const { build } = await import('vite');
  await build({ root, logLevel: 'warn', build: { outDir, emptyOutDir: true } });
} else if (tool === 'webpack') {
  const { default: webpack } = await import('webpack');
  const stats = await new Promise((ok, fail) =>
    webpack({ mode: 'production', entry: join(root, 'main.js'), output: { path: outDir, clean: true } }, (err, s) => (err ? fail(err) : ok(s))),
  );
  if (stats.hasErrors()) throw new Error(stats.toString('errors-only'));
  mkdirSync(outDir, { recursive: true });
  copyFileSync(join(root, 'index.html'), join(outDir, 'index.html'));
} else {
  throw new Error(`unknown tool ${tool}`);
}
