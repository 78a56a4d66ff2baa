//! libFuzzer entry for `diaodu::fuzz::lean` (see that module for the oracle).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| diaodu::fuzz::lean(data));
