// RUN: kiln-opt %s --split-input-file --kiln-prefetch-next-panel | FileCheck %s
// RUN: kiln-opt %s --split-input-file --kiln-prefetch-next-panel=min-row-bytes=2048 | FileCheck %s --check-prefix=NEAR

// A product's tiles: column panels of 32 (%j), row tiles (%i), and a
// reduction loop that reads row %k of the panel. Its rows are 2048 floats
// (8 KiB) apart: each step also prefetches, into L2, the two cache lines of
// the same row of the next panel (the last panel: itself).

// CHECK-LABEL: func.func @far
// CHECK: scf.parallel (%[[J:[a-z0-9_]+]], %{{.+}}) =
// CHECK: %[[LAST:[a-z0-9_]+]] = arith.subi %c2048, %c32
// CHECK: %[[NEXT:[a-z0-9_]+]] = arith.addi %[[J]], %c32
// CHECK: %[[P:[a-z0-9_]+]] = arith.minsi %[[NEXT]], %[[LAST]]
// CHECK: scf.for %[[K:[a-z0-9_]+]] = 
// CHECK: %[[ROW:[a-z0-9_]+]] = memref.subview %{{.+}}[%[[K]], %[[P]]] [1, 32] [1, 1]
// CHECK: memref.prefetch %[[ROW]][%{{.+}}, %{{.+}}], read, locality<2>, data
// CHECK: memref.prefetch %[[ROW]][%{{.+}}, %{{.+}}], read, locality<2>, data
// CHECK-NOT: memref.prefetch
// CHECK: vector.transfer_read
// CHECK: return
func.func @far(%w: memref<8x64xf32>, %x: memref<64x2048xf32>, %y: memref<8x2048xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c8 = arith.constant 8 : index
  %c32 = arith.constant 32 : index
  %c64 = arith.constant 64 : index
  %c2048 = arith.constant 2048 : index
  %cst = arith.constant 0.0 : f32
  scf.parallel (%j, %i) = (%c0, %c0) to (%c2048, %c8) step (%c32, %c1) {
    %out = memref.subview %y[%i, %j] [1, 32] [1, 1] : memref<8x2048xf32> to memref<1x32xf32, strided<[2048, 1], offset: ?>>
    %init = vector.transfer_read %out[%c0, %c0], %cst {in_bounds = [true]} : memref<1x32xf32, strided<[2048, 1], offset: ?>>, vector<32xf32>
    %acc = scf.for %k = %c0 to %c64 step %c1 iter_args(%a = %init) -> (vector<32xf32>) {
      %row = memref.subview %x[%k, %j] [1, 32] [1, 1] : memref<64x2048xf32> to memref<1x32xf32, strided<[2048, 1], offset: ?>>
      %v = vector.transfer_read %row[%c0, %c0], %cst {in_bounds = [true]} : memref<1x32xf32, strided<[2048, 1], offset: ?>>, vector<32xf32>
      %s = memref.load %w[%i, %k] : memref<8x64xf32>
      %b = vector.broadcast %s : f32 to vector<32xf32>
      %f = vector.fma %b, %v, %a : vector<32xf32>
      scf.yield %f : vector<32xf32>
    }
    vector.transfer_write %acc, %out[%c0, %c0] {in_bounds = [true]} : vector<32xf32>, memref<1x32xf32, strided<[2048, 1], offset: ?>>
    scf.reduce
  }
  return
}

// -----

// Rows 512 floats (2 KiB) apart: the hardware prefetchers follow them, and
// nothing is added unless min-row-bytes allows it.

// CHECK-LABEL: func.func @near
// CHECK-NOT: memref.prefetch
// NEAR-LABEL: func.func @near
// NEAR-COUNT-2: memref.prefetch
func.func @near(%w: memref<8x64xf32>, %x: memref<64x512xf32>, %y: memref<8x512xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c8 = arith.constant 8 : index
  %c32 = arith.constant 32 : index
  %c64 = arith.constant 64 : index
  %c512 = arith.constant 512 : index
  %cst = arith.constant 0.0 : f32
  scf.parallel (%j, %i) = (%c0, %c0) to (%c512, %c8) step (%c32, %c1) {
    %out = memref.subview %y[%i, %j] [1, 32] [1, 1] : memref<8x512xf32> to memref<1x32xf32, strided<[512, 1], offset: ?>>
    %init = vector.transfer_read %out[%c0, %c0], %cst {in_bounds = [true]} : memref<1x32xf32, strided<[512, 1], offset: ?>>, vector<32xf32>
    %acc = scf.for %k = %c0 to %c64 step %c1 iter_args(%a = %init) -> (vector<32xf32>) {
      %row = memref.subview %x[%k, %j] [1, 32] [1, 1] : memref<64x512xf32> to memref<1x32xf32, strided<[512, 1], offset: ?>>
      %v = vector.transfer_read %row[%c0, %c0], %cst {in_bounds = [true]} : memref<1x32xf32, strided<[512, 1], offset: ?>>, vector<32xf32>
      %s = memref.load %w[%i, %k] : memref<8x64xf32>
      %b = vector.broadcast %s : f32 to vector<32xf32>
      %f = vector.fma %b, %v, %a : vector<32xf32>
      scf.yield %f : vector<32xf32>
    }
    vector.transfer_write %acc, %out[%c0, %c0] {in_bounds = [true]} : vector<32xf32>, memref<1x32xf32, strided<[512, 1], offset: ?>>
    scf.reduce
  }
  return
}

