//! Calendar periods for actuals and targets: ISO weeks ("2026-W05") and months ("2026-03").

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
pub use time::Date;
use time::{Duration, Month, Weekday};

use super::input::InputError;

/// Message for a date that is not a real `YYYY-MM-DD` date.
pub const MSG_DATE: &str = "Enter a date as YYYY-MM-DD, like 2026-03-31";

/// Earliest year the app accepts in dates and periods.
pub const MIN_YEAR: i32 = 1900;
/// Latest year the app accepts in dates and periods.
pub const MAX_YEAR: i32 = 2200;

/// Parses a `YYYY-MM-DD` date (years 1900–2200), refusing impossible days like 2026-02-30.
pub fn parse_date(text: &str) -> Result<Date, InputError> {
    let err = || InputError::new(MSG_DATE);
    let text = text.trim();
    let bytes = text.as_bytes();
    if bytes.len() != 10 || bytes.get(4) != Some(&b'-') || bytes.get(7) != Some(&b'-') {
        return Err(err());
    }
    let year: i32 = text
        .get(0..4)
        .and_then(|s| s.parse().ok())
        .ok_or_else(err)?;
    let month: u8 = text
        .get(5..7)
        .and_then(|s| s.parse().ok())
        .ok_or_else(err)?;
    let day: u8 = text
        .get(8..10)
        .and_then(|s| s.parse().ok())
        .ok_or_else(err)?;
    if !(MIN_YEAR..=MAX_YEAR).contains(&year) {
        return Err(err());
    }
    let month = Month::try_from(month).map_err(|_| err())?;
    Date::from_calendar_date(year, month, day).map_err(|_| err())
}

/// Formats a date as `YYYY-MM-DD`.
pub fn format_date(date: Date) -> String {
    format!(
        "{:04}-{:02}-{:02}",
        date.year(),
        u8::from(date.month()),
        date.day()
    )
}

/// A date from year, month (1–12) and day, or `None` if it does not exist.
pub fn date_from_ymd(year: i32, month: u8, day: u8) -> Option<Date> {
    let month = Month::try_from(month).ok()?;
    Date::from_calendar_date(year, month, day).ok()
}

/// The date `days` days after `date` (before it when negative), or `None` out of range.
pub fn add_days(date: Date, days: i64) -> Option<Date> {
    date.checked_add(Duration::days(days))
}

/// Whole days from `from` to `to` (negative when `to` is earlier).
pub fn days_between(from: Date, to: Date) -> i64 {
    i64::from(to.to_julian_day()) - i64::from(from.to_julian_day())
}

/// A run of whole days: the first day's Julian day number and how many days.
/// Comparing spans is plain integer arithmetic, for fast overlaps.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct DaySpan {
    /// Julian day number of the first day.
    pub first: i64,
    /// Number of days, at least 1.
    pub days: i64,
}

impl DaySpan {
    /// Julian day number of the last day.
    pub fn last(self) -> i64 {
        self.first + self.days - 1
    }

    /// Days shared with another span (0 when they do not overlap).
    pub fn overlap(self, other: DaySpan) -> i64 {
        (self.last().min(other.last()) - self.first.max(other.first) + 1).max(0)
    }
}

/// A reporting period: an ISO 8601 week or a calendar month.
///
/// Serialised as readable text: `"2026-W05"` for a week, `"2026-03"` for a month.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Period {
    /// An ISO week (Monday to Sunday) of an ISO week-numbering year.
    Week {
        /// ISO week-numbering year.
        year: i32,
        /// Week number, 1–52 or 53.
        week: u8,
    },
    /// A calendar month.
    Month {
        /// Calendar year.
        year: i32,
        /// Month, 1–12.
        month: u8,
    },
}

/// Whether a series of periods goes by week or by month.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Granularity {
    /// ISO weeks.
    Week,
    /// Calendar months.
    Month,
}

impl Period {
    /// The month period, if `month` is 1–12 and the year is in range.
    pub fn month(year: i32, month: u8) -> Option<Period> {
        let p = Period::Month { year, month };
        p.is_valid().then_some(p)
    }

