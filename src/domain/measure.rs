//! Measuring: target vs actual per KPI and period, pacing to date, status, and roll-ups
//! per stage and for the plan.
//!
//! Rules:
//! - A stage KPI's target is per month. For additive KPIs (sessions, revenue...) a
//!   week's target is the monthly target × 7 × 12 ÷ 365.25, and the target to date is
//!   paced: target × share of the period elapsed. Levels (rates, costs per unit,
//!   multiples) are not paced: their target holds all period.
//! - Attainment = actual ÷ paced target when higher is better, paced target ÷ actual
//!   when lower is better (CPC, CPA, CAC, churn, bounce, forecast error).
//! - Status: on track at ≥ [`ON_TRACK_MIN`] (95 %) attainment, at risk at ≥
//!   [`AT_RISK_MIN`] (80 %), off track below.
//! - Roll-up: a stage's status is the worst status among its KPIs that have one; the
//!   plan's is the worst of its stages. KPIs without a target or actual are left out.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::funnel::{self, FunnelMonth};
use super::kpi::{self, finite, KpiDef};
use super::period::{parse_date, Date, DaySpan, Granularity, Period};
use super::plan::{Actual, Plan, Stage};

/// Attainment at or above which a KPI is on track (95 % of its paced target).
pub const ON_TRACK_MIN: f64 = 0.95;
/// Attainment at or above which a KPI is at risk rather than off track (80 %).
pub const AT_RISK_MIN: f64 = 0.80;
/// Average days in a month, to turn a monthly target into a weekly one.
pub const DAYS_PER_MONTH: f64 = 365.25 / 12.0;

/// How a KPI stands against its target.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// At or above 95 % of the paced target.
    OnTrack,
    /// From 80 % to 95 %.
    AtRisk,
    /// Below 80 %.
    OffTrack,
}

impl Status {
    /// The words shown ("On track").
    pub fn name(self) -> &'static str {
        match self {
            Status::OnTrack => "On track",
            Status::AtRisk => "At risk",
            Status::OffTrack => "Off track",
        }
    }
}

/// The target to date: target × share of the period elapsed (clamped to 0–1).
/// Non-finite inputs give 0.
pub fn pacing(target_for_period: f64, fraction_elapsed: f64) -> f64 {
    let f = if fraction_elapsed.is_finite() {
        fraction_elapsed.clamp(0.0, 1.0)
    } else {
        0.0
    };
    finite(target_for_period * f).unwrap_or(0.0)
}

/// Attainment of a target: actual ÷ target (higher is better) or target ÷ actual
/// (lower is better). A target of 0 or less is met by anything when higher is better;
/// an actual of 0 or less meets any target when lower is better.
pub fn attainment(actual: f64, paced_target: f64, higher_is_better: bool) -> Option<f64> {
    if !actual.is_finite() || !paced_target.is_finite() {
        return None;
    }
    if higher_is_better {
        if paced_target <= 0.0 {
            Some(1.0)
        } else {
            finite(actual / paced_target)
        }
    } else if actual <= 0.0 {
        Some(1.0)
    } else {
        finite(paced_target / actual)
    }
}

/// Status of an actual against its paced target (see the module rules). A non-finite
/// actual or target is off track.
pub fn status(actual: f64, paced_target: f64, higher_is_better: bool) -> Status {
    match attainment(actual, paced_target, higher_is_better) {
        Some(a) if a >= ON_TRACK_MIN => Status::OnTrack,
        Some(a) if a >= AT_RISK_MIN => Status::AtRisk,
        _ => Status::OffTrack,
    }
}

/// Worst-of roll-up; `None` when there is no status at all.
pub fn roll_up<I: IntoIterator<Item = Status>>(statuses: I) -> Option<Status> {
    statuses.into_iter().max()
}

/// A monthly target expressed for a period: weeks get 7 × 12 ÷ 365.25 of an additive
/// KPI's monthly target; levels keep the target as it is.
pub fn target_for_period(def: &KpiDef, monthly_target: f64, period: Period) -> f64 {
    match period.granularity() {
        Granularity::Month => monthly_target,
        Granularity::Week if def.additive => monthly_target * 7.0 / DAYS_PER_MONTH,
        Granularity::Week => monthly_target,
    }
}

