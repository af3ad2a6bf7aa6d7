// @ts-check
// Diagnostics shared by the devtools page and the CLI (no WebAssembly here: the caller passes
// didit-kit's functions in). Nothing in this file touches the network or any storage.

/**
 * Splits pasted header text into header pairs and an optional body. Accepts `Name: value` lines,
 * a raw HTTP request (`POST /hook HTTP/1.1`, headers, blank line, body) as a proxy captures it,
 * and `curl -v` output (`> Name: value` lines; `*` and `<` lines are ignored).
 * @param {string} text
 * @returns {{ headers: [string, string][], body: string | null, requestLine: string | null, ignored: number }}
 */
export function parseHeaderText(text) {
  /** @type {[string, string][]} */
  const headers = [];
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  let requestLine = null;
  let ignored = 0;
  let i = 0;
  let sawHeader = false;
  let curl = lines.some((l) => /^> /.test(l));
  for (; i < lines.length; i++) {
    let line = lines[i];
    if (curl) {
      if (/^[*<{}]/.test(line)) { ignored++; continue; }
      if (line.startsWith('> ')) line = line.slice(2);
      else if (line === '>') line = '';
      else if (!sawHeader) { ignored++; continue; }
    }
    if (line.trim() === '') {
      if (sawHeader || requestLine) { i++; break; }
      continue;
    }
    if (!sawHeader && requestLine === null && /^[A-Z]+ \S+ HTTP\/\d(\.\d)?$/.test(line.trim())) {
      requestLine = line.trim();
      continue;
    }
    const m = /^([!#$%&'*+\-.^_`|~0-9A-Za-z]+)\s*:\s?(.*)$/.exec(line);
    if (m) {
      headers.push([m[1], m[2].trim()]);
      sawHeader = true;
    } else {
      ignored++;
    }
  }
  const rest = lines.slice(i).filter((l) => !(curl && /^[*<>{}]/.test(l)));
  const body = rest.join('\n').trim() === '' ? null : rest.join('\n').replace(/\n+$/, '');
  return { headers, body, requestLine, ignored };
}

/** Value of a header (case-insensitive), or null. */
export function headerValue(/** @type {[string, string][]} */ headers, /** @type {string} */ name) {
  const h = headers.find(([n]) => n.toLowerCase() === name.toLowerCase());
  return h ? h[1] : null;
}

/** JSON.stringify with object keys sorted, as a JS integrator might write it. */
export function keySortedStringify(/** @type {unknown} */ value) {
  /** @param {any} v @returns {any} */
  const sort = (v) => {
    if (Array.isArray(v)) return v.map(sort);
    if (v && typeof v === 'object') {
      /** @type {Record<string, unknown>} */
      const o = {};
      for (const k of Object.keys(v).sort()) o[k] = sort(v[k]);
      return o;
    }
    return v;
  };
  return JSON.stringify(sort(value));
}

const TOKEN = /"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|[{}[\]:,]|true|false|null|\s+|./gsu;

/** @param {string} s */
function tokens(s) {
  /** @type {{ t: string, at: number }[]} */
  const out = [];
  for (const m of s.matchAll(TOKEN)) if (!/^\s+$/.test(m[0])) out.push({ t: m[0], at: m.index ?? 0 });
  return out;
}

/**
 * Token-level differences between `a` (the canonical form) and `b`, as hunks.
 * @param {string} a @param {string} b
 * @returns {{ at: number, context: string, canonical: string, other: string }[]}
 */
export function diffJson(a, b) {
  if (a === b) return [];
  const A = tokens(a);
  const B = tokens(b);
  let p = 0;
  while (p < A.length && p < B.length && A[p].t === B[p].t) p++;
  let sa = A.length, sb = B.length;
  while (sa > p && sb > p && A[sa - 1].t === B[sb - 1].t) { sa--; sb--; }
  const midA = A.slice(p, sa), midB = B.slice(p, sb);
  /** @type {{ at: number, context: string, canonical: string, other: string }[]} */
  const hunks = [];
  const ctx = (/** @type {number} */ at) => a.slice(Math.max(0, at - 40), at);
  const spanA = (/** @type {number} */ i, /** @type {number} */ j) => (i < j ? a.slice(A[p + i].at, A[p + j - 1].at + A[p + j - 1].t.length) : '');
  const spanB = (/** @type {number} */ i, /** @type {number} */ j) => (i < j ? b.slice(B[p + i].at, B[p + j - 1].at + B[p + j - 1].t.length) : '');
  const n = midA.length, m = midB.length;
  if (n * m > 4_000_000) {
    const at = p < A.length ? A[p].at : a.length;
    return [{ at, context: ctx(at), canonical: spanA(0, n), other: spanB(0, m) }];
  }
  // LCS table over the differing middle.
  const L = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) L[i][j] = midA[i].t === midB[j].t ? L[i + 1][j + 1] + 1 : Math.max(L[i + 1][j], L[i][j + 1]);
  let i = 0, j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && midA[i].t === midB[j].t) { i++; j++; continue; }
    const i0 = i, j0 = j;
    while ((i < n || j < m) && !(i < n && j < m && midA[i].t === midB[j].t)) {
      if (j >= m || (i < n && L[i + 1][j] >= L[i][j + 1])) i++;
      else j++;
    }
    const at = p + i0 < A.length ? A[p + i0].at : a.length;
    hunks.push({ at, context: ctx(at), canonical: spanA(i0, i), other: spanB(j0, j) });
  }
  return hunks;
}

