//! The chain a marketer reads from money to money, with numbers to check by hand:
//! spend buys volume, traffic becomes customers, customers bring first-order and repeat
//! revenue, and the KPIs come back to money. Also the funnel's arithmetic step by step,
//! ratio actuals derived from raw measures, and KPIs that say what they still need.

#![cfg(not(target_arch = "wasm32"))]

use race_planner::domain::evaluation::evaluate_plan;
use race_planner::domain::funnel::{
    forward_funnel, funnel_steps, traffic, FunnelMonth, FunnelStep, StepOp,
};
use race_planner::domain::kpi::{
    self, clv_missing, evaluate, lifetime_orders, Explained, Figure, KpiValue,
};
use race_planner::domain::measure::{raw_forecast, ActualBasis, ActualIndex};
use race_planner::domain::money::Money;
use race_planner::domain::period::{parse_date, Period};
use race_planner::domain::plan::{
    Actual, ClvVariant, Media, Place, Plan, PlanBy, Source, Stage, Touchpoint,
};
use race_planner::domain::templates::Template;

fn close(a: f64, b: f64) {
    assert!((a - b).abs() <= 1e-9 * b.abs().max(1.0), "{a} != {b}");
}

fn value(values: &[KpiValue], id: &str) -> Option<f64> {
    values.iter().find(|v| v.id == id).unwrap().value
}

/// The inputs a value used as an en-US screen writes them, in US dollars.
fn said(e: &Explained) -> String {
    fn grouped(v: f64) -> String {
        let text = format!("{:.2}", v);
        let text = text.trim_end_matches('0').trim_end_matches('.');
        let (int, frac) = text
            .split_once('.')
            .map_or((text, None), |(i, f)| (i, Some(f)));
        let mut out = String::new();
        for (i, c) in int.chars().enumerate() {
            if i > 0 && (int.len() - i) % 3 == 0 {
                out.push(',');
            }
            out.push(c);
        }
        frac.map_or(out.clone(), |f| format!("{out}.{f}"))
    }
    e.render(|f| match f {
        Figure::Number(v) => grouped(v),
        Figure::Money(v) => format!("${}", grouped(v)),
        Figure::Percent(v) => format!("{}%", grouped(v * 100.0)),
        Figure::Absent => "—".to_string(),
    })
}

fn kpi_of<'a>(values: &'a [KpiValue], id: &str) -> &'a KpiValue {
    values.iter().find(|v| v.id == id).unwrap()
}

/// A paid online Reach touchpoint that buys clicks at a cost per click.
fn cpc_ads(id: &str, budget: Money, cpc: Money) -> Touchpoint {
    Touchpoint {
        id: id.into(),
        name: "Search ads".into(),
        channel: "search".into(),
        media: Media::Paid,
        place: Place::Online,
        budget,
        kpi: "sessions".into(),
        plan_by: PlanBy::Cpc,
        cpc,
        ..Touchpoint::default()
    }
}

/// A paid online Reach touchpoint that buys impressions at a CPM.
fn cpm_ads(id: &str, budget: Money, cpm: Money, ctr: f64) -> Touchpoint {
    Touchpoint {
        id: id.into(),
        name: "Social ads".into(),
        channel: "social".into(),
        media: Media::Paid,
        place: Place::Online,
        budget,
        kpi: "sessions".into(),
        plan_by: PlanBy::Cpm,
        cpm,
        ctr,
        ..Touchpoint::default()
    }
}

/// The plan of the KPI reference's worked example: spend $3,000 at CPC $1.50, 5 % lead
/// rate, 20 % lead → customer rate, AOV $80, 25 % repeat rate, 1.5 further orders.
fn worked_example() -> Plan {
    let mut p = Plan::new("ex", "Worked example", 0, "2026-01-01");
    p.stages.reach.touchpoints = vec![cpc_ads("ads", Money(300_000), Money(150))];
    let f = &mut p.funnel;
    f.act_rate = 0.05;
    f.convert_rate = 0.20;
    f.aov = Money(8_000);
    f.orders_per_customer = 1.0;
    f.repeat_rate = 0.25;
    f.repeat_orders = 1.5;
    p
}

// ---- (a) Spend buys volume ---------------------------------------------------

