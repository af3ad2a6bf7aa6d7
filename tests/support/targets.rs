//! The fuzz targets' properties, as plain functions of the input bytes: the libFuzzer binaries in
//! `fuzz/fuzz_targets/` call them, and `tests/fuzz_replay.rs` replays the committed corpus and
//! the crash regressions through them on stable Rust. A violated property panics.
//!
//! To add a target (share tokens, typed models): write `pub fn name(data: &[u8])` here, add it
//! to [`TARGETS`], add `fuzz/fuzz_targets/name.rs` (three lines, like the others) and its
//! `[[bin]]` in `fuzz/Cargo.toml`, and seed `fuzz/corpus/name/` (see `fuzz/make_corpus.py`).
#![allow(dead_code)]

use didit_kit::canonical::{self, Options};
use didit_kit::models;
use didit_kit::token::{self, FindingCode, InspectOptions, Part, Severity};
use didit_kit::webhook::{
    self, CollectedHeaders, Method, TimeSource, VerifyOptions, WebhookHeaders,
};
use hmac::{Hmac, Mac};
use sha2::Sha256;

use super::reference::{self, Verdict};

/// A target's property: panics when violated.
pub type Check = fn(&[u8]);

/// Every target by name: the fuzz binaries, `scripts/fuzz.sh` and the replay test agree on these.
pub const TARGETS: &[(&str, Check)] = &[
    ("canonicalize", canonicalize),
    ("verify_webhook", verify_webhook),
    ("inspect_share_token", inspect_share_token),
    ("parse_models", parse_models),
];

/// `canonicalize` never panics, and agrees with the reference model on every input: the same
/// canonical bytes (both escaping modes) when the model has them, otherwise the same error code.
/// The output is a fixed point, and a small depth limit is honoured exactly.
pub fn canonicalize(data: &[u8]) {
    let want = reference::verdict(data);
    let got = canonical::canonicalize(data, &Options::default());
    let got_ascii = canonical::canonicalize(
        data,
        &Options {
            ascii: true,
            ..Options::default()
        },
    );
    match (&want.first_problem, &got) {
        (None, Ok(out)) => {
            let expected = want.canonical().unwrap_or_default();
            assert!(
                **out == *expected,
                "canonical form differs from the reference\n input: {}\n core:  {}\n model: {}",
                show(data),
                show(out),
                show(&expected)
            );
            let ascii = got_ascii.as_deref().map(<[u8]>::to_vec);
            assert_eq!(
                ascii.as_deref().map(show),
                Ok(show(&want.canonical_ascii().unwrap_or_default())),
                "ascii canonical form differs for {}",
                show(data)
            );
            // The canonical form is its own canonical form, returned without a copy.
            let again = canonical::canonicalize(out, &Options::default());
            assert!(
                matches!(again, Ok(std::borrow::Cow::Borrowed(b)) if *b == **out),
                "canonical form of {} is not a fixed point",
                show(data)
            );
        }
        (Some(code), Err(e)) => {
            assert_eq!(
                e.code(),
                *code,
                "error code differs for {}: {e}",
                show(data)
            );
            assert_eq!(
                got_ascii.as_ref().map_err(|e| e.code()).err(),
                Some(*code),
                "ascii mode disagrees for {}",
                show(data)
            );
            // Errors say where, inside the body.
            assert!(e.offset().map_or(true, |o| o <= data.len()), "{e}");
        }
        (want_problem, got) => panic!(
            "core and reference disagree on {}\n model: {:?} (python accepts: {})\n core:  {:?}",
            show(data),
            want_problem,
            want.python_accepts,
            got.as_ref().map(|b| show(b)).map_err(|e| e.to_string()),
        ),
    }
    // A small depth limit, taken from the input length, is honoured exactly as the model does.
    let depth = 1 + data.len() % 6;
    let small = canonical::canonicalize(
        data,
        &Options {
            max_depth: depth,
            ..Options::default()
        },
    );
    let want_small = reference::verdict_with_depth(data, depth);
    assert_eq!(
        small.as_ref().err().map(|e| e.code()),
        want_small.first_problem,
        "max_depth {depth} on {}",
        show(data)
    );
}

