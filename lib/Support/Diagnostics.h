//===- Diagnostics.h - file:node: error: message output --------*- C++ -*-===//

#ifndef KILN_SUPPORT_DIAGNOSTICS_H
#define KILN_SUPPORT_DIAGNOSTICS_H

#include "mlir/IR/Diagnostics.h"
#include "llvm/Support/raw_ostream.h"

namespace kiln {

/// Formats `loc` the way compilers name places: `model.onnx:conv1` for an ONNX
/// node (NameLoc inside the model's FileLineColLoc), `file:line:col` for text.
std::string formatLocation(mlir::Location loc);

/// Prints diagnostics as `LOCATION: error: message` (notes indented below)
/// while alive, and counts errors.
class ToolDiagnosticHandler {
public:
  ToolDiagnosticHandler(mlir::MLIRContext &ctx, llvm::raw_ostream &os);
  ~ToolDiagnosticHandler();
  unsigned errorCount() const { return errors_; }

private:
  mlir::MLIRContext &ctx_;
  llvm::raw_ostream &os_;
  mlir::DiagnosticEngine::HandlerID id_;
  unsigned errors_ = 0;
};

} // namespace kiln

#endif // KILN_SUPPORT_DIAGNOSTICS_H
