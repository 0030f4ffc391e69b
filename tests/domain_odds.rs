//! The Odds and Scenarios screens' domain: the input picker's groups, suggested ranges,
//! month names, the simulation worker's job (JSON in, JSON out, latest run carried),
//! and the plan the end-to-end test imports (`tests/fixtures/odds-e2e.json`), whose
//! tornado is checked against a hand calculation.

#![cfg(not(target_arch = "wasm32"))]

use race_planner::domain::money::Money;
use race_planner::domain::odds::{
    answer, answer_json, input_groups, month_words, request_json, suggested_range,
    touchpoint_inputs, SimAnswer, SimRequest,
};
use race_planner::domain::period::{parse_date, Period};
use race_planner::domain::plan::{
    Initiative, Media, Objective, Phasing, Place, Plan, PlanBy, Stage, StageKpi, Touchpoint,
};
use race_planner::domain::uncertainty::{
    FunnelInput, InputKind, InputRange, InputRef, SimModel, TornadoOutcome, TouchpointInput,
};
use race_planner::format::document::export_plan;
use std::collections::HashSet;

const FIXTURE: &str = "tests/fixtures/odds-e2e.json";

/// The plan `tests/e2e/uncertainty.spec.mjs` imports: 12 months from January 2027, one
/// owned website typing 20,000 sessions a month, session → lead 5 %, lead → customer
/// 20 %, AOV 100, one order per customer, no repeat orders, other cost 5,000 a month;
/// one goal of 220 new customers a month by June 2027. By hand: 20,000 × 5 % × 20 % =
/// 200 customers a month, revenue 200 × 100 × 12 = 240,000 over the horizon.
fn e2e_plan() -> Plan {
    let mut plan = Plan::new("odds-e2e", "Odds check", 0, "2027-01-01");
    plan.horizon_months = 12;
    let f = &mut plan.funnel;
    f.traffic_growth = 0.0;
    f.act_rate = 0.05;
    f.convert_rate = 0.2;
    f.offline_convert_rate = 0.0;
    f.aov = Money(10_000);
    f.orders_per_customer = 1.0;
    f.repeat_rate = 0.0;
    f.repeat_orders = 0.0;
    f.gross_margin = 0.5;
    f.marketing_cost_other = Money(500_000);
    plan.stages.reach.touchpoints = vec![Touchpoint {
        id: "website".into(),
        name: "Website".into(),
        channel: "web".into(),
        media: Media::Owned,
        place: Place::Online,
        plan_by: PlanBy::Volume,
        monthly_volume: 20_000.0,
        kpi: "sessions".into(),
        ..Touchpoint::default()
    }];
    plan.opportunity.objectives = vec![Objective {
        id: "goal-customers".into(),
        stage: Stage::Convert,
        kpi: "customers".into(),
        description: "Win 220 new customers a month by June".into(),
        target: Some(220.0),
        deadline: Some("2027-06-30".into()),
        phasing: Phasing::Even,
        achievable_note: "The site converts well".into(),
        relevant_note: "Customers pay for growth".into(),
    }];
    plan.stages.convert.objectives = vec!["goal-customers".into()];
    plan.stages.convert.kpis = vec![StageKpi {
        kpi: "customers".into(),
        baseline: Some(180.0),
    }];
    plan
}

/// The ranges the end-to-end test enters: sessions 16,000–24,000 and session → lead
/// 4–6 % (20 % either side), lead → customer 10–40 % (half to twice).
fn e2e_ranges() -> Vec<InputRange> {
    vec![
        InputRange {
            input: InputRef::Touchpoint {
                id: "website".into(),
                field: TouchpointInput::MonthlyVolume,
            },
            low: 16_000.0,
            high: 24_000.0,
        },
        InputRange {
            input: InputRef::Funnel(FunnelInput::ActRate),
            low: 0.04,
            high: 0.06,
        },
        InputRange {
            input: InputRef::Funnel(FunnelInput::ConvertRate),
            low: 0.1,
            high: 0.4,
        },
    ]
}

