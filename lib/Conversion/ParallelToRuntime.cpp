//===- ParallelToRuntime.cpp - Parallel loops on the runtime's threads ----===//

#include "lib/Conversion/Passes.h"

#include "mlir/Conversion/LLVMCommon/TypeConverter.h"
#include "mlir/Dialect/SCF/Utils/Utils.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/Transforms/RegionUtils.h"
#include "llvm/ADT/SetVector.h"

using namespace mlir;

namespace kiln {
#define GEN_PASS_DEF_PARALLELTORUNTIME
#include "lib/Conversion/Passes.h.inc"
} // namespace kiln

namespace {

/// Loops with fewer iterations than this in their split dimension are split
/// over it and the next one together.
constexpr int64_t kFewIterations = 16;

/// Saturates so that estimates of huge loop nests cannot overflow.
constexpr int64_t kWorkCap = int64_t(1) << 40;

static int64_t saturatingMul(int64_t a, int64_t b) {
  if (a == 0 || b == 0)
    return 0;
  return a > kWorkCap / b ? kWorkCap : a * b;
}

/// Iterations of a loop dimension with constant bounds.
static std::optional<int64_t> tripCount(Value lb, Value ub, Value step) {
  std::optional<int64_t> l = getConstantIntValue(lb), u = getConstantIntValue(ub),
                         s = getConstantIntValue(step);
  if (!l || !u || !s || *s <= 0)
    return std::nullopt;
  return *u <= *l ? 0 : (*u - *l + *s - 1) / *s;
}

/// Iterations of dimension `d` of `loop`, when its bounds are constant.
static std::optional<int64_t> tripCount(scf::ParallelOp loop, unsigned d) {
  return tripCount(loop.getLowerBound()[d], loop.getUpperBound()[d], loop.getStep()[d]);
}

/// A rough count of the operations a region runs: nested loops with constant
/// bounds multiply, everything else counts once.
static int64_t estimateWork(Region &region) {
  int64_t work = 0;
  for (Block &block : region) {
    for (Operation &op : block) {
      int64_t inner = 0;
      for (Region &r : op.getRegions())
        inner = std::min(kWorkCap, inner + estimateWork(r));
      int64_t trips = 1;
      if (auto loop = dyn_cast<scf::ForOp>(op))
        trips = tripCount(loop.getLowerBound(), loop.getUpperBound(), loop.getStep())
                    .value_or(1);
      if (auto loop = dyn_cast<scf::ParallelOp>(op))
        for (auto [l, u, s] :
             llvm::zip(loop.getLowerBound(), loop.getUpperBound(), loop.getStep()))
          trips = saturatingMul(trips, tripCount(l, u, s).value_or(1));
      work = std::min(kWorkCap, work + 1 + saturatingMul(trips, inner));
    }
  }
  return work;
}

/// The work of all iterations of `loop`.
static int64_t loopWork(scf::ParallelOp loop) {
  int64_t work = 1;
  for (auto [l, u, s] :
       llvm::zip(loop.getLowerBound(), loop.getUpperBound(), loop.getStep()))
    work = saturatingMul(work, tripCount(l, u, s).value_or(1));
  return saturatingMul(work, estimateWork(loop.getRegion()));
}

struct ParallelToRuntime : ::kiln::impl::ParallelToRuntimeBase<ParallelToRuntime> {
  using ParallelToRuntimeBase::ParallelToRuntimeBase;

  void runOnOperation() override;

private:
  /// The type a captured value has in the captures struct, or null when it
  /// cannot be captured.
  Type fieldType(Value v) {
    Type t = v.getType();
    if (auto memref = dyn_cast<MemRefType>(t))
      return converter->convertType(memref);
    if (isa<IndexType>(t))
      return IntegerType::get(t.getContext(), 64);
    if (isa<IntegerType, FloatType>(t))
      return t;
    return nullptr;
  }

  LogicalResult outline(scf::ParallelOp loop, unsigned dim, int64_t n, func::FuncOp main,
                        func::FuncOp parallelFor, unsigned index);

