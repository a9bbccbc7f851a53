//===- Reduction.cpp - kiln Reduce* and ArgMax/ArgMin to linalg -----------===//
//
// A Reduce* op is one linalg.generic with reduction iterators over a filled
// init (the combiner's identity), an optional elementwise epilogue on the
// reduced tensor (mean, sqrt, log), and a tensor.expand_shape for keepdims.
// f16/bf16 sums and products accumulate in f32. ReduceLogSumExp subtracts the
// max first so exp cannot overflow.
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

/// What a Reduce* op computes: combine(pre(x)) over the axes starting from
/// the combiner's identity, then post() on the result.
struct ReduceSpec {
  enum class Pre { None, Abs, Square } pre;
  enum class Combine { Add, Mul, Max, Min } combine;
  enum class Post { None, Mean, Sqrt, Log } post;
  /// ONNX allows integer tensors for this op and the formula makes sense on
  /// them (log of an integer sum does not, so those are refused).
  bool integers;
};

Value identityOf(OpBuilder &b, Location loc, ReduceSpec::Combine combine, Type t) {
  switch (combine) {
  case ReduceSpec::Combine::Add:
    return scalarConstant(b, loc, t, 0);
  case ReduceSpec::Combine::Mul:
    return scalarConstant(b, loc, t, 1);
  case ReduceSpec::Combine::Max:
    return extremeValue(b, loc, t, /*lowest=*/true);
  case ReduceSpec::Combine::Min:
    return extremeValue(b, loc, t, /*lowest=*/false);
  }
  llvm_unreachable("unknown combiner");
}

Value combineOf(OpBuilder &b, Location loc, ReduceSpec::Combine combine, Value x,
                Value acc) {
  switch (combine) {
  case ReduceSpec::Combine::Add:
    return addOf(b, loc, x, acc);
  case ReduceSpec::Combine::Mul:
    return mulOf(b, loc, x, acc);
  case ReduceSpec::Combine::Max:
    return maxOf(b, loc, x, acc);
  case ReduceSpec::Combine::Min:
    return minOf(b, loc, x, acc);
  }
  llvm_unreachable("unknown combiner");
}

/// sqrt of an integer sum of squares: numpy computes it in float64 and the
/// result is cast back, truncating.
Value sqrtOf(OpBuilder &b, Location loc, Value v) {
  if (isa<FloatType>(v.getType()))
    return math::SqrtOp::create(b, loc, v);
  Type f64 = b.getF64Type();
  Value root = math::SqrtOp::create(b, loc, arith::SIToFPOp::create(b, loc, f64, v));
  return arith::FPToSIOp::create(b, loc, v.getType(), root);
}

/// The reduced tensor (axes dropped) of `spec` over `input`, in the input's
/// element type.
Value buildReduction(OpBuilder &b, Location loc, Value input, ArrayRef<int64_t> axes,
                     const ReduceSpec &spec) {
  auto inputType = cast<RankedTensorType>(input.getType());
  Type elem = inputType.getElementType();
  bool isFloat = isa<FloatType>(elem);
  // max/min are exact in any precision; sums and products are not.
  bool exact = spec.combine == ReduceSpec::Combine::Max ||
               spec.combine == ReduceSpec::Combine::Min;
  Type acc = exact ? elem : accumulatorType(elem);
  Value init = identityOf(b, loc, spec.combine, acc);
  Value reduced = reduceAxes(b, loc, input, axes, init, {},
                             [&](OpBuilder &nb, Location nloc, ValueRange a) {
                               Value x = isFloat ? castFloat(nb, nloc, a[0], acc) : a[0];
                               if (spec.pre == ReduceSpec::Pre::Abs)
                                 x = absOf(nb, nloc, x);
                               else if (spec.pre == ReduceSpec::Pre::Square)
                                 x = mulOf(nb, nloc, x, x);
                               return combineOf(nb, nloc, spec.combine, x, a[1]);
                             });
  if (spec.post == ReduceSpec::Post::None && acc == elem)
    return reduced;
  int64_t count = reducedCount(inputType.getShape(), axes);
  return mapTensor(b, loc, reduced, elem,
                   [&](OpBuilder &nb, Location nloc, ValueRange a) {
                     Value v = a[0];
                     switch (spec.post) {
                     case ReduceSpec::Post::None:
                       break;
                     case ReduceSpec::Post::Mean:
                       // Division rather than a multiply by 1/count: exact like numpy's
                       // mean.
                       v = divOf(nb, nloc, v, scalarConstant(nb, nloc, acc, count));
                       break;
                     case ReduceSpec::Post::Sqrt:
                       v = sqrtOf(nb, nloc, v);
                       break;
                     case ReduceSpec::Post::Log:
                       v = math::LogOp::create(nb, nloc, v);
                       break;
                     }
                     return isFloat ? castFloat(nb, nloc, v, elem) : v;
                   });
}

