//! A RACE stage screen (Reach, Act, Convert, Engage): what the stage is for, a strip of
//! the funnel, the stage's objectives, KPIs with targets, touchpoints (list and paid /
//! owned / earned × online / offline matrix), its funnel inputs with live derived KPIs,
//! and "what do I need?" (the reverse funnel from a goal).

use crate::domain::funnel::{plan_goal, reverse_funnel, stage_flows, Goal};
use crate::domain::input::{format_count_input, format_money_input, parse_count, parse_money};
use crate::domain::kpi::{self, KpiDef, Unit};
use crate::domain::money::Money;
use crate::domain::plan::{
    FunnelField, FunnelMoney, Media, Place, Plan, Stage, StageKpi, Touchpoint,
};
use crate::route::{Route, Screen};
use crate::ui::format;
use crate::ui::state::Editor;
use crate::ui::widgets::fields::{MoneyField, NumField, NumKind, OptNumField, TextField};
use crate::ui::widgets::kpi::{format_kpi, format_unit, locale_currency, KpiInfo};
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

#[component]
fn FunnelStrip(stage: Stage, plan_id: String) -> impl IntoView {
    let editor = expect_context::<Editor>();
    let flows = Memo::new(move |_| editor.plan.with(stage_flows));
    let lc = locale_currency();
    let items = move || {
        let (locale, currency) = lc.get();
        flows
            .get()
            .into_iter()
            .map(|f| {
                let current = f.stage == stage;
                let class = format!(
                    "strip-step stage-{}{}",
                    f.stage.slug(),
                    if current { " strip-current" } else { "" }
                );
                let href = screen_href(&plan_id, stage_screen(f.stage));
                let target = f.target.map_or("No target set".to_string(), |t| {
                    format!("Target {}", format::count(t, &locale))
                });
                let gap = f.gap.map(|g| {
                    format!("Gap: {}", gap_words(g, &locale, Unit::Count, &currency, true))
                });
                view! {
                    <li class=class aria-current=current.then_some("step")>
                        <a href=href class="strip-name">{f.stage.name()}<span class="visually-hidden">" stage"</span></a>
                        <span class="strip-volume num">{format::count(f.forecast, &locale)}</span>
                        <span class="strip-measure">{f.measure} " / month"</span>
                        <span class="strip-rate">{format!("{} {}", format::percent(f.rate, &locale), f.rate_name)}</span>
                        <span class="strip-target">{target}</span>
                        {gap.map(|g| view! { <span class="strip-gap">{g}</span> })}
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <nav class="funnel-strip" aria-label="The funnel, first forecast month">
            <ol>{items}</ol>
        </nav>
    }
}

#[component]
fn Objectives(stage: Stage, plan_id: String) -> impl IntoView {
    let editor = expect_context::<Editor>();
    let lc = locale_currency();
    let href = screen_href(&plan_id, Screen::Opportunity);
    let list = Memo::new(move |_| {
        editor.plan.with(|p| {
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
        })
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

fn set_stage_kpi(p: &mut Plan, stage: Stage, id: &str, change: impl FnOnce(&mut StageKpi)) {
    if let Some(k) = p
        .stages
        .get_mut(stage)
        .kpis
        .iter_mut()
        .find(|k| k.kpi == id)
    {
        change(k);
    }
}

#[component]
fn StageKpis(stage: Stage) -> impl IntoView {
    let editor = expect_context::<Editor>();
    let tracked = Memo::new(move |_| {
        editor.plan.with(|p| {
            p.stages
                .get(stage)
                .kpis
                .iter()
                .map(|k| k.kpi.clone())
                .collect::<Vec<_>>()
        })
    });
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
                    target: None,
                    baseline: None,
                });
            }
        });
        choice.set(String::new());
    };
    let select_id = format!("add-kpi-{}", stage.slug());
    view! {
        <section aria-labelledby="kpis-h">
            <h2 id="kpis-h">"KPIs with targets"</h2>
            <Show when=move || !tracked.with(Vec::is_empty)
                fallback=move || view! {
                    <p class="empty">{format!("No KPI tracked at {} yet. Pick one below and give it a monthly target.", stage.name())}</p>
                }>
                <div class="cards kpi-targets">
                    <For each=move || tracked.get() key=|id| id.clone() let:id>
                        <StageKpiRow stage=stage id=id/>
                    </For>
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

#[component]
fn StageKpiRow(stage: Stage, id: String) -> impl IntoView {
    let editor = expect_context::<Editor>();
    let Some(def) = kpi::find(&id) else {
        return view! { <p class="card">{format!("Unknown KPI “{id}”")}</p> }.into_any();
    };
    let lc = locale_currency();
    let value = Memo::new(move |_| {
        editor
            .plan
            .with(|p| kpi::evaluate(p).into_iter().find(|v| v.id == def.id))
    });
    let inputs = Signal::derive(move || {
        value.with(|v| v.as_ref().map(|v| v.inputs.clone()).unwrap_or_default())
    });
    let forecast = move || {
        lc.with(|(l, c)| format_kpi(def, value.with(|v| v.as_ref().and_then(|v| v.value)), l, c))
    };
    let kind = target_kind(def);
    let unit_hint = (def.unit == Unit::Money).then(|| {
        editor
            .plan
            .with_untracked(|p| format!("In {}", p.profile.currency))
    });
    let target_label = if def.additive {
        format!("{}: target per month", def.name)
    } else {
        format!("{}: target", def.name)
    };
    let (id_t, id_b, id_r) = (id.clone(), id.clone(), id.clone());
    let (id_tg, id_bg) = (id.clone(), id.clone());
    let remove = move |_| {
        let id = id_r.clone();
        editor.edit("remove-stage-kpi", move |p| {
            p.stages.get_mut(stage).kpis.retain(|k| k.kpi != id)
        });
    };
    let get_kpi = move |p: &Plan, id: &str| -> Option<StageKpi> {
        p.stages
            .get(stage)
            .kpis
            .iter()
            .find(|k| k.kpi == id)
            .cloned()
    };
    view! {
        <div class=format!("card stage-border stage-{}", stage.slug())>
            <h3 class="kpi-name">{def.name} " " <KpiInfo def=def inputs=inputs/></h3>
            <p>"Forecast: " <strong class="num">{forecast}</strong></p>
            {match unit_hint.clone() {
                Some(h) => view! {
                    <OptNumField label=target_label.clone() key=format!("kpi-{id}-target") kind=kind hint=h
                        get={move |p: &Plan| get_kpi(p, &id_tg).and_then(|k| k.target)}
                        set={move |p: &mut Plan, v| set_stage_kpi(p, stage, &id_t, |k| k.target = v)}/>
                }.into_any(),
                None => view! {
                    <OptNumField label=target_label.clone() key=format!("kpi-{id}-target") kind=kind
                        get={move |p: &Plan| get_kpi(p, &id_tg).and_then(|k| k.target)}
                        set={move |p: &mut Plan, v| set_stage_kpi(p, stage, &id_t, |k| k.target = v)}/>
                }.into_any(),
            }}
            <OptNumField label=format!("{}: today (baseline)", def.name) key=format!("kpi-{id}-baseline") kind=kind
                get={move |p: &Plan| get_kpi(p, &id_bg).and_then(|k| k.baseline)}
                set={move |p: &mut Plan, v| set_stage_kpi(p, stage, &id_b, |k| k.baseline = v)}/>
            <button type="button" class="btn btn-small btn-danger" on:click=remove
                aria-label=format!("Remove KPI {}", def.name)
                disabled=move || editor.read_only.get().is_some()>"Remove"</button>
        </div>
    }
    .into_any()
}

fn volume_label(stage: Stage, place: Place) -> &'static str {
    match (stage, place) {
        (Stage::Reach, Place::Online) => "Sessions per month",
        (Stage::Engage, Place::Offline) => "Volume per month (visits, calls with customers)",
        (_, Place::Offline) => "Contacts per month (calls, visits, event leads)",
        (_, Place::Online) => "Volume per month (its own: opens, views, clicks)",
    }
}

#[component]
fn Touchpoints(stage: Stage) -> impl IntoView {
    let editor = expect_context::<Editor>();
    let ids = Memo::new(move |_| {
        editor.plan.with(|p| {
            p.stages
                .get(stage)
                .touchpoints
                .iter()
                .map(|t| t.id.clone())
                .collect::<Vec<_>>()
        })
    });
    let add = move |_| {
        editor.edit("add-touchpoint", move |p| {
            let id = p.next_id("tp");
            p.stages.get_mut(stage).touchpoints.push(Touchpoint {
                id,
                name: "New touchpoint".into(),
                ..Touchpoint::default()
            });
        });
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
                <ul class="touchpoint-list">
                    <For each=move || ids.get() key=|id| id.clone() let:id>
                        <TouchpointRow stage=stage id=id/>
                    </For>
                </ul>
            </Show>
            <div class="btn-row">
                <button type="button" class="btn btn-primary" on:click=add
                    disabled=move || editor.read_only.get().is_some()>"Add a touchpoint"</button>
            </div>
        </section>
    }
}

#[component]
fn TouchpointRow(stage: Stage, id: String) -> impl IntoView {
    let editor = expect_context::<Editor>();
    let tp = {
        let id = id.clone();
        Memo::new(move |_| editor.plan.with(|p| p.touchpoint(&id).cloned()))
    };
    let name = move || tp.with(|t| t.as_ref().map(|t| t.name.clone()).unwrap_or_default());
    let place = Memo::new(move |_| tp.with(|t| t.as_ref().map(|t| t.place).unwrap_or_default()));
    let media = Memo::new(move |_| tp.with(|t| t.as_ref().map(|t| t.media).unwrap_or_default()));
    let driven =
        Memo::new(move |_| tp.with(|t| t.as_ref().map(|t| t.kpi.clone()).unwrap_or_default()));
    let ro = move || editor.read_only.get().is_some();

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
    };
    let volume = move || {
        let label = volume_label(stage, place.get());
        let (a, b) = (i9.clone(), i10.clone());
        view! {
            <NumField label=label key=format!("tp-{a}-volume") kind=NumKind::Count
                get={move |p: &Plan| p.touchpoint(&a).map_or(0.0, |t| t.monthly_volume)}
                set={move |p: &mut Plan, v| {
                    if let Some(t) = p.touchpoint_mut(&b) {
                        let _ = t.set_monthly_volume(v);
                    }
                }}/>
        }
    };
    view! {
        <li class=format!("card touchpoint stage-border stage-{}", stage.slug())>
            <h3>{name}</h3>
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
                <MoneyField label="Budget per month" key=format!("tp-{id}-budget")
                    get={let id = id.clone(); move |p: &Plan| p.touchpoint(&id).map_or(Money::ZERO, |t| t.budget)}
                    set={let id = id.clone(); move |p: &mut Plan, v| {
                        if let Some(t) = p.touchpoint_mut(&id) {
                            let _ = t.set_budget(v);
                        }
                    }}/>
                {volume}
                <OptNumField label="Impressions per month" key=format!("tp-{id}-impressions") kind=NumKind::Count
                    hint="Leave empty if unknown; with clicks and budget it gives CTR, CPC and CPM"
                    get={let id = id.clone(); move |p: &Plan| p.touchpoint(&id).and_then(|t| t.impressions)}
                    set={let id = id.clone(); move |p: &mut Plan, v| {
                        if let Some(t) = p.touchpoint_mut(&id) {
                            let _ = t.set_impressions(v);
                        }
                    }}/>
                <OptNumField label="Clicks per month" key=format!("tp-{id}-clicks") kind=NumKind::Count
                    get={let id = id.clone(); move |p: &Plan| p.touchpoint(&id).and_then(|t| t.clicks)}
                    set={let id = id.clone(); move |p: &mut Plan, v| {
                        if let Some(t) = p.touchpoint_mut(&id) {
                            let _ = t.set_clicks(v);
                        }
                    }}/>
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
        </li>
    }
}

