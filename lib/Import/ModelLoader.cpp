//===- ModelLoader.cpp - Parsing and validating ONNX models ---------------===//

#include "lib/Import/ModelLoader.h"

#include "onnx/checker.h"
#include "onnx/defs/parser.h"
#include "onnx/onnx_pb.h"
#include "onnx/shape_inference/implementation.h"
#include "onnx/version_converter/convert.h"

#include <exception>

namespace kiln {

static llvm::Error makeError(const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message.str());
}

/// First line of an exception message: libonnx appends context dumps.
static std::string firstLine(const char *what) {
  std::string s(what);
  if (size_t nl = s.find("\n\n"); nl != std::string::npos)
    s.resize(nl);
  return s;
}

llvm::Error parseModel(llvm::StringRef bytes, bool isText, onnx::ModelProto &model) {
  if (isText) {
    std::string text = bytes.str();
    try {
      onnx::OnnxParser parser(text.c_str());
      auto status = parser.Parse(model);
      if (!status.IsOK())
        return makeError("cannot parse ONNX text: " + status.ErrorMessage());
    } catch (const std::exception &e) {
      return makeError("cannot parse ONNX text: " + firstLine(e.what()));
    }
    return llvm::Error::success();
  }
  if (bytes.size() > static_cast<size_t>(INT32_MAX))
    return makeError("model is larger than protobuf's 2 GB limit; store large "
                     "tensors as external data");
  if (bytes.empty())
    return makeError("file is empty, not an ONNX model");
  if (!model.ParseFromArray(bytes.data(), static_cast<int>(bytes.size())))
    return makeError("not a valid ONNX model (truncated or corrupt protobuf)");
  return llvm::Error::success();
}

llvm::Error checkModel(const onnx::ModelProto &model, llvm::StringRef modelDir) {
  if (!model.has_ir_version())
    return makeError("not a valid ONNX model: no ir_version (truncated or "
                     "corrupt protobuf?)");
  if (model.ir_version() > onnx::Version::IR_VERSION)
    return makeError("ir_version " + llvm::Twine(model.ir_version()) +
                     " is newer than this ONNX library supports (" +
                     llvm::Twine(int(onnx::Version::IR_VERSION)) + ")");
  try {
    onnx::checker::CheckerContext ctx;
    ctx.set_ir_version(static_cast<int>(model.ir_version()));
    std::unordered_map<std::string, int> opsets;
    for (const auto &imp : model.opset_import())
      opsets[imp.domain()] = static_cast<int>(imp.version());
    ctx.set_opset_imports(opsets);
    ctx.set_model_dir(modelDir.str());
    onnx::checker::LexicalScopeContext lex;
    onnx::checker::check_graph(model.graph(), ctx, lex);
  } catch (const std::exception &e) {
    return makeError("model fails ONNX validation: " + firstLine(e.what()));
  }
  return llvm::Error::success();
}

llvm::Error convertOpset(onnx::ModelProto &model, int target) {
  try {
    // Some adapters (Gemm 6->7, Softmax 12->13) need the shapes of their
    // inputs; infer them first. Inference failing is not fatal here: the
    // converter reports what it actually needs.
    try {
      onnx::shape_inference::InferShapes(model);
    } catch (const std::exception &) {
    }
    model = onnx::version_conversion::ConvertVersion(model, target);
  } catch (const std::exception &e) {
    return makeError("cannot convert the model to opset " + llvm::Twine(target) +
                     ": " + firstLine(e.what()));
  }
  return llvm::Error::success();
}

llvm::Error parseTensor(llvm::StringRef bytes, onnx::TensorProto &tensor) {
  if (bytes.size() > static_cast<size_t>(INT32_MAX) ||
      !tensor.ParseFromArray(bytes.data(), static_cast<int>(bytes.size())))
    return makeError("not a valid serialized ONNX TensorProto");
  return llvm::Error::success();
}

int64_t defaultOpsetVersion(const onnx::ModelProto &model) {
  for (const auto &imp : model.opset_import())
    if (imp.domain().empty() || imp.domain() == "ai.onnx")
      return imp.version();
  return -1;
}

} // namespace kiln
