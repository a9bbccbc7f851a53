// RUN: kiln-opt %s --split-input-file --convert-kiln-to-linalg --verify-diagnostics

// Refused by the reduction family: each op is reported at its location and
// the pass fails instead of producing code.

// arith has no unsigned tensors without a type conversion.
func.func @unsigned_reduce(%x: tensor<2x3xui32>) -> tensor<2x1xui32> {
  // expected-error @+1 {{kiln.reduce_sum is not supported by code generation yet}}
  %0 = kiln.reduce_sum %x {axes = array<i64: 1>} : (tensor<2x3xui32>) -> tensor<2x1xui32>
  return %0 : tensor<2x1xui32>
}

// -----

func.func @unsigned_argmax(%x: tensor<2x3xui8>) -> tensor<2x1xi64> {
  // expected-error @+1 {{kiln.argmax is not supported by code generation yet}}
  %0 = kiln.argmax %x {axis = 1 : i64} : (tensor<2x3xui8>) -> tensor<2x1xi64>
  return %0 : tensor<2x1xi64>
}

// -----

// The log of an integer sum has no integer meaning worth generating.
func.func @integer_log_sum(%x: tensor<2x3xi32>, %y: tensor<2x3xi64>) -> (tensor<2x1xi32>, tensor<2x1xi64>) {
  // expected-error @+1 {{kiln.reduce_log_sum is not supported by code generation yet}}
  %0 = kiln.reduce_log_sum %x {axes = array<i64: 1>} : (tensor<2x3xi32>) -> tensor<2x1xi32>
  // expected-error @+1 {{kiln.reduce_log_sum_exp is not supported by code generation yet}}
  %1 = kiln.reduce_log_sum_exp %y {axes = array<i64: 1>} : (tensor<2x3xi64>) -> tensor<2x1xi64>
  return %0, %1 : tensor<2x1xi32>, tensor<2x1xi64>
}

// -----

func.func @dynamic(%x: tensor<?x3xf32>) -> (tensor<?x1xf32>, tensor<?x3xf32>) {
  // expected-error @+1 {{kiln.reduce_max is not supported by code generation yet}}
  %0 = kiln.reduce_max %x {axes = array<i64: 1>} : (tensor<?x3xf32>) -> tensor<?x1xf32>
  // expected-error @+1 {{kiln.softmax is not supported by code generation yet}}
  %1 = kiln.softmax %x : (tensor<?x3xf32>) -> tensor<?x3xf32>
  return %0, %1 : tensor<?x1xf32>, tensor<?x3xf32>
}

// -----

// Scale must broadcast to X; the verifier leaves that to code generation.
func.func @layer_normalization_bad_scale(%x: tensor<2x4xf32>, %s: tensor<5xf32>) -> tensor<2x4xf32> {
  // expected-error @+1 {{kiln.layer_normalization is not supported by code generation yet}}
  %y, %mean, %inv = kiln.layer_normalization %x, %s : (tensor<2x4xf32>, tensor<5xf32>) -> (tensor<2x4xf32>, tensor<2x1xf32>, tensor<2x1xf32>)
  return %y : tensor<2x4xf32>
}

// -----

func.func @lrn_size_zero(%x: tensor<1x3x2x2xf32>) -> tensor<1x3x2x2xf32> {
  // expected-error @+1 {{kiln.lrn is not supported by code generation yet}}
  %0 = kiln.lrn %x {size = 0 : i64} : (tensor<1x3x2x2xf32>) -> tensor<1x3x2x2xf32>
  return %0 : tensor<1x3x2x2xf32>
}

// -----

// An integer mean of no elements would divide by zero at run time.
func.func @integer_mean_of_nothing(%x: tensor<2x0xi32>) -> tensor<2x1xi32> {
  // expected-error @+1 {{kiln.reduce_mean is not supported by code generation yet}}
  %0 = kiln.reduce_mean %x {axes = array<i64: 1>} : (tensor<2x0xi32>) -> tensor<2x1xi32>
  return %0 : tensor<2x1xi32>
}

// -----

func.func @dynamic_scale(%x: tensor<2x3xf32>, %s: tensor<?xf32>, %b: tensor<?xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{kiln.instance_normalization is not supported by code generation yet}}
  %0 = kiln.instance_normalization %x, %s, %b : (tensor<2x3xf32>, tensor<?xf32>, tensor<?xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}
