// RUN: kiln-opt %s --split-input-file --convert-kiln-to-linalg --verify-diagnostics

// Refused by the resize lowering: reported at the op, no code produced.

// The reference divides by a zero weight sum when the nearest tap is outside.
func.func @nearest_exclude_outside(%x: tensor<4xf32>) -> tensor<8xf32> {
  // expected-error @+1 {{kiln.resize is not supported by code generation yet}}
  %0 = kiln.resize %x {exclude_outside = 1, scales = array<f32: 2.0>, sizes = array<i64: 8>} : (tensor<4xf32>) -> tensor<8xf32>
  return %0 : tensor<8xf32>
}

// -----

func.func @linear_integer(%x: tensor<4xi32>) -> tensor<8xi32> {
  // expected-error @+1 {{kiln.resize is not supported by code generation yet}}
  %0 = kiln.resize %x {mode = "linear", scales = array<f32: 2.0>, sizes = array<i64: 8>} : (tensor<4xi32>) -> tensor<8xi32>
  return %0 : tensor<8xi32>
}

// -----

// 4^5 tap combinations would be 1024 extracts per element.
func.func @cubic_five_dims(%x: tensor<2x2x2x2x2xf32>) -> tensor<4x4x4x4x4xf32> {
  // expected-error @+1 {{kiln.resize is not supported by code generation yet}}
  %0 = kiln.resize %x {mode = "cubic", scales = array<f32: 2.0, 2.0, 2.0, 2.0, 2.0>, sizes = array<i64: 4, 4, 4, 4, 4>} : (tensor<2x2x2x2x2xf32>) -> tensor<4x4x4x4x4xf32>
  return %0 : tensor<4x4x4x4x4xf32>
}

// -----

// 0.333333343 is float(1 / 3): from scales, output_width is 1.00000003 and
// x_ori = 0.99999997; from sizes, output_width is 1 and x_ori = -0.5. The op
// cannot tell which, so it is refused.
func.func @ambiguous_scale(%x: tensor<3xf32>) -> tensor<1xf32> {
  // expected-error @+1 {{kiln.resize is not supported by code generation yet}}
  %0 = kiln.resize %x {mode = "linear", coordinate_transformation_mode = "pytorch_half_pixel", scales = array<f32: 0.333333343>, sizes = array<i64: 1>} : (tensor<3xf32>) -> tensor<1xf32>
  return %0 : tensor<1xf32>
}
