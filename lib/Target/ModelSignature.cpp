//===- ModelSignature.cpp - The C interface of a compiled model -----------===//

#include "lib/Target/ModelSignature.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinTypes.h"
#include "llvm/ADT/StringExtras.h"

using namespace mlir;

namespace kiln {

uint64_t TensorSignature::bytes() const {
  uint64_t n = 1;
  for (int64_t d : shape)
    n *= static_cast<uint64_t>(d);
  uint64_t element = 1;
  switch (dtype) {
  case 10:
  case 16:
  case 4:
  case 5: // float16, bfloat16, uint16, int16
    element = 2;
    break;
  case 1:
  case 6:
  case 12: // float, int32, uint32
    element = 4;
    break;
  case 7:
  case 11:
  case 13: // int64, double, uint64
    element = 8;
    break;
  default: // uint8, int8, bool
    element = 1;
  }
  return n * element;
}

std::pair<int32_t, std::string> onnxDtypeOf(Type t) {
  if (t.isF32())
    return {1, "float"};
  if (t.isF64())
    return {11, "double"};
  if (t.isF16())
    return {10, "uint16_t"}; // IEEE half, as raw bits
  if (t.isBF16())
    return {16, "uint16_t"};
  if (t.isInteger(1))
    return {9, "bool"};
  if (auto it = dyn_cast<IntegerType>(t)) {
    bool u = it.isUnsigned();
    switch (it.getWidth()) {
    case 8:
      return u ? std::pair<int32_t, std::string>{2, "uint8_t"}
               : std::pair<int32_t, std::string>{3, "int8_t"};
    case 16:
      return u ? std::pair<int32_t, std::string>{4, "uint16_t"}
               : std::pair<int32_t, std::string>{5, "int16_t"};
    case 32:
      return u ? std::pair<int32_t, std::string>{12, "uint32_t"}
               : std::pair<int32_t, std::string>{6, "int32_t"};
    case 64:
      return u ? std::pair<int32_t, std::string>{13, "uint64_t"}
               : std::pair<int32_t, std::string>{7, "int64_t"};
    }
  }
  return {0, ""};
}

std::string cIdentifier(StringRef text) {
  std::string id = text.str();
  for (char &c : id)
    if (!llvm::isAlnum(c) && c != '_')
      c = '_';
  if (id.empty() || llvm::isDigit(id.front()))
    id.insert(id.begin(), '_');
  return id;
}

static FailureOr<TensorSignature> tensorSignature(func::FuncOp func, Type type,
                                                  StringAttr name, StringRef what,
                                                  unsigned index) {
  auto ranked = dyn_cast<RankedTensorType>(type);
  if (!ranked || !ranked.hasStaticShape())
    return func.emitError() << what << " " << index
                            << " does not have a static shape: " << type;
  TensorSignature sig;
  auto [dtype, cType] = onnxDtypeOf(ranked.getElementType());
  if (!dtype)
    return func.emitError() << what << " " << index << " has element type "
                            << ranked.getElementType()
                            << ", which the C interface cannot describe";
  sig.name = name ? name.getValue().str() : (what + Twine(index)).str();
  sig.dtype = dtype;
  sig.cType = cType;
  sig.shape.assign(ranked.getShape().begin(), ranked.getShape().end());
  return sig;
}

uint64_t plannedWorkspaceBytes(ModuleOp module) {
  auto bytes = module->getAttrOfType<IntegerAttr>("kiln.workspace_bytes");
  return bytes ? bytes.getValue().getZExtValue() : 0;
}

FailureOr<ModelSignature> collectSignature(ModuleOp module, StringRef name) {
  auto func = module.lookupSymbol<func::FuncOp>("main");
  if (!func)
    return module.emitError() << "the module has no func.func @main";
  ModelSignature sig;
  sig.name = name.str();
  FunctionType type = func.getFunctionType();
  for (unsigned i = 0; i < type.getNumInputs(); ++i) {
    auto t =
        tensorSignature(func, type.getInput(i),
                        func.getArgAttrOfType<StringAttr>(i, "kiln.name"), "input", i);
    if (failed(t))
      return failure();
    sig.inputs.push_back(*t);
  }
  for (unsigned i = 0; i < type.getNumResults(); ++i) {
    auto t = tensorSignature(func, type.getResult(i),
                             func.getResultAttrOfType<StringAttr>(i, "kiln.name"),
                             "output", i);
    if (failed(t))
      return failure();
    sig.outputs.push_back(*t);
  }
  return sig;
}

} // namespace kiln
