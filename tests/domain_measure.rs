//! Measuring, scoring, budgets and periods.

#![cfg(not(target_arch = "wasm32"))]

use race_planner::domain::budget::{fit_to_budget, summarise};
use race_planner::domain::measure::*;
use race_planner::domain::money::Money;
use race_planner::domain::period::{parse_date, Granularity, Period};
use race_planner::domain::plan::{
    Actual, Decision, IceVariant, Media, Place, Plan, ScoringMethod, Source, Stage,
};
use race_planner::domain::scoring::{rank, rice, score, suggested_impact, suggested_impacts};
use race_planner::domain::templates::Template;

fn actual(measure: &str, period: &str, value: f64) -> Actual {
    Actual {
        measure: measure.into(),
        period: period.parse().unwrap(),
        value,
        source: Source::Typed,
        touchpoint: None,
    }
}

#[test]
fn pacing_and_status_thresholds() {
    assert_eq!(pacing(1_000.0, 0.5), 500.0);
    assert_eq!(pacing(1_000.0, 1.5), 1_000.0);
    assert_eq!(pacing(1_000.0, f64::NAN), 0.0);
    assert_eq!(status(95.0, 100.0, true), Status::OnTrack);
    assert_eq!(status(94.9, 100.0, true), Status::AtRisk);
    assert_eq!(status(80.0, 100.0, true), Status::AtRisk);
    assert_eq!(status(79.9, 100.0, true), Status::OffTrack);
    assert_eq!(status(0.0, 0.0, true), Status::OnTrack);
    // Lower is better: a CPA of 2.10 against 2.00 is 95.2 % → on track; 2.60 → off.
    assert_eq!(status(2.10, 2.0, false), Status::OnTrack);
    assert_eq!(status(2.40, 2.0, false), Status::AtRisk);
    assert_eq!(status(2.60, 2.0, false), Status::OffTrack);
    assert_eq!(status(0.0, 2.0, false), Status::OnTrack);
    assert_eq!(status(f64::NAN, 2.0, false), Status::OffTrack);
    assert_eq!(
        roll_up([Status::OnTrack, Status::AtRisk]),
        Some(Status::AtRisk)
    );
    assert_eq!(
        roll_up([Status::OffTrack, Status::OnTrack]),
        Some(Status::OffTrack)
    );
    assert_eq!(roll_up([]), None);
    assert_eq!(Status::AtRisk.name(), "At risk");
}

#[test]
fn measuring_a_plan_to_date() {
    let mut plan = Template::EcommerceB2c.build("p", 0, "2026-01-05");
    // Sessions: target 50,000 a month; by 15 March (15 of 31 days) 23,000 is on track.
    plan.actuals.push(actual("sessions", "2026-03", 23_000.0));
    // CPC: target 0.45, actual 0.60 → 75 % → off track.
    plan.actuals.push(actual("cpc", "2026-03", 0.60));
    // Lead rate: two weeks of March averaged by days.
    plan.actuals.push(actual("lead_rate", "2026-W10", 0.088));
    plan.actuals.push(actual("lead_rate", "2026-W11", 0.090));
    let today = parse_date("2026-03-15").unwrap();
    let m = measure_plan(&plan, today, Granularity::Month);
    let k = |id: &str| m.kpis.iter().find(|p| p.kpi == id).unwrap();
    let sessions = k("sessions");
    assert!((sessions.fraction_elapsed - 15.0 / 31.0).abs() < 1e-12);
    assert!((sessions.paced_target.unwrap() - 50_000.0 * 15.0 / 31.0).abs() < 1e-9);
    assert_eq!(sessions.status, Some(Status::OnTrack));
    assert_eq!(k("cpc").status, Some(Status::OffTrack));
    assert_eq!(k("cpc").paced_target, Some(0.45), "levels are not paced");
    assert!((k("lead_rate").actual.unwrap() - 0.089).abs() < 1e-12);
    assert_eq!(k("lead_rate").status, Some(Status::OnTrack));
    assert_eq!(k("nps").status, None);
    let reach = m.stages.iter().find(|s| s.stage == Stage::Reach).unwrap();
    assert_eq!(reach.status, Some(Status::OffTrack));
    assert_eq!((reach.on_track, reach.off_track), (1, 1));
    let engage = m.stages.iter().find(|s| s.stage == Stage::Engage).unwrap();
    assert_eq!(engage.status, None);
    assert_eq!(m.plan, Some(Status::OffTrack));
    let one = kpi_progress(&plan, "sessions", Granularity::Month, today).unwrap();
    assert_eq!(&one, sessions);
    assert!(kpi_progress(&plan, "made_up", Granularity::Month, today).is_none());
}

