//! The plan: everything a marketer enters, as plain serde data.
//!
//! A plan follows Smart Insights' OSA process around the RACE stages:
//! *Opportunity* (baseline, capability, competitors, SWOT, SMART objectives),
//! the four stages with their KPIs and touchpoints, *Strategy* (scored initiatives
//! and a not-doing list) and *Action* (a 13-week plan with reviews), plus the
//! actuals measured since. Nothing derived is stored: every KPI is computed from it.

use serde::{Deserialize, Serialize};

use super::allocation::{AllocationSettings, SplitSettings};
use super::input::InputError;
use super::kpi;
use super::measure::Status;
use super::money::{minor_digits, Money};
use super::period::{parse_date, Period};
use super::scenario::Scenario;
use super::uncertainty::InputRange;
use super::validate;

/// Version of the plan's JSON layout written by this app.
pub const SCHEMA_VERSION: u32 = 3;

/// Longest planning horizon in months.
pub const MAX_HORIZON_MONTHS: u32 = 60;

/// Number of weeks in the 90-day action plan.
pub const ACTION_WEEKS: u8 = 13;

/// A problem found in a plan: where (`stages.reach.touchpoints[3].budget`) and what
/// (`must not be negative`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    /// Path of the field in the plan, in JSON terms with stage names.
    pub path: String,
    /// What is wrong, in words for the user.
    pub message: String,
}

impl FieldError {
    /// An error at `path` with `message`.
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> Self {
        FieldError {
            path: path.into(),
            message: message.into(),
        }
    }
}

impl std::fmt::Display for FieldError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// A stage of the RACE framework: the customer journey from first contact to loyalty.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// Awareness and traffic: being seen by the audience and bringing it to you.
    #[default]
    Reach,
    /// Interaction: visitors take a first action, such as a sign-up or an enquiry.
    Act,
    /// The sale, online or offline.
    Convert,
    /// Loyalty after the first purchase: repeat business and advocacy.
    Engage,
}

impl Stage {
    /// The four stages in journey order.
    pub const ALL: [Stage; 4] = [Stage::Reach, Stage::Act, Stage::Convert, Stage::Engage];

    /// The stage's name as shown ("Reach").
    pub fn name(self) -> &'static str {
        match self {
            Stage::Reach => "Reach",
            Stage::Act => "Act",
            Stage::Convert => "Convert",
            Stage::Engage => "Engage",
        }
    }

    /// One line saying what the stage is for.
    pub fn purpose(self) -> &'static str {
        match self {
            Stage::Reach => {
                "Build awareness and bring your audience to your site, social pages and stores through paid, owned and earned media."
            }
            Stage::Act => {
                "Get visitors to interact: read, search, sign up or leave their details, opening the conversation before the sale."
            }
            Stage::Convert => {
                "Turn interested prospects into paying customers, online or offline (a call, a store visit, a sales meeting)."
            }
            Stage::Engage => {
                "Keep first-time buyers coming back: repeat purchases, loyalty, satisfaction and advocacy that grow lifetime value."
            }
        }
    }

    /// The stage as a lowercase word for paths and links ("reach").
    pub fn slug(self) -> &'static str {
        match self {
            Stage::Reach => "reach",
            Stage::Act => "act",
            Stage::Convert => "convert",
            Stage::Engage => "engage",
        }
    }

    /// The stage named by a slug ("reach"), if any.
    pub fn from_slug(slug: &str) -> Option<Stage> {
        Stage::ALL.into_iter().find(|s| s.slug() == slug)
    }
}

/// Whether the business sells to businesses or to consumers.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Market {
    /// Business to business.
    B2b,
    /// Business to consumer.
    #[default]
    B2c,
}

/// Who the plan is for: market, sector, currency, locale and start date.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct BusinessProfile {
    /// B2B or B2C.
    pub market: Market,
    /// Free text: "Outdoor gear e-commerce".
    pub sector: String,
    /// ISO 4217 code of the plan's money ("USD").
    pub currency: String,
    /// BCP 47 locale for number and date display ("en-US").
    pub locale: String,
    /// First day of the plan, `YYYY-MM-DD`.
    pub start_date: String,
}

impl Default for BusinessProfile {
    fn default() -> Self {
        BusinessProfile {
            market: Market::B2c,
            sector: String::new(),
            currency: "USD".into(),
            locale: "en-US".into(),
            start_date: "2026-01-01".into(),
        }
    }
}

impl BusinessProfile {
    /// Minor digits of the plan's currency (2 for USD, 0 for JPY).
    pub fn currency_digits(&self) -> u32 {
        minor_digits(&self.currency)
    }
}

/// Which ROI formula the plan uses.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RoiBasis {
    /// (revenue − marketing cost) ÷ marketing cost.
    #[default]
    Revenue,
    /// (gross profit − marketing cost) ÷ marketing cost.
    GrossProfit,
}

/// Which ICE formula the plan uses.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IceVariant {
    /// (impact + confidence + ease) ÷ 3, from 1 to 10.
    #[default]
    Average,
    /// impact × confidence × ease, from 1 to 1000.
    Product,
}

/// How initiatives are scored.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ScoringMethod {
    /// Impact, confidence, ease.
    #[default]
    Ice,
    /// Reach × impact × confidence ÷ effort.
    Rice,
}

/// What the conversion rate is divided by (GA4 offers both).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Denominator {
    /// Conversions ÷ sessions.
    #[default]
    Sessions,
    /// Conversions ÷ users.
    Users,
}

/// Which customer lifetime value formula the plan uses.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClvVariant {
    /// AOV × purchases per year × years.
    Simple,
    /// AOV × purchases per year × years × gross margin.
    #[default]
    Margin,
    /// m × r ÷ (1 + i − r), yearly margin m, yearly retention r, discount rate i.
    RetentionDiscounted,
    /// ARPA × gross margin ÷ monthly churn.
    Subscription,
}

/// What social engagement is divided by.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EngagementBase {
    /// Engagements ÷ impressions.
    #[default]
    Impressions,
    /// Engagements ÷ reach (people who saw it).
    Reach,
}

/// The formula variants this plan uses where tools disagree; shown next to each KPI.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default)]
pub struct KpiVariants {
    /// ROI on revenue or on gross profit.
    pub roi: RoiBasis,
    /// ICE as an average or a product.
    pub ice: IceVariant,
    /// ICE or RICE scoring of initiatives.
    pub scoring: ScoringMethod,
    /// Conversion rate per session or per user.
    pub conversion_denominator: Denominator,
    /// Customer lifetime value formula.
    pub clv: ClvVariant,
    /// Social engagement rate per impression or per person reached.
    pub social_engagement_base: EngagementBase,
}

