//! The rules a sound plan follows, and the checks behind `Plan::validate` and the setters.

use std::collections::HashSet;

use super::kpi;
use super::money::Money;
use super::period::parse_date;
use super::plan::{
    Decision, FieldError, FunnelField, Plan, Stage, ACTION_WEEKS, MAX_HORIZON_MONTHS,
    SCHEMA_VERSION,
};
use super::scenario::{Scenario, MAX_OVERRIDES, MAX_SCENARIOS, MAX_SCENARIO_NAME_CHARS};
use super::uncertainty::{InputRange, MAX_RANGES};

pub(crate) const NOT_FINITE: &str = "must be a number";
pub(crate) const NEGATIVE: &str = "must not be negative";
pub(crate) const RATE: &str = "must be between 0 and 100 %";
pub(crate) const GROWTH: &str = "must be between -100 % and 100 %";
pub(crate) const EMPTY: &str = "must not be empty";
pub(crate) const ICE: &str = "must be between 1 and 10";
pub(crate) const RICE_IMPACT: &str = "must be between 0.25 and 3";
pub(crate) const EFFORT: &str = "must be more than 0";
pub(crate) const DATE: &str = "must be a date as YYYY-MM-DD";
pub(crate) const DUPLICATE: &str = "must be unique (another item uses this id)";
pub(crate) const UNKNOWN_KPI: &str = "is not a KPI in the catalogue";
pub(crate) const SPLIT_POINTS: &str = "must hold at most two points";
pub(crate) const MIN_ABOVE_MAX: &str = "must not be above the maximum budget";

/// The most hand-set points a touchpoint's response curve keeps (two set it).
pub(crate) const MAX_SPLIT_POINTS: usize = 2;

/// A rate: a finite fraction from 0 to 1.
pub(crate) fn check_rate(v: f64) -> Option<&'static str> {
    if !v.is_finite() {
        Some(NOT_FINITE)
    } else if !(0.0..=1.0).contains(&v) {
        Some(RATE)
    } else {
        None
    }
}

/// Monthly growth: a finite fraction from -1 to 1.
pub(crate) fn check_growth(v: f64) -> Option<&'static str> {
    if !v.is_finite() {
        Some(NOT_FINITE)
    } else if !(-1.0..=1.0).contains(&v) {
        Some(GROWTH)
    } else {
        None
    }
}

/// A count or quantity: finite and not negative.
pub(crate) fn check_count(v: f64) -> Option<&'static str> {
    if !v.is_finite() {
        Some(NOT_FINITE)
    } else if v < 0.0 {
        Some(NEGATIVE)
    } else {
        None
    }
}

/// Money entered by the user: not negative.
pub(crate) fn check_money(m: Money) -> Option<&'static str> {
    m.is_negative().then_some(NEGATIVE)
}

/// An ICE score: 1 to 10.
pub(crate) fn check_ice(v: f64) -> Option<&'static str> {
    if !v.is_finite() {
        Some(NOT_FINITE)
    } else if !(1.0..=10.0).contains(&v) {
        Some(ICE)
    } else {
        None
    }
}

/// A RICE impact: 0.25 to 3.
pub(crate) fn check_rice_impact(v: f64) -> Option<&'static str> {
    if !v.is_finite() {
        Some(NOT_FINITE)
    } else if !(0.25..=3.0).contains(&v) {
        Some(RICE_IMPACT)
    } else {
        None
    }
}

/// RICE effort: more than 0 person-months.
pub(crate) fn check_effort(v: f64) -> Option<&'static str> {
    if !v.is_finite() {
        Some(NOT_FINITE)
    } else if v <= 0.0 {
        Some(EFFORT)
    } else {
        None
    }
}

/// A value of a catalogue KPI: finite and within the KPI's range.
pub(crate) fn check_kpi_value(kpi_id: &str, v: f64) -> Option<String> {
    if !v.is_finite() {
        return Some(NOT_FINITE.to_string());
    }
    let def = kpi::find(kpi_id)?;
    if v < def.min || v > def.max {
        return Some(def.range_message());
    }
    None
}

struct Checker {
    errors: Vec<FieldError>,
}

