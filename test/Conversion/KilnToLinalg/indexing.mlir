// RUN: kiln-opt %s --split-input-file --convert-kiln-to-linalg | FileCheck %s

// Gather: the indices are read through the loops that replace the axis; the
// index is wrapped (negative counts from the end), clamped, and used in a
// tensor.extract; the other coordinates are linalg.index.

// CHECK-DAG: #[[IDX:.+]] = affine_map<(d0, d1, d2, d3) -> (d1, d2)>
// CHECK-DAG: #[[OUT:.+]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
// CHECK-LABEL: func.func @gather
// CHECK-SAME: (%[[D:.+]]: tensor<3x5x4xf32>, %[[I:.+]]: tensor<2x2xi32>)
// CHECK: %[[E:.+]] = tensor.empty() : tensor<3x2x2x4xf32>
// CHECK: linalg.generic {indexing_maps = [#[[IDX]], #[[OUT]]], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%[[I]] : tensor<2x2xi32>) outs(%[[E]] : tensor<3x2x2x4xf32>)
// CHECK-NEXT: ^bb0(%[[V:.+]]: i32, %{{.+}}: f32):
// CHECK: %[[I0:.+]] = linalg.index 0 : index
// CHECK: %[[CAST:.+]] = arith.index_cast %[[V]] : i32 to index
// CHECK: %[[ZERO:.+]] = arith.constant 0 : index
// CHECK: %[[NEG:.+]] = arith.cmpi slt, %[[CAST]], %[[ZERO]] : index
// CHECK: %[[DIM:.+]] = arith.constant 5 : index
// CHECK: %[[ADD:.+]] = arith.addi %[[CAST]], %[[DIM]] : index
// CHECK: %[[WRAP:.+]] = arith.select %[[NEG]], %[[ADD]], %[[CAST]] : index
// CHECK: %[[LO:.+]] = arith.maxsi %[[WRAP]], %[[ZERO]] : index
// CHECK: %[[LAST:.+]] = arith.constant 4 : index
// CHECK: %[[CL:.+]] = arith.minsi %[[LO]], %[[LAST]] : index
// CHECK: %[[I3:.+]] = linalg.index 3 : index
// CHECK: %[[X:.+]] = tensor.extract %[[D]][%[[I0]], %[[CL]], %[[I3]]] : tensor<3x5x4xf32>
// CHECK: linalg.yield %[[X]] : f32
func.func @gather(%d: tensor<3x5x4xf32>, %i: tensor<2x2xi32>) -> tensor<3x2x2x4xf32> {
  %0 = kiln.gather %d, %i {axis = -2 : i64} : (tensor<3x5x4xf32>, tensor<2x2xi32>) -> tensor<3x2x2x4xf32>
  return %0 : tensor<3x2x2x4xf32>
}

// -----

// A scalar index removes the axis.

// CHECK-DAG: #[[IDX:.+]] = affine_map<(d0) -> ()>
// CHECK-LABEL: func.func @gather_scalar
// CHECK-SAME: (%[[D:.+]]: tensor<4x3xi64>, %[[I:.+]]: tensor<i64>)
// CHECK: linalg.generic {indexing_maps = [#[[IDX]], #{{.+}}], iterator_types = ["parallel"]} ins(%[[I]] : tensor<i64>) outs(%{{.+}} : tensor<3xi64>)
// CHECK: %[[CL:.+]] = arith.minsi
// CHECK: %[[I0:.+]] = linalg.index 0 : index
// CHECK: tensor.extract %[[D]][%[[CL]], %[[I0]]] : tensor<4x3xi64>
func.func @gather_scalar(%d: tensor<4x3xi64>, %i: tensor<i64>) -> tensor<3xi64> {
  %0 = kiln.gather %d, %i : (tensor<4x3xi64>, tensor<i64>) -> tensor<3xi64>
  return %0 : tensor<3xi64>
}

// -----

