// RUN: kiln-opt %s --split-input-file --convert-kiln-to-linalg | FileCheck %s

// A reduction is a linalg.generic with reduction iterators on the reduced axes
// into a tensor of the kept dims, filled with the combiner's identity;
// keepdims = 1 expands the size-1 dims back.

// CHECK-DAG: #[[ID:.+]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-DAG: #[[KEPT:.+]] = affine_map<(d0, d1, d2) -> (d0, d2)>
// CHECK-LABEL: func.func @reduce_sum_keepdims
// CHECK-SAME: (%[[X:.+]]: tensor<2x3x4xf32>)
// CHECK: %[[ZERO:.+]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[EMPTY:.+]] = tensor.empty() : tensor<2x4xf32>
// CHECK: %[[INIT:.+]] = linalg.fill ins(%[[ZERO]] : f32) outs(%[[EMPTY]] : tensor<2x4xf32>)
// CHECK: %[[SUM:.+]] = linalg.generic {indexing_maps = [#[[ID]], #[[KEPT]]], iterator_types = ["parallel", "reduction", "parallel"]}
// CHECK-SAME: ins(%[[X]] : tensor<2x3x4xf32>) outs(%[[INIT]] : tensor<2x4xf32>)
// CHECK: ^bb0(%[[IN:.+]]: f32, %[[ACC:.+]]: f32):
// CHECK: %[[ADD:.+]] = arith.addf %[[IN]], %[[ACC]] : f32
// CHECK: linalg.yield %[[ADD]]
// CHECK: %[[R:.+]] = tensor.expand_shape %[[SUM]] {{\[}}[0, 1], [2]] output_shape [2, 1, 4] : tensor<2x4xf32> into tensor<2x1x4xf32>
// CHECK: return %[[R]]
func.func @reduce_sum_keepdims(%x: tensor<2x3x4xf32>) -> tensor<2x1x4xf32> {
  %0 = kiln.reduce_sum %x {axes = array<i64: 1>} : (tensor<2x3x4xf32>) -> tensor<2x1x4xf32>
  return %0 : tensor<2x1x4xf32>
}

// -----

// Reducing every axis gives a rank-0 tensor; with keepdims it expands with no
// reassociation groups. The mean divides by the element count afterwards.

// CHECK-LABEL: func.func @reduce_mean_all
// CHECK: %[[SUM:.+]] = linalg.generic {{.*}}iterator_types = ["reduction", "reduction"]
// CHECK-SAME: outs(%{{.+}} : tensor<f32>)
// CHECK: arith.addf
// CHECK: %[[MEAN:.+]] = linalg.generic {{.*}}iterator_types = []} ins(%[[SUM]] : tensor<f32>)
// CHECK: %[[N:.+]] = arith.constant 3.000000e+01 : f32
// CHECK: arith.divf %{{.+}}, %[[N]] : f32
// CHECK: %[[R:.+]] = tensor.expand_shape %[[MEAN]] [] output_shape [1, 1] : tensor<f32> into tensor<1x1xf32>
// CHECK: return %[[R]]
func.func @reduce_mean_all(%x: tensor<5x6xf32>) -> tensor<1x1xf32> {
  %0 = kiln.reduce_mean %x {axes = array<i64: 0, 1>} : (tensor<5x6xf32>) -> tensor<1x1xf32>
  return %0 : tensor<1x1xf32>
}

// -----

// Max and min start from -inf / +inf (NaN-propagating maximumf/minimumf);
// integers from the type's signed bounds.