fn fixture_plan() -> Plan {
    let bytes = std::fs::read(FIXTURE).expect("the e2e fixture exists");
    let mut n = 0;
    let result = race_planner::format::import::import_file(&bytes, &HashSet::new(), || {
        n += 1;
        format!("new-{n}")
    })
    .expect("the fixture imports");
    result.plans.into_iter().next().expect("one plan").plan
}

#[test]
fn the_e2e_fixture_is_the_plan_described_here() {
    if std::env::var_os("UPDATE_FIXTURES").is_some() {
        std::fs::write(FIXTURE, export_plan(&e2e_plan(), 1_796_083_200_000)).unwrap();
    }
    let mut imported = fixture_plan();
    let mut expected = e2e_plan();
    imported.revision = 0;
    imported.updated_at = 0;
    imported.created_at = 0;
    expected.created_at = 0;
    expected.updated_at = 0;
    assert_eq!(imported.funnel, expected.funnel);
    assert_eq!(imported.stages, expected.stages);
    assert_eq!(
        imported.opportunity.objectives,
        expected.opportunity.objectives
    );
    assert!(imported.ranges.is_empty() && imported.scenarios.is_empty());
}

#[test]
fn the_tornado_of_the_e2e_plan_matches_the_hand_calculation() {
    let plan = fixture_plan();
    let today = parse_date("2026-12-01").ok();
    let model = SimModel::from_plan(&plan, &e2e_ranges(), today).unwrap();
    let set = answer(
        &SimRequest {
            run: 7,
            model,
            draws: 2_000,
            seed: 1,
        },
        &|| 0.0,
    );
    let revenue = &set.tornados[0];
    assert_eq!(revenue.outcome, TornadoOutcome::Revenue);
    let likely = revenue.at_likely.unwrap();
    assert!((likely - 240_000.0).abs() < 1e-6, "{likely}");
    // Revenue is proportional to each input: the conversion rate from half to twice
    // swings it by 1.5 × 240,000 = 360,000; sessions and the lead rate, ±20 %, by
    // 0.4 × 240,000 = 96,000 each.
    let first = &revenue.bars[0];
    assert_eq!(first.input, InputRef::Funnel(FunnelInput::ConvertRate));
    assert!((first.width - 360_000.0).abs() < 1e-6, "{}", first.width);
    for bar in &revenue.bars[1..] {
        assert!((bar.width - 96_000.0).abs() < 1e-6, "{}", bar.width);
    }
    // The goal of 220 customers a month is tested and has its own tornado.
    assert_eq!(set.simulation.objectives.len(), 1);
    let odds = set.simulation.objectives[0].probability.unwrap();
    assert!(odds > 0.0 && odds < 1.0, "{odds}");
    assert_eq!(
        set.tornados[1].outcome,
        TornadoOutcome::Objective("goal-customers".into())
    );
    assert_eq!(set.run, 7);
}

#[test]
fn widening_a_range_upwards_raises_the_odds_of_a_goal_above_the_plan() {
    let plan = fixture_plan();
    let today = parse_date("2026-12-01").ok();
    let odds = |high: f64| {
        let mut ranges = e2e_ranges();
        ranges[2].high = high;
        let model = SimModel::from_plan(&plan, &ranges, today).unwrap();
        let a = answer(
            &SimRequest {
                run: 1,
                model,
                draws: 10_000,
                seed: 1,
            },
            &|| 0.0,
        );
        a.simulation.objectives[0].probability.unwrap()
    };
    assert!(odds(0.6) > odds(0.4) + 0.02);
}

