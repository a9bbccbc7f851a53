#!/usr/bin/python3
"""Generates KilnOnnxOps.td from ONNX's own operator schemas (opset 17).

Run by hand after changing the table below; the output is committed:

    /usr/bin/python3 dialects/Kiln/gen_onnx_ops.py > dialects/Kiln/KilnOnnxOps.td

The schema registry supplies operand names, attribute names, types and defaults,
and the element types each operand accepts, so the dialect cannot drift from ONNX.
The table adds what ONNX does not say: Kiln's normalizations (inputs that must be
compile-time constants become attributes, auto_pad becomes explicit pads, ...),
which family of type inference an op uses, and which results it always has.
"""

import re
import sys
import textwrap

import onnx
import onnx.defs

OPSET = 17

# Shorthands used in the table.
INTS = "DenseI64ArrayAttr"
INT = "Kiln_I64Attr"
FLOATS = "DenseF32ArrayAttr"

CONV_NORMALIZED = dict(
    drop_attrs=["auto_pad", "kernel_shape"],
    required_attrs=["dilations", "pads", "strides"],
    note="`auto_pad` and `kernel_shape` are resolved at import: `pads`, `strides` "
    "and `dilations` are always explicit.",
)

# name -> options. Keys:
#   infer: same | bool | broadcast | compare | reduce | custom | none
#   promote: {input name: (attribute name, attribute type)} inputs that must be
#            constants at import and become attributes
#   drop_attrs / required_attrs / attr_types: attribute adjustments
#   drop_outputs: outputs Kiln never produces (training-only results)
#   type_params: {operand or result name: type parameter} where the schema
#                names the wrong one
#   verifier: the op has a hand-written verify() (ops without type inference)
#   mnemonic: override the snake_case mnemonic
#   note: extra description text
OPS = {}


def op(names, **kw):
    for n in names.split():
        OPS[n] = dict(kw)


# Elementwise unary math and activations: result type == operand type.
op("Abs Neg Exp Log Sqrt Reciprocal Floor Ceil Round Sign Sin Cos Tan Asin Acos "
   "Atan Sinh Cosh Asinh Acosh Atanh Erf Relu LeakyRelu Elu Selu Celu Sigmoid "
   "HardSigmoid HardSwish Softplus Softsign Tanh Not Identity ThresholdedRelu "
   "Shrink", infer="same")
op("PRelu", infer="custom",
   note="`slope` broadcasts unidirectionally to `X`.")
op("IsNaN IsInf", infer="bool")
op("Cast", infer="custom", attr_types={"to": "TypeAttr"},
   note="`to` is the result element type (ONNX's dtype code is converted at import).")
op("Clip", infer="custom",
   note="`min` and `max` are optional scalar operands, as in ONNX opset 11+.")

# Binary and variadic broadcasting ops.
op("Add Sub Mul Div Mod And Or Xor", infer="broadcast")
op("BitShift", infer="broadcast", verifier=True,
   note="`direction` is LEFT or RIGHT; shifting by the bit width or more gives 0.")
op("Pow", infer="custom", note="The exponent may have another element type.")
op("Equal Less Greater LessOrEqual GreaterOrEqual", infer="compare")
op("Max Min Mean Sum", infer="broadcast")
op("Where", infer="custom")

# Reductions: `axes` is explicit (non-negative, sorted) after import.
REDUCE = dict(infer="reduce", drop_attrs=["noop_with_empty_axes"],
              required_attrs=["axes"],
              note="`axes` is explicit after import: non-negative, sorted, never "
              "empty (an empty ONNX `axes` means all axes, or the identity when "
              "`noop_with_empty_axes` is set, which the importer resolves).")
op("ReduceMean ReduceMax ReduceMin ReduceProd ReduceL1 ReduceL2 ReduceLogSum "
   "ReduceLogSumExp ReduceSumSquare", **REDUCE)
op("ReduceSum", promote={"axes": ("axes", INTS)}, **REDUCE)
op("ArgMax ArgMin", infer="custom", mnemonic_map=None)

