#!/usr/bin/python3
"""Imports ONNX's own backend test models with kilnc and verifies the result.

For every model under TESTDATA/{node,pytorch-converted,pytorch-operator,simple}
whose operators kilnc imports (`kilnc --list-ops`, which must include the op
list of issue 3, IN_SCOPE below):
  1. `kilnc model.onnx -o out.mlir` must succeed;
  2. `kiln-opt out.mlir` must parse and verify the output.
A graph input that must be a compile-time constant (a Reshape target shape fed
from outside, say) is frozen to the test's own data with --const-input, exactly
as a user would; the report counts those cases separately.

Cases listed in the expectations file (one `suite/case  reason` per line) are
expected to fail; an unexpected failure or an unexpected pass fails the run, so
the list always says exactly what does not work and why.

Prints per-case lines for failures and ends with `N passed, N failed, N skipped`
(skipped = out of scope: an operator outside the list, named in the report).
Exit status 1 when anything is unexpected.
"""

import argparse
import collections
import concurrent.futures
import os
import re
import subprocess
import sys
import tempfile

import onnx

from onnx_cases import CONST_INPUT_RE, SUITES, find_cases, load_expectations


# The operators issue 3 asks the importer to cover (Dropout is removed at import).
IN_SCOPE = set("""
Abs Neg Exp Log Sqrt Reciprocal Floor Ceil Round Sign Sin Cos Tan Asin Acos Atan Sinh
Cosh Erf Relu LeakyRelu PRelu Elu Selu Celu Sigmoid HardSigmoid HardSwish Softplus
Softsign Tanh Not IsNaN IsInf Identity Cast Clip
Add Sub Mul Div Pow Max Min Mean Sum Mod Equal Less Greater LessOrEqual GreaterOrEqual
And Or Xor Where
ReduceSum ReduceMean ReduceMax ReduceMin ReduceProd ReduceL1 ReduceL2 ReduceLogSumExp
ReduceSumSquare ArgMax ArgMin
Conv ConvTranspose MaxPool AveragePool GlobalAveragePool GlobalMaxPool BatchNormalization
InstanceNormalization LayerNormalization LpNormalization Gemm MatMul Softmax LogSoftmax
Hardmax LRN Resize Upsample Pad DepthToSpace SpaceToDepth Einsum
Reshape Flatten Transpose Squeeze Unsqueeze Concat Split Slice Gather GatherElements
GatherND Expand Tile Shape Size Constant ConstantOfShape Range TopK CumSum OneHot Trilu
LSTM GRU RNN
QuantizeLinear DequantizeLinear QLinearConv QLinearMatMul MatMulInteger ConvInteger
DynamicQuantizeLinear
Dropout
""".split())



def model_ops(path):
    model = onnx.load(path, load_external_data=False)
    return {n.op_type for n in model.graph.node}, model


def run_case(args, suite, case):
    """Returns (status, detail, frozen, ops) with status pass|fail|skip."""
    path = os.path.join(args.testdata, suite, case, "model.onnx")
    try:
        ops, model = model_ops(path)
    except Exception as e:  # Unreadable models are failures, not skips.
        return "fail", f"python onnx cannot load it: {e}", False, set()
    status, detail, frozen = import_case(args, suite, case, path, ops, model)
    return status, detail, frozen, ops


def import_case(args, suite, case, path, ops, model):
    outside = sorted(ops - args.scope)
    if outside:
        return "skip", "operators outside the list: " + " ".join(outside), False
    initializers = {i.name for i in model.graph.initializer}
    inputs = [i.name for i in model.graph.input if i.name not in initializers]
    frozen = {}
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "out.mlir")
        while True:
            cmd = [args.kilnc, "--emit=kiln", path, "-o", out]
            for name, pb in frozen.items():
                cmd.append(f"--const-input={name}={pb}")
            r = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
            if r.returncode == 0:
                break
            m = CONST_INPUT_RE.search(r.stderr)
            if not m or m.group(1) in frozen or m.group(1) not in inputs:
                return "fail", r.stderr.strip().splitlines()[0] if r.stderr else \
                    f"kilnc exit {r.returncode}", bool(frozen)
            index = inputs.index(m.group(1))
            pb = os.path.join(args.testdata, suite, case, "test_data_set_0",
                              f"input_{index}.pb")
            if not os.path.exists(pb):
                return "fail", f"input '{m.group(1)}' must be constant and the test " \
                               "has no data for it", bool(frozen)
            frozen[m.group(1)] = pb
        v = subprocess.run([args.kiln_opt, out, "-o", os.devnull],
                           capture_output=True, text=True, timeout=300)
        if v.returncode != 0:
            return "fail", "kiln-opt rejects the output: " + \
                (v.stderr.strip().splitlines() or ["?"])[0], bool(frozen)
    return "pass", "", bool(frozen)




