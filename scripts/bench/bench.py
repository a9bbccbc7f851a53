#!/usr/bin/python3
"""Kiln's benchmark (run it through scripts/bench/run.sh, which installs what it needs).

For each model (make_models.py generates them, seeded) it
  1. compiles it with `kilnc -O3` under /usr/bin/time -v (compile time, peak memory)
     and links harness.c against it;
  2. times Kiln (harness.c) and ONNX Runtime (ort_bench.js, onnxruntime-node, all graph
     optimizations) at each thread count, interleaved: the figure's time is split in
     rounds, and the engines alternate within and across rounds (A B, B A, ...); each
     process warms up first; min and median are over all timed runs of all rounds;
  3. for the GEMMs, times OpenBLAS' cblas_sgemm (blas_bench.c) the same way;
  4. compares Kiln's outputs with ORT's (rtol 1e-3, atol 1e-4);
and it measures the fp32 FMA peak (peak_flops.c). It prints the tables and writes them
to docs/performance.md (--quick: to OUT/performance-quick.md unless --doc is given).

OPENBLAS_CORETYPE is removed from the environment of everything it runs: set (as this
environment may set it to Haswell), it forces OpenBLAS onto its AVX2 kernels.
"""

import argparse
import datetime
import json
import os
import platform
import re
import shlex
import shutil
import subprocess
import sys
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
from make_models import ALL, GEMMS  # noqa: E402

OPENBLAS_INC = "/usr/include/x86_64-linux-gnu/openblas-pthread"
RTOL, ATOL = 1e-3, 1e-4


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def sh(cmd, timeout=None, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, **kw)


def first_error(text, limit=160):
    lines = [l.strip() for l in text.splitlines() if l.strip()]
    for l in lines:
        if "error" in l.lower():
            return l[:limit]
    return (lines[-1] if lines else "no output")[:limit]


def md_escape(s):
    return s.replace("|", "\\|").replace("\n", " ")


# ----------------------------------------------------------------------------- setup
def generate_models(models, mdir, regen):
    script = os.path.join(HERE, "make_models.py")
    stale = [m for m in models
             if regen or not os.path.exists(os.path.join(mdir, m, "meta.json"))
             or os.path.getmtime(os.path.join(mdir, m, "meta.json")) <
             os.path.getmtime(script)]
    if stale:
        log(f"generating {', '.join(stale)}")
        r = sh([sys.executable, script, mdir, "--models", ",".join(stale)])
        if r.returncode:
            sys.exit(f"make_models.py failed:\n{r.stdout}\n{r.stderr}")
    # A model that does nothing, to measure the per-call cost of ORT's Node binding.
    ident = os.path.join(mdir, "_identity", "model.onnx")
    if not os.path.exists(ident):
        import onnx
        from onnx import helper, TensorProto
        os.makedirs(os.path.dirname(ident), exist_ok=True)
        g = helper.make_graph([helper.make_node("Identity", ["x"], ["y"])], "identity",
                              [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 4])],
                              [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, 4])])
        m = helper.make_model(g, opset_imports=[helper.make_opsetid("", 17)])
        m.ir_version = 8
        onnx.save(m, ident)
        np.zeros(4, "<f4").tofile(os.path.join(mdir, "_identity", "input_0.bin"))
    metas = {}
    for m in models:
        with open(os.path.join(mdir, m, "meta.json")) as f:
            metas[m] = json.load(f)
    return metas


def build_tools(bdir):
    tools = {}
    peak = os.path.join(bdir, "peak_flops")
    r = sh(["cc", "-O2", "-mavx512f", "-mavx512vl", "-mfma", "-pthread",
            os.path.join(HERE, "peak_flops.c"), "-o", peak])
    tools["peak"] = peak if r.returncode == 0 else None
    if r.returncode:
        log(f"peak_flops.c: {first_error(r.stderr)}")
    blas = os.path.join(bdir, "blas_bench")
    r = sh(["cc", "-O2", os.path.join(HERE, "blas_bench.c"), "-I" + OPENBLAS_INC,
            "-lopenblas", "-o", blas])
    tools["blas"] = blas if r.returncode == 0 else None
    if r.returncode:
        log(f"blas_bench.c: {first_error(r.stderr)}")
    return tools


