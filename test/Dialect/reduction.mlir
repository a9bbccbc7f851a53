// RUN: kiln-opt %s --split-input-file | kiln-opt --split-input-file | FileCheck %s

// Reductions take explicit, non-negative, sorted `axes` (the importer resolves
// ONNX's defaults); keepdims = 1 (the default) keeps a size-1 dim per reduced axis,
// keepdims = 0 drops it.

// CHECK-LABEL: func.func @reduce_sum_keepdims
// CHECK-SAME: (%[[X:.+]]: tensor<2x3x4xf32>)
// CHECK: kiln.reduce_sum %[[X]] {axes = array<i64: 1>} : (tensor<2x3x4xf32>) -> tensor<2x1x4xf32>
func.func @reduce_sum_keepdims(%x: tensor<2x3x4xf32>) -> tensor<2x1x4xf32> {
  %0 = kiln.reduce_sum %x {axes = array<i64: 1>} : (tensor<2x3x4xf32>) -> tensor<2x1x4xf32>
  return %0 : tensor<2x1x4xf32>
}

// -----

// CHECK-LABEL: func.func @reduce_sum_no_keepdims
// CHECK-SAME: (%[[X:.+]]: tensor<2x3x4xf32>)
// CHECK: kiln.reduce_sum %[[X]] {axes = array<i64: 0, 2>, keepdims = 0 : i64} : (tensor<2x3x4xf32>) -> tensor<3xf32>
func.func @reduce_sum_no_keepdims(%x: tensor<2x3x4xf32>) -> tensor<3xf32> {
  %0 = kiln.reduce_sum %x {axes = array<i64: 0, 2>, keepdims = 0 : i64} : (tensor<2x3x4xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

// Reducing every axis without keepdims gives a scalar.

// CHECK-LABEL: func.func @reduce_all_to_scalar
// CHECK: kiln.reduce_mean %{{.+}} {axes = array<i64: 0, 1>, keepdims = 0 : i64} : (tensor<5x6xf32>) -> tensor<f32>
func.func @reduce_all_to_scalar(%x: tensor<5x6xf32>) -> tensor<f32> {
  %0 = kiln.reduce_mean %x {axes = array<i64: 0, 1>, keepdims = 0 : i64} : (tensor<5x6xf32>) -> tensor<f32>
  return %0 : tensor<f32>
}

// -----

// Unreduced dynamic dims stay dynamic; a reduced dynamic dim becomes 1.

// CHECK-LABEL: func.func @reduce_dynamic
// CHECK: kiln.reduce_max %{{.+}} {axes = array<i64: 1>} : (tensor<?x?x8xi32>) -> tensor<?x1x8xi32>
func.func @reduce_dynamic(%x: tensor<?x?x8xi32>) -> tensor<?x1x8xi32> {
  %0 = kiln.reduce_max %x {axes = array<i64: 1>} : (tensor<?x?x8xi32>) -> tensor<?x1x8xi32>
  return %0 : tensor<?x1x8xi32>
}

// -----

// Every Reduce* op shares the inference.

// CHECK-LABEL: func.func @reduce_family
// CHECK-SAME: (%[[X:.+]]: tensor<2x3x4xf32>)
// CHECK: kiln.reduce_l1 %[[X]] {axes = array<i64: 2>} : (tensor<2x3x4xf32>) -> tensor<2x3x1xf32>
// CHECK: kiln.reduce_l2 %[[X]] {axes = array<i64: 0>, keepdims = 0 : i64} : (tensor<2x3x4xf32>) -> tensor<3x4xf32>
// CHECK: kiln.reduce_log_sum %[[X]] {axes = array<i64: 1, 2>} : (tensor<2x3x4xf32>) -> tensor<2x1x1xf32>
// CHECK: kiln.reduce_log_sum_exp %[[X]] {axes = array<i64: 1>, keepdims = 0 : i64} : (tensor<2x3x4xf32>) -> tensor<2x4xf32>
// CHECK: kiln.reduce_max %[[X]] {axes = array<i64: 0, 1, 2>} : (tensor<2x3x4xf32>) -> tensor<1x1x1xf32>
// CHECK: kiln.reduce_min %[[X]] {axes = array<i64: 2>, keepdims = 0 : i64} : (tensor<2x3x4xf32>) -> tensor<2x3xf32>
// CHECK: kiln.reduce_prod %[[X]] {axes = array<i64: 0, 2>} : (tensor<2x3x4xf32>) -> tensor<1x3x1xf32>
// CHECK: kiln.reduce_sum_square %[[X]] {axes = array<i64: 1>} : (tensor<2x3x4xf32>) -> tensor<2x1x4xf32>
func.func @reduce_family(%x: tensor<2x3x4xf32>)
    -> (tensor<2x3x1xf32>, tensor<3x4xf32>, tensor<2x1x1xf32>, tensor<2x4xf32>,
        tensor<1x1x1xf32>, tensor<2x3xf32>, tensor<1x3x1xf32>, tensor<2x1x4xf32>) {
  %0 = kiln.reduce_l1 %x {axes = array<i64: 2>} : (tensor<2x3x4xf32>) -> tensor<2x3x1xf32>
  %1 = kiln.reduce_l2 %x {axes = array<i64: 0>, keepdims = 0 : i64} : (tensor<2x3x4xf32>) -> tensor<3x4xf32>
  %2 = kiln.reduce_log_sum %x {axes = array<i64: 1, 2>} : (tensor<2x3x4xf32>) -> tensor<2x1x1xf32>
  %3 = kiln.reduce_log_sum_exp %x {axes = array<i64: 1>, keepdims = 0 : i64} : (tensor<2x3x4xf32>) -> tensor<2x4xf32>
  %4 = kiln.reduce_max %x {axes = array<i64: 0, 1, 2>} : (tensor<2x3x4xf32>) -> tensor<1x1x1xf32>
  %5 = kiln.reduce_min %x {axes = array<i64: 2>, keepdims = 0 : i64} : (tensor<2x3x4xf32>) -> tensor<2x3xf32>
  %6 = kiln.reduce_prod %x {axes = array<i64: 0, 2>} : (tensor<2x3x4xf32>) -> tensor<1x3x1xf32>
  %7 = kiln.reduce_sum_square %x {axes = array<i64: 1>} : (tensor<2x3x4xf32>) -> tensor<2x1x4xf32>
  return %0, %1, %2, %3, %4, %5, %6, %7
      : tensor<2x3x1xf32>, tensor<3x4xf32>, tensor<2x1x1xf32>, tensor<2x4xf32>,
        tensor<1x1x1xf32>, tensor<2x3xf32>, tensor<1x3x1xf32>, tensor<2x1x4xf32>
}

// -----

// ArgMax/ArgMin reduce one axis (default 0, negative allowed) to i64 indices.

// CHECK-LABEL: func.func @argmax_default
// CHECK-SAME: (%[[X:.+]]: tensor<3x4xf32>)
// CHECK: kiln.argmax %[[X]] : (tensor<3x4xf32>) -> tensor<1x4xi64>
func.func @argmax_default(%x: tensor<3x4xf32>) -> tensor<1x4xi64> {
  %0 = kiln.argmax %x : (tensor<3x4xf32>) -> tensor<1x4xi64>
  return %0 : tensor<1x4xi64>
}

// -----

// CHECK-LABEL: func.func @argmax_negative_axis_no_keepdims
// CHECK: kiln.argmax %{{.+}} {axis = -1 : i64, keepdims = 0 : i64, select_last_index = 1 : i64} : (tensor<2x3x4xf16>) -> tensor<2x3xi64>
func.func @argmax_negative_axis_no_keepdims(%x: tensor<2x3x4xf16>) -> tensor<2x3xi64> {
  %0 = kiln.argmax %x {axis = -1 : i64, keepdims = 0 : i64, select_last_index = 1 : i64} : (tensor<2x3x4xf16>) -> tensor<2x3xi64>
  return %0 : tensor<2x3xi64>
}

// -----

// CHECK-LABEL: func.func @argmin
// CHECK-SAME: (%[[X:.+]]: tensor<2x3x4xi32>)
// CHECK: %[[K:.+]] = kiln.argmin %[[X]] {axis = 1 : i64} : (tensor<2x3x4xi32>) -> tensor<2x1x4xi64>
// CHECK: %[[D:.+]] = kiln.argmin %[[X]] {axis = -3 : i64, keepdims = 0 : i64} : (tensor<2x3x4xi32>) -> tensor<3x4xi64>
// CHECK: return %[[K]], %[[D]]
func.func @argmin(%x: tensor<2x3x4xi32>) -> (tensor<2x1x4xi64>, tensor<3x4xi64>) {
  %0 = kiln.argmin %x {axis = 1 : i64} : (tensor<2x3x4xi32>) -> tensor<2x1x4xi64>
  %1 = kiln.argmin %x {axis = -3 : i64, keepdims = 0 : i64} : (tensor<2x3x4xi32>) -> tensor<3x4xi64>
  return %0, %1 : tensor<2x1x4xi64>, tensor<3x4xi64>
}