def main():
    p = argparse.ArgumentParser(description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--kilnc", default="kilnc")
    p.add_argument("--kiln-opt", default="kiln-opt")
    p.add_argument("--testdata", default="/usr/share/libonnx-testdata/data")
    p.add_argument("--expected-failures", help="file of `suite/case reason` lines")
    p.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    p.add_argument("--write-expected", help="write the current failures to this file")
    p.add_argument("--write-ops-doc", help="write the per-operator table (markdown)")
    p.add_argument("--filter", default="", help="only cases whose suite/case contains this")
    args = p.parse_args()

    cases = find_cases(args.testdata, lambda key: args.filter in key)
    if cases is None:
        return 1

    # Every operator kilnc imports is tried, issue 3's list being a subset.
    args.scope = set(subprocess.run([args.kilnc, "--list-ops"], capture_output=True,
                                    text=True, check=True).stdout.split())
    missing = sorted(IN_SCOPE - args.scope)
    if missing:
        print("error: kilnc does not import operators of the required list: "
              + " ".join(missing))
        return 1
    expected = load_expectations(args.expected_failures)
    results = {}
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        futures = {pool.submit(run_case, args, s, c): (s, c) for s, c in cases}
        for f in concurrent.futures.as_completed(futures):
            s, c = futures[f]
            results[f"{s}/{c}"] = f.result()

    counts = collections.Counter()
    per_suite = collections.defaultdict(collections.Counter)
    unexpected = []
    frozen_count = 0
    for key in sorted(results):
        status, detail, frozen, _ = results[key]
        suite = key.split("/")[0]
        per_suite[suite][status] += 1
        counts[status] += 1
        frozen_count += status == "pass" and frozen
        if status == "fail" and key not in expected:
            unexpected.append(f"FAIL (unexpected) {key}: {detail}")
        elif status == "fail":
            print(f"XFAIL {key}: {expected[key]}")
        elif status == "pass" and key in expected:
            unexpected.append(f"PASS (unexpected, remove it from the expectations) {key}")
    for line in unexpected:
        print(line)
    stale = sorted(k for k in expected if k not in results)
    for k in stale:
        print(f"note: expectation for unknown case {k}")

    print()
    print(f"{'suite':20} {'in scope':>8} {'imported':>8} {'failed':>7} {'out of scope':>12}")
    for suite in SUITES:
        c = per_suite[suite]
        print(f"{suite:20} {c['pass'] + c['fail']:8} {c['pass']:8} {c['fail']:7} {c['skip']:12}")
    in_scope = counts["pass"] + counts["fail"]
    print(f"imported {counts['pass']}/{in_scope} in-scope models "
          f"({frozen_count} with inputs frozen by --const-input); "
          f"{counts['skip']} of {len(results)} models use operators outside the list")
    if args.write_expected:
        with open(args.write_expected, "w") as f:
            f.write("# suite/case  reason (generated by import_conformance.py "
                    "--write-expected, then reviewed)\n")
            for key in sorted(results):
                status, detail, _, _ = results[key]
                if status == "fail":
                    f.write(f"{key}  {detail}\n")
    if args.write_ops_doc:
        write_ops_doc(args, results)
    print(f"{counts['pass']} passed, {counts['fail']} failed, {counts['skip']} skipped")
    return 1 if unexpected else 0


def write_ops_doc(args, results):
    """Operator x import status over the conformance models (generated)."""
    kiln_ops = subprocess.run([args.kilnc, "--list-ops"], capture_output=True,
                              text=True, check=True).stdout.split()
    per_op = collections.defaultdict(collections.Counter)
    for status, _, _, ops in results.values():
        for op in ops:
            per_op[op][status] += 1
    with open(args.write_ops_doc, "w") as f:
        f.write("# Supported ONNX operators\n\n")
        f.write("Generated by `test/e2e/import_conformance.py --write-ops-doc` from "
                "`kilnc --list-ops` and an import run over ONNX 1.12's backend test "
                "models (Debian libonnx-testdata). Do not edit by hand.\n\n")
        f.write("Stage: **import** only (ONNX to the kiln dialect, verified). The "
                "end-to-end table (compiled, linked and run) is docs/supported-ops.md, "
                "written by test/e2e/conformance.py.\n\n")
        f.write("| operator | imported by Kiln | test models imported | failed | "
                "skipped (other ops in the model) |\n|---|---|---|---|---|\n")
        for op in sorted(set(kiln_ops) | set(per_op)):
            c = per_op[op]
            f.write(f"| {op} | {'yes' if op in kiln_ops else 'no'} | {c['pass']} | "
                    f"{c['fail']} | {c['skip']} |\n")


if __name__ == "__main__":
    sys.exit(main())
