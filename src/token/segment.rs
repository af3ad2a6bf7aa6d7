//! Segments: splitting the token, strict base64url (RFC 7515) with a forgiving second reading for
//! display, the header/payload text as JSON, and the signature's length.
#![forbid(unsafe_code)]

#[allow(unused_imports)]
use crate::prelude::*;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;

use super::finding::{quoted_list, Finding, FindingCode};
use crate::json::{self, Filed, MemberValue, Members};

/// Strict base64url as JWTs use it (RFC 7515): no padding, no other alphabet, canonical last
/// symbol. Anything else cannot be a segment Didit wrote, so its signature cannot match.
pub(super) fn decode_segment(seg: &str) -> Result<Vec<u8>, String> {
    URL_SAFE_NO_PAD
        .decode(seg)
        .map_err(|e| describe_base64_error(&e))
}

pub(super) fn describe_base64_error(e: &base64::DecodeError) -> String {
    match *e {
        base64::DecodeError::InvalidByte(at, b) => {
            if b == b'=' {
                msg!(
                    "has `=` padding at character ",
                    at,
                    "; JWT segments are unpadded"
                )
            } else if b == b'+' || b == b'/' {
                msg!(
                    "has `",
                    char::from(b),
                    "` at character ",
                    at,
                    ": standard base64, not base64url (`-` and `_`)"
                )
            } else if b.is_ascii_graphic() {
                msg!(
                    "has `",
                    char::from(b),
                    "` at character ",
                    at,
                    ", outside the base64url alphabet"
                )
            } else {
                msg!(
                    "has byte 0x",
                    crate::msg::Hex2(b),
                    " at character ",
                    at,
                    ", outside the base64url alphabet"
                )
            }
        }
        base64::DecodeError::InvalidLength(len) => {
            msg!("has an impossible base64url length (", len, " characters)")
        }
        base64::DecodeError::InvalidLastSymbol(at, _) => msg!(
            "ends in a non-canonical symbol at character ",
            at,
            " (its unused bits are not zero)"
        ),
        base64::DecodeError::InvalidPadding => {
            "has `=` padding; JWT segments are unpadded base64url".to_owned()
        }
    }
}

/// The forgiving reading used after a strict failure has been reported, so that a pasted token
/// with padding, standard-base64 characters or line breaks still shows its contents.
fn decode_segment_leniently(seg: &str) -> Option<Vec<u8>> {
    use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
    const LENIENT: GeneralPurpose = GeneralPurpose::new(
        &base64::alphabet::URL_SAFE,
        GeneralPurposeConfig::new()
            .with_decode_padding_mode(DecodePaddingMode::Indifferent)
            .with_decode_allow_trailing_bits(true),
    );
    let cleaned: String = seg
        .chars()
        .filter(|c| !c.is_ascii_whitespace())
        .map(|c| match c {
            '+' => '-',
            '/' => '_',
            c => c,
        })
        .collect();
    LENIENT.decode(cleaned.trim_end_matches('=')).ok()
}

/// Decodes a header or payload segment, appending its bytes to `out` (one buffer holds both, so
/// an inspection allocates it once), recording findings. Returns where they are in `out` and
/// whether the strict reading decoded them; [`as_text`] reads them as text once `out` is complete.
pub(super) fn decode_segment_into(
    seg: &str,
    at: &'static str,
    findings: &mut Vec<Finding>,
    out: &mut Vec<u8>,
) -> Option<(core::ops::Range<usize>, bool)> {
    let start = out.len();
    match URL_SAFE_NO_PAD.decode_vec(seg, out) {
        Ok(()) => Some((start..out.len(), true)),
        Err(e) => {
            out.truncate(start);
            let why = describe_base64_error(&e);
            findings.push(Finding::new(FindingCode::Base64, at, msg!(at, " ", why)));
            out.extend(decode_segment_leniently(seg)?);
            Some((start..out.len(), false))
        }
    }
}