/// log(sum(exp(x))) as m + log(sum(exp(x - m))) with m the max. An infinite m
/// is replaced by 0 so that x - m never forms inf - inf: all -inf gives
/// log(0) = -inf, any +inf gives +inf, as the unshifted formula does.
Value buildLogSumExp(OpBuilder &b, Location loc, Value input, ArrayRef<int64_t> axes) {
  Type elem = cast<RankedTensorType>(input.getType()).getElementType();
  Type acc = accumulatorType(elem);
  Value max = reduceAxes(b, loc, input, axes, extremeValue(b, loc, elem, true), {},
                         [](OpBuilder &nb, Location nloc, ValueRange a) {
                           return maxOf(nb, nloc, a[0], a[1]);
                         });
  Value shift =
      mapTensor(b, loc, max, acc, [&](OpBuilder &nb, Location nloc, ValueRange a) {
        Value m = castFloat(nb, nloc, a[0], acc);
        Value inf = extremeValue(nb, nloc, acc, /*lowest=*/false);
        Value isInf = arith::CmpFOp::create(nb, nloc, arith::CmpFPredicate::OEQ,
                                            math::AbsFOp::create(nb, nloc, m), inf);
        return arith::SelectOp::create(nb, nloc, isInf, scalarConstant(nb, nloc, acc, 0),
                                       m);
      });
  Value sum = reduceAxes(b, loc, input, axes, scalarConstant(b, loc, acc, 0), shift,
                         [&](OpBuilder &nb, Location nloc, ValueRange a) {
                           Value x = castFloat(nb, nloc, a[0], acc);
                           Value e = math::ExpOp::create(
                               nb, nloc, arith::SubFOp::create(nb, nloc, x, a[1]));
                           return arith::AddFOp::create(nb, nloc, e, a[2]);
                         });
  auto reducedType = cast<RankedTensorType>(sum.getType()).clone(elem);
  return buildBroadcastGeneric(b, loc, reducedType, ValueRange{sum, shift},
                               [&](OpBuilder &nb, Location nloc, ValueRange a) {
                                 Value r = arith::AddFOp::create(
                                     nb, nloc, math::LogOp::create(nb, nloc, a[0]), a[1]);
                                 return castFloat(nb, nloc, r, elem);
                               });
}

/// Common checks; returns the normalized axes or a match failure.
template <typename OpT>
FailureOr<SmallVector<int64_t>>
reductionAxes(OpT op, Value input, ConversionPatternRewriter &rewriter, bool integers) {
  auto inputType = cast<RankedTensorType>(input.getType());
  if (!hasStaticShapes(op))
    return rewriter.notifyMatchFailure(op, "dynamic shapes are not supported");
  if (hasUnsignedElements(inputType))
    return rewriter.notifyMatchFailure(op, "unsigned integer tensors");
  if (!integers && !isa<FloatType>(inputType.getElementType()))
    return rewriter.notifyMatchFailure(op, "integer tensors");
  return sortedAxes(op.getAxes(), inputType.getRank());
}

template <typename OpT>
Value keepDimsIfAsked(OpBuilder &b, OpT op, Value reduced, ArrayRef<int64_t> axes) {
  if (!op.getKeepdims())
    return reduced;
  return expandReducedDims(b, op.getLoc(), reduced, cast<RankedTensorType>(op.getType()),
                           axes);
}

