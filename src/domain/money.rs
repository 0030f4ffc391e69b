//! Exact money: integer minor units (cents, pence, yen) and ISO 4217 minor digits.

use serde::{Deserialize, Serialize};

use super::input::InputError;

/// An exact amount of money in the currency's minor units (cents for USD, yen for JPY).
///
/// Serialised as a plain JSON integer. Arithmetic is checked or saturating, never
/// overflowing, so sums are exact and never panic.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Money(pub i64);

/// The largest number of minor digits any currency in use has (BHD, KWD, ... have 3).
pub const MAX_MINOR_DIGITS: u32 = 4;

/// Number of minor-unit digits of an ISO 4217 currency code (case-insensitive).
///
/// 0 for currencies without minor units in practice (JPY, KRW, VND, CLP, ISK, ...),
/// 3 for the dinar family (BHD, KWD, OMR, JOD, TND, IQD, LYD), 2 for everything else.
pub fn minor_digits(code: &str) -> u32 {
    let code = code.trim().to_ascii_uppercase();
    match code.as_str() {
        "JPY" | "KRW" | "VND" | "CLP" | "ISK" | "BIF" | "DJF" | "GNF" | "KMF" | "PYG" | "RWF"
        | "UGX" | "VUV" | "XAF" | "XOF" | "XPF" | "UYI" => 0,
        "BHD" | "KWD" | "OMR" | "JOD" | "TND" | "IQD" | "LYD" => 3,
        "CLF" | "UYW" => 4,
        _ => 2,
    }
}

/// `10^digits` as an `i64`, for digits up to [`MAX_MINOR_DIGITS`] (larger values are capped).
pub fn minor_unit_factor(digits: u32) -> i64 {
    10_i64.pow(digits.min(MAX_MINOR_DIGITS))
}

impl Money {
    /// No money.
    pub const ZERO: Money = Money(0);

