//! Share tokens: looking inside the HS256 JWT that `POST /v3/session/{id}/share/` mints.
//!
//! **Inspection is advisory.** The token is signed with a key only Didit holds, so nobody else
//! can tell a genuine token from a forged one; Didit verifies it when the partner imports it.
//! What a partner *can* check without the key is whether a token is well formed, whether it has
//! expired (or will before the import lands), whether it is meant for their application, and
//! which kind of session (`user` = KYC, `business` = KYB) it carries. [`inspect_share_token`]
//! does all of that and never fails: it returns what it could read plus a list of [`Finding`]s,
//! each with a stable code, a severity and what Didit's import endpoint would answer.
//!
//! [`encode_hs256`] and [`verify_hs256`] mint and check tokens with a key *you* choose, for tests
//! and local emulators. They cannot verify a real Didit token.
#![forbid(unsafe_code)]

#[allow(unused_imports)]
use crate::prelude::*;

mod claims;
mod finding;
mod header;
mod hs256;
mod judge;
mod paste;
mod report;
mod segment;

pub use claims::{is_uuid, SessionKind, ShareClaims, UUID_GROUPS};
pub use finding::{import_answer, Finding, FindingCode, Severity, WRAPPED_ANSWER};
pub use hs256::{encode_hs256, verify_hs256, MintError};
#[cfg(test)] // for src/gen.rs
pub(crate) use {
    claims::NAMES as CLAIM_NAMES,
    header::DIDIT_JSON as DIDIT_HEADER_JSON,
    report::{FROM_CLAIMS, FROM_PARTS, PART_STRING},
};

use alloc::borrow::Cow;

use crate::json::{self, Value};

/// Shortest TTL Didit's share endpoint accepts (`ttl_in_seconds`).
pub const TTL_MIN_SECONDS: i64 = 60;
/// Longest TTL Didit's share endpoint accepts.
pub const TTL_MAX_SECONDS: i64 = 86_400;
/// TTL when `ttl_in_seconds` is not sent.
pub const TTL_DEFAULT_SECONDS: i64 = 3_600;
/// Default limit on a token's length. A Didit share token is about 360 bytes; 8 KiB is also the
/// header size most HTTP servers accept.
pub const DEFAULT_MAX_TOKEN_BYTES: usize = 8 * 1024;

/// How far a token's `iat` may be ahead of the caller's clock before inspection warns, on top of
/// [`InspectOptions::clock_tolerance_seconds`]. Didit stamps `iat` with its own clock and judges it
/// with the same clock, so a small lead only measures clock skew between Didit and the caller and
/// never makes the import fail; 60 s is the skew allowance common JWT validators use by default
/// (Nimbus JOSE+JWT and Spring Security `clockSkew` 60 s, go-jose `DefaultLeeway` 1 min). jose's
/// `clockTolerance` and PyJWT's `leeway` default to 0 because they judge `exp` as well, where a
/// tolerance would accept tokens Didit refuses; here it applies to `iat` only. A larger lead is a
/// warning that this machine's clock looks wrong, not an error.
pub const IAT_LEAD_ALLOWANCE_SECONDS: i64 = 60;

/// The claims Didit puts in a share token, in the order it writes them.
pub const KNOWN_CLAIMS: [&str; 6] = [
    "session_id",
    "session_kind",
    "from_application_id",
    "for_application_id",
    "iat",
    "exp",
];

/// Options for [`inspect_share_token`]. `now` is required: the core never reads the clock.
#[derive(Debug, Clone, Copy)]
pub struct InspectOptions<'a> {
    /// The current time, Unix seconds.
    pub now: i64,
    /// Your application's UUID, to check `for_application_id` against.
    pub application_id: Option<&'a str>,
    /// Leeway for clock skew when judging `exp`, `iat` and `nbf`.
    pub clock_tolerance_seconds: u64,
    /// Flag a token with fewer seconds left than this (the time your import call needs to land).
    pub min_remaining_seconds: u64,
    /// Tokens longer than this are not decoded.
    pub max_token_bytes: usize,
}

