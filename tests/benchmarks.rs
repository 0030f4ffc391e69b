//! Benchmarks with their sources: the table's integrity, the look-up and the comparison.

#![cfg(not(target_arch = "wasm32"))]

use race_planner::domain::benchmarks::*;
use race_planner::domain::kpi::{self, Unit};

/// The ways a figure can be written on a page: 0.0664 as "6.64", 0.014 as "1.4", 66.69
/// as "66.69".
fn written(x: f64, percent: bool) -> Vec<String> {
    let v = if percent { x * 100.0 } else { x };
    let two = format!("{v:.2}");
    let short = two.trim_end_matches('0').trim_end_matches('.').to_string();
    vec![two, short]
}

fn stated(b: &Benchmark, x: f64) -> bool {
    let percent = b.currency.is_none();
    written(x, percent).iter().any(|w| {
        let with_unit = if percent {
            format!("{w}%")
        } else {
            format!("${w}")
        };
        b.evidence.iter().any(|e| e.quote.contains(&with_unit))
    })
}

#[test]
fn every_row_names_a_known_measure_and_cites_its_source() {
    assert!(!BENCHMARKS.is_empty());
    for b in &BENCHMARKS {
        let known = kpi::find(b.kpi).is_some() || EXTRA_MEASURES.iter().any(|m| m.id == b.kpi);
        assert!(known, "{}: unknown KPI id", b.kpi);
        assert!(measure_name(b.kpi).is_some());
        assert!(b.url.starts_with("https://"), "{b:?}");
        for text in [b.measure, b.sector, b.source, b.sample, b.date] {
            assert!(!text.trim().is_empty(), "{b:?}");
        }
        assert!(!b.evidence.is_empty(), "{b:?}");
        assert_eq!(
            b.evidence[0].url, b.url,
            "the row's address is its first evidence"
        );
        for e in b.evidence {
            assert!(e.url.starts_with("http"), "{e:?}");
            assert!(e.quote.len() > 20, "{e:?}");
        }
        assert!(
            b.average.is_some() || b.range.is_some(),
            "a row gives a figure: {b:?}"
        );
    }
}

#[test]
fn every_figure_is_finite_in_range_and_stated_by_its_evidence() {
    for b in &BENCHMARKS {
        let unit = kpi::find(b.kpi).map_or(Unit::Ratio, |d| d.unit);
        let mut figures: Vec<f64> = b.average.into_iter().collect();
        figures.extend(b.top.iter().map(|t| t.from));
        if let Some((lo, hi)) = b.range {
            assert!(lo <= hi, "{b:?}");
            figures.extend([lo, hi]);
        }
        for x in figures {
            assert!(x.is_finite() && x > 0.0, "{b:?}");
            match unit {
                Unit::Ratio => {
                    assert!(x < 1.0, "{b:?}");
                    assert_eq!(b.currency, None, "{b:?}");
                }
                Unit::Money => assert_eq!(b.currency, Some("USD"), "{b:?}"),
                _ => panic!("unexpected unit for {}", b.kpi),
            }
            assert!(stated(b, x), "{x} is not in the quotes of {b:?}");
        }
        for t in b.top {
            assert!(t.share > 0.0 && t.share < 1.0, "{b:?}");
            assert!(b.average.is_some_and(|a| t.from > a), "{b:?}");
        }
        for w in b.top.windows(2) {
            assert!(w[0].share > w[1].share && w[0].from < w[1].from, "{b:?}");
        }
    }
}

#[test]
fn the_table_is_grouped_by_kpi_and_covers_the_main_stage_rates() {
    let mut seen: Vec<&str> = Vec::new();
    for b in &BENCHMARKS {
        if seen.last() != Some(&b.kpi) {
            assert!(!seen.contains(&b.kpi), "{} rows are not together", b.kpi);
            seen.push(b.kpi);
        }
    }
    for id in [
        "ctr",
        "cpl",
        "conversion_rate",
        "email_open_rate",
        "email_click_rate",
    ] {
        assert!(!for_kpi(id).is_empty(), "{id}");
        assert!(for_kpi(id).iter().all(|b| b.kpi == id));
    }
    let total: usize = seen.iter().map(|id| for_kpi(id).len()).sum();
    assert_eq!(total, BENCHMARKS.len());
    assert!(for_kpi("nps").is_empty());
    assert!(for_kpi("").is_empty());
}

