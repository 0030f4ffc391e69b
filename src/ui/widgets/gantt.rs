//! The 13-week timeline of the 90-day plan: one row per action, a bar from its first to
//! its last week in the stage's colour. Each bar is a button: ← → moves the action a
//! week, Shift+← → changes its last week; dragging it with a pointer snaps to weeks.

use crate::chart::gantt::{bar_classes, bar_label, drag, WEEKS};
use crate::domain::period::parse_date;
use crate::domain::tracking::{resize_end, shift_weeks, week_start};
use crate::ui::state::Editor;
use crate::ui::widgets::rows::{EachId, ShowMore, PAGE};
use crate::ui::widgets::trend::date_text;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Where a pointer drag started.
#[derive(Clone, Copy, Debug)]
struct DragStart {
    x: f64,
    width: f64,
    start: u8,
    end: u8,
}

/// The CSS class of a stage's colour.
pub fn stage_class(stage: crate::domain::plan::Stage) -> &'static str {
    match stage {
        crate::domain::plan::Stage::Reach => "stage-reach",
        crate::domain::plan::Stage::Act => "stage-act",
        crate::domain::plan::Stage::Convert => "stage-convert",
        crate::domain::plan::Stage::Engage => "stage-engage",
    }
}

/// The timeline of every action (the first 50, then more on demand).
#[component]
pub fn Gantt() -> impl IntoView {
    let editor = expect_context::<Editor>();
    let ids = Memo::new(move |_| {
        editor.plan.with(|p| {
            p.action
                .actions
                .iter()
                .map(|a| a.id.clone())
                .collect::<Vec<_>>()
        })
    });
    let limit = RwSignal::new(PAGE);
    let heads = move || {
        editor.plan.with(|p| {
            let start = parse_date(&p.action.start_date).ok();
            let locale = p.profile.locale.clone();
            (1..=WEEKS)
                .map(|w| {
                    let date = start
                        .and_then(|s| week_start(s, w))
                        .map(|d| date_text(d, &locale))
                        .unwrap_or_default();
                    view! {
                        <span class="gantt-week">
                            <span class="gantt-week-no">{format!("W{w}")}</span>
                            <span class="gantt-week-date">{short_date(&date)}</span>
                        </span>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <p class="hint" id="gantt-keys">"Focus a bar and press ← or → to move it a week, Shift+← or Shift+→ to change its last week, or drag it."</p>
        <div class="gantt-scroll">
            <div class="gantt" role="group" aria-label="13-week timeline">
                <div class="gantt-row gantt-head" aria-hidden="true">
                    <span class="gantt-label">"Action"</span>
                    <div class="gantt-track">{heads}</div>
                </div>
                <EachId ids=Signal::derive(move || ids.with(|all| all.iter().take(limit.get()).cloned().collect::<Vec<_>>()))
                    row=|id: String| view! { <GanttRow id=id/> }.into_any()/>
            </div>
        </div>
        <ShowMore limit=limit total=Signal::derive(move || ids.with(Vec::len))/>
    }
}

/// "Jan 8, 2026" → "Jan 8" (the year is in the plan's start date).
fn short_date(text: &str) -> String {
    match text.rsplit_once(',') {
        Some((head, tail)) if tail.trim().len() == 4 => head.to_string(),
        _ => text.to_string(),
    }
}

#[component]
fn GanttRow(id: String) -> impl IntoView {
    let editor = expect_context::<Editor>();
    let info = {
        let id = id.clone();
        Memo::new(move |_| {
            editor.plan.with(|p| {
                p.action(&id)
                    .map(|a| (a.title.clone(), a.start_week, a.end_week, a.status, a.stage))
            })
        })
    };
    let dragging = StoredValue::new(None::<DragStart>);
    let set_weeks = {
        let id = id.clone();
        move |key: &str, weeks: (u8, u8)| {
            let id = id.clone();
            editor.edit(key, move |p| {
                if let Some(a) = p.action_mut(&id) {
                    let _ = a.set_weeks(weeks.0, weeks.1);
                }
            });
        }
    };
    let on_key = {
        let set_weeks = set_weeks.clone();
        let key = format!("gantt-{id}");
        move |ev: leptos::ev::KeyboardEvent| {
            let Some((_, s, e, _, _)) = info.get_untracked() else {
                return;
            };
            let delta = match ev.key().as_str() {
                "ArrowLeft" => -1,
                "ArrowRight" => 1,
                _ => return,
            };
            ev.prevent_default();
            let weeks = if ev.shift_key() {
                resize_end(s, e, delta)
            } else {
                shift_weeks(s, e, delta)
            };
            if weeks != (s, e) {
                set_weeks(&key, weeks);
            }
        }
    };
    let on_down = move |ev: leptos::ev::PointerEvent| {
        let Some((_, s, e, _, _)) = info.get_untracked() else {
            return;
        };
        let Some(target) = ev
            .current_target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok())
        else {
            return;
        };
        let width = target
            .parent_element()
            .and_then(|p| p.dyn_into::<web_sys::HtmlElement>().ok())
            .map_or(0.0, |p| f64::from(p.offset_width()));
        let _ = target.set_pointer_capture(ev.pointer_id());
        dragging.set_value(Some(DragStart {
            x: f64::from(ev.client_x()),
            width,
            start: s,
            end: e,
        }));
    };
    let on_move = {
        let key = format!("gantt-drag-{id}");
        move |ev: leptos::ev::PointerEvent| {
            let Some(d) = dragging.get_value() else {
                return;
            };
            let weeks = drag(d.start, d.end, f64::from(ev.client_x()) - d.x, d.width);
            let current = info.get_untracked().map(|(_, s, e, _, _)| (s, e));
            if current != Some(weeks) {
                set_weeks(&key, weeks);
            }
        }
    };
    let on_up = move |_: leptos::ev::PointerEvent| dragging.set_value(None);
    view! {
        <div class="gantt-row">
            <span class="gantt-label">
                <span class="gantt-title">{move || info.get().map(|i| i.0).unwrap_or_default()}</span>
                " "
                <span class="gantt-status">
                    {move || info.get().map(|(_, s, e, status, _)| {
                        let weeks = if s == e { format!("week {s}") } else { format!("weeks {s}–{e}") };
                        format!("{} · {weeks}", status.label())
                    }).unwrap_or_default()}
                </span>
            </span>
            <div class="gantt-track">
                <button type="button"
                    class=move || info.get().map(|(_, s, e, _, stage)| format!("gantt-bar {} {}", stage_class(stage), bar_classes(s, e))).unwrap_or_default()
                    aria-label=move || info.get().map(|(t, s, e, _, _)| bar_label(&t, s, e)).unwrap_or_default()
                    aria-describedby="gantt-keys"
                    aria-keyshortcuts="ArrowLeft ArrowRight Shift+ArrowLeft Shift+ArrowRight"
                    disabled=move || editor.read_only.get().is_some()
                    on:keydown=on_key
                    on:pointerdown=on_down
                    on:pointermove=on_move
                    on:pointerup=on_up
                    on:pointercancel=move |_| dragging.set_value(None)>
                </button>
            </div>
        </div>
    }
}
