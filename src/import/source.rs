//! Recognising the tool a file comes from, and suggesting how its columns become
//! measures.

use super::table::{Parsed, Table};
use super::values::{self, When};
use super::{Mapping, SourceKind};
use crate::domain::measure::{measure_def, RAW_MEASURES};
use crate::domain::period::{add_days, days_between, Date, Granularity, Period};

/// A header as compared: lower case, NO-BREAK SPACEs as spaces, single spaces, trimmed.
pub(crate) fn norm(header: &str) -> String {
    let mut out = String::with_capacity(header.len());
    for word in header
        .split(|c: char| c.is_whitespace() || c == '\u{a0}' || c == '\u{202f}')
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&word.to_lowercase());
    }
    out
}

/// How a table's date column is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum DateKind {
    /// Dates as text.
    Dates,
    /// GA4 `Nth day`: days counted from the table's start date.
    DayIndex,
    /// GA4 `Nth week`: weeks counted from the table's start date.
    WeekIndex,
}

/// The kind of a date column from its header.
pub(crate) fn date_kind(header: &str) -> DateKind {
    match norm(header).as_str() {
        "nth day" | "día n" | "dia n" | "dag n" => DateKind::DayIndex,
        "nth week" | "semana n" | "week n" => DateKind::WeekIndex,
        _ => DateKind::Dates,
    }
}

/// Recognises the source from the comments and every table's header.
pub(crate) fn recognize(parsed: &Parsed) -> SourceKind {
    let comments: Vec<String> = parsed.comments.iter().map(|c| c.to_lowercase()).collect();
    let headers: Vec<Vec<String>> = parsed
        .tables
        .iter()
        .map(|t| t.header.iter().map(|h| norm(h)).collect())
        .collect();
    let has = |h: &Vec<String>, name: &str| h.iter().any(|c| c == name);
    let any = |name: &str| headers.iter().any(|h| has(h, name));
    let comment = |needle: &str| comments.iter().any(|c| c.contains(needle));
    let rule = comments.iter().any(|c| c.starts_with("----"));
    let ga4 = [
        "start date:",
        "fecha de inicio:",
        "property:",
        "propiedad:",
        "report csv export",
        "reports snapshot",
        "exportar informe",
    ]
    .iter()
    .any(|n| comment(n));
    let ua_index = any("day index") || any("dagindex") || any("índice de días");
    let ua_range = comments.iter().any(|c| values::date_range(c).is_some());
    if ua_index || (rule && ua_range && !ga4) {
        return SourceKind::UniversalAnalytics;
    }
    if ga4 {
        return SourceKind::Ga4;
    }
    if headers
        .iter()
        .any(|h| has(h, "clicks") && has(h, "impressions") && has(h, "ctr") && has(h, "position"))
    {
        return SourceKind::SearchConsole;
    }
    if headers
        .iter()
        .any(|h| has(h, "reporting starts") || h.iter().any(|c| c.starts_with("amount spent (")))
    {
        return SourceKind::MetaAds;
    }
    if headers.iter().any(|h| {
        has(h, "name")
            && has(h, "financial status")
            && has(h, "total")
            && (has(h, "paid at") || has(h, "created at"))
    }) {
        return SourceKind::Shopify;
    }
    let titled = parsed.tables.iter().any(|t| {
        t.titles
            .iter()
            .any(|l| norm(l).ends_with(" report") || values::date_range(l).is_some())
    });
    if headers.iter().any(|h| {
        has(h, "impr.")
            || (has(h, "cost") && (has(h, "currency code") || has(h, "campaign")))
            || (titled && has(h, "cost"))
    }) {
        return SourceKind::GoogleAds;
    }
    SourceKind::Other
}

