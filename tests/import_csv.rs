//! Reading CSV exports of marketing tools: one test per source with small fixtures
//! shaped like the real exports (tests/fixtures/csv), broken rows, merging into a
//! plan, errors, a 100,000-row file, and random input.
// Native tests (the wasm build runs tests/wasm_*.rs in a browser).
#![cfg(not(target_arch = "wasm32"))]

use race_planner::domain::period::{Granularity, Period};
use race_planner::domain::plan::{Actual, Plan, Source};
use race_planner::import::{
    merge, overlaps, read, sample_ga4_export, Bucketed, ImportError, ImportedValue, Mapping,
    ReadFile, SourceKind, MAX_FILE_BYTES, MAX_PROBLEMS,
};

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/csv/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn open(name: &str) -> ReadFile {
    read(&fixture(name), name, &mut |_, _| {}).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn p(text: &str) -> Period {
    text.parse().unwrap()
}

fn value(b: &Bucketed, measure: &str, period: &str) -> Option<f64> {
    let period = p(period);
    b.values
        .iter()
        .find(|v| v.measure == measure && v.period == period)
        .map(|v| v.value)
}

fn close(a: Option<f64>, b: f64) -> bool {
    a.is_some_and(|a| (a - b).abs() < 1e-9)
}

fn cols(m: &Mapping) -> Vec<Option<&str>> {
    m.columns.iter().map(|c| c.as_deref()).collect()
}

#[test]
fn ga4_daily_table_by_week_and_by_month() {
    let f = open("ga4-daily.csv");
    assert_eq!(f.source(), SourceKind::Ga4);
    let pv = f.preview();
    assert_eq!(pv.source.label(), "Google Analytics 4");
    assert_eq!(pv.tables.len(), 1);
    let t = &pv.tables[0];
    assert_eq!(t.rows, 7);
    assert_eq!(t.first_line, 10);
    assert_eq!(t.title, "ga4-daily");
    assert_eq!(
        t.date_range,
        Some(("2024-01-29".to_string(), "2024-02-04".to_string()))
    );
    assert_eq!(t.sample[0], ["20240131", "120", "80", "100", "3", "250.5"]);
    let m = &pv.mapping;
    assert_eq!(m.date_column, Some(0));
    assert_eq!(
        cols(m),
        [
            None,
            Some("sessions"),
            Some("engaged_sessions"),
            None,
            Some("leads"),
            Some("revenue")
        ]
    );
    // Seven days over a week: by week.
    assert_eq!(m.granularity, Granularity::Week);
    let weekly = f.bucket(m).unwrap();
    assert_eq!(value(&weekly, "sessions", "2024-W05"), Some(850.0));
    assert_eq!(value(&weekly, "engaged_sessions", "2024-W05"), Some(550.0));
    assert_eq!(weekly.rows_read, 7);
    assert_eq!(weekly.problem_count, 0);
    let monthly = f
        .bucket(&Mapping {
            granularity: Granularity::Month,
            ..m.clone()
        })
        .unwrap();
    assert_eq!(value(&monthly, "sessions", "2024-01"), Some(330.0));
    assert_eq!(value(&monthly, "sessions", "2024-02"), Some(520.0));
    assert_eq!(value(&monthly, "leads", "2024-01"), Some(6.0));
    assert_eq!(value(&monthly, "leads", "2024-02"), Some(10.0));
    assert!(close(value(&monthly, "revenue", "2024-01"), 399.75));
    assert!(close(value(&monthly, "revenue", "2024-02"), 1310.875));
    // Sorted by measure (RAW_MEASURES order), then period.
    let order: Vec<(&str, String)> = monthly
        .values
        .iter()
        .map(|v| (v.measure.as_str(), v.period.to_string()))
        .collect();
    assert_eq!(order[0], ("sessions", "2024-01".to_string()));
    assert_eq!(order[1], ("sessions", "2024-02".to_string()));
    assert_eq!(order[2].0, "engaged_sessions");
    assert_eq!(order.last().unwrap().0, "revenue");
}

#[test]
fn ga4_snapshot_tables_titles_and_index_dates() {
    let f = open("ga4-snapshot.csv");
    assert_eq!(f.source(), SourceKind::Ga4);
    let pv = f.preview();
    let titles: Vec<&str> = pv.tables.iter().map(|t| t.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Table 1",
            "Where do your new users come from?",
            "Table 3",
            "How are active users trending?",
            "How well do you retain your users?",
            "What are your top performing key events?",
            "Table 7"
        ]
    );
    let rows: Vec<usize> = pv.tables.iter().map(|t| t.rows).collect();
    assert_eq!(rows, [2, 2, 2, 3, 2, 0, 0]);
    assert_eq!(pv.tables[5].header, ["Event name", "Key events"]);
    assert_eq!(
        pv.tables[4].date_range,
        Some(("2025-06-01".to_string(), "2025-06-14".to_string()))
    );
    // The preview opens on the table with a date column and a mapped column.
    assert_eq!(pv.mapping.table, 3);
    assert_eq!(pv.mapping.date_column, Some(0));
    assert_eq!(cols(&pv.mapping), [None, Some("sessions"), None, None]);
    assert_eq!(pv.mapping.granularity, Granularity::Week);
    let b = f.bucket(&pv.mapping).unwrap();
    // Day 0 and 1 are 2025-01-01/02 (ISO week 1), day 13 is 2025-01-14 (week 3).
    assert_eq!(value(&b, "sessions", "2025-W01"), Some(12.0));
    assert_eq!(value(&b, "sessions", "2025-W03"), Some(9.0));
    assert_eq!(b.values.len(), 2);
    // "Nth week" counts weeks from the start date: week 0 starts 2025-01-01 (ISO week
    // 1), week 1 on 2025-01-08 (ISO week 2).
    let mut weeks = f.suggest(0);
    assert_eq!(weeks.date_column, Some(0));
    weeks.columns[1] = Some("sessions".into());
    let b = f.bucket(&weeks).unwrap();
    assert_eq!(value(&b, "sessions", "2025-W01"), Some(13.0));
    assert_eq!(value(&b, "sessions", "2025-W02"), Some(22.0));
    // The retention table's week labels are not dates.
    assert_eq!(f.suggest(4).date_column, None);
    // A table without dates within one month gets that month.
    let channels = f.suggest(2);
    assert_eq!(channels.date_column, None);
    assert_eq!(channels.period, Some(p("2025-01")));
    let b = f.bucket(&channels).unwrap();
    assert_eq!(value(&b, "sessions", "2025-01"), Some(76.0));
    // Header-only tables have no rows to import.
    let empty = f.suggest(5);
    assert_eq!(empty.columns, [None, Some("leads".to_string())]);
    let b = f.bucket(&empty).unwrap();
    assert!(b.values.is_empty());
}

