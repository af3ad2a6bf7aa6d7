//! Reading the claims: typed values out of the payload's top-level members, with a finding for
//! each one that is missing, mistyped or undocumented.
#![forbid(unsafe_code)]

#[allow(unused_imports)]
use crate::prelude::*;

use alloc::borrow::Cow;

use super::finding::{quoted_list, truncate, Finding, FindingCode};
use super::segment::Object;
use super::{segment, KNOWN_CLAIMS};
use crate::json::MemberValue;

/// The payload members inspection reads: Didit's claims ([`KNOWN_CLAIMS`], in the same order, so
/// that a payload of those alone is filed during its scan), then `nbf` and `aud`.
pub(crate) const NAMES: [&str; 8] = {
    let [a, b, c, d, e, f] = KNOWN_CLAIMS;
    [a, b, c, d, e, f, "nbf", "aud"]
};

/// The kind of session a token carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum SessionKind {
    /// A KYC (user verification) session.
    User,
    /// A KYB (business verification) session.
    Business,
}

impl SessionKind {
    /// `"user"` or `"business"`.
    pub fn as_str(self) -> &'static str {
        match self {
            SessionKind::User => "user",
            SessionKind::Business => "business",
        }
    }
}

/// The claims, typed. `None` where a claim is absent or has the wrong type (a finding says which).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ShareClaims {
    /// UUID of the source session, in the sharing application.
    pub session_id: Option<String>,
    /// The effective kind: the claim, or `User` when it is absent (as Didit's import does);
    /// `None` when the claim holds an unknown value.
    pub session_kind: Option<SessionKind>,
    /// Whether `session_kind` was absent and defaulted to `User`.
    pub session_kind_defaulted: bool,
    /// The claim's string as written, when it is a string.
    pub session_kind_raw: Option<String>,
    /// UUID of the sharing application.
    pub from_application_id: Option<String>,
    /// UUID of the application that may import it.
    pub for_application_id: Option<String>,
    /// Issued at, Unix seconds.
    pub iat: Option<i64>,
    /// Expires at, Unix seconds.
    pub exp: Option<i64>,
    /// Not before, Unix seconds (Didit does not set it).
    pub nbf: Option<i64>,
}

/// [`ShareClaims`] as the inspection reads them: the strings borrowed from the decoded payload
/// (owned only where an escape was decoded), so that the report the wasm boundary writes needs no
/// copy of them. [`ClaimsRef::to_owned`] makes the public form.
#[derive(Debug, Clone, Default)]
pub(crate) struct ClaimsRef<'t> {
    pub session_id: Option<Cow<'t, str>>,
    pub session_kind: Option<SessionKind>,
    pub session_kind_defaulted: bool,
    pub session_kind_raw: Option<Cow<'t, str>>,
    pub from_application_id: Option<Cow<'t, str>>,
    pub for_application_id: Option<Cow<'t, str>>,
    pub iat: Option<i64>,
    pub exp: Option<i64>,
    pub nbf: Option<i64>,
}

impl ClaimsRef<'_> {
    pub(super) fn to_owned(&self) -> ShareClaims {
        let own = |s: &Option<Cow<'_, str>>| s.as_deref().map(str::to_owned);
        ShareClaims {
            session_id: own(&self.session_id),
            session_kind: self.session_kind,
            session_kind_defaulted: self.session_kind_defaulted,
            session_kind_raw: own(&self.session_kind_raw),
            from_application_id: own(&self.from_application_id),
            for_application_id: own(&self.for_application_id),
            iat: self.iat,
            exp: self.exp,
            nbf: self.nbf,
        }
    }
}

/// The hex digits in each `-`-separated group of a UUID as Didit writes ids (8-4-4-4-12). The JS
/// layer's argument check is generated from it (`UUID_PATTERN` in `js/share-token.gen.mjs`).
pub const UUID_GROUPS: [usize; 5] = [8, 4, 4, 4, 12];

/// The length of a UUID in the form of [`UUID_GROUPS`]: the digits and a `-` between groups.
#[allow(clippy::indexing_slicing)] // evaluated at compile time: a bad index fails the build
const UUID_LEN: usize = {
    let (mut len, mut i) = (UUID_GROUPS.len() - 1, 0);
    while i < UUID_GROUPS.len() {
        len += UUID_GROUPS[i];
        i += 1;
    }
    len
};

