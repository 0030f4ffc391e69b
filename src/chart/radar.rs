//! Chart geometry: radar (spider) charts for scores on a common scale, such as the
//! 1–5 capability self-assessment. Axes start at the top and go clockwise.

/// A point in SVG user units.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Point {
    /// Horizontal position, growing to the right.
    pub x: f64,
    /// Vertical position, growing downwards.
    pub y: f64,
}

/// Where a radar chart sits in its viewBox and which values it spans.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RadarFrame {
    /// Centre, horizontal.
    pub cx: f64,
    /// Centre, vertical.
    pub cy: f64,
    /// Radius of the outer ring (the value `max`).
    pub radius: f64,
    /// Value drawn at the centre.
    pub min: f64,
    /// Value drawn on the outer ring.
    pub max: f64,
}

/// How a label's text is anchored horizontally (SVG `text-anchor`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Anchor {
    /// The text starts at the point.
    Start,
    /// The text is centred on the point.
    Middle,
    /// The text ends at the point.
    End,
}

impl Anchor {
    /// The SVG attribute value.
    pub fn as_str(self) -> &'static str {
        match self {
            Anchor::Start => "start",
            Anchor::Middle => "middle",
            Anchor::End => "end",
        }
    }
}

impl RadarFrame {
    /// Angle of axis `index` of `count`, in radians, 0 pointing up, clockwise.
    pub fn angle(index: usize, count: usize) -> f64 {
        if count == 0 {
            return 0.0;
        }
        std::f64::consts::TAU * index as f64 / count as f64
    }

    /// Distance from the centre for `value`, clamped to the frame's range; 0 when the
    /// range is empty or the value is not finite.
    pub fn distance(&self, value: f64) -> f64 {
        let span = self.max - self.min;
        if !value.is_finite() || !span.is_finite() || span <= 0.0 {
            return 0.0;
        }
        let t = ((value - self.min) / span).clamp(0.0, 1.0);
        t * self.radius
    }

    /// The point of `value` on axis `index` of `count`.
    pub fn point(&self, index: usize, count: usize, value: f64) -> Point {
        self.at(index, count, self.distance(value))
    }

    /// The point at `distance` from the centre on axis `index` of `count`.
    pub fn at(&self, index: usize, count: usize, distance: f64) -> Point {
        let a = Self::angle(index, count);
        Point {
            x: self.cx + distance * a.sin(),
            y: self.cy - distance * a.cos(),
        }
    }

    /// The outer end of axis `index` of `count`.
    pub fn axis_end(&self, index: usize, count: usize) -> Point {
        self.at(index, count, self.radius)
    }

    /// Where the label of axis `index` goes (`gap` beyond the outer ring) and how to
    /// anchor it so the text stays outside the chart.
    pub fn label(&self, index: usize, count: usize, gap: f64) -> (Point, Anchor) {
        let p = self.at(index, count, self.radius + gap);
        let dx = p.x - self.cx;
        let anchor = if dx.abs() < self.radius * 0.1 {
            Anchor::Middle
        } else if dx > 0.0 {
            Anchor::Start
        } else {
            Anchor::End
        };
        (p, anchor)
    }

    /// The polygon through `values` (one per axis), for an SVG `points` attribute.
    /// Values that are `None` are drawn at the centre.
    pub fn polygon(&self, values: &[Option<f64>]) -> String {
        let n = values.len();
        let pts: Vec<Point> = values
            .iter()
            .enumerate()
            .map(|(i, v)| self.point(i, n, v.unwrap_or(self.min)))
            .collect();
        points_attr(&pts)
    }

    /// The ring at `value` as a closed polygon with `count` corners (grid lines).
    pub fn ring(&self, value: f64, count: usize) -> String {
        let pts: Vec<Point> = (0..count).map(|i| self.point(i, count, value)).collect();
        points_attr(&pts)
    }
}

/// Points as an SVG `points` attribute ("10,20 30,40"), rounded to 0.1.
pub fn points_attr(points: &[Point]) -> String {
    points
        .iter()
        .map(|p| format!("{},{}", round1(p.x), round1(p.y)))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A coordinate rounded to one decimal, "-0" shown as "0".
pub fn round1(v: f64) -> String {
    if !v.is_finite() {
        return "0".into();
    }
    let r = (v * 10.0).round() / 10.0;
    if r == 0.0 {
        "0".into()
    } else {
        let text = format!("{r:.1}");
        text.strip_suffix(".0").map(str::to_string).unwrap_or(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame() -> RadarFrame {
        RadarFrame {
            cx: 100.0,
            cy: 100.0,
            radius: 80.0,
            min: 0.0,
            max: 5.0,
        }
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn first_axis_points_up_and_axes_go_clockwise() {
        let f = frame();
        let top = f.axis_end(0, 4);
        assert!(close(top.x, 100.0) && close(top.y, 20.0));
        let right = f.axis_end(1, 4);
        assert!(close(right.x, 180.0) && close(right.y, 100.0));
        let bottom = f.axis_end(2, 4);
        assert!(close(bottom.x, 100.0) && close(bottom.y, 180.0));
    }

    #[test]
    fn values_scale_linearly_and_clamp() {
        let f = frame();
        assert!(close(f.distance(5.0), 80.0));
        assert!(close(f.distance(2.5), 40.0));
        assert!(close(f.distance(9.0), 80.0));
        assert!(close(f.distance(-1.0), 0.0));
        assert!(close(f.distance(f64::NAN), 0.0));
        let empty = RadarFrame { max: 0.0, ..f };
        assert!(close(empty.distance(3.0), 0.0));
    }

    #[test]
    fn polygon_and_ring_text() {
        let f = frame();
        assert_eq!(
            f.polygon(&[Some(5.0), Some(2.5), None, Some(5.0)]),
            "100,20 140,100 100,100 20,100"
        );
        assert_eq!(f.ring(5.0, 4), "100,20 180,100 100,180 20,100");
        assert_eq!(f.polygon(&[]), "");
    }

    #[test]
    fn labels_sit_outside_and_anchor_away_from_the_centre() {
        let f = frame();
        let (p, a) = f.label(0, 4, 10.0);
        assert!(close(p.y, 10.0));
        assert_eq!(a, Anchor::Middle);
        assert_eq!(f.label(1, 4, 10.0).1, Anchor::Start);
        assert_eq!(f.label(3, 4, 10.0).1, Anchor::End);
        assert_eq!(Anchor::End.as_str(), "end");
    }

    #[test]
    fn rounding() {
        assert_eq!(round1(12.345), "12.3");
        assert_eq!(round1(-0.01), "0");
        assert_eq!(round1(40.0), "40");
        assert_eq!(round1(f64::INFINITY), "0");
        assert_eq!(RadarFrame::angle(0, 0), 0.0);
    }
}
