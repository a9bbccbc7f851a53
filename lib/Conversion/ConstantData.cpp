//===- ConstantData.cpp - Reading constant tensors at compile time --------===//

#include "lib/Conversion/ConstantData.h"

#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "mlir/IR/Matchers.h"

using namespace mlir;

namespace kiln {

std::optional<ArrayRef<char>> rawElements(Attribute attr) {
  if (!attr)
    return std::nullopt;
  if (auto resource = dyn_cast<DenseResourceElementsAttr>(attr)) {
    if (AsmResourceBlob *blob = resource.getRawHandle().getBlob())
      return blob->getData();
    return std::nullopt;
  }
  if (auto dense = dyn_cast<DenseElementsAttr>(attr); dense && !dense.isSplat())
    return dense.getRawData();
  return std::nullopt;
}

Attribute constantValue(Value v) {
  while (
      isa_and_nonnull<tensor::ExpandShapeOp, tensor::CollapseShapeOp>(v.getDefiningOp()))
    v = v.getDefiningOp()->getOperand(0);
  Attribute value;
  return matchPattern(v, m_Constant(&value)) ? value : Attribute();
}

} // namespace kiln
