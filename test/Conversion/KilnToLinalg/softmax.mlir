// RUN: kiln-opt %s --split-input-file --convert-kiln-to-linalg | FileCheck %s

// Softmax along one axis: the max, the sum of exp(x - max), then
// exp(x - max) / sum, reading the reduced tensors broadcast along the axis.

// CHECK-DAG: #[[ID:.+]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[COL:.+]] = affine_map<(d0, d1) -> (d1)>
// CHECK-LABEL: func.func @softmax_axis0
// CHECK-SAME: (%[[X:.+]]: tensor<2x3xf32>)
// CHECK: %[[NEG_INF:.+]] = arith.constant 0xFF800000 : f32
// CHECK: %[[MAX_INIT:.+]] = linalg.fill ins(%[[NEG_INF]] : f32) outs(%{{.+}} : tensor<3xf32>)
// CHECK: %[[MAX:.+]] = linalg.generic {indexing_maps = [#[[ID]], #[[COL]]], iterator_types = ["reduction", "parallel"]} ins(%[[X]] : tensor<2x3xf32>) outs(%[[MAX_INIT]] : tensor<3xf32>)
// CHECK: arith.maximumf
// CHECK: %[[ZERO:.+]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[SUM_INIT:.+]] = linalg.fill ins(%[[ZERO]] : f32) outs(%{{.+}} : tensor<3xf32>)
// CHECK: %[[SUM:.+]] = linalg.generic {indexing_maps = [#[[ID]], #[[COL]], #[[COL]]], iterator_types = ["reduction", "parallel"]} ins(%[[X]], %[[MAX]] : tensor<2x3xf32>, tensor<3xf32>) outs(%[[SUM_INIT]] : tensor<3xf32>)
// CHECK: ^bb0(%[[IN:.+]]: f32, %[[M:.+]]: f32, %[[ACC:.+]]: f32):
// CHECK: %[[D:.+]] = arith.subf %[[IN]], %[[M]] : f32
// CHECK: %[[E:.+]] = math.exp %[[D]] : f32
// CHECK: arith.addf %[[E]], %[[ACC]] : f32
// CHECK: %[[Y:.+]] = linalg.generic {indexing_maps = [#[[ID]], #[[COL]], #[[COL]], #[[ID]]], iterator_types = ["parallel", "parallel"]} ins(%[[X]], %[[MAX]], %[[SUM]] : tensor<2x3xf32>, tensor<3xf32>, tensor<3xf32>)
// CHECK: ^bb0(%[[IN2:.+]]: f32, %[[M2:.+]]: f32, %[[S2:.+]]: f32, %{{.+}}: f32):
// CHECK: %[[D2:.+]] = arith.subf %[[IN2]], %[[M2]] : f32
// CHECK: %[[E2:.+]] = math.exp %[[D2]] : f32
// CHECK: %[[Q:.+]] = arith.divf %[[E2]], %[[S2]] : f32
// CHECK: linalg.yield %[[Q]]
// CHECK: return %[[Y]]
func.func @softmax_axis0(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = kiln.softmax %x {axis = 0 : i64} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// LogSoftmax: (x - max) - log(sum of exp(x - max)); the log is taken once per
// row. The default axis is the last one.

// CHECK-DAG: #[[ROW:.+]] = affine_map<(d0, d1) -> (d0)>
// CHECK-LABEL: func.func @log_softmax
// CHECK-SAME: (%[[X:.+]]: tensor<2x3xf32>)
// CHECK: %[[MAX:.+]] = linalg.generic {{.*}}iterator_types = ["parallel", "reduction"]
// CHECK: %[[SUM:.+]] = linalg.generic {{.*}}iterator_types = ["parallel", "reduction"]} ins(%[[X]], %[[MAX]]
// CHECK: math.exp
// CHECK: %[[LOG:.+]] = linalg.generic {{.*}}ins(%[[SUM]] : tensor<2xf32>)
// CHECK: math.log
// CHECK: linalg.generic {{.*}}ins(%[[X]], %[[MAX]], %[[LOG]] : tensor<2x3xf32>, tensor<2xf32>, tensor<2xf32>)
// CHECK: ^bb0(%[[IN:.+]]: f32, %[[M:.+]]: f32, %[[L:.+]]: f32, %{{.+}}: f32):
// CHECK: %[[D:.+]] = arith.subf %[[IN]], %[[M]] : f32
// CHECK: %[[R:.+]] = arith.subf %[[D]], %[[L]] : f32
// CHECK: linalg.yield %[[R]]
func.func @log_softmax(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = kiln.log_softmax %x : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// f16 softmax computes in f32.

// CHECK-LABEL: func.func @softmax_f16
// CHECK: arith.maximumf %{{.+}}, %{{.+}} : f16
// CHECK: ^bb0(%[[IN:.+]]: f16, %[[M:.+]]: f16, %[[ACC:.+]]: f32):
// CHECK: %[[XE:.+]] = arith.extf %[[IN]] : f16 to f32
// CHECK: %[[ME:.+]] = arith.extf %[[M]] : f16 to f32
// CHECK: arith.subf %[[XE]], %[[ME]] : f32
// CHECK: arith.divf %{{.+}}, %{{.+}} : f32
// CHECK: arith.truncf %{{.+}} : f32 to f16
func.func @softmax_f16(%x: tensor<2x3xf16>) -> tensor<2x3xf16> {
  %0 = kiln.softmax %x : (tensor<2x3xf16>) -> tensor<2x3xf16>
  return %0 : tensor<2x3xf16>
}

// -----

// Hardmax: the index of the first maximum along the axis, then 1 where the
// loop index along the axis equals it.

// CHECK-DAG: #[[ID:.+]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-DAG: #[[KEPT:.+]] = affine_map<(d0, d1, d2) -> (d0, d2)>
// CHECK-LABEL: func.func @hardmax
// CHECK-SAME: (%[[X:.+]]: tensor<2x3x4xf32>)
// CHECK: %[[ARG:.+]]:2 = linalg.generic {indexing_maps = [#[[ID]], #[[KEPT]], #[[KEPT]]], iterator_types = ["parallel", "reduction", "parallel"]} ins(%[[X]] : tensor<2x3x4xf32>)
// CHECK: arith.cmpf ogt
// CHECK: %[[Y:.+]] = linalg.generic {indexing_maps = [#[[KEPT]], #[[ID]]], iterator_types = ["parallel", "parallel", "parallel"]} ins(%[[ARG]]#1 : tensor<2x4xi64>)
// CHECK: ^bb0(%[[IDX:.+]]: i64, %{{.+}}: f32):
// CHECK: %[[I:.+]] = linalg.index 1 : index
// CHECK: %[[I64:.+]] = arith.index_cast %[[I]] : index to i64
// CHECK: %[[HIT:.+]] = arith.cmpi eq, %[[I64]], %[[IDX]] : i64
// CHECK: %[[ONE:.+]] = arith.constant 1.000000e+00 : f32
// CHECK: %[[ZERO:.+]] = arith.constant 0.000000e+00 : f32
// CHECK: arith.select %[[HIT]], %[[ONE]], %[[ZERO]] : f32
// CHECK: return %[[Y]]
func.func @hardmax(%x: tensor<2x3x4xf32>) -> tensor<2x3x4xf32> {
  %0 = kiln.hardmax %x {axis = -2 : i64} : (tensor<2x3x4xf32>) -> tensor<2x3x4xf32>
  return %0 : tensor<2x3x4xf32>
}
