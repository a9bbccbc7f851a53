// RUN: kiln-opt %s --split-input-file --convert-kiln-to-linalg | FileCheck %s

// MatMul, Gemm and BatchNormalization. Contractions become named linalg ops
// accumulating into a zero-filled (or bias-initialized) tensor; f16 operands
// accumulate in f32.

// CHECK-LABEL: func.func @matmul_2d
// CHECK-SAME: (%[[A:.+]]: tensor<3x4xf32>, %[[B:.+]]: tensor<4x5xf32>)
// CHECK: %[[ZERO:.+]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[E:.+]] = tensor.empty() : tensor<3x5xf32>
// CHECK: %[[INIT:.+]] = linalg.fill ins(%[[ZERO]] : f32) outs(%[[E]] : tensor<3x5xf32>)
// CHECK: %[[MM:.+]] = linalg.matmul ins(%[[A]], %[[B]] : tensor<3x4xf32>, tensor<4x5xf32>) outs(%[[INIT]] : tensor<3x5xf32>)
// CHECK: return %[[MM]]
func.func @matmul_2d(%a: tensor<3x4xf32>, %b: tensor<4x5xf32>) -> tensor<3x5xf32> {
  %0 = kiln.matmul %a, %b : (tensor<3x4xf32>, tensor<4x5xf32>) -> tensor<3x5xf32>
  return %0 : tensor<3x5xf32>
}

// -----

// One right-hand matrix for the whole batch: the batch folds into the rows.

// CHECK-LABEL: func.func @matmul_batch_times_matrix
// CHECK-SAME: (%[[A:.+]]: tensor<2x3x4xf32>, %[[B:.+]]: tensor<4x5xf32>)
// CHECK: %[[A2:.+]] = tensor.collapse_shape %[[A]] {{\[}}[0, 1], [2]] : tensor<2x3x4xf32> into tensor<6x4xf32>
// CHECK: %[[MM:.+]] = linalg.matmul ins(%[[A2]], %[[B]] : tensor<6x4xf32>, tensor<4x5xf32>) outs(%{{.+}} : tensor<6x5xf32>)
// CHECK: %[[R:.+]] = tensor.expand_shape %[[MM]] {{\[}}[0, 1], [2]] output_shape [2, 3, 5] : tensor<6x5xf32> into tensor<2x3x5xf32>
// CHECK: return %[[R]]
func.func @matmul_batch_times_matrix(%a: tensor<2x3x4xf32>, %b: tensor<4x5xf32>) -> tensor<2x3x5xf32> {
  %0 = kiln.matmul %a, %b : (tensor<2x3x4xf32>, tensor<4x5xf32>) -> tensor<2x3x5xf32>
  return %0 : tensor<2x3x5xf32>
}

// -----

// 1-D operands are promoted to a matrix and the added dim is dropped again.

// CHECK-LABEL: func.func @matmul_vector_matrix
// CHECK-SAME: (%[[A:.+]]: tensor<4xf32>, %[[B:.+]]: tensor<4x5xf32>)
// CHECK: %[[A2:.+]] = tensor.expand_shape %[[A]] {{\[}}[0, 1]] output_shape [1, 4] : tensor<4xf32> into tensor<1x4xf32>
// CHECK: %[[MM:.+]] = linalg.matmul ins(%[[A2]], %[[B]] : tensor<1x4xf32>, tensor<4x5xf32>) outs(%{{.+}} : tensor<1x5xf32>)
// CHECK: %[[R:.+]] = tensor.collapse_shape %[[MM]] {{\[}}[0, 1]] : tensor<1x5xf32> into tensor<5xf32>
// CHECK: return %[[R]]
func.func @matmul_vector_matrix(%a: tensor<4xf32>, %b: tensor<4x5xf32>) -> tensor<5xf32> {
  %0 = kiln.matmul %a, %b : (tensor<4xf32>, tensor<4x5xf32>) -> tensor<5xf32>
  return %0 : tensor<5xf32>
}

// -----

