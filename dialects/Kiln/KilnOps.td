//===- KilnOps.td - kiln op definitions --------------------*- tablegen -*-===//
//
// Hand-written ops and the op families whose type inference is shared. The ONNX
// operators themselves are generated from ONNX's schemas into KilnOnnxOps.td.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_OPS
#define KILN_OPS

include "dialects/Kiln/KilnDialect.td"
include "mlir/IR/CommonTypeConstraints.td"
include "mlir/IR/CommonAttrConstraints.td"
include "mlir/Interfaces/InferTypeOpInterface.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

//===----------------------------------------------------------------------===//
// Families with shared type inference (see ShapeInference.h).
//===----------------------------------------------------------------------===//

class Kiln_InferredOp<string mnemonic, list<Trait> traits, string fn>
    : Kiln_Op<mnemonic, traits> {
  let extraClassDefinition = [{
    ::llvm::LogicalResult $cppClass::inferReturnTypes(
        ::mlir::MLIRContext *context, std::optional<::mlir::Location> location,
        Adaptor adaptor, ::llvm::SmallVectorImpl<::mlir::Type> &inferred) {
      return ::mlir::kiln::}] # fn # [{(location, adaptor.getOperands(), inferred);
    }
  }];
}

// Result type is the first operand's type.
class Kiln_SameTypeOp<string mnemonic, list<Trait> traits = []>
    : Kiln_InferredOp<mnemonic, traits, "inferSameAsFirstOperand">;
// Result has the operand's shape and element type i1 (IsNaN, IsInf).
class Kiln_BoolResultOp<string mnemonic, list<Trait> traits = []>
    : Kiln_InferredOp<mnemonic, traits, "inferBoolOfFirstOperand">;
// Numpy broadcast of all operands; element type of the first operand.
class Kiln_BroadcastOp<string mnemonic, list<Trait> traits = []>
    : Kiln_InferredOp<mnemonic, traits, "inferBroadcast">;
// Numpy broadcast of all operands; element type i1.
class Kiln_CompareOp<string mnemonic, list<Trait> traits = []>
    : Kiln_InferredOp<mnemonic, traits, "inferBroadcastCompare">;

// Reductions over explicit `axes` with `keepdims`.
class Kiln_ReduceOp<string mnemonic, list<Trait> traits = []>
    : Kiln_Op<mnemonic, traits> {
  let extraClassDefinition = [{
    ::llvm::LogicalResult $cppClass::inferReturnTypes(
        ::mlir::MLIRContext *context, std::optional<::mlir::Location> location,
        Adaptor adaptor, ::llvm::SmallVectorImpl<::mlir::Type> &inferred) {
      return ::mlir::kiln::inferReduction(location, adaptor.getData(),
                                          adaptor.getAxes(), adaptor.getKeepdims(),
                                          inferred);
    }
  }];
}

//===----------------------------------------------------------------------===//
// Hand-written ops.
//===----------------------------------------------------------------------===//

def Kiln_ConstantOp : Kiln_Op<"constant",
    [ConstantLike, Pure, InferTypeOpAdaptor]> {
  let summary = "A constant tensor (ONNX Constant and initializers)";
  let description = [{
    Holds a constant tensor. Initializers and Constant nodes import to this op; large
    payloads are `dense_resource` blobs so they are not copied into uniqued attributes.

    ```mlir
    %w = kiln.constant dense<[1.0, 2.0]> : tensor<2xf32>
    %big = kiln.constant dense_resource<conv1.weight> : tensor<64x3x7x7xf32>
    ```
  }];
  let arguments = (ins ElementsAttr:$value);
  let results = (outs AnyStaticShapeTensor:$output);
  let assemblyFormat = "attr-dict $value";
  let hasFolder = 1;
}

include "dialects/Kiln/KilnOnnxOps.td"

#endif // KILN_OPS
