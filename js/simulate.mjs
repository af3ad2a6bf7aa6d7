// @ts-check
// A local Didit: Didit-shaped deliveries for every documented `webhook_type` (KYC and KYB, every
// status, decisions with their feature arrays, entity and transaction events), optionally with
// the traps that break naive handlers, in Didit's wire format (compact, sorted, ASCII-escaped:
// Python's json.dumps(sort_keys=True, separators=(",",":"), ensure_ascii=True), written by this
// package's canonical writer) and signed with all four headers; then sent to an endpoint with
// retries and duplicates, judging each answer by Didit's retry rules. Deterministic for a seed.
// `simulator(api)` takes the runtime's canonicalize and signWebhook.
//
// Sources for shapes and rules: docs.didit.me/integration/webhooks (event types, headers),
// docs.didit.me/reference/webhooks (retries on 5xx and 404, decision presence), the integration
// prompt (5 s timeout, 2 retries about 1 and 4 minutes apart, the v3 envelope), the statuses and
// data-model pages. Entity and transaction envelopes beyond the common fields are not documented:
// those events carry the common fields plus `previous_status` / `changed_fields` only.

import { codedError } from './errors.mjs';

const KYC_STATUSES = ['Not Started', 'In Progress', 'Approved', 'Declined', 'In Review', 'Resubmitted', 'Expired', 'Abandoned', 'Kyc Expired', 'Awaiting User'];
const KYB_STATUSES = ['Not Started', 'In Progress', 'Awaiting User', 'Approved', 'Declined', 'In Review', 'Resubmitted', 'Abandoned', 'Expired'];
const ENTITY_STATUSES = ['ACTIVE', 'FLAGGED', 'BLOCKED'];
/** Statuses whose delivery carries a decision (docs.didit.me/reference/webhooks; Abandoned: partial). */
const WITH_DECISION = new Set(['Approved', 'Declined', 'In Review', 'Abandoned']);

/** Every webhook_type the simulator knows, in the order events are generated. */
export const WEBHOOK_TYPES = Object.freeze([
  'status.updated',
  'data.updated',
  'user.status.updated',
  'user.data.updated',
  'business.status.updated',
  'business.data.updated',
  'activity.created',
  'transaction.created',
  'transaction.status.updated',
  'travel_rule.status.updated',
]);

/** Didit's receiver timeout (the integration prompt: "return 2xx within 5s"). */
const DIDIT_TIMEOUT_MS = 5000;
/**
 * Retries are stamped 60 s and 240 s after the original: Didit retries "about 1 min, then about
 * 4 min later" (SKILL; integration prompt), kept inside the 300 s freshness window so that an
 * endpoint judging X-Timestamp against its own clock accepts them when they are sent at once.
 */
const RETRY_OFFSETS_SECONDS = [60, 240];
const USER_AGENT = 'DiditWebhook/2.0 +https://didit.me';

/** sfc32 seeded from a string through a 32-bit FNV-1a mix: small, fast, deterministic. */
function prng(/** @type {string} */ seed) {
  let h = 2166136261;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 16777619);
  let a = h >>> 0, b = Math.imul(h, 0x9e3779b9) >>> 0, c = (h ^ 0xdeadbeef) >>> 0, d = 1;
  const next = () => {
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    const t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    const r = (t + d) | 0;
    c = (c + r) | 0;
    return (r >>> 0) / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();
  const int = (/** @type {number} */ n) => Math.floor(next() * n);
  return {
    int,
    /** @template T @param {readonly T[]} xs */
    pick: (xs) => xs[int(xs.length)],
    uuid() {
      const hex = Array.from({ length: 32 }, () => int(16).toString(16));
      hex[12] = '4';
      hex[16] = '89ab'[int(4)];
      const s = hex.join('');
      return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
    },
    /** A score with two decimals in [lo, hi). */
    score: (/** @type {number} */ lo, /** @type {number} */ hi) => Math.round((lo + next() * (hi - lo)) * 100) / 100,
  };
}

/**
 * JSON text with BigInt values written with every digit (JSON.stringify cannot).
 * @param {unknown} v
 * @returns {string}
 */
