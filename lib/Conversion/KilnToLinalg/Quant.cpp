//===- Quant.cpp - kiln quantization ops to linalg ------------------------===//
//
// ONNX's quantization ops on 8-bit integers:
//   QuantizeLinear         y = saturate(round(x / scale) + zp)
//   DequantizeLinear       y = (x - zp) * scale
//   DynamicQuantizeLinear  scale and zp from a min/max reduction, then quantize
//   MatMulInteger, ConvInteger   int32 sums of (a - a_zp) * (b - b_zp)
//   QLinearMatMul, QLinearConv   the same sums (+ int32 bias), requantized:
//                          y = saturate(round(acc * multiplier) + y_zp)
// Rounding is half to even (math.roundeven on f32). Saturation clamps in f32
// before the conversion to the 8-bit type, which is therefore always exact
// (fptosi/fptoui of an out-of-range value would be poison).
//
// The integer paths never dequantize: one widening linalg.generic per operand
// produces i32 values with the zero point already subtracted, and the shared
// MatMul/Conv builders (NNCommon.h) then emit linalg.matmul, batch_matmul and
// the conv_* named ops on i32 (exact up to K of about 33,000 8-bit products;
// beyond that ONNX lets the 32-bit accumulation wrap, and so does this). The
// requantization multiplier (a_scale * b_scale) / y_scale is computed once per
// tensor or per channel in f32, the way ONNX Runtime does, so that results
// round like its reference kernels.
//
// uint8: arith rejects `ui8` values, so every linalg op here works on
// signless tensors (castToSignless / castFromSignless) and the unsigned
// conversions (extui, uitofp, fptoui) are chosen from the kiln op's types.
//
// Scales and zero points hold one value (per tensor, any shape) or are 1-D
// along an axis. Each is reshaped to broadcast against the tensor it belongs
// to (a [C] vector along axis 1 of a rank-4 tensor becomes [C, 1, 1]; a single
// value becomes rank 0), so every elementwise step is a numpy-broadcasting
// linalg.generic. Other shapes are refused and reported, never guessed.
//
//===----------------------------------------------------------------------===//

#include "lib/Conversion/KilnToLinalg/NNCommon.h"

#include "dialects/Kiln/KilnOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Traits.h"

using namespace mlir;
using namespace mlir::kiln;
using namespace ::kiln::nn;
using ::kiln::buildBroadcastGeneric;
using ::kiln::castFromSignless;
using ::kiln::castToSignless;
using ::kiln::filledTensor;
using ::kiln::scalarConstant;
using ::kiln::signlessTensorType;

