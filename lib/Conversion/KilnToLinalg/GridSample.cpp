//===- GridSample.cpp - kiln.grid_sample to one gathering linalg.generic --===//
//
// One linalg.generic over the output [N, C, H_out, W_out] reads the grid's
// (x, y) for its (n, h_out, w_out) and the input taps around that point with
// tensor.extract, as Resize does. The math is PyTorch's grid_sampler_2d (CPU),
// which ONNX's test data was generated with, computed in the grid's float type
// (at least f32) as PyTorch computes in its input's:
//
//   ix = unnormalize(x, W)         align_corners: (x + 1) / 2 * (W - 1)
//                                  otherwise:     ((x + 1) * W - 1) / 2
//   bilinear, nearest: ix = pad(ix), then the taps floor(ix) + {0, 1} or
//                      nearbyint(ix) (ties to even)
//   bicubic:           the taps floor(ix) - 1 .. floor(ix) + 2, each padded
//
// where pad clamps to [0, W - 1] (border) or reflects about the edges (the
// pixel centers with align_corners, the borders otherwise) and then clamps
// (reflection). A tap outside the input reads 0, which only happens with
// zeros padding or for bilinear's second tap, whose weight is then 0.
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

using namespace mlir;
using namespace mlir::kiln;
using ::kiln::checkTensorTypes;
using ::kiln::emptyTensor;

namespace {

enum class Mode { Bilinear, Nearest, Bicubic };
enum class Padding { Zeros, Border, Reflection };

/// PyTorch's bicubic coefficient (grid_sample has no attribute for it).
constexpr double kCubicA = -0.75;

/// Builds the scalar math of one output element in the compute type `ct`.
struct Sampler {
  OpBuilder &b;
  Location loc;
  FloatType ct;
  Padding padding;
  bool alignCorners;
  bool maskTaps; // whether a tap may fall outside the input
  Value input;   // X, [N, C, H, W]
  Value n, ch;   // the output element's batch and channel
  int64_t height, width;

  Value c(double v) { return arith::ConstantOp::create(b, loc, b.getFloatAttr(ct, v)); }
  Value add(Value x, Value y) { return arith::AddFOp::create(b, loc, x, y); }
  Value sub(Value x, Value y) { return arith::SubFOp::create(b, loc, x, y); }
  Value mul(Value x, Value y) { return arith::MulFOp::create(b, loc, x, y); }
  Value div(Value x, Value y) { return arith::DivFOp::create(b, loc, x, y); }
  Value floor(Value x) { return math::FloorOp::create(b, loc, x); }
  Value cmp(arith::CmpFPredicate p, Value x, Value y) {
    return arith::CmpFOp::create(b, loc, p, x, y);
  }
  Value select(Value cond, Value x, Value y) {
    return arith::SelectOp::create(b, loc, cond, x, y);
  }
  Value toCompute(Value v) {
    return v.getType() == ct ? v : Value(arith::ExtFOp::create(b, loc, ct, v));
  }

  /// grid_sampler_unnormalize: [-1, 1] to pixel coordinates.
  Value unnormalize(Value g, int64_t size) {
    if (alignCorners)
      return mul(div(add(g, c(1)), c(2)), c(double(size - 1)));
    return div(sub(mul(add(g, c(1)), c(double(size))), c(1)), c(2));
  }

  /// clip_coordinates: into [0, size - 1]. maxnumf/minnumf also send NaN to
  /// 0, where PyTorch would index out of bounds.
  Value clip(Value x, int64_t size) {
    x = arith::MaxNumFOp::create(b, loc, x, c(0));
    return arith::MinNumFOp::create(b, loc, x, c(double(size - 1)));
  }

  /// reflect_coordinates: reflects `x` into [twiceLow / 2, twiceHigh / 2].
  Value reflect(Value x, int64_t twiceLow, int64_t twiceHigh) {
    if (twiceLow == twiceHigh)
      return c(0);
    double lo = double(twiceLow) / 2, span = double(twiceHigh - twiceLow) / 2;
    x = math::AbsFOp::create(b, loc, sub(x, c(lo)));
    Value extra = arith::RemFOp::create(b, loc, x, c(span));
    // Whether the number of flips, floor(x / span), is even; in floats since
    // it may not fit an integer.
    Value halfFlips = mul(floor(div(x, c(span))), c(0.5));
    Value even = cmp(arith::CmpFPredicate::OEQ, floor(halfFlips), halfFlips);
    return select(even, add(extra, c(lo)), add(sub(c(span), extra), c(lo)));
  }

