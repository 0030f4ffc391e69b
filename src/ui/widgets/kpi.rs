//! KPI display: a value formatted by its unit, the ⓘ popover with the formula, the
//! variant and the inputs used, a status word with its icon, and the KPI card
//! (value, target, status, sparkline, ⓘ) used on the overview.

use crate::domain::kpi::{KpiDef, Unit};
use crate::domain::measure::Status;
use crate::ui::format;
use crate::ui::state::Editor;
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

/// The plan's locale and currency, following the open plan.
pub fn locale_currency() -> Memo<(String, String)> {
    let editor = expect_context::<Editor>();
    Memo::new(move |_| {
        editor
            .plan
            .with(|p| (p.profile.locale.clone(), p.profile.currency.clone()))
    })
}

/// The ⓘ popover of a KPI: what it tells, its formula, what it is divided by, the
/// variants tools disagree on, and the inputs this plan's value used.
#[component]
pub fn KpiInfo(
    /// The KPI.
    def: &'static KpiDef,
    /// The inputs the value used, or why there is no value (`KpiValue.inputs`).
    #[prop(into)]
    inputs: Signal<String>,
) -> impl IntoView {
    let label = format!("How {} is computed", def.name);
    view! {
        <details class="info">
            <summary aria-label=label>"i"</summary>
            <div class="info-body">
                <p><strong>{def.name}</strong>": " {def.explanation}</p>
                <p>"Formula: " <span class="formula">{def.formula}</span></p>
                {(!def.denominator.is_empty()).then(|| view! { <p>"Divided by: " {def.denominator}</p> })}
                {(!def.variants.is_empty()).then(|| view! { <p>"Variant: " {def.variants}</p> })}
                <p>"This plan: " <span class="formula">{move || inputs.get()}</span></p>
            </div>
        </details>
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
        None => "No actuals yet",
    };
    view! { <span class=class>{text}</span> }
}

/// A KPI card: name and ⓘ, the value, its target, status and a sparkline.
#[component]
pub fn KpiCard(
    /// The KPI.
    def: &'static KpiDef,
    /// Its value (forecast, first month).
    #[prop(into)]
    value: Signal<Option<f64>>,
    /// The inputs the value used (for the ⓘ).
    #[prop(into)]
    inputs: Signal<String>,
    /// The stage KPI's target, if the plan sets one.
    #[prop(into)]
    target: Signal<Option<f64>>,
    /// Status against the target, when actuals exist.
    #[prop(into)]
    status: Signal<Option<Status>>,
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
    let shown = move || lc.with(|(l, c)| format_kpi(def, value.get(), l, c));
    let target_text = move || {
        target.get().map(|t| {
            let t = lc.with(|(l, c)| format_kpi(def, Some(t), l, c));
            format!("Target {t}")
        })
    };
    let aria = move || format!("{} {}", def.name, series_label.get());
    view! {
        <div class=stage_class>
            <p class="kpi-name">{def.name} " " <KpiInfo def=def inputs=inputs/></p>
            <p class="kpi-value num">{shown}</p>
            <p class="kpi-meta">
                {move || target_text().unwrap_or_else(|| "No target set".to_string())}
                " · "
                <StatusBadge status=status/>
            </p>
            <Sparkline values=series label=Signal::derive(aria)/>
        </div>
    }
}
