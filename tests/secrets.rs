//! Secrets and expected tags never leave the verifier: no error's `Display`, `Debug` or code, and
//! no accepted result's `Debug`, contains a secret or any tag the verifier computed.

use didit_kit::canonical::{canonicalize, Options};
use didit_kit::webhook::{sign_webhook, verify_webhook, VerifyOptions, WebhookHeaders};
use hmac::{Hmac, Mac};
use sha2::Sha256;

const SECRET: &str = "whsec_do_not_leak_0123456789abcdefghijkl";
const OTHER: &str = "whsec_rotated_out_zyxwvutsrqponmlkjihgfe";
const NOW: i64 = 1_774_970_000;
const BODY: &str = r#"{"webhook_type":"status.updated","session_id":"s-1","status":"Approved","timestamp":1774970000,"metadata":{"name":"José"}}"#;

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn tag(key: &str, message: &[u8]) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(key.as_bytes()).unwrap();
    mac.update(message);
    hex(&mac.finalize().into_bytes())
}

/// Everything that must not appear: the secrets (raw and hex) and every tag either secret
/// gives over the forms of `body` the verifier hashes.
fn forbidden(body: &[u8]) -> Vec<String> {
    let mut out = Vec::new();
    for key in [SECRET, OTHER] {
        out.push(key.to_string());
        out.push(hex(key.as_bytes()));
        let mut messages = vec![body.to_vec()];
        for ascii in [false, true] {
            if let Ok(c) = canonicalize(
                body,
                &Options {
                    ascii,
                    ..Options::default()
                },
            ) {
                messages.push(c.into_owned());
            }
        }
        messages.push(b"1774970000:s-1:Approved:status.updated".to_vec());
        for m in messages {
            let t = tag(key, &m);
            out.push(t.to_ascii_uppercase());
            out.push(t);
        }
    }
    out
}

#[test]
fn no_error_or_result_shows_a_secret_or_a_computed_tag() {
    let signed = sign_webhook(BODY.as_bytes(), SECRET.as_bytes(), None, NOW).unwrap();
    let tampered = BODY.replace("Approved", "Declined");
    let h = |ts: &'static str, v2: Option<&'static str>| WebhookHeaders {
        timestamp: Some(ts),
        signature_v2: v2,
        signature_v1: None,
        signature_simple: None,
    };
    let genuine = Box::leak(signed.signature_v2.clone().into_boxed_str());
    let secret_as_header = WebhookHeaders {
        timestamp: Some(SECRET),
        signature_v2: Some(SECRET),
        signature_v1: Some(SECRET),
        signature_simple: Some(SECRET),
    };
    // (body, headers, secrets, options): every way to fail, and two ways to succeed.
    let cases: Vec<(Vec<u8>, WebhookHeaders<'_>, Vec<&str>, VerifyOptions)> = vec![
        (
            BODY.into(),
            h("1774970000", Some(genuine)),
            vec![OTHER],
            VerifyOptions::default(),
        ),
        (
            tampered.clone().into(),
            h("1774970000", Some(genuine)),
            vec![OTHER, SECRET],
            VerifyOptions::default(),
        ),
        (
            BODY.into(),
            h("1774960000", Some(genuine)),
            vec![SECRET],
            VerifyOptions::default(),
        ),
        (
            BODY.into(),
            h("1774980000", Some(genuine)),
            vec![SECRET],
            VerifyOptions::default(),
        ),
        (
            BODY.into(),
            h("1774970001", Some(genuine)),
            vec![SECRET],
            VerifyOptions::default(),
        ),
        (
            BODY.into(),
            h("1774970000", None),
            vec![SECRET],
            VerifyOptions::default(),
        ),
        (
            br#"{"a":NaN}"#.to_vec(),
            h("1774970000", Some(genuine)),
            vec![SECRET],
            VerifyOptions::default(),
        ),
        (
            SECRET.into(),
            h("1774970000", Some(genuine)),
            vec![SECRET],
            VerifyOptions::default(),
        ),
        (
            BODY.into(),
            secret_as_header,
            vec![SECRET],
            VerifyOptions::default(),
        ),
        (
            BODY.into(),
            h("1774970000", Some(genuine)),
            vec![SECRET, ""],
            VerifyOptions::default(),
        ),
        (
            BODY.into(),
            h("1774970000", Some(genuine)),
            vec![],
            VerifyOptions::default(),
        ),
        (
            BODY.into(),
            h("1774970000", Some(genuine)),
            vec![SECRET],
            VerifyOptions {
                max_bytes: 10,
                ..VerifyOptions::default()
            },
        ),
        (
            BODY.into(),
            h("1774970000", Some(genuine)),
            vec![OTHER, SECRET],
            VerifyOptions::default(),
        ),
        (
            tampered.into(),
            WebhookHeaders {
                signature_simple: Some(Box::leak(signed.signature_simple.clone().into_boxed_str())),
                ..h("1774970000", None)
            },
            vec![SECRET],
            VerifyOptions {
                allow_simple: true,
                ..VerifyOptions::default()
            },
        ),
    ];
    let mut errors = 0;
    for (i, (body, headers, secrets, options)) in cases.iter().enumerate() {
        let shown = match verify_webhook(body, headers, secrets, NOW, options) {
            Ok(v) => format!("{v:?}"),
            Err(e) => {
                errors += 1;
                format!(
                    "{e} {e:?} {} {:?}",
                    e.code(),
                    std::error::Error::source(&e).map(|s| s.to_string())
                )
            }
        };
        for f in forbidden(body)
            .iter()
            .chain(forbidden(BODY.as_bytes()).iter())
        {
            assert!(!shown.contains(f.as_str()), "case {i} shows {f}: {shown}");
        }
    }
    assert!(errors >= 11, "{errors}");
}
