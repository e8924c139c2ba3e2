#!/usr/bin/env bash
# Sums the TRX result files under $1 and prints one line: "N passed, N failed, N skipped".
# Before it, one line per skipped test with the skip reason (a missing tool says so here, not only in the .trx), then
# one per failed test with the first line of its message, so the tail of a CI log says which test failed and why.
set -euo pipefail
dir=${1:-artifacts/test-results}
passed=0; failed=0; skipped=0
shopt -s nullglob
files=("$dir"/*.trx)
for f in "${files[@]}"; do
  counters=$(grep -o '<Counters [^>]*>' "$f" || true)
  get() { printf '%s' "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*' || echo 0; }
  p=$(get passed); fl=$(get failed); e=$(get error); t=$(get total); x=$(get executed)
  passed=$((passed + p)); failed=$((failed + fl + e)); skipped=$((skipped + t - x))
done
# A result is a <UnitTestResult ... outcome="..."> element followed by <Message> (the skip reason or the failure).
report() { # $1: TRX outcome, $2: label
  [ ${#files[@]} -eq 0 ] && return 0
  awk -v outcome="$1" -v label="$2" '
    /<UnitTestResult / { want = index($0, "outcome=\"" outcome "\"") > 0; if (want) { match($0, /testName="[^"]*"/); name = substr($0, RSTART + 10, RLENGTH - 11) }; next }
    want && /<Message>/ { sub(/.*<Message>/, ""); sub(/<\/Message>.*/, ""); printf "%s %s: %s\n", label, name, substr($0, 1, 300); want = 0 }
  ' "${files[@]}"
}
report NotExecuted SKIPPED
report Failed FAILED
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
