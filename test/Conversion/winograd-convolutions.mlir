// RUN: kiln-opt %s --split-input-file --kiln-winograd-convolutions="vector-bits=128 min-tiles=1 max-transform-cost=100" --canonicalize | FileCheck %s
// RUN: kiln-opt %s --split-input-file --kiln-winograd-convolutions --canonicalize | FileCheck %s --check-prefix=DEFAULT

// A 3x3 convolution of a [1, 2, 7, 9] input (padded already) into a 5x7
// output: 3 x 4 tiles of 2x2 output pixels, each from a 4x4 input tile. With
// 128-bit vectors, a row of tiles is one vector of 4 tiles. The odd output
// size needs one more row and column of input, which joins the existing
// pad. The input transform reads each input row as two vectors of 8 pixels
// (columns 2t.. and 2t+2..), splits them into even and odd columns, and
// writes 16 vectors of 4 tiles into V [16, C, tiles]; its channel loop is
// marked parallel. The 16 products [F, C] x [C, tiles] are one contraction.
// The output transform interleaves each tile's two columns back; the last
// tile of a row has its second column outside the 7-pixel wide output, so
// those reads and writes may go out of bounds (no in_bounds attribute:
// masked). The output's last row
// of tiles (row 4 of 5) writes one row, the others two.

// CHECK-LABEL: func.func @conv
// CHECK-DAG: %[[U:.+]] = arith.constant dense_resource<kiln_winograd> : tensor<16x4x2xf32>
// CHECK: %[[PAD:.+]] = tensor.pad %{{.+}} low[0, 0, 1, 1] high[0, 0, 2, 2]
// CHECK: tensor<1x2x5x7xf32> to tensor<1x2x8x10xf32>
// CHECK: %[[V:.+]] = scf.for
// CHECK: scf.for
// CHECK: vector.transfer_read %[[PAD]]{{.+}} : tensor<1x2x8x10xf32>, vector<8xf32>
// CHECK: vector.shuffle %{{.+}}, %{{.+}} [0, 2, 4, 6] : vector<8xf32>, vector<8xf32>
// CHECK: vector.shuffle %{{.+}}, %{{.+}} [1, 3, 5, 7] : vector<8xf32>, vector<8xf32>
// CHECK-COUNT-16: vector.transfer_write {{.+}} {in_bounds = [true]} : vector<4xf32>, tensor<16x2x12xf32>
// CHECK: } {kiln.parallel_tiles}
// CHECK: %[[ZERO:.+]] = linalg.fill
// CHECK: %[[M:.+]] = linalg.generic
// CHECK-SAME: iterator_types = ["parallel", "parallel", "parallel", "reduction"]
// CHECK-SAME: ins(%[[U]], %[[V]] : tensor<16x4x2xf32>, tensor<16x2x12xf32>) outs(%[[ZERO]] : tensor<16x4x12xf32>)
// CHECK: arith.mulf
// CHECK: arith.addf
// CHECK: scf.for
// CHECK-COUNT-16: vector.transfer_read %[[M]]{{.+}} : tensor<16x4x12xf32>, vector<4xf32>
// CHECK: vector.interleave %{{.+}}, %{{.+}} : vector<4xf32> -> vector<8xf32>
// CHECK: vector.transfer_read {{[^{]+}} : tensor<1x4x5x7xf32>, vector<8xf32>
// CHECK: arith.addf {{.+}} : vector<8xf32>
// CHECK: vector.transfer_write {{[^{]+}} : vector<8xf32>, tensor<1x4x5x7xf32>
// CHECK: } {kiln.parallel_tiles}
// CHECK-NOT: linalg.conv_2d_nchw_fchw
// CHECK: return

// Under the default thresholds two channels are far too few.
// DEFAULT-LABEL: func.func @conv
// DEFAULT: linalg.conv_2d_nchw_fchw
// DEFAULT-NOT: kiln_winograd
func.func @conv(%x: tensor<1x2x5x7xf32>, %init: tensor<1x4x5x7xf32>) -> tensor<1x4x5x7xf32> {
  %w = arith.constant dense<[[[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 9.0]], [[1.0, 0.0, 1.0], [0.0, 1.0, 0.0], [1.0, 0.0, 1.0]]],
                             [[[0.5, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 9.0]], [[1.0, 0.0, 1.0], [0.0, 1.0, 0.0], [1.0, 0.0, 2.0]]],
                             [[[1.5, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 9.0]], [[1.0, 0.0, 1.0], [0.0, 1.0, 0.0], [1.0, 0.0, 3.0]]],
                             [[[2.5, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 9.0]], [[1.0, 0.0, 1.0], [0.0, 1.0, 0.0], [1.0, 0.0, 4.0]]]]> : tensor<4x2x3x3xf32>
  %zero = arith.constant 0.0 : f32
  %p = tensor.pad %x low[0, 0, 1, 1] high[0, 0, 1, 1] {
  ^bb0(%a: index, %b: index, %c: index, %d: index):
    tensor.yield %zero : f32
  } : tensor<1x2x5x7xf32> to tensor<1x2x7x9xf32>
  %y = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%p, %w : tensor<1x2x7x9xf32>, tensor<4x2x3x3xf32>) outs(%init : tensor<1x4x5x7xf32>) -> tensor<1x4x5x7xf32>
  return %y : tensor<1x4x5x7xf32>
}

