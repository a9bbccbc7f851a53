// RUN: kiln-opt %s --split-input-file --convert-kiln-to-linalg | FileCheck %s

// LayerNormalization over [axis, rank): two-pass mean and variance, then
// 1 / sqrt(var + epsilon), then (x - mean) * inv * scale + B with scale and B
// broadcast from the right. Mean and InvStdDev come back in their
// [d0, ..., 1, 1] shape.

// CHECK-DAG: #[[ID:.+]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-DAG: #[[BATCH:.+]] = affine_map<(d0, d1, d2) -> (d0)>
// CHECK-DAG: #[[PARAM:.+]] = affine_map<(d0, d1, d2) -> (d1, d2)>
// CHECK-LABEL: func.func @layer_normalization
// CHECK-SAME: (%[[X:.+]]: tensor<2x3x4xf32>, %[[S:.+]]: tensor<3x4xf32>, %[[B:.+]]: tensor<3x4xf32>)
// CHECK: %[[SUM:.+]] = linalg.generic {indexing_maps = [#[[ID]], #[[BATCH]]], iterator_types = ["parallel", "reduction", "reduction"]} ins(%[[X]] : tensor<2x3x4xf32>)
// CHECK: %[[MEAN:.+]] = linalg.generic {{.*}}ins(%[[SUM]] : tensor<2xf32>)
// CHECK: %[[N:.+]] = arith.constant 1.200000e+01 : f32
// CHECK: arith.divf %{{.+}}, %[[N]]
// CHECK: %[[SQSUM:.+]] = linalg.generic {indexing_maps = [#[[ID]], #[[BATCH]], #[[BATCH]]], iterator_types = ["parallel", "reduction", "reduction"]} ins(%[[X]], %[[MEAN]] : tensor<2x3x4xf32>, tensor<2xf32>)
// CHECK: ^bb0(%[[IN:.+]]: f32, %[[M:.+]]: f32, %[[ACC:.+]]: f32):
// CHECK: %[[D:.+]] = arith.subf %[[IN]], %[[M]] : f32
// CHECK: %[[SQ:.+]] = arith.mulf %[[D]], %[[D]] : f32
// CHECK: arith.addf %[[SQ]], %[[ACC]] : f32
// CHECK: %[[VAR:.+]] = linalg.generic {{.*}}ins(%[[SQSUM]] : tensor<2xf32>)
// CHECK: %[[INV:.+]] = linalg.generic {{.*}}ins(%[[VAR]] : tensor<2xf32>)
// CHECK: %[[EPS:.+]] = arith.constant 1.000000e-03 : f32
// CHECK: %[[VE:.+]] = arith.addf %{{.+}}, %[[EPS]] : f32
// CHECK: %[[ONE:.+]] = arith.constant 1.000000e+00 : f32
// CHECK: %[[SD:.+]] = math.sqrt %[[VE]] : f32
// CHECK: arith.divf %[[ONE]], %[[SD]] : f32
// CHECK: %[[Y:.+]] = linalg.generic {indexing_maps = [#[[ID]], #[[BATCH]], #[[BATCH]], #[[PARAM]], #[[PARAM]], #[[ID]]], iterator_types = ["parallel", "parallel", "parallel"]} ins(%[[X]], %[[MEAN]], %[[INV]], %[[S]], %[[B]] :
// CHECK: ^bb0(%[[XI:.+]]: f32, %[[MI:.+]]: f32, %[[II:.+]]: f32, %[[SI:.+]]: f32, %[[BI:.+]]: f32, %{{.+}}: f32):
// CHECK: %[[XD:.+]] = arith.subf %[[XI]], %[[MI]] : f32
// CHECK: %[[XN:.+]] = arith.mulf %[[XD]], %[[II]] : f32
// CHECK: %[[XS:.+]] = arith.mulf %[[XN]], %[[SI]] : f32
// CHECK: %[[XB:.+]] = arith.addf %[[XS]], %[[BI]] : f32
// CHECK: linalg.yield %[[XB]]
// CHECK: %[[MEAN_OUT:.+]] = tensor.expand_shape %[[MEAN]] {{\[}}[0, 1, 2]] output_shape [2, 1, 1] : tensor<2xf32> into tensor<2x1x1xf32>
// CHECK: %[[INV_OUT:.+]] = tensor.expand_shape %[[INV]] {{\[}}[0, 1, 2]] output_shape [2, 1, 1] : tensor<2xf32> into tensor<2x1x1xf32>
// CHECK: return %[[Y]], %[[MEAN_OUT]], %[[INV_OUT]]
func.func @layer_normalization(%x: tensor<2x3x4xf32>, %s: tensor<3x4xf32>, %b: tensor<3x4xf32>)
    -> (tensor<2x3x4xf32>, tensor<2x1x1xf32>, tensor<2x1x1xf32>) {
  %y, %mean, %inv = kiln.layer_normalization %x, %s b(%b) {axis = 1 : i64, epsilon = 1.0e-3 : f32} : (tensor<2x3x4xf32>, tensor<3x4xf32>, tensor<3x4xf32>) -> (tensor<2x3x4xf32>, tensor<2x1x1xf32>, tensor<2x1x1xf32>)
  return %y, %mean, %inv : tensor<2x3x4xf32>, tensor<2x1x1xf32>, tensor<2x1x1xf32>
}