impl Checker {
    fn push(&mut self, path: String, message: &str) {
        self.errors.push(FieldError::new(path, message));
    }
    fn f64(
        &mut self,
        path: impl FnOnce() -> String,
        v: f64,
        rule: fn(f64) -> Option<&'static str>,
    ) {
        if let Some(m) = rule(v) {
            self.push(path(), m);
        }
    }
    fn opt_f64(
        &mut self,
        path: impl FnOnce() -> String,
        v: Option<f64>,
        rule: fn(f64) -> Option<&'static str>,
    ) {
        if let Some(v) = v {
            self.f64(path, v, rule);
        }
    }
    fn money(&mut self, path: impl FnOnce() -> String, m: Money) {
        if let Some(msg) = check_money(m) {
            self.push(path(), msg);
        }
    }
    fn text(&mut self, path: impl FnOnce() -> String, s: &str) {
        if s.trim().is_empty() {
            self.push(path(), EMPTY);
        }
    }
    fn date(&mut self, path: impl FnOnce() -> String, s: &str) {
        if parse_date(s).is_err() {
            self.push(path(), DATE);
        }
    }
    fn kpi_id(&mut self, path: impl FnOnce() -> String, id: &str, allow_empty: bool) -> bool {
        if id.is_empty() && allow_empty {
            return false;
        }
        if kpi::find(id).is_none() {
            self.push(path(), UNKNOWN_KPI);
            return false;
        }
        true
    }
    fn kpi_value(&mut self, path: impl FnOnce() -> String, kpi_id: &str, v: Option<f64>) {
        if let Some(msg) = v.and_then(|v| check_kpi_value(kpi_id, v)) {
            self.errors.push(FieldError::new(path(), msg));
        }
    }
    fn id(&mut self, path: impl Fn() -> String, id: &str, seen: &mut HashSet<String>) {
        if id.trim().is_empty() {
            self.push(path(), EMPTY);
        } else if !seen.insert(id.to_string()) {
            self.push(path(), DUPLICATE);
        }
    }
}

fn is_currency_code(code: &str) -> bool {
    code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase())
}

fn is_locale(tag: &str) -> bool {
    !tag.is_empty()
        && tag.len() <= 35
        && tag.split('-').all(|part| {
            !part.is_empty() && part.len() <= 8 && part.bytes().all(|b| b.is_ascii_alphanumeric())
        })
}

