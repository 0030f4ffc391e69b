//! The funnel model, forward (traffic → leads → customers → revenue) and in reverse
//! (a goal → the customers, leads and traffic it needs), and opportunity sizing.
//!
//! Model, per month i of the horizon:
//! - sessions = Σ online Reach touchpoint volume × (1 + g)^i;
//! - offline contacts = Σ offline touchpoint volume (Reach, Act and Convert) × (1 + g)^i;
//!   offline Engage touchpoints work with existing customers and add no new ones;
//! - leads = sessions × act rate; online customers = leads × convert rate;
//! - offline customers = offline contacts × offline convert rate;
//! - customers = online + offline; orders = customers × orders per customer;
//! - revenue = orders × AOV; repeat customers = customers × repeat rate, each worth one
//!   further order (repeat revenue, reported apart from revenue).
//!
//! Everything is unrounded; numbers that are not finite count as 0 (validation reports them).

use serde::Serialize;

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

/// The month-0 volumes feeding the funnel.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Traffic {
    /// Website sessions per month.
    pub sessions: f64,
    /// Offline contacts per month.
    pub offline_contacts: f64,
    /// Sessions from paid touchpoints.
    pub paid_sessions: f64,
    /// Offline contacts from paid touchpoints.
    pub paid_offline_contacts: f64,
    /// Touchpoint budgets per month, major units.
    pub touchpoint_spend: f64,
}

/// The plan's month-0 volumes from its touchpoints.
pub fn traffic(plan: &Plan) -> Traffic {
    let digits = plan.currency_digits();
    let mut t = Traffic::default();
    for (stage, tp) in plan.touchpoints_by_stage() {
        let volume = fin(tp.monthly_volume).max(0.0);
        let paid = tp.media == Media::Paid;
        if brings_sessions(stage, tp) {
            t.sessions += volume;
            if paid {
                t.paid_sessions += volume;
            }
        } else if brings_offline_contacts(stage, tp) {
            t.offline_contacts += volume;
            if paid {
                t.paid_offline_contacts += volume;
            }
        }
        t.touchpoint_spend += tp.budget.to_major(digits);
    }
    t.sessions = fin(t.sessions);
    t.offline_contacts = fin(t.offline_contacts);
    t.paid_sessions = fin(t.paid_sessions);
    t.paid_offline_contacts = fin(t.paid_offline_contacts);
    t.touchpoint_spend = fin(t.touchpoint_spend);
    t
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
    /// Orders.
    pub orders: f64,
    /// Revenue from orders.
    pub revenue: f64,
    /// Revenue brought by paid touchpoints (for ROAS).
    pub paid_revenue: f64,
    /// Customers who buy again.
    pub repeat_customers: f64,
    /// Value of one further order from each repeat customer (not in `revenue`).
    pub repeat_revenue: f64,
    /// Revenue × gross margin.
    pub gross_profit: f64,
    /// Touchpoint budgets.
    pub touchpoint_spend: f64,
    /// Touchpoint budgets + other sales and marketing cost.
    pub marketing_cost: f64,
}

impl FunnelMonth {
    fn add(&mut self, o: &FunnelMonth) {
        self.sessions += o.sessions;
        self.leads += o.leads;
        self.online_customers += o.online_customers;
        self.offline_contacts += o.offline_contacts;
        self.offline_customers += o.offline_customers;
        self.customers += o.customers;
        self.orders += o.orders;
        self.revenue += o.revenue;
        self.paid_revenue += o.paid_revenue;
        self.repeat_customers += o.repeat_customers;
        self.repeat_revenue += o.repeat_revenue;
        self.gross_profit += o.gross_profit;
        self.touchpoint_spend += o.touchpoint_spend;
        self.marketing_cost += o.marketing_cost;
    }

