// @ts-check
// Typed models: parseSessionDecision, parseWebhookEvent, parseImportResponse, modelNotes, stringify,
// and verifyWebhook's `event`. The body is parsed by JSON.parse, then checked in one walk against
// the tables of models.gen.mjs, generated from the Rust core (src/models/), which holds every
// Didit rule: shapes, vocabularies and spellings, required and strict members, the envelope-status
// rule, issue wording and the import-error table. This file is the mechanism only; the shared
// fixtures in tests/fixtures check that both validators agree. Measured on a 54 KB KYC decision,
// this walk costs about a tenth of a validating pass in wasm, and it adds nothing to the module.
//
// Type drift: a member of the wrong type fails the parse only where the model cannot do without it
// (MODEL_RULES.roots[*].strict); anywhere else it is deleted from the typed view (so the
// declared types stay true) and listed in modelNotes().dropped. `{ strict: true }` rejects any.
import { codedError, kind } from './errors.mjs';
import { MODEL_RULES, MODEL_SHAPES, MODEL_VOCABS } from './models.gen.mjs';
import { DEFAULT_MAX_DEPTH, DEFAULT_MAX_BODY_BYTES, WASM_MAX_BODY_BYTES, encoder, isSharedBuffer, isWellFormed, bodyBytes, optionsObject, numberOption } from './args.mjs';

