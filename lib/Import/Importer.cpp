//===- Importer.cpp - ONNX graph to func.func of kiln ops -----------------===//
//
// Order of work, each step failing with a located diagnostic:
//   1. read and parse the file (binary protobuf or ONNX text);
//   2. structural checks with node locations: node count cap, every op supported
//      (all unsupported ops in one diagnostic), every input defined before use
//      (catches cycles and dangling inputs);
//   3. ONNX's checker, then conversion to the canonical opset;
//   4. graph inputs with static shapes (--input-shape binds symbolic dims),
//      initializers as constants, then one kiln op per node;
//   5. the module is verified.
//
//===----------------------------------------------------------------------===//

#include "lib/Import/Importer.h"

#include "lib/Import/FunctionExpansion.h"
#include "lib/Import/ModelLoader.h"
#include "lib/Import/NodeImporter.h"
#include "lib/Target/ModelSignature.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Quant/IR/Quant.h"
#include "mlir/IR/Verifier.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

using namespace mlir;

namespace kiln {

static const ImporterRegistry &registry() {
  static const ImporterRegistry r = [] {
    ImporterRegistry r;
    registerElementwiseImporters(r);
    registerNNImporters(r);
    registerTensorImporters(r);
    registerReductionImporters(r);
    registerRecurrentAndQuantImporters(r);
    return r;
  }();
  return r;
}

/// Ops Kiln imports: those with a kiln form, then those ONNX defines by a
/// function body of supported ops (expanded at import).
static bool isSupportedOp(StringRef opType) {
  // Function ops whose bodies always use ops Kiln cannot import: random
  // numbers and sequences.
  if (opType == "Bernoulli" || opType == "SequenceMap")
    return false;
  return registry().count(opType) || hasOnnxFunctionBody(opType, kCanonicalOpset);
}

std::vector<std::string> supportedOnnxOps() {
  std::vector<std::string> names;
  for (const auto &entry : registry())
    names.push_back(entry.getKey().str());
  for (const std::string &name : onnxFunctionOps(kCanonicalOpset))
    if (!registry().count(name) && isSupportedOp(name))
      names.push_back(name);
  llvm::sort(names);
  return names;
}

void registerImportDialects(DialectRegistry &r) {
  r.insert<mlir::kiln::KilnDialect, func::FuncDialect, quant::QuantDialect>();
}

namespace {

class GraphImporter {
public:
  GraphImporter(MLIRContext &ctx, StringRef path, const ImportOptions &options)
      : ctx_(ctx), builder_(&ctx), path_(path), options_(options),
        fileLoc_(FileLineColLoc::get(&ctx, path, 0, 0)) {
    SmallString<256> dir(path);
    llvm::sys::path::remove_filename(dir);
    if (dir.empty())
      dir = ".";
    modelDir_ = dir.str().str();
  }

  OwningOpRef<ModuleOp> run();

private:
  Location nodeLoc(const onnx::NodeProto &node, int index);
  Location valueLoc(StringRef name) {
    return NameLoc::get(StringAttr::get(&ctx_, name), fileLoc_);
  }
  LogicalResult checkStructure(const onnx::GraphProto &graph);
  LogicalResult internalizeExternalData(onnx::GraphProto &graph);
  FailureOr<RankedTensorType> inputType(const onnx::ValueInfoProto &info);
  FailureOr<Value> constInput(const onnx::ValueInfoProto &info);
  LogicalResult importNodes(const onnx::GraphProto &graph);
  LogicalResult importNode(const onnx::NodeProto &node, Location loc, int depth);
  LogicalResult expandFunctionNode(const onnx::NodeProto &node, Location loc, int depth);
  LogicalResult checkOutputType(const onnx::ValueInfoProto &info, Value value);

