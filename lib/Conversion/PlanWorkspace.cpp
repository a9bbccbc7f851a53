//===- PlanWorkspace.cpp - Static activation arena for @main --------------===//
//
// After bufferization every intermediate tensor of @main is a memref.alloc.
// The ones with a static size in @main's top-level block are placed in one
// workspace buffer instead: each buffer is live from the first to the last
// top-level op that uses it (or any view of it), and buffers whose live ranges
// do not overlap may share bytes. Offsets are assigned greedily, largest
// buffer first, at the lowest 64-byte aligned offset that does not collide
// with an already placed buffer it is live with (as TFLite's arena planner
// does). The sum is the model's workspace_bytes; NAME_run gets the arena from
// the runtime and passes it as @main's last argument.
//
//===----------------------------------------------------------------------===//

#include "lib/Conversion/Passes.h"

#include "lib/Conversion/BufferAliases.h"

#include "mlir/Interfaces/DataLayoutInterfaces.h"
#include "llvm/ADT/STLExtras.h"

using namespace mlir;

namespace kiln {
#define GEN_PASS_DEF_PLANWORKSPACE
#include "lib/Conversion/Passes.h.inc"
} // namespace kiln

namespace {

constexpr int64_t kAlignment = 64;

struct Buffer {
  memref::AllocOp alloc;
  int64_t bytes = 0;
  int64_t first = 0, last = 0; ///< live range, as top-level op positions
  int64_t offset = -1;
};

/// The top-level positions of the first and last op that use `alloc` or a
/// memref derived from it; failure if it escapes (returned, passed to a call)
/// or has no use. An alloc's bytes mean nothing before their first use, so the
/// range starts there, not at the alloc.
FailureOr<std::pair<int64_t, int64_t>>
liveRange(memref::AllocOp alloc, Block &block,
          const DenseMap<Operation *, int64_t> &position) {
  int64_t first = INT64_MAX, last = -1;
  // Views, casts and reshapes alias the buffer: their uses count too.
  bool escapes = kiln::anyBufferUse(alloc.getResult(), [&](OpOperand &use) {
    Operation *user = use.getOwner();
    Operation *top = block.findAncestorOpInBlock(*user);
    if (isa<func::ReturnOp, func::CallOp>(user) || !top)
      return true;
    first = std::min(first, position.lookup(top));
    last = std::max(last, position.lookup(top));
    return false;
  });
  if (escapes)
    return failure();
  if (last < 0)
    return failure();
  return std::make_pair(first, last);
}

struct PlanWorkspace : ::kiln::impl::PlanWorkspaceBase<PlanWorkspace> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    auto main = module.lookupSymbol<func::FuncOp>("main");
    if (!main || main.isExternal())
      return;
    Block &block = main.getBody().front();
    DenseMap<Operation *, int64_t> position;
    for (auto [i, op] : llvm::enumerate(block))
      position[&op] = i;

    DataLayout layout = DataLayout::closest(main);
    SmallVector<Buffer> buffers;
    for (auto alloc : block.getOps<memref::AllocOp>()) {
      MemRefType type = alloc.getType();
      if (!type.hasStaticShape() || !type.getLayout().isIdentity() ||
          type.getMemorySpace() || type.getNumElements() == 0)
        continue;
      auto range = liveRange(alloc, block, position);
      if (failed(range))
        continue;
      Buffer b;
      b.alloc = alloc;
      b.bytes = type.getNumElements() *
                int64_t(layout.getTypeSize(type.getElementType()).getFixedValue());
      std::tie(b.first, b.last) = *range;
      buffers.push_back(b);
    }

    int64_t total = assignOffsets(buffers);
    module->setAttr("kiln.workspace_bytes",
                    IntegerAttr::get(IntegerType::get(&getContext(), 64), total));
    if (buffers.empty())
      return;

    // The arena is @main's last argument: memref<total x i8>.
    auto arenaType = MemRefType::get({total}, IntegerType::get(&getContext(), 8));
    unsigned index = main.getNumArguments();
    if (failed(main.insertArgument(
            index, arenaType,
            DictionaryAttr::get(
                &getContext(),
                {NamedAttribute(StringAttr::get(&getContext(), "kiln.workspace"),
                                UnitAttr::get(&getContext()))}),
            main.getLoc())))
      return signalPassFailure();
    Value arena = main.getArgument(index);
    for (Buffer &b : buffers) {
      OpBuilder builder(b.alloc);
      Value offset = arith::ConstantIndexOp::create(builder, b.alloc.getLoc(), b.offset);
      Value view = memref::ViewOp::create(builder, b.alloc.getLoc(), b.alloc.getType(),
                                          arena, offset, ValueRange{});
      b.alloc.replaceAllUsesWith(view);
      b.alloc.erase();
    }
  }

  /// Greedy by size: each buffer goes at the lowest aligned offset where it
  /// overlaps no placed buffer that is live at the same time. Returns the arena
  /// size.
  static int64_t assignOffsets(MutableArrayRef<Buffer> buffers) {
    SmallVector<Buffer *> order;
    for (Buffer &b : buffers)
      order.push_back(&b);
    // Ties broken by position (unique) so that the plan is deterministic.
    llvm::sort(order, [](Buffer *a, Buffer *b) {
      return a->bytes != b->bytes ? a->bytes > b->bytes : a->first < b->first;
    });
    int64_t total = 0;
    SmallVector<Buffer *> placed;
    for (Buffer *b : order) {
      SmallVector<Buffer *> live;
      for (Buffer *p : placed)
        if (p->first <= b->last && b->first <= p->last)
          live.push_back(p);
      llvm::sort(live, [](Buffer *x, Buffer *y) { return x->offset < y->offset; });
      int64_t offset = 0;
      for (Buffer *p : live) {
        if (offset + b->bytes <= p->offset)
          break;
        offset =
            std::max<int64_t>(offset, llvm::alignTo(p->offset + p->bytes, kAlignment));
      }
      b->offset = offset;
      total = std::max(total, offset + b->bytes);
      placed.push_back(b);
    }
    return int64_t(llvm::alignTo(total, kAlignment));
  }
};

} // namespace
