#!/usr/bin/env bash
# Prints the bytes a visitor downloads from the release build in dist/ (raw and gzip,
# first load and on demand) and checks the first load against the budget in
# size-budget.txt: exits non-zero when the first load's gzip total is over it.
# Used by `make size` (after a release build) and by scripts/test.sh (on the release
# build it has just made).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f dist/index.html ] || { echo "no release build in dist/: run 'make size' (it builds first)"; exit 1; }
exec node scripts/size.mjs dist --budget size-budget.txt
