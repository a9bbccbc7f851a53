// RUN: kiln-opt %s --split-input-file --verify-diagnostics

func.func @quantize_result_follows_zero_point(%x: tensor<2x3xf32>, %s: tensor<f32>, %z: tensor<i8>) -> tensor<2x3xui8> {
  // expected-error @+2 {{'kiln.quantize_linear' op inferred type(s) 'tensor<2x3xi8>' are incompatible with return type(s) of operation 'tensor<2x3xui8>'}}
  // expected-error @+1 {{'kiln.quantize_linear' op failed to infer returned types}}
  %0 = kiln.quantize_linear %x, %s y_zero_point(%z) : (tensor<2x3xf32>, tensor<f32>, tensor<i8>) -> tensor<2x3xui8>
  return %0 : tensor<2x3xui8>
}

// -----

func.func @quantize_scale_rank(%x: tensor<2x3xf32>, %s: tensor<2x3xf32>) -> tensor<2x3xui8> {
  // expected-error @+2 {{scale must be a scalar or 1-D, got 'tensor<2x3xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = kiln.quantize_linear %x, %s : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xui8>
  return %0 : tensor<2x3xui8>
}

// -----

func.func @quantize_zero_point_shape(%x: tensor<2x3xf32>, %s: tensor<3xf32>, %z: tensor<ui8>) -> tensor<2x3xui8> {
  // expected-error @+2 {{zero point shape must match the scale's}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = kiln.quantize_linear %x, %s y_zero_point(%z) : (tensor<2x3xf32>, tensor<3xf32>, tensor<ui8>) -> tensor<2x3xui8>
  return %0 : tensor<2x3xui8>
}

// -----

func.func @quantize_per_axis_length(%x: tensor<2x3xf32>, %s: tensor<2xf32>) -> tensor<2x3xui8> {
  // The default axis is 1 (size 3).
  // expected-error @+2 {{per-axis scale has 2 values but axis 1 has size 3}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = kiln.quantize_linear %x, %s : (tensor<2x3xf32>, tensor<2xf32>) -> tensor<2x3xui8>
  return %0 : tensor<2x3xui8>
}

// -----

func.func @quantize_axis(%x: tensor<2x3xf32>, %s: tensor<3xf32>) -> tensor<2x3xui8> {
  // expected-error @+2 {{'axis' 2 is out of range for rank 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = kiln.quantize_linear %x, %s {axis = 2 : i64} : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xui8>
  return %0 : tensor<2x3xui8>
}

// -----

func.func @quantize_f16_input(%x: tensor<2x3xf16>, %s: tensor<f32>) -> tensor<2x3xui8> {
  // expected-error @+1 {{'kiln.quantize_linear' op operand #0 must be ranked tensor of 32-bit float or 32-bit signless integer values, but got 'tensor<2x3xf16>'}}
  %0 = kiln.quantize_linear %x, %s : (tensor<2x3xf16>, tensor<f32>) -> tensor<2x3xui8>
  return %0 : tensor<2x3xui8>
}

// -----

