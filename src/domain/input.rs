//! Parsing what users type into the app's fields, with messages they can act on.
//!
//! Every field of the UI goes through one of these functions. They accept the forms
//! people really type: thousands separators ("120,000", "120 000", "1.234.567"), a
//! decimal comma ("2,5"), a percent sign, a currency symbol or code. They never
//! panic and never return NaN or infinity.

use std::fmt;

use super::money::{minor_digits, Money};

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

/// Turns typed number text into a canonical decimal ("-1234.5"), resolving thousands
/// separators and a decimal comma. `Err` carries the user-facing message.
fn canonical_number(text: &str) -> Result<String, InputError> {
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
    let commas = body.matches(',').count();
    let dots = body.matches('.').count();
    let (decimal, group) = if commas > 0 && dots > 0 {
        // Both present: whichever comes last is the decimal separator.
        let last_comma = body.rfind(',').unwrap_or(0);
        let last_dot = body.rfind('.').unwrap_or(0);
        if last_comma > last_dot {
            (Some(','), Some('.'))
        } else {
            (Some('.'), Some(','))
        }
    } else if commas == 1 {
        let (before, after) = body.split_once(',').unwrap_or((&body, ""));
        let digits_before = before.trim_start_matches('0');
        if after.len() == 3 && !digits_before.is_empty() && before.len() <= 3 {
            (None, Some(','))
        } else {
            (Some(','), None)
        }
    } else if commas > 1 {
        (None, Some(','))
    } else if dots > 1 {
        (None, Some('.'))
    } else {
        (Some('.'), None)
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

/// Parses any finite number (negative allowed), with separators resolved.
pub fn parse_number(text: &str) -> Result<f64, InputError> {
    parse_canonical(&canonical_number(text)?)
}

/// Parses a percent as typed and returns the fraction: "2.5", "2.5%" and " 2,5 % " all
/// give 0.025; "0.05" is 0.05 % and gives 0.0005. Only 0–100 % is accepted.
pub fn parse_percent(text: &str) -> Result<f64, InputError> {
    let trimmed = text.trim();
    let without_sign = trimmed
        .strip_suffix('%')
        .or_else(|| trimmed.strip_prefix('%'))
        .unwrap_or(trimmed);
    let canonical = canonical_number(without_sign).map_err(|e| {
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
pub fn parse_count(text: &str) -> Result<f64, InputError> {
    let value = parse_number(text)?;
    if value < 0.0 {
        return Err(InputError::new(MSG_NEGATIVE));
    }
    Ok(value)
}

/// Parses an amount of money in major units into exact minor units.
///
/// Accepts a currency symbol or code before or after the number ("$1,234.56",
/// "1.234,56 €", "USD 1200", "¥1,500"), thousands separators and a decimal comma.
/// `currency_digits` is the currency's minor digits (see [`minor_digits`]); extra
/// non-zero decimals are refused rather than rounded. Negative amounts are refused.
pub fn parse_money(text: &str, currency_digits: u32) -> Result<Money, InputError> {
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
    let canonical = canonical_number(rest)?;
    let value = Money::from_major_str(&canonical, currency_digits)?;
    if negative || value.is_negative() {
        if value.0 == 0 {
            return Ok(Money::ZERO);
        }
        return Err(InputError::new(MSG_NEGATIVE));
    }
    Ok(value)
}

/// Parses an amount of money for an ISO 4217 currency code (see [`parse_money`]).
pub fn parse_money_in(text: &str, currency: &str) -> Result<Money, InputError> {
    parse_money(text, minor_digits(currency))
}

/// Parses a score between `min` and `max` inclusive (decimals allowed, e.g. ICE 7.5).
pub fn parse_score(text: &str, min: f64, max: f64) -> Result<f64, InputError> {
    let value = parse_number(text)?;
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

/// Parses a whole number between `min` and `max` inclusive (weeks, months, 1–5 scores).
pub fn parse_integer_in(text: &str, min: i64, max: i64) -> Result<i64, InputError> {
    let value = parse_number(text)?;
    let range_error = || InputError::new(format!("Enter a whole number from {min} to {max}"));
    if value.fract() != 0.0 || value < min as f64 || value > max as f64 {
        return Err(range_error());
    }
    Ok(value as i64)
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
        assert_eq!(canonical_number("120,000").unwrap(), "120000");
        assert_eq!(canonical_number("120 000").unwrap(), "120000");
        assert_eq!(canonical_number("1.234,5").unwrap(), "1234.5");
        assert_eq!(canonical_number("1,234.5").unwrap(), "1234.5");
        assert_eq!(canonical_number("2,5").unwrap(), "2.5");
        assert_eq!(canonical_number("0,125").unwrap(), "0.125");
        assert_eq!(canonical_number("1.234.567").unwrap(), "1234567");
        assert!(canonical_number("1,23,4").is_err());
        assert!(canonical_number("abc").is_err());
        assert!(canonical_number("1e5").is_err());
    }
}
