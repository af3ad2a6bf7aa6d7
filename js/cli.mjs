#!/usr/bin/env node
// @ts-check
// `didit-kit` command line: inspect share tokens, verify and sign webhook deliveries, print the
// canonical form, parse import responses, and serve the offline devtools page on 127.0.0.1.
// Exit codes: 0 ok, 1 invalid (bad token, signature or model), 2 usage error.
import { readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as kit from './node.mjs';
import { DEFAULT_TOLERANCE_SECONDS } from './rules.gen.mjs';
import { parseHeaderText, headerValue, reserialiserReport, formatDuration } from './devtools/analysis.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));

class UsageError extends Error {}

const COMMON = `
  --json      machine-readable output on stdout
  -h, --help  this help

Exit codes: 0 ok, 1 invalid (bad token, signature or model), 2 usage error.`;

const HELP = {
  main: `Usage: didit-kit <command> [options]

Commands:
  inspect-token   decode a share token: claims, times, findings, what Didit's import would answer
  verify-webhook  check a delivery's signatures and timestamp; explains V2 failures
  canonicalize    print the canonical JSON that X-Signature-V2 covers
  sign-webhook    sign a body as Didit does (test deliveries)
  parse-import    parse an import response (or a session decision / webhook event) into the typed model
  devtools        serve the offline devtools page on 127.0.0.1 and print its URL
  simulate        generate signed Didit deliveries (every webhook_type) and send them to your endpoint

Run \`didit-kit <command> --help\` for a command's options. Nothing is sent anywhere, except by
\`simulate --url\`.`,
  'inspect-token': `Usage: didit-kit inspect-token [TOKEN | FILE | -] [options]

Decodes a share token: the argument, a file holding it, or stdin when absent or "-". A token as
pasted (Bearer, an Authorization: line, quotes, a URL, line breaks) is unwrapped and inspected, and
the wrapping reported. The signature cannot be checked without Didit's key; everything else
Didit's import checks is.

  --app-id UUID          your application id (checked against for_application_id)
  --now TIME             judge at this Unix time, in seconds or milliseconds (default: now)
  --min-remaining SECS   flag tokens with less time left
  --json                 the inspection as JSON: header, claims, ISO times, findings
                         (e.g. | jq .claims.session_kind)
  -h, --help             this help

Exit codes: 0 usable, 1 not usable, 2 usage error.`,
  'verify-webhook': `Usage: didit-kit verify-webhook [BODY_FILE | -] [options]

Verifies a delivery: the raw body (a file, or stdin when absent or "-"), its headers, the secret.

  -H, --header "Name: value"  a header (repeatable)
  --headers FILE              headers as "Name: value" lines, a raw HTTP request (a proxy capture,
                              with or without its body) or \`curl -v\` output ("> Name: value")
  --secret-env NAME           environment variable holding the secret (default DIDIT_WEBHOOK_SECRET),
                              used byte for byte as the library uses it (no trimming, no splitting);
                              repeat the option for several secrets (a rotation)
  --now SECONDS               verify at this Unix time (default: now; milliseconds are recognised)
  --at-delivery-time          verify at the delivery's own signed time (a capture checked later)
  --tolerance SECONDS         accepted timestamp distance (default ${DEFAULT_TOLERANCE_SECONDS})
  --allow-simple              accept X-Signature-Simple
  --allow-unsigned-timestamp  accept a body with no signed time (replayable: judged on X-Timestamp)

Freshness is judged on the delivery's signed time (the body's timestamp, else created_at), which
X-Timestamp must equal. A stale result means the signature matched.
${COMMON}`,
  canonicalize: `Usage: didit-kit canonicalize [FILE | -] [options]

Prints the canonical form of a JSON body (what X-Signature-V2 signs), byte-exact with Didit's
Python signer, and what JavaScript re-serialisers would write instead.

  --ascii     escape non-ASCII as \\uXXXX (Python's ensure_ascii=True)
${COMMON}`,
  'sign-webhook': `Usage: didit-kit sign-webhook [FILE | -] [options]

Prints the headers Didit would send with this body ("Name: value" lines, usable with --headers).

  --secret-env NAME   environment variable holding the secret (default DIDIT_WEBHOOK_SECRET)
  --timestamp SECS    X-Timestamp (default: the body's timestamp, else now)
${COMMON}`,
  'parse-import': `Usage: didit-kit parse-import [FILE | -] [options]

Parses a response body into the typed model: normalised statuses, unknown values, validation
errors with JSON paths; for a non-2xx status, what Didit's answer means.

  --status N          the HTTP status of the response (default 201)
  --as KIND           import (default), decision (GET /v3/session/{id}/decision/) or webhook
  --strict            any member of the wrong type is an error (default: dropped and listed)
${COMMON}`,
  simulate: `Usage: didit-kit simulate (--url URL | --print) [options]

Generates Didit-shaped deliveries for every webhook_type (KYC and KYB sessions in every status,
decisions with their feature arrays, user, business, activity, transaction events) in Didit's wire
format, signed with all four headers; per event: the original, a verbatim duplicate and Didit's
two retries. --url sends them and judges each answer by Didit's rules (2xx within 5 s; a 5xx, 404
or timeout is retried about 1 and 4 minutes later; any other 4xx drops the event). Exit 1 when
an answer would lose an event.

  --url URL              POST the deliveries here
  --print                print them instead, one JSON object per line ({headers, body, ...})
  --secret-env NAME      environment variable holding the secret (default DIDIT_WEBHOOK_SECRET)
  --seed S               same seed, same deliveries (default 1)
  --now SECONDS          sign at this Unix time (default: now)
  --type T               only this webhook_type (repeatable)
  --traps                integer-like metadata keys, a 64-bit id, tiny floats, non-ASCII names
  --retries N            retries per event, 0 to 2 (default 2)
  --duplicates N         verbatim copies per event (default 1)
  --retry-event-id M     new (default: Didit calls event_id "unique per delivery attempt") or same
  --all-attempts         send every retry even after a 2xx (default: only when Didit would retry)
  --race                 send each original and its duplicates at the same time
  --timeout MS           Didit's receiver timeout (default 5000)
${COMMON}`,
  devtools: `Usage: didit-kit devtools [options]

Serves the devtools page (share token, webhook, import/session panels) on 127.0.0.1 and prints its
URL. The page makes no request beyond this server; secrets stay in the page's memory.

  --port N    port (default: a free one)
  --host H    127.0.0.1 (default) or another loopback address
  -h, --help  this help`,
};

/**
 * @param {string[]} argv
 * @param {Record<string, 'bool' | 'value' | 'list'>} spec
 */
function parseArgs(argv, spec) {
  /** @type {Record<string, any>} */
  const opts = {};
  const positionals = [];
  const alias = /** @type {Record<string, string>} */ ({ '-H': '--header', '-h': '--help' });
  for (let i = 0; i < argv.length; i++) {
    let a = argv[i];
    if (a === '-' || !a.startsWith('-')) { positionals.push(a); continue; }
    if (a === '--') { positionals.push(...argv.slice(i + 1)); break; }
    let inline;
    const eq = a.indexOf('=');
    if (a.startsWith('--') && eq > 0) { inline = a.slice(eq + 1); a = a.slice(0, eq); }
    a = alias[a] ?? a;
    const name = a.replace(/^--/, '');
    const kind = spec[name];
    if (!kind) throw new UsageError(`unknown option ${a}`);
    if (kind === 'bool') { opts[name] = true; continue; }
    const v = inline ?? argv[++i];
    if (v === undefined) throw new UsageError(`${a} needs a value`);
    if (kind === 'list') (opts[name] ??= []).push(v);
    else opts[name] = v;
  }
  return { opts, positionals };
}

function num(/** @type {string | undefined} */ v, /** @type {string} */ name) {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!/^-?\d+(\.\d+)?$/.test(v) || !Number.isFinite(n)) throw new UsageError(`--${name} must be a number, got ${JSON.stringify(v)}`);
  return n;
}

