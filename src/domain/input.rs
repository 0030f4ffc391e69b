//! Parsing what users type into the app's fields, with messages they can act on.
//!
//! Every field of the UI goes through one of these functions. They accept the forms
//! people really type: thousands separators ("120,000", "120 000", "1.234.567"), a
//! decimal comma ("2,5"), a percent sign, a currency symbol or code. They never
//! panic and never return NaN or infinity.

use std::fmt;

use super::money::Money;

/// Why a typed value was refused, in words for the user ("Enter a number, like 1200").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputError {
    /// The message to show next to the field.
    pub message: String,
}

impl InputError {
    /// An error with this message.
    pub fn new(message: impl Into<String>) -> Self {
        InputError {
            message: message.into(),
        }
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for InputError {}

/// Message for text that is not a number.
pub const MSG_NUMBER: &str = "Enter a number, like 1200";
/// Message for a negative number where only zero or more makes sense.
pub const MSG_NEGATIVE: &str = "Must not be negative";
/// Message for a percent outside 0–100.
pub const MSG_PERCENT: &str = "Enter a rate between 0 and 100 %";
/// Message for an empty field that needs a value.
pub const MSG_EMPTY: &str = "Enter a value";
/// Message for a number too large to be meant.
pub const MSG_TOO_LARGE: &str = "That number is too large";

fn is_group_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{00A0}' | '\u{202F}' | '\u{2009}' | '\u{2007}')
}

fn is_numeric_char(c: char) -> bool {
    c.is_ascii_digit()
        || matches!(c, '.' | ',' | '\'' | '’' | '_' | '-' | '+' | '−')
        || is_group_space(c)
}

/// The mark a locale writes between a number's whole part and its decimals: "2.5" in
/// en-US, "2,5" in de-DE. Typed numbers are read with the plan's mark: "1.500" is
/// one and a half in en-US and fifteen hundred in de-DE.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DecimalMark {
    /// "2.5" (English, Japanese).
    Dot,
    /// "2,5" (German, French, Spanish, most of Europe, Brazil).
    Comma,
}

impl DecimalMark {
    /// The mark itself.
    pub fn char(self) -> char {
        match self {
            DecimalMark::Dot => '.',
            DecimalMark::Comma => ',',
        }
    }

    /// The other of "." and ",": where a number has only one of them, that one is
    /// read as thousands when it makes groups of three digits ("1,500" in en-US).
    fn other(self) -> char {
        match self {
            DecimalMark::Dot => ',',
            DecimalMark::Comma => '.',
        }
    }

    /// Text written with "." between digits (a number as the app keeps it, "1234.5",
    /// or a hint, "Type 2.5 for 2.5 %") with this mark instead ("1234,5").
    pub fn write(self, text: String) -> String {
        if self == DecimalMark::Dot || !text.contains('.') {
            return text;
        }
        let chars: Vec<char> = text.chars().collect();
        let digit = |i: Option<usize>| {
            i.and_then(|i| chars.get(i))
                .is_some_and(char::is_ascii_digit)
        };
        chars
            .iter()
            .enumerate()
            .map(|(i, &c)| {
                if c == '.'
                    && digit(i.checked_add(1))
                    && (i == 0 || digit(i.checked_sub(1)) || chars[i - 1] == '-')
                {
                    ','
                } else {
                    c
                }
            })
            .collect()
    }
}

