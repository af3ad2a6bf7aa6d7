// A page bundled by Vite or webpack with both entry points imported as documented: `await init()`
// loads each module (the bundler emitted the .wasm file it found through `new URL(..., import.meta.url)`).
// The test drives `verifyIn` with deliveries a Python script signed, relayed by a local server.
import * as full from 'didit-kit';
import * as verify from 'didit-kit/verify';

const entries = { full, verify };

globalThis.verifyIn = (entry, bytes, headers, secret) => {
  try {
    const r = entries[entry].verifyWebhook(new Uint8Array(bytes), headers, secret);
    return { status: 200, method: r.method };
  } catch (err) {
    return { status: 401, code: err.code };
  }
};

try {
  let beforeInit = 'no error';
  try {
    verify.verifyWebhook('{}', {}, 's');
  } catch (err) {
    beforeInit = err.code;
  }
  await full.init();
  await verify.init();
  globalThis.__result = { beforeInit, canonical: full.canonicalize('{"b":1.0,"a":[2]}') };
} catch (err) {
  globalThis.__result = { error: String(err && err.stack) };
}
globalThis.__done = true;
