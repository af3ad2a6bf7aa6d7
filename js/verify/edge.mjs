// didit-kit/verify on Vercel and Next.js edge runtimes (the `edge-light` condition): see ../edge.mjs.
import wasmModule from '../wasm/verify/didit_kit_verify_bg.wasm?module';
import { initSync } from './web.mjs';

initSync(wasmModule);
export * from './web.mjs';
