//! The 90-day plan (OSA: Action): the actions as a 13-week timeline, a board by status
//! or a list of compact rows (three tabs, one in the page at a time), each action's
//! editor on demand, the owners' load, and a review every 30 days that snapshots the KPIs.

use crate::domain::kpi;
use crate::domain::money::Money;
use crate::domain::period::{format_date, parse_date};
use crate::domain::plan::{Action, ActionStatus, Plan, Stage, ACTION_WEEKS};
use crate::domain::tracking::{
    add_actions_from_initiatives, initiatives_without_actions, new_review, next_review, owners,
    reviews_due,
};
use crate::ui::format;
use crate::ui::state::{today, AppState, Editor, Level};
use crate::ui::widgets::fields::{MoneyField, TextField};
use crate::ui::widgets::gantt::{stage_class, Gantt};
use crate::ui::widgets::kpi::format_kpi;
use crate::ui::widgets::rows::{
    focus, Cell, Column, CompactRow, EachId, EditButton, EditorPanel, RowList, RowTable, ShowMore,
    PAGE,
};
use crate::ui::widgets::tabs::{TabDef, TabList, TabPanel};
use crate::ui::widgets::trend::{date_text, StatusBadge, TableWrap};
use leptos::prelude::*;

/// The three views of the actions, as tabs: only the selected one is in the page.
const VIEWS: [TabDef; 3] = [
    ("timeline", "Timeline"),
    ("board", "Board"),
    ("list", "List"),
];
const TIMELINE: usize = 0;
const BOARD: usize = 1;
const LIST: usize = 2;

/// The board's columns, in order.
const COLUMNS: [ActionStatus; 4] = [
    ActionStatus::Todo,
    ActionStatus::Doing,
    ActionStatus::Done,
    ActionStatus::Blocked,
];

fn status_slug(status: ActionStatus) -> &'static str {
    match status {
        ActionStatus::Todo => "todo",
        ActionStatus::Doing => "doing",
        ActionStatus::Done => "done",
        ActionStatus::Blocked => "blocked",
    }
}

fn status_from_slug(slug: &str) -> Option<ActionStatus> {
    COLUMNS.into_iter().find(|s| status_slug(*s) == slug)
}

fn money_text(p: &Plan, m: Money) -> String {
    format::money(
        m.to_major(p.currency_digits()),
        &p.profile.locale,
        &p.profile.currency,
    )
}

fn weeks_text(start: u8, end: u8) -> String {
    if start == end {
        format!("Week {start}")
    } else {
        format!("Weeks {start}–{end}")
    }
}

