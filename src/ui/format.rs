//! Numbers and dates formatted by the browser's `Intl`, in the plan's locale and currency.
//!
//! Formatters are built once per (kind, locale, currency) and cached. `Intl` throws on a
//! malformed locale, so every call goes through `Reflect` and falls back to `en-US`
//! instead of letting an exception escape into the app. Values without a number
//! (a ratio with a zero denominator, a non-finite input) are shown as "—".

use crate::domain::input::{self, DecimalMark};
use js_sys::{Array, Function, Object, Reflect};
use std::cell::RefCell;
use std::collections::HashMap;
use wasm_bindgen::{JsCast, JsValue};

/// What is shown where a number has no value.
pub const NO_VALUE: &str = "—";

#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
enum Kind {
    Money,
    MoneyWhole,
    Count,
    Decimal,
    Percent,
    Date,
    /// A typed number with this many decimals, grouped for reading.
    Grouped(u8),
}

thread_local! {
    static CACHE: RefCell<HashMap<(Kind, String, String), Function>> = RefCell::new(HashMap::new());
}

fn options(kind: Kind, currency: &str) -> Object {
    let o = Object::new();
    let set = |k: &str, v: JsValue| {
        let _ = Reflect::set(&o, &JsValue::from_str(k), &v);
    };
    match kind {
        Kind::Money => {
            set("style", "currency".into());
            set("currency", currency.into());
        }
        Kind::MoneyWhole => {
            set("style", "currency".into());
            set("currency", currency.into());
            set("maximumFractionDigits", 0.into());
            set("minimumFractionDigits", 0.into());
        }
        Kind::Count => set("maximumFractionDigits", 0.into()),
        Kind::Decimal => set("maximumFractionDigits", 2.into()),
        Kind::Percent => {
            set("style", "percent".into());
            set("maximumSignificantDigits", 3.into());
        }
        Kind::Grouped(digits) => {
            set("minimumFractionDigits", digits.into());
            set("maximumFractionDigits", digits.into());
        }
        Kind::Date => {
            set("dateStyle", "medium".into());
            set("timeZone", "UTC".into());
        }
    }
    o
}

fn construct(kind: Kind, locale: &str, currency: &str) -> Option<Function> {
    let intl = Reflect::get(&js_sys::global(), &"Intl".into()).ok()?;
    let ctor_name = if kind == Kind::Date {
        "DateTimeFormat"
    } else {
        "NumberFormat"
    };
    let ctor: Function = Reflect::get(&intl, &ctor_name.into())
        .ok()?
        .dyn_into()
        .ok()?;
    let args = Array::of2(&JsValue::from_str(locale), &options(kind, currency));
    let fmt = Reflect::construct(&ctor, &args).ok()?;
    Reflect::get(&fmt, &"format".into()).ok()?.dyn_into().ok()
}

fn formatter(kind: Kind, locale: &str, currency: &str) -> Option<Function> {
    let key = (kind, locale.to_string(), currency.to_string());
    if let Some(f) = CACHE.with(|c| c.borrow().get(&key).cloned()) {
        return Some(f);
    }
    let f = construct(kind, locale, currency)
        .or_else(|| construct(kind, "en-US", currency))
        .or_else(|| construct(kind, "en-US", "USD"))?;
    CACHE.with(|c| c.borrow_mut().insert(key, f.clone()));
    Some(f)
}

fn run(kind: Kind, locale: &str, currency: &str, value: JsValue) -> Option<String> {
    let f = formatter(kind, locale, currency)?;
    f.call1(&JsValue::UNDEFINED, &value).ok()?.as_string()
}

fn number(kind: Kind, value: f64, locale: &str, currency: &str) -> String {
    if !value.is_finite() {
        return NO_VALUE.to_string();
    }
    run(kind, locale, currency, JsValue::from_f64(value)).unwrap_or_else(|| format!("{value:.2}"))
}