/// The clock of the verify target: a realistic "now", so that a body without a timestamp signs.
pub const BASE_NOW: i64 = 1_774_970_000;

/// `verify_webhook` and `sign_webhook` never panic; everything signed verifies; and every
/// delivery that is accepted is explained by the reference model (fresh, bound to the body's
/// timestamp, and carrying a genuine tag for the reported method and secret).
///
/// Input layout (a short input reads as zeros; see `fuzz/make_corpus.py`):
/// `flags, skew (i16 LE), tolerance, secret_len, secret, templates_len, templates, body`.
/// `flags` bits 0–3: X-Timestamp, X-Signature-V2, X-Signature, X-Signature-Simple present;
/// bit 4: allow Simple; bit 5: a wrong secret is tried first; bit 6: upper-case hex; bit 7: sign
/// with an explicit timestamp. `templates`: up to four lines, one per header, where `@` stands
/// for the genuine value (an empty line is the genuine value itself); further lines are
/// `name: value` pairs for `WebhookHeaders::from_pairs`.
pub fn verify_webhook(data: &[u8]) {
    let mut cur = Cursor(data);
    let flags = cur.byte();
    let skew = i64::from(i16::from_le_bytes([cur.byte(), cur.byte()]));
    let tolerance = u64::from(cur.byte());
    let secret_len = usize::from(cur.byte());
    let secret = cur.take(secret_len).to_vec();
    let templates_len = usize::from(cur.byte());
    let templates = String::from_utf8_lossy(cur.take(templates_len)).into_owned();
    let body = cur.0;

    let mut lines = templates.split('\n');
    let template: Vec<&str> = (0..4).map(|_| lines.next().unwrap_or("")).collect();
    let pairs: Vec<(&str, &str)> = lines
        .map(|l| l.split_once(':').unwrap_or((l, "")))
        .collect();
    let allow_simple = flags & 0x10 != 0;
    let options = VerifyOptions {
        tolerance_seconds: tolerance,
        allow_simple,
        ..VerifyOptions::default()
    };
    let mut wrong = b"wrong-".to_vec();
    wrong.extend_from_slice(&secret);
    let secrets: Vec<&[u8]> = if flags & 0x20 != 0 {
        vec![&wrong, &secret]
    } else {
        vec![&secret]
    };
    let model = reference::verdict(body);

    // Arbitrary header pairs: never a panic, and an acceptance must be genuine.
    let collected = CollectedHeaders::from_pairs(pairs.iter().copied());
    let from_pairs = collected.headers();
    let r = webhook::verify_webhook(body, &from_pairs, &secrets, BASE_NOW + skew, &options);
    explain(
        body,
        &model,
        &from_pairs,
        &secrets,
        BASE_NOW + skew,
        &options,
        &r,
    );

    let explicit = (flags & 0x80 != 0).then_some(BASE_NOW);
    let signed = webhook::sign_webhook(body, &secret, explicit, BASE_NOW);
    let genuine: [String; 4] = match &signed {
        Ok(s) => {
            let case = |h: &str| {
                if flags & 0x40 != 0 {
                    h.to_ascii_uppercase()
                } else {
                    h.to_string()
                }
            };
            [
                s.timestamp.clone(),
                case(&s.signature_v2),
                case(&s.signature_v1),
                case(&s.signature_simple),
            ]
        }
        Err(e) => {
            // Signing refuses only bodies the core rejects, empty secrets, and timestamps no
            // verifier would accept.
            let code = e.code();
            assert!(
                code.starts_with("ERR_JSON_")
                    || matches!(
                        code,
                        "ERR_WEBHOOK_SECRET_EMPTY"
                            | "ERR_WEBHOOK_TIMESTAMP_MISMATCH"
                            | "ERR_WEBHOOK_TIMESTAMP_INVALID"
                    ),
                "sign_webhook failed with {code}: {e}"
            );
            Default::default()
        }
    };
    let values: Vec<Option<String>> = (0..4)
        .map(|i| {
            (flags & (1 << i) != 0).then(|| {
                if template[i].is_empty() {
                    genuine[i].clone()
                } else {
                    template[i].replace('@', &genuine[i])
                }
            })
        })
        .collect();
    let headers = WebhookHeaders {
        timestamp: values[0].as_deref(),
        signature_v2: values[1].as_deref(),
        signature_v1: values[2].as_deref(),
        signature_simple: values[3].as_deref(),
    };
    let ts = match &signed {
        Ok(s) => s.timestamp.parse::<i64>().unwrap_or(BASE_NOW),
        Err(_) => BASE_NOW,
    };
    let now = ts.saturating_add(skew);
    let r = webhook::verify_webhook(body, &headers, &secrets, now, &options);
    explain(body, &model, &headers, &secrets, now, &options, &r);

    // Completeness: a pristine signed delivery verifies, by the first present method.
    let Ok(signed) = signed else { return };
    assert!(
        model.first_problem.is_none(),
        "sign_webhook accepted a body the model rejects: {}",
        show(body)
    );
    let ts_value = parse_timestamp(&signed.timestamp);
    assert!(
        ts_value.is_some(),
        "sign_webhook produced an X-Timestamp no verifier accepts: {:?}",
        signed.timestamp
    );
    if !template.iter().all(|t| t.is_empty()) {
        return;
    }
    let present = |i: usize| flags & (1 << i) != 0;
    // The signature is checked first; then the signed time (V2 and V1: the body's; Simple: its
    // message's), then freshness.
    let method = if present(1) {
        Some(Method::V2)
    } else if present(2) {
        Some(Method::V1)
    } else if present(3) && allow_simple {
        Some(Method::Simple)
    } else {
        None
    };
    let expected: Result<Method, &str> = if !present(0) {
        Err("ERR_WEBHOOK_TIMESTAMP_MISSING")
    } else if !present(1) && !present(2) && !present(3) {
        Err("ERR_WEBHOOK_SIGNATURE_MISSING")
    } else if let Some(m) = method {
        if m != Method::Simple && signed_time(&model).is_none() {
            Err("ERR_WEBHOOK_TIMESTAMP_UNSIGNED")
        } else if skew.unsigned_abs() > tolerance {
            Err(if skew > 0 {
                "ERR_WEBHOOK_TIMESTAMP_STALE"
            } else {
                "ERR_WEBHOOK_TIMESTAMP_FUTURE"
            })
        } else {
            Ok(m)
        }
    } else {
        Err("ERR_WEBHOOK_SIGNATURE_MISMATCH")
    };
    assert_eq!(
        r.as_ref().map(|v| v.method).map_err(|e| e.code()),
        expected,
        "signed delivery (flags {flags:#04x}, skew {skew}, tolerance {tolerance}) of {}",
        show(body)
    );
}

