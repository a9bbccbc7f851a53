//===- DecomposeWindows.cpp - Sliding-window ops as sums of shifted views -===//
//
// A depthwise convolution or a pooling window over NCHW data has no
// reduction worth the name: 9 taps for a 3x3 window. As a linalg op its
// loops run the taps innermost, so the row of output pixels, the only long
// contiguous dimension, is never vectorized (or, by LLVM, with gathers).
//
// This pass rewrites each such op with a small static window into one
// elementwise linalg.generic over the output that combines KH x KW strided
// views of the input (tensor.extract_slice; views, not copies, once
// bufferized): out[n, c, oh, ow] = combine over (kh, kw) of
// in_{kh,kw}[n, c, oh, ow] (times filter_{kh,kw}[c] for a depthwise
// convolution). The combining code is the op's own body, cloned once per tap
// in the op's order (kh, then kw), so the result is the same. The generic is
// elementwise: it fuses with the bias and activation that follow, and its
// innermost loop is contiguous (stride 1) or strided rows.
//
//===----------------------------------------------------------------------===//

#include "lib/Conversion/Passes.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"

using namespace mlir;

namespace kiln {
#define GEN_PASS_DEF_DECOMPOSEWINDOWS
#include "lib/Conversion/Passes.h.inc"
} // namespace kiln

