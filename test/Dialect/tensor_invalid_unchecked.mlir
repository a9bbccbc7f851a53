// RUN: not kiln-opt %s --split-input-file 2>&1 | FileCheck %s
// XFAIL: *

// KNOWN GAPS: IR that ONNX rejects but the kiln verifiers accept. Each case must
// produce an error on the marked line; kiln has no messages for these yet, so only
// the location is checked. Remove the XFAIL once all of them are rejected.
//
// - CumSum (Kiln_SameTypeOp) never checks `axis` against the rank.
// - Trilu requires rank >= 2 in ONNX; rank 1 is accepted.
// - Range has neither type inference nor a verifier: start/limit/delta must be
//   scalars of one element type and the result 1-D of that type, but anything is
//   accepted.

func.func @cumsum_axis(%x: tensor<4xf32>) -> tensor<4xf32> {
  // CHECK: [[#@LINE+1]]:{{[0-9]+}}: error: {{.*}}axis
  %0 = kiln.cumsum %x {axis = 3 : i64} : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @trilu_rank_1(%x: tensor<4xf32>) -> tensor<4xf32> {
  // CHECK: [[#@LINE+1]]:{{[0-9]+}}: error:
  %0 = kiln.trilu %x : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @range_operands_not_scalar(%s: tensor<2xi64>, %l: tensor<i64>, %d: tensor<i64>) -> tensor<5xi64> {
  // CHECK: [[#@LINE+1]]:{{[0-9]+}}: error:
  %0 = kiln.range %s, %l, %d : (tensor<2xi64>, tensor<i64>, tensor<i64>) -> tensor<5xi64>
  return %0 : tensor<5xi64>
}

// -----

func.func @range_mixed_types(%s: tensor<i64>, %l: tensor<f32>, %d: tensor<i64>) -> tensor<5xi64> {
  // CHECK: [[#@LINE+1]]:{{[0-9]+}}: error:
  %0 = kiln.range %s, %l, %d : (tensor<i64>, tensor<f32>, tensor<i64>) -> tensor<5xi64>
  return %0 : tensor<5xi64>
}

// -----

func.func @range_result_not_1d(%s: tensor<i64>, %l: tensor<i64>, %d: tensor<i64>) -> tensor<2x3xi64> {
  // CHECK: [[#@LINE+1]]:{{[0-9]+}}: error:
  %0 = kiln.range %s, %l, %d : (tensor<i64>, tensor<i64>, tensor<i64>) -> tensor<2x3xi64>
  return %0 : tensor<2x3xi64>
}
