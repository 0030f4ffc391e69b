//! The plan model: construction, helpers, setters, validation and JSON.

#![cfg(not(target_arch = "wasm32"))]

use race_planner::domain::money::Money;
use race_planner::domain::period::Period;
use race_planner::domain::plan::*;
use race_planner::domain::templates::Template;

fn template() -> Plan {
    Template::EcommerceB2c.build("p1", 1_767_225_600_000, "2026-01-05")
}

fn paths(plan: &Plan) -> Vec<String> {
    plan.validate().into_iter().map(|e| e.path).collect()
}

#[test]
fn a_new_plan_is_blank_usable_and_valid() {
    let plan = Plan::new("p1", "My plan", 1_000, "2026-03-01");
    assert_eq!(plan.schema_version, SCHEMA_VERSION);
    assert_eq!(plan.profile.currency, "USD");
    assert_eq!(plan.profile.locale, "en-US");
    assert_eq!(plan.horizon_months, 12);
    assert_eq!(plan.action.start_date, "2026-03-01");
    assert_eq!(plan.validate(), vec![]);
    assert_eq!(plan.touchpoints().count(), 0);
}

#[test]
fn missing_fields_load_with_defaults() {
    let plan: Plan =
        serde_json::from_str(r#"{"id":"x","name":"Sparse plan","schema_version":3}"#).unwrap();
    assert_eq!(plan.horizon_months, 12);
    assert_eq!(plan.funnel.orders_per_customer, 1.0);
    assert_eq!(plan.funnel.repeat_orders, 1.0);
    assert_eq!(plan.main_goal, None);
    assert_eq!(plan.validate(), vec![]);
}

#[test]
fn json_shape_is_readable() {
    let plan = template();
    let v: serde_json::Value = serde_json::to_value(&plan).unwrap();
    assert_eq!(v["stages"]["reach"]["touchpoints"][0]["budget"], 900_000);
    assert_eq!(v["stages"]["reach"]["touchpoints"][0]["media"], "paid");
    assert_eq!(
        v["strategy"]["initiatives"][4]["decision"]["kind"],
        "not_doing"
    );
    assert_eq!(v["profile"]["market"], "b2c");
    let mut with_actual = plan.clone();
    with_actual.actuals.push(Actual {
        measure: "sessions".into(),
        period: Period::week(2026, 5).unwrap(),
        value: 10_000.0,
        source: Source::Imported {
            file: "ga4.csv".into(),
        },
        touchpoint: None,
    });
    with_actual.actuals.push(Actual {
        measure: "spend".into(),
        period: Period::month(2026, 2).unwrap(),
        value: 9_000.0,
        source: Source::Typed,
        touchpoint: Some("tp-shopping".into()),
    });
    let v = serde_json::to_value(&with_actual).unwrap();
    assert_eq!(v["actuals"][0]["measure"], "sessions");
    assert_eq!(v["actuals"][0]["period"], "2026-W05");
    assert_eq!(v["actuals"][0]["source"]["kind"], "imported");
    // A plan-level actual has no touchpoint key at all; a touchpoint's names it.
    assert!(v["actuals"][0].get("touchpoint").is_none());
    assert!(v["actuals"][0].get("kpi").is_none());
    assert_eq!(v["actuals"][1]["touchpoint"], "tp-shopping");
    // Goals, touchpoints' plan_by and the main goal are written out.
    assert_eq!(v["opportunity"]["objectives"][0]["phasing"], "even");
    assert_eq!(v["stages"]["reach"]["touchpoints"][0]["plan_by"], "volume");
    assert_eq!(v["stages"]["reach"]["touchpoints"][0]["landing_rate"], 1.0);
    assert_eq!(
        v["funnel"]["repeat_orders"],
        serde_json::json!(plan.funnel.repeat_orders)
    );
    assert_eq!(v["main_goal"], serde_json::Value::Null);
    assert!(v["stages"]["reach"]["kpis"][0].get("target").is_none());
    // Actuals written by v1 with a "kpi" key still read.
    let old: Actual =
        serde_json::from_str(r#"{"kpi":"ctr","period":"2026-01","value":0.02}"#).unwrap();
    assert_eq!(old.measure, "ctr");
    assert_eq!(old.touchpoint, None);
}

#[test]
fn stage_basics() {
    assert_eq!(Stage::ALL.len(), 4);
    for s in Stage::ALL {
        assert_eq!(Stage::from_slug(s.slug()), Some(s));
        assert!(!s.purpose().is_empty());
    }
    assert_eq!(Stage::Convert.name(), "Convert");
    assert_eq!(Stage::from_slug("nope"), None);
}

#[test]
fn finders_and_ids() {
    let mut plan = template();
    assert_eq!(
        plan.touchpoint("tp-seo").unwrap().name,
        "SEO trail guides (blog)"
    );
    assert_eq!(plan.touchpoint_stage("tp-phone"), Some(Stage::Convert));
    assert!(plan.initiative("ini-tv").is_some());
    assert!(plan.action("act-build").is_some());
    assert!(plan.objective("obj-traffic").is_some());
    assert_eq!(plan.stage_kpi("nps").map(|(s, _)| s), Some(Stage::Engage));
    // obj-traffic, listed on the Reach page, then the template's CTR and CPC goals.
    let reach: Vec<&str> = plan
        .objectives_for(Stage::Reach)
        .iter()
        .map(|o| o.kpi.as_str())
        .collect();
    assert_eq!(reach, ["sessions", "ctr", "cpc"]);
    assert_eq!(plan.objectives_for(Stage::Reach)[0].id, "obj-traffic");
    plan.touchpoint_mut("tp-seo").unwrap().monthly_volume = 1.0;
    assert_eq!(plan.touchpoint("tp-seo").unwrap().monthly_volume, 1.0);
    let id = plan.next_id("tp");
    assert!(!plan.id_in_use(&id));
    assert!(plan.remove_touchpoint("tp-seo").is_some());
    assert!(plan.touchpoint("tp-seo").is_none());
    // The initiative pointing at the removed touchpoint is now reported.
    assert!(paths(&plan).contains(&"strategy.initiatives[0].touchpoint".to_string()));
    plan.touch(5);
    assert_eq!(plan.revision, 1);
    assert_eq!(plan.updated_at, 5);
}

#[test]
fn setters_refuse_bad_input_and_leave_the_plan_unchanged() {
    let mut plan = template();
    let tp = plan.touchpoint_mut("tp-seo").unwrap();
    assert_eq!(
        tp.set_budget(Money(-1)).unwrap_err().message,
        "Must not be negative"
    );
    assert!(tp.set_monthly_volume(f64::NAN).is_err());
    assert!(tp.set_monthly_volume(-3.0).is_err());
    assert!(tp.set_impressions(Some(f64::INFINITY)).is_err());
    assert!(tp.set_clicks(Some(10.0)).is_ok());
    assert_eq!(tp.budget, Money(250_000));

    let f = &mut plan.funnel;
    assert!(FunnelField::ActRate.set(f, 1.5).is_err());
    assert!(FunnelField::ActRate.set(f, -0.1).is_err());
    assert!(FunnelField::ActRate.set(f, f64::NAN).is_err());
    assert_eq!(f.act_rate, 0.08);
    assert!(FunnelField::TrafficGrowth.set(f, -0.05).is_ok());
    assert!(FunnelField::OrdersPerCustomer.set(f, 2.0).is_ok());
    assert!(f.set_money(FunnelMoney::Aov, Money(-5)).is_err());
    for field in FunnelField::ALL {
        assert_eq!(field.check(field.get(f)), None, "{}", field.key());
    }

    let ini = plan.initiative_mut("ini-hub").unwrap();
    let bad_ice = IceInputs {
        impact: 11.0,
        confidence: 5.0,
        ease: 5.0,
    };
    assert!(ini.set_ice(bad_ice).is_err());
    assert!(ini
        .set_rice(RiceInputs {
            reach: 10.0,
            impact: 1.0,
            confidence: 0.8,
            effort: 0.0
        })
        .is_err());
    assert!(ini.set_cost(Money(-1)).is_err());

    let action = plan.action_mut("act-build").unwrap();
    assert!(action.set_weeks(5, 14).is_err());
    assert!(action.set_weeks(6, 5).is_err());
    assert!(action.set_weeks(0, 5).is_err());
    assert!(action.set_weeks(2, 13).is_ok());
    assert!(action.set_budget(Money(-1)).is_err());

    assert!(CapabilityScore::new(None, "Analytics", 6).is_err());
    assert!(CapabilityScore::new(Some(Stage::Act), " ", 3).is_err());
    assert!(CapabilityScore::new(Some(Stage::Act), "Forms", 3).is_ok());
    assert!(plan.set_horizon_months(0).is_err());
    assert!(plan.set_horizon_months(61).is_err());
    assert!(plan.set_horizon_months(24).is_ok());
    assert_eq!(plan.validate(), vec![]);
}

#[test]
fn validate_reports_every_bad_field_with_its_path() {
    let mut plan = template();
    plan.stages.reach.touchpoints[3].budget = Money(-100);
    plan.stages.reach.touchpoints[1].monthly_volume = f64::NAN;
    plan.stages.act.touchpoints[0].id = String::new();
    plan.stages.engage.touchpoints[0].id = "tp-seo".into();
    plan.funnel.act_rate = 1.2;
    plan.funnel.convert_rate = -0.1;
    plan.funnel.traffic_growth = f64::INFINITY;
    plan.funnel.aov = Money(-1);
    plan.profile.currency = "dollars".into();
    plan.profile.start_date = "2026-02-30".into();
    plan.horizon_months = 0;
    plan.opportunity.capability[0].score = 9;
    plan.opportunity.objectives[0].deadline = Some("soon".into());
    plan.opportunity.objectives[1].kpi = "made_up".into();
    // The conversion rate's target lives in its goal (objectives[2], "obj-mobile").
    plan.set_goal_target(Stage::Convert, "conversion_rate", Some(2.0));
    plan.main_goal = Some("ghost".into());
    plan.strategy.initiatives[0].ice.impact = 0.0;
    plan.strategy.initiatives[1].rice.effort = 0.0;
    plan.strategy.initiatives[4].decision = Decision::NotDoing { reason: " ".into() };
    plan.action.actions[0].end_week = 14;
    plan.action.actions[1].start_week = 9;
    plan.action.actions[1].end_week = 3;
    plan.action.actions[2].initiative = Some("ghost".into());
    plan.actuals.push(Actual {
        measure: "ctr".into(),
        period: Period::month(2026, 1).unwrap(),
        value: 2.5,
        source: Source::Typed,
        touchpoint: None,
    });
    plan.actuals.push(Actual {
        measure: "made_up".into(),
        period: Period::month(2026, 1).unwrap(),
        value: 1.0,
        source: Source::Typed,
        touchpoint: None,
    });
    plan.actuals.push(Actual {
        measure: "spend".into(),
        period: Period::month(2026, 1).unwrap(),
        value: 1.0,
        source: Source::Typed,
        touchpoint: Some("tp-ghost".into()),
    });
    let errors = plan.validate();
    let has = |path: &str, message: &str| {
        errors
            .iter()
            .any(|e| e.path == path && e.message.contains(message))
    };
    assert!(
        has("stages.reach.touchpoints[3].budget", "must not be negative"),
        "{errors:#?}"
    );
    assert!(has(
        "stages.reach.touchpoints[1].monthly_volume",
        "must be a number"
    ));
    assert!(has("stages.act.touchpoints[0].id", "must not be empty"));
    assert!(has("stages.engage.touchpoints[0].id", "must be unique"));
    assert!(has("funnel.act_rate", "between 0 and 100 %"));
    assert!(has("funnel.convert_rate", "between 0 and 100 %"));
    assert!(has("funnel.traffic_growth", "must be a number"));
    assert!(has("funnel.aov", "must not be negative"));
    assert!(has("profile.currency", "ISO 4217"));
    assert!(has("profile.start_date", "YYYY-MM-DD"));
    assert!(has("horizon_months", "between 1 and 60"));
    assert!(has("opportunity.capability[0].score", "between 1 and 5"));
    assert!(has("opportunity.objectives[0].deadline", "YYYY-MM-DD"));
    assert!(has("opportunity.objectives[1].kpi", "not a KPI"));
    assert!(has(
        "opportunity.objectives[2].target",
        "between 0 and 100 %"
    ));
    assert!(has("main_goal", "does not exist"));
    assert!(has(
        "strategy.initiatives[0].ice.impact",
        "between 1 and 10"
    ));
    assert!(has("strategy.initiatives[1].rice.effort", "more than 0"));
    assert!(has(
        "strategy.initiatives[4].decision.reason",
        "must not be empty"
    ));
    assert!(has("action.actions[0].end_week", "between 1 and 13"));
    assert!(has("action.actions[1].end_week", "before the start week"));
    assert!(has("action.actions[2].initiative", "does not exist"));
    assert!(has("actuals[0].value", "between 0 and 100 %"));
    assert!(has("actuals[1].measure", "not a measure"));
    assert!(has("actuals[2].touchpoint", "does not exist"));
}

#[test]
fn validate_catches_out_of_range_values_in_imported_json() {
    let mut v = serde_json::to_value(template()).unwrap();
    v["funnel"]["repeat_rate"] = serde_json::json!(28);
    v["stages"]["reach"]["touchpoints"][0]["budget"] = serde_json::json!(-5);
    v["action"]["actions"][0]["start_week"] = serde_json::json!(0);
    v["schema_version"] = serde_json::json!(99);
    v["id"] = serde_json::json!("");
    let plan: Plan = serde_json::from_value(v).unwrap();
    let p = paths(&plan);
    for expected in [
        "funnel.repeat_rate",
        "stages.reach.touchpoints[0].budget",
        "action.actions[0].start_week",
        "schema_version",
        "id",
    ] {
        assert!(p.contains(&expected.to_string()), "{expected} in {p:?}");
    }
    // A period that does not exist is refused by the reader itself.
    let bad = r#"{"kpi":"sessions","period":"2026-W60","value":1}"#;
    assert!(serde_json::from_str::<Actual>(bad).is_err());
}

#[test]
fn smart_rules() {
    let mut o = Objective {
        id: "o".into(),
        stage: Stage::Convert,
        kpi: "conversion_rate".into(),
        description: "Raise mobile checkout conversion".into(),
        target: Some(0.02),
        deadline: Some("2026-06-30".into()),
        phasing: Phasing::Even,
        achievable_note: "Competitors reach 2.5 %".into(),
        relevant_note: "Mobile is most of our traffic".into(),
    };
    assert!(o.is_smart());
    o.description = "More sales".into();
    o.kpi = "unknown".into();
    o.achievable_note = " ".into();
    o.relevant_note = String::new();
    o.deadline = Some("2026-02-30".into());
    assert_eq!(o.smart_gaps(), SmartPart::ALL.to_vec());
    o.kpi = "conversion_rate".into();
    o.target = Some(f64::NAN);
    assert!(o.smart_gaps().contains(&SmartPart::Measurable));
    for part in SmartPart::ALL {
        assert!(!part.hint().is_empty() && !part.name().is_empty());
    }
}

#[test]
fn decisions_and_sources_keep_their_file_form() {
    use race_planner::domain::plan::{Decision, Source};
    let cases: [(Decision, &str); 4] = [
        (Decision::Undecided, r#"{"kind":"undecided"}"#),
        (Decision::Chosen, r#"{"kind":"chosen"}"#),
        (
            Decision::NotDoing {
                reason: "Too dear".into(),
            },
            r#"{"kind":"not_doing","reason":"Too dear"}"#,
        ),
        (Decision::Parked, r#"{"kind":"parked"}"#),
    ];
    for (decision, json) in cases {
        assert_eq!(serde_json::to_string(&decision).unwrap(), json);
        assert_eq!(serde_json::from_str::<Decision>(json).unwrap(), decision);
    }
    let sources: [(Source, &str); 2] = [
        (Source::Typed, r#"{"kind":"typed"}"#),
        (
            Source::Imported {
                file: "ga4.csv".into(),
            },
            r#"{"kind":"imported","file":"ga4.csv"}"#,
        ),
    ];
    for (source, json) in sources {
        assert_eq!(serde_json::to_string(&source).unwrap(), json);
        assert_eq!(serde_json::from_str::<Source>(json).unwrap(), source);
    }
    // Unknown kinds are refused; fields in another order or unknown ones are fine.
    assert!(serde_json::from_str::<Decision>(r#"{"kind":"maybe"}"#).is_err());
    assert_eq!(
        serde_json::from_str::<Decision>(r#"{"reason":"No","x":1,"kind":"not_doing"}"#).unwrap(),
        Decision::NotDoing {
            reason: "No".into()
        }
    );
}

#[test]
fn copies_of_a_plan_share_its_actuals_until_one_changes_them() {
    let actual = |value: f64| Actual {
        measure: "sessions".into(),
        period: Period::month(2026, 3).unwrap(),
        value,
        source: Source::Typed,
        touchpoint: None,
    };
    let mut plan = Plan::new("p-1", "Shared", 0, "2026-03-01");
    plan.actuals.push(actual(100.0));
    let kept = plan.clone();
    // A change to one copy leaves the other as it was.
    plan.actuals[0].value = 250.0;
    plan.actuals.push(actual(300.0));
    assert_eq!(kept.actuals.len(), 1);
    assert_eq!(kept.actuals[0].value, 100.0);
    assert_eq!(plan.actuals.len(), 2);
    assert_ne!(plan, kept);
    // Lists built apart are equal when their items are.
    let mut again = Plan::new("p-1", "Shared", 0, "2026-03-01");
    again.actuals.push(actual(100.0));
    assert_eq!(again.actuals, kept.actuals);
    again.actuals[0].value = 101.0;
    assert_ne!(again.actuals, kept.actuals);
    // Written and read as a plain list.
    let json = serde_json::to_string(&plan.actuals).unwrap();
    assert!(
        json.starts_with(r#"[{"measure":"sessions","period":"2026-03","value":250.0"#),
        "{json}"
    );
    let read: SharedList<Actual> = serde_json::from_str(&json).unwrap();
    assert_eq!(read, plan.actuals);
}
