//===- Indexing.cpp - Gathers, OneHot, Trilu, CumSum, EyeLike, Compress ---===//
//
// Ops whose element mapping depends on index values. Each is one
// linalg.generic over the result; data-dependent reads are tensor.extract in
// the body, the loop position comes from linalg.index.
//
// Index values outside their dimension are a model error in ONNX. Gathers
// wrap negative indices (index < 0 ? index + dim : index) and then clamp to
// [0, dim - 1], so a bad index reads some element of the input instead of
// arbitrary memory.
//
//===----------------------------------------------------------------------===//

#include "dialects/Kiln/KilnOps.h"
#include "lib/Conversion/KilnToLinalg/Patterns.h"
#include "lib/Conversion/KilnToLinalg/TensorPatterns.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;
using namespace mlir::kiln;
using ::kiln::checkTensorTypes;
using ::kiln::emptyTensor;
using ::kiln::replaceIfEmpty;
using ::kiln::wrapAndClamp;

namespace kiln {
Value wrapAndClamp(OpBuilder &b, Location loc, Value index, int64_t dim) {
  Value i = arith::IndexCastOp::create(b, loc, b.getIndexType(), index);
  Value zero = arith::ConstantIndexOp::create(b, loc, 0);
  Value isNeg = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::slt, i, zero);
  Value wrapped = arith::SelectOp::create(
      b, loc, isNeg,
      arith::AddIOp::create(b, loc, i, arith::ConstantIndexOp::create(b, loc, dim)), i);
  Value low = arith::MaxSIOp::create(b, loc, wrapped, zero);
  return arith::MinSIOp::create(b, loc, low,
                                arith::ConstantIndexOp::create(b, loc, dim - 1));
}
} // namespace kiln

namespace {

Value indexConst(OpBuilder &b, Location loc, int64_t v) {
  return arith::ConstantIndexOp::create(b, loc, v);
}

Value loopIndex(OpBuilder &b, Location loc, int64_t dim) {
  return linalg::IndexOp::create(b, loc, dim);
}

/// linalg.generic with all-parallel loops over `type`; `inputs` are read
/// through `inputMaps`, `body` gets their scalars and returns the element.
Value buildGeneric(OpBuilder &b, Location loc, RankedTensorType type, ValueRange inputs,
                   ArrayRef<AffineMap> inputMaps,
                   function_ref<Value(OpBuilder &, Location, ValueRange)> body) {
  SmallVector<AffineMap> maps(inputMaps);
  maps.push_back(b.getMultiDimIdentityMap(type.getRank()));
  SmallVector<utils::IteratorType> iterators(type.getRank(),
                                             utils::IteratorType::parallel);
  auto generic = linalg::GenericOp::create(
      b, loc, TypeRange{type}, inputs, ValueRange{emptyTensor(b, loc, type)}, maps,
      iterators, [&](OpBuilder &nb, Location nloc, ValueRange args) {
        linalg::YieldOp::create(nb, nloc, body(nb, nloc, args.drop_back()));
      });
  return generic.getResult(0);
}

/// output[i_0..i_{a-1}, j_0..j_{q-1}, i_{a+1}..] =
///   data[i_0..i_{a-1}, indices[j_0..j_{q-1}], i_{a+1}..]
struct GatherLowering : OpConversionPattern<GatherOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(GatherOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    if (failed(checkTensorTypes(op, rewriter)))
      return failure();
    Location loc = op.getLoc();
    auto type = cast<RankedTensorType>(op.getType());
    auto dataType = cast<RankedTensorType>(op.getData().getType());
    auto idxType = cast<RankedTensorType>(op.getIndices().getType());
    int64_t r = dataType.getRank(), q = idxType.getRank();
    auto normalized = normalizeAxis(op.getAxis(), r);
    if (failed(normalized))
      return rewriter.notifyMatchFailure(op, "axis out of range");
    int64_t axis = *normalized;
    if (replaceIfEmpty(op, type, rewriter))
      return success();
    int64_t dim = dataType.getDimSize(axis);
    if (dim == 0)
      return rewriter.notifyMatchFailure(op, "gathers from an empty dimension");
    MLIRContext *ctx = rewriter.getContext();
    SmallVector<AffineExpr> idxExprs;
    for (int64_t j = 0; j < q; ++j)
      idxExprs.push_back(getAffineDimExpr(axis + j, ctx));
    AffineMap idxMap = AffineMap::get(type.getRank(), 0, idxExprs, ctx);
    Value data = adaptor.getData();
    Value result = buildGeneric(rewriter, loc, type, adaptor.getIndices(), idxMap,
                                [&](OpBuilder &b, Location l, ValueRange args) -> Value {
                                  SmallVector<Value> coords;
                                  for (int64_t i = 0; i < r; ++i) {
                                    if (i < axis)
                                      coords.push_back(loopIndex(b, l, i));
                                    else if (i == axis)
                                      coords.push_back(wrapAndClamp(b, l, args[0], dim));
                                    else
                                      coords.push_back(loopIndex(b, l, i + q - 1));
                                  }
                                  return tensor::ExtractOp::create(b, l, data, coords);
                                });
    rewriter.replaceOp(op, result);
    return success();
  }
};

