//===- CopiesToLinalg.cpp - Copies as linalg.copy of strided views --------===//

#include "lib/Conversion/Passes.h"

#include "mlir/Analysis/FlatLinearValueConstraints.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

using namespace mlir;

namespace kiln {
#define GEN_PASS_DEF_COPIESTOLINALG
#include "lib/Conversion/Passes.h.inc"
} // namespace kiln

namespace {

struct StridedCopyToLinalg : OpRewritePattern<memref::CopyOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(memref::CopyOp copy,
                                PatternRewriter &rewriter) const override {
    auto source = cast<MemRefType>(copy.getSource().getType());
    auto target = cast<MemRefType>(copy.getTarget().getType());
    if (source.getLayout().isIdentity() && target.getLayout().isIdentity())
      return failure(); // Contiguous: memcpy is best.
    rewriter.replaceOpWithNewOp<linalg::CopyOp>(copy, copy.getSource(), copy.getTarget());
    return success();
  }
};

/// A generic that copies windows of its input, im2col's
/// col[n, c, kh, kw, oh, ow] = input[n, c, oh * sh + kh, ow * sw + kw]
/// (kiln-tile-contractions): each loop steps through the input by a constant
/// number of elements, so the input it reads is one strided view of the
/// input buffer, with dimensions that overlap (kh and oh both walk the
/// input's rows). It becomes a linalg.copy from that view
/// (memref.reinterpret_cast), which kiln-vectorize-elementwise copies as rows
/// of vectors in one loop nest; the generic's input map, not a permutation,
/// would leave it to scalar loops.
struct WindowCopyFromView : OpRewritePattern<linalg::GenericOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(linalg::GenericOp op,
                                PatternRewriter &rewriter) const override {
    if (!op.hasPureBufferSemantics() || !op.isSingleYieldOp() ||
        op.getNumParallelLoops() != op.getNumLoops())
      return failure();
    AffineMap inputMap = op.getIndexingMapsArray()[0];
    if (inputMap.isProjectedPermutation() || !op.getIndexingMapsArray()[1].isIdentity() ||
        inputMap.getNumSymbols() != 0)
      return failure();
    Value input = op.getDpsInputOperand(0)->get();
    auto inputType = dyn_cast<MemRefType>(input.getType());
    auto outputType = dyn_cast<MemRefType>(op.getDpsInitOperand(0)->get().getType());
    if (!inputType || !outputType || !outputType.hasStaticShape())
      return failure();
    SmallVector<int64_t> inputStrides;
    int64_t offset;
    if (failed(inputType.getStridesAndOffset(inputStrides, offset)) ||
        ShapedType::isDynamic(offset) ||
        llvm::any_of(inputStrides, ShapedType::isDynamic))
      return failure();
    // Loop index i reads input element offset + sum_r map_r(i) * stride_r,
    // which is offset' + sum_d i_d * stride'_d. Each map_r flattens to
    // [coefficients of the loops..., constant]; a division or a modulo adds
    // local terms, and such a map is no window.
    unsigned loops = op.getNumLoops();
    std::vector<SmallVector<int64_t, 8>> flattened;
    if (failed(getFlattenedAffineExprs(inputMap, &flattened)))
      return failure();
    SmallVector<int64_t> strides(loops, 0);
    for (auto [terms, inputStride] : llvm::zip(flattened, inputStrides)) {
      if (terms.size() != loops + 1)
        return failure();
      offset += terms.back() * inputStride;
      for (unsigned d = 0; d < loops; ++d)
        strides[d] += terms[d] * inputStride;
    }
    // Windows only: every loop moves forward through the input (a loop
    // that does not would broadcast, which the vector reads do not expect).
    // A size-1 loop never moves, whatever its stride.
    ArrayRef<int64_t> shape = outputType.getShape();
    for (unsigned d = 0; d < loops; ++d)
      if (strides[d] <= 0 && shape[d] != 1)
        return failure();
    if (offset < 0)
      return failure();
    auto viewType = MemRefType::get(shape, inputType.getElementType(),
                                    StridedLayoutAttr::get(getContext(), offset, strides),
                                    inputType.getMemorySpace());
    rewriter.setInsertionPoint(op);
    Value view = memref::ReinterpretCastOp::create(rewriter, op.getLoc(), viewType, input,
                                                   offset, shape, strides);
    rewriter.replaceOpWithNewOp<linalg::CopyOp>(op, view, op.getDpsInitOperand(0)->get());
    return success();
  }
};

struct CopiesToLinalg : ::kiln::impl::CopiesToLinalgBase<CopiesToLinalg> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<StridedCopyToLinalg, WindowCopyFromView>(&getContext());
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace
