//===- EraseSignedness.cpp - uiN/siN to signless iN after lowering --------===//
//
// Runs right after convert-kiln-to-linalg. Every type that mentions a signed
// or unsigned integer (tensors, scalars, function types) is rewritten to the
// signless integer of the same width, constants included; the tensor.bitcast
// ops the lowering put at signedness boundaries then cast a type to itself
// and are erased.
//
//===----------------------------------------------------------------------===//

#include "lib/Conversion/Passes.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/DialectResourceBlobManager.h"

using namespace mlir;

namespace kiln {
#define GEN_PASS_DEF_ERASESIGNEDNESS
#include "lib/Conversion/Passes.h.inc"
} // namespace kiln

namespace {

Type signless(Type type) {
  if (auto it = dyn_cast<IntegerType>(type))
    return it.isSignless() ? type : IntegerType::get(type.getContext(), it.getWidth());
  if (auto shaped = dyn_cast<ShapedType>(type)) {
    Type elem = signless(shaped.getElementType());
    return elem == shaped.getElementType() ? type : shaped.clone(elem);
  }
  if (auto fn = dyn_cast<FunctionType>(type)) {
    SmallVector<Type> ins, outs;
    for (Type t : fn.getInputs())
      ins.push_back(signless(t));
    for (Type t : fn.getResults())
      outs.push_back(signless(t));
    return FunctionType::get(type.getContext(), ins, outs);
  }
  return type;
}

/// Constant payloads keep their bytes; only the attribute's type changes.
Attribute signless(Attribute attr) {
  if (auto typeAttr = dyn_cast<TypeAttr>(attr)) {
    Type t = signless(typeAttr.getValue());
    return t == typeAttr.getValue() ? attr : TypeAttr::get(t);
  }
  auto typed = dyn_cast<TypedAttr>(attr);
  if (!typed)
    return attr;
  auto type = dyn_cast<ShapedType>(typed.getType());
  if (!type || signless(type) == type)
    return attr;
  auto newType = cast<ShapedType>(signless(type));
  if (auto dense = dyn_cast<DenseElementsAttr>(attr))
    return dense.bitcast(newType.getElementType());
  if (auto resource = dyn_cast<DenseResourceElementsAttr>(attr))
    return DenseResourceElementsAttr::get(newType, resource.getRawHandle());
  return attr;
}

struct EraseSignedness : ::kiln::impl::EraseSignednessBase<EraseSignedness> {
  void runOnOperation() override {
    getOperation()->walk([](Operation *op) {
      for (Value v : op->getResults())
        v.setType(signless(v.getType()));
      for (Region &region : op->getRegions())
        for (Block &block : region)
          for (BlockArgument arg : block.getArguments())
            arg.setType(signless(arg.getType()));
      for (NamedAttribute attr : op->getAttrs()) {
        Attribute converted = signless(attr.getValue());
        if (converted != attr.getValue())
          op->setAttr(attr.getName(), converted);
      }
    });
    getOperation()->walk([](tensor::BitcastOp op) {
      if (op.getSource().getType() == op.getType()) {
        op.replaceAllUsesWith(op.getSource());
        op.erase();
      }
    });
  }
};

} // namespace
