//! The 90-day plan as an iCalendar file (RFC 5545): one all-day VEVENT per action,
//! from the first day of its first week to the day after its last week, with CRLF
//! line ends, lines folded at 75 octets and text values escaped.

use crate::domain::period::{add_days, parse_date, Date};
use crate::domain::plan::Plan;
use crate::domain::tracking;

/// Longest line, in octets, before folding.
const FOLD_AT: usize = 75;

/// Escapes a TEXT value: backslash, semicolon, comma and line breaks.
pub fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds a content line into lines of at most 75 octets (continuations start with a
/// space), never splitting a UTF-8 character; each line ends with CRLF.
pub fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 70 * 3 + 2);
    let mut used = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if used + len > FOLD_AT {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += len;
    }
    out.push_str("\r\n");
    out
}

/// A date as an iCalendar DATE value (20260131).
pub fn ics_date(date: Date) -> String {
    format!(
        "{:04}{:02}{:02}",
        date.year(),
        u8::from(date.month()),
        date.day()
    )
}

/// A Unix time in milliseconds as a UTC DATE-TIME value (20260131T120000Z).
pub fn ics_timestamp(ms: i64) -> String {
    let secs = ms.div_euclid(1000);
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let epoch = parse_date("1970-01-01").ok();
    let date = epoch.and_then(|e| add_days(e, days)).or(epoch);
    let day = date.map_or_else(|| "19700101".to_string(), ics_date);
    format!(
        "{day}T{:02}{:02}{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// Characters allowed in a UID taken from plan ids.
fn uid_part(id: &str) -> String {
    id.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect()
}

/// The plan's actions as an iCalendar document. `now_ms` stamps every event
/// (DTSTAMP). Actions whose dates cannot be computed (no valid start date) are left
/// out.
pub fn plan_ics(plan: &Plan, now_ms: i64) -> String {
    let digits = plan.currency_digits();
    let stamp = ics_timestamp(now_ms);
    let mut out = String::new();
    let mut line = |text: String| out.push_str(&fold(&text));
    line("BEGIN:VCALENDAR".into());
    line("VERSION:2.0".into());
    line("PRODID:-//RACE Planner//90-day plan//EN".into());
    line("CALSCALE:GREGORIAN".into());
    line("METHOD:PUBLISH".into());
    line(format!(
        "X-WR-CALNAME:{}",
        escape_text(&format!("{} – 90-day plan", plan.name))
    ));
    if let Ok(start) = parse_date(&plan.action.start_date) {
        for a in &plan.action.actions {
            let Some((first, after)) = tracking::action_span(start, a) else {
                continue;
            };
            let owner = if a.owner.trim().is_empty() {
                "no owner yet"
            } else {
                a.owner.trim()
            };
            let mut description = format!(
                "Owner: {owner}\nStatus: {}\nBudget: {} {}\nStage: {}\nWeeks {}–{}",
                a.status.label(),
                a.budget.to_major_string(digits),
                plan.profile.currency,
                a.stage.name(),
                a.start_week,
                a.end_week
            );
            if let Some(initiative) = a.initiative.as_deref().and_then(|id| plan.initiative(id)) {
                description.push_str(&format!("\nInitiative: {}", initiative.title));
            }
            line("BEGIN:VEVENT".into());
            line(format!(
                "UID:{}-{}@race-planner",
                uid_part(&plan.id),
                uid_part(&a.id)
            ));
            line(format!("DTSTAMP:{stamp}"));
            line(format!("DTSTART;VALUE=DATE:{}", ics_date(first)));
            line(format!("DTEND;VALUE=DATE:{}", ics_date(after)));
            line(format!("SUMMARY:{}", escape_text(&a.title)));
            line(format!("DESCRIPTION:{}", escape_text(&description)));
            line(format!("CATEGORIES:{}", a.stage.name()));
            line("TRANSP:TRANSPARENT".into());
            line("END:VEVENT".into());
        }
    }
    line("END:VCALENDAR".into());
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::money::Money;
    use crate::domain::plan::{Action, ActionStatus};
    use crate::domain::templates::Template;

    #[test]
    fn escapes_text() {
        assert_eq!(escape_text("a,b;c\\d"), "a\\,b\\;c\\\\d");
        assert_eq!(escape_text("one\r\ntwo\nthree"), "one\\ntwo\\nthree");
    }

    #[test]
    fn folds_at_75_octets_without_splitting_characters() {
        let short = fold("SUMMARY:short");
        assert_eq!(short, "SUMMARY:short\r\n");
        let long = format!("SUMMARY:{}", "é".repeat(80));
        let folded = fold(&long);
        for l in folded.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(l.len() <= 75, "{} octets", l.len());
        }
        let unfolded = folded.replace("\r\n ", "");
        assert_eq!(unfolded, format!("{long}\r\n"));
        let ascii = fold(&"x".repeat(200));
        let lines: Vec<&str> = ascii.split("\r\n").collect();
        assert_eq!(lines[0].len(), 75);
        assert!(lines[1].starts_with(' ') && lines[1].len() == 75);
    }

    #[test]
    fn timestamps() {
        assert_eq!(ics_timestamp(0), "19700101T000000Z");
        assert_eq!(
            ics_timestamp(1_767_225_600_000 + 3_723_000),
            "20260101T010203Z"
        );
        assert_eq!(ics_date(parse_date("2026-03-05").unwrap()), "20260305");
    }

    #[test]
    fn one_event_per_action() {
        let mut plan = Plan::new("p-1", "Shop, online", 0, "2026-01-01");
        plan.action.actions.push(Action {
            id: "a1".into(),
            title: "Launch; the ads, now".into(),
            owner: "Leo".into(),
            start_week: 3,
            end_week: 5,
            status: ActionStatus::Doing,
            budget: Money(120_000),
            ..Action::default()
        });
        plan.action.actions.push(Action {
            id: "a2".into(),
            title: "Review".into(),
            ..Action::default()
        });
        let ics = plan_ics(&plan, 1_767_225_600_000);
        assert!(ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
        assert!(ics.ends_with("END:VCALENDAR\r\n"));
        assert_eq!(ics.matches("BEGIN:VEVENT\r\n").count(), 2);
        assert_eq!(ics.matches("END:VEVENT\r\n").count(), 2);
        assert!(ics.contains("UID:p-1-a1@race-planner\r\n"));
        assert!(ics.contains("DTSTAMP:20260101T000000Z\r\n"));
        assert!(ics.contains("DTSTART;VALUE=DATE:20260115\r\n"));
        assert!(ics.contains("DTEND;VALUE=DATE:20260205\r\n"));
        assert!(ics.contains("SUMMARY:Launch\\; the ads\\, now\r\n"));
        let unfolded = ics.replace("\r\n ", "");
        assert!(unfolded.contains(
            "DESCRIPTION:Owner: Leo\\nStatus: Doing\\nBudget: 1200.00 USD\\nStage: Reach\\nWeeks 3–5\r\n"
        ));
        assert!(ics.split("\r\n").all(|l| l.len() <= 75));
        assert!(!ics.replace("\r\n", "").contains('\n'));
    }

    #[test]
    fn template_plan_and_bad_start_date() {
        let plan = Template::ALL[0].build("p", 0, "2026-01-01");
        let ics = plan_ics(&plan, 0);
        assert_eq!(
            ics.matches("BEGIN:VEVENT").count(),
            plan.action.actions.len()
        );
        let mut broken = plan.clone();
        broken.action.start_date = "soon".into();
        assert_eq!(plan_ics(&broken, 0).matches("BEGIN:VEVENT").count(), 0);
    }
}
