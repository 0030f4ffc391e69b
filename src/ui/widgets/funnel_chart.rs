//! The funnel as a horizontal bar chart: one bar per stage (the forecast volume), the
//! rate between stages written between the bars, a dashed tick for the target and a
//! mark for the actual, every bar labelled directly; the same numbers as a table.

use crate::chart::scale::{coord, nice_max, HBarLayout};
use crate::domain::funnel::{FunnelStep, OperandKind, StepOp};
use crate::domain::plan::Stage;
use crate::ui::format;
use crate::ui::widgets::kpi::locale_currency;
use leptos::prelude::*;

/// One bar of the funnel chart, with its numbers already formatted.
#[derive(Clone, Debug, PartialEq)]
pub struct FunnelBar {
    /// The stage (its accent colours the bar).
    pub stage: Stage,
    /// What is counted ("Sessions").
    pub label: String,
    /// Forecast volume.
    pub forecast: f64,
    /// Forecast, formatted.
    pub forecast_text: String,
    /// Target volume, if set.
    pub target: Option<f64>,
    /// Target, formatted ("—" when none).
    pub target_text: String,
    /// Actual volume, if measured.
    pub actual: Option<f64>,
    /// Actual, formatted ("—" when none).
    pub actual_text: String,
    /// The rate leading into this stage, in words ("12 % lead rate"), none for the first.
    pub rate_text: Option<String>,
    /// True for the offline branch (contacts that become customers without a session).
    pub offline: bool,
}

const WIDTH: f64 = 640.0;
const LABEL_W: f64 = 150.0;
const VALUE_W: f64 = 110.0;
const ROW_H: f64 = 58.0;
const BAR_H: f64 = 26.0;
const TOP: f64 = 8.0;