/** Reads a file, or stdin for "-" / no argument (refusing an interactive terminal). */
function input(/** @type {string | undefined} */ file, /** @type {string} */ what) {
  if (file === undefined || file === '-') {
    if (process.stdin.isTTY) throw new UsageError(`no ${what}: pass a file or pipe it on stdin`);
    const bytes = readFileSync(0);
    // Nothing piped (e.g. `--headers FILE` holding headers only, run from a script): say so rather
    // than report an empty body as invalid JSON.
    if (bytes.length === 0) throw new UsageError(`no ${what}: stdin was empty; pass the ${what} as a file argument or pipe it in`);
    return bytes;
  }
  try {
    return readFileSync(file);
  } catch (e) {
    throw new UsageError(`cannot read ${what} ${JSON.stringify(file)}: ${/** @type {any} */ (e).code ?? e}`);
  }
}

/**
 * The secrets named by --secret-env (one variable per option), each used byte for byte: the
 * library's rule, so that the CLI and an application agree. A secret that looks wrong (spaces or
 * a newline around it, quotes, a comma-separated list) is reported by the library on a mismatch.
 * @param {string | string[] | undefined} envNames
 */
function secretFrom(envNames) {
  const names = envNames === undefined ? ['DIDIT_WEBHOOK_SECRET'] : Array.isArray(envNames) ? envNames : [envNames];
  const list = names.map((name) => {
    const v = process.env[name];
    if (!v) throw new UsageError(`no secret: set the environment variable ${name}${envNames ? '' : ' (or name another with --secret-env)'}`);
    return v;
  });
  return list.length === 1 ? list[0] : list;
}

const out = (/** @type {string} */ s) => process.stdout.write(s.endsWith('\n') ? s : s + '\n');
const json = (/** @type {unknown} */ v) => out(kit.stringify(v, 2));
const iso = (/** @type {number} */ s) => new Date(s * 1000).toISOString().replace('.000Z', 'Z');
const local = (/** @type {number} */ s) => new Date(s * 1000).toString();

// ---------------------------------------------------------------------------------------------

/**
 * `--now` as Unix seconds. A value of 10^11 or more cannot be seconds (that is the year 5138) and
 * is read as milliseconds (what `Date.now()` prints), with a note on stderr.
 * @param {string | undefined} v
 */
function nowOption(v) {
  const n = num(v, 'now');
  if (n === undefined || Math.abs(n) < 1e11) return n;
  process.stderr.write(`note: --now ${v} read as milliseconds (${new Date(n).toISOString()})\n`);
  return Math.floor(n / 1000);
}

/**
 * The token argument: a file's contents when it names a file, the text itself otherwise, stdin
 * for "-" or no argument. A file's or stdin's final line break is dropped (any other whitespace
 * is the token's, and reported).
 * @param {string | undefined} arg
 */
function tokenArg(arg) {
  /** @param {Buffer} b */
  const text = (b) => b.toString('utf8').replace(/\r?\n$/, '');
  if (arg === undefined || arg === '-') return text(input(undefined, 'token'));
  let isFile = false;
  try {
    isFile = statSync(arg).isFile();
  } catch {
    // Not a path: the token itself.
  }
  return isFile ? text(input(arg, 'token file')) : arg;
}

function inspectToken(/** @type {string[]} */ argv) {
  const { opts, positionals } = parseArgs(argv, { 'app-id': 'value', now: 'value', 'min-remaining': 'value', json: 'bool', help: 'bool' });
  if (opts.help) return out(HELP['inspect-token']), 0;
  if (positionals.length > 1) throw new UsageError('one token at a time (quote a token that contains spaces)');
  const token = tokenArg(positionals[0]);
  const now = nowOption(opts.now);
  const r = kit.inspectShareToken(token, {
    applicationId: opts['app-id'],
    now: now === undefined ? undefined : now * 1000,
    minRemainingSeconds: num(opts['min-remaining'], 'min-remaining'),
  });
  if (opts.json) {
    // toJSON: the header, claims and ISO times are getters (computed when read).
    json(r.toJSON());
    return r.usable ? 0 : 1;
  }
  const lines = [];
  lines.push(r.usable ? 'USABLE (no finding Didit\'s import would refuse; the signature needs Didit\'s key)' : `NOT USABLE: Didit's import would answer ${r.importStatus ?? 'an error'}`);
  if (r.unwrappedToken !== null) lines.push(`send instead ${r.unwrappedToken}`);
  lines.push(`header       ${JSON.stringify(r.header)}`);
  if (r.claims) for (const [k, v] of Object.entries(r.claims)) lines.push(`  ${k.padEnd(22)} ${JSON.stringify(v)}`);
  lines.push(`session kind ${r.sessionKind ?? '(unknown)'}${r.sessionKindDefaulted ? ' (claim absent: Didit assumes user)' : ''}`);
  if (r.issuedAt !== null) lines.push(`issued       ${r.issuedAtIso}  (${local(r.issuedAt)})`);
  if (r.expiresAt !== null) lines.push(`expires      ${r.expiresAtIso}  (${local(r.expiresAt)})`);
  if (r.ttlSeconds !== null) lines.push(`ttl          ${formatDuration(r.ttlSeconds)}`);
  if (r.remainingSeconds !== null) lines.push(`remaining    ${r.remainingSeconds >= 0 ? formatDuration(r.remainingSeconds) : `expired ${formatDuration(-r.remainingSeconds)} ago`} (at ${iso(r.now)})`);
  if (opts['app-id']) lines.push(`my app       ${r.forApplicationId === opts['app-id'] ? 'matches for_application_id' : `does NOT match for_application_id ${r.forApplicationId}`}`);
  lines.push(r.findings.length ? 'findings:' : 'findings: none');
  for (const f of r.findings) {
    lines.push(`  [${f.severity}] ${f.code} at ${f.at}: ${f.message}`);
    if (f.importStatus) lines.push(`          import answers ${f.importStatus}: ${f.importAnswer}`);
  }
  out(lines.join('\n'));
  return r.usable ? 0 : 1;
}

