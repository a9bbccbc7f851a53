//===- GpuDeviceMemory.cpp - Put @main's buffers in GPU memory ------------===//
//
// For --target=cuda every buffer a kernel touches must live in device memory.
// After bufferization and kiln-plan-workspace, @main's buffers are: the graph
// inputs and outputs (host pointers from NAME_run), the weights (read-only
// memref.globals in the object), the planned arena, and the few allocations
// the planner left alone. This pass makes the arena a device buffer and
// extends it with one region per weight, input and output:
//
//   [ planned activations | weights | inputs | outputs ]
//
// Inputs are copied in at entry, outputs out before each return, and the
// weights only when the new last argument (`upload_weights`, i32) is non-zero:
// the runtime keeps a context's arena between runs and asks for the upload on
// the first one. Remaining heap allocations become gpu.alloc/gpu.dealloc and
// host-level memref.copy becomes gpu.memcpy, so that after this pass only
// kernels (and the copies) dereference @main's memory.
//
//===----------------------------------------------------------------------===//

#include "lib/Conversion/Passes.h"

#include "lib/Conversion/BufferAliases.h"

#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Interfaces/DataLayoutInterfaces.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "mlir/Interfaces/ViewLikeInterface.h"
#include "llvm/Support/MathExtras.h"

using namespace mlir;

namespace kiln {
#define GEN_PASS_DEF_GPUDEVICEMEMORY
#include "lib/Conversion/Passes.h.inc"
} // namespace kiln

namespace {

/// Coalesced global loads want at least 128-byte aligned rows; 256 also
/// matches what cuMemAlloc returns.
constexpr int64_t kDeviceAlignment = 256;

/// Whether anything writes to `root` or to a view, cast or reshape of it.
/// Ops whose effects are unknown count as writes.
bool isWritten(Value root) {
  return kiln::anyBufferUse(root, [](OpOperand &use) {
    Operation *user = use.getOwner();
    if (isa<ViewLikeOpInterface, memref::CastOp, memref::CollapseShapeOp,
            memref::ExpandShapeOp, memref::ReshapeOp>(user))
      return false;
    auto effects = dyn_cast<MemoryEffectOpInterface>(user);
    if (!effects)
      return true;
    SmallVector<MemoryEffects::EffectInstance> list;
    effects.getEffects(list);
    return llvm::any_of(list, [&](const MemoryEffects::EffectInstance &e) {
      return isa<MemoryEffects::Write>(e.getEffect()) &&
             (!e.getValue() || e.getValue() == use.get());
    });
  });
}

bool insideParallelLoop(Operation *op) {
  return op->getParentOfType<scf::ParallelOp>() != nullptr;
}

struct GpuDeviceMemory : kiln::impl::GpuDeviceMemoryBase<GpuDeviceMemory> {
  void runOnOperation() override;
};

void GpuDeviceMemory::runOnOperation() {
  ModuleOp module = getOperation();
  MLIRContext *ctx = &getContext();
  auto main = module.lookupSymbol<func::FuncOp>("main");
  if (!main || main.isExternal())
    return;
  Block &entry = main.front();
  DataLayout layout = DataLayout::closest(main);
  auto bytesOf = [&](MemRefType type) {
    return type.getNumElements() *
           int64_t(layout.getTypeSize(type.getElementType()).getFixedValue());
  };

  // The arena: kiln-plan-workspace's, or a new last argument.
  std::optional<unsigned> arenaIndex;
  for (unsigned i = 0, e = main.getNumArguments(); i < e; ++i)
    if (main.getArgAttr(i, "kiln.workspace"))
      arenaIndex = i;
  int64_t size = 0;
  if (auto attr = module->getAttrOfType<IntegerAttr>("kiln.workspace_bytes"))
    size = attr.getInt();
  unsigned numUserArgs = arenaIndex ? *arenaIndex : main.getNumArguments();
  if (!arenaIndex) {
    arenaIndex = main.getNumArguments();
    if (failed(main.insertArgument(
            *arenaIndex, MemRefType::get({0}, IntegerType::get(ctx, 8)),
            DictionaryAttr::get(ctx,
                                {NamedAttribute(StringAttr::get(ctx, "kiln.workspace"),
                                                UnitAttr::get(ctx))}),
            main.getLoc())))
      return signalPassFailure();
  }
  BlockArgument arena = main.getArgument(*arenaIndex);
  unsigned flagIndex = main.getNumArguments();
  if (failed(main.insertArgument(
          flagIndex, IntegerType::get(ctx, 32),
          DictionaryAttr::get(ctx,
                              {NamedAttribute(StringAttr::get(ctx, "kiln.upload_weights"),
                                              UnitAttr::get(ctx))}),
          main.getLoc())))
    return signalPassFailure();
  BlockArgument uploadFlag = main.getArgument(flagIndex);

  OpBuilder b = OpBuilder::atBlockBegin(&entry);
  Location loc = main.getLoc();
  // A region of the arena for `type`, as a view at the start of @main.
  auto place = [&](MemRefType type) -> Value {
    int64_t offset = llvm::alignTo(size, kDeviceAlignment);
    size = offset + bytesOf(type);
    Value at = arith::ConstantIndexOp::create(b, loc, offset);
    return memref::ViewOp::create(b, loc, type, arena, at, ValueRange{});
  };

  // Weights: one region per global, filled when the runtime asks for it.
  llvm::MapVector<StringAttr, SmallVector<memref::GetGlobalOp>> globals;
  main.walk(
      [&](memref::GetGlobalOp op) { globals[op.getNameAttr().getAttr()].push_back(op); });
  SmallVector<std::pair<Value, memref::GetGlobalOp>> uploads;
  for (auto &[name, uses] : globals) {
    auto type = cast<MemRefType>(uses.front().getType());
    if (!type.hasStaticShape() || !type.getLayout().isIdentity()) {
      uses.front().emitError("weight '")
          << name.getValue() << "' has a non-contiguous type for the GPU";
      return signalPassFailure();
    }
    Value view = place(type);
    for (memref::GetGlobalOp op : uses)
      op.getResult().replaceAllUsesWith(view);
    uploads.push_back({view, uses.front()});
  }

  // Graph inputs and outputs.
  SmallVector<std::pair<Value, Value>> copyIn, copyOut; // (dst, src)
  for (unsigned i = 0; i < numUserArgs; ++i) {
    BlockArgument arg = main.getArgument(i);
    auto type = dyn_cast<MemRefType>(arg.getType());
    if (!type)
      continue;
    if (!type.hasStaticShape() || !type.getLayout().isIdentity()) {
      main.emitError("graph argument ") << i << " has no static contiguous type";
      return signalPassFailure();
    }
    if (type.getNumElements() == 0)
      continue; // Never read or written (kiln-zero-size-arguments).
    bool written = isWritten(arg);
    Value view = place(type);
    arg.replaceAllUsesWith(view);
    if (written)
      copyOut.push_back({arg, view});
    else
      copyIn.push_back({view, arg});
  }
  for (auto [dst, src] : copyIn)
    gpu::MemcpyOp::create(b, loc, Type(), ValueRange{}, dst, src);
  if (!uploads.empty()) {
    Value zero = arith::ConstantIntOp::create(b, loc, 0, 32);
    Value upload =
        arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ne, uploadFlag, zero);
    auto ifOp = scf::IfOp::create(b, loc, upload, /*withElseRegion=*/false);
    OpBuilder ib = ifOp.getThenBodyBuilder();
    for (auto [view, global] : uploads) {
      Value host =
          memref::GetGlobalOp::create(ib, loc, global.getType(), global.getName());
      gpu::MemcpyOp::create(ib, loc, Type(), ValueRange{}, view, host);
    }
    for (auto &[name, uses] : globals)
      for (memref::GetGlobalOp op : uses)
        op.erase();
  }
  main.walk([&](func::ReturnOp ret) {
    OpBuilder rb(ret);
    for (auto [dst, src] : copyOut)
      gpu::MemcpyOp::create(rb, ret.getLoc(), Type(), ValueRange{}, dst, src);
  });

