//===- TensorOps.cpp - Type inference for shape and data movement ops ----===//

#include "dialects/Kiln/KilnOps.h"

#include "mlir/IR/TypeUtilities.h"
#include "llvm/ADT/SmallBitVector.h"

using namespace mlir;
using namespace mlir::kiln;

LogicalResult ReshapeOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                          Adaptor a, SmallVectorImpl<Type> &inferred) {
  auto x = rankedType(a.getData());
  ArrayRef<int64_t> shape = a.getShape();
  for (int64_t d : shape)
    if (d < 0)
      return emitOptionalError(loc, "'shape' must be explicit and non-negative after "
                                    "import, got ",
                               d);
  int64_t in = numElements(x.getShape()), out = numElements(shape);
  if (!ShapedType::isDynamic(in) && in != out)
    return emitOptionalError(loc, "cannot reshape ", in, " elements into ", out);
  inferred.push_back(x.clone(shape));
  return success();
}

LogicalResult FlattenOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                          Adaptor a, SmallVectorImpl<Type> &inferred) {
  auto x = rankedType(a.getInput());
  int64_t rank = x.getRank(), axis = a.getAxis();
  if (axis < -rank || axis > rank)
    return emitOptionalError(loc, "'axis' ", axis, " is out of range [", -rank, ", ",
                             rank, "]");
  if (axis < 0)
    axis += rank;
  inferred.push_back(x.clone({numElements(x.getShape().take_front(axis)),
                              numElements(x.getShape().drop_front(axis))}));
  return success();
}

LogicalResult TransposeOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                            Adaptor a,
                                            SmallVectorImpl<Type> &inferred) {
  auto x = rankedType(a.getData());
  ArrayRef<int64_t> perm = a.getPerm();
  if ((int64_t)perm.size() != x.getRank())
    return emitOptionalError(loc, "'perm' has ", perm.size(), " entries for rank ",
                             x.getRank());
  llvm::SmallBitVector seen(perm.size());
  SmallVector<int64_t> shape;
  for (int64_t p : perm) {
    if (p < 0 || p >= x.getRank() || seen.test(p))
      return emitOptionalError(loc, "'perm' is not a permutation of [0, ",
                               x.getRank(), ")");
    seen.set(p);
    shape.push_back(x.getDimSize(p));
  }
  inferred.push_back(x.clone(shape));
  return success();
}

LogicalResult SqueezeOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                          Adaptor a, SmallVectorImpl<Type> &inferred) {
  auto x = rankedType(a.getData());
  llvm::SmallBitVector drop(x.getRank());
  for (int64_t axis : a.getAxes()) {
    if (axis < 0 || axis >= x.getRank() || drop.test(axis))
      return emitOptionalError(loc, "squeeze axis ", axis,
                               " is out of range or repeated (rank ", x.getRank(), ")");
    if (x.getDimSize(axis) != 1 && !x.isDynamicDim(axis))
      return emitOptionalError(loc, "cannot squeeze axis ", axis, " of size ",
                               x.getDimSize(axis));
    drop.set(axis);
  }
  SmallVector<int64_t> shape;
  for (int64_t i = 0; i < x.getRank(); ++i)
    if (!drop.test(i))
      shape.push_back(x.getDimSize(i));
  inferred.push_back(x.clone(shape));
  return success();
}

LogicalResult UnsqueezeOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                            Adaptor a,
                                            SmallVectorImpl<Type> &inferred) {
  auto x = rankedType(a.getData());
  int64_t rank = x.getRank() + a.getAxes().size();
  llvm::SmallBitVector inserted(rank);
  for (int64_t axis : a.getAxes()) {
    if (axis < 0 || axis >= rank || inserted.test(axis))
      return emitOptionalError(loc, "unsqueeze axis ", axis,
                               " is out of range or repeated (result rank ", rank, ")");
    inserted.set(axis);
  }
  SmallVector<int64_t> shape;
  for (int64_t i = 0, j = 0; i < rank; ++i)
    shape.push_back(inserted.test(i) ? 1 : x.getDimSize(j++));
  inferred.push_back(x.clone(shape));
  return success();
}

