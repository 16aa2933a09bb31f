//! Timestamps as dlt detects, coerces and stores them.
//!
//! * Detection (`is_iso_timestamp`): pendulum's ISO 8601 parser, then pendulum's "common" format
//!   (`2024/01/02 10:00`), and only a *datetime* result counts (dates and times do not).
//! * Coercion into a timestamp column (`ensure_pendulum_datetime_non_utc`): the same parsers, where
//!   a date becomes midnight, and else the string as epoch seconds (`"42"` → 00:00:42).
//! * Storage: microseconds since the Unix epoch in UTC; SQLAlchemy writes them to SQLite as
//!   `YYYY-MM-DD HH:MM:SS.ffffff`.

use std::time::{SystemTime, UNIX_EPOCH};

use super::iso8601::{is_leap, parse_iso8601, Fields, Parsed};
use super::pyfmt::py_float;

const MICROS_PER_SEC: i64 = 1_000_000;
const SECS_PER_DAY: i64 = 86_400;

/// Python's datetime range: years 1 to 9999.
const MIN_YEAR: u32 = 1;
const MAX_YEAR: u32 = 9999;

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if is_leap(year as i32) => 29,
        _ => 28,
    }
}

/// The checks Python's `datetime`/`date`/`time` constructors make on parsed fields.
fn valid(parsed: Parsed) -> Option<Parsed> {
    let date_ok = |f: &Fields| {
        (MIN_YEAR..=MAX_YEAR).contains(&f.year)
            && (1..=12).contains(&f.month)
            && f.day >= 1
            && f.day <= days_in_month(f.year, f.month)
    };
    let time_ok = |f: &Fields| {
        f.hour <= 23
            && f.minute <= 59
            && f.second <= 59
            && f.microsecond <= 999_999
            && f.offset.is_none_or(|o| o.abs() < SECS_PER_DAY as i32)
    };
    let ok = match &parsed {
        Parsed::DateTime(f) => date_ok(f) && time_ok(f),
        Parsed::Date(f) => date_ok(f),
        Parsed::Time(f) => time_ok(f),
        Parsed::Other => true,
    };
    ok.then_some(parsed)
}

/// pendulum's `_parse_common` (regex `COMMON`): `YYYY[[/:]MM[/:]DD][ ]H[H]:[M[M]][:S[S]][.frac]`.
fn parse_common(s: &str) -> Option<Parsed> {
    let b = s.as_bytes();
    let mut i = 0;
    let digits = |i: &mut usize, min: usize, max: usize| -> Option<u32> {
        let start = *i;
        while *i < b.len() && *i - start < max && b[*i].is_ascii_digit() {
            *i += 1;
        }
        if *i - start < min {
            *i = start;
            return None;
        }
        std::str::from_utf8(&b[start..*i]).ok()?.parse().ok()
    };
    let mut f = Fields {
        month: 1,
        day: 1,
        ..Fields::default()
    };
    // The date part is optional, but "4 digits" is tried first as a year, as the regex does.
    let save = i;
    let mut has_date = false;
    let mut before_md = i;
    if let Some(year) = digits(&mut i, 4, 4) {
        has_date = true;
        f.year = year;
        before_md = i;
        let mut md = || -> Option<(u32, u32)> {
            if i < b.len() && (b[i] == b'/' || b[i] == b':') {
                i += 1;
            }
            let month = digits(&mut i, 2, 2)?;
            if i < b.len() && (b[i] == b'/' || b[i] == b':') {
                i += 1;
            }
            let day = digits(&mut i, 2, 2)?;
            Some((month, day))
        };
        match md() {
            Some((m, d)) => (f.month, f.day) = (m, d),
            None => i = before_md,
        }
        if i == b.len() {
            return valid(Parsed::Date(f));
        }
    }
    // A time must follow; if it does not parse after a date, retry without the date (the regex
    // backtracks to an empty date and reads the digits as the hour).
    let time = |mut i: usize, f: &mut Fields| -> Option<()> {
        if i < b.len() && b[i] == b' ' {
            i += 1;
        }
        f.hour = digits(&mut i, 1, 2)?;
        if i >= b.len() || b[i] != b':' {
            return None;
        }
        i += 1;
        // `(?P<minute>\d{1,2})?` is optional in the regex but `int(None)` then fails.
        f.minute = digits(&mut i, 1, 2)?;
        if i < b.len() && b[i] == b':' {
            i += 1;
            f.second = digits(&mut i, 1, 2)?;
        }
        if i < b.len() && matches!(b[i], b'.' | b'|' | b',') {
            i += 1;
            let start = i;
            let sub = digits(&mut i, 1, 9)?;
            let n = i - start;
            let sub = if n > 6 {
                sub / 10u32.pow((n - 6) as u32)
            } else {
                sub * 10u32.pow((6 - n) as u32)
            };
            f.microsecond = sub;
        }
        (i == b.len()).then_some(())
    };
    if has_date {
        if time(i, &mut f).is_some() {
            return valid(Parsed::DateTime(f));
        }
        // Backtrack: year only, then the time.
        let mut y = Fields {
            year: f.year,
            month: 1,
            day: 1,
            ..Fields::default()
        };
        if i != before_md && time(before_md, &mut y).is_some() {
            return valid(Parsed::DateTime(y));
        }
    }
    let mut t = Fields {
        month: 1,
        day: 1,
        ..Fields::default()
    };
    time(save, &mut t).and_then(|_| valid(Parsed::Time(t)))
}