#[test]
fn a_budget_at_a_cpc_buys_clicks_and_sessions() {
    // $18,000 ÷ $0.60 = 30,000 clicks × 100 % landing = 30,000 sessions.
    let tp = cpc_ads("ads", Money(1_800_000), Money(60));
    let d = tp.delivery(2);
    assert_eq!(d.clicks, Some(30_000.0));
    assert_eq!(d.volume, 30_000.0);
    assert_eq!(d.impressions, None);
    assert_eq!(d.missing, None);
    // A landing rate of 90 %: 27,000 sessions from the same 30,000 clicks.
    let landing = Touchpoint {
        landing_rate: 0.9,
        ..tp.clone()
    };
    close(landing.delivery(2).volume, 27_000.0);
    // No price yet: no volume, and it says what is missing.
    let unpriced = Touchpoint {
        cpc: Money::ZERO,
        ..tp.clone()
    };
    assert_eq!(unpriced.delivery(2).volume, 0.0);
    assert_eq!(unpriced.delivery(2).clicks, None);
    assert_eq!(unpriced.delivery(2).missing, Some("a cost per click"));
    // In a yen plan (no minor digits) the same amounts are whole yen.
    let yen = cpc_ads("ads", Money(18_000), Money(60));
    assert_eq!(yen.delivery(0).clicks, Some(300.0));
}

#[test]
fn doubling_the_budget_doubles_clicks_sessions_customers_and_revenue() {
    let mut plan = Plan::new("p", "CPC", 0, "2026-01-01");
    plan.stages.reach.touchpoints = vec![cpc_ads("ads", Money(1_800_000), Money(60))];
    plan.funnel.act_rate = 0.05;
    plan.funnel.convert_rate = 0.10;
    plan.funnel.aov = Money(5_000);
    plan.funnel.repeat_rate = 0.2;
    // Typed volumes grow; bought volumes follow the budget, which does not.
    plan.funnel.traffic_growth = 0.10;
    let one = evaluate_plan(&plan, None);
    // 30,000 sessions × 5 % = 1,500 leads × 10 % = 150 customers;
    // revenue 150 × $50 + 150 × 20 % × 1 × $50 = $7,500 + $1,500 = $9,000.
    close(one.traffic.clicks, 30_000.0);
    close(one.month.sessions, 30_000.0);
    close(one.month.leads, 1_500.0);
    close(one.month.customers, 150.0);
    close(one.month.revenue, 9_000.0);
    close(value(&one.kpis, "cpc").unwrap(), 0.60);
    close(one.forecast.months[11].sessions, 30_000.0);

    plan.touchpoint_mut("ads").unwrap().budget = Money(3_600_000);
    let two = evaluate_plan(&plan, None);
    close(two.traffic.clicks, 60_000.0);
    close(two.month.sessions, 60_000.0);
    close(two.month.customers, 300.0);
    close(two.month.revenue, 18_000.0);
    // Same price per click, twice the spend.
    close(value(&two.kpis, "cpc").unwrap(), 0.60);
    for (a, b) in one.forecast.months.iter().zip(&two.forecast.months) {
        close(b.sessions, 2.0 * a.sessions);
        close(b.customers, 2.0 * a.customers);
        close(b.revenue, 2.0 * a.revenue);
    }
}

#[test]
fn a_budget_at_a_cpm_buys_impressions_then_clicks() {
    // $3,000 ÷ $10 CPM × 1,000 = 300,000 impressions × 1 % CTR = 3,000 clicks.
    let tp = cpm_ads("social", Money(300_000), Money(1_000), 0.01);
    let d = tp.delivery(2);
    assert_eq!(d.impressions, Some(300_000.0));
    close(d.clicks.unwrap(), 3_000.0);
    close(d.volume, 3_000.0);
    assert_eq!(d.missing, None);
    let no_ctr = Touchpoint { ctr: 0.0, ..tp };
    assert_eq!(no_ctr.delivery(2).volume, 0.0);
    assert_eq!(no_ctr.delivery(2).missing, Some("a click-through rate"));

    let mut plan = Plan::new("p", "CPM", 0, "2026-01-01");
    plan.stages.reach.touchpoints = vec![cpm_ads("social", Money(300_000), Money(1_000), 0.01)];
    let t = traffic(&plan);
    close(t.impressions, 300_000.0);
    close(t.clicks, 3_000.0);
    close(t.sessions.fixed, 3_000.0);
    assert_eq!(t.sessions.growing, 0.0);
    let values = evaluate(&plan);
    close(value(&values, "impressions").unwrap(), 300_000.0);
    close(value(&values, "cpm").unwrap(), 10.0);
    close(value(&values, "ctr").unwrap(), 0.01);
    close(value(&values, "cpc").unwrap(), 1.0);
    close(value(&values, "sessions").unwrap(), 3_000.0);
}

