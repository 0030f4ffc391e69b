//! Parsing what users type.

#![cfg(not(target_arch = "wasm32"))]

use race_planner::domain::input::DecimalMark::{Comma, Dot};
use race_planner::domain::input::*;
use race_planner::domain::money::{minor_digits, Money};

#[test]
fn percent_means_percent() {
    assert_eq!(parse_percent("2.5", Dot), Ok(0.025));
    assert_eq!(parse_percent("2.5%", Dot), Ok(0.025));
    assert_eq!(parse_percent(" 2,5 % ", Dot), Ok(0.025));
    assert_eq!(parse_percent("0.05", Dot), Ok(0.0005));
    assert_eq!(parse_percent("2.2", Dot), Ok(0.022));
    assert_eq!(parse_percent("100", Dot), Ok(1.0));
    assert_eq!(parse_percent("0", Dot), Ok(0.0));
    assert_eq!(parse_percent("% 12", Dot), Ok(0.12));
    assert_eq!(parse_percent(".5", Dot), Ok(0.005));
    assert_eq!(parse_percent("5.", Dot), Ok(0.05));
    assert_eq!(parse_percent("−0", Dot), Ok(0.0));
    for bad in ["250", "-1", "101", "abc", "1e2", "NaN", "inf"] {
        assert_eq!(
            parse_percent(bad, Dot).unwrap_err().message,
            "Enter a rate between 0 and 100 %",
            "{bad}"
        );
    }
    assert!(parse_percent("", Dot).is_err());
    assert!(parse_percent("   ", Dot).is_err());
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
        let f = parse_percent(text, Dot).unwrap();
        assert_eq!(format_percent_input(f), text);
    }
}

#[test]
fn counts_accept_separators() {
    assert_eq!(parse_count("120,000", Dot), Ok(120_000.0));
    assert_eq!(parse_count("120 000", Dot), Ok(120_000.0));
    assert_eq!(parse_count("120\u{a0}000", Dot), Ok(120_000.0));
    assert_eq!(parse_count("1.234,5", Dot), Ok(1_234.5));
    assert_eq!(parse_count("1,234.5", Dot), Ok(1_234.5));
    assert_eq!(parse_count("1.234.567", Dot), Ok(1_234_567.0));
    assert_eq!(parse_count("12,5", Dot), Ok(12.5));
    assert_eq!(parse_count("0,125", Dot), Ok(0.125));
    assert_eq!(parse_count("1200", Dot), Ok(1_200.0));
    assert_eq!(parse_count("1'200", Dot), Ok(1_200.0));
    assert_eq!(
        parse_count("-5", Dot).unwrap_err().message,
        "Must not be negative"
    );
    assert_eq!(
        parse_count("ten", Dot).unwrap_err().message,
        "Enter a number, like 1200"
    );
    assert!(parse_count("1,2,3", Dot).is_err());
    assert!(parse_count("1.2.3,4,5", Dot).is_err());
    assert!(parse_count(&"9".repeat(400), Dot).is_err());
    assert_eq!(format_count_input(1_200.0), "1200");
}

#[test]
fn money_is_exact_with_symbols_and_codes() {
    assert_eq!(parse_money("$1,234.56", 2, Dot), Ok(Money(123_456)));
    assert_eq!(parse_money("1.234,56 €", 2, Dot), Ok(Money(123_456)));
    assert_eq!(parse_money("USD 1200", 2, Dot), Ok(Money(120_000)));
    assert_eq!(parse_money("1200 USD", 2, Dot), Ok(Money(120_000)));
    assert_eq!(parse_money("£0.10", 2, Dot), Ok(Money(10)));
    assert_eq!(parse_money("¥1,500", 0, Dot), Ok(Money(1_500)));
    assert_eq!(
        parse_money("1.250", minor_digits("KWD"), Dot),
        Ok(Money(1_250))
    );
    assert_eq!(
        parse_money("JPY 1,500", minor_digits("JPY"), Dot),
        Ok(Money(1_500))
    );
    assert_eq!(
        parse_money("-$5", 2, Dot).unwrap_err().message,
        "Must not be negative"
    );
    assert!(parse_money("1.234", 2, Dot).is_err());
    assert!(parse_money("12.5", 0, Dot).is_err());
    assert!(parse_money("12abc34", 2, Dot).is_err());
    assert!(parse_money("", 2, Dot).is_err());
    assert!(parse_money("$", 2, Dot).is_err());
    assert_eq!(format_money_input(Money(123_450), 2), "1234.50");
    // What the field shows parses back to the same amount.
    assert_eq!(
        parse_money(&format_money_input(Money(99), 2), 2, Dot),
        Ok(Money(99))
    );
}

#[test]
fn scores_and_signed_numbers() {
    assert_eq!(parse_score("7.5", 1.0, 10.0, Dot), Ok(7.5));
    assert_eq!(parse_score("7,5", 1.0, 10.0, Dot), Ok(7.5));
    assert_eq!(
        parse_score("0", 1.0, 10.0, Dot).unwrap_err().message,
        "Enter a score from 1 to 10"
    );
    assert_eq!(parse_score("-100", -100.0, 100.0, Dot), Ok(-100.0));
    assert_eq!(parse_number("-3,5", Dot), Ok(-3.5));
}

#[test]
fn a_decimal_comma_plan_reads_numbers_as_its_people_write_them() {
    // "1.500" is fifteen hundred where a comma marks decimals, one and a half elsewhere.
    assert_eq!(parse_count("1.500", Comma), Ok(1_500.0));
    assert_eq!(parse_count("1.500", Dot), Ok(1.5));
    assert_eq!(parse_count("1,500", Comma), Ok(1.5));
    assert_eq!(parse_count("1,500", Dot), Ok(1_500.0));
    assert_eq!(parse_money("1.500", 2, Comma), Ok(Money(150_000)));
    assert_eq!(parse_money("1.234,56 €", 2, Comma), Ok(Money(123_456)));
    assert_eq!(parse_money("14,50", 2, Comma), Ok(Money(1_450)));
    assert_eq!(parse_percent("2,5", Comma), Ok(0.025));
    assert_eq!(parse_score("7,5", 1.0, 10.0, Comma), Ok(7.5));
    // A dot that makes no group of three is still read as decimals.
    assert_eq!(parse_percent("2.5", Comma), Ok(0.025));
    // Three decimals of a currency that has them: written with the plan's mark, the
    // field's text reads back as the same amount.
    let kwd = minor_digits("KWD");
    let shown = Comma.write(format_money_input(Money(1_250), kwd));
    assert_eq!(shown, "1,250");
    assert_eq!(parse_money(&shown, kwd, Comma), Ok(Money(1_250)));
    for v in [0.025, 0.125, 0.5, 0.0005] {
        assert_eq!(
            parse_percent(&Comma.write(format_percent_input(v)), Comma),
            Ok(v)
        );
    }
    assert_eq!(
        parse_count(&Comma.write(format_count_input(1_234.5)), Comma),
        Ok(1_234.5)
    );
}