  MLIRContext &ctx_;
  OpBuilder builder_;
  std::string path_;
  std::string modelDir_;
  const ImportOptions &options_;
  Location fileLoc_;
  llvm::StringMap<Value> values_;
  /// A prefix that no value name of the graph starts with, for the values of
  /// expanded function bodies; set once the graph is final.
  std::string expansionPrefix_;
  int expansions_ = 0;
};

} // namespace

/// How diagnostics name a node. Nodes without a name (ONNX's text syntax cannot
/// name them) go by their first output, which is unique in the graph.
static std::string nodeName(const onnx::NodeProto &node, int index) {
  if (!node.name().empty())
    return node.name();
  for (const std::string &out : node.output())
    if (!out.empty())
      return out;
  return node.op_type() + "#" + std::to_string(index);
}

Location GraphImporter::nodeLoc(const onnx::NodeProto &node, int index) {
  return valueLoc(nodeName(node, index));
}

LogicalResult GraphImporter::checkStructure(const onnx::GraphProto &graph) {
  if (graph.node_size() > options_.maxNodes)
    return emitError(fileLoc_) << "graph has " << graph.node_size()
                               << " nodes, more than the limit of " << options_.maxNodes;
  // Every op must be supported: report all offenders at once.
  SmallVector<std::pair<int, std::string>> unsupported;
  for (auto [i, node] : llvm::enumerate(graph.node())) {
    bool defaultDomain = node.domain().empty() || node.domain() == "ai.onnx";
    if (!defaultDomain || !isSupportedOp(node.op_type()))
      unsupported.push_back(
          {int(i), (defaultDomain ? "" : node.domain() + ".") + node.op_type()});
  }
  if (!unsupported.empty()) {
    std::string list;
    llvm::StringSet<> seen;
    for (auto &[i, op] : unsupported)
      if (seen.insert(op).second)
        list += (list.empty() ? "" : ", ") + op;
    auto diag = emitError(fileLoc_)
                << unsupported.size() << " node(s) use operators Kiln does not "
                << "support: " << list;
    for (auto &[i, op] : unsupported)
      diag.attachNote(nodeLoc(graph.node(i), i)) << "unsupported operator " << op;
    return failure();
  }
  // Every input must be defined before it is used. A value produced later
  // means the graph is cyclic or not topologically sorted.
  llvm::StringSet<> defined;
  for (const auto &in : graph.input())
    defined.insert(in.name());
  for (const auto &init : graph.initializer())
    defined.insert(init.name());
  llvm::StringMap<int> producer;
  for (auto [i, node] : llvm::enumerate(graph.node()))
    for (const std::string &out : node.output())
      if (!out.empty())
        producer.try_emplace(out, int(i));
  for (auto [i, node] : llvm::enumerate(graph.node())) {
    for (const std::string &in : node.input()) {
      if (in.empty() || defined.contains(in))
        continue;
      auto it = producer.find(in);
      if (it == producer.end())
        return emitError(nodeLoc(node, i))
               << node.op_type() << " input '" << in
               << "' is not a graph input, an initializer, or any node's output";
      return emitError(nodeLoc(node, i))
             << node.op_type() << " input '" << in << "' is produced by node '"
             << nodeName(graph.node(it->second), it->second) << "' ("
             << graph.node(it->second).op_type()
             << ") later in the graph: the graph is cyclic or not topologically "
                "sorted";
    }
    for (const std::string &out : node.output())
      if (!out.empty() && !defined.insert(out).second)
        return emitError(nodeLoc(node, i))
               << "value '" << out << "' is defined more than once";
  }
  for (const auto &out : graph.output())
    if (!defined.contains(out.name()))
      return emitError(valueLoc(out.name()))
             << "graph output '" << out.name() << "' is never defined";
  return success();
}

/// Reads external data into the model, with Kiln's location rules and located
/// errors, before ONNX's checker and version converter see it.
LogicalResult GraphImporter::internalizeExternalData(onnx::GraphProto &graph) {
  for (auto &init : *graph.mutable_initializer())
    if (llvm::Error e = ::kiln::internalizeExternalData(init, modelDir_, options_.limits))
      return emitError(valueLoc(init.name())) << llvm::toString(std::move(e));
  for (auto [i, node] : llvm::enumerate(*graph.mutable_node()))
    for (auto &attr : *node.mutable_attribute())
      if (attr.has_t())
        if (llvm::Error e = ::kiln::internalizeExternalData(*attr.mutable_t(), modelDir_,
                                                            options_.limits))
          return emitError(nodeLoc(node, i)) << llvm::toString(std::move(e));
  return success();
}

FailureOr<RankedTensorType> GraphImporter::inputType(const onnx::ValueInfoProto &info) {
  Location loc = valueLoc(info.name());
  if (!info.type().has_tensor_type())
    return emitError(loc) << "graph input '" << info.name()
                          << "' is not a tensor (sequences, maps and optionals are "
                             "not supported)";
  const auto &tensor = info.type().tensor_type();
  Type element = onnxElementType(tensor.elem_type(), &ctx_);
  if (!element)
    return emitError(loc) << "graph input '" << info.name()
                          << "' has unsupported element type "
                          << onnx::TensorProto::DataType_Name(
                                 static_cast<onnx::TensorProto::DataType>(
                                     tensor.elem_type()));
  SmallVector<int64_t> shape;
  auto bound = options_.inputShapes.find(info.name());
  if (bound != options_.inputShapes.end()) {
    shape.assign(bound->second.begin(), bound->second.end());
    if (tensor.has_shape() && tensor.shape().dim_size() != int64_t(shape.size()))
      return emitError(loc) << "--input-shape gives " << shape.size() << " dims for '"
                            << info.name() << "', which has rank "
                            << tensor.shape().dim_size();
    for (auto [i, d] : llvm::enumerate(shape)) {
      if (!tensor.has_shape())
        break;
      const auto &dim = tensor.shape().dim(i);
      if (dim.has_dim_value() && dim.dim_value() != d)
        return emitError(loc) << "--input-shape sets dim " << i << " of '" << info.name()
                              << "' to " << d << " but the model fixes it to "
                              << dim.dim_value();
    }
  } else {
    if (!tensor.has_shape())
      return emitError(loc) << "graph input '" << info.name()
                            << "' has no shape; give one with --input-shape "
                            << info.name() << ":D0xD1x...";
    for (auto [i, dim] : llvm::enumerate(tensor.shape().dim())) {
      if (!dim.has_dim_value())
        return emitError(loc) << "graph input '" << info.name() << "' has symbolic dim "
                              << i
                              << (dim.dim_param().empty() ? ""
                                                          : " '" + dim.dim_param() + "'")
                              << "; bind it with --input-shape " << info.name()
                              << ":D0xD1x...";
      shape.push_back(dim.dim_value());
    }
  }
  for (int64_t d : shape)
    if (d < 0 || d > (int64_t(1) << 40))
      return emitError(loc) << "graph input '" << info.name() << "' has dimension " << d
                            << " (must be in [0, 2^40])";
  auto bytes =
      checkedTensorBytes(shape, onnxElementByteSize(tensor.elem_type()), options_.limits);
  if (!bytes)
    return emitError(loc) << "graph input '" << info.name()
                          << "': " << llvm::toString(bytes.takeError());
  return RankedTensorType::get(shape, element);
}

FailureOr<Value> GraphImporter::constInput(const onnx::ValueInfoProto &info) {
  Location loc = valueLoc(info.name());
  StringRef file = options_.constInputs.at(info.name());
  auto buffer = llvm::MemoryBuffer::getFile(file, /*IsText=*/false);
  if (!buffer)
    return emitError(loc) << "cannot read --const-input file '" << file
                          << "': " << buffer.getError().message();
  onnx::TensorProto tensor;
  if (llvm::Error e = parseTensor((*buffer)->getBuffer(), tensor))
    return emitError(loc) << "--const-input '" << file
                          << "': " << llvm::toString(std::move(e));
  // Data for a frozen input is never external.
  auto attr = tensorToElementsAttr(tensor, loc, /*modelDir=*/"", options_);
  if (failed(attr))
    return failure();
  auto declared = inputType(info);
  if (succeeded(declared) && *declared != attr->getShapedType())
    return emitError(loc) << "--const-input '" << file << "' holds "
                          << attr->getShapedType() << " but '" << info.name()
                          << "' is declared " << *declared;
  return mlir::kiln::ConstantOp::create(builder_, loc, *attr).getResult();
}

LogicalResult GraphImporter::checkOutputType(const onnx::ValueInfoProto &info,
                                             Value value) {
  if (!info.type().has_tensor_type())
    return success();
  const auto &tensor = info.type().tensor_type();
  auto actual = cast<RankedTensorType>(value.getType());
  Type element = onnxElementType(tensor.elem_type(), &ctx_);
  if (element && element != actual.getElementType())
    return emitError(valueLoc(info.name()))
           << "graph output '" << info.name() << "' is declared with element type "
           << element << " but computes " << actual.getElementType();
  if (!tensor.has_shape())
    return success();
  bool rankMatches = tensor.shape().dim_size() == actual.getRank();
  for (int i = 0; rankMatches && i < tensor.shape().dim_size(); ++i) {
    const auto &dim = tensor.shape().dim(i);
    if (dim.has_dim_value() && dim.dim_value() != actual.getDimSize(i))
      rankMatches = false;
  }
  if (!rankMatches)
    return emitError(valueLoc(info.name()))
           << "graph output '" << info.name() << "' is declared with a shape that "
           << "differs from the computed " << actual;
  return success();
}

LogicalResult GraphImporter::importNodes(const onnx::GraphProto &graph) {
  for (auto [i, node] : llvm::enumerate(graph.node()))
    if (failed(importNode(node, nodeLoc(node, i), /*depth=*/0)))
      return failure();
  return success();
}

LogicalResult GraphImporter::importNode(const onnx::NodeProto &node, Location loc,
                                        int depth) {
  NodeImportFn import = registry().lookup(node.op_type());
  if (!import)
    return expandFunctionNode(node, loc, depth);
  SmallVector<Value> inputs;
  for (const std::string &name : node.input())
    inputs.push_back(name.empty() ? Value() : values_.lookup(name));
  NodeImporter ni(builder_, loc, node, inputs, modelDir_, options_);
  if (failed(ni.convertAttributes()) || failed(import(ni)))
    return failure();
  for (auto [j, out] : llvm::enumerate(node.output())) {
    if (out.empty())
      continue;
    if (j >= ni.results.size() || !ni.results[j])
      return emitError(loc) << node.op_type() << " output " << j << " ('" << out
                            << "') is not supported";
    values_[out] = ni.results[j];
  }
  return success();
}

/// Imports the nodes of an ONNX function body in place of `node`. They take
/// the node's location, so diagnostics name the model's own node; a body that
/// uses ops Kiln cannot import is reported as such.
LogicalResult GraphImporter::expandFunctionNode(const onnx::NodeProto &node, Location loc,
                                                int depth) {
  // Bodies may use other function ops (SoftmaxCrossEntropyLoss uses
  // NegativeLogLikelihoodLoss); ONNX's are shallow, so a deep chain is a bug.
  if (depth > 8)
    return emitError(loc) << node.op_type() << ": function bodies nest too deeply";
  std::vector<onnx::TypeProto> types(node.input_size());
  for (auto [i, name] : llvm::enumerate(node.input())) {
    if (name.empty())
      continue;
    auto ranked = cast<RankedTensorType>(values_.lookup(name).getType());
    auto *tensor = types[i].mutable_tensor_type();
    tensor->set_elem_type(onnxDtypeOf(ranked.getElementType()).first);
    for (int64_t d : ranked.getShape())
      tensor->mutable_shape()->add_dim()->set_dim_value(d);
  }
  // Body-local values get names no model value can have (see expansionPrefix_);
  // the expansion count makes them unique between expansions.
  std::string prefix =
      expansionPrefix_ + std::to_string(expansions_++) + "." + node.op_type() + "::";
  auto body = expandOnnxFunction(node, kCanonicalOpset, types, prefix);
  if (!body)
    return emitError(loc) << llvm::toString(body.takeError());
  for (const onnx::NodeProto &inner : *body) {
    if (!isSupportedOp(inner.op_type()))
      return emitError(loc) << "the ONNX function body of " << node.op_type() << " uses "
                            << inner.op_type() << ", which Kiln does not support";
    if (failed(importNode(inner, loc, depth + 1)))
      return failure();
  }
  for (const std::string &out : node.output())
    if (!out.empty() && !values_.count(out))
      return emitError(loc) << "the ONNX function body of " << node.op_type()
                            << " does not compute output '" << out << "'";
  return success();
}

OwningOpRef<ModuleOp> GraphImporter::run() {
  auto buffer = llvm::MemoryBuffer::getFile(path_, /*IsText=*/false);
  if (!buffer) {
    emitError(fileLoc_) << "cannot read the model: " << buffer.getError().message();
    return nullptr;
  }
  onnx::ModelProto model;
  bool isText = StringRef(path_).ends_with(".onnxtxt");
  if (llvm::Error e = parseModel((*buffer)->getBuffer(), isText, model)) {
    emitError(fileLoc_) << llvm::toString(std::move(e));
    return nullptr;
  }
  if (!model.has_graph() || (!model.has_ir_version() && !isText)) {
    emitError(fileLoc_) << "not a valid ONNX model (no graph or ir_version; "
                           "truncated or corrupt protobuf?)";
    return nullptr;
  }
  if (failed(checkStructure(model.graph())))
    return nullptr;
  int64_t opset = defaultOpsetVersion(model);
  if (opset < 1 || opset > kCanonicalOpset) {
    emitError(fileLoc_) << "unsupported ai.onnx opset " << opset
                        << " (Kiln imports opsets 1 to " << kCanonicalOpset << ")";
    return nullptr;
  }
  if (failed(internalizeExternalData(*model.mutable_graph())))
    return nullptr;
  int failedNode;
  if (llvm::Error e = checkModel(model, modelDir_, failedNode)) {
    emitError(failedNode >= 0 ? nodeLoc(model.graph().node(failedNode), failedNode)
                              : fileLoc_)
        << llvm::toString(std::move(e));
    return nullptr;
  }
  if (opset != kCanonicalOpset) {
    if (llvm::Error e = convertOpset(model, kCanonicalOpset)) {
      emitError(fileLoc_) << "opset " << opset << ": " << llvm::toString(std::move(e));
      return nullptr;
    }
  }
  const onnx::GraphProto &graph = model.graph();

  OwningOpRef<ModuleOp> module = ModuleOp::create(fileLoc_);
  std::string modelName = graph.name().empty() ? "model" : graph.name();
  (*module)->setAttr("kiln.model_name", builder_.getStringAttr(modelName));
  (*module)->setAttr("kiln.source_opset", builder_.getI64IntegerAttr(opset));

  // Function signature: graph inputs that are not initializers or frozen.
  llvm::StringSet<> initializers;
  for (const auto &init : graph.initializer())
    initializers.insert(init.name());
  // Misspelt names first: a symbolic dim of the input the user meant would
  // otherwise be reported as unbound.
  auto isRuntimeInput = [&](StringRef name) {
    return !initializers.contains(name) &&
           llvm::any_of(graph.input(), [&](auto &in) { return in.name() == name; });
  };
  for (const auto &entry : options_.constInputs)
    if (!isRuntimeInput(entry.first)) {
      emitError(fileLoc_) << "--const-input names '" << entry.first
                          << "', which is not a graph input";
      return nullptr;
    }
  for (const auto &entry : options_.inputShapes) {
    if (!isRuntimeInput(entry.first)) {
      emitError(fileLoc_) << "--input-shape names '" << entry.first
                          << "', which is not a graph input";
      return nullptr;
    }
    if (options_.constInputs.count(entry.first)) {
      emitError(fileLoc_) << "'" << entry.first
                          << "' is given both --input-shape and --const-input";
      return nullptr;
    }
  }
  SmallVector<Type> argTypes;
  SmallVector<const onnx::ValueInfoProto *> args, frozen;
  for (const auto &in : graph.input()) {
    if (initializers.contains(in.name()))
      continue;
    if (options_.constInputs.count(in.name())) {
      frozen.push_back(&in);
      continue;
    }
    auto type = inputType(in);
    if (failed(type))
      return nullptr;
    argTypes.push_back(*type);
    args.push_back(&in);
  }

  builder_.setInsertionPointToEnd(module->getBody());
  auto func = func::FuncOp::create(builder_, fileLoc_, "main",
                                   builder_.getFunctionType(argTypes, {}));
  Block *entry = func.addEntryBlock();
  builder_.setInsertionPointToStart(entry);
  for (auto [i, in] : llvm::enumerate(args)) {
    func.setArgAttr(i, "kiln.name", builder_.getStringAttr(in->name()));
    values_[in->name()] = entry->getArgument(i);
  }
  for (const auto *in : frozen) {
    auto value = constInput(*in);
    if (failed(value))
      return nullptr;
    values_[in->name()] = *value;
  }
  for (const auto &init : graph.initializer()) {
    if (values_.count(init.name()))
      continue; // An input of the same name overrides the default (IR >= 4).
    Location loc = valueLoc(init.name());
    auto attr = tensorToElementsAttr(init, loc, modelDir_, options_);
    if (failed(attr))
      return nullptr;
    values_[init.name()] = mlir::kiln::ConstantOp::create(builder_, loc, *attr);
  }

  expansionPrefix_ = "kiln.fn";
  auto taken = [&](const std::string &name) {
    return StringRef(name).starts_with(expansionPrefix_);
  };
  for (bool clash = true; clash;) {
    clash = llvm::any_of(graph.input(), [&](auto &v) { return taken(v.name()); }) ||
            llvm::any_of(graph.initializer(), [&](auto &t) { return taken(t.name()); }) ||
            llvm::any_of(graph.node(),
                         [&](auto &n) { return llvm::any_of(n.output(), taken); });
    if (clash)
      expansionPrefix_ += "_";
  }
  if (failed(importNodes(graph)))
    return nullptr;

  SmallVector<Value> results;
  for (const auto &out : graph.output()) {
    Value v = values_.lookup(out.name());
    if (failed(checkOutputType(out, v)))
      return nullptr;
    results.push_back(v);
  }
  func::ReturnOp::create(builder_, fileLoc_, results);
  func.setType(builder_.getFunctionType(argTypes, ValueRange(results).getTypes()));
  for (auto [i, out] : llvm::enumerate(graph.output()))
    func.setResultAttr(i, "kiln.name", builder_.getStringAttr(out.name()));

  if (failed(verify(*module)))
    return nullptr;
  return module;
}

OwningOpRef<ModuleOp> importOnnxFile(StringRef path, MLIRContext &context,
                                     const ImportOptions &options) {
  context.loadDialect<mlir::kiln::KilnDialect, func::FuncDialect, quant::QuantDialect>();
  return GraphImporter(context, path, options).run();
}

} // namespace kiln
