//! What the screens read once for all their rows and cards: every KPI card's series at
//! once, and every initiative's rank in the plan's evaluation.

#![cfg(not(target_arch = "wasm32"))]

use race_planner::domain::measure::{series, series_many, ActualIndex};
use race_planner::domain::period::Granularity;
use race_planner::domain::plan::Stage;
use race_planner::domain::scoring::{rank, score};

#[test]
fn the_series_of_many_kpis_at_once_are_those_of_each_alone() {
    let plan = race_planner::domain::sample::large_plan(7);
    let forecast = race_planner::domain::funnel::forward_funnel(&plan);
    let traffic = race_planner::domain::funnel::traffic(&plan);
    let index = ActualIndex::new(&plan.actuals);
    let ids: Vec<String> = Stage::ALL
        .into_iter()
        .flat_map(|s| plan.tracked_kpis(s))
        .collect();
    let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
    assert!(ids.len() > 5);
    for g in [Granularity::Month, Granularity::Week] {
        let all = series_many(&plan, &forecast, &traffic, &index, &ids, g);
        assert_eq!(all.len(), ids.len());
        for (id, points) in ids.iter().zip(&all) {
            assert_eq!(points, &series(&plan, id, g), "{id} by {g:?}");
        }
        assert!(all.iter().any(|s| s.iter().any(|p| p.forecast.is_some())));
        assert!(all.iter().any(|s| s.iter().any(|p| p.actual.is_some())));
    }
}

#[test]
fn the_ranking_scores_every_initiative() {
    let plan = race_planner::domain::sample::large_plan(7);
    let ranking = rank(&plan);
    assert_eq!(ranking.len(), plan.strategy.initiatives.len());
    let first = &plan.strategy.initiatives[0];
    let ranked = ranking.iter().find(|r| r.id == first.id).unwrap();
    assert_eq!(ranked.score, score(first, &plan.variants));
}
