// RUN: kiln-opt %s --split-input-file --convert-kiln-to-linalg | FileCheck %s

// Pooling pads explicitly, exactly as far as the windows reach, then uses
// linalg.pooling_{ncw,nchw}_{max,sum} (a linalg.generic for 3-D).

// ceil_mode: the last window overhangs the 4x4 input by one; the overhang is
// padded with -inf so that it never wins.

// CHECK-LABEL: func.func @maxpool_ceil
// CHECK-SAME: (%[[X:.+]]: tensor<1x1x4x4xf32>)
// CHECK: %[[NEG_INF:.+]] = arith.constant 0xFF800000 : f32
// CHECK: %[[XP:.+]] = tensor.pad %[[X]] low[0, 0, 0, 0] high[0, 0, 1, 1]
// CHECK: tensor.yield %[[NEG_INF]] : f32
// CHECK: } : tensor<1x1x4x4xf32> to tensor<1x1x5x5xf32>
// CHECK: %[[INIT:.+]] = linalg.fill ins(%[[NEG_INF]] : f32) outs(%{{.+}} : tensor<1x1x2x2xf32>)
// CHECK: %[[WIN:.+]] = tensor.empty() : tensor<3x3xf32>
// CHECK: %[[Y:.+]] = linalg.pooling_nchw_max {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>} ins(%[[XP]], %[[WIN]] : tensor<1x1x5x5xf32>, tensor<3x3xf32>) outs(%[[INIT]] : tensor<1x1x2x2xf32>)
// CHECK: return %[[Y]]
func.func @maxpool_ceil(%x: tensor<1x1x4x4xf32>) -> tensor<1x1x2x2xf32> {
  %y, %i = kiln.max_pool %x {ceil_mode = 1 : i64, dilations = array<i64: 1, 1>, kernel_shape = array<i64: 3, 3>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 2, 2>} : (tensor<1x1x4x4xf32>) -> (tensor<1x1x2x2xf32>, tensor<1x1x2x2xi64>)
  return %y : tensor<1x1x2x2xf32>
}

// -----

// Floor mode leaves the last input element unread: no end padding is added
// although the windows use a dilation.

// CHECK-LABEL: func.func @maxpool_1d_dilations
// CHECK: %[[XP:.+]] = tensor.pad %{{.+}} low[0, 0, 1] high[0, 0, 0]
// CHECK: } : tensor<1x3x10xf32> to tensor<1x3x11xf32>
// CHECK: linalg.pooling_ncw_max {dilations = dense<2> : tensor<1xi64>, strides = dense<3> : tensor<1xi64>} ins(%[[XP]], %{{.+}} : tensor<1x3x11xf32>, tensor<2xf32>) outs(%{{.+}} : tensor<1x3x3xf32>)
func.func @maxpool_1d_dilations(%x: tensor<1x3x10xf32>) -> tensor<1x3x3xf32> {
  %y, %i = kiln.max_pool %x {dilations = array<i64: 2>, kernel_shape = array<i64: 2>, pads = array<i64: 1, 0>, strides = array<i64: 3>} : (tensor<1x3x10xf32>) -> (tensor<1x3x3xf32>, tensor<1x3x3xi64>)
  return %y : tensor<1x3x3xf32>
}

// -----

