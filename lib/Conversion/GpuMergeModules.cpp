//===- GpuMergeModules.cpp - One gpu.module for all of a model's kernels --===//
//
// gpu-kernel-outlining puts every kernel in a gpu.module of its own. Each
// becomes its own PTX image that the driver compiles and loads separately,
// which for a model of a few hundred kernels costs load time and memory and
// gives users a few hundred PTX files to inspect. This pass moves all kernels
// (and the device functions they call) into one gpu.module, `@kiln_kernels`,
// and points the launches at it.
//
//===----------------------------------------------------------------------===//

#include "lib/Conversion/Passes.h"

#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/IR/SymbolTable.h"

using namespace mlir;

namespace kiln {
#define GEN_PASS_DEF_GPUMERGEMODULES
#include "lib/Conversion/Passes.h.inc"
} // namespace kiln

namespace {

struct GpuMergeModules : kiln::impl::GpuMergeModulesBase<GpuMergeModules> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    SmallVector<gpu::GPUModuleOp> modules(module.getOps<gpu::GPUModuleOp>());
    if (modules.empty())
      return;
    OpBuilder b(modules.front());
    auto merged = gpu::GPUModuleOp::create(b, modules.front().getLoc(), "kiln_kernels");
    SymbolTable table(merged);
    DenseMap<SymbolRefAttr, SymbolRefAttr> renamed;
    for (gpu::GPUModuleOp old : modules) {
      for (Operation &op : llvm::make_early_inc_range(*old.getBody())) {
        // Outlining names the kernel of every module alike; the module names
        // are unique, so kernels take those.
        if (auto kernel = dyn_cast<gpu::GPUFuncOp>(op)) {
          SymbolRefAttr from = SymbolRefAttr::get(
              old.getNameAttr(), {FlatSymbolRefAttr::get(kernel.getNameAttr())});
          kernel->remove();
          kernel.setName(old.getName());
          table.insert(kernel);
          renamed[from] = SymbolRefAttr::get(
              merged.getNameAttr(), {FlatSymbolRefAttr::get(kernel.getNameAttr())});
          continue;
        }
        // Device functions cloned into several modules are identical copies.
        auto symbol = dyn_cast<SymbolOpInterface>(op);
        if (symbol && table.lookup(symbol.getNameAttr())) {
          op.erase();
          continue;
        }
        op.remove();
        table.insert(&op);
      }
    }
    module.walk([&](gpu::LaunchFuncOp launch) {
      if (SymbolRefAttr to = renamed.lookup(launch.getKernelAttr()))
        launch.setKernelAttr(to);
    });
    for (gpu::GPUModuleOp old : modules)
      old.erase();
  }
};

} // namespace
