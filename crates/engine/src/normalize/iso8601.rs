//! A port of pendulum's ISO 8601 parser (`rust/src/parsing.rs` in python-pendulum, MIT), which is
//! what dlt's timestamp detection and coercion call first (`pendulum.parsing.parse_iso8601`).
//!
//! Only the date/time part is ported: durations and intervals never yield a datetime in dlt, so
//! they are reported as [`Parsed::Other`]. Field ranges are *not* checked here; Python's datetime
//! constructors do that afterwards (see `timestamp::validate`).

/// What the parser recognised.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Parsed {
    /// Date and time.
    DateTime(Fields),
    /// Date only.
    Date(Fields),
    /// Time only.
    Time(Fields),
    /// A duration or interval (never a timestamp for dlt).
    Other,
}

/// Raw fields as parsed; `offset` is in seconds east of UTC.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Fields {
    pub year: u32,
    pub month: u32,
    pub day: u32,
    pub hour: u32,
    pub minute: u32,
    pub second: u32,
    pub microsecond: u32,
    pub offset: Option<i32>,
}

const MONTHS_OFFSETS: [[i32; 14]; 2] = [
    [
        -1, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365,
    ],
    [
        -1, 0, 31, 60, 91, 121, 152, 182, 213, 244, 274, 305, 335, 366,
    ],
];
const DAY_OF_WEEK_TABLE: [i32; 12] = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];

fn p(year: i32) -> i32 {
    year + year / 4 - year / 100 + year / 400
}

pub(crate) fn is_leap(year: i32) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

fn is_long_year(year: i32) -> bool {
    (p(year) % 7 == 4) || (p(year - 1) % 7 == 3)
}

fn days_in_year(year: i32) -> i32 {
    if is_leap(year) {
        366
    } else {
        365
    }
}

fn week_day(year: i32, month: u32, day: u32) -> i32 {
    let y = year - i32::from(month < 3);
    let w = (p(y) + DAY_OF_WEEK_TABLE[(month - 1) as usize] + day as i32) % 7;
    if w == 0 {
        7
    } else {
        w.abs()
    }
}

struct Parser<'a> {
    chars: std::str::Chars<'a>,
    current: char,
    at_end: bool,
}

type R<T> = Option<T>;

impl<'a> Parser<'a> {
    fn new(input: &'a str) -> Self {
        let mut p = Parser {
            chars: input.chars(),
            current: '\0',
            at_end: false,
        };
        p.inc();
        p
    }

    fn inc(&mut self) {
        match self.chars.next() {
            Some(c) => self.current = c,
            None => {
                self.current = '\0';
                self.at_end = true;
            }
        }
    }

    fn end(&self) -> bool {
        self.at_end
    }

    fn int(&mut self, length: usize) -> R<u32> {
        let mut value = 0u32;
        for _ in 0..length {
            if self.end() {
                return None;
            }
            let digit = self.current.to_digit(10)?;
            value = 10 * value + digit;
            self.inc();
        }
        Some(value)
    }

    fn at_time_sep(&self) -> bool {
        self.end() || self.current == ' ' || self.current == 'T'
    }

    fn parse(&mut self) -> R<Parsed> {
        if self.current == 'P' {
            return Some(Parsed::Other);
        }
        let mut dt = Fields {
            month: 1,
            day: 1,
            ..Fields::default()
        };
        if self.current == 'T' {
            self.time(&mut dt, false, false)?;
            return self.finish(Parsed::Time(dt));
        }
        let first = self.int(2)?;
        if self.current == ':' {
            dt.hour = first;
            self.time(&mut dt, true, true)?;
            return self.finish(Parsed::Time(dt));
        }
        dt.year = first * 100 + self.int(2)?;
        let mut extended = false;
        if self.current == '-' {
            self.inc();
            extended = true;
            if self.current == 'W' {
                self.inc();
                let week = self.int(2)?;
                let mut wday = 1;
                if !self.at_time_sep() {
                    if self.current != '-' {
                        return None;
                    }
                    self.inc();
                    wday = self.int(1)?;
                }
                (dt.year, dt.month, dt.day) = iso_to_ymd(dt.year, week, wday)?;
            } else {
                dt.month = self.int(2)?;
                if !self.at_time_sep() {
                    if self.current == '-' {
                        self.inc();
                        dt.day = self.int(2)?;
                    } else {
                        let ordinal = (dt.month * 10 + self.int(1)?) as i32;
                        (dt.year, dt.month, dt.day) = ordinal_to_ymd(dt.year, ordinal, false)?;
                    }
                } else {
                    dt.day = 1;
                }
            }
        } else if self.current == 'W' {
            self.inc();
            let week = self.int(2)?;
            let mut wday = 1;
            if !self.at_time_sep() {
                wday = self.int(1)?;
            }
            (dt.year, dt.month, dt.day) = iso_to_ymd(dt.year, week, wday)?;
        } else {
            dt.month = self.int(2)?;
            let ordinal_digit = self.int(1)?;
            if self.at_time_sep() {
                let ordinal = (ordinal_digit + dt.month * 10) as i32;
                (dt.year, dt.month, dt.day) = ordinal_to_ymd(dt.year, ordinal, false)?;
            } else {
                dt.day = ordinal_digit * 10 + self.int(1)?;
            }
        }
        if self.end() {
            return Some(Parsed::Date(dt));
        }
        self.time(&mut dt, false, extended)?;
        // A `/` here starts an interval, which dlt never treats as a datetime.
        self.finish(Parsed::DateTime(dt))
    }

    fn finish(&self, parsed: Parsed) -> R<Parsed> {
        if self.end() {
            Some(parsed)
        } else {
            None
        }
    }

