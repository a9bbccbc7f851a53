//===- HeaderEmitter.h - NAME.h for a compiled model ------------*- C++ -*-===//

#ifndef KILN_TARGET_HEADEREMITTER_H
#define KILN_TARGET_HEADEREMITTER_H

#include "lib/Target/ModelSignature.h"

#include "llvm/Support/raw_ostream.h"

namespace kiln {

/// Writes the C header declaring NAME_info and NAME_run (the fixed interface of
/// runtime/include/kiln/runtime.h), a comment per input and output (ONNX name,
/// dtype, shape), and a typed inline wrapper NAME_run_typed. `source` is the
/// model file the header documents.
void emitHeader(const ModelSignature &sig, llvm::StringRef source, llvm::raw_ostream &os);

} // namespace kiln

#endif // KILN_TARGET_HEADEREMITTER_H
