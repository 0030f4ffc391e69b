//! Plans in localStorage: load, save, trash, recovery, backups and usage.
//!
//! Rules kept by every function here:
//! - a write is checked by reading it back, and the index is updated only after
//!   the plan itself is safely stored; when anything fails the previous state is
//!   put back, so nothing is ever half-written;
//! - damaged data is never overwritten or dropped: it is moved aside under a
//!   recovery key (copied, read back, and only then removed from its place);
//! - data from a newer version of the app is never overwritten;
//! - the index is a cache rebuilt from the plan keys whenever it disagrees.

use crate::domain::sort::{sort_by, sort_by_key};
use std::collections::HashSet;

use crate::domain::plan::{FieldError, Plan, SCHEMA_VERSION};
use crate::format::conflict::{decide_save, resolve, same_content, Resolution, SaveDecision};
use crate::format::document::{parse_json, read_plan_text, to_storage_json};
use crate::format::import::is_valid_id;
use crate::format::migrate::read_newer_for_display;
use crate::format::rules::{oldest_unexported_change, trash_days_left, trash_expired};
use crate::format::stored::{
    name_in_damaged_text, Glance, Index, IndexEntry, Meta, RecoveryDoc, STORED_DOC_VERSION,
};
use crate::format::LoadError;

use super::browser::{new_id, now_ms};
use super::error::StorageError;
use super::keys::{
    classify_key, glance_key, plan_key, recovery_key, trash_key, KeyKind, INDEX_KEY, META_KEY,
};
use super::store::{utf16_len, Store};

/// A plan as loaded from storage.
#[derive(Debug, Clone)]
pub struct StoredPlan {
    /// The plan, with the revision it is stored at (the base revision for the
    /// next [`save`]).
    pub plan: Plan,
    /// Saved by a newer version of the app: show it, but never save it.
    pub read_only: bool,
    /// Something the user should know about this plan (it was updated from an
    /// older version, or is read-only and why).
    pub notice: Option<String>,
}

/// A plan saved by a newer version of the app that this version cannot even
/// show; it stays stored untouched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewerPlan {
    /// The plan's id.
    pub id: String,
    /// Its name, when known.
    pub name: Option<String>,
    /// The data version found.
    pub found: u32,
    /// The newest data version this app reads.
    pub supported: u32,
}

/// A damaged plan kept aside (or, when even that failed, left in place).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecoveryEntry {
    /// The plan's id.
    pub id: String,
    /// Its name, when the index or the damaged text still told it.
    pub name: Option<String>,
    /// Where the text is kept: a recovery key, or the plan's own key when it
    /// could not be moved.
    pub key: String,
    /// The stored text, exactly as it was: offer it as a download.
    pub raw_text: String,
    /// What is wrong with it, in words for the user.
    pub error: String,
    /// When it was moved aside (ms since the epoch); `None` when it could not be.
    pub moved_at: Option<i64>,
}

impl RecoveryEntry {
    /// A file name for downloading the damaged text.
    pub fn file_name(&self) -> String {
        let id: String = self
            .id
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
            .take(64)
            .collect();
        format!("race-planner-damaged-{id}.json.txt")
    }
}

/// Everything [`load_all`] found.
#[derive(Debug, Clone, Default)]
pub struct LoadAll {
    /// The plans that can be shown, most recently changed first.
    pub plans: Vec<StoredPlan>,
    /// Damaged plans, kept aside (found now or earlier and not yet discarded).
    pub recovered: Vec<RecoveryEntry>,
    /// Plans from a newer version that cannot be shown at all.
    pub newer: Vec<NewerPlan>,
}

/// A deleted plan in the trash.
#[derive(Debug, Clone)]
pub struct TrashItem {
    /// The key to pass to [`restore_from_trash`].
    pub key: String,
    /// The deleted plan.
    pub plan: Plan,
    /// When it was deleted (ms since the epoch).
    pub deleted_at: i64,
    /// Whole days before it is removed for good.
    pub days_left: i64,
}

/// How much of the browser's storage the app uses.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StorageUsage {
    /// Characters used by the app's own keys and values.
    pub used_chars: u64,
    /// Characters used by other apps of the same site (same origin).
    pub others_chars: u64,
    /// About how many characters the browser allows for the whole site.
    pub quota_chars: u64,
}

