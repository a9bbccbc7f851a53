//===- Softmax.cpp - kiln Softmax, LogSoftmax, Hardmax to linalg ----------===//
//
// Opset-13 semantics: the ops work along the single dim `axis`. Softmax and
// LogSoftmax subtract the max along the axis before exp (as the ONNX
// reference does), so large inputs do not overflow: three generics, the max,
// the sum of exp(x - max), and the elementwise result. Hardmax is the one-hot
// of the first maximum.
//
//===----------------------------------------------------------------------===//

#include "dialects/Kiln/KilnOps.h"
#include "lib/Conversion/KilnToLinalg/Patterns.h"
#include "lib/Conversion/KilnToLinalg/ReductionUtils.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"

using namespace mlir;
using namespace mlir::kiln;
using namespace ::kiln;
using namespace ::kiln::reduction;

namespace {

/// The static input type and the non-negative axis, or a match failure.
template <typename OpT>
FailureOr<int64_t> checkAxisOp(OpT op, Value input, ConversionPatternRewriter &rewriter) {
  auto type = cast<RankedTensorType>(input.getType());
  if (!hasStaticShapes(op))
    return rewriter.notifyMatchFailure(op, "dynamic shapes are not supported");
  return sortedAxes({op.getAxis()}, type.getRank()).front();
}

template <typename OpT, bool IsLog> struct SoftmaxLowering : OpConversionPattern<OpT> {
  using OpConversionPattern<OpT>::OpConversionPattern;

  LogicalResult matchAndRewrite(OpT op, typename OpT::Adaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Value input = adaptor.getInput();
    auto axis = checkAxisOp(op, input, rewriter);
    if (failed(axis))
      return failure();
    Location loc = op.getLoc();
    auto type = cast<RankedTensorType>(input.getType());
    Type elem = type.getElementType(), acc = accumulatorType(elem);
    int64_t axes[] = {*axis};

    Value max = reduceAxes(
        rewriter, loc, input, axes, extremeValue(rewriter, loc, elem, true), {},
        [](OpBuilder &b, Location l, ValueRange a) { return maxOf(b, l, a[0], a[1]); });
    // x - max in the accumulator type; both bodies below start from it.
    auto shifted = [acc](OpBuilder &b, Location l, Value x, Value m) -> Value {
      return arith::SubFOp::create(b, l, castFloat(b, l, x, acc),
                                   castFloat(b, l, m, acc));
    };
    Value sum =
        reduceAxes(rewriter, loc, input, axes, scalarConstant(rewriter, loc, acc, 0), max,
                   [&](OpBuilder &b, Location l, ValueRange a) {
                     Value e = math::ExpOp::create(b, l, shifted(b, l, a[0], a[1]));
                     return arith::AddFOp::create(b, l, e, a[2]);
                   });
    Value result;
    if (IsLog) {
      Value logSum =
          mapTensor(rewriter, loc, sum, acc, [](OpBuilder &b, Location l, ValueRange a) {
            return math::LogOp::create(b, l, a[0]);
          });
      result = mapWithReduced(rewriter, loc, type, input, {max, logSum}, axes,
                              [&](OpBuilder &b, Location l, ValueRange a) {
                                Value r = arith::SubFOp::create(
                                    b, l, shifted(b, l, a[0], a[1]), a[2]);
                                return castFloat(b, l, r, elem);
                              });
    } else {
      result = mapWithReduced(rewriter, loc, type, input, {max, sum}, axes,
                              [&](OpBuilder &b, Location l, ValueRange a) {
                                Value e =
                                    math::ExpOp::create(b, l, shifted(b, l, a[0], a[1]));
                                Value r = arith::DivFOp::create(b, l, e, a[2]);
                                return castFloat(b, l, r, elem);
                              });
    }
    rewriter.replaceOp(op, result);
    return success();
  }
};

struct HardmaxLowering : OpConversionPattern<HardmaxOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult matchAndRewrite(HardmaxOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Value input = adaptor.getInput();
    auto axis = checkAxisOp(op, input, rewriter);
    if (failed(axis))
      return failure();
    Location loc = op.getLoc();
    auto type = cast<RankedTensorType>(input.getType());
    Type elem = type.getElementType();
    Value argmax = argReduce(rewriter, loc, input, *axis, /*isMax=*/true,
                             /*selectLast=*/false);
    int64_t axes[] = {*axis};
    Value result = mapWithReduced(
        rewriter, loc, type, {}, argmax, axes,
        [&](OpBuilder &b, Location l, ValueRange a) {
          Value index = arith::IndexCastOp::create(b, l, b.getI64Type(),
                                                   linalg::IndexOp::create(b, l, *axis));
          Value hit = arith::CmpIOp::create(b, l, arith::CmpIPredicate::eq, index, a[0]);
          return arith::SelectOp::create(b, l, hit, scalarConstant(b, l, elem, 1),
                                         scalarConstant(b, l, elem, 0));
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

} // namespace

void ::kiln::populateSoftmaxToLinalgPatterns(RewritePatternSet &patterns) {
  patterns.add<SoftmaxLowering<SoftmaxOp, false>, SoftmaxLowering<LogSoftmaxOp, true>,
               HardmaxLowering>(patterns.getContext());
}
