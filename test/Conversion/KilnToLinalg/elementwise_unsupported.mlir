// RUN: kiln-opt %s --split-input-file --convert-kiln-to-linalg --verify-diagnostics

// arith works on signless integers; unsigned tensors are refused, at the op.
func.func @unsigned_add(%a: tensor<4xui8>, %b: tensor<4xui8>) -> tensor<4xui8> {
  // expected-error @+1 {{kiln.add is not supported by code generation yet}}
  %0 = kiln.add %a, %b : (tensor<4xui8>, tensor<4xui8>) -> tensor<4xui8>
  return %0 : tensor<4xui8>
}