#[component]
fn Matrix(stage: Stage) -> impl IntoView {
    let editor = expect_context::<Editor>();
    let lc = locale_currency();
    let cells = Memo::new(move |_| {
        editor.plan.with(|p| {
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
                            let budget = Money::saturating_sum(tps.iter().map(|t| t.budget))
                                .to_major(digits);
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
        })
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
    let values = Memo::new(move |_| {
        editor.plan.with(|p| {
            kpi::evaluate(p)
                .into_iter()
                .filter(|v| kpi::find(v.id).is_some_and(|d| d.stage == Some(stage)))
                .collect::<Vec<_>>()
        })
    });
    view! {
        <section aria-labelledby="inputs-h">
            <h2 id="inputs-h">"Funnel inputs and derived KPIs"</h2>
            <p class="muted">"Your assumptions for this stage. The KPIs below follow as you type (first forecast month)."</p>
            <div class="form-grid">
                {fields.iter().map(|&f| {
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
                }).collect_view()}
                {moneys.iter().map(|&m| view! {
                    <MoneyField label=money_label(m) key=money_key(m)
                        get={move |p: &Plan| money_get(m, p)}
                        set={move |p: &mut Plan, v| { let _ = p.funnel.set_money(m, v); }}/>
                }).collect_view()}
            </div>
            <h3>{format!("Derived {} KPIs", stage.name())}</h3>
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
                                    let inputs = Signal::derive(move || values.with(|vs| vs.iter().find(|v| v.id == id).map(|v| v.inputs.clone()).unwrap_or_default()));
                                    view! {
                                        <tr data-kpi=id>
                                            <th scope="row">{def.name} " " <KpiInfo def=def inputs=inputs/></th>
                                            <td class="num">{move || lc.with(|(l, c)| format_kpi(def, value(), l, c))}</td>
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

/// What the goal field holds.
#[derive(Clone, Copy, PartialEq, Eq)]
enum GoalKind {
    Revenue,
    Customers,
}

#[component]
fn WhatDoINeed(stage: Stage) -> impl IntoView {
    let editor = expect_context::<Editor>();
    let lc = locale_currency();
    let initial = editor.plan.with_untracked(|p| {
        let digits = p.currency_digits();
        match plan_goal(p) {
            Some(Goal::Revenue(m)) => (GoalKind::Revenue, format_money_input(m, digits)),
            Some(Goal::Customers(c)) => (GoalKind::Customers, format_count_input(c)),
            None => (GoalKind::Revenue, String::new()),
        }
    });
    let kind = RwSignal::new(initial.0);
    let text = RwSignal::new(initial.1);
    let parsed = Memo::new(move |_| {
        let t = text.get();
        if t.trim().is_empty() {
            return Ok(None);
        }
        match kind.get() {
            GoalKind::Revenue => {
                let digits = editor.plan.with(|p| p.currency_digits());
                parse_money(&t, digits).map(|m| Some(Goal::Revenue(m)))
            }
            GoalKind::Customers => parse_count(&t).map(|c| Some(Goal::Customers(c))),
        }
        .map_err(|e| e.message)
    });
    let result = Memo::new(move |_| {
        let goal = parsed.get().ok().flatten()?;
        Some(editor.plan.with(|p| reverse_funnel(p, goal)))
    });
    let kind_id = format!("goal-kind-{}", stage.slug());
    let amount_id = format!("goal-amount-{}", stage.slug());
    let error_id = format!("{amount_id}-error");
    let error_id2 = error_id.clone();
    let amount_label = move || match kind.get() {
        GoalKind::Revenue => lc.with(|(_, c)| format!("Revenue per month ({c})")),
        GoalKind::Customers => "New customers per month".to_string(),
    };
    let summary = move || {
        let (locale, currency) = lc.get();
        result.get().map(|r| {
            let cnt = |v: Option<f64>| format::opt(v, |x| format::count(x, &locale));
            let rows = vec![
                ("Revenue per month", format::opt(r.revenue, |x| format::money_whole(x, &locale, &currency))),
                ("Orders", cnt(r.orders)),
                ("New customers", cnt(r.customers)),
                ("Leads", cnt(r.leads)),
                ("Sessions", cnt(r.sessions)),
                ("Sessions → customers (whole funnel)", format::opt(r.whole_funnel_rate, |x| format::percent(x, &locale))),
            ];
            let blocked = r.blocked.clone();
            let gaps = r.stages.clone();
            view! {
                <dl class="need-list">
                    {rows.into_iter().map(|(k, v)| view! {
                        <div class="need-item"><dt>{k}</dt><dd class="num">{v}</dd></div>
                    }).collect_view()}
                </dl>
                {blocked.map(|b| view! { <p class="banner banner-warn" role="status">{format!("This goal {b}. Set that rate or value above (or on its stage's screen) to see what you need.")}</p> })}
                <div class="table-wrap" tabindex="0" role="region" aria-label="Needs and gaps, table">
                    <table class="gaps">
                        <caption>"Needed per month, against the forecast and today"</caption>
                        <thead><tr>
                            <th scope="col">"Stage"</th>
                            <th scope="col" class="num">"Needed"</th>
                            <th scope="col" class="num">"Forecast"</th>
                            <th scope="col" class="num">"Gap vs forecast"</th>
                            <th scope="col" class="num">"Today"</th>
                            <th scope="col" class="num">"Gap vs today"</th>
                        </tr></thead>
                        <tbody>
                            {gaps.into_iter().map(|g| {
                                let gap_f = format::opt(g.gap_vs_forecast, |x| gap_words(x, &locale, Unit::Count, &currency, false));
                                let gap_b = format::opt(g.gap_vs_baseline, |x| gap_words(x, &locale, Unit::Count, &currency, false));
                                view! {
                                    <tr class:current-stage=g.stage == stage>
                                        <th scope="row">{format!("{} ({})", g.stage.name(), g.measure)}</th>
                                        <td class="num">{cnt(g.needed)}</td>
                                        <td class="num">{format::count(g.forecast, &locale)}</td>
                                        <td class="num">{gap_f}</td>
                                        <td class="num">{cnt(g.baseline)}</td>
                                        <td class="num">{gap_b}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
                <p class="muted">"“short” means the goal needs more than the forecast (or today) gives; people are rounded up."</p>
            }
        })
    };
    view! {
        <section aria-labelledby="need-h" class="card need">
            <h2 id="need-h">"What do I need?"</h2>
            <p class="muted">"Work back from a monthly goal: the customers, leads and sessions it takes at this plan's rates."</p>
            <div class="form-grid">
                <div class="field">
                    <label for=kind_id.clone()>"Goal"</label>
                    <select id=kind_id on:change=move |ev| {
                        kind.set(if event_target_value(&ev) == "customers" { GoalKind::Customers } else { GoalKind::Revenue });
                    }>
                        <option value="revenue" prop:selected=move || kind.get() == GoalKind::Revenue>"Revenue per month"</option>
                        <option value="customers" prop:selected=move || kind.get() == GoalKind::Customers>"New customers per month"</option>
                    </select>
                </div>
                <div class="field">
                    <label for=amount_id.clone()>{amount_label}</label>
                    {move || parsed.get().err().map(|e| view! { <span class="field-error" id=error_id.clone()>{e}</span> })}
                    <input id=amount_id class="num-input" type="text" inputmode="decimal" autocomplete="off"
                        prop:value=move || text.get()
                        aria-invalid=move || if parsed.with(Result::is_err) { "true" } else { "false" }
                        aria-describedby=move || parsed.with(Result::is_err).then(|| error_id2.clone())
                        on:input=move |ev| text.set(event_target_value(&ev))/>
                </div>
            </div>
            {move || match summary() {
                Some(v) => v.into_any(),
                None => view! { <p class="empty">"Type a monthly goal to see what it takes."</p> }.into_any(),
            }}
        </section>
    }
}
