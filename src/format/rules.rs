//! Time rules of the safety nets: how long deleted plans stay in the trash, and
//! when to remind the user to download a backup.
//!
//! Times are milliseconds since the Unix epoch (what `Date.now()` gives).

use serde::{Deserialize, Serialize};

/// One day in milliseconds.
pub const DAY_MS: i64 = 86_400_000;

/// Deleted plans can be restored for this many days.
pub const TRASH_DAYS: i64 = 30;

/// A backup reminder appears when changes have gone this many days without an
/// export.
pub const BACKUP_REMINDER_DAYS: i64 = 7;

/// A dismissed backup reminder stays hidden this long (one day).
pub const REMINDER_SNOOZE_MS: i64 = DAY_MS;

/// When a plan deleted at `deleted_at_ms` leaves the trash for good.
pub fn trash_expires_at(deleted_at_ms: i64) -> i64 {
    deleted_at_ms.saturating_add(TRASH_DAYS * DAY_MS)
}

/// Whether a plan deleted at `deleted_at_ms` has stayed in the trash for
/// [`TRASH_DAYS`] days or more at `now_ms`.
pub fn trash_expired(deleted_at_ms: i64, now_ms: i64) -> bool {
    now_ms >= trash_expires_at(deleted_at_ms)
}

/// Whole days left before a plan deleted at `deleted_at_ms` leaves the trash,
/// rounded up (a plan with 3 hours left has 1 day left); 0 once expired.
pub fn trash_days_left(deleted_at_ms: i64, now_ms: i64) -> i64 {
    let left = trash_expires_at(deleted_at_ms).saturating_sub(now_ms);
    if left <= 0 {
        0
    } else {
        (left + DAY_MS - 1) / DAY_MS
    }
}

/// What the app remembers about backups: when the user last exported, and since
/// when changes have been waiting for an export.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BackupState {
    /// When all plans (or the last plan) were last exported to a file.
    #[serde(default)]
    pub last_export_at: Option<i64>,
    /// The first change saved after the last export; `None` when every change
    /// has been exported.
    #[serde(default)]
    pub first_unexported_change_at: Option<i64>,
    /// The reminder stays hidden until this time after the user dismissed it.
    #[serde(default)]
    pub snoozed_until: Option<i64>,
}

impl BackupState {
    /// Notes that a plan was saved at `now_ms`. Only the first change after an
    /// export is remembered: the reminder counts from the oldest unexported change.
    pub fn note_change(&mut self, now_ms: i64) {
        if self.first_unexported_change_at.is_none() {
            self.first_unexported_change_at = Some(now_ms);
        }
    }

    /// Notes a full export (a backup file) at `now_ms`: every change is now in a file.
    pub fn note_export(&mut self, now_ms: i64) {
        self.last_export_at = Some(now_ms);
        self.first_unexported_change_at = None;
        self.snoozed_until = None;
    }

    /// Hides the reminder for [`REMINDER_SNOOZE_MS`] from `now_ms`.
    pub fn snooze(&mut self, now_ms: i64) {
        self.snoozed_until = Some(now_ms.saturating_add(REMINDER_SNOOZE_MS));
    }

    /// Whether the backup reminder should show at `now_ms`: some change has gone
    /// [`BACKUP_REMINDER_DAYS`] days or more without an export, and the reminder
    /// is not snoozed.
    pub fn reminder_due(&self, now_ms: i64) -> bool {
        if self.snoozed_until.is_some_and(|until| now_ms < until) {
            return false;
        }
        backup_reminder_due(self.last_export_at, self.first_unexported_change_at, now_ms)
    }
}

/// The backup reminder rule on its own: due when a change made at
/// `oldest_unexported_change_at` (after the last export at `last_export_at`, if
/// any) is [`BACKUP_REMINDER_DAYS`] days old or more at `now_ms`.
pub fn backup_reminder_due(
    last_export_at: Option<i64>,
    oldest_unexported_change_at: Option<i64>,
    now_ms: i64,
) -> bool {
    let Some(changed) = oldest_unexported_change_at else {
        return false;
    };
    if last_export_at.is_some_and(|exported| exported >= changed) {
        return false;
    }
    now_ms.saturating_sub(changed) >= BACKUP_REMINDER_DAYS * DAY_MS
}

/// The oldest change not yet in an export, from the plans' last-change times:
/// the earliest `updated_at` later than `last_export_at`. Used when the app has
/// no [`BackupState`] yet (for example after its record was lost).
pub fn oldest_unexported_change(
    last_export_at: Option<i64>,
    updated_at: impl IntoIterator<Item = i64>,
) -> Option<i64> {
    updated_at
        .into_iter()
        .filter(|t| last_export_at.is_none_or(|exported| *t > exported))
        .min()
}
