//===- AttributeNormalization.cpp - ONNX attributes to Kiln's form --------===//
//
// Turns ONNX's flexible attribute conventions into explicit values, following
// the opset-17 operator specifications (and ONNX 1.12's shape inference where
// the specification is silent). Every value comes from an untrusted model, so
// each is range-checked, all arithmetic on it is overflow-checked, and every
// problem becomes an llvm::Error naming the offending values.
//
//===----------------------------------------------------------------------===//

#include "lib/Import/AttributeNormalization.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallSet.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/MathExtras.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>

using namespace kiln;

//===----------------------------------------------------------------------===//
// Helpers
//===----------------------------------------------------------------------===//

static llvm::Error fail(const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}

/// "[1,-1,3]".
static std::string str(llvm::ArrayRef<int64_t> values) {
  std::string s;
  llvm::raw_string_ostream os(s);
  os << "[";
  llvm::interleave(values, os, ",");
  os << "]";
  return s;
}

/// "[0.5,2]": shortest readable form of float scales.
static std::string str(llvm::ArrayRef<float> values) {
  std::string s;
  llvm::raw_string_ostream os(s);
  os << "[";
  llvm::interleave(
      values, os, [&](float v) { os << llvm::format("%g", double(v)); }, ",");
  os << "]";
  return s;
}

/// a * b + c without signed overflow; false when it would overflow.
static bool mulAdd(int64_t a, int64_t b, int64_t c, int64_t &result) {
  int64_t product;
  if (llvm::MulOverflow(a, b, product))
    return false;
  return !llvm::AddOverflow(product, c, result);
}

/// ceil(a / b) for a >= 0, b > 0, without the overflow of (a + b - 1) / b.
static int64_t ceilDiv(int64_t a, int64_t b) { return a / b + (a % b != 0); }

/// Spatial window parameters, checked and with empty strides/dilations
/// expanded to ones.
struct Window {
  Dims strides, dilations, effectiveKernel;
};

static llvm::Expected<Window> checkWindow(llvm::StringRef op, size_t rank,
                                          llvm::ArrayRef<int64_t> kernel,
                                          llvm::ArrayRef<int64_t> strides,
                                          llvm::ArrayRef<int64_t> dilations) {
  if (kernel.size() != rank)
    return fail(op + ": kernel_shape " + str(kernel) + " has " +
                llvm::Twine(kernel.size()) + " values for " +
                llvm::Twine(rank) + " spatial dims");
  if (!strides.empty() && strides.size() != rank)
    return fail(op + ": strides " + str(strides) + " has " +
                llvm::Twine(strides.size()) + " values for " +
                llvm::Twine(rank) + " spatial dims");
  if (!dilations.empty() && dilations.size() != rank)
    return fail(op + ": dilations " + str(dilations) + " has " +
                llvm::Twine(dilations.size()) + " values for " +
                llvm::Twine(rank) + " spatial dims");
  Window w;
  w.strides.assign(strides.begin(), strides.end());
  w.dilations.assign(dilations.begin(), dilations.end());
  if (w.strides.empty())
    w.strides.assign(rank, 1);
  if (w.dilations.empty())
    w.dilations.assign(rank, 1);
  for (size_t i = 0; i < rank; ++i) {
    if (kernel[i] <= 0)
      return fail(op + ": kernel_shape " + str(kernel) +
                  " must be positive (axis " + llvm::Twine(i) + ")");
    if (w.strides[i] <= 0)
      return fail(op + ": strides " + str(w.strides) +
                  " must be positive (axis " + llvm::Twine(i) + ")");
    if (w.dilations[i] <= 0)
      return fail(op + ": dilations " + str(w.dilations) +
                  " must be positive (axis " + llvm::Twine(i) + ")");
    int64_t effective;
    if (!mulAdd(kernel[i] - 1, w.dilations[i], 1, effective))
      return fail(op + ": kernel_shape " + str(kernel) + " with dilations " +
                  str(w.dilations) + " overflows (axis " + llvm::Twine(i) +
                  ")");
    w.effectiveKernel.push_back(effective);
  }
  return w;
}

