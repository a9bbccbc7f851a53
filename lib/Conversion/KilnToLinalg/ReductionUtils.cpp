//===- ReductionUtils.cpp - Helpers for reductions and normalizations -----===//

#include "lib/Conversion/KilnToLinalg/ReductionUtils.h"
#include "lib/Conversion/KilnToLinalg/Patterns.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;
using ::kiln::emptyTensor;
using ::kiln::filledTensor;

namespace kiln::reduction {

SmallVector<int64_t> dropAxes(ArrayRef<int64_t> shape, ArrayRef<int64_t> axes) {
  SmallVector<int64_t> result;
  for (auto [i, d] : llvm::enumerate(shape))
    if (!llvm::is_contained(axes, static_cast<int64_t>(i)))
      result.push_back(d);
  return result;
}

int64_t reducedCount(ArrayRef<int64_t> shape, ArrayRef<int64_t> axes) {
  int64_t count = 1;
  for (int64_t axis : axes)
    count *= shape[axis];
  return count;
}

SmallVector<int64_t> sortedAxes(ArrayRef<int64_t> axes, int64_t rank) {
  SmallVector<int64_t> result;
  for (int64_t axis : axes)
    result.push_back(axis < 0 ? axis + rank : axis);
  llvm::sort(result);
  result.erase(llvm::unique(result), result.end());
  return result;
}

AffineMap dropAxesMap(MLIRContext *ctx, int64_t rank, ArrayRef<int64_t> axes) {
  SmallVector<AffineExpr> exprs;
  for (int64_t i = 0; i < rank; ++i)
    if (!llvm::is_contained(axes, i))
      exprs.push_back(getAffineDimExpr(i, ctx));
  return AffineMap::get(rank, 0, exprs, ctx);
}

Value reduceAxes(OpBuilder &b, Location loc, Value input, ArrayRef<int64_t> axes,
                 Value init, ValueRange reduced, ScalarBody body) {
  MLIRContext *ctx = b.getContext();
  auto inputType = cast<RankedTensorType>(input.getType());
  int64_t rank = inputType.getRank();
  auto resultType =
      RankedTensorType::get(dropAxes(inputType.getShape(), axes), init.getType());
  AffineMap outMap = dropAxesMap(ctx, rank, axes);
  SmallVector<AffineMap> maps = {b.getMultiDimIdentityMap(rank)};
  maps.append(reduced.size(), outMap);
  maps.push_back(outMap);
  SmallVector<utils::IteratorType> iterators(rank, utils::IteratorType::parallel);
  for (int64_t axis : axes)
    iterators[axis] = utils::IteratorType::reduction;
  SmallVector<Value> inputs = {input};
  inputs.append(reduced.begin(), reduced.end());
  auto generic = linalg::GenericOp::create(
      b, loc, TypeRange{resultType}, inputs,
      ValueRange{filledTensor(b, loc, resultType, init)}, maps, iterators,
      [&](OpBuilder &nb, Location nloc, ValueRange args) {
        linalg::YieldOp::create(nb, nloc, body(nb, nloc, args));
      });
  return generic.getResult(0);
}

Value parallelGeneric(OpBuilder &b, Location loc, RankedTensorType resultType,
                      ValueRange inputs, ArrayRef<AffineMap> maps, ScalarBody body) {
  SmallVector<AffineMap> allMaps(maps);
  allMaps.push_back(b.getMultiDimIdentityMap(resultType.getRank()));
  SmallVector<utils::IteratorType> iterators(resultType.getRank(),
                                             utils::IteratorType::parallel);
  auto generic = linalg::GenericOp::create(
      b, loc, TypeRange{resultType}, inputs, ValueRange{emptyTensor(b, loc, resultType)},
      allMaps, iterators, [&](OpBuilder &nb, Location nloc, ValueRange args) {
        linalg::YieldOp::create(nb, nloc, body(nb, nloc, args.drop_back()));
      });
  return generic.getResult(0);
}

Value mapWithReduced(OpBuilder &b, Location loc, RankedTensorType resultType,
                     ValueRange full, ValueRange reduced, ArrayRef<int64_t> axes,
                     ScalarBody body) {
  int64_t rank = resultType.getRank();
  SmallVector<AffineMap> maps(full.size(), b.getMultiDimIdentityMap(rank));
  maps.append(reduced.size(), dropAxesMap(b.getContext(), rank, axes));
  SmallVector<Value> inputs(full);
  inputs.append(reduced.begin(), reduced.end());
  return parallelGeneric(b, loc, resultType, inputs, maps, body);
}

Value mapTensor(OpBuilder &b, Location loc, Value input, Type elem, ScalarBody body) {
  auto type = cast<RankedTensorType>(input.getType()).clone(elem);
  return mapWithReduced(b, loc, type, input, {}, {}, body);
}

Value expandReducedDims(OpBuilder &b, Location loc, Value reduced,
                        RankedTensorType resultType, ArrayRef<int64_t> axes) {
  // Each kept dim forms a group with the reduced dims that follow it; reduced
  // dims before the first kept dim join its group. Reducing everything leaves
  // a rank-0 source and no groups at all.
  SmallVector<ReassociationIndices> groups;
  ReassociationIndices leading;
  for (int64_t i = 0, e = resultType.getRank(); i < e; ++i) {
    if (!llvm::is_contained(axes, i)) {
      groups.push_back(leading);
      groups.back().push_back(i);
      leading.clear();
    } else if (groups.empty()) {
      leading.push_back(i);
    } else {
      groups.back().push_back(i);
    }
  }
  return tensor::ExpandShapeOp::create(b, loc, resultType, reduced, groups);
}

Value argReduce(OpBuilder &b, Location loc, Value input, int64_t axis, bool isMax,
                bool selectLast) {
  MLIRContext *ctx = b.getContext();
  auto inputType = cast<RankedTensorType>(input.getType());
  Type elem = inputType.getElementType();
  int64_t rank = inputType.getRank();
  int64_t axes[] = {axis};
  SmallVector<int64_t> shape = dropAxes(inputType.getShape(), axes);
  auto valueType = RankedTensorType::get(shape, elem);
  auto indexType = RankedTensorType::get(shape, b.getI64Type());
  Value values = filledTensor(b, loc, valueType, extremeValue(b, loc, elem, isMax));
  Value indices = filledTensor(b, loc, indexType,
                               arith::ConstantOp::create(b, loc, b.getI64IntegerAttr(0)));

  AffineMap outMap = dropAxesMap(ctx, rank, axes);
  SmallVector<AffineMap> maps = {b.getMultiDimIdentityMap(rank), outMap, outMap};
  SmallVector<utils::IteratorType> iterators(rank, utils::IteratorType::parallel);
  iterators[axis] = utils::IteratorType::reduction;
  // The loop visits the axis in order, so a strict comparison keeps the first
  // extreme and a non-strict one the last. The init (-inf / +inf or the integer
  // bound) loses every strict comparison, so an all-extreme row keeps index 0.
  auto generic = linalg::GenericOp::create(
      b, loc, TypeRange{valueType, indexType}, ValueRange{input},
      ValueRange{values, indices}, maps, iterators,
      [&](OpBuilder &nb, Location nloc, ValueRange args) {
        Value x = args[0], acc = args[1], accIndex = args[2];
        Value index = arith::IndexCastOp::create(nb, nloc, nb.getI64Type(),
                                                 linalg::IndexOp::create(nb, nloc, axis));
        Value take;
        if (isa<FloatType>(elem)) {
          using P = arith::CmpFPredicate;
          P pred =
              isMax ? (selectLast ? P::OGE : P::OGT) : (selectLast ? P::OLE : P::OLT);
          take = arith::CmpFOp::create(nb, nloc, pred, x, acc);
          // NaN wins like in numpy: the first NaN, or the last one with
          // selectLast (a NaN accumulator loses every ordered comparison).
          Value xIsNaN = arith::CmpFOp::create(nb, nloc, P::UNO, x, x);
          if (!selectLast)
            xIsNaN = arith::AndIOp::create(
                nb, nloc, xIsNaN, arith::CmpFOp::create(nb, nloc, P::ORD, acc, acc));
          take = arith::OrIOp::create(nb, nloc, take, xIsNaN);
        } else {
          using P = arith::CmpIPredicate;
          P pred =
              isMax ? (selectLast ? P::sge : P::sgt) : (selectLast ? P::sle : P::slt);
          take = arith::CmpIOp::create(nb, nloc, pred, x, acc);
        }
        linalg::YieldOp::create(
            nb, nloc,
            ValueRange{arith::SelectOp::create(nb, nloc, take, x, acc),
                       arith::SelectOp::create(nb, nloc, take, index, accIndex)});
      });
  return generic.getResult(1);
}

Type accumulatorType(Type elem) {
  if (elem.isF16() || elem.isBF16())
    return Float32Type::get(elem.getContext());
  return elem;
}

Value castFloat(OpBuilder &b, Location loc, Value v, Type to) {
  auto from = cast<FloatType>(v.getType());
  if (from == to)
    return v;
  if (from.getWidth() < cast<FloatType>(to).getWidth())
    return arith::ExtFOp::create(b, loc, to, v);
  return arith::TruncFOp::create(b, loc, to, v);
}

Value extremeValue(OpBuilder &b, Location loc, Type type, bool lowest) {
  if (auto ft = dyn_cast<FloatType>(type))
    return arith::ConstantOp::create(
        b, loc, b.getFloatAttr(ft, APFloat::getInf(ft.getFloatSemantics(), lowest)));
  unsigned width = type.getIntOrFloatBitWidth();
  APInt value =
      lowest ? APInt::getSignedMinValue(width) : APInt::getSignedMaxValue(width);
  return arith::ConstantOp::create(b, loc, b.getIntegerAttr(type, value));
}

Value addOf(OpBuilder &b, Location loc, Value x, Value y) {
  if (isa<FloatType>(x.getType()))
    return arith::AddFOp::create(b, loc, x, y);
  return arith::AddIOp::create(b, loc, x, y);
}

Value subOf(OpBuilder &b, Location loc, Value x, Value y) {
  if (isa<FloatType>(x.getType()))
    return arith::SubFOp::create(b, loc, x, y);
  return arith::SubIOp::create(b, loc, x, y);
}

Value mulOf(OpBuilder &b, Location loc, Value x, Value y) {
  if (isa<FloatType>(x.getType()))
    return arith::MulFOp::create(b, loc, x, y);
  return arith::MulIOp::create(b, loc, x, y);
}

Value divOf(OpBuilder &b, Location loc, Value x, Value y) {
  if (isa<FloatType>(x.getType()))
    return arith::DivFOp::create(b, loc, x, y);
  return arith::DivSIOp::create(b, loc, x, y);
}

Value maxOf(OpBuilder &b, Location loc, Value x, Value y) {
  if (isa<FloatType>(x.getType()))
    return arith::MaximumFOp::create(b, loc, x, y);
  return arith::MaxSIOp::create(b, loc, x, y);
}

Value minOf(OpBuilder &b, Location loc, Value x, Value y) {
  if (isa<FloatType>(x.getType()))
    return arith::MinimumFOp::create(b, loc, x, y);
  return arith::MinSIOp::create(b, loc, x, y);
}

Value absOf(OpBuilder &b, Location loc, Value x) {
  if (isa<FloatType>(x.getType()))
    return math::AbsFOp::create(b, loc, x);
  return math::AbsIOp::create(b, loc, x);
}

bool hasStaticShapes(Operation *op) {
  auto isStatic = [](Type t) {
    auto rt = dyn_cast<RankedTensorType>(t);
    return rt && rt.hasStaticShape();
  };
  return llvm::all_of(op->getOperandTypes(), isStatic) &&
         llvm::all_of(op->getResultTypes(), isStatic);
}

bool hasUnsignedElements(Type type) {
  return cast<ShapedType>(type).getElementType().isUnsignedInteger();
}

} // namespace kiln::reduction
