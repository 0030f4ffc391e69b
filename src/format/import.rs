//! Importing a plan file or a backup file chosen by the user.
//!
//! Checks, in order: the size (before anything is read), the text encoding, the
//! JSON syntax (nesting depth included), which kind of file it is, the data
//! version, the shape of each plan and every value in it. A plan whose id is
//! already taken (or is not a safe id) gets a new one, so an import never
//! replaces a plan; the notes say which.

use std::collections::HashSet;

use serde_json::Value;

use super::document::{classify, parse_json, Document};
use super::error::{ImportError, LoadError, PlanProblem};
use super::migrate::{migrate, MigrationReport};
use crate::domain::plan::Plan;

/// The largest file that can be imported: 10 MB (10,000,000 bytes). Larger
/// files are refused before they are read.
pub const MAX_IMPORT_BYTES: usize = 10_000_000;

/// The longest text one field of an imported file may hold, in characters: a plan's
/// name, a note, a reason. Longer texts are refused, naming the field.
pub const MAX_TEXT_CHARS: usize = 10_000;

/// The most items one list of an imported file may hold (actuals, actions...).
pub const MAX_LIST_ITEMS: usize = 100_000;

/// The longest plan id kept on import; longer ids are replaced.
pub const MAX_ID_LEN: usize = 64;

/// Which kind of file was imported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// A plan file (or a bare plan object).
    Plan,
    /// A backup holding several plans.
    Backup,
}

/// One plan read from an import, ready to be saved as a new plan (revision 0).
#[derive(Debug, Clone)]
pub struct ImportedPlan {
    /// The plan, valid, with a free id.
    pub plan: Plan,
    /// The id it had in the file when it had to be given a new one.
    pub original_id: Option<String>,
    /// From which data version it was migrated.
    pub report: MigrationReport,
}

/// What an import read.
#[derive(Debug, Clone)]
pub struct ImportResult {
    /// A plan file or a backup.
    pub kind: FileKind,
    /// The plans that can be added, in file order.
    pub plans: Vec<ImportedPlan>,
    /// Plans of a backup that could not be imported, with the reason.
    pub skipped: Vec<PlanProblem>,
    /// Sentences for the user about what was changed on the way in.
    pub notes: Vec<String>,
}

/// Whether `id` is safe as a plan id (and in a storage key): 1 to
/// [`MAX_ID_LEN`] letters, digits, `-` or `_`.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= MAX_ID_LEN
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// Decodes the bytes of a file as text: UTF-8 with or without a byte order
/// mark, or UTF-16 with one.
pub fn decode_text(bytes: &[u8]) -> Result<String, LoadError> {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return String::from_utf8(rest.to_vec()).map_err(|_| LoadError::NotText);
    }
    let utf16 = |rest: &[u8], little: bool| -> Result<String, LoadError> {
        if !rest.len().is_multiple_of(2) {
            return Err(LoadError::NotText);
        }
        let units = rest.chunks_exact(2).map(|pair| {
            if little {
                u16::from_le_bytes([pair[0], pair[1]])
            } else {
                u16::from_be_bytes([pair[0], pair[1]])
            }
        });
        char::decode_utf16(units)
            .collect::<Result<String, _>>()
            .map_err(|_| LoadError::NotText)
    };
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return utf16(rest, true);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return utf16(rest, false);
    }
    String::from_utf8(bytes.to_vec()).map_err(|_| LoadError::NotText)
}

/// Refuses a file with a text longer than [`MAX_TEXT_CHARS`] or a list longer than
/// [`MAX_LIST_ITEMS`], naming the first such field (like `plan.name`), before
/// anything of it is kept: such a file would fill the browser's storage and slow every
/// screen that shows it.
fn check_limits(value: &Value, path: &mut String) -> Result<(), LoadError> {
    let refuse = |path: &str, message: String| LoadError::Shape {
        path: path.to_string(),
        message,
    };
    match value {
        Value::String(text) => {
            let chars = text.chars().count();
            if chars > MAX_TEXT_CHARS {
                return Err(refuse(
                    path,
                    format!("is {chars} characters long; a text may have at most {MAX_TEXT_CHARS}"),
                ));
            }
        }
        Value::Array(items) => {
            if items.len() > MAX_LIST_ITEMS {
                return Err(refuse(
                    path,
                    format!(
                        "has {} items; a list may have at most {MAX_LIST_ITEMS}",
                        items.len()
                    ),
                ));
            }
            for (i, item) in items.iter().enumerate() {
                let len = path.len();
                path.push_str(&format!("[{i}]"));
                check_limits(item, path)?;
                path.truncate(len);
            }
        }
        Value::Object(fields) => {
            for (key, item) in fields {
                let len = path.len();
                if len > 0 {
                    path.push('.');
                }
                path.push_str(key.get(..64).unwrap_or(key));
                if key.len() > MAX_TEXT_CHARS {
                    return Err(refuse(
                        path,
                        "is a field name too long to be a plan's".into(),
                    ));
                }
                check_limits(item, path)?;
                path.truncate(len);
            }
        }
        _ => {}
    }
    Ok(())
}

