//! Ranges, the Monte Carlo run and the tornado: inputs named and set, the split
//! distributions' percentiles, percentiles recovered from draws, a product of two
//! independent inputs against its closed form and a high-draw reference, same seed same
//! result, collapsed ranges agreeing with the goal checks, and no NaN or infinity.

#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use race_planner::domain::evaluation::evaluate_plan;
use race_planner::domain::funnel;
use race_planner::domain::kpi;
use race_planner::domain::money::Money;
use race_planner::domain::period::parse_date;
use race_planner::domain::plan::{
    Initiative, Media, Objective, Place, Plan, PlanBy, Stage, Touchpoint,
};
use race_planner::domain::sample::{large_plan, sample_ranges};
use race_planner::domain::templates::Template;
use race_planner::domain::uncertainty::{
    check_ranges, draws_per_second, histogram, meets, outcome_at_likely, percentile, simulate,
    tornado, Draws, FunnelInput, InputKind, InputRange, InputRef, SimModel, Spread, TornadoOutcome,
    TouchpointInput, HISTOGRAM_BINS, MAX_RANGES, Z90,
};

fn close(a: f64, b: f64, rel: f64) {
    assert!(
        (a - b).abs() <= rel * b.abs().max(1e-12),
        "{a} is not within {rel} of {b}"
    );
}

fn funnel_ref(f: FunnelInput) -> InputRef {
    InputRef::Funnel(f)
}

fn tp_ref(id: &str, field: TouchpointInput) -> InputRef {
    InputRef::Touchpoint {
        id: id.into(),
        field,
    }
}

fn range(input: InputRef, low: f64, high: f64) -> InputRange {
    InputRange { input, low, high }
}

/// One month, one owned online touchpoint typing 10,000 sessions, act 10 %, convert
/// 20 %, AOV 100, one order per customer and no repeat: customers = 1,000 × convert
/// rate and revenue = 0.02 × sessions × AOV, by hand.
fn simple_plan() -> Plan {
    let mut plan = Plan::new("p", "Simple", 0, "2026-01-01");
    plan.horizon_months = 1;
    plan.funnel.act_rate = 0.1;
    plan.funnel.convert_rate = 0.2;
    plan.funnel.aov = Money(10_000);
    plan.funnel.orders_per_customer = 1.0;
    plan.funnel.repeat_rate = 0.0;
    plan.funnel.marketing_cost_other = Money(100_000);
    plan.stages.reach.touchpoints.push(Touchpoint {
        id: "site".into(),
        name: "Website".into(),
        media: Media::Owned,
        monthly_volume: 10_000.0,
        ..Touchpoint::default()
    });
    plan
}

/// A plan with paid, owned and offline touchpoints, growth, repeat orders, goals met
/// and missed in both directions, a goal the funnel does not model and one without a
/// target.
fn rich_plan() -> Plan {
    let mut plan = Plan::new("rich", "Rich", 0, "2026-01-01");
    plan.horizon_months = 6;
    let f = &mut plan.funnel;
    f.traffic_growth = 0.02;
    f.act_rate = 0.05;
    f.convert_rate = 0.2;
    f.offline_convert_rate = 0.1;
    f.aov = Money(5_000);
    f.repeat_rate = 0.2;
    f.repeat_orders = 1.5;
    f.gross_margin = 0.4;
    f.marketing_cost_other = Money(100_000);
    plan.stages.reach.touchpoints = vec![
        Touchpoint {
            id: "ads".into(),
            name: "Google Search ads".into(),
            media: Media::Paid,
            plan_by: PlanBy::Cpc,
            budget: Money(200_000),
            cpc: Money(50),
            landing_rate: 0.9,
            ..Touchpoint::default()
        },
        Touchpoint {
            id: "social".into(),
            name: "Instagram ads".into(),
            media: Media::Paid,
            plan_by: PlanBy::Cpm,
            budget: Money(50_000),
            cpm: Money(500),
            ctr: 0.01,
            ..Touchpoint::default()
        },
        Touchpoint {
            id: "blog".into(),
            name: "Blog".into(),
            media: Media::Owned,
            monthly_volume: 5_000.0,
            ..Touchpoint::default()
        },
        Touchpoint {
            id: "fair".into(),
            name: "Trade fair".into(),
            media: Media::Paid,
            place: Place::Offline,
            monthly_volume: 300.0,
            budget: Money(80_000),
            ..Touchpoint::default()
        },
    ];
    plan.strategy.initiatives.push(Initiative {
        id: "ini-ads".into(),
        title: "Better ad copy".into(),
        stage: Stage::Reach,
        touchpoint: Some("ads".into()),
        cost: Money(30_000),
        ..Initiative::default()
    });
    plan.strategy.initiatives.push(Initiative {
        id: "ini-checkout".into(),
        title: "Checkout badges".into(),
        stage: Stage::Convert,
        cost: Money(20_000),
        ..Initiative::default()
    });
    let goal = |id: &str, stage, kpi: &str, target: Option<f64>, deadline: &str| Objective {
        id: id.into(),
        stage,
        kpi: kpi.into(),
        description: format!("Goal on {kpi}"),
        target,
        deadline: Some(deadline.into()),
        ..Objective::default()
    };
    plan.opportunity.objectives = vec![
        goal(
            "g-customers",
            Stage::Convert,
            "customers",
            Some(50.0),
            "2026-03-31",
        ),
        goal(
            "g-revenue",
            Stage::Convert,
            "revenue",
            Some(1e6),
            "2026-04-30",
        ),
        goal("g-cac", Stage::Convert, "cac", Some(10.0), "2026-05-31"),
        goal("g-cac-easy", Stage::Act, "cpl", Some(1_000.0), "2026-02-28"),
        goal(
            "g-sessions",
            Stage::Reach,
            "sessions",
            Some(9_000.0),
            "2026-06-30",
        ),
        goal("g-nps", Stage::Engage, "nps", Some(40.0), "2026-06-30"),
        goal("g-none", Stage::Act, "leads", None, "2026-06-30"),
    ];
    assert!(plan.validate().is_empty(), "{:?}", plan.validate());
    plan
}

