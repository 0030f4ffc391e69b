//! Every KPI formula, and every public worked example from the KPI reference.

#![cfg(not(target_arch = "wasm32"))]

use race_planner::domain::funnel::{funnel_month, reverse_from, Goal};
use race_planner::domain::kpi::{self, *};
use race_planner::domain::money::Money;
use race_planner::domain::plan::{ClvVariant, FunnelInputs, Plan, RoiBasis, Stage};
use race_planner::domain::scoring::{ice_average, ice_product};

fn close(a: Option<f64>, b: f64) {
    let a = a.expect("a value");
    assert!((a - b).abs() <= 1e-9 * b.abs().max(1.0), "{a} != {b}");
}

fn round(v: Option<f64>, places: i32) -> f64 {
    let f = 10f64.powi(places);
    (v.expect("a value") * f).round() / f
}

// ---- Worked examples -------------------------------------------------------

#[test]
fn example_1_forward_funnel_calcfuel() {
    let inputs = FunnelInputs {
        act_rate: 0.022,
        convert_rate: 0.10,
        aov: Money(45_000),
        ..FunnelInputs::default()
    };
    let m = funnel_month(&inputs, 2, 120_000.0, 0.0, 0.0);
    close(Some(m.leads), 2_640.0);
    close(Some(m.customers), 264.0);
    close(Some(m.revenue), 118_800.0);
}

#[test]
fn example_2_funnel_rates_wpcalc() {
    close(stage_rate(1_200.0, 10_000.0), 0.12);
    close(stage_rate(300.0, 1_200.0), 0.25);
    let inputs = FunnelInputs {
        act_rate: 0.12,
        convert_rate: 0.25,
        aov: Money(7_500),
        ..FunnelInputs::default()
    };
    let m = funnel_month(&inputs, 2, 10_000.0, 0.0, 0.0);
    close(Some(m.leads), 1_200.0);
    close(Some(m.customers), 300.0);
    close(Some(m.revenue), 22_500.0);
}

#[test]
fn example_3_overall_rate_dfw() {
    let overall = whole_funnel_rate(&[0.05, 0.24]);
    close(overall, 0.012);
    assert_eq!(round(ratio(1.0, overall.unwrap()), 1), 83.3);
    assert_eq!(traffic_needed(1.0, overall.unwrap()), Some(84.0));
    let at_ten = whole_funnel_rate(&[0.10, 0.24]).unwrap();
    assert_eq!(round(ratio(1.0, at_ten), 1), 41.7);
    assert_eq!(traffic_needed(1.0, at_ten), Some(42.0));
    // The same through the reverse funnel: one customer needs 84 visitors.
    let inputs = FunnelInputs {
        act_rate: 0.05,
        convert_rate: 0.24,
        aov: Money(10_000),
        ..FunnelInputs::default()
    };
    let r = reverse_from(&inputs, 2, Goal::Customers(1.0), 0.0);
    assert_eq!(r.leads, Some(5.0));
    assert_eq!(r.sessions, Some(84.0));
}

#[test]
fn example_4_reverse_funnel_trew() {
    let inputs = FunnelInputs {
        act_rate: 0.02,
        convert_rate: 0.02,
        aov: Money(1_000_000),
        orders_per_customer: 1.0,
        ..FunnelInputs::default()
    };
    let r = reverse_from(&inputs, 2, Goal::Revenue(Money(50_000_000)), 0.0);
    assert_eq!(r.customers, Some(50.0));
    assert_eq!(r.leads, Some(2_500.0));
    assert_eq!(r.sessions, Some(125_000.0));
    assert_eq!(r.blocked, None);
}

#[test]
fn example_5_saas_clv_ltv_cac_payback() {
    close(clv_subscription(500.0, 0.75, 0.025), 15_000.0);
    close(ltv_cac(15_000.0, 6_000.0), 2.5);
    close(cac_payback(6_000.0, 500.0, 0.75), 16.0);
    let inputs = FunnelInputs {
        arpa: Money(50_000),
        gross_margin: 0.75,
        churn_rate: 0.025,
        ..FunnelInputs::default()
    };
    close(clv_for(ClvVariant::Subscription, &inputs, 2), 15_000.0);
}