/// The actual of a KPI for a period from the plan's actuals: actuals recorded for that
/// exact period if any; otherwise actuals of other periods that overlap it, shared by
/// overlapping days (summed for additive KPIs, a day-weighted mean for levels).
pub fn actual_for<'a, I>(actuals: I, def: &KpiDef, period: Period) -> Option<f64>
where
    I: IntoIterator<Item = &'a Actual>,
{
    // Only periods of a neighbouring year can overlap: skip the rest before any date work.
    let year = period.year();
    let nearby = actuals
        .into_iter()
        .filter(|a| (i64::from(a.period.year()) - i64::from(year)).abs() <= 1);
    ActualSpans::new(nearby, def.id).value_for(def, period)
}

/// A KPI's actuals with their periods as day spans, computed once for many look-ups.
struct ActualSpans {
    rows: Vec<(Period, DaySpan, f64)>,
}

impl ActualSpans {
    fn new<'a, I: IntoIterator<Item = &'a Actual>>(actuals: I, kpi_id: &str) -> Self {
        let rows = actuals
            .into_iter()
            .filter(|a| a.kpi == kpi_id && a.value.is_finite())
            .filter_map(|a| a.period.day_span().map(|span| (a.period, span, a.value)))
            .collect();
        ActualSpans { rows }
    }

    fn value_for(&self, def: &KpiDef, period: Period) -> Option<f64> {
        let mut exact_sum = 0.0;
        let mut exact_count = 0usize;
        for (p, _, v) in &self.rows {
            if *p == period {
                exact_sum += v;
                exact_count += 1;
            }
        }
        if exact_count > 0 {
            return if def.additive {
                finite(exact_sum)
            } else {
                finite(exact_sum / exact_count as f64)
            };
        }
        let target = period.day_span()?;
        let mut weighted = 0.0;
        let mut weight = 0.0;
        for (_, span, value) in &self.rows {
            let overlap = target.overlap(*span) as f64;
            if overlap <= 0.0 {
                continue;
            }
            if def.additive {
                weighted += value * overlap / span.days.max(1) as f64;
            } else {
                weighted += value * overlap;
            }
            weight += overlap;
        }
        if weight <= 0.0 {
            return None;
        }
        if def.additive {
            finite(weighted)
        } else {
            finite(weighted / weight)
        }
    }
}

/// One KPI's progress in one period.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct KpiProgress {
    /// KPI id.
    pub kpi: String,
    /// The stage whose page tracks it.
    pub stage: Stage,
    /// The period measured.
    pub period: Period,
    /// The period's target.
    pub target: Option<f64>,
    /// The target to date.
    pub paced_target: Option<f64>,
    /// The actual to date.
    pub actual: Option<f64>,
    /// Share of the period elapsed.
    pub fraction_elapsed: f64,
    /// Attainment (see [`attainment`]).
    pub attainment: Option<f64>,
    /// Status, when there is both a target and an actual.
    pub status: Option<Status>,
}

/// One stage's roll-up.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StageStatus {
    /// The stage.
    pub stage: Stage,
    /// Worst status of its KPIs.
    pub status: Option<Status>,
    /// KPIs on track.
    pub on_track: usize,
    /// KPIs at risk.
    pub at_risk: usize,
    /// KPIs off track.
    pub off_track: usize,
}

/// The whole plan's measurement at a date.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PlanStatus {
    /// Every stage KPI's progress.
    pub kpis: Vec<KpiProgress>,
    /// Per stage roll-up, in journey order.
    pub stages: Vec<StageStatus>,
    /// Worst of the stages.
    pub plan: Option<Status>,
}

fn actuals_by_kpi(plan: &Plan) -> HashMap<&str, Vec<&Actual>> {
    let mut map: HashMap<&str, Vec<&Actual>> = HashMap::new();
    for a in &plan.actuals {
        map.entry(a.kpi.as_str()).or_default().push(a);
    }
    map
}

fn progress(
    def: &KpiDef,
    stage: Stage,
    target: Option<f64>,
    actuals: &[&Actual],
    period: Period,
    today: Date,
) -> KpiProgress {
    let fraction = period.fraction_elapsed(today);
    let target = target
        .and_then(finite)
        .map(|t| target_for_period(def, t, period));
    let paced = target.map(|t| if def.additive { pacing(t, fraction) } else { t });
    let actual = actual_for(actuals.iter().copied(), def, period);
    let attainment = actual
        .zip(paced)
        .and_then(|(a, p)| attainment(a, p, def.higher_is_better));
    let status = actual
        .zip(paced)
        .map(|(a, p)| status(a, p, def.higher_is_better));
    KpiProgress {
        kpi: def.id.to_string(),
        stage,
        period,
        target,
        paced_target: paced,
        actual,
        fraction_elapsed: fraction,
        attainment,
        status,
    }
}

