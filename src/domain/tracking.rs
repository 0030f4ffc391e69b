//! The Action and measurement steps as pure functions: dates of the 13-week plan,
//! moving and resizing an action, creating actions from chosen initiatives, the
//! owners' summary, the 30/60/90-day reviews and their KPI snapshots, and typing
//! actuals (parsing a value in a KPI's unit, writing it for a period).

use super::input::{
    format_count_input, format_percent_input, parse_count, parse_money, parse_number,
    parse_percent, trim_number, DecimalMark, InputError,
};
use super::kpi::{self, finite, KpiDef, Unit};
use super::measure::{self, Status};
use super::money::{Money, MAX_MINOR_DIGITS};
use super::period::{add_days, days_between, parse_date, Date, Granularity, Period};
use super::plan::{
    Action, Actual, KpiSnapshot, Plan, Review, Source, ACTION_WEEKS, MAX_HORIZON_MONTHS,
};
use crate::domain::sort::sort_by;

/// Days between two reviews of the 90-day plan.
pub const REVIEW_EVERY_DAYS: i64 = 30;

/// Number of reviews in the 90-day plan (days 30, 60 and 90).
pub const REVIEW_COUNT: i64 = 3;

/// Weeks an action created from an initiative lasts (weeks 1–4).
pub const NEW_ACTION_WEEKS: u8 = 4;

/// First day of a week of the plan (week 1 starts on `start`).
pub fn week_start(start: Date, week: u8) -> Option<Date> {
    add_days(start, (i64::from(week.max(1)) - 1) * 7)
}

/// Last day of a week of the plan.
pub fn week_end(start: Date, week: u8) -> Option<Date> {
    add_days(start, i64::from(week.max(1)) * 7 - 1)
}

/// An action's first day and the day after its last (an exclusive end, as calendars
/// want for all-day events).
pub fn action_span(start: Date, action: &Action) -> Option<(Date, Date)> {
    let first = week_start(start, action.start_week)?;
    let after = add_days(start, i64::from(action.end_week.max(action.start_week)) * 7)?;
    Some((first, after))
}

/// Moves an action by `delta` weeks, keeping its length, within weeks 1–13.
pub fn shift_weeks(start_week: u8, end_week: u8, delta: i32) -> (u8, u8) {
    let max = i32::from(ACTION_WEEKS);
    let start = i32::from(start_week).clamp(1, max);
    let end = i32::from(end_week).clamp(start, max);
    let length = end - start;
    let new_start = (start + delta).clamp(1, max - length);
    (to_week(new_start), to_week(new_start + length))
}

/// Moves an action's last week by `delta`, never before its first week nor after 13.
pub fn resize_end(start_week: u8, end_week: u8, delta: i32) -> (u8, u8) {
    let max = i32::from(ACTION_WEEKS);
    let start = i32::from(start_week).clamp(1, max);
    let end = (i32::from(end_week) + delta).clamp(start, max);
    (to_week(start), to_week(end))
}

fn to_week(week: i32) -> u8 {
    u8::try_from(week.clamp(1, i32::from(ACTION_WEEKS))).unwrap_or(1)
}

/// Ids of the chosen initiatives that no action delivers yet, in the plan's order.
pub fn initiatives_without_actions(plan: &Plan) -> Vec<String> {
    plan.strategy
        .initiatives
        .iter()
        .filter(|i| i.is_chosen())
        .filter(|i| {
            !plan
                .action
                .actions
                .iter()
                .any(|a| a.initiative.as_deref() == Some(i.id.as_str()))
        })
        .map(|i| i.id.clone())
        .collect()
}

/// Adds one action per chosen initiative that has none yet: titled after the
/// initiative, at its stage, with its cost as budget, in weeks 1–4. Returns how many
/// actions were added.
pub fn add_actions_from_initiatives(plan: &mut Plan) -> usize {
    let ids = initiatives_without_actions(plan);
    let mut added = 0;
    for id in ids {
        let Some(initiative) = plan.initiative(&id).cloned() else {
            continue;
        };
        let action = Action {
            id: plan.next_id("action"),
            title: initiative.title.clone(),
            owner: String::new(),
            start_week: 1,
            end_week: NEW_ACTION_WEEKS.min(ACTION_WEEKS),
            status: Default::default(),
            budget: initiative.cost,
            initiative: Some(initiative.id.clone()),
            stage: initiative.stage,
        };
        plan.action.actions.push(action);
        added += 1;
    }
    added
}

