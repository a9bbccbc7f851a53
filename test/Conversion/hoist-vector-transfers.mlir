// RUN: kiln-opt %s --split-input-file --kiln-hoist-vector-transfers | FileCheck %s

// The accumulator tile of a reduction loop is read before the loop, carried
// in registers, and written after it.

// CHECK-LABEL: func.func @accumulate
// CHECK: %[[INIT:.+]] = vector.transfer_read %[[C:.+]][%{{.+}}, %{{.+}}]
// CHECK: %[[SUM:.+]] = scf.for {{.+}} iter_args(%[[ACC:.+]] = %[[INIT]]) -> (vector<8x32xf32>) {
// CHECK-NOT: vector.transfer_write
// CHECK: vector.contract {{.+}} %[[ACC]]
// CHECK: scf.yield
// CHECK: vector.transfer_write %[[SUM]], %[[C]]
#mA = affine_map<(m, n, k) -> (m, k)>
#mB = affine_map<(m, n, k) -> (k, n)>
#mC = affine_map<(m, n, k) -> (m, n)>
func.func @accumulate(%a: memref<8x64xf32>, %b: memref<64x32xf32>, %c: memref<8x32xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c64 = arith.constant 64 : index
  %pad = arith.constant 0.0 : f32
  scf.for %k = %c0 to %c64 step %c1 {
    %x = vector.transfer_read %a[%c0, %k], %pad {in_bounds = [true, true]} : memref<8x64xf32>, vector<8x1xf32>
    %y = vector.transfer_read %b[%k, %c0], %pad {in_bounds = [true, true]} : memref<64x32xf32>, vector<1x32xf32>
    %acc = vector.transfer_read %c[%c0, %c0], %pad {in_bounds = [true, true]} : memref<8x32xf32>, vector<8x32xf32>
    %r = vector.contract {indexing_maps = [#mA, #mB, #mC], iterator_types = ["parallel", "parallel", "reduction"], kind = #vector.kind<add>} %x, %y, %acc : vector<8x1xf32>, vector<1x32xf32> into vector<8x32xf32>
    vector.transfer_write %r, %c[%c0, %c0] {in_bounds = [true, true]} : vector<8x32xf32>, memref<8x32xf32>
  }
  return
}

// -----

// The real shape after bufferization: the accumulator tile is a
// memref.subview of the output, defined outside the reduction loop. Upstream's
// hoistRedundantVectorTransfers refuses views; ours hoists the pair on the
// view, since nothing else in the loop writes memory.

// CHECK-LABEL: func.func @subview
// CHECK: %[[TILE:.+]] = memref.subview
// CHECK-NEXT: %[[INIT:.+]] = vector.transfer_read %[[TILE]][%{{.+}}, %{{.+}}], %{{.+}} {in_bounds = [true, true]} : memref<8x32xf32, strided<[64, 1], offset: ?>>, vector<8x32xf32>
// CHECK-NEXT: %[[SUM:.+]] = scf.for {{.+}} iter_args(%[[ACC:[^ ]+]] = %[[INIT]]) -> (vector<8x32xf32>) {
// CHECK-NOT: %[[TILE]]
// CHECK: vector.contract {{.+}} %[[ACC]] :
// CHECK-NEXT: scf.yield
// CHECK-NEXT: {{^ *}}}{{$}}
// CHECK-NEXT: vector.transfer_write %[[SUM]], %[[TILE]][%{{.+}}, %{{.+}}] {in_bounds = [true, true]}
#mA = affine_map<(m, n, k) -> (m, k)>
#mB = affine_map<(m, n, k) -> (k, n)>
#mC = affine_map<(m, n, k) -> (m, n)>
func.func @subview(%a: memref<8x64xf32>, %b: memref<64x32xf32>, %c: memref<16x64xf32>, %i: index, %j: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c64 = arith.constant 64 : index
  %pad = arith.constant 0.0 : f32
  %tile = memref.subview %c[%i, %j] [8, 32] [1, 1] : memref<16x64xf32> to memref<8x32xf32, strided<[64, 1], offset: ?>>
  scf.for %k = %c0 to %c64 step %c1 {
    %x = vector.transfer_read %a[%c0, %k], %pad {in_bounds = [true, true]} : memref<8x64xf32>, vector<8x1xf32>
    %y = vector.transfer_read %b[%k, %c0], %pad {in_bounds = [true, true]} : memref<64x32xf32>, vector<1x32xf32>
    %acc = vector.transfer_read %tile[%c0, %c0], %pad {in_bounds = [true, true]} : memref<8x32xf32, strided<[64, 1], offset: ?>>, vector<8x32xf32>
    %r = vector.contract {indexing_maps = [#mA, #mB, #mC], iterator_types = ["parallel", "parallel", "reduction"], kind = #vector.kind<add>} %x, %y, %acc : vector<8x1xf32>, vector<1x32xf32> into vector<8x32xf32>
    vector.transfer_write %r, %tile[%c0, %c0] {in_bounds = [true, true]} : vector<8x32xf32>, memref<8x32xf32, strided<[64, 1], offset: ?>>
  }
  return
}

// -----

// The same view created inside the loop (loop-invariant operands): it moves
// out of the loop first, and then the accumulator pair on it is hoisted.

// CHECK-LABEL: func.func @subview_in_loop
// CHECK: %[[TILE:.+]] = memref.subview
// CHECK-NEXT: %[[INIT:.+]] = vector.transfer_read %[[TILE]]
// CHECK-NEXT: %[[SUM:.+]] = scf.for {{.+}} iter_args(%[[ACC:[^ ]+]] = %[[INIT]]) -> (vector<8x32xf32>) {
// CHECK-NOT: memref.subview
// CHECK: vector.contract {{.+}} %[[ACC]] :
// CHECK-NEXT: scf.yield
// CHECK-NEXT: {{^ *}}}{{$}}
// CHECK-NEXT: vector.transfer_write %[[SUM]], %[[TILE]]
#mA = affine_map<(m, n, k) -> (m, k)>
#mB = affine_map<(m, n, k) -> (k, n)>
#mC = affine_map<(m, n, k) -> (m, n)>
func.func @subview_in_loop(%a: memref<8x64xf32>, %b: memref<64x32xf32>, %c: memref<16x64xf32>, %i: index, %j: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c64 = arith.constant 64 : index
  %pad = arith.constant 0.0 : f32
  scf.for %k = %c0 to %c64 step %c1 {
    %tile = memref.subview %c[%i, %j] [8, 32] [1, 1] : memref<16x64xf32> to memref<8x32xf32, strided<[64, 1], offset: ?>>
    %x = vector.transfer_read %a[%c0, %k], %pad {in_bounds = [true, true]} : memref<8x64xf32>, vector<8x1xf32>
    %y = vector.transfer_read %b[%k, %c0], %pad {in_bounds = [true, true]} : memref<64x32xf32>, vector<1x32xf32>
    %acc = vector.transfer_read %tile[%c0, %c0], %pad {in_bounds = [true, true]} : memref<8x32xf32, strided<[64, 1], offset: ?>>, vector<8x32xf32>
    %r = vector.contract {indexing_maps = [#mA, #mB, #mC], iterator_types = ["parallel", "parallel", "reduction"], kind = #vector.kind<add>} %x, %y, %acc : vector<8x1xf32>, vector<1x32xf32> into vector<8x32xf32>
    vector.transfer_write %r, %tile[%c0, %c0] {in_bounds = [true, true]} : vector<8x32xf32>, memref<8x32xf32, strided<[64, 1], offset: ?>>
  }
  return
}

// -----

// Another memory write in the loop (a store to another buffer, which might
// alias the accumulator as far as this pass knows): the accumulator is not
// hoisted, its read and write stay in the loop, which carries no value.

// CHECK-LABEL: func.func @other_write
// CHECK-SAME: %[[C:[^:]+]]: memref<8x32xf32>
// CHECK-NOT: iter_args
// CHECK: scf.for
// CHECK: %[[ACC:.+]] = vector.transfer_read %[[C]]{{.+}} vector<8x32xf32>
// CHECK: %[[R:.+]] = vector.contract {{.+}} %[[ACC]] :
// CHECK-NEXT: vector.transfer_write %[[R]], %[[C]]
// CHECK-NEXT: memref.store
// CHECK-NEXT: {{^ *}}}{{$}}
// CHECK-NEXT: return
#mA = affine_map<(m, n, k) -> (m, k)>
#mB = affine_map<(m, n, k) -> (k, n)>
#mC = affine_map<(m, n, k) -> (m, n)>
func.func @other_write(%a: memref<8x64xf32>, %b: memref<64x32xf32>, %c: memref<8x32xf32>, %log: memref<64xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c64 = arith.constant 64 : index
  %pad = arith.constant 0.0 : f32
  scf.for %k = %c0 to %c64 step %c1 {
    %x = vector.transfer_read %a[%c0, %k], %pad {in_bounds = [true, true]} : memref<8x64xf32>, vector<8x1xf32>
    %y = vector.transfer_read %b[%k, %c0], %pad {in_bounds = [true, true]} : memref<64x32xf32>, vector<1x32xf32>
    %acc = vector.transfer_read %c[%c0, %c0], %pad {in_bounds = [true, true]} : memref<8x32xf32>, vector<8x32xf32>
    %r = vector.contract {indexing_maps = [#mA, #mB, #mC], iterator_types = ["parallel", "parallel", "reduction"], kind = #vector.kind<add>} %x, %y, %acc : vector<8x1xf32>, vector<1x32xf32> into vector<8x32xf32>
    vector.transfer_write %r, %c[%c0, %c0] {in_bounds = [true, true]} : vector<8x32xf32>, memref<8x32xf32>
    memref.store %pad, %log[%k] : memref<64xf32>
  }
  return
}

// -----

// A loop whose upper bound is not a constant may run zero times: hoisting
// would then read and write the accumulator when the loop did not (a write
// the program never made, to memory that may not even be valid), so the
// pair stays in the loop.

// CHECK-LABEL: func.func @dynamic_bound
// CHECK-SAME: %[[C:[^:]+]]: memref<8x32xf32>, %[[N:[^:]+]]: index
// CHECK-NOT: iter_args
// CHECK: scf.for %{{[^ ]+}} = %{{[^ ]+}} to %[[N]] step
// CHECK: %[[ACC:.+]] = vector.transfer_read %[[C]]{{.+}} vector<8x32xf32>
// CHECK: %[[R:.+]] = vector.contract {{.+}} %[[ACC]] :
// CHECK-NEXT: vector.transfer_write %[[R]], %[[C]]
// CHECK-NEXT: {{^ *}}}{{$}}
// CHECK-NEXT: return
#mA = affine_map<(m, n, k) -> (m, k)>
#mB = affine_map<(m, n, k) -> (k, n)>
#mC = affine_map<(m, n, k) -> (m, n)>
func.func @dynamic_bound(%a: memref<8x64xf32>, %b: memref<64x32xf32>, %c: memref<8x32xf32>, %n: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %pad = arith.constant 0.0 : f32
  scf.for %k = %c0 to %n step %c1 {
    %x = vector.transfer_read %a[%c0, %k], %pad {in_bounds = [true, true]} : memref<8x64xf32>, vector<8x1xf32>
    %y = vector.transfer_read %b[%k, %c0], %pad {in_bounds = [true, true]} : memref<64x32xf32>, vector<1x32xf32>
    %acc = vector.transfer_read %c[%c0, %c0], %pad {in_bounds = [true, true]} : memref<8x32xf32>, vector<8x32xf32>
    %r = vector.contract {indexing_maps = [#mA, #mB, #mC], iterator_types = ["parallel", "parallel", "reduction"], kind = #vector.kind<add>} %x, %y, %acc : vector<8x1xf32>, vector<1x32xf32> into vector<8x32xf32>
    vector.transfer_write %r, %c[%c0, %c0] {in_bounds = [true, true]} : vector<8x32xf32>, memref<8x32xf32>
  }
  return
}

// -----

// An accumulator stored transposed (kiln-tile-contractions' tiles over an
// outer output dimension: 7 pixels x 32 channels in registers, 32x7 in
// memory). Hoisted, its read and write become contiguous (minor identity, no
// permutation_map) 32x7 transfers and a vector.transpose each way, outside
// the loop; inside, the loop only carries the 7x32 value.

// CHECK-LABEL: func.func @transposed
// CHECK-SAME: %[[C:[^:]+]]: memref<32x7xf32>
// CHECK: %[[ROWS:.+]] = vector.transfer_read %[[C]][%{{.+}}, %{{.+}}], %{{.+}} {in_bounds = [true, true]} : memref<32x7xf32>, vector<32x7xf32>
// CHECK-NEXT: %[[INIT:.+]] = vector.transpose %[[ROWS]], [1, 0] : vector<32x7xf32> to vector<7x32xf32>
// CHECK-NEXT: %[[SUM:.+]] = scf.for {{.+}} iter_args(%[[ACC:[^ ]+]] = %[[INIT]]) -> (vector<7x32xf32>) {
// CHECK-NOT: %[[C]]
// CHECK: vector.contract {{.+}} %[[ACC]] :
// CHECK-NEXT: scf.yield
// CHECK-NEXT: {{^ *}}}{{$}}
// CHECK-NEXT: %[[OUT:.+]] = vector.transpose %[[SUM]], [1, 0] : vector<7x32xf32> to vector<32x7xf32>
// CHECK-NEXT: vector.transfer_write %[[OUT]], %[[C]][%{{.+}}, %{{.+}}] {in_bounds = [true, true]} : vector<32x7xf32>, memref<32x7xf32>
// CHECK-NOT: permutation_map
#mA = affine_map<(m, n, k) -> (m, k)>
#mB = affine_map<(m, n, k) -> (k, n)>
#mC = affine_map<(m, n, k) -> (m, n)>
#transposed = affine_map<(d0, d1) -> (d1, d0)>
func.func @transposed(%a: memref<7x64xf32>, %b: memref<64x32xf32>, %c: memref<32x7xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c64 = arith.constant 64 : index
  %pad = arith.constant 0.0 : f32
  scf.for %k = %c0 to %c64 step %c1 {
    %x = vector.transfer_read %a[%c0, %k], %pad {in_bounds = [true, true]} : memref<7x64xf32>, vector<7x1xf32>
    %y = vector.transfer_read %b[%k, %c0], %pad {in_bounds = [true, true]} : memref<64x32xf32>, vector<1x32xf32>
    %acc = vector.transfer_read %c[%c0, %c0], %pad {in_bounds = [true, true], permutation_map = #transposed} : memref<32x7xf32>, vector<7x32xf32>
    %r = vector.contract {indexing_maps = [#mA, #mB, #mC], iterator_types = ["parallel", "parallel", "reduction"], kind = #vector.kind<add>} %x, %y, %acc : vector<7x1xf32>, vector<1x32xf32> into vector<7x32xf32>
    vector.transfer_write %r, %c[%c0, %c0] {in_bounds = [true, true], permutation_map = #transposed} : vector<7x32xf32>, memref<32x7xf32>
  }
  return
}

// -----

// A tile that starts from its bias (kiln-tile-contractions' prologue) writes
// the bias where the hoisted accumulator read then reads it back, through an
// equal view made separately: the loop starts from the written vector, and
// the prologue's write goes (the write after the loop stores the same
// location, and the loop writes no memory).

// CHECK-LABEL: func.func @start_from_bias
// CHECK-SAME: (%{{[^:]+}}: memref<8x64xf32>, %{{[^:]+}}: memref<64x32xf32>, %[[B:[^:]+]]: memref<32xf32>, %[[C:[^:]+]]: memref<16x32xf32>)
// CHECK: %[[BIAS:.+]] = vector.transfer_read %[[B]]
// CHECK-NOT: vector.transfer_write
// CHECK-NOT: vector.transfer_read %{{.+}} : memref<8x32xf32
// CHECK: %[[SUM:.+]] = scf.for {{.+}} iter_args(%{{.+}} = %[[BIAS]]) -> (vector<8x32xf32>) {
// CHECK: scf.yield
// CHECK: vector.transfer_write %[[SUM]]
// CHECK-NOT: vector.transfer_write
// A write to another location, or a read of the location in between, keeps
// the prologue.
// CHECK-LABEL: func.func @other_location
// CHECK: vector.transfer_write
// CHECK: vector.transfer_read {{.+}} : memref<8x32xf32, strided<[32, 1], offset: 256>>, vector<8x32xf32>
// CHECK: scf.for
// CHECK-LABEL: func.func @read_between
// CHECK: vector.transfer_write
// CHECK: memref.load
// CHECK: vector.transfer_read {{.+}} : memref<8x32xf32, strided<[32, 1]>>, vector<8x32xf32>
// CHECK: scf.for
#mA = affine_map<(m, n, k) -> (m, k)>
#mB = affine_map<(m, n, k) -> (k, n)>
#mC = affine_map<(m, n, k) -> (m, n)>
#row = affine_map<(d0) -> (0, d0)>
func.func @start_from_bias(%a: memref<8x64xf32>, %b: memref<64x32xf32>, %bias: memref<32xf32>, %out: memref<16x32xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c64 = arith.constant 64 : index
  %pad = arith.constant 0.0 : f32
  %start = memref.subview %out[0, 0] [8, 32] [1, 1] : memref<16x32xf32> to memref<8x32xf32, strided<[32, 1]>>
  %v = vector.transfer_read %bias[%c0], %pad {in_bounds = [true, true], permutation_map = affine_map<(d0) -> (0, d0)>} : memref<32xf32>, vector<8x32xf32>
  vector.transfer_write %v, %start[%c0, %c0] {in_bounds = [true, true]} : vector<8x32xf32>, memref<8x32xf32, strided<[32, 1]>>
  %c = memref.subview %out[0, 0] [8, 32] [1, 1] : memref<16x32xf32> to memref<8x32xf32, strided<[32, 1]>>
  scf.for %k = %c0 to %c64 step %c1 {
    %x = vector.transfer_read %a[%c0, %k], %pad {in_bounds = [true, true]} : memref<8x64xf32>, vector<8x1xf32>
    %y = vector.transfer_read %b[%k, %c0], %pad {in_bounds = [true, true]} : memref<64x32xf32>, vector<1x32xf32>
    %acc = vector.transfer_read %c[%c0, %c0], %pad {in_bounds = [true, true]} : memref<8x32xf32, strided<[32, 1]>>, vector<8x32xf32>
    %r = vector.contract {indexing_maps = [#mA, #mB, #mC], iterator_types = ["parallel", "parallel", "reduction"], kind = #vector.kind<add>} %x, %y, %acc : vector<8x1xf32>, vector<1x32xf32> into vector<8x32xf32>
    vector.transfer_write %r, %c[%c0, %c0] {in_bounds = [true, true]} : vector<8x32xf32>, memref<8x32xf32, strided<[32, 1]>>
  }
  return
}
func.func @other_location(%a: memref<8x64xf32>, %b: memref<64x32xf32>, %bias: memref<32xf32>, %out: memref<16x32xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c64 = arith.constant 64 : index
  %pad = arith.constant 0.0 : f32
  %start = memref.subview %out[0, 0] [8, 32] [1, 1] : memref<16x32xf32> to memref<8x32xf32, strided<[32, 1]>>
  %v = vector.transfer_read %bias[%c0], %pad {in_bounds = [true, true], permutation_map = affine_map<(d0) -> (0, d0)>} : memref<32xf32>, vector<8x32xf32>
  vector.transfer_write %v, %start[%c0, %c0] {in_bounds = [true, true]} : vector<8x32xf32>, memref<8x32xf32, strided<[32, 1]>>
  %c = memref.subview %out[8, 0] [8, 32] [1, 1] : memref<16x32xf32> to memref<8x32xf32, strided<[32, 1], offset: 256>>
  scf.for %k = %c0 to %c64 step %c1 {
    %x = vector.transfer_read %a[%c0, %k], %pad {in_bounds = [true, true]} : memref<8x64xf32>, vector<8x1xf32>
    %y = vector.transfer_read %b[%k, %c0], %pad {in_bounds = [true, true]} : memref<64x32xf32>, vector<1x32xf32>
    %acc = vector.transfer_read %c[%c0, %c0], %pad {in_bounds = [true, true]} : memref<8x32xf32, strided<[32, 1], offset: 256>>, vector<8x32xf32>
    %r = vector.contract {indexing_maps = [#mA, #mB, #mC], iterator_types = ["parallel", "parallel", "reduction"], kind = #vector.kind<add>} %x, %y, %acc : vector<8x1xf32>, vector<1x32xf32> into vector<8x32xf32>
    vector.transfer_write %r, %c[%c0, %c0] {in_bounds = [true, true]} : vector<8x32xf32>, memref<8x32xf32, strided<[32, 1], offset: 256>>
  }
  return
}
func.func @read_between(%a: memref<8x64xf32>, %b: memref<64x32xf32>, %bias: memref<32xf32>, %out: memref<16x32xf32>) -> f32 {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c64 = arith.constant 64 : index
  %pad = arith.constant 0.0 : f32
  %start = memref.subview %out[0, 0] [8, 32] [1, 1] : memref<16x32xf32> to memref<8x32xf32, strided<[32, 1]>>
  %v = vector.transfer_read %bias[%c0], %pad {in_bounds = [true, true], permutation_map = affine_map<(d0) -> (0, d0)>} : memref<32xf32>, vector<8x32xf32>
  vector.transfer_write %v, %start[%c0, %c0] {in_bounds = [true, true]} : vector<8x32xf32>, memref<8x32xf32, strided<[32, 1]>>
  %seen = memref.load %out[%c0, %c0] : memref<16x32xf32>
  %c = memref.subview %out[0, 0] [8, 32] [1, 1] : memref<16x32xf32> to memref<8x32xf32, strided<[32, 1]>>
  scf.for %k = %c0 to %c64 step %c1 {
    %x = vector.transfer_read %a[%c0, %k], %pad {in_bounds = [true, true]} : memref<8x64xf32>, vector<8x1xf32>
    %y = vector.transfer_read %b[%k, %c0], %pad {in_bounds = [true, true]} : memref<64x32xf32>, vector<1x32xf32>
    %acc = vector.transfer_read %c[%c0, %c0], %pad {in_bounds = [true, true]} : memref<8x32xf32, strided<[32, 1]>>, vector<8x32xf32>
    %r = vector.contract {indexing_maps = [#mA, #mB, #mC], iterator_types = ["parallel", "parallel", "reduction"], kind = #vector.kind<add>} %x, %y, %acc : vector<8x1xf32>, vector<1x32xf32> into vector<8x32xf32>
    vector.transfer_write %r, %c[%c0, %c0] {in_bounds = [true, true]} : vector<8x32xf32>, memref<8x32xf32, strided<[32, 1]>>
  }
  return %seen : f32
}

// -----

// A transposed tile (vectors along the output's outer dimension) reads its
// accumulator through a permutation, while the prologue wrote the bias in
// memory order: the loop starts from the transpose of the written vector.

// CHECK-LABEL: func.func @transposed_start
// CHECK: %[[BIAS:.+]] = vector.transfer_read {{.+}} : memref<32xf32>, vector<32x8xf32>
// CHECK-NOT: vector.transfer_write
// CHECK: %[[START:.+]] = vector.transpose %[[BIAS]], [1, 0] : vector<32x8xf32> to vector<8x32xf32>
// CHECK-NOT: vector.transfer_read %{{.+}} : memref<32x8xf32
// CHECK: %[[SUM:.+]] = scf.for {{.+}} iter_args(%{{.+}} = %[[START]]) -> (vector<8x32xf32>) {
// CHECK: scf.yield
// CHECK: %[[ROWS:.+]] = vector.transpose %[[SUM]], [1, 0] : vector<8x32xf32> to vector<32x8xf32>
// CHECK: vector.transfer_write %[[ROWS]]
#mA = affine_map<(m, n, k) -> (m, k)>
#mB = affine_map<(m, n, k) -> (k, n)>
#mC = affine_map<(m, n, k) -> (m, n)>
#t = affine_map<(d0, d1) -> (d1, d0)>
func.func @transposed_start(%a: memref<8x64xf32>, %b: memref<64x32xf32>, %bias: memref<32xf32>, %out: memref<32x8xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c64 = arith.constant 64 : index
  %pad = arith.constant 0.0 : f32
  %v = vector.transfer_read %bias[%c0], %pad {in_bounds = [true, true], permutation_map = affine_map<(d0) -> (d0, 0)>} : memref<32xf32>, vector<32x8xf32>
  vector.transfer_write %v, %out[%c0, %c0] {in_bounds = [true, true]} : vector<32x8xf32>, memref<32x8xf32>
  scf.for %k = %c0 to %c64 step %c1 {
    %x = vector.transfer_read %a[%c0, %k], %pad {in_bounds = [true, true]} : memref<8x64xf32>, vector<8x1xf32>
    %y = vector.transfer_read %b[%k, %c0], %pad {in_bounds = [true, true]} : memref<64x32xf32>, vector<1x32xf32>
    %acc = vector.transfer_read %out[%c0, %c0], %pad {in_bounds = [true, true], permutation_map = #t} : memref<32x8xf32>, vector<8x32xf32>
    %r = vector.contract {indexing_maps = [#mA, #mB, #mC], iterator_types = ["parallel", "parallel", "reduction"], kind = #vector.kind<add>} %x, %y, %acc : vector<8x1xf32>, vector<1x32xf32> into vector<8x32xf32>
    vector.transfer_write %r, %out[%c0, %c0] {in_bounds = [true, true], permutation_map = #t} : vector<8x32xf32>, memref<32x8xf32>
  }
  return
}
