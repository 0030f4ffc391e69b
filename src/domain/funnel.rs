//! The funnel model, forward (spend and traffic → leads → customers → revenue) and in
//! reverse (a goal → the customers, leads and traffic it needs), and opportunity sizing.
//!
//! Model, per month i of the horizon:
//! - each touchpoint delivers a volume ([`Touchpoint::delivery`]): typed, or bought by
//!   its budget (clicks = budget ÷ CPC, or impressions = budget ÷ CPM × 1,000 and clicks
//!   = impressions × CTR; volume = clicks × landing rate). Typed volumes grow by
//!   (1 + g)^i; bought volumes follow the budget, which does not grow;
//! - sessions = Σ online Reach touchpoint volume; offline contacts = Σ offline
//!   touchpoint volume (Reach, Act and Convert); offline Engage touchpoints work with
//!   existing customers and add no new ones;
//! - leads = sessions × session → lead rate; online customers = leads × lead → customer
//!   rate; offline customers = offline contacts × offline contact → customer rate (a
//!   branch of its own); new customers = online + offline;
//! - first orders = new customers × first orders per customer; first-order revenue =
//!   first orders × AOV;
//! - repeat customers = new customers × repeat purchase rate; repeat orders = repeat
//!   customers × further orders per repeat customer; repeat revenue = repeat orders ×
//!   AOV (counted in the month the cohort was won);
//! - revenue = first-order revenue + repeat revenue; orders = first + repeat orders.
//!
//! Everything is unrounded; numbers that are not finite count as 0 (validation reports them).

use serde::{Deserialize, Serialize};

use super::goal;
use super::kpi::{clv_for, finite};
use super::money::Money;
use super::plan::{FunnelInputs, Media, Place, Plan, Stage, Touchpoint, MAX_HORIZON_MONTHS};

/// `x` if finite, else 0.
fn fin(x: f64) -> f64 {
    if x.is_finite() {
        x
    } else {
        0.0
    }
}

/// A count rounded up to a whole person, forgiving float noise (2500.0000000001 → 2500);
/// `None` when not finite; never below 0.
pub fn ceil_count(x: f64) -> Option<f64> {
    if !x.is_finite() {
        return None;
    }
    let nearest = x.round();
    let v = if (x - nearest).abs() <= 1e-9 * nearest.abs().max(1.0) {
        nearest
    } else {
        x.ceil()
    };
    Some(v.max(0.0))
}

/// True when a touchpoint's volume counts as website sessions (online, at Reach).
pub fn brings_sessions(stage: Stage, touchpoint: &Touchpoint) -> bool {
    stage == Stage::Reach && touchpoint.place == Place::Online
}

/// True when a touchpoint's volume counts as offline contacts that can become new
/// customers (offline, at Reach, Act or Convert).
pub fn brings_offline_contacts(stage: Stage, touchpoint: &Touchpoint) -> bool {
    stage != Stage::Engage && touchpoint.place == Place::Offline
}

/// A volume made of a part that grows with the plan's monthly growth (typed volumes)
/// and a part that does not (volumes bought by a budget).
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Volume {
    /// Typed volume per month, grown by (1 + g)^month.
    pub growing: f64,
    /// Bought volume per month.
    pub fixed: f64,
}

impl Volume {
    /// The volume in a month with growth factor `g`.
    pub fn at(self, g: f64) -> f64 {
        fin(self.growing * g + self.fixed)
    }

    fn add(&mut self, v: f64, bought: bool) {
        if bought {
            self.fixed += v;
        } else {
            self.growing += v;
        }
    }
}

/// The volumes feeding the funnel, and what the touchpoints cost, per month.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Traffic {
    /// Website sessions.
    pub sessions: Volume,
    /// Offline contacts.
    pub offline_contacts: Volume,
    /// Sessions from paid touchpoints.
    pub paid_sessions: Volume,
    /// Offline contacts from paid touchpoints.
    pub paid_offline_contacts: Volume,
    /// Touchpoint budgets per month, major units.
    pub touchpoint_spend: f64,
    /// Budgets of paid touchpoints per month.
    pub paid_spend: f64,
    /// Clicks of the touchpoints that have them (typed or bought).
    pub clicks: f64,
    /// Budgets of the touchpoints that have clicks.
    pub click_spend: f64,
    /// Impressions of the touchpoints that have them.
    pub impressions: f64,
    /// Clicks of the touchpoints that have impressions too (CTR pairs them).
    pub impression_clicks: f64,
    /// Budgets of the touchpoints that have impressions.
    pub impression_spend: f64,
    /// Whether any touchpoint has clicks.
    pub any_clicks: bool,
    /// Whether any touchpoint has impressions.
    pub any_impressions: bool,
}

/// The plan's monthly volumes and costs from its touchpoints.
pub fn traffic(plan: &Plan) -> Traffic {
    let digits = plan.currency_digits();
    let mut t = Traffic::default();
    for (stage, tp) in plan.touchpoints_by_stage() {
        t.add_touchpoint(stage, tp, digits);
    }
    t
}

impl Traffic {
    /// Adds one touchpoint of `stage` (its delivery, see [`Touchpoint::delivery`], and
    /// its budget) to the volumes and costs; [`traffic`] is this over every touchpoint.
    pub fn add_touchpoint(&mut self, stage: Stage, tp: &Touchpoint, digits: u32) {
        let t = self;
        let d = tp.delivery(digits);
        let bought = tp.planned_by_spend();
        let paid = tp.media == Media::Paid;
        let spend = fin(tp.budget.to_major(digits));
        if brings_sessions(stage, tp) {
            t.sessions.add(d.volume, bought);
            if paid {
                t.paid_sessions.add(d.volume, bought);
            }
        } else if brings_offline_contacts(stage, tp) {
            t.offline_contacts.add(d.volume, bought);
            if paid {
                t.paid_offline_contacts.add(d.volume, bought);
            }
        }
        t.touchpoint_spend += spend;
        if paid {
            t.paid_spend += spend;
        }
        if let Some(c) = d.clicks {
            t.clicks += c;
            t.click_spend += spend;
            t.any_clicks = true;
        }
        if let Some(i) = d.impressions {
            t.impressions += i;
            t.impression_clicks += d.clicks.unwrap_or(0.0);
            t.impression_spend += spend;
            t.any_impressions = true;
        }
    }
}

/// One month of the forward funnel. Counts are unrounded; money is in major units.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct FunnelMonth {
    /// Month index from 0 (the total row uses the horizon length).
    pub month: u32,
    /// Website sessions.
    pub sessions: f64,
    /// Leads or interactions.
    pub leads: f64,
    /// Customers won online.
    pub online_customers: f64,
    /// Offline contacts (calls, store visits, event leads).
    pub offline_contacts: f64,
    /// Customers won offline.
    pub offline_customers: f64,
    /// All new customers.
    pub customers: f64,
    /// New customers' first orders.
    pub first_orders: f64,
    /// First orders × AOV.
    pub first_revenue: f64,
    /// New customers who order again.
    pub repeat_customers: f64,
    /// Their further orders.
    pub repeat_orders: f64,
    /// Repeat orders × AOV.
    pub repeat_revenue: f64,
    /// First and repeat orders.
    pub orders: f64,
    /// First-order revenue + repeat revenue.
    pub revenue: f64,
    /// Revenue brought by paid touchpoints (for ROAS).
    pub paid_revenue: f64,
    /// Revenue × gross margin.
    pub gross_profit: f64,
    /// Touchpoint budgets.
    pub touchpoint_spend: f64,
    /// Paid touchpoints' budgets.
    pub paid_spend: f64,
    /// Touchpoint budgets + other sales and marketing cost.
    pub marketing_cost: f64,
}

impl FunnelMonth {
    fn fields(&mut self) -> [&mut f64; 18] {
        [
            &mut self.sessions,
            &mut self.leads,
            &mut self.online_customers,
            &mut self.offline_contacts,
            &mut self.offline_customers,
            &mut self.customers,
            &mut self.first_orders,
            &mut self.first_revenue,
            &mut self.repeat_customers,
            &mut self.repeat_orders,
            &mut self.repeat_revenue,
            &mut self.orders,
            &mut self.revenue,
            &mut self.paid_revenue,
            &mut self.gross_profit,
            &mut self.touchpoint_spend,
            &mut self.paid_spend,
            &mut self.marketing_cost,
        ]
    }

    fn add(&mut self, o: &FunnelMonth) {
        let mut other = *o;
        for (a, b) in self.fields().into_iter().zip(other.fields()) {
            *a += *b;
        }
    }

    fn sanitise(mut self) -> FunnelMonth {
        for v in self.fields() {
            *v = fin(*v);
        }
        self
    }
}

/// The forward funnel over the horizon, with totals and the plan's CLV.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Forecast {
    /// One row per month.
    pub months: Vec<FunnelMonth>,
    /// Sums over the horizon.
    pub total: FunnelMonth,
    /// Customer lifetime value with the plan's variant, if computable.
    pub clv: Option<f64>,
}

/// One month's volumes and costs, as the funnel takes them.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct MonthInput {
    /// Sessions.
    pub sessions: f64,
    /// Offline contacts.
    pub offline_contacts: f64,
    /// Share of sessions from paid touchpoints (0–1).
    pub paid_share_online: f64,
    /// Share of offline contacts from paid touchpoints (0–1).
    pub paid_share_offline: f64,
    /// Touchpoint budgets, major units.
    pub touchpoint_spend: f64,
    /// Paid touchpoints' budgets, major units.
    pub paid_spend: f64,
}

/// One month of the funnel from raw inputs: `sessions` and `offline_contacts` are that
/// month's volumes, `touchpoint_spend` the month's touchpoint budgets in major units.
pub fn funnel_month(
    inputs: &FunnelInputs,
    digits: u32,
    sessions: f64,
    offline_contacts: f64,
    touchpoint_spend: f64,
) -> FunnelMonth {
    month_from(
        inputs,
        digits,
        &MonthInput {
            sessions,
            offline_contacts,
            touchpoint_spend,
            ..MonthInput::default()
        },
    )
}

/// Lifetime orders of one new customer: first orders + repeat rate × further orders.
pub fn orders_per_new_customer(inputs: &FunnelInputs) -> f64 {
    fin(fin(inputs.orders_per_customer).max(0.0)
        + fin(inputs.repeat_rate).max(0.0) * fin(inputs.repeat_orders).max(0.0))
}

/// One month of the funnel from its volumes and costs.
pub fn month_from(inputs: &FunnelInputs, digits: u32, m: &MonthInput) -> FunnelMonth {
    let sessions = fin(m.sessions);
    let offline_contacts = fin(m.offline_contacts);
    let aov = inputs.aov.to_major(digits);
    let leads = sessions * fin(inputs.act_rate);
    let online_customers = leads * fin(inputs.convert_rate);
    let offline_customers = offline_contacts * fin(inputs.offline_convert_rate);
    let customers = online_customers + offline_customers;
    let first_orders = customers * fin(inputs.orders_per_customer);
    let repeat_customers = customers * fin(inputs.repeat_rate);
    let repeat_orders = repeat_customers * fin(inputs.repeat_orders);
    let first_revenue = first_orders * aov;
    let repeat_revenue = repeat_orders * aov;
    let revenue = first_revenue + repeat_revenue;
    let paid_customers =
        online_customers * fin(m.paid_share_online) + offline_customers * fin(m.paid_share_offline);
    let paid_revenue = if customers > 0.0 {
        revenue * paid_customers / customers
    } else {
        0.0
    };
    let touchpoint_spend = fin(m.touchpoint_spend);
    FunnelMonth {
        month: 0,
        sessions,
        leads,
        online_customers,
        offline_contacts,
        offline_customers,
        customers,
        first_orders,
        first_revenue,
        repeat_customers,
        repeat_orders,
        repeat_revenue,
        orders: first_orders + repeat_orders,
        revenue,
        paid_revenue,
        gross_profit: revenue * fin(inputs.gross_margin),
        touchpoint_spend,
        paid_spend: fin(m.paid_spend),
        marketing_cost: touchpoint_spend + inputs.marketing_cost_other.to_major(digits),
    }
    .sanitise()
}

/// The growth factor (1 + g)^month, 0 when not finite or when g < −1.
pub fn growth_factor(monthly_growth: f64, month: u32) -> f64 {
    let base = (1.0 + fin(monthly_growth)).max(0.0);
    fin(base.powi(i32::try_from(month).unwrap_or(i32::MAX)))
}

/// The volumes and costs of month `index` from the plan's traffic.
pub fn month_input(inputs: &FunnelInputs, traffic: &Traffic, index: u32) -> MonthInput {
    let g = growth_factor(inputs.traffic_growth, index);
    let share = |part: f64, whole: f64| {
        if whole > 0.0 {
            fin(part / whole)
        } else {
            0.0
        }
    };
    let sessions = traffic.sessions.at(g);
    let offline = traffic.offline_contacts.at(g);
    MonthInput {
        sessions,
        offline_contacts: offline,
        paid_share_online: share(traffic.paid_sessions.at(g), sessions),
        paid_share_offline: share(traffic.paid_offline_contacts.at(g), offline),
        touchpoint_spend: fin(traffic.touchpoint_spend),
        paid_spend: fin(traffic.paid_spend),
    }
}

/// The forward funnel from raw inputs over `months` months (at most 60), growing the
/// typed volumes by the inputs' traffic growth.
pub fn forward_from(
    inputs: &FunnelInputs,
    digits: u32,
    traffic: &Traffic,
    months: u32,
) -> Forecast {
    let months = months.min(MAX_HORIZON_MONTHS);
    let mut rows = Vec::with_capacity(months as usize);
    let mut total = FunnelMonth {
        month: months,
        ..FunnelMonth::default()
    };
    for i in 0..months {
        let mut row = month_from(inputs, digits, &month_input(inputs, traffic, i));
        row.month = i;
        total.add(&row);
        rows.push(row);
    }
    Forecast {
        months: rows,
        total: total.sanitise(),
        clv: None,
    }
}

/// The plan's forward funnel over its horizon, with CLV per the plan's variant.
pub fn forward_funnel(plan: &Plan) -> Forecast {
    let digits = plan.currency_digits();
    let mut forecast = forward_from(&plan.funnel, digits, &traffic(plan), plan.horizon_months);
    forecast.clv = clv_for(plan.variants.clv, &plan.funnel, digits);
    forecast
}

/// Month `index` of the plan's forecast, computed alone.
pub fn month_of(plan: &Plan, index: u32) -> FunnelMonth {
    let t = traffic(plan);
    let mut m = month_from(
        &plan.funnel,
        plan.currency_digits(),
        &month_input(&plan.funnel, &t, index),
    );
    m.month = index;
    m
}

/// The first month of the plan's forecast.
pub fn first_month(plan: &Plan) -> FunnelMonth {
    month_of(plan, 0)
}

// ---------------------------------------------------------------------------
// Reverse funnel.

/// What the reverse funnel starts from: a monthly goal.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub enum Goal {
    /// Revenue per month.
    Revenue(Money),
    /// New customers per month.
    Customers(f64),
}

/// One stage's need against today and against the forecast.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StageGap {
    /// The stage.
    pub stage: Stage,
    /// What is counted: "sessions", "leads", "customers", "repeat customers".
    pub measure: &'static str,
    /// Needed per month (rounded up), `None` when it cannot be reached.
    pub needed: Option<f64>,
    /// Today's monthly value, if known.
    pub baseline: Option<f64>,
    /// The forecast's first month.
    pub forecast: f64,
    /// needed − baseline (positive: more is needed than today).
    pub gap_vs_baseline: Option<f64>,
    /// needed − forecast (positive: the plan falls short).
    pub gap_vs_forecast: Option<f64>,
}

/// The answer to "what does this goal need?". People counts are rounded up; a step
/// that cannot be reached (a rate or value of 0) is `None` and `blocked` says why.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ReverseFunnel {
    /// The goal asked for.
    pub goal: Goal,
    /// Revenue per month the goal means, major units.
    pub revenue: Option<f64>,
    /// Orders needed.
    pub orders: Option<f64>,
    /// Customers needed, online and offline.
    pub customers: Option<f64>,
    /// Offline customers assumed from the plan's offline touchpoints (unrounded).
    pub offline_customers: f64,
    /// Online customers still needed.
    pub online_customers: Option<f64>,
    /// Leads needed.
    pub leads: Option<f64>,
    /// Sessions needed.
    pub sessions: Option<f64>,
    /// Sessions → customers rate (act rate × convert rate).
    pub whole_funnel_rate: Option<f64>,
    /// Why some step has no answer ("cannot be reached at a 0 % conversion rate").
    pub blocked: Option<String>,
    /// Per stage: need vs baseline vs forecast (empty from [`reverse_from`]).
    pub stages: Vec<StageGap>,
}

/// The reverse funnel from raw inputs, assuming `offline_customers` new customers a
/// month come from offline touchpoints.
pub fn reverse_from(
    inputs: &FunnelInputs,
    digits: u32,
    goal: Goal,
    offline_customers: f64,
) -> ReverseFunnel {
    let aov = inputs.aov.to_major(digits);
    let lifetime_orders = orders_per_new_customer(inputs);
    let offline = fin(offline_customers).max(0.0);
    let mut blocked: Option<String> = None;
    let mut block = |why: &str| {
        if blocked.is_none() {
            blocked = Some(why.to_string());
        }
    };
    // Revenue per new customer: AOV × (first orders + repeat rate × further orders).
    let (revenue, orders_exact, customers_exact) = match goal {
        Goal::Revenue(m) => {
            let revenue = fin(m.to_major(digits)).max(0.0);
            let orders = if aov > 0.0 {
                finite(revenue / aov)
            } else {
                block("cannot be reached with an average order value of 0");
                None
            };
            let customers = match orders {
                Some(o) if lifetime_orders > 0.0 => finite(o / lifetime_orders),
                Some(_) => {
                    block("cannot be reached with 0 orders per customer");
                    None
                }
                None => None,
            };
            (Some(revenue), orders, customers)
        }
        Goal::Customers(c) => {
            let c = fin(c).max(0.0);
            let revenue = finite(c * lifetime_orders * aov);
            (revenue, finite(c * lifetime_orders), Some(c))
        }
    };
    let online_exact = customers_exact.map(|c| (c - offline).max(0.0));
    let leads_exact = match online_exact {
        Some(o) if o <= 0.0 => Some(0.0),
        Some(o) if inputs.convert_rate > 0.0 => finite(o / inputs.convert_rate),
        Some(_) => {
            block("cannot be reached at a 0 % lead → customer rate");
            None
        }
        None => None,
    };
    let sessions_exact = match leads_exact {
        Some(l) if l <= 0.0 => Some(0.0),
        Some(l) if inputs.act_rate > 0.0 => finite(l / inputs.act_rate),
        Some(_) => {
            block("cannot be reached at a 0 % session → lead rate");
            None
        }
        None => None,
    };
    let whole = finite(fin(inputs.act_rate).max(0.0) * fin(inputs.convert_rate).max(0.0));
    ReverseFunnel {
        goal,
        revenue,
        orders: orders_exact.and_then(ceil_count),
        customers: customers_exact.and_then(ceil_count),
        offline_customers: offline,
        online_customers: online_exact.and_then(ceil_count),
        leads: leads_exact.and_then(ceil_count),
        sessions: sessions_exact.and_then(ceil_count),
        whole_funnel_rate: whole,
        blocked,
        stages: Vec::new(),
    }
}

/// What a monthly goal needs from the plan's funnel, with each stage's gap against
/// the baseline and against the forecast's first month.
pub fn reverse_funnel(plan: &Plan, goal: Goal) -> ReverseFunnel {
    reverse_funnel_in(plan, goal, &first_month(plan))
}

/// What a monthly goal needs, against the baseline and the forecast month `month`.
pub fn reverse_funnel_in(plan: &Plan, goal: Goal, month: &FunnelMonth) -> ReverseFunnel {
    let digits = plan.currency_digits();
    let first = month;
    let mut r = reverse_from(&plan.funnel, digits, goal, first.offline_customers);
    let b = &plan.opportunity.baseline;
    let repeat_needed = r
        .customers
        .and_then(|c| ceil_count(c * fin(plan.funnel.repeat_rate)));
    let repeat_baseline = b.customers.zip(b.repeat_rate).map(|(c, rate)| c * rate);
    let rows = [
        (
            Stage::Reach,
            "sessions",
            r.sessions,
            b.sessions,
            first.sessions,
        ),
        (Stage::Act, "leads", r.leads, b.leads, first.leads),
        (
            Stage::Convert,
            "new customers",
            r.customers,
            b.customers,
            first.customers,
        ),
        (
            Stage::Engage,
            "repeat customers",
            repeat_needed,
            repeat_baseline,
            first.repeat_customers,
        ),
    ];
    r.stages = rows
        .into_iter()
        .map(|(stage, measure, needed, baseline, forecast)| {
            let baseline = baseline.and_then(finite);
            StageGap {
                stage,
                measure,
                needed,
                baseline,
                forecast,
                gap_vs_baseline: needed.zip(baseline).and_then(|(n, b)| finite(n - b)),
                gap_vs_forecast: needed.and_then(|n| finite(n - forecast)),
            }
        })
        .collect();
    r
}

/// The reverse-funnel goal of a goal record (revenue or new customers with a target).
pub fn goal_of(plan: &Plan, objective: &super::plan::Objective) -> Option<Goal> {
    let target = objective.target.filter(|t| t.is_finite() && *t > 0.0)?;
    match objective.kpi.as_str() {
        "revenue" => Money::from_major_f64(target, plan.currency_digits()).map(Goal::Revenue),
        "customers" => Some(Goal::Customers(target)),
        _ => None,
    }
}

/// The monthly goal the plan is built around: its main goal ([`Plan::main_goal`]);
/// `None` when the plan has no revenue or new-customers goal with a target.
pub fn plan_goal(plan: &Plan) -> Option<Goal> {
    plan.main_goal().and_then(|g| goal_of(plan, g))
}

/// Where a stage's target comes from.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum TargetSource {
    /// The stage volume's own goal.
    OwnGoal,
    /// What the main goal needs at this stage (reverse funnel).
    MainGoal {
        /// The main goal's KPI name ("Revenue").
        kpi_name: &'static str,
    },
}

/// One stage of the funnel strip: its volume in the reference month, the rate that
/// leads into it, its one target and the gap to it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StageFlow {
    /// The stage.
    pub stage: Stage,
    /// KPI id of the stage's volume ("sessions", "leads", "customers", "repeat_customers").
    pub kpi: &'static str,
    /// What is counted, in words ("sessions").
    pub measure: &'static str,
    /// Forecast volume in the month (unrounded).
    pub forecast: f64,
    /// The rate that leads into the stage (Reach: monthly traffic growth; Act: session →
    /// lead rate; Convert: lead → customer rate; Engage: repeat purchase rate).
    pub rate: f64,
    /// What the rate is, in words ("session → lead rate").
    pub rate_name: &'static str,
    /// The stage's one target: its own goal's for the month, else what the main goal
    /// needs.
    pub target: Option<f64>,
    /// Where the target comes from.
    pub source: Option<TargetSource>,
    /// forecast − target (negative: the forecast falls short of the target).
    pub gap: Option<f64>,
}

/// The four stages' volumes, rates and targets in the forecast's first month.
pub fn stage_flows(plan: &Plan) -> Vec<StageFlow> {
    let first = first_month(plan);
    let reverse = plan_goal(plan).map(|g| reverse_funnel_in(plan, g, &first));
    stage_flows_in(plan, &first, 0, reverse.as_ref())
}

/// The stages' flows in forecast month `month` (index `index`), with the main goal's
/// needs from `reverse`.
pub fn stage_flows_in(
    plan: &Plan,
    month: &FunnelMonth,
    index: usize,
    reverse: Option<&ReverseFunnel>,
) -> Vec<StageFlow> {
    let f = &plan.funnel;
    let main_name = plan
        .main_goal()
        .and_then(|g| super::kpi::find(&g.kpi))
        .map_or("", |d| d.name);
    let rows = [
        (
            Stage::Reach,
            "sessions",
            "sessions",
            month.sessions,
            f.traffic_growth,
            "monthly traffic growth",
        ),
        (
            Stage::Act,
            "leads",
            "leads",
            month.leads,
            f.act_rate,
            "session → lead rate",
        ),
        (
            Stage::Convert,
            "customers",
            "new customers",
            month.customers,
            f.convert_rate,
            "lead → customer rate",
        ),
        (
            Stage::Engage,
            "repeat_customers",
            "repeat customers",
            month.repeat_customers,
            f.repeat_rate,
            "repeat purchase rate",
        ),
    ];
    rows.into_iter()
        .enumerate()
        .map(|(i, (stage, kpi, measure, forecast, rate, rate_name))| {
            let own = goal::kpi_target_in_month(plan, kpi, index);
            let needed = reverse.and_then(|r| r.stages.get(i)).and_then(|g| g.needed);
            let (target, source) = match (own, needed) {
                (Some(t), _) => (Some(t), Some(TargetSource::OwnGoal)),
                (None, Some(n)) => (
                    Some(n),
                    Some(TargetSource::MainGoal {
                        kpi_name: main_name,
                    }),
                ),
                (None, None) => (None, None),
            };
            StageFlow {
                stage,
                kpi,
                measure,
                forecast: fin(forecast),
                rate: fin(rate),
                rate_name,
                target,
                source,
                gap: target.and_then(|t| finite(forecast - t)),
            }
        })
        .collect()
}