LogicalResult ConcatOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                         Adaptor a, SmallVectorImpl<Type> &inferred) {
  ValueRange inputs = a.getInputs();
  if (inputs.empty())
    return emitOptionalError(loc, "expected at least one input");
  auto first = rankedType(inputs.front());
  auto axis = normalizeAxis(a.getAxis(), first.getRank());
  if (failed(axis))
    return emitOptionalError(loc, "'axis' ", a.getAxis(), " is out of range for rank ",
                             first.getRank());
  SmallVector<int64_t> shape(first.getShape());
  for (Value v : inputs.drop_front()) {
    auto t = rankedType(v);
    if (t.getRank() != first.getRank() || t.getElementType() != first.getElementType())
      return emitOptionalError(loc, "inputs differ in rank or element type: ", first,
                               " and ", t);
    for (int64_t i = 0; i < t.getRank(); ++i) {
      if (i == *axis) {
        auto sum = addDims(shape[i], t.getDimSize(i));
        if (failed(sum))
          return emitOptionalError(loc, "concatenated size overflows int64");
        shape[i] = *sum;
      } else if (!t.isDynamicDim(i) && !ShapedType::isDynamic(shape[i]) &&
                 t.getDimSize(i) != shape[i]) {
        return emitOptionalError(loc, "inputs differ in dimension ", i, ": ", first,
                                 " and ", t);
      }
    }
  }
  inferred.push_back(first.clone(shape));
  return success();
}

LogicalResult SplitOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                        Adaptor a, SmallVectorImpl<Type> &inferred) {
  auto x = rankedType(a.getInput());
  auto axis = normalizeAxis(a.getAxis(), x.getRank());
  if (failed(axis))
    return emitOptionalError(loc, "'axis' ", a.getAxis(), " is out of range for rank ",
                             x.getRank());
  int64_t total = 0;
  for (int64_t size : a.getSplit()) {
    auto sum = addDims(total, size);
    if (size < 0 || failed(sum))
      return emitOptionalError(loc, "split sizes must be non-negative and sum to "
                                    "at most 2^63 - 1");
    total = *sum;
    SmallVector<int64_t> shape(x.getShape());
    shape[*axis] = size;
    inferred.push_back(x.clone(shape));
  }
  if (a.getSplit().empty())
    return emitOptionalError(loc, "'split' must not be empty");
  if (!x.isDynamicDim(*axis) && total != x.getDimSize(*axis))
    return emitOptionalError(loc, "split sizes sum to ", total, " but dimension ",
                             *axis, " has ", x.getDimSize(*axis));
  return success();
}

LogicalResult SliceOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                        Adaptor a, SmallVectorImpl<Type> &inferred) {
  auto x = rankedType(a.getData());
  ArrayRef<int64_t> starts = a.getStarts(), ends = a.getEnds(), steps = a.getSteps();
  int64_t rank = x.getRank();
  if ((int64_t)starts.size() != rank || (int64_t)ends.size() != rank ||
      (int64_t)steps.size() != rank)
    return emitOptionalError(loc, "'starts', 'ends' and 'steps' need one value per "
                                  "dimension (",
                             rank, ")");
  SmallVector<int64_t> shape;
  for (int64_t i = 0; i < rank; ++i) {
    int64_t d = x.getDimSize(i), step = steps[i];
    if (step == 0)
      return emitOptionalError(loc, "slice step must not be 0");
    if (ShapedType::isDynamic(d)) {
      shape.push_back(d);
      continue;
    }
    // After import, starts/ends are clamped: [0, d] for positive steps and
    // [-1, d-1] for negative ones.
    bool ok = step > 0 ? (starts[i] >= 0 && starts[i] <= d && ends[i] >= 0 &&
                          ends[i] <= d)
                       : (starts[i] >= -1 && starts[i] <= d - 1 && ends[i] >= -1 &&
                          ends[i] <= d - 1);
    if (!ok)
      return emitOptionalError(loc, "slice bounds ", starts[i], ":", ends[i], ":",
                               step, " are not clamped to dimension ", i, " of size ",
                               d);
    int64_t span = step > 0 ? ends[i] - starts[i] : starts[i] - ends[i];
    int64_t mag = step > 0 ? step : -step;
    shape.push_back(span <= 0 ? 0 : (span + mag - 1) / mag);
  }
  inferred.push_back(x.clone(shape));
  return success();
}