#[test]
fn ctr_pairs_clicks_with_the_impressions_they_came_from() {
    // Search ads bought by CPC with no impressions known, beside social ads bought by
    // CPM: the CTR is the social ads' 1,500 clicks ÷ 75,000 impressions = 2 %, not all
    // 3,500 clicks ÷ 75,000 (4.7 %). The CPC counts every click: $3,000 ÷ 3,500.
    let mut plan = Plan::new("p", "CTR", 0, "2026-01-01");
    plan.stages.reach.touchpoints = vec![
        cpc_ads("search", Money(240_000), Money(120)),
        cpm_ads("social", Money(60_000), Money(800), 0.02),
    ];
    let values = evaluate(&plan);
    close(value(&values, "ctr").unwrap(), 0.02);
    close(value(&values, "cpc").unwrap(), 3_000.0 / 3_500.0);
    close(value(&values, "cpm").unwrap(), 8.0);
    assert_eq!(
        said(&kpi_of(&values, "ctr").inputs),
        "clicks 1,500 ÷ impressions 75,000"
    );
}

#[test]
fn typed_volumes_grow_and_bought_volumes_do_not() {
    let mut plan = Plan::new("p", "Mixed", 0, "2026-01-01");
    plan.funnel.traffic_growth = 0.10;
    plan.stages.reach.touchpoints = vec![
        cpc_ads("ads", Money(100_000), Money(100)),
        Touchpoint {
            id: "seo".into(),
            name: "SEO".into(),
            media: Media::Owned,
            monthly_volume: 2_000.0,
            ..Touchpoint::default()
        },
    ];
    let f = forward_funnel(&plan);
    // Month 3: 1,000 bought + 2,000 × 1.1³ = 1,000 + 2,662 = 3,662 sessions.
    close(f.months[0].sessions, 3_000.0);
    close(f.months[3].sessions, 3_662.0);
}

// ---- (b) The worked example of the KPI reference, end to end ------------------

#[test]
fn the_worked_example_from_spend_to_roas() {
    let plan = worked_example();
    let e = evaluate_plan(&plan, None);
    let m = &e.month;
    // Spend $3,000 at CPC $1.50 → 2,000 clicks → 2,000 sessions.
    close(e.traffic.clicks, 2_000.0);
    close(m.sessions, 2_000.0);
    // × 5 % → 100 leads; × 20 % → 20 new customers.
    close(m.leads, 100.0);
    close(m.customers, 20.0);
    // 20 first orders × $80 = $1,600.
    close(m.first_orders, 20.0);
    close(m.first_revenue, 1_600.0);
    // 25 % order again, 1.5 further orders each: 5 × 1.5 = 7.5 orders × $80 = $600.
    close(m.repeat_customers, 5.0);
    close(m.repeat_orders, 7.5);
    close(m.repeat_revenue, 600.0);
    // Revenue $2,200 from 27.5 orders.
    close(m.revenue, 2_200.0);
    close(m.orders, 27.5);
    // CPA = $3,000 ÷ 20 = $150; ROAS = $2,200 ÷ $3,000 = 0.73.
    let k = &e.kpis;
    close(value(k, "cpc").unwrap(), 1.5);
    close(value(k, "cpa").unwrap(), 150.0);
    close(value(k, "roas").unwrap(), 2_200.0 / 3_000.0);
    assert_eq!((value(k, "roas").unwrap() * 100.0).round() / 100.0, 0.73);
    close(value(k, "revenue").unwrap(), 2_200.0);
    close(value(k, "orders").unwrap(), 27.5);
    close(value(k, "aov").unwrap(), 80.0);
    close(value(k, "lead_rate").unwrap(), 0.05);
    close(value(k, "conversion_rate").unwrap(), 0.01);
    close(value(k, "repeat_purchase_rate").unwrap(), 0.25);
    // The ⓘ text shows both parts of revenue.
    let revenue = kpi_of(k, "revenue");
    assert!(
        said(&revenue.inputs).contains("first-order revenue $1,600"),
        "{}",
        said(&revenue.inputs)
    );
    assert!(
        said(&revenue.inputs).contains("repeat revenue $600"),
        "{}",
        said(&revenue.inputs)
    );

    // Doubling the spend at the same CPC doubles every count and both revenues.
    let mut doubled = plan.clone();
    doubled.touchpoint_mut("ads").unwrap().budget = Money(600_000);
    let d = evaluate_plan(&doubled, None).month;
    for (one, two) in [
        (m.sessions, d.sessions),
        (m.leads, d.leads),
        (m.customers, d.customers),
        (m.first_orders, d.first_orders),
        (m.repeat_orders, d.repeat_orders),
        (m.first_revenue, d.first_revenue),
        (m.repeat_revenue, d.repeat_revenue),
        (m.revenue, d.revenue),
    ] {
        close(two, 2.0 * one);
    }
    // CPA and ROAS stay: a straight line.
    let dk = evaluate(&doubled);
    close(value(&dk, "cpa").unwrap(), 150.0);
    close(value(&dk, "roas").unwrap(), 2_200.0 / 3_000.0);
}

