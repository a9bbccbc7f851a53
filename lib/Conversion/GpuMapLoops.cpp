//===- GpuMapLoops.cpp - Map @main's parallel loops onto GPU threads ------===//
//
// After convert-linalg-to-parallel-loops each linalg op of @main is one
// scf.parallel over its parallel dimensions, with its reduction dimensions as
// scf.for loops inside. This pass decides how each runs on the GPU, for
// upstream's convert-parallel-loops-to-gpu to build the gpu.launch:
//
//  - all dimensions are collapsed into one and tiled by the block size: blocks
//    along x take consecutive tiles and threads the elements of a tile, so
//    consecutive threads touch consecutive output elements (coalesced), and
//    the grid never meets the 65535 limit of the y and z dimensions;
//  - parallel loops nested in that body run sequentially in their thread;
//  - host-level code that reads or writes memory outside any parallel loop
//    (a reduction to a scalar, a sort) runs as a kernel of one thread.
//
// A host-level op whose result the host needs (a value loaded to choose a loop
// bound, say) cannot run as a kernel; it is reported at its ONNX node rather
// than run silently on the host.
//
//===----------------------------------------------------------------------===//

#include "lib/Conversion/Passes.h"

#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/GPU/Transforms/ParallelLoopMapper.h"
#include "mlir/Dialect/SCF/Transforms/Transforms.h"
#include "mlir/Dialect/SCF/Utils/Utils.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "llvm/ADT/SetVector.h"

#include <algorithm>
#include <numeric>

using namespace mlir;

namespace kiln {
#define GEN_PASS_DEF_GPUMAPLOOPS
#include "lib/Conversion/Passes.h.inc"
} // namespace kiln

