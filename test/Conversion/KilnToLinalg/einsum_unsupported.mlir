// RUN: kiln-opt %s --split-input-file --convert-kiln-to-linalg --verify-diagnostics

// Einsum needs static shapes (the loop sizes); otherwise it is reported at its
// location and the pass fails instead of producing code.

func.func @dynamic(%a: tensor<?x4xf32>, %b: tensor<4x5xf32>) -> tensor<?x5xf32> {
  // expected-error @+1 {{kiln.einsum is not supported by code generation yet}}
  %0 = kiln.einsum %a, %b {equation = "ij,jk->ik"} : (tensor<?x4xf32>, tensor<4x5xf32>) -> tensor<?x5xf32>
  return %0 : tensor<?x5xf32>
}