    /// The ISO week period, if that week exists in that ISO year.
    pub fn week(year: i32, week: u8) -> Option<Period> {
        let p = Period::Week { year, week };
        p.is_valid().then_some(p)
    }

    /// The month containing a date.
    pub fn month_of(date: Date) -> Period {
        Period::Month {
            year: date.year(),
            month: u8::from(date.month()),
        }
    }

    /// The ISO week containing a date.
    pub fn week_of(date: Date) -> Period {
        let (year, week, _) = date.to_iso_week_date();
        Period::Week { year, week }
    }

    /// The period of the given granularity containing a date.
    pub fn of(date: Date, granularity: Granularity) -> Period {
        match granularity {
            Granularity::Week => Period::week_of(date),
            Granularity::Month => Period::month_of(date),
        }
    }

    /// The year: the ISO week-numbering year of a week, the calendar year of a month.
    pub fn year(self) -> i32 {
        match self {
            Period::Week { year, .. } | Period::Month { year, .. } => year,
        }
    }

    /// Week or month.
    pub fn granularity(self) -> Granularity {
        match self {
            Period::Week { .. } => Granularity::Week,
            Period::Month { .. } => Granularity::Month,
        }
    }

    /// True when the period exists (month 1–12, week within its ISO year, year 1900–2200).
    pub fn is_valid(self) -> bool {
        self.start().is_some()
    }

    /// First day of the period, or `None` if the period does not exist.
    pub fn start(self) -> Option<Date> {
        match self {
            Period::Week { year, week } => {
                if !(MIN_YEAR..=MAX_YEAR).contains(&year) {
                    return None;
                }
                Date::from_iso_week_date(year, week, Weekday::Monday).ok()
            }
            Period::Month { year, month } => {
                if !(MIN_YEAR..=MAX_YEAR).contains(&year) {
                    return None;
                }
                date_from_ymd(year, month, 1)
            }
        }
    }

    /// Last day of the period (inclusive), or `None` if the period does not exist.
    pub fn end(self) -> Option<Date> {
        let start = self.start()?;
        add_days(start, self.days()? - 1)
    }

    /// Number of days in the period (7 for a week, 28–31 for a month).
    pub fn days(self) -> Option<i64> {
        match self {
            Period::Week { .. } => self.start().map(|_| 7),
            Period::Month { year, month } => {
                let m = Month::try_from(month).ok()?;
                self.start()?;
                Some(i64::from(time::util::days_in_month(m, year)))
            }
        }
    }

    /// True when the date falls inside the period.
    pub fn contains(self, date: Date) -> bool {
        match (self.start(), self.end()) {
            (Some(s), Some(e)) => s <= date && date <= e,
            _ => false,
        }
    }

    /// Share of the period elapsed at the end of `date`, from 0 to 1: 0 before the
    /// period starts, 1 after it ends, and (days up to and including `date`) ÷ days inside.
    pub fn fraction_elapsed(self, date: Date) -> f64 {
        let (Some(start), Some(days)) = (self.start(), self.days()) else {
            return 0.0;
        };
        let elapsed = days_between(start, date) + 1;
        (elapsed as f64 / days as f64).clamp(0.0, 1.0)
    }

    /// Days this period shares with another (0 when they do not overlap).
    pub fn overlap_days(self, other: Period) -> i64 {
        match (self.day_span(), other.day_span()) {
            (Some(a), Some(b)) => a.overlap(b),
            _ => 0,
        }
    }

    /// The period as a span of day numbers, or `None` if the period does not exist.
    pub fn day_span(self) -> Option<DaySpan> {
        let start = self.start()?;
        Some(DaySpan {
            first: i64::from(start.to_julian_day()),
            days: self.days_from(start)?,
        })
    }

    fn days_from(self, start: Date) -> Option<i64> {
        match self {
            Period::Week { .. } => Some(7),
            Period::Month { year, .. } => {
                Some(i64::from(time::util::days_in_month(start.month(), year)))
            }
        }
    }