def parse_time_v(text):
    out = {}
    m = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", text)
    if m:
        secs = 0.0
        for part in m.group(1).split(":"):
            secs = secs * 60 + float(part)
        out["wall_s"] = secs
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", text)
    if m:
        out["peak_kb"] = int(m.group(1))
    for key, pat in (("user_s", r"User time \(seconds\): (\S+)"),
                     ("sys_s", r"System time \(seconds\): (\S+)")):
        m = re.search(pat, text)
        if m:
            out[key] = float(m.group(1))
    return out


def compile_model(name, mdir, bdir, kilnc, runtime_flags, timeout):
    """Returns a dict: ok, error, compile stats, object size, harness path."""
    res = {"ok": False}
    d = os.path.join(bdir, name)
    os.makedirs(d, exist_ok=True)
    obj = os.path.join(d, f"{name}.o")
    for f in (obj, os.path.join(d, f"{name}.h")):
        if os.path.exists(f):
            os.remove(f)
    cmd = ["/usr/bin/time", "-v", kilnc, os.path.join(mdir, name, "model.onnx"),
           "--name", name, "-O3", "-o", obj]
    res["command"] = " ".join(shlex.quote(c) for c in cmd[2:])
    try:
        r = sh(cmd, timeout=timeout)
    except subprocess.TimeoutExpired:
        res["error"] = f"kilnc timed out after {timeout} s"
        return res
    res.update(parse_time_v(r.stderr))
    if r.returncode != 0 or not os.path.exists(obj):
        res["error"] = "kilnc failed: " + first_error(r.stderr.split("\tCommand being timed")[0])
        return res
    res["object_bytes"] = os.path.getsize(obj)
    s = sh(["size", "-A", obj])
    sections = {}
    for line in s.stdout.splitlines():
        parts = line.split()
        if len(parts) >= 2 and parts[1].isdigit():
            sections[parts[0]] = int(parts[1])
    res["text_bytes"] = sum(v for k, v in sections.items() if k.startswith(".text"))
    res["rodata_bytes"] = sum(v for k, v in sections.items()
                              if k.startswith(".rodata") or k.startswith(".lrodata"))
    exe = os.path.join(d, "harness")
    r = sh(["cc", "-O2", f"-DKILN_MODEL={name}", "-I" + d, "-include", f"{name}.h",
            os.path.join(HERE, "harness.c"), obj, "-o", exe] + runtime_flags)
    if r.returncode:
        res["error"] = "linking the harness failed: " + first_error(r.stderr)
        return res
    res["harness"] = exe
    res["ok"] = True
    return res