/// `parse_iso_like_datetime`: ISO 8601 first, the common format as fallback.
pub fn parse_iso_like(s: &str) -> Option<Parsed> {
    // Python's datetime constructor raising inside `parse_iso8601` also leads to the fallback.
    parse_iso8601(s).and_then(valid).or_else(|| parse_common(s))
}

/// dlt's `is_iso_timestamp` detection: a non-empty string that parses to a date *and* time.
pub fn is_iso_timestamp(s: &str) -> bool {
    !s.is_empty() && matches!(parse_iso_like(s), Some(Parsed::DateTime(_)))
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
pub fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date of a day number since 1970-01-01.
pub fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (
        if m <= 2 {
            yoe + era * 400 + 1
        } else {
            yoe + era * 400
        },
        m,
        d,
    )
}

fn fields_to_micros(f: &Fields) -> i64 {
    let days = days_from_civil(i64::from(f.year), f.month, f.day);
    let secs = days * SECS_PER_DAY
        + i64::from(f.hour) * 3600
        + i64::from(f.minute) * 60
        + i64::from(f.second)
        - i64::from(f.offset.unwrap_or(0));
    secs * MICROS_PER_SEC + i64::from(f.microsecond)
}

/// The valid range of stored timestamps (Python datetime, UTC).
fn in_range(micros: i64) -> Option<i64> {
    let min = days_from_civil(1, 1, 1) * SECS_PER_DAY * MICROS_PER_SEC;
    let max = (days_from_civil(10_000, 1, 1) * SECS_PER_DAY) * MICROS_PER_SEC - 1;
    (min..=max).contains(&micros).then_some(micros)
}

/// `pendulum.from_timestamp(x)`: epoch seconds to UTC, microseconds rounded half to even.
pub fn from_epoch_seconds(x: f64) -> Option<i64> {
    if !x.is_finite() {
        return None;
    }
    let micros = (x * 1e6).round_ties_even();
    if micros.abs() > 9.0e18 {
        return None;
    }
    in_range(micros as i64)
}

/// Coerces text into a timestamp as dlt does (`ensure_pendulum_datetime_non_utc` then UTC).
pub fn text_to_timestamp(s: &str) -> Option<i64> {
    match parse_iso_like(s) {
        Some(Parsed::DateTime(f)) | Some(Parsed::Date(f)) => in_range(fields_to_micros(&f)),
        Some(Parsed::Time(_)) => None,
        Some(Parsed::Other) | None => py_float(s).and_then(from_epoch_seconds),
    }
}

/// Coerces text into a date (`date.fromisoformat`, else via a datetime in UTC).
pub fn text_to_date(s: &str) -> Option<i64> {
    if let Some(Parsed::Date(f)) = parse_iso8601(s) {
        if let Some(Parsed::Date(f)) = valid(Parsed::Date(f)) {
            return Some(days_from_civil(i64::from(f.year), f.month, f.day));
        }
    }
    text_to_timestamp(s).map(|us| us.div_euclid(SECS_PER_DAY * MICROS_PER_SEC))
}

/// Coerces text into a time of day (microseconds since midnight); offsets are dropped.
pub fn text_to_time(s: &str) -> Option<i64> {
    match parse_iso_like(s) {
        Some(Parsed::Time(f)) | Some(Parsed::DateTime(f)) => Some(
            (i64::from(f.hour) * 3600 + i64::from(f.minute) * 60 + i64::from(f.second))
                * MICROS_PER_SEC
                + i64::from(f.microsecond),
        ),
        _ => None,
    }
}