  /// compute_coordinates: applies the padding mode to a coordinate.
  Value pad(Value x, int64_t size) {
    switch (padding) {
    case Padding::Zeros:
      return x;
    case Padding::Border:
      return clip(x, size);
    case Padding::Reflection:
      x = alignCorners ? reflect(x, 0, 2 * (size - 1)) : reflect(x, -1, 2 * size - 1);
      return clip(x, size);
    }
    llvm_unreachable("unknown padding mode");
  }

  /// `v` (integral) as an index clamped to [0, size - 1]; clamping first keeps
  /// the conversion defined for any v.
  Value clampedIndex(Value v, int64_t size) {
    Value i = arith::FPToSIOp::create(b, loc, b.getI64Type(), clip(v, size));
    return arith::IndexCastOp::create(b, loc, b.getIndexType(), i);
  }

  /// X[n, ch, y, x] for integral coordinates, 0 outside the input. (Values
  /// are named before use throughout: argument evaluation order is
  /// unspecified, and the IR should not depend on the host compiler.)
  Value tap(Value y, Value x) {
    Value iy = clampedIndex(y, height);
    Value ix = clampedIndex(x, width);
    Value v =
        toCompute(tensor::ExtractOp::create(b, loc, input, ValueRange{n, ch, iy, ix}));
    if (!maskTaps)
      return v;
    auto within = [&](Value v, int64_t size) {
      Value low = cmp(arith::CmpFPredicate::OGE, v, c(0));
      Value high = cmp(arith::CmpFPredicate::OLE, v, c(double(size - 1)));
      return arith::AndIOp::create(b, loc, low, high);
    };
    Value insideY = within(y, height);
    Value insideX = within(x, width);
    Value inside = arith::AndIOp::create(b, loc, insideY, insideX);
    return select(inside, v, c(0));
  }

  /// Sum of the taps at (ys[i], xs[j]) weighted by wy[i] * wx[j]; rows first,
  /// as PyTorch sums the bicubic taps.
  template <size_t K>
  Value weightedTaps(ArrayRef<Value> ys, ArrayRef<Value> xs,
                     const std::array<Value, K> &wy, const std::array<Value, K> &wx) {
    Value result;
    for (size_t i = 0; i < K; ++i) {
      Value row;
      for (size_t j = 0; j < K; ++j) {
        Value term = mul(tap(ys[i], xs[j]), wx[j]);
        row = row ? add(row, term) : term;
      }
      Value term = mul(row, wy[i]);
      result = result ? add(result, term) : term;
    }
    return result;
  }