// CHECK-LABEL: func.func @reduce_max_min
// CHECK: %[[NEG_INF:.+]] = arith.constant 0xFF800000 : f32
// CHECK: linalg.fill ins(%[[NEG_INF]] : f32)
// CHECK: iterator_types = ["reduction", "parallel"]
// CHECK: arith.maximumf
// CHECK: %[[POS_INF:.+]] = arith.constant 0x7F800000 : f32
// CHECK: linalg.fill ins(%[[POS_INF]] : f32)
// CHECK: iterator_types = ["parallel", "reduction"]
// CHECK: arith.minimumf
// CHECK: %[[I8_MIN:.+]] = arith.constant -128 : i8
// CHECK: linalg.fill ins(%[[I8_MIN]] : i8)
// CHECK: arith.maxsi
// CHECK: %[[I32_MAX:.+]] = arith.constant 2147483647 : i32
// CHECK: linalg.fill ins(%[[I32_MAX]] : i32)
// CHECK: arith.minsi
func.func @reduce_max_min(%x: tensor<2x3xf32>, %b: tensor<2x3xi8>, %i: tensor<2x3xi32>)
    -> (tensor<3xf32>, tensor<2xf32>, tensor<3xi8>, tensor<2xi32>) {
  %0 = kiln.reduce_max %x {axes = array<i64: 0>, keepdims = 0 : i64} : (tensor<2x3xf32>) -> tensor<3xf32>
  %1 = kiln.reduce_min %x {axes = array<i64: 1>, keepdims = 0 : i64} : (tensor<2x3xf32>) -> tensor<2xf32>
  %2 = kiln.reduce_max %b {axes = array<i64: 0>, keepdims = 0 : i64} : (tensor<2x3xi8>) -> tensor<3xi8>
  %3 = kiln.reduce_min %i {axes = array<i64: 1>, keepdims = 0 : i64} : (tensor<2x3xi32>) -> tensor<2xi32>
  return %0, %1, %2, %3 : tensor<3xf32>, tensor<2xf32>, tensor<3xi8>, tensor<2xi32>
}

// -----

