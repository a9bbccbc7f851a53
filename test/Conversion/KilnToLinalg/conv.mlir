// RUN: kiln-opt %s --split-input-file --convert-kiln-to-linalg | FileCheck %s

// Conv: explicit zero padding (tensor.pad), then the NCHW named convolution
// for the group structure, with strides and dilations as its attributes. The
// bias is broadcast into the accumulator instead of being added afterwards.

// CHECK-DAG: #[[CH:.+]] = affine_map<(d0, d1, d2, d3) -> (d1)>
// CHECK-DAG: #[[ID4:.+]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
// CHECK-LABEL: func.func @conv_2d_bias
// CHECK-SAME: (%[[X:.+]]: tensor<2x3x10x12xf32>, %[[W:.+]]: tensor<8x3x3x3xf32>, %[[B:.+]]: tensor<8xf32>)
// CHECK: %[[ZERO:.+]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[XP:.+]] = tensor.pad %[[X]] low[0, 0, 1, 0] high[0, 0, 2, 1]
// CHECK: tensor.yield %[[ZERO]] : f32
// CHECK: } : tensor<2x3x10x12xf32> to tensor<2x3x13x13xf32>
// CHECK: %[[INIT:.+]] = linalg.generic {indexing_maps = [#[[CH]], #[[ID4]]], {{.*}} ins(%[[B]] : tensor<8xf32>) outs(%{{.+}} : tensor<2x8x5x4xf32>)
// CHECK: %[[Y:.+]] = linalg.conv_2d_nchw_fchw {dilations = dense<[2, 1]> : tensor<2xi64>, strides = dense<[2, 3]> : tensor<2xi64>} ins(%[[XP]], %[[W]] : tensor<2x3x13x13xf32>, tensor<8x3x3x3xf32>) outs(%[[INIT]] : tensor<2x8x5x4xf32>)
// CHECK: return %[[Y]]
func.func @conv_2d_bias(%x: tensor<2x3x10x12xf32>, %w: tensor<8x3x3x3xf32>, %b: tensor<8xf32>) -> tensor<2x8x5x4xf32> {
  %0 = kiln.conv %x, %w b(%b) {dilations = array<i64: 2, 1>, pads = array<i64: 1, 0, 2, 1>, strides = array<i64: 2, 3>} : (tensor<2x3x10x12xf32>, tensor<8x3x3x3xf32>, tensor<8xf32>) -> tensor<2x8x5x4xf32>
  return %0 : tensor<2x8x5x4xf32>
}

// -----

// CHECK-LABEL: func.func @conv_1d
// CHECK-SAME: (%[[X:.+]]: tensor<2x4x10xf32>, %[[W:.+]]: tensor<6x4x5xf32>)
// CHECK-NOT: tensor.pad
// CHECK: %[[INIT:.+]] = linalg.fill
// CHECK: %[[Y:.+]] = linalg.conv_1d_ncw_fcw {dilations = dense<1> : tensor<1xi64>, strides = dense<1> : tensor<1xi64>} ins(%[[X]], %[[W]] : tensor<2x4x10xf32>, tensor<6x4x5xf32>) outs(%[[INIT]] : tensor<2x6x6xf32>)
// CHECK: return %[[Y]]
func.func @conv_1d(%x: tensor<2x4x10xf32>, %w: tensor<6x4x5xf32>) -> tensor<2x6x6xf32> {
  %0 = kiln.conv %x, %w {dilations = array<i64: 1>, pads = array<i64: 0, 0>, strides = array<i64: 1>} : (tensor<2x4x10xf32>, tensor<6x4x5xf32>) -> tensor<2x6x6xf32>
  return %0 : tensor<2x6x6xf32>
}

// -----

