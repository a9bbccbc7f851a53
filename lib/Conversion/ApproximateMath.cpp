//===- ApproximateMath.cpp - Vectorizable exp, erf and tanh ---------------===//
//
// math.exp, math.erf and math.tanh otherwise become calls to libm's scalar
// expf, erff and tanhf, which LLVM cannot vectorize: in a transformer the
// softmax and GELU loops spent more time in libm than the matrix products
// did. Upstream's polynomial approximations expand each into a few dozen
// arith ops (FMAs, selects and bit manipulation), which the loop vectorizer
// turns into vector code. They are accurate to a few ulp on f32 and keep the
// special values (NaN, infinities); other element types keep the calls.
//
//===----------------------------------------------------------------------===//

#include "lib/Conversion/Passes.h"

#include "mlir/Dialect/Math/Transforms/Passes.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

using namespace mlir;

namespace kiln {
#define GEN_PASS_DEF_APPROXIMATEMATH
#include "lib/Conversion/Passes.h.inc"
} // namespace kiln

namespace {

struct ApproximateMath : kiln::impl::ApproximateMathBase<ApproximateMath> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    populateMathPolynomialApproximationPatterns(patterns, [](StringRef name) {
      name.consume_front("math.");
      return name == "exp" || name == "erf" || name == "tanh";
    });
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace
