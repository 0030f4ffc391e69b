#!/usr/bin/env bash
# Prints the bytes a first visit downloads from the release build in dist/: raw and gzip.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f dist/index.html ] || { echo "no release build in dist/: run 'make size' (it builds first)"; exit 1; }
printf '%-44s %10s %10s\n' file raw gzip
total_raw=0; total_gz=0
for f in dist/index.html dist/*.js dist/*.wasm dist/*.css dist/*.svg; do
  [ -f "$f" ] || continue
  raw=$(wc -c <"$f"); gz=$(gzip -9c "$f" | wc -c)
  total_raw=$((total_raw + raw)); total_gz=$((total_gz + gz))
  printf '%-44s %10d %10d\n' "${f#dist/}" "$raw" "$gz"
done
printf '%-44s %10d %10d\n' TOTAL "$total_raw" "$total_gz"
printf 'budget: 250 KB gzip (256000 bytes); used %d%%\n' $((total_gz * 100 / 256000))
