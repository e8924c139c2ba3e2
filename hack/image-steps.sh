#!/usr/bin/env bash
# Runs the Dockerfile's build without a container engine, so CI (which has none) catches a broken image build: a
# file the build needs that is not committed or is excluded by .dockerignore, a step that no longer works, a
# .dockerignore that lets a local build's obj/ overwrite the image's restore (NETSDK1047).
#
# The build context is what `docker build .` would send from a fresh clone after a local build: `git archive` of HEAD
# with the uncommitted changes to tracked (or added) files, so a file not yet `git add`ed is missing as in CI; plus the git-ignored build outputs under src/ of this work tree (bin/, obj/: what `make test` leaves), then
# .dockerignore applied to it. The Dockerfile is read, not copied: its ARG, ENV, WORKDIR, COPY and RUN lines run in
# order, in a temporary directory that stands for each stage's root file system (absolute paths in RUN are mapped
# into it). The runtime stage's COPY --from and ENTRYPOINT are checked, and the published binary is asked its version.
#
# Usage: hack/image-steps.sh            (VERSION, REVISION, TARGETARCH from the environment, else as make image sets them)
# Exit status: 0 when the image's steps all succeed; non-zero with the failing step named otherwise.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"

case "$(uname -m)" in
  x86_64) default_arch=amd64 ;;
  aarch64 | arm64) default_arch=arm64 ;;
  *) default_arch=$(uname -m) ;;
esac
# One target architecture only (this machine's): CI time stays small; buildx runs the same steps per platform.
declare -A build_args=(
  [TARGETARCH]=${TARGETARCH:-$default_arch}
  [VERSION]=${VERSION:-$(hack/version.sh)}
  [REVISION]=${REVISION:-$(git rev-parse HEAD)}
)

work=$(mktemp -d "${TMPDIR:-/tmp}/image-steps.XXXXXX")
trap 'rm -rf "$work"' EXIT
context=$work/context
mkdir -p "$context"
fail() { echo "image-steps: $*" >&2; exit 1; }
step() { echo "image-steps: $*"; }

# --- The build context -------------------------------------------------------------------------------------------
# `git stash create` records the tracked changes as a commit without touching the work tree or the stash list.
snapshot=$(git stash create)
git archive --format=tar "${snapshot:-HEAD}" | tar -x -C "$context"
# Build outputs of this work tree, as `docker build .` would see them (git archive leaves them out).
git ls-files -z --others --ignored --exclude-standard -- src | tar -c --null -T - -f - | tar -x -C "$context"

if [ -f "$context/.dockerignore" ]; then
  (
    cd "$context"
    shopt -s globstar dotglob nullglob
    while IFS= read -r line || [ -n "$line" ]; do
      pattern=${line%%#*}
      pattern=$(printf '%s' "$pattern" | sed -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//')
      [ -z "$pattern" ] && continue
      case "$pattern" in
        '!'*) fail ".dockerignore exception '$pattern' is not supported by this script" ;;
      esac
      # Docker matches from the context root; a leading or trailing slash does not change the match.
      pattern=${pattern#/}
      pattern=${pattern%/}
      # shellcheck disable=SC2206 # the pattern must glob here
      matches=($pattern)
      for match in "${matches[@]}"; do
        rm -rf -- "$match"
      done
    done <.dockerignore
  )
fi

# --- The Dockerfile, step by step --------------------------------------------------------------------------------
# Logical lines: comments dropped, backslash continuations joined.
mapfile -t lines < <(sed -e '/^[[:space:]]*#/d' Dockerfile | sed -e ':a' -e '/\\$/N; s/\\\n//; ta' | sed -e '/^[[:space:]]*$/d')

stage=-1
declare -A stage_root=()
root=""
cwd=""
declare -A env_vars=()
entrypoint=""

expand() { # $1 with ${NAME}, $NAME replaced from build args and ENV (what Docker expands in COPY/WORKDIR/ENV)
  local text=$1 name
  for name in "${!build_args[@]}" "${!env_vars[@]}"; do
    text=${text//\$\{$name\}/${build_args[$name]:-${env_vars[$name]:-}}}
    text=${text//\$$name/${build_args[$name]:-${env_vars[$name]:-}}}
  done
  printf '%s' "$text"
}
in_root() { # an image path (absolute, or relative to WORKDIR) as a path in this stage's directory
  case "$1" in
    /*) printf '%s%s' "$root" "$1" ;;
    *) printf '%s/%s' "$cwd" "$1" ;;
  esac
}

for line in "${lines[@]}"; do
  instruction=$(printf '%s' "$line" | awk '{print toupper($1)}')
  rest=$(printf '%s' "$line" | sed -e 's/^[[:space:]]*[^[:space:]]*[[:space:]]*//')
  case "$instruction" in
    FROM)
      stage=$((stage + 1))
      name=$(printf '%s' "$rest" | sed -n 's/.*[[:space:]][Aa][Ss][[:space:]]\+\([^[:space:]]*\)$/\1/p')
      root=$work/stage$stage
      mkdir -p "$root"
      cwd=$root
      stage_root[$stage]=$root
      [ -n "$name" ] && stage_root[$name]=$root
      step "stage $stage ${name:-(final)}: $rest"
      ;;
    ARG)
      arg=${rest%%=*}
      if [ -z "${build_args[$arg]+set}" ]; then
        build_args[$arg]=$([ "$rest" != "$arg" ] && printf '%s' "${rest#*=}" || true)
      fi
      ;;
    ENV)
      key=${rest%%=*}
      env_vars[$key]=$(expand "${rest#*=}")
      ;;
    WORKDIR)
      cwd=$(in_root "$(expand "$rest")")
      mkdir -p "$cwd"
      ;;
    COPY)
      read -r -a words <<<"$(expand "$rest")"
      from=""
      args=()
      for word in "${words[@]}"; do
        case "$word" in
          --from=*) from=${word#--from=} ;;
          --*) ;;
          *) args+=("$word") ;;
        esac
      done
      dest=${args[-1]}
      sources=("${args[@]:0:${#args[@]}-1}")
      target=$(in_root "$dest")
      for source in "${sources[@]}"; do
        if [ -n "$from" ]; then
          [ -n "${stage_root[$from]+set}" ] || fail "COPY --from=$from: no such stage"
          origin=${stage_root[$from]}/${source#/}
          [ -e "$origin" ] || fail "COPY --from=$from $source: stage '$from' did not produce it"
        else
          origin=$context/$source
          [ -e "$origin" ] || fail "COPY $source: not in the build context (not committed, or excluded by .dockerignore)"
        fi
        if [ -d "$origin" ]; then
          mkdir -p "$target"
          cp -a "$origin/." "$target/"
        elif [[ "$dest" == */ || ${#sources[@]} -gt 1 ]]; then
          mkdir -p "$target"
          cp -a "$origin" "$target/"
        else
          mkdir -p "$(dirname "$target")"
          cp -a "$origin" "$target"
        fi
      done
      ;;
    RUN)
      # Absolute paths in the command (`-o /out`) point into this stage's directory.
      command=$(printf '%s' "$rest" | sed -E "s#(^|[[:space:]=])/#\1$root/#g")
      step "RUN $rest"
      exports=()
      for name in "${!build_args[@]}"; do exports+=("$name=${build_args[$name]}"); done
      for name in "${!env_vars[@]}"; do exports+=("$name=${env_vars[$name]}"); done
      # No build servers left behind: the steps run once, as in a container that is thrown away.
      (cd "$cwd" && env "${exports[@]}" MSBUILDDISABLENODEREUSE=1 UseSharedCompilation=false DOTNET_CLI_USE_MSBUILD_SERVER=0 \
        sh -c "$command") || fail "RUN $rest: failed"
      ;;
    ENTRYPOINT)
      entrypoint=$(printf '%s' "$rest" | sed -n 's/^\[[[:space:]]*"\([^"]*\)".*/\1/p')
      [ -n "$entrypoint" ] || fail "ENTRYPOINT $rest: expected the exec form [\"/path\", ...] (the runtime image has no shell)"
      ;;
    USER | EXPOSE | CMD | LABEL) ;;
    *) fail "unsupported Dockerfile instruction: $instruction" ;;
  esac
done

# --- The result --------------------------------------------------------------------------------------------------
[ -n "$entrypoint" ] || fail "no ENTRYPOINT"
binary=$(in_root "$entrypoint")
[ -x "$binary" ] || fail "ENTRYPOINT $entrypoint: not an executable in the final stage"
# The runtime image is framework-dependent: run the published assembly with this machine's runtime.
reported=$(dotnet "$binary.dll" version) || fail "$entrypoint version: failed"
step "$entrypoint version: $reported"
case "$reported" in
  "automode-operator ${build_args[VERSION]} ("*) ;;
  *) fail "the binary reports '$reported', expected version ${build_args[VERSION]}" ;;
esac
step "OK: the Dockerfile's steps build a working operator for linux/${build_args[TARGETARCH]}"
