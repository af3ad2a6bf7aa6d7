//! The JOSE header: `alg` must be HS256 (Didit signs with PyJWT's default), `typ` JWT or absent.
#![forbid(unsafe_code)]

#[allow(unused_imports)]
use crate::prelude::*;

use alloc::borrow::Cow;

use super::finding::{truncate, Finding, FindingCode};
use crate::json::MemberValue;

/// The header members inspection reads, by position in [`Header`]'s fields.
pub(super) const NAMES: [&str; 2] = ["alg", "typ"];

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
