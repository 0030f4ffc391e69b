//! Reading numbers and dates from cells, straight from their text with no allocation.
//!
//! Numbers: `1234`, `1,234.5`, `1.234,5`, `1 234,5` (space, NO-BREAK SPACE or narrow
//! no-break space between thousands), a currency symbol or code before or after
//! (`$`, `€`, `US$ 0,00`, `USD 12`, `12 EUR`), a sign or parentheses for negatives.
//! `--`, `-`, `(not set)`, `N/A` and an empty cell hold no value. A cell ending in `%`
//! is a rate. Where a lone separator could be either (`1,234`, `2.546`), the column's
//! other cells decide ([`DecimalMark`] from [`vote`]), then the file's.
//!
//! Dates: `20240131`, `2024-01-31` (a time after it is ignored: `2024-01-31 09:55:16
//! -0400`, `2023-07-08T00:00:00`), `2024/01/31`, `YYYY-MM` months, short dates
//! `3/20/15` or `17-09-14` (month first when the column says so, see [`DayOrder`]).

use crate::domain::period::{date_from_ymd, Date};

/// Which mark separates decimals in a column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum DecimalMark {
    Dot,
    Comma,
    /// Nothing says: a lone `,` before three digits groups thousands, a lone `.` is a
    /// decimal point.
    Unknown,
}

/// What a number cell holds.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Num {
    /// No value: empty, `--`, `(not set)`…
    Empty,
    Value(f64),
    /// A percent: a rate, never summed.
    Percent,
    /// Not a number.
    Bad,
}

/// True for the cells that mean "no value".
pub(crate) fn is_no_value(t: &str) -> bool {
    t.is_empty()
        || matches!(t, "--" | "-" | "—" | "–" | "(not set)" | "(none)")
        || t.eq_ignore_ascii_case("n/a")
        || t.eq_ignore_ascii_case("null")
}

fn is_currency_symbol(c: char) -> bool {
    matches!(
        c,
        '$' | '€'
            | '£'
            | '¥'
            | '₹'
            | '₽'
            | '₩'
            | '₺'
            | '₪'
            | '₫'
            | '₱'
            | '¢'
            | 'ƒ'
            | '₴'
            | '₦'
    )
}

/// Strips a currency symbol or code (at most 3 capital letters) and spaces from one
/// end; `None` when something else is there.
fn strip_currency(t: &str, front: bool) -> Option<&str> {
    let mut letters = 0;
    let mut rest = t;
    loop {
        let c = if front {
            rest.chars().next()
        } else {
            rest.chars().next_back()
        };
        let Some(c) = c else { return Some(rest) };
        let strip = if c.is_ascii_uppercase() {
            letters += 1;
            letters <= 3
        } else {
            c.is_whitespace() || is_currency_symbol(c)
        };
        if !strip {
            return Some(rest);
        }
        rest = if front {
            &rest[c.len_utf8()..]
        } else {
            &rest[..rest.len() - c.len_utf8()]
        };
    }
}

/// Powers of ten exactly held by an `f64`.
const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// A cell of digits with at most one dot (`1234`, `65.76923076923077`): its digits as
/// an integer, how many of them follow the dot, how many there are and the dots.
struct Plain {
    mantissa: u64,
    decimals: usize,
    digits: usize,
    dots: usize,
}

impl Plain {
    /// The value, for up to 15 digits and 22 decimals.
    fn value(&self) -> f64 {
        let m = self.mantissa as f64;
        match self.decimals {
            0 => m,
            d => m / POW10.get(d).copied().unwrap_or(f64::INFINITY),
        }
    }
}

/// The cell as [`Plain`] when it holds only digits and dots (nothing else, not even
/// spaces) and is shorter than 40 bytes.
fn plain(cell: &[u8]) -> Option<Plain> {
    if cell.is_empty() || cell.len() >= 40 {
        return None;
    }
    let mut p = Plain {
        mantissa: 0,
        decimals: 0,
        digits: 0,
        dots: 0,
    };
    for &c in cell {
        if c.is_ascii_digit() {
            p.mantissa = p
                .mantissa
                .wrapping_mul(10)
                .wrapping_add(u64::from(c - b'0'));
            p.digits += 1;
            p.decimals += usize::from(p.dots > 0);
        } else if c == b'.' {
            p.dots += 1;
        } else {
            return None;
        }
    }
    Some(p)
}

