// RUN: kiln-opt %s --split-input-file --convert-kiln-to-linalg --verify-diagnostics

// Refused by the NN family: each op is reported at its location and the pass
// fails instead of producing code.

func.func @gemm_integer_alpha(%a: tensor<2x3xi32>, %b: tensor<3x4xi32>) -> tensor<2x4xi32> {
  // expected-error @+1 {{kiln.gemm is not supported by code generation yet}}
  %0 = kiln.gemm %a, %b {alpha = 2.0 : f32} : (tensor<2x3xi32>, tensor<3x4xi32>) -> tensor<2x4xi32>
  return %0 : tensor<2x4xi32>
}

// -----

func.func @matmul_unsigned(%a: tensor<2x3xui32>, %b: tensor<3x4xui32>) -> tensor<2x4xui32> {
  // expected-error @+1 {{kiln.matmul is not supported by code generation yet}}
  %0 = kiln.matmul %a, %b : (tensor<2x3xui32>, tensor<3x4xui32>) -> tensor<2x4xui32>
  return %0 : tensor<2x4xui32>
}

// -----

func.func @conv_dynamic_batch(%x: tensor<?x8x9x9xf32>, %w: tensor<8x1x3x3xf32>) -> tensor<?x8x4x4xf32> {
  // expected-error @+1 {{kiln.conv is not supported by code generation yet}}
  %0 = kiln.conv %x, %w {dilations = array<i64: 1, 1>, group = 8 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 2, 2>} : (tensor<?x8x9x9xf32>, tensor<8x1x3x3xf32>) -> tensor<?x8x4x4xf32>
  return %0 : tensor<?x8x4x4xf32>
}

// -----

func.func @pad_unsigned_default_zero(%x: tensor<3xui8>) -> tensor<4xui8> {
  // expected-error @+1 {{kiln.pad is not supported by code generation yet}}
  %0 = kiln.pad %x {pads = array<i64: 1, 0>} : (tensor<3xui8>) -> tensor<4xui8>
  return %0 : tensor<4xui8>
}

// -----

func.func @pad_reflect_cropped_to_empty(%x: tensor<2x3xf32>) -> tensor<2x2xf32> {
  // expected-error @+1 {{kiln.pad is not supported by code generation yet}}
  %0 = kiln.pad %x {mode = "reflect", pads = array<i64: 0, -3, 0, 2>} : (tensor<2x3xf32>) -> tensor<2x2xf32>
  return %0 : tensor<2x2xf32>
}
