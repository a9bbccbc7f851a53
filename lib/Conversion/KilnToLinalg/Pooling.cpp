//===- Pooling.cpp - kiln pooling ops to linalg ---------------------------===//
//
// Windowed pooling pads its input explicitly (tensor.pad) and then uses
// linalg.pooling_{ncw,nchw}_{max,sum}; other spatial ranks use an equivalent
// linalg.generic (linalg has no channel-first 3-D pooling op).
//
// The padded input is made exactly as long as the windows reach: with
// ceil_mode the last window may run past the declared end padding, and that
// overhang is padded too (-inf for max, 0 for sums), so every output element
// is computed by the same window loop.
//
//===----------------------------------------------------------------------===//

#include "lib/Conversion/KilnToLinalg/NNCommon.h"

#include "dialects/Kiln/KilnOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;
using namespace mlir::kiln;
using namespace ::kiln::nn;
using ::kiln::buildBroadcastGeneric;
using ::kiln::castFromSignless;
using ::kiln::castToSignless;
using ::kiln::emptyTensor;
using ::kiln::filledTensor;
using ::kiln::scalarConstant;
using ::kiln::signlessTensorType;

namespace {

enum class PoolKind { Max, Sum };

/// Window parameters of a pooling op over x [N, C, D...].
struct Window {
  SmallVector<int64_t> kernel, strides, dilations, padBegin, padEnd;
};

/// Window from the op's attributes, or failure if they do not describe one.
FailureOr<Window> getWindow(RankedTensorType x, ArrayRef<int64_t> kernel,
                            ArrayRef<int64_t> strides, ArrayRef<int64_t> pads,
                            ArrayRef<int64_t> dilations) {
  int64_t spatial = x.getRank() - 2;
  if (spatial < 1 || (int64_t)kernel.size() != spatial ||
      (int64_t)strides.size() != spatial || (int64_t)pads.size() != 2 * spatial ||
      (!dilations.empty() && (int64_t)dilations.size() != spatial))
    return failure();
  Window w;
  w.kernel.assign(kernel.begin(), kernel.end());
  w.strides.assign(strides.begin(), strides.end());
  w.padBegin.assign(pads.begin(), pads.begin() + spatial);
  w.padEnd.assign(pads.begin() + spatial, pads.end());
  if (dilations.empty())
    w.dilations.assign(spatial, 1);
  else
    w.dilations.assign(dilations.begin(), dilations.end());
  return w;
}

/// Pads x [N, C, D...] with `padValue` so that the windows of every output
/// position of `out` lie inside it.
Value padForWindows(OpBuilder &b, Location loc, Value x, RankedTensorType out,
                    const Window &w, Value padValue) {
  auto xType = cast<RankedTensorType>(x.getType());
  SmallVector<int64_t> low = {0, 0}, high = {0, 0};
  for (size_t i = 0; i < w.kernel.size(); ++i) {
    int64_t needed = (out.getDimSize(2 + i) - 1) * w.strides[i] +
                     (w.kernel[i] - 1) * w.dilations[i] + 1;
    low.push_back(w.padBegin[i]);
    // Floor mode may leave trailing input unread: no need to pad further.
    high.push_back(
        std::max<int64_t>(0, needed - xType.getDimSize(2 + i) - w.padBegin[i]));
  }
  return padConstant(b, loc, x, low, high, padValue);
}

template <typename NamedOp>
Value createPoolOp(OpBuilder &b, Location loc, Value x, Value window, Value init,
                   const Window &w) {
  return NamedOp::create(b, loc, TypeRange{init.getType()}, ValueRange{x, window},
                         ValueRange{init}, i64Elements(b, w.strides),
                         i64Elements(b, w.dilations))
      ->getResult(0);
}

/// Indexing maps of a pooling loop nest n, c, o_1..o_s (parallel), k_1..k_s
/// (reduction) reading the padded x and the window, and writing `numOutputs`
/// tensors [N, C, O...].
SmallVector<AffineMap> windowMaps(MLIRContext *ctx, const Window &w,
                                  unsigned numOutputs) {
  int64_t spatial = w.kernel.size(), numLoops = 2 + 2 * spatial;
  SmallVector<AffineExpr> xExprs = {getAffineDimExpr(0, ctx), getAffineDimExpr(1, ctx)};
  SmallVector<AffineExpr> windowExprs, outExprs = xExprs;
  for (int64_t i = 0; i < spatial; ++i) {
    AffineExpr o = getAffineDimExpr(2 + i, ctx),
               k = getAffineDimExpr(2 + spatial + i, ctx);
    xExprs.push_back(o * w.strides[i] + k * w.dilations[i]);
    windowExprs.push_back(k);
    outExprs.push_back(o);
  }
  SmallVector<AffineMap> maps = {AffineMap::get(numLoops, 0, xExprs, ctx),
                                 AffineMap::get(numLoops, 0, windowExprs, ctx)};
  maps.append(numOutputs, AffineMap::get(numLoops, 0, outExprs, ctx));
  return maps;
}

SmallVector<utils::IteratorType> windowIterators(int64_t spatial) {
  SmallVector<utils::IteratorType> iterators(2 + spatial, utils::IteratorType::parallel);
  iterators.append(spatial, utils::IteratorType::reduction);
  return iterators;
}

/// Max pooling that also yields ONNX's indices: the position of the first
/// maximum of each window in the flattened (unpadded) x, row-major, or with
/// the spatial dims column-major when `storageOrder` is 1 (as ONNX Runtime).
/// `x` is padded with the lowest value, which never wins a comparison with a
/// real element.
std::pair<Value, Value> buildMaxPoolWithIndices(OpBuilder &b, Location loc, Value x,
                                                ArrayRef<int64_t> xShape, const Window &w,
                                                Value initMax, Value initIndex,
                                                int64_t storageOrder) {
  int64_t spatial = w.kernel.size();
  Value window = emptyTensor(
      b, loc, RankedTensorType::get(w.kernel, getElementTypeOrSelf(x.getType())));
  auto generic = linalg::GenericOp::create(
      b, loc, TypeRange{initMax.getType(), initIndex.getType()}, ValueRange{x, window},
      ValueRange{initMax, initIndex}, windowMaps(b.getContext(), w, 2),
      windowIterators(spatial), [&](OpBuilder &nb, Location l, ValueRange args) {
        Value in = args[0], best = args[2], bestIndex = args[3];
        Value better =
            isa<FloatType>(in.getType())
                ? Value(arith::CmpFOp::create(nb, l, arith::CmpFPredicate::OGT, in, best))
                : Value(
                      arith::CmpIOp::create(nb, l, arith::CmpIPredicate::sgt, in, best));
        auto c = [&](int64_t v) { return arith::ConstantIndexOp::create(nb, l, v); };
        // Unpadded input coordinate of each spatial dim: o * s + k * d - pad.
        SmallVector<Value> coord;
        for (int64_t i = 0; i < spatial; ++i) {
          Value o = linalg::IndexOp::create(nb, l, 2 + i);
          Value k = linalg::IndexOp::create(nb, l, 2 + spatial + i);
          Value pos = arith::AddIOp::create(
              nb, l, arith::MulIOp::create(nb, l, o, c(w.strides[i])),
              arith::MulIOp::create(nb, l, k, c(w.dilations[i])));
          coord.push_back(arith::SubIOp::create(nb, l, pos, c(w.padBegin[i])));
        }
        SmallVector<int64_t> order = llvm::to_vector(llvm::seq<int64_t>(0, spatial));
        if (storageOrder == 1)
          std::reverse(order.begin(), order.end());
        // ((n * C + c) * D_a + x_a) * D_b + x_b ..., dims in storage order.
        Value flat = arith::AddIOp::create(
            nb, l,
            arith::MulIOp::create(nb, l, linalg::IndexOp::create(nb, l, 0), c(xShape[1])),
            linalg::IndexOp::create(nb, l, 1));
        for (int64_t i : order)
          flat = arith::AddIOp::create(
              nb, l, arith::MulIOp::create(nb, l, flat, c(xShape[2 + i])), coord[i]);
        Value index = arith::IndexCastOp::create(nb, l, nb.getI64Type(), flat);
        linalg::YieldOp::create(
            nb, l,
            ValueRange{arith::SelectOp::create(nb, l, better, in, best),
                       arith::SelectOp::create(nb, l, better, index, bestIndex)});
      });
  return {generic.getResult(0), generic.getResult(1)};
}

/// Pools the padded x [N, C, D...] into `init` [N, C, O...] (whose element
/// type may be wider than x's; elements are converted first).
Value buildPooling(OpBuilder &b, Location loc, PoolKind kind, Value x, const Window &w,
                   Value init) {
  auto xType = cast<RankedTensorType>(x.getType());
  int64_t spatial = w.kernel.size();
  // linalg's pooling ops take the window as a shape-only operand.
  Value window = tensor::EmptyOp::create(b, loc, w.kernel, xType.getElementType());
  if (spatial <= 2) {
    if (kind == PoolKind::Max)
      return spatial == 1
                 ? createPoolOp<linalg::PoolingNcwMaxOp>(b, loc, x, window, init, w)
                 : createPoolOp<linalg::PoolingNchwMaxOp>(b, loc, x, window, init, w);
    return spatial == 1
               ? createPoolOp<linalg::PoolingNcwSumOp>(b, loc, x, window, init, w)
               : createPoolOp<linalg::PoolingNchwSumOp>(b, loc, x, window, init, w);
  }

  SmallVector<AffineMap> maps = windowMaps(b.getContext(), w, 1);
  Type acc = cast<RankedTensorType>(init.getType()).getElementType();
  return linalg::GenericOp::create(
             b, loc, TypeRange{init.getType()}, ValueRange{x, window}, ValueRange{init},
             maps, windowIterators(spatial),
             [&](OpBuilder &nb, Location l, ValueRange args) {
               Value in = args[0], out = args[2], r;
               if (kind == PoolKind::Sum)
                 r = arith::AddFOp::create(nb, l, out, convertScalar(nb, l, in, acc));
               else if (isa<FloatType>(acc))
                 r = arith::MaximumFOp::create(nb, l, out, in);
               else
                 r = arith::MaxSIOp::create(nb, l, out, in);
               linalg::YieldOp::create(nb, l, r);
             })
      .getResult(0);
}

struct MaxPoolLowering : OpConversionPattern<MaxPoolOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult matchAndRewrite(MaxPoolOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    if (op.getStorageOrder() != 0 && op.getStorageOrder() != 1)
      return rewriter.notifyMatchFailure(op, "storage_order must be 0 or 1");
    if (!hasStaticTensorShapes(op))
      return rewriter.notifyMatchFailure(op, "dynamic shapes are not supported");
    auto xType = cast<RankedTensorType>(adaptor.getX().getType());
    auto resultType = cast<RankedTensorType>(op.getY().getType());
    auto window = getWindow(xType, op.getKernelShape(), op.getStrides(), op.getPads(),
                            op.getDilations());
    if (failed(window))
      return rewriter.notifyMatchFailure(op, "malformed window attributes");
    Location loc = op.getLoc();
    // The pooling ops compare signed. Flipping the top bit maps unsigned order
    // onto signed order (0 -> INT_MIN, UINT_MAX -> INT_MAX), so unsigned
    // tensors pool as signless ones between two flips.
    bool isUnsigned = xType.getElementType().isUnsignedInteger();
    Value x = castToSignless(rewriter, loc, adaptor.getX());
    RankedTensorType poolType = signlessTensorType(resultType);
    Type elem = poolType.getElementType();
    auto flipTopBit = [&](Value v) {
      if (!isUnsigned)
        return v;
      unsigned width = elem.getIntOrFloatBitWidth();
      Value bit = arith::ConstantOp::create(
          rewriter, loc, rewriter.getIntegerAttr(elem, APInt::getSignedMinValue(width)));
      return buildBroadcastGeneric(rewriter, loc, cast<RankedTensorType>(v.getType()), v,
                                   [&](OpBuilder &b, Location l, ValueRange args) {
                                     return arith::XOrIOp::create(b, l, args[0], bit);
                                   });
    };
    Value lowest = lowestValue(rewriter, loc, elem);
    x = padForWindows(rewriter, loc, flipTopBit(x), poolType, *window, lowest);
    Value init = filledTensor(rewriter, loc, poolType, lowest);
    auto indicesType = cast<RankedTensorType>(op.getIndices().getType());
    Value y, indices;
    if (op.getIndices().use_empty()) {
      y = buildPooling(rewriter, loc, PoolKind::Max, x, *window, init);
      // The indices result has no uses; an empty tensor stands in for it.
      indices = emptyTensor(rewriter, loc, indicesType);
    } else {
      Value initIndex =
          filledTensor(rewriter, loc, indicesType,
                       scalarConstant(rewriter, loc, indicesType.getElementType(), 0));
      std::tie(y, indices) =
          buildMaxPoolWithIndices(rewriter, loc, x, xType.getShape(), *window, init,
                                  initIndex, op.getStorageOrder());
    }
    y = castFromSignless(rewriter, loc, flipTopBit(y), resultType);
    rewriter.replaceOp(op, {y, indices});
    return success();
  }
};

