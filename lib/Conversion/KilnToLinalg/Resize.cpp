//===- Resize.cpp - kiln.resize to one gathering linalg.generic -----------===//
//
// Each output element is computed from the input with tensor.extract inside a
// linalg.generic over the output. The math follows ONNX's reference
// implementation (onnx/backend/test/case/node/resize.py) step by step, in f64
// as the reference computes in Python floats, so that ties in nearest rounding
// and the `is_integer` tests fall the same way:
//
//   x_ori  = coordinate transform of the output index (per resized dim)
//   ratio  = 1 if x_ori is an integer else x_ori - floor(x_ori)   in (0, 1]
//   coeffs = nearest / linear (2 taps) or cubic (4 taps) weights of `ratio`
//   taps   = the n integers nearest to x_ori (ties to the smaller one), i.e.
//            ceil(x_ori) - n/2 + [0, n), kept inside the edge padding of n/2
//            elements, and read with the index clamped to [0, in - 1]
//
// The reference interpolates one dim at a time; the weights are separable,
// so the result is the sum over all tap combinations of the product of the
// per-dim weights. With tf_crop_and_resize any dim whose x_ori leaves
// [0, in - 1] makes the element extrapolation_value (the inner dims' value is
// the same for every outer tap, and the outer weights sum to one).
//
//===----------------------------------------------------------------------===//

#include "dialects/Kiln/KilnOps.h"
#include "lib/Conversion/KilnToLinalg/Interpolation.h"
#include "lib/Conversion/KilnToLinalg/Patterns.h"
#include "lib/Conversion/KilnToLinalg/TensorPatterns.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "llvm/ADT/StringSwitch.h"

#include <algorithm>
#include <cmath>

using namespace mlir;
using namespace mlir::kiln;
using ::kiln::checkTensorTypes;
using ::kiln::emptyTensor;
using ::kiln::replaceIfEmpty;

