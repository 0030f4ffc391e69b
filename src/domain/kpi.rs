//! The KPI catalogue: every KPI's definition, its formula as a pure function, and the
//! evaluation of all KPIs for a plan's forecast month.

use serde::{Deserialize, Serialize};
use std::borrow::Cow;

use super::funnel::{self, Forecast, FunnelMonth, Traffic};
use super::input::trim_number;
use super::plan::{
    ClvVariant, Denominator, EngagementBase, FunnelInputs, KpiVariants, Plan, RoiBasis, Stage,
};

/// How a KPI's value is expressed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// People, sessions, orders.
    Count,
    /// Money in major units of the plan's currency.
    Money,
    /// A fraction shown as a percent (0.025 → 2.5 %).
    Ratio,
    /// A multiple shown with an ×, such as ROAS 3.0×.
    Multiple,
    /// A number of months.
    Months,
    /// A score on its own scale (NPS −100 to +100).
    Score,
}

/// A KPI of the catalogue: what it is, how it is computed, how to read it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct KpiDef {
    /// Stable identifier used in plans and files ("ctr").
    pub id: &'static str,
    /// Name shown ("Click-through rate (CTR)").
    pub name: &'static str,
    /// The RACE stage it measures; `None` for plan-level KPIs (ROI, MER...).
    pub stage: Option<Stage>,
    /// How the value is expressed.
    pub unit: Unit,
    /// The formula in words.
    pub formula: &'static str,
    /// What it is divided by ("sessions"), empty when it is not a ratio.
    pub denominator: &'static str,
    /// One line saying what it tells you.
    pub explanation: &'static str,
    /// The variants tools disagree on, empty when there are none.
    pub variants: &'static str,
    /// True when more is better; false for costs, churn, bounce and errors.
    pub higher_is_better: bool,
    /// True when values add up over time (sessions, revenue), so a month's target is
    /// paced through the month; false for levels (rates, costs per unit, multiples).
    pub additive: bool,
    /// Smallest sensible value.
    pub min: f64,
    /// Largest sensible value.
    pub max: f64,
}

impl KpiDef {
    /// The message for a value outside this KPI's range.
    pub fn range_message(&self) -> String {
        match self.unit {
            Unit::Ratio if self.min == 0.0 && self.max == 1.0 => {
                "must be between 0 and 100 %".to_string()
            }
            _ if self.max.is_infinite() && self.min == 0.0 => "must not be negative".to_string(),
            Unit::Ratio if self.max.is_infinite() => {
                format!("must be at least {} %", trim_number(self.min * 100.0, 2))
            }
            _ => format!(
                "must be between {} and {}",
                trim_number(self.min, 2),
                trim_number(self.max, 2)
            ),
        }
    }

    /// Status direction: the stage or "Plan" name for display.
    pub fn stage_name(&self) -> &'static str {
        self.stage.map_or("Plan", Stage::name)
    }
}

const INF: f64 = f64::INFINITY;

macro_rules! kpi {
    ($id:literal, $name:literal, $stage:expr, $unit:ident, $formula:literal, $den:literal,
     $expl:literal, $variants:literal, hib: $hib:literal, add: $add:literal, $min:expr, $max:expr) => {
        KpiDef {
            id: $id,
            name: $name,
            stage: $stage,
            unit: Unit::$unit,
            formula: $formula,
            denominator: $den,
            explanation: $expl,
            variants: $variants,
            higher_is_better: $hib,
            additive: $add,
            min: $min,
            max: $max,
        }
    };
}

const R: Option<Stage> = Some(Stage::Reach);
const A: Option<Stage> = Some(Stage::Act);
const C: Option<Stage> = Some(Stage::Convert);
const E: Option<Stage> = Some(Stage::Engage);
const P: Option<Stage> = None;

