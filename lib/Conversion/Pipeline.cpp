//===- Pipeline.cpp - The CPU code generation pipeline --------------------===//

#include "lib/Conversion/Pipeline.h"

#include "lib/Conversion/Passes.h"

#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Target/LLVM/NVVM/Target.h"
#include "mlir/Target/LLVMIR/Dialect/All.h"

#include "llvm/Support/FileSystem.h"

#include "llvm/Support/Path.h"
#include <cstdlib>

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

/// From tensors up to and including bufferization and the memory plan, the
/// same for every target but for `beforeFusion` ("pass,...", on tensors
/// before elementwise fusion) and `tensorPasses` (",pass,...", on tensors
/// just before bufferization).
static std::string bufferizedPipeline(const std::string &tensorPasses = "",
                                      const std::string &beforeFusion = "") {
  // Bufferize whole functions; graph outputs become caller-provided buffers
  // (the NAME_run outputs) that the last op of each output writes directly.
  return beforeFusion + "kiln-fuse-elementwise,canonicalize" + tensorPasses +
         ",one-shot-bufferize{bufferize-function-boundaries "
         "function-boundary-type-conversion=identity-layout-map}"
         // Equal subviews merge, and copies of a view onto itself (operands
         // that were written in place) go.
         ",cse,canonicalize"
         ",buffer-results-to-out-params{modify-public-functions hoist-static-allocs}"
         // Intermediates live in the planned arena; what remains is freed.
         ",kiln-plan-workspace,buffer-deallocation-pipeline,kiln-copies-to-linalg"
         ",kiln-zero-size-arguments";
}

/// The last conversions to the LLVM dialect, the same for the host code of
/// every target: bare-pointer @main, as NAME_run calls it.
static std::string llvmTail() {
  return ",convert-arith-to-llvm,convert-cf-to-llvm"
         ",convert-func-to-llvm{use-bare-ptr-memref-call-conv}"
         ",convert-index-to-llvm,convert-ub-to-llvm,reconcile-unrealized-casts";
}

static std::string cpuPipeline(const CpuTarget &cpu) {
  // 3x3 convolutions: Winograd transforms around matrix products. Matrix
  // products and convolutions: register tiles of vector FMAs.
  std::string tile =
      ",kiln-winograd-convolutions{vector-bits=" + std::to_string(cpu.vectorBits) + "}" +
      ",kiln-tile-contractions{vector-bits=" + std::to_string(cpu.vectorBits) +
      " vector-registers=" + std::to_string(cpu.vectorRegisters) +
      "},canonicalize"
      // Producers write straight into pads and concatenations.
      ",kiln-insert-in-place,eliminate-empty-tensors"
      // Bias broadcasts that split products overwrite go, once placed.
      ",kiln-drop-overwritten-inits";
  // What is left is elementwise or reduces rows: whole vectors and a shorter
  // remainder. With SVE, LLVM's loop vectorizer does better (wider,
  // predicated vectors).
  std::string vectorBits = "{vector-bits=" + std::to_string(cpu.vectorBits) + "}";
  std::string elementwise = cpu.scalableVectors
                                ? ""
                                : ",kiln-vectorize-elementwise" + vectorBits +
                                      ",kiln-vectorize-reductions" + vectorBits;
  // Depthwise convolutions and pools: rows of pixels innermost, fused with
  // their neighbours.
  return bufferizedPipeline(tile, "kiln-decompose-windows,") + ",canonicalize" +
         elementwise +
         ",kiln-parallelize-tiles,kiln-hoist-vector-transfers"
         // Products that read rows a page or more apart fetch the next panel
         // ahead: no hardware prefetcher follows such rows.
         ",kiln-prefetch-next-panel"
         // Parallel loop dimensions run on the runtime's threads; what stays an
         // scf.parallel becomes sequential loops in convert-scf-to-cf.
         ",convert-linalg-to-parallel-loops,kiln-parallel-to-runtime"
         // exp, erf and tanh become vectorizable polynomials; other math ops
         // with an LLVM intrinsic become one, the rest call libm (integer
         // powers become generated functions first). Before the vector
         // lowering: on vectors, the libm calls are made per element with
         // vector extracts and inserts.
         ",kiln-approximate-math,convert-math-to-funcs,convert-math-to-llvm,convert-math-"
         "to-libm"
         ",convert-vector-to-scf{full-unroll},convert-scf-to-cf,expand-strided-metadata"
         ",lower-affine,convert-vector-to-llvm{vector-contract-lowering=outerproduct}"
         ",finalize-memref-to-llvm" +
         llvmTail();
}

static std::string cudaPipeline(const GpuTarget &gpu) {
  return bufferizedPipeline() +
         // Weights, inputs, outputs and activations in one device arena; each
         // linalg op one kernel over its output elements.
         ",kiln-gpu-device-memory,convert-linalg-to-parallel-loops"
         ",kiln-gpu-map-loops,convert-parallel-loops-to-gpu"
         // Integer powers become device functions before outlining copies
         // them into the kernel module.
         ",convert-math-to-funcs,gpu-kernel-outlining,kiln-gpu-merge-modules"
         ",expand-strided-metadata,lower-affine,convert-scf-to-cf"
         ",nvvm-attach-target{chip=" +
         gpu.arch + " features=+ptx" + std::to_string(gpu.ptxVersion) + " O=3" +
         (gpu.libdevice.empty() ? "" : " l=" + gpu.libdevice) +
         "}"
         // Kernels: math becomes libdevice calls (linked by
         // gpu-module-to-binary), memrefs full descriptors.
         ",gpu.module(convert-gpu-to-nvvm,canonicalize,cse,reconcile-unrealized-casts)"
         // Host: copies and launches on one stream, calls into the runtime's
         // mgpu* entry points; kernels serialized to PTX text.
         ",func.func(gpu-async-region),gpu-to-llvm{use-bare-pointers-for-host}"
         ",gpu-module-to-binary{format=isa},finalize-memref-to-llvm" +
         llvmTail();
}

