// @ts-check
// Typed models: parseSessionDecision, parseWebhookEvent, parseImportResponse, modelNotes, stringify,
// and verifyWebhook's `event`. The body is parsed by JSON.parse, then checked in one walk against
// MODEL_SHAPES (generated from the Rust tables, so the JS and Rust validators agree; the shared
// fixtures in tests/fixtures check that they do). Measured on a 54 KB KYC decision, this walk
// costs about a tenth of a validating pass in wasm, and it adds nothing to the module.
import { codedError, kind } from './errors.mjs';
import { DEFAULT_MAX_DEPTH, DEFAULT_MAX_BODY_BYTES, WASM_MAX_BODY_BYTES, encoder, isSharedBuffer, isWellFormed, bodyBytes, optionsObject, numberOption } from './args.mjs';

/** @param {{ canonicalize: Function }} raw  the wasm-bindgen exports (for the core's JSON error wording) */
export function modelsApi(raw) {

  const MODEL_ROOTS = /** @type {const} */ ({ session: 'Session', webhook: 'WebhookEvent', import: 'Session' });
  const MAX_ISSUES = 32;
  const MAX_SAFE = Number.MAX_SAFE_INTEGER;
  const INSPECT = Symbol.for('nodejs.util.inspect.custom');
  const FOUND = /** @type {Record<number, string>} */ ({ 1: 'boolean', 2: 'integer', 4: 'number', 8: 'string', 16: 'array', 32: 'object' });
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
      const spellings = new Map();
      for (const c of v.values) {
        spellings.set(c, c);
        if (v.respell) {
          spellings.set(c.toUpperCase().replace(/ /g, '_'), c);
          spellings.set(c.split(/[ _]/).map((w) => w.charAt(0).toUpperCase() + w.slice(1).toLowerCase()).join(' '), c);
        }
      }
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
    for (const [bits, name] of /** @type {[number, string][]} */ ([[1, 'boolean'], [6, 'number'], [8, 'string'], [16, 'array'], [32, 'object'], [2, 'integer']])) {
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
    const expected = i.code === 'ERR_MODEL_NUMBER_RANGE' ? `${expectedTypes(i.accepts)} within ±(2^53 − 1)` : expectedTypes(i.accepts);
    return { path, code: i.code, expected, found: i.found, message: `${path || 'body'}: expected ${expected}, found ${i.found}` };
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
   * @property {RawIssue[]} issues
   * @property {number} more
   * @property {(string | number)[]} path
   * @property {{ path: (string | number)[], raw: string, value: string, family: string }[]} normalized
   * @property {{ path: (string | number)[], value: string, family: string }[]} unknown
   * @property {{ path: (string | number)[], holder: any, key: string | number }[]} deferred
   */

  /** @param {Walk} w @param {string} code @param {number} accepts @param {string} found */
  function addIssue(w, code, accepts, found) {
    if (w.issues.length >= MAX_ISSUES) w.more++;
    else w.issues.push({ path: w.path.slice(), code, accepts, found });
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
          if (v === null || v === undefined) continue;
          path.push(i);
          checkValue(w, x, i, v, elem);
          path.pop();
        }
      }
    } else if (bit === 2 && ty.exact && typeof x === 'bigint') {
      addIssue(w, 'ERR_MODEL_NUMBER_RANGE', ty.m, 'integer beyond ±(2^53 − 1)');
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
   * Validates `root` in place: statuses to canonical spelling, integers beyond 2^53 to BigInt.
   * Throws ERR_MODEL_INVALID with every issue; returns the raw notes.
   * @param {any} root
   * @param {string} text
   * @param {keyof typeof MODEL_ROOTS} model
   */
  function checkModel(root, text, model) {
    const { shapes, vocabs } = compiledSchema();
    const bigints = restoreBigIntegers(root, text);
    /** @type {Walk} */
    const w = { issues: [], more: 0, path: [], normalized: [], unknown: [], deferred: [] };
    const isObject = root !== null && typeof root === 'object' && !Array.isArray(root);
    if (root === null || root === undefined) addIssue(w, 'ERR_MODEL_TYPE', 32, 'null');
    else checkValue(w, null, '', root, /** @type {Ty} */ ({ m: 32, exact: false, free: false, shape: shapes.get(MODEL_ROOTS[model]) ?? null, elem: null, vocab: null }));
    /** @param {string} name */
    const missing = (name) => {
      w.path = [name];
      addIssue(w, 'ERR_MODEL_MISSING', 8, 'nothing');
    };
    /** @param {string} name */
    const present = (name) => root[name] !== undefined && root[name] !== null;
    if (isObject && model !== 'webhook') {
      if (!present('session_id')) missing('session_id');
      if (!present('status')) missing('status');
    } else if (isObject) {
      const t = root.webhook_type;
      if (typeof t === 'string') {
        const known = MODEL_VOCABS['webhook type'].values.includes(t);
        const sessionEvent = t === 'status.updated' || t === 'data.updated';
        if (sessionEvent && !present('session_id')) missing('session_id');
        if (t === 'status.updated' && !present('status')) missing('status');
        /** @type {string | null} */
        let family = null;
        if (sessionEvent) family = 'session status';
        else if (t.startsWith('user.') || t.startsWith('business.')) family = 'entity status';
        else if (!known && present('session_id') && !t.startsWith('transaction.')) family = 'session status';
        const vocab = family ? vocabs.get(family) : undefined;
        if (vocab) for (const d of w.deferred) spell(w, vocab, d.holder, d.key, d.holder[d.key], d.path);
      } else if (!(present('event') && root.data !== null && typeof root.data === 'object' && !Array.isArray(root.data))) {
        missing('webhook_type');
      }
    }
    if (w.issues.length > 0) {
      const views = w.issues.map(issueView);
      const total = views.length + w.more;
      const label = model === 'session' ? 'session decision' : model === 'webhook' ? 'webhook event' : 'import response';
      const error = codedError(Error, 'ERR_MODEL_INVALID', `not a valid ${label}: ${views[0].message}${total > 1 ? ` (and ${total - 1} more)` : ''}`);
      /** @type {any} */ (error).issues = views;
      /** @type {any} */ (error).moreIssues = w.more;
      throw error;
    }
    return { normalized: w.normalized, unknown: w.unknown, bigints };
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
    const value = parseJson(text, fn);
    const notes = checkModel(value, text, model);
    return seal(value, what, notes);
  }

  /**
   * A session decision (`GET /v3/session/{id}/decision/`): KYC, or KYB when `session_kind` is
   * "business". Throws `ERR_MODEL_INVALID` (with `issues`) when a member has the wrong type.
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

  const IMPORT_ERRORS = /** @type {const} */ ([
    [400, 'ERR_IMPORT_BAD_REQUEST', 'request rejected: an invalid, expired or wrong-target share token, or a missing field'],
    [401, 'ERR_IMPORT_TOKEN_INVALID', 'share token invalid or expired: request a new one'],
    [403, 'ERR_IMPORT_FORBIDDEN', 'not intended for your application, or already imported (a session imports once per application; check also that your x-api-key has write:sessions)'],
    [404, 'ERR_IMPORT_NOT_FOUND', 'original session gone, or workflow_id unknown'],
  ]);

  /** Didit's documented meaning of an error status (mirrors ApiErrorKind in the core). @param {number} status */
  function importErrorKind(status) {
    const known = IMPORT_ERRORS.find((e) => e[0] === status);
    if (known) return { code: known[1], meaning: known[2] };
    if (status >= 400 && status <= 499) return { code: 'ERR_DIDIT_CLIENT_ERROR', meaning: 'Didit rejected the request' };
    if (status >= 500 && status <= 599) return { code: 'ERR_DIDIT_SERVER_ERROR', meaning: 'Didit could not answer: retry later' };
    return { code: 'ERR_DIDIT_UNEXPECTED_STATUS', meaning: 'not a status the import endpoint answers with' };
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
      return parseModel(body, { maxBodyBytes: o.maxBodyBytes }, 'import', fn, 'DiditImportedSession');
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
    const quoted = detail === undefined ? '' : ` (Didit: "${[...detail].slice(0, 200).join('')}${[...detail].length > 200 ? '…' : ''}")`;
    const error = codedError(Error, code, `import failed with HTTP ${status}: ${meaning}${quoted}`);
    Object.assign(error, { status, meaning, detail, body: parsed });
    throw error;
  }

  /**
   * What the parse of a model noted: statuses rewritten to their canonical spelling, strings of
   * a documented vocabulary this version does not know, and where integers beyond 2^53 became
   * BigInt. `undefined` for anything that is not a parsed model.
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
// ---- BEGIN GENERATED from the Rust model tables (cargo test; DIDIT_KIT_UPDATE=1 rewrites) ----
const MODEL_VOCABS = {
  "session status": { values: ["Not Started", "In Progress", "Approved", "Declined", "In Review", "Awaiting User", "Resubmitted", "Expired", "Abandoned", "Kyc Expired"], respell: true, deferred: false },
  "feature status": { values: ["Approved", "Declined", "In Review", "Not Finished", "Not Started", "Expired", "Resub Requested", "Awaiting User"], respell: true, deferred: false },
  "entity status": { values: ["ACTIVE", "FLAGGED", "BLOCKED"], respell: true, deferred: false },
  "AML hit review status": { values: ["Unreviewed", "Confirmed Match", "False Positive", "Inconclusive"], respell: true, deferred: false },
  "party KYC status": { values: ["Approved", "Declined", "Pending"], respell: true, deferred: false },
  "webhook type": { values: ["status.updated", "data.updated", "user.status.updated", "user.data.updated", "business.status.updated", "business.data.updated", "activity.created", "transaction.created", "transaction.status.updated", "travel_rule.status.updated"], respell: false, deferred: false },
  "session kind": { values: ["user", "business"], respell: false, deferred: false },
  "envelope status": { values: [], respell: false, deferred: true },
};
// [mask, exact, shape, element, vocabulary]; mask bits: 1 boolean, 2 integer, 4 non-integral number, 8 string, 16 array, 32 object
const MODEL_SHAPES = {
  AmlHit: {caption: [8], datasets: [16,0,0,[8]], features: [32], first_seen: [8], id: [8], last_change: [8], last_seen: [8], match: [1], properties: [32], review_status: [8,0,0,0,"AML hit review status"], score: [6,1], target: [63]},
  AmlScreenedData: {date_of_birth: [8], document_number: [8], full_name: [8], nationality: [8]},
  AmlScreening: {entity_type: [8], hits: [16,0,0,[32,0,"AmlHit"]], is_ongoing_monitoring_enabled: [1], next_ongoing_monitoring_bill_date: [8], node_id: [8], ongoing_monitoring_last_check: [63], score: [6,1], screened_data: [32,0,"AmlScreenedData"], status: [8,0,0,0,"feature status"], total_hits: [2,1], warnings: [16,0,0,[32,0,"Warning"]]},
  ApiErrorBody: {detail: [63]},
  Company: {beneficial_owners: [16,0,0,[32,0,"Party"]], company_name: [8], company_type: [8], country_code: [8], incorporation_date: [8], officers: [16,0,0,[32,0,"Party"]], ownership: [63], registration_number: [8], registry_data: [63]},
  ContactDetails: {email: [8], email_lang: [8], phone: [8], send_notification_emails: [1]},
  DatabaseValidation: {errors: [16,0,0,[63]], issuing_state: [8], match_type: [8], node_id: [8], screened_data: [32], status: [8,0,0,0,"feature status"], validation_type: [8], validations: [16,0,0,[32,0,"DatabaseValidationResult"]], warnings: [16,0,0,[32,0,"Warning"]]},
  DatabaseValidationResult: {outcome_code: [14], outcome_detail: [8], service_id: [14], service_name: [8], source_data: [63], validation: [63]},
  DocumentAiDocument: {items: [16,0,0,[63]], node_id: [8], status: [8,0,0,0,"feature status"], warnings: [16,0,0,[32,0,"Warning"]]},
  DocumentVerification: {groups: [32], items: [16,0,0,[63]], node_id: [8], required_groups: [16,0,0,[8]], status: [8,0,0,0,"feature status"], warnings: [16,0,0,[32,0,"Warning"]]},
  EmailVerification: {breaches: [16,0,0,[63]], email: [8], is_breached: [1], is_disposable: [1], is_undeliverable: [1], lifecycle: [16,0,0,[63]], matches: [16,0,0,[32,0,"SessionMatch"]], node_id: [8], status: [8,0,0,0,"feature status"], verification_attempts: [2,1], verified_at: [10,1], warnings: [16,0,0,[32,0,"Warning"]]},
  FaceMatch: {node_id: [8], score: [6,1], source_image: [8], source_image_session_id: [8], status: [8,0,0,0,"feature status"], target_image: [8], warnings: [16,0,0,[32,0,"Warning"]]},
  FallbackFrom: {action: [8], method: [8], reason: [8]},
  IdVerification: {address: [8], age: [2,1], assurance: [8], back_image: [8], back_image_camera_front: [8], back_image_quality_score: [32,0,"ImageQualityScore"], back_video: [8], date_of_birth: [8], date_of_issue: [8], document_number: [8], document_subtype: [8], document_type: [8], expiration_date: [8], extra_fields: [32], extra_files: [16,0,0,[63]], fallback_from: [32,0,"FallbackFrom"], first_name: [8], formatted_address: [8], front_image: [8], front_image_camera_front: [8], front_image_quality_score: [32,0,"ImageQualityScore"], front_video: [8], full_back_image: [8], full_front_image: [8], full_name: [8], gender: [8], id_lookup: [32], issuing_state: [8], issuing_state_name: [8], last_name: [8], marital_status: [8], matches: [16,0,0,[32,0,"SessionMatch"]], mrz: [32], nationality: [8], node_id: [8], parsed_address: [32], personal_number: [8], place_of_birth: [8], portrait_image: [8], status: [8,0,0,0,"feature status"], verification_method: [8], wallet_provider: [8], wallet_verification: [32], warnings: [16,0,0,[32,0,"Warning"]]},
  ImageQualityScore: {brightness_issue: [9], brightness_score: [6,1], focus_score: [6,1], is_document_fully_visible: [1], overall_score: [6,1], resolution_score: [6,1]},
  IpAnalysis: {browser_family: [8], device_brand: [8], device_fingerprint: [8], device_model: [8], id_document: [32], ip: [32], ip_address: [8], ip_city: [8], ip_country: [8], ip_country_code: [8], ip_state: [8], is_data_center: [1], is_vpn_or_tor: [1], isp: [8], latitude: [6,1], longitude: [6,1], matches: [16,0,0,[32,0,"SessionMatch"]], node_id: [8], organization: [8], os_family: [8], platform: [8], poa_document: [32], status: [8,0,0,0,"feature status"], time_zone: [8], time_zone_offset: [14], warnings: [16,0,0,[32,0,"Warning"]]},
  KeyPeopleCheck: {node_id: [8], registry: [32,0,"KeyPeopleRegistry"], status: [8,0,0,0,"feature status"], submitted: [32,0,"KeyPeopleSubmitted"], ubo_kyc_summary: [32,0,"UboKycSummary"], warnings: [16,0,0,[32,0,"Warning"]]},
  KeyPeopleRegistry: {beneficial_owners: [16,0,0,[32,0,"Party"]], officers: [16,0,0,[32,0,"Party"]]},
  KeyPeopleSubmitted: {parties: [16,0,0,[32,0,"Party"]]},
  KybSession: {aml_screenings: [16,0,0,[32,0,"AmlScreening"]], business_session_id: [8], callback: [8], contact_details: [32,0,"ContactDetails"], created_at: [10,1], decision_trace: [32], document_verifications: [16,0,0,[32,0,"DocumentVerification"]], email_verifications: [16,0,0,[32,0,"EmailVerification"]], environment: [8], expected_details: [32], expires_at: [10,1], features: [24,0,0,[8]], ip_analyses: [16,0,0,[32,0,"IpAnalysis"]], key_people_checks: [16,0,0,[32,0,"KeyPeopleCheck"]], linked_records: [63], metadata: [63], phone_verifications: [16,0,0,[32,0,"PhoneVerification"]], questionnaire_responses: [48,0,0,[32,0,"QuestionnaireResponse"]], registry_checks: [16,0,0,[32,0,"RegistryCheck"]], reviews: [16,0,0,[32,0,"Review"]], session_id: [8], session_kind: [8,0,0,0,"session kind"], session_number: [2,1], session_url: [8], shared_from_session: [8], status: [8,0,0,0,"session status"], status_override: [63], vendor_business_id: [8], vendor_data: [8], workflow_id: [8], workflow_version: [2,1]},
  LivenessCheck: {age_estimation: [6,1], face_luminance: [38], face_quality: [38], matches: [16,0,0,[32,0,"SessionMatch"]], method: [8], node_id: [8], reference_image: [8], score: [6,1], status: [8,0,0,0,"feature status"], video_url: [8], warnings: [16,0,0,[32,0,"Warning"]]},
  NestedEventData: {decision: [32,0,"Session"], features: [24,0,0,[8]], previous_status: [8,0,0,0,"session status"], session_id: [8], session_kind: [8,0,0,0,"session kind"], status: [8,0,0,0,"session status"], vendor_data: [8], workflow_id: [8]},
  NfcAuthenticity: {dg_integrity: [9], sod_integrity: [9]},
  NfcCertificateSummary: {issuer: [8], not_valid_after: [8], not_valid_before: [8], serial_number: [14], subject: [8]},
  NfcChipData: {address: [8], birth_date: [8], document_number: [8], document_type: [8], expiration_date: [8], first_name: [8], gender: [8], issuing_country: [8], last_name: [8], nationality: [8], place_of_birth: [8]},
  NfcVerification: {authenticity: [32,0,"NfcAuthenticity"], certificate_summary: [32,0,"NfcCertificateSummary"], chip_data: [32,0,"NfcChipData"], is_nfc_skipped: [1], node_id: [8], portrait_image: [8], signature_image: [8], skip_reason: [8], status: [8,0,0,0,"feature status"], warnings: [16,0,0,[32,0,"Warning"]]},
  Party: {entity_type: [8], is_skipped: [1], kyb_sub_session_deleted: [1], kyc_session_deleted: [1], kyc_session_id: [8], kyc_status: [8,0,0,0,"party KYC status"], role: [8], roles: [16,0,0,[8]], shareholding: [32], source: [8]},
  PhoneCarrier: {name: [8], type: [8]},
  PhoneVerification: {carrier: [32,0,"PhoneCarrier"], country_code: [8], country_name: [8], full_number: [8], is_disposable: [1], is_virtual: [1], lifecycle: [16,0,0,[63]], matches: [16,0,0,[32,0,"SessionMatch"]], node_id: [8], phone_number: [8], phone_number_prefix: [8], status: [8,0,0,0,"feature status"], verification_attempts: [2,1], verification_method: [8], verified_at: [10,1], warnings: [16,0,0,[32,0,"Warning"]]},
  PoaVerification: {detected_codes: [16,0,0,[63]], document_file: [8], document_language: [8], document_metadata: [32], document_subtype: [8], document_type: [8], expiration_date: [8], extra_fields: [32], extra_files: [16,0,0,[63]], issue_date: [8], issuer: [8], issuing_state: [8], name_match_score_expected_details: [6,1], name_match_score_id_verification: [6,1], name_on_document: [8], node_id: [8], poa_address: [8], poa_formatted_address: [8], poa_parsed_address: [32], status: [8,0,0,0,"feature status"], warnings: [16,0,0,[32,0,"Warning"]]},
  QuestionnaireResponse: {default_language: [8], description: [8], is_active: [1], is_simple_questionnaire: [1], languages: [16,0,0,[8]], node_id: [8], published_at: [10,1], questionnaire_group_id: [8], questionnaire_id: [8], sections: [16,0,0,[63]], status: [8,0,0,0,"feature status"], title: [8], version: [14]},
  RegistryCheck: {company: [32,0,"Company"], data_resolved: [1], node_id: [8], ownership_structure: [32], status: [8,0,0,0,"feature status"], warnings: [16,0,0,[32,0,"Warning"]]},
  ResubmitInfo: {nodes_to_resubmit: [16,0,0,[63]], reasons: [32]},
  Review: {comment: [8], created_at: [10,1], new_status: [8,0,0,0,"session status"], user: [8]},
  Session: {aml: [32,0,"AmlScreening"], aml_screenings: [16,0,0,[32,0,"AmlScreening"]], business_session_id: [8], callback: [8], contact_details: [32,0,"ContactDetails"], created_at: [10,1], database_validations: [16,0,0,[32,0,"DatabaseValidation"]], decision_trace: [32], document_ai_documents: [16,0,0,[32,0,"DocumentAiDocument"]], document_verifications: [16,0,0,[32,0,"DocumentVerification"]], email: [32,0,"EmailVerification"], email_verifications: [16,0,0,[32,0,"EmailVerification"]], environment: [8], expected_details: [32], expires_at: [10,1], face_match: [32,0,"FaceMatch"], face_matches: [16,0,0,[32,0,"FaceMatch"]], features: [24,0,0,[8]], id_verification: [32,0,"IdVerification"], id_verifications: [16,0,0,[32,0,"IdVerification"]], ip_analyses: [16,0,0,[32,0,"IpAnalysis"]], key_people_checks: [16,0,0,[32,0,"KeyPeopleCheck"]], linked_records: [63], liveness: [32,0,"LivenessCheck"], liveness_checks: [16,0,0,[32,0,"LivenessCheck"]], metadata: [63], nfc: [32,0,"NfcVerification"], nfc_verifications: [16,0,0,[32,0,"NfcVerification"]], phone: [32,0,"PhoneVerification"], phone_verifications: [16,0,0,[32,0,"PhoneVerification"]], poa: [32,0,"PoaVerification"], poa_verifications: [16,0,0,[32,0,"PoaVerification"]], questionnaire_responses: [48,0,0,[32,0,"QuestionnaireResponse"]], registry_checks: [16,0,0,[32,0,"RegistryCheck"]], reviews: [16,0,0,[32,0,"Review"]], session_id: [8], session_kind: [8,0,0,0,"session kind"], session_number: [2,1], session_url: [8], shared_from_session: [8], status: [8,0,0,0,"session status"], status_override: [63], vendor_business_id: [8], vendor_data: [8], workflow_id: [8], workflow_version: [2,1]},
  SessionMatch: {is_allowlisted: [1], is_blocklisted: [1], match_image_url: [8], score: [6,1], session_id: [8], session_number: [2,1], similarity_percentage: [6,1], source: [8], status: [8,0,0,0,"session status"], user_details: [32], vendor_data: [8], vendor_user_id: [8], verification_date: [8]},
  UboKycSummary: {approved: [2,1], flagged: [2,1], pending: [2,1], total: [2,1]},
  Warning: {additional_data: [63], feature: [8], log_type: [8], long_description: [8], node_id: [8], risk: [8], short_description: [8]},
  WebhookEvent: {application_id: [8], business_session_id: [8], changed_fields: [48], created_at: [10,1], data: [32,0,"NestedEventData"], decision: [32,0,"Session"], environment: [8], event: [8,0,0,0,"webhook type"], event_id: [8], metadata: [63], previous_status: [8,0,0,0,"envelope status"], resubmit_info: [32,0,"ResubmitInfo"], session_id: [8], session_kind: [8,0,0,0,"session kind"], status: [8,0,0,0,"envelope status"], timestamp: [10,1], vendor_business_id: [8], vendor_data: [8], webhook_type: [8,0,0,0,"webhook type"], workflow_id: [8], workflow_version: [2,1]},
};
// ---- END GENERATED ----
