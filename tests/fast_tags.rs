//! `verify_webhook_with_tags`: the fast path's tags computed ahead (as `verifyRequest` does with
//! Web Crypto in workerd) give exactly the result of `verify_webhook`, on every body of the
//! canonical vectors (CPython's output) in its input, canonical and `ensure_ascii` spellings, under
//! genuine, rotated, wrong and partial signatures; and on Didit's wire format no other HMAC is
//! computed.

use base64::Engine as _;
use didit_kit::webhook::{
    fast_path_message, verify_webhook_with, verify_webhook_with_tags, CollectedHeaders, HmacSha256,
    RustCryptoHmac, VerifyOptions,
};

/// RustCrypto's HMAC, counting its calls.
#[derive(Default)]
struct Counting(usize);

impl HmacSha256 for Counting {
    fn hmac_sha256(&mut self, key: &[u8], message: &[u8]) -> [u8; 32] {
        self.0 += 1;
        RustCryptoHmac.hmac_sha256(key, message)
    }
}

fn hex(tag: [u8; 32]) -> String {
    tag.iter().map(|b| format!("{b:02x}")).collect()
}

fn hmac(key: &str, message: &[u8]) -> [u8; 32] {
    RustCryptoHmac.hmac_sha256(key.as_bytes(), message)
}

/// A case: its name, its headers and its secrets.
type Case<'a> = (&'a str, Vec<(&'a str, &'a str)>, Vec<&'a str>);

const SECRET: &str = "whsec_fast_tags_0123456789abcdefghijklmnopq";
const NOW: i64 = 1_774_970_000;

#[test]
fn fast_path_tags_change_no_result() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/vectors/canonical.json"
    ))
    .unwrap();
    let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    let b64 = |v: &serde_json::Value| {
        v.as_str()
            .map(|s| base64::engine::general_purpose::STANDARD.decode(s).unwrap())
    };
    let (mut compared, mut accepted, mut without_other_hmac) = (0, 0, 0);
    for v in doc["vectors"].as_array().unwrap() {
        let name = v["name"].as_str().unwrap();
        let input = b64(&v["body_b64"]).unwrap();
        let canonical = b64(&v["canonical_b64"]);
        let ascii = b64(&v["canonical_ascii_b64"]);
        let mut bodies = vec![input.clone()];
        bodies.extend(canonical.iter().cloned());
        bodies.extend(ascii.iter().cloned());
        // What the signatures cover: CPython's canonical form (or, for bodies Python refuses, the
        // raw bytes, so that the general path's errors are compared too).
        let signed = canonical.clone().unwrap_or_else(|| input.clone());
        let v2 = hex(hmac(SECRET, &signed));
        let v2_ascii = hex(hmac(SECRET, ascii.as_deref().unwrap_or(&input)));
        let ts = NOW.to_string();
        let zeros = "0".repeat(64);
        for body in &bodies {
            let v1 = hex(hmac(SECRET, body));
            let cases: [Case<'_>; 6] = [
                (
                    "genuine",
                    vec![("X-Timestamp", &ts), ("X-Signature-V2", &v2)],
                    vec![SECRET],
                ),
                (
                    "rotated",
                    vec![("X-Timestamp", &ts), ("X-Signature-V2", &v2)],
                    vec!["old", SECRET],
                ),
                (
                    "ascii form",
                    vec![("X-Timestamp", &ts), ("X-Signature-V2", &v2_ascii)],
                    vec![SECRET],
                ),
                (
                    "wrong secret",
                    vec![("X-Timestamp", &ts), ("X-Signature-V2", &v2)],
                    vec!["nope"],
                ),
                (
                    "V1 only right",
                    vec![
                        ("X-Timestamp", &ts),
                        ("X-Signature-V2", &zeros),
                        ("X-Signature", &v1),
                    ],
                    vec![SECRET],
                ),
                ("no timestamp", vec![("X-Signature-V2", &v2)], vec![SECRET]),
            ];
            for (case, pairs, secrets) in cases {
                let collected = CollectedHeaders::from_pairs(pairs);
                let headers = collected.headers();
                // Most vectors carry no signed time: judge them by X-Timestamp alone, except the
                // third of them, which must then fail after the match (TimestampUnsigned).
                let options = VerifyOptions {
                    allow_unsigned_timestamp: compared % 3 != 0,
                    ..VerifyOptions::default()
                };
                let mut plain = Counting::default();
                let expected =
                    verify_webhook_with(body, &headers, &secrets, NOW, &options, &mut plain);
                let mut ahead = Counting::default();
                let message = fast_path_message(body);
                let tags: Vec<[u8; 32]> = match &message {
                    Some(m) => secrets.iter().map(|s| hmac(s, m)).collect(),
                    None => Vec::new(),
                };
                let got = verify_webhook_with_tags(
                    body, &headers, &secrets, NOW, &options, &mut ahead, &tags,
                );
                let show = |r: &Result<_, didit_kit::WebhookError>| format!("{r:?}");
                assert_eq!(show(&got), show(&expected), "{name} / {case}");
                compared += 1;
                if expected.is_ok() {
                    accepted += 1;
                }
                // Didit's wire format (CPython's ensure_ascii output) signed with V2: the tags
                // were all it took, whatever the verdict after the match (most vectors carry no
                // signed time).
                if Some(body) == ascii.as_ref() && matches!(case, "genuine" | "rotated") {
                    assert_eq!(
                        ahead.0, 0,
                        "{name} / {case}: {} HMACs besides the tags",
                        ahead.0
                    );
                    assert!(plain.0 > 0);
                    without_other_hmac += 1;
                }
                // Tags that are not one per secret are ignored.
                let mut short = Counting::default();
                let ignored = verify_webhook_with_tags(
                    body,
                    &headers,
                    &secrets,
                    NOW,
                    &options,
                    &mut short,
                    &tags[..tags.len().saturating_sub(1)],
                );
                assert_eq!(show(&ignored), show(&expected), "{name} / {case} / short");
            }
        }
    }
    assert!(
        compared > 500 && accepted > 150 && without_other_hmac > 40,
        "{compared} {accepted} {without_other_hmac}"
    );
}

#[test]
fn fast_path_message_is_the_decoded_wire_format() {
    let wire = br#"{"name":"Jos\u00e9","timestamp":1}"#;
    assert_eq!(
        fast_path_message(wire).as_deref(),
        Some("{\"name\":\"José\",\"timestamp\":1}".as_bytes())
    );
    let plain = br#"{"a":1}"#;
    assert!(matches!(fast_path_message(plain), Some(std::borrow::Cow::Borrowed(b)) if b == plain));
    assert_eq!(fast_path_message(b"{\n  \"a\": 1\n}"), None);
}