/// The funnel's monthly forecast assumptions. Rates are fractions; traffic itself
/// comes from the touchpoints.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct FunnelInputs {
    /// Monthly growth of touchpoint volumes, g in volume × (1 + g)^month (may be 0 or negative).
    pub traffic_growth: f64,
    /// Share of sessions that become leads or interactions (Act).
    pub act_rate: f64,
    /// Share of leads that become online customers (Convert).
    pub convert_rate: f64,
    /// Share of offline contacts (calls, store visits, event leads) that become customers.
    pub offline_convert_rate: f64,
    /// Average order value.
    pub aov: Money,
    /// Orders per customer per month.
    pub orders_per_customer: f64,
    /// Share of new customers who buy again (Engage).
    pub repeat_rate: f64,
    /// Further orders each repeat customer places (on top of the first orders).
    pub repeat_orders: f64,
    /// Gross margin as a share of revenue.
    pub gross_margin: f64,
    /// Share of customers kept from one year to the next (for retention-discounted CLV).
    pub retention_rate: f64,
    /// Yearly discount rate for retention-discounted CLV.
    pub discount_rate: f64,
    /// Share of subscribers lost per month (for subscription CLV).
    pub churn_rate: f64,
    /// Average revenue per account per month (subscriptions).
    pub arpa: Money,
    /// Purchases per customer per year (for simple and margin CLV).
    pub purchases_per_year: f64,
    /// Years a customer stays (for simple and margin CLV).
    pub customer_years: f64,
    /// Other sales and marketing cost per month, outside touchpoints (salaries, tools), for CAC.
    pub marketing_cost_other: Money,
    /// Sessions per user, to state the conversion rate per user (1 when unknown).
    pub sessions_per_user: f64,
}

impl Default for FunnelInputs {
    fn default() -> Self {
        FunnelInputs {
            traffic_growth: 0.0,
            act_rate: 0.0,
            convert_rate: 0.0,
            offline_convert_rate: 0.0,
            aov: Money::ZERO,
            orders_per_customer: 1.0,
            repeat_rate: 0.0,
            repeat_orders: 1.0,
            gross_margin: 0.0,
            retention_rate: 0.0,
            discount_rate: 0.0,
            churn_rate: 0.0,
            arpa: Money::ZERO,
            purchases_per_year: 0.0,
            customer_years: 0.0,
            marketing_cost_other: Money::ZERO,
            sessions_per_user: 1.0,
        }
    }
}

/// A number field of [`FunnelInputs`], for editing it with validation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FunnelField {
    /// Monthly traffic growth (−100 % to 100 %).
    TrafficGrowth,
    /// Sessions → leads.
    ActRate,
    /// Leads → online customers.
    ConvertRate,
    /// Offline contacts → customers.
    OfflineConvertRate,
    /// Orders per customer per month.
    OrdersPerCustomer,
    /// Repeat purchase rate.
    RepeatRate,
    /// Further orders per repeat customer.
    RepeatOrders,
    /// Gross margin.
    GrossMargin,
    /// Yearly retention.
    RetentionRate,
    /// Yearly discount rate.
    DiscountRate,
    /// Monthly churn.
    ChurnRate,
    /// Purchases per year.
    PurchasesPerYear,
    /// Customer lifetime in years.
    CustomerYears,
    /// Sessions per user.
    SessionsPerUser,
}

impl FunnelField {
    /// Every number field.
    pub const ALL: [FunnelField; 14] = [
        FunnelField::TrafficGrowth,
        FunnelField::ActRate,
        FunnelField::ConvertRate,
        FunnelField::OfflineConvertRate,
        FunnelField::OrdersPerCustomer,
        FunnelField::RepeatRate,
        FunnelField::RepeatOrders,
        FunnelField::GrossMargin,
        FunnelField::RetentionRate,
        FunnelField::DiscountRate,
        FunnelField::ChurnRate,
        FunnelField::PurchasesPerYear,
        FunnelField::CustomerYears,
        FunnelField::SessionsPerUser,
    ];

    /// The field's JSON name ("act_rate"), as used in validation paths.
    pub fn key(self) -> &'static str {
        match self {
            FunnelField::TrafficGrowth => "traffic_growth",
            FunnelField::ActRate => "act_rate",
            FunnelField::ConvertRate => "convert_rate",
            FunnelField::OfflineConvertRate => "offline_convert_rate",
            FunnelField::OrdersPerCustomer => "orders_per_customer",
            FunnelField::RepeatRate => "repeat_rate",
            FunnelField::RepeatOrders => "repeat_orders",
            FunnelField::GrossMargin => "gross_margin",
            FunnelField::RetentionRate => "retention_rate",
            FunnelField::DiscountRate => "discount_rate",
            FunnelField::ChurnRate => "churn_rate",
            FunnelField::PurchasesPerYear => "purchases_per_year",
            FunnelField::CustomerYears => "customer_years",
            FunnelField::SessionsPerUser => "sessions_per_user",
        }
    }

    /// The field's label for the form.
    pub fn label(self) -> &'static str {
        match self {
            FunnelField::TrafficGrowth => "Monthly traffic growth",
            FunnelField::ActRate => "Session → lead rate",
            FunnelField::ConvertRate => "Lead → customer rate",
            FunnelField::OfflineConvertRate => "Offline contact → customer rate",
            FunnelField::OrdersPerCustomer => "First orders per new customer",
            FunnelField::RepeatRate => "Repeat purchase rate (customers who order again)",
            FunnelField::RepeatOrders => "Further orders per repeat customer",
            FunnelField::GrossMargin => "Gross margin",
            FunnelField::RetentionRate => "Yearly retention rate",
            FunnelField::DiscountRate => "Yearly discount rate",
            FunnelField::ChurnRate => "Monthly churn rate",
            FunnelField::PurchasesPerYear => "Purchases per customer per year",
            FunnelField::CustomerYears => "Years as a customer",
            FunnelField::SessionsPerUser => "Sessions per user",
        }
    }

    /// True when the field is a rate shown as a percent.
    pub fn is_percent(self) -> bool {
        !matches!(
            self,
            FunnelField::OrdersPerCustomer
                | FunnelField::RepeatOrders
                | FunnelField::PurchasesPerYear
                | FunnelField::CustomerYears
                | FunnelField::SessionsPerUser
        )
    }

    /// True when the plan's formula variants use this field, so the form shows it;
    /// the others stay hidden until the user asks for every field. Gross margin is
    /// always used (gross profit); ARPA-based fields only by subscription CLV.
    pub fn applies(self, variants: &KpiVariants) -> bool {
        let clv = variants.clv;
        match self {
            FunnelField::RetentionRate | FunnelField::DiscountRate => {
                clv == ClvVariant::RetentionDiscounted
            }
            FunnelField::ChurnRate => clv == ClvVariant::Subscription,
            FunnelField::PurchasesPerYear | FunnelField::CustomerYears => {
                matches!(clv, ClvVariant::Simple | ClvVariant::Margin)
            }
            FunnelField::SessionsPerUser => variants.conversion_denominator == Denominator::Users,
            _ => true,
        }
    }

    /// The field's current value.
    pub fn get(self, inputs: &FunnelInputs) -> f64 {
        match self {
            FunnelField::TrafficGrowth => inputs.traffic_growth,
            FunnelField::ActRate => inputs.act_rate,
            FunnelField::ConvertRate => inputs.convert_rate,
            FunnelField::OfflineConvertRate => inputs.offline_convert_rate,
            FunnelField::OrdersPerCustomer => inputs.orders_per_customer,
            FunnelField::RepeatRate => inputs.repeat_rate,
            FunnelField::RepeatOrders => inputs.repeat_orders,
            FunnelField::GrossMargin => inputs.gross_margin,
            FunnelField::RetentionRate => inputs.retention_rate,
            FunnelField::DiscountRate => inputs.discount_rate,
            FunnelField::ChurnRate => inputs.churn_rate,
            FunnelField::PurchasesPerYear => inputs.purchases_per_year,
            FunnelField::CustomerYears => inputs.customer_years,
            FunnelField::SessionsPerUser => inputs.sessions_per_user,
        }
    }

    /// Why `value` is not allowed in this field, if it is not.
    pub fn check(self, value: f64) -> Option<&'static str> {
        match self {
            FunnelField::TrafficGrowth => validate::check_growth(value),
            FunnelField::OrdersPerCustomer
            | FunnelField::RepeatOrders
            | FunnelField::PurchasesPerYear
            | FunnelField::CustomerYears
            | FunnelField::SessionsPerUser => validate::check_count(value),
            _ => validate::check_rate(value),
        }
    }

    /// Sets the field after checking the value; on error the inputs are unchanged.
    pub fn set(self, inputs: &mut FunnelInputs, value: f64) -> Result<(), InputError> {
        if let Some(message) = self.check(value) {
            return Err(InputError::new(crate::domain::input::sentence(message)));
        }
        let slot = match self {
            FunnelField::TrafficGrowth => &mut inputs.traffic_growth,
            FunnelField::ActRate => &mut inputs.act_rate,
            FunnelField::ConvertRate => &mut inputs.convert_rate,
            FunnelField::OfflineConvertRate => &mut inputs.offline_convert_rate,
            FunnelField::OrdersPerCustomer => &mut inputs.orders_per_customer,
            FunnelField::RepeatRate => &mut inputs.repeat_rate,
            FunnelField::RepeatOrders => &mut inputs.repeat_orders,
            FunnelField::GrossMargin => &mut inputs.gross_margin,
            FunnelField::RetentionRate => &mut inputs.retention_rate,
            FunnelField::DiscountRate => &mut inputs.discount_rate,
            FunnelField::ChurnRate => &mut inputs.churn_rate,
            FunnelField::PurchasesPerYear => &mut inputs.purchases_per_year,
            FunnelField::CustomerYears => &mut inputs.customer_years,
            FunnelField::SessionsPerUser => &mut inputs.sessions_per_user,
        };
        *slot = value;
        Ok(())
    }
}

