// RUN: kiln-opt %s --split-input-file --kiln-copies-to-linalg | FileCheck %s

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

// -----

// An im2col copy of a 3x3 convolution (kiln-tile-contractions):
// col[n, c, kh, kw, oh, ow] = x[n, c, kh + oh, kw + ow], x of 1x2x6x6 with
// strides [72, 36, 6, 1]. Element (n, c, kh, kw, oh, ow) of x is at
// 72 n + 36 c + 6 kh + kw + 6 oh + ow: one strided view of x with
// strides [72, 36, 6, 1, 6, 1], copied by linalg.copy.

// CHECK-LABEL: func.func @im2col(
// CHECK-SAME: %[[X:[^:]+]]: memref<1x2x6x6xf32>, %[[COL:[^:]+]]: memref<1x2x3x3x4x4xf32>
// CHECK: %[[V:.+]] = memref.reinterpret_cast %[[X]] to offset: [0], sizes: [1, 2, 3, 3, 4, 4], strides: [72, 36, 6, 1, 6, 1]
// CHECK: linalg.copy ins(%[[V]] : memref<1x2x3x3x4x4xf32, strided<[72, 36, 6, 1, 6, 1]>>) outs(%[[COL]] : memref<1x2x3x3x4x4xf32>)
// CHECK-NOT: linalg.generic
func.func @im2col(%x: memref<1x2x6x6xf32>, %col: memref<1x2x3x3x4x4xf32>) {
  linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2 + d4, d3 + d5)>,
                                   affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2, d3, d4, d5)>],
                  iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel", "parallel"]}
      ins(%x : memref<1x2x6x6xf32>) outs(%col : memref<1x2x3x3x4x4xf32>) {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  }
  return
}

// -----

// Strides [1, 2], dilations [2, 3] and a constant row offset of 1, out of a
// view at offset 13 of a 1x2x10x12 buffer (strides [240, 120, 12, 1]):
// x[n, c, oh + 2 kh + 1, 2 ow + 3 kw] is at
// 13 + 240 n + 120 c + 12 (oh + 2 kh + 1) + 2 ow + 3 kw, i.e. offset 25 and
// strides [240, 120, 24, 3, 12, 2] for (n, c, kh, kw, oh, ow).

// CHECK-LABEL: func.func @im2col_strided(
// CHECK: %[[X:.+]] = memref.subview
// CHECK: memref.reinterpret_cast %[[X]] to offset: [25], sizes: [1, 2, 3, 3, 4, 3], strides: [240, 120, 24, 3, 12, 2]
// CHECK: linalg.copy
// CHECK-NOT: linalg.generic
func.func @im2col_strided(%buffer: memref<1x2x10x12xf32>, %col: memref<1x2x3x3x4x3xf32>) {
  %x = memref.subview %buffer[0, 0, 1, 1] [1, 2, 9, 11] [1, 1, 1, 1] : memref<1x2x10x12xf32> to memref<1x2x9x11xf32, strided<[240, 120, 12, 1], offset: 13>>
  linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d4 + d2 * 2 + 1, d5 * 2 + d3 * 3)>,
                                   affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2, d3, d4, d5)>],
                  iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel", "parallel"]}
      ins(%x : memref<1x2x9x11xf32, strided<[240, 120, 12, 1], offset: 13>>) outs(%col : memref<1x2x3x3x4x3xf32>) {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  }
  return
}

// -----

// What is not a window stays a generic: an index divided (no constant
// stride), a reversed walk (a negative stride), an input whose strides are
// not known, a body that computes, and a plain transpose (a permutation,
// which kiln-vectorize-elementwise takes as it is).

// CHECK-LABEL: func.func @not_windows
// CHECK-NOT: memref.reinterpret_cast
// CHECK-NOT: linalg.copy
// CHECK-COUNT-5: linalg.generic
// CHECK-NOT: linalg.copy
func.func @not_windows(%a: memref<8xf32>, %b: memref<16xf32>, %d: memref<?xf32, strided<[?]>>, %t: memref<4x2xf32>, %u: memref<2x4xf32>) {
  linalg.generic {indexing_maps = [affine_map<(d0) -> (d0 floordiv 2)>, affine_map<(d0) -> (d0)>],
                  iterator_types = ["parallel"]}
      ins(%a : memref<8xf32>) outs(%b : memref<16xf32>) {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  }
  %c = memref.subview %b[0] [8] [1] : memref<16xf32> to memref<8xf32, strided<[1]>>
  linalg.generic {indexing_maps = [affine_map<(d0) -> (7 - d0)>, affine_map<(d0) -> (d0)>],
                  iterator_types = ["parallel"]}
      ins(%a : memref<8xf32>) outs(%c : memref<8xf32, strided<[1]>>) {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  }
  linalg.generic {indexing_maps = [affine_map<(d0) -> (d0 + 1)>, affine_map<(d0) -> (d0)>],
                  iterator_types = ["parallel"]}
      ins(%d : memref<?xf32, strided<[?]>>) outs(%a : memref<8xf32>) {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  }
  linalg.generic {indexing_maps = [affine_map<(d0) -> (d0 + 1)>, affine_map<(d0) -> (d0)>],
                  iterator_types = ["parallel"]}
      ins(%b : memref<16xf32>) outs(%a : memref<8xf32>) {
  ^bb0(%in: f32, %out: f32):
    %n = arith.negf %in : f32
    linalg.yield %n : f32
  }
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d1, d0)>, affine_map<(d0, d1) -> (d0, d1)>],
                  iterator_types = ["parallel", "parallel"]}
      ins(%t : memref<4x2xf32>) outs(%u : memref<2x4xf32>) {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  }
  return
}