pub(crate) fn validate_plan(plan: &Plan) -> Vec<FieldError> {
    let mut c = Checker { errors: Vec::new() };
    if plan.schema_version != SCHEMA_VERSION {
        c.push(
            "schema_version".into(),
            "must be the version this app writes (load the file through the importer)",
        );
    }
    c.text(|| "id".into(), &plan.id);
    c.text(|| "name".into(), &plan.name);
    if plan.created_at < 0 {
        c.push("created_at".into(), NEGATIVE);
    }
    if plan.updated_at < 0 {
        c.push("updated_at".into(), NEGATIVE);
    }

    let profile = &plan.profile;
    if !is_currency_code(&profile.currency) {
        c.push(
            "profile.currency".into(),
            "must be a three-letter ISO 4217 code such as USD",
        );
    }
    if !is_locale(&profile.locale) {
        c.push(
            "profile.locale".into(),
            "must be a language tag such as en-US",
        );
    }
    c.date(|| "profile.start_date".into(), &profile.start_date);
    if !(1..=MAX_HORIZON_MONTHS).contains(&plan.horizon_months) {
        c.push("horizon_months".into(), "must be between 1 and 60");
    }

    let f = &plan.funnel;
    for field in FunnelField::ALL {
        if let Some(m) = field.check(field.get(f)) {
            c.push(format!("funnel.{}", field.key()), m);
        }
    }
    c.money(|| "funnel.aov".into(), f.aov);
    c.money(|| "funnel.arpa".into(), f.arpa);
    c.money(
        || "funnel.marketing_cost_other".into(),
        f.marketing_cost_other,
    );

    let b = &plan.opportunity.baseline;
    let base = "opportunity.baseline";
    c.opt_f64(|| format!("{base}.sessions"), b.sessions, check_count);
    c.opt_f64(|| format!("{base}.leads"), b.leads, check_count);
    c.opt_f64(
        || format!("{base}.offline_contacts"),
        b.offline_contacts,
        check_count,
    );
    c.opt_f64(|| format!("{base}.customers"), b.customers, check_count);
    c.opt_f64(|| format!("{base}.orders"), b.orders, check_count);
    c.opt_f64(|| format!("{base}.repeat_rate"), b.repeat_rate, check_rate);
    if let Some(m) = b.revenue {
        c.money(|| format!("{base}.revenue"), m);
    }
    if let Some(m) = b.marketing_spend {
        c.money(|| format!("{base}.marketing_spend"), m);
    }

    for (i, cap) in plan.opportunity.capability.iter().enumerate() {
        if !(1..=5).contains(&cap.score) {
            c.push(
                format!("opportunity.capability[{i}].score"),
                "must be between 1 and 5",
            );
        }
        c.text(|| format!("opportunity.capability[{i}].area"), &cap.area);
    }
    for (i, comp) in plan.opportunity.competitors.iter().enumerate() {
        c.text(|| format!("opportunity.competitors[{i}].name"), &comp.name);
        for (j, bm) in comp.benchmarks.iter().enumerate() {
            let p = || format!("opportunity.competitors[{i}].benchmarks[{j}]");
            if c.kpi_id(|| format!("{}.kpi", p()), &bm.kpi, false) {
                c.kpi_value(|| format!("{}.value", p()), &bm.kpi, Some(bm.value));
            } else if !bm.value.is_finite() {
                c.push(format!("{}.value", p()), NOT_FINITE);
            }
        }
    }

    let mut objective_ids = HashSet::new();
    for (i, o) in plan.opportunity.objectives.iter().enumerate() {
        let p = || format!("opportunity.objectives[{i}]");
        c.id(|| format!("{}.id", p()), &o.id, &mut objective_ids);
        let known = c.kpi_id(|| format!("{}.kpi", p()), &o.kpi, true);
        if known {
            c.kpi_value(|| format!("{}.target", p()), &o.kpi, o.target);
        } else if o.target.is_some_and(|t| !t.is_finite()) {
            c.push(format!("{}.target", p()), NOT_FINITE);
        }
        if let Some(d) = &o.deadline {
            c.date(|| format!("{}.deadline", p()), d);
        }
    }

    let mut touchpoint_ids = HashSet::new();
    for stage in Stage::ALL {
        let sp = plan.stages.get(stage);
        let s = stage.slug();
        for (i, id) in sp.objectives.iter().enumerate() {
            match plan.objective(id) {
                None => c.push(
                    format!("stages.{s}.objectives[{i}]"),
                    "refers to an objective that does not exist",
                ),
                Some(o) if o.stage != stage => c.push(
                    format!("stages.{s}.objectives[{i}]"),
                    "refers to an objective of another stage",
                ),
                Some(_) => {}
            }
        }
        for (i, k) in sp.kpis.iter().enumerate() {
            let p = || format!("stages.{s}.kpis[{i}]");
            if c.kpi_id(|| format!("{}.kpi", p()), &k.kpi, false) {
                c.kpi_value(|| format!("{}.baseline", p()), &k.kpi, k.baseline);
            }
        }
        for (i, t) in sp.touchpoints.iter().enumerate() {
            let p = || format!("stages.{s}.touchpoints[{i}]");
            c.id(|| format!("{}.id", p()), &t.id, &mut touchpoint_ids);
            c.text(|| format!("{}.name", p()), &t.name);
            c.money(|| format!("{}.budget", p()), t.budget);
            c.f64(
                || format!("{}.monthly_volume", p()),
                t.monthly_volume,
                check_count,
            );
            c.kpi_id(|| format!("{}.kpi", p()), &t.kpi, true);
            c.opt_f64(
                || format!("{}.impressions", p()),
                t.impressions,
                check_count,
            );
            c.opt_f64(|| format!("{}.clicks", p()), t.clicks, check_count);
            c.money(|| format!("{}.cpc", p()), t.cpc);
            c.money(|| format!("{}.cpm", p()), t.cpm);
            c.f64(|| format!("{}.ctr", p()), t.ctr, check_rate);
            c.f64(
                || format!("{}.landing_rate", p()),
                t.landing_rate,
                check_rate,
            );
            let split = &t.split;
            if split.points.len() > MAX_SPLIT_POINTS {
                c.push(format!("{}.split.points", p()), SPLIT_POINTS);
            }
            for (j, point) in split.points.iter().enumerate() {
                c.money(|| format!("{}.split.points[{j}].spend", p()), point.spend);
                c.f64(
                    || format!("{}.split.points[{j}].volume", p()),
                    point.volume,
                    check_count,
                );
            }
            if let Some(m) = split.min_budget {
                c.money(|| format!("{}.split.min_budget", p()), m);
            }
            if let Some(m) = split.max_budget {
                c.money(|| format!("{}.split.max_budget", p()), m);
            }
            if let (Some(min), Some(max)) = (split.min_budget, split.max_budget) {
                if min > max {
                    c.push(format!("{}.split.min_budget", p()), MIN_ABOVE_MAX);
                }
            }
        }
    }

    if let Some(total) = plan.allocation.total {
        c.money(|| "allocation.total".into(), total);
    }

    c.money(
        || "strategy.initiative_budget".into(),
        plan.strategy.initiative_budget,
    );
    let mut initiative_ids = HashSet::new();
    for (i, ini) in plan.strategy.initiatives.iter().enumerate() {
        let p = || format!("strategy.initiatives[{i}]");
        c.id(|| format!("{}.id", p()), &ini.id, &mut initiative_ids);
        c.text(|| format!("{}.title", p()), &ini.title);
        if let Some(tp) = &ini.touchpoint {
            if plan.touchpoint(tp).is_none() {
                c.push(
                    format!("{}.touchpoint", p()),
                    "refers to a touchpoint that does not exist",
                );
            }
        }
        c.money(|| format!("{}.cost", p()), ini.cost);
        c.f64(|| format!("{}.ice.impact", p()), ini.ice.impact, check_ice);
        c.f64(
            || format!("{}.ice.confidence", p()),
            ini.ice.confidence,
            check_ice,
        );
        c.f64(|| format!("{}.ice.ease", p()), ini.ice.ease, check_ice);
        c.f64(
            || format!("{}.rice.reach", p()),
            ini.rice.reach,
            check_count,
        );
        c.f64(
            || format!("{}.rice.impact", p()),
            ini.rice.impact,
            check_rice_impact,
        );
        c.f64(
            || format!("{}.rice.confidence", p()),
            ini.rice.confidence,
            check_rate,
        );
        c.f64(
            || format!("{}.rice.effort", p()),
            ini.rice.effort,
            check_effort,
        );
        if let Decision::NotDoing { reason } = &ini.decision {
            c.text(|| format!("{}.decision.reason", p()), reason);
        }
    }

    c.date(|| "action.start_date".into(), &plan.action.start_date);
    let mut action_ids = HashSet::new();
    for (i, a) in plan.action.actions.iter().enumerate() {
        let p = || format!("action.actions[{i}]");
        c.id(|| format!("{}.id", p()), &a.id, &mut action_ids);
        c.text(|| format!("{}.title", p()), &a.title);
        let weeks = 1..=ACTION_WEEKS;
        if !weeks.contains(&a.start_week) {
            c.push(format!("{}.start_week", p()), "must be between 1 and 13");
        }
        if !weeks.contains(&a.end_week) {
            c.push(format!("{}.end_week", p()), "must be between 1 and 13");
        } else if a.end_week < a.start_week {
            c.push(
                format!("{}.end_week", p()),
                "must not be before the start week",
            );
        }
        c.money(|| format!("{}.budget", p()), a.budget);
        if let Some(ini) = &a.initiative {
            if plan.initiative(ini).is_none() {
                c.push(
                    format!("{}.initiative", p()),
                    "refers to an initiative that does not exist",
                );
            }
        }
    }
    let mut review_ids = HashSet::new();
    for (i, r) in plan.action.reviews.iter().enumerate() {
        let p = || format!("action.reviews[{i}]");
        c.id(|| format!("{}.id", p()), &r.id, &mut review_ids);
        c.date(|| format!("{}.date", p()), &r.date);
        for (j, snap) in r.snapshot.iter().enumerate() {
            let sp = || format!("{}.snapshot[{j}]", p());
            if c.kpi_id(|| format!("{}.kpi", sp()), &snap.kpi, false) {
                c.kpi_value(|| format!("{}.target", sp()), &snap.kpi, snap.target);
                c.kpi_value(|| format!("{}.actual", sp()), &snap.kpi, snap.actual);
            }
        }
    }

    if let Some(id) = &plan.main_goal {
        if plan.objective(id).is_none() {
            c.push(
                "main_goal".into(),
                "refers to an objective that does not exist",
            );
        }
    }

    for (i, a) in plan.actuals.iter().enumerate() {
        if let Some(def) = super::measure::measure_def(&a.measure) {
            if !a.value.is_finite() {
                c.push(format!("actuals[{i}].value"), NOT_FINITE);
            } else if a.value < def.min || a.value > def.max {
                c.errors.push(FieldError::new(
                    format!("actuals[{i}].value"),
                    def.range_message(),
                ));
            }
        } else {
            c.push(
                format!("actuals[{i}].measure"),
                "is not a measure or a KPI the app knows",
            );
        }
        if let Some(tp) = &a.touchpoint {
            if plan.touchpoint(tp).is_none() {
                c.push(
                    format!("actuals[{i}].touchpoint"),
                    "refers to a touchpoint that does not exist",
                );
            }
        }
        if !a.value.is_finite() && super::measure::measure_def(&a.measure).is_none() {
            c.push(format!("actuals[{i}].value"), NOT_FINITE);
        }
        if !a.period.is_valid() {
            c.push(
                format!("actuals[{i}].period"),
                "must be a real week or month",
            );
        }
    }
    c.errors.extend(scenario_errors(&plan.scenarios));
    c.errors.extend(range_errors(&plan.ranges));
    c.errors
}