namespace {

//===----------------------------------------------------------------------===//
// Scalar helpers (inside linalg.generic bodies)
//===----------------------------------------------------------------------===//

/// The saturation range and signedness of a quantized integer type.
struct QuantRange {
  bool isUnsigned;
  double min, max;
  unsigned width;
};

QuantRange quantRangeOf(Type type) {
  auto it = cast<IntegerType>(type);
  unsigned w = it.getWidth();
  if (it.isUnsigned())
    return {true, 0.0, (double)APInt::getMaxValue(w).getZExtValue(), w};
  return {false, (double)APInt::getSignedMinValue(w).getSExtValue(),
          (double)APInt::getSignedMaxValue(w).getSExtValue(), w};
}

bool isUnsignedTensor(Value v) {
  return cast<RankedTensorType>(v.getType()).getElementType().isUnsignedInteger();
}

/// A signless integer scalar as f32 (`isUnsigned` picks uitofp); f32 as is.
Value toF32(OpBuilder &b, Location loc, Value v, bool isUnsigned) {
  Type f32 = b.getF32Type();
  if (v.getType() == f32)
    return v;
  if (isUnsigned)
    return arith::UIToFPOp::create(b, loc, f32, v);
  return arith::SIToFPOp::create(b, loc, f32, v);
}

/// A signless integer scalar widened to i32 (`isUnsigned` picks extui).
Value toI32(OpBuilder &b, Location loc, Value v, bool isUnsigned) {
  Type i32 = b.getI32Type();
  if (v.getType() == i32)
    return v;
  if (isUnsigned)
    return arith::ExtUIOp::create(b, loc, i32, v);
  return arith::ExtSIOp::create(b, loc, i32, v);
}

/// saturate(round_half_to_even(v) + zp) as the signless integer of `range`.
/// `v` and `zp` are f32; `zp` may be null (zero). Clamping to the integer
/// bounds before rounding would give the same result; clamping last keeps the
/// sum of a large value and the zero point in range too. NaN becomes the
/// lower bound (maxnumf), so the conversion is never poison.
Value quantizeScalar(OpBuilder &b, Location loc, Value v, Value zp, QuantRange range) {
  Type f32 = b.getF32Type();
  Value r = math::RoundEvenOp::create(b, loc, v);
  if (zp)
    r = arith::AddFOp::create(b, loc, r, zp);
  r = arith::MaxNumFOp::create(b, loc, r, scalarConstant(b, loc, f32, range.min));
  r = arith::MinNumFOp::create(b, loc, r, scalarConstant(b, loc, f32, range.max));
  Type intType = b.getIntegerType(range.width);
  if (range.isUnsigned)
    return arith::FPToUIOp::create(b, loc, intType, r);
  return arith::FPToSIOp::create(b, loc, intType, r);
}

//===----------------------------------------------------------------------===//
// Scales and zero points
//===----------------------------------------------------------------------===//

/// How a scale or zero point lines up with the tensor it belongs to.
struct ParamLayout {
  enum Kind {
    /// One value (any shape): read as a rank-0 tensor.
    PerTensor,
    /// A 1-D vector along `axis`: gets trailing unit dims.
    PerAxis,
    /// Already of the tensor's rank and broadcastable to it: used as it is.
    Broadcast,
  } kind;
  int64_t axis = 0;
};

/// Per tensor, or 1-D along `axis` of a tensor of `shape` (an axis outside
/// [0, rank) allows per tensor only).
std::optional<ParamLayout> axisLayout(Value param, int64_t axis,
                                      ArrayRef<int64_t> shape) {
  auto type = cast<RankedTensorType>(param.getType());
  if (type.getNumElements() == 1)
    return ParamLayout{ParamLayout::PerTensor};
  if (type.getRank() == 1 && axis >= 0 && axis < (int64_t)shape.size() &&
      type.getDimSize(0) == shape[axis])
    return ParamLayout{ParamLayout::PerAxis, axis};
  return std::nullopt;
}

/// The forms MatMulInteger and QLinearMatMul allow for an operand of `shape`:
/// per tensor, a vector along `axis` (rows of A: rank - 2; columns of B or Y:
/// rank - 1), or the operand's rank with size 1 along the other matrix dim
/// (A: [D..., M, 1], B: [D..., 1, N]).
std::optional<ParamLayout> matmulLayout(Value param, ArrayRef<int64_t> shape,
                                        bool perRow) {
  int64_t rank = shape.size();
  int64_t axis = perRow ? rank - 2 : rank - 1, other = perRow ? rank - 1 : rank - 2;
  if (rank < 2)
    return axisLayout(param, -1, shape);
  if (auto layout = axisLayout(param, axis, shape))
    return layout;
  auto type = cast<RankedTensorType>(param.getType());
  if (type.getRank() != rank || type.getDimSize(other) != 1)
    return std::nullopt;
  for (int64_t i = 0; i < rank; ++i)
    if (type.getDimSize(i) != 1 && type.getDimSize(i) != shape[i])
      return std::nullopt;
  return ParamLayout{ParamLayout::Broadcast};
}

/// True unless both are present and hold different shapes; single values match
/// whatever their shapes ([1] and rank 0 are both per tensor).
bool sameParamShape(Value p, Value q) {
  if (!p || !q)
    return true;
  auto pt = cast<RankedTensorType>(p.getType()), qt = cast<RankedTensorType>(q.getType());
  return pt.getShape() == qt.getShape() ||
         (pt.getNumElements() == 1 && qt.getNumElements() == 1);
}

/// `param` (signless) reshaped per `layout` to broadcast against a tensor of
/// rank `rank`.
Value alignParam(OpBuilder &b, Location loc, Value param, ParamLayout layout,
                 int64_t rank) {
  auto type = cast<RankedTensorType>(param.getType());
  switch (layout.kind) {
  case ParamLayout::PerTensor:
    if (type.getRank() == 0)
      return param;
    // No reassociation groups: every (unit) dim folds away.
    return tensor::CollapseShapeOp::create(b, loc, type.clone(ArrayRef<int64_t>{}), param,
                                           ArrayRef<ReassociationIndices>{});
  case ParamLayout::PerAxis: {
    SmallVector<int64_t> shape = {type.getDimSize(0)};
    shape.append(rank - 1 - layout.axis, 1);
    return reshapeTo(b, loc, param, shape);
  }
  case ParamLayout::Broadcast:
    return param;
  }
  llvm_unreachable("unknown parameter layout");
}

/// A scale or zero point (may be null) with its layout, ready to broadcast.
struct Param {
  Value value;
  bool isUnsigned = false;
};

Param makeParam(OpBuilder &b, Location loc, Value param,
                std::optional<ParamLayout> layout, int64_t rank) {
  if (!param)
    return {};
  return {alignParam(b, loc, castToSignless(b, loc, param), *layout, rank),
          isUnsignedTensor(param)};
}

/// `v` (an integer tensor) widened to i32 with the zero point subtracted.
Value subtractZeroPoint(OpBuilder &b, Location loc, Value v, Param zp) {
  auto type = cast<RankedTensorType>(v.getType());
  bool isUnsigned = isUnsignedTensor(v);
  SmallVector<Value> inputs = {castToSignless(b, loc, v)};
  if (zp.value)
    inputs.push_back(zp.value);
  return buildBroadcastGeneric(b, loc, type.clone(b.getI32Type()), inputs,
                               [&](OpBuilder &nb, Location l, ValueRange args) {
                                 Value x = toI32(nb, l, args[0], isUnsigned);
                                 if (!zp.value)
                                   return x;
                                 return Value(arith::SubIOp::create(
                                     nb, l, x, toI32(nb, l, args[1], zp.isUnsigned)));
                               });
}

/// The requantization multiplier (inScale * weightScale) / outScale in f32,
/// in the order ONNX Runtime computes it, over the broadcast shape of the
/// (aligned) scales.
Value requantMultiplier(OpBuilder &b, Location loc, Value inScale, Value weightScale,
                        Value outScale) {
  SmallVector<int64_t> shape;
  for (Value s : {inScale, weightScale, outScale}) {
    SmallVector<int64_t> next;
    bool ok = OpTrait::util::getBroadcastedShape(
        shape, cast<RankedTensorType>(s.getType()).getShape(), next);
    assert(ok && "scales were checked to broadcast");
    (void)ok;
    shape = next;
  }
  return buildBroadcastGeneric(
      b, loc, RankedTensorType::get(shape, b.getF32Type()),
      ValueRange{inScale, weightScale, outScale},
      [](OpBuilder &nb, Location l, ValueRange args) {
        return Value(arith::DivFOp::create(
            nb, l, arith::MulFOp::create(nb, l, args[0], args[1]), args[2]));
      });
}

/// saturate(round(acc * multiplier) + zp) for an i32 accumulator, into
/// `resultType` (the zero point's type).
Value requantize(OpBuilder &b, Location loc, Value acc, Value multiplier, Param zp,
                 RankedTensorType resultType) {
  QuantRange range = quantRangeOf(resultType.getElementType());
  Value y = buildBroadcastGeneric(
      b, loc, signlessTensorType(resultType), ValueRange{acc, multiplier, zp.value},
      [&](OpBuilder &nb, Location l, ValueRange args) {
        Value v = arith::MulFOp::create(nb, l, toF32(nb, l, args[0], false), args[1]);
        return quantizeScalar(nb, l, v, toF32(nb, l, args[2], zp.isUnsigned), range);
      });
  return castFromSignless(b, loc, y, resultType);
}

//===----------------------------------------------------------------------===//
// Patterns
//===----------------------------------------------------------------------===//

/// The scale and zero point (may be null) of QuantizeLinear and
/// DequantizeLinear, per tensor or along `axis` of x, aligned with x.
template <typename OpT>
FailureOr<std::pair<Param, Param>> buildAxisParams(OpT op, Value x, Value scale, Value zp,
                                                   ConversionPatternRewriter &rewriter) {
  if (!hasStaticTensorShapes(op))
    return rewriter.notifyMatchFailure(op, "dynamic shapes are not supported");
  auto xType = cast<RankedTensorType>(x.getType());
  int64_t axis = op.getAxis();
  if (axis < 0)
    axis += xType.getRank();
  std::optional<ParamLayout> layout = axisLayout(scale, axis, xType.getShape());
  if (!layout || !sameParamShape(scale, zp))
    return rewriter.notifyMatchFailure(op, "unsupported scale or zero point shape");
  Location loc = op.getLoc();
  return std::make_pair(makeParam(rewriter, loc, scale, layout, xType.getRank()),
                        makeParam(rewriter, loc, zp, layout, xType.getRank()));
}

struct QuantizeLinearLowering : OpConversionPattern<QuantizeLinearOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult matchAndRewrite(QuantizeLinearOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Value x = adaptor.getX();
    auto params =
        buildAxisParams(op, x, adaptor.getYScale(), adaptor.getYZeroPoint(), rewriter);
    if (failed(params))
      return failure();
    Param scale = params->first, zp = params->second;
    Location loc = op.getLoc();
    auto resultType = cast<RankedTensorType>(op.getType());
    QuantRange range = quantRangeOf(resultType.getElementType());
    SmallVector<Value> inputs = {x, scale.value};
    if (zp.value)
      inputs.push_back(zp.value);
    Value y = buildBroadcastGeneric(
        rewriter, loc, signlessTensorType(resultType), inputs,
        [&](OpBuilder &b, Location l, ValueRange args) {
          // An int32 x is signed; the division is a true f32 division, as in
          // ONNX's reference, not a multiplication by 1 / scale.
          Value v = arith::DivFOp::create(b, l, toF32(b, l, args[0], false), args[1]);
          Value zpf = zp.value ? toF32(b, l, args[2], zp.isUnsigned) : Value();
          return quantizeScalar(b, l, v, zpf, range);
        });
    rewriter.replaceOp(op, castFromSignless(rewriter, loc, y, resultType));
    return success();
  }
};

