//===- ModelSignature.h - The C interface of a compiled model ---*- C++ -*-===//
//
// What NAME_info() reports and NAME.h documents: the model's symbol prefix and,
// for each graph input and output, its ONNX name, ONNX dtype code and static
// shape. Collected from the imported `func.func @main` before lowering.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_TARGET_MODELSIGNATURE_H
#define KILN_TARGET_MODELSIGNATURE_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Support/LLVM.h"

#include <string>
#include <vector>

namespace kiln {

struct TensorSignature {
  std::string name;  ///< ONNX value name
  int32_t dtype = 0; ///< ONNX TensorProto.DataType code
  std::vector<int64_t> shape;
  std::string cType; ///< C element type, e.g. "float", "int64_t"
  uint64_t bytes() const;
};

struct ModelSignature {
  std::string name; ///< C identifier used as the symbol prefix
  std::vector<TensorSignature> inputs, outputs;
  uint64_t workspaceBytes = 0;
  /// --target=cuda: workspaceBytes is the device buffer (weights, inputs,
  /// outputs and activations) rather than a host activation arena.
  bool gpu = false;
};

/// ONNX dtype code and C type of an MLIR element type; {0, ""} if none.
std::pair<int32_t, std::string> onnxDtypeOf(mlir::Type elementType);

/// Reads the signature of `func.func @main` in `module` (graph input and output
/// names from the `kiln.name` attributes the importer sets). `name` must be a
/// valid C identifier.
mlir::FailureOr<ModelSignature> collectSignature(mlir::ModuleOp module,
                                                 llvm::StringRef name);

/// The activation arena size that kiln-plan-workspace recorded on a lowered
/// module (0 if none).
uint64_t plannedWorkspaceBytes(mlir::ModuleOp module);

/// A C identifier made from `text` (a file stem, an ONNX name): invalid
/// characters become '_', a leading digit gets a '_' prefix.
std::string cIdentifier(llvm::StringRef text);

} // namespace kiln

#endif // KILN_TARGET_MODELSIGNATURE_H
