//! The strategy screen: the initiative backlog scored with ICE or RICE, an
//! impact-against-effort chart, the not-doing list and the chosen initiatives against
//! the money set aside for them.

use crate::chart::scale::nice_ceiling;
use crate::chart::scatter::{short_label, Axis};
use crate::domain::budget;
use crate::domain::plan::{
    Decision, IceVariant, Initiative, KpiVariants, Plan, ScoringMethod, Stage, RICE_IMPACTS,
};
use crate::domain::scoring;
use crate::domain::sort::sort_by;
use crate::ui::format;
use crate::ui::screens::opportunity::stage_class;
use crate::ui::state::{now_ms, Editor};
use crate::ui::widgets::fields::{CheckedNumField, MoneyField, NumField, NumKind, TextField};
use crate::ui::widgets::info::Info;
use crate::ui::widgets::rows::{focus, Cell, CompactRow, EachId, RowList, ShowMore};
use crate::ui::widgets::scatter::{ImpactEffortChart, ScatterData, ScatterPoint};
use leptos::prelude::*;
use std::sync::Arc;

/// A column the backlog can be sorted by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum SortKey {
    Score,
    Cost,
    Title,
}

/// The score formula in words, naming the variant.
fn formula(v: &KpiVariants) -> &'static str {
    match (v.scoring, v.ice) {
        (ScoringMethod::Ice, IceVariant::Average) => {
            "ICE, average variant: (impact + confidence + ease) ÷ 3, from 1 to 10"
        }
        (ScoringMethod::Ice, IceVariant::Product) => {
            "ICE, product variant: impact × confidence × ease, from 1 to 1000"
        }
        (ScoringMethod::Rice, _) => "RICE: reach × impact × confidence ÷ effort",
    }
}

/// The numbers that went into an initiative's score, in words.
fn score_inputs(i: &Initiative, v: &KpiVariants, locale: &str) -> String {
    let d = |x: f64| format::decimal(x, locale);
    match (v.scoring, v.ice) {
        (ScoringMethod::Ice, IceVariant::Average) => format!(
            "({} + {} + {}) ÷ 3",
            d(i.ice.impact),
            d(i.ice.confidence),
            d(i.ice.ease)
        ),
        (ScoringMethod::Ice, IceVariant::Product) => format!(
            "{} × {} × {}",
            d(i.ice.impact),
            d(i.ice.confidence),
            d(i.ice.ease)
        ),
        (ScoringMethod::Rice, _) => format!(
            "{} × {} × {} ÷ {}",
            format::count(i.rice.reach, locale),
            d(i.rice.impact),
            format::percent(i.rice.confidence, locale),
            d(i.rice.effort)
        ),
    }
}

fn rice_impact_name(v: f64) -> &'static str {
    match v {
        x if x >= 3.0 => "3 – massive",
        x if x >= 2.0 => "2 – high",
        x if x >= 1.0 => "1 – medium",
        x if x >= 0.5 => "0.5 – low",
        _ => "0.25 – minimal",
    }
}

/// The impact an initiative is scored with under `method`, and the one the
/// suggested impact `s` (1–10) gives.
fn impacts(i: &Initiative, method: ScoringMethod, s: u8) -> (f64, f64) {
    match method {
        ScoringMethod::Ice => (i.ice.impact, f64::from(s)),
        ScoringMethod::Rice => (i.rice.impact, scoring::rice_impact_for(s)),
    }
}

fn set_impact(i: &mut Initiative, method: ScoringMethod, v: f64) {
    match method {
        ScoringMethod::Ice => i.ice.impact = v,
        ScoringMethod::Rice => i.rice.impact = v,
    }
}

fn impact_text(v: f64, method: ScoringMethod, locale: &str) -> String {
    match method {
        ScoringMethod::Ice => format::decimal(v, locale),
        ScoringMethod::Rice => rice_impact_name(v).to_string(),
    }
}

/// The change "Use suggested" proposes, in words (the impact now and suggested, the
/// score now and with it), and the impact now.
fn proposal(p: &Plan, id: &str, s: u8) -> Option<(String, String)> {
    let i = p.initiative(id)?;
    let (v, l) = (&p.variants, &p.profile.locale);
    let (now, new) = impacts(i, v.scoring, s);
    let mut after = i.clone();
    set_impact(&mut after, v.scoring, new);
    let score = |x: &Initiative| format::opt(scoring::score(x, v), |x| format::decimal(x, l));
    let now = impact_text(now, v.scoring, l);
    Some((
        format!(
            "Change impact from {now} to {}: score {} → {}.",
            impact_text(new, v.scoring, l),
            score(i),
            score(&after)
        ),
        now,
    ))
}

/// A RICE impact or confidence chosen from its list.
fn rice_choice(editor: Editor, id: &str, ev: &leptos::ev::Event, confidence: bool) {
    let Ok(v) = event_target_value(ev).parse::<f64>() else {
        return;
    };
    let what = if confidence { "confidence" } else { "impact" };
    editor.edit(&format!("ini-{id}-rice-{what}"), move |p| {
        if let Some(i) = p.initiative_mut(id) {
            let mut r = i.rice;
            if confidence {
                r.confidence = v;
            } else {
                r.impact = v;
            }
            let _ = i.set_rice(r);
        }
    });
}

