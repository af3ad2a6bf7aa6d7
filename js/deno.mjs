// Deno (the `deno` condition): a source-phase import gives the compiled `WebAssembly.Module`
// without any permission, so the module is instantiated synchronously on import.
import source wasmModule from './wasm/full/didit_kit_full_bg.wasm';
import { initSync } from './web.mjs';

initSync(wasmModule);
export * from './web.mjs';
