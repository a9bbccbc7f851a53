#!/usr/bin/env bash
# Installs what is missing, builds Kiln, then imports a small ONNX model (a two-layer MLP in
# ONNX's textual syntax) and prints it in the kiln dialect.
#
#   scripts/demo.sh                 from any directory
#   scripts/demo.sh MODEL           import another .onnx / .onnxtxt model instead
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${KILN_BUILD_DIR:-$root/build}
model=${1:-$root/examples/models/mlp.onnxtxt}

"$root/scripts/setup.sh"

echo
echo "demo: $build/bin/kilnc --emit=kiln $model"
echo
"$build/bin/kilnc" --emit=kiln "$model"
