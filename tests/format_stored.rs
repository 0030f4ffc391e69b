//! Documents kept in storage beside the plans, and the JSON Schema in the docs.
// Native tests (the wasm build runs tests/wasm_*.rs in a browser).
#![cfg(not(target_arch = "wasm32"))]

use race_planner::domain::plan::Plan;
use race_planner::format::error::LoadError;
use race_planner::format::stored::{
    fingerprint, name_in_damaged_text, DrawnOverview, Glance, Index, IndexEntry, Meta, RecoveryDoc,
    MAX_GLANCE_BYTES, STORED_DOC_VERSION,
};
use serde_json::Value;

const T0: i64 = 1_767_225_600_000;

fn plan(id: &str, name: &str, updated_at: i64) -> Plan {
    let mut p = Plan::new(id, name, T0, "2026-01-01");
    p.updated_at = updated_at;
    p
}

#[test]
fn the_index_lists_recent_plans_first_and_replaces_entries() {
    let index = Index::new(vec![IndexEntry::of(&plan("a", "A", T0))])
        .with(IndexEntry::of(&plan("b", "B", T0 + 5)))
        .with(IndexEntry::of(&plan("a", "A renamed", T0 + 9)));
    assert_eq!(index.schema_version, STORED_DOC_VERSION);
    let names: Vec<&str> = index.plans.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(names, ["A renamed", "B"]);
    let back = Index::from_json(&index.to_json()).unwrap();
    assert_eq!(back, index);
    assert_eq!(back.without("a").plans.len(), 1);
    assert!(Index::from_json("{broken").is_none());
}

#[test]
fn recovery_documents_keep_the_text_exactly() {
    let raw = "{\"name\": \"Half a plan\", \"funnel\": {";
    let error = LoadError::Empty;
    let doc = RecoveryDoc::new("a", Some("Half a plan".into()), T0, &error, raw);
    let back = RecoveryDoc::from_json(&doc.to_json()).unwrap();
    assert_eq!(back.raw, raw);
    assert_eq!(back.error, "The file is empty.");
    assert!(RecoveryDoc::from_json(raw).is_none());
}

#[test]
fn a_damaged_meta_reads_as_empty() {
    assert_eq!(Meta::from_json("not json"), Meta::default());
    let mut meta = Meta::default();
    meta.backup.note_export(T0);
    let back = Meta::from_json(&meta.to_json());
    assert_eq!(back.backup, meta.backup);
    assert_eq!(back.schema_version, STORED_DOC_VERSION);
}

#[test]
fn names_are_found_in_damaged_text_when_possible() {
    assert_eq!(
        name_in_damaged_text("{\"name\": \"Q3\", \"funnel\": 7}").as_deref(),
        Some("Q3")
    );
    assert_eq!(
        name_in_damaged_text("{\"plan\": {\"name\": \"Inner\"}}").as_deref(),
        Some("Inner")
    );
    assert_eq!(name_in_damaged_text("{\"name\": "), None);
}

