//! Budget split on diminishing returns: a response curve per paid touchpoint (monthly
//! spend → the volume it drives), where each curve comes from, and the split of a total
//! budget that brings the most new customers, revenue or gross profit.
//!
//! The curve is the Hill form: volume = max × spendˢ ÷ (spendˢ + halfˢ). `max` is the
//! most the touchpoint can bring in a month, `half` the monthly spend at which it brings
//! half of that, and the slope `s` is kept in (0, 1] so that every extra unit of money
//! brings a little less than the one before (a concave curve).
//!
//! Where a touchpoint's curve comes from, in this order (see [`curve_for`]):
//! 1. [`CurveSource::Fitted`]: fitted to the plan's own actuals (the touchpoint's spend
//!    and the sessions or offline contacts it brought, per period) when at least
//!    [`MIN_FIT_PERIODS`] periods with [`MIN_DISTINCT_SPENDS`] different spends are
//!    recorded and the fit explains the data better than a flat line;
//! 2. [`CurveSource::TwoPoints`]: set by hand from two points the marketer knows, with
//!    the slope fixed at 1 and solved exactly;
//! 3. [`CurveSource::Default`]: from today's budget and volume, assuming today's volume
//!    is [`DEFAULT_SHARE_OF_MAX`] of the most the touchpoint can bring (slope 1).
//!
//! The split ([`allocate`]) gives the budget out step by step, each step to the
//! touchpoint whose next step brings the most outcome. For concave curves this is the
//! best split among all splits in whole steps above the minimums. Carry-over between
//! periods (adstock) is not modelled, and touchpoints are independent of each other.
//!
//! Spend here is `f64` in major units per month (derived numbers); money a user types
//! (hand-set points, minimum and maximum) is exact [`Money`]. No function panics and no
//! result is NaN or infinite, whatever the input.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::funnel::{
    brings_offline_contacts, brings_sessions, month_from, FunnelMonth, MonthInput,
};
use super::measure::DAYS_PER_MONTH;
use super::money::Money;
use super::period::{Granularity, Period};
use super::plan::{Media, Plan, PlanBy, Stage, Touchpoint};

/// `x` if finite, else 0.
fn fin(x: f64) -> f64 {
    if x.is_finite() {
        x
    } else {
        0.0
    }
}

/// `x` if finite and positive, else 0.
fn non_negative(x: f64) -> f64 {
    if x.is_finite() && x > 0.0 {
        x
    } else {
        0.0
    }
}

// ---------------------------------------------------------------------------
// The Hill curve.

/// The smallest slope a curve may have: flatter curves are indistinguishable from a
/// step and make the fit unstable.
pub const MIN_SLOPE: f64 = 0.05;

/// A saturating response curve: volume = max × spendˢ ÷ (spendˢ + halfˢ), spend and
/// volume per month. Built with [`Hill::new`], which keeps every field finite and
/// positive and the slope in [[`MIN_SLOPE`], 1].
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Hill {
    /// The most volume the touchpoint can bring in a month, however much is spent.
    pub max: f64,
    /// The monthly spend at which it brings half of `max` (major units).
    pub half: f64,
    /// How sharply it saturates, in [[`MIN_SLOPE`], 1]; 1 is the plain
    /// max × spend ÷ (spend + half) curve.
    pub slope: f64,
}

/// A curve in words a marketer reads, as numbers: "half of the most this channel can
/// bring, `half_volume` a month, is reached at `half_spend` a month; it cannot bring
/// more than `max_volume` a month".
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct CurveSummary {
    /// The most the touchpoint can bring per month.
    pub max_volume: f64,
    /// Half of that.
    pub half_volume: f64,
    /// The monthly spend (major units) at which half of the most is reached.
    pub half_spend: f64,
    /// The slope (1 for the plain curve; lower saturates more gradually).
    pub slope: f64,
}

impl Hill {
    /// A curve with these parameters; `None` unless `max` and `half` are finite and
    /// positive and `slope` is in [[`MIN_SLOPE`], 1].
    pub fn new(max: f64, half: f64, slope: f64) -> Option<Hill> {
        let ok = max.is_finite()
            && max > 0.0
            && half.is_finite()
            && half > 0.0
            && slope.is_finite()
            && (MIN_SLOPE..=1.0).contains(&slope);
        ok.then_some(Hill { max, half, slope })
    }

    /// (spend ÷ half)ˢ for a non-negative spend, saturated to a large finite number.
    fn ratio_pow(&self, spend: f64) -> f64 {
        let r = non_negative(spend) / self.half;
        let x = r.powf(self.slope);
        if x.is_finite() {
            x
        } else {
            f64::MAX
        }
    }

    /// The monthly volume at a monthly spend (0 for a spend of 0, negative or not finite).
    pub fn volume(&self, spend: f64) -> f64 {
        let x = self.ratio_pow(spend);
        if x <= 0.0 {
            return 0.0;
        }
        // max × x ÷ (1 + x), written to stay finite for huge x.
        fin(self.max / (1.0 + 1.0 / x))
    }

    /// The monthly spend that brings `volume`: 0 for a volume of 0 or less, `None` at or
    /// above the curve's maximum (no spend brings it) or for a volume that is not finite.
    pub fn spend_for(&self, volume: f64) -> Option<f64> {
        if !volume.is_finite() {
            return None;
        }
        if volume <= 0.0 {
            return Some(0.0);
        }
        if volume >= self.max {
            return None;
        }
        let odds = volume / (self.max - volume);
        let spend = self.half * odds.powf(1.0 / self.slope);
        spend.is_finite().then_some(spend)
    }

