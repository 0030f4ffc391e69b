//! The KPI engine in WebAssembly, in headless Chromium: a full recompute of the large
//! plan (30 tracked KPIs with their goals, 5 years of weekly actuals of 18 measures, 200
//! initiatives, 500 actions, 60 touchpoints) gives complete, finite results, and its
//! time is reported next to a baseline measured in the same run (a recompute of a blank
//! plan).
#![cfg(target_arch = "wasm32")]

use race_planner::domain::plan::Plan;
use race_planner::domain::sample::{large_plan, recompute_all};
use wasm_bindgen_test::{console_log, wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or_else(js_sys::Date::now)
}

fn median_ms(plan: &Plan, runs: usize) -> f64 {
    let mut times: Vec<f64> = (0..runs)
        .map(|_| {
            let start = now();
            let result = recompute_all(plan);
            let elapsed = now() - start;
            assert!(!result.kpis.is_empty());
            elapsed
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}

#[wasm_bindgen_test]
fn a_full_recompute_of_the_large_plan_is_complete_and_finite() {
    let plan = large_plan(7);
    assert_eq!(plan.touchpoints().count(), 60);
    assert_eq!(plan.strategy.initiatives.len(), 200);
    assert_eq!(plan.action.actions.len(), 500);
    let result = recompute_all(&plan);
    assert_eq!(result.ranking.len(), 200);
    assert!(result.forecast.months.iter().all(|m| m.revenue.is_finite()));
    assert!(result
        .kpis
        .iter()
        .filter_map(|k| k.value)
        .all(f64::is_finite));

    let blank = Plan::new("blank", "Blank", 0, "2026-01-01");
    let baseline = median_ms(&blank, 21);
    let large = median_ms(&plan, 21);
    console_log!(
        "engine in wasm: full recompute of the large plan {large:.2} ms (median of 21); blank plan {baseline:.3} ms; budget 16 ms"
    );
}
