//! The bridge between the UI's plans and `crate::storage`: loading at start, the
//! debounced autosave, flushing when the page is hidden, other tabs' changes,
//! conflicts, files, trash and the backup reminder. Storage faults never lose an
//! edit: plans stay in memory, a banner says what happened and offers an export.

use crate::domain::plan::Plan;
use crate::format::stored::{DrawnOverview, Glance, STORED_DOC_VERSION};
use crate::format::{self, Resolution};
use crate::storage::{self, ChangeEvent, StorageError};
use crate::ui::download::download_text;
use crate::ui::state::{now_ms, AppState, Level};
use leptos::prelude::*;
use std::collections::{HashMap, HashSet};
use std::time::Duration;

/// How long typing pauses before the plan is written.
const SAVE_DEBOUNCE: Duration = Duration::from_millis(400);

/// A save that found another tab's newer version: the user chooses.
#[derive(Clone, Debug)]
pub struct Conflict {
    pub mine: Plan,
    pub theirs: Plan,
}

/// Persistence state kept beside [`AppState`].
#[derive(Clone, Copy)]
pub struct Persist {
    /// The revision each plan was loaded or last saved at (the base of its next save).
    revisions: StoredValue<HashMap<String, u64>>,
    /// Plans edited here and not yet written.
    pending: StoredValue<HashSet<String>>,
    /// The plan open in the editor, by id: its edits reach the list of plans when they
    /// are saved, not on every keystroke (a large plan is costly to copy).
    live: StoredValue<Option<(String, RwSignal<Plan>)>>,
    /// The debounced save's timer, while one is set, and when the save is due (on the
    /// page's monotonic clock, which a change of the computer's time does not move).
    timer: StoredValue<Option<TimeoutHandle>>,
    #[cfg(not(feature = "start"))]
    due: StoredValue<f64>,
    /// The Overview as last drawn, by plan id, with the `updated_at` of the plan it
    /// shows: it goes into the plan's glance when that plan is stored.
    #[cfg(not(feature = "start"))]
    drawn: StoredValue<HashMap<String, (i64, DrawnOverview)>>,
    /// Plans that must not be saved (a newer app version wrote them), with why.
    pub read_only: RwSignal<HashMap<String, String>>,
    /// A conflict waiting for the user's choice.
    pub conflict: RwSignal<Option<Conflict>>,
    /// Whether the browser lets the app store anything.
    pub available: RwSignal<bool>,
    /// Damaged plans kept aside, offered as downloads.
    pub recovered: RwSignal<Vec<storage::RecoveryEntry>>,
    /// Bumped when another tab changed a plan: `(id, counter)`; the open editor reloads.
    pub external_change: RwSignal<(String, u64)>,
    /// Whether the backup reminder is due.
    pub backup_due: RwSignal<bool>,
    /// Storage used against the quota.
    pub usage: RwSignal<Option<storage::StorageUsage>>,
}

impl Persist {
    /// Empty persistence state; [`Persist::start`] fills it.
    pub fn new() -> Persist {
        Persist {
            revisions: StoredValue::new(HashMap::new()),
            pending: StoredValue::new(HashSet::new()),
            live: StoredValue::new(None),
            timer: StoredValue::new(None),
            #[cfg(not(feature = "start"))]
            due: StoredValue::new(0.0),
            #[cfg(not(feature = "start"))]
            drawn: StoredValue::new(HashMap::new()),
            read_only: RwSignal::new(HashMap::new()),
            conflict: RwSignal::new(None),
            available: RwSignal::new(true),
            recovered: RwSignal::new(Vec::new()),
            external_change: RwSignal::new((String::new(), 0)),
            backup_due: RwSignal::new(false),
            usage: RwSignal::new(None),
        }
    }

    /// Loads every plan into `state` and starts listening to other tabs and to the page
    /// being hidden.
    pub fn start(self, state: AppState) {
        let persist = self;
        persist.load(state);
        let mut changes = None;
        if persist.available.get_untracked() {
            #[cfg(not(feature = "start"))]
            let _ = storage::purge_expired_trash(now_ms());
            leptos::task::spawn_local(async {
                let _ = storage::request_persistence().await;
            });
            changes = Some(storage::on_plan_changed(move |change| {
                persist.on_other_tab(state, change)
            }));
        }
        let hidden = storage::flush_on_hide(move || persist.flush(state));
        // The listeners live as long as the app: unmounting it (as the first load does
        // when it hands over to the whole app) removes them.
        StoredValue::new_local((changes, hidden));
    }