static CATALOGUE: [KpiDef; 31] = [
    kpi!("impressions", "Impressions", R, Count, "times your ads or posts were shown", "",
        "How often your audience saw you.", "", hib: true, add: true, 0.0, INF),
    kpi!("ctr", "Click-through rate (CTR)", R, Ratio, "clicks ÷ impressions", "impressions",
        "Share of people shown an ad or post who clicked it.", "", hib: true, add: false, 0.0, 1.0),
    kpi!("cpc", "Cost per click (CPC)", R, Money, "spend ÷ clicks", "clicks",
        "What each click costs you.", "", hib: false, add: false, 0.0, INF),
    kpi!("cpm", "Cost per 1,000 impressions (CPM)", R, Money, "spend ÷ impressions × 1000",
        "impressions", "What a thousand views of your ads cost.", "", hib: false, add: false, 0.0, INF),
    kpi!("sessions", "Sessions", R, Count,
        "Σ online Reach touchpoints: typed sessions × (1 + monthly growth)^month, or bought clicks × landing rate", "",
        "Visits to your site that Reach brings each month.", "", hib: true, add: true, 0.0, INF),
    kpi!("offline_contacts", "Offline contacts", R, Count,
        "Σ offline touchpoints: typed contacts × (1 + monthly growth)^month, or contacts bought by the budget", "",
        "Calls, store visits and event leads from offline touchpoints each month.", "",
        hib: true, add: true, 0.0, INF),
    kpi!("engagement_rate", "Engagement rate (GA4)", A, Ratio, "engaged sessions ÷ sessions",
        "sessions", "Share of sessions that lasted 10 s or more, viewed 2+ pages or converted.",
        "", hib: true, add: false, 0.0, 1.0),
    kpi!("bounce_rate", "Bounce rate (GA4)", A, Ratio, "1 − engagement rate", "sessions",
        "Share of sessions that were not engaged.", "", hib: false, add: false, 0.0, 1.0),
    kpi!("lead_rate", "Session → lead rate", A, Ratio, "leads ÷ sessions", "sessions",
        "Share of sessions where the visitor takes the action you want (sign-up, enquiry).",
        "", hib: true, add: false, 0.0, 1.0),
    kpi!("leads", "Leads / interactions", A, Count, "sessions × session → lead rate", "",
        "People who opened the conversation: sign-ups, enquiries, quote requests.", "",
        hib: true, add: true, 0.0, INF),
    kpi!("cpl", "Cost per lead (CPL)", A, Money, "marketing spend ÷ leads", "leads",
        "What each lead costs you.", "", hib: false, add: false, 0.0, INF),
    kpi!("conversion_rate", "Session → customer rate", C, Ratio,
        "online customers ÷ sessions (or ÷ users)", "sessions or users",
        "Share of visits (or visitors) that end in a purchase.",
        "Per session or per user: the plan states which.", hib: true, add: false, 0.0, 1.0),
    kpi!("customers", "New customers", C, Count,
        "leads × lead → customer rate + offline contacts × offline contact → customer rate", "",
        "New paying customers each month, online and offline.", "", hib: true, add: true, 0.0, INF),
    kpi!("orders", "Orders", C, Count,
        "new customers × first orders + repeat customers × further orders", "",
        "Orders placed each month: new customers' first orders and their repeat orders.", "",
        hib: true, add: true, 0.0, INF),
    kpi!("aov", "Average order value (AOV)", C, Money, "revenue ÷ orders", "orders",
        "What an order is worth on average.", "", hib: true, add: false, 0.0, INF),
    kpi!("revenue", "Revenue", C, Money, "first-order revenue + repeat revenue", "",
        "Money from the month's new customers: their first orders and the repeat orders they go on to place.",
        "", hib: true, add: true, 0.0, INF),
    kpi!("cpa", "Cost per acquisition (CPA)", C, Money, "marketing spend ÷ customers",
        "customers", "Touchpoint spend for each new customer.", "", hib: false, add: false, 0.0, INF),
    kpi!("cac", "Customer acquisition cost (CAC)", C, Money,
        "(touchpoint spend + other sales and marketing cost) ÷ new customers", "new customers",
        "All it costs to win one customer, salaries and tools included.", "",
        hib: false, add: false, 0.0, INF),
    kpi!("roas", "Return on ad spend (ROAS)", C, Multiple, "ad revenue ÷ ad spend",
        "paid spend", "Revenue brought by paid media for each unit spent on it.",
        "A ratio (3.0) or a percent (300 %): shown as a ratio.", hib: true, add: false, 0.0, INF),
    kpi!("repeat_purchase_rate", "Repeat purchase rate", E, Ratio,
        "repeat customers ÷ new customers", "new customers",
        "Share of customers who buy again.", "", hib: true, add: false, 0.0, 1.0),
    kpi!("repeat_customers", "Repeat customers", E, Count, "customers × repeat purchase rate", "",
        "Customers of the month who come back for another order.", "", hib: true, add: true, 0.0, INF),
    kpi!("retention_rate", "Retention rate", E, Ratio,
        "(customers at end − new customers) ÷ customers at start", "customers at start",
        "Share of customers you keep over a period.", "", hib: true, add: false, 0.0, 1.0),
    kpi!("churn_rate", "Churn rate", E, Ratio, "1 − retention rate", "customers at start",
        "Share of customers (or subscribers) you lose per period.", "",
        hib: false, add: false, 0.0, 1.0),
    kpi!("clv", "Customer lifetime value (CLV)", E, Money,
        "depends on the variant: AOV × lifetime orders (× gross margin), lifetime orders = first orders + repeat rate × further orders (or purchases per year × years when set); m × r ÷ (1 + i − r); ARPA × gross margin ÷ churn",
        "", "What a customer is worth over the whole relationship.",
        "Simple, margin, retention-discounted or subscription: the plan states which.",
        hib: true, add: false, 0.0, INF),
    kpi!("social_engagement_rate", "Social engagement rate", E, Ratio,
        "engagements ÷ impressions (or ÷ reach)", "impressions or reach",
        "Share of people shown a post who liked, commented, shared or saved it.",
        "Per impression or per person reached: the plan states which.",
        hib: true, add: false, 0.0, INF),
    kpi!("nps", "Net Promoter Score (NPS)", E, Score,
        "% promoters (9–10) − % detractors (0–6)", "responses",
        "How many customers would recommend you, minus those who would not.", "",
        hib: true, add: false, -100.0, 100.0),
    kpi!("mer", "Marketing efficiency ratio (MER)", P, Multiple,
        "total revenue ÷ total marketing spend", "marketing spend",
        "Revenue for each unit of all marketing spend (blended ROAS).", "",
        hib: true, add: false, 0.0, INF),
    kpi!("roi", "Return on investment (ROI)", P, Ratio,
        "(revenue − marketing cost) ÷ marketing cost, or (gross profit − marketing cost) ÷ marketing cost",
        "marketing cost", "What marketing returns beyond its own cost.",
        "Revenue basis or gross-profit basis: the plan states which.",
        hib: true, add: false, -1.0, INF),
    kpi!("ltv_cac", "LTV:CAC", P, Multiple, "CLV ÷ CAC", "CAC",
        "How many times a customer's value covers the cost of winning them (3 or more is healthy).",
        "", hib: true, add: false, 0.0, INF),
    kpi!("cac_payback", "CAC payback", P, Months, "CAC ÷ (ARPA × gross margin)",
        "monthly margin per customer",
        "Months of a customer's margin needed to pay back their acquisition cost.",
        "Without ARPA, AOV × orders per customer per month is used.",
        hib: false, add: false, 0.0, INF),
    kpi!("forecast_error", "Forecast error (APE)", P, Ratio,
        "|actual − forecast| ÷ actual", "actual",
        "How far the forecast was from what happened (revenue, latest month with actuals).",
        "", hib: false, add: false, 0.0, INF),
];

/// Every KPI the app knows, in stage order.
pub fn catalogue() -> &'static [KpiDef] {
    &CATALOGUE
}

/// The KPI with this id.
pub fn find(id: &str) -> Option<&'static KpiDef> {
    CATALOGUE.iter().find(|k| k.id == id)
}

/// KPIs of one stage (`None` for the plan-level ones).
pub fn for_stage(stage: Option<Stage>) -> impl Iterator<Item = &'static KpiDef> {
    CATALOGUE.iter().filter(move |k| k.stage == stage)
}

// ---------------------------------------------------------------------------
// Pure formulas. Inputs are plain numbers (money in major units); every function
// returns `None` rather than NaN or infinity.

/// The value if it is finite.
pub fn finite(v: f64) -> Option<f64> {
    v.is_finite().then_some(v)
}

/// numerator ÷ denominator; `None` for a zero denominator or any non-finite number.
pub fn ratio(numerator: f64, denominator: f64) -> Option<f64> {
    if denominator == 0.0 || !numerator.is_finite() || !denominator.is_finite() {
        return None;
    }
    finite(numerator / denominator)
}

/// CTR = clicks ÷ impressions.
pub fn ctr(clicks: f64, impressions: f64) -> Option<f64> {
    ratio(clicks, impressions)
}

/// CPC = spend ÷ clicks.
pub fn cpc(spend: f64, clicks: f64) -> Option<f64> {
    ratio(spend, clicks)
}

/// CPM = spend ÷ impressions × 1000.
pub fn cpm(spend: f64, impressions: f64) -> Option<f64> {
    ratio(spend, impressions).and_then(|v| finite(v * 1000.0))
}

