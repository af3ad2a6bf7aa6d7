// @ts-check
// Writes benchmark figures into a docs page (docs/load.md unless told), each script into its own
// marked section, so the page always shows what the scripts last measured (with machine, date and
// command).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

/** @param {string} name @param {string} text @param {string} [file] the page under docs/ */
export function writeSection(name, text, file = 'load.md') {
  const PAGE = new URL(`../docs/${file}`, import.meta.url);
  const begin = `<!-- figures:${name} (generated; do not edit by hand) -->`;
  const end = `<!-- /figures:${name} -->`;
  const page = existsSync(PAGE) ? readFileSync(PAGE, 'utf8') : '';
  const at = page.indexOf(begin);
  const to = page.indexOf(end);
  if (at < 0 || to < at) throw new Error(`docs/${file} has no ${begin} ... ${end} section`);
  writeFileSync(PAGE, `${page.slice(0, at + begin.length)}\n${text}\n${page.slice(to)}`);
  console.log(`wrote the figures into docs/${file} (${name})`);
}
