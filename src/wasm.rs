//! The JavaScript boundary: the only module that knows about `JsValue`.
//!
//! Arguments arrive already normalised by the hand-written JS layer (`js/api.mjs`): bodies as
//! bytes, headers as optional strings, secrets as strings, numbers checked finite. This module
//! converts them, calls the core, and turns core errors into real JS `Error` / `TypeError` /
//! `RangeError` objects carrying the core's stable `code`.

#[allow(unused_imports)]
use crate::prelude::*;

use js_sys::{Function, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;

use crate::canonical::{self, Options};
use crate::error::ErrorClass;
use crate::webhook::{
    self, HmacSha256, Method, RustCryptoHmac, TimeSource, VerifyOptions, WebhookHeaders,
};

/// Builds a JS error of `class` with `code` and `message`.
fn js_error(class: ErrorClass, code: &str, message: &str) -> JsValue {
    let error: JsValue = match class {
        ErrorClass::Error => js_sys::Error::new(message).into(),
        ErrorClass::TypeError => js_sys::TypeError::new(message).into(),
        ErrorClass::RangeError => js_sys::RangeError::new(message).into(),
    };
    // Setting a property on a fresh Error object cannot fail.
    let _ = Reflect::set(&error, &JsValue::from_str("code"), &JsValue::from_str(code));
    error
}

/// The largest body this build parses (`maxBodyBytes` cannot go higher). Canonicalizing a hostile
/// body that needs sorting takes up to ~12 bytes of memory per body byte (an object of millions
/// of tiny members out of key order; `bench/soak.mjs --workload=memory`), and wasm32 has 4 GiB: a
/// failed allocation aborts (a trap), so the ceiling keeps a wide margin. `js/api.mjs`
/// applies the same limit with its own messages; this is the backstop.
const WASM_MAX_BODY_BYTES: usize = 32 * 1024 * 1024;

fn body_limit(max_bytes: f64) -> Result<usize, JsValue> {
    let v = to_usize(max_bytes, "maxBodyBytes")?;
    if v > WASM_MAX_BODY_BYTES {
        return Err(range_error(&format!(
            "maxBodyBytes must be at most {WASM_MAX_BODY_BYTES}"
        )));
    }
    Ok(v)
}

fn range_error(message: &str) -> JsValue {
    js_error(ErrorClass::RangeError, "ERR_INVALID_ARG_VALUE", message)
}

/// HMAC through a synchronous JS function `(key: Uint8Array, message: Uint8Array) => Uint8Array`
/// (Node's `crypto`, which uses the CPU's SHA extensions), falling back to RustCrypto.
struct JsHmac<'a> {
    f: Option<&'a Function>,
}

impl HmacSha256 for JsHmac<'_> {
    fn hmac_sha256(&mut self, key: &[u8], message: &[u8]) -> [u8; 32] {
        if let Some(f) = self.f {
            // SAFETY: the views point into wasm memory and stay valid until the next allocation
            // in this module. The JS function is ours (the Node loader's `createHmac` wrapper): it
            // is synchronous, never calls back into wasm, and copies what it reads.
            let (k, m) = unsafe { (Uint8Array::view(key), Uint8Array::view(message)) };
            if let Ok(tag) = f.call2(&JsValue::UNDEFINED, &k, &m) {
                if tag.is_instance_of::<Uint8Array>() {
                    let tag = Uint8Array::from(tag);
                    if tag.length() == 32 {
                        let mut out = [0u8; 32];
                        tag.copy_to(&mut out);
                        return out;
                    }
                }
            }
        }
        RustCryptoHmac.hmac_sha256(key, message)
    }
}

fn to_usize(v: f64, name: &str) -> Result<usize, JsValue> {
    if v.is_finite() && v >= 1.0 && v.fract() == 0.0 {
        // Saturating cast: larger values only mean "no practical limit".
        Ok(v as usize)
    } else {
        Err(range_error(&format!("{name} must be a positive integer")))
    }
}

fn to_seconds(v: f64, name: &str) -> Result<i64, JsValue> {
    if v.is_finite() {
        Ok(v.floor() as i64)
    } else {
        Err(range_error(&format!("{name} must be a finite number")))
    }
}

