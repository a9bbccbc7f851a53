// RUN: kiln-opt %s --split-input-file --convert-kiln-to-linalg | FileCheck %s

// TopK: rank every element along the axis (a reduction over d2 = j), then
// pick the element of rank t for each output position.

// CHECK-DAG: #[[OWN:.+]] = affine_map<(d0, d1, d2) -> (d0, d1)>
// CHECK-DAG: #[[ALONG:.+]] = affine_map<(d0, d1, d2) -> (d0, d2)>
// CHECK-LABEL: func.func @topk
// CHECK-SAME: (%[[X:.+]]: tensor<3x4xf32>)
// CHECK: %[[Z:.+]] = arith.constant 0 : i64
// CHECK: %[[RINIT:.+]] = linalg.fill ins(%[[Z]] : i64) outs(%{{.+}} : tensor<3x4xi64>)
// CHECK: %[[RANK:.+]] = linalg.generic {indexing_maps = [#[[OWN]], #[[ALONG]], #[[OWN]]], iterator_types = ["parallel", "parallel", "reduction"]} ins(%[[X]], %[[X]] : tensor<3x4xf32>, tensor<3x4xf32>) outs(%[[RINIT]] : tensor<3x4xi64>)
// CHECK-NEXT: ^bb0(%[[XI:.+]]: f32, %[[XJ:.+]]: f32, %[[ACC:.+]]: i64):
// CHECK: %[[I:.+]] = linalg.index 1 : index
// CHECK: %[[J:.+]] = linalg.index 2 : index
// CHECK: %[[EARLIER:.+]] = arith.cmpi ult, %[[J]], %[[I]] : index
// CHECK: arith.cmpf oeq, %[[XJ]], %[[XI]] : f32
// CHECK: %[[TIE:.+]] = arith.andi %{{.+}}, %[[EARLIER]] : i1
// CHECK: arith.cmpf ogt, %[[XJ]], %[[XI]] : f32
// CHECK: %[[BEFORE:.+]] = arith.ori %{{.+}}, %[[TIE]] : i1
// CHECK: %[[ONE:.+]] = arith.extui %[[BEFORE]] : i1 to i64
// CHECK: %[[SUM:.+]] = arith.addi %[[ACC]], %[[ONE]] : i64
// CHECK: linalg.yield %[[SUM]] : i64
// CHECK: %[[PICK:.+]]:2 = linalg.generic {indexing_maps = [#[[ALONG]], #[[ALONG]], #[[OWN]], #[[OWN]]], iterator_types = ["parallel", "parallel", "reduction"]} ins(%[[RANK]], %[[X]] : tensor<3x4xi64>, tensor<3x4xf32>) outs(%{{.+}}, %{{.+}} : tensor<3x2xf32>, tensor<3x2xi64>)
// CHECK-NEXT: ^bb0(%[[R:.+]]: i64, %[[V:.+]]: f32, %[[OV:.+]]: f32, %[[OI:.+]]: i64):
// CHECK: %[[T:.+]] = arith.index_cast %{{.+}} : index to i64
// CHECK: %[[IDX:.+]] = arith.index_cast %{{.+}} : index to i64
// CHECK: %[[HIT:.+]] = arith.cmpi eq, %[[R]], %[[T]] : i64
// CHECK: %[[NV:.+]] = arith.select %[[HIT]], %[[V]], %[[OV]] : f32
// CHECK: %[[NI:.+]] = arith.select %[[HIT]], %[[IDX]], %[[OI]] : i64
// CHECK: linalg.yield %[[NV]], %[[NI]] : f32, i64
// CHECK: return %[[PICK]]#0, %[[PICK]]#1
func.func @topk(%x: tensor<3x4xf32>) -> (tensor<3x2xf32>, tensor<3x2xi64>) {
  %0:2 = kiln.topk %x {k = 2 : i64} : (tensor<3x4xf32>) -> (tensor<3x2xf32>, tensor<3x2xi64>)
  return %0#0, %0#1 : tensor<3x2xf32>, tensor<3x2xi64>
}

// -----

// Smallest on integers: a plain signed compare.

// CHECK-LABEL: func.func @topk_smallest_int
// CHECK: arith.cmpi eq, %{{.+}}, %{{.+}} : i32
// CHECK: arith.cmpi slt, %{{.+}}, %{{.+}} : i32
func.func @topk_smallest_int(%x: tensor<5xi32>) -> (tensor<3xi32>, tensor<3xi64>) {
  %0:2 = kiln.topk %x {k = 3 : i64, largest = 0 : i64} : (tensor<5xi32>) -> (tensor<3xi32>, tensor<3xi64>)
  return %0#0, %0#1 : tensor<3xi32>, tensor<3xi64>
}
