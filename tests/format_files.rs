//! Plan files, backups, migrations and import checks.
// Native tests (the wasm build runs tests/wasm_*.rs in a browser).
#![cfg(not(target_arch = "wasm32"))]

use std::collections::HashSet;

use race_planner::domain::funnel::forward_funnel;
use race_planner::domain::kpi;
use race_planner::domain::measure::ActualIndex;
use race_planner::domain::money::Money;
use race_planner::domain::period::Period;
use race_planner::domain::plan::{Phasing, Plan, PlanBy, Stage, SCHEMA_VERSION};
use race_planner::format::document::{
    backup_file_name, classify, export_backup, export_plan, indent_json, iso_utc, parse_json,
    plan_file_name, read_plan_text, to_storage_json, Document,
};
use race_planner::format::error::{json_path_at, ImportError, LoadError};
use race_planner::format::import::{decode_text, import_file, is_valid_id, FileKind};
use race_planner::format::migrate::{migrate, read_newer_for_display};
use race_planner::format::MAX_IMPORT_BYTES;
use serde_json::{json, Value};

const V0: &str = include_str!("fixtures/plan-v0.json");
const V1: &str = include_str!("fixtures/plan-v1.json");
const V2: &str = include_str!("fixtures/plan-v2.json");
/// The v2 fixture in the current version, with two scenarios and two ranges.
const V3: &str = include_str!("fixtures/plan-v3.json");
/// When the v2 and v3 fixtures were exported: 2026-11-30T12:00:00Z.
const V3_EXPORTED_AT: i64 = 1_796_040_000_000;
const T0: i64 = 1_767_225_600_000; // 2026-01-01T00:00:00Z

fn no_ids() -> HashSet<String> {
    HashSet::new()
}

fn counter() -> impl FnMut() -> String {
    let mut n = 0;
    move || {
        n += 1;
        format!("new-{n}")
    }
}

fn sample_plan(id: &str, name: &str) -> Plan {
    let (mut plan, _) = read_plan_text(V3).unwrap();
    plan.id = id.into();
    plan.name = name.into();
    plan
}

fn import_err(bytes: &[u8]) -> ImportError {
    match import_file(bytes, &no_ids(), counter()) {
        Ok(r) => panic!("expected an error, got {} plans", r.plans.len()),
        Err(e) => e,
    }
}

/// The v3 (current) plan of the fixture with `edit` applied to its JSON.
fn v3_with(edit: impl FnOnce(&mut Value)) -> Vec<u8> {
    let mut value: Value = serde_json::from_str(V3).unwrap();
    edit(&mut value);
    serde_json::to_vec(&value).unwrap()
}

fn close(a: f64, b: f64) {
    assert!((a - b).abs() <= 1e-9 * b.abs().max(1.0), "{a} != {b}");
}

// --- Current version -------------------------------------------------------

#[test]
fn the_v3_fixture_imports_as_is() {
    let result = import_file(V3.as_bytes(), &no_ids(), counter()).unwrap();
    assert_eq!(result.kind, FileKind::Plan);
    assert!(result.notes.is_empty(), "{:?}", result.notes);
    let imported = &result.plans[0];
    assert!(!imported.report.migrated());
    assert!(imported.report.steps.is_empty());
    assert_eq!(imported.original_id, None);
    let plan = &imported.plan;
    assert_eq!(plan.id, "spring-launch-2026");
    assert_eq!(plan.name, "Spring launch 2026");
    assert_eq!(plan.schema_version, SCHEMA_VERSION);
    assert_eq!(plan.revision, 0, "an imported plan is new here");
    assert_eq!(plan.funnel.act_rate, 0.05);
    assert_eq!(plan.funnel.aov, Money(8550));
    assert_eq!(plan.funnel.repeat_orders, 1.5);
    assert_eq!(plan.stages.reach.touchpoints.len(), 3);
    assert_eq!(plan.stages.reach.touchpoints[0].budget, Money(250000));
    assert_eq!(plan.stages.reach.touchpoints[0].plan_by, PlanBy::Cpc);
    assert_eq!(plan.stages.reach.touchpoints[2].plan_by, PlanBy::Cpm);
    assert_eq!(plan.objective("obj-1").unwrap().phasing, Phasing::Ramp);
    assert_eq!(plan.main_goal().unwrap().id, "obj-revenue");
    assert_eq!(plan.actuals[2].measure, "spend");
    assert_eq!(plan.actuals[2].touchpoint.as_deref(), Some("tp-1"));
    assert!(plan.validate().is_empty());
}

#[test]
fn the_v3_fixture_reads_unchanged() {
    // A file in the current version is read as it is: exporting what was read gives
    // the same text, byte for byte.
    let (plan, report) = read_plan_text(V3).unwrap();
    assert!(!report.migrated());
    assert_eq!(report.from_version, SCHEMA_VERSION);
    assert_eq!(plan.revision, 7);
    assert_eq!(export_plan(&plan, V3_EXPORTED_AT), V3.trim_end());
    // And its storage form reads back to the same plan.
    let (stored, _) = read_plan_text(&to_storage_json(&plan)).unwrap();
    assert_eq!(stored, plan);
    // Its first month, by hand: Google ads buy $2,500 ÷ $0.25 = 10,000 clicks × 80 %
    // landing = 8,000 sessions; Instagram $600 ÷ $6 CPM × 1,000 = 100,000 impressions ×
    // 1 % CTR = 1,000 sessions; 9,000 sessions × 5 % = 450 leads × 20 % = 90 online
    // customers + 300 contacts × 10 % = 30 offline = 120 new customers.
    let m = &forward_funnel(&plan).months[0];
    close(m.sessions, 9_000.0);
    close(m.leads, 450.0);
    close(m.customers, 120.0);
    // $85.50 × (120 first orders + 120 × 25 % × 1.5 = 45 repeat orders) = $14,107.50.
    close(m.first_revenue, 10_260.0);
    close(m.repeat_revenue, 3_847.5);
    close(m.revenue, 14_107.5);
}

#[test]
fn export_then_import_gives_the_same_plan() {
    let plan = sample_plan("p1", "Round trip");
    let text = export_plan(&plan, T0);
    assert!(
        text.contains("\"format\": \"race-planner/plan\""),
        "pretty for people"
    );
    assert!(text.contains("\"exported_at\": \"2026-01-01T00:00:00Z\""));
    let back = import_file(text.as_bytes(), &no_ids(), counter()).unwrap();
    let mut expected = plan.clone();
    expected.revision = 0;
    assert_eq!(back.plans[0].plan, expected);
}

