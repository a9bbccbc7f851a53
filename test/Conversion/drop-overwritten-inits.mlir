// RUN: kiln-opt %s --split-input-file --verify-diagnostics --kiln-drop-overwritten-inits | FileCheck %s

// A bias broadcast marked kiln.overwritten (kiln-tile-contractions: every
// piece of the product that reads it writes its tiles first) is replaced by
// its destination, here the slice of a padded buffer that
// eliminate-empty-tensors placed it in; unmarked ops stay.

// CHECK-LABEL: func.func @marked
// CHECK-SAME: (%[[B:[^:]+]]: tensor<8xf32>, %[[P:[^:]+]]: tensor<8x10xf32>)
// CHECK: %[[DEST:.+]] = tensor.extract_slice %[[P]][0, 1] [8, 8] [1, 1]
// CHECK-NOT: linalg.generic
// CHECK: %[[FILL:.+]] = linalg.fill ins(%{{.+}} : f32) outs(%[[DEST]] : tensor<8x8xf32>)
// CHECK: return %[[DEST]], %[[FILL]]
#bias = affine_map<(i, j) -> (i)>
#id = affine_map<(i, j) -> (i, j)>
func.func @marked(%b: tensor<8xf32>, %p: tensor<8x10xf32>) -> (tensor<8x8xf32>, tensor<8x8xf32>) {
  %dest = tensor.extract_slice %p[0, 1] [8, 8] [1, 1] : tensor<8x10xf32> to tensor<8x8xf32>
  %0 = linalg.generic {indexing_maps = [#bias, #id], iterator_types = ["parallel", "parallel"]}
      ins(%b : tensor<8xf32>) outs(%dest : tensor<8x8xf32>) attrs = {kiln.overwritten} {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  } -> tensor<8x8xf32>
  %zero = arith.constant 0.0 : f32
  %1 = linalg.fill ins(%zero : f32) outs(%dest : tensor<8x8xf32>) -> tensor<8x8xf32>
  return %0, %1 : tensor<8x8xf32>, tensor<8x8xf32>
}

// -----

// The mark on an op that does not write one tensor whole is an internal
// error, not a silent miscompile.
func.func @bad(%b: memref<8xf32>) {
  %zero = arith.constant 0.0 : f32
  // expected-error @+1 {{internal error: kiln.overwritten on an op that is not one tensor written whole}}
  linalg.fill {kiln.overwritten} ins(%zero : f32) outs(%b : memref<8xf32>)
  return
}
