//! The JavaScript boundary: the only module that knows about `JsValue`.
//!
//! Arguments arrive already normalised by the hand-written JS layer (`js/api.mjs`): bodies as
//! bytes, headers as optional strings, secrets as strings, numbers checked finite. This module
//! converts them, calls the core, and turns core errors into real JS `Error` / `TypeError` /
//! `RangeError` objects carrying the core's stable `code`.

#[allow(unused_imports)]
use crate::prelude::*;

use wasm_bindgen::prelude::*;

#[cfg(feature = "tools")]
use crate::canonical::{self, Options};
use crate::error::ErrorClass;
use crate::webhook::{
    self, HmacSha256, RustCryptoHmac, VerifyOptions, WebhookHeaders, MAX_FAST_TAGS,
};

// The few JS built-ins the boundary needs, imported here rather than through `js-sys`, which
// would link its JSPI task machinery (exported whether used or not) and `RefCell` panics.
#[wasm_bindgen]
extern "C" {
    type Error;
    #[wasm_bindgen(constructor)]
    fn new(message: &str) -> Error;
    type TypeError;
    #[wasm_bindgen(constructor)]
    fn new(message: &str) -> TypeError;
    type RangeError;
    #[wasm_bindgen(constructor)]
    fn new(message: &str) -> RangeError;
    #[wasm_bindgen(js_namespace = Reflect, js_name = set, catch)]
    fn reflect_set(target: &JsValue, key: &str, value: &str) -> Result<bool, JsValue>;
}

/// Builds a JS error of `class` with `code` and `message`.
fn js_error(class: ErrorClass, code: &str, message: &str) -> JsValue {
    let error: JsValue = match class {
        ErrorClass::Error => Error::new(message).into(),
        ErrorClass::TypeError => TypeError::new(message).into(),
        ErrorClass::RangeError => RangeError::new(message).into(),
    };
    // Setting a property on a fresh Error object cannot fail.
    let _ = reflect_set(&error, "code", code);
    error
}

// The largest body this build parses (`maxBodyBytes` cannot go higher; the constant says why).
// The JS layer applies the same limit with its own messages; this is the backstop.
use crate::canonical::WASM_MAX_BYTES as WASM_MAX_BODY_BYTES;

fn body_limit(max_bytes: f64) -> Result<usize, JsValue> {
    let v = to_usize(max_bytes, "maxBodyBytes")?;
    if v > WASM_MAX_BODY_BYTES {
        return Err(range_error(&msg!(
            "maxBodyBytes must be at most ",
            WASM_MAX_BODY_BYTES
        )));
    }
    Ok(v)
}

fn range_error(message: &str) -> JsValue {
    js_error(ErrorClass::RangeError, "ERR_INVALID_ARG_VALUE", message)
}

#[wasm_bindgen]
extern "C" {
    /// The JS layer's HMAC hook (`js/webhook.mjs`, over the Node loader's `createHmac`):
    /// `(keyPtr, keyLen, messagePtr, messageLen, outPtr) => boolean`. It reads the key and the
    /// message from this module's memory and writes the 32-byte tag at `outPtr` (false: nothing
    /// written, RustCrypto computes it). Plain numbers cross the boundary instead of two
    /// `Uint8Array` views and a returned `Buffer` (measured with `bench/verify.mjs`).
    pub type HmacInto;
    #[wasm_bindgen(method, catch, js_name = call)]
    fn call_into(
        this: &HmacInto,
        this_arg: &JsValue,
        key: u32,
        key_len: u32,
        message: u32,
        message_len: u32,
        out: u32,
    ) -> Result<bool, JsValue>;
}

/// HMAC through the JS hook (Node's `crypto`, which uses the CPU's SHA extensions), falling back
/// to RustCrypto.
struct JsHmac<'a> {
    f: Option<&'a HmacInto>,
}

