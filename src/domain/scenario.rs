//! Scenarios: named sets of changes to the plan's inputs ("Stretch": conversion rate
//! 3 %, search budget 8,000), compared side by side with the plan as it is (its base).
//!
//! A scenario changes only the inputs it lists ([`Override`]); everything else is
//! shared with the base. Making a scenario the base ([`promote`]) writes its values
//! into the plan and keeps the values they replace as a scenario "Base before <name>",
//! so nothing is lost. An override of a touchpoint or initiative that no longer exists
//! is kept and has no effect.

use serde::{Deserialize, Serialize};

use super::budget;
use super::evaluation::evaluate_plan;
use super::funnel::FunnelMonth;
use super::input::InputError;
use super::kpi::{self, finite, Unit};
use super::measure::Status;
use super::period::Date;
use super::plan::{Plan, Stage};
use super::uncertainty::InputRef;

/// The most scenarios a plan may hold.
pub const MAX_SCENARIOS: usize = 20;

/// The most inputs one scenario may change.
pub const MAX_OVERRIDES: usize = 100;

/// The longest scenario name, in characters.
pub const MAX_SCENARIO_NAME_CHARS: usize = 80;

/// One input's value in a scenario.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Override {
    /// The input.
    pub input: InputRef,
    /// Its value in the scenario, in the input's unit (rates as fractions, money in
    /// major units).
    pub value: f64,
}

/// A named scenario: the inputs it changes and their values.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Scenario {
    /// Unique id among the plan's scenarios.
    pub id: String,
    /// Its name ("Stretch").
    pub name: String,
    /// The inputs it changes.
    pub overrides: Vec<Override>,
}

impl Scenario {
    /// The scenario's value of an input, if it changes it.
    pub fn value_of(&self, input: &InputRef) -> Option<f64> {
        self.overrides
            .iter()
            .find(|o| &o.input == input)
            .map(|o| o.value)
    }
}

fn check_name(name: &str) -> Result<String, InputError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(InputError::new("Name the scenario"));
    }
    if name.chars().count() > MAX_SCENARIO_NAME_CHARS {
        return Err(InputError::new(format!(
            "A scenario's name may have at most {MAX_SCENARIO_NAME_CHARS} characters"
        )));
    }
    Ok(name.to_string())
}

/// A name cut to [`MAX_SCENARIO_NAME_CHARS`] characters.
fn fit_name(name: &str) -> String {
    name.chars().take(MAX_SCENARIO_NAME_CHARS).collect()
}

/// A fresh scenario id ("scenario-N") that no scenario of the plan uses.
pub fn next_scenario_id(plan: &Plan) -> String {
    let mut n: u64 = 1;
    loop {
        let id = format!("scenario-{n}");
        if !plan.scenarios.iter().any(|s| s.id == id) {
            return id;
        }
        n = n.saturating_add(1);
    }
}

/// Adds an empty scenario named `name`; returns its id. Refused beyond
/// [`MAX_SCENARIOS`] or for an empty or too long name.
pub fn add(plan: &mut Plan, name: &str) -> Result<String, InputError> {
    if plan.scenarios.len() >= MAX_SCENARIOS {
        return Err(InputError::new(format!(
            "A plan may hold at most {MAX_SCENARIOS} scenarios"
        )));
    }
    let name = check_name(name)?;
    let id = next_scenario_id(plan);
    plan.scenarios.push(Scenario {
        id: id.clone(),
        name,
        overrides: Vec::new(),
    });
    Ok(id)
}

/// Renames a scenario.
pub fn rename(plan: &mut Plan, id: &str, name: &str) -> Result<(), InputError> {
    let name = check_name(name)?;
    let scenario = scenario_mut(plan, id)?;
    scenario.name = name;
    Ok(())
}

/// Removes a scenario; returns its position and the scenario, to undo with
/// [`restore`]. `None` when there is no such scenario.
pub fn delete(plan: &mut Plan, id: &str) -> Option<(usize, Scenario)> {
    let index = plan.scenarios.iter().position(|s| s.id == id)?;
    Some((index, plan.scenarios.remove(index)))
}

/// Puts back a deleted scenario at its position (the undo of [`delete`]). Refused
/// when the plan already holds [`MAX_SCENARIOS`] or a scenario with its id.
pub fn restore(plan: &mut Plan, index: usize, scenario: Scenario) -> Result<(), InputError> {
    if plan.scenarios.len() >= MAX_SCENARIOS {
        return Err(InputError::new(format!(
            "A plan may hold at most {MAX_SCENARIOS} scenarios"
        )));
    }
    if plan.scenarios.iter().any(|s| s.id == scenario.id) {
        return Err(InputError::new("This scenario is already in the plan"));
    }
    let index = index.min(plan.scenarios.len());
    plan.scenarios.insert(index, scenario);
    Ok(())
}

fn scenario_mut<'a>(plan: &'a mut Plan, id: &str) -> Result<&'a mut Scenario, InputError> {
    plan.scenarios
        .iter_mut()
        .find(|s| s.id == id)
        .ok_or_else(|| InputError::new("This scenario no longer exists"))
}