// -----

// Without B there is nothing to add; f16 computes in f32 (stash_type 1) and
// Mean stays f32.

// CHECK-LABEL: func.func @layer_normalization_f16
// CHECK: ^bb0(%[[IN:.+]]: f16, %[[ACC:.+]]: f32):
// CHECK: arith.extf %[[IN]] : f16 to f32
// CHECK: linalg.generic {{.*}}iterator_types = ["parallel", "parallel"]} ins(%{{.+}}, %{{.+}}, %{{.+}}, %{{.+}} : tensor<2x4xf16>, tensor<2xf32>, tensor<2xf32>, tensor<4xf16>)
// CHECK: ^bb0(%[[XI:.+]]: f16, %[[MI:.+]]: f32, %[[II:.+]]: f32, %[[SI:.+]]: f16, %{{.+}}: f16):
// CHECK: %[[XE:.+]] = arith.extf %[[XI]] : f16 to f32
// CHECK: %[[XD:.+]] = arith.subf %[[XE]], %[[MI]] : f32
// CHECK: %[[XN:.+]] = arith.mulf %[[XD]], %[[II]] : f32
// CHECK: %[[SE:.+]] = arith.extf %[[SI]] : f16 to f32
// CHECK: %[[XS:.+]] = arith.mulf %[[XN]], %[[SE]] : f32
// CHECK-NOT: arith.addf
// CHECK: arith.truncf %[[XS]] : f32 to f16
// CHECK: tensor.expand_shape %{{.+}} {{\[}}[0, 1]] output_shape [2, 1] : tensor<2xf32> into tensor<2x1xf32>
func.func @layer_normalization_f16(%x: tensor<2x4xf16>, %s: tensor<4xf16>) -> (tensor<2x4xf16>, tensor<2x1xf32>) {
  %y, %mean, %inv = kiln.layer_normalization %x, %s : (tensor<2x4xf16>, tensor<4xf16>) -> (tensor<2x4xf16>, tensor<2x1xf32>, tensor<2x1xf32>)
  return %y, %mean : tensor<2x4xf16>, tensor<2x1xf32>
}

// -----

// InstanceNormalization: statistics per (n, c) over the spatial dims; scale
// and B are read per channel.