    /// The period right after this one, or `None` past the supported range.
    pub fn next(self) -> Option<Period> {
        let end = self.end()?;
        let after = add_days(end, 1)?;
        let next = Period::of(after, self.granularity());
        next.is_valid().then_some(next)
    }

    /// `count` consecutive periods starting with the one containing `start`.
    pub fn sequence(start: Date, granularity: Granularity, count: usize) -> Vec<Period> {
        let mut out = Vec::with_capacity(count.min(10_000));
        let mut current = Some(Period::of(start, granularity)).filter(|p| p.is_valid());
        while let Some(p) = current {
            if out.len() >= count {
                break;
            }
            out.push(p);
            current = p.next();
        }
        out
    }

    /// The months of a plan's horizon: `months` calendar months from the one containing `start`.
    pub fn months_from(start: Date, months: u32) -> Vec<Period> {
        Period::sequence(start, Granularity::Month, months as usize)
    }

    /// The ISO weeks from the one containing `start`, `weeks` of them.
    pub fn weeks_from(start: Date, weeks: u32) -> Vec<Period> {
        Period::sequence(start, Granularity::Week, weeks as usize)
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Period::Week { year, week } => write!(f, "{year:04}-W{week:02}"),
            Period::Month { year, month } => write!(f, "{year:04}-{month:02}"),
        }
    }
}

impl FromStr for Period {
    type Err = InputError;

    /// Reads `"2026-W05"` (ISO week) or `"2026-03"` (month).
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let err = || InputError::new("Enter a period as 2026-03 (month) or 2026-W05 (week)");
        let text = text.trim();
        let (year, rest) = text.split_once('-').ok_or_else(err)?;
        if year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
            return Err(err());
        }
        let year: i32 = year.parse().map_err(|_| err())?;
        let is_two_digits = |s: &str| s.len() == 2 && s.bytes().all(|b| b.is_ascii_digit());
        let period = if let Some(week) = rest.strip_prefix('W').or_else(|| rest.strip_prefix('w')) {
            if !is_two_digits(week) {
                return Err(err());
            }
            Period::week(year, week.parse().map_err(|_| err())?)
        } else {
            if !is_two_digits(rest) {
                return Err(err());
            }
            Period::month(year, rest.parse().map_err(|_| err())?)
        };
        period.ok_or_else(err)
    }
}

impl Serialize for Period {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Period {
    /// Reads the text in place, without a copy of it (a plan holds thousands).
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Text;
        impl serde::de::Visitor<'_> for Text {
            type Value = Period;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a period such as 2026-03 or 2026-W05")
            }
            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Period, E> {
                text.parse().map_err(|e: InputError| E::custom(e.message))
            }
        }
        deserializer.deserialize_str(Text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_periods() {
        let d = parse_date("2026-03-15").unwrap();
        assert_eq!(format_date(d), "2026-03-15");
        assert!(parse_date("2026-02-30").is_err());
        assert!(parse_date("2026-2-3").is_err());
        let m = Period::month_of(d);
        assert_eq!(m.to_string(), "2026-03");
        assert_eq!(m.days(), Some(31));
        assert!(m.contains(d));
        assert_eq!(m.fraction_elapsed(parse_date("2026-03-31").unwrap()), 1.0);
        assert_eq!(m.fraction_elapsed(parse_date("2026-02-01").unwrap()), 0.0);
        let w: Period = "2026-W01".parse().unwrap();
        assert_eq!(format_date(w.start().unwrap()), "2025-12-29");
        assert_eq!(format_date(w.end().unwrap()), "2026-01-04");
        assert!("2026-W54".parse::<Period>().is_err());
        assert!("2026-13".parse::<Period>().is_err());
        assert_eq!(Period::months_from(d, 12).len(), 12);
        assert_eq!(Period::months_from(d, 12)[11].to_string(), "2027-02");
        assert_eq!(Period::weeks_from(d, 53).len(), 53);
        let json = serde_json::to_string(&w).unwrap();
        assert_eq!(json, "\"2026-W01\"");
        assert_eq!(serde_json::from_str::<Period>(&json).unwrap(), w);
    }
}
