#!/usr/bin/env node
// Copies the example files into the Markdown that shows them, so a snippet in the docs is always
// a file the test suite runs (tests/frameworks/frameworks.test.mjs runs examples/frameworks/).
//
//   node scripts/docs-examples.mjs           rewrite the blocks in README.md and docs/*.md
//   node scripts/docs-examples.mjs --check   fail (exit 1) when any block differs from its file
//
// A block is a fenced code block between two markers:
//   <!-- example examples/frameworks/fastify.mjs -->          the whole file
//   <!-- example examples/frameworks/fastify.mjs#readme -->   only the `// #region readme` parts
//   <!-- /example -->
// Region marker lines (`// #region NAME`, `// #endregion NAME`) never appear in the docs; two
// regions of one file are joined by a `// ...` line.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const check = process.argv.includes('--check');
const LANG = { '.mjs': 'js', '.js': 'js', '.cjs': 'js', '.ts': 'ts' };
const MARKER = /^(<!-- example (\S+?)(?:#(\S+))? -->\n)[\s\S]*?^(<!-- \/example -->)$/gm;
const REGION = /^\s*\/\/ #(region|endregion) (\S+)\s*$/;

/** The text a marker stands for. @param {string} file @param {string | undefined} region */
function snippet(file, region) {
  const lines = readFileSync(join(ROOT, file), 'utf8').replace(/\n+$/, '').split('\n');
  if (region === undefined) return lines.filter((l) => !REGION.test(l)).join('\n');
  /** @type {string[][]} */
  const parts = [];
  /** @type {string[] | undefined} */
  let current;
  for (const line of lines) {
    const m = REGION.exec(line);
    if (m && m[2] === region) {
      if (m[1] === 'region') parts.push((current = []));
      else current = undefined;
    } else if (current && !REGION.test(line)) current.push(line);
  }
  if (parts.length === 0) throw new Error(`${file} has no region "${region}"`);
  return parts.map((p) => p.join('\n')).join('\n// ...\n');
}

const docs = ['README.md', ...readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
const stale = [];
let blocks = 0;
for (const doc of docs) {
  const path = join(ROOT, doc);
  const text = readFileSync(path, 'utf8');
  const next = text.replace(MARKER, (_all, open, file, region, close) => {
    blocks++;
    const lang = LANG[/** @type {keyof typeof LANG} */ (extname(file))] ?? '';
    return `${open}\`\`\`${lang}\n${snippet(file, region)}\n\`\`\`\n${close}`;
  });
  if (next === text) continue;
  if (check) stale.push(doc);
  else writeFileSync(path, next);
}
if (stale.length > 0) {
  console.error(`docs examples: ${stale.join(', ')} differ from the example files; run node scripts/docs-examples.mjs`);
  process.exit(1);
}
console.log(`docs examples: ${blocks} blocks in sync${check ? '' : ' (rewritten where needed)'}`);
