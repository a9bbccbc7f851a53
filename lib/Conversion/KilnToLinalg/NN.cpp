//===- NN.cpp - kiln MatMul, Gemm and BatchNormalization to linalg --------===//
//
// Contractions become linalg.matmul / linalg.batch_matmul so that upstream
// tiling, packing and vectorization recognize them. f16 and bf16 operands are
// multiplied into an f32 accumulator (the named ops extend their inputs to the
// output type) and rounded once at the end.
//
// This file also defines the helpers of NNCommon.h and registers the
// convolution, pooling and padding patterns of the other NN files.
//
//===----------------------------------------------------------------------===//

#include "lib/Conversion/KilnToLinalg/NNCommon.h"

#include "dialects/Kiln/KilnOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/ReshapeOpsUtils.h"

using namespace mlir;
using namespace mlir::kiln;
using ::kiln::buildBroadcastGeneric;
using ::kiln::emptyTensor;
using ::kiln::filledTensor;
using ::kiln::scalarConstant;

namespace kiln::nn {

bool hasStaticTensorShapes(Operation *op) {
  auto isStatic = [](Type t) {
    auto rt = dyn_cast<RankedTensorType>(t);
    return rt && rt.hasStaticShape();
  };
  return llvm::all_of(op->getOperandTypes(), isStatic) &&
         llvm::all_of(op->getResultTypes(), isStatic);
}

Type accumulatorType(Type elem) {
  if (elem.isF16() || elem.isBF16())
    return Float32Type::get(elem.getContext());
  return elem;
}

Value convertScalar(OpBuilder &b, Location loc, Value v, Type to) {
  Type from = v.getType();
  if (from == to)
    return v;
  bool widen = from.getIntOrFloatBitWidth() < to.getIntOrFloatBitWidth();
  // Signless integers here are ONNX's signed ones (unsigned operands are
  // widened by the patterns that know their signedness).
  if (isa<IntegerType>(from))
    return widen ? Value(arith::ExtSIOp::create(b, loc, to, v))
                 : Value(arith::TruncIOp::create(b, loc, to, v));
  if (widen)
    return arith::ExtFOp::create(b, loc, to, v);
  return arith::TruncFOp::create(b, loc, to, v);
}

Value convertTensor(OpBuilder &b, Location loc, Value v, Type to) {
  auto type = cast<RankedTensorType>(v.getType());
  if (type.getElementType() == to)
    return v;
  return buildBroadcastGeneric(b, loc, type.clone(to), v,
                               [&](OpBuilder &nb, Location nloc, ValueRange args) {
                                 return convertScalar(nb, nloc, args[0], to);
                               });
}

Value reshapeTo(OpBuilder &b, Location loc, Value v, ArrayRef<int64_t> shape) {
  auto srcType = cast<RankedTensorType>(v.getType());
  if (srcType.getShape() == shape)
    return v;
  auto dstType = srcType.clone(shape);
  if (srcType.getRank() > dstType.getRank()) {
    if (auto r = getReassociationIndicesForCollapse(srcType.getShape(), shape))
      return tensor::CollapseShapeOp::create(b, loc, dstType, v, *r);
  } else if (srcType.getRank() < dstType.getRank()) {
    if (auto r = getReassociationIndicesForCollapse(shape, srcType.getShape()))
      return tensor::ExpandShapeOp::create(b, loc, dstType, v, *r);
  }
  // No single collapse or expand does it (e.g. [2, 3] -> [3, 2]): go through
  // the flat 1-D form, which both directions can reach.
  auto allDims = [](int64_t rank) {
    ReassociationIndices all;
    for (int64_t i = 0; i < rank; ++i)
      all.push_back(i);
    return SmallVector<ReassociationIndices>{all};
  };
  auto flatType = srcType.clone({srcType.getNumElements()});
  Value flat = v;
  if (srcType.getRank() != 1)
    flat =
        tensor::CollapseShapeOp::create(b, loc, flatType, v, allDims(srcType.getRank()));
  if (dstType.getRank() == 1)
    return flat;
  return tensor::ExpandShapeOp::create(b, loc, dstType, flat, allDims(dstType.getRank()));
}

Value padConstant(OpBuilder &b, Location loc, Value v, ArrayRef<int64_t> low,
                  ArrayRef<int64_t> high, Value padValue) {
  auto type = cast<RankedTensorType>(v.getType());
  if (llvm::all_of(low, [](int64_t p) { return p == 0; }) &&
      llvm::all_of(high, [](int64_t p) { return p == 0; }))
    return v;
  SmallVector<int64_t> shape(type.getShape());
  SmallVector<OpFoldResult> lowAttrs, highAttrs;
  for (int64_t i = 0, e = type.getRank(); i < e; ++i) {
    shape[i] += low[i] + high[i];
    lowAttrs.push_back(b.getIndexAttr(low[i]));
    highAttrs.push_back(b.getIndexAttr(high[i]));
  }
  return tensor::PadOp::create(b, loc, type.clone(shape), v, lowAttrs, highAttrs,
                               padValue);
}

Value broadcastDims(OpBuilder &b, Location loc, Value src, RankedTensorType resultType,
                    ArrayRef<int64_t> dims) {
  MLIRContext *ctx = b.getContext();
  SmallVector<AffineExpr> exprs;
  for (int64_t d : dims)
    exprs.push_back(getAffineDimExpr(d, ctx));
  SmallVector<AffineMap> maps = {AffineMap::get(resultType.getRank(), 0, exprs, ctx),
                                 b.getMultiDimIdentityMap(resultType.getRank())};
  SmallVector<utils::IteratorType> iterators(resultType.getRank(),
                                             utils::IteratorType::parallel);
  Type to = resultType.getElementType();
  return linalg::GenericOp::create(
             b, loc, TypeRange{resultType}, ValueRange{src},
             ValueRange{emptyTensor(b, loc, resultType)}, maps, iterators,
             [&](OpBuilder &nb, Location nloc, ValueRange args) {
               linalg::YieldOp::create(nb, nloc, convertScalar(nb, nloc, args[0], to));
             })
      .getResult(0);
}

DenseIntElementsAttr i64Elements(OpBuilder &b, ArrayRef<int64_t> values) {
  auto type =
      RankedTensorType::get({static_cast<int64_t>(values.size())}, b.getI64Type());
  return DenseIntElementsAttr::get(type, values);
}

Value lowestValue(OpBuilder &b, Location loc, Type type) {
  if (auto ft = dyn_cast<FloatType>(type))
    return arith::ConstantOp::create(
        b, loc, b.getFloatAttr(ft, APFloat::getInf(ft.getFloatSemantics(), true)));
  return arith::ConstantOp::create(
      b, loc,
      b.getIntegerAttr(type, APInt::getSignedMinValue(type.getIntOrFloatBitWidth())));
}

/// A zero-filled accumulator of `shape` in `accType`.
static Value zeroAccumulator(OpBuilder &b, Location loc, ArrayRef<int64_t> shape,
                             Type accType) {
  return filledTensor(b, loc, RankedTensorType::get(shape, accType),
                      scalarConstant(b, loc, accType, 0));
}

Value buildMatMul(OpBuilder &b, Location loc, Value lhs, Value rhs,
                  RankedTensorType resultType) {
  Type elem = resultType.getElementType();
  SmallVector<int64_t> aShape(cast<RankedTensorType>(lhs.getType()).getShape());
  SmallVector<int64_t> bShape(cast<RankedTensorType>(rhs.getType()).getShape());
  if (aShape.size() == 1)
    aShape.insert(aShape.begin(), 1);
  if (bShape.size() == 1)
    bShape.push_back(1);
  int64_t m = aShape[aShape.size() - 2], k = aShape.back(), n = bShape.back();
  ArrayRef<int64_t> aBatch = ArrayRef(aShape).drop_back(2),
                    bBatch = ArrayRef(bShape).drop_back(2);
  // The batch dims broadcast right-aligned; the verifier checked they can.
  SmallVector<int64_t> batch(std::max(aBatch.size(), bBatch.size()), 1);
  for (auto [i, d] : llvm::enumerate(llvm::reverse(aBatch)))
    batch[batch.size() - 1 - i] = d;
  for (auto [i, d] : llvm::enumerate(llvm::reverse(bBatch)))
    if (d != 1)
      batch[batch.size() - 1 - i] = d;
  int64_t batchSize = 1, bBatchSize = 1;
  for (int64_t d : batch)
    batchSize *= d;
  for (int64_t d : bBatch)
    bBatchSize *= d;

  Type acc = accumulatorType(elem);
  Value product;
  if (bBatchSize == 1) {
    // One right-hand matrix for the whole batch: fold the batch into the rows
    // of one linalg.matmul instead of materializing copies of B.
    Value a2 = reshapeTo(b, loc, lhs, {batchSize * m, k});
    Value b2 = reshapeTo(b, loc, rhs, {k, n});
    Value init = zeroAccumulator(b, loc, {batchSize * m, n}, acc);
    product = linalg::MatmulOp::create(b, loc, TypeRange{init.getType()},
                                       ValueRange{a2, b2}, ValueRange{init})
                  .getResult(0);
  } else {
    auto expandBatch = [&](Value v, ArrayRef<int64_t> shape, int64_t rows, int64_t cols) {
      v = reshapeTo(b, loc, v, shape);
      SmallVector<int64_t> full(batch);
      full.append({rows, cols});
      if (ArrayRef<int64_t>(full) != shape)
        v = buildBroadcastGeneric(
            b, loc, cast<RankedTensorType>(v.getType()).clone(full), v,
            [](OpBuilder &, Location, ValueRange args) { return args[0]; });
      return reshapeTo(b, loc, v, {batchSize, rows, cols});
    };
    Value a3 = expandBatch(lhs, aShape, m, k);
    Value b3 = expandBatch(rhs, bShape, k, n);
    Value init = zeroAccumulator(b, loc, {batchSize, m, n}, acc);
    product = linalg::BatchMatmulOp::create(b, loc, TypeRange{init.getType()},
                                            ValueRange{a3, b3}, ValueRange{init})
                  .getResult(0);
  }
  product = convertTensor(b, loc, product, elem);
  return reshapeTo(b, loc, product, resultType.getShape());
}

} // namespace kiln::nn

using namespace ::kiln::nn;

namespace {

/// Element types the contractions here can multiply: floats and signless
/// integers (ONNX's signed ones). Unsigned tensors would need a type conversion
/// first, as everywhere else in this conversion.
bool isSupportedElement(Type t) { return isa<FloatType>(t) || t.isSignlessInteger(); }

/// numpy.matmul: 1-D operands are promoted to matrices (and the added dim is
/// dropped again), batch dims broadcast.
struct MatMulLowering : OpConversionPattern<MatMulOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult matchAndRewrite(MatMulOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    if (!hasStaticTensorShapes(op))
      return rewriter.notifyMatchFailure(op, "dynamic shapes are not supported");
    auto resultType = cast<RankedTensorType>(op.getType());
    Type elem = resultType.getElementType();
    if (!isSupportedElement(elem))
      return rewriter.notifyMatchFailure(op, "unsigned integer tensors");
    rewriter.replaceOp(op, buildMatMul(rewriter, op.getLoc(), adaptor.getA(),
                                       adaptor.getB(), resultType));
    return success();
  }
};

/// Y = alpha * A' * B' + beta * C. The transposes are linalg.matmul indexing
/// maps, so nothing is copied; with alpha = 1 the (scaled) bias is the
/// accumulator's initial value and no separate pass over Y is needed.
struct GemmLowering : OpConversionPattern<GemmOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult matchAndRewrite(GemmOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    if (!hasStaticTensorShapes(op))
      return rewriter.notifyMatchFailure(op, "dynamic shapes are not supported");
    auto resultType = cast<RankedTensorType>(op.getType());
    Type elem = resultType.getElementType();
    if (!isSupportedElement(elem))
      return rewriter.notifyMatchFailure(op, "unsigned integer tensors");
    double alpha = op.getAlpha().convertToDouble();
    double beta = op.getBeta().convertToDouble();
    bool isFloat = isa<FloatType>(elem);
    // Integer Gemm with float scaling factors has no exact definition in ONNX.
    if (!isFloat && (alpha != 1.0 || beta != 1.0))
      return rewriter.notifyMatchFailure(op, "integer gemm with alpha or beta != 1");
    if (cast<RankedTensorType>(adaptor.getA().getType()).getRank() != 2 ||
        cast<RankedTensorType>(adaptor.getB().getType()).getRank() != 2)
      return rewriter.notifyMatchFailure(op, "operands must be matrices");

    Location loc = op.getLoc();
    MLIRContext *ctx = rewriter.getContext();
    Type acc = accumulatorType(elem);
    auto accType = resultType.clone(acc);
    Value c = adaptor.getC();

    // beta * C, broadcast to [M, N] in the accumulator type.
    auto scaledBias = [&]() {
      return buildBroadcastGeneric(
          rewriter, loc, accType, c, [&](OpBuilder &b, Location l, ValueRange args) {
            Value v = convertScalar(b, l, args[0], acc);
            if (beta == 1.0)
              return v;
            return Value(arith::MulFOp::create(b, l, v, scalarConstant(b, l, acc, beta)));
          });
    };
    Value init;
    if (c && alpha == 1.0)
      // A full [M, N] bias that needs no scaling or widening is the
      // accumulator as it is.
      init = c.getType() == accType && beta == 1.0 ? c : scaledBias();
    else
      init = zeroAccumulator(rewriter, loc, resultType.getShape(), acc);

    AffineExpr dm = getAffineDimExpr(0, ctx), dn = getAffineDimExpr(1, ctx),
               dk = getAffineDimExpr(2, ctx);
    auto map = [&](AffineExpr r0, AffineExpr r1) {
      return AffineMap::get(3, 0, {r0, r1}, ctx);
    };
    SmallVector<Attribute> maps = {
        AffineMapAttr::get(op.getTransA() ? map(dk, dm) : map(dm, dk)),
        AffineMapAttr::get(op.getTransB() ? map(dn, dk) : map(dk, dn)),
        AffineMapAttr::get(map(dm, dn))};
    auto matmul = linalg::MatmulOp::create(rewriter, loc, TypeRange{accType},
                                           ValueRange{adaptor.getA(), adaptor.getB()},
                                           ValueRange{init});
    matmul.setIndexingMapsAttr(rewriter.getArrayAttr(maps));
    Value y = matmul.getResult(0);

    if (alpha != 1.0) {
      SmallVector<Value> inputs = {y};
      if (c)
        inputs.push_back(scaledBias());
      y = buildBroadcastGeneric(rewriter, loc, resultType, inputs,
                                [&](OpBuilder &b, Location l, ValueRange args) {
                                  Value r = arith::MulFOp::create(
                                      b, l, args[0], scalarConstant(b, l, acc, alpha));
                                  if (args.size() > 1)
                                    r = arith::AddFOp::create(b, l, r, args[1]);
                                  return convertScalar(b, l, r, elem);
                                });
    } else {
      y = convertTensor(rewriter, loc, y, elem);
    }
    rewriter.replaceOp(op, y);
    return success();
  }
};

