//===- KilnDialect.td - The kiln graph dialect -------------*- tablegen -*-===//

#ifndef KILN_DIALECT
#define KILN_DIALECT

include "mlir/IR/OpBase.td"
include "mlir/IR/CommonAttrConstraints.td"

def Kiln_Dialect : Dialect {
  let name = "kiln";
  let summary = "Graph-level dialect mirroring ONNX on statically shaped tensors";
  let description = [{
    The kiln dialect holds a neural network as the ONNX importer produced it: one op
    per ONNX operator, with ONNX's semantics, on ranked tensors whose shapes are
    static after import. Attributes are normalized (explicit pads and axes, no
    auto_pad, shape-like inputs as attributes) so passes and lowerings see one form
    per op. Result types are inferred in C++ (InferTypeOpInterface), including
    numpy-style broadcasting; ONNX's own shape inference is not needed.
  }];
  let cppNamespace = "::mlir::kiln";
  let hasConstantMaterializer = 1;
  let dependentDialects = ["::mlir::quant::QuantDialect"];
}

// ONNX INT attributes are signed (negative axes count from the end). Upstream's
// I64Attr returns uint64_t, which turns `axis < 0` into a silent no-op and prints
// -1 as 18446744073709551615; this one returns the signed value.
def Kiln_I64Attr : TypedSignlessIntegerAttrBase<I64, "int64_t",
                                                "64-bit signed integer attribute"> {
  let convertFromStorage = "$_self.getValue().getSExtValue()";
}

class Kiln_Op<string mnemonic, list<Trait> traits = []>
    : Op<Kiln_Dialect, mnemonic, traits>;

#endif // KILN_DIALECT