/// A money field of [`FunnelInputs`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FunnelMoney {
    /// Average order value.
    Aov,
    /// Average revenue per account per month.
    Arpa,
    /// Other sales and marketing cost per month.
    MarketingCostOther,
}

impl FunnelMoney {
    /// True when the plan's formula variants use this field (ARPA: subscription CLV).
    pub fn applies(self, variants: &KpiVariants) -> bool {
        match self {
            FunnelMoney::Arpa => variants.clv == ClvVariant::Subscription,
            _ => true,
        }
    }
}

impl FunnelInputs {
    /// Sets a money field; negative amounts are refused and leave the inputs unchanged.
    pub fn set_money(&mut self, field: FunnelMoney, amount: Money) -> Result<(), InputError> {
        check_money(amount)?;
        match field {
            FunnelMoney::Aov => self.aov = amount,
            FunnelMoney::Arpa => self.arpa = amount,
            FunnelMoney::MarketingCostOther => self.marketing_cost_other = amount,
        }
        Ok(())
    }
}

fn check_money(amount: Money) -> Result<(), InputError> {
    match validate::check_money(amount) {
        Some(message) => Err(InputError::new(crate::domain::input::sentence(message))),
        None => Ok(()),
    }
}

fn check_f64(value: f64, rule: fn(f64) -> Option<&'static str>) -> Result<(), InputError> {
    match rule(value) {
        Some(message) => Err(InputError::new(crate::domain::input::sentence(message))),
        None => Ok(()),
    }
}

/// Where the business stands today, per month, before the plan (the audit's numbers).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Baseline {
    /// Website sessions per month.
    pub sessions: Option<f64>,
    /// Leads or interactions per month.
    pub leads: Option<f64>,
    /// Offline contacts per month (calls, store visits, event leads).
    pub offline_contacts: Option<f64>,
    /// New customers per month, online and offline.
    pub customers: Option<f64>,
    /// Orders per month.
    pub orders: Option<f64>,
    /// Revenue per month.
    pub revenue: Option<Money>,
    /// Repeat purchase rate (fraction).
    pub repeat_rate: Option<f64>,
    /// Marketing spend per month.
    pub marketing_spend: Option<Money>,
}

/// A 1–5 self-assessment of a capability, for one stage or for planning as a whole.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CapabilityScore {
    /// The stage assessed; `None` means Plan (strategy, analytics, governance).
    pub stage: Option<Stage>,
    /// What is assessed: "Search marketing", "Email automation".
    pub area: String,
    /// 1 (initial) to 5 (optimised).
    pub score: u8,
}

impl Default for CapabilityScore {
    fn default() -> Self {
        CapabilityScore {
            stage: None,
            area: String::new(),
            score: 1,
        }
    }
}

impl CapabilityScore {
    /// A capability score, refusing a score outside 1–5 or an empty area.
    pub fn new(stage: Option<Stage>, area: &str, score: u8) -> Result<Self, InputError> {
        if !(1..=5).contains(&score) {
            return Err(InputError::new("Enter a score from 1 to 5"));
        }
        if area.trim().is_empty() {
            return Err(InputError::new("Name the area you are scoring"));
        }
        Ok(CapabilityScore {
            stage,
            area: area.trim().to_string(),
            score,
        })
    }
}

/// A competitor's value for one KPI.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Benchmark {
    /// KPI id from the catalogue.
    pub kpi: String,
    /// The competitor's value, in the KPI's unit (rates as fractions).
    pub value: f64,
}

/// A competitor reviewed in the audit.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Competitor {
    /// Competitor's name.
    pub name: String,
    /// What they do well or badly.
    pub notes: String,
    /// KPIs known or estimated for them.
    pub benchmarks: Vec<Benchmark>,
}

/// Strengths, weaknesses, opportunities and threats.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Swot {
    /// Internal strengths.
    pub strengths: Vec<String>,
    /// Internal weaknesses.
    pub weaknesses: Vec<String>,
    /// External opportunities.
    pub opportunities: Vec<String>,
    /// External threats.
    pub threats: Vec<String>,
}

/// A letter of SMART.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SmartPart {
    /// Says what and for whom.
    Specific,
    /// Has a KPI and a number.
    Measurable,
    /// Says why it can be done.
    Achievable,
    /// Says why it matters.
    Relevant,
    /// Has a date.
    TimeBound,
}

impl SmartPart {
    /// The five letters in order.
    pub const ALL: [SmartPart; 5] = [
        SmartPart::Specific,
        SmartPart::Measurable,
        SmartPart::Achievable,
        SmartPart::Relevant,
        SmartPart::TimeBound,
    ];

    /// The word ("Time-bound").
    pub fn name(self) -> &'static str {
        match self {
            SmartPart::Specific => "Specific",
            SmartPart::Measurable => "Measurable",
            SmartPart::Achievable => "Achievable",
            SmartPart::Relevant => "Relevant",
            SmartPart::TimeBound => "Time-bound",
        }
    }

    /// What the objective needs for this letter, as a hint to fill the gap.
    pub fn hint(self) -> &'static str {
        match self {
            SmartPart::Specific => "Describe what and for whom in at least three words.",
            SmartPart::Measurable => "Pick a KPI from the catalogue and a target number.",
            SmartPart::Achievable => {
                "Note why the target can be reached (baseline, budget, benchmark)."
            }
            SmartPart::Relevant => "Note how it serves the business goal of this stage.",
            SmartPart::TimeBound => "Set a deadline date.",
        }
    }
}

/// How a goal's target is spread over the months of the plan.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Phasing {
    /// The same target every month.
    #[default]
    Even,
    /// From today's value (the KPI's baseline) in a straight line to the target in the
    /// deadline's month, then the target.
    Ramp,
}

impl Phasing {
    /// Both ways.
    pub const ALL: [Phasing; 2] = [Phasing::Even, Phasing::Ramp];

    /// The words shown.
    pub fn name(self) -> &'static str {
        match self {
            Phasing::Even => "The same every month",
            Phasing::Ramp => "Ramp up to the deadline",
        }
    }
}

/// A goal: the one record of a target. A SMART objective tied to a stage KPI, a number
/// and a date, phased over the months. It is the KPI's target on its stage screen, on
/// Overview, on Measure and in the report, and where "What do I need?" starts.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Objective {
    /// Unique id within the plan.
    pub id: String,
    /// The RACE stage the objective serves.
    pub stage: Stage,
    /// KPI id from the catalogue ("conversion_rate").
    pub kpi: String,
    /// What is to change and for whom.
    pub description: String,
    /// Target in the KPI's unit (rates as fractions, money in major units): per month
    /// for counts and money, a level for rates and multiples, reached by the deadline.
    pub target: Option<f64>,
    /// Deadline, `YYYY-MM-DD`.
    pub deadline: Option<String>,
    /// How the target is spread over the months before the deadline.
    pub phasing: Phasing,
    /// Why the target is achievable.
    pub achievable_note: String,
    /// Why the objective matters to the business.
    pub relevant_note: String,
}

impl Objective {
    /// The SMART letters this objective does not yet meet, in S-M-A-R-T order.
    ///
    /// Rules: **Specific**: the description has at least 3 words. **Measurable**: the
    /// KPI is in the catalogue and the target is a finite number. **Achievable**: the
    /// achievable note is filled in. **Relevant**: the relevant note is filled in (the
    /// stage is always set). **Time-bound**: the deadline is a real `YYYY-MM-DD` date.
    pub fn smart_gaps(&self) -> Vec<SmartPart> {
        let mut gaps = Vec::new();
        if self.description.split_whitespace().count() < 3 {
            gaps.push(SmartPart::Specific);
        }
        let measurable =
            kpi::find(&self.kpi).is_some() && self.target.is_some_and(|t| t.is_finite());
        if !measurable {
            gaps.push(SmartPart::Measurable);
        }
        if self.achievable_note.trim().is_empty() {
            gaps.push(SmartPart::Achievable);
        }
        if self.relevant_note.trim().is_empty() {
            gaps.push(SmartPart::Relevant);
        }
        if self
            .deadline
            .as_deref()
            .is_none_or(|d| parse_date(d).is_err())
        {
            gaps.push(SmartPart::TimeBound);
        }
        gaps
    }

    /// True when all five SMART letters are met.
    pub fn is_smart(&self) -> bool {
        self.smart_gaps().is_empty()
    }
}

/// A KPI tracked at a stage, with today's value. Its target is its goal's
/// ([`Plan::goal_for`]).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct StageKpi {
    /// KPI id from the catalogue.
    pub kpi: String,
    /// Today's value, in the KPI's unit.
    pub baseline: Option<f64>,
}

/// Paid, owned or earned media.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Media {
    /// Bought: ads, sponsorships.
    #[default]
    Paid,
    /// Yours: site, email list, app, store.
    Owned,
    /// Given by others: press, reviews, shares, word of mouth.
    Earned,
}

impl Media {
    /// The three media types.
    pub const ALL: [Media; 3] = [Media::Paid, Media::Owned, Media::Earned];

    /// The word shown ("Paid").
    pub fn name(self) -> &'static str {
        match self {
            Media::Paid => "Paid",
            Media::Owned => "Owned",
            Media::Earned => "Earned",
        }
    }
}

/// Online or offline.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Place {
    /// Website, social, email, ads.
    #[default]
    Online,
    /// Phone, store, events, print, direct mail.
    Offline,
}

impl Place {
    /// Online and offline.
    pub const ALL: [Place; 2] = [Place::Online, Place::Offline];

    /// The word shown ("Online").
    pub fn name(self) -> &'static str {
        match self {
            Place::Online => "Online",
            Place::Offline => "Offline",
        }
    }
}

/// A point of contact with the audience at a stage: a channel, its media type, place,
/// monthly budget and volume (typed, or bought by the budget).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Touchpoint {
    /// Unique id within the plan.
    pub id: String,
    /// "Google Search ads", "Trade show stand".
    pub name: String,
    /// Channel family: "search", "social", "email", "events", "phone"...
    pub channel: String,
    /// Paid, owned or earned.
    pub media: Media,
    /// Online or offline.
    pub place: Place,
    /// Budget per month.
    pub budget: Money,
    /// Per month: sessions for online Reach touchpoints; contacts (calls, store visits,
    /// event leads) for offline ones; the touchpoint's own volume otherwise.
    pub monthly_volume: f64,
    /// KPI id it drives.
    pub kpi: String,
    /// Ad impressions per month, when known (planned by volume or by CPC).
    pub impressions: Option<f64>,
    /// Clicks per month, when known (planned by volume).
    pub clicks: Option<f64>,
    /// Whether the volume is typed or bought by the budget.
    pub plan_by: PlanBy,
    /// Price of a click (or of a contact, offline) when planned by CPC.
    pub cpc: Money,
    /// Price of a thousand impressions when planned by CPM.
    pub cpm: Money,
    /// Clicks per impression when planned by CPM (fraction).
    pub ctr: f64,
    /// Sessions (or contacts) per click when planned by spend: ad platforms and analytics
    /// count differently; 100 % when they agree.
    pub landing_rate: f64,
    /// For the budget split: two points set by hand and the least and most budget it may
    /// get (see `allocation::SplitSettings`); empty by default.
    pub split: SplitSettings,
}

/// How a touchpoint's monthly volume is planned.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlanBy {
    /// The volume is typed; the cost per unit follows from the budget.
    #[default]
    Volume,
    /// Bought by the budget at a cost per click: clicks = budget ÷ CPC.
    Cpc,
    /// Bought by the budget at a cost per thousand impressions: impressions = budget ÷
    /// CPM × 1,000, clicks = impressions × CTR.
    Cpm,
}

impl PlanBy {
    /// The three ways.
    pub const ALL: [PlanBy; 3] = [PlanBy::Volume, PlanBy::Cpc, PlanBy::Cpm];

    /// The words shown.
    pub fn name(self) -> &'static str {
        match self {
            PlanBy::Volume => "By volume (type the volume)",
            PlanBy::Cpc => "By spend at a cost per click",
            PlanBy::Cpm => "By spend at a cost per thousand impressions",
        }
    }

    /// A short stable word for forms and files ("cpc").
    pub fn slug(self) -> &'static str {
        match self {
            PlanBy::Volume => "volume",
            PlanBy::Cpc => "cpc",
            PlanBy::Cpm => "cpm",
        }
    }
}

/// What a touchpoint delivers per month before growth: its volume (sessions for online
/// Reach touchpoints, contacts offline) and, where known, its clicks and impressions.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Delivery {
    /// Sessions, contacts or the touchpoint's own volume.
    pub volume: f64,
    /// Clicks, when planned by spend or typed.
    pub clicks: Option<f64>,
    /// Impressions, when planned by CPM or typed.
    pub impressions: Option<f64>,
    /// What is missing for a spend-planned volume ("a cost per click"), if anything.
    pub missing: Option<&'static str>,
}

fn non_negative(x: f64) -> f64 {
    if x.is_finite() && x > 0.0 {
        x
    } else {
        0.0
    }
}