/// One step of the funnel's arithmetic: what it multiplies and what it gives.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FunnelStep {
    /// The stage the step belongs to.
    pub stage: Stage,
    /// What the step gives ("leads").
    pub result_name: &'static str,
    /// The result (unrounded).
    pub result: f64,
    /// The operands, in words and numbers, for display: (name, value, kind).
    pub operands: Vec<Operand>,
    /// How the operands combine.
    pub op: StepOp,
    /// True for the offline branch.
    pub offline: bool,
}

/// How a step's operands combine.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum StepOp {
    /// The product of the operands.
    Product,
    /// The sum of the operands.
    Sum,
}

/// A number a funnel step uses.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Operand {
    /// What it is ("session → lead rate").
    pub name: &'static str,
    /// Its value (rates as fractions, money in major units).
    pub value: f64,
    /// How to show it.
    pub kind: OperandKind,
}

/// How an operand is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum OperandKind {
    /// A count.
    Count,
    /// A rate (percent).
    Rate,
    /// Money.
    Money,
    /// A plain number (orders per customer).
    Number,
}

/// The funnel's arithmetic for one month, step by step, offline branch included; each
/// step's result is the product (or sum) of its operands, so the steps add up to what
/// is printed.
pub fn funnel_steps(plan: &Plan, m: &FunnelMonth) -> Vec<FunnelStep> {
    let f = &plan.funnel;
    let aov = f.aov.to_major(plan.currency_digits());
    let op = |name, value, kind| Operand { name, value, kind };
    let step = |stage, result_name, result, operands, op, offline| FunnelStep {
        stage,
        result_name,
        result,
        operands,
        op,
        offline,
    };
    use OperandKind::{Count, Money as Cash, Number, Rate};
    vec![
        step(
            Stage::Act,
            "leads",
            m.leads,
            vec![
                op("sessions", m.sessions, Count),
                op("session → lead rate", fin(f.act_rate), Rate),
            ],
            StepOp::Product,
            false,
        ),
        step(
            Stage::Convert,
            "online customers",
            m.online_customers,
            vec![
                op("leads", m.leads, Count),
                op("lead → customer rate", fin(f.convert_rate), Rate),
            ],
            StepOp::Product,
            false,
        ),
        step(
            Stage::Convert,
            "offline customers",
            m.offline_customers,
            vec![
                op("offline contacts", m.offline_contacts, Count),
                op(
                    "offline contact → customer rate",
                    fin(f.offline_convert_rate),
                    Rate,
                ),
            ],
            StepOp::Product,
            true,
        ),
        step(
            Stage::Convert,
            "new customers",
            m.customers,
            vec![
                op("online customers", m.online_customers, Count),
                op("offline customers", m.offline_customers, Count),
            ],
            StepOp::Sum,
            false,
        ),
        step(
            Stage::Convert,
            "first-order revenue",
            m.first_revenue,
            vec![
                op("new customers", m.customers, Count),
                op("first orders each", fin(f.orders_per_customer), Number),
                op("AOV", aov, Cash),
            ],
            StepOp::Product,
            false,
        ),
        step(
            Stage::Engage,
            "repeat customers",
            m.repeat_customers,
            vec![
                op("new customers", m.customers, Count),
                op("repeat purchase rate", fin(f.repeat_rate), Rate),
            ],
            StepOp::Product,
            false,
        ),
        step(
            Stage::Engage,
            "repeat revenue",
            m.repeat_revenue,
            vec![
                op("repeat customers", m.repeat_customers, Count),
                op("further orders each", fin(f.repeat_orders), Number),
                op("AOV", aov, Cash),
            ],
            StepOp::Product,
            false,
        ),
        step(
            Stage::Engage,
            "revenue",
            m.revenue,
            vec![
                op("first-order revenue", m.first_revenue, Cash),
                op("repeat revenue", m.repeat_revenue, Cash),
            ],
            StepOp::Sum,
            false,
        ),
    ]
}

