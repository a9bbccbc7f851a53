//===- ShapeInference.h - Result-type inference helpers ---------*- C++ -*-===//
//
// Shape arithmetic shared by the kiln ops' inferReturnTypes: numpy broadcasting,
// reductions, convolution/pooling window sizes. Dimensions may be
// ShapedType::kDynamic; results then are dynamic where they depend on them.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_DIALECT_SHAPEINFERENCE_H
#define KILN_DIALECT_SHAPEINFERENCE_H

#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Location.h"
#include "mlir/IR/Value.h"
#include "mlir/IR/ValueRange.h"
#include "mlir/Support/LLVM.h"

#include <optional>

namespace mlir::kiln {

/// Numpy-style multidirectional broadcast of `shapes`. Returns failure and sets
/// `error` when two dims differ and neither is 1.
FailureOr<SmallVector<int64_t>> broadcastShapes(ArrayRef<ArrayRef<int64_t>> shapes,
                                                std::string *error = nullptr);

/// Output length of a convolution/pooling window along one axis. Fails when the
/// window does not fit (non-positive result) or an argument is out of range.
FailureOr<int64_t> windowOutputSize(int64_t input, int64_t kernel, int64_t stride,
                                    int64_t dilation, int64_t padBegin,
                                    int64_t padEnd, bool ceilMode);

/// Normalizes `axis` in [-rank, rank) to [0, rank); failure when out of range.
FailureOr<int64_t> normalizeAxis(int64_t axis, int64_t rank);

/// Product of `shape`; kDynamic if any dim is dynamic.
int64_t numElements(ArrayRef<int64_t> shape);

// Family inference functions named by the ODS base classes in KilnOps.td.
LogicalResult inferSameAsFirstOperand(std::optional<Location> loc, ValueRange operands,
                                      SmallVectorImpl<Type> &inferred);
LogicalResult inferBoolOfFirstOperand(std::optional<Location> loc, ValueRange operands,
                                      SmallVectorImpl<Type> &inferred);
LogicalResult inferBroadcast(std::optional<Location> loc, ValueRange operands,
                             SmallVectorImpl<Type> &inferred);
LogicalResult inferBroadcastCompare(std::optional<Location> loc, ValueRange operands,
                                    SmallVectorImpl<Type> &inferred);
LogicalResult inferReduction(std::optional<Location> loc, Value data,
                             ArrayRef<int64_t> axes, uint64_t keepdims,
                             SmallVectorImpl<Type> &inferred);

/// The ranked tensor type of `v`.
inline RankedTensorType rankedType(Value v) {
  return cast<RankedTensorType>(v.getType());
}

} // namespace mlir::kiln

#endif // KILN_DIALECT_SHAPEINFERENCE_H