/// Impressions bought by a spend at a CPM: spend ÷ CPM × 1000.
pub fn impressions_from_cpm(spend: f64, cpm: f64) -> Option<f64> {
    ratio(spend, cpm).and_then(|v| finite(v * 1000.0))
}

/// Engagement rate (GA4) = engaged sessions ÷ sessions.
pub fn engagement_rate(engaged_sessions: f64, sessions: f64) -> Option<f64> {
    ratio(engaged_sessions, sessions)
}

/// Bounce rate (GA4) = 1 − engaged sessions ÷ sessions.
pub fn bounce_rate(engaged_sessions: f64, sessions: f64) -> Option<f64> {
    engagement_rate(engaged_sessions, sessions).and_then(|e| finite(1.0 - e))
}

/// Lead (interaction) rate = leads ÷ sessions.
pub fn lead_rate(leads: f64, sessions: f64) -> Option<f64> {
    ratio(leads, sessions)
}

/// Stage rate = step n ÷ step n−1.
pub fn stage_rate(step: f64, previous_step: f64) -> Option<f64> {
    ratio(step, previous_step)
}

/// Whole-funnel rate = product of the stage rates (`None` if any is not finite).
pub fn whole_funnel_rate(rates: &[f64]) -> Option<f64> {
    rates
        .iter()
        .try_fold(1.0_f64, |acc, &r| finite(r).and_then(|r| finite(acc * r)))
}

/// People needed at the top of the funnel = target ÷ whole-funnel rate, rounded up;
/// `None` at a zero rate.
pub fn traffic_needed(target: f64, whole_funnel_rate: f64) -> Option<f64> {
    ratio(target, whole_funnel_rate).and_then(funnel::ceil_count)
}

/// Traffic projection = current × (1 + g)^months.
pub fn traffic_projection(current: f64, monthly_growth: f64, months: u32) -> Option<f64> {
    let months = i32::try_from(months).ok()?;
    finite(current * (1.0 + monthly_growth).powi(months))
}

/// CPL = spend ÷ leads.
pub fn cpl(spend: f64, leads: f64) -> Option<f64> {
    ratio(spend, leads)
}

/// Conversion rate = conversions ÷ sessions (or users: say which).
pub fn conversion_rate(conversions: f64, sessions_or_users: f64) -> Option<f64> {
    ratio(conversions, sessions_or_users)
}

/// CPA = spend ÷ customers (or conversions).
pub fn cpa(spend: f64, customers: f64) -> Option<f64> {
    ratio(spend, customers)
}

/// CAC = all sales and marketing cost ÷ new customers.
pub fn cac(sales_and_marketing_cost: f64, new_customers: f64) -> Option<f64> {
    ratio(sales_and_marketing_cost, new_customers)
}

/// AOV = revenue ÷ orders.
pub fn aov(revenue: f64, orders: f64) -> Option<f64> {
    ratio(revenue, orders)
}

/// ROAS = ad revenue ÷ ad spend (a ratio: 3.0 means 300 %).
pub fn roas(ad_revenue: f64, ad_spend: f64) -> Option<f64> {
    ratio(ad_revenue, ad_spend)
}

/// MER (blended ROAS) = total revenue ÷ total marketing spend.
pub fn mer(total_revenue: f64, total_marketing_spend: f64) -> Option<f64> {
    ratio(total_revenue, total_marketing_spend)
}

/// ROI, revenue basis = (revenue − cost) ÷ cost.
pub fn roi_revenue(revenue: f64, cost: f64) -> Option<f64> {
    ratio(revenue - cost, cost)
}

/// ROI, gross-profit basis = (gross profit − marketing cost) ÷ marketing cost.
pub fn roi_gross_profit(gross_profit: f64, marketing_cost: f64) -> Option<f64> {
    ratio(gross_profit - marketing_cost, marketing_cost)
}

/// ROI with the plan's basis: gross profit = revenue × gross margin on that basis.
pub fn roi(basis: RoiBasis, revenue: f64, gross_margin: f64, cost: f64) -> Option<f64> {
    match basis {
        RoiBasis::Revenue => roi_revenue(revenue, cost),
        RoiBasis::GrossProfit => roi_gross_profit(revenue * gross_margin, cost),
    }
}

/// Repeat purchase rate = customers with 2+ orders ÷ all customers.
pub fn repeat_purchase_rate(repeat_customers: f64, customers: f64) -> Option<f64> {
    ratio(repeat_customers, customers)
}

/// Retention rate = (customers at end − new customers) ÷ customers at start.
pub fn retention_rate(
    customers_at_end: f64,
    new_customers: f64,
    customers_at_start: f64,
) -> Option<f64> {
    ratio(customers_at_end - new_customers, customers_at_start)
}

/// Churn rate = 1 − retention rate.
pub fn churn_rate(
    customers_at_end: f64,
    new_customers: f64,
    customers_at_start: f64,
) -> Option<f64> {
    retention_rate(customers_at_end, new_customers, customers_at_start)
        .and_then(|r| finite(1.0 - r))
}

/// CLV, simple = AOV × purchases per year × years.
pub fn clv_simple(aov: f64, purchases_per_year: f64, years: f64) -> Option<f64> {
    finite(aov * purchases_per_year * years)
}

/// CLV, margin = AOV × purchases per year × years × gross margin.
pub fn clv_margin(aov: f64, purchases_per_year: f64, years: f64, gross_margin: f64) -> Option<f64> {
    clv_simple(aov, purchases_per_year, years).and_then(|v| finite(v * gross_margin))
}

/// CLV, retention-discounted = m × r ÷ (1 + i − r): margin per period m, retention r,
/// discount rate i per period.
pub fn clv_retention_discounted(
    margin_per_period: f64,
    retention: f64,
    discount_rate: f64,
) -> Option<f64> {
    ratio(
        margin_per_period * retention,
        1.0 + discount_rate - retention,
    )
}

/// CLV, subscription = ARPA × gross margin ÷ churn per period.
pub fn clv_subscription(arpa: f64, gross_margin: f64, churn: f64) -> Option<f64> {
    ratio(arpa * gross_margin, churn)
}

/// LTV:CAC = CLV ÷ CAC.
pub fn ltv_cac(clv: f64, cac: f64) -> Option<f64> {
    ratio(clv, cac)
}

/// CAC payback in periods = CAC ÷ (ARPA × gross margin).
pub fn cac_payback(cac: f64, arpa: f64, gross_margin: f64) -> Option<f64> {
    ratio(cac, arpa * gross_margin)
}

/// Social engagement rate = engagements ÷ impressions (or ÷ reach: say which).
pub fn social_engagement_rate(engagements: f64, impressions_or_reach: f64) -> Option<f64> {
    ratio(engagements, impressions_or_reach)
}