/// Reads a number cell with the column's decimal mark.
pub(crate) fn number(cell: &str, mark: DecimalMark) -> Num {
    // Plain digits with at most one dot (the usual export), read without the general
    // rules: up to 15 digits and 22 decimals, the integer divided by a power of ten is
    // the correctly rounded value, as `str::parse` gives.
    if let Some(p) = plain(cell.as_bytes()) {
        if p.dots == 0 || (p.dots == 1 && mark != DecimalMark::Comma) {
            if p.digits > 0 && p.digits <= 15 && p.decimals < POW10.len() {
                return Num::Value(p.value());
            }
            return match cell.parse::<f64>() {
                Ok(v) if v.is_finite() => Num::Value(v),
                _ => Num::Bad,
            };
        }
    }
    let t = cell.trim();
    if is_no_value(t) {
        return Num::Empty;
    }
    // Fast path: plain digits with at most one dot (the usual export).
    let b = t.as_bytes();
    if b.len() < 40 && b.iter().all(|c| c.is_ascii_digit() || *c == b'.') {
        let dots = b.iter().filter(|c| **c == b'.').count();
        let plain = dots == 0 || (dots == 1 && mark != DecimalMark::Comma);
        if plain {
            return match t.parse::<f64>() {
                Ok(v) if v.is_finite() => Num::Value(v),
                _ => Num::Bad,
            };
        }
    }
    if let Some(rest) = t.strip_suffix('%').or_else(|| t.strip_prefix('%')) {
        return match number(rest, mark) {
            Num::Value(_) => Num::Percent,
            _ => Num::Bad,
        };
    }
    general(t, mark)
}

fn general(t: &str, mark: DecimalMark) -> Num {
    let Some(mut t) = strip_currency(t, true).and_then(|t| strip_currency(t, false)) else {
        return Num::Bad;
    };
    let mut negative = false;
    if let Some(inner) = t.strip_prefix('(').and_then(|s| s.strip_suffix(')')) {
        negative = true;
        t = inner.trim();
    }
    if let Some(rest) = t.strip_prefix(['-', '−']) {
        negative = true;
        t = rest;
    } else if let Some(rest) = t.strip_prefix('+') {
        t = rest;
    }
    // Currency after the sign ("-$12", "- € 5").
    let Some(t) = strip_currency(t, true) else {
        return Num::Bad;
    };
    let mut body = [0u8; 64];
    let mut len = 0;
    let (mut dots, mut commas) = (0, 0);
    let (mut last_dot, mut last_comma) = (0, 0);
    for c in t.chars() {
        let byte = match c {
            '0'..='9' => c as u8,
            '.' => {
                dots += 1;
                last_dot = len;
                b'.'
            }
            ',' => {
                commas += 1;
                last_comma = len;
                b','
            }
            '\'' | '’' | '_' => continue,
            c if c.is_whitespace() => continue,
            _ => return Num::Bad,
        };
        if len == body.len() {
            return Num::Bad;
        }
        body[len] = byte;
        len += 1;
    }
    let body = &body[..len];
    if !body.iter().any(u8::is_ascii_digit) {
        return Num::Bad;
    }
    // Which byte is the decimal mark (the other separators group thousands).
    let decimal: Option<u8> = if dots > 0 && commas > 0 {
        Some(if last_comma > last_dot { b',' } else { b'.' })
    } else if commas > 1 || dots > 1 {
        None
    } else if commas == 1 {
        let after = len - last_comma - 1;
        match mark {
            DecimalMark::Comma => Some(b','),
            _ if after == 3 && last_comma > 0 => None,
            _ => Some(b','),
        }
    } else if dots == 1 {
        let after = len - last_dot - 1;
        match mark {
            DecimalMark::Comma if after == 3 && last_dot > 0 => None,
            _ => Some(b'.'),
        }
    } else {
        None
    };
    let mut out = [0u8; 65];
    let mut n = 0;
    if negative {
        out[0] = b'-';
        n = 1;
    }
    for &c in body {
        if c.is_ascii_digit() {
            out[n] = c;
            n += 1;
        } else if Some(c) == decimal {
            out[n] = b'.';
            n += 1;
        }
    }
    let text = std::str::from_utf8(&out[..n]).unwrap_or("");
    match text.parse::<f64>() {
        Ok(v) if v.is_finite() => Num::Value(if v == 0.0 { 0.0 } else { v }),
        _ => Num::Bad,
    }
}

