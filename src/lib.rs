//! RACE Planner: a RACE + OSA digital marketing planner that runs in the browser.
//!
//! `domain` and `format` are pure Rust (no browser types) and are tested natively;
//! `storage` and `ui` exist only in the WebAssembly build.
//!
//! The `start` feature builds the first load (Home and a plan's Overview; see
//! `ui::handover`): it leaves out the parts only the whole app uses, which the whole
//! app's build and lints cover.
#![cfg_attr(feature = "start", allow(dead_code, unused_imports))]

pub mod chart;
pub mod domain;
pub mod export;
pub mod format;
pub mod import;
pub mod route;

#[cfg(target_arch = "wasm32")]
pub mod storage;
#[cfg(target_arch = "wasm32")]
pub mod ui;