/// Explicit pads as given: 2 * rank non-negative values, or zeros when absent.
static llvm::Expected<Dims>
explicitPads(llvm::StringRef op, size_t rank,
             std::optional<llvm::ArrayRef<int64_t>> pads) {
  if (!pads)
    return Dims(2 * rank, 0);
  if (pads->size() != 2 * rank)
    return fail(op + ": pads " + str(*pads) + " has " +
                llvm::Twine(pads->size()) + " values, expected " +
                llvm::Twine(2 * rank) + " (begin and end for " +
                llvm::Twine(rank) + " spatial dims)");
  for (int64_t p : *pads)
    if (p < 0)
      return fail(op + ": pads " + str(*pads) + " must be non-negative");
  return Dims(pads->begin(), pads->end());
}

static bool isKnownAutoPad(llvm::StringRef autoPad) {
  return autoPad == "NOTSET" || autoPad == "VALID" || autoPad == "SAME_UPPER" ||
         autoPad == "SAME_LOWER";
}

//===----------------------------------------------------------------------===//
// Convolution and pooling windows
//===----------------------------------------------------------------------===//

llvm::Expected<Dims> kiln::resolveWindowPads(
    llvm::StringRef autoPad, llvm::ArrayRef<int64_t> inputSpatial,
    llvm::ArrayRef<int64_t> kernel, llvm::ArrayRef<int64_t> strides,
    llvm::ArrayRef<int64_t> dilations,
    std::optional<llvm::ArrayRef<int64_t>> pads) {
  if (!isKnownAutoPad(autoPad))
    return fail("unknown auto_pad '" + autoPad +
                "' (expected NOTSET, VALID, SAME_UPPER or SAME_LOWER)");
  size_t rank = inputSpatial.size();
  auto window = checkWindow("window", rank, kernel, strides, dilations);
  if (!window)
    return window.takeError();

  // `pads` may not be combined with auto_pad; like onnxruntime, Kiln lets
  // auto_pad win when a model carries both.
  if (autoPad == "NOTSET")
    return explicitPads("window", rank, pads);
  Dims result(2 * rank, 0);
  if (autoPad == "VALID")
    return result;

  // SAME_*: output = ceil(in / stride); the total padding is what that output
  // needs beyond the input, never negative. ONNX 1.12's shape inference writes
  // the same total as effective_kernel - (in % stride or stride).
  for (size_t i = 0; i < rank; ++i) {
    int64_t in = inputSpatial[i], stride = window->strides[i];
    if (in < 0)
      return fail("window: input size " + llvm::Twine(in) + " (axis " +
                  llvm::Twine(i) +
                  ") must be static and non-negative for auto_pad " + autoPad);
    int64_t out = ceilDiv(in, stride);
    int64_t needed;
    if (!mulAdd(out - 1, stride, window->effectiveKernel[i], needed))
      return fail("window: padding for input size " + llvm::Twine(in) +
                  " overflows (axis " + llvm::Twine(i) + ")");
    int64_t total = std::max<int64_t>(0, needed - in);
    int64_t small = total / 2, big = total - small;
    bool upper = autoPad == "SAME_UPPER";
    result[i] = upper ? small : big;
    result[i + rank] = upper ? big : small;
  }
  return result;
}