// --- Inputs ------------------------------------------------------------------

#[test]
fn input_refs_are_written_as_short_stable_texts() {
    let cases = [
        (funnel_ref(FunnelInput::ConvertRate), "funnel:convert_rate"),
        (
            tp_ref("google-ads", TouchpointInput::Budget),
            "touchpoint:google-ads:budget",
        ),
        (
            tp_ref("odd:id", TouchpointInput::Ctr),
            "touchpoint:odd:id:ctr",
        ),
        (
            InputRef::InitiativeCost { id: "ini-1".into() },
            "initiative:ini-1:cost",
        ),
    ];
    for (input, text) in cases {
        assert_eq!(input.to_string(), text);
        assert_eq!(InputRef::parse(text), Some(input.clone()));
        let json = serde_json::to_string(&input).unwrap();
        assert_eq!(json, format!("\"{text}\""));
        assert_eq!(serde_json::from_str::<InputRef>(&json).unwrap(), input);
    }
    for bad in [
        "funnel:colour",
        "touchpoint::budget",
        "touchpoint:x:size",
        "initiative:x:budget",
        "stage:reach",
        "",
    ] {
        assert_eq!(InputRef::parse(bad), None, "{bad}");
        assert!(serde_json::from_str::<InputRef>(&format!("\"{bad}\"")).is_err());
    }
    for f in FunnelInput::ALL {
        assert_eq!(FunnelInput::from_key(f.key()), Some(f));
    }
    for f in TouchpointInput::ALL {
        assert_eq!(TouchpointInput::from_key(f.key()), Some(f));
    }
}

#[test]
fn inputs_are_read_and_set_with_money_in_major_units() {
    let mut plan = rich_plan();
    let budget = tp_ref("ads", TouchpointInput::Budget);
    assert_eq!(budget.value(&plan), Some(2_000.0));
    budget.set(&mut plan, 1_234.56).unwrap();
    assert_eq!(plan.touchpoint("ads").unwrap().budget, Money(123_456));
    assert_eq!(budget.value(&plan), Some(1_234.56));

    let aov = funnel_ref(FunnelInput::Aov);
    aov.set(&mut plan, 42.5).unwrap();
    assert_eq!(plan.funnel.aov, Money(4_250));
    let rate = funnel_ref(FunnelInput::ConvertRate);
    rate.set(&mut plan, 0.3).unwrap();
    assert_eq!(plan.funnel.convert_rate, 0.3);
    let cost = InputRef::InitiativeCost {
        id: "ini-ads".into(),
    };
    cost.set(&mut plan, 99.99).unwrap();
    assert_eq!(plan.initiative("ini-ads").unwrap().cost, Money(9_999));

    // Refused values leave the plan as it was.
    let before = plan.clone();
    assert!(rate.set(&mut plan, 1.2).is_err());
    assert!(rate.set(&mut plan, f64::NAN).is_err());
    assert!(budget.set(&mut plan, -1.0).is_err());
    assert!(funnel_ref(FunnelInput::TrafficGrowth)
        .set(&mut plan, -2.0)
        .is_err());
    assert!(tp_ref("gone", TouchpointInput::Budget)
        .set(&mut plan, 1.0)
        .is_err());
    assert_eq!(plan, before);
    assert_eq!(tp_ref("gone", TouchpointInput::Budget).value(&plan), None);
}

