//===- KilnFolders.cpp - Constant folding of kiln ops ---------------------===//
//
// Exporters compute shapes at run time (Shape -> Gather -> Unsqueeze -> Concat ->
// Reshape). With static shapes those chains are constant, and the importer folds
// them while it builds ops (OpBuilder::tryFold), so shape-like inputs become
// attributes. Folds that materialize new data are capped at kMaxFoldElements so a
// weight-sized tensor is never duplicated into a uniqued attribute here; larger
// constant subgraphs are the job of a graph pass.
//
//===----------------------------------------------------------------------===//

#include "dialects/Kiln/KilnOps.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Matchers.h"
#include "llvm/ADT/APSInt.h"

using namespace mlir;
using namespace mlir::kiln;

static constexpr int64_t kMaxFoldElements = 1 << 16;

/// `attr` as dense elements if it is one and small enough to copy.
static DenseElementsAttr smallDense(Attribute attr) {
  auto dense = dyn_cast_if_present<DenseElementsAttr>(attr);
  if (!dense || dense.getNumElements() > kMaxFoldElements)
    return {};
  return dense;
}

static bool foldableResult(Type type) {
  auto ranked = dyn_cast<RankedTensorType>(type);
  return ranked && ranked.hasStaticShape() &&
         ranked.getNumElements() <= kMaxFoldElements;
}

/// Builds a tensor of `type` whose element at each index comes from
/// `source(index)` = (input number, linear index into that input).
static DenseElementsAttr
remap(RankedTensorType type, ArrayRef<DenseElementsAttr> inputs,
      function_ref<std::pair<unsigned, int64_t>(ArrayRef<int64_t>)> source) {
  SmallVector<SmallVector<Attribute>> values;
  for (DenseElementsAttr in : inputs)
    values.emplace_back(in.getValues<Attribute>().begin(),
                        in.getValues<Attribute>().end());
  int64_t count = type.getNumElements();
  SmallVector<Attribute> out;
  out.reserve(count);
  SmallVector<int64_t> index(type.getRank(), 0);
  for (int64_t linear = 0; linear < count; ++linear) {
    auto [which, at] = source(index);
    out.push_back(values[which][at]);
    for (int64_t d = type.getRank() - 1; d >= 0; --d) {
      if (++index[d] < type.getDimSize(d))
        break;
      index[d] = 0;
    }
  }
  return DenseElementsAttr::get(type, out);
}

/// Linear index into a tensor of `shape` for `index` of a broadcast result
/// (right-aligned; size-1 dims repeat).
static int64_t broadcastSource(ArrayRef<int64_t> shape, ArrayRef<int64_t> index) {
  int64_t offset = index.size() - shape.size(), linear = 0;
  for (size_t d = 0; d < shape.size(); ++d)
    linear = linear * shape[d] + (shape[d] == 1 ? 0 : index[offset + d]);
  return linear;
}

static int64_t linearize(ArrayRef<int64_t> shape, ArrayRef<int64_t> index) {
  int64_t linear = 0;
  for (auto [d, i] : llvm::zip(shape, index))
    linear = linear * d + i;
  return linear;
}

