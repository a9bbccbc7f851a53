//===- ImportReduction.cpp - Reduce* and ArgMax/ArgMin -------------------===//

#include "lib/Import/AttributeNormalization.h"
#include "lib/Import/NodeImporter.h"

using namespace mlir;
using namespace mlir::kiln;

namespace kiln {

/// Reduce*: `axes` comes from the attribute, or for ReduceSum-13 from an
/// optional constant input. Empty axes mean all axes, or the identity with
/// noop_with_empty_axes.
template <typename OpT>
static LogicalResult importReduce(NodeImporter &ni) {
  SmallVector<int64_t> axes;
  if (ni.input(1)) {
    auto values = ni.constInts(1, "axes");
    if (failed(values))
      return failure();
    axes = *values;
  } else if (auto attr = ni.intsAttr("axes")) {
    axes = *attr;
  }
  int64_t rank = ni.inputType(0).getRank();
  if (axes.empty()) {
    if (ni.intAttr("noop_with_empty_axes", 0)) {
      ni.results = {ni.input(0)};
      return success();
    }
    for (int64_t i = 0; i < rank; ++i)
      axes.push_back(i);
  }
  auto normalized = normalizeAxes(axes, rank);
  if (!normalized)
    return ni.emitError() << llvm::toString(normalized.takeError());
  ni.consume({"noop_with_empty_axes"});
  ni.setInts("axes", *normalized);
  return ni.build<OpT>({ni.input(0)});
}

void registerReductionImporters(ImporterRegistry &r) {
  r["ReduceSum"] = &importReduce<ReduceSumOp>;
  r["ReduceMean"] = &importReduce<ReduceMeanOp>;
  r["ReduceMax"] = &importReduce<ReduceMaxOp>;
  r["ReduceMin"] = &importReduce<ReduceMinOp>;
  r["ReduceProd"] = &importReduce<ReduceProdOp>;
  r["ReduceL1"] = &importReduce<ReduceL1Op>;
  r["ReduceL2"] = &importReduce<ReduceL2Op>;
  r["ReduceLogSum"] = &importReduce<ReduceLogSumOp>;
  r["ReduceLogSumExp"] = &importReduce<ReduceLogSumExpOp>;
  r["ReduceSumSquare"] = &importReduce<ReduceSumSquareOp>;
  r["ArgMax"] = &importDirect<ArgMaxOp>;
  r["ArgMin"] = &importDirect<ArgMinOp>;
}

} // namespace kiln
