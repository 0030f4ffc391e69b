//! Notices above the current screen: storage problems, recovered data, reminders.

use crate::ui::state::{AppState, Level};
use leptos::prelude::*;

/// The list of notices, newest last; each can be dismissed.
#[component]
pub fn Banners() -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <div class="banners" aria-live="polite">
            <For each=move || state.notices.get() key=|n| (n.key.clone(), n.title.clone(), n.body.clone()) let:n>
                {
                    let class = match n.level {
                        Level::Info => "banner",
                        Level::Warn => "banner banner-warn",
                        Level::Error => "banner banner-error",
                    };
                    let key = n.key.clone();
                    view! {
                        <section class=class role=if n.level == Level::Error { "alert" } else { "status" }>
                            <h2>{n.title}</h2>
                            <p>{n.body}</p>
                            <div class="btn-row">
                                // Storage faults keep edits only in this tab: offer the way out.
                                {(key == "storage").then(|| view! {
                                    <button type="button" class="btn btn-small btn-primary"
                                        on:click=move |_| state.persist.export_all(state)>"Export all plans"</button>
                                })}
                                <button type="button" class="btn btn-small" data-start on:click=move |_| state.dismiss(&key)>"Dismiss"</button>
                            </div>
                        </section>
                    }
                }
            </For>
        </div>
    }
}
