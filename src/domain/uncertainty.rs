//! Ranges with odds and sensitivity: the plan's inputs entered as low / likely / high,
//! a seeded Monte Carlo run of the funnel, and a tornado of the inputs that move the
//! outcome most. The method is written out for marketers in `docs/uncertainty.md`.
//!
//! - An [`InputRef`] names one plan input: a funnel rate, volume or amount, a
//!   touchpoint's volume, budget or prices, or an initiative's cost.
//! - An [`InputRange`] gives an input a low and a high, read as its 10th and 90th
//!   percentiles; the likely value (the median) is the plan's own value of the input.
//! - Each ranged input follows a two-piece ("split") distribution whose 10th percentile
//!   is the low, whose median is the likely value and whose 90th percentile is the high,
//!   exactly, whatever the skew: a split normal for rates (clamped to the rate's valid
//!   range), a split lognormal for volumes, counts and money when the low is above 0
//!   (a split normal clamped at 0 otherwise). See [`Spread`].
//! - Inputs are drawn independently of one another: a touchpoint's CTR and its CPC, or
//!   the conversion rate and the AOV, never move together in a draw. Only the funnel
//!   links them (leads follow sessions, revenue follows customers).
//! - [`SimModel`] holds everything a draw needs, so a web worker can run [`simulate`]
//!   from it alone; [`tornado`] swings each input from its low to its high.

use serde::{Deserialize, Serialize};

use super::funnel::{self, FunnelMonth, Traffic};
use super::goal;
use super::input::{sentence, InputError};
use super::kpi::{self, finite, ForecastKpi};
use super::measure;
use super::money::Money;
use super::period::{parse_date, Date};
use super::plan::{
    FieldError, FunnelField, FunnelInputs, FunnelMoney, KpiVariants, Plan, Stage, Touchpoint,
    MAX_HORIZON_MONTHS,
};
use super::validate;

/// The most ranges a plan may hold.
pub const MAX_RANGES: usize = 50;

/// The largest low or high of a volume, count or amount (major units): beyond it the
/// forecast's sums would lose their meaning.
pub const MAX_RANGE_VALUE: f64 = 1e12;

/// The most draws one simulation runs.
pub const MAX_DRAWS: u32 = 200_000;

/// The draws a simulation runs unless told otherwise.
pub const DEFAULT_DRAWS: u32 = 10_000;

/// The number of bins of the revenue histogram.
pub const HISTOGRAM_BINS: usize = 20;

/// The 90th percentile of the standard normal distribution: the low and the high lie
/// this many (left or right) standard deviations from the likely value.
pub const Z90: f64 = 1.281_551_565_544_600_4;

/// `x` if finite, else 0.
fn fin(x: f64) -> f64 {
    if x.is_finite() {
        x
    } else {
        0.0
    }
}

// ---------------------------------------------------------------------------
// Inputs.

/// A funnel input that can be ranged or overridden (a field of [`FunnelInputs`] the
/// forecast uses).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FunnelInput {
    /// Monthly traffic growth.
    TrafficGrowth,
    /// Session → lead rate.
    ActRate,
    /// Lead → customer rate.
    ConvertRate,
    /// Offline contact → customer rate.
    OfflineConvertRate,
    /// Average order value.
    Aov,
    /// First orders per new customer.
    OrdersPerCustomer,
    /// Repeat purchase rate.
    RepeatRate,
    /// Further orders per repeat customer.
    RepeatOrders,
    /// Gross margin.
    GrossMargin,
    /// Other sales and marketing cost per month.
    MarketingCostOther,
}

impl FunnelInput {
    /// Every funnel input, in the order of the stage screens.
    pub const ALL: [FunnelInput; 10] = [
        FunnelInput::TrafficGrowth,
        FunnelInput::ActRate,
        FunnelInput::ConvertRate,
        FunnelInput::OfflineConvertRate,
        FunnelInput::OrdersPerCustomer,
        FunnelInput::Aov,
        FunnelInput::MarketingCostOther,
        FunnelInput::RepeatRate,
        FunnelInput::RepeatOrders,
        FunnelInput::GrossMargin,
    ];

    /// The field's JSON name in the plan's `funnel` ("act_rate").
    pub fn key(self) -> &'static str {
        match self {
            FunnelInput::TrafficGrowth => "traffic_growth",
            FunnelInput::ActRate => "act_rate",
            FunnelInput::ConvertRate => "convert_rate",
            FunnelInput::OfflineConvertRate => "offline_convert_rate",
            FunnelInput::Aov => "aov",
            FunnelInput::OrdersPerCustomer => "orders_per_customer",
            FunnelInput::RepeatRate => "repeat_rate",
            FunnelInput::RepeatOrders => "repeat_orders",
            FunnelInput::GrossMargin => "gross_margin",
            FunnelInput::MarketingCostOther => "marketing_cost_other",
        }
    }

    /// The input named by its key.
    pub fn from_key(key: &str) -> Option<FunnelInput> {
        FunnelInput::ALL.into_iter().find(|f| f.key() == key)
    }

    /// The plain number field behind it, if it is not money.
    fn field(self) -> Option<FunnelField> {
        Some(match self {
            FunnelInput::TrafficGrowth => FunnelField::TrafficGrowth,
            FunnelInput::ActRate => FunnelField::ActRate,
            FunnelInput::ConvertRate => FunnelField::ConvertRate,
            FunnelInput::OfflineConvertRate => FunnelField::OfflineConvertRate,
            FunnelInput::OrdersPerCustomer => FunnelField::OrdersPerCustomer,
            FunnelInput::RepeatRate => FunnelField::RepeatRate,
            FunnelInput::RepeatOrders => FunnelField::RepeatOrders,
            FunnelInput::GrossMargin => FunnelField::GrossMargin,
            FunnelInput::Aov | FunnelInput::MarketingCostOther => return None,
        })
    }

    /// The money field behind it, if it is money.
    fn money(self) -> Option<FunnelMoney> {
        match self {
            FunnelInput::Aov => Some(FunnelMoney::Aov),
            FunnelInput::MarketingCostOther => Some(FunnelMoney::MarketingCostOther),
            _ => None,
        }
    }

    /// The stage screen where the input is entered.
    pub fn stage(self) -> Stage {
        match self {
            FunnelInput::TrafficGrowth => Stage::Reach,
            FunnelInput::ActRate => Stage::Act,
            FunnelInput::ConvertRate
            | FunnelInput::OfflineConvertRate
            | FunnelInput::Aov
            | FunnelInput::OrdersPerCustomer
            | FunnelInput::MarketingCostOther => Stage::Convert,
            FunnelInput::RepeatRate | FunnelInput::RepeatOrders | FunnelInput::GrossMargin => {
                Stage::Engage
            }
        }
    }

    /// The input's name as the form shows it ("Lead → customer rate").
    pub fn name(self) -> &'static str {
        match self {
            FunnelInput::Aov => "Average order value (AOV)",
            FunnelInput::MarketingCostOther => "Other sales and marketing cost per month",
            other => other.field().map_or("", FunnelField::label),
        }
    }

    /// What kind of number it is.
    pub fn kind(self) -> InputKind {
        match self {
            FunnelInput::TrafficGrowth => InputKind::Growth,
            FunnelInput::Aov | FunnelInput::MarketingCostOther => InputKind::Money,
            FunnelInput::OrdersPerCustomer | FunnelInput::RepeatOrders => InputKind::Count,
            _ => InputKind::Rate,
        }
    }

    /// The value in `inputs` (money in major units).
    pub fn get(self, inputs: &FunnelInputs, digits: u32) -> f64 {
        match self {
            FunnelInput::Aov => inputs.aov.to_major(digits),
            FunnelInput::MarketingCostOther => inputs.marketing_cost_other.to_major(digits),
            other => other.field().map_or(0.0, |f| f.get(inputs)),
        }
    }

    /// Writes a value without checking it (money rounded to the minor unit): for draws,
    /// which are valid by construction.
    fn put(self, inputs: &mut FunnelInputs, digits: u32, value: f64) {
        let money = || Money::from_major_f64(value, digits).unwrap_or(Money::ZERO);
        match self {
            FunnelInput::TrafficGrowth => inputs.traffic_growth = value,
            FunnelInput::ActRate => inputs.act_rate = value,
            FunnelInput::ConvertRate => inputs.convert_rate = value,
            FunnelInput::OfflineConvertRate => inputs.offline_convert_rate = value,
            FunnelInput::Aov => inputs.aov = money(),
            FunnelInput::OrdersPerCustomer => inputs.orders_per_customer = value,
            FunnelInput::RepeatRate => inputs.repeat_rate = value,
            FunnelInput::RepeatOrders => inputs.repeat_orders = value,
            FunnelInput::GrossMargin => inputs.gross_margin = value,
            FunnelInput::MarketingCostOther => inputs.marketing_cost_other = money(),
        }
    }
}

