//===- AttributeNormalization.h - ONNX attributes to Kiln's form -*- C++ -*-===//
//
// Pure functions that turn ONNX's flexible attribute conventions (auto_pad,
// negative axes, 0/-1 in Reshape, unclamped Slice bounds, ...) into the explicit
// form the kiln dialect requires. They know nothing of protobuf or MLIR
// operations, so they are unit-tested directly.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_IMPORT_ATTRIBUTENORMALIZATION_H
#define KILN_IMPORT_ATTRIBUTENORMALIZATION_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <optional>

namespace kiln {

using Dims = llvm::SmallVector<int64_t, 6>;

/// Explicit [begin..., end...] pads for a convolution or pooling window.
/// `autoPad` is NOTSET (use `pads`, default zeros), VALID (zeros), SAME_UPPER or
/// SAME_LOWER (output = ceil(input / stride); the odd pad goes at the end for
/// SAME_UPPER, at the beginning for SAME_LOWER).
llvm::Expected<Dims> resolveWindowPads(llvm::StringRef autoPad,
                                       llvm::ArrayRef<int64_t> inputSpatial,
                                       llvm::ArrayRef<int64_t> kernel,
                                       llvm::ArrayRef<int64_t> strides,
                                       llvm::ArrayRef<int64_t> dilations,
                                       std::optional<llvm::ArrayRef<int64_t>> pads);

/// ConvTranspose: explicit pads from `auto_pad`/`output_shape`, as ONNX specifies:
/// total_padding = stride*(in-1) + output_padding + ((k-1)*d+1) - out.
llvm::Expected<Dims> resolveConvTransposePads(
    llvm::StringRef autoPad, llvm::ArrayRef<int64_t> inputSpatial,
    llvm::ArrayRef<int64_t> kernel, llvm::ArrayRef<int64_t> strides,
    llvm::ArrayRef<int64_t> dilations, llvm::ArrayRef<int64_t> outputPadding,
    std::optional<llvm::ArrayRef<int64_t>> outputShape,
    std::optional<llvm::ArrayRef<int64_t>> pads);

/// Reshape's target: 0 copies the input dim (unless `allowZero`), one -1 is
/// inferred. The element counts must match.
llvm::Expected<Dims> resolveReshape(llvm::ArrayRef<int64_t> inputShape,
                                    llvm::ArrayRef<int64_t> requested, bool allowZero);

/// Axes in [-rank, rank) made non-negative and sorted; repeats are errors.
llvm::Expected<Dims> normalizeAxes(llvm::ArrayRef<int64_t> axes, int64_t rank);

/// Slice bounds for every dim of `shape`, clamped as ONNX specifies. Dims not in
/// `axes` (default: the first starts.size() dims) take the whole range.
struct SliceBounds {
  Dims starts, ends, steps;
};
llvm::Expected<SliceBounds> resolveSlice(llvm::ArrayRef<int64_t> shape,
                                         llvm::ArrayRef<int64_t> starts,
                                         llvm::ArrayRef<int64_t> ends,
                                         std::optional<llvm::ArrayRef<int64_t>> axes,
                                         std::optional<llvm::ArrayRef<int64_t>> steps);

/// Split sizes: explicit `split`, or `numOutputs` equal parts (the last one
/// smaller when the dim does not divide, as in opset 18).
llvm::Expected<Dims> resolveSplit(int64_t dimSize, int64_t numOutputs,
                                  std::optional<llvm::ArrayRef<int64_t>> split);

/// Resize: output sizes and scales from whichever of the two was given.
struct ResizeShape {
  Dims sizes;
  llvm::SmallVector<float, 6> scales;
};
llvm::Expected<ResizeShape> resolveResize(llvm::ArrayRef<int64_t> inputShape,
                                          llvm::ArrayRef<float> scales,
                                          llvm::ArrayRef<int64_t> sizes);

} // namespace kiln

#endif // KILN_IMPORT_ATTRIBUTENORMALIZATION_H
