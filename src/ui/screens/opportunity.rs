//! The opportunity screen.

use leptos::prelude::*;

/// The opportunity screen of the open plan.
#[component]
pub fn OpportunityScreen() -> impl IntoView {
    view! { <h1>"opportunity"</h1> }
}