    /// The extra volume per extra unit of money at a monthly spend (the derivative).
    /// At a spend of 0 a curve with a slope below 1 is infinitely steep: the derivative
    /// is taken at a millionth of `half` instead, so the result is always finite.
    pub fn marginal(&self, spend: f64) -> f64 {
        let s = non_negative(spend).max(self.half * 1e-6);
        let x = self.ratio_pow(s);
        // d/dS [max × x ÷ (1 + x)] = max × slope × x ÷ (S × (1 + x)²), written as
        // max × slope ÷ (S × (1 + x) × (1 + 1/x)) to stay finite for huge x.
        fin(self.max * self.slope / (s * (1.0 + x) * (1.0 + 1.0 / x)))
    }

    /// The curve in words, as numbers (see [`CurveSummary`]).
    pub fn describe(&self) -> CurveSummary {
        CurveSummary {
            max_volume: self.max,
            half_volume: self.max / 2.0,
            half_spend: self.half,
            slope: self.slope,
        }
    }
}

// ---------------------------------------------------------------------------
// Points: measured, or set by hand.

/// One month's spend and the volume it brought (both per month).
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct SpendVolume {
    /// Spend per month, major units.
    pub spend: f64,
    /// Volume per month (sessions or offline contacts).
    pub volume: f64,
}

/// A point a marketer knows, set by hand: "at this monthly spend we got this volume".
/// Stored in the plan (see [`SplitSettings`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CurvePoint {
    /// Monthly spend.
    pub spend: Money,
    /// The monthly volume it brought (sessions or offline contacts, as the touchpoint
    /// counts them).
    pub volume: f64,
}

/// What a touchpoint keeps for the split: the two points set by hand and the bounds on
/// its budget. Meant for the plan's touchpoint as `split: SplitSettings` (with
/// `#[serde(default)]`); every field is optional.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SplitSettings {
    /// Two points set by hand (a lower and a higher spend); empty when not set.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub points: Vec<CurvePoint>,
    /// The least this touchpoint must get per month in a proposed split.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_budget: Option<Money>,
    /// The most this touchpoint may get per month in a proposed split.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_budget: Option<Money>,
}

/// What the split is asked for, kept with the plan: the total monthly budget to split
/// and the outcome to maximise. Meant for the plan as `allocation: AllocationSettings`
/// (with `#[serde(default)]`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct AllocationSettings {
    /// The monthly budget to split over the paid touchpoints; `None`: today's total.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total: Option<Money>,
    /// What to maximise.
    pub outcome: Outcome,
}

/// What a touchpoint's volume counts, for the funnel.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum VolumeUnit {
    /// Website sessions (online Reach touchpoints).
    Sessions,
    /// Offline contacts: calls, store visits, event leads (offline Reach, Act, Convert).
    OfflineContacts,
}

impl VolumeUnit {
    /// The raw measure id the Measure screen records it under ("sessions").
    pub fn measure(self) -> &'static str {
        match self {
            VolumeUnit::Sessions => "sessions",
            VolumeUnit::OfflineContacts => "offline_contacts",
        }
    }

    /// What is counted, in words ("sessions").
    pub fn noun(self) -> &'static str {
        match self {
            VolumeUnit::Sessions => "sessions",
            VolumeUnit::OfflineContacts => "offline contacts",
        }
    }
}

/// What a touchpoint's volume counts in the funnel: sessions for online Reach
/// touchpoints, offline contacts for offline Reach, Act and Convert ones, `None` for the
/// rest (their volume adds no new customers in the plan's funnel).
pub fn volume_unit(stage: Stage, touchpoint: &Touchpoint) -> Option<VolumeUnit> {
    if brings_sessions(stage, touchpoint) {
        Some(VolumeUnit::Sessions)
    } else if brings_offline_contacts(stage, touchpoint) {
        Some(VolumeUnit::OfflineContacts)
    } else {
        None
    }
}

/// A touchpoint's measured (monthly spend, monthly volume) pairs from the plan's
/// actuals: for each period of `granularity` with both a `spend` actual and a volume
/// actual (`sessions` or `offline_contacts`, as [`volume_unit`] says) recorded for the
/// touchpoint, in period order. Several rows for one period are added up. Weeks are
/// turned into monthly rates (× 365.25 ÷ 12 ÷ 7). Periods with a value that is negative
/// or not finite are left out. Empty for an unknown touchpoint or one whose volume the
/// funnel does not count.
pub fn points_from_actuals(
    plan: &Plan,
    touchpoint_id: &str,
    granularity: Granularity,
) -> Vec<SpendVolume> {
    let Some((stage, tp)) = plan
        .touchpoints_by_stage()
        .find(|(_, t)| t.id == touchpoint_id)
    else {
        return Vec::new();
    };
    let Some(unit) = volume_unit(stage, tp) else {
        return Vec::new();
    };
    let mut spend: BTreeMap<Period, f64> = BTreeMap::new();
    let mut volume: BTreeMap<Period, f64> = BTreeMap::new();
    for a in &plan.actuals {
        if a.touchpoint.as_deref() != Some(touchpoint_id) || a.period.granularity() != granularity {
            continue;
        }
        let map = if a.measure == "spend" {
            &mut spend
        } else if a.measure == unit.measure() {
            &mut volume
        } else {
            continue;
        };
        // A non-finite value poisons its period (NaN stays NaN), so the period is dropped.
        let v = if a.value.is_finite() && a.value >= 0.0 {
            a.value
        } else {
            f64::NAN
        };
        *map.entry(a.period).or_insert(0.0) += v;
    }
    let per_month = match granularity {
        Granularity::Month => 1.0,
        Granularity::Week => DAYS_PER_MONTH / 7.0,
    };
    spend
        .into_iter()
        .filter_map(|(p, s)| {
            let v = *volume.get(&p)?;
            let point = SpendVolume {
                spend: s * per_month,
                volume: v * per_month,
            };
            (point.spend.is_finite() && point.volume.is_finite()).then_some(point)
        })
        .collect()
}

