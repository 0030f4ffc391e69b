//! Chart geometry: a linear scale, "nice" axis ticks, horizontal bar geometry for the
//! funnel chart and the path of a sparkline. Pure functions, tested natively; every
//! coordinate they return is finite.

/// Maps a domain interval (values) onto a range interval (SVG units), linearly.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LinearScale {
    d0: f64,
    d1: f64,
    r0: f64,
    r1: f64,
}

/// `x` if finite, else `fallback`.
fn or(x: f64, fallback: f64) -> f64 {
    if x.is_finite() {
        x
    } else {
        fallback
    }
}

impl LinearScale {
    /// A scale from `domain` to `range`. A non-finite bound counts as 0; an empty domain
    /// (both ends equal) maps everything to the start of the range.
    pub fn new(domain: (f64, f64), range: (f64, f64)) -> LinearScale {
        LinearScale {
            d0: or(domain.0, 0.0),
            d1: or(domain.1, 0.0),
            r0: or(range.0, 0.0),
            r1: or(range.1, 0.0),
        }
    }

    /// The position of `value`; values outside the domain extrapolate, a non-finite
    /// value maps to the start of the range.
    pub fn map(&self, value: f64) -> f64 {
        let span = self.d1 - self.d0;
        if span == 0.0 || !value.is_finite() {
            return self.r0;
        }
        or(
            self.r0 + (value - self.d0) / span * (self.r1 - self.r0),
            self.r0,
        )
    }

    /// The position of `value`, kept inside the range.
    pub fn map_clamped(&self, value: f64) -> f64 {
        let (lo, hi) = if self.r0 <= self.r1 {
            (self.r0, self.r1)
        } else {
            (self.r1, self.r0)
        };
        self.map(value).clamp(lo, hi)
    }
}

/// A "nice" step (1, 2 or 5 × a power of ten) that splits `span` into about `count` parts.
pub fn nice_step(span: f64, count: usize) -> f64 {
    let span = or(span, 0.0).abs();
    if span == 0.0 || count == 0 {
        return 1.0;
    }
    let raw = span / count as f64;
    let power = 10f64.powf(raw.log10().floor());
    let fraction = raw / power;
    let nice = if fraction <= 1.0 {
        1.0
    } else if fraction <= 2.0 {
        2.0
    } else if fraction <= 5.0 {
        5.0
    } else {
        10.0
    };
    or(nice * power, 1.0)
}

/// Axis ticks covering `min`–`max` with about `count` nice steps, from a multiple of the
/// step at or below `min` to one at or above `max`. `[0, 1]` when there is no span.
pub fn nice_ticks(min: f64, max: f64, count: usize) -> Vec<f64> {
    let (lo, hi) = (
        or(min, 0.0).min(or(max, 0.0)),
        or(min, 0.0).max(or(max, 0.0)),
    );
    if hi - lo <= 0.0 {
        return if hi == 0.0 {
            vec![0.0, 1.0]
        } else {
            let step = nice_step(hi.abs(), count.max(1));
            let start = (lo.min(0.0) / step).floor() * step;
            let end = (hi.max(0.0) / step).ceil() * step;
            ticks_between(start, end, step)
        };
    }
    let step = nice_step(hi - lo, count.max(1));
    let start = (lo / step).floor() * step;
    let end = (hi / step).ceil() * step;
    ticks_between(start, end, step)
}

fn ticks_between(start: f64, end: f64, step: f64) -> Vec<f64> {
    let n = ((end - start) / step).round();
    if !n.is_finite() || !(0.0..=1000.0).contains(&n) {
        return vec![start, end];
    }
    (0..=n as usize)
        .map(|i| {
            let v = start + step * i as f64;
            // Snap float noise (0.30000000000000004 → 0.3) to the step's precision.
            let digits = (-step.log10().floor()).max(0.0) as i32 + 1;
            let f = 10f64.powi(digits);
            let snapped = (v * f).round() / f;
            if snapped == 0.0 {
                0.0
            } else {
                snapped
            }
        })
        .collect()
}

