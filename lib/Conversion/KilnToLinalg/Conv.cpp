//===- Conv.cpp - kiln Conv and ConvTranspose to linalg -------------------===//
//
// Conv pads its input with tensor.pad (zeros) and then uses the NCHW-layout
// named convolution that matches its group structure:
//   group = 1                 linalg.conv_{1d_ncw_fcw,2d_nchw_fchw,3d_ncdhw_fcdhw}
//   group = C = M (depthwise) linalg.depthwise_conv_{1d_ncw_cw,2d_nchw_chw,3d_ncdhw_cdhw}
//   other groups, 2-D         linalg.conv_2d_ngchw_gfchw on [N, G, C/G, H, W]
//   anything else             an equivalent grouped linalg.generic
// The bias, when present, is broadcast into the accumulator before the
// convolution so that it costs no extra pass over the output.
//
// ConvTranspose is rewritten as a stride-1 convolution: the input is spread
// out by the stride (zero insertion, one strided tensor.insert_slice into a
// zero tensor that also provides the full padding), and the kernel is flipped
// spatially with its in/out channels swapped per group.
//
//===----------------------------------------------------------------------===//

#include "lib/Conversion/KilnToLinalg/NNCommon.h"

#include "dialects/Kiln/KilnOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;
using namespace mlir::kiln;
using namespace ::kiln::nn;
using ::kiln::emptyTensor;
using ::kiln::filledTensor;
using ::kiln::scalarConstant;

