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

/// Where the server reads the time: the system clock, or a moment fixed by
/// tests and demonstrations, so that "received after the 28th" (S551) and
/// the day taken as today can be checked without waiting for a date.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Clock {
    #[default]
    System,
    /// Seconds since the Unix epoch.
    Fixed(i64),
}

impl Clock {
    pub fn unix_seconds(self) -> i64 {
        match self {
            Clock::System => unix_seconds(),
            Clock::Fixed(s) => s,
        }
    }

    /// The moment in China (UTC+8, no daylight saving time).
    pub fn china_now(self) -> chrono::NaiveDateTime {
        china_time(self.unix_seconds())
    }

    /// A fixed clock at a moment in China, `YYYY-MM-DDTHH:MM:SS` or
    /// `YYYY-MM-DD` (midnight).
    pub fn fixed_at(china: &str) -> Option<Clock> {
        let t = chrono::NaiveDateTime::parse_from_str(china, "%Y-%m-%dT%H:%M:%S")
            .ok()
            .or_else(|| {
                chrono::NaiveDate::parse_from_str(china, "%Y-%m-%d")
                    .ok()?
                    .and_hms_opt(0, 0, 0)
            })?;
        Some(Clock::Fixed(
            t.and_utc().timestamp().checked_sub(CHINA_OFFSET_SECONDS)?,
        ))
    }
}

/// China's offset from UTC.
pub const CHINA_OFFSET_SECONDS: i64 = 8 * 3600;

/// Seconds since the Unix epoch as a moment in China. Out of chrono's range
/// (hundreds of millennia away), the epoch stands in.
pub fn china_time(unix: i64) -> chrono::NaiveDateTime {
    unix.checked_add(CHINA_OFFSET_SECONDS)
        .and_then(|s| chrono::DateTime::from_timestamp(s, 0))
        .unwrap_or_default()
        .naive_utc()
}
