//! Keyboard shortcuts: one listener for the whole app, and the `?` dialog that lists them.

use crate::route::{Route, Screen};
use crate::ui::state::{AppState, Editor};
use leptos::ev;
use leptos::html::Dialog;
use leptos::prelude::*;

/// Every shortcut, as shown in the dialog.
pub const SHORTCUTS: &[(&str, &str)] = &[
    ("?", "Show this list"),
    ("Esc", "Close a dialog or menu"),
    ("Ctrl + Z", "Undo the last edit"),
    ("Ctrl + Shift + Z, Ctrl + Y", "Redo"),
    ("Alt + ← / Alt + →", "Previous / next screen of the plan"),
    ("Tab / Shift + Tab", "Next / previous field"),
    (
        "← → on a 90-day plan action",
        "Move the action one week earlier or later",
    ),
];

fn typing_in_a_field(ev: &web_sys::KeyboardEvent) -> bool {
    use wasm_bindgen::JsCast;
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .map(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"))
        .unwrap_or(false)
}

/// Installs the app-wide key handler: `?`, and (inside a plan) undo, redo and screen
/// stepping. Call once inside the workspace so it can reach the editor.
pub fn install_plan_shortcuts(editor: Option<Editor>, plan_id: String, screen: Signal<Screen>) {
    let state = expect_context::<AppState>();
    let handle = window_event_listener(ev::keydown, move |ev| {
        let ctrl = ev.ctrl_key() || ev.meta_key();
        let key = ev.key();
        if ctrl && !ev.alt_key() && (key == "z" || key == "Z") {
            ev.prevent_default();
            match editor {
                Some(e) if ev.shift_key() => e.redo(),
                Some(e) => e.undo(),
                None => {}
            }
        } else if ctrl && (key == "y" || key == "Y") {
            ev.prevent_default();
            if let Some(e) = editor {
                e.redo();
            }
        } else if ev.alt_key()
            && (key == "ArrowLeft" || key == "ArrowRight")
            && !typing_in_a_field(&ev)
        {
            let all = Screen::ALL;
            let here = all
                .iter()
                .position(|s| *s == screen.get_untracked())
                .unwrap_or(0);
            let next = if key == "ArrowLeft" {
                here.checked_sub(1).unwrap_or(all.len() - 1)
            } else {
                (here + 1) % all.len()
            };
            ev.prevent_default();
            state.go(Route::Plan {
                id: plan_id.clone(),
                screen: all[next],
            });
        }
    });
    on_cleanup(move || handle.remove());
}

/// The dialog listing the shortcuts, opened with `?` or the header's button.
#[component]
pub fn ShortcutsDialog() -> impl IntoView {
    let state = expect_context::<AppState>();
    let dialog = NodeRef::<Dialog>::new();
    let handle = window_event_listener(ev::keydown, move |ev| {
        if ev.key() == "?" && !typing_in_a_field(&ev) {
            ev.prevent_default();
            state.shortcuts_open.set(true);
        }
    });
    on_cleanup(move || handle.remove());
    Effect::new(move |_| {
        let open = state.shortcuts_open.get();
        if let Some(d) = dialog.get() {
            if open && !d.open() {
                let _ = d.show_modal();
            } else if !open && d.open() {
                d.close();
            }
        }
    });
    view! {
        <dialog node_ref=dialog aria-labelledby="shortcuts-title" on:close=move |_| state.shortcuts_open.set(false)>
            <h2 id="shortcuts-title">"Keyboard shortcuts"</h2>
            <table>
                <thead><tr><th scope="col">"Keys"</th><th scope="col">"Does"</th></tr></thead>
                <tbody>
                    {SHORTCUTS.iter().map(|(k, d)| view! { <tr><td><kbd>{*k}</kbd></td><td>{*d}</td></tr> }).collect_view()}
                </tbody>
            </table>
            <div class="btn-row">
                <button type="button" class="btn" data-start on:click=move |_| state.shortcuts_open.set(false)>"Close"</button>
            </div>
        </dialog>
    }
}