#[test]
fn ga4_in_spanish_with_no_break_spaces() {
    let f = open("ga4-es.csv");
    assert_eq!(f.source(), SourceKind::Ga4);
    let pv = f.preview();
    assert_eq!(pv.tables.len(), 2);
    assert_eq!(pv.tables[0].header[0], "Día\u{a0}N");
    assert_eq!(
        pv.tables[0].date_range,
        Some(("2023-04-24".to_string(), "2023-05-21".to_string()))
    );
    let m = &pv.mapping;
    assert_eq!(m.table, 0);
    assert_eq!(m.date_column, Some(0));
    assert_eq!(cols(m), [None, Some("sessions"), None]);
    let b = f.bucket(m).unwrap();
    assert_eq!(value(&b, "sessions", "2023-W17"), Some(10.0));
    assert_eq!(value(&b, "sessions", "2023-W18"), Some(10.0));
    assert_eq!(value(&b, "sessions", "2023-W20"), Some(20.0));
    // Users alone are not sessions: nothing is mapped, and a note says so.
    let users = f.suggest(1);
    assert_eq!(users.columns, [None, None]);
    assert!(f.bucket(&users).is_err());
}

#[test]
fn universal_analytics_with_totals_and_us_dates() {
    let f = open("ua.csv");
    assert_eq!(f.source(), SourceKind::UniversalAnalytics);
    let pv = f.preview();
    assert!(
        pv.notes.contains(&"1 totals row left out".to_string()),
        "{:?}",
        pv.notes
    );
    assert_eq!(pv.tables[0].rows, 5);
    assert_eq!(pv.tables[0].first_line, 7);
    assert_eq!(
        pv.tables[0].date_range,
        Some(("2015-03-20".to_string(), "2015-04-05".to_string()))
    );
    assert_eq!(cols(&pv.mapping), [None, Some("sessions")]);
    assert_eq!(pv.mapping.date_column, Some(0));
    let b = f
        .bucket(&Mapping {
            granularity: Granularity::Month,
            ..pv.mapping.clone()
        })
        .unwrap();
    assert_eq!(value(&b, "sessions", "2015-03"), Some(1622.0));
    assert_eq!(value(&b, "sessions", "2015-04"), Some(1008.0));
    assert_eq!(b.rows_read, 5);
}

