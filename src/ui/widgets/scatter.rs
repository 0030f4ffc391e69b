//! Widget: an impact-against-effort scatter with four labelled quadrants (quick wins,
//! big bets, fill-ins, money pits), drawn from `chart::scatter` geometry, with its
//! numbers in a table beside it.

use crate::chart::radar::round1;
use crate::chart::scatter::{place_labels, ticks, Axis, Quadrant, ScatterFrame};
use crate::chart::Rect;
use crate::ui::format;
use leptos::prelude::*;

/// One point: an initiative placed by effort (x) and impact (y).
#[derive(Clone, Debug, PartialEq)]
pub struct ScatterPoint {
    /// Full name, for the table.
    pub label: String,
    /// Short name written next to the point.
    pub short: String,
    /// Effort.
    pub x: f64,
    /// Impact.
    pub y: f64,
    /// Effort as shown.
    pub x_text: String,
    /// Impact as shown.
    pub y_text: String,
    /// Stage class for the point's colour ("stage-act").
    pub class: &'static str,
    /// What was decided ("Chosen"), for the table.
    pub decision: &'static str,
    /// True when chosen: the point is drawn with a ring and its label starts with ✓.
    pub chosen: bool,
}

/// Everything the chart draws.
#[derive(Clone, Debug, PartialEq)]
pub struct ScatterData {
    /// Effort axis.
    pub x: Axis,
    /// Impact axis.
    pub y: Axis,
    /// Effort axis title with its unit.
    pub x_title: String,
    /// Impact axis title with its unit.
    pub y_title: String,
    /// Locale for the tick labels ("en-US").
    pub locale: String,
    /// Intervals between effort ticks.
    pub x_ticks: usize,
    /// Intervals between impact ticks.
    pub y_ticks: usize,
    /// The points.
    pub points: Vec<ScatterPoint>,
}

const WIDTH: f64 = 560.0;
const HEIGHT: f64 = 360.0;
const AREA: Rect = Rect {
    x: 48.0,
    y: 16.0,
    width: 492.0,
    height: 290.0,
};

