//! Generated JavaScript, checked by `cargo test` (rewritten with `DIDIT_KIT_UPDATE=1 cargo test
//! --lib gen`): every limit, default, wire order and message the JS layer needs from the core, so
//! that each lives once, in Rust.
//!
//! * `js/rules.gen.mjs`: the webhook and canonical limits and defaults, the method and time-source
//!   order of the wasm boundary's result, the header order of its arguments, the too-large hint.
//!   The verify-only entry loads it, so it holds nothing else.
//! * `js/share-token.gen.mjs`: share-token TTL bounds, the token size limit, the import answers
//!   and the strict functions' message parts.
//! * marked regions of `js/index.d.ts`: the `WebhookMethod`, `WebhookTimeSource` and
//!   `ShareTokenFindingCode` unions, and the core's error codes in `DiditKitErrorCode`.
//!
//! The model tables have their own generator (`src/models/gen.rs`), which uses the checks here.

use crate::canonical;
use crate::webhook::{self, Method, TimeSource};

const JS_HEADER: &str = "// @ts-check\n// GENERATED from the Rust core by src/gen.rs (DIDIT_KIT_UPDATE=1 cargo test --lib gen): do not edit.\n";

fn js_string(s: &str) -> String {
    // The JSON form is a valid JS string literal.
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn js_list<'a>(items: impl IntoIterator<Item = &'a str>) -> String {
    let items: Vec<String> = items.into_iter().map(js_string).collect();
    format!("[{}]", items.join(", "))
}

/// `js/rules.gen.mjs`.
pub(crate) fn js_rules() -> String {
    let methods = js_list(Method::ALL.iter().map(|m| m.as_str()));
    let sources = js_list(TimeSource::ALL.iter().map(|s| s.as_str()));
    format!(
        "{JS_HEADER}
// Limits in bytes (canonical::DEFAULT_MAX_DEPTH, webhook::DEFAULT_MAX_BODY_BYTES,
// canonical::DEFAULT_MAX_BYTES, canonical::WASM_MAX_BYTES say why) and seconds.
export const DEFAULT_MAX_DEPTH = {depth};
export const DEFAULT_MAX_BODY_BYTES = {body};
export const DEFAULT_MAX_DOCUMENT_BYTES = {document};
export const WASM_MAX_BODY_BYTES = {wasm};
export const DEFAULT_TOLERANCE_SECONDS = {tolerance};
// The wasm verifyWebhook's result indices (Method::ALL, TimeSource::ALL), header arguments (HEADER_NAMES).
export const METHODS = /** @type {{const}} */ ({methods});
export const TIME_SOURCES = /** @type {{const}} */ ({sources});
export const WEBHOOK_HEADERS = {headers};
// After a too-large body's sizes (error.rs).
export const TOO_LARGE_HINT = {hint};
// The wasm verifyWebhook takes Web Crypto's fast-path tags for up to this many secrets (webhook::MAX_FAST_TAGS).
export const MAX_FAST_TAGS = {fast_tags};
",
        depth = canonical::DEFAULT_MAX_DEPTH,
        body = webhook::DEFAULT_MAX_BODY_BYTES,
        document = canonical::DEFAULT_MAX_BYTES,
        wasm = canonical::WASM_MAX_BYTES,
        tolerance = webhook::DEFAULT_TOLERANCE_SECONDS,
        headers = js_list(webhook::HEADER_NAMES),
        hint = js_string(crate::error::TOO_LARGE_HINT),
        fast_tags = webhook::MAX_FAST_TAGS,
    )
}

/// `js/share-token.gen.mjs`.
#[cfg(feature = "share-token")]
pub(crate) fn js_share_token() -> String {
    use crate::token::{self, import_answer, FindingCode};
    let mut statuses: Vec<u16> = FindingCode::ALL
        .iter()
        .filter_map(|c| c.import_status())
        .collect();
    statuses.sort_unstable();
    statuses.dedup();
    let answers: Vec<String> = statuses
        .iter()
        .map(|s| format!("  {s}: {},\n", js_string(import_answer(*s))))
        .collect();
    format!(
        "{JS_HEADER}
/** Didit's share endpoint: `ttl_in_seconds` bounds and default, seconds (src/token/). */
export const TTL_MIN_SECONDS = {min};
export const TTL_MAX_SECONDS = {max};
export const TTL_DEFAULT_SECONDS = {default};
/** Longer tokens are not decoded, bytes. */
export const DEFAULT_MAX_TOKEN_BYTES = {max_bytes};
/** What Didit's import endpoint answers for each status a finding predicts. */
export const IMPORT_ANSWERS = /** @type {{Record<number, string>}} */ ({{
{answers}}});
/** Findings whose answer is not their status's (FindingCode::import_answer). */
export const IMPORT_ANSWER_BY_CODE = /** @type {{Record<string, string>}} */ ({{
{by_code}}});
/** The form of the UUID arguments (application, session and workflow ids): 8-4-4-4-12 hex digits, either case (claims::UUID_GROUPS). */
export const UUID_PATTERN = /^{uuid}$/;
/** A strict function's message: NOT_USABLE + the finding's message + ` (${{WOULD_ANSWER}} ${{status}})`. */
export const NOT_USABLE = {not_usable};
export const WOULD_ANSWER = {would_answer};
/** The header Didit writes, as the core's report carries it (token::DIDIT_HEADER_JSON): built as an object literal rather than parsed. */
export const DIDIT_HEADER = {didit_header};
/** In the core's compact report, an id's length when the id is the claim of that name (report::FROM_CLAIMS). */
export const FROM_CLAIMS = {from_claims};
/** In the core's compact report, the claims text's length when the claims come as parts, and a part's kind for a string (report::FROM_PARTS, PART_STRING). */
export const FROM_PARTS = {from_parts};
export const PART_STRING = {part_string};
/** The claims a part names by index (claims::NAMES). */
export const CLAIM_NAMES = [{claim_names}];
/** Tokens whose UTF-8 may need more bytes than this are encoded exactly before they are written into the core's input, which keeps no larger input between inspections (token::KEEP_BYTES). */
export const LARGE_TOKEN_BYTES = {keep_bytes};
",
        keep_bytes = token::KEEP_BYTES,
        from_parts = token::FROM_PARTS,
        part_string = token::PART_STRING,
        claim_names = token::CLAIM_NAMES.map(js_string).join(", "),
        didit_header = js_string(token::DIDIT_HEADER_JSON),
        from_claims = token::FROM_CLAIMS,
        min = token::TTL_MIN_SECONDS,
        max = token::TTL_MAX_SECONDS,
        default = token::TTL_DEFAULT_SECONDS,
        max_bytes = token::DEFAULT_MAX_TOKEN_BYTES,
        answers = answers.concat(),
        by_code = FindingCode::ALL
            .iter()
            .filter_map(|c| {
                let answer = c.import_answer()?;
                let default = c.import_status().map(import_answer);
                (Some(answer) != default).then(|| format!("  {}: {},\n", c.code(), js_string(answer)))
            })
            .collect::<String>(),
        not_usable = js_string(token::NOT_USABLE),
        would_answer = js_string(token::WOULD_ANSWER),
        uuid = token::UUID_GROUPS
            .iter()
            .map(|n| format!("[0-9a-fA-F]{{{n}}}"))
            .collect::<Vec<_>>()
            .join("-"),
    )
}

fn ts_union(name: &str, doc: &str, items: &[&str]) -> String {
    let mut out = format!("/** {doc} */\nexport type {name} =");
    if items.len() <= 4 {
        let quoted: Vec<String> = items.iter().map(|i| format!("'{i}'")).collect();
        out.push(' ');
        out.push_str(&quoted.join(" | "));
    } else {
        for i in items {
            out.push_str(&format!("\n  | '{i}'"));
        }
    }
    out.push_str(";\n");
    out
}

