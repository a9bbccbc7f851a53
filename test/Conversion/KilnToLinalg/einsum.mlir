// RUN: kiln-opt %s --split-input-file --convert-kiln-to-linalg | FileCheck %s

// Einsum is one linalg.generic with a loop per label: the output's labels are
// the parallel loops (in output order), the summed labels reduction loops
// after them. The result starts at zero and accumulates the products.

// CHECK-DAG: #[[X:.+]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d3)>
// CHECK-DAG: #[[Y:.+]] = affine_map<(d0, d1, d2, d3) -> (d0, d3, d2)>
// CHECK-DAG: #[[Z:.+]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>
// CHECK-LABEL: func.func @batch_matmul
// CHECK-SAME: (%[[A:.+]]: tensor<5x2x3xf32>, %[[B:.+]]: tensor<5x3x4xf32>)
// CHECK: %[[ZERO:.+]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[FILL:.+]] = linalg.fill ins(%[[ZERO]] : f32) outs(%{{.+}} : tensor<5x2x4xf32>)
// CHECK: %[[R:.+]] = linalg.generic {indexing_maps = [#[[X]], #[[Y]], #[[Z]]], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%[[A]], %[[B]] : tensor<5x2x3xf32>, tensor<5x3x4xf32>) outs(%[[FILL]] : tensor<5x2x4xf32>)
// CHECK-NEXT: ^bb0(%[[EA:.+]]: f32, %[[EB:.+]]: f32, %[[ACC:.+]]: f32):
// CHECK-NEXT: %[[P:.+]] = arith.mulf %[[EA]], %[[EB]] : f32
// CHECK-NEXT: %[[S:.+]] = arith.addf %[[ACC]], %[[P]] : f32
// CHECK-NEXT: linalg.yield %[[S]] : f32
// CHECK: return %[[R]]
func.func @batch_matmul(%a: tensor<5x2x3xf32>, %b: tensor<5x3x4xf32>) -> tensor<5x2x4xf32> {
  %0 = kiln.einsum %a, %b {equation = "bij, bjk -> bik"} : (tensor<5x2x3xf32>, tensor<5x3x4xf32>) -> tensor<5x2x4xf32>
  return %0 : tensor<5x2x4xf32>
}

// -----

// A label repeated in one term reads the diagonal: one loop for both dims.
// Nothing is summed, so the element is copied as it is (no zero init).

// CHECK-DAG: #[[DIAG:.+]] = affine_map<(d0, d1) -> (d0, d1, d1)>
// CHECK-DAG: #[[OUT:.+]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-LABEL: func.func @batch_diagonal
// CHECK-SAME: (%[[X:.+]]: tensor<3x5x5xf64>)
// CHECK-NOT: linalg.fill
// CHECK: %[[E:.+]] = tensor.empty() : tensor<3x5xf64>
// CHECK: linalg.generic {indexing_maps = [#[[DIAG]], #[[OUT]]], iterator_types = ["parallel", "parallel"]} ins(%[[X]] : tensor<3x5x5xf64>) outs(%[[E]] : tensor<3x5xf64>)
// CHECK-NEXT: ^bb0(%[[V:.+]]: f64, %{{.+}}: f64):
// CHECK-NEXT: linalg.yield %[[V]] : f64
func.func @batch_diagonal(%x: tensor<3x5x5xf64>) -> tensor<3x5xf64> {
  %0 = kiln.einsum %x {equation = "...ii ->...i"} : (tensor<3x5x5xf64>) -> tensor<3x5xf64>
  return %0 : tensor<3x5xf64>
}

// -----

// The implicit output of "ii" is empty: a trace, all loops reduce into a
// rank-0 result.

// CHECK-DAG: #[[DIAG:.+]] = affine_map<(d0) -> (d0, d0)>
// CHECK-DAG: #[[SCALAR:.+]] = affine_map<(d0) -> ()>
// CHECK-LABEL: func.func @trace
// CHECK: linalg.generic {indexing_maps = [#[[DIAG]], #[[SCALAR]]], iterator_types = ["reduction"]} ins(%{{.+}} : tensor<4x4xi32>) outs(%{{.+}} : tensor<i32>)
// CHECK: arith.addi
func.func @trace(%x: tensor<4x4xi32>) -> tensor<i32> {
  %0 = kiln.einsum %x {equation = "ii"} : (tensor<4x4xi32>) -> tensor<i32>
  return %0 : tensor<i32>
}