// CHECK-DAG: #[[ID:.+]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
// CHECK-DAG: #[[NC:.+]] = affine_map<(d0, d1, d2, d3) -> (d0, d1)>
// CHECK-DAG: #[[C:.+]] = affine_map<(d0, d1, d2, d3) -> (d1)>
// CHECK-LABEL: func.func @instance_normalization
// CHECK-SAME: (%[[X:.+]]: tensor<2x3x4x5xf32>, %[[S:.+]]: tensor<3xf32>, %[[B:.+]]: tensor<3xf32>)
// CHECK: %[[SUM:.+]] = linalg.generic {indexing_maps = [#[[ID]], #[[NC]]], iterator_types = ["parallel", "parallel", "reduction", "reduction"]}
// CHECK: %[[MEAN:.+]] = linalg.generic {{.*}}ins(%[[SUM]] : tensor<2x3xf32>)
// CHECK: arith.constant 2.000000e+01 : f32
// CHECK: %[[SQSUM:.+]] = linalg.generic {{.*}}ins(%[[X]], %[[MEAN]] :
// CHECK: %[[VAR:.+]] = linalg.generic {{.*}}ins(%[[SQSUM]] : tensor<2x3xf32>)
// CHECK: %[[SD:.+]] = linalg.generic {{.*}}ins(%[[VAR]] : tensor<2x3xf32>)
// CHECK: math.sqrt
// CHECK: linalg.generic {indexing_maps = [#[[ID]], #[[NC]], #[[NC]], #[[C]], #[[C]], #[[ID]]], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%[[X]], %[[MEAN]], %[[SD]], %[[S]], %[[B]] :
// CHECK: ^bb0(%[[XI:.+]]: f32, %[[MI:.+]]: f32, %[[SDI:.+]]: f32, %[[SI:.+]]: f32, %[[BI:.+]]: f32, %{{.+}}: f32):
// CHECK: %[[XD:.+]] = arith.subf %[[XI]], %[[MI]] : f32
// CHECK: %[[XS:.+]] = arith.mulf %[[SI]], %[[XD]] : f32
// CHECK: %[[XN:.+]] = arith.divf %[[XS]], %[[SDI]] : f32
// CHECK: arith.addf %[[XN]], %[[BI]] : f32
func.func @instance_normalization(%x: tensor<2x3x4x5xf32>, %s: tensor<3xf32>, %b: tensor<3xf32>) -> tensor<2x3x4x5xf32> {
  %0 = kiln.instance_normalization %x, %s, %b : (tensor<2x3x4x5xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<2x3x4x5xf32>
  return %0 : tensor<2x3x4x5xf32>
}

// -----

// MeanVarianceNormalization over the default axes {0, 2, 3}:
// (x - mean) / (sqrt(var) + 1e-9).

// CHECK-DAG: #[[CH:.+]] = affine_map<(d0, d1, d2, d3) -> (d1)>
// CHECK-LABEL: func.func @mean_variance_normalization
// CHECK: linalg.generic {{.*}}iterator_types = ["reduction", "parallel", "reduction", "reduction"]
// CHECK: arith.constant 4.000000e+01 : f32
// CHECK: linalg.generic {{.*}}iterator_types = ["reduction", "parallel", "reduction", "reduction"]
// CHECK: math.sqrt
// CHECK: arith.constant 9.99999971E-10 : f32
// CHECK: linalg.generic {indexing_maps = [#{{.+}}, #[[CH]], #[[CH]], #{{.+}}], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
// CHECK: arith.subf
// CHECK: arith.divf
func.func @mean_variance_normalization(%x: tensor<2x3x4x5xf32>) -> tensor<2x3x4x5xf32> {
  %0 = kiln.mean_variance_normalization %x : (tensor<2x3x4x5xf32>) -> tensor<2x3x4x5xf32>
  return %0 : tensor<2x3x4x5xf32>
}

// -----

// LpNormalization: x / sum(|x|) for p = 1, x / sqrt(sum(x * x)) for p = 2.

// CHECK-LABEL: func.func @lp_normalization
// CHECK: iterator_types = ["reduction", "parallel"]
// CHECK: math.absf
// CHECK: arith.divf
// CHECK: iterator_types = ["parallel", "reduction"]
// CHECK: ^bb0(%[[IN:.+]]: f32, %[[ACC:.+]]: f32):
// CHECK: arith.mulf %[[IN]], %[[IN]]
// CHECK: math.sqrt
// CHECK: arith.divf
func.func @lp_normalization(%x: tensor<2x3xf32>) -> (tensor<2x3xf32>, tensor<2x3xf32>) {
  %0 = kiln.lp_normalization %x {axis = 0 : i64, p = 1 : i64} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %1 = kiln.lp_normalization %x : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0, %1 : tensor<2x3xf32>, tensor<2x3xf32>
}

// -----

// LRN: squares written into a zero tensor with size - 1 extra channels
// (floor((size - 1) / 2) before), a window sum over channel c + k, then
// x / (bias + alpha / size * sum)^beta.

// CHECK-DAG: #[[ID:.+]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
// CHECK-DAG: #[[WIN_IN:.+]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1 + d4, d2, d3)>
// CHECK-DAG: #[[WIN:.+]] = affine_map<(d0, d1, d2, d3, d4) -> (d4)>
// CHECK-DAG: #[[WIN_OUT:.+]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d3)>
// CHECK-LABEL: func.func @lrn
// CHECK-SAME: (%[[X:.+]]: tensor<1x5x2x2xf32>)
// CHECK: %[[SQ:.+]] = linalg.generic {{.*}}ins(%[[X]] : tensor<1x5x2x2xf32>)
// CHECK: arith.mulf
// CHECK: %[[ZEROS:.+]] = linalg.fill ins(%{{.+}} : f32) outs(%{{.+}} : tensor<1x8x2x2xf32>)
// CHECK: %[[PADDED:.+]] = tensor.insert_slice %[[SQ]] into %[[ZEROS]][0, 1, 0, 0] [1, 5, 2, 2] [1, 1, 1, 1] : tensor<1x5x2x2xf32> into tensor<1x8x2x2xf32>
// CHECK: %[[WINDOW:.+]] = tensor.empty() : tensor<4xf32>
// CHECK: %[[SUM:.+]] = linalg.generic {indexing_maps = [#[[WIN_IN]], #[[WIN]], #[[WIN_OUT]]], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]} ins(%[[PADDED]], %[[WINDOW]] : tensor<1x8x2x2xf32>, tensor<4xf32>)
// CHECK: arith.addf
// CHECK: linalg.generic {{.*}}ins(%[[X]], %[[SUM]] : tensor<1x5x2x2xf32>, tensor<1x5x2x2xf32>)
// CHECK: ^bb0(%[[XI:.+]]: f32, %[[SI:.+]]: f32, %{{.+}}: f32):
// CHECK: %[[ALPHA:.+]] = arith.constant 1.250000e-01 : f32
// CHECK: %[[SCALED:.+]] = arith.mulf %[[ALPHA]], %[[SI]] : f32
// CHECK: %[[BIAS:.+]] = arith.constant 2.000000e+00 : f32
// CHECK: %[[BASE:.+]] = arith.addf %[[BIAS]], %[[SCALED]] : f32
// CHECK: %[[BETA:.+]] = arith.constant 5.000000e-01 : f32
// CHECK: %[[DEN:.+]] = math.powf %[[BASE]], %[[BETA]] : f32
// CHECK: arith.divf %[[XI]], %[[DEN]] : f32
func.func @lrn(%x: tensor<1x5x2x2xf32>) -> tensor<1x5x2x2xf32> {
  %0 = kiln.lrn %x {size = 4 : i64, alpha = 0.5 : f32, beta = 0.5 : f32, bias = 2.0 : f32} : (tensor<1x5x2x2xf32>) -> tensor<1x5x2x2xf32>
  return %0 : tensor<1x5x2x2xf32>
}
