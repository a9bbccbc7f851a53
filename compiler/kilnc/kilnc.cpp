//===- kilnc.cpp - The Kiln compiler driver -------------------------------===//
//
// Thin by design: parses flags, calls the library, prints diagnostics as
// `model.onnx:node: error: message`, exits 1 on any error without leaving an
// output file behind.
//
//===----------------------------------------------------------------------===//

#include "lib/Conversion/Pipeline.h"
#include "lib/Import/Importer.h"
#include "lib/Support/Diagnostics.h"
#include "lib/Target/HeaderEmitter.h"
#include "lib/Target/ObjectEmitter.h"
#include "lib/Target/RuntimeFlags.h"

#include "mlir/IR/AsmState.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/OperationSupport.h"
#include "mlir/Support/FileUtilities.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/ToolOutputFile.h"
#include "llvm/Support/raw_ostream.h"

#include "onnx/onnx_pb.h"

using namespace llvm;
using mlir::failed;
using mlir::FailureOr;

static cl::OptionCategory kilncCategory("kilnc options");

static cl::opt<std::string> inputFile(cl::Positional,
                                      cl::desc("<model.onnx|model.onnxtxt>"),
                                      cl::cat(kilncCategory));
static cl::opt<std::string>
    outputFile("o",
               cl::desc("Output file ('-' for stdout). Default: MODEL.o for --emit=obj, "
                        "MODEL.h for --emit=header, stdout otherwise"),
               cl::value_desc("file"), cl::cat(kilncCategory));

enum class Emit { Kiln, Linalg, LLVM, Asm, Obj, Header, Ptx };
static cl::opt<Emit> emit(
    "emit", cl::desc("What to write (default: obj, plus NAME.h next to it)"),
    cl::values(clEnumValN(Emit::Kiln, "kiln", "the imported kiln dialect IR"),
               clEnumValN(Emit::Linalg, "linalg", "linalg/tensor IR after lowering"),
               clEnumValN(Emit::LLVM, "llvm", "optimized LLVM IR"),
               clEnumValN(Emit::Asm, "asm", "target assembly"),
               clEnumValN(Emit::Obj, "obj", "an object file and its header NAME.h"),
               clEnumValN(Emit::Header, "header", "only the C header"),
               clEnumValN(Emit::Ptx, "ptx", "the GPU kernels as PTX (--target=cuda)")),
    cl::init(Emit::Obj), cl::cat(kilncCategory));

static cl::opt<std::string>
    modelName("name",
              cl::desc("Symbol prefix of the generated interface (NAME_run, NAME_info); "
                       "default: the model file's stem as a C identifier"),
              cl::value_desc("NAME"), cl::cat(kilncCategory));
static cl::opt<std::string>
    targetTriple("target",
                 cl::desc("Target triple (default: the host): x86_64-linux-gnu, "
                          "aarch64-linux-gnu, or cuda (kernels on an NVIDIA GPU, "
                          "host code for this machine)"),
                 cl::value_desc("triple"), cl::cat(kilncCategory));
static cl::opt<std::string>
    targetCpu("mcpu",
              cl::desc("Target CPU, e.g. skylake-avx512, neoverse-n1 (default: the "
                       "host CPU when compiling for the host, else generic)"),
              cl::value_desc("cpu"), cl::cat(kilncCategory));
static cl::opt<std::string> targetFeatures(
    "mattr", cl::desc("Target features on top of the CPU's, e.g. +avx512f,-avx512vnni"),
    cl::value_desc("features"), cl::cat(kilncCategory));
static cl::opt<std::string>
    gpuArch("gpu-arch",
            cl::desc("GPU architecture for --target=cuda (default: sm_80); the PTX "
                     "runs on it and on newer GPUs"),
            cl::value_desc("sm_XY"), cl::init("sm_80"), cl::cat(kilncCategory));
static cl::opt<std::string>
    cudaPath("cuda-path",
             cl::desc("CUDA toolkit whose libdevice --target=cuda links (default: "
                      "$CUDA_PATH, else /usr/local/cuda)"),
             cl::value_desc("dir"), cl::cat(kilncCategory));
enum OptLevel : unsigned { O0, O1, O2, O3 };
static cl::opt<OptLevel>
    optLevel(cl::desc("Optimization level"),
             cl::values(clEnumVal(O0, "no optimization"), clEnumVal(O1, "light"),
                        clEnumVal(O2, "default"), clEnumVal(O3, "aggressive")),
             cl::init(O2), cl::cat(kilncCategory));
static cl::opt<bool> printRuntimeFlags(
    "print-runtime-flags",
    cl::desc("Print the compiler and linker flags an application needs to link a "
             "generated object with the runtime (built for --target), and exit"),
    cl::cat(kilncCategory));
static cl::opt<bool> timing("timing", cl::desc("Print the time of each compiler pass"),
                            cl::cat(kilncCategory));

static cl::list<std::string>
    inputShapes("input-shape",
                cl::desc("Static shape for a graph input, binding its symbolic dims "
                         "(repeatable), e.g. --input-shape input:1x3x224x224"),
                cl::value_desc("NAME:D0xD1x..."), cl::cat(kilncCategory));

