// RUN: kiln-opt %s --split-input-file | kiln-opt --split-input-file | FileCheck %s

// Quantization ops. Scale and zero point are scalars (per tensor) or 1-D along
// `axis` (per axis, default 1); QuantizeLinear's result type is the zero point's
// (ui8 without one), DequantizeLinear's is the scale's.

// CHECK-LABEL: func.func @quantize_per_tensor
// CHECK-SAME: (%[[X:.+]]: tensor<2x3xf32>, %[[S:.+]]: tensor<f32>, %[[ZU:.+]]: tensor<ui8>, %[[ZS:.+]]: tensor<i8>)
// CHECK: kiln.quantize_linear %[[X]], %[[S]] y_zero_point(%[[ZU]]) : (tensor<2x3xf32>, tensor<f32>, tensor<ui8>) -> tensor<2x3xui8>
// CHECK: kiln.quantize_linear %[[X]], %[[S]] y_zero_point(%[[ZS]]) : (tensor<2x3xf32>, tensor<f32>, tensor<i8>) -> tensor<2x3xi8>
// CHECK: kiln.quantize_linear %[[X]], %[[S]] : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xui8>
func.func @quantize_per_tensor(%x: tensor<2x3xf32>, %s: tensor<f32>, %zu: tensor<ui8>, %zs: tensor<i8>)
    -> (tensor<2x3xui8>, tensor<2x3xi8>, tensor<2x3xui8>) {
  %0 = kiln.quantize_linear %x, %s y_zero_point(%zu) : (tensor<2x3xf32>, tensor<f32>, tensor<ui8>) -> tensor<2x3xui8>
  %1 = kiln.quantize_linear %x, %s y_zero_point(%zs) : (tensor<2x3xf32>, tensor<f32>, tensor<i8>) -> tensor<2x3xi8>
  %2 = kiln.quantize_linear %x, %s : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xui8>
  return %0, %1, %2 : tensor<2x3xui8>, tensor<2x3xi8>, tensor<2x3xui8>
}

// -----

// Per axis: the scale's length matches dim `axis` (default 1; negative allowed).
// A 1-element scale is per tensor whatever the axis.

// CHECK-LABEL: func.func @quantize_per_axis
// CHECK-SAME: (%[[X:.+]]: tensor<2x3x4xf32>, %[[S3:.+]]: tensor<3xf32>, %[[Z3:.+]]: tensor<3xi8>, %[[S4:.+]]: tensor<4xf32>, %[[S1:.+]]: tensor<1xf32>)
// CHECK: kiln.quantize_linear %[[X]], %[[S3]] y_zero_point(%[[Z3]]) : (tensor<2x3x4xf32>, tensor<3xf32>, tensor<3xi8>) -> tensor<2x3x4xi8>
// CHECK: kiln.quantize_linear %[[X]], %[[S4]] {axis = -1 : i64} : (tensor<2x3x4xf32>, tensor<4xf32>) -> tensor<2x3x4xui8>
// CHECK: kiln.quantize_linear %[[X]], %[[S1]] {axis = 0 : i64} : (tensor<2x3x4xf32>, tensor<1xf32>) -> tensor<2x3x4xui8>
func.func @quantize_per_axis(%x: tensor<2x3x4xf32>, %s3: tensor<3xf32>, %z3: tensor<3xi8>, %s4: tensor<4xf32>, %s1: tensor<1xf32>)
    -> (tensor<2x3x4xi8>, tensor<2x3x4xui8>, tensor<2x3x4xui8>) {
  %0 = kiln.quantize_linear %x, %s3 y_zero_point(%z3) : (tensor<2x3x4xf32>, tensor<3xf32>, tensor<3xi8>) -> tensor<2x3x4xi8>
  %1 = kiln.quantize_linear %x, %s4 {axis = -1 : i64} : (tensor<2x3x4xf32>, tensor<4xf32>) -> tensor<2x3x4xui8>
  %2 = kiln.quantize_linear %x, %s1 {axis = 0 : i64} : (tensor<2x3x4xf32>, tensor<1xf32>) -> tensor<2x3x4xui8>
  return %0, %1, %2 : tensor<2x3x4xi8>, tensor<2x3x4xui8>, tensor<2x3x4xui8>
}

// -----

// CHECK-LABEL: func.func @dequantize
// CHECK-SAME: (%[[X:.+]]: tensor<2x3xui8>, %[[S:.+]]: tensor<f32>, %[[Z:.+]]: tensor<ui8>, %[[I:.+]]: tensor<4x2xi32>, %[[SA:.+]]: tensor<4xf32>)
// CHECK: kiln.dequantize_linear %[[X]], %[[S]] x_zero_point(%[[Z]]) : (tensor<2x3xui8>, tensor<f32>, tensor<ui8>) -> tensor<2x3xf32>
// CHECK: kiln.dequantize_linear %[[I]], %[[SA]] {axis = 0 : i64} : (tensor<4x2xi32>, tensor<4xf32>) -> tensor<4x2xf32>
func.func @dequantize(%x: tensor<2x3xui8>, %s: tensor<f32>, %z: tensor<ui8>, %i: tensor<4x2xi32>, %sa: tensor<4xf32>)
    -> (tensor<2x3xf32>, tensor<4x2xf32>) {
  %0 = kiln.dequantize_linear %x, %s x_zero_point(%z) : (tensor<2x3xui8>, tensor<f32>, tensor<ui8>) -> tensor<2x3xf32>
  %1 = kiln.dequantize_linear %i, %sa {axis = 0 : i64} : (tensor<4x2xi32>, tensor<4xf32>) -> tensor<4x2xf32>
  return %0, %1 : tensor<2x3xf32>, tensor<4x2xf32>
}