// ---------------------------------------------------------------------------
// Opportunity sizing.

/// The monthly revenue one more point at a stage would bring.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StageOpportunity {
    /// The stage.
    pub stage: Stage,
    /// Extra revenue per month from one more point at the stage (major units).
    pub revenue_delta_per_point: f64,
    /// What "one point" means at this stage.
    pub lever: &'static str,
}

/// Monthly revenue effect (first forecast month) of one point more at each stage:
/// Reach +1 % traffic (sessions and offline contacts); Act +1 percentage point of act
/// rate; Convert +1 point of both lead → customer and offline contact → customer rates;
/// Engage +1 point of repeat purchase rate (its repeat revenue). Rates are capped at 100 %.
pub fn opportunity_sizing(plan: &Plan) -> Vec<StageOpportunity> {
    let digits = plan.currency_digits();
    let t = traffic(plan);
    let f = &plan.funnel;
    let (sessions, offline) = (t.sessions.at(1.0), t.offline_contacts.at(1.0));
    let base = funnel_month(f, digits, sessions, offline, 0.0);
    let bump = |r: f64| (fin(r) + 0.01).min(1.0).max(fin(r));
    let with = |change: &dyn Fn(&mut FunnelInputs)| {
        let mut g = f.clone();
        change(&mut g);
        funnel_month(&g, digits, sessions, offline, 0.0)
    };
    let reach = funnel_month(f, digits, sessions * 1.01, offline * 1.01, 0.0);
    let act = with(&|g| g.act_rate = bump(g.act_rate));
    let convert = with(&|g| {
        g.convert_rate = bump(g.convert_rate);
        g.offline_convert_rate = bump(g.offline_convert_rate);
    });
    let engage = with(&|g| g.repeat_rate = bump(g.repeat_rate));
    vec![
        StageOpportunity {
            stage: Stage::Reach,
            revenue_delta_per_point: fin(reach.revenue - base.revenue),
            lever: "+1 % traffic",
        },
        StageOpportunity {
            stage: Stage::Act,
            revenue_delta_per_point: fin(act.revenue - base.revenue),
            lever: "+1 point of session → lead rate",
        },
        StageOpportunity {
            stage: Stage::Convert,
            revenue_delta_per_point: fin(convert.revenue - base.revenue),
            lever: "+1 point of lead → customer and offline contact → customer rates",
        },
        StageOpportunity {
            stage: Stage::Engage,
            revenue_delta_per_point: fin(engage.revenue - base.revenue),
            lever: "+1 point of repeat purchase rate",
        },
    ]
}

/// The monthly revenue 10 % more volume at one touchpoint would bring.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TouchpointOpportunity {
    /// Touchpoint id.
    pub touchpoint: String,
    /// Its stage.
    pub stage: Stage,
    /// Extra revenue per month (major units); 0 for touchpoints that bring neither
    /// sessions nor new offline contacts.
    pub revenue_delta: f64,
}

/// Revenue effect of +10 % volume for every touchpoint.
pub fn touchpoint_sizing(plan: &Plan) -> Vec<TouchpointOpportunity> {
    let digits = plan.currency_digits();
    let f = &plan.funnel;
    let value_per_customer = f.aov.to_major(digits) * orders_per_new_customer(f);
    plan.touchpoints_by_stage()
        .map(|(stage, tp)| {
            let extra = tp.delivery(digits).volume * 0.1;
            let customers = if brings_sessions(stage, tp) {
                extra * fin(f.act_rate) * fin(f.convert_rate)
            } else if brings_offline_contacts(stage, tp) {
                extra * fin(f.offline_convert_rate)
            } else {
                0.0
            };
            TouchpointOpportunity {
                touchpoint: tp.id.clone(),
                stage,
                revenue_delta: fin(customers * value_per_customer),
            }
        })
        .collect()
}