/// The smallest "nice" number (1, 2, 2.5, 5 or 10 times a power of ten) at least `v`;
/// 1 for values that are not positive and finite.
pub fn nice_ceiling(v: f64) -> f64 {
    if !v.is_finite() || v <= 0.0 {
        return 1.0;
    }
    let power = 10f64.powf(v.log10().floor());
    for step in [1.0, 2.0, 2.5, 5.0, 10.0] {
        let candidate = step * power;
        if candidate >= v * (1.0 - 1e-12) {
            return candidate;
        }
    }
    10.0 * power
}

/// The top of a value axis from 0: the smallest nice tick at or above every value
/// (1 when no value is above 0).
pub fn nice_max(values: &[f64], count: usize) -> f64 {
    let top = values
        .iter()
        .copied()
        .filter(|v| v.is_finite())
        .fold(0.0_f64, f64::max);
    if top <= 0.0 {
        return 1.0;
    }
    nice_ticks(0.0, top, count).last().copied().unwrap_or(top)
}

/// A horizontal bar: its rectangle in SVG units.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct HBar {
    /// Left edge.
    pub x: f64,
    /// Top edge.
    pub y: f64,
    /// Width (0 for a value of 0 or less).
    pub width: f64,
    /// Height.
    pub height: f64,
}

/// The layout of a horizontal bar chart: rows of `row_height`, each bar `bar_height`
/// tall and centred in its row, from `x0` to at most `x1` for the scale's top value.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct HBarLayout {
    /// Left edge of the bars (value 0).
    pub x0: f64,
    /// Right edge for the axis maximum.
    pub x1: f64,
    /// Top of the first row.
    pub top: f64,
    /// Height of a row (bar plus the gap below it).
    pub row_height: f64,
    /// Height of a bar.
    pub bar_height: f64,
    /// Axis maximum (value at `x1`).
    pub max: f64,
}

impl HBarLayout {
    /// The value scale of the layout.
    pub fn scale(&self) -> LinearScale {
        LinearScale::new((0.0, self.max), (self.x0, self.x1))
    }

    /// The bar of row `index` for `value`; values below 0 get no width, values above
    /// the maximum stop at `x1`.
    pub fn bar(&self, index: usize, value: f64) -> HBar {
        let y =
            self.top + self.row_height * index as f64 + (self.row_height - self.bar_height) / 2.0;
        let end = self.scale().map_clamped(value.max(0.0));
        HBar {
            x: self.x0,
            y: or(y, 0.0),
            width: (end - self.x0).max(0.0),
            height: self.bar_height,
        }
    }

    /// The x position of `value` on the bars' axis, kept inside the chart.
    pub fn x(&self, value: f64) -> f64 {
        self.scale().map_clamped(value)
    }

    /// The vertical centre of row `index`.
    pub fn row_centre(&self, index: usize) -> f64 {
        or(self.top + self.row_height * (index as f64 + 0.5), 0.0)
    }

    /// The y of the gap between row `index` and the next one.
    pub fn gap_after(&self, index: usize) -> f64 {
        or(self.top + self.row_height * (index as f64 + 1.0), 0.0)
    }

    /// Total height of `rows` rows.
    pub fn height(&self, rows: usize) -> f64 {
        or(self.top + self.row_height * rows as f64, 0.0)
    }
}

