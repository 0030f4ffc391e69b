//! The first load: built with the `start` feature, it shows Home and a plan's Overview
//! and hands the page over to the whole app (`src/bin/full.rs`) for anything else.

#[cfg(target_arch = "wasm32")]
fn main() {
    race_planner::ui::mount();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("RACE Planner runs in the browser: use `make serve` to build and open it.");
}
