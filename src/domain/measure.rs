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
use super::goal;
use super::kpi::{self, finite, KpiDef, Unit};
use super::period::{parse_date, Date, DaySpan, Granularity, Period};
use super::plan::{Actual, Denominator, Plan, SharedList, Stage};

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

/// Raw measures that are not KPIs of the catalogue: what a marketer reads off their
/// tools, from which ratio KPIs are derived. (Sessions, leads, customers, orders,
/// revenue, repeat customers, impressions and offline contacts are KPIs and raw
/// measures at once.)
static RAW_ONLY: [KpiDef; 6] = [
    raw(
        "spend",
        "Spend",
        Unit::Money,
        "What the touchpoints cost in the period (ad spend, fees).",
    ),
    raw("clicks", "Clicks", Unit::Count, "Clicks on ads and posts."),
    raw(
        "engaged_sessions",
        "Engaged sessions",
        Unit::Count,
        "GA4 sessions of 10 s or more, 2+ pages or a conversion.",
    ),
    raw(
        "offline_customers",
        "Offline customers",
        Unit::Count,
        "New customers won offline (calls, store, sales meetings); the rest are online.",
    ),
    raw(
        "ad_revenue",
        "Ad revenue (conversion value)",
        Unit::Money,
        "Revenue the ad platforms credit to your ads.",
    ),
    raw(
        "repeat_orders",
        "Repeat orders",
        Unit::Count,
        "Further orders from customers who bought before.",
    ),
];

const fn raw(
    id: &'static str,
    name: &'static str,
    unit: Unit,
    explanation: &'static str,
) -> KpiDef {
    KpiDef {
        id,
        name,
        stage: None,
        unit,
        formula: "measured",
        denominator: "",
        explanation,
        variants: "",
        higher_is_better: true,
        additive: true,
        min: 0.0,
        max: f64::INFINITY,
    }
}

/// The raw measures typed (or imported) on the Measure screen, in funnel order.
pub const RAW_MEASURES: [&str; 14] = [
    "spend",
    "impressions",
    "clicks",
    "sessions",
    "engaged_sessions",
    "leads",
    "offline_contacts",
    "customers",
    "offline_customers",
    "orders",
    "revenue",
    "ad_revenue",
    "repeat_customers",
    "repeat_orders",
];

/// KPIs with no raw parts, measured on their own and typed as such.
pub const DIRECT_KPIS: [&str; 4] = [
    "nps",
    "retention_rate",
    "churn_rate",
    "social_engagement_rate",
];

/// The definition of a measure id: a raw measure or a catalogue KPI.
pub fn measure_def(id: &str) -> Option<&'static KpiDef> {
    RAW_ONLY
        .iter()
        .find(|d| d.id == id)
        .or_else(|| kpi::find(id))
}

/// The raw measures a KPI is derived from, numerator parts first; empty for KPIs that
/// are raw measures themselves or are measured directly.
pub fn raw_parts(kpi_id: &str) -> &'static [&'static str] {
    match kpi_id {
        "ctr" => &["clicks", "impressions"],
        "cpc" => &["spend", "clicks"],
        "cpm" => &["spend", "impressions"],
        "engagement_rate" | "bounce_rate" => &["engaged_sessions", "sessions"],
        "lead_rate" => &["leads", "sessions"],
        "cpl" => &["spend", "leads"],
        "conversion_rate" => &["customers", "sessions"],
        "aov" => &["revenue", "orders"],
        "cpa" | "cac" => &["spend", "customers"],
        "roas" => &["ad_revenue", "spend"],
        "repeat_purchase_rate" => &["repeat_customers", "customers"],
        "mer" | "roi" => &["revenue", "spend"],
        _ => &[],
    }
}

/// The plan's actuals indexed by measure, with their periods as day spans, computed
/// once for many look-ups.
pub struct ActualIndex {
    plan_level: HashMap<String, ActualSpans>,
    by_touchpoint: HashMap<String, ActualSpans>,
}

/// A plan's actuals with their index, kept for as long as the actuals stay the same:
/// an edit elsewhere in the plan does not rebuild the index.
pub struct IndexedActuals {
    actuals: SharedList<Actual>,
    /// The index of the actuals.
    pub index: ActualIndex,
}