/// Inference batch normalization. The per-channel factors
///   s = scale / sqrt(var + eps),  t = B - mean * s
/// are computed once on the [C] vectors; Y = X * s + t is then one pass.
struct BatchNormLowering : OpConversionPattern<BatchNormalizationOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult matchAndRewrite(BatchNormalizationOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    if (!hasStaticTensorShapes(op))
      return rewriter.notifyMatchFailure(op, "dynamic shapes are not supported");
    auto resultType = cast<RankedTensorType>(op.getType());
    if (resultType.getRank() < 2)
      return rewriter.notifyMatchFailure(op, "input must be [N, C, ...]");
    SmallVector<Value> params = {adaptor.getScale(), adaptor.getB(),
                                 adaptor.getInputMean(), adaptor.getInputVar()};
    int64_t channels = resultType.getDimSize(1);
    for (Value p : params) {
      auto t = cast<RankedTensorType>(p.getType());
      if (t.getRank() != 1 || t.getDimSize(0) != channels)
        return rewriter.notifyMatchFailure(op, "parameters must be [C] vectors");
    }
    Location loc = op.getLoc();
    MLIRContext *ctx = rewriter.getContext();
    Type elem = resultType.getElementType();
    Type acc = accumulatorType(elem);
    double eps = op.getEpsilon().convertToDouble();

    auto vecType = RankedTensorType::get({channels}, acc);
    SmallVector<AffineMap> vecMaps(6, rewriter.getMultiDimIdentityMap(1));
    auto factors = linalg::GenericOp::create(
        rewriter, loc, TypeRange{vecType, vecType}, params,
        ValueRange{emptyTensor(rewriter, loc, vecType),
                   emptyTensor(rewriter, loc, vecType)},
        vecMaps, {utils::IteratorType::parallel},
        [&](OpBuilder &b, Location l, ValueRange args) {
          Value scale = convertScalar(b, l, args[0], acc);
          Value bias = convertScalar(b, l, args[1], acc);
          Value mean = convertScalar(b, l, args[2], acc);
          Value var = convertScalar(b, l, args[3], acc);
          Value denom = math::SqrtOp::create(
              b, l, arith::AddFOp::create(b, l, var, scalarConstant(b, l, acc, eps)));
          Value s = arith::DivFOp::create(b, l, scale, denom);
          Value t =
              arith::SubFOp::create(b, l, bias, arith::MulFOp::create(b, l, mean, s));
          linalg::YieldOp::create(b, l, ValueRange{s, t});
        });

    int64_t rank = resultType.getRank();
    AffineMap channelMap = AffineMap::get(rank, 0, getAffineDimExpr(1, ctx));
    SmallVector<AffineMap> maps = {rewriter.getMultiDimIdentityMap(rank), channelMap,
                                   channelMap, rewriter.getMultiDimIdentityMap(rank)};
    SmallVector<utils::IteratorType> iterators(rank, utils::IteratorType::parallel);
    auto y = linalg::GenericOp::create(
        rewriter, loc, TypeRange{resultType},
        ValueRange{adaptor.getX(), factors.getResult(0), factors.getResult(1)},
        ValueRange{emptyTensor(rewriter, loc, resultType)}, maps, iterators,
        [&](OpBuilder &b, Location l, ValueRange args) {
          Value x = convertScalar(b, l, args[0], acc);
          Value r = arith::AddFOp::create(b, l, arith::MulFOp::create(b, l, x, args[1]),
                                          args[2]);
          linalg::YieldOp::create(b, l, convertScalar(b, l, r, elem));
        });
    rewriter.replaceOp(op, y.getResult(0));
    return success();
  }
};

} // namespace

void ::kiln::populateNNToLinalgPatterns(RewritePatternSet &patterns) {
  MLIRContext *ctx = patterns.getContext();
  patterns.add<MatMulLowering, GemmLowering, BatchNormLowering>(ctx);
  populateConvPatterns(patterns);
  populatePoolingPatterns(patterns);
  populatePadPatterns(patterns);
}
