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

// Marked loops nested with nothing else between them (column tiles, then
// row tiles) become one two-dimensional scf.parallel. A marked loop nested
// after other ops stays a loop of its own, inside.

// CHECK-LABEL: func.func @nest
// CHECK: scf.parallel (%[[J:.+]], %[[I:.+]]) = (%{{.+}}, %{{.+}}) to (%{{.+}}, %{{.+}}) step (%{{.+}}, %{{.+}}) {
// CHECK-NEXT: vector.transfer_read %{{.+}}[%[[I]], %[[J]]]
// CHECK-NOT: scf.for
// CHECK: scf.parallel (%[[J2:.+]]) =
// CHECK-NEXT: memref.store %{{.+}}, %{{.+}}[%{{.+}}, %[[J2]]]
// CHECK-NEXT: scf.parallel (%[[K:.+]]) =
// CHECK-NEXT: memref.store %{{.+}}, %{{.+}}[%[[K]], %[[J2]]]
// CHECK-NOT: kiln.parallel_tiles
func.func @nest(%a: memref<16x64xf32>, %b: memref<16x64xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c8 = arith.constant 8 : index
  %c16 = arith.constant 16 : index
  %c32 = arith.constant 32 : index
  %c64 = arith.constant 64 : index
  %pad = arith.constant 0.0 : f32
  scf.for %j = %c0 to %c64 step %c32 {
    scf.for %i = %c0 to %c16 step %c8 {
      %v = vector.transfer_read %a[%i, %j], %pad {in_bounds = [true, true]} : memref<16x64xf32>, vector<8x32xf32>
      vector.transfer_write %v, %b[%i, %j] {in_bounds = [true, true]} : vector<8x32xf32>, memref<16x64xf32>
    } {kiln.parallel_tiles}
  } {kiln.parallel_tiles}
  scf.for %j = %c0 to %c64 step %c32 {
    memref.store %pad, %b[%c0, %j] : memref<16x64xf32>
    scf.for %k = %c0 to %c16 step %c1 {
      memref.store %pad, %b[%k, %j] : memref<16x64xf32>
    } {kiln.parallel_tiles}
  } {kiln.parallel_tiles}
  return
}
