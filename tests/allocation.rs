//! Budget split on diminishing returns: the Hill curve, where curves come from, the fit,
//! the split and its round trip through the plan.

#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use race_planner::domain::allocation::*;
use race_planner::domain::funnel::{first_month, funnel_month};
use race_planner::domain::money::Money;
use race_planner::domain::period::{Granularity, Period};
use race_planner::domain::plan::{Actual, Media, Place, Plan, PlanBy, Source, Touchpoint};

fn close(a: f64, b: f64, rel: f64) -> bool {
    (a - b).abs() <= rel * a.abs().max(b.abs()).max(1e-12)
}

fn hill(max: f64, half: f64, slope: f64) -> Hill {
    match Hill::new(max, half, slope) {
        Some(h) => h,
        None => panic!("invalid test curve {max} {half} {slope}"),
    }
}

fn sv(spend: f64, volume: f64) -> SpendVolume {
    SpendVolume { spend, volume }
}

// ---------------------------------------------------------------------------
// The curve.

#[test]
fn hill_volume_and_spend_for_round_trip() {
    for h in [
        hill(6080.0, 6600.0, 1.0),
        hill(5000.0, 2000.0, 0.6),
        hill(1e6, 5.0, 0.05),
    ] {
        for spend in [0.5, 10.0, 999.0, 2000.0, 6600.0, 50_000.0] {
            let v = h.volume(spend);
            assert!(v > 0.0 && v < h.max, "{h:?} at {spend}: {v}");
            let back = h.spend_for(v);
            assert!(
                back.is_some_and(|b| close(b, spend, 1e-6)),
                "{h:?}: {spend} → {v} → {back:?}"
            );
        }
        assert_eq!(h.volume(0.0), 0.0);
        assert_eq!(h.spend_for(0.0), Some(0.0));
        assert_eq!(h.spend_for(h.max), None, "the maximum is never reached");
        assert_eq!(h.spend_for(h.max * 2.0), None);
        assert!(
            close(h.volume(h.half), h.max / 2.0, 1e-12),
            "half of the most at `half`"
        );
    }
}

#[test]
fn hill_rejects_parameters_outside_its_range() {
    assert!(Hill::new(0.0, 1.0, 1.0).is_none());
    assert!(Hill::new(1.0, 0.0, 1.0).is_none());
    assert!(
        Hill::new(1.0, 1.0, 1.5).is_none(),
        "slope above 1 is not concave"
    );
    assert!(Hill::new(1.0, 1.0, 0.0).is_none());
    assert!(Hill::new(f64::NAN, 1.0, 1.0).is_none());
    assert!(Hill::new(f64::INFINITY, 1.0, 1.0).is_none());
    assert!(Hill::new(1.0, 1.0, MIN_SLOPE).is_some());
}

#[test]
fn hill_marginal_is_the_derivative_and_falls() {
    let h = hill(5000.0, 2000.0, 0.7);
    let mut last = f64::INFINITY;
    for spend in [100.0, 500.0, 1000.0, 2000.0, 4000.0, 8000.0] {
        let d = 1e-3;
        let numeric = (h.volume(spend + d) - h.volume(spend - d)) / (2.0 * d);
        let m = h.marginal(spend);
        assert!(close(m, numeric, 1e-5), "at {spend}: {m} vs {numeric}");
        assert!(
            m < last,
            "each unit of money brings less than the one before"
        );
        last = m;
    }
    assert!(h.marginal(0.0).is_finite() && h.marginal(0.0) > 0.0);
    // Slope 1 at 0: max ÷ half, exactly the steepest point.
    let plain = hill(6080.0, 6600.0, 1.0);
    assert!(close(plain.marginal(0.0), 6080.0 / 6600.0, 1e-5));
}

#[test]
fn hill_describes_itself_as_numbers() {
    let s = hill(6080.0, 6600.0, 1.0).describe();
    assert_eq!(s.max_volume, 6080.0);
    assert_eq!(s.half_volume, 3040.0);
    assert_eq!(s.half_spend, 6600.0);
    assert_eq!(s.slope, 1.0);
}

// ---------------------------------------------------------------------------
// Two points and the default.

#[test]
fn two_points_are_solved_exactly_with_slope_one() {
    // "At $1,000 we got 800 sessions; at $3,000, 1,900."
    let h = two_points(sv(1000.0, 800.0), sv(3000.0, 1900.0));
    let Ok(h) = h else {
        panic!("{h:?}");
    };
    assert!(close(h.max, 6080.0, 1e-9), "{h:?}");
    assert!(close(h.half, 6600.0, 1e-9), "{h:?}");
    assert_eq!(h.slope, 1.0);
    assert!(close(h.volume(1000.0), 800.0, 1e-9));
    assert!(close(h.volume(3000.0), 1900.0, 1e-9));
    // Order does not matter.
    assert_eq!(two_points(sv(3000.0, 1900.0), sv(1000.0, 800.0)), Ok(h));
}