/// [`vote`] and [`number`] of a cell, its bytes looked at once when it is plain.
pub(crate) fn vote_and_number(cell: &str, mark: DecimalMark) -> ((u32, u32), Num) {
    if let Some(p) = plain(cell.as_bytes()) {
        let simple = p.digits > 0 && p.digits <= 15 && p.decimals < POW10.len();
        if simple && (p.dots == 0 || (p.dots == 1 && mark != DecimalMark::Comma)) {
            let value = Num::Value(p.value());
            let vote = if p.dots == 0 || (p.decimals == 3 && cell.len() > 4) {
                (0, 0)
            } else {
                (1, 0)
            };
            return (vote, value);
        }
    }
    (vote(cell), number(cell, mark))
}

/// What a cell says about its column's decimal mark: (votes for a dot, for a comma).
pub(crate) fn vote(cell: &str) -> (u32, u32) {
    // Digits with at most one dot, the usual cell: a dot with three digits after it
    // could group thousands and says nothing.
    if let Some(p) = plain(cell.as_bytes()) {
        if p.dots == 0 || p.digits == 0 {
            return (0, 0);
        }
        if p.dots == 1 {
            let at = cell.len() - p.decimals - 1;
            return if p.decimals == 3 && at > 0 {
                (0, 0)
            } else {
                (1, 0)
            };
        }
    }
    let t = cell.trim();
    let b = t.as_bytes();
    if b.is_empty() || !b.iter().any(u8::is_ascii_digit) {
        return (0, 0);
    }
    let dots = b.iter().filter(|c| **c == b'.').count();
    let commas = b.iter().filter(|c| **c == b',').count();
    if dots > 0 && commas > 0 {
        let last_dot = t.rfind('.').unwrap_or(0);
        let last_comma = t.rfind(',').unwrap_or(0);
        return if last_comma > last_dot {
            (0, 1)
        } else {
            (1, 0)
        };
    }
    let digits_after = |at: usize| {
        b[at + 1..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count()
    };
    if commas > 1 {
        return (1, 0);
    }
    if dots > 1 {
        // "40.0.2214.111" (a version) says nothing; "1.234.567" says comma.
        return if t.split('.').skip(1).all(|g| g.len() == 3) {
            (0, 1)
        } else {
            (0, 0)
        };
    }
    if commas == 1 {
        let at = t.find(',').unwrap_or(0);
        return if digits_after(at) == 3 && at > 0 {
            (0, 0)
        } else {
            (0, 1)
        };
    }
    if dots == 1 {
        let at = t.find('.').unwrap_or(0);
        return if digits_after(at) == 3 && at > 0 {
            (0, 0)
        } else {
            (1, 0)
        };
    }
    (0, 0)
}

/// The mark from votes, falling back to `fallback` when they say nothing or tie.
pub(crate) fn mark_from(votes: (u32, u32), fallback: DecimalMark) -> DecimalMark {
    match votes {
        (d, c) if d > c => DecimalMark::Dot,
        (d, c) if c > d => DecimalMark::Comma,
        _ => fallback,
    }
}

/// A date cell: a day, or a whole month (`2024-03`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum When {
    Day(Date),
    Month(i32, u8),
}

impl When {
    /// The year (to check the range 2000–2100).
    pub fn year(self) -> i32 {
        match self {
            When::Day(d) => d.year(),
            When::Month(y, _) => y,
        }
    }
}

/// Order of day and month in short dates (`3/20/15`, `17-09-14`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum DayOrder {
    /// Month first (US).
    MonthFirst,
    /// Day first.
    DayFirst,
}

