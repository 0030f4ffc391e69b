//! Scenarios: a plan seen through a scenario, the side-by-side comparison with its
//! differences marked, making a scenario the base without losing the old values,
//! deleting with undo, renaming, and the caps; ranges set and removed on the plan.

#![cfg(not(target_arch = "wasm32"))]

use race_planner::domain::funnel::forward_funnel;
use race_planner::domain::measure::Status;
use race_planner::domain::money::Money;
use race_planner::domain::period::parse_date;
use race_planner::domain::plan::{Decision, Initiative, Media, Objective, Plan, Stage, Touchpoint};
use race_planner::domain::scenario::{
    self, add, apply, compare, delete, promote, remove_override, rename, restore, set_override,
    Override, Scenario, MAX_SCENARIOS, MAX_SCENARIO_NAME_CHARS,
};
use race_planner::domain::uncertainty::{
    remove_range, set_range, FunnelInput, InputRange, InputRef, TouchpointInput,
};

fn convert() -> InputRef {
    InputRef::Funnel(FunnelInput::ConvertRate)
}

fn site_volume() -> InputRef {
    InputRef::Touchpoint {
        id: "site".into(),
        field: TouchpointInput::MonthlyVolume,
    }
}

fn badge_cost() -> InputRef {
    InputRef::InitiativeCost { id: "ini".into() }
}

/// Three months; 10,000 sessions × 10 % × 20 % = 200 customers × 100 = 20,000 revenue a
/// month; a customers goal of 250 a month (missed at 20 %, met at 30 %) and a sessions
/// goal of 10,000 (met either way).
fn plan() -> Plan {
    let mut plan = Plan::new("p", "Scenarios", 0, "2026-01-01");
    plan.horizon_months = 3;
    plan.funnel.act_rate = 0.1;
    plan.funnel.convert_rate = 0.2;
    plan.funnel.aov = Money(10_000);
    plan.funnel.marketing_cost_other = Money(500_000);
    plan.stages.reach.touchpoints.push(Touchpoint {
        id: "site".into(),
        name: "Website".into(),
        media: Media::Owned,
        monthly_volume: 10_000.0,
        budget: Money(100_000),
        ..Touchpoint::default()
    });
    plan.strategy.initiatives.push(Initiative {
        id: "ini".into(),
        title: "Trust badges".into(),
        stage: Stage::Convert,
        cost: Money(50_000),
        decision: Decision::Chosen,
        ..Initiative::default()
    });
    for (id, kpi, target) in [
        ("g-cust", "customers", 250.0),
        ("g-sess", "sessions", 10_000.0),
    ] {
        plan.opportunity.objectives.push(Objective {
            id: id.into(),
            stage: Stage::Convert,
            kpi: kpi.into(),
            description: format!("Goal on {kpi}"),
            target: Some(target),
            deadline: Some("2026-03-31".into()),
            ..Objective::default()
        });
    }
    plan
}

fn stretch(plan: &mut Plan) -> String {
    let id = add(plan, "Stretch").unwrap();
    set_override(plan, &id, convert(), 0.3).unwrap();
    set_override(plan, &id, badge_cost(), 800.0).unwrap();
    id
}

#[test]
fn a_scenario_changes_only_what_it_lists() {
    let mut base = plan();
    let id = stretch(&mut base);
    let s = base.scenarios.iter().find(|s| s.id == id).unwrap().clone();
    assert_eq!(s.value_of(&convert()), Some(0.3));
    assert_eq!(s.value_of(&site_volume()), None);
    let seen = apply(&base, &s);
    assert_eq!(seen.funnel.convert_rate, 0.3);
    assert_eq!(seen.initiative("ini").unwrap().cost, Money(80_000));
    // The rest is shared, and the base is untouched.
    assert_eq!(seen.funnel.act_rate, base.funnel.act_rate);
    assert_eq!(seen.touchpoint("site"), base.touchpoint("site"));
    assert_eq!(base.funnel.convert_rate, 0.2);
    // 10,000 × 10 % × 30 % = 300 customers a month.
    assert!((forward_funnel(&seen).months[0].customers - 300.0).abs() < 1e-9);
    // A change of a touchpoint that no longer exists has no effect.
    let gone = Scenario {
        id: "s".into(),
        name: "Gone".into(),
        overrides: vec![Override {
            input: InputRef::Touchpoint {
                id: "gone".into(),
                field: TouchpointInput::Budget,
            },
            value: 5.0,
        }],
    };
    assert_eq!(apply(&base, &gone), base);
}

