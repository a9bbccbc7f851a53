// RUN: kiln-opt %s --split-input-file | kiln-opt --split-input-file | FileCheck %s

// Shape manipulation and data movement. Shape-like ONNX inputs are attributes in
// kiln form (resolved and normalized by the importer).

// CHECK-LABEL: func.func @reshape
// CHECK-SAME: (%[[X:.+]]: tensor<2x3x4xf32>, %[[S:.+]]: tensor<1x1xi64>)
// CHECK: kiln.reshape %[[X]] {shape = array<i64: 6, 4>} : (tensor<2x3x4xf32>) -> tensor<6x4xf32>
// CHECK: kiln.reshape %[[S]] {shape = array<i64>} : (tensor<1x1xi64>) -> tensor<i64>
func.func @reshape(%x: tensor<2x3x4xf32>, %s: tensor<1x1xi64>) -> (tensor<6x4xf32>, tensor<i64>) {
  %0 = kiln.reshape %x {shape = array<i64: 6, 4>} : (tensor<2x3x4xf32>) -> tensor<6x4xf32>
  %1 = kiln.reshape %s {shape = array<i64>} : (tensor<1x1xi64>) -> tensor<i64>
  return %0, %1 : tensor<6x4xf32>, tensor<i64>
}

// -----

// With a dynamic input the element count cannot be checked statically.

// CHECK-LABEL: func.func @reshape_dynamic_input
// CHECK: kiln.reshape %{{.+}} {shape = array<i64: 2, 2, 2>} : (tensor<?x4xf32>) -> tensor<2x2x2xf32>
func.func @reshape_dynamic_input(%x: tensor<?x4xf32>) -> tensor<2x2x2xf32> {
  %0 = kiln.reshape %x {shape = array<i64: 2, 2, 2>} : (tensor<?x4xf32>) -> tensor<2x2x2xf32>
  return %0 : tensor<2x2x2xf32>
}

// -----

// Flatten: [prod(d[0:axis]), prod(d[axis:])], axis in [-rank, rank].

// CHECK-LABEL: func.func @flatten
// CHECK-SAME: (%[[X:.+]]: tensor<2x3x4x5xf32>)
// CHECK: kiln.flatten %[[X]] : (tensor<2x3x4x5xf32>) -> tensor<2x60xf32>
// CHECK: kiln.flatten %[[X]] {axis = 0 : i64} : (tensor<2x3x4x5xf32>) -> tensor<1x120xf32>
// CHECK: kiln.flatten %[[X]] {axis = -1 : i64} : (tensor<2x3x4x5xf32>) -> tensor<24x5xf32>
// CHECK: kiln.flatten %[[X]] {axis = 4 : i64} : (tensor<2x3x4x5xf32>) -> tensor<120x1xf32>
func.func @flatten(%x: tensor<2x3x4x5xf32>)
    -> (tensor<2x60xf32>, tensor<1x120xf32>, tensor<24x5xf32>, tensor<120x1xf32>) {
  %0 = kiln.flatten %x : (tensor<2x3x4x5xf32>) -> tensor<2x60xf32>
  %1 = kiln.flatten %x {axis = 0 : i64} : (tensor<2x3x4x5xf32>) -> tensor<1x120xf32>
  %2 = kiln.flatten %x {axis = -1 : i64} : (tensor<2x3x4x5xf32>) -> tensor<24x5xf32>
  %3 = kiln.flatten %x {axis = 4 : i64} : (tensor<2x3x4x5xf32>) -> tensor<120x1xf32>
  return %0, %1, %2, %3 : tensor<2x60xf32>, tensor<1x120xf32>, tensor<24x5xf32>, tensor<120x1xf32>
}

// -----

// CHECK-LABEL: func.func @flatten_dynamic
// CHECK: kiln.flatten %{{.+}} : (tensor<?x3x4xf32>) -> tensor<?x12xf32>
func.func @flatten_dynamic(%x: tensor<?x3x4xf32>) -> tensor<?x12xf32> {
  %0 = kiln.flatten %x : (tensor<?x3x4xf32>) -> tensor<?x12xf32>
  return %0 : tensor<?x12xf32>
}