/// Every field a plan is written with is described in the JSON Schema of the docs, and
/// the schema describes no field that a plan is not written with.
#[test]
fn the_json_schema_describes_every_field_of_a_plan() {
    let schema: Value =
        serde_json::from_str(include_str!("../docs/plan.schema.json")).expect("valid JSON");
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    let defs = &schema["$defs"];
    let version = serde_json::json!(race_planner::domain::plan::SCHEMA_VERSION);
    assert_eq!(
        defs["plan"]["properties"]["schema_version"]["const"],
        version
    );
    assert_eq!(
        defs["plan_file"]["properties"]["schema_version"]["const"],
        version
    );
    assert_eq!(
        defs["backup_file"]["properties"]["schema_version"]["const"],
        version
    );
    let (full, _) = race_planner::format::read_plan_text(include_str!("fixtures/plan-v3.json"))
        .expect("fixture");
    let value = serde_json::to_value(&full).unwrap();
    // The fixture uses what v2 and v3 added, so the places below hold every field.
    assert_eq!(value["stages"]["reach"]["touchpoints"][0]["plan_by"], "cpc");
    assert!(value["actuals"][2]["touchpoint"].is_string());
    let kpis = &defs["stage_plan"]["properties"]["kpis"]["items"];
    let snapshot = &defs["review"]["properties"]["snapshot"]["items"];
    // (where in the plan, which definition describes it)
    let places: [(&Value, &Value, &str); 19] = [
        (&value, &defs["plan"], "plan"),
        (&value["scenarios"][0], &defs["scenario"], "scenario"),
        (
            &value["scenarios"][0]["overrides"][0],
            &defs["override"],
            "override",
        ),
        (&value["ranges"][0], &defs["range"], "range"),
        (&value["profile"], &defs["profile"], "profile"),
        (&value["variants"], &defs["variants"], "variants"),
        (&value["funnel"], &defs["funnel"], "funnel"),
        (&value["opportunity"], &defs["opportunity"], "opportunity"),
        (
            &value["opportunity"]["baseline"],
            &defs["baseline"],
            "baseline",
        ),
        (
            &value["opportunity"]["objectives"][0],
            &defs["objective"],
            "objective",
        ),
        (&value["stages"]["reach"], &defs["stage_plan"], "stage_plan"),
        (
            &value["stages"]["reach"]["kpis"][0],
            kpis,
            "stage_plan.kpis",
        ),
        (
            &value["stages"]["reach"]["touchpoints"][0],
            &defs["touchpoint"],
            "touchpoint",
        ),
        (&value["strategy"], &defs["strategy"], "strategy"),
        (
            &value["strategy"]["initiatives"][0],
            &defs["initiative"],
            "initiative",
        ),
        (&value["action"], &defs["action_plan"], "action_plan"),
        (&value["action"]["actions"][0], &defs["action"], "action"),
        (&value["action"]["reviews"][0], &defs["review"], "review"),
        (
            &value["action"]["reviews"][0]["snapshot"][0],
            snapshot,
            "review.snapshot",
        ),
    ];
    for (object, def, name) in places {
        let properties = def["properties"]
            .as_object()
            .unwrap_or_else(|| panic!("$defs.{name}.properties"));
        let keys = object
            .as_object()
            .unwrap_or_else(|| panic!("{name} in the plan"));
        for key in keys.keys() {
            assert!(properties.contains_key(key), "$defs.{name} lacks {key}");
        }
        // Every field of these objects is always written: the schema lists no other.
        for key in properties.keys() {
            assert!(
                keys.contains_key(key),
                "$defs.{name} describes {key}, never written"
            );
        }
    }
    // An actual names its touchpoint only when it has one.
    let actual = defs["actual"]["properties"].as_object().unwrap();
    for a in value["actuals"].as_array().unwrap() {
        for key in a.as_object().unwrap().keys() {
            assert!(actual.contains_key(key), "$defs.actual lacks {key}");
        }
    }
    let mut written: Vec<&str> = value["actuals"][2]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    let mut described: Vec<&str> = actual.keys().map(String::as_str).collect();
    written.sort_unstable();
    described.sort_unstable();
    assert_eq!(written, described);
    assert_eq!(
        defs["actual"]["required"],
        serde_json::json!(["measure", "period", "value"])
    );
}

/// The schema printed in the format guide is the schema file.
#[test]
fn the_format_guide_shows_the_schema_file() {
    let guide = include_str!("../docs/plan-format.md");
    let schema = include_str!("../docs/plan.schema.json");
    let start = guide.rfind("```json\n").expect("a json block") + "```json\n".len();
    let end = start + guide[start..].find("\n```").expect("end of block");
    assert_eq!(&guide[start..end], schema.trim_end());
}

fn glance(from: &str, until: &str) -> Glance {
    Glance {
        schema_version: STORED_DOC_VERSION,
        revision: 4,
        build: "abc".into(),
        locale: "de-DE".into(),
        status: "Not started".into(),
        overview: Some(DrawnOverview {
            html: "<h1>Overview</h1>".into(),
            from: from.into(),
            until: until.into(),
        }),
    }
}

