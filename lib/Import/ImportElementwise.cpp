//===- ImportElementwise.cpp - Unary, binary and variadic ONNX ops -------===//

#include "lib/Import/NodeImporter.h"

using namespace mlir;
using namespace mlir::kiln;

namespace kiln {

static LogicalResult importCast(NodeImporter &ni) {
  int64_t to = ni.intAttr("to", 0);
  Type element = onnxElementType(to, ni.context());
  if (!element)
    return ni.emitError() << "Cast to ONNX data type " << to
                          << " is not supported";
  ni.setAttr("to", TypeAttr::get(element));
  return ni.build<CastOp>({ni.input(0)});
}

/// CastLike is Cast to the element type of its second input.
static LogicalResult importCastLike(NodeImporter &ni) {
  ni.setAttr("to", TypeAttr::get(ni.inputType(1).getElementType()));
  return ni.build<CastOp>({ni.input(0)});
}

/// Dropout in inference is the identity, and its mask is all true. Training
/// mode is random unless the ratio is 0, which is the identity again.
static LogicalResult importDropout(NodeImporter &ni) {
  if (ni.input(2)) {
    auto training = ni.constInts(2, "training_mode");
    if (failed(training))
      return failure();
    if (!training->empty() && (*training)[0] != 0) {
      float ratio = 0.5f;
      if (ni.input(1)) {
        auto r = ni.constFloats(1, "ratio");
        if (failed(r))
          return failure();
        ratio = r->empty() ? 0.5f : (*r)[0];
      }
      if (ratio != 0.0f)
        return ni.emitError() << "Dropout in training mode (ratio " << ratio
                              << ") is random and not supported";
    }
  }
  ni.consume({"seed", "ratio"});
  ni.results = {ni.input(0)};
  if (ni.numOutputs() > 1 && !ni.node().output(1).empty()) {
    auto type = ni.inputType(0).clone(ni.builder().getI1Type());
    ni.results.push_back(ConstantOp::create(ni.builder(), ni.loc(),
                                            DenseElementsAttr::get(type, true)));
  }
  return success();
}

void registerElementwiseImporters(ImporterRegistry &r) {
#define DIRECT(NAME) r[#NAME] = &importDirect<NAME##Op>;
  // Unary math and activations.
  DIRECT(Abs) DIRECT(Neg) DIRECT(Exp) DIRECT(Log) DIRECT(Sqrt) DIRECT(Reciprocal)
  DIRECT(Floor) DIRECT(Ceil) DIRECT(Round) DIRECT(Sign) DIRECT(Sin) DIRECT(Cos)
  DIRECT(Tan) DIRECT(Asin) DIRECT(Acos) DIRECT(Atan) DIRECT(Sinh) DIRECT(Cosh)
  DIRECT(Asinh) DIRECT(Acosh) DIRECT(Atanh) DIRECT(Erf) DIRECT(Relu)
  DIRECT(LeakyRelu) DIRECT(PRelu) DIRECT(Elu) DIRECT(Selu) DIRECT(Celu)
  DIRECT(Sigmoid) DIRECT(HardSigmoid) DIRECT(HardSwish) DIRECT(Softplus)
  DIRECT(Softsign) DIRECT(Tanh) DIRECT(Not) DIRECT(IsNaN) DIRECT(IsInf)
  DIRECT(Identity) DIRECT(ThresholdedRelu) DIRECT(Shrink) DIRECT(Clip)
  // Binary broadcasting ops.
  DIRECT(Add) DIRECT(Sub) DIRECT(Mul) DIRECT(Div) DIRECT(Pow) DIRECT(Mod)
  DIRECT(And) DIRECT(Or) DIRECT(Xor) DIRECT(Equal) DIRECT(Less) DIRECT(Greater)
  DIRECT(LessOrEqual) DIRECT(GreaterOrEqual) DIRECT(Where) DIRECT(BitShift)
#undef DIRECT
  r["Max"] = &importVariadic<MaxOp>;
  r["Min"] = &importVariadic<MinOp>;
  r["Mean"] = &importVariadic<MeanOp>;
  r["Sum"] = &importVariadic<SumOp>;
  r["Cast"] = &importCast;
  r["CastLike"] = &importCastLike;
  r["Dropout"] = &importDropout;
}

} // namespace kiln