template <typename OpT> struct ReduceLowering : OpConversionPattern<OpT> {
  ReduceLowering(MLIRContext *ctx, ReduceSpec spec)
      : OpConversionPattern<OpT>(ctx), spec(spec) {}

  LogicalResult matchAndRewrite(OpT op, typename OpT::Adaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Value input = adaptor.getData();
    auto axes = reductionAxes(op, input, rewriter, spec.integers);
    if (failed(axes))
      return failure();
    // An integer mean of nothing would divide by zero at run time.
    auto shape = cast<RankedTensorType>(input.getType()).getShape();
    if (spec.post == ReduceSpec::Post::Mean && reducedCount(shape, *axes) == 0 &&
        !isa<FloatType>(getElementTypeOrSelf(input)))
      return rewriter.notifyMatchFailure(op, "integer mean over an empty set");
    Value reduced = buildReduction(rewriter, op.getLoc(), input, *axes, spec);
    rewriter.replaceOp(op, keepDimsIfAsked(rewriter, op, reduced, *axes));
    return success();
  }

  ReduceSpec spec;
};

struct ReduceLogSumExpLowering : OpConversionPattern<ReduceLogSumExpOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult matchAndRewrite(ReduceLogSumExpOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Value input = adaptor.getData();
    auto axes = reductionAxes(op, input, rewriter, /*integers=*/false);
    if (failed(axes))
      return failure();
    Value reduced = buildLogSumExp(rewriter, op.getLoc(), input, *axes);
    rewriter.replaceOp(op, keepDimsIfAsked(rewriter, op, reduced, *axes));
    return success();
  }
};

template <typename OpT, bool IsMax> struct ArgReduceLowering : OpConversionPattern<OpT> {
  using OpConversionPattern<OpT>::OpConversionPattern;

  LogicalResult matchAndRewrite(OpT op, typename OpT::Adaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Value input = adaptor.getData();
    auto inputType = cast<RankedTensorType>(input.getType());
    if (!hasStaticShapes(op))
      return rewriter.notifyMatchFailure(op, "dynamic shapes are not supported");
    if (hasUnsignedElements(inputType))
      return rewriter.notifyMatchFailure(op, "unsigned integer tensors");
    int64_t axis = sortedAxes({op.getAxis()}, inputType.getRank()).front();
    Value indices = argReduce(rewriter, op.getLoc(), input, axis, IsMax,
                              op.getSelectLastIndex() != 0);
    int64_t axes[] = {axis};
    rewriter.replaceOp(op, keepDimsIfAsked(rewriter, op, indices, axes));
    return success();
  }
};

} // namespace

void ::kiln::populateReductionToLinalgPatterns(RewritePatternSet &patterns) {
  MLIRContext *ctx = patterns.getContext();
  using S = ReduceSpec;
  using Pre = S::Pre;
  using C = S::Combine;
  using Post = S::Post;
  patterns.add<ReduceLowering<ReduceSumOp>>(ctx, S{Pre::None, C::Add, Post::None, true});
  patterns.add<ReduceLowering<ReduceMeanOp>>(ctx, S{Pre::None, C::Add, Post::Mean, true});
  patterns.add<ReduceLowering<ReduceMaxOp>>(ctx, S{Pre::None, C::Max, Post::None, true});
  patterns.add<ReduceLowering<ReduceMinOp>>(ctx, S{Pre::None, C::Min, Post::None, true});
  patterns.add<ReduceLowering<ReduceProdOp>>(ctx, S{Pre::None, C::Mul, Post::None, true});
  patterns.add<ReduceLowering<ReduceL1Op>>(ctx, S{Pre::Abs, C::Add, Post::None, true});
  patterns.add<ReduceLowering<ReduceL2Op>>(ctx, S{Pre::Square, C::Add, Post::Sqrt, true});
  patterns.add<ReduceLowering<ReduceSumSquareOp>>(
      ctx, S{Pre::Square, C::Add, Post::None, true});
  patterns.add<ReduceLowering<ReduceLogSumOp>>(ctx,
                                               S{Pre::None, C::Add, Post::Log, false});
  patterns.add<ReduceLogSumExpLowering>(ctx);
  patterns.add<ArgReduceLowering<ArgMaxOp, true>, ArgReduceLowering<ArgMinOp, false>>(
      ctx);

  populateSoftmaxToLinalgPatterns(patterns);
  populateNormalizationToLinalgPatterns(patterns);
}
