// RUN: kiln-opt %s --split-input-file | kiln-opt --split-input-file | FileCheck %s

// Convolution, pooling, normalization, GEMM/MatMul/Einsum and the spatial data
// movement ops. Window sizes follow ONNX:
//   out = floor_or_ceil((in + pad_begin + pad_end - ((k - 1) * dilation + 1)) / stride) + 1
// with pads laid out [x1_begin, x2_begin, ..., x1_end, x2_end, ...].

// CHECK-LABEL: func.func @conv_bias
// CHECK-SAME: (%[[X:.+]]: tensor<1x3x8x8xf32>, %[[W:.+]]: tensor<4x3x3x3xf32>, %[[B:.+]]: tensor<4xf32>)
// CHECK: kiln.conv %[[X]], %[[W]] b(%[[B]]) {dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>, tensor<4xf32>) -> tensor<1x4x6x6xf32>
func.func @conv_bias(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>, %b: tensor<4xf32>) -> tensor<1x4x6x6xf32> {
  %0 = kiln.conv %x, %w b(%b) {dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>, tensor<4xf32>) -> tensor<1x4x6x6xf32>
  return %0 : tensor<1x4x6x6xf32>
}

// -----

// H: effective kernel 2*(3-1)+1 = 5, (10 + 1 + 2 - 5) / 2 + 1 = 5.
// W: effective kernel 3, (12 + 0 + 1 - 3) / 3 + 1 = 4.

// CHECK-LABEL: func.func @conv_strides_dilations_asymmetric_pads
// CHECK-SAME: (%[[X:.+]]: tensor<2x3x10x12xf32>, %[[W:.+]]: tensor<8x3x3x3xf32>)
// CHECK: kiln.conv %[[X]], %[[W]] {dilations = array<i64: 2, 1>, pads = array<i64: 1, 0, 2, 1>, strides = array<i64: 2, 3>} : (tensor<2x3x10x12xf32>, tensor<8x3x3x3xf32>) -> tensor<2x8x5x4xf32>
func.func @conv_strides_dilations_asymmetric_pads(%x: tensor<2x3x10x12xf32>, %w: tensor<8x3x3x3xf32>) -> tensor<2x8x5x4xf32> {
  %0 = kiln.conv %x, %w {dilations = array<i64: 2, 1>, pads = array<i64: 1, 0, 2, 1>, strides = array<i64: 2, 3>} : (tensor<2x3x10x12xf32>, tensor<8x3x3x3xf32>) -> tensor<2x8x5x4xf32>
  return %0 : tensor<2x8x5x4xf32>
}

// -----

// Grouped convolution: the weight has C / group input channels.

// CHECK-LABEL: func.func @conv_group
// CHECK-SAME: (%[[X:.+]]: tensor<1x8x5x5xf32>, %[[W:.+]]: tensor<16x2x3x3xf32>)
// CHECK: kiln.conv %[[X]], %[[W]] {dilations = array<i64: 1, 1>, group = 4 : i64, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 1, 1>} : (tensor<1x8x5x5xf32>, tensor<16x2x3x3xf32>) -> tensor<1x16x5x5xf32>
func.func @conv_group(%x: tensor<1x8x5x5xf32>, %w: tensor<16x2x3x3xf32>) -> tensor<1x16x5x5xf32> {
  %0 = kiln.conv %x, %w {dilations = array<i64: 1, 1>, group = 4 : i64, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 1, 1>} : (tensor<1x8x5x5xf32>, tensor<16x2x3x3xf32>) -> tensor<1x16x5x5xf32>
  return %0 : tensor<1x16x5x5xf32>
}

// -----

// Depthwise (group = C) with a dynamic batch, which stays dynamic.

// CHECK-LABEL: func.func @conv_depthwise_dynamic_batch
// CHECK: kiln.conv %{{.+}}, %{{.+}} {dilations = array<i64: 1, 1>, group = 8 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 2, 2>} : (tensor<?x8x9x9xf16>, tensor<8x1x3x3xf16>) -> tensor<?x8x4x4xf16>
func.func @conv_depthwise_dynamic_batch(%x: tensor<?x8x9x9xf16>, %w: tensor<8x1x3x3xf16>) -> tensor<?x8x4x4xf16> {
  %0 = kiln.conv %x, %w {dilations = array<i64: 1, 1>, group = 8 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 2, 2>} : (tensor<?x8x9x9xf16>, tensor<8x1x3x3xf16>) -> tensor<?x8x4x4xf16>
  return %0 : tensor<?x8x4x4xf16>
}

// -----

// CHECK-LABEL: func.func @conv_1d
// CHECK: kiln.conv %{{.+}}, %{{.+}} {dilations = array<i64: 1>, pads = array<i64: 2, 2>, strides = array<i64: 1>} : (tensor<2x4x10xf32>, tensor<6x4x5xf32>) -> tensor<2x6x10xf32>
func.func @conv_1d(%x: tensor<2x4x10xf32>, %w: tensor<6x4x5xf32>) -> tensor<2x6x10xf32> {
  %0 = kiln.conv %x, %w {dilations = array<i64: 1>, pads = array<i64: 2, 2>, strides = array<i64: 1>} : (tensor<2x4x10xf32>, tensor<6x4x5xf32>) -> tensor<2x6x10xf32>
  return %0 : tensor<2x6x10xf32>
}

// -----

// ConvInteger always produces i32.

