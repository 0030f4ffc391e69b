//! A RACE stage screen (Reach, Act, Convert, Engage): what the stage is for, a strip of
//! the funnel, the stage's objectives, KPIs with targets, touchpoints (compact rows with
//! the full form on demand, and the paid / owned / earned × online / offline matrix),
//! its funnel inputs with live derived KPIs, and "what do I need?" (the reverse funnel
//! from a goal).

use crate::domain::benchmarks::{compare, Benchmark, Comparison, Position};
use crate::domain::evaluation::{CheckBasis, GoalCheck};
use crate::domain::funnel::{goal_of, reverse_funnel_in, StageFlow, TargetSource};
use crate::domain::kpi::{self, KpiDef, Unit};
use crate::domain::money::Money;
use crate::domain::plan::{
    FunnelField, FunnelMoney, Media, Place, Plan, PlanBy, Stage, StageKpi, Touchpoint,
};
use crate::domain::sort::sort_by_key;
use crate::route::{Route, Screen};
use crate::ui::format;
use crate::ui::state::Editor;
use crate::ui::widgets::fields::{MoneyField, NumField, NumKind, OptNumField, TextField};
use crate::ui::widgets::input_picker::range_text;
use crate::ui::widgets::kpi::{explained_text, format_kpi, format_unit, locale_currency, KpiInfo};
use crate::ui::widgets::rows::{
    focus, text_at, Cell, Column, CompactRow, EachId, RowList, RowTable,
};
use crate::ui::widgets::trend::StatusBadge;
use leptos::prelude::*;

/// The link to a screen of the open plan.
pub fn screen_href(plan_id: &str, screen: Screen) -> String {
    Route::Plan {
        id: plan_id.to_string(),
        screen,
    }
    .to_fragment()
}

/// The screen of a stage.
pub fn stage_screen(stage: Stage) -> Screen {
    match stage {
        Stage::Reach => Screen::Reach,
        Stage::Act => Screen::Act,
        Stage::Convert => Screen::Convert,
        Stage::Engage => Screen::Engage,
    }
}

/// The funnel assumptions edited on a stage's screen (numbers, then money).
fn stage_fields(stage: Stage) -> (&'static [FunnelField], &'static [FunnelMoney]) {
    match stage {
        Stage::Reach => (&[FunnelField::TrafficGrowth], &[]),
        Stage::Act => (&[FunnelField::ActRate, FunnelField::SessionsPerUser], &[]),
        Stage::Convert => (
            &[
                FunnelField::ConvertRate,
                FunnelField::OfflineConvertRate,
                FunnelField::OrdersPerCustomer,
            ],
            &[FunnelMoney::Aov, FunnelMoney::MarketingCostOther],
        ),
        Stage::Engage => (
            &[
                FunnelField::RepeatRate,
                FunnelField::RepeatOrders,
                FunnelField::GrossMargin,
                FunnelField::PurchasesPerYear,
                FunnelField::CustomerYears,
                FunnelField::RetentionRate,
                FunnelField::DiscountRate,
                FunnelField::ChurnRate,
            ],
            &[FunnelMoney::Arpa],
        ),
    }
}

fn money_label(field: FunnelMoney) -> &'static str {
    match field {
        FunnelMoney::Aov => "Average order value (AOV)",
        FunnelMoney::Arpa => "Average revenue per account per month (ARPA)",
        FunnelMoney::MarketingCostOther => "Other sales and marketing cost per month",
    }
}

fn money_get(field: FunnelMoney, p: &Plan) -> Money {
    match field {
        FunnelMoney::Aov => p.funnel.aov,
        FunnelMoney::Arpa => p.funnel.arpa,
        FunnelMoney::MarketingCostOther => p.funnel.marketing_cost_other,
    }
}

fn money_key(field: FunnelMoney) -> &'static str {
    match field {
        FunnelMoney::Aov => "funnel-aov",
        FunnelMoney::Arpa => "funnel-arpa",
        FunnelMoney::MarketingCostOther => "funnel-other-cost",
    }
}

/// One stage of the open plan.
#[component]
pub fn StageScreen(stage: Stage) -> impl IntoView {
    let editor = expect_context::<Editor>();
    let plan_id = editor.plan.with_untracked(|p| p.id.clone());
    view! {
        <div class=format!("stage-screen stage-{}", stage.slug())>
            <h1 class="stage-title">{stage.name()}</h1>
            <p class="lead">{stage.purpose()}</p>
            <FunnelStrip stage=stage plan_id=plan_id.clone()/>
            <Objectives stage=stage plan_id=plan_id.clone()/>
            <StageKpis stage=stage/>
            <Touchpoints stage=stage/>
            <Matrix stage=stage/>
            <FunnelInputs stage=stage/>
            <WhatDoINeed stage=stage/>
        </div>
    }
}

/// A gap in words: "1,200 short" / "300 ahead" / "on target".
fn gap_words(
    gap: f64,
    locale: &str,
    unit: Unit,
    currency: &str,
    short_when_negative: bool,
) -> String {
    if gap == 0.0 {
        return "exactly on target".to_string();
    }
    let amount = format_unit(unit, Some(gap.abs()), locale, currency);
    let short = (gap < 0.0) == short_when_negative;
    if short {
        format!("{amount} short")
    } else {
        format!("{amount} ahead")
    }
}

/// The target of a stage in the strip, named by where it comes from.
pub fn target_words(target: Option<f64>, source: Option<&TargetSource>, locale: &str) -> String {
    match (target, source) {
        (Some(t), Some(TargetSource::MainGoal { kpi_name })) => {
            format!(
                "Needed for the {kpi_name} goal: {}",
                format::count(t, locale)
            )
        }
        (Some(t), _) => format!("Goal {}", format::count(t, locale)),
        (None, _) => "No goal set".to_string(),
    }
}

#[component]
fn FunnelStrip(stage: Stage, plan_id: String) -> impl IntoView {
    let editor = expect_context::<Editor>();
    let lc = locale_currency();
    // The four steps stay on screen and each of their figures is a selector of its own,
    // so that an edit signals only the words it changed. The plan's selectors, the
    // locale among them, are brought up to date before those of its evaluation.
    let words = move |i: usize, say: fn(&StageFlow, &str, &str) -> String| {
        editor.select_eval(move |e| {
            e.flows.get(i).map_or_else(String::new, |f| {
                lc.with_untracked(|(locale, currency)| say(f, locale, currency))
            })
        })
    };
    let measures = editor
        .eval
        .with_untracked(|e| e.flows.iter().map(|f| f.measure).collect::<Vec<_>>());
    let items = measures
        .into_iter()
        .enumerate()
        .zip(Stage::ALL)
        .map(|((i, measure), s)| {
            let current = s == stage;
            let class = format!(
                "strip-step stage-{}{}",
                s.slug(),
                if current { " strip-current" } else { "" }
            );
            let href = screen_href(&plan_id, stage_screen(s));
            let volume = words(i, |f, locale, _| format::count(f.forecast, locale));
            let rate = words(i, |f, locale, _| {
                format!("{} {}", format::percent(f.rate, locale), f.rate_name)
            });
            // Convert's new customers include those of offline contacts, which do not
            // come through the lead → customer rate shown above: say how many.
            let offline = editor.select_eval(move |e| {
                let n = e.month.offline_customers;
                if s != Stage::Convert || n <= 0.0 {
                    return String::new();
                }
                lc.with_untracked(|(locale, _)| {
                    format!("incl. {} from offline contacts", format::count(n, locale))
                })
            });
            let target = words(i, |f, locale, _| {
                target_words(f.target, f.source.as_ref(), locale)
            });
            let gap = words(i, |f, locale, currency| {
                f.gap.map_or_else(String::new, |g| {
                    format!("Gap: {}", gap_words(g, locale, Unit::Count, currency, true))
                })
            });
            view! {
                <li class=class aria-current=current.then_some("step")>
                    <a href=href class="strip-name">{s.name()}<span class="visually-hidden">" stage"</span></a>
                    <span class="strip-volume num">{volume}</span>
                    <span class="strip-measure">{measure} " / month"</span>
                    <span class="strip-rate">{rate}</span>
                    <Show when=move || offline.with(|o| !o.is_empty())>
                        <span class="strip-rate strip-offline">{offline}</span>
                    </Show>
                    <span class="strip-target">{target}</span>
                    <Show when=move || gap.with(|g| !g.is_empty())>
                        <span class="strip-gap">{gap}</span>
                    </Show>
                </li>
            }
        })
        .collect_view();
    let period = editor.select_eval(|e| e.period);
    let month = move || period.with(|p| p.map_or("the first month".to_string(), |p| p.to_string()));
    view! {
        <nav class="funnel-strip" aria-label=move || format!("The funnel, {}", month())>
            <ol>{items}</ol>
        </nav>
    }
}

