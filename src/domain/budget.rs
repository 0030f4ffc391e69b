//! Budget totals: per month and over the horizon, by stage, by paid/owned/earned and
//! by online/offline; chosen initiatives against the money set aside for them.
//! All sums are exact integer minor units.

use serde::Serialize;

use super::money::Money;
use super::plan::{Decision, Media, Place, Plan, Stage, MAX_HORIZON_MONTHS};
use super::scoring;

/// A budget line: monthly and over the horizon.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct BudgetLine<K> {
    /// What the line is for (a stage, a media type, a place).
    pub key: K,
    /// Per month.
    pub monthly: Money,
    /// Per month × horizon months.
    pub horizon: Money,
}

/// The plan's budget at a glance.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct BudgetSummary {
    /// Horizon used, in months (1–60).
    pub horizon_months: u32,
    /// Touchpoint budgets per month.
    pub touchpoints_monthly: Money,
    /// Other sales and marketing cost per month.
    pub other_monthly: Money,
    /// Touchpoints + other, per month.
    pub monthly_total: Money,
    /// Touchpoints + other, over the horizon.
    pub horizon_total: Money,
    /// Touchpoint budgets by stage.
    pub by_stage: Vec<BudgetLine<Stage>>,
    /// Touchpoint budgets by paid, owned, earned.
    pub by_media: Vec<BudgetLine<Media>>,
    /// Touchpoint budgets by online, offline.
    pub by_place: Vec<BudgetLine<Place>>,
    /// Money set aside for initiatives' one-off costs.
    pub initiative_budget: Money,
    /// One-off costs of the chosen initiatives.
    pub chosen_initiatives: Money,
    /// Set aside − chosen (negative when over budget).
    pub remaining: Money,
    /// True when the chosen initiatives cost more than was set aside.
    pub over_budget: bool,
    /// Budgets of the 90-day plan's actions.
    pub actions_total: Money,
}

fn line<K>(key: K, monthly: Money, months: i64) -> BudgetLine<K> {
    BudgetLine {
        key,
        monthly,
        horizon: monthly.saturating_mul(months),
    }
}

/// The plan's budget summary.
pub fn summarise(plan: &Plan) -> BudgetSummary {
    let horizon_months = plan.horizon_months.clamp(1, MAX_HORIZON_MONTHS);
    let months = i64::from(horizon_months);
    let tps: Vec<(Stage, &super::plan::Touchpoint)> = plan.touchpoints_by_stage().collect();
    let by_stage = Stage::ALL
        .into_iter()
        .map(|s| {
            let m =
                Money::saturating_sum(tps.iter().filter(|(st, _)| *st == s).map(|(_, t)| t.budget));
            line(s, m, months)
        })
        .collect();
    let by_media = Media::ALL
        .into_iter()
        .map(|k| {
            let m = Money::saturating_sum(
                tps.iter()
                    .filter(|(_, t)| t.media == k)
                    .map(|(_, t)| t.budget),
            );
            line(k, m, months)
        })
        .collect();
    let by_place = Place::ALL
        .into_iter()
        .map(|k| {
            let m = Money::saturating_sum(
                tps.iter()
                    .filter(|(_, t)| t.place == k)
                    .map(|(_, t)| t.budget),
            );
            line(k, m, months)
        })
        .collect();
    let touchpoints_monthly = Money::saturating_sum(tps.iter().map(|(_, t)| t.budget));
    let other_monthly = plan.funnel.marketing_cost_other;
    let monthly_total = touchpoints_monthly.saturating_add(other_monthly);
    let chosen_initiatives = Money::saturating_sum(
        plan.strategy
            .initiatives
            .iter()
            .filter(|i| i.decision == Decision::Chosen)
            .map(|i| i.cost),
    );
    let initiative_budget = plan.strategy.initiative_budget;
    let remaining = initiative_budget.saturating_sub(chosen_initiatives);
    BudgetSummary {
        horizon_months,
        touchpoints_monthly,
        other_monthly,
        monthly_total,
        horizon_total: monthly_total.saturating_mul(months),
        by_stage,
        by_media,
        by_place,
        initiative_budget,
        chosen_initiatives,
        remaining,
        over_budget: remaining.is_negative(),
        actions_total: Money::saturating_sum(plan.action.actions.iter().map(|a| a.budget)),
    }
}

/// Initiatives that fit the money set aside, best score first: walks the ranking and
/// keeps each initiative not on the not-doing list whose cost still fits.
pub fn fit_to_budget(plan: &Plan) -> Vec<String> {
    let mut left = plan.strategy.initiative_budget;
    let mut picked = Vec::new();
    for ranked in scoring::rank(plan) {
        let Some(ini) = plan.initiative(&ranked.id) else {
            continue;
        };
        if matches!(ini.decision, Decision::NotDoing { .. }) || ranked.score.is_none() {
            continue;
        }
        if let Some(after) = left.checked_sub(ini.cost) {
            if !after.is_negative() {
                left = after;
                picked.push(ini.id.clone());
            }
        }
    }
    picked
}