#[test]
fn two_points_without_diminishing_returns_are_refused() {
    use TwoPointsError::*;
    let cases = [
        (sv(1000.0, 800.0), sv(3000.0, 2400.0), NoDiminishingReturns), // a straight line
        (sv(1000.0, 800.0), sv(3000.0, 3000.0), NoDiminishingReturns), // accelerating
        (sv(1000.0, 800.0), sv(3000.0, 800.0), VolumeNotRising),
        (sv(1000.0, 800.0), sv(3000.0, 700.0), VolumeNotRising),
        (sv(1000.0, 800.0), sv(1000.0, 900.0), SameSpend),
        (sv(0.0, 800.0), sv(3000.0, 1900.0), NotPositive),
        (sv(1000.0, f64::NAN), sv(3000.0, 1900.0), NotPositive),
        (sv(1000.0, -1.0), sv(3000.0, 1900.0), NotPositive),
    ];
    for (a, b, want) in cases {
        assert_eq!(two_points(a, b), Err(want), "{a:?} {b:?}");
        assert!(!want.message().is_empty());
    }
    assert_eq!(two_points_from(&[], 2), Err(NotTwoPoints));
}

#[test]
fn two_points_from_plan_money() {
    let points = [
        CurvePoint {
            spend: Money(100_000),
            volume: 800.0,
        },
        CurvePoint {
            spend: Money(300_000),
            volume: 1900.0,
        },
    ];
    let h = two_points_from(&points, 2);
    assert!(h.is_ok_and(|h| close(h.max, 6080.0, 1e-9) && close(h.half, 6600.0, 1e-9)));
}

#[test]
fn default_curve_goes_through_today_with_its_stated_assumption() {
    let Some(h) = default_curve(sv(3000.0, 1200.0)) else {
        panic!("no default curve");
    };
    assert!(close(h.volume(3000.0), 1200.0, 1e-12));
    assert!(close(h.max, 1200.0 / DEFAULT_SHARE_OF_MAX, 1e-12));
    assert!(close(h.max, 3600.0, 1e-12));
    assert!(
        close(h.half, 6000.0, 1e-12),
        "half of the most at twice today's spend"
    );
    // The next unit of money brings two thirds of today's average volume per unit.
    assert!(close(h.marginal(3000.0), 2.0 / 3.0 * 1200.0 / 3000.0, 1e-9));
    assert_eq!(default_curve(sv(0.0, 1200.0)), None);
    assert_eq!(default_curve(sv(3000.0, 0.0)), None);
    assert_eq!(default_curve(sv(f64::NAN, 1.0)), None);
}

// ---------------------------------------------------------------------------
// The fit.

/// A small deterministic generator of noise in [−1, 1].
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> f64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 11) as f64 / (1u64 << 53) as f64) * 2.0 - 1.0
    }
}

fn noisy(h: &Hill, spends: &[f64], noise: f64, seed: u64) -> Vec<SpendVolume> {
    let mut rng = Lcg(seed);
    spends
        .iter()
        .map(|&s| sv(s, h.volume(s) * (1.0 + noise * rng.next())))
        .collect()
}

#[test]
fn fit_recovers_known_parameters_from_noisy_data() {
    let spends: Vec<f64> = (1..=16).map(|i| f64::from(i) * 600.0).collect();
    let sse = |h: &Hill, pts: &[SpendVolume]| -> f64 {
        pts.iter()
            .map(|p| (h.volume(p.spend) - p.volume).powi(2))
            .sum()
    };
    // (curve, noise seed, tolerance on max, on half, on slope). A low slope saturates
    // so slowly that max and half trade off against each other within the noise: its
    // parameters are known less precisely, while its volumes still are.
    for (truth, seed, tol_max, tol_half, tol_slope) in [
        (hill(5000.0, 2000.0, 0.7), 1, 0.15, 0.25, 0.12),
        (hill(12_000.0, 4000.0, 1.0), 2, 0.15, 0.25, 0.12),
        (hill(800.0, 1500.0, 0.5), 3, 0.15, 0.5, 0.12),
    ] {
        let pts = noisy(&truth, &spends, 0.03, seed);
        let f = fit(&pts);
        let Ok(f) = f else {
            panic!("{truth:?}: {f:?}");
        };
        assert_eq!(f.periods_used, 16);
        assert!(f.r2 > 0.95, "{truth:?}: {f:?}");
        // The search finds a curve at least as close to the data as the truth.
        assert!(
            sse(&f.hill, &pts) <= sse(&truth, &pts) * (1.0 + 1e-9),
            "{truth:?}: {f:?}"
        );
        assert!(close(f.hill.max, truth.max, tol_max), "{truth:?}: {f:?}");
        assert!(close(f.hill.half, truth.half, tol_half), "{truth:?}: {f:?}");
        assert!(
            (f.hill.slope - truth.slope).abs() <= tol_slope,
            "{truth:?}: {f:?}"
        );
        // What matters for the split: the volume over the measured range.
        for &s in &spends {
            assert!(
                close(f.hill.volume(s), truth.volume(s), 0.04),
                "{truth:?} at {s}"
            );
        }
    }
}

#[test]
fn fit_is_exact_without_noise() {
    let truth = hill(5000.0, 2000.0, 0.8);
    let spends = [500.0, 1000.0, 2000.0, 3000.0, 5000.0, 8000.0];
    let Ok(f) = fit(&noisy(&truth, &spends, 0.0, 0)) else {
        panic!("no fit");
    };
    assert!(f.r2 > 0.999_999, "{f:?}");
    assert!(close(f.hill.max, 5000.0, 1e-3), "{f:?}");
    assert!(close(f.hill.half, 2000.0, 1e-3), "{f:?}");
    assert!((f.hill.slope - 0.8).abs() < 1e-3, "{f:?}");
}