#[test]
fn weekly_actuals_fill_months_and_monthly_targets_split_into_weeks() {
    let mut plan = Template::EcommerceB2c.build("p", 0, "2026-01-05");
    // Week 2026-W09 runs 23 Feb – 1 Mar: one day of it is in March.
    plan.actuals.push(actual("sessions", "2026-W09", 7_000.0));
    plan.actuals.push(actual("sessions", "2026-W10", 11_000.0));
    let def = race_planner::domain::kpi::find("sessions").unwrap();
    let march = Period::month(2026, 3).unwrap();
    let v = actual_for(&plan.actuals, def, march).unwrap();
    assert!((v - (1_000.0 + 11_000.0)).abs() < 1e-9);
    let week = Period::week(2026, 10).unwrap();
    assert!(
        (target_for_period(def, 50_000.0, week) - 50_000.0 * 7.0 / DAYS_PER_MONTH).abs() < 1e-9
    );
    let s = series(&plan, "sessions", Granularity::Month);
    assert_eq!(s.len(), 12);
    assert_eq!(s[0].period.to_string(), "2026-01");
    assert_eq!(s[0].target, Some(50_000.0));
    assert!(s[0].forecast.unwrap() > 0.0);
    let w = series(&plan, "sessions", Granularity::Week);
    assert!(w.len() >= 52 && w.len() <= 54);
    assert!(w.iter().any(|p| p.actual == Some(11_000.0)));
}

#[test]
fn scoring_with_each_variant() {
    let mut plan = Template::EcommerceB2c.build("p", 0, "2026-01-05");
    let checkout = plan.initiative("ini-checkout").unwrap().clone();
    let score_of = |p: &Plan| score(&checkout, &p.variants).unwrap();
    assert!((score_of(&plan) - 22.0 / 3.0).abs() < 1e-12);
    plan.variants.ice = IceVariant::Product;
    assert_eq!(score_of(&plan), 360.0);
    plan.variants.scoring = ScoringMethod::Rice;
    assert_eq!(score_of(&plan), 2_500.0 * 2.0 * 0.8 / 2.0);
    assert_eq!(rice(100.0, 1.0, 1.0, 0.0), None);
    let ranking = rank(&plan);
    assert_eq!(ranking.len(), plan.strategy.initiatives.len());
    assert_eq!(ranking[0].rank, 1);
    assert!(ranking.windows(2).all(|w| w[0].score >= w[1].score));
}

#[test]
fn suggested_impact_follows_the_funnel() {
    let plan = Template::EcommerceB2c.build("p", 0, "2026-01-05");
    let impacts = suggested_impacts(&plan);
    for (ini, impact) in plan.strategy.initiatives.iter().zip(&impacts) {
        assert!((1..=10).contains(impact));
        assert_eq!(suggested_impact(&plan, ini), *impact);
    }
    // Act has the largest effect in this template (+1 point of an 8 % lead rate).
    let quiz = plan.initiative("ini-quiz").unwrap();
    assert_eq!(suggested_impact(&plan, quiz), 10);
    // A plan with no funnel yet suggests the middle of the scale.
    let blank = Plan::new("b", "Blank", 0, "2026-01-01");
    assert_eq!(suggested_impact(&blank, quiz), 5);
}

