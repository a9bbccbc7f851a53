//===- Normalization.cpp - kiln normalizations to linalg ------------------===//
//
// LayerNormalization, InstanceNormalization and MeanVarianceNormalization
// share a two-pass mean/variance (mean first, then the mean of (x - mean)^2),
// which does not cancel catastrophically like E[x^2] - E[x]^2. f16/bf16
// compute in f32 (LayerNormalization's stash_type 1 asks for exactly that).
// LpNormalization divides by the L1/L2 norm along one axis; LRN sums squares
// over a zero-padded channel window.
//
//===----------------------------------------------------------------------===//

#include "dialects/Kiln/KilnOps.h"
#include "lib/Conversion/KilnToLinalg/Patterns.h"
#include "lib/Conversion/KilnToLinalg/ReductionUtils.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;
using namespace mlir::kiln;
using namespace ::kiln;
using namespace ::kiln::reduction;

namespace {

/// Mean and (biased) variance of `x` over `axes` as reduced tensors of `acc`.
std::pair<Value, Value> meanAndVariance(OpBuilder &b, Location loc, Value x,
                                        ArrayRef<int64_t> axes, Type acc) {
  auto type = cast<RankedTensorType>(x.getType());
  int64_t count = reducedCount(type.getShape(), axes);
  auto meanOf = [&](Value sum) {
    return mapTensor(b, loc, sum, acc, [&](OpBuilder &nb, Location l, ValueRange a) {
      return arith::DivFOp::create(nb, l, a[0], scalarConstant(nb, l, acc, count));
    });
  };
  Value zero = scalarConstant(b, loc, acc, 0);
  Value mean = meanOf(
      reduceAxes(b, loc, x, axes, zero, {}, [&](OpBuilder &nb, Location l, ValueRange a) {
        return arith::AddFOp::create(nb, l, castFloat(nb, l, a[0], acc), a[1]);
      }));
  Value var = meanOf(reduceAxes(
      b, loc, x, axes, zero, mean, [&](OpBuilder &nb, Location l, ValueRange a) {
        Value d = arith::SubFOp::create(nb, l, castFloat(nb, l, a[0], acc), a[1]);
        Value sq = arith::MulFOp::create(nb, l, d, d);
        return arith::AddFOp::create(nb, l, sq, a[2]);
      }));
  return {mean, var};
}

/// Whether `shape` broadcasts (numpy, right-aligned) to `target` without
/// widening it.
bool broadcastsTo(ArrayRef<int64_t> shape, ArrayRef<int64_t> target) {
  if (shape.size() > target.size())
    return false;
  size_t offset = target.size() - shape.size();
  for (auto [i, d] : llvm::enumerate(shape))
    if (d != 1 && d != target[offset + i])
      return false;
  return true;
}

struct LayerNormalizationLowering : OpConversionPattern<LayerNormalizationOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult matchAndRewrite(LayerNormalizationOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Value x = adaptor.getX(), scale = adaptor.getScale(), bias = adaptor.getB();
    auto type = cast<RankedTensorType>(x.getType());
    if (!hasStaticShapes(op))
      return rewriter.notifyMatchFailure(op, "dynamic shapes are not supported");
    SmallVector<Value> params = {scale};
    if (bias)
      params.push_back(bias);
    for (Value p : params) {
      auto pt = cast<RankedTensorType>(p.getType());
      if (!broadcastsTo(pt.getShape(), type.getShape()))
        return rewriter.notifyMatchFailure(op, "scale/B do not broadcast to X");
    }
    Location loc = op.getLoc();
    MLIRContext *ctx = rewriter.getContext();
    int64_t rank = type.getRank();
    int64_t axis = sortedAxes({op.getAxis()}, rank).front();
    SmallVector<int64_t> axes = llvm::to_vector(llvm::seq<int64_t>(axis, rank));
    Type elem = type.getElementType(), acc = accumulatorType(elem);
    double epsilon = op.getEpsilon().convertToDouble();

    auto [mean, var] = meanAndVariance(rewriter, loc, x, axes, acc);
    Value invStdDev =
        mapTensor(rewriter, loc, var, acc, [&](OpBuilder &b, Location l, ValueRange a) {
          Value v = arith::AddFOp::create(b, l, a[0], scalarConstant(b, l, acc, epsilon));
          return arith::DivFOp::create(b, l, scalarConstant(b, l, acc, 1),
                                       math::SqrtOp::create(b, l, v));
        });

    SmallVector<Value> inputs = {x, mean, invStdDev};
    AffineMap reducedMap = dropAxesMap(ctx, rank, axes);
    SmallVector<AffineMap> maps = {rewriter.getMultiDimIdentityMap(rank), reducedMap,
                                   reducedMap};
    for (Value p : params) {
      inputs.push_back(p);
      maps.push_back(broadcastMap(ctx, cast<RankedTensorType>(p.getType()).getShape(),
                                  type.getShape()));
    }
    Value y = parallelGeneric(
        rewriter, loc, cast<RankedTensorType>(op.getY().getType()), inputs, maps,
        [&](OpBuilder &b, Location l, ValueRange a) {
          Value d = arith::SubFOp::create(b, l, castFloat(b, l, a[0], acc), a[1]);
          Value r = arith::MulFOp::create(b, l, d, a[2]);
          r = arith::MulFOp::create(b, l, r, castFloat(b, l, a[3], acc));
          if (a.size() > 4)
            r = arith::AddFOp::create(b, l, r, castFloat(b, l, a[4], acc));
          return castFloat(b, l, r, elem);
        });

    // Mean and InvStdDev in their declared shape [d0, ..., d(axis-1), 1, ...]
    // and type; they fold away when unused.
    auto statistic = [&](Value v, Type resultType) {
      auto rt = cast<RankedTensorType>(resultType);
      Type statElem = rt.getElementType();
      if (statElem != acc)
        v = mapTensor(rewriter, loc, v, statElem,
                      [&](OpBuilder &b, Location l, ValueRange a) {
                        return castFloat(b, l, a[0], statElem);
                      });
      return expandReducedDims(rewriter, loc, v, rt, axes);
    };
    rewriter.replaceOp(op, {y, statistic(mean, op.getMean().getType()),
                            statistic(invStdDev, op.getInvstddev().getType())});
    return success();
  }
};