# ----------------------------------------------------------------------------- timing
def run_json(cmd, outdir, timeout):
    """Runs one timing process; returns (result dict with samples, None) or (None, error)."""
    os.makedirs(outdir, exist_ok=True)
    for f in os.listdir(outdir):
        os.remove(os.path.join(outdir, f))
    try:
        r = sh(cmd, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None, f"timed out after {timeout} s"
    if r.returncode != 0:
        return None, f"exit {r.returncode}: {first_error(r.stderr or r.stdout)}"
    try:
        res = json.loads(r.stdout.strip().splitlines()[-1])
    except (ValueError, IndexError):
        return None, f"unreadable output: {r.stdout[-200:]!r}"
    sp = os.path.join(outdir, "samples.bin")
    if not os.path.exists(sp):
        return None, "no samples.bin written"
    res["samples"] = np.fromfile(sp, "<f8")
    return res, None


class Figure:
    """Timed runs of one engine x model x thread count, merged over rounds."""

    def __init__(self):
        self.samples, self.results, self.error = [], [], None

    def add(self, res, err):
        if err:
            self.error = self.error or err
        else:
            self.results.append(res)
            self.samples.append(res["samples"])

    @property
    def ok(self):
        return self.error is None and bool(self.samples)

    def stats(self):
        s = np.concatenate(self.samples)
        return {"min_s": float(s.min()), "median_s": float(np.median(s)), "runs": int(s.size),
                "timed_s": float(s.sum())}


def measure_peak(tool, seconds, earlier=None):
    """peak_flops' figures, each the best of this measurement and `earlier`.

    The benchmark measures twice, before and after the timings: a 2-thread figure
    taken while the other CPU is briefly held by something else (it happened: 228
    GFLOP/s on 2 threads against 227 on 1) would otherwise mis-state every "% of
    peak" at 2 threads for the whole run."""
    if not tool:
        return earlier
    r = sh([tool, str(seconds)])
    if r.returncode != 0:
        return earlier
    now = json.loads(r.stdout)
    return {k: max(v, (earlier or {}).get(k, 0.0)) for k, v in now.items()}


def peak_is_plausible(peak):
    """Two threads of independent FMAs on two cores run at about twice one."""
    return all(peak[f"{isa}_gflops_2t"] >= 1.5 * peak[f"{isa}_gflops_1t"]
               for isa in ("avx512", "avx2"))


def compare(kiln_dirs, ort_dir, n_outputs):
    """Worst agreement of Kiln's outputs (each thread count) with ORT's."""
    worst = {"ok": True, "max_abs": 0.0, "max_rel": 0.0, "bitwise_threads": True}
    first = None
    for kd in kiln_dirs:
        for i in range(n_outputs):
            k = np.fromfile(os.path.join(kd, f"output_{i}.bin"), "<f4")
            o = np.fromfile(os.path.join(ort_dir, f"output_{i}.bin"), "<f4")
            if k.shape != o.shape:
                return {"ok": False, "error": f"output {i}: {k.size} vs {o.size} values"}
            if not np.all(np.isfinite(k)):
                worst["ok"] = False
                worst["error"] = f"output {i} has non-finite values"
            err = np.abs(k.astype(np.float64) - o.astype(np.float64))
            scale = max(float(np.abs(o).max()), 1e-30)
            worst["max_abs"] = max(worst["max_abs"], float(err.max()))
            worst["max_rel"] = max(worst["max_rel"], float(err.max()) / scale)
            if not np.allclose(k, o, rtol=RTOL, atol=ATOL):
                worst["ok"] = False
            if first is None:
                first = {}
            if i in first:
                worst["bitwise_threads"] &= bool(np.array_equal(first[i], k))
            else:
                first[i] = k
    return worst


# ----------------------------------------------------------------------------- report
def fmt_ms(seconds):
    ms = seconds * 1e3
    if ms >= 100:
        return f"{ms:.1f}"
    if ms >= 1:
        return f"{ms:.2f}"
    if ms >= 0.1:
        return f"{ms:.3f}"
    return f"{ms:.4f}"


def fmt_mb(nbytes):
    if nbytes == 0:
        return "0"
    if nbytes < 2**20:
        return f"{nbytes / 2**10:.1f} KiB"
    return f"{nbytes / 2**20:.1f} MiB" if nbytes >= 2**20 * 10 else f"{nbytes / 2**20:.2f} MiB"


def machine_info():
    info = {}
    r = sh(["lscpu"])
    for line in r.stdout.splitlines():
        k, _, v = line.partition(":")
        info[k.strip()] = v.strip()
    mem = 0
    with open("/proc/meminfo") as f:
        for line in f:
            if line.startswith("MemTotal:"):
                mem = int(line.split()[1]) * 1024
    cpu = info.get("Model name", "?")
    if info.get("CPU family"):
        cpu += f" (family {info['CPU family']}, model {info.get('Model', '?')})"
    return {"cpu": cpu, "cpus": info.get("CPU(s)", "?"),
            "cores_per_socket": info.get("Core(s) per socket", "?"),
            "threads_per_core": info.get("Thread(s) per core", "?"),
            "flags_avx512": "avx512f" in info.get("Flags", ""),
            "mem_gib": mem / 2**30, "kernel": platform.release()}


def versions(kilnc):
    v = {}
    r = sh([kilnc, "--version"])
    v["kilnc"] = " ".join(l.strip() for l in r.stdout.splitlines() if l.strip())
    try:
        with open(os.path.join(HERE, "node_modules", "onnxruntime-node", "package.json")) as f:
            v["ort"] = json.load(f)["version"]
    except OSError:
        v["ort"] = "?"
    v["node"] = sh(["node", "--version"]).stdout.strip()
    r = sh(["dpkg-query", "-W", "-f=${Version}", "libopenblas0-pthread"])
    v["openblas_deb"] = r.stdout.strip() or "?"
    r = sh(["cc", "--version"])
    v["cc"] = r.stdout.splitlines()[0] if r.stdout else "?"
    import onnx
    import torch
    v["torch"], v["onnx"] = torch.__version__, onnx.__version__
    return v


# Quiet runs on the 2-core development machine give a spread of about 1.1; runs on a
# loaded host gave 1.3 and more (and a measured fp32 peak far below the usual one).
DISTURBED_SPREAD = 1.2


def geomean(values):
    return float(np.exp(np.mean(np.log(values))))


def timing_spread(figs):
    """Geometric mean of median / min over the figures that ran, or None."""
    ratios = [st["median_s"] / st["min_s"] for st in
              (f.stats() for f in figs.values() if f.ok) if st["min_s"] > 0]
    return geomean(ratios) if ratios else None


def build_report(args, metas, comp, figs, cmp_res, peak, blas_info, ort_overhead, mach, vers,
                 coretype_env, started, elapsed):
    threads = args.threads
    L = []
    w = L.append
    title = "# Kiln performance" + (" (quick run: short timings, not for quoting)"
                                     if args.quick else "")
    w(title)
    w("")
    w(f"Generated by `{os.environ.get('BENCH_COMMAND') or 'scripts/bench/bench.py ' + ' '.join(sys.argv[1:])}`"
      f" on {started:%Y-%m-%d %H:%M} UTC ({elapsed / 60:.1f} min). Do not edit by hand: rerun "
      "the command (holding `/tmp/kiln-build.lock` where others compile on the machine, "
      "`flock /tmp/kiln-build.lock scripts/bench/run.sh`).")
    w("")
    w(f"- Machine: {mach['cpu']}, {mach['cpus']} CPUs ({mach['cores_per_socket']} cores per "
      f"socket, {mach['threads_per_core']} thread(s) per core), {mach['mem_gib']:.0f} GiB, "
      f"Linux {mach['kernel']}. Load average (1 min) {args.load_start:.2f} when the run "
      f"started, {os.getloadavg()[0]:.2f} when it ended (the benchmark's own processes "
      "included; other work on the machine disturbs the figures).")
    spread = timing_spread(figs)
    if spread is not None:
        w(f"- Timing spread (geometric mean of median / min over every figure): {spread:.2f}."
          + (f" **Disturbed run: above {DISTURBED_SPREAD}, the machine was busy with other "
             "work; quote these figures only against each other, not across runs.**"
             if spread > DISTURBED_SPREAD else ""))
    if peak:
        w(f"- fp32 peak, measured (peak_flops.c, packed FMAs on independent chains): AVX-512 "
          f"{peak['avx512_gflops_1t']:.0f} GFLOP/s on 1 thread, {peak['avx512_gflops_2t']:.0f} on 2;"
          f" AVX2 {peak['avx2_gflops_1t']:.0f} / {peak['avx2_gflops_2t']:.0f}. "
          f"({peak['avx512_gflops_1t'] / 64:.2f} GHz if the core issues two 16-wide FMAs "
          "(2 x 16 x 2 = 64 flops) per cycle.) Best of a measurement before and one after "
          "the timings."
          + ("" if peak_is_plausible(peak) else
             " **The 2-thread figure is under 1.5x the 1-thread one in both: another process "
             "held a CPU; the 2-thread % of peak below is not to be trusted.**"))
    else:
        w("- fp32 peak: not measured (peak_flops.c failed to build or run).")
    w(f"- Kiln: `{vers['kilnc']}`, `kilnc -O3` for the host CPU; harness.c calls `NAME_run` "
      "on a `kiln_context` of 1 or 2 threads.")
    w(f"- ONNX Runtime: onnxruntime-node {vers['ort']} (npm, pinned in scripts/bench/package.json"
      f" and package-lock.json; Node {vers['node']}), CPU execution provider, "
      "graphOptimizationLevel 'all', intraOpNumThreads 1 or 2, interOpNumThreads 1, sequential "
      "execution; ort_bench.js calls the binding's synchronous `run` with preallocated outputs.")
    if ort_overhead is not None:
        w(f"  Its per-call cost on a one-Identity model is {fmt_ms(ort_overhead)} ms (median, "
          "1 thread): the floor of every ORT figure here, which matters only for the smallest models.")
    if blas_info:
        w(f"- OpenBLAS: {blas_info.get('config', '?')} (Debian libopenblas0-pthread "
          f"{vers['openblas_deb']}), core `{blas_info.get('corename', '?')}`, `cblas_sgemm`.")
    coretype = (f"this environment had set it to `{coretype_env}`" if coretype_env is not None
                else "it was not set for this run")
    w(f"- `OPENBLAS_CORETYPE` is cleared for every process the benchmark runs ({coretype}): "
      "set to Haswell, it forces OpenBLAS onto its AVX2 kernels.")
    w(f"- Models: scripts/bench/make_models.py (PyTorch {vers['torch']}, ONNX {vers['onnx']}, "
      "opset 17, static shapes, seeded random weights; ResNet-18, MobileNetV2 and SqueezeNet 1.1 "
      "in torchvision's layer configurations, parameter counts checked against torchvision's).")
    w(f"- Timing: each figure is >= {args.time:g} s of timed single runs (`clock_gettime` / "
      f"`process.hrtime`) in {args.rounds} round(s) of >= {args.time / args.rounds:g} s, each "
      f"process warmed up for >= {args.warmup:g} s first; Kiln and ORT alternate (A B, then B A). "
      "Min and median are over all timed runs; the ratio is Kiln's median over ORT's "
      "(below 1: Kiln is faster).")
    w(f"- Outputs: Kiln's (every thread count) against ORT's, `allclose(rtol={RTOL:g}, "
      f"atol={ATOL:g})`; the column gives the largest absolute difference.")
    w("")

    # ---- latency
    w("## Latency")
    w("")
    head = ["Model"]
    for t in threads:
        head += [f"Kiln {t}T min / median (ms)", f"ORT {t}T min / median (ms)", f"Kiln/ORT {t}T"]
    head += ["Outputs vs ORT"]
    w("| " + " | ".join(head) + " |")
    w("|" + "|".join(["---"] + ["---:"] * (3 * len(threads)) + ["---"]) + "|")
    for m in args.models:
        row = [metas[m]["description"]]
        for t in threads:
            k, o = figs[(m, "kiln", t)], figs[(m, "ort", t)]
            ks = k.stats() if k.ok else None
            os_ = o.stats() if o.ok else None
            if ks:
                row.append(f"{fmt_ms(ks['min_s'])} / {fmt_ms(ks['median_s'])}")
            elif not comp[m]["ok"]:
                row.append("not compiled")
            else:
                row.append("run failed")
            row.append(f"{fmt_ms(os_['min_s'])} / {fmt_ms(os_['median_s'])}" if os_
                       else "run failed")
            row.append(f"{ks['median_s'] / os_['median_s']:.2f}" if ks and os_ else "–")
        c = cmp_res.get(m)
        if not comp[m]["ok"]:
            row.append("FAILED: " + md_escape(comp[m]["error"]))
        elif c is None:
            row.append("not compared: "
                       + md_escape(next((f.error for f in (figs[(m, e, t)] for e in ("kiln", "ort")
                                                              for t in threads) if f.error),
                                        "no outputs")))
        elif c.get("error") and not c["ok"]:
            row.append(f"MISMATCH: {md_escape(c['error'])}")
        elif c["ok"]:
            row.append(f"ok ({c['max_abs']:.1e})")
        else:
            row.append(f"MISMATCH (max abs {c['max_abs']:.1e}, rel {c['max_rel']:.1e})")
        w("| " + " | ".join(row) + " |")
    w("")
    errors = [(m, e, t, figs[(m, e, t)].error) for m in args.models for e in ("kiln", "ort")
              for t in threads if figs[(m, e, t)].error]
    for m, e, t, err in errors:
        w(f"- {m}, {e}, {t} thread(s): {md_escape(err)}")
    if errors:
        w("")

    # ---- GEMM
    gemms = [m for m in args.models if m in GEMMS]
    if gemms:
        w("## GEMM throughput")
        w("")
        w("GFLOP/s = 2·M·K·N / median time. Peak: the measured AVX-512 FMA peak at that thread "
          "count. Kiln and ORT multiply by a constant weight (the model's initializer), "
          "which they may repack at compile / session-creation time; OpenBLAS gets both "
          "operands at each call.")
        w("")
        w("| GEMM | Threads | Kiln GFLOP/s | ORT GFLOP/s | OpenBLAS GFLOP/s | Kiln / OpenBLAS | "
          "Kiln % of peak | OpenBLAS % of peak | Peak GFLOP/s |")
        w("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
        for m in gemms:
            mm, kk, nn = metas[m]["gemm"]
            flops = 2.0 * mm * kk * nn
            for t in threads:
                pk = peak.get(f"avx512_gflops_{t}t") if peak else None

                def gf(f):
                    return flops / f.stats()["median_s"] * 1e-9 if f.ok else None
                kg, og, bg = (gf(figs[(m, e, t)]) for e in ("kiln", "ort", "openblas"))
                cell = lambda x: f"{x:.1f}" if x is not None else "–"  # noqa: E731
                pct = lambda x: f"{100 * x / pk:.2g}%" if x is not None and pk else "–"  # noqa: E731
                w(f"| {mm}x{kk} · {kk}x{nn} | {t} | {cell(kg)} | {cell(og)} | {cell(bg)} | "
                  f"{(f'{kg / bg:.2g}' if kg and bg else '–')} | {pct(kg)} | {pct(bg)} | "
                  f"{(f'{pk:.0f}' if pk else '–')} |")
        w("")

    # ---- compile and memory
    w("## Compile time, size and memory")
    w("")
    w("kilnc: wall time and peak RSS of `kilnc model.onnx --name NAME -O3 -o NAME.o` "
      "(`/usr/bin/time -v`). Object: the file's size (weights are in its read-only data); "
      "weights: the model's fp32 parameters. Workspace: `workspace_bytes`, the activation "
      "arena Kiln plans at compile time. Peak RSS growth: the process's peak resident memory "
      "(VmHWM) less its resident memory before the model was loaded (for ORT: after the "
      "runtime library was loaded), at 1 thread; it holds weights, activations, inputs and "
      "outputs for both.")
    w("")
    w("| Model | kilnc time (s) | kilnc peak RSS (MiB) | Object | Weights | "
      "Kiln workspace | Kiln peak RSS growth | ORT peak RSS growth |")
    w("|---|---:|---:|---:|---:|---:|---:|---:|")
    t1 = threads[0]
    for m in args.models:
        c = comp[m]
        kt = f"{c['wall_s']:.1f}" if "wall_s" in c else "–"
        if not c["ok"]:
            kt += " (failed)"
        kp = f"{c['peak_kb'] / 1024:.0f}" if "peak_kb" in c else "–"
        ob = fmt_mb(c["object_bytes"]) if "object_bytes" in c else "–"
        wb = fmt_mb(metas[m]["params"] * 4)
        kf, of = figs[(m, "kiln", t1)], figs[(m, "ort", t1)]
        ws = (fmt_mb(kf.results[0]["workspace_bytes"]) if kf.results else "–")
        kr = (fmt_mb(max(r["peak_rss_kb"] - r["rss_start_kb"] for r in kf.results) * 1024)
              if kf.results else "–")
        orr = (fmt_mb(max(r["peak_rss_kb"] - r["rss_ort_loaded_kb"] for r in of.results) * 1024)
               if of.results else "–")
        w(f"| {metas[m]['description']} | {kt} | {kp} | {ob} | {wb} | {ws} | {kr} | {orr} |")
    w("")

    # ---- observations (computed, not written by hand)
    slower = []
    for m in args.models:
        for t in threads:
            k, o = figs[(m, "kiln", t)], figs[(m, "ort", t)]
            if k.ok and o.ok:
                r = k.stats()["median_s"] / o.stats()["median_s"]
                slower.append((r, m, t))
    w("## Summary")
    w("")
    behind = sorted((x for x in slower if x[0] > 1.0), reverse=True)
    ahead = sorted(x for x in slower if x[0] <= 1.0)
    if behind:
        w("- Kiln slower than ORT: " + ", ".join(
            f"{metas[m]['description']} {t}T ({r:.2f}x)" for r, m, t in behind) + ".")
    if ahead:
        w("- Kiln as fast or faster: " + ", ".join(
            f"{metas[m]['description']} {t}T ({r:.2f}x)" for r, m, t in ahead) + ".")
    rs = [r for r, _, _ in slower]
    if rs:
        w(f"- Geometric mean of Kiln/ORT over {len(rs)} figures: "
          f"{geomean(rs):.2f}.")
    failed = [m for m in args.models if not comp[m]["ok"]]
    mism = [m for m in args.models if m in cmp_res and not cmp_res[m]["ok"]]
    if failed:
        w("- Not compiled by Kiln: " + ", ".join(failed) + ".")
    if mism:
        w("- Outputs differing from ORT's: " + ", ".join(mism) + ".")
    nbit = [m for m in args.models
            if m in cmp_res and not cmp_res[m].get("bitwise_threads", True)]
    if nbit:
        w("- Kiln's outputs differ between thread counts (bitwise) for: " + ", ".join(nbit) + ".")
    w("")
    w("Sources: scripts/bench/ (run.sh, make_models.py, harness.c, ort_bench.js, blas_bench.c, "
      "peak_flops.c, bench.py). The raw figures of a run are in scripts/bench/out/results.json "
      "(not committed).")
    return "\n".join(L) + "\n"


# ----------------------------------------------------------------------------- main
def main():
    p = argparse.ArgumentParser(description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--models", default=",".join(ALL),
                   help="comma-separated subset of: " + ", ".join(ALL))
    p.add_argument("--threads", default="1,2", help="thread counts (default 1,2)")
    p.add_argument("--time", type=float, default=None,
                   help="timed seconds per figure (default 2; --quick: 0.3)")
    p.add_argument("--rounds", type=int, default=None,
                   help="rounds each figure's time is split in (default 2; --quick: 1)")
    p.add_argument("--warmup", type=float, default=None,
                   help="warm-up seconds per process (default 0.5; --quick: 0.1)")
    p.add_argument("--quick", action="store_true", help="short timings, for development")
    p.add_argument("--out", default=os.path.join(HERE, "out"),
                   help="work folder (models, objects, outputs); default scripts/bench/out")
    p.add_argument("--doc", default=None,
                   help="report to write (default docs/performance.md; --quick: "
                        "OUT/performance-quick.md)")
    p.add_argument("--kilnc", default=os.environ.get("KILNC",
                                                     os.path.join(ROOT, "build", "bin", "kilnc")))
    p.add_argument("--compile-timeout", type=int, default=900)
    p.add_argument("--regen", action="store_true", help="regenerate the models")
    args = p.parse_args()
    args.models = [m for m in args.models.split(",") if m]
    for m in args.models:
        if m not in ALL:
            p.error(f"unknown model '{m}' (known: {', '.join(ALL)})")
    args.threads = [int(t) for t in args.threads.split(",")]
    args.time = args.time if args.time is not None else (0.3 if args.quick else 2.0)
    args.rounds = args.rounds if args.rounds is not None else (1 if args.quick else 2)
    args.warmup = args.warmup if args.warmup is not None else (0.1 if args.quick else 0.5)
    doc = args.doc or (os.path.join(args.out, "performance-quick.md") if args.quick
                       else os.path.join(ROOT, "docs", "performance.md"))

    args.load_start = os.getloadavg()[0]
    coretype_env = os.environ.pop("OPENBLAS_CORETYPE", None)
    if coretype_env is not None:
        log(f"OPENBLAS_CORETYPE={coretype_env} was set; cleared (it forces OpenBLAS' "
            "kernels for that core)")
    started = datetime.datetime.now(datetime.timezone.utc)
    t_start = time.monotonic()
    mdir, bdir, rdir = (os.path.join(args.out, d) for d in ("models", "build", "runs"))
    for d in (mdir, bdir, rdir):
        os.makedirs(d, exist_ok=True)
    if not os.access(args.kilnc, os.X_OK):
        sys.exit(f"kilnc not found at {args.kilnc}")

    metas = generate_models(args.models, mdir, args.regen)
    tools = build_tools(bdir)
    runtime_flags = shlex.split(sh([args.kilnc, "--print-runtime-flags"]).stdout)

    comp = {}
    for m in args.models:
        log(f"kilnc -O3 {m} ...")
        comp[m] = compile_model(m, mdir, bdir, args.kilnc, runtime_flags, args.compile_timeout)
        c = comp[m]
        log(f"  {'ok' if c['ok'] else c['error']}"
            + (f" ({c['wall_s']:.1f} s, {c.get('peak_kb', 0) / 1024:.0f} MiB)" if 'wall_s' in c else ""))

    log("measuring the fp32 peak ...")
    peak = measure_peak(tools["peak"], 0.5 if not args.quick else 0.2)

    per_round = args.time / args.rounds
    timeout = max(120.0, 20 * args.time)
    node = shutil.which("node") or "node"
    ort_js = os.path.join(HERE, "ort_bench.js")

    def kiln_cmd(m, t, od):
        return [comp[m]["harness"], "--threads", str(t), "--warmup", str(args.warmup),
                "--time", str(per_round), "--outdir", od, os.path.join(mdir, m, "input_0.bin")]

    def ort_cmd(m, t, od):
        inputs = [os.path.join(mdir, m, f"input_{i}.bin")
                  for i in range(len(metas[m]["inputs"]))] if m in metas else \
            [os.path.join(mdir, m, "input_0.bin")]
        return [node, ort_js, "--model", os.path.join(mdir, m, "model.onnx"), "--threads",
                str(t), "--warmup", str(args.warmup), "--time", str(per_round), "--outdir", od] \
            + inputs

    def blas_cmd(m, t, od):
        mm, kk, nn = metas[m]["gemm"]
        return [tools["blas"], str(mm), str(kk), str(nn), "--threads", str(t), "--warmup",
                str(args.warmup), "--time", str(per_round), "--outdir", od]

    # ORT's per-call floor, on a model that does nothing.
    ort_overhead = None
    res, err = run_json(ort_cmd("_identity", 1, os.path.join(rdir, "_identity")),
                        os.path.join(rdir, "_identity"), timeout)
    if res:
        ort_overhead = res["median_s"]

    figs, cmp_res, blas_info = {}, {}, None
    flip = False
    for m in args.models:
        for t in args.threads:
            engines = []
            if comp[m]["ok"]:
                engines.append(("kiln", kiln_cmd))
            engines.append(("ort", ort_cmd))
            if m in GEMMS and tools["blas"]:
                engines.append(("openblas", blas_cmd))
            for e, _ in engines:
                figs[(m, e, t)] = Figure()
            for e in ("kiln", "ort", "openblas"):
                figs.setdefault((m, e, t), Figure())
            for r in range(args.rounds):
                order = engines[::-1] if flip else engines
                flip = not flip
                for e, make_cmd in order:
                    od = os.path.join(rdir, m, f"{e}-t{t}-r{r}")
                    res, err = run_json(make_cmd(m, t, od), od, timeout)
                    figs[(m, e, t)].add(res, err)
                    if e == "openblas" and res:
                        blas_info = res
                    if err:
                        log(f"  {m} {e} {t}T: {err}")
            line = f"{m:14s} {t}T"
            for e, _ in engines:
                f = figs[(m, e, t)]
                line += (f"  {e} {fmt_ms(f.stats()['median_s'])} ms" if f.ok else f"  {e} failed")
            log(line)
        if comp[m]["ok"]:
            r_last = args.rounds - 1
            kd = [os.path.join(rdir, m, f"kiln-t{t}-r{r_last}") for t in args.threads
                  if figs[(m, "kiln", t)].ok]
            od = os.path.join(rdir, m, f"ort-t{args.threads[0]}-r{r_last}")
            if kd and figs[(m, "ort", args.threads[0])].ok:
                cmp_res[m] = compare(kd, od, len(metas[m]["outputs"]))

    log("measuring the fp32 peak again ...")
    peak = measure_peak(tools["peak"], 0.5 if not args.quick else 0.2, peak)

    elapsed = time.monotonic() - t_start
    report = build_report(args, metas, comp, figs, cmp_res, peak, blas_info, ort_overhead,
                          machine_info(), versions(args.kilnc), coretype_env, started, elapsed)
    os.makedirs(os.path.dirname(os.path.abspath(doc)), exist_ok=True)
    with open(doc, "w") as f:
        f.write(report)
    with open(os.path.join(args.out, "results.json"), "w") as f:
        json.dump({"peak": peak, "compile": comp, "compare": cmp_res,
                   "figures": {f"{m}/{e}/{t}": (fig.stats() if fig.ok else {"error": fig.error})
                               for (m, e, t), fig in figs.items()
                               if fig.ok or fig.error}}, f, indent=1, default=str)
    print(report)
    log(f"wrote {os.path.relpath(doc, os.getcwd())}")


if __name__ == "__main__":
    main()
