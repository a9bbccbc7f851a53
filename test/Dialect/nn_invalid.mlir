// RUN: kiln-opt %s --split-input-file --verify-diagnostics

func.func @conv_wrong_result(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x8x8xf32> {
  // Without padding the 3x3 window gives 6x6, not 8x8.
  // expected-error @+2 {{'kiln.conv' op inferred type(s) 'tensor<1x4x6x6xf32>' are incompatible with return type(s) of operation 'tensor<1x4x8x8xf32>'}}
  // expected-error @+1 {{'kiln.conv' op failed to infer returned types}}
  %0 = kiln.conv %x, %w {dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x8x8xf32>
  return %0 : tensor<1x4x8x8xf32>
}

// -----

func.func @conv_channel_mismatch(%x: tensor<1x3x8x8xf32>, %w: tensor<4x2x3x3xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error @+2 {{input has 3 channels but weight expects 2 x group 1}}
  // expected-error @+1 {{'kiln.conv' op failed to infer returned types}}
  %0 = kiln.conv %x, %w {dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x3x8x8xf32>, tensor<4x2x3x3xf32>) -> tensor<1x4x6x6xf32>
  return %0 : tensor<1x4x6x6xf32>
}

// -----

func.func @conv_group_channel_mismatch(%x: tensor<1x8x8x8xf32>, %w: tensor<8x4x3x3xf32>) -> tensor<1x8x6x6xf32> {
  // expected-error @+2 {{input has 8 channels but weight expects 4 x group 4}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = kiln.conv %x, %w {dilations = array<i64: 1, 1>, group = 4 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x8x8x8xf32>, tensor<8x4x3x3xf32>) -> tensor<1x8x6x6xf32>
  return %0 : tensor<1x8x6x6xf32>
}

// -----

func.func @conv_filters_not_divisible_by_group(%x: tensor<1x4x8x8xf32>, %w: tensor<6x1x3x3xf32>) -> tensor<1x6x6x6xf32> {
  // expected-error @+2 {{weight has 6 filters, not divisible by group 4}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = kiln.conv %x, %w {dilations = array<i64: 1, 1>, group = 4 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x4x8x8xf32>, tensor<6x1x3x3xf32>) -> tensor<1x6x6x6xf32>
  return %0 : tensor<1x6x6x6xf32>
}

// -----

func.func @conv_group_not_positive(%x: tensor<1x4x8x8xf32>, %w: tensor<4x4x3x3xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error @+2 {{'group' must be positive, got 0}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = kiln.conv %x, %w {dilations = array<i64: 1, 1>, group = 0 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x4x8x8xf32>, tensor<4x4x3x3xf32>) -> tensor<1x4x6x6xf32>
  return %0 : tensor<1x4x6x6xf32>
}

// -----

func.func @conv_weight_rank(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error @+2 {{weight rank 3 does not match input rank 4}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = kiln.conv %x, %w {dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x3x8x8xf32>, tensor<4x3x3xf32>) -> tensor<1x4x6x6xf32>
  return %0 : tensor<1x4x6x6xf32>
}

// -----

func.func @conv_no_spatial_dims(%x: tensor<2x3xf32>, %w: tensor<4x3xf32>) -> tensor<2x4xf32> {
  // expected-error @+2 {{input must have rank >= 3 ([N, C, D1, ...]), got 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = kiln.conv %x, %w {dilations = array<i64>, pads = array<i64>, strides = array<i64>} : (tensor<2x3xf32>, tensor<4x3xf32>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// -----

func.func @conv_pads_size(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x8x8xf32> {
  // expected-error @+2 {{'pads' has 2 values, expected 4}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = kiln.conv %x, %w {dilations = array<i64: 1, 1>, pads = array<i64: 1, 1>, strides = array<i64: 1, 1>} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x8x8xf32>
  return %0 : tensor<1x4x8x8xf32>
}

// -----

func.func @conv_strides_size(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error @+2 {{'strides' has 3 values, expected 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = kiln.conv %x, %w {dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1, 1>} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32>
  return %0 : tensor<1x4x6x6xf32>
}

// -----

func.func @conv_dilations_size(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error @+2 {{'dilations' has 1 values, expected 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = kiln.conv %x, %w {dilations = array<i64: 1>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32>
  return %0 : tensor<1x4x6x6xf32>
}

// -----

// The dilated kernel spans 2 * (3 - 1) + 1 = 5 > 4.

func.func @conv_window_does_not_fit(%x: tensor<1x3x4x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x1x4xf32> {
  // expected-error @+2 {{window along spatial axis 0 does not fit: input 4, kernel 3, stride 1, dilation 2, pads 0/0}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = kiln.conv %x, %w {dilations = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x3x4x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x1x4xf32>
  return %0 : tensor<1x4x1x4xf32>
}

// -----

func.func @conv_zero_stride(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error @+2 {{window along spatial axis 1 does not fit: input 8, kernel 3, stride 0, dilation 1, pads 0/0 (kernel, stride and dilation must be positive, pads non-negative)}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = kiln.conv %x, %w {dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 0>} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32>
  return %0 : tensor<1x4x6x6xf32>
}

// -----

func.func @conv_negative_pad(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error @+2 {{window along spatial axis 0 does not fit: input 8, kernel 3, stride 1, dilation 1, pads -1/1}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = kiln.conv %x, %w {dilations = array<i64: 1, 1>, pads = array<i64: -1, 0, 1, 0>, strides = array<i64: 1, 1>} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32>
  return %0 : tensor<1x4x6x6xf32>
}

// -----

func.func @conv_bias_length(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>, %b: tensor<3xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error @+2 {{bias must be 1-D of length 4, got 'tensor<3xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = kiln.conv %x, %w b(%b) {dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>, tensor<3xf32>) -> tensor<1x4x6x6xf32>
  return %0 : tensor<1x4x6x6xf32>
}

// -----

func.func @conv_missing_strides(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32> {
  // expected-error @+1 {{'kiln.conv' op requires attribute 'strides'}}
  %0 = kiln.conv %x, %w {dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32>
  return %0 : tensor<1x4x6x6xf32>
}

// -----

func.func @conv_integer_channel_mismatch(%x: tensor<1x2x5x5xui8>, %w: tensor<3x3x2x2xui8>) -> tensor<1x3x4x4xi32> {
  // expected-error @+2 {{input has 2 channels but weight expects 3 x group 1}}
  // expected-error @+1 {{'kiln.conv_integer' op failed to infer returned types}}
  %0 = kiln.conv_integer %x, %w {dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x2x5x5xui8>, tensor<3x3x2x2xui8>) -> tensor<1x3x4x4xi32>
  return %0 : tensor<1x3x4x4xi32>
}

// -----

func.func @conv_integer_result_not_i32(%x: tensor<1x2x5x5xui8>, %w: tensor<3x2x2x2xui8>) -> tensor<1x3x4x4xui8> {
  // expected-error @+1 {{'kiln.conv_integer' op result #0 must be ranked tensor of 32-bit signless integer values, but got 'tensor<1x3x4x4xui8>'}}
  %0 = kiln.conv_integer %x, %w {dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x2x5x5xui8>, tensor<3x2x2x2xui8>) -> tensor<1x3x4x4xui8>
  return %0 : tensor<1x3x4x4xui8>
}

// -----

func.func @qlinear_conv_bias_length(%x: tensor<1x2x5x5xui8>, %xs: tensor<f32>, %xz: tensor<ui8>,
                                    %w: tensor<3x2x3x3xi8>, %ws: tensor<f32>, %wz: tensor<i8>,
                                    %ys: tensor<f32>, %yz: tensor<i8>, %b: tensor<2xi32>) -> tensor<1x3x3x3xi8> {
  // expected-error @+2 {{bias must be 1-D of length 3, got 'tensor<2xi32>'}}
  // expected-error @+1 {{'kiln.qlinear_conv' op failed to infer returned types}}
  %0 = kiln.qlinear_conv %x, %xs, %xz, %w, %ws, %wz, %ys, %yz b(%b) {dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x2x5x5xui8>, tensor<f32>, tensor<ui8>, tensor<3x2x3x3xi8>, tensor<f32>, tensor<i8>, tensor<f32>, tensor<i8>, tensor<2xi32>) -> tensor<1x3x3x3xi8>
  return %0 : tensor<1x3x3x3xi8>
}

// -----

func.func @qlinear_conv_result_type(%x: tensor<1x2x5x5xui8>, %xs: tensor<f32>, %xz: tensor<ui8>,
                                    %w: tensor<3x2x3x3xi8>, %ws: tensor<f32>, %wz: tensor<i8>,
                                    %ys: tensor<f32>, %yz: tensor<i8>) -> tensor<1x3x3x3xui8> {
  // The result takes y_zero_point's element type (i8), not x's.
  // expected-error @+2 {{'kiln.qlinear_conv' op inferred type(s) 'tensor<1x3x3x3xi8>' are incompatible with return type(s) of operation 'tensor<1x3x3x3xui8>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = kiln.qlinear_conv %x, %xs, %xz, %w, %ws, %wz, %ys, %yz {dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x2x5x5xui8>, tensor<f32>, tensor<ui8>, tensor<3x2x3x3xi8>, tensor<f32>, tensor<i8>, tensor<f32>, tensor<i8>) -> tensor<1x3x3x3xui8>
  return %0 : tensor<1x3x3x3xui8>
}

// -----

func.func @conv_transpose_channel_mismatch(%x: tensor<1x2x3x3xf32>, %w: tensor<3x3x3x3xf32>) -> tensor<1x3x5x5xf32> {
  // expected-error @+2 {{input has 2 channels but weight has 3}}
  // expected-error @+1 {{'kiln.conv_transpose' op failed to infer returned types}}
  %0 = kiln.conv_transpose %x, %w {dilations = array<i64: 1, 1>, output_padding = array<i64: 0, 0>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x2x3x3xf32>, tensor<3x3x3x3xf32>) -> tensor<1x3x5x5xf32>
  return %0 : tensor<1x3x5x5xf32>
}

// -----

func.func @conv_transpose_attribute_sizes(%x: tensor<1x2x3x3xf32>, %w: tensor<2x3x3x3xf32>) -> tensor<1x3x5x5xf32> {
  // expected-error @+2 {{strides, dilations and output_padding need 2 values and pads 4}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = kiln.conv_transpose %x, %w {dilations = array<i64: 1, 1>, output_padding = array<i64: 0>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x2x3x3xf32>, tensor<2x3x3x3xf32>) -> tensor<1x3x5x5xf32>
  return %0 : tensor<1x3x5x5xf32>
}

// -----

func.func @conv_transpose_rank(%x: tensor<1x2x3x3xf32>, %w: tensor<2x3x3xf32>) -> tensor<1x3x5x5xf32> {
  // expected-error @+2 {{expected input [N, C, D...] and weight of the same rank, got 'tensor<1x2x3x3xf32>' and 'tensor<2x3x3xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = kiln.conv_transpose %x, %w {dilations = array<i64: 1, 1>, output_padding = array<i64: 0, 0>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x2x3x3xf32>, tensor<2x3x3xf32>) -> tensor<1x3x5x5xf32>
  return %0 : tensor<1x3x5x5xf32>
}

// -----

// (3 - 1) + 0 + (3 - 1) + 1 - 3 - 3 = -1.

func.func @conv_transpose_output_not_positive(%x: tensor<1x2x3x3xf32>, %w: tensor<2x3x3x3xf32>) -> tensor<1x3x5x5xf32> {
  // expected-error @+2 {{output size along spatial axis 0 is not positive (-1)}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = kiln.conv_transpose %x, %w {dilations = array<i64: 1, 1>, output_padding = array<i64: 0, 0>, pads = array<i64: 3, 0, 3, 0>, strides = array<i64: 1, 1>} : (tensor<1x2x3x3xf32>, tensor<2x3x3x3xf32>) -> tensor<1x3x5x5xf32>
  return %0 : tensor<1x3x5x5xf32>
}

// -----

func.func @conv_transpose_zero_stride(%x: tensor<1x2x3x3xf32>, %w: tensor<2x3x3x3xf32>) -> tensor<1x3x5x5xf32> {
  // expected-error @+2 {{strides and dilations must be positive and output_padding non-negative}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = kiln.conv_transpose %x, %w {dilations = array<i64: 1, 1>, output_padding = array<i64: 0, 0>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 0, 1>} : (tensor<1x2x3x3xf32>, tensor<2x3x3x3xf32>) -> tensor<1x3x5x5xf32>
  return %0 : tensor<1x3x5x5xf32>
}

// -----

func.func @conv_transpose_bias_length(%x: tensor<1x4x5x5xf32>, %w: tensor<4x2x3x3xf32>, %b: tensor<2xf32>) -> tensor<1x4x7x7xf32> {
  // With group 2 there are 2 * 2 = 4 output channels.
  // expected-error @+2 {{bias must be 1-D of length 4, got 'tensor<2xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = kiln.conv_transpose %x, %w b(%b) {dilations = array<i64: 1, 1>, group = 2 : i64, output_padding = array<i64: 0, 0>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x4x5x5xf32>, tensor<4x2x3x3xf32>, tensor<2xf32>) -> tensor<1x4x7x7xf32>
  return %0 : tensor<1x4x7x7xf32>
}

// -----

func.func @max_pool_kernel_shape_size(%x: tensor<1x3x8x8xf32>) -> (tensor<1x3x7x7xf32>, tensor<1x3x7x7xi64>) {
  // expected-error @+2 {{'kernel_shape' has 1 values, expected 2}}
  // expected-error @+1 {{'kiln.max_pool' op failed to infer returned types}}
  %0:2 = kiln.max_pool %x {dilations = array<i64: 1, 1>, kernel_shape = array<i64: 2>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x3x8x8xf32>) -> (tensor<1x3x7x7xf32>, tensor<1x3x7x7xi64>)
  return %0#0, %0#1 : tensor<1x3x7x7xf32>, tensor<1x3x7x7xi64>
}

// -----

func.func @max_pool_ceil_mode_wrong_result(%x: tensor<1x1x5x5xf32>) -> (tensor<1x1x2x2xf32>, tensor<1x1x2x2xi64>) {
  // ceil_mode gives 3x3 here, floor would give 2x2.
  // expected-error @+2 {{'kiln.max_pool' op inferred type(s) 'tensor<1x1x3x3xf32>', 'tensor<1x1x3x3xi64>' are incompatible with return type(s) of operation 'tensor<1x1x2x2xf32>', 'tensor<1x1x2x2xi64>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0:2 = kiln.max_pool %x {ceil_mode = 1 : i64, dilations = array<i64: 1, 1>, kernel_shape = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 2, 2>} : (tensor<1x1x5x5xf32>) -> (tensor<1x1x2x2xf32>, tensor<1x1x2x2xi64>)
  return %0#0, %0#1 : tensor<1x1x2x2xf32>, tensor<1x1x2x2xi64>
}

// -----

func.func @max_pool_storage_order(%x: tensor<1x3x8x8xf32>) -> (tensor<1x3x7x7xf32>, tensor<1x3x7x7xi64>) {
  // expected-error @+2 {{'storage_order' must be 0 or 1}}
  // expected-error @+1 {{failed to infer returned types}}
  %0:2 = kiln.max_pool %x {dilations = array<i64: 1, 1>, kernel_shape = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, storage_order = 2 : i64, strides = array<i64: 1, 1>} : (tensor<1x3x8x8xf32>) -> (tensor<1x3x7x7xf32>, tensor<1x3x7x7xi64>)
  return %0#0, %0#1 : tensor<1x3x7x7xf32>, tensor<1x3x7x7xi64>
}

// -----

func.func @average_pool_window_does_not_fit(%x: tensor<1x3x2x8xf32>) -> tensor<1x3x1x6xf32> {
  // expected-error @+2 {{window along spatial axis 0 does not fit: input 2, kernel 3, stride 1, dilation 1, pads 0/0}}
  // expected-error @+1 {{'kiln.average_pool' op failed to infer returned types}}
  %0 = kiln.average_pool %x {kernel_shape = array<i64: 3, 3>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x3x2x8xf32>) -> tensor<1x3x1x6xf32>
  return %0 : tensor<1x3x1x6xf32>
}

// -----

func.func @lp_pool_pads_size(%x: tensor<1x3x8x8xf32>) -> tensor<1x3x4x4xf32> {
  // expected-error @+2 {{'pads' has 3 values, expected 4}}
  // expected-error @+1 {{'kiln.lp_pool' op failed to infer returned types}}
  %0 = kiln.lp_pool %x {kernel_shape = array<i64: 2, 2>, pads = array<i64: 0, 0, 0>, strides = array<i64: 2, 2>} : (tensor<1x3x8x8xf32>) -> tensor<1x3x4x4xf32>
  return %0 : tensor<1x3x4x4xf32>
}

// -----

func.func @global_pool_rank(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // expected-error @+2 {{input must have rank >= 3 ([N, C, D1, ...]), got 2}}
  // expected-error @+1 {{'kiln.global_average_pool' op failed to infer returned types}}
  %0 = kiln.global_average_pool %x : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

func.func @global_max_pool_wrong_result(%x: tensor<2x3x4x4xf32>) -> tensor<2x3xf32> {
  // expected-error @+2 {{'kiln.global_max_pool' op inferred type(s) 'tensor<2x3x1x1xf32>' are incompatible with return type(s) of operation 'tensor<2x3xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = kiln.global_max_pool %x : (tensor<2x3x4x4xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

func.func @layer_normalization_axis(%x: tensor<2x3x4xf32>, %s: tensor<4xf32>) -> tensor<2x3x4xf32> {
  // expected-error @+2 {{'axis' 3 is out of range for rank 3}}
  // expected-error @+1 {{'kiln.layer_normalization' op failed to infer returned types}}
  %0:3 = kiln.layer_normalization %x, %s {axis = 3 : i64} : (tensor<2x3x4xf32>, tensor<4xf32>) -> (tensor<2x3x4xf32>, tensor<2x3x1xf32>, tensor<2x3x1xf32>)
  return %0#0 : tensor<2x3x4xf32>
}

// -----

func.func @layer_normalization_stash_type(%x: tensor<2x3x4xf32>, %s: tensor<4xf32>) -> tensor<2x3x4xf32> {
  // expected-error @+2 {{only stash_type 1 (float) is supported}}
  // expected-error @+1 {{failed to infer returned types}}
  %0:3 = kiln.layer_normalization %x, %s {stash_type = 0 : i64} : (tensor<2x3x4xf32>, tensor<4xf32>) -> (tensor<2x3x4xf32>, tensor<2x3x1xf32>, tensor<2x3x1xf32>)
  return %0#0 : tensor<2x3x4xf32>
}

// -----

func.func @layer_normalization_stats_shape(%x: tensor<2x3x4xf32>, %s: tensor<4xf32>) -> tensor<2x3x4xf32> {
  // expected-error @+2 {{'kiln.layer_normalization' op inferred type(s) 'tensor<2x3x4xf32>', 'tensor<2x3x1xf32>', 'tensor<2x3x1xf32>' are incompatible with return type(s) of operation 'tensor<2x3x4xf32>', 'tensor<2x3xf32>', 'tensor<2x3xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0:3 = kiln.layer_normalization %x, %s : (tensor<2x3x4xf32>, tensor<4xf32>) -> (tensor<2x3x4xf32>, tensor<2x3xf32>, tensor<2x3xf32>)
  return %0#0 : tensor<2x3x4xf32>
}

// -----

// ONNX Softmax, LogSoftmax, Hardmax and LpNormalization: 'axis' is in [-r, r).

func.func @softmax_axis(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // expected-error @+2 {{'axis' 2 is out of range for rank 2}}
  // expected-error @+1 {{'kiln.softmax' op failed to infer returned types}}
  %0 = kiln.softmax %x {axis = 2 : i64} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

func.func @log_softmax_axis(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // expected-error @+2 {{'axis' -3 is out of range for rank 2}}
  // expected-error @+1 {{'kiln.log_softmax' op failed to infer returned types}}
  %0 = kiln.log_softmax %x {axis = -3 : i64} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

func.func @hardmax_axis(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // expected-error @+2 {{'axis' 5 is out of range for rank 2}}
  // expected-error @+1 {{'kiln.hardmax' op failed to infer returned types}}
  %0 = kiln.hardmax %x {axis = 5 : i64} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

func.func @lp_normalization_axis(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // expected-error @+2 {{'axis' 2 is out of range for rank 2}}
  // expected-error @+1 {{'kiln.lp_normalization' op failed to infer returned types}}
  %0 = kiln.lp_normalization %x {axis = 2 : i64} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// ONNX MeanVarianceNormalization: 'axes' (default [0, 2, 3]) must exist in the
// input; axis 2 does not in a rank-2 tensor.

func.func @mean_variance_normalization_default_axes_rank_2(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // expected-error @+2 {{'axes' 2 is out of range for rank 2}}
  // expected-error @+1 {{'kiln.mean_variance_normalization' op failed to infer returned types}}
  %0 = kiln.mean_variance_normalization %x : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// ONNX BatchNormalization: scale, B, input_mean and input_var have shape [C].

func.func @batch_normalization_scale_length(%x: tensor<2x3x4x4xf32>, %s: tensor<5xf32>) -> tensor<2x3x4x4xf32> {
  // expected-error @+2 {{'scale' must have shape [C] = [3], got 'tensor<5xf32>'}}
  // expected-error @+1 {{'kiln.batch_normalization' op failed to infer returned types}}
  %0 = kiln.batch_normalization %x, %s, %s, %s, %s : (tensor<2x3x4x4xf32>, tensor<5xf32>, tensor<5xf32>, tensor<5xf32>, tensor<5xf32>) -> tensor<2x3x4x4xf32>
  return %0 : tensor<2x3x4x4xf32>
}

// -----

// ONNX InstanceNormalization: scale and B have shape [C].

func.func @instance_normalization_scale_length(%x: tensor<2x3x5xf32>, %s: tensor<4xf32>) -> tensor<2x3x5xf32> {
  // expected-error @+2 {{'scale' must have shape [C] = [3], got 'tensor<4xf32>'}}
  // expected-error @+1 {{'kiln.instance_normalization' op failed to infer returned types}}
  %0 = kiln.instance_normalization %x, %s, %s : (tensor<2x3x5xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<2x3x5xf32>
  return %0 : tensor<2x3x5xf32>
}

// -----

func.func @gemm_inner_dim_mismatch(%a: tensor<4x3xf32>, %b: tensor<4x5xf32>) -> tensor<4x5xf32> {
  // expected-error @+2 {{inner dimensions differ: A gives K = 3, B gives K = 4}}
  // expected-error @+1 {{'kiln.gemm' op failed to infer returned types}}
  %0 = kiln.gemm %a, %b : (tensor<4x3xf32>, tensor<4x5xf32>) -> tensor<4x5xf32>
  return %0 : tensor<4x5xf32>
}

// -----

func.func @gemm_trans_a_mismatch(%a: tensor<4x3xf32>, %b: tensor<3x5xf32>) -> tensor<3x5xf32> {
  // With transA, A is [K, M] = [4, 3].
  // expected-error @+2 {{inner dimensions differ: A gives K = 4, B gives K = 3}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = kiln.gemm %a, %b {transA = 1 : i64} : (tensor<4x3xf32>, tensor<3x5xf32>) -> tensor<3x5xf32>
  return %0 : tensor<3x5xf32>
}

// -----

func.func @gemm_not_2d(%a: tensor<3xf32>, %b: tensor<3x5xf32>) -> tensor<5xf32> {
  // expected-error @+2 {{operands A and B must be 2-D, got 'tensor<3xf32>' and 'tensor<3x5xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = kiln.gemm %a, %b : (tensor<3xf32>, tensor<3x5xf32>) -> tensor<5xf32>
  return %0 : tensor<5xf32>
}

// -----

func.func @gemm_bias_does_not_broadcast(%a: tensor<4x3xf32>, %b: tensor<3x5xf32>, %c: tensor<4xf32>) -> tensor<4x5xf32> {
  // A 1-D C aligns with N (5), not M (4).
  // expected-error @+2 {{C of type 'tensor<4xf32>' does not broadcast to [M, N] = [4, 5]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = kiln.gemm %a, %b c(%c) : (tensor<4x3xf32>, tensor<3x5xf32>, tensor<4xf32>) -> tensor<4x5xf32>
  return %0 : tensor<4x5xf32>
}

// -----

func.func @gemm_bias_rank_3(%a: tensor<4x3xf32>, %b: tensor<3x5xf32>, %c: tensor<1x4x5xf32>) -> tensor<4x5xf32> {
  // expected-error @+2 {{C of type 'tensor<1x4x5xf32>' does not broadcast to [M, N] = [4, 5]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = kiln.gemm %a, %b c(%c) : (tensor<4x3xf32>, tensor<3x5xf32>, tensor<1x4x5xf32>) -> tensor<4x5xf32>
  return %0 : tensor<4x5xf32>
}

// -----

// ONNX Gemm: C broadcasts unidirectionally to [M, N]; [2, 5] against [2, 1] is
// multidirectionally compatible but would widen the result.

func.func @gemm_c_not_unidirectional(%a: tensor<2x3xf32>, %b: tensor<3x1xf32>, %c: tensor<2x5xf32>) -> tensor<2x1xf32> {
  // expected-error @+2 {{C of type 'tensor<2x5xf32>' does not broadcast to [M, N] = [2, 1]}}
  // expected-error @+1 {{'kiln.gemm' op failed to infer returned types}}
  %0 = kiln.gemm %a, %b c(%c) : (tensor<2x3xf32>, tensor<3x1xf32>, tensor<2x5xf32>) -> tensor<2x1xf32>
  return %0 : tensor<2x1xf32>
}

// -----

func.func @matmul_inner_dim_mismatch(%a: tensor<3x4xf32>, %b: tensor<5x6xf32>) -> tensor<3x6xf32> {
  // expected-error @+2 {{inner dimensions differ: 'tensor<3x4xf32>' x 'tensor<5x6xf32>'}}
  // expected-error @+1 {{'kiln.matmul' op failed to infer returned types}}
  %0 = kiln.matmul %a, %b : (tensor<3x4xf32>, tensor<5x6xf32>) -> tensor<3x6xf32>
  return %0 : tensor<3x6xf32>
}

// -----

func.func @matmul_vector_mismatch(%a: tensor<3xf32>, %b: tensor<4xf32>) -> tensor<f32> {
  // expected-error @+2 {{inner dimensions differ: 'tensor<3xf32>' x 'tensor<4xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = kiln.matmul %a, %b : (tensor<3xf32>, tensor<4xf32>) -> tensor<f32>
  return %0 : tensor<f32>
}

// -----

func.func @matmul_batch_mismatch(%a: tensor<2x3x4xf32>, %b: tensor<3x4x5xf32>) -> tensor<3x3x5xf32> {
  // expected-error @+2 {{batch dimensions: shapes [2], [3] are not broadcast-compatible}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = kiln.matmul %a, %b : (tensor<2x3x4xf32>, tensor<3x4x5xf32>) -> tensor<3x3x5xf32>
  return %0 : tensor<3x3x5xf32>
}

// -----

func.func @matmul_scalar(%a: tensor<f32>, %b: tensor<3xf32>) -> tensor<3xf32> {
  // expected-error @+2 {{matmul operands must have rank >= 1}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = kiln.matmul %a, %b : (tensor<f32>, tensor<3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

func.func @matmul_vector_wrong_result(%a: tensor<3x4xf32>, %b: tensor<4xf32>) -> tensor<3x1xf32> {
  // The dim added to a 1-D operand is removed again.
  // expected-error @+2 {{'kiln.matmul' op inferred type(s) 'tensor<3xf32>' are incompatible with return type(s) of operation 'tensor<3x1xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = kiln.matmul %a, %b : (tensor<3x4xf32>, tensor<4xf32>) -> tensor<3x1xf32>
  return %0 : tensor<3x1xf32>
}

// -----

func.func @einsum_term_count(%a: tensor<3x4xf32>) -> tensor<3x5xf32> {
  // expected-error @+2 {{equation 'ij,jk->ik' has 2 input terms but the op has 1 operands}}
  // expected-error @+1 {{'kiln.einsum' op failed to infer returned types}}
  %0 = kiln.einsum %a {equation = "ij,jk->ik"} : (tensor<3x4xf32>) -> tensor<3x5xf32>
  return %0 : tensor<3x5xf32>
}

// -----

func.func @einsum_term_rank(%a: tensor<3x4xf32>, %b: tensor<4x5xf32>) -> tensor<3x5xf32> {
  // expected-error @+2 {{term 'ijk' does not match operand rank 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = kiln.einsum %a, %b {equation = "ijk,jk->ik"} : (tensor<3x4xf32>, tensor<4x5xf32>) -> tensor<3x5xf32>
  return %0 : tensor<3x5xf32>
}

// -----

func.func @einsum_label_sizes(%a: tensor<3x4xf32>, %b: tensor<5x6xf32>) -> tensor<3x6xf32> {
  // expected-error @+2 {{label 'j' has sizes 4 and 5}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = kiln.einsum %a, %b {equation = "ij,jk->ik"} : (tensor<3x4xf32>, tensor<5x6xf32>) -> tensor<3x6xf32>
  return %0 : tensor<3x6xf32>
}

// -----

func.func @einsum_unknown_output_label(%a: tensor<3x4xf32>) -> tensor<3xf32> {
  // expected-error @+2 {{output label 'z' does not appear in any input}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = kiln.einsum %a {equation = "ij->z"} : (tensor<3x4xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

func.func @einsum_invalid_character(%a: tensor<3x4xf32>) -> tensor<3xf32> {
  // expected-error @+2 {{invalid character '1' in equation}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = kiln.einsum %a {equation = "i1->i"} : (tensor<3x4xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

func.func @einsum_ellipsis_dims(%a: tensor<2x3x4xf32>, %b: tensor<5x4x6xf32>) -> tensor<2x3x6xf32> {
  // expected-error @+2 {{'...' dims: shapes [2], [5] are not broadcast-compatible}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = kiln.einsum %a, %b {equation = "...ij,...jk->...ik"} : (tensor<2x3x4xf32>, tensor<5x4x6xf32>) -> tensor<2x3x6xf32>
  return %0 : tensor<2x3x6xf32>
}

// -----

func.func @einsum_implicit_wrong_result(%a: tensor<3x4xf32>) -> tensor<3x4xf32> {
  // Implicit output labels are sorted, so "ji" transposes.
  // expected-error @+2 {{'kiln.einsum' op inferred type(s) 'tensor<4x3xf32>' are incompatible with return type(s) of operation 'tensor<3x4xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = kiln.einsum %a {equation = "ji"} : (tensor<3x4xf32>) -> tensor<3x4xf32>
  return %0 : tensor<3x4xf32>
}

// -----

func.func @einsum_repeated_output_label(%a: tensor<3x3xf32>) -> tensor<3x3xf32> {
  // expected-error @+2 {{output label 'i' appears more than once}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = kiln.einsum %a {equation = "ij->ii"} : (tensor<3x3xf32>) -> tensor<3x3xf32>
  return %0 : tensor<3x3xf32>
}

// -----

func.func @einsum_output_drops_ellipsis(%a: tensor<2x3x4xf32>) -> tensor<f32> {
  // numpy (ONNX's reference) does not sum "..." dims away.
  // expected-error @+2 {{the output term has no '...' for the 1 broadcast dims}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = kiln.einsum %a {equation = "...ij->"} : (tensor<2x3x4xf32>) -> tensor<f32>
  return %0 : tensor<f32>
}

// -----

func.func @einsum_element_types(%a: tensor<3x4xf32>, %b: tensor<4x5xf16>) -> tensor<3x5xf32> {
  // expected-error @+2 {{operands must share one element type, got 'f32' and 'f16'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = kiln.einsum %a, %b {equation = "ij,jk->ik"} : (tensor<3x4xf32>, tensor<4x5xf16>) -> tensor<3x5xf32>
  return %0 : tensor<3x5xf32>
}

// -----

func.func @resize_sizes_count(%x: tensor<1x3x4x4xf32>) -> tensor<1x3x8x8xf32> {
  // expected-error @+2 {{'sizes' and 'scales' must have one value per dimension (4)}}
  // expected-error @+1 {{'kiln.resize' op failed to infer returned types}}
  %0 = kiln.resize %x {scales = array<f32: 1.0, 1.0, 2.0, 2.0>, sizes = array<i64: 8, 8>} : (tensor<1x3x4x4xf32>) -> tensor<1x3x8x8xf32>
  return %0 : tensor<1x3x8x8xf32>
}

// -----

func.func @resize_scale_not_positive(%x: tensor<1x4xf32>) -> tensor<1x8xf32> {
  // expected-error @+2 {{sizes must be non-negative and scales positive}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = kiln.resize %x {scales = array<f32: 0.0, 2.0>, sizes = array<i64: 1, 8>} : (tensor<1x4xf32>) -> tensor<1x8xf32>
  return %0 : tensor<1x8xf32>
}

// -----

func.func @resize_mode(%x: tensor<1x4xf32>) -> tensor<1x8xf32> {
  // expected-error @+2 {{unknown mode 'bilinear'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = kiln.resize %x {mode = "bilinear", scales = array<f32: 1.0, 2.0>, sizes = array<i64: 1, 8>} : (tensor<1x4xf32>) -> tensor<1x8xf32>
  return %0 : tensor<1x8xf32>
}

// -----

func.func @grid_sample_rank(%x: tensor<1x3x4xf32>, %g: tensor<1x2x2x2xf32>) -> tensor<1x3x2x2xf32> {
  // expected-error @+2 {{input must be 4-D [N, C, H, W], got 'tensor<1x3x4xf32>'}}
  // expected-error @+1 {{'kiln.grid_sample' op failed to infer returned types}}
  %0 = kiln.grid_sample %x, %g : (tensor<1x3x4xf32>, tensor<1x2x2x2xf32>) -> tensor<1x3x2x2xf32>
  return %0 : tensor<1x3x2x2xf32>
}

// -----

func.func @grid_sample_grid_shape(%x: tensor<1x3x4x4xf32>, %g: tensor<1x2x2x3xf32>) -> tensor<1x3x2x2xf32> {
  // expected-error @+2 {{grid must be [N, H_out, W_out, 2], got 'tensor<1x2x2x3xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = kiln.grid_sample %x, %g : (tensor<1x3x4x4xf32>, tensor<1x2x2x3xf32>) -> tensor<1x3x2x2xf32>
  return %0 : tensor<1x3x2x2xf32>
}

// -----

func.func @grid_sample_batch(%x: tensor<2x3x4x4xf32>, %g: tensor<1x2x2x2xf32>) -> tensor<2x3x2x2xf32> {
  // expected-error @+2 {{grid batch 1 differs from input batch 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = kiln.grid_sample %x, %g : (tensor<2x3x4x4xf32>, tensor<1x2x2x2xf32>) -> tensor<2x3x2x2xf32>
  return %0 : tensor<2x3x2x2xf32>
}

// -----

func.func @grid_sample_mode(%x: tensor<1x3x4x4xf32>, %g: tensor<1x2x2x2xf32>) -> tensor<1x3x2x2xf32> {
  // expected-error @+2 {{unknown mode 'linear'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = kiln.grid_sample %x, %g {mode = "linear"} : (tensor<1x3x4x4xf32>, tensor<1x2x2x2xf32>) -> tensor<1x3x2x2xf32>
  return %0 : tensor<1x3x2x2xf32>
}

// -----

func.func @grid_sample_padding_mode(%x: tensor<1x3x4x4xf32>, %g: tensor<1x2x2x2xf32>) -> tensor<1x3x2x2xf32> {
  // expected-error @+2 {{unknown padding_mode 'reflect'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = kiln.grid_sample %x, %g {padding_mode = "reflect"} : (tensor<1x3x4x4xf32>, tensor<1x2x2x2xf32>) -> tensor<1x3x2x2xf32>
  return %0 : tensor<1x3x2x2xf32>
}

// -----

func.func @grid_sample_align_corners(%x: tensor<1x3x4x4xf32>, %g: tensor<1x2x2x2xf32>) -> tensor<1x3x2x2xf32> {
  // expected-error @+2 {{'align_corners' must be 0 or 1, got 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = kiln.grid_sample %x, %g {align_corners = 2} : (tensor<1x3x4x4xf32>, tensor<1x2x2x2xf32>) -> tensor<1x3x2x2xf32>
  return %0 : tensor<1x3x2x2xf32>
}

// -----

func.func @grid_sample_integer_grid(%x: tensor<1x3x4x4xf32>, %g: tensor<1x2x2x2xi32>) -> tensor<1x3x2x2xf32> {
  // expected-error @+1 {{operand #1 must be ranked tensor of}}
  %0 = kiln.grid_sample %x, %g : (tensor<1x3x4x4xf32>, tensor<1x2x2x2xi32>) -> tensor<1x3x2x2xf32>
  return %0 : tensor<1x3x2x2xf32>
}

// -----

func.func @pad_count(%x: tensor<2x3xf32>) -> tensor<4x5xf32> {
  // expected-error @+2 {{'pads' has 2 values, expected 4}}
  // expected-error @+1 {{'kiln.pad' op failed to infer returned types}}
  %0 = kiln.pad %x {pads = array<i64: 1, 1>} : (tensor<2x3xf32>) -> tensor<4x5xf32>
  return %0 : tensor<4x5xf32>
}

// -----

func.func @pad_mode(%x: tensor<2x3xf32>) -> tensor<4x5xf32> {
  // expected-error @+2 {{unknown mode 'wrap'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = kiln.pad %x {mode = "wrap", pads = array<i64: 1, 1, 1, 1>} : (tensor<2x3xf32>) -> tensor<4x5xf32>
  return %0 : tensor<4x5xf32>
}

// -----

func.func @pad_negative_size(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // expected-error @+2 {{padding makes dimension 1 negative (-1)}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = kiln.pad %x {pads = array<i64: 0, -2, 0, -2>} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

func.func @pad_wrong_result(%x: tensor<2x3xf32>) -> tensor<4x5xf32> {
  // expected-error @+2 {{'kiln.pad' op inferred type(s) 'tensor<3x5xf32>' are incompatible with return type(s) of operation 'tensor<4x5xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = kiln.pad %x {pads = array<i64: 1, 1, 0, 1>} : (tensor<2x3xf32>) -> tensor<4x5xf32>
  return %0 : tensor<4x5xf32>
}

// -----

func.func @depth_to_space_channels(%x: tensor<1x6x2x2xf32>) -> tensor<1x1x4x4xf32> {
  // expected-error @+2 {{channels 6 not divisible by blocksize^2 = 4}}
  // expected-error @+1 {{'kiln.depth_to_space' op failed to infer returned types}}
  %0 = kiln.depth_to_space %x {blocksize = 2 : i64} : (tensor<1x6x2x2xf32>) -> tensor<1x1x4x4xf32>
  return %0 : tensor<1x1x4x4xf32>
}

// -----

func.func @depth_to_space_mode(%x: tensor<1x8x2x2xf32>) -> tensor<1x2x4x4xf32> {
  // expected-error @+2 {{'mode' must be DCR or CRD, got 'RCD'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = kiln.depth_to_space %x {blocksize = 2 : i64, mode = "RCD"} : (tensor<1x8x2x2xf32>) -> tensor<1x2x4x4xf32>
  return %0 : tensor<1x2x4x4xf32>
}

// -----

func.func @depth_to_space_rank(%x: tensor<8x2x2xf32>) -> tensor<2x4x4xf32> {
  // expected-error @+2 {{input must be 4-D [N, C, H, W], got 'tensor<8x2x2xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = kiln.depth_to_space %x {blocksize = 2 : i64} : (tensor<8x2x2xf32>) -> tensor<2x4x4xf32>
  return %0 : tensor<2x4x4xf32>
}

// -----

func.func @space_to_depth_spatial(%x: tensor<1x2x4x5xf32>) -> tensor<1x8x2x2xf32> {
  // expected-error @+2 {{spatial dims 4x5 not divisible by blocksize 2}}
  // expected-error @+1 {{'kiln.space_to_depth' op failed to infer returned types}}
  %0 = kiln.space_to_depth %x {blocksize = 2 : i64} : (tensor<1x2x4x5xf32>) -> tensor<1x8x2x2xf32>
  return %0 : tensor<1x8x2x2xf32>
}

// -----

func.func @space_to_depth_blocksize(%x: tensor<1x2x4x4xf32>) -> tensor<1x2x4x4xf32> {
  // expected-error @+2 {{'blocksize' must be positive, got 0}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = kiln.space_to_depth %x {blocksize = 0 : i64} : (tensor<1x2x4x4xf32>) -> tensor<1x2x4x4xf32>
  return %0 : tensor<1x2x4x4xf32>
}
