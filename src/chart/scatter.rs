//! Chart geometry: scatter plots with four quadrants, such as impact against effort.
//! Values map linearly into a plot area; the split values divide it into quadrants.

use super::Rect;

/// One axis: the values it spans and where it splits into low and high.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Axis {
    /// Value at the start of the axis.
    pub min: f64,
    /// Value at the end of the axis.
    pub max: f64,
    /// Value that divides low from high.
    pub split: f64,
}

impl Axis {
    /// An axis from `min` to `max` (at least a span of 1) split at `split`.
    pub fn new(min: f64, max: f64, split: f64) -> Axis {
        let min = if min.is_finite() { min } else { 0.0 };
        let max = if max.is_finite() && max > min {
            max
        } else {
            min + 1.0
        };
        let split = if split.is_finite() {
            split.clamp(min, max)
        } else {
            (min + max) / 2.0
        };
        Axis { min, max, split }
    }

    /// Where `value` falls from 0 (min) to 1 (max), clamped; 0 for a non-finite value.
    pub fn fraction(&self, value: f64) -> f64 {
        if !value.is_finite() {
            return 0.0;
        }
        ((value - self.min) / (self.max - self.min)).clamp(0.0, 1.0)
    }
}

/// A quadrant of an impact-against-effort chart.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Quadrant {
    /// High impact, low effort.
    QuickWins,
    /// High impact, high effort.
    BigBets,
    /// Low impact, low effort.
    FillIns,
    /// Low impact, high effort.
    MoneyPits,
}

impl Quadrant {
    /// The four quadrants, top-left first, then clockwise.
    pub const ALL: [Quadrant; 4] = [
        Quadrant::QuickWins,
        Quadrant::BigBets,
        Quadrant::MoneyPits,
        Quadrant::FillIns,
    ];

    /// The quadrant's name ("Quick wins").
    pub fn name(self) -> &'static str {
        match self {
            Quadrant::QuickWins => "Quick wins",
            Quadrant::BigBets => "Big bets",
            Quadrant::FillIns => "Fill-ins",
            Quadrant::MoneyPits => "Money pits",
        }
    }

    /// The quadrant of a point: effort at or above the split is high, impact above the
    /// split is high.
    pub fn of(effort: f64, impact: f64, x: &Axis, y: &Axis) -> Quadrant {
        let high_effort = effort >= x.split;
        let high_impact = impact > y.split;
        match (high_impact, high_effort) {
            (true, false) => Quadrant::QuickWins,
            (true, true) => Quadrant::BigBets,
            (false, false) => Quadrant::FillIns,
            (false, true) => Quadrant::MoneyPits,
        }
    }
}

/// A plot area with an x (effort) and a y (impact) axis; y grows upwards.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ScatterFrame {
    /// The plot area inside the viewBox (axes and labels go around it).
    pub area: Rect,
    /// Horizontal axis.
    pub x: Axis,
    /// Vertical axis.
    pub y: Axis,
}

impl ScatterFrame {
    /// Horizontal position of an x value.
    pub fn px(&self, value: f64) -> f64 {
        self.area.x + self.x.fraction(value) * self.area.width
    }

    /// Vertical position of a y value (larger values higher up).
    pub fn py(&self, value: f64) -> f64 {
        self.area.y + (1.0 - self.y.fraction(value)) * self.area.height
    }

    /// The rectangle of a quadrant in the plot area.
    pub fn quadrant(&self, q: Quadrant) -> Rect {
        let sx = self.px(self.x.split);
        let sy = self.py(self.y.split);
        let right = self.area.x + self.area.width;
        let bottom = self.area.y + self.area.height;
        let (x0, x1) = match q {
            Quadrant::QuickWins | Quadrant::FillIns => (self.area.x, sx),
            Quadrant::BigBets | Quadrant::MoneyPits => (sx, right),
        };
        let (y0, y1) = match q {
            Quadrant::QuickWins | Quadrant::BigBets => (self.area.y, sy),
            Quadrant::FillIns | Quadrant::MoneyPits => (sy, bottom),
        };
        Rect {
            x: x0,
            y: y0,
            width: (x1 - x0).max(0.0),
            height: (y1 - y0).max(0.0),
        }
    }
}

