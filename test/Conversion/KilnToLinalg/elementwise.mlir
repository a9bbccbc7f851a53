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

// -----

// Unsigned tensors: the generic works on signless tensors between
// tensor.bitcasts, and the body picks the unsigned arith ops from the kiln
// op's types (kiln-erase-signedness later drops the bitcasts).

// CHECK-LABEL: func.func @unsigned_ops
// CHECK-SAME: (%[[A:.+]]: tensor<4xui8>, %[[B:.+]]: tensor<4xui8>, %[[E:.+]]: tensor<4xui32>)
// CHECK-DAG: %[[SA:.+]] = tensor.bitcast %[[A]] : tensor<4xui8> to tensor<4xi8>
// CHECK-DAG: %[[SB:.+]] = tensor.bitcast %[[B]] : tensor<4xui8> to tensor<4xi8>
// CHECK: %[[D:.+]] = linalg.generic {{.+}} ins(%[[SA]], %[[SB]] : tensor<4xi8>, tensor<4xi8>)
// CHECK: arith.divui
// CHECK: tensor.bitcast %[[D]] : tensor<4xi8> to tensor<4xui8>
// CHECK: arith.remui
// CHECK: arith.maxui
// CHECK: arith.cmpi ult
// CHECK: arith.uitofp %{{.+}} : i8 to f32
// CHECK: arith.fptoui %{{.+}} : f32 to i8
// CHECK: arith.uitofp %{{.+}} : i32 to f32
// CHECK: math.powf
func.func @unsigned_ops(%a: tensor<4xui8>, %b: tensor<4xui8>, %e: tensor<4xui32>) -> (tensor<4xui8>, tensor<4xui8>, tensor<4xui8>, tensor<4xi1>, tensor<4xf32>, tensor<4xui8>, tensor<4xf32>) {
  %0 = kiln.div %a, %b : (tensor<4xui8>, tensor<4xui8>) -> tensor<4xui8>
  %1 = kiln.mod %a, %b : (tensor<4xui8>, tensor<4xui8>) -> tensor<4xui8>
  %2 = kiln.max %a, %b : (tensor<4xui8>, tensor<4xui8>) -> tensor<4xui8>
  %3 = kiln.less %a, %b : (tensor<4xui8>, tensor<4xui8>) -> tensor<4xi1>
  %4 = kiln.cast %a {to = f32} : (tensor<4xui8>) -> tensor<4xf32>
  %5 = kiln.cast %4 {to = ui8} : (tensor<4xf32>) -> tensor<4xui8>
  %6 = kiln.pow %4, %e : (tensor<4xf32>, tensor<4xui32>) -> tensor<4xf32>
  return %0, %1, %2, %3, %4, %5, %6 : tensor<4xui8>, tensor<4xui8>, tensor<4xui8>, tensor<4xi1>, tensor<4xf32>, tensor<4xui8>, tensor<4xf32>
}

// -----

// Shrink: x < -lambd ? x + bias : (x > lambd ? x - bias : 0).

// CHECK-LABEL: func.func @shrink
// CHECK: ^bb0(%[[X:[^:]+]]: f32, %{{.+}}: f32):
// CHECK: %[[ZERO:.+]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[NL:.+]] = arith.constant -1.500000e+00 : f32
// CHECK: %[[BELOW:.+]] = arith.cmpf olt, %[[X]], %[[NL]]
// CHECK: %[[L:.+]] = arith.constant 1.500000e+00 : f32
// CHECK: %[[ABOVE:.+]] = arith.cmpf ogt, %[[X]], %[[L]]
// CHECK: %[[SUB:.+]] = arith.subf %[[X]], %{{.+}}
// CHECK: %[[R:.+]] = arith.select %[[ABOVE]], %[[SUB]], %[[ZERO]]
// CHECK: %[[ADD:.+]] = arith.addf %[[X]], %{{.+}}
// CHECK: arith.select %[[BELOW]], %[[ADD]], %[[R]]
func.func @shrink(%x: tensor<5xf32>) -> tensor<5xf32> {
  %0 = kiln.shrink %x {bias = 0.5 : f32, lambd = 1.5 : f32} : (tensor<5xf32>) -> tensor<5xf32>
  return %0 : tensor<5xf32>
}

// -----

// BitShift works on the signless bitcasts. A shift by the bit width or more
// is poison in LLVM but 0 in ONNX (every bit shifted out): selected explicitly.

// CHECK-LABEL: func.func @bit_shift
// CHECK: linalg.generic
// CHECK: ^bb0(%[[X:[^:]+]]: i16, %[[S:[^:]+]]: i16, %{{.+}}: i16):
// CHECK: %[[L:.+]] = arith.shli %[[X]], %[[S]] : i16
// CHECK: %[[W:.+]] = arith.constant 16 : i16
// CHECK: %[[OK:.+]] = arith.cmpi ult, %[[S]], %[[W]] : i16
// CHECK: %[[Z:.+]] = arith.constant 0 : i16
// CHECK: %[[R:.+]] = arith.select %[[OK]], %[[L]], %[[Z]] : i16
// CHECK: linalg.yield %[[R]] : i16
// CHECK: tensor.bitcast %{{.+}} : tensor<2x4xi16> to tensor<2x4xui16>
// CHECK: linalg.generic
// CHECK: arith.shrui
// CHECK: arith.cmpi ult
// CHECK: arith.select
func.func @bit_shift(%a: tensor<2x4xui16>, %s: tensor<4xui16>) -> (tensor<2x4xui16>, tensor<2x4xui16>) {
  %0 = kiln.bit_shift %a, %s {direction = "LEFT"} : (tensor<2x4xui16>, tensor<4xui16>) -> tensor<2x4xui16>
  %1 = kiln.bit_shift %a, %s {direction = "RIGHT"} : (tensor<2x4xui16>, tensor<4xui16>) -> tensor<2x4xui16>
  return %0, %1 : tensor<2x4xui16>, tensor<2x4xui16>
}
