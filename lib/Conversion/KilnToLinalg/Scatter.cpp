//===- Scatter.cpp - kiln ScatterElements and ScatterND to scf loops ------===//
//
// A scatter writes where its indices say, and two indices may name the same
// element (with a reduction, ONNX then applies the updates in order), so it is
// not a parallel linalg.generic. It is lowered as `data` carried through an
// scf.for nest over the updates: each iteration reads its index, extracts the
// element there, combines it with the update and inserts the result. One-shot
// bufferization turns the carried tensor into one buffer updated in place.
//
// Indices outside their dimension are a model error in ONNX; constant ones
// are rejected at import, and those only known at run time are wrapped and
// clamped like the gathers' (wrapAndClamp), so that no write leaves `data`.
//
//===----------------------------------------------------------------------===//

#include "dialects/Kiln/KilnOps.h"
#include "lib/Conversion/KilnToLinalg/Patterns.h"
#include "lib/Conversion/KilnToLinalg/TensorPatterns.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;
using namespace mlir::kiln;
using ::kiln::castFromSignless;
using ::kiln::castToSignless;
using ::kiln::checkTensorTypes;
using ::kiln::wrapAndClamp;

namespace {

using LoopBody = function_ref<Value(OpBuilder &, Location, ValueRange, Value)>;

/// An scf.for nest over every index of `shape` (row-major) that carries the
/// tensor `acc`; `body` gets the induction variables and the current tensor
/// and returns the next one. An empty `shape` runs `body` once, without loops.
Value forEachIndex(OpBuilder &b, Location loc, ArrayRef<int64_t> shape, Value acc,
                   LoopBody body) {
  if (shape.empty())
    return body(b, loc, ValueRange(), acc);
  SmallVector<Value> lbs, ubs, steps;
  Value zero = arith::ConstantIndexOp::create(b, loc, 0);
  Value one = arith::ConstantIndexOp::create(b, loc, 1);
  for (int64_t d : shape) {
    lbs.push_back(zero);
    ubs.push_back(arith::ConstantIndexOp::create(b, loc, d));
    steps.push_back(one);
  }
  scf::LoopNest nest = scf::buildLoopNest(b, loc, lbs, ubs, steps, acc,
                                          [&](OpBuilder &nb, Location l, ValueRange ivs,
                                              ValueRange args) -> scf::ValueVector {
                                            return {body(nb, l, ivs, args.front())};
                                          });
  return nest.results.front();
}

/// `update` combined with `current` by `reduction`, as ONNX's reference does
/// it with numpy: on booleans add is `or` and mul is `and`; max and min
/// propagate NaN. Integers are signless here; `isUnsigned` picks max/min.
Value combine(OpBuilder &b, Location loc, StringRef reduction, Value current,
              Value update, bool isUnsigned) {
  Type type = update.getType();
  bool add = reduction == "add", mul = reduction == "mul", max = reduction == "max";
  if (isa<FloatType>(type)) {
    if (add)
      return arith::AddFOp::create(b, loc, current, update);
    if (mul)
      return arith::MulFOp::create(b, loc, current, update);
    if (max)
      return arith::MaximumFOp::create(b, loc, current, update);
    return arith::MinimumFOp::create(b, loc, current, update);
  }
  if (type.isInteger(1)) {
    if (add || max)
      return arith::OrIOp::create(b, loc, current, update);
    return arith::AndIOp::create(b, loc, current, update);
  }
  if (add)
    return arith::AddIOp::create(b, loc, current, update);
  if (mul)
    return arith::MulIOp::create(b, loc, current, update);
  if (max)
    return isUnsigned ? Value(arith::MaxUIOp::create(b, loc, current, update))
                      : Value(arith::MaxSIOp::create(b, loc, current, update));
  return isUnsigned ? Value(arith::MinUIOp::create(b, loc, current, update))
                    : Value(arith::MinSIOp::create(b, loc, current, update));
}

/// Writes `update` into `acc` at `coords` (combined with the element there
/// unless the reduction is none) and returns the new tensor.
using StoreFn = function_ref<Value(OpBuilder &, Location, Value acc, ValueRange coords,
                                   Value update)>;
/// Builds the loop nest of one scatter op over the signless `data` and
/// `updates`, writing through `store`; returns the final tensor.
using LoopsFn = function_ref<Value(Value data, Value updates, StoreFn store)>;

/// What the scatter patterns share: the checks, the empty cases, and the
/// signless detour around the loops (arith takes signless integers only).
/// `emptyTarget`: some dimension that indices address is empty.
template <typename OpT>
LogicalResult lowerScatter(OpT op, Value data, Value updates, bool emptyTarget,
                           ConversionPatternRewriter &rewriter, LoopsFn loops) {
  if (failed(checkTensorTypes(op, rewriter, /*allowUnsigned=*/true)))
    return failure();
  StringRef reduction = op.getReduction();
  if (!llvm::is_contained({"none", "add", "mul", "max", "min"}, reduction))
    return rewriter.notifyMatchFailure(op, "unknown reduction");
  Location loc = op.getLoc();
  auto type = cast<RankedTensorType>(op.getType());
  if (cast<RankedTensorType>(updates.getType()).getNumElements() == 0) {
    rewriter.replaceOp(op, data);
    return success();
  }
  if (emptyTarget)
    return rewriter.notifyMatchFailure(op, "scatters into an empty dimension");
  bool isUnsigned = type.getElementType().isUnsignedInteger();
  auto store = [&](OpBuilder &b, Location l, Value acc, ValueRange coords,
                   Value update) -> Value {
    if (reduction != "none")
      update = combine(b, l, reduction, tensor::ExtractOp::create(b, l, acc, coords),
                       update, isUnsigned);
    return tensor::InsertOp::create(b, l, update, acc, coords);
  };
  Value result = loops(castToSignless(rewriter, loc, data),
                       castToSignless(rewriter, loc, updates), store);
  rewriter.replaceOp(op, castFromSignless(rewriter, loc, result, type));
  return success();
}

/// output = data; for every position p of indices:
///   output[p with p[axis] replaced by indices[p]] (op)= updates[p]
struct ScatterElementsLowering : OpConversionPattern<ScatterElementsOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(ScatterElementsOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    auto dataType = cast<RankedTensorType>(op.getData().getType());
    auto idxType = cast<RankedTensorType>(op.getIndices().getType());
    auto normalized = normalizeAxis(op.getAxis(), dataType.getRank());
    if (failed(normalized))
      return rewriter.notifyMatchFailure(op, "axis out of range");
    int64_t axis = *normalized, dim = dataType.getDimSize(axis);
    Value indices = adaptor.getIndices();
    return lowerScatter(
        op, adaptor.getData(), adaptor.getUpdates(), /*emptyTarget=*/dim == 0, rewriter,
        [&](Value data, Value updates, StoreFn store) {
          return forEachIndex(
              rewriter, op.getLoc(), idxType.getShape(), data,
              [&](OpBuilder &b, Location l, ValueRange ivs, Value acc) {
                SmallVector<Value> coords = llvm::to_vector(ivs);
                coords[axis] = wrapAndClamp(
                    b, l, tensor::ExtractOp::create(b, l, indices, ivs), dim);
                return store(b, l, acc, coords,
                             tensor::ExtractOp::create(b, l, updates, ivs));
              });
        });
  }
};