#[test]
fn inputs_have_labels_stages_and_initiatives() {
    let plan = rich_plan();
    let convert = funnel_ref(FunnelInput::ConvertRate);
    assert_eq!(convert.label(&plan), "Lead → customer rate (Convert)");
    assert_eq!(convert.stage(&plan), Some(Stage::Convert));
    assert_eq!(convert.initiatives(&plan), vec!["ini-checkout"]);
    let budget = tp_ref("ads", TouchpointInput::Budget);
    assert_eq!(budget.label(&plan), "Google Search ads: budget per month");
    assert_eq!(budget.stage(&plan), Some(Stage::Reach));
    assert_eq!(budget.initiatives(&plan), vec!["ini-ads"]);
    assert_eq!(
        funnel_ref(FunnelInput::Aov).label(&plan),
        "Average order value (AOV) (Convert)"
    );
    assert_eq!(
        funnel_ref(FunnelInput::GrossMargin).stage(&plan),
        Some(Stage::Engage)
    );
    let cost = InputRef::InitiativeCost {
        id: "ini-ads".into(),
    };
    assert_eq!(cost.label(&plan), "Better ad copy: one-off cost");
    assert!(!cost.is_rangeable());
    assert_eq!(
        funnel_ref(FunnelInput::TrafficGrowth).kind(),
        InputKind::Growth
    );
    assert_eq!(tp_ref("x", TouchpointInput::Cpm).kind(), InputKind::Money);
}

#[test]
fn ranges_are_checked_with_clear_messages() {
    let plan = rich_plan();
    let messages = |ranges: &[InputRange]| -> Vec<String> {
        check_ranges(&plan, ranges)
            .into_iter()
            .map(|e| e.to_string())
            .collect()
    };
    assert!(messages(&[range(funnel_ref(FunnelInput::ConvertRate), 0.1, 0.3)]).is_empty());
    assert_eq!(
        messages(&[range(funnel_ref(FunnelInput::ConvertRate), 0.25, 0.3)]),
        vec!["ranges[0].low: must not be above the plan's value (the likely value)"]
    );
    assert_eq!(
        messages(&[range(funnel_ref(FunnelInput::ConvertRate), 0.1, 0.15)]),
        vec!["ranges[0].high: must not be below the plan's value (the likely value)"]
    );
    assert_eq!(
        messages(&[range(funnel_ref(FunnelInput::ConvertRate), 0.1, 1.5)]),
        vec!["ranges[0].high: must be between 0 and 100 %"]
    );
    assert_eq!(
        messages(&[range(
            tp_ref("ads", TouchpointInput::Budget),
            f64::NAN,
            3_000.0
        )]),
        vec!["ranges[0].low: must be a number"]
    );
    assert_eq!(
        messages(&[range(tp_ref("gone", TouchpointInput::Budget), 1.0, 2.0)]),
        vec!["ranges[0].input: refers to a touchpoint that does not exist"]
    );
    let cost = InputRef::InitiativeCost {
        id: "ini-ads".into(),
    };
    assert_eq!(
        messages(&[range(cost, 100.0, 400.0)]),
        vec!["ranges[0].input: does not change the forecast (compare an initiative's cost in a scenario)"]
    );
    let twice = [
        range(funnel_ref(FunnelInput::ConvertRate), 0.1, 0.3),
        range(funnel_ref(FunnelInput::ConvertRate), 0.15, 0.25),
    ];
    assert_eq!(
        messages(&twice),
        vec!["ranges[1].input: has a range already"]
    );
    let many: Vec<InputRange> = (0..=MAX_RANGES)
        .map(|_| range(funnel_ref(FunnelInput::ActRate), 0.05, 0.05))
        .collect();
    assert!(messages(&many)[0].starts_with("ranges: may hold at most 50"));
    assert!(SimModel::from_plan(&plan, &many, None).is_err());
}

// --- Distributions -------------------------------------------------------------

#[test]
fn a_spread_puts_the_low_likely_and_high_at_p10_median_p90_exactly() {
    let cases = [
        (InputKind::Rate, 0.01, 0.02, 0.05),
        (InputKind::Growth, -0.05, 0.0, 0.02),
        (InputKind::Count, 800.0, 1_000.0, 1_600.0),
        (InputKind::Money, 0.0, 10.0, 12.0),
        (InputKind::Money, 5.0, 5.0, 5.0),
    ];
    for (kind, low, likely, high) in cases {
        let s = Spread::new(kind, low, likely, high);
        close(s.at(-Z90), low, 1e-12);
        close(s.at(0.0), likely, 1e-12);
        close(s.at(Z90), high, 1e-12);
        // Further out it keeps going, within the kind's bounds.
        assert!(s.at(-6.0) <= low && s.at(-6.0) >= kind.bounds().0);
        assert!(
            s.at(6.0) >= high && s.at(6.0) <= kind.bounds().1,
            "{kind:?} {} {high}",
            s.at(6.0)
        );
    }
    // Counts with a low above 0 are lognormal: never below 0, however far out.
    let s = Spread::new(InputKind::Count, 100.0, 1_000.0, 2_000.0);
    assert!(s.log);
    assert!(s.at(-40.0) > 0.0);
    // A rate whose left tail would go below 0 is clamped at 0.
    let s = Spread::new(InputKind::Rate, 0.001, 0.05, 0.06);
    assert_eq!(s.at(-10.0), 0.0);
}

