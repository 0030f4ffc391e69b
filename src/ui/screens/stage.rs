//! A RACE stage screen (Reach, Act, Convert, Engage).

use crate::domain::plan::Stage;
use leptos::prelude::*;

/// One stage of the open plan.
#[component]
pub fn StageScreen(stage: Stage) -> impl IntoView {
    view! { <h1>{stage.name()}</h1><p>{stage.purpose()}</p> }
}