namespace {

/// Windows with more taps than this keep their loops (a global pool, say).
constexpr int64_t kMaxTaps = 49;

/// Where the window op's initial value comes from when it is a broadcast
/// (a bias, as the importer writes a convolution's) or a fill: the source
/// and its indexing map over the output, or the fill value. Reading the
/// source directly saves writing the broadcast to memory and reading it
/// back.
struct Start {
  Value source;  ///< the broadcast's input, or the fill's scalar
  AffineMap map; ///< over the output's dimensions; null for a scalar
  Value init;    ///< the broadcast's or fill's own destination
};

std::optional<Start> broadcastStart(Value init) {
  if (auto fill = init.getDefiningOp<linalg::FillOp>())
    return Start{fill.getInputs()[0], AffineMap(), fill.getOutputs()[0]};
  auto generic = init.getDefiningOp<linalg::GenericOp>();
  if (!generic || generic.getNumDpsInputs() != 1 || generic.getNumDpsInits() != 1 ||
      generic.getNumReductionLoops() != 0 || generic.hasIndexSemantics())
    return std::nullopt;
  Block &body = generic.getRegion().front();
  auto yield = cast<linalg::YieldOp>(body.getTerminator());
  if (body.getOperations().size() != 1 || yield.getValues()[0] != body.getArgument(0) ||
      !generic.getIndexingMapsArray().back().isIdentity())
    return std::nullopt;
  return Start{generic.getDpsInputOperand(0)->get(), generic.getIndexingMapsArray()[0],
               generic.getDpsInitOperand(0)->get()};
}

/// Whether `body` (a window op's: input, window or filter, accumulator)
/// only takes the maximum of the accumulator and the input. That
/// combination (IEEE maximum: NaN if either is, +0 above -0) is associative
/// and commutative, so the taps can be combined as a balanced tree with the
/// same result.
bool combinesByMaximum(Block &body) {
  auto max = dyn_cast<arith::MaximumFOp>(&body.front());
  if (!max || body.getOperations().size() != 2 ||
      body.getTerminator()->getOperand(0) != max.getResult())
    return false;
  Value in = body.getArgument(0), acc = body.getArgument(2);
  return (max.getLhs() == acc && max.getRhs() == in) ||
         (max.getLhs() == in && max.getRhs() == acc);
}

/// Whether `v` is the constant -infinity, which a maximum ignores.
bool isNegativeInfinity(Value v) {
  FloatAttr attr;
  return matchPattern(v, m_Constant(&attr)) && attr.getValue().isInfinity() &&
         attr.getValue().isNegative();
}

/// Rewrites `op` (an NCHW depthwise convolution or pooling: input, filter or
/// window shape, output) as described above. `filtered`: the second operand
/// is a [C, KH, KW] filter that the body reads; otherwise it only gives the
/// window's shape.
template <typename WindowOp>
LogicalResult decompose(RewriterBase &rewriter, WindowOp op, bool filtered) {
  if (!op.hasPureTensorSemantics() || op.hasDynamicShape())
    return failure();
  Value input = op.getDpsInputOperand(0)->get();
  Value filter = op.getDpsInputOperand(1)->get();
  Value init = op.getDpsInitOperand(0)->get();
  auto inputType = cast<RankedTensorType>(input.getType());
  auto filterType = cast<RankedTensorType>(filter.getType());
  auto outType = cast<RankedTensorType>(init.getType());
  if (inputType.getRank() != 4 || outType.getRank() != 4)
    return failure();
  ArrayRef<int64_t> window = filterType.getShape().take_back(2);
  int64_t taps = window[0] * window[1];
  if (taps > kMaxTaps)
    return failure();
  SmallVector<int64_t> strides(op.getStrides().template getValues<int64_t>());
  SmallVector<int64_t> dilations(op.getDilations().template getValues<int64_t>());
  Block &body = op->getRegion(0).front();
  if (!filtered && !body.getArgument(1).use_empty())
    return failure();

  Location loc = op.getLoc();
  rewriter.setInsertionPoint(op);
  ArrayRef<int64_t> outShape = outType.getShape();
  auto index = [&](int64_t v) -> OpFoldResult { return rewriter.getIndexAttr(v); };
  SmallVector<OpFoldResult> viewSizes = llvm::map_to_vector(outShape, index);
  SmallVector<OpFoldResult> viewStrides = {index(1), index(1), index(strides[0]),
                                           index(strides[1])};
  auto filterSliceType =
      RankedTensorType::get({outShape[1]}, filterType.getElementType());
  SmallVector<Value> views, filters;
  for (int64_t kh = 0; kh < window[0]; ++kh)
    for (int64_t kw = 0; kw < window[1]; ++kw) {
      views.push_back(tensor::ExtractSliceOp::create(
          rewriter, loc, input,
          {index(0), index(0), index(kh * dilations[0]), index(kw * dilations[1])},
          viewSizes, viewStrides));
      if (filtered)
        filters.push_back(tensor::ExtractSliceOp::create(
            rewriter, loc, filterSliceType, filter, {index(0), index(kh), index(kw)},
            {index(outShape[1]), index(1), index(1)}, {index(1), index(1), index(1)}));
    }

  MLIRContext *context = op.getContext();
  AffineMap identity = AffineMap::getMultiDimIdentityMap(4, context);
  AffineMap channel = AffineMap::get(4, 0, getAffineDimExpr(1, context));
  SmallVector<AffineMap> maps(views.size(), identity);
  maps.append(filters.size(), channel);
  maps.push_back(identity);
  SmallVector<Value> inputs(views);
  llvm::append_range(inputs, filters);
  std::optional<Start> start = broadcastStart(init);
  if (start) {
    init = start->init;
    if (start->map) {
      inputs.push_back(start->source);
      maps.insert(maps.end() - 1, start->map);
    }
  }
  SmallVector<utils::IteratorType> iterators(4, utils::IteratorType::parallel);
  bool maximum = !filtered && combinesByMaximum(body);
  auto generic = linalg::GenericOp::create(
      rewriter, loc, TypeRange{outType}, inputs, ValueRange{init}, maps, iterators,
      [&](OpBuilder &b, Location l, ValueRange args) {
        Value acc = args.back();
        if (start)
          acc = start->map ? args[args.size() - 2] : start->source;
        if (maximum) {
          // A chain of 9 maximums is 9 dependent steps, each several
          // instructions on x86 (NaN and signed zeros); a tree is 4 deep.
          // The fill of -infinity that a max pool starts from changes
          // nothing and is left out.
          auto original = cast<arith::MaximumFOp>(&body.front());
          SmallVector<Value> values(args.take_front(taps));
          if (!isNegativeInfinity(acc))
            values.push_back(acc);
          while (values.size() > 1) {
            SmallVector<Value> next;
            for (size_t i = 0; i + 1 < values.size(); i += 2)
              next.push_back(arith::MaximumFOp::create(b, l, values[i], values[i + 1],
                                                       original.getFastmath()));
            if (values.size() % 2)
              next.push_back(values.back());
            values = std::move(next);
          }
          linalg::YieldOp::create(b, l, values.front());
          return;
        }
        for (int64_t tap = 0; tap < taps; ++tap) {
          IRMapping mapping;
          mapping.map(body.getArgument(0), args[tap]);
          if (filtered)
            mapping.map(body.getArgument(1), args[taps + tap]);
          mapping.map(body.getArgument(2), acc);
          for (Operation &o : body.without_terminator())
            b.clone(o, mapping);
          acc = mapping.lookup(body.getTerminator()->getOperand(0));
        }
        linalg::YieldOp::create(b, l, acc);
      });
  rewriter.replaceOp(op, generic.getResults());
  return success();
}

struct DecomposeWindows : kiln::impl::DecomposeWindowsBase<DecomposeWindows> {
  void runOnOperation() override {
    IRRewriter rewriter(&getContext());
    getOperation().walk([&](Operation *op) {
      if (auto conv = dyn_cast<linalg::DepthwiseConv2DNchwChwOp>(op))
        (void)decompose(rewriter, conv, /*filtered=*/true);
      else if (auto pool = dyn_cast<linalg::PoolingNchwMaxOp>(op))
        (void)decompose(rewriter, pool, /*filtered=*/false);
      else if (auto pool = dyn_cast<linalg::PoolingNchwSumOp>(op))
        (void)decompose(rewriter, pool, /*filtered=*/false);
    });
  }
};

} // namespace