/// NPS = % promoters − % detractors, from counts of promoters (9–10), passives (7–8)
/// and detractors (0–6); −100 to +100.
pub fn nps(promoters: f64, passives: f64, detractors: f64) -> Option<f64> {
    let total = promoters + passives + detractors;
    ratio(promoters - detractors, total).and_then(|v| finite(v * 100.0))
}

/// NPS from raw 0–10 answers (answers above 10 are ignored).
pub fn nps_from_scores(scores: &[u8]) -> Option<f64> {
    let (mut p, mut n, mut d) = (0.0, 0.0, 0.0);
    for &s in scores {
        match s {
            9..=10 => p += 1.0,
            7..=8 => n += 1.0,
            0..=6 => d += 1.0,
            _ => {}
        }
    }
    nps(p, n, d)
}

/// Forecast error (absolute percentage error) = |actual − forecast| ÷ actual.
pub fn forecast_error(actual: f64, forecast: f64) -> Option<f64> {
    ratio((actual - forecast).abs(), actual.abs())
}

/// Orders a customer places over their lifetime for simple and margin CLV: purchases per
/// year × years when both are set, else the funnel's repeat behaviour (first orders +
/// repeat rate × further orders).
pub fn lifetime_orders(inputs: &FunnelInputs) -> f64 {
    if inputs.purchases_per_year > 0.0 && inputs.customer_years > 0.0 {
        inputs.purchases_per_year * inputs.customer_years
    } else {
        funnel::orders_per_new_customer(inputs)
    }
}

/// Orders per year for retention-discounted CLV: purchases per year when set, else the
/// funnel's lifetime orders of a new customer.
fn yearly_orders(inputs: &FunnelInputs) -> f64 {
    if inputs.purchases_per_year > 0.0 {
        inputs.purchases_per_year
    } else {
        funnel::orders_per_new_customer(inputs)
    }
}

/// What a CLV variant needs that the inputs do not have (an input at 0), by name.
pub fn clv_missing(variant: ClvVariant, inputs: &FunnelInputs) -> Vec<&'static str> {
    let mut missing = Vec::new();
    let mut need = |ok: bool, name| {
        if !ok {
            missing.push(name);
        }
    };
    match variant {
        ClvVariant::Simple | ClvVariant::Margin | ClvVariant::RetentionDiscounted => {
            need(inputs.aov.0 > 0, "average order value (Convert)");
            need(
                lifetime_orders(inputs) > 0.0,
                "first orders per new customer (Convert)",
            );
        }
        ClvVariant::Subscription => {
            need(inputs.arpa.0 > 0, "ARPA (Engage)");
            need(inputs.churn_rate > 0.0, "monthly churn rate (Engage)");
        }
    }
    if variant != ClvVariant::Simple {
        need(inputs.gross_margin > 0.0, "gross margin (Engage)");
    }
    if variant == ClvVariant::RetentionDiscounted {
        need(
            inputs.retention_rate > 0.0,
            "yearly retention rate (Engage)",
        );
    }
    missing
}

/// CLV with the plan's variant and funnel assumptions (money in major units); `None`
/// when an input it needs is missing ([`clv_missing`]).
pub fn clv_for(variant: ClvVariant, inputs: &FunnelInputs, digits: u32) -> Option<f64> {
    if !clv_missing(variant, inputs).is_empty() {
        return None;
    }
    let aov = inputs.aov.to_major(digits);
    let arpa = inputs.arpa.to_major(digits);
    match variant {
        ClvVariant::Simple => finite(aov * lifetime_orders(inputs)),
        ClvVariant::Margin => finite(aov * lifetime_orders(inputs) * inputs.gross_margin),
        ClvVariant::RetentionDiscounted => clv_retention_discounted(
            aov * yearly_orders(inputs) * inputs.gross_margin,
            inputs.retention_rate,
            inputs.discount_rate,
        ),
        ClvVariant::Subscription => clv_subscription(arpa, inputs.gross_margin, inputs.churn_rate),
    }
}

// ---------------------------------------------------------------------------
// Evaluation of a plan.

/// One KPI's value in a plan's forecast, with the inputs it used (for the ⓘ panel).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct KpiValue {
    /// KPI id.
    pub id: &'static str,
    /// The value in the KPI's unit, `None` when it cannot be computed.
    pub value: Option<f64>,
    /// The inputs used, or why there is no value.
    pub inputs: Explained,
    /// What the plan lacks for a value (inputs at 0), by name; empty when it has a value
    /// or when the KPI is not modelled.
    pub missing: Vec<&'static str>,
}

/// A figure among the inputs a value used. The screens write it in the plan's locale
/// and currency, as they write every other number.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub enum Figure {
    /// A number: a count, or a number of units, to two decimals at most.
    Number(f64),
    /// An amount in the plan's currency.
    Money(f64),
    /// A rate, 0.25 for 25 %.
    Percent(f64),
    /// No value: "—".
    Absent,
}

/// Words with figures in them: each `{}` in the words stands for the next figure.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Explained {
    /// The words, with `{}` where each figure goes.
    pub words: Cow<'static, str>,
    /// The figures, in order.
    pub figures: Vec<Figure>,
}

impl From<&'static str> for Explained {
    fn from(words: &'static str) -> Self {
        Explained::words(words)
    }
}

impl Explained {
    /// Words with no figure.
    pub fn words(words: impl Into<Cow<'static, str>>) -> Self {
        Explained {
            words: words.into(),
            figures: Vec::new(),
        }
    }

    /// `words` with `figures` for its `{}`.
    fn say(words: &'static str, figures: &[Figure]) -> Self {
        Explained {
            words: Cow::Borrowed(words),
            figures: figures.to_vec(),
        }
    }

    /// These words, then `more`.
    fn then(mut self, more: Explained) -> Self {
        self.words.to_mut().push_str(&more.words);
        self.figures.extend(more.figures);
        self
    }

    /// Whether there is nothing to say.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// The text, each figure written by `write`.
    pub fn render(&self, mut write: impl FnMut(Figure) -> String) -> String {
        let mut out = String::with_capacity(self.words.len() + 12 * self.figures.len());
        let mut figures = self.figures.iter();
        let mut parts = self.words.split("{}");
        if let Some(first) = parts.next() {
            out.push_str(first);
        }
        for part in parts {
            if let Some(f) = figures.next() {
                out.push_str(&write(*f));
            }
            out.push_str(part);
        }
        out
    }
}

/// Every catalogue KPI for the first month of the plan's forecast, using the plan's
/// variants. KPIs the forecast does not model (GA4 engagement, NPS, social engagement)
/// have no value and say so; they are measured from actuals.
pub fn evaluate(plan: &Plan) -> Vec<KpiValue> {
    let month = funnel::first_month(plan);
    evaluate_month(plan, &month)
}