/// A touchpoint input that can be ranged or overridden.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TouchpointInput {
    /// Typed volume per month.
    MonthlyVolume,
    /// Budget per month.
    Budget,
    /// Cost per click.
    Cpc,
    /// Cost per thousand impressions.
    Cpm,
    /// Click-through rate.
    Ctr,
    /// Sessions (or contacts) per click.
    LandingRate,
}

impl TouchpointInput {
    /// Every touchpoint input.
    pub const ALL: [TouchpointInput; 6] = [
        TouchpointInput::MonthlyVolume,
        TouchpointInput::Budget,
        TouchpointInput::Cpc,
        TouchpointInput::Cpm,
        TouchpointInput::Ctr,
        TouchpointInput::LandingRate,
    ];

    /// The field's JSON name in a touchpoint ("budget").
    pub fn key(self) -> &'static str {
        match self {
            TouchpointInput::MonthlyVolume => "monthly_volume",
            TouchpointInput::Budget => "budget",
            TouchpointInput::Cpc => "cpc",
            TouchpointInput::Cpm => "cpm",
            TouchpointInput::Ctr => "ctr",
            TouchpointInput::LandingRate => "landing_rate",
        }
    }

    /// The input named by its key.
    pub fn from_key(key: &str) -> Option<TouchpointInput> {
        TouchpointInput::ALL.into_iter().find(|f| f.key() == key)
    }

    /// What it is, after the touchpoint's name ("budget per month").
    pub fn name(self) -> &'static str {
        match self {
            TouchpointInput::MonthlyVolume => "volume per month",
            TouchpointInput::Budget => "budget per month",
            TouchpointInput::Cpc => "cost per click",
            TouchpointInput::Cpm => "cost per thousand impressions",
            TouchpointInput::Ctr => "click-through rate",
            TouchpointInput::LandingRate => "landing rate",
        }
    }

    /// What kind of number it is.
    pub fn kind(self) -> InputKind {
        match self {
            TouchpointInput::MonthlyVolume => InputKind::Count,
            TouchpointInput::Budget | TouchpointInput::Cpc | TouchpointInput::Cpm => {
                InputKind::Money
            }
            TouchpointInput::Ctr | TouchpointInput::LandingRate => InputKind::Rate,
        }
    }

    /// The value on a touchpoint (money in major units).
    pub fn get(self, tp: &Touchpoint, digits: u32) -> f64 {
        match self {
            TouchpointInput::MonthlyVolume => tp.monthly_volume,
            TouchpointInput::Budget => tp.budget.to_major(digits),
            TouchpointInput::Cpc => tp.cpc.to_major(digits),
            TouchpointInput::Cpm => tp.cpm.to_major(digits),
            TouchpointInput::Ctr => tp.ctr,
            TouchpointInput::LandingRate => tp.landing_rate,
        }
    }

    /// Writes a value without checking it (money rounded to the minor unit).
    fn put(self, tp: &mut Touchpoint, digits: u32, value: f64) {
        let money = || Money::from_major_f64(value, digits).unwrap_or(Money::ZERO);
        match self {
            TouchpointInput::MonthlyVolume => tp.monthly_volume = value,
            TouchpointInput::Budget => tp.budget = money(),
            TouchpointInput::Cpc => tp.cpc = money(),
            TouchpointInput::Cpm => tp.cpm = money(),
            TouchpointInput::Ctr => tp.ctr = value,
            TouchpointInput::LandingRate => tp.landing_rate = value,
        }
    }
}

/// What kind of number an input is, which sets its valid values and its distribution.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InputKind {
    /// A rate from 0 to 1.
    Rate,
    /// Monthly growth from −1 to 1.
    Growth,
    /// A volume or count, 0 or more.
    Count,
    /// Money in major units, 0 or more.
    Money,
}

impl InputKind {
    /// The smallest and largest valid values.
    pub fn bounds(self) -> (f64, f64) {
        match self {
            InputKind::Rate => (0.0, 1.0),
            InputKind::Growth => (-1.0, 1.0),
            InputKind::Count | InputKind::Money => (0.0, MAX_RANGE_VALUE),
        }
    }

    /// Why `value` is not a valid value of this kind, if it is not.
    pub fn check(self, value: f64) -> Option<&'static str> {
        match self {
            InputKind::Rate => validate::check_rate(value),
            InputKind::Growth => validate::check_growth(value),
            InputKind::Count | InputKind::Money => validate::check_count(value)
                .or((value > MAX_RANGE_VALUE).then_some("must be at most 1,000,000,000,000")),
        }
    }

    /// True for rates and growth (shown as percents).
    pub fn is_percent(self) -> bool {
        matches!(self, InputKind::Rate | InputKind::Growth)
    }
}

