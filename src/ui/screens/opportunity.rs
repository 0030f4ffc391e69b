//! The opportunity screen: the audit (baseline per stage, capability self-scores as a
//! radar, competitors, SWOT) and the SMART objective builder.

use crate::domain::kpi::{self, Unit};
use crate::domain::period::parse_date;
use crate::domain::plan::{
    Benchmark, Competitor, Objective, Opportunity, Phasing, Plan, SmartPart, Stage, Swot,
};
use crate::ui::format;
use crate::ui::state::Editor;
use crate::ui::widgets::fields::{
    CheckedNumField, NumCheck, NumKind, OptMoneyField, OptNumField, TextField,
};
use crate::ui::widgets::kpi::{format_kpi, format_unit, KpiInfo};
use crate::ui::widgets::radar::{RadarAxis, RadarChart};
use crate::ui::widgets::rows::{focus, Cell, Column, CompactRow, EachId, RowList, RowTable};
use leptos::prelude::*;
use std::sync::Arc;

/// The standard capability areas offered for each stage (`None` is Plan).
const AREAS: [(Option<Stage>, &[&str]); 5] = [
    (None, &["Strategy and planning", "Data and analytics"]),
    (
        Some(Stage::Reach),
        &["Search marketing", "Paid media", "Social media"],
    ),
    (Some(Stage::Act), &["Website UX", "Content marketing"]),
    (
        Some(Stage::Convert),
        &["Checkout and sales process", "Retargeting"],
    ),
    (
        Some(Stage::Engage),
        &["Email marketing", "Customer service", "Loyalty"],
    ),
];

/// "Plan" or the stage's name.
fn group_name(stage: Option<Stage>) -> &'static str {
    stage.map_or("Plan", Stage::name)
}

/// The CSS class carrying a stage's accent ("stage-plan" for none).
pub(crate) fn stage_class(stage: Option<Stage>) -> &'static str {
    match stage {
        None => "stage-plan",
        Some(Stage::Reach) => "stage-reach",
        Some(Stage::Act) => "stage-act",
        Some(Stage::Convert) => "stage-convert",
        Some(Stage::Engage) => "stage-engage",
    }
}

/// A lowercase id fragment from free text ("Paid media" → "paid-media").
pub(crate) fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// How a KPI's value is typed in a field.
fn kind_for(unit: Unit, def: Option<&kpi::KpiDef>) -> NumKind {
    match (unit, def) {
        (Unit::Ratio, _) => NumKind::Percent,
        (Unit::Score, Some(d)) => NumKind::Score {
            min: d.min,
            max: d.max,
        },
        _ => NumKind::Count,
    }
}

/// The rule that keeps a KPI value inside the KPI's range.
fn kpi_check(kpi_id: String) -> NumCheck {
    Arc::new(move |_p: &Plan, v: f64| {
        check_kpi_value(&kpi_id, v).map(|m| crate::domain::input::sentence(&m))
    })
}

/// Why `value` is outside the KPI's range, if it is.
fn check_kpi_value(kpi_id: &str, value: f64) -> Option<String> {
    if !value.is_finite() {
        return Some("Enter a finite number".into());
    }
    let def = kpi::find(kpi_id)?;
    (value < def.min || value > def.max).then(|| def.range_message())
}

/// A derived number with its ⓘ: formula, variant and the inputs it used.
#[component]
fn Derived(
    #[prop(into)] label: String,
    /// Catalogue id of the KPI, for its formula.
    kpi_id: &'static str,
    #[prop(into)] value: Signal<String>,
    /// The inputs used, in words.
    #[prop(into)]
    inputs: Signal<String>,
) -> impl IntoView {
    view! {
        <div class="derived">
            <span class="derived-label">{label}</span>
            <span class="num derived-value">{move || value.get()}</span>
            {kpi::find(kpi_id).map(|def| view! { <KpiInfo def=def inputs=inputs/> })}
        </div>
    }
}

/// The opportunity screen of the open plan.
#[component]
pub fn OpportunityScreen() -> impl IntoView {
    view! {
        <h1>"Opportunity"</h1>
        <p class="lead">"Audit where you stand today, then set SMART objectives for each stage."</p>
        <BaselineSection/>
        <CapabilitySection/>
        <CompetitorsSection/>
        <SwotSection/>
        <ObjectivesSection/>
    }
}

// ---------------------------------------------------------------------------
// Baseline