/// The application id the token target checks `for_application_id` against (flags bit 0).
pub const TOKEN_APP_ID: &str = "a5f3bca2-46e2-411e-90ef-a580900a57ee";
/// The key the token target mints with.
pub const TOKEN_KEY: &[u8] = b"test-share-key-not-didit-0123456789";

/// `inspect_share_token`, `assert_share_token_usable`, `share_token_part`, `encode_hs256` and
/// `verify_hs256` never panic, and agree with each other:
/// - a token is usable exactly when no finding has severity error, and the strict twin returns
///   the first such finding (or the same claims);
/// - `share_token_part(Payload)` is the inspection's `payload_json`, and when the payload segment
///   is canonical base64url it is that segment decoded by an independent decoder;
/// - when the rest of the input is a JSON object, the token `encode_hs256` mints over it verifies
///   with its key (not with another), its payload is the input with every character from U+007F up
///   `\u`-escaped, and inspection finds nothing malformed in it.
///
/// Input layout: `flags, token-or-payload`. `flags` bit 0: check the application id; bit 1: 300 s
/// clock tolerance; bit 2: need 60 s remaining; bit 3: a 64-byte size limit; bit 4: judge at the
/// documented token's time instead of the minted ones'; bits 5–7: shift the clock by 30 min steps.
pub fn inspect_share_token(data: &[u8]) {
    let flags = data.first().copied().unwrap_or(0);
    let rest = data.get(1..).unwrap_or_default();
    let base = if flags & 0x10 != 0 {
        1_753_630_700
    } else {
        1_774_970_000
    };
    let options = InspectOptions {
        now: base + (i64::from(flags >> 5) - 4) * 1800,
        application_id: (flags & 1 != 0).then_some(TOKEN_APP_ID),
        clock_tolerance_seconds: if flags & 2 != 0 { 300 } else { 0 },
        min_remaining_seconds: if flags & 4 != 0 { 60 } else { 0 },
        max_token_bytes: if flags & 8 != 0 {
            64
        } else {
            token::DEFAULT_MAX_TOKEN_BYTES
        },
    };
    let text = String::from_utf8_lossy(rest);
    check_inspection(&text, &options);

    // Minting over the input, when it is a JSON object.
    let Ok(minted) = token::encode_hs256(rest, TOKEN_KEY) else {
        return;
    };
    assert!(
        token::verify_hs256(&minted, TOKEN_KEY),
        "a minted token does not verify: {}",
        show(rest)
    );
    assert!(
        !token::verify_hs256(&minted, b"another-key"),
        "a minted token verifies with another key: {}",
        show(rest)
    );
    let open = InspectOptions {
        max_token_bytes: usize::MAX,
        ..options
    };
    let inspection = check_inspection(&minted, &open);
    let malformed: Vec<&str> = inspection
        .findings
        .iter()
        .filter(|f| {
            matches!(
                f.code,
                FindingCode::TooLarge
                    | FindingCode::Whitespace
                    | FindingCode::Wrapped
                    | FindingCode::Truncated
                    | FindingCode::SignaturePadding
                    | FindingCode::Segments
                    | FindingCode::Base64
                    | FindingCode::Utf8
                    | FindingCode::Json
                    | FindingCode::NotObject
                    | FindingCode::SignatureLength
                    | FindingCode::AlgMissing
                    | FindingCode::AlgNone
                    | FindingCode::AlgUnexpected
                    | FindingCode::TypUnexpected
            )
        })
        .map(|f| f.code.code())
        .collect();
    assert!(
        malformed.is_empty(),
        "a minted token is malformed: {malformed:?} for {}",
        show(rest)
    );
    assert_eq!(inspection.alg.as_deref(), Some("HS256"));
    assert_eq!(inspection.signature_bytes, Some(32));
    let want = ascii_escaped(rest);
    assert_eq!(
        inspection.payload_json.as_deref().map(str::as_bytes),
        Some(&want[..]),
        "a minted token's payload is not the input, escaped: {}",
        show(rest)
    );
}

