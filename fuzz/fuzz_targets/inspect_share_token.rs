#![no_main]
// The property lives in tests/support/targets.rs (replayed on stable by tests/fuzz_replay.rs).
libfuzzer_sys::fuzz_target!(|data: &[u8]| didit_kit_fuzz::targets::inspect_share_token(data));