// -----

// The filter transform, U = G g G^T, at compile time: for a filter whose
// only non-zero tap is the top-left one, U is the outer product of G's first
// column, [1, 1/2, 1/2, 0], with itself (little-endian f32 after the
// resource's alignment word, 64).

// CHECK-LABEL: func.func @filter_transform
// CHECK: dense_resource<kiln_winograd> : tensor<16x1x1xf32>
// CHECK: kiln_winograd: "0x40000000
// CHECK-SAME: 0000803F0000003F0000003F00000000
// CHECK-SAME: 0000003F0000803E0000803E00000000
// CHECK-SAME: 0000003F0000803E0000803E00000000
// CHECK-SAME: 00000000000000000000000000000000"
func.func @filter_transform(%x: tensor<1x1x10x10xf32>, %init: tensor<1x1x8x8xf32>) -> tensor<1x1x8x8xf32> {
  %w = arith.constant dense<[[[[1.0, 0.0, 0.0], [0.0, 0.0, 0.0], [0.0, 0.0, 0.0]]]]> : tensor<1x1x3x3xf32>
  %y = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%x, %w : tensor<1x1x10x10xf32>, tensor<1x1x3x3xf32>) outs(%init : tensor<1x1x8x8xf32>) -> tensor<1x1x8x8xf32>
  return %y : tensor<1x1x8x8xf32>
}

// -----

// 9 x 15 = 135 tiles: the transformed input and the products get one column
// of padding, zeros, so that the products' column tile (8 with 128-bit
// vectors) divides their 136 columns.

// CHECK-LABEL: func.func @padded_columns
// CHECK: %[[ZERO:.+]] = linalg.fill {{.+}} -> tensor<16x1x1xf32>
// CHECK: tensor.insert_slice %[[ZERO]] into %{{.+}}[0, 0, 135] [16, 1, 1] [1, 1, 1] : tensor<16x1x1xf32> into tensor<16x1x136xf32>
// CHECK: linalg.generic
// CHECK-SAME: outs(%{{.+}} : tensor<16x1x136xf32>)
func.func @padded_columns(%x: tensor<1x1x20x32xf32>, %init: tensor<1x1x18x30xf32>) -> tensor<1x1x18x30xf32> {
  %w = arith.constant dense<[[[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 9.0]]]]> : tensor<1x1x3x3xf32>
  %y = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%x, %w : tensor<1x1x20x32xf32>, tensor<1x1x3x3xf32>) outs(%init : tensor<1x1x18x30xf32>) -> tensor<1x1x18x30xf32>
  return %y : tensor<1x1x18x30xf32>
}

// -----

// An initial value that only the convolution uses and that is the bias
// broadcast along the output channels (Kiln's Conv lowering) or a fill: the
// output transform adds bias[f] (or the fill value) itself and writes the
// broadcast's empty destination, without reading it; the broadcast is gone.

// CHECK-LABEL: func.func @bias
// CHECK-SAME: %[[BIAS:[^:]+]]: tensor<4xf32>
// CHECK: %[[E:.+]] = tensor.empty() : tensor<1x4x6x8xf32>
// CHECK-NOT: linalg.generic {{.+}}ins(%[[BIAS]]
// CHECK: scf.for %[[F:[^ ]+]] = {{.+}} iter_args(%{{[^ ]+}} = %[[E]])
// CHECK: %[[B:.+]] = tensor.extract %[[BIAS]][%[[F]]] : tensor<4xf32>
// CHECK: %[[V:.+]] = vector.broadcast %[[B]] : f32 to vector<8xf32>
// CHECK: arith.addf %[[V]], %{{.+}} : vector<8xf32>
// CHECK-NOT: vector.transfer_read {{.+}} : tensor<1x4x6x8xf32>
// CHECK: } {kiln.parallel_tiles}
#bias = affine_map<(d0, d1, d2, d3) -> (d1)>
#out = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
func.func @bias(%x: tensor<1x2x8x10xf32>, %bias: tensor<4xf32>) -> tensor<1x4x6x8xf32> {
  %w = arith.constant dense<[[[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 9.0]], [[1.0, 0.0, 1.0], [0.0, 1.0, 0.0], [1.0, 0.0, 1.0]]],
                             [[[0.5, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 9.0]], [[1.0, 0.0, 1.0], [0.0, 1.0, 0.0], [1.0, 0.0, 2.0]]],
                             [[[1.5, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 9.0]], [[1.0, 0.0, 1.0], [0.0, 1.0, 0.0], [1.0, 0.0, 3.0]]],
                             [[[2.5, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 9.0]], [[1.0, 0.0, 1.0], [0.0, 1.0, 0.0], [1.0, 0.0, 4.0]]]]> : tensor<4x2x3x3xf32>
  %e = tensor.empty() : tensor<1x4x6x8xf32>
  %init = linalg.generic {indexing_maps = [#bias, #out], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%bias : tensor<4xf32>) outs(%e : tensor<1x4x6x8xf32>) {
  ^bb0(%in: f32, %o: f32):
    linalg.yield %in : f32
  } -> tensor<1x4x6x8xf32>
  %y = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%x, %w : tensor<1x2x8x10xf32>, tensor<4x2x3x3xf32>) outs(%init : tensor<1x4x6x8xf32>) -> tensor<1x4x6x8xf32>
  return %y : tensor<1x4x6x8xf32>
}

