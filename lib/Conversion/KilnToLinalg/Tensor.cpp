//===- Tensor.cpp - kiln constants and data movement to tensor/linalg -----===//
//
// Constants, the ops whose result is known at compile time (Shape, Size,
// ConstantOfShape, constant Range) and the reshape family. Every reshape is a
// row-major reinterpretation of the same elements, so it lowers to
// tensor.collapse_shape / tensor.expand_shape, which bufferize to views.
// The rest of the family lives in DataMovement.cpp and Indexing.cpp.
//
//===----------------------------------------------------------------------===//

#include "dialects/Kiln/KilnOps.h"
#include "lib/Conversion/KilnToLinalg/Patterns.h"
#include "lib/Conversion/KilnToLinalg/TensorPatterns.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/ReshapeOpsUtils.h"
#include "mlir/IR/Matchers.h"

#include <cmath>

using namespace mlir;
using namespace mlir::kiln;
using ::kiln::checkTensorTypes;

namespace {

//===----------------------------------------------------------------------===//
// Constants
//===----------------------------------------------------------------------===//

/// The attribute is reused as it is: a dense_resource blob stays a reference
/// to the same blob, so weights are never copied.
struct ConstantLowering : OpConversionPattern<ConstantOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(ConstantOp op, OpAdaptor,
                                ConversionPatternRewriter &rewriter) const override {
    if (failed(checkTensorTypes(op, rewriter)))
      return failure();
    auto value = dyn_cast<TypedAttr>(op.getValue());
    if (!value || value.getType() != op.getType())
      return rewriter.notifyMatchFailure(op, "value type differs from result type");
    rewriter.replaceOpWithNewOp<arith::ConstantOp>(op, op.getType(), value);
    return success();
  }
};

struct ShapeLowering : OpConversionPattern<ShapeOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(ShapeOp op, OpAdaptor,
                                ConversionPatternRewriter &rewriter) const override {
    // Only the result must be lowerable: the data is never read, so its
    // element type does not matter, but its shape must be known.
    auto data = cast<RankedTensorType>(op.getData().getType());
    if (!data.hasStaticShape())
      return rewriter.notifyMatchFailure(op, "dynamic shapes are not supported");
    auto type = cast<RankedTensorType>(op.getType());
    int64_t rank = data.getRank();
    // Same clamping as type inference (ONNX Shape-15 start/end).
    auto clampIndex = [&](int64_t i) {
      if (i < 0)
        i += rank;
      return std::clamp<int64_t>(i, 0, rank);
    };
    int64_t start = clampIndex(op.getStart());
    int64_t end = op.getEnd() ? clampIndex(*op.getEnd()) : rank;
    SmallVector<int64_t> dims;
    for (int64_t i = start; i < end; ++i)
      dims.push_back(data.getDimSize(i));
    if ((int64_t)dims.size() != type.getDimSize(0))
      return rewriter.notifyMatchFailure(op, "result length does not match");
    rewriter.replaceOpWithNewOp<arith::ConstantOp>(
        op, type, DenseElementsAttr::get(type, ArrayRef<int64_t>(dims)));
    return success();
  }
};

struct SizeLowering : OpConversionPattern<SizeOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(SizeOp op, OpAdaptor,
                                ConversionPatternRewriter &rewriter) const override {
    auto data = cast<RankedTensorType>(op.getData().getType());
    if (!data.hasStaticShape())
      return rewriter.notifyMatchFailure(op, "dynamic shapes are not supported");
    auto type = cast<RankedTensorType>(op.getType());
    rewriter.replaceOpWithNewOp<arith::ConstantOp>(
        op, type, DenseElementsAttr::get(type, data.getNumElements()));
    return success();
  }
};

/// Splats up to this many elements stay arith.constant (foldable into their
/// users); larger ones become linalg.fill so the object does not carry a
/// materialized copy of one repeated value.
constexpr int64_t kMaxSplatConstantElements = 64;

