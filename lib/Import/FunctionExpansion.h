//===- FunctionExpansion.h - ONNX ops defined by function bodies -*- C++ -*-===//
//
// ONNX defines some operators (NegativeLogLikelihoodLoss, SoftmaxCrossEntropyLoss,
// the window functions, ...) by a function body made of other ONNX operators.
// Kiln imports those by expanding the body in place of the node, so they need
// no kiln op and no lowering of their own, and they mean exactly what ONNX's
// own definition says.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_IMPORT_FUNCTIONEXPANSION_H
#define KILN_IMPORT_FUNCTIONEXPANSION_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <string>
#include <vector>

namespace onnx {
class NodeProto;
class TypeProto;
} // namespace onnx

namespace kiln {

/// Whether ONNX (default domain, at `opset`) defines `opType` by a function
/// body, fixed or built for each node from its attributes and input types.
bool hasOnnxFunctionBody(llvm::StringRef opType, int opset);

/// The default-domain operators of `opset` that have a function body.
std::vector<std::string> onnxFunctionOps(int opset);

/// The nodes of `node`'s function body, instantiated for it: attribute
/// references are resolved against the node's attributes (or the schema's
/// defaults), the body's formal inputs and outputs are renamed to the node's
/// actual ones, and every other value gets a name starting with `prefix`.
/// `inputTypes` (one per node input; empty TypeProto when unknown) feed the
/// body builders that depend on them.
llvm::Expected<std::vector<onnx::NodeProto>>
expandOnnxFunction(const onnx::NodeProto &node, int opset,
                   llvm::ArrayRef<onnx::TypeProto> inputTypes, llvm::StringRef prefix);

} // namespace kiln

#endif // KILN_IMPORT_FUNCTIONEXPANSION_H
