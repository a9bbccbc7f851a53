//===- ModelLoader.h - Parsing and validating ONNX models -------*- C++ -*-===//
//
// The boundary to libonnx. ONNX's checker and version converter report errors
// by throwing; ModelLoader.cpp is the one file built with exceptions and turns
// every one of them into an llvm::Error.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_IMPORT_MODELLOADER_H
#define KILN_IMPORT_MODELLOADER_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

namespace onnx {
class ModelProto;
class TensorProto;
} // namespace onnx

namespace kiln {

/// Parses `bytes` as a binary ModelProto, or as ONNX textual syntax (parser.h)
/// when `isText`.
llvm::Error parseModel(llvm::StringRef bytes, bool isText, onnx::ModelProto &model);

/// Runs ONNX's checker over the model (not its local functions): each node,
/// then the graph. `modelDir` is where external data is looked up. When a node
/// fails, `failedNode` is its index (else -1).
llvm::Error checkModel(const onnx::ModelProto &model, llvm::StringRef modelDir,
                       int &failedNode);

/// Converts the default-domain opset to `target` with ONNX's version converter,
/// keeping the coordinate mapping of converted Upsample and Resize-10 nodes.
llvm::Error convertOpset(onnx::ModelProto &model, int target);

/// Parses a serialized TensorProto (the format of ONNX test data .pb files).
llvm::Error parseTensor(llvm::StringRef bytes, onnx::TensorProto &tensor);

/// The model's default-domain ("" or "ai.onnx") opset version, or -1.
int64_t defaultOpsetVersion(const onnx::ModelProto &model);

} // namespace kiln

#endif // KILN_IMPORT_MODELLOADER_H
