//===- VectorizeElementwise.cpp - Elementwise ops as vector code ----------===//
//
// What is left of a network after the contractions are tiled is elementwise:
// activations, residual adds, bias broadcasts, and the depthwise
// convolutions and pools that kiln-decompose-windows turned into sums of
// shifted views. Lowered to scalar loops, LLVM's loop vectorizer picks them
// up only when the innermost loop runs at least one vector's worth: a row of
// a 14x14 or 7x7 feature map (MobileNetV2's later layers) runs entirely in
// the scalar remainder loop.
//
// This pass, after bufferization, vectorizes such ops itself:
//  1. trailing loop dimensions that every operand walks contiguously (the
//     rows of a whole feature map, not a strided view) are collapsed into
//     one, so that a 14x14 map is one run of 196 elements;
//  2. the innermost dimension is split into whole vectors and a remainder
//     (linalg::splitOp), every other dimension tiled by 1 (scf.for; the
//     loops are marked `kiln.parallel_tiles` for kiln-parallelize-tiles);
//     with many rows, the rows are tiled first, so that the vectors and
//     the remainder of a row are one loop nest;
//  3. each tile is vectorized (linalg::vectorize), the remainder as a
//     shorter vector; reads of views with a small innermost stride (the
//     taps of a stride-2 depthwise convolution) become contiguous reads
//     and a shuffle rather than a load per lane.
//
//===----------------------------------------------------------------------===//

#include "lib/Conversion/Passes.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/Transforms/TileUsingInterface.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/PatternMatch.h"

using namespace mlir;

namespace kiln {
#define GEN_PASS_DEF_VECTORIZEELEMENTWISE
#include "lib/Conversion/Passes.h.inc"
} // namespace kiln

