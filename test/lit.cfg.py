# -*- Python -*-
# lit configuration for Kiln's regression tests. The configured lit.site.cfg.py in the build
# tree (test/lit.site.cfg.py.in) sets the paths and then loads this file.

import os

import lit.formats
from lit.llvm import llvm_config
from lit.llvm.subst import ToolSubst

config.name = "Kiln"
config.test_format = lit.formats.ShTest(not llvm_config.use_lit_shell)

# .onnxtxt: ONNX textual models fed to kilnc; .test: driver and end-to-end scripts.
config.suffixes = [".mlir", ".onnxtxt", ".test"]

# Inputs/ folders hold data for the tests beside them (use %S/Inputs); unit/ is GoogleTest,
# run by CTest as its own test.
config.excludes = [
    "Inputs",
    "CMakeLists.txt",
    "README.md",
    "lit.cfg.py",
    "lit.site.cfg.py",
    "unit",
]

config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.kiln_obj_root, "test")

llvm_config.with_system_environment(["HOME", "TMP", "TEMP", "TMPDIR"])
config.environment["PYTHONUNBUFFERED"] = "1"

# FileCheck, count, not (and %python, replaced below).
llvm_config.use_default_substitutions()

# The python3 first on PATH may be one without onnx and numpy; Debian's has both.
config.substitutions = [s for s in config.substitutions if s[0] != "%python"]
config.substitutions.append(("%python", config.kiln_python))
config.substitutions.append(("%testdata", config.kiln_onnx_testdata_dir))
config.substitutions.append(("%kiln_src_root", config.kiln_src_root))

# Kiln's tools first, then LLVM's: RUN lines may also name tools without substitution.
llvm_config.with_environment(
    "PATH", [config.kiln_tools_dir, config.llvm_tools_dir], append_path=True
)

llvm_config.add_tool_substitutions(
    [
        ToolSubst("kiln-opt", unresolved="fatal"),
        ToolSubst("kilnc", unresolved="fatal"),
    ],
    [config.kiln_tools_dir],
)
llvm_config.add_tool_substitutions(
    [
        ToolSubst("split-file", unresolved="fatal"),
        ToolSubst("mlir-opt", unresolved="ignore"),
    ],
    [config.llvm_tools_dir],
)

if os.path.isdir(config.kiln_onnx_testdata_dir):
    config.available_features.add("onnx-testdata")

# Compiling and linking generated objects: %cc is the C compiler the project builds with,
# %runtime_flags what `kilnc --print-runtime-flags` prints (lit's shell has no $(...)).
import shutil
import subprocess

# AArch64 (when the build makes its runtime, KILN_CROSS_RUNTIMES): %aarch64_cc links for it,
# %aarch64_rt_flags are `kilnc --print-runtime-flags --target=aarch64-linux-gnu`, and
# %aarch64_run runs the result (QEMU, or nothing on an AArch64 host). These come before
# %cc and %runtime_flags: lit substitutes in order.
_kilnc = os.path.join(config.kiln_tools_dir, "kilnc")
if config.kiln_test_aarch64:
    config.available_features.add("aarch64")
    config.substitutions.append(("%aarch64_cc", "aarch64-linux-gnu-gcc"))
    config.substitutions.append(("%aarch64_run", config.kiln_aarch64_runner))
    if os.path.exists(_kilnc):
        _flags = subprocess.run([_kilnc, "--print-runtime-flags",
                                 "--target=aarch64-linux-gnu"], capture_output=True,
                                text=True).stdout.strip()
        config.substitutions.append(("%aarch64_rt_flags", _flags))
# --target=cuda: %ptxas is NVIDIA's PTX assembler (KILN_PTXAS; CMake requires it
# unless KILN_TEST_CUDA is off).
if config.kiln_ptxas:
    config.available_features.add("ptxas")
    config.substitutions.append(("%ptxas", config.kiln_ptxas))
config.substitutions.append(("%cc", shutil.which("clang-22") or "cc"))
if os.path.exists(_kilnc):
    _flags = subprocess.run([_kilnc, "--print-runtime-flags"], capture_output=True,
                            text=True).stdout.strip()
    config.substitutions.append(("%runtime_flags", _flags))