// -----

// QLinearMatMul: numpy matmul shapes, element type of y_zero_point.

// CHECK-LABEL: func.func @qlinear_matmul
// CHECK-SAME: (%[[A:.+]]: tensor<2x5x3xui8>, %[[AS:.+]]: tensor<f32>, %[[AZ:.+]]: tensor<ui8>, %[[B:.+]]: tensor<3x4xi8>, %[[BS:.+]]: tensor<f32>, %[[BZ:.+]]: tensor<i8>, %[[YS:.+]]: tensor<f32>, %[[YZ:.+]]: tensor<i8>)
// CHECK: kiln.qlinear_matmul %[[A]], %[[AS]], %[[AZ]], %[[B]], %[[BS]], %[[BZ]], %[[YS]], %[[YZ]] : (tensor<2x5x3xui8>, tensor<f32>, tensor<ui8>, tensor<3x4xi8>, tensor<f32>, tensor<i8>, tensor<f32>, tensor<i8>) -> tensor<2x5x4xi8>
func.func @qlinear_matmul(%a: tensor<2x5x3xui8>, %as: tensor<f32>, %az: tensor<ui8>,
                          %b: tensor<3x4xi8>, %bs: tensor<f32>, %bz: tensor<i8>,
                          %ys: tensor<f32>, %yz: tensor<i8>) -> tensor<2x5x4xi8> {
  %0 = kiln.qlinear_matmul %a, %as, %az, %b, %bs, %bz, %ys, %yz : (tensor<2x5x3xui8>, tensor<f32>, tensor<ui8>, tensor<3x4xi8>, tensor<f32>, tensor<i8>, tensor<f32>, tensor<i8>) -> tensor<2x5x4xi8>
  return %0 : tensor<2x5x4xi8>
}

// -----

// MatMulInteger accumulates in i32.

// CHECK-LABEL: func.func @matmul_integer
// CHECK-SAME: (%[[A:.+]]: tensor<2x3xui8>, %[[B:.+]]: tensor<3x4xi8>, %[[AZ:.+]]: tensor<ui8>, %[[BZ:.+]]: tensor<4xi8>, %[[V:.+]]: tensor<3xui8>)
// CHECK: kiln.matmul_integer %[[A]], %[[B]] a_zero_point(%[[AZ]]) b_zero_point(%[[BZ]]) : (tensor<2x3xui8>, tensor<3x4xi8>, tensor<ui8>, tensor<4xi8>) -> tensor<2x4xi32>
// CHECK: kiln.matmul_integer %[[V]], %[[B]] b_zero_point(%[[BZ]]) : (tensor<3xui8>, tensor<3x4xi8>, tensor<4xi8>) -> tensor<4xi32>
// CHECK: kiln.matmul_integer %[[A]], %[[V]] : (tensor<2x3xui8>, tensor<3xui8>) -> tensor<2xi32>
func.func @matmul_integer(%a: tensor<2x3xui8>, %b: tensor<3x4xi8>, %az: tensor<ui8>, %bz: tensor<4xi8>, %v: tensor<3xui8>)
    -> (tensor<2x4xi32>, tensor<4xi32>, tensor<2xi32>) {
  %0 = kiln.matmul_integer %a, %b a_zero_point(%az) b_zero_point(%bz) : (tensor<2x3xui8>, tensor<3x4xi8>, tensor<ui8>, tensor<4xi8>) -> tensor<2x4xi32>
  %1 = kiln.matmul_integer %v, %b b_zero_point(%bz) : (tensor<3xui8>, tensor<3x4xi8>, tensor<4xi8>) -> tensor<4xi32>
  %2 = kiln.matmul_integer %a, %v : (tensor<2x3xui8>, tensor<3xui8>) -> tensor<2xi32>
  return %0, %1, %2 : tensor<2x4xi32>, tensor<4xi32>, tensor<2xi32>
}

// -----

// DynamicQuantizeLinear: ui8 data, scalar f32 scale and ui8 zero point.

// CHECK-LABEL: func.func @dynamic_quantize_linear
// CHECK-SAME: (%[[X:.+]]: tensor<2x?xf32>)
// CHECK: %[[Y:.+]], %[[S:.+]], %[[Z:.+]] = kiln.dynamic_quantize_linear %[[X]] : (tensor<2x?xf32>) -> (tensor<2x?xui8>, tensor<f32>, tensor<ui8>)
// CHECK: return %[[Y]], %[[S]], %[[Z]]
func.func @dynamic_quantize_linear(%x: tensor<2x?xf32>) -> (tensor<2x?xui8>, tensor<f32>, tensor<ui8>) {
  %0:3 = kiln.dynamic_quantize_linear %x : (tensor<2x?xf32>) -> (tensor<2x?xui8>, tensor<f32>, tensor<ui8>)
  return %0#0, %0#1, %0#2 : tensor<2x?xui8>, tensor<f32>, tensor<ui8>
}
