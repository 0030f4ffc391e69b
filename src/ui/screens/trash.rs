//! Deleted plans, restorable for 30 days.

use leptos::prelude::*;

/// The trash.
#[component]
pub fn TrashScreen() -> impl IntoView {
    view! { <h1>"Trash"</h1> }
}
