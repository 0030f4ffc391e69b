//! Goals: the one record of a target. Setting a KPI's target edits its goal or makes
//! one; a goal's KPI is tracked; ramp phasing; the plan's main goal; and what the
//! evaluation of the plan checks against each goal and shows on the stage strip.

#![cfg(not(target_arch = "wasm32"))]

use race_planner::domain::evaluation::{evaluate_plan, holds_until, CheckBasis};
use race_planner::domain::funnel::TargetSource;
use race_planner::domain::goal::{
    kpi_target_in_month, kpi_target_in_period, month_index, reference_month, target_in_month,
};
use race_planner::domain::kpi;
use race_planner::domain::measure::ActualIndex;
use race_planner::domain::measure::{period_target, Status, DAYS_PER_MONTH};
use race_planner::domain::money::Money;
use race_planner::domain::period::{parse_date, Period};
use race_planner::domain::plan::{
    Actual, Media, Objective, Phasing, Place, Plan, Source, Stage, StageKpi, Touchpoint,
};

fn close(a: f64, b: f64) {
    assert!((a - b).abs() <= 1e-9 * b.abs().max(1.0), "{a} != {b}");
}

fn objective(id: &str, stage: Stage, kpi: &str, target: Option<f64>) -> Objective {
    Objective {
        id: id.into(),
        stage,
        kpi: kpi.into(),
        description: format!("Move {kpi} this year"),
        target,
        deadline: Some("2026-12-31".into()),
        ..Objective::default()
    }
}

/// 1,000 sessions a month from a typed touchpoint × 10 % × 20 % = 20 customers × $120
/// = $2,400 revenue a month (no repeat orders).
fn small_shop() -> Plan {
    let mut p = Plan::new("p", "Small shop", 0, "2026-01-01");
    p.stages.reach.touchpoints = vec![Touchpoint {
        id: "seo".into(),
        name: "SEO".into(),
        media: Media::Owned,
        place: Place::Online,
        monthly_volume: 1_000.0,
        ..Touchpoint::default()
    }];
    p.funnel.act_rate = 0.10;
    p.funnel.convert_rate = 0.20;
    p.funnel.aov = Money(12_000);
    p
}

#[test]
fn set_goal_target_edits_the_existing_goal() {
    let mut plan = Plan::new("p", "Goals", 0, "2026-01-01");
    plan.opportunity.objectives.push(objective(
        "obj-traffic",
        Stage::Reach,
        "sessions",
        Some(1_000.0),
    ));
    plan.set_goal_target(Stage::Reach, "sessions", Some(2_000.0));
    assert_eq!(plan.opportunity.objectives.len(), 1, "no second record");
    let goal = plan.goal_for("sessions").unwrap();
    assert_eq!(goal.id, "obj-traffic");
    assert_eq!(goal.target, Some(2_000.0));
    assert_eq!(
        goal.description, "Move sessions this year",
        "the rest is kept"
    );
    // The KPI is tracked where its target was set.
    assert_eq!(plan.stages.reach.kpis.len(), 1);
    assert_eq!(plan.stages.reach.kpis[0].kpi, "sessions");
    // Clearing keeps the goal without a target.
    plan.set_goal_target(Stage::Reach, "sessions", None);
    assert_eq!(plan.goal_for("sessions").unwrap().target, None);
    assert_eq!(plan.opportunity.objectives.len(), 1);
    assert_eq!(kpi_target_in_month(&plan, "sessions", 0), None);
}

#[test]
fn set_goal_target_creates_a_goal_when_there_is_none() {
    let mut plan = Plan::new("p", "Goals", 0, "2026-01-01");
    // Clearing a target that does not exist creates nothing.
    plan.set_goal_target(Stage::Reach, "cpc", None);
    assert!(plan.opportunity.objectives.is_empty());
    assert!(plan.stages.reach.kpis.is_empty());

    plan.set_goal_target(Stage::Reach, "cpc", Some(0.45));
    let goal = plan.goal_for("cpc").unwrap();
    assert_eq!(goal.id, "goal-1");
    assert_eq!(goal.stage, Stage::Reach);
    assert_eq!(goal.target, Some(0.45));
    assert_eq!(goal.description, "Reach the Cost per click (CPC) target");
    // Due at the end of the plan (12 months from 1 January 2026), phased evenly.
    assert_eq!(goal.deadline.as_deref(), Some("2026-12-31"));
    assert_eq!(goal.phasing, Phasing::Even);
    assert_eq!(plan.stages.reach.kpis[0].kpi, "cpc");
    // A second KPI gets a second goal with a fresh id.
    plan.set_goal_target(Stage::Convert, "revenue", Some(50_000.0));
    assert_eq!(plan.goal_for("revenue").unwrap().id, "goal-2");
    assert_eq!(plan.opportunity.objectives.len(), 2);
    assert_eq!(plan.validate(), vec![]);
}

