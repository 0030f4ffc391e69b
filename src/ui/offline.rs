//! Offline use: the service worker (`src/sw.js`) is registered in release builds once
//! the page has loaded, and a new version waiting to take over is shown with a button
//! that reloads into it.

use crate::ui::state::AppState;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/ui/offline.js")]
extern "C" {
    fn register(on_update: JsValue);
    fn update();
}

/// Registers the service worker; `state.update_ready` turns true when a new version waits.
pub fn start(state: AppState) {
    if cfg!(debug_assertions) {
        // `trunk serve` reloads the page itself: no cache in the way.
        return;
    }
    let on_update = Closure::<dyn Fn()>::new(move || {
        let _ = state.update_ready.try_set(true);
    });
    register(on_update.into_js_value());
}

/// "A new version is ready", with the button that reloads into it.
#[component]
pub fn UpdateBanner() -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <Show when=move || state.update_ready.get()>
            <div class="banner" role="status">
                <p>"A new version of RACE Planner is ready. Your plans are saved; reloading takes a moment."</p>
                <div class="btn-row">
                    <button type="button" class="btn btn-small btn-primary" data-start on:click=|_| update()>"Reload to update"</button>
                </div>
            </div>
        </Show>
    }
}