// -----

// CHECK-LABEL: func.func @transpose
// CHECK-SAME: (%[[X:.+]]: tensor<2x3x4xf32>)
// CHECK: kiln.transpose %[[X]] {perm = array<i64: 2, 0, 1>} : (tensor<2x3x4xf32>) -> tensor<4x2x3xf32>
func.func @transpose(%x: tensor<2x3x4xf32>) -> tensor<4x2x3xf32> {
  %0 = kiln.transpose %x {perm = array<i64: 2, 0, 1>} : (tensor<2x3x4xf32>) -> tensor<4x2x3xf32>
  return %0 : tensor<4x2x3xf32>
}

// -----

// CHECK-LABEL: func.func @squeeze
// CHECK-SAME: (%[[X:.+]]: tensor<1x3x1x4xf32>, %[[D:.+]]: tensor<?x3xi1>)
// CHECK: kiln.squeeze %[[X]] {axes = array<i64: 0, 2>} : (tensor<1x3x1x4xf32>) -> tensor<3x4xf32>
// CHECK: kiln.squeeze %[[X]] {axes = array<i64: 2>} : (tensor<1x3x1x4xf32>) -> tensor<1x3x4xf32>
// CHECK: kiln.squeeze %[[D]] {axes = array<i64: 0>} : (tensor<?x3xi1>) -> tensor<3xi1>
func.func @squeeze(%x: tensor<1x3x1x4xf32>, %d: tensor<?x3xi1>) -> (tensor<3x4xf32>, tensor<1x3x4xf32>, tensor<3xi1>) {
  %0 = kiln.squeeze %x {axes = array<i64: 0, 2>} : (tensor<1x3x1x4xf32>) -> tensor<3x4xf32>
  %1 = kiln.squeeze %x {axes = array<i64: 2>} : (tensor<1x3x1x4xf32>) -> tensor<1x3x4xf32>
  %2 = kiln.squeeze %d {axes = array<i64: 0>} : (tensor<?x3xi1>) -> tensor<3xi1>
  return %0, %1, %2 : tensor<3x4xf32>, tensor<1x3x4xf32>, tensor<3xi1>
}

// -----

// Unsqueeze axes index the result: [0, 3] on 3x4 gives 1x3x4x1.

// CHECK-LABEL: func.func @unsqueeze
// CHECK-SAME: (%[[X:.+]]: tensor<3x4xf32>, %[[S:.+]]: tensor<i64>)
// CHECK: kiln.unsqueeze %[[X]] {axes = array<i64: 0, 3>} : (tensor<3x4xf32>) -> tensor<1x3x4x1xf32>
// CHECK: kiln.unsqueeze %[[X]] {axes = array<i64: 1>} : (tensor<3x4xf32>) -> tensor<3x1x4xf32>
// CHECK: kiln.unsqueeze %[[S]] {axes = array<i64: 0>} : (tensor<i64>) -> tensor<1xi64>
func.func @unsqueeze(%x: tensor<3x4xf32>, %s: tensor<i64>) -> (tensor<1x3x4x1xf32>, tensor<3x1x4xf32>, tensor<1xi64>) {
  %0 = kiln.unsqueeze %x {axes = array<i64: 0, 3>} : (tensor<3x4xf32>) -> tensor<1x3x4x1xf32>
  %1 = kiln.unsqueeze %x {axes = array<i64: 1>} : (tensor<3x4xf32>) -> tensor<3x1x4xf32>
  %2 = kiln.unsqueeze %s {axes = array<i64: 0>} : (tensor<i64>) -> tensor<1xi64>
  return %0, %1, %2 : tensor<1x3x4x1xf32>, tensor<3x1x4xf32>, tensor<1xi64>
}

// -----

