#!/usr/bin/env node
// Checks the relative links of README.md and docs/*.md: the file a link names must exist, and a
// `#anchor` must be a heading of that file (GitHub's slugs: lower case, punctuation dropped,
// spaces to hyphens, `-1`, `-2`... for repeats) or an explicit `<a id="...">` / `name="..."`.
// Links to other sites are not fetched. Code blocks and inline code are skipped.
//
//   node scripts/check-doc-links.mjs      exit 1 and one line per dead link, else a count
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const docs = ['README.md', ...readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

/** The text outside fenced code blocks, line by line (fenced lines become empty). @param {string} text */
function prose(text) {
  let fence = '';
  return text.split('\n').map((line) => {
    const m = /^\s*(`{3,}|~{3,})/.exec(line);
    if (m && (fence === '' || m[1].startsWith(fence))) {
      fence = fence === '' ? m[1] : '';
      return '';
    }
    return fence === '' ? line : '';
  });
}

/** GitHub's anchor for a heading's text. @param {string} heading */
function slug(heading) {
  const text = heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1') // links and images: their text
    .replace(/<[^>]+>/g, '') // inline HTML
    .trim()
    .toLowerCase();
  return text.replace(/[^\p{L}\p{N}\p{M} _-]/gu, '').replace(/ /g, '-');
}

/** @type {Map<string, Set<string>>} */
const anchorCache = new Map();
/** The anchors a Markdown file defines. @param {string} file absolute path */
function anchors(file) {
  let set = anchorCache.get(file);
  if (set) return set;
  set = new Set();
  /** @type {Map<string, number>} */
  const seen = new Map();
  for (const line of prose(readFileSync(file, 'utf8'))) {
    const h = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (h) {
      const base = slug(h[1]);
      const n = seen.get(base) ?? 0;
      seen.set(base, n + 1);
      set.add(n === 0 ? base : `${base}-${n}`);
    }
    for (const m of line.matchAll(/<a\s[^>]*(?:id|name)="([^"]+)"/g)) set.add(m[1]);
  }
  anchorCache.set(file, set);
  return set;
}

const dead = [];
let count = 0;
for (const doc of docs) {
  const path = join(ROOT, doc);
  prose(readFileSync(path, 'utf8')).forEach((raw, i) => {
    const line = raw.replace(/`[^`]*`/g, '``'); // inline code is not a link
    const targets = [
      ...[...line.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]),
      ...[...line.matchAll(/^\s*\[[^\]]+\]:\s*(\S+)/g)].map((m) => m[1]),
      ...[...line.matchAll(/<(?:a|img)\s[^>]*(?:href|src)="([^"]+)"/g)].map((m) => m[1]),
    ];
    for (const target of targets) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto:...
      count++;
      const [file, anchor] = target.split('#', 2);
      const to = file === '' ? path : resolve(dirname(path), decodeURIComponent(file));
      const where = `${doc}:${i + 1}`;
      if (!existsSync(to)) {
        dead.push(`${where}: ${target}: no file ${relative(ROOT, to)}`);
      } else if (anchor !== undefined && anchor !== '') {
        if (!to.endsWith('.md') || statSync(to).isDirectory()) {
          dead.push(`${where}: ${target}: an anchor into a file that is not Markdown`);
        } else if (!anchors(to).has(anchor)) {
          dead.push(`${where}: ${target}: no heading or anchor "${anchor}" in ${relative(ROOT, to)}`);
        }
      }
    }
  });
}
if (dead.length > 0) {
  console.error(`dead links in the docs:\n  ${dead.join('\n  ')}`);
  process.exit(1);
}
console.log(`doc links: ${count} relative links in ${docs.length} files, all resolve`);
