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

/// Whether `a` and `b` are the same memref: one value, or equal views of one
/// (moveLoopInvariantCode hoists the prologue's and the accumulator's
/// subviews separately, after the last CSE).
bool sameMemRef(Value a, Value b) {
  if (a == b)
    return true;
  Operation *x = a.getDefiningOp(), *y = b.getDefiningOp();
  return x && y && isMemoryEffectFree(x) &&
         OperationEquivalence::isEquivalentTo(x, y,
                                              OperationEquivalence::IgnoreLocations);
}

/// A tile that starts from its bias (kiln-tile-contractions' prologue)
/// writes the bias to the accumulator's location just before `read`, the
/// hoisted accumulator read, which reads it back. The read takes the written
/// vector instead, and the write goes: the hoisted write after the loop
/// stores the same location, and the loop writes no memory. Stored, the
/// bias was a store miss per row of a tile whose output is not in cache
/// (MobileNetV2's 112x112 expansion into its pad, twice as slow).
bool forwardInitialValue(RewriterBase &rewriter, vector::TransferReadOp read) {
  for (Operation *op = read->getPrevNode(); op; op = op->getPrevNode()) {
    auto write = dyn_cast<vector::TransferWriteOp>(op);
    if (!write) {
      if (!isMemoryEffectFree(op))
        return false;
      continue;
    }
    if (!sameMemRef(write.getBase(), read.getBase()) ||
        write.getIndices() != read.getIndices() || write.getMask() ||
        write.getInBoundsValues() != read.getInBoundsValues())
      return false;
    Value value = write.getVector();
    AffineMap written = write.getPermutationMap(), wanted = read.getPermutationMap();
    if (written != wanted) {
      // A transposed tile reads, through a permutation, what the prologue
      // wrote in memory order: the read is a transpose of the written vector.
      if (!written.isMinorIdentity() || !wanted.isPermutation() ||
          written.getNumResults() != wanted.getNumResults())
        return false;
      SmallVector<int64_t> permutation, shape;
      for (unsigned i = 0; i < wanted.getNumResults(); ++i) {
        permutation.push_back(wanted.getDimPosition(i));
        shape.push_back(write.getVectorType().getDimSize(permutation.back()));
      }
      if (ArrayRef(shape) != read.getVectorType().getShape())
        return false;
      rewriter.setInsertionPoint(read);
      value = vector::TransposeOp::create(rewriter, read.getLoc(), value, permutation);
    } else if (write.getVectorType() != read.getVectorType()) {
      return false;
    }
    rewriter.replaceAllUsesWith(read.getResult(), value);
    rewriter.eraseOp(read);
    rewriter.eraseOp(write);
    return true;
  }
  return false;
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
        bool forwarded = forwardInitialValue(rewriter, pair->first);
        // An accumulator stored transposed (kiln-tile-contractions' tiles
        // over an outer output dimension): as transfers with a permuted map
        // it would become scattered scalar loads and stores; as contiguous
        // rows and a vector.transpose, shuffles.
        AffineMap map = pair->second.getPermutationMap();
        if (map.isMinorIdentity() || !map.isPermutation())
          continue;
        if (!forwarded)
          transposed.push_back(pair->first);
        transposed.push_back(pair->second);
      }
    RewritePatternSet patterns(&getContext());
    vector::populateVectorTransferPermutationMapLoweringPatterns(patterns);
    GreedyRewriteConfig config;
    config.setStrictness(GreedyRewriteStrictness::ExistingAndNewOps);
    (void)applyOpPatternsGreedily(transposed, std::move(patterns), config);
  }
};

} // namespace
