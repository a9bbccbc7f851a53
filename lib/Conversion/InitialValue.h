//===- InitialValue.h - Where an accumulator starts from -------*- C++ -*-===//
//
// Kiln's Conv and Gemm lowerings broadcast the bias into the output (or fill
// it with zeros) and then accumulate into it. Passes that generate the
// accumulation themselves (Winograd's output transform, register tiles) can
// start from the bias instead and skip writing the whole output once and
// reading it back.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_CONVERSION_INITIALVALUE_H
#define KILN_CONVERSION_INITIALVALUE_H

#include "mlir/IR/AffineMap.h"
#include "mlir/IR/Value.h"

#include <optional>

namespace kiln {

/// A tensor written whole from one input alone, by a linalg.fill or by a
/// linalg.generic that broadcasts (yields) its input, into a tensor.empty
/// (or a reshape of one).
struct InitialValue {
  mlir::Value dest;  ///< the producer's empty destination (maybe reshaped)
  mlir::Value value; ///< the fill's scalar or the broadcast tensor
  /// From the tensor's dimensions to `value`'s (no results for a scalar).
  mlir::AffineMap map;
};

/// How `init` is produced, if it is such a tensor and nothing else uses it.
std::optional<InitialValue> initialValue(mlir::Value init);

} // namespace kiln

#endif // KILN_CONVERSION_INITIALVALUE_H
