//! Sharing a plan by link (`format::share`): the side navigation's "Share link" makes
//! one, and `#/share/<payload>` opens it read-only with "Save a copy to my plans".
//! Both belong to the whole app: the first load hands them over (`ui::handover`).

#[cfg(not(feature = "start"))]
pub use full::{ShareLink, SharedPlan};

/// The first load's "Share link": a click on it hands over to the whole app, which
/// makes the link.
#[cfg(feature = "start")]
#[leptos::prelude::component]
pub fn ShareLink() -> impl leptos::prelude::IntoView {
    use leptos::prelude::*;
    view! { <button type="button" class="btn btn-small">"Share link"</button> }
}

#[cfg(not(feature = "start"))]
mod full {
    use crate::domain::plan::Plan;
    use crate::format::share::{decode, encode, MAX_LINK_CHARS};
    use crate::format::{import_file, MAX_IMPORT_BYTES};
    use crate::route::{Route, Screen};
    use crate::ui::screens::overview::OverviewScreen;
    use crate::ui::state::{AppState, Editor};
    use leptos::prelude::*;
    use std::collections::HashSet;
    use wasm_bindgen::prelude::*;

    #[wasm_bindgen(js_namespace = racePlannerShare)]
    extern "C" {
        #[wasm_bindgen(catch)]
        async fn deflate(text: &str) -> Result<JsValue, JsValue>;
        #[wasm_bindgen(catch)]
        async fn inflate(bytes: &[u8], limit: f64) -> Result<JsValue, JsValue>;
        async fn copy(text: &str) -> JsValue;
    }

    /// What making a link gave.
    #[derive(Clone, Debug, PartialEq)]
    enum Made {
        Link { url: String, copied: bool },
        TooLong(usize),
        Failed,
    }

    async fn make(plan: &Plan) -> Made {
        let json = crate::format::document::to_storage_json(plan);
        let Ok(bytes) = deflate(&json).await else {
            return Made::Failed;
        };
        let payload = encode(&js_sys::Uint8Array::new(&bytes).to_vec());
        if payload.len() > MAX_LINK_CHARS {
            return Made::TooLong(payload.len());
        }
        let location = window().location();
        let page = location.href().unwrap_or_default();
        let page = page.split('#').next().unwrap_or_default();
        let url = format!("{page}{}", Route::Share(payload).to_fragment());
        let copied = copy(&url).await.as_bool().unwrap_or(false);
        Made::Link { url, copied }
    }

    /// "Share link" in the plan's side navigation, and what it made.
    #[component]
    pub fn ShareLink() -> impl IntoView {
        let editor = expect_context::<Editor>();
        let state = expect_context::<AppState>();
        let made = RwSignal::new(None::<Made>);
        let share = move |_| {
            let plan = editor.plan.get_untracked();
            leptos::task::spawn_local(async move {
                let result = make(&plan).await;
                let _ = made.try_set(Some(result));
            });
        };
        let export = move |_| state.persist.export_plan(&editor.plan.get_untracked());
        view! {
            <button type="button" class="btn btn-small" on:click=share>"Share link"</button>
            {move || made.get().map(|m| match m {
                Made::Link { url, copied } => view! {
                    <div class="share-made" role="status">
                        <p>{if copied { "Link copied. " } else { "Copy this link: " }}
                            "Whoever opens it sees this plan read-only and can save a copy; the plan travels in the link itself, never through a server."</p>
                        <label class="visually-hidden" for="share-url">"Share link"</label>
                        <input id="share-url" type="text" readonly prop:value=url on:focus=|ev| {
                            use wasm_bindgen::JsCast;
                            if let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
                                input.select();
                            }
                        }/>
                    </div>
                }.into_any(),
                Made::TooLong(n) => view! {
                    <div class="share-made" role="status">
                        <p>{format!("This plan makes a link of {n} characters, more than the {MAX_LINK_CHARS} that chat apps and mail keep whole. Send the plan file instead.")}</p>
                        <button type="button" class="btn btn-small" on:click=export>"Export the plan file"</button>
                    </div>
                }.into_any(),
                Made::Failed => view! {
                    <p class="share-made" role="alert">"This browser could not make a link (it lacks compression streams): export the plan file instead."</p>
                }.into_any(),
            })}
        }
    }

    /// Where opening a link stands.
    #[derive(Clone, Debug)]
    enum Opened {
        Reading,
        Failed(String),
        Ready(Box<Plan>),
    }

    async fn open(payload: &str, taken: HashSet<String>) -> Result<Plan, String> {
        let bytes = decode(payload).map_err(|e| e.to_string())?;
        let damaged = crate::format::share::ShareError::Damaged.to_string();
        let json = inflate(&bytes, MAX_IMPORT_BYTES as f64)
            .await
            .map_err(|_| damaged.clone())?;
        let json = js_sys::Uint8Array::new(&json).to_vec();
        let mut result =
            import_file(&json, &taken, || crate::ui::state::new_id("p")).map_err(|e| {
                format!("This share link does not hold a plan RACE Planner can open. {e}")
            })?;
        if result.plans.is_empty() {
            return Err(damaged);
        }
        Ok(result.plans.remove(0).plan)
    }

    /// A plan opened from a link: read-only, with "Save a copy to my plans".
    #[component]
    pub fn SharedPlan(payload: String) -> impl IntoView {
        let state = expect_context::<AppState>();
        let opened = RwSignal::new(Opened::Reading);
        let taken: HashSet<String> = state
            .plans
            .with_untracked(|ps| ps.iter().map(|p| p.id.clone()).collect());
        leptos::task::spawn_local(async move {
            let result = open(&payload, taken).await;
            let _ = opened.try_set(match result {
                Ok(plan) => Opened::Ready(Box::new(plan)),
                Err(message) => Opened::Failed(message),
            });
        });
        move || {
            match opened.get() {
            Opened::Reading => view! { <h1>"Shared plan"</h1><p role="status">"Opening the plan in this link…"</p> }.into_any(),
            Opened::Failed(message) => view! {
                <h1>"Shared plan"</h1>
                <p class="banner banner-error" role="alert">{message}</p>
                <p>"Nothing was changed in your plans."</p>
                <p><a class="btn btn-primary" href="#/">"Go to your plans"</a></p>
            }.into_any(),
            Opened::Ready(plan) => {
                let plan = *plan;
                let name = plan.name.clone();
                let copy = plan.clone();
                let editor = Editor::new(plan, Some("This plan was opened from a share link: save a copy to edit it.".into()));
                provide_context(editor);
                let save = move |_| {
                    let mut copy = copy.clone();
                    copy.updated_at = crate::ui::state::now_ms();
                    let id = copy.id.clone();
                    state.persist.add(state, copy);
                    state.go(Route::Plan { id, screen: Screen::Overview });
                };
                view! {
                    <div class="banner" role="status">
                        <h2>"A shared plan: “" {name} "”"</h2>
                        <p>"You are looking at a plan someone sent as a link. It is shown read-only and is not stored in this browser until you save a copy."</p>
                        <div class="btn-row">
                            <button type="button" class="btn btn-primary" on:click=save>"Save a copy to my plans"</button>
                        </div>
                    </div>
                    <OverviewScreen/>
                }.into_any()
            }
        }
        }
    }
}
