// @ts-check
// The devtools page: everything runs here, with didit-kit's browser entry. No fetch beyond the
// page's own files (the .wasm next to the glue), no storage of anything typed in.
import * as kit from '../web.mjs';
import { DEFAULT_TOLERANCE_SECONDS } from '../rules.gen.mjs';
import { parseHeaderText, headerValue, reserialiserReport, formatDuration } from './analysis.mjs';

const $ = (/** @type {string} */ id) => /** @type {any} */ (document.getElementById(id));

/** Creates an element with text and optional class. */
function el(/** @type {string} */ tag, /** @type {string} */ text = '', /** @type {string} */ cls = '') {
  const e = document.createElement(tag);
  if (text) e.textContent = text;
  if (cls) e.className = cls;
  return e;
}

function verdict(/** @type {string} */ id, /** @type {string} */ text, /** @type {'ok' | 'bad' | ''} */ kind) {
  const v = $(id);
  v.textContent = text;
  v.className = `verdict ${kind}`;
}

function kvRows(/** @type {any} */ table, /** @type {[string, string][]} */ rows) {
  table.replaceChildren(...rows.map(([k, v]) => {
    const tr = el('tr');
    tr.append(el('th', k), el('td', v));
    return tr;
  }));
}

const iso = (/** @type {number} */ s) => new Date(s * 1000).toISOString().replace('.000Z', 'Z');
const local = (/** @type {number} */ s) => new Date(s * 1000).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'long' });
const numOr = (/** @type {string} */ v) => (v.trim() === '' ? undefined : Number(v));

// --- tabs -------------------------------------------------------------------------------------
const tabs = ['token', 'webhook', 'import'];
function show(/** @type {string} */ name, focus = true) {
  for (const t of tabs) {
    const on = t === name;
    $(`tab-${t}`).setAttribute('aria-selected', String(on));
    $(`tab-${t}`).tabIndex = on ? 0 : -1;
    $(`panel-${t}`).hidden = !on;
  }
  if (focus) $(`tab-${name}`).focus();
}
for (const t of tabs) {
  $(`tab-${t}`).addEventListener('click', () => show(t));
  $(`tab-${t}`).addEventListener('keydown', (/** @type {KeyboardEvent} */ e) => {
    const i = tabs.indexOf(t);
    if (e.key === 'ArrowRight') show(tabs[(i + 1) % 3]);
    if (e.key === 'ArrowLeft') show(tabs[(i + 2) % 3]);
  });
}
document.addEventListener('keydown', (e) => {
  if (e.altKey && ['1', '2', '3'].includes(e.key)) {
    e.preventDefault();
    show(tabs[Number(e.key) - 1]);
  }
});

// --- share token ------------------------------------------------------------------------------
const TOKEN_OUT = ['token-countdown', 'token-app', 'token-unwrapped', 'token-header', 'token-claims'];

/** Empties every result of the token panel, so nothing stale stays next to a new verdict. */
function clearToken() {
  for (const id of TOKEN_OUT) $(id).textContent = '';
  $('token-times').replaceChildren();
  $('token-findings').replaceChildren();
}

/** What the full render shows, minus the countdown: when a tick leaves it unchanged, only the
 * countdown text is rewritten, so a selection in the claims or findings survives. */
let tokenShown = '';

const countdown = (/** @type {any} */ r, /** @type {number | undefined} */ fixed) => (r.remainingSeconds === null ? '' : r.remainingSeconds >= 0 ? `${formatDuration(r.remainingSeconds)} left${fixed === undefined ? '' : ` at ${iso(r.now)}`}` : `expired ${formatDuration(-r.remainingSeconds)} ago`);

