//! Importing a CSV export into the plan's actuals: the file is read in a worker
//! (`src/bin/import_worker.rs`, loaded on the first import), its tables are shown with
//! the suggested mapping to correct, the rows are checked, and the values are
//! committed in one edit that one Undo takes back.

use crate::domain::measure::{measure_def, RAW_MEASURES};
use crate::domain::period::{Granularity, Period};
use crate::domain::tracking::plan_periods;
use crate::import::{self, Bucketed, Mapping, Preview};
use crate::ui::state::Editor;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Where an import stands.
#[derive(Clone, Debug, PartialEq)]
enum Step {
    /// No file chosen, or the last import is done (with what to tell).
    Idle(Option<String>),
    /// The worker reads the file: bytes done of total.
    Reading { file: String, done: f64, total: f64 },
    /// The file's tables and the mapping to check.
    Preview,
    /// The worker sums the rows with the mapping.
    Checking,
    /// The values the mapping gives, ready to commit.
    Checked(Bucketed),
    /// The file could not be read, or the worker stopped.
    Failed(String),
}

/// The worker and the closure that hears it; dropping it stops the worker.
struct Connection {
    worker: web_sys::Worker,
    _on_message: Closure<dyn FnMut(web_sys::MessageEvent)>,
}

impl Drop for Connection {
    fn drop(&mut self) {
        self.worker.terminate();
    }
}

fn message(parts: &[JsValue]) -> js_sys::Array {
    parts.iter().collect()
}

