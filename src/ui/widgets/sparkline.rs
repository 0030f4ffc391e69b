//! A sparkline: a small line of a KPI's values by month, without axes, labelled for
//! screen readers.

use crate::chart::scale::{coord, sparkline_path, sparkline_points};
use leptos::prelude::*;

const WIDTH: f64 = 120.0;
const HEIGHT: f64 = 28.0;
const PAD: f64 = 3.0;

/// A sparkline of `values` (one per period, `None` for no value); `label` names what it
/// shows for assistive technology.
#[component]
pub fn Sparkline(
    #[prop(into)] values: Signal<Vec<Option<f64>>>,
    #[prop(into)] label: Signal<String>,
) -> impl IntoView {
    let d = move || values.with(|v| sparkline_path(v, WIDTH, HEIGHT, PAD));
    let last = move || {
        values.with(|v| {
            sparkline_points(v, WIDTH, HEIGHT, PAD)
                .into_iter()
                .flatten()
                .last()
        })
    };
    view! {
        <svg class="chart sparkline" viewBox=format!("0 0 {WIDTH} {HEIGHT}") role="img"
            aria-label=move || label.get() preserveAspectRatio="none">
            <path class="spark-line stage-stroke" d=d/>
            {move || last().map(|(x, y)| view! {
                <circle class="spark-dot stage-fill" cx=coord(x) cy=coord(y) r="2.5"/>
            })}
        </svg>
    }
}
