// RUN: kiln-opt %s --split-input-file --verify-diagnostics

func.func @wrong_result_keepdims(%x: tensor<2x3x4xf32>) -> tensor<2x4xf32> {
  // keepdims defaults to 1, so the reduced axis stays as size 1.
  // expected-error @+2 {{'kiln.reduce_sum' op inferred type(s) 'tensor<2x1x4xf32>' are incompatible with return type(s) of operation 'tensor<2x4xf32>'}}
  // expected-error @+1 {{'kiln.reduce_sum' op failed to infer returned types}}
  %0 = kiln.reduce_sum %x {axes = array<i64: 1>} : (tensor<2x3x4xf32>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// -----

func.func @axis_out_of_range(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // expected-error @+2 {{reduction axis 2 is out of range for rank 2}}
  // expected-error @+1 {{'kiln.reduce_max' op failed to infer returned types}}
  %0 = kiln.reduce_max %x {axes = array<i64: 2>} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// The importer normalizes axes; a negative axis in kiln form is an error.

func.func @negative_axis(%x: tensor<2x3xf32>) -> tensor<2x1xf32> {
  // expected-error @+2 {{reduction axis -1 is out of range for rank 2 (axes must be normalized to [0, rank))}}
  // expected-error @+1 {{'kiln.reduce_mean' op failed to infer returned types}}
  %0 = kiln.reduce_mean %x {axes = array<i64: -1>} : (tensor<2x3xf32>) -> tensor<2x1xf32>
  return %0 : tensor<2x1xf32>
}

// -----

func.func @repeated_axis(%x: tensor<2x3xf32>) -> tensor<2x1xf32> {
  // expected-error @+2 {{reduction axis 1 appears twice}}
  // expected-error @+1 {{'kiln.reduce_l2' op failed to infer returned types}}
  %0 = kiln.reduce_l2 %x {axes = array<i64: 1, 1>} : (tensor<2x3xf32>) -> tensor<2x1xf32>
  return %0 : tensor<2x1xf32>
}

// -----

func.func @missing_axes(%x: tensor<2x3xf32>) -> tensor<1x1xf32> {
  // expected-error @+1 {{'kiln.reduce_prod' op requires attribute 'axes'}}
  %0 = kiln.reduce_prod %x : (tensor<2x3xf32>) -> tensor<1x1xf32>
  return %0 : tensor<1x1xf32>
}

// -----

// ONNX's empty 'axes' means all axes (or, with noop_with_empty_axes, none); the
// importer resolves it, so kiln form lists the reduced axes and never holds an
// empty list.

func.func @reduce_sum_empty_axes(%x: tensor<4x3xf32>) -> tensor<4x3xf32> {
  // expected-error @+2 {{'axes' must not be empty (list the reduced axes explicitly)}}
  // expected-error @+1 {{'kiln.reduce_sum' op failed to infer returned types}}
  %0 = kiln.reduce_sum %x {axes = array<i64>} : (tensor<4x3xf32>) -> tensor<4x3xf32>
  return %0 : tensor<4x3xf32>
}

// -----

func.func @reduce_max_empty_axes(%x: tensor<4x3xf32>) -> tensor<4x3xf32> {
  // expected-error @+2 {{'axes' must not be empty (list the reduced axes explicitly)}}
  // expected-error @+1 {{'kiln.reduce_max' op failed to infer returned types}}
  %0 = kiln.reduce_max %x {axes = array<i64>, keepdims = 0 : i64} : (tensor<4x3xf32>) -> tensor<4x3xf32>
  return %0 : tensor<4x3xf32>
}

// -----

func.func @reduce_bool(%x: tensor<2x3xi1>) -> tensor<2x1xi1> {
  // expected-error @+1 {{'kiln.reduce_sum' op operand #0 must be ranked tensor of}}
  %0 = kiln.reduce_sum %x {axes = array<i64: 1>} : (tensor<2x3xi1>) -> tensor<2x1xi1>
  return %0 : tensor<2x1xi1>
}

// -----

func.func @argmax_axis_out_of_range(%x: tensor<2x3xf32>) -> tensor<2x1xi64> {
  // expected-error @+2 {{'axis' 2 is out of range for rank 2}}
  // expected-error @+1 {{'kiln.argmax' op failed to infer returned types}}
  %0 = kiln.argmax %x {axis = 2 : i64} : (tensor<2x3xf32>) -> tensor<2x1xi64>
  return %0 : tensor<2x1xi64>
}

// -----

func.func @argmin_negative_axis_out_of_range(%x: tensor<2x3xf32>) -> tensor<2x1xi64> {
  // expected-error @+2 {{'axis' -3 is out of range for rank 2}}
  // expected-error @+1 {{'kiln.argmin' op failed to infer returned types}}
  %0 = kiln.argmin %x {axis = -3 : i64} : (tensor<2x3xf32>) -> tensor<2x1xi64>
  return %0 : tensor<2x1xi64>
}

// -----

func.func @argmax_wrong_result(%x: tensor<2x3xf32>) -> tensor<2xi64> {
  // expected-error @+2 {{'kiln.argmax' op inferred type(s) 'tensor<2x1xi64>' are incompatible with return type(s) of operation 'tensor<2xi64>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = kiln.argmax %x {axis = 1 : i64} : (tensor<2x3xf32>) -> tensor<2xi64>
  return %0 : tensor<2xi64>
}

// -----

func.func @argmax_result_not_i64(%x: tensor<2x3xf32>) -> tensor<1x3xi32> {
  // expected-error @+1 {{'kiln.argmax' op result #0 must be ranked tensor of 64-bit signless integer values, but got 'tensor<1x3xi32>'}}
  %0 = kiln.argmax %x : (tensor<2x3xf32>) -> tensor<1x3xi32>
  return %0 : tensor<1x3xi32>
}
