//! Generated artifacts, checked by `cargo test` (rewritten with `DIDIT_KIT_UPDATE=1`):
//!
//! * the TypeScript interfaces of every model (a marked region of `js/models.d.ts`), with the
//!   field docs of the Rust structs;
//! * the schema and rules the JavaScript binding validates with (`js/models.gen.mjs`, a whole
//!   generated module that `js/models.mjs` reads):
//!   shapes, vocabularies with every accepted spelling, the root rules (required and strict
//!   members, the envelope-status rule), the issue limit and wording, and the import-error table.
//!
//! All come from the same tables as the Rust validator, so the two validators cannot drift apart;
//! the JavaScript side is a mechanism that reads them and holds no Didit fact of its own.

#[allow(unused_imports)]
use crate::prelude::*;

use std::collections::BTreeMap;

use super::api::{ApiErrorBody, ApiErrorKind};
use super::event::{NestedEventData, ResubmitInfo, WebhookEvent, EVENT_TY};
use super::schema::{mask, Shape, Ty, Vocab, TYPE_NAMES};
use super::session::*;
use super::validate::{
    strict_members, Root, FOUND_NAMES, MAX_ISSUES, NESTED_EVENT, RANGE_EXPECTED, RANGE_FOUND,
    WEBHOOK_REQUIRED, WEBHOOK_TYPE,
};
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

fn js_list(items: &[&str]) -> String {
    let items: Vec<String> = items.iter().map(|s| js_string(s)).collect();
    format!("[{}]", items.join(", "))
}

fn js_root(root: Root, shape: &str) -> String {
    let strict: Vec<String> = strict_members(root).iter().map(|m| js_list(m)).collect();
    format!(
        "{{ shape: {}, label: {}, required: {}, strict: [{}] }}",
        js_string(shape),
        js_string(root.label()),
        js_list(root.required()),
        strict.join(", ")
    )
}

/// `[from, to, code, meaning]` runs of HTTP error statuses with one [`ApiErrorKind`].
fn import_errors() -> Vec<(u16, u16, ApiErrorKind)> {
    let mut runs: Vec<(u16, u16, ApiErrorKind)> = Vec::new();
    for status in (100..=199).chain(300..=599) {
        let kind = ApiErrorKind::of_status(status);
        match runs.last_mut() {
            Some((_, to, k)) if *k == kind && *to + 1 == status => *to = status,
            _ => runs.push((status, status, kind)),
        }
    }
    runs
}

const GEN_HEADER: &str = "// @ts-check\n// GENERATED by `DIDIT_KIT_UPDATE=1 cargo test --lib gen` from the Rust model tables (src/models/):\n// do not edit. `cargo test` fails when this file is stale.\n\n";

