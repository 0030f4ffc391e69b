//! Chart geometry: scales, ticks, paths and shapes as pure functions, tested natively.
//! The SVG components in `ui::widgets` only place what these functions compute.

pub mod gantt;
pub mod odds;
pub mod radar;
pub mod response;
pub mod scale;
pub mod scatter;
pub mod trend;

/// A rectangle in SVG user units.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    /// Left edge.
    pub x: f64,
    /// Top edge.
    pub y: f64,
    /// Width, 0 or more.
    pub width: f64,
    /// Height, 0 or more.
    pub height: f64,
}

/// A chart's size and the room left around its plot for axes and labels, in SVG user
/// units.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Frame {
    /// Total width.
    pub width: f64,
    /// Total height.
    pub height: f64,
    /// Room on the left (the y labels).
    pub left: f64,
    /// Room on the right (direct labels).
    pub right: f64,
    /// Room on top.
    pub top: f64,
    /// Room at the bottom (the x labels).
    pub bottom: f64,
}