// CHECK-LABEL: func.func @conv_3d
// CHECK: linalg.conv_3d_ncdhw_fcdhw {dilations = dense<1> : tensor<3xi64>, strides = dense<1> : tensor<3xi64>} ins(%{{.+}}, %{{.+}} : tensor<1x2x5x5x5xf32>, tensor<4x2x3x3x3xf32>) outs(%{{.+}} : tensor<1x4x3x3x3xf32>)
func.func @conv_3d(%x: tensor<1x2x5x5x5xf32>, %w: tensor<4x2x3x3x3xf32>) -> tensor<1x4x3x3x3xf32> {
  %0 = kiln.conv %x, %w {dilations = array<i64: 1, 1, 1>, pads = array<i64: 0, 0, 0, 0, 0, 0>, strides = array<i64: 1, 1, 1>} : (tensor<1x2x5x5x5xf32>, tensor<4x2x3x3x3xf32>) -> tensor<1x4x3x3x3xf32>
  return %0 : tensor<1x4x3x3x3xf32>
}

// -----

// Depthwise (group = C = M): the weight drops its unit dim. f16 accumulates
// in f32: the bias is extended into the accumulator, the result truncated.

// CHECK-LABEL: func.func @conv_depthwise
// CHECK-SAME: (%[[X:.+]]: tensor<1x8x9x9xf16>, %[[W:.+]]: tensor<8x1x3x3xf16>, %[[B:.+]]: tensor<8xf16>)
// CHECK: %[[W2:.+]] = tensor.collapse_shape %[[W]] {{\[}}[0], [1, 2], [3]] : tensor<8x1x3x3xf16> into tensor<8x3x3xf16>
// CHECK: %[[INIT:.+]] = linalg.generic {{.*}} ins(%[[B]] : tensor<8xf16>) outs(%{{.+}} : tensor<1x8x4x4xf32>)
// CHECK: arith.extf %{{.+}} : f16 to f32
// CHECK: %[[ACC:.+]] = linalg.depthwise_conv_2d_nchw_chw {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>} ins(%[[X]], %[[W2]] : tensor<1x8x9x9xf16>, tensor<8x3x3xf16>) outs(%[[INIT]] : tensor<1x8x4x4xf32>)
// CHECK: %[[Y:.+]] = linalg.generic {{.*}} ins(%[[ACC]] : tensor<1x8x4x4xf32>) outs(%{{.+}} : tensor<1x8x4x4xf16>)
// CHECK: arith.truncf %{{.+}} : f32 to f16
// CHECK: return %[[Y]]
func.func @conv_depthwise(%x: tensor<1x8x9x9xf16>, %w: tensor<8x1x3x3xf16>, %b: tensor<8xf16>) -> tensor<1x8x4x4xf16> {
  %0 = kiln.conv %x, %w b(%b) {dilations = array<i64: 1, 1>, group = 8 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 2, 2>} : (tensor<1x8x9x9xf16>, tensor<8x1x3x3xf16>, tensor<8xf16>) -> tensor<1x8x4x4xf16>
  return %0 : tensor<1x8x4x4xf16>
}

// -----

// Other groups: channels split into [G, C/G] for linalg.conv_2d_ngchw_gfchw;
// the bias is viewed as [G, M/G].

