// RUN: kiln-opt %s --split-input-file --convert-kiln-to-linalg | FileCheck %s

// Constants keep their attribute; resources are referenced, not copied.

// CHECK-LABEL: func.func @constant
// CHECK: %[[D:.+]] = arith.constant dense<[1.000000e+00, 2.000000e+00]> : tensor<2xf32>
// CHECK: %[[R:.+]] = arith.constant dense_resource<blob> : tensor<2xi64>
// CHECK: return %[[D]], %[[R]]
func.func @constant() -> (tensor<2xf32>, tensor<2xi64>) {
  %0 = kiln.constant dense<[1.0, 2.0]> : tensor<2xf32>
  %1 = kiln.constant dense_resource<blob> : tensor<2xi64>
  return %0, %1 : tensor<2xf32>, tensor<2xi64>
}

{-#
  dialect_resources: {
    builtin: {
      blob: "0x0800000001000000000000000200000000000000"
    }
  }
#-}

// -----

// CHECK-LABEL: func.func @shape_size
// CHECK-DAG: %[[S:.+]] = arith.constant dense<[3, 4]> : tensor<2xi64>
// CHECK-DAG: %[[N:.+]] = arith.constant dense<24> : tensor<i64>
// CHECK: return %[[S]], %[[N]]
func.func @shape_size(%x: tensor<2x3x4xf32>) -> (tensor<2xi64>, tensor<i64>) {
  %0 = kiln.shape %x {start = -2 : i64} : (tensor<2x3x4xf32>) -> tensor<2xi64>
  %1 = kiln.size %x : (tensor<2x3x4xf32>) -> tensor<i64>
  return %0, %1 : tensor<2xi64>, tensor<i64>
}

// -----

// ConstantOfShape is usually folded before it gets here; either way it is a
// constant.

// CHECK-LABEL: func.func @constant_of_shape
// CHECK-DAG: %[[I:.+]] = arith.constant dense<7> : tensor<2x3xi32>
// CHECK-DAG: %[[ZERO:.+]] = arith.constant dense<0.000000e+00> : tensor<4xf32>
// CHECK: return %[[I]], %[[ZERO]]
func.func @constant_of_shape() -> (tensor<2x3xi32>, tensor<4xf32>) {
  %0 = kiln.constant_of_shape {shape = array<i64: 2, 3>, value = dense<7> : tensor<1xi32>} : () -> tensor<2x3xi32>
  %1 = kiln.constant_of_shape {shape = array<i64: 4>} : () -> tensor<4xf32>
  return %0, %1 : tensor<2x3xi32>, tensor<4xf32>
}

// -----

// CHECK-LABEL: func.func @range
// CHECK-DAG: %[[I:.+]] = arith.constant dense<[10, 7, 4]> : tensor<3xi32>
// CHECK-DAG: %[[F:.+]] = arith.constant dense<[1.000000e+00, 1.500000e+00, 2.000000e+00]> : tensor<3xf32>
// CHECK: return %[[I]], %[[F]]
func.func @range() -> (tensor<3xi32>, tensor<3xf32>) {
  %s = kiln.constant dense<10> : tensor<i32>
  %l = kiln.constant dense<1> : tensor<i32>
  %d = kiln.constant dense<-3> : tensor<i32>
  %0 = kiln.range %s, %l, %d : (tensor<i32>, tensor<i32>, tensor<i32>) -> tensor<3xi32>
  %fs = kiln.constant dense<1.0> : tensor<f32>
  %fl = kiln.constant dense<2.2> : tensor<f32>
  %fd = kiln.constant dense<0.5> : tensor<f32>
  %1 = kiln.range %fs, %fl, %fd : (tensor<f32>, tensor<f32>, tensor<f32>) -> tensor<3xf32>
  return %0, %1 : tensor<3xi32>, tensor<3xf32>
}

// -----

// Reshapes with a reassociation are one collapse or expand.

// CHECK-LABEL: func.func @reshape
// CHECK-SAME: (%[[X:.+]]: tensor<2x3x4xf32>)
// CHECK: %[[C:.+]] = tensor.collapse_shape %[[X]] {{\[}}[0, 1], [2]] : tensor<2x3x4xf32> into tensor<6x4xf32>
// CHECK: %[[E:.+]] = tensor.expand_shape %[[X]] {{\[}}[0], [1], [2, 3]] output_shape [2, 3, 2, 2] : tensor<2x3x4xf32> into tensor<2x3x2x2xf32>
// CHECK: return %[[C]], %[[E]], %[[X]]
func.func @reshape(%x: tensor<2x3x4xf32>) -> (tensor<6x4xf32>, tensor<2x3x2x2xf32>, tensor<2x3x4xf32>) {
  %0 = kiln.reshape %x {shape = array<i64: 6, 4>} : (tensor<2x3x4xf32>) -> tensor<6x4xf32>
  %1 = kiln.reshape %x {shape = array<i64: 2, 3, 2, 2>} : (tensor<2x3x4xf32>) -> tensor<2x3x2x2xf32>
  %2 = kiln.reshape %x {shape = array<i64: 2, 3, 4>} : (tensor<2x3x4xf32>) -> tensor<2x3x4xf32>
  return %0, %1, %2 : tensor<6x4xf32>, tensor<2x3x2x2xf32>, tensor<2x3x4xf32>
}

// -----

// Without a reassociation (2x6 -> 3x4) the reshape goes through 1-D.

// CHECK-LABEL: func.func @reshape_through_1d
// CHECK-SAME: (%[[X:.+]]: tensor<2x6xi64>, %[[S:.+]]: tensor<f32>)
// CHECK: %[[F:.+]] = tensor.collapse_shape %[[X]] {{\[}}[0, 1]] : tensor<2x6xi64> into tensor<12xi64>
// CHECK: %[[R:.+]] = tensor.expand_shape %[[F]] {{\[}}[0, 1]] output_shape [3, 4] : tensor<12xi64> into tensor<3x4xi64>
// CHECK: %[[U:.+]] = tensor.expand_shape %[[S]] [] output_shape [1, 1] : tensor<f32> into tensor<1x1xf32>
// CHECK: return %[[R]], %[[U]]
func.func @reshape_through_1d(%x: tensor<2x6xi64>, %s: tensor<f32>) -> (tensor<3x4xi64>, tensor<1x1xf32>) {
  %0 = kiln.reshape %x {shape = array<i64: 3, 4>} : (tensor<2x6xi64>) -> tensor<3x4xi64>
  %1 = kiln.reshape %s {shape = array<i64: 1, 1>} : (tensor<f32>) -> tensor<1x1xf32>
  return %0, %1 : tensor<3x4xi64>, tensor<1x1xf32>
}

// -----

// CHECK-LABEL: func.func @flatten
// CHECK-SAME: (%[[X:.+]]: tensor<2x3x4x5xf32>)
// CHECK: %[[A:.+]] = tensor.collapse_shape %[[X]] {{\[}}[0, 1], [2, 3]] : tensor<2x3x4x5xf32> into tensor<6x20xf32>
// CHECK: %[[B:.+]] = tensor.collapse_shape %[[X]] {{\[}}[0, 1, 2, 3]] : tensor<2x3x4x5xf32> into tensor<120xf32>
// CHECK: %[[B2:.+]] = tensor.expand_shape %[[B]] {{\[}}[0, 1]] output_shape [1, 120] : tensor<120xf32> into tensor<1x120xf32>
// CHECK: return %[[A]], %[[B2]]
func.func @flatten(%x: tensor<2x3x4x5xf32>) -> (tensor<6x20xf32>, tensor<1x120xf32>) {
  %0 = kiln.flatten %x {axis = 2 : i64} : (tensor<2x3x4x5xf32>) -> tensor<6x20xf32>
  %1 = kiln.flatten %x {axis = 0 : i64} : (tensor<2x3x4x5xf32>) -> tensor<1x120xf32>
  return %0, %1 : tensor<6x20xf32>, tensor<1x120xf32>
}

// -----

// CHECK-LABEL: func.func @squeeze_unsqueeze
// CHECK-SAME: (%[[X:.+]]: tensor<1x3x1x4xi1>, %[[Y:.+]]: tensor<3x4xbf16>)
// CHECK: %[[S:.+]] = tensor.collapse_shape %[[X]] {{\[}}[0, 1], [2, 3]] : tensor<1x3x1x4xi1> into tensor<3x4xi1>
// CHECK: %[[U:.+]] = tensor.expand_shape %[[Y]] {{\[}}[0, 1], [2, 3]] output_shape [1, 3, 4, 1] : tensor<3x4xbf16> into tensor<1x3x4x1xbf16>
// CHECK: return %[[S]], %[[U]]
func.func @squeeze_unsqueeze(%x: tensor<1x3x1x4xi1>, %y: tensor<3x4xbf16>) -> (tensor<3x4xi1>, tensor<1x3x4x1xbf16>) {
  %0 = kiln.squeeze %x {axes = array<i64: 0, 2>} : (tensor<1x3x1x4xi1>) -> tensor<3x4xi1>
  %1 = kiln.unsqueeze %y {axes = array<i64: 0, 3>} : (tensor<3x4xbf16>) -> tensor<1x3x4x1xbf16>
  return %0, %1 : tensor<3x4xi1>, tensor<1x3x4x1xbf16>
}

// -----

// CHECK-LABEL: func.func @transpose
// CHECK-SAME: (%[[X:.+]]: tensor<2x3x4xf32>)
// CHECK: %[[E:.+]] = tensor.empty() : tensor<4x2x3xf32>
// CHECK: %[[T:.+]] = linalg.transpose ins(%[[X]] : tensor<2x3x4xf32>) outs(%[[E]] : tensor<4x2x3xf32>) permutation = [2, 0, 1]
// CHECK: return %[[T]], %[[X]]
func.func @transpose(%x: tensor<2x3x4xf32>) -> (tensor<4x2x3xf32>, tensor<2x3x4xf32>) {
  %0 = kiln.transpose %x {perm = array<i64: 2, 0, 1>} : (tensor<2x3x4xf32>) -> tensor<4x2x3xf32>
  %1 = kiln.transpose %x {perm = array<i64: 0, 1, 2>} : (tensor<2x3x4xf32>) -> tensor<2x3x4xf32>
  return %0, %1 : tensor<4x2x3xf32>, tensor<2x3x4xf32>
}

// -----

// Inputs that are empty along the axis are dropped.

// CHECK-LABEL: func.func @concat
// CHECK-SAME: (%[[A:.+]]: tensor<2x3xf16>, %[[B:.+]]: tensor<2x5xf16>, %[[Z:.+]]: tensor<2x0xf16>)
// CHECK: %[[C:.+]] = tensor.concat dim(1) %[[A]], %[[B]] : (tensor<2x3xf16>, tensor<2x5xf16>) -> tensor<2x8xf16>
// CHECK: return %[[C]], %[[A]]
func.func @concat(%a: tensor<2x3xf16>, %b: tensor<2x5xf16>, %z: tensor<2x0xf16>) -> (tensor<2x8xf16>, tensor<2x3xf16>) {
  %0 = kiln.concat %a, %z, %b {axis = -1 : i64} : (tensor<2x3xf16>, tensor<2x0xf16>, tensor<2x5xf16>) -> tensor<2x8xf16>
  %1 = kiln.concat %a, %z {axis = 1 : i64} : (tensor<2x3xf16>, tensor<2x0xf16>) -> tensor<2x3xf16>
  return %0, %1 : tensor<2x8xf16>, tensor<2x3xf16>
}

// -----

// CHECK-LABEL: func.func @split
// CHECK-SAME: (%[[X:.+]]: tensor<4x6xi8>)
// CHECK: %[[A:.+]] = tensor.extract_slice %[[X]][0, 0] [4, 1] [1, 1] : tensor<4x6xi8> to tensor<4x1xi8>
// CHECK: %[[B:.+]] = tensor.extract_slice %[[X]][0, 1] [4, 5] [1, 1] : tensor<4x6xi8> to tensor<4x5xi8>
// CHECK: return %[[A]], %[[B]]
func.func @split(%x: tensor<4x6xi8>) -> (tensor<4x1xi8>, tensor<4x5xi8>) {
  %0:2 = kiln.split %x {axis = -1 : i64, split = array<i64: 1, 5>} : (tensor<4x6xi8>) -> (tensor<4x1xi8>, tensor<4x5xi8>)
  return %0#0, %0#1 : tensor<4x1xi8>, tensor<4x5xi8>
}

// -----

// Empty parts are empty tensors (extract_slice rejects an offset at the end).

// CHECK-LABEL: func.func @split_empty
// CHECK-SAME: (%[[X:.+]]: tensor<0xf32>)
// CHECK: %[[A:.+]] = tensor.empty() : tensor<0xf32>
// CHECK: %[[B:.+]] = tensor.empty() : tensor<0xf32>
// CHECK: return %[[A]], %[[B]]
func.func @split_empty(%x: tensor<0xf32>) -> (tensor<0xf32>, tensor<0xf32>) {
  %0:2 = kiln.split %x {axis = 0 : i64, split = array<i64: 0, 0>} : (tensor<0xf32>) -> (tensor<0xf32>, tensor<0xf32>)
  return %0#0, %0#1 : tensor<0xf32>, tensor<0xf32>
}

// -----

// CHECK-LABEL: func.func @slice
// CHECK-SAME: (%[[X:.+]]: tensor<10x20xf32>)
// CHECK: %[[S:.+]] = tensor.extract_slice %[[X]][1, 0] [3, 7] [2, 3] : tensor<10x20xf32> to tensor<3x7xf32>
// CHECK: return %[[S]]
func.func @slice(%x: tensor<10x20xf32>) -> tensor<3x7xf32> {
  %0 = kiln.slice %x {starts = array<i64: 1, 0>, ends = array<i64: 7, 20>, steps = array<i64: 2, 3>} : (tensor<10x20xf32>) -> tensor<3x7xf32>
  return %0 : tensor<3x7xf32>
}

// -----

// Negative steps read data[start + step * i] through the indexing map.

// CHECK-DAG: #[[REV:.+]] = affine_map<(d0, d1) -> (-d0 + 9, d1 * 2 + 1)>
// CHECK-DAG: #[[ID:.+]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-LABEL: func.func @slice_negative_step
// CHECK-SAME: (%[[X:.+]]: tensor<10x20xf32>)
// CHECK: %[[E:.+]] = tensor.empty() : tensor<10x3xf32>
// CHECK: %[[G:.+]] = linalg.generic {indexing_maps = [#[[REV]], #[[ID]]], iterator_types = ["parallel", "parallel"]} ins(%[[X]] : tensor<10x20xf32>) outs(%[[E]] : tensor<10x3xf32>)
// CHECK-NEXT: ^bb0(%[[IN:.+]]: f32, %{{.+}}: f32):
// CHECK-NEXT: linalg.yield %[[IN]] : f32
// CHECK: return %[[G]]
func.func @slice_negative_step(%x: tensor<10x20xf32>) -> tensor<10x3xf32> {
  %0 = kiln.slice %x {starts = array<i64: 9, 1>, ends = array<i64: -1, 6>, steps = array<i64: -1, 2>} : (tensor<10x20xf32>) -> tensor<10x3xf32>
  return %0 : tensor<10x3xf32>
}

// -----

// CHECK-LABEL: func.func @slice_empty
// CHECK: %[[E:.+]] = tensor.empty() : tensor<0x20xf32>
// CHECK: return %[[E]]
func.func @slice_empty(%x: tensor<10x20xf32>) -> tensor<0x20xf32> {
  %0 = kiln.slice %x {starts = array<i64: 3, 0>, ends = array<i64: 5, 20>, steps = array<i64: -1, 1>} : (tensor<10x20xf32>) -> tensor<0x20xf32>
  return %0 : tensor<0x20xf32>
}

// -----

// CHECK-DAG: #[[IN:.+]] = affine_map<(d0, d1, d2) -> (0, d2)>
// CHECK-DAG: #[[OUT:.+]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-LABEL: func.func @expand
// CHECK-SAME: (%[[X:.+]]: tensor<1x4xi32>)
// CHECK: %[[E:.+]] = tensor.empty() : tensor<2x3x4xi32>
// CHECK: %[[G:.+]] = linalg.generic {indexing_maps = [#[[IN]], #[[OUT]]], iterator_types = ["parallel", "parallel", "parallel"]} ins(%[[X]] : tensor<1x4xi32>) outs(%[[E]] : tensor<2x3x4xi32>)
// CHECK-NEXT: ^bb0(%[[A:.+]]: i32, %{{.+}}: i32):
// CHECK-NEXT: linalg.yield %[[A]] : i32
// CHECK: return %[[G]]
func.func @expand(%x: tensor<1x4xi32>) -> tensor<2x3x4xi32> {
  %0 = kiln.expand %x {shape = array<i64: 2, 3, 4>} : (tensor<1x4xi32>) -> tensor<2x3x4xi32>
  return %0 : tensor<2x3x4xi32>
}

// -----

// Tile: broadcast into [r0, d0, d1] (d1 repeated once gets no new dim),
// then collapse each (repeat, dim) pair.

// CHECK-LABEL: func.func @tile
// CHECK-SAME: (%[[X:.+]]: tensor<2x3xf32>)
// CHECK: %[[E:.+]] = tensor.empty() : tensor<4x2x3xf32>
// CHECK: %[[B:.+]] = linalg.broadcast ins(%[[X]] : tensor<2x3xf32>) outs(%[[E]] : tensor<4x2x3xf32>) dimensions = [0]
// CHECK: %[[C:.+]] = tensor.collapse_shape %[[B]] {{\[}}[0, 1], [2]] : tensor<4x2x3xf32> into tensor<8x3xf32>
// CHECK: return %[[C]]
func.func @tile(%x: tensor<2x3xf32>) -> tensor<8x3xf32> {
  %0 = kiln.tile %x {repeats = array<i64: 4, 1>} : (tensor<2x3xf32>) -> tensor<8x3xf32>
  return %0 : tensor<8x3xf32>
}

// -----

// CHECK-LABEL: func.func @tile_all
// CHECK: linalg.broadcast ins(%{{.+}} : tensor<2x3xf32>) outs(%{{.+}} : tensor<2x2x3x3xf32>) dimensions = [0, 2]
// CHECK: tensor.collapse_shape %{{.+}} {{\[}}[0, 1], [2, 3]] : tensor<2x2x3x3xf32> into tensor<4x9xf32>
func.func @tile_all(%x: tensor<2x3xf32>) -> tensor<4x9xf32> {
  %0 = kiln.tile %x {repeats = array<i64: 2, 3>} : (tensor<2x3xf32>) -> tensor<4x9xf32>
  return %0 : tensor<4x9xf32>
}
