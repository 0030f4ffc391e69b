//! Widget: trend.
