//! The domain core of RACE Planner: the plan, its numbers and every rule about them.
//!
//! Pure Rust with no browser types: it compiles for the host and is tested with
//! `cargo test`. Every number the app shows is a pure function of a [`plan::Plan`].
//!
//! Conventions used throughout:
//! - rates are fractions (0.025 means 2.5 %);
//! - money that users enter is exact [`money::Money`] in minor units (cents);
//!   derived money (forecast revenue) is `f64` in major units;
//! - a ratio with a zero or missing denominator is `None`, never NaN or infinity;
//! - no function panics, whatever its input.

pub mod allocation;
pub mod benchmarks;
pub mod budget;
pub mod evaluation;
pub mod funnel;
pub mod goal;
pub mod input;
pub mod kpi;
pub mod measure;
pub mod money;
pub mod odds;
pub mod period;
pub mod plan;
pub mod profile;
pub mod sample;
pub mod scenario;
pub mod scoring;
pub mod sort;
pub mod templates;
pub mod tracking;
pub mod uncertainty;
mod validate;