fn decision_slug(d: &Decision) -> &'static str {
    match d {
        Decision::Undecided => "undecided",
        Decision::Chosen => "chosen",
        Decision::NotDoing { .. } => "not_doing",
        Decision::Parked => "parked",
    }
}

/// The id of the "Add an initiative" button, where focus goes when one is deleted.
const ADD_INITIATIVE_ID: &str = "initiative-add";

/// The strategy screen of the open plan.
#[component]
pub fn StrategyScreen() -> impl IntoView {
    view! {
        <h1>"Strategy"</h1>
        <p class="lead">"Score the initiatives that could move your funnel, choose those that fit the budget, and say what you will not do."</p>
        <MethodSection/>
        <BacklogSection/>
        <ChartSection/>
        <NotDoingSection/>
        <BudgetSection/>
    }
}

#[component]
fn MethodSection() -> impl IntoView {
    let editor = expect_context::<Editor>();
    let variants = Memo::new(move |_| editor.plan.with(|p| p.variants));
    let ro = move || editor.read_only.get().is_some();
    let set_method =
        move |m: ScoringMethod| editor.edit("strategy-method", move |p| p.variants.scoring = m);
    let set_variant = move |v: IceVariant| editor.edit("strategy-ice", move |p| p.variants.ice = v);
    view! {
        <section class="osa-section" aria-labelledby="method-h">
            <h2 id="method-h">"Scoring method"</h2>
            <div class="method-row">
                <fieldset class="radio-group">
                    <legend>"Score initiatives with"</legend>
                    <label>
                        <input type="radio" name="scoring-method" value="ice" disabled=ro
                            prop:checked=move || variants.get().scoring == ScoringMethod::Ice
                            on:change=move |_| set_method(ScoringMethod::Ice)/>
                        " ICE (impact, confidence, ease 1–10)"
                    </label>
                    <label>
                        <input type="radio" name="scoring-method" value="rice" disabled=ro
                            prop:checked=move || variants.get().scoring == ScoringMethod::Rice
                            on:change=move |_| set_method(ScoringMethod::Rice)/>
                        " RICE (reach × impact × confidence ÷ effort)"
                    </label>
                </fieldset>
                <Show when=move || variants.get().scoring == ScoringMethod::Ice>
                    <fieldset class="radio-group">
                        <legend>"ICE variant"</legend>
                        <label>
                            <input type="radio" name="ice-variant" value="average" disabled=ro
                                prop:checked=move || variants.get().ice == IceVariant::Average
                                on:change=move |_| set_variant(IceVariant::Average)/>
                            " Average: (I + C + E) ÷ 3"
                        </label>
                        <label>
                            <input type="radio" name="ice-variant" value="product" disabled=ro
                                prop:checked=move || variants.get().ice == IceVariant::Product
                                on:change=move |_| set_variant(IceVariant::Product)/>
                            " Product: I × C × E"
                        </label>
                    </fieldset>
                </Show>
            </div>
        </section>
    }
}