/// Header names for each measure, per source (English, Spanish and Dutch labels).
fn aliases(source: SourceKind) -> &'static [(&'static str, &'static [&'static str])] {
    match source {
        SourceKind::Ga4 => &[
            ("sessions", &["sessions", "sesiones", "sessies"]),
            (
                "engaged_sessions",
                &[
                    "engaged sessions",
                    "sesiones con interacción",
                    "sessies met betrokkenheid",
                ],
            ),
            (
                "leads",
                &[
                    "key events",
                    "conversions",
                    "eventos clave",
                    "conversiones",
                    "belangrijke gebeurtenissen",
                ],
            ),
            (
                "orders",
                &[
                    "purchases",
                    "transactions",
                    "ecommerce purchases",
                    "compras",
                    "transacciones",
                ],
            ),
            (
                "revenue",
                &[
                    "total revenue",
                    "purchase revenue",
                    "ingresos totales",
                    "ingresos por compras",
                    "totale opbrengst",
                ],
            ),
        ],
        SourceKind::UniversalAnalytics => &[
            ("sessions", &["sessions", "sessies", "sesiones"]),
            ("orders", &["transactions", "transacties", "transacciones"]),
            ("revenue", &["revenue", "opbrengst", "ingresos"]),
        ],
        SourceKind::SearchConsole => &[
            ("clicks", &["clicks", "klikken", "clics"]),
            (
                "impressions",
                &["impressions", "vertoningen", "impresiones"],
            ),
        ],
        SourceKind::GoogleAds => &[
            ("impressions", &["impr.", "impressions"]),
            ("clicks", &["clicks", "interactions"]),
            ("spend", &["cost"]),
            ("leads", &["conversions"]),
            ("revenue", &["conv. value"]),
        ],
        SourceKind::MetaAds => &[
            ("impressions", &["impressions"]),
            ("clicks", &["link clicks", "clicks (all)"]),
            ("leads", &["leads", "meta leads", "results"]),
            ("orders", &["purchases"]),
            ("revenue", &["purchases conversion value"]),
        ],
        SourceKind::Shopify => &[
            ("orders", &["name"]),
            ("revenue", &["total"]),
            ("customers", &["email"]),
        ],
        SourceKind::Other => &[],
    }
}

fn date_headers(source: SourceKind) -> &'static [&'static str] {
    match source {
        SourceKind::Ga4 => &[
            "date", "fecha", "datum", "nth day", "día n", "dia n", "nth week", "semana n",
        ],
        SourceKind::UniversalAnalytics => {
            &["day index", "dagindex", "índice de días", "date", "datum"]
        }
        SourceKind::SearchConsole => &["date", "fecha", "datum"],
        SourceKind::GoogleAds => &["day", "date", "week", "month"],
        SourceKind::MetaAds => &["reporting starts", "day", "date"],
        SourceKind::Shopify => &["paid at", "created at"],
        SourceKind::Other => &[
            "date", "day", "week", "month", "fecha", "día", "datum", "dag", "maand", "mes",
        ],
    }
}

/// The dates of a table's date column, for the span; `None` for rows that do not parse.
pub(crate) fn row_date(
    parsed: &Parsed,
    table: &Table,
    kind: DateKind,
    cell: &str,
    order: Option<values::DayOrder>,
) -> Option<When> {
    match kind {
        DateKind::Dates => values::date(cell, order),
        DateKind::DayIndex | DateKind::WeekIndex => {
            let _ = parsed;
            let t = cell.trim();
            if t.is_empty() || t.len() > 6 || !t.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            let n: i64 = t.parse().ok()?;
            let start = table.date_range?.0;
            let days = if kind == DateKind::WeekIndex {
                n * 7
            } else {
                n
            };
            add_days(start, days).map(When::Day)
        }
    }
}

/// The day order of short dates in a column, from its first telling cell.
pub(crate) fn column_order(parsed: &Parsed, table: &Table, col: usize) -> Option<values::DayOrder> {
    parsed
        .rows_of(table)
        .iter()
        .find_map(|r| values::order_hint(parsed.cell(r, col)))
}

/// The day order of a column's short dates, looked for when a short date is first read
/// (no other date needs it, so a column of `20240131` dates is never searched).
pub(crate) struct LazyOrder {
    col: usize,
    found: Option<Option<values::DayOrder>>,
}