struct InstanceNormalizationLowering : OpConversionPattern<InstanceNormalizationOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult matchAndRewrite(InstanceNormalizationOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Value x = adaptor.getInput();
    auto type = cast<RankedTensorType>(x.getType());
    if (!hasStaticShapes(op))
      return rewriter.notifyMatchFailure(op, "dynamic shapes are not supported");
    Location loc = op.getLoc();
    MLIRContext *ctx = rewriter.getContext();
    int64_t rank = type.getRank();
    // Statistics per (n, c) over the spatial dims.
    SmallVector<int64_t> axes = llvm::to_vector(llvm::seq<int64_t>(2, rank));
    Type elem = type.getElementType(), acc = accumulatorType(elem);
    double epsilon = op.getEpsilon().convertToDouble();

    auto [mean, var] = meanAndVariance(rewriter, loc, x, axes, acc);
    Value stdDev =
        mapTensor(rewriter, loc, var, acc, [&](OpBuilder &b, Location l, ValueRange a) {
          return math::SqrtOp::create(
              b, l,
              arith::AddFOp::create(b, l, a[0], scalarConstant(b, l, acc, epsilon)));
        });
    AffineMap reducedMap = dropAxesMap(ctx, rank, axes);
    AffineMap channelMap = AffineMap::get(rank, 0, getAffineDimExpr(1, ctx), ctx);
    Value y = parallelGeneric(
        rewriter, loc, type, {x, mean, stdDev, adaptor.getScale(), adaptor.getB()},
        {rewriter.getMultiDimIdentityMap(rank), reducedMap, reducedMap, channelMap,
         channelMap},
        [&](OpBuilder &b, Location l, ValueRange a) {
          // scale * (x - mean) / sqrt(var + epsilon) + B, in the reference's order.
          Value d = arith::SubFOp::create(b, l, castFloat(b, l, a[0], acc), a[1]);
          Value r = arith::MulFOp::create(b, l, castFloat(b, l, a[3], acc), d);
          r = arith::DivFOp::create(b, l, r, a[2]);
          r = arith::AddFOp::create(b, l, r, castFloat(b, l, a[4], acc));
          return castFloat(b, l, r, elem);
        });
    rewriter.replaceOp(op, y);
    return success();
  }
};

