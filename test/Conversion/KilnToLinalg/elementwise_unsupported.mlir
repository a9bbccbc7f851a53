// RUN: kiln-opt %s --split-input-file --convert-kiln-to-linalg --verify-diagnostics

// Dynamic shapes are not lowered yet: refused at the op.
func.func @dynamic_add(%a: tensor<?x4xf32>, %b: tensor<?x4xf32>) -> tensor<?x4xf32> {
  // expected-error @+1 {{kiln.add is not supported by code generation yet}}
  %0 = kiln.add %a, %b : (tensor<?x4xf32>, tensor<?x4xf32>) -> tensor<?x4xf32>
  return %0 : tensor<?x4xf32>
}