// CHECK-LABEL: func.func @reduce_prod
// CHECK: %[[ONE:.+]] = arith.constant 1.000000e+00 : f32
// CHECK: linalg.fill ins(%[[ONE]] : f32)
// CHECK: ^bb0(%[[IN:.+]]: f32, %[[ACC:.+]]: f32):
// CHECK: arith.mulf %[[IN]], %[[ACC]] : f32
func.func @reduce_prod(%x: tensor<2x3xf32>) -> tensor<2xf32> {
  %0 = kiln.reduce_prod %x {axes = array<i64: 1>, keepdims = 0 : i64} : (tensor<2x3xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

// L1, SumSquare and L2 transform each element before adding; L2 takes the
// square root of the sum, LogSum the log.

// CHECK-LABEL: func.func @reduce_norms
// CHECK: ^bb0(%[[IN1:.+]]: f32, %[[ACC1:.+]]: f32):
// CHECK: %[[ABS:.+]] = math.absf %[[IN1]] : f32
// CHECK: arith.addf %[[ABS]], %[[ACC1]] : f32
// CHECK: ^bb0(%[[IN2:.+]]: f32, %[[ACC2:.+]]: f32):
// CHECK: %[[SQ2:.+]] = arith.mulf %[[IN2]], %[[IN2]] : f32
// CHECK: arith.addf %[[SQ2]], %[[ACC2]] : f32
// CHECK: ^bb0(%[[IN3:.+]]: f32, %[[ACC3:.+]]: f32):
// CHECK: %[[SQ3:.+]] = arith.mulf %[[IN3]], %[[IN3]] : f32
// CHECK: %[[SUM3:.+]] = arith.addf %[[SQ3]], %[[ACC3]] : f32
// CHECK: linalg.yield %[[SUM3]]
// CHECK: linalg.generic
// CHECK: math.sqrt
// CHECK: linalg.generic
// CHECK: arith.addf
// CHECK: linalg.generic
// CHECK: math.log
func.func @reduce_norms(%x: tensor<2x3xf32>) -> (tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) {
  %0 = kiln.reduce_l1 %x {axes = array<i64: 1>, keepdims = 0 : i64} : (tensor<2x3xf32>) -> tensor<2xf32>
  %1 = kiln.reduce_sum_square %x {axes = array<i64: 1>, keepdims = 0 : i64} : (tensor<2x3xf32>) -> tensor<2xf32>
  %2 = kiln.reduce_l2 %x {axes = array<i64: 1>, keepdims = 0 : i64} : (tensor<2x3xf32>) -> tensor<2xf32>
  %3 = kiln.reduce_log_sum %x {axes = array<i64: 1>, keepdims = 0 : i64} : (tensor<2x3xf32>) -> tensor<2xf32>
  return %0, %1, %2, %3 : tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>
}

// -----

// Integer mean divides with truncation toward zero; integer L2 takes the
// square root in f64 and truncates back, as numpy's cast does.

// CHECK-LABEL: func.func @reduce_integer
// CHECK: arith.addi
// CHECK: %[[COUNT:.+]] = arith.constant 3 : i32
// CHECK: arith.divsi %{{.+}}, %[[COUNT]] : i32
// CHECK: arith.muli
// CHECK: arith.addi
// CHECK: %[[F:.+]] = arith.sitofp %{{.+}} : i64 to f64
// CHECK: %[[ROOT:.+]] = math.sqrt %[[F]] : f64
// CHECK: arith.fptosi %[[ROOT]] : f64 to i64
func.func @reduce_integer(%x: tensor<2x3xi32>, %y: tensor<2x3xi64>) -> (tensor<2xi32>, tensor<2xi64>) {
  %0 = kiln.reduce_mean %x {axes = array<i64: 1>, keepdims = 0 : i64} : (tensor<2x3xi32>) -> tensor<2xi32>
  %1 = kiln.reduce_l2 %y {axes = array<i64: 1>, keepdims = 0 : i64} : (tensor<2x3xi64>) -> tensor<2xi64>
  return %0, %1 : tensor<2xi32>, tensor<2xi64>
}

// -----

// f16 sums accumulate in f32 and truncate at the end.

// CHECK-LABEL: func.func @reduce_sum_f16
// CHECK: %[[ZERO:.+]] = arith.constant 0.000000e+00 : f32
// CHECK: linalg.fill ins(%[[ZERO]] : f32) outs(%{{.+}} : tensor<2xf32>)
// CHECK: ^bb0(%[[IN:.+]]: f16, %[[ACC:.+]]: f32):
// CHECK: %[[EXT:.+]] = arith.extf %[[IN]] : f16 to f32
// CHECK: arith.addf %[[EXT]], %[[ACC]] : f32
// CHECK: arith.truncf %{{.+}} : f32 to f16
func.func @reduce_sum_f16(%x: tensor<2x3xf16>) -> tensor<2xf16> {
  %0 = kiln.reduce_sum %x {axes = array<i64: 1>, keepdims = 0 : i64} : (tensor<2x3xf16>) -> tensor<2xf16>
  return %0 : tensor<2xf16>
}

// -----

// LogSumExp: the max (with an infinite max replaced by 0), then the sum of
// exp(x - shift), then log(sum) + shift.

// CHECK-DAG: #[[ID:.+]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[ROW:.+]] = affine_map<(d0, d1) -> (d0)>
// CHECK-LABEL: func.func @reduce_log_sum_exp
// CHECK-SAME: (%[[X:.+]]: tensor<2x3xf32>)
// CHECK: %[[MAX:.+]] = linalg.generic {{.*}}iterator_types = ["parallel", "reduction"]} ins(%[[X]] : tensor<2x3xf32>)
// CHECK: arith.maximumf
// CHECK: %[[SHIFT:.+]] = linalg.generic {{.*}}ins(%[[MAX]] : tensor<2xf32>)
// CHECK: %[[INF:.+]] = arith.constant 0x7F800000 : f32
// CHECK: %[[ABS:.+]] = math.absf
// CHECK: %[[IS_INF:.+]] = arith.cmpf oeq, %[[ABS]], %[[INF]] : f32
// CHECK: arith.select %[[IS_INF]]
// CHECK: %[[SUM:.+]] = linalg.generic {indexing_maps = [#[[ID]], #[[ROW]], #[[ROW]]], iterator_types = ["parallel", "reduction"]} ins(%[[X]], %[[SHIFT]] : tensor<2x3xf32>, tensor<2xf32>)
// CHECK: ^bb0(%[[IN:.+]]: f32, %[[S:.+]]: f32, %[[ACC:.+]]: f32):
// CHECK: %[[D:.+]] = arith.subf %[[IN]], %[[S]] : f32
// CHECK: %[[E:.+]] = math.exp %[[D]] : f32
// CHECK: arith.addf %[[E]], %[[ACC]] : f32
// CHECK: linalg.generic {{.*}}ins(%[[SUM]], %[[SHIFT]] : tensor<2xf32>, tensor<2xf32>)
// CHECK: ^bb0(%[[SUM_IN:.+]]: f32, %[[SHIFT_IN:.+]]: f32, %{{.+}}: f32):
// CHECK: %[[LOG:.+]] = math.log %[[SUM_IN]] : f32
// CHECK: arith.addf %[[LOG]], %[[SHIFT_IN]] : f32
func.func @reduce_log_sum_exp(%x: tensor<2x3xf32>) -> tensor<2xf32> {
  %0 = kiln.reduce_log_sum_exp %x {axes = array<i64: 1>, keepdims = 0 : i64} : (tensor<2x3xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

// ArgMax carries (value, index) in two outputs; a strict comparison keeps the
// first maximum, and a NaN wins over a non-NaN accumulator.

// CHECK-DAG: #[[ID:.+]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[ROW:.+]] = affine_map<(d0, d1) -> (d0)>
// CHECK-LABEL: func.func @argmax
// CHECK-SAME: (%[[X:.+]]: tensor<2x3xf32>)
// CHECK: %[[NEG_INF:.+]] = arith.constant 0xFF800000 : f32
// CHECK: %[[VALS:.+]] = linalg.fill ins(%[[NEG_INF]] : f32) outs(%{{.+}} : tensor<2xf32>)
// CHECK: %[[ZERO:.+]] = arith.constant 0 : i64
// CHECK: %[[IDXS:.+]] = linalg.fill ins(%[[ZERO]] : i64) outs(%{{.+}} : tensor<2xi64>)
// CHECK: %[[R:.+]]:2 = linalg.generic {indexing_maps = [#[[ID]], #[[ROW]], #[[ROW]]], iterator_types = ["parallel", "reduction"]}
// CHECK-SAME: ins(%[[X]] : tensor<2x3xf32>) outs(%[[VALS]], %[[IDXS]] : tensor<2xf32>, tensor<2xi64>)
// CHECK: ^bb0(%[[IN:.+]]: f32, %[[ACC:.+]]: f32, %[[ACC_IDX:.+]]: i64):
// CHECK: %[[I:.+]] = linalg.index 1 : index
// CHECK: %[[I64:.+]] = arith.index_cast %[[I]] : index to i64
// CHECK: %[[GT:.+]] = arith.cmpf ogt, %[[IN]], %[[ACC]] : f32
// CHECK: %[[NAN:.+]] = arith.cmpf uno, %[[IN]], %[[IN]] : f32
// CHECK: %[[ACC_ORD:.+]] = arith.cmpf ord, %[[ACC]], %[[ACC]] : f32
// CHECK: %[[NEW_NAN:.+]] = arith.andi %[[NAN]], %[[ACC_ORD]] : i1
// CHECK: %[[TAKE:.+]] = arith.ori %[[GT]], %[[NEW_NAN]] : i1
// CHECK: %[[V:.+]] = arith.select %[[TAKE]], %[[IN]], %[[ACC]] : f32
// CHECK: %[[J:.+]] = arith.select %[[TAKE]], %[[I64]], %[[ACC_IDX]] : i64
// CHECK: linalg.yield %[[V]], %[[J]] : f32, i64
// CHECK: tensor.expand_shape %[[R]]#1 {{\[}}[0, 1]] output_shape [2, 1] : tensor<2xi64> into tensor<2x1xi64>
func.func @argmax(%x: tensor<2x3xf32>) -> tensor<2x1xi64> {
  %0 = kiln.argmax %x {axis = -1 : i64} : (tensor<2x3xf32>) -> tensor<2x1xi64>
  return %0 : tensor<2x1xi64>
}

// -----

// select_last_index compares non-strictly, so ties move to the last index;
// integers start from the signed maximum for ArgMin.

// CHECK-LABEL: func.func @argmin_last
// CHECK: %[[I32_MAX:.+]] = arith.constant 2147483647 : i32
// CHECK: linalg.fill ins(%[[I32_MAX]] : i32)
// CHECK: iterator_types = ["reduction", "parallel"]
// CHECK: ^bb0(%[[IN:.+]]: i32, %[[ACC:.+]]: i32, %{{.+}}: i64):
// CHECK: linalg.index 0 : index
// CHECK: %[[LE:.+]] = arith.cmpi sle, %[[IN]], %[[ACC]] : i32
// CHECK: arith.select %[[LE]]
// CHECK-NOT: tensor.expand_shape
func.func @argmin_last(%x: tensor<2x3xi32>) -> tensor<3xi64> {
  %0 = kiln.argmin %x {axis = 0 : i64, keepdims = 0 : i64, select_last_index = 1 : i64} : (tensor<2x3xi32>) -> tensor<3xi64>
  return %0 : tensor<3xi64>
}