/// Elementwise fold of broadcast operands. `fn` returns a null attribute to
/// refuse (e.g. integer division by zero).
static OpFoldResult
foldElementwise(Type resultType, ArrayRef<Attribute> operands,
                function_ref<Attribute(ArrayRef<Attribute>, Type)> fn) {
  if (!foldableResult(resultType))
    return {};
  SmallVector<DenseElementsAttr> inputs;
  for (Attribute a : operands) {
    DenseElementsAttr d = smallDense(a);
    if (!d)
      return {};
    inputs.push_back(d);
  }
  auto type = cast<RankedTensorType>(resultType);
  SmallVector<SmallVector<Attribute>> values;
  for (DenseElementsAttr in : inputs)
    values.emplace_back(in.getValues<Attribute>().begin(),
                        in.getValues<Attribute>().end());
  SmallVector<Attribute> out;
  SmallVector<int64_t> index(type.getRank(), 0);
  for (int64_t linear = 0, n = type.getNumElements(); linear < n; ++linear) {
    SmallVector<Attribute> args;
    for (auto [in, vals] : llvm::zip(inputs, values))
      args.push_back(vals[broadcastSource(in.getType().getShape(), index)]);
    Attribute r = fn(args, type.getElementType());
    if (!r)
      return {};
    out.push_back(r);
    for (int64_t d = type.getRank() - 1; d >= 0; --d) {
      if (++index[d] < type.getDimSize(d))
        break;
      index[d] = 0;
    }
  }
  return DenseElementsAttr::get(type, out);
}

/// Arithmetic on two scalars of the same integer or float type.
static Attribute arith(Attribute lhs, Attribute rhs, Type type, char op) {
  if (auto li = dyn_cast<IntegerAttr>(lhs)) {
    auto ri = dyn_cast<IntegerAttr>(rhs);
    if (!ri)
      return {};
    APInt a = li.getValue(), b = ri.getValue();
    bool isUnsigned = type.isUnsignedInteger();
    switch (op) {
    case '+':
      return IntegerAttr::get(type, a + b);
    case '-':
      return IntegerAttr::get(type, a - b);
    case '*':
      return IntegerAttr::get(type, a * b);
    case '/':
      if (b.isZero())
        return {};
      // ONNX integer Div truncates toward zero, like C.
      return IntegerAttr::get(type, isUnsigned ? a.udiv(b) : a.sdiv(b));
    }
    return {};
  }
  auto lf = dyn_cast<FloatAttr>(lhs), rf = dyn_cast<FloatAttr>(rhs);
  if (!lf || !rf)
    return {};
  APFloat a = lf.getValue(), b = rf.getValue();
  switch (op) {
  case '+':
    a.add(b, APFloat::rmNearestTiesToEven);
    break;
  case '-':
    a.subtract(b, APFloat::rmNearestTiesToEven);
    break;
  case '*':
    a.multiply(b, APFloat::rmNearestTiesToEven);
    break;
  case '/':
    a.divide(b, APFloat::rmNearestTiesToEven);
    break;
  default:
    return {};
  }
  return FloatAttr::get(type, a);
}

/// Comparison of two scalars; result is an i1 attribute.
static Attribute compare(Attribute lhs, Attribute rhs, Type i1, char op) {
  int cmp;
  if (auto li = dyn_cast<IntegerAttr>(lhs)) {
    auto ri = dyn_cast<IntegerAttr>(rhs);
    if (!ri)
      return {};
    bool isUnsigned = li.getType().isUnsignedInteger();
    APInt a = li.getValue(), b = ri.getValue();
    if (a.getBitWidth() == 1)
      isUnsigned = true;
    cmp = isUnsigned ? (a.ult(b) ? -1 : a.ugt(b) ? 1 : 0)
                     : (a.slt(b) ? -1 : a.sgt(b) ? 1 : 0);
  } else {
    auto lf = dyn_cast<FloatAttr>(lhs), rf = dyn_cast<FloatAttr>(rhs);
    if (!lf || !rf)
      return {};
    APFloat::cmpResult r = lf.getValue().compare(rf.getValue());
    if (r == APFloat::cmpUnordered)
      return IntegerAttr::get(i1, 0);
    cmp = r == APFloat::cmpLessThan ? -1 : r == APFloat::cmpGreaterThan ? 1 : 0;
  }
  bool result = op == '=' ? cmp == 0 : op == '<' ? cmp < 0 : cmp > 0;
  return IntegerAttr::get(i1, result);
}

//===----------------------------------------------------------------------===//
// Elementwise ops.
//===----------------------------------------------------------------------===//