function renderToken(tick = false) {
  const token = $('token').value;
  if (!token.trim()) {
    tokenShown = '';
    verdict('token-verdict', 'Paste a token.', '');
    clearToken();
    return;
  }
  const appId = $('app-id').value.trim();
  const fixed = numOr($('token-now').value);
  let r;
  try {
    r = kit.inspectShareToken(token, {
      applicationId: appId || undefined,
      now: fixed === undefined ? Date.now() : fixed * 1000,
      minRemainingSeconds: Number($('min-remaining').value) || 0,
    });
  } catch (e) {
    tokenShown = '';
    clearToken();
    verdict('token-verdict', `Cannot check: ${/** @type {any} */ (e).code}: ${/** @type {any} */ (e).message}`, 'bad');
    return;
  }
  const key = JSON.stringify([token, appId, fixed, r.usable, r.findings.map((/** @type {any} */ f) => f.code)]);
  $('token-countdown').textContent = countdown(r, fixed);
  if (tick && key === tokenShown) return;
  tokenShown = key;
  verdict('token-verdict', r.usable ? 'Usable: no finding Didit\'s import would refuse (the signature needs Didit\'s key)' : `Not usable: Didit's import would answer ${r.importStatus ?? 'an error'}`, r.usable ? 'ok' : 'bad');
  $('token-app').textContent = !appId ? 'Enter your application id to check for_application_id.' : r.forApplicationId === appId ? 'My application: matches for_application_id.' : `My application: does NOT match for_application_id (${r.forApplicationId ?? 'absent'}).`;
  $('token-unwrapped').textContent = r.unwrappedToken === null ? '' : `Send this instead (the token inside the wrapping): ${r.unwrappedToken}`;
  /** @type {[string, string][]} */
  const rows = [];
  if (r.issuedAt !== null) rows.push(['Issued (iat)', `${r.issuedAtIso} UTC · ${local(r.issuedAt)} local`]);
  if (r.expiresAt !== null) rows.push(['Expires (exp)', `${r.expiresAtIso} UTC · ${local(r.expiresAt)} local`]);
  if (r.ttlSeconds !== null) rows.push(['TTL', `${formatDuration(r.ttlSeconds)} (${r.ttlSeconds} s)`]);
  rows.push(['Session kind', `${r.sessionKind ?? 'unknown'}${r.sessionKindDefaulted ? ' (claim absent: Didit assumes user)' : ''}`]);
  rows.push(['Session id', r.sessionId ?? '—'], ['From application', r.fromApplicationId ?? '—'], ['For application', r.forApplicationId ?? '—']);
  kvRows($('token-times'), rows);
  $('token-findings').replaceChildren(...(r.findings.length ? r.findings.map((/** @type {any} */ f) => {
    const li = el('li', '', `sev-${f.severity}`);
    li.append(el('strong', `[${f.severity}] `), el('code', f.code, 'code'), ` at ${f.at}: ${f.message}`);
    if (f.importStatus) li.append(el('br'), `Import answers ${f.importStatus}: ${f.importAnswer}`);
    return li;
  }) : [el('li', 'none')]));
  $('token-header').textContent = JSON.stringify(r.header, null, 2);
  $('token-claims').textContent = JSON.stringify(r.claims, null, 2);
}
for (const id of ['token', 'app-id', 'min-remaining', 'token-now']) $(id).addEventListener('input', () => renderToken());
// The live countdown: a tick rewrites only the countdown unless the verdict or findings change.
setInterval(() => { if ($('token').value.trim() && !$('token-now').value) renderToken(true); }, 1000);

// --- webhook ----------------------------------------------------------------------------------
const mode = () => ($('wh-mode-sign').checked ? 'sign' : 'verify');

