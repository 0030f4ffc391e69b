//! Widget: gantt.