// CHECK-DAG: #[[IN:.+]] = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d1, d2 + d5, d3 + d6, d4 + d7)>
// CHECK-DAG: #[[WIN:.+]] = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d5, d6, d7)>
// CHECK-DAG: #[[OUT:.+]] = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d1, d2, d3, d4)>
// CHECK-LABEL: func.func @maxpool_3d_i8
// CHECK-SAME: (%[[X:.+]]: tensor<1x1x4x4x4xi8>)
// CHECK: %[[MIN:.+]] = arith.constant -128 : i8
// CHECK: %[[INIT:.+]] = linalg.fill ins(%[[MIN]] : i8)
// CHECK: %[[Y:.+]] = linalg.generic {indexing_maps = [#[[IN]], #[[WIN]], #[[OUT]]], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]} ins(%[[X]], %{{.+}} : tensor<1x1x4x4x4xi8>, tensor<2x2x2xi8>) outs(%[[INIT]] : tensor<1x1x3x3x3xi8>)
// CHECK: arith.maxsi
// CHECK: return %[[Y]]
func.func @maxpool_3d_i8(%x: tensor<1x1x4x4x4xi8>) -> tensor<1x1x3x3x3xi8> {
  %y, %i = kiln.max_pool %x {dilations = array<i64: 1, 1, 1>, kernel_shape = array<i64: 2, 2, 2>, pads = array<i64: 0, 0, 0, 0, 0, 0>, strides = array<i64: 1, 1, 1>} : (tensor<1x1x4x4x4xi8>) -> (tensor<1x1x3x3x3xi8>, tensor<1x1x3x3x3xi64>)
  return %y : tensor<1x1x3x3x3xi8>
}

// -----

// count_include_pad = 1 without ceil overhang: every window counts 9.

// CHECK-LABEL: func.func @avgpool_count_include_pad
// CHECK: %[[XP:.+]] = tensor.pad %{{.+}} low[0, 0, 1, 1] high[0, 0, 1, 1]
// CHECK: %[[SUM:.+]] = linalg.pooling_nchw_sum {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%[[XP]], %{{.+}} : tensor<1x3x7x7xf32>, tensor<3x3xf32>)
// CHECK: linalg.generic {{.*}} ins(%[[SUM]] : tensor<1x3x5x5xf32>)
// CHECK: %[[NINE:.+]] = arith.constant 9.000000e+00 : f32
// CHECK: arith.divf %{{.+}}, %[[NINE]] : f32
func.func @avgpool_count_include_pad(%x: tensor<1x3x5x5xf32>) -> tensor<1x3x5x5xf32> {
  %0 = kiln.average_pool %x {count_include_pad = 1 : i64, kernel_shape = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 1, 1>} : (tensor<1x3x5x5xf32>) -> tensor<1x3x5x5xf32>
  return %0 : tensor<1x3x5x5xf32>
}

// -----

// count_include_pad = 0: windows touching the padding of H divide by the
// number of input rows they cover, min(h - 1 + 3, 5) - max(h - 1, 0), times
// the (always full) 2 columns. f16 sums in f32.

// CHECK-LABEL: func.func @avgpool_exclude_pad
// CHECK: %[[SUM:.+]] = linalg.pooling_nchw_sum {dilations = dense<1> : tensor<2xi64>, strides = dense<[1, 2]> : tensor<2xi64>} ins(%{{.+}}, %{{.+}} : tensor<1x3x7x6xf16>, tensor<3x2xf16>) outs(%{{.+}} : tensor<1x3x5x3xf32>)
// CHECK: linalg.generic {{.*}} ins(%[[SUM]] : tensor<1x3x5x3xf32>) outs(%{{.+}} : tensor<1x3x5x3xf16>)
// CHECK-NEXT: ^bb0(%[[S:.+]]: f32, %{{.+}}: f16):
// CHECK-NEXT: %[[H:.+]] = linalg.index 2 : index
// CHECK-NEXT: %[[C1:.+]] = arith.constant 1 : index
// CHECK-NEXT: %[[START:.+]] = arith.subi %[[H]], %[[C1]] : index
// CHECK-NEXT: %[[C3:.+]] = arith.constant 3 : index
// CHECK-NEXT: %[[END:.+]] = arith.addi %[[START]], %[[C3]] : index
// CHECK-NEXT: %[[C5:.+]] = arith.constant 5 : index
// CHECK-NEXT: %[[HI:.+]] = arith.minsi %[[END]], %[[C5]] : index
// CHECK-NEXT: %[[C0:.+]] = arith.constant 0 : index
// CHECK-NEXT: %[[LO:.+]] = arith.maxsi %[[START]], %[[C0]] : index
// CHECK-NEXT: %[[ROWS:.+]] = arith.subi %[[HI]], %[[LO]] : index
// CHECK-NEXT: %[[C2:.+]] = arith.constant 2 : index
// CHECK-NEXT: %[[N:.+]] = arith.muli %[[ROWS]], %[[C2]] : index
// CHECK-NEXT: %[[NI:.+]] = arith.index_cast %[[N]] : index to i64
// CHECK-NEXT: %[[NF:.+]] = arith.sitofp %[[NI]] : i64 to f32
// CHECK-NEXT: %[[AVG:.+]] = arith.divf %[[S]], %[[NF]] : f32
// CHECK-NEXT: %[[R:.+]] = arith.truncf %[[AVG]] : f32 to f16
// CHECK-NEXT: linalg.yield %[[R]] : f16
func.func @avgpool_exclude_pad(%x: tensor<1x3x5x6xf16>) -> tensor<1x3x5x3xf16> {
  %0 = kiln.average_pool %x {kernel_shape = array<i64: 3, 2>, pads = array<i64: 1, 0, 1, 0>, strides = array<i64: 1, 2>} : (tensor<1x3x5x6xf16>) -> tensor<1x3x5x3xf16>
  return %0 : tensor<1x3x5x3xf16>
}