// -----

// "..." dims broadcast right-aligned ([2, 1] with [3]: loops d0, d1); a size-1
// dim that a larger size of its loop widens reads index 0, as does the label
// j of size 1 in %b against 4 in %a.

// CHECK-DAG: #[[A:.+]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, 0, d2, d4)>
// CHECK-DAG: #[[B:.+]] = affine_map<(d0, d1, d2, d3, d4) -> (d1, 0, d3)>
// CHECK-DAG: #[[OUT:.+]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d3)>
// CHECK-LABEL: func.func @broadcast
// CHECK: linalg.generic {indexing_maps = [#[[A]], #[[B]], #[[OUT]]], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]}
func.func @broadcast(%a: tensor<2x1x3x4xf32>, %b: tensor<3x1x5xf32>) -> tensor<2x3x3x5xf32> {
  %0 = kiln.einsum %a, %b {equation = "...ij,...jk->...ik"} : (tensor<2x1x3x4xf32>, tensor<3x1x5xf32>) -> tensor<2x3x3x5xf32>
  return %0 : tensor<2x3x3x5xf32>
}

// -----

// f16 accumulates in f32 and is rounded once at the end.

// CHECK-LABEL: func.func @inner_product_f16
// CHECK: %[[ACC:.+]] = linalg.generic {{.+}} ins(%{{.+}}, %{{.+}} : tensor<5xf16>, tensor<5xf16>) outs(%{{.+}} : tensor<f32>)
// CHECK: arith.extf %{{.+}} : f16 to f32
// CHECK: arith.extf %{{.+}} : f16 to f32
// CHECK: arith.mulf %{{.+}}, %{{.+}} : f32
// CHECK: arith.addf %{{.+}}, %{{.+}} : f32
// CHECK: linalg.generic {{.+}} ins(%[[ACC]] : tensor<f32>) outs(%{{.+}} : tensor<f16>)
// CHECK: arith.truncf %{{.+}} : f32 to f16
func.func @inner_product_f16(%x: tensor<5xf16>, %y: tensor<5xf16>) -> tensor<f16> {
  %0 = kiln.einsum %x, %y {equation = "i,i"} : (tensor<5xf16>, tensor<5xf16>) -> tensor<f16>
  return %0 : tensor<f16>
}

// -----

// Unsigned operands are computed on signless integers (wrapping products and
// sums do not depend on the sign).

// CHECK-LABEL: func.func @unsigned
// CHECK-SAME: (%[[A:.+]]: tensor<3x4xui8>, %[[B:.+]]: tensor<4x2xui8>)
// CHECK-DAG: %[[SA:.+]] = tensor.bitcast %[[A]] : tensor<3x4xui8> to tensor<3x4xi8>
// CHECK-DAG: %[[SB:.+]] = tensor.bitcast %[[B]] : tensor<4x2xui8> to tensor<4x2xi8>
// CHECK: %[[R:.+]] = linalg.generic {{.+}} ins(%[[SA]], %[[SB]] : tensor<3x4xi8>, tensor<4x2xi8>) outs(%{{.+}} : tensor<3x2xi8>)
// CHECK: arith.muli %{{.+}}, %{{.+}} : i8
// CHECK: arith.addi %{{.+}}, %{{.+}} : i8
// CHECK: %[[U:.+]] = tensor.bitcast %[[R]] : tensor<3x2xi8> to tensor<3x2xui8>
// CHECK: return %[[U]]
func.func @unsigned(%a: tensor<3x4xui8>, %b: tensor<4x2xui8>) -> tensor<3x2xui8> {
  %0 = kiln.einsum %a, %b {equation = "ij,jk->ik"} : (tensor<3x4xui8>, tensor<4x2xui8>) -> tensor<3x2xui8>
  return %0 : tensor<3x2xui8>
}