impl HmacSha256 for JsHmac<'_> {
    fn hmac_sha256(&mut self, key: &[u8], message: &[u8]) -> [u8; 32] {
        if let Some(f) = self.f {
            let mut out = [0u8; 32];
            let at = out.as_mut_ptr();
            // Addresses in linear memory are u32 on wasm32. The hook is ours: synchronous, it
            // never calls back into wasm (so nothing moves or is freed meanwhile), and it writes
            // exactly 32 bytes at `at` when it returns true.
            let written = f.call_into(
                &JsValue::UNDEFINED,
                key.as_ptr() as u32,
                key.len() as u32,
                message.as_ptr() as u32,
                message.len() as u32,
                at as u32,
            );
            if written == Ok(true) {
                // SAFETY: `at` points to `out`, 32 initialised bytes the hook overwrote from
                // outside Rust's view; the volatile read keeps the compiler from assuming the
                // zeros are still there.
                return unsafe { core::ptr::read_volatile(at.cast::<[u8; 32]>()) };
            }
        }
        RustCryptoHmac.hmac_sha256(key, message)
    }
}

/// The headers, the secrets and the bytes after them.
type Unpacked<'a> = (WebhookHeaders<'a>, Vec<&'a [u8]>, &'a [u8]);

/// The headers and secrets of one verification, packed by the JS layer into one byte array (one
/// copy across the boundary instead of four strings and an array of strings; `js/webhook.mjs`,
/// `packArgs`): a u32 count of secrets; a u32 length per header (`X-Timestamp`,
/// `X-Signature-V2`, `X-Signature`, `X-Signature-Simple`; `u32::MAX`: absent) and per secret;
/// then the UTF-8 bytes of them all, in that order; then, with `verifyWebhook`'s flag 4, the
/// fast path's tags (32 bytes per secret), returned as the rest. u32s are little-endian. `None`
/// when the layout is broken (only a mismatch between the JS layer and this module can do that).
fn unpack(packed: &[u8]) -> Option<Unpacked<'_>> {
    let (count, rest) = packed.split_first_chunk::<4>()?;
    let count = u32::from_le_bytes(*count) as usize;
    let head = count.checked_add(4)?.checked_mul(4)?;
    let (lengths, mut bytes) = (rest.get(..head)?, rest.get(head..)?);
    let mut lengths = lengths
        .chunks_exact(4)
        .map(|w| w.try_into().map_or(0, u32::from_le_bytes));
    let mut next = || -> Option<Option<&[u8]>> {
        match lengths.next()? {
            u32::MAX => Some(None),
            len => {
                let len = len as usize;
                let value = bytes.get(..len)?;
                bytes = bytes.get(len..)?;
                Some(Some(value))
            }
        }
    };
    let mut header = || -> Option<Option<&str>> {
        match next()? {
            None => Some(None),
            Some(b) => core::str::from_utf8(b).ok().map(Some),
        }
    };
    let headers = WebhookHeaders {
        timestamp: header()?,
        signature_v2: header()?,
        signature_v1: header()?,
        signature_simple: header()?,
    };
    let mut secrets = Vec::with_capacity(count.min(16));
    for _ in 0..count {
        secrets.push(next()??);
    }
    Some((headers, secrets, bytes))
}

fn to_usize(v: f64, name: &str) -> Result<usize, JsValue> {
    if v.is_finite() && v >= 1.0 && v.fract() == 0.0 {
        // Saturating cast: larger values only mean "no practical limit".
        Ok(v as usize)
    } else {
        Err(range_error(&msg!(name, " must be a positive integer")))
    }
}

fn to_seconds(v: f64, name: &str) -> Result<i64, JsValue> {
    if v.is_finite() {
        Ok(v.floor() as i64)
    } else {
        Err(range_error(&msg!(name, " must be a finite number")))
    }
}