/// Sum pooling followed by a division by the number of elements each window
/// averaged. count_include_pad = 1 counts the declared padding but not a
/// ceil_mode overhang beyond it (as PyTorch does); count_include_pad = 0 counts
/// input elements only. Dims where every window has the full count use a
/// constant; the others compute the count from the output index.
struct AveragePoolLowering : OpConversionPattern<AveragePoolOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult matchAndRewrite(AveragePoolOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    if (!hasStaticTensorShapes(op))
      return rewriter.notifyMatchFailure(op, "dynamic shapes are not supported");
    if (op.getCountIncludePad() > 1)
      return rewriter.notifyMatchFailure(op, "count_include_pad must be 0 or 1");
    auto xType = cast<RankedTensorType>(adaptor.getX().getType());
    auto resultType = cast<RankedTensorType>(op.getType());
    auto window =
        getWindow(xType, op.getKernelShape(), op.getStrides(), op.getPads(), {});
    if (failed(window))
      return rewriter.notifyMatchFailure(op, "malformed window attributes");
    Location loc = op.getLoc();
    Type elem = xType.getElementType();
    Type acc = accumulatorType(elem);
    Value x = padForWindows(rewriter, loc, adaptor.getX(), resultType, *window,
                            scalarConstant(rewriter, loc, elem, 0));
    Value init = filledTensor(rewriter, loc, resultType.clone(acc),
                              scalarConstant(rewriter, loc, acc, 0));
    Value sum = buildPooling(rewriter, loc, PoolKind::Sum, x, *window, init);

    // Per spatial dim: the valid range [lo, hi) in input coordinates, and
    // whether some window sees fewer than `kernel` elements of it.
    bool includePad = op.getCountIncludePad() == 1;
    int64_t spatial = window->kernel.size();
    SmallVector<int64_t> lo(spatial), hi(spatial);
    SmallVector<bool> varies(spatial, false);
    int64_t constantCount = 1;
    for (int64_t i = 0; i < spatial; ++i) {
      int64_t in = xType.getDimSize(2 + i), k = window->kernel[i];
      lo[i] = includePad ? -window->padBegin[i] : 0;
      hi[i] = includePad ? in + window->padEnd[i] : in;
      for (int64_t o = 0, e = resultType.getDimSize(2 + i); o < e && !varies[i]; ++o) {
        int64_t start = o * window->strides[i] - window->padBegin[i];
        varies[i] = std::min(start + k, hi[i]) - std::max(start, lo[i]) != k;
      }
      if (!varies[i])
        constantCount *= k;
    }

    const Window &w = *window;
    Value y = buildBroadcastGeneric(
        rewriter, loc, resultType, sum, [&](OpBuilder &b, Location l, ValueRange args) {
          auto c = [&](int64_t v) { return arith::ConstantIndexOp::create(b, l, v); };
          Value count;
          for (int64_t i = 0; i < spatial; ++i) {
            if (!varies[i])
              continue;
            // min(start + k, hi) - max(start, lo), start = o * s - pad_begin.
            Value start = linalg::IndexOp::create(b, l, 2 + i);
            if (w.strides[i] != 1)
              start = arith::MulIOp::create(b, l, start, c(w.strides[i]));
            if (w.padBegin[i] != 0)
              start = arith::SubIOp::create(b, l, start, c(w.padBegin[i]));
            Value end = arith::AddIOp::create(b, l, start, c(w.kernel[i]));
            Value n =
                arith::SubIOp::create(b, l, arith::MinSIOp::create(b, l, end, c(hi[i])),
                                      arith::MaxSIOp::create(b, l, start, c(lo[i])));
            count = count ? Value(arith::MulIOp::create(b, l, count, n)) : n;
          }
          Value countFloat;
          if (count) {
            if (constantCount != 1)
              count = arith::MulIOp::create(b, l, count, c(constantCount));
            Value countInt =
                arith::IndexCastOp::create(b, l, b.getI64Type(), count).getResult();
            countFloat = arith::SIToFPOp::create(b, l, acc, countInt);
          } else {
            countFloat = scalarConstant(b, l, acc, constantCount);
          }
          Value avg = arith::DivFOp::create(b, l, args[0], countFloat);
          return convertScalar(b, l, avg, elem);
        });
    rewriter.replaceOp(op, y);
    return success();
  }
};