// ---- (c) Repeat revenue counts -----------------------------------------------

#[test]
fn a_higher_repeat_rate_adds_exactly_its_repeat_revenue_and_raises_clv() {
    let mut plan = worked_example();
    plan.variants.clv = ClvVariant::Margin;
    plan.funnel.gross_margin = 0.4;
    // No purchases per year: CLV uses the funnel's lifetime orders.
    assert_eq!(plan.funnel.purchases_per_year, 0.0);
    plan.funnel.repeat_rate = 0.28;
    let low = evaluate_plan(&plan, None);
    // 20 customers × 28 % = 5.6 × 1.5 = 8.4 repeat orders × $80 = $672.
    close(low.month.repeat_revenue, 672.0);
    close(low.month.revenue, 1_600.0 + 672.0);
    // CLV margin = $80 × (1 + 28 % × 1.5) × 40 % = $80 × 1.42 × 0.4 = $45.44.
    close(lifetime_orders(&plan.funnel), 1.42);
    let low_clv = value(&low.kpis, "clv").unwrap();
    close(low_clv, 45.44);

    plan.funnel.repeat_rate = 0.50;
    let high = evaluate_plan(&plan, None);
    // 20 × 50 % = 10 × 1.5 = 15 repeat orders × $80 = $1,200.
    close(high.month.repeat_revenue, 1_200.0);
    // Revenue rises by exactly the added repeat revenue: $1,200 − $672 = $528.
    close(high.month.first_revenue, low.month.first_revenue);
    close(
        high.month.revenue - low.month.revenue,
        high.month.repeat_revenue - low.month.repeat_revenue,
    );
    close(high.month.revenue - low.month.revenue, 528.0);
    // CLV = $80 × (1 + 50 % × 1.5) × 40 % = $80 × 1.75 × 0.4 = $56.
    let high_clv = value(&high.kpis, "clv").unwrap();
    close(high_clv, 56.0);
    assert!(high_clv > low_clv);
    // The simple variant: $80 × 1.75 = $140. With purchases per year and years set,
    // they decide: $80 × 4 × 2 = $640, whatever the repeat rate.
    plan.variants.clv = ClvVariant::Simple;
    close(value(&evaluate(&plan), "clv").unwrap(), 140.0);
    plan.funnel.purchases_per_year = 4.0;
    plan.funnel.customer_years = 2.0;
    close(value(&evaluate(&plan), "clv").unwrap(), 640.0);
}

// ---- (d) The funnel's arithmetic, step by step --------------------------------

fn check_steps(steps: &[FunnelStep], m: &FunnelMonth) {
    for s in steps {
        let values: Vec<f64> = s.operands.iter().map(|o| o.value).collect();
        let combined = match s.op {
            StepOp::Product => values.iter().product::<f64>(),
            StepOp::Sum => values.iter().sum::<f64>(),
        };
        assert!(
            (s.result - combined).abs() <= 1e-9 * s.result.abs().max(1.0),
            "{}: {} != {:?} {:?}",
            s.result_name,
            s.result,
            s.op,
            values
        );
    }
    let step = |name: &str| steps.iter().find(|s| s.result_name == name).unwrap();
    close(step("leads").result, m.leads);
    close(step("online customers").result, m.online_customers);
    close(step("offline customers").result, m.offline_customers);
    close(step("new customers").result, m.customers);
    close(step("first-order revenue").result, m.first_revenue);
    close(step("repeat customers").result, m.repeat_customers);
    close(step("repeat revenue").result, m.repeat_revenue);
    close(step("revenue").result, m.revenue);
    // New customers = online + offline, and the offline branch is its own step.
    let customers = step("new customers");
    assert_eq!(customers.op, StepOp::Sum);
    close(customers.result, m.online_customers + m.offline_customers);
    let offline = step("offline customers");
    assert!(offline.offline);
    assert_eq!(
        steps.iter().filter(|s| s.offline).count(),
        1,
        "one offline step"
    );
}

