//! The whole app: the first load (`src/main.rs`, built with the `start` feature) hands
//! the page over to this build when the visitor does more than read.

#[cfg(target_arch = "wasm32")]
fn main() {
    race_planner::ui::mount();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("RACE Planner runs in the browser: use `make serve` to build and open it.");
}
