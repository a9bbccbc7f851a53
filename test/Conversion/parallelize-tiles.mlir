// RUN: kiln-opt %s --kiln-parallelize-tiles | FileCheck %s

// A marked loop that carries nothing becomes an scf.parallel with the same
// bounds and body; a marked loop that carries a value stays a loop. No marks
// remain.

// CHECK-LABEL: func.func @tiles
// CHECK: scf.parallel (%[[J:.+]]) = (%[[C0:.+]]) to (%[[C64:.+]]) step (%[[C32:.+]]) {
// CHECK-NEXT: %[[V:.+]] = vector.transfer_read %{{.+}}[%[[C0]], %[[J]]]
// CHECK-NEXT: vector.transfer_write %[[V]], %{{.+}}[%[[C0]], %[[J]]]
// CHECK-NEXT: scf.reduce
// CHECK: scf.for {{.+}} iter_args
// CHECK-NOT: kiln.parallel_tiles
func.func @tiles(%a: memref<8x64xf32>, %b: memref<8x64xf32>) -> f32 {
  %c0 = arith.constant 0 : index
  %c32 = arith.constant 32 : index
  %c64 = arith.constant 64 : index
  %pad = arith.constant 0.0 : f32
  scf.for %j = %c0 to %c64 step %c32 {
    %v = vector.transfer_read %a[%c0, %j], %pad {in_bounds = [true, true]} : memref<8x64xf32>, vector<8x32xf32>
    vector.transfer_write %v, %b[%c0, %j] {in_bounds = [true, true]} : vector<8x32xf32>, memref<8x64xf32>
  } {kiln.parallel_tiles}
  %sum = scf.for %j = %c0 to %c64 step %c32 iter_args(%acc = %pad) -> f32 {
    %s = memref.load %a[%c0, %j] : memref<8x64xf32>
    %t = arith.addf %acc, %s : f32
    scf.yield %t : f32
  } {kiln.parallel_tiles}
  return %sum : f32
}
