//! The Scenarios screen: named sets of changes to the plan's inputs ("Stretch",
//! "Conservative"), each compared side by side with the plan as it is (its base), with
//! what differs from the base marked; a scenario can be made the base (its values
//! written into the plan, the old ones kept as a scenario) and deleted after a
//! question, and every change undoes in one step.

use crate::domain::kpi::Unit;
use crate::domain::period::parse_date;
use crate::domain::plan::Plan;
use crate::domain::scenario::{self, Comparison, MAX_SCENARIO_NAME_CHARS};
use crate::domain::uncertainty::InputRef;
use crate::ui::format;
use crate::ui::state::{now_ms, today, Editor};
use crate::ui::widgets::fields::{InputValueField, NumCheck, TextField};
use crate::ui::widgets::input_picker::{input_id_part, value_text, InputPicker};
use crate::ui::widgets::kpi::{format_unit, locale_currency};
use crate::ui::widgets::rows::focus;
use crate::ui::widgets::trend::{status_parts, TableWrap};
use leptos::html::Dialog;
use leptos::prelude::*;
use std::sync::Arc;

/// The id of the new scenario's name field, where focus goes after a deletion.
const NEW_NAME_ID: &str = "scenario-new-name";

/// The Scenarios screen of the open plan.
#[component]
pub fn ScenariosScreen() -> impl IntoView {
    let editor = expect_context::<Editor>();
    let ids = Memo::new(move |_| {
        editor
            .plan
            .with(|p| p.scenarios.iter().map(|s| s.id.clone()).collect::<Vec<_>>())
    });
    let name = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let notice = RwSignal::new(None::<String>);
    let deleting = RwSignal::new(None::<(String, String)>);
    // Undo and redo make a message about the last action out of date.
    Effect::new(move |first: Option<()>| {
        editor.resets.track();
        if first.is_some() {
            notice.set(None);
        }
    });
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = name.get_untracked();
        let mut result = Ok(String::new());
        // A refused name changes nothing, so it records no undo step.
        let check = editor.plan.with_untracked(|p| {
            let mut trial = p.clone();
            scenario::add(&mut trial, &text).map(|_| ())
        });
        if let Err(e) = check {
            error.set(Some(e.message));
            return;
        }
        editor.edit(&format!("scenario-add-{}", now_ms()), |p| {
            result = scenario::add(p, &text);
        });
        match result {
            Ok(id) => {
                error.set(None);
                name.set(String::new());
                notice.set(None);
                request_animation_frame(move || focus(&format!("scenario-{id}-pick")));
            }
            Err(e) => error.set(Some(e.message)),
        }
    };
    let ro = move || editor.read_only.get().is_some();
    view! {
        <div class="scenarios-screen">
            <h1>"Scenarios"</h1>
            <p class="lead">"What if some inputs were different? A scenario changes a few of the plan's inputs (a higher conversion rate, a bigger search budget) and is compared side by side with the plan as it is, its base."</p>
            <form class="card scenario-add" on:submit=add>
                <h2 id="scenario-add-h">"New scenario"</h2>
                <div class="field">
                    <label for=NEW_NAME_ID>"Name"</label>
                    <span class="hint" id="scenario-new-hint">"For example Stretch, Conservative, or Bigger search budget"</span>
                    {move || error.get().map(|e| view! { <span class="field-error" id="scenario-new-error">{e}</span> })}
                    <input id=NEW_NAME_ID type="text" maxlength=MAX_SCENARIO_NAME_CHARS
                        prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))
                        aria-invalid=move || if error.get().is_some() { "true" } else { "false" }
                        aria-describedby=move || if error.get().is_some() { "scenario-new-hint scenario-new-error" } else { "scenario-new-hint" }
                        readonly=ro/>
                </div>
                <div class="btn-row"><button type="submit" class="btn btn-primary" disabled=ro>"Add scenario"</button></div>
            </form>
            {move || notice.get().map(|n| view! { <p class="banner" role="status">{n}</p> })}
            <Show when=move || !ids.with(Vec::is_empty)
                fallback=|| view! { <p class="empty">"No scenario yet. Name one above, then choose the inputs it changes."</p> }>
                <div class="scenario-list">
                    <For each=move || ids.get() key=|id| id.clone() let:id>
                        <ScenarioCard id=id notice=notice deleting=deleting/>
                    </For>
                </div>
                <ComparisonTable/>
            </Show>
            <DeleteDialog deleting=deleting notice=notice/>
        </div>
    }
}

