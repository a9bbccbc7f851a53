//===- HoistVectorTransfers.cpp - Accumulators stay in registers ----------===//
//
// After bufferization a vectorized register tile reads its accumulator from
// memory and writes it back on every step of the reduction loop. This pass
// moves such a read/write pair with loop-invariant indices out of the loop
// (the value travels as an iter_arg), which turns the loop body into pure
// loads of the operands and FMAs.
//
// Upstream's linalg::hoistRedundantVectorTransfers does the same but gives up
// whenever the memref is a view, and every tile's accumulator is a
// memref.subview of its output. Here aliasing is settled differently: the
// pair is hoisted only when nothing else in the loop writes memory. The
// other reads in the loop then cannot observe the difference unless they
// read the accumulator itself, which bufferized tensor code never does (a
// contraction's output buffer is not one of its inputs, and NAME_run's
// buffers must not overlap).
//
//===----------------------------------------------------------------------===//

#include "lib/Conversion/Passes.h"

#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/Dialect/Vector/Transforms/LoweringPatterns.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"
#include "mlir/Transforms/LoopInvariantCodeMotionUtils.h"

using namespace mlir;

namespace kiln {
#define GEN_PASS_DEF_HOISTVECTORTRANSFERS
#include "lib/Conversion/Passes.h.inc"
} // namespace kiln

namespace {

/// Whether `op` (and what it contains) writes no memory.
bool writesNoMemory(Operation *op) {
  if (auto effects = dyn_cast<MemoryEffectOpInterface>(op)) {
    if (effects.hasEffect<MemoryEffects::Write>() ||
        effects.hasEffect<MemoryEffects::Free>())
      return false;
  } else if (!op->hasTrait<OpTrait::HasRecursiveMemoryEffects>()) {
    return false; // Unknown effects.
  }
  for (Region &region : op->getRegions())
    for (Operation &nested : region.getOps())
      if (!writesNoMemory(&nested))
        return false;
  return true;
}

/// Whether `loop` runs at least once: its bounds are constants.
bool runsAtLeastOnce(scf::ForOp loop) {
  std::optional<int64_t> lb = getConstantIntValue(loop.getLowerBound());
  std::optional<int64_t> ub = getConstantIntValue(loop.getUpperBound());
  return lb && ub && *lb < *ub;
}

/// Hoists the accumulator of `loop` when its body is one read/write pair on
/// the same loop-invariant location plus memory reads. Returns the hoisted
/// read and write, or nothing.
std::optional<std::pair<vector::TransferReadOp, vector::TransferWriteOp>>
hoistAccumulator(RewriterBase &rewriter, scf::ForOp loop) {
  if (!runsAtLeastOnce(loop))
    return std::nullopt;
  vector::TransferWriteOp write;
  for (Operation &op : loop.getBody()->without_terminator()) {
    if (auto candidate = dyn_cast<vector::TransferWriteOp>(op); candidate && !write) {
      write = candidate;
      continue;
    }
    if (!writesNoMemory(&op))
      return std::nullopt;
  }
  if (!write || write.getMask() || !isa<MemRefType>(write.getShapedType()) ||
      !loop.isDefinedOutsideOfLoop(write.getBase()) ||
      !llvm::all_of(write.getIndices(),
                    [&](Value v) { return loop.isDefinedOutsideOfLoop(v); }))
    return std::nullopt;
  vector::TransferReadOp read;
  for (auto candidate : loop.getBody()->getOps<vector::TransferReadOp>())
    if (candidate.getBase() == write.getBase() &&
        candidate.getIndices() == write.getIndices() &&
        candidate.getVectorType() == write.getVectorType() &&
        candidate.getPermutationMap() == write.getPermutationMap() &&
        !candidate.getMask() && candidate->isBeforeInBlock(write)) {
      read = candidate;
      break;
    }
  if (!read || !loop.isDefinedOutsideOfLoop(read.getPadding()))
    return std::nullopt;

  rewriter.moveOpBefore(read, loop);
  auto yieldWritten = [&](OpBuilder &, Location, ArrayRef<BlockArgument>) {
    return SmallVector<Value>{write.getVector()};
  };
  FailureOr<LoopLikeOpInterface> hoisted =
      cast<LoopLikeOpInterface>(loop.getOperation())
          .replaceWithAdditionalYields(rewriter, read.getResult(),
                                       /*replaceInitOperandUsesInLoop=*/true,
                                       yieldWritten);
  if (failed(hoisted))
    return std::nullopt;
  rewriter.moveOpAfter(write, *hoisted);
  rewriter.modifyOpInPlace(write, [&] {
    write.getValueToStoreMutable().assign((*hoisted)->getResults().back());
  });
  return std::make_pair(read, write);
}

struct HoistVectorTransfers : kiln::impl::HoistVectorTransfersBase<HoistVectorTransfers> {
  void runOnOperation() override {
    IRRewriter rewriter(&getContext());
    // Views and index computations that do not change with the loop move out
    // first, so that the accumulator's location is loop-invariant.
    getOperation().walk([](LoopLikeOpInterface loop) { moveLoopInvariantCode(loop); });
    // Innermost loops first; a hoisted pair may become hoistable again from
    // the enclosing loop.
    SmallVector<scf::ForOp> loops;
    getOperation().walk([&](scf::ForOp loop) { loops.push_back(loop); });
    SmallVector<Operation *> transposed;
    for (scf::ForOp loop : loops)
      if (auto pair = hoistAccumulator(rewriter, loop)) {
        // An accumulator stored transposed (kiln-tile-contractions' tiles
        // over an outer output dimension): as transfers with a permuted map
        // it would become scattered scalar loads and stores; as contiguous
        // rows and a vector.transpose, shuffles.
        AffineMap map = pair->second.getPermutationMap();
        if (!map.isMinorIdentity() && map.isPermutation())
          transposed.append({pair->first, pair->second});
      }
    RewritePatternSet patterns(&getContext());
    vector::populateVectorTransferPermutationMapLoweringPatterns(patterns);
    GreedyRewriteConfig config;
    config.setStrictness(GreedyRewriteStrictness::ExistingAndNewOps);
    (void)applyOpPatternsGreedily(transposed, std::move(patterns), config);
  }
};

} // namespace
