// RUN: kiln-opt %s --split-input-file | kiln-opt --split-input-file | FileCheck %s
// XFAIL: *

// KNOWN BUG: ShapeInference.h promises that dims may be ShapedType::kDynamic and
// that results are then dynamic where they depend on them, but these inference
// functions do arithmetic on kDynamic (INT64_MIN) itself:
// - Conv: a dynamic kernel dim reaches windowOutputSize as kernel = INT64_MIN and is
//   rejected ("window ... does not fit: ... kernel -9223372036854775808").
// - ConvTranspose: `w.getDimSize(1) * group` overflows to 0 channels for group 2
//   (a wrong static shape), and a dynamic kernel dim gives "output size along
//   spatial axis 0 is not positive (-9223372036854775804)".
// - Einsum: a dynamic dim against a static one for the same label is rejected
//   ("label 'j' has sizes -9223372036854775808 and 3"); elsewhere (broadcasting)
//   the static size wins.
// - LSTM/GRU/RNN: a dynamic input size in X is compared to W's and rejected
//   ("W's input size 3 does not match X's -9223372036854775808").
// Remove the XFAIL once these propagate kDynamic.

// CHECK-LABEL: func.func @conv_dynamic_kernel
// CHECK: kiln.conv {{.+}} -> tensor<1x2x?x3xf32>
func.func @conv_dynamic_kernel(%x: tensor<1x4x5x5xf32>, %w: tensor<2x4x?x3xf32>) -> tensor<1x2x?x3xf32> {
  %0 = kiln.conv %x, %w {dilations = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x4x5x5xf32>, tensor<2x4x?x3xf32>) -> tensor<1x2x?x3xf32>
  return %0 : tensor<1x2x?x3xf32>
}

// -----

// CHECK-LABEL: func.func @conv_transpose_dynamic_group_channels
// CHECK: kiln.conv_transpose {{.+}} -> tensor<1x?x7x7xf32>
func.func @conv_transpose_dynamic_group_channels(%x: tensor<1x4x5x5xf32>, %w: tensor<4x?x3x3xf32>) -> tensor<1x?x7x7xf32> {
  %0 = kiln.conv_transpose %x, %w {dilations = array<i64: 1, 1>, group = 2 : i64, output_padding = array<i64: 0, 0>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x4x5x5xf32>, tensor<4x?x3x3xf32>) -> tensor<1x?x7x7xf32>
  return %0 : tensor<1x?x7x7xf32>
}

// -----

// CHECK-LABEL: func.func @conv_transpose_dynamic_kernel
// CHECK: kiln.conv_transpose {{.+}} -> tensor<1x2x?x7xf32>
func.func @conv_transpose_dynamic_kernel(%x: tensor<1x4x5x5xf32>, %w: tensor<4x2x?x3xf32>) -> tensor<1x2x?x7xf32> {
  %0 = kiln.conv_transpose %x, %w {dilations = array<i64: 1, 1>, output_padding = array<i64: 0, 0>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x4x5x5xf32>, tensor<4x2x?x3xf32>) -> tensor<1x2x?x7xf32>
  return %0 : tensor<1x2x?x7xf32>
}

// -----

// CHECK-LABEL: func.func @einsum_dynamic_label
// CHECK: kiln.einsum {{.+}} -> tensor<2x4xf32>
func.func @einsum_dynamic_label(%a: tensor<2x?xf32>, %b: tensor<3x4xf32>) -> tensor<2x4xf32> {
  %0 = kiln.einsum %a, %b {equation = "ij,jk->ik"} : (tensor<2x?xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// -----

// CHECK-LABEL: func.func @lstm_dynamic_input_size
// CHECK: kiln.lstm {{.+}} -> (tensor<5x1x2x4xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>)
func.func @lstm_dynamic_input_size(%x: tensor<5x2x?xf32>, %w: tensor<1x16x3xf32>, %r: tensor<1x16x4xf32>) -> tensor<5x1x2x4xf32> {
  %0:3 = kiln.lstm %x, %w, %r : (tensor<5x2x?xf32>, tensor<1x16x3xf32>, tensor<1x16x4xf32>) -> (tensor<5x1x2x4xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>)
  return %0#0 : tensor<5x1x2x4xf32>
}