function verifyWebhookCmd(/** @type {string[]} */ argv) {
  const { opts, positionals } = parseArgs(argv, {
    header: 'list', headers: 'value', 'secret-env': 'list', now: 'value', 'at-delivery-time': 'bool', tolerance: 'value', 'allow-simple': 'bool', 'allow-unsigned-timestamp': 'bool', json: 'bool', help: 'bool',
  });
  if (opts.help) return out(HELP['verify-webhook']), 0;
  if (positionals.length > 1) throw new UsageError('one body at a time');
  /** @type {[string, string][]} */
  const headers = [];
  let bodyFromHeaders = null;
  if (opts.headers) {
    const parsed = parseHeaderText(input(opts.headers, 'headers file').toString('utf8'));
    headers.push(...parsed.headers);
    bodyFromHeaders = parsed.body;
  }
  for (const h of opts.header ?? []) {
    const m = /^([^:\s]+)\s*:\s*(.*)$/.exec(h);
    if (!m) throw new UsageError(`-H wants "Name: value", got ${JSON.stringify(h)}`);
    headers.push([m[1], m[2]]);
  }
  if (!headers.length) throw new UsageError('no headers: pass -H "X-Timestamp: …" -H "X-Signature-V2: …" or --headers FILE');
  const body = positionals.length || bodyFromHeaders === null ? input(positionals[0], 'body') : Buffer.from(bodyFromHeaders, 'utf8');
  const secret = secretFrom(opts['secret-env']);
  if (opts['at-delivery-time'] && opts.now !== undefined) throw new UsageError('--now and --at-delivery-time exclude each other');
  const now = num(opts.now, 'now');
  // X-Timestamp's first value (a repeated header arrives as "a, b"); the library checks the rest.
  const ts = Number(String(headerValue(headers, 'X-Timestamp') ?? '').split(',')[0].trim() || NaN);
  const atDelivery = !!opts['at-delivery-time'];
  if (atDelivery && !Number.isFinite(ts)) throw new UsageError('--at-delivery-time needs an X-Timestamp header');
  // --now takes Unix seconds; a value beyond 1e11 is plainly milliseconds (year 5138 in seconds).
  const nowInMs = now !== undefined && now > 1e11;
  const nowMs = atDelivery ? ts * 1000 : now === undefined ? Date.now() : nowInMs ? now : now * 1000;
  const options = { toleranceSeconds: num(opts.tolerance, 'tolerance'), allowSimple: !!opts['allow-simple'], allowUnsignedTimestamp: !!opts['allow-unsigned-timestamp'] };
  const r = kit.tryVerifyWebhook(body, new Map(headers), secret, { ...options, now: nowMs });
  const freshness = Number.isFinite(ts) ? { timestamp: ts, timestampIso: iso(ts), ageSeconds: Math.round(nowMs / 1000 - ts) } : null;
  const present = ['X-Signature-V2', 'X-Signature', 'X-Signature-Simple'].filter((n) => headerValue(headers, n) !== null);
  const text = body.toString('utf8');
  // The library judges time only once a signature matched: stale or future means genuine. Say so,
  // and show the verdict at the delivery's own signed time (which X-Timestamp equals by then).
  const late = !r.ok && (r.code === 'ERR_WEBHOOK_TIMESTAMP_STALE' || r.code === 'ERR_WEBHOOK_TIMESTAMP_FUTURE');
  const atOwnTime = late && Number.isFinite(ts) ? kit.tryVerifyWebhook(body, new Map(headers), secret, { ...options, now: ts * 1000 }) : null;
  /** @type {any} */
  let explain = null;
  if (!r.ok && r.code === 'ERR_WEBHOOK_SIGNATURE_MISMATCH') {
    try {
      explain = reserialiserReport(text, (b, o) => kit.canonicalize(b, o));
    } catch {
      explain = null;
    }
  }
  if (opts.json) {
    json({
      ok: r.ok,
      ...(r.ok ? { method: r.method, secretIndex: r.secretIndex, timestamp: r.timestamp, timeSource: r.timeSource } : { code: r.code, message: r.message }),
      ...(atDelivery ? { atDeliveryTime: true } : {}),
      ...(atOwnTime ? { signatureMatches: atOwnTime.ok, stale: r.code === 'ERR_WEBHOOK_TIMESTAMP_STALE', atDeliveryTime: atOwnTime.ok ? { ok: true, method: atOwnTime.method, timestamp: atOwnTime.timestamp, timeSource: atOwnTime.timeSource } : { ok: false, code: atOwnTime.code } } : {}),
      freshness,
      signaturesPresent: present,
      ...(explain ? { canonical: explain.canonical, bodyIsCanonical: explain.bodyIsCanonical, reserialisers: explain.variants.map((/** @type {any} */ v) => ({ name: v.name, equal: v.equal, hunks: v.hunks })), traps: explain.traps } : {}),
    });
    return r.ok ? 0 : 1;
  }
  const lines = [];
  const secretNo = Array.isArray(secret) ? ` (secret #${r.ok ? r.secretIndex : 0})` : '';
  if (r.ok) lines.push(`VALID: ${r.method} signature matches${secretNo}; time bound by ${r.timeSource === 'header' ? 'X-Timestamp' : `the body's ${r.timeSource}`}${atDelivery ? ', judged at the delivery\'s own time' : ''}`);
  else if (atOwnTime?.ok) {
    const which = Array.isArray(secret) ? ` (secret #${atOwnTime.secretIndex})` : '';
    lines.push(
      `SIGNATURE MATCHES; ${r.code === 'ERR_WEBHOOK_TIMESTAMP_STALE' ? 'STALE' : 'IN THE FUTURE'}: the ${atOwnTime.method} signature is genuine${which}, but the delivery is outside the tolerance`,
      `  ${r.message}`,
      `  at the delivery's own time (${iso(ts)}) it verifies: add --at-delivery-time (or --now ${ts}) to judge a capture as Didit sent it`,
    );
  } else lines.push(`INVALID: ${r.code}`, `  ${r.message}`);
  lines.push(`signatures present: ${present.join(', ') || 'none'}`);
  if (nowInMs) lines.push(`--now ${now} read as milliseconds (it takes Unix seconds: ${Math.floor(/** @type {number} */ (now) / 1000)})`);
  if (freshness) lines.push(`X-Timestamp ${freshness.timestamp} = ${freshness.timestampIso}, ${freshness.ageSeconds >= 0 ? `${formatDuration(freshness.ageSeconds)} old` : `${formatDuration(-freshness.ageSeconds)} in the future`}`);
  if (explain) lines.push(...explainLines(explain));
  out(lines.join('\n'));
  return r.ok ? 0 : 1;
}

