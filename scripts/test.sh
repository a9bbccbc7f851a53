#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test through CTest: `lit` (the regression
# tests under test/, via lit + FileCheck), `unit` (GoogleTest), and the end-to-end tests in
# test/CMakeLists.txt (conformance, PyTorch models, CMake examples; for the host and, under
# QEMU, for AArch64). Exits non-zero if any fails. The whole AArch64 conformance suite is
# scripts/conformance-aarch64.sh (CTest runs a sample of it).
#
#   scripts/test.sh                 from any directory
#   KILN_JOBS=2 scripts/test.sh     build parallelism (passed on to scripts/setup.sh)
#   KILN_BUILD_DIR=/path scripts/test.sh   build folder (default: build/ in the repository)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${KILN_BUILD_DIR:-$root/build}

"$root/scripts/setup.sh"

echo "test: ctest --test-dir $build"
# CTest prints each test's output on failure and its summary at the end; its exit status is
# this script's.
ctest --test-dir "$build" --output-on-failure --no-tests=error