#[component]
fn BaselineSection() -> impl IntoView {
    let editor = expect_context::<Editor>();
    let loc = Memo::new(move |_| {
        editor
            .plan
            .with(|p| (p.profile.locale.clone(), p.profile.currency.clone()))
    });
    let base = Memo::new(move |_| {
        editor.plan.with(|p| {
            let b = &p.opportunity.baseline;
            let d = p.currency_digits();
            (
                b.clone(),
                b.revenue.map(|m| m.to_major(d)),
                b.marketing_spend.map(|m| m.to_major(d)),
            )
        })
    });
    let show = move |unit: Unit, v: Option<f64>| loc.with(|(l, c)| format_unit(unit, v, l, c));
    let num = move |v: f64| loc.with(|(l, _)| format::decimal(v, l));
    let money = move |v: f64| loc.with(|(l, c)| format::money(v, l, c));

    let lead_rate = move || {
        base.with(|(b, _, _)| {
            b.leads
                .zip(b.sessions)
                .and_then(|(l, s)| kpi::lead_rate(l, s))
        })
    };
    let cpl =
        move || base.with(|(b, _, spend)| spend.zip(b.leads).and_then(|(s, l)| kpi::cpl(s, l)));
    let conv = move || {
        base.with(|(b, _, _)| {
            b.customers
                .zip(b.sessions)
                .and_then(|(c, s)| kpi::conversion_rate(c, s))
        })
    };
    let aov = move || base.with(|(b, rev, _)| rev.zip(b.orders).and_then(|(r, o)| kpi::aov(r, o)));
    let cpa =
        move || base.with(|(b, _, spend)| spend.zip(b.customers).and_then(|(s, c)| kpi::cpa(s, c)));
    let mer =
        move || base.with(|(_, rev, spend)| rev.zip(*spend).and_then(|(r, s)| kpi::mer(r, s)));
    let known = move |v: Option<f64>, f: &dyn Fn(f64) -> String, what: &str| match v {
        Some(x) => format!("{} {what}", f(x)),
        None => format!("{what} not known"),
    };

    view! {
        <section class="osa-section" aria-labelledby="baseline-h">
            <h2 id="baseline-h">"Baseline per stage"</h2>
            <p class="muted">"Your numbers for a typical month today. Leave a field empty when you don't know it; rates that need it show “—”."</p>
            <div class="cards baseline-cards">
                <div class="card stage-border stage-reach">
                    <h3 class="stage-accent">"Reach"</h3>
                    <OptNumField label="Sessions per month" key="base-sessions" kind=NumKind::Count
                        get=|p: &Plan| p.opportunity.baseline.sessions
                        set=|p: &mut Plan, v| p.opportunity.baseline.sessions = v/>
                    <OptNumField label="Offline contacts per month" key="base-offline" kind=NumKind::Count
                        hint="Calls, store visits, event leads"
                        get=|p: &Plan| p.opportunity.baseline.offline_contacts
                        set=|p: &mut Plan, v| p.opportunity.baseline.offline_contacts = v/>
                </div>
                <div class="card stage-border stage-act">
                    <h3 class="stage-accent">"Act"</h3>
                    <OptNumField label="Leads per month" key="base-leads" kind=NumKind::Count
                        get=|p: &Plan| p.opportunity.baseline.leads
                        set=|p: &mut Plan, v| p.opportunity.baseline.leads = v/>
                    <Derived label="Lead rate" kpi_id="lead_rate"
                        value=Signal::derive(move || show(Unit::Ratio, lead_rate()))
                        inputs=Signal::derive(move || base.with(|(b, _, _)| format!("{} ÷ {}",
                            known(b.leads, &num, "leads"), known(b.sessions, &num, "sessions"))))/>
                    <Derived label="Cost per lead" kpi_id="cpl"
                        value=Signal::derive(move || show(Unit::Money, cpl()))
                        inputs=Signal::derive(move || base.with(|(b, _, s)| format!("{} ÷ {}",
                            known(*s, &money, "marketing spend"), known(b.leads, &num, "leads"))))/>
                </div>
                <div class="card stage-border stage-convert">
                    <h3 class="stage-accent">"Convert"</h3>
                    <OptNumField label="New customers per month" key="base-customers" kind=NumKind::Count
                        get=|p: &Plan| p.opportunity.baseline.customers
                        set=|p: &mut Plan, v| p.opportunity.baseline.customers = v/>
                    <OptNumField label="Orders per month" key="base-orders" kind=NumKind::Count
                        get=|p: &Plan| p.opportunity.baseline.orders
                        set=|p: &mut Plan, v| p.opportunity.baseline.orders = v/>
                    <OptMoneyField label="Revenue per month" key="base-revenue"
                        get=|p: &Plan| p.opportunity.baseline.revenue
                        set=|p: &mut Plan, v| p.opportunity.baseline.revenue = v/>
                    <Derived label="Conversion rate" kpi_id="conversion_rate"
                        value=Signal::derive(move || show(Unit::Ratio, conv()))
                        inputs=Signal::derive(move || base.with(|(b, _, _)| format!("{} ÷ {}",
                            known(b.customers, &num, "customers (online and offline)"), known(b.sessions, &num, "sessions"))))/>
                    <Derived label="Average order value" kpi_id="aov"
                        value=Signal::derive(move || show(Unit::Money, aov()))
                        inputs=Signal::derive(move || base.with(|(b, r, _)| format!("{} ÷ {}",
                            known(*r, &money, "revenue"), known(b.orders, &num, "orders"))))/>
                    <Derived label="Cost per acquisition" kpi_id="cpa"
                        value=Signal::derive(move || show(Unit::Money, cpa()))
                        inputs=Signal::derive(move || base.with(|(b, _, s)| format!("{} ÷ {}",
                            known(*s, &money, "marketing spend"), known(b.customers, &num, "customers"))))/>
                </div>
                <div class="card stage-border stage-engage">
                    <h3 class="stage-accent">"Engage"</h3>
                    <OptNumField label="Repeat purchase rate" key="base-repeat" kind=NumKind::Percent
                        get=|p: &Plan| p.opportunity.baseline.repeat_rate
                        set=|p: &mut Plan, v| p.opportunity.baseline.repeat_rate = v/>
                </div>
                <div class="card stage-border stage-plan">
                    <h3 class="stage-accent">"Plan"</h3>
                    <OptMoneyField label="Marketing spend per month" key="base-spend"
                        get=|p: &Plan| p.opportunity.baseline.marketing_spend
                        set=|p: &mut Plan, v| p.opportunity.baseline.marketing_spend = v/>
                    <Derived label="Marketing efficiency ratio" kpi_id="mer"
                        value=Signal::derive(move || show(Unit::Multiple, mer()))
                        inputs=Signal::derive(move || base.with(|(_, r, s)| format!("{} ÷ {}",
                            known(*r, &money, "revenue"), known(*s, &money, "marketing spend"))))/>
                </div>
            </div>
        </section>
    }
}

// ---------------------------------------------------------------------------
// Capability