/// The import card of the Measure screen; `granularity` is the grid's (months or
/// weeks), which the import sums into unless the user chooses otherwise.
#[component]
pub fn CsvImport(granularity: RwSignal<Granularity>) -> impl IntoView {
    let editor = expect_context::<Editor>();
    let step = RwSignal::new(Step::Idle(None));
    let preview = RwSignal::new(None::<Preview>);
    let mapping = RwSignal::new(None::<Mapping>);
    let connection = StoredValue::new_local(None::<Connection>);
    // The file's bytes wait here until the worker says it is ready.
    let waiting = StoredValue::new_local(None::<(String, js_sys::ArrayBuffer)>);

    let stop = move || connection.set_value(None);
    on_cleanup(move || {
        let _ = connection.try_set_value(None);
    });

    let with_grid_periods = move |m: Mapping, p: &Preview| match p.tables.get(m.table) {
        Some(table) => m.with_granularity(granularity.get_untracked(), table),
        None => m,
    };
    let on_reply = move |data: js_sys::Array| {
        let kind = data.get(0).as_string().unwrap_or_default();
        let json = data.get(1).as_string().unwrap_or_default();
        match kind.as_str() {
            "ready" => {
                if let Some((name, bytes)) = waiting.try_update_value(Option::take).flatten() {
                    connection.with_value(|c| {
                        if let Some(c) = c {
                            let transfer = message(&[bytes.clone().into()]);
                            let _ = c.worker.post_message_with_transfer(
                                &message(&["read".into(), name.into(), bytes.into()]),
                                &transfer,
                            );
                        }
                    });
                }
            }
            "progress" => step.update(|s| {
                if let Step::Reading { done, total, .. } = s {
                    *done = data.get(1).as_f64().unwrap_or(0.0);
                    *total = data.get(2).as_f64().unwrap_or(0.0);
                }
            }),
            "preview" => match serde_json::from_str::<Preview>(&json) {
                Ok(p) => {
                    mapping.set(Some(with_grid_periods(p.mapping.clone(), &p)));
                    preview.set(Some(p));
                    step.set(Step::Preview);
                }
                Err(_) => step.set(Step::Failed("The file's tables could not be shown.".into())),
            },
            "mapping" => {
                if let Ok(m) = serde_json::from_str::<Mapping>(&json) {
                    let m = preview.with_untracked(|p| match p {
                        Some(p) => with_grid_periods(m.clone(), p),
                        None => m.clone(),
                    });
                    mapping.set(Some(m));
                    step.set(Step::Preview);
                }
            }
            "bucketed" => match serde_json::from_str::<Bucketed>(&json) {
                Ok(b) => step.set(Step::Checked(b)),
                Err(_) => step.set(Step::Failed("The rows could not be checked.".into())),
            },
            "error" => step.set(Step::Failed(json)),
            _ => {}
        }
    };

    let start = move |name: String, bytes: js_sys::ArrayBuffer| {
        stop();
        let options = web_sys::WorkerOptions::new();
        options.set_type(web_sys::WorkerType::Module);
        let worker = match web_sys::Worker::new_with_options("import_worker.js", &options) {
            Ok(w) => w,
            Err(_) => {
                step.set(Step::Failed(
                    "This browser could not start reading the file in the background.".into(),
                ));
                return;
            }
        };
        let on_message =
            Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
                on_reply(js_sys::Array::from(&ev.data()));
            });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |_ev: web_sys::Event| {
            step.set(Step::Failed(
                "Reading the file stopped: check the connection, reload the page and try again. Nothing was imported.".into(),
            ));
        });
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        on_error.forget();
        waiting.set_value(Some((name.clone(), bytes)));
        connection.set_value(Some(Connection {
            worker,
            _on_message: on_message,
        }));
        step.set(Step::Reading {
            file: name,
            done: 0.0,
            total: 0.0,
        });
    };

    let on_file = move |ev: leptos::ev::Event| {
        let Some(file) = crate::ui::download::chosen_file(&ev) else {
            return;
        };
        preview.set(None);
        mapping.set(None);
        if file.size() > import::MAX_FILE_BYTES as f64 {
            step.set(Step::Failed(format!(
                "“{}” is {} and the limit is {}: nothing was imported.",
                file.name(),
                crate::format::error::megabytes_rounded_up(file.size() as usize),
                crate::format::error::megabytes(import::MAX_FILE_BYTES)
            )));
            return;
        }
        let name = file.name();
        leptos::task::spawn_local(async move {
            match wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await {
                Ok(buffer) => start(name, buffer.unchecked_into()),
                Err(_) => step.set(Step::Failed(
                    "The browser could not read that file: nothing was imported.".into(),
                )),
            }
        });
    };

    let cancel = move |_| {
        stop();
        preview.set(None);
        mapping.set(None);
        step.set(Step::Idle(Some(
            "Import cancelled: nothing changed.".into(),
        )));
    };
    let send = move |parts: &[JsValue]| {
        connection.with_value(|c| {
            if let Some(c) = c {
                let _ = c.worker.post_message(&message(parts));
            }
        })
    };
    let check = move |_| {
        let Some(m) = mapping.get_untracked() else {
            return;
        };
        if let Ok(json) = serde_json::to_string(&m) {
            step.set(Step::Checking);
            send(&["bucket".into(), json.into()]);
        }
    };
    let commit = move |replace: bool| {
        let (Step::Checked(bucketed), Some(m), Some(p)) = (
            step.get_untracked(),
            mapping.get_untracked(),
            preview.get_untracked(),
        ) else {
            return;
        };
        let mut counts = (0, 0, 0);
        editor.edit(&format!("import-{}", crate::ui::state::now_ms()), |plan| {
            counts = import::merge(
                plan,
                &bucketed.values,
                m.touchpoint.as_deref(),
                &p.file,
                replace,
            );
        });
        stop();
        preview.set(None);
        mapping.set(None);
        let (added, replaced, kept) = counts;
        let mut text = format!(
            "Imported {} from “{}”: {added} new",
            values_word(added + replaced, &editor.locale.get_untracked()),
            p.file
        );
        if replaced > 0 {
            text.push_str(&format!(", {replaced} replaced"));
        }
        if kept > 0 {
            text.push_str(&format!(", {kept} existing kept"));
        }
        text.push_str(". Undo takes the whole import back.");
        step.set(Step::Idle(Some(text)));
    };

    view! {
        <section class="card csv-import" aria-labelledby="csv-import-heading">
            <h2 id="csv-import-heading">"Import a CSV export"</h2>
            <p class="hint">"Google Analytics 4, Search Console, Google Ads, Meta Ads and Shopify exports are recognised; any other CSV can be mapped by hand. The file is read in this browser and nothing changes until you import."</p>
            <div class="btn-row">
                <label class="btn" for="csv-file">"Choose a CSV file…"</label>
                <input id="csv-file" class="visually-hidden" type="file" accept=".csv,.tsv,.txt,text/csv,text/plain" on:change=on_file/>
            </div>
            {move || match step.get() {
                Step::Idle(None) => ().into_any(),
                Step::Idle(Some(text)) => view! { <p class="banner" role="status">{text}</p> }.into_any(),
                Step::Failed(text) => view! { <p class="banner banner-error" role="alert">{text}</p> }.into_any(),
                Step::Reading { file, done, total } => view! {
                    <div class="import-progress" role="status">
                        <label for="csv-progress">"Reading “" {file} "”…"</label>
                        <progress id="csv-progress" max=total.max(1.0) value=done></progress>
                        <button type="button" class="btn btn-small" on:click=cancel>"Cancel"</button>
                    </div>
                }.into_any(),
                Step::Preview | Step::Checking | Step::Checked(_) => view! {
                    <MappingForm preview=preview mapping=mapping step=step send=Callback::new(move |(kind, value): (String, JsValue)| send(&[kind.into(), value]))/>
                    <div class="btn-row">
                        <button type="button" class="btn btn-primary" on:click=check
                            disabled=move || step.with(|s| matches!(s, Step::Checking))>"Check the rows"</button>
                        <button type="button" class="btn" on:click=cancel>"Cancel"</button>
                    </div>
                    {move || match step.get() {
                        Step::Checking => view! { <p role="status">"Checking the rows…"</p> }.into_any(),
                        Step::Checked(b) => {
                            let overlaps = editor.plan.with_untracked(|p| {
                                import::overlaps(p, &b.values, mapping.with_untracked(|m| m.as_ref().and_then(|m| m.touchpoint.clone())).as_deref())
                            });
                            view! { <CheckedSummary bucketed=b overlaps commit=Callback::new(commit)/> }.into_any()
                        }
                        _ => ().into_any(),
                    }}
                }.into_any(),
            }}
        </section>
    }
}