    /// Parses a plain decimal amount in major units ("1234.56", "-5", "0.5") exactly,
    /// without going through floating point.
    ///
    /// Accepts an optional leading `-` or `+`, digits, and an optional `.` followed by at
    /// most `digits` decimals. Thousands separators and currency symbols are handled by
    /// [`super::input::parse_money`], which calls this after cleaning the text.
    pub fn from_major_str(text: &str, digits: u32) -> Result<Money, InputError> {
        let digits = digits.min(MAX_MINOR_DIGITS);
        let text = text.trim();
        let (negative, body) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text.strip_prefix('+').unwrap_or(text)),
        };
        let (whole, fraction) = match body.split_once('.') {
            Some((w, f)) => (w, f),
            None => (body, ""),
        };
        let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if (whole.is_empty() && fraction.is_empty()) || !all_digits(whole) || !all_digits(fraction)
        {
            return Err(InputError::new("Enter an amount, like 1200.50"));
        }
        if fraction.len() > digits as usize {
            let extra = &fraction[digits as usize..];
            if extra.bytes().any(|b| b != b'0') {
                return Err(InputError::new(if digits == 0 {
                    "This currency has no decimals: enter a whole amount".to_string()
                } else {
                    format!("Use at most {digits} decimals for this currency")
                }));
            }
        }
        let too_large = || InputError::new("That amount is too large");
        let mut minor: i64 = 0;
        for b in whole.bytes() {
            minor = minor
                .checked_mul(10)
                .and_then(|m| m.checked_add(i64::from(b - b'0')))
                .ok_or_else(too_large)?;
        }
        let mut used = 0;
        for b in fraction.bytes().take(digits as usize) {
            minor = minor
                .checked_mul(10)
                .and_then(|m| m.checked_add(i64::from(b - b'0')))
                .ok_or_else(too_large)?;
            used += 1;
        }
        for _ in used..digits {
            minor = minor.checked_mul(10).ok_or_else(too_large)?;
        }
        Ok(Money(if negative { -minor } else { minor }))
    }

    /// Converts an amount in major units (possibly fractional) to the nearest minor unit.
    /// `None` when the amount is not finite or does not fit.
    pub fn from_major_f64(amount: f64, digits: u32) -> Option<Money> {
        let scaled = (amount * minor_unit_factor(digits) as f64).round();
        if scaled.is_finite() && scaled.abs() < 9.0e18 {
            Some(Money(scaled as i64))
        } else {
            None
        }
    }

    /// The amount in major units as a float (for derived figures and charts only).
    pub fn to_major(self, digits: u32) -> f64 {
        self.0 as f64 / minor_unit_factor(digits) as f64
    }

    /// Exact decimal text in major units, such as "1234.50" or "-0.05" (no grouping).
    pub fn to_major_string(self, digits: u32) -> String {
        let digits = digits.min(MAX_MINOR_DIGITS);
        let factor = minor_unit_factor(digits).unsigned_abs();
        let abs = self.0.unsigned_abs();
        let sign = if self.0 < 0 { "-" } else { "" };
        if digits == 0 {
            format!("{sign}{abs}")
        } else {
            format!(
                "{sign}{}.{:0width$}",
                abs / factor,
                abs % factor,
                width = digits as usize
            )
        }
    }

    /// True when the amount is below zero.
    pub fn is_negative(self) -> bool {
        self.0 < 0
    }

    /// Sum, or `None` on overflow.
    pub fn checked_add(self, other: Money) -> Option<Money> {
        self.0.checked_add(other.0).map(Money)
    }

    /// Difference, or `None` on overflow.
    pub fn checked_sub(self, other: Money) -> Option<Money> {
        self.0.checked_sub(other.0).map(Money)
    }

    /// Sum clamped to the representable range.
    pub fn saturating_add(self, other: Money) -> Money {
        Money(self.0.saturating_add(other.0))
    }

    /// Difference clamped to the representable range.
    pub fn saturating_sub(self, other: Money) -> Money {
        Money(self.0.saturating_sub(other.0))
    }

    /// The amount times a whole number (months, units), clamped to the representable range.
    pub fn saturating_mul(self, times: i64) -> Money {
        Money(self.0.saturating_mul(times))
    }

    /// Exact sum of many amounts, or `None` if it overflows.
    pub fn checked_sum<I: IntoIterator<Item = Money>>(amounts: I) -> Option<Money> {
        amounts
            .into_iter()
            .try_fold(Money::ZERO, |acc, m| acc.checked_add(m))
    }

    /// Sum of many amounts, clamped to the representable range (exact unless it overflows).
    pub fn saturating_sum<I: IntoIterator<Item = Money>>(amounts: I) -> Money {
        // Sum in i128 so that intermediate overflow in either direction cannot clamp early.
        let total: i128 = amounts.into_iter().map(|m| i128::from(m.0)).sum();
        Money(total.clamp(i128::from(i64::MIN), i128::from(i64::MAX)) as i64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_exactly() {
        assert_eq!(Money::from_major_str("1234.56", 2), Ok(Money(123_456)));
        assert_eq!(Money::from_major_str("0.1", 2), Ok(Money(10)));
        assert_eq!(Money::from_major_str("-5", 2), Ok(Money(-500)));
        assert_eq!(Money::from_major_str(".5", 2), Ok(Money(50)));
        assert_eq!(Money::from_major_str("1500", 0), Ok(Money(1500)));
        assert_eq!(Money::from_major_str("1.250", 3), Ok(Money(1250)));
        assert_eq!(Money::from_major_str("1.230", 2), Ok(Money(123)));
        assert!(Money::from_major_str("1.234", 2).is_err());
        assert!(Money::from_major_str("", 2).is_err());
        assert!(Money::from_major_str("1e5", 2).is_err());
        assert!(Money::from_major_str("99999999999999999999", 2).is_err());
    }

    #[test]
    fn currency_digits() {
        assert_eq!(minor_digits("JPY"), 0);
        assert_eq!(minor_digits("krw"), 0);
        assert_eq!(minor_digits("KWD"), 3);
        assert_eq!(minor_digits("EUR"), 2);
        assert_eq!(minor_digits(""), 2);
    }

    #[test]
    fn formats_and_sums() {
        assert_eq!(Money(123_450).to_major_string(2), "1234.50");
        assert_eq!(Money(-5).to_major_string(2), "-0.05");
        assert_eq!(Money(7).to_major_string(0), "7");
        assert_eq!(Money(i64::MAX).saturating_add(Money(1)), Money(i64::MAX));
        assert_eq!(Money::checked_sum([Money(i64::MAX), Money(1)]), None);
        assert_eq!(
            Money::saturating_sum([Money(i64::MAX), Money(1), Money(-2)]),
            Money(i64::MAX - 1)
        );
        assert_eq!(Money(1050).to_major(2), 10.5);
    }
}