/// Verifies a delivery; returns `[methodIndex, secretIndex, timestamp, timeSourceIndex]`
/// (indices into [`webhook::Method::ALL`] and [`webhook::TimeSource::ALL`]).
/// `packed` holds the headers and the secrets (see [`unpack`]); `flags` bit 0 is `allowSimple`,
/// bit 1 `allowUnsignedTimestamp`, bit 2: `packed` ends with one 32-byte tag per secret, the HMAC
/// of [`webhook_fast_message`]'s message computed by the JS layer's Web Crypto
/// (`webhook::verify_webhook_with_tags`).
#[allow(clippy::too_many_arguments)]
#[wasm_bindgen(js_name = verifyWebhook)]
pub fn verify_webhook(
    body: &[u8],
    packed: &[u8],
    now_seconds: f64,
    tolerance_seconds: f64,
    flags: u32,
    max_depth: f64,
    max_bytes: f64,
    hmac: Option<HmacInto>,
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
        allow_simple: flags & 1 != 0,
        allow_unsigned_timestamp: flags & 2 != 0,
        max_depth: to_usize(max_depth, "maxDepth")?,
        max_bytes: body_limit(max_bytes)?,
    };
    let (headers, secrets, rest) = unpack(packed).ok_or_else(|| {
        js_error(
            ErrorClass::TypeError,
            "ERR_INVALID_ARG_VALUE",
            "headers and secrets are not packed as this module expects (a mismatch between didit-kit's JS and its WebAssembly module)",
        )
    })?;
    let now = to_seconds(now_seconds, "now")?;
    let mut mac = JsHmac { f: hmac.as_ref() };
    // Without flag 4 (or with tags that are not 32 bytes per secret, or more than MAX_FAST_TAGS)
    // the core computes every HMAC.
    let mut tags = [[0u8; 32]; MAX_FAST_TAGS];
    let mut n = 0;
    if flags & 4 != 0 && rest.len() == 32 * secrets.len() && secrets.len() <= MAX_FAST_TAGS {
        for (tag, given) in tags.iter_mut().zip(rest.chunks_exact(32)) {
            tag.copy_from_slice(given);
        }
        n = secrets.len();
    }
    let fast_tags = tags.get(..n).unwrap_or_default();
    match webhook::verify_webhook_with_tags(
        body, &headers, &secrets, now, &options, &mut mac, fast_tags,
    ) {
        Ok(v) => {
            // The index in `Method::ALL` / `TimeSource::ALL` (declaration order), which
            // js/rules.gen.mjs lists as METHODS / TIME_SOURCES.
            let method = f64::from(v.method as u8);
            let source = f64::from(v.time_source as u8);
            Ok(Box::new([
                method,
                v.secret_index as f64,
                v.timestamp as f64,
                source,
            ]))
        }
        Err(e) => Err(js_error(e.class(), e.code(), &msg!(e))),
    }
}

/// The message whose HMAC the fast path compares first ([`webhook::fast_path_message`]), for
/// `verifyRequest` where Web Crypto computes the HMAC (`js/webhook.mjs`, `verifyWebhookNative`):
/// `undefined` when the body cannot be canonical, an empty array when the message is the body
/// itself, else the body with its non-ASCII escapes decoded.
#[wasm_bindgen(js_name = webhookFastMessage)]
pub fn webhook_fast_message(body: &[u8]) -> Option<Vec<u8>> {
    webhook::FastMessage::of(body).map(|m| m.decoded.unwrap_or_default())
}

/// The canonical form of a body, as a string. Not in the verify-only module (feature `tools`).
#[cfg(feature = "tools")]
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
        // The canonical form of valid UTF-8 is valid UTF-8 (so no copy is made here, and the
        // error case cannot occur: canonicalize refuses a body that is not UTF-8).
        Ok(bytes) => Ok(String::from_utf8(bytes.into_owned()).unwrap_or_default()),
        Err(e) => Err(js_error(e.class(), e.code(), &msg!(e))),
    }
}

