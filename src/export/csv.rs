//! CSV export of KPIs, initiatives, actions, scenarios and ranges (RFC 4180: comma-separated, CRLF line
//! ends, fields with a comma, quote or line break in double quotes with quotes doubled).
//!
//! Text cells that a spreadsheet would read as a formula (starting with `=`, `+`, `-`,
//! `@`, a tab or a carriage return) are prefixed with `'` so that opening the file never runs anything.
//! Numbers are plain (a dot for decimals, no grouping) so any spreadsheet reads them.

use crate::domain::input::trim_number;
use crate::domain::kpi::{self, finite, Unit};
use crate::domain::measure::ActualIndex;
use crate::domain::period::{format_date, parse_date, Date, Period};
use crate::domain::plan::{Decision, Plan, Stage};
use crate::domain::scoring;
use crate::domain::tracking;
use crate::domain::uncertainty::{InputKind, InputRef};

/// A text cell, guarded against formula injection and quoted when needed.
pub fn text_cell(text: &str) -> String {
    let guarded = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    };
    quote(&guarded)
}

/// A number cell: plain digits with a dot, empty when there is no value.
pub fn number_cell(value: Option<f64>) -> String {
    value
        .and_then(finite)
        .map_or_else(String::new, |v| trim_number(v, 6))
}

