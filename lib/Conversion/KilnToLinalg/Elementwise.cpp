//===- Elementwise.cpp - kiln elementwise ops to linalg.generic -----------===//
//
// Every elementwise op becomes one linalg.generic over the result shape whose
// indexing maps broadcast the operands (numpy rules); the scalar body is built
// from arith and math. Chains of these fuse later (linalg elementwise fusion).
//
//===----------------------------------------------------------------------===//

#include "dialects/Kiln/KilnOps.h"
#include "lib/Conversion/KilnToLinalg/Patterns.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"

using namespace mlir;
using namespace mlir::kiln;
using ::kiln::buildBroadcastGeneric;
using ::kiln::scalarConstant;

namespace {

/// Builds the scalar result from the operands' scalars. `op` gives access to
/// attributes; `elem` is the result element type.
template <typename OpT>
using BodyFn = Value (*)(OpBuilder &b, Location loc, OpT op, ValueRange args, Type elem);

template <typename OpT> struct ElementwiseLowering : OpConversionPattern<OpT> {
  ElementwiseLowering(MLIRContext *ctx, BodyFn<OpT> body)
      : OpConversionPattern<OpT>(ctx), body(body) {}

  LogicalResult matchAndRewrite(OpT op, typename OpT::Adaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    auto resultType = cast<RankedTensorType>(op->getResult(0).getType());
    if (!resultType.hasStaticShape())
      return rewriter.notifyMatchFailure(op, "dynamic shapes are not supported");
    // arith works on signless integers: unsigned tensors are bitcast to signless
    // ones and the bodies pick unsigned arith ops from the kiln op's types.
    RankedTensorType signlessType = ::kiln::signlessTensorType(resultType);
    Type elem = signlessType.getElementType();
    SmallVector<Value> operands;
    for (Value v : adaptor.getOperands())
      operands.push_back(::kiln::castToSignless(rewriter, op.getLoc(), v));
    Value result =
        buildBroadcastGeneric(rewriter, op.getLoc(), signlessType, operands,
                              [&](OpBuilder &b, Location loc, ValueRange args) {
                                return body(b, loc, op, args, elem);
                              });
    if (result)
      result = ::kiln::castFromSignless(rewriter, op.getLoc(), result, resultType);
    if (!result)
      return failure();
    rewriter.replaceOp(op, result);
    return success();
  }

  BodyFn<OpT> body;
};

bool isFloat(Type t) { return isa<FloatType>(t); }
/// Whether operand `i` (or the result, i = -1) of the kiln op has unsigned
/// integer elements; the scalars the bodies see are signless.
bool isUnsigned(Operation *op, int i = -1) {
  Value v = i < 0 ? op->getResult(0) : op->getOperand(i);
  return getElementTypeOrSelf(v.getType()).isUnsignedInteger();
}

Value cst(OpBuilder &b, Location loc, Type t, double v) {
  return scalarConstant(b, loc, t, v);
}
Value cst(OpBuilder &b, Location loc, Type t, APFloat v) {
  bool lost;
  v.convert(cast<FloatType>(t).getFloatSemantics(), APFloat::rmNearestTiesToEven, &lost);
  return arith::ConstantOp::create(b, loc, b.getFloatAttr(t, v));
}

/// Signless integer types are signed in ONNX unless declared unsigned; arith
/// works on signless integers, so unsigned tensors use the unsigned variants.
Value maxOf(OpBuilder &b, Location loc, Value x, Value y, bool isUnsigned = false) {
  Type t = x.getType();
  if (isFloat(t))
    return arith::MaximumFOp::create(b, loc, x, y);
  return isUnsigned ? Value(arith::MaxUIOp::create(b, loc, x, y))
                    : Value(arith::MaxSIOp::create(b, loc, x, y));
}
Value minOf(OpBuilder &b, Location loc, Value x, Value y, bool isUnsigned = false) {
  Type t = x.getType();
  if (isFloat(t))
    return arith::MinimumFOp::create(b, loc, x, y);
  return isUnsigned ? Value(arith::MinUIOp::create(b, loc, x, y))
                    : Value(arith::MinSIOp::create(b, loc, x, y));
}
Value sigmoid(OpBuilder &b, Location loc, Value x) {
  Type t = x.getType();
  Value one = cst(b, loc, t, 1.0);
  Value e = math::ExpOp::create(b, loc, arith::NegFOp::create(b, loc, x));
  return arith::DivFOp::create(b, loc, one, arith::AddFOp::create(b, loc, one, e));
}

} // namespace

