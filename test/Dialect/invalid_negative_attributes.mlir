// RUN: kiln-opt %s --split-input-file --verify-diagnostics

// Integer attributes are signed: a negative `axis` is normalized against the rank
// (Concat, Split, Gather, GatherElements, TopK, OneHot, LayerNormalization) and,
// when it is out of [-rank, rank), the diagnostic prints it as written (-3, not
// 2^64 - 3). OneHot's `depth` must be positive, so a negative depth is rejected
// rather than producing a result type with a negative dimension.

func.func @concat_negative_axis(%a: tensor<2x3xf32>, %b: tensor<2x3xf32>) -> tensor<2x6xf32> {
  // expected-error @+2 {{'axis' -3 is out of range for rank 2}}
  // expected-error @+1 {{'kiln.concat' op failed to infer returned types}}
  %0 = kiln.concat %a, %b {axis = -3 : i64} : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x6xf32>
  return %0 : tensor<2x6xf32>
}

// -----

func.func @split_negative_axis(%x: tensor<6x4xf32>) -> tensor<6x2xf32> {
  // expected-error @+2 {{'axis' -3 is out of range for rank 2}}
  // expected-error @+1 {{'kiln.split' op failed to infer returned types}}
  %0:2 = kiln.split %x {axis = -3 : i64, split = array<i64: 2, 2>} : (tensor<6x4xf32>) -> (tensor<6x2xf32>, tensor<6x2xf32>)
  return %0#0 : tensor<6x2xf32>
}

// -----

func.func @gather_negative_axis(%d: tensor<5x4xf32>, %i: tensor<2xi64>) -> tensor<2x4xf32> {
  // expected-error @+2 {{'axis' -3 is out of range for rank 2}}
  // expected-error @+1 {{'kiln.gather' op failed to infer returned types}}
  %0 = kiln.gather %d, %i {axis = -3 : i64} : (tensor<5x4xf32>, tensor<2xi64>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// -----

func.func @gather_elements_negative_axis(%d: tensor<3x4xf32>, %i: tensor<3x2xi64>) -> tensor<3x2xf32> {
  // expected-error @+2 {{'axis' -3 is out of range for rank 2}}
  // expected-error @+1 {{'kiln.gather_elements' op failed to infer returned types}}
  %0 = kiln.gather_elements %d, %i {axis = -3 : i64} : (tensor<3x4xf32>, tensor<3x2xi64>) -> tensor<3x2xf32>
  return %0 : tensor<3x2xf32>
}

// -----

func.func @topk_negative_axis(%x: tensor<3x10xf32>) -> tensor<3x2xf32> {
  // expected-error @+2 {{'axis' -3 is out of range for rank 2}}
  // expected-error @+1 {{'kiln.topk' op failed to infer returned types}}
  %0:2 = kiln.topk %x {axis = -3 : i64, k = 2 : i64} : (tensor<3x10xf32>) -> (tensor<3x2xf32>, tensor<3x2xi64>)
  return %0#0 : tensor<3x2xf32>
}

// -----

func.func @one_hot_negative_axis(%i: tensor<3xi64>, %v: tensor<2xf32>) -> tensor<3x4xf32> {
  // expected-error @+2 {{'axis' -3 is out of range for rank 2}}
  // expected-error @+1 {{'kiln.one_hot' op failed to infer returned types}}
  %0 = kiln.one_hot %i, %v {axis = -3 : i64, depth = 4 : i64} : (tensor<3xi64>, tensor<2xf32>) -> tensor<3x4xf32>
  return %0 : tensor<3x4xf32>
}

// -----

func.func @one_hot_negative_depth(%i: tensor<3xi64>, %v: tensor<2xf32>) -> tensor<3x5xf32> {
  // expected-error @+2 {{'depth' must be positive, got -5}}
  // expected-error @+1 {{'kiln.one_hot' op failed to infer returned types}}
  %0 = kiln.one_hot %i, %v {depth = -5 : i64} : (tensor<3xi64>, tensor<2xf32>) -> tensor<3x5xf32>
  return %0 : tensor<3x5xf32>
}

// -----

func.func @layer_normalization_negative_axis(%x: tensor<2x3x4xf32>, %s: tensor<4xf32>) -> tensor<2x3x4xf32> {
  // expected-error @+2 {{'axis' -4 is out of range for rank 3}}
  // expected-error @+1 {{'kiln.layer_normalization' op failed to infer returned types}}
  %0:3 = kiln.layer_normalization %x, %s {axis = -4 : i64} : (tensor<2x3x4xf32>, tensor<4xf32>) -> (tensor<2x3x4xf32>, tensor<2x3x1xf32>, tensor<2x3x1xf32>)
  return %0#0 : tensor<2x3x4xf32>
}
