//===- ShapeInferenceTest.cpp - Tests for the shape arithmetic helpers ----===//
//
// Covers numpy broadcasting (static, scalar and dynamic dims), window output
// sizes (floor and ceil mode, dilation, pads, rejected arguments), axis
// normalization and element counts. Expected values are worked out by hand
// from numpy's broadcasting rule and the ONNX Conv/MaxPool output formula
// floor_or_ceil((in + pads - ((k-1)*d+1)) / stride) + 1, or cross-checked with
// numpy in /usr/bin/python3, as each case says. No MLIRContext is needed.
//
//===----------------------------------------------------------------------===//

#include "dialects/Kiln/ShapeInference.h"

#include "mlir/IR/BuiltinTypes.h"

#include "gtest/gtest.h"

#include <cstdint>
#include <string>
#include <vector>

using namespace mlir;
using namespace mlir::kiln;

namespace {

using Vec = std::vector<int64_t>;
constexpr int64_t kDyn = ShapedType::kDynamic;

/// Broadcasts `shapes`; on failure records one naming the error and returns an
/// impossible sentinel, so the caller's comparison fails too.
Vec broadcast(std::vector<Vec> shapes) {
  SmallVector<ArrayRef<int64_t>> refs;
  for (const Vec &s : shapes)
    refs.push_back(s);
  std::string error;
  FailureOr<SmallVector<int64_t>> result = broadcastShapes(refs, &error);
  if (failed(result)) {
    ADD_FAILURE() << "unexpected broadcast failure: " << error;
    return {-12345};
  }
  return Vec(result->begin(), result->end());
}

/// The error text of a broadcast that must fail ("" if it succeeded, which the
/// ASSERT then reports).
std::string broadcastError(std::vector<Vec> shapes) {
  SmallVector<ArrayRef<int64_t>> refs;
  for (const Vec &s : shapes)
    refs.push_back(s);
  std::string error;
  FailureOr<SmallVector<int64_t>> result = broadcastShapes(refs, &error);
  EXPECT_TRUE(failed(result)) << "broadcast unexpectedly succeeded";
  return error;
}

/// windowOutputSize's value, or -12345 (recording a failure) when it failed.
int64_t window(int64_t input, int64_t kernel, int64_t stride, int64_t dilation,
               int64_t padBegin, int64_t padEnd, bool ceilMode) {
  FailureOr<int64_t> result = windowOutputSize(input, kernel, stride, dilation,
                                               padBegin, padEnd, ceilMode);
  if (failed(result)) {
    ADD_FAILURE() << "windowOutputSize(" << input << ", " << kernel << ", "
                  << stride << ", " << dilation << ", " << padBegin << ", "
                  << padEnd << ", " << ceilMode << ") unexpectedly failed";
    return -12345;
  }
  return *result;
}

//===----------------------------------------------------------------------===//
// broadcastShapes
//===----------------------------------------------------------------------===//

// numpy: np.broadcast_shapes((2,1,3), (4,1)) == (2,4,3): [4,1] is right-aligned
// as [1,4,1].
TEST(BroadcastShapes, NumpyRules) {
  EXPECT_EQ(broadcast({{2, 1, 3}, {4, 1}}), (Vec{2, 4, 3}));
  EXPECT_EQ(broadcast({{4, 1}, {2, 1, 3}}), (Vec{2, 4, 3}));
  EXPECT_EQ(broadcast({{5, 4}, {1}}), (Vec{5, 4}));
  EXPECT_EQ(broadcast({{3, 4}, {3, 4}}), (Vec{3, 4}));
  // numpy: np.broadcast_shapes((8,1,6,1), (7,1,5), (6,5)) == (8,7,6,5).
  EXPECT_EQ(broadcast({{8, 1, 6, 1}, {7, 1, 5}, {6, 5}}), (Vec{8, 7, 6, 5}));
}

// numpy: np.broadcast_shapes((), (2,3)) == (2,3); np.broadcast_shapes((), ())
// == ().
TEST(BroadcastShapes, Scalars) {
  EXPECT_EQ(broadcast({{}, {2, 3}}), (Vec{2, 3}));
  EXPECT_EQ(broadcast({{2, 3}, {}}), (Vec{2, 3}));
  EXPECT_EQ(broadcast({{}, {}}), (Vec{}));
  EXPECT_EQ(broadcast({{}}), (Vec{}));
}

// numpy: np.broadcast_shapes((0,3), (1,3)) == (0,3); a zero dim is a size like
// any other (it beats 1, clashes with 3).
TEST(BroadcastShapes, ZeroSizedDims) {
  EXPECT_EQ(broadcast({{0, 3}, {1, 3}}), (Vec{0, 3}));
  EXPECT_NE(broadcastError({{0, 3}, {3, 3}}), "");
}

// numpy: np.broadcast_shapes((2,3), (3,2)) raises; so does (2,3) against (2,)
// (right-aligned, 2 meets 3).
TEST(BroadcastShapes, IncompatibleShapesFailWithMessage) {
  std::string error = broadcastError({{2, 3}, {3, 2}});
  EXPECT_NE(error.find("[2,3]"), std::string::npos) << error;
  EXPECT_NE(error.find("[3,2]"), std::string::npos) << error;
  EXPECT_NE(error.find("not broadcast-compatible"), std::string::npos) << error;

  error = broadcastError({{2, 3}, {2}});
  EXPECT_NE(error.find("not broadcast-compatible"), std::string::npos) << error;

  // Without an error string the failure is still reported.
  Vec a{2, 3}, b{3, 2};
  SmallVector<ArrayRef<int64_t>> refs{a, b};
  EXPECT_TRUE(failed(broadcastShapes(refs)));
}

// A dynamic dim against 1 stays dynamic; against a static size n it becomes n
// (the run-time size must then be 1 or n); two dynamic dims stay dynamic.
TEST(BroadcastShapes, DynamicDims) {
  EXPECT_EQ(broadcast({{kDyn, 3}, {1, 3}}), (Vec{kDyn, 3}));
  EXPECT_EQ(broadcast({{1, 3}, {kDyn, 3}}), (Vec{kDyn, 3}));
  EXPECT_EQ(broadcast({{kDyn, 3}, {4, 3}}), (Vec{4, 3}));
  EXPECT_EQ(broadcast({{4, 3}, {kDyn, 3}}), (Vec{4, 3}));
  EXPECT_EQ(broadcast({{kDyn}, {kDyn}}), (Vec{kDyn}));
  EXPECT_EQ(broadcast({{kDyn, 1}, {5}}), (Vec{kDyn, 5}));
  // The error message prints dynamic dims as '?'.
  std::string error = broadcastError({{kDyn, 2}, {3}});
  EXPECT_NE(error.find("[?,2]"), std::string::npos) << error;
}

//===----------------------------------------------------------------------===//
// windowOutputSize
//===----------------------------------------------------------------------===//

// By hand: floor((5 - 3) / 1) + 1 = 3; floor((5 + 1 + 1 - 3) / 2) + 1 = 3
// (libonnx-testdata test_conv_with_strides_padding: 7x5 input, k 3, s 2, pads 1
// gives 4x3: (7+2-3)/2+1 = 4, (5+2-3)/2+1 = 3).
TEST(WindowOutputSize, Basic) {
  EXPECT_EQ(window(5, 3, 1, 1, 0, 0, false), 3);
  EXPECT_EQ(window(5, 3, 2, 1, 1, 1, false), 3);
  EXPECT_EQ(window(7, 3, 2, 1, 1, 1, false), 4);
  EXPECT_EQ(window(5, 5, 1, 1, 0, 0, false), 1);
}

// By hand: (6 - 3) / 2 = 1.5 -> floor 1 + 1 = 2, ceil 2 + 1 = 3; an exact
// division gives the same in both modes: (7 - 3) / 2 = 2 -> 3
// (libonnx-testdata test_maxpool_2d_ceil: 4x4, k 3, s 2, ceil_mode gives 2x2:
// ceil((4-3)/2) + 1 = 2, while floor gives 1).
TEST(WindowOutputSize, CeilMode) {
  EXPECT_EQ(window(6, 3, 2, 1, 0, 0, false), 2);
  EXPECT_EQ(window(6, 3, 2, 1, 0, 0, true), 3);
  EXPECT_EQ(window(7, 3, 2, 1, 0, 0, false), 3);
  EXPECT_EQ(window(7, 3, 2, 1, 0, 0, true), 3);
  EXPECT_EQ(window(4, 3, 2, 1, 0, 0, true), 2);
  EXPECT_EQ(window(4, 3, 2, 1, 0, 0, false), 1);
}

// By hand: dilation 2 makes k 3 span 5: (7 - 5) / 1 + 1 = 3; dilation 3 with
// k 2 spans 4: (10 + 1 + 1 - 4) / 3 + 1 = 3 (floor of 8/3 = 2).
// libonnx-testdata test_maxpool_2d_dilations: 4x4, k 2, d 2 gives 2x2.
TEST(WindowOutputSize, Dilation) {
  EXPECT_EQ(window(7, 3, 1, 2, 0, 0, false), 3);
  EXPECT_EQ(window(10, 2, 3, 3, 1, 1, false), 3);
  EXPECT_EQ(window(10, 2, 3, 3, 1, 1, true), 4);
  EXPECT_EQ(window(4, 2, 1, 2, 0, 0, false), 2);
}

// By hand: uneven pads count as their sum: (5 + 0 + 2 - 3) / 1 + 1 = 5.
TEST(WindowOutputSize, Pads) {
  EXPECT_EQ(window(5, 3, 1, 1, 0, 2, false), 5);
  EXPECT_EQ(window(5, 3, 1, 1, 2, 0, false), 5);
  EXPECT_EQ(window(1, 3, 1, 1, 1, 1, false), 1);
}

TEST(WindowOutputSize, DynamicInputStaysDynamic) {
  EXPECT_EQ(window(kDyn, 3, 2, 1, 1, 1, false), kDyn);
  EXPECT_EQ(window(kDyn, 3, 2, 1, 1, 1, true), kDyn);
}

// By hand: a 3-wide window cannot fit in 2 (2 - 3 < 0), nor a dilated 3-wide
// window (span 5) in 4 + 0 pads.
TEST(WindowOutputSize, WindowNotFittingFails) {
  EXPECT_TRUE(failed(windowOutputSize(2, 3, 1, 1, 0, 0, false)));
  EXPECT_TRUE(failed(windowOutputSize(4, 3, 1, 2, 0, 0, true)));
  EXPECT_TRUE(failed(windowOutputSize(0, 1, 1, 1, 0, 0, false)));
}

TEST(WindowOutputSize, OutOfRangeArgumentsFail) {
  EXPECT_TRUE(failed(windowOutputSize(5, 0, 1, 1, 0, 0, false)));
  EXPECT_TRUE(failed(windowOutputSize(5, -1, 1, 1, 0, 0, false)));
  EXPECT_TRUE(failed(windowOutputSize(5, 3, 0, 1, 0, 0, false)));
  EXPECT_TRUE(failed(windowOutputSize(5, 3, -2, 1, 0, 0, false)));
  EXPECT_TRUE(failed(windowOutputSize(5, 3, 1, 0, 0, 0, false)));
  EXPECT_TRUE(failed(windowOutputSize(5, 3, 1, 1, -1, 0, false)));
  EXPECT_TRUE(failed(windowOutputSize(5, 3, 1, 1, 0, -1, false)));
  // Bad arguments fail even when the input is dynamic.
  EXPECT_TRUE(failed(windowOutputSize(kDyn, 0, 1, 1, 0, 0, false)));
}

//===----------------------------------------------------------------------===//
// normalizeAxis and numElements
//===----------------------------------------------------------------------===//

/// normalizeAxis's value, or -12345 when it failed (the comparison then fails).
int64_t axisOf(int64_t axis, int64_t rank) {
  FailureOr<int64_t> result = normalizeAxis(axis, rank);
  return failed(result) ? -12345 : *result;
}

TEST(NormalizeAxis, InRange) {
  EXPECT_EQ(axisOf(0, 3), 0);
  EXPECT_EQ(axisOf(2, 3), 2);
  EXPECT_EQ(axisOf(-1, 3), 2);
  EXPECT_EQ(axisOf(-3, 3), 0);
  EXPECT_EQ(axisOf(-1, 1), 0);
}

TEST(NormalizeAxis, OutOfRangeFails) {
  EXPECT_TRUE(failed(normalizeAxis(3, 3)));
  EXPECT_TRUE(failed(normalizeAxis(-4, 3)));
  EXPECT_TRUE(failed(normalizeAxis(0, 0)));
  EXPECT_TRUE(failed(normalizeAxis(-1, 0)));
}

// By hand: 2*3*4 = 24; the empty product (a scalar) is 1; any zero dim gives 0.
TEST(NumElements, StaticShapes) {
  EXPECT_EQ(numElements({2, 3, 4}), 24);
  EXPECT_EQ(numElements({}), 1);
  EXPECT_EQ(numElements({7}), 7);
  EXPECT_EQ(numElements({3, 0, 5}), 0);
}

TEST(NumElements, DynamicDimGivesDynamic) {
  EXPECT_EQ(numElements({2, kDyn, 4}), kDyn);
  EXPECT_EQ(numElements({kDyn}), kDyn);
  // A zero dim does not make a dynamic shape static.
  EXPECT_EQ(numElements({0, kDyn}), kDyn);
}

} // namespace
