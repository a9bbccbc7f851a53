//===- Diagnostics.cpp - file:node: error: message output -----------------===//

#include "lib/Support/Diagnostics.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Location.h"
#include "mlir/IR/MLIRContext.h"

using namespace mlir;

namespace kiln {

std::string formatLocation(Location loc) {
  if (auto name = dyn_cast<NameLoc>(loc)) {
    std::string inner = formatLocation(name.getChildLoc());
    return (inner.empty() ? "" : inner + ":") + name.getName().str();
  }
  if (auto file = dyn_cast<FileLineColLoc>(loc)) {
    std::string s = file.getFilename().str();
    if (file.getLine() != 0)
      s += ":" + std::to_string(file.getLine()) + ":" +
           std::to_string(file.getColumn());
    return s;
  }
  if (auto fused = dyn_cast<FusedLoc>(loc))
    if (!fused.getLocations().empty())
      return formatLocation(fused.getLocations().front());
  if (auto callsite = dyn_cast<CallSiteLoc>(loc))
    return formatLocation(callsite.getCallee());
  return "";
}

static StringRef severityName(DiagnosticSeverity s) {
  switch (s) {
  case DiagnosticSeverity::Error:
    return "error";
  case DiagnosticSeverity::Warning:
    return "warning";
  case DiagnosticSeverity::Note:
    return "note";
  case DiagnosticSeverity::Remark:
    return "remark";
  }
  return "error";
}

ToolDiagnosticHandler::ToolDiagnosticHandler(MLIRContext &ctx, llvm::raw_ostream &os)
    : ctx_(ctx), os_(os) {
  id_ = ctx.getDiagEngine().registerHandler([this](Diagnostic &diag) {
    if (diag.getSeverity() == DiagnosticSeverity::Error)
      ++errors_;
    auto print = [&](Diagnostic &d, StringRef indent) {
      std::string where = formatLocation(d.getLocation());
      os_ << indent << (where.empty() ? "kiln" : where) << ": "
          << severityName(d.getSeverity()) << ": " << d.str() << "\n";
    };
    print(diag, "");
    for (Diagnostic &note : diag.getNotes())
      print(note, "  ");
    os_.flush();
    return success();
  });
}

ToolDiagnosticHandler::~ToolDiagnosticHandler() {
  ctx_.getDiagEngine().eraseHandler(id_);
}

} // namespace kiln
