//! The storage against the real localStorage of headless Chromium: every fault
//! of the persistence issue, made to happen for real.
//!
//! Run with `CHROMEDRIVER=/usr/bin/chromedriver cargo test --target
//! wasm32-unknown-unknown --test wasm_storage`. Tests run one after another in
//! one page; each starts and ends by removing the app's keys (and its junk).
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::rc::Rc;

use race_planner::domain::money::Money;
use race_planner::domain::plan::{Plan, SCHEMA_VERSION};
use race_planner::format::conflict::Resolution;
use race_planner::format::rules::DAY_MS;
use race_planner::format::stored::{DrawnOverview, Glance, Index, STORED_DOC_VERSION};
use race_planner::format::{export_backup, import_file, read_plan_text, to_storage_json};
use race_planner::storage::{self, keys, ChangeEvent, StorageError, APPROX_QUOTA_CHARS};
use serde_json::{json, Value};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const V0: &str = include_str!("fixtures/plan-v0.json");
const V1: &str = include_str!("fixtures/plan-v1.json");
const JUNK_PREFIX: &str = "test-junk:";

fn raw() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

/// Removes the app's keys and the junk of the storage-full test.
fn clean() {
    let s = raw();
    let keys: Vec<String> = (0..s.length().unwrap())
        .filter_map(|i| s.key(i).unwrap())
        .filter(|k| k.starts_with(keys::PREFIX) || k.starts_with(JUNK_PREFIX))
        .collect();
    for k in keys {
        s.remove_item(&k).unwrap();
    }
}

fn get(key: &str) -> Option<String> {
    raw().get_item(key).unwrap()
}

fn set(key: &str, value: &str) {
    raw().set_item(key, value).unwrap()
}

fn plan(id: &str, name: &str) -> Plan {
    let (mut p, _) = read_plan_text(V1).unwrap();
    p.id = id.into();
    p.name = name.into();
    p.revision = 0;
    p
}

fn own_keys() -> Vec<String> {
    let s = raw();
    let mut keys: Vec<String> = (0..s.length().unwrap())
        .filter_map(|i| s.key(i).unwrap())
        .filter(|k| k.starts_with(keys::PREFIX))
        .collect();
    keys.sort();
    keys
}

fn index() -> Index {
    Index::from_json(&get(keys::INDEX_KEY).unwrap()).unwrap()
}

#[wasm_bindgen_test]
fn a_saved_plan_loads_back() {
    clean();
    let p = plan("p1", "First plan");
    assert_eq!(storage::save(&p, 0).unwrap(), 1);
    let stored = get(&keys::plan_key("p1")).unwrap();
    assert!(
        stored.starts_with(&format!("{{\"schema_version\":{SCHEMA_VERSION},")),
        "compact, versioned"
    );
    let loaded = storage::load_all().unwrap();
    assert_eq!(loaded.plans.len(), 1);
    assert!(loaded.recovered.is_empty());
    let back = &loaded.plans[0];
    assert!(!back.read_only);
    assert_eq!(back.plan.revision, 1);
    assert_eq!(back.plan.name, "First plan");
    let entry = index().plans[0].clone();
    assert_eq!(
        (entry.id.as_str(), entry.revision, entry.schema_version),
        ("p1", 1, SCHEMA_VERSION)
    );
    // Saving the same content again writes nothing new.
    assert_eq!(storage::save(&back.plan, 1).unwrap(), 1);
    // An edit goes to revision 2.
    let mut edited = back.plan.clone();
    edited.name = "First plan, edited".into();
    assert_eq!(storage::save(&edited, 1).unwrap(), 2);
    assert_eq!(
        storage::load("p1").unwrap().unwrap().plan.name,
        "First plan, edited"
    );
    clean();
}

