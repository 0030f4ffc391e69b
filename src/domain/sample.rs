//! A large, deterministic sample plan for benchmarks, and the full recompute the app
//! performs after an edit.

use serde::Serialize;

use super::budget::{self, BudgetSummary};
use super::funnel::{self, Forecast, Goal, ReverseFunnel, StageOpportunity, TouchpointOpportunity};
use super::kpi::{self, KpiValue, Unit};
use super::measure::{self, PlanStatus};
use super::money::Money;
use super::period::{parse_date, Date, Granularity, Period};
use super::plan::{
    Action, ActionStatus, Actual, Decision, IceInputs, Initiative, Media, Objective, Place, Plan,
    PlanBy, RiceInputs, Source, Stage, StageKpi, Touchpoint, RICE_IMPACTS,
};
use super::scoring::{self, RankedInitiative};
use super::uncertainty::{FunnelInput, InputRange, InputRef, TouchpointInput};

/// A small deterministic random generator (SplitMix64), so the same seed gives the same plan.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in [lo, hi).
    fn range(&mut self, lo: f64, hi: f64) -> f64 {
        let unit = (self.next() >> 11) as f64 / (1u64 << 53) as f64;
        lo + (hi - lo) * unit
    }
    /// Uniform integer in [lo, hi].
    fn int(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next() % (hi - lo + 1)
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[(self.next() % items.len() as u64) as usize]
    }
}

fn sample_value(rng: &mut Rng, unit: Unit, id: &str) -> f64 {
    let v = match unit {
        Unit::Count => rng.range(100.0, 20_000.0),
        Unit::Money => rng.range(5.0, 5_000.0),
        Unit::Ratio => rng.range(0.01, 0.6),
        Unit::Multiple => rng.range(0.5, 8.0),
        Unit::Months => rng.range(1.0, 24.0),
        Unit::Score => rng.range(-20.0, 80.0),
    };
    if id == "revenue" {
        v * 50.0
    } else {
        v
    }
}