#[test]
fn the_worker_job_round_trips_as_json_and_is_deterministic() {
    let plan = fixture_plan();
    let model = SimModel::from_plan(&plan, &e2e_ranges(), None).unwrap();
    let request = SimRequest {
        run: 3,
        model,
        draws: 500,
        seed: 42,
    };
    let json = request_json(&request).unwrap();
    let mut clock = 0.0;
    let tick = std::cell::Cell::new(0.0);
    let now = || {
        tick.set(tick.get() + 5.0);
        tick.get()
    };
    let a: SimAnswer = serde_json::from_str(&answer_json(&json, &now).unwrap()).unwrap();
    clock += 5.0;
    assert_eq!(a.run, 3);
    assert_eq!(a.simulation.draws, 500);
    assert!((a.elapsed_ms - clock).abs() < 1e-9);
    let b: SimAnswer = serde_json::from_str(&answer_json(&json, &|| 0.0).unwrap()).unwrap();
    assert_eq!(a.simulation, b.simulation);
    assert_eq!(a.tornados, b.tornados);
    assert_eq!(b.elapsed_ms, 0.0);
    let error = answer_json("{not json", &|| 0.0).unwrap_err();
    assert!(error.starts_with("The simulation could not read"));
}

#[test]
fn the_picker_groups_inputs_by_stage_and_touchpoint() {
    let mut plan = e2e_plan();
    plan.stages.reach.touchpoints.push(Touchpoint {
        id: "ads".into(),
        name: "Search ads".into(),
        plan_by: PlanBy::Cpc,
        budget: Money(100_000),
        cpc: Money(150),
        ..Touchpoint::default()
    });
    plan.strategy.initiatives.push(Initiative {
        id: "i-1".into(),
        title: "Trust badges".into(),
        cost: Money(250_000),
        ..Initiative::default()
    });
    let groups = input_groups(&plan, true);
    let headings: Vec<&str> = groups.iter().map(|g| g.heading.as_str()).collect();
    assert_eq!(
        headings,
        [
            "Reach",
            "Reach · Website",
            "Reach · Search ads",
            "Act",
            "Convert",
            "Engage"
        ]
    );
    let ads = &groups[2];
    assert_eq!(ads.choices.len(), 3);
    assert_eq!(ads.choices[1].name, "Cost per click");
    assert!((ads.choices[1].value - 1.5).abs() < 1e-9);
    assert!(groups
        .iter()
        .flat_map(|g| &g.choices)
        .all(|c| c.input.is_rangeable()));
    let with_costs = input_groups(&plan, false);
    let last = with_costs.last().unwrap();
    assert_eq!(last.heading, "Initiatives (one-off costs)");
    assert_eq!(last.choices[0].name, "Trust badges");
    assert!((last.choices[0].value - 2_500.0).abs() < 1e-9);
    assert_eq!(touchpoint_inputs(PlanBy::Cpm).len(), 4);
}

#[test]
fn suggested_ranges_hold_the_likely_value_and_stay_valid() {
    for (kind, likely) in [
        (InputKind::Rate, 0.2),
        (InputKind::Rate, 0.95),
        (InputKind::Rate, 0.0),
        (InputKind::Growth, -0.995),
        (InputKind::Growth, 0.02),
        (InputKind::Count, 20_000.0),
        (InputKind::Count, 0.0),
        (InputKind::Money, 12.34),
        (InputKind::Money, f64::NAN),
    ] {
        let (low, high) = suggested_range(kind, likely);
        let likely = if likely.is_finite() { likely } else { 0.0 };
        assert!(
            low <= likely && likely <= high,
            "{kind:?} {likely}: {low}–{high}"
        );
        assert!(kind.check(low).is_none() && kind.check(high).is_none());
    }
    assert_eq!(suggested_range(InputKind::Rate, 0.2), (0.16, 0.24));
    assert_eq!(suggested_range(InputKind::Rate, 0.95).1, 1.0);
    assert_eq!(
        suggested_range(InputKind::Count, 20_000.0),
        (16_000.0, 24_000.0)
    );
}

#[test]
fn months_are_named_in_words() {
    assert_eq!(
        month_words(Period::Month {
            year: 2027,
            month: 3
        }),
        "March 2027"
    );
    assert_eq!(
        month_words(Period::Week {
            year: 2027,
            week: 9
        }),
        "2027-W09"
    );
}
