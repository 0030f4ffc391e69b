//! Writes the seeded large plan (`domain::sample::large_plan`) as a plan file the app
//! can import, on standard output:
//!
//! ```sh
//! cargo run --example large-plan > large-plan.json
//! ```
//!
//! The same plan the engine benchmarks use (seed 42 unless a seed is given as the first
//! argument). The file is stamped with the plan's own last-edit time, so the same seed
//! always gives the same bytes.

use std::io::Write;

use race_planner::domain::sample::large_plan;
use race_planner::format::export_plan;

fn main() {
    let seed = match std::env::args().nth(1) {
        None => 42,
        Some(arg) => arg.parse().unwrap_or_else(|_| {
            eprintln!("large-plan: the seed must be a whole number, not {arg:?}");
            std::process::exit(2)
        }),
    };
    let plan = large_plan(seed);
    let file = export_plan(&plan, plan.updated_at);
    let mut out = std::io::stdout().lock();
    if let Err(e) = out.write_all(file.as_bytes()).and_then(|()| out.flush()) {
        eprintln!("large-plan: could not write the plan file: {e}");
        std::process::exit(1);
    }
}