function renderDiff(/** @type {any} */ report) {
  if (report.bodyIsCanonical) {
    // The library verified these very bytes, and they are what Didit's signer writes: nothing was
    // re-serialised, so re-serialisation cannot be the cause (its diffs would only mislead).
    $('wh-traps').replaceChildren(el('li', 'Not the cause here: the body is byte for byte its canonical form, as Didit sends it, so it was not re-serialised. The secret is most likely wrong (another destination or environment?), or the body was changed.'));
    $('wh-diff').replaceChildren();
    return;
  }
  $('wh-traps').replaceChildren(...(report.traps.length
    ? report.traps.map((/** @type {any} */ t) => { const li = el('li'); li.append(el('strong', t.kind), ` at ${t.path}: ${t.detail}`); return li; })
    : [el('li', 'None: a JavaScript re-serialiser reproduces this body\'s canonical form, so the body was probably changed after signing, or the secret is wrong.')]));
  const blocks = report.variants.map((/** @type {any} */ v) => {
    const d = el('div', '', 'variant');
    d.append(el('h4', `${v.name}: ${v.equal ? 'same bytes as the canonical form' : `${v.hunks.length} difference(s)`}`));
    for (const h of v.hunks.slice(0, 20)) {
      const p = el('div', '', 'hunk');
      p.append(el('span', `@${h.at} …${h.context}`, 'ctx'), el('br'), el('span', `- ${h.canonical || '(nothing)'}`, 'del'), el('br'), el('span', `+ ${h.other || '(nothing)'}`, 'ins'));
      d.append(p);
    }
    return d;
  });
  $('wh-diff').replaceChildren(...blocks);
}