llvm::Expected<Dims> kiln::resolveConvTransposePads(
    llvm::StringRef autoPad, llvm::ArrayRef<int64_t> inputSpatial,
    llvm::ArrayRef<int64_t> kernel, llvm::ArrayRef<int64_t> strides,
    llvm::ArrayRef<int64_t> dilations, llvm::ArrayRef<int64_t> outputPadding,
    std::optional<llvm::ArrayRef<int64_t>> outputShape,
    std::optional<llvm::ArrayRef<int64_t>> pads) {
  if (!isKnownAutoPad(autoPad))
    return fail("ConvTranspose: unknown auto_pad '" + autoPad +
                "' (expected NOTSET, VALID, SAME_UPPER or SAME_LOWER)");
  size_t rank = inputSpatial.size();
  auto window = checkWindow("ConvTranspose", rank, kernel, strides, dilations);
  if (!window)
    return window.takeError();

  Dims adjust(outputPadding.begin(), outputPadding.end());
  if (adjust.empty())
    adjust.assign(rank, 0);
  if (adjust.size() != rank)
    return fail("ConvTranspose: output_padding " + str(outputPadding) +
                " has " + llvm::Twine(outputPadding.size()) + " values for " +
                llvm::Twine(rank) + " spatial dims");
  for (size_t i = 0; i < rank; ++i) {
    // The spec: "must be less than the corresponding stride/dilation
    // dimension"; as in PyTorch, less than either one suffices.
    if (adjust[i] < 0 ||
        adjust[i] >= std::max(window->strides[i], window->dilations[i]))
      return fail("ConvTranspose: output_padding " + str(adjust) + " (axis " +
                  llvm::Twine(i) +
                  ") must be non-negative and less than the stride or the "
                  "dilation");
  }

  if (!outputShape && autoPad == "NOTSET")
    return explicitPads("ConvTranspose", rank, pads);
  Dims result(2 * rank, 0);
  if (!outputShape && autoPad == "VALID")
    return result;
  if (outputShape && outputShape->size() != rank)
    return fail("ConvTranspose: output_shape " + str(*outputShape) + " has " +
                llvm::Twine(outputShape->size()) + " values for " +
                llvm::Twine(rank) + " spatial dims");

  for (size_t i = 0; i < rank; ++i) {
    int64_t in = inputSpatial[i], stride = window->strides[i];
    if (in < 1)
      return fail("ConvTranspose: input size " + llvm::Twine(in) + " (axis " +
                  llvm::Twine(i) + ") must be static and positive");
    // The output with no padding: stride*(in-1) + output_padding + eff. kernel.
    int64_t full;
    if (!mulAdd(stride, in - 1, adjust[i], full) ||
        llvm::AddOverflow(full, window->effectiveKernel[i], full))
      return fail("ConvTranspose: output size for input size " +
                  llvm::Twine(in) + " overflows (axis " + llvm::Twine(i) + ")");
    int64_t total;
    if (outputShape) {
      int64_t out = (*outputShape)[i];
      if (out < 0)
        return fail("ConvTranspose: output_shape " + str(*outputShape) +
                    " must be non-negative");
      total = full - out;
      if (total < 0)
        return fail("ConvTranspose: output_shape " + str(*outputShape) +
                    " needs negative padding " + llvm::Twine(total) +
                    " on axis " + llvm::Twine(i) + ": the largest output is " +
                    llvm::Twine(full) + " (raise output_padding instead)");
    } else {
      // SAME_*: output = in * stride. The total is negative only when the
      // effective kernel plus output_padding is shorter than the stride; ONNX
      // 1.12's shape inference and onnxruntime then use no padding (the output
      // is shorter than in * stride), and so does Kiln.
      int64_t out;
      if (llvm::MulOverflow(in, stride, out))
        return fail("ConvTranspose: output size " + llvm::Twine(in) + " * " +
                    llvm::Twine(stride) + " overflows (axis " + llvm::Twine(i) +
                    ")");
      total = std::max<int64_t>(0, full - out);
    }
    // The specification's split: SAME_UPPER puts the odd pad at the end, every
    // other auto_pad (NOTSET and VALID included, with output_shape) at the
    // beginning.
    int64_t small = total / 2, big = total - small;
    bool upper = autoPad == "SAME_UPPER";
    result[i] = upper ? small : big;
    result[i + rank] = upper ? big : small;
  }
  return result;
}

//===----------------------------------------------------------------------===//
// Reshape
//===----------------------------------------------------------------------===//