fn digits(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 4 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// The three numbers of a short date `a/b/c`, `a-b-c` or `a.b.c` (year last), with
/// the year made four digits.
fn short_parts(t: &str) -> Option<(u32, u32, i32)> {
    let sep = t.bytes().find(|b| matches!(b, b'/' | b'-' | b'.'))?;
    let mut parts = t.split(char::from(sep));
    let a = parts.next()?;
    let b = parts.next()?;
    let c = parts.next()?;
    if parts.next().is_some() || a.len() > 2 || b.len() > 2 || !(c.len() == 2 || c.len() == 4) {
        return None;
    }
    let year = digits(c)? as i32;
    let year = if c.len() == 2 { 2000 + year } else { year };
    Some((digits(a)?, digits(b)?, year))
}

/// Whether a cell is a short date (`3/20/15`), the one form read by its column's
/// [`DayOrder`].
pub(crate) fn is_short_date(cell: &str) -> bool {
    short_parts(cell.trim()).is_some()
}

/// What a short date says about the order: `Some(DayFirst)` when its first number
/// exceeds 12, `Some(MonthFirst)` when the second does.
pub(crate) fn order_hint(cell: &str) -> Option<DayOrder> {
    let (a, b, _) = short_parts(cell.trim())?;
    if a > 12 && b <= 12 {
        Some(DayOrder::DayFirst)
    } else if b > 12 && a <= 12 {
        Some(DayOrder::MonthFirst)
    } else {
        None
    }
}

/// The default order of short dates with no hint: month first with slashes (US
/// tools), day first with dashes or dots.
pub(crate) fn default_order(cell: &str) -> DayOrder {
    if cell.contains('/') {
        DayOrder::MonthFirst
    } else {
        DayOrder::DayFirst
    }
}

/// Reads a date cell (see the module's formats).
pub(crate) fn date(cell: &str, order: Option<DayOrder>) -> Option<When> {
    let t = cell.trim();
    let b = t.as_bytes();
    let num = |r: std::ops::Range<usize>| -> Option<u32> { t.get(r).and_then(digits) };
    if b.len() == 8 && b.iter().all(u8::is_ascii_digit) {
        return day(num(0..4)? as i32, num(4..6)?, num(6..8)?);
    }
    if b.len() >= 10
        && b[..4].iter().all(u8::is_ascii_digit)
        && matches!(b[4], b'-' | b'/')
        && b[7] == b[4]
        && (b.len() == 10 || matches!(b[10], b' ' | b'T'))
    {
        return day(num(0..4)? as i32, num(5..7)?, num(8..10)?);
    }
    if b.len() == 7 && b[4] == b'-' {
        let (y, m) = (num(0..4)? as i32, num(5..7)?);
        return (1..=12).contains(&m).then_some(When::Month(y, m as u8));
    }
    let (a, bb, year) = short_parts(t)?;
    let order = order.unwrap_or_else(|| default_order(t));
    let (month, d) = match order {
        DayOrder::MonthFirst => (a, bb),
        DayOrder::DayFirst => (bb, a),
    };
    day(year, month, d)
}

fn day(year: i32, month: u32, d: u32) -> Option<When> {
    let month = u8::try_from(month).ok()?;
    let d = u8::try_from(d).ok()?;
    if !(1000..=9999).contains(&year) {
        return None;
    }
    date_from_ymd(year, month, d).map(When::Day)
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

fn month_name(word: &str) -> Option<u32> {
    let w = word.trim_end_matches([',', '.']).to_ascii_lowercase();
    if w.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| m.starts_with(&w))
        .map(|i| i as u32 + 1)
}

/// A written date: `27 January 2026`, `January 27, 2026`, `Jan 27, 2026`.
pub(crate) fn long_date(text: &str) -> Option<Date> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let [a, b, c] = words.as_slice() else {
        return None;
    };
    let year = digits(c.trim_end_matches(','))? as i32;
    let (d, m) = match (digits(a.trim_end_matches(',')), month_name(a)) {
        (Some(d), _) => (d, month_name(b)?),
        (None, Some(m)) => (digits(b.trim_end_matches(','))?, m),
        _ => return None,
    };
    match day(year, m, d)? {
        When::Day(date) => Some(date),
        When::Month(..) => None,
    }
}

/// A range line such as `27 January 2026 - 23 February 2026` or `20150320-20150419`.
pub(crate) fn date_range(text: &str) -> Option<(Date, Date)> {
    let t = text.trim().trim_start_matches('#').trim();
    let b = t.as_bytes();
    if b.len() == 17 && b[8] == b'-' {
        if let (Some(When::Day(s)), Some(When::Day(e))) = (date(&t[..8], None), date(&t[9..], None))
        {
            return (s <= e).then_some((s, e));
        }
    }
    let (from, to) = t
        .split_once(" - ")
        .or_else(|| t.split_once(" – "))
        .or_else(|| t.split_once(" — "))?;
    let (s, e) = (long_date(from)?, long_date(to)?);
    (s <= e).then_some((s, e))
}

#[cfg(test)]
mod tests {
    use super::DecimalMark::*;
    use super::*;
    use crate::domain::period::format_date;

    fn v(cell: &str, mark: DecimalMark) -> Num {
        number(cell, mark)
    }