/// Typed number text as plain decimal digits with a "." ("-1234.5"), its thousands
/// separators removed: both "." and "," in it, the last one is the decimal mark; only
/// one of them, the locale's `mark` is the decimal mark, and the other one separates
/// thousands where it makes groups of three digits ("1,500" and "1,500,000" in en-US)
/// and is the decimal mark otherwise ("2,5"). `Err` carries the user-facing message.
pub fn plain_number(text: &str, mark: DecimalMark) -> Result<String, InputError> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(InputError::new(MSG_EMPTY));
    }
    let mut negative = false;
    let mut body: String = String::with_capacity(trimmed.len());
    for (i, c) in trimmed.chars().enumerate() {
        match c {
            '-' | '−' if i == 0 => negative = true,
            '+' if i == 0 => {}
            c if c.is_ascii_digit() || c == '.' || c == ',' => body.push(c),
            c if is_group_space(c) || matches!(c, '\'' | '’' | '_') => {}
            _ => return Err(InputError::new(MSG_NUMBER)),
        }
    }
    if !body.bytes().any(|b| b.is_ascii_digit()) {
        return Err(InputError::new(MSG_NUMBER));
    }
    let (own, other) = (mark.char(), mark.other());
    let owns = body.matches(own).count();
    let others = body.matches(other).count();
    let (decimal, group) = if owns > 0 && others > 0 {
        // Both present: whichever comes last is the decimal separator.
        if body.rfind(own) > body.rfind(other) {
            (Some(own), Some(other))
        } else {
            (Some(other), Some(own))
        }
    } else if others == 1 {
        let (before, after) = body.split_once(other).unwrap_or((&body, ""));
        let digits_before = before.trim_start_matches('0');
        if after.len() == 3 && !digits_before.is_empty() && before.len() <= 3 {
            (None, Some(other))
        } else {
            (Some(other), None)
        }
    } else if others > 1 {
        (None, Some(other))
    } else if owns > 1 {
        (None, Some(own))
    } else {
        (Some(own), None)
    };
    if let Some(g) = group {
        // Every group after the first must have exactly three digits.
        let integer_part = match decimal {
            Some(d) => body.split(d).next().unwrap_or(""),
            None => body.as_str(),
        };
        let mut groups = integer_part.split(g);
        let first_ok = groups.next().is_some_and(|f| !f.is_empty() && f.len() <= 3);
        if !first_ok || groups.any(|grp| grp.len() != 3) {
            return Err(InputError::new(MSG_NUMBER));
        }
    }
    let mut out = String::with_capacity(body.len() + 1);
    if negative {
        out.push('-');
    }
    let mut seen_decimal = false;
    for c in body.chars() {
        if Some(c) == group {
            continue;
        }
        if Some(c) == decimal {
            if seen_decimal {
                return Err(InputError::new(MSG_NUMBER));
            }
            seen_decimal = true;
            out.push('.');
        } else if c.is_ascii_digit() {
            out.push(c);
        } else {
            return Err(InputError::new(MSG_NUMBER));
        }
    }
    Ok(out)
}

fn parse_canonical(canonical: &str) -> Result<f64, InputError> {
    match canonical.parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(if v == 0.0 { 0.0 } else { v }),
        Ok(_) => Err(InputError::new(MSG_TOO_LARGE)),
        Err(_) => Err(InputError::new(MSG_NUMBER)),
    }
}

/// Parses any finite number (negative allowed), with separators resolved (see
/// [`plain_number`]).
pub fn parse_number(text: &str, mark: DecimalMark) -> Result<f64, InputError> {
    parse_canonical(&plain_number(text, mark)?)
}

/// Parses a percent as typed and returns the fraction: "2.5", "2.5%" and " 2,5 % " all
/// give 0.025; "0.05" is 0.05 % and gives 0.0005. Only 0–100 % is accepted.
pub fn parse_percent(text: &str, mark: DecimalMark) -> Result<f64, InputError> {
    let trimmed = text.trim();
    let without_sign = trimmed
        .strip_suffix('%')
        .or_else(|| trimmed.strip_prefix('%'))
        .unwrap_or(trimmed);
    let canonical = plain_number(without_sign, mark).map_err(|e| {
        if e.message == MSG_EMPTY {
            e
        } else {
            InputError::new(MSG_PERCENT)
        }
    })?;
    let percent = parse_canonical(&canonical).map_err(|_| InputError::new(MSG_PERCENT))?;
    if !(0.0..=100.0).contains(&percent) {
        return Err(InputError::new(MSG_PERCENT));
    }
    // Shift the decimal text by two places so the fraction is the closest float to
    // what was typed (2.2 → 0.022 exactly as if "0.022" had been typed).
    let fraction = format!("{canonical}e-2")
        .parse::<f64>()
        .map_err(|_| InputError::new(MSG_PERCENT))?;
    Ok(if fraction == 0.0 { 0.0 } else { fraction })
}

/// Parses a count of people, sessions or contacts: a non-negative finite number
/// ("120,000", "120 000", "1.234,5").
pub fn parse_count(text: &str, mark: DecimalMark) -> Result<f64, InputError> {
    let value = parse_number(text, mark)?;
    if value < 0.0 {
        return Err(InputError::new(MSG_NEGATIVE));
    }
    Ok(value)
}

/// Parses an amount of money in major units into exact minor units.
///
/// Accepts a currency symbol or code before or after the number ("$1,234.56",
/// "1.234,56 €", "USD 1200", "¥1,500"), thousands separators and a decimal comma.
/// `currency_digits` is the currency's minor digits (see [`super::money::minor_digits`]); extra
/// non-zero decimals are refused rather than rounded. Negative amounts are refused.
pub fn parse_money(
    text: &str,
    currency_digits: u32,
    mark: DecimalMark,
) -> Result<Money, InputError> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(InputError::new(MSG_EMPTY));
    }
    let (negative, rest) = match trimmed.strip_prefix(['-', '−']) {
        Some(r) => (true, r.trim_start()),
        None => (false, trimmed),
    };
    let is_symbol = |c: char| !is_numeric_char(c);
    let rest = rest
        .trim_start_matches(is_symbol)
        .trim_end_matches(is_symbol);
    let canonical = plain_number(rest, mark)?;
    let value = Money::from_major_str(&canonical, currency_digits)?;
    if negative || value.is_negative() {
        if value.0 == 0 {
            return Ok(Money::ZERO);
        }
        return Err(InputError::new(MSG_NEGATIVE));
    }
    Ok(value)
}

