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
#include "llvm/ADT/StringRef.h"

#include <map>
#include <optional>
#include <string>

namespace mlir::kiln {

/// Numpy-style multidirectional broadcast of `shapes`. Returns failure and sets
/// `error` when two dims differ and neither is 1.
FailureOr<SmallVector<int64_t>> broadcastShapes(ArrayRef<ArrayRef<int64_t>> shapes,
                                                std::string *error = nullptr);

/// broadcastShapes over the operands' shapes, emitting the error at `loc`.
FailureOr<SmallVector<int64_t>> broadcastOperands(std::optional<Location> loc,
                                                  ValueRange operands);

/// Output length of a convolution/pooling window along one axis. Fails when the
/// window does not fit (non-positive result) or an argument is out of range.
FailureOr<int64_t> windowOutputSize(int64_t input, int64_t kernel, int64_t stride,
                                    int64_t dilation, int64_t padBegin,
                                    int64_t padEnd, bool ceilMode);

/// Normalizes `axis` in [-rank, rank) to [0, rank); failure when out of range.
FailureOr<int64_t> normalizeAxis(int64_t axis, int64_t rank);

/// Product of `shape`; kDynamic if any dim is dynamic or the product overflows
/// int64 (callers that need the exact count check for static shapes first).
int64_t numElements(ArrayRef<int64_t> shape);

/// True when two dims may be equal at run time: equal, or either is dynamic.
inline bool dimsCompatible(int64_t a, int64_t b) {
  return a == b || ShapedType::isDynamic(a) || ShapedType::isDynamic(b);
}

/// `a * b` and `a + b` on dims: kDynamic if either is dynamic; failure when the
/// result overflows int64 or would be negative (so a wrapped product can never
/// pose as a dynamic or a small static dim).
FailureOr<int64_t> mulDims(int64_t a, int64_t b);
FailureOr<int64_t> addDims(int64_t a, int64_t b);

/// Normalizes `axis` in [-rank, rank) of
/// `type`, emitting "'NAME' AXIS is out of range for rank R" otherwise.
FailureOr<int64_t> checkAxis(std::optional<Location> loc, int64_t axis,
                             int64_t rank, StringRef name = "axis");

/// Fails unless every operand has the first operand's element type (ONNX's single
/// type variable T), naming both types.
LogicalResult verifySameElementType(std::optional<Location> loc, ValueRange operands);

/// Unidirectional broadcast: `from` must broadcast to `to` without growing it.
bool broadcastsTo(ArrayRef<int64_t> from, ArrayRef<int64_t> to);

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
                             ArrayRef<int64_t> axes, int64_t keepdims,
                             SmallVectorImpl<Type> &inferred);

/// An einsum equation resolved against its operand shapes (NNOps.cpp). Terms
/// are the equation's with spaces removed; each is letters and at most one
/// "..." (the broadcast dims).
struct EinsumEquation {
  /// One term per operand.
  SmallVector<std::string> inputs;
  /// The output term, spelled out when the equation leaves it implicit: "..."
  /// if any input has it, then the labels that occur once, in ASCII order.
  std::string output;
  /// Size of every label, broadcast over its occurrences (1 yields to any size).
  std::map<char, int64_t> labelSizes;
  /// The broadcast shape of all operands' "..." dims.
  SmallVector<int64_t> ellipsisShape;
};
/// Parses `equation` and checks it against `operands`, emitting errors at `loc`.
FailureOr<EinsumEquation> analyzeEinsum(std::optional<Location> loc, StringRef equation,
                                        ValueRange operands);

/// The ranked tensor type of `v`.
inline RankedTensorType rankedType(Value v) {
  return cast<RankedTensorType>(v.getType());
}

} // namespace mlir::kiln

#endif // KILN_DIALECT_SHAPEINFERENCE_H
