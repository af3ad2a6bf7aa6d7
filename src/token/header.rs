//! The JOSE header: `alg` must be HS256 (Didit signs with PyJWT's default), `typ` JWT or absent.
#![forbid(unsafe_code)]

#[allow(unused_imports)]
use crate::prelude::*;

use alloc::borrow::Cow;

use super::finding::{truncate, Finding, FindingCode};
use crate::json::MemberValue;

/// The header members inspection reads, by position in [`Header`]'s fields.
pub(super) const NAMES: [&str; 2] = ["alg", "typ"];

/// The header Didit writes on every share token (PyJWT's default for HS256), decoded: what
/// [`crate::token::inspect_share_token`] reads without scanning, since its members are known.
pub(crate) const DIDIT_JSON: &str = r#"{"alg":"HS256","typ":"JWT"}"#;

/// [`DIDIT_JSON`] as it stands in a token: unpadded base64url.
pub(super) const DIDIT_BASE64URL: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9";

/// The values of [`NAMES`] in [`DIDIT_JSON`], as the scan files them.
pub(super) fn didit_named<'t>() -> [Option<MemberValue<'t>>; 2] {
    [
        Some(MemberValue::String(Cow::Borrowed("HS256"))),
        Some(MemberValue::String(Cow::Borrowed("JWT"))),
    ]
}

/// What the header says, as far as inspection uses it.
#[derive(Debug, Default)]
pub(super) struct Header<'t> {
    /// `alg`, when it is a string.
    pub alg: Option<Cow<'t, str>>,
    /// `typ`, when it is a string.
    pub typ: Option<Cow<'t, str>>,
}

/// Checks `alg` and `typ`.
/// `named`: the header's values of [`NAMES`], by position.
pub(super) fn inspect_header<'t>(
    named: &[Option<MemberValue<'t>>; 2],
    findings: &mut Vec<Finding>,
) -> Header<'t> {
    let mut out = Header::default();
    let [alg, typ] = named;
    match alg {
        None => findings.push(Finding::new(
            FindingCode::AlgMissing,
            "header",
            "header has no `alg`; Didit signs share tokens with HS256",
        )),
        Some(MemberValue::String(alg)) => {
            if alg.eq_ignore_ascii_case("none") {
                findings.push(Finding::new(
                    FindingCode::AlgNone,
                    "header",
                    "`alg` is `none`: an unsigned token, which no verifier should accept",
                ));
            } else if alg != "HS256" {
                findings.push(Finding::new(
                    FindingCode::AlgUnexpected,
                    "header",
                    msg!(
                        "`alg` is `",
                        truncate(alg),
                        "`; Didit signs share tokens with HS256"
                    ),
                ));
            }
            out.alg = Some(alg.clone());
        }
        Some(other) => findings.push(Finding::new(
            FindingCode::AlgUnexpected,
            "header",
            msg!(
                "`alg` is a ",
                other.type_name(),
                ", expected the string HS256"
            ),
        )),
    }
    match typ {
        None => {}
        Some(MemberValue::String(t)) => {
            if !t.eq_ignore_ascii_case("JWT") {
                findings.push(Finding::new(
                    FindingCode::TypUnexpected,
                    "header",
                    msg!(
                        "`typ` is `",
                        truncate(t),
                        "`; Didit writes JWT or leaves it out"
                    ),
                ));
            }
            out.typ = Some(t.clone());
        }
        Some(other) => findings.push(Finding::new(
            FindingCode::TypUnexpected,
            "header",
            msg!(
                "`typ` is a ",
                other.type_name(),
                ", expected the string JWT"
            ),
        )),
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::token::segment;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use base64::Engine as _;

    /// The shortcut for Didit's header gives what decoding and scanning it give.
    #[test]
    fn didit_header_reads_as_scanned() {
        assert_eq!(URL_SAFE_NO_PAD.encode(DIDIT_JSON), DIDIT_BASE64URL);
        let mut named: [Option<MemberValue<'_>>; 2] = Default::default();
        let mut findings = Vec::new();
        let (ok, object) = segment::read_top(
            DIDIT_JSON,
            "header",
            &NAMES,
            &NAMES,
            &mut named,
            &mut findings,
        );
        assert!(ok && findings.is_empty());
        assert!(object.is_some_and(|o| o.members.is_none()));
        assert_eq!(named, didit_named());
        let h = inspect_header(&named, &mut findings);
        assert!(findings.is_empty());
        assert_eq!(
            (h.alg.as_deref(), h.typ.as_deref()),
            (Some("HS256"), Some("JWT"))
        );
    }
}
