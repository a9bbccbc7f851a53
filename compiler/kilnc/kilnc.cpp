//===- kilnc.cpp - The Kiln compiler driver -------------------------------===//
//
// Thin by design: parses flags, calls the library, prints diagnostics as
// `model.onnx:node: error: message`, exits 1 on any error without leaving an
// output file behind.
//
//===----------------------------------------------------------------------===//

#include "lib/Import/Importer.h"
#include "lib/Support/Diagnostics.h"

#include "mlir/IR/AsmState.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/OperationSupport.h"
#include "mlir/Support/FileUtilities.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/ToolOutputFile.h"
#include "llvm/Support/raw_ostream.h"

#include "onnx/onnx_pb.h"

using namespace llvm;

static cl::OptionCategory kilncCategory("kilnc options");

static cl::opt<std::string> inputFile(cl::Positional, cl::desc("<model.onnx|model.onnxtxt>"),
                                      cl::cat(kilncCategory));
static cl::opt<std::string> outputFile("o", cl::desc("Output file ('-' for stdout, the default)"),
                                       cl::value_desc("file"), cl::init("-"),
                                       cl::cat(kilncCategory));

enum class Emit { Kiln };
static cl::opt<Emit> emit(
    "emit", cl::desc("What to write (code generation is not implemented yet)"),
    cl::values(clEnumValN(Emit::Kiln, "kiln", "the imported kiln dialect IR")),
    cl::init(Emit::Kiln), cl::cat(kilncCategory));

static cl::list<std::string> inputShapes(
    "input-shape",
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
     << int(onnx::Version::IR_VERSION) << ", canonical opset "
     << kiln::kCanonicalOpset << "\n";
}

int main(int argc, char **argv) {
  InitLLVM init(argc, argv);
  cl::HideUnrelatedOptions(kilncCategory);
  cl::SetVersionPrinter(printVersion);
  cl::ParseCommandLineOptions(
      argc, argv,
      "Kiln: ahead-of-time compiler for ONNX models\n\n"
      "  kilnc model.onnx --emit=kiln [-o model.mlir]\n\n"
      "Imports an ONNX model (binary .onnx, or ONNX text syntax .onnxtxt), checks it,\n"
      "converts it to opset 17 and prints the kiln dialect IR with static shapes.\n");

  if (listOps) {
    for (const std::string &op : kiln::supportedOnnxOps())
      outs() << op << "\n";
    return 0;
  }
  if (inputFile.empty()) {
    errs() << "kilnc: error: no input file (see --help)\n";
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
  kiln::ToolDiagnosticHandler diagnostics(context, errs());
  mlir::OwningOpRef<mlir::ModuleOp> module =
      kiln::importOnnxFile(inputFile, context, options);
  if (!module || diagnostics.errorCount())
    return 1;

  std::string error;
  std::unique_ptr<ToolOutputFile> output = mlir::openOutputFile(outputFile, &error);
  if (!output) {
    errs() << "kilnc: error: cannot write '" << outputFile << "': " << error << "\n";
    return 1;
  }
  mlir::OpPrintingFlags flags;
  if (elideWeights)
    flags.elideLargeElementsAttrs(16).elideLargeResourceString(64);
  module->print(output->os(), flags);
  output->os() << "\n";
  output->os().flush();
  if (output->os().has_error()) {
    errs() << "kilnc: error: writing '" << outputFile << "' failed\n";
    output->os().clear_error();
    return 1; // ToolOutputFile deletes the partial file.
  }
  output->keep();
  return 0;
}