#[test]
fn example_6_single_metrics_listopedia() {
    close(cac(500.0, 10.0), 50.0);
    close(roi_revenue(1_500.0, 1_000.0), 0.5);
    close(conversion_rate(20.0, 200.0), 0.10);
    close(ctr(50.0, 1_000.0), 0.05);
    close(cpc(200.0, 100.0), 2.0);
    close(clv_simple(100.0, 5.0, 3.0), 1_500.0);
    close(roas(3_000.0, 1_000.0), 3.0);
    close(social_engagement_rate(150.0, 3_000.0), 0.05);
}

#[test]
fn example_7_aov() {
    close(aov(10_000.0, 25.0), 400.0);
}

#[test]
fn example_8_ga4_engagement() {
    assert_eq!(round(engagement_rate(686.0, 1_898.0), 4), 0.3614);
    assert_eq!(round(bounce_rate(686.0, 1_898.0), 4), 0.6386);
}

#[test]
fn example_9_ice() {
    assert_eq!(round(ice_average(5.0, 8.0, 9.0), 2), 7.33);
    assert_eq!(round(ice_average(8.0, 6.0, 6.0), 2), 6.67);
    assert_eq!(round(ice_average(9.0, 7.0, 3.0), 2), 6.33);
    close(ice_product(8.0, 7.0, 5.0), 280.0);
    close(ice_product(9.0, 5.0, 2.0), 90.0);
}

// ---- Every formula -----------------------------------------------------------

#[test]
fn reach_formulas() {
    close(cpm(500.0, 100_000.0), 5.0);
    close(impressions_from_cpm(500.0, 5.0), 100_000.0);
    close(traffic_projection(10_000.0, 0.05, 2), 11_025.0);
    assert_eq!(traffic_projection(10_000.0, 0.0, 12), Some(10_000.0));
}

#[test]
fn act_formulas() {
    close(lead_rate(300.0, 10_000.0), 0.03);
    close(cpl(3_000.0, 300.0), 10.0);
}

#[test]
fn convert_formulas() {
    close(cpa(1_000.0, 40.0), 25.0);
    close(mer(50_000.0, 10_000.0), 5.0);
    close(roi_gross_profit(2_015.0, 1_000.0), 1.015);
    close(roi(RoiBasis::Revenue, 2_000.0, 0.5, 1_000.0), 1.0);
    close(roi(RoiBasis::GrossProfit, 2_000.0, 0.5, 1_000.0), 0.0);
}

#[test]
fn engage_formulas() {
    close(repeat_purchase_rate(30.0, 100.0), 0.3);
    close(retention_rate(1_100.0, 200.0, 1_000.0), 0.9);
    close(churn_rate(1_100.0, 200.0, 1_000.0), 0.1);
    close(clv_margin(100.0, 5.0, 3.0, 0.4), 600.0);
    // m × r ÷ (1 + i − r) = 100 × 0.8 ÷ 0.3
    close(clv_retention_discounted(100.0, 0.8, 0.1), 80.0 / 0.3);
    close(nps(60.0, 20.0, 20.0), 40.0);
    close(nps_from_scores(&[10, 9, 8, 7, 0, 6, 10, 10, 3, 9]), 20.0);
    assert_eq!(nps_from_scores(&[]), None);
    close(forecast_error(110.0, 100.0), 10.0 / 110.0);
}

#[test]
fn zero_denominators_have_no_value() {
    assert_eq!(ctr(5.0, 0.0), None);
    assert_eq!(cpc(5.0, 0.0), None);
    assert_eq!(cpm(5.0, 0.0), None);
    assert_eq!(engagement_rate(1.0, 0.0), None);
    assert_eq!(bounce_rate(1.0, 0.0), None);
    assert_eq!(cpl(1.0, 0.0), None);
    assert_eq!(cpa(1.0, 0.0), None);
    assert_eq!(cac(1.0, 0.0), None);
    assert_eq!(aov(1.0, 0.0), None);
    assert_eq!(roas(1.0, 0.0), None);
    assert_eq!(mer(1.0, 0.0), None);
    assert_eq!(roi_revenue(1.0, 0.0), None);
    assert_eq!(clv_subscription(500.0, 0.75, 0.0), None);
    assert_eq!(clv_retention_discounted(100.0, 1.1, 0.1), None);
    assert_eq!(ltv_cac(1.0, 0.0), None);
    assert_eq!(cac_payback(1.0, 0.0, 0.75), None);
    assert_eq!(forecast_error(0.0, 10.0), None);
    assert_eq!(traffic_needed(10.0, 0.0), None);
    assert_eq!(ratio(f64::NAN, 1.0), None);
    assert_eq!(ratio(1.0, f64::INFINITY), None);
    assert_eq!(ratio(f64::MAX, f64::MIN_POSITIVE), None);
}