// CHECK-LABEL: func.func @concat
// CHECK-SAME: (%[[A:.+]]: tensor<2x3xf32>, %[[B:.+]]: tensor<2x5xf32>, %[[C:.+]]: tensor<2x1xf32>)
// CHECK: kiln.concat %[[A]], %[[B]], %[[C]] {axis = 1 : i64} : (tensor<2x3xf32>, tensor<2x5xf32>, tensor<2x1xf32>) -> tensor<2x9xf32>
// CHECK: kiln.concat %[[A]], %[[A]] {axis = -2 : i64} : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<4x3xf32>
func.func @concat(%a: tensor<2x3xf32>, %b: tensor<2x5xf32>, %c: tensor<2x1xf32>) -> (tensor<2x9xf32>, tensor<4x3xf32>) {
  %0 = kiln.concat %a, %b, %c {axis = 1 : i64} : (tensor<2x3xf32>, tensor<2x5xf32>, tensor<2x1xf32>) -> tensor<2x9xf32>
  %1 = kiln.concat %a, %a {axis = -2 : i64} : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<4x3xf32>
  return %0, %1 : tensor<2x9xf32>, tensor<4x3xf32>
}

// -----

// A dynamic size on the concatenated axis makes the result dynamic; elsewhere the
// static size wins.

// CHECK-LABEL: func.func @concat_dynamic
// CHECK: kiln.concat %{{.+}}, %{{.+}} {axis = 1 : i64} : (tensor<?x?xi64>, tensor<2x3xi64>) -> tensor<?x?xi64>
func.func @concat_dynamic(%a: tensor<?x?xi64>, %b: tensor<2x3xi64>) -> tensor<?x?xi64> {
  %0 = kiln.concat %a, %b {axis = 1 : i64} : (tensor<?x?xi64>, tensor<2x3xi64>) -> tensor<?x?xi64>
  return %0 : tensor<?x?xi64>
}

// -----

// CHECK-LABEL: func.func @split_three
// CHECK-SAME: (%[[X:.+]]: tensor<6x4xf32>)
// CHECK: %[[S:.+]]:3 = kiln.split %[[X]] {split = array<i64: 1, 2, 3>} : (tensor<6x4xf32>) -> (tensor<1x4xf32>, tensor<2x4xf32>, tensor<3x4xf32>)
// CHECK: return %[[S]]#0, %[[S]]#1, %[[S]]#2
func.func @split_three(%x: tensor<6x4xf32>) -> (tensor<1x4xf32>, tensor<2x4xf32>, tensor<3x4xf32>) {
  %0:3 = kiln.split %x {split = array<i64: 1, 2, 3>} : (tensor<6x4xf32>) -> (tensor<1x4xf32>, tensor<2x4xf32>, tensor<3x4xf32>)
  return %0#0, %0#1, %0#2 : tensor<1x4xf32>, tensor<2x4xf32>, tensor<3x4xf32>
}

// -----

// CHECK-LABEL: func.func @split_negative_axis
// CHECK: kiln.split %{{.+}} {axis = -1 : i64, split = array<i64: 2, 2>} : (tensor<3x4xi32>) -> (tensor<3x2xi32>, tensor<3x2xi32>)
func.func @split_negative_axis(%x: tensor<3x4xi32>) -> tensor<3x2xi32> {
  %0:2 = kiln.split %x {axis = -1 : i64, split = array<i64: 2, 2>} : (tensor<3x4xi32>) -> (tensor<3x2xi32>, tensor<3x2xi32>)
  return %0#1 : tensor<3x2xi32>
}

// -----

// Positive step: ceil((end - start) / step) = ceil(6 / 2) = 3.

// CHECK-LABEL: func.func @slice
// CHECK: kiln.slice %{{.+}} {ends = array<i64: 8, 8>, starts = array<i64: 2, 0>, steps = array<i64: 2, 1>} : (tensor<10x8xf32>) -> tensor<3x8xf32>
func.func @slice(%x: tensor<10x8xf32>) -> tensor<3x8xf32> {
  %0 = kiln.slice %x {starts = array<i64: 2, 0>, ends = array<i64: 8, 8>, steps = array<i64: 2, 1>} : (tensor<10x8xf32>) -> tensor<3x8xf32>
  return %0 : tensor<3x8xf32>
}

