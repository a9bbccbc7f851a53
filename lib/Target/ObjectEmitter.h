//===- ObjectEmitter.h - LLVM IR, assembly and object files -----*- C++ -*-===//
//
// Takes a module lowered to the LLVM dialect (lib/Conversion/Pipeline.h),
// translates it to LLVM IR, adds the fixed C interface (NAME_info, NAME_run),
// optimizes at -O0..-O3 and emits assembly or an object for the target.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_TARGET_OBJECTEMITTER_H
#define KILN_TARGET_OBJECTEMITTER_H

#include "lib/Target/ModelSignature.h"

#include "mlir/IR/BuiltinOps.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"

#include <string>

namespace kiln {

struct TargetOptions {
  std::string triple;   ///< empty: the host
  std::string cpu;      ///< empty: the host CPU when compiling for the host
  std::string features; ///< LLVM -mattr string, e.g. "+avx512f,-avx512vnni"
  unsigned optLevel = 2;
  bool cuda = false; ///< host code of a --target=cuda model (lib/Conversion/Pipeline.h)
};

enum class CodeKind { LLVMIR, Assembly, Object };

/// A CPU's vector registers, as LLVM's TargetTransformInfo describes them.
struct VectorRegisters {
  unsigned bits = 0;     ///< the widest vector register
  unsigned count = 0;    ///< how many vector registers there are
  bool scalable = false; ///< whether the CPU also has scalable vectors (SVE)
};
llvm::Expected<VectorRegisters> queryVectorRegisters(const TargetOptions &options);

/// The CPU and feature string that `options` resolve to.
std::pair<std::string, std::string> resolveCpu(const TargetOptions &options);

/// Writes the model's code as `kind` to `os`. Deterministic: the same module
/// and options give the same bytes.
llvm::Error emitCode(mlir::ModuleOp llvmDialectModule, const ModelSignature &sig,
                     const TargetOptions &options, CodeKind kind,
                     llvm::raw_pwrite_stream &os);

/// Writes the PTX of a module lowered for --target=cuda (its gpu.binary
/// objects) to `os`.
llvm::Error emitKernels(mlir::ModuleOp llvmDialectModule, llvm::raw_ostream &os);

} // namespace kiln

#endif // KILN_TARGET_OBJECTEMITTER_H