struct MeanVarianceNormalizationLowering
    : OpConversionPattern<MeanVarianceNormalizationOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult matchAndRewrite(MeanVarianceNormalizationOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Value x = adaptor.getX();
    auto type = cast<RankedTensorType>(x.getType());
    if (!hasStaticShapes(op))
      return rewriter.notifyMatchFailure(op, "dynamic shapes are not supported");
    Location loc = op.getLoc();
    SmallVector<int64_t> axes = sortedAxes(op.getAxes(), type.getRank());
    Type elem = type.getElementType(), acc = accumulatorType(elem);
    auto [mean, var] = meanAndVariance(rewriter, loc, x, axes, acc);
    // (x - mean) / (sqrt(var) + 1e-9): the epsilon of ONNX's function body.
    Value denom =
        mapTensor(rewriter, loc, var, acc, [&](OpBuilder &b, Location l, ValueRange a) {
          return arith::AddFOp::create(b, l, math::SqrtOp::create(b, l, a[0]),
                                       scalarConstant(b, l, acc, 1e-9));
        });
    Value y = mapWithReduced(
        rewriter, loc, type, x, {mean, denom}, axes,
        [&](OpBuilder &b, Location l, ValueRange a) {
          Value d = arith::SubFOp::create(b, l, castFloat(b, l, a[0], acc), a[1]);
          return castFloat(b, l, arith::DivFOp::create(b, l, d, a[2]), elem);
        });
    rewriter.replaceOp(op, y);
    return success();
  }
};

struct LpNormalizationLowering : OpConversionPattern<LpNormalizationOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult matchAndRewrite(LpNormalizationOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Value x = adaptor.getInput();
    auto type = cast<RankedTensorType>(x.getType());
    if (!hasStaticShapes(op))
      return rewriter.notifyMatchFailure(op, "dynamic shapes are not supported");
    int64_t p = op.getP();
    if (p != 1 && p != 2)
      return rewriter.notifyMatchFailure(op, "p must be 1 or 2");
    Location loc = op.getLoc();
    int64_t axes[] = {sortedAxes({op.getAxis()}, type.getRank()).front()};
    Type elem = type.getElementType(), acc = accumulatorType(elem);
    Value sum = reduceAxes(rewriter, loc, x, axes, scalarConstant(rewriter, loc, acc, 0),
                           {}, [&](OpBuilder &b, Location l, ValueRange a) {
                             Value v = castFloat(b, l, a[0], acc);
                             v = p == 1 ? Value(math::AbsFOp::create(b, l, v))
                                        : Value(arith::MulFOp::create(b, l, v, v));
                             return arith::AddFOp::create(b, l, v, a[1]);
                           });
    Value norm = sum;
    if (p == 2)
      norm =
          mapTensor(rewriter, loc, sum, acc, [](OpBuilder &b, Location l, ValueRange a) {
            return math::SqrtOp::create(b, l, a[0]);
          });
    Value y = mapWithReduced(
        rewriter, loc, type, x, norm, axes, [&](OpBuilder &b, Location l, ValueRange a) {
          Value r = arith::DivFOp::create(b, l, castFloat(b, l, a[0], acc), a[1]);
          return castFloat(b, l, r, elem);
        });
    rewriter.replaceOp(op, y);
    return success();
  }
};

