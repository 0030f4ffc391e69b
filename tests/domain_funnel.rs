//! The funnel model: forward, reverse, offline sales and opportunity sizing.

#![cfg(not(target_arch = "wasm32"))]

use race_planner::domain::funnel::*;
use race_planner::domain::money::Money;
use race_planner::domain::plan::{Media, Place, Plan, Stage, Touchpoint};

fn touchpoint(id: &str, media: Media, place: Place, volume: f64, budget: i64) -> Touchpoint {
    Touchpoint {
        id: id.into(),
        name: id.into(),
        media,
        place,
        monthly_volume: volume,
        budget: Money(budget),
        ..Touchpoint::default()
    }
}

/// 120,000 sessions (100,000 paid), 2.2 % act, 10 % convert, $450 AOV, and an offline
/// stand bringing 500 contacts at 20 %.
fn plan() -> Plan {
    let mut p = Plan::new("p", "Funnel", 0, "2026-01-01");
    p.funnel.act_rate = 0.022;
    p.funnel.convert_rate = 0.10;
    p.funnel.offline_convert_rate = 0.20;
    p.funnel.aov = Money(45_000);
    p.funnel.repeat_rate = 0.25;
    p.funnel.gross_margin = 0.5;
    p.stages.reach.touchpoints = vec![
        touchpoint("ads", Media::Paid, Place::Online, 100_000.0, 1_000_000),
        touchpoint("seo", Media::Owned, Place::Online, 20_000.0, 200_000),
        touchpoint("stand", Media::Paid, Place::Offline, 500.0, 300_000),
    ];
    p.stages.engage.touchpoints = vec![touchpoint("club", Media::Owned, Place::Offline, 999.0, 0)];
    p.stages.act.touchpoints = vec![touchpoint("quiz", Media::Owned, Place::Online, 5_000.0, 0)];
    p
}

#[test]
fn forward_funnel_counts_online_and_offline() {
    let f = forward_funnel(&plan());
    assert_eq!(f.months.len(), 12);
    let m = &f.months[0];
    assert_eq!(m.sessions, 120_000.0);
    assert!((m.leads - 2_640.0).abs() < 1e-9);
    assert!((m.online_customers - 264.0).abs() < 1e-9);
    assert_eq!(
        m.offline_contacts, 500.0,
        "Engage offline contacts are existing customers"
    );
    assert!((m.offline_customers - 100.0).abs() < 1e-9);
    assert!((m.customers - 364.0).abs() < 1e-9);
    // First-order revenue 364 × 1 × $450 = $163,800 (what v1 called revenue).
    assert!((m.first_orders - 364.0).abs() < 1e-9);
    assert!((m.first_revenue - 163_800.0).abs() < 1e-6);
    // Repeat: 364 × 25 % = 91 customers × 1 further order × $450 = $40,950.
    assert!((m.repeat_customers - 91.0).abs() < 1e-9);
    assert!((m.repeat_orders - 91.0).abs() < 1e-9);
    assert!((m.repeat_revenue - 40_950.0).abs() < 1e-6);
    // Revenue now counts both: $163,800 + $40,950 = $204,750; orders 364 + 91 = 455.
    assert!((m.revenue - 204_750.0).abs() < 1e-6);
    assert!((m.orders - 455.0).abs() < 1e-9);
    // Gross profit = $204,750 × 50 % (v1: $163,800 × 50 % = $81,900).
    assert!((m.gross_profit - 102_375.0).abs() < 1e-6);
    assert_eq!(m.touchpoint_spend, 15_000.0);
    // Paid revenue: 100,000 of 120,000 sessions and all offline contacts are paid; each
    // customer is worth $450 × (1 + 25 % × 1) = $562.50 → (220 + 100) × $562.50 = $180,000.
    let paid = (264.0 * 100_000.0 / 120_000.0 + 100.0) * 450.0 * 1.25;
    assert!((m.paid_revenue - paid).abs() < 1e-6);
    assert!((m.paid_revenue - 180_000.0).abs() < 1e-6);
    assert!((f.total.revenue - 12.0 * 204_750.0).abs() < 1e-3);
    assert_eq!(f.total.month, 12);
}

#[test]
fn traffic_grows_month_on_month() {
    let mut p = plan();
    p.funnel.traffic_growth = 0.05;
    p.horizon_months = 3;
    let f = forward_funnel(&p);
    assert_eq!(f.months.len(), 3);
    assert!((f.months[2].sessions - 120_000.0 * 1.05 * 1.05).abs() < 1e-6);
    assert!((f.months[2].offline_contacts - 500.0 * 1.1025).abs() < 1e-9);
    assert_eq!(month_of(&p, 2), f.months[2]);
    assert_eq!(growth_factor(-2.0, 3), 0.0);
    assert_eq!(growth_factor(f64::NAN, 3), 1.0);
}