/// One input of the plan that a range or a scenario can change. Written in files as a
/// short text: `funnel:<field>` (`funnel:convert_rate`), `touchpoint:<id>:<field>`
/// (`touchpoint:google-ads:budget`) or `initiative:<id>:cost`. Money is read and
/// written in major units at this interface and stored as exact [`Money`] in the plan.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub enum InputRef {
    /// A funnel input.
    Funnel(FunnelInput),
    /// An input of the touchpoint with this id.
    Touchpoint {
        /// The touchpoint's id.
        id: String,
        /// Which of its inputs.
        field: TouchpointInput,
    },
    /// The one-off cost of the initiative with this id.
    InitiativeCost {
        /// The initiative's id.
        id: String,
    },
}

impl std::fmt::Display for InputRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            InputRef::Funnel(field) => write!(f, "funnel:{}", field.key()),
            InputRef::Touchpoint { id, field } => write!(f, "touchpoint:{id}:{}", field.key()),
            InputRef::InitiativeCost { id } => write!(f, "initiative:{id}:cost"),
        }
    }
}

impl From<InputRef> for String {
    fn from(r: InputRef) -> String {
        r.to_string()
    }
}

impl TryFrom<String> for InputRef {
    type Error = String;
    fn try_from(text: String) -> Result<InputRef, String> {
        InputRef::parse(&text)
            .ok_or_else(|| format!("\"{text}\" is not a plan input (like \"funnel:act_rate\")"))
    }
}

impl InputRef {
    /// Reads the text form (see [`InputRef`]); `None` when it names no input.
    pub fn parse(text: &str) -> Option<InputRef> {
        let (kind, rest) = text.split_once(':')?;
        match kind {
            "funnel" => FunnelInput::from_key(rest).map(InputRef::Funnel),
            "touchpoint" => {
                let (id, field) = rest.rsplit_once(':')?;
                (!id.is_empty()).then_some(())?;
                Some(InputRef::Touchpoint {
                    id: id.to_string(),
                    field: TouchpointInput::from_key(field)?,
                })
            }
            "initiative" => {
                let (id, field) = rest.rsplit_once(':')?;
                (field == "cost" && !id.is_empty())
                    .then(|| InputRef::InitiativeCost { id: id.to_string() })
            }
            _ => None,
        }
    }

    /// What kind of number the input is.
    pub fn kind(&self) -> InputKind {
        match self {
            InputRef::Funnel(f) => f.kind(),
            InputRef::Touchpoint { field, .. } => field.kind(),
            InputRef::InitiativeCost { .. } => InputKind::Money,
        }
    }

