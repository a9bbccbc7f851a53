//===- Pad.cpp - kiln Pad, DepthToSpace and SpaceToDepth to linalg --------===//
//
// Pad: negative pads crop (tensor.extract_slice) before anything is added.
// Constant mode then is a tensor.pad; edge and reflect modes are a
// linalg.generic that reads the input at a clamped or mirrored index
// (tensor.extract), which handles pads of any size in one pass.
//
// DepthToSpace / SpaceToDepth are pure data movement: expand_shape, one
// linalg.transpose, collapse_shape.
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
using ::kiln::scalarConstant;

namespace {

struct PadLowering : OpConversionPattern<PadOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult matchAndRewrite(PadOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    if (!hasStaticTensorShapes(op))
      return rewriter.notifyMatchFailure(op, "dynamic shapes are not supported");
    auto xType = cast<RankedTensorType>(adaptor.getData().getType());
    auto resultType = cast<RankedTensorType>(op.getType());
    int64_t rank = xType.getRank();
    ArrayRef<int64_t> pads = op.getPads();
    if ((int64_t)pads.size() != 2 * rank)
      return rewriter.notifyMatchFailure(op, "malformed pads");
    StringRef mode = op.getMode();
    if (mode != "constant" && mode != "edge" && mode != "reflect")
      return rewriter.notifyMatchFailure(op, "unknown mode");
    Location loc = op.getLoc();
    Type elem = xType.getElementType();

    // Crop the negative pads first.
    Value x = adaptor.getData();
    SmallVector<int64_t> offsets(rank, 0), sizes(xType.getShape());
    SmallVector<int64_t> low(rank), high(rank);
    for (int64_t i = 0; i < rank; ++i) {
      int64_t begin = pads[i], end = pads[rank + i];
      offsets[i] = std::max<int64_t>(0, -begin);
      sizes[i] -= std::max<int64_t>(0, -begin) + std::max<int64_t>(0, -end);
      low[i] = std::max<int64_t>(0, begin);
      high[i] = std::max<int64_t>(0, end);
    }
    if (ArrayRef<int64_t>(sizes) != xType.getShape())
      x = tensor::ExtractSliceOp::create(rewriter, loc, xType.clone(sizes), x,
                                         ValueRange{}, ValueRange{}, ValueRange{},
                                         offsets, sizes, SmallVector<int64_t>(rank, 1));
    if (llvm::all_of(low, [](int64_t p) { return p == 0; }) &&
        llvm::all_of(high, [](int64_t p) { return p == 0; })) {
      rewriter.replaceOp(op, x);
      return success();
    }

    if (mode == "constant") {
      Value padValue;
      if (Value cv = adaptor.getConstantValue()) {
        auto cvType = cast<RankedTensorType>(cv.getType());
        if (cvType.getNumElements() != 1)
          return rewriter.notifyMatchFailure(op, "constant_value must be a scalar");
        SmallVector<Value> zeros;
        if (cvType.getRank() > 0)
          zeros.assign(cvType.getRank(),
                       arith::ConstantIndexOp::create(rewriter, loc, 0));
        padValue = tensor::ExtractOp::create(rewriter, loc, cv, zeros);
      } else {
        // arith constants are signless; an unsigned zero has no arith form.
        if (elem.isUnsignedInteger())
          return rewriter.notifyMatchFailure(op, "unsigned integer tensors");
        padValue = scalarConstant(rewriter, loc, elem, 0);
      }
      rewriter.replaceOp(op, padConstant(rewriter, loc, x, low, high, padValue));
      return success();
    }

    // Edge/reflect: every output element reads x at a source index computed
    // per dim from its own index. An empty (fully cropped) dim has nothing to
    // replicate.
    if (llvm::any_of(sizes, [](int64_t s) { return s == 0; }))
      return rewriter.notifyMatchFailure(op, "edge/reflect padding of an empty dim");
    bool reflect = mode == "reflect";
    SmallVector<AffineMap> maps = {rewriter.getMultiDimIdentityMap(rank)};
    SmallVector<utils::IteratorType> iterators(rank, utils::IteratorType::parallel);
    auto generic = linalg::GenericOp::create(
        rewriter, loc, TypeRange{resultType}, ValueRange{},
        ValueRange{emptyTensor(rewriter, loc, resultType)}, maps, iterators,
        [&](OpBuilder &b, Location l, ValueRange) {
          auto c = [&](int64_t v) { return arith::ConstantIndexOp::create(b, l, v); };
          SmallVector<Value> indices;
          for (int64_t i = 0; i < rank; ++i) {
            int64_t n = sizes[i];
            Value idx = linalg::IndexOp::create(b, l, i);
            if (low[i] == 0 && high[i] == 0) {
              indices.push_back(idx);
              continue;
            }
            Value src = arith::SubIOp::create(b, l, idx, c(low[i]));
            if (!reflect || n == 1) {
              // Clamp to [0, n - 1]; a single element reflects onto itself.
              src = arith::MaxSIOp::create(
                  b, l, arith::MinSIOp::create(b, l, src, c(n - 1)), c(0));
            } else {
              // Mirroring without repeating the edge is periodic with period
              // 2 (n - 1): fold into [0, period), then mirror the upper half.
              int64_t period = 2 * (n - 1);
              Value m = arith::RemSIOp::create(b, l, src, c(period));
              Value neg = arith::CmpIOp::create(b, l, arith::CmpIPredicate::slt, m, c(0));
              m = arith::SelectOp::create(b, l, neg,
                                          arith::AddIOp::create(b, l, m, c(period)), m);
              Value upper =
                  arith::CmpIOp::create(b, l, arith::CmpIPredicate::sge, m, c(n));
              src = arith::SelectOp::create(b, l, upper,
                                            arith::SubIOp::create(b, l, c(period), m), m);
            }
            indices.push_back(src);
          }
          Value v = tensor::ExtractOp::create(b, l, x, indices);
          linalg::YieldOp::create(b, l, v);
        });
    rewriter.replaceOp(op, generic.getResult(0));
    return success();
  }
};

