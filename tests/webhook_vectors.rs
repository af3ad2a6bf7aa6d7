//! `tests/vectors/webhook.json`, shared with the JS tests.

use didit_kit::webhook::{verify_webhook, CollectedHeaders, VerifyOptions};

#[test]
fn webhook_vectors() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/vectors/webhook.json"
    ))
    .unwrap();
    let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    let vectors = doc["vectors"].as_array().unwrap();
    assert!(vectors.len() >= 15);
    for v in vectors {
        let name = v["name"].as_str().unwrap();
        let pairs: Vec<(&str, &str)> = v["headers"]
            .as_object()
            .unwrap()
            .iter()
            .map(|(k, x)| (k.as_str(), x.as_str().unwrap()))
            .collect();
        let collected = CollectedHeaders::from_pairs(pairs);
        let headers = collected.headers();
        let secrets: Vec<&str> = v["secrets"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s.as_str().unwrap())
            .collect();
        let options = VerifyOptions {
            allow_simple: v["allow_simple"].as_bool().unwrap(),
            ..VerifyOptions::default()
        };
        let got = verify_webhook(
            v["body"].as_str().unwrap().as_bytes(),
            &headers,
            &secrets,
            v["now"].as_i64().unwrap(),
            &options,
        );
        let expect = &v["expect"];
        match got {
            Ok(ok) => {
                assert!(
                    expect["ok"].as_bool().unwrap(),
                    "{name}: accepted, expected {expect}"
                );
                assert_eq!(
                    ok.method.as_str(),
                    expect["method"].as_str().unwrap(),
                    "{name}"
                );
                assert_eq!(
                    ok.secret_index as u64,
                    expect["secret_index"].as_u64().unwrap(),
                    "{name}"
                );
                assert_eq!(
                    ok.timestamp,
                    expect["timestamp"].as_i64().unwrap(),
                    "{name}"
                );
            }
            Err(e) => assert_eq!(Some(e.code()), expect["code"].as_str(), "{name}: {e}"),
        }
    }
}
