#!/usr/bin/env bash
# Every check RACE Planner has, in the order a failure is cheapest to find.
# Stops at the first failure and exits non-zero.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh test
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
export CHROMEDRIVER=/usr/bin/chromedriver
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "format"
cargo fmt --check

step "lint (host)"
cargo clippy --all-targets -- -D warnings

step "lint (wasm32)"
cargo clippy --target wasm32-unknown-unknown --lib --bins --tests -- -D warnings
# The first load is the same crate built with the `start` feature.
cargo clippy --target wasm32-unknown-unknown --lib --bins --features start -- -D warnings

step "unit and property tests (native)"
cargo test

step "browser-bound tests (wasm-bindgen-test in headless Chromium)"
wasm_tests=()
for f in tests/wasm_*.rs; do wasm_tests+=(--test "$(basename "$f" .rs)"); done
cargo test --target wasm32-unknown-unknown "${wasm_tests[@]}"

step "GitHub Pages workflow lint"
node scripts/lint-workflows.mjs

step "release build, at / and under /race-planner/"
scripts/build-site.sh

step "first-load size budget (size-budget.txt), on that build"
scripts/size.sh

step "end-to-end tests (Playwright, headless Chromium, release build)"
playwright test
