//! Saving when another tab may have saved the same plan.
//!
//! Every stored plan has a `revision` that goes up by one on each save. An editor
//! remembers the revision it loaded (its *base*). When it saves, the stored plan
//! is compared with that base: if someone else saved in between, the save is a
//! conflict and the user chooses what to keep instead of one save silently
//! replacing the other.

use crate::domain::plan::Plan;

/// Suffix added to the name of the copy made by [`Resolution::KeepBoth`].
pub const COPY_SUFFIX: &str = " (copy)";

/// What to do with a save, given what is stored now.
#[derive(Debug, Clone)]
pub enum SaveDecision {
    /// Nobody else saved since the base revision: write.
    Write,
    /// Someone else saved since the base revision; `theirs` is what is stored.
    Conflict {
        /// The plan as stored by the other tab (or window).
        theirs: Box<Plan>,
    },
}

/// Decides whether a plan loaded at `base_revision` can be written over what is
/// stored now (`stored`, `None` when nothing is stored under its id).
///
/// - nothing stored: write (a new plan, or one deleted elsewhere meanwhile);
/// - stored revision equals the base: write;
/// - stored revision differs: conflict, unless `mine` is the same as theirs
///   apart from revision and time of change (both tabs made the same edit).
pub fn decide_save(base_revision: u64, stored: Option<&Plan>, mine: &Plan) -> SaveDecision {
    match stored {
        None => SaveDecision::Write,
        Some(theirs) if theirs.revision == base_revision => SaveDecision::Write,
        Some(theirs) if same_content(mine, theirs) => SaveDecision::Write,
        Some(theirs) => SaveDecision::Conflict {
            theirs: Box::new(theirs.clone()),
        },
    }
}

/// Whether two plans hold the same content, ignoring `revision` and `updated_at`.
pub fn same_content(a: &Plan, b: &Plan) -> bool {
    let strip = |plan: &Plan| {
        let mut plan = plan.clone();
        plan.revision = 0;
        plan.updated_at = 0;
        plan
    };
    strip(a) == strip(b)
}

/// The user's choice after a conflict.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resolution {
    /// Write my version over theirs (theirs stays reachable through undo only in
    /// the other tab).
    KeepMine,
    /// Drop my unsaved edits and continue with theirs.
    TakeTheirs,
    /// Keep theirs under the plan's id, and save mine as a new plan named
    /// "… (copy)".
    KeepBoth,
}

/// What a resolution asks the storage to do.
#[derive(Debug, Clone)]
pub struct ResolvedSave {
    /// The plan to write, with the base revision to write it from; `None` when
    /// nothing needs writing.
    pub write: Option<(Plan, u64)>,
    /// The plan the editor continues with (before the write gives it its new
    /// revision).
    pub open: Plan,
}

/// Turns the user's choice into a write.
///
/// - keep mine: `mine` is written from base `theirs.revision`, so it is stored as
///   revision `theirs.revision + 1`;
/// - take theirs: nothing is written, the editor opens `theirs`;
/// - keep both: theirs stays; mine gets a new id from `new_id`, the name
///   "<name> (copy)" and revision 0, and is written as a new plan.
pub fn resolve(
    choice: Resolution,
    mine: Plan,
    theirs: Plan,
    new_id: impl FnOnce() -> String,
) -> ResolvedSave {
    match choice {
        Resolution::KeepMine => {
            let base = theirs.revision;
            let mut mine = mine;
            mine.revision = base;
            ResolvedSave {
                write: Some((mine.clone(), base)),
                open: mine,
            }
        }
        Resolution::TakeTheirs => ResolvedSave {
            write: None,
            open: theirs,
        },
        Resolution::KeepBoth => {
            let copy = as_copy(mine, new_id());
            ResolvedSave {
                write: Some((copy.clone(), 0)),
                open: copy,
            }
        }
    }
}

/// `plan` as a new plan: the given id, " (copy)" after its name, revision 0.
pub fn as_copy(plan: Plan, id: String) -> Plan {
    let mut copy = plan;
    copy.id = id;
    if !copy.name.ends_with(COPY_SUFFIX) {
        copy.name.push_str(COPY_SUFFIX);
    }
    copy.revision = 0;
    copy
}