# Neural-network ops.
op("Conv ConvInteger", infer="custom", **CONV_NORMALIZED)
op("QLinearConv", infer="custom", **CONV_NORMALIZED)
op("ConvTranspose", infer="custom",
   drop_attrs=["auto_pad", "kernel_shape", "output_shape"],
   required_attrs=["dilations", "pads", "strides", "output_padding"],
   note="`auto_pad`, `kernel_shape` and `output_shape` are resolved at import into "
   "explicit `pads` and `output_padding`.")
op("MaxPool", infer="custom", drop_attrs=["auto_pad"],
   required_attrs=["dilations", "pads", "strides"],
   note="`auto_pad` is resolved at import. The `indices` result is always present; "
   "it is only computed when used.")
op("AveragePool", infer="custom", drop_attrs=["auto_pad"],
   required_attrs=["pads", "strides"], note="`auto_pad` is resolved at import.")
op("GlobalAveragePool GlobalMaxPool", infer="custom")
op("LpPool", infer="custom", drop_attrs=["auto_pad"], required_attrs=["pads", "strides"],
   note="`auto_pad` is resolved at import.")
op("BatchNormalization", infer="custom", drop_attrs=["training_mode", "momentum"],
   drop_outputs=["running_mean", "running_var"],
   note="Inference form only: models in training mode are rejected at import.")
op("InstanceNormalization LpNormalization MeanVarianceNormalization", infer="custom")
op("LRN", infer="same")
op("LayerNormalization", infer="custom")
op("Gemm MatMul Einsum", infer="custom")
op("Softmax LogSoftmax Hardmax", infer="custom")
op("Resize", infer="custom",
   promote={"roi": ("roi", FLOATS), "scales": ("scales", FLOATS),
            "sizes": ("sizes", INTS)},
   required_attrs=["scales", "sizes"],
   note="`scales` and `sizes` are both explicit after import (one is derived from "
   "the other as ONNX specifies); `roi` is only present for tf_crop_and_resize.")
# ONNX 1.12's schema swaps the constraints of `grid` (T2, floats) and `Y` (T1,
# X's type); fixed in ONNX 1.13.
op("GridSample", infer="custom", type_params={"grid": "T2", "Y": "T1"},
   note="`mode` is bilinear, nearest or bicubic and `padding_mode` zeros, border or "
   "reflection, as in torch.nn.functional.grid_sample.")
op("Pad", infer="custom", promote={"pads": ("pads", INTS)}, required_attrs=["pads"],
   note="`pads` is an attribute (it must be constant); `constant_value` stays an "
   "optional scalar operand.")
op("DepthToSpace SpaceToDepth", infer="custom")

# Shape and data movement.
op("Reshape", infer="custom", promote={"shape": ("shape", INTS)},
   drop_attrs=["allowzero"], required_attrs=["shape"],
   note="`shape` is the explicit result shape: the importer resolves 0 and -1.")
op("Flatten", infer="custom")
op("Transpose", infer="custom", required_attrs=["perm"],
   note="`perm` is explicit after import.")
op("Squeeze", infer="custom", promote={"axes": ("axes", INTS)}, required_attrs=["axes"],
   note="`axes` is explicit and non-negative after import.")
op("Unsqueeze", infer="custom", promote={"axes": ("axes", INTS)},
   required_attrs=["axes"], note="`axes` is explicit, non-negative and sorted.")
op("Concat", infer="custom")
op("Split", infer="custom", promote={"split": ("split", INTS)}, required_attrs=["split"],
   note="`split` holds the explicit size of every result.")
op("Slice", infer="custom",
   promote={"starts": ("starts", INTS), "ends": ("ends", INTS),
            "axes": ("axes", INTS), "steps": ("steps", INTS)},
   drop_promoted=["axes"], required_attrs=["starts", "ends", "steps"],
   note="`starts`, `ends` and `steps` cover every dimension and are clamped as ONNX "
   "specifies, so the result shape follows from them alone.")
op("Gather GatherElements GatherND", infer="custom")
op("ScatterElements ScatterND", infer="custom",
   note="`reduction` is none, add, mul, or max or min (opset 18).")
op("Compress", infer="custom",
   promote={"condition": ("condition", "DenseBoolArrayAttr")},
   required_attrs=["condition"],
   note="`condition` is an attribute: it decides the result shape, so it must be "
   "constant.")