namespace {

/// Views with a larger innermost stride keep their per-lane loads: the
/// contiguous read would load more than s times the data it uses.
constexpr int64_t kMaxShuffledStride = 4;

/// Bits of the widest element `op` reads or writes, or nullopt when an
/// element type cannot live in a vector register as it lives in memory
/// (i1 is a byte in memory but a bit in a vector), or is not a number.
std::optional<unsigned> widestElementBits(linalg::GenericOp op) {
  unsigned widest = 0;
  for (Value v : op->getOperands()) {
    Type t = getElementTypeOrSelf(v.getType());
    if (!t.isIntOrFloat() || t.getIntOrFloatBitWidth() < 8)
      return std::nullopt;
    widest = std::max(widest, t.getIntOrFloatBitWidth());
  }
  return widest;
}

/// Whether `op` is an elementwise op over static buffers whose innermost loop
/// is the innermost dimension of every operand that uses it, with a body of
/// arithmetic that has vector forms.
bool isCandidate(linalg::GenericOp op) {
  if (!op.hasPureBufferSemantics() || op.hasDynamicShape() || op.getNumLoops() == 0 ||
      op.getNumReductionLoops() != 0 || op.hasIndexSemantics())
    return false;
  unsigned innermost = op.getNumLoops() - 1;
  for (OpOperand &operand : op->getOpOperands()) {
    AffineMap map = op.getMatchingIndexingMap(&operand);
    if (!map.isProjectedPermutation())
      return false;
    if (op.isDpsInit(&operand) && !map.isIdentity())
      return false;
    // Transposed reads would be gathers: leave them to LLVM.
    std::optional<unsigned> position =
        map.getResultPosition(getAffineDimExpr(innermost, op.getContext()));
    if (position && *position != map.getNumResults() - 1)
      return false;
  }
  for (Operation &inner : op.getRegion().front().without_terminator()) {
    if (!isa<arith::ArithDialect, math::MathDialect>(inner.getDialect()))
      return false;
    for (Type t : inner.getResultTypes())
      if (!t.isIntOrFloat())
        return false;
  }
  return widestElementBits(op).has_value();
}

/// The longest run of trailing loop dimensions of `op` that every operand
/// either ignores or walks as consecutive, contiguous memory dimensions, as
/// a reassociation of the loops (empty when nothing collapses).
SmallVector<ReassociationIndices> collapsibleTail(linalg::GenericOp op) {
  unsigned loops = op.getNumLoops();
  unsigned first = loops - 1;
  auto works = [&](unsigned start) {
    ReassociationIndices tail;
    for (unsigned d = start; d < loops; ++d)
      tail.push_back(d);
    for (OpOperand &operand : op->getOpOperands()) {
      AffineMap map = op.getMatchingIndexingMap(&operand);
      if (!linalg::isDimSequencePreserved(map, tail))
        return false;
      std::optional<unsigned> position =
          map.getResultPosition(getAffineDimExpr(start, op.getContext()));
      if (!position)
        continue;
      // The operand's dimensions [position, position + tail size) in one
      // group, as memref.collapse_shape will need them.
      auto type = cast<MemRefType>(operand.get().getType());
      SmallVector<ReassociationIndices> groups;
      for (int64_t d = 0; d < type.getRank(); ++d)
        if (d <= int64_t(*position) || d >= int64_t(*position + tail.size()))
          groups.push_back({d});
        else
          groups.back().push_back(d);
      if (!memref::CollapseShapeOp::isGuaranteedCollapsible(type, groups))
        return false;
    }
    return true;
  };
  while (first > 0 && works(first - 1))
    --first;
  if (first == loops - 1)
    return {};
  SmallVector<ReassociationIndices> groups;
  for (unsigned d = 0; d < first; ++d)
    groups.push_back({int64_t(d)});
  groups.emplace_back();
  for (unsigned d = first; d < loops; ++d)
    groups.back().push_back(d);
  return groups;
}

/// A vector read from a view whose innermost stride is a small constant s
/// (a tap of a stride-2 depthwise convolution or pool) lowers to one scalar
/// load per lane. This reads the (n - 1) * s + 1 elements the n lanes span
/// as one contiguous vector of n * s lanes instead (masked: the last s - 1
/// are past the span) and keeps every s-th lane with a shuffle.
void readStridedAsShuffle(RewriterBase &rewriter, vector::TransferReadOp read) {
  auto type = dyn_cast<MemRefType>(read.getBase().getType());
  VectorType vectorType = read.getVectorType();
  if (!type || read.getMask() || vectorType.isScalable() ||
      !read.getPermutationMap().isMinorIdentity() ||
      !llvm::all_of(vectorType.getShape().drop_back(),
                    [](int64_t d) { return d == 1; }) ||
      type.getRank() != vectorType.getRank())
    return;
  // In bounds: marked so, or (as linalg::vectorize writes a tile's reads)
  // the whole of a view of the vector's shape.
  for (auto [dim, index, size, inBounds] :
       llvm::zip(type.getShape(), read.getIndices(), vectorType.getShape(),
                 read.getInBoundsValues()))
    if (!inBounds && (dim != size || getConstantIntValue(index) != 0))
      return;
  SmallVector<int64_t> strides;
  int64_t offset;
  if (failed(type.getStridesAndOffset(strides, offset)) || strides.empty() ||
      ShapedType::isDynamic(strides.back()) || strides.back() < 2 ||
      strides.back() > kMaxShuffledStride)
    return;
  int64_t stride = strides.back(), lanes = vectorType.getShape().back();
  Location loc = read.getLoc();
  rewriter.setInsertionPoint(read);
  auto metadata = memref::ExtractStridedMetadataOp::create(rewriter, loc, read.getBase());
  Value first = metadata.getOffset();
  for (auto [index, dimStride] : llvm::zip(read.getIndices(), metadata.getStrides()))
    first = arith::AddIOp::create(rewriter, loc, first,
                                  arith::MulIOp::create(rewriter, loc, index, dimStride));
  int64_t span = (lanes - 1) * stride + 1;
  auto spanType = MemRefType::get(
      {span}, type.getElementType(),
      StridedLayoutAttr::get(rewriter.getContext(), ShapedType::kDynamic, {1}));
  Value contiguous = memref::ReinterpretCastOp::create(
      rewriter, loc, spanType, metadata.getBaseBuffer(), OpFoldResult(first),
      ArrayRef<OpFoldResult>{rewriter.getIndexAttr(span)},
      ArrayRef<OpFoldResult>{rewriter.getIndexAttr(1)});
  Value zero = arith::ConstantIndexOp::create(rewriter, loc, 0);
  Value wide = vector::TransferReadOp::create(
      rewriter, loc, VectorType::get({lanes * stride}, type.getElementType()), contiguous,
      ValueRange{zero}, read.getPadding(), ArrayRef<bool>{false});
  SmallVector<int64_t> picked;
  for (int64_t lane = 0; lane < lanes; ++lane)
    picked.push_back(lane * stride);
  Value every = vector::ShuffleOp::create(rewriter, loc, wide, wide, picked);
  rewriter.replaceOpWithNewOp<vector::ShapeCastOp>(read, vectorType, every);
}

/// Tiles every loop of `op` but the innermost by one and the innermost by
/// `innermost` (0: not at all), replaces `op` by the tile and returns it.
/// The loops are marked for kiln-parallelize-tiles: each iteration writes its
/// own part of the output, as the op is elementwise and its output map is the
/// identity.
FailureOr<linalg::LinalgOp> tileRows(RewriterBase &rewriter, linalg::LinalgOp op,
                                     int64_t innermost) {
  // The ranges are a local: a range-for over llvm::drop_end of the returned
  // temporary would read it after it is destroyed.
  SmallVector<int64_t> ranges = op.getStaticLoopRanges(), sizes;
  for (int64_t b : llvm::drop_end(ranges))
    sizes.push_back(b == 1 ? 0 : 1);
  sizes.push_back(innermost);
  scf::SCFTilingOptions options;
  options.setTileSizes(getAsIndexOpFoldResult(rewriter.getContext(), sizes));
  rewriter.setInsertionPoint(op);
  FailureOr<scf::SCFTilingResult> tiled =
      scf::tileUsingSCF(rewriter, cast<TilingInterface>(op.getOperation()), options);
  if (failed(tiled) || tiled->tiledOps.size() != 1)
    return failure();
  rewriter.eraseOp(op);
  for (LoopLikeOpInterface loop : tiled->loops)
    loop->setAttr("kiln.parallel_tiles", rewriter.getUnitAttr());
  return cast<linalg::LinalgOp>(tiled->tiledOps.front());
}

/// Tiles `op` into single vectors of `width` elements of its innermost
/// dimension and vectorizes each tile. A remainder narrower than a vector is
/// a shorter vector, which LLVM lowers to the target's vectors and, on
/// AVX-512, masked loads and stores.
LogicalResult tileAndVectorize(RewriterBase &rewriter, linalg::LinalgOp op,
                               int64_t width) {
  FailureOr<linalg::LinalgOp> tile = tileRows(rewriter, op, width);
  if (failed(tile))
    return failure();
  rewriter.setInsertionPoint(*tile);
  // The vector ops go where the tile was: the reads are what precedes it.
  Operation *before = (*tile)->getPrevNode();
  Block *block = (*tile)->getBlock();
  FailureOr<linalg::VectorizationResult> vectorized = linalg::vectorize(rewriter, *tile);
  if (failed(vectorized))
    return failure();
  rewriter.replaceOp(*tile, vectorized->replacements);
  SmallVector<vector::TransferReadOp> reads;
  for (Operation &op : llvm::make_range(
           before ? std::next(before->getIterator()) : block->begin(), block->end()))
    if (auto read = dyn_cast<vector::TransferReadOp>(op))
      reads.push_back(read);
  for (vector::TransferReadOp read : reads)
    readStridedAsShuffle(rewriter, read);
  return success();
}

/// Rows (outer iterations) from which kiln-vectorize-elementwise puts an op's
/// whole vectors and remainder in one loop over the rows: with fewer, the
/// loop over the vectors of a row is where the threads find their work.
constexpr int64_t kMinRowsForOneLoop = 16;

/// When `op` has at least kMinRowsForOneLoop rows, tiles it by rows
/// (tileRows) and makes `op` the tile: one row, which the caller splits into
/// vectors and a remainder.
LogicalResult tileOuterByOne(RewriterBase &rewriter, linalg::LinalgOp &op) {
  int64_t rows = 1;
  // Saturates: only whether there are kMinRowsForOneLoop matters.
  SmallVector<int64_t> ranges = op.getStaticLoopRanges();
  for (int64_t b : llvm::drop_end(ranges))
    rows = std::min(kMinRowsForOneLoop, rows * std::min(kMinRowsForOneLoop, b));
  if (rows < kMinRowsForOneLoop)
    return success();
  FailureOr<linalg::LinalgOp> row = tileRows(rewriter, op, /*innermost=*/0);
  if (failed(row))
    return failure();
  op = *row;
  return success();
}

struct VectorizeElementwise : kiln::impl::VectorizeElementwiseBase<VectorizeElementwise> {
  using Base::Base;

