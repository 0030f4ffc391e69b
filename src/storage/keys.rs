//! The layout of keys in localStorage. Every key starts with [`PREFIX`], so the
//! app shares its origin's storage with other sites safely: it reads, counts and
//! removes only its own keys.
//!
//! | key | holds |
//! |---|---|
//! | `race-planner:index` | the list of plans (id, name, last change, revision, version) |
//! | `race-planner:plan:<id>` | one plan, compact JSON with `schema_version` |
//! | `race-planner:glance:<id>` | what the first load shows of that plan (`format::stored::Glance`) |
//! | `race-planner:trash:<id>:<ms>` | a deleted plan's text as it was stored, deleted at `<ms>` |
//! | `race-planner:recovery:<id>:<ms>` | a damaged plan's text, kept aside |
//! | `race-planner:meta` | exports and the backup reminder |
//! | `race-planner:theme` | the colour theme picked (absent: follow the system) |

/// The start of every key the app owns.
pub const PREFIX: &str = "race-planner:";
/// The key of the index of plans.
pub const INDEX_KEY: &str = "race-planner:index";
/// The key of the app's notes (backups).
pub const META_KEY: &str = "race-planner:meta";
/// The key of the colour theme the user picked.
pub const THEME_KEY: &str = "race-planner:theme";

const PLAN_PREFIX: &str = "race-planner:plan:";
const GLANCE_PREFIX: &str = "race-planner:glance:";
const TRASH_PREFIX: &str = "race-planner:trash:";
const RECOVERY_PREFIX: &str = "race-planner:recovery:";

/// The key of plan `id`.
pub fn plan_key(id: &str) -> String {
    format!("{PLAN_PREFIX}{id}")
}

/// The key of the glance of plan `id` (what the first load shows of it).
pub fn glance_key(id: &str) -> String {
    format!("{GLANCE_PREFIX}{id}")
}

/// The key of plan `id` in the trash, deleted at `deleted_at_ms`. The time is
/// in the key so that the trash copy is the plan's text unchanged: it needs no
/// more room than the plan had, which matters when the storage is full.
pub fn trash_key(id: &str, deleted_at_ms: i64) -> String {
    format!("{TRASH_PREFIX}{id}:{deleted_at_ms}")
}

/// The key under which the damaged text of plan `id` is kept from `at_ms`.
pub fn recovery_key(id: &str, at_ms: i64) -> String {
    format!("{RECOVERY_PREFIX}{id}:{at_ms}")
}

/// What one of the app's keys holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyKind {
    /// The index.
    Index,
    /// The meta document.
    Meta,
    /// A plan, with its id.
    Plan(String),
    /// A plan's glance, with the plan's id.
    Glance(String),
    /// A trash entry: the plan's id and when it was deleted.
    Trash {
        /// The plan's id.
        id: String,
        /// When it was deleted (ms since the epoch); `None` if the key is not
        /// one the app wrote.
        deleted_at: Option<i64>,
    },
    /// A recovery entry, with the plan id part of its key.
    Recovery(String),
    /// Some other key under the prefix (left alone).
    Other,
}

/// What `key` holds; `None` when it is not one of the app's keys.
pub fn classify_key(key: &str) -> Option<KeyKind> {
    if !key.starts_with(PREFIX) {
        return None;
    }
    Some(if key == INDEX_KEY {
        KeyKind::Index
    } else if key == META_KEY {
        KeyKind::Meta
    } else if let Some(id) = key.strip_prefix(PLAN_PREFIX) {
        KeyKind::Plan(id.to_owned())
    } else if let Some(id) = key.strip_prefix(GLANCE_PREFIX) {
        KeyKind::Glance(id.to_owned())
    } else if let Some(id) = key.strip_prefix(TRASH_PREFIX) {
        match rest_split_time(id) {
            Some((id, at)) => KeyKind::Trash {
                id: id.to_owned(),
                deleted_at: Some(at),
            },
            None => KeyKind::Trash {
                id: id.to_owned(),
                deleted_at: None,
            },
        }
    } else if let Some(rest) = key.strip_prefix(RECOVERY_PREFIX) {
        let id = rest.rsplit_once(':').map_or(rest, |(id, _)| id);
        KeyKind::Recovery(id.to_owned())
    } else {
        KeyKind::Other
    })
}

/// Splits `"<id>:<ms>"` into the id and the time.
fn rest_split_time(rest: &str) -> Option<(&str, i64)> {
    let (id, at) = rest.rsplit_once(':')?;
    Some((id, at.parse().ok()?))
}
