//! Small browser services the storage needs: ids, the clock, persistent
//! storage and the browser's own usage estimate.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use super::error::StorageError;
use super::store::js_error;

/// Length of ids made by [`new_id`].
const ID_LEN: usize = 16;

/// A new random plan id: 16 lowercase letters and digits (about 82 bits), from
/// `Math.random`, which needs no extra crate.
pub fn new_id() -> String {
    const ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";
    (0..ID_LEN)
        .map(|_| {
            let i = (js_sys::Math::random() * ALPHABET.len() as f64) as usize;
            char::from(ALPHABET[i.min(ALPHABET.len() - 1)])
        })
        .collect()
}

/// Now, in milliseconds since the Unix epoch.
pub fn now_ms() -> i64 {
    js_sys::Date::now() as i64
}

fn storage_manager() -> Option<web_sys::StorageManager> {
    let navigator = web_sys::window()?.navigator();
    // `navigator.storage` is missing outside secure contexts (plain http).
    let storage = js_sys::Reflect::get(&navigator, &JsValue::from_str("storage")).ok()?;
    if storage.is_undefined() || storage.is_null() {
        return None;
    }
    storage.dyn_into::<web_sys::StorageManager>().ok()
}

async fn await_promise(promise: Result<js_sys::Promise, JsValue>) -> Result<JsValue, StorageError> {
    let promise = promise.map_err(|e| js_error(&e))?;
    JsFuture::from(promise).await.map_err(|e| js_error(&e))
}

/// Asks the browser to keep this site's data even under storage pressure
/// (`navigator.storage.persist()`). `Ok(true)` when granted, `Ok(false)` when
/// refused or not supported (the data is then kept "best effort").
pub async fn request_persistence() -> Result<bool, StorageError> {
    let Some(manager) = storage_manager() else {
        return Ok(false);
    };
    Ok(await_promise(manager.persist())
        .await?
        .as_bool()
        .unwrap_or(false))
}

/// Whether the browser already keeps this site's data persistently
/// (`navigator.storage.persisted()`); `false` when not supported.
pub async fn is_persisted() -> bool {
    let Some(manager) = storage_manager() else {
        return false;
    };
    await_promise(manager.persisted())
        .await
        .ok()
        .and_then(|v| v.as_bool())
        .unwrap_or(false)
}

/// The browser's estimate of the site's usage and quota in bytes, for all its
/// storages together (`navigator.storage.estimate()`); `None` when not
/// supported. localStorage has its own, smaller limit: see
/// [`super::storage_estimate`].
pub async fn browser_estimate() -> Option<(f64, f64)> {
    let manager = storage_manager()?;
    let estimate = await_promise(manager.estimate()).await.ok()?;
    let number = |field: &str| {
        js_sys::Reflect::get(&estimate, &JsValue::from_str(field))
            .ok()
            .and_then(|v| v.as_f64())
    };
    Some((number("usage")?, number("quota")?))
}