fn quote(text: &str) -> String {
    if text.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

/// Joins rows of ready-made cells into a CSV document with CRLF line ends.
fn document(header: &[&str], rows: Vec<Vec<String>>) -> String {
    let mut out = String::new();
    let head: Vec<String> = header.iter().map(|h| text_cell(h)).collect();
    out.push_str(&head.join(","));
    out.push_str("\r\n");
    for row in rows {
        out.push_str(&row.join(","));
        out.push_str("\r\n");
    }
    out
}

/// The word for a KPI's unit in the CSV (`percent` values are fractions ×100).
fn unit_word(unit: Unit, currency: &str) -> String {
    match unit {
        Unit::Count => "count".into(),
        Unit::Money => currency.to_string(),
        Unit::Ratio => "percent".into(),
        Unit::Multiple => "multiple".into(),
        Unit::Months => "months".into(),
        Unit::Score => "score".into(),
    }
}

/// Rates are written as percentages (2.5 for 2.5 %), like they are typed.
fn in_unit(unit: Unit, value: Option<f64>) -> Option<f64> {
    match unit {
        Unit::Ratio => value.map(|v| v * 100.0),
        _ => value,
    }
}

/// Header of [`kpis_csv`].
pub const KPI_HEADER: [&str; 9] = [
    "Stage", "KPI", "KPI id", "Unit", "Target", "Baseline", "Forecast", "Actual", "Status",
];

/// Every tracked KPI: its goal's target for the month of `today`, baseline, the
/// forecast's first month and the actual and status of the month that contains `today`.
pub fn kpis_csv(plan: &Plan, today: Date) -> String {
    let forecast = kpi::evaluate(plan);
    let period = Period::month_of(today);
    let index = ActualIndex::new(&plan.actuals);
    let mut rows = Vec::new();
    for stage in Stage::ALL {
        for id in plan.tracked_kpis(stage) {
            let Some(def) = kpi::find(&id) else {
                continue;
            };
            let fc = forecast
                .iter()
                .find(|v| v.id == def.id)
                .and_then(|v| v.value);
            let (target, actual, status) = tracking::progress_in(plan, &index, def, period, today);
            rows.push(vec![
                text_cell(stage.name()),
                text_cell(def.name),
                text_cell(def.id),
                text_cell(&unit_word(def.unit, &plan.profile.currency)),
                number_cell(in_unit(def.unit, target)),
                number_cell(in_unit(def.unit, plan.baseline_of(def.id))),
                number_cell(in_unit(def.unit, fc)),
                number_cell(in_unit(def.unit, actual)),
                text_cell(status.map_or("", |s| s.name())),
            ]);
        }
    }
    document(&KPI_HEADER, rows)
}

/// Header of [`initiatives_csv`].
pub const INITIATIVE_HEADER: [&str; 10] = [
    "Initiative",
    "Stage",
    "Touchpoint",
    "Cost",
    "Currency",
    "Impact",
    "Confidence",
    "Ease",
    "Score",
    "Decision",
];

/// The decision as a word and the reason for not doing it, if any.
pub fn decision_words(decision: &Decision) -> (&'static str, &str) {
    match decision {
        Decision::NotDoing { reason } => (decision.label(), reason.as_str()),
        _ => (decision.label(), ""),
    }
}

/// Every initiative with its cost, ICE inputs, score (the plan's method), decision,
/// the reason when not doing it, and the rationale.
pub fn initiatives_csv(plan: &Plan) -> String {
    let digits = plan.currency_digits();
    let mut header: Vec<&str> = INITIATIVE_HEADER.to_vec();
    header.extend(["Reason", "Rationale"]);
    let rows = plan
        .strategy
        .initiatives
        .iter()
        .map(|i| {
            let touchpoint = i
                .touchpoint
                .as_deref()
                .and_then(|id| plan.touchpoint(id))
                .map_or("", |t| t.name.as_str());
            let (decision, reason) = decision_words(&i.decision);
            vec![
                text_cell(&i.title),
                text_cell(i.stage.name()),
                text_cell(touchpoint),
                text_cell(&i.cost.to_major_string(digits)),
                text_cell(&plan.profile.currency),
                number_cell(Some(i.ice.impact)),
                number_cell(Some(i.ice.confidence)),
                number_cell(Some(i.ice.ease)),
                number_cell(scoring::score(i, &plan.variants)),
                text_cell(decision),
                text_cell(reason),
                text_cell(&i.rationale),
            ]
        })
        .collect();
    document(&header, rows)
}

/// Header of [`actions_csv`].
pub const ACTION_HEADER: [&str; 11] = [
    "Action",
    "Owner",
    "Stage",
    "Start week",
    "End week",
    "Start date",
    "End date",
    "Status",
    "Budget",
    "Currency",
    "Initiative",
];

/// Every action of the 90-day plan with its weeks and dates.
pub fn actions_csv(plan: &Plan) -> String {
    let digits = plan.currency_digits();
    let start = parse_date(&plan.action.start_date).ok();
    let rows = plan
        .action
        .actions
        .iter()
        .map(|a| {
            let first = start.and_then(|s| tracking::week_start(s, a.start_week));
            let last = start.and_then(|s| tracking::week_end(s, a.end_week));
            let initiative = a
                .initiative
                .as_deref()
                .and_then(|id| plan.initiative(id))
                .map_or("", |i| i.title.as_str());
            vec![
                text_cell(&a.title),
                text_cell(&a.owner),
                text_cell(a.stage.name()),
                number_cell(Some(f64::from(a.start_week))),
                number_cell(Some(f64::from(a.end_week))),
                text_cell(&first.map(format_date).unwrap_or_default()),
                text_cell(&last.map(format_date).unwrap_or_default()),
                text_cell(a.status.label()),
                text_cell(&a.budget.to_major_string(digits)),
                text_cell(&plan.profile.currency),
                text_cell(initiative),
            ]
        })
        .collect();
    document(&ACTION_HEADER, rows)
}

/// The unit word of an input and its value as written: rates as percentages.
fn input_cells(input: &InputRef, value: Option<f64>, currency: &str) -> (String, Option<f64>) {
    match input.kind() {
        InputKind::Rate | InputKind::Growth => ("percent".into(), value.map(|v| v * 100.0)),
        InputKind::Count => ("count".into(), value),
        InputKind::Money => (currency.to_string(), value),
    }
}

/// Header of [`scenarios_csv`].
pub const SCENARIO_HEADER: [&str; 7] = [
    "Scenario",
    "Input",
    "Input id",
    "Stage",
    "Unit",
    "Base value",
    "Scenario value",
];

/// Every scenario's changes, one row per changed input with the base's value beside
/// the scenario's (a scenario that changes nothing has one row without an input).
pub fn scenarios_csv(plan: &Plan) -> String {
    let currency = plan.profile.currency.as_str();
    let mut rows = Vec::new();
    for s in &plan.scenarios {
        if s.overrides.is_empty() {
            let mut row = vec![text_cell(&s.name)];
            row.extend((1..SCENARIO_HEADER.len()).map(|_| String::new()));
            rows.push(row);
        }
        for o in &s.overrides {
            let (unit, base) = input_cells(&o.input, o.input.value(plan), currency);
            let (_, value) = input_cells(&o.input, Some(o.value), currency);
            rows.push(vec![
                text_cell(&s.name),
                text_cell(&o.input.label(plan)),
                text_cell(&o.input.to_string()),
                text_cell(o.input.stage(plan).map_or("", Stage::name)),
                text_cell(&unit),
                number_cell(base),
                number_cell(value),
            ]);
        }
    }
    document(&SCENARIO_HEADER, rows)
}

/// Header of [`ranges_csv`].
pub const RANGE_HEADER: [&str; 7] = [
    "Input",
    "Input id",
    "Stage",
    "Unit",
    "Low (10th percentile)",
    "Likely (the plan's value)",
    "High (90th percentile)",
];

/// Every range: the input's low, likely (the plan's own value) and high.
pub fn ranges_csv(plan: &Plan) -> String {
    let currency = plan.profile.currency.as_str();
    let rows = plan
        .ranges
        .iter()
        .map(|r| {
            let (unit, low) = input_cells(&r.input, Some(r.low), currency);
            let (_, likely) = input_cells(&r.input, r.input.value(plan), currency);
            let (_, high) = input_cells(&r.input, Some(r.high), currency);
            vec![
                text_cell(&r.input.label(plan)),
                text_cell(&r.input.to_string()),
                text_cell(r.input.stage(plan).map_or("", Stage::name)),
                text_cell(&unit),
                number_cell(low),
                number_cell(likely),
                number_cell(high),
            ]
        })
        .collect();
    document(&RANGE_HEADER, rows)
}

/// A file name stem from a plan's name: lowercase ASCII letters and digits joined by
/// hyphens ("Spring 2027: growth!" → "spring-2027-growth"), "plan" when nothing is left.
pub fn file_stem(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let trimmed = out.trim_end_matches('-');
    let short: String = trimmed.chars().take(60).collect();
    let short = short.trim_end_matches('-').to_string();
    if short.is_empty() {
        "plan".to_string()
    } else {
        short
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::money::Money;
    use crate::domain::plan::{Action, Initiative, Stage};
    use crate::domain::templates::Template;

    #[test]
    fn cells_are_quoted_and_guarded() {
        assert_eq!(text_cell("plain"), "plain");
        assert_eq!(text_cell("a,b"), "\"a,b\"");
        assert_eq!(text_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(text_cell("two\nlines"), "\"two\nlines\"");
        assert_eq!(text_cell("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(text_cell("+1"), "'+1");
        assert_eq!(text_cell("-2"), "'-2");
        assert_eq!(text_cell("@cmd"), "'@cmd");
        assert_eq!(text_cell("=1,2"), "\"'=1,2\"");
        assert_eq!(number_cell(Some(0.5)), "0.5");
        assert_eq!(number_cell(Some(f64::NAN)), "");
        assert_eq!(number_cell(None), "");
    }

    #[test]
    fn file_stems() {
        assert_eq!(file_stem("Spring 2027: growth!"), "spring-2027-growth");
        assert_eq!(file_stem("  Café  "), "caf");
        assert_eq!(file_stem("???"), "plan");
        assert_eq!(file_stem(&"a".repeat(100)).len(), 60);
    }

    #[test]
    fn kpis_have_header_and_rows() {
        let mut plan = Plan::new("p", "Test", 0, "2026-01-01");
        plan.set_goal_target(Stage::Convert, "conversion_rate", Some(0.02));
        plan.stages.convert.kpis[0].baseline = Some(0.015);
        let jan = Period::month(2026, 1).unwrap();
        tracking::set_actual(&mut plan, "conversion_rate", jan, Some(0.021));
        let csv = kpis_csv(&plan, parse_date("2026-01-31").unwrap());
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert_eq!(
            lines[0],
            "Stage,KPI,KPI id,Unit,Target,Baseline,Forecast,Actual,Status"
        );
        assert!(lines[1].starts_with("Convert,"));
        assert!(lines[1].contains(",conversion_rate,percent,2,1.5,"));
        assert!(lines[1].ends_with(",2.1,On track"));
        assert!(csv.ends_with("\r\n"));
        assert_eq!(lines.len(), 3);
    }

    #[test]
    fn initiatives_and_actions() {
        let mut plan = Plan::new("p", "Test", 0, "2026-01-05");
        plan.strategy.initiatives.push(Initiative {
            id: "i1".into(),
            title: "=HYPERLINK(\"x\")".into(),
            stage: Stage::Reach,
            cost: Money(123_450),
            decision: Decision::NotDoing {
                reason: "Too costly, for now".into(),
            },
            ..Initiative::default()
        });
        plan.action.actions.push(Action {
            id: "a1".into(),
            title: "Write guides".into(),
            owner: "Leo".into(),
            start_week: 2,
            end_week: 3,
            budget: Money(50_000),
            initiative: Some("i1".into()),
            ..Action::default()
        });
        let csv = initiatives_csv(&plan);
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert!(lines[0].starts_with("Initiative,Stage,Touchpoint,Cost"));
        assert_eq!(
            lines[1],
            "\"'=HYPERLINK(\"\"x\"\")\",Reach,,1234.50,USD,5,5,5,5,Not doing,\"Too costly, for now\","
        );
        let csv = actions_csv(&plan);
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert_eq!(lines[0], ACTION_HEADER.join(","));
        assert_eq!(
            lines[1],
            "Write guides,Leo,Reach,2,3,2026-01-12,2026-01-25,To do,500.00,USD,\"'=HYPERLINK(\"\"x\"\")\""
        );
    }

    #[test]
    fn scenarios_and_ranges_are_exported_guarded() {
        use crate::domain::plan::Touchpoint;
        use crate::domain::scenario::{Override, Scenario};
        use crate::domain::uncertainty::{FunnelInput, InputRange, TouchpointInput};
        let mut plan = Plan::new("p", "Test", 0, "2026-01-01");
        plan.funnel.convert_rate = 0.2;
        plan.stages.reach.touchpoints.push(Touchpoint {
            id: "tp".into(),
            name: "=cmd|' /C calc'!A0".into(),
            budget: Money(250_000),
            ..Touchpoint::default()
        });
        let budget = InputRef::Touchpoint {
            id: "tp".into(),
            field: TouchpointInput::Budget,
        };
        plan.scenarios = vec![
            Scenario {
                id: "s1".into(),
                name: "-Stretch, bold".into(),
                overrides: vec![
                    Override {
                        input: InputRef::Funnel(FunnelInput::ConvertRate),
                        value: 0.25,
                    },
                    Override {
                        input: budget.clone(),
                        value: 3000.5,
                    },
                ],
            },
            Scenario {
                id: "s2".into(),
                name: "Empty".into(),
                overrides: Vec::new(),
            },
        ];
        plan.ranges = vec![InputRange {
            input: budget,
            low: 2000.0,
            high: 3200.0,
        }];
        assert!(plan.validate().is_empty(), "{:?}", plan.validate());
        let csv = scenarios_csv(&plan);
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert_eq!(lines[0], SCENARIO_HEADER.join(","));
        assert_eq!(
            lines[1],
            "\"'-Stretch, bold\",Lead → customer rate (Convert),funnel:convert_rate,Convert,percent,20,25"
        );
        assert_eq!(
            lines[2],
            "\"'-Stretch, bold\",'=cmd|' /C calc'!A0: budget per month,touchpoint:tp:budget,Reach,USD,2500,3000.5"
        );
        assert_eq!(lines[3], "Empty,,,,,,");
        assert_eq!(lines.len(), 5);
        let csv = ranges_csv(&plan);
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert_eq!(lines[0], RANGE_HEADER.join(","));
        assert_eq!(
            lines[1],
            "'=cmd|' /C calc'!A0: budget per month,touchpoint:tp:budget,Reach,USD,2000,2500,3200"
        );
        assert_eq!(lines.len(), 3);
    }

    #[test]
    fn template_exports_every_row() {
        let plan = Template::ALL[0].build("p", 0, "2026-01-01");
        let csv = actions_csv(&plan);
        assert_eq!(csv.matches("\r\n").count(), plan.action.actions.len() + 1);
        let csv = initiatives_csv(&plan);
        assert!(csv.lines().count() > plan.strategy.initiatives.len());
        let kpis: usize = plan.stages.iter().map(|(_, s)| s.kpis.len()).sum();
        let csv = kpis_csv(&plan, parse_date("2026-02-01").unwrap());
        assert_eq!(csv.matches("\r\n").count(), kpis + 1);
    }
}
