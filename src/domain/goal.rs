//! Goals: the one record of a target. A goal is a SMART objective (stage, KPI, target,
//! deadline) with its phasing over the months; every screen that shows a KPI's target
//! reads it from here.
//!
//! Rules:
//! - a KPI's goal is the first objective of the plan on that KPI ([`Plan::goal_for`]);
//! - the target is per month for counts and money and a level for rates, reached by
//!   the deadline's month; **even** phasing asks for it every month, a **ramp** goes
//!   in a straight line from the KPI's baseline (today's value) to the target in the
//!   deadline's month: month i (from 0) asks for b + (t − b) × (i + 1) ÷ (d + 1), where
//!   d is the deadline's month, and t after it. Without a baseline a ramp is even;
//! - the plan's main goal (where "What do I need?" starts) is the one the user picked,
//!   else the first revenue goal, else the first new-customers goal.

use super::kpi::{self, finite};
use super::period::{parse_date, Date, Period};
use super::plan::{Objective, Phasing, Plan, Stage, StageKpi, MAX_HORIZON_MONTHS};

/// KPIs a goal can start the reverse funnel from.
pub const REVERSIBLE: [&str; 2] = ["revenue", "customers"];

impl Objective {
    /// The stage whose screen shows this goal: the KPI's stage, or the objective's own
    /// for plan-level KPIs (ROI, MER…) and objectives without a KPI.
    pub fn kpi_stage(&self) -> Stage {
        kpi::find(&self.kpi)
            .and_then(|d| d.stage)
            .unwrap_or(self.stage)
    }

    /// True when the goal can start "What do I need?" (a revenue or new-customers goal
    /// with a target above 0).
    pub fn is_reversible(&self) -> bool {
        REVERSIBLE.contains(&self.kpi.as_str()) && self.target.is_some_and(|t| t > 0.0)
    }
}

impl Plan {
    /// The goal of a KPI: the first objective on it.
    pub fn goal_for(&self, kpi: &str) -> Option<&Objective> {
        self.opportunity.objectives.iter().find(|o| o.kpi == kpi)
    }

    /// The KPIs a stage tracks: those listed on its page, then those of its goals.
    pub fn tracked_kpis(&self, stage: Stage) -> Vec<String> {
        let mut ids: Vec<String> = self
            .stages
            .get(stage)
            .kpis
            .iter()
            .map(|k| k.kpi.clone())
            .collect();
        for o in &self.opportunity.objectives {
            // A goal's stage is its KPI's, looked up once ([`Objective::kpi_stage`]).
            let Some(def) = kpi::find(&o.kpi) else {
                continue;
            };
            if def.stage.unwrap_or(o.stage) == stage && !ids.contains(&o.kpi) {
                ids.push(o.kpi.clone());
            }
        }
        ids
    }

    /// Today's value of a KPI, from the stage that tracks it.
    pub fn baseline_of(&self, kpi: &str) -> Option<f64> {
        self.stage_kpi(kpi)
            .and_then(|(_, k)| k.baseline)
            .and_then(finite)
    }

    /// Sets a KPI's target where it lives, its goal: the existing goal's target, or a
    /// new goal at `stage` by the end of the plan (phased evenly). Clearing keeps the
    /// goal without a target. The KPI is tracked at the stage from then on.
    pub fn set_goal_target(&mut self, stage: Stage, kpi_id: &str, target: Option<f64>) {
        let kpis = &mut self.stages.get_mut(stage).kpis;
        if !kpis.iter().any(|k| k.kpi == kpi_id) && target.is_some() {
            kpis.push(StageKpi {
                kpi: kpi_id.to_string(),
                baseline: None,
            });
        }
        if let Some(goal) = self
            .opportunity
            .objectives
            .iter_mut()
            .find(|o| o.kpi == kpi_id)
        {
            goal.target = target;
            return;
        }
        let Some(target) = target else {
            return;
        };
        let name = kpi::find(kpi_id).map_or(kpi_id, |d| d.name);
        let id = self.next_id("goal");
        let deadline = self.end_date().map(super::period::format_date);
        self.opportunity.objectives.push(Objective {
            id: id.clone(),
            stage,
            kpi: kpi_id.to_string(),
            description: format!("Reach the {name} target"),
            target: Some(target),
            deadline,
            ..Objective::default()
        });
    }

