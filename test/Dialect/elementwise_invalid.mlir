// RUN: kiln-opt %s --split-input-file --verify-diagnostics

// A failed inference reports its reason and then MLIR's "failed to infer returned
// types"; a written result type that disagrees with inference is reported by the
// InferTypeOpInterface verifier.

func.func @wrong_result_shape(%a: tensor<2x3xf32>, %b: tensor<3xf32>) -> tensor<2x2xf32> {
  // expected-error @+2 {{'kiln.add' op inferred type(s) 'tensor<2x3xf32>' are incompatible with return type(s) of operation 'tensor<2x2xf32>'}}
  // expected-error @+1 {{'kiln.add' op failed to infer returned types}}
  %0 = kiln.add %a, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x2xf32>
  return %0 : tensor<2x2xf32>
}

// -----

func.func @unary_wrong_result(%x: tensor<4xf32>) -> tensor<4xf16> {
  // expected-error @+2 {{'kiln.sigmoid' op inferred type(s) 'tensor<4xf32>' are incompatible with return type(s) of operation 'tensor<4xf16>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = kiln.sigmoid %x : (tensor<4xf32>) -> tensor<4xf16>
  return %0 : tensor<4xf16>
}

// -----

func.func @incompatible_broadcast(%a: tensor<2x3xf32>, %b: tensor<4xf32>) -> tensor<2x3xf32> {
  // expected-error @+2 {{shapes [2,3], [4] are not broadcast-compatible}}
  // expected-error @+1 {{'kiln.mul' op failed to infer returned types}}
  %0 = kiln.mul %a, %b : (tensor<2x3xf32>, tensor<4xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// Size 1 stretches; 2 against 3 does not, even when another operand is 1.

func.func @variadic_incompatible(%a: tensor<2xf32>, %b: tensor<1xf32>, %c: tensor<3xf32>) -> tensor<3xf32> {
  // expected-error @+2 {{shapes [2], [1], [3] are not broadcast-compatible}}
  // expected-error @+1 {{'kiln.min' op failed to infer returned types}}
  %0 = kiln.min %a, %b, %c : (tensor<2xf32>, tensor<1xf32>, tensor<3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

func.func @variadic_no_operands() -> tensor<f32> {
  // expected-error @+2 {{expected at least one operand}}
  // expected-error @+1 {{'kiln.sum' op failed to infer returned types}}
  %0 = kiln.sum : () -> tensor<f32>
  return %0 : tensor<f32>
}

// -----

func.func @compare_incompatible(%a: tensor<4x2xi64>, %b: tensor<4xi64>) -> tensor<4x4xi1> {
  // expected-error @+2 {{shapes [4,2], [4] are not broadcast-compatible}}
  // expected-error @+1 {{'kiln.greater' op failed to infer returned types}}
  %0 = kiln.greater %a, %b : (tensor<4x2xi64>, tensor<4xi64>) -> tensor<4x4xi1>
  return %0 : tensor<4x4xi1>
}

// -----

func.func @compare_result_not_i1(%a: tensor<2x3xf32>, %b: tensor<3xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{'kiln.equal' op result #0 must be ranked tensor of 1-bit signless integer values, but got 'tensor<2x3xf32>'}}
  %0 = kiln.equal %a, %b : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

func.func @is_nan_int(%x: tensor<2xi32>) -> tensor<2xi1> {
  // expected-error @+1 {{'kiln.is_nan' op operand #0 must be ranked tensor of 32-bit float or 64-bit float or 16-bit float or bfloat16 type values, but got 'tensor<2xi32>'}}
  %0 = kiln.is_nan %x : (tensor<2xi32>) -> tensor<2xi1>
  return %0 : tensor<2xi1>
}

// -----

func.func @is_inf_not_bool(%x: tensor<2xf32>) -> tensor<2xi8> {
  // expected-error @+1 {{'kiln.is_inf' op result #0 must be ranked tensor of 1-bit signless integer values, but got 'tensor<2xi8>'}}
  %0 = kiln.is_inf %x : (tensor<2xf32>) -> tensor<2xi8>
  return %0 : tensor<2xi8>
}

// -----

func.func @not_float(%x: tensor<2xf32>) -> tensor<2xf32> {
  // expected-error @+1 {{'kiln.not' op operand #0 must be ranked tensor of 1-bit signless integer values}}
  %0 = kiln.not %x : (tensor<2xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

func.func @unranked(%x: tensor<*xf32>) -> tensor<*xf32> {
  // expected-error @+1 {{'kiln.relu' op operand #0 must be ranked tensor of}}
  %0 = kiln.relu %x : (tensor<*xf32>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @cast_wrong_result(%x: tensor<2xf32>) -> tensor<2xf32> {
  // expected-error @+2 {{'kiln.cast' op inferred type(s) 'tensor<2xi64>' are incompatible with return type(s) of operation 'tensor<2xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = kiln.cast %x {to = i64} : (tensor<2xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

func.func @cast_to_not_a_number_type(%x: tensor<2xf32>) -> tensor<2xf32> {
  // expected-error @+2 {{'to' must be an integer or float type, got 'index'}}
  // expected-error @+1 {{'kiln.cast' op failed to infer returned types}}
  %0 = kiln.cast %x {to = index} : (tensor<2xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

func.func @where_element_types(%c: tensor<2xi1>, %x: tensor<2xf32>, %y: tensor<2xf16>) -> tensor<2xf32> {
  // expected-error @+2 {{X and Y must have the same element type}}
  // expected-error @+1 {{'kiln.where' op failed to infer returned types}}
  %0 = kiln.where %c, %x, %y : (tensor<2xi1>, tensor<2xf32>, tensor<2xf16>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

func.func @where_condition_incompatible(%c: tensor<3xi1>, %x: tensor<2xf32>, %y: tensor<1xf32>) -> tensor<2xf32> {
  // expected-error @+2 {{shapes [3], [2], [1] are not broadcast-compatible}}
  // expected-error @+1 {{'kiln.where' op failed to infer returned types}}
  %0 = kiln.where %c, %x, %y : (tensor<3xi1>, tensor<2xf32>, tensor<1xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

func.func @where_condition_not_bool(%c: tensor<2xi8>, %x: tensor<2xf32>, %y: tensor<2xf32>) -> tensor<2xf32> {
  // expected-error @+1 {{'kiln.where' op operand #0 must be ranked tensor of 1-bit signless integer values}}
  %0 = kiln.where %c, %x, %y : (tensor<2xi8>, tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

func.func @clip_wrong_result(%x: tensor<2xf32>, %lo: tensor<f32>) -> tensor<3xf32> {
  // expected-error @+2 {{'kiln.clip' op inferred type(s) 'tensor<2xf32>' are incompatible with return type(s) of operation 'tensor<3xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = kiln.clip %x min(%lo) : (tensor<2xf32>, tensor<f32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}