  // Set while the pass runs (passes must stay copyable).
  const LLVMTypeConverter *converter = nullptr;
  Operation *lastOutlined = nullptr;
};

LogicalResult ParallelToRuntime::outline(scf::ParallelOp loop, unsigned dim, int64_t n,
                                         func::FuncOp main, func::FuncOp parallelFor,
                                         unsigned index) {
  MLIRContext *ctx = &getContext();
  Location loc = loop.getLoc();
  Type ptrType = LLVM::LLVMPointerType::get(ctx);
  Type i64 = IntegerType::get(ctx, 64);
  Type indexType = IndexType::get(ctx);

  // What the loop uses from @main: its bounds and the values its body reads.
  // Constants are cloned into the outlined function instead of captured.
  llvm::SetVector<Value> used;
  getUsedValuesDefinedAbove(loop.getRegion(), used);
  used.insert(loop->operand_begin(), loop->operand_end());
  SmallVector<Operation *> constants;
  SmallVector<Value> captures;
  SmallVector<Type> fields;
  for (Value v : used) {
    Operation *def = v.getDefiningOp();
    if (def && def->hasTrait<OpTrait::ConstantLike>() && def->getNumOperands() == 0) {
      constants.push_back(def);
      continue;
    }
    Type field = fieldType(v);
    if (!field)
      return failure();
    captures.push_back(v);
    fields.push_back(field);
  }
  auto structType = LLVM::LLVMStructType::getLiteral(ctx, fields);

  // @main_par_N(captures, begin, end): the loop, its dimension `dim` limited
  // to iterations [begin, end).
  auto fnType = FunctionType::get(ctx, {ptrType, i64, i64}, {});
  // In loop order after @main, so the output reads top to bottom.
  OpBuilder mb(main);
  mb.setInsertionPointAfter(lastOutlined ? lastOutlined : main.getOperation());
  auto fn = func::FuncOp::create(mb, loc, (main.getName() + "_par_" + Twine(index)).str(),
                                 fnType);
  fn.setPrivate();
  lastOutlined = fn;
  Block *entry = fn.addEntryBlock();
  OpBuilder b = OpBuilder::atBlockBegin(entry);
  IRMapping map;
  for (Operation *c : constants)
    b.clone(*c, map);
  for (auto [k, v] : llvm::enumerate(captures)) {
    Value addr = LLVM::GEPOp::create(b, loc, ptrType, structType, entry->getArgument(0),
                                     ArrayRef<LLVM::GEPArg>{0, int32_t(k)});
    Value field = LLVM::LoadOp::create(b, loc, fields[k], addr);
    if (isa<MemRefType>(v.getType()))
      field = UnrealizedConversionCastOp::create(b, loc, v.getType(), field).getResult(0);
    else if (isa<IndexType>(v.getType()))
      field = arith::IndexCastOp::create(b, loc, indexType, field);
    map.map(v, field);
  }
  auto clone = cast<scf::ParallelOp>(b.clone(*loop, map));
  // Iteration i of dimension `dim` is lb + i * step.
  Value lb = clone.getLowerBound()[dim], step = clone.getStep()[dim];
  auto bound = [&](Value i) {
    Value idx = arith::IndexCastOp::create(b, loc, indexType, i);
    return arith::AddIOp::create(b, loc, lb, arith::MulIOp::create(b, loc, idx, step));
  };
  b.setInsertionPoint(clone);
  Value begin = bound(entry->getArgument(1)), end = bound(entry->getArgument(2));
  clone->setOperand(dim, begin);
  clone->setOperand(clone.getNumLoops() + dim, end);
  b.setInsertionPointToEnd(entry);
  func::ReturnOp::create(b, loc);

  // In @main: fill the captures struct (one stack slot per loop, allocated
  // once in the entry block) and run the loop on the context's threads.
  OpBuilder eb = OpBuilder::atBlockBegin(&main.front());
  Value one = LLVM::ConstantOp::create(eb, loc, i64, eb.getI64IntegerAttr(1));
  Value slot = LLVM::AllocaOp::create(eb, loc, ptrType, structType, one);
  b.setInsertionPoint(loop);
  for (auto [k, v] : llvm::enumerate(captures)) {
    Value field = v;
    if (isa<MemRefType>(v.getType()))
      field = UnrealizedConversionCastOp::create(b, loc, fields[k], v).getResult(0);
    else if (isa<IndexType>(v.getType()))
      field = arith::IndexCastOp::create(b, loc, i64, v);
    Value addr = LLVM::GEPOp::create(b, loc, ptrType, structType, slot,
                                     ArrayRef<LLVM::GEPArg>{0, int32_t(k)});
    LLVM::StoreOp::create(b, loc, field, addr);
  }
  Value fnPtr = func::ConstantOp::create(b, loc, fnType, SymbolRefAttr::get(fn));
  Value count = arith::ConstantOp::create(b, loc, b.getI64IntegerAttr(n));
  func::CallOp::create(b, loc, parallelFor,
                       ValueRange{main.getArgument(0), count, fnPtr, slot});
  loop.erase();
  return success();
}

void ParallelToRuntime::runOnOperation() {
  ModuleOp module = getOperation();
  MLIRContext *ctx = &getContext();
  auto main = module.lookupSymbol<func::FuncOp>("main");
  if (!main || main.isExternal())
    return;
  LLVMTypeConverter typeConverter(ctx);
  converter = &typeConverter;
  lastOutlined = nullptr;
  Type ptrType = LLVM::LLVMPointerType::get(ctx);
  Type i64 = IntegerType::get(ctx, 64);

  // NAME_run passes its kiln_context * first.
  if (failed(main.insertArgument(0, ptrType, {}, main.getLoc())))
    return signalPassFailure();

  // The outermost loops and their work. Reductions stay on one thread:
  // results must not depend on the split.
  SmallVector<std::pair<scf::ParallelOp, int64_t>> loops;
  int64_t largest = 0;
  main.walk<WalkOrder::PreOrder>([&](scf::ParallelOp loop) {
    if (loop.getNumResults() == 0) {
      loops.push_back({loop, loopWork(loop)});
      largest = std::max(largest, loops.back().second);
    }
    return WalkResult::skip(); // Only the outermost ones.
  });
  // A function none of whose loops is worth a thread's share by a margin
  // runs on the calling thread alone: splitting its loops would gain a few
  // microseconds and cost more, each loop's data crossing between the cores
  // (a LeNet-sized model ran 2-3x slower on two threads than on one).
  if (largest < minLargestWork)
    return;

  func::FuncOp parallelFor;
  unsigned index = 0;
  for (auto [loop, work] : loops) {
    // Split the outermost dimension with 2 or more iterations (a batch of 1
    // leads most loops): contiguous chunks of it per thread.
    unsigned dim = 0;
    std::optional<int64_t> n;
    for (unsigned d = 0, e = loop.getNumLoops(); d < e && !n; ++d) {
      std::optional<int64_t> trips = tripCount(loop, d);
      if (trips && *trips >= 2) {
        dim = d;
        n = trips;
      }
    }
    if (!n)
      continue;
    if (work < minWork)
      continue;
    // A few iterations split unevenly: 5 column tiles are 3 and 2 on two
    // threads, so one idles for a fifth of the loop. When the next
    // dimension (the row tiles) has many, it is split instead, each thread
    // walking all the column tiles of its rows: with the collapsed pair
    // split, each thread read all of the rows. SqueezeNet's 27x27 3x3
    // expansions (4 tiles of 32 filters over 92 tiles of 8 pixels) then
    // read the whole im2col matrix on each thread, half of it written by the
    // other core, and took as long on two threads as on one (the model at 2
    // threads: 0.91 of the time with the rows split). With fewer, the
    // dimensions are collapsed until they have many together: an im2col copy
    // of 3 channels over (channel, kh, kw, row) splits its 27 rows of the
    // matrix.
    unsigned last = dim;
    int64_t alone = *n;
    while (*n < kFewIterations && last + 1 < loop.getNumLoops()) {
      std::optional<int64_t> next = tripCount(loop, last + 1);
      if (!next)
        break;
      if (*next >= kFewIterations && *n == alone) {
        dim = last = last + 1;
        n = next;
        break;
      }
      ++last;
      n = saturatingMul(*n, *next);
    }
    if (last != dim) {
      std::vector<std::vector<unsigned>> groups;
      for (unsigned d = 0, e = loop.getNumLoops(); d < e; ++d)
        if (d > dim && d <= last)
          groups.back().push_back(d);
        else
          groups.push_back({d});
      // The collapsed loop replaces `loop`, where `loop` was.
      Operation *after = loop->getNextNode();
      IRRewriter rewriter(ctx);
      collapseParallelLoops(rewriter, loop, groups);
      loop = cast<scf::ParallelOp>(after->getPrevNode());
    }
    if (!parallelFor) {
      parallelFor = module.lookupSymbol<func::FuncOp>("kiln_parallel_for");
      if (!parallelFor) {
        // void kiln_parallel_for(kiln_context *, int64_t n,
        //                        void (*)(void *, int64_t, int64_t), void *)
        auto fnType = FunctionType::get(ctx, {ptrType, i64, i64}, {});
        OpBuilder b = OpBuilder::atBlockEnd(module.getBody());
        parallelFor = func::FuncOp::create(
            b, module.getLoc(), "kiln_parallel_for",
            FunctionType::get(ctx, {ptrType, i64, fnType, ptrType}, {}));
        parallelFor.setPrivate();
      }
    }
    // A loop using a value that cannot be captured stays sequential.
    if (succeeded(outline(loop, dim, *n, main, parallelFor, index)))
      ++index;
  }
}

} // namespace