    #[test]
    fn numbers_in_every_export_form() {
        assert_eq!(v("1234", Unknown), Num::Value(1234.0));
        assert_eq!(
            v("65.76923076923077", Unknown),
            Num::Value(65.76923076923077)
        );
        assert_eq!(v("1,234.5", Unknown), Num::Value(1234.5));
        assert_eq!(v("1.234,5", Unknown), Num::Value(1234.5));
        assert_eq!(v("1 234,5", Unknown), Num::Value(1234.5));
        assert_eq!(v("1\u{a0}234,5", Unknown), Num::Value(1234.5));
        assert_eq!(v("1\u{202f}234", Dot), Num::Value(1234.0));
        assert_eq!(v("795,836", Unknown), Num::Value(795_836.0));
        assert_eq!(v("2.546", Comma), Num::Value(2546.0));
        assert_eq!(v("2.546", Dot), Num::Value(2.546));
        assert_eq!(v("1,15", Unknown), Num::Value(1.15));
        assert_eq!(v("1,234", Comma), Num::Value(1.234));
        assert_eq!(v("$1,234.56", Dot), Num::Value(1234.56));
        assert_eq!(v("€ 12", Dot), Num::Value(12.0));
        assert_eq!(v("12 €", Dot), Num::Value(12.0));
        assert_eq!(v("£3", Dot), Num::Value(3.0));
        assert_eq!(v("US$\u{a0}0,00", Comma), Num::Value(0.0));
        assert_eq!(v("USD 12", Dot), Num::Value(12.0));
        assert_eq!(v("-5", Dot), Num::Value(-5.0));
        assert_eq!(v("(5)", Dot), Num::Value(-5.0));
        assert_eq!(v("-$5", Dot), Num::Value(-5.0));
        for empty in ["", " --", "--", "-", "(not set)", "N/A", " "] {
            assert_eq!(v(empty, Dot), Num::Empty, "{empty:?}");
        }
        assert_eq!(v("12.5%", Dot), Num::Percent);
        assert_eq!(v("\"99,88%\"".trim_matches('"'), Comma), Num::Percent);
        for bad in ["abc", "12abc", "< 10%", "1e5", "Ongoing", "12 dollars"] {
            assert_eq!(v(bad, Dot), Num::Bad, "{bad:?}");
        }
    }

    #[test]
    fn votes_decide_the_decimal_mark() {
        assert_eq!(vote("1,5"), (0, 1));
        assert_eq!(vote("1,234"), (0, 0));
        assert_eq!(vote("1.234,5"), (0, 1));
        assert_eq!(vote("4,838.80"), (1, 0));
        assert_eq!(vote("25.75"), (1, 0));
        assert_eq!(vote("2.546"), (0, 0));
        assert_eq!(vote("40.0.2214.111"), (0, 0));
        assert_eq!(mark_from((0, 0), Comma), Comma);
        assert_eq!(mark_from((3, 1), Comma), Dot);
    }

    fn d(cell: &str, order: Option<DayOrder>) -> String {
        match date(cell, order) {
            Some(When::Day(d)) => format_date(d),
            Some(When::Month(y, m)) => format!("{y}-{m:02}"),
            None => "none".into(),
        }
    }

    #[test]
    fn dates_in_every_export_form() {
        assert_eq!(d("20240131", None), "2024-01-31");
        assert_eq!(d("2024-01-31", None), "2024-01-31");
        assert_eq!(d("2025-05-11 09:55:16 -0400", None), "2025-05-11");
        assert_eq!(d("2023-07-08T00:00:00", None), "2023-07-08");
        assert_eq!(d("2024-03", None), "2024-03");
        assert_eq!(d("3/20/15", None), "2015-03-20");
        assert_eq!(d("3/4/2015", Some(DayOrder::DayFirst)), "2015-04-03");
        assert_eq!(d("17-09-14", None), "2014-09-17");
        assert_eq!(d("01.02.2024", None), "2024-02-01");
        assert_eq!(d("2024-02-30", None), "none");
        assert_eq!(d("Jun 14 - Jun 20", None), "none");
        assert_eq!(d("0003", None), "none");
        assert_eq!(order_hint("3/20/15"), Some(DayOrder::MonthFirst));
        assert_eq!(order_hint("17-09-14"), Some(DayOrder::DayFirst));
        assert_eq!(order_hint("3/4/15"), None);
    }

    #[test]
    fn range_lines() {
        let f =
            |t: &str| date_range(t).map(|(a, b)| format!("{} {}", format_date(a), format_date(b)));
        assert_eq!(
            f("27 January 2026 - 23 February 2026").as_deref(),
            Some("2026-01-27 2026-02-23")
        );
        assert_eq!(
            f("Jan 27, 2026 - Feb 23, 2026").as_deref(),
            Some("2026-01-27 2026-02-23")
        );
        assert_eq!(
            f("# 20150320-20150419").as_deref(),
            Some("2015-03-20 2015-04-19")
        );
        assert_eq!(f("All time"), None);
    }
}