#[test]
fn every_funnel_step_is_the_product_or_sum_of_its_operands() {
    let mut plan = worked_example();
    // An offline branch: 400 stand contacts × 15 % = 60 offline customers.
    plan.stages.reach.touchpoints.push(Touchpoint {
        id: "stand".into(),
        name: "Trade show stand".into(),
        media: Media::Paid,
        place: Place::Offline,
        budget: Money(100_000),
        monthly_volume: 400.0,
        ..Touchpoint::default()
    });
    plan.funnel.offline_convert_rate = 0.15;
    let e = evaluate_plan(&plan, None);
    check_steps(&e.steps, &e.month);
    let step = |name: &str| e.steps.iter().find(|s| s.result_name == name).unwrap();
    // 20 online + 60 offline = 80 new customers.
    close(step("online customers").result, 20.0);
    close(step("offline customers").result, 60.0);
    close(step("new customers").result, 80.0);
    let offline: Vec<f64> = step("offline customers")
        .operands
        .iter()
        .map(|o| o.value)
        .collect();
    assert_eq!(offline, [400.0, 0.15]);
    // 80 × 1 × $80 = $6,400 first-order; 80 × 25 % = 20 × 1.5 × $80 = $2,400 repeat.
    close(step("first-order revenue").result, 6_400.0);
    close(step("repeat revenue").result, 2_400.0);
    close(step("revenue").result, 8_800.0);
    // The steps of every month and every template add up the same way.
    for t in Template::ALL {
        let p = t.build("t", 0, "2026-01-05");
        let f = forward_funnel(&p);
        for m in [&f.months[0], &f.months[11]] {
            check_steps(&funnel_steps(&p, m), m);
        }
    }
}

// ---- (e) Ratio actuals derived from raw measures ------------------------------