impl StorageUsage {
    /// The app's share of the quota, from 0 to 1.
    pub fn used_fraction(&self) -> f64 {
        if self.quota_chars == 0 {
            return 0.0;
        }
        (self.used_chars as f64 / self.quota_chars as f64).clamp(0.0, 1.0)
    }

    /// Characters still free for the whole site.
    pub fn free_chars(&self) -> u64 {
        self.quota_chars
            .saturating_sub(self.used_chars.saturating_add(self.others_chars))
    }
}

/// About how many characters (UTF-16 code units, keys plus values) browsers let a
/// site keep in localStorage: 5.2 million in Chromium, about 5 million in others.
pub const APPROX_QUOTA_CHARS: u64 = 5_200_000;

// ---------------------------------------------------------------------------
// Loading

/// Loads every stored plan.
///
/// Old versions are migrated and written back in the current version (the
/// original stays until the new copy is stored and read back; if it cannot be
/// written the plan still opens, and is written at its next save). Plans from a
/// newer version are left untouched and come back read-only. Damaged plans are
/// moved aside to recovery keys; every other plan loads normally. The index is
/// rebuilt when it disagrees with the plans.
pub fn load_all() -> Result<LoadAll, StorageError> {
    let store = Store::open()?;
    let now = now_ms();
    let index: Option<Index> = store.get_doc(INDEX_KEY);
    let known_name = |id: &str| {
        index
            .as_ref()
            .and_then(|i| i.get(id))
            .map(|e| e.name.clone())
    };
    let mut out = LoadAll::default();
    let mut entries = Vec::new();
    let keys = store.own_keys()?;
    for key in &keys {
        let Some(KeyKind::Plan(id)) = classify_key(key) else {
            continue;
        };
        let Some(raw) = store.get(key)? else {
            continue;
        };
        match read_plan_text(&raw) {
            Ok((mut plan, report)) => {
                // The key is the truth about the id.
                plan.id = id.clone();
                let mut notice = None;
                let mut entry = IndexEntry::of(&plan).stored_as(&raw);
                if report.migrated() {
                    let text = to_storage_json(&plan);
                    notice = Some(match store.set_verified(key, &text, Some(&raw)) {
                        Ok(()) => {
                            entry = entry.stored_as(&text);
                            format!(
                                "Updated from data version {} to {}.",
                                report.from_version, report.to_version
                            )
                        }
                        Err(_) => {
                            entry = IndexEntry::of(&plan);
                            format!(
                                "Updated from data version {} to {}; it will be stored in the \
                                 new version at the next save.",
                                report.from_version, report.to_version
                            )
                        }
                    });
                }
                entries.push(entry);
                out.plans.push(StoredPlan {
                    plan,
                    read_only: false,
                    notice,
                });
            }
            Err(LoadError::NewerVersion { found, supported }) => {
                let shown = parse_json(&raw)
                    .ok()
                    .and_then(|value| read_newer_for_display(&value));
                let name = shown
                    .as_ref()
                    .map(|p| p.name.clone())
                    .or_else(|| known_name(&id))
                    .or_else(|| name_in_damaged_text(&raw));
                entries.push(IndexEntry {
                    id: id.clone(),
                    name: name.clone().unwrap_or_default(),
                    updated_at: shown.as_ref().map_or(0, |p| p.updated_at),
                    revision: shown.as_ref().map_or(0, |p| p.revision),
                    schema_version: found,
                    text: String::new(),
                });
                match shown {
                    Some(mut plan) => {
                        plan.id = id.clone();
                        out.plans.push(StoredPlan {
                            plan,
                            read_only: true,
                            notice: Some(LoadError::NewerVersion { found, supported }.to_string()),
                        });
                    }
                    None => out.newer.push(NewerPlan {
                        id: id.clone(),
                        name,
                        found,
                        supported,
                    }),
                }
            }
            Err(error) => {
                let name = known_name(&id).or_else(|| name_in_damaged_text(&raw));
                let entry = move_aside(&store, &id, name, &raw, &error, now);
                if entry.moved_at.is_none() {
                    // Still under its plan key: keep it listed so it is not forgotten.
                    entries.push(IndexEntry {
                        id: id.clone(),
                        name: entry.name.clone().unwrap_or_default(),
                        updated_at: 0,
                        revision: 0,
                        schema_version: SCHEMA_VERSION,
                        text: String::new(),
                    });
                }
                out.recovered.push(entry);
            }
        }
    }
    // Entries moved aside in earlier sessions.
    let fresh: HashSet<String> = out.recovered.iter().map(|r| r.key.clone()).collect();
    for entry in list_recovery_in(&store)? {
        if !fresh.contains(&entry.key) {
            out.recovered.push(entry);
        }
    }
    let rebuilt = Index::new(entries);
    if index.as_ref() != Some(&rebuilt) {
        // The index is a cache: failing to write it loses nothing.
        let _ = store.set_doc(INDEX_KEY, &rebuilt);
    }
    sort_by(&mut out.plans, |a, b| {
        b.plan
            .updated_at
            .cmp(&a.plan.updated_at)
            .then(a.plan.id.cmp(&b.plan.id))
    });
    Ok(out)
}

