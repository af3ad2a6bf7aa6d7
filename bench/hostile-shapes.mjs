// @ts-check
// Hostile webhook bodies for the cost benchmark (hostile-cost.mjs) and the load test (load.mjs).

/** The Unix time every hostile body and its X-Timestamp carry (the samples' clock). */
export const NOW = 1_774_970_000;

/**
 * Hostile bodies of about `size` bytes (never more). Each puts "b" before "a" at the top level,
 * so the raw body is not canonical and the whole body goes through parsing and sorting.
 * @type {Record<string, (size: number) => Buffer>}
 */
export const SHAPES = {
  // The worst case: millions of tiny array items, all kept in the sort table.
  'array-of-ones': (size) => wrap(size, '1', ','),
  // One object with short keys in descending order: the key sort does all the work.
  'many-keys': (size) => {
    const head = '{';
    const parts = [];
    let n = head.length + 1;
    for (let i = 0; ; i++) {
      const member = `"${(0xffffff - i).toString(36)}":1`;
      if (n + member.length + 1 > size - 20) break;
      parts.push(member);
      n += member.length + 1;
    }
    return Buffer.from(`${head}${parts.join(',')},"timestamp":${NOW}}`);
  },
  // Nested arrays 900 deep, repeated: the depth stack and the many tiny containers.
  'deep-nesting': (size) => wrap(size, `${'['.repeat(900)}1${']'.repeat(900)}`, ','),
  // Escaped non-ASCII strings: every one is decoded, and the ASCII form is written again.
  'escaped-strings': (size) => wrap(size, `"${'\\u00e9\\u4e2d'.repeat(8)}"`, ','),
  // Floats that Python writes in exponent form: the float formatter on every item.
  'small-floats': (size) => wrap(size, '1.2345e-07', ','),
  // Not UTF-8: rejected on the first pass.
  garbage: (size) => {
    const b = Buffer.alloc(size);
    for (let i = 0; i < size; i++) b[i] = (i * 2654435761) >>> 24 | 0x80;
    return b;
  },
};

/** `{"b":[item,item,...],"a":1,"timestamp":NOW}` of at most `size` bytes. */
function wrap(/** @type {number} */ size, /** @type {string} */ item, /** @type {string} */ sep) {
  const head = '{"b":[';
  const tail = `],"a":1,"timestamp":${NOW}}`;
  const room = size - head.length - tail.length;
  const count = Math.max(1, Math.floor((room + sep.length) / (item.length + sep.length)));
  return Buffer.from(head + Array(count).fill(item).join(sep) + tail);
}

