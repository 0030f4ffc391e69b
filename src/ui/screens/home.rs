//! Home: the plans in this browser, and how to start a new one.

use crate::domain::plan::Plan;
use crate::domain::templates::Template;
use crate::route::{Route, Screen};
use crate::ui::format;
use crate::ui::state::{new_id, now_ms, today, AppState};
use leptos::prelude::*;

/// The list of plans with New plan, duplicate, rename and delete.
#[component]
pub fn Home() -> impl IntoView {
    let state = expect_context::<AppState>();
    let sorted = Memo::new(move |_| {
        let mut plans: Vec<(String, String, i64, String)> = state.plans.with(|ps| {
            ps.iter()
                .map(|p| {
                    (
                        p.id.clone(),
                        p.name.clone(),
                        p.updated_at,
                        p.profile.locale.clone(),
                    )
                })
                .collect()
        });
        plans.sort_by(|a, b| b.2.cmp(&a.2));
        plans
    });
    view! {
        <h1>"Your plans"</h1>
        <p class="muted">"Plan your digital marketing with RACE (Reach, Act, Convert, Engage) and OSA (Opportunity, Strategy, Action). Everything you type stays in this browser."</p>
        <NewPlanForm/>
        <h2 id="plans-heading">"Plans in this browser"</h2>
        <Show when=move || !sorted.with(Vec::is_empty)
            fallback=|| view! { <p class="empty">"No plans yet. Name one above and start blank or from a template with realistic numbers."</p> }>
            <ul class="plan-list" aria-labelledby="plans-heading">
                <For each=move || sorted.get() key=|p| (p.0.clone(), p.1.clone(), p.2) let:p>
                    <PlanRow id=p.0 name=p.1 updated_at=p.2 locale=p.3/>
                </For>
            </ul>
        </Show>
    }
}

#[component]
fn NewPlanForm() -> impl IntoView {
    let state = expect_context::<AppState>();
    let name = RwSignal::new(String::new());
    let template = RwSignal::new(String::from("blank"));
    let error = RwSignal::new(None::<String>);
    let create = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let title = name.get_untracked().trim().to_string();
        if title.is_empty() {
            error.set(Some(
                "Enter a name for the plan, such as “Spring 2027 growth plan”".into(),
            ));
            return;
        }
        error.set(None);
        let id = new_id("p");
        let chosen = template.get_untracked();
        let mut plan = match Template::ALL.iter().find(|t| t.slug() == chosen) {
            Some(t) => t.build(&id, now_ms(), &today()),
            None => Plan::new(&id, &title, now_ms(), &today()),
        };
        plan.name = title;
        name.set(String::new());
        state.add_plan(plan);
    };
    view! {
        <form class="card" on:submit=create novalidate>
            <h2>"New plan"</h2>
            <div class="form-grid">
                <div class="field">
                    <label for="new-plan-name">"Name"</label>
                    {move || error.get().map(|e| view! { <span class="field-error" id="new-plan-name-error">{e}</span> })}
                    <input id="new-plan-name" type="text" prop:value=move || name.get()
                        aria-invalid=move || if error.get().is_some() { "true" } else { "false" }
                        aria-describedby=move || error.get().map(|_| "new-plan-name-error")
                        on:input=move |ev| name.set(event_target_value(&ev))/>
                </div>
                <div class="field">
                    <label for="new-plan-template">"Start from"</label>
                    <select id="new-plan-template" on:change=move |ev| template.set(event_target_value(&ev))>
                        <option value="blank" selected>"A blank plan"</option>
                        {Template::ALL.iter().map(|t| view! { <option value=t.slug()>{t.name()}</option> }).collect_view()}
                    </select>
                </div>
            </div>
            <p class="muted">{move || {
                let chosen = template.get();
                Template::ALL.iter().find(|t| t.slug() == chosen)
                    .map(|t| t.description().to_string())
                    .unwrap_or_else(|| "An empty plan: you fill in every stage.".into())
            }}</p>
            <button type="submit" class="btn btn-primary">"Create plan"</button>
        </form>
    }
}

#[component]
fn PlanRow(id: String, name: String, updated_at: i64, locale: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let href = Route::Plan {
        id: id.clone(),
        screen: Screen::Overview,
    }
    .to_fragment();
    let renaming = RwSignal::new(false);
    let draft = RwSignal::new(name.clone());
    let (id_dup, id_ren) = (id.clone(), id.clone());
    let duplicate = move |_| {
        let source = state
            .plans
            .with_untracked(|ps| ps.iter().find(|p| p.id == id_dup).cloned());
        if let Some(mut copy) = source {
            copy.id = new_id("p");
            copy.name = format!("{} (copy)", copy.name);
            copy.created_at = now_ms();
            copy.updated_at = now_ms();
            copy.revision = 0;
            state.plans.update(|ps| ps.push(copy));
        }
    };
    let rename = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let new_name = draft.get_untracked().trim().to_string();
        if new_name.is_empty() {
            return;
        }
        state.plans.update(|ps| {
            if let Some(p) = ps.iter_mut().find(|p| p.id == id_ren) {
                p.name = new_name;
                p.updated_at = now_ms();
            }
        });
        renaming.set(false);
    };
    let id_del = id.clone();
    let delete = move |_| state.plans.update(|ps| ps.retain(|p| p.id != id_del));
    let rename_id = format!("rename-{id}");
    view! {
        <li class="card plan-item">
            {move || if renaming.get() {
                let rename = rename.clone();
                view! {
                    <form on:submit=rename class="btn-row">
                        <label for=rename_id.clone() class="visually-hidden">"New name"</label>
                        <input id=rename_id.clone() type="text" prop:value=move || draft.get() on:input=move |ev| draft.set(event_target_value(&ev))/>
                        <button type="submit" class="btn btn-small btn-primary">"Save name"</button>
                        <button type="button" class="btn btn-small" on:click=move |_| renaming.set(false)>"Cancel"</button>
                    </form>
                }.into_any()
            } else {
                view! { <a class="plan-link" href=href.clone()>{name.clone()}</a> }.into_any()
            }}
            <span class="plan-meta">"Edited " {format::date_ms(updated_at, &locale)}</span>
            <span class="btn-row">
                <button type="button" class="btn btn-small" on:click=duplicate>"Duplicate"</button>
                <button type="button" class="btn btn-small" on:click=move |_| renaming.set(true)>"Rename"</button>
                <button type="button" class="btn btn-small btn-danger" on:click=delete>"Delete"</button>
            </span>
        </li>
    }
}
