//! Times a full recompute of every number the app derives from a large plan:
//! forecast, KPI evaluation, reverse funnel, opportunity sizing, initiative scores
//! and ranking, measurement status of every tracked KPI, and the budget; and the
//! plan's evaluation that every screen reads (forecast, KPIs of the reference month,
//! the main goal's reverse funnel, stage flows, funnel steps and goal checks); and
//! 10,000 Monte Carlo draws of the large plan's funnel with ten ranged inputs.

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use std::hint::black_box;
    use std::time::Duration;

    use criterion::Criterion;
    use race_planner::domain::evaluation::evaluate_plan;
    use race_planner::domain::measure::series;
    use race_planner::domain::period::Granularity;
    use race_planner::domain::sample::{large_plan, measure_date, recompute_all, sample_ranges};
    use race_planner::domain::uncertainty::{simulate, SimModel};
    use race_planner::import;

    pub fn engine(c: &mut Criterion) {
        let plan = large_plan(42);
        let mut group = c.benchmark_group("engine");
        group
            .sample_size(30)
            .warm_up_time(Duration::from_millis(300))
            .measurement_time(Duration::from_secs(2));
        group.bench_function("recompute_all_large_plan", |b| {
            b.iter(|| black_box(recompute_all(black_box(&plan))))
        });
        let today = Some(measure_date(&plan));
        group.bench_function("evaluate_plan_large_plan", |b| {
            b.iter(|| black_box(evaluate_plan(black_box(&plan), today)))
        });
        group.bench_function("weekly_series_one_kpi_large_plan", |b| {
            b.iter(|| black_box(series(black_box(&plan), "sessions", Granularity::Week)))
        });
        let model = SimModel::from_plan(&plan, &sample_ranges(&plan), today)
            .expect("the sample ranges are valid");
        group.bench_function("simulate_10k_draws_large_plan", |b| {
            b.iter(|| black_box(simulate(black_box(&model), 10_000, 42)))
        });
        group.bench_function("validate_large_plan", |b| {
            b.iter(|| black_box(black_box(&plan).validate()))
        });
        let csv = import::sample_ga4_export(100_000);
        group.bench_function("import_csv_100k_rows", |b| {
            b.iter(|| {
                let file = import::read(black_box(csv.as_bytes()), "export.csv", &mut |_, _| {})
                    .expect("the sample export reads");
                let mapping = file.suggest(0);
                black_box(file.bucket(&mapping).expect("the sample export buckets"))
            })
        });
        group.finish();
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    let mut criterion = criterion::Criterion::default().configure_from_args();
    native::engine(&mut criterion);
    criterion.final_summary();
}

#[cfg(target_arch = "wasm32")]
fn main() {}