/// One owner's share of the 90-day plan.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OwnerLoad {
    /// The owner as typed, trimmed; empty for actions without an owner.
    pub owner: String,
    /// Number of actions.
    pub actions: usize,
    /// Sum of their budgets.
    pub budget: Money,
}

/// Actions and budget per owner, by name (actions without an owner last).
pub fn owners(plan: &Plan) -> Vec<OwnerLoad> {
    let mut out: Vec<OwnerLoad> = Vec::new();
    for a in &plan.action.actions {
        let owner = a.owner.trim();
        match out.iter_mut().find(|o| o.owner == owner) {
            Some(line) => {
                line.actions += 1;
                line.budget = line.budget.saturating_add(a.budget);
            }
            None => out.push(OwnerLoad {
                owner: owner.to_string(),
                actions: 1,
                budget: a.budget,
            }),
        }
    }
    sort_by(&mut out, |a, b| {
        (a.owner.is_empty(), a.owner.to_ascii_lowercase())
            .cmp(&(b.owner.is_empty(), b.owner.to_ascii_lowercase()))
    });
    out
}

/// A review that falls due in the 90-day plan.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReviewDue {
    /// Days after the start date: 30, 60 or 90.
    pub day: i64,
    /// The date it falls due.
    pub date: Date,
    /// True when a review was recorded within 15 days of that date.
    pub done: bool,
}

/// The reviews due 30, 60 and 90 days after the plan's start, and whether each one
/// was recorded (a review dated within 15 days of the due date counts).
pub fn reviews_due(start: Date, reviews: &[Review]) -> Vec<ReviewDue> {
    let dates: Vec<Date> = reviews
        .iter()
        .filter_map(|r| parse_date(&r.date).ok())
        .collect();
    (1..=REVIEW_COUNT)
        .filter_map(|k| {
            let day = k * REVIEW_EVERY_DAYS;
            let date = add_days(start, day)?;
            let done = dates
                .iter()
                .any(|d| days_between(date, *d).abs() <= REVIEW_EVERY_DAYS / 2);
            Some(ReviewDue { day, date, done })
        })
        .collect()
}

/// The first review not yet recorded, if any.
pub fn next_review(start: Date, reviews: &[Review]) -> Option<ReviewDue> {
    reviews_due(start, reviews).into_iter().find(|r| !r.done)
}

/// Each stage KPI's target, latest actual and status as of `today`, for a review.
///
/// The latest actual is the one of the most recent month (up to today) that has one;
/// its status compares it with that month's target, paced to `today` when the month
/// is the current one.
pub fn snapshot(plan: &Plan, today: Date) -> Vec<KpiSnapshot> {
    let index = measure::ActualIndex::new(&plan.actuals);
    let mut out = Vec::new();
    for stage in super::plan::Stage::ALL {
        for id in plan.tracked_kpis(stage) {
            let Some(def) = kpi::find(&id) else {
                continue;
            };
            let latest = latest_period(plan, &index, def, today);
            let (target, actual, status) = match latest {
                Some(period) => progress_in(plan, &index, def, period, today),
                None => (
                    super::goal::kpi_target_in_period(
                        plan,
                        def.id,
                        Period::of(today, Granularity::Month),
                    ),
                    None,
                    None,
                ),
            };
            out.push(KpiSnapshot {
                kpi: def.id.to_string(),
                target,
                actual,
                status,
            });
        }
    }
    out
}

/// The most recent month of the horizon, up to `today`, in which a KPI has an actual.
fn latest_period(
    plan: &Plan,
    index: &measure::ActualIndex,
    def: &KpiDef,
    today: Date,
) -> Option<Period> {
    plan_periods(plan, Granularity::Month)
        .into_iter()
        .rev()
        .filter(|p| p.start().is_some_and(|s| s <= today))
        .find(|p| index.kpi_actual(plan, def, *p).is_some())
}