namespace {

template <typename NamedOp>
Value createWindowOp(OpBuilder &b, Location loc, Value x, Value w, Value init,
                     ArrayRef<int64_t> strides, ArrayRef<int64_t> dilations) {
  return NamedOp::create(b, loc, TypeRange{init.getType()}, ValueRange{x, w},
                         ValueRange{init}, i64Elements(b, strides),
                         i64Elements(b, dilations))
      ->getResult(0);
}

/// Grouped convolution of x [N, G, C, D...] with w [G, F, C, k...] into
/// `init` [N, G, F, O...] for any number of spatial dims.
Value buildGroupedConvGeneric(OpBuilder &b, Location loc, Value x, Value w, Value init,
                              ArrayRef<int64_t> strides, ArrayRef<int64_t> dilations) {
  MLIRContext *ctx = b.getContext();
  int64_t spatial = strides.size();
  // Loops: n, g, f, o_1..o_s (parallel), c, k_1..k_s (reduction).
  int64_t numLoops = 4 + 2 * spatial;
  auto dim = [&](int64_t i) { return getAffineDimExpr(i, ctx); };
  AffineExpr n = dim(0), g = dim(1), f = dim(2), c = dim(3 + spatial);
  SmallVector<AffineExpr> xExprs = {n, g, c}, wExprs = {g, f, c}, outExprs = {n, g, f};
  for (int64_t i = 0; i < spatial; ++i) {
    AffineExpr o = dim(3 + i), k = dim(4 + spatial + i);
    xExprs.push_back(o * strides[i] + k * dilations[i]);
    wExprs.push_back(k);
    outExprs.push_back(o);
  }
  SmallVector<AffineMap> maps = {AffineMap::get(numLoops, 0, xExprs, ctx),
                                 AffineMap::get(numLoops, 0, wExprs, ctx),
                                 AffineMap::get(numLoops, 0, outExprs, ctx)};
  SmallVector<utils::IteratorType> iterators(3 + spatial, utils::IteratorType::parallel);
  iterators.append(1 + spatial, utils::IteratorType::reduction);
  Type acc = cast<RankedTensorType>(init.getType()).getElementType();
  return linalg::GenericOp::create(
             b, loc, TypeRange{init.getType()}, ValueRange{x, w}, ValueRange{init}, maps,
             iterators,
             [&](OpBuilder &nb, Location l, ValueRange args) {
               Value x = convertScalar(nb, l, args[0], acc);
               Value w = convertScalar(nb, l, args[1], acc);
               Value sum;
               if (isa<FloatType>(acc))
                 sum = arith::AddFOp::create(nb, l, args[2],
                                             arith::MulFOp::create(nb, l, x, w));
               else
                 sum = arith::AddIOp::create(nb, l, args[2],
                                             arith::MulIOp::create(nb, l, x, w));
               linalg::YieldOp::create(nb, l, sum);
             })
      .getResult(0);
}

/// Convolution of an already padded x [N, C, D...] with w [M, C/group, k...]
/// and an optional bias [M], producing `resultType` [N, M, O...].
Value buildConvolution(OpBuilder &b, Location loc, Value x, Value w, Value bias,
                       ArrayRef<int64_t> strides, ArrayRef<int64_t> dilations,
                       int64_t group, RankedTensorType resultType) {
  auto xType = cast<RankedTensorType>(x.getType());
  auto wType = cast<RankedTensorType>(w.getType());
  int64_t spatial = xType.getRank() - 2;
  int64_t channels = xType.getDimSize(1), filters = wType.getDimSize(0);
  ArrayRef<int64_t> kernel = wType.getShape().drop_front(2);
  Type elem = resultType.getElementType();
  Type acc = accumulatorType(elem);

  // The accumulator starts as the broadcast bias (or zero), viewed with the
  // output channels split as `channelShape` starting at dim 1.
  auto initialAccumulator = [&](ArrayRef<int64_t> shape, ArrayRef<int64_t> channelShape) {
    auto type = RankedTensorType::get(shape, acc);
    if (!bias)
      return filledTensor(b, loc, type, scalarConstant(b, loc, acc, 0));
    SmallVector<int64_t> dims;
    for (int64_t i = 0, e = channelShape.size(); i < e; ++i)
      dims.push_back(1 + i);
    return broadcastDims(b, loc, reshapeTo(b, loc, bias, channelShape), type, dims);
  };

  Value result;
  if (group == 1 && spatial <= 3) {
    Value init = initialAccumulator(resultType.getShape(), {filters});
    if (spatial == 1)
      result =
          createWindowOp<linalg::Conv1DNcwFcwOp>(b, loc, x, w, init, strides, dilations);
    else if (spatial == 2)
      result = createWindowOp<linalg::Conv2DNchwFchwOp>(b, loc, x, w, init, strides,
                                                        dilations);
    else
      result = createWindowOp<linalg::Conv3DNcdhwFcdhwOp>(b, loc, x, w, init, strides,
                                                          dilations);
  } else if (group == channels && filters == channels && spatial <= 3) {
    SmallVector<int64_t> wShape = {channels};
    wShape.append(kernel.begin(), kernel.end());
    Value w2 = reshapeTo(b, loc, w, wShape);
    Value init = initialAccumulator(resultType.getShape(), {filters});
    if (spatial == 1)
      result = createWindowOp<linalg::DepthwiseConv1DNcwCwOp>(b, loc, x, w2, init,
                                                              strides, dilations);
    else if (spatial == 2)
      result = createWindowOp<linalg::DepthwiseConv2DNchwChwOp>(b, loc, x, w2, init,
                                                                strides, dilations);
    else
      result = createWindowOp<linalg::DepthwiseConv3DNcdhwCdhwOp>(b, loc, x, w2, init,
                                                                  strides, dilations);
  } else {
    int64_t perGroup = channels / group, filtersPerGroup = filters / group;
    SmallVector<int64_t> xShape = {xType.getDimSize(0), group, perGroup};
    xShape.append(xType.getShape().begin() + 2, xType.getShape().end());
    SmallVector<int64_t> wShape = {group, filtersPerGroup, perGroup};
    wShape.append(kernel.begin(), kernel.end());
    SmallVector<int64_t> outShape = {resultType.getDimSize(0), group, filtersPerGroup};
    outShape.append(resultType.getShape().begin() + 2, resultType.getShape().end());
    Value x5 = reshapeTo(b, loc, x, xShape);
    Value w5 = reshapeTo(b, loc, w, wShape);
    Value init = initialAccumulator(outShape, {group, filtersPerGroup});
    if (spatial == 2)
      result = createWindowOp<linalg::Conv2DNgchwGfchwOp>(b, loc, x5, w5, init, strides,
                                                          dilations);
    else
      result = buildGroupedConvGeneric(b, loc, x5, w5, init, strides, dilations);
    result = reshapeTo(b, loc, result, resultType.getShape());
  }
  return convertTensor(b, loc, result, elem);
}

struct ConvLowering : OpConversionPattern<ConvOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult matchAndRewrite(ConvOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    if (!hasStaticTensorShapes(op))
      return rewriter.notifyMatchFailure(op, "dynamic shapes are not supported");
    auto xType = cast<RankedTensorType>(adaptor.getX().getType());
    if (!isWellFormedWindow(xType, op.getPads(), op.getStrides(), op.getDilations()))
      return rewriter.notifyMatchFailure(op, "malformed window attributes");
    rewriter.replaceOp(op, buildPaddedConvolution(rewriter, op.getLoc(), adaptor.getX(),
                                                  adaptor.getW(), adaptor.getB(),
                                                  op.getPads(), op.getStrides(),
                                                  op.getDilations(), op.getGroup(),
                                                  cast<RankedTensorType>(op.getType())));
    return success();
  }
};