function renderWebhook() {
  const sign = mode() === 'sign';
  for (const e of document.querySelectorAll('.verify-only')) /** @type {any} */ (e).hidden = sign;
  for (const e of document.querySelectorAll('.sign-only')) /** @type {any} */ (e).hidden = !sign;
  $('wh-verify-inputs').hidden = sign;
  $('wh-sign-out').hidden = !sign;
  $('wh-explain').hidden = true;
  $('wh-late').hidden = true;
  $('wh-freshness').textContent = '';
  $('wh-present').textContent = '';
  const parsed = parseHeaderText($('wh-headers').value);
  const body = $('wh-body').value !== '' ? $('wh-body').value : sign ? '' : parsed.body ?? '';
  const secret = $('wh-secret').value;
  let canonical = '';
  try {
    canonical = body ? kit.canonicalize(body) : '';
  } catch (e) {
    canonical = `(not canonical JSON: ${/** @type {any} */ (e).code}: ${/** @type {any} */ (e).message})`;
  }
  $('wh-canonical').textContent = canonical;
  if (sign) {
    $('wh-signed').textContent = '';
    if (!body || !secret) return verdict('wh-verdict', 'Paste a body and the secret to sign.', '');
    try {
      const h = kit.signWebhook(body, secret, { timestamp: numOr($('wh-timestamp').value) });
      $('wh-signed').textContent = Object.entries(h).map(([k, v]) => `${k}: ${v}`).join('\n');
      verdict('wh-verdict', 'Signed: these are the headers Didit would send with this body.', 'ok');
    } catch (e) {
      verdict('wh-verdict', `Cannot sign: ${/** @type {any} */ (e).code}: ${/** @type {any} */ (e).message}`, 'bad');
    }
    return;
  }
  if (!body || !parsed.headers.length || !secret) return verdict('wh-verdict', 'Paste a body, its headers and the secret.', '');
  const fixed = numOr($('wh-now').value);
  const now = fixed === undefined ? Date.now() : fixed * 1000;
  // Secrets byte for byte, as the library takes them (a rotation: the second field); a secret that
  // looks wrong (whitespace, quotes, a comma-separated list) is named by the library's message.
  const secrets = $('wh-secret-2').value ? [secret, $('wh-secret-2').value] : [secret];
  const options = { toleranceSeconds: numOr($('wh-tolerance').value) ?? DEFAULT_TOLERANCE_SECONDS, allowSimple: $('wh-simple').checked };
  const r = kit.tryVerifyWebhook(body, new Map(parsed.headers), secrets.length > 1 ? secrets : secret, { ...options, now });
  const present = ['X-Signature-V2', 'X-Signature', 'X-Signature-Simple'].filter((n) => headerValue(parsed.headers, n) !== null);
  $('wh-present').textContent = `Signatures present: ${present.join(', ') || 'none'}${parsed.requestLine ? ` · request: ${parsed.requestLine}` : ''}`;
  const ts = Number(String(headerValue(parsed.headers, 'X-Timestamp') ?? '').split(',')[0].trim() || NaN);
  if (Number.isFinite(ts) && headerValue(parsed.headers, 'X-Timestamp') !== null) {
    const age = Math.round(now / 1000 - ts);
    const tol = numOr($('wh-tolerance').value) ?? DEFAULT_TOLERANCE_SECONDS;
    $('wh-freshness').textContent = `X-Timestamp ${ts} = ${iso(ts)} UTC (${local(ts)} local): ${age >= 0 ? `${formatDuration(age)} old` : `${formatDuration(-age)} in the future`}, ${Math.abs(age) <= tol ? 'fresh' : 'outside'} the ${tol} s tolerance`;
  }
  if (r.ok) {
    verdict('wh-verdict', `Valid: the ${r.method} signature matches${secrets.length > 1 ? ` (secret #${r.secretIndex + 1})` : ''}`, 'ok');
    return;
  }
  // Time is judged only once a signature matched: stale or future means the signature is genuine.
  if ((r.code === 'ERR_WEBHOOK_TIMESTAMP_STALE' || r.code === 'ERR_WEBHOOK_TIMESTAMP_FUTURE') && Number.isFinite(ts)) {
    const own = kit.tryVerifyWebhook(body, new Map(parsed.headers), secrets.length > 1 ? secrets : secret, { ...options, now: ts * 1000 });
    if (own.ok) {
      verdict('wh-verdict', `Signature matches; ${r.code === 'ERR_WEBHOOK_TIMESTAMP_STALE' ? 'stale' : 'in the future'}: the ${own.method} signature is genuine, but the delivery is outside the tolerance (${r.message})`, 'bad');
      $('wh-late-note').textContent = `At its own time (${iso(ts)} UTC) it verifies: a capture checked later is stale by design.`;
      $('wh-late').hidden = false;
      return;
    }
  }
  verdict('wh-verdict', r.code === 'ERR_WEBHOOK_SIGNATURE_MISMATCH' ? `Invalid: ${r.code}: no signature method matches (${r.message})` : `Invalid: ${r.code}: ${r.message}`, 'bad');
  if (r.code === 'ERR_WEBHOOK_SIGNATURE_MISMATCH') {
    try {
      renderDiff(reserialiserReport(body, (b, o) => kit.canonicalize(b, o)));
      $('wh-explain').hidden = false;
    } catch {
      /* not JSON: the canonical form box says so */
    }
  }
}
$('wh-at-delivery').addEventListener('click', () => {
  const ts = String(headerValue(parseHeaderText($('wh-headers').value).headers, 'X-Timestamp') ?? '').split(',')[0].trim();
  $('wh-now').value = ts;
  renderWebhook();
});
// The default freshness window, from the core (src/webhook.rs via rules.gen.mjs), not the HTML.
$('wh-tolerance').value = String(DEFAULT_TOLERANCE_SECONDS);
for (const id of ['wh-body', 'wh-headers', 'wh-secret', 'wh-secret-2', 'wh-now', 'wh-tolerance', 'wh-simple', 'wh-timestamp', 'wh-mode-verify', 'wh-mode-sign']) $(id).addEventListener('input', renderWebhook);
$('wh-use-signed').addEventListener('click', () => {
  $('wh-headers').value = $('wh-signed').textContent;
  $('wh-mode-verify').checked = true;
  renderWebhook();
  $('wh-headers').focus();
});

// --- import response / session ----------------------------------------------------------------
function renderImport() {
  const kind = $('imp-kind').value;
  for (const e of document.querySelectorAll('.import-only')) /** @type {any} */ (e).hidden = kind !== 'import';
  const body = $('imp-body').value;
  for (const id of ['imp-meaning', 'imp-model']) $(id).textContent = '';
  for (const id of ['imp-issues', 'imp-notes', 'imp-summary']) $(id).replaceChildren();
  if (!body.trim()) return verdict('imp-verdict', 'Paste a response body.', '');
  let model;
  try {
    model = kind === 'import' ? kit.parseImportResponse(body, { status: numOr($('imp-status').value) ?? 201 }) : kind === 'decision' ? kit.parseSessionDecision(body) : kit.parseWebhookEvent(body);
  } catch (e) {
    const err = /** @type {any} */ (e);
    verdict('imp-verdict', `Invalid: ${err.code}`, 'bad');
    $('imp-meaning').textContent = [err.meaning && `Meaning: ${err.meaning}`, err.detail && `Didit said: “${err.detail}”`, !err.meaning && err.message].filter(Boolean).join(' · ');
    if (err.issues?.length) {
      const head = el('tr');
      head.append(el('th', 'JSON path'), el('th', 'code'), el('th', 'expected'), el('th', 'found'));
      $('imp-issues').replaceChildren(head, ...err.issues.map((/** @type {any} */ i) => {
        const tr = el('tr');
        tr.append(el('td', i.path || '(body)'), el('td', i.code), el('td', i.expected), el('td', i.found));
        return tr;
      }));
    }
    return;
  }
  const none = el('tr');
  none.append(el('td', 'none: the body matches the model'));
  $('imp-issues').replaceChildren(none);
  verdict('imp-verdict', `Valid ${kind === 'import' ? 'import response' : kind === 'decision' ? 'session decision' : 'webhook event'}`, 'ok');
  const m = /** @type {any} */ (model);
  /** @type {[string, string][]} */
  const rows = [];
  for (const k of ['session_kind', 'webhook_type', 'session_id', 'status', 'session_number', 'workflow_id', 'vendor_data', 'created_at', 'expires_at']) {
    if (m[k] !== undefined) rows.push([k, typeof m[k] === 'bigint' ? m[k].toString() : JSON.stringify(m[k])]);
  }
  kvRows($('imp-summary'), rows);
  const notes = kit.modelNotes(model);
  /** @type {HTMLElement[]} */
  const items = [];
  for (const n of notes?.normalized ?? []) items.push(el('li', `normalised ${n.path}: ${JSON.stringify(n.raw)} → ${JSON.stringify(n.value)} (${n.family})`));
  for (const n of notes?.unknown ?? []) items.push(el('li', `unknown ${n.family} at ${n.path}: ${JSON.stringify(n.value)} (kept as sent)`, 'sev-warning'));
  for (const p of notes?.bigints ?? []) items.push(el('li', `integer beyond 2^53 at ${p}: kept exactly as a BigInt`));
  for (const d of notes?.dropped ?? []) items.push(el('li', `dropped ${d.member}: ${d.message} (type drift)`, 'sev-warning'));
  $('imp-notes').replaceChildren(...(items.length ? items : [el('li', 'none')]));
  $('imp-model').textContent = kit.stringify(model, 2);
}
for (const id of ['imp-body', 'imp-kind', 'imp-status']) $(id).addEventListener('input', renderImport);

// --- start ------------------------------------------------------------------------------------
try {
  // The single-file build (standalone.html) embeds the module's bytes; the served page fetches it.
  await kit.init(/** @type {any} */ (globalThis).__DIDIT_KIT_WASM__);
  $('load-status').textContent = 'Ready. Everything below runs in this page.';
  /** @type {any} */ (globalThis).__devtoolsReady = true;
  renderToken();
  renderWebhook();
  renderImport();
} catch (e) {
  $('load-status').textContent = location.protocol === 'file:'
    ? 'This browser does not load WebAssembly from a file:// page. Open devtools/standalone.html instead (one file, works from disk), or run `npx didit-kit devtools`.'
    : `Could not load the WebAssembly module: ${e}`;
}
