//===- HoistVectorTransfers.cpp - Accumulators stay in registers ----------===//
//
// After bufferization a vectorized register tile reads its accumulator from
// memory and writes it back on every step of the reduction loop. Upstream's
// linalg::hoistRedundantVectorTransfers moves such read/write pairs with
// loop-invariant indices out of the loop (the value travels as an iter_arg),
// which turns the loop body into pure loads of the operands and FMAs.
//
//===----------------------------------------------------------------------===//

#include "lib/Conversion/Passes.h"

#include "mlir/Dialect/Linalg/Transforms/Hoisting.h"

using namespace mlir;

namespace kiln {
#define GEN_PASS_DEF_HOISTVECTORTRANSFERS
#include "lib/Conversion/Passes.h.inc"
} // namespace kiln

namespace {

struct HoistVectorTransfers : kiln::impl::HoistVectorTransfersBase<HoistVectorTransfers> {
  void runOnOperation() override {
    getOperation().walk([](func::FuncOp func) {
      // The tile loops always run at least once: their bounds are static.
      linalg::hoistRedundantVectorTransfers(func, /*verifyNonZeroTrip=*/true);
    });
  }
};

} // namespace