impl InspectOptions<'_> {
    /// Defaults at the given time: no application check, no tolerance, 8 KiB limit.
    pub fn at(now: i64) -> Self {
        InspectOptions {
            now,
            application_id: None,
            clock_tolerance_seconds: 0,
            min_remaining_seconds: 0,
            max_token_bytes: DEFAULT_MAX_TOKEN_BYTES,
        }
    }
}

/// Everything an inspection could read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Inspection {
    /// The decoded header as text, when it is JSON ([`Inspection::header`] parses it).
    pub header_json: Option<String>,
    /// The decoded payload (the claims as sent) as text, when it is JSON.
    pub payload_json: Option<String>,
    /// The header's `alg`, when it is a string.
    pub alg: Option<String>,
    /// The header's `typ`, when it is a string.
    pub typ: Option<String>,
    /// The typed claims.
    pub claims: ShareClaims,
    /// Length of the decoded signature, when it decodes.
    pub signature_bytes: Option<usize>,
    /// `exp - iat`.
    pub ttl_seconds: Option<i64>,
    /// `exp - now` (negative once expired).
    pub remaining_seconds: Option<i64>,
    /// The time the inspection judged against.
    pub now: i64,
    /// What was found, in the order the checks ran.
    pub findings: Vec<Finding>,
    /// The token found inside a pasted wrapping (`Bearer …`, quotes, a URL…), when the input was
    /// wrapped (see [`FindingCode::Wrapped`]): what to send instead. `None` for a bare token.
    pub unwrapped: Option<String>,
}

impl Inspection {
    /// The decoded header as a JSON value.
    pub fn header(&self) -> Option<Value> {
        self.header_json
            .as_deref()
            .and_then(|t| json::parse(t.as_bytes(), json::DEFAULT_VALUE_MAX_DEPTH).ok())
    }

    /// The decoded payload (the claims as sent) as a JSON value; numbers keep every digit.
    pub fn payload(&self) -> Option<Value> {
        self.payload_json
            .as_deref()
            .and_then(|t| json::parse(t.as_bytes(), json::DEFAULT_VALUE_MAX_DEPTH).ok())
    }

    /// The first finding of severity error: what Didit's import would refuse the token for.
    pub fn first_error(&self) -> Option<&Finding> {
        self.findings
            .iter()
            .find(|f| f.code.severity() == Severity::Error)
    }

    /// Whether no finding is an error.
    pub fn is_usable(&self) -> bool {
        self.first_error().is_none()
    }
}

/// Inspects a share token. Never fails: problems are [`Finding`]s, in the order the steps ran:
/// size → paste (wrapping) → segments → header → payload → signature → claims → times → audience.
pub fn inspect_share_token(token: &str, options: &InspectOptions<'_>) -> Inspection {
    let mut buffers = Buffers::default();
    let mut findings = Vec::new();
    let r = inspect_into(token, options, &mut buffers, &mut findings);
    let own = |s: Option<&str>| s.map(str::to_owned);
    Inspection {
        header_json: own(r.header_json),
        payload_json: own(r.payload_json),
        alg: own(r.alg.as_deref()),
        typ: own(r.typ.as_deref()),
        claims: r.claims.to_owned(),
        signature_bytes: r.signature_bytes,
        ttl_seconds: r.ttl_seconds,
        remaining_seconds: r.remaining_seconds,
        now: r.now,
        findings,
        unwrapped: own(r.unwrapped),
    }
}

/// What [`inspect_into`]'s report borrows: the token as unwrapped from a paste (when a layer had
/// to be rebuilt) and the decoded header and payload, one buffer for both.
#[derive(Default)]
pub(crate) struct Buffers {
    unwrapped: String,
    decoded: Vec<u8>,
}

/// [`Inspection`] borrowed from the token and the [`Buffers`]: what the wasm boundary writes its
/// compact report from (`to_compact`), with no owned copy of any string.
#[derive(Debug, Default)]
pub(crate) struct Report<'t> {
    pub header_json: Option<&'t str>,
    pub payload_json: Option<&'t str>,
    pub alg: Option<Cow<'t, str>>,
    pub typ: Option<Cow<'t, str>>,
    pub claims: claims::ClaimsRef<'t>,
    pub signature_bytes: Option<usize>,
    pub ttl_seconds: Option<i64>,
    pub remaining_seconds: Option<i64>,
    pub now: i64,
    pub unwrapped: Option<&'t str>,
    /// The claims' values by [`claims::NAMES`], when they are the payload's only members, each
    /// once (its scan filed them all): what the compact report can hand over in place of the
    /// claims' text (`Report::to_compact`).
    pub filed_claims: Option<[Option<json::MemberValue<'t>>; 8]>,
}

/// The inspection itself ([`inspect_share_token`] makes it owned): the findings into `findings`,
/// the rest borrowed from `token` and `buffers`.
pub(crate) fn inspect_into<'t>(
    token: &'t str,
    options: &InspectOptions<'_>,
    buffers: &'t mut Buffers,
    findings: &mut Vec<Finding>,
) -> Report<'t> {
    let mut out = Report {
        now: options.now,
        ..Report::default()
    };
    if !segment::within_limit(token, options.max_token_bytes, findings) {
        return out;
    }
    // `decoded` is reused from call to call by the wasm boundary (`CompactReport`); `split_clean`
    // empties it, so the ranges below start at 0.
    let Buffers { unwrapped, decoded } = buffers;
    // The common case first, in one step: a bare token of three segments that decode as they
    // are. It gives what the steps below give it (`split_clean` says why), without a pass over
    // every byte for the paste step.
    let header_at;
    let mut payload_findings = Vec::new();
    let (segments, header_bytes, payload_bytes) =
        if let Some((segments, header, payload)) = segment::split_clean(token, decoded) {
            header_at = findings.len();
            (segments, Some((header, true)), Some((payload, true)))
        } else {
            let mut survey = segment::survey(token);
            let inner: &'t str = match paste::unwrap(token, survey.bare, findings) {
                Cow::Borrowed(b) => b,
                Cow::Owned(o) => {
                    *unwrapped = o;
                    unwrapped
                }
            };
            if findings.iter().any(|f| f.code == FindingCode::Wrapped) {
                out.unwrapped = Some(inner);
            }
            if !survey.bare {
                survey = segment::survey(inner);
            }
            let Some(segments) = segment::split_segments(inner, &survey, findings) else {
                return out;
            };
            // Both segments decoded into one buffer before either is read (the payload's findings
            // are kept apart until the header has been judged, so the order of the findings is
            // unchanged).
            header_at = findings.len();
            decoded.reserve(segments.header.len() / 4 * 3 + segments.payload.len() / 4 * 3 + 6);
            let header = segment::decode_segment_into(segments.header, "header", findings, decoded);
            let payload = segment::decode_segment_into(
                segments.payload,
                "payload",
                &mut payload_findings,
                decoded,
            );
            (segments, header, payload)
        };
    let decoded: &'t [u8] = decoded;
    let text = |part: Option<(core::ops::Range<usize>, bool)>,
                at: &'static str,
                findings: &mut Vec<Finding>| {
        let (range, strict) = part?;
        segment::as_text(decoded.get(range).unwrap_or(&[]), strict, at, findings)
    };

    let header_text = text(header_bytes, "header", findings);
    let mut header_named: [Option<json::MemberValue<'t>>; 2] = Default::default();
    let (header_ok, header) = if header_text == Some(header::DIDIT_JSON) {
        // The header Didit writes, as its scan would read it (`header::tests`).
        header_named = header::didit_named();
        (true, Some(segment::Object::default()))
    } else {
        segment::read_json(
            header_text,
            "header",
            &header::NAMES,
            &header::NAMES,
            &mut header_named,
            findings,
        )
    };
    if header.is_some() {
        let h = header::inspect_header(&header_named, findings);
        (out.alg, out.typ) = (h.alg, h.typ);
    }

    let payload_text = text(payload_bytes, "payload", &mut payload_findings);
    let mut claim_values: [Option<json::MemberValue<'t>>; 8] = Default::default();
    let (mut payload_ok, mut payload) = segment::read_json(
        payload_text,
        "payload",
        &claims::NAMES,
        &KNOWN_CLAIMS,
        &mut claim_values,
        &mut payload_findings,
    );
    if segments.two {
        let readable = segment::cut_short(
            header.is_some(),
            header_at,
            payload_findings,
            payload.is_some(),
            findings,
        );
        if !readable {
            (payload_ok, payload) = (false, None);
        }
    } else {
        findings.extend(payload_findings);
    }

    if let Some(sig) = segments.signature {
        out.signature_bytes = segment::inspect_signature(sig, out.alg.as_deref(), findings);
    }

    if let Some(members) = &payload {
        out.claims = claims::read_claims(members, &claim_values, findings);
        let times = judge::judge_times(&out.claims, options, findings);
        (out.remaining_seconds, out.ttl_seconds) = (times.remaining, times.ttl);
        judge::judge_audience(&out.claims, options.application_id, findings);
    }
    out.header_json = header_text.filter(|_| header_ok);
    out.payload_json = payload_text.filter(|_| payload_ok);
    if out.payload_json.is_some() && payload.is_some_and(|p| p.members.is_none()) {
        out.filed_claims = Some(claim_values);
    }
    out
}

/// The largest input (application id and token, UTF-8) and report buffer the wasm boundary keeps
/// from one inspection to the next, bytes: a larger one is dropped after use, so one huge token
/// does not hold its memory. The JS layer encodes a token that may need more exactly before
/// writing it (`LARGE_TOKEN_BYTES` in `js/share-token.gen.mjs`) instead of reserving three bytes
/// per character.
#[cfg(any(test, target_arch = "wasm32"))] // the boundary, and src/gen.rs
pub(crate) const KEEP_BYTES: usize = 64 * 1024;

/// The inspection in the compact form the wasm boundary hands to JavaScript (`Report::to_compact`
/// in `src/token/report.rs`), and the buffers an inspection decodes into: kept by the boundary
/// from call to call, so that an inspection allocates nothing once they have grown. Not a stable
/// API: public only so that `examples/profile.rs` measures the path the npm package takes.
#[doc(hidden)]
#[derive(Default)]
pub struct CompactReport {
    /// `16 + 5 * findings` numbers, then, when the claims come as parts, their count and three
    /// numbers per part (see `Report::to_compact`).
    pub numbers: Vec<f64>,
    /// The report's strings, one after the other.
    pub text: String,
    buffers: Buffers,
}

impl CompactReport {
    /// Drops whatever grew beyond `bytes` of capacity (an unusually long token or report), so that
    /// one large input does not keep its memory for the life of the module.
    pub fn shrink_beyond(&mut self, bytes: usize) {
        let large = self.text.capacity() > bytes
            || self.numbers.capacity() > bytes / 8
            || self.buffers.decoded.capacity() > bytes
            || self.buffers.unwrapped.capacity() > bytes;
        if large {
            *self = CompactReport::default();
        }
    }
}

/// Inspects `token` into `out` (see [`CompactReport`]).
#[doc(hidden)]
pub fn inspect_share_token_compact(
    token: &str,
    options: &InspectOptions<'_>,
    out: &mut CompactReport,
) {
    let mut findings = Vec::new();
    let CompactReport {
        numbers,
        text,
        buffers,
    } = out;
    inspect_into(token, options, buffers, &mut findings).to_compact(&findings, numbers, text);
}

/// Which part of a token [`share_token_part`] returns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// The JOSE header.
    Header,
    /// The payload (the claims).
    Payload,
}

/// The decoded header or payload of a token as JSON text, exactly as [`inspect_share_token`]
/// reads it ([`Inspection::header_json`] / [`Inspection::payload_json`]), or `None` when it is
/// absent, not UTF-8 or not JSON, or the token is longer than `max_token_bytes`.
pub fn share_token_part(token: &str, part: Part, max_token_bytes: usize) -> Option<String> {
    let mut options = InspectOptions::at(0);
    options.max_token_bytes = max_token_bytes;
    let i = inspect_share_token(token, &options);
    match part {
        Part::Header => i.header_json,
        Part::Payload => i.payload_json,
    }
}

/// Why a token is not usable, from [`assert_share_token_usable`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenError {
    /// The first error-severity finding.
    pub finding: Finding,
}

impl TokenError {
    /// `ERR_` + the finding's code.
    pub fn code(&self) -> String {
        msg!("ERR_", self.finding.code.code())
    }
}

/// How [`TokenError`]'s message starts, before the finding's message (the JS layer's strict
/// functions say the same: `js/share-token.gen.mjs`, generated from this).
pub(crate) const NOT_USABLE: &str = "share token not usable: ";
/// Followed by the status, in parentheses after the finding's message where one is predicted.
pub(crate) const WOULD_ANSWER: &str = "Didit's import would answer";

impl crate::msg::Piece for TokenError {
    fn push_to(&self, out: &mut String) {
        out.push_str(NOT_USABLE);
        out.push_str(&self.finding.message);
        if let Some(status) = self.finding.code.import_status() {
            msg_to!(out, " (", WOULD_ANSWER, " ", status, ")");
        }
    }
}

display_via_piece!(TokenError);

#[cfg(any(feature = "std", not(target_arch = "wasm32")))]
impl std::error::Error for TokenError {}

/// The strict twin of [`inspect_share_token`] for servers: the typed claims, or the first
/// problem. `options.application_id` should be set (the check is skipped without it).
///
/// # Errors
/// A [`TokenError`] holding the inspection's first error-severity [`Finding`] (see
/// [`FindingCode::severity`]): a token that is malformed, expired, not yet valid, expiring
/// within `options.min_remaining_seconds`, meant for another application, or otherwise one
/// Didit's import would refuse. Warnings and information never fail the call.
pub fn assert_share_token_usable(
    token: &str,
    options: &InspectOptions<'_>,
) -> Result<ShareClaims, TokenError> {
    let inspection = inspect_share_token(token, options);
    match inspection.first_error() {
        Some(f) => Err(TokenError { finding: f.clone() }),
        None => Ok(inspection.claims),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC_TOKEN: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzZXNzaW9uX2lkIjoiMjBiYjNjM2ItNjE0Ni00MzlmLTg0YTQtYmQzMGQwMGFjNmEyIiwiZnJvbV9hcHBsaWNhdGlvbl9pZCI6ImRiZDIwZTM0LTQyZTktNGYyYy1iYTkxLWNmMDc2MjAxNmY2NCIsImZvcl9hcHBsaWNhdGlvbl9pZCI6ImE1ZjNiY2EyLTQ2ZTItNDExZS05MGVmLWE1ODA5MDBhNTdlZSIsImlhdCI6MTc1MzYzMDY2NiwiZXhwIjoxNzUzNjM0MjY2fQ.JJ9pNE_hqZsOtbR0XYZIWw4JzidjdEl279iUrsIkhGE";

    fn codes(i: &Inspection) -> Vec<&'static str> {
        i.findings.iter().map(|f| f.code.code()).collect()
    }

    #[test]
    fn documented_token() {
        let mut o = InspectOptions::at(1_753_630_700);
        o.application_id = Some("A5F3BCA2-46E2-411E-90EF-A580900A57EE");
        let i = inspect_share_token(DOC_TOKEN, &o);
        assert_eq!(codes(&i), vec!["SHARE_TOKEN_SESSION_KIND_DEFAULTED"]);
        assert!(i.is_usable());
        assert_eq!(i.claims.session_kind, Some(SessionKind::User));
        assert_eq!(i.ttl_seconds, Some(3600));
        assert_eq!(i.remaining_seconds, Some(3566));
        assert_eq!(i.signature_bytes, Some(32));
        let later = inspect_share_token(DOC_TOKEN, &InspectOptions::at(1_753_634_266));
        assert_eq!(
            later.first_error().map(|f| f.code),
            Some(FindingCode::Expired)
        );
    }

    #[test]
    fn mint_and_verify_round_trip() {
        let t = encode_hs256(br#"{"session_id":"x","n":"\u00e9\u00e9"}"#, b"k").unwrap();
        assert!(verify_hs256(&t, b"k"));
        assert!(!verify_hs256(&t, b"K"));
        assert!(!verify_hs256(DOC_TOKEN, b"k"));
        assert_eq!(encode_hs256(b"[1]", b"k"), Err(MintError::NotObject));
    }
}