#[test]
fn catalogue_is_complete_and_documented() {
    let required = [
        "impressions",
        "ctr",
        "cpc",
        "cpm",
        "sessions",
        "engagement_rate",
        "bounce_rate",
        "lead_rate",
        "cpl",
        "conversion_rate",
        "customers",
        "orders",
        "aov",
        "revenue",
        "cpa",
        "cac",
        "roas",
        "mer",
        "roi",
        "repeat_purchase_rate",
        "retention_rate",
        "churn_rate",
        "clv",
        "ltv_cac",
        "cac_payback",
        "social_engagement_rate",
        "nps",
        "forecast_error",
    ];
    for id in required {
        let def = kpi::find(id).unwrap_or_else(|| panic!("{id} missing"));
        assert!(!def.name.is_empty() && !def.formula.is_empty() && !def.explanation.is_empty());
        assert!(def.min <= def.max);
    }
    for def in catalogue() {
        assert!(!def.explanation.is_empty(), "{}", def.id);
    }
    for lower in [
        "cpc",
        "cpm",
        "cpl",
        "cpa",
        "cac",
        "churn_rate",
        "bounce_rate",
        "cac_payback",
        "forecast_error",
    ] {
        assert!(!kpi::find(lower).unwrap().higher_is_better, "{lower}");
    }
    assert!(kpi::for_stage(Some(Stage::Reach)).any(|k| k.id == "ctr"));
    assert!(kpi::for_stage(None).any(|k| k.id == "roi"));
}

#[test]
fn evaluate_uses_the_plan_variants() {
    let mut plan = Plan::new("p", "Plan", 0, "2026-01-01");
    plan.funnel.arpa = Money(50_000);
    plan.funnel.gross_margin = 0.75;
    plan.funnel.churn_rate = 0.025;
    plan.funnel.aov = Money(10_000);
    plan.funnel.purchases_per_year = 5.0;
    plan.funnel.customer_years = 3.0;
    let clv = |p: &Plan| evaluate(p).into_iter().find(|v| v.id == "clv").unwrap();
    plan.variants.clv = ClvVariant::Subscription;
    close(clv(&plan).value, 15_000.0);
    assert!(clv(&plan).inputs.words.contains("subscription"));
    plan.variants.clv = ClvVariant::Simple;
    close(clv(&plan).value, 1_500.0);
    plan.variants.clv = ClvVariant::Margin;
    close(clv(&plan).value, 1_125.0);
    // An empty plan: no traffic, every ratio is None, never NaN.
    for v in evaluate(&Plan::new("p", "Plan", 0, "2026-01-01")) {
        assert!(v.value.is_none_or(f64::is_finite), "{}", v.id);
    }
    let empty = evaluate(&Plan::new("p", "Plan", 0, "2026-01-01"));
    let get = |id: &str| empty.iter().find(|v| v.id == id).unwrap().value;
    assert_eq!(get("ctr"), None);
    assert_eq!(get("cpa"), None);
    assert_eq!(get("roas"), None);
    // A count whose inputs are missing has no value either, and says what it needs
    // (0 sessions would read as a forecast of none rather than "not planned yet").
    assert_eq!(get("sessions"), None);
    let sessions = empty.iter().find(|v| v.id == "sessions").unwrap();
    assert_eq!(
        sessions.missing,
        vec!["an online Reach touchpoint with sessions"]
    );
}