LogicalResult GatherOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                         Adaptor a, SmallVectorImpl<Type> &inferred) {
  auto data = rankedType(a.getData()), idx = rankedType(a.getIndices());
  auto axis = normalizeAxis(a.getAxis(), data.getRank());
  if (failed(axis))
    return emitOptionalError(loc, "'axis' ", a.getAxis(), " is out of range for rank ",
                             data.getRank());
  SmallVector<int64_t> shape(data.getShape().take_front(*axis));
  shape.append(idx.getShape().begin(), idx.getShape().end());
  shape.append(data.getShape().begin() + *axis + 1, data.getShape().end());
  inferred.push_back(data.clone(shape));
  return success();
}

LogicalResult GatherElementsOp::inferReturnTypes(MLIRContext *,
                                                 std::optional<Location> loc, Adaptor a,
                                                 SmallVectorImpl<Type> &inferred) {
  auto data = rankedType(a.getData()), idx = rankedType(a.getIndices());
  if (data.getRank() != idx.getRank())
    return emitOptionalError(loc, "data and indices must have the same rank");
  if (failed(normalizeAxis(a.getAxis(), data.getRank())))
    return emitOptionalError(loc, "'axis' ", a.getAxis(), " is out of range for rank ",
                             data.getRank());
  inferred.push_back(data.clone(idx.getShape()));
  return success();
}

LogicalResult GatherNDOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                           Adaptor a, SmallVectorImpl<Type> &inferred) {
  auto data = rankedType(a.getData()), idx = rankedType(a.getIndices());
  int64_t b = a.getBatchDims();
  if (idx.getRank() < 1 || b < 0 || b >= std::min(data.getRank(), idx.getRank()))
    return emitOptionalError(loc, "'batch_dims' ", b,
                             " must be smaller than both ranks");
  int64_t last = idx.getShape().back();
  if (ShapedType::isDynamic(last) || last < 1 || b + last > data.getRank())
    return emitOptionalError(loc, "indices' last dimension ", last,
                             " must be static and in [1, data rank - batch_dims]");
  SmallVector<int64_t> shape(idx.getShape().drop_back());
  shape.append(data.getShape().begin() + b + last, data.getShape().end());
  inferred.push_back(data.clone(shape));
  return success();
}

/// The reductions ScatterElements and ScatterND accept (max and min since
/// opset 18, which is imported as it is).
static LogicalResult checkScatterReduction(std::optional<Location> loc,
                                           StringRef reduction) {
  if (!llvm::is_contained({"none", "add", "mul", "max", "min"}, reduction))
    return emitOptionalError(loc, "'reduction' must be none, add, mul, max or min, got '",
                             reduction, "'");
  return success();
}

LogicalResult ScatterElementsOp::inferReturnTypes(MLIRContext *,
                                                  std::optional<Location> loc, Adaptor a,
                                                  SmallVectorImpl<Type> &inferred) {
  auto data = rankedType(a.getData()), idx = rankedType(a.getIndices());
  auto updates = rankedType(a.getUpdates());
  if (failed(verifySameElementType(loc, {a.getData(), a.getUpdates()})) ||
      failed(checkScatterReduction(loc, a.getReduction())))
    return failure();
  if (data.getRank() < 1 || idx.getRank() != data.getRank())
    return emitOptionalError(loc, "data and indices must have the same rank >= 1, got ",
                             data, " and ", idx);
  if (failed(verifyCompatibleShape(idx.getShape(), updates.getShape())))
    return emitOptionalError(loc, "updates ", updates, " must have the shape of indices ",
                             idx);
  auto axis = checkAxis(loc, a.getAxis(), data.getRank());
  if (failed(axis))
    return failure();
  // Indices address data with their own position outside the axis.
  for (int64_t i = 0; i < data.getRank(); ++i)
    if (i != *axis && !data.isDynamicDim(i) && !idx.isDynamicDim(i) &&
        idx.getDimSize(i) > data.getDimSize(i))
      return emitOptionalError(loc, "indices dimension ", i, " (", idx.getDimSize(i),
                               ") exceeds the data dimension (", data.getDimSize(i), ")");
  inferred.push_back(data);
  return success();
}