impl Default for Touchpoint {
    fn default() -> Self {
        Touchpoint {
            id: String::new(),
            name: String::new(),
            channel: String::new(),
            media: Media::Paid,
            place: Place::Online,
            budget: Money::ZERO,
            monthly_volume: 0.0,
            kpi: String::new(),
            impressions: None,
            clicks: None,
            plan_by: PlanBy::Volume,
            cpc: Money::ZERO,
            cpm: Money::ZERO,
            ctr: 0.0,
            landing_rate: 1.0,
            split: SplitSettings::default(),
        }
    }
}

impl Touchpoint {
    /// True when the budget buys the volume (planned by CPC or CPM).
    pub fn planned_by_spend(&self) -> bool {
        self.plan_by != PlanBy::Volume
    }

    /// What the touchpoint delivers per month (see [`Delivery`]). By CPC: clicks =
    /// budget ÷ CPC; by CPM: impressions = budget ÷ CPM × 1,000 and clicks = impressions
    /// × CTR; then volume = clicks × landing rate. A straight line: twice the budget
    /// buys twice the volume. Never NaN: a missing price gives a volume of 0 and says so.
    pub fn delivery(&self, digits: u32) -> Delivery {
        let budget = non_negative(self.budget.to_major(digits));
        let landing = non_negative(self.landing_rate);
        let typed = |v: Option<f64>| v.filter(|x| x.is_finite() && *x >= 0.0);
        match self.plan_by {
            PlanBy::Volume => Delivery {
                volume: non_negative(self.monthly_volume),
                clicks: typed(self.clicks),
                impressions: typed(self.impressions),
                missing: None,
            },
            PlanBy::Cpc => {
                let cpc = non_negative(self.cpc.to_major(digits));
                let clicks = if cpc > 0.0 {
                    non_negative(budget / cpc)
                } else {
                    0.0
                };
                Delivery {
                    volume: non_negative(clicks * landing),
                    clicks: (cpc > 0.0).then_some(clicks),
                    impressions: typed(self.impressions),
                    missing: (cpc <= 0.0).then_some("a cost per click"),
                }
            }
            PlanBy::Cpm => {
                let cpm = non_negative(self.cpm.to_major(digits));
                let impressions = if cpm > 0.0 {
                    non_negative(budget / cpm * 1000.0)
                } else {
                    0.0
                };
                let clicks = non_negative(impressions * non_negative(self.ctr));
                let missing = if cpm <= 0.0 {
                    Some("a cost per thousand impressions")
                } else if self.ctr <= 0.0 {
                    Some("a click-through rate")
                } else {
                    None
                };
                Delivery {
                    volume: non_negative(clicks * landing),
                    clicks: (cpm > 0.0).then_some(clicks),
                    impressions: (cpm > 0.0).then_some(impressions),
                    missing,
                }
            }
        }
    }

    /// Sets the monthly budget, refusing a negative amount.
    pub fn set_budget(&mut self, budget: Money) -> Result<(), InputError> {
        check_money(budget)?;
        self.budget = budget;
        Ok(())
    }

    /// Sets the cost per click, refusing a negative amount.
    pub fn set_cpc(&mut self, cpc: Money) -> Result<(), InputError> {
        check_money(cpc)?;
        self.cpc = cpc;
        Ok(())
    }

    /// Sets the cost per thousand impressions, refusing a negative amount.
    pub fn set_cpm(&mut self, cpm: Money) -> Result<(), InputError> {
        check_money(cpm)?;
        self.cpm = cpm;
        Ok(())
    }

    /// Sets the click-through rate (0–100 %).
    pub fn set_ctr(&mut self, ctr: f64) -> Result<(), InputError> {
        check_f64(ctr, validate::check_rate)?;
        self.ctr = ctr;
        Ok(())
    }

    /// Sets the landing rate (sessions per click, 0–100 %).
    pub fn set_landing_rate(&mut self, rate: f64) -> Result<(), InputError> {
        check_f64(rate, validate::check_rate)?;
        self.landing_rate = rate;
        Ok(())
    }

    /// Sets the monthly volume, refusing negative or non-finite numbers.
    pub fn set_monthly_volume(&mut self, volume: f64) -> Result<(), InputError> {
        check_f64(volume, validate::check_count)?;
        self.monthly_volume = volume;
        Ok(())
    }

    /// Sets or clears monthly impressions, refusing negative or non-finite numbers.
    pub fn set_impressions(&mut self, impressions: Option<f64>) -> Result<(), InputError> {
        if let Some(v) = impressions {
            check_f64(v, validate::check_count)?;
        }
        self.impressions = impressions;
        Ok(())
    }

    /// Sets or clears monthly clicks, refusing negative or non-finite numbers.
    pub fn set_clicks(&mut self, clicks: Option<f64>) -> Result<(), InputError> {
        if let Some(v) = clicks {
            check_f64(v, validate::check_count)?;
        }
        self.clicks = clicks;
        Ok(())
    }
}

/// One stage's page of the plan: its objectives, KPIs and touchpoints.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct StagePlan {
    /// Ids of the objectives (in `opportunity.objectives`) shown on this stage, in order.
    pub objectives: Vec<String>,
    /// KPIs tracked at this stage.
    pub kpis: Vec<StageKpi>,
    /// Touchpoints serving this stage.
    pub touchpoints: Vec<Touchpoint>,
}

/// The four stage pages.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Stages {
    /// Reach.
    pub reach: StagePlan,
    /// Act.
    pub act: StagePlan,
    /// Convert.
    pub convert: StagePlan,
    /// Engage.
    pub engage: StagePlan,
}

impl Stages {
    /// The page of one stage.
    pub fn get(&self, stage: Stage) -> &StagePlan {
        match stage {
            Stage::Reach => &self.reach,
            Stage::Act => &self.act,
            Stage::Convert => &self.convert,
            Stage::Engage => &self.engage,
        }
    }

    /// The page of one stage, to edit.
    pub fn get_mut(&mut self, stage: Stage) -> &mut StagePlan {
        match stage {
            Stage::Reach => &mut self.reach,
            Stage::Act => &mut self.act,
            Stage::Convert => &mut self.convert,
            Stage::Engage => &mut self.engage,
        }
    }

    /// Each stage with its page, in journey order.
    pub fn iter(&self) -> impl Iterator<Item = (Stage, &StagePlan)> {
        Stage::ALL.into_iter().map(move |s| (s, self.get(s)))
    }
}

/// The Opportunity part of OSA: the audit and the objectives.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Opportunity {
    /// Current monthly numbers.
    pub baseline: Baseline,
    /// Capability self-scores.
    pub capability: Vec<CapabilityScore>,
    /// Competitors reviewed.
    pub competitors: Vec<Competitor>,
    /// SWOT.
    pub swot: Swot,
    /// SMART objectives.
    pub objectives: Vec<Objective>,
}

/// ICE scores, each 1–10.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct IceInputs {
    /// How much it moves the stage KPI.
    pub impact: f64,
    /// How sure we are.
    pub confidence: f64,
    /// How easy it is to do.
    pub ease: f64,
}

impl Default for IceInputs {
    fn default() -> Self {
        IceInputs {
            impact: 5.0,
            confidence: 5.0,
            ease: 5.0,
        }
    }
}

/// RICE inputs.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct RiceInputs {
    /// People or events affected per period.
    pub reach: f64,
    /// 3 massive, 2 high, 1 medium, 0.5 low, 0.25 minimal.
    pub impact: f64,
    /// Fraction: 1.0 high, 0.8 medium, 0.5 low.
    pub confidence: f64,
    /// Person-months, more than 0.
    pub effort: f64,
}

impl Default for RiceInputs {
    fn default() -> Self {
        RiceInputs {
            reach: 0.0,
            impact: 1.0,
            confidence: 0.8,
            effort: 1.0,
        }
    }
}

/// The RICE impact scale.
pub const RICE_IMPACTS: [f64; 5] = [3.0, 2.0, 1.0, 0.5, 0.25];

/// What was decided about an initiative. In files: `{"kind": "chosen"}`, or
/// `{"kind": "not_doing", "reason": "…"}` ([`DecisionRepr`]).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "DecisionRepr", into = "DecisionRepr")]
pub enum Decision {
    /// Not decided yet.
    #[default]
    Undecided,
    /// In the plan.
    Chosen,
    /// Explicitly not doing, with the reason (the not-doing list).
    NotDoing {
        /// Why not.
        reason: String,
    },
    /// Maybe later.
    Parked,
}

/// How a [`Decision`] is written in files: its kind, and the reason for not doing it.
/// Read as a plain struct, which is much faster than serde's internally tagged enums
/// (those buffer every object before reading it).
#[derive(Serialize, Deserialize)]
pub struct DecisionRepr {
    kind: DecisionKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    reason: Option<String>,
}

/// The kinds of [`Decision`].
#[derive(Clone, Copy, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DecisionKind {
    /// [`Decision::Undecided`].
    Undecided,
    /// [`Decision::Chosen`].
    Chosen,
    /// [`Decision::NotDoing`].
    NotDoing,
    /// [`Decision::Parked`].
    Parked,
}

impl From<DecisionRepr> for Decision {
    fn from(t: DecisionRepr) -> Decision {
        match t.kind {
            DecisionKind::Undecided => Decision::Undecided,
            DecisionKind::Chosen => Decision::Chosen,
            DecisionKind::NotDoing => Decision::NotDoing {
                reason: t.reason.unwrap_or_default(),
            },
            DecisionKind::Parked => Decision::Parked,
        }
    }
}

impl From<Decision> for DecisionRepr {
    fn from(d: Decision) -> DecisionRepr {
        let (kind, reason) = match d {
            Decision::Undecided => (DecisionKind::Undecided, None),
            Decision::Chosen => (DecisionKind::Chosen, None),
            Decision::NotDoing { reason } => (DecisionKind::NotDoing, Some(reason)),
            Decision::Parked => (DecisionKind::Parked, None),
        };
        DecisionRepr { kind, reason }
    }
}

impl Decision {
    /// The decision as a word, the same on every screen and in every export.
    pub fn label(&self) -> &'static str {
        match self {
            Decision::Undecided => "Undecided",
            Decision::Chosen => "Chosen",
            Decision::NotDoing { .. } => "Not doing",
            Decision::Parked => "Parked",
        }
    }
}

/// A candidate piece of work in the Strategy step, scored with ICE or RICE.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Initiative {
    /// Unique id within the plan.
    pub id: String,
    /// "Add checkout trust badges".
    pub title: String,
    /// Stage it improves.
    pub stage: Stage,
    /// Touchpoint id it works on, if any.
    pub touchpoint: Option<String>,
    /// One-off cost.
    pub cost: Money,
    /// ICE scores.
    pub ice: IceInputs,
    /// RICE inputs.
    pub rice: RiceInputs,
    /// The decision.
    pub decision: Decision,
    /// Why, in a sentence.
    pub rationale: String,
}

impl Initiative {
    /// Sets the ICE scores, refusing any outside 1–10.
    pub fn set_ice(&mut self, ice: IceInputs) -> Result<(), InputError> {
        for v in [ice.impact, ice.confidence, ice.ease] {
            check_f64(v, validate::check_ice)?;
        }
        self.ice = ice;
        Ok(())
    }

    /// Sets the RICE inputs, refusing negative reach, impact off 0.25–3, confidence off
    /// 0–100 % and effort that is not more than 0.
    pub fn set_rice(&mut self, rice: RiceInputs) -> Result<(), InputError> {
        check_f64(rice.reach, validate::check_count)?;
        check_f64(rice.impact, validate::check_rice_impact)?;
        check_f64(rice.confidence, validate::check_rate)?;
        check_f64(rice.effort, validate::check_effort)?;
        self.rice = rice;
        Ok(())
    }

    /// Sets the one-off cost, refusing a negative amount.
    pub fn set_cost(&mut self, cost: Money) -> Result<(), InputError> {
        check_money(cost)?;
        self.cost = cost;
        Ok(())
    }

    /// True when the initiative is chosen.
    pub fn is_chosen(&self) -> bool {
        self.decision == Decision::Chosen
    }
}

/// The Strategy part of OSA: initiatives and the money set aside for them.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Strategy {
    /// Candidate initiatives, chosen or not.
    pub initiatives: Vec<Initiative>,
    /// Money available for one-off initiative costs over the horizon, on top of the
    /// touchpoints' running budgets (zero when not set).
    pub initiative_budget: Money,
}

/// Progress of an action.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActionStatus {
    /// Not started.
    #[default]
    Todo,
    /// In progress.
    Doing,
    /// Finished.
    Done,
    /// Stuck.
    Blocked,
}

impl ActionStatus {
    /// The status as a word, the same on every screen and in every export.
    pub fn label(self) -> &'static str {
        match self {
            ActionStatus::Todo => "To do",
            ActionStatus::Doing => "Doing",
            ActionStatus::Done => "Done",
            ActionStatus::Blocked => "Blocked",
        }
    }
}

/// A task in the 90-day (13-week) action plan.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Action {
    /// Unique id within the plan.
    pub id: String,
    /// What will be done.
    pub title: String,
    /// Who does it.
    pub owner: String,
    /// First week, 1–13.
    pub start_week: u8,
    /// Last week, start–13.
    pub end_week: u8,
    /// Progress.
    pub status: ActionStatus,
    /// Budget for the action.
    pub budget: Money,
    /// Initiative id it delivers, if any.
    pub initiative: Option<String>,
    /// Stage it serves.
    pub stage: Stage,
}

impl Default for Action {
    fn default() -> Self {
        Action {
            id: String::new(),
            title: String::new(),
            owner: String::new(),
            start_week: 1,
            end_week: 1,
            status: ActionStatus::Todo,
            budget: Money::ZERO,
            initiative: None,
            stage: Stage::Reach,
        }
    }
}

impl Action {
    /// Sets the weeks, refusing weeks outside 1–13 or an end before the start.
    pub fn set_weeks(&mut self, start_week: u8, end_week: u8) -> Result<(), InputError> {
        if !(1..=ACTION_WEEKS).contains(&start_week) || !(1..=ACTION_WEEKS).contains(&end_week) {
            return Err(InputError::new("Weeks go from 1 to 13"));
        }
        if end_week < start_week {
            return Err(InputError::new(
                "The last week must not be before the first",
            ));
        }
        self.start_week = start_week;
        self.end_week = end_week;
        Ok(())
    }

    /// Sets the budget, refusing a negative amount.
    pub fn set_budget(&mut self, budget: Money) -> Result<(), InputError> {
        check_money(budget)?;
        self.budget = budget;
        Ok(())
    }
}

/// A KPI's state recorded at a review.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct KpiSnapshot {
    /// KPI id.
    pub kpi: String,
    /// Target at the time.
    pub target: Option<f64>,
    /// Actual at the time.
    pub actual: Option<f64>,
    /// Status at the time.
    pub status: Option<Status>,
}

