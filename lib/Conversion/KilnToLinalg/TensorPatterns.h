//===- TensorPatterns.h - Pieces of the tensor pattern family ---*- C++ -*-===//
//
// The tensor family (populateTensorToLinalgPatterns in Patterns.h) is split
// over a few files; this header is private to them.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_CONVERSION_KILNTOLINALG_TENSORPATTERNS_H
#define KILN_CONVERSION_KILNTOLINALG_TENSORPATTERNS_H

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/PatternMatch.h"

namespace kiln {

/// Transpose, Concat, Split, Slice, Expand, Tile (DataMovement.cpp).
void populateDataMovementToLinalgPatterns(mlir::RewritePatternSet &patterns);
/// Gather, GatherElements, GatherND, OneHot, Trilu, CumSum, EyeLike, Compress
/// (Indexing.cpp).
void populateIndexingToLinalgPatterns(mlir::RewritePatternSet &patterns);
/// TopK (TopK.cpp).
void populateTopKToLinalgPatterns(mlir::RewritePatternSet &patterns);
/// ScatterElements, ScatterND (Scatter.cpp).
void populateScatterToLinalgPatterns(mlir::RewritePatternSet &patterns);

/// `index` (an i32/i64 scalar) as an in-bounds `index` into a dimension of
/// size `dim` (> 0): negative values count from the end, then the result is
/// clamped to [0, dim - 1] (Indexing.cpp).
mlir::Value wrapAndClamp(mlir::OpBuilder &b, mlir::Location loc, mlir::Value index,
                         int64_t dim);

/// Why `types` cannot be lowered, or null if they can: every tensor must be
/// statically shaped, and unsigned element types are refused because arith
/// only has signless integers (the elementwise family refuses them as well,
/// so accepting them here would only move the failure downstream). Patterns
/// that only move data, or that compute on castToSignless'd tensors, pass
/// `allowUnsigned`.
inline const char *unsupportedTensorTypes(mlir::TypeRange types,
                                          bool allowUnsigned = false) {
  for (mlir::Type t : types) {
    auto ranked = llvm::dyn_cast<mlir::RankedTensorType>(t);
    if (!ranked || !ranked.hasStaticShape())
      return "dynamic shapes are not supported";
    if (!allowUnsigned && ranked.getElementType().isUnsignedInteger())
      return "unsigned integer tensors are not supported";
  }
  return nullptr;
}

/// notifyMatchFailure unless all operand and result types of `op` can be
/// lowered.
inline llvm::LogicalResult checkTensorTypes(mlir::Operation *op,
                                            mlir::PatternRewriter &rewriter,
                                            bool allowUnsigned = false) {
  if (const char *why = unsupportedTensorTypes(op->getOperandTypes(), allowUnsigned))
    return rewriter.notifyMatchFailure(op, why);
  if (const char *why = unsupportedTensorTypes(op->getResultTypes(), allowUnsigned))
    return rewriter.notifyMatchFailure(op, why);
  return llvm::success();
}

} // namespace kiln

#endif // KILN_CONVERSION_KILNTOLINALG_TENSORPATTERNS_H
