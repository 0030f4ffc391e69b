//! The app shell: header, the current screen (from the URL fragment), footer.

use crate::route::Route;
#[cfg(not(feature = "start"))]
use crate::ui::screens::trash::TrashScreen;
use crate::ui::screens::{home::Home, not_found::NotFound, workspace::Workspace};
use crate::ui::state::{AppState, Theme};
use crate::ui::widgets::shortcuts::ShortcutsDialog;
use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The root component.
#[component]
pub fn App() -> impl IntoView {
    let state = AppState::start();
    provide_context(state);
    crate::ui::offline::start(state);

    let hash = || window().location().hash().unwrap_or_default();
    state.route.set(Route::parse(&hash()));
    let listener = window_event_listener(ev::hashchange, move |_| {
        state.route.set(Route::parse(&hash()))
    });
    on_cleanup(move || listener.remove());
    // A new screen takes the focus to its heading, as a new page would: the next Tab
    // starts there, and screen readers say where they are.
    Effect::new(move |first: Option<()>| {
        state.route.track();
        if first.is_some() {
            request_animation_frame(focus_heading);
        }
    });

    // Moving between screens of one plan keeps its workspace (and its undo history):
    // the workspace follows the screen itself, so the page changes only with the plan.
    let page = Memo::new(move |previous: Option<&Route>| {
        let route = state.route.get();
        match (previous, &route) {
            (Some(Route::Plan { id: was, .. }), Route::Plan { id, .. }) if was == id => {
                previous.cloned().unwrap_or(route)
            }
            _ => route,
        }
    });
    view! {
        <a class="skip-link" href="#main" on:click=|ev| {
            ev.prevent_default();
            if let Some(main) = document().get_element_by_id("main") {
                let _ = main.unchecked_into::<web_sys::HtmlElement>().focus();
            }
        }>"Skip to content"</a>
        <Header/>
        <main id="main" class="app-main" tabindex="-1">
            <crate::ui::offline::UpdateBanner/>
            <crate::ui::widgets::banners::Banners/>
            {move || match page.get() {
                Route::Home => view! { <Home/> }.into_any(),
                #[cfg(not(feature = "start"))]
                Route::Trash => view! { <TrashScreen/> }.into_any(),
                #[cfg(feature = "start")]
                Route::Trash => view! { <crate::ui::handover::Elsewhere/> }.into_any(),
                Route::Plan { id, screen } => view! { <Workspace id screen/> }.into_any(),
                #[cfg(not(feature = "start"))]
                Route::Share(payload) => view! { <crate::ui::share::SharedPlan payload/> }.into_any(),
                #[cfg(feature = "start")]
                Route::Share(_) => view! { <crate::ui::handover::Elsewhere/> }.into_any(),
                Route::NotFound(path) => view! { <NotFound path/> }.into_any(),
            }}
        </main>
        <footer class="app-footer">
            <p>"Your plans stay in this browser: nothing is sent anywhere. Export a backup from "
                <a href="#/">"Plans"</a>" to keep a copy."</p>
        </footer>
        <ShortcutsDialog/>
        {conflict_dialog()}
    }
}

/// The dialog that resolves a save conflict.
#[cfg(not(feature = "start"))]
fn conflict_dialog() -> impl IntoView {
    view! { <crate::ui::widgets::conflict::ConflictDialog/> }
}

/// The first load saves nothing, so it meets no conflict.
#[cfg(feature = "start")]
fn conflict_dialog() {}

#[component]
fn Header() -> impl IntoView {
    let state = expect_context::<AppState>();
    let theme_value = move || match state.theme.get() {
        Theme::System => "system",
        Theme::Light => "light",
        Theme::Dark => "dark",
    };
    view! {
        <header class="app-header">
            <a class="brand" href="#/"><span class="brand-mark" aria-hidden="true"></span><span class="brand-name">"RACE Planner"</span></a>
            <nav class="header-nav" aria-label="App">
                <a class="btn btn-small" href="#/">"Plans"</a>
                <a class="btn btn-small" href="#/trash">"Trash"</a>
                <button type="button" class="btn btn-small" data-start on:click=move |_| state.cycle_theme()
                    title="Switch between the system theme, light and dark">"Theme: "<span class="theme-value">{theme_value}</span></button>
                <button type="button" class="btn btn-small header-shortcuts" data-start aria-keyshortcuts="?"
                    on:click=move |_| state.shortcuts_open.set(true)>"Shortcuts"</button>
                <span class="save-state" role="status" aria-live="polite">{move || state.save_state.get().label()}</span>
            </nav>
        </header>
    }
}

/// Moves the focus to the screen's main heading.
fn focus_heading() {
    if let Ok(Some(heading)) = document().query_selector("main h1") {
        let heading = heading.unchecked_into::<web_sys::HtmlElement>();
        heading.set_tab_index(-1);
        let _ = heading.focus();
    }
}