/// With indices of shape [m..., k]: for every m and every position r of
/// data.shape[k:],
///   output[indices[m, 0..k-1], r] (op)= updates[m, r]
/// The index tuple is read once per m, outside the loops over r.
struct ScatterNDLowering : OpConversionPattern<ScatterNDOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(ScatterNDOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    auto dataType = cast<RankedTensorType>(op.getData().getType());
    auto idxType = cast<RankedTensorType>(op.getIndices().getType());
    int64_t k = idxType.getShape().back();
    if (k < 1 || k > dataType.getRank())
      return rewriter.notifyMatchFailure(op, "index depth out of range");
    Value indices = adaptor.getIndices();
    bool emptyTarget = llvm::is_contained(dataType.getShape().take_front(k), 0);
    return lowerScatter(
        op, adaptor.getData(), adaptor.getUpdates(), emptyTarget, rewriter,
        [&](Value data, Value updates, StoreFn store) {
          return forEachIndex(
              rewriter, op.getLoc(), idxType.getShape().drop_back(), data,
              [&](OpBuilder &b, Location l, ValueRange outer, Value acc) {
                SmallVector<Value> idxCoords = llvm::to_vector(outer), target;
                idxCoords.push_back(Value());
                for (int64_t j = 0; j < k; ++j) {
                  idxCoords.back() = arith::ConstantIndexOp::create(b, l, j);
                  Value index = tensor::ExtractOp::create(b, l, indices, idxCoords);
                  target.push_back(wrapAndClamp(b, l, index, dataType.getDimSize(j)));
                }
                return forEachIndex(
                    b, l, dataType.getShape().drop_front(k), acc,
                    [&](OpBuilder &ib, Location il, ValueRange inner, Value innerAcc) {
                      SmallVector<Value> coords(target),
                          updCoords = llvm::to_vector(outer);
                      llvm::append_range(coords, inner);
                      llvm::append_range(updCoords, inner);
                      return store(ib, il, innerAcc, coords,
                                   tensor::ExtractOp::create(ib, il, updates, updCoords));
                    });
              });
        });
  }
};

} // namespace

void ::kiln::populateScatterToLinalgPatterns(RewritePatternSet &patterns) {
  patterns.add<ScatterElementsLowering, ScatterNDLowering>(patterns.getContext());
}