/// Evenly spaced tick values from `min` to `max` inclusive, `count` intervals (at least 1).
pub fn ticks(min: f64, max: f64, count: usize) -> Vec<f64> {
    if !min.is_finite() || !max.is_finite() || max < min {
        return Vec::new();
    }
    let n = count.max(1);
    (0..=n)
        .map(|i| min + (max - min) * i as f64 / n as f64)
        .collect()
}

/// A label short enough to sit next to a point: the text itself when it has at most
/// `max_chars` characters, else its first words that fit, followed by "…".
pub fn short_label(text: &str, max_chars: usize) -> String {
    let text = text.trim();
    if text.chars().count() <= max_chars {
        return text.to_string();
    }
    let mut out = String::new();
    for word in text.split_whitespace() {
        let next = if out.is_empty() {
            word.chars().count()
        } else {
            out.chars().count() + 1 + word.chars().count()
        };
        if next > max_chars {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    if out.is_empty() {
        out = text.chars().take(max_chars).collect();
    }
    out.push('…');
    out
}

/// Where a point's label goes: its anchor point and whether the text ends there
/// (placed to the left of the point) rather than starting there.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LabelSpot {
    /// Text anchor, horizontal.
    pub x: f64,
    /// Text baseline.
    pub y: f64,
    /// True when the label sits left of its point (`text-anchor="end"`).
    pub end: bool,
}

/// Places one label per point so that labels do not overlap each other, trying right
/// above, right below, left above and left below each point in turn and keeping the
/// text inside `area`. `widths` are the labels' estimated widths; `height` their line
/// height. When no spot is free, the first one inside the area is used.
pub fn place_labels(
    points: &[(f64, f64)],
    widths: &[f64],
    height: f64,
    area: Rect,
) -> Vec<LabelSpot> {
    let gap = 7.0;
    let mut taken: Vec<Rect> = Vec::new();
    let mut spots = Vec::with_capacity(points.len());
    for (i, &(px, py)) in points.iter().enumerate() {
        let w = widths.get(i).copied().unwrap_or(0.0).max(0.0);
        let candidates = [
            (px + gap, py - gap, false),
            (px + gap, py + gap + height, false),
            (px - gap, py - gap, true),
            (px - gap, py + gap + height, true),
        ];
        let boxed = |&(x, y, end): &(f64, f64, bool)| Rect {
            x: if end { x - w } else { x },
            y: y - height,
            width: w,
            height,
        };
        let inside = |r: &Rect| {
            r.x >= area.x - 1.0
                && r.x + r.width <= area.x + area.width + 1.0
                && r.y >= area.y - height
                && r.y + r.height <= area.y + area.height + height
        };
        let free = |r: &Rect| !taken.iter().any(|t| overlaps(t, r));
        let chosen = candidates
            .iter()
            .find(|c| {
                let r = boxed(c);
                inside(&r) && free(&r)
            })
            .or_else(|| candidates.iter().find(|c| inside(&boxed(c))))
            .unwrap_or(&candidates[0]);
        taken.push(boxed(chosen));
        spots.push(LabelSpot {
            x: chosen.0,
            y: chosen.1,
            end: chosen.2,
        });
    }
    spots
}

fn overlaps(a: &Rect, b: &Rect) -> bool {
    a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::scale::nice_ceiling;

    fn frame() -> ScatterFrame {
        ScatterFrame {
            area: Rect {
                x: 40.0,
                y: 10.0,
                width: 200.0,
                height: 100.0,
            },
            x: Axis::new(0.0, 10.0, 5.5),
            y: Axis::new(0.0, 10.0, 5.5),
        }
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn positions_map_linearly_with_y_upwards() {
        let f = frame();
        assert!(close(f.px(0.0), 40.0));
        assert!(close(f.px(10.0), 240.0));
        assert!(close(f.px(5.0), 140.0));
        assert!(close(f.py(0.0), 110.0));
        assert!(close(f.py(10.0), 10.0));
        assert!(close(f.px(20.0), 240.0));
        assert!(close(f.py(f64::NAN), 110.0));
    }

    #[test]
    fn quadrants_classify_and_tile_the_area() {
        let f = frame();
        assert_eq!(Quadrant::of(2.0, 9.0, &f.x, &f.y), Quadrant::QuickWins);
        assert_eq!(Quadrant::of(8.0, 9.0, &f.x, &f.y), Quadrant::BigBets);
        assert_eq!(Quadrant::of(2.0, 3.0, &f.x, &f.y), Quadrant::FillIns);
        assert_eq!(Quadrant::of(8.0, 3.0, &f.x, &f.y), Quadrant::MoneyPits);
        let area: f64 = Quadrant::ALL
            .iter()
            .map(|q| {
                let r = f.quadrant(*q);
                r.width * r.height
            })
            .sum();
        assert!(close(area, 200.0 * 100.0));
        let qw = f.quadrant(Quadrant::QuickWins);
        assert!(close(qw.x, 40.0) && close(qw.y, 10.0) && close(qw.width, 110.0));
        assert_eq!(Quadrant::MoneyPits.name(), "Money pits");
    }

    #[test]
    fn axes_guard_against_empty_ranges() {
        let a = Axis::new(3.0, 3.0, 9.0);
        assert!(close(a.max, 4.0));
        assert!(close(a.split, 4.0));
        let b = Axis::new(f64::NAN, 2.0, f64::NAN);
        assert!(close(b.min, 0.0) && close(b.split, 1.0));
    }

    #[test]
    fn labels_avoid_each_other_and_stay_inside() {
        let area = Rect {
            x: 0.0,
            y: 0.0,
            width: 300.0,
            height: 200.0,
        };
        let spots = place_labels(&[(50.0, 100.0), (60.0, 100.0)], &[80.0, 80.0], 12.0, area);
        assert_eq!(
            spots[0],
            LabelSpot {
                x: 57.0,
                y: 93.0,
                end: false
            }
        );
        assert!(!spots[1].end && spots[1].y > 100.0);
        let right = place_labels(&[(295.0, 100.0)], &[80.0], 12.0, area);
        assert!(right[0].end);
        assert!(place_labels(&[], &[], 12.0, area).is_empty());
    }

    #[test]
    fn short_labels_cut_at_words() {
        assert_eq!(short_label("Webinars", 18), "Webinars");
        assert_eq!(
            short_label("Account-based campaign for the top 50", 18),
            "Account-based…"
        );
        assert_eq!(short_label("Supercalifragilistic", 5), "Super…");
        assert_eq!(short_label("  Add trust badges  ", 18), "Add trust badges");
    }

    #[test]
    fn nice_ceilings_and_ticks() {
        assert!(close(nice_ceiling(3.2), 5.0));
        assert!(close(nice_ceiling(2.0), 2.0));
        assert!(close(nice_ceiling(2.1), 2.5));
        assert!(close(nice_ceiling(11.0), 20.0));
        assert!(close(nice_ceiling(0.3), 0.5));
        assert!(close(nice_ceiling(0.0), 1.0));
        assert_eq!(ticks(0.0, 10.0, 5), vec![0.0, 2.0, 4.0, 6.0, 8.0, 10.0]);
        assert!(ticks(1.0, 0.0, 2).is_empty());
        assert_eq!(ticks(0.0, 1.0, 0), vec![0.0, 1.0]);
    }
}
