//===- ImportTensor.cpp - Shape, data movement and constant ONNX ops -----===//

#include "lib/Import/AttributeNormalization.h"
#include "lib/Import/NodeImporter.h"

#include "mlir/IR/Matchers.h"

using namespace mlir;
using namespace mlir::kiln;

namespace kiln {

/// Integer list from constant input `i` when present, else from attribute
/// `name` (the pre-opset-13 spelling of the same thing).
static FailureOr<std::optional<SmallVector<int64_t>>>
intsFromInputOrAttr(NodeImporter &ni, unsigned i, StringRef name) {
  if (ni.input(i)) {
    auto values = ni.constInts(i, name);
    if (failed(values))
      return failure();
    return std::optional(*values);
  }
  return ni.intsAttr(name);
}

#define KILN_TRY(VAR, EXPR)                                                        \
  auto VAR = (EXPR);                                                               \
  if (failed(VAR))                                                                 \
    return failure();

/// Unwraps an llvm::Expected or reports its error at the node.
#define KILN_TRY_EXPECTED(VAR, EXPR)                                               \
  auto VAR = (EXPR);                                                               \
  if (!VAR)                                                                        \
    return ni.emitError() << llvm::toString(VAR.takeError());

static LogicalResult importReshape(NodeImporter &ni) {
  KILN_TRY(shape, ni.constInts(1, "shape"));
  KILN_TRY_EXPECTED(resolved, resolveReshape(ni.inputType(0).getShape(), *shape,
                                             ni.intAttr("allowzero", 0) != 0));
  ni.consume({"allowzero"});
  ni.setInts("shape", *resolved);
  return ni.build<ReshapeOp>({ni.input(0)});
}

static LogicalResult importTranspose(NodeImporter &ni) {
  if (!ni.attr("perm")) {
    SmallVector<int64_t> perm;
    for (int64_t i = ni.inputType(0).getRank() - 1; i >= 0; --i)
      perm.push_back(i);
    ni.setInts("perm", perm);
  }
  return ni.build<TransposeOp>({ni.input(0)});
}

static LogicalResult importSqueeze(NodeImporter &ni) {
  KILN_TRY(axes, intsFromInputOrAttr(ni, 1, "axes"));
  auto type = ni.inputType(0);
  SmallVector<int64_t> resolved;
  if (*axes) {
    KILN_TRY_EXPECTED(normalized, normalizeAxes(**axes, type.getRank()));
    resolved = *normalized;
  } else {
    for (int64_t i = 0; i < type.getRank(); ++i)
      if (type.getDimSize(i) == 1)
        resolved.push_back(i);
  }
  ni.setInts("axes", resolved);
  return ni.build<SqueezeOp>({ni.input(0)});
}

static LogicalResult importUnsqueeze(NodeImporter &ni) {
  KILN_TRY(axes, intsFromInputOrAttr(ni, 1, "axes"));
  if (!*axes)
    return ni.emitError() << "Unsqueeze needs 'axes'";
  int64_t outRank = ni.inputType(0).getRank() + (*axes)->size();
  KILN_TRY_EXPECTED(normalized, normalizeAxes(**axes, outRank));
  ni.setInts("axes", *normalized);
  return ni.build<UnsqueezeOp>({ni.input(0)});
}

static LogicalResult importSplit(NodeImporter &ni) {
  KILN_TRY(split, intsFromInputOrAttr(ni, 1, "split"));
  auto type = ni.inputType(0);
  auto axis = normalizeAxis(ni.intAttr("axis", 0), type.getRank());
  if (failed(axis))
    return ni.emitError() << "'axis' is out of range for rank " << type.getRank();
  std::optional<ArrayRef<int64_t>> splitRef;
  if (*split)
    splitRef = **split;
  int64_t outputs = ni.intAttr("num_outputs", ni.numOutputs());
  KILN_TRY_EXPECTED(sizes, resolveSplit(type.getDimSize(*axis), outputs, splitRef));
  ni.consume({"num_outputs"});
  ni.setInts("split", *sizes);
  return ni.build<SplitOp>({ni.input(0)});
}

static LogicalResult importSlice(NodeImporter &ni) {
  // Slice-1 has attributes; Slice-10+ has (data, starts, ends, axes?, steps?).
  std::optional<SmallVector<int64_t>> starts, ends, axes, steps;
  if (ni.input(1)) {
    KILN_TRY(s, ni.constInts(1, "starts"));
    KILN_TRY(e, ni.constInts(2, "ends"));
    starts = *s;
    ends = *e;
    if (ni.input(3)) {
      KILN_TRY(a, ni.constInts(3, "axes"));
      axes = *a;
    }
    if (ni.input(4)) {
      KILN_TRY(st, ni.constInts(4, "steps"));
      steps = *st;
    }
  } else {
    starts = ni.intsAttr("starts");
    ends = ni.intsAttr("ends");
    axes = ni.intsAttr("axes");
    if (!starts || !ends)
      return ni.emitError() << "Slice needs 'starts' and 'ends'";
  }
  std::optional<ArrayRef<int64_t>> axesRef, stepsRef;
  if (axes)
    axesRef = *axes;
  if (steps)
    stepsRef = *steps;
  KILN_TRY_EXPECTED(bounds, resolveSlice(ni.inputType(0).getShape(), *starts, *ends,
                                         axesRef, stepsRef));
  ni.consume({"axes"});
  ni.setInts("starts", bounds->starts);
  ni.setInts("ends", bounds->ends);
  ni.setInts("steps", bounds->steps);
  return ni.build<SliceOp>({ni.input(0)});
}

static LogicalResult importExpand(NodeImporter &ni) {
  KILN_TRY(shape, ni.constInts(1, "shape"));
  std::string error;
  auto result = broadcastShapes({ni.inputType(0).getShape(), *shape}, &error);
  if (failed(result))
    return ni.emitError() << "Expand: " << error;
  ni.setInts("shape", *result);
  return ni.build<ExpandOp>({ni.input(0)});
}

static LogicalResult importTile(NodeImporter &ni) {
  KILN_TRY(repeats, ni.constInts(1, "repeats"));
  ni.setInts("repeats", *repeats);
  return ni.build<TileOp>({ni.input(0)});
}

/// A scalar (or one-element) constant integer input promoted to attribute `name`.
static LogicalResult promoteScalar(NodeImporter &ni, unsigned i, StringRef name) {
  KILN_TRY(values, ni.constInts(i, name));
  if (values->size() != 1)
    return ni.emitError() << "input '" << name << "' of " << ni.opType()
                          << " must hold exactly one value";
  ni.setAttr(name, ni.builder().getI64IntegerAttr((*values)[0]));
  return success();
}

static LogicalResult importTopK(NodeImporter &ni) {
  if (ni.input(1) && failed(promoteScalar(ni, 1, "k")))
    return failure();
  return ni.build<TopKOp>({ni.input(0)});
}

static LogicalResult importCumSum(NodeImporter &ni) {
  if (failed(promoteScalar(ni, 1, "axis")))
    return failure();
  return ni.build<CumSumOp>({ni.input(0)});
}

static LogicalResult importTrilu(NodeImporter &ni) {
  if (ni.input(1) && failed(promoteScalar(ni, 1, "k")))
    return failure();
  return ni.build<TriluOp>({ni.input(0)});
}

static LogicalResult importOneHot(NodeImporter &ni) {
  // depth may be any numeric type; ONNX rounds it down.
  KILN_TRY(attr, ni.constAttr(1, "depth"));
  std::optional<int64_t> depth;
  if (auto ints = constantInts(*attr); ints && ints->size() == 1)
    depth = (*ints)[0];
  else if (auto floats = constantFloats(*attr); floats && floats->size() == 1)
    depth = static_cast<int64_t>(std::floor((*floats)[0]));
  if (!depth)
    return ni.emitError() << "input 'depth' of OneHot must be a scalar";
  ni.setAttr("depth", ni.builder().getI64IntegerAttr(*depth));
  return ni.build<OneHotOp>({ni.input(0), ni.input(2)});
}

static LogicalResult importConstantOfShape(NodeImporter &ni) {
  KILN_TRY(shape, ni.constInts(0, "input"));
  ni.setInts("shape", *shape);
  return ni.build<ConstantOfShapeOp>({});
}

/// Constant: exactly one of value, value_float(s), value_int(s).
static LogicalResult importConstant(NodeImporter &ni) {
  OpBuilder &b = ni.builder();
  ElementsAttr value;
  if (auto v = dyn_cast_if_present<ElementsAttr>(ni.attr("value"))) {
    value = v;
  } else if (auto f = dyn_cast_if_present<FloatAttr>(ni.attr("value_float"))) {
    value = DenseElementsAttr::get(RankedTensorType::get({}, b.getF32Type()),
                                   f.getValue());
  } else if (auto i = dyn_cast_if_present<IntegerAttr>(ni.attr("value_int"))) {
    value = DenseElementsAttr::get(RankedTensorType::get({}, b.getI64Type()),
                                   i.getValue());
  } else if (auto fs = dyn_cast_if_present<DenseF32ArrayAttr>(ni.attr("value_floats"))) {
    value = DenseElementsAttr::get(
        RankedTensorType::get({(int64_t)fs.size()}, b.getF32Type()), fs.asArrayRef());
  } else if (auto is = dyn_cast_if_present<DenseI64ArrayAttr>(ni.attr("value_ints"))) {
    value = DenseElementsAttr::get(
        RankedTensorType::get({(int64_t)is.size()}, b.getI64Type()), is.asArrayRef());
  } else {
    return ni.emitError() << "Constant needs one of value, value_float, "
                             "value_floats, value_int, value_ints (sparse and "
                             "string constants are not supported)";
  }
  ni.results = {ConstantOp::create(b, ni.loc(), value).getResult()};
  return success();
}

/// Gather, GatherElements and ScatterElements: indices known at compile time
/// are checked here; ONNX calls an out-of-range index an error, and it would
/// access out of bounds.
static LogicalResult checkConstantIndices(NodeImporter &ni, int64_t axis) {
  Attribute indices;
  if (!matchPattern(ni.input(1), m_Constant(&indices)))
    return success();
  auto values = constantInts(indices);
  RankedTensorType data = ni.inputType(0);
  auto normalized = normalizeAxis(axis, data.getRank());
  if (!values || failed(normalized) || data.isDynamicDim(*normalized))
    return success(); // The op's own inference reports a bad axis.
  int64_t size = data.getDimSize(*normalized);
  for (int64_t index : *values)
    if (index < -size || index >= size)
      return ni.emitError() << ni.opType() << " index " << index
                            << " is out of range [" << -size << ", " << size
                            << ") for axis " << axis << " of size " << size;
  return success();
}

static LogicalResult importGather(NodeImporter &ni) {
  if (failed(checkConstantIndices(ni, ni.intAttr("axis", 0))))
    return failure();
  return ni.build<GatherOp>(ni.inputs());
}

static LogicalResult importGatherElements(NodeImporter &ni) {
  if (failed(checkConstantIndices(ni, ni.intAttr("axis", 0))))
    return failure();
  return ni.build<GatherElementsOp>(ni.inputs());
}

/// ScatterElements, and Scatter (its name in opsets 9-10).
static LogicalResult importScatterElements(NodeImporter &ni) {
  if (failed(checkConstantIndices(ni, ni.intAttr("axis", 0))))
    return failure();
  return ni.build<ScatterElementsOp>(ni.inputs());
}

/// GatherND and ScatterND: each constant index tuple indices[..., :] addresses
/// data's dims from `firstDim` (GatherND's batch_dims) on, component j ranging
/// over dimension firstDim + j.
static LogicalResult checkConstantIndexTuples(NodeImporter &ni, int64_t firstDim) {
  Attribute indices;
  RankedTensorType data = ni.inputType(0), idx = ni.inputType(1);
  std::optional<SmallVector<int64_t>> values;
  if (matchPattern(ni.input(1), m_Constant(&indices)))
    values = constantInts(indices);
  int64_t k = idx.getRank() >= 1 ? idx.getShape().back() : 0;
  // The op's own inference reports a bad index depth or batch_dims.
  if (!values || k < 1 || firstDim < 0 || firstDim + k > data.getRank())
    return success();
  for (auto [i, index] : llvm::enumerate(*values)) {
    int64_t dim = firstDim + int64_t(i) % k, size = data.getDimSize(dim);
    if (!data.isDynamicDim(dim) && (index < -size || index >= size))
      return ni.emitError() << ni.opType() << " index " << index
                            << " is out of range [" << -size << ", " << size
                            << ") for dimension " << dim << " of size " << size;
  }
  return success();
}

static LogicalResult importScatterND(NodeImporter &ni) {
  if (failed(checkConstantIndexTuples(ni, 0)))
    return failure();
  return ni.build<ScatterNDOp>(ni.inputs());
}

static LogicalResult importGatherND(NodeImporter &ni) {
  if (failed(checkConstantIndexTuples(ni, ni.intAttr("batch_dims", 0))))
    return failure();
  return ni.build<GatherNDOp>(ni.inputs());
}

/// Compress: `condition` decides the result shape, so it must be constant.
static LogicalResult importCompress(NodeImporter &ni) {
  KILN_TRY(values, ni.constInts(1, "condition"));
  SmallVector<bool> condition;
  for (int64_t v : *values)
    condition.push_back(v != 0);
  ni.setAttr("condition", ni.builder().getDenseBoolArrayAttr(condition));
  return ni.build<CompressOp>({ni.input(0)});
}

/// EyeLike: `dtype` (an ONNX data type code) becomes the result element type;
/// without it the result has the input's.
static LogicalResult importEyeLike(NodeImporter &ni) {
  Type element = ni.inputType(0).getElementType();
  if (ni.attr("dtype")) {
    int64_t dtype = ni.intAttr("dtype", 0);
    element = onnxElementType(dtype, ni.context());
    if (!element)
      return ni.emitError() << "EyeLike to ONNX data type " << dtype
                            << " is not supported";
  }
  ni.setAttr("dtype", TypeAttr::get(element));
  return ni.build<EyeLikeOp>({ni.input(0)});
}

/// Range with constant operands is folded here: its length depends on values.
static LogicalResult importRange(NodeImporter &ni) {
  // The result's length depends on the values, so all three must be known.
  KILN_TRY(startAttr, ni.constAttr(0, "start"));
  KILN_TRY(limitAttr, ni.constAttr(1, "limit"));
  KILN_TRY(deltaAttr, ni.constAttr(2, "delta"));
  Attribute start = *startAttr, limit = *limitAttr, delta = *deltaAttr;
  Type element = ni.inputType(0).getElementType();
  auto type = [&](int64_t n) { return RankedTensorType::get({n}, element); };
  ElementsAttr value;
  if (element.isInteger()) {
    auto s = constantInts(start), l = constantInts(limit), d = constantInts(delta);
    if (!s || !l || !d || s->size() != 1 || l->size() != 1 || d->size() != 1 ||
        (*d)[0] == 0)
      return ni.emitError() << "Range needs scalar operands and a non-zero delta";
    int64_t first = (*s)[0], step = (*d)[0];
    // ONNX: max(ceil((limit - start) / delta), 0), in 128-bit so that no
    // operand values can overflow it.
    __int128 span = (__int128)(*l)[0] - first;
    __int128 q = span / step;
    if (span % step != 0 && ((span > 0) == (step > 0)))
      ++q;
    if (q > (int64_t(1) << 24))
      return ni.emitError() << "Range from " << first << " to " << (*l)[0]
                            << " by " << step << " has more than 2^24 elements";
    int64_t n = std::max<int64_t>(0, static_cast<int64_t>(q));
    SmallVector<APInt> values;
    for (int64_t i = 0; i < n; ++i)
      values.push_back(APInt(element.getIntOrFloatBitWidth(), first + i * step,
                             /*isSigned=*/true));
    value = DenseElementsAttr::get(type(n), values);
  } else {
    auto s = constantFloats(start), l = constantFloats(limit), d = constantFloats(delta);
    if (!s || !l || !d || s->size() != 1 || l->size() != 1 || d->size() != 1 ||
        (*d)[0] == 0)
      return ni.emitError() << "Range needs scalar operands and a non-zero delta";
    double n = std::ceil((double((*l)[0]) - (*s)[0]) / (*d)[0]);
    if (!(n <= double(1 << 24))) // Also catches NaN from infinite operands.
      return ni.emitError() << "Range from " << (*s)[0] << " to " << (*l)[0]
                            << " by " << (*d)[0] << " has more than 2^24 elements";
    int64_t count = std::max<int64_t>(0, int64_t(n));
    SmallVector<APFloat> values;
    for (int64_t i = 0; i < count; ++i) {
      APFloat v(double((*s)[0]) + double(i) * (*d)[0]);
      bool lost;
      v.convert(cast<FloatType>(element).getFloatSemantics(),
                APFloat::rmNearestTiesToEven, &lost);
      values.push_back(v);
    }
    value = DenseElementsAttr::get(type(count), values);
  }
  ni.results = {ConstantOp::create(ni.builder(), ni.loc(), value).getResult()};
  return success();
}

void registerTensorImporters(ImporterRegistry &r) {
  r["Reshape"] = &importReshape;
  r["Flatten"] = &importDirect<FlattenOp>;
  r["Transpose"] = &importTranspose;
  r["Squeeze"] = &importSqueeze;
  r["Unsqueeze"] = &importUnsqueeze;
  r["Concat"] = &importVariadic<ConcatOp>;
  r["Split"] = &importSplit;
  r["Slice"] = &importSlice;
  r["Gather"] = &importGather;
  r["GatherElements"] = &importGatherElements;
  r["GatherND"] = &importGatherND;
  r["ScatterElements"] = &importScatterElements;
  // ONNX's version converter renames Scatter to ScatterElements; registering
  // it as well lets `kilnc --list-ops` (and the conformance runner) know it.
  r["Scatter"] = &importScatterElements;
  r["ScatterND"] = &importScatterND;
  r["Compress"] = &importCompress;
  r["EyeLike"] = &importEyeLike;
  r["Expand"] = &importExpand;
  r["Tile"] = &importTile;
  r["Shape"] = &importDirect<ShapeOp>;
  r["Size"] = &importDirect<SizeOp>;
  r["Constant"] = &importConstant;
  r["ConstantOfShape"] = &importConstantOfShape;
  r["Range"] = &importRange;
  r["TopK"] = &importTopK;
  r["CumSum"] = &importCumSum;
  r["OneHot"] = &importOneHot;
  r["Trilu"] = &importTrilu;
}

} // namespace kiln
