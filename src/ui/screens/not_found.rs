//! A link to a place the app does not know.

use leptos::prelude::*;

/// Says the page does not exist and offers the way home.
#[component]
pub fn NotFound(path: String) -> impl IntoView {
    view! {
        <h1>"Page not found"</h1>
        <p>"There is nothing at “" {path} "”. The link may be mistyped or the plan deleted."</p>
        <p><a class="btn btn-primary" href="#/">"Go to your plans"</a></p>
    }
}
