// @ts-check
// workerd: a Worker that runs `n` deliveries of one case per request (time inside a Worker does
// not advance during a request, so bench/runtimes.mjs times the requests from outside).
import wasmModule from './didit_kit_full_bg.wasm';
import { initSync } from '../../pkg/web.mjs';
import * as kit from '../../pkg/web.mjs';
import { setup, repeat } from './cases.mjs';

initSync(wasmModule);
/** @type {Promise<any[]>} */
const ready = setup(kit);

export default {
  /** @param {Request} request */
  async fetch(request) {
    const url = new URL(request.url);
    const cases = await ready;
    if (url.pathname === '/cases') return Response.json(cases.map((c) => ({ name: c.name, bytes: c.bytes })));
    const c = cases[Number(url.searchParams.get('case'))];
    const what = /** @type {'ours' | 'request' | 'floor'} */ (['request', 'floor'].includes(url.searchParams.get('what') ?? '') ? url.searchParams.get('what') : 'ours');
    await repeat(c[what], Number(url.searchParams.get('n')));
    return new Response('ok');
  },
};