// -----

// Negative step: ends are clamped to -1 to run through index 0, so 9 -> -1 by -1
// takes 10 elements and 7 -> -1 by -3 takes ceil(8 / 3) = 3.

// CHECK-LABEL: func.func @slice_negative_step
// CHECK: kiln.slice %{{.+}} {ends = array<i64: -1, -1>, starts = array<i64: 9, 7>, steps = array<i64: -1, -3>} : (tensor<10x8xf32>) -> tensor<10x3xf32>
func.func @slice_negative_step(%x: tensor<10x8xf32>) -> tensor<10x3xf32> {
  %0 = kiln.slice %x {starts = array<i64: 9, 7>, ends = array<i64: -1, -1>, steps = array<i64: -1, -3>} : (tensor<10x8xf32>) -> tensor<10x3xf32>
  return %0 : tensor<10x3xf32>
}

// -----

// An empty range gives size 0; dynamic dims stay dynamic.

// CHECK-LABEL: func.func @slice_empty_dynamic
// CHECK: kiln.slice %{{.+}} {ends = array<i64: 2, 5>, starts = array<i64: 3, 0>, steps = array<i64: 1, 1>} : (tensor<4x?xf32>) -> tensor<0x?xf32>
func.func @slice_empty_dynamic(%x: tensor<4x?xf32>) -> tensor<0x?xf32> {
  %0 = kiln.slice %x {starts = array<i64: 3, 0>, ends = array<i64: 2, 5>, steps = array<i64: 1, 1>} : (tensor<4x?xf32>) -> tensor<0x?xf32>
  return %0 : tensor<0x?xf32>
}

// -----

// Gather: data[:axis] + indices.shape + data[axis+1:].

// CHECK-LABEL: func.func @gather
// CHECK-SAME: (%[[D:.+]]: tensor<5x4x6xf32>, %[[I:.+]]: tensor<2x3xi64>, %[[S:.+]]: tensor<i32>)
// CHECK: kiln.gather %[[D]], %[[I]] : (tensor<5x4x6xf32>, tensor<2x3xi64>) -> tensor<2x3x4x6xf32>
// CHECK: kiln.gather %[[D]], %[[I]] {axis = 1 : i64} : (tensor<5x4x6xf32>, tensor<2x3xi64>) -> tensor<5x2x3x6xf32>
// CHECK: kiln.gather %[[D]], %[[S]] {axis = -1 : i64} : (tensor<5x4x6xf32>, tensor<i32>) -> tensor<5x4xf32>
func.func @gather(%d: tensor<5x4x6xf32>, %i: tensor<2x3xi64>, %s: tensor<i32>)
    -> (tensor<2x3x4x6xf32>, tensor<5x2x3x6xf32>, tensor<5x4xf32>) {
  %0 = kiln.gather %d, %i : (tensor<5x4x6xf32>, tensor<2x3xi64>) -> tensor<2x3x4x6xf32>
  %1 = kiln.gather %d, %i {axis = 1 : i64} : (tensor<5x4x6xf32>, tensor<2x3xi64>) -> tensor<5x2x3x6xf32>
  %2 = kiln.gather %d, %s {axis = -1 : i64} : (tensor<5x4x6xf32>, tensor<i32>) -> tensor<5x4xf32>
  return %0, %1, %2 : tensor<2x3x4x6xf32>, tensor<5x2x3x6xf32>, tensor<5x4xf32>
}

// -----

// GatherElements: the result has the indices' shape.