#[test]
fn draws_follow_the_stated_percentiles_of_one_input() {
    // The share of 10,000 draws at or below the low is 10 %, within sampling error
    // (one standard error is 0.3 point).
    let s = Spread::new(InputKind::Rate, 0.1, 0.2, 0.35);
    let mut rng = Draws::new(7);
    let draws: Vec<f64> = (0..10_000).map(|_| s.at(rng.normal())).collect();
    let below = |x: f64| draws.iter().filter(|d| **d <= x).count() as f64 / 10_000.0;
    assert!((below(0.1) - 0.1).abs() < 0.012, "{}", below(0.1));
    assert!((below(0.2) - 0.5).abs() < 0.02, "{}", below(0.2));
    assert!((below(0.35) - 0.9).abs() < 0.012, "{}", below(0.35));
}

#[test]
fn one_ranged_conversion_rate_gives_customers_p10_and_p90_by_hand() {
    // customers = 10,000 sessions × 10 % × convert rate = 1,000 × convert rate, so its
    // p10 / p50 / p90 are 1,000 × (10 %, 20 %, 35 %) = 100, 200, 350.
    let plan = simple_plan();
    let ranges = [range(funnel_ref(FunnelInput::ConvertRate), 0.1, 0.35)];
    let model = SimModel::from_plan(&plan, &ranges, None).unwrap();
    let sim = simulate(&model, 10_000, 2026);
    assert_eq!(sim.draws, 10_000);
    // Standard error of the p10 here is about 1.3 customers.
    assert!(
        (sim.customers.p10 - 100.0).abs() < 5.0,
        "{:?}",
        sim.customers
    );
    assert!(
        (sim.customers.p50 - 200.0).abs() < 5.0,
        "{:?}",
        sim.customers
    );
    assert!(
        (sim.customers.p90 - 350.0).abs() < 8.0,
        "{:?}",
        sim.customers
    );
    // Sessions and leads do not move.
    assert_eq!(sim.sessions.p10, 10_000.0);
    assert_eq!(sim.leads.p90, 1_000.0);
    // Revenue = customers × 100.
    close(sim.revenue.p50, sim.customers.p50 * 100.0, 1e-9);
    // CAC = 1,000 other cost ÷ customers: its p90 is near the customers' p10 (the
    // draws with no customer, where the rate falls to 0, have no CAC).
    let cac = sim.cac.unwrap();
    close(cac.p90, 1_000.0 / sim.customers.p10, 0.03);
    // ROI = (revenue − 1,000) ÷ 1,000.
    let roi = sim.roi.unwrap();
    close(roi.p50, (sim.revenue.p50 - 1_000.0) / 1_000.0, 1e-9);
}

#[test]
fn a_product_of_two_independent_lognormal_inputs_matches_its_closed_form() {
    // revenue = 0.02 × sessions × AOV. With ranges symmetric in logarithms (likely ÷ k
    // to likely × k), ln sessions and ln AOV are normal with σ = ln k ÷ 1.2816, so
    // ln revenue is normal with σ² = σ₁² + σ₂² and revenue's p90 = median ×
    // exp(√(ln² 1.5 + ln² 1.2)).
    let plan = simple_plan();
    let ranges = [
        range(
            tp_ref("site", TouchpointInput::MonthlyVolume),
            10_000.0 / 1.5,
            15_000.0,
        ),
        range(funnel_ref(FunnelInput::Aov), 100.0 / 1.2, 120.0),
    ];
    let model = SimModel::from_plan(&plan, &ranges, None).unwrap();
    let sim = simulate(&model, 10_000, 11);
    let spread = (1.5f64.ln().powi(2) + 1.2f64.ln().powi(2)).sqrt();
    let median = 0.02 * 10_000.0 * 100.0;
    close(sim.revenue.p50, median, 0.02);
    close(sim.revenue.p90, median * spread.exp(), 0.025);
    close(sim.revenue.p10, median / spread.exp(), 0.025);
    // Either input alone reaches only its own p90: the product is narrower than the
    // sum of the two swings, as independence says.
    assert!(sim.revenue.p90 < median * 1.5 * 1.2);
}

#[test]
fn a_product_of_two_skewed_rates_matches_a_high_draw_reference() {
    let plan = simple_plan();
    let act = Spread::new(InputKind::Rate, 0.05, 0.1, 0.12);
    let convert = Spread::new(InputKind::Rate, 0.1, 0.2, 0.4);
    let ranges = [
        range(funnel_ref(FunnelInput::ActRate), 0.05, 0.12),
        range(funnel_ref(FunnelInput::ConvertRate), 0.1, 0.4),
    ];
    let model = SimModel::from_plan(&plan, &ranges, None).unwrap();
    let sim = simulate(&model, 10_000, 5);
    // The reference: 400,000 draws of the product straight from the two spreads with
    // a generator of another seed.
    let mut rng = Draws::new(999);
    let mut reference: Vec<f64> = (0..400_000)
        .map(|_| 10_000.0 * act.at(rng.normal()) * convert.at(rng.normal()))
        .collect();
    reference.sort_unstable_by(f64::total_cmp);
    for (p, got) in [
        (0.1, sim.customers.p10),
        (0.5, sim.customers.p50),
        (0.9, sim.customers.p90),
    ] {
        close(got, percentile(&reference, p), 0.03);
    }
}

