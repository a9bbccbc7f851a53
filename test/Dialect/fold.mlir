// RUN: kiln-opt %s --split-input-file --canonicalize | FileCheck %s

// The kiln folders (the importer relies on them through OpBuilder::tryFold to turn
// exporters' run-time shape computations into constants). --canonicalize runs
// them and removes what becomes dead.

// Shape and Size of a statically shaped tensor are constants.

// CHECK-LABEL: func.func @shape_size_static
// CHECK-DAG: %[[S:.+]] = kiln.constant dense<[2, 3, 4]> : tensor<3xi64>
// CHECK-DAG: %[[T:.+]] = kiln.constant dense<[3, 4]> : tensor<2xi64>
// CHECK-DAG: %[[N:.+]] = kiln.constant dense<24> : tensor<i64>
// CHECK-NOT: kiln.shape
// CHECK-NOT: kiln.size
// CHECK: return %[[S]], %[[T]], %[[N]]
func.func @shape_size_static(%x: tensor<2x3x4xf32>) -> (tensor<3xi64>, tensor<2xi64>, tensor<i64>) {
  %0 = kiln.shape %x : (tensor<2x3x4xf32>) -> tensor<3xi64>
  %1 = kiln.shape %x {start = 1 : i64} : (tensor<2x3x4xf32>) -> tensor<2xi64>
  %2 = kiln.size %x : (tensor<2x3x4xf32>) -> tensor<i64>
  return %0, %1, %2 : tensor<3xi64>, tensor<2xi64>, tensor<i64>
}

// -----

// Only the dims a Shape reads need to be static.

// CHECK-LABEL: func.func @shape_size_dynamic
// CHECK-SAME: (%[[X:.+]]: tensor<?x3x4xf32>)
// CHECK-DAG: %[[TAIL:.+]] = kiln.constant dense<[3, 4]> : tensor<2xi64>
// CHECK-DAG: %[[ALL:.+]] = kiln.shape %[[X]] : (tensor<?x3x4xf32>) -> tensor<3xi64>
// CHECK-DAG: %[[N:.+]] = kiln.size %[[X]] : (tensor<?x3x4xf32>) -> tensor<i64>
// CHECK: return %[[ALL]], %[[TAIL]], %[[N]]
func.func @shape_size_dynamic(%x: tensor<?x3x4xf32>) -> (tensor<3xi64>, tensor<2xi64>, tensor<i64>) {
  %0 = kiln.shape %x : (tensor<?x3x4xf32>) -> tensor<3xi64>
  %1 = kiln.shape %x {start = 1 : i64} : (tensor<?x3x4xf32>) -> tensor<2xi64>
  %2 = kiln.size %x : (tensor<?x3x4xf32>) -> tensor<i64>
  return %0, %1, %2 : tensor<3xi64>, tensor<2xi64>, tensor<i64>
}

// -----

// The exporters' Flatten/Reshape pattern: [d0, d1 * d2] computed from Shape folds to
// a constant, so the tensor reaching the Reshape is constant and the Reshape folds
// too; nothing but the constant remains.

// CHECK-LABEL: func.func @shape_gather_unsqueeze_concat_reshape
// CHECK-NEXT: %[[C:.+]] = kiln.constant dense<{{\[\[}}2, 12]]> : tensor<1x2xi64>
// CHECK-NEXT: return %[[C]]
// CHECK-NOT: kiln.
func.func @shape_gather_unsqueeze_concat_reshape(%x: tensor<2x3x4xf32>) -> tensor<1x2xi64> {
  %s = kiln.shape %x : (tensor<2x3x4xf32>) -> tensor<3xi64>
  %i0 = kiln.constant dense<0> : tensor<i64>
  %i1 = kiln.constant dense<1> : tensor<i64>
  %i2 = kiln.constant dense<-1> : tensor<i64>
  %d0 = kiln.gather %s, %i0 : (tensor<3xi64>, tensor<i64>) -> tensor<i64>
  %d1 = kiln.gather %s, %i1 : (tensor<3xi64>, tensor<i64>) -> tensor<i64>
  %d2 = kiln.gather %s, %i2 : (tensor<3xi64>, tensor<i64>) -> tensor<i64>
  %p = kiln.mul %d1, %d2 : (tensor<i64>, tensor<i64>) -> tensor<i64>
  %u0 = kiln.unsqueeze %d0 {axes = array<i64: 0>} : (tensor<i64>) -> tensor<1xi64>
  %u1 = kiln.unsqueeze %p {axes = array<i64: 0>} : (tensor<i64>) -> tensor<1xi64>
  %c = kiln.concat %u0, %u1 {axis = 0 : i64} : (tensor<1xi64>, tensor<1xi64>) -> tensor<2xi64>
  %r = kiln.reshape %c {shape = array<i64: 1, 2>} : (tensor<2xi64>) -> tensor<1x2xi64>
  return %r : tensor<1x2xi64>
}

