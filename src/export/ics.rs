//! The 90-day plan as an iCalendar (.ics) file.
