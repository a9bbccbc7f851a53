#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test through CTest: `lit` (the regression
# tests under test/, via lit + FileCheck) and `unit` (GoogleTest). Exits non-zero if any fails.
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
