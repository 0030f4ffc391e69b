// Starts the CSV import worker (src/bin/import_worker.rs) inside a web worker.
importScripts("./import-worker.js");
wasm_bindgen({ module_or_path: "./import-worker_bg.wasm" });
