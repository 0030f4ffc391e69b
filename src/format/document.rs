//! The plan file and backup file: writing them, and reading any plan document
//! (a stored plan, a plan file, a bare plan object).
//!
//! A plan file is an envelope around one plan:
//! `{ "format": "race-planner/plan", "schema_version": 3, "exported_at": "...", "plan": {...} }`;
//! a backup holds every plan:
//! `{ "format": "race-planner/backup", "schema_version": 3, "exported_at": "...", "plans": [...] }`.
//! Files are pretty-printed (people open them); storage keeps compact JSON
//! ([`to_storage_json`]) because every character counts against the quota.

use serde::Serialize;
use serde_json::Value;

use super::error::LoadError;
use super::migrate::{migrate, version_in, MigrationReport};
use crate::domain::plan::{Plan, SCHEMA_VERSION};

/// The `format` of a plan file.
pub const PLAN_FORMAT: &str = "race-planner/plan";
/// The `format` of a backup file.
pub const BACKUP_FORMAT: &str = "race-planner/backup";

#[derive(Serialize)]
struct PlanFile {
    format: &'static str,
    schema_version: u32,
    exported_at: String,
    plan: Plan,
}

#[derive(Serialize)]
struct BackupFile {
    format: &'static str,
    schema_version: u32,
    exported_at: String,
    plans: Vec<Plan>,
}

/// `plan` stamped with the current data version.
fn current(plan: &Plan) -> Plan {
    let mut plan = plan.clone();
    plan.schema_version = SCHEMA_VERSION;
    plan
}

/// The plan file of `plan`, exported at `now_ms` (pretty-printed JSON).
pub fn export_plan(plan: &Plan, now_ms: i64) -> String {
    let file = PlanFile {
        format: PLAN_FORMAT,
        schema_version: SCHEMA_VERSION,
        exported_at: iso_utc(now_ms),
        plan: current(plan),
    };
    to_pretty(&file)
}

/// The backup file of `plans`, exported at `now_ms` (pretty-printed JSON).
pub fn export_backup(plans: &[Plan], now_ms: i64) -> String {
    let file = BackupFile {
        format: BACKUP_FORMAT,
        schema_version: SCHEMA_VERSION,
        exported_at: iso_utc(now_ms),
        plans: plans.iter().map(current).collect(),
    };
    to_pretty(&file)
}

/// The compact JSON of `plan` as kept in storage: the bare plan object, with its
/// `schema_version`.
pub fn to_storage_json(plan: &Plan) -> String {
    to_compact(&current(plan))
}

/// A file name for the plan file of `plan` exported at `now_ms`, like
/// `spring-launch-2026-11-23.race-plan.json` (letters, digits and dashes only).
pub fn plan_file_name(plan: &Plan, now_ms: i64) -> String {
    let mut slug = String::new();
    for c in plan.name.chars().map(|c| c.to_ascii_lowercase()) {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
        if slug.len() >= 40 {
            break;
        }
    }
    let slug = slug.trim_end_matches('-');
    let slug = if slug.is_empty() { "plan" } else { slug };
    format!("{slug}-{}.race-plan.json", &iso_utc(now_ms)[..10])
}

/// A file name for a backup exported at `now_ms`, like
/// `race-planner-backup-2026-11-23.json`.
pub fn backup_file_name(now_ms: i64) -> String {
    format!("race-planner-backup-{}.json", &iso_utc(now_ms)[..10])
}

/// Serialises a value that holds no maps with non-text keys and no non-finite
/// numbers (both checked by `Plan::validate` before anything is saved). Should
/// serde still refuse, the text is `null`, which reading reports as damaged
/// rather than the app stopping.
fn to_pretty<T: Serialize>(value: &T) -> String {
    indent_json(&to_compact(value))
}

/// Compact JSON text laid out as `serde_json::to_string_pretty` lays it out (two
/// spaces, one member per line, `{}` and `[]` when empty). Re-indenting the text keeps
/// one serialiser per type in the download instead of two.
pub fn indent_json(compact: &str) -> String {
    let mut out = String::with_capacity(compact.len() * 2);
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    let mut chars = compact.chars().peekable();
    let newline = |out: &mut String, depth: usize| {
        out.push('\n');
        for _ in 0..depth {
            out.push_str("  ");
        }
    };
    while let Some(c) = chars.next() {
        if in_string {
            out.push(c);
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => {
                in_string = true;
                out.push(c);
            }
            '{' | '[' => {
                out.push(c);
                if matches!(chars.peek(), Some('}' | ']')) {
                    out.extend(chars.next());
                } else {
                    depth += 1;
                    newline(&mut out, depth);
                }
            }
            '}' | ']' => {
                depth = depth.saturating_sub(1);
                newline(&mut out, depth);
                out.push(c);
            }
            ',' => {
                out.push(c);
                newline(&mut out, depth);
            }
            ':' => out.push_str(": "),
            _ => out.push(c),
        }
    }
    out
}

fn to_compact<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "null".to_owned())
}