/// (sum over the window of |x|^p)^(1/p); padding contributes zeros.
struct LpPoolLowering : OpConversionPattern<LpPoolOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult matchAndRewrite(LpPoolOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    if (!hasStaticTensorShapes(op))
      return rewriter.notifyMatchFailure(op, "dynamic shapes are not supported");
    int64_t p = op.getP();
    if (p < 1)
      return rewriter.notifyMatchFailure(op, "p must be positive");
    auto xType = cast<RankedTensorType>(adaptor.getX().getType());
    auto resultType = cast<RankedTensorType>(op.getType());
    auto window =
        getWindow(xType, op.getKernelShape(), op.getStrides(), op.getPads(), {});
    if (failed(window))
      return rewriter.notifyMatchFailure(op, "malformed window attributes");
    Location loc = op.getLoc();
    Type elem = xType.getElementType();
    Type acc = accumulatorType(elem);

    Value powered = buildBroadcastGeneric(
        rewriter, loc, xType.clone(acc), adaptor.getX(),
        [&](OpBuilder &b, Location l, ValueRange args) -> Value {
          Value v = convertScalar(b, l, args[0], acc);
          if (p == 2)
            return arith::MulFOp::create(b, l, v, v);
          Value a = math::AbsFOp::create(b, l, v);
          if (p == 1)
            return a;
          return math::PowFOp::create(b, l, a, scalarConstant(b, l, acc, p));
        });
    powered = padForWindows(rewriter, loc, powered, resultType, *window,
                            scalarConstant(rewriter, loc, acc, 0));
    Value init = filledTensor(rewriter, loc, resultType.clone(acc),
                              scalarConstant(rewriter, loc, acc, 0));
    Value sum = buildPooling(rewriter, loc, PoolKind::Sum, powered, *window, init);
    Value y = buildBroadcastGeneric(
        rewriter, loc, resultType, sum, [&](OpBuilder &b, Location l, ValueRange args) {
          Value r = args[0];
          if (p == 2)
            r = math::SqrtOp::create(b, l, r);
          else if (p != 1)
            r = math::PowFOp::create(b, l, r, scalarConstant(b, l, acc, 1.0 / p));
          return convertScalar(b, l, r, elem);
        });
    rewriter.replaceOp(op, y);
    return success();
  }
};

