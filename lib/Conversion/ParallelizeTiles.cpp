//===- ParallelizeTiles.cpp - Tile loops over output tiles run in parallel ===//
//
// kiln-tile-contractions tiles on tensors with scf.for, whose iterations are
// chained through the output tensor; it marks the loops over output tiles
// (not over the reduction) with `kiln.parallel_tiles`. Once bufferized and
// canonicalized, such a loop writes a disjoint part of one buffer per
// iteration and carries nothing: it becomes an scf.parallel, which
// kiln-parallel-to-runtime spreads over the runtime's threads.
//
//===----------------------------------------------------------------------===//

#include "lib/Conversion/Passes.h"

#include "mlir/IR/PatternMatch.h"

using namespace mlir;

namespace kiln {
#define GEN_PASS_DEF_PARALLELIZETILES
#include "lib/Conversion/Passes.h.inc"
} // namespace kiln

namespace {

bool isParallelTile(scf::ForOp loop) {
  return loop->hasAttr("kiln.parallel_tiles") && loop.getNumResults() == 0;
}

/// `loop` and the marked loops perfectly nested in it (the only op in the
/// body of the one before) whose bounds do not depend on the outer loops:
/// the column tiles and the row tiles of a product, for example.
SmallVector<scf::ForOp> perfectNest(scf::ForOp loop) {
  SmallVector<scf::ForOp> nest = {loop};
  for (;;) {
    Block *body = nest.back().getBody();
    auto inner = dyn_cast<scf::ForOp>(body->front());
    if (!inner || body->getOperations().size() != 2 || !isParallelTile(inner) ||
        !llvm::all_of(inner->getOperands(),
                      [&](Value v) { return loop.isDefinedOutsideOfLoop(v); }))
      return nest;
    nest.push_back(inner);
  }
}

struct ParallelizeTiles : kiln::impl::ParallelizeTilesBase<ParallelizeTiles> {
  void runOnOperation() override {
    IRRewriter rewriter(&getContext());
    // Outermost loops first (pre-order); a perfect nest becomes one
    // multi-dimensional scf.parallel, so that kiln-parallel-to-runtime can
    // spread all its tiles, not only the few of its outer loop, over the
    // threads. The inner loops of a nest are gone by the time the walk's
    // list reaches them.
    SmallVector<scf::ForOp> marked;
    getOperation().walk<WalkOrder::PreOrder>([&](scf::ForOp loop) {
      if (isParallelTile(loop))
        marked.push_back(loop);
    });
    DenseSet<Operation *> merged;
    for (scf::ForOp outer : marked) {
      if (merged.contains(outer))
        continue;
      SmallVector<scf::ForOp> nest = perfectNest(outer);
      SmallVector<Value> lbs, ubs, steps;
      for (scf::ForOp loop : nest) {
        lbs.push_back(loop.getLowerBound());
        ubs.push_back(loop.getUpperBound());
        steps.push_back(loop.getStep());
        merged.insert(loop);
      }
      rewriter.setInsertionPoint(outer);
      auto parallel = scf::ParallelOp::create(rewriter, outer.getLoc(), lbs, ubs, steps);
      scf::ForOp inner = nest.back();
      rewriter.eraseOp(inner.getBody()->getTerminator());
      // Each loop's induction variable is one of the new loop's.
      for (auto [loop, iv] : llvm::zip(llvm::drop_end(nest), parallel.getInductionVars()))
        rewriter.replaceAllUsesWith(loop.getInductionVar(), iv);
      rewriter.inlineBlockBefore(inner.getBody(), parallel.getBody()->getTerminator(),
                                 parallel.getInductionVars().back());
      rewriter.eraseOp(outer);
    }
    // Marks that did not become loops (a loop that still carries a value)
    // mean nothing further on.
    getOperation().walk([](scf::ForOp loop) { loop->removeAttr("kiln.parallel_tiles"); });
  }
};

} // namespace
