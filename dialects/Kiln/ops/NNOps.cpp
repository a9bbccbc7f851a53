//===- NNOps.cpp - Type inference for convolution, pooling, GEMM ---------===//

#include "dialects/Kiln/KilnOps.h"

#include "llvm/ADT/StringExtras.h"

#include <limits>

using namespace mlir;
using namespace mlir::kiln;

namespace {
/// Attributes shared by every convolution and pooling window.
struct WindowParams {
  ArrayRef<int64_t> kernel;
  ArrayRef<int64_t> strides;
  ArrayRef<int64_t> pads;
  ArrayRef<int64_t> dilations; // empty: all 1
  bool ceilMode = false;
};
} // namespace

/// Spatial output sizes of a window over `x` ([N, C, D1..Dn]).
static FailureOr<SmallVector<int64_t>>
windowOutputShape(std::optional<Location> loc, RankedTensorType x,
                  const WindowParams &p) {
  int64_t spatial = x.getRank() - 2;
  if (spatial < 1) {
    (void)emitOptionalError(loc, "input must have rank >= 3 ([N, C, D1, ...]), got ",
                            x.getRank());
    return failure();
  }
  auto checkSize = [&](ArrayRef<int64_t> values, int64_t expected,
                       StringRef name) -> LogicalResult {
    if (static_cast<int64_t>(values.size()) == expected)
      return success();
    return emitOptionalError(loc, "'", name, "' has ", values.size(),
                             " values, expected ", expected);
  };
  if (failed(checkSize(p.kernel, spatial, "kernel_shape")) ||
      failed(checkSize(p.strides, spatial, "strides")) ||
      failed(checkSize(p.pads, 2 * spatial, "pads")) ||
      (!p.dilations.empty() && failed(checkSize(p.dilations, spatial, "dilations"))))
    return failure();
  SmallVector<int64_t> shape;
  for (int64_t i = 0; i < spatial; ++i) {
    int64_t dilation = p.dilations.empty() ? 1 : p.dilations[i];
    auto size = windowOutputSize(x.getDimSize(i + 2), p.kernel[i], p.strides[i],
                                 dilation, p.pads[i], p.pads[i + spatial], p.ceilMode);
    if (failed(size)) {
      (void)emitOptionalError(
          loc, "window along spatial axis ", i, " does not fit: input ",
          x.getDimSize(i + 2), ", kernel ", p.kernel[i], ", stride ", p.strides[i],
          ", dilation ", dilation, ", pads ", p.pads[i], "/", p.pads[i + spatial],
          " (kernel, stride and dilation must be positive, pads non-negative)");
      return failure();
    }
    shape.push_back(*size);
  }
  return shape;
}

/// Conv-style ops: x [N, C, D...], w [M, C/group, k...] -> [N, M, out...].
static LogicalResult inferConvolution(std::optional<Location> loc, Value xValue,
                                      Value wValue, int64_t group,
                                      ArrayRef<int64_t> strides, ArrayRef<int64_t> pads,
                                      ArrayRef<int64_t> dilations, Type elementType,
                                      SmallVectorImpl<Type> &inferred) {
  auto x = rankedType(xValue), w = rankedType(wValue);
  if (w.getRank() != x.getRank())
    return emitOptionalError(loc, "weight rank ", w.getRank(),
                             " does not match input rank ", x.getRank());
  if (group < 1)
    return emitOptionalError(loc, "'group' must be positive, got ", group);
  int64_t channels = x.getDimSize(1), perGroup = w.getDimSize(1);
  auto expectedChannels = mulDims(perGroup, group);
  if (failed(expectedChannels) || !dimsCompatible(channels, *expectedChannels))
    return emitOptionalError(loc, "input has ", channels,
                             " channels but weight expects ", perGroup, " x group ",
                             group);
  int64_t filters = w.getDimSize(0);
  if (!ShapedType::isDynamic(filters) && filters % group != 0)
    return emitOptionalError(loc, "weight has ", filters,
                             " filters, not divisible by group ", group);
  WindowParams p;
  p.kernel = w.getShape().drop_front(2);
  p.strides = strides;
  p.pads = pads;
  p.dilations = dilations;
  auto spatial = windowOutputShape(loc, x, p);
  if (failed(spatial))
    return failure();
  SmallVector<int64_t> shape = {x.getDimSize(0), filters};
  shape.append(*spatial);
  inferred.push_back(RankedTensorType::get(shape, elementType));
  return success();
}

