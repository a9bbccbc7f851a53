//===- Pipeline.cpp - The CPU code generation pipeline --------------------===//

#include "lib/Conversion/Pipeline.h"

#include "lib/Conversion/Passes.h"

#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"

#include <mutex>

using namespace mlir;

namespace kiln {

void registerCodegenPasses() {
  static std::once_flag once;
  std::call_once(once, [] {
    registerAllPasses();
    registerKilnConversionPasses();
  });
}

std::string codegenPipeline(LoweringStage stage) {
  std::string p = "builtin.module(convert-kiln-to-linalg,kiln-erase-signedness,canonicalize";
  if (stage == LoweringStage::Linalg)
    return p + ")";
  // Bufferize whole functions; graph outputs become caller-provided buffers
  // (the NAME_run outputs) that the last op of each output writes directly.
  p += ",func.func(linalg-fuse-elementwise-ops),canonicalize"
       ",one-shot-bufferize{bufferize-function-boundaries "
       "function-boundary-type-conversion=identity-layout-map}"
       ",buffer-results-to-out-params{modify-public-functions hoist-static-allocs}"
       // Intermediates live in the planned arena; what remains is freed.
       ",kiln-plan-workspace,buffer-deallocation-pipeline,kiln-copies-to-linalg,kiln-zero-size-arguments"
       // Parallel loop dimensions run on the runtime's threads; what stays an
       // scf.parallel becomes sequential loops in convert-scf-to-cf.
       ",convert-linalg-to-parallel-loops,kiln-parallel-to-runtime"
       ",convert-scf-to-cf,expand-strided-metadata"
       ",lower-affine,finalize-memref-to-llvm"
       // Math ops with an LLVM intrinsic become one; the rest call libm.
       // (integer powers become generated functions first).
       ",convert-math-to-funcs,convert-math-to-llvm,convert-math-to-libm"
       ",convert-arith-to-llvm"
       ",convert-cf-to-llvm,convert-func-to-llvm{use-bare-ptr-memref-call-conv}"
       ",convert-index-to-llvm,reconcile-unrealized-casts)";
  return p;
}

LogicalResult lowerModule(ModuleOp module, LoweringStage stage, bool timing) {
  registerCodegenPasses();
  // Bufferization and the conversions to LLVM find their op interfaces through
  // dialect extensions, which must be in the context before the passes run.
  DialectRegistry registry;
  registerAllDialects(registry);
  registerAllExtensions(registry);
  module.getContext()->appendDialectRegistry(registry);
  PassManager pm(module.getContext());
  if (timing)
    pm.enableTiming();
  std::string error;
  llvm::raw_string_ostream errorStream(error);
  // The pass manager is anchored on builtin.module already: parse the list
  // inside "builtin.module(...)".
  std::string text = codegenPipeline(stage);
  StringRef pipeline = text;
  StringRef inner = pipeline;
  if (!inner.consume_front("builtin.module(") || !inner.consume_back(")"))
    return module.emitError() << "internal error: bad pass pipeline: " << pipeline;
  if (failed(parsePassPipeline(inner, pm, errorStream)))
    return module.emitError() << "internal error: bad pass pipeline: " << error;
  return pm.run(module);
}

} // namespace kiln