#[test]
fn dutch_universal_analytics_number_format() {
    let f = open("ua-nl.csv");
    assert_eq!(f.source(), SourceKind::UniversalAnalytics);
    let pv = f.preview();
    assert!(pv.notes.contains(&"2 totals rows left out".to_string()));
    assert_eq!(pv.tables.len(), 2);
    assert_eq!(pv.tables[0].rows, 2);
    assert_eq!(pv.tables[1].rows, 3);
    assert_eq!(pv.tables[1].first_line, 12);
    // The table with dates comes first in the preview.
    assert_eq!(pv.mapping.table, 1);
    assert_eq!(pv.mapping.date_column, Some(0));
    assert_eq!(cols(&pv.mapping), [None, Some("sessions")]);
    let b = f
        .bucket(&Mapping {
            granularity: Granularity::Month,
            ..pv.mapping.clone()
        })
        .unwrap();
    // "1.200" is one thousand two hundred; 30-09-14 is 30 September 2014.
    assert_eq!(value(&b, "sessions", "2014-09"), Some(1200.0));
    assert_eq!(value(&b, "sessions", "2014-10"), Some(27.0));
    // The browser table: "2.546" sessions; percent columns are never mapped.
    let browsers = f.suggest(0);
    assert_eq!(browsers.columns[2].as_deref(), Some("sessions"));
    assert!(browsers.columns.iter().filter(|c| c.is_some()).count() == 1);
    let b = f
        .bucket(&Mapping {
            period: Some(p("2014-09")),
            ..browsers.clone()
        })
        .unwrap();
    assert_eq!(value(&b, "sessions", "2014-09"), Some(2995.0));
    // Mapping a percent column by hand: each row is a problem (a rate is not summed).
    let mut rates = browsers.clone();
    rates.columns[3] = Some("leads".into());
    rates.period = Some(p("2014-09"));
    let b = f.bucket(&rates).unwrap();
    assert_eq!(b.problem_count, 2);
    assert_eq!(
        b.problems[0].reason,
        "Line 8: “99,88%” in % nieuwe sessies is a rate, not a count or an amount"
    );
    // "US$ 0,00" is money: zero.
    let mut money = browsers;
    money.columns[10] = Some("revenue".into());
    money.period = Some(p("2014-09"));
    let b = f.bucket(&money).unwrap();
    assert_eq!(value(&b, "revenue", "2014-09"), Some(0.0));
}

#[test]
fn search_console_dates_and_queries() {
    let f = read(&fixture("gsc-dates.csv"), "Dates.csv", &mut |_, _| {}).unwrap();
    assert_eq!(f.source(), SourceKind::SearchConsole);
    let pv = f.preview();
    assert_eq!(pv.tables[0].title, "Dates");
    assert_eq!(
        cols(&pv.mapping),
        [None, Some("clicks"), Some("impressions"), None, None]
    );
    assert_eq!(pv.mapping.date_column, Some(0));
    assert_eq!(pv.mapping.granularity, Granularity::Week);
    let b = f.bucket(&pv.mapping).unwrap();
    assert_eq!(value(&b, "clicks", "2025-W15"), Some(1.0));
    assert_eq!(value(&b, "clicks", "2025-W14"), Some(5.0));
    assert_eq!(value(&b, "clicks", "2025-W13"), Some(4.0));
    assert_eq!(value(&b, "impressions", "2025-W15"), Some(24.0));
    assert_eq!(value(&b, "impressions", "2025-W14"), Some(60.0));
    assert_eq!(value(&b, "impressions", "2025-W13"), Some(50.0));

    let f = read(&fixture("gsc-queries.csv"), "Queries.csv", &mut |_, _| {}).unwrap();
    assert_eq!(f.source(), SourceKind::SearchConsole);
    let pv = f.preview();
    assert_eq!(pv.tables[0].title, "Queries");
    assert_eq!(pv.tables[0].sample[1][0], "example, shop");
    assert_eq!(pv.mapping.date_column, None);
    assert_eq!(pv.mapping.period, None);
    assert!(pv
        .notes
        .contains(&"This table has no dates: choose the period it covers.".to_string()));
    assert_eq!(f.bucket(&pv.mapping), Err(ImportError::NoPeriod));
    let b = f
        .bucket(&Mapping {
            period: Some(p("2025-04")),
            ..pv.mapping
        })
        .unwrap();
    assert_eq!(value(&b, "clicks", "2025-04"), Some(67.0));
    assert_eq!(value(&b, "impressions", "2025-04"), Some(1305.0));
}