/// y[n, g*F + f, o] = sum x[n, g*C' + c, i] * w[g*C' + c, f, k]
///                    over o = i * stride + k * dilation - pad_begin,
/// computed as a stride-1 convolution of the stride-spread, fully padded input
/// with the flipped kernel.
struct ConvTransposeLowering : OpConversionPattern<ConvTransposeOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult matchAndRewrite(ConvTransposeOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    if (!hasStaticTensorShapes(op))
      return rewriter.notifyMatchFailure(op, "dynamic shapes are not supported");
    auto resultType = cast<RankedTensorType>(op.getType());
    auto xType = cast<RankedTensorType>(adaptor.getX().getType());
    auto wType = cast<RankedTensorType>(adaptor.getW().getType());
    int64_t rank = xType.getRank(), spatial = rank - 2;
    ArrayRef<int64_t> pads = op.getPads(), strides = op.getStrides(),
                      dilations = op.getDilations();
    if (spatial < 1 || (int64_t)pads.size() != 2 * spatial ||
        (int64_t)strides.size() != spatial || (int64_t)dilations.size() != spatial)
      return rewriter.notifyMatchFailure(op, "malformed window attributes");
    Location loc = op.getLoc();
    MLIRContext *ctx = rewriter.getContext();
    Type elem = xType.getElementType();
    int64_t group = op.getGroup();
    int64_t channels = xType.getDimSize(1), perGroup = channels / group;
    int64_t filtersPerGroup = wType.getDimSize(1);
    ArrayRef<int64_t> kernel = wType.getShape().drop_front(2);

    // Input of the equivalent stride-1 convolution: x[i] lands at
    // i * stride + before, where before = (k - 1) * dilation - pad_begin. Input
    // elements that would land outside (large pads crop the output) are cut
    // off first.
    SmallVector<int64_t> spreadShape = {xType.getDimSize(0), channels};
    SmallVector<int64_t> sliceOffsets(rank, 0), sliceSizes(xType.getShape());
    SmallVector<int64_t> insertOffsets(rank, 0), insertStrides(rank, 1);
    bool empty = false;
    for (int64_t i = 0; i < spatial; ++i) {
      int64_t in = xType.getDimSize(2 + i);
      int64_t reach = (kernel[i] - 1) * dilations[i];
      int64_t size = resultType.getDimSize(2 + i) + reach;
      int64_t before = reach - pads[i];
      int64_t first = before >= 0 ? 0 : llvm::divideCeilSigned(-before, strides[i]);
      int64_t last =
          std::min(in - 1, llvm::divideFloorSigned(size - 1 - before, strides[i]));
      if (last < first)
        empty = true;
      spreadShape.push_back(size);
      sliceOffsets[2 + i] = first;
      sliceSizes[2 + i] = std::max<int64_t>(last - first + 1, 0);
      insertOffsets[2 + i] = first * strides[i] + before;
      insertStrides[2 + i] = strides[i];
    }
    auto spreadType = RankedTensorType::get(spreadShape, elem);
    Value spread =
        filledTensor(rewriter, loc, spreadType, scalarConstant(rewriter, loc, elem, 0));
    if (!empty) {
      Value x = adaptor.getX();
      if (ArrayRef<int64_t>(sliceSizes) != xType.getShape())
        x = tensor::ExtractSliceOp::create(
            rewriter, loc, RankedTensorType::get(sliceSizes, elem), x, ValueRange{},
            ValueRange{}, ValueRange{}, sliceOffsets, sliceSizes,
            SmallVector<int64_t>(rank, 1));
      spread = tensor::InsertSliceOp::create(rewriter, loc, x, spread, ValueRange{},
                                             ValueRange{}, ValueRange{}, insertOffsets,
                                             sliceSizes, insertStrides);
    }

    // Kernel of the equivalent convolution, [G*F, C', k...]:
    //   wc[g, f, c, k] = w[g, c, f, K - 1 - k].
    SmallVector<int64_t> wGrouped = {group, perGroup, filtersPerGroup};
    wGrouped.append(kernel.begin(), kernel.end());
    Value w = reshapeTo(rewriter, loc, adaptor.getW(), wGrouped);
    SmallVector<int64_t> flippedShape = {group, filtersPerGroup, perGroup};
    flippedShape.append(kernel.begin(), kernel.end());
    auto flippedType = RankedTensorType::get(flippedShape, elem);
    SmallVector<AffineExpr> readExprs = {
        getAffineDimExpr(0, ctx), getAffineDimExpr(2, ctx), getAffineDimExpr(1, ctx)};
    for (int64_t i = 0; i < spatial; ++i)
      readExprs.push_back(getAffineConstantExpr(kernel[i] - 1, ctx) -
                          getAffineDimExpr(3 + i, ctx));
    SmallVector<AffineMap> maps = {AffineMap::get(rank + 1, 0, readExprs, ctx),
                                   rewriter.getMultiDimIdentityMap(rank + 1)};
    SmallVector<utils::IteratorType> iterators(rank + 1, utils::IteratorType::parallel);
    Value flipped =
        linalg::GenericOp::create(rewriter, loc, TypeRange{flippedType}, ValueRange{w},
                                  ValueRange{emptyTensor(rewriter, loc, flippedType)},
                                  maps, iterators,
                                  [](OpBuilder &b, Location l, ValueRange args) {
                                    linalg::YieldOp::create(b, l, args[0]);
                                  })
            .getResult(0);
    SmallVector<int64_t> convWShape = {group * filtersPerGroup, perGroup};
    convWShape.append(kernel.begin(), kernel.end());
    flipped = reshapeTo(rewriter, loc, flipped, convWShape);

    SmallVector<int64_t> ones(spatial, 1);
    rewriter.replaceOp(op,
                       buildConvolution(rewriter, loc, spread, flipped, adaptor.getB(),
                                        ones, dilations, group, resultType));
    return success();
  }
};

} // namespace