#[test]
fn every_catalogue_kpi_is_evaluated_from_a_plan() {
    use race_planner::domain::period::Period;
    use race_planner::domain::plan::{Actual, Media, Place, Source, Touchpoint};
    let mut plan = Plan::new("p", "Every KPI", 0, "2026-01-01");
    plan.stages.reach.touchpoints = vec![
        Touchpoint {
            id: "ads".into(),
            name: "Search ads".into(),
            media: Media::Paid,
            place: Place::Online,
            budget: Money(100_000),
            monthly_volume: 10_000.0,
            impressions: Some(100_000.0),
            clicks: Some(2_000.0),
            ..Touchpoint::default()
        },
        Touchpoint {
            id: "shop".into(),
            name: "Shop window".into(),
            media: Media::Owned,
            place: Place::Offline,
            budget: Money(50_000),
            monthly_volume: 500.0,
            ..Touchpoint::default()
        },
    ];
    let f = &mut plan.funnel;
    f.act_rate = 0.05;
    f.convert_rate = 0.2;
    f.offline_convert_rate = 0.1;
    f.aov = Money(5_000);
    f.repeat_rate = 0.3;
    f.gross_margin = 0.4;
    f.retention_rate = 0.8;
    f.discount_rate = 0.1;
    f.churn_rate = 0.05;
    f.purchases_per_year = 4.0;
    f.customer_years = 2.0;
    f.marketing_cost_other = Money(50_000);
    plan.actuals.push(Actual {
        measure: "revenue".into(),
        period: Period::month(2026, 1).unwrap(),
        value: 8_000.0,
        source: Source::Typed,
        touchpoint: None,
    });
    let values = evaluate(&plan);
    let expected: &[(&str, Option<f64>)] = &[
        ("impressions", Some(100_000.0)),
        ("ctr", Some(0.02)),
        ("cpc", Some(0.5)),
        ("cpm", Some(10.0)),
        ("sessions", Some(10_000.0)),
        ("offline_contacts", Some(500.0)),
        ("engagement_rate", None),
        ("bounce_rate", None),
        ("lead_rate", Some(0.05)),
        ("leads", Some(500.0)),
        ("cpl", Some(3.0)),
        ("conversion_rate", Some(0.01)),
        ("customers", Some(150.0)),
        // Orders = first orders + repeat orders = 150 × 1 + (150 × 30 %) × 1 = 195.
        ("orders", Some(195.0)),
        ("aov", Some(50.0)),
        // Revenue counts repeat revenue (v1 showed it beside revenue): first-order
        // revenue 150 × $50 = $7,500 + repeat revenue 45 × 1 × $50 = $2,250 = $9,750.
        ("revenue", Some(9_750.0)),
        ("cpa", Some(10.0)),
        ("cac", Some(2_000.0 / 150.0)),
        // Paid revenue: the 100 online customers all come from the paid ads, the 50
        // offline ones from the owned shop: $9,750 × 100 ÷ 150 = $6,500 ÷ $1,000 = 6.5.
        ("roas", Some(6.5)),
        ("repeat_purchase_rate", Some(0.3)),
        ("repeat_customers", Some(45.0)),
        ("retention_rate", Some(0.8)),
        ("churn_rate", Some(0.05)),
        ("clv", Some(160.0)),
        ("social_engagement_rate", None),
        ("nps", None),
        // MER = $9,750 ÷ ($1,500 + $500) = 4.875; ROI = ($9,750 − $2,000) ÷ $2,000 = 3.875.
        ("mer", Some(4.875)),
        ("roi", Some(3.875)),
        ("ltv_cac", Some(12.0)),
        ("cac_payback", Some(2.0 / 3.0)),
        // |actual $8,000 − forecast $9,750| ÷ $8,000 = 0.21875.
        ("forecast_error", Some(0.218_75)),
    ];
    assert_eq!(values.len(), expected.len());
    for (v, (id, want)) in values.iter().zip(expected) {
        assert_eq!(v.id, *id);
        match want {
            Some(w) => close(v.value, *w),
            None => assert_eq!(v.value, None, "{id}"),
        }
    }
    plan.variants.roi = RoiBasis::GrossProfit;
    plan.variants.conversion_denominator = race_planner::domain::plan::Denominator::Users;
    plan.funnel.sessions_per_user = 2.0;
    let values = evaluate(&plan);
    let get = |id: &str| values.iter().find(|v| v.id == id).unwrap().value;
    // Gross profit $9,750 × 40 % = $3,900: ($3,900 − $2,000) ÷ $2,000 = 0.95.
    close(get("roi"), (3_900.0 - 2_000.0) / 2_000.0);
    close(get("conversion_rate"), 0.02);
}
