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
    /// True once some money is set aside for initiatives: until then there is no
    /// budget to check the chosen ones against.
    pub budget_set: bool,
    /// True when a budget is set and the chosen initiatives cost more than it.
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
    let budget_set = initiative_budget.0 > 0;
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
        budget_set,
        over_budget: budget_set && remaining.is_negative(),
        actions_total: Money::saturating_sum(plan.action.actions.iter().map(|a| a.budget)),
    }
}

/// Initiatives that fit the money set aside, best score first: walks the ranking and
/// keeps each undecided or chosen initiative whose cost still fits. Parked and
/// not-doing initiatives are never proposed.
pub fn fit_to_budget(plan: &Plan) -> Vec<String> {
    let mut left = plan.strategy.initiative_budget;
    let mut picked = Vec::new();
    for ranked in scoring::rank(plan) {
        let Some(ini) = plan.initiative(&ranked.id) else {
            continue;
        };
        if !matches!(ini.decision, Decision::Undecided | Decision::Chosen) || ranked.score.is_none()
        {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::templates::Template;

    #[test]
    fn best_that_fit_leaves_out_parked_and_not_doing() {
        let mut plan = Template::EcommerceB2c.build("p", 0, "2026-01-05");
        // Enough money for every initiative, and the parked one scored best of all.
        plan.strategy.initiative_budget = Money(100_000_000);
        if let Some(points) = plan.initiative_mut("ini-points") {
            points.ice.impact = 10.0;
            points.ice.confidence = 10.0;
            points.ice.ease = 10.0;
        }
        let fitted = fit_to_budget(&plan);
        assert!(!fitted.contains(&"ini-points".to_string()), "parked");
        assert!(!fitted.contains(&"ini-tv".to_string()), "not doing");
        for id in &fitted {
            let decision = &plan.initiative(id).map(|i| i.decision.clone());
            assert!(
                matches!(decision, Some(Decision::Undecided | Decision::Chosen)),
                "{id}"
            );
        }
        assert_eq!(fitted.len(), 4);
        // Once taken off the shelf, it is proposed first.
        if let Some(points) = plan.initiative_mut("ini-points") {
            points.decision = Decision::Undecided;
        }
        assert_eq!(
            fit_to_budget(&plan).first().map(String::as_str),
            Some("ini-points")
        );
    }

    #[test]
    fn no_budget_set_is_not_over_budget() {
        let mut plan = Template::EcommerceB2c.build("p", 0, "2026-01-05");
        plan.strategy.initiative_budget = Money::ZERO;
        let s = summarise(&plan);
        assert!(!s.budget_set);
        assert!(!s.over_budget, "nothing to be over yet");
        assert!(s.remaining.is_negative());
        // A small budget, then, is checked.
        plan.strategy.initiative_budget = Money(100);
        let s = summarise(&plan);
        assert!(s.budget_set);
        assert!(s.over_budget);
        plan.strategy.initiative_budget = Money(100_000_000);
        let s = summarise(&plan);
        assert!(s.budget_set && !s.over_budget);
    }
}