// The tables below name one body per op. Integer support follows ONNX's type
// constraints; the verifier has already rejected other element types.
#define UNARY_FLOAT(OP, MATH)                                                            \
  patterns.add<ElementwiseLowering<OP>>(                                                 \
      ctx, +[](OpBuilder &b, Location loc, OP, ValueRange a, Type) -> Value {            \
        return MATH::create(b, loc, a[0]);                                               \
      });

void ::kiln::populateElementwiseToLinalgPatterns(RewritePatternSet &patterns) {
  MLIRContext *ctx = patterns.getContext();
  UNARY_FLOAT(ExpOp, math::ExpOp)
  UNARY_FLOAT(LogOp, math::LogOp)
  UNARY_FLOAT(SqrtOp, math::SqrtOp)
  UNARY_FLOAT(FloorOp, math::FloorOp)
  UNARY_FLOAT(CeilOp, math::CeilOp)
  UNARY_FLOAT(RoundOp, math::RoundEvenOp)
  UNARY_FLOAT(SinOp, math::SinOp)
  UNARY_FLOAT(CosOp, math::CosOp)
  UNARY_FLOAT(TanOp, math::TanOp)
  UNARY_FLOAT(AsinOp, math::AsinOp)
  UNARY_FLOAT(AcosOp, math::AcosOp)
  UNARY_FLOAT(AtanOp, math::AtanOp)
  UNARY_FLOAT(SinhOp, math::SinhOp)
  UNARY_FLOAT(CoshOp, math::CoshOp)
  UNARY_FLOAT(AsinhOp, math::AsinhOp)
  UNARY_FLOAT(AcoshOp, math::AcoshOp)
  UNARY_FLOAT(AtanhOp, math::AtanhOp)
  UNARY_FLOAT(ErfOp, math::ErfOp)
  UNARY_FLOAT(TanhOp, math::TanhOp)
#undef UNARY_FLOAT

  patterns.add<ElementwiseLowering<AbsOp>>(
      ctx, +[](OpBuilder &b, Location loc, AbsOp op, ValueRange a, Type t) -> Value {
        if (isFloat(t))
          return math::AbsFOp::create(b, loc, a[0]);
        if (isUnsigned(op))
          return a[0];
        return math::AbsIOp::create(b, loc, a[0]);
      });
  patterns.add<ElementwiseLowering<NegOp>>(
      ctx, +[](OpBuilder &b, Location loc, NegOp, ValueRange a, Type t) -> Value {
        if (isFloat(t))
          return arith::NegFOp::create(b, loc, a[0]);
        return arith::SubIOp::create(b, loc, cst(b, loc, t, 0), a[0]);
      });
  patterns.add<ElementwiseLowering<ReciprocalOp>>(
      ctx, +[](OpBuilder &b, Location loc, ReciprocalOp, ValueRange a, Type t) -> Value {
        return arith::DivFOp::create(b, loc, cst(b, loc, t, 1.0), a[0]);
      });
  patterns.add<ElementwiseLowering<SignOp>>(
      ctx, +[](OpBuilder &b, Location loc, SignOp op, ValueRange a, Type t) -> Value {
        Value zero = cst(b, loc, t, 0), one = cst(b, loc, t, 1),
              minusOne = cst(b, loc, t, -1);
        Value pos, neg;
        if (isFloat(t)) {
          pos = arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OGT, a[0], zero);
          neg = arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OLT, a[0], zero);
        } else {
          pos = arith::CmpIOp::create(b, loc,
                                      isUnsigned(op) ? arith::CmpIPredicate::ugt
                                                     : arith::CmpIPredicate::sgt,
                                      a[0], zero);
          neg = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::slt, a[0], zero);
          if (isUnsigned(op))
            neg = arith::ConstantOp::create(b, loc, b.getBoolAttr(false));
        }
        // NaN stays NaN: neither comparison holds, so return x itself.
        Value rest = isFloat(t) ? a[0] : zero;
        Value r = arith::SelectOp::create(b, loc, neg, minusOne, rest);
        return arith::SelectOp::create(b, loc, pos, one, r);
      });
  patterns.add<ElementwiseLowering<ReluOp>>(
      ctx, +[](OpBuilder &b, Location loc, ReluOp, ValueRange a, Type t) -> Value {
        return maxOf(b, loc, a[0], cst(b, loc, t, 0));
      });
  patterns.add<ElementwiseLowering<LeakyReluOp>>(
      ctx,
      +[](OpBuilder &b, Location loc, LeakyReluOp op, ValueRange a, Type t) -> Value {
        Value zero = cst(b, loc, t, 0);
        Value scaled = arith::MulFOp::create(b, loc, a[0], cst(b, loc, t, op.getAlpha()));
        Value pos = arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OGE, a[0], zero);
        return arith::SelectOp::create(b, loc, pos, a[0], scaled);
      });
  patterns.add<ElementwiseLowering<PReluOp>>(
      ctx, +[](OpBuilder &b, Location loc, PReluOp, ValueRange a, Type t) -> Value {
        Value zero = cst(b, loc, t, 0);
        if (!isFloat(t)) {
          Value scaled = arith::MulIOp::create(b, loc, a[0], a[1]);
          Value neg =
              arith::CmpIOp::create(b, loc, arith::CmpIPredicate::slt, a[0], zero);
          return arith::SelectOp::create(b, loc, neg, scaled, a[0]);
        }
        Value scaled = arith::MulFOp::create(b, loc, a[0], a[1]);
        Value neg = arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OLT, a[0], zero);
        return arith::SelectOp::create(b, loc, neg, scaled, a[0]);
      });
  patterns.add<ElementwiseLowering<EluOp>>(
      ctx, +[](OpBuilder &b, Location loc, EluOp op, ValueRange a, Type t) -> Value {
        Value zero = cst(b, loc, t, 0);
        Value em1 = math::ExpM1Op::create(b, loc, a[0]);
        Value neg = arith::MulFOp::create(b, loc, cst(b, loc, t, op.getAlpha()), em1);
        Value pos = arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OGE, a[0], zero);
        return arith::SelectOp::create(b, loc, pos, a[0], neg);
      });
  patterns.add<ElementwiseLowering<SeluOp>>(
      ctx, +[](OpBuilder &b, Location loc, SeluOp op, ValueRange a, Type t) -> Value {
        Value zero = cst(b, loc, t, 0);
        Value alpha = cst(b, loc, t, op.getAlpha()),
              gamma = cst(b, loc, t, op.getGamma());
        Value e = math::ExpOp::create(b, loc, a[0]);
        Value neg =
            arith::SubFOp::create(b, loc, arith::MulFOp::create(b, loc, alpha, e), alpha);
        Value pos = arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OGT, a[0], zero);
        Value r = arith::SelectOp::create(b, loc, pos, a[0], neg);
        return arith::MulFOp::create(b, loc, gamma, r);
      });
  patterns.add<ElementwiseLowering<CeluOp>>(
      ctx, +[](OpBuilder &b, Location loc, CeluOp op, ValueRange a, Type t) -> Value {
        // max(0, x) + min(0, alpha * (exp(x / alpha) - 1))
        Value zero = cst(b, loc, t, 0), alpha = cst(b, loc, t, op.getAlpha());
        Value em1 =
            math::ExpM1Op::create(b, loc, arith::DivFOp::create(b, loc, a[0], alpha));
        Value neg = minOf(b, loc, zero, arith::MulFOp::create(b, loc, alpha, em1));
        return arith::AddFOp::create(b, loc, maxOf(b, loc, zero, a[0]), neg);
      });
  patterns.add<ElementwiseLowering<SigmoidOp>>(
      ctx, +[](OpBuilder &b, Location loc, SigmoidOp, ValueRange a, Type) -> Value {
        return sigmoid(b, loc, a[0]);
      });
  patterns.add<ElementwiseLowering<HardSigmoidOp>>(
      ctx,
      +[](OpBuilder &b, Location loc, HardSigmoidOp op, ValueRange a, Type t) -> Value {
        Value lin = arith::AddFOp::create(
            b, loc, arith::MulFOp::create(b, loc, cst(b, loc, t, op.getAlpha()), a[0]),
            cst(b, loc, t, op.getBeta()));
        return minOf(b, loc, cst(b, loc, t, 1.0), maxOf(b, loc, cst(b, loc, t, 0), lin));
      });
  patterns.add<ElementwiseLowering<HardSwishOp>>(
      ctx, +[](OpBuilder &b, Location loc, HardSwishOp, ValueRange a, Type t) -> Value {
        // x * max(0, min(1, x / 6 + 1 / 2))
        Value lin = arith::AddFOp::create(
            b, loc, arith::MulFOp::create(b, loc, cst(b, loc, t, 1.0 / 6), a[0]),
            cst(b, loc, t, 0.5));
        Value hs =
            minOf(b, loc, cst(b, loc, t, 1.0), maxOf(b, loc, cst(b, loc, t, 0), lin));
        return arith::MulFOp::create(b, loc, a[0], hs);
      });
  patterns.add<ElementwiseLowering<SoftplusOp>>(
      ctx, +[](OpBuilder &b, Location loc, SoftplusOp, ValueRange a, Type t) -> Value {
        // log(1 + exp(x)) computed as max(x, 0) + log1p(exp(-|x|)): no overflow.
        Value absx = math::AbsFOp::create(b, loc, a[0]);
        Value e = math::ExpOp::create(b, loc, arith::NegFOp::create(b, loc, absx));
        return arith::AddFOp::create(b, loc, maxOf(b, loc, a[0], cst(b, loc, t, 0)),
                                     math::Log1pOp::create(b, loc, e));
      });
  patterns.add<ElementwiseLowering<SoftsignOp>>(
      ctx, +[](OpBuilder &b, Location loc, SoftsignOp, ValueRange a, Type t) -> Value {
        Value den = arith::AddFOp::create(b, loc, cst(b, loc, t, 1.0),
                                          math::AbsFOp::create(b, loc, a[0]));
        return arith::DivFOp::create(b, loc, a[0], den);
      });
  patterns.add<ElementwiseLowering<ThresholdedReluOp>>(
      ctx,
      +[](OpBuilder &b, Location loc, ThresholdedReluOp op, ValueRange a,
          Type t) -> Value {
        Value gt = arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OGT, a[0],
                                         cst(b, loc, t, op.getAlpha()));
        return arith::SelectOp::create(b, loc, gt, a[0], cst(b, loc, t, 0));
      });
  patterns.add<ElementwiseLowering<ShrinkOp>>(
      ctx, +[](OpBuilder &b, Location loc, ShrinkOp op, ValueRange a, Type t) -> Value {
        // x < -lambd ? x + bias : x > lambd ? x - bias : 0. Integer inputs compare
        // and add in their own type, as ONNX's reference does.
        double lambd = op.getLambd().convertToDouble();
        double bias = op.getBias().convertToDouble();
        Value x = a[0], zero = cst(b, loc, t, 0);
        if (isFloat(t)) {
          Value below = arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OLT, x,
                                              cst(b, loc, t, -lambd));
          Value above = arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OGT, x,
                                              cst(b, loc, t, lambd));
          Value r = arith::SelectOp::create(
              b, loc, above, arith::SubFOp::create(b, loc, x, cst(b, loc, t, bias)),
              zero);
          return arith::SelectOp::create(
              b, loc, below, arith::AddFOp::create(b, loc, x, cst(b, loc, t, bias)), r);
        }
        bool u = isUnsigned(op);
        Value below = u ? cst(b, loc, b.getI1Type(), 0)
                        : Value(arith::CmpIOp::create(b, loc, arith::CmpIPredicate::slt,
                                                      x, cst(b, loc, t, -lambd)));
        Value above = arith::CmpIOp::create(
            b, loc, u ? arith::CmpIPredicate::ugt : arith::CmpIPredicate::sgt, x,
            cst(b, loc, t, lambd));
        Value r = arith::SelectOp::create(
            b, loc, above, arith::SubIOp::create(b, loc, x, cst(b, loc, t, bias)), zero);
        return arith::SelectOp::create(
            b, loc, below, arith::AddIOp::create(b, loc, x, cst(b, loc, t, bias)), r);
      });
  patterns.add<ElementwiseLowering<NotOp>>(
      ctx, +[](OpBuilder &b, Location loc, NotOp, ValueRange a, Type t) -> Value {
        return arith::XOrIOp::create(b, loc, a[0], cst(b, loc, t, 1));
      });
  patterns.add<ElementwiseLowering<IsNaNOp>>(
      ctx, +[](OpBuilder &b, Location loc, IsNaNOp, ValueRange a, Type) -> Value {
        return arith::CmpFOp::create(b, loc, arith::CmpFPredicate::UNO, a[0], a[0]);
      });
  patterns.add<ElementwiseLowering<IsInfOp>>(
      ctx, +[](OpBuilder &b, Location loc, IsInfOp op, ValueRange a, Type) -> Value {
        Type ft = a[0].getType();
        Value inf =
            cst(b, loc, ft, APFloat::getInf(cast<FloatType>(ft).getFloatSemantics()));
        Value ninf = cst(b, loc, ft,
                         APFloat::getInf(cast<FloatType>(ft).getFloatSemantics(), true));
        Value r = arith::ConstantOp::create(b, loc, b.getBoolAttr(false));
        if (op.getDetectPositive())
          r = arith::OrIOp::create(
              b, loc, r,
              arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OEQ, a[0], inf));
        if (op.getDetectNegative())
          r = arith::OrIOp::create(
              b, loc, r,
              arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OEQ, a[0], ninf));
        return r;
      });
  patterns.add<ElementwiseLowering<IdentityOp>>(
      ctx, +[](OpBuilder &, Location, IdentityOp, ValueRange a, Type) -> Value {
        return a[0];
      });
  patterns.add<ElementwiseLowering<CastOp>>(
      ctx, +[](OpBuilder &b, Location loc, CastOp op, ValueRange a, Type to) -> Value {
        Value x = a[0];
        Type from = x.getType();
        if (from == to)
          return x;
        bool fromUnsigned = isUnsigned(op, 0) || from.isInteger(1);
        if (to.isInteger(1)) {
          // Nonzero -> true (NaN too, as in C).
          if (isFloat(from))
            return arith::CmpFOp::create(b, loc, arith::CmpFPredicate::UNE, x,
                                         cst(b, loc, from, 0));
          return arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ne, x,
                                       cst(b, loc, from, 0));
        }
        if (isFloat(from) && isFloat(to))
          return from.getIntOrFloatBitWidth() < to.getIntOrFloatBitWidth()
                     ? Value(arith::ExtFOp::create(b, loc, to, x))
                     : Value(arith::TruncFOp::create(b, loc, to, x));
        if (isFloat(from))
          return isUnsigned(op) ? Value(arith::FPToUIOp::create(b, loc, to, x))
                                : Value(arith::FPToSIOp::create(b, loc, to, x));
        if (isFloat(to))
          return fromUnsigned ? Value(arith::UIToFPOp::create(b, loc, to, x))
                              : Value(arith::SIToFPOp::create(b, loc, to, x));
        unsigned fw = from.getIntOrFloatBitWidth(), tw = to.getIntOrFloatBitWidth();
        if (fw == tw)
          return arith::BitcastOp::create(b, loc, to, x);
        if (fw > tw)
          return arith::TruncIOp::create(b, loc, to, x);
        return fromUnsigned ? Value(arith::ExtUIOp::create(b, loc, to, x))
                            : Value(arith::ExtSIOp::create(b, loc, to, x));
      });

  // Binary and variadic ops.
  patterns.add<ElementwiseLowering<AddOp>>(
      ctx, +[](OpBuilder &b, Location loc, AddOp, ValueRange a, Type t) -> Value {
        return isFloat(t) ? Value(arith::AddFOp::create(b, loc, a[0], a[1]))
                          : Value(arith::AddIOp::create(b, loc, a[0], a[1]));
      });
  patterns.add<ElementwiseLowering<SubOp>>(
      ctx, +[](OpBuilder &b, Location loc, SubOp, ValueRange a, Type t) -> Value {
        return isFloat(t) ? Value(arith::SubFOp::create(b, loc, a[0], a[1]))
                          : Value(arith::SubIOp::create(b, loc, a[0], a[1]));
      });
  patterns.add<ElementwiseLowering<MulOp>>(
      ctx, +[](OpBuilder &b, Location loc, MulOp, ValueRange a, Type t) -> Value {
        return isFloat(t) ? Value(arith::MulFOp::create(b, loc, a[0], a[1]))
                          : Value(arith::MulIOp::create(b, loc, a[0], a[1]));
      });
  patterns.add<ElementwiseLowering<DivOp>>(
      ctx, +[](OpBuilder &b, Location loc, DivOp op, ValueRange a, Type t) -> Value {
        if (isFloat(t))
          return arith::DivFOp::create(b, loc, a[0], a[1]);
        return isUnsigned(op) ? Value(arith::DivUIOp::create(b, loc, a[0], a[1]))
                              : Value(arith::DivSIOp::create(b, loc, a[0], a[1]));
      });
  patterns.add<ElementwiseLowering<ModOp>>(
      ctx, +[](OpBuilder &b, Location loc, ModOp op, ValueRange a, Type t) -> Value {
        if (isFloat(t))
          return arith::RemFOp::create(b, loc, a[0], a[1]); // fmod = 1 (C fmod)
        if (isUnsigned(op))
          return arith::RemUIOp::create(b, loc, a[0], a[1]);
        if (op.getFmod())
          return arith::RemSIOp::create(b, loc, a[0], a[1]);
        // Python-style: the result takes the divisor's sign.
        Value r = arith::RemSIOp::create(b, loc, a[0], a[1]);
        Value zero = cst(b, loc, t, 0);
        Value rNonZero = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ne, r, zero);
        Value rNeg = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::slt, r, zero);
        Value dNeg = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::slt, a[1], zero);
        Value signsDiffer = arith::XOrIOp::create(b, loc, rNeg, dNeg);
        Value fix = arith::AndIOp::create(b, loc, rNonZero, signsDiffer);
        return arith::SelectOp::create(b, loc, fix,
                                       arith::AddIOp::create(b, loc, r, a[1]), r);
      });
  patterns.add<ElementwiseLowering<PowOp>>(
      ctx, +[](OpBuilder &b, Location loc, PowOp op, ValueRange a, Type t) -> Value {
        Value base = a[0], exp = a[1];
        Type et = exp.getType();
        if (!isFloat(t)) {
          if (isFloat(et))
            exp = arith::FPToSIOp::create(b, loc, t, exp);
          else if (et.getIntOrFloatBitWidth() != t.getIntOrFloatBitWidth())
            exp =
                et.getIntOrFloatBitWidth() < t.getIntOrFloatBitWidth()
                    ? (isUnsigned(op, 1) ? Value(arith::ExtUIOp::create(b, loc, t, exp))
                                         : Value(arith::ExtSIOp::create(b, loc, t, exp)))
                    : Value(arith::TruncIOp::create(b, loc, t, exp));
          return math::IPowIOp::create(b, loc, base, exp);
        }
        if (!isFloat(et))
          exp = isUnsigned(op, 1) ? Value(arith::UIToFPOp::create(b, loc, t, exp))
                                  : Value(arith::SIToFPOp::create(b, loc, t, exp));
        else if (et != t)
          exp = et.getIntOrFloatBitWidth() < t.getIntOrFloatBitWidth()
                    ? Value(arith::ExtFOp::create(b, loc, t, exp))
                    : Value(arith::TruncFOp::create(b, loc, t, exp));
        return math::PowFOp::create(b, loc, base, exp);
      });
  patterns.add<ElementwiseLowering<MaxOp>>(
      ctx, +[](OpBuilder &b, Location loc, MaxOp op, ValueRange a, Type) -> Value {
        Value r = a[0];
        for (Value v : a.drop_front())
          r = maxOf(b, loc, r, v, isUnsigned(op));
        return r;
      });
  patterns.add<ElementwiseLowering<MinOp>>(
      ctx, +[](OpBuilder &b, Location loc, MinOp op, ValueRange a, Type) -> Value {
        Value r = a[0];
        for (Value v : a.drop_front())
          r = minOf(b, loc, r, v, isUnsigned(op));
        return r;
      });
  patterns.add<ElementwiseLowering<SumOp>>(
      ctx, +[](OpBuilder &b, Location loc, SumOp, ValueRange a, Type t) -> Value {
        Value r = a[0];
        for (Value v : a.drop_front())
          r = isFloat(t) ? Value(arith::AddFOp::create(b, loc, r, v))
                         : Value(arith::AddIOp::create(b, loc, r, v));
        return r;
      });
  patterns.add<ElementwiseLowering<MeanOp>>(
      ctx, +[](OpBuilder &b, Location loc, MeanOp, ValueRange a, Type t) -> Value {
        Value r = a[0];
        for (Value v : a.drop_front())
          r = arith::AddFOp::create(b, loc, r, v);
        return arith::DivFOp::create(b, loc, r, cst(b, loc, t, double(a.size())));
      });

  // Comparisons: the predicate depends on the operands' element type.