/**
 * Walks the raw JSON text (already known to be valid) and lists the places where a JavaScript
 * re-serialiser cannot reproduce Didit's canonical form.
 * @param {string} text
 * @param {(body: string) => string} canonicalize  didit-kit's canonicalize
 * @returns {{ kind: 'integer-like key' | 'big integer' | 'tiny float' | 'float formatting', path: string, detail: string }[]}
 */
export function findTraps(text, canonicalize) {
  /** @type {{ kind: any, path: string, detail: string }[]} */
  const traps = [];
  let i = 0;
  const ws = () => { while (i < text.length && ' \t\n\r'.includes(text[i])) i++; };
  const str = () => {
    const start = i;
    i++;
    while (text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
    return JSON.parse(text.slice(start, i));
  };
  /** @param {string} path */
  const value = (path) => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      const keys = [];
      if (text[i] === '}') { i++; return; }
      for (;;) {
        ws();
        const k = str();
        keys.push(k);
        ws(); i++; // ':'
        value(path === '' ? k : `${path}.${k}`);
        ws();
        if (text[i++] === '}') break;
      }
      const intLike = keys.filter((k) => /^(0|[1-9]\d*)$/.test(k) && Number(k) < 2 ** 32 - 1);
      if (intLike.length && keys.length > 1) {
        const py = [...keys].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
        const js = Object.keys(Object.fromEntries(py.map((k) => [k, 0])));
        if (py.join('\u0000') !== js.join('\u0000'))
          traps.push({ kind: 'integer-like key', path: path || '(body)', detail: `keys ${intLike.slice(0, 5).map((k) => JSON.stringify(k)).join(', ')}: Python sorts them as strings (${py.slice(0, 5).join(', ')}), a JavaScript object always puts them first in numeric order (${js.slice(0, 5).join(', ')})` });
      }
      return;
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') { i++; return; }
      for (let n = 0; ; n++) {
        value(`${path}[${n}]`);
        ws();
        if (text[i++] === ']') break;
      }
      return;
    }
    if (c === '"') { str(); return; }
    const m = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (m) {
      i += m[0].length;
      const raw = m[0];
      const isInt = !m[1] && !m[2];
      if (isInt) {
        if (Math.abs(Number(raw)) > Number.MAX_SAFE_INTEGER) traps.push({ kind: 'big integer', path, detail: `${raw} is beyond 2^53: JSON.parse turns it into ${JSON.stringify(JSON.parse(raw))}` });
        return;
      }
      const py = canonicalize(raw);
      const js = JSON.stringify(JSON.parse(raw));
      if (py !== js) {
        const x = Math.abs(Number(raw));
        traps.push({ kind: x !== 0 && x < 1e-4 ? 'tiny float' : 'float formatting', path, detail: `${raw}: Didit's signer writes ${py}, JavaScript writes ${js}` });
      }
      return;
    }
    // true / false / null
    i += c === 'f' ? 5 : 4;
  };
  value('');
  return traps;
}

/**
 * What re-serialising the body in JavaScript would do to it, against the canonical form that the
 * V2 signature covers. `bodyIsCanonical`: the body is what Didit's signer writes, apart from a
 * final newline (an editor's or `didit-kit canonicalize > file`'s) — the canonical form itself,
 * or its ASCII-escaped spelling, which is how Didit sends it — so nothing re-serialised it.
 * @param {string} body
 * @param {(body: string, options?: { ascii?: boolean }) => string} canonicalize
 */
export function reserialiserReport(body, canonicalize) {
  const canonical = canonicalize(body);
  const asSent = body.replace(/\r?\n$/, '');
  let bodyIsCanonical = asSent === canonical;
  if (!bodyIsCanonical && asSent.includes('\\u')) {
    try {
      bodyIsCanonical = asSent === canonicalize(body, { ascii: true });
    } catch {}
  }
  const parsed = JSON.parse(body);
  const variants = [
    { name: 'JSON.parse + JSON.stringify', text: JSON.stringify(parsed) },
    { name: 'key-sorted JS (sort keys, JSON.stringify)', text: keySortedStringify(parsed) },
  ].map((v) => ({ ...v, equal: v.text === canonical, hunks: diffJson(canonical, v.text) }));
  return { canonical, bodyIsCanonical, variants, traps: findTraps(body, canonicalize) };
}

/** `1h 02m 03s` style duration (negative: `-…`). */
export function formatDuration(/** @type {number} */ s) {
  const neg = s < 0;
  let t = Math.abs(Math.trunc(s));
  const d = Math.floor(t / 86400); t %= 86400;
  const h = Math.floor(t / 3600); t %= 3600;
  const m = Math.floor(t / 60); const sec = t % 60;
  const parts = [];
  if (d) parts.push(`${d}d`);
  if (d || h) parts.push(`${h}h`);
  if (d || h || m) parts.push(`${String(m).padStart(parts.length ? 2 : 1, '0')}m`);
  parts.push(`${String(sec).padStart(parts.length ? 2 : 1, '0')}s`);
  return (neg ? '-' : '') + parts.join(' ');
}
