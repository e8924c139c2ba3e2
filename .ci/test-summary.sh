#!/usr/bin/env bash
# Sums the TRX result files under $1 and prints one line: "N passed, N failed, N skipped".
set -euo pipefail
dir=${1:-artifacts/test-results}
passed=0; failed=0; skipped=0
shopt -s nullglob
for f in "$dir"/*.trx; do
  counters=$(grep -o '<Counters [^>]*>' "$f" || true)
  get() { printf '%s' "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*' || echo 0; }
  p=$(get passed); fl=$(get failed); e=$(get error); t=$(get total); x=$(get executed)
  passed=$((passed + p)); failed=$((failed + fl + e)); skipped=$((skipped + t - x))
done
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