function toJson(v) {
  if (typeof v === 'bigint') return v.toString();
  if (Array.isArray(v)) return `[${v.map(toJson).join(',')}]`;
  if (v !== null && typeof v === 'object') return `{${Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}:${toJson(x)}`).join(',')}}`;
  return JSON.stringify(v);
}

const FIRST = ['José', 'Ana', 'Müller', 'Chen', 'Olga', 'Kwame', 'Sofía', 'Liam'];
const LAST = ['García', 'Schmidt', 'Okafor', 'Novak', 'Silva', 'Tanaka', 'Dubois', 'Smith'];
const COUNTRIES = [['ESP', 'Spain'], ['DEU', 'Germany'], ['FRA', 'France'], ['BRA', 'Brazil'], ['JPN', 'Japan'], ['NGA', 'Nigeria']];

/**
 * @param {ReturnType<typeof prng>} r
 * @param {string} status  the session status
 * @param {{ sessionId: string, traps: boolean }} o
 */
function kycDecision(r, status, o) {
  const feature = status === 'Approved' ? 'Approved' : status === 'Declined' ? 'Declined' : status === 'In Review' ? 'In Review' : 'Not Finished';
  const declined = feature === 'Declined';
  const [iso3, country] = r.pick(COUNTRIES);
  const first = o.traps ? 'José' : r.pick(FIRST.filter((n) => /^[A-Za-z]+$/.test(n)));
  const last = o.traps ? 'Müller 日本' : r.pick(LAST.filter((n) => /^[A-Za-z]+$/.test(n)));
  const warning = (/** @type {string} */ f, /** @type {string} */ risk, /** @type {string} */ node) => ({
    feature: f,
    risk,
    additional_data: null,
    log_type: declined ? 'error' : 'warning',
    short_description: risk.toLowerCase().replaceAll('_', ' '),
    long_description: `The ${f.toLowerCase()} check raised ${risk}.`,
    node_id: node,
  });
  const media = (/** @type {string} */ what) => `https://service-didit-verification.s3.amazonaws.com/${o.sessionId}/${what}.jpg?X-Amz-Expires=3600&X-Amz-Signature=${r.uuid().replaceAll('-', '')}`;
  const decision = {
    session_id: o.sessionId,
    session_kind: 'user',
    session_number: 1000 + r.int(90000),
    session_url: `https://verify.didit.me/session/${o.sessionId}`,
    status,
    workflow_id: r.uuid(),
    features: ['ID_VERIFICATION', 'LIVENESS', 'FACE_MATCH', 'AML', 'IP_ANALYSIS'],
    vendor_data: `user-${r.int(100000)}`,
    metadata: null,
    expected_details: null,
    contact_details: null,
    callback: 'https://example.com/verified',
    environment: 'sandbox',
    created_at: '2026-05-29T10:15:00.000000Z',
    expires_at: '2026-06-05T10:15:00.000000Z',
    id_verifications: [{
      node_id: 'feature_ocr',
      status: feature,
      verification_method: 'document',
      assurance: 'documentary',
      document_type: r.pick(['Identity Card', 'Passport', "Driver's License"]),
      document_number: `${String.fromCharCode(65 + r.int(26))}${r.int(1e8)}`,
      personal_number: null,
      portrait_image: media('portrait'),
      front_image: media('front'),
      back_image: media('back'),
      date_of_birth: `19${60 + r.int(40)}-0${1 + r.int(9)}-1${r.int(10)}`,
      age: 18 + r.int(60),
      expiration_date: '2031-03-14',
      date_of_issue: '2021-03-15',
      issuing_state: iso3,
      issuing_state_name: country,
      first_name: first,
      last_name: last,
      full_name: `${first} ${last}`,
      gender: r.pick(['M', 'F']),
      address: null,
      nationality: iso3,
      extra_fields: {},
      front_image_quality_score: { focus_score: r.score(60, 100), brightness_score: r.score(60, 100), brightness_issue: null, is_document_fully_visible: true, resolution_score: r.score(60, 100), overall_score: r.score(60, 100) },
      warnings: declined ? [warning('ID_VERIFICATION', 'DOCUMENT_EXPIRED', 'feature_ocr')] : [],
      matches: [],
    }],
    liveness_checks: [{
      node_id: 'feature_liveness',
      status: feature,
      method: 'PASSIVE',
      score: declined ? r.score(5, 40) : r.score(85, 99.99),
      reference_image: media('liveness'),
      video_url: null,
      age_estimation: o.traps ? 1e-7 : r.score(20, 60),
      matches: [],
      warnings: declined ? [warning('LIVENESS', 'LOW_LIVENESS_SCORE', 'feature_liveness')] : [],
    }],
    face_matches: [{
      node_id: 'feature_face',
      status: feature,
      score: declined ? r.score(10, 50) : r.score(80, 99.99),
      source_image_session_id: null,
      source_image: media('source'),
      target_image: media('target'),
      warnings: [],
    }],
    aml_screenings: [{
      node_id: 'feature_aml',
      status: status === 'In Review' ? 'In Review' : feature,
      total_hits: status === 'In Review' ? 1 : 0,
      entity_type: 'person',
      score: status === 'In Review' ? 0.7034920634920635 : 0,
      hits: status === 'In Review'
        ? [{ id: `NK-${r.int(1e6)}`, match: false, score: 0.7034920634920635, target: true, caption: `${first} ${last}`, datasets: ['PEP'], features: {}, first_seen: '2024-01-01', last_seen: '2026-05-01', properties: {}, last_change: '2026-05-01', review_status: 'Unreviewed' }]
        : [],
      screened_data: { full_name: `${first} ${last}`, nationality: iso3, date_of_birth: null, document_number: null },
      is_ongoing_monitoring_enabled: false,
      ongoing_monitoring_last_check: null,
      warnings: status === 'In Review' ? [warning('AML', 'POSSIBLE_MATCH_FOUND', 'feature_aml')] : [],
    }],
    ip_analyses: [{
      node_id: 'feature_ip',
      status: feature === 'Declined' ? 'Approved' : feature,
      device_brand: 'Apple',
      device_model: 'iPhone',
      browser_family: 'Mobile Safari',
      os_family: 'iOS',
      platform: 'mobile',
      ip_country: country,
      ip_country_code: iso3.slice(0, 2),
      ip_city: 'Madrid',
      latitude: o.traps ? 0.00001 : 40.4168,
      longitude: -3.7038,
      ip_address: `203.0.113.${r.int(255)}`,
      isp: 'Example ISP',
      is_vpn_or_tor: false,
      is_data_center: false,
      time_zone: 'Europe/Madrid',
      time_zone_offset: '+0200',
      matches: [],
      warnings: [],
    }],
    reviews: status === 'In Review' ? [] : [{ user: 'API Client', new_status: status, comment: null, created_at: '2026-05-29T10:20:00.000000Z' }],
  };
  if (status === 'Abandoned') {
    // "decision may still be present with partial data": what ran before the user left.
    return { ...decision, face_matches: null, aml_screenings: null, ip_analyses: null };
  }
  return decision;
}