#[wasm_bindgen_test]
fn corrupt_json_is_moved_to_recovery_and_other_plans_load() {
    clean();
    storage::save(&plan("good", "Good plan"), 0).unwrap();
    storage::save(&plan("bad", "Broken plan"), 0).unwrap();
    let damaged = "{\"schema_version\":1,\"id\":\"bad\",\"name\":\"Broken plan\",\"funnel\":{";
    set(&keys::plan_key("bad"), damaged);

    let loaded = storage::load_all().unwrap();
    let names: Vec<&str> = loaded.plans.iter().map(|p| p.plan.name.as_str()).collect();
    assert_eq!(names, ["Good plan"]);
    assert_eq!(loaded.recovered.len(), 1);
    let entry = &loaded.recovered[0];
    assert_eq!(entry.id, "bad");
    assert_eq!(entry.name.as_deref(), Some("Broken plan"));
    assert_eq!(entry.raw_text, damaged, "the text is kept exactly");
    assert!(
        entry.key.starts_with("race-planner:recovery:bad:"),
        "{}",
        entry.key
    );
    assert!(entry.moved_at.is_some());
    assert!(entry.error.contains("not valid JSON"), "{}", entry.error);
    assert!(entry.file_name().ends_with(".json.txt"));
    // Moved, not copied; and the index forgot it.
    assert_eq!(get(&keys::plan_key("bad")), None);
    assert!(get(&entry.key).unwrap().contains("funnel"));
    assert!(index().get("bad").is_none());

    // Next start: still listed until the user discards it.
    let again = storage::load_all().unwrap();
    assert_eq!(again.plans.len(), 1);
    assert_eq!(again.recovered.len(), 1);
    assert_eq!(again.recovered[0].raw_text, damaged);
    assert_eq!(storage::list_recovery().unwrap().len(), 1);
    storage::discard_recovery(&entry.key).unwrap();
    assert!(storage::list_recovery().unwrap().is_empty());
    // Only recovery keys can be discarded that way.
    assert!(storage::discard_recovery(&keys::plan_key("good")).is_err());
    assert!(get(&keys::plan_key("good")).is_some());
    clean();
}

#[wasm_bindgen_test]
fn wrong_shapes_and_values_out_of_range_are_moved_aside_too() {
    clean();
    storage::save(&plan("good", "Good plan"), 0).unwrap();
    set(
        &keys::plan_key("shape"),
        "{\"schema_version\":1,\"id\":\"shape\",\"name\":\"Shape\",\"funnel\":{\"act_rate\":\"high\"}}",
    );
    let mut negative: Value =
        serde_json::from_str(&to_storage_json(&plan("range", "Range"))).unwrap();
    negative["stages"]["reach"]["touchpoints"][0]["budget"] = json!(-5);
    set(&keys::plan_key("range"), &negative.to_string());
    set(&keys::plan_key("array"), "[1,2,3]");

    let loaded = storage::load_all().unwrap();
    assert_eq!(loaded.plans.len(), 1);
    let mut errors: Vec<(String, String)> = loaded
        .recovered
        .iter()
        .map(|r| (r.id.clone(), r.error.clone()))
        .collect();
    errors.sort();
    assert_eq!(errors.len(), 3);
    assert_eq!(errors[0].0, "array");
    assert_eq!(errors[1].0, "range");
    assert!(
        errors[1]
            .1
            .contains("stages.reach.touchpoints[0].budget: must not be negative"),
        "{}",
        errors[1].1
    );
    assert_eq!(errors[2].0, "shape");
    assert!(errors[2].1.contains("funnel.act_rate"), "{}", errors[2].1);
    assert_eq!(
        loaded
            .recovered
            .iter()
            .find(|r| r.id == "range")
            .unwrap()
            .name
            .as_deref(),
        Some("Range")
    );
    clean();
}

#[wasm_bindgen_test]
fn an_old_version_is_migrated_and_written_back() {
    clean();
    set(&keys::plan_key("autumn-draft"), V0);
    let loaded = storage::load_all().unwrap();
    assert_eq!(loaded.plans.len(), 1);
    let stored = &loaded.plans[0];
    assert!(!stored.read_only);
    assert!(stored
        .notice
        .as_deref()
        .unwrap()
        .contains(&format!("from data version 0 to {SCHEMA_VERSION}")));
    assert_eq!(stored.plan.name, "Autumn draft plan");
    assert_eq!(stored.plan.funnel.act_rate, 0.025);
    assert_eq!(
        stored.plan.stages.reach.touchpoints[0].budget,
        Money(250_050)
    );
    // Written back in the current version.
    let text = get(&keys::plan_key("autumn-draft")).unwrap();
    let value: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(value["schema_version"], SCHEMA_VERSION);
    assert!(value.get("touchpoints").is_none());
    assert_eq!(
        index().get("autumn-draft").unwrap().schema_version,
        SCHEMA_VERSION
    );
    // And it saves normally from there.
    let mut edited = stored.plan.clone();
    edited.name = "Autumn plan".into();
    assert_eq!(storage::save(&edited, stored.plan.revision).unwrap(), 1);
    clean();
}

