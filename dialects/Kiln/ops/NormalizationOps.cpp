//===- NormalizationOps.cpp - Type inference for normalizations, softmax --===//
//
// Ops whose result is their input's type but whose attributes or auxiliary
// operands must agree with the input's shape.
//
//===----------------------------------------------------------------------===//

#include "dialects/Kiln/KilnOps.h"

using namespace mlir;
using namespace mlir::kiln;

/// Result = input type, after checking `axis` against the input's rank.
static LogicalResult inferSameWithAxis(std::optional<Location> loc, Value input,
                                       int64_t axis, SmallVectorImpl<Type> &inferred) {
  auto x = rankedType(input);
  if (failed(checkAxis(loc, axis, x.getRank())))
    return failure();
  inferred.push_back(x);
  return success();
}

LogicalResult SoftmaxOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                          Adaptor a, SmallVectorImpl<Type> &inferred) {
  return inferSameWithAxis(loc, a.getInput(), a.getAxis(), inferred);
}

LogicalResult LogSoftmaxOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                             Adaptor a, SmallVectorImpl<Type> &inferred) {
  return inferSameWithAxis(loc, a.getInput(), a.getAxis(), inferred);
}

LogicalResult HardmaxOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                          Adaptor a, SmallVectorImpl<Type> &inferred) {
  return inferSameWithAxis(loc, a.getInput(), a.getAxis(), inferred);
}

LogicalResult LpNormalizationOp::inferReturnTypes(MLIRContext *,
                                                  std::optional<Location> loc, Adaptor a,
                                                  SmallVectorImpl<Type> &inferred) {
  if (a.getP() != 1 && a.getP() != 2)
    return emitOptionalError(loc, "'p' must be 1 or 2, got ", a.getP());
  return inferSameWithAxis(loc, a.getInput(), a.getAxis(), inferred);
}

LogicalResult
MeanVarianceNormalizationOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                              Adaptor a,
                                              SmallVectorImpl<Type> &inferred) {
  auto x = rankedType(a.getX());
  for (int64_t axis : a.getAxes())
    if (failed(checkAxis(loc, axis, x.getRank(), "axes")))
      return failure();
  inferred.push_back(x);
  return success();
}

/// Per-channel parameters: each of `params` must be [C] for input [N, C, ...],
/// and of the input's element type when `sameElementType` (BatchNormalization
/// lets scale/B and mean/var have their own float types).
static LogicalResult verifyChannelParams(std::optional<Location> loc, Value input,
                                         ValueRange params, ArrayRef<StringRef> names,
                                         bool sameElementType) {
  auto x = rankedType(input);
  if (x.getRank() < 2)
    return emitOptionalError(loc, "input must have rank >= 2 ([N, C, ...]), got ", x);
  int64_t channels = x.getDimSize(1);
  for (auto [name, param] : llvm::zip(names, params)) {
    auto t = rankedType(param);
    if (t.getRank() != 1 || !dimsCompatible(t.getDimSize(0), channels))
      return emitOptionalError(loc, "'", name, "' must have shape [C] = [", channels,
                               "], got ", t);
    if (sameElementType && t.getElementType() != x.getElementType())
      return emitOptionalError(loc, "'", name, "' must have the input's element type ",
                               x.getElementType(), ", got ", t);
  }
  return success();
}

LogicalResult BatchNormalizationOp::inferReturnTypes(MLIRContext *,
                                                     std::optional<Location> loc,
                                                     Adaptor a,
                                                     SmallVectorImpl<Type> &inferred) {
  if (failed(verifyChannelParams(
          loc, a.getX(), {a.getScale(), a.getB(), a.getInputMean(), a.getInputVar()},
          {"scale", "B", "input_mean", "input_var"}, /*sameElementType=*/false)))
    return failure();
  inferred.push_back(a.getX().getType());
  return success();
}

LogicalResult InstanceNormalizationOp::inferReturnTypes(MLIRContext *,
                                                        std::optional<Location> loc,
                                                        Adaptor a,
                                                        SmallVectorImpl<Type> &inferred) {
  if (failed(verifyChannelParams(loc, a.getInput(), {a.getScale(), a.getB()},
                                 {"scale", "B"}, /*sameElementType=*/true)))
    return failure();
  inferred.push_back(a.getInput().getType());
  return success();
}
