// @ts-check
// Writes benchmark figures into docs/load.md, each script into its own marked section, so the
// page always shows what the scripts last measured (with machine, date and command).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const PAGE = new URL('../docs/load.md', import.meta.url);

/** @param {string} name @param {string} text */
export function writeSection(name, text) {
  const begin = `<!-- figures:${name} (generated; do not edit by hand) -->`;
  const end = `<!-- /figures:${name} -->`;
  const page = existsSync(PAGE) ? readFileSync(PAGE, 'utf8') : '';
  const at = page.indexOf(begin);
  const to = page.indexOf(end);
  if (at < 0 || to < at) throw new Error(`docs/load.md has no ${begin} ... ${end} section`);
  writeFileSync(PAGE, `${page.slice(0, at + begin.length)}\n${text}\n${page.slice(to)}`);
  console.log(`wrote the figures into docs/load.md (${name})`);
}