/// Every catalogue KPI for one forecast month of the plan (see [`evaluate`]).
pub fn evaluate_month(plan: &Plan, m: &FunnelMonth) -> Vec<KpiValue> {
    let t = funnel::traffic(plan);
    let revenue_error = latest_revenue_error(plan, None);
    evaluate_with(plan, &t, m, &revenue_error)
}

/// What a KPI needs that the plan does not have yet (inputs at 0), by name.
fn missing_for(
    id: &str,
    f: &FunnelInputs,
    variants: &KpiVariants,
    t: &Traffic,
    m: &FunnelMonth,
) -> Vec<&'static str> {
    missing_in(ForecastKpi::from_id(id), id, f, variants, t, m)
}

/// [`missing_for`] with the KPI already looked up among the forecast's KPIs (`None`
/// for the others, named by `id`).
fn missing_in(
    kpi: Option<ForecastKpi>,
    id: &str,
    f: &FunnelInputs,
    variants: &KpiVariants,
    t: &Traffic,
    m: &FunnelMonth,
) -> Vec<&'static str> {
    use ForecastKpi as K;
    let mut out = Vec::new();
    let mut need = |ok: bool, name: &'static str| {
        if !ok && !out.contains(&name) {
            out.push(name);
        }
    };
    let sessions = |need: &mut dyn FnMut(bool, &'static str)| {
        need(m.sessions > 0.0, "an online Reach touchpoint with sessions");
    };
    let online = |need: &mut dyn FnMut(bool, &'static str)| {
        sessions(need);
        need(f.act_rate > 0.0, "the session → lead rate (Act)");
        need(f.convert_rate > 0.0, "the lead → customer rate (Convert)");
    };
    let customers = |need: &mut dyn FnMut(bool, &'static str)| {
        if m.customers <= 0.0 {
            if m.offline_contacts > 0.0 && f.offline_convert_rate <= 0.0 {
                need(false, "the offline contact → customer rate (Convert)");
            } else {
                online(need);
            }
        }
    };
    let revenue = |need: &mut dyn FnMut(bool, &'static str)| {
        customers(need);
        need(
            f.orders_per_customer > 0.0,
            "first orders per new customer (Convert)",
        );
        need(f.aov.0 > 0, "the average order value (Convert)");
    };
    let spend = |need: &mut dyn FnMut(bool, &'static str)| {
        need(m.touchpoint_spend > 0.0, "touchpoint budgets");
    };
    let cost = |need: &mut dyn FnMut(bool, &'static str)| {
        need(
            m.marketing_cost > 0.0,
            "touchpoint budgets or other sales and marketing cost",
        );
    };
    match kpi {
        Some(K::Sessions) => sessions(&mut need),
        Some(K::OfflineContacts) => need(
            m.offline_contacts > 0.0,
            "an offline touchpoint with contacts",
        ),
        Some(K::LeadRate | K::Leads) => {
            sessions(&mut need);
            need(f.act_rate > 0.0, "the session → lead rate (Act)");
        }
        Some(K::Cpl) => {
            spend(&mut need);
            sessions(&mut need);
            need(f.act_rate > 0.0, "the session → lead rate (Act)");
        }
        Some(K::ConversionRate) => online(&mut need),
        Some(K::Customers) => customers(&mut need),
        Some(K::Orders) => {
            customers(&mut need);
            need(
                f.orders_per_customer > 0.0,
                "first orders per new customer (Convert)",
            );
        }
        Some(K::Aov) => need(f.aov.0 > 0, "the average order value (Convert)"),
        Some(K::Revenue) => revenue(&mut need),
        Some(K::Mer) => {
            revenue(&mut need);
            cost(&mut need);
        }
        Some(K::Cpa) => {
            spend(&mut need);
            customers(&mut need);
        }
        Some(K::Cac) => {
            cost(&mut need);
            customers(&mut need);
        }
        Some(K::Roas) => {
            need(t.paid_spend > 0.0, "a paid touchpoint with a budget");
            revenue(&mut need);
        }
        Some(K::Roi) => {
            cost(&mut need);
            revenue(&mut need);
            if variants.roi == RoiBasis::GrossProfit {
                need(f.gross_margin > 0.0, "the gross margin (Engage)");
            }
        }
        Some(K::RepeatPurchaseRate) => {
            need(f.repeat_rate > 0.0, "the repeat purchase rate (Engage)")
        }
        Some(K::RepeatCustomers) => {
            customers(&mut need);
            need(f.repeat_rate > 0.0, "the repeat purchase rate (Engage)");
        }
        Some(K::Clv | K::LtvCac | K::CacPayback) => {
            for name in clv_missing(variants.clv, f) {
                need(false, name);
            }
            if kpi != Some(K::Clv) {
                cost(&mut need);
                customers(&mut need);
            }
        }
        Some(K::Impressions | K::Ctr | K::Cpc | K::Cpm) => {}
        None => match id {
            "retention_rate" => need(f.retention_rate > 0.0, "the yearly retention rate (Engage)"),
            "churn_rate" => need(f.churn_rate > 0.0, "the monthly churn rate (Engage)"),
            _ => {}
        },
    }
    out
}

/// Every catalogue KPI for forecast month `m`, from the plan's traffic `t` and the
/// latest revenue error (see [`latest_revenue_error`]).
pub fn evaluate_with(
    plan: &Plan,
    t: &Traffic,
    m: &FunnelMonth,
    revenue_error: &(Option<f64>, Explained),
) -> Vec<KpiValue> {
    evaluate_explained(plan, t, m, revenue_error, true)
}

/// Every catalogue KPI's value for one forecast month, without the text of the inputs
/// each one used (`KpiValue.inputs` is empty): for series over many months, where
/// formatting those numbers would cost more than computing them.
pub fn values_with(plan: &Plan, t: &Traffic, m: &FunnelMonth) -> Vec<KpiValue> {
    evaluate_explained(plan, t, m, &(None, Explained::default()), false)
}

