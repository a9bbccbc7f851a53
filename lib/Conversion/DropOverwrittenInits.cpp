//===- DropOverwrittenInits.cpp - Initial values nothing reads ------------===//
//
// kiln-tile-contractions lets the register tiles of a product start from its
// bias: each tile writes its slice of the bias just before its reduction
// loop. When the product's output is split into whole tiles and a remainder,
// the broadcast that wrote the bias into the whole output stays, so that
// eliminate-empty-tensors can place it (and with it every piece of the
// product) in the next convolution's pad or a concatenation; the tiling
// marks it `kiln.overwritten`, since every element it writes is written
// again before anything reads it. Once the buffers are placed, this pass
// replaces each marked op with its destination: the pieces write where it
// would have, and the pass over the whole output is gone.
//
//===----------------------------------------------------------------------===//

#include "lib/Conversion/Passes.h"

#include "mlir/IR/PatternMatch.h"
#include "mlir/Interfaces/DestinationStyleOpInterface.h"

using namespace mlir;

namespace kiln {
#define GEN_PASS_DEF_DROPOVERWRITTENINITS
#include "lib/Conversion/Passes.h.inc"
} // namespace kiln

namespace {

struct DropOverwrittenInits : kiln::impl::DropOverwrittenInitsBase<DropOverwrittenInits> {
  void runOnOperation() override {
    SmallVector<DestinationStyleOpInterface> marked;
    getOperation().walk([&](DestinationStyleOpInterface op) {
      if (op->hasAttr(kiln::kOverwrittenAttr))
        marked.push_back(op);
    });
    IRRewriter rewriter(&getContext());
    for (DestinationStyleOpInterface op : marked) {
      if (!op.hasPureTensorSemantics() || op.getNumDpsInits() != 1 ||
          op->getNumResults() != 1) {
        op->emitError("internal error: ")
            << kiln::kOverwrittenAttr << " on an op that is not one tensor written whole";
        return signalPassFailure();
      }
      rewriter.replaceOp(op, op.getDpsInits()[0]);
    }
  }
};

} // namespace