/// A large plan: 60 touchpoints, 200 initiatives, 500 actions, 30 tracked KPIs with
/// their goals, five years of weekly actuals of the 14 raw measures (figures a real
/// account could report together) and 4 directly measured KPIs (4,698 actuals), over a
/// 60-month horizon.
/// The same seed always gives the same plan, and it passes `validate()`.
pub fn large_plan(seed: u64) -> Plan {
    let mut rng = Rng(seed);
    let mut plan = Plan::new(
        "large",
        "Large benchmark plan",
        1_767_225_600_000,
        "2022-01-03",
    );
    plan.horizon_months = 60;
    plan.profile.sector = "Multi-channel retail".into();
    let f = &mut plan.funnel;
    f.traffic_growth = 0.01;
    f.act_rate = 0.05;
    f.convert_rate = 0.2;
    f.offline_convert_rate = 0.1;
    f.aov = Money(8_500);
    f.orders_per_customer = 1.2;
    f.repeat_rate = 0.25;
    f.gross_margin = 0.45;
    f.retention_rate = 0.6;
    f.discount_rate = 0.1;
    f.churn_rate = 0.03;
    f.arpa = Money(4_900);
    f.purchases_per_year = 3.0;
    f.customer_years = 2.5;
    f.marketing_cost_other = Money(2_500_000);

    let channels = [
        "search", "social", "email", "display", "events", "phone", "pr", "store",
    ];
    for i in 0..60 {
        let stage = Stage::ALL[i % 4];
        let place = if i % 5 == 0 {
            Place::Offline
        } else {
            Place::Online
        };
        let media = Media::ALL[i % 3];
        let impressions = (place == Place::Online).then(|| rng.range(10_000.0, 500_000.0).round());
        let clicks = impressions.map(|imp| (imp * rng.range(0.005, 0.05)).round());
        plan.stages.get_mut(stage).touchpoints.push(Touchpoint {
            id: format!("tp-{i}"),
            name: format!("Touchpoint {i}"),
            channel: rng.pick(&channels).to_string(),
            media,
            place,
            budget: Money(rng.int(0, 2_000_000) as i64),
            monthly_volume: rng.range(100.0, 30_000.0).round(),
            kpi: "sessions".into(),
            impressions,
            clicks,
            // Every fifth paid touchpoint buys its clicks.
            plan_by: if media == Media::Paid && i % 5 == 0 {
                PlanBy::Cpc
            } else {
                PlanBy::Volume
            },
            cpc: Money(rng.int(20, 300) as i64),
            ..Touchpoint::default()
        });
    }

    let tracked: Vec<&kpi::KpiDef> = kpi::catalogue()
        .iter()
        .filter(|k| k.id != "forecast_error")
        .take(30)
        .collect();
    let mut targets = Vec::new();
    for def in &tracked {
        let stage = def.stage.unwrap_or(Stage::Convert);
        let target = sample_value(&mut rng, def.unit, def.id);
        let baseline = sample_value(&mut rng, def.unit, def.id);
        plan.stages.get_mut(stage).kpis.push(StageKpi {
            kpi: def.id.into(),
            baseline: Some(baseline),
        });
        targets.push((stage, def.id, target));
    }
    for (i, def) in tracked.iter().enumerate().take(12) {
        let stage = def.stage.unwrap_or(Stage::Convert);
        let id = format!("obj-{i}");
        plan.opportunity.objectives.push(Objective {
            id: id.clone(),
            stage,
            kpi: def.id.into(),
            description: format!("Improve {} for returning visitors", def.name),
            target: Some(sample_value(&mut rng, def.unit, def.id)),
            deadline: Some("2026-12-31".into()),
            achievable_note: if i % 2 == 0 {
                "Benchmarks show it".into()
            } else {
                String::new()
            },
            relevant_note: "Drives revenue".into(),
            ..Objective::default()
        });
        plan.stages.get_mut(stage).objectives.push(id);
    }
    for (stage, id, target) in targets {
        plan.set_goal_target(stage, id, Some(target));
    }

    for i in 0..200 {
        let decision = match i % 7 {
            0 => Decision::NotDoing {
                reason: "Does not fit this quarter".into(),
            },
            1 | 2 => Decision::Chosen,
            3 => Decision::Parked,
            _ => Decision::Undecided,
        };
        plan.strategy.initiatives.push(Initiative {
            id: format!("ini-{i}"),
            title: format!("Initiative {i}"),
            stage: Stage::ALL[i % 4],
            touchpoint: (i % 3 == 0).then(|| format!("tp-{}", i % 60)),
            cost: Money(rng.int(10_000, 5_000_000) as i64),
            ice: IceInputs {
                impact: rng.int(1, 10) as f64,
                confidence: rng.int(1, 10) as f64,
                ease: rng.int(1, 10) as f64,
            },
            rice: RiceInputs {
                reach: rng.range(100.0, 50_000.0).round(),
                impact: *rng.pick(&RICE_IMPACTS),
                confidence: *rng.pick(&[1.0, 0.8, 0.5]),
                effort: rng.range(0.5, 12.0),
            },
            decision,
            rationale: "Generated".into(),
        });
    }
    plan.strategy.initiative_budget = Money(100_000_000);

    let owners = ["Ana", "Ben", "Chloé", "Dev", "Eun-ji"];
    for i in 0..500 {
        let start = rng.int(1, 13) as u8;
        let end = rng.int(u64::from(start), 13) as u8;
        plan.action.actions.push(Action {
            id: format!("act-{i}"),
            title: format!("Action {i}"),
            owner: rng.pick(&owners).to_string(),
            start_week: start,
            end_week: end,
            status: [
                ActionStatus::Todo,
                ActionStatus::Doing,
                ActionStatus::Done,
                ActionStatus::Blocked,
            ][i % 4],
            budget: Money(rng.int(0, 500_000) as i64),
            initiative: Some(format!("ini-{}", i % 200)),
            stage: Stage::ALL[i % 4],
        });
    }

    let start = parse_date("2022-01-03").unwrap_or(Date::MIN);
    let weeks = Period::weeks_from(start, 261);
    let raw: Vec<[f64; 14]> = weeks
        .iter()
        .map(|_| week_of_raw_measures(&mut rng))
        .collect();
    let mut push = |id: &str, period: Period, value: f64| {
        plan.actuals.push(Actual {
            measure: id.into(),
            period,
            value,
            source: Source::Imported {
                file: "ga4-export.csv".into(),
            },
            touchpoint: None,
        });
    };
    for (m, id) in measure::RAW_MEASURES.iter().enumerate() {
        for (period, values) in weeks.iter().zip(&raw) {
            push(id, *period, values[m]);
        }
    }
    for def in measure::DIRECT_KPIS.iter().filter_map(|id| kpi::find(id)) {
        for period in &weeks {
            push(def.id, *period, sample_value(&mut rng, def.unit, def.id));
        }
    }
    plan
}