/// Checks an optional per-output-channel bias of length `channels`.
static LogicalResult verifyBias(std::optional<Location> loc, Value bias,
                                int64_t channels) {
  if (!bias)
    return success();
  auto b = rankedType(bias);
  if (b.getRank() != 1 || (!ShapedType::isDynamic(channels) &&
                           !b.isDynamicDim(0) && b.getDimSize(0) != channels))
    return emitOptionalError(loc, "bias must be 1-D of length ", channels, ", got ",
                             b);
  return success();
}

LogicalResult ConvOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                       Adaptor a, SmallVectorImpl<Type> &inferred) {
  if (failed(inferConvolution(loc, a.getX(), a.getW(), a.getGroup(), a.getStrides(),
                              a.getPads(), a.getDilations(),
                              rankedType(a.getX()).getElementType(), inferred)))
    return failure();
  return verifyBias(loc, a.getB(), rankedType(a.getW()).getDimSize(0));
}

LogicalResult ConvIntegerOp::inferReturnTypes(MLIRContext *ctx,
                                              std::optional<Location> loc, Adaptor a,
                                              SmallVectorImpl<Type> &inferred) {
  return inferConvolution(loc, a.getX(), a.getW(), a.getGroup(), a.getStrides(),
                          a.getPads(), a.getDilations(), IntegerType::get(ctx, 32),
                          inferred);
}

LogicalResult QLinearConvOp::inferReturnTypes(MLIRContext *,
                                              std::optional<Location> loc, Adaptor a,
                                              SmallVectorImpl<Type> &inferred) {
  if (failed(inferConvolution(loc, a.getX(), a.getW(), a.getGroup(), a.getStrides(),
                              a.getPads(), a.getDilations(),
                              rankedType(a.getYZeroPoint()).getElementType(),
                              inferred)))
    return failure();
  return verifyBias(loc, a.getB(), rankedType(a.getW()).getDimSize(0));
}

LogicalResult ConvTransposeOp::inferReturnTypes(MLIRContext *,
                                                std::optional<Location> loc, Adaptor a,
                                                SmallVectorImpl<Type> &inferred) {
  auto x = rankedType(a.getX()), w = rankedType(a.getW());
  int64_t spatial = x.getRank() - 2;
  if (spatial < 1 || w.getRank() != x.getRank())
    return emitOptionalError(loc, "expected input [N, C, D...] and weight of the same "
                                  "rank, got ",
                             x, " and ", w);
  int64_t group = a.getGroup();
  if (group < 1)
    return emitOptionalError(loc, "'group' must be positive, got ", group);
  if (!x.isDynamicDim(1) && !w.isDynamicDim(0) && x.getDimSize(1) != w.getDimSize(0))
    return emitOptionalError(loc, "input has ", x.getDimSize(1),
                             " channels but weight has ", w.getDimSize(0));
  ArrayRef<int64_t> strides = a.getStrides(), pads = a.getPads(),
                    dilations = a.getDilations(), outPad = a.getOutputPadding();
  if ((int64_t)strides.size() != spatial || (int64_t)pads.size() != 2 * spatial ||
      (int64_t)dilations.size() != spatial || (int64_t)outPad.size() != spatial)
    return emitOptionalError(loc, "strides, dilations and output_padding need ",
                             spatial, " values and pads ", 2 * spatial);
  auto filters = mulDims(w.getDimSize(1), group);
  if (failed(filters))
    return emitOptionalError(loc, "output channels overflow int64");
  SmallVector<int64_t> shape = {x.getDimSize(0), *filters};
  for (int64_t i = 0; i < spatial; ++i) {
    int64_t in = x.getDimSize(i + 2), k = w.getDimSize(i + 2);
    if (strides[i] < 1 || dilations[i] < 1 || outPad[i] < 0)
      return emitOptionalError(loc, "strides and dilations must be positive and "
                                    "output_padding non-negative");
    if (pads[i] < 0 || pads[i + spatial] < 0)
      return emitOptionalError(loc, "pads must be non-negative");
    if (ShapedType::isDynamic(in) || ShapedType::isDynamic(k)) {
      shape.push_back(ShapedType::kDynamic);
      continue;
    }
    // stride * (in - 1) + output_padding + (k - 1) * dilation + 1 - pads, in
    // 128-bit so that no attribute value can wrap it.
    __int128 out = (__int128)strides[i] * (in - 1) + outPad[i] +
                   (__int128)(k - 1) * dilations[i] + 1 - pads[i] -
                   pads[i + spatial];
    if (out > std::numeric_limits<int64_t>::max())
      return emitOptionalError(loc, "output size along spatial axis ", i,
                               " overflows int64");
    if (out < 1)
      return emitOptionalError(loc, "output size along spatial axis ", i,
                               " is not positive (", static_cast<int64_t>(out), ")");
    shape.push_back(static_cast<int64_t>(out));
  }
  if (failed(verifyBias(loc, a.getB(), shape[1])))
    return failure();
  inferred.push_back(x.clone(shape));
  return success();
}

