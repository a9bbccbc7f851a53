//===- QuantOps.cpp - Type inference for ONNX quantization ops -----------===//

#include "dialects/Kiln/KilnOps.h"

using namespace mlir;
using namespace mlir::kiln;

/// Scale and zero point are scalars (per tensor) or 1-D along `axis` (per axis).
static LogicalResult verifyQuantParams(std::optional<Location> loc, Value x,
                                       Value scale, Value zeroPoint, int64_t axis) {
  auto s = rankedType(scale);
  if (s.getRank() > 1)
    return emitOptionalError(loc, "scale must be a scalar or 1-D, got ", s);
  if (zeroPoint && rankedType(zeroPoint).getShape() != s.getShape())
    return emitOptionalError(loc, "zero point shape must match the scale's");
  if (s.getRank() == 1 && s.getDimSize(0) != 1) {
    auto xt = rankedType(x);
    auto a = normalizeAxis(axis, xt.getRank());
    if (failed(a))
      return emitOptionalError(loc, "'axis' ", axis, " is out of range for rank ",
                               xt.getRank());
    if (!xt.isDynamicDim(*a) && xt.getDimSize(*a) != s.getDimSize(0))
      return emitOptionalError(loc, "per-axis scale has ", s.getDimSize(0),
                               " values but axis ", *a, " has size ",
                               xt.getDimSize(*a));
  }
  return success();
}

LogicalResult QuantizeLinearOp::inferReturnTypes(MLIRContext *ctx,
                                                 std::optional<Location> loc,
                                                 Adaptor a,
                                                 SmallVectorImpl<Type> &inferred) {
  if (failed(verifyQuantParams(loc, a.getX(), a.getYScale(), a.getYZeroPoint(),
                               a.getAxis())))
    return failure();
  Type element = a.getYZeroPoint()
                     ? rankedType(a.getYZeroPoint()).getElementType()
                     : IntegerType::get(ctx, 8, IntegerType::Unsigned);
  inferred.push_back(rankedType(a.getX()).clone(element));
  return success();
}

LogicalResult DequantizeLinearOp::inferReturnTypes(MLIRContext *,
                                                   std::optional<Location> loc,
                                                   Adaptor a,
                                                   SmallVectorImpl<Type> &inferred) {
  if (failed(verifyQuantParams(loc, a.getX(), a.getXScale(), a.getXZeroPoint(),
                               a.getAxis())))
    return failure();
  if (a.getXZeroPoint() && rankedType(a.getXZeroPoint()).getElementType() !=
                               rankedType(a.getX()).getElementType())
    return emitOptionalError(loc, "zero point element type must match the input's");
  inferred.push_back(
      rankedType(a.getX()).clone(rankedType(a.getXScale()).getElementType()));
  return success();
}

LogicalResult DynamicQuantizeLinearOp::inferReturnTypes(
    MLIRContext *ctx, std::optional<Location>, Adaptor a,
    SmallVectorImpl<Type> &inferred) {
  Type u8 = IntegerType::get(ctx, 8, IntegerType::Unsigned);
  inferred.push_back(rankedType(a.getX()).clone(u8));
  inferred.push_back(RankedTensorType::get({}, Float32Type::get(ctx)));
  inferred.push_back(RankedTensorType::get({}, u8));
  return success();
}