/** @param {ReturnType<typeof prng>} r @param {string} status @param {{ sessionId: string, traps: boolean }} o */
function kybDecision(r, status, o) {
  const feature = status === 'Approved' ? 'Approved' : status === 'Declined' ? 'Declined' : status === 'In Review' ? 'In Review' : 'Not Finished';
  const company = o.traps ? 'Société Générale Ñandú 株式会社' : r.pick(['Acme Holdings Ltd', 'Globex GmbH', 'Initech SL']);
  const party = (/** @type {string} */ name, /** @type {string} */ role, /** @type {string} */ source) => ({
    uuid: r.uuid(), name, entity_type: 'person', role, roles: [role], source, kyc_session_id: r.uuid(), kyc_status: feature === 'Not Finished' ? 'Pending' : feature === 'In Review' ? 'Pending' : feature, is_skipped: false,
  });
  return {
    session_id: o.sessionId,
    session_kind: 'business',
    session_number: 2000 + r.int(90000),
    session_url: `https://verify.didit.me/business/${o.sessionId}`,
    status,
    workflow_id: r.uuid(),
    features: ['KYB_REGISTRY', 'KYB_COMPANY_AML', 'KYB_DOCUMENTS', 'KYB_KEY_PEOPLE'],
    vendor_data: `biz-${r.int(100000)}`,
    metadata: null,
    callback: null,
    created_at: '2026-05-29T10:15:00.000000Z',
    expires_at: '2026-06-28T10:15:00.000000Z',
    registry_checks: [{
      node_id: 'feature_kyb_registry',
      status: feature,
      data_resolved: true,
      company: { company_name: company, registration_number: `B${r.int(1e8)}`, country_code: 'ES', incorporation_date: '2011-06-01', company_type: 'Sociedad Limitada', officers: [], beneficial_owners: [], ownership: null, registry_data: null },
      ownership_structure: {},
      warnings: [],
    }],
    key_people_checks: [{
      node_id: 'feature_kyb_key_people',
      status: status === 'Awaiting User' ? 'Awaiting User' : feature,
      registry: { officers: [party('Ana Silva', 'director', 'REGISTRY')], beneficial_owners: [party('Liam Novak', 'ubo', 'REGISTRY')] },
      submitted: { parties: [] },
      ubo_kyc_summary: { total: 1, approved: feature === 'Approved' ? 1 : 0, flagged: 0, pending: feature === 'Approved' ? 0 : 1 },
      warnings: [],
    }],
    document_verifications: [{ node_id: 'feature_kyb_documents', status: feature, items: [], groups: { legal_presence: 1, ownership_structure: 1 }, required_groups: ['legal_presence', 'ownership_structure'], warnings: [] }],
    aml_screenings: [{ node_id: 'feature_kyb_aml', status: feature, total_hits: 0, entity_type: 'company', score: 0, hits: [], screened_data: { full_name: company, nationality: 'ESP', date_of_birth: null, document_number: null }, is_ongoing_monitoring_enabled: false, warnings: [] }],
    reviews: [],
  };
}

