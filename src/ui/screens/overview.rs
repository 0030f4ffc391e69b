//! The overview screen.

use leptos::prelude::*;

/// The overview screen of the open plan.
#[component]
pub fn OverviewScreen() -> impl IntoView {
    view! { <h1>"overview"</h1> }
}