LogicalResult ScatterNDOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                            Adaptor a, SmallVectorImpl<Type> &inferred) {
  auto data = rankedType(a.getData()), idx = rankedType(a.getIndices());
  auto updates = rankedType(a.getUpdates());
  if (failed(verifySameElementType(loc, {a.getData(), a.getUpdates()})) ||
      failed(checkScatterReduction(loc, a.getReduction())))
    return failure();
  if (data.getRank() < 1 || idx.getRank() < 1)
    return emitOptionalError(loc, "data and indices must have rank >= 1, got ", data,
                             " and ", idx);
  int64_t k = idx.getShape().back();
  if (ShapedType::isDynamic(k) || k < 1 || k > data.getRank())
    return emitOptionalError(loc, "indices' last dimension ", k,
                             " must be static and in [1, data rank]");
  // updates = indices.shape[:-1] + data.shape[k:]
  SmallVector<int64_t> expected(idx.getShape().drop_back());
  llvm::append_range(expected, data.getShape().drop_front(k));
  if (failed(verifyCompatibleShape(expected, updates.getShape())))
    return emitOptionalError(loc, "updates ", updates, " must have the shape [", expected,
                             "] (indices' leading dims, then data's from ", k, ")");
  inferred.push_back(data);
  return success();
}

LogicalResult CompressOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                           Adaptor a, SmallVectorImpl<Type> &inferred) {
  auto x = rankedType(a.getInput());
  ArrayRef<bool> condition = a.getCondition();
  int64_t kept = llvm::count(condition, true);
  if (x.getRank() < 1)
    return emitOptionalError(loc, "input must have rank >= 1");
  // Without an axis the input is flattened.
  int64_t length = numElements(x.getShape());
  SmallVector<int64_t> shape = {kept};
  if (std::optional<int64_t> axisAttr = a.getAxis()) {
    auto axis = checkAxis(loc, *axisAttr, x.getRank());
    if (failed(axis))
      return failure();
    length = x.getDimSize(*axis);
    shape.assign(x.getShape().begin(), x.getShape().end());
    shape[*axis] = kept;
  }
  // ONNX lets condition be shorter (the rest is dropped), never longer.
  if (!ShapedType::isDynamic(length) && (int64_t)condition.size() > length)
    return emitOptionalError(loc, "'condition' has ", condition.size(),
                             " entries for a dimension of size ", length);
  inferred.push_back(x.clone(shape));
  return success();
}

LogicalResult EyeLikeOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                          Adaptor a, SmallVectorImpl<Type> &inferred) {
  auto x = rankedType(a.getInput());
  if (x.getRank() != 2)
    return emitOptionalError(loc, "input must have rank 2, got ", x);
  Type dtype = a.getDtype();
  if (!dtype.isIntOrFloat())
    return emitOptionalError(loc, "'dtype' must be an integer or float type, got ",
                             dtype);
  inferred.push_back(x.clone(dtype));
  return success();
}

LogicalResult ExpandOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                         Adaptor a, SmallVectorImpl<Type> &inferred) {
  auto x = rankedType(a.getInput());
  for (int64_t d : a.getShape())
    if (d < 0)
      return emitOptionalError(loc, "'shape' must be non-negative, got ", d);
  std::string error;
  auto shape = broadcastShapes({x.getShape(), a.getShape()}, &error);
  if (failed(shape))
    return emitOptionalError(loc, error);
  if (*shape != a.getShape())
    return emitOptionalError(loc, "'shape' must be the broadcast result shape");
  inferred.push_back(x.clone(*shape));
  return success();
}

