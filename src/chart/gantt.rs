//! Chart geometry: gantt.