/// Decoded header or payload bytes as text (see [`decode_segment_into`]), recording findings.
pub(super) fn as_text<'t>(
    bytes: &'t [u8],
    strict: bool,
    at: &'static str,
    findings: &mut Vec<Finding>,
) -> Option<&'t str> {
    match core::str::from_utf8(bytes) {
        // json.loads accepts a leading byte-order mark in bytes; JSON.parse would not.
        Ok(text) => Some(text.strip_prefix('\u{feff}').unwrap_or(text)),
        // Bytes from the forgiving reading of a bad segment are often garbage: the base64 finding
        // already says what is wrong, a "not UTF-8" on top would send the reader the wrong way.
        Err(_) if !strict => None,
        Err(e) => {
            findings.push(Finding::new(
                FindingCode::Utf8,
                at,
                msg!(
                    at,
                    " is not UTF-8 (invalid byte at offset ",
                    e.valid_up_to(),
                    ")"
                ),
            ));
            None
        }
    }
}

/// A top-level object as inspection reads it; the values of the members it names are in the
/// `named` given to [`read_top`].
#[derive(Default)]
pub(super) struct Object<'t> {
    /// Every member's name, when some are not in `filed` or one repeats (`None`: the names are
    /// all in `filed`, each once). The values of those in `named` are not repeated here.
    pub members: Option<Members<'t>>,
}

/// Reads decoded header or payload text: whether it is JSON, and the object when it is one. The
/// values of the members named in `names` go to `named`, by position. Those in `filed` (the first
/// names of `names`) are filed during the scan; an object with others, or a repeated one, is
/// scanned again to list its members (the duplicate-key and unknown-claim findings need the list).
pub(super) fn read_top<'t>(
    text: &'t str,
    at: &'static str,
    names: &'static [&'static str],
    filed: &'static [&'static str],
    named: &mut [Option<MemberValue<'t>>],
    findings: &mut Vec<Finding>,
) -> (bool, Option<Object<'t>>) {
    let max_depth = json::DEFAULT_VALUE_MAX_DEPTH;
    let mut top = json::parse_top_filed(text, max_depth, filed, false, named);
    if let Ok(Filed::Unfiled) = top {
        // The second scan files again every member the first one had filed.
        top = json::parse_top_filed(text, max_depth, names, true, named);
    }
    match top {
        Ok(Filed::Object(members)) => {
            let dups = members.as_ref().map(Members::duplicate_keys);
            if let Some(dups) = dups.filter(|d| !d.is_empty()) {
                findings.push(Finding::new(
                    FindingCode::DuplicateKey,
                    at,
                    msg!(
                        at,
                        " repeats ",
                        quoted_list(&dups),
                        "; Python (and so Didit) keeps the last value"
                    ),
                ));
            }
            (true, Some(Object { members }))
        }
        // Only a scan that does not list stops there (the second one lists).
        Ok(Filed::Unfiled) => (true, None),
        Ok(Filed::Other(kind)) => {
            findings.push(Finding::new(
                FindingCode::NotObject,
                at,
                msg!(at, " is a JSON ", kind, ", not an object"),
            ));
            (true, None)
        }
        Err(e) => {
            findings.push(Finding::new(
                FindingCode::Json,
                at,
                if text.is_empty() {
                    msg!(at, " is empty")
                } else {
                    msg!(at, " is not JSON: ", e)
                },
            ));
            (false, None)
        }
    }
}

/// The parts of a token, as written.
#[derive(Debug, Clone, Copy)]
pub(super) struct Segments<'t> {
    pub header: &'t str,
    pub payload: &'t str,
    /// Present only when the token has exactly three segments.
    pub signature: Option<&'t str>,
    /// Exactly two segments: the end of the token is missing (judged once the header is read).
    pub two: bool,
}

/// Whether the token is short enough to decode (a finding when not).
pub(super) fn within_limit(
    token: &str,
    max_token_bytes: usize,
    findings: &mut Vec<Finding>,
) -> bool {
    if token.len() <= max_token_bytes {
        return true;
    }
    findings.push(Finding::new(
        FindingCode::TooLarge,
        "token",
        msg!(
            "token is ",
            token.len(),
            " bytes, more than the limit of ",
            max_token_bytes,
            " (a Didit share token is about 360); not decoded"
        ),
    ));
    false
}

/// What one pass over a token finds: whether it is bare (the paste step has nothing to peel), how
/// many segments it has and where its first two `.` are.
#[derive(Debug, Clone, Copy)]
pub(super) struct Survey {
    pub bare: bool,
    count: usize,
    dots: [usize; 2],
}

/// Bytes a bare token (or a malformed one with nothing wrapped around it) is made of: base64url,
/// `.`, and standard base64's `+` and `/`.
const fn bare(c: u8) -> bool {
    matches!(c, b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'+' | b'/')
}

