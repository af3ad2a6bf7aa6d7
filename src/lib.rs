//! didit-kit: verify Didit webhooks byte-exactly as Didit's Python signer computes them.
//!
//! The crate is a plain Rust library (the *core*): [`canonical`] re-encodes a JSON body exactly as
//! `json.dumps(shorten_floats(json.loads(body)), sort_keys=True, separators=(",", ":"),
//! ensure_ascii=False)` does, and [`webhook`] checks `X-Signature-V2`, `X-Signature` and
//! `X-Signature-Simple`. The core never reads the clock (callers pass `now`) and has no
//! WebAssembly or JavaScript types in it; the one module that talks to JavaScript is compiled
//! only for `wasm32` and lives in `wasm.rs`.
//!
//! ```
//! use didit_kit::webhook::{sign_webhook, verify_webhook, Method, VerifyOptions, WebhookHeaders};
//!
//! let body = br#"{"session_id":"s-1","status":"Approved","timestamp":1774970000,"webhook_type":"status.updated"}"#;
//! let signed = sign_webhook(body, b"my-secret", Some(1774970000), 0).unwrap();
//! let headers = WebhookHeaders {
//!     timestamp: Some(&signed.timestamp),
//!     signature_v2: Some(&signed.signature_v2),
//!     signature_v1: Some(&signed.signature_v1),
//!     signature_simple: Some(&signed.signature_simple),
//! };
//! let ok = verify_webhook(body, &headers, &[b"my-secret"], 1774970010, &VerifyOptions::default()).unwrap();
//! assert_eq!(ok.method, Method::V2);
//! ```
#![cfg_attr(all(target_arch = "wasm32", not(feature = "std")), no_std)]
#![deny(unsafe_code)]
#![warn(missing_docs)]
// Every public fallible function says which errors it returns and when (`# Errors`).
#![warn(clippy::missing_errors_doc)]
#![cfg_attr(
    not(test),
    warn(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]

extern crate alloc;

#[macro_use]
mod msg;

pub mod canonical;
pub mod error;
mod float;
#[cfg(test)]
mod gen;
#[cfg(any(feature = "share-token", feature = "models"))]
pub mod json;
#[cfg(feature = "models")]
pub mod models;
mod prelude;
mod scan;
#[cfg(test)]
mod test_rng;
#[cfg(any(feature = "share-token", feature = "models"))]
pub mod time;
#[cfg(feature = "share-token")]
pub mod token;
pub mod webhook;

#[cfg(target_arch = "wasm32")]
#[allow(unsafe_code)]
mod wasm;

/// The WebAssembly module's allocator (native builds keep the system's).
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// Without std (the WebAssembly modules), a panic traps at once. Nothing formats its message, so
/// `core::fmt` is linked only where the crate itself formats. No panic is reachable from input
/// (the crate's rule); a trap is what `panic = "abort"` gave before, and js/instance.mjs replaces
/// a trapped instance.
#[cfg(all(target_arch = "wasm32", not(feature = "std")))]
#[panic_handler]
fn panic(_: &core::panic::PanicInfo<'_>) -> ! {
    core::arch::wasm32::unreachable()
}

pub use error::{ErrorClass, JsonError, WebhookError};
