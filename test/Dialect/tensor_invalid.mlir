// RUN: kiln-opt %s --split-input-file --verify-diagnostics

func.func @reshape_element_count(%x: tensor<2x3xf32>) -> tensor<4x2xf32> {
  // expected-error @+2 {{cannot reshape 6 elements into 8}}
  // expected-error @+1 {{'kiln.reshape' op failed to infer returned types}}
  %0 = kiln.reshape %x {shape = array<i64: 4, 2>} : (tensor<2x3xf32>) -> tensor<4x2xf32>
  return %0 : tensor<4x2xf32>
}

// -----

func.func @reshape_unresolved_minus_one(%x: tensor<2x3xf32>) -> tensor<6xf32> {
  // expected-error @+2 {{'shape' must be explicit and non-negative after import, got -1}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = kiln.reshape %x {shape = array<i64: -1>} : (tensor<2x3xf32>) -> tensor<6xf32>
  return %0 : tensor<6xf32>
}

// -----

func.func @reshape_wrong_result(%x: tensor<2x3xf32>) -> tensor<3x2xf32> {
  // expected-error @+2 {{'kiln.reshape' op inferred type(s) 'tensor<6xf32>' are incompatible with return type(s) of operation 'tensor<3x2xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = kiln.reshape %x {shape = array<i64: 6>} : (tensor<2x3xf32>) -> tensor<3x2xf32>
  return %0 : tensor<3x2xf32>
}

// -----

func.func @flatten_axis(%x: tensor<2x3xf32>) -> tensor<6x1xf32> {
  // expected-error @+2 {{'axis' 3 is out of range [-2, 2]}}
  // expected-error @+1 {{'kiln.flatten' op failed to infer returned types}}
  %0 = kiln.flatten %x {axis = 3 : i64} : (tensor<2x3xf32>) -> tensor<6x1xf32>
  return %0 : tensor<6x1xf32>
}

// -----

func.func @transpose_perm_length(%x: tensor<2x3x4xf32>) -> tensor<3x2x4xf32> {
  // expected-error @+2 {{'perm' has 2 entries for rank 3}}
  // expected-error @+1 {{'kiln.transpose' op failed to infer returned types}}
  %0 = kiln.transpose %x {perm = array<i64: 1, 0>} : (tensor<2x3x4xf32>) -> tensor<3x2x4xf32>
  return %0 : tensor<3x2x4xf32>
}

// -----

func.func @transpose_perm_repeated(%x: tensor<2x3x4xf32>) -> tensor<3x3x4xf32> {
  // expected-error @+2 {{'perm' is not a permutation of [0, 3)}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = kiln.transpose %x {perm = array<i64: 1, 1, 2>} : (tensor<2x3x4xf32>) -> tensor<3x3x4xf32>
  return %0 : tensor<3x3x4xf32>
}

// -----

func.func @transpose_perm_out_of_range(%x: tensor<2x3xf32>) -> tensor<3x2xf32> {
  // expected-error @+2 {{'perm' is not a permutation of [0, 2)}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = kiln.transpose %x {perm = array<i64: -1, 0>} : (tensor<2x3xf32>) -> tensor<3x2xf32>
  return %0 : tensor<3x2xf32>
}

// -----

func.func @transpose_wrong_result(%x: tensor<2x3x4xf32>) -> tensor<4x3x2xf32> {
  // expected-error @+2 {{'kiln.transpose' op inferred type(s) 'tensor<3x4x2xf32>' are incompatible with return type(s) of operation 'tensor<4x3x2xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = kiln.transpose %x {perm = array<i64: 1, 2, 0>} : (tensor<2x3x4xf32>) -> tensor<4x3x2xf32>
  return %0 : tensor<4x3x2xf32>
}

// -----

func.func @squeeze_not_one(%x: tensor<1x3xf32>) -> tensor<1xf32> {
  // expected-error @+2 {{cannot squeeze axis 1 of size 3}}
  // expected-error @+1 {{'kiln.squeeze' op failed to infer returned types}}
  %0 = kiln.squeeze %x {axes = array<i64: 1>} : (tensor<1x3xf32>) -> tensor<1xf32>
  return %0 : tensor<1xf32>
}