  // What the arena planner left on the heap goes to device memory; copies
  // outside kernels become device-to-device copies (or loops, where the
  // layouts are not contiguous, which then run as kernels).
  SmallVector<Operation *> hostOps;
  main.walk([&](Operation *op) {
    if (isa<memref::AllocOp, memref::DeallocOp, memref::CopyOp>(op) &&
        !insideParallelLoop(op))
      hostOps.push_back(op);
  });
  for (Operation *op : hostOps) {
    OpBuilder ob(op);
    if (auto alloc = dyn_cast<memref::AllocOp>(op)) {
      auto gpuAlloc =
          gpu::AllocOp::create(ob, op->getLoc(), alloc.getType(), Type(), ValueRange{},
                               alloc.getDynamicSizes(), alloc.getSymbolOperands());
      alloc.replaceAllUsesWith(gpuAlloc.getMemref());
    } else if (auto dealloc = dyn_cast<memref::DeallocOp>(op)) {
      gpu::DeallocOp::create(ob, op->getLoc(), Type(), ValueRange{}, dealloc.getMemref());
    } else {
      auto copy = cast<memref::CopyOp>(op);
      auto source = cast<MemRefType>(copy.getSource().getType());
      auto target = cast<MemRefType>(copy.getTarget().getType());
      if (source.getLayout().isIdentity() && target.getLayout().isIdentity())
        gpu::MemcpyOp::create(ob, op->getLoc(), Type(), ValueRange{}, copy.getTarget(),
                              copy.getSource());
      else
        linalg::CopyOp::create(ob, op->getLoc(), copy.getSource(), copy.getTarget());
    }
    op->erase();
  }

  // The arena's final size.
  auto arenaType = MemRefType::get({size}, IntegerType::get(ctx, 8));
  arena.setType(arenaType);
  SmallVector<Type> inputs(entry.getArgumentTypes());
  main.setFunctionType(FunctionType::get(ctx, inputs, main.getResultTypes()));
  module->setAttr("kiln.workspace_bytes",
                  IntegerAttr::get(IntegerType::get(ctx, 64), size));
}

} // namespace