/** @param {any} e */
function explainLines(e) {
  if (e.bodyIsCanonical) {
    // The library verified these very bytes, and they are what Didit's signer writes: nothing was
    // re-serialised, so re-serialisation cannot be the cause (and its diffs would mislead).
    return ['', 'the body is byte for byte its canonical form, as Didit sends it: JSON re-serialisation is not the cause here; the secret is most likely wrong (another destination or environment?), or the body was changed'];
  }
  // The library canonicalised these bytes itself, so a JavaScript re-serialisation in the user's
  // code cannot be why this check failed: the secret comes first (found by a first-time user whom
  // the diffs below sent looking at the body while the secret was wrong).
  const lines = [
    '',
    'likeliest causes: the secret (another destination or environment?), or a body changed after Didit signed it (edited, or re-serialised before it was captured: what a JavaScript round trip changes is shown below)',
    '',
    'canonical form (what X-Signature-V2 covers):',
    '  ' + e.canonical,
  ];
  lines.push('the body is not in canonical form (fine: the signer canonicalises it)');
  for (const v of e.variants) {
    lines.push('', `${v.name}: ${v.equal ? 'same as the canonical form' : `${v.hunks.length} difference(s) from the canonical form`}`);
    for (const h of v.hunks.slice(0, 10)) lines.push(`  at offset ${h.at}, after …${h.context}`, `    - canonical: ${h.canonical || '(nothing)'}`, `    + ${v.name.split(' ')[0] === 'JSON.parse' ? 'JS' : 'sorted JS'}: ${h.other || '(nothing)'}`);
    if (v.hunks.length > 10) lines.push(`  … ${v.hunks.length - 10} more`);
  }
  lines.push('', e.traps.length ? 'traps in this body (a V2 check that re-serialises in JavaScript computes other bytes here):' : 'no re-serialisation traps in this body: it was probably changed, or the secret is wrong');
  for (const t of e.traps) lines.push(`  ${t.kind} at ${t.path}: ${t.detail}`);
  if (e.traps.length) lines.push('if your own code re-serialises the body before verifying, these traps are why it fails: verify the raw bytes as received (before any JSON.parse), e.g. express.raw() or keepRawBody');
  return lines;
}

