//! KPI display: a value formatted by its unit, the ⓘ popover with the formula, the
//! variant and the inputs used, a status word with its icon, and the KPI card
//! (value, target, status, sparkline, ⓘ) used on the overview.

use crate::domain::evaluation::{CheckBasis, GoalCheck};
use crate::domain::kpi::{Explained, Figure, KpiDef, KpiValue, Unit};
use crate::domain::measure::Status;
use crate::ui::format;
use crate::ui::state::Editor;
use crate::ui::widgets::info::Info;
use crate::ui::widgets::sparkline::Sparkline;
use leptos::prelude::*;

/// A KPI value in its unit, in the plan's locale and currency; "—" when absent.
pub fn format_kpi(def: &KpiDef, value: Option<f64>, locale: &str, currency: &str) -> String {
    format_unit(def.unit, value, locale, currency)
}

/// A value of a unit, in the plan's locale and currency; "—" when absent.
pub fn format_unit(unit: Unit, value: Option<f64>, locale: &str, currency: &str) -> String {
    format::opt(value, |v| match unit {
        Unit::Count => format::count(v, locale),
        Unit::Money => format::money(v, locale, currency),
        Unit::Ratio => format::percent(v, locale),
        Unit::Multiple => format!("{}×", format::decimal(v, locale)),
        Unit::Months => format!("{} months", format::decimal(v, locale)),
        Unit::Score => format::decimal(v, locale),
    })
}

/// The inputs a value used (`KpiValue.inputs`), each figure in the plan's locale and
/// currency, as every other figure on screen.
pub fn explained_text(e: &Explained, locale: &str, currency: &str) -> String {
    e.render(|f| match f {
        Figure::Number(v) => format::decimal(v, locale),
        Figure::Money(v) => format::money(v, locale, currency),
        Figure::Percent(v) => format::percent(v, locale),
        Figure::Absent => "—".to_string(),
    })
}

/// A goal's check in words: "Goal 1,200 · 5 % below" ("Goal to date …" once the
/// month has actuals, "… · meets it" when level).
pub fn goal_words(def: &KpiDef, c: &GoalCheck, locale: &str, currency: &str) -> String {
    let target = format_kpi(def, c.target, locale, currency);
    let goal = if c.basis == CheckBasis::ActualToDate {
        format!("Goal to date {target}")
    } else {
        format!("Goal {target}")
    };
    match c.relative {
        Some(r) if r.abs() >= 0.0005 => format!(
            "{goal} · {} {}",
            format::percent(r.abs(), locale),
            if r > 0.0 { "above" } else { "below" }
        ),
        Some(_) => format!("{goal} · meets it"),
        None => goal,
    }
}

/// The plan's locale and currency, following the open plan.
pub fn locale_currency() -> ReadSignal<(String, String)> {
    expect_context::<Editor>().locale_currency
}

/// The ⓘ popover of a KPI: what it tells, its formula, what it is divided by, the
/// variants tools disagree on, and the inputs this plan's value used.
#[component]
pub fn KpiInfo(
    /// The KPI.
    def: &'static KpiDef,
    /// The inputs the value used, or why there is no value (`KpiValue.inputs`, written by
    /// [`explained_text`]). Read only while the explanation is open, unless `eager`: a
    /// keystroke on a stage screen changes the inputs of dozens of closed ones.
    #[prop(into)]
    inputs: Signal<String>,
    /// Written in the page at once and kept up to date (the Overview's cards: the first
    /// load shows them as drawn, with no script to fill them in).
    #[prop(optional)]
    eager: bool,
) -> impl IntoView {
    let open = (!eager && cfg!(not(feature = "start"))).then(|| RwSignal::new(false));
    let inputs = move || {
        if open.is_none_or(|o| o.get()) {
            inputs.get()
        } else {
            String::new()
        }
    };
    view! {
        <Info label=format!("How {} is computed", def.name) open=open>
            <p><strong>{def.name}</strong>": " {def.explanation}</p>
            <p>"Formula: " <span class="formula">{def.formula}</span></p>
            {(!def.denominator.is_empty()).then(|| view! { <p>"Divided by: " {def.denominator}</p> })}
            {(!def.variants.is_empty()).then(|| view! { <p>"Variant: " {def.variants}</p> })}
            <p>"This plan: " <span class="formula">{inputs}</span></p>
        </Info>
    }
}