/// "1 value", "1,200 values": a count and its noun, grouped in the plan's locale.
fn counted(n: usize, one: &str, many: &str, locale: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{} {many}", crate::ui::format::count(n as f64, locale))
    }
}

fn values_word(n: usize, locale: &str) -> String {
    counted(n, "value", "values", locale)
}

/// What the mapping gives, and the buttons that import it.
#[component]
fn CheckedSummary(bucketed: Bucketed, overlaps: usize, commit: Callback<bool>) -> impl IntoView {
    let locale = expect_context::<Editor>().locale.get_untracked();
    let count = bucketed.values.len();
    let mut measures: Vec<&str> = bucketed.values.iter().map(|v| v.measure.as_str()).collect();
    measures.dedup();
    let names: Vec<&str> = measures
        .iter()
        .filter_map(|m| measure_def(m).map(|d| d.name))
        .collect();
    let periods = {
        let mut p: Vec<Period> = bucketed.values.iter().map(|v| v.period).collect();
        p.sort();
        p.dedup();
        p
    };
    let span = match (periods.first(), periods.last()) {
        (Some(a), Some(b)) if a == b => format!("in {a}"),
        (Some(a), Some(b)) => format!("from {a} to {b}"),
        _ => String::new(),
    };
    let problems = bucketed.problem_count;
    let listed = bucketed.problems.clone();
    view! {
        <div class="import-summary" role="status">
            <p><strong>{values_word(count, &locale)}</strong> " of " {names.join(", ")} " " {span} ", from " {rows_word(bucketed.rows_read, &locale)} "."</p>
            {(problems > 0).then(|| view! {
                <details class="import-problems">
                    <summary>{format!("{} could not be read and {} left out", rows_word(problems, &locale), if problems == 1 { "is" } else { "are" })}</summary>
                    <ul>{listed.into_iter().map(|p| view! { <li>{p.reason}</li> }).collect_view()}</ul>
                    {(problems > bucketed.problems.len()).then(|| view! { <p class="muted">{format!("The first {} are listed.", bucketed.problems.len())}</p> })}
                </details>
            })}
        </div>
        {if count == 0 {
            view! { <p class="banner banner-warn">"Nothing to import: map at least one column to a measure, and check the date column."</p> }.into_any()
        } else if overlaps > 0 {
            view! {
                <p>{format!("{overlaps} of these periods already have a value in the plan.")}</p>
                <div class="btn-row">
                    <button type="button" class="btn btn-primary" on:click=move |_| commit.run(true)>{format!("Import, replacing the {overlaps} existing values")}</button>
                    <button type="button" class="btn" on:click=move |_| commit.run(false)>"Import, keeping the existing values"</button>
                </div>
            }.into_any()
        } else {
            view! {
                <div class="btn-row">
                    <button type="button" class="btn btn-primary" on:click=move |_| commit.run(true)>{format!("Import {}", values_word(count, &locale))}</button>
                </div>
            }.into_any()
        }}
    }
}

