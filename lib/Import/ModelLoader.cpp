//===- ModelLoader.cpp - Parsing and validating ONNX models ---------------===//

#include "lib/Import/ModelLoader.h"

#include "onnx/checker.h"
#include "onnx/defs/parser.h"
#include "onnx/onnx_pb.h"
#include "onnx/shape_inference/implementation.h"
#include "onnx/version_converter/convert.h"

#include "llvm/ADT/StringSet.h"

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

/// Sets (or replaces) a STRING attribute of `node`.
static void setStringAttribute(onnx::NodeProto &node, const std::string &name,
                               const std::string &value) {
  for (auto &attr : *node.mutable_attribute()) {
    if (attr.name() == name) {
      attr.set_s(value);
      return;
    }
  }
  auto *attr = node.add_attribute();
  attr->set_name(name);
  attr->set_type(onnx::AttributeProto::STRING);
  attr->set_s(value);
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

llvm::Error checkModel(const onnx::ModelProto &model, llvm::StringRef modelDir,
                       int &failedNode) {
  failedNode = -1;
  if (!model.has_ir_version())
    return makeError("not a valid ONNX model: no ir_version (truncated or "
                     "corrupt protobuf?)");
  if (model.ir_version() > onnx::Version::IR_VERSION)
    return makeError("ir_version " + llvm::Twine(model.ir_version()) +
                     " is newer than this ONNX library supports (" +
                     llvm::Twine(int(onnx::Version::IR_VERSION)) + ")");
  onnx::checker::CheckerContext ctx;
  ctx.set_ir_version(static_cast<int>(model.ir_version()));
  std::unordered_map<std::string, int> opsets;
  for (const auto &imp : model.opset_import())
    opsets[imp.domain()] = static_cast<int>(imp.version());
  ctx.set_opset_imports(opsets);
  ctx.set_model_dir(modelDir.str());
  onnx::checker::LexicalScopeContext lex;
  // Nodes one by one first, so that an error is located at its node; then the
  // graph as a whole (value infos, initializers, names).
  for (int i = 0; i < model.graph().node_size(); ++i) {
    try {
      onnx::checker::check_node(model.graph().node(i), ctx, lex);
    } catch (const std::exception &e) {
      failedNode = i;
      return makeError("node fails ONNX validation: " + firstLine(e.what()));
    }
  }
  try {
    onnx::checker::check_graph(model.graph(), ctx, lex);
  } catch (const std::exception &e) {
    return makeError("model fails ONNX validation: " + firstLine(e.what()));
  }
  return llvm::Error::success();
}

/// PRelu before opset 7 applied a 1-D slope of length C per channel (axis 1);
/// PRelu-7+ broadcasts numpy-style from the right. ONNX 1.12's adapter keeps
/// the slope as it is, so give constant slopes the shape [C, 1, ..., 1] that
/// means the same thing under the new rule. Shapes come from InferShapes.
static void reshapeLegacyPReluSlopes(onnx::ModelProto &model) {
  onnx::GraphProto &graph = *model.mutable_graph();
  auto rankOf = [&](const std::string &name) -> int {
    for (const auto *infos : {&graph.input(), &graph.value_info()})
      for (const auto &info : *infos)
        if (info.name() == name && info.type().tensor_type().has_shape())
          return info.type().tensor_type().shape().dim_size();
    return -1;
  };
  for (const auto &node : graph.node()) {
    if (node.op_type() != "PRelu" || node.input_size() != 2)
      continue;
    int rank = rankOf(node.input(0));
    if (rank < 3)
      continue;
    for (auto &init : *graph.mutable_initializer()) {
      if (init.name() != node.input(1) || init.dims_size() != 1)
        continue;
      for (int i = 2; i < rank; ++i)
        init.add_dims(1);
    }
  }
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
    // Upsample (opsets 7-9) and Resize-10 map output pixel x to input pixel
    // x / scale, rounding down for nearest. Resize-11+ defaults to half_pixel,
    // and ONNX 1.12's adapters do not spell the old mapping out: do it here.
    llvm::StringSet<> oldResizes;
    if (defaultOpsetVersion(model) < 11)
      for (const auto &node : model.graph().node())
        if ((node.op_type() == "Upsample" || node.op_type() == "Resize") &&
            node.output_size() > 0)
          oldResizes.insert(node.output(0));
    if (defaultOpsetVersion(model) < 7)
      reshapeLegacyPReluSlopes(model);
    model = onnx::version_conversion::ConvertVersion(model, target);
    for (auto &node : *model.mutable_graph()->mutable_node()) {
      if (node.op_type() != "Resize" || node.output_size() == 0 ||
          !oldResizes.contains(node.output(0)))
        continue;
      std::string mode = "nearest";
      for (const auto &attr : node.attribute())
        if (attr.name() == "mode")
          mode = attr.s();
      setStringAttribute(node, "coordinate_transformation_mode", "asymmetric");
      if (mode == "nearest")
        setStringAttribute(node, "nearest_mode", "floor");
    }
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