/// A status as a word with its icon (✓ On track, ▲ At risk, ✕ Off track); "No actuals
/// yet" when there is none.
#[component]
pub fn StatusBadge(#[prop(into)] status: Signal<Option<Status>>) -> impl IntoView {
    let class = move || match status.get() {
        Some(Status::OnTrack) => "status status-on",
        Some(Status::AtRisk) => "status status-risk",
        Some(Status::OffTrack) => "status status-off",
        None => "status status-none",
    };
    let text = move || match status.get() {
        Some(Status::OnTrack) => "✓ On track",
        Some(Status::AtRisk) => "▲ At risk",
        Some(Status::OffTrack) => "✕ Off track",
        None => "Not judged yet",
    };
    view! { <span class=class>{text}</span> }
}

/// A KPI card: name and ⓘ, the figure it judges (the forecast, or the actual to date
/// once the month has one) and says which, the goal it is judged against, the status
/// that follows from exactly those two, and a sparkline. Missing inputs show "—" with
/// what is missing.
#[component]
pub fn KpiCard(
    /// The KPI.
    def: &'static KpiDef,
    /// Its forecast in the reference month, with its inputs and what is missing.
    #[prop(into)]
    value: Signal<Option<KpiValue>>,
    /// Its goal's check, when it has a goal.
    #[prop(into)]
    check: Signal<Option<GoalCheck>>,
    /// The reference month ("2026-11").
    #[prop(into)]
    period: Signal<String>,
    /// Values for the sparkline, one per month.
    #[prop(into)]
    series: Signal<Vec<Option<f64>>>,
    /// What the sparkline shows ("forecast by month").
    #[prop(into)]
    series_label: Signal<String>,
) -> impl IntoView {
    let lc = locale_currency();
    let stage_class = match def.stage {
        Some(s) => format!("card kpi-tile stage-border stage-{}", s.slug()),
        None => "card kpi-tile stage-border stage-plan".to_string(),
    };
    let fmt = move |v: Option<f64>| lc.with(|(l, c)| format_kpi(def, v, l, c));
    let actual_basis = move || {
        check.with(|c| {
            c.as_ref()
                .is_some_and(|c| c.basis == CheckBasis::ActualToDate)
        })
    };
    let basis = move || {
        if actual_basis() {
            format!("Actual to date, {}", period.get())
        } else {
            format!("Forecast, {}", period.get())
        }
    };
    let shown = move || {
        if actual_basis() {
            fmt(check.with(|c| c.as_ref().and_then(|c| c.shown)))
        } else {
            fmt(value.with(|v| v.as_ref().and_then(|v| v.value)))
        }
    };
    let missing = move || {
        value.with(|v| {
            v.as_ref()
                .filter(|v| !v.missing.is_empty() && !actual_basis())
                .map(|v| format!("Needs {}", v.missing.join(", ")))
        })
    };
    let inputs = Signal::derive(move || {
        lc.with(|(l, c)| {
            value.with(|v| {
                v.as_ref()
                    .map(|v| explained_text(&v.inputs, l, c))
                    .unwrap_or_default()
            })
        })
    });
    let meta = move || {
        lc.with(|(l, cur)| {
            check.with(|c| {
                c.as_ref()
                    .map_or_else(|| "No goal set".to_string(), |c| goal_words(def, c, l, cur))
            })
        })
    };
    let status = Signal::derive(move || check.with(|c| c.as_ref().and_then(|c| c.status)));
    let has_goal = move || check.with(Option::is_some);
    let aria = move || format!("{} {}", def.name, series_label.get());
    view! {
        <div class=stage_class data-kpi=def.id>
            // A div, not a p: the ⓘ is a <details>, which an HTML parser would not keep
            // inside a p (the first load shows this card from its markup).
            <div class="kpi-name">{def.name} " " <KpiInfo def=def inputs=inputs eager=true/></div>
            <p class="kpi-basis muted">{basis}</p>
            <p class="kpi-value num">{shown}</p>
            {move || missing().map(|m| view! { <p class="kpi-missing muted">{m}</p> })}
            <p class="kpi-meta">
                {meta}
                <Show when=has_goal>
                    " · "
                    <StatusBadge status=status/>
                </Show>
            </p>
            <Sparkline values=series label=Signal::derive(aria)/>
        </div>
    }
}