// CHECK-LABEL: func.func @gather_elements
// CHECK: kiln.gather_elements %{{.+}}, %{{.+}} {axis = 1 : i64} : (tensor<3x4xf32>, tensor<3x2xi64>) -> tensor<3x2xf32>
func.func @gather_elements(%d: tensor<3x4xf32>, %i: tensor<3x2xi64>) -> tensor<3x2xf32> {
  %0 = kiln.gather_elements %d, %i {axis = 1 : i64} : (tensor<3x4xf32>, tensor<3x2xi64>) -> tensor<3x2xf32>
  return %0 : tensor<3x2xf32>
}

// -----

// GatherND: indices[:-1] + data[batch_dims + indices[-1]:].

// CHECK-LABEL: func.func @gather_nd
// CHECK-SAME: (%[[D:.+]]: tensor<2x3x4xf32>, %[[I:.+]]: tensor<5x2xi64>, %[[J:.+]]: tensor<2x1xi64>)
// CHECK: kiln.gather_nd %[[D]], %[[I]] : (tensor<2x3x4xf32>, tensor<5x2xi64>) -> tensor<5x4xf32>
// CHECK: kiln.gather_nd %[[D]], %[[J]] {batch_dims = 1 : i64} : (tensor<2x3x4xf32>, tensor<2x1xi64>) -> tensor<2x4xf32>
func.func @gather_nd(%d: tensor<2x3x4xf32>, %i: tensor<5x2xi64>, %j: tensor<2x1xi64>) -> (tensor<5x4xf32>, tensor<2x4xf32>) {
  %0 = kiln.gather_nd %d, %i : (tensor<2x3x4xf32>, tensor<5x2xi64>) -> tensor<5x4xf32>
  %1 = kiln.gather_nd %d, %j {batch_dims = 1 : i64} : (tensor<2x3x4xf32>, tensor<2x1xi64>) -> tensor<2x4xf32>
  return %0, %1 : tensor<5x4xf32>, tensor<2x4xf32>
}

// -----

// CHECK-LABEL: func.func @expand_tile
// CHECK-SAME: (%[[X:.+]]: tensor<3x1xf32>)
// CHECK: kiln.expand %[[X]] {shape = array<i64: 2, 3, 4>} : (tensor<3x1xf32>) -> tensor<2x3x4xf32>
// CHECK: kiln.tile %[[X]] {repeats = array<i64: 2, 5>} : (tensor<3x1xf32>) -> tensor<6x5xf32>
func.func @expand_tile(%x: tensor<3x1xf32>) -> (tensor<2x3x4xf32>, tensor<6x5xf32>) {
  %0 = kiln.expand %x {shape = array<i64: 2, 3, 4>} : (tensor<3x1xf32>) -> tensor<2x3x4xf32>
  %1 = kiln.tile %x {repeats = array<i64: 2, 5>} : (tensor<3x1xf32>) -> tensor<6x5xf32>
  return %0, %1 : tensor<2x3x4xf32>, tensor<6x5xf32>
}

// -----

// CHECK-LABEL: func.func @tile_dynamic
// CHECK: kiln.tile %{{.+}} {repeats = array<i64: 3, 0>} : (tensor<?x2xi1>) -> tensor<?x0xi1>
func.func @tile_dynamic(%x: tensor<?x2xi1>) -> tensor<?x0xi1> {
  %0 = kiln.tile %x {repeats = array<i64: 3, 0>} : (tensor<?x2xi1>) -> tensor<?x0xi1>
  return %0 : tensor<?x0xi1>
}

// -----

// Shape's start/end are clamped to [0, rank] after adding rank to negatives.

