//! HS256 minting and checking with a key you choose, for tests and local emulators. A real share
//! token is signed with Didit's key and cannot be verified here.
#![forbid(unsafe_code)]

#[allow(unused_imports)]
use crate::prelude::*;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use subtle::ConstantTimeEq;

use super::segment::decode_segment;
use crate::json::{self, Value};

fn mac(key: &[u8], signing_input: &[u8]) -> [u8; 32] {
    // HMAC accepts keys of any length; new_from_slice cannot fail for it.
    let mut m = match <Hmac<Sha256> as Mac>::new_from_slice(key) {
        Ok(m) => m,
        Err(_) => return [0; 32],
    };
    m.update(signing_input);
    m.finalize().into_bytes().into()
}

/// Why a test token could not be minted.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum MintError {
    /// The payload is not JSON.
    Json(crate::JsonError),
    /// The payload is JSON but not an object.
    NotObject,
    /// The key is empty.
    EmptyKey,
}

impl MintError {
    /// The stable code reported to JavaScript.
    pub fn code(&self) -> &'static str {
        match self {
            MintError::Json(e) => e.code(),
            MintError::NotObject => "ERR_SHARE_TOKEN_CLAIMS_NOT_OBJECT",
            MintError::EmptyKey => "ERR_SHARE_TOKEN_KEY_EMPTY",
        }
    }
}

impl crate::msg::Piece for MintError {
    fn push_to(&self, out: &mut String) {
        match self {
            MintError::Json(e) => msg_to!(out, "claims are not JSON: ", e),
            MintError::NotObject => out.push_str("claims must be a JSON object"),
            MintError::EmptyKey => out.push_str("the signing key is empty"),
        }
    }
}

display_via_piece!(MintError);

#[cfg(any(feature = "std", not(target_arch = "wasm32")))]
impl std::error::Error for MintError {}

/// Mints an HS256 JWT over `payload_json` (a JSON object) with a key you choose, the way PyJWT
/// does: header `{"alg":"HS256","typ":"JWT"}`, the payload bytes as given except that every
/// character from U+007F up is `\u`-escaped (PyJWT's `json.dumps` default `ensure_ascii=True`).
/// Given the same compact JSON, the token is byte-identical to `jwt.encode(claims, key)`.
///
/// For tests and local emulators only: a real share token is signed with Didit's key.
///
/// # Errors
/// [`MintError::EmptyKey`] when `key` is empty (PyJWT would sign with it; no verifier should
/// accept it); [`MintError::Json`] when `payload_json` is not JSON (the parse error, with its
/// position); [`MintError::NotObject`] when it is JSON but not an object (JWT claims are one).
pub fn encode_hs256(payload_json: &[u8], key: &[u8]) -> Result<String, MintError> {
    if key.is_empty() {
        return Err(MintError::EmptyKey);
    }
    match json::parse(payload_json, json::DEFAULT_VALUE_MAX_DEPTH).map_err(MintError::Json)? {
        Value::Object(_) => {}
        _ => return Err(MintError::NotObject),
    }
    let payload = crate::canonical::to_ascii(payload_json);
    let mut token = b"eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.".to_vec(); // {"alg":"HS256","typ":"JWT"}
    push_base64url(&mut token, payload.as_ref());
    let tag = mac(key, &token);
    token.push(b'.');
    push_base64url(&mut token, &tag);
    // Always Ok: the header and base64url are ASCII.
    Ok(String::from_utf8(token).unwrap_or_default())
}

/// Appends the unpadded base64url of `bytes`. `encode_slice` rather than `encode_string`, whose
/// `expect` on its UTF-8 check would link `core::fmt` into the WebAssembly module (`Debug` of
/// `Utf8Error`).
fn push_base64url(out: &mut Vec<u8>, bytes: &[u8]) {
    let start = out.len();
    out.resize(
        start + base64::encoded_len(bytes.len(), false).unwrap_or(0),
        0,
    );
    if let Some(dst) = out.get_mut(start..) {
        let _ = URL_SAFE_NO_PAD.encode_slice(bytes, dst);
    }
}

/// Whether `token` is an HS256 JWT whose signature `key` produced. Compared in constant time.
/// Any other `alg` (including `none`) or a malformed token is `false`.
///
/// This cannot verify a real Didit share token: Didit's key is private to Didit.
pub fn verify_hs256(token: &str, key: &[u8]) -> bool {
    let Some((h, (p, s))) = token
        .split_once('.')
        .and_then(|(h, rest)| Some((h, rest.split_once('.')?)))
    else {
        return false;
    };
    if s.contains('.') || key.is_empty() {
        return false;
    }
    let alg_ok = decode_segment(h)
        .ok()
        .and_then(|b| json::parse(&b, json::DEFAULT_VALUE_MAX_DEPTH).ok())
        .is_some_and(|v| {
            v.as_object()
                .and_then(|o| o.get("alg"))
                .and_then(Value::as_str)
                == Some("HS256")
        });
    let Ok(sig) = decode_segment(s) else {
        return false;
    };
    if !alg_ok || sig.len() != 32 || decode_segment(p).is_err() {
        return false;
    }
    let signing_input_len = h.len() + 1 + p.len();
    let Some(signing_input) = token.as_bytes().get(..signing_input_len) else {
        return false;
    };
    let expected = mac(key, signing_input);
    bool::from(expected.as_slice().ct_eq(&sig))
}
