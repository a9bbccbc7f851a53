#!/usr/bin/env bash
# In-process A/B: the code of two Kiln builds on the same models, timed in one
# process (see ab.c for why). Not a test: it prints figures and fails on nothing
# but errors.
#
#   scripts/bench/ab.sh save DIR
#       Keep the current build's compiler library (build/lib/libKiln.so*) in DIR:
#       the "A" side of later comparisons. Do this before changing the compiler.
#   scripts/bench/ab.sh [--threads 1,2] [--seconds 4] DIR MODEL.onnx...
#       Compile each model with DIR's library (A) and with the current build (B),
#       link both into one program and time them alternately, per thread count.
#       Prints B/A ratios of the minimum, 10th percentile and median (below 1:
#       the current build is faster) and the largest output difference.
#
# A model's name in the output is its file's folder (layers.py writes
# OUT/nodeN/layer.onnx; bench models are OUT/models/NAME/model.onnx).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
kilnc="$root/build/bin/kilnc"
lib="$root/build/lib"

usage() { sed -n '2,16s/^# \{0,1\}//p' "$0"; }
die() { echo "ab.sh: $*" >&2; exit 1; }

[[ $# -ge 1 ]] || { usage >&2; exit 2; }
case "$1" in
-h | --help) usage; exit 0 ;;
save)
  [[ $# -eq 2 ]] || die "usage: ab.sh save DIR"
  compgen -G "$lib/libKiln.so*" >/dev/null || die "no $lib/libKiln.so*: build Kiln first"
  mkdir -p "$2"
  cp -P "$lib"/libKiln.so* "$2"/
  echo "ab.sh: saved $(readlink -f "$lib/libKiln.so") in $2"
  exit 0
  ;;
esac

threads=1,2
seconds=4
while [[ $# -gt 0 && $1 == --* ]]; do
  case "$1" in
  --threads) threads="$2"; shift 2 ;;
  --seconds) seconds="$2"; shift 2 ;;
  *) die "unknown option $1 (see --help)" ;;
  esac
done
[[ $# -ge 2 ]] || { usage >&2; exit 2; }
old="$(cd "$1" && pwd)"; shift
compgen -G "$old/libKiln.so*" >/dev/null || die "$old holds no libKiln.so* (ab.sh save $old)"
[[ -x "$kilnc" ]] || die "$kilnc not found: build Kiln first"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
flags="$("$kilnc" --print-runtime-flags)"
for model in "$@"; do
  [[ -f "$model" ]] || die "no such model: $model"
  name="$(basename "$(dirname "$(readlink -f "$model")")")"
  # The symbol names must be C identifiers.
  sym="m_${name//[^A-Za-z0-9_]/_}"
  LD_LIBRARY_PATH="$old" "$kilnc" "$model" --name "a_$sym" -O3 -o "$work/a.o"
  "$kilnc" "$model" --name "b_$sym" -O3 -o "$work/b.o"
  # shellcheck disable=SC2086 # the runtime flags are several words
  cc -O2 -DKILN_A="a_$sym" -DKILN_B="b_$sym" -I"$root/runtime/include" "$here/ab.c" \
    "$work/a.o" "$work/b.o" $flags -lm -o "$work/ab"
  for t in ${threads//,/ }; do
    echo "$name $("$work/ab" "$t" "$seconds")"
  done
done