LogicalResult TileOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                       Adaptor a, SmallVectorImpl<Type> &inferred) {
  auto x = rankedType(a.getInput());
  ArrayRef<int64_t> repeats = a.getRepeats();
  if ((int64_t)repeats.size() != x.getRank())
    return emitOptionalError(loc, "'repeats' has ", repeats.size(),
                             " values for rank ", x.getRank());
  SmallVector<int64_t> shape;
  for (auto [i, d, r] : llvm::enumerate(x.getShape(), repeats)) {
    if (r < 0)
      return emitOptionalError(loc, "repeats must be non-negative");
    auto size = mulDims(d, r);
    if (failed(size))
      return emitOptionalError(loc, "dimension ", i, " of size ", d, " repeated ", r,
                               " times overflows int64");
    shape.push_back(*size);
  }
  inferred.push_back(x.clone(shape));
  return success();
}

LogicalResult ShapeOp::inferReturnTypes(MLIRContext *ctx, std::optional<Location>,
                                        Adaptor a, SmallVectorImpl<Type> &inferred) {
  int64_t rank = rankedType(a.getData()).getRank();
  auto clampIndex = [&](int64_t i) {
    if (i < 0)
      i += rank;
    return std::clamp<int64_t>(i, 0, rank);
  };
  int64_t start = clampIndex(a.getStart());
  int64_t end = a.getEnd() ? clampIndex(*a.getEnd()) : rank;
  inferred.push_back(RankedTensorType::get({std::max<int64_t>(0, end - start)},
                                           IntegerType::get(ctx, 64)));
  return success();
}

LogicalResult SizeOp::inferReturnTypes(MLIRContext *ctx, std::optional<Location>,
                                       Adaptor, SmallVectorImpl<Type> &inferred) {
  inferred.push_back(RankedTensorType::get({}, IntegerType::get(ctx, 64)));
  return success();
}

LogicalResult ConstantOfShapeOp::inferReturnTypes(MLIRContext *ctx,
                                                  std::optional<Location> loc,
                                                  Adaptor a,
                                                  SmallVectorImpl<Type> &inferred) {
  Type element = Float32Type::get(ctx);
  if (auto value = a.getValueAttr()) {
    if (value.getNumElements() != 1)
      return emitOptionalError(loc, "'value' must hold exactly one element");
    element = value.getShapedType().getElementType();
  }
  for (int64_t d : a.getShape())
    if (d < 0)
      return emitOptionalError(loc, "'shape' must be non-negative, got ", d);
  inferred.push_back(RankedTensorType::get(a.getShape(), element));
  return success();
}

LogicalResult TopKOp::inferReturnTypes(MLIRContext *ctx, std::optional<Location> loc,
                                       Adaptor a, SmallVectorImpl<Type> &inferred) {
  auto x = rankedType(a.getX());
  auto axis = normalizeAxis(a.getAxis(), x.getRank());
  if (failed(axis))
    return emitOptionalError(loc, "'axis' ", a.getAxis(), " is out of range for rank ",
                             x.getRank());
  int64_t k = a.getK();
  if (k < 0 || (!x.isDynamicDim(*axis) && k > x.getDimSize(*axis)))
    return emitOptionalError(loc, "k = ", k, " is out of range for dimension of size ",
                             x.getDimSize(*axis));
  SmallVector<int64_t> shape(x.getShape());
  shape[*axis] = k;
  inferred.push_back(x.clone(shape));
  inferred.push_back(RankedTensorType::get(shape, IntegerType::get(ctx, 64)));
  return success();
}