fn evaluate_explained(
    plan: &Plan,
    t: &Traffic,
    m: &FunnelMonth,
    revenue_error: &(Option<f64>, Explained),
    explain: bool,
) -> Vec<KpiValue> {
    use Figure::{Money as M, Number as N, Percent as P};
    // Without explanations, none is put together.
    let say = |words: &'static str, figures: &[Figure]| {
        if explain {
            Explained::say(words, figures)
        } else {
            Explained::default()
        }
    };
    let digits = plan.currency_digits();
    let f = &plan.funnel;
    let v = &plan.variants;
    let spend = m.touchpoint_spend;
    let all_cost = m.marketing_cost;
    let paid_spend = t.paid_spend;
    let cac_value = cac(all_cost, m.customers);
    let clv_value = clv_for(v.clv, f, digits);
    let aov_major = f.aov.to_major(digits);
    let arpa = f.arpa.to_major(digits);
    let monthly_revenue_per_customer = if arpa > 0.0 {
        arpa
    } else {
        aov_major * f.orders_per_customer
    };
    let not_modelled =
        Explained::words("Not modelled in the forecast: measured from your actuals.");
    let lifetime = lifetime_orders(f);
    let lifetime_text = if f.purchases_per_year > 0.0 && f.customer_years > 0.0 {
        say(
            "{} purchases per year × {} years",
            &[N(f.purchases_per_year), N(f.customer_years)],
        )
    } else {
        say(
            "lifetime orders {} (first orders {} + repeat rate {} × further orders {})",
            &[
                N(lifetime),
                N(f.orders_per_customer),
                P(f.repeat_rate),
                N(f.repeat_orders),
            ],
        )
    };

    catalogue()
        .iter()
        .map(|def| {
            let (value, inputs) = match def.id {
                "impressions" => (
                    t.any_impressions.then_some(t.impressions),
                    if t.any_impressions {
                        say("Σ touchpoint impressions {}", &[N(t.impressions)])
                    } else {
                        "No touchpoint has impressions.".into()
                    },
                ),
                "ctr" => (
                    ctr(t.impression_clicks, t.impressions),
                    say("clicks {} ÷ impressions {}", &[N(t.impression_clicks), N(t.impressions)]),
                ),
                "cpc" => (
                    cpc(t.click_spend, t.clicks),
                    say("spend {} ÷ clicks {}", &[M(t.click_spend), N(t.clicks)]),
                ),
                "cpm" => (
                    cpm(t.impression_spend, t.impressions),
                    say("spend {} ÷ impressions {} × 1000", &[M(t.impression_spend), N(t.impressions)]),
                ),
                "sessions" => (
                    Some(m.sessions),
                    say("online Reach touchpoints, month {}", &[N(f64::from(m.month + 1))]),
                ),
                "offline_contacts" => (
                    Some(m.offline_contacts),
                    say("offline touchpoints, month {}", &[N(f64::from(m.month + 1))]),
                ),
                "engagement_rate" | "bounce_rate" | "social_engagement_rate" | "nps" => {
                    (None, not_modelled.clone())
                }
                "lead_rate" => (
                    lead_rate(m.leads, m.sessions),
                    say("leads {} ÷ sessions {}", &[N(m.leads), N(m.sessions)]),
                ),
                "leads" => (
                    Some(m.leads),
                    say("sessions {} × session → lead rate {}", &[N(m.sessions), P(f.act_rate)]),
                ),
                "cpl" => (
                    cpl(spend, m.leads),
                    say("spend {} ÷ leads {}", &[M(spend), N(m.leads)]),
                ),
                "conversion_rate" => match v.conversion_denominator {
                    Denominator::Sessions => (
                        conversion_rate(m.online_customers, m.sessions),
                        say("online customers {} ÷ sessions {}", &[N(m.online_customers), N(m.sessions)]),
                    ),
                    Denominator::Users => {
                        let users = ratio(m.sessions, f.sessions_per_user).unwrap_or(0.0);
                        (
                            conversion_rate(m.online_customers, users),
                            say("online customers {} ÷ users {} (sessions ÷ {} sessions per user)", &[N(m.online_customers), N(users), N(f.sessions_per_user)]),
                        )
                    }
                },
                "customers" => (
                    Some(m.customers),
                    say("online {} + offline {}", &[N(m.online_customers), N(m.offline_customers)]),
                ),
                "orders" => (
                    Some(m.orders),
                    say("first orders {} + repeat orders {}", &[N(m.first_orders), N(m.repeat_orders)]),
                ),
                "aov" => (
                    aov(m.revenue, m.orders).or(Some(aov_major)),
                    say("AOV assumption {}", &[M(aov_major)]),
                ),
                "revenue" => (
                    Some(m.revenue),
                    say("first-order revenue {} (first orders {} × AOV {}) + repeat revenue {} (repeat orders {} × AOV)", &[M(m.first_revenue), N(m.first_orders), M(aov_major), M(m.repeat_revenue), N(m.repeat_orders)]),
                ),
                "cpa" => (
                    cpa(spend, m.customers),
                    say("spend {} ÷ new customers {}", &[M(spend), N(m.customers)]),
                ),
                "cac" => (
                    cac_value,
                    say("(touchpoint spend {} + other cost {}) ÷ new customers {}", &[M(spend), M(all_cost - spend), N(m.customers)]),
                ),
                "roas" => (
                    roas(m.paid_revenue, paid_spend),
                    say("revenue from paid touchpoints {} ÷ paid spend {}", &[M(m.paid_revenue), M(paid_spend)]),
                ),
                "repeat_purchase_rate" => (
                    repeat_purchase_rate(m.repeat_customers, m.customers).or(Some(f.repeat_rate)),
                    say("repeat purchase rate assumption {}", &[P(f.repeat_rate)]),
                ),
                "repeat_customers" => (
                    Some(m.repeat_customers),
                    say("new customers {} × repeat purchase rate {}", &[N(m.customers), P(f.repeat_rate)]),
                ),
                "retention_rate" => (
                    Some(f.retention_rate),
                    "retention assumption (yearly)".into(),
                ),
                "churn_rate" => (Some(f.churn_rate), "churn assumption (monthly)".into()),
                "clv" => (
                    clv_value,
                    match v.clv {
                        ClvVariant::Simple => {
                            say("simple: AOV {} × ", &[M(aov_major)]).then(lifetime_text.clone())
                        }
                        ClvVariant::Margin => say("margin: AOV {} × ", &[M(aov_major)])
                            .then(lifetime_text.clone())
                            .then(say(" × gross margin {}", &[P(f.gross_margin)])),
                        ClvVariant::RetentionDiscounted => say("retention-discounted: yearly margin {} × retention {} ÷ (1 + discount {} − retention)", &[M(aov_major * yearly_orders(f) * f.gross_margin), P(f.retention_rate), P(f.discount_rate)]),
                        ClvVariant::Subscription => say("subscription: ARPA {} × gross margin {} ÷ churn {}", &[M(arpa), P(f.gross_margin), P(f.churn_rate)]),
                    },
                ),
                "mer" => (
                    mer(m.revenue, all_cost),
                    say("revenue {} ÷ marketing cost {}", &[M(m.revenue), M(all_cost)]),
                ),
                "roi" => (
                    roi(v.roi, m.revenue, f.gross_margin, all_cost),
                    match v.roi {
                        RoiBasis::Revenue => say("revenue basis: (revenue {} − cost {}) ÷ cost", &[M(m.revenue), M(all_cost)]),
                        RoiBasis::GrossProfit => say("gross-profit basis: (gross profit {} − cost {}) ÷ cost", &[M(m.gross_profit), M(all_cost)]),
                    },
                ),
                "ltv_cac" => (
                    clv_value.zip(cac_value).and_then(|(l, c)| ltv_cac(l, c)),
                    say("CLV {} ÷ CAC {}", &[clv_value.map_or(Figure::Absent, M), cac_value.map_or(Figure::Absent, M)]),
                ),
                "cac_payback" => (
                    cac_value.and_then(|c| cac_payback(c, monthly_revenue_per_customer, f.gross_margin)),
                    say("CAC {} ÷ (monthly revenue per customer {} × gross margin {})", &[cac_value.map_or(Figure::Absent, M), M(monthly_revenue_per_customer), P(f.gross_margin)]),
                ),
                "forecast_error" => revenue_error.clone(),
                _ => (None, Explained::default()),
            };
            let missing = missing_for(def.id, f, v, t, m);
            let (value, inputs) = if missing.is_empty() {
                (value.and_then(finite), inputs)
            } else {
                (None, Explained::words(format!("No value yet: needs {}.", missing.join(", "))))
            };
            let inputs = if def.id == "social_engagement_rate" {
                match v.social_engagement_base {
                    EngagementBase::Impressions => inputs.then(Explained::words(" Base: impressions.")),
                    EngagementBase::Reach => inputs.then(Explained::words(" Base: reach.")),
                }
            } else {
                inputs
            };
            KpiValue {
                id: def.id,
                value,
                inputs,
                missing,
            }
        })
        .collect()
}