/// Sets a scenario's value of an input (replacing any it had), after checking that the
/// input exists in the plan and the value is valid for it.
pub fn set_override(
    plan: &mut Plan,
    scenario_id: &str,
    input: InputRef,
    value: f64,
) -> Result<(), InputError> {
    let mut trial = plan.clone();
    input.set(&mut trial, value)?;
    let scenario = scenario_mut(plan, scenario_id)?;
    if let Some(o) = scenario.overrides.iter_mut().find(|o| o.input == input) {
        o.value = value;
        return Ok(());
    }
    if scenario.overrides.len() >= MAX_OVERRIDES {
        return Err(InputError::new(format!(
            "A scenario may change at most {MAX_OVERRIDES} inputs"
        )));
    }
    scenario.overrides.push(Override { input, value });
    Ok(())
}

/// Removes a scenario's change of an input (it then uses the base's value); true when
/// there was one.
pub fn remove_override(plan: &mut Plan, scenario_id: &str, input: &InputRef) -> bool {
    let Ok(scenario) = scenario_mut(plan, scenario_id) else {
        return false;
    };
    let before = scenario.overrides.len();
    scenario.overrides.retain(|o| &o.input != input);
    scenario.overrides.len() != before
}

/// The plan as the scenario sees it: a copy with the scenario's values written in.
/// Overrides of touchpoints or initiatives that no longer exist, and values the plan
/// would refuse, are left out.
pub fn apply(plan: &Plan, scenario: &Scenario) -> Plan {
    let mut seen = plan.clone();
    for o in &scenario.overrides {
        // A refused value leaves the copy as it was, which is what "left out" means.
        let _ = o.input.set(&mut seen, o.value);
    }
    seen
}

/// Makes a scenario the plan's base: its values are written into the plan, and the
/// values they replace, of exactly those inputs, become a scenario named "Base before
/// <name>" in its place (so the change can be seen and reversed). Returns the new
/// scenario's id. On error the plan is unchanged.
pub fn promote(plan: &mut Plan, scenario_id: &str) -> Result<String, InputError> {
    let scenario = plan
        .scenarios
        .iter()
        .find(|s| s.id == scenario_id)
        .cloned()
        .ok_or_else(|| InputError::new("This scenario no longer exists"))?;
    let mut next = plan.clone();
    let mut before = Vec::new();
    for o in &scenario.overrides {
        let Some(old) = o.input.value(plan) else {
            continue;
        };
        o.input.set(&mut next, o.value)?;
        before.push(Override {
            input: o.input.clone(),
            value: old,
        });
    }
    let id = next_scenario_id(&next);
    if let Some(slot) = next.scenarios.iter_mut().find(|s| s.id == scenario_id) {
        *slot = Scenario {
            id: id.clone(),
            name: fit_name(&format!("Base before {}", scenario.name)),
            overrides: before,
        };
    }
    *plan = next;
    Ok(id)
}

// ---------------------------------------------------------------------------
// Comparison.

/// A column of the comparison: the base (no id) or a scenario.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Column {
    /// The scenario's id; `None` for the base.
    pub scenario: Option<String>,
    /// "Base" or the scenario's name.
    pub name: String,
}

/// One figure across the columns.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FigureRow {
    /// Stable key: "sessions", "leads", "customers", "revenue", "budget",
    /// "initiative_costs", "roi", or "kpi:<id>" for a stage KPI.
    pub key: String,
    /// The figure's name.
    pub label: String,
    /// The stage it belongs to, for stage KPIs.
    pub stage: Option<Stage>,
    /// How to show it.
    pub unit: Unit,
    /// One value per column (`None`: no value).
    pub values: Vec<Option<f64>>,
    /// Per column: true when the value differs from the base's.
    pub differs: Vec<bool>,
}

/// One objective's status across the columns.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ObjectiveRow {
    /// The objective's id.
    pub objective: String,
    /// Its KPI id.
    pub kpi: String,
    /// What it says.
    pub label: String,
    /// The figure compared with its target in each column (as the goal check shows it).
    pub values: Vec<Option<f64>>,
    /// Its status in each column.
    pub statuses: Vec<Option<Status>>,
    /// Per column: true when the status or the figure differs from the base's.
    pub differs: Vec<bool>,
}

/// The base and every scenario side by side.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Comparison {
    /// The base first, then the scenarios in the plan's order.
    pub columns: Vec<Column>,
    /// Funnel totals over the horizon, budget, ROI, then the stage KPIs in the
    /// reference month.
    pub figures: Vec<FigureRow>,
    /// Each objective with a goal check.
    pub objectives: Vec<ObjectiveRow>,
}

/// Reads one figure of a forecast month.
type MonthFigure = fn(&FunnelMonth) -> f64;

/// True when two figures differ beyond float noise (one part in a billion).
fn differ(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (Some(x), Some(y)) => (x - y).abs() > 1e-9 * x.abs().max(y.abs()).max(1.0),
        (None, None) => false,
        _ => true,
    }
}

