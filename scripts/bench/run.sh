#!/usr/bin/env bash
# Kiln's benchmark: Kiln against ONNX Runtime (and OpenBLAS for the GEMMs) on this
# machine; writes docs/performance.md. Not a test: nothing here fails on a slow figure.
#
#   scripts/bench/run.sh                 # everything, >= 2 s per figure (a few minutes)
#   scripts/bench/run.sh --quick         # short timings for development (writes
#                                        # scripts/bench/out/performance-quick.md)
#   scripts/bench/run.sh --models resnet18,gemm_256x1024
#   scripts/bench/run.sh --help          # all options (bench.py)
#
# Needs a built kilnc (build/bin/kilnc). Installs what is missing: libopenblas-dev
# and time (apt), python3-torch / python3-onnx / python3-numpy (apt), and
# onnxruntime-node (npm ci, the version pinned in package.json / package-lock.json).
# Where others compile on the same machine, hold their lock so nothing else runs:
#   flock /tmp/kiln-build.lock scripts/bench/run.sh
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"

apt_missing=()
have_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }
for pkg in libopenblas-dev time python3-torch python3-onnx python3-numpy nodejs; do
  have_pkg "$pkg" || apt_missing+=("$pkg")
done
# Node and npm may come from elsewhere than Debian's packages; only install them if absent.
if command -v node >/dev/null && command -v npm >/dev/null; then
  apt_missing=("${apt_missing[@]/nodejs/}")
else
  apt_missing+=(npm)
fi
apt_missing=($(printf '%s\n' "${apt_missing[@]}" | grep -v '^$' || true))
if ((${#apt_missing[@]})); then
  echo "run.sh: installing ${apt_missing[*]} (apt)" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${apt_missing[@]}" >&2
fi

lock="$here/node_modules/.package-lock.json"
if [[ ! -f "$here/node_modules/onnxruntime-node/package.json" || "$here/package-lock.json" -nt "$lock" ]]; then
  echo "run.sh: npm ci (onnxruntime-node)" >&2
  # The package's install script would fetch CUDA binaries from outside npm; the CPU
  # build it ships is all the benchmark uses.
  (cd "$here" && ONNXRUNTIME_NODE_INSTALL=skip npm ci --no-audit --no-fund >&2)
fi

if [[ ! -x "$root/build/bin/kilnc" && -z "${KILNC:-}" ]]; then
  echo "run.sh: $root/build/bin/kilnc not found: build Kiln first (scripts/setup.sh)" >&2
  exit 1
fi

export BENCH_COMMAND="scripts/bench/run.sh${*:+ $*}"
exec /usr/bin/python3 "$here/bench.py" "$@"
