//===- Einsum.cpp - kiln.einsum to one linalg.generic ---------------------===//
//
// Every label of the equation, and every broadcast "..." dim, is one loop of a
// linalg.generic: the output's labels are the parallel loops, in output order,
// and the labels the output drops are reduction loops after them. Each operand
// reads through the map its term spells: a label repeated within one term
// ("ii") uses one loop for both dims, i.e. the diagonal, and a size-1 dim that
// broadcasts against a larger size of its label reads index 0.
//
// The body multiplies the operands' elements and adds the product to the
// result, which starts at zero; f16 and bf16 accumulate in f32 like the matmul
// lowering. Without reduction loops (a transpose, a diagonal, an outer
// product) the body yields the product alone, so elements are copied exactly.
//
//===----------------------------------------------------------------------===//

#include "dialects/Kiln/KilnOps.h"
#include "lib/Conversion/KilnToLinalg/NNCommon.h"
#include "lib/Conversion/KilnToLinalg/Patterns.h"

#include "mlir/Dialect/Arith/IR/Arith.h"

using namespace mlir;
using namespace mlir::kiln;

namespace {

struct EinsumLowering : OpConversionPattern<EinsumOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult matchAndRewrite(EinsumOp op, OpAdaptor adaptor,
                                ConversionPatternRewriter &rewriter) const override {
    if (!::kiln::nn::hasStaticTensorShapes(op))
      return rewriter.notifyMatchFailure(op, "dynamic shapes are not supported");
    auto eq = analyzeEinsum(std::nullopt, op.getEquation(), op.getInputs());
    if (failed(eq))
      return rewriter.notifyMatchFailure(op, "invalid equation");
    Location loc = op.getLoc();
    MLIRContext *ctx = rewriter.getContext();
    auto type = cast<RankedTensorType>(op.getType());

    // Loops: the output's dims first, then the reduced "..." dims and labels.
    int64_t ellRank = eq->ellipsisShape.size();
    std::map<char, int64_t> labelLoop;
    SmallVector<int64_t> ellLoop(ellRank, -1), loopSizes;
    auto addEllipsisLoops = [&] {
      for (int64_t j = 0; j < ellRank; ++j) {
        ellLoop[j] = loopSizes.size();
        loopSizes.push_back(eq->ellipsisShape[j]);
      }
    };
    StringRef out = eq->output;
    for (size_t i = 0; i < out.size(); ++i) {
      if (out.substr(i).starts_with("...")) {
        addEllipsisLoops();
        i += 2;
        continue;
      }
      labelLoop[out[i]] = loopSizes.size();
      loopSizes.push_back(eq->labelSizes.at(out[i]));
    }
    int64_t numParallel = loopSizes.size();
    if (!out.contains("..."))
      addEllipsisLoops();
    for (auto [label, size] : eq->labelSizes)
      if (labelLoop.insert({label, loopSizes.size()}).second)
        loopSizes.push_back(size);
    int64_t numLoops = loopSizes.size();
    bool reduces = numLoops > numParallel;

    SmallVector<AffineMap> maps;
    for (auto [term, input] : llvm::zip(eq->inputs, adaptor.getInputs())) {
      ArrayRef<int64_t> shape = cast<RankedTensorType>(input.getType()).getShape();
      size_t dots = StringRef(term).find("...");
      int64_t ownEllRank =
          shape.size() - (term.size() - (dots == StringRef::npos ? 0 : 3));
      SmallVector<AffineExpr> exprs;
      auto read = [&](int64_t loop) {
        bool broadcast = shape[exprs.size()] == 1 && loopSizes[loop] != 1;
        exprs.push_back(broadcast ? getAffineConstantExpr(0, ctx)
                                  : getAffineDimExpr(loop, ctx));
      };
      for (size_t i = 0; i < term.size(); ++i) {
        if (i == dots) {
          // An operand's "..." dims are the trailing ones of the broadcast.
          for (int64_t j = ellRank - ownEllRank; j < ellRank; ++j)
            read(ellLoop[j]);
          i += 2;
          continue;
        }
        read(labelLoop.at(term[i]));
      }
      maps.push_back(AffineMap::get(numLoops, 0, exprs, ctx));
    }
    SmallVector<AffineExpr> outExprs;
    for (int64_t i = 0; i < numParallel; ++i)
      outExprs.push_back(getAffineDimExpr(i, ctx));
    maps.push_back(AffineMap::get(numLoops, 0, outExprs, ctx));
    SmallVector<utils::IteratorType> iterators(numParallel,
                                               utils::IteratorType::parallel);
    iterators.append(numLoops - numParallel, utils::IteratorType::reduction);

    // arith takes signless integers; wrapping products and sums are the same
    // for signed and unsigned ones.
    SmallVector<Value> inputs;
    for (Value input : adaptor.getInputs())
      inputs.push_back(::kiln::castToSignless(rewriter, loc, input));
    RankedTensorType signless = ::kiln::signlessTensorType(type);
    Type elem = signless.getElementType();
    Type acc = ::kiln::nn::accumulatorType(elem);
    auto accType = signless.clone(acc);
    bool isFloat = isa<FloatType>(acc);
    Value init =
        reduces ? ::kiln::filledTensor(rewriter, loc, accType,
                                       ::kiln::scalarConstant(rewriter, loc, acc, 0.0))
                : ::kiln::emptyTensor(rewriter, loc, accType);
    auto generic = linalg::GenericOp::create(
        rewriter, loc, TypeRange{accType}, inputs, ValueRange{init}, maps, iterators,
        [&](OpBuilder &b, Location l, ValueRange args) {
          Value product;
          for (Value arg : args.drop_back()) {
            Value v = ::kiln::nn::convertScalar(b, l, arg, acc);
            product = !product  ? v
                      : isFloat ? Value(arith::MulFOp::create(b, l, product, v))
                                : Value(arith::MulIOp::create(b, l, product, v));
          }
          if (reduces)
            product = isFloat ? Value(arith::AddFOp::create(b, l, args.back(), product))
                              : Value(arith::AddIOp::create(b, l, args.back(), product));
          linalg::YieldOp::create(b, l, product);
        });
    Value result = ::kiln::nn::convertTensor(rewriter, loc, generic.getResult(0), elem);
    rewriter.replaceOp(op, ::kiln::castFromSignless(rewriter, loc, result, type));
    return success();
  }
};

} // namespace

void ::kiln::populateEinsumToLinalgPatterns(RewritePatternSet &patterns) {
  patterns.add<EinsumLowering>(patterns.getContext());
}
