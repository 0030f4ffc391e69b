//! Home: the plans in this browser, and how to start a new one.

use crate::domain::sort::sort_by_key;
use crate::domain::templates::Template;
use crate::route::{Route, Screen};
use crate::ui::format;
use crate::ui::state::{new_id, now_ms, AppState};
use leptos::prelude::*;

/// The list of plans with New plan, duplicate, rename and delete.
#[component]
pub fn Home() -> impl IntoView {
    let state = expect_context::<AppState>();
    let sorted = Memo::new(move |_| {
        let mut plans = state.listed.get();
        sort_by_key(&mut plans, |p| std::cmp::Reverse(p.updated_at));
        plans
    });
    view! {
        <h1>"Your plans"</h1>
        <p class="muted">"Plan your digital marketing with RACE (Reach, Act, Convert, Engage) and OSA (Opportunity, Strategy, Action). Everything you type stays in this browser."</p>
        <BackupReminder/>
        <Recovered/>
        <NewPlanForm/>
        <h2 id="plans-heading">"Plans in this browser"</h2>
        <Show when=move || !sorted.with(Vec::is_empty)
            fallback=|| view! { <p class="empty">"No plans yet. Name one above and start blank or from a template with realistic numbers."</p> }>
            <ul class="plan-list" aria-labelledby="plans-heading">
                <For each=move || sorted.get() key=|p| (p.id.clone(), p.name.clone(), p.updated_at, p.status.clone()) let:p>
                    <PlanRow id=p.id name=p.name updated_at=p.updated_at locale=p.locale status=p.status/>
                </For>
            </ul>
        </Show>
        <Files/>
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
        name.set(String::new());
        state.create_plan(title, &template.get_untracked());
    };
    view! {
        <form class="card" on:submit=create novalidate>
            <h2>"New plan"</h2>
            <div class="form-grid">
                <div class="field">
                    <label for="new-plan-name">"Name"</label>
                    {move || error.get().map(|e| view! { <span class="field-error" id="new-plan-name-error">{e}</span> })}
                    <input id="new-plan-name" type="text" maxlength="200" prop:value=move || name.get()
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
fn PlanRow(
    id: String,
    name: String,
    updated_at: i64,
    locale: String,
    status: String,
) -> impl IntoView {
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
            state.persist.add(state, copy);
        }
    };
    let rename = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let new_name = draft.get_untracked().trim().to_string();
        if new_name.is_empty() {
            return;
        }
        let renamed = state
            .plans
            .with_untracked(|ps| ps.iter().find(|p| p.id == id_ren).cloned());
        if let Some(mut plan) = renamed {
            plan.name = new_name;
            plan.updated_at = now_ms();
            state.put_plan(&plan);
        }
        renaming.set(false);
    };
    let id_del = id.clone();
    let delete = move |_| state.persist.delete(state, &id_del);
    let rename_id = format!("rename-{id}");
    let label = name.clone();
    let id_exp = id.clone();
    let export = move |_| {
        if let Some(plan) = state
            .plans
            .with_untracked(|ps| ps.iter().find(|p| p.id == id_exp).cloned())
        {
            state.persist.export_plan(&plan);
        }
    };
    view! {
        <li class="card plan-item">
            {move || if renaming.get() {
                let rename = rename.clone();
                view! {
                    <form on:submit=rename class="btn-row">
                        <label for=rename_id.clone() class="visually-hidden">"New name"</label>
                        <input id=rename_id.clone() type="text" maxlength="200" prop:value=move || draft.get() on:input=move |ev| draft.set(event_target_value(&ev))/>
                        <button type="submit" class="btn btn-small btn-primary">"Save name"</button>
                        <button type="button" class="btn btn-small" on:click=move |_| renaming.set(false)>"Cancel"</button>
                    </form>
                }.into_any()
            } else {
                view! { <a class="plan-link" href=href.clone()>{name.clone()}</a> }.into_any()
            }}
            <span class="plan-meta">"Edited " {format::date_ms(updated_at, &locale)} " · " {status}</span>
            <span class="btn-row">
                <button type="button" class="btn btn-small" on:click=duplicate aria-label=format!("Duplicate {label}")>"Duplicate"</button>
                <button type="button" class="btn btn-small" on:click=move |_| renaming.set(true) aria-label=format!("Rename {label}")>"Rename"</button>
                <button type="button" class="btn btn-small" on:click=export aria-label=format!("Export {label}")>"Export"</button>
                <button type="button" class="btn btn-small btn-danger" on:click=delete aria-label=format!("Delete {label}")>"Delete"</button>
            </span>
        </li>
    }
}