llvm::Expected<Dims> kiln::resolveReshape(llvm::ArrayRef<int64_t> inputShape,
                                          llvm::ArrayRef<int64_t> requested,
                                          bool allowZero) {
  int64_t total = 1;
  for (int64_t d : inputShape) {
    if (d < 0)
      return fail("Reshape: input shape " + str(inputShape) +
                  " must be static and non-negative");
    if (llvm::MulOverflow(total, d, total))
      return fail("Reshape: element count of input shape " + str(inputShape) +
                  " overflows");
  }

  Dims result;
  std::optional<size_t> inferredIndex;
  bool hasZero = false;
  int64_t known = 1;
  for (auto [i, d] : llvm::enumerate(requested)) {
    int64_t dim = d;
    if (d == -1) {
      if (inferredIndex)
        return fail("Reshape: shape " + str(requested) +
                    " has more than one -1");
      inferredIndex = i;
      result.push_back(-1);
      continue;
    }
    if (d < -1)
      return fail("Reshape: shape " + str(requested) + " has invalid value " +
                  llvm::Twine(d) + " (only -1 may be negative)");
    if (d == 0) {
      hasZero = true;
      if (!allowZero) {
        if (i >= inputShape.size())
          return fail("Reshape: shape " + str(requested) + " has 0 at index " +
                      llvm::Twine(i) + " but input shape " + str(inputShape) +
                      " has rank " + llvm::Twine(inputShape.size()) +
                      " (0 copies the input dim)");
        dim = inputShape[i];
      }
    }
    if (llvm::MulOverflow(known, dim, known))
      return fail("Reshape: element count of shape " + str(requested) +
                  " overflows");
    result.push_back(dim);
  }

  if (allowZero && hasZero && inferredIndex)
    return fail("Reshape: shape " + str(requested) +
                " has both 0 and -1, which allowzero=1 forbids");
  if (inferredIndex) {
    // With a zero among the known dims any size would fit the -1.
    if (known == 0 || total % known != 0)
      return fail("cannot reshape " + llvm::Twine(total) + " elements into " +
                  str(requested));
    result[*inferredIndex] = total / known;
  } else if (known != total) {
    return fail("cannot reshape " + llvm::Twine(total) + " elements into " +
                str(requested));
  }
  return result;
}

//===----------------------------------------------------------------------===//
// Axes
//===----------------------------------------------------------------------===//

/// `axis` in [-rank, rank) made non-negative.
static llvm::Expected<int64_t> checkAxis(llvm::StringRef what, int64_t axis,
                                         int64_t rank) {
  if (axis < -rank || axis >= rank)
    return fail(what + " " + llvm::Twine(axis) + " is out of range for rank " +
                llvm::Twine(rank) + " (expected [" + llvm::Twine(-rank) + ", " +
                llvm::Twine(rank) + "))");
  return axis < 0 ? axis + rank : axis;
}

/// `axes` made non-negative, in their given order; repeats are errors.
static llvm::Expected<Dims> normalizeAxesUnsorted(llvm::ArrayRef<int64_t> axes,
                                                  int64_t rank) {
  if (rank < 0)
    return fail("rank " + llvm::Twine(rank) + " must be non-negative");
  Dims result;
  for (int64_t axis : axes) {
    auto normalized = checkAxis("axis", axis, rank);
    if (!normalized)
      return normalized.takeError();
    if (llvm::is_contained(result, *normalized))
      return fail("axes " + str(axes) + " name axis " +
                  llvm::Twine(*normalized) + " more than once");
    result.push_back(*normalized);
  }
  return result;
}

llvm::Expected<Dims> kiln::normalizeAxes(llvm::ArrayRef<int64_t> axes,
                                         int64_t rank) {
  auto result = normalizeAxesUnsorted(axes, rank);
  if (result)
    llvm::sort(*result);
  return result;
}

//===----------------------------------------------------------------------===//
// Slice
//===----------------------------------------------------------------------===//

