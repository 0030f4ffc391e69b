//! Chart geometry: scales, ticks, paths and shapes as pure functions, tested natively.
//! The SVG components in `ui::widgets` only place what these functions compute.

pub mod gantt;
pub mod odds;
pub mod radar;
pub mod response;
pub mod scale;
pub mod scatter;
pub mod trend;
