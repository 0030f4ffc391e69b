// Starts the simulation worker (src/bin/sim_worker.rs) in a module worker.
import init from "./sim-worker.js";

init({ module_or_path: new URL("./sim-worker_bg.wasm", import.meta.url) });