/// Parses JSON text; errors carry line and column. Nesting deeper than 128
/// levels is refused by the parser itself.
pub fn parse_json(text: &str) -> Result<Value, LoadError> {
    if text.trim().is_empty() {
        return Err(LoadError::Empty);
    }
    serde_json::from_str::<Value>(text).map_err(|e| {
        let full = e.to_string();
        let message = match full.rfind(" at line ") {
            Some(at) => full[..at].to_owned(),
            None => full,
        };
        let message = if message.contains("recursion limit exceeded") {
            "it is nested too deeply (more than 128 levels)".to_owned()
        } else {
            message
        };
        LoadError::Syntax {
            line: e.line(),
            column: e.column(),
            message,
        }
    })
}

/// What kind of RACE Planner document a JSON value is.
#[derive(Debug, Clone, PartialEq)]
pub enum Document {
    /// A plan file or a bare plan object: the plan value, with its
    /// `schema_version` set from the envelope when there is one.
    Plan(Value),
    /// A backup: its data version and the plan values, each with
    /// `schema_version` set from the envelope.
    Backup {
        /// The backup's data version.
        schema_version: u32,
        /// The plans, not yet read.
        plans: Vec<Value>,
    },
}

/// Tells a plan file, a backup file and a bare plan object apart.
///
/// A bare plan object is recognised by its `schema_version` and `id`; anything
/// else without a RACE Planner `format` is [`LoadError::NotAPlanFile`].
pub fn classify(value: Value) -> Result<Document, LoadError> {
    let Value::Object(mut map) = value else {
        return Err(LoadError::NotAPlanFile);
    };
    let format = map.get("format").cloned();
    match format {
        Some(Value::String(f)) if f == PLAN_FORMAT => {
            let version = version_in(&map)?;
            if version > SCHEMA_VERSION {
                return Err(LoadError::NewerVersion {
                    found: version,
                    supported: SCHEMA_VERSION,
                });
            }
            match map.remove("plan") {
                Some(Value::Object(mut plan)) => {
                    plan.insert("schema_version".to_owned(), Value::from(version));
                    Ok(Document::Plan(Value::Object(plan)))
                }
                Some(_) => Err(LoadError::Shape {
                    path: "plan".to_owned(),
                    message: "should be an object".to_owned(),
                }),
                None => Err(LoadError::Shape {
                    path: "plan".to_owned(),
                    message: "is missing".to_owned(),
                }),
            }
        }
        Some(Value::String(f)) if f == BACKUP_FORMAT => {
            let version = version_in(&map)?;
            if version > SCHEMA_VERSION {
                return Err(LoadError::NewerVersion {
                    found: version,
                    supported: SCHEMA_VERSION,
                });
            }
            match map.remove("plans") {
                Some(Value::Array(plans)) => {
                    let plans = plans
                        .into_iter()
                        .map(|plan| match plan {
                            Value::Object(mut p) => {
                                p.insert("schema_version".to_owned(), Value::from(version));
                                Value::Object(p)
                            }
                            other => other,
                        })
                        .collect();
                    Ok(Document::Backup {
                        schema_version: version,
                        plans,
                    })
                }
                Some(_) => Err(LoadError::Shape {
                    path: "plans".to_owned(),
                    message: "should be a list".to_owned(),
                }),
                None => Err(LoadError::Shape {
                    path: "plans".to_owned(),
                    message: "is missing".to_owned(),
                }),
            }
        }
        Some(_) => Err(LoadError::NotAPlanFile),
        None if map.contains_key("schema_version") && map.contains_key("id") => {
            Ok(Document::Plan(Value::Object(map)))
        }
        None => Err(LoadError::NotAPlanFile),
    }
}

/// Reads a plan stored in the layout storage writes (`to_storage_json`) in the current
/// version, valid, at once: without first building the JSON tree the migrations work on.
/// `None` for anything else (another layout or version, damaged or invalid text).
pub fn read_current_plan_text(text: &str) -> Option<Plan> {
    if !text.starts_with("{\"schema_version\":") {
        return None;
    }
    let plan = serde_json::from_str::<Plan>(text).ok()?;
    (plan.schema_version == SCHEMA_VERSION && plan.validate().is_empty()).then_some(plan)
}

/// Reads one plan document: JSON text of a stored plan, a plan file or a bare
/// plan, migrated to the current version and validated.
pub fn read_plan_text(text: &str) -> Result<(Plan, MigrationReport), LoadError> {
    // Anything the quick reading does not accept takes the full way, which explains errors.
    if let Some(plan) = read_current_plan_text(text) {
        return Ok((plan, MigrationReport::current()));
    }
    match classify(parse_json(text)?)? {
        Document::Plan(value) => migrate(value),
        Document::Backup { .. } => Err(LoadError::NotAPlanFile),
    }
}

/// Milliseconds since the Unix epoch as an ISO 8601 UTC time,
/// `2026-11-23T18:45:00Z` (whole seconds).
pub fn iso_utc(ms: i64) -> String {
    let secs = ms.div_euclid(1000);
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let (year, month, day) = civil_from_days(days);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        (rem % 3600) / 60,
        rem % 60
    )
}

/// Year, month, day of a count of days since 1970-01-01 (proleptic Gregorian).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}
