#!/usr/bin/python3
"""Compiles ONNX's backend test models with kilnc, links and runs them, and
compares the results with ONNX's stored outputs.

For every case under TESTDATA/{node,pytorch-converted,pytorch-operator,simple}:
  1. `kilnc model.onnx --name model -o model.o` (inputs that must be constants
     are frozen to the test's own data with --const-input, as a user would);
  2. link model.o with harness.c and the runtime (`kilnc --print-runtime-flags`);
  3. run it on every test_data_set_*/input_*.pb and compare each output with
     output_*.pb: floats with ONNX's backend tolerances (rtol 1e-3, atol 1e-7),
     everything else exactly (--rtol/--atol change the float tolerances).
Every case ends as pass, fail, or skip (unsupported, with the reason kilnc gave:
an operator the importer does not know, or one code generation does not lower
yet). Cases listed in the expectations file (`suite/case  reason` per line) are
expected to fail; an unexpected failure or pass makes the exit status 1.

Compiled cases are cached by content (model bytes, frozen inputs, flags and the
kilnc build), so a rerun only recompiles what changed.
"""

import argparse
import collections
import concurrent.futures
import glob
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading

import numpy as np
import onnx

from onnx_cases import CONST_INPUT_RE, SUITES, find_cases, load_expectations
from onnx import numpy_helper

UNSUPPORTED_RE = re.compile(r"(\S+) is not supported by code generation yet")


def sha256_file(path, h=None):
    h = h or hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h


def load_array(pb):
    """A .pb tensor as the array of the bytes a compiled model reads or writes.
    numpy has no bfloat16: ONNX's helper widens it to float32, so narrow it back to
    its 16-bit pattern (the values are exactly representable)."""
    tensor = onnx.load_tensor(pb)
    array = numpy_helper.to_array(tensor)
    if tensor.data_type == onnx.TensorProto.BFLOAT16:
        array = (np.ascontiguousarray(array, dtype=np.float32).view(np.uint32) >> 16) \
            .astype(np.uint16)
    return array, tensor.data_type


def first_error(text):
    lines = [l for l in text.strip().splitlines() if "error:" in l]
    return (lines or text.strip().splitlines() or ["?"])[0]


