//! The choice shown when another tab saved the same plan since it was opened here.

use crate::format::Resolution;
use crate::ui::state::AppState;
use leptos::html::Dialog;
use leptos::prelude::*;

/// Asks: keep mine, take theirs, or keep both. Never decides on its own.
#[component]
pub fn ConflictDialog() -> impl IntoView {
    let state = expect_context::<AppState>();
    let persist = state.persist;
    let dialog = NodeRef::<Dialog>::new();
    Effect::new(move |_| {
        let open = persist.conflict.with(Option::is_some);
        if let Some(d) = dialog.get() {
            if open && !d.open() {
                let _ = d.show_modal();
            } else if !open && d.open() {
                d.close();
            }
        }
    });
    let name = move || {
        persist.conflict.with(|c| {
            c.as_ref()
                .map(|c| c.theirs.name.clone())
                .unwrap_or_default()
        })
    };
    let choose = move |choice: Resolution| persist.resolve(state, choice);
    view! {
        // Escape must not dismiss the question: the edits would stay unsaved.
        <dialog node_ref=dialog aria-labelledby="conflict-title" aria-describedby="conflict-body"
            on:cancel=|ev: leptos::ev::Event| ev.prevent_default()>
            <h2 id="conflict-title">"This plan was changed in another tab"</h2>
            <p id="conflict-body">"“" {name} "” was saved in another tab or window after you opened it here, and you have edited it here too. Choose what to keep; nothing is lost until you do."</p>
            <div class="btn-row">
                <button type="button" class="btn btn-primary" on:click=move |_| choose(Resolution::KeepMine)>"Keep mine"</button>
                <button type="button" class="btn" on:click=move |_| choose(Resolution::TakeTheirs)>"Take theirs"</button>
                <button type="button" class="btn" on:click=move |_| choose(Resolution::KeepBoth)>"Keep both"</button>
            </div>
            <p class="muted">"Keep both saves your version as a new plan named “… (copy)” and leaves theirs as it is."</p>
        </dialog>
    }
}
