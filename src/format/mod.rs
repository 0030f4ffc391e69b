//! Plan files and the rules around keeping plans: the file format and its
//! versions, import, conflicts between tabs, the trash, the backup reminder and
//! undo / redo.
//!
//! Pure Rust, no browser types: everything here is tested natively. The storage
//! module moves the texts made here in and out of the browser.

pub mod conflict;
pub mod document;
pub mod error;
pub mod history;
pub mod import;
pub mod migrate;
pub mod rules;
pub mod share;
pub mod stored;

pub use conflict::{decide_save, resolve, Resolution, ResolvedSave, SaveDecision};
pub use document::{
    backup_file_name, export_backup, export_plan, plan_file_name, read_plan_text, to_storage_json,
    BACKUP_FORMAT, PLAN_FORMAT,
};
pub use error::{ImportError, LoadError, PlanProblem};
pub use history::History;
pub use import::{import_file, FileKind, ImportResult, ImportedPlan, MAX_IMPORT_BYTES};
pub use migrate::{migrate, MigrationReport};
pub use rules::{BackupState, TRASH_DAYS};
