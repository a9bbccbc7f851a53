//===- DataMovement.cpp - Transpose, Concat, Split, Slice, Expand, Tile ---===//
//
// Ops that only move elements. Named ops and tensor slices are preferred over
// linalg.generic where they express the op exactly: slices bufferize to views
// and named ops keep their meaning visible to later passes.
//
//===----------------------------------------------------------------------===//

#include "dialects/Kiln/KilnOps.h"
#include "lib/Conversion/KilnToLinalg/Patterns.h"
#include "lib/Conversion/KilnToLinalg/TensorPatterns.h"

#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;
using namespace mlir::kiln;
using ::kiln::checkTensorTypes;
using ::kiln::emptyTensor;
using ::kiln::replaceIfEmpty;

namespace {

SmallVector<OpFoldResult> indexAttrs(OpBuilder &b, ArrayRef<int64_t> values) {
  return llvm::map_to_vector(
      values, [&](int64_t v) -> OpFoldResult { return b.getIndexAttr(v); });
}

struct TransposeLowering : OpConversionPattern<TransposeOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(TransposeOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    if (failed(checkTensorTypes(op, rewriter)))
      return failure();
    auto type = cast<RankedTensorType>(op.getType());
    ArrayRef<int64_t> perm = op.getPerm();
    if (type.getNumElements() == 0) {
      rewriter.replaceOp(op, emptyTensor(rewriter, op.getLoc(), type));
      return success();
    }
    if (llvm::equal(perm, llvm::seq<int64_t>(0, perm.size()))) {
      rewriter.replaceOp(op, adaptor.getData());
      return success();
    }
    auto transpose =
        linalg::TransposeOp::create(rewriter, op.getLoc(), adaptor.getData(),
                                    emptyTensor(rewriter, op.getLoc(), type), perm);
    rewriter.replaceOp(op, transpose.getResult());
    return success();
  }
};

struct ConcatLowering : OpConversionPattern<ConcatOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(ConcatOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    if (failed(checkTensorTypes(op, rewriter)))
      return failure();
    auto type = cast<RankedTensorType>(op.getType());
    auto normalized = normalizeAxis(op.getAxis(), type.getRank());
    if (failed(normalized))
      return rewriter.notifyMatchFailure(op, "axis out of range");
    int64_t axis = *normalized;
    // Inputs that are empty along the axis contribute nothing.
    SmallVector<Value> inputs;
    for (Value v : adaptor.getInputs())
      if (cast<RankedTensorType>(v.getType()).getDimSize(axis) != 0)
        inputs.push_back(v);
    if (inputs.empty() || type.getNumElements() == 0) {
      rewriter.replaceOp(op, emptyTensor(rewriter, op.getLoc(), type));
      return success();
    }
    if (inputs.size() == 1) {
      rewriter.replaceOp(op, inputs.front());
      return success();
    }
    rewriter.replaceOpWithNewOp<tensor::ConcatOp>(op, type, axis, inputs);
    return success();
  }
};

struct SplitLowering : OpConversionPattern<SplitOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(SplitOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    if (failed(checkTensorTypes(op, rewriter)))
      return failure();
    auto inType = cast<RankedTensorType>(op.getInput().getType());
    int64_t rank = inType.getRank();
    auto normalized = normalizeAxis(op.getAxis(), rank);
    if (failed(normalized))
      return rewriter.notifyMatchFailure(op, "axis out of range");
    int64_t axis = *normalized;
    SmallVector<Value> results;
    SmallVector<int64_t> offsets(rank, 0), strides(rank, 1);
    for (Value result : op.getOutputs()) {
      auto type = cast<RankedTensorType>(result.getType());
      if (offsets[axis] + type.getDimSize(axis) > inType.getDimSize(axis))
        return rewriter.notifyMatchFailure(op, "split sizes exceed the input");
      // extract_slice rejects offsets at the end of a dimension, even for
      // empty slices; an empty part has no elements to take anyway.
      if (type.getNumElements() == 0) {
        results.push_back(emptyTensor(rewriter, op.getLoc(), type));
        continue;
      }
      results.push_back(tensor::ExtractSliceOp::create(
          rewriter, op.getLoc(), type, adaptor.getInput(), indexAttrs(rewriter, offsets),
          indexAttrs(rewriter, type.getShape()), indexAttrs(rewriter, strides)));
      offsets[axis] += type.getDimSize(axis);
    }
    rewriter.replaceOp(op, results);
    return success();
  }
};

