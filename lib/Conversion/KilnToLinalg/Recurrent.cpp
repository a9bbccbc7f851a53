//===- Recurrent.cpp - kiln LSTM, GRU and RNN to linalg + scf -------------===//
//
// The input projection X * W^T + biases does not depend on the hidden state, so
// it is one linalg.matmul over all timesteps ([seq * batch, input] rows). The
// recurrence is an scf.for over time per direction whose iter_args are the
// hidden (and cell) state and Y: each step is H * R^T accumulated onto that
// step's slice of the projection (linalg.matmul), one linalg.generic for the
// gates, and a tensor.insert_slice of the new H into Y.
//
// Everything is computed in the accumulator type (f32 for f16 models) and
// rounded once at the end. Gates are tensor.extract_slice'd out of the
// [batch, gates * hidden] pre-activations (views once bufferized): a generic's
// indexing map cannot offset into a wider operand, since linalg sizes a loop
// from the first operand indexing it with a bare dim.
//
// One-shot bufferization requires every value an scf.for yields to be
// equivalent to its iter_arg, so each step's new state is written into the
// incoming state tensor (see step()).
//
//===----------------------------------------------------------------------===//

#include "lib/Conversion/KilnToLinalg/NNCommon.h"

#include "dialects/Kiln/KilnOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Matchers.h"

using namespace mlir;
using namespace mlir::kiln;
using namespace ::kiln::nn;
using ::kiln::emptyTensor;
using ::kiln::filledTensor;
using ::kiln::scalarConstant;

namespace {

enum class Cell { LSTM, GRU, RNN };
enum class Act { Sigmoid, Tanh, Relu };

/// The op-independent view of an LSTM, GRU or RNN node.
struct Recurrence {
  Recurrence(Cell cell, int64_t gates) : cell(cell), gates(gates) {}
  Cell cell;
  int64_t gates;
  Value x, w, r, b, initH, initC, p;
  Value seqLens, seqLensOrig;
  std::optional<ArrayAttr> activations;
  bool hasAlphaBeta = false;
  std::optional<double> clip;
  StringRef direction;
  int64_t layout = 0;
  bool inputForget = false;
  bool linearBeforeReset = false;
};

std::optional<Act> parseActivation(StringRef name) {
  if (name.equals_insensitive("sigmoid"))
    return Act::Sigmoid;
  if (name.equals_insensitive("tanh"))
    return Act::Tanh;
  if (name.equals_insensitive("relu"))
    return Act::Relu;
  return std::nullopt;
}

Value applyActivation(OpBuilder &b, Location loc, Act act, Value x) {
  Type t = x.getType();
  switch (act) {
  case Act::Sigmoid: {
    Value one = scalarConstant(b, loc, t, 1.0);
    Value e = math::ExpOp::create(b, loc, arith::NegFOp::create(b, loc, x));
    return arith::DivFOp::create(b, loc, one, arith::AddFOp::create(b, loc, one, e));
  }
  case Act::Tanh:
    return math::TanhOp::create(b, loc, x);
  case Act::Relu:
    return arith::MaximumFOp::create(b, loc, x, scalarConstant(b, loc, t, 0.0));
  }
  llvm_unreachable("unknown activation");
}

/// init + lhs * rhs^T for lhs [m, k], rhs [n, k], init [m, n]; the transpose is
/// an indexing map, as in the Gemm lowering.
Value matmulTransB(OpBuilder &b, Location loc, Value lhs, Value rhs, Value init) {
  MLIRContext *ctx = b.getContext();
  AffineExpr dm = getAffineDimExpr(0, ctx), dn = getAffineDimExpr(1, ctx),
             dk = getAffineDimExpr(2, ctx);
  auto map = [&](AffineExpr r0, AffineExpr r1) {
    return AffineMapAttr::get(AffineMap::get(3, 0, {r0, r1}, ctx));
  };
  auto mm = linalg::MatmulOp::create(b, loc, TypeRange{init.getType()},
                                     ValueRange{lhs, rhs}, ValueRange{init});
  mm.setIndexingMapsAttr(b.getArrayAttr({map(dm, dk), map(dn, dk), map(dm, dn)}));
  return mm.getResult(0);
}

/// Unit-stride slice of `src` of `sizes` at `offsets`, rank-reduced to
/// `resultShape` (the dropped dims have size 1).
Value slice(OpBuilder &b, Location loc, Value src, ArrayRef<OpFoldResult> offsets,
            ArrayRef<int64_t> sizes, ArrayRef<int64_t> resultShape) {
  auto srcType = cast<RankedTensorType>(src.getType());
  SmallVector<OpFoldResult> sizeAttrs, strides;
  for (int64_t s : sizes) {
    sizeAttrs.push_back(b.getIndexAttr(s));
    strides.push_back(b.getIndexAttr(1));
  }
  return tensor::ExtractSliceOp::create(b, loc, srcType.clone(resultShape), src, offsets,
                                        sizeAttrs, strides);
}

Value insert(OpBuilder &b, Location loc, Value src, Value dest,
             ArrayRef<OpFoldResult> offsets, ArrayRef<int64_t> sizes) {
  SmallVector<OpFoldResult> sizeAttrs, strides;
  for (int64_t s : sizes) {
    sizeAttrs.push_back(b.getIndexAttr(s));
    strides.push_back(b.getIndexAttr(1));
  }
  return tensor::InsertSliceOp::create(b, loc, src, dest, offsets, sizeAttrs, strides);
}

SmallVector<OpFoldResult> indexAttrs(OpBuilder &b, ArrayRef<int64_t> values) {
  SmallVector<OpFoldResult> r;
  for (int64_t v : values)
    r.push_back(b.getIndexAttr(v));
  return r;
}

/// Lowers one recurrence after all checks passed; returns Y, Y_h (and Y_c).
class RecurrenceBuilder {
public:
  RecurrenceBuilder(OpBuilder &b, Location loc, const Recurrence &rec, ArrayRef<Act> acts,
                    Type elem)
      : b(b), loc(loc), rec(rec), acts(acts), elem(elem), acc(accumulatorType(elem)) {
    auto xType = cast<RankedTensorType>(rec.x.getType());
    auto rType = cast<RankedTensorType>(rec.r.getType());
    seq = xType.getDimSize(rec.layout ? 1 : 0);
    batch = xType.getDimSize(rec.layout ? 0 : 1);
    input = xType.getDimSize(2);
    hidden = rType.getDimSize(2);
    dirs = rType.getDimSize(0);
    gh = rec.gates * hidden;
  }

