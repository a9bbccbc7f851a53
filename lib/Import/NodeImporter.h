//===- NodeImporter.h - Building one kiln op from one ONNX node -*- C++ -*-===//
//
// A NodeImporter holds one ONNX node's inputs (as MLIR values) and attributes
// (converted generically: INT -> i64, FLOAT -> f32, INTS -> array<i64>, ...).
// Per-op import functions normalize what the kiln form needs (explicit pads,
// constant inputs promoted to attributes) and call build<OpT>(), which infers
// result types with the op's own inferReturnTypes, verifies, and folds.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_IMPORT_NODEIMPORTER_H
#define KILN_IMPORT_NODEIMPORTER_H

#include "dialects/Kiln/KilnOps.h"
#include "lib/Import/Importer.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"

#include "onnx/onnx_pb.h"

namespace kiln {

class NodeImporter;
using NodeImportFn = mlir::LogicalResult (*)(NodeImporter &);
using ImporterRegistry = llvm::StringMap<NodeImportFn>;

/// ONNX TensorProto data type -> MLIR element type; null when unsupported.
mlir::Type onnxElementType(int32_t dtype, mlir::MLIRContext *ctx);

/// An ONNX tensor as an ElementsAttr: dense_resource when larger than
/// `options.resourceThresholdBytes`, dense otherwise. Errors are emitted at `loc`.
mlir::FailureOr<mlir::ElementsAttr>
tensorToElementsAttr(const onnx::TensorProto &tensor, mlir::Location loc,
                     llvm::StringRef modelDir, const ImportOptions &options);

/// Integer values of a constant tensor (any integer element type).
std::optional<llvm::SmallVector<int64_t>> constantInts(mlir::Attribute attr);
/// Float values of a constant tensor (any float element type).
std::optional<llvm::SmallVector<float>> constantFloats(mlir::Attribute attr);

class NodeImporter {
public:
  NodeImporter(mlir::OpBuilder &builder, mlir::Location loc,
               const onnx::NodeProto &node, llvm::ArrayRef<mlir::Value> inputs,
               llvm::StringRef modelDir, const ImportOptions &options);

  /// Converts the node's ONNX attributes; false (with an error emitted) if one
  /// cannot be represented.
  mlir::LogicalResult convertAttributes();

  const onnx::NodeProto &node() const { return node_; }
  llvm::StringRef opType() const { return node_.op_type(); }
  mlir::Location loc() const { return loc_; }
  mlir::OpBuilder &builder() { return b_; }
  mlir::MLIRContext *context() { return b_.getContext(); }

  /// Input `i`, or a null value when absent (beyond the list or empty name).
  mlir::Value input(unsigned i) const {
    return i < inputs_.size() ? inputs_[i] : mlir::Value();
  }
  llvm::ArrayRef<mlir::Value> inputs() const { return inputs_; }
  mlir::RankedTensorType inputType(unsigned i) const {
    return llvm::cast<mlir::RankedTensorType>(input(i).getType());
  }
  unsigned numOutputs() const { return node_.output_size(); }

  /// Converted attribute `name`, or null.
  mlir::Attribute attr(llvm::StringRef name) const { return attrs_.get(name); }
  int64_t intAttr(llvm::StringRef name, int64_t defaultValue) const;
  std::optional<llvm::SmallVector<int64_t>> intsAttr(llvm::StringRef name) const;
  llvm::StringRef strAttr(llvm::StringRef name, llvm::StringRef defaultValue) const;
  /// Sets (or replaces) an attribute of the kiln op being built.
  void setAttr(llvm::StringRef name, mlir::Attribute value) {
    attrs_.set(name, value);
  }
  void setInts(llvm::StringRef name, llvm::ArrayRef<int64_t> values) {
    setAttr(name, b_.getDenseI64ArrayAttr(values));
  }
  /// Marks ONNX attributes as handled by normalization (not passed through).
  void consume(std::initializer_list<llvm::StringRef> names) {
    for (llvm::StringRef n : names) {
      consumed_.insert(n);
      attrs_.erase(n);
    }
  }

  /// Values of input `i`, which must be a compile-time constant (an initializer,
  /// a Constant node, a folded shape computation or a --const-input).
  mlir::FailureOr<mlir::Attribute> constAttr(unsigned i, llvm::StringRef what);
  mlir::FailureOr<llvm::SmallVector<int64_t>> constInts(unsigned i,
                                                        llvm::StringRef what);
  mlir::FailureOr<llvm::SmallVector<float>> constFloats(unsigned i,
                                                        llvm::StringRef what);

  mlir::InFlightDiagnostic emitError() { return mlir::emitError(loc_); }