// ---------------------------------------------------------------------------
// The fit.

/// The fewest measured periods a curve is fitted to.
pub const MIN_FIT_PERIODS: usize = 4;

/// The fewest different spends among those periods: the curve has three parameters, so
/// three different spends are needed to tell them apart.
pub const MIN_DISTINCT_SPENDS: usize = 3;

/// A curve fitted to measured points, with how well it fits.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Fit {
    /// The fitted curve.
    pub hill: Hill,
    /// The periods used.
    pub periods_used: usize,
    /// Share of the variation in volume the curve explains (R², at most 1; below 0 when
    /// a flat line at the mean volume would fit better).
    pub r2: f64,
}

/// Why no curve could be fitted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum FitError {
    /// Fewer usable periods than [`MIN_FIT_PERIODS`].
    TooFewPeriods {
        /// Usable periods found.
        found: usize,
    },
    /// Fewer different spends than [`MIN_DISTINCT_SPENDS`].
    TooFewSpends {
        /// Different spends found.
        found: usize,
    },
    /// Every period brought the same volume (or none): there is nothing to fit.
    NoVariation,
    /// No curve rises with spend through these points.
    NoFit,
}

impl FitError {
    /// The reason in words for the user.
    pub fn message(&self) -> String {
        match self {
            FitError::TooFewPeriods { found } => format!(
                "{found} measured period{} with spend and volume; the fit needs at least {MIN_FIT_PERIODS}",
                if *found == 1 { "" } else { "s" }
            ),
            FitError::TooFewSpends { found } => format!(
                "{found} different spend{}; the fit needs at least {MIN_DISTINCT_SPENDS}",
                if *found == 1 { "" } else { "s" }
            ),
            FitError::NoVariation => "every period brought the same volume".to_string(),
            FitError::NoFit => "no rising curve fits these periods".to_string(),
        }
    }
}

/// For a given slope and half, the best `max` (closed form) and the sum of squared errors.
fn best_max(points: &[SpendVolume], slope: f64, half: f64) -> (f64, f64) {
    let mut vg = 0.0;
    let mut gg = 0.0;
    let mut vv = 0.0;
    for p in points {
        let r = p.spend / half;
        let x = r.powf(slope);
        let g = if x > 0.0 && x.is_finite() {
            1.0 / (1.0 + 1.0 / x)
        } else if x > 0.0 {
            1.0
        } else {
            0.0
        };
        vg += p.volume * g;
        gg += g * g;
        vv += p.volume * p.volume;
    }
    if gg <= 0.0 || vg <= 0.0 {
        return (0.0, vv);
    }
    let max = vg / gg;
    (max, (vv - vg * vg / gg).max(0.0))
}

/// Fits a Hill curve to measured (spend, volume) points by least squares on the volume,
/// with the slope kept in [[`MIN_SLOPE`], 1] and `half` between a twentieth of the
/// smallest positive spend and fifty times the largest. A grid over slope and half, with
/// the best `max` in closed form at each, is refined by a pattern search. Points with a
/// negative or non-finite number are left out. Needs [`MIN_FIT_PERIODS`] points with
/// [`MIN_DISTINCT_SPENDS`] different spends.
pub fn fit(points: &[SpendVolume]) -> Result<Fit, FitError> {
    let pts: Vec<SpendVolume> = points
        .iter()
        .copied()
        .filter(|p| {
            p.spend.is_finite() && p.volume.is_finite() && p.spend >= 0.0 && p.volume >= 0.0
        })
        .collect();
    if pts.len() < MIN_FIT_PERIODS {
        return Err(FitError::TooFewPeriods { found: pts.len() });
    }
    let mut spends: Vec<f64> = pts.iter().map(|p| p.spend).collect();
    spends.sort_by(f64::total_cmp);
    let distinct = 1 + spends
        .windows(2)
        .filter(|w| w[1] - w[0] > 1e-9 * w[1].abs().max(1.0))
        .count();
    if distinct < MIN_DISTINCT_SPENDS {
        return Err(FitError::TooFewSpends { found: distinct });
    }
    let n = pts.len() as f64;
    let mean = pts.iter().map(|p| p.volume).sum::<f64>() / n;
    let sst: f64 = pts.iter().map(|p| (p.volume - mean).powi(2)).sum();
    if !(sst > 0.0 && sst.is_finite()) {
        return Err(FitError::NoVariation);
    }
    let smallest = spends.iter().copied().find(|s| *s > 0.0).unwrap_or(0.0);
    let largest = spends.last().copied().unwrap_or(0.0);
    if !(smallest > 0.0 && largest.is_finite()) {
        return Err(FitError::NoFit);
    }
    let lo = (smallest / 20.0).ln();
    let hi = (largest * 50.0).ln();
    if !(lo.is_finite() && hi.is_finite() && hi > lo) {
        return Err(FitError::NoFit);
    }
    let sse = |slope: f64, ln_half: f64| best_max(&pts, slope, ln_half.exp()).1;
    // Grid: slopes 0.05, 0.10 … 1.00; 48 halves spaced evenly on a log scale.
    const HALVES: usize = 48;
    let mut best = (1.0, hi, f64::INFINITY);
    for i in 1..=20 {
        let slope = f64::from(i) * 0.05;
        for j in 0..HALVES {
            let ln_half = lo + (hi - lo) * j as f64 / (HALVES - 1) as f64;
            let e = sse(slope, ln_half);
            if e < best.2 {
                best = (slope, ln_half, e);
            }
        }
    }
    // Refine: move to a better neighbour, halving the steps when none is better.
    let mut step_s = 0.05;
    let mut step_h = (hi - lo) / (HALVES - 1) as f64;
    for _ in 0..200 {
        if step_s < 1e-6 && step_h < 1e-6 {
            break;
        }
        let mut moved = false;
        for (ds, dh) in [(step_s, 0.0), (-step_s, 0.0), (0.0, step_h), (0.0, -step_h)] {
            let slope = (best.0 + ds).clamp(MIN_SLOPE, 1.0);
            let ln_half = (best.1 + dh).clamp(lo, hi);
            let e = sse(slope, ln_half);
            if e < best.2 {
                best = (slope, ln_half, e);
                moved = true;
            }
        }
        if !moved {
            step_s /= 2.0;
            step_h /= 2.0;
        }
    }
    let (slope, ln_half, err) = best;
    let half = ln_half.exp();
    let (max, _) = best_max(&pts, slope, half);
    let hill = Hill::new(max, half, slope).ok_or(FitError::NoFit)?;
    let r2 = 1.0 - err / sst;
    if !r2.is_finite() {
        return Err(FitError::NoFit);
    }
    Ok(Fit {
        hill,
        periods_used: pts.len(),
        r2,
    })
}

