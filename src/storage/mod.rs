//! Plans in the browser's localStorage: the only code that touches it.
//!
//! Speaks in [`Plan`](crate::domain::plan::Plan)s and typed [`StorageError`]s.
//! The layout of keys is in [`keys`]; the texts stored are made and read by
//! [`crate::format`], where the rules (migrations, conflicts, trash, backup
//! reminder) are tested natively. Nothing here panics when storage is missing,
//! full or damaged: every fault is an error value the UI can show, and edits
//! stay in the UI's memory until a save succeeds.
//!
//! Typical use by the UI:
//! - on start: [`load_all`], show [`LoadAll::recovered`] and read-only plans,
//!   [`request_persistence`], [`on_plan_changed`] and [`flush_on_hide`];
//! - on each (debounced) edit: [`save`] with the revision last loaded or saved;
//!   on [`StorageError::Conflict`] ask the user, then [`resolve_conflict`];
//! - delete: [`delete_to_trash`]; trash screen: [`list_trash`],
//!   [`restore_from_trash`], [`purge_expired_trash`] on start;
//! - export all: `format::export_backup` then [`record_export`]; show the
//!   reminder when [`backup_reminder_due`].

mod browser;
mod error;
mod events;
pub mod keys;
mod repository;
mod settings;
mod store;

pub use browser::{browser_estimate, is_persisted, new_id, now_ms, request_persistence};
pub use error::StorageError;
pub use events::{change_for, flush_on_hide, on_plan_changed, ChangeEvent, ListenerHandle};
pub use repository::{
    backup_reminder_due, delete_from_trash, delete_to_trash, discard_recovery, glance_is_current,
    is_available, last_export_at, list_plans, list_recovery, list_trash, load, load_all,
    load_glances, plans_stored_as_indexed, purge_expired_trash, record_export, resolve_conflict,
    restore_from_trash, save, save_glance, save_new, snooze_backup_reminder, storage_estimate,
    stored_ids, Glanced, Glances, LoadAll, NewerPlan, RecoveryEntry, StorageUsage, StoredPlan,
    TrashItem, APPROX_QUOTA_CHARS,
};
pub use settings::{set_theme, theme};