/// The 90-day plan screen of the open plan.
#[component]
pub fn ActionsScreen() -> impl IntoView {
    let editor = expect_context::<Editor>();
    let state = expect_context::<AppState>();
    let ids = Memo::new(move |_| {
        editor.plan.with(|p| {
            p.action
                .actions
                .iter()
                .map(|a| a.id.clone())
                .collect::<Vec<_>>()
        })
    });
    let missing = Memo::new(move |_| editor.plan.with(|p| initiatives_without_actions(p).len()));
    let view = RwSignal::new(TIMELINE);
    let list = RowList::new("actions");
    let create_from_initiatives = move |_| {
        let count = missing.get_untracked();
        editor.edit("actions-from-initiatives", |p| {
            add_actions_from_initiatives(p);
        });
        let body = match count {
            1 => "1 action was added in weeks 1–4. Set its owner and weeks below.".to_string(),
            n => format!("{n} actions were added in weeks 1–4. Set their owners and weeks below."),
        };
        state.notify(Level::Info, "actions-created", "Actions created", body);
    };
    let add_action = move |_| {
        let mut added = None;
        editor.edit("action-add", |p| {
            let id = p.next_id("action");
            added = Some((id.clone(), p.action.actions.len()));
            p.action.actions.push(Action {
                id,
                title: "New action".into(),
                end_week: 2,
                ..Action::default()
            });
        });
        // The new action opens in the list, ready to be named.
        if let Some((id, index)) = added {
            view.set(LIST);
            list.open_at(id, index);
        }
    };
    let start_error = RwSignal::new(None::<String>);
    let on_start = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        match parse_date(&value) {
            Ok(d) => {
                start_error.set(None);
                editor.edit("action-start-date", move |p| {
                    p.action.start_date = format_date(d)
                });
            }
            Err(e) => start_error.set(Some(e.message)),
        }
    };
    let read_only = move || editor.read_only.get().is_some();
    view! {
        <h1>"90-day plan"</h1>
        <p class="lead">"Turn the chosen initiatives into actions over the next 13 weeks: who does what, when, with what budget, and review the KPIs every 30 days."</p>
        <div class="form-grid">
            <div class="field">
                <label for="action-start">"Start date (first day of week 1)"</label>
                {move || start_error.get().map(|e| view! { <span class="field-error" id="action-start-error">{e}</span> })}
                <input id="action-start" type="date" required
                    prop:value=move || editor.plan.with(|p| p.action.start_date.clone())
                    aria-invalid=move || start_error.get().is_some().to_string()
                    aria-describedby=move || start_error.get().map(|_| "action-start-error")
                    readonly=read_only
                    on:change=on_start/>
            </div>
        </div>
        <Show when=move || !ids.with(Vec::is_empty)
            fallback=move || view! {
                <div class="empty">
                    <p>"No actions yet. Actions are the steps that deliver your chosen initiatives in the next 13 weeks."</p>
                    {move || if missing.get() > 0 {
                        view! {
                            <div class="btn-row empty-actions">
                                <button type="button" class="btn btn-primary" on:click=create_from_initiatives disabled=read_only>
                                    {format!("Create actions from chosen initiatives ({})", missing.get())}
                                </button>
                                <button type="button" class="btn" id=ADD_ACTION_ID on:click=add_action disabled=read_only>"Add an action"</button>
                            </div>
                        }.into_any()
                    } else {
                        view! {
                            <p>"Choose initiatives on the Strategy screen to create their actions here in one click, or add an action by hand."</p>
                            <button type="button" class="btn btn-primary" id=ADD_ACTION_ID on:click=add_action disabled=read_only>"Add an action"</button>
                        }.into_any()
                    }}
                </div>
            }>
            <div class="btn-row">
                <button type="button" class="btn btn-primary" on:click=create_from_initiatives
                    disabled=move || missing.get() == 0 || read_only()>
                    "Create actions from chosen initiatives"
                    {move || (missing.get() > 0).then(|| format!(" ({})", missing.get()))}
                </button>
                <button type="button" class="btn" id=ADD_ACTION_ID on:click=add_action disabled=read_only>"Add an action"</button>
            </div>
            <Show when=move || missing.get() == 0>
                <p class="muted">"Every chosen initiative has at least one action."</p>
            </Show>
            <h2>"Actions"</h2>
            <TabList prefix="actions" label="Show the actions as" tabs=&VIEWS selected=view/>
            {move || match view.get() {
                TIMELINE => view! { <TabPanel prefix="actions" slug="timeline"><Gantt/></TabPanel> }.into_any(),
                BOARD => view! { <TabPanel prefix="actions" slug="board"><Board ids=ids/></TabPanel> }.into_any(),
                _ => view! { <TabPanel prefix="actions" slug="list"><ActionList ids=ids list=list/></TabPanel> }.into_any(),
            }}
            <h2>"Owners"</h2>
            <Owners/>
        </Show>
        <h2>"Reviews"</h2>
        <Reviews/>
    }
}

/// What a compact row or card of an action shows: text only.
#[derive(Clone, Debug, PartialEq)]
struct ActionSummary {
    title: String,
    owner: String,
    weeks: String,
    budget: String,
    stage: Stage,
    status: ActionStatus,
}

