// RUN: kiln-opt %s --split-input-file --convert-kiln-to-linalg | FileCheck %s

// Broadcast operands read through maps that drop or pin their broadcast dims.

// CHECK-DAG: #[[ID:.+]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[ROW:.+]] = affine_map<(d0, d1) -> (d1)>
// CHECK-DAG: #[[COL:.+]] = affine_map<(d0, d1) -> (d0, 0)>
// CHECK-LABEL: func.func @add_broadcast
// CHECK: %[[E:.+]] = tensor.empty() : tensor<2x3xf32>
// CHECK: linalg.generic {indexing_maps = [#[[ID]], #[[ROW]], #[[ID]]], iterator_types = ["parallel", "parallel"]} ins(%{{.+}}, %{{.+}} : tensor<2x3xf32>, tensor<3xf32>) outs(%[[E]] : tensor<2x3xf32>)
// CHECK: arith.addf
// CHECK: linalg.generic {indexing_maps = [#[[ID]], #[[COL]], #[[ID]]]
// CHECK: arith.mulf
func.func @add_broadcast(%a: tensor<2x3xf32>, %b: tensor<3xf32>, %c: tensor<2x1xf32>) -> tensor<2x3xf32> {
  %0 = kiln.add %a, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  %1 = kiln.mul %0, %c : (tensor<2x3xf32>, tensor<2x1xf32>) -> tensor<2x3xf32>
  return %1 : tensor<2x3xf32>
}

// -----

// Integer ops pick signed variants; Python-style Mod fixes the remainder's sign.

// CHECK-LABEL: func.func @integer_ops
// CHECK: arith.divsi
// CHECK: arith.remsi
// CHECK: arith.cmpi slt
// CHECK: arith.xori
// CHECK: arith.select
// CHECK: arith.cmpi sgt
func.func @integer_ops(%a: tensor<4xi32>, %b: tensor<4xi32>) -> (tensor<4xi32>, tensor<4xi32>, tensor<4xi1>) {
  %0 = kiln.div %a, %b : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi32>
  %1 = kiln.mod %a, %b : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi32>
  %2 = kiln.greater %a, %b : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi1>
  return %0, %1, %2 : tensor<4xi32>, tensor<4xi32>, tensor<4xi1>
}

// -----

// Activations with attributes carry them as constants in the body.

// CHECK-LABEL: func.func @activations
// CHECK: %[[ALPHA:.+]] = arith.constant 1.000000e-01 : f32
// CHECK: arith.mulf %{{.+}}, %[[ALPHA]]
// CHECK: arith.cmpf oge
// CHECK: arith.select
// CHECK: math.exp
// CHECK: arith.divf
// CHECK: math.tanh
func.func @activations(%x: tensor<8xf32>) -> (tensor<8xf32>, tensor<8xf32>, tensor<8xf32>) {
  %0 = kiln.leaky_relu %x {alpha = 1.000000e-01 : f32} : (tensor<8xf32>) -> tensor<8xf32>
  %1 = kiln.sigmoid %x : (tensor<8xf32>) -> tensor<8xf32>
  %2 = kiln.tanh %x : (tensor<8xf32>) -> tensor<8xf32>
  return %0, %1, %2 : tensor<8xf32>, tensor<8xf32>, tensor<8xf32>
}

// -----

// Clip with only a max: the single optional operand is the upper bound.

// CHECK-LABEL: func.func @clip_max_only
// CHECK: linalg.generic
// CHECK: ^bb0(%[[X:.+]]: f32, %[[HI:.+]]: f32, %{{.+}}: f32):
// CHECK-NEXT: %[[R:.+]] = arith.minimumf %[[X]], %[[HI]] : f32
// CHECK-NEXT: linalg.yield %[[R]]
func.func @clip_max_only(%x: tensor<8xf32>, %hi: tensor<f32>) -> tensor<8xf32> {
  %0 = kiln.clip %x max(%hi) : (tensor<8xf32>, tensor<f32>) -> tensor<8xf32>
  return %0 : tensor<8xf32>
}

// -----

// Casts choose the conversion from both element types.

// CHECK-LABEL: func.func @casts
// CHECK: arith.fptosi {{.+}} : f32 to i32
// CHECK: arith.extsi {{.+}} : i32 to i64
// CHECK: arith.cmpf une
func.func @casts(%x: tensor<4xf32>, %i: tensor<4xi32>) -> (tensor<4xi32>, tensor<4xi64>, tensor<4xi1>) {
  %0 = kiln.cast %x {to = i32} : (tensor<4xf32>) -> tensor<4xi32>
  %1 = kiln.cast %i {to = i64} : (tensor<4xi32>) -> tensor<4xi64>
  %2 = kiln.cast %x {to = i1} : (tensor<4xf32>) -> tensor<4xi1>
  return %0, %1, %2 : tensor<4xi32>, tensor<4xi64>, tensor<4xi1>
}