op("EyeLike", infer="custom", attr_types={"dtype": "TypeAttr"},
   note="`dtype` is the result element type (the input's when ONNX omits it).")
op("Expand", infer="custom", promote={"shape": ("shape", INTS)}, required_attrs=["shape"],
   note="`shape` is the explicit result shape after broadcasting.")
op("Tile", infer="custom", promote={"repeats": ("repeats", INTS)},
   required_attrs=["repeats"])
op("Shape Size", infer="custom")
op("ConstantOfShape", infer="custom", promote={"input": ("shape", INTS)},
   required_attrs=["shape"])
op("Range", infer="none", verifier=True,
   note="The result length depends on operand values, so the result type is given "
   "explicitly; the importer folds constant ranges.")
op("TopK", infer="custom", promote={"K": ("k", INT)}, required_attrs=["k"])
op("CumSum", infer="custom", promote={"axis": ("axis", INT)}, required_attrs=["axis"])
op("OneHot", infer="custom", promote={"depth": ("depth", INT)}, required_attrs=["depth"])
op("Trilu", infer="custom", promote={"k": ("k", INT)},
   note="`k` (default 0) is an attribute.")

# Recurrent: every output is always present.
op("LSTM GRU RNN", infer="custom")

# Quantization.
op("QuantizeLinear DequantizeLinear QLinearMatMul MatMulInteger DynamicQuantizeLinear",
   infer="custom")

# Ops with folders (KilnFolders.cpp): what exporters' shape subgraphs are made of.
FOLDED = set("Identity Shape Size Cast Reshape Squeeze Unsqueeze Flatten Concat Gather "
             "Slice Add Sub Mul Div Equal Where ConstantOfShape Expand Transpose "
             "Neg Less Greater Not".split())

MNEMONICS = {
    "MatMul": "matmul", "QLinearMatMul": "qlinear_matmul", "QLinearConv": "qlinear_conv",
    "MatMulInteger": "matmul_integer", "GatherND": "gather_nd", "ArgMax": "argmax",
    "ArgMin": "argmin", "IsNaN": "is_nan", "IsInf": "is_inf", "PRelu": "prelu",
    "LRN": "lrn", "LSTM": "lstm", "GRU": "gru", "RNN": "rnn", "TopK": "topk",
    "CumSum": "cumsum", "OneHot": "one_hot", "LpPool": "lp_pool",
    "LpNormalization": "lp_normalization", "ReduceL1": "reduce_l1",
    "ReduceL2": "reduce_l2", "HardSwish": "hard_swish", "HardSigmoid": "hard_sigmoid",
    "LeakyRelu": "leaky_relu", "ThresholdedRelu": "thresholded_relu",
    "LessOrEqual": "less_or_equal", "GreaterOrEqual": "greater_or_equal",
}

ONNX_TYPES = {
    "tensor(float)": "F32", "tensor(double)": "F64", "tensor(float16)": "F16",
    "tensor(bfloat16)": "BF16", "tensor(int8)": "I8", "tensor(int16)": "I16",
    "tensor(int32)": "I32", "tensor(int64)": "I64", "tensor(uint8)": "UI8",
    "tensor(uint16)": "UI16", "tensor(uint32)": "UI32", "tensor(uint64)": "UI64",
    "tensor(bool)": "I1",
}
ORDER = list(ONNX_TYPES.values())

ATTR_TYPES = {
    onnx.defs.OpSchema.AttrType.INT: INT,
    onnx.defs.OpSchema.AttrType.FLOAT: "F32Attr",
    onnx.defs.OpSchema.AttrType.STRING: "StrAttr",
    onnx.defs.OpSchema.AttrType.INTS: INTS,
    onnx.defs.OpSchema.AttrType.FLOATS: FLOATS,
    onnx.defs.OpSchema.AttrType.STRINGS: "StrArrayAttr",
    onnx.defs.OpSchema.AttrType.TENSOR: "ElementsAttr",
}


def snake(name):
    if name in MNEMONICS:
        return MNEMONICS[name]
    s = re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", name)
    s = re.sub(r"(?<=[A-Z])([A-Z][a-z])", r"_\1", s)
    return s.lower()