#[test]
fn google_ads_campaign_report() {
    let f = open("google-ads.csv");
    assert_eq!(f.source(), SourceKind::GoogleAds);
    let pv = f.preview();
    assert!(pv.notes.contains(&"3 totals rows left out".to_string()));
    let t = &pv.tables[0];
    assert_eq!(t.title, "Campaign report");
    assert_eq!(t.first_line, 3);
    assert_eq!(t.rows, 3);
    assert_eq!(t.header.len(), 24);
    assert_eq!(t.date_range, None);
    let m = &pv.mapping;
    let mapped: Vec<(usize, &str)> = m
        .columns
        .iter()
        .enumerate()
        .filter_map(|(i, c)| c.as_deref().map(|c| (i, c)))
        .collect();
    // Clicks is preferred to Interactions.
    assert_eq!(
        mapped,
        [
            (8, "impressions"),
            (13, "spend"),
            (20, "clicks"),
            (22, "leads")
        ]
    );
    assert_eq!(m.date_column, None);
    assert_eq!(m.period, None);
    let b = f
        .bucket(&Mapping {
            period: Some(p("2026-01")),
            ..m.clone()
        })
        .unwrap();
    assert_eq!(value(&b, "impressions", "2026-01"), Some(1_300_000.0));
    assert_eq!(value(&b, "clicks", "2026-01"), Some(5_000.0));
    assert!(close(value(&b, "spend", "2026-01"), 1600.75));
    assert!(close(value(&b, "leads", "2026-01"), 1520.5));
    assert_eq!(b.problem_count, 0);
    assert_eq!(b.rows_read, 3);
}

#[test]
fn google_ads_utf16_tab_separated() {
    let bytes = fixture("google-ads-utf16.csv");
    assert_eq!(&bytes[..2], &[0xFF, 0xFE]);
    let f = read(&bytes, "Campaign report.csv", &mut |_, _| {}).unwrap();
    assert_eq!(f.source(), SourceKind::GoogleAds);
    let pv = f.preview();
    assert!(pv.notes.contains(&"Read as UTF-16 text".to_string()));
    assert!(pv.notes.contains(&"2 totals rows left out".to_string()));
    let t = &pv.tables[0];
    assert_eq!(
        t.date_range,
        Some(("2026-02-01".to_string(), "2026-02-28".to_string()))
    );
    assert_eq!(t.rows, 2);
    // The range line lies in one month: that month is the period.
    let m = &pv.mapping;
    assert_eq!(m.period, Some(p("2026-02")));
    assert_eq!(m.granularity, Granularity::Month);
    assert_eq!(m.columns[17].as_deref(), Some("revenue"));
    let b = f.bucket(m).unwrap();
    assert_eq!(value(&b, "clicks", "2026-02"), Some(300.0));
    assert_eq!(value(&b, "impressions", "2026-02"), Some(10_000.0));
    assert!(close(value(&b, "spend", "2026-02"), 401.22));
    assert!(close(value(&b, "revenue", "2026-02"), 941.23));
    assert_eq!(value(&b, "leads", "2026-02"), Some(29.0));
}

