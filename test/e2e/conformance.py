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

Compiled cases are cached by content (model bytes, frozen inputs, flags, target and
the kilnc build), linked programs also by the C compiler and the runtime library, so a
rerun only recompiles or relinks what changed.

Other targets: `--target aarch64-linux-gnu` compiles for AArch64 (with --mcpu, default
neoverse-n1), links with the cross compiler (--cc, default aarch64-linux-gnu-gcc) and the
runtime built for the target, and runs the programs through --runner (default
`qemu-aarch64-static -L /usr/aarch64-linux-gnu` on other machines). `--sample N` runs a
deterministic subset of N cases chosen to cover as many operators, and operators with
element types, as possible (for CI).
"""

import argparse
import collections
import concurrent.futures
import glob
import hashlib
import os
import platform
import re
import shlex
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

# What --target needs when the caller does not say: the CPU to compile for, the C compiler
# that links for the target, and how to run its programs on this machine. neoverse-n1
# (Armv8.2-A: NEON, fp16, dotprod) is a common server core, so the suite exercises more
# than the Armv8.0 baseline that kilnc's default (generic) compiles for.
# run_data_set's result for a program that reported KILN_ERROR_DEVICE_UNAVAILABLE,
# as --expect-no-gpu requires.
NO_GPU = "no GPU"

TARGET_DEFAULTS = {
    "aarch64": {"mcpu": "neoverse-n1", "cc": "aarch64-linux-gnu-gcc",
                "runner": "qemu-aarch64-static -L /usr/aarch64-linux-gnu"},
}


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


def apply_target_defaults(args):
    """Fills in --mcpu, --cc and --runner for --target from TARGET_DEFAULTS."""
    arch = args.target.split("-")[0] if args.target else platform.machine()
    arch = {"arm64": "aarch64"}.get(arch, arch)
    # cuda: kernels for the GPU, host code and programs for this machine.
    cross = arch not in (platform.machine(), "cuda")
    defaults = TARGET_DEFAULTS.get(arch, {}) if args.target else {}
    if args.mcpu is None:
        args.mcpu = defaults.get("mcpu")
    if args.cc is None:
        args.cc = defaults.get("cc", "clang-22") if cross else "clang-22"
    if args.runner is None:
        args.runner = defaults.get("runner", "") if cross else ""
    args.kilnc_flags = ([f"--target={args.target}"] if args.target else []) + \
        ([f"--mcpu={args.mcpu}"] if args.mcpu else []) + args.kilnc_flags
    args.runner = shlex.split(args.runner)
    if arch == "cuda":
        args.kilnc_flags += [f"--gpu-arch={args.gpu_archs.split(',')[0]}"]
        if not os.access(args.ptxas, os.X_OK):
            raise SystemExit(f"error: {args.ptxas} not found: --target=cuda checks every "
                             "kernel with NVIDIA's ptxas (the CUDA toolkit; --ptxas)")
    else:
        args.ptxas = None
    for tool in [args.cc] + args.runner[:1]:
        if not shutil.which(tool):
            raise SystemExit(f"error: {tool} not found (Debian's cross packages: "
                             "scripts/setup.sh installs them)")


def write_atomically(path, produce):
    """Runs produce(private_path), then renames the result to path (atomic), so that
    concurrent runs sharing a cache never use a file another is still writing."""
    private = f"{path}.{os.getpid()}.{threading.get_ident()}"
    produce(private)
    os.replace(private, path)


class Runner:
    def __init__(self, args):
        self.args = args
        self.kiln_ops = set(subprocess.run([args.kilnc, "--list-ops"], capture_output=True,
                                           text=True, check=True).stdout.split())
        flags = subprocess.run([args.kilnc, "--print-runtime-flags"] +
                               ([f"--target={args.target}"] if args.target else []),
                               capture_output=True, text=True)
        if flags.returncode:
            raise SystemExit(flags.stderr.strip())
        self.flags = flags.stdout.split()
        # The kilnc build: its binary and the Kiln library next to it.
        h = hashlib.sha256()
        kilnc = shutil.which(args.kilnc) or args.kilnc
        sha256_file(kilnc, h)
        for lib in sorted(glob.glob(os.path.join(os.path.dirname(os.path.realpath(kilnc)),
                                                 "..", "lib", "libKiln.so*"))):
            if os.path.isfile(lib) and not os.path.islink(lib):
                sha256_file(lib, h)
        # The flags hold --target and --mcpu: objects for other targets are other entries.
        h.update(" ".join(args.kilnc_flags).encode())
        self.build_id = h.hexdigest()
        os.makedirs(args.cache_dir, exist_ok=True)
        # Programs depend on the C compiler, the harness and the runtime library too: a
        # new runtime relinks the cached objects instead of recompiling them.
        link = hashlib.sha256(" ".join([args.cc] + self.flags).encode())
        src = os.path.join(os.path.dirname(os.path.abspath(__file__)), "harness.c")
        sha256_file(src, link)
        for f in self.flags:
            if f.startswith("-L") and os.path.exists(os.path.join(f[2:], "libkilnrt.a")):
                sha256_file(os.path.join(f[2:], "libkilnrt.a"), link)
        self.link_id = link.hexdigest()[:16]
        self.harness = os.path.join(args.cache_dir, f"harness-{self.link_id}.o")
        if not os.path.exists(self.harness):
            write_atomically(self.harness, lambda out: subprocess.run(
                [args.cc, "-std=c11", "-O2", "-c", src, "-o", out]
                + [f for f in self.flags if f.startswith("-I")], check=True))

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
            obj, exe = cached + ".o", f"{cached}-{self.link_id}.exe"
            if os.path.exists(exe):
                return "ok", "", exe, frozen
            if os.path.exists(cached + ".err"):
                with open(cached + ".err") as f:
                    err = f.read()
            else:
                err = ""
                if not os.path.exists(obj):
                    # Cases with identical models share a cache entry: write to a
                    # private name, then rename, so that no job reads a file another
                    # is still writing.
                    private = f"{obj}.{os.getpid()}.{threading.get_ident()}.o"
                    cmd = [self.args.kilnc, model_path, "--name", "model", "-o", private]
                    cmd += self.args.kilnc_flags
                    cmd += [f"--const-input={n}={pb}" for n, pb in frozen.items()]
                    r = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
                    if r.returncode:
                        err = r.stderr or "kilnc failed without a message"
                    else:
                        os.remove(private[:-2] + ".h")
                        err = self.check_ptx(cmd, private)
                        if not err:
                            os.replace(private, obj)
                if not err:
                    private = f"{exe}.{os.getpid()}.{threading.get_ident()}"
                    link = subprocess.run([self.args.cc, self.harness, obj, "-o",
                                           private] + self.flags,
                                          capture_output=True, text=True)
                    if not link.returncode:
                        os.replace(private, exe)
                        return "ok", "", exe, frozen
                    # Not cached: a link failure is the toolchain's or the
                    # runtime's, which the next run may have fixed.
                    return "fail", "link failed: " + first_error(link.stderr), None, frozen
                private = f"{cached}.{os.getpid()}.{threading.get_ident()}.err"
                with open(private, "w") as f:
                    f.write(err)
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

    def check_ptx(self, cmd, private):
        """For --target=cuda: the model's PTX, assembled by ptxas for every --gpu-archs
        architecture; returns the first error, or "" (also when there are no kernels)."""
        if not self.args.ptxas:
            return ""
        ptx = private[:-2] + ".ptx"
        try:
            r = subprocess.run([c for c in cmd if c != "-o" and c != private] +
                               ["--emit=ptx", "-o", ptx], capture_output=True, text=True,
                               timeout=600)
            if r.returncode:
                if "has no GPU kernels" in r.stderr:
                    return ""
                return r.stderr or "kilnc --emit=ptx failed without a message"
            for arch in self.args.gpu_archs.split(","):
                a = subprocess.run([self.args.ptxas, f"-arch={arch}", ptx, "-o", os.devnull],
                                   capture_output=True, text=True, timeout=600)
                if a.returncode:
                    return f"error: ptxas -arch={arch} rejects the PTX: " + \
                        first_error(a.stderr or a.stdout)
            return ""
        finally:
            if os.path.exists(ptx):
                os.remove(ptx)

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
            if detail == NO_GPU:
                return "built", "", ops
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
            r = subprocess.run(self.args.runner + [exe, tmp, tmp] + ([str(self.args.threads)]
                                                  if self.args.threads else []),
                               capture_output=True, text=True, timeout=600)
            if self.args.expect_no_gpu:
                # Built, PTX checked, and the program must say that there is no GPU.
                if r.returncode == 3 and "device unavailable" in r.stderr:
                    return NO_GPU
                return (f"expected the no-GPU error, got exit {r.returncode}: " +
                        r.stderr.strip()[:300])
            if r.returncode:
                return f"the compiled model failed (exit {r.returncode}): " + \
                    r.stderr.strip()[:300]
            if self.args.check_threads:
                # The same outputs, bit for bit, with contexts of 1 and 2 threads.
                runs = []
                for threads in ("1", "2"):
                    out = os.path.join(tmp, f"threads{threads}")
                    os.mkdir(out)
                    r = subprocess.run(self.args.runner + [exe, tmp, out, threads],
                                       capture_output=True, text=True, timeout=600)
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




def sample_cases(cases, n, testdata, kiln_ops, expected):
    """n of `cases`, the same ones on every machine: in an order fixed by a hash of
    each case's name, first every case that brings an operator, or an operator with an
    element type of the graph's inputs and outputs, that the ones before it do not have
    (per-type code paths are where targets differ), then the rest. Cases the importer
    rejects, or expected to fail, are left out: they would test nothing on a target."""
    order = sorted(cases, key=lambda sc: hashlib.sha256(f"{sc[0]}/{sc[1]}".encode())
                   .hexdigest())
    covered, first, rest = set(), [], []
    for suite, case in order:
        if f"{suite}/{case}" in expected:
            continue
        try:
            graph = onnx.load(os.path.join(testdata, suite, case, "model.onnx"),
                              load_external_data=False).graph
        except Exception:
            continue
        ops = {node.op_type for node in graph.node}
        if not ops <= kiln_ops:
            continue
        types = {v.type.tensor_type.elem_type for v in list(graph.input) + list(graph.output)}
        features = ops | {(op, t) for op in ops for t in types}
        if features - covered:
            covered |= features
            first.append((suite, case))
        else:
            rest.append((suite, case))
    return sorted((first + rest)[:n])


def load_results(path):
    """{suite/case: status} from a --write-results file."""
    results = {}
    with open(path) as f:
        for line in f:
            status, rest = line.split(" ", 1)
            results[rest.split(":", 1)[0].strip()] = status
    return results


def write_ops_doc(path, results, kiln_ops, gpu_results=None):
    per_op = collections.defaultdict(collections.Counter)
    gpu_per_op = collections.defaultdict(collections.Counter)
    for key, (status, _, ops) in results.items():
        for op in ops:
            per_op[op][status] += 1
            if gpu_results and key in gpu_results:
                gpu_per_op[op][gpu_results[key]] += 1
    gpu_head = gpu_rule = gpu_text = ""
    if gpu_results:
        gpu_head = " cuda: built | run | failed |"
        gpu_rule = "---|---|---|"
        gpu_text = ("The cuda columns come from a run with `--target=cuda`: *built* "
                    "counts cases compiled for the GPU whose PTX NVIDIA's ptxas accepted "
                    "for sm_80 and sm_90 and whose program linked and reported "
                    "KILN_ERROR_DEVICE_UNAVAILABLE on a machine without a GPU (not run); "
                    "*run* counts cases run on a GPU with outputs within ONNX's tolerances; "
                    "*failed* counts cases that do not compile for the GPU (the kilnc error "
                    "names the node). Where no GPU was lent, *run* is 0.\n\n")
    with open(path, "w") as f:
        f.write("# Supported ONNX operators\n\n"
                "Generated by `test/e2e/conformance.py --write-ops-doc` from a run over "
                "ONNX 1.12's backend test cases (Debian libonnx-testdata: node, "
                "pytorch-converted, pytorch-operator, simple), compiled for x86-64, "
                "linked and run. Do not edit by hand.\n\n"
                "A case counts for every operator in its model, so a case that fails or "
                "is skipped because of one operator also appears under the others.\n\n"
                + gpu_text +
                "| operator | imported | cases passed | failed | skipped |" + gpu_head + "\n"
                "|---|---|---|---|---|" + gpu_rule + "\n")
        for op in sorted(set(kiln_ops) | set(per_op)):
            c, g = per_op[op], gpu_per_op[op]
            gpu_cells = (f" {g['built']} | {g['pass']} | {g['fail']} |" if gpu_results
                         else "")
            f.write(f"| {op} | {'yes' if op in kiln_ops else 'no'} | {c['pass']} | "
                    f"{c['fail']} | {c['skip']} |{gpu_cells}\n")


def main():
    p = argparse.ArgumentParser(description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--kilnc", default="kilnc")
    p.add_argument("--target", default="",
                   help="target triple, passed to kilnc (default: the host)")
    p.add_argument("--mcpu", help="kilnc --mcpu (default: the host's CPU; for "
                   "aarch64 targets neoverse-n1)")
    p.add_argument("--cc", help="C compiler that links for the target (default: clang-22; "
                   "for aarch64 targets aarch64-linux-gnu-gcc)")
    p.add_argument("--runner", help="command line that runs the target's programs "
                   "(default: none; for aarch64 targets on other machines "
                   "'qemu-aarch64-static -L /usr/aarch64-linux-gnu')")
    p.add_argument("--ptxas", default="/usr/local/cuda/bin/ptxas",
                   help="for --target=cuda: NVIDIA's PTX assembler, run on every model's PTX")
    p.add_argument("--gpu-archs", default="sm_80,sm_90",
                   help="for --target=cuda: kilnc --gpu-arch is the first; ptxas checks "
                   "the PTX for each")
    p.add_argument("--expect-no-gpu", action="store_true",
                   help="for --target=cuda on a machine without a GPU: every program must "
                   "fail with KILN_ERROR_DEVICE_UNAVAILABLE; such cases count as 'built' "
                   "(compiled, PTX assembled, linked), not as passed")
    p.add_argument("--testdata", default="/usr/share/libonnx-testdata/data")
    p.add_argument("--cache-dir", default=os.path.join(tempfile.gettempdir(), "kiln-e2e-cache"))
    p.add_argument("--expected-failures", action="append", default=[],
                   help="file of `suite/case reason` lines (repeatable)")
    p.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    p.add_argument("--threads", type=int, default=0,
                   help="run with a context of this many threads (0: ctx = NULL)")
    p.add_argument("--filter", default="", help="only cases whose suite/case matches this regex")
    p.add_argument("--sample", type=int, default=0, metavar="N",
                   help="only N cases, the same on every run, chosen to cover as many "
                   "operators and operator/element type pairs as possible (0: all)")
    p.add_argument("--suites", default=",".join(SUITES),
                   help="comma-separated suite folders under TESTDATA")
    p.add_argument("--rtol", type=float, default=1e-3, help="relative tolerance (ONNX: 1e-3)")
    p.add_argument("--atol", type=float, default=1e-7, help="absolute tolerance (ONNX: 1e-7)")
    p.add_argument("--write-ops-doc", help="write the per-operator table (markdown)")
    p.add_argument("--gpu-results", metavar="FILE",
                   help="with --write-ops-doc: the --write-results file of a --target=cuda "
                   "run, for the table's GPU columns")
    p.add_argument("--write-results", metavar="FILE",
                   help="write `status suite/case: detail` per case (to compare runs)")
    p.add_argument("--check-threads", action="store_true",
                   help="also require bit-identical outputs with 1 and 2 threads")
    p.add_argument("--verbose", action="store_true", help="print every case")
    p.add_argument("kilnc_flags", nargs="*", help="extra kilnc flags (after --)")
    args = p.parse_args()
    apply_target_defaults(args)

    suites = args.suites.split(",")
    cases = find_cases(args.testdata, lambda key: re.search(args.filter, key), suites)
    if cases is None:
        return 1
    runner = Runner(args)
    expected = {}
    for path in args.expected_failures:
        expected.update(load_expectations(path))
    if args.sample:
        cases = sample_cases(cases, args.sample, args.testdata, runner.kiln_ops, expected)
        print(f"{len(cases)} sampled cases")
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
        elif status not in ("fail", "built") and key in expected:
            unexpected.append(f"{status.upper()} (unexpected, remove it from the "
                              f"expectations) {key}")
    for line in unexpected:
        print(line)
    print("\nskip reasons:")
    for reason, n in skip_reasons.most_common():
        print(f"  {n:4}  {reason}")
    print()
    built = " built (not run: no GPU)" if args.expect_no_gpu else ""
    print(f"{'suite':20} {'cases':>6} {'passed':>7} {'failed':>7} {'skipped':>8} {'pass %':>7}"
          + (f" {'built':>7}" if built else ""))
    for suite in suites:
        c = per_suite[suite]
        total = sum(c.values())
        print(f"{suite:20} {total:6} {c['pass']:7} {c['fail']:7} {c['skip']:8} "
              f"{100.0 * c['pass'] / max(total, 1):6.1f}%" +
              (f" {c['built']:7}" if built else ""))
    if args.write_ops_doc:
        gpu_results = None
        if args.gpu_results and os.path.exists(args.gpu_results):
            gpu_results = load_results(args.gpu_results)
        elif args.gpu_results:
            print(f"note: {args.gpu_results} does not exist (run the --target=cuda "
                  "conformance first): the table has no GPU columns")
        write_ops_doc(args.write_ops_doc, results, runner.kiln_ops, gpu_results)
    if args.write_results:
        with open(args.write_results, "w") as f:
            for key in sorted(results):
                status, detail, _ = results[key]
                f.write(f"{status} {key}{': ' + detail if detail else ''}\n")
    print(f"{counts['pass']} passed, {counts['fail']} failed, {counts['skip']} skipped"
          + (f", {counts['built']}{built}" if built else ""))
    return 1 if unexpected else 0


if __name__ == "__main__":
    sys.exit(main())