// ---------------------------------------------------------------------------
// Two points and the default.

/// Why two hand-set points do not make a curve.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum TwoPointsError {
    /// Not exactly two points.
    NotTwoPoints,
    /// A spend or volume is zero, negative or not a number.
    NotPositive,
    /// Both points have the same spend.
    SameSpend,
    /// The higher spend did not bring more volume.
    VolumeNotRising,
    /// Volume grows as fast as spend or faster: no diminishing returns to fit.
    NoDiminishingReturns,
}

impl TwoPointsError {
    /// The reason in words for the user.
    pub fn message(&self) -> &'static str {
        match self {
            TwoPointsError::NotTwoPoints => "Enter two points: two spends and what each brought",
            TwoPointsError::NotPositive => "Both spends and both volumes must be above 0",
            TwoPointsError::SameSpend => "The two spends must differ",
            TwoPointsError::VolumeNotRising => "The higher spend must bring more volume",
            TwoPointsError::NoDiminishingReturns => {
                "These points show no diminishing returns: the higher spend brings at least as much per unit of money as the lower one"
            }
        }
    }
}

/// The slope-1 curve through two (monthly spend, monthly volume) points, in any order:
/// 1 ÷ volume = 1 ÷ max + (half ÷ max) × (1 ÷ spend) is a straight line in 1 ÷ spend,
/// so two points give `max` and `half` exactly. Refused when the points are not usable
/// or show no diminishing returns (the higher spend must bring less per unit of money).
pub fn two_points(a: SpendVolume, b: SpendVolume) -> Result<Hill, TwoPointsError> {
    let all = [a.spend, a.volume, b.spend, b.volume];
    if all.iter().any(|x| !(x.is_finite() && *x > 0.0)) {
        return Err(TwoPointsError::NotPositive);
    }
    let (low, high) = if a.spend <= b.spend { (a, b) } else { (b, a) };
    if high.spend - low.spend <= 1e-9 * high.spend {
        return Err(TwoPointsError::SameSpend);
    }
    if high.volume <= low.volume {
        return Err(TwoPointsError::VolumeNotRising);
    }
    // Diminishing returns: the higher spend brings less per unit of money.
    if high.volume / high.spend >= low.volume / low.spend {
        return Err(TwoPointsError::NoDiminishingReturns);
    }
    let k_over_m = (1.0 / low.volume - 1.0 / high.volume) / (1.0 / low.spend - 1.0 / high.spend);
    let inv_max = 1.0 / low.volume - k_over_m / low.spend;
    if !(inv_max > 0.0 && k_over_m > 0.0) {
        return Err(TwoPointsError::NoDiminishingReturns);
    }
    let max = 1.0 / inv_max;
    Hill::new(max, k_over_m * max, 1.0).ok_or(TwoPointsError::NoDiminishingReturns)
}

/// The curve from two hand-set points (money in the plan's currency).
pub fn two_points_from(points: &[CurvePoint], digits: u32) -> Result<Hill, TwoPointsError> {
    let [a, b] = points else {
        return Err(TwoPointsError::NotTwoPoints);
    };
    let sv = |p: &CurvePoint| SpendVolume {
        spend: p.spend.to_major(digits),
        volume: p.volume,
    };
    two_points(sv(a), sv(b))
}

/// The default curve's assumption: today's volume is this share of the most the
/// touchpoint can bring (so half of the most is reached at twice today's spend, and the
/// next unit of money brings two thirds of today's average volume per unit).
pub const DEFAULT_SHARE_OF_MAX: f64 = 1.0 / 3.0;