class Runner:
    def __init__(self, args):
        self.args = args
        self.kiln_ops = set(subprocess.run([args.kilnc, "--list-ops"], capture_output=True,
                                           text=True, check=True).stdout.split())
        self.flags = subprocess.run([args.kilnc, "--print-runtime-flags"], capture_output=True,
                                    text=True, check=True).stdout.split()
        # The kilnc build: its binary and the Kiln library next to it.
        h = hashlib.sha256()
        kilnc = shutil.which(args.kilnc) or args.kilnc
        sha256_file(kilnc, h)
        for lib in sorted(glob.glob(os.path.join(os.path.dirname(os.path.realpath(kilnc)),
                                                 "..", "lib", "libKiln.so*"))):
            if os.path.isfile(lib) and not os.path.islink(lib):
                sha256_file(lib, h)
        h.update(" ".join(args.kilnc_flags).encode())
        self.build_id = h.hexdigest()
        os.makedirs(args.cache_dir, exist_ok=True)
        self.harness = os.path.join(args.cache_dir, "harness.o")
        src = os.path.join(os.path.dirname(os.path.abspath(__file__)), "harness.c")
        subprocess.run([args.cc, "-std=c11", "-O2", "-c", src, "-o", self.harness]
                       + [f for f in self.flags if f.startswith("-I")], check=True)

    def compile(self, suite, case, model_path, inputs):
        """Returns (status, detail, exe, frozen names)."""
        frozen = {}
        while True:
            key = hashlib.sha256()
            sha256_file(model_path, key)
            for name, pb in sorted(frozen.items()):
                key.update(name.encode())
                sha256_file(pb, key)
            key.update(self.build_id.encode())
            cached = os.path.join(self.args.cache_dir, key.hexdigest())
            exe = cached + ".exe"
            if os.path.exists(exe):
                return "ok", "", exe, frozen
            if os.path.exists(cached + ".err"):
                with open(cached + ".err") as f:
                    err = f.read()
            else:
                with tempfile.TemporaryDirectory() as tmp:
                    obj = os.path.join(tmp, "model.o")
                    cmd = [self.args.kilnc, model_path, "--name", "model", "-o", obj]
                    cmd += self.args.kilnc_flags
                    cmd += [f"--const-input={n}={pb}" for n, pb in frozen.items()]
                    r = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
                    err = r.stderr if r.returncode else ""
                    if not err:
                        # Cases with identical models share a cache entry: link
                        # to a private name, then rename (atomic), so that no
                        # job runs a file another is still writing.
                        private = f"{exe}.{os.getpid()}.{threading.get_ident()}"
                        link = subprocess.run([self.args.cc, self.harness, obj, "-o",
                                               private] + self.flags,
                                              capture_output=True, text=True)
                        if link.returncode:
                            err = "link failed: " + link.stderr
                        else:
                            os.replace(private, exe)
                            return "ok", "", exe, frozen
                    private = f"{cached}.{os.getpid()}.{threading.get_ident()}.err"
                    with open(private, "w") as f:
                        f.write(err or "kilnc failed without a message")
                    os.replace(private, cached + ".err")
            m = CONST_INPUT_RE.search(err)
            if m and m.group(1) not in frozen and m.group(1) in inputs:
                pb = os.path.join(self.args.testdata, suite, case, "test_data_set_0",
                                  f"input_{inputs.index(m.group(1))}.pb")
                if os.path.exists(pb):
                    frozen[m.group(1)] = pb
                    continue
            u = UNSUPPORTED_RE.search(err)
            if u:
                return "skip", f"code generation does not lower {u.group(1)} yet", None, frozen
            return "fail", first_error(err), None, frozen

    def run_case(self, suite, case):
        """Returns (status, detail, ops)."""
        folder = os.path.join(self.args.testdata, suite, case)
        path = os.path.join(folder, "model.onnx")
        try:
            model = onnx.load(path, load_external_data=False)
        except Exception as e:
            return "fail", f"python onnx cannot load it: {e}", set()
        ops = {n.op_type for n in model.graph.node}
        outside = sorted(ops - self.kiln_ops)
        if outside:
            return "skip", "the importer does not support " + " ".join(outside), ops
        initializers = {i.name for i in model.graph.initializer}
        inputs = [i.name for i in model.graph.input if i.name not in initializers]
        status, detail, exe, frozen = self.compile(suite, case, path, inputs)
        if status != "ok":
            return status, detail, ops
        sets = sorted(glob.glob(os.path.join(folder, "test_data_set_*")))
        if not sets:
            return "fail", "the case has no test data", ops
        for data in sets:
            detail = self.run_data_set(exe, data, inputs, frozen)
            if detail:
                return "fail", f"{os.path.basename(data)}: {detail}", ops
        return "pass", "", ops

    def run_data_set(self, exe, data, inputs, frozen):
        with tempfile.TemporaryDirectory() as tmp:
            fed = 0
            for i, name in enumerate(inputs):
                if name in frozen:
                    continue
                pb = os.path.join(data, f"input_{i}.pb")
                if not os.path.exists(pb):
                    return f"no data for input {i} ('{name}')"
                array, _ = load_array(pb)
                np.ascontiguousarray(array).tofile(os.path.join(tmp, f"input_{fed}.bin"))
                fed += 1
            r = subprocess.run([exe, tmp, tmp] + ([str(self.args.threads)]
                                                  if self.args.threads else []),
                               capture_output=True, text=True, timeout=600)
            if r.returncode:
                return f"the compiled model failed (exit {r.returncode}): " + \
                    r.stderr.strip()[:300]
            if self.args.check_threads:
                # The same outputs, bit for bit, with contexts of 1 and 2 threads.
                runs = []
                for threads in ("1", "2"):
                    out = os.path.join(tmp, f"threads{threads}")
                    os.mkdir(out)
                    r = subprocess.run([exe, tmp, out, threads], capture_output=True,
                                       text=True, timeout=600)
                    if r.returncode:
                        return f"the compiled model failed with {threads} thread(s)"
                    runs.append([open(f, "rb").read() for f in
                                 sorted(glob.glob(os.path.join(out, "output_*.bin")))])
                if runs[0] != runs[1]:
                    return "outputs with 1 and 2 threads differ"
            for j, pb in enumerate(sorted(glob.glob(os.path.join(data, "output_*.pb")),
                                          key=lambda p: int(re.findall(r"\d+", os.path.basename(p))[0]))):
                expected, dtype = load_array(pb)
                out = os.path.join(tmp, f"output_{j}.bin")
                if not os.path.exists(out):
                    return f"output {j} was not produced"
                actual = np.fromfile(out, dtype=expected.dtype)
                if actual.size != expected.size:
                    return f"output {j} has {actual.size} elements, expected {expected.size}"
                actual = actual.reshape(expected.shape)
                if dtype == onnx.TensorProto.BFLOAT16:
                    # Compare values, with tolerance, not bit patterns.
                    widen = lambda a: (a.astype(np.uint32) << 16).view(np.float32)
                    actual, expected = widen(actual), widen(expected)
                if expected.dtype.kind in "fc":
                    bad = ~np.isclose(actual, expected, rtol=self.args.rtol,
                                      atol=self.args.atol, equal_nan=True)
                else:
                    bad = actual != expected
                if bad.any():
                    k = int(np.flatnonzero(bad)[0])
                    return (f"output {j}: {int(bad.sum())} of {bad.size} elements differ; "
                            f"first at flat index {k}: got {actual.flat[k]}, "
                            f"expected {expected.flat[k]}")
        return ""