// CHECK-LABEL: func.func @conv_integer
// CHECK-SAME: (%[[X:.+]]: tensor<1x2x5x5xui8>, %[[W:.+]]: tensor<3x2x2x2xui8>, %[[XZ:.+]]: tensor<ui8>)
// CHECK: kiln.conv_integer %[[X]], %[[W]] x_zero_point(%[[XZ]]) {dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x2x5x5xui8>, tensor<3x2x2x2xui8>, tensor<ui8>) -> tensor<1x3x4x4xi32>
func.func @conv_integer(%x: tensor<1x2x5x5xui8>, %w: tensor<3x2x2x2xui8>, %xz: tensor<ui8>) -> tensor<1x3x4x4xi32> {
  %0 = kiln.conv_integer %x, %w x_zero_point(%xz) {dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x2x5x5xui8>, tensor<3x2x2x2xui8>, tensor<ui8>) -> tensor<1x3x4x4xi32>
  return %0 : tensor<1x3x4x4xi32>
}

// -----

// CHECK-LABEL: func.func @conv_integer_w_zero_point_only
// CHECK-SAME: (%[[X:.+]]: tensor<1x2x5x5xi8>, %[[W:.+]]: tensor<3x2x2x2xi8>, %[[WZ:.+]]: tensor<3xi8>)
// CHECK: kiln.conv_integer %[[X]], %[[W]] w_zero_point(%[[WZ]]) {{.+}} -> tensor<1x3x2x2xi32>
func.func @conv_integer_w_zero_point_only(%x: tensor<1x2x5x5xi8>, %w: tensor<3x2x2x2xi8>, %wz: tensor<3xi8>) -> tensor<1x3x2x2xi32> {
  %0 = kiln.conv_integer %x, %w w_zero_point(%wz) {dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 2, 2>} : (tensor<1x2x5x5xi8>, tensor<3x2x2x2xi8>, tensor<3xi8>) -> tensor<1x3x2x2xi32>
  return %0 : tensor<1x3x2x2xi32>
}

// -----

// QLinearConv's result element type is y_zero_point's.

// CHECK-LABEL: func.func @qlinear_conv
// CHECK-SAME: %[[B:[^:]+]]: tensor<3xi32>)
// CHECK: kiln.qlinear_conv %{{.+}}, %{{.+}}, %{{.+}}, %{{.+}}, %{{.+}}, %{{.+}}, %{{.+}}, %{{.+}} b(%[[B]]) {{.+}} : (tensor<1x2x5x5xui8>, tensor<f32>, tensor<ui8>, tensor<3x2x3x3xi8>, tensor<f32>, tensor<i8>, tensor<f32>, tensor<i8>, tensor<3xi32>) -> tensor<1x3x3x3xi8>
func.func @qlinear_conv(%x: tensor<1x2x5x5xui8>, %xs: tensor<f32>, %xz: tensor<ui8>,
                        %w: tensor<3x2x3x3xi8>, %ws: tensor<f32>, %wz: tensor<i8>,
                        %ys: tensor<f32>, %yz: tensor<i8>, %b: tensor<3xi32>) -> tensor<1x3x3x3xi8> {
  %0 = kiln.qlinear_conv %x, %xs, %xz, %w, %ws, %wz, %ys, %yz b(%b) {dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x2x5x5xui8>, tensor<f32>, tensor<ui8>, tensor<3x2x3x3xi8>, tensor<f32>, tensor<i8>, tensor<f32>, tensor<i8>, tensor<3xi32>) -> tensor<1x3x3x3xi8>
  return %0 : tensor<1x3x3x3xi8>
}

// -----

// ConvTranspose: out = stride * (in - 1) + output_padding + (k - 1) * dilation + 1
//                      - pad_begin - pad_end = 2 * 2 + 1 + 2 + 1 = 8.
// The weight is [C, M / group, k...].

// CHECK-LABEL: func.func @conv_transpose_stride_output_padding
// CHECK-SAME: (%[[X:.+]]: tensor<1x2x3x3xf32>, %[[W:.+]]: tensor<2x3x3x3xf32>)
// CHECK: kiln.conv_transpose %[[X]], %[[W]] {{.+}} : (tensor<1x2x3x3xf32>, tensor<2x3x3x3xf32>) -> tensor<1x3x8x8xf32>
func.func @conv_transpose_stride_output_padding(%x: tensor<1x2x3x3xf32>, %w: tensor<2x3x3x3xf32>) -> tensor<1x3x8x8xf32> {
  %0 = kiln.conv_transpose %x, %w {dilations = array<i64: 1, 1>, output_padding = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 2, 2>} : (tensor<1x2x3x3xf32>, tensor<2x3x3x3xf32>) -> tensor<1x3x8x8xf32>
  return %0 : tensor<1x3x8x8xf32>
}

// -----

// Grouped, padded and dilated: channels 2 * group = 4; H: 4 + 0 + 2*2 + 1 - 2 = 7,
// W: 4 + 0 + 2 + 1 - 1 = 6.

// CHECK-LABEL: func.func @conv_transpose_group_bias
// CHECK-SAME: (%[[X:.+]]: tensor<1x4x5x5xf32>, %[[W:.+]]: tensor<4x2x3x3xf32>, %[[B:.+]]: tensor<4xf32>)
// CHECK: kiln.conv_transpose %[[X]], %[[W]] b(%[[B]]) {dilations = array<i64: 2, 1>, group = 2 : i64, output_padding = array<i64: 0, 0>, pads = array<i64: 1, 0, 1, 1>, strides = array<i64: 1, 1>} : (tensor<1x4x5x5xf32>, tensor<4x2x3x3xf32>, tensor<4xf32>) -> tensor<1x4x7x6xf32>
func.func @conv_transpose_group_bias(%x: tensor<1x4x5x5xf32>, %w: tensor<4x2x3x3xf32>, %b: tensor<4xf32>) -> tensor<1x4x7x6xf32> {
  %0 = kiln.conv_transpose %x, %w b(%b) {dilations = array<i64: 2, 1>, group = 2 : i64, output_padding = array<i64: 0, 0>, pads = array<i64: 1, 0, 1, 1>, strides = array<i64: 1, 1>} : (tensor<1x4x5x5xf32>, tensor<4x2x3x3xf32>, tensor<4xf32>) -> tensor<1x4x7x6xf32>
  return %0 : tensor<1x4x7x6xf32>
}