/// The slope-1 curve through today's (spend, volume) with today's volume at
/// [`DEFAULT_SHARE_OF_MAX`] of the maximum: max = 3 × volume, half = 2 × spend.
/// `None` unless both are finite and positive.
pub fn default_curve(today: SpendVolume) -> Option<Hill> {
    let ok = today.spend.is_finite()
        && today.spend > 0.0
        && today.volume.is_finite()
        && today.volume > 0.0;
    if !ok {
        return None;
    }
    let max = today.volume / DEFAULT_SHARE_OF_MAX;
    // volume = max × S ÷ (S + half) ⇒ half = S × (max ÷ volume − 1).
    let half = today.spend * (max / today.volume - 1.0);
    Hill::new(max, half, 1.0)
}

/// Where a curve comes from, with its evidence.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum CurveSource {
    /// Fitted to the plan's actuals.
    Fitted {
        /// Periods used.
        periods_used: usize,
        /// Weeks or months.
        granularity: Granularity,
        /// Share of the variation explained (R²).
        r2: f64,
    },
    /// Through two points set by hand (slope 1).
    TwoPoints {
        /// The lower-spend point (monthly spend in major units, monthly volume).
        low: SpendVolume,
        /// The higher-spend point.
        high: SpendVolume,
    },
    /// Today's budget and volume with a stated assumption (slope 1).
    Default {
        /// Today's monthly spend and volume.
        today: SpendVolume,
        /// The share of the maximum today's volume is assumed to be
        /// ([`DEFAULT_SHARE_OF_MAX`]).
        share_of_max: f64,
    },
}

/// A touchpoint's response curve and where it comes from.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ResponseCurve {
    /// The curve.
    pub hill: Hill,
    /// Its source and evidence.
    pub source: CurveSource,
    /// Why the sources before it were not used (the fit's reason, the points' reason),
    /// in words; empty when the first source was used.
    pub passed_over: Vec<String>,
}

/// A touchpoint's curve, trying in order: the fit to its monthly actuals, then to its
/// weekly actuals (a fit is used when it explains more than a flat line, R² > 0); the
/// two hand-set points in `settings`; the default from today's budget and volume.
/// `None` for an unknown touchpoint, one whose volume the funnel does not count, or one
/// with none of these (no usable actuals, no points, no budget or no volume today).
pub fn curve_for(
    plan: &Plan,
    touchpoint_id: &str,
    settings: &SplitSettings,
) -> Option<ResponseCurve> {
    let (stage, tp) = plan
        .touchpoints_by_stage()
        .find(|(_, t)| t.id == touchpoint_id)?;
    volume_unit(stage, tp)?;
    let digits = plan.currency_digits();
    let mut passed_over = Vec::new();
    let mut fit_reason: Option<String> = None;
    for granularity in [Granularity::Month, Granularity::Week] {
        let points = points_from_actuals(plan, touchpoint_id, granularity);
        if points.is_empty() {
            continue;
        }
        match fit(&points) {
            Ok(f) if f.r2 > 0.0 => {
                return Some(ResponseCurve {
                    hill: f.hill,
                    source: CurveSource::Fitted {
                        periods_used: f.periods_used,
                        granularity,
                        r2: f.r2,
                    },
                    passed_over,
                });
            }
            Ok(f) => {
                fit_reason.get_or_insert(format!(
                    "the fit to the measured periods explains too little (R² {:.2})",
                    f.r2
                ));
            }
            Err(e) => {
                fit_reason.get_or_insert(format!("not fitted: {}", e.message()));
            }
        }
    }
    passed_over.push(fit_reason.unwrap_or_else(|| {
        "not fitted: no measured periods with both spend and volume for this touchpoint".to_string()
    }));
    if !settings.points.is_empty() {
        match two_points_from(&settings.points, digits) {
            Ok(hill) => {
                let mut pts: Vec<SpendVolume> = settings
                    .points
                    .iter()
                    .map(|p| SpendVolume {
                        spend: p.spend.to_major(digits),
                        volume: p.volume,
                    })
                    .collect();
                pts.sort_by(|a, b| a.spend.total_cmp(&b.spend));
                let (low, high) = match pts.as_slice() {
                    [low, high] => (*low, *high),
                    _ => return None,
                };
                return Some(ResponseCurve {
                    hill,
                    source: CurveSource::TwoPoints { low, high },
                    passed_over,
                });
            }
            Err(e) => passed_over.push(format!("hand-set points not used: {}", e.message())),
        }
    }
    let today = SpendVolume {
        spend: non_negative(tp.budget.to_major(digits)),
        volume: tp.delivery(digits).volume,
    };
    default_curve(today).map(|hill| ResponseCurve {
        hill,
        source: CurveSource::Default {
            today,
            share_of_max: DEFAULT_SHARE_OF_MAX,
        },
        passed_over,
    })
}

// ---------------------------------------------------------------------------
// The outcome.

/// What the split maximises.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// New customers per month.
    #[default]
    NewCustomers,
    /// Revenue per month (first and repeat orders of the month's new customers).
    Revenue,
    /// Gross profit per month (revenue × gross margin).
    GrossProfit,
}

impl Outcome {
    /// The three outcomes.
    pub const ALL: [Outcome; 3] = [
        Outcome::NewCustomers,
        Outcome::Revenue,
        Outcome::GrossProfit,
    ];