def ods_name(onnx_name):
    """Operand/result names: lower snake case, as MLIR names them."""
    return onnx_name.lower()


def type_constraint(schema, type_str):
    allowed = None
    for tc in schema.type_constraints:
        if tc.type_param_str == type_str:
            allowed = tc.allowed_type_strs
    if allowed is None:
        allowed = [type_str]
    elems = sorted({ONNX_TYPES[t] for t in allowed if t in ONNX_TYPES}, key=ORDER.index)
    if not elems:
        sys.exit(f"no supported element type for {schema.name} {type_str}")
    return "RankedTensorOf<[" + ", ".join(elems) + "]>"


def default_literal(attr):
    d = attr.default_value
    t = attr.type
    A = onnx.defs.OpSchema.AttrType
    if t == A.INT:
        return str(d.i)
    if t == A.FLOAT:
        return repr(float(d.f)) if d.f != int(d.f) else f"{d.f:.1f}"
    if t == A.STRING:
        return '"' + d.s.decode() + '"'
    if t == A.INTS:
        return "{" + ", ".join(str(i) for i in d.ints) + "}"
    if t == A.FLOATS:
        return "{" + ", ".join(f"{f}f" for f in d.floats) + "}"
    if t == A.STRINGS:
        return None
    return None


def has_default(attr):
    return attr.default_value is not None and attr.default_value.type != 0


def summary_of(doc):
    text = " ".join(doc.strip().split())
    first = re.split(r"(?<=\.)\s", text, maxsplit=1)[0]
    first = first.replace("`", "'").replace('"', "'")
    if len(first) > 160:
        first = first[:157].rsplit(" ", 1)[0] + "..."
    return first


def description_of(doc):
    paras = [p.strip() for p in doc.strip().split("\n\n") if p.strip()]
    text = " ".join(paras[0].split()) if paras else ""
    text = text.replace("}]", "} ]").replace("[{", "[ {")
    return "\n".join(textwrap.wrap(text, 84))


