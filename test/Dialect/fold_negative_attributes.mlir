// RUN: kiln-opt %s --split-input-file --canonicalize | FileCheck %s

// The folders normalize negative attributes the way ONNX does before using them:
// Shape's `start` and `end` count from the back, and Concat's and Gather's `axis`
// of -1 is the last dimension. The importer passes these attributes through from
// ONNX and folds while it builds, so constant operands reach these folders with
// the attributes exactly as the model wrote them.

// ONNX Shape(start = -2) of a [2, 3, 4] tensor is [3, 4].

// CHECK-LABEL: func.func @shape_negative_start
// CHECK: %[[C:.+]] = kiln.constant dense<[3, 4]> : tensor<2xi64>
// CHECK: return %[[C]]
func.func @shape_negative_start(%x: tensor<2x3x4xf32>) -> tensor<2xi64> {
  %0 = kiln.shape %x {start = -2 : i64} : (tensor<2x3x4xf32>) -> tensor<2xi64>
  return %0 : tensor<2xi64>
}

// -----

// CHECK-LABEL: func.func @shape_negative_start_and_end
// CHECK: %[[C:.+]] = kiln.constant dense<3> : tensor<1xi64>
// CHECK: return %[[C]]
func.func @shape_negative_start_and_end(%x: tensor<2x3x4xf32>) -> tensor<1xi64> {
  %0 = kiln.shape %x {start = -2 : i64, end = -1 : i64} : (tensor<2x3x4xf32>) -> tensor<1xi64>
  return %0 : tensor<1xi64>
}

// -----

// CHECK-LABEL: func.func @concat_negative_axis
// CHECK: %[[C:.+]] = kiln.constant dense<{{\[\[}}1, 2, 5], [3, 4, 6]]> : tensor<2x3xi64>
// CHECK: return %[[C]]
func.func @concat_negative_axis() -> tensor<2x3xi64> {
  %a = kiln.constant dense<[[1, 2], [3, 4]]> : tensor<2x2xi64>
  %b = kiln.constant dense<[[5], [6]]> : tensor<2x1xi64>
  %0 = kiln.concat %a, %b {axis = -1 : i64} : (tensor<2x2xi64>, tensor<2x1xi64>) -> tensor<2x3xi64>
  return %0 : tensor<2x3xi64>
}

// -----

// CHECK-LABEL: func.func @gather_negative_axis
// CHECK: %[[C:.+]] = kiln.constant dense<{{\[\[}}3], [6]]> : tensor<2x1xi64>
// CHECK: return %[[C]]
func.func @gather_negative_axis() -> tensor<2x1xi64> {
  %a = kiln.constant dense<[[1, 2, 3], [4, 5, 6]]> : tensor<2x3xi64>
  %i = kiln.constant dense<[2]> : tensor<1xi64>
  %0 = kiln.gather %a, %i {axis = -1 : i64} : (tensor<2x3xi64>, tensor<1xi64>) -> tensor<2x1xi64>
  return %0 : tensor<2x1xi64>
}