/** @param {{ canonicalize: Function }} raw  the wasm-bindgen exports (for the core's JSON error wording) */
export function modelsApi(raw) {

  const MODEL_ROOTS = MODEL_RULES.roots;
  const MAX_ISSUES = MODEL_RULES.maxIssues;
  const INSPECT = Symbol.for('nodejs.util.inspect.custom');
  const FOUND = /** @type {Record<number, string>} */ (MODEL_RULES.foundNames);
  // Sixteen digits in a row: JSON.parse may round only integers that long. Spelled out, not
  // \d{16}: a fixed-length pattern lets the regexp engine skip ahead (about 1% of a JSON.parse).
  const SIXTEEN_DIGITS = /\d\d\d\d\d\d\d\d\d\d\d\d\d\d\d\d/g;
  const strictDecoder = new TextDecoder('utf-8', { fatal: true });

  /**
   * @typedef {{ m: number, exact: boolean, free: boolean, shape: Map<string, Ty> | null, elem: Ty | null, vocab: Vocab | null }} Ty
   * @typedef {{ name: string, deferred: boolean, spellings: Map<string, string> }} Vocab
   * @typedef {{ path: (string | number)[], code: string, accepts: number, found: string }} RawIssue
   * @typedef {{ path: string, raw: string, value: string, family: string }} StatusNote
   * @typedef {{ path: string, value: string, family: string }} UnknownNote
   */

  /** @type {{ shapes: Map<string, Map<string, Ty>>, vocabs: Map<string, Vocab> } | undefined} */
  let schema;

  function compiledSchema() {
    if (schema) return schema;
    /** @type {Map<string, Vocab>} */
    const vocabs = new Map();
    for (const [name, v] of Object.entries(MODEL_VOCABS)) {
      const spellings = new Map(Object.entries(/** @type {Record<string, string>} */ (v.spellings)));
      for (const c of v.values) spellings.set(c, c);
      vocabs.set(name, { name, deferred: v.deferred, spellings });
    }
    /** @type {Map<string, Map<string, Ty>>} */
    const shapes = new Map();
    for (const name of Object.keys(MODEL_SHAPES)) shapes.set(name, new Map());
    /** @param {any[]} t @returns {Ty} */
    const ty = (t) => {
      const [m, exact = 0, shape = 0, elem = 0, vocab = 0] = t;
      const e = elem ? ty(elem) : null;
      const sh = shape ? /** @type {Map<string, Ty>} */ (shapes.get(shape)) : null;
      const el = e && !e.free ? e : null;
      // `free`: accepts any JSON value and has nothing inside to check (integrator data).
      return { m, exact: exact === 1, shape: sh, elem: el, vocab: vocab ? /** @type {Vocab} */ (vocabs.get(vocab)) : null, free: m === 63 && !sh && !el && !vocab };
    };
    for (const [name, fields] of Object.entries(MODEL_SHAPES)) {
      const map = /** @type {Map<string, Ty>} */ (shapes.get(name));
      for (const [field, t] of Object.entries(fields)) map.set(field, ty(/** @type {any[]} */ (t)));
    }
    schema = { shapes, vocabs };
    return schema;
  }

  /** @param {number} m */
  function expectedTypes(m) {
    /** @type {string[]} */
    const parts = [];
    for (const [bits, name] of /** @type {[number, string][]} */ (MODEL_RULES.typeNames)) {
      if ((m & bits) === bits) {
        parts.push(name);
        m &= ~bits;
      }
    }
    if (parts.length === 0) return 'nothing';
    const last = /** @type {string} */ (parts.pop());
    return parts.length ? `${parts.join(', ')} or ${last}` : last;
  }

  /** `decision.face_matches[0].score`, as the Rust core words it. @param {(string | number)[]} path */
  function formatPath(path) {
    let out = '';
    for (const seg of path) {
      if (typeof seg === 'number') out += `[${seg}]`;
      else if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(seg)) out += (out ? '.' : '') + seg;
      else out += `[${JSON.stringify(seg)}]`;
    }
    return out;
  }

  /** @param {RawIssue} i */
  function issueView(i) {
    const path = formatPath(i.path);
    const expected = i.code === 'ERR_MODEL_NUMBER_RANGE' ? `${expectedTypes(i.accepts)}${MODEL_RULES.range.expected}` : expectedTypes(i.accepts);
    return { path, code: i.code, expected, found: i.found, message: `${path || 'body'}: expected ${expected}, found ${i.found}` };
  }

  /** The member a tolerant parse deletes for an issue at `path`: up to its last member name. @param {(string | number)[]} path */
  function memberOf(path) {
    let end = path.length;
    while (end > 0 && typeof path[end - 1] === 'number') end--;
    return path.slice(0, end);
  }

  /**
   * The integers JSON.parse would round, with their paths. Only called when the text has a run
   * of 16 digits after `:`, `,` or `[`; a plain scanner (JSON.parse already checked the syntax).
   * @param {string} text
   */
  function bigIntegers(text) {
    /** @type {{ path: (string | number)[], digits: string }[]} */
    const found = [];
    /** @type {{ object: boolean, key: string, index: number }[]} */
    const stack = [];
    let expectKey = false;
    const n = text.length;
    let i = 0;
    const startValue = () => {
      const top = stack[stack.length - 1];
      if (top && !top.object) top.index++;
    };
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 34) {
        let j = i + 1;
        for (;;) {
          const q = text.indexOf('"', j);
          if (q < 0) return found;
          let b = q - 1;
          while (text.charCodeAt(b) === 92) b--;
          if ((q - 1 - b) % 2 === 0) {
            j = q;
            break;
          }
          j = q + 1;
        }
        const top = stack[stack.length - 1];
        if (top && top.object && expectKey) {
          top.key = JSON.parse(text.slice(i, j + 1));
          expectKey = false;
        } else {
          startValue();
        }
        i = j + 1;
      } else if (c === 123 || c === 91) {
        startValue();
        stack.push({ object: c === 123, key: '', index: -1 });
        expectKey = c === 123;
        i++;
      } else if (c === 125 || c === 93) {
        stack.pop();
        i++;
      } else if (c === 44) {
        const top = stack[stack.length - 1];
        if (top && top.object) expectKey = true;
        i++;
      } else if (c === 45 || (c >= 48 && c <= 57)) {
        startValue();
        let j = i + 1;
        let integer = true;
        for (; j < n; j++) {
          const d = text.charCodeAt(j);
          if (d === 46 || d === 101 || d === 69) integer = false;
          else if (!((d >= 48 && d <= 57) || d === 43 || d === 45)) break;
        }
        const digits = text.slice(i, j);
        if (integer && digits.replace('-', '').length >= 16 && !Number.isSafeInteger(Number(digits))) {
          found.push({ path: stack.map((f) => (f.object ? f.key : f.index)), digits });
        }
        i = j;
      } else if (c === 116 || c === 102 || c === 110) {
        startValue();
        i += c === 102 ? 5 : 4;
      } else {
        i++;
      }
    }
    return found;
  }

  /** @param {unknown} holder @param {string | number} key */
  function own(holder, key) {
    return holder !== null && typeof holder === 'object' && Object.prototype.hasOwnProperty.call(holder, key);
  }

  /**
   * @typedef {object} Walk
   * @property {RawIssue[]} issues  mismatches that fail the parse
   * @property {number} more
   * @property {RawIssue[]} dropped  wrong types a tolerant parse deletes from the view
   * @property {number} moreDropped
   * @property {boolean} strict
   * @property {string[][]} strictMembers
   * @property {(string | number)[]} path
   * @property {{ path: (string | number)[], raw: string, value: string, family: string }[]} normalized
   * @property {{ path: (string | number)[], value: string, family: string }[]} unknown
   * @property {{ path: (string | number)[], holder: any, key: string | number }[]} deferred
   */

  /** @param {Walk} w @param {string} code @param {number} accepts @param {string} found */
  function addIssue(w, code, accepts, found) {
    const path = w.path;
    const fatal = w.strict || code === 'ERR_MODEL_MISSING' || path.length === 0 ||
      w.strictMembers.some((m) => m.length === path.length && m.every((name, i) => name === path[i]));
    if (fatal) {
      if (w.issues.length >= MAX_ISSUES) w.more++;
      else w.issues.push({ path: path.slice(), code, accepts, found });
    } else if (w.dropped.length >= MAX_ISSUES) w.moreDropped++;
    else w.dropped.push({ path: path.slice(), code, accepts, found });
  }

  /** @param {Walk} w @param {Vocab} vocab @param {any} holder @param {string | number} key @param {string} raw @param {(string | number)[]} at */
  function spell(w, vocab, holder, key, raw, at) {
    const canonical = vocab.spellings.get(raw);
    if (canonical === undefined) w.unknown.push({ path: at.slice(), value: raw, family: vocab.name });
    else if (canonical !== raw) {
      holder[key] = canonical;
      w.normalized.push({ path: at.slice(), raw, value: canonical, family: vocab.name });
    }
  }

  /**
   * Checks one present, non-null member `x` (= holder[key]) against `ty`, and what is inside it.
   * @param {Walk} w @param {any} holder @param {string | number} key @param {any} x @param {Ty} ty
   */
  function checkValue(w, holder, key, x, ty) {
    let bit;
    switch (typeof x) {
      case 'string': bit = 8; break;
      case 'number': bit = Number.isSafeInteger(x) ? 2 : 4; break;
      case 'bigint': bit = 2; break;
      case 'boolean': bit = 1; break;
      default: bit = Array.isArray(x) ? 16 : 32;
    }
    if (bit === 2 ? (ty.m & 6) === 0 : (ty.m & bit) === 0) return addIssue(w, 'ERR_MODEL_TYPE', ty.m, FOUND[bit]);
    if (bit === 8) {
      const vocab = ty.vocab;
      if (vocab !== null) {
        if (vocab.deferred) w.deferred.push({ path: w.path.slice(), holder, key });
        else spell(w, vocab, holder, key, x, w.path);
      }
    } else if (bit === 32) {
      const shape = ty.shape;
      if (shape !== null) {
        const path = w.path;
        for (const k in x) {
          const t = shape.get(k);
          if (t === undefined || t.free) continue;
          const v = x[k];
          if (v === null || v === undefined) continue;
          path.push(k);
          checkValue(w, x, k, v, t);
          path.pop();
        }
      }
    } else if (bit === 16) {
      const elem = ty.elem;
      if (elem !== null) {
        const path = w.path;
        for (let i = 0; i < x.length; i++) {
          const v = x[i];
          if (v === null || v === undefined) {
            // A typed array cannot hold null (T[]): a tolerant parse drops the array.
            if (v === null && !w.strict) {
              path.push(i);
              addIssue(w, 'ERR_MODEL_TYPE', elem.m, 'null');
              path.pop();
            }
            continue;
          }
          path.push(i);
          checkValue(w, x, i, v, elem);
          path.pop();
        }
      }
    } else if (bit === 2 && ty.exact && typeof x === 'bigint') {
      addIssue(w, 'ERR_MODEL_NUMBER_RANGE', ty.m, MODEL_RULES.range.found);
    }
  }

  /** @param {number} c */
  const isDigit = (c) => c >= 48 && c <= 57;

  /**
   * Whether a run of 16+ digits in `text` may be an integer token: one that follows `:`, `,`,
   * `[` or nothing (whitespace and a minus sign between), not the fraction of a float such as
   * Didit's AML scores (0.7034920634920635). A false positive only costs the precise scan.
   * @param {string} text
   */
  function mayHoldBigIntegers(text) {
    SIXTEEN_DIGITS.lastIndex = 0;
    let m;
    while ((m = SIXTEEN_DIGITS.exec(text)) !== null) {
      let start = m.index;
      while (start > 0 && isDigit(text.charCodeAt(start - 1))) start--;
      let p = start - 1;
      if (p >= 0 && text.charCodeAt(p) === 45) p--;
      while (p >= 0 && (text.charCodeAt(p) === 32 || text.charCodeAt(p) === 9 || text.charCodeAt(p) === 10 || text.charCodeAt(p) === 13)) p--;
      const before = p >= 0 ? text.charCodeAt(p) : -1;
      if (before === 58 || before === 44 || before === 91 || before === -1) return true;
      let end = m.index + 16;
      while (end < text.length && isDigit(text.charCodeAt(end))) end++;
      SIXTEEN_DIGITS.lastIndex = end;
    }
    return false;
  }

  /** Integers beyond 2^53 (found in the text) become BigInt in `root`. @param {any} root @param {string} text */
  function restoreBigIntegers(root, text) {
    /** @type {(string | number)[][]} */
    const done = [];
    if (!mayHoldBigIntegers(text)) return done;
    for (const { path, digits } of bigIntegers(text)) {
      let holder = root;
      for (let k = 0; k < path.length - 1 && holder !== undefined; k++) holder = own(holder, path[k]) ? holder[path[k]] : undefined;
      const last = path[path.length - 1];
      if (path.length === 0 || !own(holder, last) || typeof holder[last] !== 'number' || holder[last] !== Number(digits)) continue;
      holder[last] = BigInt(digits);
      done.push(path);
    }
    return done;
  }

  /**
   * Validates `root` in place: statuses to canonical spelling, integers beyond 2^53 to BigInt,
   * wrong-typed members outside the strict ones deleted (unless `strict`). Throws
   * ERR_MODEL_INVALID with every fatal issue; returns the raw notes.
   * @param {any} root
   * @param {string} text
   * @param {keyof typeof MODEL_ROOTS} model
   * @param {boolean} strict
   */
  function checkModel(root, text, model, strict) {
    const { shapes, vocabs } = compiledSchema();
    const rules = MODEL_ROOTS[model];
    const bigints = restoreBigIntegers(root, text);
    /** @type {Walk} */
    const w = { issues: [], more: 0, dropped: [], moreDropped: 0, strict, strictMembers: rules.strict, path: [], normalized: [], unknown: [], deferred: [] };
    const isObject = root !== null && typeof root === 'object' && !Array.isArray(root);
    if (root === null || root === undefined) addIssue(w, 'ERR_MODEL_TYPE', 32, 'null');
    else checkValue(w, null, '', root, /** @type {Ty} */ ({ m: 32, exact: false, free: false, shape: shapes.get(rules.shape) ?? null, elem: null, vocab: null }));
    /** @param {string} name */
    const missing = (name) => {
      w.path = [name];
      addIssue(w, 'ERR_MODEL_MISSING', 8, 'nothing');
    };
    /** @param {string} name */
    const present = (name) => root[name] !== undefined && root[name] !== null;
    if (isObject) for (const name of rules.required) if (!present(name)) missing(name);
    if (isObject && model === 'webhook') {
      const { type, nested, requiredByType } = MODEL_RULES.webhook;
      const t = root[type];
      if (typeof t === 'string') {
        for (const [types, name] of requiredByType) if (types.includes(t) && !present(name)) missing(name);
        const e = MODEL_RULES.envelopeStatus;
        const known = MODEL_VOCABS[e.webhookTypes].values.includes(t);
        const prefixed = (/** @type {string[]} */ list) => list.some((p) => t.startsWith(p));
        /** @type {string | null} */
        let family = null;
        if (e.sessionTypes.includes(t)) family = e.session;
        else if (prefixed(e.entityPrefixes)) family = e.entity;
        else if (!known && present('session_id') && !prefixed(e.otherPrefixes)) family = e.session;
        const vocab = family ? vocabs.get(family) : undefined;
        if (vocab) for (const d of w.deferred) spell(w, vocab, d.holder, d.key, d.holder[d.key], d.path);
      } else {
        const data = root[nested[1]];
        if (!(present(nested[0]) && data !== null && typeof data === 'object' && !Array.isArray(data))) missing(type);
      }
    }
    if (w.issues.length > 0) {
      const views = w.issues.map(issueView);
      const total = views.length + w.more;
      const error = codedError(Error, 'ERR_MODEL_INVALID', `not a valid ${rules.label}: ${views[0].message}${total > 1 ? ` (and ${total - 1} more)` : ''}`);
      /** @type {any} */ (error).issues = views;
      /** @type {any} */ (error).moreIssues = w.more;
      throw error;
    }
    // Delete what the typed view cannot hold (types stay true); the body still has it.
    for (const d of w.dropped) {
      const member = memberOf(d.path);
      let holder = root;
      for (let k = 0; k < member.length - 1 && holder !== undefined; k++) holder = own(holder, member[k]) ? holder[member[k]] : undefined;
      if (own(holder, member[member.length - 1])) delete holder[member[member.length - 1]];
    }
    // A typed integer beyond 2^53 is a dropped range issue, not a BigInt (as in the core).
    /** @param {(string | number)[]} path */
    const ranged = (path) => w.dropped.some((d) => d.path.length === path.length && d.path.every((seg, i) => seg === path[i]));
    return {
      normalized: w.normalized,
      unknown: w.unknown,
      bigints: bigints.filter((p) => !ranged(p)),
      dropped: w.dropped,
      moreDropped: w.moreDropped,
    };
  }

  /** Notes as modelNotes() shows them (paths worded on first request). @type {WeakMap<object, any>} */
  const notesOf = new WeakMap();

  /** What a log line may show of a model (identifiers, never personal data). @param {any} m @param {string} what */
  function redacted(m, what) {
    const ids = [];
    for (const k of ['webhook_type', 'event', 'session_kind', 'status', 'session_id', 'event_id']) {
      const v = m[k];
      if (typeof v === 'string') ids.push(`${k}=${v}`);
    }
    return `[${what} ${ids.join(' ')} — personal data redacted: read fields explicitly or use stringify()]`;
  }

  /** @param {any} m @param {string} what @param {object} notes */
  function seal(m, what, notes) {
    const text = () => redacted(m, what);
    const hidden = { enumerable: false, configurable: true, writable: true, value: text };
    Object.defineProperties(m, { toString: hidden, toJSON: hidden, [INSPECT]: hidden });
    notesOf.set(m, notes);
    return m;
  }

  /**
   * @param {unknown} body
   * @param {unknown} options
   * @param {string} fn
   * @returns {string}
   */
  function modelText(body, options, fn) {
    const o = optionsObject(options, fn);
    const max = numberOption(o.maxBodyBytes, 'maxBodyBytes', DEFAULT_MAX_BODY_BYTES, fn);
    let text;
    if (typeof body === 'string') text = body;
    else if (body !== null && typeof body === 'object' && !(body instanceof Uint8Array) && !(body instanceof ArrayBuffer) && !ArrayBuffer.isView(body) && !isSharedBuffer(body)) {
      text = stringify(body);
    } else {
      const bytes = bodyBytes(body, fn);
      if (bytes.length > max) throw codedError(RangeError, 'ERR_BODY_TOO_LARGE', `${fn}: body is ${bytes.length} bytes, more than the maximum of ${max}`);
      try {
        text = strictDecoder.decode(bytes);
      } catch {
        raw.canonicalize(bytes, false, DEFAULT_MAX_DEPTH, DEFAULT_MAX_BODY_BYTES);
        throw codedError(Error, 'ERR_JSON_INVALID_UTF8', `${fn}: body is not valid UTF-8`);
      }
    }
    if (text.length > max) throw codedError(RangeError, 'ERR_BODY_TOO_LARGE', `${fn}: body is longer than the maximum of ${max} bytes`);
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  }

  /** JSON.parse; a syntax error becomes the core's coded error (what and where). @param {string} text @param {string} fn */
  function parseJson(text, fn) {
    try {
      return JSON.parse(text);
    } catch (e) {
      if (isWellFormed(text)) raw.canonicalize(encoder.encode(text), false, 1e9, WASM_MAX_BODY_BYTES);
      throw codedError(Error, 'ERR_JSON_SYNTAX', `${fn}: invalid JSON (${/** @type {Error} */ (e).message})`);
    }
  }

  /**
   * @param {unknown} body
   * @param {unknown} options
   * @param {keyof typeof MODEL_ROOTS} model
   * @param {string} fn
   * @param {string} what
   */
  function parseModel(body, options, model, fn, what) {
    const text = modelText(body, options, fn);
    const o = optionsObject(options, fn);
    if (o.strict !== undefined && typeof o.strict !== 'boolean') {
      throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', `${fn}: options.strict must be a boolean, got ${kind(o.strict)}`);
    }
    const value = parseJson(text, fn);
    const notes = checkModel(value, text, model, o.strict === true);
    return seal(value, what, notes);
  }

  /**
   * A session decision (`GET /v3/session/{id}/decision/`): KYC, or KYB when `session_kind` is
   * "business". Throws `ERR_MODEL_INVALID` (with `issues`) when `session_id` or `status` is
   * missing or a strict member (`session_id`, `status`, `session_kind`) has the wrong type; any
   * other wrong-typed member is deleted and listed in `modelNotes(m).dropped`. `{ strict: true }`:
   * any wrong type throws.
   * @param {unknown} body
   * @param {unknown} [options]
   */
  function parseSessionDecision(body, options) {
    return parseModel(body, options, 'session', 'parseSessionDecision', 'DiditSessionDecision');
  }

  /**
   * A webhook body (verify it first). Every documented webhook_type, and the KYB page's nested
   * `{event, data}` shape.
   * @param {unknown} body
   * @param {unknown} [options]
   */
  function parseWebhookEvent(body, options) {
    return parseModel(body, options, 'webhook', 'parseWebhookEvent', 'DiditWebhookEvent');
  }

  /** Didit's documented meaning of an error status (ApiErrorKind in the core, as generated runs). @param {number} status */
  function importErrorKind(status) {
    const runs = MODEL_RULES.importErrors;
    const run = runs.find((e) => e[0] <= status && status <= e[1]) ?? runs[0];
    return { code: run[2], meaning: run[3] };
  }

  /**
   * The answer of `POST /v3/session/import-shared/`. With a 2xx `status` (or none): the new
   * session (compact or full body, KYC or KYB). With an error status: throws an Error whose
   * `code` and message carry Didit's documented meaning (401, 403, 404…), with `status`,
   * `detail` and `body`.
   * @param {unknown} body
   * @param {unknown} [options]
   */
  function parseImportResponse(body, options) {
    const fn = 'parseImportResponse';
    const o = optionsObject(options, fn);
    const status = o.status;
    if (status !== undefined) {
      if (typeof status !== 'number') {
        throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', `${fn}: options.status must be the HTTP status number, got ${kind(status)}`);
      }
      if (!Number.isInteger(status) || status < 100 || status > 599) {
        throw codedError(RangeError, 'ERR_INVALID_ARG_VALUE', `${fn}: options.status must be an HTTP status from 100 to 599, got ${status}`);
      }
    }
    if (status === undefined || (status >= 200 && status <= 299)) {
      return parseModel(body, { maxBodyBytes: o.maxBodyBytes, strict: o.strict }, 'import', fn, 'DiditImportedSession');
    }
    let parsed;
    try {
      parsed = JSON.parse(modelText(body, { maxBodyBytes: o.maxBodyBytes }, fn));
    } catch (e) {
      if (e && /** @type {any} */ (e).code && /** @type {any} */ (e).code !== 'ERR_JSON_INVALID_UTF8') throw e;
      parsed = undefined;
    }
    /** @type {string | undefined} */
    let detail;
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) {
      for (const k of ['detail', 'error', 'message']) {
        if (typeof parsed[k] === 'string') {
          detail = parsed[k];
          break;
        }
      }
    }
    const { code, meaning } = importErrorKind(status);
    const max = MODEL_RULES.maxDetailInMessage;
    const quoted = detail === undefined ? '' : ` (Didit: "${[...detail].slice(0, max).join('')}${[...detail].length > max ? '…' : ''}")`;
    const error = codedError(Error, code, `import failed with HTTP ${status}: ${meaning}${quoted}`);
    Object.assign(error, { status, meaning, detail, body: parsed });
    throw error;
  }

  /**
   * What the parse of a model noted: statuses rewritten to their canonical spelling, strings of
   * a documented vocabulary this version does not know, where integers beyond 2^53 became
   * BigInt, and the members of the wrong type that were deleted from the model (`dropped`: path,
   * code, expected and found types, the `member` deleted; at most 32, `moreDropped` counts the
   * rest). `undefined` for anything that is not a parsed model.
   * @param {unknown} model
   */
  function modelNotes(model) {
    if (model === null || typeof model !== 'object') return undefined;
    const n = notesOf.get(model);
    if (n === undefined || n.view) return n?.view;
    const p = (/** @type {(string | number)[]} */ path) => formatPath(path);
    n.view = Object.freeze({
      normalized: n.normalized.map((/** @type {any} */ x) => ({ path: p(x.path), raw: x.raw, value: x.value, family: x.family })),
      unknown: n.unknown.map((/** @type {any} */ x) => ({ path: p(x.path), value: x.value, family: x.family })),
      bigints: n.bigints.map(p),
      dropped: n.dropped.map((/** @type {RawIssue} */ x) => ({ ...issueView(x), member: p(memberOf(x.path)) })),
      moreDropped: n.moreDropped,
    });
    return n.view;
  }

  /**
   * JSON text of a model (or any JSON-like value) with every digit of its BigInts, all members
   * included: the explicit way to serialise what `toJSON` redacts.
   * @param {unknown} value
   * @param {string | number} [space]
   */
  function stringify(value, space) {
    const tag = `\u0000didit-kit-bigint-${Math.random().toString(36).slice(2)}:`;
    let sawBig = false;
    const top = value !== null && typeof value === 'object' && !Array.isArray(value) ? { ...value } : value;
    const text = JSON.stringify(top, (_k, v) => {
      if (typeof v === 'bigint') {
        sawBig = true;
        return tag + v.toString();
      }
      return v;
    }, space);
    if (text === undefined) throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', `stringify: ${kind(value)} has no JSON form`);
    if (!sawBig) return text;
    const quotedTag = JSON.stringify(tag).slice(1, -1);
    return text.split(`"${quotedTag}`).map((part, i) => (i === 0 ? part : part.replace(/^(-?\d+)"/, '$1'))).join('');
  }

  return { parseSessionDecision, parseWebhookEvent, parseImportResponse, modelNotes, stringify };
}

// ---- Typed models: the schema ----------------------------------------------------------------
// The JSON types every model member accepts, generated from the Rust tables that the Rust
// validator uses (src/models); `cargo test` checks that this region is current.
