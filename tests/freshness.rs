//! Freshness is bound to signed data: the body's `timestamp` (a whole-valued float counts as its
//! integer), else `created_at` when `timestamp` is absent or null; `X-Timestamp` must agree; a
//! body without a signed time is refused unless `allow_unsigned_timestamp`. Each body is signed
//! here independently of the verifier (HMAC over Python-equivalent canonical bytes for V2, the
//! raw bytes for V1, the field message for Simple) and tried with every method.

use didit_kit::canonical::{canonicalize, Options};
use didit_kit::webhook::{
    verify_webhook, CollectedHeaders, Method, TimeSource, VerifyOptions, WebhookHeaders,
};
use hmac::{Hmac, Mac};
use sha2::Sha256;

const SECRET: &[u8] = b"freshness_secret_0123456789abcdefghijklmno";
const T: i64 = 1_780_000_000;

fn hex(key: &[u8], message: &[u8]) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(key).unwrap();
    mac.update(message);
    mac.finalize()
        .into_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn v2(body: &str) -> String {
    let canonical = canonicalize(body.as_bytes(), &Options::default()).unwrap();
    hex(SECRET, &canonical)
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Want {
    Ok(TimeSource, i64),
    Err(&'static str),
}

fn run(
    body: &str,
    header: &str,
    now: i64,
    method: Method,
    simple_ts: &str,
    allow_unsigned: bool,
) -> Result<(TimeSource, i64), &'static str> {
    let sig = match method {
        Method::V2 | Method::V2Ascii => v2(body),
        Method::V1 => hex(SECRET, body.as_bytes()),
        Method::Simple => {
            let v: serde_json::Value = serde_json::from_str(body).unwrap();
            let field = |k: &str| v.get(k).and_then(|x| x.as_str()).unwrap_or("").to_string();
            let message = format!(
                "{simple_ts}:{}:{}:{}",
                field("session_id"),
                field("status"),
                field("webhook_type")
            );
            hex(SECRET, message.as_bytes())
        }
        // `Method` is `#[non_exhaustive]`; these are all the methods there are.
        other => unreachable!("unknown method {other:?}"),
    };
    let mut h = WebhookHeaders {
        timestamp: Some(header),
        ..WebhookHeaders::default()
    };
    match method {
        Method::V2 | Method::V2Ascii => h.signature_v2 = Some(&sig),
        Method::V1 => h.signature_v1 = Some(&sig),
        Method::Simple => h.signature_simple = Some(&sig),
        other => unreachable!("unknown method {other:?}"),
    }
    let o = VerifyOptions {
        allow_simple: method == Method::Simple,
        allow_unsigned_timestamp: allow_unsigned,
        ..VerifyOptions::default()
    };
    match verify_webhook(body.as_bytes(), &h, &[SECRET], now, &o) {
        Ok(v) => {
            assert_eq!(v.method == Method::Simple, method == Method::Simple);
            Ok((v.time_source, v.timestamp))
        }
        Err(e) => {
            let m = e.to_string();
            assert!(!m.contains("freshness_secret"), "{m}");
            Err(e.code())
        }
    }
}

const ENVELOPE: &str = r#""session_id":"11111111-2222-3333-4444-555555555555","status":"Approved","webhook_type":"status.updated""#;

fn body(times: &str) -> String {
    if times.is_empty() {
        format!("{{{ENVELOPE}}}")
    } else {
        format!("{{{times},{ENVELOPE}}}")
    }
}

/// (what, body times, X-Timestamp, now, want for V2 and V1, want with allow_unsigned_timestamp).
fn table() -> Vec<(&'static str, String, String, i64, Want, Want)> {
    use TimeSource::*;
    use Want::*;
    let t = T.to_string();
    let old = (T - 86_400).to_string();
    let unsigned = Err("ERR_WEBHOOK_TIMESTAMP_UNSIGNED");
    let mismatch = Err("ERR_WEBHOOK_TIMESTAMP_MISMATCH");
    vec![
        // The issue's example: an old delivery with only `created_at`, replayed with a fresh header.
        (
            "issue example: created_at a day old, fresh header",
            body(&format!(r#""created_at":{old}"#)),
            t.clone(),
            T,
            mismatch,
            mismatch,
        ),
        (
            "created_at a day old, header agreeing: stale",
            body(&format!(r#""created_at":{old}"#)),
            old.clone(),
            T,
            Err("ERR_WEBHOOK_TIMESTAMP_STALE"),
            Err("ERR_WEBHOOK_TIMESTAMP_STALE"),
        ),
        (
            "created_at fresh",
            body(&format!(r#""created_at":{t}"#)),
            t.clone(),
            T + 10,
            Ok(CreatedAt, T),
            Ok(CreatedAt, T),
        ),
        (
            "integer timestamp",
            body(&format!(r#""timestamp":{t}"#)),
            t.clone(),
            T,
            Ok(Timestamp, T),
            Ok(Timestamp, T),
        ),
        (
            "whole-valued float timestamp",
            body(r#""timestamp":1780000000.0"#),
            t.clone(),
            T + 300,
            Ok(Timestamp, T),
            Ok(Timestamp, T),
        ),
        (
            "float timestamp in exponent form",
            body(r#""timestamp":1.78e9"#),
            t.clone(),
            T - 300,
            Ok(Timestamp, T),
            Ok(Timestamp, T),
        ),
        (
            "timestamp wins over an older created_at",
            body(&format!(r#""created_at":{old},"timestamp":{t}"#)),
            t.clone(),
            T,
            Ok(Timestamp, T),
            Ok(Timestamp, T),
        ),
        (
            "null timestamp falls back to created_at",
            body(&format!(r#""created_at":{t},"timestamp":null"#)),
            t.clone(),
            T,
            Ok(CreatedAt, T),
            Ok(CreatedAt, T),
        ),
        (
            "null timestamp, stale created_at, fresh header",
            body(&format!(r#""created_at":{old},"timestamp":null"#)),
            t.clone(),
            T,
            mismatch,
            mismatch,
        ),
        (
            "no timestamp and no created_at",
            body(""),
            t.clone(),
            T,
            unsigned,
            Ok(Header, T),
        ),
        (
            "null timestamp and null created_at",
            body(r#""created_at":null,"timestamp":null"#),
            t.clone(),
            T,
            unsigned,
            Ok(Header, T),
        ),
        (
            "string timestamp",
            body(&format!(r#""timestamp":"{t}""#)),
            t.clone(),
            T,
            unsigned,
            Ok(Header, T),
        ),
        (
            "string timestamp does not fall back to created_at",
            body(&format!(r#""created_at":{t},"timestamp":"{t}""#)),
            t.clone(),
            T,
            unsigned,
            Ok(Header, T),
        ),
        (
            "string created_at",
            body(&format!(r#""created_at":"{t}""#)),
            t.clone(),
            T,
            unsigned,
            Ok(Header, T),
        ),
        (
            "ISO created_at",
            body(r#""created_at":"2026-05-28T20:26:40Z""#),
            t.clone(),
            T,
            unsigned,
            Ok(Header, T),
        ),
        (
            "fractional timestamp",
            body(r#""timestamp":1780000000.5"#),
            t.clone(),
            T,
            unsigned,
            Ok(Header, T),
        ),
        (
            "boolean timestamp",
            body(r#""timestamp":true"#),
            t.clone(),
            T,
            unsigned,
            Ok(Header, T),
        ),
        (
            "timestamp only inside a nested object",
            body(&format!(r#""decision":{{"timestamp":{t}}}"#)),
            t.clone(),
            T,
            unsigned,
            Ok(Header, T),
        ),
        (
            "header disagreeing with timestamp by one second",
            body(&format!(r#""timestamp":{t}"#)),
            (T + 1).to_string(),
            T,
            mismatch,
            mismatch,
        ),
        (
            "negative timestamp",
            body(r#""timestamp":-5"#),
            t.clone(),
            T,
            mismatch,
            mismatch,
        ),
        (
            "timestamp beyond 64 bits",
            body(r#""timestamp":1e20"#),
            t.clone(),
            T,
            mismatch,
            mismatch,
        ),
        (
            "duplicate timestamp keys: the last wins, as in Python",
            body(&format!(r#""timestamp":{old},"timestamp":{t}"#)),
            t.clone(),
            T,
            Ok(Timestamp, T),
            Ok(Timestamp, T),
        ),
        (
            "escaped key spelling",
            body(&format!(r#""\u0074imestamp":{t}"#)),
            t.clone(),
            T,
            Ok(Timestamp, T),
            Ok(Timestamp, T),
        ),
        (
            "future timestamp",
            body(&format!(r#""timestamp":{}"#, T + 301)),
            (T + 301).to_string(),
            T,
            Err("ERR_WEBHOOK_TIMESTAMP_FUTURE"),
            Err("ERR_WEBHOOK_TIMESTAMP_FUTURE"),
        ),
        (
            "repeated identical header",
            body(&format!(r#""timestamp":{t}"#)),
            format!("{t}, {t}"),
            T,
            Ok(Timestamp, T),
            Ok(Timestamp, T),
        ),
        (
            "repeated header, values differ",
            body(&format!(r#""timestamp":{t}"#)),
            format!("{t}, {}", T + 1),
            T,
            Err("ERR_WEBHOOK_TIMESTAMP_CONFLICT"),
            Err("ERR_WEBHOOK_TIMESTAMP_CONFLICT"),
        ),
        (
            "non-ASCII body, escaped as Didit's raw body is",
            format!(
                r#"{{"metadata":{{"name":"Jos\u00e9 \u65e5\u672c"}},"timestamp":{t},{ENVELOPE}}}"#
            ),
            t.clone(),
            T,
            Ok(Timestamp, T),
            Ok(Timestamp, T),
        ),
        (
            "unsorted, spaced body",
            format!(
                "{{ \"webhook_type\": \"status.updated\", \"created_at\": {t},\n \"session_id\": \"s\", \"status\": \"Approved\" }}"
            ),
            t.clone(),
            T,
            Ok(CreatedAt, T),
            Ok(CreatedAt, T),
        ),
    ]
}

#[test]
fn v2_and_v1_bind_freshness_to_the_body() {
    let mut n = 0;
    for (what, body, header, now, want, want_allowed) in table() {
        for method in [Method::V2, Method::V1] {
            for (allow, want) in [(false, want), (true, want_allowed)] {
                let got = run(&body, &header, now, method, "", allow);
                let got = match got {
                    Ok((s, t)) => Want::Ok(s, t),
                    Err(c) => Want::Err(c),
                };
                assert_eq!(
                    got, want,
                    "{what} ({method:?}, allow_unsigned {allow}): {body}"
                );
                n += 1;
            }
        }
    }
    println!("freshness binding: {n} cases");
}

/// Simple covers only `timestamp`, `session_id`, `status` and `webhook_type`: its signed time is
/// the message's (the body's integer `timestamp`, else X-Timestamp itself); `created_at` is not
/// covered by it, so it never binds the time.
#[test]
fn simple_binds_the_time_in_its_message() {
    let t = T.to_string();
    let old = (T - 86_400).to_string();
    // Body `timestamp` in the message: bound to it.
    let b = body(&format!(r#""timestamp":{t}"#));
    assert_eq!(
        run(&b, &t, T, Method::Simple, &t, false),
        Ok((TimeSource::Timestamp, T))
    );
    assert_eq!(
        run(&b, &(T + 1).to_string(), T, Method::Simple, &t, false),
        Err("ERR_WEBHOOK_TIMESTAMP_MISMATCH")
    );
    // No body `timestamp`: the message carries X-Timestamp, so the header is signed.
    let b = body(&format!(r#""created_at":{old}"#));
    assert_eq!(
        run(&b, &t, T, Method::Simple, &t, false),
        Ok((TimeSource::Header, T))
    );
    // Replaying it with a fresh header breaks the Simple signature.
    assert_eq!(
        run(&b, &t, T, Method::Simple, &old, false),
        Err("ERR_WEBHOOK_SIGNATURE_MISMATCH")
    );
    // A stale header inside the message: stale.
    assert_eq!(
        run(&b, &old, T, Method::Simple, &old, false),
        Err("ERR_WEBHOOK_TIMESTAMP_STALE")
    );
}

/// A wrong signature is reported as a mismatch even when the time is also wrong: the time is
/// judged only once a signature matched, so "stale" always means "genuine but old".
#[test]
fn stale_means_the_signature_matched() {
    let b = body(&format!(r#""timestamp":{}"#, T - 86_400));
    let h = WebhookHeaders {
        timestamp: Some("1779913600"),
        signature_v2: Some("00"),
        ..WebhookHeaders::default()
    };
    let e = verify_webhook(b.as_bytes(), &h, &[SECRET], T, &VerifyOptions::default()).unwrap_err();
    assert_eq!(e.code(), "ERR_WEBHOOK_SIGNATURE_MISMATCH");
    let good = v2(&b);
    let h = WebhookHeaders {
        signature_v2: Some(&good),
        ..h
    };
    let e = verify_webhook(b.as_bytes(), &h, &[SECRET], T, &VerifyOptions::default()).unwrap_err();
    assert_eq!(e.code(), "ERR_WEBHOOK_TIMESTAMP_STALE");
    assert!(
        e.to_string().starts_with(
            "signature matches, but the delivery is stale: the body's signed `timestamp` is 86400 s old"
        ),
        "{e}"
    );
}

#[test]
fn unsigned_message_says_why() {
    for (times, why) in [
        ("", "no `timestamp` and no `created_at`"),
        (r#""timestamp":"1780000000""#, "`timestamp` is a string"),
        (r#""timestamp":null"#, "`timestamp` is null"),
        (r#""timestamp":1780000000.5"#, "not a whole number"),
    ] {
        let b = body(times);
        let sig = v2(&b);
        let h = WebhookHeaders {
            timestamp: Some("1780000000"),
            signature_v2: Some(&sig),
            ..WebhookHeaders::default()
        };
        let e =
            verify_webhook(b.as_bytes(), &h, &[SECRET], T, &VerifyOptions::default()).unwrap_err();
        let m = e.to_string();
        assert!(
            m.contains(why) && m.contains("replayed") && m.contains("allow_unsigned_timestamp"),
            "{times}: {m}"
        );
    }
}

/// Headers as proxies and runtimes deliver them: repeated names joined with ", ".
#[test]
fn repeated_headers() {
    let b = body(&format!(r#""timestamp":{T}"#));
    let good = v2(&b);
    let other = "ab".repeat(32);
    let ts = T.to_string();
    let o = VerifyOptions::default();
    let verify = |pairs: &[(&str, &str)]| {
        let c = CollectedHeaders::from_pairs(pairs.iter().copied());
        verify_webhook(b.as_bytes(), &c.headers(), &[SECRET], T, &o).map_err(|e| e.code())
    };
    // Identical X-Timestamp twice, as two pairs or as Node's joined value.
    assert!(verify(&[
        ("X-Timestamp", &ts),
        ("x-timestamp", &ts),
        ("X-Signature-V2", &good)
    ])
    .is_ok());
    let joined = format!("{ts},{ts} ,\t{ts}");
    assert!(verify(&[("X-Timestamp", &joined), ("X-Signature-V2", &good)]).is_ok());
    // Conflicting or invalid repeats: their own code, saying the header came more than once.
    for bad in [
        format!("{ts}, {}", T - 1),
        format!("{ts}, abc"),
        format!("{ts}, 1e9"),
    ] {
        let c = CollectedHeaders::from_pairs([
            ("X-Timestamp", bad.as_str()),
            ("X-Signature-V2", &good),
        ]);
        let e = verify_webhook(b.as_bytes(), &c.headers(), &[SECRET], T, &o).unwrap_err();
        assert_eq!(e.code(), "ERR_WEBHOOK_TIMESTAMP_CONFLICT", "{bad}");
        assert!(e.to_string().contains("came more than once"), "{e}");
    }
    // A lone invalid value is still "not an integer"; a trailing comma is an empty list item.
    assert_eq!(
        verify(&[("X-Timestamp", "abc"), ("X-Signature-V2", &good)]),
        Err("ERR_WEBHOOK_TIMESTAMP_INVALID")
    );
    assert!(verify(&[
        ("X-Timestamp", &format!("{ts},")),
        ("X-Signature-V2", &good)
    ])
    .is_ok());
    // Several signature values: each is tried, in any position, any case, repeated or joined.
    let upper = good.to_ascii_uppercase();
    for sigs in [
        vec![other.as_str(), good.as_str()],
        vec![good.as_str(), other.as_str()],
        vec![upper.as_str(), "not-hex"],
    ] {
        let mut pairs = vec![("X-Timestamp", ts.as_str())];
        pairs.extend(sigs.iter().map(|s| ("X-Signature-V2", *s)));
        assert!(verify(&pairs).is_ok(), "{sigs:?}");
        let joined = sigs.join(", ");
        assert!(
            verify(&[("X-Timestamp", &ts), ("X-Signature-V2", &joined)]).is_ok(),
            "{joined}"
        );
    }
    // V1 repeated too.
    let v1 = hex(SECRET, b.as_bytes());
    let joined = format!("{other}, {v1}");
    assert!(verify(&[("X-Timestamp", &ts), ("X-Signature", &joined)]).is_ok());
    // More than 16 values: not tried, and the message says so.
    let many = format!("{}{good}", format!("{other}, ").repeat(16));
    let c = CollectedHeaders::from_pairs([("X-Timestamp", ts.as_str()), ("X-Signature-V2", &many)]);
    let e = verify_webhook(b.as_bytes(), &c.headers(), &[SECRET], T, &o).unwrap_err();
    assert!(e.to_string().contains("more than 16"), "{e}");
}

/// A secret that looks wrong is never trimmed or split, but the mismatch says what looks wrong.
#[test]
fn secret_shape_hints() {
    let b = body(&format!(r#""timestamp":{T}"#));
    let good = v2(&b);
    let ts = T.to_string();
    let h = WebhookHeaders {
        timestamp: Some(&ts),
        signature_v2: Some(&good),
        ..WebhookHeaders::default()
    };
    let s = std::str::from_utf8(SECRET).unwrap();
    let o = VerifyOptions::default();
    let cases = [
        (format!("{s}\n"), "begins or ends with whitespace"),
        (format!("{s}\r\n"), "begins or ends with whitespace"),
        (format!(" {s}"), "begins or ends with whitespace"),
        (format!("\t{s}"), "begins or ends with whitespace"),
        (format!("\u{feff}{s}"), "begins or ends with whitespace"),
        (format!("\"{s}\""), "wrapped in quotes"),
        (format!("'{s}'"), "wrapped in quotes"),
        (format!("old-secret,{s}"), "contains a comma"),
        (format!("{s}, other"), "contains a comma"),
    ];
    for (secret, says) in &cases {
        let e = verify_webhook(b.as_bytes(), &h, &[secret.as_bytes()], T, &o).unwrap_err();
        let m = e.to_string();
        assert_eq!(e.code(), "ERR_WEBHOOK_SIGNATURE_MISMATCH");
        assert!(
            m.contains("secret #0 ") && m.contains(says),
            "{secret:?}: {m}"
        );
        assert!(!m.contains(s), "the message repeats the secret: {m}");
    }
    // The hint names the index of the suspicious secret in a list.
    let e = verify_webhook(b.as_bytes(), &h, &[b"wrong".as_slice(), b"x\n"], T, &o).unwrap_err();
    assert!(e.to_string().contains("secret #1 "), "{e}");
    // A plain wrong secret: no hint.
    let e = verify_webhook(b.as_bytes(), &h, &[b"wrong"], T, &o).unwrap_err();
    assert_eq!(
        e.to_string(),
        "signature mismatch: check that the secret is this webhook's (Didit Console) and that the body is the raw request bytes, read before any JSON parsing"
    );
}

#[test]
fn base64_body_is_named() {
    use base64_encode as enc;
    let b = body(&format!(r#""timestamp":{T}"#));
    let ts = T.to_string();
    let sig = v2(&b);
    let h = WebhookHeaders {
        timestamp: Some(&ts),
        signature_v2: Some(&sig),
        ..WebhookHeaders::default()
    };
    let o = VerifyOptions::default();
    for text in [
        enc(b.as_bytes(), false),
        enc(b.as_bytes(), true),
        format!("{}\n", enc(format!("{{\n  {ENVELOPE}}}").as_bytes(), false)),
        enc(b"[{\"a\":1}]", false),
    ] {
        let e = verify_webhook(text.as_bytes(), &h, &[SECRET], T, &o).unwrap_err();
        assert_eq!(e.code(), "ERR_WEBHOOK_BODY_BASE64", "{text}");
        assert!(e.to_string().contains("base64"));
    }
    // Not base64 of JSON: the JSON error stays.
    for text in ["hello world", "aGVsbG8gd29ybGQ=", "{\"a\":"] {
        let e = verify_webhook(text.as_bytes(), &h, &[SECRET], T, &o).unwrap_err();
        assert_eq!(e.code(), "ERR_JSON_SYNTAX", "{text}");
    }
}

fn base64_encode(data: &[u8], url: bool) -> String {
    let alphabet: &[u8] = if url {
        b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    } else {
        b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
    };
    let mut out = String::new();
    for chunk in data.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |acc, (i, &b)| acc | u32::from(b) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(char::from(alphabet[(n >> (18 - 6 * i) & 63) as usize]));
        }
        for _ in chunk.len()..3 {
            out.push('=');
        }
    }
    out
}
