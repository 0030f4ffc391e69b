//! The CSV import worker: reads an export off the page's thread with
//! `race_planner::import` and answers the Measure screen's import
//! (`ui::widgets::csv_import`). The page loads it the first time a file is imported.
//!
//! Messages are arrays. From the page: `["read", name, ArrayBuffer]`,
//! `["suggest", table]`, `["bucket", mapping JSON]`. To the page: `["ready"]` once
//! started, `["progress", done, total]` while reading, `["preview", Preview JSON]`,
//! `["mapping", Mapping JSON]`, `["bucketed", Bucketed JSON]`, `["error", message]`.
//! Progress is posted at most every 50 ms.

#[cfg(target_arch = "wasm32")]
fn main() {
    worker::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("The import worker runs in the browser, started by RACE Planner's Measure screen.");
}

#[cfg(target_arch = "wasm32")]
mod worker {
    use race_planner::import::{self, Mapping, ReadFile};
    use serde::Serialize;
    use std::cell::RefCell;
    use std::rc::Rc;
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

    #[wasm_bindgen]
    extern "C" {
        /// `performance.now()` of the worker.
        #[wasm_bindgen(js_namespace = performance)]
        fn now() -> f64;
    }

    /// Progress is posted at most this often (ms): a message costs more than reading
    /// 64 KB of the file, and 20 updates a second are plenty for the bar.
    const PROGRESS_EVERY_MS: f64 = 50.0;

    fn post(scope: &DedicatedWorkerGlobalScope, parts: &[JsValue]) {
        let message: js_sys::Array = parts.iter().collect();
        let _ = scope.post_message(&message);
    }

    fn post_json(scope: &DedicatedWorkerGlobalScope, kind: &str, value: &impl Serialize) {
        match serde_json::to_string(value) {
            Ok(json) => post(scope, &[kind.into(), json.into()]),
            Err(_) => post(
                scope,
                &[
                    "error".into(),
                    "The file's contents could not be passed on.".into(),
                ],
            ),
        }
    }

    fn handle(
        scope: &DedicatedWorkerGlobalScope,
        file: &RefCell<Option<ReadFile>>,
        data: &js_sys::Array,
    ) {
        let kind = data.get(0).as_string().unwrap_or_default();
        match kind.as_str() {
            "read" => {
                // A new file replaces the last one: its memory is free for the new one.
                *file.borrow_mut() = None;
                let name = data.get(1).as_string().unwrap_or_default();
                let bytes = js_sys::Uint8Array::new(&data.get(2)).to_vec();
                let mut last = f64::NEG_INFINITY;
                let mut progress = |done: usize, total: usize| {
                    let t = now();
                    if t - last < PROGRESS_EVERY_MS {
                        return;
                    }
                    last = t;
                    post(
                        scope,
                        &[
                            "progress".into(),
                            (done as f64).into(),
                            (total as f64).into(),
                        ],
                    );
                };
                match import::read_owned(bytes, &name, &mut progress) {
                    Ok(read) => {
                        post_json(scope, "preview", &read.preview());
                        *file.borrow_mut() = Some(read);
                    }
                    Err(error) => post(scope, &["error".into(), error.to_string().into()]),
                }
            }
            "suggest" => {
                let table = data.get(1).as_f64().unwrap_or(0.0) as usize;
                if let Some(read) = file.borrow().as_ref() {
                    post_json(scope, "mapping", &read.suggest(table));
                }
            }
            "bucket" => {
                let mapping = data
                    .get(1)
                    .as_string()
                    .and_then(|json| serde_json::from_str::<Mapping>(&json).ok());
                match (file.borrow().as_ref(), mapping) {
                    (Some(read), Some(mapping)) => match read.bucket(&mapping) {
                        Ok(bucketed) => post_json(scope, "bucketed", &bucketed),
                        Err(error) => post(scope, &["error".into(), error.to_string().into()]),
                    },
                    _ => post(
                        scope,
                        &[
                            "error".into(),
                            "Choose the file again: it is no longer open.".into(),
                        ],
                    ),
                }
            }
            _ => {}
        }
    }

    pub fn start() {
        let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
        let file: Rc<RefCell<Option<ReadFile>>> = Rc::default();
        let reply = scope.clone();
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            handle(&reply, &file, &js_sys::Array::from(&event.data()));
        });
        scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        on_message.forget();
        post(&scope, &["ready".into()]);
    }
}
