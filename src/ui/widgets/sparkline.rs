//! Widget: sparkline.