/// One inspection, checked for internal consistency; returned for further checks.
fn check_inspection(text: &str, options: &InspectOptions<'_>) -> token::Inspection {
    let inspection = token::inspect_share_token(text, options);
    let errors = inspection
        .findings
        .iter()
        .filter(|f| f.code.severity() == Severity::Error)
        .count();
    assert_eq!(
        inspection.is_usable(),
        errors == 0,
        "usable disagrees with the findings for {}",
        show(text.as_bytes())
    );
    for f in &inspection.findings {
        assert!(!f.message.is_empty() && f.code.code().starts_with("SHARE_TOKEN_"));
        // The message never repeats the token. (Only tokens that look like one are checked: the
        // fuzzer found that a token may be words of a message, such as "payload.signature".)
        let token_like = text.len() >= 24
            && text.contains('.')
            && text.bytes().any(|b| b.is_ascii_digit())
            && text
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'));
        assert!(
            !token_like || !f.message.contains(text),
            "a finding repeats the token: {}",
            f.message
        );
    }
    match token::assert_share_token_usable(text, options) {
        Ok(claims) => {
            assert!(inspection.is_usable());
            assert_eq!(claims, inspection.claims);
        }
        Err(e) => {
            assert_eq!(Some(&e.finding), inspection.first_error());
            assert_eq!(e.code(), format!("ERR_{}", e.finding.code.code()));
        }
    }
    let max = options.max_token_bytes;
    let payload = token::share_token_part(text, Part::Payload, max);
    assert_eq!(
        payload,
        inspection.payload_json,
        "share_token_part(Payload) disagrees with the inspection for {}",
        show(text.as_bytes())
    );
    let header = token::share_token_part(text, Part::Header, max);
    assert_eq!(
        header,
        inspection.header_json,
        "share_token_part(Header) disagrees with the inspection for {}",
        show(text.as_bytes())
    );
    // Where the payload segment is canonical base64url, the payload is that segment decoded.
    let has = |code| inspection.findings.iter().any(|f| f.code == code);
    if let Some(json) = &inspection.payload_json {
        if !has(FindingCode::Base64) && !has(FindingCode::Segments) && !has(FindingCode::Wrapped) {
            let trimmed = text.trim_matches(|c: char| c.is_ascii_whitespace());
            let seg = trimmed.split('.').nth(1).unwrap_or("");
            assert_eq!(
                base64url(seg).as_deref(),
                Some(json.as_bytes()),
                "payload_json is not the decoded segment for {}",
                show(text.as_bytes())
            );
        }
    }
    inspection
}

