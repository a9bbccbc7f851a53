// RUN: kiln-opt %s --kiln-parallel-to-runtime="min-work=1 min-largest-work=1" | FileCheck %s

// A split dimension of fewer than 16 iterations is split together with the
// next one: 5 column tiles of 8 row tiles are 40 iterations of one
// collapsed dimension (3 and 2 column tiles on two threads would leave one
// idle for a fifth of the loop). With no next dimension, 5 stay 5. With 16
// or more row tiles, the row tiles are split alone: each thread walks every
// column tile of its rows. Dimensions of few iterations are collapsed until
// they have 16 or more together: an im2col copy of 3 channels over
// (channel, kh, kw, row) splits its 3 x 3 x 3 = 27 rows of the matrix, and
// each thread copies all 40 rows of the map for its share.

// CHECK-LABEL: func.func @main(
// CHECK: %[[N40:.+]] = arith.constant 40 : i64
// CHECK: call @kiln_parallel_for(%{{.+}}, %[[N40]],
// CHECK: %[[N5:.+]] = arith.constant 5 : i64
// CHECK: call @kiln_parallel_for(%{{.+}}, %[[N5]],
// CHECK: %[[N32:.+]] = arith.constant 32 : i64
// CHECK: call @kiln_parallel_for(%{{.+}}, %[[N32]],
// CHECK: %[[N27:.+]] = arith.constant 27 : i64
// CHECK: call @kiln_parallel_for(%{{.+}}, %[[N27]],

// The outlined loop walks the collapsed dimension and recovers the column
// and the row tile by a division and a remainder by the 8 row tiles.
// CHECK-LABEL: func.func private @main_par_0(
// CHECK: scf.parallel (%[[L:.+]]) =
// CHECK-DAG: arith.remsi %[[L]], %{{.+}} : index
// CHECK-DAG: arith.divsi %[[L]], %{{.+}} : index
// CHECK: vector.transfer_read
// CHECK-LABEL: func.func private @main_par_1(
// CHECK: scf.parallel (%{{.+}}) =

// Row tiles [begin, end) of the call, every column tile: iteration i of the
// row tiles is row 8 * i.
// CHECK-LABEL: func.func private @main_par_2(
// CHECK-SAME: %{{.+}}: !llvm.ptr, %[[BEGIN:.+]]: i64, %[[END:.+]]: i64)
// CHECK-DAG: %[[C0:.+]] = arith.constant 0 : index
// CHECK-DAG: %[[C8:.+]] = arith.constant 8 : index
// CHECK-DAG: %[[C32:.+]] = arith.constant 32 : index
// CHECK-DAG: %[[C160:.+]] = arith.constant 160 : index
// CHECK: %[[B:.+]] = arith.index_cast %[[BEGIN]] : i64 to index
// CHECK: %[[BR:.+]] = arith.muli %[[B]], %[[C8]] : index
// CHECK: %[[LO:.+]] = arith.addi %[[C0]], %[[BR]] : index
// CHECK: %[[E:.+]] = arith.index_cast %[[END]] : i64 to index
// CHECK: %[[ER:.+]] = arith.muli %[[E]], %[[C8]] : index
// CHECK: %[[HI:.+]] = arith.addi %[[C0]], %[[ER]] : index
// CHECK: scf.parallel (%{{.+}}, %{{.+}}) = (%[[C0]], %[[LO]]) to (%[[C160]], %[[HI]]) step (%[[C32]], %[[C8]])

// The three collapsed dimensions [begin, end) of 27 (the channel, kh and
// kw recovered by divisions and remainders by 3), then every row.
// CHECK-LABEL: func.func private @main_par_3(
// CHECK-SAME: %{{.+}}: !llvm.ptr, %[[BEGIN:.+]]: i64, %[[END:.+]]: i64)
// CHECK: arith.index_cast %[[BEGIN]] : i64 to index
// CHECK: arith.index_cast %[[END]] : i64 to index
// CHECK: scf.parallel (%[[I:.+]], %[[ROW:.+]]) = (%{{.+}}, %{{.+}}) to (%{{.+}}, %{{.+}}) step
// CHECK: %[[KW:.+]] = arith.remsi %[[I]], %{{.+}} : index
// CHECK: %[[I2:.+]] = arith.divsi %[[I]], %{{.+}} : index
// CHECK: %[[KH:.+]] = arith.remsi %[[I2]], %{{.+}} : index
// CHECK: %[[CH:.+]] = arith.divsi %[[I2]], %{{.+}} : index
// CHECK: vector.transfer_read %{{.+}}[%[[CH]], %[[KH]], %[[KW]], %[[ROW]], %{{.+}}]
func.func @main(%a: memref<64x160xf32>, %b: memref<64x160xf32>, %c: memref<256x160xf32>,
                %d: memref<3x3x3x40x16xf32>, %e: memref<3x3x3x40x16xf32>) {
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
  %c256 = arith.constant 256 : index
  scf.parallel (%j, %i) = (%c0, %c0) to (%c160, %c256) step (%c32, %c8) {
    %v = vector.transfer_read %c[%i, %j], %pad {in_bounds = [true, true]} : memref<256x160xf32>, vector<8x32xf32>
    vector.transfer_write %v, %c[%i, %j] {in_bounds = [true, true]} : vector<8x32xf32>, memref<256x160xf32>
  }
  %c1 = arith.constant 1 : index
  %c3 = arith.constant 3 : index
  %c40 = arith.constant 40 : index
  scf.parallel (%ch, %kh, %kw, %row) = (%c0, %c0, %c0, %c0) to (%c3, %c3, %c3, %c40) step (%c1, %c1, %c1, %c1) {
    %v = vector.transfer_read %d[%ch, %kh, %kw, %row, %c0], %pad {in_bounds = [true]} : memref<3x3x3x40x16xf32>, vector<16xf32>
    vector.transfer_write %v, %e[%ch, %kh, %kw, %row, %c0] {in_bounds = [true]} : vector<16xf32>, memref<3x3x3x40x16xf32>
  }
  return
}
