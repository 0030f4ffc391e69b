//! Undo and redo of edits, as a bounded history of snapshots.
//!
//! The editor keeps the current value itself; the history only keeps the values
//! that came before (for undo) and after (for redo). Before every edit the editor
//! calls [`History::record`] with the value as it was; to undo it calls
//! [`History::undo`] with the value as it is and shows what comes back.
//!
//! Typing into one field produces an edit per keystroke. [`History::record_coalesced`]
//! folds rapid edits of the same field into one undo step, so Ctrl+Z takes back a
//! word or a number, not a single character.

use std::collections::VecDeque;

/// How many undo steps are kept by [`History::default`].
pub const DEFAULT_HISTORY_LIMIT: usize = 100;

/// Edits of the same field closer together than this (in milliseconds) become
/// one undo step in [`History::record_coalesced`].
pub const COALESCE_WINDOW_MS: i64 = 1_000;

/// A bounded undo / redo history of snapshots of `T`.
#[derive(Debug, Clone)]
pub struct History<T: Clone> {
    undo: VecDeque<T>,
    redo: Vec<T>,
    limit: usize,
    /// The field of the last coalesced edit and when it happened.
    last_edit: Option<(String, i64)>,
}

impl<T: Clone> Default for History<T> {
    fn default() -> Self {
        Self::new(DEFAULT_HISTORY_LIMIT)
    }
}

impl<T: Clone> History<T> {
    /// An empty history that keeps at most `limit` undo steps (at least one).
    pub fn new(limit: usize) -> Self {
        Self {
            undo: VecDeque::new(),
            redo: Vec::new(),
            limit: limit.max(1),
            last_edit: None,
        }
    }

    /// Records `previous`, the value as it was just before an edit.
    ///
    /// A new edit makes the redo steps meaningless, so they are dropped. When the
    /// history is full the oldest step is forgotten.
    pub fn record(&mut self, previous: T) {
        self.last_edit = None;
        self.push_undo(previous);
    }

    /// Records an edit of the field named `key` at `now_ms`, folding it into the
    /// previous step when that step edited the same field less than
    /// [`COALESCE_WINDOW_MS`] before.
    ///
    /// Returns `true` when a new undo step was made, `false` when the edit was
    /// folded into the previous one (whose snapshot, from before the first
    /// keystroke, is kept).
    pub fn record_coalesced(&mut self, previous: T, key: &str, now_ms: i64) -> bool {
        self.record_coalesced_with(|| previous, key, now_ms)
    }

    /// [`History::record_coalesced`] that takes the value before the edit only when a
    /// new undo step is made: a run of keystrokes in one field copies it once, not
    /// once per keystroke.
    pub fn record_coalesced_with(
        &mut self,
        previous: impl FnOnce() -> T,
        key: &str,
        now_ms: i64,
    ) -> bool {
        let folds = match &self.last_edit {
            Some((last_key, last_ms)) => {
                last_key == key
                    && now_ms >= *last_ms
                    && now_ms - *last_ms < COALESCE_WINDOW_MS
                    && !self.undo.is_empty()
                    && self.redo.is_empty()
            }
            None => false,
        };
        if folds {
            self.last_edit = Some((key.to_owned(), now_ms));
            return false;
        }
        self.push_undo(previous());
        self.last_edit = Some((key.to_owned(), now_ms));
        true
    }

    /// Takes back the last edit: `current` goes to the redo steps and the value
    /// before the edit is returned. `None` (and nothing changes) when there is
    /// nothing to undo.
    pub fn undo(&mut self, current: T) -> Option<T> {
        let previous = self.undo.pop_back()?;
        self.redo.push(current);
        self.last_edit = None;
        Some(previous)
    }

    /// Makes again the last edit that was undone: `current` goes back to the undo
    /// steps and the value after the edit is returned. `None` (and nothing
    /// changes) when there is nothing to redo.
    pub fn redo(&mut self, current: T) -> Option<T> {
        let next = self.redo.pop()?;
        self.undo.push_back(current);
        self.trim();
        self.last_edit = None;
        Some(next)
    }

    /// Whether [`History::undo`] would return a value.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Whether [`History::redo`] would return a value.
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// How many undo steps are kept.
    pub fn undo_len(&self) -> usize {
        self.undo.len()
    }

    /// How many redo steps are kept.
    pub fn redo_len(&self) -> usize {
        self.redo.len()
    }

    /// The most undo steps this history keeps.
    pub fn limit(&self) -> usize {
        self.limit
    }

    /// Forgets every step, for example when another plan is opened or the plan
    /// was replaced by the version saved in another tab.
    pub fn clear(&mut self) {
        self.undo.clear();
        self.redo.clear();
        self.last_edit = None;
    }

    fn push_undo(&mut self, previous: T) {
        self.undo.push_back(previous);
        self.redo.clear();
        self.trim();
    }

    fn trim(&mut self) {
        while self.undo.len() > self.limit {
            self.undo.pop_front();
        }
    }
}