function canonicalizeCmd(/** @type {string[]} */ argv) {
  const { opts, positionals } = parseArgs(argv, { ascii: 'bool', json: 'bool', help: 'bool' });
  if (opts.help) return out(HELP.canonicalize), 0;
  const body = input(positionals[0], 'body');
  let canonical;
  try {
    canonical = kit.canonicalize(body, { ascii: !!opts.ascii });
  } catch (e) {
    const err = /** @type {any} */ (e);
    if (opts.json) json({ ok: false, code: err.code, message: err.message });
    else process.stderr.write(`INVALID: ${err.code}: ${err.message}\n`);
    return 1;
  }
  if (opts.json) {
    const r = reserialiserReport(body.toString('utf8'), (b, o) => kit.canonicalize(b, o));
    json({ ok: true, canonical, reserialisers: r.variants.map((v) => ({ name: v.name, equal: v.equal, hunks: v.hunks })), traps: r.traps });
  } else {
    process.stdout.write(canonical + '\n');
  }
  return 0;
}

function signWebhookCmd(/** @type {string[]} */ argv) {
  const { opts, positionals } = parseArgs(argv, { 'secret-env': 'value', timestamp: 'value', json: 'bool', help: 'bool' });
  if (opts.help) return out(HELP['sign-webhook']), 0;
  const body = input(positionals[0], 'body');
  const secret = secretFrom(opts['secret-env']);
  if (Array.isArray(secret)) throw new UsageError('sign-webhook takes one secret');
  let headers;
  try {
    headers = kit.signWebhook(body, secret, { timestamp: num(opts.timestamp, 'timestamp') });
  } catch (e) {
    const err = /** @type {any} */ (e);
    if (opts.json) json({ ok: false, code: err.code, message: err.message });
    else process.stderr.write(`INVALID: ${err.code}: ${err.message}\n`);
    return 1;
  }
  // The library's own verdict on what was just signed: a body without a signed time (`timestamp`
  // or `created_at`) signs, but every verifier refuses it (found by a first-time user whose
  // minimal test body got ERR_WEBHOOK_TIMESTAMP_UNSIGNED on every delivery).
  const check = kit.tryVerifyWebhook(body, headers, secret, { now: Number(headers['X-Timestamp']) * 1000 });
  if (!check.ok && check.code === 'ERR_WEBHOOK_TIMESTAMP_UNSIGNED') {
    process.stderr.write(
      `warning: a verifier refuses this delivery (${check.code}): the body has no "timestamp" or "created_at" member, which Didit's deliveries always carry; ` +
        `add "timestamp": ${headers['X-Timestamp']} to the body (and pass the same --timestamp) before signing\n`,
    );
  }
  if (opts.json) json(headers);
  else out(Object.entries(headers).map(([k, v]) => `${k}: ${v}`).join('\n'));
  return 0;
}