/// A KPI's monthly target (from its goal), actual and status in one period, judged as
/// of `today` (a period already over is judged on its whole target, the current one on
/// its paced target).
pub fn progress_in(
    plan: &Plan,
    index: &measure::ActualIndex,
    def: &KpiDef,
    period: Period,
    today: Date,
) -> (Option<f64>, Option<f64>, Option<Status>) {
    let actual = index.kpi_actual(plan, def, period);
    let target = measure::period_target(plan, def, period);
    let paced = target.map(|t| {
        if def.additive {
            measure::pacing(t, period.fraction_elapsed(today))
        } else {
            t
        }
    });
    let status = actual
        .zip(paced)
        .map(|(a, p)| measure::status(a, p, def.higher_is_better));
    (target, actual, status)
}

/// A new review dated `date` with the KPI snapshot as of that date.
pub fn new_review(plan: &Plan, id: &str, date: Date, notes: &str) -> Review {
    Review {
        id: id.to_string(),
        date: super::period::format_date(date),
        notes: notes.to_string(),
        snapshot: snapshot(plan, date),
    }
}

/// The date to judge a period by: today inside it, its last day when it is over,
/// its first day when it has not started.
pub fn as_of(period: Period, today: Date) -> Date {
    match (period.start(), period.end()) {
        (Some(s), _) if today < s => s,
        (_, Some(e)) if today > e => e,
        _ => today,
    }
}

/// The periods of the plan's horizon at a granularity: its months from the start
/// date, or the weeks that cover those months (as [`measure::series`] uses).
pub fn plan_periods(plan: &Plan, granularity: Granularity) -> Vec<Period> {
    let Ok(start) = parse_date(&plan.profile.start_date) else {
        return Vec::new();
    };
    let months = Period::months_from(start, plan.horizon_months.clamp(1, MAX_HORIZON_MONTHS));
    match granularity {
        Granularity::Month => months,
        Granularity::Week => {
            let days = months
                .last()
                .and_then(|m| m.end())
                .map_or(0, |end| days_between(start, end) + 1);
            Period::weeks_from(start, u32::try_from((days + 6) / 7).unwrap_or(0))
        }
    }
}

/// The period to check first: the one containing `today`, else the last one when the
/// plan is over, else the first.
pub fn default_period(periods: &[Period], today: Date) -> Option<Period> {
    periods
        .iter()
        .copied()
        .find(|p| p.contains(today))
        .or_else(|| {
            let last = periods.last().copied()?;
            last.end().is_some_and(|e| e < today).then_some(last)
        })
        .or_else(|| periods.first().copied())
}

/// Parses an actual typed in a KPI's unit: a percent for rates ("2.5" is 2.5 %),
/// a non-negative number for counts and money, a number in range otherwise, read
/// with the plan's decimal `mark`.
pub fn parse_actual(def: &KpiDef, text: &str, mark: DecimalMark) -> Result<f64, InputError> {
    let value = match def.unit {
        Unit::Ratio if def.max <= 1.0 => parse_percent(text, mark)?,
        Unit::Ratio => {
            let trimmed = text.trim();
            parse_number(trimmed.strip_suffix('%').unwrap_or(trimmed), mark)? / 100.0
        }
        Unit::Count => parse_count(text, mark)?,
        Unit::Money => parse_money(text, MAX_MINOR_DIGITS, mark)?.to_major(MAX_MINOR_DIGITS),
        Unit::Multiple | Unit::Months | Unit::Score => parse_number(text, mark)?,
    };
    if value < def.min || value > def.max {
        return Err(InputError::new(crate::domain::input::sentence(
            &def.range_message(),
        )));
    }
    Ok(value)
}

/// The text to show in an actual's input for a stored value (2.5 for 2.5 %).
pub fn format_actual_input(def: &KpiDef, value: f64) -> String {
    match def.unit {
        Unit::Ratio => format_percent_input(value),
        Unit::Count => format_count_input(value),
        _ => trim_number(value, 4),
    }
}

/// The unit to show after an actual's input ("%", "×", "months"), if any.
pub fn actual_unit(def: &KpiDef, currency: &str) -> Option<String> {
    match def.unit {
        Unit::Ratio => Some("%".into()),
        Unit::Money => Some(currency.to_string()),
        Unit::Multiple => Some("×".into()),
        Unit::Months => Some("months".into()),
        Unit::Count | Unit::Score => None,
    }
}

