#!/usr/bin/env bash
# Proves the end-to-end tests themselves on a machine without a cluster: starts the stand-in cluster (loopback fake
# API server with a CRD endpoint + fake AWS endpoint), runs `make e2e`'s test command against it, stops it, and prints
# what the run left behind. Not a substitute for a real cluster. Usage (from the repo root):
#   tests/AutoMode.E2E.Tests/FakeCluster/run-against-fake.sh [extra dotnet test args]
# With E2E_SKIP_CRD_INSTALL=1 the stand-in serves the kinds from the start (--preinstalled) and no CRD is installed;
# with E2E_FAKE_AUTOMODE=1 it marks NodeClasses/NodePools Ready itself (--automode), so the test must not stand in.
# Honours E2E_SKIP_CRD_INSTALL / E2E_KEEP_CRDS / AUTOMODE_* like `make e2e`; the IAM propagation delay defaults to 2s here.
set -euo pipefail
root="$(cd "$(dirname "$0")/../../.." && pwd)"
work="$(mktemp -d)"
dotnet build "$root/tests/AutoMode.E2E.Tests/FakeCluster" -c "${CONFIGURATION:-Debug}" -v quiet -nologo >/dev/null
dotnet run --no-build --project "$root/tests/AutoMode.E2E.Tests/FakeCluster" -c "${CONFIGURATION:-Debug}" -- "$work" ${E2E_SKIP_CRD_INSTALL:+--preinstalled} ${E2E_FAKE_AUTOMODE:+--automode} >"$work/fake.log" 2>&1 &
fake=$!
trap 'kill "$fake" 2>/dev/null || true' EXIT
for _ in $(seq 1 600); do
  grep -q '^ready:' "$work/fake.log" 2>/dev/null && break
  kill -0 "$fake" 2>/dev/null || { cat "$work/fake.log"; exit 1; }
  sleep 0.1
done
grep '^ready:' "$work/fake.log"
set -a; source "$work/env"; set +a
export OPERATOR_E2E=1 AUTOMODE_IAM_PROPAGATION_DELAY="${AUTOMODE_IAM_PROPAGATION_DELAY:-2s}"
status=0
dotnet test "$root/tests/AutoMode.E2E.Tests" -c "${CONFIGURATION:-Debug}" --logger "console;verbosity=detailed" "$@" || status=$?
kill -TERM "$fake"
wait "$fake" || true
trap - EXIT
sed -n '/^requests:/,$p' "$work/fake.log"
echo "stand-in cluster files and log: $work"
exit $status