// CHECK-DAG: #[[GF:.+]] = affine_map<(d0, d1, d2, d3, d4) -> (d1, d2)>
// CHECK-LABEL: func.func @conv_group
// CHECK-SAME: (%[[X:.+]]: tensor<1x8x5x5xf32>, %[[W:.+]]: tensor<16x2x3x3xf32>, %[[B:.+]]: tensor<16xf32>)
// CHECK: %[[XP:.+]] = tensor.pad %[[X]] low[0, 0, 1, 1] high[0, 0, 1, 1]
// CHECK: %[[X5:.+]] = tensor.expand_shape %[[XP]] {{\[}}[0], [1, 2], [3], [4]] output_shape [1, 4, 2, 7, 7] : tensor<1x8x7x7xf32> into tensor<1x4x2x7x7xf32>
// CHECK: %[[W5:.+]] = tensor.expand_shape %[[W]] {{\[}}[0, 1], [2], [3], [4]] output_shape [4, 4, 2, 3, 3] : tensor<16x2x3x3xf32> into tensor<4x4x2x3x3xf32>
// CHECK: %[[B2:.+]] = tensor.expand_shape %[[B]] {{\[}}[0, 1]] output_shape [4, 4] : tensor<16xf32> into tensor<4x4xf32>
// CHECK: %[[INIT:.+]] = linalg.generic {indexing_maps = [#[[GF]], {{.+}}]{{.*}} ins(%[[B2]] : tensor<4x4xf32>) outs(%{{.+}} : tensor<1x4x4x5x5xf32>)
// CHECK: %[[Y5:.+]] = linalg.conv_2d_ngchw_gfchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%[[X5]], %[[W5]] : tensor<1x4x2x7x7xf32>, tensor<4x4x2x3x3xf32>) outs(%[[INIT]] : tensor<1x4x4x5x5xf32>)
// CHECK: %[[Y:.+]] = tensor.collapse_shape %[[Y5]] {{\[}}[0], [1, 2], [3], [4]] : tensor<1x4x4x5x5xf32> into tensor<1x16x5x5xf32>
// CHECK: return %[[Y]]
func.func @conv_group(%x: tensor<1x8x5x5xf32>, %w: tensor<16x2x3x3xf32>, %b: tensor<16xf32>) -> tensor<1x16x5x5xf32> {
  %0 = kiln.conv %x, %w b(%b) {dilations = array<i64: 1, 1>, group = 4 : i64, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 1, 1>} : (tensor<1x8x5x5xf32>, tensor<16x2x3x3xf32>, tensor<16xf32>) -> tensor<1x16x5x5xf32>
  return %0 : tensor<1x16x5x5xf32>
}

// -----

// Grouped convolutions without a named op (here 1-D) are the same loop nest
// as a linalg.generic: n, g, f, o parallel; c, k reductions.

// CHECK-DAG: #[[IN:.+]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d4, d3 + d5 * 2)>
// CHECK-DAG: #[[KER:.+]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d1, d2, d4, d5)>
// CHECK-DAG: #[[OUT:.+]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2, d3)>
// CHECK-LABEL: func.func @conv_group_1d
// CHECK: %[[X4:.+]] = tensor.expand_shape %{{.+}} {{\[}}[0], [1, 2], [3]] output_shape [1, 2, 2, 7]
// CHECK: %[[W4:.+]] = tensor.expand_shape %{{.+}} {{\[}}[0, 1], [2], [3]] output_shape [2, 3, 2, 3]
// CHECK: %[[Y4:.+]] = linalg.generic {indexing_maps = [#[[IN]], #[[KER]], #[[OUT]]], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction"]} ins(%[[X4]], %[[W4]] : tensor<1x2x2x7xf32>, tensor<2x3x2x3xf32>) outs(%{{.+}} : tensor<1x2x3x3xf32>)
// CHECK-NEXT: ^bb0(%[[A:.+]]: f32, %[[B:.+]]: f32, %[[ACC:.+]]: f32):
// CHECK-NEXT: %[[P:.+]] = arith.mulf %[[A]], %[[B]] : f32
// CHECK-NEXT: %[[S:.+]] = arith.addf %[[ACC]], %[[P]] : f32
// CHECK-NEXT: linalg.yield %[[S]] : f32
// CHECK: tensor.collapse_shape %[[Y4]] {{\[}}[0], [1, 2], [3]] : tensor<1x2x3x3xf32> into tensor<1x6x3xf32>
func.func @conv_group_1d(%x: tensor<1x4x7xf32>, %w: tensor<6x2x3xf32>) -> tensor<1x6x3xf32> {
  %0 = kiln.conv %x, %w {dilations = array<i64: 2>, group = 2 : i64, pads = array<i64: 0, 0>, strides = array<i64: 1>} : (tensor<1x4x7xf32>, tensor<6x2x3xf32>) -> tensor<1x6x3xf32>
  return %0 : tensor<1x6x3xf32>
}

// -----

// ConvTranspose: x is spread by the stride into a zero tensor that also holds
// the full padding ((k - 1) * dilation - pad_begin = 1 before; the end holds
// output_padding), the kernel is flipped with in/out channels swapped, and a
// stride-1 convolution does the rest.