namespace {

enum class Mode { Nearest, Linear, Cubic };
enum class Coord {
  HalfPixel,
  PytorchHalfPixel,
  AlignCorners,
  Asymmetric,
  TfCrop,
  TfHalfPixelForNN
};
enum class Rounding { PreferFloor, PreferCeil, Floor, Ceil };

/// How one input dim maps to the output.
struct DimPlan {
  int64_t dim;
  bool direct;     // output index reads the same input index
  int64_t in;      // input size
  double scale;    // scale_factor of the reference
  double outWidth; // scale * in, the reference's output_width
  double roiStart; // tf_crop_and_resize only
  double roiDiff;  // roi end - start, computed in f32 as the reference does
};

/// Per-dim taps: input indices (clamped, `index`) and their f64 weights.
struct Taps {
  SmallVector<Value> indices;
  SmallVector<Value> weights;
};

/// x_ori of the reference for output position `x`, built with `o`'s
/// f64/add/sub/mul/div: IR in the generic (Emitter) or doubles on the host
/// (HostMath), so both follow the same formulas.
template <typename Ops, typename T>
T original(Ops &o, Coord coord, const DimPlan &p, T x) {
  double in = double(p.in);
  switch (coord) {
  case Coord::HalfPixel:
    return o.sub(o.div(o.add(x, o.f64(0.5)), o.f64(p.scale)), o.f64(0.5));
  case Coord::PytorchHalfPixel:
    if (p.outWidth == 1)
      return o.f64(-0.5);
    return o.sub(o.div(o.add(x, o.f64(0.5)), o.f64(p.scale)), o.f64(0.5));
  case Coord::AlignCorners:
    if (p.outWidth == 1)
      return o.f64(0);
    return o.div(o.mul(x, o.f64(in - 1)), o.f64(p.outWidth - 1));
  case Coord::Asymmetric:
    return o.div(x, o.f64(p.scale));
  case Coord::TfHalfPixelForNN:
    // Resize-11 only (gone from the reference since); its spec's formula.
    return o.div(o.add(x, o.f64(0.5)), o.f64(p.scale));
  case Coord::TfCrop: {
    T r = p.outWidth == 1 ? o.f64(p.roiDiff * (in - 1) / 2)
                          : o.div(o.mul(o.mul(x, o.f64(p.roiDiff)), o.f64(in - 1)),
                                  o.f64(p.outWidth - 1));
    return o.add(r, o.f64(p.roiStart * (in - 1)));
  }
  }
  llvm_unreachable("unknown coordinate transformation");
}

struct HostMath {
  double f64(double v) { return v; }
  double add(double x, double y) { return x + y; }
  double sub(double x, double y) { return x - y; }
  double mul(double x, double y) { return x * y; }
  double div(double x, double y) { return x / y; }
};

/// The input index nearest mode reads for x_ori (see Emitter::taps).
int64_t nearestOnHost(Rounding rounding, int64_t in, double xOri) {
  double fl = std::floor(xOri), ce = std::ceil(xOri);
  double ratio = xOri == fl ? 1 : xOri - fl;
  bool useCeil = rounding == Rounding::PreferFloor  ? ratio > 0.5
                 : rounding == Rounding::PreferCeil ? ratio >= 0.5
                 : rounding == Rounding::Floor      ? ratio == 1
                                                    : true;
  double chosen = std::clamp(useCeil ? ce : ce - 1, 0.0, double(in - 1));
  return int64_t(chosen);
}

/// Whether plans `a` and `b` of one dim of output size `out` give the same
/// result: the same nearest index and extrapolation decision everywhere, and
/// x_ori within 1e-6 for linear and cubic, whose weights are continuous in it.
bool samePlanOnHost(Mode mode, Coord coord, Rounding rounding, const DimPlan &a,
                    const DimPlan &b, int64_t out) {
  HostMath host;
  for (int64_t i = 0; i < out; ++i) {
    double xa = original(host, coord, a, double(i));
    double xb = original(host, coord, b, double(i));
    if (coord == Coord::TfCrop &&
        (xa < 0 || xa > double(a.in - 1)) != (xb < 0 || xb > double(b.in - 1)))
      return false;
    if (mode == Mode::Nearest
            ? nearestOnHost(rounding, a.in, xa) != nearestOnHost(rounding, b.in, xb)
            : !(std::abs(xa - xb) <= 1e-6))
      return false;
  }
  return true;
}

struct Emitter {
  OpBuilder &b;
  Location loc;

  Value f64(double v) { return arith::ConstantOp::create(b, loc, b.getF64FloatAttr(v)); }
  Value idx(int64_t v) { return arith::ConstantIndexOp::create(b, loc, v); }
  Value add(Value x, Value y) { return arith::AddFOp::create(b, loc, x, y); }
  Value sub(Value x, Value y) { return arith::SubFOp::create(b, loc, x, y); }
  Value mul(Value x, Value y) { return arith::MulFOp::create(b, loc, x, y); }
  Value div(Value x, Value y) { return arith::DivFOp::create(b, loc, x, y); }
  Value cmp(arith::CmpFPredicate p, Value x, Value y) {
    return arith::CmpFOp::create(b, loc, p, x, y);
  }
  Value select(Value c, Value x, Value y) {
    return arith::SelectOp::create(b, loc, c, x, y);
  }

  /// The output position along `dim` as f64.
  Value position(int64_t dim) {
    Value i = linalg::IndexOp::create(b, loc, dim);
    Value i64 = arith::IndexCastOp::create(b, loc, b.getI64Type(), i);
    return arith::SIToFPOp::create(b, loc, b.getF64Type(), i64);
  }

  /// `v` (f64, integral) as an index clamped to [lo, hi]; clamping before
  /// the conversion keeps it defined for any x_ori.
  Value clampedIndex(Value v, int64_t lo, int64_t hi) {
    v = arith::MaximumFOp::create(b, loc, v, f64(double(lo)));
    v = arith::MinimumFOp::create(b, loc, v, f64(double(hi)));
    Value i = arith::FPToSIOp::create(b, loc, b.getI64Type(), v);
    return arith::IndexCastOp::create(b, loc, b.getIndexType(), i);
  }

