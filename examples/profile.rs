//! A profiling driver for callgrind (instruction counts are repeatable where wall time is not):
//!   cargo build --release --example profile
//!   valgrind --tool=callgrind target/release/examples/profile canonical body.json 200
//! Modes: `canonical` (the canonical writer), `verify` (a V2 verification with the portable HMAC),
//! `sign` (one canonicalisation and three HMACs), `token` (one share-token inspection of the
//! file's text, trimmed, judged at its `iat` + 34 s for an application id: the public
//! `inspect_share_token`, its owned `Inspection` dropped), `token-wasm` (the same inspection as the
//! wasm export runs it, with its compact report).
use didit_kit::canonical::{canonicalize, Options};
#[cfg(feature = "share-token")]
use didit_kit::token::{
    inspect_share_token, inspect_share_token_compact, CompactReport, InspectOptions,
};
use didit_kit::webhook::{sign_webhook, verify_webhook, WebhookHeaders};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(mode), Some(path)) = (args.get(1), args.get(2)) else {
        eprintln!("usage: profile canonical|verify|sign|token|token-wasm BODY.json [ROUNDS]");
        std::process::exit(2);
    };
    let rounds: usize = args.get(3).and_then(|r| r.parse().ok()).unwrap_or(100);
    let body = std::fs::read(path).unwrap_or_else(|e| {
        eprintln!("{path}: {e}");
        std::process::exit(2);
    });
    #[cfg(feature = "share-token")] // (the verification-only build has no token code)
    if mode == "token" || mode == "token-wasm" {
        let token = String::from_utf8_lossy(&body).trim().to_owned();
        let iat = inspect_share_token(&token, &InspectOptions::at(0))
            .claims
            .iat;
        let mut options = InspectOptions::at(iat.unwrap_or(0) + 34);
        options.application_id = Some("a5f3bca2-46e2-411e-90ef-a580900a57ee");
        let mut report = CompactReport::default();
        let total: usize = (0..rounds)
            .map(|_| match mode.as_str() {
                "token" => inspect_share_token(&token, &options).findings.len(),
                _ => {
                    inspect_share_token_compact(&token, &options, &mut report);
                    report.text.len()
                }
            })
            .sum();
        println!("{total}");
        return;
    }
    let secret = b"profile_secret";
    let signed = sign_webhook(&body, secret, None, 0).unwrap_or_else(|e| {
        eprintln!("{path}: {e}");
        std::process::exit(1);
    });
    let now: i64 = signed.timestamp.parse().unwrap_or(0);
    let headers = WebhookHeaders {
        timestamp: Some(&signed.timestamp),
        signature_v2: Some(&signed.signature_v2),
        ..WebhookHeaders::default()
    };
    let mut total = 0usize;
    for _ in 0..rounds {
        total += match mode.as_str() {
            "canonical" => canonicalize(&body, &Options::default()).map_or(0, |c| c.len()),
            "verify" => verify_webhook(&body, &headers, &[secret], now, &Default::default())
                .map_or(0, |v| v.secret_index + 1),
            _ => sign_webhook(&body, secret, Some(now), now).map_or(0, |s| s.timestamp.len()),
        };
    }
    println!("{total}");
}