    #[cfg(feature = "start")]
    fn load(&self, state: AppState) {
        // The first load reads the plans' glances only: anything else hands over.
        match storage::load_glances(&crate::ui::state::build_id()) {
            Ok(Some(found)) => {
                self.recovered.set(found.recovered);
                state.glanced.set(found.plans);
                let persist = *self;
                set_timeout(move || persist.refresh_meta(), Duration::ZERO);
                // The plans themselves are read once the page is shown, in a task of its
                // own: one changed behind the index is opened by the whole app.
                set_timeout(
                    move || match storage::plans_stored_as_indexed() {
                        Ok(true) => {}
                        Ok(false) => Self::needs_whole_app(state),
                        Err(error) => persist.storage_fault(state, &error),
                    },
                    Duration::ZERO,
                );
            }
            Ok(None) => Self::needs_whole_app(state),
            Err(error) => self.storage_fault(state, &error),
        }
    }

    #[cfg(feature = "start")]
    fn needs_whole_app(state: AppState) {
        state.notify(
            Level::Info,
            "handover",
            "Opening your plans",
            "Some of your plans need the editor to open them (they were saved by another version, or need a repair): it is loading.",
        );
        crate::ui::handover::now();
    }

    #[cfg(not(feature = "start"))]
    fn load(&self, state: AppState) {
        let loaded = storage::load_all();
        match loaded {
            Ok(all) => {
                let mut plans = Vec::with_capacity(all.plans.len());
                let mut read_only = HashMap::new();
                self.revisions.update_value(|r| {
                    for stored in &all.plans {
                        r.insert(stored.plan.id.clone(), stored.plan.revision);
                    }
                });
                for stored in all.plans {
                    if stored.read_only {
                        read_only.insert(
                            stored.plan.id.clone(),
                            stored.notice.clone().unwrap_or_default(),
                        );
                    } else if let Some(notice) = &stored.notice {
                        state.notify(
                            Level::Info,
                            &format!("migrated-{}", stored.plan.id),
                            format!("“{}” was updated", stored.plan.name),
                            notice.clone(),
                        );
                    }
                    plans.push(stored.plan);
                }
                for newer in &all.newer {
                    state.notify(
                        Level::Warn,
                        &format!("newer-{}", newer.id),
                        format!("“{}” needs a newer version of RACE Planner", newer.name.clone().unwrap_or_else(|| newer.id.clone())),
                        format!("It was saved with data version {} and this version reads up to {}. It is kept untouched: reload the page to get the newer version.", newer.found, newer.supported),
                    );
                }
                self.read_only.set(read_only);
                self.recovered.set(all.recovered);
                state.plans.set(plans);
                // Measuring storage reads every stored text, and glances are written
                // for the next first load: after the first paint.
                let persist = *self;
                set_timeout(
                    move || {
                        persist.refresh_meta();
                        persist.fill_glances(state);
                    },
                    Duration::ZERO,
                );
            }
            Err(error) => self.storage_fault(state, &error),
        }
    }

    fn refresh_meta(&self) {
        self.backup_due
            .set(storage::backup_reminder_due(now_ms()).unwrap_or(false));
        self.usage.set(storage::storage_estimate().ok());
    }

    fn storage_fault(&self, state: AppState, error: &StorageError) {
        if matches!(error, StorageError::Unavailable) {
            self.available.set(false);
        }
        state
            .save_state
            .set(crate::ui::state::SaveState::Failed(error.to_string()));
        state.notify(
            Level::Error,
            "storage",
            "Your latest edits are not saved",
            error.to_string(),
        );
    }

    /// The plan with this id cannot be edited here, and why.
    pub fn read_only_reason(&self, id: &str) -> Option<String> {
        self.read_only.with_untracked(|r| r.get(id).cloned())
    }

    /// Another tab changed the stored plans: the first load reads the glances again.
    #[cfg(feature = "start")]
    fn on_other_tab(&self, state: AppState, _change: ChangeEvent) {
        self.load(state);
    }

