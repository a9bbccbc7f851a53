//===- ObjectEmitter.cpp - LLVM IR, assembly and object files -------------===//

#include "lib/Target/ObjectEmitter.h"

#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Interfaces/FunctionInterfaces.h"
#include "mlir/Target/LLVMIR/Dialect/Builtin/BuiltinToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/GPU/GPUToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/LLVMIR/LLVMToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Export.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Analysis/TargetTransformInfo.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/LegacyPassManager.h"
#include "llvm/IR/Module.h"
#include "llvm/IR/Verifier.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Target/TargetMachine.h"
#include "llvm/TargetParser/Host.h"
#include "llvm/TargetParser/Triple.h"

#include <mutex>

using namespace llvm;

namespace kiln {

static Error makeError(const Twine &message) {
  return createStringError(inconvertibleErrorCode(), message.str());
}

std::pair<std::string, std::string> resolveCpu(const TargetOptions &options) {
  std::string triple =
      options.triple.empty() ? sys::getDefaultTargetTriple() : options.triple;
  bool host = Triple(triple).getArch() == Triple(sys::getDefaultTargetTriple()).getArch();
  std::string cpu = options.cpu;
  std::string features = options.features;
  if (cpu.empty() && host) {
    cpu = sys::getHostCPUName().str();
    // The host's features, then the user's on top (later entries win).
    // Sorted: StringMap order is not part of its contract, and the output must
    // not depend on it.
    std::vector<std::string> list;
    for (const auto &f : sys::getHostCPUFeatures())
      list.push_back((f.second ? "+" : "-") + f.first().str());
    llvm::sort(list);
    std::string hostFeatures = llvm::join(list, ",");
    features = features.empty() ? hostFeatures : hostFeatures + "," + features;
  }
  if (cpu.empty())
    cpu = "generic";
  return {cpu, features};
}

static std::unique_ptr<TargetMachine> createTargetMachine(const TargetOptions &options,
                                                          Error &err) {
  static std::once_flag once;
  std::call_once(once, [] {
    InitializeAllTargetInfos();
    InitializeAllTargets();
    InitializeAllTargetMCs();
    InitializeAllAsmPrinters();
  });
  Triple triple(options.triple.empty() ? sys::getDefaultTargetTriple() : options.triple);
  std::string lookupError;
  const Target *target = TargetRegistry::lookupTarget(triple, lookupError);
  if (!target) {
    err = makeError("unknown target '" + triple.str() + "': " + lookupError);
    return nullptr;
  }
  auto [cpu, features] = resolveCpu(options);
  CodeGenOptLevel level = options.optLevel == 0   ? CodeGenOptLevel::None
                          : options.optLevel == 1 ? CodeGenOptLevel::Less
                          : options.optLevel == 2 ? CodeGenOptLevel::Default
                                                  : CodeGenOptLevel::Aggressive;
  llvm::TargetOptions targetOptions;
  // Multiply-adds become FMAs (as -ffp-contract=fast): twice the throughput,
  // one rounding instead of two.
  targetOptions.AllowFPOpFusion = FPOpFusion::Fast;
  // Objects go into position-independent executables and shared libraries.
  std::unique_ptr<TargetMachine> tm(target->createTargetMachine(
      triple, cpu, features, targetOptions, Reloc::PIC_, std::nullopt, level));
  if (!tm)
    err = makeError("cannot create a target machine for '" + triple.str() + "'");
  return tm;
}

/// "prefer-vector-width" asks LLVM for vectors up to this many bits: larger than
/// any register, so that the widest the CPU has is what TTI reports (x86 CPUs
/// otherwise prefer 256 bits even when they have AVX-512).
constexpr unsigned kWidestVector = 4096;

/// The vector registers of `tm`'s CPU, as its TargetTransformInfo says.
static VectorRegisters vectorRegistersOf(TargetMachine &tm) {
  LLVMContext ctx;
  Module m("probe", ctx);
  m.setDataLayout(tm.createDataLayout());
  Function *f = Function::Create(FunctionType::get(Type::getVoidTy(ctx), false),
                                 GlobalValue::ExternalLinkage, "probe", m);
  f->addFnAttr("target-cpu", tm.getTargetCPU());
  if (!tm.getTargetFeatureString().empty())
    f->addFnAttr("target-features", tm.getTargetFeatureString());
  f->addFnAttr("prefer-vector-width", std::to_string(kWidestVector));
  TargetTransformInfo tti = tm.getTargetTransformInfo(*f);
  VectorRegisters regs;
  regs.bits =
      tti.getRegisterBitWidth(TargetTransformInfo::RGK_FixedWidthVector).getFixedValue();
  regs.count = tti.getNumberOfRegisters(tti.getRegisterClassForType(/*Vector=*/true));
  regs.scalable = tti.supportsScalableVectors();
  if (regs.bits == 0 || regs.count == 0)
    regs = {128, 16}; // A CPU without vector registers: the tiles stay small.
  return regs;
}

Expected<VectorRegisters> queryVectorRegisters(const TargetOptions &options) {
  Error err = Error::success();
  std::unique_ptr<TargetMachine> tm = createTargetMachine(options, err);
  if (err)
    return std::move(err);
  consumeError(std::move(err));
  return vectorRegistersOf(*tm);
}

/// NAME_info(): constant kiln_model_info / kiln_tensor_info tables.
static void addInfoFunction(Module &m, const ModelSignature &sig) {
  LLVMContext &ctx = m.getContext();
  Type *ptr = PointerType::getUnqual(ctx);
  Type *i32 = Type::getInt32Ty(ctx), *i64 = Type::getInt64Ty(ctx);
  StructType *tensorInfo = StructType::get(ctx, {ptr, i32, i32, ptr});
  StructType *modelInfo = StructType::get(ctx, {ptr, i32, i32, ptr, ptr, i64});
  auto privateConstant = [&](Constant *init, const Twine &name) {
    return new GlobalVariable(m, init->getType(), /*isConstant=*/true,
                              GlobalValue::PrivateLinkage, init, name);
  };
  auto string = [&](StringRef s, const Twine &name) {
    auto *g = privateConstant(ConstantDataArray::getString(ctx, s), name);
    g->setUnnamedAddr(GlobalValue::UnnamedAddr::Global);
    return g;
  };
  auto table = [&](const std::vector<TensorSignature> &tensors, StringRef kind) {
    std::vector<Constant *> entries;
    for (auto [i, t] : llvm::enumerate(tensors)) {
      std::string prefix = (sig.name + "." + kind + Twine(i)).str();
      Constant *shape = privateConstant(
          ConstantDataArray::get(
              ctx, ArrayRef<uint64_t>(reinterpret_cast<const uint64_t *>(t.shape.data()),
                                      t.shape.size())),
          prefix + ".shape");
      entries.push_back(ConstantStruct::get(
          tensorInfo, {string(t.name, prefix + ".name"), ConstantInt::get(i32, t.dtype),
                       ConstantInt::get(i32, t.shape.size()), shape}));
    }
    return privateConstant(
        ConstantArray::get(ArrayType::get(tensorInfo, entries.size()), entries),
        sig.name + "." + kind);
  };
  Constant *info = privateConstant(
      ConstantStruct::get(
          modelInfo,
          {string(sig.name, sig.name + ".name"), ConstantInt::get(i32, sig.inputs.size()),
           ConstantInt::get(i32, sig.outputs.size()), table(sig.inputs, "inputs"),
           table(sig.outputs, "outputs"), ConstantInt::get(i64, sig.workspaceBytes)}),
      sig.name + ".info");
  Function *f = Function::Create(FunctionType::get(ptr, false),
                                 GlobalValue::ExternalLinkage, sig.name + "_info", m);
  IRBuilder<> b(BasicBlock::Create(ctx, "entry", f));
  b.CreateRet(info);
}

/// The GPU half of NAME_run, after the argument checks: the device arena and
/// the upload flag from kiln_gpu_begin, then main, then kiln_gpu_end's status.
static Error addGpuRun(Module &m, const ModelSignature &sig, IRBuilder<> &b,
                       Function *run, Function *main, SmallVector<Value *> &args) {
  LLVMContext &ctx = m.getContext();
  Type *ptr = PointerType::getUnqual(ctx), *i32 = Type::getInt32Ty(ctx),
       *i64 = Type::getInt64Ty(ctx);
  // The key under which a context keeps this model's device arena.
  auto *key = new GlobalVariable(
      m, Type::getInt8Ty(ctx), /*isConstant=*/true, GlobalValue::PrivateLinkage,
      ConstantInt::get(Type::getInt8Ty(ctx), 0), sig.name + ".gpu_key");
  FunctionCallee begin = m.getOrInsertFunction(
      "kiln_gpu_begin", FunctionType::get(i32, {ptr, ptr, i64, ptr, ptr}, false));
  FunctionCallee end = m.getOrInsertFunction(
      "kiln_gpu_end", FunctionType::get(i32, {ptr, ptr, ptr}, false));
  IRBuilder<> entryBuilder(&run->getEntryBlock(), run->getEntryBlock().begin());
  Value *arenaSlot = entryBuilder.CreateAlloca(ptr, nullptr, "arena");
  Value *uploadSlot = entryBuilder.CreateAlloca(i32, nullptr, "upload_weights");
  Value *status =
      b.CreateCall(begin, {run->getArg(0), key, ConstantInt::get(i64, sig.workspaceBytes),
                           arenaSlot, uploadSlot});
  BasicBlock *failed = BasicBlock::Create(ctx, "device_failed", run);
  BasicBlock *body = BasicBlock::Create(ctx, "run", run);
  b.CreateCondBr(b.CreateICmpNE(status, ConstantInt::get(i32, 0)), failed, body);
  b.SetInsertPoint(failed);
  b.CreateRet(status);
  b.SetInsertPoint(body);
  Value *arena = b.CreateLoad(ptr, arenaSlot);
  args.push_back(arena);
  args.push_back(b.CreateLoad(i32, uploadSlot));
  b.CreateCall(main, args);
  b.CreateRet(b.CreateCall(end, {run->getArg(0), key, arena}));
  return Error::success();
}

/// NAME_run(ctx, inputs, outputs): checks the pointers, then calls the lowered
/// `main` with ctx (which its parallel loops run on), then inputs and outputs
/// as bare pointers, then the workspace arena when the model has one.
///
/// For the GPU (`cuda`), main takes no context but always the device arena and
/// the upload-weights flag; the runtime's kiln_gpu_begin/end bracket the call.
static Error addRunFunction(Module &m, const ModelSignature &sig, bool cuda) {
  LLVMContext &ctx = m.getContext();
  Function *main = m.getFunction("main");
  if (!main)
    return makeError("internal error: lowered module has no 'main'");
  bool hasWorkspace = sig.workspaceBytes > 0;
  size_t numArgs =
      cuda ? sig.inputs.size() + sig.outputs.size() + 2
           : 1 + sig.inputs.size() + sig.outputs.size() + (hasWorkspace ? 1 : 0);
  if (main->arg_size() != numArgs)
    return makeError("internal error: lowered 'main' takes " + Twine(main->arg_size()) +
                     " pointers, expected " + Twine(numArgs));
  // The model's body is an implementation detail (internal, like every
  // function but NAME_run and NAME_info: see emitCode).
  main->setName(sig.name + ".main");

  Type *ptr = PointerType::getUnqual(ctx), *i32 = Type::getInt32Ty(ctx);
  Function *run = Function::Create(FunctionType::get(i32, {ptr, ptr, ptr}, false),
                                   GlobalValue::ExternalLinkage, sig.name + "_run", m);
  BasicBlock *entry = BasicBlock::Create(ctx, "entry", run);
  BasicBlock *invalid = BasicBlock::Create(ctx, "invalid_argument", run);
  IRBuilder<> b(invalid);
  b.CreateRet(ConstantInt::get(i32, 1)); // KILN_ERROR_INVALID_ARGUMENT

  b.SetInsertPoint(entry);
  Value *inputs = run->getArg(1), *outputs = run->getArg(2);
  SmallVector<Value *> args;
  if (!cuda)
    args.push_back(run->getArg(0));
  auto loadAll = [&](Value *array, size_t n, StringRef what) {
    BasicBlock *next = BasicBlock::Create(ctx, what + ".check", run);
    b.CreateCondBr(b.CreateIsNull(array), invalid, next);
    b.SetInsertPoint(next);
    for (size_t i = 0; i < n; ++i) {
      Value *p = b.CreateLoad(ptr, b.CreateConstInBoundsGEP1_64(ptr, array, i));
      BasicBlock *ok = BasicBlock::Create(ctx, what + Twine(i) + ".ok", run);
      b.CreateCondBr(b.CreateIsNull(p), invalid, ok);
      b.SetInsertPoint(ok);
      args.push_back(p);
    }
  };
  loadAll(inputs, sig.inputs.size(), "inputs");
  loadAll(outputs, sig.outputs.size(), "outputs");
  if (cuda)
    return addGpuRun(m, sig, b, run, main, args);
  if (!hasWorkspace) {
    b.CreateCall(main, args);
    b.CreateRet(ConstantInt::get(i32, 0)); // KILN_OK
    return Error::success();
  }
  // The planned arena comes from the runtime (kept by the context between
  // runs), and is the last argument of main.
  Type *i64 = Type::getInt64Ty(ctx);
  FunctionCallee acquire = m.getOrInsertFunction(
      "kiln_workspace_acquire", FunctionType::get(ptr, {ptr, i64}, false));
  FunctionCallee release =
      m.getOrInsertFunction("kiln_workspace_release",
                            FunctionType::get(Type::getVoidTy(ctx), {ptr, ptr}, false));
  Value *workspace =
      b.CreateCall(acquire, {run->getArg(0), ConstantInt::get(i64, sig.workspaceBytes)});
  BasicBlock *outOfMemory = BasicBlock::Create(ctx, "out_of_memory", run);
  BasicBlock *body = BasicBlock::Create(ctx, "run", run);
  b.CreateCondBr(b.CreateIsNull(workspace), outOfMemory, body);
  b.SetInsertPoint(outOfMemory);
  b.CreateRet(ConstantInt::get(i32, 2)); // KILN_ERROR_OUT_OF_MEMORY
  b.SetInsertPoint(body);
  args.push_back(workspace);
  b.CreateCall(main, args);
  b.CreateCall(release, {run->getArg(0), workspace});
  b.CreateRet(ConstantInt::get(i32, 0)); // KILN_OK
  return Error::success();
}

static void optimize(Module &m, TargetMachine &tm, unsigned level) {
  LoopAnalysisManager lam;
  FunctionAnalysisManager fam;
  CGSCCAnalysisManager cgam;
  ModuleAnalysisManager mam;
  PassBuilder pb(&tm);
  pb.registerModuleAnalyses(mam);
  pb.registerCGSCCAnalyses(cgam);
  pb.registerFunctionAnalyses(fam);
  pb.registerLoopAnalyses(lam);
  pb.crossRegisterProxies(lam, fam, cgam, mam);
  OptimizationLevel ol = level == 0   ? OptimizationLevel::O0
                         : level == 1 ? OptimizationLevel::O1
                         : level == 2 ? OptimizationLevel::O2
                                      : OptimizationLevel::O3;
  ModulePassManager mpm =
      level == 0 ? pb.buildO0DefaultPipeline(ol) : pb.buildPerModuleDefaultPipeline(ol);
  mpm.run(m, mam);
}

Error emitCode(mlir::ModuleOp module, const ModelSignature &sig,
               const TargetOptions &options, CodeKind kind, raw_pwrite_stream &os) {
  mlir::DialectRegistry registry;
  mlir::registerBuiltinDialectTranslation(registry);
  mlir::registerLLVMDialectTranslation(registry);
  // For cuda: gpu.binary becomes the embedded PTX and a constructor that
  // registers it, gpu.launch_func calls into the runtime.
  mlir::registerGPUDialectTranslation(registry);
  mlir::gpu::registerOffloadingLLVMTranslationInterfaceExternalModels(registry);
  module->getContext()->appendDialectRegistry(registry);

  // Kiln's argument attributes (kiln.name, kiln.workspace) mean nothing to LLVM.
  module.walk([](mlir::FunctionOpInterface func) {
    for (unsigned i = 0, e = func.getNumArguments(); i < e; ++i) {
      func.removeArgAttr(i, "kiln.name");
      func.removeArgAttr(i, "kiln.workspace");
      func.removeArgAttr(i, "kiln.upload_weights");
    }
    for (unsigned i = 0, e = func.getNumResults(); i < e; ++i)
      func.removeResultAttr(i, mlir::StringAttr::get(func->getContext(), "kiln.name"));
  });
  LLVMContext llvmContext;
  std::unique_ptr<Module> m =
      mlir::translateModuleToLLVMIR(module, llvmContext, sig.name);
  if (!m)
    return makeError("cannot translate the lowered module to LLVM IR");
  Error err = Error::success();
  std::unique_ptr<TargetMachine> tm = createTargetMachine(options, err);
  if (err)
    return err;
  consumeError(std::move(err));
  m->setTargetTriple(tm->getTargetTriple());
  m->setDataLayout(tm->createDataLayout());
  m->setSourceFileName(sig.name);
  if (Error e = addRunFunction(*m, sig, options.cuda))
    return e;
  addInfoFunction(*m, sig);
  // Functions inherit the target CPU and features so that the optimizer's
  // cost model and vectorizer see the real vector width. NAME_run too: the
  // model's body is inlined into it, and --emit=llvm output must say which
  // CPU it is for.
  // The widest vector registers, which the contraction tiles were made for:
  // x86 CPUs with AVX-512 otherwise split 512-bit vectors into 256-bit halves.
  VectorRegisters regs = vectorRegistersOf(*tm);
  for (Function &f : *m) {
    if (f.isDeclaration())
      continue;
    // Only NAME_run and NAME_info are the object's interface. The outlined
    // parallel loops (main_par_N) and other helpers were external symbols
    // that every model defines alike: two models linked into one program
    // clashed.
    if (f.getName() != sig.name + "_run" && f.getName() != sig.name + "_info")
      f.setLinkage(GlobalValue::InternalLinkage);
    f.addFnAttr("target-cpu", tm->getTargetCPU());
    if (!tm->getTargetFeatureString().empty())
      f.addFnAttr("target-features", tm->getTargetFeatureString());
    f.addFnAttr("prefer-vector-width", std::to_string(regs.bits));
    f.addFnAttr("min-legal-vector-width", std::to_string(regs.bits));
  }
  if (verifyModule(*m, &errs()))
    return makeError("internal error: generated LLVM IR does not verify");
  optimize(*m, *tm, options.optLevel);

  if (kind == CodeKind::LLVMIR) {
    m->print(os, nullptr);
    return Error::success();
  }
  legacy::PassManager codegen;
  if (tm->addPassesToEmitFile(codegen, os, nullptr,
                              kind == CodeKind::Object ? CodeGenFileType::ObjectFile
                                                       : CodeGenFileType::AssemblyFile))
    return makeError("the target cannot emit this kind of file");
  codegen.run(*m);
  return Error::success();
}

Error emitKernels(mlir::ModuleOp module, raw_ostream &os) {
  bool any = false;
  mlir::WalkResult walk = module.walk([&](mlir::gpu::BinaryOp binary) {
    for (mlir::Attribute attr : binary.getObjects()) {
      auto object = dyn_cast<mlir::gpu::ObjectAttr>(attr);
      if (!object || object.getFormat() != mlir::gpu::CompilationTarget::Assembly)
        return mlir::WalkResult::interrupt();
      os << object.getObject().getValue();
      any = true;
    }
    return mlir::WalkResult::advance();
  });
  if (walk.wasInterrupted())
    return makeError("internal error: a kernel image is not PTX text");
  if (!any)
    return makeError(
        "the model has no GPU kernels (was it compiled with --target=cuda?)");
  return Error::success();
}

} // namespace kiln
