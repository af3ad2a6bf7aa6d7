// @ts-check
// workerd: a Worker that runs `n` deliveries of one case per request (time inside a Worker does
// not advance during a request, so bench/runtimes.mjs times the requests from outside).
import wasmModule from './didit_kit_full_bg.wasm';
import { initSync } from '../../pkg/web.mjs';
import * as kit from '../../pkg/web.mjs';
import * as glue from '../../pkg/wasm/full/didit_kit.mjs';
import { webhookApi } from '../../pkg/webhook.mjs';
import { verifyRequestWith } from '../../pkg/http.mjs';
import { setup, repeat, WHAT } from './cases.mjs';

initSync(wasmModule);
/** @type {Promise<any[]> | undefined} */
let ready;

export default {
  /** @param {Request} request */
  async fetch(request) {
    const url = new URL(request.url);
    // Set up in the first request: a Worker's global scope may not do I/O (reading a Request).
    const cases = await (ready ??= setup(kit, { glue, webhookApi, verifyRequestWith }));
    if (url.pathname === '/cases') return Response.json(cases.map((c) => ({ name: c.name, bytes: c.bytes })));
    const c = cases[Number(url.searchParams.get('case'))];
    const what = /** @type {(typeof WHAT)[number]} */ (WHAT.find((k) => k === url.searchParams.get('what')) ?? 'ours');
    await repeat(c[what], Number(url.searchParams.get('n')));
    return new Response('ok');
  },
};
