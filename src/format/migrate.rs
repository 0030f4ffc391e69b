//! Reading plans saved by earlier versions of the app.
//!
//! Each past data version has one step that turns it into the next version, on
//! the JSON itself; the steps run in a chain up to [`SCHEMA_VERSION`], then the
//! plan is read and every value checked. Data from a newer version is refused
//! with [`LoadError::NewerVersion`], so the caller opens it read-only and never
//! overwrites it.
//!
//! # Version 0 (early drafts of the app)
//! - the plan's name was `title`;
//! - touchpoints were one flat `touchpoints` list, each with a `stage`
//!   (`"reach"`, `"act"`, `"convert"`, `"engage"`), instead of a list per stage
//!   under `stages`;
//! - the funnel's rates and the baseline's repeat rate were percents (2.5 meaning
//!   2.5 %), not fractions;
//! - money was a decimal number in major units (1500.5 meaning 1,500.50), not an
//!   integer of minor units;
//! - there was no `revision` and no `created_at`.
//!
//! # Version 1
//! - a stage KPI (`stages.<stage>.kpis[]`) carried its own monthly `target`, beside
//!   the SMART objectives' targets: two records of one goal. Version 2 keeps one, the
//!   goal (an objective): a KPI target becomes its KPI's objective's target (the KPI
//!   target wins where both were set, since every status and gap was computed from it),
//!   or a new goal "Reach the <KPI> target" due at the end of the plan, phased evenly,
//!   which asks for the same number every month as before;
//! - actuals were keyed by `kpi`; version 2 calls the key `measure`, because actuals
//!   are now raw measures (spend, sessions, revenue…) from which ratios are derived.
//!   Ratio values typed in version 1 (CTR, CAC, ROAS…) are kept as they were and shown
//!   where no raw numbers exist for their period;
//! - fields added in version 2 take their defaults: touchpoints are planned by volume
//!   (as before), a repeat customer places one further order (the repeat revenue
//!   version 1 showed beside revenue, now counted in it), no main goal is picked.
//!
//! # Version 2
//! - a plan had no scenarios and no ranges. Version 3 adds `scenarios` (named sets of
//!   changed inputs) and `ranges` (inputs as low / likely / high), both empty for a
//!   plan read from version 2; keys of those names in a version 2 file meant nothing
//!   to it and are dropped.
//!
//! # Version 3 (current)
//! The layout of [`Plan`].

use serde_json::{Map, Value};

use super::error::{json_path_at, shape_error, LoadError};
use crate::domain::money::minor_digits;
use crate::domain::plan::{Plan, SCHEMA_VERSION};

/// What reading a plan did to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MigrationReport {
    /// The data version it was stored in.
    pub from_version: u32,
    /// The data version it is now in (always [`SCHEMA_VERSION`]).
    pub to_version: u32,
    /// One sentence per step that ran, oldest first.
    pub steps: Vec<&'static str>,
}

impl MigrationReport {
    /// The report of a plan read in the current version: nothing ran.
    pub fn current() -> Self {
        MigrationReport {
            from_version: SCHEMA_VERSION,
            to_version: SCHEMA_VERSION,
            steps: Vec::new(),
        }
    }

    /// Whether the plan was stored in an older version and was changed.
    pub fn migrated(&self) -> bool {
        self.from_version < self.to_version
    }
}

/// One step: turns a plan of version `from` into version `from + 1`.
struct Step {
    from: u32,
    summary: &'static str,
    run: fn(&mut Map<String, Value>) -> Result<(), LoadError>,
}

/// The chain of steps, one per past version, in order.
const STEPS: &[Step] = &[
    Step {
        from: 0,
        summary: "Touchpoints moved to their stages, rates turned from percents into fractions, \
                  money turned into minor units, revision added.",
        run: v0_to_v1,
    },
    Step {
        from: 1,
        summary: "Stage KPI targets became goals (one record per target), actuals keyed by \
                  measure.",
        run: v1_to_v2,
    },
    Step {
        from: 2,
        summary: "Scenarios and ranges added, none yet.",
        run: v2_to_v3,
    },
];

/// Reads the data version of a plan object (or of a file's envelope).
pub fn schema_version_of(value: &Value) -> Result<u32, LoadError> {
    match value.as_object() {
        Some(map) => version_in(map),
        None => Err(LoadError::Shape {
            path: String::new(),
            message: "should be an object (a plan)".to_owned(),
        }),
    }
}

/// Reads `schema_version` of a JSON object: a whole number, zero or more.
pub fn version_in(map: &Map<String, Value>) -> Result<u32, LoadError> {
    match map.get("schema_version") {
        None => Err(LoadError::Shape {
            path: "schema_version".to_owned(),
            message: "is missing".to_owned(),
        }),
        Some(v) => v
            .as_u64()
            .and_then(|n| u32::try_from(n).ok())
            .ok_or_else(|| LoadError::Shape {
                path: "schema_version".to_owned(),
                message: "should be a whole number, zero or more".to_owned(),
            }),
    }
}

/// Brings a plan object of any known version to the current one, reads it and
/// checks every value.
///
/// Errors: [`LoadError::NewerVersion`] for a version above [`SCHEMA_VERSION`];
/// [`LoadError::Shape`] with the field's path when a field has the wrong type;
/// [`LoadError::Invalid`] with every value out of range.
pub fn migrate(value: Value) -> Result<(Plan, MigrationReport), LoadError> {
    let Value::Object(mut map) = value else {
        return Err(LoadError::Shape {
            path: String::new(),
            message: "should be an object (a plan)".to_owned(),
        });
    };
    let from_version = version_in(&map)?;
    if from_version > SCHEMA_VERSION {
        return Err(LoadError::NewerVersion {
            found: from_version,
            supported: SCHEMA_VERSION,
        });
    }
    let mut steps = Vec::new();
    for step in STEPS
        .iter()
        .filter(|s| s.from >= from_version && s.from < SCHEMA_VERSION)
    {
        (step.run)(&mut map)?;
        map.insert("schema_version".to_owned(), Value::from(step.from + 1));
        steps.push(step.summary);
    }
    let plan = read_current(Value::Object(map))?;
    Ok((
        plan,
        MigrationReport {
            from_version,
            to_version: SCHEMA_VERSION,
            steps,
        },
    ))
}

/// Reads a plan object already in the current layout and checks every value.
fn read_current(value: Value) -> Result<Plan, LoadError> {
    // Read from the JSON text, so that an error's position names the field at fault
    // (`json_path_at`) without a second, path-tracking copy of the plan's reader.
    let text = value.to_string();
    let plan: Plan = serde_json::from_str(&text).map_err(|e| {
        let message = e.to_string();
        let path = json_path_at(&text, e.column(), message.starts_with("missing field"));
        shape_error(&path, &message)
    })?;
    let errors = plan.validate();
    if !errors.is_empty() {
        return Err(LoadError::Invalid(errors));
    }
    Ok(plan)
}

/// Best-effort read of a plan saved by a newer version, to show it read-only:
/// the fields this version knows, if they still have the shape it knows and
/// their values are valid. `None` when that fails; the data is never changed.
pub fn read_newer_for_display(value: &Value) -> Option<Plan> {
    let found = schema_version_of(value).ok()?;
    let mut current = value.clone();
    current
        .as_object_mut()?
        .insert("schema_version".to_owned(), Value::from(SCHEMA_VERSION));
    let mut plan = read_current(current).ok()?;
    plan.schema_version = found;
    Some(plan)
}

/// Funnel fields that version 0 stored as percents.
const V0_PERCENT_FUNNEL_FIELDS: [&str; 9] = [
    "traffic_growth",
    "act_rate",
    "convert_rate",
    "offline_convert_rate",
    "repeat_rate",
    "gross_margin",
    "retention_rate",
    "discount_rate",
    "churn_rate",
];

/// Funnel fields that version 0 stored as money in major units.
const V0_MONEY_FUNNEL_FIELDS: [&str; 3] = ["aov", "arpa", "marketing_cost_other"];

/// Baseline fields that version 0 stored as money in major units.
const V0_MONEY_BASELINE_FIELDS: [&str; 2] = ["revenue", "marketing_spend"];

