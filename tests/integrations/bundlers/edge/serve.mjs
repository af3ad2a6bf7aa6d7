// Test harness, not user code: runs edge/handler.mjs in Vercel's edge-runtime the way Vercel's own
// tooling does (`vercel dev`'s edge-function bridge): esbuild with the `edge-light` condition, each
// `.wasm?module` import turned into a global binding that the runtime's context receives as a
// compiled WebAssembly.Module, the bundle evaluated as a script that listens for `fetch` events.
// Prints {"port": n} once listening.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as esbuild from 'esbuild';
import { EdgeRuntime, runServer } from 'edge-runtime';

/** @type {Map<string, string>} binding name -> .wasm path */
const wasm = new Map();
const wasmPlugin = {
  name: 'vercel-edge-wasm',
  setup(build) {
    build.onResolve({ filter: /\.wasm\?module$/ }, async (args) => {
      const path = (await build.resolve(args.path.replace(/\?module$/, ''), { kind: args.kind, resolveDir: args.resolveDir })).path;
      const name = `wasm_${createHash('sha1').update(readFileSync(path)).digest('hex')}`;
      wasm.set(name, path);
      return { path: name, namespace: 'vercel-wasm' };
    });
    build.onLoad({ filter: /.*/, namespace: 'vercel-wasm' }, (args) => ({ contents: `export default globalThis.${args.path};`, loader: 'js' }));
  },
};

const entry = "import handler from './handler.mjs';\naddEventListener('fetch', (event) => event.respondWith(handler(event.request)));\n";
const out = await esbuild.build({
  stdin: { contents: entry, resolveDir: import.meta.dirname, loader: 'js' },
  bundle: true,
  write: false,
  format: 'iife',
  platform: 'browser',
  conditions: ['edge-light', 'worker', 'browser', 'module', 'import', 'require'],
  plugins: [wasmPlugin],
  logLevel: 'warning',
});
const runtime = new EdgeRuntime({
  initialCode: out.outputFiles[0].text,
  extend(context) {
    for (const [name, path] of wasm) context[name] = new WebAssembly.Module(readFileSync(path));
    context.DIDIT_WEBHOOK_SECRET = process.env.DIDIT_WEBHOOK_SECRET;
    return context;
  },
});
const server = await runServer({ runtime, host: '127.0.0.1', port: 0 });
console.log(JSON.stringify({ port: Number(new URL(server.url).port), wasmModules: wasm.size }));
