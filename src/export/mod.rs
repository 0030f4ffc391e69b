//! Report exports as pure functions: CSV tables and the 90-day plan as an iCalendar file.

pub mod csv;
pub mod ics;
