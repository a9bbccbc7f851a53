#!/usr/bin/env bash
# Installs what is missing, builds Kiln, compiles the digits classifier
# (examples/digits/digits.onnx) with kilnc, links it with the example app and the
# runtime, and runs it on the held-out digits: it prints the accuracy, which must
# equal the fp32 accuracy train.py measured in Python (expected_accuracy.txt).
#
#   scripts/demo.sh                 from any directory
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${KILN_BUILD_DIR:-$root/build}
example=$root/examples/digits
out=$build/examples/digits

"$root/scripts/setup.sh"

mkdir -p "$out"
kilnc=$build/bin/kilnc
echo
echo "demo: $kilnc $example/digits.onnx -o $out/digits.o"
"$kilnc" "$example/digits.onnx" -o "$out/digits.o"
flags=$("$kilnc" --print-runtime-flags)
echo "demo: clang-22 main.c digits.o $flags"
clang-22 -std=c11 -O2 -I"$out" "$example/main.c" "$out/digits.o" $flags -o "$out/digits"
echo "demo: $out/digits $example/digits_test.bin"
echo
got=$("$out/digits" "$example/digits_test.bin")
echo "kiln:   $got"
echo "python: $(cat "$example/expected_accuracy.txt") (fp32 reference from train.py)"
if [ "$got" != "$(cat "$example/expected_accuracy.txt")" ]; then
  echo "demo: error: the compiled model's accuracy differs from Python's" >&2
  exit 1
fi