impl LazyOrder {
    pub fn new(col: usize) -> LazyOrder {
        LazyOrder { col, found: None }
    }

    /// The order to read `cell` with: [`column_order`] of the column for a short date.
    pub fn for_cell(
        &mut self,
        parsed: &Parsed,
        table: &Table,
        cell: &str,
    ) -> Option<values::DayOrder> {
        if !values::is_short_date(cell) {
            return None;
        }
        let col = self.col;
        *self
            .found
            .get_or_insert_with(|| column_order(parsed, table, col))
    }
}

/// Whether a column's first 20 filled cells are dates: all of them, or most of them
/// when `named` (the header says it holds dates, so a few bad cells are row problems).
fn parses_as_dates(
    parsed: &Parsed,
    table: &Table,
    col: usize,
    kind: DateKind,
    named: bool,
) -> bool {
    let mut order = LazyOrder::new(col);
    let (mut good, mut bad) = (0, 0);
    for r in parsed.rows_of(table).iter().take(20) {
        let cell = parsed.cell(r, col);
        if cell.trim().is_empty() {
            continue;
        }
        let order = order.for_cell(parsed, table, cell);
        if row_date(parsed, table, kind, cell, order).is_some() {
            good += 1;
        } else {
            bad += 1;
        }
    }
    good > 0 && (bad == 0 || (named && good > bad))
}

/// Whether a column holds percents (a rate: never mapped): most of its first 20
/// filled cells end in `%`.
fn is_rate_column(parsed: &Parsed, table: &Table, col: usize) -> bool {
    let (mut percents, mut filled) = (0, 0);
    for r in parsed.rows_of(table).iter().take(20) {
        let cell = parsed.cell(r, col).trim();
        if !values::is_no_value(cell) {
            filled += 1;
            percents += usize::from(cell.ends_with('%'));
        }
    }
    percents * 2 > filled
}

/// The mapping suggested for a table, with notes for the user.
pub(crate) fn suggest(parsed: &Parsed, source: SourceKind, index: usize) -> (Mapping, Vec<String>) {
    let mut notes = Vec::new();
    let Some(table) = parsed.tables.get(index) else {
        return (
            Mapping {
                table: index,
                date_column: None,
                columns: Vec::new(),
                granularity: Granularity::Month,
                period: None,
                touchpoint: None,
            },
            notes,
        );
    };
    let headers: Vec<String> = table.header.iter().map(|h| norm(h)).collect();
    let mut columns: Vec<Option<String>> = vec![None; headers.len()];
    let mut taken = [false; RAW_MEASURES.len()];
    let measure_index = |m: &str| RAW_MEASURES.iter().position(|r| *r == m);
    // Per source: in alias order, so the first alias (Clicks before Interactions) wins.
    for (measure, names) in aliases(source) {
        let Some(mi) = measure_index(measure) else {
            continue;
        };
        for name in *names {
            if taken[mi] {
                break;
            }
            let found = headers.iter().position(|h| {
                h == name || (*measure == "spend" && h.starts_with("amount spent ("))
            });
            if let Some(c) = found {
                if columns[c].is_none() && !is_rate_column(parsed, table, c) {
                    columns[c] = Some((*measure).to_string());
                    taken[mi] = true;
                }
            }
        }
    }
    if source == SourceKind::MetaAds {
        if let Some(c) = headers.iter().position(|h| h.starts_with("amount spent (")) {
            if let Some(mi) = measure_index("spend") {
                if !taken[mi] && columns[c].is_none() {
                    columns[c] = Some("spend".into());
                    taken[mi] = true;
                }
            }
        }
    }
    if source == SourceKind::Other {
        for (c, h) in headers.iter().enumerate() {
            let found = RAW_MEASURES.iter().position(|id| {
                *h == *id
                    || *h == id.replace('_', " ")
                    || measure_def(id).is_some_and(|d| *h == norm(d.name))
            });
            if let Some(mi) = found {
                if !taken[mi] && !is_rate_column(parsed, table, c) {
                    columns[c] = Some(RAW_MEASURES[mi].to_string());
                    taken[mi] = true;
                }
            }
        }
    }
    if source == SourceKind::Ga4 && !taken[measure_index("sessions").unwrap_or(0)] {
        let users = [
            "total users",
            "users",
            "usuarios",
            "active users",
            "usuarios activos",
            "gebruikers",
        ];
        if headers.iter().any(|h| users.contains(&h.as_str())) {
            notes.push("Users are not sessions: the users column is left out (map it yourself if you mean it).".to_string());
        }
    }
    // The date column.
    let names = date_headers(source);
    let mut date_column = names.iter().find_map(|n| {
        let c = headers.iter().position(|h| h == n)?;
        (source == SourceKind::Shopify
            || source == SourceKind::MetaAds
            || parses_as_dates(parsed, table, c, date_kind(&table.header[c]), true))
        .then_some(c)
    });
    if date_column.is_none() && source == SourceKind::Other {
        date_column = (0..headers.len()).find(|&c| {
            columns[c].is_none() && parses_as_dates(parsed, table, c, DateKind::Dates, false)
        });
    }
    // Meta: rows are per day only when each row starts and ends on the same day.
    if source == SourceKind::MetaAds {
        if let (Some(s), Some(e)) = (
            headers.iter().position(|h| h == "reporting starts"),
            headers.iter().position(|h| h == "reporting ends"),
        ) {
            let per_day = parsed
                .rows_of(table)
                .iter()
                .all(|r| parsed.cell(r, s).trim() == parsed.cell(r, e).trim());
            if !per_day && date_column == Some(s) {
                date_column = None;
            }
        }
    }
    let (granularity, period) = match date_column {
        Some(c) => (granularity_of(parsed, table, c), None),
        None => period_of(table, &mut notes),
    };
    if columns.iter().all(Option::is_none) && !table.rows.is_empty() {
        notes.push("No column was recognised: choose the measure each column holds.".to_string());
    }
    (
        Mapping {
            table: index,
            date_column,
            columns,
            granularity,
            period,
            touchpoint: None,
        },
        notes,
    )
}

