//! Templates and the large sample plan: complete, valid, and stable through JSON.

#![cfg(not(target_arch = "wasm32"))]

use race_planner::domain::funnel::forward_funnel;
use race_planner::domain::kpi::{self, evaluate};
use race_planner::domain::measure::{raw_parts, DIRECT_KPIS, RAW_MEASURES};
use race_planner::domain::plan::{Decision, Media, Place, Plan, SmartPart, Stage};
use race_planner::domain::sample::{large_plan, recompute_all};
use race_planner::domain::templates::Template;

fn build(t: Template) -> Plan {
    t.build("plan-1", 1_767_225_600_000, "2026-01-05")
}

#[test]
fn every_template_validates_clean() {
    for t in Template::ALL {
        let plan = build(t);
        assert_eq!(plan.validate(), vec![], "{}", t.name());
    }
}

#[test]
fn every_template_round_trips_through_json_unchanged() {
    for t in Template::ALL {
        let plan = build(t);
        let json = serde_json::to_string(&plan).unwrap();
        let back: Plan = serde_json::from_str(&json).unwrap();
        assert_eq!(back, plan, "{}", t.name());
        assert_eq!(serde_json::to_string(&back).unwrap(), json);
    }
}

#[test]
fn every_template_covers_the_whole_framework() {
    for t in Template::ALL {
        let plan = build(t);
        let name = t.name();
        assert!(!t.description().is_empty());
        for stage in Stage::ALL {
            let page = plan.stages.get(stage);
            assert!(
                !page.touchpoints.is_empty(),
                "{name}: no touchpoint at {stage:?}"
            );
            assert!(!page.kpis.is_empty(), "{name}: no KPI at {stage:?}");
            // A KPI's target lives in its goal: every tracked KPI has one with a target.
            for id in plan.tracked_kpis(stage) {
                assert!(
                    plan.goal_for(&id).is_some_and(|g| g.target.is_some()),
                    "{name}: {id} without a goal"
                );
            }
        }
        for media in Media::ALL {
            assert!(
                plan.touchpoints().any(|tp| tp.media == media),
                "{name}: no {media:?}"
            );
        }
        for place in Place::ALL {
            assert!(
                plan.touchpoints().any(|tp| tp.place == place),
                "{name}: no {place:?}"
            );
        }
        let n = plan.strategy.initiatives.len();
        assert!((5..=8).contains(&n), "{name}: {n} initiatives");
        let not_doing: Vec<_> = plan
            .strategy
            .initiatives
            .iter()
            .filter(|i| matches!(&i.decision, Decision::NotDoing { reason } if !reason.is_empty()))
            .collect();
        assert_eq!(not_doing.len(), 1, "{name}: one not-doing with a reason");
        assert!(plan.strategy.initiatives.iter().any(|i| i.is_chosen()));
        let a = plan.action.actions.len();
        assert!((6..=10).contains(&a), "{name}: {a} actions");
        assert!(plan
            .action
            .actions
            .iter()
            .all(|a| a.start_week >= 1 && a.end_week <= 13 && a.start_week <= a.end_week));
        let objectives = &plan.opportunity.objectives;
        assert!(objectives.len() >= 3);
        assert!(
            objectives.iter().any(|o| o.smart_gaps().is_empty()),
            "{name}: a SMART one"
        );
        assert!(plan.main_goal().is_some(), "{name}: a main goal");
        assert!(!plan.opportunity.capability.is_empty());
        assert!(!plan.opportunity.swot.strengths.is_empty());
    }
}

