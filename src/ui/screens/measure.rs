//! The measure screen.

use leptos::prelude::*;

/// The measure screen of the open plan.
#[component]
pub fn MeasureScreen() -> impl IntoView {
    view! { <h1>"measure"</h1> }
}