namespace kiln::nn {

bool isWellFormedWindow(RankedTensorType x, ArrayRef<int64_t> pads,
                        ArrayRef<int64_t> strides, ArrayRef<int64_t> dilations) {
  int64_t spatial = x.getRank() - 2;
  return spatial >= 1 && (int64_t)pads.size() == 2 * spatial &&
         (int64_t)strides.size() == spatial && (int64_t)dilations.size() == spatial;
}

Value buildPaddedConvolution(OpBuilder &b, Location loc, Value x, Value w, Value bias,
                             ArrayRef<int64_t> pads, ArrayRef<int64_t> strides,
                             ArrayRef<int64_t> dilations, int64_t group,
                             RankedTensorType resultType) {
  auto xType = cast<RankedTensorType>(x.getType());
  int64_t spatial = xType.getRank() - 2;
  SmallVector<int64_t> low = {0, 0}, high = {0, 0};
  low.append(pads.begin(), pads.begin() + spatial);
  high.append(pads.begin() + spatial, pads.end());
  if (llvm::any_of(pads, [](int64_t p) { return p != 0; }))
    x = padConstant(b, loc, x, low, high,
                    scalarConstant(b, loc, xType.getElementType(), 0));
  return buildConvolution(b, loc, x, w, bias, strides, dilations, group, resultType);
}

} // namespace kiln::nn

void ::kiln::nn::populateConvPatterns(RewritePatternSet &patterns) {
  patterns.add<ConvLowering, ConvTransposeLowering>(patterns.getContext());
}