/// The classes of a byte the token steps test, as bits of [`CLASS`]: one table load a byte, where
/// the ranges cost about 14 instructions a byte. [`bare`];
pub(super) const BARE: u8 = 1;
/// base64url's alphabet (RFC 4648 §5), which an unpadded JWT segment is made of;
pub(super) const BASE64URL: u8 = 2;
/// a hex digit of either case (UUIDs);
pub(super) const HEX: u8 = 4;
/// `-` (UUIDs).
pub(super) const DASH: u8 = 8;

#[allow(clippy::indexing_slicing)] // evaluated at compile time: a bad index fails the build
const CLASS: [u8; 256] = {
    let mut table = [0; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        table[c] = (bare(b) as u8 * BARE)
            | ((b.is_ascii_alphanumeric() || b == b'-' || b == b'_') as u8 * BASE64URL)
            | (b.is_ascii_hexdigit() as u8 * HEX)
            | ((b == b'-') as u8 * DASH);
        c += 1;
    }
    table
};

/// Whether `c` is in any of the classes `bits` of [`CLASS`].
pub(super) fn is(c: u8, bits: u8) -> bool {
    CLASS
        .get(usize::from(c))
        .is_some_and(|class| class & bits != 0)
}

/// One pass over `token` for the paste step's bare check and the split (they were a pass each:
/// in wasm, the two loops over a 360-byte token cost a tenth of an inspection).
pub(super) fn survey(token: &str) -> Survey {
    let (mut bare, mut count, mut dots) = (true, 1, [0; 2]);
    for (i, &c) in token.as_bytes().iter().enumerate() {
        bare &= is(c, BARE);
        if c == b'.' {
            if let Some(slot) = dots.get_mut(count - 1) {
                *slot = i;
            }
            count += 1;
        }
    }
    Survey { bare, count, dots }
}

/// The common case in one step, before the paste step: a token of three segments whose header
/// and payload decode as strict unpadded base64url (into `out`, from its start) and whose
/// signature is made of base64url characters. Every byte of such a token is one [`bare`]
/// accepts, so the paste step would leave it as it is, [`survey`] would find these two `.` and
/// [`decode_segment_into`] these bytes, with no finding on the way. `None`, with `out` emptied,
/// for anything else: the steps one by one find what it is.
pub(super) fn split_clean<'t>(
    token: &'t str,
    out: &mut Vec<u8>,
) -> Option<(
    Segments<'t>,
    core::ops::Range<usize>,
    core::ops::Range<usize>,
)> {
    // Where the two `.` of Didit's tokens are, without a search: after its header, and before a
    // signature of 43 characters. A guess only: the checks below decide, and a `.` anywhere else
    // would fail them (it is not base64url).
    let didit = super::header::DIDIT_BASE64URL;
    let guess = token
        .len()
        .checked_sub(HS256_SIGNATURE_CHARS + 1)
        .filter(|&last| {
            token.as_bytes().get(didit.len()) == Some(&b'.')
                && token.as_bytes().get(last) == Some(&b'.')
                && last > didit.len()
                && token.starts_with(didit)
        });
    let (header, payload, signature) = match guess {
        Some(last) => (
            token.get(..didit.len())?,
            token.get(didit.len() + 1..last)?,
            token.get(last + 1..)?,
        ),
        None => {
            let (header, rest) = token.split_once('.')?;
            let (payload, signature) = rest.split_once('.')?;
            (header, payload, signature)
        }
    };
    let base64url = |s: &str| s.bytes().all(|c| is(c, BASE64URL));
    out.clear();
    if !base64url(signature) {
        return None;
    }
    out.reserve(header.len() / 4 * 3 + payload.len() / 4 * 3 + 6);
    let decoded = if header == super::header::DIDIT_BASE64URL {
        out.extend_from_slice(super::header::DIDIT_JSON.as_bytes());
        true
    } else {
        URL_SAFE_NO_PAD.decode_vec(header, out).is_ok()
    };
    let header_end = out.len();
    if !decoded || URL_SAFE_NO_PAD.decode_vec(payload, out).is_err() {
        out.clear();
        return None;
    }
    let segments = Segments {
        header,
        payload,
        signature: Some(signature),
        two: false,
    };
    Some((segments, 0..header_end, header_end..out.len()))
}