#[test]
fn fit_needs_enough_periods_and_spends() {
    let h = hill(5000.0, 2000.0, 1.0);
    let three = noisy(&h, &[500.0, 1000.0, 2000.0], 0.0, 0);
    assert_eq!(fit(&three), Err(FitError::TooFewPeriods { found: 3 }));
    let two_spends = noisy(&h, &[500.0, 500.0, 2000.0, 2000.0, 2000.0], 0.0, 0);
    assert_eq!(fit(&two_spends), Err(FitError::TooFewSpends { found: 2 }));
    let flat = vec![
        sv(500.0, 10.0),
        sv(1000.0, 10.0),
        sv(2000.0, 10.0),
        sv(3000.0, 10.0),
    ];
    assert_eq!(fit(&flat), Err(FitError::NoVariation));
    let with_junk = vec![
        sv(f64::NAN, 1.0),
        sv(1.0, f64::INFINITY),
        sv(-5.0, 3.0),
        sv(500.0, 10.0),
        sv(1000.0, 12.0),
        sv(2000.0, 13.0),
    ];
    assert_eq!(fit(&with_junk), Err(FitError::TooFewPeriods { found: 3 }));
    for e in [
        FitError::TooFewPeriods { found: 1 },
        FitError::TooFewSpends { found: 2 },
        FitError::NoVariation,
        FitError::NoFit,
    ] {
        assert!(!e.message().is_empty());
    }
}

// ---------------------------------------------------------------------------
// The plan: points, curves, values.

fn tp(id: &str, place: Place, budget: i64, volume: f64) -> Touchpoint {
    Touchpoint {
        id: id.into(),
        name: id.into(),
        media: Media::Paid,
        place,
        budget: Money(budget),
        monthly_volume: volume,
        ..Touchpoint::default()
    }
}

fn actual(measure: &str, period: Period, value: f64, touchpoint: Option<&str>) -> Actual {
    Actual {
        measure: measure.into(),
        period,
        value,
        source: Source::Typed,
        touchpoint: touchpoint.map(String::from),
    }
}

fn month(m: u8) -> Period {
    match Period::month(2026, m) {
        Some(p) => p,
        None => panic!("bad month {m}"),
    }
}

/// 2 % session → lead, 25 % lead → customer, 20 % offline contact → customer, $100
/// AOV, 50 % margin; "search" (online, $3,000 for 1,200 sessions), "display" (online,
/// $2,000 for 2,000 sessions), "stand" (offline, $1,000 for 40 contacts), and an owned
/// touchpoint that is never split.
fn plan() -> Plan {
    let mut p = Plan::new("p", "Split", 0, "2026-01-01");
    p.funnel.act_rate = 0.02;
    p.funnel.convert_rate = 0.25;
    p.funnel.offline_convert_rate = 0.20;
    p.funnel.aov = Money(10_000);
    p.funnel.gross_margin = 0.5;
    p.stages.reach.touchpoints = vec![
        tp("search", Place::Online, 300_000, 1200.0),
        tp("display", Place::Online, 200_000, 2000.0),
        tp("stand", Place::Offline, 100_000, 40.0),
        Touchpoint {
            media: Media::Owned,
            ..tp("seo", Place::Online, 50_000, 5000.0)
        },
    ];
    p.stages.convert.touchpoints = vec![tp("retarget", Place::Online, 50_000, 100.0)];
    p
}

#[test]
fn points_come_from_the_touchpoints_spend_and_volume_actuals() {
    let mut p = plan();
    *p.actuals = vec![
        actual("spend", month(1), 1000.0, Some("search")),
        actual("sessions", month(1), 800.0, Some("search")),
        // Two rows for one period add up.
        actual("spend", month(2), 1500.0, Some("search")),
        actual("spend", month(2), 500.0, Some("search")),
        actual("sessions", month(2), 1300.0, Some("search")),
        // Spend without volume, another touchpoint's and the whole plan's rows: ignored.
        actual("spend", month(3), 9999.0, Some("search")),
        actual("sessions", month(3), 5.0, Some("display")),
        actual("spend", month(4), 7.0, None),
        actual("sessions", month(4), 7.0, None),
        // A non-finite value drops its period.
        actual("spend", month(5), f64::NAN, Some("search")),
        actual("sessions", month(5), 100.0, Some("search")),
    ];
    let pts = points_from_actuals(&p, "search", Granularity::Month);
    assert_eq!(pts, vec![sv(1000.0, 800.0), sv(2000.0, 1300.0)]);
    assert!(points_from_actuals(&p, "search", Granularity::Week).is_empty());
    assert!(points_from_actuals(&p, "nope", Granularity::Month).is_empty());
    // The retargeting touchpoint's volume is not in the funnel's traffic.
    assert!(points_from_actuals(&p, "retarget", Granularity::Month).is_empty());
}

#[test]
fn weekly_points_are_monthly_rates_and_offline_counts_contacts() {
    let mut p = plan();
    let Some(w) = Period::week(2026, 3) else {
        panic!("no week");
    };
    *p.actuals = vec![
        actual("spend", w, 700.0, Some("stand")),
        actual("offline_contacts", w, 14.0, Some("stand")),
        actual("sessions", w, 999.0, Some("stand")),
    ];
    let pts = points_from_actuals(&p, "stand", Granularity::Week);
    let per_month = 365.25 / 12.0 / 7.0;
    assert_eq!(pts.len(), 1);
    assert!(close(pts[0].spend, 700.0 * per_month, 1e-12));
    assert!(close(pts[0].volume, 14.0 * per_month, 1e-12));
}