    /// Why `value` is not valid for this input, if it is not.
    pub fn check(&self, value: f64) -> Option<&'static str> {
        self.kind().check(value)
    }

    /// True when the input changes the funnel's forecast, so that it can be ranged (an
    /// initiative's one-off cost does not: compare it in a scenario).
    pub fn is_rangeable(&self) -> bool {
        !matches!(self, InputRef::InitiativeCost { .. })
    }

    /// The input's value in the plan (money in major units); `None` when its touchpoint
    /// or initiative does not exist.
    pub fn value(&self, plan: &Plan) -> Option<f64> {
        let digits = plan.currency_digits();
        match self {
            InputRef::Funnel(f) => Some(f.get(&plan.funnel, digits)),
            InputRef::Touchpoint { id, field } => plan.touchpoint(id).map(|t| field.get(t, digits)),
            InputRef::InitiativeCost { id } => plan.initiative(id).map(|i| i.cost.to_major(digits)),
        }
    }

    /// Sets the input in the plan (money in major units, stored to the minor unit)
    /// after checking the value; on error the plan is unchanged.
    pub fn set(&self, plan: &mut Plan, value: f64) -> Result<(), InputError> {
        if let Some(message) = self.check(value) {
            return Err(InputError::new(sentence(message)));
        }
        let digits = plan.currency_digits();
        let money = || {
            Money::from_major_f64(value, digits).ok_or_else(|| InputError::new("Enter an amount"))
        };
        match self {
            InputRef::Funnel(f) => match (f.field(), f.money()) {
                (Some(field), _) => field.set(&mut plan.funnel, value),
                (None, Some(m)) => plan.funnel.set_money(m, money()?),
                (None, None) => Ok(()),
            },
            InputRef::Touchpoint { id, field } => {
                let tp = plan
                    .touchpoint_mut(id)
                    .ok_or_else(|| InputError::new("This touchpoint no longer exists"))?;
                match field {
                    TouchpointInput::MonthlyVolume => tp.set_monthly_volume(value),
                    TouchpointInput::Budget => tp.set_budget(money()?),
                    TouchpointInput::Cpc => tp.set_cpc(money()?),
                    TouchpointInput::Cpm => tp.set_cpm(money()?),
                    TouchpointInput::Ctr => tp.set_ctr(value),
                    TouchpointInput::LandingRate => tp.set_landing_rate(value),
                }
            }
            InputRef::InitiativeCost { id } => {
                let cost = money()?;
                plan.initiative_mut(id)
                    .ok_or_else(|| InputError::new("This initiative no longer exists"))?
                    .set_cost(cost)
            }
        }
    }

    /// The input's name for people: "Lead → customer rate (Convert)", "Google Search
    /// ads: budget per month", "Add trust badges: one-off cost".
    pub fn label(&self, plan: &Plan) -> String {
        match self {
            InputRef::Funnel(f) => format!("{} ({})", f.name(), f.stage().name()),
            InputRef::Touchpoint { id, field } => {
                let name = plan.touchpoint(id).map_or(id.as_str(), |t| t.name.as_str());
                format!("{name}: {}", field.name())
            }
            InputRef::InitiativeCost { id } => {
                let name = plan
                    .initiative(id)
                    .map_or(id.as_str(), |i| i.title.as_str());
                format!("{name}: one-off cost")
            }
        }
    }

    /// The stage screen where the input is entered; `None` when its touchpoint or
    /// initiative does not exist.
    pub fn stage(&self, plan: &Plan) -> Option<Stage> {
        match self {
            InputRef::Funnel(f) => Some(f.stage()),
            InputRef::Touchpoint { id, .. } => plan.touchpoint_stage(id),
            InputRef::InitiativeCost { id } => plan.initiative(id).map(|i| i.stage),
        }
    }

    /// Ids of the initiatives that act on the input: for a touchpoint's input, those
    /// working on that touchpoint; for a funnel input, those of its stage that work on
    /// no particular touchpoint; for an initiative's cost, the initiative itself.
    pub fn initiatives(&self, plan: &Plan) -> Vec<String> {
        let all = plan.strategy.initiatives.iter();
        match self {
            InputRef::Funnel(f) => all
                .filter(|i| i.stage == f.stage() && i.touchpoint.is_none())
                .map(|i| i.id.clone())
                .collect(),
            InputRef::Touchpoint { id, .. } => all
                .filter(|i| i.touchpoint.as_deref() == Some(id.as_str()))
                .map(|i| i.id.clone())
                .collect(),
            InputRef::InitiativeCost { id } => {
                all.filter(|i| &i.id == id).map(|i| i.id.clone()).collect()
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Ranges and their distribution.

/// A range on one input: its low and high, read as the 10th and 90th percentiles. The
/// likely value (the median) is the plan's own value of the input.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InputRange {
    /// The input.
    pub input: InputRef,
    /// 10th percentile, in the input's unit (rates as fractions, money in major units).
    pub low: f64,
    /// 90th percentile.
    pub high: f64,
}

/// Every problem with ranges against a plan, with paths like `ranges[2].low`: more than
/// [`MAX_RANGES`]; an input ranged twice; an input that does not exist or cannot be
/// ranged; a low or high that is not a valid value of the input; a low above the plan's
/// value or a high below it. Empty when a simulation can run.
pub fn check_ranges(plan: &Plan, ranges: &[InputRange]) -> Vec<FieldError> {
    let mut errors = validate::range_errors(ranges);
    for (i, r) in ranges.iter().enumerate() {
        let Some(likely) = r.input.value(plan) else {
            let what = match r.input {
                InputRef::InitiativeCost { .. } => "an initiative",
                _ => "a touchpoint",
            };
            errors.push(FieldError::new(
                format!("ranges[{i}].input"),
                format!("refers to {what} that does not exist"),
            ));
            continue;
        };
        if r.low.is_finite() && r.low > likely {
            errors.push(FieldError::new(
                format!("ranges[{i}].low"),
                "must not be above the plan's value (the likely value)",
            ));
        }
        if r.high.is_finite() && r.high < likely {
            errors.push(FieldError::new(
                format!("ranges[{i}].high"),
                "must not be below the plan's value (the likely value)",
            ));
        }
    }
    errors
}

/// Sets the plan's range of an input (replacing any it had) after checking it against
/// the plan ([`check_ranges`]): refused beyond [`MAX_RANGES`], for an input that does
/// not exist or cannot be ranged, and for a low or high that is invalid or on the wrong
/// side of the plan's value. On error the plan is unchanged.
pub fn set_range(plan: &mut Plan, range: InputRange) -> Result<(), InputError> {
    let existing = plan.ranges.iter().position(|r| r.input == range.input);
    if existing.is_none() && plan.ranges.len() >= MAX_RANGES {
        return Err(InputError::new(format!(
            "A plan may hold at most {MAX_RANGES} ranges"
        )));
    }
    if let Some(e) = check_ranges(plan, std::slice::from_ref(&range)).first() {
        let field = e.path.rsplit('.').next().unwrap_or("");
        let what = match field {
            "low" => "The low value ",
            "high" => "The high value ",
            _ => "The input ",
        };
        return Err(InputError::new(format!("{what}{}", e.message)));
    }
    match existing.and_then(|i| plan.ranges.get_mut(i)) {
        Some(slot) => *slot = range,
        None => plan.ranges.push(range),
    }
    Ok(())
}

/// Removes the plan's range of an input; true when it had one.
pub fn remove_range(plan: &mut Plan, input: &InputRef) -> bool {
    let before = plan.ranges.len();
    plan.ranges.retain(|r| &r.input != input);
    plan.ranges.len() != before
}

/// A two-piece ("split") distribution with its median at the likely value and its 10th
/// and 90th percentiles at the low and the high, exactly.
///
/// Below the median it is one half of a normal (or lognormal) distribution, above it the
/// half of another with its own spread, so a range may be lopsided ("likely 2 %, could
/// be 1.5 %, could be 4 %") and the stated percentiles still hold: a draw maps a
/// standard normal z to likely + σ_left·z for z < 0 and likely + σ_right·z for z ≥ 0,
/// with σ_left = (likely − low) ÷ 1.2816 and σ_right = (high − likely) ÷ 1.2816 (1.2816
/// is the standard normal's 90th percentile, [`Z90`]). Rates and growth are clamped to
/// their valid range, which moves only draws beyond the low or the high. Volumes, counts
/// and money with a low above 0 are split lognormal: the same in logarithms, so they
/// never fall below 0 and spread in proportion; with a low of 0 they are split normal
/// clamped at 0.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Spread {
    /// The median, the likely value.
    pub median: f64,
    /// The median in the scale of the spreads (its logarithm when `log`).
    pub centre: f64,
    /// Spread below the median.
    pub left: f64,
    /// Spread above the median.
    pub right: f64,
    /// Whether the spreads are in logarithms (split lognormal).
    pub log: bool,
    /// Smallest value.
    pub min: f64,
    /// Largest value.
    pub max: f64,
}

impl Spread {
    /// The distribution of an input of `kind` with these low, likely and high values.
    pub fn new(kind: InputKind, low: f64, likely: f64, high: f64) -> Spread {
        let (min, max) = kind.bounds();
        let (low, likely, high) = (fin(low), fin(likely), fin(high));
        let log = matches!(kind, InputKind::Count | InputKind::Money) && low > 0.0;
        if log {
            let (l, m, h) = (low.ln(), likely.max(low).ln(), high.max(likely).ln());
            Spread {
                median: likely.max(low),
                centre: m,
                left: fin((m - l) / Z90).max(0.0),
                right: fin((h - m) / Z90).max(0.0),
                log,
                min,
                max,
            }
        } else {
            Spread {
                median: likely,
                centre: likely,
                left: fin((likely - low) / Z90).max(0.0),
                right: fin((high - likely) / Z90).max(0.0),
                log,
                min,
                max,
            }
        }
    }

    /// The value at standard normal deviate `z` (its quantile at Φ(z)): the low at
    /// −1.2816, the likely value at 0, the high at +1.2816.
    pub fn at(&self, z: f64) -> f64 {
        let z = fin(z);
        let step = if z < 0.0 {
            self.left * z
        } else {
            self.right * z
        };
        if step == 0.0 {
            // The likely value itself, not the exponential of its logarithm.
            return fin(self.median).clamp(self.min, self.max);
        }
        let x = if self.log {
            (self.centre + step).min(self.max.ln()).exp()
        } else {
            self.centre + step
        };
        fin(x).clamp(self.min, self.max)
    }
}

/// SplitMix64 (Steele, Lea and Flood, 2014): a 64-bit generator of a few lines that
/// passes BigCrush, so the same seed always gives the same draws on every platform.
/// Normals come from it by the Box–Muller transform.
#[derive(Clone, Debug)]
pub struct Draws {
    state: u64,
    spare: Option<f64>,
}

impl Draws {
    /// A generator started at `seed`.
    pub fn new(seed: u64) -> Draws {
        Draws {
            state: seed,
            spare: None,
        }
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A uniform number strictly between 0 and 1.
    pub fn uniform(&mut self) -> f64 {
        ((self.next_u64() >> 11) as f64 + 0.5) / (1u64 << 53) as f64
    }

    /// A standard normal number (Box–Muller: two uniforms give two normals).
    pub fn normal(&mut self) -> f64 {
        if let Some(z) = self.spare.take() {
            return z;
        }
        let r = (-2.0 * self.uniform().ln()).sqrt();
        let theta = std::f64::consts::TAU * self.uniform();
        self.spare = Some(r * theta.sin());
        r * theta.cos()
    }
}

// ---------------------------------------------------------------------------
// The model a simulation runs.

/// Where a ranged input sits in a [`SimModel`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SimTarget {
    /// A funnel input.
    Funnel(FunnelInput),
    /// An input of `SimModel::touchpoints[index]`.
    Touchpoint {
        /// Index in [`SimModel::touchpoints`].
        index: usize,
        /// Which input.
        field: TouchpointInput,
    },
}

/// One ranged input as the simulation uses it, with what the screens show about it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SimRange {
    /// The input.
    pub input: InputRef,
    /// Where it sits in the model.
    pub target: SimTarget,
    /// 10th percentile.
    pub low: f64,
    /// The plan's value (the median).
    pub likely: f64,
    /// 90th percentile.
    pub high: f64,
    /// Its distribution.
    pub spread: Spread,
    /// Its name for people ([`InputRef::label`]).
    pub label: String,
    /// The stage screen where it is entered.
    pub stage: Stage,
    /// Initiatives that act on it ([`InputRef::initiatives`]).
    pub initiatives: Vec<String>,
}

