//! Deleted plans, restorable for 30 days.

use crate::route::{Route, Screen};
use crate::storage;
use crate::ui::format;
use crate::ui::state::{now_ms, AppState};
use leptos::prelude::*;

/// The trash: what was deleted, how long it stays, restore or delete for good.
#[component]
pub fn TrashScreen() -> impl IntoView {
    let state = expect_context::<AppState>();
    let version = RwSignal::new(0u32);
    let error = RwSignal::new(None::<String>);
    let items = Memo::new(move |_| {
        version.track();
        state.plans.track();
        storage::list_trash(now_ms())
            .map(|items| {
                items
                    .into_iter()
                    .map(|t| {
                        (
                            t.key,
                            t.plan.name,
                            t.plan.id,
                            t.deleted_at,
                            t.days_left,
                            t.plan.profile.locale,
                        )
                    })
                    .collect::<Vec<_>>()
            })
            .map_err(|e| e.to_string())
    });
    view! {
        <h1>"Trash"</h1>
        <p class="muted">"Deleted plans stay here for 30 days, then they are removed for good."</p>
        {move || error.get().map(|e| view! { <p class="banner banner-error" role="alert">{e}</p> })}
        {move || match items.get() {
            Err(e) => view! { <p class="banner banner-error">{e}</p> }.into_any(),
            Ok(list) if list.is_empty() => view! { <p class="empty">"The trash is empty."</p> }.into_any(),
            Ok(list) => view! {
                <ul class="plan-list">
                    {list.into_iter().map(|(key, name, id, deleted_at, days_left, locale)| {
                        let (restore_key, purge_key) = (key.clone(), key);
                        let restore = move |_| match state.persist.restore(state, &restore_key) {
                            Ok(()) => state.go(Route::Plan { id: id.clone(), screen: Screen::Overview }),
                            Err(e) => error.set(Some(e.to_string())),
                        };
                        let purge = move |_| {
                            match storage::delete_from_trash(&purge_key) {
                                Ok(()) => version.update(|v| *v += 1),
                                Err(e) => error.set(Some(e.to_string())),
                            }
                        };
                        let days = if days_left == 1 { "1 day".to_string() } else { format!("{days_left} days") };
                        view! {
                            <li class="card plan-item">
                                <strong>{name.clone()}</strong>
                                <span class="plan-meta">"Deleted " {format::date_ms(deleted_at, &locale)} " · removed for good in " {days}</span>
                                <span class="btn-row">
                                    <button type="button" class="btn btn-small btn-primary" on:click=restore aria-label=format!("Restore {name}")>"Restore"</button>
                                    <button type="button" class="btn btn-small btn-danger" on:click=purge aria-label=format!("Delete {name} for good")>"Delete for good"</button>
                                </span>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }.into_any(),
        }}
    }
}