#[test]
fn meta_ads_rows_split_by_age_and_gender_are_summed_per_day() {
    let f = open("meta-ads-daily.csv");
    assert_eq!(f.source(), SourceKind::MetaAds);
    let pv = f.preview();
    assert_eq!(
        pv.tables[0].date_range,
        Some(("2025-06-22".to_string(), "2025-06-23".to_string()))
    );
    let m = &pv.mapping;
    assert_eq!(m.date_column, Some(0));
    assert_eq!(m.columns[5].as_deref(), Some("impressions"));
    assert_eq!(m.columns[6], None); // Reach
    assert_eq!(m.columns[7].as_deref(), Some("clicks"));
    assert_eq!(m.columns[8].as_deref(), Some("spend"));
    let b = f.bucket(m).unwrap();
    // 2025-06-23 is a Monday (week 26), 2025-06-22 a Sunday (week 25).
    assert_eq!(value(&b, "impressions", "2025-W26"), Some(1004.0));
    assert_eq!(value(&b, "impressions", "2025-W25"), Some(1000.0));
    assert_eq!(value(&b, "clicks", "2025-W26"), Some(30.0));
    assert_eq!(value(&b, "clicks", "2025-W25"), Some(35.0));
    assert!(close(value(&b, "spend", "2025-W26"), 8.35));
    assert!(close(value(&b, "spend", "2025-W25"), 8.9));
    assert_eq!(b.rows_read, 5);

    // Ad level over a whole range: one period from the range.
    let f = open("meta-ads-range.csv");
    assert_eq!(f.source(), SourceKind::MetaAds);
    let pv = f.preview();
    let m = &pv.mapping;
    assert_eq!(m.date_column, None);
    assert_eq!(m.period, Some(p("2025-03")));
    let b = f.bucket(m).unwrap();
    assert_eq!(value(&b, "leads", "2025-03"), Some(3.0));
    assert!(close(value(&b, "spend", "2025-03"), 180.87));
    assert_eq!(value(&b, "impressions", "2025-03"), Some(7725.0));
    assert_eq!(value(&b, "clicks", "2025-03"), Some(120.0));
    assert_eq!(value(&b, "orders", "2025-03"), Some(3.0));
    assert_eq!(value(&b, "revenue", "2025-03"), Some(450.0));
    // Dating such rows by their first day would put a month into one week.
    let by_week = Mapping {
        date_column: Some(0),
        granularity: Granularity::Week,
        ..m.clone()
    };
    let b = f.bucket(&by_week).unwrap();
    assert_eq!(b.problem_count, 2);
    assert!(b.problems[0]
        .reason
        .starts_with("Line 2: the row runs to 2025-03-31, past 2025-W09"));
}

#[test]
fn meta_page_insights_blocks_with_a_sep_directive() {
    let f = open("meta-page-insights.csv");
    assert_eq!(f.source(), SourceKind::Other);
    let pv = f.preview();
    assert!(pv.notes.contains(&"Read as UTF-16 text".to_string()));
    let titles: Vec<&str> = pv.tables.iter().map(|t| t.title.as_str()).collect();
    assert_eq!(titles, ["Facebook reach", "Instagram reach"]);
    assert_eq!(pv.tables[0].first_line, 3);
    assert_eq!(pv.tables[1].first_line, 9);
    assert_eq!(pv.tables[0].rows, 3);
    assert_eq!(pv.tables[1].rows, 2);
    // "Primary" is no measure: map it by hand.
    let mut m = f.suggest(1);
    assert_eq!(m.date_column, Some(0));
    assert_eq!(m.columns, [None, None]);
    m.columns[1] = Some("impressions".into());
    m.granularity = Granularity::Month;
    let b = f.bucket(&m).unwrap();
    assert_eq!(value(&b, "impressions", "2023-07"), Some(38.0));
}

#[test]
fn shopify_orders_counted_once_per_order() {
    let f = open("shopify-orders.csv");
    assert_eq!(f.source(), SourceKind::Shopify);
    let pv = f.preview();
    assert_eq!(pv.tables[0].rows, 4);
    assert_eq!(pv.tables[0].header.len(), 79);
    let m = &pv.mapping;
    assert_eq!(m.date_column, Some(3)); // Paid at
    assert_eq!(m.columns[0].as_deref(), Some("orders"));
    assert_eq!(m.columns[1].as_deref(), Some("customers"));
    assert_eq!(m.columns[11].as_deref(), Some("revenue"));
    let b = f
        .bucket(&Mapping {
            granularity: Granularity::Month,
            ..m.clone()
        })
        .unwrap();
    // May: #1001 (two line items) and #1002 by the same customer, who ordered before.
    assert_eq!(value(&b, "orders", "2025-05"), Some(2.0));
    assert!(close(value(&b, "revenue", "2025-05"), 155.5));
    assert_eq!(value(&b, "customers", "2025-05"), Some(1.0));
    assert_eq!(value(&b, "repeat_customers", "2025-05"), Some(1.0));
    // June: #1003 not paid yet, dated by Created at.
    assert_eq!(value(&b, "orders", "2025-06"), Some(1.0));
    assert_eq!(value(&b, "revenue", "2025-06"), Some(200.0));
    assert_eq!(value(&b, "customers", "2025-06"), Some(1.0));
    assert_eq!(value(&b, "repeat_customers", "2025-06"), Some(0.0));
    assert_eq!(b.problem_count, 0);
}