  SmallVector<Value> build();

private:
  Value clip(OpBuilder &nb, Location l, Value v) {
    if (!rec.clip)
      return v;
    Value c = scalarConstant(nb, l, acc, *rec.clip);
    Value lo = scalarConstant(nb, l, acc, -*rec.clip);
    return arith::MinimumFOp::create(nb, l, arith::MaximumFOp::create(nb, l, v, lo), c);
  }
  RankedTensorType stateType() { return RankedTensorType::get({batch, hidden}, acc); }
  Value activate(OpBuilder &nb, Location l, Act a, Value v) {
    return applyActivation(nb, l, a, clip(nb, l, v));
  }
  /// A [batch, hidden] linalg.generic over [batch, hidden] inputs and [hidden]
  /// vectors that overwrites `outs`; `body` gets the input scalars followed by
  /// the current values of `outs`.
  SmallVector<Value>
  stateGeneric(OpBuilder &nb, Location l, ValueRange inputs, ValueRange outs,
               function_ref<SmallVector<Value>(OpBuilder &, Location, ValueRange)> body);
  Value biasVector(Value bd);
  Value step(OpBuilder &nb, Location l, int64_t d, Value xwt, Value h, Value c, Value rd,
             Value pd, Value bd, Value &cNew);

  OpBuilder &b;
  Location loc;
  const Recurrence &rec;
  ArrayRef<Act> acts;
  Type elem, acc;
  int64_t seq, batch, input, hidden, dirs, gh;
};

SmallVector<Value> RecurrenceBuilder::stateGeneric(
    OpBuilder &nb, Location l, ValueRange inputs, ValueRange outs,
    function_ref<SmallVector<Value>(OpBuilder &, Location, ValueRange)> body) {
  AffineMap id = nb.getMultiDimIdentityMap(2);
  AffineMap vec = AffineMap::get(2, 0, getAffineDimExpr(1, nb.getContext()));
  SmallVector<AffineMap> allMaps;
  for (Value in : inputs)
    allMaps.push_back(cast<RankedTensorType>(in.getType()).getRank() == 2 ? id : vec);
  allMaps.append(outs.size(), id);
  auto g = linalg::GenericOp::create(
      nb, l, outs.getTypes(), inputs, outs, allMaps,
      {utils::IteratorType::parallel, utils::IteratorType::parallel},
      [&](OpBuilder &bb, Location bl, ValueRange args) {
        linalg::YieldOp::create(bb, bl, body(bb, bl, args));
      });
  return SmallVector<Value>(g.getResults());
}

/// Wb + Rb as one [gates * hidden] vector, except that GRU with
/// linear_before_reset keeps Rbh out: it is added inside r * (H * Rh^T + Rbh).
Value RecurrenceBuilder::biasVector(Value bd) {
  MLIRContext *ctx = b.getContext();
  auto type = RankedTensorType::get({gh}, acc);
  AffineExpr j = getAffineDimExpr(0, ctx);
  SmallVector<AffineMap> maps(3, AffineMap::get(1, 0, j));
  Value wb = slice(b, loc, bd, indexAttrs(b, {0}), {gh}, {gh});
  Value rb = slice(b, loc, bd, indexAttrs(b, {gh}), {gh}, {gh});
  bool skipRbh = rec.cell == Cell::GRU && rec.linearBeforeReset;
  return linalg::GenericOp::create(
             b, loc, TypeRange{type}, ValueRange{wb, rb},
             ValueRange{emptyTensor(b, loc, type)}, maps, {utils::IteratorType::parallel},
             [&](OpBuilder &nb, Location l, ValueRange args) {
               Value sum = arith::AddFOp::create(nb, l, args[0], args[1]);
               if (skipRbh) {
                 Value idx = linalg::IndexOp::create(nb, l, 0);
                 Value lim = arith::ConstantIndexOp::create(nb, l, 2 * hidden);
                 Value isH =
                     arith::CmpIOp::create(nb, l, arith::CmpIPredicate::sge, idx, lim);
                 sum = arith::SelectOp::create(nb, l, isH, args[0], sum);
               }
               linalg::YieldOp::create(nb, l, sum);
             })
      .getResult(0);
}

/// One timestep: `xwt` is X_t * W^T + biases ([batch, gates * hidden]).
Value RecurrenceBuilder::step(OpBuilder &nb, Location l, int64_t d, Value xwt, Value h,
                              Value c, Value rd, Value pd, Value bd, Value &cNew) {
  int64_t H = hidden;
  ArrayRef<Act> a = acts.slice(d * acts.size() / dirs, acts.size() / dirs);
  auto one = [&](OpBuilder &bb, Location bl) { return scalarConstant(bb, bl, acc, 1.0); };
  // Gate k of a [batch, gates * hidden] tensor (a view once bufferized).
  auto gate = [&](Value t, int64_t k) {
    return slice(nb, l, t, indexAttrs(nb, {0, k * H}), {batch, H}, {batch, H});
  };
  // The `hidden` entries of a vector starting at `offset`.
  auto part = [&](Value v, int64_t offset) {
    return slice(nb, l, v, indexAttrs(nb, {offset}), {H}, {H});
  };

  if (rec.cell == Cell::RNN) {
    Value pre = matmulTransB(nb, l, h, rd, xwt);
    Value hNew =
        stateGeneric(nb, l, pre, emptyTensor(nb, l, stateType()),
                     [&](OpBuilder &bb, Location bl, ValueRange args) {
                       return SmallVector<Value>{activate(bb, bl, a[0], args[0])};
                     })[0];
    // One-shot bufferization needs each yielded state to be the loop's own
    // buffer (the iter_arg). A generic writing into `h` without reading it
    // would have that init replaced by tensor.empty (it is dead in the
    // payload), so copy into it instead.
    return linalg::CopyOp::create(nb, l, hNew, h).getResult(0);
  }

  if (rec.cell == Cell::LSTM) {
    // Gate order in W, R and B: i, o, f, c; in P: i, o, f.
    Value pre = matmulTransB(nb, l, h, rd, xwt);
    SmallVector<Value> inputs = {gate(pre, 0), gate(pre, 1), gate(pre, 2), gate(pre, 3)};
    if (pd)
      inputs.append({part(pd, 0), part(pd, H), part(pd, 2 * H)});
    auto results = stateGeneric(
        nb, l, inputs, {emptyTensor(nb, l, stateType()), c},
        [&](OpBuilder &bb, Location bl, ValueRange args) {
          Value cPrev = args.back();
          auto peep = [&](Value x, int k, Value state) -> Value {
            if (!pd)
              return x;
            return arith::AddFOp::create(
                bb, bl, x, arith::MulFOp::create(bb, bl, args[4 + k], state));
          };
          Value i = activate(bb, bl, a[0], peep(args[0], 0, cPrev));
          Value f = rec.inputForget ? Value(arith::SubFOp::create(bb, bl, one(bb, bl), i))
                                    : activate(bb, bl, a[0], peep(args[2], 2, cPrev));
          Value g = activate(bb, bl, a[1], args[3]);
          Value cell =
              arith::AddFOp::create(bb, bl, arith::MulFOp::create(bb, bl, f, cPrev),
                                    arith::MulFOp::create(bb, bl, i, g));
          Value o = activate(bb, bl, a[0], peep(args[1], 1, cell));
          // ONNX Runtime clips gate inputs only, not the cell state fed to h.
          Value hOut =
              arith::MulFOp::create(bb, bl, o, applyActivation(bb, bl, a[2], cell));
          return SmallVector<Value>{hOut, cell};
        });
    // The generic reads the old cell state from its init, so that init stays
    // and the new cell state is the loop's buffer; h needs a copy (see RNN).
    cNew = results[1];
    return linalg::CopyOp::create(nb, l, results[0], h).getResult(0);
  }

  // GRU, gate order z, r, h.
  auto update = [&](OpBuilder &bb, Location bl, Value z, Value hh, Value hPrev) {
    Value keep = arith::MulFOp::create(bb, bl, z, hPrev);
    Value fresh =
        arith::MulFOp::create(bb, bl, arith::SubFOp::create(bb, bl, one(bb, bl), z), hh);
    return Value(arith::AddFOp::create(bb, bl, fresh, keep));
  };
  if (rec.linearBeforeReset) {
    Value zero = filledTensor(nb, l, RankedTensorType::get({batch, gh}, acc),
                              scalarConstant(nb, l, acc, 0.0));
    Value hr = matmulTransB(nb, l, h, rd, zero);
    SmallVector<Value> inputs = {gate(xwt, 0), gate(xwt, 1), gate(xwt, 2),
                                 gate(hr, 0),  gate(hr, 1),  gate(hr, 2)};
    // Rbh: the last hidden entries of Rb, which follows Wb in B.
    if (bd)
      inputs.push_back(part(bd, gh + 2 * H));
    return stateGeneric(
        nb, l, inputs, h, [&](OpBuilder &bb, Location bl, ValueRange args) {
          Value z =
              activate(bb, bl, a[0], arith::AddFOp::create(bb, bl, args[0], args[3]));
          Value r =
              activate(bb, bl, a[0], arith::AddFOp::create(bb, bl, args[1], args[4]));
          Value hrh = args[5];
          if (bd)
            hrh = arith::AddFOp::create(bb, bl, hrh, args[6]);
          Value hh =
              activate(bb, bl, a[1],
                       arith::AddFOp::create(bb, bl, args[2],
                                             arith::MulFOp::create(bb, bl, r, hrh)));
          return SmallVector<Value>{update(bb, bl, z, hh, args.back())};
        })[0];
  }
  // linear_before_reset = 0: (r * H) * Rh^T needs r first.
  Value rzr = slice(nb, l, rd, indexAttrs(nb, {0, 0}), {2 * H, H}, {2 * H, H});
  Value rh = slice(nb, l, rd, indexAttrs(nb, {2 * H, 0}), {H, H}, {H, H});
  Value xzr = slice(nb, l, xwt, indexAttrs(nb, {0, 0}), {batch, 2 * H}, {batch, 2 * H});
  Value zr = matmulTransB(nb, l, h, rzr, xzr);
  Value rH = stateGeneric(
      nb, l, {gate(zr, 1), h}, emptyTensor(nb, l, cast<RankedTensorType>(h.getType())),
      [&](OpBuilder &bb, Location bl, ValueRange args) {
        Value r = activate(bb, bl, a[0], args[0]);
        return SmallVector<Value>{arith::MulFOp::create(bb, bl, r, args[1])};
      })[0];
  Value hPre = matmulTransB(nb, l, rH, rh, gate(xwt, 2));
  return stateGeneric(nb, l, {gate(zr, 0), hPre}, h,
                      [&](OpBuilder &bb, Location bl, ValueRange args) {
                        Value z = activate(bb, bl, a[0], args[0]);
                        Value hh = activate(bb, bl, a[1], args[1]);
                        return SmallVector<Value>{update(bb, bl, z, hh, args.back())};
                      })[0];
}

SmallVector<Value> RecurrenceBuilder::build() {
  bool lstm = rec.cell == Cell::LSTM;
  Value x = convertTensor(b, loc, rec.x, acc);
  Value w = convertTensor(b, loc, rec.w, acc);
  Value r = convertTensor(b, loc, rec.r, acc);
  Value bias = rec.b ? convertTensor(b, loc, rec.b, acc) : Value();
  Value initH = rec.initH ? convertTensor(b, loc, rec.initH, acc) : Value();
  Value initC = rec.initC ? convertTensor(b, loc, rec.initC, acc) : Value();
  Value peep = rec.p ? convertTensor(b, loc, rec.p, acc) : Value();

  // Rows of x2 are (t, b) for layout 0 and (b, t) for layout 1.
  Value x2 = reshapeTo(b, loc, x, {seq * batch, input});
  SmallVector<int64_t> xw3Shape = rec.layout ? SmallVector<int64_t>{batch, seq, gh}
                                             : SmallVector<int64_t>{seq, batch, gh};
  auto stateType = RankedTensorType::get({batch, hidden}, acc);
  Value zeroState = filledTensor(b, loc, stateType, scalarConstant(b, loc, acc, 0.0));

  Value y = emptyTensor(b, loc, RankedTensorType::get({seq, dirs, batch, hidden}, acc));
  auto statesType = RankedTensorType::get({dirs, batch, hidden}, acc);
  Value yh = emptyTensor(b, loc, statesType);
  Value yc = lstm ? emptyTensor(b, loc, statesType) : Value();

  // The state operands are [dirs, batch, hidden] or [batch, dirs, hidden].
  auto stateSlice = [&](Value v, int64_t d) {
    if (rec.layout)
      return slice(b, loc, v, indexAttrs(b, {0, d, 0}), {batch, 1, hidden},
                   {batch, hidden});
    return slice(b, loc, v, indexAttrs(b, {d, 0, 0}), {1, batch, hidden},
                 {batch, hidden});
  };

  for (int64_t d = 0; d < dirs; ++d) {
    bool reverse = rec.direction == "reverse" || d == 1;
    Value wd = slice(b, loc, w, indexAttrs(b, {d, 0, 0}), {1, gh, input}, {gh, input});
    Value rd = slice(b, loc, r, indexAttrs(b, {d, 0, 0}), {1, gh, hidden}, {gh, hidden});
    Value bd = bias ? slice(b, loc, bias, indexAttrs(b, {d, 0}), {1, 2 * gh}, {2 * gh})
                    : Value();
    Value pd =
        peep ? slice(b, loc, peep, indexAttrs(b, {d, 0}), {1, 3 * hidden}, {3 * hidden})
             : Value();
    auto xwType = RankedTensorType::get({seq * batch, gh}, acc);
    Value xwInit = bd ? broadcastDims(b, loc, biasVector(bd), xwType, {1})
                      : filledTensor(b, loc, xwType, scalarConstant(b, loc, acc, 0.0));
    Value xw = reshapeTo(b, loc, matmulTransB(b, loc, x2, wd, xwInit), xw3Shape);
    Value h0 = initH ? stateSlice(initH, d) : zeroState;
    Value c0 = lstm ? (initC ? stateSlice(initC, d) : zeroState) : Value();

    SmallVector<Value> iterArgs = {h0, y};
    if (lstm)
      iterArgs.push_back(c0);
    Value lb = arith::ConstantIndexOp::create(b, loc, 0);
    Value ub = arith::ConstantIndexOp::create(b, loc, seq);
    Value one = arith::ConstantIndexOp::create(b, loc, 1);
    auto loop = scf::ForOp::create(
        b, loc, lb, ub, one, iterArgs,
        [&](OpBuilder &nb, Location l, Value iv, ValueRange args) {
          Value t = iv;
          if (reverse)
            t = arith::SubIOp::create(nb, l,
                                      arith::ConstantIndexOp::create(nb, l, seq - 1), iv);
          OpFoldResult zero = nb.getIndexAttr(0);
          Value xwt =
              rec.layout ? slice(nb, l, xw, {zero, t, zero}, {batch, 1, gh}, {batch, gh})
                         : slice(nb, l, xw, {t, zero, zero}, {1, batch, gh}, {batch, gh});
          Value cNew;
          Value hNew =
              step(nb, l, d, xwt, args[0], lstm ? args[2] : Value(), rd, pd, bd, cNew);
          Value yNew = insert(nb, l, hNew, args[1], {t, nb.getIndexAttr(d), zero, zero},
                              {1, 1, batch, hidden});
          SmallVector<Value> yields = {hNew, yNew};
          if (lstm)
            yields.push_back(cNew);
          scf::YieldOp::create(nb, l, yields);
        });
    y = loop.getResult(1);
    yh = insert(b, loc, loop.getResult(0), yh, indexAttrs(b, {d, 0, 0}),
                {1, batch, hidden});
    if (lstm)
      yc = insert(b, loc, loop.getResult(2), yc, indexAttrs(b, {d, 0, 0}),
                  {1, batch, hidden});
  }

  auto finish = [&](Value v, ArrayRef<int64_t> perm) {
    if (rec.layout) {
      auto type = cast<RankedTensorType>(v.getType());
      SmallVector<int64_t> shape;
      for (int64_t p : perm)
        shape.push_back(type.getDimSize(p));
      v = linalg::TransposeOp::create(b, loc, v, emptyTensor(b, loc, type.clone(shape)),
                                      perm)
              ->getResult(0);
    }
    return convertTensor(b, loc, v, elem);
  };
  SmallVector<Value> results = {finish(y, {2, 0, 1, 3}), finish(yh, {1, 0, 2})};
  if (lstm)
    results.push_back(finish(yc, {1, 0, 2}));
  return results;
}

/// Checks everything the lowering relies on; on failure, the reason.
std::optional<std::string> checkRecurrence(Operation *op, const Recurrence &rec,
                                           SmallVectorImpl<Act> &acts) {
  if (!hasStaticTensorShapes(op))
    return "dynamic shapes are not supported";
  auto xType = cast<RankedTensorType>(rec.x.getType());
  auto wType = cast<RankedTensorType>(rec.w.getType());
  auto rType = cast<RankedTensorType>(rec.r.getType());
  if (!isa<FloatType>(xType.getElementType()))
    return "non-float element type";
  int64_t layout = rec.layout;
  int64_t seq = xType.getDimSize(layout ? 1 : 0),
          batch = xType.getDimSize(layout ? 0 : 1);
  int64_t input = xType.getDimSize(2), hidden = rType.getDimSize(2);
  int64_t dirs = rec.direction == "bidirectional" ? 2 : 1;
  int64_t gh = rec.gates * hidden;
  if (seq == 0 || batch == 0 || input == 0 || hidden == 0)
    return "zero-sized dimensions";
  if (rType.getShape() != ArrayRef<int64_t>{dirs, gh, hidden} ||
      wType.getShape() != ArrayRef<int64_t>{dirs, gh, input})
    return "unexpected W or R shape";
  auto hasShape = [](Value v, ArrayRef<int64_t> shape) {
    return !v || cast<RankedTensorType>(v.getType()).getShape() == shape;
  };
  SmallVector<int64_t> stateShape = layout ? SmallVector<int64_t>{batch, dirs, hidden}
                                           : SmallVector<int64_t>{dirs, batch, hidden};
  if (!hasShape(rec.b, {dirs, 2 * gh}))
    return "unexpected B shape";
  if (!hasShape(rec.initH, stateShape) || !hasShape(rec.initC, stateShape))
    return "unexpected initial state shape";
  if (!hasShape(rec.p, {dirs, 3 * hidden}))
    return "unexpected P shape";
  for (Type t : op->getResultTypes())
    if (cast<RankedTensorType>(t).getElementType() != xType.getElementType())
      return "result element type differs from X";
  SmallVector<int64_t> yShape = layout ? SmallVector<int64_t>{batch, seq, dirs, hidden}
                                       : SmallVector<int64_t>{seq, dirs, batch, hidden};
  if (cast<RankedTensorType>(op->getResult(0).getType()).getShape() != ArrayRef(yShape))
    return "unexpected Y shape";
  for (Value res : op->getResults().drop_front())
    if (cast<RankedTensorType>(res.getType()).getShape() != ArrayRef(stateShape))
      return "unexpected state result shape";

  if (rec.seqLens) {
    DenseIntElementsAttr lens;
    if (!matchPattern(rec.seqLens, m_Constant(&lens)) &&
        !matchPattern(rec.seqLensOrig, m_Constant(&lens)))
      return "sequence_lens must be a constant";
    if (lens.getNumElements() != batch)
      return "sequence_lens must have one entry per batch";
    for (const APInt &v : lens.getValues<APInt>())
      if (v.getSExtValue() != seq)
        return "sequence_lens shorter than the sequence are not supported";
  }
  if (rec.hasAlphaBeta)
    return "activation_alpha and activation_beta are not supported";
  if (rec.clip && *rec.clip < 0)
    return "negative clip";

  SmallVector<StringRef> names;
  switch (rec.cell) {
  case Cell::LSTM:
    names = {"Sigmoid", "Tanh", "Tanh"};
    break;
  case Cell::GRU:
    names = {"Sigmoid", "Tanh"};
    break;
  case Cell::RNN:
    names = {"Tanh"};
    break;
  }
  size_t perDir = names.size();
  if (rec.activations) {
    ArrayAttr list = *rec.activations;
    // Exporters sometimes give one direction's list for a bidirectional node.
    if (list.size() != perDir * dirs && list.size() != perDir)
      return "wrong number of activations";
    names.clear();
    for (Attribute a : list)
      names.push_back(cast<StringAttr>(a).getValue());
  }
  for (int64_t d = 0; d < dirs; ++d) {
    for (size_t i = 0; i < perDir; ++i) {
      StringRef name = names[names.size() == perDir ? i : d * perDir + i];
      std::optional<Act> act = parseActivation(name);
      if (!act)
        return ("activation '" + name + "' is not supported").str();
      acts.push_back(*act);
    }
  }
  return std::nullopt;
}

template <typename OpTy> Recurrence describe(OpTy op, typename OpTy::Adaptor adaptor);

template <> Recurrence describe(LSTMOp op, LSTMOp::Adaptor a) {
  Recurrence rec(Cell::LSTM, 4);
  rec.initC = a.getInitialC();
  rec.p = a.getP();
  rec.inputForget = op.getInputForget() != 0;
  return rec;
}
template <> Recurrence describe(GRUOp op, GRUOp::Adaptor) {
  Recurrence rec(Cell::GRU, 3);
  rec.linearBeforeReset = op.getLinearBeforeReset() != 0;
  return rec;
}
template <> Recurrence describe(RNNOp, RNNOp::Adaptor) {
  return Recurrence(Cell::RNN, 1);
}

template <typename OpTy> struct RecurrentLowering : OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;

