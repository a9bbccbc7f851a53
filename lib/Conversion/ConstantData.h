//===- ConstantData.h - Reading constant tensors at compile time -*- C++ -*-===//
//
// Passes that prepare weights at compile time (packed panels, transposed or
// Winograd-transformed filters) read the bytes of a constant operand.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_CONVERSION_CONSTANTDATA_H
#define KILN_CONVERSION_CONSTANTDATA_H

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Value.h"

#include <optional>

namespace kiln {

/// The raw bytes of a constant's elements (not splat), or nothing.
std::optional<llvm::ArrayRef<char>> rawElements(mlir::Attribute attr);

/// The constant `v` is, looking through reshapes (which keep the bytes).
mlir::Attribute constantValue(mlir::Value v);

} // namespace kiln

#endif // KILN_CONVERSION_CONSTANTDATA_H