/// A plan as the first load lists it: its index entry and its glance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Glanced {
    /// The plan's id, name, last change and revision, from the index.
    pub entry: IndexEntry,
    /// What the whole app last showed of it at that revision.
    pub glance: Glance,
}

/// Everything [`load_glances`] found.
#[derive(Debug, Clone, Default)]
pub struct Glances {
    /// The stored plans, as the index lists them, with their glances.
    pub plans: Vec<Glanced>,
    /// Damaged plans kept aside earlier.
    pub recovered: Vec<RecoveryEntry>,
}

/// What the first load (feature `start`) reads: the index of plans and, for each, its
/// glance made by the whole app of `build` at the revision the index lists (never a
/// plan itself), and the plans kept aside earlier; it writes nothing. `None` when that
/// is not enough: a plan without a glance that describes it, a plan the index does not
/// list (or the other way round), a plan stored by another version. [`load_all`], in
/// the whole app, reads those plans and writes what they need. Whether each plan's text
/// is still the one the index describes is [`plans_stored_as_indexed`]: reading every
/// plan is most of the work, so the first load asks it once its page is shown.
pub fn load_glances(build: &str) -> Result<Option<Glances>, StorageError> {
    let store = Store::open()?;
    let mut stored = plan_ids(&store)?;
    let index = match store.get(INDEX_KEY)? {
        Some(text) => match Index::from_json(&text) {
            Some(index) => index,
            None => return Ok(None),
        },
        None if stored.is_empty() => Index::default(),
        None => return Ok(None),
    };
    let mut listed: Vec<String> = index.plans.iter().map(|e| e.id.clone()).collect();
    sort_by(&mut stored, |a, b| a.cmp(b));
    sort_by(&mut listed, |a, b| a.cmp(b));
    if stored != listed {
        return Ok(None);
    }
    let mut plans = Vec::with_capacity(index.plans.len());
    for entry in index.plans {
        if entry.schema_version != SCHEMA_VERSION {
            return Ok(None);
        }
        let glance = store
            .get(&glance_key(&entry.id))?
            .and_then(|g| Glance::from_json(&g))
            .filter(|g| g.describes(entry.revision, build));
        let Some(glance) = glance else {
            return Ok(None);
        };
        plans.push(Glanced { entry, glance });
    }
    Ok(Some(Glances {
        plans,
        recovered: list_recovery_in(&store)?,
    }))
}

/// Whether every plan the index lists is stored with the text the index describes: false
/// when one was changed by anything but the app (damaged, another version) or is gone.
pub fn plans_stored_as_indexed() -> Result<bool, StorageError> {
    let store = Store::open()?;
    let index = match store.get(INDEX_KEY)? {
        Some(text) => match Index::from_json(&text) {
            Some(index) => index,
            None => return Ok(false),
        },
        // No plans yet: nothing to compare.
        None => return Ok(plan_ids(&store)?.is_empty()),
    };
    for entry in &index.plans {
        match store.get(&plan_key(&entry.id))? {
            Some(text) if entry.is_stored_as(&text) => {}
            _ => return Ok(false),
        }
    }
    Ok(true)
}

/// Whether the glance stored for plan `id` describes the plan stored at `revision`, as
/// the whole app of `build` makes it.
pub fn glance_is_current(id: &str, revision: u64, build: &str) -> Result<bool, StorageError> {
    let store = Store::open()?;
    Ok(store
        .get(&glance_key(id))?
        .and_then(|g| Glance::from_json(&g))
        .is_some_and(|g| g.describes(revision, build)))
}

/// Writes the glance of plan `id`. It is a copy of what the whole app showed, so a
/// failure loses nothing; it is written only while the plan is stored, and never in
/// the room a plan needs (see [`save`], which removes glances when storage is full).
pub fn save_glance(id: &str, glance: &Glance) -> Result<(), StorageError> {
    let store = Store::open()?;
    if store.get(&plan_key(id))?.is_none() {
        return Ok(());
    }
    store.set(&glance_key(id), &glance.to_json())
}

