//! CSV export of KPIs, initiatives and actions.