// --- The simulation --------------------------------------------------------------

#[test]
fn the_same_seed_gives_the_same_figures() {
    let plan = rich_plan();
    let ranges = [
        range(funnel_ref(FunnelInput::ConvertRate), 0.15, 0.3),
        range(tp_ref("ads", TouchpointInput::Cpc), 0.4, 0.8),
        range(tp_ref("social", TouchpointInput::Ctr), 0.005, 0.02),
    ];
    let model = SimModel::from_plan(&plan, &ranges, None).unwrap();
    let a = simulate(&model, 2_000, 42);
    let b = simulate(&model, 2_000, 42);
    assert_eq!(a, b);
    // Through JSON, as a worker receives the model, nothing changes either.
    let json = serde_json::to_string(&model).unwrap();
    let back: SimModel = serde_json::from_str(&json).unwrap();
    assert_eq!(simulate(&back, 2_000, 42), a);
    let c = simulate(&model, 2_000, 43);
    assert_ne!(a.revenue, c.revenue);
}

#[test]
fn the_revenue_histogram_and_monthly_bands_hold_every_draw() {
    let plan = rich_plan();
    let ranges = [
        range(funnel_ref(FunnelInput::ActRate), 0.03, 0.08),
        range(funnel_ref(FunnelInput::TrafficGrowth), -0.02, 0.05),
    ];
    let model = SimModel::from_plan(&plan, &ranges, None).unwrap();
    let sim = simulate(&model, 10_000, 1);
    let h = &sim.revenue_histogram;
    assert_eq!(h.counts.len(), HISTOGRAM_BINS);
    assert_eq!(h.edges.len(), HISTOGRAM_BINS + 1);
    assert_eq!(h.counts.iter().sum::<u32>(), 10_000);
    assert!(h.edges.windows(2).all(|w| w[0] < w[1]));
    assert!(h.edges[0] <= sim.revenue.p10 && sim.revenue.p90 <= h.edges[HISTOGRAM_BINS]);
    assert_eq!(sim.monthly_revenue.len(), 6);
    for b in &sim.monthly_revenue {
        assert!(b.p10 <= b.p50 && b.p50 <= b.p90);
    }
    // Growth compounds: the last month's spread is wider than the first's.
    let first = &sim.monthly_revenue[0];
    let last = &sim.monthly_revenue[5];
    assert!(last.p90 - last.p10 > first.p90 - first.p10);
    // With every value equal, one bin holds them all.
    let flat = histogram(&[3.0, 3.0]);
    assert_eq!(flat.counts, vec![2]);
}

#[test]
fn collapsed_ranges_give_certain_odds_that_agree_with_the_goal_checks() {
    let plan = rich_plan();
    let ranges: Vec<InputRange> = [
        funnel_ref(FunnelInput::ConvertRate),
        funnel_ref(FunnelInput::Aov),
        tp_ref("ads", TouchpointInput::Budget),
        tp_ref("social", TouchpointInput::Ctr),
        funnel_ref(FunnelInput::TrafficGrowth),
    ]
    .into_iter()
    .map(|input| {
        let v = input.value(&plan).unwrap();
        range(input, v, v)
    })
    .collect();
    let mut seen = (0, 0);
    for objective in &plan.opportunity.objectives {
        let Some(def) = kpi::find(&objective.kpi) else {
            continue;
        };
        // On the deadline's day, the goal check compares the forecast of the deadline's
        // month with the target, like the simulation.
        let today = parse_date(objective.deadline.as_deref().unwrap()).unwrap();
        let model = SimModel::from_plan(&plan, &ranges, Some(today)).unwrap();
        let sim = simulate(&model, 500, 3);
        let odds = sim
            .objectives
            .iter()
            .find(|o| o.objective == objective.id)
            .unwrap();
        let evaluation = evaluate_plan(&plan, Some(today));
        let check = evaluation.check(def.id).filter(|c| c.goal == objective.id);
        match (odds.probability, check) {
            (Some(p), Some(check)) => {
                let met = meets(check.shown, check.target.unwrap(), def.higher_is_better);
                assert_eq!(p, if met { 1.0 } else { 0.0 }, "{}", objective.id);
                assert_eq!(odds.target, check.target.unwrap());
                if met {
                    seen.0 += 1;
                } else {
                    seen.1 += 1;
                }
            }
            (None, _) => assert!(odds.not_modelled.is_some(), "{}", objective.id),
            (Some(_), None) => panic!("{} has odds but no check", objective.id),
        }
    }
    // Both answers occur, so the comparison can fail either way.
    assert!(seen.0 >= 2 && seen.1 >= 2, "{seen:?}");
}

