//! Widgets shared by several screens.

pub mod banners;
#[cfg(not(feature = "start"))]
pub mod conflict;
#[cfg(not(feature = "start"))]
pub mod csv_import;
pub mod fields;
pub mod funnel_chart;
pub mod gantt;
pub mod info;
pub mod input_picker;
pub mod kpi;
pub mod profile;
pub mod radar;
pub mod rows;
pub mod scatter;
pub mod shortcuts;
pub mod sparkline;
pub mod tabs;
pub mod trend;