/// Removes every glance, to make room for plans; returns how many were removed. The
/// first load then hands over to the whole app, which makes them again.
fn drop_glances(store: &Store) -> usize {
    let Ok(keys) = store.own_keys() else {
        return 0;
    };
    keys.iter()
        .filter(|k| matches!(classify_key(k), Some(KeyKind::Glance(_))))
        .filter(|k| store.remove(k).is_ok())
        .count()
}

/// Loads one plan by id: `Ok(None)` when it is not stored. A damaged plan is
/// moved aside and reported as [`StorageError::Corrupt`]; a newer one comes back
/// read-only.
pub fn load(id: &str) -> Result<Option<StoredPlan>, StorageError> {
    let store = Store::open()?;
    let key = plan_key(id);
    let Some(raw) = store.get(&key)? else {
        return Ok(None);
    };
    match read_plan_text(&raw) {
        Ok((mut plan, report)) => {
            plan.id = id.to_owned();
            let notice = report.migrated().then(|| {
                format!(
                    "Updated from data version {} to {}.",
                    report.from_version, report.to_version
                )
            });
            Ok(Some(StoredPlan {
                plan,
                read_only: false,
                notice,
            }))
        }
        Err(LoadError::NewerVersion { found, supported }) => {
            let shown = parse_json(&raw)
                .ok()
                .and_then(|value| read_newer_for_display(&value));
            match shown {
                Some(mut plan) => {
                    plan.id = id.to_owned();
                    Ok(Some(StoredPlan {
                        plan,
                        read_only: true,
                        notice: Some(LoadError::NewerVersion { found, supported }.to_string()),
                    }))
                }
                None => Err(StorageError::NewerVersion {
                    id: id.to_owned(),
                    found,
                    supported,
                }),
            }
        }
        Err(error) => {
            let name = index_of(&store).get(id).map(|e| e.name.clone());
            move_aside(&store, id, name, &raw, &error, now_ms());
            let _ = remove_from_index(&store, id);
            Err(StorageError::Corrupt {
                id: id.to_owned(),
                error,
            })
        }
    }
}

/// The index of stored plans (rebuilt by [`load_all`] when damaged): the list
/// to show without reading every plan.
pub fn list_plans() -> Result<Vec<IndexEntry>, StorageError> {
    let store = Store::open()?;
    Ok(index_of(&store).plans)
}

/// Moves the damaged text `raw` of plan `id` to a recovery key: copy, read back,
/// then remove the original. When the copy cannot be made the original is left
/// where it is, and the entry says so (`moved_at: None`).
fn move_aside(
    store: &Store,
    id: &str,
    name: Option<String>,
    raw: &str,
    error: &LoadError,
    now: i64,
) -> RecoveryEntry {
    let mut key = recovery_key(id, now);
    let mut n = 0;
    while matches!(store.get(&key), Ok(Some(_))) {
        n += 1;
        key = recovery_key(id, now + n);
    }
    let doc = RecoveryDoc::new(id, name.clone(), now, error, raw);
    let text = doc.to_json();
    let moved =
        store.set_verified(&key, &text, None).is_ok() && store.remove(&plan_key(id)).is_ok();
    if moved {
        RecoveryEntry {
            id: id.to_owned(),
            name,
            key,
            raw_text: raw.to_owned(),
            error: error.to_string(),
            moved_at: Some(now),
        }
    } else {
        // Nothing half-written: drop a copy that may have been made.
        let _ = store.remove(&key);
        RecoveryEntry {
            id: id.to_owned(),
            name,
            key: plan_key(id),
            raw_text: raw.to_owned(),
            error: error.to_string(),
            moved_at: None,
        }
    }
}

// ---------------------------------------------------------------------------
// Saving

