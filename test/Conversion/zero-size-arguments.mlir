// RUN: kiln-opt %s --kiln-zero-size-arguments | FileCheck %s

// Zero-element arguments of rank > 1 become memref<0xT>; their uses read a
// zero-sized alloca of the original type. Others are left alone.

// CHECK-LABEL: func.func @main
// CHECK-SAME: (%[[A:.+]]: memref<0xi64>, %[[B:.+]]: memref<2xf32>, %[[C:.+]]: memref<0xf32>)
// CHECK: %[[STAND_IN:.+]] = memref.alloca() : memref<3x0x5xi64>
// CHECK: memref.dim %[[STAND_IN]]
func.func @main(%a: memref<3x0x5xi64>, %b: memref<2xf32>, %c: memref<0xf32>) -> index {
  %c1 = arith.constant 1 : index
  %d = memref.dim %a, %c1 : memref<3x0x5xi64>
  return %d : index
}