/// Problems of ranges that do not depend on the plan's values: more than
/// [`MAX_RANGES`](super::uncertainty::MAX_RANGES), an input ranged twice, an input
/// that cannot be ranged, a low or high that is not a valid value, a low above the high.
pub(crate) fn range_errors(ranges: &[InputRange]) -> Vec<FieldError> {
    let mut c = Checker { errors: Vec::new() };
    if ranges.len() > MAX_RANGES {
        c.errors.push(FieldError::new(
            "ranges",
            format!("may hold at most {MAX_RANGES} ranges"),
        ));
    }
    let mut seen = HashSet::new();
    for (i, r) in ranges.iter().enumerate() {
        let p = || format!("ranges[{i}]");
        if !r.input.is_rangeable() {
            c.push(
                format!("{}.input", p()),
                "does not change the forecast (compare an initiative's cost in a scenario)",
            );
        }
        if !seen.insert(&r.input) {
            c.push(format!("{}.input", p()), "has a range already");
        }
        let kind = r.input.kind();
        if let Some(m) = kind.check(r.low) {
            c.push(format!("{}.low", p()), m);
        }
        if let Some(m) = kind.check(r.high) {
            c.push(format!("{}.high", p()), m);
        }
        if r.low.is_finite() && r.high.is_finite() && r.low > r.high {
            c.push(format!("{}.high", p()), "must not be below the low value");
        }
    }
    c.errors
}

