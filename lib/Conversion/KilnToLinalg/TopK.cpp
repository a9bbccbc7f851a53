//===- TopK.cpp - kiln.topk to linalg by ranking --------------------------===//
//
// linalg has no sort. TopK is lowered in two linalg.generic ops that only
// compare and select, so the result is exact for every element type:
//   1. rank[i] = #{ j : x[j] comes before x[i] } along the axis, where j comes
//      before i if it is better (larger, or smaller for largest = 0) or equal
//      with a lower index (ONNX: equal elements keep index order). NaN is
//      never better than anything and equal to NaN, so ranks are always a
//      permutation of [0, n).
//   2. values[t] / indices[t] = the x[i] / i whose rank is t, for t < k.
// Both are reductions over the axis, i.e. O(n^2) per row against O(n log n)
// for a sort, so long axes are refused until a sorting lowering exists.
//
//===----------------------------------------------------------------------===//

#include "dialects/Kiln/KilnOps.h"
#include "lib/Conversion/KilnToLinalg/Patterns.h"
#include "lib/Conversion/KilnToLinalg/TensorPatterns.h"

#include "mlir/Dialect/Arith/IR/Arith.h"

using namespace mlir;
using namespace mlir::kiln;
using ::kiln::checkTensorTypes;
using ::kiln::emptyTensor;
using ::kiln::filledTensor;

namespace {

constexpr int64_t kMaxTopKAxisLength = 4096;

/// Whether `a` is strictly better than `b` (NaN is never better; every number
/// is better than NaN).
Value isBetter(OpBuilder &b, Location loc, Value a, Value bv, bool largest) {
  if (isa<FloatType>(a.getType())) {
    Value ordered = arith::CmpFOp::create(
        b, loc, largest ? arith::CmpFPredicate::OGT : arith::CmpFPredicate::OLT, a, bv);
    Value aIsNum = arith::CmpFOp::create(b, loc, arith::CmpFPredicate::ORD, a, a);
    Value bIsNaN = arith::CmpFOp::create(b, loc, arith::CmpFPredicate::UNO, bv, bv);
    Value numOverNaN = arith::AndIOp::create(b, loc, aIsNum, bIsNaN);
    return arith::OrIOp::create(b, loc, ordered, numOverNaN);
  }
  return arith::CmpIOp::create(
      b, loc, largest ? arith::CmpIPredicate::sgt : arith::CmpIPredicate::slt, a, bv);
}

/// Equality under which NaN equals NaN, so NaNs are ordered by index.
Value isSame(OpBuilder &b, Location loc, Value a, Value bv) {
  if (isa<FloatType>(a.getType())) {
    Value eq = arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OEQ, a, bv);
    Value aNaN = arith::CmpFOp::create(b, loc, arith::CmpFPredicate::UNO, a, a);
    Value bNaN = arith::CmpFOp::create(b, loc, arith::CmpFPredicate::UNO, bv, bv);
    return arith::OrIOp::create(b, loc, eq, arith::AndIOp::create(b, loc, aNaN, bNaN));
  }
  return arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq, a, bv);
}