/// The funnel chart with its table.
#[component]
pub fn FunnelChart(
    /// The bars, top of the funnel first.
    #[prop(into)]
    bars: Signal<Vec<FunnelBar>>,
    /// A caption for the chart and its table.
    #[prop(into)]
    caption: String,
) -> impl IntoView {
    let layout = Memo::new(move |_| {
        let values: Vec<f64> = bars.with(|b| {
            b.iter()
                .flat_map(|r| [Some(r.forecast), r.target, r.actual])
                .flatten()
                .collect()
        });
        HBarLayout {
            x0: LABEL_W,
            x1: WIDTH - VALUE_W,
            top: TOP,
            row_height: ROW_H,
            bar_height: BAR_H,
            max: nice_max(&values, 4),
        }
    });
    let height = move || bars.with(|b| layout.get().height(b.len()) + 4.0);
    let summary = {
        let caption = caption.clone();
        move || {
            let parts: Vec<String> = bars.with(|b| {
                b.iter()
                    .map(|r| format!("{} {}", r.label, r.forecast_text))
                    .collect()
            });
            format!("{caption}: {}", parts.join(", "))
        }
    };
    let rows_svg = move || {
        let l = layout.get();
        bars.get()
            .into_iter()
            .enumerate()
            .map(|(i, r)| {
                let bar = l.bar(i, r.forecast);
                let cy = l.row_centre(i);
                let stage_class = format!(
                    "funnel-row stage-{}{}",
                    r.stage.slug(),
                    if r.offline { " funnel-offline" } else { "" }
                );
                                let target = r.target.map(|t| {
                    let x = coord(l.x(t));
                    view! {
                        <line class="target" x1=x.clone() x2=x y1=coord(bar.y - 4.0) y2=coord(bar.y + bar.height + 4.0)/>
                    }
                });
                let actual = r.actual.map(|a| {
                    let x = l.x(a);
                    let points = format!(
                        "{},{} {},{} {},{} {},{}",
                        coord(x), coord(cy - 7.0), coord(x + 7.0), coord(cy),
                        coord(x), coord(cy + 7.0), coord(x - 7.0), coord(cy)
                    );
                    view! { <polygon class="actual-mark" points=points/> }
                });
                let rate = r.rate_text.clone().map(|t| {
                    view! {
                        <text class="funnel-rate" x=coord(l.x0) y=coord(bar.y - 6.0)>{format!("↓ {t}")}</text>
                    }
                });
                view! {
                    <g class=stage_class>
                        {rate}
                        <text class="funnel-label" x=coord(l.x0 - 8.0) y=coord(cy + 4.0) text-anchor="end">{r.label.clone()}</text>
                        <rect class="funnel-bar stage-fill" x=coord(bar.x) y=coord(bar.y)
                            width=coord(bar.width) height=coord(bar.height)/>
                        <rect class="funnel-bar-outline forecast stage-stroke" x=coord(bar.x) y=coord(bar.y)
                            width=coord(bar.width) height=coord(bar.height)/>
                        {target}
                        {actual}
                        <text class="funnel-value" x=coord(WIDTH - 4.0) y=coord(cy + 4.0) text-anchor="end">{r.forecast_text.clone()}</text>
                    </g>
                }
            })
            .collect_view()
    };
    view! {
        <figure class="funnel-chart">
            <div class="chart-scroll" tabindex="0" role="region" aria-label="Funnel chart (scrolls sideways on small screens)">
                <svg class="chart" viewBox=move || format!("0 0 {WIDTH} {}", coord(height()))
                    role="img" aria-label=summary>
                    {rows_svg}
                </svg>
            </div>
            <figcaption class="muted">
                "Bars: forecast. Dashed tick: the stage's goal (or what the main goal needs). ◆: actual (latest month measured). Offline contacts are a branch of their own: they become customers without a session or a lead."
            </figcaption>
            <details class="chart-data">
                <summary>"The numbers as a table"</summary>
                <div class="table-wrap" tabindex="0" role="region" aria-label="Funnel numbers (scrolls sideways)">
                    <table>
                        <caption class="visually-hidden">{caption}</caption>
                        <thead><tr>
                            <th scope="col">"Stage"</th>
                            <th scope="col">"Measure"</th>
                            <th scope="col" class="num">"Forecast"</th>
                            <th scope="col" class="num">"Target"</th>
                            <th scope="col" class="num">"Actual"</th>
                            <th scope="col">"Rate into the stage"</th>
                        </tr></thead>
                        <tbody>
                            {move || bars.get().into_iter().map(|r| view! {
                                <tr>
                                    <th scope="row">{r.stage.name()}</th>
                                    <td>{r.label}</td>
                                    <td class="num">{r.forecast_text}</td>
                                    <td class="num">{r.target_text}</td>
                                    <td class="num">{r.actual_text}</td>
                                    <td>{r.rate_text.unwrap_or_else(|| "—".to_string())}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            </details>
        </figure>
    }
}

/// The funnel's arithmetic, one line per step: the numbers it multiplies (or adds) and
/// what it gives, so a reader can check every figure by hand.
#[component]
pub fn FunnelSteps(
    /// The steps, in funnel order.
    #[prop(into)]
    steps: Signal<Vec<FunnelStep>>,
) -> impl IntoView {
    let lc = locale_currency();
    let lines = move || {
        let (locale, currency) = lc.get();
        let show = |v: f64, kind: OperandKind| match kind {
            OperandKind::Count => format::count(v, &locale),
            OperandKind::Rate => format::percent(v, &locale),
            OperandKind::Money => format::money(v, &locale, &currency),
            OperandKind::Number => format::decimal(v, &locale),
        };
        steps
            .get()
            .into_iter()
            .filter(|s| !s.offline || s.operands.first().is_some_and(|o| o.value > 0.0))
            .map(|s| {
                let sign = match s.op {
                    StepOp::Product => " × ",
                    StepOp::Sum => " + ",
                };
                let parts: Vec<String> = s
                    .operands
                    .iter()
                    .map(|o| format!("{} {}", show(o.value, o.kind), o.name))
                    .collect();
                let money = s.result_name.contains("revenue");
                let result = if money {
                    format::money(s.result, &locale, &currency)
                } else {
                    format::count(s.result, &locale)
                };
                let class = format!(
                    "funnel-step stage-{}{}",
                    s.stage.slug(),
                    if s.offline { " funnel-step-offline" } else { "" }
                );
                view! {
                    <li class=class>
                        {s.offline.then_some("Offline branch: ")}
                        {parts.join(sign)} " = " <strong class="num">{result}</strong> " " {s.result_name}
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <details class="funnel-steps" open>
            <summary>"How the numbers follow from each other"</summary>
            <ol class="step-list">{lines}</ol>
        </details>
    }
}