#[test]
fn objectives_the_funnel_does_not_compute_are_listed_as_not_modelled() {
    let plan = rich_plan();
    let today = parse_date("2026-03-15").ok();
    let model = SimModel::from_plan(&plan, &[], today).unwrap();
    let sim = simulate(&model, 100, 1);
    let odds = |id: &str| sim.objectives.iter().find(|o| o.objective == id).unwrap();
    assert!(odds("g-nps")
        .not_modelled
        .as_deref()
        .unwrap()
        .contains("measured"));
    assert_eq!(
        odds("g-none").not_modelled.as_deref(),
        Some("it has no target")
    );
    // February's deadline has passed by mid-March.
    assert_eq!(
        odds("g-cac-easy").not_modelled.as_deref(),
        Some("its deadline has passed")
    );
    assert!(odds("g-customers").probability.is_some());
    assert_eq!(odds("g-customers").month, 2);
    assert_eq!(sim.objectives.len(), plan.opportunity.objectives.len());
}

#[test]
fn odds_between_zero_and_one_when_the_target_sits_inside_the_range() {
    // Customers in month 1: 1,000 × convert rate; a target of 200 is the median, so
    // about half the draws meet it. (A low of 12 % keeps the rate above 0.)
    let mut plan = simple_plan();
    plan.opportunity.objectives.push(Objective {
        id: "g".into(),
        stage: Stage::Convert,
        kpi: "customers".into(),
        description: "Win 200 customers a month".into(),
        target: Some(200.0),
        deadline: Some("2026-01-31".into()),
        ..Objective::default()
    });
    let ranges = [range(funnel_ref(FunnelInput::ConvertRate), 0.12, 0.35)];
    let model = SimModel::from_plan(&plan, &ranges, None).unwrap();
    let sim = simulate(&model, 10_000, 8);
    let p = sim.objectives[0].probability.unwrap();
    assert!((p - 0.5).abs() < 0.02, "{p}");
    let band = sim.objectives[0].band.unwrap();
    assert!((band.p10 - 120.0).abs() < 4.0, "{band:?}");
    assert!((band.p90 - 350.0).abs() < 8.0, "{band:?}");

    // The worked example of docs/uncertainty.md: 250 customers need a rate of 25 %,
    // (25 − 20) ÷ ((35 − 20) ÷ 1.2816) = 0.427 σ above the middle: 1 − Φ(0.427) = 33.5 %.
    plan.opportunity.objectives[0].target = Some(250.0);
    let ranges = [range(funnel_ref(FunnelInput::ConvertRate), 0.1, 0.35)];
    let model = SimModel::from_plan(&plan, &ranges, None).unwrap();
    let sim = simulate(&model, 10_000, 9);
    let p = sim.objectives[0].probability.unwrap();
    assert!((p - 0.3346).abs() < 0.02, "{p}");
    // Its CAC: 1,000 ÷ 350 = 2.86 at p10 and 1,000 ÷ 200 = 5 at the median.
    let cac = sim.cac.unwrap();
    assert!((cac.p10 - 1_000.0 / 350.0).abs() < 0.1, "{cac:?}");
    assert!((cac.p50 - 5.0).abs() < 0.15, "{cac:?}");
}

#[test]
fn the_simulation_s_kpis_are_the_catalogue_s() {
    // forecast_value gives what the KPI evaluation gives, for every KPI and month.
    let mut plans: Vec<Plan> = Template::ALL
        .iter()
        .map(|t| t.build("p", 0, "2026-01-01"))
        .collect();
    plans.push(rich_plan());
    plans.push(large_plan(3));
    for plan in &plans {
        let t = funnel::traffic(plan);
        let forecast = funnel::forward_funnel(plan);
        for m in forecast.months.iter().step_by(5) {
            for v in kpi::values_with(plan, &t, m) {
                let fast = kpi::forecast_value(
                    v.id,
                    &plan.funnel,
                    &plan.variants,
                    plan.currency_digits(),
                    &t,
                    m,
                );
                if kpi::is_forecast(v.id) {
                    assert_eq!(fast, v.value, "{} in {}", v.id, plan.name);
                } else {
                    assert_eq!(fast, None);
                }
            }
        }
    }
}