/// The areas shown for a stage: the standard ones, then any others the plan scores.
fn areas_of(o: &Opportunity, stage: Option<Stage>) -> Vec<String> {
    let mut out: Vec<String> = AREAS
        .iter()
        .filter(|(s, _)| *s == stage)
        .flat_map(|(_, a)| a.iter().map(|x| x.to_string()))
        .collect();
    for c in o.capability.iter().filter(|c| c.stage == stage) {
        if !out.iter().any(|a| a.eq_ignore_ascii_case(&c.area)) {
            out.push(c.area.clone());
        }
    }
    out
}

#[component]
fn CapabilitySection() -> impl IntoView {
    let editor = expect_context::<Editor>();
    let axes = Memo::new(move |_| {
        editor.plan.with(|p| {
            AREAS
                .iter()
                .map(|(stage, _)| {
                    let value = p.opportunity.capability_average(*stage);
                    RadarAxis {
                        label: group_name(*stage).to_string(),
                        value,
                        value_text: format::opt(value, |v| format::decimal(v, &p.profile.locale)),
                        class: stage_class(*stage),
                    }
                })
                .collect::<Vec<_>>()
        })
    });
    view! {
        <section class="osa-section" aria-labelledby="capability-h">
            <h2 id="capability-h">"Capability self-score"</h2>
            <p class="muted">"Score each area from 1 (initial: ad hoc, no process) to 5 (optimised: measured and improved continuously). The radar shows each stage's average."</p>
            <div class="capability-layout">
                <div class="capability-groups">
                    {AREAS.iter().map(|(stage, _)| view! { <CapabilityGroup stage=*stage/> }).collect_view()}
                </div>
                <div class="card capability-radar">
                    <RadarChart title="Capability by stage" axes=axes min=0.0 max=5.0
                        value_header="Average score (1–5)"/>
                </div>
            </div>
        </section>
    }
}

#[component]
fn CapabilityGroup(stage: Option<Stage>) -> impl IntoView {
    let editor = expect_context::<Editor>();
    let areas = Memo::new(move |_| editor.plan.with(|p| areas_of(&p.opportunity, stage)));
    let group = group_name(stage);
    let new_area = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let add_id = format!("cap-add-{}", slug(group));
    let add_error_id = format!("{add_id}-error");
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let name = new_area.get_untracked().trim().to_string();
        if name.is_empty() {
            error.set(Some("Enter the name of the area to score".into()));
            return;
        }
        let exists = areas.with_untracked(|a| a.iter().any(|x| x.eq_ignore_ascii_case(&name)));
        if exists {
            error.set(Some("This area is already listed".into()));
            return;
        }
        error.set(None);
        new_area.set(String::new());
        editor.edit(&format!("cap-add-{}", slug(&name)), move |p| {
            p.opportunity
                .capability
                .push(crate::domain::plan::CapabilityScore {
                    stage,
                    area: name,
                    score: 3,
                });
        });
    };
    view! {
        <fieldset class=format!("capability-group stage-border {}", stage_class(stage))>
            <legend class="stage-accent">{group}</legend>
            <EachId ids=areas row=move |area: String| view! { <CapabilityRow stage=stage area=area/> }.into_any()/>
            <form class="capability-add" on:submit=add novalidate>
                <div class="field">
                    <label for=add_id.clone()>{format!("Another {group} area")}</label>
                    {move || error.get().map(|e| view! { <span class="field-error" id=add_error_id.clone()>{e}</span> })}
                    <input id=add_id.clone() type="text" prop:value=move || new_area.get()
                        aria-invalid=move || if error.get().is_some() { "true" } else { "false" }
                        on:input=move |ev| new_area.set(event_target_value(&ev))/>
                </div>
                <button type="submit" class="btn btn-small" disabled=move || editor.read_only.get().is_some()>
                    {format!("Add {group} area")}
                </button>
            </form>
        </fieldset>
    }
}

#[component]
fn CapabilityRow(stage: Option<Stage>, area: String) -> impl IntoView {
    let editor = expect_context::<Editor>();
    let id = format!("cap-{}-{}", slug(group_name(stage)), slug(&area));
    let area_get = area.clone();
    let score = Memo::new(move |_| {
        editor.plan.with(|p| {
            p.opportunity
                .capability
                .iter()
                .find(|c| c.stage == stage && c.area.eq_ignore_ascii_case(&area_get))
                .map(|c| c.score)
        })
    });
    let area_set = area.clone();
    let key = id.clone();
    let on_change = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        let chosen = value.parse::<u8>().ok().filter(|s| (1..=5).contains(s));
        let area = area_set.clone();
        editor.edit(&key, move |p| {
            let list = &mut p.opportunity.capability;
            let pos = list
                .iter()
                .position(|c| c.stage == stage && c.area.eq_ignore_ascii_case(&area));
            match (chosen, pos) {
                (Some(s), Some(i)) => {
                    if let Some(c) = list.get_mut(i) {
                        c.score = s;
                    }
                }
                (Some(s), None) => list.push(crate::domain::plan::CapabilityScore {
                    stage,
                    area,
                    score: s,
                }),
                (None, Some(i)) => {
                    list.remove(i);
                }
                (None, None) => {}
            }
        });
    };
    const LEVELS: [&str; 5] = ["Initial", "Developing", "Defined", "Managed", "Optimised"];
    view! {
        <div class="capability-row">
            <label for=id.clone()>{area}</label>
            <select id=id on:change=on_change disabled=move || editor.read_only.get().is_some()>
                <option value="" prop:selected=move || score.get().is_none()>"Not scored"</option>
                {(1u8..=5).map(|s| view! {
                    <option value=s.to_string() prop:selected=move || score.get() == Some(s)>
                        {format!("{s} – {}", LEVELS.get(usize::from(s) - 1).copied().unwrap_or_default())}
                    </option>
                }).collect_view()}
            </select>
        </div>
    }
}

