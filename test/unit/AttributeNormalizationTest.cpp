//===- AttributeNormalizationTest.cpp - Tests for ONNX attribute rules ----===//
//
// Every expected value below is worked out by hand from the ONNX operator
// specification (opset 17; Split from opset 18) or cross-checked with numpy /
// Python slicing in /usr/bin/python3, as each case's comment says. Where ONNX's
// own test data (libonnx-testdata) exercises a case, the comment names it.
//
//===----------------------------------------------------------------------===//

#include "lib/Import/AttributeNormalization.h"

#include "gtest/gtest.h"

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

using namespace kiln;

namespace {

using Vec = std::vector<int64_t>;
using llvm::ArrayRef;

constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
constexpr int64_t kMin = std::numeric_limits<int64_t>::min();

/// The dims held by `result`; on an error, records a failure naming it and
/// returns an impossible sentinel so the caller's comparison fails too.
Vec dimsOf(llvm::Expected<Dims> result) {
  if (!result) {
    ADD_FAILURE() << "unexpected error: " << llvm::toString(result.takeError());
    return {-12345};
  }
  return Vec(result->begin(), result->end());
}

#define EXPECT_ERROR_CONTAINS(expr, needle)                                    \
  do {                                                                         \
    auto kilnResult = (expr);                                                  \
    ASSERT_FALSE(static_cast<bool>(kilnResult))                                \
        << "expected an error containing \"" << (needle) << "\"";              \
    std::string kilnText = llvm::toString(kilnResult.takeError());             \
    EXPECT_NE(kilnText.find(needle), std::string::npos)                        \
        << "error was: " << kilnText;                                          \
  } while (0)

//===----------------------------------------------------------------------===//
// resolveWindowPads
//===----------------------------------------------------------------------===//

// By hand: in 6, k 3, s 2: out = ceil(6/2) = 3, total = (3-1)*2 + 3 - 6 = 1.
// The odd pad goes at the end for SAME_UPPER and at the beginning for
// SAME_LOWER.
TEST(ResolveWindowPads, SameUpperAndLowerSplitAnOddTotal) {
  EXPECT_EQ(
      dimsOf(resolveWindowPads("SAME_UPPER", {6}, {3}, {2}, {}, std::nullopt)),
      (Vec{0, 1}));
  EXPECT_EQ(
      dimsOf(resolveWindowPads("SAME_LOWER", {6}, {3}, {2}, {}, std::nullopt)),
      (Vec{1, 0}));
}

// libonnx-testdata test_conv_with_autopad_same /
// test_maxpool_2d_precomputed_same_upper: 5x5, k 3, s 2 gives a 3x3 output. By
// hand: out = 3, total = 2*2 + 3 - 5 = 2.
TEST(ResolveWindowPads, SameWithEvenTotalIsSymmetric) {
  EXPECT_EQ(dimsOf(resolveWindowPads("SAME_LOWER", {5, 5}, {3, 3}, {2, 2}, {},
                                     std::nullopt)),
            (Vec{1, 1, 1, 1}));
  EXPECT_EQ(dimsOf(resolveWindowPads("SAME_UPPER", {5, 5}, {3, 3}, {2, 2}, {},
                                     std::nullopt)),
            (Vec{1, 1, 1, 1}));
}

// By hand, with dilation 2 (effective kernel (3-1)*2+1 = 5):
//   axis 0: in 7, s 1: out 7, total = 6*1 + 5 - 7 = 4 -> 2/2.
//   axis 1: in 8, s 2: out 4, total = 3*2 + 5 - 8 = 3 -> 1/2 upper, 2/1 lower.
// ONNX 1.12's form agrees: effective kernel - stride = 5 - 1 = 4 and 5 - 2 = 3.
TEST(ResolveWindowPads, DilationsAndStrides) {
  EXPECT_EQ(dimsOf(resolveWindowPads("SAME_UPPER", {7, 8}, {3, 3}, {1, 2},
                                     {2, 2}, std::nullopt)),
            (Vec{2, 1, 2, 2}));
  EXPECT_EQ(dimsOf(resolveWindowPads("SAME_LOWER", {7, 8}, {3, 3}, {1, 2},
                                     {2, 2}, std::nullopt)),
            (Vec{2, 2, 2, 1}));
}

// By hand: in 9, k 2, s 3: out 3, (3-1)*3 + 2 = 8 < 9, so no padding (not -1).
TEST(ResolveWindowPads, SameNeverPadsNegatively) {
  EXPECT_EQ(
      dimsOf(resolveWindowPads("SAME_UPPER", {9}, {2}, {3}, {}, std::nullopt)),
      (Vec{0, 0}));
}

// By hand: in 32, k 2, s 1: total 1 (libonnx-testdata
// test_maxpool_2d_same_upper and _same_lower keep 32x32).
TEST(ResolveWindowPads, EmptyStridesAndDilationsMeanOnes) {
  EXPECT_EQ(dimsOf(resolveWindowPads("SAME_UPPER", {32, 32}, {2, 2}, {}, {},
                                     std::nullopt)),
            (Vec{0, 0, 1, 1}));
  EXPECT_EQ(dimsOf(resolveWindowPads("SAME_LOWER", {32, 32}, {2, 2}, {1, 1},
                                     {1, 1}, std::nullopt)),
            (Vec{1, 1, 0, 0}));
}

TEST(ResolveWindowPads, NotSetUsesGivenPadsOrZeros) {
  Vec pads{1, 2, 3, 4};
  EXPECT_EQ(dimsOf(resolveWindowPads("NOTSET", {8, 8}, {3, 3}, {}, {},
                                     ArrayRef<int64_t>(pads))),
            (Vec{1, 2, 3, 4}));
  EXPECT_EQ(
      dimsOf(resolveWindowPads("NOTSET", {8, 8}, {3, 3}, {}, {}, std::nullopt)),
      (Vec{0, 0, 0, 0}));
  EXPECT_EQ(dimsOf(resolveWindowPads("VALID", {8, 8}, {3, 3}, {2, 2}, {},
                                     std::nullopt)),
            (Vec{0, 0, 0, 0}));
}

TEST(ResolveWindowPads, Errors) {
  EXPECT_ERROR_CONTAINS(
      resolveWindowPads("SAME", {8}, {3}, {}, {}, std::nullopt),
      "unknown auto_pad 'SAME'");
  Vec threePads{1, 1, 1};
  EXPECT_ERROR_CONTAINS(resolveWindowPads("NOTSET", {8, 8}, {3, 3}, {}, {},
                                          ArrayRef<int64_t>(threePads)),
                        "pads [1,1,1] has 3 values, expected 4");
  Vec negativePads{0, -1};
  EXPECT_ERROR_CONTAINS(resolveWindowPads("NOTSET", {8}, {3}, {}, {},
                                          ArrayRef<int64_t>(negativePads)),
                        "non-negative");
  EXPECT_ERROR_CONTAINS(
      resolveWindowPads("VALID", {8, 8}, {3}, {}, {}, std::nullopt),
      "kernel_shape [3]");
  EXPECT_ERROR_CONTAINS(
      resolveWindowPads("VALID", {8, 8}, {3, 3}, {1}, {}, std::nullopt),
      "strides [1]");
  EXPECT_ERROR_CONTAINS(
      resolveWindowPads("VALID", {8}, {3}, {}, {1, 1}, std::nullopt),
      "dilations [1,1]");
  EXPECT_ERROR_CONTAINS(
      resolveWindowPads("SAME_UPPER", {8}, {3}, {0}, {}, std::nullopt),
      "strides [0] must be positive");
  EXPECT_ERROR_CONTAINS(
      resolveWindowPads("SAME_UPPER", {8}, {0}, {}, {}, std::nullopt),
      "kernel_shape [0] must be positive");
  EXPECT_ERROR_CONTAINS(
      resolveWindowPads("SAME_UPPER", {-1}, {3}, {}, {}, std::nullopt),
      "input size -1");
  EXPECT_ERROR_CONTAINS(
      resolveWindowPads("SAME_UPPER", {8}, {kMax}, {}, {2}, std::nullopt),
      "overflows");
  // (kMax - 1) * 1 + 3 does not fit in int64_t.
  EXPECT_ERROR_CONTAINS(
      resolveWindowPads("SAME_UPPER", {kMax}, {3}, {}, {}, std::nullopt),
      "overflows");
}

//===----------------------------------------------------------------------===//
// resolveConvTransposePads
//===----------------------------------------------------------------------===//

// libonnx-testdata test_convtranspose_autopad_same: 3x3, k 3, s 2 gives 6x6.
// By hand: total = 2*(3-1) + 0 + 3 - 3*2 = 1; the spec's SAME_UPPER split puts
// total/2 = 0 first and 1 last; SAME_LOWER the other way round.
TEST(ResolveConvTransposePads, SameSplitsTowardsTheSpecifiedSide) {
  EXPECT_EQ(
      dimsOf(resolveConvTransposePads("SAME_UPPER", {3, 3}, {3, 3}, {2, 2}, {},
                                      {}, std::nullopt, std::nullopt)),
      (Vec{0, 0, 1, 1}));
  EXPECT_EQ(
      dimsOf(resolveConvTransposePads("SAME_LOWER", {3, 3}, {3, 3}, {2, 2}, {},
                                      {}, std::nullopt, std::nullopt)),
      (Vec{1, 1, 0, 0}));
}

// By hand, dilation 2 (effective kernel 3), in 4, s 2, target 8:
// total = 2*3 + 0 + 3 - 8 = 1. With output_padding 1 (in 3, k 3, s 2, target
// 6): total = 2*2 + 1 + 3 - 6 = 2, so the output is exactly in * stride.
TEST(ResolveConvTransposePads, SameWithDilationAndOutputPadding) {
  EXPECT_EQ(dimsOf(resolveConvTransposePads("SAME_LOWER", {4}, {2}, {2}, {2},
                                            {}, std::nullopt, std::nullopt)),
            (Vec{1, 0}));
  EXPECT_EQ(dimsOf(resolveConvTransposePads("SAME_UPPER", {3}, {3}, {2}, {},
                                            {1}, std::nullopt, std::nullopt)),
            (Vec{1, 1}));
}

// By hand: k 1, s 2, in 3: total = 2*2 + 1 - 6 = -1; like ONNX 1.12's shape
// inference and onnxruntime, no padding (the output is 5, not 6).
TEST(ResolveConvTransposePads, SameClampsANegativeTotalToZero) {
  EXPECT_EQ(dimsOf(resolveConvTransposePads("SAME_UPPER", {3}, {1}, {2}, {}, {},
                                            std::nullopt, std::nullopt)),
            (Vec{0, 0}));
}

// libonnx-testdata test_convtranspose_kernel_shape: in 3x3, k 3x3, s [3,2],
// output_padding [1,1], output_shape [10,8]. By hand: 3*2+1+3-10 = 0, 2*2+1+3-8
// = 0.
TEST(ResolveConvTransposePads, OutputShapeFromTestData) {
  Vec outputShape{10, 8};
  EXPECT_EQ(dimsOf(resolveConvTransposePads(
                "NOTSET", {3, 3}, {3, 3}, {3, 2}, {}, {1, 1},
                ArrayRef<int64_t>(outputShape), std::nullopt)),
            (Vec{0, 0, 0, 0}));
}

// By hand: in 3, k 3, s 2 reaches 7 unpadded. Target 5: total 2 -> 1/1.
// Target 4: total 3; the spec puts total - total/2 = 2 first unless SAME_UPPER.
TEST(ResolveConvTransposePads, OutputShapeWithOddTotal) {
  Vec five{5}, four{4};
  EXPECT_EQ(
      dimsOf(resolveConvTransposePads("NOTSET", {3}, {3}, {2}, {}, {},
                                      ArrayRef<int64_t>(five), std::nullopt)),
      (Vec{1, 1}));
  EXPECT_EQ(
      dimsOf(resolveConvTransposePads("NOTSET", {3}, {3}, {2}, {}, {},
                                      ArrayRef<int64_t>(four), std::nullopt)),
      (Vec{2, 1}));
  EXPECT_EQ(
      dimsOf(resolveConvTransposePads("SAME_LOWER", {3}, {3}, {2}, {}, {},
                                      ArrayRef<int64_t>(four), std::nullopt)),
      (Vec{2, 1}));
  EXPECT_EQ(
      dimsOf(resolveConvTransposePads("SAME_UPPER", {3}, {3}, {2}, {}, {},
                                      ArrayRef<int64_t>(four), std::nullopt)),
      (Vec{1, 2}));
}

// libonnx-testdata test_convtranspose_pads uses pads [1,2,1,2] as given.
TEST(ResolveConvTransposePads, NotSetAndValid) {
  Vec pads{1, 2, 1, 2};
  EXPECT_EQ(
      dimsOf(resolveConvTransposePads("NOTSET", {3, 3}, {3, 3}, {3, 2}, {}, {},
                                      std::nullopt, ArrayRef<int64_t>(pads))),
      (Vec{1, 2, 1, 2}));
  EXPECT_EQ(
      dimsOf(resolveConvTransposePads("NOTSET", {3, 3}, {3, 3}, {3, 2}, {}, {},
                                      std::nullopt, std::nullopt)),
      (Vec{0, 0, 0, 0}));
  EXPECT_EQ(dimsOf(resolveConvTransposePads("VALID", {3, 3}, {3, 3}, {3, 2}, {},
                                            {}, std::nullopt, std::nullopt)),
            (Vec{0, 0, 0, 0}));
}

TEST(ResolveConvTransposePads, Errors) {
  // libonnx-testdata test_convtranspose_output_shape: 3*2 + 3 - 10 = -1 needs
  // negative padding (ONNX's data extends the end, as output_padding would).
  Vec outputShape{10, 8};
  EXPECT_ERROR_CONTAINS(
      resolveConvTransposePads("NOTSET", {3, 3}, {3, 3}, {3, 2}, {}, {},
                               ArrayRef<int64_t>(outputShape), std::nullopt),
      "needs negative padding -1 on axis 0");
  Vec shortShape{10};
  EXPECT_ERROR_CONTAINS(
      resolveConvTransposePads("NOTSET", {3, 3}, {3, 3}, {}, {}, {},
                               ArrayRef<int64_t>(shortShape), std::nullopt),
      "output_shape [10] has 1 values for 2 spatial dims");
  EXPECT_ERROR_CONTAINS(resolveConvTransposePads("NOTSET", {3}, {3}, {2}, {},
                                                 {2}, std::nullopt,
                                                 std::nullopt),
                        "output_padding [2]");
  EXPECT_ERROR_CONTAINS(resolveConvTransposePads("NOTSET", {3}, {3}, {2}, {},
                                                 {-1}, std::nullopt,
                                                 std::nullopt),
                        "output_padding [-1]");
  EXPECT_ERROR_CONTAINS(resolveConvTransposePads("UPPER", {3}, {3}, {2}, {}, {},
                                                 std::nullopt, std::nullopt),
                        "unknown auto_pad 'UPPER'");
  EXPECT_ERROR_CONTAINS(resolveConvTransposePads("SAME_UPPER", {3}, {3, 3}, {},
                                                 {}, {}, std::nullopt,
                                                 std::nullopt),
                        "kernel_shape [3,3]");
  EXPECT_ERROR_CONTAINS(resolveConvTransposePads("SAME_UPPER", {0}, {3}, {}, {},
                                                 {}, std::nullopt,
                                                 std::nullopt),
                        "input size 0");
}

//===----------------------------------------------------------------------===//
// resolveReshape
//===----------------------------------------------------------------------===//

// numpy: np.arange(24).reshape(2,3,4).reshape(2,-1).shape == (2,12) and
// .reshape(-1,3,2).shape == (4,3,2); the 0s copy input dims 0 (2) and 1 (3).
TEST(ResolveReshape, ZeroCopiesAndMinusOneInfers) {
  EXPECT_EQ(dimsOf(resolveReshape({2, 3, 4}, {0, -1}, false)), (Vec{2, 12}));
  EXPECT_EQ(dimsOf(resolveReshape({2, 3, 4}, {-1, 0, 2}, false)),
            (Vec{4, 3, 2}));
  EXPECT_EQ(dimsOf(resolveReshape({2, 3, 4}, {4, 6}, false)), (Vec{4, 6}));
}

// By hand: one element reshapes to and from a scalar (empty shape).
TEST(ResolveReshape, Scalars) {
  EXPECT_EQ(dimsOf(resolveReshape({}, {1, 1}, false)), (Vec{1, 1}));
  EXPECT_EQ(dimsOf(resolveReshape({1, 1}, {}, false)), (Vec{}));
  EXPECT_EQ(dimsOf(resolveReshape({}, {-1}, false)), (Vec{1}));
}

// numpy: np.zeros((0,3)).reshape(3,0).shape == (3,0) (allowzero=1 is numpy's
// rule). Without allowzero the 0 copies input dim 1 (3): [3,3] holds 9, not 0,
// elements.
TEST(ResolveReshape, AllowZero) {
  EXPECT_EQ(dimsOf(resolveReshape({0, 3}, {3, 0}, true)), (Vec{3, 0}));
  EXPECT_ERROR_CONTAINS(resolveReshape({0, 3}, {3, 0}, false),
                        "cannot reshape 0 elements into [3,0]");
  EXPECT_ERROR_CONTAINS(resolveReshape({2, 3, 4}, {0, -1}, true), "allowzero");
}

TEST(ResolveReshape, Errors) {
  EXPECT_ERROR_CONTAINS(resolveReshape({2, 3, 4}, {5, -1}, false),
                        "cannot reshape 24 elements into [5,-1]");
  EXPECT_ERROR_CONTAINS(resolveReshape({2, 3, 4}, {4, 0}, false),
                        "cannot reshape 24 elements into [4,0]");
  EXPECT_ERROR_CONTAINS(resolveReshape({2, 3, 4}, {-1, -1}, false),
                        "more than one -1");
  EXPECT_ERROR_CONTAINS(resolveReshape({2, 3, 4}, {-2, 12}, false),
                        "invalid value -2");
  EXPECT_ERROR_CONTAINS(resolveReshape({24}, {4, 0}, false), "0 at index 1");
  EXPECT_ERROR_CONTAINS(resolveReshape({0, 3}, {0, -1}, false),
                        "cannot reshape 0 elements into [0,-1]");
  EXPECT_ERROR_CONTAINS(resolveReshape({2, 3, 4}, {}, false),
                        "cannot reshape 24 elements into []");
  EXPECT_ERROR_CONTAINS(resolveReshape({2}, {kMax, 4}, false), "overflows");
}

//===----------------------------------------------------------------------===//
// normalizeAxes
//===----------------------------------------------------------------------===//

// By hand: rank 3, -1 -> 2, -3 -> 0; the result is sorted.
TEST(NormalizeAxes, NegativeAxesAreNormalizedAndSorted) {
  EXPECT_EQ(dimsOf(normalizeAxes({-1, 0}, 3)), (Vec{0, 2}));
  EXPECT_EQ(dimsOf(normalizeAxes({2, -3, 1}, 3)), (Vec{0, 1, 2}));
  EXPECT_EQ(dimsOf(normalizeAxes({}, 3)), (Vec{}));
}

TEST(NormalizeAxes, Errors) {
  EXPECT_ERROR_CONTAINS(normalizeAxes({3}, 3),
                        "axis 3 is out of range for rank 3");
  EXPECT_ERROR_CONTAINS(normalizeAxes({-4}, 3), "axis -4 is out of range");
  EXPECT_ERROR_CONTAINS(normalizeAxes({1, -2}, 3), "more than once");
  EXPECT_ERROR_CONTAINS(normalizeAxes({0}, 0), "out of range for rank 0");
}

//===----------------------------------------------------------------------===//
// resolveSlice
//===----------------------------------------------------------------------===//

void expectSlice(llvm::Expected<SliceBounds> result, const Vec &starts,
                 const Vec &ends, const Vec &steps) {
  ASSERT_TRUE(static_cast<bool>(result))
      << "unexpected error: " << llvm::toString(result.takeError());
  EXPECT_EQ(Vec(result->starts.begin(), result->starts.end()), starts);
  EXPECT_EQ(Vec(result->ends.begin(), result->ends.end()), ends);
  EXPECT_EQ(Vec(result->steps.begin(), result->steps.end()), steps);
}

// The two examples of the Slice-13 doc. Python: slice(1,2,1).indices(2) ==
// (1,2,1), slice(0,3,2).indices(4) == (0,3,2); slice(0,-1).indices(2) ==
// (0,1,1), slice(1,1000).indices(4) == (1,4,1).
TEST(ResolveSlice, SpecExamples) {
  Vec axes{0, 1}, steps{1, 2};
  expectSlice(resolveSlice({2, 4}, {1, 0}, {2, 3}, ArrayRef<int64_t>(axes),
                           ArrayRef<int64_t>(steps)),
              {1, 0}, {2, 3}, {1, 2});
  expectSlice(
      resolveSlice({2, 4}, {0, 1}, {-1, 1000}, std::nullopt, std::nullopt),
      {0, 1}, {1, 4}, {1, 1});
}

// A negative axis; dims not sliced take 0..dim step 1. Python:
// slice(1, 2**63-1).indices(4) == (1,4,1).
TEST(ResolveSlice, NegativeAxisAndInt64MaxEnd) {
  Vec axes{-2};
  expectSlice(resolveSlice({3, 4, 5}, {1}, {kMax}, ArrayRef<int64_t>(axes),
                           std::nullopt),
              {0, 1, 0}, {3, 4, 5}, {1, 1, 1});
}

// Python: slice(-1, -2**63, -1).indices(5) == (4,-1,-1), the whole dim
// reversed.
TEST(ResolveSlice, NegativeStepReversesWholeDim) {
  Vec steps{-1};
  expectSlice(
      resolveSlice({5}, {-1}, {kMin}, std::nullopt, ArrayRef<int64_t>(steps)),
      {4}, {-1}, {-1});
}

// Python: slice(10,-3,-2).indices(5) == (4,2,-2); slice(-2**63,-2).indices(5)
// == (0,3,1).
TEST(ResolveSlice, ClampsOutOfRangeBounds) {
  Vec steps{-2};
  expectSlice(
      resolveSlice({5}, {10}, {-3}, std::nullopt, ArrayRef<int64_t>(steps)),
      {4}, {2}, {-2});
  expectSlice(resolveSlice({5}, {kMin}, {-2}, std::nullopt, std::nullopt), {0},
              {3}, {1});
}

// By hand from the spec (here Python differs): start -10 + 5 = -5 is clamped to
// [0, dim-1] = 0 for negative steps, so one element remains; Python's
// slice(-10, -2**63, -1).indices(5) gives (-1,-1,-1), an empty slice.
TEST(ResolveSlice, NegativeStepClampsStartToZero) {
  Vec steps{-1};
  expectSlice(
      resolveSlice({5}, {-10}, {kMin}, std::nullopt, ArrayRef<int64_t>(steps)),
      {0}, {-1}, {-1});
}

// An empty dim gives an empty slice (start = end = 0) whatever the step.
TEST(ResolveSlice, EmptyDim) {
  Vec steps{-1};
  expectSlice(
      resolveSlice({0}, {-1}, {kMin}, std::nullopt, ArrayRef<int64_t>(steps)),
      {0}, {0}, {-1});
  expectSlice(resolveSlice({0}, {0}, {kMax}, std::nullopt, std::nullopt), {0},
              {0}, {1});
}

TEST(ResolveSlice, Errors) {
  Vec zeroStep{0};
  EXPECT_ERROR_CONTAINS(
      resolveSlice({5}, {0}, {5}, std::nullopt, ArrayRef<int64_t>(zeroStep)),
      "steps [0] has 0");
  EXPECT_ERROR_CONTAINS(
      resolveSlice({5}, {0}, {5, 6}, std::nullopt, std::nullopt),
      "starts [0] and ends [5,6] differ in length");
  Vec twoAxes{0, 1};
  EXPECT_ERROR_CONTAINS(
      resolveSlice({5, 5}, {0}, {5}, ArrayRef<int64_t>(twoAxes), std::nullopt),
      "axes [0,1] and starts [0] differ in length");
  Vec twoSteps{1, 1};
  EXPECT_ERROR_CONTAINS(
      resolveSlice({5, 5}, {0}, {5}, std::nullopt, ArrayRef<int64_t>(twoSteps)),
      "steps [1,1] and starts [0] differ in length");
  Vec repeated{0, -2};
  EXPECT_ERROR_CONTAINS(resolveSlice({5, 5}, {0, 0}, {5, 5},
                                     ArrayRef<int64_t>(repeated), std::nullopt),
                        "more than once");
  Vec outOfRange{2};
  EXPECT_ERROR_CONTAINS(resolveSlice({5, 5}, {0}, {5},
                                     ArrayRef<int64_t>(outOfRange),
                                     std::nullopt),
                        "axis 2 is out of range for rank 2");
  EXPECT_ERROR_CONTAINS(
      resolveSlice({5}, {0, 0}, {5, 5}, std::nullopt, std::nullopt),
      "more values than rank 1");
}

//===----------------------------------------------------------------------===//
// resolveSplit
//===----------------------------------------------------------------------===//

// By hand from Split-18: parts of ceil(7/3) = 3, the last one 7 - 6 = 1
// (numpy's array_split would give 3,2,2, which is not ONNX's rule).
TEST(ResolveSplit, NumOutputsUsesCeilParts) {
  EXPECT_EQ(dimsOf(resolveSplit(7, 3, std::nullopt)), (Vec{3, 3, 1}));
  EXPECT_EQ(dimsOf(resolveSplit(6, 3, std::nullopt)), (Vec{2, 2, 2}));
  EXPECT_EQ(dimsOf(resolveSplit(5, 1, std::nullopt)), (Vec{5}));
  // By hand: ceil(8/3) = 3, last 8 - 6 = 2 (ONNX's later test
  // test_split_2d_uneven_split_opset18 splits 8 into 3,3,2).
  EXPECT_EQ(dimsOf(resolveSplit(8, 3, std::nullopt)), (Vec{3, 3, 2}));
}

TEST(ResolveSplit, ExplicitSplit) {
  Vec split{2, 5}, withZero{0, 7};
  EXPECT_EQ(dimsOf(resolveSplit(7, 2, ArrayRef<int64_t>(split))), (Vec{2, 5}));
  EXPECT_EQ(dimsOf(resolveSplit(7, 0, ArrayRef<int64_t>(split))), (Vec{2, 5}));
  EXPECT_EQ(dimsOf(resolveSplit(7, 2, ArrayRef<int64_t>(withZero))),
            (Vec{0, 7}));
  // libonnx-testdata test_split_zero_size_splits: an empty dim split [0,0,0].
  Vec zeros{0, 0, 0};
  EXPECT_EQ(dimsOf(resolveSplit(0, 3, ArrayRef<int64_t>(zeros))),
            (Vec{0, 0, 0}));
}

TEST(ResolveSplit, Errors) {
  Vec shortSum{2, 4}, negative{-1, 8}, empty{};
  EXPECT_ERROR_CONTAINS(resolveSplit(7, 2, ArrayRef<int64_t>(shortSum)),
                        "split [2,4] sums to 6, not the dim size 7");
  EXPECT_ERROR_CONTAINS(resolveSplit(7, 2, ArrayRef<int64_t>(negative)),
                        "non-negative");
  EXPECT_ERROR_CONTAINS(resolveSplit(7, 3, ArrayRef<int64_t>(shortSum)),
                        "has 2 sizes for 3 outputs");
  EXPECT_ERROR_CONTAINS(resolveSplit(7, 0, ArrayRef<int64_t>(empty)), "empty");
  EXPECT_ERROR_CONTAINS(resolveSplit(7, 0, std::nullopt), "must be positive");
  // ceil(5/4) = 2 leaves 5 - 6 = -1 for the last part; 4 into 3 leaves 0.
  EXPECT_ERROR_CONTAINS(resolveSplit(5, 4, std::nullopt),
                        "cannot split dim size 5 into 4");
  EXPECT_ERROR_CONTAINS(resolveSplit(4, 3, std::nullopt),
                        "cannot split dim size 4 into 3");
  EXPECT_ERROR_CONTAINS(resolveSplit(2, 3, std::nullopt),
                        "cannot split dim size 2 into 3");
}

//===----------------------------------------------------------------------===//
// resolveResize
//===----------------------------------------------------------------------===//

void expectResize(llvm::Expected<ResizeShape> result, const Vec &sizes,
                  const std::vector<float> &scales) {
  ASSERT_TRUE(static_cast<bool>(result))
      << "unexpected error: " << llvm::toString(result.takeError());
  EXPECT_EQ(Vec(result->sizes.begin(), result->sizes.end()), sizes);
  ASSERT_EQ(result->scales.size(), scales.size());
  for (size_t i = 0; i < scales.size(); ++i)
    EXPECT_FLOAT_EQ(result->scales[i], scales[i]) << "scale " << i;
}

// numpy, as ONNX's reference computes it:
// (np.array([1,1,0.6,0.6], np.float32) * np.array([1,1,2,4])).astype(int) ==
// [1,1,1,2] (libonnx-testdata test_resize_downsample_scales_nearest), and
// [1,1,2,3] * [1,1,2,2] == [1,1,4,6].
TEST(ResolveResize, FromScales) {
  expectResize(resolveResize({1, 1, 2, 4}, {1, 1, 0.6f, 0.6f}, {}),
               {1, 1, 1, 2}, {1, 1, 0.6f, 0.6f});
  expectResize(resolveResize({1, 1, 2, 2}, {1, 1, 2, 3}, {}), {1, 1, 4, 6},
               {1, 1, 2, 3});
}

// numpy: (np.array([0.7], np.float32) * np.array([10])).astype(int) == [6],
// since 0.7f is 0.699999988; a float product would round to 7.0 first.
TEST(ResolveResize, FromScalesMultipliesInDouble) {
  expectResize(resolveResize({10}, {0.7f}, {}), {6}, {0.7f});
}

// numpy: np.float32(3)/np.float32(4) == 0.75, 2/4 == 0.5, 1/3 == 0.33333334.
TEST(ResolveResize, FromSizes) {
  expectResize(resolveResize({1, 1, 4, 4}, {}, {1, 1, 3, 2}), {1, 1, 3, 2},
               {1, 1, 0.75f, 0.5f});
  expectResize(resolveResize({3, 2}, {}, {1, 6}), {1, 6}, {1.0f / 3.0f, 3.0f});
}

TEST(ResolveResize, Errors) {
  EXPECT_ERROR_CONTAINS(resolveResize({1, 4}, {}, {}),
                        "neither scales nor sizes");
  EXPECT_ERROR_CONTAINS(resolveResize({1, 4}, {1, 2}, {1, 8}), "both scales");
  EXPECT_ERROR_CONTAINS(resolveResize({1, 4}, {2}, {}),
                        "scales [2] has 1 values for input rank 2");
  EXPECT_ERROR_CONTAINS(resolveResize({1, 4}, {}, {1, 8, 8}),
                        "sizes [1,8,8] has 3 values for input rank 2");
  EXPECT_ERROR_CONTAINS(resolveResize({1, 4}, {1, 0}, {}), "positive");
  EXPECT_ERROR_CONTAINS(resolveResize({1, 4}, {1, -2}, {}), "positive");
  EXPECT_ERROR_CONTAINS(
      resolveResize({1, 4}, {1, std::numeric_limits<float>::quiet_NaN()}, {}),
      "positive");
  EXPECT_ERROR_CONTAINS(
      resolveResize({1, 4}, {1, std::numeric_limits<float>::infinity()}, {}),
      "finite");
  EXPECT_ERROR_CONTAINS(resolveResize({1, kMax}, {1, 4}, {}), "overflows");
  EXPECT_ERROR_CONTAINS(resolveResize({1, 4}, {}, {1, -8}), "non-negative");
  EXPECT_ERROR_CONTAINS(resolveResize({1, 0}, {}, {1, 8}), "empty dim");
}

} // namespace