#[test]
fn overrides_are_checked_replaced_and_removed() {
    let mut p = plan();
    let id = add(&mut p, "Test").unwrap();
    assert!(set_override(&mut p, &id, convert(), 1.5).is_err());
    assert!(set_override(&mut p, &id, convert(), f64::INFINITY).is_err());
    let missing = InputRef::Touchpoint {
        id: "gone".into(),
        field: TouchpointInput::Budget,
    };
    assert!(set_override(&mut p, &id, missing, 10.0).is_err());
    assert!(set_override(&mut p, "nope", convert(), 0.3).is_err());
    set_override(&mut p, &id, convert(), 0.25).unwrap();
    set_override(&mut p, &id, convert(), 0.35).unwrap();
    assert_eq!(p.scenarios[0].overrides.len(), 1);
    assert_eq!(p.scenarios[0].value_of(&convert()), Some(0.35));
    assert!(remove_override(&mut p, &id, &convert()));
    assert!(!remove_override(&mut p, &id, &convert()));
    assert!(p.validate().is_empty(), "{:?}", p.validate());
}

#[test]
fn the_comparison_marks_what_differs_from_the_base() {
    let mut p = plan();
    stretch(&mut p);
    let cons = add(&mut p, "Conservative").unwrap();
    set_override(&mut p, &cons, site_volume(), 8_000.0).unwrap();
    let today = parse_date("2026-03-15").ok();
    let c = compare(&p, today);
    let names: Vec<&str> = c.columns.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["Base", "Stretch", "Conservative"]);
    assert_eq!(c.columns[0].scenario, None);
    let row = |key: &str| c.figures.iter().find(|r| r.key == key).unwrap();
    // Customers over 3 months: 600, 900, 480.
    let customers = row("customers");
    for (got, want) in customers.values.iter().zip([600.0, 900.0, 480.0]) {
        assert!((got.unwrap() - want).abs() < 1e-6, "{got:?} {want}");
    }
    assert_eq!(customers.differs, [false, true, true]);
    // Sessions change only in the conservative scenario.
    assert_eq!(row("sessions").differs, [false, false, true]);
    // Initiative costs only in the stretch one; the running budget in none.
    assert_eq!(row("initiative_costs").values[1], Some(800.0));
    assert_eq!(row("initiative_costs").differs, [false, true, false]);
    assert_eq!(row("budget").differs, [false, false, false]);
    assert_eq!(row("budget").values[0], Some(3.0 * 6_000.0));
    // ROI = (revenue − cost) ÷ cost over the horizon: (60,000 − 18,000) ÷ 18,000.
    assert!((row("roi").values[0].unwrap() - 42_000.0 / 18_000.0).abs() < 1e-9);
    // The stage KPIs tracked by the goals are there.
    assert!(c.figures.iter().any(|r| r.key == "kpi:customers"));
    // The customers goal (250 a month) is at risk at base (200, 80 %), met in the
    // stretch (300) and off track in the conservative one (160, 64 %).
    let goal = c
        .objectives
        .iter()
        .find(|o| o.objective == "g-cust")
        .unwrap();
    assert_eq!(goal.statuses[0], Some(Status::AtRisk));
    assert_eq!(goal.statuses[1], Some(Status::OnTrack));
    assert_eq!(goal.statuses[2], Some(Status::OffTrack));
    assert_eq!(goal.differs, [false, true, true]);
    let sessions = c
        .objectives
        .iter()
        .find(|o| o.objective == "g-sess")
        .unwrap();
    assert_eq!(sessions.statuses[1], Some(Status::OnTrack));
    assert!(!sessions.differs[1]);
}