#[test]
fn a_goal_s_kpi_is_tracked_at_its_stage() {
    let mut plan = Plan::new("p", "Tracked", 0, "2026-01-01");
    plan.stages.convert.kpis.push(StageKpi {
        kpi: "cac".into(),
        baseline: Some(50.0),
    });
    // A revenue goal filed under Reach is tracked where revenue lives: Convert.
    plan.opportunity
        .objectives
        .push(objective("o1", Stage::Reach, "revenue", Some(50_000.0)));
    // A plan-level KPI (ROI) is tracked at the goal's own stage.
    plan.opportunity
        .objectives
        .push(objective("o2", Stage::Engage, "roi", Some(0.5)));
    // An objective without a known KPI is not tracked anywhere.
    plan.opportunity
        .objectives
        .push(objective("o3", Stage::Act, "", None));
    assert_eq!(plan.tracked_kpis(Stage::Convert), ["cac", "revenue"]);
    assert_eq!(plan.tracked_kpis(Stage::Engage), ["roi"]);
    assert!(plan.tracked_kpis(Stage::Reach).is_empty());
    assert!(plan.tracked_kpis(Stage::Act).is_empty());
    // A goal on a KPI already listed is not listed twice.
    plan.opportunity
        .objectives
        .push(objective("o4", Stage::Convert, "cac", Some(40.0)));
    assert_eq!(plan.tracked_kpis(Stage::Convert), ["cac", "revenue"]);
    assert_eq!(plan.objective("o1").unwrap().kpi_stage(), Stage::Convert);
    assert_eq!(plan.objective("o2").unwrap().kpi_stage(), Stage::Engage);
}

#[test]
fn ramp_phasing_goes_in_a_straight_line_to_the_deadline() {
    let mut plan = Plan::new("p", "Ramp", 0, "2026-01-01");
    plan.stages.reach.kpis.push(StageKpi {
        kpi: "sessions".into(),
        baseline: Some(20_000.0),
    });
    let mut goal = objective("o", Stage::Reach, "sessions", Some(30_000.0));
    goal.deadline = Some("2026-05-31".into());
    goal.phasing = Phasing::Ramp;
    plan.opportunity.objectives.push(goal);
    assert_eq!(
        month_index(&plan, parse_date("2026-05-31").unwrap()),
        Some(4)
    );
    // From the baseline 20,000 to 30,000 in May (month 4): 20,000 + 10,000 × (i + 1) ÷ 5.
    let by_month: Vec<f64> = (0..8)
        .map(|i| kpi_target_in_month(&plan, "sessions", i).unwrap())
        .collect();
    assert_eq!(
        by_month,
        [22_000.0, 24_000.0, 26_000.0, 28_000.0, 30_000.0, 30_000.0, 30_000.0, 30_000.0]
    );
    // A week takes its month's target × 7 ÷ (365.25 ÷ 12) for a count.
    let sessions = kpi::find("sessions").unwrap();
    let week = Period::week_of(parse_date("2026-03-02").unwrap());
    assert_eq!(
        kpi_target_in_period(&plan, "sessions", week),
        Some(26_000.0)
    );
    close(
        period_target(&plan, sessions, week).unwrap(),
        26_000.0 * 7.0 / DAYS_PER_MONTH,
    );
    // Even phasing asks for the target every month.
    plan.opportunity.objectives[0].phasing = Phasing::Even;
    assert_eq!(kpi_target_in_month(&plan, "sessions", 0), Some(30_000.0));
    // A ramp without a baseline is even.
    plan.opportunity.objectives[0].phasing = Phasing::Ramp;
    plan.stages.reach.kpis[0].baseline = None;
    let g = plan.goal_for("sessions").unwrap().clone();
    assert_eq!(target_in_month(&plan, &g, 0), Some(30_000.0));
    // A rate ramps as a level: from 2 % to 3 % by month 1 → 2.5 %, then 3 %.
    plan.stages.convert.kpis.push(StageKpi {
        kpi: "conversion_rate".into(),
        baseline: Some(0.02),
    });
    let mut rate = objective("r", Stage::Convert, "conversion_rate", Some(0.03));
    rate.deadline = Some("2026-02-28".into());
    rate.phasing = Phasing::Ramp;
    plan.opportunity.objectives.push(rate);
    close(
        kpi_target_in_month(&plan, "conversion_rate", 0).unwrap(),
        0.025,
    );
    close(
        kpi_target_in_month(&plan, "conversion_rate", 1).unwrap(),
        0.03,
    );
}

#[test]
fn the_main_goal_is_the_one_picked_else_the_first_revenue_goal() {
    let mut plan = small_shop();
    assert!(plan.main_goal().is_none());
    plan.opportunity
        .objectives
        .push(objective("cust", Stage::Convert, "customers", Some(30.0)));
    assert_eq!(plan.main_goal().unwrap().id, "cust");
    plan.opportunity
        .objectives
        .push(objective("rev", Stage::Convert, "revenue", Some(50_000.0)));
    assert_eq!(plan.main_goal().unwrap().id, "rev", "revenue first");
    plan.main_goal = Some("cust".into());
    assert_eq!(plan.main_goal().unwrap().id, "cust", "the one picked");
    // A pick that cannot start the reverse funnel falls back.
    plan.opportunity
        .objectives
        .push(objective("cpc", Stage::Reach, "cpc", Some(0.5)));
    plan.main_goal = Some("cpc".into());
    assert_eq!(plan.main_goal().unwrap().id, "rev");
}

#[test]
fn a_goal_check_before_actuals_compares_the_forecast_with_the_month_s_target() {
    let mut plan = small_shop();
    plan.set_goal_target(Stage::Convert, "revenue", Some(50_000.0));
    let today = parse_date("2026-01-15").unwrap();
    let e = evaluate_plan(&plan, Some(today));
    assert_eq!(e.month_index, 0);
    assert_eq!(e.period, Period::month(2026, 1));
    close(e.month.revenue, 2_400.0);
    let check = e.check("revenue").unwrap();
    assert_eq!(check.basis, CheckBasis::Forecast);
    assert_eq!(check.stage, Stage::Convert);
    assert_eq!(check.goal, "goal-1");
    close(check.shown.unwrap(), 2_400.0);
    assert_eq!(check.target, Some(50_000.0));
    assert_eq!(check.goal_target, Some(50_000.0));
    // 2,400 ÷ 50,000 = 4.8 % of the target: off track, 95.2 % short.
    assert_eq!(check.status, Some(Status::OffTrack));
    close(check.relative.unwrap(), (2_400.0 - 50_000.0) / 50_000.0);
}

#[test]
fn with_an_actual_this_month_the_check_shows_the_actual_to_date() {
    let mut plan = small_shop();
    plan.set_goal_target(Stage::Convert, "revenue", Some(50_000.0));
    let january = Period::month(2026, 1).unwrap();
    plan.actuals.push(Actual {
        measure: "revenue".into(),
        period: january,
        value: 30_000.0,
        source: Source::Typed,
        touchpoint: None,
    });
    let today = parse_date("2026-01-15").unwrap();
    let e = evaluate_plan(&plan, Some(today));
    let check = e.check("revenue").unwrap();
    assert_eq!(check.basis, CheckBasis::ActualToDate);
    assert_eq!(check.shown, Some(30_000.0), "the actual, not the forecast");
    // Paced to 15 of 31 days: 50,000 × 15 ÷ 31 = 24,193.55; 30,000 is on track.
    close(check.target.unwrap(), 50_000.0 * 15.0 / 31.0);
    assert_eq!(check.goal_target, Some(50_000.0));
    assert_eq!(check.status, Some(Status::OnTrack));
    // The same actual judged on 30 January (30 of 31 days: 48,387) is off track.
    let late = evaluate_plan(&plan, parse_date("2026-01-30").ok());
    let check = late.check("revenue").unwrap();
    assert_eq!(check.basis, CheckBasis::ActualToDate);
    assert_eq!(check.status, Some(Status::OffTrack));
    // In February, with no February actual yet, it is the forecast again.
    let feb = evaluate_plan(&plan, parse_date("2026-02-10").ok());
    assert_eq!(feb.month_index, 1);
    assert_eq!(feb.check("revenue").unwrap().basis, CheckBasis::Forecast);
    // A level (a rate) is not paced: its target holds all month.
    plan.set_goal_target(Stage::Act, "lead_rate", Some(0.12));
    plan.actuals.push(Actual {
        measure: "lead_rate".into(),
        period: january,
        value: 0.09,
        source: Source::Typed,
        touchpoint: None,
    });
    let e = evaluate_plan(&plan, Some(today));
    let check = e.check("lead_rate").unwrap();
    assert_eq!(check.basis, CheckBasis::ActualToDate);
    assert_eq!(check.target, Some(0.12));
    // 0.09 ÷ 0.12 = 75 %: off track.
    assert_eq!(check.status, Some(Status::OffTrack));
}