LogicalResult MaxPoolOp::inferReturnTypes(MLIRContext *ctx, std::optional<Location> loc,
                                          Adaptor a, SmallVectorImpl<Type> &inferred) {
  auto x = rankedType(a.getX());
  if (a.getStorageOrder() > 1)
    return emitOptionalError(loc, "'storage_order' must be 0 or 1");
  WindowParams p{a.getKernelShape(), a.getStrides(), a.getPads(), a.getDilations(),
                 a.getCeilMode() != 0};
  auto spatial = windowOutputShape(loc, x, p);
  if (failed(spatial))
    return failure();
  SmallVector<int64_t> shape = {x.getDimSize(0), x.getDimSize(1)};
  shape.append(*spatial);
  inferred.push_back(x.clone(shape));
  inferred.push_back(RankedTensorType::get(shape, IntegerType::get(ctx, 64)));
  return success();
}

LogicalResult AveragePoolOp::inferReturnTypes(MLIRContext *,
                                              std::optional<Location> loc, Adaptor a,
                                              SmallVectorImpl<Type> &inferred) {
  auto x = rankedType(a.getX());
  WindowParams p{a.getKernelShape(), a.getStrides(), a.getPads(), {},
                 a.getCeilMode() != 0};
  auto spatial = windowOutputShape(loc, x, p);
  if (failed(spatial))
    return failure();
  SmallVector<int64_t> shape = {x.getDimSize(0), x.getDimSize(1)};
  shape.append(*spatial);
  inferred.push_back(x.clone(shape));
  return success();
}

LogicalResult LpPoolOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                         Adaptor a, SmallVectorImpl<Type> &inferred) {
  auto x = rankedType(a.getX());
  WindowParams p{a.getKernelShape(), a.getStrides(), a.getPads(), {}, false};
  auto spatial = windowOutputShape(loc, x, p);
  if (failed(spatial))
    return failure();
  SmallVector<int64_t> shape = {x.getDimSize(0), x.getDimSize(1)};
  shape.append(*spatial);
  inferred.push_back(x.clone(shape));
  return success();
}

static LogicalResult inferGlobalPool(std::optional<Location> loc, Value xValue,
                                     SmallVectorImpl<Type> &inferred) {
  auto x = rankedType(xValue);
  if (x.getRank() < 3)
    return emitOptionalError(loc, "input must have rank >= 3 ([N, C, D1, ...]), got ",
                             x.getRank());
  SmallVector<int64_t> shape(x.getShape());
  std::fill(shape.begin() + 2, shape.end(), 1);
  inferred.push_back(x.clone(shape));
  return success();
}

LogicalResult GlobalAveragePoolOp::inferReturnTypes(MLIRContext *,
                                                    std::optional<Location> loc,
                                                    Adaptor a,
                                                    SmallVectorImpl<Type> &inferred) {
  return inferGlobalPool(loc, a.getX(), inferred);
}

LogicalResult GlobalMaxPoolOp::inferReturnTypes(MLIRContext *,
                                                std::optional<Location> loc, Adaptor a,
                                                SmallVectorImpl<Type> &inferred) {
  return inferGlobalPool(loc, a.getX(), inferred);
}