/// Import a plan or backup file, export everything, and how much storage is used.
#[component]
fn Files() -> impl IntoView {
    let state = expect_context::<AppState>();
    let persist = state.persist;
    let messages = RwSignal::new(Vec::<String>::new());
    let error = RwSignal::new(None::<String>);
    let on_file = move |ev: leptos::ev::Event| {
        let Some(file) = crate::ui::download::chosen_file(&ev) else {
            return;
        };
        messages.set(Vec::new());
        error.set(None);
        let size = file.size();
        if size > crate::format::MAX_IMPORT_BYTES as f64 {
            error.set(Some(format!(
                "“{}” is {} and the limit is {}: nothing was imported.",
                file.name(),
                crate::format::error::megabytes_rounded_up(size as usize),
                crate::format::error::megabytes(crate::format::MAX_IMPORT_BYTES)
            )));
            return;
        }
        leptos::task::spawn_local(async move {
            let bytes = match wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await {
                Ok(buffer) => js_sys::Uint8Array::new(&buffer).to_vec(),
                Err(_) => {
                    error.set(Some(
                        "The browser could not read that file: nothing was imported.".into(),
                    ));
                    return;
                }
            };
            match persist.import_bytes(state, &bytes) {
                Ok(m) => messages.set(m),
                Err(e) => error.set(Some(format!("“{}” was not imported. {e}", file.name()))),
            }
        });
    };
    let usage = move || {
        persist.usage.get().map(|u| {
            let used = u.used_chars as f64 * 2.0 / 1_000_000.0;
            let quota = u.quota_chars as f64 * 2.0 / 1_000_000.0;
            format!(
                "Plans use {used:.2} MB of about {quota:.0} MB this browser allows for the site ({:.0} %).",
                u.used_fraction() * 100.0
            )
        })
    };
    view! {
        <section class="card files" aria-labelledby="files-heading">
            <h2 id="files-heading">"Files and backups"</h2>
            <p class="muted">"Plans live only in this browser. Export a backup now and then; import a plan file or a backup to add its plans (nothing is replaced)."</p>
            <div class="btn-row">
                <button type="button" class="btn" on:click=move |_| persist.export_all(state)
                    disabled=move || state.listed.with(Vec::is_empty)>"Export all plans (backup)"</button>
                <label class="btn" for="import-file">"Import a plan or backup file…"</label>
                <input id="import-file" class="visually-hidden" type="file" accept=".json,application/json" on:change=on_file/>
            </div>
            {move || error.get().map(|e| view! { <p class="banner banner-error" role="alert">{e}</p> })}
            {move || (!messages.with(Vec::is_empty)).then(|| view! {
                <div class="banner" role="status">{messages.get().into_iter().map(|m| view! { <p>{m}</p> }).collect_view()}</div>
            })}
            <p class="muted">{usage}</p>
        </section>
    }
}

/// Asks for a backup when plans changed for a week without an export.
#[component]
fn BackupReminder() -> impl IntoView {
    let state = expect_context::<AppState>();
    let persist = state.persist;
    view! {
        <Show when=move || persist.backup_due.get() && !state.listed.with(Vec::is_empty)>
            <section class="banner banner-warn" aria-labelledby="reminder-heading">
                <h2 id="reminder-heading">"Time for a backup"</h2>
                <p>"Your plans have changed over the last 7 days and have not been exported. They live only in this browser: a backup file keeps them safe."</p>
                <div class="btn-row">
                    <button type="button" class="btn btn-primary" on:click=move |_| persist.export_all(state)>"Export all plans"</button>
                    <button type="button" class="btn" on:click=move |_| persist.snooze_reminder()>"Remind me tomorrow"</button>
                </div>
            </section>
        </Show>
    }
}

/// Damaged plans that were moved aside: the raw text can be downloaded.
#[component]
fn Recovered() -> impl IntoView {
    let state = expect_context::<AppState>();
    let persist = state.persist;
    view! {
        <For each=move || persist.recovered.get() key=|r| r.key.clone() let:entry>
            {
                let name = entry.name.clone().unwrap_or_else(|| entry.id.clone());
                let (file, raw, key) = (entry.file_name(), entry.raw_text.clone(), entry.key.clone());
                view! {
                    <section class="banner banner-error" role="alert">
                        <h2>"“" {name.clone()} "” could not be opened"</h2>
                        <p>{entry.error.clone()} " Its stored text was kept aside, unchanged: download it to keep it or to repair it."</p>
                        <div class="btn-row">
                            <button type="button" class="btn" on:click=move |_| { crate::ui::download::download_text(&file, "text/plain", &raw); }>"Download the damaged text"</button>
                            <button type="button" class="btn btn-danger" on:click=move |_| {
                                if crate::storage::discard_recovery(&key).is_ok() {
                                    persist.recovered.update(|r| r.retain(|e| e.key != key));
                                }
                            }>"Discard it"</button>
                        </div>
                    </section>
                }
            }
        </For>
    }
}