#define KILN_ARITH_FOLDER(OP, CH)                                                 \
  OpFoldResult OP::fold(FoldAdaptor a) {                                          \
    return foldElementwise(getType(), a.getOperands(),                            \
                           [](ArrayRef<Attribute> v, Type t) {                    \
                             return arith(v[0], v[1], t, CH);                     \
                           });                                                    \
  }
KILN_ARITH_FOLDER(AddOp, '+')
KILN_ARITH_FOLDER(SubOp, '-')
KILN_ARITH_FOLDER(MulOp, '*')
KILN_ARITH_FOLDER(DivOp, '/')
#undef KILN_ARITH_FOLDER

#define KILN_COMPARE_FOLDER(OP, CH)                                               \
  OpFoldResult OP::fold(FoldAdaptor a) {                                          \
    return foldElementwise(getType(), a.getOperands(),                            \
                           [](ArrayRef<Attribute> v, Type t) {                    \
                             return compare(v[0], v[1], t, CH);                   \
                           });                                                    \
  }
KILN_COMPARE_FOLDER(EqualOp, '=')
KILN_COMPARE_FOLDER(LessOp, '<')
KILN_COMPARE_FOLDER(GreaterOp, '>')
#undef KILN_COMPARE_FOLDER

OpFoldResult NegOp::fold(FoldAdaptor a) {
  return foldElementwise(getType(), a.getOperands(),
                         [](ArrayRef<Attribute> v, Type t) -> Attribute {
                           if (auto i = dyn_cast<IntegerAttr>(v[0]))
                             return IntegerAttr::get(t, -i.getValue());
                           if (auto f = dyn_cast<FloatAttr>(v[0]))
                             return FloatAttr::get(t, -f.getValue());
                           return {};
                         });
}

OpFoldResult NotOp::fold(FoldAdaptor a) {
  return foldElementwise(getType(), a.getOperands(),
                         [](ArrayRef<Attribute> v, Type t) -> Attribute {
                           auto i = dyn_cast<IntegerAttr>(v[0]);
                           return i ? IntegerAttr::get(t, ~i.getValue()) : Attribute();
                         });
}

OpFoldResult WhereOp::fold(FoldAdaptor a) {
  return foldElementwise(getType(), a.getOperands(),
                         [](ArrayRef<Attribute> v, Type) -> Attribute {
                           auto c = dyn_cast<IntegerAttr>(v[0]);
                           if (!c)
                             return {};
                           return c.getValue().isZero() ? v[2] : v[1];
                         });
}

OpFoldResult CastOp::fold(FoldAdaptor a) {
  if (getInput().getType() == getType())
    return getInput();
  Type to = getType().getElementType();
  return foldElementwise(
      getType(), a.getOperands(), [](ArrayRef<Attribute> v, Type to) -> Attribute {
        if (auto i = dyn_cast<IntegerAttr>(v[0])) {
          bool fromUnsigned = i.getType().isUnsignedInteger() ||
                              i.getType().getIntOrFloatBitWidth() == 1;
          APInt value = i.getValue();
          if (auto ft = dyn_cast<FloatType>(to)) {
            APFloat f(ft.getFloatSemantics());
            f.convertFromAPInt(value, !fromUnsigned, APFloat::rmNearestTiesToEven);
            return FloatAttr::get(to, f);
          }
          unsigned width = to.getIntOrFloatBitWidth();
          if (width == 1)
            return IntegerAttr::get(to, !value.isZero());
          return IntegerAttr::get(to, fromUnsigned ? value.zextOrTrunc(width)
                                                   : value.sextOrTrunc(width));
        }
        auto f = dyn_cast<FloatAttr>(v[0]);
        if (!f)
          return {};
        APFloat value = f.getValue();
        if (auto ft = dyn_cast<FloatType>(to)) {
          bool lost;
          value.convert(ft.getFloatSemantics(), APFloat::rmNearestTiesToEven, &lost);
          return FloatAttr::get(to, value);
        }
        unsigned width = to.getIntOrFloatBitWidth();
        if (width == 1)
          return IntegerAttr::get(to, !value.isZero());
        APSInt result(width, to.isUnsignedInteger());
        bool exact;
        if (value.convertToInteger(result, APFloat::rmTowardZero, &exact) ==
            APFloat::opInvalidOp)
          return {};
        return IntegerAttr::get(to, result);
      });
  (void)to;
}

