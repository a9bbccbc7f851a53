//===- Importer.h - ONNX model to kiln dialect -------------------*- C++ -*-===//

#ifndef KILN_IMPORT_IMPORTER_H
#define KILN_IMPORT_IMPORTER_H

#include "lib/Import/TensorData.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"

#include <map>
#include <string>
#include <vector>

namespace kiln {

struct ImportOptions {
  /// --input-shape NAME:1x3x224x224: replaces the declared (possibly symbolic)
  /// shape of graph input NAME.
  std::map<std::string, std::vector<int64_t>> inputShapes;
  /// --const-input NAME=FILE.pb: graph input NAME becomes the constant stored in
  /// the serialized TensorProto FILE (for inputs that must be compile-time
  /// constants, such as a Reshape target shape).
  std::map<std::string, std::string> constInputs;
  /// Caps on tensor sizes read from the model.
  TensorLimits limits;
  /// Initializers larger than this become dense_resource blobs.
  uint64_t resourceThresholdBytes = 1024;
  /// Largest number of nodes accepted in a graph.
  int64_t maxNodes = 1 << 20;
};

/// The ONNX opset every model is converted to before import.
constexpr int kCanonicalOpset = 17;

/// Imports the model at `path` (binary `.onnx`, or ONNX textual syntax when the
/// name ends in `.onnxtxt`) into a module holding `func.func @main`. Errors are
/// reported through `context`'s diagnostic engine, located at the ONNX node
/// (NameLoc of the node name inside the file's location); returns null on error.
mlir::OwningOpRef<mlir::ModuleOp> importOnnxFile(llvm::StringRef path,
                                                 mlir::MLIRContext &context,
                                                 const ImportOptions &options);

/// Names of every ONNX operator the importer accepts, sorted.
std::vector<std::string> supportedOnnxOps();

/// Registers the dialects the importer produces (kiln, func, quant).
void registerImportDialects(mlir::DialectRegistry &registry);

} // namespace kiln

#endif // KILN_IMPORT_IMPORTER_H