/// Verifies a delivery; returns `[methodIndex, secretIndex, timestamp, timeSourceIndex]`
/// (method: 0 v2, 1 v2-ascii, 2 v1, 3 simple; time source: 0 timestamp, 1 created_at, 2 header).
#[allow(clippy::too_many_arguments)]
#[wasm_bindgen(js_name = verifyWebhook)]
pub fn verify_webhook(
    body: &[u8],
    timestamp: Option<String>,
    signature_v2: Option<String>,
    signature_v1: Option<String>,
    signature_simple: Option<String>,
    secrets: Vec<String>,
    now_seconds: f64,
    tolerance_seconds: f64,
    allow_simple: bool,
    allow_unsigned_timestamp: bool,
    max_depth: f64,
    max_bytes: f64,
    hmac: Option<Function>,
) -> Result<Box<[f64]>, JsValue> {
    let tolerance = if tolerance_seconds.is_finite() && tolerance_seconds >= 0.0 {
        tolerance_seconds as u64
    } else {
        return Err(range_error(
            "toleranceSeconds must be a non-negative number",
        ));
    };
    let options = VerifyOptions {
        tolerance_seconds: tolerance,
        allow_simple,
        allow_unsigned_timestamp,
        max_depth: to_usize(max_depth, "maxDepth")?,
        max_bytes: body_limit(max_bytes)?,
    };
    let headers = WebhookHeaders {
        timestamp: timestamp.as_deref(),
        signature_v2: signature_v2.as_deref(),
        signature_v1: signature_v1.as_deref(),
        signature_simple: signature_simple.as_deref(),
    };
    let now = to_seconds(now_seconds, "now")?;
    let mut mac = JsHmac { f: hmac.as_ref() };
    match webhook::verify_webhook_with(body, &headers, &secrets, now, &options, &mut mac) {
        Ok(v) => {
            let method = match v.method {
                Method::V2 => 0.0,
                Method::V2Ascii => 1.0,
                Method::V1 => 2.0,
                Method::Simple => 3.0,
            };
            let source = match v.time_source {
                TimeSource::Timestamp => 0.0,
                TimeSource::CreatedAt => 1.0,
                TimeSource::Header => 2.0,
            };
            Ok(Box::new([
                method,
                v.secret_index as f64,
                v.timestamp as f64,
                source,
            ]))
        }
        Err(e) => Err(js_error(e.class(), e.code(), &e.to_string())),
    }
}

/// The canonical form of a body, as a string.
#[wasm_bindgen]
pub fn canonicalize(
    body: &[u8],
    ascii: bool,
    max_depth: f64,
    max_bytes: f64,
) -> Result<String, JsValue> {
    let options = Options {
        ascii,
        max_depth: to_usize(max_depth, "maxDepth")?,
        max_bytes: body_limit(max_bytes)?,
    };
    match canonical::canonicalize(body, &options) {
        // The canonical form of valid UTF-8 is valid UTF-8 (so no copy is made here).
        Ok(bytes) => Ok(String::from_utf8(bytes.into_owned())
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())),
        Err(e) => Err(js_error(e.class(), e.code(), &e.to_string())),
    }
}

/// Signs a body as Didit does; returns `[X-Timestamp, X-Signature-V2, X-Signature, X-Signature-Simple]`.
#[wasm_bindgen(js_name = signWebhook)]
pub fn sign_webhook(
    body: &[u8],
    secret: String,
    timestamp: Option<f64>,
    now_seconds: f64,
    hmac: Option<Function>,
) -> Result<Vec<String>, JsValue> {
    let timestamp = match timestamp {
        Some(t) if t.is_finite() && t >= 0.0 && t.fract() == 0.0 && t < 1e15 => Some(t as i64),
        Some(_) => {
            return Err(range_error(
                "timestamp must be a non-negative integer of Unix seconds",
            ))
        }
        None => None,
    };
    let now = to_seconds(now_seconds, "now")?;
    if body.len() > WASM_MAX_BODY_BYTES {
        let e = crate::JsonError::TooLarge {
            limit: WASM_MAX_BODY_BYTES,
            actual: body.len(),
        };
        return Err(js_error(e.class(), e.code(), &e.to_string()));
    }
    let mut mac = JsHmac { f: hmac.as_ref() };
    match webhook::sign_webhook_with(body, secret.as_bytes(), timestamp, now, &mut mac) {
        Ok(s) => Ok(vec![
            s.timestamp,
            s.signature_v2,
            s.signature_v1,
            s.signature_simple,
        ]),
        Err(e) => Err(js_error(e.class(), e.code(), &e.to_string())),
    }
}

