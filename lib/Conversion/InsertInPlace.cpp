//===- InsertInPlace.cpp - Producers write into pads and concatenations ---===//
//
// A convolution's input padding (tensor.pad) and a concatenation
// (tensor.concat) bufferize into a new buffer plus a copy of each operand:
// one more pass over the activations per convolution, a tenth of
// MobileNetV2's time. This pass decomposes both into a destination
// (tensor.empty, with the pad's borders filled with the padding value) and
// tensor.insert_slice of each operand (upstream's concat decomposition, and
// for pads DecomposePadToBorders or upstream's DecomposePadOpPattern);
// upstream's eliminate-empty-tensors, which runs next, then makes the op that
// produces each operand write straight into its slice of the destination.
// It does not follow a producer's destinations through reshapes, which
// convolutions' products have (eliminateEmptiesThroughReshapes does that
// part here).
//
//===----------------------------------------------------------------------===//

#include "lib/Conversion/Passes.h"

#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/Transforms/Transforms.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

using namespace mlir;

namespace kiln {
#define GEN_PASS_DEF_INSERTINPLACE
#include "lib/Conversion/Passes.h.inc"
} // namespace kiln

namespace {

/// A tensor.pad as fills of its borders only, then its source inserted.
/// Upstream's decomposition fills the whole destination first, so the
/// interior is written twice: a memset of every padded activation, about 3%
/// of ResNet-18's and MobileNetV2's time. Needs static shapes and a padding
/// value defined outside the pad; preferred to upstream's pattern (benefit
/// 2), which takes the other pads. Each border is one slab across the whole
/// destination (corners are filled twice: a few elements).
struct DecomposePadToBorders : OpRewritePattern<tensor::PadOp> {
  explicit DecomposePadToBorders(MLIRContext *context)
      : OpRewritePattern(context, /*benefit=*/2) {}