#[test]
fn the_reference_month_follows_today_within_the_horizon() {
    let plan = small_shop();
    assert_eq!(reference_month(&plan, None), 0);
    assert_eq!(reference_month(&plan, parse_date("2025-06-01").ok()), 0);
    assert_eq!(reference_month(&plan, parse_date("2026-04-30").ok()), 3);
    assert_eq!(reference_month(&plan, parse_date("2028-01-01").ok()), 11);
}

#[test]
fn each_stage_shows_one_named_target() {
    let mut plan = small_shop();
    plan.set_goal_target(Stage::Convert, "revenue", Some(50_000.0));
    plan.set_goal_target(Stage::Reach, "sessions", Some(25_000.0));
    let e = evaluate_plan(&plan, None);
    let r = e.reverse.as_ref().expect("the main goal's needs");
    // $50,000 ÷ $120 = 416.7 orders = 416.7 customers → 417; ÷ 20 % = 2,083.3 leads →
    // 2,084; ÷ 10 % = 20,833.3 sessions → 20,834.
    assert_eq!(r.customers, Some(417.0));
    assert_eq!(r.leads, Some(2_084.0));
    assert_eq!(r.sessions, Some(20_834.0));
    assert_eq!(e.flows.len(), 4);
    let flow = |s: Stage| e.flows.iter().find(|f| f.stage == s).unwrap();
    // Reach has its own sessions goal: that is its one target (not the 20,834 needed).
    let reach = flow(Stage::Reach);
    assert_eq!(reach.kpi, "sessions");
    assert_eq!(reach.target, Some(25_000.0));
    assert_eq!(reach.source, Some(TargetSource::OwnGoal));
    assert_eq!(reach.gap, Some(1_000.0 - 25_000.0));
    // Act and Convert show what the main goal needs, named after it.
    let act = flow(Stage::Act);
    assert_eq!(act.target, Some(2_084.0));
    assert_eq!(
        act.source,
        Some(TargetSource::MainGoal {
            kpi_name: "Revenue"
        })
    );
    close(act.gap.unwrap(), 100.0 - 2_084.0);
    let convert = flow(Stage::Convert);
    assert_eq!(convert.target, Some(417.0));
    assert_eq!(
        convert.source,
        Some(TargetSource::MainGoal {
            kpi_name: "Revenue"
        })
    );
    // A goal on new customers takes Convert over.
    plan.set_goal_target(Stage::Convert, "customers", Some(300.0));
    let e = evaluate_plan(&plan, None);
    let convert = e.flows.iter().find(|f| f.stage == Stage::Convert).unwrap();
    assert_eq!(convert.target, Some(300.0));
    assert_eq!(convert.source, Some(TargetSource::OwnGoal));
    // Without any goal, no stage has a target.
    let e = evaluate_plan(&small_shop(), None);
    assert!(e.reverse.is_none());
    assert!(e
        .flows
        .iter()
        .all(|f| f.target.is_none() && f.source.is_none()));
    assert!(e.checks.is_empty());
}

#[test]
fn an_evaluation_holds_to_the_month_end_until_the_month_has_a_paced_actual() {
    let mut plan = small_shop();
    plan.set_goal_target(Stage::Convert, "revenue", Some(50_000.0));
    let today = parse_date("2026-01-15").unwrap();
    let until = |plan: &Plan| {
        let index = ActualIndex::new(&plan.actuals);
        holds_until(plan, today, &index, &evaluate_plan(plan, Some(today)))
    };
    // Judged on the forecast: the same all month.
    assert_eq!(until(&plan), parse_date("2026-01-31").unwrap());
    // An actual this month is paced to the day: tomorrow's check differs.
    plan.actuals.push(Actual {
        measure: "revenue".into(),
        period: Period::month(2026, 1).unwrap(),
        value: 30_000.0,
        source: Source::Typed,
        touchpoint: None,
    });
    assert_eq!(until(&plan), today);
    // On the month's last day, that day.
    let last = parse_date("2026-01-31").unwrap();
    let index = ActualIndex::new(&plan.actuals);
    assert_eq!(
        holds_until(&plan, last, &index, &evaluate_plan(&plan, Some(last))),
        last
    );
}