OpFoldResult IdentityOp::fold(FoldAdaptor) { return getInput(); }

//===----------------------------------------------------------------------===//
// Shape queries: constant whenever the operand's shape is static.
//===----------------------------------------------------------------------===//

OpFoldResult ShapeOp::fold(FoldAdaptor) {
  auto in = rankedType(getData());
  auto type = cast<RankedTensorType>(getType());
  int64_t rank = in.getRank();
  int64_t start = getStart() < 0 ? getStart() + rank : getStart();
  start = std::clamp<int64_t>(start, 0, rank);
  SmallVector<int64_t> dims;
  for (int64_t i = 0; i < type.getDimSize(0); ++i) {
    if (in.isDynamicDim(start + i))
      return {};
    dims.push_back(in.getDimSize(start + i));
  }
  return DenseElementsAttr::get(type, ArrayRef<int64_t>(dims));
}

OpFoldResult SizeOp::fold(FoldAdaptor) {
  auto in = rankedType(getData());
  if (!in.hasStaticShape())
    return {};
  return DenseElementsAttr::get(cast<RankedTensorType>(getType()),
                                ArrayRef<int64_t>{in.getNumElements()});
}

OpFoldResult ConstantOfShapeOp::fold(FoldAdaptor) {
  auto type = cast<RankedTensorType>(getType());
  if (auto value = getValueAttr()) {
    auto dense = dyn_cast<DenseElementsAttr>(value);
    if (!dense)
      return {};
    return DenseElementsAttr::get(type, dense.getValues<Attribute>()[0]);
  }
  return DenseElementsAttr::get(type, FloatAttr::get(type.getElementType(), 0.0));
}

//===----------------------------------------------------------------------===//
// Data movement.
//===----------------------------------------------------------------------===//

/// Reshape-like ops: the data does not change, only its type.
static OpFoldResult foldReshapeLike(Value input, Attribute constant, Type resultType) {
  if (input.getType() == resultType)
    return input;
  auto dense = dyn_cast_if_present<DenseElementsAttr>(constant);
  if (!dense)
    return {};
  return dense.reshape(cast<ShapedType>(resultType));
}

OpFoldResult ReshapeOp::fold(FoldAdaptor a) {
  return foldReshapeLike(getData(), a.getData(), getType());
}
OpFoldResult SqueezeOp::fold(FoldAdaptor a) {
  return foldReshapeLike(getData(), a.getData(), getType());
}
OpFoldResult UnsqueezeOp::fold(FoldAdaptor a) {
  return foldReshapeLike(getData(), a.getData(), getType());
}
OpFoldResult FlattenOp::fold(FoldAdaptor a) {
  return foldReshapeLike(getInput(), a.getInput(), getType());
}

OpFoldResult ConcatOp::fold(FoldAdaptor a) {
  if (getInputs().size() == 1 && getInputs().front().getType() == getType())
    return getInputs().front();
  auto type = cast<RankedTensorType>(getType());
  if (!foldableResult(type))
    return {};
  SmallVector<DenseElementsAttr> inputs;
  for (Attribute attr : a.getInputs()) {
    DenseElementsAttr d = smallDense(attr);
    if (!d)
      return {};
    inputs.push_back(d);
  }
  int64_t axis = getAxis() < 0 ? getAxis() + type.getRank() : getAxis();
  return remap(type, inputs, [&](ArrayRef<int64_t> index) {
    SmallVector<int64_t> in(index);
    for (auto [i, d] : llvm::enumerate(inputs)) {
      int64_t size = d.getType().getDimSize(axis);
      if (in[axis] < size)
        return std::make_pair(unsigned(i), linearize(d.getType().getShape(), in));
      in[axis] -= size;
    }
    llvm_unreachable("index beyond the concatenated size");
  });
}