/// Clamps one Slice bound as Slice-13 specifies: negative values count from the
/// end (adding `dim` to a negative value cannot overflow), then the result is
/// clamped into [low, high].
static int64_t clampBound(int64_t value, int64_t dim, int64_t low,
                          int64_t high) {
  if (value < 0)
    value += dim;
  return std::clamp(value, low, high);
}

llvm::Expected<SliceBounds>
kiln::resolveSlice(llvm::ArrayRef<int64_t> shape,
                   llvm::ArrayRef<int64_t> starts, llvm::ArrayRef<int64_t> ends,
                   std::optional<llvm::ArrayRef<int64_t>> axes,
                   std::optional<llvm::ArrayRef<int64_t>> steps) {
  int64_t rank = shape.size();
  for (int64_t d : shape)
    if (d < 0)
      return fail("Slice: input shape " + str(shape) +
                  " must be static and non-negative");
  if (starts.size() != ends.size())
    return fail("Slice: starts " + str(starts) + " and ends " + str(ends) +
                " differ in length");
  if (axes && axes->size() != starts.size())
    return fail("Slice: axes " + str(*axes) + " and starts " + str(starts) +
                " differ in length");
  if (steps && steps->size() != starts.size())
    return fail("Slice: steps " + str(*steps) + " and starts " + str(starts) +
                " differ in length");

  Dims defaultAxes;
  if (!axes) {
    if (int64_t(starts.size()) > rank)
      return fail("Slice: starts " + str(starts) +
                  " has more values than rank " + llvm::Twine(rank));
    for (int64_t i = 0, e = starts.size(); i < e; ++i)
      defaultAxes.push_back(i);
  }
  auto sliced = normalizeAxesUnsorted(axes ? *axes : defaultAxes, rank);
  if (!sliced)
    return fail("Slice: " + llvm::toString(sliced.takeError()));

  SliceBounds bounds;
  bounds.starts.assign(rank, 0);
  bounds.ends.assign(shape.begin(), shape.end());
  bounds.steps.assign(rank, 1);
  for (size_t i = 0; i < starts.size(); ++i) {
    int64_t axis = (*sliced)[i];
    int64_t dim = shape[axis];
    int64_t step = steps ? (*steps)[i] : 1;
    if (step == 0)
      return fail("Slice: steps " + str(*steps) + " has 0 (axis " +
                  llvm::Twine(axis) + ")");
    bounds.steps[axis] = step;
    if (step > 0) {
      bounds.starts[axis] = clampBound(starts[i], dim, 0, dim);
      bounds.ends[axis] = clampBound(ends[i], dim, 0, dim);
    } else if (dim == 0) {
      // [0, dim-1] is empty: an empty dim yields an empty slice.
      bounds.starts[axis] = 0;
      bounds.ends[axis] = 0;
    } else {
      bounds.starts[axis] = clampBound(starts[i], dim, 0, dim - 1);
      bounds.ends[axis] = clampBound(ends[i], dim, -1, dim - 1);
    }
  }
  return bounds;
}

//===----------------------------------------------------------------------===//
// Split
//===----------------------------------------------------------------------===//

