//===- ImportNN.cpp - Convolution, pooling, normalization, GEMM, resize --===//

#include "lib/Import/AttributeNormalization.h"
#include "lib/Import/NodeImporter.h"

using namespace mlir;
using namespace mlir::kiln;

namespace kiln {

/// `values` or `count` ones.
static SmallVector<int64_t> orOnes(std::optional<SmallVector<int64_t>> values,
                                   size_t count) {
  return values ? *values : SmallVector<int64_t>(count, 1);
}

/// Makes strides, dilations (when `withDilations`) and pads explicit for a
/// window of `kernel` over input `x`, resolving auto_pad.
static LogicalResult normalizeWindow(NodeImporter &ni, Value x,
                                     ArrayRef<int64_t> kernel, bool withDilations) {
  auto type = cast<RankedTensorType>(x.getType());
  if (type.getRank() < 3)
    return ni.emitError() << ni.opType() << " input must have rank >= 3, got "
                          << type;
  ArrayRef<int64_t> spatial = type.getShape().drop_front(2);
  if (kernel.size() != spatial.size())
    return ni.emitError() << "kernel has " << kernel.size()
                          << " spatial dims but the input has " << spatial.size();
  SmallVector<int64_t> strides = orOnes(ni.intsAttr("strides"), spatial.size());
  SmallVector<int64_t> dilations = orOnes(ni.intsAttr("dilations"), spatial.size());
  std::optional<SmallVector<int64_t>> pads = ni.intsAttr("pads");
  std::optional<ArrayRef<int64_t>> padsRef;
  if (pads)
    padsRef = *pads;
  auto resolved = resolveWindowPads(ni.strAttr("auto_pad", "NOTSET"), spatial, kernel,
                                    strides, dilations, padsRef);
  if (!resolved)
    return ni.emitError() << llvm::toString(resolved.takeError());
  ni.consume({"auto_pad"});
  ni.setInts("strides", strides);
  ni.setInts("pads", *resolved);
  if (withDilations)
    ni.setInts("dilations", dilations);
  return success();
}

/// Conv-like ops take the kernel shape from the weight; a kernel_shape attribute,
/// when given, must agree with it.
static LogicalResult normalizeConvolution(NodeImporter &ni, unsigned xIndex,
                                          unsigned wIndex) {
  ArrayRef<int64_t> kernel = ni.inputType(wIndex).getShape().drop_front(2);
  if (auto given = ni.intsAttr("kernel_shape"); given && ArrayRef(*given) != kernel)
    return ni.emitError() << "kernel_shape does not match the weight's spatial dims";
  ni.consume({"kernel_shape"});
  return normalizeWindow(ni, ni.input(xIndex), kernel, /*withDilations=*/true);
}

template <typename OpT, unsigned XIndex, unsigned WIndex>
static LogicalResult importConvolution(NodeImporter &ni) {
  if (failed(normalizeConvolution(ni, XIndex, WIndex)))
    return failure();
  return ni.build<OpT>(ni.inputs());
}

static LogicalResult importConvTranspose(NodeImporter &ni) {
  auto x = ni.inputType(0), w = ni.inputType(1);
  if (x.getRank() < 3 || w.getRank() != x.getRank())
    return ni.emitError() << "ConvTranspose needs input and weight of the same rank "
                             ">= 3, got "
                          << x << " and " << w;
  ArrayRef<int64_t> spatial = x.getShape().drop_front(2);
  ArrayRef<int64_t> kernel = w.getShape().drop_front(2);
  size_t n = spatial.size();
  SmallVector<int64_t> strides = orOnes(ni.intsAttr("strides"), n);
  SmallVector<int64_t> dilations = orOnes(ni.intsAttr("dilations"), n);
  SmallVector<int64_t> outputPadding =
      ni.intsAttr("output_padding").value_or(SmallVector<int64_t>(n, 0));
  auto outputShape = ni.intsAttr("output_shape");
  std::optional<ArrayRef<int64_t>> outputShapeRef;
  if (outputShape) {
    // output_shape may list all dims or only the spatial ones.
    ArrayRef<int64_t> s = *outputShape;
    outputShapeRef = s.size() == n + 2 ? s.drop_front(2) : s;
  }
  if (outputShapeRef) {
    // An output_shape beyond what the input produces without padding is
    // reached by extending the end, which is what output_padding does.
    for (size_t i = 0; i < n && i < outputShapeRef->size(); ++i) {
      int64_t natural = strides[i] * (spatial[i] - 1) + outputPadding[i] +
                        (kernel[i] - 1) * dilations[i] + 1;
      if ((*outputShapeRef)[i] > natural)
        outputPadding[i] += (*outputShapeRef)[i] - natural;
    }
  }
  auto pads = ni.intsAttr("pads");
  std::optional<ArrayRef<int64_t>> padsRef;
  if (pads)
    padsRef = *pads;
  auto resolved =
      resolveConvTransposePads(ni.strAttr("auto_pad", "NOTSET"), spatial, kernel,
                               strides, dilations, outputPadding, outputShapeRef, padsRef);
  if (!resolved)
    return ni.emitError() << llvm::toString(resolved.takeError());
  ni.consume({"auto_pad", "kernel_shape", "output_shape"});
  ni.setInts("strides", strides);
  ni.setInts("dilations", dilations);
  ni.setInts("output_padding", outputPadding);
  ni.setInts("pads", *resolved);
  return ni.build<ConvTransposeOp>(ni.inputs());
}

template <typename OpT, bool WithDilations>
static LogicalResult importPool(NodeImporter &ni) {
  auto kernel = ni.intsAttr("kernel_shape");
  if (!kernel)
    return ni.emitError() << ni.opType() << " needs 'kernel_shape'";
  if (failed(normalizeWindow(ni, ni.input(0), *kernel, WithDilations)))
    return failure();
  return ni.build<OpT>({ni.input(0)});
}

static LogicalResult importBatchNormalization(NodeImporter &ni) {
  if (ni.intAttr("training_mode", 0) != 0)
    return ni.emitError() << "BatchNormalization in training mode is not supported "
                             "(Kiln compiles for inference)";
  for (unsigned i = 1; i < ni.numOutputs(); ++i)
    if (!ni.node().output(i).empty())
      return ni.emitError() << "BatchNormalization's running mean/variance outputs "
                               "are training-only and not supported";
  ni.consume({"training_mode", "momentum"});
  return ni.build<BatchNormalizationOp>(ni.inputs());
}

/// Resize-11+: (X, roi, scales, sizes); Upsample-7/9: scales as attribute/input.
static LogicalResult finishResize(NodeImporter &ni, ArrayRef<float> scales,
                                  ArrayRef<int64_t> sizes) {
  auto resolved = resolveResize(ni.inputType(0).getShape(), scales, sizes);
  if (!resolved)
    return ni.emitError() << llvm::toString(resolved.takeError());
  ni.setInts("sizes", resolved->sizes);
  ni.setAttr("scales", ni.builder().getDenseF32ArrayAttr(resolved->scales));
  return ni.build<ResizeOp>({ni.input(0)});
}

static LogicalResult importResize(NodeImporter &ni) {
  SmallVector<float> scales;
  SmallVector<int64_t> sizes;
  if (ni.input(1) && ni.strAttr("coordinate_transformation_mode", "half_pixel") ==
                         "tf_crop_and_resize") {
    auto roi = ni.constFloats(1, "roi");
    if (failed(roi))
      return failure();
    ni.setAttr("roi", ni.builder().getDenseF32ArrayAttr(*roi));
  }
  if (ni.input(2)) {
    auto values = ni.constFloats(2, "scales");
    if (failed(values))
      return failure();
    scales = *values;
  }
  if (ni.input(3)) {
    auto values = ni.constInts(3, "sizes");
    if (failed(values))
      return failure();
    sizes = *values;
  }
  return finishResize(ni, scales, sizes);
}

static LogicalResult importUpsample(NodeImporter &ni) {
  SmallVector<float> scales;
  if (ni.input(1)) {
    auto values = ni.constFloats(1, "scales");
    if (failed(values))
      return failure();
    scales = *values;
  } else if (auto attr =
                 dyn_cast_if_present<DenseF32ArrayAttr>(ni.attr("scales"))) {
    scales.assign(attr.asArrayRef().begin(), attr.asArrayRef().end());
  }
  // Upsample's coordinate mapping is Resize's asymmetric transform with floor.
  StringRef mode = ni.strAttr("mode", "nearest");
  ni.consume({"scales", "mode"});
  ni.setAttr("mode", ni.builder().getStringAttr(mode == "bilinear" ? "linear" : mode));
  ni.setAttr("coordinate_transformation_mode",
             ni.builder().getStringAttr("asymmetric"));
  ni.setAttr("nearest_mode", ni.builder().getStringAttr("floor"));
  return finishResize(ni, scales, {});
}

static LogicalResult importPad(NodeImporter &ni) {
  SmallVector<int64_t> pads;
  if (ni.input(1)) {
    auto values = ni.constInts(1, "pads");
    if (failed(values))
      return failure();
    pads = *values;
  } else if (auto attr = ni.intsAttr("pads")) {
    pads = *attr;
  }
  int64_t rank = ni.inputType(0).getRank();
  if (ni.input(3)) {
    // Opset 18 `axes`: pads only cover the listed axes.
    auto axes = ni.constInts(3, "axes");
    if (failed(axes))
      return failure();
    auto normalized = normalizeAxes(*axes, rank);
    if (!normalized)
      return ni.emitError() << llvm::toString(normalized.takeError());
    if (pads.size() != 2 * normalized->size())
      return ni.emitError() << "'pads' must have 2 values per axis";
    SmallVector<int64_t> full(2 * rank, 0);
    for (auto [i, axis] : llvm::enumerate(*normalized)) {
      full[axis] = pads[i];
      full[axis + rank] = pads[i + normalized->size()];
    }
    pads = full;
  }
  ni.setInts("pads", pads);
  return ni.build<PadOp>({ni.input(0), ni.input(2)});
}

void registerNNImporters(ImporterRegistry &r) {
  r["Conv"] = &importConvolution<ConvOp, 0, 1>;
  r["ConvInteger"] = &importConvolution<ConvIntegerOp, 0, 1>;
  r["QLinearConv"] = &importConvolution<QLinearConvOp, 0, 3>;
  r["ConvTranspose"] = &importConvTranspose;
  r["MaxPool"] = &importPool<MaxPoolOp, true>;
  r["AveragePool"] = &importPool<AveragePoolOp, false>;
  r["LpPool"] = &importPool<LpPoolOp, false>;
  r["GlobalAveragePool"] = &importDirect<GlobalAveragePoolOp>;
  r["GlobalMaxPool"] = &importDirect<GlobalMaxPoolOp>;
  r["BatchNormalization"] = &importBatchNormalization;
  r["InstanceNormalization"] = &importDirect<InstanceNormalizationOp>;
  r["LayerNormalization"] = &importDirect<LayerNormalizationOp>;
  r["LpNormalization"] = &importDirect<LpNormalizationOp>;
  r["MeanVarianceNormalization"] = &importDirect<MeanVarianceNormalizationOp>;
  r["LRN"] = &importDirect<LRNOp>;
  r["Gemm"] = &importDirect<GemmOp>;
  r["MatMul"] = &importDirect<MatMulOp>;
  r["Einsum"] = &importVariadic<EinsumOp>;
  r["Softmax"] = &importDirect<SoftmaxOp>;
  r["LogSoftmax"] = &importDirect<LogSoftmaxOp>;
  r["Hardmax"] = &importDirect<HardmaxOp>;
  r["Resize"] = &importResize;
  r["Upsample"] = &importUpsample;
  r["GridSample"] = &importDirect<GridSampleOp>;
  r["Pad"] = &importPad;
  r["DepthToSpace"] = &importDirect<DepthToSpaceOp>;
  r["SpaceToDepth"] = &importDirect<SpaceToDepthOp>;
}

} // namespace kiln
