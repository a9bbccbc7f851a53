// RUN: kiln-opt %s --split-input-file --convert-kiln-to-linalg --verify-diagnostics

// Refused by the tensor family: each op is reported at its location and the
// pass fails instead of producing code.

func.func @range_not_constant(%s: tensor<i64>, %l: tensor<i64>, %d: tensor<i64>) -> tensor<4xi64> {
  // expected-error @+1 {{kiln.range is not supported by code generation yet}}
  %0 = kiln.range %s, %l, %d : (tensor<i64>, tensor<i64>, tensor<i64>) -> tensor<4xi64>
  return %0 : tensor<4xi64>
}

// -----

func.func @unsigned(%x: tensor<2x3xui8>) -> tensor<3x2xui8> {
  // expected-error @+1 {{kiln.transpose is not supported by code generation yet}}
  %0 = kiln.transpose %x {perm = array<i64: 1, 0>} : (tensor<2x3xui8>) -> tensor<3x2xui8>
  return %0 : tensor<3x2xui8>
}

// -----

func.func @dynamic(%x: tensor<?x4xf32>) -> tensor<?x2x2xf32> {
  // expected-error @+1 {{kiln.unsqueeze is not supported by code generation yet}}
  %0 = kiln.unsqueeze %x {axes = array<i64: 1>} : (tensor<?x4xf32>) -> tensor<?x1x4xf32>
  %1 = kiln.reshape %0 {shape = array<i64: 2, 2, 2>} : (tensor<?x1x4xf32>) -> tensor<2x2x2xf32>
  // expected-error @-1 {{kiln.reshape is not supported by code generation yet}}
  %2 = tensor.cast %1 : tensor<2x2x2xf32> to tensor<?x2x2xf32>
  return %2 : tensor<?x2x2xf32>
}

// -----

// TopK by ranking costs O(n^2) per row; long axes wait for a sort.

func.func @topk_long_axis(%x: tensor<2x5000xf32>) -> (tensor<2x3xf32>, tensor<2x3xi64>) {
  // expected-error @+1 {{kiln.topk is not supported by code generation yet}}
  %0:2 = kiln.topk %x {k = 3 : i64} : (tensor<2x5000xf32>) -> (tensor<2x3xf32>, tensor<2x3xi64>)
  return %0#0, %0#1 : tensor<2x3xf32>, tensor<2x3xi64>
}

// -----

// A masked-reduction CumSum costs axis-length times a scan; long axes wait for
// a loop-based lowering.

func.func @cumsum_long_axis(%x: tensor<8192xf32>) -> tensor<8192xf32> {
  // expected-error @+1 {{kiln.cumsum is not supported by code generation yet}}
  %0 = kiln.cumsum %x {axis = 0 : i64} : (tensor<8192xf32>) -> tensor<8192xf32>
  return %0 : tensor<8192xf32>
}

// -----

func.func @gather_empty_axis(%d: tensor<0x3xf32>, %i: tensor<2xi64>) -> tensor<2x3xf32> {
  // expected-error @+1 {{kiln.gather is not supported by code generation yet}}
  %0 = kiln.gather %d, %i : (tensor<0x3xf32>, tensor<2xi64>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

func.func @scatter_into_empty_dim(%d: tensor<3x0xf32>, %i: tensor<3x1xi64>, %u: tensor<3x1xf32>) -> tensor<3x0xf32> {
  // No index is valid in an empty dimension, and clamping has nothing to
  // clamp to.
  // expected-error @+1 {{kiln.scatter_elements is not supported by code generation yet}}
  %0 = kiln.scatter_elements %d, %i, %u {axis = 1 : i64} : (tensor<3x0xf32>, tensor<3x1xi64>, tensor<3x1xf32>) -> tensor<3x0xf32>
  return %0 : tensor<3x0xf32>
}

// -----

func.func @scatter_nd_dynamic(%d: tensor<?x4xf32>, %i: tensor<2x1xi64>, %u: tensor<2x4xf32>) -> tensor<?x4xf32> {
  // expected-error @+1 {{kiln.scatter_nd is not supported by code generation yet}}
  %0 = kiln.scatter_nd %d, %i, %u : (tensor<?x4xf32>, tensor<2x1xi64>, tensor<2x4xf32>) -> tensor<?x4xf32>
  return %0 : tensor<?x4xf32>
}