#[test]
fn a_glance_describes_one_revision_of_one_build_and_its_overview_holds_for_its_days() {
    let g = glance("2026-03-10", "2026-03-31");
    assert_eq!(Glance::from_json(&g.to_json()), Some(g.clone()));
    assert!(g.describes(4, "abc"));
    assert!(!g.describes(5, "abc"), "the plan was stored again since");
    assert!(!g.describes(4, "abd"), "another build of the app");
    assert_eq!(g.overview_on("2026-03-10"), Some("<h1>Overview</h1>"));
    assert_eq!(g.overview_on("2026-03-31"), Some("<h1>Overview</h1>"));
    assert_eq!(g.overview_on("2026-04-01"), None, "a new month");
    assert_eq!(g.overview_on("2026-03-09"), None, "the clock went back");
    assert_eq!(g.overview_on("10/03/2026"), None);
    assert_eq!(glance("2026-03-10", "junk").overview_on("2026-03-10"), None);
    let mut home_only = g.clone();
    home_only.overview = None;
    assert_eq!(home_only.overview_on("2026-03-10"), None);
}

#[test]
fn a_glance_of_another_version_or_too_long_is_not_read() {
    let mut g = glance("2026-03-10", "2026-03-31");
    g.schema_version = STORED_DOC_VERSION + 1;
    assert_eq!(Glance::from_json(&g.to_json()), None);
    let mut big = glance("2026-03-10", "2026-03-31");
    if let Some(o) = big.overview.as_mut() {
        o.html = "x".repeat(MAX_GLANCE_BYTES);
    }
    assert_eq!(Glance::from_json(&big.to_json()), None);
    assert_eq!(Glance::from_json("{\"revision\":1}"), None);
}

#[test]
fn a_glance_with_markup_the_overview_never_draws_is_not_shown() {
    let with = |html: &str| {
        let mut g = glance("2026-03-10", "2026-03-31");
        if let Some(o) = g.overview.as_mut() {
            o.html = html.into();
        }
        g.overview_on("2026-03-12").map(str::to_owned)
    };
    let fine =
        r#"<h1>Overview</h1><span class="status status-on">✓ On track</span> based on sessions=3"#;
    assert_eq!(with(fine).as_deref(), Some(fine));
    for bad in [
        "<h1>Overview</h1><script src=x></script>",
        "<h1 onclick=\"alert(1)\">Overview</h1>",
        "<svg ONLOAD = x>",
        "<META http-equiv=refresh content=0>",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<p style=\"position:fixed\">x</p>",
        "<img src=https://example.com/x.png>",
    ] {
        assert_eq!(with(bad), None, "{bad}");
    }
}

#[test]
fn an_index_entry_knows_the_text_the_plan_was_stored_as() {
    let text = "{\"schema_version\":3,\"name\":\"A\"}";
    let entry = IndexEntry::of(&plan("a", "A", T0)).stored_as(text);
    assert!(entry.is_stored_as(text));
    assert!(
        !entry.is_stored_as("{\"schema_version\":9,\"name\":\"A\"}"),
        "changed by hand"
    );
    assert!(
        !entry.is_stored_as("{\"schema_version\":3,\"name\":\"A\""),
        "cut short"
    );
    assert!(
        !IndexEntry::of(&plan("a", "A", T0)).is_stored_as(text),
        "unknown"
    );
    assert_eq!(fingerprint(text), fingerprint(text));
    assert_ne!(fingerprint("ab"), fingerprint("ba"));
    // Read from an index written before the field existed: unknown.
    let old = r#"{"schema_version":1,"plans":[{"id":"a","name":"A","updated_at":1,"revision":2,"schema_version":3}]}"#;
    let index = Index::from_json(old).unwrap();
    assert_eq!(index.plans[0].text, "");
}