/// A review of the action plan (every 30 days).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Review {
    /// Unique id within the plan.
    pub id: String,
    /// Date of the review, `YYYY-MM-DD`.
    pub date: String,
    /// What was learnt and decided.
    pub notes: String,
    /// KPIs as they stood.
    pub snapshot: Vec<KpiSnapshot>,
}

/// The Action part of OSA: the 13-week plan and its reviews.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ActionPlan {
    /// First day of week 1, `YYYY-MM-DD`.
    pub start_date: String,
    /// The actions.
    pub actions: Vec<Action>,
    /// The reviews.
    pub reviews: Vec<Review>,
}

impl Default for ActionPlan {
    fn default() -> Self {
        ActionPlan {
            start_date: "2026-01-01".into(),
            actions: Vec::new(),
            reviews: Vec::new(),
        }
    }
}

/// Where an actual value came from. In files: `{"kind": "typed"}` or
/// `{"kind": "imported", "file": "…"}` ([`SourceRepr`]).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "SourceRepr", into = "SourceRepr")]
pub enum Source {
    /// Typed in by the user.
    #[default]
    Typed,
    /// Read from an imported file.
    Imported {
        /// The file's name.
        file: String,
    },
}

/// How a [`Source`] is written in files: its kind, and the imported file's name.
#[derive(Serialize, Deserialize)]
pub struct SourceRepr {
    kind: SourceKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    file: Option<String>,
}

/// The kinds of [`Source`].
#[derive(Clone, Copy, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    /// [`Source::Typed`].
    Typed,
    /// [`Source::Imported`].
    Imported,
}

impl From<SourceRepr> for Source {
    fn from(t: SourceRepr) -> Source {
        match t.kind {
            SourceKind::Typed => Source::Typed,
            SourceKind::Imported => Source::Imported {
                file: t.file.unwrap_or_default(),
            },
        }
    }
}

impl From<Source> for SourceRepr {
    fn from(s: Source) -> SourceRepr {
        match s {
            Source::Typed => SourceRepr {
                kind: SourceKind::Typed,
                file: None,
            },
            Source::Imported { file } => SourceRepr {
                kind: SourceKind::Imported,
                file: Some(file),
            },
        }
    }
}

/// A measured value for a week or a month: a raw measure (spend, sessions, revenue…,
/// see `measure::RAW_MEASURES`) or a KPI measured on its own (NPS, retention; and ratio
/// values typed before raw measures existed, kept as they were).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Actual {
    /// Raw measure id or KPI id.
    #[serde(alias = "kpi")]
    pub measure: String,
    /// The week or month measured.
    pub period: Period,
    /// The value, in its unit (rates as fractions, money in major units).
    pub value: f64,
    /// Typed or imported.
    #[serde(default)]
    pub source: Source,
    /// The touchpoint it belongs to, when the source splits it; none for the whole plan.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub touchpoint: Option<String>,
}

/// A list that copies of a plan share until one of them changes it (copy on write):
/// copying a plan, or asking whether two copies hold the same list, costs nothing
/// however long the list. It reads and changes like a `Vec`, and is written to a file
/// as one.
#[derive(Clone, Debug)]
pub struct SharedList<T>(std::sync::Arc<Vec<T>>);

impl<T> Default for SharedList<T> {
    fn default() -> Self {
        SharedList(std::sync::Arc::new(Vec::new()))
    }
}

impl<'a, T> IntoIterator for &'a SharedList<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl<T> std::ops::Deref for SharedList<T> {
    type Target = Vec<T>;
    fn deref(&self) -> &Vec<T> {
        &self.0
    }
}

impl<T: Clone> std::ops::DerefMut for SharedList<T> {
    /// The list to change: this copy's own, copied first if another shares it.
    fn deref_mut(&mut self) -> &mut Vec<T> {
        std::sync::Arc::make_mut(&mut self.0)
    }
}

impl<T: PartialEq> PartialEq for SharedList<T> {
    /// The same list (at once, for copies that share it) or lists of equal items.
    fn eq(&self, other: &Self) -> bool {
        std::sync::Arc::ptr_eq(&self.0, &other.0) || self.0 == other.0
    }
}

impl<T> From<Vec<T>> for SharedList<T> {
    fn from(items: Vec<T>) -> Self {
        SharedList(std::sync::Arc::new(items))
    }
}

impl<T: Serialize> Serialize for SharedList<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.as_slice().serialize(serializer)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for SharedList<T> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Vec::deserialize(deserializer).map(SharedList::from)
    }
}

/// A whole RACE plan.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Plan {
    /// Layout version of the saved plan ([`SCHEMA_VERSION`]).
    pub schema_version: u32,
    /// Unique id.
    pub id: String,
    /// The plan's name.
    pub name: String,
    /// Increases by one on every saved edit.
    pub revision: u64,
    /// Creation time, Unix milliseconds.
    pub created_at: i64,
    /// Last edit time, Unix milliseconds.
    pub updated_at: i64,
    /// Who the plan is for.
    pub profile: BusinessProfile,
    /// Months the forecast covers (1–60).
    pub horizon_months: u32,
    /// Formula variants.
    pub variants: KpiVariants,
    /// Funnel assumptions.
    pub funnel: FunnelInputs,
    /// Audit and objectives.
    pub opportunity: Opportunity,
    /// The four stage pages.
    pub stages: Stages,
    /// Initiatives.
    pub strategy: Strategy,
    /// The 90-day plan.
    pub action: ActionPlan,
    /// Measured values (years of weekly figures on a large plan): shared by the copies
    /// of the plan that undo and saving keep, until an edit changes them.
    pub actuals: SharedList<Actual>,
    /// Id of the goal (objective) the plan is built around: where "What do I need?"
    /// starts. `None`: the first revenue goal, else the first new-customers goal.
    pub main_goal: Option<String>,
    /// Named scenarios, each changing some inputs of the plan (its base); left out of
    /// the file when there are none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub scenarios: Vec<Scenario>,
    /// Inputs entered as low / likely / high (10th percentile, the plan's value, 90th
    /// percentile); left out of the file when there are none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub ranges: Vec<InputRange>,
    /// What the budget split is asked for: the total to split and the outcome to
    /// maximise (see `allocation::AllocationSettings`).
    pub allocation: AllocationSettings,
}

impl Default for Plan {
    fn default() -> Self {
        Plan::new("", "", 0, "2026-01-01")
    }
}

impl Plan {
    /// A blank but usable plan: USD, en-US, 12 months, zero rates, nothing entered.
    pub fn new(id: &str, name: &str, now_ms: i64, start_date: &str) -> Plan {
        Plan {
            schema_version: SCHEMA_VERSION,
            id: id.to_string(),
            name: name.to_string(),
            revision: 0,
            created_at: now_ms,
            updated_at: now_ms,
            profile: BusinessProfile {
                start_date: start_date.to_string(),
                ..BusinessProfile::default()
            },
            horizon_months: 12,
            variants: KpiVariants::default(),
            funnel: FunnelInputs::default(),
            opportunity: Opportunity::default(),
            stages: Stages::default(),
            strategy: Strategy::default(),
            action: ActionPlan {
                start_date: start_date.to_string(),
                ..ActionPlan::default()
            },
            actuals: SharedList::default(),
            main_goal: None,
            scenarios: Vec::new(),
            ranges: Vec::new(),
            allocation: AllocationSettings::default(),
        }
    }

    /// Records an edit: bumps the revision and the edit time.
    pub fn touch(&mut self, now_ms: i64) {
        self.revision = self.revision.saturating_add(1);
        self.updated_at = now_ms;
    }