// CHECK-LABEL: func.func @shape_size
// CHECK-SAME: (%[[X:.+]]: tensor<?x3x4xf32>)
// CHECK: kiln.shape %[[X]] : (tensor<?x3x4xf32>) -> tensor<3xi64>
// CHECK: kiln.shape %[[X]] {start = 1 : i64} : (tensor<?x3x4xf32>) -> tensor<2xi64>
// CHECK: kiln.shape %[[X]] {end = -1 : i64} : (tensor<?x3x4xf32>) -> tensor<2xi64>
// CHECK: kiln.shape %[[X]] {end = 10 : i64, start = -2 : i64} : (tensor<?x3x4xf32>) -> tensor<2xi64>
// CHECK: kiln.shape %[[X]] {end = 1 : i64, start = 2 : i64} : (tensor<?x3x4xf32>) -> tensor<0xi64>
// CHECK: kiln.size %[[X]] : (tensor<?x3x4xf32>) -> tensor<i64>
func.func @shape_size(%x: tensor<?x3x4xf32>)
    -> (tensor<3xi64>, tensor<2xi64>, tensor<2xi64>, tensor<2xi64>, tensor<0xi64>, tensor<i64>) {
  %0 = kiln.shape %x : (tensor<?x3x4xf32>) -> tensor<3xi64>
  %1 = kiln.shape %x {start = 1 : i64} : (tensor<?x3x4xf32>) -> tensor<2xi64>
  %2 = kiln.shape %x {end = -1 : i64} : (tensor<?x3x4xf32>) -> tensor<2xi64>
  %3 = kiln.shape %x {start = -2 : i64, end = 10 : i64} : (tensor<?x3x4xf32>) -> tensor<2xi64>
  %4 = kiln.shape %x {start = 2 : i64, end = 1 : i64} : (tensor<?x3x4xf32>) -> tensor<0xi64>
  %5 = kiln.size %x : (tensor<?x3x4xf32>) -> tensor<i64>
  return %0, %1, %2, %3, %4, %5 : tensor<3xi64>, tensor<2xi64>, tensor<2xi64>, tensor<2xi64>, tensor<0xi64>, tensor<i64>
}

// -----

// CHECK-LABEL: func.func @constants
// CHECK: kiln.constant dense<[1, 2, 3]> : tensor<3xi64>
// CHECK: kiln.constant dense<5.000000e-01> : tensor<2x2xf32>
func.func @constants() -> (tensor<3xi64>, tensor<2x2xf32>) {
  %0 = kiln.constant dense<[1, 2, 3]> : tensor<3xi64>
  %1 = kiln.constant dense<0.5> : tensor<2x2xf32>
  return %0, %1 : tensor<3xi64>, tensor<2x2xf32>
}

// -----

// ConstantOfShape: f32 zeros by default, else the type of `value`.

// CHECK-LABEL: func.func @constant_of_shape
// CHECK: kiln.constant_of_shape {shape = array<i64: 2, 3>} : () -> tensor<2x3xf32>
// CHECK: kiln.constant_of_shape {shape = array<i64: 4>, value = dense<7> : tensor<1xi64>} : () -> tensor<4xi64>
// CHECK: kiln.constant_of_shape {shape = array<i64>, value = dense<true> : tensor<1xi1>} : () -> tensor<i1>
func.func @constant_of_shape() -> (tensor<2x3xf32>, tensor<4xi64>, tensor<i1>) {
  %0 = kiln.constant_of_shape {shape = array<i64: 2, 3>} : () -> tensor<2x3xf32>
  %1 = kiln.constant_of_shape {shape = array<i64: 4>, value = dense<7> : tensor<1xi64>} : () -> tensor<4xi64>
  %2 = kiln.constant_of_shape {shape = array<i64>, value = dense<true> : tensor<1xi1>} : () -> tensor<i1>
  return %0, %1, %2 : tensor<2x3xf32>, tensor<4xi64>, tensor<i1>
}

// -----

// Range's length depends on operand values, so its result type is written.

// CHECK-LABEL: func.func @range
// CHECK-SAME: (%[[S:.+]]: tensor<i64>, %[[L:.+]]: tensor<i64>, %[[D:.+]]: tensor<i64>)
// CHECK: kiln.range %[[S]], %[[L]], %[[D]] : (tensor<i64>, tensor<i64>, tensor<i64>) -> tensor<5xi64>
func.func @range(%s: tensor<i64>, %l: tensor<i64>, %d: tensor<i64>) -> tensor<5xi64> {
  %0 = kiln.range %s, %l, %d : (tensor<i64>, tensor<i64>, tensor<i64>) -> tensor<5xi64>
  return %0 : tensor<5xi64>
}

