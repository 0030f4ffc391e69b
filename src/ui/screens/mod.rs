//! One module per screen. The first load (feature `start`) has Home, and shows the
//! Overview as the whole app last drew it (`workspace`); the whole app has them all.

#[cfg(not(feature = "start"))]
pub mod actions;
pub mod home;
#[cfg(not(feature = "start"))]
pub mod measure;
pub mod not_found;
#[cfg(not(feature = "start"))]
pub mod odds;
#[cfg(not(feature = "start"))]
pub mod opportunity;
#[cfg(not(feature = "start"))]
pub mod overview;
#[cfg(not(feature = "start"))]
pub mod report;
#[cfg(not(feature = "start"))]
pub mod scenarios;
#[cfg(not(feature = "start"))]
pub mod split;
#[cfg(not(feature = "start"))]
pub mod stage;
#[cfg(not(feature = "start"))]
pub mod strategy;
#[cfg(not(feature = "start"))]
pub mod trash;
pub mod workspace;