/// Unpadded base64url, canonical form only (zero trailing bits), decoded independently of the core.
fn base64url(seg: &str) -> Option<Vec<u8>> {
    let value = |c: u8| -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'-' => 62,
            b'_' => 63,
            _ => return None,
        } as u32)
    };
    let bytes = seg.as_bytes();
    if bytes.len() % 4 == 1 {
        return None;
    }
    let mut out = Vec::with_capacity(bytes.len() * 3 / 4);
    for chunk in bytes.chunks(4) {
        let mut acc = 0u32;
        for &c in chunk {
            acc = acc << 6 | value(c)?;
        }
        let bits = 6 * chunk.len();
        let keep = bits / 8;
        let spare = bits - 8 * keep;
        if acc & ((1 << spare) - 1) != 0 {
            return None;
        }
        acc >>= spare;
        for i in (0..keep).rev() {
            out.push((acc >> (8 * i)) as u8);
        }
    }
    Some(out)
}

/// PyJWT's `ensure_ascii=True`: every character from U+007F up as `\uXXXX` (lowercase hex),
/// astral characters as a surrogate pair.
fn ascii_escaped(json: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(json.len());
    for ch in String::from_utf8_lossy(json).chars() {
        let mut units = [0u16; 2];
        if (ch as u32) < 0x7f {
            out.push(ch as u8);
            continue;
        }
        for unit in ch.encode_utf16(&mut units) {
            out.extend_from_slice(format!("\\u{:04x}", unit).as_bytes());
        }
    }
    out
}