/// What each place of a UUID holds ([`UUID_GROUPS`]): a hex digit or `-`, as classes of
/// `segment::is`.
#[allow(clippy::indexing_slicing)] // evaluated at compile time: a bad index fails the build
const UUID_FORM: [u8; UUID_LEN] = {
    let mut form = [segment::HEX; UUID_LEN];
    let (mut at, mut i) = (0, 0);
    while i + 1 < UUID_GROUPS.len() {
        at += UUID_GROUPS[i];
        form[at] = segment::DASH;
        at += 1;
        i += 1;
    }
    form
};

/// Whether `s` is a UUID in the 8-4-4-4-12 hex form ([`UUID_GROUPS`], either case), as Didit
/// writes ids.
pub fn is_uuid(s: &str) -> bool {
    // One table load and one compare a byte (three ids per inspection: the range checks of
    // `is_ascii_hexdigit` and a bit test per place cost twice as much).
    s.len() == UUID_LEN
        && s.bytes()
            .zip(UUID_FORM)
            .all(|(c, form)| segment::is(c, form))
}

const CLAIM_AT: [(&str, &str); 7] = [
    ("session_id", "payload.session_id"),
    ("session_kind", "payload.session_kind"),
    ("from_application_id", "payload.from_application_id"),
    ("for_application_id", "payload.for_application_id"),
    ("iat", "payload.iat"),
    ("exp", "payload.exp"),
    ("nbf", "payload.nbf"),
];

pub(super) fn claim_at(name: &str) -> &'static str {
    CLAIM_AT
        .iter()
        .find(|(n, _)| *n == name)
        .map_or("payload", |(_, at)| at)
}

/// Largest time claim accepted (year 9999); beyond it a claim is treated as mistyped.
const MAX_TIME: f64 = 253_402_300_799.0;

fn time_claim(
    value: Option<&MemberValue<'_>>,
    name: &'static str,
    findings: &mut Vec<Finding>,
) -> Option<i64> {
    // Looked up only for a finding (a search by name on every claim cost more than its checks).
    let at = || claim_at(name);
    match value? {
        MemberValue::Number { raw, .. } => {
            let v = crate::float::parse(raw.as_bytes());
            if !v.is_finite() || v.abs() > MAX_TIME {
                findings.push(Finding::new(
                    FindingCode::ClaimType,
                    at(),
                    msg!(
                        "`",
                        name,
                        "` is ",
                        truncate(raw),
                        ", not a Unix time in seconds"
                    ),
                ));
                return None;
            }
            if v.fract() != 0.0 {
                findings.push(Finding::new(
                    FindingCode::ClaimNotInteger,
                    at(),
                    msg!(
                        "`",
                        name,
                        "` has a fraction (",
                        truncate(raw),
                        "); Didit writes whole seconds"
                    ),
                ));
            }
            // Truncation toward zero, as Python's int() (and so PyJWT) reads it.
            Some(v.trunc() as i64)
        }
        // PyJWT reads a time with int(), which also takes a string of digits.
        MemberValue::String(text) => {
            match python_int(text).filter(|v| v.unsigned_abs() <= MAX_TIME as u64) {
                Some(v) => {
                    findings.push(Finding::new(
                        FindingCode::ClaimTimeString,
                        at(),
                        msg!(
                            "`",
                            name,
                            "` is the string \"",
                            truncate(text),
                            "\"; PyJWT reads it as the integer ",
                            v,
                            ", but Didit writes a number"
                        ),
                    ));
                    Some(v)
                }
                None => {
                    findings.push(Finding::new(
                    FindingCode::ClaimType,
                    at(),
                    msg!("`", name, "` is a string that is not an integer, expected an integer of Unix seconds"),
                ));
                    None
                }
            }
        }
        other => {
            wrong_type(findings, name, at(), other, "an integer of Unix seconds");
            None
        }
    }
}

/// `CLAIM_TYPE`: claim `name` (at `at`) holds a JSON value of another type than `expected`.
fn wrong_type(
    findings: &mut Vec<Finding>,
    name: &str,
    at: &'static str,
    other: &MemberValue<'_>,
    expected: &str,
) {
    findings.push(Finding::new(
        FindingCode::ClaimType,
        at,
        msg!(
            "`",
            name,
            "` is a ",
            other.type_name(),
            ", expected ",
            expected
        ),
    ));
}

