//! The first load hands the page over to the whole app.
//!
//! The first-load build (feature `start`) holds what a first visit needs: Home and a
//! plan's Overview. Anything else (a button that changes something, a file to import,
//! another screen, the plan settings) loads the whole app (`race-planner-full`), which
//! mounts itself into the page; `handover.js` then removes the first load's view,
//! carries over what was typed and where the focus was, and replays the click, so the
//! visitor's action happens as if nothing had been swapped.

use leptos::prelude::*;
use wasm_bindgen::prelude::*;

// `handover.js`, loaded by index.html before the app.
#[wasm_bindgen(js_namespace = racePlannerHandover)]
extern "C" {
    /// Starts watching for actions that need the whole app; `unmount` removes this view.
    fn watch(unmount: JsValue);
    /// Loads the whole app and hands the page over to it (once).
    #[wasm_bindgen(js_name = handOver)]
    fn hand_over();
}

/// Mounts the app and keeps what it takes to unmount it when the whole app arrives.
pub fn mount() {
    let Some(body) = document().body() else {
        return;
    };
    let handle = leptos::mount::mount_to(body, super::app::App);
    watch(Closure::once_into_js(move || drop(handle)));
}

/// Hands the page over to the whole app now.
pub fn now() {
    hand_over();
}

/// Stands in for a screen that only the whole app has: it hands over as it appears.
#[component]
pub fn Elsewhere() -> impl IntoView {
    Effect::new(|_| now());
    view! { <p class="muted">"Loading…"</p> }
}