  LogicalResult matchAndRewrite(OpTy op, typename OpTy::Adaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    Recurrence rec = describe(op, adaptor);
    rec.x = adaptor.getX();
    rec.w = adaptor.getW();
    rec.r = adaptor.getR();
    rec.b = adaptor.getB();
    rec.initH = adaptor.getInitialH();
    rec.seqLens = adaptor.getSequenceLens();
    rec.seqLensOrig = op.getSequenceLens();
    if (ArrayAttr acts = op.getActivationsAttr())
      rec.activations = acts;
    auto nonEmpty = [](DenseF32ArrayAttr a) { return a && !a.empty(); };
    rec.hasAlphaBeta =
        nonEmpty(op.getActivationAlphaAttr()) || nonEmpty(op.getActivationBetaAttr());
    if (auto clip = op.getClip())
      rec.clip = clip->convertToDouble();
    rec.direction = op.getDirection();
    rec.layout = op.getLayout();

    SmallVector<Act> acts;
    if (std::optional<std::string> why = checkRecurrence(op, rec, acts))
      return rewriter.notifyMatchFailure(op, *why);
    Type elem = cast<RankedTensorType>(op.getX().getType()).getElementType();
    RecurrenceBuilder builder(rewriter, op.getLoc(), rec, acts, elem);
    rewriter.replaceOp(op, builder.build());
    return success();
  }
};

} // namespace

void ::kiln::populateRecurrentToLinalgPatterns(RewritePatternSet &patterns) {
  // The time loop is an scf.for: ConvertKilnToLinalg lists scf among its
  // dependent dialects and legal dialects.
  MLIRContext *ctx = patterns.getContext();
  patterns
      .add<RecurrentLowering<LSTMOp>, RecurrentLowering<GRUOp>, RecurrentLowering<RNNOp>>(
          ctx);
}