/// What Python's `int(text)` makes of a string (surrounding whitespace, a sign, digits with single
/// `_` between them), when it fits an `i64`.
fn python_int(text: &str) -> Option<i64> {
    let t = text.trim();
    let (negative, digits) = match t.as_bytes().first()? {
        b'-' => (true, t.get(1..)?),
        b'+' => (false, t.get(1..)?),
        _ => (false, t),
    };
    let b = digits.as_bytes();
    let well_formed = !b.is_empty()
        && b.first().is_some_and(u8::is_ascii_digit)
        && b.last().is_some_and(u8::is_ascii_digit)
        && b.iter().all(|c| c.is_ascii_digit() || *c == b'_')
        && !b.windows(2).any(|w| w == b"__");
    if !well_formed {
        return None;
    }
    // The sign and the digits without their `_`, read by the scanner's integer reader (byte loops
    // rather than `str::contains`/`replace`/`parse`: core's substring search and its panic
    // formatting cost the WebAssembly module ~5 KB).
    let plain: Vec<u8> = negative
        .then_some(b'-')
        .into_iter()
        .chain(b.iter().copied().filter(|&c| c != b'_'))
        .collect();
    crate::scan::parse_i64(&plain)
}

fn string_claim<'t>(
    value: Option<&MemberValue<'t>>,
    name: &'static str,
    uuid: bool,
    findings: &mut Vec<Finding>,
) -> Option<Cow<'t, str>> {
    let at = || claim_at(name);
    match value? {
        MemberValue::String(s) => {
            if uuid && !is_uuid(s) {
                findings.push(Finding::new(
                    FindingCode::ClaimNotUuid,
                    at(),
                    msg!("`", name, "` is not a UUID"),
                ));
            }
            Some(s.clone())
        }
        other => {
            wrong_type(findings, name, at(), other, "a string");
            None
        }
    }
}

/// The members inspection reads ([`NAMES`]), by name.
struct Seen<'m, 'a> {
    session_id: Option<&'m MemberValue<'a>>,
    session_kind: Option<&'m MemberValue<'a>>,
    from_application_id: Option<&'m MemberValue<'a>>,
    for_application_id: Option<&'m MemberValue<'a>>,
    iat: Option<&'m MemberValue<'a>>,
    exp: Option<&'m MemberValue<'a>>,
    nbf: Option<&'m MemberValue<'a>>,
    aud: Option<&'m MemberValue<'a>>,
}

impl<'m, 'a> Seen<'m, 'a> {
    fn of(named: &'m [Option<MemberValue<'a>>; 8]) -> Self {
        let [session_id, session_kind, from_application_id, for_application_id, iat, exp, nbf, aud] =
            named.each_ref().map(Option::as_ref);
        Seen {
            session_id,
            session_kind,
            from_application_id,
            for_application_id,
            iat,
            exp,
            nbf,
            aud,
        }
    }
}

