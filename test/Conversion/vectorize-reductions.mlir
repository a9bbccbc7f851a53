// RUN: kiln-opt %s --split-input-file --kiln-vectorize-reductions --canonicalize | FileCheck %s
// RUN: kiln-opt %s --split-input-file --kiln-vectorize-reductions="vector-bits=128" --canonicalize | FileCheck %s --check-prefix=NARROW

// GlobalAveragePool's sum over a 13x13 map: the two reduced dimensions
// collapse into rows of 169 elements, 10 whole 16-lane vectors folded into
// one vector of partial sums (starting from -0), reduced in a tree
// (reassoc), then the 9-element remainder as one shorter vector; the result
// is added to the output element. The loop over the 1000 channels is marked
// for kiln-parallelize-tiles.
// CHECK-LABEL: func.func @global_average_pool
// CHECK-DAG: %[[NEUTRAL:.+]] = arith.constant dense<-0.000000e+00> : vector<16xf32>
// CHECK-DAG: %[[C160:.+]] = arith.constant 160 : index
// CHECK-DAG: %[[C16:.+]] = arith.constant 16 : index
// CHECK-DAG: %[[C1000:.+]] = arith.constant 1000 : index
// CHECK: %[[ROWS:.+]] = memref.collapse_shape %{{.+}} {{\[}}[0], [1], [2, 3]] : memref<1x1000x13x13xf32> into memref<1x1000x169xf32>
// CHECK: scf.for %[[C:.+]] = %{{.+}} to %[[C1000]] step
// CHECK: %[[PARTIAL:.+]] = scf.for %[[J:.+]] = %{{.+}} to %[[C160]] step %[[C16]] iter_args(%[[ACC:.+]] = %[[NEUTRAL]]) -> (vector<16xf32>) {
// CHECK: %[[X:.+]] = vector.transfer_read %[[ROWS]][%{{.+}}, %[[C]], %[[J]]]{{.+}}{in_bounds = [true]} : memref<1x1000x169xf32>, vector<16xf32>
// CHECK: %[[SUM:.+]] = arith.addf %[[ACC]], %[[X]] : vector<16xf32>
// CHECK: scf.yield %[[SUM]]
// CHECK: %[[WHOLE:.+]] = vector.reduction <add>, %[[PARTIAL]] fastmath<reassoc> : vector<16xf32> into f32
// CHECK: %[[TAIL:.+]] = vector.transfer_read %[[ROWS]][%{{.+}}, %[[C]], %[[C160]]]{{.+}} : memref<1x1000x169xf32>, vector<9xf32>
// CHECK: %[[ROW:.+]] = vector.reduction <add>, %[[TAIL]], %[[WHOLE]] fastmath<reassoc> : vector<9xf32> into f32
// CHECK: %[[OLD:.+]] = memref.load %{{.+}}[%{{.+}}, %[[C]]] : memref<1x1000xf32>
// CHECK: %[[NEW:.+]] = arith.addf %[[OLD]], %[[ROW]] : f32
// CHECK: memref.store %[[NEW]], %{{.+}}[%{{.+}}, %[[C]]] : memref<1x1000xf32>
// CHECK: } {kiln.parallel_tiles}
// CHECK-NOT: linalg.generic
// 169 = 42 x 4 + 1 with 128-bit vectors.
// NARROW-LABEL: func.func @global_average_pool
// NARROW: arith.addf %{{.+}}, %{{.+}} : vector<4xf32>
// NARROW: vector.reduction <add>, %{{.+}} fastmath<reassoc> : vector<4xf32> into f32
// NARROW: vector.transfer_read {{.+}} : memref<1x1000x169xf32>, vector<1xf32>
#id = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
#kept = affine_map<(d0, d1, d2, d3) -> (d0, d1)>
func.func @global_average_pool(%x: memref<1x1000x13x13xf32>, %y: memref<1x1000xf32>) {
  linalg.generic {indexing_maps = [#id, #kept], iterator_types = ["parallel", "parallel", "reduction", "reduction"]}
      ins(%x : memref<1x1000x13x13xf32>) outs(%y : memref<1x1000xf32>) {
  ^bb0(%in: f32, %out: f32):
    %0 = arith.addf %out, %in : f32
    linalg.yield %0 : f32
  }
  return
}

// -----

// Softmax's denominator: the sum of exp(x - max) over rows of 128, with the
// row's maximum (an input that reads only the kept loops) loaded once per
// row and broadcast. The body runs on vectors; the two kept loops (4 x 128
// rows) form a perfect nest, both marked, their bounds outside it.
// CHECK-LABEL: func.func @softmax_sum
// CHECK-DAG: %[[C4:.+]] = arith.constant 4 : index
// CHECK-DAG: %[[C128:.+]] = arith.constant 128 : index
// CHECK: scf.for %[[H:.+]] = %{{.+}} to %[[C4]] step
// CHECK-NEXT: scf.for %[[R:.+]] = %{{.+}} to %[[C128]] step
// CHECK-NEXT: %[[MAX:.+]] = memref.load %{{.+}}[%[[H]], %[[R]]] : memref<4x128xf32>
// CHECK: %[[BMAX:.+]] = vector.broadcast %[[MAX]] : f32 to vector<16xf32>
// CHECK: scf.for {{.+}} iter_args(%[[ACC:.+]] = {{.+}}) -> (vector<16xf32>) {
// CHECK: %[[X:.+]] = vector.transfer_read {{.+}} : memref<4x128x128xf32>, vector<16xf32>
// CHECK: %[[D:.+]] = arith.subf %[[X]], %[[BMAX]] : vector<16xf32>
// CHECK: %[[E:.+]] = math.exp %[[D]] : vector<16xf32>
// CHECK: arith.addf %[[E]], %[[ACC]] : vector<16xf32>
// CHECK: vector.reduction <add>
// CHECK-NOT: vector<0xf32>
// CHECK: memref.store
// CHECK: } {kiln.parallel_tiles}
// CHECK: } {kiln.parallel_tiles}
#id3 = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
#row3 = affine_map<(d0, d1, d2) -> (d0, d1)>
func.func @softmax_sum(%x: memref<4x128x128xf32>, %max: memref<4x128xf32>, %sum: memref<4x128xf32>) {
  linalg.generic {indexing_maps = [#id3, #row3, #row3], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%x, %max : memref<4x128x128xf32>, memref<4x128xf32>) outs(%sum : memref<4x128xf32>) {
  ^bb0(%in: f32, %m: f32, %out: f32):
    %0 = arith.subf %in, %m : f32
    %1 = math.exp %0 : f32
    %2 = arith.addf %1, %out : f32
    linalg.yield %2 : f32
  }
  return
}

// -----

// A maximum over rows of 32: two whole vectors, no remainder; the partial
// maxima start from -infinity, and a scalar constant of the body (a ReLU's
// zero) becomes a splat.
// CHECK-LABEL: func.func @row_max
// CHECK-DAG: %[[NEG_INF:.+]] = arith.constant dense<0xFF800000> : vector<16xf32>
// CHECK-DAG: %[[ZERO:.+]] = arith.constant dense<0.000000e+00> : vector<16xf32>
// CHECK: scf.for {{.+}} iter_args(%[[ACC:.+]] = %[[NEG_INF]]) -> (vector<16xf32>) {
// CHECK: %[[RELU:.+]] = arith.maximumf %{{.+}}, %[[ZERO]] : vector<16xf32>
// CHECK: arith.maximumf %[[ACC]], %[[RELU]] : vector<16xf32>
// CHECK: vector.reduction <maximumf>, %{{.+}} fastmath<reassoc> : vector<16xf32> into f32
// CHECK-NOT: vector.transfer_read
// CHECK: arith.maximumf %{{.+}}, %{{.+}} : f32
#id2 = affine_map<(d0, d1) -> (d0, d1)>
#row2 = affine_map<(d0, d1) -> (d0)>
func.func @row_max(%x: memref<8x32xf32>, %y: memref<8xf32>) {
  linalg.generic {indexing_maps = [#id2, #row2], iterator_types = ["parallel", "reduction"]}
      ins(%x : memref<8x32xf32>) outs(%y : memref<8xf32>) {
  ^bb0(%in: f32, %out: f32):
    %zero = arith.constant 0.0 : f32
    %0 = arith.maximumf %in, %zero : f32
    %1 = arith.maximumf %out, %0 : f32
    linalg.yield %1 : f32
  }
  return
}

// -----

// A reduction to a single element (no kept loop): no loop over rows.
// CHECK-LABEL: func.func @total
// CHECK-NOT: kiln.parallel_tiles
// CHECK: memref.collapse_shape %{{.+}} {{\[}}[0, 1]] : memref<4x64xf32> into memref<256xf32>
// CHECK: scf.for {{.+}} -> (vector<16xf32>)
// CHECK: vector.reduction <add>
// CHECK: memref.load %{{.+}}[] : memref<f32>
// CHECK: memref.store %{{.+}}, %{{.+}}[] : memref<f32>
#id2t = affine_map<(d0, d1) -> (d0, d1)>
#none = affine_map<(d0, d1) -> ()>
func.func @total(%x: memref<4x64xf32>, %y: memref<f32>) {
  linalg.generic {indexing_maps = [#id2t, #none], iterator_types = ["reduction", "reduction"]}
      ins(%x : memref<4x64xf32>) outs(%y : memref<f32>) {
  ^bb0(%in: f32, %out: f32):
    %0 = arith.addf %out, %in : f32
    linalg.yield %0 : f32
  }
  return
}

// -----

// Left alone: ResNet's global pool over a 7x7 view inside a 9x9 pad (rows
// not contiguous), a reduction over a leading dimension, rows of 3, an
// integer sum, and an output read by the body other than by the combiner.
// CHECK-LABEL: func.func @not_taken
// CHECK-NOT: vector.
// CHECK-COUNT-5: linalg.generic
// CHECK-NOT: vector.
#id4 = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
#kept4 = affine_map<(d0, d1, d2, d3) -> (d0, d1)>
#first = affine_map<(d0, d1) -> (d1, d0)>
#col = affine_map<(d0, d1) -> (d0)>
#id2n = affine_map<(d0, d1) -> (d0, d1)>
func.func @not_taken(%pad: memref<1x512x9x9xf32>, %pooled: memref<1x512xf32>,
                     %t: memref<64x32xf32>, %cols: memref<32xf32>,
                     %short: memref<8x3xf32>, %shortOut: memref<8xf32>,
                     %i: memref<8x32xi32>, %iOut: memref<8xi32>,
                     %x: memref<8x32xf32>, %y: memref<8xf32>) {
  %view = memref.subview %pad[0, 0, 1, 1] [1, 512, 7, 7] [1, 1, 1, 1]
      : memref<1x512x9x9xf32> to memref<1x512x7x7xf32, strided<[41472, 81, 9, 1], offset: 10>>
  linalg.generic {indexing_maps = [#id4, #kept4], iterator_types = ["parallel", "parallel", "reduction", "reduction"]}
      ins(%view : memref<1x512x7x7xf32, strided<[41472, 81, 9, 1], offset: 10>>) outs(%pooled : memref<1x512xf32>) {
  ^bb0(%in: f32, %out: f32):
    %0 = arith.addf %out, %in : f32
    linalg.yield %0 : f32
  }
  linalg.generic {indexing_maps = [#first, #col], iterator_types = ["parallel", "reduction"]}
      ins(%t : memref<64x32xf32>) outs(%cols : memref<32xf32>) {
  ^bb0(%in: f32, %out: f32):
    %0 = arith.addf %out, %in : f32
    linalg.yield %0 : f32
  }
  linalg.generic {indexing_maps = [#id2n, #col], iterator_types = ["parallel", "reduction"]}
      ins(%short : memref<8x3xf32>) outs(%shortOut : memref<8xf32>) {
  ^bb0(%in: f32, %out: f32):
    %0 = arith.addf %out, %in : f32
    linalg.yield %0 : f32
  }
  linalg.generic {indexing_maps = [#id2n, #col], iterator_types = ["parallel", "reduction"]}
      ins(%i : memref<8x32xi32>) outs(%iOut : memref<8xi32>) {
  ^bb0(%in: i32, %out: i32):
    %0 = arith.addi %out, %in : i32
    linalg.yield %0 : i32
  }
  linalg.generic {indexing_maps = [#id2n, #col], iterator_types = ["parallel", "reduction"]}
      ins(%x : memref<8x32xf32>) outs(%y : memref<8xf32>) {
  ^bb0(%in: f32, %out: f32):
    %0 = arith.mulf %out, %in : f32
    %1 = arith.addf %out, %0 : f32
    linalg.yield %1 : f32
  }
  return
}