struct DequantizeLinearLowering : OpConversionPattern<DequantizeLinearOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult matchAndRewrite(DequantizeLinearOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Value x = adaptor.getX();
    auto params =
        buildAxisParams(op, x, adaptor.getXScale(), adaptor.getXZeroPoint(), rewriter);
    if (failed(params))
      return failure();
    Param scale = params->first, zp = params->second;
    Location loc = op.getLoc();
    // (x - zp) in i32 as ONNX Runtime does: exact for 8-bit inputs; int32
    // inputs have no zero point (it is 0).
    Value diff = subtractZeroPoint(rewriter, loc, x, zp);
    Value y = buildBroadcastGeneric(
        rewriter, loc, cast<RankedTensorType>(op.getType()),
        ValueRange{diff, scale.value}, [](OpBuilder &b, Location l, ValueRange args) {
          return Value(arith::MulFOp::create(b, l, toF32(b, l, args[0], false), args[1]));
        });
    rewriter.replaceOp(op, y);
    return success();
  }
};

/// ONNX's reference, all in f32:
///   scale = (max(0, max(x)) - min(0, min(x))) / 255
///   zp    = saturate(round(0 - min(0, min(x)) / scale))
///   y     = saturate(round(x / scale) + zp)
/// One reduction pass computes both extremes (its accumulators start at 0,
/// which includes 0 in the range), two rank-0 generics the parameters, and
/// one elementwise pass quantizes.
struct DynamicQuantizeLinearLowering : OpConversionPattern<DynamicQuantizeLinearOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult matchAndRewrite(DynamicQuantizeLinearOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    if (!hasStaticTensorShapes(op))
      return rewriter.notifyMatchFailure(op, "dynamic shapes are not supported");
    Location loc = op.getLoc();
    MLIRContext *ctx = rewriter.getContext();
    Value x = adaptor.getX();
    int64_t rank = cast<RankedTensorType>(x.getType()).getRank();
    Type f32 = rewriter.getF32Type();
    auto scalarType = RankedTensorType::get({}, f32);
    Value zero = scalarConstant(rewriter, loc, f32, 0.0);

    AffineMap toScalar = AffineMap::get(rank, 0, {}, ctx);
    SmallVector<AffineMap> maps = {rewriter.getMultiDimIdentityMap(rank), toScalar,
                                   toScalar};
    SmallVector<utils::IteratorType> iterators(rank, utils::IteratorType::reduction);
    // minimumf/maximumf propagate NaN like numpy's min and max.
    auto extremes = linalg::GenericOp::create(
        rewriter, loc, TypeRange{scalarType, scalarType}, ValueRange{x},
        ValueRange{filledTensor(rewriter, loc, scalarType, zero),
                   filledTensor(rewriter, loc, scalarType, zero)},
        maps, iterators, [](OpBuilder &b, Location l, ValueRange args) {
          linalg::YieldOp::create(
              b, l,
              ValueRange{arith::MinimumFOp::create(b, l, args[1], args[0]),
                         arith::MaximumFOp::create(b, l, args[2], args[0])});
        });
    Value lo = extremes.getResult(0), hi = extremes.getResult(1);

    QuantRange range = quantRangeOf(op.getYZeroPoint().getType().getElementType());
    Value scale = buildBroadcastGeneric(
        rewriter, loc, scalarType, ValueRange{lo, hi},
        [&](OpBuilder &b, Location l, ValueRange args) {
          Value width = arith::SubFOp::create(b, l, args[1], args[0]);
          return Value(arith::DivFOp::create(
              b, l, width, scalarConstant(b, l, f32, range.max - range.min)));
        });
    auto zpType = cast<RankedTensorType>(op.getYZeroPoint().getType());
    Value zp = buildBroadcastGeneric(
        rewriter, loc, signlessTensorType(zpType), ValueRange{lo, scale},
        [&](OpBuilder &b, Location l, ValueRange args) {
          Value v = arith::SubFOp::create(b, l, scalarConstant(b, l, f32, range.min),
                                          arith::DivFOp::create(b, l, args[0], args[1]));
          return quantizeScalar(b, l, v, Value(), range);
        });
    auto yType = cast<RankedTensorType>(op.getY().getType());
    Value y = buildBroadcastGeneric(
        rewriter, loc, signlessTensorType(yType), ValueRange{x, scale, zp},
        [&](OpBuilder &b, Location l, ValueRange args) {
          Value v = arith::DivFOp::create(b, l, args[0], args[1]);
          return quantizeScalar(b, l, v, toF32(b, l, args[2], range.isUnsigned), range);
        });
    rewriter.replaceOp(op, {castFromSignless(rewriter, loc, y, yType), scale,
                            castFromSignless(rewriter, loc, zp, zpType)});
    return success();
  }
};