LogicalResult LayerNormalizationOp::inferReturnTypes(MLIRContext *ctx,
                                                     std::optional<Location> loc,
                                                     Adaptor a,
                                                     SmallVectorImpl<Type> &inferred) {
  auto x = rankedType(a.getX());
  auto axis = normalizeAxis(a.getAxis(), x.getRank());
  if (failed(axis))
    return emitOptionalError(loc, "'axis' ", a.getAxis(), " is out of range for rank ",
                             x.getRank());
  if (a.getStashType() != 1)
    return emitOptionalError(loc, "only stash_type 1 (float) is supported");
  SmallVector<int64_t> statShape(x.getShape());
  std::fill(statShape.begin() + *axis, statShape.end(), 1);
  inferred.push_back(x);
  Type f32 = Float32Type::get(ctx);
  inferred.push_back(RankedTensorType::get(statShape, f32));
  inferred.push_back(RankedTensorType::get(statShape, f32));
  return success();
}

LogicalResult GemmOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                       Adaptor a, SmallVectorImpl<Type> &inferred) {
  auto ta = rankedType(a.getA()), tb = rankedType(a.getB());
  if (ta.getRank() != 2 || tb.getRank() != 2)
    return emitOptionalError(loc, "operands A and B must be 2-D, got ", ta, " and ", tb);
  int64_t m = ta.getDimSize(a.getTransA() ? 1 : 0);
  int64_t k = ta.getDimSize(a.getTransA() ? 0 : 1);
  int64_t kb = tb.getDimSize(a.getTransB() ? 1 : 0);
  int64_t n = tb.getDimSize(a.getTransB() ? 0 : 1);
  if (!ShapedType::isDynamic(k) && !ShapedType::isDynamic(kb) && k != kb)
    return emitOptionalError(loc, "inner dimensions differ: A gives K = ", k,
                             ", B gives K = ", kb);
  if (Value c = a.getC()) {
    int64_t out[] = {m, n};
    // Unidirectional: C repeats to [M, N] but never widens the result.
    if (!broadcastsTo(rankedType(c).getShape(), out))
      return emitOptionalError(loc, "C of type ", c.getType(),
                               " does not broadcast to [M, N] = [", m, ", ", n, "]");
  }
  inferred.push_back(RankedTensorType::get({m, n}, ta.getElementType()));
  return success();
}

/// numpy.matmul shapes: 1-D operands are promoted and the added dim removed.
static FailureOr<SmallVector<int64_t>> matmulShape(std::optional<Location> loc,
                                                   RankedTensorType a,
                                                   RankedTensorType b) {
  if (a.getRank() < 1 || b.getRank() < 1) {
    (void)emitOptionalError(loc, "matmul operands must have rank >= 1");
    return failure();
  }
  SmallVector<int64_t> as(a.getShape()), bs(b.getShape());
  bool aVec = as.size() == 1, bVec = bs.size() == 1;
  if (aVec)
    as.insert(as.begin(), 1);
  if (bVec)
    bs.push_back(1);
  int64_t k = as.back(), kb = bs[bs.size() - 2];
  if (!ShapedType::isDynamic(k) && !ShapedType::isDynamic(kb) && k != kb) {
    (void)emitOptionalError(loc, "inner dimensions differ: ", a, " x ", b);
    return failure();
  }
  std::string error;
  auto batch = broadcastShapes({ArrayRef<int64_t>(as).drop_back(2),
                                ArrayRef<int64_t>(bs).drop_back(2)},
                               &error);
  if (failed(batch)) {
    (void)emitOptionalError(loc, "batch dimensions: ", error);
    return failure();
  }
  SmallVector<int64_t> shape = *batch;
  if (!aVec)
    shape.push_back(as[as.size() - 2]);
  if (!bVec)
    shape.push_back(bs.back());
  return shape;
}

LogicalResult MatMulOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                         Adaptor a, SmallVectorImpl<Type> &inferred) {
  auto shape = matmulShape(loc, rankedType(a.getA()), rankedType(a.getB()));
  if (failed(shape))
    return failure();
  inferred.push_back(
      RankedTensorType::get(*shape, rankedType(a.getA()).getElementType()));
  return success();
}

