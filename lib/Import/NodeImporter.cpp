//===- NodeImporter.cpp - Building one kiln op from one ONNX node ---------===//

#include "lib/Import/NodeImporter.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Interfaces/FunctionInterfaces.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/StringExtras.h"

using namespace mlir;

namespace kiln {

Type onnxElementType(int32_t dtype, MLIRContext *ctx) {
  using TP = onnx::TensorProto;
  switch (dtype) {
  case TP::FLOAT:
    return Float32Type::get(ctx);
  case TP::DOUBLE:
    return Float64Type::get(ctx);
  case TP::FLOAT16:
    return Float16Type::get(ctx);
  case TP::BFLOAT16:
    return BFloat16Type::get(ctx);
  case TP::BOOL:
    return IntegerType::get(ctx, 1);
  case TP::INT8:
    return IntegerType::get(ctx, 8);
  case TP::INT16:
    return IntegerType::get(ctx, 16);
  case TP::INT32:
    return IntegerType::get(ctx, 32);
  case TP::INT64:
    return IntegerType::get(ctx, 64);
  case TP::UINT8:
    return IntegerType::get(ctx, 8, IntegerType::Unsigned);
  case TP::UINT16:
    return IntegerType::get(ctx, 16, IntegerType::Unsigned);
  case TP::UINT32:
    return IntegerType::get(ctx, 32, IntegerType::Unsigned);
  case TP::UINT64:
    return IntegerType::get(ctx, 64, IntegerType::Unsigned);
  default:
    return {};
  }
}

/// Resource blob keys must print as identifiers.
static std::string resourceKey(StringRef name) {
  std::string key = name.empty() ? "tensor" : name.str();
  for (char &c : key)
    if (!llvm::isAlnum(c) && c != '_' && c != '.')
      c = '_';
  if (llvm::isDigit(key.front()))
    key.insert(key.begin(), '_');
  return key;
}

FailureOr<ElementsAttr> tensorToElementsAttr(const onnx::TensorProto &tensor,
                                             Location loc, StringRef modelDir,
                                             const ImportOptions &options) {
  MLIRContext *ctx = loc.getContext();
  Type element = onnxElementType(tensor.data_type(), ctx);
  if (!element)
    return emitError(loc) << "tensor '" << tensor.name()
                          << "' has unsupported data type "
                          << onnx::TensorProto::DataType_Name(
                                 static_cast<onnx::TensorProto::DataType>(
                                     tensor.data_type()));
  auto data = readTensorProto(tensor, modelDir, options.limits);
  if (!data)
    return emitError(loc) << llvm::toString(data.takeError());
  auto type = RankedTensorType::get(data->shape, element);
  ArrayRef<char> bytes(data->bytes.data(), data->bytes.size());
  if (element.isInteger(1)) {
    SmallVector<bool> values(bytes.begin(), bytes.end());
    return cast<ElementsAttr>(DenseElementsAttr::get(type, values));
  }
  if (bytes.size() > options.resourceThresholdBytes) {
    // The blob owns one aligned copy of the payload; nothing is uniqued.
    return cast<ElementsAttr>(DenseResourceElementsAttr::get(
        type, resourceKey(tensor.name()),
        HeapAsmResourceBlob::allocateAndCopyWithAlign(bytes, 64)));
  }
  bool splat = false;
  if (!DenseElementsAttr::isValidRawBuffer(type, bytes, splat))
    return emitError(loc) << "tensor '" << tensor.name()
                          << "' has a payload that does not match its type";
  return cast<ElementsAttr>(DenseElementsAttr::getFromRawBuffer(type, bytes));
}

std::optional<SmallVector<int64_t>> constantInts(Attribute attr) {
  auto elements = dyn_cast_if_present<ElementsAttr>(attr);
  if (!elements || !elements.getElementType().isInteger())
    return std::nullopt;
  SmallVector<int64_t> values;
  bool isUnsigned = elements.getElementType().isUnsignedInteger();
  if (auto dense = dyn_cast<DenseIntElementsAttr>(elements)) {
    for (const APInt &v : dense.getValues<APInt>())
      values.push_back(isUnsigned ? int64_t(v.getZExtValue()) : v.getSExtValue());
    return values;
  }
  if (auto resource = dyn_cast<DenseI64ResourceElementsAttr>(elements)) {
    if (auto array = resource.tryGetAsArrayRef())
      return SmallVector<int64_t>(array->begin(), array->end());
  }
  if (auto resource = dyn_cast<DenseI32ResourceElementsAttr>(elements)) {
    if (auto array = resource.tryGetAsArrayRef())
      return SmallVector<int64_t>(array->begin(), array->end());
  }
  return std::nullopt;
}

std::optional<SmallVector<float>> constantFloats(Attribute attr) {
  auto elements = dyn_cast_if_present<ElementsAttr>(attr);
  if (!elements)
    return std::nullopt;
  SmallVector<float> values;
  if (auto dense = dyn_cast<DenseFPElementsAttr>(elements)) {
    for (APFloat v : dense.getValues<APFloat>()) {
      bool lost;
      v.convert(APFloat::IEEEsingle(), APFloat::rmNearestTiesToEven, &lost);
      values.push_back(v.convertToFloat());
    }
    return values;
  }
  if (auto resource = dyn_cast<DenseF32ResourceElementsAttr>(elements)) {
    if (auto array = resource.tryGetAsArrayRef())
      return SmallVector<float>(array->begin(), array->end());
  }
  return std::nullopt;
}

NodeImporter::NodeImporter(OpBuilder &builder, Location loc,
                           const onnx::NodeProto &node, ArrayRef<Value> inputs,
                           StringRef modelDir, const ImportOptions &options)
    : b_(builder), loc_(loc), node_(node), inputs_(inputs.begin(), inputs.end()),
      modelDir_(modelDir), options_(options) {
  // Trailing absent inputs carry no information.
  while (!inputs_.empty() && !inputs_.back())
    inputs_.pop_back();
}

LogicalResult NodeImporter::convertAttributes() {
  using AP = onnx::AttributeProto;
  for (const AP &a : node_.attribute()) {
    Attribute value;
    switch (a.type()) {
    case AP::INT:
      value = b_.getI64IntegerAttr(a.i());
      break;
    case AP::FLOAT:
      value = b_.getF32FloatAttr(a.f());
      break;
    case AP::STRING:
      value = b_.getStringAttr(a.s());
      break;
    case AP::INTS:
      value = b_.getDenseI64ArrayAttr(
          SmallVector<int64_t>(a.ints().begin(), a.ints().end()));
      break;
    case AP::FLOATS:
      value = b_.getDenseF32ArrayAttr(
          SmallVector<float>(a.floats().begin(), a.floats().end()));
      break;
    case AP::STRINGS: {
      SmallVector<StringRef> strings(a.strings().begin(), a.strings().end());
      value = b_.getStrArrayAttr(strings);
      break;
    }
    case AP::TENSOR: {
      auto tensor = tensorToElementsAttr(a.t(), loc_, modelDir_, options_);
      if (failed(tensor))
        return failure();
      value = *tensor;
      break;
    }
    default:
      return emitError() << "attribute '" << a.name() << "' of " << opType()
                         << " has a type Kiln does not support ("
                         << AP::AttributeType_Name(a.type()) << ")";
    }
    attrs_.set(a.name(), value);
  }
  return success();
}

int64_t NodeImporter::intAttr(StringRef name, int64_t defaultValue) const {
  if (auto a = dyn_cast_if_present<IntegerAttr>(attr(name)))
    return a.getInt();
  return defaultValue;
}

std::optional<SmallVector<int64_t>> NodeImporter::intsAttr(StringRef name) const {
  if (auto a = dyn_cast_if_present<DenseI64ArrayAttr>(attr(name)))
    return SmallVector<int64_t>(a.asArrayRef());
  return std::nullopt;
}

StringRef NodeImporter::strAttr(StringRef name, StringRef defaultValue) const {
  if (auto a = dyn_cast_if_present<StringAttr>(attr(name)))
    return a.getValue();
  return defaultValue;
}

/// Says where a non-constant value comes from, for error messages: the graph
/// inputs it is computed from, which --const-input can freeze.
static std::string describeProducer(Value v) {
  SmallVector<std::string> inputs;
  SmallVector<Value> work = {v};
  llvm::SmallPtrSet<Operation *, 16> seen;
  while (!work.empty() && inputs.size() < 4 && seen.size() < 4096) {
    Value cur = work.pop_back_val();
    if (auto arg = dyn_cast<BlockArgument>(cur)) {
      auto func = dyn_cast<FunctionOpInterface>(arg.getOwner()->getParentOp());
      StringAttr name = func ? func.getArgAttrOfType<StringAttr>(arg.getArgNumber(),
                                                                  "kiln.name")
                             : StringAttr();
      std::string n = name ? name.str() : "#" + std::to_string(arg.getArgNumber());
      if (!llvm::is_contained(inputs, n))
        inputs.push_back(n);
      continue;
    }
    Operation *op = cur.getDefiningOp();
    if (seen.insert(op).second)
      llvm::append_range(work, op->getOperands());
  }
  if (inputs.empty())
    return "not constant";
  std::string s = "computed from";
  for (auto [i, n] : llvm::enumerate(inputs))
    s += std::string(i ? "," : "") + " graph input '" + n +
         "' (make it constant with --const-input " + n + "=FILE.pb)";
  return s;
}

FailureOr<Attribute> NodeImporter::constAttr(unsigned i, StringRef what) {
  Value v = input(i);
  if (!v)
    return emitError() << opType() << " needs input '" << what << "'";
  Attribute attr;
  if (!matchPattern(v, m_Constant(&attr)))
    return emitError() << "input '" << what << "' of " << opType()
                       << " must be a compile-time constant, but it is "
                       << describeProducer(v);
  return attr;
}

FailureOr<SmallVector<int64_t>> NodeImporter::constInts(unsigned i, StringRef what) {
  auto attr = constAttr(i, what);
  if (failed(attr))
    return failure();
  auto values = constantInts(*attr);
  if (!values)
    return emitError() << "input '" << what << "' of " << opType()
                       << " must hold integers";
  return *values;
}

FailureOr<SmallVector<float>> NodeImporter::constFloats(unsigned i, StringRef what) {
  auto attr = constAttr(i, what);
  if (failed(attr))
    return failure();
  auto values = constantFloats(*attr);
  if (!values)
    return emitError() << "input '" << what << "' of " << opType()
                       << " must hold floating-point values";
  return *values;
}

LogicalResult NodeImporter::takeAttributes(ArrayRef<StringRef> names,
                                           NamedAttrList &out) {
  for (NamedAttribute a : attrs_) {
    if (llvm::is_contained(names, a.getName().getValue())) {
      out.push_back(a);
      continue;
    }
    if (consumed_.contains(a.getName().getValue()))
      continue;
    return emitError() << "attribute '" << a.getName().getValue() << "' of "
                       << opType() << " is not supported";
  }
  return success();
}

LogicalResult NodeImporter::checkResultTypes(ArrayRef<Type> types) {
  for (auto [i, type] : llvm::enumerate(types)) {
    auto ranked = dyn_cast<RankedTensorType>(type);
    if (!ranked)
      return emitError() << opType() << " result " << i << " is not a ranked tensor";
    if (llvm::any_of(ranked.getShape(), [](int64_t d) { return d < 0; }))
      return emitError() << opType() << " result " << i
                         << " has no static, non-negative shape (a dimension is "
                            "negative or overflowed int64)";
    Type element = ranked.getElementType();
    unsigned elementBytes =
        element.isInteger(1) ? 1 : llvm::divideCeil(element.getIntOrFloatBitWidth(), 8);
    auto bytes = checkedTensorBytes(ranked.getShape(), elementBytes, options_.limits);
    if (!bytes)
      return emitError() << opType() << " result " << i << " of shape "
                         << llvm::join(llvm::map_range(ranked.getShape(),
                                                       [](int64_t d) {
                                                         return std::to_string(d);
                                                       }),
                                       "x")
                         << ": " << llvm::toString(bytes.takeError());
  }
  return success();
}

LogicalResult NodeImporter::finish(Operation *op) {
  if (failed(verify(op))) {
    op->erase();
    return failure();
  }
  SmallVector<Value> folded;
  if (succeeded(b_.tryFold(op, folded)) && !folded.empty()) {
    results.assign(folded.begin(), folded.end());
    op->erase();
    return success();
  }
  results.assign(op->result_begin(), op->result_end());
  return success();
}

} // namespace kiln
