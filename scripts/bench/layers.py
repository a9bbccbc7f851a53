#!/usr/bin/env python3
"""Kiln against ONNX Runtime one layer at a time (a developer's aid, not a test).

    /usr/bin/python3 scripts/bench/layers.py MODEL.onnx OUTDIR [--threads N] [--time S]

Cuts every Conv, Gemm and pool node of MODEL (with the Relu or Clip that alone
consumes it) into a model of its own, compiles it with `kilnc -O3`, links
harness.c, and times it against ort_bench.js (run.sh installs onnxruntime-node):
Kiln twice around ORT, min of each. Prints one line per layer (kind: pw = 1x1,
dw = depthwise, kN = NxN, sN = stride), then totals per kind.

ORT's figures here include what one layer alone costs it (its per-call overhead
and NCHWc reorders at both ends), so a ratio below 1 is not a win inside the
model; ORT's in-model node times come from its profiler (ort_profile.js, pinned
with `taskset -c 0` at 1 thread). Use this to find the layers where Kiln's own
code is slow.
"""
import argparse
import json
import os
import subprocess
import sys

import numpy as np
import onnx
import onnx.helper as oh
import onnx.shape_inference

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def timed(cmd, outdir, inp):
    os.makedirs(outdir, exist_ok=True)
    out = subprocess.run(cmd + ["--outdir", outdir, inp], capture_output=True, text=True,
                         check=True).stdout
    return json.loads(out.strip().splitlines()[-1])["min_s"] * 1e3


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("model")
    ap.add_argument("outdir")
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--time", type=float, default=0.5, help="seconds per timing")
    ap.add_argument("--kilnc", default=os.path.join(ROOT, "build", "bin", "kilnc"))
    args = ap.parse_args()

    m = onnx.shape_inference.infer_shapes(onnx.load(args.model))
    g = m.graph
    shapes = {v.name: [d.dim_value for d in v.type.tensor_type.shape.dim]
              for v in list(g.value_info) + list(g.input) + list(g.output)}
    inits = {i.name: i for i in g.initializer}
    consumers = {}
    for n in g.node:
        for i in n.input:
            consumers.setdefault(i, []).append(n)
    flags = subprocess.run([args.kilnc, "--print-runtime-flags"], capture_output=True,
                           text=True, check=True).stdout.split()
    kinds = {}
    for idx, n in enumerate(g.node):
        if n.op_type not in ("Conv", "Gemm", "MaxPool", "AveragePool", "GlobalAveragePool"):
            continue
        nodes, out = [n], n.output[0]
        users = consumers.get(out, [])
        if len(users) == 1 and users[0].op_type in ("Relu", "Clip"):
            nodes.append(users[0])
            out = users[0].output[0]
        # Clip's bounds may be Constant nodes.
        produced = {o: q for q in g.node for o in q.output}
        extra = [produced[i] for nd in nodes[1:] for i in nd.input[1:]
                 if i and i not in inits and i in produced]
        x = n.input[0]
        graph = oh.make_graph(
            extra + nodes, f"layer{idx}", [oh.make_tensor_value_info(x, 1, shapes[x])],
            [oh.make_tensor_value_info(out, 1, shapes[out])],
            [inits[i] for nd in nodes for i in nd.input if i in inits])
        layer = oh.make_model(graph, opset_imports=m.opset_import)
        layer.ir_version = m.ir_version
        d = os.path.join(args.outdir, f"node{idx}")
        os.makedirs(d, exist_ok=True)
        onnx.save(layer, os.path.join(d, "layer.onnx"))
        inp = os.path.join(d, "input.bin")
        np.random.default_rng(0).standard_normal(shapes[x]).astype(np.float32).tofile(inp)
        r = subprocess.run([args.kilnc, os.path.join(d, "layer.onnx"), "-O3", "--name",
                            "layer", "-o", os.path.join(d, "layer.o")],
                           capture_output=True, text=True)
        if r.returncode:
            print(f"node{idx}: kilnc failed: {r.stderr.strip()[:200]}", file=sys.stderr)
            continue
        exe = os.path.join(d, "harness")
        subprocess.run(["cc", "-O2", "-DKILN_MODEL=layer", "-I" + d, "-include", "layer.h",
                        os.path.join(HERE, "harness.c"), os.path.join(d, "layer.o"), "-o",
                        exe] + flags, check=True)
        common = ["--threads", str(args.threads), "--warmup", "0.2", "--time", str(args.time)]
        kiln = timed([exe] + common, os.path.join(d, "kiln"), inp)
        ort = timed(["node", os.path.join(HERE, "ort_bench.js"), "--model",
                     os.path.join(d, "layer.onnx")] + common, os.path.join(d, "ort"), inp)
        kiln = min(kiln, timed([exe] + common, os.path.join(d, "kiln"), inp))
        got = np.fromfile(os.path.join(d, "kiln", "output_0.bin"), np.float32)
        want = np.fromfile(os.path.join(d, "ort", "output_0.bin"), np.float32)
        kind = n.op_type
        if kind == "Conv":
            attrs = {a.name: oh.get_attribute_value(a) for a in n.attribute}
            w = list(inits[n.input[1]].dims) if n.input[1] in inits else shapes[n.input[1]]
            kind = ("dw" if attrs.get("group", 1) > 1 else
                    "pw" if w[2:] == [1, 1] else f"k{w[2]}")
            kind += f"s{attrs.get('strides', [1, 1])[0]}"
        total = kinds.setdefault(kind[:2], [0.0, 0.0])
        total[0] += kiln
        total[1] += ort
        print(f"node{idx:<4} {kind:8} {str(shapes[x]):20} -> {str(shapes[out]):20} "
              f"kiln {kiln:8.3f} ms  ort {ort:8.3f} ms  ratio {kiln / ort:5.2f}  "
              f"max |diff| {np.abs(got - want).max():.1e}", flush=True)
    for kind, (kiln, ort) in sorted(kinds.items()):
        print(f"{kind:8} kiln {kiln:8.2f} ms  ort {ort:8.2f} ms  ratio {kiln / ort:5.2f}")


if __name__ == "__main__":
    main()
