//! The browser UI: thin components that read signals, call the domain and write edits back.

mod app;
pub mod download;
mod format;
#[cfg(feature = "start")]
mod handover;
mod offline;
mod persist;
mod screens;
mod share;
mod state;
mod widgets;

/// Replaces the loading message with the app.
pub fn mount() {
    console_panic_message();
    if let Some(boot) = leptos::prelude::document().get_element_by_id("boot") {
        boot.remove();
    }
    #[cfg(feature = "start")]
    handover::mount();
    #[cfg(not(feature = "start"))]
    leptos::mount::mount_to_body(app::App);
}

/// A panic aborts the module; say so in the console in words a user can report.
fn console_panic_message() {
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&format!("RACE Planner stopped: {info}").into());
    }));
}
