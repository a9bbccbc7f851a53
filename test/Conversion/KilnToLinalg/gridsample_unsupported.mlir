// RUN: kiln-opt %s --split-input-file --convert-kiln-to-linalg --verify-diagnostics

// Refused by the grid_sample lowering: reported at the op, no code produced.

// ONNX allows any input type; interpolating integers is not implemented.
func.func @integer_input(%x: tensor<1x1x4x4xi32>, %g: tensor<1x2x2x2xf32>) -> tensor<1x1x2x2xi32> {
  // expected-error @+1 {{kiln.grid_sample is not supported by code generation yet}}
  %0 = kiln.grid_sample %x, %g {mode = "nearest"} : (tensor<1x1x4x4xi32>, tensor<1x2x2x2xf32>) -> tensor<1x1x2x2xi32>
  return %0 : tensor<1x1x2x2xi32>
}