/// A week of the raw measures, in the order of [`measure::RAW_MEASURES`], that a real
/// account could report: no more clicks than impressions, engaged sessions, leads or
/// customers than sessions, offline customers than customers.
fn week_of_raw_measures(rng: &mut Rng) -> [f64; 14] {
    let spend = rng.range(5_000.0, 60_000.0);
    let impressions = rng.range(100_000.0, 800_000.0);
    let clicks = impressions * rng.range(0.004, 0.04);
    let sessions = clicks * rng.range(0.7, 0.95) + rng.range(3_000.0, 25_000.0);
    let engaged = sessions * rng.range(0.45, 0.8);
    let leads = sessions * rng.range(0.03, 0.12);
    let offline_contacts = rng.range(200.0, 3_000.0);
    let offline_customers = offline_contacts * rng.range(0.05, 0.3);
    let customers = leads * rng.range(0.1, 0.35) + offline_customers;
    let orders = customers * rng.range(1.0, 1.4);
    let revenue = orders * rng.range(30.0, 140.0);
    let ad_revenue = revenue * rng.range(0.3, 0.8);
    let repeat_customers = customers * rng.range(0.1, 0.5);
    let repeat_orders = repeat_customers * rng.range(1.0, 1.6);
    [
        spend,
        impressions,
        clicks,
        sessions,
        engaged,
        leads,
        offline_contacts,
        customers,
        offline_customers,
        orders,
        revenue,
        ad_revenue,
        repeat_customers,
        repeat_orders,
    ]
}

/// Everything the app derives from a plan after an edit.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Recompute {
    /// Forward funnel over the horizon.
    pub forecast: Forecast,
    /// Every KPI for the first forecast month.
    pub kpis: Vec<KpiValue>,
    /// What the baseline revenue × 1.2 would need.
    pub reverse: ReverseFunnel,
    /// Stage opportunity sizing.
    pub sizing: Vec<StageOpportunity>,
    /// Touchpoint sizing.
    pub touchpoints: Vec<TouchpointOpportunity>,
    /// Initiative ranking.
    pub ranking: Vec<RankedInitiative>,
    /// Suggested impact of every initiative.
    pub suggested_impacts: Vec<u8>,
    /// Measurement of every stage KPI, by week and by month.
    pub status_week: PlanStatus,
    /// Measurement by month.
    pub status_month: PlanStatus,
    /// Budget summary.
    pub budget: BudgetSummary,
    /// Initiatives that fit the budget.
    pub fitted: Vec<String>,
}

/// The date measurement is done at: the last day with an actual, else the plan's start.
pub fn measure_date(plan: &Plan) -> Date {
    let start = parse_date(&plan.profile.start_date).unwrap_or(Date::MIN);
    // The latest period ends in its own year or the next: look only at the last years.
    let Some(latest_year) = plan.actuals.iter().map(|a| a.period.year()).max() else {
        return start;
    };
    plan.actuals
        .iter()
        .filter(|a| a.period.year() >= latest_year.saturating_sub(1))
        .filter_map(|a| a.period.end())
        .max()
        .unwrap_or(start)
}

/// Recomputes every derived number of a plan (what the benchmark times).
pub fn recompute_all(plan: &Plan) -> Recompute {
    let today = measure_date(plan);
    let goal_revenue = plan
        .opportunity
        .baseline
        .revenue
        .map_or(Money(10_000_000), |r| Money(r.0.saturating_mul(6) / 5));
    Recompute {
        forecast: funnel::forward_funnel(plan),
        kpis: kpi::evaluate(plan),
        reverse: funnel::reverse_funnel(plan, Goal::Revenue(goal_revenue)),
        sizing: funnel::opportunity_sizing(plan),
        touchpoints: funnel::touchpoint_sizing(plan),
        ranking: scoring::rank(plan),
        suggested_impacts: scoring::suggested_impacts(plan),
        status_week: measure::measure_plan(plan, today, Granularity::Week),
        status_month: measure::measure_plan(plan, today, Granularity::Month),
        budget: budget::summarise(plan),
        fitted: budget::fit_to_budget(plan),
    }
}

/// Ten ranges on a plan's inputs, for benchmarks of the simulation: six funnel inputs
/// (session → lead, lead → customer and offline rates, AOV, repeat rate, traffic
/// growth) from 80 % to 125 % of their value (within their valid range), and the
/// budgets of the first four touchpoints from 70 % to 130 %.
pub fn sample_ranges(plan: &Plan) -> Vec<InputRange> {
    let mut ranges = Vec::new();
    for f in [
        FunnelInput::ActRate,
        FunnelInput::ConvertRate,
        FunnelInput::OfflineConvertRate,
        FunnelInput::Aov,
        FunnelInput::RepeatRate,
        FunnelInput::TrafficGrowth,
    ] {
        let input = InputRef::Funnel(f);
        let v = input.value(plan).unwrap_or(0.0);
        let (lo, hi) = input.kind().bounds();
        let (a, b) = (v * 0.8, v * 1.25);
        ranges.push(InputRange {
            input,
            low: a.min(b).max(lo).min(v),
            high: a.max(b).min(hi).max(v),
        });
    }
    for tp in plan.touchpoints().take(4) {
        let input = InputRef::Touchpoint {
            id: tp.id.clone(),
            field: TouchpointInput::Budget,
        };
        let v = input.value(plan).unwrap_or(0.0);
        ranges.push(InputRange {
            input,
            low: v * 0.7,
            high: v * 1.3,
        });
    }
    ranges
}
