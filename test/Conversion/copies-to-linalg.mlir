// RUN: kiln-opt %s --kiln-copies-to-linalg | FileCheck %s

// A copy out of a strided view becomes linalg.copy (plain loops, no call to
// MLIR's memrefCopy); a contiguous copy stays a memref.copy (memcpy).

// CHECK-LABEL: func.func @copies
// CHECK: %[[VIEW:.+]] = memref.subview
// CHECK: linalg.copy ins(%[[VIEW]] : memref<2x2xf32, strided<[4, 1], offset: 1>>) outs(%{{.+}} : memref<2x2xf32>)
// CHECK: memref.copy %{{.+}}, %{{.+}} : memref<4x4xf32> to memref<4x4xf32>
func.func @copies(%a: memref<4x4xf32>, %b: memref<2x2xf32>, %c: memref<4x4xf32>) {
  %v = memref.subview %a[0, 1] [2, 2] [1, 1] : memref<4x4xf32> to memref<2x2xf32, strided<[4, 1], offset: 1>>
  memref.copy %v, %b : memref<2x2xf32, strided<[4, 1], offset: 1>> to memref<2x2xf32>
  memref.copy %a, %c : memref<4x4xf32> to memref<4x4xf32>
  return
}
