// Vercel and Next.js edge runtimes (the `edge-light` condition): they refuse to compile WebAssembly
// from bytes at run time, and their bundlers (Next.js with Turbopack or webpack, Vercel's builder)
// turn a `.wasm?module` import into a compiled `WebAssembly.Module`; so the module is instantiated
// synchronously on import, as on Cloudflare Workers, and no `init()` is needed.
import wasmModule from './wasm/full/didit_kit_full_bg.wasm?module';
import { initSync } from './web.mjs';

initSync(wasmModule);
export * from './web.mjs';