/// The plan-level actual of a measure for exactly this period, if any.
pub fn typed_actual(plan: &Plan, kpi_id: &str, period: Period) -> Option<f64> {
    plan.actuals
        .iter()
        .find(|a| a.measure == kpi_id && a.period == period && a.touchpoint.is_none())
        .map(|a| a.value)
}

/// Sets (or with `None` removes) the plan-level actual of a measure for a period, as typed.
pub fn set_actual(plan: &mut Plan, kpi_id: &str, period: Period, value: Option<f64>) {
    plan.actuals
        .retain(|a| !(a.measure == kpi_id && a.period == period && a.touchpoint.is_none()));
    if let Some(v) = value.and_then(finite) {
        plan.actuals.push(Actual {
            measure: kpi_id.to_string(),
            period,
            value: v,
            source: Source::Typed,
            touchpoint: None,
        });
    }
}

/// What a block pasted into the actuals grid did.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Pasted {
    /// Cells written: a value, or an empty cell that cleared one.
    pub filled: usize,
    /// Each cell that could not be read, as "Sessions, 2026-02: “abc”: Enter a number".
    pub problems: Vec<String>,
    /// Cells below the grid's last measure, or past the last period, left out.
    pub left_out: usize,
}

/// The most cells one paste may bring; a larger block is refused whole.
pub const MAX_PASTE_CELLS: usize = 20_000;

/// Whether a pasted cell holds a number (a header or a label does not).
fn is_number(cell: &str, mark: DecimalMark) -> bool {
    let t = cell.trim();
    parse_money(t.strip_suffix('%').unwrap_or(t), MAX_MINOR_DIGITS, mark).is_ok()
}

