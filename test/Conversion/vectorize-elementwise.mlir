// RUN: kiln-opt %s --split-input-file --kiln-vectorize-elementwise --canonicalize | FileCheck %s
// RUN: kiln-opt %s --split-input-file --kiln-vectorize-elementwise="vector-bits=128" --canonicalize | FileCheck %s --check-prefix=NARROW
// RUN: kiln-opt %s --split-input-file --kiln-vectorize-elementwise | FileCheck %s --check-prefix=LOOPS

// A Clip over a whole 14x14 feature map: every operand walks the four loops
// contiguously (the bounds are scalars), so they collapse into one run of
// 4 x 14 x 14 = 784 elements, 49 whole 16-lane vectors: no remainder, and
// no scalar loop for a 14-wide row. The loop is marked for
// kiln-parallelize-tiles.
// CHECK-LABEL: func.func @clip
// CHECK-DAG: %[[C16:.+]] = arith.constant 16 : index
// CHECK-DAG: %[[C784:.+]] = arith.constant 784 : index
// CHECK-DAG: memref.collapse_shape %{{.+}} {{\[}}[0, 1, 2, 3]] : memref<1x4x14x14xf32> into memref<784xf32>
// CHECK: scf.for %{{.+}} = %{{.+}} to %[[C784]] step %[[C16]] {
// CHECK: vector.transfer_read {{.+}} : memref<16xf32, {{.+}}>, vector<16xf32>
// CHECK: arith.maximumf {{.+}} : vector<16xf32>
// CHECK: arith.minimumf {{.+}} : vector<16xf32>
// CHECK: vector.transfer_write {{.+}} : vector<16xf32>, memref<16xf32
// CHECK: } {kiln.parallel_tiles}
// CHECK-NOT: linalg.generic
// NARROW-LABEL: func.func @clip
// NARROW: scf.for
// NARROW: arith.maximumf {{.+}} : vector<4xf32>
#id = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
#scalar = affine_map<(d0, d1, d2, d3) -> ()>
func.func @clip(%x: memref<1x4x14x14xf32>, %lo: memref<f32>, %hi: memref<f32>, %y: memref<1x4x14x14xf32>) {
  linalg.generic {indexing_maps = [#id, #scalar, #scalar, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%x, %lo, %hi : memref<1x4x14x14xf32>, memref<f32>, memref<f32>) outs(%y : memref<1x4x14x14xf32>) {
  ^bb0(%a: f32, %l: f32, %h: f32, %o: f32):
    %0 = arith.maximumf %a, %l : f32
    %1 = arith.minimumf %0, %h : f32
    linalg.yield %1 : f32
  }
  return
}

// -----

// A bias broadcast over 7x7 maps: the bias does not use the pixel loops, so
// they collapse (49 per channel) but the channels do not. Per channel: 3
// whole vectors of 16, then a remainder of one element, each with a static
// shape; both loop nests are marked.
// CHECK-LABEL: func.func @bias
// CHECK-DAG: %[[C48:.+]] = arith.constant 48 : index
// CHECK: memref.collapse_shape %{{.+}} {{\[}}[0], [1], [2, 3]] : memref<1x4x7x7xf32> into memref<1x4x49xf32>
// CHECK: scf.for
// CHECK: scf.for %{{.+}} = %{{.+}} to %[[C48]] step %{{.+}} {
// CHECK: vector.transfer_write {{.+}} : vector<1x1x16xf32>
// CHECK: } {kiln.parallel_tiles}
// CHECK: } {kiln.parallel_tiles}
// CHECK: scf.for
// CHECK: vector.transfer_write {{.+}} : vector<1x1x1xf32>
// CHECK: } {kiln.parallel_tiles}
#id = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
#chan = affine_map<(d0, d1, d2, d3) -> (d1)>
func.func @bias(%b: memref<4xf32>, %y: memref<1x4x7x7xf32>) {
  linalg.generic {indexing_maps = [#chan, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%b : memref<4xf32>) outs(%y : memref<1x4x7x7xf32>) {
  ^bb0(%a: f32, %o: f32):
    linalg.yield %a : f32
  }
  return
}

// -----

// A stride-2 view (a tap of a decomposed stride-2 depthwise convolution):
// its rows are not contiguous, so nothing collapses; each output row of 7 is
// one 7-lane vector, fewer than 16 lanes but no scalar loop. Its 7 elements
// span 13 contiguous ones, read as one vector of 14 lanes (the last one out
// of bounds, so masked) and shuffled: no load per lane.
// CHECK-LABEL: func.func @strided
// CHECK-NOT: memref.collapse_shape
// CHECK: scf.for
// CHECK: scf.for
// CHECK: %{{[^,]+}}, %[[OFFSET:[^,]+]], %{{.+}} = memref.extract_strided_metadata %{{.+}} : memref<1x1x1x7xf32, strided<[1024, 256, 32, 2], offset: ?>>
// CHECK: %[[SPAN:.+]] = memref.reinterpret_cast %{{.+}} to offset: [%[[OFFSET]]], sizes: [13], strides: [1]
// CHECK: %[[WIDE:.+]] = vector.transfer_read %[[SPAN]][%{{.+}}], %{{.+}} : memref<13xf32, strided<[1], offset: ?>>, vector<14xf32>
// CHECK: %[[EVEN:.+]] = vector.shuffle %[[WIDE]], %[[WIDE]] [0, 2, 4, 6, 8, 10, 12] : vector<14xf32>, vector<14xf32>
// CHECK: %[[ROW:.+]] = vector.shape_cast %[[EVEN]] : vector<7xf32> to vector<1x1x1x7xf32>
// CHECK: arith.mulf %[[ROW]], %[[ROW]] : vector<1x1x1x7xf32>
#id = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
func.func @strided(%x: memref<1x4x16x16xf32>, %y: memref<1x4x7x7xf32>) {
  %v = memref.subview %x[0, 0, 1, 1] [1, 4, 7, 7] [1, 1, 2, 2] : memref<1x4x16x16xf32> to memref<1x4x7x7xf32, strided<[1024, 256, 32, 2], offset: 17>>
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%v : memref<1x4x7x7xf32, strided<[1024, 256, 32, 2], offset: 17>>) outs(%y : memref<1x4x7x7xf32>) {
  ^bb0(%a: f32, %o: f32):
    %0 = arith.mulf %a, %a : f32
    linalg.yield %0 : f32
  }
  return
}

// -----

// Rows of a wider buffer (a producer writing into a concatenation): the
// output's rows are 40 apart but 16 long, so they do not collapse.
// CHECK-LABEL: func.func @rows
// CHECK-NOT: memref.collapse_shape
// CHECK: vector.transfer_write {{.+}} : vector<1x1x16xf32>, memref<1x1x16xf32, strided<[1600, 40, 1], offset: ?>>
#id3 = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
func.func @rows(%x: memref<2x40x16xf32>, %y: memref<2x40x40xf32>) {
  %v = memref.subview %y[0, 0, 0] [2, 40, 16] [1, 1, 1] : memref<2x40x40xf32> to memref<2x40x16xf32, strided<[1600, 40, 1]>>
  linalg.generic {indexing_maps = [#id3, #id3], iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%x : memref<2x40x16xf32>) outs(%v : memref<2x40x16xf32, strided<[1600, 40, 1]>>) {
  ^bb0(%a: f32, %o: f32):
    %0 = arith.negf %a : f32
    linalg.yield %0 : f32
  }
  return
}

// -----

// Left to LLVM: a transposed read (each lane from another row: a gather),
// booleans (i1 is a byte in memory but a bit in a vector), an innermost
// loop of 3 that does not collapse (mostly mask), and an op that reads its
// indices.
// CHECK-LABEL: func.func @untouched
// CHECK-NOT: vector.
// CHECK-COUNT-4: linalg.generic
// CHECK-NOT: vector.
#id2 = affine_map<(d0, d1) -> (d0, d1)>
#tr2 = affine_map<(d0, d1) -> (d1, d0)>
func.func @untouched(%x: memref<32x32xf32>, %y: memref<32x32xf32>, %b: memref<32x32xi1>,
                     %c: memref<32x32xi1>, %s: memref<32x8xf32>, %t: memref<32x3xf32>,
                     %i: memref<32x32xi64>) {
  linalg.generic {indexing_maps = [#tr2, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%x : memref<32x32xf32>) outs(%y : memref<32x32xf32>) {
  ^bb0(%a: f32, %o: f32):
    linalg.yield %a : f32
  }
  linalg.generic {indexing_maps = [#id2, #id2, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%b, %c : memref<32x32xi1>, memref<32x32xi1>) outs(%c : memref<32x32xi1>) {
  ^bb0(%a: i1, %d: i1, %o: i1):
    %0 = arith.xori %a, %d : i1
    linalg.yield %0 : i1
  }
  %v = memref.subview %s[0, 0] [32, 3] [1, 1] : memref<32x8xf32> to memref<32x3xf32, strided<[8, 1]>>
  linalg.generic {indexing_maps = [#id2, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%v : memref<32x3xf32, strided<[8, 1]>>) outs(%t : memref<32x3xf32>) {
  ^bb0(%a: f32, %o: f32):
    %0 = arith.negf %a : f32
    linalg.yield %0 : f32
  }
  linalg.generic {indexing_maps = [#id2], iterator_types = ["parallel", "parallel"]}
      outs(%i : memref<32x32xi64>) {
  ^bb0(%o: i64):
    %0 = linalg.index 1 : index
    %1 = arith.index_cast %0 : index to i64
    linalg.yield %1 : i64
  }
  return
}

// -----

// A strided copy (kiln-copies-to-linalg's linalg.copy: here one tap of an
// im2col matrix, rows of 55 pixels read from a padded 57-wide input) is
// elementwise too: each row is 3 whole vectors and a remainder of 7 lanes,
// not 55 scalar loads and stores.
// CHECK-LABEL: func.func @strided_copy
// CHECK-NOT: linalg.copy
// CHECK: vector.transfer_read {{.+}} : memref<1x1x1x16xf32, strided<[51984, 3249, 57, 1], offset: ?>>, vector<1x1x1x16xf32>
// CHECK: vector.transfer_write {{.+}} : vector<1x1x1x16xf32>, memref<1x1x1x16xf32, strided<[440064, 27504, 55, 1], offset: ?>>
// CHECK: vector.transfer_read {{.+}} vector<1x1x1x7xf32>
// CHECK: vector.transfer_write {{.+}} : vector<1x1x1x7xf32>
// CHECK-NOT: linalg.copy
func.func @strided_copy(%x: memref<1x16x55x55xf32, strided<[51984, 3249, 57, 1], offset: 58>>, %y: memref<1x16x55x55xf32, strided<[440064, 27504, 55, 1], offset: 3056>>) {
  linalg.copy ins(%x : memref<1x16x55x55xf32, strided<[51984, 3249, 57, 1], offset: 58>>) outs(%y : memref<1x16x55x55xf32, strided<[440064, 27504, 55, 1], offset: 3056>>)
  return
}

// -----

// A whole im2col matrix, col[0, c, kh, kw, oh, ow] = x[0, c, kh + oh, kw + ow]
// out of a padded 57x57 map, as kiln-copies-to-linalg gives it: a copy from
// a view whose dimensions overlap. One loop nest over the rows
// (16 channels x 3 x 3 taps x 55 rows), each row 3 vectors and 7 lanes.
// Without canonicalization (LOOPS), no loop is left over the batch of one or
// over the single rows of a tile: exactly the 4 row loops and one loop each
// for the vectors and the remainder.
// CHECK-LABEL: func.func @window
// CHECK-DAG: %[[C3:.+]] = arith.constant 3 : index
// CHECK-DAG: %[[C16:.+]] = arith.constant 16 : index
// CHECK-DAG: %[[C55:.+]] = arith.constant 55 : index
// CHECK: scf.for %{{.+}} = %{{.+}} to %[[C16]]
// CHECK: scf.for %{{.+}} = %{{.+}} to %[[C3]]
// CHECK: scf.for %{{.+}} = %{{.+}} to %[[C3]]
// CHECK: scf.for %{{.+}} = %{{.+}} to %[[C55]]
// CHECK: vector.transfer_read {{.+}} : memref<1x1x1x1x1x16xf32, strided<[51984, 3249, 57, 1, 57, 1], offset: ?>>, vector<1x1x1x1x1x16xf32>
// CHECK: vector.transfer_write {{.+}} : vector<1x1x1x1x1x16xf32>
// CHECK: vector.transfer_write {{.+}} : vector<1x1x1x1x1x7xf32>
// LOOPS-LABEL: func.func @window
// LOOPS-COUNT-6: scf.for
// LOOPS-NOT: scf.for
// LOOPS: return
func.func @window(%x: memref<1x16x3x3x55x55xf32, strided<[51984, 3249, 57, 1, 57, 1]>>, %col: memref<1x16x3x3x55x55xf32>) {
  linalg.copy ins(%x : memref<1x16x3x3x55x55xf32, strided<[51984, 3249, 57, 1, 57, 1]>>) outs(%col : memref<1x16x3x3x55x55xf32>)
  return
}

// -----

// A copy out of a padded 29x29 map into 27x27 (a tap of an im2col matrix):
// rows of 27 do not collapse, 16 + 11 lanes each. With 32 x 27 rows, the
// whole vector and the remainder of a row are in one loop nest over the
// rows (one parallel loop, one fork and join of the threads), not one nest
// each as @bias's 4 rows are.
// CHECK-LABEL: func.func @taps
// CHECK-DAG: %[[C27:.+]] = arith.constant 27 : index
// CHECK-DAG: %[[C32:.+]] = arith.constant 32 : index
// CHECK: scf.for %{{.+}} = %{{.+}} to %[[C32]]
// CHECK: scf.for %{{.+}} = %{{.+}} to %[[C27]]
// CHECK-NOT: scf.for
// CHECK: vector.transfer_write {{.+}} : vector<1x1x1x16xf32>
// CHECK-NOT: scf.for
// CHECK: vector.transfer_write {{.+}} : vector<1x1x1x11xf32>
// CHECK: } {kiln.parallel_tiles}
// CHECK: } {kiln.parallel_tiles}
// CHECK-NOT: vector.transfer_write
#id = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
func.func @taps(%x: memref<1x32x27x27xf32, strided<[26912, 841, 29, 1], offset: 30>>, %y: memref<1x32x27x27xf32>) {
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%x : memref<1x32x27x27xf32, strided<[26912, 841, 29, 1], offset: 30>>) outs(%y : memref<1x32x27x27xf32>) {
  ^bb0(%a: f32, %o: f32):
    linalg.yield %a : f32
  }
  return
}