#[test]
fn reverse_funnel_needs_round_up_and_gaps() {
    let mut p = plan();
    p.opportunity.baseline.sessions = Some(100_000.0);
    p.opportunity.baseline.customers = Some(300.0);
    let r = reverse_funnel(&p, Goal::Revenue(Money(20_000_000)));
    // Repeat revenue counts, so each new customer brings 1 + 25 % × 1 = 1.25 orders
    // (v1 divided by 1 order and needed 445 customers):
    // $200,000 ÷ $450 = 444.4 orders → 445; ÷ 1.25 = 355.6 customers → 356;
    // 100 offline; 255.6 online → 256.
    assert_eq!(r.orders, Some(445.0));
    assert_eq!(r.customers, Some(356.0));
    assert!((r.offline_customers - 100.0).abs() < 1e-9);
    assert_eq!(r.online_customers, Some(256.0));
    // leads = 255.56 ÷ 10 % = 2,555.6 → 2,556; sessions = 2,555.6 ÷ 2.2 % = 116,161.6 → 116,162
    assert_eq!(r.leads, Some(2_556.0));
    assert_eq!(r.sessions, Some(116_162.0));
    let reach = &r.stages[0];
    assert_eq!(reach.stage, Stage::Reach);
    // 116,162 − 100,000 baseline; 116,162 − 120,000 forecast (the plan already does it).
    assert_eq!(reach.gap_vs_baseline, Some(16_162.0));
    assert_eq!(reach.gap_vs_forecast, Some(-3_838.0));
    let convert = &r.stages[2];
    // 356 − 300 baseline.
    assert_eq!(convert.gap_vs_baseline, Some(56.0));
    assert_eq!(r.stages[1].baseline, None);
    assert_eq!(r.stages[1].gap_vs_baseline, None);
}

#[test]
fn reverse_funnel_at_zero_rates_has_no_answer_and_says_why() {
    let mut p = plan();
    p.funnel.convert_rate = 0.0;
    let r = reverse_funnel(&p, Goal::Customers(1_000.0));
    assert_eq!(r.customers, Some(1_000.0));
    assert_eq!(r.leads, None);
    assert_eq!(r.sessions, None);
    assert_eq!(
        r.blocked.as_deref(),
        Some("cannot be reached at a 0 % lead → customer rate")
    );
    p.funnel.aov = Money::ZERO;
    let r = reverse_funnel(&p, Goal::Revenue(Money(100)));
    assert_eq!(r.orders, None);
    assert!(r.blocked.unwrap().contains("average order value of 0"));
    // Offline sales alone can meet a small goal: nothing is needed online.
    let r = reverse_funnel(&plan(), Goal::Customers(50.0));
    assert_eq!(r.online_customers, Some(0.0));
    assert_eq!(r.sessions, Some(0.0));
}

#[test]
fn opportunity_sizing_per_stage_and_touchpoint() {
    let p = plan();
    let s = opportunity_sizing(&p);
    assert_eq!(
        s.iter().map(|x| x.stage).collect::<Vec<_>>(),
        Stage::ALL.to_vec()
    );
    let get = |st: Stage| {
        s.iter()
            .find(|x| x.stage == st)
            .unwrap()
            .revenue_delta_per_point
    };
    // A new customer is now worth their repeat revenue too: $450 × (1 + 25 % × 1) = $562.50
    // (v1 counted $450).
    // Act +1 point: 120,000 × 1 % × 10 % × $562.50 = $67,500.
    assert!((get(Stage::Act) - 67_500.0).abs() < 1e-6);
    // Convert +1 point online and offline: (2,640 × 1 % + 500 × 1 %) × $562.50.
    assert!((get(Stage::Convert) - (14_850.0 + 2_812.5)).abs() < 1e-6);
    // Reach +1 % traffic = 1 % of revenue ($204,750).
    assert!((get(Stage::Reach) - 2_047.5).abs() < 1e-6);
    // Engage +1 point of repeat rate: 364 × 1 % × 1 further order × $450.
    assert!((get(Stage::Engage) - 1_638.0).abs() < 1e-6);

    let t = touchpoint_sizing(&p);
    let tp = |id: &str| t.iter().find(|x| x.touchpoint == id).unwrap().revenue_delta;
    assert!((tp("ads") - 10_000.0 * 0.022 * 0.10 * 562.5).abs() < 1e-6);
    assert!((tp("stand") - 50.0 * 0.2 * 562.5).abs() < 1e-6);
    assert_eq!(tp("club"), 0.0);
    assert_eq!(tp("quiz"), 0.0);
}

#[test]
fn ceil_count_forgives_float_noise() {
    assert_eq!(ceil_count(2_500.000_000_000_1), Some(2_500.0));
    assert_eq!(ceil_count(16.5), Some(17.0));
    assert_eq!(ceil_count(-3.0), Some(0.0));
    assert_eq!(ceil_count(f64::INFINITY), None);
}
