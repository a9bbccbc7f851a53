//===- Interpolation.h - Scalar math shared by Resize and GridSample -*- C++ -*-===//
//
// Resize.cpp and GridSample.cpp build their interpolation weights inside a
// gathering linalg.generic; the formulas both follow ONNX's reference (and
// PyTorch) live here so the two cannot drift apart.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_CONVERSION_KILNTOLINALG_INTERPOLATION_H
#define KILN_CONVERSION_KILNTOLINALG_INTERPOLATION_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/IR/Builders.h"

#include <array>

namespace kiln {

/// The cubic convolution weights (Keys, with coefficient `a`) of the four taps
/// floor(x) - 1 .. floor(x) + 2, for `t` = the distance of x past floor(x), in
/// t's float type. Written as ONNX's reference and PyTorch write them
/// (cubic_coeffs / get_cubic_upsample_coefficients), so results match theirs
/// to the rounding.
inline std::array<mlir::Value, 4> cubicWeights(mlir::OpBuilder &b, mlir::Location loc,
                                               mlir::Value t, double a) {
  using namespace mlir;
  Type type = t.getType();
  auto c = [&](double v) -> Value {
    return arith::ConstantOp::create(b, loc, b.getFloatAttr(type, v));
  };
  auto add = [&](Value x, Value y) -> Value {
    return arith::AddFOp::create(b, loc, x, y);
  };
  auto sub = [&](Value x, Value y) -> Value {
    return arith::SubFOp::create(b, loc, x, y);
  };
  auto mul = [&](Value x, Value y) -> Value {
    return arith::MulFOp::create(b, loc, x, y);
  };
  // The outer taps, at distance r + 1 in (1, 2]: ((A*(r+1) - 5A)*(r+1) + 8A)*(r+1) - 4A.
  auto far = [&](Value r) {
    Value r1 = add(r, c(1));
    Value v = sub(mul(c(a), r1), c(5 * a));
    v = add(mul(v, r1), c(8 * a));
    return sub(mul(v, r1), c(4 * a));
  };
  // The inner taps, at distance r in [0, 1]: ((A+2)*r - (A+3))*r*r + 1.
  auto near = [&](Value r) {
    Value v = sub(mul(c(a + 2), r), c(a + 3));
    return add(mul(mul(v, r), r), c(1));
  };
  Value oneMinus = sub(c(1), t);
  return {far(t), near(t), near(oneMinus), far(oneMinus)};
}

} // namespace kiln

#endif // KILN_CONVERSION_KILNTOLINALG_INTERPOLATION_H