def write_ops_doc(path, results, kiln_ops):
    per_op = collections.defaultdict(collections.Counter)
    for status, _, ops in results.values():
        for op in ops:
            per_op[op][status] += 1
    with open(path, "w") as f:
        f.write("# Supported ONNX operators\n\n"
                "Generated by `test/e2e/conformance.py --write-ops-doc` from a run over "
                "ONNX 1.12's backend test cases (Debian libonnx-testdata: node, "
                "pytorch-converted, pytorch-operator, simple), compiled for x86-64, "
                "linked and run. Do not edit by hand.\n\n"
                "A case counts for every operator in its model, so a case that fails or "
                "is skipped because of one operator also appears under the others.\n\n"
                "| operator | imported | cases passed | failed | skipped |\n"
                "|---|---|---|---|---|\n")
        for op in sorted(set(kiln_ops) | set(per_op)):
            c = per_op[op]
            f.write(f"| {op} | {'yes' if op in kiln_ops else 'no'} | {c['pass']} | "
                    f"{c['fail']} | {c['skip']} |\n")


def main():
    p = argparse.ArgumentParser(description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--kilnc", default="kilnc")
    p.add_argument("--cc", default="clang-22")
    p.add_argument("--testdata", default="/usr/share/libonnx-testdata/data")
    p.add_argument("--cache-dir", default=os.path.join(tempfile.gettempdir(), "kiln-e2e-cache"))
    p.add_argument("--expected-failures", help="file of `suite/case reason` lines")
    p.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    p.add_argument("--threads", type=int, default=0,
                   help="run with a context of this many threads (0: ctx = NULL)")
    p.add_argument("--filter", default="", help="only cases whose suite/case matches this regex")
    p.add_argument("--suites", default=",".join(SUITES),
                   help="comma-separated suite folders under TESTDATA")
    p.add_argument("--rtol", type=float, default=1e-3, help="relative tolerance (ONNX: 1e-3)")
    p.add_argument("--atol", type=float, default=1e-7, help="absolute tolerance (ONNX: 1e-7)")
    p.add_argument("--write-ops-doc", help="write the per-operator table (markdown)")
    p.add_argument("--check-threads", action="store_true",
                   help="also require bit-identical outputs with 1 and 2 threads")
    p.add_argument("--verbose", action="store_true", help="print every case")
    p.add_argument("kilnc_flags", nargs="*", help="extra kilnc flags (after --)")
    args = p.parse_args()

    suites = args.suites.split(",")
    cases = find_cases(args.testdata, lambda key: re.search(args.filter, key), suites)
    if cases is None:
        return 1
    runner = Runner(args)
    expected = load_expectations(args.expected_failures)
    results = {}
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        futures = {pool.submit(runner.run_case, s, c): (s, c) for s, c in cases}
        for f in concurrent.futures.as_completed(futures):
            s, c = futures[f]
            results[f"{s}/{c}"] = f.result()

    counts = collections.Counter()
    per_suite = collections.defaultdict(collections.Counter)
    unexpected = []
    skip_reasons = collections.Counter()
    for key in sorted(results):
        status, detail, _ = results[key]
        per_suite[key.split("/")[0]][status] += 1
        counts[status] += 1
        if status == "skip":
            skip_reasons[detail] += 1
        if args.verbose:
            print(f"{status.upper():5} {key}{': ' + detail if detail else ''}")
        if status == "fail" and key not in expected:
            unexpected.append(f"FAIL (unexpected) {key}: {detail}")
        elif status == "fail":
            print(f"XFAIL {key}: {expected[key]}")
        elif status != "fail" and key in expected:
            unexpected.append(f"{status.upper()} (unexpected, remove it from the "
                              f"expectations) {key}")
    for line in unexpected:
        print(line)
    print("\nskip reasons:")
    for reason, n in skip_reasons.most_common():
        print(f"  {n:4}  {reason}")
    print()
    print(f"{'suite':20} {'cases':>6} {'passed':>7} {'failed':>7} {'skipped':>8} {'pass %':>7}")
    for suite in suites:
        c = per_suite[suite]
        total = sum(c.values())
        print(f"{suite:20} {total:6} {c['pass']:7} {c['fail']:7} {c['skip']:8} "
              f"{100.0 * c['pass'] / max(total, 1):6.1f}%")
    if args.write_ops_doc:
        write_ops_doc(args.write_ops_doc, results, runner.kiln_ops)
    print(f"{counts['pass']} passed, {counts['fail']} failed, {counts['skip']} skipped")
    return 1 if unexpected else 0


if __name__ == "__main__":
    sys.exit(main())
