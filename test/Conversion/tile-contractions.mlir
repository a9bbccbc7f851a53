// RUN: kiln-opt %s --split-input-file --kiln-tile-contractions --canonicalize | FileCheck %s
// RUN: kiln-opt %s --split-input-file --kiln-tile-contractions="vector-bits=128 vector-registers=16" --canonicalize | FileCheck %s --check-prefix=NARROW

// AVX-512 (the defaults): tiles of 8 rows x 32 columns, one reduction step per
// iteration. 20x40 is split into whole tiles and remainders: rows 16 + 4,
// columns 32 + 8; the loops over output tiles are marked for
// kiln-parallelize-tiles, the reduction loop is not.

// CHECK-LABEL: func.func @matmul
// CHECK: scf.for %[[I:.+]] = %{{.+}} to %{{.+}} step %[[C8:.+]] iter_args
// CHECK: scf.for %[[K:.+]] = %{{.+}} to %{{.+}} step %{{.+}} iter_args
// CHECK: vector.contract {{.+}} : vector<8x1xf32>, vector<1x32xf32> into vector<8x32xf32>
// CHECK: } {kiln.parallel_tiles}
// CHECK: vector.contract {{.+}} : vector<4x1xf32>, vector<1x32xf32> into vector<4x32xf32>
// CHECK-NOT: kiln.parallel_tiles
// CHECK: vector.contract {{.+}} : vector<8x1xf32>, vector<1x8xf32> into vector<8x8xf32>
// CHECK: } {kiln.parallel_tiles}
// CHECK: vector.contract {{.+}} : vector<4x1xf32>, vector<1x8xf32> into vector<4x8xf32>
// CHECK-NOT: linalg.matmul

// 128-bit vectors and 16 registers (SSE, or AVX without AVX-512 has 256):
// 6 rows (16 - 3 = 13 registers left for accumulators, 2 per row) of 8
// columns (two 4-lane vectors); 20 rows are 3 tiles of 6 and a remainder of 2.
// NARROW-LABEL: func.func @matmul
// NARROW: vector.contract {{.+}} : vector<6x1xf32>, vector<1x8xf32> into vector<6x8xf32>
// NARROW: vector.contract {{.+}} : vector<2x1xf32>, vector<1x8xf32> into vector<2x8xf32>
// NARROW-NOT: vector<8x32xf32>
func.func @matmul(%a: tensor<20x8xf32>, %b: tensor<8x40xf32>, %c: tensor<20x40xf32>) -> tensor<20x40xf32> {
  %0 = linalg.matmul ins(%a, %b : tensor<20x8xf32>, tensor<8x40xf32>) outs(%c : tensor<20x40xf32>) -> tensor<20x40xf32>
  return %0 : tensor<20x40xf32>
}

// -----

// A Gemm with transB (PyTorch's Linear) on a constant weight: the weight is
// transposed at compile time, so that output columns are contiguous in it.
// The blob is the 64-byte alignment word, then w^T row by row: 0, 3, 6, ...

// CHECK-LABEL: func.func @linear
// CHECK: %[[W:.+]] = arith.constant dense_resource<kiln_packed> : tensor<3x16xf32>
// CHECK: tensor.extract_slice %[[W]][%{{.+}}, 0] [1, 16] [1, 1] : tensor<3x16xf32> to tensor<1x16xf32>
// CHECK: vector.contract {{.+}} : vector<4x1xf32>, vector<1x16xf32> into vector<4x16xf32>
// CHECK: kiln_packed: "0x4000000000000000000040400000C040000010410000404100007041
#mA = affine_map<(m, n, k) -> (m, k)>
#mB = affine_map<(m, n, k) -> (n, k)>
#mC = affine_map<(m, n, k) -> (m, n)>
func.func @linear(%a: tensor<4x3xf32>, %c: tensor<4x16xf32>) -> tensor<4x16xf32> {
  %w = arith.constant dense<[[0.0, 1.0, 2.0], [3.0, 4.0, 5.0], [6.0, 7.0, 8.0], [9.0, 10.0, 11.0], [12.0, 13.0, 14.0], [15.0, 16.0, 17.0], [18.0, 19.0, 20.0], [21.0, 22.0, 23.0], [24.0, 25.0, 26.0], [27.0, 28.0, 29.0], [30.0, 31.0, 32.0], [33.0, 34.0, 35.0], [36.0, 37.0, 38.0], [39.0, 40.0, 41.0], [42.0, 43.0, 44.0], [45.0, 46.0, 47.0]]> : tensor<16x3xf32>
  %0 = linalg.matmul indexing_maps = [#mA, #mB, #mC] ins(%a, %w : tensor<4x3xf32>, tensor<16x3xf32>) outs(%c : tensor<4x16xf32>) -> tensor<4x16xf32>
  return %0 : tensor<4x16xf32>
}

// -----

// The same with a weight that is not a constant: left as it is (strided
// vector loads would gain nothing).

// CHECK-LABEL: func.func @linear_input
// CHECK: linalg.matmul
// CHECK-NOT: vector.contract
#mA = affine_map<(m, n, k) -> (m, k)>
#mB = affine_map<(m, n, k) -> (n, k)>
#mC = affine_map<(m, n, k) -> (m, n)>
func.func @linear_input(%a: tensor<4x3xf32>, %w: tensor<16x3xf32>, %c: tensor<4x16xf32>) -> tensor<4x16xf32> {
  %0 = linalg.matmul indexing_maps = [#mA, #mB, #mC] ins(%a, %w : tensor<4x3xf32>, tensor<16x3xf32>) outs(%c : tensor<4x16xf32>) -> tensor<4x16xf32>
  return %0 : tensor<4x16xf32>
}

// -----

// A 2-D NCHW convolution: im2col (a copy into [N, C*KH*KW, OH*OW]), then a
// contraction over C*KH*KW = 18 whose columns are the 16 output pixels.

// CHECK-LABEL: func.func @conv
// CHECK: linalg.generic {{.+}} outs(%{{.+}} : tensor<1x18x16xf32>)
// CHECK: scf.for %{{.+}} = %{{.+}} to %[[C18:.+]] step
// CHECK: vector.transfer_write {{.+}} : vector<1x4x16xf32>, tensor<1x4x16xf32>
// CHECK-NOT: linalg.conv_2d_nchw_fchw
func.func @conv(%x: tensor<1x2x6x6xf32>, %w: tensor<4x2x3x3xf32>, %y: tensor<1x4x4x4xf32>) -> tensor<1x4x4x4xf32> {
  %0 = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
       ins(%x, %w : tensor<1x2x6x6xf32>, tensor<4x2x3x3xf32>) outs(%y : tensor<1x4x4x4xf32>) -> tensor<1x4x4x4xf32>
  return %0 : tensor<1x4x4x4xf32>
}

// -----

// Integer products keep their generic lowering.

// CHECK-LABEL: func.func @integer
// CHECK: linalg.matmul
// CHECK-NOT: vector.contract
func.func @integer(%a: tensor<8x8xi32>, %b: tensor<8x32xi32>, %c: tensor<8x32xi32>) -> tensor<8x32xi32> {
  %0 = linalg.matmul ins(%a, %b : tensor<8x8xi32>, tensor<8x32xi32>) outs(%c : tensor<8x32xi32>) -> tensor<8x32xi32>
  return %0 : tensor<8x32xi32>
}
