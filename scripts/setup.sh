#!/usr/bin/env bash
# Installs every Debian package Kiln needs (only what is missing), then configures and builds
# into build/. Idempotent: a second run installs nothing and rebuilds incrementally.
#
#   scripts/setup.sh            install + configure + build
#   KILN_SKIP_BUILD=1 scripts/setup.sh   install only
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)

packages=(
  # Toolchain: LLVM/MLIR 22, clang++ and lld to build with, FileCheck/not/lit for tests.
  llvm-22-dev llvm-22-tools libmlir-22-dev mlir-22-tools clang-22 lld-22
  cmake ninja-build ccache
  # ONNX 1.12: protobuf model, checker, textual parser, version converter; its backend test data.
  libonnx-dev libonnx-testdata libprotobuf-dev protobuf-compiler python3-onnx python3-numpy
  # Examples: examples/digits/train.py trains on scikit-learn's bundled digits.
  python3-sklearn
  # End-to-end tests: test/e2e/pytorch/make_models.py exports PyTorch models to ONNX.
  python3-torch
  # Unit tests.
  libgtest-dev
  # AArch64: a C cross compiler and glibc (to cross-build libkilnrt.a and link apps for
  # aarch64-linux-gnu) and user-mode QEMU, which runs those apps in the conformance tests.
  gcc-aarch64-linux-gnu libc6-dev-arm64-cross qemu-user-static
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "setup: all Debian packages present"
fi

[ "${KILN_SKIP_BUILD:-0}" = 1 ] && exit 0

build=${KILN_BUILD_DIR:-$root/build}
if [ ! -f "$build/build.ninja" ]; then
  cmake -S "$root" -B "$build" -G Ninja \
    -DCMAKE_BUILD_TYPE="${KILN_BUILD_TYPE:-Release}" \
    -DCMAKE_C_COMPILER=clang-22 -DCMAKE_CXX_COMPILER=clang++-22 \
    -DLLVM_USE_LINKER=lld \
    -DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache \
    -DMLIR_DIR=/usr/lib/llvm-22/lib/cmake/mlir -DLLVM_DIR=/usr/lib/llvm-22/lib/cmake/llvm
fi
# Linking MLIR tools is memory hungry; 2 parallel jobs fit this project's 2-core machines.
cmake --build "$build" -j "${KILN_JOBS:-$(nproc)}"
