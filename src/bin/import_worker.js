// Starts the CSV import worker (src/bin/import_worker.rs) in a module worker.
import init from "./import-worker.js";

init({ module_or_path: new URL("./import-worker_bg.wasm", import.meta.url) });