/// MatMulInteger and QLinearMatMul: the i32 product of A and B with their zero
/// points subtracted.
struct IntegerMatMul {
  Value a, b;
  Value aZeroPoint, bZeroPoint;
  std::optional<ParamLayout> aLayout, bLayout;

  /// Checks the zero points' (and optionally scales') shapes.
  bool check(Value aScale = {}, Value bScale = {}) {
    auto aShape = cast<RankedTensorType>(a.getType()).getShape();
    auto bShape = cast<RankedTensorType>(b.getType()).getShape();
    Value aParam = aScale ? aScale : aZeroPoint, bParam = bScale ? bScale : bZeroPoint;
    aLayout = aParam ? matmulLayout(aParam, aShape, /*perRow=*/true) : ParamLayout{};
    bLayout = bParam ? matmulLayout(bParam, bShape, /*perRow=*/false) : ParamLayout{};
    return aLayout && bLayout && sameParamShape(aParam, aZeroPoint) &&
           sameParamShape(bParam, bZeroPoint);
  }

  Value build(OpBuilder &builder, Location loc, RankedTensorType accType) {
    auto rankOf = [](Value v) { return cast<RankedTensorType>(v.getType()).getRank(); };
    Value a32 = subtractZeroPoint(
        builder, loc, a, makeParam(builder, loc, aZeroPoint, aLayout, rankOf(a)));
    Value b32 = subtractZeroPoint(
        builder, loc, b, makeParam(builder, loc, bZeroPoint, bLayout, rankOf(b)));
    return buildMatMul(builder, loc, a32, b32, accType);
  }
};