/// One scenario: its name, its changes and its actions.
#[component]
fn ScenarioCard(
    id: String,
    notice: RwSignal<Option<String>>,
    deleting: RwSignal<Option<(String, String)>>,
) -> impl IntoView {
    let editor = expect_context::<Editor>();
    let name = {
        let id = id.clone();
        Memo::new(move |_| {
            editor.plan.with(|p| {
                p.scenarios
                    .iter()
                    .find(|s| s.id == id)
                    .map(|s| s.name.clone())
                    .unwrap_or_default()
            })
        })
    };
    let keys = {
        let id = id.clone();
        Memo::new(move |_| {
            editor.plan.with(|p| {
                p.scenarios
                    .iter()
                    .find(|s| s.id == id)
                    .map(|s| {
                        s.overrides
                            .iter()
                            .map(|o| o.input.to_string())
                            .collect::<Vec<_>>()
                    })
                    .unwrap_or_default()
            })
        })
    };
    let pick_id = format!("scenario-{id}-pick");
    let add = {
        let id = id.clone();
        Callback::new(move |input: InputRef| {
            let id = id.clone();
            let key = format!("f-scenario-{id}-{}", input_id_part(&input));
            editor.edit(&format!("scenario-override-add-{}", now_ms()), move |p| {
                if let Some(v) = input.value(p) {
                    let _ = scenario::set_override(p, &id, input, v);
                }
            });
            request_animation_frame(move || focus(&key));
        })
    };
    let promote = {
        let id = id.clone();
        move |_| {
            let id = id.clone();
            let old = name.get_untracked();
            let mut result = Err(String::new());
            editor.edit(&format!("scenario-promote-{}", now_ms()), |p| {
                result = scenario::promote(p, &id).map_err(|e| e.message);
            });
            notice.set(Some(match result {
                Ok(_) => format!("“{old}” is now the base: its values are in the plan, and the values they replaced are kept as the scenario “Base before {old}”. Undo takes it back."),
                Err(e) => e,
            }));
        }
    };
    let ask_delete = {
        let id = id.clone();
        move |_| deleting.set(Some((id.clone(), name.get_untracked())))
    };
    let (rename_get, rename_set) = (id.clone(), id.clone());
    let card_id = StoredValue::new(id.clone());
    let ro = move || editor.read_only.get().is_some();
    view! {
        <section class="card scenario-card" aria-labelledby=format!("scenario-{id}-h") data-scenario=id.clone()>
            <h2 id=format!("scenario-{id}-h")>{move || name.get()}</h2>
            <TextField label="Name" key=format!("scenario-{id}-name") required=true
                get={move |p: &Plan| p.scenarios.iter().find(|s| s.id == rename_get).map(|s| s.name.clone()).unwrap_or_default()}
                set={move |p: &mut Plan, v: String| { let _ = scenario::rename(p, &rename_set, &v); }}/>
            <Show when=move || !keys.with(Vec::is_empty)
                fallback=|| view! { <p class="muted">"It changes nothing yet: choose an input below."</p> }>
                <div class="override-list">
                    <For each=move || keys.get() key=|k| k.clone() let:k>
                        <OverrideRow scenario=card_id.get_value() key=k/>
                    </For>
                </div>
            </Show>
            <InputPicker id=pick_id label="Input to change" button="Change it in this scenario"
                rangeable_only=false taken=keys taken_word="changed here" on_pick=add/>
            <div class="btn-row">
                <button type="button" class="btn" on:click=promote disabled=ro
                    aria-label=move || format!("Make this the base: {}", name.get())>"Make this the base"</button>
                <button type="button" class="btn btn-danger" on:click=ask_delete disabled=ro
                    aria-label=move || format!("Delete scenario {}", name.get())>"Delete…"</button>
            </div>
        </section>
    }
}