#[test]
fn curves_come_from_actuals_then_two_points_then_the_default() {
    let mut p = plan();
    let none = SplitSettings::default();
    // No actuals, no points: the default from today's $3,000 and 1,200 sessions.
    let Some(c) = curve_for(&p, "search", &none) else {
        panic!("no curve");
    };
    assert!(matches!(c.source, CurveSource::Default { .. }), "{c:?}");
    assert!(close(c.hill.volume(3000.0), 1200.0, 1e-12));
    assert_eq!(c.passed_over.len(), 1, "{c:?}");

    // Two points set by hand come before the default.
    let hand = SplitSettings {
        points: vec![
            CurvePoint {
                spend: Money(100_000),
                volume: 800.0,
            },
            CurvePoint {
                spend: Money(300_000),
                volume: 1900.0,
            },
        ],
        ..SplitSettings::default()
    };
    let Some(c) = curve_for(&p, "search", &hand) else {
        panic!("no curve");
    };
    assert_eq!(
        c.source,
        CurveSource::TwoPoints {
            low: sv(1000.0, 800.0),
            high: sv(3000.0, 1900.0)
        }
    );

    // Points that show no diminishing returns fall through to the default, saying why.
    let linear = SplitSettings {
        points: vec![
            CurvePoint {
                spend: Money(100_000),
                volume: 800.0,
            },
            CurvePoint {
                spend: Money(300_000),
                volume: 2400.0,
            },
        ],
        ..SplitSettings::default()
    };
    let Some(c) = curve_for(&p, "search", &linear) else {
        panic!("no curve");
    };
    assert!(matches!(c.source, CurveSource::Default { .. }));
    assert_eq!(c.passed_over.len(), 2);
    assert!(c.passed_over[1].contains("diminishing"), "{c:?}");

    // Six measured months with different spends come first of all.
    let truth = hill(4000.0, 2500.0, 0.9);
    for (i, s) in [500.0, 1000.0, 1800.0, 2500.0, 3500.0, 5000.0]
        .iter()
        .enumerate()
    {
        let m = month(i as u8 + 1);
        p.actuals.push(actual("spend", m, *s, Some("search")));
        p.actuals
            .push(actual("sessions", m, truth.volume(*s), Some("search")));
    }
    let Some(c) = curve_for(&p, "search", &hand) else {
        panic!("no curve");
    };
    let CurveSource::Fitted {
        periods_used,
        granularity,
        r2,
    } = c.source
    else {
        panic!("not fitted: {c:?}");
    };
    assert_eq!(periods_used, 6);
    assert_eq!(granularity, Granularity::Month);
    assert!(r2 > 0.999);
    assert!(c.passed_over.is_empty());

    // Touchpoints whose volume the funnel does not count have no curve.
    assert_eq!(curve_for(&p, "retarget", &none), None);
    assert_eq!(curve_for(&p, "nope", &none), None);
}

#[test]
fn value_per_unit_follows_the_plans_funnel() {
    let p = plan();
    let digits = p.currency_digits();
    for outcome in Outcome::ALL {
        let online = value_per_unit(&p, outcome, VolumeUnit::Sessions);
        let offline = value_per_unit(&p, outcome, VolumeUnit::OfflineContacts);
        let m = funnel_month(&p.funnel, digits, 1000.0, 0.0, 0.0);
        assert!(close(online * 1000.0, outcome.of(&m), 1e-12), "{outcome:?}");
        let m = funnel_month(&p.funnel, digits, 0.0, 1000.0, 0.0);
        assert!(
            close(offline * 1000.0, outcome.of(&m), 1e-12),
            "{outcome:?}"
        );
    }
    // 2 % × 25 % = 0.005 customers a session; × $100; × 50 %.
    assert!(close(
        value_per_unit(&p, Outcome::NewCustomers, VolumeUnit::Sessions),
        0.005,
        1e-12
    ));
    assert!(close(
        value_per_unit(&p, Outcome::Revenue, VolumeUnit::Sessions),
        0.5,
        1e-12
    ));
    assert!(close(
        value_per_unit(&p, Outcome::GrossProfit, VolumeUnit::Sessions),
        0.25,
        1e-12
    ));
    assert!(close(
        value_per_unit(&p, Outcome::NewCustomers, VolumeUnit::OfflineContacts),
        0.2,
        1e-12
    ));
}

// ---------------------------------------------------------------------------
// The split.

fn channel(id: &str, h: Hill, value: f64, current: f64) -> Channel {
    Channel {
        id: id.into(),
        curve: h,
        value_per_unit: value,
        min: 0.0,
        max: None,
        current,
    }
}

fn outcome_of(channels: &[Channel], spends: &[f64]) -> f64 {
    channels
        .iter()
        .zip(spends)
        .map(|(c, s)| c.value_per_unit * c.curve.volume(*s))
        .sum()
}

#[test]
fn split_matches_a_brute_force_search_on_small_cases() {
    let cases: Vec<Vec<Channel>> = vec![
        vec![
            channel("a", hill(6080.0, 6600.0, 1.0), 0.005, 1000.0),
            channel("b", hill(3000.0, 1000.0, 0.6), 0.005, 1000.0),
        ],
        vec![
            channel("a", hill(5000.0, 2000.0, 0.7), 1.0, 500.0),
            channel("b", hill(9000.0, 6000.0, 1.0), 0.8, 500.0),
            channel("c", hill(400.0, 300.0, 0.4), 3.0, 500.0),
        ],
        vec![
            channel("a", hill(100.0, 5000.0, 1.0), 1.0, 0.0),
            channel("b", hill(100.0, 50.0, 1.0), 1.0, 0.0),
            channel("c", hill(100.0, 500.0, 0.2), 1.0, 0.0),
        ],
    ];
    let (total, step) = (4000.0, 100.0);
    let n = (total / step) as usize;
    for chans in cases {
        let Ok(a) = allocate(&chans, total, step) else {
            panic!("no split");
        };
        // Every split of the total into whole steps.
        let mut best = f64::NEG_INFINITY;
        for i in 0..=n {
            if chans.len() == 2 {
                let s = [i as f64 * step, (n - i) as f64 * step];
                best = best.max(outcome_of(&chans, &s));
                continue;
            }
            for j in 0..=(n - i) {
                let s = [i as f64 * step, j as f64 * step, (n - i - j) as f64 * step];
                best = best.max(outcome_of(&chans, &s));
            }
        }
        assert!(close(a.proposed_outcome, best, 1e-12), "{a:?} vs {best}");
        assert!(close(a.spent, total, 1e-12));
        assert_eq!(a.unspent, 0.0);
        for l in &a.lines {
            assert!(close(
                (l.proposed_spend / step).round() * step,
                l.proposed_spend,
                1e-9
            ));
        }
    }
}

#[test]
fn split_equalises_marginal_returns_within_one_step() {
    let mut rng = Lcg(7);
    let chans: Vec<Channel> = (0..10)
        .map(|i| {
            let max = 1000.0 + 9000.0 * (rng.next() + 1.0);
            let half = 500.0 + 5000.0 * (rng.next() + 1.0);
            let slope = 0.3 + 0.35 * (rng.next() + 1.0);
            let value = 0.5 + rng.next().abs();
            channel(
                &format!("c{i}"),
                hill(max, half, slope.min(1.0)),
                value,
                1000.0,
            )
        })
        .collect();
    let (total, step) = (50_000.0, 50.0);
    let Ok(a) = allocate(&chans, total, step) else {
        panic!("no split");
    };
    assert!(close(a.spent, total, 1e-12));
    // No single step moved from one channel to another would bring more.
    let gain = |c: &Channel, from: f64, to: f64| {
        c.value_per_unit * (c.curve.volume(to) - c.curve.volume(from))
    };
    for (ci, li) in chans.iter().zip(&a.lines) {
        for (cj, lj) in chans.iter().zip(&a.lines) {
            if ci.id == cj.id || li.proposed_spend < step {
                continue;
            }
            let lose = gain(ci, li.proposed_spend - step, li.proposed_spend);
            let win = gain(cj, lj.proposed_spend, lj.proposed_spend + step);
            assert!(win <= lose + 1e-9, "{} → {}: +{win} −{lose}", ci.id, cj.id);
        }
    }
    // The marginal return of the next 100 is about equal wherever money went.
    let funded: Vec<f64> = a
        .lines
        .iter()
        .filter(|l| l.proposed_spend > 200.0)
        .map(|l| l.marginal_per_100)
        .collect();
    let (lo, hi) = funded.iter().fold((f64::INFINITY, 0.0f64), |(lo, hi), m| {
        (lo.min(*m), hi.max(*m))
    });
    assert!(funded.len() >= 2 && hi <= lo * 1.5, "{funded:?}");
    assert!(a.proposed_outcome >= a.current_outcome - 1e-9);
    assert!(close(
        a.difference,
        a.proposed_outcome - a.current_outcome,
        1e-12
    ));
}

#[test]
fn split_honours_minimums_and_maximums() {
    let strong = hill(10_000.0, 1000.0, 1.0);
    let weak = hill(1000.0, 5000.0, 1.0);
    let mut chans = vec![
        channel("strong", strong, 1.0, 2000.0),
        channel("weak", weak, 1.0, 2000.0),
    ];
    chans[0].max = Some(2500.0);
    chans[1].min = 300.0;
    let Ok(a) = allocate(&chans, 4000.0, 100.0) else {
        panic!("no split");
    };
    assert_eq!(a.lines[0].proposed_spend, 2500.0);
    assert!(a.lines[0].at_max);
    assert_eq!(a.lines[1].proposed_spend, 1500.0);
    assert!(!a.lines[1].at_max);
    // A maximum between steps is reached exactly.
    chans[0].max = Some(2550.0);
    let Ok(a) = allocate(&chans, 4000.0, 100.0) else {
        panic!("no split");
    };
    assert_eq!(a.lines[0].proposed_spend, 2550.0);
    assert!(close(a.spent, 4000.0, 1e-12));
    // Maximums below the total leave the rest unspent.
    chans[1].max = Some(400.0);
    let Ok(a) = allocate(&chans, 4000.0, 100.0) else {
        panic!("no split");
    };
    assert!(close(a.spent, 2950.0, 1e-12));
    assert!(close(a.unspent, 1050.0, 1e-12));
    // The minimum holds even where money would do better elsewhere.
    chans[1].min = 400.0;
    let Ok(a) = allocate(&chans, 500.0, 100.0) else {
        panic!("no split");
    };
    assert_eq!(a.lines[1].proposed_spend, 400.0);
    assert_eq!(a.lines[0].proposed_spend, 100.0);
}

#[test]
fn split_refuses_impossible_requests_with_a_reason() {
    let h = hill(1000.0, 1000.0, 1.0);
    let mut chans = vec![channel("a", h, 1.0, 0.0), channel("b", h, 1.0, 0.0)];
    assert_eq!(allocate(&[], 100.0, 10.0), Err(AllocationError::NoChannels));
    assert_eq!(
        allocate(&chans, -1.0, 10.0),
        Err(AllocationError::InvalidTotal)
    );
    assert_eq!(
        allocate(&chans, f64::NAN, 10.0),
        Err(AllocationError::InvalidTotal)
    );
    assert_eq!(
        allocate(&chans, 100.0, 0.0),
        Err(AllocationError::InvalidStep)
    );
    assert!(matches!(
        allocate(&chans, 1e12, 1.0),
        Err(AllocationError::StepTooSmall { .. })
    ));
    chans[0].min = 80.0;
    chans[1].min = 30.0;
    let e = allocate(&chans, 100.0, 10.0);
    assert_eq!(
        e,
        Err(AllocationError::MinimumsAboveTotal {
            minimums: 110.0,
            total: 100.0
        })
    );
    if let Err(e) = e {
        assert!(e.message().contains("110.00"), "{}", e.message());
    }
    chans[1].min = 0.0;
    chans[1].max = Some(-5.0);
    assert_eq!(
        allocate(&chans, 100.0, 10.0),
        Err(AllocationError::InvalidBounds { id: "b".into() })
    );
    chans[1].max = Some(f64::NAN);
    assert!(allocate(&chans, 100.0, 10.0).is_err());
}

#[test]
fn split_reports_today_against_the_proposal() {
    // The worked example of docs/allocation.md, checkable by hand.
    let a_curve = hill(6000.0, 3000.0, 1.0);
    let b_curve = hill(2000.0, 1000.0, 1.0);
    let chans = vec![
        channel("search", a_curve, 0.005, 3000.0),
        channel("display", b_curve, 0.005, 3000.0),
    ];
    let Ok(a) = allocate(&chans, 6000.0, 100.0) else {
        panic!("no split");
    };
    // Equal marginal volume: 6000 × 3000 ÷ (3000 + x)² = 2000 × 1000 ÷ (1000 + y)² with
    // x + y = 6000 gives 3000 + x = 3 × (1000 + y): x = 4500, y = 1500.
    assert_eq!(a.lines[0].proposed_spend, 4500.0);
    assert_eq!(a.lines[1].proposed_spend, 1500.0);
    assert!(close(a.lines[0].current_volume, 3000.0, 1e-12));
    assert!(close(a.lines[1].current_volume, 1500.0, 1e-12));
    assert!(close(a.lines[0].proposed_volume, 3600.0, 1e-12));
    assert!(close(a.lines[1].proposed_volume, 1200.0, 1e-12));
    assert!(close(a.current_outcome, 22.5, 1e-12));
    assert!(close(a.proposed_outcome, 24.0, 1e-12));
    assert!(close(a.difference, 1.5, 1e-12));
    // Next $100 at $4,500: 6000 × 4600 ÷ 7600 − 3600 = 31.58 sessions → 0.158 customers.
    let next = 0.005 * (6000.0 * 4600.0 / 7600.0 - 3600.0);
    assert!(close(a.lines[0].marginal_per_100, next, 1e-12));
}

#[test]
fn suggested_steps_are_round_and_few() {
    assert_eq!(suggested_step(0.0), 1.0);
    assert_eq!(suggested_step(f64::NAN), 1.0);
    assert_eq!(suggested_step(800.0), 1.0);
    assert_eq!(suggested_step(1500.0), 2.0);
    assert_eq!(suggested_step(6000.0), 10.0);
    assert_eq!(suggested_step(45_000.0), 50.0);
    assert_eq!(suggested_step(1e9), 1e6);
    for t in [1.0, 99.0, 12_345.0, 9.9e7] {
        assert!(t / suggested_step(t) <= 1000.0);
    }
}

// ---------------------------------------------------------------------------
// From and back to the plan.

#[test]
fn channels_come_from_the_plans_paid_touchpoints() {
    let p = plan();
    let settings = |t: &Touchpoint| {
        if t.id == "display" {
            SplitSettings {
                min_budget: Some(Money(50_000)),
                max_budget: Some(Money(400_000)),
                ..SplitSettings::default()
            }
        } else {
            SplitSettings::default()
        }
    };
    let pc = channels_from_plan(&p, Outcome::Revenue, settings);
    let ids: Vec<&str> = pc.channels.iter().map(|c| c.channel.id.as_str()).collect();
    assert_eq!(
        ids,
        ["search", "display", "stand"],
        "owned touchpoints are not split"
    );
    assert_eq!(pc.skipped.len(), 1);
    assert_eq!(pc.skipped[0].id, "retarget");
    let display = &pc.channels[1].channel;
    assert_eq!((display.min, display.max), (500.0, Some(4000.0)));
    assert_eq!(display.current, 2000.0);
    assert!(close(display.value_per_unit, 0.5, 1e-12));
    assert_eq!(pc.channels[2].unit, VolumeUnit::OfflineContacts);
    assert!(close(pc.current_total(), 6000.0, 1e-12));
    assert_eq!(pc.for_allocate().len(), 3);
}