// -----

// LpPool (p = 2): square, sum-pool, square root.

// CHECK-LABEL: func.func @lppool
// CHECK-SAME: (%[[X:.+]]: tensor<1x2x4x4xf32>)
// CHECK: %[[SQ:.+]] = linalg.generic {{.*}} ins(%[[X]] : tensor<1x2x4x4xf32>)
// CHECK: arith.mulf %[[V:.+]], %[[V]] : f32
// CHECK: %[[SUM:.+]] = linalg.pooling_nchw_sum {{.*}} ins(%[[SQ]], %{{.+}} : tensor<1x2x4x4xf32>, tensor<2x2xf32>)
// CHECK: %[[Y:.+]] = linalg.generic {{.*}} ins(%[[SUM]] : tensor<1x2x3x3xf32>)
// CHECK: math.sqrt
// CHECK: return %[[Y]]
func.func @lppool(%x: tensor<1x2x4x4xf32>) -> tensor<1x2x3x3xf32> {
  %0 = kiln.lp_pool %x {kernel_shape = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x2x4x4xf32>) -> tensor<1x2x3x3xf32>
  return %0 : tensor<1x2x3x3xf32>
}

// -----

// CHECK-DAG: #[[ID4:.+]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
// CHECK-DAG: #[[NC:.+]] = affine_map<(d0, d1, d2, d3) -> (d0, d1)>
// CHECK-LABEL: func.func @global_average_pool
// CHECK-SAME: (%[[X:.+]]: tensor<2x3x4x5xf32>)
// CHECK: %[[SUM:.+]] = linalg.generic {indexing_maps = [#[[ID4]], #[[NC]]], iterator_types = ["parallel", "parallel", "reduction", "reduction"]} ins(%[[X]] : tensor<2x3x4x5xf32>) outs(%{{.+}} : tensor<2x3xf32>)
// CHECK: arith.addf
// CHECK: %[[AVG:.+]] = linalg.generic {{.*}} ins(%[[SUM]] : tensor<2x3xf32>)
// CHECK: %[[N:.+]] = arith.constant 2.000000e+01 : f32
// CHECK: arith.divf %{{.+}}, %[[N]] : f32
// CHECK: %[[Y:.+]] = tensor.expand_shape %[[AVG]] {{\[}}[0], [1, 2, 3]] output_shape [2, 3, 1, 1] : tensor<2x3xf32> into tensor<2x3x1x1xf32>
// CHECK: return %[[Y]]
func.func @global_average_pool(%x: tensor<2x3x4x5xf32>) -> tensor<2x3x1x1xf32> {
  %0 = kiln.global_average_pool %x : (tensor<2x3x4x5xf32>) -> tensor<2x3x1x1xf32>
  return %0 : tensor<2x3x1x1xf32>
}