#[test]
fn budget_totals_are_exact() {
    let plan = Template::EcommerceB2c.build("p", 0, "2026-01-05");
    let b = summarise(&plan);
    let sum_tp: i64 = plan.touchpoints().map(|t| t.budget.0).sum();
    assert_eq!(b.touchpoints_monthly, Money(sum_tp));
    assert_eq!(
        b.monthly_total,
        Money(sum_tp + plan.funnel.marketing_cost_other.0)
    );
    assert_eq!(b.horizon_total, Money(b.monthly_total.0 * 12));
    let stage_sum: i64 = b.by_stage.iter().map(|l| l.monthly.0).sum();
    let media_sum: i64 = b.by_media.iter().map(|l| l.monthly.0).sum();
    let place_sum: i64 = b.by_place.iter().map(|l| l.monthly.0).sum();
    assert_eq!((stage_sum, media_sum, place_sum), (sum_tp, sum_tp, sum_tp));
    assert_eq!(
        b.by_media.iter().map(|l| l.key).collect::<Vec<_>>(),
        Media::ALL.to_vec()
    );
    assert_eq!(
        b.by_place.iter().map(|l| l.key).collect::<Vec<_>>(),
        Place::ALL.to_vec()
    );
    // Chosen: hub 6,000 + checkout 12,000 + quiz 4,000 of 35,000 set aside.
    assert_eq!(b.chosen_initiatives, Money(2_200_000));
    assert_eq!(b.remaining, Money(1_300_000));
    assert!(!b.over_budget);
    let fitted = fit_to_budget(&plan);
    assert!(
        !fitted.contains(&"ini-tv".to_string()),
        "not-doing stays out"
    );
    let cost: i64 = fitted
        .iter()
        .map(|id| plan.initiative(id).unwrap().cost.0)
        .sum();
    assert!(cost <= plan.strategy.initiative_budget.0);

    let mut over = plan.clone();
    over.initiative_mut("ini-tv").unwrap().decision = Decision::Chosen;
    let b = summarise(&over);
    assert!(b.over_budget);
    assert_eq!(b.remaining, Money(3_500_000 - 8_200_000));
}

#[test]
fn periods() {
    let d = parse_date("2026-12-31").unwrap();
    assert_eq!(Period::week_of(d).to_string(), "2026-W53");
    assert_eq!(
        Period::week_of(parse_date("2027-01-03").unwrap()).to_string(),
        "2026-W53"
    );
    assert_eq!(Period::month_of(d).next().unwrap().to_string(), "2027-01");
    assert_eq!(Period::month(2026, 2).unwrap().days(), Some(28));
    assert_eq!(Period::month(2028, 2).unwrap().days(), Some(29));
    assert!(Period::month(2026, 0).is_none());
    assert!(Period::week(2026, 54).is_none());
    let m = Period::month(2026, 3).unwrap();
    assert!((m.fraction_elapsed(parse_date("2026-03-15").unwrap()) - 15.0 / 31.0).abs() < 1e-12);
    assert_eq!(m.overlap_days(Period::week(2026, 9).unwrap()), 1);
    assert_eq!(m.overlap_days(Period::month(2026, 4).unwrap()), 0);
    let months = Period::months_from(parse_date("2026-01-20").unwrap(), 60);
    assert_eq!(months.len(), 60);
    assert_eq!(months[59].to_string(), "2030-12");
    assert_eq!(
        "2026-w05".parse::<Period>().unwrap().to_string(),
        "2026-W05"
    );
    assert!("2026-5".parse::<Period>().is_err());
    assert!("W05-2026".parse::<Period>().is_err());
}