  void runOnOperation() override {
    IRRewriter rewriter(&getContext());
    // Strided copies (kiln-copies-to-linalg: a tensor into its pad, the taps
    // of an im2col matrix) are elementwise too.
    SmallVector<linalg::CopyOp> copies;
    getOperation().walk([&](linalg::CopyOp copy) {
      if (copy.hasPureBufferSemantics() && !copy.hasDynamicShape())
        copies.push_back(copy);
    });
    for (linalg::CopyOp copy : copies) {
      rewriter.setInsertionPoint(copy);
      (void)linalg::generalizeNamedOp(rewriter, copy);
    }
    SmallVector<linalg::GenericOp> candidates;
    getOperation().walk([&](linalg::GenericOp op) {
      if (isCandidate(op))
        candidates.push_back(op);
    });
    for (linalg::GenericOp op : candidates) {
      int64_t lanes = std::max<int64_t>(1, vectorBits / *widestElementBits(op));
      linalg::LinalgOp current = op;
      SmallVector<ReassociationIndices> groups = collapsibleTail(op);
      if (!groups.empty()) {
        rewriter.setInsertionPoint(op);
        FailureOr<linalg::CollapseResult> collapsed =
            linalg::collapseOpIterationDims(op, groups, rewriter);
        if (succeeded(collapsed)) {
          rewriter.eraseOp(op);
          current = collapsed->collapsedOp;
        }
      }
      int64_t extent = current.getStaticLoopRanges().back();
      if (extent < std::min<int64_t>(lanes, 4))
        continue; // Mostly unused lanes: leave it to scalar code.
      // Whole vectors, then the remainder, each with a static shape.
      SmallVector<std::pair<linalg::LinalgOp, int64_t>> pieces;
      int64_t whole = extent / lanes * lanes;
      if (whole != 0 && whole != extent) {
        // With many rows, both go in one loop over the rows: one parallel
        // loop, not one for the vectors and one for the remainders. An
        // im2col copy of 27-pixel rows (16 + 11) was 18 loops per 3x3
        // convolution, each a fork and a join of the threads.
        if (failed(tileOuterByOne(rewriter, current))) {
          current->emitError("internal error: could not tile this elementwise op");
          return signalPassFailure();
        }
        rewriter.setInsertionPoint(current);
        auto [head, tail] =
            linalg::splitOp(rewriter, cast<TilingInterface>(current.getOperation()),
                            current.getNumLoops() - 1, rewriter.getIndexAttr(whole));
        pieces.push_back({cast<linalg::LinalgOp>(head.getOperation()), lanes});
        pieces.push_back({cast<linalg::LinalgOp>(tail.getOperation()), extent - whole});
      } else {
        pieces.push_back({current, std::min(extent, lanes)});
      }
      for (auto [piece, width] : pieces)
        if (failed(tileAndVectorize(rewriter, piece, width))) {
          piece->emitError("internal error: could not vectorize this elementwise op");
          return signalPassFailure();
        }
    }
  }
};

} // namespace