/// The summary of one action, following the plan.
fn action_summary(editor: Editor, id: String) -> Memo<Option<ActionSummary>> {
    Memo::new(move |_| {
        editor.plan.with(|p| {
            p.action(&id).map(|a| ActionSummary {
                title: a.title.clone(),
                owner: if a.owner.trim().is_empty() {
                    "No owner yet".to_string()
                } else {
                    a.owner.clone()
                },
                weeks: weeks_text(a.start_week, a.end_week),
                budget: money_text(p, a.budget),
                stage: a.stage,
                status: a.status,
            })
        })
    })
}

/// After an action is deleted from its editor: focus goes to "Add an action".
fn after_delete(list: RowList) -> Callback<()> {
    Callback::new(move |()| {
        list.open.set(None);
        focus(ADD_ACTION_ID);
    })
}

/// The id of the "Add an action" button, where focus goes when an action is deleted.
const ADD_ACTION_ID: &str = "action-add";

#[component]
fn Board(ids: Memo<Vec<String>>) -> impl IntoView {
    let editor = expect_context::<Editor>();
    let list = RowList::new("board");
    let label = Signal::derive(move || {
        let title = list.open.with(|o| {
            o.as_deref()
                .and_then(|id| editor.plan.with(|p| p.action(id).map(|a| a.title.clone())))
        });
        format!("Edit action {}", title.unwrap_or_default())
    });
    view! {
        <div class="board">
            {COLUMNS.into_iter().map(|status| view! { <BoardColumn status=status list=list/> }).collect_view()}
        </div>
        {move || list.open.get().filter(|id| ids.with(|all| all.contains(id))).map(|id| view! {
            <EditorPanel list=list id=id.clone() label=label detached=true>
                <ActionEditor id=id on_delete=after_delete(list)/>
            </EditorPanel>
        })}
    }
}

#[component]
fn BoardColumn(status: ActionStatus, list: RowList) -> impl IntoView {
    let editor = expect_context::<Editor>();
    let ids = Memo::new(move |_| {
        editor.plan.with(|p| {
            p.action
                .actions
                .iter()
                .filter(|a| a.status == status)
                .map(|a| a.id.clone())
                .collect::<Vec<_>>()
        })
    });
    let limit = RwSignal::new(PAGE);
    let heading_id = format!("board-{}", status_slug(status));
    let labelled_by = heading_id.clone();
    view! {
        <section class=format!("board-column board-{}", status_slug(status)) aria-labelledby=labelled_by>
            <h3 id=heading_id>{status.label()}" "<span class="muted">{move || format!("({})", ids.with(Vec::len))}</span></h3>
            <Show when=move || !ids.with(Vec::is_empty) fallback=|| view! { <p class="muted board-empty">"Nothing here."</p> }>
                <ul class="board-cards">
                    <EachId ids=Signal::derive(move || ids.with(|all| all.iter().take(limit.get()).cloned().collect::<Vec<_>>()))
                        row=move |id: String| view! { <BoardCard id=id list=list/> }.into_any()/>
                </ul>
                <ShowMore limit=limit total=Signal::derive(move || ids.with(Vec::len))/>
            </Show>
        </section>
    }
}

