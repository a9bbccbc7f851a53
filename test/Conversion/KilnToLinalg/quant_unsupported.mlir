// RUN: kiln-opt %s --split-input-file --convert-kiln-to-linalg --verify-diagnostics

// Refused by the quantization family: shapes of scales and zero points that
// ONNX does not define (or that are not lowered yet) are reported at the op
// instead of being guessed.

// A's zero point is per tensor or per row; [1, K] would be per column.
func.func @matmul_integer_a_zero_point_per_column(%a: tensor<4x3xui8>, %b: tensor<3x2xui8>, %az: tensor<1x3xui8>) -> tensor<4x2xi32> {
  // expected-error @+1 {{kiln.matmul_integer is not supported by code generation yet}}
  %0 = kiln.matmul_integer %a, %b a_zero_point(%az) : (tensor<4x3xui8>, tensor<3x2xui8>, tensor<1x3xui8>) -> tensor<4x2xi32>
  return %0 : tensor<4x2xi32>
}

// -----

// Per-row parameters of a 1-D A have no rows to apply to.
func.func @matmul_integer_vector_per_row(%a: tensor<3xi8>, %b: tensor<3x2xi8>, %az: tensor<3xi8>) -> tensor<2xi32> {
  // expected-error @+1 {{kiln.matmul_integer is not supported by code generation yet}}
  %0 = kiln.matmul_integer %a, %b a_zero_point(%az) : (tensor<3xi8>, tensor<3x2xi8>, tensor<3xi8>) -> tensor<2xi32>
  return %0 : tensor<2xi32>
}

// -----

// X's zero point is per tensor.
func.func @conv_integer_x_zero_point_per_channel(%x: tensor<1x2x4x4xui8>, %w: tensor<3x2x3x3xui8>, %xz: tensor<2xui8>) -> tensor<1x3x2x2xi32> {
  // expected-error @+1 {{kiln.conv_integer is not supported by code generation yet}}
  %0 = kiln.conv_integer %x, %w x_zero_point(%xz) {dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x2x4x4xui8>, tensor<3x2x3x3xui8>, tensor<2xui8>) -> tensor<1x3x2x2xi32>
  return %0 : tensor<1x3x2x2xi32>
}

// -----

// Y's scale is per tensor.
func.func @qlinear_conv_y_scale_per_channel(%x: tensor<1x2x4x4xui8>, %s: tensor<f32>, %z: tensor<ui8>, %w: tensor<3x2x3x3xui8>, %ys: tensor<3xf32>) -> tensor<1x3x2x2xui8> {
  // expected-error @+1 {{kiln.qlinear_conv is not supported by code generation yet}}
  %0 = kiln.qlinear_conv %x, %s, %z, %w, %s, %z, %ys, %z {dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x2x4x4xui8>, tensor<f32>, tensor<ui8>, tensor<3x2x3x3xui8>, tensor<f32>, tensor<ui8>, tensor<3xf32>, tensor<ui8>) -> tensor<1x3x2x2xui8>
  return %0 : tensor<1x3x2x2xui8>
}

// -----

// A scale and its zero point must have the same shape.
func.func @qlinear_matmul_mismatched_parameters(%a: tensor<2x4xi8>, %as: tensor<2xf32>, %az: tensor<i8>, %b: tensor<4x3xi8>, %s: tensor<f32>, %z: tensor<i8>) -> tensor<2x3xi8> {
  // expected-error @+1 {{kiln.qlinear_matmul is not supported by code generation yet}}
  %0 = kiln.qlinear_matmul %a, %as, %az, %b, %s, %z, %s, %z : (tensor<2x4xi8>, tensor<2xf32>, tensor<i8>, tensor<4x3xi8>, tensor<f32>, tensor<i8>, tensor<f32>, tensor<i8>) -> tensor<2x3xi8>
  return %0 : tensor<2x3xi8>
}

// -----

func.func @quantize_dynamic_shape(%x: tensor<?x4xf32>, %s: tensor<f32>, %z: tensor<i8>) -> tensor<?x4xi8> {
  // expected-error @+1 {{kiln.quantize_linear is not supported by code generation yet}}
  %0 = kiln.quantize_linear %x, %s y_zero_point(%z) : (tensor<?x4xf32>, tensor<f32>, tensor<i8>) -> tensor<?x4xi8>
  return %0 : tensor<?x4xi8>
}

// -----

func.func @dynamic_quantize_dynamic_shape(%x: tensor<?xf32>) -> tensor<?xui8> {
  // expected-error @+1 {{kiln.dynamic_quantize_linear is not supported by code generation yet}}
  %y, %s, %z = kiln.dynamic_quantize_linear %x : (tensor<?xf32>) -> (tensor<?xui8>, tensor<f32>, tensor<ui8>)
  return %y : tensor<?xui8>
}

// -----

// With a 1-D B, Y has no columns for A's per-row scale to line up with.
func.func @qlinear_matmul_vector_per_row(%a: tensor<2x4xi8>, %as: tensor<2xf32>, %az: tensor<2xi8>, %b: tensor<4xi8>, %s: tensor<f32>, %z: tensor<i8>) -> tensor<2xi8> {
  // expected-error @+1 {{kiln.qlinear_matmul is not supported by code generation yet}}
  %0 = kiln.qlinear_matmul %a, %as, %az, %b, %s, %z, %s, %z : (tensor<2x4xi8>, tensor<2xf32>, tensor<2xi8>, tensor<4xi8>, tensor<f32>, tensor<i8>, tensor<f32>, tensor<i8>) -> tensor<2xi8>
  return %0 : tensor<2xi8>
}
