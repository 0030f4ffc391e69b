//! Scoring initiatives with ICE or RICE, suggesting an impact from the funnel, and
//! ranking them.

use crate::domain::sort::sort_by;
use serde::Serialize;

use super::funnel::opportunity_sizing;
use super::kpi::finite;
use super::plan::{
    Decision, IceInputs, IceVariant, Initiative, KpiVariants, Plan, RiceInputs, ScoringMethod,
    Stage,
};

/// ICE, average variant: (impact + confidence + ease) ÷ 3.
pub fn ice_average(impact: f64, confidence: f64, ease: f64) -> Option<f64> {
    finite((impact + confidence + ease) / 3.0)
}

/// ICE, product variant: impact × confidence × ease.
pub fn ice_product(impact: f64, confidence: f64, ease: f64) -> Option<f64> {
    finite(impact * confidence * ease)
}

/// ICE with the chosen variant.
pub fn ice(inputs: &IceInputs, variant: IceVariant) -> Option<f64> {
    match variant {
        IceVariant::Average => ice_average(inputs.impact, inputs.confidence, inputs.ease),
        IceVariant::Product => ice_product(inputs.impact, inputs.confidence, inputs.ease),
    }
}

/// RICE = reach × impact × confidence ÷ effort; `None` when effort is 0.
pub fn rice(reach: f64, impact: f64, confidence: f64, effort: f64) -> Option<f64> {
    super::kpi::ratio(reach * impact * confidence, effort)
}

/// RICE from an initiative's inputs.
pub fn rice_of(inputs: &RiceInputs) -> Option<f64> {
    rice(
        inputs.reach,
        inputs.impact,
        inputs.confidence,
        inputs.effort,
    )
}

/// An initiative's score with the plan's method and ICE variant.
pub fn score(initiative: &Initiative, variants: &KpiVariants) -> Option<f64> {
    match variants.scoring {
        ScoringMethod::Ice => ice(&initiative.ice, variants.ice),
        ScoringMethod::Rice => rice_of(&initiative.rice),
    }
}

/// Impact (1–10) suggested by the funnel: the revenue that one more point at the
/// initiative's stage brings, relative to the stage with the largest such effect
/// (see `funnel::opportunity_sizing`), scaled to 10 and rounded, at least 1.
/// 5 when the funnel gives no revenue effect at any stage yet.
pub fn suggested_impact(plan: &Plan, initiative: &Initiative) -> u8 {
    impact_from(&opportunity_sizing(plan), initiative.stage)
}

/// What [`suggested_impact`] is made of, to explain it in the user's terms.
#[derive(Clone, Debug, PartialEq)]
pub struct ImpactReason {
    /// The suggested impact, 1–10.
    pub impact: u8,
    /// What "one point" means at the initiative's stage.
    pub lever: &'static str,
    /// Extra revenue a month from one point more at the initiative's stage (0 or more).
    pub own: f64,
    /// The stage with the largest effect and its extra revenue a month; `None` when
    /// no stage has a revenue effect yet (the suggestion is then 5).
    pub largest: Option<(Stage, f64)>,
}

/// [`suggested_impact`] with the figures behind it.
pub fn suggested_impact_reason(plan: &Plan, initiative: &Initiative) -> ImpactReason {
    let sizing = opportunity_sizing(plan);
    let own = sizing.iter().find(|s| s.stage == initiative.stage);
    let largest = sizing
        .iter()
        .filter(|s| s.revenue_delta_per_point > 0.0 && s.revenue_delta_per_point.is_finite())
        .max_by(|a, b| {
            a.revenue_delta_per_point
                .total_cmp(&b.revenue_delta_per_point)
        })
        .map(|s| (s.stage, s.revenue_delta_per_point));
    ImpactReason {
        impact: impact_from(&sizing, initiative.stage),
        lever: own.map_or("", |s| s.lever),
        own: own.map_or(0.0, |s| s.revenue_delta_per_point.max(0.0)),
        largest,
    }
}

/// An initiative's place in the ranking.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RankedInitiative {
    /// Initiative id.
    pub id: String,
    /// Its score, `None` when it cannot be computed.
    pub score: Option<f64>,
    /// 1 for the best; initiatives without a score come last.
    pub rank: usize,
}