#[test]
fn storage_json_is_compact_and_reads_back() {
    let plan = sample_plan("p1", "Compact");
    let text = to_storage_json(&plan);
    assert!(!text.contains('\n'));
    assert!(text.starts_with(&format!("{{\"schema_version\":{SCHEMA_VERSION},")));
    let (back, report) = read_plan_text(&text).unwrap();
    assert_eq!(back, plan);
    assert!(!report.migrated());
}

#[test]
fn names_with_markup_stay_plain_text() {
    let name = "<script>alert('x')</script> & <b>\"bold\"</b>";
    let plan = sample_plan("p1", name);
    let text = export_plan(&plan, T0);
    let back = import_file(text.as_bytes(), &no_ids(), counter()).unwrap();
    assert_eq!(back.plans[0].plan.name, name);
    let (stored, _) = read_plan_text(&to_storage_json(&plan)).unwrap();
    assert_eq!(stored.name, name);
    assert_eq!(
        back.plans[0].plan.stages.act.touchpoints[0].name,
        "Newsletter sign-up <b>10% off</b>"
    );
}

#[test]
fn a_bare_plan_object_is_accepted() {
    let plan = sample_plan("bare-1", "Bare");
    let text = serde_json::to_string(&plan).unwrap();
    let result = import_file(text.as_bytes(), &no_ids(), counter()).unwrap();
    assert_eq!(result.kind, FileKind::Plan);
    assert_eq!(result.plans[0].plan.id, "bare-1");
}

// --- Version 2 -------------------------------------------------------------

#[test]
fn the_v2_fixture_migrates_in_one_step_with_no_scenarios_or_ranges() {
    let result = import_file(V2.as_bytes(), &no_ids(), counter()).unwrap();
    let imported = &result.plans[0];
    assert_eq!(imported.report.from_version, 2);
    assert_eq!(imported.report.to_version, SCHEMA_VERSION);
    assert_eq!(
        imported.report.steps,
        vec!["Scenarios and ranges added, none yet."]
    );
    assert!(result
        .notes
        .iter()
        .any(|n| n.contains("from data version 2 to 3")));
    let plan = &imported.plan;
    assert_eq!(plan.schema_version, 3);
    assert!(plan.scenarios.is_empty());
    assert!(plan.ranges.is_empty());
    assert!(plan.validate().is_empty(), "{:?}", plan.validate());
    // Everything else reads as the v3 fixture's base does.
    let (current, _) = read_plan_text(V3).unwrap();
    let mut without = current.clone();
    without.revision = 0;
    without.scenarios.clear();
    without.ranges.clear();
    // The v3 fixture also sets the budget split's fields, which version 2 did not have.
    without.allocation = Default::default();
    for id in ["tp-2"] {
        if let Some(tp) = without.touchpoint_mut(id) {
            tp.split = Default::default();
        }
    }
    assert_eq!(plan, &without);
    // Exported again, it is the v3 fixture without its scenarios and ranges.
    let text = export_plan(plan, V3_EXPORTED_AT);
    assert!(!text.contains("\"scenarios\""));
    assert!(!text.contains("\"ranges\""));
}

#[test]
fn v2_keys_named_like_scenarios_and_ranges_are_dropped_by_the_migration() {
    // Version 2 ignored these keys; bad content under them must not stop the file.
    let mut value: Value = serde_json::from_str(V2).unwrap();
    value["plan"]["scenarios"] = json!("not a list");
    value["plan"]["ranges"] = json!([{"input": "nothing"}]);
    let bytes = serde_json::to_vec(&value).unwrap();
    let result = import_file(&bytes, &no_ids(), counter()).unwrap();
    assert!(result.plans[0].plan.scenarios.is_empty());
    assert!(result.plans[0].plan.ranges.is_empty());
}

#[test]
fn scenarios_and_ranges_of_the_v3_fixture_are_read() {
    use race_planner::domain::uncertainty::{FunnelInput, InputRef, TouchpointInput};
    let (plan, _) = read_plan_text(V3).unwrap();
    assert_eq!(plan.scenarios.len(), 2);
    assert_eq!(plan.scenarios[0].name, "Stretch");
    assert_eq!(
        plan.scenarios[0].overrides[0].input,
        InputRef::Funnel(FunnelInput::ConvertRate)
    );
    assert_eq!(
        plan.scenarios[1].overrides[1].input,
        InputRef::InitiativeCost { id: "ini-1".into() }
    );
    assert_eq!(plan.ranges.len(), 2);
    assert_eq!(
        plan.ranges[1].input,
        InputRef::Touchpoint {
            id: "tp-1".into(),
            field: TouchpointInput::Cpc
        }
    );
    assert_eq!((plan.ranges[1].low, plan.ranges[1].high), (0.2, 0.35));
}

#[test]
fn hostile_scenarios_and_ranges_are_refused_with_their_paths() {
    // Too many scenarios.
    let bytes = v3_with(|v| {
        let one = v["plan"]["scenarios"][0].clone();
        let list: Vec<Value> = (0..21)
            .map(|i| {
                let mut s = one.clone();
                s["id"] = json!(format!("s-{i}"));
                s
            })
            .collect();
        v["plan"]["scenarios"] = Value::Array(list);
    });
    match import_err(&bytes) {
        ImportError::File(LoadError::Invalid(errors)) => {
            assert!(errors.iter().any(|e| e.path == "scenarios"), "{errors:?}")
        }
        other => panic!("unexpected {other:?}"),
    }
    // An input that is not one.
    let bytes = v3_with(|v| v["plan"]["ranges"][0]["input"] = json!("funnel:colour"));
    match import_err(&bytes) {
        ImportError::File(LoadError::Shape { path, message }) => {
            assert!(path.ends_with("ranges[0].input"), "{path}");
            assert!(message.contains("is not a plan input"), "{message}");
        }
        other => panic!("unexpected {other:?}"),
    }
    // A rate above 100 %, a low above the high, a value that is not finite-looking.
    let bytes = v3_with(|v| {
        v["plan"]["ranges"][0]["high"] = json!(1.5);
        v["plan"]["ranges"][1]["low"] = json!(0.5);
        v["plan"]["scenarios"][0]["overrides"][0]["value"] = json!(-0.1);
    });
    match import_err(&bytes) {
        ImportError::File(LoadError::Invalid(errors)) => {
            let paths: Vec<&str> = errors.iter().map(|e| e.path.as_str()).collect();
            assert!(paths.contains(&"ranges[0].high"), "{paths:?}");
            assert!(paths.contains(&"ranges[1].high"), "{paths:?}");
            assert!(
                paths.contains(&"scenarios[0].overrides[0].value"),
                "{paths:?}"
            );
        }
        other => panic!("unexpected {other:?}"),
    }
    // A scenario with more changes than any list may hold is stopped by the list cap.
    let bytes = v3_with(|v| {
        v["plan"]["scenarios"][0]["overrides"] = Value::Array(vec![
            json!(0);
            race_planner::format::import::MAX_LIST_ITEMS
                + 1
        ]);
    });
    match import_err(&bytes) {
        ImportError::File(LoadError::Shape { path, .. }) => {
            assert_eq!(path, "plan.scenarios[0].overrides")
        }
        other => panic!("unexpected {other:?}"),
    }
}