// -----

// When the dim read is dynamic nothing in the chain folds.

// CHECK-LABEL: func.func @shape_chain_dynamic
// CHECK-SAME: (%[[X:.+]]: tensor<?x3xf32>)
// CHECK: %[[S:.+]] = kiln.shape %[[X]]
// CHECK: %[[G:.+]] = kiln.gather %[[S]]
// CHECK: %[[U:.+]] = kiln.unsqueeze %[[G]]
// CHECK: %[[C:.+]] = kiln.concat %[[U]]
// CHECK: return %[[C]]
func.func @shape_chain_dynamic(%x: tensor<?x3xf32>) -> tensor<2xi64> {
  %s = kiln.shape %x : (tensor<?x3xf32>) -> tensor<2xi64>
  %i0 = kiln.constant dense<0> : tensor<i64>
  %d0 = kiln.gather %s, %i0 : (tensor<2xi64>, tensor<i64>) -> tensor<i64>
  %u0 = kiln.unsqueeze %d0 {axes = array<i64: 0>} : (tensor<i64>) -> tensor<1xi64>
  %k = kiln.constant dense<3> : tensor<1xi64>
  %c = kiln.concat %u0, %k {axis = 0 : i64} : (tensor<1xi64>, tensor<1xi64>) -> tensor<2xi64>
  return %c : tensor<2xi64>
}

// -----

// Integer arithmetic on small constants, with broadcasting. Div truncates toward
// zero, as ONNX's integer Div does.

// CHECK-LABEL: func.func @arith_int64
// CHECK-DAG: %[[ADD:.+]] = kiln.constant dense<[11, 12, 13]> : tensor<3xi64>
// CHECK-DAG: %[[SUB:.+]] = kiln.constant dense<[-9, -8, -7]> : tensor<3xi64>
// CHECK-DAG: %[[MUL:.+]] = kiln.constant dense<{{\[\[}}10, 20, 30], [-1, -2, -3]]> : tensor<2x3xi64>
// CHECK-DAG: %[[DIV:.+]] = kiln.constant dense<[-3, 3, 0]> : tensor<3xi64>
// CHECK-NOT: kiln.add
// CHECK-NOT: kiln.sub
// CHECK-NOT: kiln.mul
// CHECK-NOT: kiln.div
// CHECK: return %[[ADD]], %[[SUB]], %[[MUL]], %[[DIV]]
func.func @arith_int64() -> (tensor<3xi64>, tensor<3xi64>, tensor<2x3xi64>, tensor<3xi64>) {
  %a = kiln.constant dense<[1, 2, 3]> : tensor<3xi64>
  %ten = kiln.constant dense<10> : tensor<1xi64>
  %col = kiln.constant dense<[[10], [-1]]> : tensor<2x1xi64>
  %n = kiln.constant dense<[-7, 7, 1]> : tensor<3xi64>
  %two = kiln.constant dense<2> : tensor<i64>
  %0 = kiln.add %a, %ten : (tensor<3xi64>, tensor<1xi64>) -> tensor<3xi64>
  %1 = kiln.sub %a, %ten : (tensor<3xi64>, tensor<1xi64>) -> tensor<3xi64>
  %2 = kiln.mul %col, %a : (tensor<2x1xi64>, tensor<3xi64>) -> tensor<2x3xi64>
  %3 = kiln.div %n, %two : (tensor<3xi64>, tensor<i64>) -> tensor<3xi64>
  return %0, %1, %2, %3 : tensor<3xi64>, tensor<3xi64>, tensor<2x3xi64>, tensor<3xi64>
}