// -----

// CHECK-LABEL: func.func @global_max_pool
// CHECK: %[[NEG_INF:.+]] = arith.constant 0xFF800000 : f32
// CHECK: %[[INIT:.+]] = linalg.fill ins(%[[NEG_INF]] : f32) outs(%{{.+}} : tensor<2x3xf32>)
// CHECK: %[[MAX:.+]] = linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "reduction", "reduction", "reduction"]{{.*}} outs(%[[INIT]] : tensor<2x3xf32>)
// CHECK: arith.maximumf
// CHECK: tensor.expand_shape %[[MAX]] {{\[}}[0], [1, 2, 3, 4]] output_shape [2, 3, 1, 1, 1]
func.func @global_max_pool(%x: tensor<2x3x4x5x6xf32>) -> tensor<2x3x1x1x1xf32> {
  %0 = kiln.global_max_pool %x : (tensor<2x3x4x5x6xf32>) -> tensor<2x3x1x1x1xf32>
  return %0 : tensor<2x3x1x1x1xf32>
}

// -----

// Used indices: one linalg.generic yields the max and the flat index of its
// first occurrence in the unpadded input, ((n * C + c) * H + h) * W + w.

// CHECK-LABEL: func.func @maxpool_indices
// CHECK: %[[R:.+]]:2 = linalg.generic
// CHECK-SAME: iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction"]
// CHECK-SAME: outs(%{{.+}}, %{{.+}} : tensor<1x2x2x2xf32>, tensor<1x2x2x2xi64>)
// CHECK: %[[GT:.+]] = arith.cmpf ogt
// CHECK: arith.index_cast %{{.+}} : index to i64
// CHECK: arith.select %[[GT]]
// CHECK: arith.select %[[GT]]
// CHECK: return %[[R]]#0, %[[R]]#1
func.func @maxpool_indices(%x: tensor<1x2x4x4xf32>) -> (tensor<1x2x2x2xf32>, tensor<1x2x2x2xi64>) {
  %y, %i = kiln.max_pool %x {dilations = array<i64: 1, 1>, kernel_shape = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 2, 2>} : (tensor<1x2x4x4xf32>) -> (tensor<1x2x2x2xf32>, tensor<1x2x2x2xi64>)
  return %y, %i : tensor<1x2x2x2xf32>, tensor<1x2x2x2xi64>
}

// -----

// Unsigned max pooling: flipping the top bit maps unsigned order onto the
// signed order the pooling ops compare in, and back afterwards.

// CHECK-LABEL: func.func @maxpool_unsigned
// CHECK: %[[S:.+]] = tensor.bitcast %{{.+}} : tensor<1x1x4x4xui8> to tensor<1x1x4x4xi8>
// CHECK: linalg.generic {{.+}} ins(%[[S]] : tensor<1x1x4x4xi8>)
// CHECK: arith.xori %{{.+}}, %c-128_i8{{.*}} : i8
// CHECK: linalg.pooling_nchw_max
// CHECK: arith.xori
// CHECK: tensor.bitcast %{{.+}} : tensor<1x1x2x2xi8> to tensor<1x1x2x2xui8>
func.func @maxpool_unsigned(%x: tensor<1x1x4x4xui8>) -> tensor<1x1x2x2xui8> {
  %y, %i = kiln.max_pool %x {dilations = array<i64: 1, 1>, kernel_shape = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 2, 2>} : (tensor<1x1x4x4xui8>) -> (tensor<1x1x2x2xui8>, tensor<1x1x2x2xi64>)
  return %y : tensor<1x1x2x2xui8>
}
