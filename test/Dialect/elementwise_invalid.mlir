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

// ONNX's single type variable T: the operands of the broadcast family share one
// element type (integer widths, float widths and int against float all differ).

func.func @add_mixed_int_widths(%a: tensor<2xi64>, %b: tensor<2xi32>) -> tensor<2xi64> {
  // expected-error @+2 {{operands must share one element type, got 'i64' and 'i32'}}
  // expected-error @+1 {{'kiln.add' op failed to infer returned types}}
  %0 = kiln.add %a, %b : (tensor<2xi64>, tensor<2xi32>) -> tensor<2xi64>
  return %0 : tensor<2xi64>
}

// -----

func.func @sub_float_widths(%a: tensor<2xf32>, %b: tensor<2xf16>) -> tensor<2xf32> {
  // expected-error @+2 {{operands must share one element type, got 'f32' and 'f16'}}
  // expected-error @+1 {{'kiln.sub' op failed to infer returned types}}
  %0 = kiln.sub %a, %b : (tensor<2xf32>, tensor<2xf16>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

func.func @mul_int_float(%a: tensor<2xi64>, %b: tensor<2xf32>) -> tensor<2xi64> {
  // expected-error @+2 {{operands must share one element type, got 'i64' and 'f32'}}
  // expected-error @+1 {{'kiln.mul' op failed to infer returned types}}
  %0 = kiln.mul %a, %b : (tensor<2xi64>, tensor<2xf32>) -> tensor<2xi64>
  return %0 : tensor<2xi64>
}

// -----

// Variadic ops (Max, Min, Sum, Mean) have the same rule.

func.func @max_mixed(%a: tensor<2xf32>, %b: tensor<2xf64>) -> tensor<2xf32> {
  // expected-error @+2 {{operands must share one element type, got 'f32' and 'f64'}}
  // expected-error @+1 {{'kiln.max' op failed to infer returned types}}
  %0 = kiln.max %a, %b : (tensor<2xf32>, tensor<2xf64>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

// Comparisons too: T constrains both inputs even though the result is i1.

func.func @equal_mixed(%a: tensor<2xi1>, %b: tensor<2xf32>) -> tensor<2xi1> {
  // expected-error @+2 {{operands must share one element type, got 'i1' and 'f32'}}
  // expected-error @+1 {{'kiln.equal' op failed to infer returned types}}
  %0 = kiln.equal %a, %b : (tensor<2xi1>, tensor<2xf32>) -> tensor<2xi1>
  return %0 : tensor<2xi1>
}

// -----

// Constant operands are rejected the same way, so a folder never combines
// integers of different widths.

func.func @add_mixed_constants() -> tensor<1xi64> {
  %a = kiln.constant dense<1> : tensor<1xi64>
  %b = kiln.constant dense<-1> : tensor<1xi32>
  // expected-error @+2 {{operands must share one element type, got 'i64' and 'i32'}}
  // expected-error @+1 {{'kiln.add' op failed to infer returned types}}
  %0 = kiln.add %a, %b : (tensor<1xi64>, tensor<1xi32>) -> tensor<1xi64>
  return %0 : tensor<1xi64>
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

// -----

// ONNX PRelu: slope must broadcast unidirectionally to X.

func.func @prelu_slope_does_not_broadcast(%x: tensor<2x3xf32>, %s: tensor<5xf32>) -> tensor<2x3xf32> {
  // expected-error @+2 {{slope of type 'tensor<5xf32>' does not broadcast unidirectionally to X of type 'tensor<2x3xf32>'}}
  // expected-error @+1 {{'kiln.prelu' op failed to infer returned types}}
  %0 = kiln.prelu %x, %s : (tensor<2x3xf32>, tensor<5xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// Unidirectional: the slope may not make the result larger than X.

func.func @prelu_slope_widens_result(%x: tensor<3xf32>, %s: tensor<2x3xf32>) -> tensor<3xf32> {
  // expected-error @+2 {{slope of type 'tensor<2x3xf32>' does not broadcast unidirectionally to X of type 'tensor<3xf32>'}}
  // expected-error @+1 {{'kiln.prelu' op failed to infer returned types}}
  %0 = kiln.prelu %x, %s : (tensor<3xf32>, tensor<2x3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

// ONNX Clip-11+: min and max are scalars.

func.func @clip_min_not_scalar(%x: tensor<2x3xf32>, %lo: tensor<3xf32>) -> tensor<2x3xf32> {
  // expected-error @+2 {{'min' must be a scalar, got 'tensor<3xf32>'}}
  // expected-error @+1 {{'kiln.clip' op failed to infer returned types}}
  %0 = kiln.clip %x min(%lo) : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

func.func @bit_shift_direction(%x: tensor<4xui8>, %s: tensor<4xui8>) -> tensor<4xui8> {
  // expected-error @+1 {{'kiln.bit_shift' op 'direction' must be LEFT or RIGHT, got 'left'}}
  %0 = kiln.bit_shift %x, %s {direction = "left"} : (tensor<4xui8>, tensor<4xui8>) -> tensor<4xui8>
  return %0 : tensor<4xui8>
}

// -----

func.func @bit_shift_signed(%x: tensor<4xi8>, %s: tensor<4xi8>) -> tensor<4xi8> {
  // expected-error @+1 {{operand #0 must be ranked tensor of 8-bit unsigned integer or 16-bit unsigned integer or 32-bit unsigned integer or 64-bit unsigned integer values}}
  %0 = kiln.bit_shift %x, %s {direction = "LEFT"} : (tensor<4xi8>, tensor<4xi8>) -> tensor<4xi8>
  return %0 : tensor<4xi8>
}
