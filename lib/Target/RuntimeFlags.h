//===- RuntimeFlags.h - Flags to build apps against libkilnrt ---*- C++ -*-===//
//
// `kilnc --print-runtime-flags [--target T]`: where the runtime's header and
// the libkilnrt.a built for T are, as compiler and linker flags.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_TARGET_RUNTIMEFLAGS_H
#define KILN_TARGET_RUNTIMEFLAGS_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <string>

namespace kiln {

/// The folder name of the runtime built for `triple` (Debian's multiarch
/// spelling, e.g. "aarch64-linux-gnu"), or an error for a triple LLVM does not
/// know. Empty for the host, whose runtime is PREFIX/lib/libkilnrt.a.
llvm::Expected<std::string> runtimeTargetDir(llvm::StringRef triple);

/// "-I<include> -L<lib> -lkilnrt -lpthread -lm" for an application built for
/// `triple` (empty: the host). `prefix` holds bin/kilnc, lib/ (the host's
/// libkilnrt.a) and lib/<target>/libkilnrt.a for cross targets; include/ when
/// installed, else `sourceIncludeDir` (the build tree). An error names what is
/// missing and the targets that have a runtime.
llvm::Expected<std::string> runtimeFlags(llvm::StringRef triple, llvm::StringRef prefix,
                                         llvm::StringRef sourceIncludeDir);

} // namespace kiln

#endif // KILN_TARGET_RUNTIMEFLAGS_H
