//! Geometry of a response-curve chart: one touchpoint's curve (monthly spend → monthly
//! volume) with today's spend and a proposed spend marked on it.

use super::scale::{nice_max, nice_ticks, LinearScale};
use super::Frame;
use crate::domain::allocation::Hill;

/// The frame the budget split screen uses.
pub const FRAME: Frame = Frame {
    width: 360.0,
    height: 200.0,
    left: 52.0,
    right: 30.0,
    top: 14.0,
    bottom: 26.0,
};

/// Points along the curve's path.
pub const SAMPLES: usize = 48;

/// A marked spend on the curve.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Mark {
    /// The spend.
    pub spend: f64,
    /// The volume the curve gives there.
    pub volume: f64,
    /// Its position.
    pub x: f64,
    /// Its position.
    pub y: f64,
}

/// Everything the chart draws.
#[derive(Clone, Debug, PartialEq)]
pub struct ResponseChart {
    /// The curve as an SVG path.
    pub path: String,
    /// Spend ticks: (value, x).
    pub x_ticks: Vec<(f64, f64)>,
    /// Volume ticks: (value, y).
    pub y_ticks: Vec<(f64, f64)>,
    /// The y of the spend axis (volume 0).
    pub baseline_y: f64,
    /// Today's spend on the curve.
    pub today: Mark,
    /// The proposed spend on the curve, when there is a proposal.
    pub proposed: Option<Mark>,
    /// The dashed line of the most the curve can bring.
    pub max_y: f64,
}

fn finite(x: f64) -> f64 {
    if x.is_finite() {
        x.max(0.0)
    } else {
        0.0
    }
}

/// Lays out the curve from spend 0 to a round spend past today's, the proposed one and
/// twice the curve's half point (so the bend shows), whichever is largest, and from
/// volume 0 up to the most the curve can bring.
pub fn layout(frame: Frame, hill: &Hill, today: f64, proposed: Option<f64>) -> ResponseChart {
    let today = finite(today);
    let proposed = proposed.map(finite);
    let reach = [today, proposed.unwrap_or(0.0), 2.0 * finite(hill.half)]
        .into_iter()
        .fold(0.0, f64::max)
        * 1.1;
    let x_max = nice_max(&[reach], 4);
    let x_ticks_v = nice_ticks(0.0, x_max, 4);
    let x_max = x_ticks_v.last().copied().unwrap_or(x_max).max(x_max);
    let top_volume = hill.volume(x_max);
    // Up to the most the curve can bring, so that the line it tends to shows.
    let y_max = nice_max(&[top_volume, hill.volume(today), hill.max], 4);
    let y_ticks_v = nice_ticks(0.0, y_max, 4);
    let y_max = y_ticks_v.last().copied().unwrap_or(y_max).max(y_max);
    let xs = LinearScale::new((0.0, x_max), (frame.left, frame.width - frame.right));
    let ys = LinearScale::new((0.0, y_max), (frame.height - frame.bottom, frame.top));
    let mut path = String::new();
    for i in 0..=SAMPLES {
        let spend = x_max * i as f64 / SAMPLES as f64;
        let (x, y) = (xs.map(spend), ys.map_clamped(hill.volume(spend)));
        path.push_str(&format!(
            "{}{:.1},{:.1}",
            if i == 0 { "M" } else { "L" },
            x,
            y
        ));
    }
    let mark = |spend: f64| {
        let volume = hill.volume(spend);
        Mark {
            spend,
            volume,
            x: xs.map_clamped(spend),
            y: ys.map_clamped(volume),
        }
    };
    ResponseChart {
        path,
        x_ticks: x_ticks_v.iter().map(|v| (*v, xs.map(*v))).collect(),
        y_ticks: y_ticks_v.iter().map(|v| (*v, ys.map(*v))).collect(),
        baseline_y: ys.map(0.0),
        today: mark(today),
        proposed: proposed.map(mark),
        max_y: ys.map_clamped(hill.max),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inside(frame: Frame, x: f64, y: f64) -> bool {
        x >= frame.left - 1e-9
            && x <= frame.width - frame.right + 1e-9
            && y >= frame.top - 1e-9
            && y <= frame.height - frame.bottom + 1e-9
    }

    #[test]
    fn the_curve_and_its_marks_stay_inside_the_frame() {
        let hill = Hill::new(6000.0, 3000.0, 1.0).unwrap();
        let c = layout(FRAME, &hill, 3000.0, Some(4500.0));
        assert!(c.path.starts_with('M'));
        assert_eq!(c.path.matches('L').count(), SAMPLES);
        assert!(inside(FRAME, c.today.x, c.today.y));
        let p = c.proposed.unwrap();
        assert!(inside(FRAME, p.x, p.y));
        assert!(
            p.x > c.today.x && p.y < c.today.y,
            "more spend, more volume"
        );
        assert!((c.today.volume - 3000.0).abs() < 1e-9);
        // The spend axis reaches past twice the half point, in round ticks.
        assert!(c.x_ticks.last().unwrap().0 >= 6000.0);
        assert_eq!(c.x_ticks[0].0, 0.0);
        assert!(c.y_ticks.iter().all(|(v, _)| v.is_finite()));
        // The most it can bring is within the chart, above today's volume.
        assert!(c.y_ticks.last().unwrap().0 >= 6000.0);
        assert!(c.max_y >= FRAME.top && c.max_y < c.today.y);
    }

    #[test]
    fn zero_and_odd_spends_draw_nothing_odd() {
        let hill = Hill::new(100.0, 50.0, 0.5).unwrap();
        for (today, proposed) in [
            (0.0, None),
            (f64::NAN, Some(f64::INFINITY)),
            (-5.0, Some(1e12)),
        ] {
            let c = layout(FRAME, &hill, today, proposed);
            assert!(!c.path.contains("NaN") && !c.path.contains("inf"));
            assert!(inside(FRAME, c.today.x, c.today.y));
            if let Some(p) = c.proposed {
                assert!(inside(FRAME, p.x, p.y));
            }
        }
    }
}
