//===- BufferAliases.h - Uses of a buffer and of its views ------*- C++ -*-===//

#ifndef KILN_CONVERSION_BUFFERALIASES_H
#define KILN_CONVERSION_BUFFERALIASES_H

#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Value.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/STLFunctionalExtras.h"

namespace kiln {

/// Calls `visit` on each use of `root` and of every memref derived from it (the
/// memref results of its users: views, casts, reshapes), each value once, and
/// stops at the first call that returns true. Returns whether one did.
inline bool anyBufferUse(mlir::Value root,
                         llvm::function_ref<bool(mlir::OpOperand &)> visit) {
  llvm::SmallVector<mlir::Value> worklist = {root};
  llvm::DenseSet<mlir::Value> seen;
  while (!worklist.empty()) {
    mlir::Value v = worklist.pop_back_val();
    if (!seen.insert(v).second)
      continue;
    for (mlir::OpOperand &use : v.getUses()) {
      for (mlir::Value result : use.getOwner()->getResults())
        if (llvm::isa<mlir::BaseMemRefType>(result.getType()))
          worklist.push_back(result);
      if (visit(use))
        return true;
    }
  }
  return false;
}

} // namespace kiln

#endif // KILN_CONVERSION_BUFFERALIASES_H