static cl::list<std::string> constInputs(
    "const-input",
    cl::desc("Freeze a graph input to the tensor in a serialized ONNX TensorProto "
             "file (repeatable); needed when an input feeds a value that must be "
             "known at compile time, such as a Reshape shape"),
    cl::value_desc("NAME=FILE.pb"), cl::cat(kilncCategory));

static cl::opt<bool> listOps("list-ops",
                             cl::desc("Print the ONNX operators Kiln imports and exit"),
                             cl::cat(kilncCategory));

static cl::opt<bool> elideWeights(
    "elide-weights",
    cl::desc("Print large constants as '__elided__' (output is then not parseable)"),
    cl::cat(kilncCategory));

/// "NAME:1x3x224x224" (NAME may itself contain ':'; an empty dim list is a scalar).
static bool parseInputShape(StringRef spec, kiln::ImportOptions &options) {
  size_t colon = spec.rfind(':');
  if (colon == StringRef::npos || colon == 0)
    return false;
  StringRef name = spec.take_front(colon), dims = spec.drop_front(colon + 1);
  std::vector<int64_t> shape;
  if (!dims.empty()) {
    SmallVector<StringRef> parts;
    dims.split(parts, 'x');
    for (StringRef p : parts) {
      int64_t d;
      if (p.getAsInteger(10, d) || d < 0)
        return false;
      shape.push_back(d);
    }
  }
  options.inputShapes[name.str()] = shape;
  return true;
}

static void printVersion(raw_ostream &os) {
  os << "kilnc (Kiln) " << KILN_VERSION << "\n"
     << "  LLVM/MLIR " << LLVM_VERSION_STRING << ", ONNX IR version "
     << int(onnx::Version::IR_VERSION) << ", canonical opset " << kiln::kCanonicalOpset
     << "\n";
}

