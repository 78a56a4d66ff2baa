//! The wall clock, the one thing the native and browser builds read
//! differently: `std::time::SystemTime` panics on wasm32-unknown-unknown.

/// Seconds since the Unix epoch.
#[cfg(not(target_arch = "wasm32"))]
pub fn unix_seconds() -> i64 {
    use std::time::{SystemTime, UNIX_EPOCH};
    match SystemTime::now().duration_since(UNIX_EPOCH) {
        Ok(d) => d.as_secs() as i64,
        Err(e) => -(e.duration().as_secs() as i64),
    }
}

/// Seconds since the Unix epoch, from the JS `Date`.
#[cfg(target_arch = "wasm32")]
pub fn unix_seconds() -> i64 {
    (js_sys::Date::now() / 1000.0).floor() as i64
}
