//! Typed errors of the storage, with messages for the user.

use std::fmt;

use crate::domain::plan::{FieldError, Plan};
use crate::format::LoadError;

/// Why a storage operation did not happen. Whatever the error, nothing was
/// half-written: the stored data is as it was before the call.
#[derive(Debug, Clone)]
pub enum StorageError {
    /// The browser does not let the app use its storage (site data blocked, some
    /// private modes, a sandboxed frame). Edits stay in memory only.
    Unavailable,
    /// The browser's storage for this site is full.
    QuotaExceeded,
    /// Another tab saved this plan since it was loaded here; `theirs` is what it
    /// saved. Nothing was written: the user chooses what to keep.
    Conflict {
        /// The plan as stored by the other tab.
        theirs: Box<Plan>,
    },
    /// The stored plan was saved by a newer version of the app: it is never
    /// overwritten by this version.
    NewerVersion {
        /// The plan's id.
        id: String,
        /// The data version found.
        found: u32,
        /// The newest data version this app reads.
        supported: u32,
    },
    /// The stored value is damaged and could not even be moved aside (so it was
    /// left where it is, untouched).
    Corrupt {
        /// The plan's id.
        id: String,
        /// What is wrong with it.
        error: LoadError,
    },
    /// No plan (or trash or recovery entry) under this id or key.
    NotFound {
        /// The id or key asked for.
        id: String,
    },
    /// The plan has values out of range; it was not saved.
    Invalid(Vec<FieldError>),
    /// The browser stored something other than what was written; the previous
    /// value was put back.
    WriteNotVerified {
        /// The key written.
        key: String,
    },
    /// Any other error the browser reported.
    Browser {
        /// The browser's error name (`"InvalidStateError"`).
        name: String,
        /// The browser's message.
        message: String,
    },
}

impl StorageError {
    /// Whether edits can still be kept in memory and saved later (the storage is
    /// full or unavailable) rather than needing a decision from the user.
    pub fn is_storage_fault(&self) -> bool {
        matches!(
            self,
            StorageError::Unavailable
                | StorageError::QuotaExceeded
                | StorageError::WriteNotVerified { .. }
                | StorageError::Browser { .. }
        )
    }
}

impl fmt::Display for StorageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StorageError::Unavailable => write!(
                f,
                "This browser does not let RACE Planner save (site data may be blocked, or this \
                 is a private window). Your edits are kept only while this tab is open: export \
                 your plans to keep them."
            ),
            StorageError::QuotaExceeded => write!(
                f,
                "The browser's storage for this site is full, so the latest edits are not saved. \
                 They are kept while this tab is open: export your plans, then delete plans or \
                 empty the trash to make room."
            ),
            StorageError::Conflict { theirs } => write!(
                f,
                "\u{201c}{}\u{201d} was changed in another tab or window since you opened it here. \
                 Choose which version to keep.",
                theirs.name
            ),
            StorageError::NewerVersion {
                found, supported, ..
            } => write!(
                f,
                "This plan was saved by a newer version of RACE Planner (data version {found}; \
                 this version reads up to {supported}). It is read-only here so that nothing is \
                 lost: reload the page to get the newer version."
            ),
            StorageError::Corrupt { error, .. } => write!(
                f,
                "The stored copy of this plan is damaged and could not be moved aside ({error}). \
                 It was left untouched: export your plans, then free some space."
            ),
            StorageError::NotFound { .. } => write!(f, "That plan is no longer stored."),
            StorageError::Invalid(errors) => {
                write!(
                    f,
                    "The plan was not saved because some values are not allowed: "
                )?;
                let listed: Vec<String> = errors.iter().take(5).map(ToString::to_string).collect();
                write!(f, "{}", listed.join("; "))
            }
            StorageError::WriteNotVerified { .. } => write!(
                f,
                "The browser did not store the plan correctly, so the previous copy was kept. \
                 Your edits are kept while this tab is open: export your plans to be safe."
            ),
            StorageError::Browser { name, message } => {
                write!(f, "The browser refused to save ({name}: {message}).")
            }
        }
    }
}

impl std::error::Error for StorageError {}
