//! Widget: kpi.