LogicalResult MatMulIntegerOp::inferReturnTypes(MLIRContext *ctx,
                                                std::optional<Location> loc, Adaptor a,
                                                SmallVectorImpl<Type> &inferred) {
  auto shape = matmulShape(loc, rankedType(a.getA()), rankedType(a.getB()));
  if (failed(shape))
    return failure();
  inferred.push_back(RankedTensorType::get(*shape, IntegerType::get(ctx, 32)));
  return success();
}

LogicalResult QLinearMatMulOp::inferReturnTypes(MLIRContext *,
                                                std::optional<Location> loc, Adaptor a,
                                                SmallVectorImpl<Type> &inferred) {
  auto shape = matmulShape(loc, rankedType(a.getA()), rankedType(a.getB()));
  if (failed(shape))
    return failure();
  inferred.push_back(RankedTensorType::get(
      *shape, rankedType(a.getYZeroPoint()).getElementType()));
  return success();
}

/// Checks that an einsum term is letters with at most one "...".
static LogicalResult checkEinsumTerm(std::optional<Location> loc, StringRef term) {
  size_t dots = term.find("...");
  for (size_t i = 0; i < term.size(); ++i) {
    if (i == dots) {
      i += 2;
      continue;
    }
    if (!llvm::isAlpha(term[i]))
      return emitOptionalError(loc, "invalid character '", term.substr(i, 1),
                               "' in equation");
  }
  return success();
}

/// Einsum: letters label dims; "..." stands for broadcast leading dims.
FailureOr<EinsumEquation> mlir::kiln::analyzeEinsum(std::optional<Location> loc,
                                                    StringRef equation,
                                                    ValueRange operands) {
  std::string eq;
  for (char c : equation)
    if (c != ' ')
      eq.push_back(c);
  StringRef lhs = eq, rhs;
  bool explicitOutput = false;
  if (size_t arrow = lhs.find("->"); arrow != StringRef::npos) {
    rhs = lhs.substr(arrow + 2);
    lhs = lhs.substr(0, arrow);
    explicitOutput = true;
  }
  SmallVector<StringRef> terms;
  lhs.split(terms, ',');
  if (terms.size() != operands.size())
    return emitOptionalError(loc, "equation '", equation, "' has ", terms.size(),
                             " input terms but the op has ", operands.size(),
                             " operands");
  EinsumEquation result;
  std::map<char, int> counts;
  bool sawEllipsis = false;
  for (auto [term, input] : llvm::zip(terms, operands)) {
    if (failed(checkEinsumTerm(loc, term)))
      return failure();
    auto type = rankedType(input);
    size_t dots = term.find("...");
    int64_t letters = term.size() - (dots == StringRef::npos ? 0 : 3);
    int64_t ellRank = type.getRank() - letters;
    if (ellRank < 0 || (dots == StringRef::npos && ellRank != 0))
      return emitOptionalError(loc, "term '", term, "' does not match operand rank ",
                               type.getRank());
    int64_t dim = 0;
    for (size_t i = 0; i < term.size(); ++i) {
      if (i == dots) {
        sawEllipsis = true;
        std::string error;
        auto merged = broadcastShapes({ArrayRef<int64_t>(result.ellipsisShape),
                                       type.getShape().slice(dim, ellRank)},
                                      &error);
        if (failed(merged))
          return emitOptionalError(loc, "'...' dims: ", error);
        result.ellipsisShape = *merged;
        dim += ellRank;
        i += 2;
        continue;
      }
      char c = term[i];
      int64_t size = type.getDimSize(dim++);
      auto [it, inserted] = result.labelSizes.insert({c, size});
      // Sizes of one label broadcast like numpy: 1 yields to anything, a static
      // size to a dynamic one (which must match at run time).
      if (!inserted && it->second != size) {
        if (it->second == 1 || (ShapedType::isDynamic(it->second) && size != 1))
          it->second = size;
        else if (size != 1 && !ShapedType::isDynamic(size))
          return emitOptionalError(loc, "label '", StringRef(&c, 1), "' has sizes ",
                                   it->second, " and ", size);
      }
      ++counts[c];
    }
    result.inputs.push_back(term.str());
  }
  if (explicitOutput) {
    if (failed(checkEinsumTerm(loc, rhs)))
      return failure();
    size_t dots = rhs.find("...");
    for (size_t i = 0; i < rhs.size(); ++i) {
      if (i == dots) {
        i += 2;
        continue;
      }
      if (!result.labelSizes.count(rhs[i]))
        return emitOptionalError(loc, "output label '", rhs.substr(i, 1),
                                 "' does not appear in any input");
      if (rhs.find(rhs[i]) != i)
        return emitOptionalError(loc, "output label '", rhs.substr(i, 1),
                                 "' appears more than once");
    }
    // numpy (ONNX's reference) never sums "..." dims away.
    if (dots == StringRef::npos && !result.ellipsisShape.empty())
      return emitOptionalError(loc, "the output term has no '...' for the ",
                               result.ellipsisShape.size(), " broadcast dims");
    result.output = rhs.str();
  } else {
    if (sawEllipsis)
      result.output = "...";
    for (auto [c, n] : counts)
      if (n == 1)
        result.output.push_back(c);
  }
  return result;
}