// ---------------------------------------------------------------------------
// Competitors

#[component]
fn CompetitorsSection() -> impl IntoView {
    let editor = expect_context::<Editor>();
    let count = Memo::new(move |_| editor.plan.with(|p| p.opportunity.competitors.len()));
    let add = move |_| {
        editor.edit("competitor-add", |p| {
            p.opportunity.competitors.push(Competitor {
                name: format!("Competitor {}", p.opportunity.competitors.len() + 1),
                ..Competitor::default()
            })
        })
    };
    let ro = move || editor.read_only.get().is_some();
    view! {
        <section class="osa-section" aria-labelledby="competitors-h">
            <h2 id="competitors-h">"Competitors"</h2>
            <p class="muted">"Who competes for the same customers, what they do well, and their numbers where known (benchmarks)."</p>
            <Show when=move || count.get() == 0>
                <div class="empty">
                    <p>"No competitors yet. Add the two or three rivals your customers compare you with."</p>
                    <button type="button" class="btn btn-primary" on:click=add disabled=ro>"Add a competitor"</button>
                </div>
            </Show>
            <div class="cards competitor-cards">
                <For each=move || 0..count.get() key=|i| *i let:i>
                    <CompetitorCard index=i/>
                </For>
            </div>
            <Show when=move || { count.get() > 0 }>
                <button type="button" class="btn" on:click=add disabled=ro>"Add a competitor"</button>
            </Show>
        </section>
    }
}

#[component]
fn CompetitorCard(index: usize) -> impl IntoView {
    let editor = expect_context::<Editor>();
    let name = Memo::new(move |_| {
        editor.plan.with(|p| {
            p.opportunity
                .competitors
                .get(index)
                .map(|c| c.name.clone())
                .unwrap_or_default()
        })
    });
    let benchmarks = Memo::new(move |_| {
        editor.plan.with(|p| {
            p.opportunity
                .competitors
                .get(index)
                .map_or(0, |c| c.benchmarks.len())
        })
    });
    let remove = move |_| {
        editor.edit(&format!("competitor-remove-{index}"), move |p| {
            if index < p.opportunity.competitors.len() {
                p.opportunity.competitors.remove(index);
            }
        })
    };
    let add_benchmark = move |_| {
        editor.edit(&format!("competitor-{index}-bench-add"), move |p| {
            if let Some(c) = p.opportunity.competitors.get_mut(index) {
                c.benchmarks.push(Benchmark {
                    kpi: "conversion_rate".into(),
                    value: 0.0,
                });
            }
        })
    };
    let ro = move || editor.read_only.get().is_some();
    view! {
        <article class="card competitor">
            <h3>{move || { let n = name.get(); if n.trim().is_empty() { "Unnamed competitor".to_string() } else { n } }}</h3>
            <TextField label="Name" key=format!("comp-{index}-name") required=true
                get=move |p: &Plan| p.opportunity.competitors.get(index).map(|c| c.name.clone()).unwrap_or_default()
                set=move |p: &mut Plan, v| if let Some(c) = p.opportunity.competitors.get_mut(index) { c.name = v; }/>
            <TextField label="Notes" key=format!("comp-{index}-notes") multiline=true
                hint="What they do well or badly"
                get=move |p: &Plan| p.opportunity.competitors.get(index).map(|c| c.notes.clone()).unwrap_or_default()
                set=move |p: &mut Plan, v| if let Some(c) = p.opportunity.competitors.get_mut(index) { c.notes = v; }/>
            <h4>"Benchmarks"</h4>
            <Show when=move || benchmarks.get() == 0>
                <p class="muted">"No benchmark yet: add a KPI you know or can estimate for them."</p>
            </Show>
            <For each=move || 0..benchmarks.get() key=|j| *j let:j>
                <BenchmarkRow competitor=index index=j competitor_name=name/>
            </For>
            <div class="btn-row">
                <button type="button" class="btn btn-small" on:click=add_benchmark disabled=ro
                    aria-label=move || format!("Add a benchmark for {}", name.get())>"Add a benchmark"</button>
                <button type="button" class="btn btn-small btn-danger" on:click=remove disabled=ro
                    aria-label=move || format!("Remove competitor {}", name.get())>"Remove competitor"</button>
            </div>
        </article>
    }
}