/// Reads the payload's members into typed claims: the ids, the kind (absent = `user`, as Didit's
/// import reads it), the times, and which claims Didit does not document.
/// `named`: the payload's values of [`NAMES`], by position.
pub(super) fn read_claims<'t>(
    claims: &Object<'t>,
    named: &[Option<MemberValue<'t>>; 8],
    findings: &mut Vec<Finding>,
) -> ClaimsRef<'t> {
    let seen = Seen::of(named);
    let mut c = ClaimsRef::default();
    for (name, value) in [
        ("session_id", seen.session_id),
        ("from_application_id", seen.from_application_id),
        ("for_application_id", seen.for_application_id),
    ] {
        missing(value, name, findings);
    }
    c.session_id = string_claim(seen.session_id, "session_id", true, findings);
    match seen.session_kind {
        None => {
            c.session_kind = Some(SessionKind::User);
            c.session_kind_defaulted = true;
            findings.push(Finding::new(
                FindingCode::SessionKindDefaulted,
                "payload.session_kind",
                "no `session_kind`: an older token; Didit imports it as a `user` (KYC) session",
            ));
        }
        Some(MemberValue::String(kind)) => {
            c.session_kind_raw = Some(kind.clone());
            c.session_kind = match kind.as_ref() {
                "user" => Some(SessionKind::User),
                "business" => Some(SessionKind::Business),
                _ => {
                    findings.push(Finding::new(
                        FindingCode::SessionKindUnknown,
                        "payload.session_kind",
                        msg!(
                            "`session_kind` is `",
                            truncate(kind),
                            "`; Didit documents `user` and `business`"
                        ),
                    ));
                    None
                }
            };
        }
        Some(other) => wrong_type(
            findings,
            "session_kind",
            "payload.session_kind",
            other,
            "the string `user` or `business`",
        ),
    }
    c.from_application_id = string_claim(
        seen.from_application_id,
        "from_application_id",
        true,
        findings,
    );
    c.for_application_id = string_claim(
        seen.for_application_id,
        "for_application_id",
        true,
        findings,
    );
    for (name, value) in [("iat", seen.iat), ("exp", seen.exp)] {
        missing(value, name, findings);
    }
    c.iat = time_claim(seen.iat, "iat", findings);
    c.exp = time_claim(seen.exp, "exp", findings);
    c.nbf = time_claim(seen.nbf, "nbf", findings);

    if seen.aud.is_some() {
        findings.push(Finding::new(
            FindingCode::AudiencePresent,
            "payload.aud",
            "the token has an `aud` claim: PyJWT (Didit's JWT library) refuses a token with `aud` unless told which audience to expect, and Didit documents none; Didit does not mint it",
        ));
    }
    let undocumented = |k: &str| !KNOWN_CLAIMS.contains(&k);
    // The distinct keys (a list built per call) only when some name is undocumented; a payload
    // filed during its scan has none (`members` is `None`).
    let list = claims.members.as_ref();
    if let Some(claims) = list.filter(|c| c.list.iter().any(|(k, _)| undocumented(k))) {
        let unknown: Vec<&str> = claims
            .keys()
            .into_iter()
            .filter(|k| undocumented(k))
            .collect();
        findings.push(Finding::new(
            FindingCode::UnknownClaims,
            "payload",
            msg!(
                "claims Didit does not document: ",
                quoted_list(unknown.get(..8).unwrap_or(&unknown))
            ),
        ));
    }
    c
}

fn missing(value: Option<&MemberValue<'_>>, name: &'static str, findings: &mut Vec<Finding>) {
    if value.is_none() {
        findings.push(Finding::new(
            FindingCode::ClaimMissing,
            claim_at(name),
            msg!("claim `", name, "` is missing; Didit always sets it"),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::python_int;

    #[test]
    fn is_uuid_reads_the_groups() {
        // The groups one by one, as the 8-4-4-4-12 form reads.
        let groups = |s: &str| {
            let parts: Vec<&str> = s.split('-').collect();
            parts.len() == super::UUID_GROUPS.len()
                && parts
                    .iter()
                    .zip(super::UUID_GROUPS)
                    .all(|(p, n)| p.len() == n && p.bytes().all(|c| c.is_ascii_hexdigit()))
        };
        let id = "a5f3bca2-46e2-411e-90EF-a580900a57ee";
        let mut cases = vec![id.to_owned(), String::new(), "-".repeat(36)];
        for i in 0..=id.len() {
            for c in ["", "-", "0", "f", "F", "g", "G", " ", "é", "a-"] {
                cases.push(format!("{}{c}{}", &id[..i], id.get(i + 1..).unwrap_or("")));
                cases.push(format!("{}{c}{}", &id[..i], &id[i..]));
            }
        }
        for s in &cases {
            assert_eq!(super::is_uuid(s), groups(s), "{s:?}");
        }
        assert!(super::is_uuid(id));
    }

    #[test]
    fn the_claims_filed_during_the_scan_come_first() {
        // segment::read_top files KNOWN_CLAIMS by their position in NAMES.
        assert_eq!(super::NAMES.get(..6), Some(&super::KNOWN_CLAIMS[..]));
    }

    #[test]
    fn python_int_follows_int_of_a_string() {
        // Expected values are CPython's int(text), or None where it raises or leaves i64.
        assert_eq!(python_int(" 1774970000\n"), Some(1_774_970_000));
        assert_eq!(python_int("+1_774_970_000"), Some(1_774_970_000));
        assert_eq!(python_int("-12"), Some(-12));
        assert_eq!(python_int("9223372036854775807"), Some(i64::MAX));
        assert_eq!(python_int("9223372036854775808"), None);
        assert_eq!(python_int("-9_223_372_036_854_775_808"), Some(i64::MIN));
        assert_eq!(python_int("1__0"), None);
        assert_eq!(python_int("_10"), None);
        assert_eq!(python_int("10_"), None);
        assert_eq!(python_int("1.0"), None);
        assert_eq!(python_int(""), None);
        assert_eq!(python_int("-"), None);
    }
}