#[test]
fn applying_a_split_moves_budgets_and_the_forecast_follows_the_curves() {
    let mut p = plan();
    // Plan "search" by CPC ($2.50 a click, 100 % landing) and "display" by CPM
    // ($10, 1 % CTR, 100 % landing): today they buy 1,200 and 2,000 sessions.
    if let Some(t) = p.touchpoint_mut("search") {
        t.plan_by = PlanBy::Cpc;
        t.cpc = Money(250);
    }
    if let Some(t) = p.touchpoint_mut("display") {
        t.plan_by = PlanBy::Cpm;
        t.cpm = Money(1000);
        t.ctr = 0.01;
    }
    let before = first_month(&p);
    let pc = channels_from_plan(&p, Outcome::NewCustomers, |_| SplitSettings::default());
    let chans = pc.for_allocate();
    let total = pc.current_total();
    let Ok(a) = allocate(&chans, total, suggested_step(total)) else {
        panic!("no split");
    };
    // Today on the curves is today in the plan: the owned "seo" brings the other 5,000
    // sessions × 0.5 % = 25 customers.
    let seo = 25.0;
    assert!(
        close(a.current_outcome, before.customers - seo, 1e-9),
        "{a:?} {before:?}"
    );
    let after = apply_split(&p, &a);
    let digits = p.currency_digits();
    for l in &a.lines {
        let Some(t) = after.touchpoint(&l.id) else {
            panic!("lost {}", l.id);
        };
        assert!(close(t.budget.to_major(digits), l.proposed_spend, 1e-9));
        // The volume the plan now forecasts is the curve's (up to the price's cents).
        assert!(
            close(t.delivery(digits).volume, l.proposed_volume, 0.01),
            "{}: {} vs {}",
            l.id,
            t.delivery(digits).volume,
            l.proposed_volume
        );
    }
    let now = first_month(&after);
    assert!(
        close(now.customers - seo, a.proposed_outcome, 0.01),
        "{now:?} {a:?}"
    );
    assert!(now.customers >= before.customers);
    // Everything else is untouched.
    assert_eq!(after.touchpoint("seo"), p.touchpoint("seo"));
    assert_eq!(after.funnel, p.funnel);
}