#[test]
fn promoting_a_scenario_keeps_the_old_base_as_a_scenario() {
    let mut p = plan();
    let id = stretch(&mut p);
    let other = add(&mut p, "Other").unwrap();
    let original = p.clone();
    let kept = promote(&mut p, &id).unwrap();
    assert_eq!(p.funnel.convert_rate, 0.3);
    assert_eq!(p.initiative("ini").unwrap().cost, Money(80_000));
    // The promoted scenario is replaced, in its place, by the old values of exactly its
    // inputs.
    assert_eq!(p.scenarios.len(), 2);
    let before = &p.scenarios[0];
    assert_eq!(before.id, kept);
    assert_eq!(before.name, "Base before Stretch");
    assert_eq!(
        before.overrides,
        vec![
            Override {
                input: convert(),
                value: 0.2
            },
            Override {
                input: badge_cost(),
                value: 500.0
            },
        ]
    );
    assert_eq!(p.scenarios[1].id, other);
    // Promoting it back gives the original base again.
    promote(&mut p, &kept).unwrap();
    assert_eq!(p.funnel, original.funnel);
    assert_eq!(p.strategy, original.strategy);
    assert_eq!(p.scenarios[0].name, "Base before Base before Stretch");
    assert!(p.validate().is_empty(), "{:?}", p.validate());
    assert!(promote(&mut p, "nope").is_err());
    // A long name is cut to the limit.
    let long = add(&mut p, &"n".repeat(MAX_SCENARIO_NAME_CHARS)).unwrap();
    let kept = promote(&mut p, &long).unwrap();
    let name = &p.scenarios.iter().find(|s| s.id == kept).unwrap().name;
    assert_eq!(name.chars().count(), MAX_SCENARIO_NAME_CHARS);
    assert!(name.starts_with("Base before n"));
}

#[test]
fn deleting_can_be_undone_and_names_are_checked() {
    let mut p = plan();
    let a = add(&mut p, "A").unwrap();
    let b = add(&mut p, "  B  ").unwrap();
    assert_eq!(p.scenarios[1].name, "B");
    let (index, removed) = delete(&mut p, &a).unwrap();
    assert_eq!(index, 0);
    assert_eq!(p.scenarios.len(), 1);
    assert!(delete(&mut p, &a).is_none());
    restore(&mut p, index, removed.clone()).unwrap();
    assert_eq!(p.scenarios[0], removed);
    assert!(
        restore(&mut p, 0, removed).is_err(),
        "its id is taken again"
    );
    rename(&mut p, &b, "Bold").unwrap();
    assert_eq!(p.scenarios[1].name, "Bold");
    assert!(rename(&mut p, &b, "   ").is_err());
    assert!(rename(&mut p, &b, &"x".repeat(MAX_SCENARIO_NAME_CHARS + 1)).is_err());
    assert!(rename(&mut p, "nope", "X").is_err());
    assert_ne!(scenario::next_scenario_id(&p), a);
}

#[test]
fn scenarios_are_capped_and_validated() {
    let mut p = plan();
    for i in 0..MAX_SCENARIOS {
        add(&mut p, &format!("S{i}")).unwrap();
    }
    assert!(add(&mut p, "One too many").is_err());
    assert!(p.validate().is_empty());
    // A plan read from elsewhere is checked the same way.
    p.scenarios.push(Scenario {
        id: "scenario-1".into(),
        name: String::new(),
        overrides: vec![
            Override {
                input: convert(),
                value: f64::NAN,
            },
            Override {
                input: convert(),
                value: 0.3,
            },
        ],
    });
    let paths: Vec<String> = p.validate().into_iter().map(|e| e.path).collect();
    for want in [
        "scenarios",
        "scenarios[20].id",
        "scenarios[20].name",
        "scenarios[20].overrides[0].value",
        "scenarios[20].overrides[1].input",
    ] {
        assert!(paths.iter().any(|p| p == want), "{want} in {paths:?}");
    }
}

#[test]
fn ranges_are_set_replaced_and_removed_on_the_plan() {
    let mut p = plan();
    set_range(
        &mut p,
        InputRange {
            input: convert(),
            low: 0.15,
            high: 0.3,
        },
    )
    .unwrap();
    set_range(
        &mut p,
        InputRange {
            input: convert(),
            low: 0.1,
            high: 0.3,
        },
    )
    .unwrap();
    assert_eq!(p.ranges.len(), 1);
    assert_eq!(p.ranges[0].low, 0.1);
    let err = set_range(
        &mut p,
        InputRange {
            input: site_volume(),
            low: 12_000.0,
            high: 15_000.0,
        },
    )
    .unwrap_err();
    assert_eq!(
        err.message,
        "The low value must not be above the plan's value (the likely value)"
    );
    let err = set_range(
        &mut p,
        InputRange {
            input: badge_cost(),
            low: 100.0,
            high: 900.0,
        },
    )
    .unwrap_err();
    assert!(err
        .message
        .starts_with("The input does not change the forecast"));
    assert_eq!(p.ranges.len(), 1);
    assert!(p.validate().is_empty());
    assert!(remove_range(&mut p, &convert()));
    assert!(!remove_range(&mut p, &convert()));
}
