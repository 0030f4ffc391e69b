//! Geometry of the Odds screen's charts: the histogram of revenue over the draws and the
//! tornado of the inputs that move an outcome most.

use super::scale::{coord, nice_ticks, LinearScale};
use super::Rect;

/// The plotting area of a chart inside its `viewBox` (0 0 width height).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Plot {
    /// The whole width.
    pub width: f64,
    /// The whole height.
    pub height: f64,
    /// Room on the left (labels).
    pub left: f64,
    /// Room on the right.
    pub right: f64,
    /// Room at the top.
    pub top: f64,
    /// Room at the bottom (the axis).
    pub bottom: f64,
}

fn fin(x: f64) -> f64 {
    if x.is_finite() {
        x
    } else {
        0.0
    }
}

/// The bars of a histogram: one per bin, from the bin's lower edge to its upper one,
/// as tall as its count against the largest count. Empty when the counts and edges do
/// not match (edges must be one more than counts).
pub fn histogram_bars(plot: Plot, edges: &[f64], counts: &[u32]) -> Vec<Rect> {
    if counts.is_empty() || edges.len() != counts.len() + 1 {
        return Vec::new();
    }
    let lo = fin(edges.first().copied().unwrap_or(0.0));
    let hi = fin(edges.last().copied().unwrap_or(0.0));
    let x = LinearScale::new((lo, hi), (plot.left, plot.width - plot.right));
    let most = f64::from(counts.iter().copied().max().unwrap_or(0).max(1));
    let base = plot.height - plot.bottom;
    let y = LinearScale::new((0.0, most), (base, plot.top));
    let single = counts.len() == 1 || hi <= lo;
    counts
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let (x0, x1) = if single {
                (plot.left, plot.width - plot.right)
            } else {
                (
                    x.map(edges.get(i).copied().unwrap_or(lo)),
                    x.map(edges.get(i + 1).copied().unwrap_or(hi)),
                )
            };
            let top = y.map(f64::from(*c));
            Rect {
                x: fin(x0),
                y: fin(top),
                width: fin(x1 - x0).max(0.0),
                height: fin(base - top).max(0.0),
            }
        })
        .collect()
}

/// A tornado bar: from the outcome at one end of the input's range to the other.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TornadoShape {
    /// The bar.
    pub rect: Rect,
    /// Where the outcome at the input's low lies (x).
    pub low_x: f64,
    /// Where the outcome at the input's high lies (x).
    pub high_x: f64,
}

/// A tornado chart's geometry.
#[derive(Clone, Debug, PartialEq)]
pub struct TornadoLayout {
    /// One bar per input (`None` for a bar without values).
    pub bars: Vec<Option<TornadoShape>>,
    /// The x of the outcome with every input at its likely value.
    pub likely_x: Option<f64>,
    /// Axis ticks: value and x.
    pub ticks: Vec<(f64, f64)>,
}