/// A touchpoint that has a ranged input, with its stage (the others are summed once
/// into [`SimModel::fixed_traffic`]).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SimTouchpoint {
    /// Its stage.
    pub stage: Stage,
    /// The touchpoint as planned (its name and notes left out).
    pub touchpoint: Touchpoint,
}

/// An objective as the simulation tests it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SimObjective {
    /// The objective's id.
    pub id: String,
    /// Its KPI id.
    pub kpi: String,
    /// What it says.
    pub description: String,
    /// The target in the deadline's month, in the KPI's unit.
    pub target: f64,
    /// Index (from 0) of the deadline's month in the forecast.
    pub month: u32,
    /// True when more is better.
    pub higher_is_better: bool,
    /// Why the simulation cannot test it, if it cannot.
    pub not_modelled: Option<String>,
}

/// Everything a draw needs, self-contained and serialisable, so a web worker can run
/// [`simulate`] and [`tornado`] from it alone.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SimModel {
    /// The funnel's inputs at their likely values.
    pub funnel: FunnelInputs,
    /// The plan's formula variants (ROI basis, conversion denominator, CLV).
    pub variants: KpiVariants,
    /// Minor digits of the plan's currency.
    pub digits: u32,
    /// Months of the forecast.
    pub horizon_months: u32,
    /// Volumes and costs of the touchpoints without ranged inputs.
    pub fixed_traffic: Traffic,
    /// Touchpoints with ranged inputs.
    pub touchpoints: Vec<SimTouchpoint>,
    /// The ranged inputs, in the plan's order.
    pub ranges: Vec<SimRange>,
    /// The plan's objectives.
    pub objectives: Vec<SimObjective>,
}

impl SimModel {
    /// The model of `plan` with `ranges`, testing objectives whose deadline is not past
    /// as of `today` (`None`: none is past). Errors: every problem [`check_ranges`]
    /// finds.
    pub fn from_plan(
        plan: &Plan,
        ranges: &[InputRange],
        today: Option<Date>,
    ) -> Result<SimModel, Vec<FieldError>> {
        let errors = check_ranges(plan, ranges);
        if !errors.is_empty() {
            return Err(errors);
        }
        let digits = plan.currency_digits();
        let ranged_ids: Vec<&str> = ranges
            .iter()
            .filter_map(|r| match &r.input {
                InputRef::Touchpoint { id, .. } => Some(id.as_str()),
                _ => None,
            })
            .collect();
        let mut fixed_traffic = Traffic::default();
        let mut touchpoints: Vec<SimTouchpoint> = Vec::new();
        for (stage, tp) in plan.touchpoints_by_stage() {
            if ranged_ids.contains(&tp.id.as_str()) {
                if !touchpoints.iter().any(|t| t.touchpoint.id == tp.id) {
                    touchpoints.push(SimTouchpoint {
                        stage,
                        touchpoint: Touchpoint {
                            name: String::new(),
                            channel: String::new(),
                            kpi: String::new(),
                            ..tp.clone()
                        },
                    });
                }
            } else {
                fixed_traffic.add_touchpoint(stage, tp, digits);
            }
        }
        let mut sim_ranges = Vec::with_capacity(ranges.len());
        for r in ranges {
            let target = match &r.input {
                InputRef::Funnel(f) => SimTarget::Funnel(*f),
                InputRef::Touchpoint { id, field } => SimTarget::Touchpoint {
                    index: touchpoints
                        .iter()
                        .position(|t| &t.touchpoint.id == id)
                        .unwrap_or(0),
                    field: *field,
                },
                InputRef::InitiativeCost { .. } => continue,
            };
            let likely = r.input.value(plan).unwrap_or(0.0);
            let kind = r.input.kind();
            sim_ranges.push(SimRange {
                input: r.input.clone(),
                target,
                low: r.low,
                likely,
                high: r.high,
                spread: Spread::new(kind, r.low, likely, r.high),
                label: r.input.label(plan),
                stage: r.input.stage(plan).unwrap_or_default(),
                initiatives: r.input.initiatives(plan),
            });
        }
        let horizon = plan.horizon_months.clamp(1, MAX_HORIZON_MONTHS);
        let reference = goal::reference_month(plan, today);
        let objectives = plan
            .opportunity
            .objectives
            .iter()
            .map(|o| sim_objective(plan, o, horizon, today.map(|_| reference)))
            .collect();
        Ok(SimModel {
            funnel: plan.funnel.clone(),
            variants: plan.variants,
            digits,
            horizon_months: horizon,
            fixed_traffic,
            touchpoints,
            ranges: sim_ranges,
            objectives,
        })
    }

    /// The model of the plan with its own ranges ([`Plan::ranges`]).
    pub fn of_plan(plan: &Plan, today: Option<Date>) -> Result<SimModel, Vec<FieldError>> {
        SimModel::from_plan(plan, &plan.ranges, today)
    }

