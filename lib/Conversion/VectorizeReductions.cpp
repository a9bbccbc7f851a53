//===- VectorizeReductions.cpp - Reductions over rows as vector code ------===//
//
// GlobalAveragePool, the means and variances of a layer normalization and
// Softmax's maximum and sum reduce the trailing dimensions of a tensor.
// Lowered to scalar loops, such a reduction loads and stores its accumulator
// at every step (LLVM cannot tell that the output does not alias the input)
// and stays scalar, since a floating-point sum may not be reassociated:
// SqueezeNet's 1000 x 13 x 13 GlobalAveragePool took 116 us, ONNX Runtime's
// 19.
//
// This pass, after bufferization, writes such a reduction as vector code:
// the reduced dimensions (contiguous in memory) are collapsed into one row,
// the kept dimensions become loops marked `kiln.parallel_tiles`, and each
// row is reduced into one vector of partial results (one per lane), which
// is reduced to a scalar at the end of the row and combined with the
// output. A row's length that is not a multiple of the vector's is a
// shorter vector. The order of the additions changes (lane by lane, then
// across the lanes), the same way in every run and whatever the number of
// threads: the rows, not the reductions, are split between threads.
//
//===----------------------------------------------------------------------===//

#include "lib/Conversion/Passes.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/PatternMatch.h"

using namespace mlir;

namespace kiln {
#define GEN_PASS_DEF_VECTORIZEREDUCTIONS
#include "lib/Conversion/Passes.h.inc"
} // namespace kiln