/// A KPI the forecast computes from the funnel month by month: traffic, funnel, cost
/// and return KPIs, CLV and its ratios (see [`forecast_value`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ForecastKpi {
    /// `impressions`.
    Impressions,
    /// `ctr`.
    Ctr,
    /// `cpc`.
    Cpc,
    /// `cpm`.
    Cpm,
    /// `sessions`.
    Sessions,
    /// `offline_contacts`.
    OfflineContacts,
    /// `lead_rate`.
    LeadRate,
    /// `leads`.
    Leads,
    /// `cpl`.
    Cpl,
    /// `conversion_rate`.
    ConversionRate,
    /// `customers`.
    Customers,
    /// `orders`.
    Orders,
    /// `aov`.
    Aov,
    /// `revenue`.
    Revenue,
    /// `cpa`.
    Cpa,
    /// `cac`.
    Cac,
    /// `roas`.
    Roas,
    /// `repeat_purchase_rate`.
    RepeatPurchaseRate,
    /// `repeat_customers`.
    RepeatCustomers,
    /// `clv`.
    Clv,
    /// `mer`.
    Mer,
    /// `roi`.
    Roi,
    /// `ltv_cac`.
    LtvCac,
    /// `cac_payback`.
    CacPayback,
}

impl ForecastKpi {
    /// Every KPI the forecast computes.
    pub const ALL: [ForecastKpi; 24] = [
        ForecastKpi::Impressions,
        ForecastKpi::Ctr,
        ForecastKpi::Cpc,
        ForecastKpi::Cpm,
        ForecastKpi::Sessions,
        ForecastKpi::OfflineContacts,
        ForecastKpi::LeadRate,
        ForecastKpi::Leads,
        ForecastKpi::Cpl,
        ForecastKpi::ConversionRate,
        ForecastKpi::Customers,
        ForecastKpi::Orders,
        ForecastKpi::Aov,
        ForecastKpi::Revenue,
        ForecastKpi::Cpa,
        ForecastKpi::Cac,
        ForecastKpi::Roas,
        ForecastKpi::RepeatPurchaseRate,
        ForecastKpi::RepeatCustomers,
        ForecastKpi::Clv,
        ForecastKpi::Mer,
        ForecastKpi::Roi,
        ForecastKpi::LtvCac,
        ForecastKpi::CacPayback,
    ];

    /// The KPI's id in the catalogue.
    pub fn id(self) -> &'static str {
        match self {
            ForecastKpi::Impressions => "impressions",
            ForecastKpi::Ctr => "ctr",
            ForecastKpi::Cpc => "cpc",
            ForecastKpi::Cpm => "cpm",
            ForecastKpi::Sessions => "sessions",
            ForecastKpi::OfflineContacts => "offline_contacts",
            ForecastKpi::LeadRate => "lead_rate",
            ForecastKpi::Leads => "leads",
            ForecastKpi::Cpl => "cpl",
            ForecastKpi::ConversionRate => "conversion_rate",
            ForecastKpi::Customers => "customers",
            ForecastKpi::Orders => "orders",
            ForecastKpi::Aov => "aov",
            ForecastKpi::Revenue => "revenue",
            ForecastKpi::Cpa => "cpa",
            ForecastKpi::Cac => "cac",
            ForecastKpi::Roas => "roas",
            ForecastKpi::RepeatPurchaseRate => "repeat_purchase_rate",
            ForecastKpi::RepeatCustomers => "repeat_customers",
            ForecastKpi::Clv => "clv",
            ForecastKpi::Mer => "mer",
            ForecastKpi::Roi => "roi",
            ForecastKpi::LtvCac => "ltv_cac",
            ForecastKpi::CacPayback => "cac_payback",
        }
    }

    /// The forecast KPI with this id, if the forecast computes it.
    pub fn from_id(id: &str) -> Option<ForecastKpi> {
        ForecastKpi::ALL.into_iter().find(|k| k.id() == id)
    }

    /// The KPI's value in forecast month `m` (see [`forecast_value`]).
    pub fn value(
        self,
        f: &FunnelInputs,
        v: &KpiVariants,
        digits: u32,
        t: &Traffic,
        m: &FunnelMonth,
    ) -> Option<f64> {
        use ForecastKpi as K;
        if !missing_in(Some(self), "", f, v, t, m).is_empty() {
            return None;
        }
        let all_cost = m.marketing_cost;
        let spend = m.touchpoint_spend;
        let aov_major = f.aov.to_major(digits);
        let value = match self {
            K::Impressions => t.any_impressions.then_some(t.impressions),
            K::Ctr => ctr(t.impression_clicks, t.impressions),
            K::Cpc => cpc(t.click_spend, t.clicks),
            K::Cpm => cpm(t.impression_spend, t.impressions),
            K::Sessions => Some(m.sessions),
            K::OfflineContacts => Some(m.offline_contacts),
            K::LeadRate => lead_rate(m.leads, m.sessions),
            K::Leads => Some(m.leads),
            K::Cpl => cpl(spend, m.leads),
            K::ConversionRate => match v.conversion_denominator {
                Denominator::Sessions => conversion_rate(m.online_customers, m.sessions),
                Denominator::Users => conversion_rate(
                    m.online_customers,
                    ratio(m.sessions, f.sessions_per_user).unwrap_or(0.0),
                ),
            },
            K::Customers => Some(m.customers),
            K::Orders => Some(m.orders),
            K::Aov => aov(m.revenue, m.orders).or(Some(aov_major)),
            K::Revenue => Some(m.revenue),
            K::Cpa => cpa(spend, m.customers),
            K::Cac => cac(all_cost, m.customers),
            K::Roas => roas(m.paid_revenue, t.paid_spend),
            K::RepeatPurchaseRate => {
                repeat_purchase_rate(m.repeat_customers, m.customers).or(Some(f.repeat_rate))
            }
            K::RepeatCustomers => Some(m.repeat_customers),
            K::Clv => clv_for(v.clv, f, digits),
            K::Mer => mer(m.revenue, all_cost),
            K::Roi => roi(v.roi, m.revenue, f.gross_margin, all_cost),
            K::LtvCac => clv_for(v.clv, f, digits)
                .zip(cac(all_cost, m.customers))
                .and_then(|(l, c)| ltv_cac(l, c)),
            K::CacPayback => {
                let arpa = f.arpa.to_major(digits);
                let per_customer = if arpa > 0.0 {
                    arpa
                } else {
                    aov_major * f.orders_per_customer
                };
                cac(all_cost, m.customers)
                    .and_then(|c| cac_payback(c, per_customer, f.gross_margin))
            }
        };
        value.and_then(finite)
    }
}

