// RUN: not kiln-opt %s --split-input-file 2>&1 | FileCheck %s
// XFAIL: *

// KNOWN GAPS: IR that ONNX rejects but the kiln verifiers accept. Each case must
// produce an error on the marked line; the messages are not written yet, so only
// the location (and where obvious a keyword) is checked. Remove the XFAIL once all
// of them are rejected.
//
// 1. The broadcast family (Add, Sub, Mul, Div, Mod, Max/Min/Sum/Mean, the
//    comparisons) takes its element type from the first operand and never checks
//    that the operands share one, as ONNX's single type variable T requires.
//    The folders then combine APInts of different widths: Add of
//    dense<1> : tensor<1xi64> and dense<-1> : tensor<1xi32> folds to 4294967296
//    (and would assert in an LLVM build with assertions).
// 2. PRelu's slope must broadcast unidirectionally to X; Clip's min and max must be
//    scalars. Both are Kiln_SameTypeOp and check nothing.

func.func @add_mixed_int_widths(%a: tensor<2xi64>, %b: tensor<2xi32>) -> tensor<2xi64> {
  // CHECK: [[#@LINE+1]]:{{[0-9]+}}: error: {{.*}}element type
  %0 = kiln.add %a, %b : (tensor<2xi64>, tensor<2xi32>) -> tensor<2xi64>
  return %0 : tensor<2xi64>
}

// -----

func.func @sub_float_widths(%a: tensor<2xf32>, %b: tensor<2xf16>) -> tensor<2xf32> {
  // CHECK: [[#@LINE+1]]:{{[0-9]+}}: error: {{.*}}element type
  %0 = kiln.sub %a, %b : (tensor<2xf32>, tensor<2xf16>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

func.func @mul_int_float(%a: tensor<2xi64>, %b: tensor<2xf32>) -> tensor<2xi64> {
  // CHECK: [[#@LINE+1]]:{{[0-9]+}}: error: {{.*}}element type
  %0 = kiln.mul %a, %b : (tensor<2xi64>, tensor<2xf32>) -> tensor<2xi64>
  return %0 : tensor<2xi64>
}

// -----

func.func @max_mixed(%a: tensor<2xf32>, %b: tensor<2xf64>) -> tensor<2xf32> {
  // CHECK: [[#@LINE+1]]:{{[0-9]+}}: error: {{.*}}element type
  %0 = kiln.max %a, %b : (tensor<2xf32>, tensor<2xf64>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

func.func @equal_mixed(%a: tensor<2xi1>, %b: tensor<2xf32>) -> tensor<2xi1> {
  // CHECK: [[#@LINE+1]]:{{[0-9]+}}: error: {{.*}}element type
  %0 = kiln.equal %a, %b : (tensor<2xi1>, tensor<2xf32>) -> tensor<2xi1>
  return %0 : tensor<2xi1>
}

// -----

// The folded case: today this becomes dense<4294967296> : tensor<1xi64>.

func.func @add_mixed_constants() -> tensor<1xi64> {
  %a = kiln.constant dense<1> : tensor<1xi64>
  %b = kiln.constant dense<-1> : tensor<1xi32>
  // CHECK: [[#@LINE+1]]:{{[0-9]+}}: error: {{.*}}element type
  %0 = kiln.add %a, %b : (tensor<1xi64>, tensor<1xi32>) -> tensor<1xi64>
  return %0 : tensor<1xi64>
}

// -----

func.func @prelu_slope_does_not_broadcast(%x: tensor<2x3xf32>, %s: tensor<5xf32>) -> tensor<2x3xf32> {
  // CHECK: [[#@LINE+1]]:{{[0-9]+}}: error:
  %0 = kiln.prelu %x, %s : (tensor<2x3xf32>, tensor<5xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

func.func @prelu_slope_widens_result(%x: tensor<3xf32>, %s: tensor<2x3xf32>) -> tensor<3xf32> {
  // Unidirectional: the slope may not make the result larger than X.
  // CHECK: [[#@LINE+1]]:{{[0-9]+}}: error:
  %0 = kiln.prelu %x, %s : (tensor<3xf32>, tensor<2x3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

func.func @clip_min_not_scalar(%x: tensor<2x3xf32>, %lo: tensor<3xf32>) -> tensor<2x3xf32> {
  // CHECK: [[#@LINE+1]]:{{[0-9]+}}: error:
  %0 = kiln.clip %x min(%lo) : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}