struct TopKLowering : OpConversionPattern<TopKOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(TopKOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    if (failed(checkTensorTypes(op, rewriter)))
      return failure();
    Location loc = op.getLoc();
    auto inType = cast<RankedTensorType>(op.getX().getType());
    auto valuesType = cast<RankedTensorType>(op.getValues().getType());
    auto indicesType = cast<RankedTensorType>(op.getIndices().getType());
    int64_t rank = inType.getRank();
    int64_t axis = op.getAxis() < 0 ? op.getAxis() + rank : op.getAxis();
    if (axis < 0 || axis >= rank)
      return rewriter.notifyMatchFailure(op, "axis out of range");
    int64_t n = inType.getDimSize(axis), k = op.getK();
    if (k < 0 || k > n || valuesType.getDimSize(axis) != k)
      return rewriter.notifyMatchFailure(op, "k out of range");
    if (n > kMaxTopKAxisLength)
      return rewriter.notifyMatchFailure(op, "topk axis is too long");
    if (valuesType.getNumElements() == 0) {
      rewriter.replaceOp(op, {emptyTensor(rewriter, loc, valuesType),
                              emptyTensor(rewriter, loc, indicesType)});
      return success();
    }
    bool largest = op.getLargest() != 0;
    MLIRContext *ctx = rewriter.getContext();
    Type i64 = rewriter.getI64Type();
    Value x = adaptor.getX();

    // Loops d0..d{rank-1} walk the (input or output) shape; d{rank} walks the
    // axis as the reduction.
    SmallVector<AffineExpr> own, alongJ;
    for (int64_t i = 0; i < rank; ++i) {
      own.push_back(getAffineDimExpr(i, ctx));
      alongJ.push_back(getAffineDimExpr(i == axis ? rank : i, ctx));
    }
    AffineMap ownMap = AffineMap::get(rank + 1, 0, own, ctx);
    AffineMap jMap = AffineMap::get(rank + 1, 0, alongJ, ctx);
    SmallVector<utils::IteratorType> iterators(rank, utils::IteratorType::parallel);
    iterators.push_back(utils::IteratorType::reduction);

    // 1. Rank of every element along the axis.
    auto rankType = RankedTensorType::get(inType.getShape(), i64);
    Value zero64 = arith::ConstantIntOp::create(rewriter, loc, i64, 0);
    auto ranks = linalg::GenericOp::create(
        rewriter, loc, TypeRange{rankType}, ValueRange{x, x},
        ValueRange{filledTensor(rewriter, loc, rankType, zero64)},
        SmallVector<AffineMap>{ownMap, jMap, ownMap}, iterators,
        [&](OpBuilder &b, Location l, ValueRange args) {
          Value xi = args[0], xj = args[1];
          Value i = linalg::IndexOp::create(b, l, axis);
          Value j = linalg::IndexOp::create(b, l, rank);
          Value earlier = arith::CmpIOp::create(b, l, arith::CmpIPredicate::ult, j, i);
          Value tie = arith::AndIOp::create(b, l, isSame(b, l, xj, xi), earlier);
          Value before = arith::OrIOp::create(b, l, isBetter(b, l, xj, xi, largest), tie);
          Value one = arith::ExtUIOp::create(b, l, i64, before);
          linalg::YieldOp::create(b, l,
                                  ValueRange{arith::AddIOp::create(b, l, args[2], one)});
        });

    // 2. Pick the element of rank t for every output position t.
    Type elem = valuesType.getElementType();
    Value zeroElem =
        arith::ConstantOp::create(rewriter, loc, elem, rewriter.getZeroAttr(elem));
    auto picked = linalg::GenericOp::create(
        rewriter, loc, TypeRange{valuesType, indicesType},
        ValueRange{ranks.getResult(0), x},
        ValueRange{filledTensor(rewriter, loc, valuesType, zeroElem),
                   filledTensor(rewriter, loc, indicesType, zero64)},
        SmallVector<AffineMap>{jMap, jMap, ownMap, ownMap}, iterators,
        [&](OpBuilder &b, Location l, ValueRange args) {
          Value t =
              arith::IndexCastOp::create(b, l, i64, linalg::IndexOp::create(b, l, axis));
          Value i =
              arith::IndexCastOp::create(b, l, i64, linalg::IndexOp::create(b, l, rank));
          Value hit = arith::CmpIOp::create(b, l, arith::CmpIPredicate::eq, args[0], t);
          linalg::YieldOp::create(
              b, l,
              ValueRange{arith::SelectOp::create(b, l, hit, args[1], args[2]),
                         arith::SelectOp::create(b, l, hit, i, args[3])});
        });
    rewriter.replaceOp(op, picked.getResults());
    return success();
  }
};

} // namespace

void ::kiln::populateTopKToLinalgPatterns(RewritePatternSet &patterns) {
  patterns.add<TopKLowering>(patterns.getContext());
}
