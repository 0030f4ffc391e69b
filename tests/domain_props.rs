//! Properties over random inputs: the reverse funnel meets its goal, more traffic never
//! means less revenue, nothing panics or produces NaN/∞, money sums exactly, templates
//! survive JSON.

#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use race_planner::domain::funnel::{
    forward_funnel, funnel_month, opportunity_sizing, reverse_from, reverse_funnel,
    touchpoint_sizing, FunnelMonth, Goal,
};
use race_planner::domain::input::{
    format_money_input, format_percent_input, parse_count, parse_money, parse_number,
    parse_percent, parse_score, DecimalMark,
};
use race_planner::domain::kpi::{self, evaluate};
use race_planner::domain::measure::{self, measure_plan};
use race_planner::domain::money::Money;
use race_planner::domain::period::{date_from_ymd, format_date, Granularity, Period};
use race_planner::domain::plan::{FunnelInputs, Plan, PlanBy};
use race_planner::domain::scoring::{rank, suggested_impacts};
use race_planner::domain::templates::Template;
use race_planner::domain::{budget, scoring};

/// Any f64, with NaN, infinities, zero and negatives well represented.
fn wild() -> BoxedStrategy<f64> {
    prop_oneof![
        Just(f64::NAN),
        Just(f64::INFINITY),
        Just(f64::NEG_INFINITY),
        Just(0.0),
        Just(-0.0),
        Just(f64::MAX),
        Just(f64::MIN_POSITIVE),
        -1e12..1e12f64,
        -2.0..2.0f64,
        any::<f64>(),
    ]
    .boxed()
}

fn month_is_finite(m: &FunnelMonth) -> bool {
    [
        m.sessions,
        m.leads,
        m.online_customers,
        m.offline_contacts,
        m.offline_customers,
        m.customers,
        m.first_orders,
        m.first_revenue,
        m.repeat_orders,
        m.orders,
        m.revenue,
        m.paid_revenue,
        m.repeat_customers,
        m.repeat_revenue,
        m.gross_profit,
        m.touchpoint_spend,
        m.marketing_cost,
    ]
    .iter()
    .all(|v| v.is_finite())
}

fn wild_inputs() -> BoxedStrategy<FunnelInputs> {
    (
        (wild(), wild(), wild(), wild(), wild(), wild()),
        (wild(), wild(), wild(), wild(), wild(), wild()),
        (any::<i64>(), any::<i64>(), any::<i64>()),
        wild(),
    )
        .prop_map(|(a, b, m, repeat_orders)| FunnelInputs {
            traffic_growth: a.0,
            act_rate: a.1,
            convert_rate: a.2,
            offline_convert_rate: a.3,
            orders_per_customer: a.4,
            repeat_rate: a.5,
            repeat_orders,
            gross_margin: b.0,
            retention_rate: b.1,
            discount_rate: b.2,
            churn_rate: b.3,
            purchases_per_year: b.4,
            customer_years: b.5,
            aov: Money(m.0),
            arpa: Money(m.1),
            marketing_cost_other: Money(m.2),
            sessions_per_user: 1.0,
        })
        .boxed()
}

fn sane_inputs() -> impl Strategy<Value = FunnelInputs> {
    (
        0.001..=1.0f64,
        0.001..=1.0f64,
        0.0..=1.0f64,
        1i64..100_000_000,
        0.1..=5.0f64,
        (0.0..=1.0f64, 0.0..=5.0f64),
    )
        .prop_map(
            |(act, conv, off, aov, opc, (repeat, further))| FunnelInputs {
                act_rate: act,
                convert_rate: conv,
                offline_convert_rate: off,
                aov: Money(aov),
                orders_per_customer: opc,
                repeat_rate: repeat,
                repeat_orders: further,
                ..FunnelInputs::default()
            },
        )
}