#[wasm_bindgen_test]
fn an_old_version_that_cannot_be_written_back_keeps_its_original() {
    clean();
    // A v0 plan whose migrated text is longer than the original (every
    // default field spelled out).
    let compact = serde_json::from_str::<Value>(V0).unwrap().to_string();
    let (migrated, _) = race_planner::format::migrate(serde_json::from_str(V0).unwrap()).unwrap();
    assert!(to_storage_json(&migrated).len() > compact.len() + 100);
    set(&keys::plan_key("autumn-draft"), &compact);
    fill_storage();
    let loaded = storage::load_all().unwrap();
    assert_eq!(loaded.plans.len(), 1);
    let stored = &loaded.plans[0];
    assert_eq!(stored.plan.name, "Autumn draft plan");
    assert!(
        stored
            .notice
            .as_deref()
            .unwrap()
            .contains("at the next save"),
        "{:?}",
        stored.notice
    );
    assert_eq!(
        get(&keys::plan_key("autumn-draft")),
        Some(compact),
        "original kept"
    );
    clean();
}

fn newer_text(displayable: bool) -> String {
    let mut value: Value =
        serde_json::from_str(&to_storage_json(&plan("future", "From the future"))).unwrap();
    value["schema_version"] = json!(SCHEMA_VERSION + 1);
    value["revision"] = json!(9);
    value["channels_v2"] = json!([{ "id": "c1" }]);
    if !displayable {
        value["stages"] = json!(["reshaped"]);
    }
    value.to_string()
}

#[wasm_bindgen_test]
fn a_newer_version_is_left_untouched_and_read_only() {
    clean();
    let text = newer_text(true);
    set(&keys::plan_key("future"), &text);
    let odd = newer_text(false).replace("\"future\"", "\"odd\"");
    set(&keys::plan_key("odd"), &odd);
    storage::save(&plan("today", "Today"), 0).unwrap();

    let loaded = storage::load_all().unwrap();
    assert!(loaded.recovered.is_empty(), "newer is not damaged");
    let future = loaded.plans.iter().find(|p| p.plan.id == "future").unwrap();
    assert!(future.read_only);
    assert_eq!(future.plan.name, "From the future");
    assert!(future.notice.as_deref().unwrap().contains("newer version"));
    let today = loaded.plans.iter().find(|p| p.plan.id == "today").unwrap();
    assert!(!today.read_only);
    // Not displayable at all: listed apart, still untouched.
    assert_eq!(loaded.newer.len(), 1);
    assert_eq!(loaded.newer[0].id, "odd");
    assert_eq!(loaded.newer[0].found, SCHEMA_VERSION + 1);
    assert_eq!(get(&keys::plan_key("odd")).as_deref(), Some(odd.as_str()));

    // Never overwritten, not even by a save or a delete.
    match storage::save(&future.plan, 9) {
        Err(StorageError::NewerVersion {
            found, supported, ..
        }) => assert_eq!((found, supported), (SCHEMA_VERSION + 1, SCHEMA_VERSION)),
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        storage::delete_to_trash("future", 0),
        Err(StorageError::NewerVersion { .. })
    ));
    assert_eq!(
        get(&keys::plan_key("future")).as_deref(),
        Some(text.as_str())
    );
    assert_eq!(
        index().get("future").unwrap().schema_version,
        SCHEMA_VERSION + 1
    );
    clean();
}

/// Fills localStorage with 100 KB strings until the browser refuses; returns
/// how many were written.
fn fill_storage() -> usize {
    let chunk = "x".repeat(100_000);
    let s = raw();
    for i in 0..200 {
        if let Err(e) = s.set_item(&format!("{JUNK_PREFIX}{i}"), &chunk) {
            let name = e.dyn_ref::<web_sys::DomException>().map(|d| d.name());
            assert_eq!(name.as_deref(), Some("QuotaExceededError"));
            // Fill the rest with smaller pieces so that little room is left.
            for (size, pieces) in [(1_000, 200), (50, 100)] {
                let small = "y".repeat(size);
                for j in 0..pieces {
                    if s.set_item(&format!("{JUNK_PREFIX}{size}-{j}"), &small)
                        .is_err()
                    {
                        break;
                    }
                }
            }
            return i;
        }
    }
    panic!("the storage never filled up");
}

