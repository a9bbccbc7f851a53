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

struct ParallelizeTiles : kiln::impl::ParallelizeTilesBase<ParallelizeTiles> {
  void runOnOperation() override {
    SmallVector<scf::ForOp> loops;
    getOperation().walk([&](scf::ForOp loop) {
      if (loop->hasAttr("kiln.parallel_tiles") && loop.getNumResults() == 0)
        loops.push_back(loop);
    });
    IRRewriter rewriter(&getContext());
    for (scf::ForOp loop : loops) {
      rewriter.setInsertionPoint(loop);
      auto parallel = scf::ParallelOp::create(
          rewriter, loop.getLoc(), ValueRange{loop.getLowerBound()},
          ValueRange{loop.getUpperBound()}, ValueRange{loop.getStep()});
      rewriter.eraseOp(loop.getBody()->getTerminator());
      rewriter.inlineBlockBefore(loop.getBody(), parallel.getBody()->getTerminator(),
                                 parallel.getInductionVars());
      rewriter.eraseOp(loop);
    }
    // Marks that did not become loops (a loop that still carries a value)
    // mean nothing further on.
    getOperation().walk([](scf::ForOp loop) { loop->removeAttr("kiln.parallel_tiles"); });
  }
};

} // namespace
