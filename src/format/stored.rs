//! The documents kept in browser storage besides the plans themselves: the
//! index of plans, recovery entries and the app's notes about
//! backups. Each carries `schema_version` like every stored document.
//!
//! These are plain data with their JSON forms; the storage module only moves
//! their text in and out of localStorage.

use crate::domain::sort::sort_by;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::error::LoadError;
use super::rules::BackupState;
use crate::domain::plan::{Plan, SCHEMA_VERSION};

/// Version of the index, recovery and meta documents.
pub const STORED_DOC_VERSION: u32 = 1;

/// One plan as listed in the index: enough to show the list of plans without
/// reading each plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndexEntry {
    /// The plan's id.
    pub id: String,
    /// The plan's name.
    pub name: String,
    /// When the plan last changed (ms since the epoch).
    pub updated_at: i64,
    /// The stored revision.
    pub revision: u64,
    /// The data version the plan is stored in.
    pub schema_version: u32,
}

impl IndexEntry {
    /// The index entry of a stored plan.
    pub fn of(plan: &Plan) -> Self {
        Self {
            id: plan.id.clone(),
            name: plan.name.clone(),
            updated_at: plan.updated_at,
            revision: plan.revision,
            schema_version: SCHEMA_VERSION,
        }
    }
}

/// The list of stored plans. It is a cache: the plan keys are the truth, and
/// the index is rebuilt from them when it is missing or damaged.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Index {
    /// Version of this document.
    pub schema_version: u32,
    /// One entry per stored plan, most recently changed first.
    pub plans: Vec<IndexEntry>,
}

impl Index {
    /// An index listing `entries`, most recently changed first.
    pub fn new(mut entries: Vec<IndexEntry>) -> Self {
        sort_by(&mut entries, |a, b| {
            b.updated_at.cmp(&a.updated_at).then(a.id.cmp(&b.id))
        });
        Self {
            schema_version: STORED_DOC_VERSION,
            plans: entries,
        }
    }

    /// Reads an index; `None` when the text is damaged (the caller rebuilds it).
    pub fn from_json(text: &str) -> Option<Self> {
        serde_json::from_str(text).ok()
    }

    /// Compact JSON of the index.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| "null".to_owned())
    }

    /// The entry of plan `id`.
    pub fn get(&self, id: &str) -> Option<&IndexEntry> {
        self.plans.iter().find(|e| e.id == id)
    }

    /// This index with `entry` added or replacing the entry of the same id.
    pub fn with(&self, entry: IndexEntry) -> Self {
        let mut entries: Vec<IndexEntry> = self
            .plans
            .iter()
            .filter(|e| e.id != entry.id)
            .cloned()
            .collect();
        entries.push(entry);
        Self::new(entries)
    }

    /// This index without plan `id`.
    pub fn without(&self, id: &str) -> Self {
        Self::new(self.plans.iter().filter(|e| e.id != id).cloned().collect())
    }
}

/// A damaged plan kept aside under a recovery key: the text exactly as it was
/// stored, so that the user can download it and nothing is lost.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecoveryDoc {
    /// The `format` of a recovery document ([`RECOVERY_FORMAT`]).
    pub format: String,
    /// Version of this document.
    pub schema_version: u32,
    /// The id of the damaged plan (from its key).
    pub id: String,
    /// The plan's name, when the index or the damaged text still told it.
    pub name: Option<String>,
    /// When it was moved aside (ms since the epoch).
    pub moved_at: i64,
    /// Why it could not be read, in words for the user.
    pub error: String,
    /// The stored text, exactly as it was.
    pub raw: String,
}

/// The `format` of a recovery document.
pub const RECOVERY_FORMAT: &str = "race-planner/recovery";

impl RecoveryDoc {
    /// A recovery document for the damaged text `raw` of plan `id`.
    pub fn new(
        id: &str,
        name: Option<String>,
        moved_at: i64,
        error: &LoadError,
        raw: &str,
    ) -> Self {
        Self {
            format: RECOVERY_FORMAT.to_owned(),
            schema_version: STORED_DOC_VERSION,
            id: id.to_owned(),
            name,
            moved_at,
            error: error.to_string(),
            raw: raw.to_owned(),
        }
    }

    /// Compact JSON of the document.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| "null".to_owned())
    }

    /// Reads a recovery document. `None` when the text is not one (then the text
    /// itself is what was kept).
    pub fn from_json(text: &str) -> Option<Self> {
        serde_json::from_str::<Self>(text)
            .ok()
            .filter(|doc| doc.format == RECOVERY_FORMAT)
    }
}

/// The app's notes kept beside the plans (for now: backups and exports).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meta {
    /// Version of this document.
    #[serde(default)]
    pub schema_version: u32,
    /// Exports and unexported changes, for the backup reminder.
    #[serde(default)]
    pub backup: BackupState,
}

impl Meta {
    /// Reads the meta document; a damaged one reads as empty (it holds no user
    /// data, only reminders).
    pub fn from_json(text: &str) -> Self {
        serde_json::from_str(text).unwrap_or_default()
    }

    /// Compact JSON of the document.
    pub fn to_json(&self) -> String {
        let doc = Meta {
            schema_version: STORED_DOC_VERSION,
            backup: self.backup,
        };
        serde_json::to_string(&doc).unwrap_or_else(|_| "null".to_owned())
    }
}

/// The best guess at a damaged plan's name from its text, if it is JSON with a
/// text `name` (or a plan envelope around one).
pub fn name_in_damaged_text(text: &str) -> Option<String> {
    let value: Value = serde_json::from_str(text).ok()?;
    let name = value
        .get("name")
        .or_else(|| value.get("plan").and_then(|p| p.get("name")))?;
    name.as_str().map(str::to_owned)
}
