//! Dates as days since 1970-01-01, parsed from the formats shops export:
//! ISO `YYYY-MM-DD`, `YYYYMMDD`, `YYYY/MM/DD`, `DD/MM/YYYY`, `MM/DD/YYYY`
//! (also with `-` or `.`), each optionally followed by a time.

/// Day order of a slash date whose year comes last.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DayOrder {
    /// Day first (DD/MM/YYYY).
    Dmy,
    /// Month first (MM/DD/YYYY).
    Mdy,
}

/// Days since 1970-01-01 of a valid civil date (Hinnant's algorithm).
pub fn days_from_civil(y: i32, m: u32, d: u32) -> i32 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe as u32 * 365 + yoe as u32 / 4 - yoe as u32 / 100 + doy;
    era * 146_097 + doe as i32 - 719_468
}

/// (year, month, day) of days since 1970-01-01.
pub fn civil_from_days(z: i32) -> (i32, u32, u32) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = (z - era * 146_097) as u32;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe as i32 + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        _ => 28,
    }
}

fn valid(y: i32, m: u32, d: u32) -> Option<i32> {
    ((1900..=2200).contains(&y) && (1..=12).contains(&m) && d >= 1 && d <= days_in_month(y, m))
        .then(|| days_from_civil(y, m, d))
}

/// The shape of one date value, before the day order is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Parsed {
    /// Unambiguous: days since 1970-01-01.
    Day(i32),
    /// `a/b/YYYY`: either day-month or month-day; `a`, `b` as written.
    Slash { a: u32, b: u32, y: i32 },
}

fn num(s: &[u8]) -> Option<u32> {
    if s.is_empty() || s.len() > 4 || !s.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(s.iter().fold(0, |n, c| n * 10 + (c - b'0') as u32))
}

/// Reads a date (a time after it, separated by a space or `T`, is ignored).
pub fn parse(s: &str) -> Option<Parsed> {
    let s = s.trim();
    let date = s.split([' ', 'T']).next()?.as_bytes();
    if date.len() == 8 && date.iter().all(u8::is_ascii_digit) {
        let y = num(&date[..4])? as i32;
        return valid(y, num(&date[4..6])?, num(&date[6..])?).map(Parsed::Day);
    }
    let sep = *date.iter().find(|c| matches!(c, b'-' | b'/' | b'.'))?;
    let mut parts = date.split(|c| *c == sep);
    let (p1, p2, p3) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    if p1.len() == 4 {
        return valid(num(p1)? as i32, num(p2)?, num(p3)?).map(Parsed::Day);
    }
    if p3.len() == 4 && p1.len() <= 2 && p2.len() <= 2 {
        let (a, b, y) = (num(p1)?, num(p2)?, num(p3)? as i32);
        let dmy = valid(y, b, a);
        let mdy = valid(y, a, b);
        // Kept as a slash date even when only one order is a real date, so
        // the column's order can be decided from it.
        return (dmy.is_some() || mdy.is_some()).then_some(Parsed::Slash { a, b, y });
    }
    None
}

impl Parsed {
    /// Days since 1970-01-01 under a day order (None if not a date that way).
    pub fn resolve(self, order: Option<DayOrder>) -> Option<i32> {
        match (self, order) {
            (Parsed::Day(d), _) => Some(d),
            (Parsed::Slash { a, b, y }, Some(DayOrder::Dmy)) => valid(y, b, a),
            (Parsed::Slash { a, b, y }, Some(DayOrder::Mdy)) => valid(y, a, b),
            (Parsed::Slash { .. }, None) => None,
        }
    }

    /// Which orders this value allows: (day-month possible, month-day possible).
    pub fn orders(self) -> (bool, bool) {
        match self {
            Parsed::Day(_) => (true, true),
            Parsed::Slash { a, b, y } => (valid(y, b, a).is_some(), valid(y, a, b).is_some()),
        }
    }
}

/// `YYYY-MM-DD` of days since 1970-01-01.
pub fn iso(days: i32) -> String {
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Fast path for the common `YYYY-MM-DD` (optionally with a time after it):
/// days since 1970-01-01, or None to fall back to [`parse`].
#[inline]
pub fn parse_iso_fast(s: &[u8]) -> Option<i32> {
    if s.len() < 10
        || s[4] != b'-'
        || s[7] != b'-'
        || (s.len() > 10 && s[10] != b' ' && s[10] != b'T')
    {
        return None;
    }
    let d = |i: usize| -> Option<u32> {
        let c = s[i].wrapping_sub(b'0');
        (c < 10).then_some(c as u32)
    };
    let y = d(0)? * 1000 + d(1)? * 100 + d(2)? * 10 + d(3)?;
    let m = d(5)? * 10 + d(6)?;
    let day = d(8)? * 10 + d(9)?;
    valid(y as i32, m, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_round_trip() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(1997, 1, 1), 9862);
        assert_eq!(days_from_civil(2000, 2, 29), 11016);
        for z in (-50_000..80_000).step_by(97) {
            let (y, m, d) = civil_from_days(z);
            assert_eq!(days_from_civil(y, m, d), z);
        }
    }

    #[test]
    fn formats() {
        let day = |s| parse(s).and_then(|p| p.resolve(None));
        let jan31 = days_from_civil(2024, 1, 31);
        assert_eq!(day("2024-01-31"), Some(jan31));
        assert_eq!(day("2024-01-31 13:45:00"), Some(jan31));
        assert_eq!(day("2024-01-31T13:45"), Some(jan31));
        assert_eq!(day("20240131"), Some(jan31));
        assert_eq!(day("2024/01/31"), Some(jan31));
        assert_eq!(day("2024.1.31"), Some(jan31));
        assert_eq!(
            parse("31/01/2024").unwrap().resolve(Some(DayOrder::Dmy)),
            Some(jan31)
        );
        assert_eq!(
            parse("01/31/2024").unwrap().resolve(Some(DayOrder::Mdy)),
            Some(jan31)
        );
        assert_eq!(parse("31/01/2024").unwrap().orders(), (true, false));
        assert_eq!(parse("05/06/2024").unwrap().orders(), (true, true));
        assert_eq!(parse("2024-02-30"), None);
        assert_eq!(parse("hello"), None);
        assert_eq!(parse(""), None);
        assert_eq!(parse("13/13/2024"), None);
        assert_eq!(parse_iso_fast(b"2024-01-31"), Some(jan31));
        assert_eq!(parse_iso_fast(b"2024-01-31 00:00"), Some(jan31));
        assert_eq!(parse_iso_fast(b"2024-1-31"), None);
        assert_eq!(iso(jan31), "2024-01-31");
    }
}
