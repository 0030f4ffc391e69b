//! Widget: a radar chart of scores on a common scale (the 1–5 capability audit), drawn
//! from `chart::radar` geometry, with its numbers in a table beside it.

use crate::chart::radar::{round1, RadarFrame};
use leptos::prelude::*;

/// One axis of the radar.
#[derive(Clone, Debug, PartialEq)]
pub struct RadarAxis {
    /// The axis name ("Reach").
    pub label: String,
    /// Its value, `None` when nothing is scored.
    pub value: Option<f64>,
    /// The value as shown ("2.5", "—").
    pub value_text: String,
    /// Stage class for the axis colour ("stage-reach").
    pub class: &'static str,
}

const WIDTH: f64 = 380.0;
const HEIGHT: f64 = 310.0;

/// A radar chart: one axis per entry, rings at each whole value from `min` to `max`.
#[component]
pub fn RadarChart(
    /// What the chart shows, for its title and summary ("Capability by stage").
    #[prop(into)]
    title: String,
    /// The axes with their values.
    #[prop(into)]
    axes: Signal<Vec<RadarAxis>>,
    /// Value at the centre.
    min: f64,
    /// Value on the outer ring.
    max: f64,
    /// Header of the value column in the table ("Average score (1–5)").
    #[prop(into)]
    value_header: String,
) -> impl IntoView {
    let frame = RadarFrame {
        cx: WIDTH / 2.0,
        cy: HEIGHT / 2.0 + 8.0,
        radius: 100.0,
        min,
        max,
    };
    let summary = {
        let title = title.clone();
        move || {
            let parts: Vec<String> = axes.with(|a| {
                a.iter()
                    .map(|x| format!("{} {}", x.label, x.value_text))
                    .collect()
            });
            format!("{title}, radar chart: {}", parts.join(", "))
        }
    };
    let rings: Vec<f64> = {
        let mut v = Vec::new();
        let mut level = min.ceil().max(min + 1.0);
        while level <= max && v.len() < 20 {
            v.push(level);
            level += 1.0;
        }
        v
    };
    let view_box = format!("0 0 {WIDTH} {HEIGHT}");
    view! {
        <figure class="radar">
            <svg class="chart radar-chart" viewBox=view_box role="img" aria-label=summary>
                <g class="radar-grid" aria-hidden="true">
                    {move || {
                        let n = axes.with(Vec::len);
                        rings.iter().map(|&level| {
                            let y = frame.cy - frame.distance(level);
                            view! {
                                <polygon class="grid" points=frame.ring(level, n)/>
                                <text class="radar-ring-label" x=round1(frame.cx + 4.0) y=round1(y - 2.0)>{round1(level)}</text>
                            }
                        }).collect_view()
                    }}
                    {move || {
                        let n = axes.with(Vec::len);
                        (0..n).map(|i| {
                            let end = frame.axis_end(i, n);
                            view! {
                                <line class="grid" x1=round1(frame.cx) y1=round1(frame.cy)
                                    x2=round1(end.x) y2=round1(end.y)/>
                            }
                        }).collect_view()
                    }}
                </g>
                <polygon class="radar-area" points=move || {
                    axes.with(|a| frame.polygon(&a.iter().map(|x| x.value).collect::<Vec<_>>()))
                }/>
                {move || {
                    let list = axes.get();
                    let n = list.len();
                    list.into_iter().enumerate().map(|(i, axis)| {
                        let dot = axis.value.map(|v| {
                            let p = frame.point(i, n, v);
                            view! { <circle class=format!("radar-dot stage-fill {}", axis.class)
                                cx=round1(p.x) cy=round1(p.y) r="4"/> }
                        });
                        let (p, anchor) = frame.label(i, n, 14.0);
                        let below = p.y > frame.cy + 1.0;
                        let y_name = if below { p.y + 10.0 } else { p.y - 16.0 };
                        view! {
                            {dot}
                            <text class=format!("radar-label stage-accent {}", axis.class)
                                x=round1(p.x) y=round1(y_name) text-anchor=anchor.as_str()>
                                <tspan class="radar-name">{axis.label.clone()}</tspan>
                                <tspan class="radar-value" x=round1(p.x) dy="15">{axis.value_text.clone()}</tspan>
                            </text>
                        }
                    }).collect_view()
                }}
            </svg>
            <figcaption>
                <details>
                    <summary>{format!("{title}: the numbers")}</summary>
                    <div class="table-wrap">
                        <table>
                            <thead><tr><th scope="col">"Axis"</th><th scope="col" class="num">{value_header}</th></tr></thead>
                            <tbody>
                                {move || axes.get().into_iter().map(|a| view! {
                                    <tr><th scope="row">{a.label}</th><td class="num">{a.value_text}</td></tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                </details>
            </figcaption>
        </figure>
    }
}