/// Parses a score between `min` and `max` inclusive (decimals allowed, e.g. ICE 7.5).
pub fn parse_score(text: &str, min: f64, max: f64, mark: DecimalMark) -> Result<f64, InputError> {
    let value = parse_number(text, mark)?;
    if value >= min && value <= max {
        Ok(value)
    } else {
        Err(InputError::new(format!(
            "Enter a score from {} to {}",
            trim_number(min, 6),
            trim_number(max, 6)
        )))
    }
}

/// Formats a number with at most `decimals` decimals and no trailing zeros ("2.5", "12").
pub fn trim_number(value: f64, decimals: usize) -> String {
    if !value.is_finite() {
        return String::new();
    }
    let text = format!("{value:.decimals$}");
    let text = if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        text
    };
    if text == "-0" {
        "0".to_string()
    } else {
        text
    }
}

/// The text to show in a percent field for a stored fraction: 0.025 → "2.5".
/// Empty for a non-finite value.
pub fn format_percent_input(fraction: f64) -> String {
    trim_number(fraction * 100.0, 6)
}

/// The text to show in a count field: 1200.0 → "1200" (no grouping, so it re-parses).
pub fn format_count_input(value: f64) -> String {
    trim_number(value, 6)
}

/// The text to show in a money field: Money(123450) with 2 digits → "1234.50".
pub fn format_money_input(amount: Money, currency_digits: u32) -> String {
    amount.to_major_string(currency_digits)
}

/// The message with a capital first letter, for showing alone next to a field or as a
/// label. The app's own messages start with an ASCII letter: other first letters are
/// kept as they are, which spares the download Unicode's case tables.
pub fn sentence(message: &str) -> String {
    let mut text = message.to_string();
    if let Some(first) = text.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_start_with_a_capital() {
        assert_eq!(sentence("must be unique"), "Must be unique");
        assert_eq!(sentence("Already"), "Already");
        assert_eq!(sentence(""), "");
        assert_eq!(sentence("→ leads"), "→ leads");
    }

    #[test]
    fn canonical_forms() {
        let plain = |t| plain_number(t, DecimalMark::Dot);
        assert_eq!(plain("120,000").unwrap(), "120000");
        assert_eq!(plain("120 000").unwrap(), "120000");
        assert_eq!(plain("1.234,5").unwrap(), "1234.5");
        assert_eq!(plain("1,234.5").unwrap(), "1234.5");
        assert_eq!(plain("2,5").unwrap(), "2.5");
        assert_eq!(plain("0,125").unwrap(), "0.125");
        assert_eq!(plain("1.234.567").unwrap(), "1234567");
        assert_eq!(plain("1.500").unwrap(), "1.500");
        assert!(plain("1,23,4").is_err());
        assert!(plain("abc").is_err());
        assert!(plain("1e5").is_err());
    }

    #[test]
    fn a_decimal_comma_locale_reads_a_lone_dot_as_thousands() {
        let plain = |t| plain_number(t, DecimalMark::Comma);
        assert_eq!(plain("1.500").unwrap(), "1500");
        assert_eq!(plain("1.500.000").unwrap(), "1500000");
        assert_eq!(plain("1,500").unwrap(), "1.500");
        assert_eq!(plain("1.234,5").unwrap(), "1234.5");
        assert_eq!(plain("1,234.5").unwrap(), "1234.5");
        assert_eq!(plain("1 234,5").unwrap(), "1234.5");
        // A dot that makes no group of three is a decimal mark all the same.
        assert_eq!(plain("2.5").unwrap(), "2.5");
        assert_eq!(plain("1500.00").unwrap(), "1500.00");
        assert_eq!(plain("0.125").unwrap(), "0.125");
        assert!(plain("1.23.4").is_err());
    }

    #[test]
    fn numbers_are_written_with_the_locale_mark() {
        assert_eq!(DecimalMark::Comma.write("1234.50".into()), "1234,50");
        assert_eq!(DecimalMark::Comma.write("-0.5".into()), "-0,5");
        assert_eq!(
            DecimalMark::Comma.write("Type 2.5 for 2.5 %".into()),
            "Type 2,5 for 2,5 %"
        );
        assert_eq!(DecimalMark::Comma.write("Done. 12".into()), "Done. 12");
        assert_eq!(DecimalMark::Dot.write("1234.50".into()), "1234.50");
    }
}