/// Signs a body as Didit does; returns `[X-Timestamp, X-Signature-V2, X-Signature, X-Signature-Simple]`.
/// Not in the verify-only module (feature `tools`).
#[cfg(feature = "tools")]
#[wasm_bindgen(js_name = signWebhook)]
pub fn sign_webhook(
    body: &[u8],
    secret: String,
    timestamp: Option<f64>,
    now_seconds: f64,
    hmac: Option<HmacInto>,
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
        return Err(js_error(e.class(), e.code(), &msg!(e)));
    }
    let mut mac = JsHmac { f: hmac.as_ref() };
    match webhook::sign_webhook_with(body, secret.as_bytes(), timestamp, now, &mut mac) {
        Ok(s) => Ok(vec![
            s.timestamp,
            s.signature_v2,
            s.signature_v1,
            s.signature_simple,
        ]),
        Err(e) => Err(js_error(e.class(), e.code(), &msg!(e))),
    }
}

/// What the share-token inspection keeps between calls: the input the JS layer writes the
/// application id and the token into, and the report it reads back, both in this module's memory
/// (no allocation, copy or free per call from the glue: measured with `bench/ab-tokens.mjs`).
#[cfg(feature = "share-token")]
#[derive(Default)]
struct TokenScratch {
    input: Vec<u8>,
    report: crate::token::CompactReport,
    /// Where the last report is (see [`inspect_share_token_in`]).
    head: [f64; 5],
}

/// A cell for this module's one thread.
#[cfg(feature = "share-token")]
struct OneThread<T>(core::cell::RefCell<Option<T>>);

// SAFETY: the module is built without `atomics` (as the allocator above requires), so one thread
// runs it and the cell is never reached from two at once; with `atomics` this does not compile.
#[cfg(all(feature = "share-token", not(target_feature = "atomics")))]
unsafe impl<T> Sync for OneThread<T> {}

#[cfg(feature = "share-token")]
static TOKEN_SCRATCH: OneThread<TokenScratch> = OneThread(core::cell::RefCell::new(None));

/// Input beyond this many bytes is dropped after the inspection that needed it (see
/// [`inspect_share_token_in`]); the report's buffers at the start of the next one.
#[cfg(feature = "share-token")]
const TOKEN_SCRATCH_KEEP_BYTES: usize = crate::token::KEEP_BYTES;

/// Runs `f` on the share-token scratch (see [`TokenScratch`]).
#[cfg(feature = "share-token")]
fn with_token_scratch<R>(f: impl FnOnce(&mut TokenScratch) -> R) -> Result<R, JsValue> {
    let mut cell = TOKEN_SCRATCH.0.try_borrow_mut().map_err(|_| {
        // Exports are not re-entered (nothing in an inspection calls into JS); a defence only.
        js_error(
            ErrorClass::Error,
            "ERR_INVALID_STATE",
            "didit-kit: a share-token inspection started inside another one (a bug in didit-kit: please report it)",
        )
    })?;
    Ok(f(cell.get_or_insert_with(TokenScratch::default)))
}

/// Room for `len` bytes of input to [`inspect_share_token_in`]: returns its address in this
/// module's memory, where the JS layer writes the application id's UTF-8 bytes and then the
/// token's. It stays there until an inspection reports another (`numbers[2]`, `numbers[3]`).
#[cfg(feature = "share-token")]
#[wasm_bindgen(js_name = shareTokenInput)]
pub fn share_token_input(len: u32) -> Result<u32, JsValue> {
    with_token_scratch(|s| {
        let len = len as usize;
        if s.input.len() < len {
            s.input.resize(len, 0);
        }
        s.input.as_ptr() as u32
    })
}