#[component]
fn BenchmarkRow(competitor: usize, index: usize, competitor_name: Memo<String>) -> impl IntoView {
    let editor = expect_context::<Editor>();
    let kpi_id = Memo::new(move |_| {
        editor.plan.with(|p| {
            p.opportunity
                .competitors
                .get(competitor)
                .and_then(|c| c.benchmarks.get(index))
                .map(|b| b.kpi.clone())
                .unwrap_or_default()
        })
    });
    let select_id = format!("comp-{competitor}-bench-{index}-kpi");
    let on_kpi = move |ev: leptos::ev::Event| {
        let id = event_target_value(&ev);
        editor.edit(&format!("comp-{competitor}-bench-{index}-kpi"), move |p| {
            if let Some(b) = p
                .opportunity
                .competitors
                .get_mut(competitor)
                .and_then(|c| c.benchmarks.get_mut(index))
            {
                if let Some(def) = kpi::find(&id) {
                    if check_kpi_value(&id, b.value).is_some() {
                        b.value = def.min.max(0.0);
                    }
                }
                b.kpi = id;
            }
        })
    };
    let remove = move |_| {
        editor.edit(
            &format!("comp-{competitor}-bench-{index}-remove"),
            move |p| {
                if let Some(c) = p.opportunity.competitors.get_mut(competitor) {
                    if index < c.benchmarks.len() {
                        c.benchmarks.remove(index);
                    }
                }
            },
        )
    };
    let currency = Memo::new(move |_| editor.plan.with(|p| p.profile.currency.clone()));
    view! {
        <div class="benchmark-row">
            <div class="field">
                <label for=select_id.clone()>"KPI"</label>
                <select id=select_id on:change=on_kpi disabled=move || editor.read_only.get().is_some()>
                    <KpiOptions stage=None all=true selected=kpi_id/>
                </select>
            </div>
            {move || {
                let id = kpi_id.get();
                let def = kpi::find(&id);
                let unit = def.map_or(Unit::Count, |d| d.unit);
                let kind = kind_for(unit, def);
                let extra_unit = match unit {
                    Unit::Money => Some(currency.get_untracked()),
                    Unit::Multiple => Some("×".to_string()),
                    Unit::Months => Some("months".to_string()),
                    _ => None,
                };
                let field = view! {
                    <CheckedNumField label="Their value" key=format!("comp-{competitor}-bench-{index}-value-{id}") kind=kind
                        check=kpi_check(id.clone())
                        get=move |p: &Plan| p.opportunity.competitors.get(competitor)
                            .and_then(|c| c.benchmarks.get(index)).map_or(0.0, |b| b.value)
                        set=move |p: &mut Plan, v| if let Some(b) = p.opportunity.competitors.get_mut(competitor)
                            .and_then(|c| c.benchmarks.get_mut(index)) { b.value = v; }/>
                };
                view! {
                    {field}
                    {extra_unit.map(|u| view! { <span class="muted benchmark-unit">{u}</span> })}
                }
            }}
            <button type="button" class="btn btn-small btn-danger" disabled=move || editor.read_only.get().is_some()
                on:click=remove
                aria-label=move || format!("Remove benchmark {} of {}",
                    kpi::find(&kpi_id.get()).map_or("KPI", |d| d.name), competitor_name.get())>"Remove benchmark"</button>
        </div>
    }
}

/// `<option>`s of the catalogue: one stage's KPIs, or all of them grouped by stage.
#[component]
fn KpiOptions(
    /// The stage whose KPIs are offered (when `all` is false).
    stage: Option<Stage>,
    /// Offer every KPI, grouped by stage.
    #[prop(optional)]
    all: bool,
    /// The id currently chosen.
    selected: Memo<String>,
) -> impl IntoView {
    let option = move |d: &'static kpi::KpiDef| {
        view! { <option value=d.id prop:selected=move || selected.with(|s| s == d.id)>{d.name}</option> }
    };
    if all {
        AREAS
            .iter()
            .map(|(s, _)| {
                view! {
                    <optgroup label=group_name(*s)>
                        {kpi::for_stage(*s).map(option).collect_view()}
                    </optgroup>
                }
            })
            .collect_view()
            .into_any()
    } else {
        view! {
            <option value="" prop:selected=move || selected.with(|s| kpi::find(s).is_none())>"Choose a KPI"</option>
            {kpi::for_stage(stage).map(option).collect_view()}
        }
        .into_any()
    }
}

// ---------------------------------------------------------------------------
// SWOT

#[derive(Clone, Copy, PartialEq, Eq)]
enum SwotPart {
    Strengths,
    Weaknesses,
    Opportunities,
    Threats,
}

impl SwotPart {
    const ALL: [SwotPart; 4] = [
        SwotPart::Strengths,
        SwotPart::Weaknesses,
        SwotPart::Opportunities,
        SwotPart::Threats,
    ];

    fn title(self) -> &'static str {
        match self {
            SwotPart::Strengths => "Strengths",
            SwotPart::Weaknesses => "Weaknesses",
            SwotPart::Opportunities => "Opportunities",
            SwotPart::Threats => "Threats",
        }
    }

    fn one(self) -> &'static str {
        match self {
            SwotPart::Strengths => "strength",
            SwotPart::Weaknesses => "weakness",
            SwotPart::Opportunities => "opportunity",
            SwotPart::Threats => "threat",
        }
    }

    fn help(self) -> &'static str {
        match self {
            SwotPart::Strengths => "Internal: what you do better than others.",
            SwotPart::Weaknesses => "Internal: what holds you back.",
            SwotPart::Opportunities => "External: trends and openings you can use.",
            SwotPart::Threats => "External: what could hurt you.",
        }
    }

    fn list(self, s: &Swot) -> &Vec<String> {
        match self {
            SwotPart::Strengths => &s.strengths,
            SwotPart::Weaknesses => &s.weaknesses,
            SwotPart::Opportunities => &s.opportunities,
            SwotPart::Threats => &s.threats,
        }
    }

    fn list_mut(self, s: &mut Swot) -> &mut Vec<String> {
        match self {
            SwotPart::Strengths => &mut s.strengths,
            SwotPart::Weaknesses => &mut s.weaknesses,
            SwotPart::Opportunities => &mut s.opportunities,
            SwotPart::Threats => &mut s.threats,
        }
    }
}

#[component]
fn SwotSection() -> impl IntoView {
    view! {
        <section class="osa-section" aria-labelledby="swot-h">
            <h2 id="swot-h">"SWOT"</h2>
            <div class="swot-grid">
                {SwotPart::ALL.into_iter().map(|part| view! { <SwotList part=part/> }).collect_view()}
            </div>
        </section>
    }
}