/// An amount of money in major units (e.g. 118800.0 dollars): with cents below
/// 1,000 (a cost per click, an order value), in whole units from 1,000 up, where cents
/// only make a figure harder to read.
pub fn money(major: f64, locale: &str, currency: &str) -> String {
    let kind = if major.abs() < WHOLE_FROM {
        Kind::Money
    } else {
        Kind::MoneyWhole
    };
    number(kind, major, locale, currency)
}

/// From this amount up, money is shown in whole units.
const WHOLE_FROM: f64 = 1000.0;

/// An amount of money rounded to whole units, for large figures and charts.
pub fn money_whole(major: f64, locale: &str, currency: &str) -> String {
    number(Kind::MoneyWhole, major, locale, currency)
}

/// A count of people, sessions or orders, rounded for display.
pub fn count(value: f64, locale: &str) -> String {
    number(Kind::Count, value, locale, "USD")
}

/// A plain number with up to two decimals (ratios such as ROAS 3.25).
pub fn decimal(value: f64, locale: &str) -> String {
    number(Kind::Decimal, value, locale, "USD")
}

/// A rate stored as a fraction (0.025), shown as a percentage (2.5 %) to three
/// significant digits: 76.5 %, 16 %, 2.35 %, 0.125 %.
pub fn percent(fraction: f64, locale: &str) -> String {
    number(Kind::Percent, fraction, locale, "USD")
}

/// The mark the plan's locale writes between whole units and decimals, as `Intl`
/// writes it ("2,5" in de-DE): the one typed numbers are read and written with.
pub fn decimal_mark(locale: &str) -> DecimalMark {
    thread_local! {
        static LAST: RefCell<(String, DecimalMark)> = const { RefCell::new((String::new(), DecimalMark::Dot)) };
    }
    if let Some(mark) = LAST.with(|l| {
        let l = l.borrow();
        (l.0 == locale).then_some(l.1)
    }) {
        return mark;
    }
    let mark = match run(Kind::Grouped(1), locale, "", JsValue::from_f64(1.5)) {
        Some(text) if text.contains(',') => DecimalMark::Comma,
        _ => DecimalMark::Dot,
    };
    LAST.with(|l| *l.borrow_mut() = (locale.to_string(), mark));
    mark
}

/// A number as a field holds it ("600000", "1234,5"), written as the field reads it
/// while it is not being edited: grouped in the plan's locale ("600,000" in en-US,
/// "1.234,5" in de-DE), with the decimals it was typed with. "1.500" typed in a de-DE
/// plan shows as "1.500", fifteen hundred. Text that is not a number comes back as it is.
pub fn grouped(raw: &str, locale: &str) -> String {
    let Ok(plain) = input::plain_number(raw, decimal_mark(locale)) else {
        return raw.to_string();
    };
    let digits = plain
        .split_once('.')
        .map_or(0, |(_, decimals)| decimals.len());
    match plain.parse::<f64>() {
        Ok(v) if v.is_finite() && digits <= 6 => run(
            Kind::Grouped(digits as u8),
            locale,
            "",
            JsValue::from_f64(v),
        )
        .unwrap_or_else(|| raw.to_string()),
        _ => raw.to_string(),
    }
}

/// A moment (unix milliseconds) as a date in the user's locale.
pub fn date_ms(ms: i64, locale: &str) -> String {
    if ms <= 0 {
        return NO_VALUE.to_string();
    }
    let date = js_sys::Date::new(&JsValue::from_f64(ms as f64));
    run(Kind::Date, locale, "", date.into()).unwrap_or_else(|| NO_VALUE.to_string())
}

/// Any optional value through one of the formatters above, "—" when absent.
pub fn opt(value: Option<f64>, f: impl Fn(f64) -> String) -> String {
    value
        .filter(|v| v.is_finite())
        .map(f)
        .unwrap_or_else(|| NO_VALUE.to_string())
}
