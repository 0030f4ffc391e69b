//! The plan's business profile choices: currencies and locales offered, and changing
//! the currency without changing what the amounts mean.

use crate::domain::input::InputError;
use crate::domain::money::{minor_digits, minor_unit_factor, Money};
use crate::domain::plan::Plan;

/// Currencies offered when choosing a plan's currency (ISO 4217), with their names.
pub const CURRENCIES: &[(&str, &str)] = &[
    ("USD", "US dollar"),
    ("EUR", "Euro"),
    ("GBP", "Pound sterling"),
    ("CAD", "Canadian dollar"),
    ("AUD", "Australian dollar"),
    ("NZD", "New Zealand dollar"),
    ("CHF", "Swiss franc"),
    ("SEK", "Swedish krona"),
    ("NOK", "Norwegian krone"),
    ("DKK", "Danish krone"),
    ("PLN", "Polish złoty"),
    ("JPY", "Japanese yen"),
    ("KRW", "South Korean won"),
    ("INR", "Indian rupee"),
    ("SGD", "Singapore dollar"),
    ("BRL", "Brazilian real"),
    ("MXN", "Mexican peso"),
    ("ZAR", "South African rand"),
    ("AED", "UAE dirham"),
    ("KWD", "Kuwaiti dinar"),
];

/// Locales offered for number and date formats (BCP 47), with their names.
pub const LOCALES: &[(&str, &str)] = &[
    ("en-US", "English (United States)"),
    ("en-GB", "English (United Kingdom)"),
    ("en-AU", "English (Australia)"),
    ("en-IN", "English (India)"),
    ("de-DE", "Deutsch (Deutschland)"),
    ("fr-FR", "Français (France)"),
    ("es-ES", "Español (España)"),
    ("it-IT", "Italiano (Italia)"),
    ("nl-NL", "Nederlands (Nederland)"),
    ("pt-BR", "Português (Brasil)"),
    ("sv-SE", "Svenska (Sverige)"),
    ("da-DK", "Dansk (Danmark)"),
    ("nb-NO", "Norsk bokmål (Norge)"),
    ("pl-PL", "Polski (Polska)"),
    ("ja-JP", "日本語 (日本)"),
];

fn rescale(amount: Money, from: u32, to: u32) -> Money {
    if from == to {
        return amount;
    }
    if to > from {
        amount.saturating_mul(minor_unit_factor(to - from))
    } else {
        // Round half away from zero to the coarser unit.
        let factor = minor_unit_factor(from - to).max(1);
        let half = factor / 2;
        let v = amount.0;
        let rounded = if v >= 0 {
            v.saturating_add(half) / factor
        } else {
            v.saturating_sub(half) / factor
        };
        Money(rounded)
    }
}

impl Plan {
    /// Changes the plan's currency. Amounts keep their value in major units: 1,234.56
    /// stays 1,234.56 (or becomes 1,235 in a currency without cents).
    pub fn set_currency(&mut self, code: &str) -> Result<(), InputError> {
        let code = code.trim().to_ascii_uppercase();
        if code.len() != 3 || !code.chars().all(|c| c.is_ascii_uppercase()) {
            return Err(InputError::new(
                "Enter a three-letter currency code, like USD or EUR",
            ));
        }
        let (from, to) = (minor_digits(&self.profile.currency), minor_digits(&code));
        let r = |m: &mut Money| *m = rescale(*m, from, to);
        r(&mut self.funnel.aov);
        r(&mut self.funnel.arpa);
        r(&mut self.funnel.marketing_cost_other);
        if let Some(m) = self.opportunity.baseline.revenue.as_mut() {
            r(m);
        }
        if let Some(m) = self.opportunity.baseline.marketing_spend.as_mut() {
            r(m);
        }
        for stage in crate::domain::plan::Stage::ALL {
            for t in &mut self.stages.get_mut(stage).touchpoints {
                r(&mut t.budget);
            }
        }
        for i in &mut self.strategy.initiatives {
            r(&mut i.cost);
        }
        r(&mut self.strategy.initiative_budget);
        for a in &mut self.action.actions {
            r(&mut a.budget);
        }
        self.profile.currency = code;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_keep_their_major_value_across_currencies() {
        let mut plan = Plan::new("p1", "Test", 0, "2026-01-01");
        plan.funnel.aov = Money(123_456); // 1,234.56 USD
        plan.set_currency("jpy").unwrap();
        assert_eq!(plan.profile.currency, "JPY");
        assert_eq!(plan.funnel.aov, Money(1_235));
        plan.set_currency("KWD").unwrap();
        assert_eq!(plan.funnel.aov, Money(1_235_000));
        plan.set_currency("EUR").unwrap();
        assert_eq!(plan.funnel.aov, Money(123_500));
    }

    #[test]
    fn bad_codes_are_refused_and_change_nothing() {
        let mut plan = Plan::new("p1", "Test", 0, "2026-01-01");
        for bad in ["", "US", "US1", "dollars"] {
            assert!(plan.set_currency(bad).is_err());
        }
        assert_eq!(plan.profile.currency, "USD");
    }

    #[test]
    fn offered_currencies_and_locales_are_well_formed() {
        assert!(CURRENCIES.iter().all(|(c, _)| c.len() == 3));
        assert!(LOCALES
            .iter()
            .all(|(l, _)| l.len() == 5 && l.as_bytes()[2] == b'-'));
    }
}