/// output[i] = data[i with i[axis] replaced by indices[i]].
struct GatherElementsLowering : OpConversionPattern<GatherElementsOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(GatherElementsOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    if (failed(checkTensorTypes(op, rewriter)))
      return failure();
    Location loc = op.getLoc();
    auto type = cast<RankedTensorType>(op.getType());
    auto dataType = cast<RankedTensorType>(op.getData().getType());
    int64_t r = dataType.getRank();
    auto normalized = normalizeAxis(op.getAxis(), r);
    if (failed(normalized))
      return rewriter.notifyMatchFailure(op, "axis out of range");
    int64_t axis = *normalized;
    if (replaceIfEmpty(op, type, rewriter))
      return success();
    // The other coordinates are taken as they are, so they must be in bounds.
    for (int64_t i = 0; i < r; ++i)
      if (i != axis && type.getDimSize(i) > dataType.getDimSize(i))
        return rewriter.notifyMatchFailure(op, "indices exceed data outside the axis");
    int64_t dim = dataType.getDimSize(axis);
    if (dim == 0)
      return rewriter.notifyMatchFailure(op, "gathers from an empty dimension");
    Value data = adaptor.getData();
    Value result = buildGeneric(
        rewriter, loc, type, adaptor.getIndices(), rewriter.getMultiDimIdentityMap(r),
        [&](OpBuilder &b, Location l, ValueRange args) -> Value {
          SmallVector<Value> coords;
          for (int64_t i = 0; i < r; ++i)
            coords.push_back(i == axis ? wrapAndClamp(b, l, args[0], dim)
                                       : loopIndex(b, l, i));
          return tensor::ExtractOp::create(b, l, data, coords);
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

/// With b batch dims and indices[..., k]:
///   output[b_.., m_.., rest_..] = data[b_.., indices[b_.., m_.., 0..k-1], rest_..]
struct GatherNDLowering : OpConversionPattern<GatherNDOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(GatherNDOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    if (failed(checkTensorTypes(op, rewriter)))
      return failure();
    Location loc = op.getLoc();
    auto type = cast<RankedTensorType>(op.getType());
    auto dataType = cast<RankedTensorType>(op.getData().getType());
    auto idxType = cast<RankedTensorType>(op.getIndices().getType());
    int64_t r = dataType.getRank(), q = idxType.getRank();
    int64_t batch = op.getBatchDims(), k = idxType.getShape().back();
    if (batch < 0 || k < 1 || batch + k > r || batch >= q)
      return rewriter.notifyMatchFailure(op, "batch_dims or index depth out of range");
    for (int64_t i = 0; i < batch; ++i)
      if (dataType.getDimSize(i) != idxType.getDimSize(i))
        return rewriter.notifyMatchFailure(op, "batch dimensions differ");
    if (replaceIfEmpty(op, type, rewriter))
      return success();
    for (int64_t j = 0; j < k; ++j)
      if (dataType.getDimSize(batch + j) == 0)
        return rewriter.notifyMatchFailure(op, "gathers from an empty dimension");
    Value data = adaptor.getData(), indices = adaptor.getIndices();
    Value result = buildGeneric(
        rewriter, loc, type, ValueRange{}, {},
        [&](OpBuilder &b, Location l, ValueRange) -> Value {
          // Loops 0..q-2 walk indices' leading dims, q-1.. the trailing data.
          SmallVector<Value> idxCoords;
          for (int64_t i = 0; i < q - 1; ++i)
            idxCoords.push_back(loopIndex(b, l, i));
          idxCoords.push_back(Value());
          SmallVector<Value> coords;
          for (int64_t i = 0; i < batch; ++i)
            coords.push_back(loopIndex(b, l, i));
          for (int64_t j = 0; j < k; ++j) {
            idxCoords.back() = indexConst(b, l, j);
            Value index = tensor::ExtractOp::create(b, l, indices, idxCoords);
            coords.push_back(wrapAndClamp(b, l, index, dataType.getDimSize(batch + j)));
          }
          for (int64_t i = batch + k; i < r; ++i)
            coords.push_back(loopIndex(b, l, q - 1 + i - batch - k));
          return tensor::ExtractOp::create(b, l, data, coords);
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

/// output[.., p (at axis), ..] = indices[..] (wrapped by depth) == p ? on : off.
struct OneHotLowering : OpConversionPattern<OneHotOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(OneHotOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    if (failed(checkTensorTypes(op, rewriter)))
      return failure();
    Location loc = op.getLoc();
    auto type = cast<RankedTensorType>(op.getType());
    auto valuesType = cast<RankedTensorType>(op.getValues().getType());
    int64_t rank = type.getRank();
    auto normalized = normalizeAxis(op.getAxis(), rank);
    if (failed(normalized))
      return rewriter.notifyMatchFailure(op, "axis out of range");
    int64_t axis = *normalized;
    if (valuesType.getNumElements() != 2)
      return rewriter.notifyMatchFailure(op, "values must hold [off, on]");
    if (replaceIfEmpty(op, type, rewriter))
      return success();
    // values holds two elements in any shape; [off, on] are its first and
    // last element in row-major order.
    auto valueAt = [&](int64_t flat) -> Value {
      SmallVector<Value> coords;
      for (int64_t d : llvm::reverse(valuesType.getShape())) {
        coords.push_back(indexConst(rewriter, loc, flat % d));
        flat /= d;
      }
      std::reverse(coords.begin(), coords.end());
      return tensor::ExtractOp::create(rewriter, loc, adaptor.getValues(), coords);
    };
    Value off = valueAt(0), on = valueAt(1);
    MLIRContext *ctx = rewriter.getContext();
    SmallVector<AffineExpr> idxExprs;
    for (int64_t i = 0; i < rank; ++i)
      if (i != axis)
        idxExprs.push_back(getAffineDimExpr(i, ctx));
    AffineMap idxMap = AffineMap::get(rank, 0, idxExprs, ctx);
    int64_t depth = op.getDepth();
    Value result = buildGeneric(
        rewriter, loc, type, adaptor.getIndices(), idxMap,
        [&](OpBuilder &b, Location l, ValueRange args) -> Value {
          // ONNX converts indices to int64 (truncating floats) before use.
          Value idx = args[0];
          Type i64 = b.getI64Type();
          if (isa<FloatType>(idx.getType()))
            idx = arith::FPToSIOp::create(b, l, i64, idx);
          else if (idx.getType().getIntOrFloatBitWidth() < 64)
            idx = arith::ExtSIOp::create(b, l, i64, idx);
          Value zero = arith::ConstantIntOp::create(b, l, i64, 0);
          Value isNeg = arith::CmpIOp::create(b, l, arith::CmpIPredicate::slt, idx, zero);
          Value depthV = arith::ConstantIntOp::create(b, l, i64, depth);
          idx = arith::SelectOp::create(b, l, isNeg,
                                        arith::AddIOp::create(b, l, idx, depthV), idx);
          Value pos = arith::IndexCastOp::create(b, l, i64, loopIndex(b, l, axis));
          Value hit = arith::CmpIOp::create(b, l, arith::CmpIPredicate::eq, idx, pos);
          return arith::SelectOp::create(b, l, hit, on, off);
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

/// Keeps elements with (col - row) >= k (upper) or <= k (lower), zeroes the
/// rest; rows and columns are the last two dimensions.
struct TriluLowering : OpConversionPattern<TriluOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(TriluOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    if (failed(checkTensorTypes(op, rewriter)))
      return failure();
    auto type = cast<RankedTensorType>(op.getType());
    int64_t rank = type.getRank();
    if (rank < 2)
      return rewriter.notifyMatchFailure(op, "rank below 2");
    if (type.getNumElements() == 0) {
      rewriter.replaceOp(op, emptyTensor(rewriter, op.getLoc(), type));
      return success();
    }
    bool upper = op.getUpper() != 0;
    int64_t k = op.getK();
    Type elem = type.getElementType();
    Value result = buildGeneric(
        rewriter, op.getLoc(), type, adaptor.getInput(),
        rewriter.getMultiDimIdentityMap(rank),
        [&](OpBuilder &b, Location l, ValueRange args) -> Value {
          // In i64 so that any k (an attribute, possibly huge) compares exactly.
          Type i64 = b.getI64Type();
          Value row = arith::IndexCastOp::create(b, l, i64, loopIndex(b, l, rank - 2));
          Value col = arith::IndexCastOp::create(b, l, i64, loopIndex(b, l, rank - 1));
          Value diff = arith::SubIOp::create(b, l, col, row);
          Value kV = arith::ConstantIntOp::create(b, l, i64, k);
          Value keep = arith::CmpIOp::create(
              b, l, upper ? arith::CmpIPredicate::sge : arith::CmpIPredicate::sle, diff,
              kV);
          Value zero = arith::ConstantOp::create(b, l, elem, b.getZeroAttr(elem));
          return arith::SelectOp::create(b, l, keep, args[0], zero);
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

/// A scan is not a linalg.generic; instead each output element is a masked
/// reduction over the whole axis: y[.., i, ..] = sum_j (j in range(i)) x[.., j, ..].
/// That costs axis-length times the work of a scan, so long axes are refused
/// until a loop-based lowering exists.
constexpr int64_t kMaxCumSumAxisLength = 4096;

struct CumSumLowering : OpConversionPattern<CumSumOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(CumSumOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    if (failed(checkTensorTypes(op, rewriter)))
      return failure();
    Location loc = op.getLoc();
    auto type = cast<RankedTensorType>(op.getType());
    int64_t rank = type.getRank();
    auto normalized = normalizeAxis(op.getAxis(), rank);
    if (failed(normalized))
      return rewriter.notifyMatchFailure(op, "axis out of range");
    int64_t axis = *normalized;
    if (type.getDimSize(axis) > kMaxCumSumAxisLength)
      return rewriter.notifyMatchFailure(op, "cumsum axis is too long");
    if (replaceIfEmpty(op, type, rewriter))
      return success();
    bool exclusive = op.getExclusive() != 0, reverse = op.getReverse() != 0;
    Type elem = type.getElementType();
    bool isFloat = isa<FloatType>(elem);
    // -0.0 is the exact identity of IEEE addition (x + -0.0 == x for every x,
    // -0.0 included), so masked-out terms and the initial value do not change
    // an inclusive sum; an empty (exclusive) sum is +0.
    auto identity = [&](OpBuilder &b, Location l, bool emptySum) -> Value {
      if (isFloat && !emptySum)
        return arith::ConstantOp::create(
            b, l,
            b.getFloatAttr(elem,
                           APFloat::getZero(cast<FloatType>(elem).getFloatSemantics(),
                                            /*Negative=*/true)));
      return arith::ConstantOp::create(b, l, elem, b.getZeroAttr(elem));
    };
    Value init =
        ::kiln::filledTensor(rewriter, loc, type, identity(rewriter, loc, exclusive));

    MLIRContext *ctx = rewriter.getContext();
    SmallVector<AffineExpr> inExprs, outExprs;
    for (int64_t i = 0; i < rank; ++i) {
      inExprs.push_back(getAffineDimExpr(i == axis ? rank : i, ctx));
      outExprs.push_back(getAffineDimExpr(i, ctx));
    }
    SmallVector<AffineMap> maps = {AffineMap::get(rank + 1, 0, inExprs, ctx),
                                   AffineMap::get(rank + 1, 0, outExprs, ctx)};
    SmallVector<utils::IteratorType> iterators(rank, utils::IteratorType::parallel);
    iterators.push_back(utils::IteratorType::reduction);
    arith::CmpIPredicate pred =
        reverse ? (exclusive ? arith::CmpIPredicate::sgt : arith::CmpIPredicate::sge)
                : (exclusive ? arith::CmpIPredicate::slt : arith::CmpIPredicate::sle);
    auto generic = linalg::GenericOp::create(
        rewriter, loc, TypeRange{type}, ValueRange{adaptor.getX()}, ValueRange{init},
        maps, iterators, [&](OpBuilder &b, Location l, ValueRange args) {
          Value i = loopIndex(b, l, axis), j = loopIndex(b, l, rank);
          Value in = arith::CmpIOp::create(b, l, pred, j, i);
          Value term = arith::SelectOp::create(b, l, in, args[0],
                                               identity(b, l, /*emptySum=*/false));
          Value sum = isFloat ? Value(arith::AddFOp::create(b, l, args[1], term))
                              : Value(arith::AddIOp::create(b, l, args[1], term));
          linalg::YieldOp::create(b, l, sum);
        });
    rewriter.replaceOp(op, generic.getResult(0));
    return success();
  }
};

/// output[i, j] = (j - i == k) ? 1 : 0.
struct EyeLikeLowering : OpConversionPattern<EyeLikeOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(EyeLikeOp op, OpAdaptor,
                                ConversionPatternRewriter &rewriter) const override {
    if (failed(checkTensorTypes(op, rewriter, /*allowUnsigned=*/true)))
      return failure();
    Location loc = op.getLoc();
    auto type = cast<RankedTensorType>(op.getType());
    if (type.getRank() != 2)
      return rewriter.notifyMatchFailure(op, "rank is not 2");
    // arith.constant takes signless integers only.
    RankedTensorType signless = ::kiln::signlessTensorType(type);
    Type elem = signless.getElementType();
    int64_t k = op.getK();
    Value result = buildGeneric(
        rewriter, loc, signless, ValueRange{}, {},
        [&](OpBuilder &b, Location l, ValueRange) -> Value {
          // In i64 so that any k (an attribute, possibly huge) compares exactly.
          Type i64 = b.getI64Type();
          Value row = arith::IndexCastOp::create(b, l, i64, loopIndex(b, l, 0));
          Value col = arith::IndexCastOp::create(b, l, i64, loopIndex(b, l, 1));
          Value diff = arith::SubIOp::create(b, l, col, row);
          Value onDiagonal =
              arith::CmpIOp::create(b, l, arith::CmpIPredicate::eq, diff,
                                    arith::ConstantIntOp::create(b, l, i64, k));
          return arith::SelectOp::create(b, l, onDiagonal,
                                         ::kiln::scalarConstant(b, l, elem, 1),
                                         ::kiln::scalarConstant(b, l, elem, 0));
        });
    rewriter.replaceOp(op, ::kiln::castFromSignless(rewriter, loc, result, type));
    return success();
  }
};

/// With its condition constant, Compress is a gather with constant indices
/// (the positions where the condition holds) along the axis, or along the
/// flattened input when there is no axis.
struct CompressLowering : OpConversionPattern<CompressOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(CompressOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    // Only moves data, so unsigned elements need no signless detour.
    if (failed(checkTensorTypes(op, rewriter, /*allowUnsigned=*/true)))
      return failure();
    Location loc = op.getLoc();
    auto type = cast<RankedTensorType>(op.getType());
    Value input = adaptor.getInput();
    auto inType = cast<RankedTensorType>(input.getType());
    int64_t axis = 0;
    if (std::optional<int64_t> axisAttr = op.getAxis()) {
      auto normalized = normalizeAxis(*axisAttr, inType.getRank());
      if (failed(normalized))
        return rewriter.notifyMatchFailure(op, "axis out of range");
      axis = *normalized;
    } else if (inType.getRank() != 1) {
      ReassociationIndices all;
      for (int64_t i = 0; i < inType.getRank(); ++i)
        all.push_back(i);
      inType = inType.clone({inType.getNumElements()});
      input = tensor::CollapseShapeOp::create(rewriter, loc, inType, input,
                                              SmallVector<ReassociationIndices>{all});
    }
    SmallVector<int64_t> kept;
    for (auto [i, keep] : llvm::enumerate(op.getCondition()))
      if (keep)
        kept.push_back(i);
    if ((int64_t)kept.size() != type.getDimSize(axis) ||
        (!kept.empty() && kept.back() >= inType.getDimSize(axis)))
      return rewriter.notifyMatchFailure(op, "condition does not match the shapes");
    if (replaceIfEmpty(op, type, rewriter))
      return success();
    auto keptType = RankedTensorType::get({(int64_t)kept.size()}, rewriter.getI64Type());
    Value keptIndices = arith::ConstantOp::create(
        rewriter, loc, DenseIntElementsAttr::get(keptType, ArrayRef<int64_t>(kept)));
    MLIRContext *ctx = rewriter.getContext();
    AffineMap keptMap = AffineMap::get(type.getRank(), 0, getAffineDimExpr(axis, ctx));
    Value result =
        buildGeneric(rewriter, loc, type, keptIndices, keptMap,
                     [&](OpBuilder &b, Location l, ValueRange args) -> Value {
                       Value position =
                           arith::IndexCastOp::create(b, l, b.getIndexType(), args[0]);
                       SmallVector<Value> coords;
                       for (int64_t i = 0; i < type.getRank(); ++i)
                         coords.push_back(i == axis ? position : loopIndex(b, l, i));
                       return tensor::ExtractOp::create(b, l, input, coords);
                     });
    rewriter.replaceOp(op, result);
    return success();
  }
};

} // namespace

void ::kiln::populateIndexingToLinalgPatterns(RewritePatternSet &patterns) {
  patterns.add<GatherLowering, GatherElementsLowering, GatherNDLowering, OneHotLowering,
               TriluLowering, CumSumLowering, EyeLikeLowering, CompressLowering>(
      patterns.getContext());
}