    /// Another tab stored `theirs` at the very revision this tab saved, with other
    /// content: both saves started from the same revision, within the moment it takes a
    /// write to reach the other tab, and theirs landed last. What this tab saved is no
    /// longer stored, so the user chooses, as in any conflict (rather than this tab
    /// quietly showing theirs).
    #[cfg(not(feature = "start"))]
    fn crossed(&self, state: AppState, id: &str, theirs: &Plan) -> bool {
        if self.revisions.with_value(|r| r.get(id).copied()) != Some(theirs.revision) {
            return false;
        }
        // The list holds the plan as this tab last saved or loaded it (the editor's
        // later edits reach it when they are saved).
        let last_saved_here_differs = state.plans.with_untracked(|ps| {
            ps.iter()
                .find(|p| p.id == id)
                .is_some_and(|p| !format::conflict::same_content(p, theirs))
        });
        if !last_saved_here_differs {
            return false;
        }
        // Mine: with the edits not yet saved. The choice saves it; the autosave must not
        // write it over theirs first.
        self.take_live(state);
        self.pending.update_value(|p| {
            p.remove(id);
        });
        let Some(mine) = state
            .plans
            .with_untracked(|ps| ps.iter().find(|p| p.id == id).cloned())
        else {
            return false;
        };
        self.conflict.set(Some(Conflict {
            mine,
            theirs: theirs.clone(),
        }));
        state.save_state.set(crate::ui::state::SaveState::Pending);
        true
    }

    #[cfg(not(feature = "start"))]
    fn on_other_tab(&self, state: AppState, change: ChangeEvent) {
        match change {
            ChangeEvent::PlanSaved { id } => {
                let Ok(Some(stored)) = storage::load(&id) else {
                    return;
                };
                if self.crossed(state, &id, &stored.plan) {
                    return;
                }
                if self.pending.with_value(|p| p.contains(&id)) {
                    // Edited here too: the next save finds the conflict and asks.
                    return;
                }
                let revision = stored.plan.revision;
                state
                    .plans
                    .update(|ps| match ps.iter_mut().find(|p| p.id == id) {
                        Some(slot) => *slot = stored.plan.clone(),
                        None => ps.push(stored.plan.clone()),
                    });
                self.revisions.update_value(|r| {
                    r.insert(id.clone(), revision);
                });
                self.external_change.update(|(i, n)| {
                    *i = id;
                    *n += 1;
                });
            }
            ChangeEvent::PlanDeleted { id } => {
                if !self.pending.with_value(|p| p.contains(&id)) {
                    state.plans.update(|ps| ps.retain(|p| p.id != id));
                }
            }
            ChangeEvent::IndexChanged | ChangeEvent::TrashChanged | ChangeEvent::Other => {
                if let Ok(entries) = storage::list_plans() {
                    let known: HashSet<String> = state
                        .plans
                        .with_untracked(|ps| ps.iter().map(|p| p.id.clone()).collect());
                    for entry in entries.into_iter().filter(|e| !known.contains(&e.id)) {
                        if let Ok(Some(stored)) = storage::load(&entry.id) {
                            self.revisions.update_value(|r| {
                                r.insert(entry.id.clone(), stored.plan.revision);
                            });
                            state.plans.update(|ps| ps.push(stored.plan));
                        }
                    }
                }
                self.refresh_meta();
            }
        }
    }
}

/// Writing: saves, new plans, the trash, conflicts and files.
#[cfg(not(feature = "start"))]
impl Persist {
    /// Notes that a plan changed and saves it after a pause in typing.
    pub fn schedule_save(&self, state: AppState, id: &str) {
        if self.pending.with_value(|p| !p.contains(id)) {
            self.pending.update_value(|p| {
                p.insert(id.to_string());
            });
        }
        let pending = crate::ui::state::SaveState::Pending;
        if state.save_state.with_untracked(|s| *s != pending) {
            state.save_state.set(pending);
        }
        // One timer for a run of keystrokes: each edit moves the save's time, and a
        // timer that fires before it waits for the rest (rather than a timer cleared
        // and set again on every keystroke).
        self.due
            .set_value(monotonic_ms() + SAVE_DEBOUNCE.as_millis() as f64);
        if self.timer.with_value(Option::is_none) {
            self.arm(state, SAVE_DEBOUNCE);
        }
    }