#[test]
fn ratio_actuals_from_raw_measures_equal_the_forecast_ratios() {
    // A plan whose paid touchpoints all buy clicks and show impressions (so every
    // budget has both), with an unpaid shop window for offline customers and other
    // marketing cost.
    let mut plan = Plan::new("p", "Raw", 0, "2026-01-01");
    plan.stages.reach.touchpoints = vec![
        Touchpoint {
            impressions: Some(100_000.0),
            ..cpc_ads("search", Money(240_000), Money(120))
        },
        cpm_ads("social", Money(60_000), Money(800), 0.02),
        Touchpoint {
            id: "window".into(),
            name: "Shop window".into(),
            media: Media::Owned,
            place: Place::Offline,
            monthly_volume: 300.0,
            ..Touchpoint::default()
        },
    ];
    let f = &mut plan.funnel;
    f.act_rate = 0.06;
    f.convert_rate = 0.25;
    f.offline_convert_rate = 0.2;
    f.aov = Money(6_000);
    f.repeat_rate = 0.3;
    f.repeat_orders = 2.0;
    f.gross_margin = 0.5;
    f.marketing_cost_other = Money(50_000);
    let today = parse_date("2026-01-20").unwrap();
    let e = evaluate_plan(&plan, Some(today));
    let m = &e.month;
    let t = &e.traffic;
    // The raw measures of the month, as a marketer would read them off their tools.
    let january = Period::month(2026, 1).unwrap();
    for id in [
        "spend",
        "impressions",
        "clicks",
        "sessions",
        "leads",
        "offline_contacts",
        "customers",
        "offline_customers",
        "orders",
        "revenue",
        "ad_revenue",
        "repeat_customers",
        "repeat_orders",
    ] {
        let v = raw_forecast(id, m, t).unwrap_or_else(|| panic!("{id}"));
        plan.actuals.push(Actual {
            measure: id.into(),
            period: january,
            value: v,
            source: Source::Typed,
            touchpoint: None,
        });
    }
    // By hand: search $2,400 ÷ $1.20 = 2,000 clicks; social $600 ÷ $8 × 1,000 = 75,000
    // impressions × 2 % = 1,500 clicks; 3,500 sessions × 6 % = 210 leads × 25 % = 52.5
    // online customers; 300 × 20 % = 60 offline; 112.5 new customers.
    close(m.sessions, 3_500.0);
    close(m.customers, 112.5);
    let index = ActualIndex::new(&plan.actuals);
    let all_paid = [
        "ctr",
        "cpc",
        "cpm",
        "lead_rate",
        "cpl",
        "conversion_rate",
        "aov",
        "cpa",
        "cac",
        "repeat_purchase_rate",
        "mer",
        "roi",
    ];
    for id in all_paid {
        let def = kpi::find(id).unwrap();
        let actual = index
            .kpi_actual(&plan, def, january)
            .unwrap_or_else(|| panic!("{id}"));
        let forecast = value(&e.kpis, id).unwrap_or_else(|| panic!("{id} forecast"));
        close(actual, forecast);
        assert_eq!(
            index.basis(&plan, def, january),
            Some(ActualBasis::Derived),
            "{id}"
        );
    }
    // A few by hand: CTR = 3,500 clicks ÷ 175,000 impressions = 2 %; CPM = $3,000 ÷
    // 175,000 × 1,000; CAC = ($3,000 + $500) ÷ 112.5; MER = revenue ÷ $3,500.
    close(value(&e.kpis, "ctr").unwrap(), 0.02);
    close(value(&e.kpis, "cpm").unwrap(), 3_000.0 / 175.0);
    close(value(&e.kpis, "cac").unwrap(), 3_500.0 / 112.5);
    close(value(&e.kpis, "mer").unwrap(), m.revenue / 3_500.0);
    // ROAS too, since every budget here is paid.
    let roas = kpi::find("roas").unwrap();
    close(
        index.kpi_actual(&plan, roas, january).unwrap(),
        value(&e.kpis, "roas").unwrap(),
    );
    // Per user: the same denominator on both sides.
    plan.variants.conversion_denominator = race_planner::domain::plan::Denominator::Users;
    plan.funnel.sessions_per_user = 1.4;
    let e = evaluate_plan(&plan, Some(today));
    let conv = kpi::find("conversion_rate").unwrap();
    close(
        ActualIndex::new(&plan.actuals)
            .kpi_actual(&plan, conv, january)
            .unwrap(),
        value(&e.kpis, "conversion_rate").unwrap(),
    );
    // A rate recorded as such is used only while its raw parts are missing.
    let mut typed = Plan::new("t", "Typed", 0, "2026-01-01");
    typed.actuals.push(Actual {
        measure: "ctr".into(),
        period: january,
        value: 0.031,
        source: Source::Typed,
        touchpoint: None,
    });
    let ctr = kpi::find("ctr").unwrap();
    let index = ActualIndex::new(&typed.actuals);
    assert_eq!(index.kpi_actual(&typed, ctr, january), Some(0.031));
    assert_eq!(
        index.basis(&typed, ctr, january),
        Some(ActualBasis::Recorded)
    );
    for (id, v) in [("clicks", 40.0), ("impressions", 1_000.0)] {
        typed.actuals.push(Actual {
            measure: id.into(),
            period: january,
            value: v,
            source: Source::Typed,
            touchpoint: None,
        });
    }
    let index = ActualIndex::new(&typed.actuals);
    assert_eq!(index.kpi_actual(&typed, ctr, january), Some(0.04));
}

#[test]
fn touchpoint_actuals_add_up_when_the_plan_has_none() {
    let mut plan = worked_example();
    plan.stages
        .reach
        .touchpoints
        .push(cpc_ads("more", Money(100_000), Money(100)));
    let january = Period::month(2026, 1).unwrap();
    for (measure, tp, v) in [
        ("spend", Some("ads"), 2_000.0),
        ("spend", Some("more"), 1_000.0),
        ("clicks", Some("ads"), 1_500.0),
        ("clicks", Some("more"), 500.0),
    ] {
        plan.actuals.push(Actual {
            measure: measure.into(),
            period: january,
            value: v,
            source: Source::Typed,
            touchpoint: tp.map(Into::into),
        });
    }
    assert_eq!(plan.validate(), vec![]);
    let index = ActualIndex::new(&plan.actuals);
    // ($2,000 + $1,000) ÷ (1,500 + 500) clicks = $1.50.
    let cpc = kpi::find("cpc").unwrap();
    assert_eq!(index.kpi_actual(&plan, cpc, january), Some(1.5));
}