LogicalResult EinsumOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                         Adaptor a, SmallVectorImpl<Type> &inferred) {
  if (failed(verifySameElementType(loc, a.getInputs())))
    return failure();
  auto eq = analyzeEinsum(loc, a.getEquation(), a.getInputs());
  if (failed(eq))
    return failure();
  SmallVector<int64_t> shape;
  StringRef out = eq->output;
  for (size_t i = 0; i < out.size(); ++i) {
    if (out.substr(i).starts_with("...")) {
      shape.append(eq->ellipsisShape);
      i += 2;
      continue;
    }
    shape.push_back(eq->labelSizes.at(out[i]));
  }
  inferred.push_back(
      RankedTensorType::get(shape, rankedType(a.getInputs().front()).getElementType()));
  return success();
}

LogicalResult ResizeOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                         Adaptor a, SmallVectorImpl<Type> &inferred) {
  auto x = rankedType(a.getX());
  ArrayRef<int64_t> sizes = a.getSizes();
  ArrayRef<float> scales = a.getScales();
  if ((int64_t)sizes.size() != x.getRank() || (int64_t)scales.size() != x.getRank())
    return emitOptionalError(loc, "'sizes' and 'scales' must have one value per "
                                  "dimension (",
                             x.getRank(), ")");
  for (auto [size, scale] : llvm::zip(sizes, scales))
    if (size < 0 || !(scale > 0))
      return emitOptionalError(loc, "sizes must be non-negative and scales positive");
  static const char *modes[] = {"nearest", "linear", "cubic"};
  if (!llvm::is_contained(modes, a.getMode()))
    return emitOptionalError(loc, "unknown mode '", a.getMode(), "'");
  inferred.push_back(x.clone(sizes));
  return success();
}

LogicalResult GridSampleOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                             Adaptor a, SmallVectorImpl<Type> &inferred) {
  auto x = rankedType(a.getX()), grid = rankedType(a.getGrid());
  if (x.getRank() != 4)
    return emitOptionalError(loc, "input must be 4-D [N, C, H, W], got ", x);
  if (grid.getRank() != 4 || grid.getDimSize(3) != 2)
    return emitOptionalError(loc, "grid must be [N, H_out, W_out, 2], got ", grid);
  int64_t n = x.getDimSize(0), gridN = grid.getDimSize(0);
  if (!ShapedType::isDynamic(n) && !ShapedType::isDynamic(gridN) && n != gridN)
    return emitOptionalError(loc, "grid batch ", gridN, " differs from input batch ", n);
  static const char *modes[] = {"bilinear", "nearest", "bicubic"};
  if (!llvm::is_contained(modes, a.getMode()))
    return emitOptionalError(loc, "unknown mode '", a.getMode(), "'");
  static const char *paddings[] = {"zeros", "border", "reflection"};
  if (!llvm::is_contained(paddings, a.getPaddingMode()))
    return emitOptionalError(loc, "unknown padding_mode '", a.getPaddingMode(), "'");
  if (a.getAlignCorners() != 0 && a.getAlignCorners() != 1)
    return emitOptionalError(loc, "'align_corners' must be 0 or 1, got ",
                             a.getAlignCorners());
  inferred.push_back(x.clone({ShapedType::isDynamic(n) ? gridN : n, x.getDimSize(1),
                              grid.getDimSize(1), grid.getDimSize(2)}));
  return success();
}

