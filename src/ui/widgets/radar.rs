//! Widget: radar.
