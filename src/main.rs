//! Mounts the app; nothing else.

#[cfg(target_arch = "wasm32")]
fn main() {
    race_planner::ui::mount();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("RACE Planner runs in the browser: use `make serve` to build and open it.");
}
