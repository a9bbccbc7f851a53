//===- Patterns.h - kiln to linalg pattern families -------------*- C++ -*-===//
//
// One populate function per op family, one family per file. Patterns are
// OpConversionPatterns on tensors; they run under ConvertKilnToLinalg, which
// marks the whole kiln dialect illegal.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_CONVERSION_KILNTOLINALG_PATTERNS_H
#define KILN_CONVERSION_KILNTOLINALG_PATTERNS_H

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/DialectConversion.h"

namespace kiln {

/// Unary, binary and variadic elementwise ops with numpy broadcasting.
void populateElementwiseToLinalgPatterns(mlir::RewritePatternSet &patterns);
/// kiln.constant, reshape-like ops, transpose, concat, slice, gather, ...
void populateTensorToLinalgPatterns(mlir::RewritePatternSet &patterns);
/// MatMul, Gemm, Conv, pooling.
void populateNNToLinalgPatterns(mlir::RewritePatternSet &patterns);
/// Reduce*, ArgMax/ArgMin, Softmax family, normalizations.
void populateReductionToLinalgPatterns(mlir::RewritePatternSet &patterns);
/// Resize (nearest, linear, cubic) as one gathering linalg.generic.
void populateResizeToLinalgPatterns(mlir::RewritePatternSet &patterns);
/// GridSample (bilinear, nearest, bicubic) as one gathering linalg.generic.
void populateGridSampleToLinalgPatterns(mlir::RewritePatternSet &patterns);
/// LSTM, GRU and RNN (an scf.for over time).
void populateRecurrentToLinalgPatterns(mlir::RewritePatternSet &patterns);
/// Einsum as one linalg.generic with a loop per label.
void populateEinsumToLinalgPatterns(mlir::RewritePatternSet &patterns);
/// QuantizeLinear, DequantizeLinear, DynamicQuantizeLinear, MatMulInteger,
/// ConvInteger, QLinearMatMul and QLinearConv on 8-bit integers.
void populateQuantToLinalgPatterns(mlir::RewritePatternSet &patterns);

// Helpers shared by the pattern families (Utils.cpp).

/// `tensor.empty` of `type` (static shape).
mlir::Value emptyTensor(mlir::OpBuilder &b, mlir::Location loc,
                        mlir::RankedTensorType type);
/// Replaces `op` by a `tensor.empty` of `type` when `type` has no elements
/// (the lowerings' loops would never run, and some would index empty dims);
/// returns whether it did.
bool replaceIfEmpty(mlir::Operation *op, mlir::RankedTensorType type,
                    mlir::RewriterBase &rewriter);
/// A tensor of `type` filled with `value`.
mlir::Value filledTensor(mlir::OpBuilder &b, mlir::Location loc,
                         mlir::RankedTensorType type, mlir::Value value);
/// A scalar constant of element type `type` (float or integer).
mlir::Value scalarConstant(mlir::OpBuilder &b, mlir::Location loc, mlir::Type type,
                           double value);
/// Indexing map reading an operand of `shape` inside a loop nest over
/// `resultShape` with numpy broadcasting (right-aligned; size-1 dims that the
/// result widens read index 0).
mlir::AffineMap broadcastMap(mlir::MLIRContext *ctx, llvm::ArrayRef<int64_t> shape,
                             llvm::ArrayRef<int64_t> resultShape);
/// linalg.generic over `resultType` whose inputs broadcast to it; `body`
/// receives one scalar per input and returns the result scalar.
mlir::Value buildBroadcastGeneric(
    mlir::OpBuilder &b, mlir::Location loc, mlir::RankedTensorType resultType,
    mlir::ValueRange inputs,
    llvm::function_ref<mlir::Value(mlir::OpBuilder &, mlir::Location, mlir::ValueRange)>
        body);

/// `type` with unsigned and signed integer elements replaced by signless ones of
/// the same width (arith only works on signless integers).
mlir::RankedTensorType signlessTensorType(mlir::RankedTensorType type);
/// `value` (a ranked tensor) with signless elements: a tensor.bitcast when its
/// elements are unsigned, `value` itself otherwise. Patterns build their
/// linalg ops on signless tensors and choose unsigned arith ops from the kiln
/// op's types; kiln-erase-signedness removes the bitcasts after lowering.
mlir::Value castToSignless(mlir::OpBuilder &b, mlir::Location loc, mlir::Value value);
/// The inverse of castToSignless: `value` (signless elements) as `type`.
mlir::Value castFromSignless(mlir::OpBuilder &b, mlir::Location loc, mlir::Value value,
                             mlir::RankedTensorType type);

} // namespace kiln

#endif // KILN_CONVERSION_KILNTOLINALG_PATTERNS_H