#[test]
fn generic_semicolons_and_decimal_commas() {
    let f = open("generic-semicolon.csv");
    assert_eq!(f.source(), SourceKind::Other);
    let pv = f.preview();
    assert_eq!(pv.source.label(), "CSV file");
    assert_eq!(
        pv.tables[0].header,
        ["Date", "Sessions", "Revenue", "Leads", "Notes"]
    );
    assert_eq!(pv.tables[0].sample[0][4], "first; week");
    assert_eq!(pv.tables[0].sample[2][4], "two\nlines");
    let m = &pv.mapping;
    assert_eq!(m.date_column, Some(0));
    assert_eq!(
        cols(m),
        [None, Some("sessions"), Some("revenue"), Some("leads"), None]
    );
    assert_eq!(m.granularity, Granularity::Week);
    let b = f.bucket(m).unwrap();
    assert_eq!(value(&b, "sessions", "2024-W10"), Some(2000.0));
    assert_eq!(value(&b, "sessions", "2024-W11"), Some(1500.0));
    assert!(close(value(&b, "revenue", "2024-W10"), 2000.0));
    assert!(close(value(&b, "revenue", "2024-W11"), 15.25));
    assert_eq!(value(&b, "leads", "2024-W10"), Some(5.0));
    assert_eq!(value(&b, "leads", "2024-W11"), Some(1.0));
    assert_eq!(b.rows_read, 4);
}

#[test]
fn broken_rows_are_reported_with_their_line_and_the_rest_imports() {
    let f = open("broken.csv");
    let pv = f.preview();
    let m = &pv.mapping;
    assert_eq!(m.date_column, Some(0));
    assert_eq!(
        cols(m),
        [None, Some("clicks"), Some("impressions"), Some("spend")]
    );
    let b = f.bucket(m).unwrap();
    let reasons: Vec<&str> = b.problems.iter().map(|p| p.reason.as_str()).collect();
    assert_eq!(
        reasons,
        [
            "Line 3: “abc” in Clicks is not a number",
            "Line 4: “-3” in Spend is negative (counts and amounts cannot be)",
            "Line 5: “2024-13-40” in Date is not a date",
            "Line 6: “1999-01-01” in Date is outside the years 2000–2100",
            "Line 8: “12.5%” in Clicks is a rate, not a count or an amount",
            "Line 9: no date in Date",
        ]
    );
    let lines: Vec<usize> = b.problems.iter().map(|p| p.line).collect();
    assert_eq!(lines, [3, 4, 5, 6, 8, 9]);
    assert_eq!(b.problem_count, 6);
    assert_eq!(b.rows_read, 3);
    assert_eq!(value(&b, "clicks", "2024-W01"), Some(30.0));
    assert_eq!(value(&b, "clicks", "2024-W02"), Some(5.0));
    assert_eq!(value(&b, "impressions", "2024-W01"), Some(300.0));
    assert!(close(value(&b, "spend", "2024-W01"), 15.0));
    assert!(close(value(&b, "spend", "2024-W02"), 2.5));
}

#[test]
fn problems_beyond_the_limit_are_counted_not_listed() {
    let mut text = String::from("Date,Clicks\n");
    for i in 0..(MAX_PROBLEMS + 50) {
        text.push_str(&format!("2024-01-01,x{i}\n"));
    }
    text.push_str("2024-01-02,7\n");
    let f = read(text.as_bytes(), "many.csv", &mut |_, _| {}).unwrap();
    let b = f.bucket(&f.suggest(0)).unwrap();
    assert_eq!(b.problems.len(), MAX_PROBLEMS);
    assert_eq!(b.problem_count, MAX_PROBLEMS + 50);
    assert_eq!(b.problems[0].line, 2);
    assert_eq!(value(&b, "clicks", "2024-W01"), Some(7.0));
}

