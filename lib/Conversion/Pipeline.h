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

#include <string>

namespace kiln {

/// How far to lower.
enum class LoweringStage {
  Linalg, ///< linalg/tensor/arith/math on tensors (--emit=linalg)
  LLVM,   ///< the LLVM dialect, ready for translation to LLVM IR
};

/// The textual pass pipeline that lowers a module from kiln to `stage`
/// (printed by kilnc --print-pipeline; usable with kiln-opt --pass-pipeline).
std::string codegenPipeline(LoweringStage stage);

/// Runs codegenPipeline(stage) on `module`. Errors are reported through the
/// context's diagnostic engine, located at the ONNX node where one applies.
/// `timing` prints per-pass times to stderr.
mlir::LogicalResult lowerModule(mlir::ModuleOp module, LoweringStage stage,
                                bool timing = false);

/// Registers the upstream and Kiln passes the pipeline names.
void registerCodegenPasses();

} // namespace kiln

#endif // KILN_CONVERSION_PIPELINE_H
