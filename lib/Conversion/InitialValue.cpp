//===- InitialValue.cpp - Where an accumulator starts from ----------------===//

#include "lib/Conversion/InitialValue.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;

/// A tensor.empty, or a reshape of one.
static bool isEmpty(Value v) {
  while (
      isa_and_present<tensor::CollapseShapeOp, tensor::ExpandShapeOp>(v.getDefiningOp()))
    v = v.getDefiningOp()->getOperand(0);
  return v.getDefiningOp<tensor::EmptyOp>() != nullptr;
}

std::optional<kiln::InitialValue> kiln::initialValue(Value init) {
  auto op = init.getDefiningOp<linalg::LinalgOp>();
  if (!op || !init.hasOneUse() || !op.hasPureTensorSemantics() ||
      op.getNumDpsInputs() != 1 || op.getNumDpsInits() != 1 ||
      op.getNumParallelLoops() != op.getNumLoops() || !isEmpty(op.getDpsInits()[0]) ||
      !op.getMatchingIndexingMap(op.getDpsInitOperand(0)).isIdentity())
    return std::nullopt;
  OpOperand *input = op.getDpsInputOperand(0);
  AffineMap map = op.getMatchingIndexingMap(input);
  if (!map.isProjectedPermutation())
    return std::nullopt;
  if (!isa<linalg::FillOp>(op.getOperation())) {
    auto generic = dyn_cast<linalg::GenericOp>(op.getOperation());
    if (!generic)
      return std::nullopt;
    Block &body = generic.getRegion().front();
    if (body.getOperations().size() != 1 ||
        body.getTerminator()->getOperand(0) != body.getArgument(0))
      return std::nullopt;
  }
  return InitialValue{op.getDpsInits()[0], input->get(), map};
}