#[wasm_bindgen_test]
fn a_full_storage_refuses_the_save_and_keeps_the_previous_version() {
    clean();
    let p = plan("p1", "Before");
    assert_eq!(storage::save(&p, 0).unwrap(), 1);
    let before = get(&keys::plan_key("p1")).unwrap();
    let index_before = get(keys::INDEX_KEY).unwrap();

    let chunks = fill_storage();
    assert!(chunks > 10, "filled with {chunks} chunks");

    // A bigger version of the plan does not fit.
    let mut bigger = p.clone();
    bigger.name = "After".into();
    bigger.opportunity.swot.strengths = vec!["z".repeat(50_000)];
    match storage::save(&bigger, 1) {
        Err(StorageError::QuotaExceeded) => {}
        other => panic!("expected QuotaExceeded, got {other:?}"),
    }
    assert_eq!(
        get(&keys::plan_key("p1")).unwrap(),
        before,
        "the previous version is intact"
    );
    assert_eq!(
        get(keys::INDEX_KEY).unwrap(),
        index_before,
        "the index is unchanged"
    );
    // A new plan does not fit either, and leaves no trace.
    let mut new_plan = plan("p2", "New");
    new_plan.opportunity.swot.strengths = vec!["z".repeat(50_000)];
    assert!(matches!(
        storage::save(&new_plan, 0),
        Err(StorageError::QuotaExceeded)
    ));
    assert_eq!(get(&keys::plan_key("p2")), None);
    assert_eq!(get(keys::INDEX_KEY).unwrap(), index_before);
    // The message tells what to do.
    assert!(StorageError::QuotaExceeded.to_string().contains("export"));
    // Reading still works, and the usage shows the others' junk.
    let loaded = storage::load_all().unwrap();
    assert_eq!(loaded.plans[0].plan.name, "Before");
    assert!(storage::is_available());
    let usage = storage::storage_estimate().unwrap();
    assert!(usage.others_chars >= (chunks as u64) * 100_000);
    assert!(usage.used_chars >= before.len() as u64);
    assert!(
        usage.used_chars < 100_000,
        "only the app's own keys count as used"
    );
    assert_eq!(usage.quota_chars, APPROX_QUOTA_CHARS);

    // Room made: the same save goes through.
    clean();
    set(&keys::plan_key("p1"), &before);
    set(keys::INDEX_KEY, &index_before);
    assert_eq!(storage::save(&bigger, 1).unwrap(), 2);
    assert_eq!(storage::load("p1").unwrap().unwrap().plan.name, "After");
    clean();
}

#[wasm_bindgen_test]
fn the_storage_estimate_counts_what_the_quota_counts() {
    clean();
    // The browser's quota counts UTF-16 code units of keys and values: "é" and "€"
    // are one each (two and three bytes of UTF-8), "😀" two (four bytes).
    let own_key = keys::plan_key("p1");
    let own_value = "é€😀".repeat(1_000);
    set(&own_key, &own_value);
    let other_key = format!("{JUNK_PREFIX}other");
    set(&other_key, "€€");
    let usage = storage::storage_estimate().unwrap();
    assert_eq!(
        usage.used_chars,
        own_key.len() as u64 + 4_000,
        "the app's key and its value, in UTF-16 code units"
    );
    assert!(usage.others_chars >= other_key.len() as u64 + 2);
    clean();
}

#[wasm_bindgen_test]
fn an_index_that_does_not_fit_puts_the_plan_back() {
    clean();
    let mut p = plan("p1", "Short name");
    p.opportunity.swot.strengths = vec!["s".repeat(3_000)];
    assert_eq!(storage::save(&p, 0).unwrap(), 1);
    let before = get(&keys::plan_key("p1")).unwrap();
    let index_before = get(keys::INDEX_KEY).unwrap();
    fill_storage();
    // Same length of plan text (the plan write fits), but the index entry grows
    // by 2,000 characters, more than the room left.
    let mut renamed = p.clone();
    renamed.name = format!("Short name{}", "n".repeat(2_000));
    renamed.opportunity.swot.strengths = vec!["s".repeat(1_000)];
    assert_eq!(to_storage_json(&renamed).len(), before.len());
    match storage::save(&renamed, 1) {
        Err(StorageError::QuotaExceeded) => {}
        other => panic!("expected QuotaExceeded, got {other:?}"),
    }
    assert_eq!(
        get(&keys::plan_key("p1")).unwrap(),
        before,
        "the plan was put back"
    );
    assert_eq!(get(keys::INDEX_KEY).unwrap(), index_before);
    clean();
}

#[wasm_bindgen_test]
fn deleting_works_when_the_storage_is_full() {
    clean();
    let now = storage::now_ms();
    let mut p = plan("p1", "Big plan");
    p.opportunity.swot.strengths = vec!["s".repeat(20_000)];
    storage::save(&p, 0).unwrap();
    storage::save(&plan("p2", "Other"), 0).unwrap();
    fill_storage();
    storage::delete_to_trash("p1", now).unwrap();
    assert_eq!(get(&keys::plan_key("p1")), None);
    let trash = storage::list_trash(now).unwrap();
    assert_eq!(trash.len(), 1);
    assert_eq!(trash[0].plan.opportunity.swot.strengths[0].len(), 20_000);
    // Emptying the trash makes room.
    storage::delete_from_trash(&trash[0].key).unwrap();
    let mut edited = plan("p2", "Other, edited");
    edited.opportunity.swot.strengths = vec!["t".repeat(10_000)];
    assert_eq!(storage::save(&edited, 1).unwrap(), 2);
    clean();
}

