#!/usr/bin/env bash
# Release builds for the end-to-end tests: the same app served at / and under
# /race-planner/ (the way GitHub Pages serves a project site), in e2e-site/.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
source scripts/release-env.sh
trunk build --release --public-url / --dist dist
trunk build --release --public-url /race-planner/ --dist target/dist-sub
rm -rf e2e-site
cp -r dist e2e-site
cp -r target/dist-sub e2e-site/race-planner