struct MatMulIntegerLowering : OpConversionPattern<MatMulIntegerOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult matchAndRewrite(MatMulIntegerOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    if (!hasStaticTensorShapes(op))
      return rewriter.notifyMatchFailure(op, "dynamic shapes are not supported");
    IntegerMatMul mm{adaptor.getA(),
                     adaptor.getB(),
                     adaptor.getAZeroPoint(),
                     adaptor.getBZeroPoint(),
                     {},
                     {}};
    if (!mm.check())
      return rewriter.notifyMatchFailure(op, "unsupported zero point shape");
    rewriter.replaceOp(
        op, mm.build(rewriter, op.getLoc(), cast<RankedTensorType>(op.getType())));
    return success();
  }
};

struct QLinearMatMulLowering : OpConversionPattern<QLinearMatMulOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult matchAndRewrite(QLinearMatMulOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    if (!hasStaticTensorShapes(op))
      return rewriter.notifyMatchFailure(op, "dynamic shapes are not supported");
    auto resultType = cast<RankedTensorType>(op.getType());
    IntegerMatMul mm{adaptor.getA(),
                     adaptor.getB(),
                     adaptor.getAZeroPoint(),
                     adaptor.getBZeroPoint(),
                     {},
                     {}};
    // Y's parameters are per tensor or per column of Y.
    Value yScale = adaptor.getYScale(), yZeroPoint = adaptor.getYZeroPoint();
    auto yLayout = matmulLayout(yScale, resultType.getShape(), /*perRow=*/false);
    if (!mm.check(adaptor.getAScale(), adaptor.getBScale()) || !yLayout ||
        !sameParamShape(yScale, yZeroPoint))
      return rewriter.notifyMatchFailure(op, "unsupported scale or zero point shape");
    // A's scale per row and B's per column line up with Y's rows and columns
    // too: their aligned forms broadcast against Y. With a 1-D operand Y lacks
    // that matrix dim, so only per-tensor parameters are lowered.
    auto rankOf = [](Value v) { return cast<RankedTensorType>(v.getType()).getRank(); };
    auto isPerTensor = [](std::optional<ParamLayout> l) {
      return l->kind == ParamLayout::PerTensor;
    };
    if ((rankOf(mm.a) < 2 || rankOf(mm.b) < 2) &&
        !(isPerTensor(mm.aLayout) && isPerTensor(mm.bLayout) && isPerTensor(yLayout)))
      return rewriter.notifyMatchFailure(op, "per-row or per-column parameters of a "
                                             "matrix-vector product");

    Location loc = op.getLoc();
    int64_t rank = resultType.getRank();
    Value acc = mm.build(rewriter, loc, resultType.clone(rewriter.getI32Type()));
    Value multiplier = requantMultiplier(
        rewriter, loc,
        makeParam(rewriter, loc, adaptor.getAScale(), mm.aLayout, rankOf(mm.a)).value,
        makeParam(rewriter, loc, adaptor.getBScale(), mm.bLayout, rankOf(mm.b)).value,
        makeParam(rewriter, loc, yScale, yLayout, rank).value);
    Param zp = makeParam(rewriter, loc, yZeroPoint, yLayout, rank);
    rewriter.replaceOp(op, requantize(rewriter, loc, acc, multiplier, zp, resultType));
    return success();
  }
};