/// Writes a block copied from a spreadsheet (tab-separated columns, one line per row)
/// pasted at the grid's row `first` of `rows` and at `period`: its rows go down the
/// measures, its columns on to the periods after `period`. A first line or a first
/// column with no number in it is a header or labels and is skipped. Each cell is read
/// as if typed (with the plan's decimal `mark`); an empty cell clears the actual, a
/// cell that cannot be read leaves it as it was and is reported.
pub fn paste_actuals(
    plan: &mut Plan,
    rows: &[&KpiDef],
    first: usize,
    period: Period,
    text: &str,
    mark: DecimalMark,
) -> Result<Pasted, InputError> {
    let mut lines: Vec<Vec<&str>> = text.lines().map(|l| l.split('\t').collect()).collect();
    while lines
        .last()
        .is_some_and(|l| l.iter().all(|c| c.trim().is_empty()))
    {
        lines.pop();
    }
    let cells: usize = lines.iter().map(Vec::len).sum();
    if cells > MAX_PASTE_CELLS {
        return Err(InputError::new(format!(
            "This block has {cells} cells; paste at most {MAX_PASTE_CELLS} at a time"
        )));
    }
    let header = |l: &[&str]| {
        l.iter().any(|c| !c.trim().is_empty()) && !l.iter().any(|c| is_number(c, mark))
    };
    if lines.len() > 1 && header(&lines[0]) {
        lines.remove(0);
    }
    let labels = !lines.is_empty()
        && lines
            .iter()
            .all(|l| l.len() > 1 && !l[0].trim().is_empty() && !is_number(l[0], mark));
    let mut done = Pasted::default();
    for (r, line) in lines.iter().enumerate() {
        let cells = if labels { &line[1..] } else { &line[..] };
        let mut at = Some(period);
        for cell in cells {
            let (Some(def), Some(p)) = (rows.get(first + r), at) else {
                done.left_out += 1;
                continue;
            };
            let cell = cell.trim();
            let value = if cell.is_empty() {
                Ok(None)
            } else {
                parse_actual(def, cell, mark).map(Some)
            };
            match value {
                Ok(v) => {
                    set_actual(plan, def.id, p, v);
                    done.filled += 1;
                }
                Err(e) => done
                    .problems
                    .push(format!("{}, {p}: “{cell}”: {}", def.name, e.message)),
            }
            at = p.next();
        }
    }
    Ok(done)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::plan::{ActionStatus, Decision, Initiative, Stage};

    fn date(text: &str) -> Date {
        parse_date(text).unwrap()
    }

    #[test]
    fn weeks_and_spans() {
        let start = date("2026-01-01");
        assert_eq!(week_start(start, 1), Some(start));
        assert_eq!(week_start(start, 2), Some(date("2026-01-08")));
        assert_eq!(week_end(start, 13), Some(date("2026-04-01")));
        let a = Action {
            start_week: 3,
            end_week: 5,
            ..Action::default()
        };
        assert_eq!(
            action_span(start, &a),
            Some((date("2026-01-15"), date("2026-02-05")))
        );
    }

    #[test]
    fn moving_keeps_length_and_bounds() {
        assert_eq!(shift_weeks(3, 5, 1), (4, 6));
        assert_eq!(shift_weeks(3, 5, -5), (1, 3));
        assert_eq!(shift_weeks(10, 13, 1), (10, 13));
        assert_eq!(shift_weeks(1, 13, 4), (1, 13));
        assert_eq!(resize_end(3, 5, 1), (3, 6));
        assert_eq!(resize_end(3, 5, -4), (3, 3));
        assert_eq!(resize_end(3, 13, 1), (3, 13));
        assert_eq!(shift_weeks(0, 0, 0), (1, 1));
    }

    fn plan_with_initiatives() -> Plan {
        let mut plan = Plan::new("p", "Test", 0, "2026-01-01");
        plan.strategy.initiatives = vec![
            Initiative {
                id: "i1".into(),
                title: "Checkout".into(),
                stage: Stage::Convert,
                cost: Money(50_000),
                decision: Decision::Chosen,
                ..Initiative::default()
            },
            Initiative {
                id: "i2".into(),
                title: "Blog".into(),
                decision: Decision::Parked,
                ..Initiative::default()
            },
            Initiative {
                id: "i3".into(),
                title: "Ads".into(),
                decision: Decision::Chosen,
                ..Initiative::default()
            },
        ];
        plan.action.actions.push(Action {
            id: "a1".into(),
            initiative: Some("i3".into()),
            owner: "Leo".into(),
            budget: Money(10_000),
            ..Action::default()
        });
        plan
    }

    #[test]
    fn creates_one_action_per_chosen_initiative_without_one() {
        let mut plan = plan_with_initiatives();
        assert_eq!(initiatives_without_actions(&plan), vec!["i1".to_string()]);
        assert_eq!(add_actions_from_initiatives(&mut plan), 1);
        let a = plan.action.actions.last().unwrap();
        assert_eq!(a.title, "Checkout");
        assert_eq!(a.stage, Stage::Convert);
        assert_eq!(a.budget, Money(50_000));
        assert_eq!((a.start_week, a.end_week), (1, 4));
        assert_eq!(a.status, ActionStatus::Todo);
        assert!(!a.id.is_empty() && a.id != "a1");
        assert_eq!(add_actions_from_initiatives(&mut plan), 0);
    }

    #[test]
    fn owners_sum_budgets() {
        let mut plan = plan_with_initiatives();
        add_actions_from_initiatives(&mut plan);
        plan.action.actions.push(Action {
            id: "a3".into(),
            owner: " Leo ".into(),
            budget: Money(50_00),
            ..Action::default()
        });
        let lines = owners(&plan);
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].owner, "Leo");
        assert_eq!(lines[0].actions, 2);
        assert_eq!(lines[0].budget, Money(15_000));
        assert_eq!(lines[1].owner, "");
        assert_eq!(lines[1].budget, Money(50_000));
    }

    #[test]
    fn reviews_fall_due_every_30_days() {
        let start = date("2026-01-01");
        let due = reviews_due(start, &[]);
        assert_eq!(due.len(), 3);
        assert_eq!(due[0].date, date("2026-01-31"));
        assert_eq!(due[2].date, date("2026-04-01"));
        let done = Review {
            date: "2026-02-03".into(),
            ..Review::default()
        };
        let due = reviews_due(start, std::slice::from_ref(&done));
        assert!(due[0].done && !due[1].done);
        assert_eq!(next_review(start, &[done]).map(|r| r.day), Some(60));
    }

    #[test]
    fn snapshot_takes_latest_actual_and_status() {
        let mut plan = Plan::new("p", "Test", 0, "2026-01-01");
        plan.set_goal_target(Stage::Reach, "sessions", Some(1000.0));
        plan.set_goal_target(Stage::Convert, "conversion_rate", Some(0.02));
        let jan = Period::month(2026, 1).unwrap();
        let feb = Period::month(2026, 2).unwrap();
        set_actual(&mut plan, "sessions", jan, Some(500.0));
        set_actual(&mut plan, "sessions", feb, Some(990.0));
        let snap = snapshot(&plan, date("2026-03-05"));
        assert_eq!(snap.len(), 2);
        assert_eq!(snap[0].kpi, "sessions");
        assert_eq!(snap[0].target, Some(1000.0));
        assert_eq!(snap[0].actual, Some(990.0));
        assert_eq!(snap[0].status, Some(Status::OnTrack));
        assert_eq!(snap[1].actual, None);
        assert_eq!(snap[1].status, None);
        let review = new_review(&plan, "r1", date("2026-01-31"), "ok");
        assert_eq!(review.date, "2026-01-31");
        assert_eq!(review.snapshot[0].actual, Some(500.0));
        assert_eq!(review.snapshot[0].status, Some(Status::OffTrack));
    }

    #[test]
    fn typing_actuals() {
        let rate = kpi::find("conversion_rate").unwrap();
        assert_eq!(parse_actual(rate, "2.5", DecimalMark::Dot).unwrap(), 0.025);
        assert!(parse_actual(rate, "120", DecimalMark::Dot).is_err());
        let sessions = kpi::find("sessions").unwrap();
        assert_eq!(
            parse_actual(sessions, "12,000", DecimalMark::Dot).unwrap(),
            12000.0
        );
        assert!(parse_actual(sessions, "-1", DecimalMark::Dot).is_err());
        assert!(parse_actual(sessions, "abc", DecimalMark::Dot).is_err());
        let revenue = kpi::find("revenue").unwrap();
        assert_eq!(
            parse_actual(revenue, "$1,200.50", DecimalMark::Dot).unwrap(),
            1200.5
        );
        // In a plan written with a decimal comma, a lone dot separates thousands.
        assert_eq!(
            parse_actual(sessions, "12.000", DecimalMark::Comma).unwrap(),
            12000.0
        );
        assert_eq!(
            parse_actual(sessions, "12.000", DecimalMark::Dot).unwrap(),
            12.0
        );
        assert_eq!(
            parse_actual(rate, "2,5", DecimalMark::Comma).unwrap(),
            0.025
        );
        assert_eq!(
            parse_actual(revenue, "1.200,50 €", DecimalMark::Comma).unwrap(),
            1200.5
        );
        assert_eq!(format_actual_input(rate, 0.025), "2.5");
        assert_eq!(actual_unit(rate, "USD").as_deref(), Some("%"));
        let mut plan = Plan::default();
        let jan = Period::month(2026, 1).unwrap();
        set_actual(&mut plan, "sessions", jan, Some(10.0));
        set_actual(&mut plan, "sessions", jan, Some(20.0));
        assert_eq!(typed_actual(&plan, "sessions", jan), Some(20.0));
        assert_eq!(plan.actuals.len(), 1);
        set_actual(&mut plan, "sessions", jan, None);
        assert!(plan.actuals.is_empty());
        set_actual(&mut plan, "sessions", jan, Some(f64::NAN));
        assert!(plan.actuals.is_empty());
    }

    #[test]
    fn periods_of_the_plan() {
        let mut plan = Plan::new("p", "Test", 0, "2026-01-15");
        plan.horizon_months = 3;
        let months = plan_periods(&plan, Granularity::Month);
        assert_eq!(months.len(), 3);
        assert_eq!(months[0].to_string(), "2026-01");
        let weeks = plan_periods(&plan, Granularity::Week);
        assert!(weeks.len() >= 11 && weeks.len() <= 14);
        assert_eq!(weeks[0], Period::week_of(date("2026-01-15")));
        assert_eq!(default_period(&months, date("2026-02-10")), Some(months[1]));
        assert_eq!(default_period(&months, date("2027-02-10")), Some(months[2]));
        assert_eq!(default_period(&months, date("2025-02-10")), Some(months[0]));
        assert_eq!(default_period(&[], date("2025-02-10")), None);
        plan.profile.start_date = "bad".into();
        assert!(plan_periods(&plan, Granularity::Month).is_empty());
    }

    #[test]
    fn as_of_clamps_to_the_period() {
        let jan = Period::month(2026, 1).unwrap();
        assert_eq!(as_of(jan, date("2026-03-01")), date("2026-01-31"));
        assert_eq!(as_of(jan, date("2025-12-01")), date("2026-01-01"));
        assert_eq!(as_of(jan, date("2026-01-10")), date("2026-01-10"));
    }

    fn grid() -> Vec<&'static KpiDef> {
        ["sessions", "leads", "revenue"]
            .iter()
            .filter_map(|id| measure::measure_def(id))
            .collect()
    }

    #[test]
    fn a_pasted_column_fills_the_measures_down_from_the_cell() {
        let mut plan = Plan::new("p", "Test", 0, "2026-01-01");
        let jan = Period::month(2026, 1).unwrap();
        let done = paste_actuals(
            &mut plan,
            &grid(),
            0,
            jan,
            "1200\r\n80\r\n\r\n",
            DecimalMark::Dot,
        )
        .unwrap();
        assert_eq!(done.filled, 2);
        assert!(done.problems.is_empty());
        assert_eq!(typed_actual(&plan, "sessions", jan), Some(1200.0));
        assert_eq!(typed_actual(&plan, "leads", jan), Some(80.0));
        assert_eq!(typed_actual(&plan, "revenue", jan), None);
    }

    #[test]
    fn headers_and_labels_are_skipped_and_columns_go_on_to_the_next_periods() {
        let mut plan = Plan::new("p", "Test", 0, "2026-01-01");
        let jan = Period::month(2026, 1).unwrap();
        let feb = Period::month(2026, 2).unwrap();
        let text = "Measure\tJanuary\tFebruary\nSessions\t1,200\t1,300\nLeads\tabc\t90\n";
        let done = paste_actuals(&mut plan, &grid(), 0, jan, text, DecimalMark::Dot).unwrap();
        assert_eq!(done.filled, 3);
        assert_eq!(typed_actual(&plan, "sessions", jan), Some(1200.0));
        assert_eq!(typed_actual(&plan, "sessions", feb), Some(1300.0));
        assert_eq!(typed_actual(&plan, "leads", jan), None);
        assert_eq!(typed_actual(&plan, "leads", feb), Some(90.0));
        assert_eq!(done.problems.len(), 1);
        assert!(
            done.problems[0].contains(", 2026-01: “abc”: "),
            "{:?}",
            done.problems
        );
    }

    #[test]
    fn cells_past_the_last_measure_are_left_out_and_empty_cells_clear() {
        let mut plan = Plan::new("p", "Test", 0, "2026-01-01");
        let jan = Period::month(2026, 1).unwrap();
        set_actual(&mut plan, "leads", jan, Some(5.0));
        let done =
            paste_actuals(&mut plan, &grid(), 1, jan, "\n9000\n1\n2", DecimalMark::Dot).unwrap();
        assert_eq!(typed_actual(&plan, "leads", jan), None);
        assert_eq!(typed_actual(&plan, "revenue", jan), Some(9000.0));
        assert_eq!(done.filled, 2);
        assert_eq!(done.left_out, 2);
    }

    #[test]
    fn a_block_from_a_decimal_comma_spreadsheet_is_read_with_the_plans_mark() {
        let mut plan = Plan::new("p", "Test", 0, "2026-01-01");
        let jan = Period::month(2026, 1).unwrap();
        let done = paste_actuals(
            &mut plan,
            &grid(),
            0,
            jan,
            "1.200\n80\n9.000,50",
            DecimalMark::Comma,
        )
        .unwrap();
        assert_eq!(done.filled, 3);
        assert_eq!(typed_actual(&plan, "sessions", jan), Some(1200.0));
        assert_eq!(typed_actual(&plan, "revenue", jan), Some(9000.5));
    }

    #[test]
    fn a_block_too_large_is_refused_whole() {
        let mut plan = Plan::new("p", "Test", 0, "2026-01-01");
        let jan = Period::month(2026, 1).unwrap();
        let text = "1\t".repeat(MAX_PASTE_CELLS + 1);
        assert!(paste_actuals(&mut plan, &grid(), 0, jan, &text, DecimalMark::Dot).is_err());
        assert!(plan.actuals.is_empty());
    }
}
