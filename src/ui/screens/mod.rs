//! One module per screen.

pub mod actions;
pub mod home;
pub mod measure;
pub mod not_found;
pub mod opportunity;
pub mod overview;
pub mod report;
pub mod stage;
pub mod strategy;
pub mod trash;
pub mod workspace;
