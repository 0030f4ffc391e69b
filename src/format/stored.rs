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
    /// The [`fingerprint`] of the text the app stored the plan as; empty when unknown.
    /// A stored text changed by anything else (damaged, written by another version) no
    /// longer matches it.
    #[serde(default)]
    pub text: String,
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
            text: String::new(),
        }
    }

    /// The same entry for the plan stored as `text` by the app.
    pub fn stored_as(self, text: &str) -> Self {
        Self {
            text: fingerprint(text),
            ..self
        }
    }

    /// Whether `text` is the text the app stored the plan as.
    pub fn is_stored_as(&self, text: &str) -> bool {
        !self.text.is_empty() && self.text == fingerprint(text)
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

/// The most a glance may hold (UTF-8 bytes of its text): a larger one is not read.
pub const MAX_GLANCE_BYTES: usize = 2_000_000;

/// A short fingerprint of a stored text: its length and its 64-bit FNV-1a hash, enough
/// to tell that the text changed since the app stored it.
pub fn fingerprint(text: &str) -> String {
    let hash = text.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    });
    format!("{}:{hash:016x}", text.len())
}

/// Markup the Overview never draws: elements that load, run, restyle or send.
const FOREIGN_MARKUP: [&str; 13] = [
    "<script",
    "<iframe",
    "<object",
    "<embed",
    "<meta",
    "<base",
    "<link",
    "<style",
    "<form",
    "<img",
    "<input",
    "javascript:",
    "style=",
];

/// Whether `html` holds markup the Overview never draws: [`FOREIGN_MARKUP`], or an inline
/// event handler (an attribute `on…=`).
fn foreign_markup(html: &str) -> bool {
    let lower = html.to_ascii_lowercase();
    if FOREIGN_MARKUP.iter().any(|m| lower.contains(m)) {
        return true;
    }
    lower.match_indices(" on").any(|(at, _)| {
        let rest = &lower[at + 3..];
        let name = rest.bytes().take_while(u8::is_ascii_lowercase).count();
        name > 0 && rest[name..].trim_start().starts_with('=')
    })
}

/// What the first load shows of a stored plan without reading the plan itself: Home's
/// line about it and its Overview as the whole app last drew it. The whole app writes it
/// beside the plan (`race-planner:glance:<id>`) whenever it stores the plan or draws its
/// Overview; it is a copy of what was shown, never the only copy of anything, and one
/// that no longer [describes](Glance::describes) the stored plan is not used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Glance {
    /// Version of this document.
    pub schema_version: u32,
    /// The stored revision of the plan it was made from.
    pub revision: u64,
    /// The build of the whole app that made it: another build may compute or draw
    /// differently.
    pub build: String,
    /// The plan's locale, for the date of its last change on Home.
    pub locale: String,
    /// Home's line about the plan.
    pub status: String,
    /// The Overview as drawn, once it has been drawn at this revision.
    pub overview: Option<DrawnOverview>,
}

/// The Overview's markup as the whole app drew it, and the days its figures hold for:
/// the Overview judges the month of the day it is drawn on, paced to that day once the
/// month has actuals.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DrawnOverview {
    /// The markup inside the Overview's element.
    pub html: String,
    /// The day it was drawn (YYYY-MM-DD).
    pub from: String,
    /// The last day its figures stay the same (YYYY-MM-DD).
    pub until: String,
}

impl Glance {
    /// Reads a glance; `None` when the text is too long, damaged or of another version.
    pub fn from_json(text: &str) -> Option<Self> {
        if text.len() > MAX_GLANCE_BYTES {
            return None;
        }
        serde_json::from_str::<Self>(text)
            .ok()
            .filter(|g| g.schema_version == STORED_DOC_VERSION)
    }

    /// Compact JSON of the glance.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| "null".to_owned())
    }

    /// Whether it was made from the plan stored at `revision` by the whole app of `build`.
    pub fn describes(&self, revision: u64, build: &str) -> bool {
        self.revision == revision && self.build == build
    }

    /// The Overview's markup, if it was drawn, its figures hold on `today` (YYYY-MM-DD)
    /// and it holds only what the Overview draws: storage is shared with every page of
    /// the site, so markup that could load, run or send anything is refused.
    pub fn overview_on(&self, today: &str) -> Option<&str> {
        let o = self.overview.as_ref()?;
        if foreign_markup(&o.html) {
            return None;
        }
        let day = |d: &str| d.len() == 10 && d.as_bytes()[4] == b'-' && d.as_bytes()[7] == b'-';
        (day(today)
            && day(&o.from)
            && day(&o.until)
            && o.from.as_str() <= today
            && today <= o.until.as_str())
        .then_some(o.html.as_str())
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
