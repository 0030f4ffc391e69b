//! Storage unavailable (site data blocked, some private modes): every access to
//! `window.localStorage` throws a `SecurityError`, as Chromium does when site
//! data is blocked. The storage must report [`StorageError::Unavailable`] and
//! never panic, and plans in memory can still be exported.
//!
//! A separate test binary: the redefinition of `window.localStorage` stays for
//! the whole page.
#![cfg(target_arch = "wasm32")]

use race_planner::domain::plan::Plan;
use race_planner::format::{export_backup, import_file};
use race_planner::storage::{self, StorageError};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Makes every read of `window.localStorage` throw a SecurityError.
fn block_storage() {
    let window = web_sys::window().unwrap();
    let getter = js_sys::Function::new_no_args(
        "throw new DOMException('The operation is insecure.', 'SecurityError');",
    );
    let descriptor = js_sys::Object::new();
    js_sys::Reflect::set(&descriptor, &"configurable".into(), &JsValue::TRUE).unwrap();
    js_sys::Reflect::set(&descriptor, &"get".into(), &getter).unwrap();
    js_sys::Object::define_property(&window, &"localStorage".into(), &descriptor);
    // Proof that the page now behaves like a browser with site data blocked.
    assert!(window.local_storage().is_err());
}

#[wasm_bindgen_test]
fn every_operation_reports_unavailable_without_panicking() {
    block_storage();
    let plan = Plan::new("p1", "In memory only", 0, "2026-01-01");

    assert!(!storage::is_available());
    assert!(matches!(
        storage::load_all(),
        Err(StorageError::Unavailable)
    ));
    assert!(matches!(
        storage::load("p1"),
        Err(StorageError::Unavailable)
    ));
    assert!(matches!(
        storage::list_plans(),
        Err(StorageError::Unavailable)
    ));
    assert!(matches!(
        storage::save(&plan, 0),
        Err(StorageError::Unavailable)
    ));
    assert!(matches!(
        storage::save_new(&plan),
        Err(StorageError::Unavailable)
    ));
    assert!(matches!(
        storage::delete_to_trash("p1", 0),
        Err(StorageError::Unavailable)
    ));
    assert!(matches!(
        storage::list_trash(0),
        Err(StorageError::Unavailable)
    ));
    assert!(matches!(
        storage::restore_from_trash("race-planner:trash:p1"),
        Err(StorageError::Unavailable)
    ));
    assert!(matches!(
        storage::purge_expired_trash(0),
        Err(StorageError::Unavailable)
    ));
    assert!(matches!(
        storage::list_recovery(),
        Err(StorageError::Unavailable)
    ));
    assert!(matches!(
        storage::record_export(0),
        Err(StorageError::Unavailable)
    ));
    assert!(matches!(
        storage::backup_reminder_due(0),
        Err(StorageError::Unavailable)
    ));
    assert!(matches!(
        storage::storage_estimate(),
        Err(StorageError::Unavailable)
    ));
    assert!(matches!(
        storage::stored_ids(),
        Err(StorageError::Unavailable)
    ));

    let message = StorageError::Unavailable.to_string();
    assert!(message.contains("export"), "{message}");

    // The way out: export what is in memory, and it imports back.
    let backup = export_backup(&[plan], 0);
    let result = import_file(backup.as_bytes(), &Default::default(), storage::new_id).unwrap();
    assert_eq!(result.plans[0].plan.name, "In memory only");

    // Listening for other tabs still works (there are simply no events).
    let handle = storage::on_plan_changed(|_| {});
    assert_eq!(handle.len(), 1);
}