/// y = x / (bias + alpha / size * sum of x^2 over channels [c - lo, c + hi])^beta
/// with lo = floor((size - 1) / 2), hi = ceil((size - 1) / 2). The squares
/// are written into a zero tensor with lo + hi extra channels, and a window
/// dim of extent `size` (taken from an unused [size] operand, as pooling does)
/// sums channels c + k of it.
struct LRNLowering : OpConversionPattern<LRNOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult matchAndRewrite(LRNOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Value x = adaptor.getX();
    auto type = cast<RankedTensorType>(x.getType());
    if (!hasStaticShapes(op))
      return rewriter.notifyMatchFailure(op, "dynamic shapes are not supported");
    int64_t rank = type.getRank(), size = op.getSize();
    if (rank < 2)
      return rewriter.notifyMatchFailure(op, "input must be [N, C, ...]");
    if (size < 1)
      return rewriter.notifyMatchFailure(op, "size must be positive");
    Location loc = op.getLoc();
    MLIRContext *ctx = rewriter.getContext();
    Type elem = type.getElementType(), acc = accumulatorType(elem);
    int64_t lo = (size - 1) / 2, hi = size - 1 - lo;

    Value squares =
        mapTensor(rewriter, loc, x, acc, [&](OpBuilder &b, Location l, ValueRange a) {
          Value v = castFloat(b, l, a[0], acc);
          return arith::MulFOp::create(b, l, v, v);
        });
    SmallVector<int64_t> paddedShape(type.getShape());
    paddedShape[1] += lo + hi;
    Value padded = filledTensor(rewriter, loc, RankedTensorType::get(paddedShape, acc),
                                scalarConstant(rewriter, loc, acc, 0));
    SmallVector<OpFoldResult> offsets(rank, rewriter.getIndexAttr(0));
    offsets[1] = rewriter.getIndexAttr(lo);
    SmallVector<OpFoldResult> sizes, strides(rank, rewriter.getIndexAttr(1));
    for (int64_t d : type.getShape())
      sizes.push_back(rewriter.getIndexAttr(d));
    padded = tensor::InsertSliceOp::create(rewriter, loc, squares, padded, offsets, sizes,
                                           strides);

    // Loops (d0, ..., d(rank-1), k): k is the window position.
    SmallVector<AffineExpr> readExprs, outExprs;
    for (int64_t i = 0; i < rank; ++i) {
      readExprs.push_back(getAffineDimExpr(i, ctx));
      outExprs.push_back(getAffineDimExpr(i, ctx));
    }
    readExprs[1] = readExprs[1] + getAffineDimExpr(rank, ctx);
    SmallVector<AffineMap> maps = {
        AffineMap::get(rank + 1, 0, readExprs, ctx),
        AffineMap::get(rank + 1, 0, getAffineDimExpr(rank, ctx), ctx),
        AffineMap::get(rank + 1, 0, outExprs, ctx)};
    SmallVector<utils::IteratorType> iterators(rank, utils::IteratorType::parallel);
    iterators.push_back(utils::IteratorType::reduction);
    Value window = emptyTensor(rewriter, loc, RankedTensorType::get({size}, acc));
    auto sumType = type.clone(acc);
    Value sum = linalg::GenericOp::create(
                    rewriter, loc, TypeRange{sumType}, ValueRange{padded, window},
                    ValueRange{filledTensor(rewriter, loc, sumType,
                                            scalarConstant(rewriter, loc, acc, 0))},
                    maps, iterators,
                    [](OpBuilder &b, Location l, ValueRange a) {
                      linalg::YieldOp::create(
                          b, l, Value(arith::AddFOp::create(b, l, a[0], a[2])));
                    })
                    .getResult(0);

    double alpha = op.getAlpha().convertToDouble(), beta = op.getBeta().convertToDouble(),
           bias = op.getBias().convertToDouble();
    Value y = mapWithReduced(
        rewriter, loc, type, {x, sum}, {}, {},
        [&](OpBuilder &b, Location l, ValueRange a) {
          Value scaled = arith::MulFOp::create(
              b, l, scalarConstant(b, l, acc, alpha / static_cast<double>(size)), a[1]);
          Value base =
              arith::AddFOp::create(b, l, scalarConstant(b, l, acc, bias), scaled);
          Value denom = math::PowFOp::create(b, l, base, scalarConstant(b, l, acc, beta));
          Value r = arith::DivFOp::create(b, l, castFloat(b, l, a[0], acc), denom);
          return castFloat(b, l, r, elem);
        });
    rewriter.replaceOp(op, y);
    return success();
  }
};

} // namespace

void ::kiln::populateNormalizationToLinalgPatterns(RewritePatternSet &patterns) {
  patterns.add<LayerNormalizationLowering, InstanceNormalizationLowering,
               MeanVarianceNormalizationLowering, LpNormalizationLowering, LRNLowering>(
      patterns.getContext());
}