// -----

// TopK has two results: values (input type) and i64 indices, k along `axis`.

// CHECK-LABEL: func.func @topk
// CHECK-SAME: (%[[X:.+]]: tensor<3x10xf32>)
// CHECK: %[[V:.+]], %[[I:.+]] = kiln.topk %[[X]] {k = 4 : i64} : (tensor<3x10xf32>) -> (tensor<3x4xf32>, tensor<3x4xi64>)
// CHECK: kiln.topk %[[X]] {axis = 0 : i64, k = 3 : i64, largest = 0 : i64, sorted = 0 : i64} : (tensor<3x10xf32>) -> (tensor<3x10xf32>, tensor<3x10xi64>)
// CHECK: return %[[V]], %[[I]]
func.func @topk(%x: tensor<3x10xf32>) -> (tensor<3x4xf32>, tensor<3x4xi64>) {
  %0:2 = kiln.topk %x {k = 4 : i64} : (tensor<3x10xf32>) -> (tensor<3x4xf32>, tensor<3x4xi64>)
  %1:2 = kiln.topk %x {axis = 0 : i64, k = 3 : i64, largest = 0 : i64, sorted = 0 : i64} : (tensor<3x10xf32>) -> (tensor<3x10xf32>, tensor<3x10xi64>)
  return %0#0, %0#1 : tensor<3x4xf32>, tensor<3x4xi64>
}

// -----

// CHECK-LABEL: func.func @cumsum_trilu
// CHECK-SAME: (%[[X:.+]]: tensor<4x5xi64>)
// CHECK: %[[C:.+]] = kiln.cumsum %[[X]] {axis = 1 : i64, exclusive = 1 : i64, reverse = 1 : i64} : (tensor<4x5xi64>) -> tensor<4x5xi64>
// CHECK: %[[U:.+]] = kiln.trilu %[[C]] {k = 1 : i64} : (tensor<4x5xi64>) -> tensor<4x5xi64>
// CHECK: kiln.trilu %[[U]] {k = -1 : i64, upper = 0 : i64} : (tensor<4x5xi64>) -> tensor<4x5xi64>
func.func @cumsum_trilu(%x: tensor<4x5xi64>) -> tensor<4x5xi64> {
  %0 = kiln.cumsum %x {axis = 1 : i64, exclusive = 1 : i64, reverse = 1 : i64} : (tensor<4x5xi64>) -> tensor<4x5xi64>
  %1 = kiln.trilu %0 {k = 1 : i64} : (tensor<4x5xi64>) -> tensor<4x5xi64>
  %2 = kiln.trilu %1 {k = -1 : i64, upper = 0 : i64} : (tensor<4x5xi64>) -> tensor<4x5xi64>
  return %2 : tensor<4x5xi64>
}

// -----

// OneHot inserts `depth` at `axis` (in [-r-1, r]); the element type is values'.

// CHECK-LABEL: func.func @one_hot
// CHECK-SAME: (%[[I:.+]]: tensor<3x4xi64>, %[[V:.+]]: tensor<2xf32>)
// CHECK: kiln.one_hot %[[I]], %[[V]] {depth = 10 : i64} : (tensor<3x4xi64>, tensor<2xf32>) -> tensor<3x4x10xf32>
// CHECK: kiln.one_hot %[[I]], %[[V]] {axis = 0 : i64, depth = 10 : i64} : (tensor<3x4xi64>, tensor<2xf32>) -> tensor<10x3x4xf32>
// CHECK: kiln.one_hot %[[I]], %[[V]] {axis = -2 : i64, depth = 7 : i64} : (tensor<3x4xi64>, tensor<2xf32>) -> tensor<3x7x4xf32>
func.func @one_hot(%i: tensor<3x4xi64>, %v: tensor<2xf32>) -> (tensor<3x4x10xf32>, tensor<10x3x4xf32>, tensor<3x7x4xf32>) {
  %0 = kiln.one_hot %i, %v {depth = 10 : i64} : (tensor<3x4xi64>, tensor<2xf32>) -> tensor<3x4x10xf32>
  %1 = kiln.one_hot %i, %v {axis = 0 : i64, depth = 10 : i64} : (tensor<3x4xi64>, tensor<2xf32>) -> tensor<10x3x4xf32>
  %2 = kiln.one_hot %i, %v {axis = -2 : i64, depth = 7 : i64} : (tensor<3x4xi64>, tensor<2xf32>) -> tensor<3x7x4xf32>
  return %0, %1, %2 : tensor<3x4x10xf32>, tensor<10x3x4xf32>, tensor<3x7x4xf32>
}

