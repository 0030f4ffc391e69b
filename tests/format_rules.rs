//! Trash expiry, the backup reminder and conflict decisions.
// Native tests (the wasm build runs tests/wasm_*.rs in a browser).
#![cfg(not(target_arch = "wasm32"))]

use race_planner::domain::plan::Plan;
use race_planner::format::conflict::{
    as_copy, decide_save, resolve, Resolution, SaveDecision, COPY_SUFFIX,
};
use race_planner::format::rules::{
    backup_reminder_due, oldest_unexported_change, trash_days_left, trash_expired,
    trash_expires_at, BackupState, BACKUP_REMINDER_DAYS, DAY_MS, REMINDER_SNOOZE_MS, TRASH_DAYS,
};

const T0: i64 = 1_767_225_600_000; // 2026-01-01T00:00:00Z

fn plan(id: &str, revision: u64) -> Plan {
    let mut p = Plan::new(id, "Launch", T0, "2026-01-01");
    p.revision = revision;
    p
}

#[test]
fn trash_keeps_plans_for_30_days() {
    assert_eq!(TRASH_DAYS, 30);
    assert_eq!(trash_expires_at(T0), T0 + 30 * DAY_MS);
    assert!(!trash_expired(T0, T0));
    assert!(!trash_expired(T0, T0 + 30 * DAY_MS - 1));
    assert!(trash_expired(T0, T0 + 30 * DAY_MS));
    assert_eq!(trash_days_left(T0, T0), 30);
    assert_eq!(trash_days_left(T0, T0 + 29 * DAY_MS + 1), 1);
    assert_eq!(trash_days_left(T0, T0 + 31 * DAY_MS), 0);
    assert!(
        !trash_expired(i64::MAX - 5, i64::MAX - 4),
        "no overflow near the end of time"
    );
}

#[test]
fn reminder_waits_seven_days_after_the_first_unexported_change() {
    assert_eq!(BACKUP_REMINDER_DAYS, 7);
    let mut state = BackupState::default();
    assert!(
        !state.reminder_due(T0 + 100 * DAY_MS),
        "no change, no reminder"
    );
    state.note_change(T0);
    state.note_change(T0 + 5 * DAY_MS); // later changes do not move the start
    assert_eq!(state.first_unexported_change_at, Some(T0));
    assert!(!state.reminder_due(T0 + 7 * DAY_MS - 1));
    assert!(state.reminder_due(T0 + 7 * DAY_MS));
    state.note_export(T0 + 8 * DAY_MS);
    assert!(!state.reminder_due(T0 + 30 * DAY_MS), "everything exported");
    state.note_change(T0 + 9 * DAY_MS);
    assert!(!state.reminder_due(T0 + 15 * DAY_MS));
    assert!(state.reminder_due(T0 + 16 * DAY_MS));
}

#[test]
fn a_snoozed_reminder_comes_back_a_day_later() {
    let mut state = BackupState::default();
    state.note_change(T0);
    let now = T0 + 10 * DAY_MS;
    assert!(state.reminder_due(now));
    state.snooze(now);
    assert!(!state.reminder_due(now + REMINDER_SNOOZE_MS - 1));
    assert!(state.reminder_due(now + REMINDER_SNOOZE_MS));
}

#[test]
fn reminder_rule_from_plan_change_times() {
    let changes = [T0 + 3 * DAY_MS, T0 + DAY_MS, T0 + 9 * DAY_MS];
    assert_eq!(oldest_unexported_change(None, changes), Some(T0 + DAY_MS));
    assert_eq!(
        oldest_unexported_change(Some(T0 + 2 * DAY_MS), changes),
        Some(T0 + 3 * DAY_MS)
    );
    assert_eq!(
        oldest_unexported_change(Some(T0 + 20 * DAY_MS), changes),
        None
    );
    assert!(backup_reminder_due(None, Some(T0), T0 + 7 * DAY_MS));
    assert!(!backup_reminder_due(
        Some(T0 + DAY_MS),
        Some(T0),
        T0 + 70 * DAY_MS
    ));
    assert!(!backup_reminder_due(None, None, T0 + 70 * DAY_MS));
}

#[test]
fn backup_state_round_trips_and_tolerates_missing_fields() {
    let mut state = BackupState::default();
    state.note_change(T0);
    let json = serde_json::to_string(&state).unwrap();
    assert_eq!(serde_json::from_str::<BackupState>(&json).unwrap(), state);
    assert_eq!(
        serde_json::from_str::<BackupState>("{}").unwrap(),
        BackupState::default()
    );
}

#[test]
fn saving_from_the_stored_revision_writes() {
    let mine = plan("p1", 3);
    assert!(matches!(
        decide_save(3, Some(&plan("p1", 3)), &mine),
        SaveDecision::Write
    ));
    assert!(matches!(decide_save(0, None, &mine), SaveDecision::Write));
}

#[test]
fn saving_from_an_older_revision_is_a_conflict() {
    let mut theirs = plan("p1", 4);
    theirs.name = "Launch (edited elsewhere)".into();
    let mut mine = plan("p1", 3);
    mine.name = "Launch (edited here)".into();
    match decide_save(3, Some(&theirs), &mine) {
        SaveDecision::Conflict { theirs: t } => {
            assert_eq!(t.revision, 4);
            assert_eq!(t.name, "Launch (edited elsewhere)");
        }
        SaveDecision::Write => panic!("expected a conflict"),
    }
}

#[test]
fn the_same_edit_in_two_tabs_is_no_conflict() {
    let mut theirs = plan("p1", 4);
    theirs.updated_at = T0 + 5;
    let mut mine = plan("p1", 9);
    mine.updated_at = T0 + 7;
    assert!(matches!(
        decide_save(3, Some(&theirs), &mine),
        SaveDecision::Write
    ));
}

#[test]
fn keep_mine_writes_over_theirs_at_their_revision_plus_one() {
    let mut mine = plan("p1", 3);
    mine.name = "Mine".into();
    let theirs = plan("p1", 4);
    let r = resolve(Resolution::KeepMine, mine, theirs, || unreachable!());
    let (write, base) = r.write.unwrap();
    assert_eq!(write.name, "Mine");
    assert_eq!(base, 4, "saving from base 4 stores revision 5");
    assert_eq!(r.open.name, "Mine");
}

#[test]
fn take_theirs_writes_nothing() {
    let mut theirs = plan("p1", 4);
    theirs.name = "Theirs".into();
    let r = resolve(
        Resolution::TakeTheirs,
        plan("p1", 3),
        theirs,
        || unreachable!(),
    );
    assert!(r.write.is_none());
    assert_eq!(r.open.name, "Theirs");
    assert_eq!(r.open.revision, 4);
}

#[test]
fn keep_both_saves_mine_as_a_copy() {
    let mut mine = plan("p1", 3);
    mine.name = "Mine".into();
    let r = resolve(Resolution::KeepBoth, mine, plan("p1", 4), || "p2".into());
    let (copy, base) = r.write.unwrap();
    assert_eq!(copy.id, "p2");
    assert_eq!(copy.name, format!("Mine{COPY_SUFFIX}"));
    assert_eq!(copy.revision, 0);
    assert_eq!(base, 0);
    assert_eq!(r.open.id, "p2");
    // Copying a copy does not stack suffixes.
    assert_eq!(as_copy(copy, "p3".into()).name, "Mine (copy)");
}