/// ConvInteger and QLinearConv: the i32 convolution of X and W with their zero
/// points subtracted (X's per tensor, W's per tensor or per output channel)
/// and an optional i32 bias. Padding adds zeros after the subtraction, i.e.
/// padded positions hold X's zero point, as in ONNX Runtime.
template <typename OpT>
FailureOr<Value> buildIntegerConv(OpT op, Value x, Value xZeroPoint, Value w,
                                  Value wZeroPoint, Value bias, RankedTensorType accType,
                                  ConversionPatternRewriter &rewriter) {
  auto xType = cast<RankedTensorType>(x.getType());
  auto wType = cast<RankedTensorType>(w.getType());
  if (!isWellFormedWindow(xType, op.getPads(), op.getStrides(), op.getDilations()))
    return rewriter.notifyMatchFailure(op, "malformed window attributes");
  auto xLayout =
      xZeroPoint ? axisLayout(xZeroPoint, -1, xType.getShape()) : ParamLayout{};
  auto wLayout = wZeroPoint ? axisLayout(wZeroPoint, 0, wType.getShape()) : ParamLayout{};
  if (!xLayout || !wLayout)
    return rewriter.notifyMatchFailure(op, "unsupported zero point shape");
  Location loc = op.getLoc();
  Value x32 = subtractZeroPoint(
      rewriter, loc, x, makeParam(rewriter, loc, xZeroPoint, xLayout, xType.getRank()));
  Value w32 = subtractZeroPoint(
      rewriter, loc, w, makeParam(rewriter, loc, wZeroPoint, wLayout, wType.getRank()));
  return buildPaddedConvolution(rewriter, loc, x32, w32, bias, op.getPads(),
                                op.getStrides(), op.getDilations(), op.getGroup(),
                                accType);
}