struct ConstantOfShapeLowering : OpConversionPattern<ConstantOfShapeOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(ConstantOfShapeOp op, OpAdaptor,
                                ConversionPatternRewriter &rewriter) const override {
    if (failed(checkTensorTypes(op, rewriter)))
      return failure();
    auto type = cast<RankedTensorType>(op.getType());
    Type elem = type.getElementType();
    Attribute scalar;
    if (auto value = op.getValueAttr()) {
      auto dense = dyn_cast<DenseElementsAttr>(value);
      if (!dense || dense.getNumElements() != 1)
        return rewriter.notifyMatchFailure(op, "'value' is not a dense scalar");
      scalar = *dense.value_begin<Attribute>();
    } else {
      // ONNX default: float 0.
      scalar = rewriter.getZeroAttr(elem);
    }
    auto typed = dyn_cast<TypedAttr>(scalar);
    if (!typed || typed.getType() != elem)
      return rewriter.notifyMatchFailure(op, "'value' type differs from result type");
    if (type.getNumElements() <= kMaxSplatConstantElements) {
      rewriter.replaceOpWithNewOp<arith::ConstantOp>(
          op, type, DenseElementsAttr::get(type, scalar));
      return success();
    }
    Value v = arith::ConstantOp::create(rewriter, op.getLoc(), elem, typed);
    rewriter.replaceOp(op, ::kiln::filledTensor(rewriter, op.getLoc(), type, v));
    return success();
  }
};

/// Range's length depends on its operand values, so only constant operands
/// are lowered (to the materialized sequence); anything else is refused.
struct RangeLowering : OpConversionPattern<RangeOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(RangeOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    if (failed(checkTensorTypes(op, rewriter)))
      return failure();
    auto type = cast<RankedTensorType>(op.getType());
    Type elem = type.getElementType();
    DenseElementsAttr start, limit, delta;
    if (!matchPattern(adaptor.getStart(), m_Constant(&start)) ||
        !matchPattern(adaptor.getLimit(), m_Constant(&limit)) ||
        !matchPattern(adaptor.getDelta(), m_Constant(&delta)))
      return rewriter.notifyMatchFailure(op, "operands are not constant");
    int64_t n = type.getDimSize(0);
    SmallVector<Attribute> values;
    if (auto ft = dyn_cast<FloatType>(elem)) {
      double s = start.getSplatValue<APFloat>().convertToDouble();
      double l = limit.getSplatValue<APFloat>().convertToDouble();
      double d = delta.getSplatValue<APFloat>().convertToDouble();
      if (d == 0 || !std::isfinite(s) || !std::isfinite(l) || !std::isfinite(d))
        return rewriter.notifyMatchFailure(op, "delta is zero or not finite");
      double count = std::max(std::ceil((l - s) / d), 0.0);
      if (count != (double)n)
        return rewriter.notifyMatchFailure(op, "result length does not match");
      for (int64_t i = 0; i < n; ++i)
        values.push_back(rewriter.getFloatAttr(ft, s + (double)i * d));
    } else {
      // 128 bits so that limit - start cannot overflow for i64.
      auto wide = [](DenseElementsAttr a) {
        return (__int128)a.getSplatValue<APInt>().getSExtValue();
      };
      __int128 s = wide(start), l = wide(limit), d = wide(delta);
      if (d == 0)
        return rewriter.notifyMatchFailure(op, "delta is zero");
      __int128 diff = l - s;
      __int128 count = diff / d + ((diff % d != 0) && ((diff > 0) == (d > 0)));
      if (std::max<__int128>(count, 0) != n)
        return rewriter.notifyMatchFailure(op, "result length does not match");
      unsigned width = elem.getIntOrFloatBitWidth();
      for (int64_t i = 0; i < n; ++i) {
        // Values stay within [start, limit), so they fit the element type.
        __int128 v = s + (__int128)i * d;
        values.push_back(rewriter.getIntegerAttr(
            elem, APInt(width, (uint64_t)(int64_t)v, /*isSigned=*/true)));
      }
    }
    rewriter.replaceOpWithNewOp<arith::ConstantOp>(op, type,
                                                   DenseElementsAttr::get(type, values));
    return success();
  }
};

