//===- FunctionExpansion.cpp - ONNX ops defined by function bodies --------===//
//
// Built with exceptions: libonnx's function body builders may throw.
//
//===----------------------------------------------------------------------===//

#include "lib/Import/FunctionExpansion.h"

#include "onnx/defs/schema.h"
#include "llvm/ADT/StringMap.h"

namespace kiln {

static const onnx::OpSchema *functionSchema(llvm::StringRef opType, int opset) {
  const onnx::OpSchema *schema =
      onnx::OpSchemaRegistry::Schema(opType.str(), opset, onnx::ONNX_DOMAIN);
  if (!schema || schema->Deprecated() ||
      !(schema->HasFunction() || schema->HasContextDependentFunction()))
    return nullptr;
  return schema;
}

bool hasOnnxFunctionBody(llvm::StringRef opType, int opset) {
  return functionSchema(opType, opset) != nullptr;
}

std::vector<std::string> onnxFunctionOps(int opset) {
  std::vector<std::string> names;
  for (const onnx::OpSchema &schema : onnx::OpSchemaRegistry::get_all_schemas())
    if (schema.domain() == onnx::ONNX_DOMAIN && functionSchema(schema.Name(), opset))
      names.push_back(schema.Name());
  return names;
}

/// Replaces attribute references (`ref_attr_name`) in `node` by the caller's
/// attribute of that name, or the schema default; unset ones are dropped, as
/// ONNX's function inliner does.
static void resolveAttributeRefs(onnx::NodeProto &node, const onnx::NodeProto &caller,
                                 const onnx::OpSchema &schema) {
  google::protobuf::RepeatedPtrField<onnx::AttributeProto> resolved;
  for (const onnx::AttributeProto &attr : node.attribute()) {
    if (attr.ref_attr_name().empty()) {
      *resolved.Add() = attr;
      continue;
    }
    const onnx::AttributeProto *value = nullptr;
    for (const onnx::AttributeProto &a : caller.attribute())
      if (a.name() == attr.ref_attr_name())
        value = &a;
    auto it = schema.attributes().find(attr.ref_attr_name());
    if (!value && it != schema.attributes().end() &&
        it->second.default_value.type() != onnx::AttributeProto::UNDEFINED)
      value = &it->second.default_value;
    if (!value)
      continue;
    onnx::AttributeProto *copy = resolved.Add();
    *copy = *value;
    copy->set_name(attr.name());
  }
  node.mutable_attribute()->Swap(&resolved);
}

llvm::Expected<std::vector<onnx::NodeProto>>
expandOnnxFunction(const onnx::NodeProto &node, int opset,
                   llvm::ArrayRef<onnx::TypeProto> inputTypes, llvm::StringRef prefix) {
  const onnx::OpSchema *schema = functionSchema(node.op_type(), opset);
  if (!schema)
    return llvm::createStringError("%s has no ONNX function body",
                                   node.op_type().c_str());
  onnx::FunctionProto function;
  try {
    if (schema->HasContextDependentFunction()) {
      onnx::FunctionBodyBuildContextImpl context(
          node, std::vector<onnx::TypeProto>(inputTypes.begin(), inputTypes.end()));
      if (!schema->BuildContextDependentFunction(context, function))
        return llvm::createStringError(
            "ONNX cannot build the function body of %s for this node's attributes "
            "and input types",
            node.op_type().c_str());
    } else {
      function = *schema->GetFunction();
    }
  } catch (const std::exception &e) {
    return llvm::createStringError("expanding %s: %s", node.op_type().c_str(), e.what());
  }
  // Bodies are written against the opset of the schema that defines them; the
  // ops they use did not change meaning up to Kiln's canonical opset, so they
  // are imported as if at that opset. Bodies from other domains are refused.
  for (const onnx::OperatorSetIdProto &import : function.opset_import())
    if (!import.domain().empty() && import.domain() != "ai.onnx")
      return llvm::createStringError("the function body of %s uses domain '%s'",
                                     node.op_type().c_str(), import.domain().c_str());

  // Formal parameters -> the node's actual values ("" for absent optional ones).
  llvm::StringMap<std::string> rename;
  for (int i = 0; i < function.input_size(); ++i)
    rename[function.input(i)] = i < node.input_size() ? node.input(i) : "";
  for (int i = 0; i < function.output_size(); ++i)
    rename[function.output(i)] = i < node.output_size() ? node.output(i) : "";
  auto actual = [&](const std::string &name) -> std::string {
    if (name.empty())
      return name;
    auto it = rename.find(name);
    if (it != rename.end())
      return it->second;
    return (prefix + name).str();
  };

  std::vector<onnx::NodeProto> nodes;
  for (const onnx::NodeProto &bodyNode : function.node()) {
    onnx::NodeProto copy = bodyNode;
    for (std::string &in : *copy.mutable_input())
      in = actual(in);
    for (std::string &out : *copy.mutable_output()) {
      std::string name = actual(out);
      // A body output the caller does not use still needs a value name.
      out = name.empty() ? (prefix + out).str() : name;
    }
    resolveAttributeRefs(copy, node, *schema);
    copy.set_name(node.name());
    nodes.push_back(std::move(copy));
  }
  return nodes;
}

} // namespace kiln