/// Progress of one KPI the plan tracks, in the period of `granularity` containing `today`.
pub fn kpi_progress(
    plan: &Plan,
    kpi_id: &str,
    granularity: Granularity,
    today: Date,
) -> Option<KpiProgress> {
    let def = kpi::find(kpi_id)?;
    let (stage, sk) = plan.stage_kpi(kpi_id)?;
    let actuals: Vec<&Actual> = plan.actuals.iter().filter(|a| a.kpi == kpi_id).collect();
    Some(progress(
        def,
        stage,
        sk.target,
        &actuals,
        Period::of(today, granularity),
        today,
    ))
}

/// Every stage KPI's progress in the period containing `today`, with stage and plan
/// roll-ups (worst-of).
pub fn measure_plan(plan: &Plan, today: Date, granularity: Granularity) -> PlanStatus {
    let by_kpi = actuals_by_kpi(plan);
    let period = Period::of(today, granularity);
    let mut kpis = Vec::new();
    let mut stages = Vec::with_capacity(4);
    for (stage, sp) in plan.stages.iter() {
        let mut row = StageStatus {
            stage,
            status: None,
            on_track: 0,
            at_risk: 0,
            off_track: 0,
        };
        for sk in &sp.kpis {
            let Some(def) = kpi::find(&sk.kpi) else {
                continue;
            };
            let actuals = by_kpi.get(def.id).map_or(&[][..], |v| v.as_slice());
            let p = progress(def, stage, sk.target, actuals, period, today);
            match p.status {
                Some(Status::OnTrack) => row.on_track += 1,
                Some(Status::AtRisk) => row.at_risk += 1,
                Some(Status::OffTrack) => row.off_track += 1,
                None => {}
            }
            row.status = roll_up(row.status.into_iter().chain(p.status));
            kpis.push(p);
        }
        stages.push(row);
    }
    let plan_status = roll_up(stages.iter().filter_map(|s| s.status));
    PlanStatus {
        kpis,
        stages,
        plan: plan_status,
    }
}

/// One point of a KPI's chart.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SeriesPoint {
    /// The period.
    pub period: Period,
    /// Target for the period (from the stage KPI).
    pub target: Option<f64>,
    /// The funnel's forecast for the period, for the KPIs the funnel models.
    pub forecast: Option<f64>,
    /// The actual.
    pub actual: Option<f64>,
}

fn forecast_value(id: &str, m: &FunnelMonth) -> Option<f64> {
    Some(match id {
        "sessions" => m.sessions,
        "offline_contacts" => m.offline_contacts,
        "leads" => m.leads,
        "customers" => m.customers,
        "orders" => m.orders,
        "revenue" => m.revenue,
        "repeat_customers" => m.repeat_customers,
        _ => return None,
    })
}

/// Target, forecast and actual of one KPI for every period of the plan's horizon, by
/// week or by month (weekly forecasts take the month's value × 7 × 12 ÷ 365.25).
pub fn series(plan: &Plan, kpi_id: &str, granularity: Granularity) -> Vec<SeriesPoint> {
    let Some(def) = kpi::find(kpi_id) else {
        return Vec::new();
    };
    let Ok(start) = parse_date(&plan.profile.start_date) else {
        return Vec::new();
    };
    let horizon = plan.horizon_months.min(super::plan::MAX_HORIZON_MONTHS);
    let months = Period::months_from(start, horizon);
    let periods = match granularity {
        Granularity::Month => months.clone(),
        Granularity::Week => {
            let days = months
                .last()
                .and_then(|m| m.end())
                .map_or(0, |end| super::period::days_between(start, end) + 1);
            Period::weeks_from(start, u32::try_from((days + 6) / 7).unwrap_or(0))
        }
    };
    let forecast = funnel::forward_funnel(plan);
    let target = plan.stage_kpi(kpi_id).and_then(|(_, sk)| sk.target);
    let actuals = ActualSpans::new(&plan.actuals, def.id);
    periods
        .into_iter()
        .map(|period| {
            let month_index = period
                .start()
                .map(Period::month_of)
                .and_then(|m| months.iter().position(|x| *x == m));
            let fc = month_index
                .and_then(|i| forecast.months.get(i))
                .and_then(|m| forecast_value(def.id, m))
                .map(|v| target_for_period(def, v, period));
            SeriesPoint {
                period,
                target: target
                    .and_then(finite)
                    .map(|t| target_for_period(def, t, period)),
                forecast: fc,
                actual: actuals.value_for(def, period),
            }
        })
        .collect()
}
