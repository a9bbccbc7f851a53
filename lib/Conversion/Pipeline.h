//===- Pipeline.h - The CPU code generation pipeline ------------*- C++ -*-===//
//
// kiln (tensors) -> linalg on tensors -> bufferized linalg -> LLVM dialect.
// The entry function `main` ends with bare-pointer arguments: one per graph
// input, then one per graph output (results become out-parameters).
//
//===----------------------------------------------------------------------===//

#ifndef KILN_CONVERSION_PIPELINE_H
#define KILN_CONVERSION_PIPELINE_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Support/LLVM.h"
#include "llvm/Support/Error.h"

#include <string>

namespace kiln {

/// How far to lower.
enum class LoweringStage {
  Linalg, ///< linalg/tensor/arith/math on tensors (--emit=linalg)
  LLVM,   ///< the LLVM dialect, ready for translation to LLVM IR
};

/// An NVIDIA GPU to generate kernels for (kilnc --target=cuda).
struct GpuTarget {
  std::string arch = "sm_80"; ///< the PTX target (--gpu-arch)
  unsigned ptxVersion = 80;   ///< PTX ISA version, 8.0 (CUDA 12.0)
  std::string libdevice;      ///< libdevice.10.bc, linked into the kernels

  /// The target for `arch` (sm_XY), with libdevice from the CUDA toolkit at
  /// `cudaPath`; an error names what is wrong or missing.
  static llvm::Expected<GpuTarget> get(llvm::StringRef arch, llvm::StringRef cudaPath);
};

/// The vector registers of a CPU (kilnc asks LLVM's TargetTransformInfo).
struct CpuTarget {
  int64_t vectorBits = 512;     ///< width of a vector register
  int64_t vectorRegisters = 32; ///< how many there are
  /// Scalable vectors (SVE): LLVM vectorizes elementwise loops with
  /// predicated scalable vectors, wider than the fixed ones kiln writes.
  bool scalableVectors = false;
};

/// The textual pass pipeline that lowers a module from kiln to `stage`, for
/// the CPU or, with `gpu`, for --target=cuda (usable with kiln-opt
/// --pass-pipeline).
std::string codegenPipeline(LoweringStage stage, const GpuTarget *gpu = nullptr,
                            const CpuTarget &cpu = {});

/// Runs codegenPipeline(stage) on `module`. Errors are reported through the
/// context's diagnostic engine, located at the ONNX node where one applies.
/// `timing` prints per-pass times to stderr.
mlir::LogicalResult lowerModule(mlir::ModuleOp module, LoweringStage stage,
                                bool timing = false, const GpuTarget *gpu = nullptr,
                                const CpuTarget &cpu = {});

/// Registers the upstream and Kiln passes the pipeline names.
void registerCodegenPasses();

} // namespace kiln

#endif // KILN_CONVERSION_PIPELINE_H