impl IndexedActuals {
    /// The index of `actuals`: `previous`, and `false`, when it was built from the same
    /// actuals; else a new index, and `true`. Free when the plan still shares its list
    /// with the index (after an edit elsewhere); otherwise the lists are compared item
    /// by item.
    pub fn refresh(
        previous: Option<std::sync::Arc<Self>>,
        actuals: &SharedList<Actual>,
    ) -> (std::sync::Arc<Self>, bool) {
        match previous {
            Some(previous) if previous.actuals == *actuals => (previous, false),
            _ => (
                std::sync::Arc::new(IndexedActuals {
                    actuals: actuals.clone(),
                    index: ActualIndex::new(actuals),
                }),
                true,
            ),
        }
    }
}

impl ActualIndex {
    /// Indexes every actual of the plan.
    pub fn new(actuals: &[Actual]) -> Self {
        let mut plan_level: HashMap<String, Vec<&Actual>> = HashMap::new();
        let mut by_touchpoint: HashMap<String, Vec<&Actual>> = HashMap::new();
        for a in actuals {
            let map = if a.touchpoint.is_some() {
                &mut by_touchpoint
            } else {
                &mut plan_level
            };
            map.entry(a.measure.clone()).or_default().push(a);
        }
        let spans = |m: HashMap<String, Vec<&Actual>>| {
            m.into_iter()
                .map(|(k, v)| {
                    let s = ActualSpans::new(v, &k);
                    (k, s)
                })
                .collect()
        };
        ActualIndex {
            plan_level: spans(plan_level),
            by_touchpoint: spans(by_touchpoint),
        }
    }

    /// A measure's value in a period as recorded: the plan-level rows, else the sum of
    /// the touchpoints' rows (see [`actual_for`] for how periods combine).
    pub fn recorded(&self, def: &KpiDef, period: Period) -> Option<f64> {
        self.plan_level
            .get(def.id)
            .and_then(|s| s.value_for(def, period))
            .or_else(|| {
                self.by_touchpoint
                    .get(def.id)
                    .and_then(|s| s.value_for(def, period))
            })
    }

    fn raw(&self, id: &str, period: Period) -> Option<f64> {
        measure_def(id).and_then(|d| self.recorded(d, period))
    }

    /// A KPI's actual in a period: derived from the raw measures exactly as the
    /// forecast derives it when they are recorded; otherwise the value recorded for the
    /// KPI itself (measured directly, or typed as a ratio in an earlier version).
    pub fn kpi_actual(&self, plan: &Plan, def: &KpiDef, period: Period) -> Option<f64> {
        self.derived(plan, def.id, period)
            .and_then(finite)
            .or_else(|| self.recorded(def, period))
    }

    /// Where a KPI's actual comes from in a period.
    pub fn basis(&self, plan: &Plan, def: &KpiDef, period: Period) -> Option<ActualBasis> {
        if self.derived(plan, def.id, period).is_some() {
            Some(if raw_parts(def.id).is_empty() {
                ActualBasis::Recorded
            } else {
                ActualBasis::Derived
            })
        } else {
            self.recorded(def, period).map(|_| ActualBasis::Recorded)
        }
    }