    /// The words shown ("New customers").
    pub fn name(self) -> &'static str {
        match self {
            Outcome::NewCustomers => "New customers",
            Outcome::Revenue => "Revenue",
            Outcome::GrossProfit => "Gross profit",
        }
    }

    /// True when the outcome is money (revenue, gross profit).
    pub fn is_money(self) -> bool {
        self != Outcome::NewCustomers
    }

    /// The outcome's value in a funnel month.
    pub fn of(self, month: &FunnelMonth) -> f64 {
        match self {
            Outcome::NewCustomers => month.customers,
            Outcome::Revenue => month.revenue,
            Outcome::GrossProfit => month.gross_profit,
        }
    }
}

/// What one unit of volume (a session, an offline contact) brings in the outcome through
/// the plan's funnel rates: one month of the funnel ([`month_from`]) with one unit of
/// volume and nothing else. The funnel is linear in its volumes, so the value of a
/// touchpoint's volume is this × the volume.
pub fn value_per_unit(plan: &Plan, outcome: Outcome, unit: VolumeUnit) -> f64 {
    let input = match unit {
        VolumeUnit::Sessions => MonthInput {
            sessions: 1.0,
            ..MonthInput::default()
        },
        VolumeUnit::OfflineContacts => MonthInput {
            offline_contacts: 1.0,
            ..MonthInput::default()
        },
    };
    let month = month_from(&plan.funnel, plan.currency_digits(), &input);
    non_negative(outcome.of(&month))
}

// ---------------------------------------------------------------------------
// The split.

/// The amount of money (major units) the marginal return is given for: "the next 100".
pub const MARGINAL_AMOUNT: f64 = 100.0;

/// The most steps [`allocate`] takes; a total needing more is refused
/// ([`AllocationError::StepTooSmall`]). [`suggested_step`] keeps well under it.
pub const MAX_STEPS: f64 = 200_000.0;

/// One touchpoint as the split sees it. Spend is per month in major units.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Channel {
    /// The touchpoint's id.
    pub id: String,
    /// Its response curve.
    pub curve: Hill,
    /// The outcome one unit of its volume brings ([`value_per_unit`]).
    pub value_per_unit: f64,
    /// The least it must get.
    pub min: f64,
    /// The most it may get; `None`: no limit.
    pub max: Option<f64>,
    /// Today's spend.
    pub current: f64,
}

/// One touchpoint's line in a proposed split.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AllocationLine {
    /// The touchpoint's id.
    pub id: String,
    /// Today's monthly spend.
    pub current_spend: f64,
    /// The proposed monthly spend.
    pub proposed_spend: f64,
    /// The volume today's spend brings on the curve.
    pub current_volume: f64,
    /// The volume the proposed spend brings on the curve.
    pub proposed_volume: f64,
    /// The outcome today's spend brings.
    pub current_outcome: f64,
    /// The outcome the proposed spend brings.
    pub proposed_outcome: f64,
    /// The outcome the next [`MARGINAL_AMOUNT`] of money would bring at the proposed
    /// spend (whether or not the maximum allows it).
    pub marginal_per_100: f64,
    /// True when the proposed spend is at the touchpoint's maximum.
    pub at_max: bool,
}

/// A proposed split against today's.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Allocation {
    /// One line per channel, in the channels' order.
    pub lines: Vec<AllocationLine>,
    /// The total asked to split.
    pub total: f64,
    /// What the proposed split spends (the total, less what could not be placed).
    pub spent: f64,
    /// What is left unspent: every channel reached its maximum, or no channel brings
    /// anything more.
    pub unspent: f64,
    /// The step used.
    pub step: f64,
    /// The outcome of today's split (all channels, on their curves).
    pub current_outcome: f64,
    /// The outcome of the proposed split.
    pub proposed_outcome: f64,
    /// proposed − current.
    pub difference: f64,
}

/// Why a split cannot be made.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum AllocationError {
    /// No channels to split over.
    NoChannels,
    /// The total is negative or not a number.
    InvalidTotal,
    /// The step is zero, negative or not a number.
    InvalidStep,
    /// The total needs more than [`MAX_STEPS`] steps of this size.
    StepTooSmall {
        /// Steps the total would need.
        steps: f64,
    },
    /// A channel's minimum or maximum is negative or not a number, its minimum is above
    /// its maximum, or its value per unit or today's spend is not usable.
    InvalidBounds {
        /// The channel's id.
        id: String,
    },
    /// The minimums add up to more than the total.
    MinimumsAboveTotal {
        /// Sum of the minimums.
        minimums: f64,
        /// The total.
        total: f64,
    },
}

impl AllocationError {
    /// The reason in words for the user (amounts as plain numbers).
    pub fn message(&self) -> String {
        match self {
            AllocationError::NoChannels => {
                "There is no paid touchpoint with a response curve to split the budget over"
                    .to_string()
            }
            AllocationError::InvalidTotal => "Enter a total budget of 0 or more".to_string(),
            AllocationError::InvalidStep => "The step must be above 0".to_string(),
            AllocationError::StepTooSmall { steps } => format!(
                "The total would take {steps:.0} steps; use a larger step (at most {MAX_STEPS:.0} steps)"
            ),
            AllocationError::InvalidBounds { id } => format!(
                "The minimum and maximum of {id} must be 0 or more, with the minimum not above the maximum"
            ),
            AllocationError::MinimumsAboveTotal { minimums, total } => format!(
                "The minimums add up to {minimums:.2}, more than the total of {total:.2}: lower a minimum or raise the total"
            ),
        }
    }
}

/// A round step for splitting `total`: the smallest of 1, 2, 5, 10, 20, 50… that splits
/// it into at most 1,000 steps (1 for a total of 0 or one that is not a number).
pub fn suggested_step(total: f64) -> f64 {
    let t = non_negative(total);
    let mut step = 1.0;
    for _ in 0..60 {
        for m in [1.0, 2.0, 5.0] {
            if t / (step * m) <= 1000.0 {
                return step * m;
            }
        }
        step *= 10.0;
    }
    step
}

