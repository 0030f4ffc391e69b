//! Widget: funnel_chart.