/// One value of each [`WebhookError`] (but `Json`) and each [`JsonError`] variant, in the order
/// `DiditKitErrorCode` lists their codes. The matches are exhaustive inside the crate, so a new
/// variant fails to compile here until it has a value (and so a generated code).
fn core_error_codes() -> Vec<&'static str> {
    use crate::error::{JsonError, Position, WebhookError};
    let at = Position {
        offset: 0,
        line: 1,
        column: 1,
    };
    let webhook = [
        WebhookError::NoSecret,
        WebhookError::EmptySecret { index: 0 },
        WebhookError::TimestampMissing,
        WebhookError::TimestampInvalid,
        WebhookError::TimestampConflict { count: 2 },
        WebhookError::TimestampStale {
            age: 0,
            tolerance: 0,
            source: TimeSource::Timestamp,
        },
        WebhookError::TimestampFuture {
            ahead: 0,
            tolerance: 0,
            source: TimeSource::Timestamp,
        },
        WebhookError::TimestampMismatch {
            source: TimeSource::Timestamp,
            body: None,
            header: 0,
        },
        WebhookError::TimestampUnsigned { reason: "" },
        WebhookError::SignatureMissing,
        WebhookError::SignatureMismatch {
            hint: None,
            secret: None,
        },
        WebhookError::BodyBase64,
    ];
    let json = [
        JsonError::TooLarge {
            limit: 0,
            actual: 1,
        },
        JsonError::InvalidUtf8 { offset: 0 },
        JsonError::Syntax { expected: "", at },
        JsonError::ControlCharacter { at },
        JsonError::InvalidEscape { at },
        JsonError::LoneSurrogate { at },
        JsonError::NanOrInfinity { at },
        JsonError::NumberOutOfRange { at },
        JsonError::NumberTooLong { at, digits: 0 },
        JsonError::TooDeep { limit: 0, at },
    ];
    let mut seen = [false; 12];
    for e in &webhook {
        let i = match e {
            WebhookError::NoSecret => 0,
            WebhookError::EmptySecret { .. } => 1,
            WebhookError::TimestampMissing => 2,
            WebhookError::TimestampInvalid => 3,
            WebhookError::TimestampConflict { .. } => 4,
            WebhookError::TimestampStale { .. } => 5,
            WebhookError::TimestampFuture { .. } => 6,
            WebhookError::TimestampMismatch { .. } => 7,
            WebhookError::TimestampUnsigned { .. } => 8,
            WebhookError::SignatureMissing => 9,
            WebhookError::SignatureMismatch { .. } => 10,
            WebhookError::BodyBase64 => 11,
            // Its codes are JsonError's, listed below.
            WebhookError::Json(_) => continue,
        };
        seen[i] = true;
    }
    assert!(
        seen.iter().all(|s| *s),
        "a WebhookError variant has no value"
    );
    let mut seen = [false; 10];
    for e in &json {
        let i = match e {
            JsonError::TooLarge { .. } => 0,
            JsonError::InvalidUtf8 { .. } => 1,
            JsonError::Syntax { .. } => 2,
            JsonError::ControlCharacter { .. } => 3,
            JsonError::InvalidEscape { .. } => 4,
            JsonError::LoneSurrogate { .. } => 5,
            JsonError::NanOrInfinity { .. } => 6,
            JsonError::NumberOutOfRange { .. } => 7,
            JsonError::NumberTooLong { .. } => 8,
            JsonError::TooDeep { .. } => 9,
        };
        seen[i] = true;
    }
    assert!(seen.iter().all(|s| *s), "a JsonError variant has no value");
    webhook
        .iter()
        .map(WebhookError::code)
        .chain(json.iter().map(JsonError::code))
        .collect()
}

/// Union members, for a region inside a union (its end marker is indented by two spaces).
fn ts_members(codes: &[&str]) -> String {
    let mut out: String = codes.iter().map(|c| format!("  | '{c}'\n")).collect();
    out.push_str("  ");
    out
}

/// The generated regions of `js/index.d.ts`: `(name, body)`.
pub(crate) fn ts_regions() -> Vec<(&'static str, String)> {
    let methods: Vec<&str> = Method::ALL.iter().map(|m| m.as_str()).collect();
    let sources: Vec<&str> = TimeSource::ALL.iter().map(|s| s.as_str()).collect();
    #[allow(unused_mut)]
    let mut regions = vec![
        (
            "WebhookMethod",
            ts_union("WebhookMethod", "Which signature matched.", &methods),
        ),
        (
            "WebhookTimeSource",
            format!(
                "/**\n * Which signed field bound a delivery's time: the body's `timestamp` (an integer or a\n * whole-valued float), its `created_at` (when `timestamp` is absent or null), or `X-Timestamp`\n * itself (signed only by Simple, whose message carries it; otherwise only with\n * `allowUnsignedTimestamp`).\n */\nexport type WebhookTimeSource = {};\n",
                sources
                    .iter()
                    .map(|s| format!("'{s}'"))
                    .collect::<Vec<_>>()
                    .join(" | ")
            ),
        ),
    ];
    regions.push(("core error codes", ts_members(&core_error_codes())));
    #[cfg(feature = "share-token")]
    {
        use crate::token::MintError;
        let mint = [MintError::EmptyKey, MintError::NotObject];
        for m in &mint {
            // Exhaustive inside the crate: a new variant fails to compile until it is listed.
            match m {
                MintError::EmptyKey | MintError::NotObject | MintError::Json(_) => {}
            }
        }
        let codes: Vec<&str> = mint.iter().map(MintError::code).collect();
        regions.push(("mint error codes", ts_members(&codes)));
        let codes: Vec<&str> = crate::token::FindingCode::ALL
            .iter()
            .map(|c| c.code())
            .collect();
        regions.push((
            "ShareTokenFindingCode",
            ts_union(
                "ShareTokenFindingCode",
                "Finding codes of `inspectShareToken`. A thrown error carries `ERR_` + the code.",
                &codes,
            ),
        ));
    }
    regions
}

