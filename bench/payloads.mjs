// @ts-check
// Realistic Didit deliveries for the benchmark: a KYC status.updated with a full v3 decision,
// repeated AML hits to reach ~40 KB. Serialised as Didit's server does (compact, sorted keys,
// ASCII escapes), so the bytes are what a receiver really gets.

/** @param {number} i */
function hit(i) {
  return {
    id: `hit-${i}-9f1c2d3e`, match_score: 0.8123 + i / 1000, risk_score: 41.4022, name: `Jose Muller ${i}`,
    datasets: ['PEP', 'Sanctions'], countries: ['ES', 'DE'], dates_of_birth: ['1980-01-01'],
    url: `https://example.com/profiles/${i}?ref=didit`, first_seen: '2024-01-01', last_seen: '2026-05-01',
    pep_matches: [{ position: 'Member of Parliament', country: 'ES', from: '2019-01-01', to: null }],
    adverse_media: [{ title: `Article ${i} about José Müller`, summary: 'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor.', sentiment: -0.25 }],
  };
}

/** @param {number} hits @param {number} timestamp */
export function delivery(hits, timestamp) {
  return {
    event_id: '7d7c5a1e-3b0e-4a55-9c56-1f2e3d4c5b6a', webhook_type: 'status.updated', timestamp, created_at: timestamp - 6,
    application_id: '030d6dec-ac69-4800-8b52-6d098821fe89', session_id: '11111111-2222-3333-4444-555555555555',
    status: 'Approved', workflow_id: '9f9b1234-aaaa-bbbb-cccc-1234567890ab', workflow_version: 4, vendor_data: 'user-1',
    metadata: { plan: 'pro', user_id: 123456 },
    decision: {
      session_id: '11111111-2222-3333-4444-555555555555', session_number: 43762, status: 'Approved',
      id_verifications: [{ node_id: 'node-id-1', status: 'Approved', document_type: 'Identity Card', document_number: 'CAA000000',
        first_name: 'José', last_name: 'Müller García', full_name: 'José Müller García', date_of_birth: '1980-01-01', age: 46,
        expiration_date: '2031-08-01', issuing_state: 'ESP', nationality: 'ESP', gender: 'M', address: 'Calle Mayor 1, 28013 Madrid',
        front_image: 'https://service-didit-verification.s3.amazonaws.com/front.jpg?X-Amz-Signature=abcdef0123456789', warnings: [] }],
      liveness_checks: [{ node_id: 'node-liveness-1', status: 'Approved', method: 'PASSIVE', score: 89.92, age_estimation: 45.7, warnings: [] }],
      face_matches: [{ node_id: 'node-face-1', status: 'Approved', score: 97.99, warnings: [] }],
      aml_screenings: [{ node_id: 'node-aml-1', status: 'Approved', total_hits: hits, score: 70.35, hits: Array.from({ length: hits }, (_, i) => hit(i)),
        screened_data: { full_name: 'José Müller García', date_of_birth: '1980-01-01', nationality: 'ESP' } }],
      ip_analyses: [{ node_id: 'node-ip-1', status: 'Approved', ip_address: '203.0.113.7', ip_country: 'Spain', is_vpn_or_tor: false, latitude: 40.4168, longitude: -3.7038 }],
    },
  };
}

/**
 * Python's json.dumps(sort_keys=True, separators=(",", ":"), ensure_ascii=True) for this data
 * (ASCII keys, no integer-like keys, floats in the range where JS and Python print alike).
 * @param {unknown} v
 * @returns {string}
 */
export function pythonCompactAscii(v) {
  if (Array.isArray(v)) return '[' + v.map(pythonCompactAscii).join(',') + ']';
  if (v && typeof v === 'object') {
    const o = /** @type {Record<string, unknown>} */ (v);
    return '{' + Object.keys(o).sort().map((k) => asciiString(k) + ':' + pythonCompactAscii(o[k])).join(',') + '}';
  }
  if (typeof v === 'string') return asciiString(v);
  return JSON.stringify(v);
}

/** @param {string} s */
function asciiString(s) {
  return JSON.stringify(s).replace(/[\u007f-\uffff]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
}

/**
 * The same data re-serialised as a proxy or framework might: keys in reverse order, `", "` and
 * `": "` separators (Python's default `json.dumps`), raw UTF-8. Not canonical, so verification
 * takes the sorting path.
 * @param {unknown} v
 * @returns {string}
 */
export function reserialised(v) {
  if (Array.isArray(v)) return '[' + v.map(reserialised).join(', ') + ']';
  if (v && typeof v === 'object') {
    const o = /** @type {Record<string, unknown>} */ (v);
    return '{' + Object.keys(o).reverse().map((k) => JSON.stringify(k) + ': ' + reserialised(o[k])).join(', ') + '}';
  }
  return JSON.stringify(v);
}