/// Week when the dates are daily or weekly and span under 3 months, else month.
fn granularity_of(parsed: &Parsed, table: &Table, col: usize) -> Granularity {
    let kind = date_kind(&table.header[col]);
    let mut order = LazyOrder::new(col);
    let (mut min, mut max): (Option<Date>, Option<Date>) = (None, None);
    // Rows of one day often follow each other: a cell like the last one changes nothing.
    let mut last = None;
    for r in parsed.rows_of(table) {
        let cell = parsed.cell(r, col);
        if last == Some(cell) {
            continue;
        }
        last = Some(cell);
        let order = order.for_cell(parsed, table, cell);
        match row_date(parsed, table, kind, cell, order) {
            Some(When::Month(..)) => return Granularity::Month,
            Some(When::Day(d)) if (2000..=2100).contains(&d.year()) => {
                min = Some(min.map_or(d, |m| m.min(d)));
                max = Some(max.map_or(d, |m| m.max(d)));
            }
            _ => {}
        }
    }
    match (min, max) {
        (Some(a), Some(b)) if days_between(a, b) < 92 => Granularity::Week,
        _ => Granularity::Month,
    }
}

/// The period of a table without dates, from its date range when it lies in one.
fn period_of(table: &Table, notes: &mut Vec<String>) -> (Granularity, Option<Period>) {
    if let Some((s, e)) = table.date_range {
        if Period::week_of(s) == Period::week_of(e) {
            return (Granularity::Week, Some(Period::week_of(s)));
        }
        if Period::month_of(s) == Period::month_of(e) {
            return (Granularity::Month, Some(Period::month_of(s)));
        }
        notes.push(format!(
            "This table has no dates and covers {} to {}, more than one period: choose the period it covers.",
            crate::domain::period::format_date(s),
            crate::domain::period::format_date(e)
        ));
    } else {
        notes.push("This table has no dates: choose the period it covers.".to_string());
    }
    (Granularity::Month, None)
}