    fn derived(&self, plan: &Plan, id: &str, period: Period) -> Option<f64> {
        let r = |m: &str| self.raw(m, period);
        let months = period.days().map_or(1.0, |d| {
            if period.granularity() == Granularity::Month {
                1.0
            } else {
                d as f64 / DAYS_PER_MONTH
            }
        });
        let digits = plan.currency_digits();
        let other = plan.funnel.marketing_cost_other.to_major(digits) * months;
        let cost = || r("spend").map(|s| s + other);
        match id {
            "ctr" => kpi::ctr(r("clicks")?, r("impressions")?),
            "cpc" => kpi::cpc(r("spend")?, r("clicks")?),
            "cpm" => kpi::cpm(r("spend")?, r("impressions")?),
            "engagement_rate" => kpi::engagement_rate(r("engaged_sessions")?, r("sessions")?),
            "bounce_rate" => kpi::bounce_rate(r("engaged_sessions")?, r("sessions")?),
            "lead_rate" => kpi::lead_rate(r("leads")?, r("sessions")?),
            "cpl" => kpi::cpl(r("spend")?, r("leads")?),
            "conversion_rate" => {
                let online = r("customers")? - r("offline_customers").unwrap_or(0.0);
                let sessions = r("sessions")?;
                match plan.variants.conversion_denominator {
                    Denominator::Sessions => kpi::conversion_rate(online, sessions),
                    Denominator::Users => kpi::conversion_rate(
                        online,
                        kpi::ratio(sessions, plan.funnel.sessions_per_user)?,
                    ),
                }
            }
            "aov" => kpi::aov(r("revenue")?, r("orders")?),
            "cpa" => kpi::cpa(r("spend")?, r("customers")?),
            "cac" => kpi::cac(cost()?, r("customers")?),
            "roas" => kpi::roas(r("ad_revenue")?, r("spend")?),
            "repeat_purchase_rate" => {
                kpi::repeat_purchase_rate(r("repeat_customers")?, r("customers")?)
            }
            "mer" => kpi::mer(r("revenue")?, cost()?),
            "roi" => kpi::roi(
                plan.variants.roi,
                r("revenue")?,
                plan.funnel.gross_margin,
                cost()?,
            ),
            _ if raw_parts(id).is_empty() && RAW_MEASURES.contains(&id) => r(id),
            _ => None,
        }
    }
}

/// Actuals of one period that cannot all be right: a rate derived from recorded
/// measures is outside what a rate can be (more clicks than impressions, a CTR over
/// 100 %; more offline customers than customers, a conversion rate below 0). One of
/// the two measures is most likely in the wrong column, period or unit.
#[derive(Clone, Debug, PartialEq)]
pub struct Contradiction {
    /// The period both measures were recorded for.
    pub period: Period,
    /// The rate, and its value from the two measures.
    pub kpi: &'static KpiDef,
    /// The rate's value (1.44 for 144 %).
    pub value: f64,
    /// The measure that is more than it can be (clicks), with its value in the period.
    pub part: (&'static KpiDef, f64),
    /// The measure it cannot be more than (impressions), with its value in the period.
    pub whole: (&'static KpiDef, f64),
}

/// Every [`Contradiction`] among a plan's actuals, in the periods the counted measure
/// was recorded for, the latest first (where a mistake is likeliest to be new). Two
/// rates of the same two measures (engagement and bounce) are reported once.
pub fn contradictions(plan: &Plan, index: &ActualIndex) -> Vec<Contradiction> {
    let mut seen: Vec<&[&str]> = Vec::new();
    let mut out = Vec::new();
    for def in kpi::catalogue() {
        let parts = raw_parts(def.id);
        let [part, whole] = parts else { continue };
        if def.unit != Unit::Ratio || !def.max.is_finite() || seen.contains(&parts) {
            continue;
        }
        seen.push(parts);
        let mut periods: Vec<Period> = plan
            .actuals
            .iter()
            .filter(|a| a.measure == *part)
            .map(|a| a.period)
            .collect();
        periods.sort_unstable();
        periods.dedup();
        for period in periods {
            let Some(value) = index.derived(plan, def.id, period).and_then(finite) else {
                continue;
            };
            if value <= def.max + 1e-9 && value >= def.min - 1e-9 {
                continue;
            }
            // Online customers below zero: more offline customers than customers.
            let (part, whole) = if def.id == "conversion_rate" && value < def.min {
                ("offline_customers", "customers")
            } else {
                (*part, *whole)
            };
            let (Some(part_def), Some(whole_def)) = (measure_def(part), measure_def(whole)) else {
                continue;
            };
            if let (Some(a), Some(b)) = (index.raw(part, period), index.raw(whole, period)) {
                out.push(Contradiction {
                    period,
                    kpi: def,
                    value,
                    part: (part_def, a),
                    whole: (whole_def, b),
                });
            }
        }
    }
    out.sort_by_key(|c| std::cmp::Reverse(c.period.day_span().map(|d| d.first)));
    out
}

/// Where a KPI's actual comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum ActualBasis {
    /// Derived from the raw measures recorded for the period.
    Derived,
    /// Recorded for the KPI itself.
    Recorded,
}

/// The actual of a measure (raw or KPI) for a period from a list of actuals: actuals
/// recorded for that exact period if any; otherwise actuals of other periods that
/// overlap it, shared by overlapping days (summed for additive measures, a day-weighted
/// mean for levels). Ratio KPIs are not derived here (see [`ActualIndex::kpi_actual`]).
pub fn actual_for<'a, I>(actuals: I, def: &KpiDef, period: Period) -> Option<f64>
where
    I: IntoIterator<Item = &'a Actual>,
{
    // Only periods of a neighbouring year can overlap: skip the rest before any date work.
    let year = period.year();
    let nearby: Vec<Actual> = actuals
        .into_iter()
        .filter(|a| (i64::from(a.period.year()) - i64::from(year)).abs() <= 1)
        .cloned()
        .collect();
    ActualIndex::new(&nearby).recorded(def, period)
}

/// A measure's actuals with their periods as day spans, computed once for many look-ups.
struct ActualSpans {
    /// Sorted by period (those of one period in the order of the actuals).
    rows: Vec<(Period, DaySpan, f64)>,
}

impl ActualSpans {
    fn new<'a, I: IntoIterator<Item = &'a Actual>>(actuals: I, measure: &str) -> Self {
        let mut rows: Vec<(Period, DaySpan, f64)> = actuals
            .into_iter()
            .filter(|a| a.measure == measure && a.value.is_finite())
            .filter_map(|a| a.period.day_span().map(|span| (a.period, span, a.value)))
            .collect();
        rows.sort_by_key(|r| r.0);
        ActualSpans { rows }
    }

