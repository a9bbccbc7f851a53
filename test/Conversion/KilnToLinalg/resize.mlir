// RUN: kiln-opt %s --split-input-file --convert-kiln-to-linalg | FileCheck %s

// Resize is one linalg.generic over the output that gathers its taps with
// tensor.extract. Dims with scale 1 read the loop index directly; the others
// compute x_ori in f64 as ONNX's reference does.

// Upsample: asymmetric x / scale, floor, one tap per resized dim.
// CHECK-LABEL: func.func @nearest_asymmetric_floor
// CHECK-SAME: (%[[X:.+]]: tensor<1x1x2x2xf32>)
// CHECK: linalg.generic {{.*}} outs(%{{.+}} : tensor<1x1x4x6xf32>)
// CHECK: %[[I0:.+]] = linalg.index 0 : index
// CHECK: %[[I1:.+]] = linalg.index 1 : index
// CHECK: linalg.index 2 : index
// CHECK: arith.divf %{{.+}}, %{{.+}} : f64
// CHECK: math.ceil
// CHECK: linalg.index 3 : index
// CHECK: %[[V:.+]] = tensor.extract %[[X]][%[[I0]], %[[I1]], %{{.+}}, %{{.+}}] : tensor<1x1x2x2xf32>
// CHECK-NOT: tensor.extract
// CHECK: linalg.yield %[[V]] : f32
func.func @nearest_asymmetric_floor(%x: tensor<1x1x2x2xf32>) -> tensor<1x1x4x6xf32> {
  %0 = kiln.resize %x {coordinate_transformation_mode = "asymmetric", nearest_mode = "floor", scales = array<f32: 1.0, 1.0, 2.0, 3.0>, sizes = array<i64: 1, 1, 4, 6>} : (tensor<1x1x2x2xf32>) -> tensor<1x1x4x6xf32>
  return %0 : tensor<1x1x4x6xf32>
}

// -----

// Nearest only moves elements, so integer tensors are fine.
// CHECK-LABEL: func.func @nearest_i64
// CHECK: tensor.extract %{{.+}} : tensor<3xi64>
// CHECK-NEXT: linalg.yield %{{.+}} : i64
func.func @nearest_i64(%x: tensor<3xi64>) -> tensor<6xi64> {
  %0 = kiln.resize %x {scales = array<f32: 2.0>, sizes = array<i64: 6>} : (tensor<3xi64>) -> tensor<6xi64>
  return %0 : tensor<6xi64>
}

// -----

// Linear on f16: two taps along the resized dim, summed in f64.
// CHECK-LABEL: func.func @linear_f16
// CHECK-SAME: (%[[X:.+]]: tensor<2x4xf16>)
// CHECK: %[[I0:.+]] = linalg.index 0 : index
// CHECK: %[[A:.+]] = tensor.extract %[[X]][%[[I0]], %{{.+}}] : tensor<2x4xf16>
// CHECK: arith.extf %[[A]] : f16 to f64
// CHECK: %[[B:.+]] = tensor.extract %[[X]][%[[I0]], %{{.+}}] : tensor<2x4xf16>
// CHECK: arith.extf %[[B]] : f16 to f64
// CHECK-NOT: tensor.extract
// CHECK: %[[R:.+]] = arith.truncf %{{.+}} : f64 to f16
// CHECK: linalg.yield %[[R]] : f16
func.func @linear_f16(%x: tensor<2x4xf16>) -> tensor<2x8xf16> {
  %0 = kiln.resize %x {mode = "linear", scales = array<f32: 1.0, 2.0>, sizes = array<i64: 2, 8>} : (tensor<2x4xf16>) -> tensor<2x8xf16>
  return %0 : tensor<2x8xf16>
}

// -----

// tf_crop_and_resize: an x_ori outside [0, in - 1] in any dim selects
// extrapolation_value.
// CHECK-LABEL: func.func @tf_crop_and_resize
// CHECK: arith.cmpf olt
// CHECK: arith.cmpf ogt
// CHECK: arith.ori
// CHECK-COUNT-4: tensor.extract
// CHECK: %[[V:.+]] = arith.truncf %{{.+}} : f64 to f32
// CHECK: %[[E:.+]] = arith.constant 1.000000e+01 : f32
// CHECK: %[[R:.+]] = arith.select %{{.+}}, %[[E]], %[[V]] : f32
// CHECK: linalg.yield %[[R]] : f32
func.func @tf_crop_and_resize(%x: tensor<4x4xf32>) -> tensor<3x3xf32> {
  %0 = kiln.resize %x {mode = "linear", coordinate_transformation_mode = "tf_crop_and_resize", extrapolation_value = 10.0 : f32, roi = array<f32: 0.4, 0.6, 1.2, 1.7>, scales = array<f32: 0.75, 0.75>, sizes = array<i64: 3, 3>} : (tensor<4x4xf32>) -> tensor<3x3xf32>
  return %0 : tensor<3x3xf32>
}

// -----

// Cubic over two dims: 4 x 4 taps; exclude_outside renormalizes the weights.
// CHECK-LABEL: func.func @cubic_exclude_outside
// CHECK: arith.divf
// CHECK-COUNT-16: tensor.extract
// CHECK-NOT: tensor.extract
// CHECK: linalg.yield
func.func @cubic_exclude_outside(%x: tensor<1x1x4x4xf32>) -> tensor<1x1x8x8xf32> {
  %0 = kiln.resize %x {mode = "cubic", cubic_coeff_a = -5.000000e-01 : f32, exclude_outside = 1, scales = array<f32: 1.0, 1.0, 2.0, 2.0>, sizes = array<i64: 1, 1, 8, 8>} : (tensor<1x1x4x4xf32>) -> tensor<1x1x8x8xf32>
  return %0 : tensor<1x1x8x8xf32>
}

// -----

// 2.33333325 is float(7 / 3); where reading it as given or as the exact
// quotient agrees (linear here), the quotient is used, as ONNX computes it
// from sizes.
// CHECK-LABEL: func.func @linear_scale_from_sizes
// CHECK: %[[S:.+]] = arith.constant 2.3333333333333335 : f64
// CHECK: arith.divf %{{.+}}, %[[S]] : f64
func.func @linear_scale_from_sizes(%x: tensor<3xf32>) -> tensor<7xf32> {
  %0 = kiln.resize %x {mode = "linear", scales = array<f32: 2.33333325>, sizes = array<i64: 7>} : (tensor<3xf32>) -> tensor<7xf32>
  return %0 : tensor<7xf32>
}