/// A compact card: title (its button opens the editor), owner, weeks, and buttons that
/// move it to the next or previous column.
#[component]
fn BoardCard(id: String, list: RowList) -> impl IntoView {
    let editor = expect_context::<Editor>();
    let card = action_summary(editor, id.clone());
    let set_status = {
        let id = id.clone();
        move |status: ActionStatus| {
            let id = id.clone();
            editor.edit(&format!("action-status-{id}"), move |p| {
                if let Some(a) = p.action_mut(&id) {
                    a.status = status;
                }
            });
        }
    };
    let title = move || card.with(|c| c.as_ref().map(|c| c.title.clone()).unwrap_or_default());
    let current = move || card.with(|c| c.as_ref().map_or(ActionStatus::Todo, |c| c.status));
    let neighbour = move |delta: i32| {
        let pos = COLUMNS.iter().position(|s| *s == current()).unwrap_or(0) as i32;
        usize::try_from(pos + delta)
            .ok()
            .and_then(|i| COLUMNS.get(i).copied())
    };
    let read_only = move || editor.read_only.get().is_some();
    let go_left = {
        let set_status = set_status.clone();
        move |_| {
            if let Some(s) = neighbour(-1) {
                set_status(s);
            }
        }
    };
    let go_right = move |_| {
        if let Some(s) = neighbour(1) {
            set_status(s);
        }
    };
    view! {
        <li class=move || format!("board-card card stage-border {}", card.with(|c| c.as_ref().map_or("", |c| stage_class(c.stage))))>
            <p class="board-title">
                <EditButton list=list id=id.clone() name=Signal::derive(title) title_button=true/>
            </p>
            <p class="board-meta">
                {move || card.with(|c| c.as_ref().map(|c| format!("{} · {} · {}", c.owner, c.weeks, c.status.label())).unwrap_or_default())}
            </p>
            <div class="btn-row">
                <button type="button" class="btn btn-small" on:click=go_left
                    disabled=move || neighbour(-1).is_none() || read_only()
                    aria-label=move || format!("Move {} to {}", title(), neighbour(-1).map_or("", ActionStatus::label))>"←"</button>
                <button type="button" class="btn btn-small" on:click=go_right
                    disabled=move || neighbour(1).is_none() || read_only()
                    aria-label=move || format!("Move {} to {}", title(), neighbour(1).map_or("", ActionStatus::label))>"→"</button>
            </div>
        </li>
    }
}

/// The actions as compact rows, each with its editor on demand.
#[component]
fn ActionList(ids: Memo<Vec<String>>, list: RowList) -> impl IntoView {
    const COLUMNS: &[Column] = &[
        ("Action", false),
        ("Owner", false),
        ("When", false),
        ("Budget", true),
        ("Stage", false),
        ("Status", false),
    ];
    view! {
        <RowTable class="action-rows" caption="Actions" columns=COLUMNS ids=ids list=list
            row=move |id| view! { <ActionRow id=id list=list/> }.into_any()/>
    }
}

#[component]
fn ActionRow(id: String, list: RowList) -> impl IntoView {
    let editor = expect_context::<Editor>();
    let row = action_summary(editor, id.clone());
    let text = move |f: fn(&ActionSummary) -> String| {
        Signal::derive(move || row.with(|r| r.as_ref().map(f).unwrap_or_default()))
    };
    let class = Signal::derive(move || {
        let stage = row.with(|r| r.as_ref().map_or("", |r| stage_class(r.stage)));
        format!("action-row {stage}")
    });
    let cells = vec![
        Cell::Text("", text(|r| r.owner.clone())),
        Cell::Text("", text(|r| r.weeks.clone())),
        Cell::Text("num", text(|r| r.budget.clone())),
        Cell::Text("", text(|r| r.stage.name().to_string())),
        Cell::Text("", text(|r| r.status.label().to_string())),
    ];
    let editor_id = id.clone();
    view! {
        <CompactRow list=list id=id noun="action" class=class title=text(|r| r.title.clone()) cells=cells
            editor=move || view! { <ActionEditor id=editor_id.clone() on_delete=after_delete(list)/> }/>
    }
}