/// The three model parsers never panic on any bytes: each returns a model or a typed error with
/// a stable code and a message; an error status always gives the API error; and a parsed model
/// converts back to a JSON value.
pub fn parse_models(data: &[u8]) {
    let typed = |code: &str, message: String| {
        assert!(
            code.starts_with("ERR_") && !message.is_empty(),
            "untyped error {code:?} {message:?} for {}",
            show(data)
        );
    };
    let tolerant = models::parse_session(data);
    match &tolerant {
        Ok(p) => {
            let _ = p.model.to_value();
            let _ = (p.model.session_id(), p.model.status(), p.model.kind());
        }
        Err(e) => typed(e.code(), e.to_string()),
    }
    // Strict accepts less, never more; where both accept, they read the same model.
    match models::parse_session_with(data, models::ParseOptions::STRICT) {
        Ok(p) => {
            assert!(p.report.dropped.is_empty());
            match &tolerant {
                Ok(t) => assert!(
                    t.model == p.model,
                    "strict and tolerant models differ for {}",
                    show(data)
                ),
                Err(e) => panic!(
                    "strict parse accepted what the tolerant one refused ({e}) for {}",
                    show(data)
                ),
            }
        }
        Err(e) => typed(e.code(), e.to_string()),
    }
    match models::parse_webhook_event(data) {
        Ok(p) => {
            let _ = (
                p.model.kind(),
                p.model.is_business(),
                p.model.session_status(),
                p.model.entity_status(),
            );
            if let Some(d) = p.model.decision() {
                let _ = d.to_value();
            }
        }
        Err(e) => typed(e.code(), e.to_string()),
    }
    // A status from the input itself: success, an error status, or none.
    let status = match data.len() % 4 {
        0 => None,
        1 => Some(200),
        2 => Some(201),
        _ => Some(400 + (data.len() % 200) as u16),
    };
    match models::parse_import_response(data, status) {
        Ok(p) => {
            assert!(status.map_or(true, |s| (200..300).contains(&s)));
            let _ = p.model.to_value();
        }
        Err(e) => {
            typed(e.code(), e.to_string());
            if let Some(s) = status.filter(|s| !(200..300).contains(s)) {
                assert!(
                    matches!(e, models::ImportError::Api(_)),
                    "status {s} did not give the API error"
                );
            }
        }
    }
}

/// Checks that an accepted delivery is explained by the model.
fn explain(
    body: &[u8],
    model: &Verdict,
    headers: &WebhookHeaders<'_>,
    secrets: &[&[u8]],
    now: i64,
    options: &VerifyOptions,
    r: &Result<webhook::Verified, didit_kit::WebhookError>,
) {
    let v = match r {
        Ok(v) => v,
        Err(e) => {
            // Errors are typed and carry a message; nothing else to check here.
            assert!(e.code().starts_with("ERR_") && !e.to_string().is_empty());
            return;
        }
    };
    let ctx = || format!("accepted {:?} for {} with {headers:?}", v, show(body));
    assert!(
        model.first_problem.is_none(),
        "{}: model says {:?}",
        ctx(),
        model.first_problem
    );
    // Every value of X-Timestamp (it may have come more than once) is the accepted time.
    let stamps: Vec<Option<i64>> = headers
        .timestamp
        .unwrap_or("")
        .split(',')
        .filter(|v| !v.trim_matches([' ', '\t']).is_empty())
        .map(parse_timestamp)
        .collect();
    assert!(
        !stamps.is_empty() && stamps.iter().all(|t| *t == Some(v.timestamp)),
        "{}",
        ctx()
    );
    assert!(
        (i128::from(now) - i128::from(v.timestamp)).unsigned_abs()
            <= u128::from(options.tolerance_seconds),
        "{}: not fresh at {now}",
        ctx()
    );
    if let Some(reference::Value::Int(token)) = model.top("timestamp") {
        assert_eq!(
            reference::python_int(token).parse::<i64>().ok(),
            Some(v.timestamp),
            "{}: not bound to the body's timestamp",
            ctx()
        );
    }
    // V2 and V1: bound to the body's signed time, found independently by the model.
    if v.method != Method::Simple {
        let want = signed_time(model);
        assert!(
            want.is_some() || options.allow_unsigned_timestamp,
            "{}: no signed time in the body",
            ctx()
        );
        if let Some((source, t)) = want {
            assert_eq!(
                (v.time_source, Some(v.timestamp)),
                (source, t),
                "{}: not bound to the signed time",
                ctx()
            );
        }
    }
    let (header, message) = match v.method {
        Method::V2 => (headers.signature_v2, model.canonical()),
        Method::V2Ascii => (headers.signature_v2, model.canonical_ascii()),
        Method::V1 => (headers.signature_v1, Some(body.to_vec())),
        Method::Simple => {
            assert!(options.allow_simple, "{}: simple not allowed", ctx());
            // The first value of a header that may have come more than once.
            let ts = headers
                .timestamp
                .unwrap_or("")
                .split(',')
                .map(|v| v.trim_matches([' ', '\t']))
                .find(|v| !v.is_empty())
                .unwrap_or("");
            (
                headers.signature_simple,
                Some(reference::simple_message(model, ts)),
            )
        }
        // `Method` is `#[non_exhaustive]`; every method this crate has is listed above.
        other => unreachable!("{}: unknown method {other:?}", ctx()),
    };
    let secret = secrets.get(v.secret_index).copied();
    let tag = match (secret, message) {
        (Some(secret), Some(message)) => hmac(secret, &message),
        _ => panic!("{}: no secret or message", ctx()),
    };
    // A header may hold several comma-separated values (a repeated header), up to 16.
    let values: Vec<&str> = header
        .unwrap_or("")
        .split(',')
        .filter(|v| !v.trim_matches([' ', '\t']).is_empty())
        .collect();
    assert!(
        values.len() <= webhook::MAX_SIGNATURE_VALUES
            && values.iter().any(|v| parse_hex(v) == Some(tag)),
        "{}: the tag is not genuine",
        ctx()
    );
}