/// Splits the (unwrapped) token into header, payload and signature. `None` when there is nothing
/// to decode (empty, or no `.`). Two segments are left to [`cut_short`].
pub(super) fn split_segments<'t>(
    token: &'t str,
    survey: &Survey,
    findings: &mut Vec<Finding>,
) -> Option<Segments<'t>> {
    let Survey { count, dots, .. } = *survey;
    if count != 3 && count != 2 {
        let why = match count {
            1 if token.is_empty() => "token is empty".to_owned(),
            1 => "token has no `.`: a JWT is header.payload.signature".to_owned(),
            5 => "token has 5 segments: that is an encrypted JWT (JWE), not a Didit share token"
                .to_owned(),
            n => msg!(
                "token has ",
                n,
                " segments, a JWT has 3 (header.payload.signature)"
            ),
        };
        findings.push(Finding::new(FindingCode::Segments, "token", why));
        // Still read what can be read: a truncated paste often keeps header and payload.
        if count < 2 || token.is_empty() {
            return None;
        }
    }
    // `.` is ASCII, so every cut is on a character boundary.
    let [first, second] = dots;
    let payload_end = if count == 2 { token.len() } else { second };
    Some(Segments {
        header: token.get(..first).unwrap_or(""),
        payload: token.get(first + 1..payload_end).unwrap_or(""),
        signature: if count == 3 {
            token.get(second + 1..)
        } else {
            None
        },
        two: count == 2,
    })
}

/// A token of two segments: when its header reads as JSON it is a token cut off (after the
/// payload, or inside it: then the payload's own findings are consequences and are dropped);
/// otherwise it is simply not a JWT. Returns whether the payload can still be read.
/// `header_at` is where the header's findings start: a plain segment-count problem is reported
/// before them, as for any other count.
pub(super) fn cut_short(
    header_is_json: bool,
    header_at: usize,
    payload_findings: Vec<Finding>,
    payload_is_object: bool,
    findings: &mut Vec<Finding>,
) -> bool {
    if !header_is_json {
        findings.insert(
            header_at.min(findings.len()),
            Finding::new(
                FindingCode::Segments,
                "token",
                "token has 2 segments: the signature is missing (a JWT is header.payload.signature)",
            ),
        );
        findings.extend(payload_findings);
        return true;
    }
    let complete = payload_is_object && payload_findings.is_empty();
    findings.push(Finding::new(
        FindingCode::Truncated,
        "token",
        if complete {
            "token ends after the payload: the `.` and the signature are missing, so it looks cut off; copy the whole token (header.payload.signature)"
        } else {
            "token ends inside the payload: it looks cut off (the signature and part of the claims are missing); copy the whole token"
        },
    ));
    if complete {
        findings.extend(payload_findings);
    }
    complete
}

/// [`read_top`] over text that may not have decoded: whether it is JSON, and the object.
pub(super) fn read_json<'t>(
    text: Option<&'t str>,
    at: &'static str,
    names: &'static [&'static str],
    filed: &'static [&'static str],
    named: &mut [Option<MemberValue<'t>>],
    findings: &mut Vec<Finding>,
) -> (bool, Option<Object<'t>>) {
    match text {
        Some(t) => read_top(t, at, names, filed, named, findings),
        None => (false, None),
    }
}

/// Characters of an HS256 signature in unpadded base64url (32 bytes).
const HS256_SIGNATURE_CHARS: usize = 43;

/// Whether `sig` is 43 base64url characters that decode into 32 bytes: the last one carries two
/// bits beyond the 256, which must be zero (RFC 4648 §3.5; the `base64` crate refuses them
/// otherwise, and `tests::signature_shortcut_agrees` holds this to it). Every HS256 signature Didit
/// writes is one; checking it costs a third of decoding it.
fn decodes_to_32_bytes(sig: &str) -> bool {
    let Some(&last) = sig.as_bytes().last() else {
        return false;
    };
    // The last symbol's value (A-Z 0-25, a-z 26-51, 0-9 52-61, `-` 62, `_` 63): a multiple of 4.
    let low_bits_clear = b"AEIMQUYcgkosw048".contains(&last);
    sig.len() == HS256_SIGNATURE_CHARS && low_bits_clear && sig.bytes().all(|c| is(c, BASE64URL))
}