namespace {

/// Whether `op` or an op nested in it reads or writes a memref.
bool accessesMemory(Operation *op) {
  return op
      ->walk([](Operation *o) {
        auto iface = dyn_cast<MemoryEffectOpInterface>(o);
        if (!iface)
          return WalkResult::advance();
        SmallVector<MemoryEffects::EffectInstance> effects;
        iface.getEffects(effects);
        for (const auto &e : effects)
          if (isa<MemoryEffects::Read, MemoryEffects::Write>(e.getEffect()) &&
              e.getValue() && isa<BaseMemRefType>(e.getValue().getType()))
            return WalkResult::interrupt();
        return WalkResult::advance();
      })
      .wasInterrupted();
}

/// Whether `op` holds kernels or host-side GPU operations: it is host control
/// flow then (a loop over time steps, the weight upload's scf.if).
bool containsDeviceWork(Operation *op) {
  return op
      ->walk([](Operation *o) {
        return isa<scf::ParallelOp, gpu::MemcpyOp, gpu::AllocOp, gpu::DeallocOp>(o)
                   ? WalkResult::interrupt()
                   : WalkResult::advance();
      })
      .wasInterrupted();
}

/// Records the first scf.parallel a transformation creates.
struct NewLoopListener : RewriterBase::Listener {
  scf::ParallelOp created;
  void notifyOperationInserted(Operation *op, OpBuilder::InsertPoint) override {
    if (auto loop = dyn_cast<scf::ParallelOp>(op); loop && !created)
      created = loop;
  }
};

struct GpuMapLoops : kiln::impl::GpuMapLoopsBase<GpuMapLoops> {
  using GpuMapLoopsBase::GpuMapLoopsBase;
  void runOnOperation() override;

private:
  LogicalResult wrapHostAccesses(Block &block);
  void mapLoop(scf::ParallelOp loop);
  /// The single-iteration loops wrapHostAccesses created.
  DenseSet<Operation *> serialKernels;
};

/// The op of `block` that holds `op` (op itself, or the ancestor in `block`).
static Operation *inBlock(Block &block, Operation *op) {
  return block.findAncestorOpInBlock(*op);
}

/// Whether `op` may write memory (device copies and kernels included).
static bool mayWrite(Operation *op) {
  return op
      ->walk([](Operation *o) {
        if (isa<gpu::MemcpyOp>(o))
          return WalkResult::interrupt();
        auto iface = dyn_cast<MemoryEffectOpInterface>(o);
        if (!iface)
          return o->hasTrait<OpTrait::HasRecursiveMemoryEffects>() ||
                         o->getNumRegions() == 0
                     ? WalkResult::advance()
                     : WalkResult::interrupt();
        return iface.hasEffect<MemoryEffects::Write>() ? WalkResult::interrupt()
                                                       : WalkResult::advance();
      })
      .wasInterrupted();
}

/// Host-level loads whose values only kernels use (a scalar hoisted out of a
/// linalg op: OneHot's on/off values, Pad's fill) move into those kernels, when
/// nothing between the load and the kernel may write memory.
static void sinkLoadsIntoKernels(Block &block) {
  for (Operation &op : llvm::make_early_inc_range(block)) {
    auto load = dyn_cast<memref::LoadOp>(op);
    if (!load || load.getResult().use_empty())
      continue;
    SetVector<Operation *> kernels;
    bool sinkable = true;
    for (Operation *user : load.getResult().getUsers()) {
      Operation *top = block.findAncestorOpInBlock(*user);
      if (!top || !isa<scf::ParallelOp>(top)) {
        sinkable = false;
        break;
      }
      kernels.insert(top);
    }
    for (Operation *kernel : kernels)
      for (Operation *o = load->getNextNode(); sinkable && o != kernel;
           o = o->getNextNode())
        sinkable = !mayWrite(o);
    if (!sinkable)
      continue;
    for (Operation *kernel : kernels) {
      auto loop = cast<scf::ParallelOp>(kernel);
      OpBuilder b = OpBuilder::atBlockBegin(loop.getBody());
      Operation *copy = b.clone(*load);
      load.getResult().replaceUsesWithIf(copy->getResult(0), [&](OpOperand &use) {
        return loop->isAncestor(use.getOwner());
      });
    }
    load.erase();
  }
}

/// Wraps host-level code of `block` that touches memory in parallel loops of
/// one iteration; descends into host control flow that holds device work.
/// A kernel takes a contiguous range of ops, from an op that touches memory to
/// the last op of the block that uses a value of the range (so loads feeding
/// arithmetic feeding a store run together, in their order). Side-effect free
/// ops whose operands come from before the range (constants, index
/// arithmetic) are hoisted out of it first, because later kernels may use them.
LogicalResult GpuMapLoops::wrapHostAccesses(Block &block) {
  sinkLoadsIntoKernels(block);
  auto isDeviceWork = [](Operation &op) {
    return isa<scf::ParallelOp, gpu::MemcpyOp, gpu::AllocOp, gpu::DeallocOp>(op) ||
           containsDeviceWork(&op);
  };
  for (auto it = block.begin(); it != block.end(); ++it) {
    Operation &op = *it;
    if (isDeviceWork(op)) {
      if (!isa<scf::ParallelOp>(op))
        for (Region &region : op.getRegions())
          for (Block &inner : region)
            if (failed(wrapHostAccesses(inner)))
              return failure();
      continue;
    }
    if (!accessesMemory(&op) || op.hasTrait<OpTrait::IsTerminator>())
      continue;
    // Grow [first, last] until no value defined in it is used after it.
    Operation *first = &op, *last = &op;
    DenseSet<Operation *> range = {&op};
    for (bool grown = true; grown;) {
      grown = false;
      for (Operation *o = first;; o = o->getNextNode()) {
        range.insert(o);
        for (Operation *user : o->getUsers()) {
          Operation *top = inBlock(block, user);
          if (!top || top->isBeforeInBlock(last) || top == last)
            continue;
          if (isDeviceWork(*top) || top->hasTrait<OpTrait::IsTerminator>())
            return user->emitError("cannot run on the GPU yet: it needs a value that '")
                   << o->getName() << "' computes on the host";
          last = top;
          grown = true;
        }
        if (o == last)
          break;
      }
    }
    // Hoist what the host may need and can compute without memory.
    for (Operation *o = first->getNextNode(), *end = last->getNextNode(); o != end;) {
      Operation *next = o->getNextNode();
      bool hoistable =
          o->getNumRegions() == 0 && isMemoryEffectFree(o) &&
          llvm::none_of(o->getOperands(), [&](Value v) {
            Operation *def = v.getDefiningOp();
            return def && def->getBlock() == &block && !def->isBeforeInBlock(first);
          });
      if (hoistable)
        o->moveBefore(first);
      o = next;
    }
    OpBuilder b(first);
    Location loc = first->getLoc();
    Value zero = arith::ConstantIndexOp::create(b, loc, 0);
    Value one = arith::ConstantIndexOp::create(b, loc, 1);
    auto kernel = scf::ParallelOp::create(b, loc, ValueRange{zero}, ValueRange{one},
                                          ValueRange{one});
    Block *body = kernel.getBody();
    body->getOperations().splice(body->getTerminator()->getIterator(),
                                 block.getOperations(), first->getIterator(),
                                 std::next(last->getIterator()));
    serialKernels.insert(kernel);
    it = kernel->getIterator();
  }
  return success();
}

void GpuMapLoops::mapLoop(scf::ParallelOp loop) {
  MLIRContext *ctx = &getContext();
  auto dim = [&](gpu::Processor p) {
    return gpu::ParallelLoopDimMappingAttr::get(
        ctx, p, AffineMap::getMultiDimIdentityMap(1, ctx),
        AffineMap::getMultiDimIdentityMap(1, ctx));
  };
  auto sequential = [&](scf::ParallelOp inner) {
    SmallVector<gpu::ParallelLoopDimMappingAttr> mapping(inner.getNumLoops(),
                                                         dim(gpu::Processor::Sequential));
    (void)gpu::setMappingAttr(inner, mapping);
  };
  loop.getBody()->walk([&](scf::ParallelOp inner) { sequential(inner); });
  if (serialKernels.contains(loop)) {
    (void)gpu::setMappingAttr(loop, {dim(gpu::Processor::BlockX)});
    return;
  }
  // The iteration count, when static, caps the block size.
  std::optional<int64_t> count = 1;
  for (auto [lb, ub, step] :
       llvm::zip(loop.getLowerBound(), loop.getUpperBound(), loop.getStep())) {
    std::optional<int64_t> l = getConstantIntValue(lb), u = getConstantIntValue(ub),
                           s = getConstantIntValue(step);
    if (count && l && u && s && *s > 0)
      *count *= *u <= *l ? 0 : (*u - *l + *s - 1) / *s;
    else
      count.reset();
  }
  // One dimension, normalized to [0, n) with step 1.
  if (loop.getNumLoops() > 1 || !matchPattern(loop.getLowerBound()[0], m_Zero()) ||
      !matchPattern(loop.getStep()[0], m_One())) {
    std::vector<unsigned> all(loop.getNumLoops());
    std::iota(all.begin(), all.end(), 0);
    NewLoopListener listener;
    IRRewriter rewriter(ctx, &listener);
    collapseParallelLoops(rewriter, loop, {all});
    loop = listener.created;
  }
  int64_t tile = count ? std::clamp<int64_t>(*count, 1, blockSize) : blockSize;
  auto [blocks, threads] = scf::tileParallelLoop(loop, {tile}, /*noMinMaxBounds=*/true);
  (void)gpu::setMappingAttr(blocks, {dim(gpu::Processor::BlockX)});
  (void)gpu::setMappingAttr(threads, {dim(gpu::Processor::ThreadX)});
}

void GpuMapLoops::runOnOperation() {
  auto main = getOperation().lookupSymbol<func::FuncOp>("main");
  if (!main || main.isExternal())
    return;
  serialKernels.clear();
  if (failed(wrapHostAccesses(main.front())))
    return signalPassFailure();
  SmallVector<scf::ParallelOp> outermost;
  main.walk<WalkOrder::PreOrder>([&](scf::ParallelOp loop) {
    outermost.push_back(loop);
    return WalkResult::skip();
  });
  for (scf::ParallelOp loop : outermost) {
    if (loop.getNumResults() != 0) {
      loop.emitError("cannot run on the GPU yet: a parallel loop with a reduction");
      return signalPassFailure();
    }
    mapLoop(loop);
  }
}

} // namespace
