#!/usr/bin/env bash
# `make bench`: RACE Planner's size and speed next to two baselines, in one run.
# Builds the app's release and a bare Leptos page with the same profile (into a temp
# dir, dist/ is left alone), writes the large plan file, runs the engine benchmarks
# (native criterion, WebAssembly in headless Chromium), then bench/run.mjs measures
# the builds in headless Chromium and with Lighthouse, writes bench/results.json and
# regenerates the figures in docs/performance.md.
# Slowness never makes it fail; a broken setup (a build, a browser, a selector) does.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh test
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
export CHROMEDRIVER=/usr/bin/chromedriver
root=$PWD
release_build() { (source "$root/scripts/release-env.sh" && trunk build --release --public-url / "$@"); }
target=${CARGO_TARGET_DIR:-$root/target}
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

work=$(mktemp -d "${TMPDIR:-/tmp}/race-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

step "release build of the app"
release_build --dist "$work/app"

step "release build of the bare Leptos baseline (bench/bare-leptos)"
(cd bench/bare-leptos && CARGO_TARGET_DIR="$target/bench-bare-leptos" release_build --dist "$work/bare")

step "blank page baseline (bench/blank)"
mkdir -p "$work/blank" && cp bench/blank/index.html "$work/blank/"

step "the large plan file (cargo run --example large-plan)"
cargo run --quiet --example large-plan >"$work/large-plan.json"
step "the simulation request of the large plan (cargo run --example sim-request)"
cargo run --quiet --example sim-request >"$work/sim-request.json"

step "the engine, native (criterion)"
touch "$work/criterion-started"
cargo bench --bench engine

step "the engine in WebAssembly, headless Chromium (tests/wasm_engine.rs, 3 runs)"
# Three runs of the test, each a fresh browser: its median varies with when the browser
# finishes optimising the module, so the benchmark keeps the median of the three.
for run in 1 2 3; do
  cargo test --release --target wasm32-unknown-unknown --test wasm_engine -- --nocapture 2>&1 | tee -a "$work/wasm-engine.txt"
done

step "the builds in headless Chromium and Lighthouse (bench/run.mjs)"
CARGO_TARGET_DIR="$target" node bench/run.mjs --work "$work"
