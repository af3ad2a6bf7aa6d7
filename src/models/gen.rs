//! Generated artifacts, checked by `cargo test` (rewritten with `DIDIT_KIT_UPDATE=1`):
//!
//! * the TypeScript interfaces of every model (a marked region of `js/models.d.ts`), with the
//!   field docs of the Rust structs;
//! * the schema the JavaScript binding validates with (a marked region of `js/models.mjs`).
//!
//! Both come from the same tables as the Rust validator, so the three cannot drift apart.

use std::collections::BTreeMap;

use super::api::ApiErrorBody;
use super::event::{NestedEventData, ResubmitInfo, WebhookEvent, EVENT_TY};
use super::schema::{mask, Shape, Ty, Vocab};
use super::session::*;
use super::vocab::{self};

type Fields = Vec<(&'static str, String, Vec<&'static str>)>;

struct Model {
    name: &'static str,
    ts_name: &'static str,
    doc: Vec<&'static str>,
    fields: Fields,
    shape: &'static Shape,
}

macro_rules! models {
    ($($t:ident $(as $ts:literal)?),* $(,)?) => {
        vec![$(Model {
            name: stringify!($t),
            ts_name: models!(@ts $t $($ts)?),
            doc: $t::ts_doc(),
            fields: $t::ts_fields(),
            shape: &$t::SHAPE,
        }),*]
    };
    (@ts $t:ident) => { stringify!($t) };
    (@ts $t:ident $ts:literal) => { $ts };
}

fn all_models() -> Vec<Model> {
    models![
        Warning,
        ContactDetails,
        Review,
        SessionMatch,
        ImageQualityScore,
        FallbackFrom,
        IdVerification,
        NfcChipData,
        NfcAuthenticity,
        NfcCertificateSummary,
        NfcVerification,
        LivenessCheck,
        FaceMatch,
        PoaVerification,
        PhoneCarrier,
        PhoneVerification,
        EmailVerification,
        AmlScreenedData,
        AmlHit,
        AmlScreening,
        IpAnalysis,
        DatabaseValidationResult,
        DatabaseValidation,
        DocumentAiDocument,
        QuestionnaireResponse,
        Party,
        Company,
        RegistryCheck,
        KeyPeopleRegistry,
        KeyPeopleSubmitted,
        UboKycSummary,
        KeyPeopleCheck,
        DocumentVerification,
        KycSession as "KycSessionData",
        KybSession as "KybSessionData",
        ResubmitInfo,
        NestedEventData,
        WebhookEvent as "WebhookEventData",
        ApiErrorBody,
    ]
}

fn vocabs() -> Vec<(&'static str, Vocab)> {
    vec![
        ("SessionStatus", vocab::SESSION_STATUS),
        ("FeatureStatus", vocab::FEATURE_STATUS),
        ("EntityStatus", vocab::ENTITY_STATUS),
        ("AmlHitReviewStatus", vocab::AML_HIT_REVIEW_STATUS),
        ("PartyKycStatus", vocab::PARTY_KYC_STATUS),
        ("WebhookType", vocab::WEBHOOK_TYPE),
        ("SessionKind", vocab::SESSION_KIND),
        ("", vocab::ENVELOPE_STATUS),
    ]
}

fn js_string(s: &str) -> String {
    let mut out = String::new();
    crate::json::write_json_string(s, &mut out);
    out
}

/// `[mask, exact, shape, elem, vocab]`, trailing empties dropped.
fn js_ty(ty: &Ty) -> String {
    let mut parts = vec![
        ty.mask.to_string(),
        u8::from(ty.exact).to_string(),
        ty.shape.map_or("0".into(), |s| js_string(s.name)),
        ty.elem.map_or("0".into(), js_ty),
        ty.vocab.map_or("0".into(), |v| js_string(v.name)),
    ];
    while parts.len() > 1 && parts.last().is_some_and(|p| p == "0") {
        parts.pop();
    }
    format!("[{}]", parts.join(","))
}

fn shape_fields(shape: &Shape) -> Vec<(&'static str, &'static Ty)> {
    let mut fields: Vec<(&'static str, &'static Ty)> = shape
        .names
        .iter()
        .copied()
        .zip(shape.types.iter().copied())
        .collect();
    if let Some(also) = shape.also {
        for (n, t) in shape_fields(also) {
            if !fields.iter().any(|(m, _)| *m == n) {
                fields.push((n, t));
            }
        }
        fields.sort_by(|a, b| a.0.cmp(b.0));
    }
    fields
}

fn reachable(root: &'static Shape, out: &mut BTreeMap<&'static str, &'static Shape>) {
    fn visit_ty(ty: &'static Ty, out: &mut BTreeMap<&'static str, &'static Shape>) {
        if let Some(s) = ty.shape {
            reachable(s, out);
        }
        if let Some(e) = ty.elem {
            visit_ty(e, out);
        }
    }
    if out.insert(root.name, root).is_some() {
        return;
    }
    for ty in root.types {
        visit_ty(ty, out);
    }
    if let Some(also) = root.also {
        reachable(also, out);
    }
}

fn all_shapes() -> BTreeMap<&'static str, &'static Shape> {
    let mut out = BTreeMap::new();
    reachable(&SESSION, &mut out);
    if let Some(s) = EVENT_TY.shape {
        reachable(s, &mut out);
    }
    reachable(&super::api::ApiErrorBody::SHAPE, &mut out);
    out
}