/// Every field of one action.
#[component]
fn ActionEditor(
    id: String,
    /// Called once the action is deleted.
    on_delete: Callback<()>,
) -> impl IntoView {
    let editor = expect_context::<Editor>();
    let exists = {
        let id = id.clone();
        Memo::new(move |_| editor.plan.with(|p| p.action(&id).is_some()))
    };
    let field = {
        let id = id.clone();
        move |name: &str| format!("action-{name}-{id}")
    };
    let get_action = {
        let id = id.clone();
        move |f: fn(&Action) -> String| {
            let id = id.clone();
            move |p: &Plan| p.action(&id).map(f).unwrap_or_default()
        }
    };
    let set_action = {
        let id = id.clone();
        move |f: fn(&mut Action, String)| {
            let id = id.clone();
            move |p: &mut Plan, v: String| {
                if let Some(a) = p.action_mut(&id) {
                    f(a, v);
                }
            }
        }
    };
    let title = {
        let id = id.clone();
        Memo::new(move |_| {
            editor
                .plan
                .with(|p| p.action(&id).map(|a| a.title.clone()).unwrap_or_default())
        })
    };
    let weeks = {
        let id = id.clone();
        Memo::new(move |_| {
            editor
                .plan
                .with(|p| p.action(&id).map_or((1, 1), |a| (a.start_week, a.end_week)))
        })
    };
    let edit = {
        let id = id.clone();
        move |key: String, change: Box<dyn FnOnce(&mut Action)>| {
            let id = id.clone();
            editor.edit(&key, move |p| {
                if let Some(a) = p.action_mut(&id) {
                    change(a);
                }
            });
        }
    };
    let on_start = {
        let edit = edit.clone();
        let key = field("weeks");
        move |ev: leptos::ev::Event| {
            let Ok(s) = event_target_value(&ev).parse::<u8>() else {
                return;
            };
            let (_, e) = weeks.get_untracked();
            edit(
                key.clone(),
                Box::new(move |a| {
                    let _ = a.set_weeks(s, e.max(s));
                }),
            );
        }
    };
    let on_end = {
        let edit = edit.clone();
        let key = field("weeks");
        move |ev: leptos::ev::Event| {
            let Ok(e) = event_target_value(&ev).parse::<u8>() else {
                return;
            };
            let (s, _) = weeks.get_untracked();
            edit(
                key.clone(),
                Box::new(move |a| {
                    let _ = a.set_weeks(s.min(e), e);
                }),
            );
        }
    };
    let status = {
        let id = id.clone();
        Memo::new(move |_| {
            editor
                .plan
                .with(|p| p.action(&id).map_or(ActionStatus::Todo, |a| a.status))
        })
    };
    let on_status = {
        let edit = edit.clone();
        let key = field("status");
        move |ev: leptos::ev::Event| {
            if let Some(s) = status_from_slug(&event_target_value(&ev)) {
                edit(key.clone(), Box::new(move |a| a.status = s));
            }
        }
    };
    let stage = {
        let id = id.clone();
        Memo::new(move |_| {
            editor
                .plan
                .with(|p| p.action(&id).map_or(Stage::Reach, |a| a.stage))
        })
    };
    let on_stage = {
        let edit = edit.clone();
        let key = field("stage");
        move |ev: leptos::ev::Event| {
            if let Some(s) = Stage::from_slug(&event_target_value(&ev)) {
                edit(key.clone(), Box::new(move |a| a.stage = s));
            }
        }
    };
    let initiative = {
        let id = id.clone();
        Memo::new(move |_| {
            editor.plan.with(|p| {
                p.action(&id)
                    .and_then(|a| a.initiative.clone())
                    .unwrap_or_default()
            })
        })
    };
    let initiatives = Memo::new(move |_| {
        editor.plan.with(|p| {
            p.strategy
                .initiatives
                .iter()
                .map(|i| (i.id.clone(), i.title.clone(), i.is_chosen()))
                .collect::<Vec<_>>()
        })
    });
    let on_initiative = {
        let edit = edit.clone();
        let key = field("initiative");
        move |ev: leptos::ev::Event| {
            let value = event_target_value(&ev);
            let stage_of = editor
                .plan
                .with_untracked(|p| p.initiative(&value).map(|i| i.stage));
            edit(
                key.clone(),
                Box::new(move |a| {
                    a.initiative = (!value.is_empty()).then_some(value);
                    if let Some(s) = stage_of {
                        a.stage = s;
                    }
                }),
            );
        }
    };
    let remove = {
        let id = id.clone();
        move |_| {
            let id = id.clone();
            editor.edit(&format!("action-remove-{id}"), move |p| {
                p.action.actions.retain(|a| a.id != id);
            });
            on_delete.run(());
        }
    };
    let read_only = move || editor.read_only.get().is_some();
    let week_options = move |selected: Box<dyn Fn() -> u8 + Send + Sync>| {
        let selected = std::sync::Arc::new(selected);
        (1..=ACTION_WEEKS)
            .map(|w| {
                let selected = selected.clone();
                view! { <option value=w.to_string() selected=move || selected() == w>{format!("Week {w}")}</option> }
            })
            .collect_view()
    };
    let (start_id, end_id, status_id, stage_id, initiative_id) = (
        field("start"),
        field("end"),
        field("status-select"),
        field("stage"),
        field("initiative"),
    );
    let budget_get = {
        let id = id.clone();
        move |p: &Plan| p.action(&id).map_or(Money::ZERO, |a| a.budget)
    };
    let budget_set = {
        let id = id.clone();
        move |p: &mut Plan, m: Money| {
            if let Some(a) = p.action_mut(&id) {
                let _ = a.set_budget(m);
            }
        }
    };
    view! {
        <Show when=move || exists.get()>
            <article class=move || format!("card stage-border action-card {}", stage_class(stage.get()))
                aria-label=move || format!("Action {}", title.get())>
                <div class="form-grid">
                    <TextField label="Title" key=field("title") required=true
                        get=get_action(|a| a.title.clone()) set=set_action(|a, v| a.title = v)/>
                    <TextField label="Owner" key=field("owner")
                        get=get_action(|a| a.owner.clone()) set=set_action(|a, v| a.owner = v)/>
                    <div class="field">
                        <label for=start_id.clone()>"First week"</label>
                        <select id=start_id.clone() on:change=on_start.clone() disabled=read_only>
                            {week_options(Box::new(move || weeks.get().0))}
                        </select>
                    </div>
                    <div class="field">
                        <label for=end_id.clone()>"Last week"</label>
                        <select id=end_id.clone() on:change=on_end.clone() disabled=read_only>
                            {week_options(Box::new(move || weeks.get().1))}
                        </select>
                    </div>
                    <div class="field">
                        <label for=status_id.clone()>"Status"</label>
                        <select id=status_id.clone() on:change=on_status.clone() disabled=read_only>
                            {COLUMNS.into_iter().map(|s| view! {
                                <option value=status_slug(s) selected=move || status.get() == s>{s.label()}</option>
                            }).collect_view()}
                        </select>
                    </div>
                    <MoneyField label="Budget" key=field("budget") get=budget_get.clone() set=budget_set.clone()/>
                    <div class="field">
                        <label for=stage_id.clone()>"Stage"</label>
                        <select id=stage_id.clone() on:change=on_stage.clone() disabled=read_only>
                            {Stage::ALL.into_iter().map(|s| view! {
                                <option value=s.slug() selected=move || stage.get() == s>{s.name()}</option>
                            }).collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for=initiative_id.clone()>"Initiative"</label>
                        <select id=initiative_id.clone() on:change=on_initiative.clone() disabled=read_only>
                            <option value="" selected=move || initiative.with(String::is_empty)>"None"</option>
                            {move || initiatives.get().into_iter().map(|(iid, ititle, chosen)| {
                                let label = if chosen { ititle } else { format!("{ititle} (not chosen)") };
                                let value = iid.clone();
                                view! { <option value=value selected=move || initiative.get() == iid>{label}</option> }
                            }).collect_view()}
                        </select>
                    </div>
                </div>
                <div class="btn-row">
                    <button type="button" class="btn btn-small btn-danger" on:click=remove.clone() disabled=read_only
                        aria-label=move || format!("Delete action {}", title.get())>"Delete"</button>
                </div>
            </article>
        </Show>
    }
}

#[component]
fn Owners() -> impl IntoView {
    let editor = expect_context::<Editor>();
    let rows = move || {
        editor.plan.with(|p| {
            owners(p)
                .into_iter()
                .map(|o| {
                    let name = if o.owner.is_empty() { "No owner yet".to_string() } else { o.owner };
                    view! {
                        <tr>
                            <th scope="row">{name}</th>
                            <td class="num">{format::count(o.actions as f64, &p.profile.locale)}</td>
                            <td class="num">{money_text(p, o.budget)}</td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    let total = move || {
        editor.plan.with(|p| {
            let sum = Money::saturating_sum(p.action.actions.iter().map(|a| a.budget));
            (
                format::count(p.action.actions.len() as f64, &p.profile.locale),
                money_text(p, sum),
            )
        })
    };
    view! {
        <TableWrap label="Actions and budget per owner">
            <table class="owners">
                <caption class="visually-hidden">"Actions and budget per owner"</caption>
                <thead><tr><th scope="col">"Owner"</th><th scope="col" class="num">"Actions"</th><th scope="col" class="num">"Budget"</th></tr></thead>
                <tbody>{rows}</tbody>
                <tfoot><tr><th scope="row">"Total"</th><td class="num">{move || total().0}</td><td class="num">{move || total().1}</td></tr></tfoot>
            </table>
        </TableWrap>
    }
}

#[component]
fn Reviews() -> impl IntoView {
    let editor = expect_context::<Editor>();
    let due = Memo::new(move |_| {
        editor.plan.with(|p| {
            parse_date(&p.action.start_date)
                .map(|s| reviews_due(s, &p.action.reviews))
                .unwrap_or_default()
        })
    });
    let locale = Memo::new(move |_| editor.plan.with(|p| p.profile.locale.clone()));
    let next = Memo::new(move |_| {
        editor.plan.with(|p| {
            parse_date(&p.action.start_date)
                .ok()
                .and_then(|s| next_review(s, &p.action.reviews))
        })
    });
    let record = move |_| {
        let Ok(date) = parse_date(&today()) else {
            return;
        };
        editor.edit("review-record", move |p| {
            let id = p.next_id("review");
            let review = new_review(p, &id, date, "");
            p.action.reviews.push(review);
        });
    };
    let ids = Memo::new(move |_| {
        editor.plan.with(|p| {
            p.action
                .reviews
                .iter()
                .rev()
                .map(|r| r.id.clone())
                .collect::<Vec<_>>()
        })
    });
    view! {
        <p>"Review the plan every 30 days: record where each KPI stands against its target, note what you learnt and what changes."</p>
        <p class="next-review">
            {move || match next.get() {
                Some(d) => format!("Next review due: day {}, {}.", d.day, date_text(d.date, &locale.get())),
                None => "All three reviews (days 30, 60 and 90) are recorded.".to_string(),
            }}
        </p>
        <ul class="review-due">
            {move || due.get().into_iter().map(|d| {
                let when = date_text(d.date, &locale.get());
                view! {
                    <li>
                        {format!("Day {}: {}", d.day, when)}
                        " "
                        {if d.done {
                            view! { <span class="status status-on"><span aria-hidden="true">"✓"</span>"Recorded"</span> }.into_any()
                        } else {
                            view! { <span class="status status-none"><span aria-hidden="true">"○"</span>"Not recorded"</span> }.into_any()
                        }}
                    </li>
                }
            }).collect_view()}
        </ul>
        <div class="btn-row">
            <button type="button" class="btn btn-primary" on:click=record disabled=move || editor.read_only.get().is_some()>"Record review"</button>
            <span class="hint">"Saves today's KPI targets, latest actuals and status; add your notes after."</span>
        </div>
        <Show when=move || !ids.with(Vec::is_empty) fallback=|| view! { <p class="muted">"No review recorded yet."</p> }>
            <EachId ids=ids row=|id: String| view! { <ReviewCard id=id/> }.into_any()/>
        </Show>
    }
}

#[component]
fn ReviewCard(id: String) -> impl IntoView {
    let editor = expect_context::<Editor>();
    let data = {
        let id = id.clone();
        Memo::new(move |_| {
            editor.plan.with(|p| {
                p.action.reviews.iter().find(|r| r.id == id).map(|r| {
                    let date = parse_date(&r.date)
                        .map(|d| date_text(d, &p.profile.locale))
                        .unwrap_or_else(|_| r.date.clone());
                    let rows: Vec<(
                        String,
                        String,
                        String,
                        Option<crate::domain::measure::Status>,
                    )> = r
                        .snapshot
                        .iter()
                        .map(|s| match kpi::find(&s.kpi) {
                            Some(def) => (
                                def.name.to_string(),
                                format_kpi(def, s.target, &p.profile.locale, &p.profile.currency),
                                format_kpi(def, s.actual, &p.profile.locale, &p.profile.currency),
                                s.status,
                            ),
                            None => (s.kpi.clone(), "—".into(), "—".into(), s.status),
                        })
                        .collect();
                    (date, rows)
                })
            })
        })
    };
    let heading_id = format!("review-{id}");
    let notes_get = {
        let id = id.clone();
        move |p: &Plan| {
            p.action
                .reviews
                .iter()
                .find(|r| r.id == id)
                .map(|r| r.notes.clone())
                .unwrap_or_default()
        }
    };
    let notes_set = {
        let id = id.clone();
        move |p: &mut Plan, v: String| {
            if let Some(r) = p.action.reviews.iter_mut().find(|r| r.id == id) {
                r.notes = v;
            }
        }
    };
    let remove = {
        let id = id.clone();
        move |_| {
            let id = id.clone();
            editor.edit(&format!("review-remove-{id}"), move |p| {
                p.action.reviews.retain(|r| r.id != id)
            });
        }
    };
    let date = move || data.get().map(|d| d.0).unwrap_or_default();
    view! {
        <Show when=move || data.with(Option::is_some)>
            <section class="card review" aria-labelledby=heading_id.clone()>
                <h3 id=heading_id.clone()>{move || format!("Review of {}", date())}</h3>
                <Show when=move || data.with(|d| d.as_ref().is_some_and(|d| !d.1.is_empty()))
                    fallback=|| view! { <p class="muted">"No stage KPIs were tracked at the time of this review."</p> }>
                    <TableWrap label=move || format!("KPIs at the review of {}", date())>
                        <table>
                            <thead><tr><th scope="col">"KPI"</th><th scope="col" class="num">"Target"</th><th scope="col" class="num">"Actual"</th><th scope="col">"Status"</th></tr></thead>
                            <tbody>
                                {move || data.get().map(|d| d.1.into_iter().map(|(name, target, actual, status)| view! {
                                    <tr>
                                        <th scope="row">{name}</th>
                                        <td class="num">{target}</td>
                                        <td class="num">{actual}</td>
                                        <td><StatusBadge status=Signal::derive(move || status)/></td>
                                    </tr>
                                }).collect_view())}
                            </tbody>
                        </table>
                    </TableWrap>
                </Show>
                <TextField label="Notes: what we learnt and what changes" key=format!("review-notes-{id}") multiline=true
                    get=notes_get.clone() set=notes_set.clone()/>
                <div class="btn-row">
                    <button type="button" class="btn btn-small btn-danger" on:click=remove.clone()
                        disabled=move || editor.read_only.get().is_some()
                        aria-label=move || format!("Delete review of {}", date())>"Delete review"</button>
                </div>
            </section>
        </Show>
    }
}