/// Saves `plan`, loaded (or last saved) at `base_revision`, and returns its new
/// revision: the base for the next save.
///
/// The plan's own `revision` field is ignored (the domain bumps it on every
/// edit); the stored revision is one more than the stored one. `updated_at` is
/// stored as given (`Plan::touch` sets it on each edit). Saving content equal
/// to what is stored at `base_revision` writes nothing and returns that
/// revision. When another tab
/// saved since `base_revision`, nothing is written and
/// [`StorageError::Conflict`] carries their plan (see [`resolve_conflict`]).
/// A plan that is not valid is refused; a stored plan from a newer version is
/// never overwritten; a damaged stored plan is first moved aside.
///
/// The plan is written, read back and compared, and only then is the index
/// updated; if the index cannot be written the plan's previous text is put back.
/// On [`StorageError::QuotaExceeded`] the stored plan and the index are as they
/// were.
pub fn save(plan: &Plan, base_revision: u64) -> Result<u64, StorageError> {
    check_savable(plan)?;
    let store = Store::open()?;
    let key = plan_key(&plan.id);
    let previous = store.get(&key)?;
    let stored = match &previous {
        None => None,
        Some(raw) => match read_plan_text(raw) {
            Ok((stored, _)) => Some(stored),
            Err(LoadError::NewerVersion { found, supported }) => {
                return Err(StorageError::NewerVersion {
                    id: plan.id.clone(),
                    found,
                    supported,
                })
            }
            Err(error) => {
                let name = index_of(&store).get(&plan.id).map(|e| e.name.clone());
                let entry = move_aside(&store, &plan.id, name, raw, &error, now_ms());
                if entry.moved_at.is_none() {
                    return Err(StorageError::Corrupt {
                        id: plan.id.clone(),
                        error,
                    });
                }
                None
            }
        },
    };
    // After a move aside the key is empty again.
    let previous = if stored.is_none() {
        store.get(&key)?
    } else {
        previous
    };
    match decide_save(base_revision, stored.as_ref(), plan) {
        SaveDecision::Conflict { theirs } => Err(StorageError::Conflict { theirs }),
        SaveDecision::Write => {
            if let Some(stored) = &stored {
                if stored.revision == base_revision && same_content(plan, stored) {
                    // Nothing changed since the last save.
                    return Ok(stored.revision);
                }
            }
            let stored_revision = stored.as_ref().map_or(0, |s| s.revision);
            let revision = stored_revision.max(base_revision).saturating_add(1);
            write_plan(&store, plan, revision, previous.as_deref())?;
            note_change(&store);
            Ok(revision)
        }
    }
}

/// Refuses plans that must not be stored: one shown read-only because a newer
/// version of the app saved it, an unsafe id, a value out of range.
fn check_savable(plan: &Plan) -> Result<(), StorageError> {
    if plan.schema_version > SCHEMA_VERSION {
        return Err(StorageError::NewerVersion {
            id: plan.id.clone(),
            found: plan.schema_version,
            supported: SCHEMA_VERSION,
        });
    }
    if !is_valid_id(&plan.id) {
        return Err(StorageError::Invalid(vec![FieldError::new(
            "id",
            "must be 1 to 64 letters, digits, - or _",
        )]));
    }
    let errors = plan.validate();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(StorageError::Invalid(errors))
    }
}

/// Writes `plan` at `revision`: plan key (read back), then index; on a failure
/// of the index the plan key gets `previous` back.
fn write_plan(
    store: &Store,
    plan: &Plan,
    revision: u64,
    previous: Option<&str>,
) -> Result<(), StorageError> {
    let mut stored = plan.clone();
    stored.revision = revision;
    stored.schema_version = SCHEMA_VERSION;
    let key = plan_key(&stored.id);
    let text = to_storage_json(&stored);
    match store.set_verified(&key, &text, previous) {
        // Glances are copies: they give up their room to a plan.
        Err(StorageError::QuotaExceeded) if drop_glances(store) > 0 => {
            store.set_verified(&key, &text, previous)?
        }
        written => written?,
    }
    let index = index_of(store).with(IndexEntry::of(&stored).stored_as(&text));
    if let Err(error) = store.set_doc(INDEX_KEY, &index) {
        let _ = store.restore(&key, previous);
        return Err(error);
    }
    Ok(())
}

/// Records in the meta document that a plan changed (for the backup reminder).
/// The reminder is a convenience: failing to record it loses no data.
fn note_change(store: &Store) {
    let mut meta = meta_of(store);
    if meta.backup.first_unexported_change_at.is_none() {
        meta.backup.note_change(now_ms());
        let _ = write_meta(store, &meta);
    }
}