#[wasm_bindgen_test]
fn concurrent_revisions_are_a_conflict_and_the_user_chooses() {
    clean();
    // This tab loaded revision 3.
    let mut p = plan("p1", "Shared plan");
    for base in 0..3 {
        p.name = format!("Shared plan r{}", base + 1);
        storage::save(&p, base).unwrap();
    }
    let (mine_loaded, _) = read_plan_text(&get(&keys::plan_key("p1")).unwrap()).unwrap();
    assert_eq!(mine_loaded.revision, 3);
    // Another tab saves revision 4.
    let mut theirs = mine_loaded.clone();
    theirs.name = "Edited in the other tab".into();
    assert_eq!(storage::save(&theirs, 3).unwrap(), 4);
    let stored_theirs = get(&keys::plan_key("p1")).unwrap();

    // This tab saves from base 3.
    let mut mine = mine_loaded.clone();
    mine.name = "Edited in this tab".into();
    let their_plan = match storage::save(&mine, 3) {
        Err(StorageError::Conflict { theirs }) => *theirs,
        other => panic!("expected a conflict, got {other:?}"),
    };
    assert_eq!(their_plan.revision, 4);
    assert_eq!(their_plan.name, "Edited in the other tab");
    assert_eq!(
        get(&keys::plan_key("p1")).unwrap(),
        stored_theirs,
        "nothing written"
    );

    // Take theirs: nothing written.
    let (open, base) =
        storage::resolve_conflict(Resolution::TakeTheirs, mine.clone(), their_plan.clone())
            .unwrap();
    assert_eq!((open.name.as_str(), base), ("Edited in the other tab", 4));
    assert_eq!(get(&keys::plan_key("p1")).unwrap(), stored_theirs);

    // Keep both: theirs stays, mine becomes a copy.
    let (copy, copy_rev) =
        storage::resolve_conflict(Resolution::KeepBoth, mine.clone(), their_plan.clone()).unwrap();
    assert_ne!(copy.id, "p1");
    assert_eq!(copy.name, "Edited in this tab (copy)");
    assert_eq!(copy_rev, 1);
    assert_eq!(get(&keys::plan_key("p1")).unwrap(), stored_theirs);
    assert_eq!(
        storage::load(&copy.id).unwrap().unwrap().plan.name,
        "Edited in this tab (copy)"
    );

    // Keep mine: written over theirs as revision 5.
    let (kept, rev) = storage::resolve_conflict(Resolution::KeepMine, mine, their_plan).unwrap();
    assert_eq!(rev, 5);
    assert_eq!(kept.revision, 5);
    let stored = storage::load("p1").unwrap().unwrap().plan;
    assert_eq!(
        (stored.name.as_str(), stored.revision),
        ("Edited in this tab", 5)
    );
    assert_eq!(storage::list_plans().unwrap().len(), 2);
    clean();
}

#[wasm_bindgen_test]
fn a_new_plan_never_replaces_a_stored_one() {
    clean();
    storage::save(&plan("p1", "Stored"), 0).unwrap();
    assert!(matches!(
        storage::save_new(&plan("p1", "Imported")),
        Err(StorageError::Conflict { .. })
    ));
    assert_eq!(storage::load("p1").unwrap().unwrap().plan.name, "Stored");
    // Importing a backup that holds the same id gives a new id.
    let backup = export_backup(&[plan("p1", "Imported")], 0);
    let ids = storage::stored_ids().unwrap();
    let result = import_file(backup.as_bytes(), &ids, storage::new_id).unwrap();
    let imported = &result.plans[0].plan;
    assert_ne!(imported.id, "p1");
    assert_eq!(imported.id.len(), 16);
    assert_eq!(storage::save_new(imported).unwrap(), 1);
    assert_eq!(storage::list_plans().unwrap().len(), 2);
    clean();
}

#[wasm_bindgen_test]
fn an_invalid_plan_is_not_saved() {
    clean();
    let mut p = plan("p1", "Bad budget");
    p.stages.reach.touchpoints[0].budget = Money(-1);
    match storage::save(&p, 0) {
        Err(StorageError::Invalid(errors)) => {
            assert_eq!(errors[0].path, "stages.reach.touchpoints[0].budget")
        }
        other => panic!("{other:?}"),
    }
    let mut q = plan("bad:id", "Bad id");
    q.revision = 0;
    assert!(matches!(
        storage::save(&q, 0),
        Err(StorageError::Invalid(_))
    ));
    assert!(own_keys().is_empty(), "{:?}", own_keys());
    clean();
}

