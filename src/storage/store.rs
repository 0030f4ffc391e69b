//! The one door to localStorage: opens it only when the browser allows it, maps
//! every browser error to a [`StorageError`], and never panics.
//!
//! gloo-storage panics when localStorage is unavailable, so every operation
//! first goes through [`Store::open`], which asks `window.localStorage` itself
//! and turns a refusal (a `SecurityError`, or no storage at all) into
//! [`StorageError::Unavailable`]. Only after that is gloo-storage used, for the
//! typed documents; plan texts are moved as text so that what is written can be
//! read back and compared.

use gloo_storage::{LocalStorage, Storage as _};
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};

use super::error::StorageError;
use super::keys::PREFIX;

#[wasm_bindgen]
extern "C" {
    /// The same localStorage, read without copying what it holds.
    #[wasm_bindgen(js_name = Storage)]
    type StorageText;

    /// `Storage.getItem`, the browser's string kept as it is (web-sys copies it into
    /// the module's memory at once).
    #[wasm_bindgen(method, catch, js_name = getItem)]
    fn get_item_as_js(this: &StorageText, key: &str) -> Result<Option<js_sys::JsString>, JsValue>;
}

/// An open localStorage.
pub(crate) struct Store {
    raw: web_sys::Storage,
}

/// Maps an exception thrown by the browser's storage.
pub(crate) fn js_error(error: &JsValue) -> StorageError {
    let (name, message) = match error.dyn_ref::<web_sys::DomException>() {
        Some(e) => (e.name(), e.message()),
        None => {
            let get = |field: &str| {
                js_sys::Reflect::get(error, &JsValue::from_str(field))
                    .ok()
                    .and_then(|v| v.as_string())
                    .unwrap_or_default()
            };
            (get("name"), get("message"))
        }
    };
    match name.as_str() {
        // Firefox used its own name for years.
        "QuotaExceededError" | "NS_ERROR_DOM_QUOTA_REACHED" => StorageError::QuotaExceeded,
        "SecurityError" => StorageError::Unavailable,
        _ => StorageError::Browser { name, message },
    }
}

fn gloo_error(error: gloo_storage::errors::StorageError) -> StorageError {
    use gloo_storage::errors::StorageError as G;
    match error {
        G::JsError(e) => match e.name.as_str() {
            "QuotaExceededError" | "NS_ERROR_DOM_QUOTA_REACHED" => StorageError::QuotaExceeded,
            "SecurityError" => StorageError::Unavailable,
            _ => StorageError::Browser {
                name: e.name,
                message: e.message,
            },
        },
        G::SerdeError(e) => StorageError::Browser {
            name: "SerdeError".to_owned(),
            message: e.to_string(),
        },
        G::KeyNotFound(key) => StorageError::NotFound { id: key },
    }
}

impl Store {
    /// Opens localStorage, or says it is unavailable. Never panics.
    pub(crate) fn open() -> Result<Store, StorageError> {
        let window = web_sys::window().ok_or(StorageError::Unavailable)?;
        match window.local_storage() {
            Ok(Some(raw)) => Ok(Store { raw }),
            Ok(None) | Err(_) => Err(StorageError::Unavailable),
        }
    }

    /// The text stored under `key`, if any.
    pub(crate) fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        self.get_js(key).map(|text| text.map(String::from))
    }

    /// The text stored under `key` as the browser's string, not copied.
    fn get_js(&self, key: &str) -> Result<Option<js_sys::JsString>, StorageError> {
        self.raw
            .unchecked_ref::<StorageText>()
            .get_item_as_js(key)
            .map_err(|e| js_error(&e))
    }

    /// The length in UTF-16 code units (what the browser's quota counts) of the text
    /// stored under `key`, if any, without copying the text: a plan of megabytes is
    /// measured in no time.
    pub(crate) fn stored_len(&self, key: &str) -> Result<Option<u64>, StorageError> {
        Ok(self.get_js(key)?.map(|text| u64::from(text.length())))
    }

    /// Stores `value` under `key`. The browser replaces a value whole or not at
    /// all, so a refused write leaves the previous value in place.
    pub(crate) fn set(&self, key: &str, value: &str) -> Result<(), StorageError> {
        self.raw.set_item(key, value).map_err(|e| js_error(&e))
    }

    /// Stores `value` under `key`, reads it back and compares. When the browser
    /// kept something else, the previous value (`previous`, `None` for none) is
    /// put back and [`StorageError::WriteNotVerified`] returned.
    pub(crate) fn set_verified(
        &self,
        key: &str,
        value: &str,
        previous: Option<&str>,
    ) -> Result<(), StorageError> {
        self.set(key, value)?;
        if self.get(key)?.as_deref() == Some(value) {
            return Ok(());
        }
        // Putting the previous value back is the best that can be done; its own
        // failure changes nothing about what is reported.
        let _ = self.restore(key, previous);
        Err(StorageError::WriteNotVerified {
            key: key.to_owned(),
        })
    }

    /// Puts `previous` back under `key` (removes the key when `None`).
    pub(crate) fn restore(&self, key: &str, previous: Option<&str>) -> Result<(), StorageError> {
        match previous {
            Some(text) => self.set(key, text),
            None => self.remove(key),
        }
    }

    /// Removes `key`.
    pub(crate) fn remove(&self, key: &str) -> Result<(), StorageError> {
        self.raw.remove_item(key).map_err(|e| js_error(&e))
    }

    /// Every key of the app (under [`PREFIX`]), in no particular order.
    pub(crate) fn own_keys(&self) -> Result<Vec<String>, StorageError> {
        Ok(self
            .all_keys()?
            .into_iter()
            .filter(|k| k.starts_with(PREFIX))
            .collect())
    }

    /// Every key of the origin, the app's and others'.
    pub(crate) fn all_keys(&self) -> Result<Vec<String>, StorageError> {
        let length = self.raw.length().map_err(|e| js_error(&e))?;
        let mut keys = Vec::with_capacity(length as usize);
        for i in 0..length {
            if let Some(key) = self.raw.key(i).map_err(|e| js_error(&e))? {
                keys.push(key);
            }
        }
        Ok(keys)
    }

    /// Reads a typed document with gloo-storage; `None` when absent or damaged.
    pub(crate) fn get_doc<T: DeserializeOwned>(&self, key: &str) -> Option<T> {
        LocalStorage::get::<T>(key).ok()
    }

    /// Writes a typed document with gloo-storage (compact JSON).
    pub(crate) fn set_doc<T: Serialize>(&self, key: &str, doc: &T) -> Result<(), StorageError> {
        LocalStorage::set(key, doc).map_err(gloo_error)
    }
}

/// Length of a text as the browser counts it against the quota (UTF-16 code
/// units).
pub(crate) fn utf16_len(text: &str) -> u64 {
    text.encode_utf16().count() as u64
}
