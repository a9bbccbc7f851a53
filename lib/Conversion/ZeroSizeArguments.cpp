//===- ZeroSizeArguments.cpp - memref<..x0x..> arguments as memref<0xT> ---===//

#include "lib/Conversion/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"

using namespace mlir;

namespace kiln {
#define GEN_PASS_DEF_ZEROSIZEARGUMENTS
#include "lib/Conversion/Passes.h.inc"
} // namespace kiln

namespace {

struct ZeroSizeArguments : ::kiln::impl::ZeroSizeArgumentsBase<ZeroSizeArguments> {
  void runOnOperation() override {
    for (auto func : getOperation().getOps<func::FuncOp>()) {
      if (func.isExternal())
        continue;
      Block &entry = func.getBody().front();
      OpBuilder b = OpBuilder::atBlockBegin(&entry);
      SmallVector<Type> inputs(func.getArgumentTypes());
      bool changed = false;
      for (auto [i, arg] : llvm::enumerate(entry.getArguments())) {
        auto type = dyn_cast<MemRefType>(arg.getType());
        if (!type || !type.hasStaticShape() || type.getNumElements() != 0 ||
            type.getRank() == 1)
          continue;
        auto standIn = memref::AllocaOp::create(
            b, func.getLoc(), MemRefType::get(type.getShape(), type.getElementType()));
        arg.replaceAllUsesWith(standIn);
        arg.setType(MemRefType::get({0}, type.getElementType()));
        inputs[i] = arg.getType();
        changed = true;
      }
      if (changed)
        func.setType(FunctionType::get(&getContext(), inputs,
                                       func.getFunctionType().getResults()));
    }
  }
};

} // namespace