#[wasm_bindgen_test]
fn a_damaged_stored_copy_is_moved_aside_before_a_save() {
    clean();
    let p = plan("p1", "Mine");
    storage::save(&p, 0).unwrap();
    set(&keys::plan_key("p1"), "garbage");
    assert_eq!(storage::save(&p, 1).unwrap(), 2);
    let recovered = storage::list_recovery().unwrap();
    assert_eq!(recovered.len(), 1);
    assert_eq!(recovered[0].raw_text, "garbage");
    assert_eq!(storage::load("p1").unwrap().unwrap().plan.name, "Mine");
    clean();
}

#[wasm_bindgen_test]
fn a_damaged_index_is_rebuilt() {
    clean();
    storage::save(&plan("a", "A"), 0).unwrap();
    storage::save(&plan("b", "B"), 0).unwrap();
    set(keys::INDEX_KEY, "{oops");
    assert!(storage::list_plans().unwrap().is_empty());
    let loaded = storage::load_all().unwrap();
    assert_eq!(loaded.plans.len(), 2);
    assert!(loaded.recovered.is_empty());
    assert_eq!(storage::list_plans().unwrap().len(), 2);
    clean();
}

#[wasm_bindgen_test]
fn deleted_plans_go_to_the_trash_and_come_back() {
    clean();
    let now = storage::now_ms();
    storage::save(&plan("p1", "Deleted one"), 0).unwrap();
    storage::save(&plan("p2", "Kept"), 0).unwrap();
    let stored_text = get(&keys::plan_key("p1")).unwrap();
    storage::delete_to_trash("p1", now).unwrap();
    assert_eq!(get(&keys::plan_key("p1")), None);
    assert_eq!(
        get(&keys::trash_key("p1", now)).as_deref(),
        Some(stored_text.as_str()),
        "the text unchanged"
    );
    assert!(index().get("p1").is_none());
    assert_eq!(storage::load_all().unwrap().plans.len(), 1);

    let trash = storage::list_trash(now).unwrap();
    assert_eq!(trash.len(), 1);
    assert_eq!(trash[0].plan.name, "Deleted one");
    assert_eq!(trash[0].days_left, 30);
    assert_eq!(
        storage::list_trash(now + 29 * DAY_MS).unwrap()[0].days_left,
        1
    );

    let (restored, revision) = storage::restore_from_trash(&trash[0].key).unwrap();
    assert_eq!((restored.id.as_str(), revision), ("p1", 1));
    assert!(storage::list_trash(now).unwrap().is_empty());
    assert_eq!(storage::load_all().unwrap().plans.len(), 2);
    assert_eq!(
        storage::save(&restored, 1).unwrap(),
        1,
        "unchanged: nothing to write"
    );

    // Expiry after 30 days.
    storage::delete_to_trash("p1", now).unwrap();
    assert_eq!(storage::purge_expired_trash(now + 29 * DAY_MS).unwrap(), 0);
    assert_eq!(storage::purge_expired_trash(now + 30 * DAY_MS).unwrap(), 1);
    assert!(storage::list_trash(now).unwrap().is_empty());
    assert!(matches!(
        storage::delete_to_trash("nope", now),
        Err(StorageError::NotFound { .. })
    ));
    clean();
}

#[wasm_bindgen_test]
fn restoring_next_to_a_plan_with_the_same_id_gives_a_new_id() {
    clean();
    let now = storage::now_ms();
    storage::save(&plan("p1", "Old"), 0).unwrap();
    storage::delete_to_trash("p1", now).unwrap();
    storage::save(&plan("p1", "New with the same id"), 0).unwrap();
    let key = storage::list_trash(now).unwrap()[0].key.clone();
    let (restored, _) = storage::restore_from_trash(&key).unwrap();
    assert_ne!(restored.id, "p1");
    assert_eq!(
        storage::load("p1").unwrap().unwrap().plan.name,
        "New with the same id"
    );
    assert_eq!(
        storage::load(&restored.id).unwrap().unwrap().plan.name,
        "Old"
    );
    clean();
}

