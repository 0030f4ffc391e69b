//! The ⓘ of a figure: a button that opens what the figure means and how it was
//! computed, over the page.

use leptos::prelude::*;
use std::sync::atomic::{AtomicU32, Ordering};

/// The next ⓘ's number, for the id that ties its button to its explanation.
static NEXT: AtomicU32 = AtomicU32::new(0);

/// An ⓘ button and the explanation it opens. The explanation is a popover: the browser
/// draws it above the page, so no card, table or section around the button cuts it off
/// (sections off screen are not drawn, `content-visibility`, which clips what they
/// hold). It opens under the button, or above it where there is more room
/// (`style/components.css`), and closes with Escape, a click elsewhere or the button
/// again. It needs no script, so it works on the first load's Overview as it is
/// (`data-start`: a click on it does not load the whole app).
#[component]
pub fn Info(
    /// The button's name, for assistive technology: "How … is computed".
    #[prop(into)]
    label: Signal<String>,
    children: Children,
) -> impl IntoView {
    let id = format!("info-{}", NEXT.fetch_add(1, Ordering::Relaxed));
    view! {
        <span class="info">
            <button type="button" class="info-toggle" data-start aria-label=label popovertarget=id.clone()>"i"</button>
            <div class="info-body" id=id popover="auto">{children()}</div>
        </span>
    }
}