OpFoldResult GatherOp::fold(FoldAdaptor a) {
  DenseElementsAttr data = smallDense(a.getData());
  DenseElementsAttr indices = smallDense(a.getIndices());
  auto type = cast<RankedTensorType>(getType());
  if (!data || !indices || !foldableResult(type))
    return {};
  auto dataType = data.getType();
  int64_t axis = getAxis() < 0 ? getAxis() + dataType.getRank() : getAxis();
  int64_t axisSize = dataType.getDimSize(axis);
  SmallVector<int64_t> idx;
  for (APInt v : indices.getValues<APInt>()) {
    int64_t i = v.getSExtValue();
    if (i < -axisSize || i >= axisSize)
      return {}; // Out of range: leave it for the verifier/runtime to report.
    idx.push_back(i < 0 ? i + axisSize : i);
  }
  int64_t idxRank = indices.getType().getRank();
  auto idxShape = indices.getType().getShape();
  return remap(type, {data}, [&](ArrayRef<int64_t> out) {
    SmallVector<int64_t> in(out.take_front(axis));
    in.push_back(idx[linearize(idxShape, out.slice(axis, idxRank))]);
    in.append(out.begin() + axis + idxRank, out.end());
    return std::make_pair(0u, linearize(dataType.getShape(), in));
  });
}

OpFoldResult SliceOp::fold(FoldAdaptor a) {
  if (getData().getType() == getType() &&
      llvm::all_of(getSteps(), [](int64_t s) { return s == 1; }))
    return getData();
  DenseElementsAttr data = smallDense(a.getData());
  auto type = cast<RankedTensorType>(getType());
  if (!data || !foldableResult(type))
    return {};
  ArrayRef<int64_t> starts = getStarts(), steps = getSteps();
  return remap(type, {data}, [&](ArrayRef<int64_t> out) {
    SmallVector<int64_t> in;
    for (auto [o, s, st] : llvm::zip(out, starts, steps))
      in.push_back(s + o * st);
    return std::make_pair(0u, linearize(data.getType().getShape(), in));
  });
}

OpFoldResult ExpandOp::fold(FoldAdaptor a) {
  if (getInput().getType() == getType())
    return getInput();
  auto dense = dyn_cast_if_present<DenseElementsAttr>(a.getInput());
  auto type = cast<RankedTensorType>(getType());
  if (dense && dense.isSplat())
    return DenseElementsAttr::get(type, dense.getSplatValue<Attribute>());
  dense = smallDense(a.getInput());
  if (!dense || !foldableResult(type))
    return {};
  return remap(type, {dense}, [&](ArrayRef<int64_t> out) {
    return std::make_pair(0u, broadcastSource(dense.getType().getShape(), out));
  });
}

OpFoldResult TransposeOp::fold(FoldAdaptor a) {
  ArrayRef<int64_t> perm = getPerm();
  bool identity = llvm::all_of(llvm::enumerate(perm), [](auto p) {
    return p.value() == static_cast<int64_t>(p.index());
  });
  if (identity)
    return getData();
  DenseElementsAttr data = smallDense(a.getData());
  auto type = cast<RankedTensorType>(getType());
  if (!data || !foldableResult(type))
    return {};
  return remap(type, {data}, [&](ArrayRef<int64_t> out) {
    SmallVector<int64_t> in(out.size());
    for (auto [i, p] : llvm::enumerate(perm))
      in[p] = out[i];
    return std::make_pair(0u, linearize(data.getType().getShape(), in));
  });
}
