#!/usr/bin/env bash
# Sums the TRX result files under $1 and prints one line: "N passed, N failed, N skipped".
# Failed tests are named first (one line each, with the first line of their message), so the tail of a CI log
# says which test failed and why.
set -euo pipefail
dir=${1:-artifacts/test-results}
passed=0; failed=0; skipped=0
shopt -s nullglob
for f in "$dir"/*.trx; do
  counters=$(grep -o '<Counters [^>]*>' "$f" || true)
  get() { printf '%s' "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*' || echo 0; }
  p=$(get passed); fl=$(get failed); e=$(get error); t=$(get total); x=$(get executed)
  passed=$((passed + p)); failed=$((failed + fl + e)); skipped=$((skipped + t - x))
  # A failed result is a <UnitTestResult ... outcome="Failed"> element followed by <Message>; print both briefly.
  awk '
    /<UnitTestResult / && /outcome="Failed"/ { match($0, /testName="[^"]*"/); name = substr($0, RSTART + 10, RLENGTH - 11); want = 1; next }
    want && /<Message>/ { sub(/.*<Message>/, ""); sub(/<\/Message>.*/, ""); printf "FAILED %s: %s\n", name, substr($0, 1, 300); want = 0 }
  ' "$f"
done
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