/// Positive steps are one strided extract_slice. Negative steps read
/// data[start + step * i] through an indexing map of a linalg.generic, which
/// walks the dimension backwards without an intermediate reversed copy.
struct SliceLowering : OpConversionPattern<SliceOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(SliceOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    if (failed(checkTensorTypes(op, rewriter)))
      return failure();
    Location loc = op.getLoc();
    auto type = cast<RankedTensorType>(op.getType());
    auto inType = cast<RankedTensorType>(op.getData().getType());
    ArrayRef<int64_t> starts = op.getStarts(), steps = op.getSteps();
    int64_t rank = type.getRank();
    if ((int64_t)starts.size() != rank || (int64_t)steps.size() != rank)
      return rewriter.notifyMatchFailure(op, "starts/steps do not cover every dim");
    if (replaceIfEmpty(op, type, rewriter))
      return success();
    // Every index read must lie inside the input; the verifier guarantees
    // this for clamped bounds, the check keeps a bad attribute from becoming
    // an out-of-bounds read.
    for (int64_t i = 0; i < rank; ++i) {
      int64_t first = starts[i], last = starts[i] + steps[i] * (type.getDimSize(i) - 1);
      if (steps[i] == 0 || std::min(first, last) < 0 ||
          std::max(first, last) >= inType.getDimSize(i))
        return rewriter.notifyMatchFailure(op, "slice reads out of bounds");
    }
    if (llvm::all_of(steps, [](int64_t s) { return s > 0; })) {
      rewriter.replaceOpWithNewOp<tensor::ExtractSliceOp>(
          op, type, adaptor.getData(), indexAttrs(rewriter, starts),
          indexAttrs(rewriter, type.getShape()), indexAttrs(rewriter, steps));
      return success();
    }
    MLIRContext *ctx = rewriter.getContext();
    SmallVector<AffineExpr> exprs;
    for (int64_t i = 0; i < rank; ++i)
      exprs.push_back(getAffineDimExpr(i, ctx) * steps[i] + starts[i]);
    SmallVector<AffineMap> maps = {AffineMap::get(rank, 0, exprs, ctx),
                                   rewriter.getMultiDimIdentityMap(rank)};
    SmallVector<utils::IteratorType> iterators(rank, utils::IteratorType::parallel);
    auto generic = linalg::GenericOp::create(
        rewriter, loc, TypeRange{type}, ValueRange{adaptor.getData()},
        ValueRange{emptyTensor(rewriter, loc, type)}, maps, iterators,
        [](OpBuilder &b, Location l, ValueRange args) {
          linalg::YieldOp::create(b, l, args[0]);
        });
    rewriter.replaceOp(op, generic.getResult(0));
    return success();
  }
};

struct ExpandLowering : OpConversionPattern<ExpandOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(ExpandOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    if (failed(checkTensorTypes(op, rewriter)))
      return failure();
    auto type = cast<RankedTensorType>(op.getType());
    if (adaptor.getInput().getType() == type) {
      rewriter.replaceOp(op, adaptor.getInput());
      return success();
    }
    if (type.getNumElements() == 0) {
      rewriter.replaceOp(op, emptyTensor(rewriter, op.getLoc(), type));
      return success();
    }
    Value result = ::kiln::buildBroadcastGeneric(
        rewriter, op.getLoc(), type, adaptor.getInput(),
        [](OpBuilder &, Location, ValueRange args) { return args[0]; });
    rewriter.replaceOp(op, result);
    return success();
  }
};

/// Tile(x, r) == collapse(broadcast(x) to [r0, d0, r1, d1, ...]): element
/// (k * d + i) of a tiled dimension is x[i], which is exactly the row-major
/// order of the (k, i) pair. Dimensions repeated once get no new dimension.
struct TileLowering : OpConversionPattern<TileOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(TileOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    if (failed(checkTensorTypes(op, rewriter)))
      return failure();
    Location loc = op.getLoc();
    auto type = cast<RankedTensorType>(op.getType());
    auto inType = cast<RankedTensorType>(op.getInput().getType());
    ArrayRef<int64_t> repeats = op.getRepeats();
    if ((int64_t)repeats.size() != inType.getRank())
      return rewriter.notifyMatchFailure(op, "repeats do not cover every dim");
    if (replaceIfEmpty(op, type, rewriter))
      return success();
    if (llvm::all_of(repeats, [](int64_t r) { return r == 1; })) {
      rewriter.replaceOp(op, adaptor.getInput());
      return success();
    }
    SmallVector<int64_t> shape, added;
    SmallVector<ReassociationIndices> groups;
    for (auto [d, r] : llvm::zip(inType.getShape(), repeats)) {
      ReassociationIndices group;
      if (r != 1) {
        added.push_back(shape.size());
        group.push_back(shape.size());
        shape.push_back(r);
      }
      group.push_back(shape.size());
      shape.push_back(d);
      groups.push_back(group);
    }
    auto broadcastType = RankedTensorType::get(shape, type.getElementType());
    auto broadcast =
        linalg::BroadcastOp::create(rewriter, loc, adaptor.getInput(),
                                    emptyTensor(rewriter, loc, broadcastType), added);
    rewriter.replaceOpWithNewOp<tensor::CollapseShapeOp>(
        op, type, broadcast.getResult()[0], groups);
    return success();
  }
};

} // namespace

void ::kiln::populateDataMovementToLinalgPatterns(RewritePatternSet &patterns) {
  patterns.add<TransposeLowering, ConcatLowering, SplitLowering, SliceLowering,
               ExpandLowering, TileLowering>(patterns.getContext());
}
