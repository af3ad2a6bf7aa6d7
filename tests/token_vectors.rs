//! `tests/vectors/share_tokens.json` (minted and decoded by PyJWT), shared with the JS tests.
#![cfg(feature = "share-token")]

use didit_kit::time::iso8601;
use didit_kit::token::{
    encode_hs256, inspect_share_token, share_token_part, verify_hs256, FindingCode, InspectOptions,
    Part, Severity,
};

/// Findings about the token's form (not its times, audience or claim values): when PyJWT, given
/// the key, accepts the string exactly as pasted, none of these may predict a certain 401.
fn structural(code: FindingCode) -> bool {
    !matches!(
        code,
        FindingCode::Expired
            | FindingCode::ExpiresSoon
            | FindingCode::NotYetValid
            | FindingCode::IssuedInFuture
            | FindingCode::WrongApplication
            | FindingCode::ClaimMissing
            | FindingCode::ClaimType
            | FindingCode::SessionKindUnknown
    )
}

const MALFORMED: [&str; 11] = [
    "SHARE_TOKEN_WHITESPACE",
    "SHARE_TOKEN_WRAPPED",
    "SHARE_TOKEN_TRUNCATED",
    "SHARE_TOKEN_SIGNATURE_PADDING",
    "SHARE_TOKEN_SEGMENTS",
    "SHARE_TOKEN_BASE64",
    "SHARE_TOKEN_UTF8",
    "SHARE_TOKEN_JSON",
    "SHARE_TOKEN_NOT_OBJECT",
    "SHARE_TOKEN_SIGNATURE_LENGTH",
    "SHARE_TOKEN_TOO_LARGE",
];

fn doc() -> serde_json::Value {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/vectors/share_tokens.json"
    ))
    .unwrap();
    serde_json::from_str(&text).unwrap()
}

#[test]
fn inspection_vectors() {
    let doc = doc();
    let vectors = doc["inspect"].as_array().unwrap();
    assert!(vectors.len() >= 50);
    for v in vectors {
        let name = v["name"].as_str().unwrap();
        let o = &v["options"];
        let app = o["applicationId"].as_str();
        let mut options = InspectOptions::at(o["now"].as_i64().unwrap());
        options.application_id = app;
        options.clock_tolerance_seconds = o["clockToleranceSeconds"].as_u64().unwrap_or(0);
        options.min_remaining_seconds = o["minRemainingSeconds"].as_u64().unwrap_or(0);
        if let Some(max) = o["maxTokenBytes"].as_u64() {
            options.max_token_bytes = max as usize;
        }
        let token = v["token"].as_str().unwrap();
        let got = inspect_share_token(token, &options);
        let e = &v["expect"];
        let codes: Vec<&str> = got.findings.iter().map(|f| f.code.code()).collect();
        let want: Vec<&str> = e["codes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c.as_str().unwrap())
            .collect();
        assert_eq!(codes, want, "{name}");
        assert_eq!(got.is_usable(), e["usable"].as_bool().unwrap(), "{name}");
        let status = got.first_error().and_then(|f| f.code.import_status());
        assert_eq!(
            status.map(u64::from),
            e["importStatus"].as_u64(),
            "{name}: import status"
        );
        // The JSON report parses and agrees with the typed result.
        let report: serde_json::Value = serde_json::from_str(&got.to_json()).unwrap();
        assert_eq!(report["usable"], e["usable"], "{name}");
        for key in [
            "sessionKind",
            "sessionKindDefaulted",
            "ttlSeconds",
            "remainingSeconds",
        ] {
            if let Some(want) = e.get(key) {
                assert_eq!(&report[key], want, "{name}: {key}");
            }
        }
        // A wrapped paste: the token inside is what to send instead.
        assert_eq!(
            report["unwrappedToken"].as_str(),
            e["unwrappedToken"].as_str(),
            "{name}: unwrappedToken"
        );
        assert_eq!(
            got.unwrapped.as_deref(),
            e["unwrappedToken"].as_str(),
            "{name}"
        );
        for (key, time) in [
            ("issuedAtIso", got.claims.iat),
            ("expiresAtIso", got.claims.exp),
        ] {
            if let Some(want) = e.get(key) {
                assert_eq!(
                    time.and_then(iso8601).as_deref(),
                    want.as_str(),
                    "{name}: {key}"
                );
            }
        }
        let parsed = |t: &Option<String>| -> serde_json::Value {
            t.as_deref().map_or(serde_json::Value::Null, |t| {
                serde_json::from_str(t).unwrap()
            })
        };
        let (claims, header) = (parsed(&got.payload_json), parsed(&got.header_json));
        // The report carries both, verbatim, so JavaScript needs no second call.
        assert_eq!(report["claims"], claims, "{name}: report claims");
        assert_eq!(report["header"], header, "{name}: report header");
        assert_eq!(
            got.payload_json,
            share_token_part(token, Part::Payload, options.max_token_bytes),
            "{name}"
        );
        assert_eq!(
            got.header_json,
            share_token_part(token, Part::Header, options.max_token_bytes),
            "{name}"
        );
        // PyJWT's reading: what it decodes, we decode to the same claims and header; what it
        // rejects as malformed, we report as malformed.
        let py = &v["pyjwt"];
        if py["malformed"].as_bool().unwrap() {
            assert!(
                codes.iter().any(|c| MALFORMED.contains(c)),
                "{name}: PyJWT rejects it as malformed, we report {codes:?}"
            );
        } else if e.get("claims").map_or(true, |c| !c.is_null()) {
            assert_eq!(claims, py["claims"], "{name}: claims");
            assert_eq!(header, py["header"], "{name}: header");
        }
        // Severities against "would Didit's import refuse it?", PyJWT (with our key) standing in
        // for Didit's decoder: what it accepts, we never call a certain 401 for its form; a
        // token signed with our key that it refuses is never usable.
        if py["acceptsWithKey"].as_bool().unwrap() {
            for f in &got.findings {
                assert!(
                    !(structural(f.code) && f.code.import_status() == Some(401)),
                    "{name}: PyJWT accepts it, we predict 401 for {}",
                    f.code.code()
                );
            }
        } else if py["signedWithKey"].as_bool().unwrap() {
            assert!(
                !got.is_usable(),
                "{name}: PyJWT refuses it, we call it usable"
            );
        }
        // Messages never repeat the token (a paste into a log must not leak it).
        for f in &got.findings {
            if token.len() > 20 {
                assert!(!f.message.contains(token.trim()), "{name}");
            }
            assert!(!f.message.is_empty());
            if f.code.severity() == Severity::Error {
                assert!(!got.is_usable());
            }
        }
    }
}

#[test]
fn minting_matches_pyjwt_byte_for_byte() {
    let doc = doc();
    for m in doc["mint"].as_array().unwrap() {
        let key = m["key"].as_str().unwrap().as_bytes();
        // PyJWT serialises with separators (",", ":"); the non-ASCII escaping is ours to do.
        let compact = serde_json::to_string(&m["claims"]).unwrap();
        let token = encode_hs256(compact.as_bytes(), key).unwrap();
        assert_eq!(token, m["token"].as_str().unwrap());
        assert!(verify_hs256(&token, key));
        assert!(!verify_hs256(&token, b"another key"));
        // Any change to the signing input or the signature is caught.
        let mut bytes = token.clone().into_bytes();
        for i in [0, token.len() / 2, token.len() - 1] {
            let orig = bytes[i];
            bytes[i] = if orig == b'A' { b'B' } else { b'A' };
            assert!(!verify_hs256(std::str::from_utf8(&bytes).unwrap(), key));
            bytes[i] = orig;
        }
    }
}