/// The outcome a channel brings at a spend.
fn outcome_at(c: &Channel, spend: f64) -> f64 {
    fin(c.value_per_unit * c.curve.volume(spend))
}

/// Splits `total` (per month, major units) over the channels to bring the most outcome.
///
/// Each channel starts at its minimum; the rest is given out in steps of `step`, each to
/// the channel whose next step brings the most outcome per unit of money (the last step
/// of a channel reaching its maximum, or of the total, may be smaller). For concave
/// curves (every [`Hill`]) the result is the best split among all splits in whole steps
/// above the minimums, so it is within one step of the best split of all. Money that no
/// channel can take (every maximum reached) or that brings nothing (no channel's outcome
/// rises) is left unspent and reported.
pub fn allocate(
    channels: &[Channel],
    total: f64,
    step: f64,
) -> Result<Allocation, AllocationError> {
    if channels.is_empty() {
        return Err(AllocationError::NoChannels);
    }
    if !(total.is_finite() && total >= 0.0) {
        return Err(AllocationError::InvalidTotal);
    }
    if !(step.is_finite() && step > 0.0) {
        return Err(AllocationError::InvalidStep);
    }
    let steps = total / step;
    if !steps.is_finite() || steps > MAX_STEPS {
        return Err(AllocationError::StepTooSmall { steps: fin(steps) });
    }
    for c in channels {
        let max_ok = c.max.is_none_or(|m| m.is_finite() && m >= c.min);
        let ok = c.min.is_finite()
            && c.min >= 0.0
            && max_ok
            && c.value_per_unit.is_finite()
            && c.value_per_unit >= 0.0
            && c.current.is_finite()
            && c.current >= 0.0;
        if !ok {
            return Err(AllocationError::InvalidBounds { id: c.id.clone() });
        }
    }
    let minimums: f64 = channels.iter().map(|c| c.min).sum();
    if minimums > total * (1.0 + 1e-12) + 1e-9 {
        return Err(AllocationError::MinimumsAboveTotal { minimums, total });
    }
    let mut spend: Vec<f64> = channels.iter().map(|c| c.min).collect();
    let mut remaining = (total - minimums).max(0.0);
    // Cached (size, gain) of each channel's next step; recomputed when it moves or when
    // the step size it can take changes.
    let size_for = |i: usize, spend_i: f64, remaining: f64| -> f64 {
        let room = channels[i]
            .max
            .map_or(f64::INFINITY, |m| (m - spend_i).max(0.0));
        step.min(remaining).min(room)
    };
    let gain_for = |i: usize, spend_i: f64, size: f64| -> f64 {
        if size <= 0.0 {
            return 0.0;
        }
        let c = &channels[i];
        fin(outcome_at(c, spend_i + size) - outcome_at(c, spend_i))
    };
    let mut next: Vec<(f64, f64)> = (0..channels.len())
        .map(|i| {
            let size = size_for(i, spend[i], remaining);
            (size, gain_for(i, spend[i], size))
        })
        .collect();
    // Each pass places one step (or a smaller last one); the bound keeps the loop finite.
    let passes = steps.ceil() as usize + channels.len() + 2;
    for _ in 0..passes {
        if remaining <= step * 1e-9 {
            break;
        }
        for (i, n) in next.iter_mut().enumerate() {
            let size = size_for(i, spend[i], remaining);
            if size != n.0 {
                *n = (size, gain_for(i, spend[i], size));
            }
        }
        let mut best: Option<(usize, f64)> = None;
        for (i, (size, gain)) in next.iter().enumerate() {
            if *size <= 0.0 || *gain <= 0.0 {
                continue;
            }
            let rate = gain / size;
            if best.is_none_or(|(_, r)| rate > r) {
                best = Some((i, rate));
            }
        }
        let Some((i, _)) = best else {
            break;
        };
        let size = next[i].0;
        spend[i] += size;
        remaining = (remaining - size).max(0.0);
        let new_size = size_for(i, spend[i], remaining);
        next[i] = (new_size, gain_for(i, spend[i], new_size));
    }
    let lines: Vec<AllocationLine> = channels
        .iter()
        .zip(&spend)
        .map(|(c, &s)| {
            let proposed_volume = c.curve.volume(s);
            AllocationLine {
                id: c.id.clone(),
                current_spend: c.current,
                proposed_spend: s,
                current_volume: c.curve.volume(c.current),
                proposed_volume,
                current_outcome: outcome_at(c, c.current),
                proposed_outcome: outcome_at(c, s),
                marginal_per_100: fin(
                    c.value_per_unit * (c.curve.volume(s + MARGINAL_AMOUNT) - proposed_volume)
                ),
                at_max: c.max.is_some_and(|m| s >= m - 1e-9 * m.max(1.0)),
            }
        })
        .collect();
    let current_outcome: f64 = lines.iter().map(|l| l.current_outcome).sum();
    let proposed_outcome: f64 = lines.iter().map(|l| l.proposed_outcome).sum();
    let spent: f64 = spend.iter().sum();
    Ok(Allocation {
        lines,
        total,
        spent: fin(spent),
        unspent: fin((total - spent).max(0.0)),
        step,
        current_outcome: fin(current_outcome),
        proposed_outcome: fin(proposed_outcome),
        difference: fin(proposed_outcome - current_outcome),
    })
}