/// The impact-against-effort chart.
#[component]
pub fn ImpactEffortChart(
    /// What to draw.
    #[prop(into)]
    data: Signal<ScatterData>,
) -> impl IntoView {
    let frame = Memo::new(move |_| {
        data.with(|d| ScatterFrame {
            area: AREA,
            x: d.x,
            y: d.y,
        })
    });
    let summary = move || {
        data.with(|d| {
            let f = ScatterFrame {
                area: AREA,
                x: d.x,
                y: d.y,
            };
            let parts: Vec<String> = Quadrant::ALL
                .iter()
                .map(|q| {
                    let names: Vec<&str> = d
                        .points
                        .iter()
                        .filter(|p| Quadrant::of(p.x, p.y, &f.x, &f.y) == *q)
                        .map(|p| p.label.as_str())
                        .collect();
                    if names.is_empty() {
                        format!("{}: none", q.name())
                    } else {
                        format!("{}: {}", q.name(), names.join("; "))
                    }
                })
                .collect();
            format!(
                "Impact against effort for {} initiatives. {}",
                d.points.len(),
                parts.join(". ")
            )
        })
    };
    let view_box = format!("0 0 {WIDTH} {HEIGHT}");
    let bottom = AREA.y + AREA.height;
    view! {
        <figure class="scatter">
            <svg class="chart scatter-chart" viewBox=view_box role="img" aria-label=summary>
                {move || {
                    let f = frame.get();
                    Quadrant::ALL.iter().map(|q| {
                        let r = f.quadrant(*q);
                        let (tx, anchor) = match q {
                            Quadrant::QuickWins | Quadrant::FillIns => (r.x + 6.0, "start"),
                            _ => (r.x + r.width - 6.0, "end"),
                        };
                        let ty = match q {
                            Quadrant::QuickWins | Quadrant::BigBets => r.y + 16.0,
                            _ => r.y + r.height - 8.0,
                        };
                        let class = match q {
                            Quadrant::QuickWins => "quadrant quadrant-quick",
                            Quadrant::BigBets => "quadrant quadrant-big",
                            Quadrant::FillIns => "quadrant quadrant-fill",
                            Quadrant::MoneyPits => "quadrant quadrant-pit",
                        };
                        view! {
                            <rect class=class x=round1(r.x) y=round1(r.y) width=round1(r.width) height=round1(r.height)/>
                            <text class="quadrant-label" x=round1(tx) y=round1(ty) text-anchor=anchor>{q.name()}</text>
                        }
                    }).collect_view()
                }}
                <g class="axis" aria-hidden="true">
                    <line x1=round1(AREA.x) y1=round1(bottom) x2=round1(AREA.x + AREA.width) y2=round1(bottom)/>
                    <line x1=round1(AREA.x) y1=round1(AREA.y) x2=round1(AREA.x) y2=round1(bottom)/>
                    {move || {
                        let f = frame.get();
                        let (nx, ny, locale) = data.with(|d| (d.x_ticks, d.y_ticks, d.locale.clone()));
                        let xs = ticks(f.x.min, f.x.max, nx).into_iter().map(|t| {
                            let x = f.px(t);
                            view! {
                                <line x1=round1(x) y1=round1(bottom) x2=round1(x) y2=round1(bottom + 4.0)/>
                                <text x=round1(x) y=round1(bottom + 17.0) text-anchor="middle">{format::decimal(t, &locale)}</text>
                            }
                        }).collect_view();
                        let ys = ticks(f.y.min, f.y.max, ny).into_iter().map(|t| {
                            let y = f.py(t);
                            view! {
                                <line x1=round1(AREA.x - 4.0) y1=round1(y) x2=round1(AREA.x) y2=round1(y)/>
                                <text x=round1(AREA.x - 7.0) y=round1(y + 4.0) text-anchor="end">{format::decimal(t, &locale)}</text>
                            }
                        }).collect_view();
                        let split_x = f.px(f.x.split);
                        let split_y = f.py(f.y.split);
                        view! {
                            {xs}
                            {ys}
                            <line class="quadrant-split" x1=round1(split_x) y1=round1(AREA.y) x2=round1(split_x) y2=round1(bottom)/>
                            <line class="quadrant-split" x1=round1(AREA.x) y1=round1(split_y) x2=round1(AREA.x + AREA.width) y2=round1(split_y)/>
                        }
                    }}
                    <text class="axis-title" x=round1(AREA.x + AREA.width / 2.0) y=round1(HEIGHT - 6.0) text-anchor="middle">
                        {move || data.with(|d| d.x_title.clone())}
                    </text>
                    <text class="axis-title" x="12" y=round1(AREA.y + AREA.height / 2.0) text-anchor="middle"
                        transform=format!("rotate(-90 12 {})", round1(AREA.y + AREA.height / 2.0))>
                        {move || data.with(|d| d.y_title.clone())}
                    </text>
                </g>
                {move || {
                    let f = frame.get();
                    data.with(|d| {
                        let at: Vec<(f64, f64)> = d.points.iter().map(|p| (f.px(p.x), f.py(p.y))).collect();
                        let texts: Vec<String> = d.points.iter().map(|p| if p.chosen { format!("✓ {}", p.short) } else { p.short.clone() }).collect();
                        let widths: Vec<f64> = texts.iter().map(|t| t.chars().count() as f64 * 6.3).collect();
                        let spots = place_labels(&at, &widths, 12.0, AREA);
                        d.points.iter().zip(at).zip(spots).zip(texts).map(|(((p, (x, y)), spot), text)| {
                            let anchor = if spot.end { "end" } else { "start" };
                            view! {
                                {p.chosen.then(|| view! { <circle class="scatter-ring" cx=round1(x) cy=round1(y) r="9"/> })}
                                <circle class=format!("scatter-dot stage-fill {}", p.class) cx=round1(x) cy=round1(y) r="5"/>
                                <text class="scatter-label" x=round1(spot.x) y=round1(spot.y) text-anchor=anchor>{text}</text>
                            }
                        }).collect_view()
                    })
                }}
            </svg>
            <figcaption>
                <details>
                    <summary>"Impact and effort: the numbers"</summary>
                    <div class="table-wrap">
                        <table>
                            <thead><tr>
                                <th scope="col">"Initiative"</th>
                                <th scope="col" class="num">{move || data.with(|d| d.x_title.clone())}</th>
                                <th scope="col" class="num">{move || data.with(|d| d.y_title.clone())}</th>
                                <th scope="col">"Quadrant"</th>
                                <th scope="col">"Decision"</th>
                            </tr></thead>
                            <tbody>
                                {move || {
                                    let f = frame.get();
                                    data.with(|d| d.points.iter().map(|p| view! {
                                        <tr>
                                            <th scope="row">{p.label.clone()}</th>
                                            <td class="num">{p.x_text.clone()}</td>
                                            <td class="num">{p.y_text.clone()}</td>
                                            <td>{Quadrant::of(p.x, p.y, &f.x, &f.y).name()}</td>
                                            <td>{p.decision}</td>
                                        </tr>
                                    }).collect_view())
                                }}
                            </tbody>
                        </table>
                    </div>
                </details>
            </figcaption>
        </figure>
    }
}