#[wasm_bindgen_test]
fn the_backup_reminder_follows_changes_and_exports() {
    clean();
    let now = storage::now_ms();
    assert!(!storage::backup_reminder_due(now).unwrap());
    storage::save(&plan("p1", "P"), 0).unwrap();
    assert!(!storage::backup_reminder_due(now + DAY_MS).unwrap());
    assert!(storage::backup_reminder_due(now + 8 * DAY_MS).unwrap());
    storage::snooze_backup_reminder(now + 8 * DAY_MS).unwrap();
    assert!(!storage::backup_reminder_due(now + 8 * DAY_MS + 1).unwrap());
    storage::record_export(now + 8 * DAY_MS).unwrap();
    assert_eq!(storage::last_export_at().unwrap(), Some(now + 8 * DAY_MS));
    assert!(!storage::backup_reminder_due(now + 20 * DAY_MS).unwrap());
    clean();
}

fn dispatch_storage_event(key: Option<&str>, new_value: Option<&str>) {
    let window = web_sys::window().unwrap();
    let ctor: js_sys::Function = js_sys::Reflect::get(&window, &"StorageEvent".into())
        .unwrap()
        .dyn_into()
        .unwrap();
    let init = js_sys::Object::new();
    let text = |v: Option<&str>| v.map_or(JsValue::NULL, JsValue::from_str);
    js_sys::Reflect::set(&init, &"key".into(), &text(key)).unwrap();
    js_sys::Reflect::set(&init, &"newValue".into(), &text(new_value)).unwrap();
    let event: web_sys::Event =
        js_sys::Reflect::construct(&ctor, &js_sys::Array::of2(&"storage".into(), &init))
            .unwrap()
            .dyn_into()
            .unwrap();
    window.dispatch_event(&event).unwrap();
}

#[wasm_bindgen_test]
fn changes_from_other_tabs_are_reported() {
    let seen: Rc<RefCell<Vec<ChangeEvent>>> = Rc::default();
    let sink = seen.clone();
    let handle = storage::on_plan_changed(move |change| sink.borrow_mut().push(change));
    assert_eq!(handle.len(), 1);
    dispatch_storage_event(Some("race-planner:plan:abc"), Some("{}"));
    dispatch_storage_event(Some("race-planner:plan:abc"), None);
    dispatch_storage_event(Some("race-planner:index"), Some("{}"));
    dispatch_storage_event(Some("race-planner:trash:abc"), Some("{}"));
    dispatch_storage_event(Some("another-app:settings"), Some("{}"));
    dispatch_storage_event(None, None);
    assert_eq!(
        *seen.borrow(),
        [
            ChangeEvent::PlanSaved { id: "abc".into() },
            ChangeEvent::PlanDeleted { id: "abc".into() },
            ChangeEvent::IndexChanged,
            ChangeEvent::TrashChanged,
            ChangeEvent::Other,
        ]
    );
    drop(handle);
    dispatch_storage_event(Some("race-planner:plan:abc"), Some("{}"));
    assert_eq!(
        seen.borrow().len(),
        5,
        "no more events after the handle is dropped"
    );
}

#[wasm_bindgen_test]
fn pagehide_calls_the_flush() {
    let calls = Rc::new(RefCell::new(0));
    let counter = calls.clone();
    let handle = storage::flush_on_hide(move || *counter.borrow_mut() += 1);
    assert_eq!(handle.len(), 2);
    let window = web_sys::window().unwrap();
    window
        .dispatch_event(&web_sys::Event::new("pagehide").unwrap())
        .unwrap();
    // The page is visible: a visibilitychange does not flush.
    window
        .document()
        .unwrap()
        .dispatch_event(&web_sys::Event::new("visibilitychange").unwrap())
        .unwrap();
    assert_eq!(*calls.borrow(), 1);
    drop(handle);
    window
        .dispatch_event(&web_sys::Event::new("pagehide").unwrap())
        .unwrap();
    assert_eq!(*calls.borrow(), 1);
}

#[wasm_bindgen_test]
async fn persistence_and_estimate_do_not_fail() {
    // Headless Chromium may grant or refuse; either way it is an answer, not an error.
    let granted = storage::request_persistence().await.unwrap();
    assert_eq!(storage::is_persisted().await, granted);
    let (usage, quota) = storage::browser_estimate().await.unwrap();
    assert!(usage >= 0.0 && quota > 0.0);
}

#[wasm_bindgen_test]
fn ids_are_random_and_safe() {
    let a = storage::new_id();
    let b = storage::new_id();
    assert_ne!(a, b);
    assert!(race_planner::format::import::is_valid_id(&a));
}

fn glance(revision: u64, build: &str, html: &str) -> Glance {
    Glance {
        schema_version: STORED_DOC_VERSION,
        revision,
        build: build.into(),
        locale: "en-GB".into(),
        status: "3 touchpoints".into(),
        overview: Some(DrawnOverview {
            html: html.into(),
            from: "2026-01-01".into(),
            until: "2026-01-31".into(),
        }),
    }
}

