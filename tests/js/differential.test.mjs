// @ts-check
// Differential test: Python (tests/differential/gen_cases.py, Didit's algorithm with Python's own
// json and hmac) generates adversarial deliveries; the built package must agree on every one:
// same verdict, same method, same secret, and byte-identical canonical forms.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const kit = require('../../pkg');
const COUNT = Number(process.env.DIFFERENTIAL_COUNT || 12000);
const SEED = Number(process.env.DIFFERENTIAL_SEED || 1);

test(`differential: ${COUNT} Python-signed deliveries (seed ${SEED})`, { timeout: 15 * 60 * 1000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'didit-kit-diff-'));
  try {
    const file = join(dir, 'cases.jsonl');
    execFileSync('python3', ['tests/differential/gen_cases.py', '--out', file, '--count', String(COUNT), '--seed', String(SEED)], {
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    const failures = [];
    const counts = { positive: 0, negative: 0, canonical: 0 };
    const rl = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
    for await (const line of rl) {
      if (!line) continue;
      const c = JSON.parse(line);
      counts[c.kind]++;
      const body = Buffer.from(c.body_b64, 'base64');
      const r = kit.tryVerifyWebhook(body, c.headers, c.secrets, { now: c.now * 1000, allowSimple: c.allow_simple });
      const got = r.ok ? { ok: true, method: r.method, secret_index: r.secretIndex, timestamp: r.timestamp } : { ok: false, code: r.code };
      if (JSON.stringify(got) !== JSON.stringify(c.expect)) failures.push(`${c.id}: expected ${JSON.stringify(c.expect)}, got ${JSON.stringify(got)}${r.ok ? '' : ' (' + r.message + ')'}`);
      if (c.canonical_b64) {
        counts.canonical++;
        for (const [ascii, key] of [[false, 'canonical_b64'], [true, 'canonical_ascii_b64']]) {
          const mine = Buffer.from(kit.canonicalize(body, { ascii }), 'utf8');
          if (!mine.equals(Buffer.from(c[key], 'base64'))) failures.push(`${c.id}: canonical (ascii=${ascii}) differs from Python`);
        }
      }
    }
    console.log(`differential: ${counts.positive} positive, ${counts.negative} negative, ${counts.canonical} canonical forms compared, ${failures.length} disagreements`);
    assert.ok(counts.positive + counts.negative >= COUNT, 'generator produced too few cases');
    assert.deepEqual(failures.slice(0, 20), [], `${failures.length} disagreements with Python`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
