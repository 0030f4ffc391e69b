//! Widget: scatter.