#[test]
fn merge_replaces_or_keeps_and_overlaps_counts() {
    let mut plan = Plan::new("p1", "Plan", 0, "2024-01-01");
    plan.actuals.push(Actual {
        measure: "sessions".into(),
        period: p("2024-01"),
        value: 5.0,
        source: Source::Typed,
        touchpoint: None,
    });
    let values = vec![
        ImportedValue {
            measure: "sessions".into(),
            period: p("2024-01"),
            value: 330.0,
        },
        ImportedValue {
            measure: "sessions".into(),
            period: p("2024-02"),
            value: 520.0,
        },
    ];
    assert_eq!(overlaps(&plan, &values, None), 1);
    assert_eq!(overlaps(&plan, &values, Some("tp1")), 0);
    let before = plan.actuals.len();
    assert_eq!(merge(&mut plan, &values, None, "ga.csv", false), (1, 0, 1));
    assert_eq!(plan.actuals.len(), before + 1);
    let jan = plan
        .actuals
        .iter()
        .find(|a| a.measure == "sessions" && a.period == p("2024-01"))
        .unwrap();
    assert_eq!(jan.value, 5.0);
    assert_eq!(jan.source, Source::Typed);
    let feb = plan
        .actuals
        .iter()
        .find(|a| a.measure == "sessions" && a.period == p("2024-02"))
        .unwrap();
    assert_eq!(feb.value, 520.0);
    assert_eq!(
        feb.source,
        Source::Imported {
            file: "ga.csv".into()
        }
    );
    assert_eq!(overlaps(&plan, &values, None), 2);
    assert_eq!(merge(&mut plan, &values, None, "ga2.csv", true), (0, 2, 0));
    let jan = plan
        .actuals
        .iter()
        .find(|a| a.measure == "sessions" && a.period == p("2024-01"))
        .unwrap();
    assert_eq!(jan.value, 330.0);
    assert_eq!(
        jan.source,
        Source::Imported {
            file: "ga2.csv".into()
        }
    );
    // A touchpoint's values are its own.
    assert_eq!(
        merge(&mut plan, &values, Some("tp1"), "ga.csv", true),
        (2, 0, 0)
    );
    assert_eq!(
        plan.actuals
            .iter()
            .filter(|a| a.touchpoint.as_deref() == Some("tp1"))
            .count(),
        2
    );
}

#[test]
fn files_that_cannot_be_read_say_why() {
    let msg = |bytes: &[u8]| {
        read(bytes, "x.csv", &mut |_, _| {})
            .err()
            .unwrap()
            .to_string()
    };
    assert_eq!(
        msg(b"PK\x03\x04\x14\x00\x06\x00binary"),
        "This file is not text (a spreadsheet or an image?): save it as CSV first."
    );
    assert_eq!(
        msg(b"just a sentence\nand another\n"),
        "No table with a header row was found in this file."
    );
    assert_eq!(
        msg(b"\n\r\n  \n"),
        "This file is empty: nothing was imported."
    );
    let big = vec![b'a'; MAX_FILE_BYTES + 10 * 1024 * 1024];
    assert_eq!(
        msg(&big),
        "“x.csv” is 60 MB and the limit is 50 MB: nothing was imported."
    );
    // Windows-1252 text is read, with a note.
    let f = read(
        b"Date,Revenue\n2024-01-05,\x80 12\n",
        "w.csv",
        &mut |_, _| {},
    )
    .unwrap();
    assert!(f.preview().notes[0].contains("Windows-1252"));
    let b = f.bucket(&f.suggest(0)).unwrap();
    assert_eq!(value(&b, "revenue", "2024-W01"), Some(12.0));

    // Mappings that make no sense.
    let f = open("ga4-daily.csv");
    let m = f.suggest(0);
    let none = Mapping {
        columns: vec![None; 6],
        ..m.clone()
    };
    assert_eq!(f.bucket(&none), Err(ImportError::NothingMapped));
    assert_eq!(
        ImportError::NothingMapped.to_string(),
        "Choose the measure at least one column holds: nothing is mapped."
    );
    let far = Mapping {
        date_column: Some(9),
        ..m.clone()
    };
    assert_eq!(f.bucket(&far), Err(ImportError::DateColumnOutOfRange(9)));
    let no_period = Mapping {
        date_column: None,
        period: None,
        ..m.clone()
    };
    assert_eq!(f.bucket(&no_period), Err(ImportError::NoPeriod));
    let unknown = Mapping {
        columns: vec![None, Some("nps".into()), None, None, None, None],
        ..m
    };
    assert_eq!(
        f.bucket(&unknown),
        Err(ImportError::UnknownMeasure("nps".into()))
    );
}