    fn fraction(&mut self) -> R<u32> {
        self.inc();
        let mut us = 0u32;
        let mut i = 0;
        while i < 6 {
            match self.current.to_digit(10) {
                Some(d) => us = us * 10 + d,
                None if i == 0 => return None,
                None => break,
            }
            self.inc();
            i += 1;
        }
        while self.current.is_ascii_digit() {
            self.inc();
        }
        while i < 6 {
            us *= 10;
            i += 1;
        }
        Some(us)
    }

    fn time(&mut self, dt: &mut Fields, skip_hour: bool, extended_date: bool) -> R<()> {
        if self.current != 'T' && self.current != ' ' && !skip_hour {
            return None;
        }
        if !skip_hour {
            self.inc();
            dt.hour = self.int(2)?;
        }
        let tz_or_end = |p: &Self| p.end() || matches!(p.current, 'Z' | '+' | '-');
        if !tz_or_end(self) {
            if self.current == ':' {
                self.inc();
                dt.minute = self.int(2)?;
                if !tz_or_end(self) {
                    if self.current != ':' {
                        return None;
                    }
                    self.inc();
                    dt.second = self.int(2)?;
                    if self.current == '.' || self.current == ',' {
                        dt.microsecond = self.fraction()?;
                    }
                    if !extended_date {
                        return None;
                    }
                }
            } else {
                dt.minute = self.int(2)?;
                if !tz_or_end(self) {
                    dt.second = self.int(2)?;
                    if self.current == '.' || self.current == ',' {
                        dt.microsecond = self.fraction()?;
                    }
                }
                if extended_date {
                    return None;
                }
            }
        }
        if self.current == 'Z' {
            dt.offset = Some(0);
            self.inc();
        } else if matches!(self.current, '+' | '-') {
            let sign = if self.current == '+' { 1 } else { -1 };
            self.inc();
            let tzhour = self.int(2)? as i32;
            if self.current == ':' {
                self.inc();
            }
            let mut tzminute = if self.end() { 0 } else { self.int(2)? as i32 };
            tzminute += tzhour * 60;
            tzminute *= sign;
            if tzminute > 24 * 60 {
                return None;
            }
            dt.offset = Some(tzminute * 60);
        }
        Some(())
    }
}

fn iso_to_ymd(iso_year: u32, iso_week: u32, iso_day: u32) -> R<(u32, u32, u32)> {
    if iso_week > 53 || (iso_week > 52 && !is_long_year(iso_year as i32)) || iso_day > 7 {
        return None;
    }
    let ordinal = iso_week as i32 * 7 + iso_day as i32 - (week_day(iso_year as i32, 1, 4) + 3);
    ordinal_to_ymd(iso_year, ordinal, true)
}

fn ordinal_to_ymd(year: u32, ordinal: i32, allow_out_of_bounds: bool) -> R<(u32, u32, u32)> {
    let mut ord = ordinal;
    let mut y = year as i32;
    if ord < 1 {
        if !allow_out_of_bounds {
            return None;
        }
        ord += days_in_year(y - 1);
        y -= 1;
    }
    if ord > days_in_year(y) {
        if !allow_out_of_bounds {
            return None;
        }
        ord -= days_in_year(y);
        y += 1;
    }
    let leap = usize::from(is_leap(y));
    for i in 1..14 {
        if ord <= MONTHS_OFFSETS[leap][i] {
            let day = ord - MONTHS_OFFSETS[leap][i - 1];
            return Some((y.max(0) as u32, (i - 1) as u32, day as u32));
        }
    }
    None
}

/// Parses like `pendulum.parsing.parse_iso8601`; `None` where pendulum raises.
pub fn parse_iso8601(input: &str) -> Option<Parsed> {
    Parser::new(input).parse()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dt(s: &str) -> Fields {
        match parse_iso8601(s) {
            Some(Parsed::DateTime(f)) => f,
            other => panic!("{s}: {other:?}"),
        }
    }

    #[test]
    fn parses_common_shapes() {
        let f = dt("2024-01-02T03:04:05.123Z");
        assert_eq!(
            (
                f.year,
                f.month,
                f.day,
                f.hour,
                f.minute,
                f.second,
                f.microsecond,
                f.offset
            ),
            (2024, 1, 2, 3, 4, 5, 123_000, Some(0))
        );
        assert_eq!(dt("2024-01-02 03:04").minute, 4);
        assert_eq!(dt("2024-01-02T03:04:05+0530").offset, Some(19_800));
        assert_eq!(dt("2024-01-02T03:04:05-02:00").offset, Some(-7_200));
        assert_eq!(dt("20240102T030405Z").second, 5);
        assert_eq!(dt("2024-W01-1T00:00").day, 1);
        assert_eq!(dt("2024-032T10:00").month, 2);
        assert!(matches!(parse_iso8601("2024-01-02"), Some(Parsed::Date(_))));
        assert!(matches!(parse_iso8601("03:04:05"), Some(Parsed::Time(_))));
        assert!(matches!(parse_iso8601("P1D"), Some(Parsed::Other)));
    }

    #[test]
    fn rejects_what_pendulum_rejects() {
        for s in [
            "2024-1-2",
            "20240102T03:04:05",
            "2024-01-02T03:04:05 junk",
            "2024/01/02 10:00",
            "Mon, 01 Jan 2024 00:00:00",
            "2024-01-01T00:00:00/2024-02-01T00:00:00",
            "",
        ] {
            assert!(
                !matches!(parse_iso8601(s), Some(Parsed::DateTime(_))),
                "{s} must not be a datetime"
            );
        }
    }
}
