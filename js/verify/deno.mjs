// didit-kit/verify on Deno (the `deno` condition): a source-phase import gives the compiled `WebAssembly.Module`
// without any permission, so the module is instantiated synchronously on import.
import source wasmModule from '../wasm/verify/didit_kit_verify_bg.wasm';
import { initSync } from './web.mjs';

initSync(wasmModule);
export * from './web.mjs';