/// Inspects the share token the JS layer wrote at [`share_token_input`]'s address: the first
/// `application_id_len` bytes the application id (`u32::MAX`: none), the next `token_len` the
/// token (UTF-8 from `TextEncoder`, so unpaired surrogates arrive as U+FFFD). Returns the address
/// of five f64s: the address and UTF-8 length of the report's text, the address and size of the
/// input for the next call, and the address of the report's numbers; the report is the
/// inspection in the compact form of `Report::to_compact` (decoded header and claims included, so
/// nothing is decoded twice). All stay valid until the next call.
#[cfg(feature = "share-token")]
#[wasm_bindgen(js_name = inspectShareTokenIn)]
pub fn inspect_share_token_in(
    application_id_len: u32,
    token_len: u32,
    now_seconds: f64,
    clock_tolerance_seconds: f64,
    min_remaining_seconds: f64,
    max_token_bytes: f64,
) -> Result<u32, JsValue> {
    use crate::token::{self, InspectOptions};
    let non_negative = |v: f64, name: &str| {
        if v.is_finite() && v >= 0.0 {
            Ok(v as u64)
        } else {
            Err(range_error(&msg!(name, " must be a non-negative number")))
        }
    };
    let now = to_seconds(now_seconds, "now")?;
    let clock_tolerance_seconds = non_negative(clock_tolerance_seconds, "clockToleranceSeconds")?;
    let min_remaining_seconds = non_negative(min_remaining_seconds, "minRemainingSeconds")?;
    let max_token_bytes = to_usize(max_token_bytes, "maxTokenBytes")?;
    with_token_scratch(|s| {
        s.report.shrink_beyond(TOKEN_SCRATCH_KEEP_BYTES);
        let bad = || {
            js_error(
                ErrorClass::TypeError,
                "ERR_INVALID_ARG_VALUE",
                "token or application id bytes are not UTF-8, or outside the input",
            )
        };
        fn text(b: Option<&[u8]>) -> Option<&str> {
            b.and_then(|b| core::str::from_utf8(b).ok())
        }
        let app_len = match application_id_len {
            u32::MAX => 0,
            n => n as usize,
        };
        let application_id = match application_id_len {
            u32::MAX => None,
            _ => Some(text(s.input.get(..app_len)).ok_or_else(bad)?),
        };
        let end = app_len.checked_add(token_len as usize);
        let token = text(end.and_then(|end| s.input.get(app_len..end))).ok_or_else(bad)?;
        let options = InspectOptions {
            now,
            application_id,
            clock_tolerance_seconds,
            min_remaining_seconds,
            max_token_bytes,
        };
        token::inspect_share_token_compact(token, &options, &mut s.report);
        if s.input.len() > TOKEN_SCRATCH_KEEP_BYTES {
            s.input = Vec::new();
        }
        // Addresses in linear memory are u32 on wasm32, exact as f64.
        s.head = [
            s.report.text.as_ptr() as u32 as f64,
            s.report.text.len() as f64,
            s.input.as_ptr() as u32 as f64,
            s.input.len() as f64,
            s.report.numbers.as_ptr() as u32 as f64,
        ];
        Ok(s.head.as_ptr() as u32)
    })?
}

/// Mints an HS256 JWT over a JSON object with a caller-chosen key (tests and emulators only).
#[cfg(feature = "share-token")]
#[wasm_bindgen(js_name = encodeHs256)]
pub fn encode_hs256(payload_json: &[u8], key: &[u8]) -> Result<String, JsValue> {
    use crate::token::MintError;
    crate::token::encode_hs256(payload_json, key).map_err(|e| match &e {
        // The JS layer passes JSON.stringify's output, so a JSON error can only be a claim value
        // JSON cannot carry as UTF-8 (an unpaired surrogate): a bad argument.
        MintError::Json(_) => js_error(ErrorClass::TypeError, "ERR_INVALID_ARG_VALUE", &msg!(e)),
        MintError::NotObject | MintError::EmptyKey => {
            js_error(ErrorClass::RangeError, e.code(), &msg!(e))
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
