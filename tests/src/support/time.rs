//! Minimal UTC calendar arithmetic: enough to print and parse the ISO 8601 timestamps the mock
//! API generates, without a date-time dependency.

/// Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
pub fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date (year, month, day) of a day count since 1970-01-01.
pub fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    // Both values are in range by construction (1..=31 and 1..=12).
    (year, day_u32(month), day_u32(day))
}

fn day_u32(v: i64) -> u32 {
    u32::try_from(v).unwrap_or(0)
}

fn split_secs(secs: i64) -> (i64, u32, u32, i64, i64, i64) {
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let (y, mo, d) = civil_from_days(days);
    (y, mo, d, rem / 3600, (rem % 3600) / 60, rem % 60)
}

/// Append `v` as exactly `N` zero-padded digits (`v` must have at most `N` digits).
fn push_digits<const N: usize>(out: &mut Vec<u8>, mut v: u64) {
    let mut digits = [b'0'; N];
    for d in digits.iter_mut().rev() {
        *d = b'0' + (v % 10) as u8;
        v /= 10;
    }
    out.extend_from_slice(&digits);
}

/// Append `YYYY-MM-DDTHH:MM:SS` (the year as `{:04}` formats it).
fn push_date_time(out: &mut Vec<u8>, secs: i64) {
    let (y, mo, d, h, mi, s) = split_secs(secs);
    match u64::try_from(y) {
        Ok(year) if year <= 9999 => push_digits::<4>(out, year),
        _ => out.extend_from_slice(format!("{y:04}").as_bytes()),
    }
    out.push(b'-');
    push_digits::<2>(out, u64::from(mo));
    out.push(b'-');
    push_digits::<2>(out, u64::from(d));
    out.push(b'T');
    // Hours, minutes and seconds come from a `rem_euclid`, so they are small and non-negative.
    for (i, v) in [h, mi, s].into_iter().enumerate() {
        if i > 0 {
            out.push(b':');
        }
        push_digits::<2>(out, u64::try_from(v).unwrap_or(0));
    }
}

/// Append [`iso_z`]`(secs)` to `out` without allocating.
pub fn push_iso_z(out: &mut Vec<u8>, secs: i64) {
    push_date_time(out, secs);
    out.push(b'Z');
}

/// Append [`iso_millis_offset`]`(millis)` to `out` without allocating.
pub fn push_iso_millis_offset(out: &mut Vec<u8>, millis: i64) {
    push_date_time(out, millis.div_euclid(1000));
    out.push(b'.');
    push_digits::<3>(out, u64::try_from(millis.rem_euclid(1000)).unwrap_or(0));
    out.extend_from_slice(b"+00:00");
}

/// `2024-01-01T00:10:00Z`
pub fn iso_z(secs: i64) -> String {
    let (y, mo, d, h, mi, s) = split_secs(secs);
    format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z")
}

/// `2024-01-02T00:15:00.123+00:00` (milliseconds and an explicit offset).
pub fn iso_millis_offset(millis: i64) -> String {
    let (y, mo, d, h, mi, s) = split_secs(millis.div_euclid(1000));
    let ms = millis.rem_euclid(1000);
    format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}.{ms:03}+00:00")
}

/// Parse `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM[:SS[.fff]]` with an optional `Z` or `±HH:MM` offset
/// (no offset means UTC; a space may replace the `T`) into milliseconds since the epoch.
/// A plain integer is taken as Unix seconds.
pub fn parse_iso_millis(text: &str) -> Option<i64> {
    let t = text.trim();
    if let Ok(secs) = t.parse::<i64>() {
        return secs.checked_mul(1000);
    }
    let num = |s: &str| -> Option<i64> {
        if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        s.parse().ok()
    };
    let (date, rest) = match t.find(['T', 't', ' ']) {
        Some(i) => (&t[..i], &t[i + 1..]),
        None => (t, ""),
    };
    let mut dp = date.splitn(3, '-');
    let year = num(dp.next()?)?;
    let month = u32::try_from(num(dp.next()?)?).ok()?;
    let day = u32::try_from(num(dp.next()?)?).ok()?;
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    let mut millis = days_from_civil(year, month, day) * 86_400_000;
    if rest.is_empty() {
        return Some(millis);
    }
    let (clock, offset_ms) = split_offset(rest)?;
    let (hms, frac) = match clock.split_once('.') {
        Some((a, b)) => (a, b),
        None => (clock, ""),
    };
    let mut parts = hms.split(':');
    let h = num(parts.next()?)?;
    let mi = num(parts.next()?)?;
    let s = match parts.next() {
        Some(p) => num(p)?,
        None => 0,
    };
    let frac_ms = if frac.is_empty() {
        0
    } else {
        let digits: String = frac.chars().chain("000".chars()).take(3).collect();
        num(&digits)?
    };
    millis += ((h * 60 + mi) * 60 + s) * 1000 + frac_ms;
    Some(millis - offset_ms)
}

fn split_offset(rest: &str) -> Option<(&str, i64)> {
    if let Some(clock) = rest.strip_suffix(['Z', 'z']) {
        return Some((clock, 0));
    }
    if let Some(i) = rest.rfind(['+', '-']) {
        let (clock, off) = rest.split_at(i);
        let sign = if off.starts_with('-') { -1 } else { 1 };
        let (oh, om) = off[1..].split_once(':').unwrap_or((&off[1..], "0"));
        let oh: i64 = oh.parse().ok()?;
        let om: i64 = om.parse().ok()?;
        return Some((clock, sign * (oh * 60 + om) * 60_000));
    }
    Some((rest, 0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        assert_eq!(iso_z(1_704_067_200), "2024-01-01T00:00:00Z");
        assert_eq!(
            iso_millis_offset(1_704_067_200_123),
            "2024-01-01T00:00:00.123+00:00"
        );
        assert_eq!(
            parse_iso_millis("2024-01-01T00:00:00Z"),
            Some(1_704_067_200_000)
        );
        assert_eq!(
            parse_iso_millis("2024-01-01T01:00:00+01:00"),
            Some(1_704_067_200_000)
        );
        assert_eq!(parse_iso_millis("2024-01-01"), Some(1_704_067_200_000));
        assert_eq!(
            parse_iso_millis("2024-01-01T00:00:00.5Z"),
            Some(1_704_067_200_500)
        );
        assert_eq!(parse_iso_millis("1704067200"), Some(1_704_067_200_000));
        assert_eq!(parse_iso_millis("2024-13-01"), None);
        assert_eq!(parse_iso_millis("yesterday"), None);
        for secs in [
            i64::MIN / 2,
            -62_167_219_201,
            -62_167_219_200,
            -1,
            0,
            59,
            1_704_067_200,
            253_402_300_799,
            253_402_300_800,
            720_000_000_000,
            i64::MAX / 2,
        ] {
            let mut out = Vec::new();
            push_iso_z(&mut out, secs);
            assert_eq!(String::from_utf8(out).unwrap(), iso_z(secs), "{secs}");
            for ms in [secs, secs.wrapping_mul(1000).wrapping_add(7)] {
                let mut out = Vec::new();
                push_iso_millis_offset(&mut out, ms);
                assert_eq!(String::from_utf8(out).unwrap(), iso_millis_offset(ms));
            }
        }
        for d in [-800_000, -1, 0, 1, 19_723, 60_000] {
            let (y, m, dd) = civil_from_days(d);
            assert_eq!(days_from_civil(y, m, dd), d);
        }
    }
}