// CHECK-DAG: #[[FLIP:.+]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d2, d1, -d3 + 2, -d4 + 2)>
// CHECK-LABEL: func.func @conv_transpose
// CHECK-SAME: (%[[X:.+]]: tensor<1x2x3x3xf32>, %[[W:.+]]: tensor<2x3x3x3xf32>, %[[B:.+]]: tensor<3xf32>)
// CHECK: %[[Z:.+]] = linalg.fill ins(%{{.+}} : f32) outs(%{{.+}} : tensor<1x2x8x8xf32>)
// CHECK: %[[SPREAD:.+]] = tensor.insert_slice %[[X]] into %[[Z]][0, 0, 1, 1] [1, 2, 3, 3] [1, 1, 2, 2] : tensor<1x2x3x3xf32> into tensor<1x2x8x8xf32>
// CHECK: %[[WG:.+]] = tensor.expand_shape %[[W]] {{\[}}[0, 1], [2], [3], [4]] output_shape [1, 2, 3, 3, 3]
// CHECK: %[[WF:.+]] = linalg.generic {indexing_maps = [#[[FLIP]], {{.+}}]{{.*}} ins(%[[WG]] : tensor<1x2x3x3x3xf32>) outs(%{{.+}} : tensor<1x3x2x3x3xf32>)
// CHECK: %[[WC:.+]] = tensor.collapse_shape %[[WF]] {{\[}}[0, 1], [2], [3], [4]] : tensor<1x3x2x3x3xf32> into tensor<3x2x3x3xf32>
// CHECK: %[[INIT:.+]] = linalg.generic {{.*}} ins(%[[B]] : tensor<3xf32>) outs(%{{.+}} : tensor<1x3x6x6xf32>)
// CHECK: %[[Y:.+]] = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%[[SPREAD]], %[[WC]] : tensor<1x2x8x8xf32>, tensor<3x2x3x3xf32>) outs(%[[INIT]] : tensor<1x3x6x6xf32>)
// CHECK: return %[[Y]]
func.func @conv_transpose(%x: tensor<1x2x3x3xf32>, %w: tensor<2x3x3x3xf32>, %b: tensor<3xf32>) -> tensor<1x3x6x6xf32> {
  %0 = kiln.conv_transpose %x, %w b(%b) {dilations = array<i64: 1, 1>, output_padding = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : (tensor<1x2x3x3xf32>, tensor<2x3x3x3xf32>, tensor<3xf32>) -> tensor<1x3x6x6xf32>
  return %0 : tensor<1x3x6x6xf32>
}

// -----

// Pads larger than the kernel reach crop input elements that would land
// outside the output: only x[1..2] of each spatial dim is placed.

// CHECK-LABEL: func.func @conv_transpose_crop
// CHECK-SAME: (%[[X:.+]]: tensor<1x1x4x4xf32>
// CHECK: %[[Z:.+]] = linalg.fill ins(%{{.+}} : f32) outs(%{{.+}} : tensor<1x1x2x2xf32>)
// CHECK: %[[XS:.+]] = tensor.extract_slice %[[X]][0, 0, 1, 1] [1, 1, 2, 2] [1, 1, 1, 1] : tensor<1x1x4x4xf32> to tensor<1x1x2x2xf32>
// CHECK: tensor.insert_slice %[[XS]] into %[[Z]][0, 0, 0, 0] [1, 1, 2, 2] [1, 1, 1, 1]
// CHECK: linalg.conv_2d_nchw_fchw
func.func @conv_transpose_crop(%x: tensor<1x1x4x4xf32>, %w: tensor<1x1x1x1xf32>) -> tensor<1x1x2x2xf32> {
  %0 = kiln.conv_transpose %x, %w {dilations = array<i64: 1, 1>, output_padding = array<i64: 0, 0>, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 1, 1>} : (tensor<1x1x4x4xf32>, tensor<1x1x1x1xf32>) -> tensor<1x1x2x2xf32>
  return %0 : tensor<1x1x2x2xf32>
}