// -----

// The scatters return data's type; ScatterND's updates are indices[:-1] +
// data[indices[-1]:].

// CHECK-LABEL: func.func @scatters
// CHECK: kiln.scatter_elements %{{.+}}, %{{.+}}, %{{.+}} {axis = -1 : i64, reduction = "add"} : (tensor<3x4xf32>, tensor<3x2xi32>, tensor<3x2xf32>) -> tensor<3x4xf32>
// CHECK: kiln.scatter_nd %{{.+}}, %{{.+}}, %{{.+}} {reduction = "max"} : (tensor<4x5x6xui8>, tensor<2x3x2xi64>, tensor<2x3x6xui8>) -> tensor<4x5x6xui8>
func.func @scatters(%d: tensor<3x4xf32>, %i: tensor<3x2xi32>, %u: tensor<3x2xf32>,
                    %nd: tensor<4x5x6xui8>, %ni: tensor<2x3x2xi64>, %nu: tensor<2x3x6xui8>)
    -> (tensor<3x4xf32>, tensor<4x5x6xui8>) {
  %0 = kiln.scatter_elements %d, %i, %u {axis = -1 : i64, reduction = "add"} : (tensor<3x4xf32>, tensor<3x2xi32>, tensor<3x2xf32>) -> tensor<3x4xf32>
  %1 = kiln.scatter_nd %nd, %ni, %nu {reduction = "max"} : (tensor<4x5x6xui8>, tensor<2x3x2xi64>, tensor<2x3x6xui8>) -> tensor<4x5x6xui8>
  return %0, %1 : tensor<3x4xf32>, tensor<4x5x6xui8>
}

// -----

// Compress keeps the entries of a constant condition that hold: along the
// axis, or of the flattened input without one.

// CHECK-LABEL: func.func @compress
// CHECK: kiln.compress %{{.+}} {axis = 1 : i64, condition = array<i1: true, false, true>} : (tensor<2x4xf32>) -> tensor<2x2xf32>
// CHECK: kiln.compress %{{.+}} {condition = array<i1: false, true, true>} : (tensor<2x4xf32>) -> tensor<2xf32>
func.func @compress(%x: tensor<2x4xf32>) -> (tensor<2x2xf32>, tensor<2xf32>) {
  %0 = kiln.compress %x {axis = 1 : i64, condition = array<i1: true, false, true>} : (tensor<2x4xf32>) -> tensor<2x2xf32>
  %1 = kiln.compress %x {condition = array<i1: false, true, true>} : (tensor<2x4xf32>) -> tensor<2xf32>
  return %0, %1 : tensor<2x2xf32>, tensor<2xf32>
}

// -----

// CHECK-LABEL: func.func @eye_like
// CHECK: kiln.eye_like %{{.+}} {dtype = i1, k = 2 : i64} : (tensor<3x4xf32>) -> tensor<3x4xi1>
func.func @eye_like(%x: tensor<3x4xf32>) -> tensor<3x4xi1> {
  %0 = kiln.eye_like %x {dtype = i1, k = 2 : i64} : (tensor<3x4xf32>) -> tensor<3x4xi1>
  return %0 : tensor<3x4xi1>
}