// --- Version 1 -------------------------------------------------------------

#[test]
fn the_v1_fixture_opens_with_the_same_figures() {
    let result = import_file(V1.as_bytes(), &no_ids(), counter()).unwrap();
    let imported = &result.plans[0];
    assert_eq!(imported.report.from_version, 1);
    assert_eq!(imported.report.steps.len(), 2);
    assert!(result
        .notes
        .iter()
        .any(|n| n.contains("from data version 1 to 3")));
    let plan = &imported.plan;
    assert_eq!(plan.schema_version, SCHEMA_VERSION);
    assert_eq!(plan.id, "spring-launch-2026");
    assert_eq!(plan.funnel.act_rate, 0.05);
    assert_eq!(plan.funnel.aov, Money(8550));
    assert_eq!(plan.stages.reach.touchpoints.len(), 2);
    assert_eq!(plan.stages.reach.touchpoints[0].budget, Money(250000));
    assert!(plan.validate().is_empty(), "{:?}", plan.validate());

    // Volumes stay typed, with one further order per repeat customer.
    assert!(plan.touchpoints().all(|t| t.plan_by == PlanBy::Volume));
    assert_eq!(plan.funnel.repeat_orders, 1.0);
    assert_eq!(plan.main_goal, None);

    // The first month as v1 computed it, by hand: 8,000 sessions (the search ads; the
    // newsletter is at Act, the loyalty emails at Engage) × 5 % = 400 leads × 20 % = 80
    // online customers; 300 stand contacts × 10 % = 30 offline; 110 new customers.
    // v1 revenue = 110 × 1 order × $85.50 = $9,405; v1 repeat revenue (shown beside it)
    // = 110 × 25 % = 27.5 repeat customers × $85.50 = $2,351.25.
    let m = &forward_funnel(plan).months[0];
    close(m.sessions, 8_000.0);
    close(m.leads, 400.0);
    close(m.online_customers, 80.0);
    close(m.offline_customers, 30.0);
    close(m.customers, 110.0);
    close(m.first_revenue, 9_405.0);
    close(m.repeat_customers, 27.5);
    close(m.repeat_revenue, 2_351.25);
    // Revenue now counts both parts: $9,405 + $2,351.25.
    close(m.revenue, 11_756.25);

    // Each v1 KPI target is now the target of the goal on that KPI.
    let targets = [
        (Stage::Reach, "sessions", 30_000.0),
        (Stage::Act, "lead_rate", 0.06),
        (Stage::Convert, "conversion_rate", 0.22),
        (Stage::Engage, "repeat_purchase_rate", 0.3),
    ];
    for (stage, id, target) in targets {
        let goal = plan
            .goal_for(id)
            .unwrap_or_else(|| panic!("a goal on {id}"));
        assert_eq!(goal.target, Some(target), "{id}");
        assert_eq!(goal.phasing, Phasing::Even, "{id}");
        assert_eq!(goal.kpi_stage(), stage, "{id}");
        assert!(plan.tracked_kpis(stage).contains(&id.to_string()), "{id}");
        // Even phasing asks for the same number every month, as v1 did.
        for month in [0, 5, 11] {
            assert_eq!(
                race_planner::domain::goal::kpi_target_in_month(plan, id, month),
                Some(target)
            );
        }
    }
    // The sessions target went into the objective that already had it; the others
    // became new goals due at the end of the plan (12 months from 2026-03-01).
    assert_eq!(plan.goal_for("sessions").unwrap().id, "obj-1");
    let lead = plan.goal_for("lead_rate").unwrap();
    assert_eq!(lead.id, "goal-lead_rate");
    assert_eq!(lead.deadline.as_deref(), Some("2027-02-28"));
    assert_eq!(lead.description, "Reach the Session → lead rate target");
    assert_eq!(plan.opportunity.objectives.len(), 4);
    // Stage KPIs keep their baselines.
    assert_eq!(plan.baseline_of("conversion_rate"), Some(0.17));

    // Actuals: the `kpi` key became `measure`; the ratio typed in v1 is kept and is
    // the actual while no raw numbers exist for its period.
    assert_eq!(plan.actuals[0].measure, "sessions");
    assert_eq!(plan.actuals[1].measure, "conversion_rate");
    assert_eq!(plan.actuals[1].value, 0.18);
    assert_eq!(plan.actuals[1].touchpoint, None);
    let index = ActualIndex::new(&plan.actuals);
    let conversion = kpi::find("conversion_rate").unwrap();
    let w12 = Period::week(2026, 12).unwrap();
    let march = Period::month(2026, 3).unwrap();
    assert_eq!(index.kpi_actual(plan, conversion, w12), Some(0.18));
    assert_eq!(index.kpi_actual(plan, conversion, march), Some(0.18));
    let sessions = kpi::find("sessions").unwrap();
    assert_eq!(index.kpi_actual(plan, sessions, march), Some(21_000.0));
    // Once raw numbers are recorded, the rate is derived from them: 420 customers
    // (none offline) ÷ 21,000 sessions = 2 %.
    let mut with_raw = plan.clone();
    race_planner::domain::tracking::set_actual(&mut with_raw, "customers", march, Some(420.0));
    let index = ActualIndex::new(&with_raw.actuals);
    close(
        index.kpi_actual(&with_raw, conversion, march).unwrap(),
        0.02,
    );
    // The review snapshot keeps what it recorded.
    assert_eq!(plan.action.reviews[0].snapshot[0].target, Some(0.22));
}