llvm::Expected<GpuTarget> GpuTarget::get(llvm::StringRef arch, llvm::StringRef cudaPath) {
  auto error = [](const llvm::Twine &message) {
    return llvm::createStringError(llvm::inconvertibleErrorCode(), message.str());
  };
  // sm_XY or sm_XYZ, optionally with the architecture-specific 'a' suffix.
  llvm::StringRef digits = arch;
  unsigned number = 0;
  bool valid = digits.consume_front("sm_");
  digits.consume_back("a");
  if (!valid || digits.getAsInteger(10, number) || number < 50 || number > 199)
    return error("invalid --gpu-arch '" + arch +
                 "': expected an NVIDIA compute capability such as sm_80 or sm_90");
  GpuTarget target;
  target.arch = arch.str();
  // The oldest PTX ISA that knows the architecture: 8.0 covers up to sm_90a
  // (CUDA 12.0); Blackwell needs 8.6 (sm_100, sm_101) or 8.7 (sm_120).
  target.ptxVersion = number >= 120 ? 87 : number >= 100 ? 86 : 80;
  llvm::SmallString<256> path(cudaPath);
  llvm::sys::path::append(path, "nvvm", "libdevice", "libdevice.10.bc");
  if (!llvm::sys::fs::exists(path))
    return error("the CUDA target needs NVIDIA's libdevice for math functions: " + path +
                 " does not exist (set --cuda-path to the CUDA toolkit)");
  target.libdevice = path.str().str();
  return target;
}

std::string codegenPipeline(LoweringStage stage, const GpuTarget *gpu,
                            const CpuTarget &cpu) {
  std::string p =
      "builtin.module(convert-kiln-to-linalg,kiln-erase-signedness,canonicalize";
  if (stage == LoweringStage::Linalg)
    return p + ")";
  return p + "," + (gpu ? cudaPipeline(*gpu) : cpuPipeline(cpu)) + ")";
}

/// `pipeline` ("a,b{...},c(...)") without the top-level passes named in
/// `skipped` (comma-separated). A developer's aid for measuring what one pass
/// buys: KILN_SKIP_PASSES=kiln-decompose-windows kilnc ... The result may of
/// course fail to lower.
static std::string withoutPasses(StringRef pipeline, StringRef skipped) {
  SmallVector<StringRef> names;
  skipped.split(names, ',', -1, /*KeepEmpty=*/false);
  std::string result;
  int depth = 0;
  size_t start = 0;
  for (size_t i = 0; i <= pipeline.size(); ++i) {
    char c = i < pipeline.size() ? pipeline[i] : ',';
    if (c == '{' || c == '(')
      ++depth;
    else if (c == '}' || c == ')')
      --depth;
    if (c != ',' || depth != 0)
      continue;
    StringRef entry = pipeline.slice(start, i);
    start = i + 1;
    if (llvm::is_contained(names,
                           entry.take_until([](char c) { return c == '{' || c == '('; })))
      continue;
    if (!result.empty())
      result += ',';
    result += entry;
  }
  return result;
}

LogicalResult lowerModule(ModuleOp module, LoweringStage stage, bool timing,
                          const GpuTarget *gpu, const CpuTarget &cpu) {
  registerCodegenPasses();
  // Bufferization and the conversions to LLVM find their op interfaces through
  // dialect extensions, which must be in the context before the passes run.
  DialectRegistry registry;
  registerAllDialects(registry);
  registerAllExtensions(registry);
  // Serializing kernels to PTX (gpu-module-to-binary).
  NVVM::registerNVVMTargetInterfaceExternalModels(registry);
  registerAllToLLVMIRTranslations(registry);
  module.getContext()->appendDialectRegistry(registry);
  PassManager pm(module.getContext());
  if (timing)
    pm.enableTiming();
  std::string error;
  llvm::raw_string_ostream errorStream(error);
  // The pass manager is anchored on builtin.module already: parse the list
  // inside "builtin.module(...)".
  std::string text = codegenPipeline(stage, gpu, cpu);
  StringRef pipeline = text;
  StringRef inner = pipeline;
  if (!inner.consume_front("builtin.module(") || !inner.consume_back(")"))
    return module.emitError() << "internal error: bad pass pipeline: " << pipeline;
  std::string kept;
  if (const char *skipped = std::getenv("KILN_SKIP_PASSES"); skipped && *skipped) {
    kept = withoutPasses(inner, skipped);
    inner = kept;
  }
  if (failed(parsePassPipeline(inner, pm, errorStream)))
    return module.emitError() << "internal error: bad pass pipeline: " << error;
  return pm.run(module);
}

} // namespace kiln