/// One changed input of a scenario: the base's value and the scenario's.
#[component]
fn OverrideRow(scenario: String, key: String) -> impl IntoView {
    let editor = expect_context::<Editor>();
    let Some(input) = InputRef::parse(&key) else {
        return ().into_any();
    };
    let lc = locale_currency();
    let kind = input.kind();
    let info = {
        let input = input.clone();
        Memo::new(move |_| editor.plan.with(|p| (input.label(p), input.value(p))))
    };
    let base = move || {
        let (_, value) = info.get();
        lc.with(|(l, c)| {
            value.map_or(
                "(no longer in the plan: this change has no effect)".to_string(),
                |v| value_text(kind, v, l, c),
            )
        })
    };
    let field_key = format!("scenario-{scenario}-{}", input_id_part(&input));
    let (i1, i2, i3) = (input.clone(), input.clone(), input.clone());
    let (s1, s2, s3) = (scenario.clone(), scenario.clone(), scenario.clone());
    let get = move |p: &Plan| {
        p.scenarios
            .iter()
            .find(|s| s.id == s1)
            .and_then(|s| s.value_of(&i1))
            .unwrap_or(0.0)
    };
    let check: NumCheck = Arc::new(move |p: &Plan, v: f64| {
        let mut trial = p.clone();
        scenario::set_override(&mut trial, &s2, i2.clone(), v)
            .err()
            .map(|e| e.message)
    });
    let set = move |p: &mut Plan, v: f64| {
        let _ = scenario::set_override(p, &s3, i3.clone(), v);
    };
    let remove = {
        let input = input.clone();
        move |_| {
            let (input, scenario) = (input.clone(), scenario.clone());
            let pick = format!("scenario-{scenario}-pick");
            editor.edit(
                &format!("scenario-override-remove-{}", now_ms()),
                move |p| {
                    scenario::remove_override(p, &scenario, &input);
                },
            );
            focus(&pick);
        }
    };
    let label = move || info.with(|(l, _)| l.clone());
    view! {
        <div class="override-row" data-input=key.clone()>
            <InputValueField label=info.get_untracked().0 key=field_key kind=kind get=get check=check set=set/>
            <p class="muted override-base">"Base: " <span class="num">{base}</span></p>
            <button type="button" class="btn btn-small" on:click=remove
                disabled=move || editor.read_only.get().is_some()
                aria-label=move || format!("Remove the change of {}", label())>"Remove"</button>
        </div>
    }
    .into_any()
}

/// A figure of the comparison for reading.
fn figure_text(unit: Unit, value: Option<f64>, locale: &str, currency: &str) -> String {
    match unit {
        Unit::Money => format::opt(value, |v| format::money_whole(v, locale, currency)),
        u => format_unit(u, value, locale, currency),
    }
}

/// A cell that differs from the base: bold, an arrow, and words for screen readers.
fn differing(text: String, value: Option<f64>, base: Option<f64>) -> AnyView {
    let (arrow, words) = match (value, base) {
        (Some(v), Some(b)) if v > b => ("▲", "higher than the base"),
        (Some(v), Some(b)) if v < b => ("▼", "lower than the base"),
        _ => ("≠", "differs from the base"),
    };
    view! {
        <td class="num differs"><strong><span aria-hidden="true">{arrow} " "</span>{text}
            <span class="visually-hidden">{format!(" ({words})")}</span></strong></td>
    }
    .into_any()
}