    /// The values of the ranged inputs at their likely values.
    pub fn likely_values(&self) -> Vec<f64> {
        self.ranges.iter().map(|r| r.likely).collect()
    }

    /// The funnel with the ranged inputs at `values` (one per range, in order).
    pub fn outcome(&self, values: &[f64]) -> Outcome {
        let mut scratch = Scratch::new(self);
        let totals = self.run(values, &mut scratch);
        Outcome {
            sessions: totals.sessions,
            leads: totals.leads,
            customers: totals.customers,
            revenue: totals.revenue,
            cac: totals.cac,
            roi: totals.roi,
            monthly_revenue: scratch.monthly_revenue,
            objectives: scratch.objective_values,
        }
    }

    /// One run of the funnel with the ranged inputs at `values`: the horizon totals, and
    /// in `s` each month's revenue and each objective's KPI in its deadline's month.
    ///
    /// Only what the inputs change is recomputed: the touchpoints without a ranged
    /// input are summed once into `fixed_traffic`. A month of the funnel
    /// ([`funnel::month_from`]) is linear in its sessions and offline contacts, and the
    /// monthly cost does not grow, so the horizon totals are one month of the funnel fed
    /// with the horizon's volumes (the cost taken once per month), and each month's
    /// revenue is revenue per session × sessions + revenue per offline contact ×
    /// contacts; the months an objective is tested in are computed in full, as the
    /// forecast computes them.
    fn run(&self, values: &[f64], s: &mut Scratch) -> Totals {
        for (r, v) in self.ranges.iter().zip(values) {
            match r.target {
                SimTarget::Funnel(f) => f.put(&mut s.inputs, self.digits, *v),
                SimTarget::Touchpoint { index, field } => {
                    if let Some(t) = s.touchpoints.get_mut(index) {
                        field.put(&mut t.touchpoint, self.digits, *v);
                    }
                }
            }
        }
        let inputs = &s.inputs;
        let digits = self.digits;
        let mut traffic = self.fixed_traffic;
        for t in &s.touchpoints {
            traffic.add_touchpoint(t.stage, &t.touchpoint, digits);
        }
        let months = self.horizon_months.min(MAX_HORIZON_MONTHS);
        let base = (1.0 + fin(inputs.traffic_growth)).max(0.0);
        let (mut sessions, mut offline, mut growth) = (0.0, 0.0, 1.0);
        s.monthly_revenue.clear();
        let unit = |sessions: f64, offline_contacts: f64| {
            funnel::month_from(
                inputs,
                digits,
                &funnel::MonthInput {
                    sessions,
                    offline_contacts,
                    ..funnel::MonthInput::default()
                },
            )
            .revenue
        };
        let (per_session, per_contact) = (unit(1.0, 0.0), unit(0.0, 1.0));
        for _ in 0..months {
            let sv = traffic.sessions.at(growth);
            let ov = traffic.offline_contacts.at(growth);
            sessions += sv;
            offline += ov;
            s.monthly_revenue
                .push(fin(per_session * sv + per_contact * ov));
            growth = fin(growth * base);
        }
        let total = funnel::month_from(
            inputs,
            digits,
            &funnel::MonthInput {
                sessions,
                offline_contacts: offline,
                touchpoint_spend: traffic.touchpoint_spend,
                ..funnel::MonthInput::default()
            },
        );
        let cost = fin(total.marketing_cost * f64::from(months));
        for (slot, month) in s.months.iter_mut().zip(&s.month_index) {
            *slot = funnel::month_from(
                inputs,
                digits,
                &funnel::month_input(inputs, &traffic, *month),
            );
            slot.month = *month;
        }
        for (value, slot) in s.objective_values.iter_mut().zip(&s.objective_slot) {
            *value = slot
                .and_then(|(i, k)| s.months.get(i).map(|m| (m, k)))
                .and_then(|(m, k)| k.value(inputs, &self.variants, digits, &traffic, m));
        }
        Totals {
            sessions: total.sessions,
            leads: total.leads,
            customers: total.customers,
            revenue: total.revenue,
            cac: kpi::cac(cost, total.customers).and_then(finite),
            roi: kpi::roi(
                self.variants.roi,
                total.revenue,
                fin(inputs.gross_margin),
                cost,
            )
            .and_then(finite),
        }
    }
}

/// Horizon totals of one run.
struct Totals {
    sessions: f64,
    leads: f64,
    customers: f64,
    revenue: f64,
    cac: Option<f64>,
    roi: Option<f64>,
}

fn sim_objective(
    plan: &Plan,
    o: &super::plan::Objective,
    horizon: u32,
    reference: Option<usize>,
) -> SimObjective {
    let def = kpi::find(&o.kpi);
    let last = horizon.saturating_sub(1) as usize;
    let deadline = o.deadline.as_deref().and_then(|d| parse_date(d).ok());
    let month = deadline
        .and_then(|d| goal::month_index(plan, d))
        .unwrap_or(last);
    let target = goal::target_in_month(plan, o, month.min(last));
    let not_modelled = if def.is_none() || !kpi::is_forecast(&o.kpi) {
        Some("its KPI is measured from actuals, not forecast by the funnel".to_string())
    } else if target.is_none() {
        Some("it has no target".to_string())
    } else if month > last {
        Some("its deadline is after the end of the forecast".to_string())
    } else if reference.is_some_and(|r| month < r) {
        Some("its deadline has passed".to_string())
    } else {
        None
    };
    SimObjective {
        id: o.id.clone(),
        kpi: o.kpi.clone(),
        description: o.description.clone(),
        target: target.unwrap_or(0.0),
        month: u32::try_from(month.min(last)).unwrap_or(0),
        higher_is_better: def.is_none_or(|d| d.higher_is_better),
        not_modelled,
    }
}

/// Reused buffers for a run of draws.
struct Scratch {
    inputs: FunnelInputs,
    touchpoints: Vec<SimTouchpoint>,
    /// Revenue of each month.
    monthly_revenue: Vec<f64>,
    /// The months objectives are tested in, each once.
    month_index: Vec<u32>,
    /// Those months of the forecast.
    months: Vec<FunnelMonth>,
    /// Per objective: its month's place in `months` and its KPI, `None` when not
    /// modelled.
    objective_slot: Vec<Option<(usize, ForecastKpi)>>,
    /// Per objective: its KPI in its month.
    objective_values: Vec<Option<f64>>,
}