#[component]
fn Objectives(stage: Stage, plan_id: String) -> impl IntoView {
    let editor = expect_context::<Editor>();
    let lc = locale_currency();
    let href = screen_href(&plan_id, Screen::Opportunity);
    let list = editor.select(move |p| {
        p.objectives_for(stage)
            .into_iter()
            .map(|o| {
                (
                    o.id.clone(),
                    o.description.clone(),
                    o.kpi.clone(),
                    o.target,
                    o.deadline.clone(),
                    o.smart_gaps(),
                )
            })
            .collect::<Vec<_>>()
    });
    let empty_href = href.clone();
    view! {
        <section aria-labelledby="objectives-h">
            <h2 id="objectives-h">"Objectives"</h2>
            <Show when=move || !list.with(Vec::is_empty)
                fallback=move || view! {
                    <p class="empty">{format!("No objective for {} yet. A SMART objective names a KPI, a target and a date. ", stage.name())}
                        <a href=empty_href.clone()>"Add one on the Opportunity screen"</a></p>
                }>
                <ul class="objective-list">
                    {move || {
                        let (locale, currency) = lc.get();
                        list.get().into_iter().map(|(_, description, kpi_id, target, deadline, gaps)| {
                            let def = kpi::find(&kpi_id);
                            let what = match (def, target) {
                                (Some(d), Some(t)) => format!("{}: target {}", d.name, format_kpi(d, Some(t), &locale, &currency)),
                                (Some(d), None) => format!("{}: no target yet", d.name),
                                _ => "No KPI chosen".to_string(),
                            };
                            let when = deadline.filter(|d| !d.is_empty()).map_or("no deadline".to_string(), |d| format!("by {d}"));
                            let smart = if gaps.is_empty() {
                                view! { <span class="status status-on">"✓ SMART"</span> }.into_any()
                            } else {
                                let names: Vec<&str> = gaps.iter().map(|g| g.name()).collect();
                                view! { <span class="status status-risk">{format!("▲ Not yet: {}", names.join(", "))}</span> }.into_any()
                            };
                            let description = if description.trim().is_empty() { "(no description)".to_string() } else { description };
                            view! {
                                <li class="card st-objective">
                                    <p class="objective-text">{description}</p>
                                    <p class="muted">{what} " · " {when}</p>
                                    <p>{smart}</p>
                                </li>
                            }
                        }).collect_view()
                    }}
                </ul>
                <p><a href=href.clone()>"Add or edit objectives on the Opportunity screen"</a></p>
            </Show>
        </section>
    }
}

fn target_kind(def: &KpiDef) -> NumKind {
    match def.unit {
        Unit::Ratio => NumKind::Percent,
        Unit::Score => NumKind::Score {
            min: def.min,
            max: def.max,
        },
        _ => NumKind::Count,
    }
}

fn set_baseline(p: &mut Plan, stage: Stage, id: &str, value: Option<f64>) {
    let kpis = &mut p.stages.get_mut(stage).kpis;
    match kpis.iter_mut().find(|k| k.kpi == id) {
        Some(k) => k.baseline = value,
        None if value.is_some() => kpis.push(StageKpi {
            kpi: id.to_string(),
            baseline: value,
        }),
        None => {}
    }
}

#[component]
fn StageKpis(stage: Stage) -> impl IntoView {
    let editor = expect_context::<Editor>();
    let tracked = editor.select(move |p| p.tracked_kpis(stage));
    let choice = RwSignal::new(String::new());
    let available = move || {
        let t = tracked.get();
        kpi::for_stage(Some(stage))
            .filter(|d| !t.iter().any(|id| id == d.id))
            .collect::<Vec<_>>()
    };
    let add = move |_| {
        let picked = choice.get_untracked();
        let Some(def) = kpi::find(&picked) else {
            return;
        };
        editor.edit("add-stage-kpi", move |p| {
            let kpis = &mut p.stages.get_mut(stage).kpis;
            if !kpis.iter().any(|k| k.kpi == def.id) {
                kpis.push(StageKpi {
                    kpi: def.id.to_string(),
                    baseline: None,
                });
            }
        });
        choice.set(String::new());
    };
    let select_id = format!("add-kpi-{}", stage.slug());
    view! {
        <section aria-labelledby="kpis-h">
            <h2 id="kpis-h">"KPIs and their goals"</h2>
            <p class="muted">"A KPI's goal is its one target: the same on this screen, on Overview, on Measure, in the report and on the Opportunity screen, where its SMART details live."</p>
            <Show when=move || !tracked.with(Vec::is_empty)
                fallback=move || view! {
                    <p class="empty">{format!("No KPI tracked at {} yet. Pick one below and give it a goal.", stage.name())}</p>
                }>
                <div class="cards kpi-targets">
                    <EachId ids=tracked row=move |id: String| view! { <StageKpiRow stage=stage id=id/> }.into_any()/>
                </div>
            </Show>
            <div class="btn-row add-kpi">
                <div class="field">
                    <label for=select_id.clone()>"KPI to track"</label>
                    <select id=select_id on:change=move |ev| choice.set(event_target_value(&ev))
                        prop:value=move || choice.get()
                        disabled=move || editor.read_only.get().is_some()>
                        <option value="">"Choose a KPI…"</option>
                        {move || available().into_iter().map(|d| view! { <option value=d.id>{d.name}</option> }).collect_view()}
                    </select>
                </div>
                <button type="button" class="btn" on:click=add
                    disabled=move || editor.read_only.get().is_some() || choice.with(String::is_empty)>"Add KPI"</button>
            </div>
        </section>
    }
}

/// A goal check in words: "Forecast 3 % below the goal · ▼ Off track".
pub fn check_words(check: &GoalCheck, locale: &str) -> String {
    let what = match check.basis {
        CheckBasis::Forecast => "Forecast",
        CheckBasis::ActualToDate => "Actual to date",
    };
    let against = match check.basis {
        CheckBasis::Forecast => "the goal for the month",
        CheckBasis::ActualToDate => "the goal paced to date",
    };
    match check.relative {
        Some(r) if r.abs() < 0.0005 => format!("{what} meets {against}"),
        Some(r) => format!(
            "{what} {} {} {against}",
            format::percent(r.abs(), locale),
            if r > 0.0 { "above" } else { "below" },
        ),
        None => format!("{what}: no figure to compare yet"),
    }
}