/// All initiatives, best score first (ties keep plan order; no score comes last).
/// Initiatives on the not-doing list are ranked too, so the list can be reconsidered.
pub fn rank(plan: &Plan) -> Vec<RankedInitiative> {
    let mut scored: Vec<(usize, &Initiative, Option<f64>)> = plan
        .strategy
        .initiatives
        .iter()
        .enumerate()
        .map(|(i, ini)| (i, ini, score(ini, &plan.variants)))
        .collect();
    sort_by(&mut scored, |a, b| match (a.2, b.2) {
        (Some(x), Some(y)) => y.total_cmp(&x).then(a.0.cmp(&b.0)),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => a.0.cmp(&b.0),
    });
    scored
        .into_iter()
        .enumerate()
        .map(|(i, (_, ini, s))| RankedInitiative {
            id: ini.id.clone(),
            score: s,
            rank: i + 1,
        })
        .collect()
}

/// Initiatives on the not-doing list with their reasons.
pub fn not_doing(plan: &Plan) -> Vec<(&Initiative, &str)> {
    plan.strategy
        .initiatives
        .iter()
        .filter_map(|i| match &i.decision {
            Decision::NotDoing { reason } => Some((i, reason.as_str())),
            _ => None,
        })
        .collect()
}

/// Suggested impact (see [`suggested_impact`]) of every initiative, in plan order,
/// sizing the funnel once.
pub fn suggested_impacts(plan: &Plan) -> Vec<u8> {
    let sizing = opportunity_sizing(plan);
    plan.strategy
        .initiatives
        .iter()
        .map(|i| impact_from(&sizing, i.stage))
        .collect()
}

fn impact_from(sizing: &[super::funnel::StageOpportunity], stage: Stage) -> u8 {
    let largest = sizing
        .iter()
        .map(|s| s.revenue_delta_per_point)
        .fold(0.0_f64, f64::max);
    if largest <= 0.0 || !largest.is_finite() {
        return 5;
    }
    let own = sizing
        .iter()
        .find(|s| s.stage == stage)
        .map_or(0.0, |s| s.revenue_delta_per_point.max(0.0));
    let scaled = (own / largest * 10.0).round();
    if scaled.is_finite() {
        scaled.clamp(1.0, 10.0) as u8
    } else {
        1
    }
}

/// The RICE impact (3, 2, 1, 0.5 or 0.25) closest in spirit to a 1–10 suggested
/// impact: 9–10 massive, 7–8 high, 4–6 medium, 2–3 low, 1 minimal.
pub fn rice_impact_for(suggested: u8) -> f64 {
    match suggested {
        9.. => 3.0,
        7..=8 => 2.0,
        4..=6 => 1.0,
        2..=3 => 0.5,
        _ => 0.25,
    }
}

#[cfg(test)]
mod rice_suggestion_tests {
    use super::*;

    #[test]
    fn suggested_impact_maps_onto_the_rice_scale() {
        assert_eq!(rice_impact_for(10), 3.0);
        assert_eq!(rice_impact_for(9), 3.0);
        assert_eq!(rice_impact_for(7), 2.0);
        assert_eq!(rice_impact_for(5), 1.0);
        assert_eq!(rice_impact_for(2), 0.5);
        assert_eq!(rice_impact_for(1), 0.25);
        assert_eq!(rice_impact_for(0), 0.25);
    }

    #[test]
    fn the_reason_holds_the_figures_behind_the_suggestion() {
        use crate::domain::templates::Template;
        let plan = Template::EcommerceB2c.build("p", 0, "2026-01-05");
        for i in &plan.strategy.initiatives {
            let r = suggested_impact_reason(&plan, i);
            assert_eq!(r.impact, suggested_impact(&plan, i));
            let Some((stage, top)) = r.largest else {
                panic!("the template's funnel has an effect");
            };
            // Act has the largest effect in this template.
            assert_eq!(stage, Stage::Act);
            assert!(r.own >= 0.0 && r.own <= top && !r.lever.is_empty());
            let scaled = (r.own / top * 10.0).round().clamp(1.0, 10.0);
            assert_eq!(f64::from(r.impact), scaled);
        }
        let blank = Plan::new("b", "Blank", 0, "2026-01-01");
        let r = suggested_impact_reason(&blank, &Initiative::default());
        assert_eq!((r.impact, r.largest), (5, None));
    }
}