/// Reshape x to `expanded`, permute (result dim i = expanded dim perm[i]) and
/// reshape to the result type.
Value expandTransposeCollapse(OpBuilder &b, Location loc, Value x,
                              ArrayRef<int64_t> expanded, ArrayRef<int64_t> perm,
                              RankedTensorType resultType) {
  Value e = reshapeTo(b, loc, x, expanded);
  SmallVector<int64_t> permuted;
  for (int64_t p : perm)
    permuted.push_back(expanded[p]);
  auto permutedType = resultType.clone(permuted);
  Value t =
      linalg::TransposeOp::create(b, loc, e, emptyTensor(b, loc, permutedType), perm)
          .getResult()[0];
  return reshapeTo(b, loc, t, resultType.getShape());
}

struct DepthToSpaceLowering : OpConversionPattern<DepthToSpaceOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult matchAndRewrite(DepthToSpaceOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    if (!hasStaticTensorShapes(op))
      return rewriter.notifyMatchFailure(op, "dynamic shapes are not supported");
    auto xType = cast<RankedTensorType>(adaptor.getInput().getType());
    auto resultType = cast<RankedTensorType>(op.getType());
    if (xType.getRank() != 4)
      return rewriter.notifyMatchFailure(op, "input must be [N, C, H, W]");
    int64_t bs = op.getBlocksize();
    int64_t n = xType.getDimSize(0), c = resultType.getDimSize(1),
            h = xType.getDimSize(2), w = xType.getDimSize(3);
    Value y;
    // Both modes end at [N, C', H, b, W, b]; they differ in where the two
    // block factors sit inside the input channel dim.
    if (op.getMode() == "DCR")
      y = expandTransposeCollapse(rewriter, op.getLoc(), adaptor.getInput(),
                                  {n, bs, bs, c, h, w}, {0, 3, 4, 1, 5, 2}, resultType);
    else if (op.getMode() == "CRD")
      y = expandTransposeCollapse(rewriter, op.getLoc(), adaptor.getInput(),
                                  {n, c, bs, bs, h, w}, {0, 1, 4, 2, 5, 3}, resultType);
    else
      return rewriter.notifyMatchFailure(op, "unknown mode");
    rewriter.replaceOp(op, y);
    return success();
  }
};

struct SpaceToDepthLowering : OpConversionPattern<SpaceToDepthOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult matchAndRewrite(SpaceToDepthOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    if (!hasStaticTensorShapes(op))
      return rewriter.notifyMatchFailure(op, "dynamic shapes are not supported");
    auto xType = cast<RankedTensorType>(adaptor.getInput().getType());
    auto resultType = cast<RankedTensorType>(op.getType());
    if (xType.getRank() != 4)
      return rewriter.notifyMatchFailure(op, "input must be [N, C, H, W]");
    int64_t bs = op.getBlocksize();
    int64_t n = xType.getDimSize(0), c = xType.getDimSize(1),
            h = resultType.getDimSize(2), w = resultType.getDimSize(3);
    // [N, C, H', b, W', b] -> [N, b, b, C, H', W'].
    rewriter.replaceOp(op, expandTransposeCollapse(
                               rewriter, op.getLoc(), adaptor.getInput(),
                               {n, c, h, bs, w, bs}, {0, 3, 5, 1, 2, 4}, resultType));
    return success();
  }
};

} // namespace

void ::kiln::nn::populatePadPatterns(RewritePatternSet &patterns) {
  patterns.add<PadLowering, DepthToSpaceLowering, SpaceToDepthLowering>(
      patterns.getContext());
}