function parseImportCmd(/** @type {string[]} */ argv) {
  const { opts, positionals } = parseArgs(argv, { status: 'value', as: 'value', json: 'bool', strict: 'bool', help: 'bool' });
  if (opts.help) return out(HELP['parse-import']), 0;
  const strict = opts.strict === true;
  const kind = opts.as ?? 'import';
  if (!['import', 'decision', 'webhook'].includes(kind)) throw new UsageError(`--as must be import, decision or webhook, got ${JSON.stringify(kind)}`);
  if (opts.status !== undefined && kind !== 'import') throw new UsageError('--status goes with --as import');
  const status = num(opts.status, 'status') ?? 201;
  const body = input(positionals[0], 'body');
  let model;
  try {
    model = kind === 'import' ? kit.parseImportResponse(body, { status, strict }) : kind === 'decision' ? kit.parseSessionDecision(body, { strict }) : kit.parseWebhookEvent(body, { strict });
  } catch (e) {
    const err = /** @type {any} */ (e);
    const info = { ok: false, code: err.code, message: err.message, status: err.status, meaning: err.meaning, detail: err.detail, issues: err.issues, moreIssues: err.moreIssues };
    if (opts.json) json(info);
    else {
      const lines = [`INVALID: ${err.code}`, `  ${err.message}`];
      if (err.meaning) lines.push(`  meaning: ${err.meaning}`);
      if (err.detail) lines.push(`  Didit said: ${err.detail}`);
      for (const i of err.issues ?? []) lines.push(`  ${i.path || '(body)'}: ${i.code}: expected ${i.expected}, found ${i.found}`);
      if (err.moreIssues) lines.push(`  … ${err.moreIssues} more`);
      out(lines.join('\n'));
    }
    return 1;
  }
  const notes = kit.modelNotes(model);
  if (opts.json) {
    out(`{"ok":true,"model":${kit.stringify(model)},"notes":${JSON.stringify(notes)}}`);
    return 0;
  }
  const lines = [`OK: ${kind === 'import' ? 'imported session' : kind === 'decision' ? 'session decision' : 'webhook event'}`];
  for (const k of ['session_kind', 'webhook_type', 'session_id', 'status', 'session_number', 'workflow_id', 'vendor_data', 'created_at', 'expires_at']) {
    const m = /** @type {any} */ (model);
    if (m[k] !== undefined) lines.push(`  ${k.padEnd(15)} ${typeof m[k] === 'bigint' ? m[k].toString() : JSON.stringify(m[k])}`);
  }
  if (notes) {
    for (const n of notes.normalized) lines.push(`  normalised ${n.path}: ${JSON.stringify(n.raw)} -> ${JSON.stringify(n.value)} (${n.family})`);
    for (const n of notes.unknown) lines.push(`  unknown ${n.family} at ${n.path}: ${JSON.stringify(n.value)} (kept as sent)`);
    for (const p of notes.bigints) lines.push(`  integer beyond 2^53 at ${p}: kept as BigInt`);
    for (const d of notes.dropped) lines.push(`  dropped ${d.member}: ${d.message} (type drift; --strict rejects it)`);
  }
  lines.push('typed model:', kit.stringify(model, 2));
  out(lines.join('\n'));
  return 0;
}

// What the devtools server may serve besides devtools/ and wasm/full/: the browser entry and the
// ESM modules it imports.
const isBrowserFile = (/** @type {string} */ rel) => (/^[\w.-]+\.mjs$/.test(rel) && rel !== 'cli.mjs');
const TYPES = /** @type {Record<string, string>} */ ({
  '.html': 'text/html; charset=utf-8', '.mjs': 'text/javascript', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm', '.json': 'application/json',
});

function devtools(/** @type {string[]} */ argv) {
  const { opts, positionals } = parseArgs(argv, { port: 'value', host: 'value', help: 'bool' });
  if (opts.help) return out(HELP.devtools), 0;
  if (positionals.length) throw new UsageError('devtools takes no arguments');
  const host = opts.host ?? '127.0.0.1';
  if (!/^(127\.\d+\.\d+\.\d+|::1|localhost)$/.test(host)) throw new UsageError('--host must be a loopback address (the page handles secrets)');
  const port = num(opts.port, 'port') ?? 0;
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (path === '/' ) return void res.writeHead(302, { location: '/devtools/' }).end();
    const rel = normalize(path.endsWith('/') ? path + 'index.html' : path).replace(/^[/\\]+/, '');
    const file = join(HERE, rel);
    // Only the page, the browser entry and the full module: nothing else of the package.
    const allowed = rel.startsWith(`devtools${sep}`) || isBrowserFile(rel) || rel.startsWith(`stores${sep}`) || rel.startsWith(join('wasm', 'full') + sep);
    if (!file.startsWith(HERE + sep) || !allowed || req.method !== 'GET') return void res.writeHead(404).end();
    try {
      if (!statSync(file).isFile()) throw new Error('not a file');
      res.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-store',
        'content-security-policy': "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; form-action 'none'; base-uri 'none'",
        'referrer-policy': 'no-referrer',
        'x-content-type-options': 'nosniff',
      }).end(readFileSync(file));
    } catch {
      res.writeHead(404).end();
    }
  });
  server.on('error', (e) => { process.stderr.write(`didit-kit devtools: ${e.message}\n`); process.exit(2); });
  server.listen(port, host, () => {
    const a = /** @type {import('node:net').AddressInfo} */ (server.address());
    out(`http://${a.family === 'IPv6' ? `[${a.address}]` : a.address}:${a.port}/devtools/`);
    process.stderr.write('didit-kit devtools: serving on loopback only; press Ctrl+C to stop\n');
  });
  return null; // keeps running
}

