// RUN: kiln-opt %s --split-input-file | kiln-opt --split-input-file | FileCheck %s

// Shape inference takes dynamic dims (ShapedType::kDynamic) as unknown: a result
// dim that depends on one is dynamic, and a dynamic dim is never used in
// arithmetic or compared with a static size as if it were a number. Conv and
// ConvTranspose propagate a dynamic kernel dim to the spatial output dim and a
// dynamic weight channel dim to the output channels; Einsum lets a static size
// win over a dynamic one for the same label; LSTM accepts a dynamic input size
// against W's static one.

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
