//! Target vs actual of one KPI over the plan's periods: the target as a dashed line,
//! actuals as marks, labelled directly, with the numbers as a table in a
//! `<details>`. Also the small helpers the measurement screens share: a status as a
//! word plus an icon, a date in the plan's locale.

use crate::chart::trend::{layout, FRAME};
use crate::domain::kpi::{KpiDef, Unit};
use crate::domain::measure::{SeriesPoint, Status};
use crate::domain::period::{Date, Period};
use crate::ui::format;
use crate::ui::widgets::kpi::format_kpi;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Icon, word and class of a status ("—" and "No data" when there is none).
pub fn status_parts(status: Option<Status>) -> (&'static str, &'static str, &'static str) {
    match status {
        Some(Status::OnTrack) => ("✓", "On track", "status status-on"),
        Some(Status::AtRisk) => ("▲", "At risk", "status status-risk"),
        Some(Status::OffTrack) => ("✕", "Off track", "status status-off"),
        None => ("–", "No data", "status status-none"),
    }
}

/// A status as an icon plus a word, never colour alone.
#[component]
pub fn StatusBadge(#[prop(into)] status: Signal<Option<Status>>) -> impl IntoView {
    view! {
        <span class=move || status_parts(status.get()).2>
            <span aria-hidden="true">{move || status_parts(status.get()).0}</span>
            {move || status_parts(status.get()).1}
        </span>
    }
}

/// A compact axis label: whole money unless the scale is small, no unit word for
/// months.
fn tick_text(def: &KpiDef, v: f64, y_max: f64, locale: &str, currency: &str) -> String {
    match def.unit {
        Unit::Money if y_max >= 10.0 => format::money_whole(v, locale, currency),
        Unit::Months | Unit::Score => format::decimal(v, locale),
        _ => format_kpi(def, Some(v), locale, currency),
    }
}

/// Milliseconds at midnight UTC of a date (for [`format::date_ms`]).
fn date_to_ms(date: Date) -> i64 {
    (i64::from(date.to_julian_day()) - 2_440_588) * 86_400_000
}

/// A date in the plan's locale ("Jan 31, 2026").
pub fn date_text(date: Date, locale: &str) -> String {
    format::date_ms(date_to_ms(date), locale)
}

/// A table that scrolls sideways on narrow screens: a named region that can take
/// focus, so keyboard users can scroll it too.
#[component]
pub fn TableWrap(#[prop(into)] label: Signal<String>, children: Children) -> impl IntoView {
    view! {
        <div class="table-wrap" tabindex="0" role="region" aria-label=move || label.get()>
            {children()}
        </div>
    }
}

/// The target-vs-actual chart of one KPI.
#[component]
pub fn TrendChart(
    def: &'static KpiDef,
    points: Vec<SeriesPoint>,
    #[prop(into)] locale: String,
    #[prop(into)] currency: String,
) -> impl IntoView {
    let targets: Vec<Option<f64>> = points.iter().map(|p| p.target).collect();
    let actuals: Vec<Option<f64>> = points.iter().map(|p| p.actual).collect();
    let g = layout(FRAME, &targets, &actuals);
    let with_actual = actuals.iter().flatten().count();
    let target_text = format_kpi(
        def,
        targets.iter().flatten().next().copied(),
        &locale,
        &currency,
    );
    let summary = format!(
        "{}: target {} per period; {} of {} periods measured{}",
        def.name,
        target_text,
        with_actual,
        points.len(),
        points
            .iter()
            .rev()
            .find_map(|p| p.actual.map(|a| (p.period, a)))
            .map(|(p, a)| format!(
                ", latest {} in {}",
                format_kpi(def, Some(a), &locale, &currency),
                p
            ))
            .unwrap_or_default()
    );
    let ticks = g
        .ticks
        .iter()
        .map(|(v, y)| {
            let label = tick_text(def, *v, g.y_max, &locale, &currency);
            view! {
                <g class="axis">
                    <line class="grid" x1=FRAME.left x2=FRAME.width - FRAME.right y1=*y y2=*y></line>
                    <text x=FRAME.left - 4.0 y=y + 4.0 text-anchor="end">{label}</text>
                </g>
            }
        })
        .collect_view();
    let n = g.xs.len();
    let every = n.div_ceil(4).max(1);
    let x_labels = points
        .iter()
        .enumerate()
        .filter(|(i, _)| i % every == 0)
        .filter_map(|(i, p)| {
            let x = g.xs.get(i).copied()?;
            Some(view! { <text x=x y=FRAME.height - 6.0 text-anchor="middle">{short_period(p.period)}</text> })
        })
        .collect_view();
    let marks = g
        .marks
        .iter()
        .map(|m| {
            let title = points
                .get(m.index)
                .map(|p| format!("{}: {}", p.period, format_kpi(def, p.actual, &locale, &currency)))
                .unwrap_or_default();
            view! { <circle class="actual-mark stage-fill" cx=m.x cy=m.y r="4"><title>{title}</title></circle> }
        })
        .collect_view();
    let target_label = g.target_label_y.map(|y| {
        view! { <text class="chart-label" x=FRAME.width - FRAME.right + 4.0 y=y + 4.0>"Target"</text> }
    });
    // The table of numbers is built when it is first opened: a screen of many charts
    // would otherwise carry every period of every chart in its page.
    let opened = RwSignal::new(false);
    let table_label = format!("{} by period", def.name);
    let table = move || {
        opened.get().then(|| {
            let rows = points
                .iter()
                .map(|p| {
                    view! {
                        <tr>
                            <th scope="row">{p.period.to_string()}</th>
                            <td class="num">{format_kpi(def, p.target, &locale, &currency)}</td>
                            <td class="num">{format_kpi(def, p.actual, &locale, &currency)}</td>
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <TableWrap label=table_label.clone()>
                    <table>
                        <thead><tr><th scope="col">"Period"</th><th scope="col" class="num">"Target"</th><th scope="col" class="num">"Actual"</th></tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                </TableWrap>
            }
        })
    };
    let on_toggle = move |ev: leptos::ev::Event| {
        if let Some(details) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        {
            if details.has_attribute("open") {
                opened.set(true);
            }
        }
    };
    view! {
        <figure class="trend">
            <svg class="chart" viewBox=format!("0 0 {} {}", FRAME.width, FRAME.height) role="img" aria-label=summary>
                {ticks}
                <line class="axis-line" x1=FRAME.left x2=FRAME.width - FRAME.right y1=g.baseline_y y2=g.baseline_y></line>
                <path class="target" d=g.target_path.clone()></path>
                {target_label}
                {marks}
                {x_labels}
            </svg>
            <details class="chart-data" on:toggle=on_toggle>
                <summary>"Numbers of the chart"</summary>
                {table}
            </details>
        </figure>
    }
}

/// A compact period label for the x axis: "03/26" for a month, "W05" for a week.
fn short_period(period: Period) -> String {
    match period {
        Period::Month { year, month } => format!("{month:02}/{:02}", year.rem_euclid(100)),
        Period::Week { week, .. } => format!("W{week:02}"),
    }
}
