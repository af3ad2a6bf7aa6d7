// @ts-check
// TypeScript: consumer files compiled with `tsc --strict` against the built package (one must
// compile; each fail-*.ts must fail with the error its header names), and the golden report of
// the emitted types (tests/types/api.golden.txt), so any change to the types shows in review.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { apiReport, GOLDEN } from '../types/api-report.mjs';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const TYPES = join(ROOT, 'tests/types');
const TSC = join(ROOT, 'node_modules/typescript/bin/tsc');

/**
 * Compiles `file` (in a project that installs the package by link); returns [exit code, output].
 * With `defaults`, no tsconfig: `tsc --strict --noEmit file`, whose target is ES5.
 */
function tsc(/** @type {string} */ file, defaults = false) {
  const dir = mkdtempSync(join(tmpdir(), 'didit-kit-tsc-'));
  try {
    mkdirSync(join(dir, 'node_modules'));
    symlinkSync(join(ROOT, 'pkg'), join(dir, 'node_modules', 'didit-kit'), 'dir');
    copyFileSync(join(TYPES, file), join(dir, file));
    writeFileSync(join(dir, 'package.json'), defaults ? '{}\n' : '{"type":"module"}\n');
    if (defaults) {
      try {
        return [0, execFileSync(process.execPath, [TSC, '--strict', '--noEmit', '--pretty', 'false', file], { cwd: dir, encoding: 'utf8' })];
      } catch (e) {
        const err = /** @type {any} */ (e);
        return [err.status, `${err.stdout}${err.stderr}`];
      }
    }
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({
      compilerOptions: {
        strict: true, noEmit: true, target: 'es2022', module: 'nodenext', moduleResolution: 'nodenext',
        lib: ['es2022', 'dom'], types: [], noUnusedLocals: true, exactOptionalPropertyTypes: true, skipLibCheck: false,
      },
      files: [file],
    }));
    try {
      return [0, execFileSync(process.execPath, [TSC, '-p', dir, '--pretty', 'false'], { cwd: dir, encoding: 'utf8' })];
    } catch (e) {
      const err = /** @type {any} */ (e);
      return [err.status, `${err.stdout}${err.stderr}`];
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('a consumer narrowing on session_kind and webhook_type compiles with --strict', () => {
  const [code, out] = tsc('consumer.ts');
  assert.equal(code, 0, out);
});

test("the consumer compiles with tsc's defaults too (no tsconfig: target ES5, the default libraries)", () => {
  const [code, out] = tsc('consumer.ts', true);
  assert.equal(code, 0, out);
});

test('a consumer of didit-kit/verify compiles, its verifications without `event`', () => {
  const [code, out] = tsc('consumer-verify.ts');
  assert.equal(code, 0, out);
});

test('misuses fail to compile with the expected error', () => {
  const files = readdirSync(TYPES).filter((f) => f.startsWith('fail-') && f.endsWith('.ts'));
  assert.ok(files.length >= 4);
  for (const file of files) {
    const m = /^\/\/ expect: (TS\d+) (.+)$/m.exec(readFileSync(join(TYPES, file), 'utf8'));
    assert.ok(m, `${file} names its expected error`);
    const [code, out] = tsc(file);
    assert.notEqual(code, 0, `${file} compiled`);
    assert.ok(out.includes(`error ${m[1]}: ${m[2]}`), `${file}: expected "${m[1]}: ${m[2]}", got:\n${out}`);
    assert.equal(out.trim().split('\n').filter((l) => / error TS\d+/.test(l)).length, 1, `${file}: exactly one error\n${out}`);
  }
});

test('the emitted types match the reviewed golden copy (node tests/types/api-report.mjs --update after a deliberate change)', () => {
  const report = apiReport();
  const golden = readFileSync(GOLDEN, 'utf8');
  if (report !== golden) {
    const a = golden.split('\n');
    const b = report.split('\n');
    const diff = b.filter((l) => !a.includes(l)).map((l) => `+ ${l.slice(0, 300)}`).concat(a.filter((l) => !b.includes(l)).map((l) => `- ${l.slice(0, 300)}`));
    assert.fail(`the package's types changed:\n${diff.join('\n')}`);
  }
  assert.match(report, /^function parseSessionDecision\(/m);
});
