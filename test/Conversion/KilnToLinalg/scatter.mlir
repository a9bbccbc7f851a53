// RUN: kiln-opt %s --split-input-file --convert-kiln-to-linalg | FileCheck %s

// Scatters carry `data` through an scf.for nest over the updates: read the
// index (wrapped and clamped, so no write leaves data), combine the update
// with the element there (reduction), insert it.

// CHECK-LABEL: func.func @scatter_elements_add
// CHECK-SAME: (%[[D:.+]]: tensor<3x5xf32>, %[[I:.+]]: tensor<2x2xi64>, %[[U:.+]]: tensor<2x2xf32>)
// CHECK: %[[R:.+]] = scf.for %[[P0:.+]] = %{{.+}} to %{{.+}} step %{{.+}} iter_args(%[[A0:.+]] = %[[D]]) -> (tensor<3x5xf32>)
// CHECK: %[[R1:.+]] = scf.for %[[P1:.+]] = %{{.+}} to %{{.+}} step %{{.+}} iter_args(%[[A1:.+]] = %[[A0]]) -> (tensor<3x5xf32>)
// CHECK: %[[IDX:.+]] = tensor.extract %[[I]][%[[P0]], %[[P1]]] : tensor<2x2xi64>
// CHECK: arith.index_cast %[[IDX]] : i64 to index
// CHECK: %[[DIM:.+]] = arith.constant 5 : index
// CHECK: arith.addi %{{.+}}, %[[DIM]] : index
// CHECK: %[[LAST:.+]] = arith.constant 4 : index
// CHECK: %[[POS:.+]] = arith.minsi %{{.+}}, %[[LAST]] : index
// CHECK: %[[UPD:.+]] = tensor.extract %[[U]][%[[P0]], %[[P1]]] : tensor<2x2xf32>
// CHECK: %[[CUR:.+]] = tensor.extract %[[A1]][%[[P0]], %[[POS]]] : tensor<3x5xf32>
// CHECK: %[[SUM:.+]] = arith.addf %[[CUR]], %[[UPD]] : f32
// CHECK: %[[NEW:.+]] = tensor.insert %[[SUM]] into %[[A1]][%[[P0]], %[[POS]]] : tensor<3x5xf32>
// CHECK: scf.yield %[[NEW]] : tensor<3x5xf32>
// CHECK: scf.yield %[[R1]] : tensor<3x5xf32>
// CHECK: return %[[R]]
func.func @scatter_elements_add(%d: tensor<3x5xf32>, %i: tensor<2x2xi64>, %u: tensor<2x2xf32>) -> tensor<3x5xf32> {
  %0 = kiln.scatter_elements %d, %i, %u {axis = 1 : i64, reduction = "add"} : (tensor<3x5xf32>, tensor<2x2xi64>, tensor<2x2xf32>) -> tensor<3x5xf32>
  return %0 : tensor<3x5xf32>
}

// -----

// Without a reduction the update overwrites: no read of the old element.

// CHECK-LABEL: func.func @scatter_elements_none
// CHECK: %[[UPD:.+]] = tensor.extract %{{.+}} : tensor<2x3xi32>
// CHECK-NOT: tensor.extract
// CHECK: tensor.insert %[[UPD]] into
func.func @scatter_elements_none(%d: tensor<3x3xi32>, %i: tensor<2x3xi64>, %u: tensor<2x3xi32>) -> tensor<3x3xi32> {
  %0 = kiln.scatter_elements %d, %i, %u : (tensor<3x3xi32>, tensor<2x3xi64>, tensor<2x3xi32>) -> tensor<3x3xi32>
  return %0 : tensor<3x3xi32>
}

// -----

// ScatterND reads each index tuple once (loop over indices' leading dims),
// then loops over the slice it addresses.

// CHECK-LABEL: func.func @scatter_nd_mul
// CHECK-SAME: (%[[D:.+]]: tensor<4x4x4xf32>, %[[I:.+]]: tensor<2x1xi64>, %[[U:.+]]: tensor<2x4x4xf32>)
// CHECK: scf.for %[[M:.+]] = %{{.+}} to %{{.+}} step %{{.+}} iter_args(%[[A0:.+]] = %[[D]])
// CHECK: %[[C0:.+]] = arith.constant 0 : index
// CHECK: %[[IDX:.+]] = tensor.extract %[[I]][%[[M]], %[[C0]]] : tensor<2x1xi64>
// CHECK: arith.index_cast %[[IDX]] : i64 to index
// CHECK: %[[POS:.+]] = arith.minsi
// CHECK: scf.for %[[R0:.+]] = %{{.+}} to %{{.+}} step %{{.+}} iter_args(%[[A1:.+]] = %[[A0]])
// CHECK: scf.for %[[R1:.+]] = %{{.+}} to %{{.+}} step %{{.+}} iter_args(%[[A2:.+]] = %[[A1]])
// CHECK: %[[UPD:.+]] = tensor.extract %[[U]][%[[M]], %[[R0]], %[[R1]]] : tensor<2x4x4xf32>
// CHECK: %[[CUR:.+]] = tensor.extract %[[A2]][%[[POS]], %[[R0]], %[[R1]]] : tensor<4x4x4xf32>
// CHECK: %[[P:.+]] = arith.mulf %[[CUR]], %[[UPD]] : f32
// CHECK: tensor.insert %[[P]] into %[[A2]][%[[POS]], %[[R0]], %[[R1]]] : tensor<4x4x4xf32>
func.func @scatter_nd_mul(%d: tensor<4x4x4xf32>, %i: tensor<2x1xi64>, %u: tensor<2x4x4xf32>) -> tensor<4x4x4xf32> {
  %0 = kiln.scatter_nd %d, %i, %u {reduction = "mul"} : (tensor<4x4x4xf32>, tensor<2x1xi64>, tensor<2x4x4xf32>) -> tensor<4x4x4xf32>
  return %0 : tensor<4x4x4xf32>
}