    /// Minor digits of the plan's currency.
    pub fn currency_digits(&self) -> u32 {
        self.profile.currency_digits()
    }

    /// Sets the horizon, refusing anything outside 1–60 months.
    pub fn set_horizon_months(&mut self, months: u32) -> Result<(), InputError> {
        if !(1..=MAX_HORIZON_MONTHS).contains(&months) {
            return Err(InputError::new("Enter a horizon from 1 to 60 months"));
        }
        self.horizon_months = months;
        Ok(())
    }

    /// Every touchpoint of every stage, in stage order.
    pub fn touchpoints(&self) -> impl Iterator<Item = &Touchpoint> {
        self.stages.iter().flat_map(|(_, s)| s.touchpoints.iter())
    }

    /// Every touchpoint with the stage it belongs to.
    pub fn touchpoints_by_stage(&self) -> impl Iterator<Item = (Stage, &Touchpoint)> {
        self.stages
            .iter()
            .flat_map(|(stage, s)| s.touchpoints.iter().map(move |t| (stage, t)))
    }

    /// The touchpoint with this id.
    pub fn touchpoint(&self, id: &str) -> Option<&Touchpoint> {
        self.touchpoints().find(|t| t.id == id)
    }

    /// The touchpoint with this id, to edit.
    pub fn touchpoint_mut(&mut self, id: &str) -> Option<&mut Touchpoint> {
        let Stages {
            reach,
            act,
            convert,
            engage,
        } = &mut self.stages;
        [reach, act, convert, engage]
            .into_iter()
            .flat_map(|s| s.touchpoints.iter_mut())
            .find(|t| t.id == id)
    }

    /// The stage a touchpoint belongs to.
    pub fn touchpoint_stage(&self, id: &str) -> Option<Stage> {
        self.touchpoints_by_stage()
            .find(|(_, t)| t.id == id)
            .map(|(s, _)| s)
    }

    /// Removes a touchpoint; returns it if it existed.
    pub fn remove_touchpoint(&mut self, id: &str) -> Option<Touchpoint> {
        for stage in Stage::ALL {
            let list = &mut self.stages.get_mut(stage).touchpoints;
            if let Some(pos) = list.iter().position(|t| t.id == id) {
                return Some(list.remove(pos));
            }
        }
        None
    }

    /// The initiative with this id.
    pub fn initiative(&self, id: &str) -> Option<&Initiative> {
        self.strategy.initiatives.iter().find(|i| i.id == id)
    }

    /// The initiative with this id, to edit.
    pub fn initiative_mut(&mut self, id: &str) -> Option<&mut Initiative> {
        self.strategy.initiatives.iter_mut().find(|i| i.id == id)
    }

    /// The action with this id.
    pub fn action(&self, id: &str) -> Option<&Action> {
        self.action.actions.iter().find(|a| a.id == id)
    }

    /// The action with this id, to edit.
    pub fn action_mut(&mut self, id: &str) -> Option<&mut Action> {
        self.action.actions.iter_mut().find(|a| a.id == id)
    }

    /// The objective with this id.
    pub fn objective(&self, id: &str) -> Option<&Objective> {
        self.opportunity.objectives.iter().find(|o| o.id == id)
    }

    /// The objective with this id, to edit.
    pub fn objective_mut(&mut self, id: &str) -> Option<&mut Objective> {
        self.opportunity.objectives.iter_mut().find(|o| o.id == id)
    }

    /// Objectives of a stage: those listed on its page first, then any other objective
    /// whose stage is this one.
    pub fn objectives_for(&self, stage: Stage) -> Vec<&Objective> {
        let listed = &self.stages.get(stage).objectives;
        let mut out: Vec<&Objective> = listed.iter().filter_map(|id| self.objective(id)).collect();
        for o in &self.opportunity.objectives {
            if o.stage == stage && !listed.contains(&o.id) {
                out.push(o);
            }
        }
        out
    }

    /// The stage KPI entry for a KPI id, with its stage, if the plan tracks it.
    pub fn stage_kpi(&self, kpi: &str) -> Option<(Stage, &StageKpi)> {
        self.stages
            .iter()
            .find_map(|(stage, s)| s.kpis.iter().find(|k| k.kpi == kpi).map(|k| (stage, k)))
    }

    /// True when some object in the plan already uses this id.
    pub fn id_in_use(&self, id: &str) -> bool {
        self.touchpoint(id).is_some()
            || self.initiative(id).is_some()
            || self.action(id).is_some()
            || self.objective(id).is_some()
            || self.action.reviews.iter().any(|r| r.id == id)
    }

    /// A fresh id "prefix-N" that nothing in the plan uses yet.
    pub fn next_id(&self, prefix: &str) -> String {
        let mut n: u64 = 1;
        loop {
            let candidate = format!("{prefix}-{n}");
            if !self.id_in_use(&candidate) {
                return candidate;
            }
            n = n.saturating_add(1);
        }
    }

    /// Every problem in the plan; empty when the plan is sound. Used on every edit and
    /// on every import. It refuses: a schema version other than [`SCHEMA_VERSION`];
    /// empty or duplicate ids; empty names and titles; negative money, counts and
    /// volumes; numbers that are not finite; rates outside 0–100 % (growth −100–100 %);
    /// ICE scores outside 1–10, RICE impact outside 0.25–3, effort of 0 or less;
    /// capability scores outside 1–5; weeks outside 1–13 or ending before they start;
    /// dates that are not real `YYYY-MM-DD` dates; a horizon outside 1–60 months; a
    /// currency that is not three capital letters or a malformed locale; KPI ids not in
    /// the catalogue and KPI values outside the KPI's range; references to objectives,
    /// touchpoints or initiatives that do not exist; a not-doing decision without a reason;
    /// more than 20 scenarios, scenario names empty or over 80 characters, more than 100
    /// changes in one scenario, an input changed twice in one or changed to a value it
    /// does not take; more than 50 ranges, an input ranged twice or not rangeable, a low
    /// or high it does not take, a low above the high (see `uncertainty::check_ranges`
    /// for the checks against the plan's values).
    pub fn validate(&self) -> Vec<FieldError> {
        validate::validate_plan(self)
    }
}

impl Opportunity {
    /// Mean of the capability self-scores of one stage (`None` for Plan), `None` when
    /// no area of it is scored.
    pub fn capability_average(&self, stage: Option<Stage>) -> Option<f64> {
        let scores: Vec<f64> = self
            .capability
            .iter()
            .filter(|c| c.stage == stage)
            .map(|c| f64::from(c.score))
            .collect();
        if scores.is_empty() {
            None
        } else {
            Some(scores.iter().sum::<f64>() / scores.len() as f64)
        }
    }
}

#[cfg(test)]
mod capability_tests {
    use super::*;

    #[test]
    fn capability_average_per_stage() {
        let mut o = Opportunity::default();
        assert_eq!(o.capability_average(Some(Stage::Reach)), None);
        o.capability = vec![
            CapabilityScore::new(Some(Stage::Reach), "Search", 2).unwrap(),
            CapabilityScore::new(Some(Stage::Reach), "Social", 5).unwrap(),
            CapabilityScore::new(None, "Data", 4).unwrap(),
        ];
        assert_eq!(o.capability_average(Some(Stage::Reach)), Some(3.5));
        assert_eq!(o.capability_average(None), Some(4.0));
        assert_eq!(o.capability_average(Some(Stage::Engage)), None);
    }
}