int main(int argc, char **argv) {
  InitLLVM init(argc, argv);
  cl::HideUnrelatedOptions(kilncCategory);
  cl::SetVersionPrinter(printVersion);
  cl::ParseCommandLineOptions(
      argc, argv,
      "Kiln: ahead-of-time compiler for ONNX models\n\n"
      "  kilnc model.onnx -o model.o          # writes model.o and model.h\n"
      "  cc app.c model.o $(kilnc --print-runtime-flags)\n\n"
      "Imports an ONNX model (binary .onnx, or ONNX text syntax .onnxtxt), checks it,\n"
      "converts it to opset 17, lowers it to native code for the target and writes an\n"
      "object file defining NAME_info() and NAME_run() (see kiln/runtime.h).\n");

  // --target=cuda: kernels for the GPU, host code (and its runtime) for this
  // machine.
  bool cuda = targetTriple == "cuda";
  if (printRuntimeFlags) {
    std::string exe = sys::fs::getMainExecutable(argv[0], (void *)&printVersion);
    Expected<std::string> flags =
        kiln::runtimeFlags(cuda ? "" : targetTriple.getValue(),
                           sys::path::parent_path(sys::path::parent_path(exe)),
                           KILN_RUNTIME_SOURCE_INCLUDE_DIR);
    if (!flags) {
      errs() << "kilnc: error: " << toString(flags.takeError()) << "\n";
      return 1;
    }
    outs() << *flags << "\n";
    return 0;
  }
  if (listOps) {
    for (const std::string &op : kiln::supportedOnnxOps())
      outs() << op << "\n";
    return 0;
  }
  if (inputFile.empty()) {
    errs() << "kilnc: error: no input file (see --help)\n";
    return 1;
  }

  std::optional<kiln::GpuTarget> gpu;
  if (cuda) {
    std::string toolkit = cudaPath;
    if (toolkit.empty())
      if (const char *env = getenv("CUDA_PATH"))
        toolkit = env;
    if (toolkit.empty())
      toolkit = "/usr/local/cuda";
    Expected<kiln::GpuTarget> target = kiln::GpuTarget::get(gpuArch, toolkit);
    if (!target) {
      errs() << "kilnc: error: " << toString(target.takeError()) << "\n";
      return 1;
    }
    gpu = *target;
  } else if (emit == Emit::Ptx) {
    errs() << "kilnc: error: --emit=ptx needs --target=cuda\n";
    return 1;
  } else if (gpuArch.getNumOccurrences() || cudaPath.getNumOccurrences()) {
    errs() << "kilnc: error: --gpu-arch and --cuda-path need --target=cuda\n";
    return 1;
  }

  kiln::ImportOptions options;
  for (const std::string &spec : inputShapes)
    if (!parseInputShape(spec, options)) {
      errs() << "kilnc: error: invalid --input-shape '" << spec
             << "': expected NAME:D0xD1x... with non-negative integer dims\n";
      return 1;
    }
  for (StringRef spec : constInputs) {
    auto [name, file] = spec.split('=');
    if (name.empty() || file.empty()) {
      errs() << "kilnc: error: invalid --const-input '" << spec
             << "': expected NAME=FILE.pb\n";
      return 1;
    }
    options.constInputs[name.str()] = file.str();
  }

  mlir::MLIRContext context;
  context.printOpOnDiagnostic(false);
  kiln::ToolDiagnosticHandler diagnostics(context, errs());
  mlir::OwningOpRef<mlir::ModuleOp> module =
      kiln::importOnnxFile(inputFile, context, options);
  if (!module || diagnostics.errorCount())
    return 1;

  std::string name = modelName.empty() ? kiln::cIdentifier(sys::path::stem(inputFile))
                                       : modelName.getValue();
  if (name != kiln::cIdentifier(name)) {
    errs() << "kilnc: error: --name '" << name << "' is not a C identifier\n";
    return 1;
  }
  std::string output = outputFile;
  if (output.empty())
    output = emit == Emit::Obj      ? (sys::path::stem(inputFile) + ".o").str()
             : emit == Emit::Header ? (sys::path::stem(inputFile) + ".h").str()
                                    : "-";

  // Text IR outputs.
  std::optional<kiln::LoweringStage> stage;
  if (emit == Emit::Linalg)
    stage = kiln::LoweringStage::Linalg;
  else if (emit != Emit::Kiln)
    stage = kiln::LoweringStage::LLVM;
  FailureOr<kiln::ModelSignature> sig = failure();
  if (emit != Emit::Kiln && emit != Emit::Linalg) {
    sig = kiln::collectSignature(*module, name);
    if (failed(sig))
      return 1;
  }
  // The header reports the workspace size, which lowering plans.
  kiln::TargetOptions target;
  target.triple = cuda ? "" : targetTriple.getValue();
  target.cuda = cuda;
  target.cpu = targetCpu;
  target.features = targetFeatures;
  target.optLevel = optLevel;
  // Matrix product tiles are sized for the CPU's vector registers.
  kiln::CpuTarget cpuTarget;
  if (stage == kiln::LoweringStage::LLVM && !cuda) {
    Expected<kiln::VectorRegisters> regs = kiln::queryVectorRegisters(target);
    if (!regs) {
      errs() << "kilnc: error: " << toString(regs.takeError()) << "\n";
      return 1;
    }
    cpuTarget.vectorBits = regs->bits;
    cpuTarget.vectorRegisters = regs->count;
    cpuTarget.scalableVectors = regs->scalable;
  }
  if (stage && failed(kiln::lowerModule(*module, *stage, timing, gpu ? &*gpu : nullptr,
                                        cpuTarget)))
    return 1;
  if (succeeded(sig)) {
    sig->workspaceBytes = kiln::plannedWorkspaceBytes(*module);
    sig->gpu = cuda;
  }

  // Every file is written through a ToolOutputFile that is kept only when all
  // of them were written completely.
  std::vector<std::unique_ptr<ToolOutputFile>> files;
  auto open = [&](StringRef path) -> raw_fd_ostream * {
    std::string error;
    auto file = mlir::openOutputFile(path, &error);
    if (!file) {
      errs() << "kilnc: error: cannot write '" << path << "': " << error << "\n";
      return nullptr;
    }
    files.push_back(std::move(file));
    return &files.back()->os();
  };

  raw_fd_ostream *os = open(output);
  if (!os)
    return 1;
  if (emit == Emit::Kiln || emit == Emit::Linalg) {
    mlir::OpPrintingFlags flags;
    if (elideWeights)
      flags.elideLargeElementsAttrs(16).elideLargeResourceString(64);
    module->print(*os, flags);
    *os << "\n";
  } else if (emit == Emit::Header) {
    kiln::emitHeader(*sig, inputFile, *os);
  } else if (emit == Emit::Ptx) {
    if (Error e = kiln::emitKernels(*module, *os)) {
      errs() << inputFile << ": error: " << toString(std::move(e)) << "\n";
      return 1;
    }
  } else {
    if (emit == Emit::Obj && output == "-") {
      errs() << "kilnc: error: --emit=obj needs an output file (-o model.o)\n";
      return 1;
    }
    kiln::CodeKind kind = emit == Emit::LLVM  ? kiln::CodeKind::LLVMIR
                          : emit == Emit::Asm ? kiln::CodeKind::Assembly
                                              : kiln::CodeKind::Object;
    if (Error e = kiln::emitCode(*module, *sig, target, kind, *os)) {
      errs() << inputFile << ": error: " << toString(std::move(e)) << "\n";
      return 1;
    }
    if (emit == Emit::Obj) {
      SmallString<256> header(output);
      sys::path::replace_extension(header, ".h");
      raw_fd_ostream *hos = open(header);
      if (!hos)
        return 1;
      kiln::emitHeader(*sig, inputFile, *hos);
    }
  }
  for (auto &file : files) {
    file->os().flush();
    if (file->os().has_error()) {
      errs() << "kilnc: error: writing '" << file->getFilename() << "' failed\n";
      file->os().clear_error();
      return 1; // ToolOutputFile deletes partial files.
    }
  }
  for (auto &file : files)
    file->keep();
  return 0;
}