// CHECK-DAG: #[[ID:.+]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-LABEL: func.func @gather_elements
// CHECK-SAME: (%[[D:.+]]: tensor<3x3xf32>, %[[I:.+]]: tensor<2x3xi64>)
// CHECK: linalg.generic {indexing_maps = [#[[ID]], #[[ID]]], iterator_types = ["parallel", "parallel"]} ins(%[[I]] : tensor<2x3xi64>) outs(%{{.+}} : tensor<2x3xf32>)
// CHECK: %[[I0:.+]] = linalg.index 0 : index
// CHECK: %[[CL:.+]] = arith.minsi
// CHECK: tensor.extract %[[D]][%[[I0]], %[[CL]]] : tensor<3x3xf32>
func.func @gather_elements(%d: tensor<3x3xf32>, %i: tensor<2x3xi64>) -> tensor<2x3xf32> {
  %0 = kiln.gather_elements %d, %i {axis = 1 : i64} : (tensor<3x3xf32>, tensor<2x3xi64>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// GatherND with one batch dim: data[b, indices[b, m, 0], rest].

// CHECK-DAG: #[[OUT:.+]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-LABEL: func.func @gather_nd
// CHECK-SAME: (%[[D:.+]]: tensor<2x4x5xf32>, %[[I:.+]]: tensor<2x3x1xi64>)
// CHECK: linalg.generic {indexing_maps = [#[[OUT]]], iterator_types = ["parallel", "parallel", "parallel"]} outs(%{{.+}} : tensor<2x3x5xf32>)
// CHECK-DAG: %[[L0:.+]] = linalg.index 0 : index
// CHECK-DAG: %[[L1:.+]] = linalg.index 1 : index
// CHECK-DAG: %[[C0:.+]] = arith.constant 0 : index
// CHECK: %[[V:.+]] = tensor.extract %[[I]][%[[L0]], %[[L1]], %[[C0]]] : tensor<2x3x1xi64>
// CHECK: arith.index_cast %[[V]] : i64 to index
// CHECK: %[[CL:.+]] = arith.minsi
// CHECK: %[[L2:.+]] = linalg.index 2 : index
// CHECK: tensor.extract %[[D]][%{{.+}}, %[[CL]], %[[L2]]] : tensor<2x4x5xf32>
func.func @gather_nd(%d: tensor<2x4x5xf32>, %i: tensor<2x3x1xi64>) -> tensor<2x3x5xf32> {
  %0 = kiln.gather_nd %d, %i {batch_dims = 1 : i64} : (tensor<2x4x5xf32>, tensor<2x3x1xi64>) -> tensor<2x3x5xf32>
  return %0 : tensor<2x3x5xf32>
}

// -----

// CHECK-DAG: #[[IDX:.+]] = affine_map<(d0, d1) -> (d1)>
// CHECK-LABEL: func.func @one_hot
// CHECK-SAME: (%[[I:.+]]: tensor<3xf32>, %[[V:.+]]: tensor<2xi32>)
// CHECK-DAG: %[[C0:.+]] = arith.constant 0 : index
// CHECK-DAG: %[[C1:.+]] = arith.constant 1 : index
// CHECK-DAG: %[[OFF:.+]] = tensor.extract %[[V]][%[[C0]]] : tensor<2xi32>
// CHECK-DAG: %[[ON:.+]] = tensor.extract %[[V]][%[[C1]]] : tensor<2xi32>
// CHECK: linalg.generic {indexing_maps = [#[[IDX]], #{{.+}}], iterator_types = ["parallel", "parallel"]} ins(%[[I]] : tensor<3xf32>) outs(%{{.+}} : tensor<4x3xi32>)
// CHECK-NEXT: ^bb0(%[[X:.+]]: f32, %{{.+}}: i32):
// CHECK: %[[INT:.+]] = arith.fptosi %[[X]] : f32 to i64
// CHECK: %[[WRAP:.+]] = arith.select %{{.+}}, %{{.+}}, %[[INT]] : i64
// CHECK: %[[POS:.+]] = linalg.index 0 : index
// CHECK: %[[P:.+]] = arith.index_cast %[[POS]] : index to i64
// CHECK: %[[HIT:.+]] = arith.cmpi eq, %[[WRAP]], %[[P]] : i64
// CHECK: %[[R:.+]] = arith.select %[[HIT]], %[[ON]], %[[OFF]] : i32
// CHECK: linalg.yield %[[R]] : i32
func.func @one_hot(%i: tensor<3xf32>, %v: tensor<2xi32>) -> tensor<4x3xi32> {
  %0 = kiln.one_hot %i, %v {axis = 0 : i64, depth = 4 : i64} : (tensor<3xf32>, tensor<2xi32>) -> tensor<4x3xi32>
  return %0 : tensor<4x3xi32>
}

// -----

// CHECK-LABEL: func.func @trilu
// CHECK-SAME: (%[[X:.+]]: tensor<2x3x4xf32>)
// CHECK: linalg.generic {{.+}} ins(%[[X]] : tensor<2x3x4xf32>) outs(%{{.+}} : tensor<2x3x4xf32>)
// CHECK-NEXT: ^bb0(%[[IN:.+]]: f32, %{{.+}}: f32):
// CHECK: %[[ROW:.+]] = linalg.index 1 : index
// CHECK: %[[R:.+]] = arith.index_cast %[[ROW]] : index to i64
// CHECK: %[[COL:.+]] = linalg.index 2 : index
// CHECK: %[[C:.+]] = arith.index_cast %[[COL]] : index to i64
// CHECK: %[[DIFF:.+]] = arith.subi %[[C]], %[[R]] : i64
// CHECK: %[[K:.+]] = arith.constant -1 : i64
// CHECK: %[[KEEP:.+]] = arith.cmpi sle, %[[DIFF]], %[[K]] : i64
// CHECK: %[[Z:.+]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[S:.+]] = arith.select %[[KEEP]], %[[IN]], %[[Z]] : f32
// CHECK: linalg.yield %[[S]] : f32
func.func @trilu(%x: tensor<2x3x4xf32>) -> tensor<2x3x4xf32> {
  %0 = kiln.trilu %x {upper = 0 : i64, k = -1 : i64} : (tensor<2x3x4xf32>) -> tensor<2x3x4xf32>
  return %0 : tensor<2x3x4xf32>
}

// -----

// CumSum: a masked reduction over the axis (loop d2 walks the axis as j).

// CHECK-DAG: #[[IN:.+]] = affine_map<(d0, d1, d2) -> (d0, d2)>
// CHECK-DAG: #[[OUT:.+]] = affine_map<(d0, d1, d2) -> (d0, d1)>
// CHECK-LABEL: func.func @cumsum
// CHECK-SAME: (%[[X:.+]]: tensor<2x5xf32>)
// CHECK: %[[INIT:.+]] = arith.constant -0.000000e+00 : f32
// CHECK: %[[F:.+]] = linalg.fill ins(%[[INIT]] : f32) outs(%{{.+}} : tensor<2x5xf32>)
// CHECK: linalg.generic {indexing_maps = [#[[IN]], #[[OUT]]], iterator_types = ["parallel", "parallel", "reduction"]} ins(%[[X]] : tensor<2x5xf32>) outs(%[[F]] : tensor<2x5xf32>)
// CHECK-NEXT: ^bb0(%[[A:.+]]: f32, %[[ACC:.+]]: f32):
// CHECK: %[[I:.+]] = linalg.index 1 : index
// CHECK: %[[J:.+]] = linalg.index 2 : index
// CHECK: %[[IN_RANGE:.+]] = arith.cmpi sle, %[[J]], %[[I]] : index
// CHECK: %[[T:.+]] = arith.select %[[IN_RANGE]], %[[A]], %{{.+}} : f32
// CHECK: %[[S:.+]] = arith.addf %[[ACC]], %[[T]] : f32
// CHECK: linalg.yield %[[S]] : f32
func.func @cumsum(%x: tensor<2x5xf32>) -> tensor<2x5xf32> {
  %0 = kiln.cumsum %x {axis = 1 : i64} : (tensor<2x5xf32>) -> tensor<2x5xf32>
  return %0 : tensor<2x5xf32>
}

// -----

// CHECK-LABEL: func.func @cumsum_reverse_exclusive
// CHECK: %[[INIT:.+]] = arith.constant 0 : i32
// CHECK: linalg.fill ins(%[[INIT]] : i32)
// CHECK: arith.cmpi sgt
// CHECK: arith.addi
func.func @cumsum_reverse_exclusive(%x: tensor<5xi32>) -> tensor<5xi32> {
  %0 = kiln.cumsum %x {axis = 0 : i64, exclusive = 1 : i64, reverse = 1 : i64} : (tensor<5xi32>) -> tensor<5xi32>
  return %0 : tensor<5xi32>
}

// -----

// EyeLike: ones where col - row == k; arith.constant needs signless
// integers, so an unsigned result is built as signless and cast back.

// CHECK-LABEL: func.func @eye_like
// CHECK: %[[E:.+]] = linalg.generic {indexing_maps = [#{{.+}}], iterator_types = ["parallel", "parallel"]} outs(%{{.+}} : tensor<4x5xi8>)
// CHECK: %[[ROW:.+]] = linalg.index 0 : index
// CHECK: %[[R:.+]] = arith.index_cast %[[ROW]] : index to i64
// CHECK: %[[COL:.+]] = linalg.index 1 : index
// CHECK: %[[C:.+]] = arith.index_cast %[[COL]] : index to i64
// CHECK: %[[DIFF:.+]] = arith.subi %[[C]], %[[R]] : i64
// CHECK: %[[K:.+]] = arith.constant -2 : i64
// CHECK: %[[ON:.+]] = arith.cmpi eq, %[[DIFF]], %[[K]] : i64
// CHECK-DAG: %[[ONE:.+]] = arith.constant 1 : i8
// CHECK-DAG: %[[ZERO:.+]] = arith.constant 0 : i8
// CHECK: %[[V:.+]] = arith.select %[[ON]], %[[ONE]], %[[ZERO]] : i8
// CHECK: linalg.yield %[[V]] : i8
// CHECK: %[[U:.+]] = tensor.bitcast %[[E]] : tensor<4x5xi8> to tensor<4x5xui8>
// CHECK: return %[[U]]
func.func @eye_like(%x: tensor<4x5xf32>) -> tensor<4x5xui8> {
  %0 = kiln.eye_like %x {dtype = ui8, k = -2 : i64} : (tensor<4x5xf32>) -> tensor<4x5xui8>
  return %0 : tensor<4x5xui8>
}

// -----

// Compress: a gather along the axis from a constant table of the positions
// where the condition holds.

// CHECK-DAG: #[[KEPT:.+]] = affine_map<(d0, d1, d2) -> (d1)>
// CHECK-LABEL: func.func @compress_axis
// CHECK-SAME: (%[[X:.+]]: tensor<2x5x3xf32>)
// CHECK: %[[T:.+]] = arith.constant dense<[1, 2, 4]> : tensor<3xi64>
// CHECK: linalg.generic {indexing_maps = [#[[KEPT]], #{{.+}}], iterator_types = ["parallel", "parallel", "parallel"]} ins(%[[T]] : tensor<3xi64>) outs(%{{.+}} : tensor<2x3x3xf32>)
// CHECK-NEXT: ^bb0(%[[P:.+]]: i64, %{{.+}}: f32):
// CHECK: %[[I1:.+]] = arith.index_cast %[[P]] : i64 to index
// CHECK: %[[I0:.+]] = linalg.index 0 : index
// CHECK: %[[I2:.+]] = linalg.index 2 : index
// CHECK: %[[V:.+]] = tensor.extract %[[X]][%[[I0]], %[[I1]], %[[I2]]] : tensor<2x5x3xf32>
// CHECK: linalg.yield %[[V]] : f32
func.func @compress_axis(%x: tensor<2x5x3xf32>) -> tensor<2x3x3xf32> {
  %0 = kiln.compress %x {axis = 1 : i64, condition = array<i1: false, true, true, false, true>} : (tensor<2x5x3xf32>) -> tensor<2x3x3xf32>
  return %0 : tensor<2x3x3xf32>
}

// -----

// Without an axis, the flattened input; unsigned elements are only moved.

// CHECK-LABEL: func.func @compress_flat
// CHECK-SAME: (%[[X:.+]]: tensor<3x2xui8>)
// CHECK: %[[F:.+]] = tensor.collapse_shape %[[X]] {{\[}}[0, 1]] : tensor<3x2xui8> into tensor<6xui8>
// CHECK: %[[T:.+]] = arith.constant dense<[1, 3]> : tensor<2xi64>
// CHECK: linalg.generic {{.+}} ins(%[[T]] : tensor<2xi64>) outs(%{{.+}} : tensor<2xui8>)
// CHECK: tensor.extract %[[F]][%{{.+}}] : tensor<6xui8>
func.func @compress_flat(%x: tensor<3x2xui8>) -> tensor<2xui8> {
  %0 = kiln.compress %x {condition = array<i1: false, true, false, true>} : (tensor<3x2xui8>) -> tensor<2xui8>
  return %0 : tensor<2xui8>
}