    fn arm(&self, state: AppState, wait: Duration) {
        let persist = *self;
        let handle = set_timeout_with_handle(move || persist.on_timer(state), wait).ok();
        self.timer.set_value(handle);
    }

    fn on_timer(&self, state: AppState) {
        let _ = self.timer.try_set_value(None);
        let Some(due) = self.due.try_get_value() else {
            return;
        };
        let left = (due - monotonic_ms()).ceil();
        if left > 0.0 {
            self.arm(state, Duration::from_millis(left as u64));
        } else {
            self.flush(state);
        }
    }

    /// Notes that the editor's plan changed: it is copied into the list of plans and
    /// saved after a pause in typing.
    pub fn edited_live(&self, state: AppState, id: &str, plan: RwSignal<Plan>) {
        self.live.set_value(Some((id.to_owned(), plan)));
        self.schedule_save(state, id);
    }

    /// The editor closes: its last edits are saved now.
    pub fn close_live(&self, state: AppState) {
        self.flush(state);
        let _ = self.live.try_set_value(None);
    }

    /// Copies the editor's plan into the list of plans, if it has unsaved edits.
    fn take_live(&self, state: AppState) {
        let Some(Some((id, signal))) = self.live.try_get_value() else {
            return;
        };
        if !self.pending.with_value(|p| p.contains(&id)) {
            return;
        }
        if let Some(plan) = signal.try_get_untracked() {
            state
                .plans
                .update(|plans| match plans.iter_mut().find(|p| p.id == id) {
                    Some(slot) => *slot = plan,
                    None => plans.push(plan),
                });
        }
    }

    /// Writes every plan with unsaved edits now.
    pub fn flush(&self, state: AppState) {
        if let Some(Some(t)) = self.timer.try_update_value(Option::take) {
            t.clear();
        }
        self.take_live(state);
        let ids: Vec<String> = self
            .pending
            .try_update_value(|p| p.drain().collect())
            .unwrap_or_default();
        if ids.is_empty() {
            return;
        }
        let mut failed = None;
        for id in ids {
            let Some(plan) = state
                .plans
                .with_untracked(|ps| ps.iter().find(|p| p.id == id).cloned())
            else {
                continue;
            };
            if self.read_only_reason(&id).is_some() {
                continue;
            }
            let base = self
                .revisions
                .with_value(|r| r.get(&id).copied().unwrap_or(0));
            match storage::save(&plan, base) {
                Ok(revision) => self.saved(state, &id, revision),
                Err(StorageError::Conflict { theirs }) => {
                    self.conflict.set(Some(Conflict {
                        mine: plan,
                        theirs: *theirs,
                    }));
                }
                Err(StorageError::NewerVersion { .. }) => {
                    self.read_only.update(|r| {
                        r.insert(id.clone(), "Another tab saved this plan with a newer version of RACE Planner: it is read-only here. Reload the page to get the newer version.".into());
                    });
                }
                Err(error) => {
                    self.pending.update_value(|p| {
                        p.insert(id.clone());
                    });
                    failed = Some(error);
                }
            }
        }
        match failed {
            Some(error) => self.storage_fault(state, &error),
            None if self.conflict.with_untracked(Option::is_none) => {
                state.save_state.set(crate::ui::state::SaveState::Saved);
                state.dismiss("storage");
            }
            None => state.save_state.set(crate::ui::state::SaveState::Pending),
        }
        self.refresh_meta();
    }

    fn saved(&self, state: AppState, id: &str, revision: u64) {
        self.revisions.update_value(|r| {
            r.insert(id.to_string(), revision);
        });
        state.plans.update_untracked(|ps| {
            if let Some(p) = ps.iter_mut().find(|p| p.id == id) {
                p.revision = revision;
            }
        });
        self.write_glance(state, id, revision);
    }

    /// Writes the glance of plan `id`, stored at `revision`, for the next first load:
    /// Home's line about it, and its Overview if the one last drawn shows this version.
    fn write_glance(&self, state: AppState, id: &str, revision: u64) {
        let Some((locale, status, updated_at)) = state.plans.with_untracked(|ps| {
            ps.iter().find(|p| p.id == id).map(|p| {
                (
                    p.profile.locale.clone(),
                    crate::ui::state::plan_status(p),
                    p.updated_at,
                )
            })
        }) else {
            return;
        };
        let overview = self.drawn.with_value(|d| {
            d.get(id)
                .filter(|(at, _)| *at == updated_at)
                .map(|(_, o)| o.clone())
        });
        let glance = Glance {
            schema_version: STORED_DOC_VERSION,
            revision,
            build: crate::ui::state::build_id(),
            locale,
            status,
            overview,
        };
        // A copy of what was shown: failing to write it loses nothing.
        let _ = storage::save_glance(id, &glance);
    }

