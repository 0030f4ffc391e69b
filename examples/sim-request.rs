//! Writes the simulation worker's request for the large plan with ten ranges
//! (`domain::sample::large_plan` and `sample_ranges`), 10,000 draws, seed 1, as JSON on
//! standard output, for `bench/sim-worker.mjs`:
//!
//! ```sh
//! cargo run --example sim-request > sim-request.json
//! ```

use std::io::Write;

use race_planner::domain::odds::{request_json, SimRequest};
use race_planner::domain::sample::{large_plan, sample_ranges};
use race_planner::domain::uncertainty::{SimModel, DEFAULT_DRAWS};

fn main() {
    let plan = large_plan(42);
    let ranges = sample_ranges(&plan);
    let model = match SimModel::from_plan(&plan, &ranges, None) {
        Ok(m) => m,
        Err(errors) => {
            eprintln!("sim-request: the sample ranges do not fit the plan: {errors:?}");
            std::process::exit(1)
        }
    };
    let request = SimRequest {
        run: 1,
        model,
        draws: DEFAULT_DRAWS,
        seed: 1,
    };
    let json = request_json(&request).unwrap_or_else(|e| {
        eprintln!("sim-request: {e}");
        std::process::exit(1)
    });
    let mut out = std::io::stdout().lock();
    if let Err(e) = out.write_all(json.as_bytes()).and_then(|()| out.flush()) {
        eprintln!("sim-request: could not write the request: {e}");
        std::process::exit(1);
    }
}