#[test]
fn the_outcome_at_likely_values_is_the_plan_s_forecast() {
    let plan = rich_plan();
    let ranges = [
        range(tp_ref("ads", TouchpointInput::Cpc), 0.4, 0.8),
        range(funnel_ref(FunnelInput::RepeatRate), 0.1, 0.3),
    ];
    let model = SimModel::from_plan(&plan, &ranges, None).unwrap();
    let out = model.outcome(&model.likely_values());
    let total = funnel::forward_funnel(&plan).total;
    close(out.revenue, total.revenue, 1e-12);
    close(out.sessions, total.sessions, 1e-12);
    close(out.customers, total.customers, 1e-12);
    close(
        out.cac.unwrap(),
        kpi::cac(total.marketing_cost, total.customers).unwrap(),
        1e-12,
    );
    // Any values: the same as the plan with those values written in, month by month.
    let ranges = [
        range(tp_ref("ads", TouchpointInput::Cpc), 0.4, 0.8),
        range(tp_ref("fair", TouchpointInput::MonthlyVolume), 200.0, 500.0),
        range(funnel_ref(FunnelInput::RepeatRate), 0.1, 0.3),
        range(funnel_ref(FunnelInput::TrafficGrowth), -0.05, 0.1),
        range(funnel_ref(FunnelInput::MarketingCostOther), 500.0, 2_000.0),
    ];
    let model = SimModel::from_plan(&plan, &ranges, None).unwrap();
    let values = [0.8, 213.0, 0.27, 0.083, 1_234.5];
    let out = model.outcome(&values);
    let mut changed = plan.clone();
    for (r, v) in ranges.iter().zip(values) {
        r.input.set(&mut changed, v).unwrap();
    }
    let forecast = funnel::forward_funnel(&changed);
    close(out.revenue, forecast.total.revenue, 1e-12);
    close(out.leads, forecast.total.leads, 1e-12);
    close(
        out.roi.unwrap(),
        kpi::roi(
            changed.variants.roi,
            forecast.total.revenue,
            changed.funnel.gross_margin,
            forecast.total.marketing_cost,
        )
        .unwrap(),
        1e-12,
    );
    assert_eq!(out.monthly_revenue.len(), forecast.months.len());
    for (a, m) in out.monthly_revenue.iter().zip(&forecast.months) {
        close(*a, m.revenue, 1e-12);
    }
}

// --- The tornado -----------------------------------------------------------------

#[test]
fn the_tornado_swings_each_input_with_the_others_at_likely_widest_first() {
    let plan = rich_plan();
    let ranges = [
        range(funnel_ref(FunnelInput::GrossMargin), 0.3, 0.5),
        range(funnel_ref(FunnelInput::ConvertRate), 0.1, 0.3),
        range(tp_ref("ads", TouchpointInput::Budget), 1_500.0, 2_200.0),
        range(funnel_ref(FunnelInput::Aov), 45.0, 52.0),
    ];
    let model = SimModel::from_plan(&plan, &ranges, None).unwrap();
    let bars = tornado(&model, &TornadoOutcome::Revenue);
    assert_eq!(bars.len(), 4);
    assert!(bars.windows(2).all(|w| w[0].width >= w[1].width));
    // Gross margin does not change revenue: the narrowest bar, of width 0.
    assert_eq!(bars[3].input, funnel_ref(FunnelInput::GrossMargin));
    assert_eq!(bars[3].width, 0.0);
    // Each end is the plan's forecast with that one input changed.
    for bar in &bars {
        let mut at_low = plan.clone();
        bar.input.set(&mut at_low, bar.low).unwrap();
        let mut at_high = plan.clone();
        bar.input.set(&mut at_high, bar.high).unwrap();
        close(
            bar.at_low.unwrap(),
            funnel::forward_funnel(&at_low).total.revenue,
            1e-9,
        );
        close(
            bar.revenue_at_high,
            funnel::forward_funnel(&at_high).total.revenue,
            1e-9,
        );
        close(
            bar.width,
            (bar.at_high.unwrap() - bar.at_low.unwrap()).abs(),
            1e-12,
        );
    }
    let convert = bars
        .iter()
        .find(|b| b.input == funnel_ref(FunnelInput::ConvertRate))
        .unwrap();
    assert_eq!(convert.stage, Stage::Convert);
    assert_eq!(convert.initiatives, vec!["ini-checkout"]);
    assert_eq!(convert.label, "Lead → customer rate (Convert)");
    let base = outcome_at_likely(&model, &TornadoOutcome::Revenue).unwrap();
    assert!(convert.at_low.unwrap() < base && base < convert.at_high.unwrap());

    // For an objective's KPI (CAC, lower is better), in its deadline's month.
    let cac = TornadoOutcome::Objective("g-cac".into());
    let bars = tornado(&model, &cac);
    assert!(bars.windows(2).all(|w| w[0].width >= w[1].width));
    let convert = bars
        .iter()
        .find(|b| b.input == funnel_ref(FunnelInput::ConvertRate))
        .unwrap();
    assert!(convert.at_low.unwrap() > convert.at_high.unwrap());
    assert!(outcome_at_likely(&model, &cac).is_some());
}

