//! The shared vector files (`tests/vectors/*.json`), also read by the JS tests.
//! Expected outputs were computed by CPython's json (`tests/vectors/generate.py`).

use base64::Engine as _;
use didit_kit::canonical::{canonicalize, Options};

fn b64(s: &str) -> Vec<u8> {
    base64::engine::general_purpose::STANDARD
        .decode(s)
        .expect("vector base64")
}

#[test]
fn canonical_vectors_match_python() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/vectors/canonical.json"
    ))
    .unwrap();
    let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    let vectors = doc["vectors"].as_array().unwrap();
    assert!(vectors.len() > 40);
    let mut failures = Vec::new();
    for v in vectors {
        let name = v["name"].as_str().unwrap();
        let body = b64(v["body_b64"].as_str().unwrap());
        for ascii in [false, true] {
            let got = canonicalize(
                &body,
                &Options {
                    ascii,
                    ..Options::default()
                },
            );
            match (v.get("error").and_then(|e| e.as_str()), got) {
                (Some(code), Err(e)) if e.code() == code => {}
                (Some(code), other) => failures.push(format!(
                    "{name} (ascii={ascii}): expected {code}, got {other:?}"
                )),
                (None, Ok(out)) => {
                    let key = if ascii {
                        "canonical_ascii_b64"
                    } else {
                        "canonical_b64"
                    };
                    let want = b64(v[key].as_str().unwrap());
                    if *out != *want {
                        failures.push(format!(
                            "{name} (ascii={ascii}): output differs from Python\n  got:  {}\n  want: {}",
                            String::from_utf8_lossy(&out[..out.len().min(300)]),
                            String::from_utf8_lossy(&want[..want.len().min(300)])
                        ));
                    }
                }
                (None, Err(e)) => {
                    failures.push(format!("{name} (ascii={ascii}): unexpected error {e}"))
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn canonical_output_is_a_fixed_point() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/vectors/canonical.json"
    ))
    .unwrap();
    let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    for v in doc["vectors"].as_array().unwrap() {
        let Some(c) = v.get("canonical_b64") else {
            continue;
        };
        let c = b64(c.as_str().unwrap());
        let again = canonicalize(&c, &Options::default()).unwrap();
        // Canonical input comes back borrowed: the zero-copy path recognises it.
        assert!(
            matches!(again, std::borrow::Cow::Borrowed(_)),
            "{}: not recognised as canonical",
            v["name"]
        );
        assert_eq!(*again, *c, "{}", v["name"]);
    }
}