impl Scratch {
    fn new(model: &SimModel) -> Scratch {
        let mut month_index: Vec<u32> = Vec::new();
        let objective_slot = model
            .objectives
            .iter()
            .map(|o| {
                if o.not_modelled.is_some() {
                    return None;
                }
                let kpi = ForecastKpi::from_id(&o.kpi)?;
                let slot = match month_index.iter().position(|m| *m == o.month) {
                    Some(i) => i,
                    None => {
                        month_index.push(o.month);
                        month_index.len() - 1
                    }
                };
                Some((slot, kpi))
            })
            .collect();
        Scratch {
            inputs: model.funnel.clone(),
            touchpoints: model.touchpoints.clone(),
            monthly_revenue: Vec::with_capacity(model.horizon_months as usize),
            months: vec![FunnelMonth::default(); month_index.len()],
            month_index,
            objective_slot,
            objective_values: vec![None; model.objectives.len()],
        }
    }
}

/// What one set of input values gives over the horizon.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Outcome {
    /// Sessions over the horizon.
    pub sessions: f64,
    /// Leads over the horizon.
    pub leads: f64,
    /// New customers over the horizon.
    pub customers: f64,
    /// Revenue over the horizon (major units).
    pub revenue: f64,
    /// CAC over the horizon: all sales and marketing cost ÷ new customers.
    pub cac: Option<f64>,
    /// ROI over the horizon with the plan's basis.
    pub roi: Option<f64>,
    /// Revenue of each month.
    pub monthly_revenue: Vec<f64>,
    /// Each objective's KPI in its deadline's month (`None` when not modelled or
    /// not computable), in the model's order.
    pub objectives: Vec<Option<f64>>,
}

/// True when `value` meets `target` in the KPI's better direction: 100 % attainment by
/// the rule of `measure::attainment` (at least the target when more is better, at most
/// it when less is better).
pub fn meets(value: Option<f64>, target: f64, higher_is_better: bool) -> bool {
    value
        .and_then(|v| measure::attainment(v, target, higher_is_better))
        .is_some_and(|a| a >= 1.0)
}

// ---------------------------------------------------------------------------
// The simulation.

/// The 10th, 50th and 90th percentiles of a figure over the draws.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Band {
    /// 10th percentile.
    pub p10: f64,
    /// Median.
    pub p50: f64,
    /// 90th percentile.
    pub p90: f64,
}

/// A histogram: `counts[i]` draws fell between `edges[i]` and `edges[i + 1]` (the last
/// bin includes its upper edge).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Histogram {
    /// Bin edges, one more than the bins, increasing.
    pub edges: Vec<f64>,
    /// Draws per bin.
    pub counts: Vec<u32>,
}

/// The odds of meeting one objective.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ObjectiveOdds {
    /// The objective's id.
    pub objective: String,
    /// Its KPI id.
    pub kpi: String,
    /// Its target in the deadline's month.
    pub target: f64,
    /// Index of the deadline's month.
    pub month: u32,
    /// Share of draws (0–1) in which the KPI meets the target in the deadline's month;
    /// `None` when not modelled.
    pub probability: Option<f64>,
    /// Draws that met the target.
    pub met_draws: u32,
    /// The KPI's 10th, 50th and 90th percentiles in that month over the draws where it
    /// has a value.
    pub band: Option<Band>,
    /// Why the objective is not modelled, if it is not.
    pub not_modelled: Option<String>,
}

/// What a simulation found.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Simulation {
    /// Draws run.
    pub draws: u32,
    /// The seed.
    pub seed: u64,
    /// Sessions over the horizon.
    pub sessions: Band,
    /// Leads over the horizon.
    pub leads: Band,
    /// New customers over the horizon.
    pub customers: Band,
    /// Revenue over the horizon.
    pub revenue: Band,
    /// CAC over the horizon, over the draws where it has a value.
    pub cac: Option<Band>,
    /// ROI over the horizon, over the draws where it has a value.
    pub roi: Option<Band>,
    /// Revenue per month, for a band chart.
    pub monthly_revenue: Vec<Band>,
    /// Horizon revenue, for a chart.
    pub revenue_histogram: Histogram,
    /// Each objective's odds, in the plan's order.
    pub objectives: Vec<ObjectiveOdds>,
}

/// The value at percentile `p` (0–1) of `values` sorted in increasing order: the
/// element of rank round(p × (n − 1)). 0 for an empty list.
pub fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = (p.clamp(0.0, 1.0) * (sorted.len() - 1) as f64).round() as usize;
    sorted.get(rank).copied().unwrap_or(0.0)
}

/// The band of `values` without sorting them all: the median by selection, then the
/// 10th percentile among the values below it and the 90th among those above it.
fn band_unsorted(values: &mut [f64]) -> Band {
    let n = values.len();
    if n == 0 {
        return Band::default();
    }
    let rank = |p: f64| ((p * (n - 1) as f64).round() as usize).min(n - 1);
    let (r10, r50, r90) = (rank(0.1), rank(0.5), rank(0.9));
    let (below, median, above) = values.select_nth_unstable_by(r50, f64::total_cmp);
    let p50 = *median;
    let p10 = if r10 < r50 {
        *below.select_nth_unstable_by(r10, f64::total_cmp).1
    } else {
        p50
    };
    let p90 = if r90 > r50 {
        *above
            .select_nth_unstable_by(r90 - r50 - 1, f64::total_cmp)
            .1
    } else {
        p50
    };
    Band { p10, p50, p90 }
}

/// A histogram of values over [`HISTOGRAM_BINS`] equal bins from the smallest to the
/// largest; one bin when they are all equal, none when there are no values.
pub fn histogram(values: &[f64]) -> Histogram {
    let finite_values = values.iter().copied().filter(|v| v.is_finite());
    let (lo, hi) = finite_values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
        (lo.min(v), hi.max(v))
    });
    if lo > hi {
        return Histogram::default();
    }
    let total = values.iter().filter(|v| v.is_finite()).count();
    if hi <= lo {
        return Histogram {
            edges: vec![lo, hi],
            counts: vec![u32::try_from(total).unwrap_or(u32::MAX)],
        };
    }
    let width = (hi - lo) / HISTOGRAM_BINS as f64;
    let edges = (0..=HISTOGRAM_BINS)
        .map(|i| {
            if i == HISTOGRAM_BINS {
                hi
            } else {
                lo + width * i as f64
            }
        })
        .collect();
    let mut counts = vec![0u32; HISTOGRAM_BINS];
    for v in values.iter().filter(|v| v.is_finite()) {
        let bin = (((v - lo) / width) as usize).min(HISTOGRAM_BINS - 1);
        if let Some(c) = counts.get_mut(bin) {
            *c = c.saturating_add(1);
        }
    }
    Histogram { edges, counts }
}