    /// Writes a glance for every plan whose stored one does not describe it (saved by
    /// another version of the app, or before glances).
    fn fill_glances(&self, state: AppState) {
        let build = crate::ui::state::build_id();
        let stored: Vec<(String, u64)> = self
            .revisions
            .with_value(|r| r.iter().map(|(id, rev)| (id.clone(), *rev)).collect());
        for (id, revision) in stored {
            if self.read_only_reason(&id).is_some() {
                continue;
            }
            if !storage::glance_is_current(&id, revision, &build).unwrap_or(true) {
                self.write_glance(state, &id, revision);
            }
        }
    }

    /// The Overview of plan `id` was drawn from its version last changed at
    /// `updated_at`: kept for its glance, and written now if that version is stored.
    pub fn overview_drawn(&self, state: AppState, id: &str, updated_at: i64, drawn: DrawnOverview) {
        self.drawn.update_value(|d| {
            d.insert(id.to_owned(), (updated_at, drawn));
        });
        if self.pending.with_value(|p| p.contains(id)) || self.read_only_reason(id).is_some() {
            return;
        }
        let stored = state
            .plans
            .with_untracked(|ps| ps.iter().any(|p| p.id == id && p.updated_at == updated_at));
        let revision = self.revisions.with_value(|r| r.get(id).copied());
        if let (true, Some(revision)) = (stored, revision) {
            self.write_glance(state, id, revision);
        }
    }

    /// Stores a plan that is new to this browser (created, duplicated, imported).
    pub fn add(&self, state: AppState, plan: Plan) {
        let id = plan.id.clone();
        state.plans.update(|ps| ps.push(plan.clone()));
        match storage::save_new(&plan) {
            Ok(revision) => {
                self.saved(state, &id, revision);
                state.save_state.set(crate::ui::state::SaveState::Saved);
            }
            Err(error) => {
                self.pending.update_value(|p| {
                    p.insert(id);
                });
                self.storage_fault(state, &error);
            }
        }
        self.refresh_meta();
    }

    /// Moves a plan to the trash (restorable for 30 days).
    pub fn delete(&self, state: AppState, id: &str) {
        self.pending.update_value(|p| {
            p.remove(id);
        });
        let name = state
            .plans
            .with_untracked(|ps| ps.iter().find(|p| p.id == id).map(|p| p.name.clone()))
            .unwrap_or_default();
        let result = if self.available.get_untracked() {
            storage::delete_to_trash(id, now_ms())
        } else {
            Ok(())
        };
        match result {
            Ok(()) | Err(StorageError::NotFound { .. }) => {
                state.plans.update(|ps| ps.retain(|p| p.id != id));
                state.notify(
                    Level::Info,
                    "deleted",
                    format!("“{name}” moved to the trash"),
                    "You can restore it from the Trash for 30 days.",
                );
            }
            Err(error) => self.storage_fault(state, &error),
        }
        self.refresh_meta();
    }

    /// Brings a plan back from the trash.
    pub fn restore(&self, state: AppState, trash_key: &str) -> Result<(), StorageError> {
        let (plan, revision) = storage::restore_from_trash(trash_key)?;
        let id = plan.id.clone();
        state.plans.update(|ps| {
            ps.retain(|p| p.id != id);
            ps.push(plan);
        });
        self.saved(state, &id, revision);
        self.refresh_meta();
        Ok(())
    }