#[test]
fn a_v1_kpi_target_without_an_objective_gets_a_goal_with_a_fresh_id() {
    let mut value: Value = serde_json::from_str(V1).unwrap();
    // An id that the new goal would take is already used elsewhere in the plan.
    value["plan"]["strategy"]["initiatives"][0]["id"] = json!("goal-lead_rate");
    value["plan"]["action"]["actions"][0]["initiative"] = json!("goal-lead_rate");
    // And an objective on the conversion rate without a target takes the KPI's.
    value["plan"]["opportunity"]["objectives"]
        .as_array_mut()
        .unwrap()
        .push(json!({
            "id": "obj-conv",
            "stage": "convert",
            "kpi": "conversion_rate",
            "description": "Convert more mobile visits",
            "target": null
        }));
    let result = import_file(value.to_string().as_bytes(), &no_ids(), counter()).unwrap();
    let plan = &result.plans[0].plan;
    assert_eq!(plan.goal_for("lead_rate").unwrap().id, "goal-lead_rate-2");
    let conv = plan.goal_for("conversion_rate").unwrap();
    assert_eq!(conv.id, "obj-conv");
    assert_eq!(conv.target, Some(0.22));
    assert!(plan.validate().is_empty(), "{:?}", plan.validate());
}

// --- Version 0 -------------------------------------------------------------

#[test]
fn the_v0_fixture_migrates_to_the_current_version() {
    let (plan, report) = migrate(serde_json::from_str(V0).unwrap()).unwrap();
    assert_eq!(report.from_version, 0);
    assert_eq!(report.to_version, SCHEMA_VERSION);
    assert!(report.migrated());
    // Three steps: 0 → 1, 1 → 2, then 2 → 3.
    assert_eq!(report.steps.len(), 3);
    assert!(report.steps[0].contains("Touchpoints moved to their stages"));
    assert!(report.steps[1].contains("became goals"));
    assert_eq!(plan.schema_version, SCHEMA_VERSION);
    assert_eq!(plan.id, "autumn-draft");
    // title → name
    assert_eq!(plan.name, "Autumn draft plan");
    // percents → fractions
    assert_eq!(plan.funnel.traffic_growth, 0.03);
    assert_eq!(plan.funnel.act_rate, 0.025);
    assert_eq!(plan.funnel.convert_rate, 0.12);
    assert_eq!(plan.funnel.offline_convert_rate, 0.3);
    assert_eq!(plan.funnel.repeat_rate, 0.4);
    assert_eq!(plan.funnel.gross_margin, 0.8);
    assert_eq!(plan.funnel.retention_rate, 0.85);
    assert_eq!(plan.funnel.discount_rate, 0.08);
    assert_eq!(plan.funnel.churn_rate, 0.015);
    assert_eq!(plan.opportunity.baseline.repeat_rate, Some(0.35));
    // counts untouched
    assert_eq!(plan.funnel.sessions_per_user, 1.4);
    assert_eq!(plan.opportunity.baseline.sessions, Some(8000.0));
    // major units → minor units (EUR has 2 decimals)
    assert_eq!(plan.funnel.aov, Money(149_999));
    assert_eq!(plan.funnel.arpa, Money(4_990));
    assert_eq!(plan.funnel.marketing_cost_other, Money(1_200_000));
    assert_eq!(plan.opportunity.baseline.revenue, Some(Money(4_500_050)));
    assert_eq!(
        plan.opportunity.baseline.marketing_spend,
        Some(Money(900_000))
    );
    // flat touchpoints → per stage
    assert_eq!(plan.stages.reach.touchpoints.len(), 1);
    assert_eq!(plan.stages.reach.touchpoints[0].id, "tp-1");
    assert_eq!(plan.stages.reach.touchpoints[0].budget, Money(250_050));
    assert_eq!(plan.stages.act.touchpoints[0].name, "Webinar");
    assert_eq!(plan.stages.convert.touchpoints[0].id, "tp-3");
    assert!(plan.stages.engage.touchpoints.is_empty());
    // revision and creation time
    assert_eq!(plan.revision, 0);
    assert_eq!(plan.created_at, 1_754_000_000_000);
    assert_eq!(plan.updated_at, 1_754_000_000_000);
    // untouched parts
    assert_eq!(plan.profile.currency, "EUR");
    assert_eq!(plan.opportunity.objectives[0].target, Some(300.0));
    // v0 had no stage KPI targets: the one objective stays the only goal, and the
    // fields added in v2 take their defaults.
    assert_eq!(plan.opportunity.objectives.len(), 1);
    assert_eq!(plan.goal_for("leads").unwrap().id, "obj-1");
    assert_eq!(plan.funnel.repeat_orders, 1.0);
    assert_eq!(plan.stages.reach.touchpoints[0].plan_by, PlanBy::Volume);
    assert_eq!(plan.main_goal, None);
    assert!(plan.validate().is_empty(), "{:?}", plan.validate());
}

#[test]
fn v0_money_follows_the_currency_decimals() {
    let mut value: Value = serde_json::from_str(V0).unwrap();
    value["profile"]["currency"] = json!("JPY");
    value["funnel"]["aov"] = json!(12000);
    let (plan, _) = migrate(value.clone()).unwrap();
    assert_eq!(plan.funnel.aov, Money(12000));
    value["profile"]["currency"] = json!("KWD");
    let (plan, _) = migrate(value).unwrap();
    assert_eq!(plan.funnel.aov, Money(12_000_000));
}

#[test]
fn the_v0_fixture_imports_with_a_note() {
    let result = import_file(V0.as_bytes(), &no_ids(), counter()).unwrap();
    assert!(result.plans[0].report.migrated());
    assert!(
        result
            .notes
            .iter()
            .any(|n| n.contains(&format!("updated from data version 0 to {SCHEMA_VERSION}"))),
        "{:?}",
        result.notes
    );
}