/// What to do after a [`StorageError::Conflict`]: keep mine (written over theirs
/// as their revision + 1), take theirs (nothing written), or keep both (mine
/// saved as a new plan "… (copy)"). Returns the plan the editor continues with
/// and its stored revision (the base for its next save).
pub fn resolve_conflict(
    choice: Resolution,
    mine: Plan,
    theirs: Plan,
) -> Result<(Plan, u64), StorageError> {
    let resolved = resolve(choice, mine, theirs, new_id);
    match resolved.write {
        None => {
            let revision = resolved.open.revision;
            Ok((resolved.open, revision))
        }
        Some((plan, base)) => {
            let revision = save(&plan, base)?;
            let mut open = resolved.open;
            open.revision = revision;
            Ok((open, revision))
        }
    }
}

/// Saves a plan that is new to this browser (created, imported, or a copy) and
/// returns its revision. Fails with [`StorageError::Conflict`] if a plan with
/// its id is already stored, so nothing is ever replaced by accident.
pub fn save_new(plan: &Plan) -> Result<u64, StorageError> {
    check_savable(plan)?;
    {
        let store = Store::open()?;
        if let Some(raw) = store.get(&plan_key(&plan.id))? {
            if let Ok((theirs, _)) = read_plan_text(&raw) {
                return Err(StorageError::Conflict {
                    theirs: Box::new(theirs),
                });
            }
        }
    }
    save(plan, 0)
}

/// The ids of every stored plan (for giving imported plans free ids).
pub fn stored_ids() -> Result<HashSet<String>, StorageError> {
    Ok(plan_ids(&Store::open()?)?.into_iter().collect())
}

/// The ids of the plans stored in `store`, in the order of their keys.
fn plan_ids(store: &Store) -> Result<Vec<String>, StorageError> {
    Ok(store
        .own_keys()?
        .into_iter()
        .filter_map(|k| match classify_key(&k) {
            Some(KeyKind::Plan(id)) => Some(id),
            _ => None,
        })
        .collect())
}

// ---------------------------------------------------------------------------
// Index and meta

fn index_of(store: &Store) -> Index {
    store.get_doc(INDEX_KEY).unwrap_or_default()
}

fn remove_from_index(store: &Store, id: &str) -> Result<(), StorageError> {
    let index = index_of(store);
    if index.get(id).is_some() {
        store.set_doc(INDEX_KEY, &index.without(id))?;
    }
    Ok(())
}

fn meta_of(store: &Store) -> Meta {
    store
        .get(META_KEY)
        .ok()
        .flatten()
        .map(|text| Meta::from_json(&text))
        .unwrap_or_default()
}

fn write_meta(store: &Store, meta: &Meta) -> Result<(), StorageError> {
    let mut meta = meta.clone();
    meta.schema_version = STORED_DOC_VERSION;
    store.set(META_KEY, &meta.to_json())
}

// ---------------------------------------------------------------------------
// Trash

/// Moves plan `id` to the trash (restorable for 30 days): the trash copy (the
/// plan's stored text, unchanged) is written and read back before the plan is
/// removed. When the storage is too full for a second copy, the plan and its
/// index entry are removed first and the trash copy written in their place
/// (and both put back if even that fails), so deleting works when the user
/// needs room most. A plan from a
/// newer version is refused (this version never changes such plans); a damaged
/// one goes to recovery instead.
pub fn delete_to_trash(id: &str, now: i64) -> Result<(), StorageError> {
    let store = Store::open()?;
    let key = plan_key(id);
    let Some(raw) = store.get(&key)? else {
        return Err(StorageError::NotFound { id: id.to_owned() });
    };
    match read_plan_text(&raw) {
        Ok(_) => {}
        Err(LoadError::NewerVersion { found, supported }) => {
            return Err(StorageError::NewerVersion {
                id: id.to_owned(),
                found,
                supported,
            })
        }
        Err(error) => {
            let name = index_of(&store).get(id).map(|e| e.name.clone());
            let entry = move_aside(&store, id, name, &raw, &error, now);
            if entry.moved_at.is_none() {
                return Err(StorageError::Corrupt {
                    id: id.to_owned(),
                    error,
                });
            }
            let _ = remove_from_index(&store, id);
            return Ok(());
        }
    }
    let mut deleted_at = now;
    while store.get(&trash_key(id, deleted_at))?.is_some() {
        deleted_at += 1;
    }
    let trash = trash_key(id, deleted_at);
    match store.set_verified(&trash, &raw, None) {
        Ok(()) => {
            if let Err(error) = store.remove(&key) {
                let _ = store.remove(&trash);
                return Err(error);
            }
        }
        Err(StorageError::QuotaExceeded) => {
            // The trash key is a few characters longer than the plan key: the
            // plan's index entry, removed first, makes up for them.
            let index_before = store.get(INDEX_KEY)?;
            store.remove(&key)?;
            let _ = remove_from_index(&store, id);
            if let Err(error) = store.set_verified(&trash, &raw, None) {
                store.set(&key, &raw)?;
                if let Some(index) = index_before {
                    let _ = store.set(INDEX_KEY, &index);
                }
                return Err(error);
            }
        }
        Err(error) => return Err(error),
    }
    // The plan is gone from its key; a stale index entry is repaired by load_all.
    let _ = remove_from_index(&store, id);
    let _ = store.remove(&glance_key(id));
    note_change(&store);
    Ok(())
}