// -----

func.func @squeeze_axis_out_of_range(%x: tensor<1x3xf32>) -> tensor<3xf32> {
  // expected-error @+2 {{squeeze axis 2 is out of range or repeated (rank 2)}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = kiln.squeeze %x {axes = array<i64: 2>} : (tensor<1x3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

func.func @squeeze_axis_repeated(%x: tensor<1x3xf32>) -> tensor<3xf32> {
  // expected-error @+2 {{squeeze axis 0 is out of range or repeated (rank 2)}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = kiln.squeeze %x {axes = array<i64: 0, 0>} : (tensor<1x3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

func.func @unsqueeze_axis_out_of_range(%x: tensor<3x4xf32>) -> tensor<3x4x1xf32> {
  // The result has rank 3, so axis 3 is past its end.
  // expected-error @+2 {{unsqueeze axis 3 is out of range or repeated (result rank 3)}}
  // expected-error @+1 {{'kiln.unsqueeze' op failed to infer returned types}}
  %0 = kiln.unsqueeze %x {axes = array<i64: 3>} : (tensor<3x4xf32>) -> tensor<3x4x1xf32>
  return %0 : tensor<3x4x1xf32>
}

// -----

func.func @unsqueeze_axis_repeated(%x: tensor<3xf32>) -> tensor<1x1x3xf32> {
  // expected-error @+2 {{unsqueeze axis 1 is out of range or repeated (result rank 3)}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = kiln.unsqueeze %x {axes = array<i64: 1, 1>} : (tensor<3xf32>) -> tensor<1x1x3xf32>
  return %0 : tensor<1x1x3xf32>
}

// -----

func.func @concat_axis(%a: tensor<2x3xf32>, %b: tensor<2x3xf32>) -> tensor<2x6xf32> {
  // expected-error @+2 {{'axis' 2 is out of range for rank 2}}
  // expected-error @+1 {{'kiln.concat' op failed to infer returned types}}
  %0 = kiln.concat %a, %b {axis = 2 : i64} : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x6xf32>
  return %0 : tensor<2x6xf32>
}

// -----

func.func @concat_dim_mismatch(%a: tensor<2x3xf32>, %b: tensor<4x3xf32>) -> tensor<2x6xf32> {
  // expected-error @+2 {{inputs differ in dimension 0: 'tensor<2x3xf32>' and 'tensor<4x3xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = kiln.concat %a, %b {axis = 1 : i64} : (tensor<2x3xf32>, tensor<4x3xf32>) -> tensor<2x6xf32>
  return %0 : tensor<2x6xf32>
}

// -----

func.func @concat_rank_mismatch(%a: tensor<2x3xf32>, %b: tensor<3xf32>) -> tensor<2x6xf32> {
  // expected-error @+2 {{inputs differ in rank or element type: 'tensor<2x3xf32>' and 'tensor<3xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = kiln.concat %a, %b {axis = 1 : i64} : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x6xf32>
  return %0 : tensor<2x6xf32>
}

// -----

func.func @concat_element_type_mismatch(%a: tensor<2xi64>, %b: tensor<2xi32>) -> tensor<4xi64> {
  // expected-error @+2 {{inputs differ in rank or element type: 'tensor<2xi64>' and 'tensor<2xi32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = kiln.concat %a, %b {axis = 0 : i64} : (tensor<2xi64>, tensor<2xi32>) -> tensor<4xi64>
  return %0 : tensor<4xi64>
}

// -----

func.func @concat_no_inputs() -> tensor<0xf32> {
  // expected-error @+2 {{expected at least one input}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = kiln.concat {axis = 0 : i64} : () -> tensor<0xf32>
  return %0 : tensor<0xf32>
}

// -----

func.func @split_sizes_do_not_sum(%x: tensor<6x4xf32>) -> tensor<1x4xf32> {
  // expected-error @+2 {{split sizes sum to 5 but dimension 0 has 6}}
  // expected-error @+1 {{'kiln.split' op failed to infer returned types}}
  %0:3 = kiln.split %x {split = array<i64: 1, 2, 2>} : (tensor<6x4xf32>) -> (tensor<1x4xf32>, tensor<2x4xf32>, tensor<2x4xf32>)
  return %0#0 : tensor<1x4xf32>
}

// -----

func.func @split_negative_size(%x: tensor<6x4xf32>) -> tensor<7x4xf32> {
  // expected-error @+2 {{split sizes must be non-negative}}
  // expected-error @+1 {{failed to infer returned types}}
  %0:2 = kiln.split %x {split = array<i64: 7, -1>} : (tensor<6x4xf32>) -> (tensor<7x4xf32>, tensor<?x4xf32>)
  return %0#0 : tensor<7x4xf32>
}

// -----

func.func @split_axis(%x: tensor<6x4xf32>) -> tensor<6x2xf32> {
  // expected-error @+2 {{'axis' 2 is out of range for rank 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %0:2 = kiln.split %x {axis = 2 : i64, split = array<i64: 2, 2>} : (tensor<6x4xf32>) -> (tensor<6x2xf32>, tensor<6x2xf32>)
  return %0#0 : tensor<6x2xf32>
}

// -----

func.func @split_empty(%x: tensor<6x4xf32>) {
  // expected-error @+2 {{'split' must not be empty}}
  // expected-error @+1 {{failed to infer returned types}}
  kiln.split %x {split = array<i64>} : (tensor<6x4xf32>) -> ()
  return
}

// -----

func.func @split_wrong_result_count(%x: tensor<6x4xf32>) -> tensor<3x4xf32> {
  // expected-error @+2 {{'kiln.split' op inferred type(s) 'tensor<3x4xf32>', 'tensor<3x4xf32>' are incompatible with return type(s) of operation 'tensor<3x4xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = kiln.split %x {split = array<i64: 3, 3>} : (tensor<6x4xf32>) -> tensor<3x4xf32>
  return %0 : tensor<3x4xf32>
}

// -----

func.func @slice_start_not_clamped(%x: tensor<10x8xf32>) -> tensor<2x8xf32> {
  // expected-error @+2 {{slice bounds 12:14:1 are not clamped to dimension 0 of size 10}}
  // expected-error @+1 {{'kiln.slice' op failed to infer returned types}}
  %0 = kiln.slice %x {starts = array<i64: 12, 0>, ends = array<i64: 14, 8>, steps = array<i64: 1, 1>} : (tensor<10x8xf32>) -> tensor<2x8xf32>
  return %0 : tensor<2x8xf32>
}

// -----

// -1 is only a valid (clamped) bound for negative steps.

func.func @slice_negative_bound_positive_step(%x: tensor<10x8xf32>) -> tensor<10x8xf32> {
  // expected-error @+2 {{slice bounds -1:9:1 are not clamped to dimension 0 of size 10}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = kiln.slice %x {starts = array<i64: -1, 0>, ends = array<i64: 9, 8>, steps = array<i64: 1, 1>} : (tensor<10x8xf32>) -> tensor<10x8xf32>
  return %0 : tensor<10x8xf32>
}

// -----

func.func @slice_end_unclamped_negative_step(%x: tensor<10x8xf32>) -> tensor<10x8xf32> {
  // expected-error @+2 {{slice bounds 9:-11:-1 are not clamped to dimension 0 of size 10}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = kiln.slice %x {starts = array<i64: 9, 0>, ends = array<i64: -11, 8>, steps = array<i64: -1, 1>} : (tensor<10x8xf32>) -> tensor<10x8xf32>
  return %0 : tensor<10x8xf32>
}

// -----

func.func @slice_zero_step(%x: tensor<10x8xf32>) -> tensor<10x8xf32> {
  // expected-error @+2 {{slice step must not be 0}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = kiln.slice %x {starts = array<i64: 0, 0>, ends = array<i64: 10, 8>, steps = array<i64: 0, 1>} : (tensor<10x8xf32>) -> tensor<10x8xf32>
  return %0 : tensor<10x8xf32>
}

// -----

func.func @slice_bounds_per_dimension(%x: tensor<10x8xf32>) -> tensor<5x8xf32> {
  // expected-error @+2 {{'starts', 'ends' and 'steps' need one value per dimension (2)}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = kiln.slice %x {starts = array<i64: 0>, ends = array<i64: 5>, steps = array<i64: 1>} : (tensor<10x8xf32>) -> tensor<5x8xf32>
  return %0 : tensor<5x8xf32>
}

// -----

func.func @slice_wrong_result(%x: tensor<10x8xf32>) -> tensor<4x8xf32> {
  // ceil((9 - 2) / 2) = 4 would need start 2 to end 10; 2 to 8 by 2 is 3.
  // expected-error @+2 {{'kiln.slice' op inferred type(s) 'tensor<3x8xf32>' are incompatible with return type(s) of operation 'tensor<4x8xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = kiln.slice %x {starts = array<i64: 2, 0>, ends = array<i64: 8, 8>, steps = array<i64: 2, 1>} : (tensor<10x8xf32>) -> tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

func.func @gather_axis(%d: tensor<5x4xf32>, %i: tensor<2xi64>) -> tensor<5x2xf32> {
  // expected-error @+2 {{'axis' 2 is out of range for rank 2}}
  // expected-error @+1 {{'kiln.gather' op failed to infer returned types}}
  %0 = kiln.gather %d, %i {axis = 2 : i64} : (tensor<5x4xf32>, tensor<2xi64>) -> tensor<5x2xf32>
  return %0 : tensor<5x2xf32>
}

// -----

func.func @gather_float_indices(%d: tensor<5x4xf32>, %i: tensor<2xf32>) -> tensor<2x4xf32> {
  // expected-error @+1 {{'kiln.gather' op operand #1 must be ranked tensor of 32-bit signless integer or 64-bit signless integer values, but got 'tensor<2xf32>'}}
  %0 = kiln.gather %d, %i : (tensor<5x4xf32>, tensor<2xf32>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// -----

func.func @gather_axis_1_wrong_result(%d: tensor<5x4x6xf32>, %i: tensor<2xi64>) -> tensor<2x5x6xf32> {
  // expected-error @+2 {{'kiln.gather' op inferred type(s) 'tensor<5x2x6xf32>' are incompatible with return type(s) of operation 'tensor<2x5x6xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = kiln.gather %d, %i {axis = 1 : i64} : (tensor<5x4x6xf32>, tensor<2xi64>) -> tensor<2x5x6xf32>
  return %0 : tensor<2x5x6xf32>
}

// -----

func.func @gather_elements_rank(%d: tensor<3x4xf32>, %i: tensor<3xi64>) -> tensor<3xf32> {
  // expected-error @+2 {{data and indices must have the same rank}}
  // expected-error @+1 {{'kiln.gather_elements' op failed to infer returned types}}
  %0 = kiln.gather_elements %d, %i : (tensor<3x4xf32>, tensor<3xi64>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

func.func @gather_elements_axis(%d: tensor<3x4xf32>, %i: tensor<3x2xi64>) -> tensor<3x2xf32> {
  // expected-error @+2 {{'axis' 2 is out of range for rank 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = kiln.gather_elements %d, %i {axis = 2 : i64} : (tensor<3x4xf32>, tensor<3x2xi64>) -> tensor<3x2xf32>
  return %0 : tensor<3x2xf32>
}

// -----

func.func @gather_nd_batch_dims(%d: tensor<2x3xf32>, %i: tensor<2x1xi64>) -> tensor<2xf32> {
  // expected-error @+2 {{'batch_dims' 2 must be smaller than both ranks}}
  // expected-error @+1 {{'kiln.gather_nd' op failed to infer returned types}}
  %0 = kiln.gather_nd %d, %i {batch_dims = 2 : i64} : (tensor<2x3xf32>, tensor<2x1xi64>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

func.func @gather_nd_index_depth(%d: tensor<2x3xf32>, %i: tensor<4x3xi64>) -> tensor<4xf32> {
  // expected-error @+2 {{indices' last dimension 3 must be static and in [1, data rank - batch_dims]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = kiln.gather_nd %d, %i : (tensor<2x3xf32>, tensor<4x3xi64>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @expand_incompatible(%x: tensor<3x2xf32>) -> tensor<3x4xf32> {
  // expected-error @+2 {{shapes [3,2], [3,4] are not broadcast-compatible}}
  // expected-error @+1 {{'kiln.expand' op failed to infer returned types}}
  %0 = kiln.expand %x {shape = array<i64: 3, 4>} : (tensor<3x2xf32>) -> tensor<3x4xf32>
  return %0 : tensor<3x4xf32>
}

// -----

// ONNX would broadcast [3, 4] with [1, 4]; kiln form holds the result shape.

func.func @expand_shape_not_result(%x: tensor<3x4xf32>) -> tensor<3x4xf32> {
  // expected-error @+2 {{'shape' must be the broadcast result shape}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = kiln.expand %x {shape = array<i64: 1, 4>} : (tensor<3x4xf32>) -> tensor<3x4xf32>
  return %0 : tensor<3x4xf32>
}

// -----

func.func @tile_repeats_count(%x: tensor<3x4xf32>) -> tensor<6x4xf32> {
  // expected-error @+2 {{'repeats' has 1 values for rank 2}}
  // expected-error @+1 {{'kiln.tile' op failed to infer returned types}}
  %0 = kiln.tile %x {repeats = array<i64: 2>} : (tensor<3x4xf32>) -> tensor<6x4xf32>
  return %0 : tensor<6x4xf32>
}

// -----

func.func @tile_negative(%x: tensor<3x4xf32>) -> tensor<3x4xf32> {
  // expected-error @+2 {{repeats must be non-negative}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = kiln.tile %x {repeats = array<i64: 1, -1>} : (tensor<3x4xf32>) -> tensor<3x4xf32>
  return %0 : tensor<3x4xf32>
}

// -----

func.func @shape_wrong_result(%x: tensor<2x3x4xf32>) -> tensor<3xi64> {
  // expected-error @+2 {{'kiln.shape' op inferred type(s) 'tensor<2xi64>' are incompatible with return type(s) of operation 'tensor<3xi64>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = kiln.shape %x {start = -2 : i64} : (tensor<2x3x4xf32>) -> tensor<3xi64>
  return %0 : tensor<3xi64>
}

// -----

func.func @size_not_scalar(%x: tensor<2x3xf32>) -> tensor<1xi64> {
  // expected-error @+2 {{'kiln.size' op inferred type(s) 'tensor<i64>' are incompatible with return type(s) of operation 'tensor<1xi64>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = kiln.size %x : (tensor<2x3xf32>) -> tensor<1xi64>
  return %0 : tensor<1xi64>
}

// -----

func.func @constant_wrong_type() -> tensor<3xi32> {
  // expected-error @+2 {{'kiln.constant' op inferred type(s) 'tensor<3xi64>' are incompatible with return type(s) of operation 'tensor<3xi32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = "kiln.constant"() {value = dense<[1, 2, 3]> : tensor<3xi64>} : () -> tensor<3xi32>
  return %0 : tensor<3xi32>
}

// -----

func.func @constant_of_shape_value_size() -> tensor<2xi64> {
  // expected-error @+2 {{'value' must hold exactly one element}}
  // expected-error @+1 {{'kiln.constant_of_shape' op failed to infer returned types}}
  %0 = kiln.constant_of_shape {shape = array<i64: 2>, value = dense<[1, 2]> : tensor<2xi64>} : () -> tensor<2xi64>
  return %0 : tensor<2xi64>
}

// -----

func.func @constant_of_shape_negative() -> tensor<2xf32> {
  // expected-error @+2 {{'shape' must be non-negative, got -2}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = kiln.constant_of_shape {shape = array<i64: -2>} : () -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

func.func @constant_of_shape_default_type() -> tensor<2xi64> {
  // Without `value` the result is f32 zeros.
  // expected-error @+2 {{'kiln.constant_of_shape' op inferred type(s) 'tensor<2xf32>' are incompatible with return type(s) of operation 'tensor<2xi64>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = kiln.constant_of_shape {shape = array<i64: 2>} : () -> tensor<2xi64>
  return %0 : tensor<2xi64>
}

// -----

func.func @topk_k_too_large(%x: tensor<3x10xf32>) -> tensor<3x11xf32> {
  // expected-error @+2 {{k = 11 is out of range for dimension of size 10}}
  // expected-error @+1 {{'kiln.topk' op failed to infer returned types}}
  %0:2 = kiln.topk %x {k = 11 : i64} : (tensor<3x10xf32>) -> (tensor<3x11xf32>, tensor<3x11xi64>)
  return %0#0 : tensor<3x11xf32>
}

// -----

func.func @topk_axis(%x: tensor<3x10xf32>) -> tensor<3x2xf32> {
  // expected-error @+2 {{'axis' 2 is out of range for rank 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %0:2 = kiln.topk %x {axis = 2 : i64, k = 2 : i64} : (tensor<3x10xf32>) -> (tensor<3x2xf32>, tensor<3x2xi64>)
  return %0#0 : tensor<3x2xf32>
}

// -----

func.func @topk_indices_type(%x: tensor<3x10xf32>) -> tensor<3x2xf32> {
  // The indices result is i64 whatever the values' type.
  // expected-error @+1 {{'kiln.topk' op result #1 must be ranked tensor of 64-bit signless integer values, but got 'tensor<3x2xf32>'}}
  %0:2 = kiln.topk %x {k = 2 : i64} : (tensor<3x10xf32>) -> (tensor<3x2xf32>, tensor<3x2xf32>)
  return %0#0 : tensor<3x2xf32>
}

// -----

func.func @one_hot_depth(%i: tensor<3xi64>, %v: tensor<2xf32>) -> tensor<3x0xf32> {
  // expected-error @+2 {{'depth' must be positive, got 0}}
  // expected-error @+1 {{'kiln.one_hot' op failed to infer returned types}}
  %0 = kiln.one_hot %i, %v {depth = 0 : i64} : (tensor<3xi64>, tensor<2xf32>) -> tensor<3x0xf32>
  return %0 : tensor<3x0xf32>
}

// -----

func.func @one_hot_values(%i: tensor<3xi64>, %v: tensor<3xf32>) -> tensor<3x4xf32> {
  // expected-error @+2 {{'values' must hold [off_value, on_value]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = kiln.one_hot %i, %v {depth = 4 : i64} : (tensor<3xi64>, tensor<3xf32>) -> tensor<3x4xf32>
  return %0 : tensor<3x4xf32>
}

// -----

func.func @one_hot_axis(%i: tensor<3xi64>, %v: tensor<2xf32>) -> tensor<3x4xf32> {
  // The result has rank 2, so the axis must be in [-2, 1].
  // expected-error @+2 {{'axis' 2 is out of range for rank 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = kiln.one_hot %i, %v {axis = 2 : i64, depth = 4 : i64} : (tensor<3xi64>, tensor<2xf32>) -> tensor<3x4xf32>
  return %0 : tensor<3x4xf32>
}

// -----

// ONNX CumSum: 'axis' is in [-r, r).

func.func @cumsum_axis(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+2 {{'axis' 3 is out of range for rank 1}}
  // expected-error @+1 {{'kiln.cumsum' op failed to infer returned types}}
  %0 = kiln.cumsum %x {axis = 3 : i64} : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// ONNX Trilu: the input is a batch of matrices, rank >= 2.

func.func @trilu_rank_1(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+2 {{input must have rank >= 2 (a batch of matrices), got 'tensor<4xf32>'}}
  // expected-error @+1 {{'kiln.trilu' op failed to infer returned types}}
  %0 = kiln.trilu %x : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// ONNX Range: start, limit and delta are scalars of one type T, and the result
// is 1-D of type T. (The length depends on the values, so Range has a verifier
// rather than type inference: one error each.)

func.func @range_operands_not_scalar(%s: tensor<2xi64>, %l: tensor<i64>, %d: tensor<i64>) -> tensor<5xi64> {
  // expected-error @+1 {{'kiln.range' op start, limit and delta must be scalars, got 'tensor<2xi64>'}}
  %0 = kiln.range %s, %l, %d : (tensor<2xi64>, tensor<i64>, tensor<i64>) -> tensor<5xi64>
  return %0 : tensor<5xi64>
}

// -----

func.func @range_mixed_types(%s: tensor<i64>, %l: tensor<f32>, %d: tensor<i64>) -> tensor<5xi64> {
  // expected-error @+1 {{'kiln.range' op start, limit and delta must share one element type, got 'i64' and 'f32'}}
  %0 = kiln.range %s, %l, %d : (tensor<i64>, tensor<f32>, tensor<i64>) -> tensor<5xi64>
  return %0 : tensor<5xi64>
}

// -----

func.func @range_result_not_1d(%s: tensor<i64>, %l: tensor<i64>, %d: tensor<i64>) -> tensor<2x3xi64> {
  // expected-error @+1 {{'kiln.range' op result must be 1-D of element type 'i64', got 'tensor<2x3xi64>'}}
  %0 = kiln.range %s, %l, %d : (tensor<i64>, tensor<i64>, tensor<i64>) -> tensor<2x3xi64>
  return %0 : tensor<2x3xi64>
}

// -----

func.func @scatter_elements_reduction(%d: tensor<3x4xf32>, %i: tensor<3x2xi64>, %u: tensor<3x2xf32>) -> tensor<3x4xf32> {
  // expected-error @+2 {{'reduction' must be none, add, mul, max or min, got 'sum'}}
  // expected-error @+1 {{'kiln.scatter_elements' op failed to infer returned types}}
  %0 = kiln.scatter_elements %d, %i, %u {reduction = "sum"} : (tensor<3x4xf32>, tensor<3x2xi64>, tensor<3x2xf32>) -> tensor<3x4xf32>
  return %0 : tensor<3x4xf32>
}

// -----

func.func @scatter_elements_element_types(%d: tensor<3x4xf32>, %i: tensor<3x2xi64>, %u: tensor<3x2xf16>) -> tensor<3x4xf32> {
  // expected-error @+2 {{operands must share one element type, got 'f32' and 'f16'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = kiln.scatter_elements %d, %i, %u : (tensor<3x4xf32>, tensor<3x2xi64>, tensor<3x2xf16>) -> tensor<3x4xf32>
  return %0 : tensor<3x4xf32>
}

// -----

func.func @scatter_elements_rank(%d: tensor<3x4xf32>, %i: tensor<6xi64>, %u: tensor<6xf32>) -> tensor<3x4xf32> {
  // expected-error @+2 {{data and indices must have the same rank >= 1, got 'tensor<3x4xf32>' and 'tensor<6xi64>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = kiln.scatter_elements %d, %i, %u : (tensor<3x4xf32>, tensor<6xi64>, tensor<6xf32>) -> tensor<3x4xf32>
  return %0 : tensor<3x4xf32>
}

// -----

func.func @scatter_elements_updates_shape(%d: tensor<3x4xf32>, %i: tensor<3x2xi64>, %u: tensor<2x3xf32>) -> tensor<3x4xf32> {
  // expected-error @+2 {{updates 'tensor<2x3xf32>' must have the shape of indices 'tensor<3x2xi64>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = kiln.scatter_elements %d, %i, %u : (tensor<3x4xf32>, tensor<3x2xi64>, tensor<2x3xf32>) -> tensor<3x4xf32>
  return %0 : tensor<3x4xf32>
}

// -----

func.func @scatter_elements_axis(%d: tensor<3x4xf32>, %i: tensor<3x2xi64>, %u: tensor<3x2xf32>) -> tensor<3x4xf32> {
  // expected-error @+2 {{'axis' 2 is out of range for rank 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = kiln.scatter_elements %d, %i, %u {axis = 2 : i64} : (tensor<3x4xf32>, tensor<3x2xi64>, tensor<3x2xf32>) -> tensor<3x4xf32>
  return %0 : tensor<3x4xf32>
}

// -----

func.func @scatter_elements_indices_exceed(%d: tensor<3x4xf32>, %i: tensor<5x2xi64>, %u: tensor<5x2xf32>) -> tensor<3x4xf32> {
  // Outside the axis an index position is a data position.
  // expected-error @+2 {{indices dimension 0 (5) exceeds the data dimension (3)}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = kiln.scatter_elements %d, %i, %u {axis = 1 : i64} : (tensor<3x4xf32>, tensor<5x2xi64>, tensor<5x2xf32>) -> tensor<3x4xf32>
  return %0 : tensor<3x4xf32>
}

// -----

func.func @scatter_nd_depth(%d: tensor<3x4xf32>, %i: tensor<2x3xi64>, %u: tensor<2xf32>) -> tensor<3x4xf32> {
  // expected-error @+2 {{indices' last dimension 3 must be static and in [1, data rank]}}
  // expected-error @+1 {{'kiln.scatter_nd' op failed to infer returned types}}
  %0 = kiln.scatter_nd %d, %i, %u : (tensor<3x4xf32>, tensor<2x3xi64>, tensor<2xf32>) -> tensor<3x4xf32>
  return %0 : tensor<3x4xf32>
}

// -----

func.func @scatter_nd_updates_shape(%d: tensor<3x4xf32>, %i: tensor<2x1xi64>, %u: tensor<2x3xf32>) -> tensor<3x4xf32> {
  // expected-error @+2 {{updates 'tensor<2x3xf32>' must have the shape [2, 4] (indices' leading dims, then data's from 1)}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = kiln.scatter_nd %d, %i, %u : (tensor<3x4xf32>, tensor<2x1xi64>, tensor<2x3xf32>) -> tensor<3x4xf32>
  return %0 : tensor<3x4xf32>
}

// -----

func.func @scatter_nd_reduction(%d: tensor<3x4xf32>, %i: tensor<2x1xi64>, %u: tensor<2x4xf32>) -> tensor<3x4xf32> {
  // expected-error @+2 {{'reduction' must be none, add, mul, max or min, got 'avg'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = kiln.scatter_nd %d, %i, %u {reduction = "avg"} : (tensor<3x4xf32>, tensor<2x1xi64>, tensor<2x4xf32>) -> tensor<3x4xf32>
  return %0 : tensor<3x4xf32>
}

// -----

func.func @compress_condition_too_long(%x: tensor<2x3xf32>) -> tensor<2x2xf32> {
  // expected-error @+2 {{'condition' has 4 entries for a dimension of size 3}}
  // expected-error @+1 {{'kiln.compress' op failed to infer returned types}}
  %0 = kiln.compress %x {axis = 1 : i64, condition = array<i1: true, false, true, false>} : (tensor<2x3xf32>) -> tensor<2x2xf32>
  return %0 : tensor<2x2xf32>
}

// -----

func.func @compress_axis(%x: tensor<2x3xf32>) -> tensor<2x2xf32> {
  // expected-error @+2 {{'axis' -3 is out of range for rank 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = kiln.compress %x {axis = -3 : i64, condition = array<i1: true, true>} : (tensor<2x3xf32>) -> tensor<2x2xf32>
  return %0 : tensor<2x2xf32>
}

// -----

func.func @compress_scalar(%x: tensor<f32>) -> tensor<1xf32> {
  // expected-error @+2 {{input must have rank >= 1}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = kiln.compress %x {condition = array<i1: true>} : (tensor<f32>) -> tensor<1xf32>
  return %0 : tensor<1xf32>
}

// -----

func.func @eye_like_rank(%x: tensor<2x3x4xf32>) -> tensor<2x3x4xf32> {
  // expected-error @+2 {{input must have rank 2, got 'tensor<2x3x4xf32>'}}
  // expected-error @+1 {{'kiln.eye_like' op failed to infer returned types}}
  %0 = kiln.eye_like %x {dtype = f32} : (tensor<2x3x4xf32>) -> tensor<2x3x4xf32>
  return %0 : tensor<2x3x4xf32>
}

// -----

func.func @eye_like_dtype(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // expected-error @+2 {{'dtype' must be an integer or float type, got 'index'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = kiln.eye_like %x {dtype = index} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}