// ---- (g) Missing inputs --------------------------------------------------------

#[test]
fn an_empty_plan_names_what_clv_and_ltv_cac_need() {
    let plan = Plan::new("p", "Empty", 0, "2026-01-01");
    let values = evaluate(&plan);
    let clv = kpi_of(&values, "clv");
    assert_eq!(clv.value, None);
    assert_eq!(
        clv.missing,
        ["average order value (Convert)", "gross margin (Engage)"]
    );
    assert_eq!(
        said(&clv.inputs),
        "No value yet: needs average order value (Convert), gross margin (Engage)."
    );
    let ltv_cac = kpi_of(&values, "ltv_cac");
    assert_eq!(ltv_cac.value, None);
    for need in [
        "average order value (Convert)",
        "gross margin (Engage)",
        "touchpoint budgets or other sales and marketing cost",
        "an online Reach touchpoint with sessions",
        "the session → lead rate (Act)",
        "the lead → customer rate (Convert)",
    ] {
        assert!(
            ltv_cac.missing.contains(&need),
            "{need}: {:?}",
            ltv_cac.missing
        );
    }
    assert!(ltv_cac.inputs.words.starts_with("No value yet: needs "));
    // Every KPI without a value in an empty plan either says what it needs or is not
    // modelled by the forecast (measured from actuals).
    for v in &values {
        if v.value.is_none() {
            assert!(
                !v.missing.is_empty() || !v.inputs.is_empty(),
                "{} says nothing",
                v.id
            );
        } else {
            assert!(v.missing.is_empty(), "{}", v.id);
        }
    }
    // Once the inputs are there, the value comes and nothing is missing.
    let mut filled = worked_example();
    filled.funnel.gross_margin = 0.4;
    let values = evaluate(&filled);
    assert!(kpi_of(&values, "clv").missing.is_empty());
    // CLV = $80 × (1 + 25 % × 1.5) × 40 % = $44; CAC = $3,000 ÷ 20 = $150.
    close(value(&values, "clv").unwrap(), 44.0);
    close(value(&values, "ltv_cac").unwrap(), 44.0 / 150.0);
    // What each CLV variant needs of an empty plan, by name.
    let f = &plan.funnel;
    assert_eq!(
        clv_missing(ClvVariant::Simple, f),
        ["average order value (Convert)"]
    );
    assert_eq!(
        clv_missing(ClvVariant::Subscription, f),
        [
            "ARPA (Engage)",
            "monthly churn rate (Engage)",
            "gross margin (Engage)"
        ]
    );
    assert_eq!(
        clv_missing(ClvVariant::RetentionDiscounted, f),
        [
            "average order value (Convert)",
            "gross margin (Engage)",
            "yearly retention rate (Engage)"
        ]
    );
}

#[test]
fn stages_and_rates_carry_their_new_names() {
    use race_planner::domain::plan::FunnelField;
    assert_eq!(FunnelField::ActRate.label(), "Session → lead rate");
    assert_eq!(FunnelField::ConvertRate.label(), "Lead → customer rate");
    assert_eq!(
        FunnelField::OfflineConvertRate.label(),
        "Offline contact → customer rate"
    );
    assert_eq!(
        kpi::find("conversion_rate").unwrap().name,
        "Session → customer rate"
    );
    assert_eq!(kpi::find("lead_rate").unwrap().name, "Session → lead rate");
    assert_eq!(
        kpi::find("revenue").unwrap().formula,
        "first-order revenue + repeat revenue"
    );
    // The stage strip names the rate leading into each stage.
    let e = evaluate_plan(&worked_example(), None);
    let names: Vec<&str> = e.flows.iter().map(|f| f.rate_name).collect();
    assert_eq!(
        names,
        [
            "monthly traffic growth",
            "session → lead rate",
            "lead → customer rate",
            "repeat purchase rate"
        ]
    );
    assert_eq!(
        e.flows.iter().map(|f| f.stage).collect::<Vec<_>>(),
        Stage::ALL.to_vec()
    );
}