/// The body's signed time per the reference model: `timestamp` (an integer, or a float equal to
/// an integer), else `created_at` when `timestamp` is absent or null. `None`: no signed time;
/// `Some((_, None))`: a whole number beyond 64 bits.
fn signed_time(model: &Verdict) -> Option<(TimeSource, Option<i64>)> {
    let value = |key: &str| -> Option<Option<Option<i64>>> {
        match model.top(key) {
            None | Some(reference::Value::Null) => None,
            Some(reference::Value::Int(token)) => {
                Some(Some(reference::python_int(token).parse::<i64>().ok()))
            }
            Some(reference::Value::Float(f)) if f.fract() == 0.0 => Some(Some(
                (f.abs() < 9.2e18)
                    .then_some(*f as i64)
                    .filter(|i| *i as f64 == *f),
            )),
            Some(_) => Some(None),
        }
    };
    match value("timestamp") {
        Some(Some(t)) => Some((TimeSource::Timestamp, t)),
        Some(None) => None,
        None => match value("created_at") {
            Some(Some(t)) => Some((TimeSource::CreatedAt, t)),
            _ => None,
        },
    }
}

/// `X-Timestamp` as the documentation states it: 1 to 15 ASCII digits, spaces and tabs around.
fn parse_timestamp(value: &str) -> Option<i64> {
    let v = value.trim_matches([' ', '\t']);
    if v.is_empty() || v.len() > 15 || !v.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    v.parse().ok()
}

/// 64 hex digits in either case, spaces and tabs around.
fn parse_hex(value: &str) -> Option<[u8; 32]> {
    let v = value.trim_matches([' ', '\t']);
    if v.len() != 64 || !v.is_ascii() {
        return None;
    }
    let mut out = [0u8; 32];
    for (i, byte) in out.iter_mut().enumerate() {
        *byte = u8::from_str_radix(v.get(2 * i..2 * i + 2)?, 16).ok()?;
    }
    Some(out)
}

fn hmac(key: &[u8], message: &[u8]) -> [u8; 32] {
    let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("HMAC takes any key");
    mac.update(message);
    mac.finalize().into_bytes().into()
}

struct Cursor<'a>(&'a [u8]);

impl<'a> Cursor<'a> {
    fn byte(&mut self) -> u8 {
        self.take(1).first().copied().unwrap_or(0)
    }
    fn take(&mut self, n: usize) -> &'a [u8] {
        let (head, rest) = self.0.split_at(n.min(self.0.len()));
        self.0 = rest;
        head
    }
}

/// An input for a failure message (long ones shortened).
pub fn show(bytes: &[u8]) -> String {
    let s = format!("{:?}", String::from_utf8_lossy(bytes));
    if s.chars().count() > 600 {
        let head: String = s.chars().take(600).collect();
        format!("{head}… ({} bytes)", bytes.len())
    } else {
        s
    }
}