// ---------------------------------------------------------------------------
// From and back to the plan.

/// A paid touchpoint ready for the split: its channel and its curve's story.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PlanChannel {
    /// The channel for [`allocate`].
    pub channel: Channel,
    /// The touchpoint's name.
    pub name: String,
    /// What its volume counts.
    pub unit: VolumeUnit,
    /// Its curve and where it comes from.
    pub curve: ResponseCurve,
}

/// A paid touchpoint left out of the split, and why.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SkippedTouchpoint {
    /// The touchpoint's id.
    pub id: String,
    /// The touchpoint's name.
    pub name: String,
    /// Why, in words.
    pub reason: String,
}

/// The plan's paid touchpoints as channels for the split.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct PlanChannels {
    /// Touchpoints with a curve, in stage order.
    pub channels: Vec<PlanChannel>,
    /// Paid touchpoints with a budget or a volume left out, and why.
    pub skipped: Vec<SkippedTouchpoint>,
}

impl PlanChannels {
    /// The channels alone, for [`allocate`].
    pub fn for_allocate(&self) -> Vec<Channel> {
        self.channels.iter().map(|c| c.channel.clone()).collect()
    }

    /// Today's total monthly spend of the channels.
    pub fn current_total(&self) -> f64 {
        fin(self.channels.iter().map(|c| c.channel.current).sum())
    }
}

/// The plan's paid touchpoints that have a budget or a volume and whose volume the
/// funnel counts (sessions or offline contacts), each with its curve ([`curve_for`]),
/// the value of a unit of its volume in `outcome`, today's budget, and the minimum and
/// maximum from `settings` (called with each touchpoint; once the plan keeps
/// [`SplitSettings`] on its touchpoints, pass `|t| t.split.clone()`).
pub fn channels_from_plan(
    plan: &Plan,
    outcome: Outcome,
    settings: impl Fn(&Touchpoint) -> SplitSettings,
) -> PlanChannels {
    let digits = plan.currency_digits();
    let mut out = PlanChannels::default();
    for (stage, tp) in plan.touchpoints_by_stage() {
        if tp.media != Media::Paid {
            continue;
        }
        let budget = non_negative(tp.budget.to_major(digits));
        let volume = tp.delivery(digits).volume;
        if budget <= 0.0 && volume <= 0.0 {
            continue;
        }
        let skip = |reason: &str| SkippedTouchpoint {
            id: tp.id.clone(),
            name: tp.name.clone(),
            reason: reason.to_string(),
        };
        let Some(unit) = volume_unit(stage, tp) else {
            out.skipped.push(skip(
                "its volume does not feed the funnel (only online Reach sessions and offline contacts bring new customers)",
            ));
            continue;
        };
        let s = settings(tp);
        let Some(curve) = curve_for(plan, &tp.id, &s) else {
            out.skipped.push(skip(
                "no response curve: record its spend and volume on the Measure screen, set two points, or give it both a budget and a volume",
            ));
            continue;
        };
        let min = s
            .min_budget
            .map_or(0.0, |m| non_negative(m.to_major(digits)));
        let max = s
            .max_budget
            .map(|m| non_negative(m.to_major(digits)).max(min));
        out.channels.push(PlanChannel {
            channel: Channel {
                id: tp.id.clone(),
                curve: curve.hill,
                value_per_unit: value_per_unit(plan, outcome, unit),
                min,
                max,
                current: budget,
            },
            name: tp.name.clone(),
            unit,
            curve,
        });
    }
    out
}

/// A copy of the plan with the proposed split applied to its touchpoints' monthly
/// budgets (rounded to the currency's minor unit). So that the plan's forecast shows
/// the volume the curve gives at the new budget:
/// - planned by volume: the monthly volume is set from the curve;
/// - planned by CPC or CPM: the budget buys the volume at a price, so the price is set
///   to the average price the curve implies at the new budget (CPC = budget × landing
///   rate ÷ volume; CPM = budget × 1,000 × CTR × landing rate ÷ volume): buying more
///   costs more per click as the touchpoint saturates. The price is left as it was when
///   the new budget or its volume is 0, or when the landing rate or CTR is 0.
///
/// Lines whose touchpoint is not in the plan are ignored.
pub fn apply_split(plan: &Plan, allocation: &Allocation) -> Plan {
    let digits = plan.currency_digits();
    let mut out = plan.clone();
    for line in &allocation.lines {
        let Some(tp) = out.touchpoint_mut(&line.id) else {
            continue;
        };
        let Some(budget) = Money::from_major_f64(non_negative(line.proposed_spend), digits) else {
            continue;
        };
        tp.budget = budget;
        let spend = budget.to_major(digits);
        let volume = non_negative(line.proposed_volume);
        let landing = non_negative(tp.landing_rate);
        match tp.plan_by {
            PlanBy::Volume => tp.monthly_volume = volume,
            PlanBy::Cpc => {
                if spend > 0.0 && volume > 0.0 && landing > 0.0 {
                    if let Some(cpc) = Money::from_major_f64(spend * landing / volume, digits) {
                        tp.cpc = cpc;
                    }
                }
            }
            PlanBy::Cpm => {
                let ctr = non_negative(tp.ctr);
                if spend > 0.0 && volume > 0.0 && landing > 0.0 && ctr > 0.0 {
                    let price = spend * 1000.0 * ctr * landing / volume;
                    if let Some(cpm) = Money::from_major_f64(price, digits) {
                        tp.cpm = cpm;
                    }
                }
            }
        }
    }
    out
}
