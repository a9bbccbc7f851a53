// RUN: kiln-opt %s --kiln-parallel-to-runtime="min-work=1 min-largest-work=1" | FileCheck %s

// A split dimension of fewer than 16 iterations is split together with the
// next one: 5 column tiles of 8 row tiles are 40 iterations of one
// collapsed dimension (3 and 2 column tiles on two threads would leave one
// idle for a fifth of the loop). With no next dimension, 5 stay 5.

// CHECK-LABEL: func.func @main(
// CHECK: %[[N40:.+]] = arith.constant 40 : i64
// CHECK: call @kiln_parallel_for(%{{.+}}, %[[N40]],
// CHECK: %[[N5:.+]] = arith.constant 5 : i64
// CHECK: call @kiln_parallel_for(%{{.+}}, %[[N5]],

// The outlined loop walks the collapsed dimension and recovers the column
// and the row tile by a division and a remainder by the 8 row tiles.
// CHECK-LABEL: func.func private @main_par_0(
// CHECK: scf.parallel (%[[L:.+]]) =
// CHECK-DAG: arith.remsi %[[L]], %{{.+}} : index
// CHECK-DAG: arith.divsi %[[L]], %{{.+}} : index
// CHECK: vector.transfer_read
// CHECK-LABEL: func.func private @main_par_1(
// CHECK: scf.parallel (%{{.+}}) =
func.func @main(%a: memref<64x160xf32>, %b: memref<64x160xf32>) {
  %c0 = arith.constant 0 : index
  %c8 = arith.constant 8 : index
  %c32 = arith.constant 32 : index
  %c64 = arith.constant 64 : index
  %c160 = arith.constant 160 : index
  %pad = arith.constant 0.0 : f32
  scf.parallel (%j, %i) = (%c0, %c0) to (%c160, %c64) step (%c32, %c8) {
    %v = vector.transfer_read %a[%i, %j], %pad {in_bounds = [true, true]} : memref<64x160xf32>, vector<8x32xf32>
    vector.transfer_write %v, %b[%i, %j] {in_bounds = [true, true]} : vector<8x32xf32>, memref<64x160xf32>
  }
  scf.parallel (%j) = (%c0) to (%c160) step (%c32) {
    %v = vector.transfer_read %a[%c0, %j], %pad {in_bounds = [true, true]} : memref<64x160xf32>, vector<8x32xf32>
    vector.transfer_write %v, %b[%c0, %j] {in_bounds = [true, true]} : vector<8x32xf32>, memref<64x160xf32>
  }
  return
}