//===----------------------------------------------------------------------===//
// Reshape family
//===----------------------------------------------------------------------===//

/// The elements of `src` reinterpreted (row-major) as `dst`, which has the same
/// number of elements. Uses one collapse_shape or expand_shape when the shapes
/// allow a reassociation, else collapses to 1-D and expands from there; never
/// copies.
Value reshapeTo(OpBuilder &b, Location loc, Value src, RankedTensorType dst) {
  auto srcType = cast<RankedTensorType>(src.getType());
  if (srcType == dst)
    return src;
  ArrayRef<int64_t> from = srcType.getShape(), to = dst.getShape();
  if (from.size() > to.size()) {
    if (auto r = getReassociationIndicesForCollapse(from, to))
      return tensor::CollapseShapeOp::create(b, loc, dst, src, *r);
  } else if (from.size() < to.size()) {
    if (auto r = getReassociationIndicesForCollapse(to, from))
      return tensor::ExpandShapeOp::create(b, loc, dst, src, *r);
  }
  auto flatType =
      RankedTensorType::get({srcType.getNumElements()}, srcType.getElementType());
  auto allDims = [](int64_t rank) {
    ReassociationIndices all;
    for (int64_t i = 0; i < rank; ++i)
      all.push_back(i);
    return SmallVector<ReassociationIndices>{all};
  };
  Value flat = src;
  if (srcType.getRank() == 0)
    flat = tensor::ExpandShapeOp::create(b, loc, flatType, src,
                                         SmallVector<ReassociationIndices>{});
  else if (srcType.getRank() > 1)
    flat = tensor::CollapseShapeOp::create(b, loc, flatType, src,
                                           allDims(srcType.getRank()));
  if (dst.getRank() == 0)
    return tensor::CollapseShapeOp::create(b, loc, dst, flat,
                                           SmallVector<ReassociationIndices>{});
  if (dst.getRank() == 1)
    return flat;
  return tensor::ExpandShapeOp::create(b, loc, dst, flat, allDims(dst.getRank()));
}

/// Reshape, Flatten, Squeeze and Unsqueeze: the result type says it all.
template <typename OpT> struct ReshapeLikeLowering : OpConversionPattern<OpT> {
  using OpConversionPattern<OpT>::OpConversionPattern;
  LogicalResult matchAndRewrite(OpT op, typename OpT::Adaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    if (failed(checkTensorTypes(op, rewriter)))
      return failure();
    auto type = cast<RankedTensorType>(op->getResult(0).getType());
    Value src = adaptor.getOperands()[0];
    if (cast<RankedTensorType>(src.getType()).getNumElements() != type.getNumElements())
      return rewriter.notifyMatchFailure(op, "element counts differ");
    // Without elements there is nothing to reinterpret, and reassociations of
    // zero-sized dims are not always valid.
    if (type.getNumElements() == 0 && src.getType() != type) {
      rewriter.replaceOp(op, ::kiln::emptyTensor(rewriter, op.getLoc(), type));
      return success();
    }
    rewriter.replaceOp(op, reshapeTo(rewriter, op.getLoc(), src, type));
    return success();
  }
};

} // namespace

void ::kiln::populateTensorToLinalgPatterns(RewritePatternSet &patterns) {
  MLIRContext *ctx = patterns.getContext();
  patterns
      .add<ConstantLowering, ShapeLowering, SizeLowering, ConstantOfShapeLowering,
           RangeLowering, ReshapeLikeLowering<ReshapeOp>, ReshapeLikeLowering<FlattenOp>,
           ReshapeLikeLowering<SqueezeOp>, ReshapeLikeLowering<UnsqueezeOp>>(ctx);
  populateDataMovementToLinalgPatterns(patterns);
  populateIndexingToLinalgPatterns(patterns);
  populateTopKToLinalgPatterns(patterns);
  populateScatterToLinalgPatterns(patterns);
}
