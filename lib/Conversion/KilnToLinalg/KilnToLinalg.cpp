//===- KilnToLinalg.cpp - The convert-kiln-to-linalg pass -----------------===//

#include "dialects/Kiln/KilnOps.h"
#include "lib/Conversion/KilnToLinalg/Patterns.h"
#include "lib/Conversion/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/SCF/IR/SCF.h"

using namespace mlir;

namespace kiln {
#define GEN_PASS_DEF_CONVERTKILNTOLINALG
#include "lib/Conversion/Passes.h.inc"
} // namespace kiln

namespace {

struct ConvertKilnToLinalg : ::kiln::impl::ConvertKilnToLinalgBase<ConvertKilnToLinalg> {
  void runOnOperation() override {
    MLIRContext *ctx = &getContext();
    RewritePatternSet patterns(ctx);
    ::kiln::populateElementwiseToLinalgPatterns(patterns);
    ::kiln::populateTensorToLinalgPatterns(patterns);
    ::kiln::populateNNToLinalgPatterns(patterns);
    ::kiln::populateReductionToLinalgPatterns(patterns);
    ::kiln::populateRecurrentToLinalgPatterns(patterns);
    ::kiln::populateResizeToLinalgPatterns(patterns);
    ::kiln::populateGridSampleToLinalgPatterns(patterns);
    ::kiln::populateEinsumToLinalgPatterns(patterns);
    ::kiln::populateQuantToLinalgPatterns(patterns);

    // kiln ops are left with unknown legality so that the conversion lowers
    // everything it can; whatever is left has no lowering (or a pattern refused
    // its attributes) and is reported below, each at its ONNX node.
    ConversionTarget target(*ctx);
    target.addLegalDialect<arith::ArithDialect, linalg::LinalgDialect, math::MathDialect,
                           tensor::TensorDialect, func::FuncDialect>();
    // The recurrent lowerings loop over time and the scatters over their
    // updates with scf.for; ops a pattern creates must be legal or the pattern
    // is rolled back.
    target.addLegalDialect<scf::SCFDialect>();
    if (failed(applyPartialConversion(getOperation(), target, std::move(patterns))))
      return signalPassFailure();

    bool unsupported = false;
    getOperation()->walk([&](Operation *op) {
      if (!isa<mlir::kiln::KilnDialect>(op->getDialect()))
        return;
      op->emitError() << op->getName() << " is not supported by code generation yet";
      unsupported = true;
    });
    if (unsupported)
      signalPassFailure();
  }
};

} // namespace