fn v0_to_v1(plan: &mut Map<String, Value>) -> Result<(), LoadError> {
    // The name.
    if let Some(title) = plan.remove("title") {
        plan.entry("name").or_insert(title);
    }

    // Money needs the currency's minor digits (2 for USD, 0 for JPY).
    let currency = plan
        .get("profile")
        .and_then(|p| p.get("currency"))
        .and_then(Value::as_str)
        .unwrap_or("USD")
        .to_owned();
    let digits = minor_digits(&currency);

    // The funnel: percents to fractions, money to minor units.
    if let Some(funnel) = plan.get_mut("funnel") {
        let funnel = object_at(funnel, "funnel")?;
        for key in V0_PERCENT_FUNNEL_FIELDS {
            percent_to_fraction(funnel, key, "funnel")?;
        }
        for key in V0_MONEY_FUNNEL_FIELDS {
            major_to_minor(funnel, key, digits, "funnel")?;
        }
    }

    // The baseline.
    if let Some(baseline) = plan
        .get_mut("opportunity")
        .and_then(|o| o.get_mut("baseline"))
    {
        let baseline = object_at(baseline, "opportunity.baseline")?;
        percent_to_fraction(baseline, "repeat_rate", "opportunity.baseline")?;
        for key in V0_MONEY_BASELINE_FIELDS {
            major_to_minor(baseline, key, digits, "opportunity.baseline")?;
        }
    }

    // Touchpoints: from one flat list to a list per stage.
    if let Some(list) = plan.remove("touchpoints") {
        let Value::Array(list) = list else {
            return Err(LoadError::Shape {
                path: "touchpoints".to_owned(),
                message: "should be a list".to_owned(),
            });
        };
        let stages = plan
            .entry("stages")
            .or_insert_with(|| Value::Object(Map::new()));
        let stages = object_at(stages, "stages")?;
        for (i, touchpoint) in list.into_iter().enumerate() {
            let path = format!("touchpoints[{i}]");
            let Value::Object(mut touchpoint) = touchpoint else {
                return Err(LoadError::Shape {
                    path,
                    message: "should be an object".to_owned(),
                });
            };
            let stage = match touchpoint.remove("stage") {
                Some(Value::String(s))
                    if ["reach", "act", "convert", "engage"].contains(&s.as_str()) =>
                {
                    s
                }
                Some(other) => {
                    return Err(LoadError::Shape {
                        path: format!("{path}.stage"),
                        message: format!(
                        "should be one of \"reach\", \"act\", \"convert\", \"engage\", not {other}"
                    ),
                    })
                }
                None => {
                    return Err(LoadError::Shape {
                        path: format!("{path}.stage"),
                        message: "is missing".to_owned(),
                    })
                }
            };
            major_to_minor(&mut touchpoint, "budget", digits, &path)?;
            let page = stages
                .entry(stage.clone())
                .or_insert_with(|| Value::Object(Map::new()));
            let page = object_at(page, &format!("stages.{stage}"))?;
            let list = page
                .entry("touchpoints")
                .or_insert_with(|| Value::Array(Vec::new()));
            match list {
                Value::Array(items) => items.push(Value::Object(touchpoint)),
                _ => {
                    return Err(LoadError::Shape {
                        path: format!("stages.{stage}.touchpoints"),
                        message: "should be a list".to_owned(),
                    })
                }
            }
        }
    }

    // Revision and creation time.
    plan.entry("revision").or_insert(Value::from(0));
    if !plan.contains_key("created_at") {
        let updated = plan.get("updated_at").cloned().unwrap_or(Value::from(0));
        plan.insert("created_at".to_owned(), updated);
    }
    Ok(())
}

fn v1_to_v2(plan: &mut Map<String, Value>) -> Result<(), LoadError> {
    let mut ids = Vec::new();
    collect_ids(&Value::Object(plan.clone()), &mut ids);
    let end = plan_end(plan);

    // KPI targets, in stage order.
    let mut targets: Vec<(String, String, f64)> = Vec::new();
    if let Some(stages) = plan.get_mut("stages") {
        let stages = object_at(stages, "stages")?;
        for stage in ["reach", "act", "convert", "engage"] {
            let Some(Value::Object(page)) = stages.get_mut(stage) else {
                continue;
            };
            let Some(Value::Array(kpis)) = page.get_mut("kpis") else {
                continue;
            };
            for (i, k) in kpis.iter_mut().enumerate() {
                let path = format!("stages.{stage}.kpis[{i}]");
                let k = object_at(k, &path)?;
                let target = number_at(k, "target", &path)?;
                k.remove("target");
                let id = k
                    .get("kpi")
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_owned();
                if let Some(t) = target {
                    targets.push((stage.to_owned(), id, t));
                }
            }
        }
    }

    // Each target into its goal.
    let opportunity = plan
        .entry("opportunity")
        .or_insert_with(|| Value::Object(Map::new()));
    let opportunity = object_at(opportunity, "opportunity")?;
    let objectives = opportunity
        .entry("objectives")
        .or_insert_with(|| Value::Array(Vec::new()));
    let Value::Array(objectives) = objectives else {
        return Err(LoadError::Shape {
            path: "opportunity.objectives".to_owned(),
            message: "should be a list".to_owned(),
        });
    };
    for (stage, kpi_id, target) in targets {
        let existing = objectives
            .iter_mut()
            .filter_map(Value::as_object_mut)
            .find(|o| o.get("kpi").and_then(Value::as_str) == Some(kpi_id.as_str()));
        match existing {
            Some(goal) => {
                goal.insert("target".to_owned(), Value::from(target));
            }
            None => {
                let mut id = format!("goal-{kpi_id}");
                let mut n = 2;
                while ids.contains(&id) {
                    id = format!("goal-{kpi_id}-{n}");
                    n += 1;
                }
                ids.push(id.clone());
                let name = crate::domain::kpi::find(&kpi_id).map_or(kpi_id.as_str(), |d| d.name);
                let mut goal = Map::new();
                goal.insert("id".to_owned(), Value::from(id));
                goal.insert("stage".to_owned(), Value::from(stage));
                goal.insert("kpi".to_owned(), Value::from(kpi_id.clone()));
                goal.insert(
                    "description".to_owned(),
                    Value::from(format!("Reach the {name} target")),
                );
                goal.insert("target".to_owned(), Value::from(target));
                goal.insert(
                    "deadline".to_owned(),
                    end.clone().map_or(Value::Null, Value::from),
                );
                objectives.push(Value::Object(goal));
            }
        }
    }

    // Actuals keyed by measure.
    if let Some(Value::Array(actuals)) = plan.get_mut("actuals") {
        for (i, a) in actuals.iter_mut().enumerate() {
            let a = object_at(a, &format!("actuals[{i}]"))?;
            if let Some(kpi) = a.remove("kpi") {
                a.entry("measure").or_insert(kpi);
            }
        }
    }
    Ok(())
}

