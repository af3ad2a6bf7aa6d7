// Cloudflare Workers (the `workerd` condition): importing a `.wasm` file gives a compiled
// `WebAssembly.Module`, so the module is instantiated synchronously on import; no `init()` needed.
import wasmModule from './wasm/full/didit_kit_full_bg.wasm';
import { initSync } from './web.mjs';

initSync(wasmModule);
export * from './web.mjs';
