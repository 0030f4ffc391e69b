//! What the Odds and Scenarios screens need around [`super::uncertainty`] and
//! [`super::scenario`]: the plan's inputs grouped by stage and touchpoint for a picker,
//! a suggested first range, and the job the simulation worker runs
//! (`src/bin/sim_worker.rs`): a [`SimRequest`] in, a [`SimAnswer`] out, both plain serde
//! data, so the whole run is tested natively here.

use serde::{Deserialize, Serialize};

use super::period::Period;
use super::plan::{Plan, PlanBy, Stage};
use super::uncertainty::{
    outcome_at_likely, simulate, tornado, FunnelInput, InputKind, InputRef, SimModel, Simulation,
    TornadoBar, TornadoOutcome, TouchpointInput,
};

/// One input the picker offers, with the plan's value of it.
#[derive(Clone, Debug, PartialEq)]
pub struct InputChoice {
    /// The input.
    pub input: InputRef,
    /// Its name inside its group ("Budget per month").
    pub name: String,
    /// The plan's value (money in major units, rates as fractions).
    pub value: f64,
}

/// The inputs of one stage's funnel, of one touchpoint, or the initiatives' costs.
#[derive(Clone, Debug, PartialEq)]
pub struct InputGroup {
    /// "Convert", "Reach · Google Search ads", "Initiatives (one-off costs)".
    pub heading: String,
    /// The stage it belongs to.
    pub stage: Stage,
    /// Its inputs, in the order of the stage screens.
    pub choices: Vec<InputChoice>,
}

/// "budget per month" → "Budget per month".
fn capitalised(text: &str) -> String {
    super::input::sentence(text)
}

/// The inputs of a touchpoint that its way of planning uses: a typed volume uses its
/// volume; a budget at a cost per click, the budget, the CPC and the landing rate; at a
/// cost per thousand impressions, the budget, the CPM, the CTR and the landing rate.
/// The budget is offered in every case (it is the spend, whatever it buys).
pub fn touchpoint_inputs(plan_by: PlanBy) -> &'static [TouchpointInput] {
    match plan_by {
        PlanBy::Volume => &[TouchpointInput::MonthlyVolume, TouchpointInput::Budget],
        PlanBy::Cpc => &[
            TouchpointInput::Budget,
            TouchpointInput::Cpc,
            TouchpointInput::LandingRate,
        ],
        PlanBy::Cpm => &[
            TouchpointInput::Budget,
            TouchpointInput::Cpm,
            TouchpointInput::Ctr,
            TouchpointInput::LandingRate,
        ],
    }
}

/// The plan's inputs grouped by stage (its funnel inputs, then each touchpoint), then
/// the chosen initiatives' one-off costs unless `rangeable_only` (a cost does not change
/// the forecast, so it cannot be ranged; a scenario can still change it).
pub fn input_groups(plan: &Plan, rangeable_only: bool) -> Vec<InputGroup> {
    let digits = plan.currency_digits();
    let mut groups = Vec::new();
    for stage in Stage::ALL {
        let choices: Vec<InputChoice> = FunnelInput::ALL
            .into_iter()
            .filter(|f| f.stage() == stage)
            .map(|f| InputChoice {
                input: InputRef::Funnel(f),
                name: f.name().to_string(),
                value: f.get(&plan.funnel, digits),
            })
            .collect();
        if !choices.is_empty() {
            groups.push(InputGroup {
                heading: stage.name().to_string(),
                stage,
                choices,
            });
        }
        for tp in &plan.stages.get(stage).touchpoints {
            groups.push(InputGroup {
                heading: format!("{} · {}", stage.name(), tp.name),
                stage,
                choices: touchpoint_inputs(tp.plan_by)
                    .iter()
                    .map(|field| InputChoice {
                        input: InputRef::Touchpoint {
                            id: tp.id.clone(),
                            field: *field,
                        },
                        name: capitalised(field.name()),
                        value: field.get(tp, digits),
                    })
                    .collect(),
            });
        }
    }
    if !rangeable_only && !plan.strategy.initiatives.is_empty() {
        groups.push(InputGroup {
            heading: "Initiatives (one-off costs)".to_string(),
            stage: Stage::Reach,
            choices: plan
                .strategy
                .initiatives
                .iter()
                .map(|i| InputChoice {
                    input: InputRef::InitiativeCost { id: i.id.clone() },
                    name: if i.title.trim().is_empty() {
                        i.id.clone()
                    } else {
                        i.title.clone()
                    },
                    value: i.cost.to_major(digits),
                })
                .collect(),
        });
    }
    groups
}