    /// Applies the user's choice after a conflict.
    pub fn resolve(&self, state: AppState, choice: Resolution) {
        let Some(Conflict { mine, theirs }) = self.conflict.get_untracked() else {
            return;
        };
        let original_id = theirs.id.clone();
        match storage::resolve_conflict(choice, mine, theirs.clone()) {
            Ok((open, revision)) => {
                self.conflict.set(None);
                let open_id = open.id.clone();
                state.plans.update(|ps| {
                    ps.retain(|p| p.id != open_id && p.id != original_id);
                    if open_id != original_id {
                        ps.push(theirs.clone());
                    }
                    ps.push(open);
                });
                if open_id != original_id {
                    self.revisions.update_value(|r| {
                        r.insert(original_id.clone(), theirs.revision);
                    });
                }
                self.saved(state, &open_id, revision);
                self.external_change.update(|(id, n)| {
                    *id = open_id.clone();
                    *n += 1;
                });
                if open_id != original_id {
                    state.go(crate::route::Route::Plan {
                        id: open_id,
                        screen: crate::route::Screen::Overview,
                    });
                }
                state.save_state.set(crate::ui::state::SaveState::Saved);
            }
            Err(error) => self.storage_fault(state, &error),
        }
    }

    /// Downloads one plan as a plan file.
    pub fn export_plan(&self, plan: &Plan) {
        let now = now_ms();
        download_text(
            &format::document::plan_file_name(plan, now),
            "application/json",
            &format::document::export_plan(plan, now),
        );
    }

    /// Downloads every plan as one backup file and records the export.
    pub fn export_all(&self, state: AppState) {
        let now = now_ms();
        let text = state
            .plans
            .with_untracked(|ps| format::document::export_backup(ps, now));
        if download_text(
            &format::document::backup_file_name(now),
            "application/json",
            &text,
        ) {
            let _ = storage::record_export(now);
            self.refresh_meta();
        }
    }

    /// Postpones the backup reminder by a day.
    pub fn snooze_reminder(&self) {
        let _ = storage::snooze_backup_reminder(now_ms());
        self.refresh_meta();
    }

    /// Reads a chosen file and adds its plans as new plans. Returns what to tell the user.
    pub fn import_bytes(&self, state: AppState, bytes: &[u8]) -> Result<Vec<String>, String> {
        let mut taken: HashSet<String> = storage::stored_ids().unwrap_or_default();
        state
            .plans
            .with_untracked(|ps| taken.extend(ps.iter().map(|p| p.id.clone())));
        let result =
            format::import_file(bytes, &taken, storage::new_id).map_err(|e| e.to_string())?;
        let mut messages = Vec::new();
        let count = result.plans.len();
        for imported in result.plans {
            self.add(state, imported.plan);
        }
        messages.push(if count == 1 {
            "1 plan imported.".to_string()
        } else {
            format!("{count} plans imported.")
        });
        messages.extend(result.notes);
        messages.extend(result.skipped.iter().map(ToString::to_string));
        Ok(messages)
    }
}

/// Milliseconds on the page's monotonic clock (`performance.now()`), or since the epoch
/// where a page has no such clock.
#[cfg(not(feature = "start"))]
fn monotonic_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or_else(js_sys::Date::now, |p| p.now())
}

/// The first load (feature `start`) writes nothing: the actions that would are held back
/// and handed to the whole app (`ui::handover`) before they get here, so these stand-ins
/// are never reached; if one is, the whole app takes over.
#[cfg(feature = "start")]
impl Persist {
    /// A plan shown here was replaced by another tab's version: nothing to save.
    pub fn edited_live(&self, _state: AppState, _id: &str, _plan: RwSignal<Plan>) {}

    /// Nothing is edited here, so nothing is left to save.
    pub fn close_live(&self, _state: AppState) {}

    /// Nothing is edited here, so nothing is left to save.
    pub fn flush(&self, _state: AppState) {}

    pub fn schedule_save(&self, _state: AppState, _id: &str) {
        crate::ui::handover::now();
    }

    pub fn add(&self, _state: AppState, _plan: Plan) {
        crate::ui::handover::now();
    }

    pub fn delete(&self, _state: AppState, _id: &str) {
        crate::ui::handover::now();
    }

    pub fn export_plan(&self, _plan: &Plan) {
        crate::ui::handover::now();
    }

    pub fn export_all(&self, _state: AppState) {
        crate::ui::handover::now();
    }

    pub fn snooze_reminder(&self) {
        crate::ui::handover::now();
    }

    pub fn import_bytes(&self, _state: AppState, _bytes: &[u8]) -> Result<Vec<String>, String> {
        crate::ui::handover::now();
        Ok(Vec::new())
    }
}