/** The traps: integer-like keys (JS engines enumerate them first), a 64-bit id, tiny floats, astral vs BMP key order, non-ASCII. */
function trapMetadata() {
  return {
    10: 'ten', 9: 'nine', a: 'letter', // Python sorts "10" < "9" < "a"; a JS object enumerates 9, 10 first
    account_id: 12345678901234567890n, // beyond 2^53: JSON.parse rounds it
    risk: 0.00001, // Python writes 1e-05, JavaScript 0.00001
    tiny: 1e-7, // Python 1e-07, JavaScript 1e-7
    '｡': 'U+FF61', '😀': 'U+1F600', // code point order (Python) differs from UTF-16 order (JavaScript)
    name: 'José Müller 日本',
  };
}

/**
 * @param {{ canonicalize: (body: string, options?: object) => string,
 *   signWebhook: (body: string, secret: string, options?: object) => Record<string, string> }} api
 */
export function simulator(api) {
  /**
   * Generates deliveries: per event its original, `retries` Didit retries and `duplicates`
   * verbatim copies (what a proxy or a replayed capture produces).
   * @param {{ secret: string, seed?: string | number, now?: number, types?: string[], traps?: boolean,
   *   retries?: number, duplicates?: number, retryEventId?: 'new' | 'same', applicationId?: string }} options
   */
  function simulateDeliveries(options) {
    const fn = 'simulateDeliveries';
    const o = options ?? /** @type {any} */ ({});
    if (typeof o.secret !== 'string' || o.secret === '') throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', `${fn}: options.secret must be the destination's secret_shared_key (a non-empty string)`);
    const seed = String(o.seed ?? 1);
    const nowMs = o.now ?? Date.now();
    if (typeof nowMs !== 'number' || !Number.isFinite(nowMs) || nowMs < 0) throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', `${fn}: options.now must be milliseconds since the epoch`);
    const types = o.types ?? WEBHOOK_TYPES;
    if (!Array.isArray(types)) throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', `${fn}: options.types must be an array of webhook_type strings`);
    for (const t of types) {
      if (!WEBHOOK_TYPES.includes(t)) throw codedError(RangeError, 'ERR_INVALID_ARG_VALUE', `${fn}: unknown webhook_type ${JSON.stringify(t)}; known: ${WEBHOOK_TYPES.join(', ')}`);
    }
    const retries = o.retries ?? 2;
    const duplicates = o.duplicates ?? 1;
    if (!Number.isInteger(retries) || retries < 0 || retries > RETRY_OFFSETS_SECONDS.length) throw codedError(RangeError, 'ERR_INVALID_ARG_VALUE', `${fn}: options.retries must be 0, 1 or 2 (Didit retries at most twice), got ${retries}`);
    if (!Number.isInteger(duplicates) || duplicates < 0 || duplicates > 10) throw codedError(RangeError, 'ERR_INVALID_ARG_VALUE', `${fn}: options.duplicates must be an integer from 0 to 10, got ${duplicates}`);
    const retryEventId = o.retryEventId ?? 'new';
    if (retryEventId !== 'new' && retryEventId !== 'same') throw codedError(RangeError, 'ERR_INVALID_ARG_VALUE', `${fn}: options.retryEventId must be 'new' (Didit: "unique per delivery attempt") or 'same'`);
    const traps = o.traps === true;
    const r = prng(seed);
    const applicationId = o.applicationId ?? r.uuid();
    const t0 = Math.floor(nowMs / 1000);

    /** @type {{ webhookType: string, status: string | null, label: string, payload: Record<string, unknown> }[]} */
    const events = [];
    const base = () => ({ application_id: applicationId, environment: 'sandbox' });
    const session = (/** @type {string} */ type, /** @type {string} */ status, /** @type {boolean} */ business) => {
      const sessionId = r.uuid();
      /** @type {Record<string, unknown>} */
      const p = { ...base(), webhook_type: type, session_id: sessionId, status, workflow_id: r.uuid(), workflow_version: 1 + r.int(9), vendor_data: business ? `biz-${r.int(1e5)}` : `user-${r.int(1e5)}`, metadata: traps ? trapMetadata() : { plan: r.pick(['free', 'pro']) } };
      if (business) Object.assign(p, { session_kind: 'business', business_session_id: sessionId, vendor_business_id: `acme-${r.int(1e4)}` });
      if (type === 'data.updated' || WITH_DECISION.has(status)) p.decision = business ? kybDecision(r, status, { sessionId, traps }) : kycDecision(r, status, { sessionId, traps });
      if (status === 'Resubmitted') p.resubmit_info = { nodes_to_resubmit: ['feature_ocr'], reasons: { feature_ocr: 'The document photo is blurred.' } };
      return p;
    };
    for (const type of types) {
      if (type === 'status.updated') {
        for (const s of KYC_STATUSES) events.push({ webhookType: type, status: s, label: `KYC ${s}`, payload: session(type, s, false) });
        for (const s of KYB_STATUSES) events.push({ webhookType: type, status: s, label: `KYB ${s}`, payload: session(type, s, true) });
      } else if (type === 'data.updated') {
        events.push({ webhookType: type, status: 'Approved', label: 'KYC data', payload: session(type, 'Approved', false) });
        events.push({ webhookType: type, status: 'Approved', label: 'KYB data', payload: session(type, 'Approved', true) });
      } else if (type === 'user.status.updated' || type === 'business.status.updated') {
        for (const s of ENTITY_STATUSES) {
          const prev = s === 'ACTIVE' ? 'FLAGGED' : 'ACTIVE';
          const who = type.startsWith('user') ? { vendor_data: `user-${r.int(1e5)}` } : { vendor_data: `biz-${r.int(1e5)}`, vendor_business_id: `acme-${r.int(1e4)}` };
          events.push({ webhookType: type, status: s, label: `${type.split('.')[0]} ${s}`, payload: { ...base(), webhook_type: type, status: s, previous_status: prev, ...who } });
        }
      } else if (type === 'user.data.updated' || type === 'business.data.updated') {
        const who = type.startsWith('user') ? { vendor_data: `user-${r.int(1e5)}` } : { vendor_data: `biz-${r.int(1e5)}`, vendor_business_id: `acme-${r.int(1e4)}` };
        events.push({ webhookType: type, status: null, label: `${type.split('.')[0]} data`, payload: { ...base(), webhook_type: type, ...who, changed_fields: type.startsWith('user') ? ['full_name', 'date_of_birth'] : ['company_name'] } });
      } else if (type === 'transaction.status.updated' || type === 'travel_rule.status.updated') {
        events.push({ webhookType: type, status: 'Approved', label: type, payload: { ...base(), webhook_type: type, status: 'Approved', previous_status: 'In Review', vendor_data: `user-${r.int(1e5)}` } });
      } else {
        events.push({ webhookType: type, status: null, label: type, payload: { ...base(), webhook_type: type, vendor_data: `user-${r.int(1e5)}` } });
      }
    }

    /** @type {Delivery[]} */
    const deliveries = [];
    events.forEach((ev, index) => {
      const createdAt = t0 - 2 - r.int(5); // created a few seconds before the first attempt (the documented sample)
      const firstEventId = r.uuid();
      /** @param {number} attempt @param {string} eventId */
      const sign = (attempt, eventId) => {
        const timestamp = attempt === 0 ? t0 : t0 + RETRY_OFFSETS_SECONDS[attempt - 1];
        const text = toJson({ ...ev.payload, event_id: eventId, timestamp, created_at: createdAt });
        // Didit's wire format: sorted, compact, ASCII-escaped, Python number formatting.
        const body = api.canonicalize(text, { ascii: true });
        const signed = api.signWebhook(body, o.secret, { timestamp });
        return { body, timestamp, headers: { 'content-type': 'application/json', 'user-agent': USER_AGENT, ...signed } };
      };
      const first = sign(0, firstEventId);
      const common = { event: index, label: ev.label, webhookType: ev.webhookType, status: ev.status };
      deliveries.push({ ...common, kind: 'original', attempt: 0, eventId: firstEventId, ...first });
      for (let d = 0; d < duplicates; d++) deliveries.push({ ...common, kind: 'duplicate', attempt: 0, eventId: firstEventId, ...first });
      for (let a = 1; a <= retries; a++) {
        const eventId = retryEventId === 'same' ? firstEventId : r.uuid();
        deliveries.push({ ...common, kind: 'retry', attempt: a, eventId, ...sign(a, eventId) });
      }
    });
    return deliveries;
  }

  /**
   * Sends deliveries to `url` and judges each answer by Didit's rules. mode 'didit' (default)
   * sends a retry only when the previous attempt's answer makes Didit retry; 'all' sends every
   * attempt (as when the endpoint processed the event but answered too late). Duplicates are sent
   * right after their original, or at the same time with `race: true`.
   * @param {Delivery[]} deliveries
   * @param {string | URL} url
   * @param {{ fetch?: typeof fetch, timeoutMs?: number, mode?: 'didit' | 'all', race?: boolean, concurrency?: number }} [options]
   */
  async function sendDeliveries(deliveries, url, options = {}) {
    const fn = 'sendDeliveries';
    if (!Array.isArray(deliveries) || deliveries.some((d) => d === null || typeof d !== 'object' || typeof d.body !== 'string' || typeof d.event !== 'number')) {
      throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', `${fn}: deliveries must be the array simulateDeliveries returns`);
    }
    if (typeof url !== 'string' && !(url instanceof URL)) throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', `${fn}: url must be a string or a URL`);
    if (options === null || typeof options !== 'object') throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', `${fn}: options must be an object`);
    const mode0 = options.mode ?? 'didit';
    if (mode0 !== 'didit' && mode0 !== 'all') throw codedError(RangeError, 'ERR_INVALID_ARG_VALUE', `${fn}: options.mode must be 'didit' or 'all'`);
    const doFetch = options.fetch ?? globalThis.fetch;
    const timeoutMs = options.timeoutMs ?? DIDIT_TIMEOUT_MS;
    const mode = mode0;
    const concurrency = options.concurrency ?? 1;
    /** @type {Map<number, Delivery[]>} */
    const byEvent = new Map();
    for (const d of deliveries) (byEvent.get(d.event) ?? byEvent.set(d.event, []).get(d.event) ?? []).push(d);

    /** @param {Delivery} d @returns {Promise<SendResult>} */
    async function post(d) {
      const started = performance.now();
      const ctl = new AbortController();
      const timer = setTimeout(() => ctl.abort(), timeoutMs);
      const head = { event: d.event, label: d.label, kind: d.kind, attempt: d.attempt, eventId: d.eventId };
      try {
        const res = await doFetch(String(url), { method: 'POST', headers: d.headers, body: d.body, signal: ctl.signal });
        const answer = (await res.text()).slice(0, 200);
        const ms = Math.round(performance.now() - started);
        return { ...head, status: res.status, ms, retryAfter: res.headers.get('retry-after'), answer, verdict: verdict(res.status, ms) };
      } catch (e) {
        const ms = Math.round(performance.now() - started);
        const timedOut = ctl.signal.aborted;
        return { ...head, status: 0, ms, retryAfter: null, answer: timedOut ? `no answer within ${timeoutMs} ms` : String(/** @type {any} */ (e)?.cause?.code ?? e), verdict: 'retried' };
      } finally {
        clearTimeout(timer);
      }
    }

    /** @param {Delivery[]} group */
    async function runEvent(group) {
      /** @type {SendResult[]} */
      const out = [];
      const original = group.filter((d) => d.kind === 'original');
      const dups = group.filter((d) => d.kind === 'duplicate');
      const retries = group.filter((d) => d.kind === 'retry').sort((a, b) => a.attempt - b.attempt);
      if (options.race) out.push(...(await Promise.all([...original, ...dups].map(post))));
      else for (const d of [...original, ...dups]) out.push(await post(d));
      let last = out[0];
      for (const d of retries) {
        if (mode === 'didit' && last && last.verdict !== 'retried') break;
        last = await post(d);
        out.push(last);
      }
      return out;
    }

    const groups = [...byEvent.values()];
    /** @type {SendResult[][]} */
    const results = new Array(groups.length);
    let next = 0;
    await Promise.all(Array.from({ length: Math.max(1, concurrency) }, async () => {
      while (next < groups.length) {
        const i = next++;
        results[i] = await runEvent(groups[i]);
      }
    }));
    const flat = results.flat();
    /** @type {string[]} */
    const problems = [];
    for (const group of results) {
      const originals = group.filter((x) => x.kind !== 'duplicate');
      const acknowledged = group.some((x) => x.verdict === 'delivered');
      const dropped = group.find((x) => x.verdict === 'dropped');
      const label = `event ${group[0]?.event} (${group[0]?.label})`;
      if (acknowledged) {
        // A duplicate answered 4xx after the original was acknowledged loses nothing.
      } else if (dropped) problems.push(`${label}: HTTP ${dropped.status} on ${dropped.kind} ${dropped.attempt}: Didit does not retry a 4xx other than 404, so the event is lost unless replayed from the Console`);
      else problems.push(`${label}: never acknowledged with 2xx within ${timeoutMs} ms in ${originals.length} attempt(s); Didit gives up after 2 retries`);
      for (const x of group) if (x.verdict === 'delivered' && x.ms > timeoutMs) problems.push(`${label}: answered after ${x.ms} ms`);
    }
    const count = (/** @type {string} */ v) => flat.filter((x) => x.verdict === v).length;
    return {
      results: flat,
      summary: { events: groups.length, sent: flat.length, delivered: count('delivered'), retried: count('retried'), dropped: count('dropped') },
      problems,
      fits: problems.length === 0,
    };
  }

  return { simulateDeliveries, sendDeliveries };
}

/**
 * What Didit does after this answer: 'delivered' (2xx within 5 s), 'retried' (5xx, 404, or too
 * slow: retried about 1 and 4 minutes later, then dropped), 'dropped' (any other status: not retried).
 * @param {number} status @param {number} ms
 */
export function verdict(status, ms) {
  if (status >= 200 && status < 300) return ms <= DIDIT_TIMEOUT_MS ? 'delivered' : 'retried';
  if (status >= 500 || status === 404) return 'retried';
  return 'dropped';
}

/**
 * @typedef {{ event: number, label: string, webhookType: string, status: string | null,
 *   kind: 'original' | 'retry' | 'duplicate', attempt: number, eventId: string, timestamp: number,
 *   body: string, headers: Record<string, string> }} Delivery
 * @typedef {{ event: number, label: string, kind: string, attempt: number, eventId: string,
 *   status: number, ms: number, retryAfter: string | null, answer: string,
 *   verdict: 'delivered' | 'retried' | 'dropped' }} SendResult
 */
