//===- NNCommon.h - Helpers shared by the NN lowering files -----*- C++ -*-===//
//
// NN.cpp, Conv.cpp, Pooling.cpp and Pad.cpp lower MatMul/Gemm, convolutions,
// pooling and padding. They share a few tensor-building helpers that the other
// pattern families do not need; those live here (defined in NN.cpp) rather
// than in Patterns.h.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_CONVERSION_KILNTOLINALG_NNCOMMON_H
#define KILN_CONVERSION_KILNTOLINALG_NNCOMMON_H

#include "lib/Conversion/KilnToLinalg/Patterns.h"

namespace kiln::nn {

void populateConvPatterns(mlir::RewritePatternSet &patterns);
void populatePoolingPatterns(mlir::RewritePatternSet &patterns);
void populatePadPatterns(mlir::RewritePatternSet &patterns);

/// True if every operand and result of `op` is a statically shaped tensor.
bool hasStaticTensorShapes(mlir::Operation *op);

/// The element type products and sums are accumulated in: f16 and bf16
/// accumulate in f32 (a long f16 reduction loses most of its bits), everything
/// else in itself.
mlir::Type accumulatorType(mlir::Type elem);

/// Converts a scalar between float types (extf/truncf) or between signless
/// (signed) integer types (extsi/trunci); identity if equal.
mlir::Value convertScalar(mlir::OpBuilder &b, mlir::Location loc, mlir::Value v,
                          mlir::Type to);

/// Elementwise conversion of a tensor to element type `to`; identity if equal.
mlir::Value convertTensor(mlir::OpBuilder &b, mlir::Location loc, mlir::Value v,
                          mlir::Type to);

/// Reshapes a static tensor to `shape` (same element count) with
/// tensor.collapse_shape / tensor.expand_shape.
mlir::Value reshapeTo(mlir::OpBuilder &b, mlir::Location loc, mlir::Value v,
                      llvm::ArrayRef<int64_t> shape);

/// tensor.pad of `v` by non-negative `low`/`high` amounts with `padValue`;
/// returns `v` when there is nothing to pad.
mlir::Value padConstant(mlir::OpBuilder &b, mlir::Location loc, mlir::Value v,
                        llvm::ArrayRef<int64_t> low, llvm::ArrayRef<int64_t> high,
                        mlir::Value padValue);

/// Broadcasts `src` into a new tensor of `resultType`: source dim i is result
/// dim `dims[i]`, the other result dims are broadcast. Elements are converted
/// to the result element type.
mlir::Value broadcastDims(mlir::OpBuilder &b, mlir::Location loc, mlir::Value src,
                          mlir::RankedTensorType resultType,
                          llvm::ArrayRef<int64_t> dims);

/// The strides/dilations attribute form of linalg's convolution and pooling
/// ops (a 1-D i64 elements attribute).
mlir::DenseIntElementsAttr i64Elements(mlir::OpBuilder &b,
                                       llvm::ArrayRef<int64_t> values);

/// The most negative value of a float (-inf) or signed integer type.
mlir::Value lowestValue(mlir::OpBuilder &b, mlir::Location loc, mlir::Type type);

/// numpy.matmul of static `lhs` and `rhs` into `resultType`: 1-D operands are
/// promoted to matrices, batch dims broadcast. Products are accumulated in
/// accumulatorType() of the result element type; the operands' element types
/// may be narrower (linalg's named contractions extend them, signed).
mlir::Value buildMatMul(mlir::OpBuilder &b, mlir::Location loc, mlir::Value lhs,
                        mlir::Value rhs, mlir::RankedTensorType resultType);

/// True if a convolution of `x` [N, C, D...] has `pads` (begin values, then end
/// values), `strides` and `dilations` of one value per spatial dim.
bool isWellFormedWindow(mlir::RankedTensorType x, llvm::ArrayRef<int64_t> pads,
                        llvm::ArrayRef<int64_t> strides,
                        llvm::ArrayRef<int64_t> dilations);

/// ONNX Conv of x [N, C, D...] with w [M, C/group, k...]: x is padded with
/// zeros by `pads` (a well-formed window), then convolved into `resultType`
/// [N, M, O...] with the named linalg convolution for the group structure.
/// The optional `bias` [M] initializes the accumulator. Integer operands
/// (signless, e.g. widened i32) accumulate in the integer result type.
mlir::Value buildPaddedConvolution(mlir::OpBuilder &b, mlir::Location loc, mlir::Value x,
                                   mlir::Value w, mlir::Value bias,
                                   llvm::ArrayRef<int64_t> pads,
                                   llvm::ArrayRef<int64_t> strides,
                                   llvm::ArrayRef<int64_t> dilations, int64_t group,
                                   mlir::RankedTensorType resultType);

} // namespace kiln::nn

#endif // KILN_CONVERSION_KILNTOLINALG_NNCOMMON_H