#[component]
fn BacklogSection() -> impl IntoView {
    let editor = expect_context::<Editor>();
    let sort = RwSignal::new(None::<(SortKey, bool)>);
    let list = RowList::new("backlog");
    let order = RwSignal::new(Vec::<String>::new());
    let ids = Memo::new(move |_| {
        editor.plan.with(|p| {
            p.strategy
                .initiatives
                .iter()
                .map(|i| i.id.clone())
                .collect::<Vec<_>>()
        })
    });
    // The sorted order is applied when a heading is clicked, so rows don't move while
    // the user types a score; new initiatives go last.
    let shown = Memo::new(move |_| {
        let all = ids.get();
        let mut out: Vec<String> =
            order.with(|o| o.iter().filter(|id| all.contains(id)).cloned().collect());
        for id in all {
            if !out.contains(&id) {
                out.push(id);
            }
        }
        out
    });
    let apply_sort = move |key: SortKey| {
        let ascending = match sort.get_untracked() {
            Some((k, asc)) if k == key => !asc,
            _ => key == SortKey::Title,
        };
        sort.set(Some((key, ascending)));
        let sorted = editor.plan.with_untracked(|p| {
            let mut list: Vec<(String, Option<f64>, i64, String)> = p
                .strategy
                .initiatives
                .iter()
                .map(|i| {
                    (
                        i.id.clone(),
                        scoring::score(i, &p.variants),
                        i.cost.0,
                        i.title.to_ascii_lowercase(),
                    )
                })
                .collect();
            sort_by(&mut list, |a, b| {
                let ord = match key {
                    SortKey::Score => match (a.1, b.1) {
                        (Some(x), Some(y)) => x.total_cmp(&y),
                        (Some(_), None) => std::cmp::Ordering::Greater,
                        (None, Some(_)) => std::cmp::Ordering::Less,
                        (None, None) => std::cmp::Ordering::Equal,
                    },
                    SortKey::Cost => a.2.cmp(&b.2),
                    SortKey::Title => a.3.cmp(&b.3),
                };
                if ascending {
                    ord
                } else {
                    ord.reverse()
                }
            });
            list.into_iter().map(|x| x.0).collect::<Vec<_>>()
        });
        order.set(sorted);
    };
    let add = move |_| {
        let mut added = None;
        editor.edit("initiative-add", |p| {
            let id = p.next_id("ini");
            added = Some(id.clone());
            let n = p.strategy.initiatives.len() + 1;
            p.strategy.initiatives.push(Initiative {
                id,
                title: format!("Initiative {n}"),
                ..Initiative::default()
            });
        });
        // The new initiative opens, ready to be named and scored.
        if let Some(id) = added {
            let index = shown.with_untracked(|all| all.iter().position(|x| *x == id));
            list.open_at(id, index.unwrap_or(0));
        }
    };
    let ro = move || editor.read_only.get().is_some();
    let header = move |key: SortKey, label: &'static str, class: &'static str| {
        let aria = move || match sort.get() {
            Some((k, true)) if k == key => "ascending",
            Some((k, false)) if k == key => "descending",
            _ => "none",
        };
        let arrow = move || match sort.get() {
            Some((k, true)) if k == key => " ▲",
            Some((k, false)) if k == key => " ▼",
            _ => "",
        };
        view! {
            <th scope="col" class=class aria-sort=aria>
                <button type="button" class="sort-btn" on:click=move |_| apply_sort(key)>
                    {label}<span aria-hidden="true">{arrow}</span>
                </button>
            </th>
        }
    };
    view! {
        <section class="osa-section" aria-labelledby="backlog-h">
            <h2 id="backlog-h">"Initiative backlog"</h2>
            <Show when=move || ids.with(Vec::is_empty)>
                <div class="empty">
                    <p>"No initiatives yet. List the pieces of work that could move a stage (a new landing page, a retargeting campaign, a loyalty email), then score them."</p>
                    <button type="button" class="btn btn-primary" id=ADD_INITIATIVE_ID on:click=add disabled=ro>"Add an initiative"</button>
                </div>
            </Show>
            <Show when=move || !ids.with(Vec::is_empty)>
                <p class="muted">"Click a column heading to sort; click again to reverse. Rows stay put while you type. Edit opens an initiative's scores and decision under its row."</p>
                <div class="table-wrap">
                    <table class="backlog rows">
                        <thead>
                            <tr>
                                <th scope="col">"#"</th>
                                {header(SortKey::Title, "Initiative", "col-title")}
                                <th scope="col">"Stage"</th>
                                {header(SortKey::Cost, "Cost", "num col-cost")}
                                {header(SortKey::Score, "Score", "num col-score")}
                                <th scope="col">"Decision"</th>
                                <th scope="col" class="row-actions"><span class="visually-hidden">"Edit"</span></th>
                            </tr>
                        </thead>
                        <tbody>
                            <EachId ids=Signal::derive(move || shown.with(|all| list.window(all)))
                                row=move |id: String| view! { <InitiativeRow id=id list=list/> }.into_any()/>
                        </tbody>
                    </table>
                </div>
                <ShowMore limit=list.limit total=Signal::derive(move || shown.with(Vec::len))/>
                <button type="button" class="btn" id=ADD_INITIATIVE_ID on:click=add disabled=ro>"Add an initiative"</button>
            </Show>
        </section>
    }
}

/// What a compact row of the backlog shows, from the plan (the score and rank come
/// from the evaluation).
#[derive(Clone, Debug, PartialEq)]
struct IniSummary {
    title: String,
    stage: Stage,
    touchpoint: Option<String>,
    cost: String,
    decision: String,
    inputs: String,
}

/// One initiative as a compact row: text only, and its editor on demand.
#[component]
fn InitiativeRow(id: String, list: RowList) -> impl IntoView {
    let editor = expect_context::<Editor>();
    let row = Memo::new({
        let id = id.clone();
        move |_| {
            editor.plan.with(|p| {
                let locale = &p.profile.locale;
                p.initiative(&id).map(|i| IniSummary {
                    title: i.title.clone(),
                    stage: i.stage,
                    touchpoint: i
                        .touchpoint
                        .as_deref()
                        .and_then(|t| p.touchpoint(t))
                        .map(|t| t.name.clone()),
                    cost: format::money(
                        i.cost.to_major(p.currency_digits()),
                        locale,
                        &p.profile.currency,
                    ),
                    // The reason for not doing it is in its editor and in the report's
                    // not-doing list: a sentence here would make the row tall.
                    decision: i.decision.label().to_string(),
                    inputs: score_inputs(i, &p.variants, locale),
                })
            })
        }
    });
    let ranked = Memo::new({
        let id = id.clone();
        move |_| {
            editor.ranking.with(|ranking| {
                ranking
                    .iter()
                    .find(|r| r.id == id)
                    .map(|r| (r.rank, r.score))
            })
        }
    });
    let variants = Memo::new(move |_| editor.plan.with(|p| p.variants));
    let locale = Memo::new(move |_| editor.plan.with(|p| p.profile.locale.clone()));
    let text = move |f: fn(&IniSummary) -> String| {
        move || row.with(|r| r.as_ref().map(f).unwrap_or_default())
    };
    let title = Signal::derive(text(|r| r.title.clone()));
    let score_text = move || {
        let s = ranked.get().and_then(|r| r.1);
        locale.with(|l| format::opt(s, |x| format::decimal(x, l)))
    };
    let class = Signal::derive(move || {
        let stage = stage_class(row.with(|r| r.as_ref().map(|r| r.stage)));
        format!("initiative-row {stage}")
    });
    let stage = view! {
        {text(|r| r.stage.name().to_string())}
        {move || row.with(|r| r.as_ref().and_then(|r| r.touchpoint.clone())).map(|t| view! { <span class="row-sub">{t}</span> })}
    };
    let score = view! {
        <span class="score-value">{score_text}</span>
        <Info label=Signal::derive(move || format!("How the score of {} is computed", title.get()))>
            <p class="formula">{move || formula(&variants.get())}</p>
            <p>"Inputs: " {text(|r| r.inputs.clone())}</p>
        </Info>
    };
    let cells = vec![
        Cell::View("col-stage", stage.into_any()),
        Cell::Text("num col-cost", Signal::derive(text(|r| r.cost.clone()))),
        Cell::View("num col-score", score.into_any()),
        Cell::Text("col-decision", Signal::derive(text(|r| r.decision.clone()))),
    ];
    let rank = Cell::Text(
        "num rank",
        Signal::derive(move || ranked.get().map_or(0, |r| r.0).to_string()),
    );
    let editor_id = id.clone();
    view! {
        <CompactRow list=list id=id noun="initiative" class=class title=title lead=rank cells=cells
            editor=move || view! { <InitiativeEditor id=editor_id.clone() list=list/> }/>
    }
}