/// The plans in the trash, most recently deleted first, with the days left
/// at `now`. Damaged trash entries are moved to recovery; entries of a newer
/// version are left alone and not listed.
pub fn list_trash(now: i64) -> Result<Vec<TrashItem>, StorageError> {
    let store = Store::open()?;
    let mut items = Vec::new();
    for key in store.own_keys()? {
        let Some(KeyKind::Trash { id, deleted_at }) = classify_key(&key) else {
            continue;
        };
        let Some(raw) = store.get(&key)? else {
            continue;
        };
        let deleted_at = deleted_at.unwrap_or(now);
        match read_plan_text(&raw) {
            Ok((plan, _)) => items.push(TrashItem {
                key,
                days_left: trash_days_left(deleted_at, now),
                deleted_at,
                plan,
            }),
            Err(LoadError::NewerVersion { .. }) => {}
            Err(error) => {
                // Left in place when it cannot be moved: never dropped.
                let name = name_in_damaged_text(&raw);
                move_aside_key(&store, &key, &id, name, &raw, &error, now);
            }
        }
    }
    sort_by_key(&mut items, |item| std::cmp::Reverse(item.deleted_at));
    Ok(items)
}

/// Like [`move_aside`], for a value under any key (a trash entry).
fn move_aside_key(
    store: &Store,
    from_key: &str,
    id: &str,
    name: Option<String>,
    raw: &str,
    error: &LoadError,
    now: i64,
) -> bool {
    let key = recovery_key(id, now);
    let doc = RecoveryDoc::new(id, name, now, error, raw);
    if store.set_verified(&key, &doc.to_json(), None).is_ok() {
        if store.remove(from_key).is_ok() {
            return true;
        }
        let _ = store.remove(&key);
    }
    false
}

/// Puts a plan from the trash back among the plans and returns it with its
/// stored revision. If a plan with its id exists meanwhile, the restored plan
/// gets a new id (nothing is replaced).
pub fn restore_from_trash(trash_key: &str) -> Result<(Plan, u64), StorageError> {
    if !matches!(classify_key(trash_key), Some(KeyKind::Trash { .. })) {
        return Err(StorageError::NotFound {
            id: trash_key.to_owned(),
        });
    }
    let store = Store::open()?;
    let Some(raw) = store.get(trash_key)? else {
        return Err(StorageError::NotFound {
            id: trash_key.to_owned(),
        });
    };
    let (mut plan, _) = read_plan_text(&raw).map_err(|error| match error {
        LoadError::NewerVersion { found, supported } => StorageError::NewerVersion {
            id: trash_key.to_owned(),
            found,
            supported,
        },
        error => StorageError::Corrupt {
            id: trash_key.to_owned(),
            error,
        },
    })?;
    if store.get(&plan_key(&plan.id))?.is_some() || !is_valid_id(&plan.id) {
        plan.id = new_id();
    }
    write_plan(&store, &plan, 1, None)?;
    if let Err(error) = store.remove(trash_key) {
        // Undo the restore so the plan is not in two places.
        let _ = store.remove(&plan_key(&plan.id));
        let _ = remove_from_index(&store, &plan.id);
        return Err(error);
    }
    note_change(&store);
    plan.revision = 1;
    Ok((plan, 1))
}

/// Removes for good the trash entries deleted 30 days or more before `now`;
/// returns how many.
pub fn purge_expired_trash(now: i64) -> Result<usize, StorageError> {
    let store = Store::open()?;
    let mut purged = 0;
    for key in store.own_keys()? {
        if let Some(KeyKind::Trash {
            deleted_at: Some(at),
            ..
        }) = classify_key(&key)
        {
            if trash_expired(at, now) {
                store.remove(&key)?;
                purged += 1;
            }
        }
    }
    Ok(purged)
}

