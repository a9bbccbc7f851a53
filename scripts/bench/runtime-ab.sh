#!/usr/bin/env bash
# In-process A/B of the runtime's thread pool: runtime/src/context.c at a git
# revision (A) against the current build's libkilnrt.a (B), on the same
# generated code. Not a test: it prints figures and fails on nothing but errors.
#
#   scripts/bench/runtime-ab.sh [--threads 2] [--seconds 8] [--block 4] REV MODEL.onnx...
#
# Each model is compiled once per side by the current kilnc. A's object and
# REV's context.c have their kiln_* runtime symbols renamed kilnA_* (objcopy),
# so both runtimes live in one process, each with its own context; runs
# alternate in blocks (see runtime_ab.c). Prints B/A ratios of the minimum,
# 10th percentile and median (below 1: the current runtime is faster).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
kilnc="$root/build/bin/kilnc"

usage() { sed -n '2,13s/^# \{0,1\}//p' "$0"; }
die() { echo "runtime-ab.sh: $*" >&2; exit 1; }

threads=2
seconds=8
block=4
while [[ $# -gt 0 && $1 == -* ]]; do
  case "$1" in
  -h | --help) usage; exit 0 ;;
  --threads) threads="$2"; shift 2 ;;
  --seconds) seconds="$2"; shift 2 ;;
  --block) block="$2"; shift 2 ;;
  *) die "unknown option $1 (see --help)" ;;
  esac
done
[[ $# -ge 2 ]] || { usage >&2; exit 2; }
rev="$1"; shift
[[ -x "$kilnc" ]] || die "$kilnc not found: build Kiln first"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
git -C "$root" show "$rev:runtime/src/context.c" > "$work/context_a.c" ||
  die "no runtime/src/context.c at $rev"
cc -O2 -c -I"$root/runtime/include" "$work/context_a.c" -o "$work/context_a.o"
# The runtime's symbols: what context.c defines or calls by the kiln_ prefix.
renames=()
for sym in $(nm "$work/context_a.o" | awk '$2 ~ /^[TU]$/ && $3 ~ /^kiln_/ {print $3}' | sort -u); do
  renames+=(--redefine-sym "$sym=kilnA_${sym#kiln_}")
done
objcopy "${renames[@]}" "$work/context_a.o"
flags="$("$kilnc" --print-runtime-flags)"
for model in "$@"; do
  [[ -f "$model" ]] || die "no such model: $model"
  name="$(basename "$(dirname "$(readlink -f "$model")")")"
  sym="m_${name//[^A-Za-z0-9_]/_}"
  "$kilnc" "$model" --name "a_$sym" -O3 -o "$work/a.o"
  "$kilnc" "$model" --name "b_$sym" -O3 -o "$work/b.o"
  objcopy "${renames[@]}" "$work/a.o"
  # shellcheck disable=SC2086 # the runtime flags are several words
  cc -O2 -DKILN_A="a_$sym" -DKILN_B="b_$sym" -I"$root/runtime/include" \
    "$here/runtime_ab.c" "$work/a.o" "$work/b.o" "$work/context_a.o" $flags -lm \
    -o "$work/runtime_ab"
  echo "$name $("$work/runtime_ab" "$threads" "$seconds" "$block")"
done