// CHECK-LABEL: func.func @fill
// CHECK-SAME: %[[S:[^:]+]]: f32
// CHECK-NOT: linalg.fill {{.+}} -> tensor<1x1x6x8xf32>
// CHECK: vector.broadcast %[[S]] : f32 to vector<8xf32>
// CHECK-NOT: vector.transfer_read {{.+}} : tensor<1x1x6x8xf32>
// CHECK: return
func.func @fill(%x: tensor<1x1x8x10xf32>, %s: f32) -> tensor<1x1x6x8xf32> {
  %w = arith.constant dense<[[[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 9.0]]]]> : tensor<1x1x3x3xf32>
  %e = tensor.empty() : tensor<1x1x6x8xf32>
  %init = linalg.fill ins(%s : f32) outs(%e : tensor<1x1x6x8xf32>) -> tensor<1x1x6x8xf32>
  %y = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%x, %w : tensor<1x1x8x10xf32>, tensor<1x1x3x3xf32>) outs(%init : tensor<1x1x6x8xf32>) -> tensor<1x1x6x8xf32>
  return %y : tensor<1x1x6x8xf32>
}

// -----

// Left alone: strides, dilations, a filter that is not a constant, a 5x5
// filter.

// CHECK-LABEL: func.func @strided
// CHECK: linalg.conv_2d_nchw_fchw
// CHECK-LABEL: func.func @dilated
// CHECK: linalg.conv_2d_nchw_fchw
// CHECK-LABEL: func.func @variable_filter
// CHECK: linalg.conv_2d_nchw_fchw
// CHECK-LABEL: func.func @five_by_five
// CHECK: linalg.conv_2d_nchw_fchw
// CHECK-NOT: kiln_winograd
func.func @strided(%x: tensor<1x1x9x9xf32>, %init: tensor<1x1x4x4xf32>) -> tensor<1x1x4x4xf32> {
  %w = arith.constant dense<[[[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 9.0]]]]> : tensor<1x1x3x3xf32>
  %y = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
    ins(%x, %w : tensor<1x1x9x9xf32>, tensor<1x1x3x3xf32>) outs(%init : tensor<1x1x4x4xf32>) -> tensor<1x1x4x4xf32>
  return %y : tensor<1x1x4x4xf32>
}
func.func @dilated(%x: tensor<1x1x9x9xf32>, %init: tensor<1x1x5x5xf32>) -> tensor<1x1x5x5xf32> {
  %w = arith.constant dense<[[[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 9.0]]]]> : tensor<1x1x3x3xf32>
  %y = linalg.conv_2d_nchw_fchw {dilations = dense<2> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%x, %w : tensor<1x1x9x9xf32>, tensor<1x1x3x3xf32>) outs(%init : tensor<1x1x5x5xf32>) -> tensor<1x1x5x5xf32>
  return %y : tensor<1x1x5x5xf32>
}
func.func @variable_filter(%x: tensor<1x1x10x10xf32>, %w: tensor<1x1x3x3xf32>, %init: tensor<1x1x8x8xf32>) -> tensor<1x1x8x8xf32> {
  %y = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%x, %w : tensor<1x1x10x10xf32>, tensor<1x1x3x3xf32>) outs(%init : tensor<1x1x8x8xf32>) -> tensor<1x1x8x8xf32>
  return %y : tensor<1x1x8x8xf32>
}
func.func @five_by_five(%x: tensor<1x1x12x12xf32>, %init: tensor<1x1x8x8xf32>) -> tensor<1x1x8x8xf32> {
  %w = arith.constant dense<1.5> : tensor<1x1x5x5xf32>
  %y = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
    ins(%x, %w : tensor<1x1x12x12xf32>, tensor<1x1x5x5xf32>) outs(%init : tensor<1x1x8x8xf32>) -> tensor<1x1x8x8xf32>
  return %y : tensor<1x1x8x8xf32>
}
