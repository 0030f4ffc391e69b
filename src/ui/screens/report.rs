//! The report screen.

use leptos::prelude::*;

/// The report screen of the open plan.
#[component]
pub fn ReportScreen() -> impl IntoView {
    view! { <h1>"report"</h1> }
}
