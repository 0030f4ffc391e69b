//! Geometry of the target-vs-actual chart of one KPI: periods along x, the target as
//! a (dashed) line, actuals as marks, with a y scale that starts at zero.

use crate::chart::scale::nice_ceiling;
use crate::chart::Frame;

/// The frame used by the trend widget.
pub const FRAME: Frame = Frame {
    width: 320.0,
    height: 140.0,
    left: 60.0,
    right: 48.0,
    top: 10.0,
    bottom: 22.0,
};

/// A mark of an actual.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Mark {
    /// Index of the period.
    pub index: usize,
    /// Centre x.
    pub x: f64,
    /// Centre y.
    pub y: f64,
}

/// Everything the trend SVG draws.
#[derive(Clone, Debug, PartialEq)]
pub struct TrendGeometry {
    /// Top of the y scale (a "nice" number, at least the largest value).
    pub y_max: f64,
    /// The y ticks: value and y position (0, half, max).
    pub ticks: Vec<(f64, f64)>,
    /// x of each period's centre.
    pub xs: Vec<f64>,
    /// The target line as an SVG path (steps per period), empty when no target.
    pub target_path: String,
    /// y of the last target, for its direct label.
    pub target_label_y: Option<f64>,
    /// The actuals' marks.
    pub marks: Vec<Mark>,
    /// Bottom of the plot area (the x axis).
    pub baseline_y: f64,
}

fn fmt(v: f64) -> String {
    let r = (v * 10.0).round() / 10.0;
    if r.fract() == 0.0 {
        format!("{}", r as i64)
    } else {
        format!("{r:.1}")
    }
}

/// Lays out `targets` and `actuals` (one entry per period, `None` where missing).
pub fn layout(frame: Frame, targets: &[Option<f64>], actuals: &[Option<f64>]) -> TrendGeometry {
    let n = targets.len().max(actuals.len()).max(1);
    let largest = targets
        .iter()
        .chain(actuals.iter())
        .flatten()
        .copied()
        .filter(|v| v.is_finite())
        .fold(0.0_f64, f64::max);
    let y_max = nice_ceiling(largest);
    let plot_w = (frame.width - frame.left - frame.right).max(1.0);
    let plot_h = (frame.height - frame.top - frame.bottom).max(1.0);
    let base = frame.top + plot_h;
    let step = plot_w / n as f64;
    let y = |v: f64| base - (v.clamp(0.0, y_max) / y_max) * plot_h;
    let xs: Vec<f64> = (0..n)
        .map(|i| frame.left + step * (i as f64 + 0.5))
        .collect();
    let mut target_path = String::new();
    let mut pen_down = false;
    let mut target_label_y = None;
    for (i, t) in targets.iter().enumerate() {
        match t.filter(|v| v.is_finite()) {
            Some(v) => {
                let x0 = frame.left + step * i as f64;
                let ty = y(v);
                let cmd = if pen_down { 'L' } else { 'M' };
                target_path.push_str(&format!(
                    "{cmd}{} {} L{} {} ",
                    fmt(x0),
                    fmt(ty),
                    fmt(x0 + step),
                    fmt(ty)
                ));
                pen_down = true;
                target_label_y = Some(ty);
            }
            None => pen_down = false,
        }
    }
    let marks = actuals
        .iter()
        .enumerate()
        .filter_map(|(i, a)| {
            let v = a.filter(|v| v.is_finite())?;
            Some(Mark {
                index: i,
                x: xs.get(i).copied().unwrap_or(frame.left),
                y: y(v),
            })
        })
        .collect();
    TrendGeometry {
        y_max,
        ticks: vec![
            (0.0, base),
            (y_max / 2.0, y(y_max / 2.0)),
            (y_max, y(y_max)),
        ],
        xs,
        target_path: target_path.trim_end().to_string(),
        target_label_y,
        marks,
        baseline_y: base,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nice_bounds() {
        assert_eq!(nice_ceiling(0.0), 1.0);
        assert_eq!(nice_ceiling(f64::NAN), 1.0);
        assert_eq!(nice_ceiling(7.0), 10.0);
        assert_eq!(nice_ceiling(1200.0), 2000.0);
        assert_eq!(nice_ceiling(2400.0), 2500.0);
        assert_eq!(nice_ceiling(0.021), 0.025);
        assert_eq!(nice_ceiling(5000.0), 5000.0);
    }

    #[test]
    fn lays_out_target_and_marks() {
        let g = layout(
            FRAME,
            &[Some(100.0), Some(100.0), None],
            &[Some(50.0), None, Some(150.0)],
        );
        assert_eq!(g.y_max, 200.0);
        assert_eq!(g.xs.len(), 3);
        assert_eq!(g.marks.len(), 2);
        assert_eq!(g.marks[1].index, 2);
        let plot_h = FRAME.height - FRAME.top - FRAME.bottom;
        assert!((g.baseline_y - (FRAME.top + plot_h)).abs() < 1e-9);
        assert!((g.marks[0].y - (g.baseline_y - plot_h / 4.0)).abs() < 1e-9);
        assert!(g.target_path.starts_with("M60 "));
        assert_eq!(g.target_path.matches('M').count(), 1);
        assert!(g.target_label_y.is_some());
        assert_eq!(g.ticks[2].0, 200.0);
    }

    #[test]
    fn empty_series() {
        let g = layout(FRAME, &[], &[]);
        assert_eq!(g.xs.len(), 1);
        assert!(g.target_path.is_empty());
        assert!(g.marks.is_empty());
        assert_eq!(g.target_label_y, None);
    }
}
