// RUN: kiln-opt %s --kiln-erase-signedness | FileCheck %s

// Every uiN/siN type becomes iN: function types, values, block arguments and
// constants (same bytes); bitcasts that cast a type to itself disappear.

// CHECK-LABEL: func.func @f(
// CHECK-SAME: %[[A:.+]]: tensor<4xi8>) -> tensor<4xi8>
// CHECK-NOT: tensor.bitcast
// CHECK: %[[C:.+]] = arith.constant dense<[1, 2, 3, -1]> : tensor<4xi8>
// CHECK: linalg.generic {{.+}} ins(%[[A]], %[[C]] : tensor<4xi8>, tensor<4xi8>)
// CHECK: ^bb0(%[[X:.+]]: i8, %[[Y:.+]]: i8, %{{.+}}: i8):
// CHECK: arith.maxui %[[X]], %[[Y]] : i8
// CHECK: return %{{.+}} : tensor<4xi8>
func.func @f(%a: tensor<4xui8>) -> tensor<4xui8> {
  %c = arith.constant dense<[1, 2, 3, 255]> : tensor<4xui8>
  %sa = tensor.bitcast %a : tensor<4xui8> to tensor<4xi8>
  %sc = tensor.bitcast %c : tensor<4xui8> to tensor<4xi8>
  %e = tensor.empty() : tensor<4xi8>
  %r = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%sa, %sc : tensor<4xi8>, tensor<4xi8>) outs(%e : tensor<4xi8>) {
  ^bb0(%x: i8, %y: i8, %o: i8):
    %m = arith.maxui %x, %y : i8
    linalg.yield %m : i8
  } -> tensor<4xi8>
  %u = tensor.bitcast %r : tensor<4xi8> to tensor<4xui8>
  // A data-movement op may stay on the unsigned type until the pass runs.
  %t = linalg.transpose ins(%u : tensor<4xui8>) outs(%a : tensor<4xui8>) permutation = [0]
  return %t : tensor<4xui8>
}