/// The generated JavaScript module.
pub(crate) fn js_schema() -> String {
    let mut out = String::from(GEN_HEADER);
    out.push_str("// Each vocabulary: canonical values, and every other accepted spelling with its canonical value.\n/** @type {Record<string, { values: string[], spellings: Record<string, string>, deferred: boolean }>} */\nexport const MODEL_VOCABS = {\n");
    for (_, v) in vocabs() {
        let values: Vec<String> = v.values.iter().map(|s| js_string(s)).collect();
        let spellings: Vec<String> = v
            .respellings()
            .iter()
            .map(|(f, c)| format!("{}: {}", js_string(f), js_string(c)))
            .collect();
        out.push_str(&format!(
            "  {}: {{ values: [{}], spellings: {{{}}}, deferred: {} }},\n",
            js_string(v.name),
            values.join(", "),
            if spellings.is_empty() {
                String::new()
            } else {
                format!(" {} ", spellings.join(", "))
            },
            v.deferred
        ));
    }
    out.push_str("};\n// [mask, exact, shape, element, vocabulary]; mask bits: 1 boolean, 2 integer, 4 non-integral number, 8 string, 16 array, 32 object\n/** @type {Record<string, Record<string, any[]>>} */\nexport const MODEL_SHAPES = {\n");
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
    let names: Vec<String> = TYPE_NAMES
        .iter()
        .map(|(bits, name)| format!("[{bits}, {}]", js_string(name)))
        .collect();
    let by_type: Vec<String> = WEBHOOK_REQUIRED
        .iter()
        .map(|(types, name)| format!("[{}, {}]", js_list(types), js_string(name)))
        .collect();
    let r = &vocab::ENVELOPE_RULE;
    let errors: Vec<String> = import_errors()
        .iter()
        .map(|(from, to, k)| {
            format!(
                "[{from}, {to}, {}, {}]",
                js_string(k.code()),
                js_string(k.meaning())
            )
        })
        .collect();
    let lines = [
        "// Root rules (src/models/validate.rs), issue wording (schema.rs) and the import-error runs (api.rs).".to_owned(),
        "/**".to_owned(),
        " * @type {{ maxIssues: number, typeNames: [number, string][], foundNames: Record<number, string>,".to_owned(),
        " *   range: { expected: string, found: string },".to_owned(),
        " *   roots: Record<'session' | 'import' | 'webhook', { shape: string, label: string, required: string[], strict: string[][] }>,".to_owned(),
        " *   webhook: { type: string, nested: [string, string], requiredByType: [string[], string][] },".to_owned(),
        " *   envelopeStatus: { sessionTypes: string[], entityPrefixes: string[], otherPrefixes: string[], session: string, entity: string, webhookTypes: string },".to_owned(),
        " *   importErrors: [number, number, string, string][], maxDetailInMessage: number }}".to_owned(),
        " */".to_owned(),
        "export const MODEL_RULES = {".to_owned(),
        format!("  maxIssues: {MAX_ISSUES},"),
        format!("  typeNames: [{}],", names.join(", ")),
        format!(
            "  foundNames: {{ {} }},",
            FOUND_NAMES
                .iter()
                .map(|(bit, name)| format!("{bit}: {}", js_string(name)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        format!(
            "  range: {{ expected: {}, found: {} }},",
            js_string(RANGE_EXPECTED),
            js_string(RANGE_FOUND)
        ),
        "  roots: {".to_owned(),
        format!("    session: {},", js_root(Root::Session, "Session")),
        format!("    import: {},", js_root(Root::ImportResponse, "Session")),
        format!(
            "    webhook: {},",
            js_root(Root::WebhookEvent, EVENT_TY.shape.map_or("", |s| s.name))
        ),
        "  },".to_owned(),
        format!(
            "  webhook: {{ type: {}, nested: {}, requiredByType: [{}] }},",
            js_string(WEBHOOK_TYPE),
            js_list(&[NESTED_EVENT.0, NESTED_EVENT.1]),
            by_type.join(", ")
        ),
        format!(
            "  envelopeStatus: {{ sessionTypes: {}, entityPrefixes: {}, otherPrefixes: {}, session: {}, entity: {}, webhookTypes: {} }},",
            js_list(r.session_types),
            js_list(r.entity_prefixes),
            js_list(r.other_prefixes),
            js_string(vocab::SESSION_STATUS.name),
            js_string(vocab::ENTITY_STATUS.name),
            js_string(vocab::WEBHOOK_TYPE.name)
        ),
        "  importErrors: [".to_owned(),
    ];
    for l in lines {
        out.push_str(&l);
        out.push('\n');
    }
    for e in errors {
        out.push_str(&format!("    {e},\n"));
    }
    out.push_str(&format!(
        "  ],\n  maxDetailInMessage: {},\n}};\n",
        super::api::MAX_DETAIL_IN_MESSAGE
    ));
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
    const JS_FILE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/js/models.gen.mjs");
    const BEGIN: &str = "// ---- BEGIN GENERATED from the Rust model tables (cargo test; DIDIT_KIT_UPDATE=1 rewrites) ----\n";
    const END: &str = "// ---- END GENERATED ----\n";

    fn check_region(path: &str, body: &str) {
        crate::gen::check_region(path, BEGIN, END, body);
    }

    #[test]
    fn generated_typescript_is_current() {
        check_region(TS_FILE, &ts_types());
    }

    #[test]
    fn generated_js_schema_is_current() {
        crate::gen::check_file(JS_FILE, &js_schema());
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