// -----

// CHECK-LABEL: func.func @arith_f32
// CHECK-DAG: %[[ADD:.+]] = kiln.constant dense<[1.500000e+00, 3.000000e+00]> : tensor<2xf32>
// CHECK-DAG: %[[DIV:.+]] = kiln.constant dense<[2.500000e-01, 1.000000e+00]> : tensor<2xf32>
// CHECK: return %[[ADD]], %[[DIV]]
func.func @arith_f32() -> (tensor<2xf32>, tensor<2xf32>) {
  %a = kiln.constant dense<[0.5, 2.0]> : tensor<2xf32>
  %b = kiln.constant dense<1.0> : tensor<f32>
  %c = kiln.constant dense<2.0> : tensor<f32>
  %0 = kiln.add %a, %b : (tensor<2xf32>, tensor<f32>) -> tensor<2xf32>
  %1 = kiln.div %a, %c : (tensor<2xf32>, tensor<f32>) -> tensor<2xf32>
  return %0, %1 : tensor<2xf32>, tensor<2xf32>
}

// -----

// Integer division by zero is left for run time.

// CHECK-LABEL: func.func @div_by_zero_not_folded
// CHECK: %[[R:.+]] = kiln.div %{{.+}}, %{{.+}} : (tensor<2xi64>, tensor<2xi64>) -> tensor<2xi64>
// CHECK: return %[[R]]
func.func @div_by_zero_not_folded() -> tensor<2xi64> {
  %a = kiln.constant dense<[4, 6]> : tensor<2xi64>
  %b = kiln.constant dense<[2, 0]> : tensor<2xi64>
  %0 = kiln.div %a, %b : (tensor<2xi64>, tensor<2xi64>) -> tensor<2xi64>
  return %0 : tensor<2xi64>
}

// -----

// Cast truncates floats toward zero, wraps integers to the target width and maps
// non-zero to true.

// CHECK-LABEL: func.func @cast_constants
// CHECK-DAG: %[[I:.+]] = kiln.constant dense<[1, -2, 3]> : tensor<3xi64>
// CHECK-DAG: %[[F:.+]] = kiln.constant dense<[7.000000e+00, -1.000000e+00]> : tensor<2xf32>
// CHECK-DAG: %[[B:.+]] = kiln.constant dense<[false, true, true]> : tensor<3xi1>
// CHECK-DAG: %[[U:.+]] = kiln.constant dense<[7, 255]> : tensor<2xui8>
// CHECK-NOT: kiln.cast
// CHECK: return %[[I]], %[[F]], %[[B]], %[[U]]
func.func @cast_constants() -> (tensor<3xi64>, tensor<2xf32>, tensor<3xi1>, tensor<2xui8>) {
  %a = kiln.constant dense<[1.5, -2.7, 3.0]> : tensor<3xf32>
  %b = kiln.constant dense<[7, -1]> : tensor<2xi64>
  %c = kiln.constant dense<[0, 5, -3]> : tensor<3xi32>
  %0 = kiln.cast %a {to = i64} : (tensor<3xf32>) -> tensor<3xi64>
  %1 = kiln.cast %b {to = f32} : (tensor<2xi64>) -> tensor<2xf32>
  %2 = kiln.cast %c {to = i1} : (tensor<3xi32>) -> tensor<3xi1>
  %3 = kiln.cast %b {to = ui8} : (tensor<2xi64>) -> tensor<2xui8>
  return %0, %1, %2, %3 : tensor<3xi64>, tensor<2xf32>, tensor<3xi1>, tensor<2xui8>
}

// -----

// A Cast to the operand's own type is a no-op even on non-constants.