// -----

// One row tile per panel: nothing reads a panel twice, nothing is
// prefetched.

// CHECK-LABEL: func.func @one_row_tile
// CHECK-NOT: memref.prefetch
func.func @one_row_tile(%w: memref<8x64xf32>, %x: memref<64x2048xf32>, %y: memref<8x2048xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c8 = arith.constant 8 : index
  %c32 = arith.constant 32 : index
  %c64 = arith.constant 64 : index
  %c2048 = arith.constant 2048 : index
  %cst = arith.constant 0.0 : f32
  scf.parallel (%j, %i) = (%c0, %c0) to (%c2048, %c1) step (%c32, %c1) {
    %out = memref.subview %y[%i, %j] [1, 32] [1, 1] : memref<8x2048xf32> to memref<1x32xf32, strided<[2048, 1], offset: ?>>
    %init = vector.transfer_read %out[%c0, %c0], %cst {in_bounds = [true]} : memref<1x32xf32, strided<[2048, 1], offset: ?>>, vector<32xf32>
    %acc = scf.for %k = %c0 to %c64 step %c1 iter_args(%a = %init) -> (vector<32xf32>) {
      %row = memref.subview %x[%k, %j] [1, 32] [1, 1] : memref<64x2048xf32> to memref<1x32xf32, strided<[2048, 1], offset: ?>>
      %v = vector.transfer_read %row[%c0, %c0], %cst {in_bounds = [true]} : memref<1x32xf32, strided<[2048, 1], offset: ?>>, vector<32xf32>
      %s = memref.load %w[%i, %k] : memref<8x64xf32>
      %b = vector.broadcast %s : f32 to vector<32xf32>
      %f = vector.fma %b, %v, %a : vector<32xf32>
      scf.yield %f : vector<32xf32>
    }
    vector.transfer_write %acc, %out[%c0, %c0] {in_bounds = [true]} : vector<32xf32>, memref<1x32xf32, strided<[2048, 1], offset: ?>>
    scf.reduce
  }
  return
}

// -----

// Weights packed in panels ([4][64][32]): successive reduction steps read
// contiguous rows, but the panels are 8 KiB apart: the next panel's row is
// prefetched too, a second stream ahead of the first (measured: it pays
// when the weights come from memory).

// CHECK-LABEL: func.func @packed
// CHECK: scf.for
// CHECK-COUNT-2: memref.prefetch %{{.+}}, read, locality<2>, data : memref<1x1x32xf32, strided<[2048, 32, 1], offset: ?>>
// CHECK-NOT: memref.prefetch
func.func @packed(%w: memref<4x64x32xf32>, %x: memref<8x64xf32>, %y: memref<8x4x32xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %c8 = arith.constant 8 : index
  %c64 = arith.constant 64 : index
  %cst = arith.constant 0.0 : f32
  scf.parallel (%p, %i) = (%c0, %c0) to (%c4, %c8) step (%c1, %c1) {
    %out = memref.subview %y[%i, %p, 0] [1, 1, 32] [1, 1, 1] : memref<8x4x32xf32> to memref<1x1x32xf32, strided<[128, 32, 1], offset: ?>>
    %init = vector.transfer_read %out[%c0, %c0, %c0], %cst {in_bounds = [true]} : memref<1x1x32xf32, strided<[128, 32, 1], offset: ?>>, vector<32xf32>
    %acc = scf.for %k = %c0 to %c64 step %c1 iter_args(%a = %init) -> (vector<32xf32>) {
      %row = memref.subview %w[%p, %k, 0] [1, 1, 32] [1, 1, 1] : memref<4x64x32xf32> to memref<1x1x32xf32, strided<[2048, 32, 1], offset: ?>>
      %v = vector.transfer_read %row[%c0, %c0, %c0], %cst {in_bounds = [true]} : memref<1x1x32xf32, strided<[2048, 32, 1], offset: ?>>, vector<32xf32>
      %s = memref.load %x[%i, %k] : memref<8x64xf32>
      %b = vector.broadcast %s : f32 to vector<32xf32>
      %f = vector.fma %b, %v, %a : vector<32xf32>
      scf.yield %f : vector<32xf32>
    }
    vector.transfer_write %acc, %out[%c0, %c0, %c0] {in_bounds = [true]} : vector<32xf32>, memref<1x1x32xf32, strided<[128, 32, 1], offset: ?>>
    scf.reduce
  }
  return
}
