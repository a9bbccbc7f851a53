//===- RuntimeFlags.cpp - Flags to build apps against libkilnrt -----------===//

#include "lib/Target/RuntimeFlags.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/TargetParser/Host.h"
#include "llvm/TargetParser/Triple.h"

using namespace llvm;

namespace kiln {

static Error makeError(const Twine &message) {
  return createStringError(inconvertibleErrorCode(), message.str());
}

Expected<std::string> runtimeTargetDir(StringRef tripleName) {
  Triple host(sys::getDefaultTargetTriple());
  if (tripleName.empty())
    return std::string();
  Triple triple(Triple::normalize(tripleName));
  if (triple.getArch() == Triple::UnknownArch || triple.getOS() == Triple::UnknownOS)
    return makeError("unknown target triple '" + tripleName +
                     "' (expected e.g. x86_64-linux-gnu or aarch64-linux-gnu)");
  if (triple.getArch() == host.getArch() && triple.getOS() == host.getOS())
    return std::string();
  // Debian's multiarch names (aarch64-linux-gnu), which cross toolchains and
  // the cross-built runtime's folder use; "arm64" and a missing vendor or
  // environment name the same target.
  std::string dir = (Triple::getArchTypeName(triple.getArch()) + "-" +
                     Triple::getOSTypeName(triple.getOS()))
                        .str();
  StringRef env = triple.hasEnvironment()
                      ? Triple::getEnvironmentTypeName(triple.getEnvironment())
                      : (triple.isOSLinux() ? "gnu" : "");
  if (!env.empty())
    dir += ("-" + env).str();
  return dir;
}

/// The cross targets under `libDir` that have a libkilnrt.a, sorted.
static SmallVector<std::string> crossRuntimes(StringRef libDir) {
  SmallVector<std::string> found;
  std::error_code ec;
  for (sys::fs::directory_iterator it(libDir, ec), end; !ec && it != end;
       it.increment(ec)) {
    SmallString<256> lib(it->path());
    sys::path::append(lib, "libkilnrt.a");
    if (sys::fs::exists(lib))
      found.push_back(sys::path::filename(it->path()).str());
  }
  llvm::sort(found);
  return found;
}

Expected<std::string> runtimeFlags(StringRef triple, StringRef prefix,
                                   StringRef sourceIncludeDir) {
  Expected<std::string> targetDir = runtimeTargetDir(triple);
  if (!targetDir)
    return targetDir.takeError();
  // Installed layout: PREFIX/{bin,include,lib}; build tree: the runtime's
  // headers stay in the source folder.
  SmallString<256> include(prefix);
  sys::path::append(include, "include");
  SmallString<256> probe(include);
  sys::path::append(probe, "kiln", "runtime.h");
  if (!sys::fs::exists(probe))
    include = sourceIncludeDir;
  SmallString<256> libRoot(prefix);
  sys::path::append(libRoot, "lib");
  SmallString<256> lib(libRoot);
  if (!targetDir->empty())
    sys::path::append(lib, *targetDir);
  SmallString<256> archive(lib);
  sys::path::append(archive, "libkilnrt.a");
  // Failing here, rather than printing flags that fail at link time, tells the
  // user which targets this Kiln can build applications for.
  if (!sys::fs::exists(archive)) {
    SmallString<256> hostArchive(libRoot);
    sys::path::append(hostArchive, "libkilnrt.a");
    SmallVector<std::string> available;
    if (sys::fs::exists(hostArchive))
      available.push_back("the host (" + sys::getDefaultTargetTriple() + ")");
    llvm::append_range(available, crossRuntimes(libRoot));
    std::string name = triple.empty() ? sys::getDefaultTargetTriple() : triple.str();
    return makeError("no Kiln runtime for target '" + name + "': " + archive +
                     " does not exist (runtimes here: " +
                     (available.empty() ? std::string("none") : join(available, ", ")) +
                     ")");
  }
  return ("-I" + include + " -L" + lib + " -lkilnrt -lpthread -ldl -lm").str();
}

} // namespace kiln
