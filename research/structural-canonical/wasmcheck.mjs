// @ts-nocheck
// Differential check of the wasm builds (./build.sh) against didit-kit's canonicalize (the package
// built at the root) on the documents fuzz.py wrote to target/fuzz-in.txt. LOOSE=1: differences in
// number spelling alone are counted apart.
import fs from 'node:fs';
import { createRequire } from 'node:module';
const kit = createRequire(import.meta.url)('../../pkg');
for (const path of ['build/proto-O3.wasm', 'build/proto-Os.wasm']) {
  const ex = (await WebAssembly.instantiate(fs.readFileSync(new URL(path, import.meta.url)), {})).instance.exports;
  const raw = fs.readFileSync(new URL('target/fuzz-in.txt', import.meta.url));
  let start = 0, same = 0, both = 0, numOnly = 0, bad = 0;
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] !== 10) continue;
    const body = raw.subarray(start, i); start = i + 1;
    let want; try { want = Buffer.from(kit.canonicalize(body), 'utf8'); } catch { want = null; }
    const p = ex.alloc(body.length); new Uint8Array(ex.memory.buffer, p, body.length).set(body);
    const n = ex.canon(p, body.length);
    const got = n < 0 ? null : Buffer.from(new Uint8Array(ex.memory.buffer, ex.out_ptr(), n));
    if (!want && !got) both++;
    else if (want && got && want.equals(got)) same++;
    else if (want && got && process.env.LOOSE && JSON.stringify(JSON.parse(want)) === JSON.stringify(JSON.parse(got))) numOnly++;
    else { bad++; if (bad < 4) console.log('MISMATCH', body.toString().slice(0, 200), '\n kit', want?.toString().slice(0, 100), '\n got', got?.toString().slice(0, 100)); }
  }
  console.log(path, { identical: same, bothRejected: both, numberSpellingOnly: numOnly, mismatches: bad });
}
