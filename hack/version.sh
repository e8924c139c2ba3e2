#!/usr/bin/env bash
# Prints the version a build from this tree carries (the Makefile's default VERSION; image tags are v<VERSION>).
#   - the commit tagged v<VersionPrefix> (Directory.Build.props), with no local changes: <VersionPrefix>, the release;
#   - any other commit: <VersionPrefix>-dev.g<short commit>[.dirty], a pre-release of it, so a development image never
#     takes the release's tag;
#   - no git (a source archive): <VersionPrefix>.
# Valid as a SemVer 2 version (MSBuild -p:Version) and as an image tag ([A-Za-z0-9_.-]).
set -euo pipefail
cd "$(dirname "$0")/.."
prefix=$(sed -n 's:.*<VersionPrefix>\(.*\)</VersionPrefix>.*:\1:p' Directory.Build.props)
if [ -z "$prefix" ]; then
  echo "hack/version.sh: no <VersionPrefix> in Directory.Build.props" >&2
  exit 1
fi
if ! git rev-parse --verify -q HEAD >/dev/null 2>&1; then
  echo "$prefix"
  exit 0
fi
dirty=""
git diff --quiet HEAD -- 2>/dev/null || dirty=".dirty"
if [ -z "$dirty" ] && git describe --exact-match --tags --match "v$prefix" HEAD >/dev/null 2>&1; then
  echo "$prefix"
else
  echo "$prefix-dev.g$(git rev-parse --short=7 HEAD)$dirty"
fi