func.func @dequantize_zero_point_type(%x: tensor<2x3xui8>, %s: tensor<f32>, %z: tensor<i8>) -> tensor<2x3xf32> {
  // expected-error @+2 {{zero point element type must match the input's}}
  // expected-error @+1 {{'kiln.dequantize_linear' op failed to infer returned types}}
  %0 = kiln.dequantize_linear %x, %s x_zero_point(%z) : (tensor<2x3xui8>, tensor<f32>, tensor<i8>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

func.func @dequantize_per_axis_length(%x: tensor<4x2xi8>, %s: tensor<2xf32>) -> tensor<4x2xf32> {
  // expected-error @+2 {{per-axis scale has 2 values but axis 0 has size 4}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = kiln.dequantize_linear %x, %s {axis = 0 : i64} : (tensor<4x2xi8>, tensor<2xf32>) -> tensor<4x2xf32>
  return %0 : tensor<4x2xf32>
}

// -----

func.func @dequantize_wrong_result(%x: tensor<4x2xi8>, %s: tensor<f32>) -> tensor<2x4xf32> {
  // expected-error @+2 {{'kiln.dequantize_linear' op inferred type(s) 'tensor<4x2xf32>' are incompatible with return type(s) of operation 'tensor<2x4xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = kiln.dequantize_linear %x, %s : (tensor<4x2xi8>, tensor<f32>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// -----

func.func @qlinear_matmul_inner_dim(%a: tensor<2x3xui8>, %as: tensor<f32>, %az: tensor<ui8>,
                                    %b: tensor<4x4xui8>, %bs: tensor<f32>, %bz: tensor<ui8>,
                                    %ys: tensor<f32>, %yz: tensor<ui8>) -> tensor<2x4xui8> {
  // expected-error @+2 {{inner dimensions differ: 'tensor<2x3xui8>' x 'tensor<4x4xui8>'}}
  // expected-error @+1 {{'kiln.qlinear_matmul' op failed to infer returned types}}
  %0 = kiln.qlinear_matmul %a, %as, %az, %b, %bs, %bz, %ys, %yz : (tensor<2x3xui8>, tensor<f32>, tensor<ui8>, tensor<4x4xui8>, tensor<f32>, tensor<ui8>, tensor<f32>, tensor<ui8>) -> tensor<2x4xui8>
  return %0 : tensor<2x4xui8>
}

// -----

func.func @qlinear_matmul_result_type(%a: tensor<2x3xui8>, %as: tensor<f32>, %az: tensor<ui8>,
                                      %b: tensor<3x4xui8>, %bs: tensor<f32>, %bz: tensor<ui8>,
                                      %ys: tensor<f32>, %yz: tensor<i8>) -> tensor<2x4xui8> {
  // The result takes y_zero_point's element type.
  // expected-error @+2 {{'kiln.qlinear_matmul' op inferred type(s) 'tensor<2x4xi8>' are incompatible with return type(s) of operation 'tensor<2x4xui8>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = kiln.qlinear_matmul %a, %as, %az, %b, %bs, %bz, %ys, %yz : (tensor<2x3xui8>, tensor<f32>, tensor<ui8>, tensor<3x4xui8>, tensor<f32>, tensor<ui8>, tensor<f32>, tensor<i8>) -> tensor<2x4xui8>
  return %0 : tensor<2x4xui8>
}

// -----

func.func @matmul_integer_batch(%a: tensor<2x2x3xi8>, %b: tensor<3x3x4xi8>) -> tensor<2x2x4xi32> {
  // expected-error @+2 {{batch dimensions: shapes [2], [3] are not broadcast-compatible}}
  // expected-error @+1 {{'kiln.matmul_integer' op failed to infer returned types}}
  %0 = kiln.matmul_integer %a, %b : (tensor<2x2x3xi8>, tensor<3x3x4xi8>) -> tensor<2x2x4xi32>
  return %0 : tensor<2x2x4xi32>
}

// -----

func.func @matmul_integer_result_type(%a: tensor<2x3xi8>, %b: tensor<3x4xi8>) -> tensor<2x4xi8> {
  // expected-error @+1 {{'kiln.matmul_integer' op result #0 must be ranked tensor of 32-bit signless integer values, but got 'tensor<2x4xi8>'}}
  %0 = kiln.matmul_integer %a, %b : (tensor<2x3xi8>, tensor<3x4xi8>) -> tensor<2x4xi8>
  return %0 : tensor<2x4xi8>
}

// -----

func.func @dynamic_quantize_linear_wrong_result(%x: tensor<2x3xf32>) -> tensor<2x3xui8> {
  // The scale and zero point are scalars.
  // expected-error @+2 {{'kiln.dynamic_quantize_linear' op inferred type(s) 'tensor<2x3xui8>', 'tensor<f32>', 'tensor<ui8>' are incompatible with return type(s) of operation 'tensor<2x3xui8>', 'tensor<1xf32>', 'tensor<1xui8>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0:3 = kiln.dynamic_quantize_linear %x : (tensor<2x3xf32>) -> (tensor<2x3xui8>, tensor<1xf32>, tensor<1xui8>)
  return %0#0 : tensor<2x3xui8>
}
