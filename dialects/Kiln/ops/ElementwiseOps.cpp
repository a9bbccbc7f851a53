//===- ElementwiseOps.cpp - Type inference for irregular elementwise ops --===//
//
// The elementwise ops whose operands are not all alike: PRelu's slope and
// Clip's bounds are auxiliary operands, Pow's exponent has its own type. And
// BitShift's `direction`, which ODS only knows as a string.
//
//===----------------------------------------------------------------------===//

#include "dialects/Kiln/KilnOps.h"

using namespace mlir;
using namespace mlir::kiln;

LogicalResult PReluOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                        Adaptor a, SmallVectorImpl<Type> &inferred) {
  auto x = rankedType(a.getX()), slope = rankedType(a.getSlope());
  if (failed(verifySameElementType(loc, {a.getX(), a.getSlope()})))
    return failure();
  // The result is X's shape: the slope may repeat but never widen it.
  if (!broadcastsTo(slope.getShape(), x.getShape()))
    return emitOptionalError(loc, "slope of type ", slope,
                             " does not broadcast unidirectionally to X of type ", x);
  inferred.push_back(x);
  return success();
}

LogicalResult ClipOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                       Adaptor a, SmallVectorImpl<Type> &inferred) {
  auto x = rankedType(a.getInput());
  for (auto [name, bound] : {std::pair<StringRef, Value>{"min", a.getMin()},
                             std::pair<StringRef, Value>{"max", a.getMax()}}) {
    if (!bound)
      continue;
    auto t = rankedType(bound);
    if (t.getRank() != 0)
      return emitOptionalError(loc, "'", name, "' must be a scalar, got ", t);
    if (t.getElementType() != x.getElementType())
      return emitOptionalError(loc, "'", name, "' must have the input's element type ",
                               x.getElementType(), ", got ", t.getElementType());
  }
  inferred.push_back(x);
  return success();
}

LogicalResult PowOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                      Adaptor a, SmallVectorImpl<Type> &inferred) {
  auto shape = broadcastOperands(loc, {a.getX(), a.getY()});
  if (failed(shape))
    return failure();
  inferred.push_back(rankedType(a.getX()).clone(*shape));
  return success();
}

LogicalResult BitShiftOp::verify() {
  if (getDirection() != "LEFT" && getDirection() != "RIGHT")
    return emitOpError("'direction' must be LEFT or RIGHT, got '")
           << getDirection() << "'";
  return success();
}