/// A KPI's forecast value in one month from the funnel's inputs, the plan's formula
/// variants, the touchpoints' traffic `t` and the forecast month `m`: the value
/// [`values_with`] gives, for the KPIs the forecast computes ([`ForecastKpi`]). `None`
/// for a KPI the forecast does not model (GA4 engagement, NPS, social engagement,
/// forecast error, the retention and churn assumptions) and, as in [`values_with`],
/// when an input it needs is missing. Cheap enough to be called for every draw of a
/// simulation (look the KPI up once with [`ForecastKpi::from_id`] in a loop).
pub fn forecast_value(
    id: &str,
    f: &FunnelInputs,
    v: &KpiVariants,
    digits: u32,
    t: &Traffic,
    m: &FunnelMonth,
) -> Option<f64> {
    ForecastKpi::from_id(id).and_then(|k| k.value(f, v, digits, t, m))
}

/// True when the forecast computes this KPI ([`ForecastKpi`]).
pub fn is_forecast(id: &str) -> bool {
    ForecastKpi::from_id(id).is_some()
}

/// APE of revenue for the latest month that has a revenue actual inside the horizon,
/// against the plan's forecast (computed here unless given).
pub fn latest_revenue_error(plan: &Plan, forecast: Option<&Forecast>) -> (Option<f64>, Explained) {
    let index = super::measure::ActualIndex::new(&plan.actuals);
    latest_revenue_error_with(plan, forecast, &index)
}

/// [`latest_revenue_error`] with the plan's actuals already indexed.
pub fn latest_revenue_error_with(
    plan: &Plan,
    forecast: Option<&Forecast>,
    index: &super::measure::ActualIndex,
) -> (Option<f64>, Explained) {
    let Ok(start) = super::period::parse_date(&plan.profile.start_date) else {
        return (None, "The plan's start date is not valid.".into());
    };
    let months = super::period::Period::months_from(start, plan.horizon_months);
    let def = find("revenue");
    let mut best: Option<(usize, f64)> = None;
    for (i, p) in months.iter().enumerate().rev() {
        if let Some(v) = def.and_then(|d| index.recorded(d, *p)) {
            best = Some((i, v));
            break;
        }
    }
    match best {
        Some((i, actual)) => {
            let owned;
            let forecast = match forecast {
                Some(f) => f,
                None => {
                    owned = funnel::forward_funnel(plan);
                    &owned
                }
            };
            let fc = forecast.months.get(i).map_or(0.0, |m| m.revenue);
            let month = months.get(i).map_or(String::new(), |p| p.to_string());
            (
                forecast_error(actual, fc),
                Explained {
                    words: format!("|actual {{}} − forecast {{}}| ÷ actual, {month}").into(),
                    figures: vec![Figure::Money(actual), Figure::Money(fc)],
                },
            )
        }
        None => (
            None,
            "No monthly revenue actual within the plan's horizon yet.".into(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalogue_ids_are_unique() {
        for (i, a) in catalogue().iter().enumerate() {
            for b in &catalogue()[i + 1..] {
                assert_ne!(a.id, b.id);
            }
        }
        assert!(find("ctr").is_some());
        assert!(find("nope").is_none());
    }

    #[test]
    fn values_without_explanations_are_the_same_values() {
        for template in crate::domain::templates::Template::ALL {
            let plan = template.build("p", 0, "2026-01-05");
            let t = funnel::traffic(&plan);
            let forecast = funnel::forward_funnel(&plan);
            for m in &forecast.months {
                let explained = evaluate_with(&plan, &t, m, &(None, Explained::default()));
                let values = values_with(&plan, &t, m);
                assert_eq!(explained.len(), values.len());
                for (e, v) in explained.iter().zip(&values) {
                    assert_eq!((e.id, e.value), (v.id, v.value));
                }
                assert!(explained.iter().any(|e| !e.inputs.figures.is_empty()));
                assert!(values.iter().all(|v| v.inputs.figures.is_empty()));
            }
        }
    }

    #[test]
    fn explanations_put_each_figure_where_its_braces_stand() {
        let write = |f: Figure| match f {
            Figure::Number(v) => format!("n{v}"),
            Figure::Money(v) => format!("m{v}"),
            Figure::Percent(v) => format!("p{v}"),
            Figure::Absent => "—".to_string(),
        };
        let e = Explained::say(
            "spend {} ÷ clicks {}",
            &[Figure::Money(10.5), Figure::Number(3.0)],
        );
        assert_eq!(e.render(write), "spend m10.5 ÷ clicks n3");
        let nested = Explained::say("AOV {} × ", &[Figure::Money(80.0)])
            .then(Explained::say("{} orders", &[Figure::Number(2.0)]))
            .then(Explained::say(" × margin {}", &[Figure::Percent(0.4)]));
        assert_eq!(nested.render(write), "AOV m80 × n2 orders × margin p0.4");
        assert_eq!(
            Explained::say("CLV {}", &[Figure::Absent]).render(write),
            "CLV —"
        );
        assert_eq!(
            Explained::words("No value yet.").render(write),
            "No value yet."
        );
        assert!(Explained::default().is_empty());
    }
}