/// Checks the signature segment's encoding and length (32 bytes for HS256; empty is fine only
/// with `alg: none`, which the header step already reported). A shorter run of base64url
/// characters under an HS256 (or unreadable) header is a token cut off; `=` padding on this
/// segment alone is reported on its own, since decoders differ on it. Returns the decoded length.
pub(super) fn inspect_signature(
    sig: &str,
    alg: Option<&str>,
    findings: &mut Vec<Finding>,
) -> Option<usize> {
    if decodes_to_32_bytes(sig) {
        // What the steps below find for such a signature, without decoding it.
        return Some(32);
    }
    let alg_none = alg.is_some_and(|a| a.eq_ignore_ascii_case("none"));
    let hs256 = alg.map_or(true, |a| a == "HS256");
    if hs256
        && !sig.is_empty()
        && sig.len() < HS256_SIGNATURE_CHARS
        && sig.bytes().all(|c| is(c, BASE64URL))
    {
        findings.push(Finding::new(
            FindingCode::Truncated,
            "signature",
            msg!(
                "signature is ",
                sig.len(),
                " characters where an HS256 signature has ",
                HS256_SIGNATURE_CHARS,
                ": the token looks cut off (",
                HS256_SIGNATURE_CHARS - sig.len(),
                " missing at the end); copy the whole token"
            ),
        ));
        return None;
    }
    let unpadded = sig.trim_end_matches('=');
    let sig = if unpadded.len() != sig.len() && URL_SAFE_NO_PAD.decode(unpadded).is_ok() {
        findings.push(Finding::new(
            FindingCode::SignaturePadding,
            "signature",
            "signature has `=` padding; JWT segments are unpadded. PyJWT 2.x accepts a single `=` that completes the last base64 block and refuses more, stricter decoders refuse any: whether Didit's import accepts it depends on its decoder. Send the token without the `=`",
        ));
        unpadded
    } else {
        sig
    };
    // Decoded on the stack: only the length matters (an oversized one is still reported).
    let mut stack = [0u8; 64];
    let decoded = if sig.len() <= 84 {
        URL_SAFE_NO_PAD
            .decode_slice(sig, &mut stack)
            .map_err(|e| match e {
                base64::DecodeSliceError::DecodeError(e) => e,
                base64::DecodeSliceError::OutputSliceTooSmall => {
                    base64::DecodeError::InvalidLength(sig.len())
                }
            })
    } else {
        URL_SAFE_NO_PAD.decode(sig).map(|v| v.len())
    };
    match decoded.map_err(|e| describe_base64_error(&e)) {
        Ok(len) => {
            if len != 32 && !(alg_none && len == 0) {
                findings.push(Finding::new(
                    FindingCode::SignatureLength,
                    "signature",
                    if len == 0 {
                        "signature is empty; an HS256 signature is 32 bytes".to_owned()
                    } else {
                        msg!(
                            "signature is ",
                            len,
                            " bytes; an HS256 signature is 32 bytes"
                        )
                    },
                ));
            }
            Some(len)
        }
        Err(why) => {
            findings.push(Finding::new(
                FindingCode::Base64,
                "signature",
                msg!("signature ", why),
            ));
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shortcut says yes exactly where the `base64` crate decodes 32 bytes, whatever the last
    /// character and whatever else the signature holds.
    #[test]
    fn signature_shortcut_agrees() {
        let mut state = 0x9e37_79b9_7f4a_7c15_u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        let mut yes = 0;
        for len in [0, 1, 42, 43, 44, 86] {
            for last in 0..=255u8 {
                for spoil in [None, Some(b'='), Some(b'+'), Some(b'.'), Some(0xff)] {
                    let mut sig: Vec<u8> =
                        (0..len).map(|_| alphabet[(next() % 64) as usize]).collect();
                    if let Some(l) = sig.last_mut() {
                        *l = last;
                    }
                    if let (Some(c), true) = (spoil, len > 2) {
                        let at = (next() % (len as u64 - 1)) as usize;
                        sig[at] = c;
                    }
                    let sig = String::from_utf8_lossy(&sig).into_owned();
                    let crate_says = URL_SAFE_NO_PAD
                        .decode(&sig)
                        .is_ok_and(|bytes| bytes.len() == 32);
                    assert_eq!(decodes_to_32_bytes(&sig), crate_says, "{sig:?}");
                    yes += usize::from(crate_says);
                }
            }
        }
        assert_eq!(
            yes, 16,
            "one signature per last character that carries no extra bits"
        );
    }
}