#[wasm_bindgen_test]
fn the_first_load_reads_glances_that_describe_every_stored_plan_and_nothing_else() {
    clean();
    // Nothing stored: an empty list, not a hand-over.
    assert!(storage::plans_stored_as_indexed().unwrap());
    let empty = storage::load_glances("b1").unwrap().unwrap();
    assert!(empty.plans.is_empty());
    storage::save(&plan("p1", "One"), 0).unwrap();
    storage::save(&plan("p2", "Two"), 0).unwrap();
    // A plan without a glance: the whole app must open it.
    storage::save_glance("p1", &glance(1, "b1", "<h1>Overview</h1>")).unwrap();
    assert!(storage::load_glances("b1").unwrap().is_none());
    storage::save_glance("p2", &glance(1, "b1", "<h1>Overview 2</h1>")).unwrap();
    let found = storage::load_glances("b1").unwrap().unwrap();
    let names: Vec<&str> = found.plans.iter().map(|g| g.entry.name.as_str()).collect();
    assert_eq!(names.len(), 2);
    assert!(names.contains(&"One") && names.contains(&"Two"));
    let one = found.plans.iter().find(|g| g.entry.id == "p1").unwrap();
    assert_eq!(one.glance.status, "3 touchpoints");
    assert_eq!(
        one.glance.overview_on("2026-01-20"),
        Some("<h1>Overview</h1>")
    );
    // Made by another build of the whole app: not used.
    assert!(storage::load_glances("b2").unwrap().is_none());
    // The plan saved again (revision 2) without a new glance: the old one is stale.
    let mut edited = plan("p1", "One, edited");
    edited.updated_at += 1;
    storage::save(&edited, 1).unwrap();
    assert!(storage::load_glances("b1").unwrap().is_none());
    storage::save_glance("p1", &glance(2, "b1", "<h1>Overview</h1>")).unwrap();
    assert!(storage::load_glances("b1").unwrap().is_some());
    // A plan's text changed by anything but the app (damaged, another version).
    let text = get(&keys::plan_key("p1")).unwrap();
    let current = format!("\"schema_version\":{SCHEMA_VERSION}");
    let changed = text.replacen(&current, "\"schema_version\":9", 1);
    assert_ne!(changed, text);
    assert!(storage::plans_stored_as_indexed().unwrap());
    set(&keys::plan_key("p1"), &changed);
    assert!(!storage::plans_stored_as_indexed().unwrap());
    set(&keys::plan_key("p1"), &text);
    assert!(storage::plans_stored_as_indexed().unwrap());
    assert!(storage::load_glances("b1").unwrap().is_some());
    assert!(storage::glance_is_current("p1", 2, "b1").unwrap());
    assert!(!storage::glance_is_current("p1", 1, "b1").unwrap());
    // A plan stored without an index entry (written by hand, or the index lost).
    set(&keys::plan_key("p3"), &get(&keys::plan_key("p2")).unwrap());
    assert!(storage::load_glances("b1").unwrap().is_none());
    raw().remove_item(&keys::plan_key("p3")).unwrap();
    assert!(storage::load_glances("b1").unwrap().is_some());
    // Deleting a plan removes its glance; a glance is not written for a plan not stored.
    storage::delete_to_trash("p2", storage::now_ms()).unwrap();
    assert_eq!(get(&keys::glance_key("p2")), None);
    storage::save_glance("p9", &glance(1, "b1", "x")).unwrap();
    assert_eq!(get(&keys::glance_key("p9")), None);
    let found = storage::load_glances("b1").unwrap().unwrap();
    assert_eq!(found.plans.len(), 1);
    clean();
}

#[wasm_bindgen_test]
fn glances_give_up_their_room_when_a_plan_needs_it() {
    clean();
    let p = plan("p1", "Plan");
    assert_eq!(storage::save(&p, 0).unwrap(), 1);
    storage::save_glance("p1", &glance(1, "b1", &"g".repeat(200_000))).unwrap();
    fill_storage();
    // Bigger than the room left, smaller than the glance.
    let mut bigger = p.clone();
    bigger.opportunity.swot.strengths = vec!["z".repeat(50_000)];
    assert_eq!(storage::save(&bigger, 1).unwrap(), 2);
    assert_eq!(get(&keys::glance_key("p1")), None);
    assert_eq!(
        storage::load("p1")
            .unwrap()
            .unwrap()
            .plan
            .opportunity
            .swot
            .strengths[0]
            .len(),
        50_000
    );
    clean();
}
