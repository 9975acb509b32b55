//! Time as the core sees it: milliseconds since the Unix epoch, passed in by the shell, formatted as the
//! UTC ISO 8601 strings xAPI wants. The core never reads a clock.

/// Milliseconds since 1970-01-01T00:00:00Z.
pub type EpochMs = i64;

/// Formats `ms` as `YYYY-MM-DDTHH:MM:SS.mmmZ`.
pub fn iso8601_utc(ms: EpochMs) -> String {
    let secs = ms.div_euclid(1000);
    let millis = ms.rem_euclid(1000);
    let days = secs.div_euclid(86_400);
    let sod = secs.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.{millis:03}Z",
        sod / 3600,
        (sod % 3600) / 60,
        sod % 60
    )
}

/// An ISO 8601 duration (`PT1.25S`, `PT3M4S`) for xAPI `result.duration`.
pub fn iso8601_duration(ms: u64) -> String {
    let total_centis = ms / 10;
    let hours = total_centis / 360_000;
    let minutes = (total_centis / 6_000) % 60;
    let centis = total_centis % 6_000;
    let mut out = String::from("PT");
    if hours > 0 {
        out.push_str(&format!("{hours}H"));
    }
    if minutes > 0 {
        out.push_str(&format!("{minutes}M"));
    }
    if centis > 0 || (hours == 0 && minutes == 0) {
        let (s, c) = (centis / 100, centis % 100);
        if c == 0 {
            out.push_str(&format!("{s}S"));
        } else {
            out.push_str(&format!("{s}.{c:02}S"));
        }
    }
    out
}

/// Days since the epoch to a proleptic Gregorian (year, month, day); Howard Hinnant's algorithm.
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_known_instants() {
        assert_eq!(iso8601_utc(0), "1970-01-01T00:00:00.000Z");
        assert_eq!(iso8601_utc(951_782_400_000), "2000-02-29T00:00:00.000Z");
        assert_eq!(iso8601_utc(1_795_354_279_123), "2026-11-22T13:31:19.123Z");
        assert_eq!(iso8601_utc(-1), "1969-12-31T23:59:59.999Z");
    }

    #[test]
    fn formats_durations() {
        assert_eq!(iso8601_duration(0), "PT0S");
        assert_eq!(iso8601_duration(1_250), "PT1.25S");
        assert_eq!(iso8601_duration(184_000), "PT3M4S");
        assert_eq!(iso8601_duration(3_600_000), "PT1H");
        assert_eq!(iso8601_duration(3_661_500), "PT1H1M1.50S");
    }
}