#[test]
fn ten_thousand_draws_of_the_large_plan_run() {
    let plan = large_plan(42);
    let ranges = sample_ranges(&plan);
    let model = SimModel::from_plan(&plan, &ranges, None).unwrap();
    assert_eq!(model.ranges.len(), 10);
    let started = std::time::Instant::now();
    let sim = simulate(&model, 10_000, 1);
    eprintln!("10,000 draws of the large plan: {:?}", started.elapsed());
    assert_eq!(sim.draws, 10_000);
    assert!(sim.revenue.p10 < sim.revenue.p50 && sim.revenue.p50 < sim.revenue.p90);
    assert_eq!(sim.monthly_revenue.len(), 60);
    assert_eq!(draws_per_second(10_000, 20.0), Some(500_000.0));
    assert_eq!(draws_per_second(10_000, 0.0), None);
}

// --- No NaN or infinity ------------------------------------------------------------

fn all_finite(sim: &race_planner::domain::uncertainty::Simulation) -> bool {
    let bands = [sim.sessions, sim.leads, sim.customers, sim.revenue]
        .into_iter()
        .chain(sim.cac)
        .chain(sim.roi)
        .chain(sim.monthly_revenue.iter().copied())
        .chain(sim.objectives.iter().filter_map(|o| o.band));
    let mut ok = true;
    for b in bands {
        ok &= b.p10.is_finite() && b.p50.is_finite() && b.p90.is_finite();
    }
    ok &= sim.revenue_histogram.edges.iter().all(|e| e.is_finite());
    ok &= sim
        .objectives
        .iter()
        .all(|o| o.probability.is_none_or(|p| (0.0..=1.0).contains(&p)));
    ok
}

/// (low share, high share) of an input's value, and the fraction used when it is 0.
fn spread_of() -> impl Strategy<Value = (f64, f64, f64)> {
    (0.0..=1.0f64, 1.0..=100.0f64, 0.0..=1.0f64)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn no_input_the_form_accepts_gives_nan_or_infinity(
        act in 0.0..=1.0f64,
        convert in 0.0..=1.0f64,
        offline in 0.0..=1.0f64,
        growth in -1.0..=1.0f64,
        aov_minor in 0i64..100_000_000,
        orders in 0.0..100.0f64,
        repeat in 0.0..=1.0f64,
        margin in 0.0..=1.0f64,
        other_minor in 0i64..1_000_000_000,
        budget_minor in 0i64..1_000_000_000,
        cpc_minor in 0i64..100_000,
        ctr in 0.0..=1.0f64,
        volume in 0.0..1e9f64,
        horizon in 1u32..=60,
        spreads in proptest::collection::vec(spread_of(), 8),
        seed in any::<u64>(),
    ) {
        let mut plan = rich_plan();
        plan.horizon_months = horizon;
        let f = &mut plan.funnel;
        f.act_rate = act;
        f.convert_rate = convert;
        f.offline_convert_rate = offline;
        f.traffic_growth = growth;
        f.aov = Money(aov_minor);
        f.orders_per_customer = orders;
        f.repeat_rate = repeat;
        f.gross_margin = margin;
        f.marketing_cost_other = Money(other_minor);
        let ads = plan.touchpoint_mut("ads").unwrap();
        ads.budget = Money(budget_minor);
        ads.cpc = Money(cpc_minor);
        plan.touchpoint_mut("social").unwrap().ctr = ctr;
        plan.touchpoint_mut("blog").unwrap().monthly_volume = volume;
        let inputs = [
            funnel_ref(FunnelInput::ActRate),
            funnel_ref(FunnelInput::ConvertRate),
            funnel_ref(FunnelInput::TrafficGrowth),
            funnel_ref(FunnelInput::Aov),
            tp_ref("ads", TouchpointInput::Cpc),
            tp_ref("social", TouchpointInput::Ctr),
            tp_ref("blog", TouchpointInput::MonthlyVolume),
            funnel_ref(FunnelInput::MarketingCostOther),
        ];
        let ranges: Vec<InputRange> = inputs
            .into_iter()
            .zip(&spreads)
            .map(|(input, (down, up, _))| {
                let v = input.value(&plan).unwrap();
                let (lo, hi) = input.kind().bounds();
                let low = (v - (v - lo) * down).clamp(lo, v);
                let high = if input.kind().is_percent() {
                    v + (hi - v) * (up - 1.0) / 99.0
                } else {
                    (v * up).min(hi).max(v)
                };
                range(input, low, high.clamp(v, hi))
            })
            .collect();
        let model = SimModel::from_plan(&plan, &ranges, None);
        prop_assert!(model.is_ok(), "{:?}", model.err());
        let model = model.unwrap();
        let sim = simulate(&model, 300, seed);
        prop_assert!(all_finite(&sim), "{sim:?}");
        for bar in tornado(&model, &TornadoOutcome::Revenue) {
            prop_assert!(bar.width.is_finite());
            prop_assert!(bar.revenue_at_low.is_finite() && bar.revenue_at_high.is_finite());
        }
    }
}