/// Formats an SVG coordinate with at most two decimals and no trailing zeros.
pub fn coord(v: f64) -> String {
    let v = or(v, 0.0);
    let text = format!("{v:.2}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" || text.is_empty() {
        "0".to_string()
    } else {
        text.to_string()
    }
}

/// The `d` of a polyline through `points`: "M x y L x y …"; a missing point (`None`)
/// breaks the line, so gaps in the data stay gaps. Empty when there is no point.
pub fn line_path(points: &[Option<(f64, f64)>]) -> String {
    let mut d = String::new();
    let mut pen_down = false;
    for p in points {
        match p {
            Some((x, y)) if x.is_finite() && y.is_finite() => {
                if !d.is_empty() {
                    d.push(' ');
                }
                d.push(if pen_down { 'L' } else { 'M' });
                d.push_str(&coord(*x));
                d.push(' ');
                d.push_str(&coord(*y));
                pen_down = true;
            }
            _ => pen_down = false,
        }
    }
    d
}

/// The path of a sparkline of `values` (one per period, `None` for no value) in a
/// `width` × `height` box with `pad` units of margin: x evenly spaced, y from the
/// lowest (bottom) to the highest value (top); a flat series sits in the middle.
pub fn sparkline_path(values: &[Option<f64>], width: f64, height: f64, pad: f64) -> String {
    line_path(&sparkline_points(values, width, height, pad))
}

/// The points of a sparkline (see [`sparkline_path`]).
pub fn sparkline_points(
    values: &[Option<f64>],
    width: f64,
    height: f64,
    pad: f64,
) -> Vec<Option<(f64, f64)>> {
    let finite: Vec<f64> = values
        .iter()
        .flatten()
        .copied()
        .filter(|v| v.is_finite())
        .collect();
    let (lo, hi) = finite
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &v| {
            (lo.min(v), hi.max(v))
        });
    let n = values.len();
    let xs = LinearScale::new((0.0, n.saturating_sub(1).max(1) as f64), (pad, width - pad));
    let flat = hi <= lo;
    let ys = LinearScale::new((lo, hi), (height - pad, pad));
    values
        .iter()
        .enumerate()
        .map(|(i, v)| {
            v.filter(|v| v.is_finite()).map(|v| {
                let x = if n == 1 {
                    width / 2.0
                } else {
                    xs.map(i as f64)
                };
                let y = if flat { height / 2.0 } else { ys.map(v) };
                (x, y)
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn linear_scale_maps_and_clamps() {
        let s = LinearScale::new((0.0, 100.0), (10.0, 210.0));
        assert_eq!(s.map(0.0), 10.0);
        assert_eq!(s.map(50.0), 110.0);
        assert_eq!(s.map(150.0), 310.0);
        assert_eq!(s.map_clamped(150.0), 210.0);
        assert_eq!(s.map_clamped(-5.0), 10.0);
        assert_eq!(s.map(f64::NAN), 10.0);
        let inverted = LinearScale::new((0.0, 10.0), (100.0, 0.0));
        assert_eq!(inverted.map(10.0), 0.0);
        assert_eq!(inverted.map_clamped(20.0), 0.0);
        let empty = LinearScale::new((5.0, 5.0), (0.0, 100.0));
        assert_eq!(empty.map(5.0), 0.0);
        let bad = LinearScale::new((f64::NAN, f64::INFINITY), (0.0, 1.0));
        assert_eq!(bad.map(3.0), 0.0);
    }

    #[test]
    fn nice_steps_are_1_2_5() {
        assert_eq!(nice_step(10.0, 5), 2.0);
        assert_eq!(nice_step(100.0, 4), 50.0);
        assert_eq!(nice_step(7.0, 7), 1.0);
        assert_eq!(nice_step(0.3, 3), 0.1);
        assert_eq!(nice_step(0.0, 5), 1.0);
        assert_eq!(nice_step(12_000.0, 4), 5_000.0);
    }

    #[test]
    fn nice_ticks_cover_the_data() {
        assert_eq!(
            nice_ticks(0.0, 10.0, 5),
            vec![0.0, 2.0, 4.0, 6.0, 8.0, 10.0]
        );
        assert_eq!(
            nice_ticks(0.0, 10_500.0, 4),
            vec![0.0, 5_000.0, 10_000.0, 15_000.0]
        );
        assert_eq!(nice_ticks(0.0, 0.3, 3), vec![0.0, 0.1, 0.2, 0.3]);
        assert_eq!(
            nice_ticks(-3.0, 7.0, 5),
            vec![-4.0, -2.0, 0.0, 2.0, 4.0, 6.0, 8.0]
        );
        assert_eq!(nice_ticks(0.0, 0.0, 5), vec![0.0, 1.0]);
        assert_eq!(nice_ticks(f64::NAN, f64::NAN, 5), vec![0.0, 1.0]);
        let single = nice_ticks(40.0, 40.0, 4);
        assert!(single.first().is_some_and(|&f| f <= 0.0));
        assert!(single.last().is_some_and(|&l| l >= 40.0));
    }

    #[test]
    fn nice_max_is_a_tick_at_or_above_the_top() {
        assert_eq!(nice_max(&[10_000.0, 1_200.0, 300.0], 4), 10_000.0);
        assert_eq!(nice_max(&[10_001.0], 4), 15_000.0);
        assert_eq!(nice_max(&[], 4), 1.0);
        assert_eq!(nice_max(&[0.0, -5.0, f64::NAN], 4), 1.0);
    }

    #[test]
    fn bars_follow_the_layout() {
        let layout = HBarLayout {
            x0: 100.0,
            x1: 500.0,
            top: 20.0,
            row_height: 40.0,
            bar_height: 24.0,
            max: 10_000.0,
        };
        let first = layout.bar(0, 10_000.0);
        assert_eq!(
            first,
            HBar {
                x: 100.0,
                y: 28.0,
                width: 400.0,
                height: 24.0
            }
        );
        let second = layout.bar(1, 2_500.0);
        assert_eq!(second.width, 100.0);
        assert_eq!(second.y, 68.0);
        assert_eq!(layout.bar(2, -10.0).width, 0.0);
        assert_eq!(layout.bar(2, 50_000.0).width, 400.0);
        assert_eq!(layout.bar(2, f64::NAN).width, 0.0);
        assert_eq!(layout.x(5_000.0), 300.0);
        assert_eq!(layout.row_centre(1), 80.0);
        assert_eq!(layout.gap_after(0), 60.0);
        assert_eq!(layout.height(4), 180.0);
    }

    #[test]
    fn coordinates_are_short_and_finite() {
        assert_eq!(coord(1.0), "1");
        assert_eq!(coord(1.256), "1.26");
        assert_eq!(coord(-0.001), "0");
        assert_eq!(coord(f64::NAN), "0");
        assert_eq!(coord(2.5), "2.5");
    }

    #[test]
    fn line_paths_break_at_gaps() {
        assert_eq!(line_path(&[]), "");
        assert_eq!(
            line_path(&[Some((0.0, 1.0)), Some((2.0, 3.0)), None, Some((4.0, 5.0))]),
            "M0 1 L2 3 M4 5"
        );
        assert_eq!(
            line_path(&[Some((f64::NAN, 1.0)), Some((1.0, 1.0))]),
            "M1 1"
        );
    }

    #[test]
    fn sparklines_span_the_box() {
        let d = sparkline_path(&[Some(0.0), Some(5.0), Some(10.0)], 100.0, 20.0, 2.0);
        assert_eq!(d, "M2 18 L50 10 L98 2");
        let flat = sparkline_path(&[Some(3.0), Some(3.0)], 100.0, 20.0, 2.0);
        assert_eq!(flat, "M2 10 L98 10");
        let one = sparkline_path(&[Some(7.0)], 100.0, 20.0, 2.0);
        assert_eq!(one, "M50 10");
        assert_eq!(sparkline_path(&[None, None], 100.0, 20.0, 2.0), "");
        let gap = sparkline_path(&[Some(0.0), None, Some(10.0)], 100.0, 20.0, 2.0);
        assert_eq!(gap, "M2 18 M98 2");
    }
}