  LogicalResult matchAndRewrite(tensor::PadOp pad,
                                PatternRewriter &rewriter) const override {
    Value value = pad.getConstantPaddingValue();
    RankedTensorType type = pad.getResultType(), sourceType = pad.getSourceType();
    ArrayRef<int64_t> low = pad.getStaticLow(), high = pad.getStaticHigh();
    if (!value || !type.hasStaticShape() || !sourceType.hasStaticShape() ||
        ShapedType::isDynamicShape(low) || ShapedType::isDynamicShape(high))
      return rewriter.notifyMatchFailure(pad, "dynamic, or an index-dependent value");
    Location loc = pad.getLoc();
    int64_t rank = type.getRank();
    SmallVector<int64_t> ones(rank, 1);
    Value dest =
        tensor::EmptyOp::create(rewriter, loc, type.getShape(), type.getElementType());
    for (int64_t d = 0; d < rank; ++d)
      for (bool before : {true, false}) {
        int64_t width = before ? low[d] : high[d];
        if (width == 0)
          continue;
        SmallVector<int64_t> offsets(rank, 0), sizes(type.getShape());
        offsets[d] = before ? 0 : low[d] + sourceType.getDimSize(d);
        sizes[d] = width;
        Value empty =
            tensor::EmptyOp::create(rewriter, loc, sizes, type.getElementType());
        Value border = linalg::FillOp::create(rewriter, loc, value, empty).getResult(0);
        dest = tensor::InsertSliceOp::create(rewriter, loc, border, dest, ValueRange{},
                                             ValueRange{}, ValueRange{}, offsets, sizes,
                                             ones);
      }
    rewriter.replaceOpWithNewOp<tensor::InsertSliceOp>(
        pad, pad.getSource(), dest, ValueRange{}, ValueRange{}, ValueRange{}, low,
        sourceType.getShape(), ones);
    return success();
  }
};

/// The tensor.empty that `value` was computed into, through reshapes:
/// followed back through destination-style ops (a result is written into its
/// tied init), loops (a result starts as its init) and expand_shape /
/// collapse_shape (the same elements in the same order). `reshaped` tells
/// whether the chain went through a reshape.
tensor::EmptyOp emptyDestination(Value value, bool &reshaped) {
  reshaped = false;
  for (;;) {
    auto result = dyn_cast<OpResult>(value);
    if (!result)
      return nullptr;
    Operation *op = result.getOwner();
    if (auto empty = dyn_cast<tensor::EmptyOp>(op))
      return empty;
    if (isa<tensor::ExpandShapeOp, tensor::CollapseShapeOp>(op)) {
      reshaped = true;
      value = op->getOperand(0);
      continue;
    }
    OpOperand *tied = nullptr;
    if (auto dps = dyn_cast<DestinationStyleOpInterface>(op))
      tied = dps.getTiedOpOperand(result);
    else if (auto loop = dyn_cast<scf::ForOp>(op))
      tied = loop.getTiedLoopInit(result);
    if (!tied)
      return nullptr;
    value = tied->get();
  }
}

/// Upstream's eliminate-empty-tensors follows a producer's destinations back
/// to its tensor.empty only through ops of one type. A convolution's product
/// runs over flattened pixels (and panels of filter rows): its empty
/// destination has the output's shape, then is collapsed and expanded on the
/// way. Each tensor.insert_slice whose source was computed into an empty of
/// the source's own type through such reshapes gets that empty replaced by
/// the slice of the destination's empty it is inserted into: the producer
/// then writes in place, as eliminate-empty-tensors would have made it.
/// SqueezeNet copied each of its 16 expansions' outputs into its
/// concatenation.
void eliminateEmptiesThroughReshapes(RewriterBase &rewriter, func::FuncOp func) {
  SmallVector<tensor::InsertSliceOp> inserts;
  for (Operation &op : func.getBody().getOps())
    if (auto insert = dyn_cast<tensor::InsertSliceOp>(op))
      inserts.push_back(insert);
  for (tensor::InsertSliceOp insert : inserts) {
    bool reshaped = false;
    tensor::EmptyOp empty = emptyDestination(insert.getSource(), reshaped);
    Operation *dest = insert.getDest().getDefiningOp();
    if (!empty || !reshaped || !empty->hasOneUse() ||
        empty.getType() != insert.getSourceType() || !dest ||
        dest->getBlock() != empty->getBlock())
      continue;
    // Only a contiguous slice (whole trailing dimensions after its first of
    // more than one element, unit strides: a concatenation's operand, not a
    // pad's interior): any reshape of it is a view, where a strided one
    // would be copied into a new buffer and back.
    ArrayRef<int64_t> sizes = insert.getStaticSizes(),
                      shape = insert.getDestType().getShape();
    size_t first = 0;
    while (first < sizes.size() && sizes[first] == 1)
      ++first;
    bool contiguous = insert.hasUnitStride() && !ShapedType::isDynamicShape(sizes);
    for (size_t d = first + 1; d < sizes.size(); ++d)
      contiguous = contiguous && sizes[d] == shape[d];
    if (!contiguous)
      continue;
    // The producer starts from a slice of the destination, which must be
    // there by then. An empty destination has no operands: it moves up. The
    // previous operand's insertion moves up to just after its operands, as
    // upstream's eliminate-empty-tensors orders them: with the destination's
    // empty instead, bufferization saw the producer write into it before
    // the previous operand's insertion read it, and copied.
    if (empty->isBeforeInBlock(dest)) {
      if (isa<tensor::EmptyOp>(dest)) {
        rewriter.moveOpBefore(dest, empty);
      } else if (auto previous = dyn_cast<tensor::InsertSliceOp>(dest)) {
        Operation *last = nullptr;
        for (Value operand : previous->getOperands()) {
          Operation *def = operand.getDefiningOp();
          if (def && def->getBlock() == previous->getBlock() &&
              (!last || last->isBeforeInBlock(def)))
            last = def;
        }
        if (last && !last->isBeforeInBlock(empty))
          continue;
        if (last)
          rewriter.moveOpAfter(previous, last);
        else
          rewriter.moveOpBefore(previous, &previous->getBlock()->front());
      } else {
        continue;
      }
    }
    rewriter.setInsertionPoint(empty);
    rewriter.replaceOpWithNewOp<tensor::ExtractSliceOp>(
        empty, insert.getSourceType(), insert.getDest(), insert.getMixedOffsets(),
        insert.getMixedSizes(), insert.getMixedStrides());
  }
}

struct InsertInPlace : kiln::impl::InsertInPlaceBase<InsertInPlace> {
  void runOnOperation() override {
    SmallVector<Operation *> ops;
    getOperation().walk([&](Operation *op) {
      if (isa<tensor::PadOp, tensor::ConcatOp>(op))
        ops.push_back(op);
    });
    RewritePatternSet patterns(&getContext());
    patterns.add<DecomposePadToBorders>(&getContext());
    linalg::populateDecomposePadPatterns(patterns);
    tensor::populateDecomposeTensorConcatPatterns(patterns);
    GreedyRewriteConfig config;
    config.setStrictness(GreedyRewriteStrictness::ExistingOps);
    (void)applyOpPatternsGreedily(ops, std::move(patterns), config);
    IRRewriter rewriter(&getContext());
    getOperation().walk(
        [&](func::FuncOp func) { eliminateEmptiesThroughReshapes(rewriter, func); });
  }
};

} // namespace
