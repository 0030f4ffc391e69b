//! The simulation worker: runs the Monte Carlo draws and the tornado of the Odds screen
//! (`ui::screens::odds`) off the page's thread, with `race_planner::domain::odds::answer`.
//! The page loads it the first time the Odds screen is opened.
//!
//! Messages are arrays. From the page: `["run", SimRequest JSON]`. To the page:
//! `["ready"]` once started, `["done", SimAnswer JSON]`, `["error", message]`.

#[cfg(target_arch = "wasm32")]
fn main() {
    worker::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("The simulation worker runs in the browser, started by RACE Planner's Odds screen.");
}

#[cfg(target_arch = "wasm32")]
mod worker {
    use race_planner::domain::odds::answer_json;
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

    fn post(scope: &DedicatedWorkerGlobalScope, parts: &[JsValue]) {
        let message: js_sys::Array = parts.iter().collect();
        let _ = scope.post_message(&message);
    }

    /// The worker's clock in milliseconds (`performance.now()`), or the date's.
    fn now() -> f64 {
        let performance = js_sys::Reflect::get(&js_sys::global(), &"performance".into())
            .ok()
            .filter(|p| !p.is_undefined());
        performance
            .and_then(|p| {
                let f: js_sys::Function = js_sys::Reflect::get(&p, &"now".into())
                    .ok()?
                    .dyn_into()
                    .ok()?;
                f.call0(&p).ok()?.as_f64()
            })
            .unwrap_or_else(js_sys::Date::now)
    }

    pub fn start() {
        let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
        let reply = scope.clone();
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            let data = js_sys::Array::from(&event.data());
            if data.get(0).as_string().as_deref() != Some("run") {
                return;
            }
            let json = data.get(1).as_string().unwrap_or_default();
            match answer_json(&json, &now) {
                Ok(answer) => post(&reply, &["done".into(), answer.into()]),
                Err(message) => post(&reply, &["error".into(), message.into()]),
            }
        });
        scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        on_message.forget();
        post(&scope, &["ready".into()]);
    }
}