/// Replaces `path` with `text` in one step (a rename), so that a test reading it in parallel
/// never sees it half written.
#[cfg(test)]
fn write_whole(path: &str, text: &str) {
    let tmp = format!("{path}.{}.tmp", std::process::id());
    std::fs::write(&tmp, text).unwrap();
    std::fs::rename(&tmp, path).unwrap();
}

/// Compares `path` with `body`; rewrites it under `DIDIT_KIT_UPDATE`, else panics (a stale file).
#[cfg(test)]
pub(crate) fn check_file(path: &str, body: &str) {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    if text != body {
        if std::env::var_os("DIDIT_KIT_UPDATE").is_some() {
            write_whole(path, body);
        } else {
            panic!("{path} is out of date: run DIDIT_KIT_UPDATE=1 cargo test --lib gen");
        }
    }
}

/// Compares the text between `begin` and `end` in `path` with `body`; rewrites it under
/// `DIDIT_KIT_UPDATE`, else panics.
#[cfg(test)]
pub(crate) fn check_region(path: &str, begin: &str, end: &str, body: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    let start = text
        .find(begin)
        .unwrap_or_else(|| panic!("{path}: no line {begin:?}"))
        + begin.len();
    let stop = start
        + text[start..]
            .find(end)
            .unwrap_or_else(|| panic!("{path}: no line {end:?}"));
    if &text[start..stop] != body {
        if std::env::var_os("DIDIT_KIT_UPDATE").is_some() {
            let new = format!("{}{}{}", &text[..start], body, &text[stop..]);
            write_whole(path, &new);
        } else {
            panic!("{path} is out of date: run DIDIT_KIT_UPDATE=1 cargo test --lib gen");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DIR: &str = env!("CARGO_MANIFEST_DIR");

    #[test]
    fn generated_js_rules_are_current() {
        check_file(&format!("{DIR}/js/rules.gen.mjs"), &js_rules());
    }

    #[cfg(feature = "share-token")]
    #[test]
    fn generated_js_share_token_rules_are_current() {
        check_file(&format!("{DIR}/js/share-token.gen.mjs"), &js_share_token());
    }

    #[test]
    fn generated_typescript_unions_are_current() {
        for (name, body) in ts_regions() {
            check_region(
                &format!("{DIR}/js/index.d.ts"),
                &format!("// ---- BEGIN GENERATED {name} (cargo test; DIDIT_KIT_UPDATE=1 rewrites) ----\n"),
                &format!("// ---- END GENERATED {name} ----\n"),
                &body,
            );
        }
    }

    /// The hand-written docs of `js/index.d.ts` quote the core's defaults; each phrase must still
    /// match the constant it quotes.
    #[test]
    fn typescript_docs_quote_the_current_defaults() {
        let text = std::fs::read_to_string(format!("{DIR}/js/index.d.ts")).unwrap();
        let mib = |bytes: usize| bytes / (1024 * 1024);
        #[allow(unused_mut)]
        let mut phrases = vec![
            format!(
                "both directions. Default {}.",
                webhook::DEFAULT_TOLERANCE_SECONDS
            ),
            format!(
                "Maximum JSON nesting. Default {} (what CPython",
                canonical::DEFAULT_MAX_DEPTH
            ),
            format!(
                "Maximum JSON nesting. Default {}.",
                canonical::DEFAULT_MAX_DEPTH
            ),
            format!(
                "Default {} MiB: Didit's deliveries",
                mib(webhook::DEFAULT_MAX_BODY_BYTES)
            ),
            format!(
                "Default {} MiB (a development tool, not a request path); at most {} MiB.",
                mib(canonical::DEFAULT_MAX_BYTES),
                mib(canonical::WASM_MAX_BYTES)
            ),
            format!(
                "Maximum body size in bytes. Default {} MiB.",
                mib(canonical::DEFAULT_MAX_BYTES)
            ),
        ];
        #[cfg(feature = "share-token")]
        {
            use crate::token;
            phrases.push(format!(
                "({}…{}, default {})",
                token::TTL_MIN_SECONDS,
                token::TTL_MAX_SECONDS,
                token::TTL_DEFAULT_SECONDS
            ));
            phrases.push(format!(
                "{}…{}; default {}. Always sent",
                token::TTL_MIN_SECONDS,
                token::TTL_MAX_SECONDS,
                token::TTL_DEFAULT_SECONDS
            ));
            phrases.push(format!(
                "Longer tokens are not decoded. Default {}.",
                token::DEFAULT_MAX_TOKEN_BYTES
            ));
            phrases.push(format!(
                "An `iat` up to {} s ahead",
                token::IAT_LEAD_ALLOWANCE_SECONDS
            ));
        }
        for p in phrases {
            assert!(
                text.contains(&p),
                "js/index.d.ts no longer says {p:?}: update its docs to the constant"
            );
        }
    }

    #[test]
    fn wire_indices_are_declaration_order() {
        for (i, m) in Method::ALL.iter().enumerate() {
            assert_eq!(*m as usize, i, "{m:?}");
        }
        for (i, s) in TimeSource::ALL.iter().enumerate() {
            assert_eq!(*s as usize, i, "{s:?}");
        }
        // Exhaustive inside the crate: a new variant fails to compile here until it is in ALL.
        let listed = |m: Method| match m {
            Method::V2 | Method::V2Ascii | Method::V1 | Method::Simple => Method::ALL.contains(&m),
        };
        assert!(Method::ALL.into_iter().all(listed));
        let listed = |s: TimeSource| match s {
            TimeSource::Timestamp | TimeSource::CreatedAt | TimeSource::Header => {
                TimeSource::ALL.contains(&s)
            }
        };
        assert!(TimeSource::ALL.into_iter().all(listed));
    }

    #[cfg(feature = "share-token")]
    #[test]
    fn every_finding_code_is_listed_once() {
        use crate::token::FindingCode;
        // Exhaustive inside the crate: a new variant fails to compile here until it is listed
        // (here and in FindingCode::ALL, which the assertion checks).
        let listed = |c: FindingCode| match c {
            FindingCode::TooLarge
            | FindingCode::Whitespace
            | FindingCode::Wrapped
            | FindingCode::Truncated
            | FindingCode::Segments
            | FindingCode::Base64
            | FindingCode::Utf8
            | FindingCode::Json
            | FindingCode::NotObject
            | FindingCode::SignatureLength
            | FindingCode::SignaturePadding
            | FindingCode::AudiencePresent
            | FindingCode::AlgMissing
            | FindingCode::AlgNone
            | FindingCode::AlgUnexpected
            | FindingCode::TypUnexpected
            | FindingCode::DuplicateKey
            | FindingCode::ClaimMissing
            | FindingCode::ClaimType
            | FindingCode::ClaimNotUuid
            | FindingCode::ClaimNotInteger
            | FindingCode::ClaimTimeString
            | FindingCode::UnknownClaims
            | FindingCode::SessionKindDefaulted
            | FindingCode::SessionKindUnknown
            | FindingCode::Expired
            | FindingCode::ExpiresSoon
            | FindingCode::IssuedInFuture
            | FindingCode::NotYetValid
            | FindingCode::TtlOutOfRange
            | FindingCode::WrongApplication => FindingCode::ALL.contains(&c),
        };
        for c in [
            FindingCode::TooLarge,
            FindingCode::Whitespace,
            FindingCode::Wrapped,
            FindingCode::Truncated,
            FindingCode::Segments,
            FindingCode::Base64,
            FindingCode::Utf8,
            FindingCode::Json,
            FindingCode::NotObject,
            FindingCode::SignatureLength,
            FindingCode::SignaturePadding,
            FindingCode::AudiencePresent,
            FindingCode::AlgMissing,
            FindingCode::AlgNone,
            FindingCode::AlgUnexpected,
            FindingCode::TypUnexpected,
            FindingCode::DuplicateKey,
            FindingCode::ClaimMissing,
            FindingCode::ClaimType,
            FindingCode::ClaimNotUuid,
            FindingCode::ClaimNotInteger,
            FindingCode::ClaimTimeString,
            FindingCode::UnknownClaims,
            FindingCode::SessionKindDefaulted,
            FindingCode::SessionKindUnknown,
            FindingCode::Expired,
            FindingCode::ExpiresSoon,
            FindingCode::IssuedInFuture,
            FindingCode::NotYetValid,
            FindingCode::TtlOutOfRange,
            FindingCode::WrongApplication,
        ] {
            assert!(listed(c), "{c:?} is missing from FindingCode::ALL");
        }
        let mut codes: Vec<&str> = FindingCode::ALL.iter().map(|c| c.code()).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), FindingCode::ALL.len());
    }
}
