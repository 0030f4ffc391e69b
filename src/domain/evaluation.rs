//! The plan's evaluation: every derived number the screens show, computed once per
//! edit and shared by every view (a view never re-evaluates the plan for its own row).
//!
//! The "now" figures are for the plan's reference month: the month holding today
//! within the horizon (the first month before the plan starts, the last after it ends).
//! A goal's check compares, before any actual of the current month, the forecast with
//! the goal's target for that month; once the month has an actual, the actual to date
//! with the target paced to date. It says which one it shows.

use serde::Serialize;

use super::funnel::{self, Forecast, FunnelMonth, FunnelStep, ReverseFunnel, StageFlow, Traffic};
use super::goal;
use super::kpi::{self, finite, KpiValue};
use super::measure::{self, ActualIndex, Status};
use super::period::{Date, Period};
use super::plan::{Plan, Stage};

/// What a goal's check compares.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum CheckBasis {
    /// The forecast for the month against the goal's target for that month.
    Forecast,
    /// The actual so far in the current month against the target paced to date.
    ActualToDate,
}

/// One KPI's standing against its goal, as a tile shows it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GoalCheck {
    /// KPI id.
    pub kpi: &'static str,
    /// The stage that tracks it.
    pub stage: Stage,
    /// The goal's id.
    pub goal: String,
    /// What is compared.
    pub basis: CheckBasis,
    /// The month compared.
    pub period: Option<Period>,
    /// The figure compared (forecast or actual to date), in the KPI's unit.
    pub shown: Option<f64>,
    /// The target it is compared with (the month's target, paced to date for actuals).
    pub target: Option<f64>,
    /// The goal's full target (at its deadline).
    pub goal_target: Option<f64>,
    /// (shown − target) ÷ target.
    pub relative: Option<f64>,
    /// On track, at risk or off track, by the rule of `measure::status`.
    pub status: Option<Status>,
}

/// Every derived number of a plan for one day.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Evaluation {
    /// Index of the reference month (from 0).
    pub month_index: usize,
    /// The reference month.
    pub period: Option<Period>,
    /// The touchpoints' volumes and costs.
    pub traffic: Traffic,
    /// The forward funnel over the horizon.
    pub forecast: Forecast,
    /// The reference month of the forecast.
    pub month: FunnelMonth,
    /// Every catalogue KPI in the reference month.
    pub kpis: Vec<KpiValue>,
    /// What the main goal needs, if there is one.
    pub reverse: Option<ReverseFunnel>,
    /// The four stages' volumes, rates, targets and gaps.
    pub flows: Vec<StageFlow>,
    /// The funnel's arithmetic, step by step.
    pub steps: Vec<FunnelStep>,
    /// Every tracked KPI with a goal, checked.
    pub checks: Vec<GoalCheck>,
}

impl Evaluation {
    /// A KPI's value in the reference month.
    pub fn kpi(&self, id: &str) -> Option<&KpiValue> {
        self.kpis.iter().find(|v| v.id == id)
    }

    /// A KPI's goal check.
    pub fn check(&self, id: &str) -> Option<&GoalCheck> {
        self.checks.iter().find(|c| c.kpi == id)
    }
}

/// Evaluates the plan as of `today` (`None`: the first month, no actuals to date).
pub fn evaluate_plan(plan: &Plan, today: Option<Date>) -> Evaluation {
    evaluate_plan_with(plan, today, &ActualIndex::new(&plan.actuals))
}

/// The last day on which the plan's evaluation stays what it is on `today`
/// (`evaluation`): the last day of `today`'s month when nothing in it is paced to the
/// day (no actual this month with a goal to pace), else `today` itself. What was drawn
/// from the evaluation holds from `today` through that day.
pub fn holds_until(plan: &Plan, today: Date, index: &ActualIndex, evaluation: &Evaluation) -> Date {
    match Period::month_of(today).end() {
        Some(last)
            if last != today && evaluate_plan_with(plan, Some(last), index) == *evaluation =>
        {
            last
        }
        _ => today,
    }
}

/// [`evaluate_plan`] with the plan's actuals already indexed (the index is kept while
/// the actuals do not change, so that an edit elsewhere does not rebuild it).
pub fn evaluate_plan_with(plan: &Plan, today: Option<Date>, index: &ActualIndex) -> Evaluation {
    let month_index = goal::reference_month(plan, today);
    let traffic = funnel::traffic(plan);
    let forecast = funnel::forward_funnel(plan);
    let mut month = forecast
        .months
        .get(month_index)
        .copied()
        .unwrap_or_default();
    month.month = u32::try_from(month_index).unwrap_or(0);
    let revenue_error = kpi::latest_revenue_error_with(plan, Some(&forecast), index);
    let kpis = kpi::evaluate_with(plan, &traffic, &month, &revenue_error);
    let reverse = funnel::plan_goal(plan).map(|g| funnel::reverse_funnel_in(plan, g, &month));
    let flows = funnel::stage_flows_in(plan, &month, month_index, reverse.as_ref());
    let steps = funnel::funnel_steps(plan, &month);
    let period = goal::month_period(plan, month_index);
    let current = today.map(Period::month_of).filter(|p| Some(*p) == period);
    let mut checks = Vec::new();
    for stage in Stage::ALL {
        for id in plan.tracked_kpis(stage) {
            let (Some(def), Some(g)) = (kpi::find(&id), plan.goal_for(&id)) else {
                continue;
            };
            let month_target = goal::target_in_month(plan, g, month_index);
            let actual = current.and_then(|p| index.kpi_actual(plan, def, p));
            let (basis, shown, target) = match (actual, current, today) {
                (Some(a), Some(p), Some(d)) => {
                    let paced = month_target.map(|t| {
                        if def.additive {
                            measure::pacing(t, p.fraction_elapsed(d))
                        } else {
                            t
                        }
                    });
                    (CheckBasis::ActualToDate, Some(a), paced)
                }
                _ => (
                    CheckBasis::Forecast,
                    kpis.iter().find(|v| v.id == def.id).and_then(|v| v.value),
                    month_target,
                ),
            };
            let status = shown
                .zip(target)
                .map(|(s, t)| measure::status(s, t, def.higher_is_better));
            let relative = shown
                .zip(target)
                .and_then(|(s, t)| kpi::ratio(s - t, t.abs()))
                .and_then(finite);
            checks.push(GoalCheck {
                kpi: def.id,
                stage,
                goal: g.id.clone(),
                basis,
                period,
                shown,
                target,
                goal_target: g.target,
                relative,
                status,
            });
        }
    }
    Evaluation {
        month_index,
        period,
        traffic,
        forecast,
        month,
        kpis,
        reverse,
        flows,
        steps,
        checks,
    }
}
