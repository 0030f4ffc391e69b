//! The actions screen.

use leptos::prelude::*;

/// The actions screen of the open plan.
#[component]
pub fn ActionsScreen() -> impl IntoView {
    view! { <h1>"actions"</h1> }
}