/// Every field of one initiative: title, rationale, stage and touchpoint, cost, the
/// scoring inputs with the impact the funnel suggests, and the decision.
#[component]
fn InitiativeEditor(id: String, list: RowList) -> impl IntoView {
    let editor = expect_context::<Editor>();
    let ini = Memo::new({
        let id = id.clone();
        move |_| editor.plan.with(|p| p.initiative(&id).cloned())
    });
    let title =
        Memo::new(move |_| ini.with(|i| i.as_ref().map(|i| i.title.clone()).unwrap_or_default()));
    let variants = Memo::new(move |_| editor.plan.with(|p| p.variants));
    let ro = move || editor.read_only.get().is_some();

    // Stage and touchpoint.
    let stage_id = format!("ini-{id}-stage");
    let tp_id = format!("ini-{id}-touchpoint");
    let on_stage = {
        let id = id.clone();
        move |ev: leptos::ev::Event| {
            let Some(stage) = Stage::from_slug(&event_target_value(&ev)) else {
                return;
            };
            let id = id.clone();
            editor.edit(&format!("ini-{id}-stage"), move |p| {
                let keep_tp = p
                    .initiative(&id)
                    .and_then(|i| i.touchpoint.clone())
                    .filter(|t| p.touchpoint_stage(t) == Some(stage));
                if let Some(i) = p.initiative_mut(&id) {
                    i.stage = stage;
                    i.touchpoint = keep_tp;
                }
            });
        }
    };
    let touchpoints = Memo::new(move |_| {
        let stage = ini.with(|i| i.as_ref().map_or(Stage::Reach, |i| i.stage));
        editor.plan.with(|p| {
            p.stages
                .get(stage)
                .touchpoints
                .iter()
                .map(|t| (t.id.clone(), t.name.clone()))
                .collect::<Vec<_>>()
        })
    });
    let on_tp = {
        let id = id.clone();
        move |ev: leptos::ev::Event| {
            let value = event_target_value(&ev);
            let id = id.clone();
            editor.edit(&format!("ini-{id}-touchpoint"), move |p| {
                let tp = (!value.is_empty() && p.touchpoint(&value).is_some()).then_some(value);
                if let Some(i) = p.initiative_mut(&id) {
                    i.touchpoint = tp;
                }
            });
        }
    };

    // Suggested impact from the funnel, in one sentence. It is offered: "Use
    // suggested" shows the change and its effect on the score, and only "Apply"
    // makes it, as one undo step.
    let suggestion = Memo::new({
        let id = id.clone();
        move |_| {
            editor.plan.with(|p| {
                let i = p.initiative(&id)?;
                let r = scoring::suggested_impact_reason(p, i);
                let (l, c) = (&p.profile.locale, &p.profile.currency);
                let m = |x: f64| format::money_whole(x, l, c);
                let s = r.impact;
                let scale = if p.variants.scoring == ScoringMethod::Rice {
                    format!(" (RICE {})", rice_impact_name(scoring::rice_impact_for(s)))
                } else {
                    String::new()
                };
                let why = match r.largest {
                    None => "the middle of the scale, as the funnel shows no revenue effect at any stage yet".to_string(),
                    Some((best, top)) => {
                        let own = format!(
                            "at {}, {} brings about {} more revenue a month",
                            i.stage.name(),
                            r.lever,
                            m(r.own)
                        );
                        if r.own >= top {
                            format!("{own}, the largest effect of any stage")
                        } else {
                            format!(
                                "{own}, {} of the {} a point more brings at {}, the stage with the largest effect",
                                format::percent((r.own / top * 100.0).round() / 100.0, l),
                                m(top),
                                best.name()
                            )
                        }
                    }
                };
                Some((s, format!("Suggested impact {s} of 10{scale}: {why}.")))
            })
        }
    });
    // What the status under it says while it waits for Apply or Keep, or once applied,
    // and the plan's edit time then: it is shown while that is still the last edit.
    let note = RwSignal::new(None::<String>);
    let stamp = RwSignal::new(0_u64);
    let confirming = RwSignal::new(false);
    let keep_label = RwSignal::new(String::new());
    let edited = move || editor.plan.with(|p| p.updated_at) as u64;
    let noted = move || note.with(Option::is_some) && stamp.get() == edited();
    let use_id = format!("ini-{id}-use-suggested");
    let back_to_use = {
        let use_id = use_id.clone();
        move || {
            let use_id = use_id.clone();
            request_animation_frame(move || focus(&use_id));
        }
    };
    let propose = {
        let id = id.clone();
        move |_| {
            let Some((s, _)) = suggestion.get_untracked() else {
                return;
            };
            let Some((text, now)) = editor.plan.with_untracked(|p| proposal(p, &id, s)) else {
                return;
            };
            keep_label.set(format!("Keep {now}"));
            confirming.set(true);
            note.set(Some(text));
            stamp.set(untrack(edited));
        }
    };
    // Apply, or Undo once applied (the same button, so focus stays on it).
    let apply_or_undo = {
        let (id, back) = (id.clone(), back_to_use.clone());
        move |_| {
            if !confirming.get_untracked() {
                note.set(None);
                editor.undo();
                back();
                return;
            }
            confirming.set(false);
            let Some((s, _)) = suggestion.get_untracked() else {
                return;
            };
            let mut shown = None;
            // A key of its own, so the change is one undo step of its own.
            editor.edit(&format!("ini-{id}-suggested-{}", now_ms()), |p| {
                let (method, l) = (p.variants.scoring, p.profile.locale.clone());
                if let Some(i) = p.initiative_mut(&id) {
                    let new = impacts(i, method, s).1;
                    set_impact(i, method, new);
                    shown = Some(format!("Impact set to {}.", impact_text(new, method, &l)));
                }
            });
            note.set(shown);
            stamp.set(untrack(edited));
        }
    };
    let keep = move |_| {
        note.set(None);
        back_to_use();
    };
    // Nothing to offer when the impact already is the suggested one.
    let same = move || {
        let m = variants.get().scoring;
        ini.with(|i| {
            i.as_ref().zip(suggestion.get()).is_none_or(|(i, (s, _))| {
                let (now, new) = impacts(i, m, s);
                now == new
            })
        })
    };
    // Decision.
    let decision_id = format!("ini-{id}-decision");
    let reason_id = format!("ini-{id}-reason");
    let reason_error_id = format!("{reason_id}-error");
    let pending_not_doing = RwSignal::new(false);
    let reason_error = RwSignal::new(None::<String>);
    let reason_text = RwSignal::new(String::new());
    let decision = Memo::new(move |_| {
        ini.with(|i| i.as_ref().map(|i| i.decision.clone()).unwrap_or_default())
    });
    let decision_shown = move || {
        if pending_not_doing.get() {
            "not_doing"
        } else {
            decision.with(decision_slug)
        }
    };
    let on_decision = {
        let id = id.clone();
        move |ev: leptos::ev::Event| {
            let value = event_target_value(&ev);
            let new = match value.as_str() {
                "chosen" => Decision::Chosen,
                "parked" => Decision::Parked,
                "not_doing" => {
                    let has_reason =
                        decision.with_untracked(|d| matches!(d, Decision::NotDoing { .. }));
                    if !has_reason {
                        pending_not_doing.set(true);
                        reason_text.set(String::new());
                        reason_error.set(Some("Say why you will not do it; the decision is saved once there is a reason".into()));
                    }
                    return;
                }
                _ => Decision::Undecided,
            };
            pending_not_doing.set(false);
            reason_error.set(None);
            let id = id.clone();
            editor.edit(&format!("ini-{id}-decision"), move |p| {
                if let Some(i) = p.initiative_mut(&id) {
                    i.decision = new;
                }
            });
        }
    };
    let on_reason = {
        let id = id.clone();
        move |ev: leptos::ev::Event| {
            let text = event_target_value(&ev);
            reason_text.set(text.clone());
            if text.trim().is_empty() {
                reason_error.set(Some("Enter the reason for not doing it".into()));
                return;
            }
            reason_error.set(None);
            pending_not_doing.set(false);
            let id = id.clone();
            editor.edit(&format!("ini-{id}-reason"), move |p| {
                if let Some(i) = p.initiative_mut(&id) {
                    i.decision = Decision::NotDoing { reason: text };
                }
            });
        }
    };
    let show_reason = Memo::new(move |_| {
        pending_not_doing.get() || decision.with(|d| matches!(d, Decision::NotDoing { .. }))
    });
    let reason_value = move || {
        if pending_not_doing.get() || reason_error.get().is_some() {
            reason_text.get()
        } else {
            decision.with(|d| match d {
                Decision::NotDoing { reason } => reason.clone(),
                _ => String::new(),
            })
        }
    };

    let delete = {
        let id = id.clone();
        move |_| {
            let id = id.clone();
            editor.edit(&format!("ini-{id}-delete"), move |p| {
                p.strategy.initiatives.retain(|i| i.id != id);
                for a in &mut p.action.actions {
                    if a.initiative.as_deref() == Some(id.as_str()) {
                        a.initiative = None;
                    }
                }
            });
            list.open.set(None);
            focus(ADD_INITIATIVE_ID);
        }
    };

    let (id_t, id_r, id_c) = (id.clone(), id.clone(), id.clone());
    let scoring_inputs = {
        let id = id.clone();
        move || {
            let method = variants.get().scoring;
            let id = id.clone();
            match method {
                ScoringMethod::Ice => {
                    let (a, b, c, d, e, f) = (
                        id.clone(),
                        id.clone(),
                        id.clone(),
                        id.clone(),
                        id.clone(),
                        id.clone(),
                    );
                    view! {
                        <div class="score-inputs">
                            <NumField label="Impact" key=format!("ini-{id}-ice-impact") kind=NumKind::Score { min: 1.0, max: 10.0 }
                                get=move |p: &Plan| p.initiative(&a).map_or(5.0, |i| i.ice.impact)
                                set=move |p: &mut Plan, v| if let Some(i) = p.initiative_mut(&b) { i.ice.impact = v; }/>
                            <NumField label="Confidence" key=format!("ini-{id}-ice-confidence") kind=NumKind::Score { min: 1.0, max: 10.0 }
                                get=move |p: &Plan| p.initiative(&c).map_or(5.0, |i| i.ice.confidence)
                                set=move |p: &mut Plan, v| if let Some(i) = p.initiative_mut(&d) { i.ice.confidence = v; }/>
                            <NumField label="Ease" key=format!("ini-{id}-ice-ease") kind=NumKind::Score { min: 1.0, max: 10.0 }
                                get=move |p: &Plan| p.initiative(&e).map_or(5.0, |i| i.ice.ease)
                                set=move |p: &mut Plan, v| if let Some(i) = p.initiative_mut(&f) { i.ice.ease = v; }/>
                        </div>
                    }.into_any()
                }
                ScoringMethod::Rice => {
                    let (a, b, c, d) = (id.clone(), id.clone(), id.clone(), id.clone());
                    let impact_id = format!("ini-{id}-rice-impact");
                    let conf_id = format!("ini-{id}-rice-confidence");
                    let current =
                        move || ini.with(|i| i.as_ref().map(|i| i.rice).unwrap_or_default());
                    let (ei, ec) = (id.clone(), id.clone());
                    view! {
                        <div class="score-inputs">
                            <NumField label="Reach" key=format!("ini-{id}-rice-reach") kind=NumKind::Count
                                hint="People or events per month"
                                get=move |p: &Plan| p.initiative(&a).map_or(0.0, |i| i.rice.reach)
                                set=move |p: &mut Plan, v| if let Some(i) = p.initiative_mut(&b) { i.rice.reach = v; }/>
                            <div class="field">
                                <label for=impact_id.clone()>"Impact"</label>
                                <select id=impact_id disabled=ro on:change=move |ev| rice_choice(editor, &ei, &ev, false)>
                                    {RICE_IMPACTS.into_iter().map(|v| view! {
                                        <option value=v.to_string() prop:selected=move || current().impact == v>{rice_impact_name(v)}</option>
                                    }).collect_view()}
                                </select>
                            </div>
                            <div class="field">
                                <label for=conf_id.clone()>"Confidence"</label>
                                <select id=conf_id disabled=ro on:change=move |ev| rice_choice(editor, &ec, &ev, true)>
                                    {[(1.0, "100 % – high"), (0.8, "80 % – medium"), (0.5, "50 % – low")].into_iter().map(|(v, name)| view! {
                                        <option value=v.to_string() prop:selected=move || (current().confidence - v).abs() < 1e-9>{name}</option>
                                    }).collect_view()}
                                </select>
                            </div>
                            <CheckedNumField label="Effort" key=format!("ini-{id}-rice-effort") kind=NumKind::Count
                                hint="Person-months, more than 0"
                                check=Arc::new(|_p: &Plan, v: f64| (v <= 0.0).then(|| "Enter an effort of more than 0 person-months".to_string()))
                                get=move |p: &Plan| p.initiative(&c).map_or(1.0, |i| i.rice.effort)
                                set=move |p: &mut Plan, v| if let Some(i) = p.initiative_mut(&d) { i.rice.effort = v; }/>
                        </div>
                    }.into_any()
                }
            }
        }
    };

    view! {
        <div class="initiative-editor">
            <div class="form-grid">
                <TextField label="Title" key=format!("ini-{id}-title") required=true
                    get=move |p: &Plan| p.initiative(&id_t).map(|i| i.title.clone()).unwrap_or_default()
                    set={ let id = id.clone(); move |p: &mut Plan, v| if let Some(i) = p.initiative_mut(&id) { i.title = v; } }/>
                <MoneyField label="Cost" key=format!("ini-{id}-cost") hint="One-off"
                    get=move |p: &Plan| p.initiative(&id_c).map(|i| i.cost).unwrap_or_default()
                    set={ let id = id.clone(); move |p: &mut Plan, v| if let Some(i) = p.initiative_mut(&id) { i.cost = v; } }/>
                <div class="field">
                    <label for=stage_id.clone()>"Stage"</label>
                    <select id=stage_id on:change=on_stage disabled=ro>
                        {Stage::ALL.into_iter().map(|s| view! {
                            <option value=s.slug() prop:selected=move || ini.with(|i| i.as_ref().map(|i| i.stage)) == Some(s)>{s.name()}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for=tp_id.clone()>"Touchpoint"</label>
                    <select id=tp_id on:change=on_tp disabled=ro>
                        <option value="" prop:selected=move || ini.with(|i| i.as_ref().is_none_or(|i| i.touchpoint.is_none()))>"None"</option>
                        {move || touchpoints.get().into_iter().map(|(tid, name)| {
                            let t2 = tid.clone();
                            view! {
                                <option value=tid prop:selected=move || ini.with(|i| i.as_ref().and_then(|i| i.touchpoint.clone())) == Some(t2.clone())>{name}</option>
                            }
                        }).collect_view()}
                    </select>
                </div>
            </div>
            <TextField label="Rationale" key=format!("ini-{id}-rationale") multiline=true
                get=move |p: &Plan| p.initiative(&id_r).map(|i| i.rationale.clone()).unwrap_or_default()
                set={ let id = id.clone(); move |p: &mut Plan, v| if let Some(i) = p.initiative_mut(&id) { i.rationale = v; } }/>
            <div class="col-inputs">
                {scoring_inputs}
                {move || suggestion.get().map(|(_, why)| view! {
                    <p class="suggested">
                        <span>{why}</span>
                        <button type="button" class="btn btn-small" id=use_id.clone() on:click=propose.clone()
                            disabled=move || ro() || same()
                            aria-label=format!("Use suggested impact for {}", title.get())>"Use suggested"</button>
                    </p>
                })}
                <p role="status" class=move || match (noted(), confirming.get()) {
                    (false, _) => "suggested",
                    (true, true) => "suggested ask",
                    (true, false) => "suggested done",
                }>
                    <span>{move || note.get().filter(|_| noted())}</span>
                    <button type="button" class="btn btn-small btn-primary" on:click=apply_or_undo>
                        {move || if confirming.get() { "Apply" } else { "Undo" }}
                    </button>
                    <button type="button" class="btn btn-small" on:click=keep>{keep_label}</button>
                </p>
            </div>
            <div class="form-grid">
                <div class="field">
                    <label for=decision_id.clone()>"Decision"</label>
                    <select id=decision_id on:change=on_decision disabled=ro>
                        {[("undecided", "Undecided"), ("chosen", "Chosen"), ("not_doing", "Not doing"), ("parked", "Parked")]
                            .into_iter().map(|(v, name)| view! {
                                <option value=v prop:selected=move || decision_shown() == v>{name}</option>
                            }).collect_view()}
                    </select>
                </div>
                {move || show_reason.get().then(|| {
                    let (rid, eid, on_reason) = (reason_id.clone(), reason_error_id.clone(), on_reason.clone());
                    view! {
                        <div class="field">
                            <label for=rid.clone()>"Why not"</label>
                            {move || reason_error.get().map(|e| view! { <span class="field-error" id=eid.clone()>{e}</span> })}
                            <input id=rid type="text" prop:value=reason_value on:input=on_reason
                                readonly=ro
                                aria-invalid=move || if reason_error.get().is_some() { "true" } else { "false" }/>
                        </div>
                    }
                })}
            </div>
            <div class="btn-row">
                <button type="button" class="btn btn-small btn-danger" on:click=delete.clone() disabled=ro
                    aria-label=move || format!("Delete initiative {}", title.get())>"Delete"</button>
            </div>
        </div>
    }
}

#[component]
fn ChartSection() -> impl IntoView {
    let editor = expect_context::<Editor>();
    let data = Memo::new(move |_| {
        editor.plan.with(|p| {
            let locale = &p.profile.locale;
            let rice = p.variants.scoring == ScoringMethod::Rice;
            let points: Vec<ScatterPoint> = p
                .strategy
                .initiatives
                .iter()
                .map(|i| {
                    let (x, y) = if rice {
                        (i.rice.effort, i.rice.impact)
                    } else {
                        (11.0 - i.ice.ease, i.ice.impact)
                    };
                    ScatterPoint {
                        label: i.title.clone(),
                        short: short_label(&i.title, 18),
                        x,
                        y,
                        x_text: format::decimal(x, locale),
                        y_text: format::decimal(y, locale),
                        class: stage_class(Some(i.stage)),
                        decision: Decision::label(&i.decision),
                        chosen: i.is_chosen(),
                    }
                })
                .collect();
            if rice {
                let top = points.iter().map(|pt| pt.x).fold(0.0_f64, f64::max);
                let max = nice_ceiling(top);
                ScatterData {
                    x: Axis::new(0.0, max, max / 2.0),
                    y: Axis::new(0.0, 3.0, 1.5),
                    x_title: "Effort (person-months)".into(),
                    y_title: "Impact (0.25–3)".into(),
                    locale: locale.clone(),
                    x_ticks: 5,
                    y_ticks: 3,
                    points,
                }
            } else {
                ScatterData {
                    x: Axis::new(0.0, 10.0, 5.5),
                    y: Axis::new(0.0, 10.0, 5.5),
                    x_title: "Effort (11 − ease)".into(),
                    y_title: "Impact (1–10)".into(),
                    locale: locale.clone(),
                    x_ticks: 5,
                    y_ticks: 5,
                    points,
                }
            }
        })
    });
    let empty = Memo::new(move |_| data.with(|d| d.points.is_empty()));
    view! {
        <section class="osa-section" aria-labelledby="chart-h">
            <h2 id="chart-h">"Impact against effort"</h2>
            <p class="muted">"Each dot is an initiative in its stage's colour; a ring and ✓ mark those chosen. The dashed lines split low from high."</p>
            <Show when=move || !empty.get()
                fallback=|| view! { <p class="muted">"The chart places each initiative once the backlog has one."</p> }>
                <div class="card scatter-card">
                    <ImpactEffortChart data=data/>
                </div>
            </Show>
        </section>
    }
}

#[component]
fn NotDoingSection() -> impl IntoView {
    let editor = expect_context::<Editor>();
    let list = Memo::new(move |_| {
        editor.plan.with(|p| {
            scoring::not_doing(p)
                .into_iter()
                .map(|(i, reason)| (i.id.clone(), i.title.clone(), reason.to_string()))
                .collect::<Vec<_>>()
        })
    });
    view! {
        <section class="osa-section" aria-labelledby="notdoing-h">
            <h2 id="notdoing-h">"Not doing"</h2>
            <p class="muted">"Saying no is part of strategy: what you decided against, and why."</p>
            <Show when=move || !list.with(Vec::is_empty)
                fallback=|| view! { <p class="muted">"Nothing yet. Set an initiative's decision to “Not doing” and give the reason."</p> }>
                <ul class="not-doing-list">
                    {move || list.get().into_iter().map(|(_, title, reason)| view! {
                        <li><strong>{title}</strong>" — "<span>{reason}</span></li>
                    }).collect_view()}
                </ul>
            </Show>
        </section>
    }
}

#[component]
fn BudgetSection() -> impl IntoView {
    let editor = expect_context::<Editor>();
    let summary = Memo::new(move |_| {
        editor.plan.with(|p| {
            let s = budget::summarise(p);
            let d = p.currency_digits();
            let (l, c) = (&p.profile.locale, &p.profile.currency);
            let m = |x: crate::domain::money::Money| format::money(x.to_major(d), l, c);
            let chosen: Vec<(String, String, String)> = p
                .strategy
                .initiatives
                .iter()
                .filter(|i| i.is_chosen())
                .map(|i| {
                    let score =
                        format::opt(scoring::score(i, &p.variants), |x| format::decimal(x, l));
                    (i.title.clone(), m(i.cost), score)
                })
                .collect();
            let fits: Vec<String> = budget::fit_to_budget(p)
                .iter()
                .filter_map(|id| p.initiative(id).map(|i| i.title.clone()))
                .collect();
            let status = if !s.budget_set {
                ("status status-none", "Enter “Money set aside for initiatives” above to check the chosen initiatives against a budget.".to_string())
            } else if s.over_budget {
                let over_by = m(crate::domain::money::Money(s.remaining.0.saturating_neg()));
                ("status status-off", format!("✕ Over budget by {over_by}: the chosen initiatives cost more than the money set aside. Unchoose one or set aside more."))
            } else {
                ("status status-on", format!("✓ Within budget: {} left", m(s.remaining)))
            };
            (
                m(s.initiative_budget),
                m(s.chosen_initiatives),
                m(s.remaining),
                status.0,
                status.1,
                chosen,
                fits,
            )
        })
    });
    view! {
        <section class="osa-section" aria-labelledby="budget-h">
            <h2 id="budget-h">"Chosen initiatives against the budget"</h2>
            <div class="budget-layout">
                <div class="card">
                    <MoneyField label="Money set aside for initiatives" key="strategy-initiative-budget"
                        hint="One-off costs over the plan, on top of the touchpoints' monthly budgets"
                        get=|p: &Plan| p.strategy.initiative_budget
                        set=|p: &mut Plan, v| p.strategy.initiative_budget = v/>
                    <dl class="budget-figures">
                        <div><dt>"Set aside"</dt><dd class="num" data-testid="budget-set-aside">{move || summary.with(|s| s.0.clone())}</dd></div>
                        <div><dt>"Chosen initiatives cost"</dt><dd class="num" data-testid="budget-chosen">{move || summary.with(|s| s.1.clone())}</dd></div>
                        <div><dt>"Remaining"</dt><dd class="num" data-testid="budget-remaining">{move || summary.with(|s| s.2.clone())}</dd></div>
                    </dl>
                    <p class="budget-status" role="status"><span class=move || summary.with(|s| s.3)>{move || summary.with(|s| s.4.clone())}</span></p>
                </div>
                <div class="card">
                    <h3>"Chosen"</h3>
                    {move || summary.with(|s| if s.5.is_empty() {
                        view! { <p class="muted">"No initiative chosen yet. Set a decision to “Chosen” in the backlog."</p> }.into_any()
                    } else {
                        view! {
                            <div class="table-wrap">
                                <table>
                                    <thead><tr><th scope="col">"Initiative"</th><th scope="col" class="num">"Score"</th><th scope="col" class="num">"Cost"</th></tr></thead>
                                    <tbody>
                                        {s.5.iter().map(|(t, c, sc)| view! {
                                            <tr><th scope="row">{t.clone()}</th><td class="num">{sc.clone()}</td><td class="num">{c.clone()}</td></tr>
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            </div>
                        }.into_any()
                    })}
                    <h3>"Best scores that fit"</h3>
                    <p class="muted">{move || summary.with(|s| if s.6.is_empty() {
                        "No initiative fits the money set aside yet.".to_string()
                    } else {
                        format!("Walking down the ranking, these fit the money set aside: {}.", s.6.join("; "))
                    })}</p>
                </div>
            </div>
        </section>
    }
}