fn v2_to_v3(plan: &mut Map<String, Value>) -> Result<(), LoadError> {
    // Version 2 had no scenarios or ranges: whatever was under these keys was ignored
    // when the file was read, and stays ignored.
    plan.remove("scenarios");
    plan.remove("ranges");
    Ok(())
}

/// Every `id` string anywhere in a plan, so a new one can avoid them.
fn collect_ids(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            if let Some(Value::String(id)) = map.get("id") {
                out.push(id.clone());
            }
            map.values().for_each(|v| collect_ids(v, out));
        }
        Value::Array(list) => list.iter().for_each(|v| collect_ids(v, out)),
        _ => {}
    }
}

/// The last day of a plan's horizon, `YYYY-MM-DD`, from its JSON.
fn plan_end(plan: &Map<String, Value>) -> Option<String> {
    use crate::domain::period::{format_date, parse_date, Period};
    let start = plan
        .get("profile")
        .and_then(|p| p.get("start_date"))
        .and_then(Value::as_str)
        .and_then(|d| parse_date(d).ok())?;
    let months = plan
        .get("horizon_months")
        .and_then(Value::as_u64)
        .and_then(|m| u32::try_from(m).ok())
        .unwrap_or(12)
        .clamp(1, crate::domain::plan::MAX_HORIZON_MONTHS);
    Period::months_from(start, months)
        .last()
        .and_then(|p| p.end())
        .map(format_date)
}

fn object_at<'a>(
    value: &'a mut Value,
    path: &str,
) -> Result<&'a mut Map<String, Value>, LoadError> {
    value.as_object_mut().ok_or_else(|| LoadError::Shape {
        path: path.to_owned(),
        message: "should be an object".to_owned(),
    })
}

fn number_at(map: &Map<String, Value>, key: &str, parent: &str) -> Result<Option<f64>, LoadError> {
    match map.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Number(n)) => Ok(n.as_f64()),
        Some(_) => Err(LoadError::Shape {
            path: format!("{parent}.{key}"),
            message: "should be a number".to_owned(),
        }),
    }
}

fn percent_to_fraction(
    map: &mut Map<String, Value>,
    key: &str,
    parent: &str,
) -> Result<(), LoadError> {
    if let Some(percent) = number_at(map, key, parent)? {
        let fraction = percent / 100.0;
        // Rounding to 12 decimals removes binary noise (2.3 / 100 = 0.023000000000000003).
        let fraction = (fraction * 1e12).round() / 1e12;
        map.insert(key.to_owned(), Value::from(fraction));
    }
    Ok(())
}

fn major_to_minor(
    map: &mut Map<String, Value>,
    key: &str,
    digits: u32,
    parent: &str,
) -> Result<(), LoadError> {
    if let Some(major) = number_at(map, key, parent)? {
        let minor = (major * 10_f64.powi(digits as i32)).round();
        // 2^53: beyond it an f64 no longer holds every whole number exactly.
        if !minor.is_finite() || minor.abs() > 9_007_199_254_740_992.0 {
            return Err(LoadError::Shape {
                path: format!("{parent}.{key}"),
                message: "is too large an amount".to_owned(),
            });
        }
        map.insert(key.to_owned(), Value::from(minor as i64));
    }
    Ok(())
}