/// Problems of scenarios: more than [`MAX_SCENARIOS`]; empty or duplicate ids; empty
/// names or names longer than [`MAX_SCENARIO_NAME_CHARS`]; more than
/// [`MAX_OVERRIDES`] overrides in one; an input overridden twice in one; a value that
/// is not valid for its input. An override of a touchpoint or initiative that no longer
/// exists is kept and has no effect.
pub(crate) fn scenario_errors(scenarios: &[Scenario]) -> Vec<FieldError> {
    let mut c = Checker { errors: Vec::new() };
    if scenarios.len() > MAX_SCENARIOS {
        c.errors.push(FieldError::new(
            "scenarios",
            format!("may hold at most {MAX_SCENARIOS} scenarios"),
        ));
    }
    let mut ids = HashSet::new();
    for (i, s) in scenarios.iter().enumerate() {
        let p = || format!("scenarios[{i}]");
        c.id(|| format!("{}.id", p()), &s.id, &mut ids);
        c.text(|| format!("{}.name", p()), &s.name);
        if s.name.chars().count() > MAX_SCENARIO_NAME_CHARS {
            c.errors.push(FieldError::new(
                format!("{}.name", p()),
                format!("must be at most {MAX_SCENARIO_NAME_CHARS} characters"),
            ));
        }
        if s.overrides.len() > MAX_OVERRIDES {
            c.errors.push(FieldError::new(
                format!("{}.overrides", p()),
                format!("may hold at most {MAX_OVERRIDES} changes"),
            ));
        }
        let mut seen = HashSet::new();
        for (j, o) in s.overrides.iter().enumerate() {
            if !seen.insert(&o.input) {
                c.push(
                    format!("{}.overrides[{j}].input", p()),
                    "is changed twice in this scenario",
                );
            }
            if let Some(m) = o.input.check(o.value) {
                c.push(format!("{}.overrides[{j}].value", p()), m);
            }
        }
    }
    c.errors
}
