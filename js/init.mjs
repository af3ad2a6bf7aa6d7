// @ts-check
// Loading for wasm-bindgen's `web` glue (browsers, workerd, Deno, any other runtime). The glue's
// functions fail with an unhelpful TypeError before the module is instantiated, so each is
// wrapped to throw a coded Error that says what to do instead.

/**
 * @param {string} name
 */
function notInitialized(name) {
  const error = new Error(
    `didit-kit: ${name}() was called before the WebAssembly module was loaded; ` +
      'call `await init()` once first (browsers load the module asynchronously; ' +
      'Node, Cloudflare Workers, Deno and edge runtimes load it on import). In a Worker or an edge ' +
      'function this means the bundler picked the browser entry: bundle with wrangler (or Next.js), ' +
      'or give your bundler the runtime\'s condition (esbuild --conditions=workerd, or edge-light)',
  );
  /** @type {any} */ (error).code = 'ERR_NOT_INITIALIZED';
  return error;
}

/**
 * @param {Record<string, any>} glue  the namespace of wasm-bindgen's `web` glue
 */
export function loadable(glue) {
  let ready = false;
  /** @type {Record<string, Function>} */
  const raw = {};
  for (const name of Object.keys(glue)) {
    const f = glue[name];
    if (typeof f !== 'function' || name === 'default' || name === 'initSync') continue;
    raw[name] = (/** @type {unknown[]} */ ...args) => {
      if (!ready) throw notInitialized(name);
      return f(...args);
    };
  }

  /**
   * Loads the module: by default from the `.wasm` file next to the glue (`fetch`), or from a
   * URL, `Response`, bytes or `WebAssembly.Module` you pass. Calling it again is a no-op.
   * @param {unknown} [input]
   */
  async function init(input) {
    if (ready) return;
    await glue.default(input === undefined ? undefined : { module_or_path: await input });
    ready = true;
  }

  /**
   * Loads the module synchronously from its bytes or a compiled `WebAssembly.Module`.
   * @param {unknown} module
   */
  function initSync(module) {
    if (ready) return;
    glue.initSync({ module });
    ready = true;
  }

  return { raw: /** @type {any} */ (raw), init, initSync };
}

/**
 * Body size from which Web Crypto's HMAC, awaited, costs less than the module's own inside
 * workerd (`node bench/runtimes.mjs`, docs/performance.md).
 */
export const SUBTLE_MIN_BYTES = 4096;

/**
 * The platform hooks for runtimes whose Web Crypto HMAC is faster than the module's: workerd
 * (Cloudflare Workers), recognised as Cloudflare documents (`navigator.userAgent`). There the
 * async helpers (`verifyRequest`, `webhookHandler`) have Web Crypto compute the HMAC of a body
 * from SUBTLE_MIN_BYTES up (js/webhook.mjs, verifyWebhookNative); the synchronous functions
 * never do. Deno's and browsers' Web Crypto measured slower than the module's HMAC, and they
 * get none.
 * @returns {{ subtle?: SubtleCrypto, subtleMinBytes?: number }}
 */
export function webCryptoPlatform() {
  const subtle = globalThis.crypto?.subtle;
  const workerd = typeof navigator !== 'undefined' && navigator.userAgent === 'Cloudflare-Workers';
  return workerd && subtle !== undefined ? { subtle, subtleMinBytes: SUBTLE_MIN_BYTES } : {};
}
