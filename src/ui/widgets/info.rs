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
    /// Set while the explanation is open (before it is shown), for content that is only
    /// worth keeping up to date while it can be read.
    #[prop(default = None)]
    open: Option<RwSignal<bool>>,
    children: Children,
) -> impl IntoView {
    let id = format!("info-{}", NEXT.fetch_add(1, Ordering::Relaxed));
    // The first load has no explanation that waits to be opened.
    #[cfg(feature = "start")]
    {
        let _ = open;
        view! {
            <span class="info">
                <button type="button" class="info-toggle" data-start aria-label=label popovertarget=id.clone()>"i"</button>
                <div class="info-body" id=id popover="auto">{children()}</div>
            </span>
        }
    }
    // Each opening and each closing is told before it happens.
    #[cfg(not(feature = "start"))]
    view! {
        <span class="info">
            <button type="button" class="info-toggle" data-start aria-label=label popovertarget=id.clone()>"i"</button>
            <div class="info-body" id=id popover="auto" on:beforetoggle=move |_: leptos::ev::Event| {
                if let Some(open) = open {
                    open.update(|o| *o = !*o);
                }
            }>{children()}</div>
        </span>
    }
}