  Value sample(Mode mode, Value gx, Value gy) {
    Value ix = unnormalize(gx, width);
    Value iy = unnormalize(gy, height);
    if (mode == Mode::Nearest) {
      Value x = math::RoundEvenOp::create(b, loc, pad(ix, width));
      Value y = math::RoundEvenOp::create(b, loc, pad(iy, height));
      return tap(y, x);
    }
    if (mode == Mode::Bilinear) {
      ix = pad(ix, width);
      iy = pad(iy, height);
      Value x0 = floor(ix), y0 = floor(iy);
      Value x1 = add(x0, c(1)), y1 = add(y0, c(1));
      std::array<Value, 2> wx = {sub(x1, ix), sub(ix, x0)};
      std::array<Value, 2> wy = {sub(y1, iy), sub(iy, y0)};
      return weightedTaps<2>({y0, y1}, {x0, x1}, wy, wx);
    }
    // Bicubic: the padding applies to each tap, not to the point.
    Value x0 = floor(ix), y0 = floor(iy);
    Value tx = sub(ix, x0), ty = sub(iy, y0);
    std::array<Value, 4> wx = ::kiln::cubicWeights(b, loc, tx, kCubicA);
    std::array<Value, 4> wy = ::kiln::cubicWeights(b, loc, ty, kCubicA);
    SmallVector<Value, 4> xs, ys;
    for (int i = 0; i < 4; ++i) {
      xs.push_back(pad(add(x0, c(i - 1)), width));
      ys.push_back(pad(add(y0, c(i - 1)), height));
    }
    return weightedTaps<4>(ys, xs, wy, wx);
  }
};

struct GridSampleLowering : OpConversionPattern<GridSampleOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(GridSampleOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    if (failed(checkTensorTypes(op, rewriter)))
      return failure();
    auto inType = cast<RankedTensorType>(op.getX().getType());
    auto gridType = cast<RankedTensorType>(op.getGrid().getType());
    auto outType = cast<RankedTensorType>(op.getType());
    auto elem = dyn_cast<FloatType>(inType.getElementType());
    if (!elem)
      return rewriter.notifyMatchFailure(op, "only float inputs are supported");
    auto gridElem = cast<FloatType>(gridType.getElementType());

    auto mode = llvm::StringSwitch<std::optional<Mode>>(op.getMode())
                    .Case("bilinear", Mode::Bilinear)
                    .Case("nearest", Mode::Nearest)
                    .Case("bicubic", Mode::Bicubic)
                    .Default(std::nullopt);
    auto padding = llvm::StringSwitch<std::optional<Padding>>(op.getPaddingMode())
                       .Case("zeros", Padding::Zeros)
                       .Case("border", Padding::Border)
                       .Case("reflection", Padding::Reflection)
                       .Default(std::nullopt);
    if (!mode || !padding)
      return rewriter.notifyMatchFailure(op, "unknown mode or padding_mode");

    Location loc = op.getLoc();
    Value init = emptyTensor(rewriter, loc, outType);
    if (outType.getNumElements() == 0) {
      rewriter.replaceOp(op, init);
      return success();
    }
    int64_t height = inType.getDimSize(2), width = inType.getDimSize(3);
    // Every tap of an empty image is outside it, under any padding.
    if (height == 0 || width == 0) {
      Value zero =
          arith::ConstantOp::create(rewriter, loc, rewriter.getFloatAttr(elem, 0));
      rewriter.replaceOp(op, linalg::FillOp::create(rewriter, loc, zero, init).result());
      return success();
    }

    // f16 coordinates would be off by whole pixels on large images.
    FloatType ct = rewriter.getF32Type();
    if (elem.getWidth() > 32 || gridElem.getWidth() > 32)
      ct = rewriter.getF64Type();
    Value x = adaptor.getX(), grid = adaptor.getGrid();
    bool alignCorners = op.getAlignCorners() != 0;
    auto generic = linalg::GenericOp::create(
        rewriter, loc, TypeRange{outType}, ValueRange{}, ValueRange{init},
        SmallVector<AffineMap>{rewriter.getMultiDimIdentityMap(4)},
        SmallVector<utils::IteratorType>(4, utils::IteratorType::parallel),
        [&](OpBuilder &b, Location l, ValueRange) {
          Value n = linalg::IndexOp::create(b, l, 0);
          Value ch = linalg::IndexOp::create(b, l, 1);
          Value h = linalg::IndexOp::create(b, l, 2);
          Value w = linalg::IndexOp::create(b, l, 3);
          // Padded taps stay inside except bilinear's second one (weight 0).
          bool maskTaps = *padding == Padding::Zeros || *mode == Mode::Bilinear;
          Sampler s{b, l, ct, *padding, alignCorners, maskTaps, x, n, ch, height, width};
          auto gridAt = [&](int64_t i) {
            Value idx = arith::ConstantIndexOp::create(b, l, i);
            return s.toCompute(
                tensor::ExtractOp::create(b, l, grid, ValueRange{n, h, w, idx}));
          };
          Value gx = gridAt(0);
          Value gy = gridAt(1);
          Value result = s.sample(*mode, gx, gy);
          if (result.getType() != elem)
            result = arith::TruncFOp::create(b, l, elem, result);
          linalg::YieldOp::create(b, l, result);
        });
    rewriter.replaceOp(op, generic.getResult(0));
    return success();
  }
};

} // namespace

void ::kiln::populateGridSampleToLinalgPatterns(RewritePatternSet &patterns) {
  patterns.add<GridSampleLowering>(patterns.getContext());
}