/// The tornado's layout: rows of `row` units from `plot.top`, each bar from the
/// outcome at the low to the outcome at the high, on one scale that covers every end
/// and the likely outcome; returns the bars, the x of the likely outcome and the
/// axis ticks.
pub fn tornado_shapes(
    plot: Plot,
    row: f64,
    ends: &[(Option<f64>, Option<f64>)],
    likely: Option<f64>,
) -> TornadoLayout {
    let values: Vec<f64> = ends
        .iter()
        .flat_map(|(a, b)| [*a, *b])
        .chain(std::iter::once(likely))
        .flatten()
        .filter(|v| v.is_finite())
        .collect();
    let lo = values.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let (lo, hi) = if lo.is_finite() && hi.is_finite() {
        (lo, hi)
    } else {
        (0.0, 1.0)
    };
    let ticks = nice_ticks(lo, if hi > lo { hi } else { lo + 1.0 }, 4);
    let (d0, d1) = (
        ticks.first().copied().unwrap_or(lo).min(lo),
        ticks.last().copied().unwrap_or(hi).max(hi),
    );
    let x = LinearScale::new((d0, d1), (plot.left, plot.width - plot.right));
    let shapes = ends
        .iter()
        .enumerate()
        .map(|(i, (a, b))| {
            let (a, b) = ((*a)?, (*b)?);
            let (xa, xb) = (x.map(a), x.map(b));
            let y = plot.top + row * i as f64 + row * 0.15;
            Some(TornadoShape {
                rect: Rect {
                    x: fin(xa.min(xb)),
                    y: fin(y),
                    width: fin((xb - xa).abs()).max(1.0),
                    height: fin(row * 0.7),
                },
                low_x: fin(xa),
                high_x: fin(xb),
            })
        })
        .collect();
    let ticks = ticks
        .into_iter()
        .filter(|t| *t >= d0 && *t <= d1)
        .map(|t| (t, fin(x.map(t))))
        .collect();
    TornadoLayout {
        bars: shapes,
        likely_x: likely.map(|v| fin(x.map(v))),
        ticks,
    }
}

/// An SVG coordinate as text (see [`coord`]).
pub fn c(v: f64) -> String {
    coord(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PLOT: Plot = Plot {
        width: 600.0,
        height: 200.0,
        left: 50.0,
        right: 10.0,
        top: 10.0,
        bottom: 30.0,
    };

    #[test]
    fn histogram_bars_fill_the_plot_and_scale_to_the_largest_count() {
        let bars = histogram_bars(PLOT, &[0.0, 10.0, 20.0, 30.0], &[1, 4, 2]);
        assert_eq!(bars.len(), 3);
        assert!((bars[0].x - 50.0).abs() < 1e-9);
        assert!((bars[2].x + bars[2].width - 590.0).abs() < 1e-9);
        // The tallest bar reaches the top, the others in proportion.
        assert!((bars[1].y - 10.0).abs() < 1e-9);
        assert!((bars[1].height - 160.0).abs() < 1e-9);
        assert!((bars[0].height - 40.0).abs() < 1e-9);
    }

    #[test]
    fn histogram_of_one_value_or_mismatched_edges() {
        let one = histogram_bars(PLOT, &[5.0, 5.0], &[10]);
        assert_eq!(one.len(), 1);
        assert!((one[0].width - 540.0).abs() < 1e-9);
        assert!(histogram_bars(PLOT, &[0.0, 1.0], &[1, 2]).is_empty());
        assert!(histogram_bars(PLOT, &[], &[]).is_empty());
    }

    #[test]
    fn tornado_bars_span_their_ends_on_one_scale() {
        let TornadoLayout {
            bars,
            likely_x: likely,
            ticks,
        } = tornado_shapes(
            PLOT,
            20.0,
            &[
                (Some(80.0), Some(120.0)),
                (Some(110.0), Some(95.0)),
                (None, Some(1.0)),
            ],
            Some(100.0),
        );
        let first = bars[0].unwrap();
        let second = bars[1].unwrap();
        assert!(bars[2].is_none());
        assert!(first.rect.width > second.rect.width);
        // A bar whose high gives less than its low runs the other way.
        assert!(second.high_x < second.low_x);
        let l = likely.unwrap();
        assert!(first.rect.x < l && l < first.rect.x + first.rect.width);
        assert!(!ticks.is_empty());
        assert!(ticks
            .iter()
            .all(|(_, x)| *x >= PLOT.left - 1e-9 && *x <= PLOT.width - PLOT.right + 1e-9));
    }

    #[test]
    fn tornado_without_values_stays_finite() {
        let TornadoLayout {
            bars,
            likely_x: likely,
            ticks,
        } = tornado_shapes(PLOT, 20.0, &[(None, None)], None);
        assert!(bars[0].is_none());
        assert!(likely.is_none());
        assert!(ticks.iter().all(|(v, x)| v.is_finite() && x.is_finite()));
    }
}