    /// The last day of the plan's horizon.
    pub fn end_date(&self) -> Option<Date> {
        let start = parse_date(&self.profile.start_date).ok()?;
        Period::months_from(start, self.horizon_months.clamp(1, MAX_HORIZON_MONTHS))
            .last()
            .and_then(|p| p.end())
    }

    /// The main goal: the one picked, if it can start the reverse funnel, else the
    /// first revenue goal with a target, else the first new-customers goal.
    pub fn main_goal(&self) -> Option<&Objective> {
        let picked = self
            .main_goal
            .as_deref()
            .and_then(|id| self.objective(id))
            .filter(|o| o.is_reversible());
        picked.or_else(|| {
            REVERSIBLE.iter().find_map(|k| {
                self.opportunity
                    .objectives
                    .iter()
                    .find(|o| o.kpi == *k && o.is_reversible())
            })
        })
    }
}

/// Index (from 0) of the plan month that holds `date`; before the start, 0. `None`
/// without a valid start date.
pub fn month_index(plan: &Plan, date: Date) -> Option<usize> {
    let start = parse_date(&plan.profile.start_date).ok()?;
    let first = Period::month_of(start);
    let target = Period::month_of(date);
    let (
        Period::Month {
            year: y0,
            month: m0,
        },
        Period::Month { year, month },
    ) = (first, target)
    else {
        return None;
    };
    let months = (i64::from(year) - i64::from(y0)) * 12 + i64::from(month) - i64::from(m0);
    Some(usize::try_from(months.max(0)).unwrap_or(0))
}

/// The goal's target in month `month` (from 0) of the plan, per its phasing.
pub fn target_in_month(plan: &Plan, goal: &Objective, month: usize) -> Option<f64> {
    let target = goal.target.and_then(finite)?;
    if goal.phasing == Phasing::Even {
        return Some(target);
    }
    let Some(base) = plan.baseline_of(&goal.kpi) else {
        return Some(target);
    };
    let deadline = goal
        .deadline
        .as_deref()
        .and_then(|d| parse_date(d).ok())
        .and_then(|d| month_index(plan, d))
        .unwrap_or(plan.horizon_months.saturating_sub(1) as usize);
    if month >= deadline {
        return Some(target);
    }
    let step = (month as f64 + 1.0) / (deadline as f64 + 1.0);
    finite(base + (target - base) * step)
}

/// The target of a KPI in month `month` of the plan, from its goal.
pub fn kpi_target_in_month(plan: &Plan, kpi_id: &str, month: usize) -> Option<f64> {
    plan.goal_for(kpi_id)
        .and_then(|g| target_in_month(plan, g, month))
}

/// The target of a KPI for a period (a month, or a week in the month that holds its
/// first day), before weekly scaling.
pub fn kpi_target_in_period(plan: &Plan, kpi_id: &str, period: Period) -> Option<f64> {
    let month = period.start().and_then(|d| month_index(plan, d))?;
    kpi_target_in_month(plan, kpi_id, month)
}

/// The month of the plan the "now" figures are for: the month holding `today` within the
/// horizon; the first month before the plan starts, the last after it ends.
pub fn reference_month(plan: &Plan, today: Option<Date>) -> usize {
    let last = plan.horizon_months.clamp(1, MAX_HORIZON_MONTHS) as usize - 1;
    today
        .and_then(|d| month_index(plan, d))
        .map_or(0, |m| m.min(last))
}

/// The name of month `index` of the plan ("2026-03"), if the start date is valid.
pub fn month_period(plan: &Plan, index: usize) -> Option<Period> {
    let start = parse_date(&plan.profile.start_date).ok()?;
    Period::months_from(start, u32::try_from(index + 1).ok()?)
        .last()
        .copied()
}