/// `YYYY-MM-DD HH:MM:SS.ffffff`, SQLAlchemy's SQLite DATETIME storage format.
pub fn format_timestamp(micros: i64) -> String {
    let mut out = String::with_capacity(26);
    write_timestamp(micros, &mut out);
    out
}

/// [`format_timestamp`] appended to `out` (the loader reuses one buffer for every value).
pub fn write_timestamp(micros: i64, out: &mut String) {
    use std::fmt::Write as _;
    let secs = micros.div_euclid(MICROS_PER_SEC);
    let us = micros.rem_euclid(MICROS_PER_SEC);
    let (y, m, d) = civil_from_days(secs.div_euclid(SECS_PER_DAY));
    let sod = secs.rem_euclid(SECS_PER_DAY);
    let _ = write!(
        out,
        "{y:04}-{m:02}-{d:02} {:02}:{:02}:{:02}.{us:06}",
        sod / 3600,
        (sod / 60) % 60,
        sod % 60
    );
}

/// `YYYY-MM-DD`, SQLAlchemy's SQLite DATE storage format.
pub fn format_date(days: i64) -> String {
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}")
}

/// `HH:MM:SS.ffffff`, SQLAlchemy's SQLite TIME storage format.
pub fn format_time(micros: i64) -> String {
    let secs = micros / MICROS_PER_SEC;
    format!(
        "{:02}:{:02}:{:02}.{:06}",
        secs / 3600,
        (secs / 60) % 60,
        secs % 60,
        micros % MICROS_PER_SEC
    )
}

/// The current time in microseconds since the epoch.
pub fn now_micros() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_micros() as i64)
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The accept/reject lists of dlt-behaviour.md §11.5.
    #[test]
    fn iso_timestamp_detection_matches_dlt() {
        for s in [
            "2024-01-02T03:04:05Z",
            "2024-01-02T03:04:05",
            "2024-01-02 03:04:05",
            "2024-01-02T03:04:05.123456",
            "2024-01-02T03:04:05+02:00",
            "2024-01-02T03:04:05+0530",
            "2024-01-02T03:04",
            "20240102T030405Z",
            "2024/01/02 10:00",
        ] {
            assert!(is_iso_timestamp(s), "{s} should be a timestamp");
        }
        for s in [
            "2024-01-02",
            "2024/01/02",
            "20240102",
            "03:04:05",
            "1704164645",
            "Mon, 01 Jan 2024 00:00:00 GMT",
            "2024-13-01T00:00:00",
            "2024-1-2",
            "2024-02-30T00:00:00",
            "abc",
            "",
        ] {
            assert!(!is_iso_timestamp(s), "{s} should not be a timestamp");
        }
    }

    #[test]
    fn coercion_to_utc_and_epoch() {
        let t = text_to_timestamp("2024-01-02T03:04:05+02:00").unwrap();
        assert_eq!(format_timestamp(t), "2024-01-02 01:04:05.000000");
        let t = text_to_timestamp("2024-01-02").unwrap();
        assert_eq!(format_timestamp(t), "2024-01-02 00:00:00.000000");
        assert_eq!(
            format_timestamp(text_to_timestamp("42").unwrap()),
            "1970-01-01 00:00:42.000000"
        );
        assert_eq!(
            format_timestamp(text_to_timestamp("4.5").unwrap()),
            "1970-01-01 00:00:04.500000"
        );
        assert_eq!(text_to_timestamp("abc"), None);
        assert_eq!(text_to_timestamp("true"), None);
        assert_eq!(text_to_timestamp("10:00"), None);
        assert_eq!(
            format_timestamp(from_epoch_seconds(5.0).unwrap()),
            "1970-01-01 00:00:05.000000"
        );
        assert_eq!(format_timestamp(-1), "1969-12-31 23:59:59.999999");
        assert_eq!(from_epoch_seconds(f64::INFINITY), None);
    }

    #[test]
    fn dates_and_times() {
        assert_eq!(
            format_date(text_to_date("2024-02-29").unwrap()),
            "2024-02-29"
        );
        assert_eq!(
            format_date(text_to_date("2024-01-01T23:00:00-02:00").unwrap()),
            "2024-01-02"
        );
        assert_eq!(
            format_time(text_to_time("03:04:05.5").unwrap()),
            "03:04:05.500000"
        );
        assert_eq!(civil_from_days(days_from_civil(1, 1, 1)), (1, 1, 1));
        assert_eq!(
            civil_from_days(days_from_civil(9999, 12, 31)),
            (9999, 12, 31)
        );
    }
}