namespace {

/// How a reduction is taken apart: `parallel` leading loops kept, the rest
/// reduced; `combiner` folds one value into the output element; the inputs
/// that walk the reduced loops (`streamed`) are read as vectors, the others
/// (one value per row, or one in all) are broadcast.
struct Reduction {
  unsigned parallel = 0;
  Operation *combiner = nullptr;
  unsigned outPosition = 0; // the output's operand position in the combiner
  vector::CombiningKind kind = vector::CombiningKind::ADD;
  int64_t length = 1; // elements per row: the product of the reduced extents
  int64_t lanes = 1;  // elements per vector
  SmallVector<bool> streamed;
};

std::optional<vector::CombiningKind> combiningKind(Operation *op) {
  if (isa<arith::AddFOp>(op))
    return vector::CombiningKind::ADD;
  if (isa<arith::MaximumFOp>(op))
    return vector::CombiningKind::MAXIMUMF;
  if (isa<arith::MinimumFOp>(op))
    return vector::CombiningKind::MINIMUMF;
  if (isa<arith::MaxNumFOp>(op))
    return vector::CombiningKind::MAXNUMF;
  if (isa<arith::MinNumFOp>(op))
    return vector::CombiningKind::MINNUMF;
  return std::nullopt;
}

/// The value that leaves every other unchanged under `kind`: -0 for a sum
/// (-0 + +0 is +0), -infinity for a maximum, +infinity for a minimum.
APFloat neutralElement(vector::CombiningKind kind, const llvm::fltSemantics &semantics) {
  switch (kind) {
  case vector::CombiningKind::ADD:
    return APFloat::getZero(semantics, /*Negative=*/true);
  case vector::CombiningKind::MAXIMUMF:
  case vector::CombiningKind::MAXNUMF:
    return APFloat::getInf(semantics, /*Negative=*/true);
  default:
    return APFloat::getInf(semantics, /*Negative=*/false);
  }
}

/// Whether `map` reads exactly loops 0 .. count-1, in order.
bool readsLeadingLoops(AffineMap map, unsigned count) {
  return map == AffineMap::getMultiDimIdentityMap(map.getNumDims(), map.getContext())
                    .getSliceMap(0, count);
}

/// The groups that collapse dimensions `first` .. rank-1 of a memref into one.
SmallVector<ReassociationIndices> collapseTrailing(int64_t rank, int64_t first) {
  SmallVector<ReassociationIndices> groups;
  for (int64_t d = 0; d < first; ++d)
    groups.push_back({d});
  groups.emplace_back();
  for (int64_t d = first; d < rank; ++d)
    groups.back().push_back(d);
  return groups;
}

/// How `op` is vectorized, or nullopt when it is not a reduction this pass
/// takes: static buffers, no index ops, one output that keeps the leading
/// (parallel) loops, every input either walking all loops in order with the
/// reduced ones contiguous, or reading only the kept loops (or none), and a
/// body that computes a value from the inputs with arith and math ops and
/// folds it into the output with one floating-point add, maximum or minimum.
std::optional<Reduction> analyze(linalg::GenericOp op, int64_t vectorBits) {
  if (!op.hasPureBufferSemantics() || op.hasDynamicShape() || op.hasIndexSemantics() ||
      op.getNumDpsInits() != 1 || op.getNumReductionLoops() == 0)
    return std::nullopt;
  Reduction r;
  unsigned loops = op.getNumLoops();
  r.parallel = op.getNumParallelLoops();
  for (auto [d, type] : llvm::enumerate(op.getIteratorTypesArray()))
    if ((d < r.parallel) != (type == utils::IteratorType::parallel))
      return std::nullopt; // The reduced loops are not the trailing ones.
  OpOperand *init = op.getDpsInitOperand(0);
  if (!readsLeadingLoops(op.getMatchingIndexingMap(init), r.parallel))
    return std::nullopt;
  SmallVector<int64_t> ranges = op.getStaticLoopRanges();
  for (unsigned d = r.parallel; d < loops; ++d)
    r.length *= ranges[d];
  for (OpOperand *input : op.getDpsInputOperands()) {
    if (input->get() == init->get())
      return std::nullopt;
    AffineMap map = op.getMatchingIndexingMap(input);
    auto type = dyn_cast<MemRefType>(input->get().getType());
    if (!type)
      return std::nullopt;
    if (map.isIdentity()) {
      // Read as vectors along the collapsed row: contiguous, unit stride.
      SmallVector<int64_t> strides;
      int64_t offset;
      if (failed(type.getStridesAndOffset(strides, offset)) || strides.back() != 1 ||
          !memref::CollapseShapeOp::isGuaranteedCollapsible(
              type, collapseTrailing(type.getRank(), r.parallel)))
        return std::nullopt;
      r.streamed.push_back(true);
    } else if (map.getNumResults() == 0 || readsLeadingLoops(map, r.parallel)) {
      r.streamed.push_back(false);
    } else {
      return std::nullopt;
    }
  }
  unsigned widest = 0;
  for (Value v : op->getOperands()) {
    auto element = dyn_cast<FloatType>(getElementTypeOrSelf(v.getType()));
    if (!element)
      return std::nullopt;
    widest = std::max(widest, element.getWidth());
  }
  // Rows shorter than a vector (or 4 elements, for narrow vectors) would be
  // mostly unused lanes: left to scalar code.
  r.lanes = std::max<int64_t>(1, vectorBits / widest);
  if (r.length < std::min<int64_t>(r.lanes, 4))
    return std::nullopt;

  Block &body = op.getRegion().front();
  BlockArgument out = body.getArgument(body.getNumArguments() - 1);
  Operation *yielded = body.getTerminator()->getOperand(0).getDefiningOp();
  if (!yielded || yielded->getBlock() != &body || !yielded->hasOneUse() ||
      !out.hasOneUse())
    return std::nullopt;
  std::optional<vector::CombiningKind> kind = combiningKind(yielded);
  if (!kind)
    return std::nullopt;
  r.combiner = yielded;
  r.kind = *kind;
  if (yielded->getOperand(0) == out)
    r.outPosition = 0;
  else if (yielded->getOperand(1) == out)
    r.outPosition = 1;
  else
    return std::nullopt;
  for (Operation &inner : body.without_terminator()) {
    if (&inner == yielded)
      continue;
    if (!isa<arith::ArithDialect, math::MathDialect>(inner.getDialect()) ||
        inner.getNumRegions() != 0 ||
        !(isa<arith::ConstantOp>(inner) || OpTrait::hasElementwiseMappableTraits(&inner)))
      return std::nullopt;
    for (Type t : inner.getResultTypes())
      if (!t.isIntOrFloat())
        return std::nullopt;
  }
  return r;
}

/// Writes `op` (analyzed as `r`) as vector code.
void vectorize(RewriterBase &rewriter, linalg::GenericOp op, const Reduction &r) {
  Location loc = op.getLoc();
  int64_t lanes = r.lanes;
  rewriter.setInsertionPoint(op);
  unsigned loops = op.getNumLoops();
  SmallVector<int64_t> ranges = op.getStaticLoopRanges();
  auto index = [&](int64_t v) {
    return arith::ConstantIndexOp::create(rewriter, loc, v);
  };
  Value zero = index(0), one = index(1);
  SmallVector<Value> bounds; // unused for dimensions of one iteration
  for (unsigned d = 0; d < r.parallel; ++d)
    bounds.push_back(ranges[d] == 1 ? one : index(ranges[d]));
  int64_t whole = r.length / lanes * lanes, rest = r.length - whole;
  Value wholeValue = index(whole), lanesValue = index(lanes);

  // Streamed inputs as [kept dims..., row].
  SmallVector<Value> inputs;
  for (auto [input, streamed] : llvm::zip(op.getDpsInputs(), r.streamed))
    inputs.push_back(streamed && loops - r.parallel > 1
                         ? memref::CollapseShapeOp::create(
                               rewriter, loc, input, collapseTrailing(loops, r.parallel))
                               .getResult()
                         : input);

  // One loop per kept dimension of more than one iteration, all marked for
  // kiln-parallelize-tiles (each writes its own output elements); their
  // bounds are made before the outermost, so that the nest stays perfect.
  SmallVector<Value> row;
  for (unsigned d = 0; d < r.parallel; ++d) {
    if (ranges[d] == 1) {
      row.push_back(zero);
      continue;
    }
    auto loop = scf::ForOp::create(rewriter, loc, zero, bounds[d], one);
    loop->setAttr("kiln.parallel_tiles", rewriter.getUnitAttr());
    rewriter.setInsertionPoint(loop.getBody()->getTerminator());
    row.push_back(loop.getInductionVar());
  }

  Block &body = op.getRegion().front();
  // Inputs that do not walk the row: one load per row.
  SmallVector<Value> rowValues;
  for (auto [input, streamed, operand] :
       llvm::zip(inputs, r.streamed, op.getDpsInputOperands())) {
    if (streamed) {
      rowValues.push_back(nullptr);
      continue;
    }
    unsigned rank = op.getMatchingIndexingMap(operand).getNumResults();
    rowValues.push_back(memref::LoadOp::create(rewriter, loc, input,
                                               ArrayRef<Value>(row).take_front(rank)));
  }

  auto vectorType = [&](Type scalar, int64_t width) {
    return VectorType::get({width}, scalar);
  };
  auto broadcast = [&](Value scalar, int64_t width) -> Value {
    return vector::BroadcastOp::create(rewriter, loc, vectorType(scalar.getType(), width),
                                       scalar);
  };
  // The row's values of the inputs that do not walk it, `width` wide.
  auto broadcastRowValues = [&](int64_t width) {
    SmallVector<Value> vectors;
    for (Value v : rowValues)
      vectors.push_back(v ? broadcast(v, width) : nullptr);
    return vectors;
  };
  // The body's ops on `width` elements of the row from `offset`, up to the
  // combiner: returns the vector it would fold into the output.
  auto valuesAt = [&](Value offset, int64_t width, ArrayRef<Value> rowVectors) -> Value {
    IRMapping mapping;
    for (auto [position, input] : llvm::enumerate(inputs)) {
      Value v = rowVectors[position];
      if (r.streamed[position]) {
        SmallVector<Value> indices(row);
        indices.push_back(offset);
        Type element = getElementTypeOrSelf(input.getType());
        v = vector::TransferReadOp::create(rewriter, loc, vectorType(element, width),
                                           input, indices, /*padding=*/std::nullopt,
                                           ArrayRef<bool>{true});
      }
      mapping.map(body.getArgument(position), v);
    }
    auto lookup = [&](Value scalar) {
      return mapping.contains(scalar) ? mapping.lookup(scalar) : broadcast(scalar, width);
    };
    for (Operation &inner : body.without_terminator()) {
      if (&inner == r.combiner)
        break;
      if (isa<arith::ConstantOp>(inner)) {
        mapping.map(inner.getResult(0),
                    broadcast(rewriter.clone(inner)->getResult(0), width));
        continue;
      }
      OperationState state(loc, inner.getName());
      for (Value operand : inner.getOperands())
        state.addOperands(lookup(operand));
      for (Type t : inner.getResultTypes())
        state.addTypes(vectorType(t, width));
      state.addAttributes(inner.getAttrs());
      Operation *vectorOp = rewriter.create(state);
      mapping.map(inner.getResults(), vectorOp->getResults());
    }
    return lookup(r.combiner->getOperand(1 - r.outPosition));
  };
  // The combiner on `acc` (where the output was) and `value`.
  auto combine = [&](Value acc, Value value) -> Value {
    OperationState state(loc, r.combiner->getName());
    state.addOperands(r.outPosition == 0 ? ValueRange{acc, value}
                                         : ValueRange{value, acc});
    state.addTypes(acc.getType());
    state.addAttributes(r.combiner->getAttrs());
    return rewriter.create(state)->getResult(0);
  };
  // Lanes combined in a tree: the order is already not the sequential one.
  auto reduce = [&](Value vector, Value acc) -> Value {
    return vector::ReductionOp::create(rewriter, loc, r.kind, vector, acc,
                                       arith::FastMathFlags::reassoc);
  };

  Type element = r.combiner->getResult(0).getType();
  Value result;
  if (whole != 0) {
    auto neutral = arith::ConstantOp::create(
        rewriter, loc,
        DenseElementsAttr::get(
            vectorType(element, lanes),
            neutralElement(r.kind, cast<FloatType>(element).getFloatSemantics())));
    SmallVector<Value> rowVectors = broadcastRowValues(lanes);
    auto loop = scf::ForOp::create(rewriter, loc, zero, wholeValue, lanesValue,
                                   ValueRange{neutral.getResult()});
    {
      OpBuilder::InsertionGuard guard(rewriter);
      rewriter.setInsertionPointToEnd(loop.getBody());
      Value next = combine(loop.getRegionIterArg(0),
                           valuesAt(loop.getInductionVar(), lanes, rowVectors));
      scf::YieldOp::create(rewriter, loc, next);
    }
    result = reduce(loop.getResult(0), nullptr);
  }
  if (rest != 0)
    result = reduce(valuesAt(wholeValue, rest, broadcastRowValues(rest)), result);
  Value output = op.getDpsInits()[0];
  Value previous = memref::LoadOp::create(rewriter, loc, output, row);
  memref::StoreOp::create(rewriter, loc, combine(previous, result), output, row);
  rewriter.eraseOp(op);
}

struct VectorizeReductions : kiln::impl::VectorizeReductionsBase<VectorizeReductions> {
  using Base::Base;

  void runOnOperation() override {
    IRRewriter rewriter(&getContext());
    SmallVector<std::pair<linalg::GenericOp, Reduction>> candidates;
    getOperation().walk([&](linalg::GenericOp op) {
      if (std::optional<Reduction> r = analyze(op, vectorBits))
        candidates.push_back({op, *r});
    });
    for (auto &[op, r] : candidates)
      vectorize(rewriter, op, r);
  }
};

} // namespace
