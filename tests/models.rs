//! The typed models against `tests/fixtures/` (shared with the Node tests): what each payload
//! must yield (kind, status, statuses rewritten, unknown strings, big integers), the documented
//! import errors, the invalid bodies and their messages, every status spelling, and a round trip
//! that loses nothing (compared through the canonical form, which sorts members).
#![cfg(feature = "models")]

use std::path::PathBuf;

use didit_kit::canonical::{canonicalize, Options};
use didit_kit::models::validate::Change;
use didit_kit::models::vocab::{
    AmlHitReviewStatus, EntityStatus, Family, FeatureStatus, PartyKycStatus, SessionStatus,
};
use didit_kit::models::{
    parse_import_response, parse_import_response_with, parse_session, parse_session_with,
    parse_webhook_event, parse_webhook_event_with, ImportError, Issue, ModelError, ParseOptions,
    Report, Session, Status,
};
use serde_json::Value as J;

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn read(name: &str) -> Vec<u8> {
    std::fs::read(dir().join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn manifest(name: &str) -> J {
    serde_json::from_slice(&read(name)).unwrap()
}

/// The report as the fixture's three sorted lists.
fn notes(r: &Report) -> (Vec<J>, Vec<J>, Vec<J>) {
    let mut normalized = Vec::new();
    let mut bigints = Vec::new();
    for p in &r.patches {
        match &p.change {
            Change::Status {
                canonical,
                raw,
                family,
            } => normalized.push(serde_json::json!({
                "path": p.path.display(), "raw": raw, "value": canonical, "family": family
            })),
            Change::BigInt(_) => bigints.push(J::String(p.path.display())),
            // `Change` is `#[non_exhaustive]`: a new kind of change must be added here.
            other => panic!("a change these fixtures do not know: {other:?}"),
        }
    }
    let mut unknown: Vec<J> = r
        .unknown
        .iter()
        .map(
            |u| serde_json::json!({"path": u.path.display(), "value": u.value, "family": u.family}),
        )
        .collect();
    let key = |v: &J| v["path"].as_str().unwrap_or_default().to_owned();
    normalized.sort_by_key(key);
    unknown.sort_by_key(key);
    bigints.sort_by_key(|v| v.as_str().unwrap_or_default().to_owned());
    (normalized, unknown, bigints)
}

fn canonical(bytes: &[u8]) -> Vec<u8> {
    canonicalize(bytes, &Options::default())
        .unwrap()
        .into_owned()
}

fn to_bytes(v: &didit_kit::json::Value) -> Vec<u8> {
    let mut s = String::new();
    v.write_json(&mut s);
    s.into_bytes()
}

#[test]
fn fixtures_yield_what_the_manifest_says() {
    let cases = manifest("cases.json");
    let cases = cases["cases"].as_array().unwrap();
    assert!(cases.len() >= 35);
    let mut seen_models = std::collections::BTreeSet::new();
    for case in cases {
        let file = case["file"].as_str().unwrap();
        let body = read(file);
        let model = case["model"].as_str().unwrap();
        seen_models.insert(model);
        if let Some(code) = case["error"].as_str() {
            let status = case["httpStatus"].as_u64().unwrap() as u16;
            match parse_import_response(&body, Some(status)) {
                Err(ImportError::Api(e)) => {
                    assert_eq!(e.code(), code, "{file}");
                    assert_eq!(e.status, status);
                    assert_eq!(e.detail.as_deref(), case["detail"].as_str(), "{file}");
                    assert_eq!(Some(e.kind.meaning()), case["meaning"].as_str(), "{file}");
                    assert_eq!(
                        Some(e.to_string().as_str()),
                        case["message"].as_str(),
                        "{file}"
                    );
                }
                other => panic!("{file}: expected an API error, got {other:?}"),
            }
            continue;
        }
        let (report, value_bytes, kind, status) = match model {
            "session" | "import" => {
                let parsed = if model == "session" {
                    parse_session(&body).unwrap_or_else(|e| panic!("{file}: {e}"))
                } else {
                    parse_import_response(&body, Some(201))
                        .unwrap_or_else(|e| panic!("{file}: {e}"))
                };
                let kind = match &parsed.model {
                    Session::Kyc(_) => "user",
                    Session::Kyb(_) => "business",
                };
                let status = parsed.model.status().map(|s| s.canonical().to_owned());
                (
                    parsed.report,
                    to_bytes(&parsed.model.to_value()),
                    Some(kind),
                    status,
                )
            }
            "webhook" => {
                let parsed = parse_webhook_event(&body).unwrap_or_else(|e| panic!("{file}: {e}"));
                let ev = &parsed.model;
                let want = case["webhookType"].as_str().or(case["event"].as_str());
                assert_eq!(ev.kind().map(|k| k.raw()), want, "{file}");
                if let Some(k) = case["kind"].as_str() {
                    assert_eq!(ev.is_business(), k == "business", "{file}");
                    if let Some(d) = ev.decision() {
                        assert_eq!(d.kind().as_str(), k, "{file}: decision kind");
                    }
                }
                (
                    parsed.report,
                    to_bytes(&parsed.model.to_value()),
                    None,
                    None,
                )
            }
            other => panic!("unknown model {other}"),
        };
        if let Some(k) = kind {
            assert_eq!(Some(k), case["kind"].as_str(), "{file}");
            assert_eq!(status.as_deref(), case["status"].as_str(), "{file}");
        }
        assert!(
            report.dropped.is_empty(),
            "{file}: dropped {:?}",
            report.dropped
        );
        let (normalized, unknown, bigints) = notes(&report);
        assert_eq!(
            J::Array(normalized),
            case["normalized"],
            "{file}: normalized"
        );
        assert_eq!(J::Array(unknown), case["unknown"], "{file}: unknown");
        assert_eq!(J::Array(bigints), case["bigints"], "{file}: bigints");
        // Round trip: typed fields, then unknown members, every digit: the same canonical form.
        assert_eq!(
            String::from_utf8_lossy(&canonical(&value_bytes)),
            String::from_utf8_lossy(&canonical(&body)),
            "{file}: round trip"
        );
    }
    assert_eq!(
        seen_models.into_iter().collect::<Vec<_>>(),
        ["import", "session", "webhook"]
    );
}

fn issue_json(i: &Issue, member: bool) -> J {
    let mut j = serde_json::json!({"path": i.path.display(), "code": i.code.code(), "message": i.to_string()});
    if member {
        j["member"] = J::String(i.path.member().display());
    }
    j
}

fn parse_as(model: &str, body: &[u8], options: ParseOptions) -> Result<Report, ModelError> {
    match model {
        "session" => parse_session_with(body, options).map(|p| p.report),
        "webhook" => parse_webhook_event_with(body, options).map(|p| p.report),
        "import" => match parse_import_response_with(body, Some(201), options) {
            Ok(p) => Ok(p.report),
            Err(ImportError::Model(e)) => Err(e),
            Err(e) => panic!("{e}"),
        },
        other => panic!("{other}"),
    }
}

/// With the strict option every mismatch fails the parse (the behaviour before tolerant models).
#[test]
fn invalid_bodies_name_path_expected_and_found() {
    let doc = manifest("invalid.json");
    let cases = doc["cases"].as_array().unwrap();
    assert!(cases.len() >= 20);
    for case in cases {
        let name = case["name"].as_str().unwrap();
        let body = case["body"].as_str().unwrap().as_bytes();
        let want = &case["issues"];
        let result = parse_as(case["model"].as_str().unwrap(), body, ParseOptions::STRICT);
        if want.as_array().is_some_and(|w| w.is_empty()) {
            let report = result.unwrap_or_else(|e| panic!("{name}: {e}"));
            assert!(report.dropped.is_empty(), "{name}");
            continue;
        }
        let Err(ModelError::Invalid { issues, more, .. }) = result else {
            panic!("{name}: expected ERR_MODEL_INVALID, got {result:?}");
        };
        assert_eq!(more, 0);
        let got: Vec<J> = issues.iter().map(|i| issue_json(i, false)).collect();
        assert_eq!(J::Array(got), *want, "{name}");
    }
}

/// By default only the members a caller cannot do without must have their type; any other
/// wrong type is dropped from the typed model and reported with its path.
#[test]
fn type_drift_is_dropped_and_reported() {
    let doc = manifest("invalid.json");
    let mut tolerated = 0;
    for case in doc["cases"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let body = case["body"].as_str().unwrap().as_bytes();
        let want = &case["tolerant"];
        let result = parse_as(
            case["model"].as_str().unwrap(),
            body,
            ParseOptions::default(),
        );
        let fatal = want["issues"].as_array().unwrap();
        if fatal.is_empty() {
            let report = result.unwrap_or_else(|e| panic!("{name}: {e}"));
            let got: Vec<J> = report.dropped.iter().map(|i| issue_json(i, true)).collect();
            assert_eq!(J::Array(got), want["dropped"], "{name}");
            assert_eq!(report.more_dropped, 0);
            tolerated += 1;
        } else {
            let Err(ModelError::Invalid { issues, .. }) = result else {
                panic!("{name}: expected ERR_MODEL_INVALID, got {result:?}");
            };
            let got: Vec<J> = issues.iter().map(|i| issue_json(i, false)).collect();
            assert_eq!(J::Array(got), want["issues"], "{name}");
        }
    }
    assert!(tolerated >= 10, "{tolerated}");
}

/// The typed model never holds a dropped member: it stays in `extra`, so `to_value` loses nothing.
#[test]
fn dropped_members_stay_out_of_the_typed_fields() {
    let mut ev: J = serde_json::from_slice(&read("webhook-status-updated-kyc.json")).unwrap();
    ev["workflow_version"] = J::String("4".into());
    ev["decision"]["face_matches"][0]["score"] = J::String("97.99".into());
    ev["decision"]["reviews"] = serde_json::json!([{"new_status": "Approved"}, "late"]);
    let body = serde_json::to_vec(&ev).unwrap();
    assert!(parse_webhook_event_with(&body, ParseOptions::STRICT).is_err());
    let parsed = parse_webhook_event(&body).unwrap();
    let e = &parsed.model;
    assert_eq!(e.workflow_version, None);
    assert_eq!(
        e.extra.get("workflow_version").and_then(|v| v.as_str()),
        Some("4")
    );
    assert_eq!(
        e.session_id.as_deref(),
        Some(ev["session_id"].as_str().unwrap())
    );
    let Some(Session::Kyc(d)) = e.decision() else {
        panic!("decision")
    };
    let fm = &d.face_matches.as_ref().unwrap()[0];
    assert_eq!(fm.score, None);
    assert!(fm.extra.get("score").is_some());
    assert!(d.reviews.is_none());
    assert!(d.extra.get("reviews").is_some());
    let members: Vec<String> = parsed
        .report
        .dropped
        .iter()
        .map(|i| i.path.member().display())
        .collect();
    assert_eq!(
        members,
        [
            "decision.face_matches[0].score",
            "decision.reviews",
            "workflow_version"
        ]
    );
    assert_eq!(
        String::from_utf8_lossy(&canonical(&to_bytes(&e.to_value()))),
        String::from_utf8_lossy(&canonical(&body))
    );
    // A big integer in a typed numeric member: dropped in both languages (JavaScript cannot hold it).
    let big = br#"{"session_id":"s","status":"Approved","session_number":1152921504606846976,"face_matches":[{"score":9007199254740993}]}"#;
    let parsed = parse_session(big).unwrap();
    let Session::Kyc(k) = &parsed.model else {
        panic!("kyc")
    };
    assert_eq!(k.session_number, None);
    assert_eq!(k.face_matches.as_ref().unwrap()[0].score, None);
    assert_eq!(parsed.report.dropped.len(), 2);
    assert!(parse_session_with(big, ParseOptions::STRICT).is_err());
}

#[test]
fn every_status_spelling() {
    fn check<F: Family>(raw: &str, value: &str, known: bool) {
        let s = Status::<F>::parse(raw);
        assert_eq!((s.canonical(), s.is_known(), s.raw()), (value, known, raw));
    }
    let doc = manifest("status-spellings.json");
    let list = doc["spellings"].as_array().unwrap();
    assert!(list.len() > 60);
    for s in list {
        let (raw, value, known) = (
            s["raw"].as_str().unwrap(),
            s["value"].as_str().unwrap(),
            s["known"].as_bool().unwrap(),
        );
        match s["family"].as_str().unwrap() {
            "session status" => check::<SessionStatus>(raw, value, known),
            "feature status" => check::<FeatureStatus>(raw, value, known),
            "entity status" => check::<EntityStatus>(raw, value, known),
            "AML hit review status" => check::<AmlHitReviewStatus>(raw, value, known),
            "party KYC status" => check::<PartyKycStatus>(raw, value, known),
            other => panic!("{other}"),
        }
    }
}

#[test]
fn typed_access_and_redacted_debug() {
    let parsed = parse_session(&read("decision-kyc.json")).unwrap();
    let Session::Kyc(kyc) = &parsed.model else {
        panic!("expected KYC")
    };
    let idv = &kyc.id_verifications.as_ref().unwrap()[0];
    assert_eq!(idv.first_name.as_deref(), Some("Elena"));
    assert_eq!(idv.age, Some(34));
    assert_eq!(*idv.status.as_ref().unwrap(), FeatureStatus::Approved);
    let fm = &kyc.face_matches.as_ref().unwrap()[0];
    assert_eq!(fm.score.as_ref().map(|n| n.as_f64()), Some(97.99));
    let aml = &kyc.aml_screenings.as_ref().unwrap()[0];
    assert_eq!(aml.total_hits, Some(48));
    assert_eq!(aml.hits.as_ref().unwrap().len(), 48);
    // A member Didit may add later is kept.
    assert!(kyc.extra.get("risk_score").is_some());
    let debug = format!("{:?}", parsed.model);
    assert!(debug.contains("id_verifications"), "{debug}");
    for pii in ["Elena", "99999999R", "Zaragoza", "1991-07-12"] {
        assert!(!debug.contains(pii), "Debug leaks {pii}: {debug}");
    }

    let kyb = parse_session(&read("decision-kyb-upper.json")).unwrap();
    let Session::Kyb(kyb) = &kyb.model else {
        panic!("expected KYB")
    };
    let status = kyb.status.as_ref().unwrap();
    assert_eq!((status.raw(), status.canonical()), ("APPROVED", "Approved"));
    let kp = &kyb.key_people_checks.as_ref().unwrap()[0];
    assert_eq!(*kp.status.as_ref().unwrap(), FeatureStatus::AwaitingUser);
    let summary = kp.ubo_kyc_summary.as_ref().unwrap();
    assert_eq!((summary.total, summary.pending), (Some(3), Some(1)));
    assert!(kyb.registry_checks.as_ref().unwrap()[0]
        .company
        .as_ref()
        .unwrap()
        .extra
        .get("tax_number")
        .is_some());
}

#[test]
fn webhook_event_statuses_by_type() {
    let user = parse_webhook_event(&read("webhook-user-status-updated.json")).unwrap();
    assert_eq!(
        user.model.entity_status().unwrap().value(),
        Some(EntityStatus::Flagged)
    );
    assert!(user.model.session_status().is_none());
    let biz = parse_webhook_event(&read("webhook-business-status-updated.json")).unwrap();
    let s = biz.model.entity_status().unwrap();
    assert_eq!((s.raw(), s.canonical()), ("Blocked", "BLOCKED"));
    let kyb = parse_webhook_event(&read("webhook-status-updated-kyb-upper.json")).unwrap();
    assert_eq!(
        kyb.model.session_status().unwrap().value(),
        Some(SessionStatus::AwaitingUser)
    );
    let tx = parse_webhook_event(&read("webhook-transaction-status-updated.json")).unwrap();
    assert!(tx.model.session_status().is_none() && tx.model.entity_status().is_none());
    assert_eq!(tx.model.status.as_ref().unwrap().0, "APPROVED");
    let nested = parse_webhook_event(&read("webhook-kyb-nested.json")).unwrap();
    assert!(nested.model.is_business());
    assert_eq!(
        nested.model.session_status().unwrap().value(),
        Some(SessionStatus::Approved)
    );
    assert!(matches!(nested.model.decision(), Some(Session::Kyb(_))));
}

#[test]
fn import_statuses_and_bodies() {
    // A 2xx without a status argument, and with 200 or 201.
    for status in [None, Some(200), Some(201)] {
        let p = parse_import_response(&read("import-201-compact.json"), status).unwrap();
        assert_eq!(
            p.model.session_id(),
            Some("11111111-2222-3333-4444-555555555555")
        );
    }
    // A 2xx body that is not an import response is a model error, not an API error.
    let e = parse_import_response(br#"{"detail":"x"}"#, Some(201)).unwrap_err();
    assert_eq!(e.code(), "ERR_MODEL_INVALID");
    let e = parse_import_response(b"null", Some(201)).unwrap_err();
    assert_eq!(
        e.to_string(),
        "not a valid import response: body: expected object, found null"
    );
    let e = parse_import_response(b"not json", Some(201)).unwrap_err();
    assert_eq!(e.code(), "ERR_JSON_SYNTAX");
    // An error status with any body.
    let e = parse_import_response(b"\xff\xfe", Some(404)).unwrap_err();
    assert_eq!(e.code(), "ERR_IMPORT_NOT_FOUND");
    assert_eq!(
        e.to_string(),
        "import failed with HTTP 404: original session gone, or workflow_id unknown"
    );
}

#[test]
fn every_error_variant_has_a_unique_code_and_a_lower_case_message() {
    use didit_kit::models::{ApiError, ApiErrorKind, IssueCode};
    let kinds = [
        ApiErrorKind::BadRequest,
        ApiErrorKind::TokenInvalid,
        ApiErrorKind::Forbidden,
        ApiErrorKind::NotFound,
        ApiErrorKind::OtherClientError,
        ApiErrorKind::ServerError,
        ApiErrorKind::UnexpectedStatus,
    ];
    // `ApiErrorKind` is `#[non_exhaustive]`: every kind a status maps to must be listed above.
    for status in 100..=599 {
        let k = ApiErrorKind::of_status(status);
        assert!(kinds.contains(&k), "{k:?} (status {status}) is not listed");
    }
    let issues = [IssueCode::Type, IssueCode::Range, IssueCode::Missing];
    // `IssueCode` is `#[non_exhaustive]`: every `ERR_MODEL_…` code validate.rs names must be listed.
    let named: std::collections::HashSet<&str> = include_str!("../src/models/validate.rs")
        .split("\"ERR_MODEL_")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .collect();
    let listed: std::collections::HashSet<&str> = issues
        .iter()
        .filter_map(|i| i.code().strip_prefix("ERR_MODEL_"))
        .collect();
    assert!(named.is_subset(&listed), "{named:?} vs {listed:?}");
    let mut codes: Vec<&str> = kinds.iter().map(|k| k.code()).collect();
    codes.extend(issues.iter().map(|i| i.code()));
    codes.push(
        ModelError::Invalid {
            model: "x",
            issues: vec![],
            more: 0,
        }
        .code(),
    );
    let n = codes.len();
    codes.sort_unstable();
    codes.dedup();
    assert_eq!(codes.len(), n, "duplicate code");
    assert!(codes.iter().all(|c| c.starts_with("ERR_")));
    for (status, k) in [
        (400, 0),
        (401, 1),
        (403, 2),
        (404, 3),
        (418, 4),
        (503, 5),
        (302, 6),
    ] {
        let e = ApiError::from_response(status, b"");
        assert_eq!(e.kind, kinds[k]);
        let m = e.to_string();
        assert!(m.starts_with("import failed with HTTP"), "{m}");
    }
    // A long detail is cut in the message, whole in `detail`.
    let long = format!("{{\"detail\":\"{}\"}}", "x".repeat(500));
    let e = ApiError::from_response(401, long.as_bytes());
    assert_eq!(e.detail.as_ref().map(String::len), Some(500));
    assert!(e.to_string().ends_with("x…\")"));
}
