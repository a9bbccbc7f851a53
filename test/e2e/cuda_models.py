#!/usr/bin/python3
"""Compiles the benchmark models (scripts/bench/make_models.py: ResNet-18, MobileNetV2,
SqueezeNet 1.1, the MLP, the LeNet-style CNN, the transformer encoder, the GEMMs) for
--target=cuda and checks each:

  - kilnc -O3 --target=cuda writes the object; --emit=ptx writes its kernels;
  - NVIDIA's ptxas assembles the PTX for every --gpu-archs architecture;
  - the object links with the runtime and the e2e harness, and runs on the
    model's seeded input: without a GPU (--expect-no-gpu) it must report
    KILN_ERROR_DEVICE_UNAVAILABLE; with one, its output must match PyTorch's
    (torch_0.bin, rtol 1e-3, atol 1e-4).

Usage: cuda_models.py --kilnc KILNC MODELS_DIR [--expect-no-gpu]
"""

import argparse
import glob
import json
import os
import subprocess
import sys
import tempfile
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, timeout=900, **kw)


def check_model(args, folder, flags, tmp):
    name = os.path.basename(folder)
    meta = json.load(open(os.path.join(folder, "meta.json")))
    model = os.path.join(folder, "model.onnx")
    obj, ptx, exe = (os.path.join(tmp, name + ext) for ext in (".o", ".ptx", ".exe"))
    common = [args.kilnc, model, "--target=cuda", f"--gpu-arch={args.gpu_archs[0]}",
              "-O3", "--name", "model"]
    start = time.monotonic()
    r = run(common + ["-o", obj])
    seconds = time.monotonic() - start
    if r.returncode:
        return f"kilnc failed: {r.stderr.strip()[:500]}"
    r = run(common + ["--emit=ptx", "-o", ptx])
    if r.returncode:
        return f"kilnc --emit=ptx failed: {r.stderr.strip()[:500]}"
    text = open(ptx).read()
    kernels = text.count(".entry ")
    for arch in args.gpu_archs:
        a = run([args.ptxas, f"-arch={arch}", ptx, "-o", os.devnull])
        if a.returncode:
            return f"ptxas -arch={arch} rejects the PTX: {(a.stderr or a.stdout)[:500]}"
    link = run(["clang-22", os.path.join(HERE, "harness.c"), obj, "-o", exe] + flags)
    if link.returncode:
        return f"link failed: {link.stderr.strip()[:500]}"
    out = os.path.join(tmp, name + "-out")
    os.makedirs(out, exist_ok=True)
    r = run([exe, folder, out])
    if args.expect_no_gpu:
        if r.returncode != 3 or "device unavailable" not in r.stderr:
            return f"expected the no-GPU error, got exit {r.returncode}: {r.stderr[:300]}"
        result = "no GPU: device unavailable, as expected"
    else:
        if r.returncode:
            return f"the model failed on the GPU (exit {r.returncode}): {r.stderr[:300]}"
        expected = np.fromfile(os.path.join(folder, "torch_0.bin"), dtype=np.float32)
        actual = np.fromfile(os.path.join(out, "output_0.bin"), dtype=np.float32)
        if actual.shape != expected.shape or not np.allclose(actual, expected, rtol=1e-3,
                                                              atol=1e-4):
            err = np.max(np.abs(actual - expected)) if actual.shape == expected.shape else "shape"
            return f"GPU output differs from PyTorch's (max abs error {err})"
        result = "GPU output matches PyTorch's"
    print(f"ok   {name:16} {kernels:4} kernels, PTX {len(text) // 1024:5} KiB, "
          f"ptxas {'/'.join(args.gpu_archs)} ok, compile {seconds:5.1f} s; {result}",
          flush=True)
    return ""


def main():
    p = argparse.ArgumentParser(description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("models", help="make_models.py's output folder")
    p.add_argument("--kilnc", required=True)
    p.add_argument("--ptxas", default="/usr/local/cuda/bin/ptxas")
    p.add_argument("--gpu-archs", default="sm_80,sm_90")
    p.add_argument("--expect-no-gpu", action="store_true",
                   help="the machine has no GPU: every run must report it")
    args = p.parse_args()
    args.gpu_archs = args.gpu_archs.split(",")
    if not os.access(args.ptxas, os.X_OK):
        raise SystemExit(f"error: {args.ptxas} not found (the CUDA toolkit's ptxas)")
    flags = run([args.kilnc, "--print-runtime-flags", "--target=cuda"]).stdout.split()
    folders = sorted(f for f in glob.glob(os.path.join(args.models, "*"))
                     if os.path.exists(os.path.join(f, "meta.json")))
    if not folders:
        raise SystemExit(f"error: no models in {args.models}")
    failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        for folder in folders:
            error = check_model(args, folder, flags, tmp)
            if error:
                failures += 1
                print(f"FAIL {os.path.basename(folder):16} {error}", flush=True)
    print(f"{len(folders) - failures} of {len(folders)} models ok")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
