//! The strategy screen.

use leptos::prelude::*;

/// The strategy screen of the open plan.
#[component]
pub fn StrategyScreen() -> impl IntoView {
    view! { <h1>"strategy"</h1> }
}