/// `value` rounded to `decimals` decimals.
fn round_to(value: f64, decimals: i32) -> f64 {
    let scale = 10f64.powi(decimals);
    let v = (value * scale).round() / scale;
    if v.is_finite() {
        v
    } else {
        0.0
    }
}

/// A first range to edit for an input whose plan value is `likely`: 20 % either side
/// (rates kept within 0–100 %), one point either side of monthly growth; rounded so
/// that the fields show short numbers, and always with low ≤ likely ≤ high.
pub fn suggested_range(kind: InputKind, likely: f64) -> (f64, f64) {
    let likely = if likely.is_finite() { likely } else { 0.0 };
    let (min, max) = kind.bounds();
    let (low, high) = match kind {
        InputKind::Growth => (round_to(likely - 0.01, 4), round_to(likely + 0.01, 4)),
        InputKind::Rate => (round_to(likely * 0.8, 4), round_to(likely * 1.2, 4)),
        InputKind::Count => (round_to(likely * 0.8, 0), round_to(likely * 1.2, 0)),
        InputKind::Money => (round_to(likely * 0.8, 2), round_to(likely * 1.2, 2)),
    };
    (
        low.clamp(min, max).min(likely),
        high.clamp(min, max).max(likely),
    )
}

/// "March 2027" for a month; a week as it is written ("2027-W09").
pub fn month_words(period: Period) -> String {
    const NAMES: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    match period {
        Period::Month { year, month } => match NAMES.get(usize::from(month).wrapping_sub(1)) {
            Some(name) => format!("{name} {year}"),
            None => period.to_string(),
        },
        week => week.to_string(),
    }
}

// ---------------------------------------------------------------------------
// The simulation worker's job.

/// What the page asks the simulation worker to run.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SimRequest {
    /// The run's number: the page shows only the answer to its latest request.
    pub run: u64,
    /// The plan's model with its ranges ([`SimModel::of_plan`]).
    pub model: SimModel,
    /// Draws to run.
    pub draws: u32,
    /// The generator's seed.
    pub seed: u64,
}

/// One tornado: the outcome it measures, its value with every input at its likely
/// value (the chart's axis), and its bars, widest first.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TornadoSet {
    /// Revenue, or an objective's KPI.
    pub outcome: TornadoOutcome,
    /// The outcome with every input at its likely value.
    pub at_likely: Option<f64>,
    /// The bars, widest first.
    pub bars: Vec<TornadoBar>,
}

/// What the worker answers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SimAnswer {
    /// The request's number.
    pub run: u64,
    /// The Monte Carlo run.
    pub simulation: Simulation,
    /// The tornado of revenue, then one per modelled objective, in the plan's order.
    pub tornados: Vec<TornadoSet>,
    /// Milliseconds the draws took (the simulation alone, as the worker's clock
    /// measured it).
    pub elapsed_ms: f64,
}

/// Runs a request: the simulation, timed with `now` (milliseconds), then the tornado
/// of revenue and of every objective the model can test.
pub fn answer(request: &SimRequest, now: &dyn Fn() -> f64) -> SimAnswer {
    let start = now();
    let simulation = simulate(&request.model, request.draws, request.seed);
    let elapsed = now() - start;
    let outcomes = std::iter::once(TornadoOutcome::Revenue).chain(
        request
            .model
            .objectives
            .iter()
            .filter(|o| o.not_modelled.is_none())
            .map(|o| TornadoOutcome::Objective(o.id.clone())),
    );
    let tornados = outcomes
        .map(|outcome| TornadoSet {
            at_likely: outcome_at_likely(&request.model, &outcome),
            bars: tornado(&request.model, &outcome),
            outcome,
        })
        .collect();
    SimAnswer {
        run: request.run,
        simulation,
        tornados,
        elapsed_ms: if elapsed.is_finite() && elapsed > 0.0 {
            elapsed
        } else {
            0.0
        },
    }
}

/// The request as the page sends it (JSON).
pub fn request_json(request: &SimRequest) -> Result<String, String> {
    serde_json::to_string(request).map_err(|_| "The plan could not be passed on.".to_string())
}

/// Reads and runs a request sent as JSON, and writes the answer as JSON: what the
/// worker does with each message. An error is a sentence to show.
pub fn answer_json(json: &str, now: &dyn Fn() -> f64) -> Result<String, String> {
    let request: SimRequest = serde_json::from_str(json)
        .map_err(|_| "The simulation could not read the plan it was given.".to_string())?;
    serde_json::to_string(&answer(&request, now))
        .map_err(|_| "The simulation's results could not be passed back.".to_string())
}