const COMMANDS = /** @type {Record<string, (argv: string[]) => number | null | Promise<number>>} */ ({
  'inspect-token': inspectToken,
  'verify-webhook': verifyWebhookCmd,
  canonicalize: canonicalizeCmd,
  'sign-webhook': signWebhookCmd,
  'parse-import': parseImportCmd,
  devtools,
  simulate: simulateCmd,
});

async function simulateCmd(/** @type {string[]} */ argv) {
  const { opts } = parseArgs(argv, {
    url: 'value', print: 'bool', 'secret-env': 'value', seed: 'value', now: 'value', type: 'list', traps: 'bool', retries: 'value',
    duplicates: 'value', 'retry-event-id': 'value', 'all-attempts': 'bool', race: 'bool', timeout: 'value', json: 'bool', help: 'bool',
  });
  if (opts.help) return out(HELP.simulate), 0;
  if (!opts.url === !opts.print) throw new UsageError('pass --url URL to send the deliveries, or --print to print them');
  const secret = secretFrom(opts['secret-env']);
  if (Array.isArray(secret)) throw new UsageError('simulate signs with one secret');
  const now = num(opts.now, 'now');
  const deliveries = kit.simulateDeliveries({
    secret,
    seed: opts.seed,
    now: now === undefined ? undefined : now * 1000,
    types: opts.type,
    traps: opts.traps === true,
    retries: num(opts.retries, 'retries'),
    duplicates: num(opts.duplicates, 'duplicates'),
    retryEventId: opts['retry-event-id'],
  });
  if (opts.print) {
    for (const d of deliveries) out(JSON.stringify(d));
    return 0;
  }
  let url;
  try {
    url = new URL(opts.url);
  } catch {
    throw new UsageError(`--url must be an absolute http(s) URL, got ${JSON.stringify(opts.url)}`);
  }
  const report = await kit.sendDeliveries(deliveries, url.href, {
    mode: opts['all-attempts'] ? 'all' : 'didit',
    race: opts.race === true,
    timeoutMs: num(opts.timeout, 'timeout'),
  });
  if (opts.json) json(report);
  else {
    for (const r of report.results) {
      out(`${String(r.event).padStart(3)} ${r.label.padEnd(32)} ${(r.kind + (r.kind === 'retry' ? ` ${r.attempt}` : '')).padEnd(9)} ${String(r.status || 'no answer').padEnd(4)} ${String(r.ms).padStart(5)} ms  ${r.verdict}`);
    }
    const s = report.summary;
    out(`${s.events} events, ${s.sent} deliveries: ${s.delivered} delivered, ${s.retried} retried by Didit, ${s.dropped} dropped`);
    for (const p of report.problems) out(`PROBLEM: ${p}`);
    out(report.fits
      ? 'OK: every event was acknowledged the way Didit needs (a 2xx answer cannot show whether a retry or duplicate was processed twice: check your side effects, docs/idempotency.md)'
      : `NOT OK: ${report.problems.length} event(s) would be lost`);
  }
  return report.fits ? 0 : 1;
}

function main(/** @type {string[]} */ argv) {
  // `didit-kit simulate --print | head`: the reader went away, which ends the output, not an error.
  process.stdout.on('error', (/** @type {any} */ e) => {
    if (e && e.code === 'EPIPE') process.exit(0);
    throw e;
  });
  const [cmd, ...rest] = argv;
  if (cmd === undefined || cmd === '--help' || cmd === '-h' || cmd === 'help') {
    out(HELP.main);
    return cmd === undefined ? 2 : 0;
  }
  const f = COMMANDS[cmd];
  if (!f) {
    process.stderr.write(`didit-kit: unknown command ${JSON.stringify(cmd)}\n\n${HELP.main}\n`);
    return 2;
  }
  /** @param {unknown} e */
  const fail = (e) => {
    if (e instanceof UsageError) {
      process.stderr.write(`didit-kit ${cmd}: ${e.message}\nRun \`didit-kit ${cmd} --help\` for usage.\n`);
      return 2;
    }
    const err = /** @type {any} */ (e);
    // Errors from the library for bad arguments (e.g. an --app-id that is not a UUID).
    if (err && typeof err.code === 'string' && /^ERR_INVALID_ARG/.test(err.code)) {
      process.stderr.write(`didit-kit ${cmd}: ${err.message}\n`);
      return 2;
    }
    throw e;
  };
  try {
    const r = f(rest);
    return r instanceof Promise ? r.catch(fail) : r;
  } catch (e) {
    return fail(e);
  }
}

const code = main(process.argv.slice(2));
if (code instanceof Promise) code.then((c) => { process.exitCode = c; });
else if (code !== null) process.exitCode = code;
