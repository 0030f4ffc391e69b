//! Gantt geometry for the 13-week plan: where a bar sits in the week grid, the grid
//! classes that place it, and how a pointer drag in pixels snaps to whole weeks.

use crate::domain::plan::ACTION_WEEKS;
use crate::domain::tracking;

/// Number of week columns.
pub const WEEKS: u8 = ACTION_WEEKS;

/// A bar in the week grid: its first column and how many columns it spans.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Bar {
    /// First week, 1–13.
    pub start: u8,
    /// Weeks covered, 1–13.
    pub span: u8,
}

/// The bar of an action from its weeks, clamped to the grid.
pub fn bar(start_week: u8, end_week: u8) -> Bar {
    let start = start_week.clamp(1, WEEKS);
    let end = end_week.clamp(start, WEEKS);
    Bar {
        start,
        span: end - start + 1,
    }
}

/// The CSS classes that place a bar in the grid (`gs-3 gw-2`: from week 3, 2 weeks).
pub fn bar_classes(start_week: u8, end_week: u8) -> String {
    let b = bar(start_week, end_week);
    format!("gs-{} gw-{}", b.start, b.span)
}

/// Whole weeks a horizontal drag of `dx` pixels moves, on a track `track_width` pixels
/// wide for 13 weeks (half a week or more snaps to the next week).
pub fn weeks_dragged(dx: f64, track_width: f64) -> i32 {
    if !dx.is_finite() || !track_width.is_finite() || track_width <= 0.0 {
        return 0;
    }
    let week = track_width / f64::from(WEEKS);
    let weeks = (dx / week).round();
    weeks.clamp(-f64::from(WEEKS), f64::from(WEEKS)) as i32
}

/// The weeks after dragging a bar that started at `start..=end` by `dx` pixels.
pub fn drag(start: u8, end: u8, dx: f64, track_width: f64) -> (u8, u8) {
    tracking::shift_weeks(start, end, weeks_dragged(dx, track_width))
}

/// The label of a bar for assistive technology: "Move Write guides: weeks 3–5".
pub fn bar_label(title: &str, start: u8, end: u8) -> String {
    let b = bar(start, end);
    let last = b.start + b.span - 1;
    if b.span == 1 {
        format!("Move {title}: week {}", b.start)
    } else {
        format!("Move {title}: weeks {}–{last}", b.start)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_are_clamped() {
        assert_eq!(bar(3, 5), Bar { start: 3, span: 3 });
        assert_eq!(bar(0, 0), Bar { start: 1, span: 1 });
        assert_eq!(bar(12, 40), Bar { start: 12, span: 2 });
        assert_eq!(bar(6, 2), Bar { start: 6, span: 1 });
        assert_eq!(bar_classes(3, 5), "gs-3 gw-3");
    }

    #[test]
    fn drags_snap_to_weeks() {
        assert_eq!(weeks_dragged(0.0, 1300.0), 0);
        assert_eq!(weeks_dragged(49.0, 1300.0), 0);
        assert_eq!(weeks_dragged(51.0, 1300.0), 1);
        assert_eq!(weeks_dragged(-210.0, 1300.0), -2);
        assert_eq!(weeks_dragged(10.0, 0.0), 0);
        assert_eq!(weeks_dragged(f64::NAN, 100.0), 0);
        assert_eq!(weeks_dragged(1e12, 100.0), 13);
        assert_eq!(drag(3, 5, 200.0, 1300.0), (5, 7));
        assert_eq!(drag(3, 5, 5000.0, 1300.0), (11, 13));
        assert_eq!(drag(3, 5, -5000.0, 1300.0), (1, 3));
    }

    #[test]
    fn labels() {
        assert_eq!(bar_label("Guides", 3, 5), "Move Guides: weeks 3–5");
        assert_eq!(bar_label("Brief", 1, 1), "Move Brief: week 1");
    }
}
