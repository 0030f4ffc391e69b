//! RACE Planner: a RACE + OSA digital marketing planner that runs in the browser.
//!
//! `domain` and `format` are pure Rust (no browser types) and are tested natively;
//! `storage` and `ui` exist only in the WebAssembly build.

pub mod chart;
pub mod domain;
pub mod export;
pub mod format;
pub mod route;

#[cfg(target_arch = "wasm32")]
pub mod storage;
#[cfg(target_arch = "wasm32")]
pub mod ui;