/// Global pooling: a reduction of x [N, C, D...] over all spatial dims into
/// [N, C], reshaped to [N, C, 1, ...].
template <typename OpT, bool IsMax> struct GlobalPoolLowering : OpConversionPattern<OpT> {
  using OpConversionPattern<OpT>::OpConversionPattern;

  LogicalResult matchAndRewrite(OpT op, typename OpT::Adaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    if (!hasStaticTensorShapes(op))
      return rewriter.notifyMatchFailure(op, "dynamic shapes are not supported");
    auto xType = cast<RankedTensorType>(adaptor.getX().getType());
    auto resultType = cast<RankedTensorType>(op.getType());
    int64_t rank = xType.getRank();
    if (rank < 2)
      return rewriter.notifyMatchFailure(op, "input must be [N, C, ...]");
    Location loc = op.getLoc();
    MLIRContext *ctx = rewriter.getContext();
    Type elem = xType.getElementType();
    Type acc = IsMax ? elem : accumulatorType(elem);
    auto reducedType =
        RankedTensorType::get({xType.getDimSize(0), xType.getDimSize(1)}, acc);
    Value identity =
        IsMax ? lowestValue(rewriter, loc, acc) : scalarConstant(rewriter, loc, acc, 0);
    SmallVector<AffineMap> maps = {
        rewriter.getMultiDimIdentityMap(rank),
        AffineMap::get(rank, 0, {getAffineDimExpr(0, ctx), getAffineDimExpr(1, ctx)},
                       ctx)};
    SmallVector<utils::IteratorType> iterators(2, utils::IteratorType::parallel);
    iterators.append(rank - 2, utils::IteratorType::reduction);
    Value reduced = linalg::GenericOp::create(
                        rewriter, loc, TypeRange{reducedType}, ValueRange{adaptor.getX()},
                        ValueRange{filledTensor(rewriter, loc, reducedType, identity)},
                        maps, iterators,
                        [&](OpBuilder &b, Location l, ValueRange args) {
                          Value in = convertScalar(b, l, args[0], acc), r;
                          if (IsMax)
                            r = arith::MaximumFOp::create(b, l, args[1], in);
                          else
                            r = arith::AddFOp::create(b, l, args[1], in);
                          linalg::YieldOp::create(b, l, r);
                        })
                        .getResult(0);
    if (!IsMax) {
      int64_t count = 1;
      for (int64_t d : xType.getShape().drop_front(2))
        count *= d;
      reduced =
          buildBroadcastGeneric(rewriter, loc, reducedType.clone(elem), reduced,
                                [&](OpBuilder &b, Location l, ValueRange args) {
                                  Value avg = arith::DivFOp::create(
                                      b, l, args[0], scalarConstant(b, l, acc, count));
                                  return convertScalar(b, l, avg, elem);
                                });
    }
    rewriter.replaceOp(op, reshapeTo(rewriter, loc, reduced, resultType.getShape()));
    return success();
  }
};

} // namespace

void ::kiln::nn::populatePoolingPatterns(RewritePatternSet &patterns) {
  patterns.add<MaxPoolLowering, AveragePoolLowering, LpPoolLowering,
               GlobalPoolLowering<GlobalAveragePoolOp, false>,
               GlobalPoolLowering<GlobalMaxPoolOp, true>>(patterns.getContext());
}
