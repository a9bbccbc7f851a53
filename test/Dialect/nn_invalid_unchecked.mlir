// RUN: not kiln-opt %s --split-input-file 2>&1 | FileCheck %s
// XFAIL: *

// KNOWN GAPS: IR that ONNX rejects but the kiln verifiers accept. Each case must
// produce an error on the marked line; where kiln has no message for it yet only
// the location is checked. Remove the XFAIL once all of them are rejected.
//
// - Softmax, LogSoftmax, Hardmax and LpNormalization are Kiln_SameTypeOp: their
//   `axis` is never checked against [-rank, rank). MeanVarianceNormalization's
//   `axes` (default [0, 2, 3]) are not checked either.
// - BatchNormalization's scale/B/mean/var and InstanceNormalization's scale/B must
//   be [C]; nothing checks them.
// - Gemm checks C with a multidirectional broadcast, but ONNX requires C to be
//   unidirectionally broadcastable to [M, N]: C = [2, 5] with [M, N] = [2, 1] is
//   accepted (NNOps.cpp, GemmOp::inferReturnTypes).

func.func @softmax_axis(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // CHECK: [[#@LINE+1]]:{{[0-9]+}}: error: {{.*}}axis
  %0 = kiln.softmax %x {axis = 2 : i64} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

func.func @log_softmax_axis(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // CHECK: [[#@LINE+1]]:{{[0-9]+}}: error: {{.*}}axis
  %0 = kiln.log_softmax %x {axis = -3 : i64} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

func.func @hardmax_axis(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // CHECK: [[#@LINE+1]]:{{[0-9]+}}: error: {{.*}}axis
  %0 = kiln.hardmax %x {axis = 5 : i64} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

func.func @lp_normalization_axis(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // CHECK: [[#@LINE+1]]:{{[0-9]+}}: error: {{.*}}axis
  %0 = kiln.lp_normalization %x {axis = 2 : i64} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

func.func @mean_variance_normalization_default_axes_rank_2(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // The default axes [0, 2, 3] do not exist in a rank-2 tensor.
  // CHECK: [[#@LINE+1]]:{{[0-9]+}}: error: {{.*}}axes
  %0 = kiln.mean_variance_normalization %x : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

func.func @batch_normalization_scale_length(%x: tensor<2x3x4x4xf32>, %s: tensor<5xf32>) -> tensor<2x3x4x4xf32> {
  // CHECK: [[#@LINE+1]]:{{[0-9]+}}: error:
  %0 = kiln.batch_normalization %x, %s, %s, %s, %s : (tensor<2x3x4x4xf32>, tensor<5xf32>, tensor<5xf32>, tensor<5xf32>, tensor<5xf32>) -> tensor<2x3x4x4xf32>
  return %0 : tensor<2x3x4x4xf32>
}

// -----

func.func @instance_normalization_scale_length(%x: tensor<2x3x5xf32>, %s: tensor<4xf32>) -> tensor<2x3x5xf32> {
  // CHECK: [[#@LINE+1]]:{{[0-9]+}}: error:
  %0 = kiln.instance_normalization %x, %s, %s : (tensor<2x3x5xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<2x3x5xf32>
  return %0 : tensor<2x3x5xf32>
}

// -----

func.func @gemm_c_not_unidirectional(%a: tensor<2x3xf32>, %b: tensor<3x1xf32>, %c: tensor<2x5xf32>) -> tensor<2x1xf32> {
  // CHECK: [[#@LINE+1]]:{{[0-9]+}}: error: C of type 'tensor<2x5xf32>' does not broadcast to [M, N] = [2, 1]
  %0 = kiln.gemm %a, %b c(%c) : (tensor<2x3xf32>, tensor<3x1xf32>, tensor<2x5xf32>) -> tensor<2x1xf32>
  return %0 : tensor<2x1xf32>
}
