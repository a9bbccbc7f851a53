//===- ReductionUtils.h - Helpers for reductions and normalizations -*- C++ -*-===//
//
// Private to the reduction family (Reduction.cpp, Softmax.cpp,
// Normalization.cpp). Reductions are built as linalg.generic ops with
// reduction iterators rather than linalg.reduce: a body that subtracts a
// broadcast max or mean needs a second, differently shaped input, which
// linalg.reduce does not allow.
//
// A "reduced" tensor is the input's shape with the reduced axes dropped (the
// keepdims = 0 form); ops that need keepdims expand it at the end.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_CONVERSION_KILNTOLINALG_REDUCTIONUTILS_H
#define KILN_CONVERSION_KILNTOLINALG_REDUCTIONUTILS_H

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/PatternMatch.h"

namespace kiln {

/// Softmax, LogSoftmax, Hardmax (Softmax.cpp).
void populateSoftmaxToLinalgPatterns(mlir::RewritePatternSet &patterns);
/// LayerNormalization, InstanceNormalization, LpNormalization,
/// MeanVarianceNormalization, LRN (Normalization.cpp).
void populateNormalizationToLinalgPatterns(mlir::RewritePatternSet &patterns);

/// Helpers, in their own namespace so that their short names cannot clash
/// with the rest of libKiln.
namespace reduction {

/// Builds a scalar from the scalars of a linalg.generic's operands.
using ScalarBody =
    llvm::function_ref<mlir::Value(mlir::OpBuilder &, mlir::Location, mlir::ValueRange)>;

/// `shape` without the dims in `axes`.
llvm::SmallVector<int64_t> dropAxes(llvm::ArrayRef<int64_t> shape,
                                    llvm::ArrayRef<int64_t> axes);
/// Product of the dims of `shape` in `axes`: the number of reduced elements.
int64_t reducedCount(llvm::ArrayRef<int64_t> shape, llvm::ArrayRef<int64_t> axes);
/// Axes in [-rank, rank) as sorted, unique, non-negative axes.
llvm::SmallVector<int64_t> sortedAxes(llvm::ArrayRef<int64_t> axes, int64_t rank);
/// Map from a loop nest of `rank` dims to the dims not in `axes`: reads a
/// reduced tensor (or writes one) inside a loop nest over the full shape.
mlir::AffineMap dropAxesMap(mlir::MLIRContext *ctx, int64_t rank,
                            llvm::ArrayRef<int64_t> axes);

/// Reduces `input` over `axes` into a fresh reduced tensor of `init`'s type
/// filled with `init` (a scalar). `reduced` are reduced-shape tensors read at
/// the output position (a max or mean to subtract). `body` receives
/// (x, reduced..., acc) and returns the new accumulator.
mlir::Value reduceAxes(mlir::OpBuilder &b, mlir::Location loc, mlir::Value input,
                       llvm::ArrayRef<int64_t> axes, mlir::Value init,
                       mlir::ValueRange reduced, ScalarBody body);

/// Elementwise linalg.generic over `resultType`. `full` operands have the
/// result's shape; `reduced` ones have the dims in `axes` dropped and are
/// broadcast along them. `body` receives (full..., reduced...).
mlir::Value mapWithReduced(mlir::OpBuilder &b, mlir::Location loc,
                           mlir::RankedTensorType resultType, mlir::ValueRange full,
                           mlir::ValueRange reduced, llvm::ArrayRef<int64_t> axes,
                           ScalarBody body);

/// Elementwise linalg.generic over `resultType` with explicit indexing maps.
mlir::Value parallelGeneric(mlir::OpBuilder &b, mlir::Location loc,
                            mlir::RankedTensorType resultType, mlir::ValueRange inputs,
                            llvm::ArrayRef<mlir::AffineMap> maps, ScalarBody body);

/// Elementwise map of one tensor to a tensor of the same shape and element
/// type `elem`.
mlir::Value mapTensor(mlir::OpBuilder &b, mlir::Location loc, mlir::Value input,
                      mlir::Type elem, ScalarBody body);

/// Reinserts the dims in `axes` as size-1 dims (tensor.expand_shape), turning
/// a reduced tensor into the keepdims = 1 `resultType`.
mlir::Value expandReducedDims(mlir::OpBuilder &b, mlir::Location loc, mlir::Value reduced,
                              mlir::RankedTensorType resultType,
                              llvm::ArrayRef<int64_t> axes);

/// Index (i64, reduced shape) of the max (`isMax`) or min along `axis`. Ties
/// go to the first index, or the last with `selectLast`; NaN counts as the
/// extreme value, as in numpy.
mlir::Value argReduce(mlir::OpBuilder &b, mlir::Location loc, mlir::Value input,
                      int64_t axis, bool isMax, bool selectLast);

// Scalar helpers. Integers are signless and treated as signed (callers refuse
// unsigned tensors).

/// f16 and bf16 accumulate in f32; other types in themselves.
mlir::Type accumulatorType(mlir::Type elem);
/// extf / truncf between float types; `v` unchanged when already `to`.
mlir::Value castFloat(mlir::OpBuilder &b, mlir::Location loc, mlir::Value v,
                      mlir::Type to);
/// -inf for floats, the signed minimum for integers (`lowest`); +inf or the
/// signed maximum otherwise.
mlir::Value extremeValue(mlir::OpBuilder &b, mlir::Location loc, mlir::Type type,
                         bool lowest);
mlir::Value addOf(mlir::OpBuilder &b, mlir::Location loc, mlir::Value x, mlir::Value y);
mlir::Value subOf(mlir::OpBuilder &b, mlir::Location loc, mlir::Value x, mlir::Value y);
mlir::Value mulOf(mlir::OpBuilder &b, mlir::Location loc, mlir::Value x, mlir::Value y);
/// Float division, or signed division truncating toward zero.
mlir::Value divOf(mlir::OpBuilder &b, mlir::Location loc, mlir::Value x, mlir::Value y);
/// NaN-propagating max/min for floats (numpy's maximum/minimum).
mlir::Value maxOf(mlir::OpBuilder &b, mlir::Location loc, mlir::Value x, mlir::Value y);
mlir::Value minOf(mlir::OpBuilder &b, mlir::Location loc, mlir::Value x, mlir::Value y);
mlir::Value absOf(mlir::OpBuilder &b, mlir::Location loc, mlir::Value x);

/// True when every operand and result of `op` is a statically shaped tensor;
/// dynamic shapes are not lowered yet.
bool hasStaticShapes(mlir::Operation *op);

/// True for tensors whose elements are unsigned integers, which arith cannot
/// take without a type conversion this lowering does not do yet.
bool hasUnsignedElements(mlir::Type type);

} // namespace reduction
} // namespace kiln

#endif // KILN_CONVERSION_KILNTOLINALG_REDUCTIONUTILS_H