#[test]
fn templates_forecast_real_money_and_every_kpi_is_finite_or_none() {
    for t in Template::ALL {
        let plan = build(t);
        let f = forward_funnel(&plan);
        assert_eq!(f.months.len(), 12);
        assert!(f.total.revenue > 0.0, "{}", t.name());
        assert!(f.months[11].sessions > f.months[0].sessions);
        assert!(
            f.months[0].offline_customers > 0.0,
            "{}: offline sales count",
            t.name()
        );
        let values = evaluate(&plan);
        assert_eq!(values.len(), kpi::catalogue().len());
        for v in values {
            if let Some(x) = v.value {
                assert!(x.is_finite(), "{} {}", t.name(), v.id);
            }
            assert!(!v.inputs.is_empty(), "{} {}", t.name(), v.id);
        }
    }
}

#[test]
fn every_template_objective_is_smart() {
    // Objectives are goals now: each carries the one target of its KPI, so a template
    // starts with every one of them specific, measurable, achievable, relevant and dated.
    for t in Template::ALL {
        let plan = build(t);
        for o in &plan.opportunity.objectives {
            assert_eq!(
                o.smart_gaps(),
                Vec::<SmartPart>::new(),
                "{}: {} ({})",
                t.name(),
                o.id,
                o.description
            );
            assert!(o.is_smart());
            assert!(o.description.split_whitespace().count() >= 3);
            assert!(!o.achievable_note.trim().is_empty());
            assert!(!o.relevant_note.trim().is_empty());
            assert!(o.deadline.is_some());
        }
        assert_eq!(plan.validate(), vec![], "{}", t.name());
    }
}

#[test]
fn large_plan_is_deterministic_valid_and_complete() {
    let a = large_plan(7);
    let b = large_plan(7);
    assert_eq!(a, b);
    assert_ne!(large_plan(8), a);
    assert_eq!(a.validate(), vec![]);
    assert_eq!(a.touchpoints().count(), 60);
    assert_eq!(a.strategy.initiatives.len(), 200);
    assert_eq!(a.action.actions.len(), 500);
    // Actuals are raw measures (14) and the KPIs measured on their own (4), weekly
    // over five years: 18 × 261 weeks = 4,698.
    let measures: std::collections::HashSet<&str> =
        a.actuals.iter().map(|x| x.measure.as_str()).collect();
    assert_eq!(measures.len(), RAW_MEASURES.len() + DIRECT_KPIS.len());
    assert_eq!(measures.len(), 18);
    assert_eq!(a.actuals.len(), 18 * 261);
    // Every tracked KPI has its goal.
    for (stage, _) in a.stages.iter() {
        for id in a.tracked_kpis(stage) {
            assert!(a.goal_for(&id).is_some_and(|g| g.target.is_some()), "{id}");
        }
    }
    let r = recompute_all(&a);
    assert_eq!(r.ranking.len(), 200);
    assert_eq!(r.suggested_impacts.len(), 200);
    assert_eq!(r.status_week.kpis.len(), 30);
    // Every tracked KPI has an actual, derived from the raw measures or measured on its
    // own, except those no measure gives (lifetime value and what is built on it).
    for k in &r.status_week.kpis {
        let derivable = !raw_parts(&k.kpi).is_empty()
            || RAW_MEASURES.contains(&k.kpi.as_str())
            || DIRECT_KPIS.contains(&k.kpi.as_str());
        assert_eq!(k.actual.is_some(), derivable, "{}", k.kpi);
    }
    assert!(r.status_week.plan.is_some());
    assert_eq!(r.forecast.months.len(), 60);
}

#[test]
fn every_goal_deadline_falls_within_the_plan() {
    // A start late in the month: a year later is past the 12 months of the horizon.
    for start in ["2026-01-05", "2026-11-30", "2027-02-28"] {
        for t in Template::ALL {
            let plan = t.build("plan-1", 1_767_225_600_000, start);
            let end = plan.end_date().map(|d| d.to_string()).unwrap_or_default();
            for o in &plan.opportunity.objectives {
                if let Some(deadline) = &o.deadline {
                    assert!(
                        deadline.as_str() >= start && *deadline <= end,
                        "{} from {start}: {} due {deadline}, plan ends {end}",
                        t.name(),
                        o.id
                    );
                }
            }
        }
    }
}