// -----

// A full index tuple addresses one element: no loops at all.

// CHECK-LABEL: func.func @scatter_nd_element
// CHECK-SAME: (%[[D:.+]]: tensor<4x3xf32>, %[[I:.+]]: tensor<2xi64>, %[[U:.+]]: tensor<f32>)
// CHECK-NOT: scf.for
// CHECK: %[[V:.+]] = tensor.extract %[[U]][] : tensor<f32>
// CHECK: %[[R:.+]] = tensor.insert %[[V]] into %[[D]][%{{.+}}, %{{.+}}] : tensor<4x3xf32>
// CHECK: return %[[R]]
func.func @scatter_nd_element(%d: tensor<4x3xf32>, %i: tensor<2xi64>, %u: tensor<f32>) -> tensor<4x3xf32> {
  %0 = kiln.scatter_nd %d, %i, %u : (tensor<4x3xf32>, tensor<2xi64>, tensor<f32>) -> tensor<4x3xf32>
  return %0 : tensor<4x3xf32>
}

// -----

// Unsigned elements go through the loops as signless ones, and max compares
// them unsigned; on booleans add is `or` (numpy's, as in ONNX's reference).

// CHECK-LABEL: func.func @scatter_unsigned_and_bool
// CHECK-SAME: (%[[D:.+]]: tensor<4xui8>, %[[I:.+]]: tensor<2xi32>, %[[U:.+]]: tensor<2xui8>, %[[B:.+]]: tensor<4xi1>, %[[BU:.+]]: tensor<2xi1>)
// CHECK-DAG: %[[SD:.+]] = tensor.bitcast %[[D]] : tensor<4xui8> to tensor<4xi8>
// CHECK-DAG: %[[SU:.+]] = tensor.bitcast %[[U]] : tensor<2xui8> to tensor<2xi8>
// CHECK: %[[R:.+]] = scf.for {{.+}} iter_args(%{{.+}} = %[[SD]]) -> (tensor<4xi8>)
// CHECK: arith.maxui %{{.+}}, %{{.+}} : i8
// CHECK: tensor.bitcast %[[R]] : tensor<4xi8> to tensor<4xui8>
// CHECK: scf.for {{.+}} iter_args(%{{.+}} = %[[B]]) -> (tensor<4xi1>)
// CHECK: arith.ori %{{.+}}, %{{.+}} : i1
func.func @scatter_unsigned_and_bool(%d: tensor<4xui8>, %i: tensor<2xi32>, %u: tensor<2xui8>, %b: tensor<4xi1>, %bu: tensor<2xi1>) -> (tensor<4xui8>, tensor<4xi1>) {
  %0 = kiln.scatter_elements %d, %i, %u {reduction = "max"} : (tensor<4xui8>, tensor<2xi32>, tensor<2xui8>) -> tensor<4xui8>
  %1 = kiln.scatter_elements %b, %i, %bu {reduction = "add"} : (tensor<4xi1>, tensor<2xi32>, tensor<2xi1>) -> tensor<4xi1>
  return %0, %1 : tensor<4xui8>, tensor<4xi1>
}

// -----

// Nothing to scatter: the result is data.

// CHECK-LABEL: func.func @scatter_nothing
// CHECK-SAME: (%[[D:.+]]: tensor<3x4xf32>,
// CHECK-NOT: scf.for
// CHECK: return %[[D]]
func.func @scatter_nothing(%d: tensor<3x4xf32>, %i: tensor<0x1xi64>, %u: tensor<0x4xf32>) -> tensor<3x4xf32> {
  %0 = kiln.scatter_nd %d, %i, %u : (tensor<3x4xf32>, tensor<0x1xi64>, tensor<0x4xf32>) -> tensor<3x4xf32>
  return %0 : tensor<3x4xf32>
}