#[component]
fn SwotList(part: SwotPart) -> impl IntoView {
    let editor = expect_context::<Editor>();
    let items = Memo::new(move |_| editor.plan.with(|p| part.list(&p.opportunity.swot).clone()));
    let draft = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let input_id = format!("swot-{}", part.one());
    let error_id = format!("{input_id}-error");
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = draft.get_untracked().trim().to_string();
        if text.is_empty() {
            error.set(Some(format!("Enter a {} to add", part.one())));
            return;
        }
        error.set(None);
        draft.set(String::new());
        editor.edit(&format!("swot-add-{}", part.one()), move |p| {
            part.list_mut(&mut p.opportunity.swot).push(text)
        });
    };
    let ro = move || editor.read_only.get().is_some();
    let heading_id = format!("swot-h-{}", part.one());
    view! {
        <div class="card swot-list">
            <h3 id=heading_id.clone()>{part.title()}</h3>
            <p class="muted">{part.help()}</p>
            {move || {
                let list = items.get();
                if list.is_empty() {
                    view! { <p class="muted swot-empty">{format!("No {} yet.", part.title().to_ascii_lowercase())}</p> }.into_any()
                } else {
                    view! {
                        <ul aria-labelledby=heading_id.clone()>
                            {list.into_iter().enumerate().map(|(i, text)| {
                                let label = format!("Remove {} “{}”", part.one(), text);
                                view! {
                                    <li>
                                        <span>{text}</span>
                                        <button type="button" class="btn btn-small btn-danger" aria-label=label disabled=ro
                                            on:click=move |_| editor.edit(&format!("swot-remove-{}-{i}", part.one()), move |p| {
                                                let list = part.list_mut(&mut p.opportunity.swot);
                                                if i < list.len() { list.remove(i); }
                                            })>"✕"</button>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }
            }}
            <form class="swot-add" on:submit=add novalidate>
                <div class="field">
                    <label for=input_id.clone()>{format!("New {}", part.one())}</label>
                    {move || error.get().map(|e| view! { <span class="field-error" id=error_id.clone()>{e}</span> })}
                    <input id=input_id.clone() type="text" prop:value=move || draft.get()
                        aria-invalid=move || if error.get().is_some() { "true" } else { "false" }
                        on:input=move |ev| draft.set(event_target_value(&ev))/>
                </div>
                <button type="submit" class="btn btn-small" disabled=ro>{format!("Add {}", part.one())}</button>
            </form>
        </div>
    }
}

// ---------------------------------------------------------------------------
// SMART objectives

/// The columns of the goals' compact rows.
const GOAL_COLUMNS: &[Column] = &[
    ("Goal", false),
    ("Stage", false),
    ("Target", true),
    ("Deadline", false),
    ("SMART", false),
];

/// The id of the "Add an objective" button, where focus goes when one is deleted.
const ADD_OBJECTIVE_ID: &str = "objective-add";

#[component]
fn ObjectivesSection() -> impl IntoView {
    let editor = expect_context::<Editor>();
    let list = RowList::new("obj");
    provide_context(list);
    let ids = Memo::new(move |_| {
        editor.plan.with(|p| {
            p.opportunity
                .objectives
                .iter()
                .map(|o| o.id.clone())
                .collect::<Vec<_>>()
        })
    });
    let add = move |_| {
        let mut added = None;
        editor.edit("objective-add", |p| {
            let id = p.next_id("obj");
            added = Some((id.clone(), p.opportunity.objectives.len()));
            p.opportunity.objectives.push(Objective {
                id,
                stage: Stage::Reach,
                ..Objective::default()
            });
        });
        // The new objective opens, ready to be filled in.
        if let Some((id, index)) = added {
            list.open_at(id, index);
        }
    };
    let ro = move || editor.read_only.get().is_some();
    view! {
        <section class="osa-section" aria-labelledby="objectives-h">
            <h2 id="objectives-h">"Goals (SMART objectives)"</h2>
            <p class="muted">"Each goal names a stage KPI, a target number, a deadline and how the target is spread over the months. It is that KPI's one target everywhere: on its stage screen, Overview, Measure and the report. Edit a goal to see which SMART letters it still lacks."</p>
            <Show when=move || ids.with(Vec::is_empty)>
                <div class="empty">
                    <p>"No objectives yet. An objective such as “Raise online conversion from 1.2 % to 1.8 % by 30 June” turns the audit into a target."</p>
                </div>
            </Show>
            <Show when=move || !ids.with(Vec::is_empty)>
                <RowTable class="goal-rows" caption="Goals" columns=GOAL_COLUMNS ids=ids list=list
                    row=move |id: String| view! { <GoalRow list=list id=id/> }.into_any()/>
            </Show>
            <button type="button" class="btn" id=ADD_OBJECTIVE_ID on:click=add disabled=ro>"Add an objective"</button>
        </section>
    }
}

/// A goal as one compact row: its KPI, stage, target, deadline and SMART check; its
/// full form opens under it.
#[component]
fn GoalRow(list: RowList, id: String) -> impl IntoView {
    let editor = expect_context::<Editor>();
    let oid = id.clone();
    let row = Memo::new(move |_| {
        editor.plan.with(|p| {
            let index = p.opportunity.objectives.iter().position(|o| o.id == oid)?;
            let o = &p.opportunity.objectives[index];
            let def = kpi::find(&o.kpi);
            let main = p.main_goal().is_some_and(|g| g.id == o.id);
            let title = match def {
                Some(d) if main => format!("{} (main goal)", d.name),
                Some(d) => d.name.to_string(),
                None => format!("Objective {}: no KPI yet", index + 1),
            };
            let target = match def {
                Some(d) => format_kpi(d, o.target, &p.profile.locale, &p.profile.currency),
                None => format::NO_VALUE.to_string(),
            };
            let missing = o.smart_gaps().len();
            let smart = if missing == 0 {
                "✓ All five".to_string()
            } else {
                format!("{} of 5", 5 - missing)
            };
            let deadline = o
                .deadline
                .clone()
                .unwrap_or_else(|| format::NO_VALUE.into());
            Some((title, o.stage.name(), target, deadline, smart))
        })
    });
    let text = move |f: fn(&(String, &'static str, String, String, String)) -> String| {
        Signal::derive(move || row.with(|r| r.as_ref().map(f).unwrap_or_default()))
    };
    let editor_id = id.clone();
    view! {
        <CompactRow list=list id=id noun="goal" class="goal-row" title=text(|r| r.0.clone())
            cells=vec![
                Cell::Text("", text(|r| r.1.to_string())),
                Cell::Text("num", text(|r| r.2.clone())),
                Cell::Text("", text(|r| r.3.clone())),
                Cell::Text("", text(|r| r.4.clone())),
            ]
            editor=move || view! { <ObjectiveCard id=editor_id.clone()/> }/>
    }
}

fn phasing_slug(p: Phasing) -> &'static str {
    match p {
        Phasing::Even => "even",
        Phasing::Ramp => "ramp",
    }
}

#[component]
fn ObjectiveCard(id: String) -> impl IntoView {
    let editor = expect_context::<Editor>();
    let oid = id.clone();
    let objective = Memo::new(move |_| editor.plan.with(|p| p.objective(&oid).cloned()));
    let number = Memo::new({
        let id = id.clone();
        move |_| {
            editor.plan.with(|p| {
                p.opportunity
                    .objectives
                    .iter()
                    .position(|o| o.id == id)
                    .map_or(0, |i| i + 1)
            })
        }
    });
    let stage =
        Memo::new(move |_| objective.with(|o| o.as_ref().map_or(Stage::Reach, |o| o.stage)));
    let kpi_id = Memo::new(move |_| {
        objective.with(|o| o.as_ref().map(|o| o.kpi.clone()).unwrap_or_default())
    });
    let gaps = Memo::new(move |_| {
        objective.with(|o| o.as_ref().map(Objective::smart_gaps).unwrap_or_default())
    });
    let title = move || format!("Objective {}", number.get());

    let stage_id = format!("obj-{id}-stage");
    let kpi_sel_id = format!("obj-{id}-kpi");
    let date_id = format!("obj-{id}-deadline");
    let date_error_id = format!("{date_id}-error");
    let date_error = RwSignal::new(None::<String>);

    let on_stage = {
        let id = id.clone();
        move |ev: leptos::ev::Event| {
            let Some(new_stage) = Stage::from_slug(&event_target_value(&ev)) else {
                return;
            };
            let id = id.clone();
            editor.edit(&format!("obj-{id}-stage"), move |p| {
                for s in Stage::ALL {
                    p.stages.get_mut(s).objectives.retain(|x| x != &id);
                }
                if let Some(o) = p.objective_mut(&id) {
                    o.stage = new_stage;
                    if kpi::find(&o.kpi).is_some_and(|d| d.stage != Some(new_stage)) {
                        o.kpi = String::new();
                        o.target = None;
                    }
                }
                p.stages.get_mut(new_stage).objectives.push(id);
            });
        }
    };
    let on_kpi = {
        let id = id.clone();
        move |ev: leptos::ev::Event| {
            let value = event_target_value(&ev);
            let id = id.clone();
            editor.edit(&format!("obj-{id}-kpi"), move |p| {
                if let Some(o) = p.objective_mut(&id) {
                    if let Some(t) = o.target {
                        if check_kpi_value(&value, t).is_some() {
                            o.target = None;
                        }
                    }
                    o.kpi = value;
                }
            });
        }
    };
    let on_date = {
        let id = id.clone();
        move |ev: leptos::ev::Event| {
            let value = event_target_value(&ev);
            let deadline = if value.trim().is_empty() {
                None
            } else if parse_date(&value).is_ok() {
                Some(value)
            } else {
                date_error.set(Some("Enter a real date, such as 30 June 2027".into()));
                return;
            };
            date_error.set(None);
            let id = id.clone();
            editor.edit(&format!("obj-{id}-deadline"), move |p| {
                if let Some(o) = p.objective_mut(&id) {
                    o.deadline = deadline;
                }
            });
        }
    };
    let remove = {
        let id = id.clone();
        move |_| {
            let id = id.clone();
            editor.edit(&format!("obj-{id}-remove"), move |p| {
                p.opportunity.objectives.retain(|o| o.id != id);
                for s in Stage::ALL {
                    p.stages.get_mut(s).objectives.retain(|x| x != &id);
                }
                if p.main_goal.as_deref() == Some(id.as_str()) {
                    p.main_goal = None;
                }
            });
            if let Some(list) = use_context::<RowList>() {
                list.open.set(None);
            }
            focus(ADD_OBJECTIVE_ID);
        }
    };
    let phasing_id = format!("obj-{id}-phasing");
    let on_phasing = {
        let id = id.clone();
        move |ev: leptos::ev::Event| {
            let value = event_target_value(&ev);
            let Some(ph) = Phasing::ALL.into_iter().find(|x| phasing_slug(*x) == value) else {
                return;
            };
            let id = id.clone();
            editor.edit(&format!("obj-{id}-phasing"), move |p| {
                if let Some(o) = p.objective_mut(&id) {
                    o.phasing = ph;
                }
            });
        }
    };
    let shadowed = Memo::new({
        let id = id.clone();
        move |_| {
            editor.plan.with(|p| {
                p.objective(&id).is_some_and(|o| {
                    !o.kpi.is_empty() && p.goal_for(&o.kpi).is_some_and(|g| g.id != o.id)
                })
            })
        }
    });
    let ro = move || editor.read_only.get().is_some();
    let currency = Memo::new(move |_| editor.plan.with(|p| p.profile.currency.clone()));
    let (id_d, id_a, id_r) = (id.clone(), id.clone(), id.clone());
    let target_field = {
        let id = id.clone();
        move || {
            let kid = kpi_id.get();
            let def = kpi::find(&kid);
            let unit = def.map_or(Unit::Count, |d| d.unit);
            let extra = match unit {
                Unit::Money => currency.get_untracked(),
                Unit::Multiple => "×".into(),
                Unit::Months => "months".into(),
                _ => String::new(),
            };
            let hint = match def {
                Some(d) => format!("In the KPI's unit: {}", d.name),
                None => "Pick a KPI first, then a number to reach".to_string(),
            };
            let (id_g, id_s) = (id.clone(), id.clone());
            let field = view! {
                <OptNumField label="Target" key=format!("obj-{id}-target-{kid}") kind=kind_for(unit, def)
                    hint=hint
                    check=kpi_check(kid.clone())
                    get=move |p: &Plan| p.objective(&id_g).and_then(|o| o.target)
                    set=move |p: &mut Plan, v| if let Some(o) = p.objective_mut(&id_s) { o.target = v; }/>
            };
            if extra.is_empty() {
                field.into_any()
            } else {
                view! { <div class="with-unit-note">{field}<span class="muted">{extra}</span></div> }.into_any()
            }
        }
    };
    view! {
        <article class=move || format!("card objective stage-border {}", stage_class(Some(stage.get())))>
            <div class="objective-head">
                <h3>{title}</h3>
                <button type="button" class="btn btn-small btn-danger" on:click=remove disabled=ro
                    aria-label=move || format!("Delete objective {}", number.get())>"Delete"</button>
            </div>
            <div class="objective-body">
                <div class="form-grid objective-fields">
                    <div class="field">
                        <label for=stage_id.clone()>"Stage"</label>
                        <select id=stage_id on:change=on_stage disabled=ro>
                            {Stage::ALL.into_iter().map(|s| view! {
                                <option value=s.slug() prop:selected=move || stage.get() == s>{s.name()}</option>
                            }).collect_view()}
                        </select>
                    </div>
                    <div class="field objective-wide">
                        <label for=kpi_sel_id.clone()>"KPI"</label>
                        <select id=kpi_sel_id on:change=on_kpi disabled=ro>
                            {move || { let s = stage.get(); view! { <KpiOptions stage=Some(s) selected=kpi_id/> } }}
                        </select>
                    </div>
                    <div class="objective-wide">
                        <TextField label="Description" multiline=true key=format!("obj-{id}-desc")
                            hint="What is to change, and for whom"
                            get=move |p: &Plan| p.objective(&id_d).map(|o| o.description.clone()).unwrap_or_default()
                            set={ let id = id.clone(); move |p: &mut Plan, v| if let Some(o) = p.objective_mut(&id) { o.description = v; } }/>
                    </div>
                    {target_field}
                    <div class="field">
                        <label for=date_id.clone()>"Deadline"</label>
                        {move || date_error.get().map(|e| view! { <span class="field-error" id=date_error_id.clone()>{e}</span> })}
                        <input id=date_id type="date" on:input=on_date readonly=ro
                            aria-invalid=move || if date_error.get().is_some() { "true" } else { "false" }
                            prop:value=move || objective.with(|o| o.as_ref().and_then(|o| o.deadline.clone()).unwrap_or_default())/>
                    </div>
                    <div class="field">
                        <label for=phasing_id.clone()>"Phasing over the months"</label>
                        <select id=phasing_id on:change=on_phasing disabled=ro>
                            {Phasing::ALL.into_iter().map(|ph| view! {
                                <option value=phasing_slug(ph) prop:selected=move || objective.with(|o| o.as_ref().is_some_and(|o| o.phasing == ph))>{ph.name()}</option>
                            }).collect_view()}
                        </select>
                    </div>
                    {move || shadowed.get().then(|| view! {
                        <p class="objective-wide banner banner-warn" role="status">"Another objective earlier in the list already sets this KPI's goal: only the first one is used as the KPI's target. Pick another KPI or delete one of them."</p>
                    })}
                    <div class="objective-wide">
                        <TextField label="Why it is achievable" multiline=true key=format!("obj-{id}-achievable")
                            hint="Baseline, budget or benchmark that makes the target realistic"
                            get=move |p: &Plan| p.objective(&id_a).map(|o| o.achievable_note.clone()).unwrap_or_default()
                            set={ let id = id.clone(); move |p: &mut Plan, v| if let Some(o) = p.objective_mut(&id) { o.achievable_note = v; } }/>
                    </div>
                    <div class="objective-wide">
                        <TextField label="Why it is relevant" multiline=true key=format!("obj-{id}-relevant")
                            hint="How it serves the business goal"
                            get=move |p: &Plan| p.objective(&id_r).map(|o| o.relevant_note.clone()).unwrap_or_default()
                            set={ let id = id.clone(); move |p: &mut Plan, v| if let Some(o) = p.objective_mut(&id) { o.relevant_note = v; } }/>
                    </div>
                </div>
                <div class="smart-check">
                    <p class="smart-summary">{move || {
                        let missing = gaps.with(Vec::len);
                        if missing == 0 { "✓ SMART: all five parts met".to_string() }
                        else { format!("{} of 5 SMART parts met", 5 - missing) }
                    }}</p>
                    <ul class="smart-badges" aria-label=move || format!("SMART check of objective {}", number.get())>
                        {SmartPart::ALL.into_iter().map(|part| view! {
                            <li class=move || if gaps.with(|g| g.contains(&part)) { "smart-badge smart-gap" } else { "smart-badge smart-met" }>
                                {move || if gaps.with(|g| g.contains(&part)) {
                                    view! { <span class="smart-icon" aria-hidden="true">"✕"</span> <strong>{part.name()}</strong> <span class="visually-hidden">" missing:"</span> <span class="smart-hint">{part.hint()}</span> }.into_any()
                                } else {
                                    view! { <span class="smart-icon" aria-hidden="true">"✓"</span> <strong>{part.name()}</strong> <span class="visually-hidden">" met"</span> }.into_any()
                                }}
                            </li>
                        }).collect_view()}
                    </ul>
                </div>
            </div>
        </article>
    }
}