#[component]
fn StageKpiRow(stage: Stage, id: String) -> impl IntoView {
    let editor = expect_context::<Editor>();
    let Some(def) = kpi::find(&id) else {
        return view! { <p class="card">{format!("Unknown KPI “{id}”")}</p> }.into_any();
    };
    let lc = locale_currency();
    let value = editor.select_eval(move |e| e.kpi(def.id).cloned());
    let check = editor.select_eval(move |e| e.check(def.id).cloned());
    let inputs = Signal::derive(move || {
        lc.with(|(l, c)| {
            value.with(|v| {
                v.as_ref()
                    .map(|v| explained_text(&v.inputs, l, c))
                    .unwrap_or_default()
            })
        })
    });
    let forecast = move || {
        lc.with(|(l, c)| format_kpi(def, value.with(|v| v.as_ref().and_then(|v| v.value)), l, c))
    };
    let missing = Memo::new(move |_| {
        value.with(|v| {
            v.as_ref()
                .filter(|v| !v.missing.is_empty())
                .map(|v| format!("Needs {}", v.missing.join(", ")))
        })
    });
    let period = editor.select_eval(|e| e.period);
    let kind = target_kind(def);
    let unit_hint = (def.unit == Unit::Money).then(|| {
        editor
            .plan
            .with_untracked(|p| format!("In {}", p.profile.currency))
    });
    let deadline = editor.select(move |p| {
        p.goal_for(def.id)
            .and_then(|g| g.deadline.clone())
            .filter(|d| !d.is_empty())
    });
    let target_label = move || {
        let by = deadline.get().map_or(String::new(), |d| format!(" by {d}"));
        if def.additive {
            format!("{}: goal per month{by}", def.name)
        } else {
            format!("{}: goal{by}", def.name)
        }
    };
    let has_goal = editor.select(move |p| p.goal_for(def.id).is_some());
    // The user's value beside the benchmarks: today's (the baseline) when typed, else the
    // forecast.
    let yours = {
        let id = id.clone();
        let baseline = editor.select(move |p| p.baseline_of(&id));
        Memo::new(move |_| {
            let (v, when) = match baseline.get() {
                Some(v) => (Some(v), "today"),
                None => (value.with(|v| v.as_ref().and_then(|v| v.value)), "forecast"),
            };
            (v.filter(|v| v.is_finite()), when)
        })
    };
    let benchmarks = {
        let rows = crate::domain::benchmarks::for_kpi(def.id);
        (!rows.is_empty()).then(|| benchmark_view(def, rows, yours, lc))
    };
    let (id_t, id_b, id_r) = (id.clone(), id.clone(), id.clone());
    let (id_tg, id_bg) = (id.clone(), id.clone());
    let remove = move |_| {
        let id = id_r.clone();
        editor.edit("remove-stage-kpi", move |p| {
            p.stages.get_mut(stage).kpis.retain(|k| k.kpi != id);
            p.opportunity.objectives.retain(|o| o.kpi != id);
            for s in Stage::ALL {
                let listed: Vec<String> = p
                    .opportunity
                    .objectives
                    .iter()
                    .map(|o| o.id.clone())
                    .collect();
                p.stages
                    .get_mut(s)
                    .objectives
                    .retain(|o| listed.contains(o));
            }
            if p.main_goal
                .as_ref()
                .is_some_and(|g| p.objective(g).is_none())
            {
                p.main_goal = None;
            }
        });
    };
    let has_check = Memo::new(move |_| check.with(Option::is_some));
    let check_text = move || {
        lc.with(|(locale, _)| {
            check.with(|c| {
                c.as_ref()
                    .map(|c| check_words(c, locale))
                    .unwrap_or_default()
            })
        })
    };
    let check_status = Signal::derive(move || check.with(|c| c.as_ref().and_then(|c| c.status)));
    let status = view! {
        <Show when=move || has_check.get()>
            <p class="goal-check">{check_text} " " <StatusBadge status=check_status/></p>
        </Show>
    };
    let target_field = move || {
        let label = target_label();
        let (id_tg, id_t) = (id_tg.clone(), id_t.clone());
        let get = move |p: &Plan| p.goal_for(&id_tg).and_then(|g| g.target);
        let set = move |p: &mut Plan, v| p.set_goal_target(stage, &id_t, v);
        match unit_hint.clone() {
            Some(h) => view! {
                <OptNumField label=label key=format!("kpi-{}-target", def.id) kind=kind hint=h get=get set=set/>
            }.into_any(),
            None => view! {
                <OptNumField label=label key=format!("kpi-{}-target", def.id) kind=kind get=get set=set/>
            }.into_any(),
        }
    };
    view! {
        <div class=format!("card stage-border stage-{}", stage.slug()) data-kpi=def.id>
            <h3 class="kpi-name">{def.name} " " <KpiInfo def=def inputs=inputs/></h3>
            <p class="kpi-forecast">{move || period.get().map_or("Forecast".to_string(), |p| format!("Forecast, {p}"))} ": " <strong class="num">{forecast}</strong></p>
            {move || missing.get().map(|m| view! { <p class="muted missing">{m}</p> })}
            {benchmarks}
            {target_field}
            {status}
            <OptNumField label=format!("{}: today (baseline)", def.name) key=format!("kpi-{id}-baseline") kind=kind
                get={move |p: &Plan| p.baseline_of(&id_bg)}
                set={move |p: &mut Plan, v| set_baseline(p, stage, &id_b, v)}/>
            <button type="button" class="btn btn-small btn-danger" on:click=remove
                aria-label=move || if has_goal.get() { format!("Remove KPI {} and its goal", def.name) } else { format!("Remove KPI {}", def.name) }
                disabled=move || editor.read_only.get().is_some()>
"Remove"
            </button>
        </div>
    }
    .into_any()
}

/// A benchmark's figure in its unit: a rate as a percentage, a cost in its currency.
fn benchmark_figure(b: &Benchmark, v: f64, locale: &str) -> String {
    match b.currency {
        Some(c) => format::money(v, locale, c),
        None => format::percent(v, locale),
    }
}

/// A benchmark's figures: "average 1.4 %, top 20 % above 3.2 %" or "typically 2 % to 5 %".
fn benchmark_figures(b: &Benchmark, locale: &str) -> String {
    let mut parts = Vec::new();
    if let Some(a) = b.average {
        parts.push(format!("average {}", benchmark_figure(b, a, locale)));
    }
    if let Some(t) = b.top.first() {
        parts.push(format!(
            "top {} above {}",
            format::percent(t.share, locale),
            benchmark_figure(b, t.from, locale)
        ));
    }
    if let Some((low, high)) = b.range {
        parts.push(format!(
            "typically {} to {}",
            benchmark_figure(b, low, locale),
            benchmark_figure(b, high, locale)
        ));
    }
    parts.join(", ")
}

/// Where the user's value sits against a benchmark, in words.
fn comparison_words(b: &Benchmark, c: &Comparison, locale: &str) -> String {
    let against = if b.range.is_some() {
        "the typical range"
    } else {
        "the average"
    };
    let place = match (c.position, c.top_share) {
        (Position::Above, Some(share)) => format!("in the top {}", format::percent(share, locale)),
        (Position::Above, None) => format!("above {against}"),
        (Position::Below, _) => format!("below {against}"),
        (Position::Within, _) if b.range.is_some() => "within the typical range".to_string(),
        (Position::Within, _) if !b.top.is_empty() => b.top.first().map_or_else(
            || "at or above the average".to_string(),
            |t| {
                format!(
                    "between the average and the top {}",
                    format::percent(t.share, locale)
                )
            },
        ),
        (Position::Within, _) => "close to the average".to_string(),
    };
    let side = match c.favourable {
        Some(true) => ": the better side",
        Some(false) => ": room to improve",
        None => "",
    };
    format!("Yours is {place}{side}.")
}