  /// The taps and weights for x_ori along a dim of size `in`.
  Taps taps(Mode mode, Rounding rounding, double cubicA, bool excludeOutside, int64_t in,
            Value xOri) {
    Value fl = math::FloorOp::create(b, loc, xOri);
    Value ce = math::CeilOp::create(b, loc, xOri);
    Value isInt = cmp(arith::CmpFPredicate::OEQ, xOri, fl);
    Value ratio = select(isInt, f64(1), sub(xOri, fl));

    Taps t;
    if (mode == Mode::Nearest) {
      // nearest_coeffs: tap 1 (ceil) when ratio is 1, else by the rounding.
      Value useCeil;
      switch (rounding) {
      case Rounding::PreferFloor:
        useCeil = cmp(arith::CmpFPredicate::OGT, ratio, f64(0.5));
        break;
      case Rounding::PreferCeil:
        useCeil = cmp(arith::CmpFPredicate::OGE, ratio, f64(0.5));
        break;
      case Rounding::Floor:
        useCeil = cmp(arith::CmpFPredicate::OEQ, ratio, f64(1));
        break;
      case Rounding::Ceil:
        useCeil = arith::ConstantIntOp::create(b, loc, 1, 1);
        break;
      }
      // Edge padding makes any tap outside [0, in) read the nearest edge.
      Value chosen = select(useCeil, ce, sub(ce, f64(1)));
      t.indices.push_back(clampedIndex(chosen, 0, in - 1));
      return t;
    }

    SmallVector<Value> w;
    if (mode == Mode::Linear) {
      w = {sub(f64(1), ratio), ratio};
    } else {
      // cubic_coeffs(ratio, A) of the reference.
      w = llvm::to_vector(::kiln::cubicWeights(b, loc, ratio, cubicA));
    }
    int64_t n = w.size(), pad = (n + 1) / 2;
    // The n nearest integers to x_ori, ties to the smaller, among the padded
    // range [-pad, in + pad): a window starting at ceil(x_ori) - n/2, pushed
    // back inside that range when x_ori lies far outside.
    Value base = clampedIndex(sub(ce, f64(double(n / 2))), -pad, in + pad - n);
    Value sum;
    for (int64_t j = 0; j < n; ++j) {
      Value tap = arith::AddIOp::create(b, loc, base, idx(j));
      Value low = arith::MaxSIOp::create(b, loc, tap, idx(0));
      t.indices.push_back(arith::MinSIOp::create(b, loc, low, idx(in - 1)));
      if (excludeOutside) {
        Value inside = arith::AndIOp::create(
            b, loc, arith::CmpIOp::create(b, loc, arith::CmpIPredicate::sge, tap, idx(0)),
            arith::CmpIOp::create(b, loc, arith::CmpIPredicate::slt, tap, idx(in)));
        w[j] = select(inside, w[j], f64(0));
        sum = sum ? add(sum, w[j]) : w[j];
      }
    }
    if (excludeOutside)
      for (Value &wj : w)
        wj = div(wj, sum);
    t.weights = std::move(w);
    return t;
  }
};

struct ResizeLowering : OpConversionPattern<ResizeOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(ResizeOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    if (failed(checkTensorTypes(op, rewriter)))
      return failure();
    auto inType = cast<RankedTensorType>(op.getX().getType());
    auto outType = cast<RankedTensorType>(op.getType());
    Type elem = inType.getElementType();
    if (elem != outType.getElementType())
      return rewriter.notifyMatchFailure(op, "input and output element types differ");
    int64_t rank = inType.getRank();

    Mode mode;
    StringRef modeName = op.getMode();
    if (modeName == "nearest")
      mode = Mode::Nearest;
    else if (modeName == "linear")
      mode = Mode::Linear;
    else if (modeName == "cubic")
      mode = Mode::Cubic;
    else
      return rewriter.notifyMatchFailure(op, "unknown mode");

    auto coordOr =
        llvm::StringSwitch<std::optional<Coord>>(op.getCoordinateTransformationMode())
            .Case("half_pixel", Coord::HalfPixel)
            .Case("pytorch_half_pixel", Coord::PytorchHalfPixel)
            .Case("align_corners", Coord::AlignCorners)
            .Case("asymmetric", Coord::Asymmetric)
            .Case("tf_crop_and_resize", Coord::TfCrop)
            .Case("tf_half_pixel_for_nn", Coord::TfHalfPixelForNN)
            .Default(std::nullopt);
    if (!coordOr)
      return rewriter.notifyMatchFailure(op, "unknown coordinate_transformation_mode");
    Coord coord = *coordOr;

    auto roundingOr = llvm::StringSwitch<std::optional<Rounding>>(op.getNearestMode())
                          .Case("round_prefer_floor", Rounding::PreferFloor)
                          .Case("round_prefer_ceil", Rounding::PreferCeil)
                          .Case("floor", Rounding::Floor)
                          .Case("ceil", Rounding::Ceil)
                          .Default(std::nullopt);
    if (!roundingOr)
      return rewriter.notifyMatchFailure(op, "unknown nearest_mode");

    bool excludeOutside = op.getExcludeOutside() != 0;
    // The reference divides by the sum of the kept nearest weight, which is
    // zero when the chosen tap is outside: not something to reproduce.
    if (excludeOutside && mode == Mode::Nearest)
      return rewriter.notifyMatchFailure(op, "exclude_outside with nearest mode");
    bool isFloat = isa<FloatType>(elem);
    if (!isFloat && (mode != Mode::Nearest || coord == Coord::TfCrop))
      return rewriter.notifyMatchFailure(
          op, "only nearest without extrapolation is supported for non-float tensors");

    ArrayRef<float> scales = op.getScales();
    ArrayRef<int64_t> sizes = op.getSizes();
    if (int64_t(scales.size()) != rank || int64_t(sizes.size()) != rank)
      return rewriter.notifyMatchFailure(op,
                                         "scales and sizes must have one value per dim");
    std::optional<ArrayRef<float>> roi = op.getRoi();
    if (coord == Coord::TfCrop && (!roi || int64_t(roi->size()) != 2 * rank))
      return rewriter.notifyMatchFailure(op,
                                         "tf_crop_and_resize needs a roi of 2 * rank");

    Location loc = op.getLoc();
    if (replaceIfEmpty(op, outType, rewriter))
      return success();

    SmallVector<DimPlan> plans;
    for (int64_t d = 0; d < rank; ++d) {
      DimPlan p;
      p.dim = d;
      p.in = inType.getDimSize(d);
      int64_t out = outType.getDimSize(d);
      if (sizes[d] != out)
        return rewriter.notifyMatchFailure(op, "sizes do not match the result type");
      if (p.in == 0)
        return rewriter.notifyMatchFailure(op, "resizes an empty dim to a non-empty one");
      p.scale = double(scales[d]);
      p.outWidth = p.scale * double(p.in);
      p.roiStart = 0;
      p.roiDiff = 1;
      if (coord == Coord::TfCrop) {
        float start = (*roi)[d], end = (*roi)[rank + d];
        p.roiStart = double(start);
        p.roiDiff = double(end - start);
      }
      // The reference uses the f32 `scales` as given, or out / in in f64 when
      // `sizes` is given; the importer then stores float(out) / float(in), so
      // such a scale may have come from either. Use the quotient (sizes are
      // the common way to reach a non-dyadic ratio) unless the two readings
      // give different results, which the op cannot tell apart.
      if (float(out) / float(p.in) == scales[d] &&
          double(out) / double(p.in) != p.scale) {
        DimPlan fromSizes = p;
        fromSizes.scale = double(out) / double(p.in);
        fromSizes.outWidth = fromSizes.scale * double(p.in);
        if (!samePlanOnHost(mode, coord, *roundingOr, p, fromSizes, out))
          return rewriter.notifyMatchFailure(
              op, "scale is float(sizes / input) but reading it as given or as the "
                  "exact quotient changes the result");
        p = fromSizes;
      }
      // The transforms map such a dim to itself (x_ori == x exactly, whose
      // only nonzero weight is on x), except tf_half_pixel_for_nn (x + 0.5)
      // and a tf_crop_and_resize roi other than [0, 1].
      p.direct = out == p.in && scales[d] == 1.0f && coord != Coord::TfHalfPixelForNN &&
                 (coord != Coord::TfCrop || (p.roiStart == 0 && p.roiDiff == 1));
      plans.push_back(p);
    }

    int64_t resized = llvm::count_if(plans, [](const DimPlan &p) { return !p.direct; });
    int64_t tapsPerDim = mode == Mode::Cubic ? 4 : mode == Mode::Linear ? 2 : 1;
    int64_t combos = 1;
    for (int64_t i = 0; i < resized; ++i)
      combos *= tapsPerDim;
    // Every combination is a tensor.extract in the body; keep that bounded.
    if (combos > 256)
      return rewriter.notifyMatchFailure(op, "too many resized dims for this mode");

    Value x = adaptor.getX();
    double cubicA = double(op.getCubicCoeffA().convertToFloat());
    Rounding rounding = *roundingOr;
    double extrapolation = double(op.getExtrapolationValue().convertToFloat());

    SmallVector<utils::IteratorType> iterators(rank, utils::IteratorType::parallel);
    auto generic = linalg::GenericOp::create(
        rewriter, loc, TypeRange{outType}, ValueRange{},
        ValueRange{emptyTensor(rewriter, loc, outType)},
        SmallVector<AffineMap>{rewriter.getMultiDimIdentityMap(rank)}, iterators,
        [&](OpBuilder &b, Location l, ValueRange) {
          Emitter e{b, l};
          SmallVector<Value> direct(rank);
          SmallVector<Taps> taps(rank);
          Value outside;
          for (const DimPlan &p : plans) {
            if (p.direct) {
              direct[p.dim] = linalg::IndexOp::create(b, l, p.dim);
              continue;
            }
            Value xOri = original(e, coord, p, e.position(p.dim));
            if (coord == Coord::TfCrop) {
              Value o = arith::OrIOp::create(
                  b, l, e.cmp(arith::CmpFPredicate::OLT, xOri, e.f64(0)),
                  e.cmp(arith::CmpFPredicate::OGT, xOri, e.f64(double(p.in - 1))));
              outside = outside ? Value(arith::OrIOp::create(b, l, outside, o)) : o;
            }
            taps[p.dim] = e.taps(mode, rounding, cubicA, excludeOutside, p.in, xOri);
          }

          // Walk every tap combination, the last dim fastest.
          Value acc;
          SmallVector<int64_t> pick(rank, 0);
          for (int64_t c = 0; c < combos; ++c) {
            SmallVector<Value> coords(rank);
            Value weight;
            for (int64_t d = 0; d < rank; ++d) {
              if (direct[d]) {
                coords[d] = direct[d];
                continue;
              }
              coords[d] = taps[d].indices[pick[d]];
              if (!taps[d].weights.empty())
                weight = weight ? e.mul(weight, taps[d].weights[pick[d]])
                                : taps[d].weights[pick[d]];
            }
            Value v = tensor::ExtractOp::create(b, l, x, coords);
            if (mode == Mode::Nearest) {
              acc = v;
            } else {
              if (elem != b.getF64Type())
                v = arith::ExtFOp::create(b, l, b.getF64Type(), v);
              Value term = weight ? e.mul(weight, v) : v;
              acc = acc ? e.add(acc, term) : term;
            }
            for (int64_t d = rank - 1; d >= 0; --d) {
              if (direct[d])
                continue;
              if (++pick[d] < int64_t(taps[d].indices.size()))
                break;
              pick[d] = 0;
            }
          }
          if (mode != Mode::Nearest && elem != b.getF64Type())
            acc = arith::TruncFOp::create(b, l, elem, acc);
          if (outside) {
            auto fty = cast<FloatType>(elem);
            Value ext =
                arith::ConstantOp::create(b, l, b.getFloatAttr(fty, extrapolation));
            acc = e.select(outside, ext, acc);
          }
          linalg::YieldOp::create(b, l, acc);
        });
    rewriter.replaceOp(op, generic.getResult(0));
    return success();
  }
};

} // namespace

void ::kiln::populateResizeToLinalgPatterns(RewritePatternSet &patterns) {
  patterns.add<ResizeLowering>(patterns.getContext());
}