/// A template with some of its numbers replaced by wild values.
fn wild_plan() -> impl Strategy<Value = Plan> {
    (
        0usize..4,
        wild_inputs(),
        proptest::collection::vec(wild(), 8),
        0u32..200,
        proptest::collection::vec(any::<i64>(), 5),
    )
        .prop_map(|(t, inputs, vals, horizon, money)| {
            let mut plan = Template::ALL[t].build("p", 0, "2026-01-05");
            plan.funnel = inputs;
            plan.horizon_months = horizon;
            let mut i = 0;
            let mut next = || {
                i += 1;
                vals[i % vals.len()]
            };
            let ids: Vec<String> = plan.touchpoints().map(|t| t.id.clone()).collect();
            for (k, id) in ids.into_iter().enumerate() {
                let tp = plan.touchpoint_mut(&id).unwrap();
                tp.monthly_volume = next();
                tp.impressions = Some(next());
                tp.clicks = Some(next());
                // Some touchpoints buy their volume with wild prices and rates.
                tp.plan_by = PlanBy::ALL[k % 3];
                tp.budget = Money(money[k % money.len()]);
                tp.cpc = Money(money[(k + 1) % money.len()]);
                tp.cpm = Money(money[(k + 2) % money.len()]);
                tp.ctr = next();
                tp.landing_rate = next();
            }
            for ini in &mut plan.strategy.initiatives {
                ini.ice.impact = next();
                ini.rice.effort = next();
            }
            plan
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn reverse_funnel_answer_fed_forward_meets_the_goal(
        inputs in sane_inputs(),
        goal_minor in 0i64..10_000_000_000,
        offline_contacts in 0.0..5_000.0f64,
    ) {
        let offline_customers = offline_contacts * inputs.offline_convert_rate;
        let r = reverse_from(&inputs, 2, Goal::Revenue(Money(goal_minor)), offline_customers);
        prop_assert!(r.blocked.is_none());
        let sessions = r.sessions.unwrap();
        prop_assert_eq!(sessions, sessions.ceil());
        let forward = funnel_month(&inputs, 2, sessions, offline_contacts, 0.0);
        let goal = goal_minor as f64 / 100.0;
        prop_assert!(forward.revenue >= goal * (1.0 - 1e-9) - 1e-6,
            "forward {} < goal {}", forward.revenue, goal);
    }

    #[test]
    fn customer_goal_fed_forward_meets_the_goal(inputs in sane_inputs(), goal in 0.0..1e6f64) {
        let r = reverse_from(&inputs, 2, Goal::Customers(goal), 0.0);
        let forward = funnel_month(&inputs, 2, r.sessions.unwrap(), 0.0, 0.0);
        prop_assert!(forward.customers >= goal * (1.0 - 1e-9) - 1e-9);
    }

    #[test]
    fn more_traffic_never_means_less_revenue(
        inputs in sane_inputs(),
        a in 0.0..1e8f64,
        extra in 0.0..1e8f64,
        off in 0.0..1e5f64,
        off_extra in 0.0..1e5f64,
    ) {
        let low = funnel_month(&inputs, 2, a, off, 0.0);
        let high = funnel_month(&inputs, 2, a + extra, off + off_extra, 0.0);
        prop_assert!(high.revenue >= low.revenue);
        prop_assert!(high.customers >= low.customers);
    }

    #[test]
    fn more_touchpoint_volume_never_means_less_plan_revenue(t in 0usize..4, factor in 1.0..10.0f64) {
        let plan = Template::ALL[t].build("p", 0, "2026-01-05");
        let mut bigger = plan.clone();
        let ids: Vec<String> = bigger.touchpoints().map(|t| t.id.clone()).collect();
        for id in ids {
            bigger.touchpoint_mut(&id).unwrap().monthly_volume *= factor;
        }
        prop_assert!(forward_funnel(&bigger).total.revenue >= forward_funnel(&plan).total.revenue);
    }

    #[test]
    fn revenue_is_first_order_plus_repeat_revenue(inputs in sane_inputs(), s in 0.0..1e7f64, o in 0.0..1e5f64) {
        let m = funnel_month(&inputs, 2, s, o, 0.0);
        prop_assert!((m.revenue - (m.first_revenue + m.repeat_revenue)).abs() <= 1e-9 * m.revenue.max(1.0));
        prop_assert!((m.orders - (m.first_orders + m.repeat_orders)).abs() <= 1e-9 * m.orders.max(1.0));
        prop_assert!((m.customers - (m.online_customers + m.offline_customers)).abs() <= 1e-9 * m.customers.max(1.0));
    }

    #[test]
    fn more_budget_at_a_cpc_never_means_less_revenue(
        t in 0usize..4,
        cpc_cents in 1i64..10_000,
        budget in 0i64..100_000_000,
        extra in 0i64..100_000_000,
    ) {
        let mut plan = Template::ALL[t].build("p", 0, "2026-01-05");
        let id = plan.stages.reach.touchpoints[0].id.clone();
        let tp = plan.touchpoint_mut(&id).unwrap();
        tp.plan_by = PlanBy::Cpc;
        tp.cpc = Money(cpc_cents);
        tp.budget = Money(budget);
        let low = forward_funnel(&plan).total;
        plan.touchpoint_mut(&id).unwrap().budget = Money(budget + extra);
        let high = forward_funnel(&plan).total;
        prop_assert!(high.sessions >= low.sessions);
        prop_assert!(high.revenue >= low.revenue);
    }

    #[test]
    fn funnel_never_gives_nan_or_infinity(inputs in wild_inputs(), s in wild(), o in wild(), spend in wild(), goal in any::<i64>(), c in wild()) {
        let m = funnel_month(&inputs, 2, s, o, spend);
        prop_assert!(month_is_finite(&m));
        for goal in [Goal::Revenue(Money(goal)), Goal::Customers(c)] {
            let r = reverse_from(&inputs, 2, goal, o);
            for v in [r.revenue, r.orders, r.customers, r.online_customers, r.leads, r.sessions, r.whole_funnel_rate].into_iter().flatten() {
                prop_assert!(v.is_finite() && v >= 0.0 || r.revenue == Some(v));
            }
            prop_assert!(r.offline_customers.is_finite());
        }
        prop_assert!(kpi::clv_for(race_planner::domain::plan::ClvVariant::RetentionDiscounted, &inputs, 2).is_none_or(f64::is_finite));
    }

    #[test]
    fn whole_plan_computations_never_panic_or_give_nan(plan in wild_plan(), goal in any::<i64>()) {
        let f = forward_funnel(&plan);
        prop_assert!(f.months.len() <= 60);
        prop_assert!(f.months.iter().all(month_is_finite));
        prop_assert!(month_is_finite(&f.total));
        for v in evaluate(&plan) {
            prop_assert!(v.value.is_none_or(f64::is_finite), "{}", v.id);
        }
        let r = reverse_funnel(&plan, Goal::Revenue(Money(goal)));
        for g in &r.stages {
            prop_assert!(g.forecast.is_finite());
            prop_assert!(g.needed.is_none_or(f64::is_finite));
            prop_assert!(g.gap_vs_forecast.is_none_or(f64::is_finite));
        }
        prop_assert!(opportunity_sizing(&plan).iter().all(|s| s.revenue_delta_per_point.is_finite()));
        prop_assert!(touchpoint_sizing(&plan).iter().all(|s| s.revenue_delta.is_finite()));
        for r in rank(&plan) {
            prop_assert!(r.score.is_none_or(f64::is_finite));
        }
        prop_assert!(suggested_impacts(&plan).iter().all(|i| (1..=10).contains(i)));
        for ini in &plan.strategy.initiatives {
            prop_assert!(scoring::score(ini, &plan.variants).is_none_or(f64::is_finite));
        }
        let today = date_from_ymd(2026, 3, 15).unwrap();
        let m = measure_plan(&plan, today, Granularity::Week);
        prop_assert!(m.kpis.iter().all(|k| k.paced_target.is_none_or(f64::is_finite)));
        let _ = budget::summarise(&plan);
        let _ = budget::fit_to_budget(&plan);
        let _ = plan.validate();
    }

    #[test]
    fn kpi_formulas_are_finite_or_none(a in wild(), b in wild(), c in wild()) {
        let results = [
            kpi::ratio(a, b), kpi::ctr(a, b), kpi::cpc(a, b), kpi::cpm(a, b),
            kpi::impressions_from_cpm(a, b), kpi::engagement_rate(a, b), kpi::bounce_rate(a, b),
            kpi::lead_rate(a, b), kpi::cpl(a, b), kpi::conversion_rate(a, b), kpi::cpa(a, b),
            kpi::cac(a, b), kpi::aov(a, b), kpi::roas(a, b), kpi::mer(a, b), kpi::roi_revenue(a, b),
            kpi::roi_gross_profit(a, b), kpi::repeat_purchase_rate(a, b),
            kpi::retention_rate(a, b, c), kpi::churn_rate(a, b, c), kpi::clv_simple(a, b, c),
            kpi::clv_margin(a, b, c, a), kpi::clv_retention_discounted(a, b, c),
            kpi::clv_subscription(a, b, c), kpi::ltv_cac(a, b), kpi::cac_payback(a, b, c),
            kpi::social_engagement_rate(a, b), kpi::nps(a, b, c), kpi::forecast_error(a, b),
            kpi::traffic_needed(a, b), kpi::whole_funnel_rate(&[a, b, c]),
            kpi::traffic_projection(a, b, 600), kpi::stage_rate(a, b),
            scoring::ice_average(a, b, c), scoring::ice_product(a, b, c), scoring::rice(a, b, c, a),
        ];
        for r in results {
            prop_assert!(r.is_none_or(f64::is_finite));
        }
        prop_assert!(measure::pacing(a, b).is_finite());
        let _ = measure::status(a, b, true);
        let _ = measure::status(a, b, false);
        prop_assert!(measure::attainment(a, b, true).is_none_or(f64::is_finite));
    }

    #[test]
    fn parsers_never_panic_and_give_finite_values(text in "\\PC{0,24}") {
        for mark in [DecimalMark::Dot, DecimalMark::Comma] {
            for v in [parse_percent(&text, mark), parse_count(&text, mark), parse_number(&text, mark), parse_score(&text, 1.0, 10.0, mark)].into_iter().flatten() {
                prop_assert!(v.is_finite());
            }
            if let Ok(p) = parse_percent(&text, mark) { prop_assert!((0.0..=1.0).contains(&p)); }
            if let Ok(c) = parse_count(&text, mark) { prop_assert!(c >= 0.0); }
            if let Ok(m) = parse_money(&text, 2, mark) { prop_assert!(m.0 >= 0); }
            let _ = mark.write(text.clone());
        }
        let _ = text.parse::<Period>();
        let _ = race_planner::domain::period::parse_date(&text);
    }

    #[test]
    fn number_like_text_parses_without_panic(text in "[-+]?[0-9., '%$€]{0,20}") {
        for mark in [DecimalMark::Dot, DecimalMark::Comma] {
            let _ = parse_percent(&text, mark);
            let _ = parse_count(&text, mark);
            let _ = parse_money(&text, 0, mark);
            let _ = parse_money(&text, 3, mark);
        }
    }

    #[test]
    fn percent_field_round_trips(hundredths in 0u32..=10_000) {
        let text = format_percent_input(f64::from(hundredths) / 10_000.0);
        for mark in [DecimalMark::Dot, DecimalMark::Comma] {
            let back = parse_percent(&mark.write(text.clone()), mark).unwrap();
            prop_assert!((back - f64::from(hundredths) / 10_000.0).abs() < 1e-15);
        }
    }

    #[test]
    fn money_sums_are_exact(amounts in proptest::collection::vec(-1_000_000_000_000i64..1_000_000_000_000, 0..200)) {
        let exact: i128 = amounts.iter().map(|&a| i128::from(a)).sum();
        let money: Vec<Money> = amounts.iter().map(|&a| Money(a)).collect();
        prop_assert_eq!(Money::checked_sum(money.clone()).map(|m| i128::from(m.0)), Some(exact));
        prop_assert_eq!(i128::from(Money::saturating_sum(money).0), exact);
    }

    #[test]
    fn money_sums_saturate_instead_of_overflowing(amounts in proptest::collection::vec(any::<i64>(), 0..50)) {
        let exact: i128 = amounts.iter().map(|&a| i128::from(a)).sum();
        let money: Vec<Money> = amounts.iter().map(|&a| Money(a)).collect();
        let clamped = exact.clamp(i128::from(i64::MIN), i128::from(i64::MAX));
        prop_assert_eq!(i128::from(Money::saturating_sum(money.clone()).0), clamped);
        if let Some(m) = Money::checked_sum(money) { prop_assert_eq!(i128::from(m.0), exact); }
    }

    #[test]
    fn money_text_round_trips(minor in any::<i64>(), digits in 0u32..=3) {
        let text = Money(minor).to_major_string(digits);
        prop_assert_eq!(Money::from_major_str(&text, digits), Ok(Money(minor)));
        if minor >= 0 {
            // What a money field shows, in either locale's mark, reads back the same.
            for mark in [DecimalMark::Dot, DecimalMark::Comma] {
                let shown = mark.write(format_money_input(Money(minor), digits));
                prop_assert_eq!(parse_money(&shown, digits, mark), Ok(Money(minor)));
            }
        }
    }

    #[test]
    fn templates_round_trip_and_validate_for_any_start(
        t in 0usize..4,
        year in 1990i32..2150,
        ordinal in 0i64..365,
        now in 0i64..4_000_000_000_000,
    ) {
        let jan1 = date_from_ymd(year, 1, 1).unwrap();
        let start = format_date(race_planner::domain::period::add_days(jan1, ordinal).unwrap());
        let plan = Template::ALL[t].build("plan-x", now, &start);
        prop_assert_eq!(plan.validate(), vec![]);
        let json = serde_json::to_string(&plan).unwrap();
        let back: Plan = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(&back, &plan);
    }
}