    fn sanitise(mut self) -> FunnelMonth {
        for v in [
            &mut self.sessions,
            &mut self.leads,
            &mut self.online_customers,
            &mut self.offline_contacts,
            &mut self.offline_customers,
            &mut self.customers,
            &mut self.orders,
            &mut self.revenue,
            &mut self.paid_revenue,
            &mut self.repeat_customers,
            &mut self.repeat_revenue,
            &mut self.gross_profit,
            &mut self.touchpoint_spend,
            &mut self.marketing_cost,
        ] {
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

/// One month of the funnel from raw inputs: `sessions` and `offline_contacts` are that
/// month's volumes, `paid_share_*` the shares of them from paid touchpoints (0–1),
/// `touchpoint_spend` the month's touchpoint budgets in major units.
pub fn funnel_month(
    inputs: &FunnelInputs,
    digits: u32,
    sessions: f64,
    offline_contacts: f64,
    touchpoint_spend: f64,
) -> FunnelMonth {
    month_with_paid(
        inputs,
        digits,
        sessions,
        offline_contacts,
        0.0,
        0.0,
        touchpoint_spend,
    )
}

fn month_with_paid(
    inputs: &FunnelInputs,
    digits: u32,
    sessions: f64,
    offline_contacts: f64,
    paid_share_online: f64,
    paid_share_offline: f64,
    touchpoint_spend: f64,
) -> FunnelMonth {
    let sessions = fin(sessions);
    let offline_contacts = fin(offline_contacts);
    let aov = inputs.aov.to_major(digits);
    let opc = fin(inputs.orders_per_customer);
    let leads = sessions * fin(inputs.act_rate);
    let online_customers = leads * fin(inputs.convert_rate);
    let offline_customers = offline_contacts * fin(inputs.offline_convert_rate);
    let customers = online_customers + offline_customers;
    let orders = customers * opc;
    let revenue = orders * aov;
    let paid_customers =
        online_customers * fin(paid_share_online) + offline_customers * fin(paid_share_offline);
    let repeat_customers = customers * fin(inputs.repeat_rate);
    let touchpoint_spend = fin(touchpoint_spend);
    FunnelMonth {
        month: 0,
        sessions,
        leads,
        online_customers,
        offline_contacts,
        offline_customers,
        customers,
        orders,
        revenue,
        paid_revenue: paid_customers * opc * aov,
        repeat_customers,
        repeat_revenue: repeat_customers * aov,
        gross_profit: revenue * fin(inputs.gross_margin),
        touchpoint_spend,
        marketing_cost: touchpoint_spend + inputs.marketing_cost_other.to_major(digits),
    }
    .sanitise()
}

/// The growth factor (1 + g)^month, 0 when not finite or when g < −1.
pub fn growth_factor(monthly_growth: f64, month: u32) -> f64 {
    let base = (1.0 + fin(monthly_growth)).max(0.0);
    fin(base.powi(i32::try_from(month).unwrap_or(i32::MAX)))
}

/// The forward funnel from raw inputs over `months` months (at most 60), growing the
/// month-0 traffic by the inputs' traffic growth.
pub fn forward_from(
    inputs: &FunnelInputs,
    digits: u32,
    traffic: &Traffic,
    months: u32,
) -> Forecast {
    let months = months.min(MAX_HORIZON_MONTHS);
    let share = |part: f64, whole: f64| {
        if whole > 0.0 {
            fin(part / whole)
        } else {
            0.0
        }
    };
    let paid_online = share(traffic.paid_sessions, traffic.sessions);
    let paid_offline = share(traffic.paid_offline_contacts, traffic.offline_contacts);
    let mut rows = Vec::with_capacity(months as usize);
    let mut total = FunnelMonth {
        month: months,
        ..FunnelMonth::default()
    };
    for i in 0..months {
        let g = growth_factor(inputs.traffic_growth, i);
        let mut row = month_with_paid(
            inputs,
            digits,
            traffic.sessions * g,
            traffic.offline_contacts * g,
            paid_online,
            paid_offline,
            traffic.touchpoint_spend,
        );
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
    let digits = plan.currency_digits();
    let t = traffic(plan);
    let g = growth_factor(plan.funnel.traffic_growth, index);
    let share = |part: f64, whole: f64| if whole > 0.0 { fin(part / whole) } else { 0.0 };
    let mut m = month_with_paid(
        &plan.funnel,
        digits,
        t.sessions * g,
        t.offline_contacts * g,
        share(t.paid_sessions, t.sessions),
        share(t.paid_offline_contacts, t.offline_contacts),
        t.touchpoint_spend,
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
    let opc = fin(inputs.orders_per_customer);
    let offline = fin(offline_customers).max(0.0);
    let mut blocked: Option<String> = None;
    let mut block = |why: &str| {
        if blocked.is_none() {
            blocked = Some(why.to_string());
        }
    };
    let value_per_customer = aov * opc;
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
                Some(o) if opc > 0.0 => finite(o / opc),
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
            let revenue = finite(c * value_per_customer);
            (revenue, finite(c * opc), Some(c))
        }
    };
    let online_exact = customers_exact.map(|c| (c - offline).max(0.0));
    let leads_exact = match online_exact {
        Some(o) if o <= 0.0 => Some(0.0),
        Some(o) if inputs.convert_rate > 0.0 => finite(o / inputs.convert_rate),
        Some(_) => {
            block("cannot be reached at a 0 % conversion rate");
            None
        }
        None => None,
    };
    let sessions_exact = match leads_exact {
        Some(l) if l <= 0.0 => Some(0.0),
        Some(l) if inputs.act_rate > 0.0 => finite(l / inputs.act_rate),
        Some(_) => {
            block("cannot be reached at a 0 % lead rate");
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
    let digits = plan.currency_digits();
    let first = first_month(plan);
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
            "customers",
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

/// The monthly goal the plan's own targets set: the Revenue KPI's target if the plan
/// tracks one, else the New customers KPI's target; `None` when neither is set.
pub fn plan_goal(plan: &Plan) -> Option<Goal> {
    let target = |id: &str| {
        plan.stage_kpi(id)
            .and_then(|(_, k)| k.target)
            .filter(|t| t.is_finite() && *t > 0.0)
    };
    if let Some(revenue) = target("revenue") {
        if let Some(m) = Money::from_major_f64(revenue, plan.currency_digits()) {
            return Some(Goal::Revenue(m));
        }
    }
    target("customers").map(Goal::Customers)
}

/// One stage of the funnel strip: its volume in the forecast's first month, the rate
/// that leads into it, its target and the gap to it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StageFlow {
    /// The stage.
    pub stage: Stage,
    /// KPI id of the stage's volume ("sessions", "leads", "customers", "repeat_customers").
    pub kpi: &'static str,
    /// What is counted, in words ("sessions").
    pub measure: &'static str,
    /// Forecast volume, first month (unrounded).
    pub forecast: f64,
    /// The rate that leads into the stage (Reach: monthly traffic growth; Act: act rate;
    /// Convert: online conversion of leads; Engage: repeat rate).
    pub rate: f64,
    /// What the rate is, in words ("lead rate").
    pub rate_name: &'static str,
    /// The stage KPI's monthly target for the volume, if the plan tracks it.
    pub target: Option<f64>,
    /// forecast − target (negative: the forecast falls short of the target).
    pub gap: Option<f64>,
}

/// The four stages' volumes, rates and targets (first forecast month).
pub fn stage_flows(plan: &Plan) -> Vec<StageFlow> {
    let first = first_month(plan);
    let f = &plan.funnel;
    let rows = [
        (
            Stage::Reach,
            "sessions",
            "sessions",
            first.sessions,
            f.traffic_growth,
            "monthly traffic growth",
        ),
        (
            Stage::Act,
            "leads",
            "leads",
            first.leads,
            f.act_rate,
            "lead rate",
        ),
        (
            Stage::Convert,
            "customers",
            "new customers",
            first.customers,
            f.convert_rate,
            "online conversion rate",
        ),
        (
            Stage::Engage,
            "repeat_customers",
            "repeat customers",
            first.repeat_customers,
            f.repeat_rate,
            "repeat purchase rate",
        ),
    ];
    rows.into_iter()
        .map(|(stage, kpi, measure, forecast, rate, rate_name)| {
            let target = plan
                .stage_kpi(kpi)
                .and_then(|(_, k)| k.target)
                .and_then(finite);
            StageFlow {
                stage,
                kpi,
                measure,
                forecast: fin(forecast),
                rate: fin(rate),
                rate_name,
                target,
                gap: target.and_then(|t| finite(forecast - t)),
            }
        })
        .collect()
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
/// rate; Convert +1 point of both online and offline conversion rates; Engage +1 point
/// of repeat rate (valued as repeat revenue). Rates are capped at 100 %.
pub fn opportunity_sizing(plan: &Plan) -> Vec<StageOpportunity> {
    let digits = plan.currency_digits();
    let t = traffic(plan);
    let f = &plan.funnel;
    let base = funnel_month(f, digits, t.sessions, t.offline_contacts, 0.0);
    let bump = |r: f64| (fin(r) + 0.01).min(1.0).max(fin(r));
    let with = |change: &dyn Fn(&mut FunnelInputs)| {
        let mut g = f.clone();
        change(&mut g);
        funnel_month(&g, digits, t.sessions, t.offline_contacts, 0.0)
    };
    let reach = funnel_month(f, digits, t.sessions * 1.01, t.offline_contacts * 1.01, 0.0);
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
            lever: "+1 point of lead rate",
        },
        StageOpportunity {
            stage: Stage::Convert,
            revenue_delta_per_point: fin(convert.revenue - base.revenue),
            lever: "+1 point of conversion rate (online and offline)",
        },
        StageOpportunity {
            stage: Stage::Engage,
            revenue_delta_per_point: fin(engage.repeat_revenue - base.repeat_revenue),
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
    let value_per_customer = f.aov.to_major(digits) * fin(f.orders_per_customer);
    plan.touchpoints_by_stage()
        .map(|(stage, tp)| {
            let extra = fin(tp.monthly_volume).max(0.0) * 0.1;
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

#[cfg(test)]
mod stage_flow_tests {
    use super::*;
    use crate::domain::plan::StageKpi;

    fn wpcalc() -> Plan {
        let mut p = Plan::new("p", "WPCalc", 0, "2026-01-01");
        p.stages.reach.touchpoints.push(Touchpoint {
            id: "t1".into(),
            name: "Search".into(),
            monthly_volume: 10_000.0,
            ..Touchpoint::default()
        });
        p.funnel.act_rate = 0.12;
        p.funnel.convert_rate = 0.25;
        p.funnel.aov = Money(7_500);
        p
    }

    #[test]
    fn plan_goal_prefers_revenue_then_customers() {
        let mut p = wpcalc();
        assert_eq!(plan_goal(&p), None);
        p.stages.convert.kpis.push(StageKpi {
            kpi: "customers".into(),
            target: Some(400.0),
            baseline: None,
        });
        assert_eq!(plan_goal(&p), Some(Goal::Customers(400.0)));
        p.stages.convert.kpis.push(StageKpi {
            kpi: "revenue".into(),
            target: Some(30_000.0),
            baseline: None,
        });
        assert_eq!(plan_goal(&p), Some(Goal::Revenue(Money(3_000_000))));
        p.stages.convert.kpis.retain(|k| k.kpi != "customers");
        p.stages.convert.kpis[0].target = Some(0.0);
        assert_eq!(plan_goal(&p), None);
    }

    #[test]
    fn stage_flows_follow_the_funnel() {
        let mut p = wpcalc();
        p.stages.act.kpis.push(StageKpi {
            kpi: "leads".into(),
            target: Some(1_500.0),
            baseline: None,
        });
        let flows = stage_flows(&p);
        assert_eq!(flows.len(), 4);
        assert_eq!(flows[0].forecast, 10_000.0);
        assert!((flows[1].forecast - 1_200.0).abs() < 1e-9);
        assert_eq!(flows[1].rate, 0.12);
        assert_eq!(flows[1].target, Some(1_500.0));
        assert!((flows[1].gap.unwrap_or(0.0) + 300.0).abs() < 1e-9);
        assert!((flows[2].forecast - 300.0).abs() < 1e-9);
        assert_eq!(flows[2].gap, None);
        assert_eq!(flows[3].forecast, 0.0);
    }
}