/// The JavaScript schema region.
pub(crate) fn js_schema() -> String {
    let mut out = String::new();
    out.push_str("const MODEL_VOCABS = {\n");
    for (_, v) in vocabs() {
        let values: Vec<String> = v.values.iter().map(|s| js_string(s)).collect();
        out.push_str(&format!(
            "  {}: {{ values: [{}], respell: {}, deferred: {} }},\n",
            js_string(v.name),
            values.join(", "),
            v.respell,
            v.deferred
        ));
    }
    out.push_str("};\n// [mask, exact, shape, element, vocabulary]; mask bits: 1 boolean, 2 integer, 4 non-integral number, 8 string, 16 array, 32 object\nconst MODEL_SHAPES = {\n");
    for (name, shape) in all_shapes() {
        out.push_str(&format!("  {name}: {{"));
        let fields: Vec<String> = shape_fields(shape)
            .into_iter()
            .map(|(n, t)| format!("{}: {}", n, js_ty(t)))
            .collect();
        out.push_str(&fields.join(", "));
        out.push_str("},\n");
    }
    out.push_str("};\n");
    out
}

fn ts_doc(lines: &[&str], indent: &str) -> String {
    let text: Vec<&str> = lines
        .iter()
        .map(|l| l.strip_prefix(' ').unwrap_or(l))
        .collect();
    match text.as_slice() {
        [] => String::new(),
        [one] => format!("{indent}/** {one} */\n"),
        many => {
            let mut s = format!("{indent}/**\n");
            for l in many {
                if l.is_empty() {
                    s.push_str(&format!("{indent} *\n"));
                } else {
                    s.push_str(&format!("{indent} * {l}\n"));
                }
            }
            s.push_str(&format!("{indent} */\n"));
            s
        }
    }
}

/// The TypeScript region: vocabularies and one interface per model.
pub(crate) fn ts_types() -> String {
    let mut out = String::new();
    for (ts, v) in vocabs() {
        if ts.is_empty() {
            continue;
        }
        let values: Vec<String> = v.values.iter().map(|s| format!("'{s}'")).collect();
        out.push_str(&format!(
            "/** Canonical {} values. */\nexport type {ts} = {};\n\n",
            v.name,
            values.join(" | ")
        ));
    }
    for m in all_models() {
        out.push_str(&ts_doc(&m.doc, ""));
        out.push_str(&format!("export interface {} {{\n", m.ts_name));
        for (name, ty, doc) in &m.fields {
            out.push_str(&ts_doc(doc, "  "));
            out.push_str(&format!("  {name}?: {ty} | null;\n"));
        }
        out.push_str("}\n\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const TS_FILE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/js/models.d.ts");
    const JS_FILE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/js/models.mjs");
    const BEGIN: &str = "// ---- BEGIN GENERATED from the Rust model tables (cargo test; DIDIT_KIT_UPDATE=1 rewrites) ----\n";
    const END: &str = "// ---- END GENERATED ----\n";

    fn check_region(path: &str, body: &str) {
        let text = std::fs::read_to_string(path).unwrap();
        let start = text.find(BEGIN).expect("begin marker") + BEGIN.len();
        let end = text.find(END).expect("end marker");
        let current = &text[start..end];
        if current != body {
            if std::env::var_os("DIDIT_KIT_UPDATE").is_some() {
                let new = format!("{}{}{}", &text[..start], body, &text[end..]);
                std::fs::write(path, new).unwrap();
            } else {
                panic!("{path} is out of date: run DIDIT_KIT_UPDATE=1 cargo test --lib gen");
            }
        }
    }

    #[test]
    fn generated_typescript_is_current() {
        check_region(TS_FILE, &ts_types());
    }

    #[test]
    fn generated_js_schema_is_current() {
        check_region(JS_FILE, &js_schema());
    }

    #[test]
    fn every_reachable_shape_has_a_model_and_sorted_fields() {
        let models = all_models();
        for (name, shape) in all_shapes() {
            if name == "Session" {
                continue;
            }
            let m = models
                .iter()
                .find(|m| m.name == name)
                .unwrap_or_else(|| panic!("{name} is not listed in all_models"));
            assert!(core::ptr::eq(m.shape.names, shape.names) || m.shape.names == shape.names);
            let names: Vec<&str> = m.fields.iter().map(|f| f.0).collect();
            assert_eq!(names, shape.names, "{name}");
            let mut sorted = names.clone();
            sorted.sort_unstable();
            sorted.dedup();
            assert_eq!(names, sorted, "{name}: fields must be sorted by wire name");
            assert_eq!(shape.names.len(), shape.types.len());
        }
    }

    #[test]
    fn kyc_and_kyb_agree_on_shared_fields() {
        for (i, n) in KybSession::SHAPE.names.iter().enumerate() {
            if let Some(j) = KycSession::SHAPE.names.iter().position(|m| m == n) {
                assert_eq!(
                    js_ty(KybSession::SHAPE.types[i]),
                    js_ty(KycSession::SHAPE.types[j]),
                    "{n}"
                );
            }
        }
    }

    #[test]
    fn masks_are_the_documented_bits() {
        assert_eq!(
            (
                mask::BOOL,
                mask::INT,
                mask::FLOAT,
                mask::STR,
                mask::ARR,
                mask::OBJ
            ),
            (1, 2, 4, 8, 16, 32)
        );
    }
}
