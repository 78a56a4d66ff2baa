//! libFuzzer entry for `diaodu::fuzz::json` (see that function for the oracle).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| diaodu::fuzz::json(data));