  /// Builds OpT with one entry of `operands` per ODS operand (null = absent
  /// optional operand), inferring result types. The op's results become the
  /// node's outputs in order.
  template <typename OpT>
  mlir::LogicalResult build(llvm::ArrayRef<mlir::Value> operands) {
    llvm::SmallVector<mlir::Value> present;
    llvm::SmallVector<int32_t> segments;
    for (mlir::Value v : operands) {
      segments.push_back(v ? 1 : 0);
      if (v)
        present.push_back(v);
    }
    return buildOp<OpT>(present, segments);
  }
  /// Builds OpT whose only operand group is variadic.
  template <typename OpT>
  mlir::LogicalResult buildVariadic(mlir::ValueRange operands) {
    return buildOp<OpT>(operands, {});
  }

  /// The node's outputs as imported (null where not produced).
  llvm::SmallVector<mlir::Value> results;

private:
  template <typename OpT>
  mlir::LogicalResult buildOp(mlir::ValueRange operands,
                              llvm::ArrayRef<int32_t> segments) {
    mlir::NamedAttrList attrs;
    if (mlir::failed(takeAttributes(OpT::getAttributeNames(), attrs)))
      return mlir::failure();
    if constexpr (OpT::template hasTrait<
                      mlir::OpTrait::AttrSizedOperandSegments>()) {
      // ONNX omits trailing optional inputs; pad to one entry per ODS operand.
      llvm::SmallVector<int32_t> sizes(segments);
      size_t groups = std::size(typename OpT::Properties().operandSegmentSizes);
      if (sizes.size() > groups)
        return emitError() << opType() << " takes at most " << groups
                           << " inputs, got " << sizes.size();
      sizes.resize(groups, 0);
      attrs.set("operandSegmentSizes",
                mlir::DenseI32ArrayAttr::get(context(), sizes));
    }
    mlir::DictionaryAttr dict = attrs.getDictionary(context());
    typename OpT::Properties props;
    if (mlir::failed(OpT::setPropertiesFromAttr(props, dict,
                                                [&] { return emitError(); })))
      return mlir::failure();
    // Operation::create fills defaults itself; the adaptor used for inference
    // below needs them too.
    OpT::populateDefaultProperties(
        mlir::OperationName(OpT::getOperationName(), context()), props);
    typename OpT::Adaptor adaptor(operands, dict, props, {});
    llvm::SmallVector<mlir::Type> types;
    if (mlir::failed(OpT::inferReturnTypes(context(), loc_, adaptor, types)))
      return mlir::failure();
    if (mlir::failed(checkResultTypes(types)))
      return mlir::failure();
    mlir::OperationState state(loc_, OpT::getOperationName());
    state.addOperands(operands);
    state.addTypes(types);
    state.useProperties(props);
    return finish(b_.create(state));
  }

  /// Moves the attributes named in `names` into `out`; errors on any ONNX
  /// attribute the kiln op does not take and normalization did not consume.
  mlir::LogicalResult takeAttributes(llvm::ArrayRef<llvm::StringRef> names,
                                     mlir::NamedAttrList &out);
  /// Every result must be a static shape within the tensor size limits: result
  /// shapes computed from constant inputs (Tile, Expand, ConstantOfShape,
  /// Resize, ...) are as untrusted as the model's own dims.
  mlir::LogicalResult checkResultTypes(llvm::ArrayRef<mlir::Type> types);
  /// Verifies and folds a freshly built op and records its results.
  mlir::LogicalResult finish(mlir::Operation *op);

  mlir::OpBuilder &b_;
  mlir::Location loc_;
  const onnx::NodeProto &node_;
  llvm::SmallVector<mlir::Value> inputs_;
  llvm::StringRef modelDir_;
  const ImportOptions &options_;
  mlir::NamedAttrList attrs_;
  llvm::StringSet<> consumed_;
};

// Per-family registration (one file each under lib/Import/).
void registerElementwiseImporters(ImporterRegistry &registry);
void registerNNImporters(ImporterRegistry &registry);
void registerTensorImporters(ImporterRegistry &registry);
void registerReductionImporters(ImporterRegistry &registry);
void registerRecurrentAndQuantImporters(ImporterRegistry &registry);

/// Imports a node whose ONNX inputs map one-to-one onto OpT's operands.
template <typename OpT>
mlir::LogicalResult importDirect(NodeImporter &ni) {
  return ni.build<OpT>(ni.inputs());
}
/// Imports a node whose inputs form OpT's single variadic operand.
template <typename OpT>
mlir::LogicalResult importVariadic(NodeImporter &ni) {
  return ni.buildVariadic<OpT>(ni.inputs());
}

} // namespace kiln

#endif // KILN_IMPORT_NODEIMPORTER_H