/// Compares the base with every scenario as of `today` (the reference month of the
/// stage KPIs and goal checks, as `evaluation::evaluate_plan`): funnel totals over the
/// horizon (sessions, leads, customers, revenue), the running budget over the horizon,
/// the chosen initiatives' one-off costs, ROI over the horizon with the plan's basis,
/// every tracked stage KPI, and each objective's status, marking what differs from the
/// base.
pub fn compare(plan: &Plan, today: Option<Date>) -> Comparison {
    let mut plans = vec![plan.clone()];
    plans.extend(plan.scenarios.iter().map(|s| apply(plan, s)));
    let columns = std::iter::once(Column {
        scenario: None,
        name: "Base".to_string(),
    })
    .chain(plan.scenarios.iter().map(|s| Column {
        scenario: Some(s.id.clone()),
        name: s.name.clone(),
    }))
    .collect();
    let evaluations: Vec<_> = plans.iter().map(|p| evaluate_plan(p, today)).collect();
    let money_of = |p: &Plan, m: super::money::Money| m.to_major(p.currency_digits());
    let mut figures = Vec::new();
    let mut push =
        |key: String, label: String, stage: Option<Stage>, unit: Unit, values: Vec<Option<f64>>| {
            let base = values.first().copied().flatten();
            let differs = values.iter().map(|v| differ(*v, base)).collect();
            figures.push(FigureRow {
                key,
                label,
                stage,
                unit,
                values,
                differs,
            });
        };
    let totals: [(&str, &str, MonthFigure, Unit); 4] = [
        (
            "sessions",
            "Sessions over the horizon",
            |m| m.sessions,
            Unit::Count,
        ),
        ("leads", "Leads over the horizon", |m| m.leads, Unit::Count),
        (
            "customers",
            "New customers over the horizon",
            |m| m.customers,
            Unit::Count,
        ),
        (
            "revenue",
            "Revenue over the horizon",
            |m| m.revenue,
            Unit::Money,
        ),
    ];
    for (key, label, get, unit) in totals {
        let values = evaluations
            .iter()
            .map(|e| finite(get(&e.forecast.total)))
            .collect();
        push(key.into(), label.into(), None, unit, values);
    }
    let budgets: Vec<_> = plans.iter().map(budget::summarise).collect();
    push(
        "budget".into(),
        "Budget over the horizon (touchpoints and other cost)".into(),
        None,
        Unit::Money,
        plans
            .iter()
            .zip(&budgets)
            .map(|(p, b)| Some(money_of(p, b.horizon_total)))
            .collect(),
    );
    push(
        "initiative_costs".into(),
        "Chosen initiatives' one-off costs".into(),
        None,
        Unit::Money,
        plans
            .iter()
            .zip(&budgets)
            .map(|(p, b)| Some(money_of(p, b.chosen_initiatives)))
            .collect(),
    );
    push(
        "roi".into(),
        "ROI over the horizon".into(),
        None,
        Unit::Ratio,
        plans
            .iter()
            .zip(&evaluations)
            .map(|(p, e)| {
                let t = &e.forecast.total;
                kpi::roi(
                    p.variants.roi,
                    t.revenue,
                    p.funnel.gross_margin,
                    t.marketing_cost,
                )
                .and_then(finite)
            })
            .collect(),
    );
    for stage in Stage::ALL {
        for id in plan.tracked_kpis(stage) {
            let Some(def) = kpi::find(&id) else {
                continue;
            };
            let values = evaluations
                .iter()
                .map(|e| e.kpi(def.id).and_then(|v| v.value))
                .collect();
            push(
                format!("kpi:{}", def.id),
                def.name.to_string(),
                Some(stage),
                def.unit,
                values,
            );
        }
    }
    let objectives = plan
        .opportunity
        .objectives
        .iter()
        .filter(|o| {
            evaluations
                .first()
                .is_some_and(|e| e.checks.iter().any(|c| c.goal == o.id))
        })
        .map(|o| {
            let checks: Vec<_> = evaluations
                .iter()
                .map(|e| e.checks.iter().find(|c| c.goal == o.id))
                .collect();
            let values: Vec<Option<f64>> = checks.iter().map(|c| c.and_then(|c| c.shown)).collect();
            let statuses: Vec<Option<Status>> =
                checks.iter().map(|c| c.and_then(|c| c.status)).collect();
            let (base_value, base_status) = (
                values.first().copied().flatten(),
                statuses.first().copied().flatten(),
            );
            let differs = values
                .iter()
                .zip(&statuses)
                .map(|(v, s)| differ(*v, base_value) || *s != base_status)
                .collect();
            ObjectiveRow {
                objective: o.id.clone(),
                kpi: o.kpi.clone(),
                label: o.description.clone(),
                values,
                statuses,
                differs,
            }
        })
        .collect();
    Comparison {
        columns,
        figures,
        objectives,
    }
}