#[test]
fn the_actuals_index_is_kept_until_the_actuals_change() {
    use race_planner::domain::evaluation::{evaluate_plan, evaluate_plan_with};
    use race_planner::domain::sample::{large_plan, measure_date};
    use std::sync::Arc;
    let mut plan = large_plan(7);
    let today = Some(measure_date(&plan));
    let (first, built) = IndexedActuals::refresh(None, &plan.actuals);
    assert!(built);
    // An edit elsewhere keeps the index, and the evaluation is the same as from scratch.
    plan.funnel.act_rate = 0.031;
    let (kept, built) = IndexedActuals::refresh(Some(first.clone()), &plan.actuals);
    assert!(!built && Arc::ptr_eq(&first, &kept));
    assert_eq!(
        evaluate_plan_with(&plan, today, &kept.index),
        evaluate_plan(&plan, today)
    );
    // A changed actual builds a new one, and the evaluation follows it.
    let last = plan.actuals.len() - 1;
    plan.actuals[last].value += 1000.0;
    let (fresh, built) = IndexedActuals::refresh(Some(kept), &plan.actuals);
    assert!(built && !Arc::ptr_eq(&first, &fresh));
    assert_eq!(
        evaluate_plan_with(&plan, today, &fresh.index),
        evaluate_plan(&plan, today)
    );
}

#[test]
fn actuals_that_cannot_all_be_right_are_found() {
    let mut plan = Plan::new("p", "Test", 0, "2026-01-01");
    // January: 1,440 clicks of 1,000 impressions, a CTR of 144 %.
    plan.actuals.push(actual("impressions", "2026-01", 1_000.0));
    plan.actuals.push(actual("clicks", "2026-01", 1_440.0));
    // February is fine; March has clicks but no impressions to compare with.
    plan.actuals
        .push(actual("impressions", "2026-02", 10_000.0));
    plan.actuals.push(actual("clicks", "2026-02", 200.0));
    plan.actuals.push(actual("clicks", "2026-03", 500.0));
    // Week 6: more engaged sessions than sessions (engagement and bounce are reported once).
    plan.actuals.push(actual("sessions", "2026-W06", 300.0));
    plan.actuals
        .push(actual("engaged_sessions", "2026-W06", 310.0));
    let index = ActualIndex::new(&plan.actuals);
    let found = contradictions(&plan, &index);
    let said: Vec<(String, &str, f64, f64)> = found
        .iter()
        .map(|c| (c.period.to_string(), c.kpi.id, c.part.1, c.whole.1))
        .collect();
    assert_eq!(
        said,
        [
            ("2026-W06".to_string(), "engagement_rate", 310.0, 300.0),
            ("2026-01".to_string(), "ctr", 1_440.0, 1_000.0),
        ]
    );
    assert!((found[1].value - 1.44).abs() < 1e-12);
    assert_eq!(
        (found[1].part.0.id, found[1].whole.0.id),
        ("clicks", "impressions")
    );
    // More offline customers than customers: online customers below zero.
    let mut shop = Plan::new("p", "Test", 0, "2026-01-01");
    shop.actuals.push(actual("sessions", "2026-04", 5_000.0));
    shop.actuals.push(actual("customers", "2026-04", 100.0));
    shop.actuals
        .push(actual("offline_customers", "2026-04", 130.0));
    let found_shop = contradictions(&shop, &ActualIndex::new(&shop.actuals));
    assert_eq!(found_shop.len(), 1);
    assert_eq!(found_shop[0].kpi.id, "conversion_rate");
    assert_eq!(
        (found_shop[0].part.0.id, found_shop[0].part.1),
        ("offline_customers", 130.0)
    );
    assert_eq!(
        (found_shop[0].whole.0.id, found_shop[0].whole.1),
        ("customers", 100.0)
    );
    // Put right, nothing is left to report.
    plan.actuals
        .retain(|a| a.measure != "engaged_sessions" && a.value != 1_440.0);
    assert!(contradictions(&plan, &ActualIndex::new(&plan.actuals)).is_empty());
}

#[test]
fn the_large_sample_plan_has_actuals_a_real_account_could_report() {
    let plan = race_planner::domain::sample::large_plan(42);
    assert_eq!(plan.actuals.len(), 4_698);
    assert!(contradictions(&plan, &ActualIndex::new(&plan.actuals)).is_empty());
}