/// Runs `draws` draws (1 to [`MAX_DRAWS`]) of the model with the generator seeded by
/// `seed`: each draw takes every ranged input from its [`Spread`], independently of the
/// others (one standard normal per range, in order), and runs the funnel over the
/// horizon. The same model and seed always give the same result.
pub fn simulate(model: &SimModel, draws: u32, seed: u64) -> Simulation {
    let n = draws.clamp(1, MAX_DRAWS) as usize;
    let months = model.horizon_months as usize;
    let mut rng = Draws::new(seed);
    let mut scratch = Scratch::new(model);
    let mut values = model.likely_values();
    let mut sessions = Vec::with_capacity(n);
    let mut leads = Vec::with_capacity(n);
    let mut customers = Vec::with_capacity(n);
    let mut revenue = Vec::with_capacity(n);
    let mut cac = Vec::with_capacity(n);
    let mut roi = Vec::with_capacity(n);
    // Each draw's months one after the other.
    let mut monthly = Vec::with_capacity(months * n);
    let objectives = &model.objectives;
    let mut met = vec![0u32; objectives.len()];
    let mut kpi_values: Vec<Vec<f64>> = objectives
        .iter()
        .map(|o| {
            if o.not_modelled.is_none() {
                Vec::with_capacity(n)
            } else {
                Vec::new()
            }
        })
        .collect();
    for _ in 0..n {
        for (v, r) in values.iter_mut().zip(&model.ranges) {
            *v = r.spread.at(rng.normal());
        }
        let out = model.run(&values, &mut scratch);
        sessions.push(out.sessions);
        leads.push(out.leads);
        customers.push(out.customers);
        revenue.push(out.revenue);
        cac.extend(out.cac);
        roi.extend(out.roi);
        monthly.extend_from_slice(&scratch.monthly_revenue);
        for (i, (o, value)) in objectives.iter().zip(&scratch.objective_values).enumerate() {
            if o.not_modelled.is_some() {
                continue;
            }
            if meets(*value, o.target, o.higher_is_better) {
                met[i] += 1;
            }
            if let (Some(v), Some(list)) = (value, kpi_values.get_mut(i)) {
                list.push(*v);
            }
        }
    }
    let revenue_histogram = histogram(&revenue);
    let revenue_band = band_unsorted(&mut revenue);
    let mut column = vec![0.0; n];
    let monthly_revenue = (0..months)
        .map(|m| {
            for (d, slot) in column.iter_mut().enumerate() {
                *slot = monthly.get(d * months + m).copied().unwrap_or(0.0);
            }
            band_unsorted(&mut column)
        })
        .collect();
    let odds = objectives
        .iter()
        .zip(met)
        .zip(kpi_values.iter_mut())
        .map(|((o, met), values)| ObjectiveOdds {
            objective: o.id.clone(),
            kpi: o.kpi.clone(),
            target: o.target,
            month: o.month,
            probability: o.not_modelled.is_none().then(|| f64::from(met) / n as f64),
            met_draws: met,
            band: (!values.is_empty()).then(|| band_unsorted(values)),
            not_modelled: o.not_modelled.clone(),
        })
        .collect();
    Simulation {
        draws: u32::try_from(n).unwrap_or(u32::MAX),
        seed,
        sessions: band_unsorted(&mut sessions),
        leads: band_unsorted(&mut leads),
        customers: band_unsorted(&mut customers),
        revenue: revenue_band,
        cac: (!cac.is_empty()).then(|| band_unsorted(&mut cac)),
        roi: (!roi.is_empty()).then(|| band_unsorted(&mut roi)),
        monthly_revenue,
        revenue_histogram,
        objectives: odds,
    }
}

/// Draws per second from a run of `draws` draws that took `elapsed_ms` milliseconds
/// (as the worker measures it around [`simulate`]); `None` for a time of 0 or less.
pub fn draws_per_second(draws: u32, elapsed_ms: f64) -> Option<f64> {
    (elapsed_ms.is_finite() && elapsed_ms > 0.0)
        .then(|| f64::from(draws) * 1000.0 / elapsed_ms)
        .and_then(finite)
}

// ---------------------------------------------------------------------------
// Sensitivity.

/// Which outcome a tornado measures.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TornadoOutcome {
    /// Revenue over the horizon.
    Revenue,
    /// The KPI of the objective with this id, in its deadline's month.
    Objective(String),
}

/// One bar of a tornado chart: an input swung from its low to its high with every
/// other input at its likely value.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TornadoBar {
    /// The input.
    pub input: InputRef,
    /// Its name for people.
    pub label: String,
    /// The stage screen where it is entered.
    pub stage: Stage,
    /// Initiatives that act on it.
    pub initiatives: Vec<String>,
    /// The input's low.
    pub low: f64,
    /// The input's high.
    pub high: f64,
    /// The chosen outcome with the input at its low.
    pub at_low: Option<f64>,
    /// The chosen outcome with the input at its high.
    pub at_high: Option<f64>,
    /// Horizon revenue with the input at its low.
    pub revenue_at_low: f64,
    /// Horizon revenue with the input at its high.
    pub revenue_at_high: f64,
    /// |at_high − at_low| (0 when either has no value): the bar's width.
    pub width: f64,
}

fn pick(model: &SimModel, out: &Outcome, outcome: &TornadoOutcome) -> Option<f64> {
    match outcome {
        TornadoOutcome::Revenue => Some(out.revenue),
        TornadoOutcome::Objective(id) => model
            .objectives
            .iter()
            .position(|o| &o.id == id)
            .and_then(|i| out.objectives.get(i).copied().flatten()),
    }
}

/// The chosen outcome with every input at its likely value (the tornado's axis).
pub fn outcome_at_likely(model: &SimModel, outcome: &TornadoOutcome) -> Option<f64> {
    let out = model.outcome(&model.likely_values());
    pick(model, &out, outcome)
}

/// The tornado: each ranged input swung from its low to its high with the others at
/// their likely values, the chosen outcome (and horizon revenue) at both ends; widest
/// bar first (ties in the plan's order).
pub fn tornado(model: &SimModel, outcome: &TornadoOutcome) -> Vec<TornadoBar> {
    let likely = model.likely_values();
    let mut bars: Vec<TornadoBar> = model
        .ranges
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let mut values = likely.clone();
            let mut end = |v: f64| {
                if let Some(slot) = values.get_mut(i) {
                    *slot = v;
                }
                model.outcome(&values)
            };
            let low = end(r.low);
            let high = end(r.high);
            let at_low = pick(model, &low, outcome);
            let at_high = pick(model, &high, outcome);
            TornadoBar {
                input: r.input.clone(),
                label: r.label.clone(),
                stage: r.stage,
                initiatives: r.initiatives.clone(),
                low: r.low,
                high: r.high,
                at_low,
                at_high,
                revenue_at_low: low.revenue,
                revenue_at_high: high.revenue,
                width: at_low.zip(at_high).map_or(0.0, |(a, b)| fin((b - a).abs())),
            }
        })
        .collect();
    bars.sort_by(|a, b| b.width.total_cmp(&a.width));
    bars
}