/// Inspects a share token; returns the inspection as JSON text, decoded header and claims
/// included (one `JSON.parse` on the JS side is cheaper than building the object property by
/// property across the boundary, and nothing is decoded twice).
#[cfg(feature = "share-token")]
#[wasm_bindgen(js_name = inspectShareToken)]
pub fn inspect_share_token(
    token: &[u8],
    now_seconds: f64,
    application_id: Option<String>,
    clock_tolerance_seconds: f64,
    min_remaining_seconds: f64,
    max_token_bytes: f64,
) -> Result<String, JsValue> {
    use crate::token::{self, InspectOptions};
    let non_negative = |v: f64, name: &str| {
        if v.is_finite() && v >= 0.0 {
            Ok(v as u64)
        } else {
            Err(range_error(&format!(
                "{name} must be a non-negative number"
            )))
        }
    };
    let options = InspectOptions {
        now: to_seconds(now_seconds, "now")?,
        application_id: application_id.as_deref(),
        clock_tolerance_seconds: non_negative(clock_tolerance_seconds, "clockToleranceSeconds")?,
        min_remaining_seconds: non_negative(min_remaining_seconds, "minRemainingSeconds")?,
        max_token_bytes: to_usize(max_token_bytes, "maxTokenBytes")?,
    };
    // The JS layer passes the token as UTF-8 bytes: TextEncoder plus one memory copy is cheaper
    // than wasm-bindgen's per-character string transfer (measured with bench/tokens.mjs: the
    // `&str` glue's charCodeAt loop was a fifth of the call). They come from TextEncoder, so they
    // are valid UTF-8 (unpaired surrogates arrive as U+FFFD).
    let token = core::str::from_utf8(token).map_err(|_| {
        js_error(
            ErrorClass::TypeError,
            "ERR_INVALID_ARG_VALUE",
            "token bytes are not UTF-8",
        )
    })?;
    Ok(token::inspect_share_token(token, &options).to_json())
}

/// Mints an HS256 JWT over a JSON object with a caller-chosen key (tests and emulators only).
#[cfg(feature = "share-token")]
#[wasm_bindgen(js_name = encodeHs256)]
pub fn encode_hs256(payload_json: &[u8], key: &[u8]) -> Result<String, JsValue> {
    use crate::token::MintError;
    crate::token::encode_hs256(payload_json, key).map_err(|e| match &e {
        // The JS layer passes JSON.stringify's output, so a JSON error can only be a claim value
        // JSON cannot carry as UTF-8 (an unpaired surrogate): a bad argument.
        MintError::Json(_) => js_error(
            ErrorClass::TypeError,
            "ERR_INVALID_ARG_VALUE",
            &e.to_string(),
        ),
        MintError::NotObject | MintError::EmptyKey => {
            js_error(ErrorClass::RangeError, e.code(), &e.to_string())
        }
    })
}

/// Whether an HS256 JWT was signed with `key` (constant-time comparison).
#[cfg(feature = "share-token")]
#[wasm_bindgen(js_name = verifyHs256)]
pub fn verify_hs256(token: &str, key: &[u8]) -> bool {
    crate::token::verify_hs256(token, key)
}

/// This module's linear memory (a `WebAssembly.Memory`). Not part of the public API (`js/api.mjs`
/// does not pass it on): the soak benchmark and the hostile-input tests watch its size, which must
/// stay flat over many calls.
#[wasm_bindgen(js_name = wasmMemory)]
pub fn wasm_memory() -> JsValue {
    wasm_bindgen::memory()
}