LogicalResult PadOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                      Adaptor a, SmallVectorImpl<Type> &inferred) {
  auto x = rankedType(a.getData());
  ArrayRef<int64_t> pads = a.getPads();
  int64_t rank = x.getRank();
  if ((int64_t)pads.size() != 2 * rank)
    return emitOptionalError(loc, "'pads' has ", pads.size(), " values, expected ",
                             2 * rank);
  static const char *modes[] = {"constant", "reflect", "edge"};
  if (!llvm::is_contained(modes, a.getMode()))
    return emitOptionalError(loc, "unknown mode '", a.getMode(), "'");
  SmallVector<int64_t> shape;
  for (int64_t i = 0; i < rank; ++i) {
    int64_t d = x.getDimSize(i);
    if (ShapedType::isDynamic(d)) {
      shape.push_back(d);
      continue;
    }
    // In 128-bit: two pads near INT64_MAX must not wrap to a small size.
    __int128 out = (__int128)d + pads[i] + pads[i + rank];
    if (out > std::numeric_limits<int64_t>::max())
      return emitOptionalError(loc, "padding dimension ", i, " of size ", d, " by ",
                               pads[i], " and ", pads[i + rank], " overflows int64");
    if (out < 0)
      return emitOptionalError(loc, "padding makes dimension ", i, " negative (",
                               static_cast<int64_t>(out), ")");
    shape.push_back(static_cast<int64_t>(out));
  }
  inferred.push_back(x.clone(shape));
  return success();
}

static LogicalResult inferSpaceDepth(std::optional<Location> loc, Value input,
                                     int64_t block, bool toSpace,
                                     SmallVectorImpl<Type> &inferred) {
  auto x = rankedType(input);
  if (x.getRank() != 4)
    return emitOptionalError(loc, "input must be 4-D [N, C, H, W], got ", x);
  if (block < 1)
    return emitOptionalError(loc, "'blocksize' must be positive, got ", block);
  SmallVector<int64_t> s(x.getShape());
  int64_t b2 = block * block;
  if (toSpace) {
    if (!x.isDynamicDim(1) && s[1] % b2 != 0)
      return emitOptionalError(loc, "channels ", s[1],
                               " not divisible by blocksize^2 = ", b2);
    s = {s[0], x.isDynamicDim(1) ? s[1] : s[1] / b2,
         x.isDynamicDim(2) ? s[2] : s[2] * block,
         x.isDynamicDim(3) ? s[3] : s[3] * block};
  } else {
    if ((!x.isDynamicDim(2) && s[2] % block) || (!x.isDynamicDim(3) && s[3] % block))
      return emitOptionalError(loc, "spatial dims ", s[2], "x", s[3],
                               " not divisible by blocksize ", block);
    s = {s[0], x.isDynamicDim(1) ? s[1] : s[1] * b2,
         x.isDynamicDim(2) ? s[2] : s[2] / block,
         x.isDynamicDim(3) ? s[3] : s[3] / block};
  }
  inferred.push_back(x.clone(s));
  return success();
}

LogicalResult DepthToSpaceOp::inferReturnTypes(MLIRContext *,
                                               std::optional<Location> loc, Adaptor a,
                                               SmallVectorImpl<Type> &inferred) {
  if (a.getMode() != "DCR" && a.getMode() != "CRD")
    return emitOptionalError(loc, "'mode' must be DCR or CRD, got '", a.getMode(),
                             "'");
  return inferSpaceDepth(loc, a.getInput(), a.getBlocksize(), true, inferred);
}

LogicalResult SpaceToDepthOp::inferReturnTypes(MLIRContext *,
                                               std::optional<Location> loc, Adaptor a,
                                               SmallVectorImpl<Type> &inferred) {
  return inferSpaceDepth(loc, a.getInput(), a.getBlocksize(), false, inferred);
}