#[test]
fn more_than_a_million_rows_are_refused_whole() {
    let mut text = String::with_capacity(9_000_000);
    text.push_str("a,b\n");
    for _ in 0..=race_planner::import::MAX_ROWS {
        text.push_str("1,2\n");
    }
    let e = read(text.as_bytes(), "huge.csv", &mut |_, _| {})
        .err()
        .unwrap();
    assert_eq!(e, ImportError::TooManyRows);
    assert!(e.to_string().contains("more than 1,000,000 rows"));
}

#[test]
fn a_100k_row_export_reads_and_buckets_exactly() {
    const ROWS: usize = 100_000;
    let text = sample_ga4_export(ROWS);
    assert!(text.len() > 15_000_000, "{}", text.len());
    let mut calls = 0;
    let mut last = 0;
    let started = std::time::Instant::now();
    let f = read(text.as_bytes(), "big.csv", &mut |done, total| {
        assert!(done <= total);
        assert!(done >= last);
        last = done;
        calls += 1;
    })
    .unwrap();
    assert!(calls > 100);
    assert_eq!(last, text.len());
    let pv = f.preview();
    assert_eq!(pv.tables[0].rows, ROWS);
    let m = &pv.mapping;
    assert_eq!(m.granularity, Granularity::Month);
    let b = f.bucket(m).unwrap();
    eprintln!("100k rows read and bucketed in {:?}", started.elapsed());
    assert_eq!(b.rows_read, ROWS);
    assert_eq!(b.problem_count, 0);
    // Expected sums per month, computed the same way the rows were written.
    let start = race_planner::domain::period::date_from_ymd(2023, 1, 1).unwrap();
    let mut sessions = std::collections::BTreeMap::new();
    let mut revenue = std::collections::BTreeMap::new();
    for i in 0..ROWS {
        let d = race_planner::domain::period::add_days(start, (i % 731) as i64).unwrap();
        let month = Period::month_of(d);
        *sessions.entry(month).or_insert(0.0) += (i % 100) as f64;
        *revenue.entry(month).or_insert(0.0) += (i % 1000) as f64 / 4.0;
    }
    assert_eq!(sessions.len(), 24);
    for (month, s) in &sessions {
        assert_eq!(
            value(&b, "sessions", &month.to_string()),
            Some(*s),
            "{month}"
        );
        assert_eq!(
            value(&b, "revenue", &month.to_string()),
            Some(revenue[month])
        );
    }
    let total: f64 = b
        .values
        .iter()
        .filter(|v| v.measure == "sessions")
        .map(|v| v.value)
        .sum();
    assert_eq!(total, (0..ROWS).map(|i| (i % 100) as f64).sum::<f64>());
}

mod random_input {
    use proptest::prelude::*;
    use race_planner::import::read;

    fn exercise(bytes: &[u8]) {
        if let Ok(f) = read(bytes, "random.csv", &mut |d, t| assert!(d <= t)) {
            let pv = f.preview();
            for t in 0..pv.tables.len() {
                let mut m = f.suggest(t);
                let _ = f.bucket(&m);
                // Every column as clicks, the first as the date.
                m.columns = vec![Some("clicks".to_string()); pv.tables[t].header.len()];
                m.date_column = Some(0);
                let _ = f.bucket(&m);
                m.date_column = None;
                m.period = "2024-01".parse().ok();
                let _ = f.bucket(&m);
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
            exercise(&bytes);
        }

        #[test]
        fn random_csv_like_text_never_panics(
            text in "(#[ a-z:0-9]{0,12}\r?\n)?([a-zA-Z0-9 ,;\t\"%$€.\\-/:\u{a0}#]{0,20}\r?\n){0,12}"
        ) {
            exercise(text.as_bytes());
        }

        #[test]
        fn utf16_text_never_panics(text in "[a-z0-9,\t\n\"]{0,80}", odd in any::<bool>()) {
            let mut bytes = vec![0xFF, 0xFE];
            bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
            if odd {
                bytes.push(b'x');
            }
            exercise(&bytes);
        }
    }
}