/// The file's tables, a sample of the chosen one, and the mapping to correct.
#[component]
fn MappingForm(
    preview: RwSignal<Option<Preview>>,
    mapping: RwSignal<Option<Mapping>>,
    step: RwSignal<Step>,
    send: Callback<(String, JsValue)>,
) -> impl IntoView {
    let editor = expect_context::<Editor>();
    let update = move |change: &dyn Fn(&mut Mapping)| {
        mapping.update(|m| {
            if let Some(m) = m {
                change(m);
            }
        });
        // A changed mapping must be checked again before it is imported.
        if step.with_untracked(|s| matches!(s, Step::Checked(_))) {
            step.set(Step::Preview);
        }
    };
    let table = Memo::new(move |_| {
        let index = mapping.with(|m| m.as_ref().map_or(0, |m| m.table));
        preview.with(|p| p.as_ref().and_then(|p| p.tables.get(index).cloned()))
    });
    let on_table = move |ev: leptos::ev::Event| {
        if let Ok(i) = event_target_value(&ev).parse::<usize>() {
            send.run(("suggest".into(), JsValue::from(i as f64)));
        }
    };
    let on_date = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev).parse::<usize>().ok();
        update(&|m| m.date_column = value);
    };
    let on_granularity = move |ev: leptos::ev::Event| {
        let g = if event_target_value(&ev) == "week" {
            Granularity::Week
        } else {
            Granularity::Month
        };
        let Some(t) = table.get_untracked() else {
            return;
        };
        update(&|m| *m = m.clone().with_granularity(g, &t));
    };
    let on_period = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev).parse::<Period>().ok();
        update(&|m| m.period = value);
    };
    let on_touchpoint = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        update(&|m| m.touchpoint = (!value.is_empty()).then(|| value.clone()));
    };
    let touchpoints = Memo::new(move |_| {
        editor.plan.with(|p| {
            p.touchpoints()
                .map(|t| (t.id.clone(), t.name.clone()))
                .collect::<Vec<_>>()
        })
    });
    let periods = Memo::new(move |_| {
        let g = mapping.with(|m| m.as_ref().map_or(Granularity::Month, |m| m.granularity));
        editor.plan.with(|p| plan_periods(p, g))
    });
    view! {
        {move || preview.get().map(|p| view! {
            <p><strong>{p.source.label()}</strong> ": “" {p.file.clone()} "”, " {counted(p.tables.len(), "table", "tables", &editor.locale.get_untracked())} "."</p>
            {(!p.notes.is_empty()).then(|| view! { <ul class="import-notes">{p.notes.iter().map(|n| view! { <li>{n.clone()}</li> }).collect_view()}</ul> })}
            {(p.tables.len() > 1).then(|| {
                let current = mapping.with_untracked(|m| m.as_ref().map_or(0, |m| m.table));
                view! {
                    <div class="field">
                        <label for="csv-table">"Table"</label>
                        <select id="csv-table" on:change=on_table>
                            {p.tables.iter().enumerate().map(|(i, t)| view! {
                                <option value=i.to_string() selected=i == current>{format!("{} ({} rows)", t.title, t.rows)}</option>
                            }).collect_view()}
                        </select>
                    </div>
                }
            })}
        })}
        {move || table.get().map(|t| {
            let header = t.header.clone();
            let date_header = header.clone();
            view! {
                <div class="form-grid">
                    <div class="field">
                        <label for="csv-date">"Dates from"</label>
                        <select id="csv-date" on:change=on_date>
                            <option value="" selected=move || mapping.with(|m| m.as_ref().is_some_and(|m| m.date_column.is_none()))>"No dates: one period"</option>
                            {date_header.iter().enumerate().map(|(i, h)| view! {
                                <option value=i.to_string() selected=move || mapping.with(|m| m.as_ref().is_some_and(|m| m.date_column == Some(i)))>{h.clone()}</option>
                            }).collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for="csv-granularity">"Sum into"</label>
                        <select id="csv-granularity" on:change=on_granularity>
                            <option value="month" selected=move || mapping.with(|m| m.as_ref().is_some_and(|m| m.granularity == Granularity::Month))>"Months"</option>
                            <option value="week" selected=move || mapping.with(|m| m.as_ref().is_some_and(|m| m.granularity == Granularity::Week))>"Weeks"</option>
                        </select>
                    </div>
                    <Show when=move || mapping.with(|m| m.as_ref().is_some_and(|m| m.date_column.is_none()))>
                        <div class="field">
                            <label for="csv-period">"Period it covers"</label>
                            <select id="csv-period" on:change=on_period>
                                <option value="" selected=move || mapping.with(|m| m.as_ref().is_some_and(|m| m.period.is_none()))>"Choose…"</option>
                                {move || periods.get().into_iter().map(|p| view! {
                                    <option value=p.to_string() selected=move || mapping.with(|m| m.as_ref().is_some_and(|m| m.period == Some(p)))>{p.to_string()}</option>
                                }).collect_view()}
                            </select>
                        </div>
                    </Show>
                    <div class="field">
                        <label for="csv-touchpoint">"Belongs to"</label>
                        <select id="csv-touchpoint" on:change=on_touchpoint>
                            <option value="">"The whole plan"</option>
                            {move || touchpoints.get().into_iter().map(|(id, name)| {
                                let chosen = id.clone();
                                view! { <option value=id selected=move || mapping.with(|m| m.as_ref().is_some_and(|m| m.touchpoint.as_deref() == Some(chosen.as_str())))>{name}</option> }
                            }).collect_view()}
                        </select>
                    </div>
                </div>
                <div class="table-wrap">
                    <table class="import-sample">
                        <caption>{format!("{}: {}; the first ones, and what each column becomes", t.title, rows_word(t.rows, &editor.locale.get_untracked()))}</caption>
                        <thead>
                            <tr>{header.iter().map(|h| view! { <th scope="col">{h.clone()}</th> }).collect_view()}</tr>
                            <tr>{header.iter().enumerate().map(|(i, h)| {
                                let id = format!("csv-col-{i}");
                                let on_change = move |ev: leptos::ev::Event| {
                                    let value = event_target_value(&ev);
                                    update(&|m| {
                                        if let Some(slot) = m.columns.get_mut(i) {
                                            *slot = (!value.is_empty()).then(|| value.clone());
                                        }
                                    });
                                };
                                let is_date = move || mapping.with(|m| m.as_ref().is_some_and(|m| m.date_column == Some(i)));
                                view! {
                                    <td>
                                        <Show when=is_date><span class="muted">"The dates"</span></Show>
                                        <span hidden=is_date>
                                        <label class="visually-hidden" for=id.clone()>{format!("{h} becomes")}</label>
                                        <select id=id on:change=on_change>
                                            <option value="" selected=move || mapping.with(|m| m.as_ref().is_some_and(|m| m.columns.get(i).is_some_and(Option::is_none)))>"Ignore"</option>
                                            {RAW_MEASURES.iter().filter_map(|id| measure_def(id)).map(|d| view! {
                                                <option value=d.id selected=move || mapping.with(|m| m.as_ref().is_some_and(|m| m.columns.get(i).is_some_and(|c| c.as_deref() == Some(d.id))))>{d.name}</option>
                                            }).collect_view()}
                                        </select>
                                        </span>
                                    </td>
                                }
                            }).collect_view()}</tr>
                        </thead>
                        <tbody>
                            {t.sample.iter().map(|row| view! {
                                <tr>{row.iter().map(|c| view! { <td>{c.clone()}</td> }).collect_view()}</tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }
        })}
    }
}

fn rows_word(n: usize, locale: &str) -> String {
    counted(n, "row", "rows", locale)
}
