//! Parsing what users type.

#![cfg(not(target_arch = "wasm32"))]

use race_planner::domain::input::*;
use race_planner::domain::money::{minor_digits, Money};

#[test]
fn percent_means_percent() {
    assert_eq!(parse_percent("2.5"), Ok(0.025));
    assert_eq!(parse_percent("2.5%"), Ok(0.025));
    assert_eq!(parse_percent(" 2,5 % "), Ok(0.025));
    assert_eq!(parse_percent("0.05"), Ok(0.0005));
    assert_eq!(parse_percent("2.2"), Ok(0.022));
    assert_eq!(parse_percent("100"), Ok(1.0));
    assert_eq!(parse_percent("0"), Ok(0.0));
    assert_eq!(parse_percent("% 12"), Ok(0.12));
    assert_eq!(parse_percent(".5"), Ok(0.005));
    assert_eq!(parse_percent("5."), Ok(0.05));
    assert_eq!(parse_percent("−0"), Ok(0.0));
    for bad in ["250", "-1", "101", "abc", "1e2", "NaN", "inf"] {
        assert_eq!(
            parse_percent(bad).unwrap_err().message,
            "Enter a rate between 0 and 100 %",
            "{bad}"
        );
    }
    assert!(parse_percent("").is_err());
    assert!(parse_percent("   ").is_err());
}

#[test]
fn percent_field_text_round_trips() {
    assert_eq!(format_percent_input(0.025), "2.5");
    assert_eq!(format_percent_input(0.022), "2.2");
    assert_eq!(format_percent_input(0.0005), "0.05");
    assert_eq!(format_percent_input(1.0), "100");
    assert_eq!(format_percent_input(0.0), "0");
    assert_eq!(format_percent_input(f64::NAN), "");
    for text in ["2.5", "0.05", "12.345", "99.9", "33.333333"] {
        let f = parse_percent(text).unwrap();
        assert_eq!(format_percent_input(f), text);
    }
}

#[test]
fn counts_accept_separators() {
    assert_eq!(parse_count("120,000"), Ok(120_000.0));
    assert_eq!(parse_count("120 000"), Ok(120_000.0));
    assert_eq!(parse_count("120\u{a0}000"), Ok(120_000.0));
    assert_eq!(parse_count("1.234,5"), Ok(1_234.5));
    assert_eq!(parse_count("1,234.5"), Ok(1_234.5));
    assert_eq!(parse_count("1.234.567"), Ok(1_234_567.0));
    assert_eq!(parse_count("12,5"), Ok(12.5));
    assert_eq!(parse_count("0,125"), Ok(0.125));
    assert_eq!(parse_count("1200"), Ok(1_200.0));
    assert_eq!(parse_count("1'200"), Ok(1_200.0));
    assert_eq!(
        parse_count("-5").unwrap_err().message,
        "Must not be negative"
    );
    assert_eq!(
        parse_count("ten").unwrap_err().message,
        "Enter a number, like 1200"
    );
    assert!(parse_count("1,2,3").is_err());
    assert!(parse_count("1.2.3,4,5").is_err());
    assert!(parse_count(&"9".repeat(400)).is_err());
    assert_eq!(format_count_input(1_200.0), "1200");
}

#[test]
fn money_is_exact_with_symbols_and_codes() {
    assert_eq!(parse_money("$1,234.56", 2), Ok(Money(123_456)));
    assert_eq!(parse_money("1.234,56 €", 2), Ok(Money(123_456)));
    assert_eq!(parse_money("USD 1200", 2), Ok(Money(120_000)));
    assert_eq!(parse_money("1200 USD", 2), Ok(Money(120_000)));
    assert_eq!(parse_money("£0.10", 2), Ok(Money(10)));
    assert_eq!(parse_money("¥1,500", 0), Ok(Money(1_500)));
    assert_eq!(parse_money("1.250", minor_digits("KWD")), Ok(Money(1_250)));
    assert_eq!(parse_money_in("JPY 1,500", "JPY"), Ok(Money(1_500)));
    assert_eq!(
        parse_money("-$5", 2).unwrap_err().message,
        "Must not be negative"
    );
    assert!(parse_money("1.234", 2).is_err());
    assert!(parse_money("12.5", 0).is_err());
    assert!(parse_money("12abc34", 2).is_err());
    assert!(parse_money("", 2).is_err());
    assert!(parse_money("$", 2).is_err());
    assert_eq!(format_money_input(Money(123_450), 2), "1234.50");
    // What the field shows parses back to the same amount.
    assert_eq!(
        parse_money(&format_money_input(Money(99), 2), 2),
        Ok(Money(99))
    );
}

#[test]
fn scores_and_integers() {
    assert_eq!(parse_score("7.5", 1.0, 10.0), Ok(7.5));
    assert_eq!(parse_score("7,5", 1.0, 10.0), Ok(7.5));
    assert_eq!(
        parse_score("0", 1.0, 10.0).unwrap_err().message,
        "Enter a score from 1 to 10"
    );
    assert_eq!(parse_score("-100", -100.0, 100.0), Ok(-100.0));
    assert_eq!(parse_integer_in("13", 1, 13), Ok(13));
    assert_eq!(
        parse_integer_in("14", 1, 13).unwrap_err().message,
        "Enter a whole number from 1 to 13"
    );
    assert!(parse_integer_in("2.5", 1, 13).is_err());
    assert_eq!(parse_number("-3,5"), Ok(-3.5));
}