struct ConvIntegerLowering : OpConversionPattern<ConvIntegerOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult matchAndRewrite(ConvIntegerOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    if (!hasStaticTensorShapes(op))
      return rewriter.notifyMatchFailure(op, "dynamic shapes are not supported");
    FailureOr<Value> y = buildIntegerConv(
        op, adaptor.getX(), adaptor.getXZeroPoint(), adaptor.getW(),
        adaptor.getWZeroPoint(), Value(), cast<RankedTensorType>(op.getType()), rewriter);
    if (failed(y))
      return failure();
    rewriter.replaceOp(op, *y);
    return success();
  }
};

struct QLinearConvLowering : OpConversionPattern<QLinearConvOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult matchAndRewrite(QLinearConvOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    if (!hasStaticTensorShapes(op))
      return rewriter.notifyMatchFailure(op, "dynamic shapes are not supported");
    auto resultType = cast<RankedTensorType>(op.getType());
    auto wType = cast<RankedTensorType>(adaptor.getW().getType());
    // X's and Y's parameters are per tensor; W's per tensor or per output
    // channel (checked as a vector along W's axis 0, then applied along Y's
    // channel axis 1).
    auto perTensor = [](Value v) {
      return cast<RankedTensorType>(v.getType()).getNumElements() == 1;
    };
    auto wLayout = axisLayout(adaptor.getWScale(), 0, wType.getShape());
    if (!perTensor(adaptor.getXScale()) || !perTensor(adaptor.getYScale()) ||
        !perTensor(adaptor.getYZeroPoint()) || !wLayout)
      return rewriter.notifyMatchFailure(op, "unsupported scale or zero point shape");
    Location loc = op.getLoc();
    FailureOr<Value> acc =
        buildIntegerConv(op, adaptor.getX(), adaptor.getXZeroPoint(), adaptor.getW(),
                         adaptor.getWZeroPoint(), adaptor.getB(),
                         resultType.clone(rewriter.getI32Type()), rewriter);
    if (failed(acc))
      return failure();

    ParamLayout scalar{ParamLayout::PerTensor};
    // The multiplier is a rank-0 or [M] tensor, then lined up with Y's axis 1.
    Value multiplier = requantMultiplier(
        rewriter, loc, makeParam(rewriter, loc, adaptor.getXScale(), scalar, 0).value,
        makeParam(rewriter, loc, adaptor.getWScale(), wLayout, 1).value,
        makeParam(rewriter, loc, adaptor.getYScale(), scalar, 0).value);
    ParamLayout channels = wLayout->kind == ParamLayout::PerAxis
                               ? ParamLayout{ParamLayout::PerAxis, 1}
                               : scalar;
    multiplier = alignParam(rewriter, loc, multiplier, channels, resultType.getRank());
    Param zp = makeParam(rewriter, loc, adaptor.getYZeroPoint(), scalar, 0);
    rewriter.replaceOp(op, requantize(rewriter, loc, *acc, multiplier, zp, resultType));
    return success();
  }
};

} // namespace

void ::kiln::populateQuantToLinalgPatterns(RewritePatternSet &patterns) {
  patterns.add<QuantizeLinearLowering, DequantizeLinearLowering,
               DynamicQuantizeLinearLowering, MatMulIntegerLowering,
               QLinearMatMulLowering, ConvIntegerLowering, QLinearConvLowering>(
      patterns.getContext());
}