/// The benchmarks of a KPI beside the user's value (and whether it is today's or the
/// forecast): one line, or a "How this compares" disclosure when there are several. Built
/// once; a change of the value changes its words only.
fn benchmark_view(
    def: &'static KpiDef,
    rows: &'static [Benchmark],
    yours: Memo<(Option<f64>, &'static str)>,
    lc: ReadSignal<(String, String)>,
) -> AnyView {
    let your_text = move || {
        let (value, when) = yours.get();
        lc.with(|(locale, currency)| {
            value.map(|v| {
                format!(
                    "Your {} {} ({when}).",
                    format_kpi(def, Some(v), locale, currency),
                    def.name.to_lowercase()
                )
            })
        })
    };
    let comparable = move |b: &Benchmark| {
        lc.with(|(_, currency)| b.currency.is_none_or(|c| c.eq_ignore_ascii_case(currency)))
    };
    let line = move |b: &'static Benchmark| {
        let compared = move || {
            let value = yours.with(|(v, _)| *v).filter(|_| comparable(b));
            lc.with(|(locale, _)| {
                value
                    .and_then(|v| compare(b, v))
                    .map(|c| format!(" {}", comparison_words(b, &c, locale)))
                    .unwrap_or_default()
            })
        };
        let other_currency = move || {
            lc.with(|(_, currency)| {
                if comparable(b) {
                    String::new()
                } else {
                    format!(
                        " (in {}, not compared with your {currency})",
                        b.currency.unwrap_or_default()
                    )
                }
            })
        };
        let figures = move || lc.with(|(locale, _)| benchmark_figures(b, locale));
        view! {
            <span class="bench-sector">{b.sector}</span>": "{figures}" ("
            <a href=b.url target="_blank" rel="noopener">{b.source}</a>
            {format!(", {}, {})", b.date, b.sample)}{other_currency}"."{compared}
        }
    };
    if let [only] = rows {
        view! {
            <p class="muted bench">{move || your_text().map(|t| format!("{t} ")).unwrap_or_default()}{line(only)}</p>
        }
        .into_any()
    } else {
        let has_value = Memo::new(move |_| yours.with(|(v, _)| v.is_some()));
        view! {
            <details class="bench muted">
                <summary>"How this compares"</summary>
                <Show when=move || has_value.get()>
                    <p>{move || your_text().unwrap_or_default()}</p>
                </Show>
                <ul>{rows.iter().map(|b| view! { <li>{line(b)}</li> }).collect_view()}</ul>
            </details>
        }
        .into_any()
    }
}

/// What a touchpoint's volume counts, in a word.
fn volume_unit(stage: Stage, place: Place) -> &'static str {
    match (stage, place) {
        (Stage::Reach, Place::Online) => "sessions",
        (Stage::Engage, _) => "contacts with customers",
        (_, Place::Offline) => "contacts",
        (_, Place::Online) => "interactions",
    }
}

fn volume_label(stage: Stage, place: Place) -> &'static str {
    match (stage, place) {
        (Stage::Reach, Place::Online) => "Sessions per month",
        (Stage::Engage, Place::Offline) => "Volume per month (visits, calls with customers)",
        (_, Place::Offline) => "Contacts per month (calls, visits, event leads)",
        (_, Place::Online) => "Volume per month (its own: opens, views, clicks)",
    }
}

/// What the budget of a touchpoint buys, in words: the editor's sentence, or the row's
/// short figure ("30,000 sessions").
fn delivery_words(
    t: &Touchpoint,
    stage: Stage,
    digits: u32,
    (locale, currency): (&str, &str),
    short: bool,
) -> String {
    let d = t.delivery(digits);
    let unit = volume_unit(stage, t.place);
    if let Some(missing) = d.missing {
        return if short {
            format!("Needs {missing}")
        } else {
            format!("Set {missing} to see what the budget buys.")
        };
    }
    let volume = format::count(d.volume, locale);
    if short {
        return format!("{volume} {unit}");
    }
    let budget = t.budget.to_major(digits);
    match t.plan_by {
        PlanBy::Volume => match kpi::ratio(budget, d.volume) {
            Some(cost) if budget > 0.0 => format!(
                "Typed volume: {volume} {unit} a month, {} each.",
                format::money(cost, locale, currency)
            ),
            _ => format!("Typed volume: {volume} {unit} a month."),
        },
        PlanBy::Cpc | PlanBy::Cpm => format!(
            "The budget buys {}{} clicks → {volume} {unit} a month.",
            d.impressions.map_or(String::new(), |i| format!(
                "{} impressions → ",
                format::count(i, locale)
            )),
            format::count(d.clicks.unwrap_or(0.0), locale),
        ),
    }
}

/// What a touchpoint's compact row shows.
#[derive(Clone, Debug, PartialEq)]
struct TpSummary {
    id: String,
    name: String,
    channel: String,
    kind: String,
    budget: String,
    delivers: String,
    drives: String,
}

/// The id of the "Add a touchpoint" button, where focus goes when one is removed.
const ADD_TOUCHPOINT_ID: &str = "add-touchpoint";

const TOUCHPOINT_COLUMNS: &[Column] = &[
    ("Touchpoint", false),
    ("Channel", false),
    ("Media", false),
    ("Budget / month", true),
    ("Delivers / month", true),
    ("Drives", false),
];

#[component]
fn Touchpoints(stage: Stage) -> impl IntoView {
    let editor = expect_context::<Editor>();
    let list = RowList::new("tp");
    // What the rows show, copied once per edit: an edit elsewhere in the plan (a
    // keystroke in a funnel field) leaves it the same, and the rows are not formatted again.
    let source = editor.select(move |p| {
        (
            p.currency_digits(),
            p.profile.locale.clone(),
            p.profile.currency.clone(),
            p.stages.get(stage).touchpoints.clone(),
        )
    });
    // Every row's text, computed once per change of the stage's touchpoints.
    let rows = Memo::new(move |_| {
        source.with(|(digits, locale, currency, touchpoints)| {
            let digits = *digits;
            touchpoints
                .iter()
                .map(|t| TpSummary {
                    id: t.id.clone(),
                    name: t.name.clone(),
                    channel: t.channel.clone(),
                    kind: format!("{} · {}", t.media.name(), t.place.name()),
                    budget: format::money_whole(t.budget.to_major(digits), locale, currency),
                    delivers: delivery_words(t, stage, digits, (locale, currency), true),
                    drives: kpi::find(&t.kpi).map_or("—".to_string(), |d| d.name.to_string()),
                })
                .collect::<Vec<_>>()
        })
    });
    let ids = Memo::new(move |_| rows.with(|r| r.iter().map(|s| s.id.clone()).collect::<Vec<_>>()));
    let add = move |_| {
        let mut added = None;
        editor.edit("add-touchpoint", |p| {
            let id = p.next_id("tp");
            let tps = &mut p.stages.get_mut(stage).touchpoints;
            added = Some((id.clone(), tps.len()));
            tps.push(Touchpoint {
                id,
                name: "New touchpoint".into(),
                ..Touchpoint::default()
            });
        });
        // The new touchpoint opens, its name ready to be typed.
        if let Some((id, index)) = added {
            list.open_at(id.clone(), index);
            request_animation_frame(move || focus(&format!("f-tp-{id}-name")));
        }
    };
    view! {
        <section aria-labelledby="touchpoints-h">
            <h2 id="touchpoints-h">"Touchpoints"</h2>
            <p class="muted">{match stage {
                Stage::Reach => "Where your audience meets you: each touchpoint's budget and the sessions (online) or contacts (offline) it brings each month. Online Reach sessions feed the funnel.",
                Stage::Engage => "How you stay in touch with customers: email, loyalty, service, community.",
                _ => "Touchpoints that serve this stage. Offline contacts (calls, visits, event leads) feed the offline conversion.",
            }}</p>
            <Show when=move || !ids.with(Vec::is_empty)
                fallback=move || view! {
                    <p class="empty">{format!("No touchpoint at {} yet. Add one: a channel, its media type, budget and volume.", stage.name())}</p>
                }>
                <RowTable class="touchpoint-rows" caption=format!("{} touchpoints", stage.name())
                    columns=TOUCHPOINT_COLUMNS ids=ids list=list
                    row=move |id| view! { <TouchpointRow stage=stage id=id list=list rows=rows/> }.into_any()/>
            </Show>
            <div class="btn-row">
                <button type="button" class="btn btn-primary" id=ADD_TOUCHPOINT_ID on:click=add
                    disabled=move || editor.read_only.get().is_some()>"Add a touchpoint"</button>
            </div>
        </section>
    }
}