    fn value_for(&self, def: &KpiDef, period: Period) -> Option<f64> {
        let from = self.rows.partition_point(|r| r.0 < period);
        let exact = &self.rows[from..];
        let exact = &exact[..exact.partition_point(|r| r.0 == period)];
        if !exact.is_empty() {
            let exact_sum: f64 = exact.iter().map(|r| r.2).sum();
            return if def.additive {
                finite(exact_sum)
            } else {
                finite(exact_sum / exact.len() as f64)
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

/// A goal's target as it applies to a period: the goal's phased monthly target (for
/// the month holding the period's first day), scaled to a week for additive KPIs.
pub fn period_target(plan: &Plan, def: &KpiDef, period: Period) -> Option<f64> {
    goal::kpi_target_in_period(plan, def.id, period).map(|t| target_for_period(def, t, period))
}

fn progress(
    plan: &Plan,
    index: &ActualIndex,
    def: &KpiDef,
    stage: Stage,
    period: Period,
    today: Date,
) -> KpiProgress {
    let fraction = period.fraction_elapsed(today);
    let target = period_target(plan, def, period);
    let paced = target.map(|t| if def.additive { pacing(t, fraction) } else { t });
    let actual = index.kpi_actual(plan, def, period);
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
    let stage = Stage::ALL
        .into_iter()
        .find(|s| plan.tracked_kpis(*s).iter().any(|k| k == kpi_id))?;
    let index = ActualIndex::new(&plan.actuals);
    Some(progress(
        plan,
        &index,
        def,
        stage,
        Period::of(today, granularity),
        today,
    ))
}

/// Every tracked KPI's progress in the period containing `today`, with stage and plan
/// roll-ups (worst-of).
pub fn measure_plan(plan: &Plan, today: Date, granularity: Granularity) -> PlanStatus {
    measure_plan_with(plan, &ActualIndex::new(&plan.actuals), today, granularity)
}

/// [`measure_plan`] with the plan's actuals already indexed.
pub fn measure_plan_with(
    plan: &Plan,
    index: &ActualIndex,
    today: Date,
    granularity: Granularity,
) -> PlanStatus {
    let period = Period::of(today, granularity);
    let mut kpis = Vec::new();
    let mut stages = Vec::with_capacity(4);
    for stage in Stage::ALL {
        let mut row = StageStatus {
            stage,
            status: None,
            on_track: 0,
            at_risk: 0,
            off_track: 0,
        };
        for id in plan.tracked_kpis(stage) {
            let Some(def) = kpi::find(&id) else {
                continue;
            };
            let p = progress(plan, index, def, stage, period, today);
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
    /// Target for the period (from the KPI's goal).
    pub target: Option<f64>,
    /// The funnel's forecast for the period.
    pub forecast: Option<f64>,
    /// The actual.
    pub actual: Option<f64>,
}

/// A raw measure's forecast in one month, where the funnel models it.
pub fn raw_forecast(id: &str, m: &FunnelMonth, t: &funnel::Traffic) -> Option<f64> {
    Some(match id {
        "spend" => m.touchpoint_spend,
        "impressions" if t.any_impressions => t.impressions,
        "clicks" if t.any_clicks => t.clicks,
        "sessions" => m.sessions,
        "offline_contacts" => m.offline_contacts,
        "leads" => m.leads,
        "customers" => m.customers,
        "offline_customers" => m.offline_customers,
        "orders" => m.orders,
        "revenue" => m.revenue,
        "ad_revenue" => m.paid_revenue,
        "repeat_customers" => m.repeat_customers,
        "repeat_orders" => m.repeat_orders,
        _ => return None,
    })
}

/// Target, forecast and actual of one KPI for every period of the plan's horizon, by
/// week or by month (weekly forecasts of additive KPIs take the month's value × 7 × 12
/// ÷ 365.25).
pub fn series(plan: &Plan, kpi_id: &str, granularity: Granularity) -> Vec<SeriesPoint> {
    let forecast = funnel::forward_funnel(plan);
    series_with(
        plan,
        &forecast,
        &ActualIndex::new(&plan.actuals),
        kpi_id,
        granularity,
    )
}

/// [`series`] from a forecast and indexed actuals computed once.
pub fn series_with(
    plan: &Plan,
    forecast: &funnel::Forecast,
    index: &ActualIndex,
    kpi_id: &str,
    granularity: Granularity,
) -> Vec<SeriesPoint> {
    let traffic = funnel::traffic(plan);
    series_many(plan, forecast, &traffic, index, &[kpi_id], granularity)
        .pop()
        .unwrap_or_default()
}

/// [`series`] of several KPIs at once (one per id, in order), from a forecast, its
/// traffic and indexed actuals computed once: the KPI engine runs once per month for
/// all of them, not once per month for each.
pub fn series_many(
    plan: &Plan,
    forecast: &funnel::Forecast,
    traffic: &funnel::Traffic,
    index: &ActualIndex,
    kpi_ids: &[&str],
    granularity: Granularity,
) -> Vec<Vec<SeriesPoint>> {
    let Ok(start) = parse_date(&plan.profile.start_date) else {
        return vec![Vec::new(); kpi_ids.len()];
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
    // Each period's month within the horizon.
    let month_of: Vec<Option<usize>> = periods
        .iter()
        .map(|period| {
            period
                .start()
                .map(Period::month_of)
                .and_then(|m| months.iter().position(|x| *x == m))
        })
        .collect();
    // Every KPI of each month, evaluated once, when a KPI needs the engine.
    let mut engine: Option<Vec<Vec<kpi::KpiValue>>> = None;
    kpi_ids
        .iter()
        .map(|kpi_id| {
            let Some(def) = measure_def(kpi_id) else {
                return Vec::new();
            };
            let catalogue = kpi::find(def.id).is_some();
            // The forecast of each month, for this KPI (volumes straight from the
            // funnel, ratios through the KPI engine).
            let monthly: Vec<Option<f64>> = forecast
                .months
                .iter()
                .enumerate()
                .map(|(i, m)| {
                    raw_forecast(def.id, m, traffic).or_else(|| {
                        if !catalogue {
                            return None;
                        }
                        let values = engine.get_or_insert_with(|| {
                            forecast
                                .months
                                .iter()
                                .map(|m| kpi::values_with(plan, traffic, m))
                                .collect()
                        });
                        values
                            .get(i)
                            .and_then(|v| v.iter().find(|v| v.id == def.id))
                            .and_then(|v| v.value)
                    })
                })
                .collect();
            periods
                .iter()
                .zip(&month_of)
                .map(|(period, month_index)| {
                    let period = *period;
                    let fc = month_index
                        .and_then(|i| monthly.get(i).copied().flatten())
                        .map(|v| target_for_period(def, v, period));
                    let actual = if catalogue {
                        index.kpi_actual(plan, def, period)
                    } else {
                        index.recorded(def, period)
                    };
                    SeriesPoint {
                        period,
                        target: period_target(plan, def, period),
                        forecast: fc,
                        actual,
                    }
                })
                .collect()
        })
        .collect()
}
