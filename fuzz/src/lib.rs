//! The fuzz targets' properties and the reference model, shared with `tests/fuzz_replay.rs`.
#![allow(clippy::all)]

#[path = "../../tests/support/reference.rs"]
pub mod reference;
#[path = "../../tests/support/targets.rs"]
pub mod targets;