#[test]
fn settings_round_trip_through_json_and_default_when_missing() {
    let s = SplitSettings {
        points: vec![
            CurvePoint {
                spend: Money(100_000),
                volume: 800.0,
            },
            CurvePoint {
                spend: Money(300_000),
                volume: 1900.0,
            },
        ],
        min_budget: Some(Money(10_000)),
        max_budget: None,
    };
    let json = serde_json::to_string(&s).unwrap_or_default();
    assert!(!json.contains("max_budget"), "{json}");
    let back: Result<SplitSettings, _> = serde_json::from_str(&json);
    assert_eq!(back.ok(), Some(s));
    let empty: Result<SplitSettings, _> = serde_json::from_str("{}");
    assert_eq!(empty.ok(), Some(SplitSettings::default()));
    let a: Result<AllocationSettings, _> = serde_json::from_str(r#"{"outcome":"gross_profit"}"#);
    assert_eq!(
        a.ok(),
        Some(AllocationSettings {
            total: None,
            outcome: Outcome::GrossProfit
        })
    );
}

// ---------------------------------------------------------------------------
// No NaN, whatever the input.

fn wild() -> impl Strategy<Value = f64> {
    prop_oneof![
        Just(0.0),
        Just(-1.0),
        Just(f64::NAN),
        Just(f64::INFINITY),
        Just(f64::NEG_INFINITY),
        Just(f64::MAX),
        Just(f64::MIN_POSITIVE),
        Just(1e-300),
        0.0..1e7f64,
        -1e7..1e7f64,
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn curves_never_give_nan(max in wild(), half in wild(), slope in wild(), spend in wild(), volume in wild()) {
        let h = Hill::new(max, half, slope);
        if let Some(h) = h {
            prop_assert!(h.volume(spend).is_finite());
            prop_assert!(h.volume(spend) >= 0.0 && h.volume(spend) <= h.max);
            prop_assert!(h.marginal(spend).is_finite());
            if let Some(s) = h.spend_for(volume) {
                prop_assert!(s.is_finite() && s >= 0.0);
            }
        }
        if let Ok(h) = two_points(sv(max, half), sv(spend, volume)) {
            prop_assert!(h.max.is_finite() && h.half.is_finite());
        }
        if let Some(h) = default_curve(sv(spend, volume)) {
            prop_assert!(h.max.is_finite() && h.half.is_finite());
        }
    }

    #[test]
    fn fits_never_give_nan(pts in proptest::collection::vec((wild(), wild()), 0..12)) {
        let pts: Vec<SpendVolume> = pts.into_iter().map(|(s, v)| sv(s, v)).collect();
        if let Ok(f) = fit(&pts) {
            prop_assert!(f.r2.is_finite() && f.r2 <= 1.0 + 1e-9);
            prop_assert!(f.hill.max.is_finite() && f.hill.half.is_finite());
            prop_assert!(f.hill.slope >= MIN_SLOPE && f.hill.slope <= 1.0);
        }
    }

    #[test]
    fn splits_never_give_nan(
        raw in proptest::collection::vec((wild(), wild(), wild(), wild(), wild(), wild()), 1..5),
        total in wild(),
        step in wild(),
    ) {
        let chans: Vec<Channel> = raw
            .iter()
            .enumerate()
            .filter_map(|(i, (max, half, value, min, cap, current))| {
                let h = Hill::new(max.abs().max(1e-3), half.abs().max(1e-3), 1.0)?;
                Some(Channel {
                    id: format!("c{i}"),
                    curve: h,
                    value_per_unit: *value,
                    min: *min,
                    max: (*cap > 5e6).then_some(*cap / 2.0),
                    current: *current,
                })
            })
            .collect();
        // Keep the number of steps small enough for a quick test.
        let step = if step.is_finite() && step > 0.0 { step.max(total.abs() / 2000.0) } else { step };
        if let Ok(a) = allocate(&chans, total, step) {
            for x in [a.spent, a.unspent, a.current_outcome, a.proposed_outcome, a.difference] {
                prop_assert!(x.is_finite());
            }
            prop_assert!(a.spent <= a.total * (1.0 + 1e-9) + 1e-6);
            for l in &a.lines {
                for x in [l.proposed_spend, l.proposed_volume, l.proposed_outcome, l.marginal_per_100, l.current_volume] {
                    prop_assert!(x.is_finite() && x >= 0.0);
                }
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn plans_never_give_nan(
        rates in proptest::collection::vec(wild(), 4),
        tps in proptest::collection::vec((0i64..10_000_000, wild(), 0u8..3, any::<bool>(), wild()), 1..5),
        spends in proptest::collection::vec((1u8..13, wild(), wild()), 0..8),
        outcome in 0usize..3,
    ) {
        let mut p = plan();
        p.funnel.act_rate = rates[0];
        p.funnel.convert_rate = rates[1];
        p.funnel.offline_convert_rate = rates[2];
        p.funnel.gross_margin = rates[3];
        p.stages.reach.touchpoints = tps
            .iter()
            .enumerate()
            .map(|(i, (budget, volume, by, offline, price))| Touchpoint {
                plan_by: [PlanBy::Volume, PlanBy::Cpc, PlanBy::Cpm][usize::from(*by)],
                cpc: Money((price.abs().min(1e6) * 100.0) as i64),
                cpm: Money((price.abs().min(1e6) * 100.0) as i64),
                ctr: 0.01,
                ..tp(
                    &format!("t{i}"),
                    if *offline { Place::Offline } else { Place::Online },
                    *budget,
                    *volume,
                )
            })
            .collect();
        for (m, s, v) in &spends {
            p.actuals.push(actual("spend", month(*m), *s, Some("t0")));
            p.actuals.push(actual("sessions", month(*m), *v, Some("t0")));
        }
        let pc = channels_from_plan(&p, Outcome::ALL[outcome], |_| SplitSettings::default());
        let chans = pc.for_allocate();
        for c in &chans {
            prop_assert!(c.value_per_unit.is_finite() && c.current.is_finite());
        }
        let total = pc.current_total();
        if let Ok(a) = allocate(&chans, total, suggested_step(total)) {
            prop_assert!(a.proposed_outcome.is_finite() && a.difference.is_finite());
            let after = apply_split(&p, &a);
            let m = first_month(&after);
            prop_assert!(m.customers.is_finite() && m.revenue.is_finite());
        }
    }
}

// --- The plan file the end-to-end test imports ----------------------------------------

/// The budget split's end-to-end fixture: three paid touchpoints with six months of
/// spend and sessions each get fitted curves, a fourth without actuals the default, and
/// the proposed split of today's total brings more new customers than today's.
#[test]
fn the_split_fixture_fits_three_curves_and_improves_on_today() {
    let (plan, _) =
        race_planner::format::read_plan_text(include_str!("fixtures/plan-split.json")).unwrap();
    assert!(plan.validate().is_empty());
    let channels = channels_from_plan(&plan, plan.allocation.outcome, |t| t.split.clone());
    assert!(channels.skipped.is_empty());
    let sources: Vec<(&str, &CurveSource)> = channels
        .channels
        .iter()
        .map(|c| (c.channel.id.as_str(), &c.curve.source))
        .collect();
    assert_eq!(sources.len(), 4);
    for (id, source) in &sources[..3] {
        match source {
            CurveSource::Fitted {
                periods_used: 6,
                granularity: Granularity::Month,
                r2,
            } => assert!(*r2 > 0.9, "{id}: R² {r2}"),
            other => panic!("{id}: {other:?}"),
        }
    }
    assert!(matches!(sources[3], ("tp-6", CurveSource::Default { .. })));
    let total = channels.current_total();
    assert!((total - 9_000.0).abs() < 1e-9);
    let split = allocate(&channels.for_allocate(), total, suggested_step(total)).unwrap();
    assert!(split.difference > 0.0, "{split:?}");
    // Search brings the most per extra dollar today, so it gets more.
    assert!(split.lines[0].proposed_spend > split.lines[0].current_spend);
    // Two points set by hand on the touchpoint without actuals give it their curve.
    let mut by_hand = plan.clone();
    by_hand.touchpoint_mut("tp-6").unwrap().split.points = vec![
        CurvePoint {
            spend: Money(100_000),
            volume: 600.0,
        },
        CurvePoint {
            spend: Money(300_000),
            volume: 1_200.0,
        },
    ];
    let c = curve_for(&by_hand, "tp-6", &by_hand.touchpoint("tp-6").unwrap().split).unwrap();
    assert!(matches!(c.source, CurveSource::TwoPoints { .. }));
    // Applying the split changes the budgets the plan keeps.
    let applied = apply_split(&plan, &split);
    assert_ne!(
        applied.touchpoint("tp-1").unwrap().budget,
        plan.touchpoint("tp-1").unwrap().budget
    );
}