def gen(name, spec):
    schema = onnx.defs.get_schema(name, OPSET)
    promote = spec.get("promote", {})
    drop_promoted = set(spec.get("drop_promoted", []))
    drop_attrs = set(spec.get("drop_attrs", []))
    required = set(spec.get("required_attrs", []))
    attr_types = spec.get("attr_types", {})
    drop_outputs = set(spec.get("drop_outputs", []))
    type_params = spec.get("type_params", {})

    operands, fmt, variadic_count = [], [], 0
    for inp in schema.inputs:
        if inp.name in promote:
            continue
        tc = type_constraint(schema, type_params.get(inp.name, inp.typeStr))
        n = ods_name(inp.name)
        opt = inp.option
        if opt == onnx.defs.OpSchema.FormalParameterOption.Optional:
            operands.append(f"Optional<{tc}>:${n}")
            fmt.append(f"(`{n}` `(` ${n}^ `)`)?")
            variadic_count += 1
        elif opt == onnx.defs.OpSchema.FormalParameterOption.Variadic:
            operands.append(f"Variadic<{tc}>:${n}")
            fmt.append(f"${n}")
            variadic_count += 1
        else:
            operands.append(f"{tc}:${n}")
            fmt.append(f"${n}")

    attrs = []
    for aname, attr in sorted(schema.attributes.items()):
        if aname in drop_attrs:
            continue
        t = attr_types.get(aname, ATTR_TYPES.get(attr.type))
        if t is None:
            sys.exit(f"unsupported attribute type for {name}.{aname}")
        if attr.required or aname in required or aname in attr_types:
            attrs.append(f"{t}:${aname}")
        elif has_default(attr) and default_literal(attr) is not None:
            lit = default_literal(attr)
            if t == "StrAttr":
                attrs.append(f"DefaultValuedStrAttr<StrAttr, {lit}>:${aname}")
            else:
                attrs.append(f'DefaultValuedAttr<{t}, "{lit}">:${aname}')
        else:
            attrs.append(f"OptionalAttr<{t}>:${aname}")
    for iname, (aname, t) in promote.items():
        if iname in drop_promoted:
            continue
        if aname in required:
            attrs.append(f"{t}:${aname}")
        elif t == INT:
            attrs.append(f'DefaultValuedAttr<{t}, "0">:${aname}')
        else:
            attrs.append(f"OptionalAttr<{t}>:${aname}")

    results = []
    for out in schema.outputs:
        if out.name in drop_outputs:
            continue
        tc = type_constraint(schema, type_params.get(out.name, out.typeStr))
        n = ods_name(out.name)
        if out.option == onnx.defs.OpSchema.FormalParameterOption.Variadic:
            results.append(f"Variadic<{tc}>:${n}")
        else:
            results.append(f"{tc}:${n}")

    names = [a.split("$")[1] for a in operands + results]
    assert len(set(names)) == len(names), f"{name}: operand/result name clash {names}"

    traits = ["Pure"]
    if variadic_count > 1:
        traits.append("AttrSizedOperandSegments")
    infer = spec["infer"]
    if infer != "none":
        traits.append("InferTypeOpAdaptor")
    # (SameOperandsAndResultType would make ODS generate a second
    # inferReturnTypes; the family inference plus the interface's verifier
    # already enforce it.)

    mnemonic = snake(name)
    operand_fmt = ""
    for i, f in enumerate(fmt):
        if i == 0:
            operand_fmt = f
        elif f.startswith("("):
            operand_fmt += " " + f
        else:
            operand_fmt += " `,` " + f

    base = {"same": "Kiln_SameTypeOp", "bool": "Kiln_BoolResultOp",
            "broadcast": "Kiln_BroadcastOp", "compare": "Kiln_CompareOp",
            "reduce": "Kiln_ReduceOp"}.get(infer, "Kiln_Op")
    lines = [f"def Kiln_{name}Op : {base}<\"{mnemonic}\", [{', '.join(traits)}]> {{"]
    lines.append(f"  let summary = \"{summary_of(schema.doc)}\";")
    desc = description_of(schema.doc)
    note = spec.get("note")
    lines.append("  let description = [{")
    lines.append(textwrap.indent(desc, "    "))
    lines.append("")
    lines.append(f"    ONNX `{name}` (opset {schema.since_version} semantics)."
                 + (" Kiln form: " + note if note else ""))
    lines.append("")
    lines.append("    Syntax:")
    lines.append("    ```mlir")
    ex_ops = " ".join(
        ("%" + n if not f.startswith("(") else f"{n}(%{n})")
        + ("," if i + 1 < len(fmt) and not fmt[i + 1].startswith("(") else "")
        for i, (n, f) in enumerate(zip([o.split('$')[1] for o in operands], fmt)))
    res = ", ".join("%" + r.split("$")[1] for r in results)
    lines.append(f"    {res} = kiln.{mnemonic} {ex_ops} {{attributes}} : "
                 f"(operand types) -> result types")
    lines.append("    ```")
    lines.append("  }];")
    lines.append("  let arguments = (ins")
    lines.append(",\n".join("    " + a for a in operands + attrs))
    lines.append("  );")
    lines.append("  let results = (outs")
    lines.append(",\n".join("    " + r for r in results))
    lines.append("  );")
    lines.append(f"  let assemblyFormat = [{{\n    {operand_fmt} attr-dict `:` "
                 "functional-type(operands, results)\n  }];")
    if name in FOLDED:
        lines.append("  let hasFolder = 1;")
    if spec.get("verifier"):
        lines.append("  let hasVerifier = 1;")
    lines.append("}")
    return "\n".join(lines)


def main():
    print("//===- KilnOnnxOps.td - Generated from ONNX's schemas -----*- tablegen -*-===//")
    print("//")
    print("// GENERATED by dialects/Kiln/gen_onnx_ops.py from ONNX "
          f"{onnx.__version__} (opset {OPSET}). Do not edit.")
    print("//")
    print("//===----------------------------------------------------------------------===//")
    print()
    print("#ifndef KILN_ONNX_OPS")
    print("#define KILN_ONNX_OPS")
    print()
    for name in sorted(OPS):
        print(gen(name, OPS[name]))
        print()
    print("#endif // KILN_ONNX_OPS")


if __name__ == "__main__":
    main()
