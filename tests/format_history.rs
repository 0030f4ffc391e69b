//! Undo / redo history.
// Native tests (the wasm build runs tests/wasm_*.rs in a browser).
#![cfg(not(target_arch = "wasm32"))]

use race_planner::format::history::{History, COALESCE_WINDOW_MS, DEFAULT_HISTORY_LIMIT};

#[test]
fn undo_and_redo_walk_back_and_forth() {
    let mut h = History::default();
    let mut value = 0;
    for next in 1..=3 {
        h.record(value);
        value = next;
    }
    assert_eq!(h.undo_len(), 3);
    value = h.undo(value).unwrap();
    assert_eq!(value, 2);
    value = h.undo(value).unwrap();
    assert_eq!(value, 1);
    assert!(h.can_redo());
    value = h.redo(value).unwrap();
    assert_eq!(value, 2);
    value = h.redo(value).unwrap();
    assert_eq!(value, 3);
    assert_eq!(h.redo(value), None);
}

#[test]
fn nothing_to_undo_changes_nothing() {
    let mut h: History<String> = History::default();
    assert!(!h.can_undo());
    assert_eq!(h.undo("now".into()), None);
    assert!(!h.can_redo(), "a failed undo must not create a redo step");
}

#[test]
fn a_new_edit_drops_the_redo_steps() {
    let mut h = History::default();
    h.record(1);
    let back = h.undo(2).unwrap();
    assert_eq!(back, 1);
    assert!(h.can_redo());
    h.record(1);
    assert!(!h.can_redo());
}

#[test]
fn the_history_is_bounded() {
    let mut h = History::new(3);
    for v in 0..10 {
        h.record(v);
    }
    assert_eq!(h.undo_len(), 3);
    assert_eq!(h.undo(10), Some(9));
    assert_eq!(h.undo(9), Some(8));
    assert_eq!(h.undo(8), Some(7));
    assert_eq!(h.undo(7), None);
    assert_eq!(History::<u8>::default().limit(), DEFAULT_HISTORY_LIMIT);
    assert_eq!(History::<u8>::new(0).limit(), 1);
}

#[test]
fn rapid_edits_of_one_field_are_one_step() {
    let mut h = History::default();
    // Typing "abc" into the name, one keystroke every 200 ms.
    assert!(h.record_coalesced(String::new(), "name", 1_000));
    assert!(!h.record_coalesced("a".into(), "name", 1_200));
    assert!(!h.record_coalesced("ab".into(), "name", 1_400));
    assert_eq!(h.undo_len(), 1);
    // One undo goes back to before the first keystroke.
    assert_eq!(h.undo("abc".into()), Some(String::new()));
}

#[test]
fn a_pause_or_another_field_starts_a_new_step() {
    let mut h = History::default();
    assert!(h.record_coalesced(0, "budget", 0));
    assert!(h.record_coalesced(1, "budget", COALESCE_WINDOW_MS + 1));
    assert!(h.record_coalesced(2, "name", COALESCE_WINDOW_MS + 2));
    // A plain record between two edits of the same field breaks the run too.
    h.record(3);
    assert!(h.record_coalesced(4, "name", COALESCE_WINDOW_MS + 3));
    assert_eq!(h.undo_len(), 5);
}

#[test]
fn undo_ends_a_run_of_coalesced_edits() {
    let mut h = History::default();
    h.record_coalesced(0, "name", 0);
    let back = h.undo(1).unwrap();
    assert_eq!(back, 0);
    assert!(
        h.record_coalesced(0, "name", 10),
        "after an undo, a new edit is a new step"
    );
}

#[test]
fn clear_forgets_everything() {
    let mut h = History::default();
    h.record(1);
    h.undo(2);
    h.record(3);
    h.clear();
    assert!(!h.can_undo());
    assert!(!h.can_redo());
}

#[test]
fn a_run_of_keystrokes_copies_the_value_before_it_once() {
    let mut h: History<u32> = History::new(10);
    let mut copies = 0;
    for (i, now) in [0_i64, 100, 200, 300].into_iter().enumerate() {
        h.record_coalesced_with(
            || {
                copies += 1;
                u32::try_from(i).unwrap_or(0)
            },
            "funnel-act_rate",
            now,
        );
    }
    assert_eq!(copies, 1, "folded keystrokes must not copy the value");
    assert_eq!(h.undo_len(), 1);
    assert_eq!(
        h.undo(9),
        Some(0),
        "the step keeps the value from before the first keystroke"
    );
}
