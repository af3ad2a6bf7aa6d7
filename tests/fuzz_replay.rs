//! The fuzz targets on stable Rust: the reference model is first held to CPython's own outputs
//! (`tests/vectors/canonical.json`), then the committed corpus (`fuzz/corpus/<target>/`) and
//! every crash regression (`tests/fuzz_regressions/<target>/`) are replayed through the same
//! property functions the libFuzzer binaries run (`tests/support/targets.rs`).

#[path = "support/reference.rs"]
mod reference;
#[path = "support/targets.rs"]
mod targets;

use std::path::{Path, PathBuf};

use base64::Engine as _;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn b64(s: &str) -> Vec<u8> {
    base64::engine::general_purpose::STANDARD
        .decode(s)
        .expect("vector base64")
}

/// The model recurses once per nesting level (995 at most), more than a test thread's default
/// stack holds in a debug build.
fn with_big_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(256 << 20)
        .spawn(f)
        .unwrap()
        .join()
        .unwrap_or_else(|e| std::panic::resume_unwind(e))
}

#[test]
fn reference_model_agrees_with_cpython_vectors() {
    with_big_stack(reference_model_agrees);
}

fn reference_model_agrees() {
    let text = std::fs::read_to_string(root().join("tests/vectors/canonical.json")).unwrap();
    let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    let mut failures = Vec::new();
    let vectors = doc["vectors"].as_array().unwrap();
    for v in vectors {
        let name = v["name"].as_str().unwrap();
        let body = b64(v["body_b64"].as_str().unwrap());
        let verdict = reference::verdict(&body);
        match v.get("error").and_then(|e| e.as_str()) {
            Some(code) => {
                if verdict.first_problem != Some(code) {
                    failures.push(format!(
                        "{name}: expected {code}, model says {:?}",
                        verdict.first_problem
                    ));
                }
            }
            None => {
                let want = b64(v["canonical_b64"].as_str().unwrap());
                let want_ascii = b64(v["canonical_ascii_b64"].as_str().unwrap());
                if verdict.canonical().as_deref() != Some(&want[..]) {
                    failures.push(format!(
                        "{name}: model's canonical form differs from CPython"
                    ));
                }
                if verdict.canonical_ascii().as_deref() != Some(&want_ascii[..]) {
                    failures.push(format!("{name}: model's ASCII form differs from CPython"));
                }
            }
        }
    }
    assert!(vectors.len() > 40);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = match std::fs::read_dir(dir) {
        Ok(entries) => entries.map(|e| e.unwrap().path()).collect(),
        Err(_) => Vec::new(),
    };
    out.sort();
    out
}

#[test]
fn corpus_and_regressions_replay() {
    with_big_stack(replay);
}

fn replay() {
    let mut dirs = Vec::new();
    for base in ["fuzz/corpus", "tests/fuzz_regressions"] {
        for dir in files(&root().join(base)) {
            let name = dir.file_name().unwrap().to_string_lossy().into_owned();
            let target = targets::TARGETS
                .iter()
                .find(|(n, _)| *n == name)
                .unwrap_or_else(|| {
                    panic!("{base}/{name} names no target in tests/support/targets.rs")
                });
            dirs.push((dir, target.1));
        }
    }
    for (name, _) in targets::TARGETS {
        assert!(
            files(&root().join("fuzz/corpus").join(name)).len() >= 5,
            "fuzz/corpus/{name} should hold a seed corpus"
        );
    }
    let mut replayed = 0;
    for (dir, check) in dirs {
        for file in files(&dir) {
            let data = std::fs::read(&file).unwrap();
            let result = std::panic::catch_unwind(|| check(&data));
            assert!(
                result.is_ok(),
                "{} fails its target (message above)",
                file.display()
            );
            replayed += 1;
        }
    }
    assert!(replayed >= 10);
}