/// One touchpoint as a compact row: text only, and its editor on demand.
#[component]
fn TouchpointRow(
    stage: Stage,
    id: String,
    list: RowList,
    rows: Memo<Vec<TpSummary>>,
) -> impl IntoView {
    let row = Memo::new({
        let id = id.clone();
        move |_| rows.with(|r| r.iter().find(|s| s.id == id).cloned())
    });
    let text = move |f: fn(&TpSummary) -> String| {
        Signal::derive(move || row.with(|r| r.as_ref().map(f).unwrap_or_default()))
    };
    let cells = vec![
        Cell::Text("", text(|r| r.channel.clone())),
        Cell::Text("", text(|r| r.kind.clone())),
        Cell::Text("num", text(|r| r.budget.clone())),
        Cell::Text("num", text(|r| r.delivers.clone())),
        Cell::Text("", text(|r| r.drives.clone())),
    ];
    let editor_id = id.clone();
    view! {
        <CompactRow list=list id=id noun="touchpoint" class=format!("touchpoint-row stage-{}", stage.slug())
            title=text(|r| r.name.clone()) cells=cells
            editor=move || view! { <TouchpointEditor stage=stage id=editor_id.clone() list=list/> }/>
    }
}

/// Every field of one touchpoint.
#[component]
fn TouchpointEditor(stage: Stage, id: String, list: RowList) -> impl IntoView {
    let editor = expect_context::<Editor>();
    let tp = {
        let id = id.clone();
        editor.select(move |p| p.touchpoint(&id).cloned())
    };
    let name = move || tp.with(|t| t.as_ref().map(|t| t.name.clone()).unwrap_or_default());
    let place = Memo::new(move |_| tp.with(|t| t.as_ref().map(|t| t.place).unwrap_or_default()));
    let media = Memo::new(move |_| tp.with(|t| t.as_ref().map(|t| t.media).unwrap_or_default()));
    let driven =
        Memo::new(move |_| tp.with(|t| t.as_ref().map(|t| t.kpi.clone()).unwrap_or_default()));
    let ro = move || editor.read_only.get().is_some();

    let i11 = id.clone();
    let (i1, i2, i3, i4, i5, i6, i7, i8, i9, i10) = (
        id.clone(),
        id.clone(),
        id.clone(),
        id.clone(),
        id.clone(),
        id.clone(),
        id.clone(),
        id.clone(),
        id.clone(),
        id.clone(),
    );
    let media_id = format!("tp-{id}-media");
    let place_id = format!("tp-{id}-place");
    let kpi_id = format!("tp-{id}-kpi");
    let on_media = move |ev: leptos::ev::Event| {
        let v = event_target_value(&ev);
        if let Some(m) = Media::ALL.into_iter().find(|m| m.name() == v) {
            let id = i5.clone();
            editor.edit(&format!("tp-{id}-media"), move |p| {
                if let Some(t) = p.touchpoint_mut(&id) {
                    t.media = m;
                }
            });
        }
    };
    let on_place = move |ev: leptos::ev::Event| {
        let v = event_target_value(&ev);
        if let Some(pl) = Place::ALL.into_iter().find(|x| x.name() == v) {
            let id = i6.clone();
            editor.edit(&format!("tp-{id}-place"), move |p| {
                if let Some(t) = p.touchpoint_mut(&id) {
                    t.place = pl;
                }
            });
        }
    };
    let on_kpi = move |ev: leptos::ev::Event| {
        let v = event_target_value(&ev);
        let id = i7.clone();
        editor.edit(&format!("tp-{id}-kpi"), move |p| {
            if let Some(t) = p.touchpoint_mut(&id) {
                t.kpi = v;
            }
        });
    };
    let remove = move |_| {
        let id = i8.clone();
        editor.edit("remove-touchpoint", move |p| {
            p.remove_touchpoint(&id);
        });
        list.open.set(None);
        focus(ADD_TOUCHPOINT_ID);
    };
    let plan_by =
        Memo::new(move |_| tp.with(|t| t.as_ref().map(|t| t.plan_by).unwrap_or_default()));
    let plan_by_id = format!("tp-{id}-plan-by");
    let on_plan_by = {
        let id = id.clone();
        move |ev: leptos::ev::Event| {
            let v = event_target_value(&ev);
            if let Some(pb) = PlanBy::ALL.into_iter().find(|x| x.slug() == v) {
                let id = id.clone();
                editor.edit(&format!("tp-{id}-plan-by"), move |p| {
                    if let Some(t) = p.touchpoint_mut(&id) {
                        t.plan_by = pb;
                    }
                });
            }
        }
    };
    let delivered = {
        let id = id.clone();
        editor.select(move |p| {
            let t = p.touchpoint(&id)?;
            let lc = (p.profile.locale.as_str(), p.profile.currency.as_str());
            Some(delivery_words(t, stage, p.currency_digits(), lc, false))
        })
    };
    let volume = move || {
        let label = volume_label(stage, place.get());
        let (a, b) = (i9.clone(), i10.clone());
        match plan_by.get() {
            PlanBy::Volume => view! {
                <NumField label=label key=format!("tp-{a}-volume") kind=NumKind::Count
                    get={move |p: &Plan| p.touchpoint(&a).map_or(0.0, |t| t.monthly_volume)}
                    set={move |p: &mut Plan, v| {
                        if let Some(t) = p.touchpoint_mut(&b) {
                            let _ = t.set_monthly_volume(v);
                        }
                    }}/>
            }
            .into_any(),
            PlanBy::Cpc => {
                let (c, d, e, f) = (a.clone(), b.clone(), a.clone(), b.clone());
                view! {
                    <MoneyField label="Cost per click (CPC)" key=format!("tp-{a}-cpc")
                        get={move |p: &Plan| p.touchpoint(&c).map_or(Money::ZERO, |t| t.cpc)}
                        set={move |p: &mut Plan, v| { if let Some(t) = p.touchpoint_mut(&d) { let _ = t.set_cpc(v); } }}/>
                    <NumField label="Sessions per click (landing rate)" key=format!("tp-{a}-landing") kind=NumKind::Percent
                        hint="100 % when your ad platform and your analytics count the same"
                        get={move |p: &Plan| p.touchpoint(&e).map_or(1.0, |t| t.landing_rate)}
                        set={move |p: &mut Plan, v| { if let Some(t) = p.touchpoint_mut(&f) { let _ = t.set_landing_rate(v); } }}/>
                }.into_any()
            }
            PlanBy::Cpm => {
                let (c, d, e, f, g, h) = (
                    a.clone(),
                    b.clone(),
                    a.clone(),
                    b.clone(),
                    a.clone(),
                    b.clone(),
                );
                view! {
                    <MoneyField label="Cost per 1,000 impressions (CPM)" key=format!("tp-{a}-cpm")
                        get={move |p: &Plan| p.touchpoint(&c).map_or(Money::ZERO, |t| t.cpm)}
                        set={move |p: &mut Plan, v| { if let Some(t) = p.touchpoint_mut(&d) { let _ = t.set_cpm(v); } }}/>
                    <NumField label="Click-through rate (CTR)" key=format!("tp-{a}-ctr") kind=NumKind::Percent
                        get={move |p: &Plan| p.touchpoint(&e).map_or(0.0, |t| t.ctr)}
                        set={move |p: &mut Plan, v| { if let Some(t) = p.touchpoint_mut(&f) { let _ = t.set_ctr(v); } }}/>
                    <NumField label="Sessions per click (landing rate)" key=format!("tp-{a}-landing") kind=NumKind::Percent
                        hint="100 % when your ad platform and your analytics count the same"
                        get={move |p: &Plan| p.touchpoint(&g).map_or(1.0, |t| t.landing_rate)}
                        set={move |p: &mut Plan, v| { if let Some(t) = p.touchpoint_mut(&h) { let _ = t.set_landing_rate(v); } }}/>
                }.into_any()
            }
        }
    };
    view! {
        <div class="touchpoint">
            <div class="form-grid">
                <TextField label="Name" key=format!("tp-{id}-name") required=true
                    get={move |p: &Plan| p.touchpoint(&i1).map(|t| t.name.clone()).unwrap_or_default()}
                    set={move |p: &mut Plan, v| if let Some(t) = p.touchpoint_mut(&i2) { t.name = v; }}/>
                <TextField label="Channel" key=format!("tp-{id}-channel") hint="search, social, email, events…"
                    get={move |p: &Plan| p.touchpoint(&i3).map(|t| t.channel.clone()).unwrap_or_default()}
                    set={move |p: &mut Plan, v| if let Some(t) = p.touchpoint_mut(&i4) { t.channel = v; }}/>
                <div class="field">
                    <label for=media_id.clone()>"Media"</label>
                    <select id=media_id on:change=on_media disabled=ro>
                        {Media::ALL.into_iter().map(|m| view! {
                            <option value=m.name() prop:selected=move || media.get() == m>{m.name()}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for=place_id.clone()>"Online or offline"</label>
                    <select id=place_id on:change=on_place disabled=ro>
                        {Place::ALL.into_iter().map(|x| view! {
                            <option value=x.name() prop:selected=move || place.get() == x>{x.name()}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for=plan_by_id.clone()>"Volume planned"</label>
                    <select id=plan_by_id on:change=on_plan_by disabled=ro>
                        {PlanBy::ALL.into_iter().map(|x| view! {
                            <option value=x.slug() prop:selected=move || plan_by.get() == x>{x.name()}</option>
                        }).collect_view()}
                    </select>
                </div>
                <MoneyField label="Budget per month" key=format!("tp-{id}-budget")
                    get={let id = id.clone(); move |p: &Plan| p.touchpoint(&id).map_or(Money::ZERO, |t| t.budget)}
                    set={let id = id.clone(); move |p: &mut Plan, v| {
                        if let Some(t) = p.touchpoint_mut(&id) {
                            let _ = t.set_budget(v);
                        }
                    }}/>
                {volume}
                <p class="tp-delivers muted" aria-live="polite">{move || delivered.get()}</p>
                <OptNumField label="Impressions per month" key=format!("tp-{id}-impressions") kind=NumKind::Count
                    hint="Leave empty if unknown; with clicks and budget it gives CTR, CPC and CPM"
                    get={let id = id.clone(); move |p: &Plan| p.touchpoint(&id).and_then(|t| t.impressions)}
                    set={let id = id.clone(); move |p: &mut Plan, v| {
                        if let Some(t) = p.touchpoint_mut(&id) {
                            let _ = t.set_impressions(v);
                        }
                    }}/>
                <Show when=move || plan_by.get() == PlanBy::Volume>
                    <OptNumField label="Clicks per month" key=format!("tp-{}-clicks", i11) kind=NumKind::Count
                        get={let id = i11.clone(); move |p: &Plan| p.touchpoint(&id).and_then(|t| t.clicks)}
                        set={let id = i11.clone(); move |p: &mut Plan, v| {
                            if let Some(t) = p.touchpoint_mut(&id) {
                                let _ = t.set_clicks(v);
                            }
                        }}/>
                </Show>
                <div class="field">
                    <label for=kpi_id.clone()>"KPI it drives"</label>
                    <select id=kpi_id on:change=on_kpi disabled=ro>
                        <option value="" prop:selected=move || driven.with(String::is_empty)>"None"</option>
                        {kpi::catalogue().iter().map(|d| view! {
                            <option value=d.id prop:selected=move || driven.with(|k| k == d.id)>
                                {format!("{} ({})", d.name, d.stage_name())}
                            </option>
                        }).collect_view()}
                    </select>
                </div>
            </div>
            <button type="button" class="btn btn-small btn-danger" on:click=remove disabled=ro
                aria-label=move || format!("Remove touchpoint {}", name())>"Remove"</button>
        </div>
    }
}

#[component]
fn Matrix(stage: Stage) -> impl IntoView {
    let editor = expect_context::<Editor>();
    let lc = locale_currency();
    let cells = editor.select(move |p| {
        let digits = p.currency_digits();
        Media::ALL
            .into_iter()
            .map(|m| {
                let row: Vec<(Vec<String>, f64, Vec<String>)> = Place::ALL
                    .into_iter()
                    .map(|pl| {
                        let tps: Vec<&Touchpoint> = p
                            .stages
                            .get(stage)
                            .touchpoints
                            .iter()
                            .filter(|t| t.media == m && t.place == pl)
                            .collect();
                        let names = tps.iter().map(|t| t.name.clone()).collect();
                        let budget =
                            Money::saturating_sum(tps.iter().map(|t| t.budget)).to_major(digits);
                        let mut kpis: Vec<String> = tps
                            .iter()
                            .filter_map(|t| kpi::find(&t.kpi).map(|d| d.name.to_string()))
                            .collect();
                        kpis.dedup();
                        (names, budget, kpis)
                    })
                    .collect();
                (m, row)
            })
            .collect::<Vec<_>>()
    });
    view! {
        <section aria-labelledby="matrix-h">
            <h2 id="matrix-h">"Touchpoint matrix"</h2>
            <p class="muted">"Paid, owned and earned media, online and offline: where this stage's budget goes and which KPI each cell drives."</p>
            <div class="table-wrap" tabindex="0" role="region" aria-label="Touchpoint matrix, table">
                <table class="matrix">
                    <caption class="visually-hidden">{format!("{} touchpoints by media type and place", stage.name())}</caption>
                    <thead><tr>
                        <td></td>
                        {Place::ALL.into_iter().map(|pl| view! { <th scope="col">{pl.name()}</th> }).collect_view()}
                    </tr></thead>
                    <tbody>
                        {move || {
                            let (locale, currency) = lc.get();
                            cells.get().into_iter().map(|(m, row)| view! {
                                <tr>
                                    <th scope="row">{m.name()}</th>
                                    {row.into_iter().map(|(names, budget, kpis)| {
                                        if names.is_empty() {
                                            view! { <td class="matrix-cell muted">"—"</td> }.into_any()
                                        } else {
                                            view! {
                                                <td class="matrix-cell">
                                                    <span class="matrix-names">{names.join(", ")}</span>
                                                    <span class="num matrix-budget">{format!("{} / month", format::money_whole(budget, &locale, &currency))}</span>
                                                    <span class="muted">{if kpis.is_empty() { "Drives: no KPI chosen".to_string() } else { format!("Drives: {}", kpis.join(", ")) }}</span>
                                                </td>
                                            }.into_any()
                                        }
                                    }).collect_view()}
                                </tr>
                            }).collect_view()
                        }}
                    </tbody>
                </table>
            </div>
        </section>
    }
}

#[component]
fn FunnelInputs(stage: Stage) -> impl IntoView {
    let editor = expect_context::<Editor>();
    let lc = locale_currency();
    let (fields, moneys) = stage_fields(stage);
    let show_all = RwSignal::new(false);
    let values = editor.select_eval(move |e| {
        e.kpis
            .iter()
            .filter(|v| kpi::find(v.id).is_some_and(|d| d.stage == Some(stage)))
            .cloned()
            .collect::<Vec<_>>()
    });
    let period = editor.select_eval(|e| e.period);
    // A field shows when the plan's formulas use it, when it holds a value, or on request.
    let used_fields = editor.select(move |p| {
        let defaults = crate::domain::plan::FunnelInputs::default();
        fields
            .iter()
            .map(|f| f.applies(&p.variants) || f.get(&p.funnel) != f.get(&defaults))
            .collect::<Vec<_>>()
    });
    let used_moneys = editor.select(move |p| {
        moneys
            .iter()
            .map(|m| m.applies(&p.variants) || money_get(*m, p) != Money::ZERO)
            .collect::<Vec<_>>()
    });
    let shown_fields = Memo::new(move |_| {
        let all = show_all.get();
        used_fields.with(|used| {
            fields
                .iter()
                .zip(used)
                .filter(|(_, used)| all || **used)
                .map(|(f, _)| *f)
                .collect::<Vec<_>>()
        })
    });
    let shown_moneys = Memo::new(move |_| {
        let all = show_all.get();
        used_moneys.with(|used| {
            moneys
                .iter()
                .zip(used)
                .filter(|(_, used)| all || **used)
                .map(|(m, _)| *m)
                .collect::<Vec<_>>()
        })
    });
    let hidden = Memo::new(move |_| {
        shown_fields.with(Vec::len) + shown_moneys.with(Vec::len) < fields.len() + moneys.len()
    });
    view! {
        <section aria-labelledby="inputs-h">
            <h2 id="inputs-h">"Funnel inputs and derived KPIs"</h2>
            <p class="muted">"Your assumptions for this stage. The KPIs below follow as you type."</p>
            <div class="form-grid">
                <For each=move || shown_fields.get() key=|f| f.key() let:f>
                    {
                        let kind = match f {
                            FunnelField::TrafficGrowth => NumKind::SignedPercent,
                            _ if f.is_percent() => NumKind::Percent,
                            _ => NumKind::Count,
                        };
                        view! {
                            <NumField label=f.label() key=format!("funnel-{}", f.key()) kind=kind
                                get={move |p: &Plan| f.get(&p.funnel)}
                                set={move |p: &mut Plan, v| { let _ = f.set(&mut p.funnel, v); }}/>
                        }
                    }
                </For>
                <For each=move || shown_moneys.get() key=|m| money_key(*m) let:m>
                    <MoneyField label=money_label(m) key=money_key(m)
                        get={move |p: &Plan| money_get(m, p)}
                        set={move |p: &mut Plan, v| { let _ = p.funnel.set_money(m, v); }}/>
                </For>
            </div>
            <RangeNotes stage=stage/>
            <Show when=move || hidden.get() || show_all.get()>
                <p>
                    <button type="button" class="btn btn-small" aria-pressed=move || if show_all.get() { "true" } else { "false" }
                        on:click=move |_| show_all.update(|v| *v = !*v)>
                        {move || if show_all.get() { "Show only the fields this plan uses" } else { "Show every field (some are not used by this plan's formulas)" }}
                    </button>
                </p>
            </Show>
            <h3>{move || period.with(|p| format!("Derived {} KPIs{}", stage.name(), p.map_or(String::new(), |p| format!(", {p}"))))}</h3>
            <div class="table-wrap" tabindex="0" role="region" aria-label="Derived KPIs, table">
                <table class="st-derived">
                    <caption class="visually-hidden">{format!("{} KPIs computed from the plan", stage.name())}</caption>
                    <thead><tr><th scope="col">"KPI"</th><th scope="col" class="num">"Value"</th></tr></thead>
                    <tbody>
                        <For each={move || values.get().into_iter().map(|v| v.id).collect::<Vec<_>>()} key=|id| *id let:id>
                            {
                                let def = kpi::find(id);
                                def.map(|def| {
                                    let value = move || values.with(|vs| vs.iter().find(|v| v.id == id).and_then(|v| v.value));
                                    let missing = move || values.with(|vs| vs.iter().find(|v| v.id == id).filter(|v| !v.missing.is_empty()).map(|v| format!("needs {}", v.missing.join(", "))));
                                    let inputs = Signal::derive(move || lc.with(|(l, c)| values.with(|vs| vs.iter().find(|v| v.id == id).map(|v| explained_text(&v.inputs, l, c)).unwrap_or_default())));
                                    view! {
                                        <tr data-kpi=id>
                                            <th scope="row">{def.name} " " <KpiInfo def=def inputs=inputs/></th>
                                            <td class="num">{move || lc.with(|(l, c)| format_kpi(def, value(), l, c))}
                                                {move || missing().map(|m| view! { <span class="missing muted">" (" {m} ")"</span> })}</td>
                                        </tr>
                                    }
                                })
                            }
                        </For>
                    </tbody>
                </table>
            </div>
        </section>
    }
}

#[component]
fn WhatDoINeed(stage: Stage) -> impl IntoView {
    let editor = expect_context::<Editor>();
    let lc = locale_currency();
    // The goals "What do I need?" can start from; the main goal first.
    let goals = editor.select(move |p| {
        let main = p.main_goal().map(|g| g.id.clone());
        let mut list: Vec<(String, String, bool)> = p
            .opportunity
            .objectives
            .iter()
            .filter(|o| o.is_reversible())
            .map(|o| {
                let name = kpi::find(&o.kpi).map_or("", |d| d.name);
                let is_main = main.as_deref() == Some(o.id.as_str());
                (o.id.clone(), name.to_string(), is_main)
            })
            .collect();
        sort_by_key(&mut list, |(_, _, m)| !*m);
        list
    });
    let picked = RwSignal::new(None::<String>);
    let chosen = Memo::new(move |_| {
        let list = goals.get();
        picked
            .get()
            .filter(|id| list.iter().any(|(g, _, _)| g == id))
            .or_else(|| list.first().map(|(g, _, _)| g.clone()))
    });
    let month = editor.select_eval(|e| e.month);
    let result = Memo::new(move |_| {
        let id = chosen.get()?;
        let month = month.get();
        editor.plan.with(|p| {
            let goal = goal_of(p, p.objective(&id)?)?;
            Some(reverse_funnel_in(p, goal, &month))
        })
    });
    let make_main = move |_| {
        if let Some(id) = chosen.get_untracked() {
            editor.edit("main-goal", move |p| p.main_goal = Some(id));
        }
    };
    let is_main = move || {
        goals.with(|l| {
            l.iter()
                .any(|(g, _, m)| *m && Some(g) == chosen.get().as_ref())
        })
    };
    let select_id = format!("need-goal-{}", stage.slug());
    // What the goal needs, in words, once per edit: the list, the table's rows and the
    // banner stay on screen and only their text follows.
    let needs = Memo::new(move |_| {
        let (locale, currency) = lc.get();
        result.with(|r| {
            r.as_ref().map_or_else(Vec::new, |r| {
                let cnt = |v: Option<f64>| format::opt(v, |x| format::count(x, &locale));
                vec![
                    format::opt(r.revenue, |x| format::money_whole(x, &locale, &currency)),
                    cnt(r.orders),
                    cnt(r.customers),
                    format::count(r.offline_customers, &locale),
                    cnt(r.online_customers),
                    cnt(r.leads),
                    cnt(r.sessions),
                    format::opt(r.whole_funnel_rate, |x| format::percent(x, &locale)),
                ]
            })
        })
    });
    let gaps = Memo::new(move |_| {
        let (locale, currency) = lc.get();
        result.with(|r| {
            r.as_ref().map_or_else(Vec::new, |r| {
                let cnt = |v: Option<f64>| format::opt(v, |x| format::count(x, &locale));
                let gap = |v: Option<f64>| {
                    format::opt(v, |x| gap_words(x, &locale, Unit::Count, &currency, false))
                };
                r.stages
                    .iter()
                    .map(|g| {
                        [
                            format!("{} ({})", g.stage.name(), g.measure),
                            cnt(g.needed),
                            format::count(g.forecast, &locale),
                            gap(g.gap_vs_forecast),
                            cnt(g.baseline),
                            gap(g.gap_vs_baseline),
                        ]
                    })
                    .collect::<Vec<_>>()
            })
        })
    });
    let gap_stages = Memo::new(move |_| {
        result.with(|r| {
            r.as_ref().map_or_else(Vec::new, |r| {
                r.stages.iter().map(|g| g.stage).collect::<Vec<_>>()
            })
        })
    });
    let blocked = Memo::new(move |_| result.with(|r| r.as_ref().and_then(|r| r.blocked.clone())));
    let has_result = Memo::new(move |_| result.with(Option::is_some));
    // Offline touchpoints bring customers of their own: the online funnel needs only the
    // rest, so its two lines show when there are any.
    let has_offline =
        Memo::new(move |_| result.with(|r| r.as_ref().is_some_and(|r| r.offline_customers > 0.0)));
    let covered_offline = Memo::new(move |_| {
        result.with(|r| {
            r.as_ref()
                .is_some_and(|r| r.offline_customers > 0.0 && r.online_customers == Some(0.0))
        })
    });
    const NEEDS: [(&str, bool); 8] = [
        ("Revenue per month", false),
        ("Orders (first and repeat)", false),
        ("New customers", false),
        ("New customers from offline touchpoints", true),
        ("New customers needed online", true),
        ("Leads", false),
        ("Sessions", false),
        ("Session → customer rate (online)", false),
    ];
    let summary = move || {
        view! {
            <Show when=move || has_result.get()>
                <dl class="need-list">
                    {NEEDS.iter().enumerate().map(|(i, (k, offline_only))| {
                        let offline_only = *offline_only;
                        view! {
                            <div class="need-item" hidden=move || offline_only && !has_offline.get()>
                                <dt>{*k}</dt><dd class="num">{text_at(needs, i, Clone::clone)}</dd>
                            </div>
                        }
                    }).collect_view()}
                </dl>
                <Show when=move || covered_offline.get()>
                    <p class="muted" role="status">"The plan's offline touchpoints bring enough new customers for this goal on their own, so it needs no online leads or sessions."</p>
                </Show>
                {move || blocked.get().map(|b| view! { <p class="banner banner-warn" role="status">{format!("This goal {b}. Set that rate or value above (or on its stage's screen) to see what you need.")}</p> })}
                <div class="table-wrap" tabindex="0" role="region" aria-label="Needs and gaps, table">
                    <table class="gaps">
                        <caption>"Needed per month for this goal, against the forecast and today"</caption>
                        <thead><tr>
                            <th scope="col">"Stage"</th>
                            <th scope="col" class="num">"Needed"</th>
                            <th scope="col" class="num">"Forecast"</th>
                            <th scope="col" class="num">"Gap vs forecast"</th>
                            <th scope="col" class="num">"Today"</th>
                            <th scope="col" class="num">"Gap vs today"</th>
                        </tr></thead>
                        <tbody>
                            {move || gap_stages.get().into_iter().enumerate().map(|(i, s)| {
                                let cell = move |c: usize| text_at(gaps, i, move |row| row[c].clone());
                                view! {
                                    <tr class:current-stage=s == stage>
                                        <th scope="row">{cell(0)}</th>
                                        <td class="num">{cell(1)}</td>
                                        <td class="num">{cell(2)}</td>
                                        <td class="num">{cell(3)}</td>
                                        <td class="num">{cell(4)}</td>
                                        <td class="num">{cell(5)}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
                <p class="muted">"“short” means the goal needs more than the forecast (or today) gives; people are rounded up."</p>
            </Show>
        }
    };
    view! {
        <section aria-labelledby="need-h" class="card need">
            <h2 id="need-h">"What do I need?"</h2>
            <p class="muted">"Work back from a revenue or new-customers goal: the customers, leads and sessions it takes at this plan's rates. Goals are set on the Convert screen's KPIs or on the Opportunity screen."</p>
            <Show when=move || !goals.with(Vec::is_empty)
                fallback=move || view! {
                    <p class="empty">"No revenue or new-customers goal yet. Give Revenue (or New customers) a goal on the Convert screen's KPIs to see what it takes."</p>
                }>
                <div class="form-grid">
                    <div class="field">
                        <label for=select_id.clone()>"Start from the goal"</label>
                        <select id=select_id.clone() on:change=move |ev| picked.set(Some(event_target_value(&ev)))>
                            {move || goals.get().into_iter().map(|(id, name, main)| {
                                let selected = chosen.get().as_deref() == Some(id.as_str());
                                view! { <option value=id prop:selected=selected>{if main { format!("{name} (main goal)") } else { name }}</option> }
                            }).collect_view()}
                        </select>
                    </div>
                    <Show when=move || !is_main()>
                        <p><button type="button" class="btn btn-small" on:click=make_main
                            disabled=move || editor.read_only.get().is_some()>"Make it the plan's main goal"</button></p>
                    </Show>
                </div>
                {summary}
            </Show>
        </section>
    }
}

/// The ranges of a stage's inputs, as the stage screen shows them: quietly, with a link
/// to the Odds screen.
#[component]
fn RangeNotes(stage: Stage) -> impl IntoView {
    let editor = expect_context::<Editor>();
    let plan_id = editor.plan.with_untracked(|p| p.id.clone());
    let href = StoredValue::new(screen_href(&plan_id, Screen::Odds));
    let notes = editor.select(move |p| {
        let (locale, currency) = (&p.profile.locale, &p.profile.currency);
        p.ranges
            .iter()
            .filter(|r| r.input.stage(p) == Some(stage))
            .map(|r| {
                (
                    r.input.label(p),
                    format!(
                        "range {}",
                        range_text(r.input.kind(), r.low, r.high, locale, currency)
                    ),
                )
            })
            .collect::<Vec<_>>()
    });
    view! {
        <Show when=move || !notes.with(Vec::is_empty)>
            <ul class="range-notes muted">
                {move || notes.get().into_iter().map(|(label, text)| view! {
                    <li>{label} ": " <a href=href.get_value()>{text}</a></li>
                }).collect_view()}
            </ul>
        </Show>
    }
}