/// Reads an imported file.
///
/// `existing_ids` are the ids of the plans already stored; `new_id` makes a
/// fresh id when a plan's id is taken (by a stored plan or an earlier plan of
/// the same file) or unsafe. Every returned plan is valid and has revision 0,
/// ready to be saved as a new plan. A single-plan file with errors fails as a
/// whole; a backup skips (and reports) the plans with errors and fails only
/// when none is usable.
pub fn import_file(
    bytes: &[u8],
    existing_ids: &HashSet<String>,
    mut new_id: impl FnMut() -> String,
) -> Result<ImportResult, ImportError> {
    if bytes.len() > MAX_IMPORT_BYTES {
        return Err(LoadError::TooLarge {
            bytes: bytes.len(),
            limit: MAX_IMPORT_BYTES,
        }
        .into());
    }
    let text = decode_text(bytes)?;
    let value = parse_json(&text)?;
    check_limits(&value, &mut String::new())?;
    let document = classify(value)?;
    let mut taken: HashSet<String> = existing_ids.clone();
    let mut notes = Vec::new();
    let mut fresh_id = |taken: &HashSet<String>| {
        for _ in 0..100 {
            let id = new_id();
            if is_valid_id(&id) && !taken.contains(&id) {
                return id;
            }
        }
        // The id source keeps repeating itself: count up instead of looping forever.
        (1..)
            .map(|n: u64| format!("imported-{n}"))
            .find(|id| !taken.contains(id))
            .unwrap_or_default()
    };
    let mut admit = |plan: Plan,
                     report: MigrationReport,
                     taken: &mut HashSet<String>,
                     notes: &mut Vec<String>| {
        let mut plan = plan;
        plan.revision = 0;
        let mut original_id = None;
        if !is_valid_id(&plan.id) {
            original_id = Some(plan.id.clone());
            plan.id = fresh_id(taken);
            notes.push(format!(
                "Plan \u{201c}{}\u{201d} had an id that cannot be used and was given a new one.",
                plan.name
            ));
        } else if taken.contains(&plan.id) {
            original_id = Some(plan.id.clone());
            plan.id = fresh_id(taken);
            notes.push(format!(
                "Plan \u{201c}{}\u{201d} had the same id as an existing plan and was given a new one, so nothing was replaced.",
                plan.name
            ));
        }
        if report.migrated() {
            notes.push(format!(
                "Plan \u{201c}{}\u{201d} was updated from data version {} to {}.",
                plan.name, report.from_version, report.to_version
            ));
        }
        taken.insert(plan.id.clone());
        ImportedPlan {
            plan,
            original_id,
            report,
        }
    };
    match document {
        Document::Plan(value) => {
            let (plan, report) = migrate(value)?;
            let imported = admit(plan, report, &mut taken, &mut notes);
            Ok(ImportResult {
                kind: FileKind::Plan,
                plans: vec![imported],
                skipped: Vec::new(),
                notes,
            })
        }
        Document::Backup { plans: values, .. } => {
            let total = values.len();
            let mut plans = Vec::new();
            let mut skipped = Vec::new();
            for (index, value) in values.into_iter().enumerate() {
                let name = value.get("name").and_then(Value::as_str).map(str::to_owned);
                let result = if value.is_object() {
                    migrate(value)
                } else {
                    Err(LoadError::Shape {
                        path: String::new(),
                        message: "should be an object".to_owned(),
                    })
                };
                match result {
                    Ok((plan, report)) => plans.push(admit(plan, report, &mut taken, &mut notes)),
                    Err(error) => skipped.push(PlanProblem { index, name, error }),
                }
            }
            if total > 0 && plans.is_empty() {
                return Err(ImportError::NoUsablePlans(skipped));
            }
            if total == 0 {
                notes.push("The backup holds no plans.".to_owned());
            }
            if !skipped.is_empty() {
                notes.push(format!(
                    "{} of {} plans in the backup have errors and were not imported.",
                    skipped.len(),
                    total
                ));
            }
            Ok(ImportResult {
                kind: FileKind::Backup,
                plans,
                skipped,
                notes,
            })
        }
    }
}