// -----

// MaxPool always has the i64 indices result. (32 + 2 - 3) / 2 + 1 = 16.

// CHECK-LABEL: func.func @max_pool
// CHECK-SAME: (%[[X:.+]]: tensor<1x3x32x32xf32>)
// CHECK: %[[Y:.+]], %[[IDX:.+]] = kiln.max_pool %[[X]] {dilations = array<i64: 1, 1>, kernel_shape = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : (tensor<1x3x32x32xf32>) -> (tensor<1x3x16x16xf32>, tensor<1x3x16x16xi64>)
// CHECK: return %[[Y]], %[[IDX]]
func.func @max_pool(%x: tensor<1x3x32x32xf32>) -> (tensor<1x3x16x16xf32>, tensor<1x3x16x16xi64>) {
  %0:2 = kiln.max_pool %x {dilations = array<i64: 1, 1>, kernel_shape = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : (tensor<1x3x32x32xf32>) -> (tensor<1x3x16x16xf32>, tensor<1x3x16x16xi64>)
  return %0#0, %0#1 : tensor<1x3x16x16xf32>, tensor<1x3x16x16xi64>
}

// -----

// ceil_mode rounds the last partial window up: (5 - 2) / 2 = 1.5 gives 2 windows
// with floor and 3 with ceil.

// CHECK-LABEL: func.func @max_pool_ceil_mode
// CHECK-SAME: (%[[X:.+]]: tensor<1x1x5x5xf32>)
// CHECK: kiln.max_pool %[[X]] {dilations = array<i64: 1, 1>, kernel_shape = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 2, 2>} : (tensor<1x1x5x5xf32>) -> (tensor<1x1x2x2xf32>, tensor<1x1x2x2xi64>)
// CHECK: kiln.max_pool %[[X]] {ceil_mode = 1 : i64, dilations = array<i64: 1, 1>, kernel_shape = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 2, 2>} : (tensor<1x1x5x5xf32>) -> (tensor<1x1x3x3xf32>, tensor<1x1x3x3xi64>)
func.func @max_pool_ceil_mode(%x: tensor<1x1x5x5xf32>) -> (tensor<1x1x2x2xf32>, tensor<1x1x3x3xf32>) {
  %0:2 = kiln.max_pool %x {dilations = array<i64: 1, 1>, kernel_shape = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 2, 2>} : (tensor<1x1x5x5xf32>) -> (tensor<1x1x2x2xf32>, tensor<1x1x2x2xi64>)
  %1:2 = kiln.max_pool %x {ceil_mode = 1 : i64, dilations = array<i64: 1, 1>, kernel_shape = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 2, 2>} : (tensor<1x1x5x5xf32>) -> (tensor<1x1x3x3xf32>, tensor<1x1x3x3xi64>)
  return %0#0, %1#0 : tensor<1x1x2x2xf32>, tensor<1x1x3x3xf32>
}

// -----

// Dilated 1-D max pool on i8: effective kernel (2 - 1) * 3 + 1 = 4, 7 - 4 + 1 = 4.

// CHECK-LABEL: func.func @max_pool_1d_dilated
// CHECK: kiln.max_pool %{{.+}} {dilations = array<i64: 3>, kernel_shape = array<i64: 2>, pads = array<i64: 0, 0>, storage_order = 1 : i64, strides = array<i64: 1>} : (tensor<2x4x7xi8>) -> (tensor<2x4x4xi8>, tensor<2x4x4xi64>)
func.func @max_pool_1d_dilated(%x: tensor<2x4x7xi8>) -> tensor<2x4x4xi8> {
  %0:2 = kiln.max_pool %x {dilations = array<i64: 3>, kernel_shape = array<i64: 2>, pads = array<i64: 0, 0>, storage_order = 1 : i64, strides = array<i64: 1>} : (tensor<2x4x7xi8>) -> (tensor<2x4x4xi8>, tensor<2x4x4xi64>)
  return %0#0 : tensor<2x4x4xi8>
}

// -----

// (8 - 3) / 2 = 2.5: 3 windows with floor, 4 with ceil.

// CHECK-LABEL: func.func @average_pool
// CHECK-SAME: (%[[X:.+]]: tensor<1x3x8x8xf32>)
// CHECK: kiln.average_pool %[[X]] {kernel_shape = array<i64: 3, 3>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 2, 2>} : (tensor<1x3x8x8xf32>) -> tensor<1x3x3x3xf32>
// CHECK: kiln.average_pool %[[X]] {ceil_mode = 1 : i64, count_include_pad = 1 : i64, kernel_shape = array<i64: 3, 3>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 2, 2>} : (tensor<1x3x8x8xf32>) -> tensor<1x3x4x4xf32>
func.func @average_pool(%x: tensor<1x3x8x8xf32>) -> (tensor<1x3x3x3xf32>, tensor<1x3x4x4xf32>) {
  %0 = kiln.average_pool %x {kernel_shape = array<i64: 3, 3>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 2, 2>} : (tensor<1x3x8x8xf32>) -> tensor<1x3x3x3xf32>
  %1 = kiln.average_pool %x {ceil_mode = 1 : i64, count_include_pad = 1 : i64, kernel_shape = array<i64: 3, 3>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 2, 2>} : (tensor<1x3x8x8xf32>) -> tensor<1x3x4x4xf32>
  return %0, %1 : tensor<1x3x3x3xf32>, tensor<1x3x4x4xf32>
}

// -----

// Pads enlarge the output: (7 + 1 + 1 - 3) / 1 + 1 = 7 and (4 + 0 + 2 - 2) / 2 + 1 = 3.

// CHECK-LABEL: func.func @average_pool_pads
// CHECK: kiln.average_pool %{{.+}} {kernel_shape = array<i64: 3, 2>, pads = array<i64: 1, 0, 1, 2>, strides = array<i64: 1, 2>} : (tensor<2x2x7x4xf32>) -> tensor<2x2x7x3xf32>
func.func @average_pool_pads(%x: tensor<2x2x7x4xf32>) -> tensor<2x2x7x3xf32> {
  %0 = kiln.average_pool %x {kernel_shape = array<i64: 3, 2>, pads = array<i64: 1, 0, 1, 2>, strides = array<i64: 1, 2>} : (tensor<2x2x7x4xf32>) -> tensor<2x2x7x3xf32>
  return %0 : tensor<2x2x7x3xf32>
}

// -----

// CHECK-LABEL: func.func @lp_pool
// CHECK: kiln.lp_pool %{{.+}} {kernel_shape = array<i64: 2, 2>, p = 3 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 2, 2>} : (tensor<1x2x6x6xf32>) -> tensor<1x2x3x3xf32>
func.func @lp_pool(%x: tensor<1x2x6x6xf32>) -> tensor<1x2x3x3xf32> {
  %0 = kiln.lp_pool %x {kernel_shape = array<i64: 2, 2>, p = 3 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 2, 2>} : (tensor<1x2x6x6xf32>) -> tensor<1x2x3x3xf32>
  return %0 : tensor<1x2x3x3xf32>
}

// -----

// Global pools reduce every spatial dim to 1.

// CHECK-LABEL: func.func @global_pools
// CHECK-SAME: (%[[X:.+]]: tensor<2x3x7x5xf32>, %[[Y:.+]]: tensor<?x3x9xf32>)
// CHECK: kiln.global_average_pool %[[X]] : (tensor<2x3x7x5xf32>) -> tensor<2x3x1x1xf32>
// CHECK: kiln.global_max_pool %[[Y]] : (tensor<?x3x9xf32>) -> tensor<?x3x1xf32>
func.func @global_pools(%x: tensor<2x3x7x5xf32>, %y: tensor<?x3x9xf32>) -> (tensor<2x3x1x1xf32>, tensor<?x3x1xf32>) {
  %0 = kiln.global_average_pool %x : (tensor<2x3x7x5xf32>) -> tensor<2x3x1x1xf32>
  %1 = kiln.global_max_pool %y : (tensor<?x3x9xf32>) -> tensor<?x3x1xf32>
  return %0, %1 : tensor<2x3x1x1xf32>, tensor<?x3x1xf32>
}

// -----

// CHECK-LABEL: func.func @batch_normalization
// CHECK-SAME: (%[[X:.+]]: tensor<2x3x4x4xf32>, %[[S:.+]]: tensor<3xf32>, %[[B:.+]]: tensor<3xf32>, %[[M:.+]]: tensor<3xf32>, %[[V:.+]]: tensor<3xf32>)
// CHECK: kiln.batch_normalization %[[X]], %[[S]], %[[B]], %[[M]], %[[V]] {epsilon = 1.000000e-03 : f32} : (tensor<2x3x4x4xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<2x3x4x4xf32>
func.func @batch_normalization(%x: tensor<2x3x4x4xf32>, %s: tensor<3xf32>, %b: tensor<3xf32>, %m: tensor<3xf32>, %v: tensor<3xf32>) -> tensor<2x3x4x4xf32> {
  %0 = kiln.batch_normalization %x, %s, %b, %m, %v {epsilon = 1.0e-3 : f32} : (tensor<2x3x4x4xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<2x3x4x4xf32>
  return %0 : tensor<2x3x4x4xf32>
}

// -----

// CHECK-LABEL: func.func @instance_normalization
// CHECK-SAME: (%[[X:.+]]: tensor<2x3x5xf16>, %[[S:.+]]: tensor<3xf16>, %[[B:.+]]: tensor<3xf16>)
// CHECK: kiln.instance_normalization %[[X]], %[[S]], %[[B]] : (tensor<2x3x5xf16>, tensor<3xf16>, tensor<3xf16>) -> tensor<2x3x5xf16>
func.func @instance_normalization(%x: tensor<2x3x5xf16>, %s: tensor<3xf16>, %b: tensor<3xf16>) -> tensor<2x3x5xf16> {
  %0 = kiln.instance_normalization %x, %s, %b : (tensor<2x3x5xf16>, tensor<3xf16>, tensor<3xf16>) -> tensor<2x3x5xf16>
  return %0 : tensor<2x3x5xf16>
}

// -----

// LayerNormalization: Y has X's type; Mean and InvStdDev keep the dims before
// `axis` and are 1 from `axis` on, in f32 (stash_type 1).

// CHECK-LABEL: func.func @layer_normalization
// CHECK-SAME: (%[[X:.+]]: tensor<2x3x4xf16>, %[[S:.+]]: tensor<4xf16>, %[[B:.+]]: tensor<4xf16>)
// CHECK: %[[Y:.+]], %[[MEAN:.+]], %[[INV:.+]] = kiln.layer_normalization %[[X]], %[[S]] b(%[[B]]) : (tensor<2x3x4xf16>, tensor<4xf16>, tensor<4xf16>) -> (tensor<2x3x4xf16>, tensor<2x3x1xf32>, tensor<2x3x1xf32>)
// CHECK: return %[[Y]], %[[MEAN]], %[[INV]]
func.func @layer_normalization(%x: tensor<2x3x4xf16>, %s: tensor<4xf16>, %b: tensor<4xf16>)
    -> (tensor<2x3x4xf16>, tensor<2x3x1xf32>, tensor<2x3x1xf32>) {
  %0:3 = kiln.layer_normalization %x, %s b(%b) : (tensor<2x3x4xf16>, tensor<4xf16>, tensor<4xf16>) -> (tensor<2x3x4xf16>, tensor<2x3x1xf32>, tensor<2x3x1xf32>)
  return %0#0, %0#1, %0#2 : tensor<2x3x4xf16>, tensor<2x3x1xf32>, tensor<2x3x1xf32>
}

// -----

// CHECK-LABEL: func.func @layer_normalization_axis_1
// CHECK: kiln.layer_normalization %{{.+}}, %{{.+}} {axis = 1 : i64, epsilon = 9.99999974E-5 : f32} : (tensor<2x3x4xf32>, tensor<3x4xf32>) -> (tensor<2x3x4xf32>, tensor<2x1x1xf32>, tensor<2x1x1xf32>)
func.func @layer_normalization_axis_1(%x: tensor<2x3x4xf32>, %s: tensor<3x4xf32>) -> tensor<2x1x1xf32> {
  %0:3 = kiln.layer_normalization %x, %s {axis = 1 : i64, epsilon = 1.0e-4 : f32} : (tensor<2x3x4xf32>, tensor<3x4xf32>) -> (tensor<2x3x4xf32>, tensor<2x1x1xf32>, tensor<2x1x1xf32>)
  return %0#1 : tensor<2x1x1xf32>
}

// -----

// CHECK-LABEL: func.func @lp_normalization_lrn_mvn
// CHECK-SAME: (%[[X:.+]]: tensor<1x4x5x5xf32>)
// CHECK: %[[LP:.+]] = kiln.lp_normalization %[[X]] {axis = 1 : i64, p = 1 : i64} : (tensor<1x4x5x5xf32>) -> tensor<1x4x5x5xf32>
// CHECK: %[[LRN:.+]] = kiln.lrn %[[LP]] {size = 3 : i64} : (tensor<1x4x5x5xf32>) -> tensor<1x4x5x5xf32>
// CHECK: kiln.mean_variance_normalization %[[LRN]] : (tensor<1x4x5x5xf32>) -> tensor<1x4x5x5xf32>
func.func @lp_normalization_lrn_mvn(%x: tensor<1x4x5x5xf32>) -> tensor<1x4x5x5xf32> {
  %0 = kiln.lp_normalization %x {axis = 1 : i64, p = 1 : i64} : (tensor<1x4x5x5xf32>) -> tensor<1x4x5x5xf32>
  %1 = kiln.lrn %0 {size = 3 : i64} : (tensor<1x4x5x5xf32>) -> tensor<1x4x5x5xf32>
  %2 = kiln.mean_variance_normalization %1 : (tensor<1x4x5x5xf32>) -> tensor<1x4x5x5xf32>
  return %2 : tensor<1x4x5x5xf32>
}

// -----

// CHECK-LABEL: func.func @gemm_bias
// CHECK-SAME: (%[[A:.+]]: tensor<4x3xf32>, %[[B:.+]]: tensor<3x5xf32>, %[[C:.+]]: tensor<5xf32>)
// CHECK: kiln.gemm %[[A]], %[[B]] c(%[[C]]) {alpha = 5.000000e-01 : f32} : (tensor<4x3xf32>, tensor<3x5xf32>, tensor<5xf32>) -> tensor<4x5xf32>
func.func @gemm_bias(%a: tensor<4x3xf32>, %b: tensor<3x5xf32>, %c: tensor<5xf32>) -> tensor<4x5xf32> {
  %0 = kiln.gemm %a, %b c(%c) {alpha = 0.5 : f32} : (tensor<4x3xf32>, tensor<3x5xf32>, tensor<5xf32>) -> tensor<4x5xf32>
  return %0 : tensor<4x5xf32>
}

// -----

// transA and transB swap the operands' dims: A is [K, M], B is [N, K].

// CHECK-LABEL: func.func @gemm_transposed
// CHECK-SAME: (%[[A:.+]]: tensor<3x4xf32>, %[[B:.+]]: tensor<5x3xf32>, %[[C:.+]]: tensor<4x1xf32>)
// CHECK: %[[Y:.+]] = kiln.gemm %[[A]], %[[B]] c(%[[C]]) {transA = 1 : i64, transB = 1 : i64} : (tensor<3x4xf32>, tensor<5x3xf32>, tensor<4x1xf32>) -> tensor<4x5xf32>
// CHECK: kiln.gemm %[[Y]], %[[B]] : (tensor<4x5xf32>, tensor<5x3xf32>) -> tensor<4x3xf32>
func.func @gemm_transposed(%a: tensor<3x4xf32>, %b: tensor<5x3xf32>, %c: tensor<4x1xf32>) -> tensor<4x3xf32> {
  %0 = kiln.gemm %a, %b c(%c) {transA = 1 : i64, transB = 1 : i64} : (tensor<3x4xf32>, tensor<5x3xf32>, tensor<4x1xf32>) -> tensor<4x5xf32>
  %1 = kiln.gemm %0, %b : (tensor<4x5xf32>, tensor<5x3xf32>) -> tensor<4x3xf32>
  return %1 : tensor<4x3xf32>
}

// -----

// CHECK-LABEL: func.func @matmul_2d
// CHECK: kiln.matmul %{{.+}}, %{{.+}} : (tensor<3x4xf32>, tensor<4x5xf32>) -> tensor<3x5xf32>
func.func @matmul_2d(%a: tensor<3x4xf32>, %b: tensor<4x5xf32>) -> tensor<3x5xf32> {
  %0 = kiln.matmul %a, %b : (tensor<3x4xf32>, tensor<4x5xf32>) -> tensor<3x5xf32>
  return %0 : tensor<3x5xf32>
}

// -----

// numpy.matmul: a 1-D operand is promoted to a matrix and the added dim removed.

// CHECK-LABEL: func.func @matmul_vectors
// CHECK-SAME: (%[[V:.+]]: tensor<4xf32>, %[[M:.+]]: tensor<4x5xf32>, %[[N:.+]]: tensor<3x4xf32>)
// CHECK: kiln.matmul %[[V]], %[[V]] : (tensor<4xf32>, tensor<4xf32>) -> tensor<f32>
// CHECK: kiln.matmul %[[V]], %[[M]] : (tensor<4xf32>, tensor<4x5xf32>) -> tensor<5xf32>
// CHECK: kiln.matmul %[[N]], %[[V]] : (tensor<3x4xf32>, tensor<4xf32>) -> tensor<3xf32>
func.func @matmul_vectors(%v: tensor<4xf32>, %m: tensor<4x5xf32>, %n: tensor<3x4xf32>)
    -> (tensor<f32>, tensor<5xf32>, tensor<3xf32>) {
  %0 = kiln.matmul %v, %v : (tensor<4xf32>, tensor<4xf32>) -> tensor<f32>
  %1 = kiln.matmul %v, %m : (tensor<4xf32>, tensor<4x5xf32>) -> tensor<5xf32>
  %2 = kiln.matmul %n, %v : (tensor<3x4xf32>, tensor<4xf32>) -> tensor<3xf32>
  return %0, %1, %2 : tensor<f32>, tensor<5xf32>, tensor<3xf32>
}

// -----

// Batch dims broadcast; a 1-D operand against a batched one keeps the batch.

// CHECK-LABEL: func.func @matmul_batched
// CHECK-SAME: (%[[A:.+]]: tensor<2x1x3x4xf32>, %[[B:.+]]: tensor<5x4x6xf32>, %[[V:.+]]: tensor<4xf32>)
// CHECK: kiln.matmul %[[A]], %[[B]] : (tensor<2x1x3x4xf32>, tensor<5x4x6xf32>) -> tensor<2x5x3x6xf32>
// CHECK: kiln.matmul %[[V]], %[[B]] : (tensor<4xf32>, tensor<5x4x6xf32>) -> tensor<5x6xf32>
// CHECK: kiln.matmul %[[A]], %[[V]] : (tensor<2x1x3x4xf32>, tensor<4xf32>) -> tensor<2x1x3xf32>
func.func @matmul_batched(%a: tensor<2x1x3x4xf32>, %b: tensor<5x4x6xf32>, %v: tensor<4xf32>)
    -> (tensor<2x5x3x6xf32>, tensor<5x6xf32>, tensor<2x1x3xf32>) {
  %0 = kiln.matmul %a, %b : (tensor<2x1x3x4xf32>, tensor<5x4x6xf32>) -> tensor<2x5x3x6xf32>
  %1 = kiln.matmul %v, %b : (tensor<4xf32>, tensor<5x4x6xf32>) -> tensor<5x6xf32>
  %2 = kiln.matmul %a, %v : (tensor<2x1x3x4xf32>, tensor<4xf32>) -> tensor<2x1x3xf32>
  return %0, %1, %2 : tensor<2x5x3x6xf32>, tensor<5x6xf32>, tensor<2x1x3xf32>
}

// -----

// CHECK-LABEL: func.func @matmul_dynamic
// CHECK: kiln.matmul %{{.+}}, %{{.+}} : (tensor<?x3x4xf32>, tensor<4x?xf32>) -> tensor<?x3x?xf32>
func.func @matmul_dynamic(%a: tensor<?x3x4xf32>, %b: tensor<4x?xf32>) -> tensor<?x3x?xf32> {
  %0 = kiln.matmul %a, %b : (tensor<?x3x4xf32>, tensor<4x?xf32>) -> tensor<?x3x?xf32>
  return %0 : tensor<?x3x?xf32>
}

// -----

// CHECK-LABEL: func.func @einsum_explicit
// CHECK-SAME: (%[[A:.+]]: tensor<2x3x4xf32>, %[[B:.+]]: tensor<2x4x5xf32>)
// CHECK: kiln.einsum %[[A]], %[[B]] {equation = "bij,bjk->bik"} : (tensor<2x3x4xf32>, tensor<2x4x5xf32>) -> tensor<2x3x5xf32>
func.func @einsum_explicit(%a: tensor<2x3x4xf32>, %b: tensor<2x4x5xf32>) -> tensor<2x3x5xf32> {
  %0 = kiln.einsum %a, %b {equation = "bij,bjk->bik"} : (tensor<2x3x4xf32>, tensor<2x4x5xf32>) -> tensor<2x3x5xf32>
  return %0 : tensor<2x3x5xf32>
}

// -----

// Implicit output: the labels that appear once, in alphabetical order. "ji" on a
// 3x4 operand is therefore a transpose, and "ii" a trace.

// CHECK-LABEL: func.func @einsum_implicit
// CHECK-SAME: (%[[A:.+]]: tensor<3x4xf32>, %[[B:.+]]: tensor<4x5xf32>, %[[S:.+]]: tensor<6x6xf32>)
// CHECK: kiln.einsum %[[A]], %[[B]] {equation = "ij,jk"} : (tensor<3x4xf32>, tensor<4x5xf32>) -> tensor<3x5xf32>
// CHECK: kiln.einsum %[[A]] {equation = "ji"} : (tensor<3x4xf32>) -> tensor<4x3xf32>
// CHECK: kiln.einsum %[[S]] {equation = "ii"} : (tensor<6x6xf32>) -> tensor<f32>
func.func @einsum_implicit(%a: tensor<3x4xf32>, %b: tensor<4x5xf32>, %s: tensor<6x6xf32>)
    -> (tensor<3x5xf32>, tensor<4x3xf32>, tensor<f32>) {
  %0 = kiln.einsum %a, %b {equation = "ij,jk"} : (tensor<3x4xf32>, tensor<4x5xf32>) -> tensor<3x5xf32>
  %1 = kiln.einsum %a {equation = "ji"} : (tensor<3x4xf32>) -> tensor<4x3xf32>
  %2 = kiln.einsum %s {equation = "ii"} : (tensor<6x6xf32>) -> tensor<f32>
  return %0, %1, %2 : tensor<3x5xf32>, tensor<4x3xf32>, tensor<f32>
}

// -----

// '...' stands for broadcast leading dims ([2, 1] with [3] gives [2, 3]); with an
// implicit output they come first.

// CHECK-LABEL: func.func @einsum_ellipsis
// CHECK-SAME: (%[[A:.+]]: tensor<2x1x3x4xf32>, %[[B:.+]]: tensor<3x4x5xf32>)
// CHECK: kiln.einsum %[[A]], %[[B]] {equation = "...ij,...jk->...ik"} : (tensor<2x1x3x4xf32>, tensor<3x4x5xf32>) -> tensor<2x3x3x5xf32>
// CHECK: kiln.einsum %[[A]], %[[B]] {equation = "...ij, ...jk"} : (tensor<2x1x3x4xf32>, tensor<3x4x5xf32>) -> tensor<2x3x3x5xf32>
// CHECK: kiln.einsum %[[B]] {equation = "b...->...b"} : (tensor<3x4x5xf32>) -> tensor<4x5x3xf32>
func.func @einsum_ellipsis(%a: tensor<2x1x3x4xf32>, %b: tensor<3x4x5xf32>)
    -> (tensor<2x3x3x5xf32>, tensor<2x3x3x5xf32>, tensor<4x5x3xf32>) {
  %0 = kiln.einsum %a, %b {equation = "...ij,...jk->...ik"} : (tensor<2x1x3x4xf32>, tensor<3x4x5xf32>) -> tensor<2x3x3x5xf32>
  %1 = kiln.einsum %a, %b {equation = "...ij, ...jk"} : (tensor<2x1x3x4xf32>, tensor<3x4x5xf32>) -> tensor<2x3x3x5xf32>
  %2 = kiln.einsum %b {equation = "b...->...b"} : (tensor<3x4x5xf32>) -> tensor<4x5x3xf32>
  return %0, %1, %2 : tensor<2x3x3x5xf32>, tensor<2x3x3x5xf32>, tensor<4x5x3xf32>
}

// -----

// CHECK-LABEL: func.func @softmax_family
// CHECK-SAME: (%[[X:.+]]: tensor<2x3x4xf32>)
// CHECK: %[[S:.+]] = kiln.softmax %[[X]] : (tensor<2x3x4xf32>) -> tensor<2x3x4xf32>
// CHECK: %[[L:.+]] = kiln.log_softmax %[[S]] {axis = 1 : i64} : (tensor<2x3x4xf32>) -> tensor<2x3x4xf32>
// CHECK: kiln.hardmax %[[L]] {axis = -3 : i64} : (tensor<2x3x4xf32>) -> tensor<2x3x4xf32>
func.func @softmax_family(%x: tensor<2x3x4xf32>) -> tensor<2x3x4xf32> {
  %0 = kiln.softmax %x : (tensor<2x3x4xf32>) -> tensor<2x3x4xf32>
  %1 = kiln.log_softmax %0 {axis = 1 : i64} : (tensor<2x3x4xf32>) -> tensor<2x3x4xf32>
  %2 = kiln.hardmax %1 {axis = -3 : i64} : (tensor<2x3x4xf32>) -> tensor<2x3x4xf32>
  return %2 : tensor<2x3x4xf32>
}

// -----

// Resize's result shape is `sizes` (scales and sizes are both explicit).

// CHECK-LABEL: func.func @resize
// CHECK: kiln.resize %{{.+}} {mode = "linear", scales = array<f32: 1.000000e+00, 1.000000e+00, 2.000000e+00, 2.500000e+00>, sizes = array<i64: 1, 3, 8, 10>} : (tensor<1x3x4x4xf32>) -> tensor<1x3x8x10xf32>
func.func @resize(%x: tensor<1x3x4x4xf32>) -> tensor<1x3x8x10xf32> {
  %0 = kiln.resize %x {mode = "linear", scales = array<f32: 1.0, 1.0, 2.0, 2.5>, sizes = array<i64: 1, 3, 8, 10>} : (tensor<1x3x4x4xf32>) -> tensor<1x3x8x10xf32>
  return %0 : tensor<1x3x8x10xf32>
}

// -----

// CHECK-LABEL: func.func @resize_nearest_downscale
// CHECK: kiln.resize %{{.+}} {coordinate_transformation_mode = "asymmetric", nearest_mode = "floor", scales = array<f32: 1.000000e+00, 5.000000e-01>, sizes = array<i64: 2, 3>} : (tensor<2x6xi8>) -> tensor<2x3xi8>
func.func @resize_nearest_downscale(%x: tensor<2x6xi8>) -> tensor<2x3xi8> {
  %0 = kiln.resize %x {coordinate_transformation_mode = "asymmetric", nearest_mode = "floor", scales = array<f32: 1.0, 0.5>, sizes = array<i64: 2, 3>} : (tensor<2x6xi8>) -> tensor<2x3xi8>
  return %0 : tensor<2x3xi8>
}

// -----

// GridSample: [N, C, H, W] sampled at grid [N, H_out, W_out, 2] gives
// [N, C, H_out, W_out] in X's element type (the grid may be another float).

// CHECK-LABEL: func.func @grid_sample
// CHECK: kiln.grid_sample %{{.+}}, %{{.+}} {align_corners = 1 : i64, mode = "bicubic", padding_mode = "reflection"} : (tensor<2x3x4x5xf16>, tensor<2x6x7x2xf32>) -> tensor<2x3x6x7xf16>
func.func @grid_sample(%x: tensor<2x3x4x5xf16>, %g: tensor<2x6x7x2xf32>) -> tensor<2x3x6x7xf16> {
  %0 = kiln.grid_sample %x, %g {align_corners = 1, mode = "bicubic", padding_mode = "reflection"} : (tensor<2x3x4x5xf16>, tensor<2x6x7x2xf32>) -> tensor<2x3x6x7xf16>
  return %0 : tensor<2x3x6x7xf16>
}

// -----

// pads = [begin..., end...]: [2 + 1 + 2, 3 + 0 + 3].

// CHECK-LABEL: func.func @pad_constant
// CHECK-SAME: (%[[X:.+]]: tensor<2x3xf32>, %[[V:.+]]: tensor<f32>)
// CHECK: kiln.pad %[[X]] constant_value(%[[V]]) {pads = array<i64: 1, 0, 2, 3>} : (tensor<2x3xf32>, tensor<f32>) -> tensor<5x6xf32>
func.func @pad_constant(%x: tensor<2x3xf32>, %v: tensor<f32>) -> tensor<5x6xf32> {
  %0 = kiln.pad %x constant_value(%v) {pads = array<i64: 1, 0, 2, 3>} : (tensor<2x3xf32>, tensor<f32>) -> tensor<5x6xf32>
  return %0 : tensor<5x6xf32>
}

// -----

// Negative pads crop; dynamic dims stay dynamic.

// CHECK-LABEL: func.func @pad_reflect_negative
// CHECK: kiln.pad %{{.+}} {mode = "reflect", pads = array<i64: -1, 0, 1, 0, -2, 1>} : (tensor<4x4x?xi64>) -> tensor<3x2x?xi64>
// CHECK: kiln.pad %{{.+}} {mode = "edge", pads = array<i64: 0, 1, 0, 1>} : (tensor<2x2xi64>) -> tensor<2x4xi64>
func.func @pad_reflect_negative(%x: tensor<4x4x?xi64>, %y: tensor<2x2xi64>) -> (tensor<3x2x?xi64>, tensor<2x4xi64>) {
  %0 = kiln.pad %x {mode = "reflect", pads = array<i64: -1, 0, 1, 0, -2, 1>} : (tensor<4x4x?xi64>) -> tensor<3x2x?xi64>
  %1 = kiln.pad %y {mode = "edge", pads = array<i64: 0, 1, 0, 1>} : (tensor<2x2xi64>) -> tensor<2x4xi64>
  return %0, %1 : tensor<3x2x?xi64>, tensor<2x4xi64>
}

// -----

// DepthToSpace: [N, C / b^2, H * b, W * b]; SpaceToDepth is the inverse.

// CHECK-LABEL: func.func @depth_space
// CHECK-SAME: (%[[X:.+]]: tensor<1x8x2x3xf32>)
// CHECK: %[[D:.+]] = kiln.depth_to_space %[[X]] {blocksize = 2 : i64} : (tensor<1x8x2x3xf32>) -> tensor<1x2x4x6xf32>
// CHECK: %[[C:.+]] = kiln.depth_to_space %[[X]] {blocksize = 2 : i64, mode = "CRD"} : (tensor<1x8x2x3xf32>) -> tensor<1x2x4x6xf32>
// CHECK: kiln.space_to_depth %[[D]] {blocksize = 2 : i64} : (tensor<1x2x4x6xf32>) -> tensor<1x8x2x3xf32>
func.func @depth_space(%x: tensor<1x8x2x3xf32>) -> (tensor<1x8x2x3xf32>, tensor<1x2x4x6xf32>) {
  %0 = kiln.depth_to_space %x {blocksize = 2 : i64} : (tensor<1x8x2x3xf32>) -> tensor<1x2x4x6xf32>
  %1 = kiln.depth_to_space %x {blocksize = 2 : i64, mode = "CRD"} : (tensor<1x8x2x3xf32>) -> tensor<1x2x4x6xf32>
  %2 = kiln.space_to_depth %0 {blocksize = 2 : i64} : (tensor<1x2x4x6xf32>) -> tensor<1x8x2x3xf32>
  return %2, %1 : tensor<1x8x2x3xf32>, tensor<1x2x4x6xf32>
}

// -----

// CHECK-LABEL: func.func @space_to_depth_block_3
// CHECK: kiln.space_to_depth %{{.+}} {blocksize = 3 : i64} : (tensor<2x1x6x9xi1>) -> tensor<2x9x2x3xi1>
func.func @space_to_depth_block_3(%x: tensor<2x1x6x9xi1>) -> tensor<2x9x2x3xi1> {
  %0 = kiln.space_to_depth %x {blocksize = 3 : i64} : (tensor<2x1x6x9xi1>) -> tensor<2x9x2x3xi1>
  return %0 : tensor<2x9x2x3xi1>
}