// CHECK-LABEL: func.func @cast_same_type
// CHECK-SAME: (%[[X:.+]]: tensor<4xf32>)
// CHECK-NOT: kiln.cast
// CHECK: return %[[X]]
func.func @cast_same_type(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = kiln.cast %x {to = f32} : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// CHECK-LABEL: func.func @identity_removed
// CHECK-SAME: (%[[X:.+]]: tensor<2x3xf32>)
// CHECK-NOT: kiln.identity
// CHECK: return %[[X]], %[[X]]
func.func @identity_removed(%x: tensor<2x3xf32>) -> (tensor<2x3xf32>, tensor<2x3xf32>) {
  %0 = kiln.identity %x : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %1 = kiln.identity %0 : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0, %1 : tensor<2x3xf32>, tensor<2x3xf32>
}

// -----

// Reshape-like ops of a constant re-type its data.

// CHECK-LABEL: func.func @reshape_like_constants
// CHECK-DAG: %[[R:.+]] = kiln.constant dense<{{\[\[}}1, 2, 3], [4, 5, 6]]> : tensor<2x3xi64>
// CHECK-DAG: %[[F:.+]] = kiln.constant dense<{{\[\[}}1, 2, 3, 4, 5, 6]]> : tensor<1x6xi64>
// CHECK-DAG: %[[U:.+]] = kiln.constant dense<{{\[\[}}[1, 2, 3, 4, 5, 6]]]> : tensor<1x1x6xi64>
// CHECK-DAG: %[[S:.+]] = kiln.constant dense<9> : tensor<i64>
// CHECK-NOT: kiln.reshape
// CHECK-NOT: kiln.flatten
// CHECK-NOT: kiln.unsqueeze
// CHECK-NOT: kiln.squeeze
// CHECK: return %[[R]], %[[F]], %[[U]], %[[S]]
func.func @reshape_like_constants() -> (tensor<2x3xi64>, tensor<1x6xi64>, tensor<1x1x6xi64>, tensor<i64>) {
  %a = kiln.constant dense<[1, 2, 3, 4, 5, 6]> : tensor<6xi64>
  %n = kiln.constant dense<9> : tensor<1x1xi64>
  %0 = kiln.reshape %a {shape = array<i64: 2, 3>} : (tensor<6xi64>) -> tensor<2x3xi64>
  %1 = kiln.flatten %0 {axis = 0 : i64} : (tensor<2x3xi64>) -> tensor<1x6xi64>
  %2 = kiln.unsqueeze %a {axes = array<i64: 0, 1>} : (tensor<6xi64>) -> tensor<1x1x6xi64>
  %3 = kiln.squeeze %n {axes = array<i64: 0, 1>} : (tensor<1x1xi64>) -> tensor<i64>
  return %0, %1, %2, %3 : tensor<2x3xi64>, tensor<1x6xi64>, tensor<1x1x6xi64>, tensor<i64>
}

// -----

// A reshape to the operand's own type is a no-op.

// CHECK-LABEL: func.func @reshape_same_type
// CHECK-SAME: (%[[X:.+]]: tensor<2x3xf32>)
// CHECK-NOT: kiln.reshape
// CHECK: return %[[X]]
func.func @reshape_same_type(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = kiln.reshape %x {shape = array<i64: 2, 3>} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// CHECK-LABEL: func.func @transpose_identity_perm
// CHECK-SAME: (%[[X:.+]]: tensor<2x3x4xf32>)
// CHECK-NOT: kiln.transpose
// CHECK: return %[[X]]
func.func @transpose_identity_perm(%x: tensor<2x3x4xf32>) -> tensor<2x3x4xf32> {
  %0 = kiln.transpose %x {perm = array<i64: 0, 1, 2>} : (tensor<2x3x4xf32>) -> tensor<2x3x4xf32>
  return %0 : tensor<2x3x4xf32>
}

// -----

// A real permutation of a non-constant stays; of a constant it folds.

// CHECK-LABEL: func.func @transpose_permutes
// CHECK-SAME: (%[[X:.+]]: tensor<2x3xf32>)
// CHECK-DAG: %[[T:.+]] = kiln.transpose %[[X]] {perm = array<i64: 1, 0>} : (tensor<2x3xf32>) -> tensor<3x2xf32>
// CHECK-DAG: %[[C:.+]] = kiln.constant dense<{{\[\[}}1, 4], [2, 5], [3, 6]]> : tensor<3x2xi64>
// CHECK: return %[[T]], %[[C]]
func.func @transpose_permutes(%x: tensor<2x3xf32>) -> (tensor<3x2xf32>, tensor<3x2xi64>) {
  %a = kiln.constant dense<[[1, 2, 3], [4, 5, 6]]> : tensor<2x3xi64>
  %0 = kiln.transpose %x {perm = array<i64: 1, 0>} : (tensor<2x3xf32>) -> tensor<3x2xf32>
  %1 = kiln.transpose %a {perm = array<i64: 1, 0>} : (tensor<2x3xi64>) -> tensor<3x2xi64>
  return %0, %1 : tensor<3x2xf32>, tensor<3x2xi64>
}

// -----

// Gather of constants: negative indices count from the end of the axis.

// CHECK-LABEL: func.func @gather_constant
// CHECK: %[[C:.+]] = kiln.constant dense<{{\[\[}}3, 1], [6, 4]]> : tensor<2x2xi64>
// CHECK-NOT: kiln.gather
// CHECK: return %[[C]]
func.func @gather_constant() -> tensor<2x2xi64> {
  %a = kiln.constant dense<[[1, 2, 3], [4, 5, 6]]> : tensor<2x3xi64>
  %i = kiln.constant dense<[2, -3]> : tensor<2xi64>
  %0 = kiln.gather %a, %i {axis = 1 : i64} : (tensor<2x3xi64>, tensor<2xi64>) -> tensor<2x2xi64>
  return %0 : tensor<2x2xi64>
}

// -----

// An out-of-range index is not folded: it is left for the runtime to report.

// CHECK-LABEL: func.func @gather_out_of_range_not_folded
// CHECK-DAG: %[[D:.+]] = kiln.constant dense<[1, 2, 3]> : tensor<3xi64>
// CHECK-DAG: %[[I:.+]] = kiln.constant dense<5> : tensor<i64>
// CHECK: %[[G:.+]] = kiln.gather %[[D]], %[[I]] : (tensor<3xi64>, tensor<i64>) -> tensor<i64>
// CHECK: return %[[G]]
func.func @gather_out_of_range_not_folded() -> tensor<i64> {
  %d = kiln.constant dense<[1, 2, 3]> : tensor<3xi64>
  %i = kiln.constant dense<5> : tensor<i64>
  %0 = kiln.gather %d, %i : (tensor<3xi64>, tensor<i64>) -> tensor<i64>
  return %0 : tensor<i64>
}

// -----

// CHECK-LABEL: func.func @gather_negative_out_of_range_not_folded
// CHECK: kiln.gather
func.func @gather_negative_out_of_range_not_folded() -> tensor<1xi64> {
  %d = kiln.constant dense<[1, 2, 3]> : tensor<3xi64>
  %i = kiln.constant dense<[-4]> : tensor<1xi64>
  %0 = kiln.gather %d, %i : (tensor<3xi64>, tensor<1xi64>) -> tensor<1xi64>
  return %0 : tensor<1xi64>
}

// -----

// CHECK-LABEL: func.func @concat_slice_expand_constants
// CHECK-DAG: %[[C:.+]] = kiln.constant dense<{{\[\[}}1, 2, 5], [3, 4, 6]]> : tensor<2x3xi64>
// CHECK-DAG: %[[S:.+]] = kiln.constant dense<[4, 2, 0]> : tensor<3xi64>
// CHECK-DAG: %[[E:.+]] = kiln.constant dense<{{\[\[}}5, 5, 5], [6, 6, 6]]> : tensor<2x3xi64>
// CHECK-NOT: kiln.concat
// CHECK-NOT: kiln.slice
// CHECK-NOT: kiln.expand
// CHECK: return %[[C]], %[[S]], %[[E]]
func.func @concat_slice_expand_constants() -> (tensor<2x3xi64>, tensor<3xi64>, tensor<2x3xi64>) {
  %a = kiln.constant dense<[[1, 2], [3, 4]]> : tensor<2x2xi64>
  %b = kiln.constant dense<[[5], [6]]> : tensor<2x1xi64>
  %r = kiln.constant dense<[0, 1, 2, 3, 4]> : tensor<5xi64>
  %0 = kiln.concat %a, %b {axis = 1 : i64} : (tensor<2x2xi64>, tensor<2x1xi64>) -> tensor<2x3xi64>
  %1 = kiln.slice %r {starts = array<i64: 4>, ends = array<i64: -1>, steps = array<i64: -2>} : (tensor<5xi64>) -> tensor<3xi64>
  %2 = kiln.expand %b {shape = array<i64: 2, 3>} : (tensor<2x1xi64>) -> tensor<2x3xi64>
  return %0, %1, %2 : tensor<2x3xi64>, tensor<3xi64>, tensor<2x3xi64>
}

// -----

// CHECK-LABEL: func.func @compare_where_neg_not
// CHECK-DAG: %[[EQ:.+]] = kiln.constant dense<[false, false, true]> : tensor<3xi1>
// CHECK-DAG: %[[LT:.+]] = kiln.constant dense<[true, false, false]> : tensor<3xi1>
// CHECK-DAG: %[[GT:.+]] = kiln.constant dense<[false, true, false]> : tensor<3xi1>
// CHECK-DAG: %[[W:.+]] = kiln.constant dense<[1, 3, 3]> : tensor<3xi64>
// CHECK-DAG: %[[NEG:.+]] = kiln.constant dense<[-1, -5, -3]> : tensor<3xi64>
// CHECK-DAG: %[[NOT:.+]] = kiln.constant dense<[true, true, false]> : tensor<3xi1>
// CHECK: return %[[EQ]], %[[LT]], %[[GT]], %[[W]], %[[NEG]], %[[NOT]]
func.func @compare_where_neg_not()
    -> (tensor<3xi1>, tensor<3xi1>, tensor<3xi1>, tensor<3xi64>, tensor<3xi64>, tensor<3xi1>) {
  %a = kiln.constant dense<[1, 5, 3]> : tensor<3xi64>
  %b = kiln.constant dense<3> : tensor<i64>
  %0 = kiln.equal %a, %b : (tensor<3xi64>, tensor<i64>) -> tensor<3xi1>
  %1 = kiln.less %a, %b : (tensor<3xi64>, tensor<i64>) -> tensor<3xi1>
  %2 = kiln.greater %a, %b : (tensor<3xi64>, tensor<i64>) -> tensor<3xi1>
  %3 = kiln.where %1, %a, %b : (tensor<3xi1>, tensor<3xi64>, tensor<i64>) -> tensor<3xi64>
  %4 = kiln.neg %a : (tensor<3xi64>) -> tensor<3xi64>
  %5 = kiln.not %0 : (tensor<3xi1>) -> tensor<3xi1>
  return %0, %1, %2, %3, %4, %5 : tensor<3xi1>, tensor<3xi1>, tensor<3xi1>, tensor<3xi64>, tensor<3xi64>, tensor<3xi1>
}

// -----

// CHECK-LABEL: func.func @constant_of_shape_folds
// CHECK-DAG: %[[Z:.+]] = kiln.constant dense<0.000000e+00> : tensor<2x3xf32>
// CHECK-DAG: %[[S:.+]] = kiln.constant dense<7> : tensor<4xi64>
// CHECK-NOT: kiln.constant_of_shape
// CHECK: return %[[Z]], %[[S]]
func.func @constant_of_shape_folds() -> (tensor<2x3xf32>, tensor<4xi64>) {
  %0 = kiln.constant_of_shape {shape = array<i64: 2, 3>} : () -> tensor<2x3xf32>
  %1 = kiln.constant_of_shape {shape = array<i64: 4>, value = dense<7> : tensor<1xi64>} : () -> tensor<4xi64>
  return %0, %1 : tensor<2x3xf32>, tensor<4xi64>
}
