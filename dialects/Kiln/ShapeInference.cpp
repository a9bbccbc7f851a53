//===- ShapeInference.cpp - Result-type inference helpers -----------------===//

#include "dialects/Kiln/ShapeInference.h"

#include "mlir/IR/Diagnostics.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallSet.h"
#include "llvm/Support/CheckedArithmetic.h"
#include "llvm/Support/MathExtras.h"

using namespace mlir;

namespace mlir::kiln {

static std::string shapeString(ArrayRef<int64_t> shape) {
  std::string s;
  llvm::raw_string_ostream os(s);
  os << "[";
  llvm::interleave(
      shape, os,
      [&](int64_t d) {
        if (ShapedType::isDynamic(d))
          os << "?";
        else
          os << d;
      },
      ",");
  os << "]";
  return s;
}

FailureOr<SmallVector<int64_t>> broadcastShapes(ArrayRef<ArrayRef<int64_t>> shapes,
                                                std::string *error) {
  size_t rank = 0;
  for (ArrayRef<int64_t> s : shapes)
    rank = std::max(rank, s.size());
  SmallVector<int64_t> result(rank, 1);
  for (ArrayRef<int64_t> s : shapes) {
    size_t offset = rank - s.size();
    for (auto [i, d] : llvm::enumerate(s)) {
      int64_t &r = result[offset + i];
      if (d == 1)
        continue;
      if (r == 1 || r == d) {
        r = d;
        continue;
      }
      // A dynamic dim against a static one takes the static size (the other must
      // be 1 or equal at run time); two different static sizes cannot broadcast.
      if (ShapedType::isDynamic(d))
        continue;
      if (ShapedType::isDynamic(r)) {
        r = d;
        continue;
      }
      if (error) {
        *error = "shapes ";
        llvm::interleave(
            shapes, [&](ArrayRef<int64_t> x) { *error += shapeString(x); },
            [&] { *error += ", "; });
        *error += " are not broadcast-compatible";
      }
      return failure();
    }
  }
  return result;
}

FailureOr<int64_t> windowOutputSize(int64_t input, int64_t kernel, int64_t stride,
                                    int64_t dilation, int64_t padBegin,
                                    int64_t padEnd, bool ceilMode) {
  if (stride <= 0 || dilation <= 0 || padBegin < 0 || padEnd < 0)
    return failure();
  if (ShapedType::isDynamic(kernel))
    return ShapedType::kDynamic;
  if (kernel <= 0)
    return failure();
  if (ShapedType::isDynamic(input))
    return ShapedType::kDynamic;
  auto effectiveKernel = llvm::checkedMulAdd<int64_t>(dilation, kernel - 1, 1);
  auto padded = llvm::checkedAdd<int64_t>(padBegin, padEnd);
  if (padded)
    padded = llvm::checkedAdd<int64_t>(*padded, input);
  if (!effectiveKernel || !padded)
    return failure();
  int64_t span = *padded - *effectiveKernel;
  if (span < 0)
    return failure();
  // ONNX 1.12's shape inference (and its backend test data) applies ceil_mode
  // without PyTorch's "last window must start inside the input" correction.
  return (ceilMode ? llvm::divideCeil(span, stride) : span / stride) + 1;
}

FailureOr<int64_t> normalizeAxis(int64_t axis, int64_t rank) {
  if (axis < -rank || axis >= rank)
    return failure();
  return axis < 0 ? axis + rank : axis;
}

int64_t numElements(ArrayRef<int64_t> shape) {
  int64_t n = 1;
  for (int64_t d : shape) {
    auto product = mulDims(n, d);
    if (failed(product) || ShapedType::isDynamic(*product))
      return ShapedType::kDynamic;
    n = *product;
  }
  return n;
}

FailureOr<int64_t> mulDims(int64_t a, int64_t b) {
  if (ShapedType::isDynamic(a) || ShapedType::isDynamic(b))
    return ShapedType::kDynamic;
  std::optional<int64_t> r = llvm::checkedMul(a, b);
  if (!r || *r < 0)
    return failure();
  return *r;
}

FailureOr<int64_t> addDims(int64_t a, int64_t b) {
  if (ShapedType::isDynamic(a) || ShapedType::isDynamic(b))
    return ShapedType::kDynamic;
  std::optional<int64_t> r = llvm::checkedAdd(a, b);
  if (!r || *r < 0)
    return failure();
  return *r;
}

FailureOr<int64_t> checkAxis(std::optional<Location> loc, int64_t axis, int64_t rank,
                             StringRef name) {
  auto normalized = normalizeAxis(axis, rank);
  if (failed(normalized))
    (void)emitOptionalError(loc, "'", name, "' ", axis, " is out of range for rank ",
                            rank);
  return normalized;
}

LogicalResult verifySameElementType(std::optional<Location> loc,
                                    ValueRange operands) {
  if (operands.empty())
    return success();
  Type first = rankedType(operands.front()).getElementType();
  for (Value v : operands.drop_front()) {
    Type t = rankedType(v).getElementType();
    if (t != first)
      return emitOptionalError(loc, "operands must share one element type, got ",
                               first, " and ", t);
  }
  return success();
}

bool broadcastsTo(ArrayRef<int64_t> from, ArrayRef<int64_t> to) {
  if (from.size() > to.size())
    return false;
  size_t offset = to.size() - from.size();
  for (auto [i, d] : llvm::enumerate(from))
    if (d != 1 && !dimsCompatible(d, to[offset + i]))
      return false;
  return true;
}

LogicalResult inferSameAsFirstOperand(std::optional<Location> loc, ValueRange operands,
                                      SmallVectorImpl<Type> &inferred) {
  if (operands.empty())
    return emitOptionalError(loc, "expected at least one operand");
  inferred.push_back(operands.front().getType());
  return success();
}

LogicalResult inferBoolOfFirstOperand(std::optional<Location> loc, ValueRange operands,
                                      SmallVectorImpl<Type> &inferred) {
  if (operands.empty())
    return emitOptionalError(loc, "expected at least one operand");
  auto type = rankedType(operands.front());
  inferred.push_back(type.clone(IntegerType::get(type.getContext(), 1)));
  return success();
}

FailureOr<SmallVector<int64_t>> broadcastOperands(std::optional<Location> loc,
                                                  ValueRange operands) {
  if (operands.empty()) {
    (void)emitOptionalError(loc, "expected at least one operand");
    return failure();
  }
  SmallVector<ArrayRef<int64_t>> shapes;
  for (Value v : operands)
    shapes.push_back(rankedType(v).getShape());
  std::string error;
  auto shape = broadcastShapes(shapes, &error);
  if (failed(shape))
    (void)emitOptionalError(loc, error);
  return shape;
}

LogicalResult inferBroadcast(std::optional<Location> loc, ValueRange operands,
                             SmallVectorImpl<Type> &inferred) {
  if (failed(verifySameElementType(loc, operands)))
    return failure();
  auto shape = broadcastOperands(loc, operands);
  if (failed(shape))
    return failure();
  inferred.push_back(
      RankedTensorType::get(*shape, rankedType(operands.front()).getElementType()));
  return success();
}

LogicalResult inferBroadcastCompare(std::optional<Location> loc, ValueRange operands,
                                    SmallVectorImpl<Type> &inferred) {
  if (failed(verifySameElementType(loc, operands)))
    return failure();
  auto shape = broadcastOperands(loc, operands);
  if (failed(shape))
    return failure();
  Type i1 = IntegerType::get(operands.front().getContext(), 1);
  inferred.push_back(RankedTensorType::get(*shape, i1));
  return success();
}

LogicalResult inferReduction(std::optional<Location> loc, Value data,
                             ArrayRef<int64_t> axes, int64_t keepdims,
                             SmallVectorImpl<Type> &inferred) {
  auto type = rankedType(data);
  int64_t rank = type.getRank();
  // An empty list would be ambiguous (ONNX: all axes, or none with
  // noop_with_empty_axes); the importer always spells the axes out.
  if (axes.empty())
    return emitOptionalError(loc, "'axes' must not be empty (list the reduced axes "
                                  "explicitly)");
  llvm::SmallSet<int64_t, 8> reduced;
  for (int64_t axis : axes) {
    if (axis < 0 || axis >= rank)
      return emitOptionalError(loc, "reduction axis ", axis,
                               " is out of range for rank ", rank,
                               " (axes must be normalized to [0, rank))");
    if (!reduced.insert(axis).second)
      return emitOptionalError(loc, "reduction axis ", axis, " appears twice");
  }
  SmallVector<int64_t> shape;
  for (int64_t i = 0; i < rank; ++i) {
    if (!reduced.contains(i))
      shape.push_back(type.getDimSize(i));
    else if (keepdims)
      shape.push_back(1);
  }
  inferred.push_back(type.clone(shape));
  return success();
}

} // namespace mlir::kiln