#[test]
fn shopify_conversion_rate_reads_as_the_issue_says() {
    let [b] = for_kpi("conversion_rate") else {
        panic!("one conversion rate row");
    };
    assert_eq!(b.average, Some(0.014));
    assert_eq!(b.top[0].share, 0.2);
    assert_eq!(b.top[0].from, 0.032);
    assert!(b.source.starts_with("Littledata"));
    assert_eq!(b.date, "2023");
    assert!(b.sample.contains("2,800"));
    // Your 1.9 %: above the average, not yet in the top 20 %.
    let c = compare(b, 0.019);
    assert_eq!(c.map(|c| c.position), Some(Position::Within));
    assert_eq!(c.and_then(|c| c.top_share), None);
    assert!(c
        .and_then(|c| c.ratio_to_average)
        .is_some_and(|r| (r - 0.019 / 0.014).abs() < 1e-12));
    let c = compare(b, 0.012);
    assert_eq!(
        c.map(|c| (c.position, c.favourable)),
        Some((Position::Below, Some(false)))
    );
    let c = compare(b, 0.035);
    assert_eq!(
        c.map(|c| (c.position, c.top_share, c.favourable)),
        Some((Position::Above, Some(0.2), Some(true)))
    );
    let c = compare(b, 0.05);
    assert_eq!(c.and_then(|c| c.top_share), Some(0.1));
}

#[test]
fn comparisons_know_which_side_is_good() {
    let cpl = for_kpi("cpl")[0];
    assert_eq!(cpl.sector, "All industries");
    // A cost per lead above the average is the bad side.
    let c = compare(&cpl, 90.0);
    assert_eq!(
        c.map(|c| (c.position, c.favourable)),
        Some((Position::Above, Some(false)))
    );
    let c = compare(&cpl, 40.0);
    assert_eq!(
        c.map(|c| (c.position, c.favourable)),
        Some((Position::Below, Some(true)))
    );
    let c = compare(&cpl, 66.69 * (1.0 + AVERAGE_BAND / 2.0));
    assert_eq!(
        c.map(|c| (c.position, c.favourable)),
        Some((Position::Within, None))
    );
    assert_eq!(compare(&cpl, f64::NAN), None);
    assert_eq!(compare(&cpl, f64::INFINITY), None);
    // A range, when a row gives one.
    let ranged = Benchmark {
        average: None,
        range: Some((0.02, 0.04)),
        ..cpl
    };
    let ranged = Benchmark {
        kpi: "ctr",
        currency: None,
        ..ranged
    };
    assert_eq!(
        compare(&ranged, 0.01).map(|c| c.position),
        Some(Position::Below)
    );
    assert_eq!(
        compare(&ranged, 0.03).map(|c| c.position),
        Some(Position::Within)
    );
    assert_eq!(
        compare(&ranged, 0.05).map(|c| (c.position, c.favourable)),
        Some((Position::Above, Some(true)))
    );
    assert_eq!(
        compare(&ranged, 0.05).and_then(|c| c.ratio_to_average),
        None
    );
}

#[test]
fn the_docs_list_every_benchmark_with_its_pages() {
    let docs = include_str!("../docs/benchmarks.md");
    for b in &BENCHMARKS {
        assert!(
            docs.contains(b.sector),
            "{} is not in docs/benchmarks.md",
            b.sector
        );
        assert!(
            docs.contains(b.sample),
            "{} is not in docs/benchmarks.md",
            b.sample
        );
        for e in b.evidence {
            assert!(
                docs.contains(e.url),
                "{} is not in docs/benchmarks.md",
                e.url
            );
        }
    }
}