llvm::Expected<Dims>
kiln::resolveSplit(int64_t dimSize, int64_t numOutputs,
                   std::optional<llvm::ArrayRef<int64_t>> split) {
  if (dimSize < 0)
    return fail("Split: dim size " + llvm::Twine(dimSize) +
                " must be static and non-negative");
  if (split) {
    // numOutputs is the node's output count when known; 0 skips that check.
    if (split->empty())
      return fail("Split: split is empty");
    if (numOutputs > 0 && int64_t(split->size()) != numOutputs)
      return fail("Split: split " + str(*split) + " has " +
                  llvm::Twine(split->size()) + " sizes for " +
                  llvm::Twine(numOutputs) + " outputs");
    int64_t sum = 0;
    for (int64_t s : *split) {
      if (s < 0)
        return fail("Split: split " + str(*split) + " must be non-negative");
      if (llvm::AddOverflow(sum, s, sum))
        return fail("Split: split " + str(*split) + " overflows");
    }
    if (sum != dimSize)
      return fail("Split: split " + str(*split) + " sums to " +
                  llvm::Twine(sum) + ", not the dim size " +
                  llvm::Twine(dimSize));
    return Dims(split->begin(), split->end());
  }

  // Equal parts of ceil(dimSize / numOutputs), the last one taking what is
  // left (opset 18). Every part must be non-empty: 4 into 3 (2,2,0) or 5 into 4
  // (2,2,2,-1) have no sane meaning and are rejected.
  if (numOutputs < 1)
    return fail("Split: number of outputs " + llvm::Twine(numOutputs) +
                " must be positive");
  // chunk <= dimSize / numOutputs + 1, so chunk * (numOutputs - 1) cannot
  // overflow.
  int64_t chunk = ceilDiv(dimSize, numOutputs);
  int64_t last = dimSize - chunk * (numOutputs - 1);
  if (last <= 0)
    return fail("Split: cannot split dim size " + llvm::Twine(dimSize) +
                " into " + llvm::Twine(numOutputs) +
                " non-empty parts of size " + llvm::Twine(chunk) +
                " (the last taking the rest)");
  Dims result(numOutputs, chunk);
  result.back() = last;
  return result;
}

//===----------------------------------------------------------------------===//
// Resize
//===----------------------------------------------------------------------===//

llvm::Expected<ResizeShape>
kiln::resolveResize(llvm::ArrayRef<int64_t> inputShape,
                    llvm::ArrayRef<float> scales,
                    llvm::ArrayRef<int64_t> sizes) {
  size_t rank = inputShape.size();
  if (scales.empty() && sizes.empty())
    return fail("Resize: neither scales nor sizes is given");
  if (!scales.empty() && !sizes.empty())
    return fail("Resize: both scales " + str(scales) + " and sizes " +
                str(sizes) + " are given; exactly one is allowed");
  for (int64_t d : inputShape)
    if (d < 0)
      return fail("Resize: input shape " + str(inputShape) +
                  " must be static and non-negative");

  ResizeShape result;
  if (!scales.empty()) {
    if (scales.size() != rank)
      return fail("Resize: scales " + str(scales) + " has " +
                  llvm::Twine(scales.size()) + " values for input rank " +
                  llvm::Twine(rank));
    for (size_t i = 0; i < rank; ++i) {
      // `!(x > 0)` also rejects NaN.
      if (!(scales[i] > 0) || !std::isfinite(scales[i]))
        return fail("Resize: scales " + str(scales) +
                    " must be positive and finite (axis " + llvm::Twine(i) +
                    ")");
      // As ONNX computes it: floor(input * scale) in double.
      double size = std::floor(double(inputShape[i]) * double(scales[i]));
      if (size >= 9223372036854775808.0) // 2^63
        return fail("Resize: output size of input " +
                    llvm::Twine(inputShape[i]) + " scaled by " +
                    str(scales.slice(i, 1)) + " overflows (axis " +
                    llvm::Twine(i) + ")");
      result.sizes.push_back(int64_t(size));
    }
    result.scales.assign(scales.begin(), scales.end());
    return result;
  }

  if (sizes.size() != rank)
    return fail("Resize: sizes " + str(sizes) + " has " +
                llvm::Twine(sizes.size()) + " values for input rank " +
                llvm::Twine(rank));
  for (size_t i = 0; i < rank; ++i) {
    if (sizes[i] < 0)
      return fail("Resize: sizes " + str(sizes) +
                  " must be non-negative (axis " + llvm::Twine(i) + ")");
    if (inputShape[i] == 0)
      return fail("Resize: input shape " + str(inputShape) +
                  " has an empty dim (axis " + llvm::Twine(i) +
                  "), so no scale reaches sizes " + str(sizes));
    result.scales.push_back(float(sizes[i]) / float(inputShape[i]));
  }
  result.sizes.assign(sizes.begin(), sizes.end());
  return result;
}