LogicalResult OneHotOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                         Adaptor a, SmallVectorImpl<Type> &inferred) {
  auto idx = rankedType(a.getIndices()), values = rankedType(a.getValues());
  int64_t rank = idx.getRank() + 1;
  auto axis = normalizeAxis(a.getAxis(), rank);
  if (failed(axis))
    return emitOptionalError(loc, "'axis' ", a.getAxis(), " is out of range for rank ",
                             rank);
  if (a.getDepth() < 1)
    return emitOptionalError(loc, "'depth' must be positive, got ", a.getDepth());
  if (numElements(values.getShape()) != 2)
    return emitOptionalError(loc, "'values' must hold [off_value, on_value]");
  SmallVector<int64_t> shape(idx.getShape());
  shape.insert(shape.begin() + *axis, a.getDepth());
  inferred.push_back(RankedTensorType::get(shape, values.getElementType()));
  return success();
}

LogicalResult CastOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                       Adaptor a, SmallVectorImpl<Type> &inferred) {
  Type to = a.getTo();
  if (!to.isIntOrFloat())
    return emitOptionalError(loc, "'to' must be an integer or float type, got ", to);
  inferred.push_back(rankedType(a.getInput()).clone(to));
  return success();
}

LogicalResult WhereOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                        Adaptor a, SmallVectorImpl<Type> &inferred) {
  if (rankedType(a.getX()).getElementType() != rankedType(a.getY()).getElementType())
    return emitOptionalError(loc, "X and Y must have the same element type");
  auto shape = broadcastOperands(loc, {a.getCondition(), a.getX(), a.getY()});
  if (failed(shape))
    return failure();
  inferred.push_back(rankedType(a.getX()).clone(*shape));
  return success();
}

static LogicalResult inferArgReduce(std::optional<Location> loc, Value data,
                                    int64_t axis, int64_t keepdims,
                                    SmallVectorImpl<Type> &inferred) {
  auto x = rankedType(data);
  auto normalized = normalizeAxis(axis, x.getRank());
  if (failed(normalized))
    return emitOptionalError(loc, "'axis' ", axis, " is out of range for rank ",
                             x.getRank());
  SmallVector<Type> reduced;
  if (failed(inferReduction(loc, data, {*normalized}, keepdims, reduced)))
    return failure();
  inferred.push_back(cast<RankedTensorType>(reduced.front())
                         .clone(IntegerType::get(data.getContext(), 64)));
  return success();
}

LogicalResult ArgMaxOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                         Adaptor a, SmallVectorImpl<Type> &inferred) {
  return inferArgReduce(loc, a.getData(), a.getAxis(), a.getKeepdims(), inferred);
}

LogicalResult ArgMinOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                         Adaptor a, SmallVectorImpl<Type> &inferred) {
  return inferArgReduce(loc, a.getData(), a.getAxis(), a.getKeepdims(), inferred);
}

LogicalResult CumSumOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                         Adaptor a, SmallVectorImpl<Type> &inferred) {
  auto x = rankedType(a.getX());
  if (failed(checkAxis(loc, a.getAxis(), x.getRank())))
    return failure();
  inferred.push_back(x);
  return success();
}

LogicalResult TriluOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                        Adaptor a, SmallVectorImpl<Type> &inferred) {
  auto x = rankedType(a.getInput());
  if (x.getRank() < 2)
    return emitOptionalError(loc, "input must have rank >= 2 (a batch of matrices), "
                                  "got ",
                             x);
  inferred.push_back(x);
  return success();
}

/// Range has no type inference (its length depends on operand values); the
/// verifier checks what does not.
LogicalResult RangeOp::verify() {
  Type element = getStart().getType().getElementType();
  for (Value v : {getStart(), getLimit(), getDelta()}) {
    auto t = rankedType(v);
    if (t.getRank() != 0)
      return emitOpError("start, limit and delta must be scalars, got ") << t;
    if (t.getElementType() != element)
      return emitOpError("start, limit and delta must share one element type, got ")
             << element << " and " << t.getElementType();
  }
  auto result = cast<RankedTensorType>(getType());
  if (result.getRank() != 1 || result.getElementType() != element)
    return emitOpError("result must be 1-D of element type ")
           << element << ", got " << result;
  return success();
}