#[test]
fn a_v0_touchpoint_without_a_known_stage_is_reported_at_its_path() {
    let mut value: Value = serde_json::from_str(V0).unwrap();
    value["touchpoints"][1]["stage"] = json!("awareness");
    match migrate(value) {
        Err(LoadError::Shape { path, .. }) => assert_eq!(path, "touchpoints[1].stage"),
        other => panic!("{other:?}"),
    }
    let mut value: Value = serde_json::from_str(V0).unwrap();
    value["funnel"]["act_rate"] = json!("2.5 %");
    match migrate(value) {
        Err(LoadError::Shape { path, .. }) => assert_eq!(path, "funnel.act_rate"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_v0_percent_out_of_range_is_invalid_after_migration() {
    let mut value: Value = serde_json::from_str(V0).unwrap();
    value["funnel"]["act_rate"] = json!(250);
    match migrate(value) {
        Err(LoadError::Invalid(errors)) => {
            assert_eq!(errors[0].path, "funnel.act_rate");
            assert_eq!(errors[0].message, "must be between 0 and 100 %");
        }
        other => panic!("{other:?}"),
    }
}

// --- Newer versions --------------------------------------------------------

#[test]
fn a_newer_plan_file_is_refused_with_both_versions() {
    let bytes = v3_with(|v| v["schema_version"] = json!(SCHEMA_VERSION + 1));
    match import_err(&bytes) {
        ImportError::File(LoadError::NewerVersion { found, supported }) => {
            assert_eq!(found, SCHEMA_VERSION + 1);
            assert_eq!(supported, SCHEMA_VERSION);
        }
        other => panic!("{other:?}"),
    }
    let message = import_err(&bytes).to_string();
    assert!(
        message.contains("newer version of RACE Planner"),
        "{message}"
    );
}

#[test]
fn a_newer_stored_plan_is_refused_but_can_be_shown() {
    let mut value: Value = serde_json::from_str(V3).unwrap();
    let mut plan = value["plan"].take();
    let newer = SCHEMA_VERSION + 1;
    plan["schema_version"] = json!(newer);
    plan["a_field_from_the_future"] = json!({"x": 1});
    assert_eq!(
        migrate(plan.clone()).unwrap_err(),
        LoadError::NewerVersion {
            found: newer,
            supported: SCHEMA_VERSION
        }
    );
    let shown = read_newer_for_display(&plan).unwrap();
    assert_eq!(shown.name, "Spring launch 2026");
    assert_eq!(
        shown.schema_version, newer,
        "it keeps saying which version it is"
    );
    plan["stages"] = json!("reshaped in a newer version");
    assert!(read_newer_for_display(&plan).is_none());
}

// --- Backups ---------------------------------------------------------------

#[test]
fn a_backup_round_trips_every_plan() {
    let plans = vec![sample_plan("a", "First"), sample_plan("b", "Second")];
    let text = export_backup(&plans, T0);
    assert!(text.contains("\"format\": \"race-planner/backup\""));
    let result = import_file(text.as_bytes(), &no_ids(), counter()).unwrap();
    assert_eq!(result.kind, FileKind::Backup);
    let names: Vec<&str> = result.plans.iter().map(|p| p.plan.name.as_str()).collect();
    assert_eq!(names, ["First", "Second"]);
    assert!(result.skipped.is_empty());
}

#[test]
fn duplicate_ids_get_new_ids_and_a_note() {
    let plans = vec![
        sample_plan("a", "Taken here"),
        sample_plan("b", "Free"),
        sample_plan("b", "Twice in the file"),
    ];
    let text = export_backup(&plans, T0);
    let existing: HashSet<String> = ["a".to_string()].into();
    let result = import_file(text.as_bytes(), &existing, counter()).unwrap();
    let ids: Vec<&str> = result.plans.iter().map(|p| p.plan.id.as_str()).collect();
    assert_eq!(ids, ["new-1", "b", "new-2"]);
    assert_eq!(result.plans[0].original_id.as_deref(), Some("a"));
    assert_eq!(result.plans[2].original_id.as_deref(), Some("b"));
    assert_eq!(result.notes.len(), 2);
    assert!(result.notes[0].contains("Taken here"));
    assert!(result.notes[0].contains("same id as an existing plan"));
}

#[test]
fn an_id_source_that_repeats_itself_does_not_hang_the_import() {
    let existing: HashSet<String> = ["a".to_string(), "same".to_string()].into();
    let text = export_plan(&sample_plan("a", "X"), T0);
    let result = import_file(text.as_bytes(), &existing, || "same".to_string()).unwrap();
    assert_eq!(result.plans[0].plan.id, "imported-1");
}

#[test]
fn unsafe_ids_are_replaced() {
    assert!(is_valid_id("spring-launch_2026"));
    assert!(!is_valid_id("a:b"));
    assert!(!is_valid_id(""));
    assert!(!is_valid_id(&"x".repeat(65)));
    let text = export_plan(&sample_plan("../race-planner:index", "Sneaky"), T0);
    let result = import_file(text.as_bytes(), &no_ids(), counter()).unwrap();
    assert_eq!(result.plans[0].plan.id, "new-1");
    assert!(result.notes[0].contains("cannot be used"));
}

#[test]
fn a_backup_skips_bad_plans_and_says_why() {
    let mut value: Value = serde_json::from_str(&export_backup(
        &[sample_plan("a", "Good"), sample_plan("b", "Bad")],
        T0,
    ))
    .unwrap();
    value["plans"][1]["stages"]["reach"]["touchpoints"][0]["budget"] = json!(-100);
    let result = import_file(value.to_string().as_bytes(), &no_ids(), counter()).unwrap();
    assert_eq!(result.plans.len(), 1);
    assert_eq!(result.skipped.len(), 1);
    let problem = &result.skipped[0];
    assert_eq!(problem.index, 1);
    assert_eq!(problem.name.as_deref(), Some("Bad"));
    assert_eq!(
        problem.to_string(),
        "Plan \u{201c}Bad\u{201d}: stages.reach.touchpoints[0].budget: must not be negative"
    );
    // Every plan bad: nothing to import.
    value["plans"][0]["horizon_months"] = json!(0);
    match import_err(value.to_string().as_bytes()) {
        ImportError::NoUsablePlans(problems) => assert_eq!(problems.len(), 2),
        other => panic!("{other:?}"),
    }
}

#[test]
fn an_empty_backup_imports_nothing_and_says_so() {
    let text = export_backup(&[], T0);
    let result = import_file(text.as_bytes(), &no_ids(), counter()).unwrap();
    assert!(result.plans.is_empty());
    assert_eq!(result.notes, ["The backup holds no plans."]);
}

// --- Import checks ---------------------------------------------------------

#[test]
fn the_size_is_checked_before_anything_is_read() {
    let bytes = vec![0xFF; MAX_IMPORT_BYTES + 1]; // not even text
    match import_err(&bytes) {
        ImportError::File(LoadError::TooLarge { bytes, limit }) => {
            assert_eq!(bytes, MAX_IMPORT_BYTES + 1);
            assert_eq!(limit, MAX_IMPORT_BYTES);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(MAX_IMPORT_BYTES, 10_000_000);
    assert_eq!(
        import_err(&vec![b' '; MAX_IMPORT_BYTES + 1]).to_string(),
        "The file is 10.1 MB; files up to 10 MB can be imported."
    );
}

#[test]
fn text_with_a_byte_order_mark_is_read() {
    let mut bytes = vec![0xEF, 0xBB, 0xBF];
    bytes.extend_from_slice(V3.as_bytes());
    assert_eq!(
        import_file(&bytes, &no_ids(), counter())
            .unwrap()
            .plans
            .len(),
        1
    );
    let mut utf16 = vec![0xFF, 0xFE];
    for unit in V3.encode_utf16() {
        utf16.extend_from_slice(&unit.to_le_bytes());
    }
    assert_eq!(
        import_file(&utf16, &no_ids(), counter())
            .unwrap()
            .plans
            .len(),
        1
    );
    assert_eq!(decode_text(&[0xC3, 0x28]), Err(LoadError::NotText));
    assert_eq!(
        import_err(&[0xC3, 0x28]),
        ImportError::File(LoadError::NotText)
    );
}

#[test]
fn empty_files_are_named_as_such() {
    assert_eq!(import_err(b""), ImportError::File(LoadError::Empty));
    assert_eq!(import_err(b"  \n "), ImportError::File(LoadError::Empty));
}

#[test]
fn broken_json_reports_line_and_column() {
    let text = "{\n  \"format\": \"race-planner/plan\",\n  \"plan\": {\n}";
    match import_err(text.as_bytes()) {
        ImportError::File(LoadError::Syntax { line, column, .. }) => {
            assert_eq!(line, 4);
            assert!(column >= 1);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn deeply_nested_input_is_refused_by_the_parser() {
    let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
    match import_err(deep.as_bytes()) {
        ImportError::File(LoadError::Syntax { message, .. }) => {
            assert!(message.contains("nested too deeply"), "{message}")
        }
        other => panic!("{other:?}"),
    }
    // Nested inside a field of an otherwise good plan.
    let inner = format!("{}1{}", "[".repeat(150), "]".repeat(150));
    let text = V3.replacen("\"Spring launch 2026\"", &inner, 1);
    assert!(matches!(
        import_err(text.as_bytes()),
        ImportError::File(LoadError::Syntax { .. })
    ));
    // 100 levels are fine for the parser (then it is simply not a plan).
    let ok = format!("{}{}", "[".repeat(100), "]".repeat(100));
    assert!(parse_json(&ok).is_ok());
}

#[test]
fn nan_and_infinity_are_not_json() {
    for bad in ["NaN", "Infinity", "-Infinity"] {
        let text = V3.replacen("\"act_rate\": 0.05", &format!("\"act_rate\": {bad}"), 1);
        assert_ne!(text, V3);
        assert!(
            matches!(
                import_err(text.as_bytes()),
                ImportError::File(LoadError::Syntax { .. })
            ),
            "{bad}"
        );
    }
}

#[test]
fn wrong_types_are_reported_with_the_field_path() {
    let bytes =
        v3_with(|v| v["plan"]["stages"]["reach"]["touchpoints"][1]["budget"] = json!("a lot"));
    match import_err(&bytes) {
        ImportError::File(LoadError::Shape { path, message }) => {
            assert_eq!(path, "stages.reach.touchpoints[1].budget");
            assert_eq!(message, "should be a whole number, not text \"a lot\"");
        }
        other => panic!("{other:?}"),
    }
    let bytes = v3_with(|v| v["plan"]["funnel"]["act_rate"] = json!([1]));
    match import_err(&bytes) {
        ImportError::File(e @ LoadError::Shape { .. }) => {
            assert_eq!(
                e.to_string(),
                "funnel.act_rate: should be a number, not a list"
            )
        }
        other => panic!("{other:?}"),
    }
    let bytes = v3_with(|v| v["plan"]["stages"]["act"]["touchpoints"][0]["media"] = json!("radio"));
    match import_err(&bytes) {
        ImportError::File(LoadError::Shape { path, message }) => {
            assert_eq!(path, "stages.act.touchpoints[0].media");
            assert!(
                message.contains("\"radio\" is not allowed here"),
                "{message}"
            );
        }
        other => panic!("{other:?}"),
    }
    let bytes = v3_with(|v| {
        v["plan"]["actuals"][0]
            .as_object_mut()
            .unwrap()
            .remove("measure");
    });
    match import_err(&bytes) {
        ImportError::File(LoadError::Shape { path, message }) => {
            assert_eq!(path, "actuals[0].measure");
            assert_eq!(message, "is missing");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn values_out_of_range_are_reported_with_the_field_path() {
    let bytes = v3_with(|v| {
        v["plan"]["stages"]["reach"]["touchpoints"][1]["budget"] = json!(-1);
        v["plan"]["funnel"]["convert_rate"] = json!(2.5);
    });
    let error = import_err(&bytes);
    match &error {
        ImportError::File(LoadError::Invalid(errors)) => {
            let listed: Vec<String> = errors.iter().map(ToString::to_string).collect();
            assert!(
                listed.contains(&"funnel.convert_rate: must be between 0 and 100 %".to_string())
            );
            assert!(listed
                .contains(&"stages.reach.touchpoints[1].budget: must not be negative".to_string()));
        }
        other => panic!("{other:?}"),
    }
    assert!(error
        .to_string()
        .starts_with("The plan in this file has errors: "));
}

#[test]
fn other_json_is_not_a_plan_file() {
    for text in [
        "{\"hello\": 1}",
        "[1, 2, 3]",
        "\"race-planner\"",
        "{\"format\": \"something/else\", \"schema_version\": 1}",
    ] {
        assert_eq!(
            import_err(text.as_bytes()),
            ImportError::File(LoadError::NotAPlanFile),
            "{text}"
        );
    }
    let bytes = v3_with(|v| {
        v.as_object_mut().unwrap().remove("plan");
    });
    match import_err(&bytes) {
        ImportError::File(LoadError::Shape { path, message }) => {
            assert_eq!((path.as_str(), message.as_str()), ("plan", "is missing"))
        }
        other => panic!("{other:?}"),
    }
    let bytes = v3_with(|v| v["schema_version"] = json!("one"));
    assert!(matches!(
        import_err(&bytes),
        ImportError::File(LoadError::Shape { .. })
    ));
}

#[test]
fn classify_sets_the_envelope_version_on_the_plan() {
    let value = parse_json(V1).unwrap();
    match classify(value).unwrap() {
        Document::Plan(plan) => assert_eq!(plan["schema_version"], json!(1)),
        other => panic!("{other:?}"),
    }
    match classify(parse_json(V3).unwrap()).unwrap() {
        Document::Plan(plan) => assert_eq!(plan["schema_version"], json!(3)),
        other => panic!("{other:?}"),
    }
}

// --- Names and times -------------------------------------------------------

#[test]
fn times_and_file_names() {
    assert_eq!(iso_utc(0), "1970-01-01T00:00:00Z");
    assert_eq!(iso_utc(T0), "2026-01-01T00:00:00Z");
    assert_eq!(iso_utc(1_709_210_096_789), "2024-02-29T12:34:56Z");
    assert_eq!(iso_utc(-1_000), "1969-12-31T23:59:59Z");
    let plan = sample_plan("p", "Spring Launch: EU & UK!");
    assert_eq!(
        plan_file_name(&plan, T0),
        "spring-launch-eu-uk-2026-01-01.race-plan.json"
    );
    assert_eq!(
        plan_file_name(&sample_plan("p", "<>"), T0),
        "plan-2026-01-01.race-plan.json"
    );
    assert_eq!(backup_file_name(T0), "race-planner-backup-2026-01-01.json");
}

/// Where `serde_json` stops with an error, by what it had read: the path of that value.
#[test]
fn an_error_position_names_the_field_at_fault() {
    let at = |text: &str, upto: &str, missing: bool| {
        let column = text.find(upto).map(|i| i + upto.len()).unwrap();
        json_path_at(text, column, missing)
    };
    let text = r#"{"a":{"b":[1,{"c":"x"},[2,3]]},"d\"e":true,"f":{},"g":[]}"#;
    assert_eq!(at(text, r#""c":"x""#, false), "a.b[1].c");
    assert_eq!(at(text, "[2,3", false), "a.b[2][1]");
    assert_eq!(at(text, r#""a":{"b":["#, false), "a.b");
    assert_eq!(at(text, r#""d\"e":true"#, false), "d\"e");
    assert_eq!(at(text, r#""c":"x""#, true), "a.b[1]");
    assert_eq!(at(text, r#""f":{"#, true), "f");
    assert_eq!(at(text, r#""g":["#, false), "g");
    assert_eq!(json_path_at(text, 0, false), "");
    assert_eq!(json_path_at(text, 10_000, false), "");
}

#[test]
fn a_missing_field_in_an_empty_item_is_reported_at_its_path() {
    let bytes = v3_with(|v| v["plan"]["actuals"][1] = json!({}));
    match import_err(&bytes) {
        ImportError::File(LoadError::Shape { path, message }) => {
            assert!(path.starts_with("actuals[1]."), "{path}");
            assert_eq!(message, "is missing");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn exported_files_are_laid_out_like_serde_json_pretty_printing() {
    use race_planner::domain::{sample::large_plan, templates::Template};
    let mut plans: Vec<Plan> = Template::ALL
        .iter()
        .map(|t| t.build("p-1", 0, "2026-01-01"))
        .collect();
    let mut tricky = large_plan(3);
    tricky.name = "Quotes \" braces {[,:]} and \\ back\\\"slashes\n\t é 🚀".into();
    plans.push(tricky);
    for plan in &plans {
        let value = serde_json::to_value(plan).unwrap();
        assert_eq!(
            indent_json(&serde_json::to_string(&value).unwrap()),
            serde_json::to_string_pretty(&value).unwrap()
        );
    }
    assert_eq!(
        indent_json("{\"a\":[],\"b\":{},\"c\":[{}]}"),
        "{\n  \"a\": [],\n  \"b\": {},\n  \"c\": [\n    {}\n  ]\n}"
    );
}

#[test]
fn stored_plans_read_the_same_at_once_as_through_the_migrations() {
    use race_planner::domain::{sample::large_plan, templates::Template};
    let mut plans: Vec<Plan> = Template::ALL
        .iter()
        .map(|t| t.build("p-1", 0, "2026-01-01"))
        .collect();
    plans.push(large_plan(5));
    for plan in &plans {
        let text = to_storage_json(plan);
        let (read, report) = read_plan_text(&text).unwrap();
        assert!(!report.migrated());
        let (slow, _) = migrate(parse_json(&text).unwrap()).unwrap();
        assert!(read == slow, "{}", plan.name);
        // Stored again, it is the same text.
        assert!(
            to_storage_json(&read) == to_storage_json(&slow),
            "{}",
            plan.name
        );
        assert_eq!(read.name, plan.name);
        assert_eq!(read.actuals.len(), plan.actuals.len());
    }
    // A stored plan with a bad value still says where.
    let text = to_storage_json(&plans[0]).replacen(
        "\"horizon_months\":12",
        "\"horizon_months\":\"12\"",
        1,
    );
    match read_plan_text(&text) {
        Err(LoadError::Shape { path, .. }) => assert_eq!(path, "horizon_months"),
        other => panic!("{other:?}"),
    }
}

// --- Limits ----------------------------------------------------------------

#[test]
fn a_text_too_long_is_refused_and_named() {
    let name = "x".repeat(race_planner::format::import::MAX_TEXT_CHARS + 1);
    let bytes = v3_with(|v| {
        let plan = v
            .get_mut("plan")
            .unwrap_or_else(|| panic!("no plan in the fixture"));
        plan["name"] = Value::String(name);
    });
    match import_err(&bytes) {
        ImportError::File(LoadError::Shape { path, message }) => {
            assert_eq!(path, "plan.name");
            assert!(message.contains("10001 characters"), "{message}");
        }
        other => panic!("unexpected {other:?}"),
    }
    // At the limit, it is kept.
    let ok = v3_with(|v| {
        v["plan"]["name"] = Value::String("y".repeat(race_planner::format::import::MAX_TEXT_CHARS));
    });
    assert!(import_file(&ok, &no_ids(), counter()).is_ok());
}

#[test]
fn a_list_too_long_is_refused_and_named() {
    let bytes = v3_with(|v| {
        v["plan"]["actuals"] = Value::Array(vec![
            json!(0);
            race_planner::format::import::MAX_LIST_ITEMS + 1
        ]);
    });
    match import_err(&bytes) {
        ImportError::File(LoadError::Shape { path, message }) => {
            assert_eq!(path, "plan.actuals");
            assert!(message.contains("100001 items"), "{message}");
        }
        other => panic!("unexpected {other:?}"),
    }
}

// --- The budget split's fields ----------------------------------------------

#[test]
fn the_split_fields_round_trip_through_files_and_storage() {
    use race_planner::domain::allocation::{AllocationSettings, CurvePoint, Outcome};
    let (plan, _) = read_plan_text(V3).unwrap();
    // The fixture sets them on one touchpoint and on the plan.
    let trade_show = plan.touchpoint("tp-2").unwrap();
    assert_eq!(
        trade_show.split.points,
        vec![
            CurvePoint {
                spend: Money(100_000),
                volume: 800.0
            },
            CurvePoint {
                spend: Money(300_000),
                volume: 1900.0
            },
        ]
    );
    assert_eq!(trade_show.split.min_budget, Some(Money(50_000)));
    assert_eq!(trade_show.split.max_budget, Some(Money(400_000)));
    assert_eq!(
        plan.allocation,
        AllocationSettings {
            total: Some(Money(1_000_000)),
            outcome: Outcome::Revenue
        }
    );
    // Other touchpoints have none, written as {}.
    assert_eq!(plan.touchpoint("tp-1").unwrap().split, Default::default());
    let exported: Value = serde_json::from_str(&export_plan(&plan, V3_EXPORTED_AT)).unwrap();
    assert_eq!(
        exported["plan"]["stages"]["reach"]["touchpoints"][0]["split"],
        json!({})
    );
    // Storage and export both read back to the same plan.
    let (stored, _) = read_plan_text(&to_storage_json(&plan)).unwrap();
    assert_eq!(stored, plan);
    let back = import_file(
        export_plan(&plan, V3_EXPORTED_AT).as_bytes(),
        &no_ids(),
        counter(),
    )
    .unwrap();
    assert_eq!(
        back.plans[0].plan.touchpoint("tp-2").unwrap().split,
        trade_show.split
    );
    assert_eq!(back.plans[0].plan.allocation, plan.allocation);
}

#[test]
fn a_plan_without_the_split_fields_reads_with_their_defaults() {
    use race_planner::domain::allocation::{AllocationSettings, Outcome};
    let bytes = v3_with(|v| {
        v["plan"].as_object_mut().unwrap().remove("allocation");
        for tp in v["plan"]["stages"]["reach"]["touchpoints"]
            .as_array_mut()
            .unwrap()
        {
            tp.as_object_mut().unwrap().remove("split");
        }
    });
    let result = import_file(&bytes, &no_ids(), counter()).unwrap();
    let plan = &result.plans[0].plan;
    assert_eq!(plan.allocation, AllocationSettings::default());
    assert_eq!(plan.allocation.outcome, Outcome::NewCustomers);
    assert_eq!(plan.allocation.total, None);
    assert!(plan.touchpoints().all(|t| t.split == Default::default()));
    // Stored plans of before too (the storage form is the bare plan).
    let mut bare: Value = serde_json::from_str(&to_storage_json(plan)).unwrap();
    bare.as_object_mut().unwrap().remove("allocation");
    let (stored, _) = read_plan_text(&bare.to_string()).unwrap();
    assert_eq!(stored.allocation, AllocationSettings::default());
    // Older versions migrate to them as well.
    let (v1, _) = read_plan_text(V1).unwrap();
    assert_eq!(v1.allocation, AllocationSettings::default());
    assert!(v1.touchpoints().all(|t| t.split == Default::default()));
}

#[test]
fn hostile_split_fields_are_refused_at_their_path() {
    type Case = (&'static str, fn(&mut Value), &'static str, &'static str);
    let cases: [Case; 6] = [
        (
            "three points",
            |v| {
                v["plan"]["stages"]["reach"]["touchpoints"][1]["split"]["points"] = json!([
                    { "spend": 1, "volume": 1 },
                    { "spend": 2, "volume": 2 },
                    { "spend": 3, "volume": 3 }
                ])
            },
            "stages.reach.touchpoints[1].split.points",
            "must hold at most two points",
        ),
        (
            "a negative spend",
            |v| {
                v["plan"]["stages"]["reach"]["touchpoints"][1]["split"]["points"][0]["spend"] =
                    json!(-5)
            },
            "stages.reach.touchpoints[1].split.points[0].spend",
            "must not be negative",
        ),
        (
            "a negative volume",
            |v| {
                v["plan"]["stages"]["reach"]["touchpoints"][1]["split"]["points"][1]["volume"] =
                    json!(-1.5)
            },
            "stages.reach.touchpoints[1].split.points[1].volume",
            "must not be negative",
        ),
        (
            "a negative maximum",
            |v| {
                v["plan"]["stages"]["reach"]["touchpoints"][0]["split"] =
                    json!({ "max_budget": -100 })
            },
            "stages.reach.touchpoints[0].split.max_budget",
            "must not be negative",
        ),
        (
            "a minimum above the maximum",
            |v| {
                v["plan"]["stages"]["reach"]["touchpoints"][1]["split"]["min_budget"] =
                    json!(900_000)
            },
            "stages.reach.touchpoints[1].split.min_budget",
            "must not be above the maximum budget",
        ),
        (
            "a negative total",
            |v| v["plan"]["allocation"]["total"] = json!(-1),
            "allocation.total",
            "must not be negative",
        ),
    ];
    for (what, edit, path, message) in cases {
        match import_err(&v3_with(edit)) {
            ImportError::File(LoadError::Invalid(errors)) => {
                assert_eq!(errors.len(), 1, "{what}: {errors:?}");
                assert_eq!(errors[0].path, path, "{what}");
                assert_eq!(errors[0].message, message, "{what}");
            }
            other => panic!("{what}: {other:?}"),
        }
    }
    // A point that is not a number, an unknown outcome: refused as the wrong shape.
    for edit in [
        (|v: &mut Value| {
            v["plan"]["stages"]["reach"]["touchpoints"][1]["split"]["points"][0]["volume"] =
                json!("many")
        }) as fn(&mut Value),
        |v: &mut Value| v["plan"]["allocation"]["outcome"] = json!("happiness"),
    ] {
        assert!(matches!(
            import_err(&v3_with(edit)),
            ImportError::File(LoadError::Shape { .. })
        ));
    }
}
