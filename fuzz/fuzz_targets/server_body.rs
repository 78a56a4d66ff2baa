//! libFuzzer entry for `diaodu::fuzz::server_body` (see that module for the oracle).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| diaodu::fuzz::server_body(data));