/// The base and every scenario side by side.
#[component]
fn ComparisonTable() -> impl IntoView {
    let editor = expect_context::<Editor>();
    let lc = locale_currency();
    let day = parse_date(&today()).ok();
    let comparison: Memo<Comparison> =
        Memo::new(move |_| editor.plan.with(|p| scenario::compare(p, day)));
    let table = move || {
        let (locale, currency) = lc.get();
        let c = comparison.get();
        let head = c
            .columns
            .iter()
            .map(|col| view! { <th scope="col" class="num">{col.name.clone()}</th> })
            .collect_view();
        let figures = c
            .figures
            .iter()
            .map(|f| {
                let base = f.values.first().copied().flatten();
                let label = match f.stage {
                    Some(s) => format!("{} ({})", f.label, s.name()),
                    None => f.label.clone(),
                };
                let cells = f
                    .values
                    .iter()
                    .zip(&f.differs)
                    .map(|(v, d)| {
                        let text = figure_text(f.unit, *v, &locale, &currency);
                        if *d {
                            differing(text, *v, base)
                        } else {
                            view! { <td class="num">{text}</td> }.into_any()
                        }
                    })
                    .collect_view();
                view! { <tr data-figure=f.key.clone()><th scope="row">{label}</th>{cells}</tr> }
            })
            .collect_view();
        let objectives = c
            .objectives
            .iter()
            .map(|o| {
                let cells = o
                    .statuses
                    .iter()
                    .zip(&o.differs)
                    .map(|(s, d)| {
                        let (icon, word, class) = status_parts(*s);
                        let badge = view! { <span class=class><span aria-hidden="true">{icon}</span>{word}</span> };
                        if *d {
                            view! { <td class="differs"><strong><span aria-hidden="true">"≠ "</span>{badge}<span class="visually-hidden">" (differs from the base)"</span></strong></td> }.into_any()
                        } else {
                            view! { <td>{badge}</td> }.into_any()
                        }
                    })
                    .collect_view();
                let label = if o.label.trim().is_empty() { o.kpi.clone() } else { o.label.clone() };
                view! { <tr data-objective=o.objective.clone()><th scope="row">{label}</th>{cells}</tr> }
            })
            .collect_view();
        let has_objectives = !c.objectives.is_empty();
        view! {
            <TableWrap label="The base and the scenarios side by side, table">
                <table class="comparison">
                    <caption>"The base and each scenario: ▲ higher, ▼ lower, ≠ different from the base (in bold)"</caption>
                    <thead><tr><th scope="col">"Figure"</th>{head}</tr></thead>
                    <tbody>{figures}</tbody>
                    {has_objectives.then(|| view! {
                        <tbody class="comparison-objectives">
                            <tr><th scope="rowgroup" colspan=c.columns.len() + 1>"Objectives"</th></tr>
                            {objectives}
                        </tbody>
                    })}
                </table>
            </TableWrap>
        }
    };
    view! {
        <section aria-labelledby="comparison-h">
            <h2 id="comparison-h">"Side by side"</h2>
            <p class="muted">"Funnel totals, budget and ROI over the plan's horizon, the stage KPIs this month, and each objective's status."</p>
            {table}
        </section>
    }
}

/// Asks before a scenario is deleted; the deletion can still be undone.
#[component]
fn DeleteDialog(
    deleting: RwSignal<Option<(String, String)>>,
    notice: RwSignal<Option<String>>,
) -> impl IntoView {
    let editor = expect_context::<Editor>();
    let dialog = NodeRef::<Dialog>::new();
    Effect::new(move |_| {
        let open = deleting.with(Option::is_some);
        if let Some(d) = dialog.get() {
            if open && !d.open() {
                let _ = d.show_modal();
            } else if !open && d.open() {
                d.close();
            }
        }
    });
    let name = move || deleting.with(|d| d.as_ref().map(|(_, n)| n.clone()).unwrap_or_default());
    let confirm = move |_| {
        if let Some((id, name)) = deleting.get_untracked() {
            editor.edit(&format!("scenario-delete-{}", now_ms()), move |p| {
                scenario::delete(p, &id);
            });
            notice.set(Some(format!(
                "Scenario “{name}” deleted. Undo brings it back."
            )));
        }
        deleting.set(None);
        focus(NEW_NAME_ID);
    };
    view! {
        <dialog node_ref=dialog aria-labelledby="scenario-delete-title" on:close=move |_| deleting.set(None)>
            <h2 id="scenario-delete-title">{move || format!("Delete the scenario “{}”?", name())}</h2>
            <p>"Its changes are removed from the plan; the plan's own values stay as they are. Undo brings it back."</p>
            <div class="btn-row">
                <button type="button" class="btn btn-danger" on:click=confirm>"Delete scenario"</button>
                <button type="button" class="btn" on:click=move |_| deleting.set(None)>"Keep it"</button>
            </div>
        </dialog>
    }
}
