//! Accessible tabs (WAI-ARIA tabs pattern, automatic activation): a `tablist` of
//! buttons, ← → Home End move between them and select, only the selected tab is in the
//! Tab order (and names its panel: the others have none in the page). The screen renders the selected panel with [`TabPanel`].

use crate::ui::widgets::rows::focus;
use leptos::prelude::*;

/// One tab: its id suffix and its visible name.
pub type TabDef = (&'static str, &'static str);

fn tab_id(prefix: &str, slug: &str) -> String {
    format!("{prefix}-tab-{slug}")
}

fn panel_id(prefix: &str, slug: &str) -> String {
    format!("{prefix}-panel-{slug}")
}

/// The row of tabs; `selected` is the index of the selected one.
#[component]
pub fn TabList(
    /// Makes the element ids unique on the screen.
    prefix: &'static str,
    /// The tab list's accessible name.
    label: &'static str,
    tabs: &'static [TabDef],
    selected: RwSignal<usize>,
) -> impl IntoView {
    let count = tabs.len();
    let select = move |i: usize| {
        selected.set(i);
        focus(&tab_id(prefix, tabs[i].0));
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let current = selected.get_untracked();
        let next = match ev.key().as_str() {
            "ArrowRight" => (current + 1) % count,
            "ArrowLeft" => (current + count - 1) % count,
            "Home" => 0,
            "End" => count - 1,
            _ => return,
        };
        ev.prevent_default();
        select(next);
    };
    view! {
        <div class="tabs" role="tablist" aria-label=label on:keydown=on_key>
            {tabs.iter().enumerate().map(|(i, (slug, name))| {
                let is = move || selected.get() == i;
                view! {
                    <button type="button" role="tab" class="tab" id=tab_id(prefix, slug)
                        aria-selected=move || is().to_string()
                        aria-controls=move || is().then(|| panel_id(prefix, slug))
                        tabindex=move || if is() { "0" } else { "-1" }
                        on:click=move |_| select(i)>
                        {*name}
                    </button>
                }
            }).collect_view()}
        </div>
    }
}

/// The panel of the tab `slug` (render only the selected one).
#[component]
pub fn TabPanel(prefix: &'static str, slug: &'static str, children: Children) -> impl IntoView {
    view! {
        <div class="tab-panel" role="tabpanel" id=panel_id(prefix, slug)
            aria-labelledby=tab_id(prefix, slug) tabindex="0">
            {children()}
        </div>
    }
}
