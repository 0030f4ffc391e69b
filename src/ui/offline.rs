//! Offline use: the service worker (`src/sw.js`) is registered in release builds once
//! the page has loaded, and a new version waiting to take over is shown with a button
//! that reloads into it.

use crate::ui::state::AppState;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{ServiceWorkerContainer, ServiceWorkerRegistration, ServiceWorkerState};

/// The browser's service worker container; `None` where there is none (an old browser,
/// some private modes).
fn container() -> Option<ServiceWorkerContainer> {
    let navigator = web_sys::window()?.navigator();
    js_sys::Reflect::has(&navigator, &JsValue::from_str("serviceWorker"))
        .ok()?
        .then(|| navigator.service_worker())
}

/// Registers the service worker; `state.update_ready` turns true when a new version waits.
pub fn start(state: AppState) {
    if cfg!(debug_assertions) {
        // `trunk serve` reloads the page itself: no cache in the way.
        return;
    }
    let Some(window) = web_sys::window() else {
        return;
    };
    // After the load event, in a task of its own: the worker's first download of the
    // offline copy never competes with the page's own.
    let later = Closure::once_into_js(move || {
        let register = Closure::once_into_js(move || {
            wasm_bindgen_futures::spawn_local(register(state));
        });
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback(register.unchecked_ref());
        }
    });
    let loaded = window
        .document()
        .is_some_and(|d| d.ready_state() == "complete");
    if loaded {
        let _ = later
            .unchecked_ref::<js_sys::Function>()
            .call0(&JsValue::NULL);
    } else {
        let options = web_sys::AddEventListenerOptions::new();
        options.set_once(true);
        let _ = window.add_event_listener_with_callback_and_add_event_listener_options(
            "load",
            later.unchecked_ref(),
            &options,
        );
    }
}

async fn register(state: AppState) {
    let Some(container) = container() else {
        return;
    };
    // No offline copy in this browser (private mode, a blocked worker): the app works online.
    // A browser that blocks workers may answer with no registration at all.
    let Some(registration) = JsFuture::from(container.register("sw.js"))
        .await
        .ok()
        .and_then(|r| r.dyn_into::<ServiceWorkerRegistration>().ok())
    else {
        return;
    };
    let tell = {
        let registration = registration.clone();
        move || {
            if registration.waiting().is_some() && container.controller().is_some() {
                let _ = state.update_ready.try_set(true);
            }
        }
    };
    tell();
    let found = {
        let registration = registration.clone();
        Closure::<dyn Fn()>::new(move || {
            let Some(installing) = registration.installing() else {
                return;
            };
            let worker = installing.clone();
            let tell = tell.clone();
            let changed = Closure::<dyn Fn()>::new(move || {
                if worker.state() == ServiceWorkerState::Installed {
                    tell();
                }
            });
            installing.set_onstatechange(Some(changed.into_js_value().unchecked_ref()));
        })
    };
    registration.set_onupdatefound(Some(found.into_js_value().unchecked_ref()));
}

fn reload() {
    if let Some(window) = web_sys::window() {
        let _ = window.location().reload();
    }
}

/// Reloads into the waiting version.
fn update() {
    let Some(container) = container() else {
        reload();
        return;
    };
    wasm_bindgen_futures::spawn_local(async move {
        let waiting = JsFuture::from(container.get_registration())
            .await
            .ok()
            .and_then(|r| r.dyn_into::<ServiceWorkerRegistration>().ok())
            .and_then(|r| r.waiting());
        let Some(waiting) = waiting else {
            reload();
            return;
        };
        let options = web_sys::AddEventListenerOptions::new();
        options.set_once(true);
        let changed = Closure::once_into_js(reload);
        let _ = container.add_event_listener_with_callback_and_add_event_listener_options(
            "controllerchange",
            changed.unchecked_ref(),
            &options,
        );
        let _ = waiting.post_message(&JsValue::from_str("update"));
    });
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
