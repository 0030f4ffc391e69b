//! Preferences of this browser that are not part of any plan (the colour theme).

use super::error::StorageError;
use super::keys::THEME_KEY;
use super::store::Store;

/// The theme the user picked (`"light"` or `"dark"`), or `None` to follow the system.
pub fn theme() -> Option<String> {
    let stored = Store::open().ok()?.get(THEME_KEY).ok().flatten()?;
    matches!(stored.as_str(), "light" | "dark").then_some(stored)
}

/// Remembers the theme the user picked; `None` goes back to following the system.
pub fn set_theme(theme: Option<&str>) -> Result<(), StorageError> {
    let store = Store::open()?;
    match theme {
        Some(t) => store.set(THEME_KEY, t),
        None => store.remove(THEME_KEY),
    }
}