// CHECK-LABEL: func.func @matmul_matrix_vector
// CHECK-SAME: (%[[A:.+]]: tensor<2x3x4xf32>, %[[B:.+]]: tensor<4xf32>)
// CHECK-DAG: %[[A2:.+]] = tensor.collapse_shape %[[A]] {{\[}}[0, 1], [2]] : tensor<2x3x4xf32> into tensor<6x4xf32>
// CHECK-DAG: %[[B2:.+]] = tensor.expand_shape %[[B]] {{\[}}[0, 1]] output_shape [4, 1] : tensor<4xf32> into tensor<4x1xf32>
// CHECK: %[[MM:.+]] = linalg.matmul ins(%[[A2]], %[[B2]] : tensor<6x4xf32>, tensor<4x1xf32>) outs(%{{.+}} : tensor<6x1xf32>)
// CHECK: %[[FLAT:.+]] = tensor.collapse_shape %[[MM]] {{\[}}[0, 1]] : tensor<6x1xf32> into tensor<6xf32>
// CHECK: %[[R:.+]] = tensor.expand_shape %[[FLAT]] {{\[}}[0, 1]] output_shape [2, 3] : tensor<6xf32> into tensor<2x3xf32>
// CHECK: return %[[R]]
func.func @matmul_matrix_vector(%a: tensor<2x3x4xf32>, %b: tensor<4xf32>) -> tensor<2x3xf32> {
  %0 = kiln.matmul %a, %b : (tensor<2x3x4xf32>, tensor<4xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// Batch dims broadcast (numpy rules): both operands are materialized at the
// full batch shape, flattened to one batch dim for linalg.batch_matmul. f16
// accumulates in f32 and is rounded once at the end.

// CHECK-DAG: #[[A_BCAST:.+]] = affine_map<(d0, d1, d2, d3) -> (d0, 0, d2, d3)>
// CHECK-DAG: #[[B_BCAST:.+]] = affine_map<(d0, d1, d2, d3) -> (d1, d2, d3)>
// CHECK-DAG: #[[ID4:.+]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
// CHECK-LABEL: func.func @matmul_batch_broadcast_f16
// CHECK-SAME: (%[[A:.+]]: tensor<2x1x3x4xf16>, %[[B:.+]]: tensor<5x4x6xf16>)
// CHECK: %[[AF:.+]] = linalg.generic {indexing_maps = [#[[A_BCAST]], #[[ID4]]], {{.*}} ins(%[[A]] : tensor<2x1x3x4xf16>) outs(%{{.+}} : tensor<2x5x3x4xf16>)
// CHECK: %[[A3:.+]] = tensor.collapse_shape %[[AF]] {{\[}}[0, 1], [2], [3]] : tensor<2x5x3x4xf16> into tensor<10x3x4xf16>
// CHECK: %[[BF:.+]] = linalg.generic {indexing_maps = [#[[B_BCAST]], #[[ID4]]], {{.*}} ins(%[[B]] : tensor<5x4x6xf16>) outs(%{{.+}} : tensor<2x5x4x6xf16>)
// CHECK: %[[B3:.+]] = tensor.collapse_shape %[[BF]] {{\[}}[0, 1], [2], [3]] : tensor<2x5x4x6xf16> into tensor<10x4x6xf16>
// CHECK: %[[ZERO:.+]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[INIT:.+]] = linalg.fill ins(%[[ZERO]] : f32) outs(%{{.+}} : tensor<10x3x6xf32>)
// CHECK: %[[MM:.+]] = linalg.batch_matmul ins(%[[A3]], %[[B3]] : tensor<10x3x4xf16>, tensor<10x4x6xf16>) outs(%[[INIT]] : tensor<10x3x6xf32>)
// CHECK: %[[T:.+]] = linalg.generic {{.*}} ins(%[[MM]] : tensor<10x3x6xf32>) outs(%{{.+}} : tensor<10x3x6xf16>)
// CHECK: arith.truncf %{{.+}} : f32 to f16
// CHECK: %[[R:.+]] = tensor.expand_shape %[[T]] {{\[}}[0, 1], [2], [3]] output_shape [2, 5, 3, 6] : tensor<10x3x6xf16> into tensor<2x5x3x6xf16>
// CHECK: return %[[R]]
func.func @matmul_batch_broadcast_f16(%a: tensor<2x1x3x4xf16>, %b: tensor<5x4x6xf16>) -> tensor<2x5x3x6xf16> {
  %0 = kiln.matmul %a, %b : (tensor<2x1x3x4xf16>, tensor<5x4x6xf16>) -> tensor<2x5x3x6xf16>
  return %0 : tensor<2x5x3x6xf16>
}

// -----

// alpha = 1: the bias, broadcast to [M, N], is the accumulator's initial
// value. transB is an indexing map of linalg.matmul, not a copy.

// CHECK-DAG: #[[BIAS:.+]] = affine_map<(d0, d1) -> (d1)>
// CHECK-DAG: #[[ID2:.+]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[LHS:.+]] = affine_map<(d0, d1, d2) -> (d0, d2)>
// CHECK-DAG: #[[RHS_T:.+]] = affine_map<(d0, d1, d2) -> (d1, d2)>
// CHECK-DAG: #[[OUT:.+]] = affine_map<(d0, d1, d2) -> (d0, d1)>
// CHECK-LABEL: func.func @gemm_bias_in_accumulator
// CHECK-SAME: (%[[A:.+]]: tensor<3x4xf32>, %[[B:.+]]: tensor<5x4xf32>, %[[C:.+]]: tensor<5xf32>)
// CHECK: %[[INIT:.+]] = linalg.generic {indexing_maps = [#[[BIAS]], #[[ID2]]], {{.*}} ins(%[[C]] : tensor<5xf32>) outs(%{{.+}} : tensor<3x5xf32>)
// CHECK-NOT: arith.mulf
// CHECK: %[[MM:.+]] = linalg.matmul indexing_maps = [#[[LHS]], #[[RHS_T]], #[[OUT]]] ins(%[[A]], %[[B]] : tensor<3x4xf32>, tensor<5x4xf32>) outs(%[[INIT]] : tensor<3x5xf32>)
// CHECK-NEXT: return %[[MM]]
func.func @gemm_bias_in_accumulator(%a: tensor<3x4xf32>, %b: tensor<5x4xf32>, %c: tensor<5xf32>) -> tensor<3x5xf32> {
  %0 = kiln.gemm %a, %b c(%c) {transB = 1 : i64} : (tensor<3x4xf32>, tensor<5x4xf32>, tensor<5xf32>) -> tensor<3x5xf32>
  return %0 : tensor<3x5xf32>
}

// -----

// alpha != 1: Y = alpha * (A' B') + beta * C in one pass after the product.

// CHECK-DAG: #[[LHS_T:.+]] = affine_map<(d0, d1, d2) -> (d2, d0)>
// CHECK-DAG: #[[RHS_T:.+]] = affine_map<(d0, d1, d2) -> (d1, d2)>
// CHECK-DAG: #[[OUT:.+]] = affine_map<(d0, d1, d2) -> (d0, d1)>
// CHECK-DAG: #[[ROW:.+]] = affine_map<(d0, d1) -> (0, d1)>
// CHECK-LABEL: func.func @gemm_all_attributes
// CHECK-SAME: (%[[A:.+]]: tensor<4x3xf32>, %[[B:.+]]: tensor<5x4xf32>, %[[C:.+]]: tensor<1x5xf32>)
// CHECK: %[[MM:.+]] = linalg.matmul indexing_maps = [#[[LHS_T]], #[[RHS_T]], #[[OUT]]] ins(%[[A]], %[[B]] : tensor<4x3xf32>, tensor<5x4xf32>)
// CHECK: %[[BC:.+]] = linalg.generic {indexing_maps = [#[[ROW]], {{.+}}]{{.*}} ins(%[[C]] : tensor<1x5xf32>)
// CHECK: %[[BETA:.+]] = arith.constant 3.500000e-01 : f32
// CHECK: arith.mulf %{{.+}}, %[[BETA]] : f32
// CHECK: %[[Y:.+]] = linalg.generic {{.*}} ins(%[[MM]], %[[BC]] : tensor<3x5xf32>, tensor<3x5xf32>)
// CHECK: %[[ALPHA:.+]] = arith.constant 2.500000e-01 : f32
// CHECK: %[[S:.+]] = arith.mulf %{{.+}}, %[[ALPHA]] : f32
// CHECK: %[[SUM:.+]] = arith.addf %[[S]], %{{.+}} : f32
// CHECK: linalg.yield %[[SUM]] : f32
// CHECK: return %[[Y]]
func.func @gemm_all_attributes(%a: tensor<4x3xf32>, %b: tensor<5x4xf32>, %c: tensor<1x5xf32>) -> tensor<3x5xf32> {
  %0 = kiln.gemm %a, %b c(%c) {alpha = 2.5e-01 : f32, beta = 3.5e-01 : f32, transA = 1 : i64, transB = 1 : i64} : (tensor<4x3xf32>, tensor<5x4xf32>, tensor<1x5xf32>) -> tensor<3x5xf32>
  return %0 : tensor<3x5xf32>
}

// -----

// CHECK-LABEL: func.func @gemm_no_bias
// CHECK-SAME: (%[[A:.+]]: tensor<3x4xf32>, %[[B:.+]]: tensor<4x5xf32>)
// CHECK: %[[INIT:.+]] = linalg.fill
// CHECK: %[[MM:.+]] = linalg.matmul ins(%[[A]], %[[B]] : tensor<3x4xf32>, tensor<4x5xf32>) outs(%[[INIT]] : tensor<3x5xf32>)
// CHECK-NEXT: return %[[MM]]
func.func @gemm_no_bias(%a: tensor<3x4xf32>, %b: tensor<4x5xf32>) -> tensor<3x5xf32> {
  %0 = kiln.gemm %a, %b : (tensor<3x4xf32>, tensor<4x5xf32>) -> tensor<3x5xf32>
  return %0 : tensor<3x5xf32>
}

// -----

// Per-channel s = scale / sqrt(var + eps) and t = B - mean * s are computed
// once on the [C] vectors; Y = X * s + t is one pass reading them at dim 1.

// CHECK-DAG: #[[VEC:.+]] = affine_map<(d0) -> (d0)>
// CHECK-DAG: #[[ID4:.+]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
// CHECK-DAG: #[[CH:.+]] = affine_map<(d0, d1, d2, d3) -> (d1)>
// CHECK-LABEL: func.func @batchnorm
// CHECK-SAME: (%[[X:.+]]: tensor<2x3x4x5xf32>, %[[S:.+]]: tensor<3xf32>, %[[B:.+]]: tensor<3xf32>, %[[M:.+]]: tensor<3xf32>, %[[V:.+]]: tensor<3xf32>)
// CHECK: %[[F:.+]]:2 = linalg.generic {indexing_maps = [#[[VEC]], #[[VEC]], #[[VEC]], #[[VEC]], #[[VEC]], #[[VEC]]], iterator_types = ["parallel"]} ins(%[[S]], %[[B]], %[[M]], %[[V]] : {{.+}}) outs({{.+}} : tensor<3xf32>, tensor<3xf32>)
// CHECK-NEXT: ^bb0(%[[SC:.+]]: f32, %[[BI:.+]]: f32, %[[MEAN:.+]]: f32, %[[VAR:.+]]: f32, %{{.+}}: f32, %{{.+}}: f32):
// CHECK: %[[EPS:.+]] = arith.constant 1.000000e-03 : f32
// CHECK: %[[VE:.+]] = arith.addf %[[VAR]], %[[EPS]] : f32
// CHECK: %[[SQ:.+]] = math.sqrt %[[VE]] : f32
// CHECK: %[[MUL:.+]] = arith.divf %[[SC]], %[[SQ]] : f32
// CHECK: %[[MS:.+]] = arith.mulf %[[MEAN]], %[[MUL]] : f32
// CHECK: %[[ADD:.+]] = arith.subf %[[BI]], %[[MS]] : f32
// CHECK: linalg.yield %[[MUL]], %[[ADD]] : f32, f32
// CHECK: %[[Y:.+]] = linalg.generic {indexing_maps = [#[[ID4]], #[[CH]], #[[CH]], #[[ID4]]], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%[[X]], %[[F]]#0, %[[F]]#1 : tensor<2x3x4x5xf32>, tensor<3xf32>, tensor<3xf32>)
// CHECK-NEXT: ^bb0(%[[XV:.+]]: f32, %[[SV:.+]]: f32, %[[TV:.+]]: f32, %{{.+}}: f32):
// CHECK-NEXT: %[[P:.+]] = arith.mulf %[[XV]], %[[SV]] : f32
// CHECK-NEXT: %[[R:.+]] = arith.addf %[[P]], %[[TV]] : f32
// CHECK-NEXT: linalg.yield %[[R]] : f32
// CHECK: return %[[Y]]
func.func @batchnorm(%x: tensor<2x3x4x5xf32>, %s: tensor<3xf32>, %b: tensor<3xf32>, %m: tensor<3xf32>, %v: tensor<3xf32>) -> tensor<2x3x4x5xf32> {
  %0 = kiln.batch_normalization %x, %s, %b, %m, %v {epsilon = 1.0e-03 : f32} : (tensor<2x3x4x5xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<2x3x4x5xf32>
  return %0 : tensor<2x3x4x5xf32>
}

// -----

// A full [M, N] bias with beta = 1 is the accumulator itself.

// CHECK-LABEL: func.func @gemm_full_bias
// CHECK-SAME: (%[[A:.+]]: tensor<3x4xf32>, %[[B:.+]]: tensor<4x5xf32>, %[[C:.+]]: tensor<3x5xf32>)
// CHECK-NEXT: %[[MM:.+]] = linalg.matmul ins(%[[A]], %[[B]] : tensor<3x4xf32>, tensor<4x5xf32>) outs(%[[C]] : tensor<3x5xf32>)
// CHECK-NEXT: return %[[MM]]
func.func @gemm_full_bias(%a: tensor<3x4xf32>, %b: tensor<4x5xf32>, %c: tensor<3x5xf32>) -> tensor<3x5xf32> {
  %0 = kiln.gemm %a, %b c(%c) : (tensor<3x4xf32>, tensor<4x5xf32>, tensor<3x5xf32>) -> tensor<3x5xf32>
  return %0 : tensor<3x5xf32>
}
