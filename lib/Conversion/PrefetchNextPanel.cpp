//===- PrefetchNextPanel.cpp - Prefetch the next panel of strided rows ----===//
//
// A product's register tiles run in a parallel loop nest whose outer
// dimension walks column panels (the pixels of a convolution) and whose inner
// one walks the row tiles that all read that panel. Each reduction step reads
// one row of the panel. When the rows are a page or more apart (ResNet-18's
// stem: an im2col matrix of 147 rows of 12544 pixels, 49 KiB apart), no
// hardware prefetcher follows them, and the first row tile of every panel
// waits for each of its lines from L3 in turn. Every reduction step then also
// prefetches the same row of the next panel into L2, so that it is there when
// the outer loop moves on.
//
// The test is on the view's outer strides, so weights packed in panels
// ([N/32][K][32], contiguous steps, panels K x 128 bytes apart) get the same
// prefetches: a second stream one panel ahead. That pays where the weights
// come from memory: taking it away from packed panels made ResNet-18 3-7%
// slower (its 512-filter layers stream 9.4 MB of weights each) and
// SqueezeNet 1-3% faster, so it stays.
//
//===----------------------------------------------------------------------===//

#include "lib/Conversion/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/IRMapping.h"

using namespace mlir;

namespace kiln {
#define GEN_PASS_DEF_PREFETCHNEXTPANEL
#include "lib/Conversion/Passes.h.inc"
} // namespace kiln

namespace {

constexpr int64_t kCacheLineBytes = 64;

/// Into L2, not L1: the next panel would evict the current one from L1,
/// which every row tile reads (ResNet-18's stem: 0.91 of its time with L2,
/// 0.95-0.98 with L1).
constexpr uint32_t kL2Locality = 2;

/// The dimension of `loop` that walks panels: the first one with two or more
/// iterations and constant bounds, provided an inner dimension with two or
/// more iterations reuses each panel.
std::optional<unsigned> panelDimension(scf::ParallelOp loop) {
  std::optional<unsigned> outer;
  for (unsigned d = 0, e = loop.getNumLoops(); d < e; ++d) {
    std::optional<int64_t> lb = getConstantIntValue(loop.getLowerBound()[d]),
                           ub = getConstantIntValue(loop.getUpperBound()[d]),
                           step = getConstantIntValue(loop.getStep()[d]);
    if (!lb || !ub || !step || *step <= 0 || *ub - *lb < 2 * *step)
      continue;
    if (outer)
      return outer;
    outer = d;
  }
  return std::nullopt;
}

/// The largest stride in bytes of `type`'s dimensions but the innermost (a
/// row or a panel of the view), or nullopt if a stride is not static.
std::optional<int64_t> rowStrideBytes(MemRefType type) {
  SmallVector<int64_t> strides;
  int64_t offset;
  int64_t elementBytes = type.getElementTypeBitWidth() / 8;
  if (elementBytes == 0 || failed(type.getStridesAndOffset(strides, offset)))
    return std::nullopt;
  int64_t largest = 0;
  for (int64_t stride : ArrayRef(strides).drop_back()) {
    if (ShapedType::isDynamic(stride))
      return std::nullopt;
    largest = std::max(largest, stride);
  }
  return largest * elementBytes;
}

struct PrefetchNextPanel : kiln::impl::PrefetchNextPanelBase<PrefetchNextPanel> {
  using Base::Base;

  void runOnOperation() override {
    SmallVector<std::pair<scf::ParallelOp, unsigned>> loops;
    getOperation().walk([&](scf::ParallelOp loop) {
      if (std::optional<unsigned> d = panelDimension(loop))
        loops.push_back({loop, *d});
    });
    for (auto [loop, dim] : loops)
      prefetch(loop, dim);
  }

  void prefetch(scf::ParallelOp loop, unsigned dim) {
    Value iv = loop.getInductionVars()[dim];
    // Vector reads in reduction loops from a view of rows far apart whose
    // offsets use `iv`.
    SmallVector<std::pair<vector::TransferReadOp, memref::SubViewOp>> reads;
    loop.getBody()->walk([&](vector::TransferReadOp read) {
      auto view = read.getBase().getDefiningOp<memref::SubViewOp>();
      if (!view || !isa<scf::ForOp>(read->getParentOp()) ||
          view->getBlock() != read->getBlock() ||
          !llvm::is_contained(view.getOffsets(), iv))
        return;
      MemRefType type = view.getType();
      std::optional<int64_t> stride = rowStrideBytes(type);
      if (type.getRank() < 2 || !type.hasStaticShape() || !stride ||
          *stride < minRowBytes)
        return;
      reads.push_back({read, view});
    });
    if (reads.empty())
      return;
    // The next panel, or the last one again at the end (a prefetch of the
    // panel being read costs a hit; one past the matrix could be any page).
    OpBuilder b = OpBuilder::atBlockBegin(loop.getBody());
    Location loc = loop.getLoc();
    Value step = loop.getStep()[dim];
    Value last = arith::SubIOp::create(b, loc, loop.getUpperBound()[dim], step);
    Value next =
        arith::MinSIOp::create(b, loc, arith::AddIOp::create(b, loc, iv, step), last);
    for (auto [read, view] : reads) {
      b.setInsertionPoint(read);
      IRMapping map;
      map.map(iv, next);
      auto nextView = cast<memref::SubViewOp>(b.clone(*view, map));
      MemRefType type = nextView.getType();
      // One prefetch per cache line of the innermost dimension's extent, at
      // index 0 of the others (the row that this step reads, one panel on).
      int64_t extent = type.getShape().back();
      int64_t perLine =
          std::max<int64_t>(1, kCacheLineBytes * 8 / type.getElementTypeBitWidth());
      Value zero = arith::ConstantIndexOp::create(b, loc, 0);
      for (int64_t i = 0; i < extent; i += perLine) {
        SmallVector<Value> indices(type.getRank() - 1, zero);
        indices.push_back(arith::ConstantIndexOp::create(b, loc, i));
        memref::PrefetchOp::create(b, loc, nextView, indices, /*isWrite=*/false,
                                   kL2Locality, /*isDataCache=*/true);
      }
    }
  }
};

} // namespace