/// Removes one entry from the trash for good.
pub fn delete_from_trash(trash_key: &str) -> Result<(), StorageError> {
    if !matches!(classify_key(trash_key), Some(KeyKind::Trash { .. })) {
        return Err(StorageError::NotFound {
            id: trash_key.to_owned(),
        });
    }
    let store = Store::open()?;
    store.remove(trash_key)
}

// ---------------------------------------------------------------------------
// Recovery

fn list_recovery_in(store: &Store) -> Result<Vec<RecoveryEntry>, StorageError> {
    let mut out = Vec::new();
    for key in store.own_keys()? {
        let Some(KeyKind::Recovery(id)) = classify_key(&key) else {
            continue;
        };
        let Some(text) = store.get(&key)? else {
            continue;
        };
        out.push(match RecoveryDoc::from_json(&text) {
            Some(doc) => RecoveryEntry {
                id: doc.id,
                name: doc.name,
                key,
                raw_text: doc.raw,
                error: doc.error,
                moved_at: Some(doc.moved_at),
            },
            None => RecoveryEntry {
                id,
                name: None,
                key,
                raw_text: text,
                error: "Kept aside because it could not be read.".to_owned(),
                moved_at: None,
            },
        });
    }
    sort_by(&mut out, |a, b| {
        b.moved_at.cmp(&a.moved_at).then(a.key.cmp(&b.key))
    });
    Ok(out)
}

/// The damaged plans kept aside, most recent first.
pub fn list_recovery() -> Result<Vec<RecoveryEntry>, StorageError> {
    let store = Store::open()?;
    list_recovery_in(&store)
}

/// Removes a recovery entry for good (after the user downloaded or dismissed
/// it). Only recovery keys can be removed this way.
pub fn discard_recovery(key: &str) -> Result<(), StorageError> {
    if !matches!(classify_key(key), Some(KeyKind::Recovery(_))) {
        return Err(StorageError::NotFound { id: key.to_owned() });
    }
    let store = Store::open()?;
    store.remove(key)
}

// ---------------------------------------------------------------------------
// Backups

/// Records that every plan was exported (a backup file) at `now`: the backup
/// reminder starts counting again from the next change.
pub fn record_export(now: i64) -> Result<(), StorageError> {
    let store = Store::open()?;
    let mut meta = meta_of(&store);
    meta.backup.note_export(now);
    write_meta(&store, &meta)
}

/// Hides the backup reminder for a day from `now`.
pub fn snooze_backup_reminder(now: i64) -> Result<(), StorageError> {
    let store = Store::open()?;
    let mut meta = meta_of(&store);
    meta.backup.snooze(now);
    write_meta(&store, &meta)
}

/// Whether to show the backup reminder at `now`: plans changed 7 days ago or
/// more and have not been exported since. Without a record of changes (first
/// run of this version) the plans' change times are used.
pub fn backup_reminder_due(now: i64) -> Result<bool, StorageError> {
    let store = Store::open()?;
    let mut state = meta_of(&store).backup;
    if state.first_unexported_change_at.is_none() {
        let index = index_of(&store);
        state.first_unexported_change_at = oldest_unexported_change(
            state.last_export_at,
            index.plans.iter().map(|e| e.updated_at),
        );
    }
    Ok(state.reminder_due(now))
}

/// When plans were last exported to a backup file, if ever.
pub fn last_export_at() -> Result<Option<i64>, StorageError> {
    let store = Store::open()?;
    Ok(meta_of(&store).backup.last_export_at)
}

// ---------------------------------------------------------------------------
// Usage

/// How much storage the app uses (its own keys only) against about
/// [`APPROX_QUOTA_CHARS`] characters for the site.
pub fn storage_estimate() -> Result<StorageUsage, StorageError> {
    let store = Store::open()?;
    let mut used = 0u64;
    let mut others = 0u64;
    for key in store.all_keys()? {
        let size = utf16_len(&key) + store.stored_len(&key)?.unwrap_or(0);
        if classify_key(&key).is_some() {
            used += size;
        } else {
            others += size;
        }
    }
    Ok(StorageUsage {
        used_chars: used,
        others_chars: others,
        quota_chars: APPROX_QUOTA_CHARS,
    })
}

/// Whether storage can be used at all right now (for the banner on start). A
/// full storage is still available: reading works and deleting frees room.
pub fn is_available() -> bool {
    Store::open().is_ok_and(|store| store.get(INDEX_KEY).is_ok())
}