#define COMPARE(OP, FPRED, SPRED, UPRED)                                                 \
  patterns.add<ElementwiseLowering<OP>>(                                                 \
      ctx, +[](OpBuilder &b, Location loc, OP op, ValueRange a, Type) -> Value {         \
        Type t = a[0].getType();                                                         \
        if (isFloat(t))                                                                  \
          return arith::CmpFOp::create(b, loc, arith::CmpFPredicate::FPRED, a[0], a[1]); \
        return arith::CmpIOp::create(b, loc,                                             \
                                     isUnsigned(op, 0) || t.isInteger(1)                 \
                                         ? arith::CmpIPredicate::UPRED                   \
                                         : arith::CmpIPredicate::SPRED,                  \
                                     a[0], a[1]);                                        \
      });
  COMPARE(EqualOp, OEQ, eq, eq)
  COMPARE(LessOp, OLT, slt, ult)
  COMPARE(GreaterOp, OGT, sgt, ugt)
  COMPARE(LessOrEqualOp, OLE, sle, ule)
  COMPARE(GreaterOrEqualOp, OGE, sge, uge)
#undef COMPARE

  patterns.add<ElementwiseLowering<AndOp>>(
      ctx, +[](OpBuilder &b, Location loc, AndOp, ValueRange a, Type) -> Value {
        return arith::AndIOp::create(b, loc, a[0], a[1]);
      });
  patterns.add<ElementwiseLowering<OrOp>>(
      ctx, +[](OpBuilder &b, Location loc, OrOp, ValueRange a, Type) -> Value {
        return arith::OrIOp::create(b, loc, a[0], a[1]);
      });
  patterns.add<ElementwiseLowering<XorOp>>(
      ctx, +[](OpBuilder &b, Location loc, XorOp, ValueRange a, Type) -> Value {
        return arith::XOrIOp::create(b, loc, a[0], a[1]);
      });
  patterns.add<ElementwiseLowering<BitShiftOp>>(
      ctx, +[](OpBuilder &b, Location loc, BitShiftOp op, ValueRange a, Type t) -> Value {
        // Shifting by the bit width or more is poison in LLVM; ONNX's uint
        // semantics (every bit shifted out) give 0, so select it explicitly.
        Value shifted = op.getDirection() == "LEFT"
                            ? Value(arith::ShLIOp::create(b, loc, a[0], a[1]))
                            : Value(arith::ShRUIOp::create(b, loc, a[0], a[1]));
        Value inRange =
            arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ult, a[1],
                                  cst(b, loc, t, double(t.getIntOrFloatBitWidth())));
        return arith::SelectOp::create(b, loc, inRange, shifted, cst(b, loc, t, 0));
      });
  patterns.add<ElementwiseLowering<WhereOp>>(
      ctx, +[](OpBuilder &b, Location loc, WhereOp, ValueRange a, Type) -> Value {
        return arith::SelectOp::create(b, loc, a[0], a[1], a[2]);
      });
  patterns.add<ElementwiseLowering<ClipOp>>(
      ctx, +[](OpBuilder &b, Location loc, ClipOp op, ValueRange a, Type) -> Value {
        // Operands arrive in order input, [min], [max]; absent ones are skipped.
        Value r = a[0];
        unsigned next = 1;
        if (op.getMin())
          r = maxOf(b, loc, r, a[next++], isUnsigned(op));
        if (op.getMax())
          r = minOf(b, loc, r, a[next++], isUnsigned(op));
        return r;
      });
}
