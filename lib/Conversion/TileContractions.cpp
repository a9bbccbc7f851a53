//===- TileContractions.cpp - Register-tiled, vectorized contractions -----===//
//
// Matrix products and convolutions are most of a network's arithmetic; as
// scalar loops they run at under 1% of an AVX-512 core's peak. This pass, on
// tensors before bufferization:
//
//  1. rewrites 2-D NCHW convolutions as im2col + a contraction
//     (rewriteAsContraction; upstream linalg::rewriteInIm2Col for the cases
//     it does not take), so that they share the matrix-product path;
//  2. picks the output dimension whose tiles are vectors (chooseLayout): the
//     innermost one, or an outer one that only constants use when the tile
//     width divides it and not the innermost; makes it innermost in every
//     input (constants transposed at compile time, others by a
//     linalg.transpose) and lays constant inputs out in panels of one tile's
//     columns (packColumnPanels);
//  3. tiles each contraction into register tiles of `rows` output rows x
//     `2 * lanes` output columns (lanes = vector bits / 32), one reduction
//     step per iteration, with the column tiles outermost so that a panel
//     stays in cache across the row tiles, and long reductions blocked for
//     the L2 cache (dimensions the tiles do not divide are split into whole
//     tiles and a remainder first: every tile has a static shape);
//  4. vectorizes each tile (named contractions into one vector.contract,
//     generic ones into multiplies and adds that become FMAs), starting
//     each from its initial value (a bias or a fill: startFromInitialValue)
//     and applying an activation to it once done (findEpilogue).
//
// After bufferization, kiln-hoist-vector-transfers keeps the accumulator tile
// in registers across the reduction loop, and the LLVM lowering turns each
// step into `rows` broadcasts and `2 * rows` FMAs (outer products). The vector
// width and register count come from the target (kilnc queries LLVM's
// TargetTransformInfo); the defaults are AVX-512's.
//
//===----------------------------------------------------------------------===//

#include "lib/Conversion/ConstantData.h"
#include "lib/Conversion/InitialValue.h"
#include "lib/Conversion/Passes.h"

#include "mlir/Dialect/Linalg/IR/LinalgInterfaces.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/SCF/Transforms/TileUsingInterface.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"

#include <cstring>

using namespace mlir;
using kiln::constantValue;
using kiln::rawElements;

namespace kiln {
#define GEN_PASS_DEF_TILECONTRACTIONS
#include "lib/Conversion/Passes.h.inc"
} // namespace kiln

namespace {

std::optional<unsigned> dimPosition(AffineExpr e) {
  if (auto d = dyn_cast<AffineDimExpr>(e))
    return d.getPosition();
  return std::nullopt;
}

/// The body of a copy or a broadcast: yields its input.
void yieldInput(OpBuilder &b, Location loc, ValueRange args) {
  linalg::YieldOp::create(b, loc, args[0]);
}

/// A linalg.generic writing `value` (read through `results`, expressions of
/// `dest`'s dimensions) to every element of `dest`: a bias broadcast.
linalg::GenericOp broadcastInto(RewriterBase &rewriter, Location loc, Value value,
                                ArrayRef<AffineExpr> results, Value dest) {
  auto type = cast<RankedTensorType>(dest.getType());
  unsigned rank = type.getRank();
  MLIRContext *context = rewriter.getContext();
  return linalg::GenericOp::create(
      rewriter, loc, TypeRange{type}, ValueRange{value}, ValueRange{dest},
      ArrayRef<AffineMap>{AffineMap::get(rank, 0, results, context),
                          AffineMap::getMultiDimIdentityMap(rank, context)},
      SmallVector<utils::IteratorType>(rank, utils::IteratorType::parallel), yieldInput);
}

/// Vectorizes `op` in place.
LogicalResult vectorizeInPlace(RewriterBase &rewriter, linalg::LinalgOp op) {
  rewriter.setInsertionPoint(op);
  FailureOr<linalg::VectorizationResult> vectorized = linalg::vectorize(rewriter, op);
  if (failed(vectorized))
    return failure();
  rewriter.replaceOp(op, vectorized->replacements);
  return success();
}

/// The part of `source` that `tile` takes of its own source.
Value extractLike(RewriterBase &rewriter, tensor::ExtractSliceOp tile, Value source) {
  return tensor::ExtractSliceOp::create(rewriter, tile.getLoc(), tile.getType(), source,
                                        tile.getMixedOffsets(), tile.getMixedSizes(),
                                        tile.getMixedStrides());
}

/// `value` put in `dest` where `tile` takes its part.
Value insertLike(RewriterBase &rewriter, tensor::ExtractSliceOp tile, Value value,
                 Value dest) {
  return tensor::InsertSliceOp::create(rewriter, tile.getLoc(), value, dest,
                                       tile.getMixedOffsets(), tile.getMixedSizes(),
                                       tile.getMixedStrides());
}

/// The constant `bytes` of shape `shape` with its dimensions permuted (new
/// dimension i is old dimension perm[i]), as a 64-byte aligned resource.
ElementsAttr transposedConstant(RankedTensorType type, ArrayRef<char> bytes,
                                ArrayRef<int64_t> perm) {
  int64_t elementBytes = type.getElementTypeBitWidth() / 8;
  ArrayRef<int64_t> shape = type.getShape();
  SmallVector<int64_t> newShape;
  for (int64_t d : perm)
    newShape.push_back(shape[d]);
  SmallVector<int64_t> strides(shape.size(), 1);
  for (int64_t i = int64_t(shape.size()) - 2; i >= 0; --i)
    strides[i] = strides[i + 1] * shape[i + 1];
  std::vector<char> out(bytes.size());
  SmallVector<int64_t> index(newShape.size(), 0);
  for (int64_t flat = 0, n = type.getNumElements(); flat < n; ++flat) {
    int64_t source = 0;
    for (size_t i = 0; i < index.size(); ++i)
      source += index[i] * strides[perm[i]];
    std::memcpy(&out[flat * elementBytes], &bytes[source * elementBytes], elementBytes);
    for (int64_t i = int64_t(index.size()) - 1; i >= 0 && ++index[i] == newShape[i]; --i)
      index[i] = 0;
  }
  return DenseResourceElementsAttr::get(
      RankedTensorType::get(newShape, type.getElementType()), "kiln_packed",
      HeapAsmResourceBlob::allocateAndCopyWithAlign(out, 64));
}

/// Makes the column dimension `col` innermost in every input of `op` that
/// uses it. Constant inputs (the weights of a Gemm with transB, as PyTorch's
/// Linear exports it) are transposed at compile time: a layout prepared once
/// instead of strided loads at every run. Others (the keys in attention's
/// Q K^T) are transposed at run time by a linalg.transpose, one pass over
/// the operand against a reduction's worth of strided loads per element.
/// Fails, changing nothing, for a named op other than matmul or an input
/// map that is not a projected permutation.
LogicalResult makeColumnsContiguous(RewriterBase &rewriter, linalg::LinalgOp op,
                                    unsigned col) {
  SmallVector<AffineMap> maps = op.getIndexingMapsArray();
  struct Change {
    OpOperand *operand;
    SmallVector<int64_t> perm; ///< new dim i is old dim perm[i]
  };
  SmallVector<Change> changes;
  for (OpOperand *input : op.getDpsInputOperands()) {
    AffineMap map = maps[input->getOperandNumber()];
    if (!map.isFunctionOfDim(col) ||
        (map.getNumResults() && dimPosition(map.getResults().back()) == col))
      continue;
    if (!map.isProjectedPermutation())
      return failure();
    Change change{input, {}};
    unsigned at = 0;
    for (auto [i, e] : llvm::enumerate(map.getResults()))
      if (dimPosition(e) == col)
        at = i;
      else
        change.perm.push_back(i);
    change.perm.push_back(at);
    changes.push_back(change);
  }
  if (changes.empty())
    return success();
  if (!isa<linalg::MatmulOp, linalg::GenericOp>(op.getOperation()))
    return failure();
  for (Change &change : changes) {
    OpOperand *input = change.operand;
    auto type = cast<RankedTensorType>(input->get().getType());
    rewriter.setInsertionPoint(op);
    Value packed;
    if (std::optional<ArrayRef<char>> bytes = rawElements(constantValue(input->get()))) {
      packed = arith::ConstantOp::create(rewriter, op.getLoc(),
                                         transposedConstant(type, *bytes, change.perm));
    } else {
      SmallVector<int64_t> newShape;
      for (int64_t d : change.perm)
        newShape.push_back(type.getDimSize(d));
      Value empty =
          tensor::EmptyOp::create(rewriter, op.getLoc(), newShape, type.getElementType());
      packed = linalg::TransposeOp::create(rewriter, op.getLoc(), input->get(), empty,
                                           change.perm)
                   ->getResult(0);
    }
    AffineMap map = maps[input->getOperandNumber()];
    SmallVector<AffineExpr> results;
    for (int64_t d : change.perm)
      results.push_back(map.getResult(d));
    maps[input->getOperandNumber()] =
        AffineMap::get(map.getNumDims(), map.getNumSymbols(), results, op.getContext());
    rewriter.modifyOpInPlace(op, [&] { input->set(packed); });
  }
  SmallVector<Attribute> mapAttrs;
  for (AffineMap map : maps)
    mapAttrs.push_back(AffineMapAttr::get(map));
  ArrayAttr attr = rewriter.getArrayAttr(mapAttrs);
  rewriter.modifyOpInPlace(op, [&] {
    if (auto matmul = dyn_cast<linalg::MatmulOp>(op.getOperation()))
      matmul.setIndexingMapsAttr(attr);
    else
      cast<linalg::GenericOp>(op.getOperation()).setIndexingMapsAttr(attr);
  });
  return success();
}

/// Splits the column dimension `col` of `op` into panels of `width` columns:
/// the constant inputs that use it are laid out panel after panel at compile
/// time ([N/width][...][width]) and the output is viewed as [..., N/width,
/// width]. A register tile then streams through one contiguous panel instead
/// of reading `width` columns from each row of a row-major matrix, a 4 KiB
/// stride for 1024 columns: a TLB miss and the same cache set at every step,
/// and no prefetching. Returns the new op, whose loop `withinAt` (the last
/// one by default; later loops move up by one) is the column within a panel
/// (`col` then counts panels), or fails changing nothing. Also packs the
/// constant broadcast side of a product, its rows as the "columns".
FailureOr<linalg::GenericOp> packColumnPanels(RewriterBase &rewriter, linalg::LinalgOp op,
                                              unsigned col, int64_t width,
                                              std::optional<unsigned> withinAt) {
  int64_t columns = op.getStaticLoopRanges()[col];
  if (columns < width || columns % width != 0 || op.hasIndexSemantics() ||
      !isa<linalg::MatmulOp, linalg::GenericOp>(op.getOperation()))
    return failure();
  unsigned numDims = op.getNumLoops();
  MLIRContext *context = op.getContext();
  // The new loop goes at `withinAt` (last by default); the loops from there
  // on move up by one.
  unsigned at0 = withinAt.value_or(numDims);
  SmallVector<AffineExpr> moved;
  for (unsigned d = 0; d < numDims; ++d)
    moved.push_back(getAffineDimExpr(d < at0 ? d : d + 1, context));
  SmallVector<AffineMap> maps;
  for (AffineMap map : op.getIndexingMapsArray())
    maps.push_back(map.replaceDimsAndSymbols(moved, {}, numDims + 1, 0));
  AffineExpr panel = moved[col];
  AffineExpr within = getAffineDimExpr(at0, context);
  col = *dimPosition(panel);
  SmallVector<AffineExpr> outResults(
      maps[op.getDpsInitOperand(0)->getOperandNumber()].getResults());
  int64_t at = llvm::find(outResults, panel) - outResults.begin();
  // One panel is already contiguous when the columns are the output's
  // innermost dimension; as an outer one, packing still puts the vector lanes
  // on the last loop, where vectorization puts them.
  if (at == int64_t(outResults.size()) ||
      (columns == width && at + 1 == int64_t(outResults.size())))
    return failure();
  // Only constant inputs can be packed; the output only needs a view.
  for (OpOperand *input : op.getDpsInputOperands())
    if (maps[input->getOperandNumber()].isFunctionOfDim(col) &&
        !rawElements(constantValue(input->get())))
      return failure();

  Location loc = op.getLoc();
  rewriter.setInsertionPoint(op);
  SmallVector<Value> inputs;
  SmallVector<AffineMap> newMaps;
  for (OpOperand *input : op.getDpsInputOperands()) {
    AffineMap map = maps[input->getOperandNumber()];
    SmallVector<AffineExpr> results(map.getResults());
    if (!map.isFunctionOfDim(col)) {
      inputs.push_back(input->get());
      newMaps.push_back(AffineMap::get(numDims + 1, 0, results, context));
      continue;
    }
    // makeColumnsContiguous put the column last.
    auto type = cast<RankedTensorType>(input->get().getType());
    ArrayRef<char> bytes = *rawElements(constantValue(input->get()));
    int64_t elementBytes = type.getElementTypeBitWidth() / 8;
    int64_t rows = type.getNumElements() / columns, panels = columns / width;
    int64_t run = width * elementBytes;
    std::vector<char> out(bytes.size());
    for (int64_t p = 0; p < panels; ++p)
      for (int64_t r = 0; r < rows; ++r)
        std::memcpy(&out[(p * rows + r) * run],
                    &bytes[(r * columns + p * width) * elementBytes], run);
    SmallVector<int64_t> shape = {panels};
    llvm::append_range(shape, type.getShape().drop_back());
    shape.push_back(width);
    ElementsAttr attr = DenseResourceElementsAttr::get(
        RankedTensorType::get(shape, type.getElementType()), "kiln_packed",
        HeapAsmResourceBlob::allocateAndCopyWithAlign(out, 64));
    inputs.push_back(arith::ConstantOp::create(rewriter, loc, attr));
    results.pop_back();
    results.insert(results.begin(), panel);
    results.push_back(within);
    newMaps.push_back(AffineMap::get(numDims + 1, 0, results, context));
  }
  // The output, [..., N, ...] viewed as [..., N/width, width, ...].
  Value init = op.getDpsInitOperand(0)->get();
  auto initType = cast<RankedTensorType>(init.getType());
  SmallVector<int64_t> viewShape(initType.getShape());
  viewShape[at] = columns / width;
  viewShape.insert(viewShape.begin() + at + 1, width);
  SmallVector<ReassociationIndices> groups;
  for (int64_t i = 0, e = initType.getRank(); i < e; ++i)
    groups.push_back(i < at    ? ReassociationIndices{i}
                     : i == at ? ReassociationIndices{i, i + 1}
                               : ReassociationIndices{i + 1});
  auto viewType = RankedTensorType::get(viewShape, initType.getElementType());
  Value view = tensor::ExpandShapeOp::create(rewriter, loc, viewType, init, groups);
  outResults.insert(outResults.begin() + at + 1, within);
  newMaps.push_back(AffineMap::get(numDims + 1, 0, outResults, context));

  SmallVector<utils::IteratorType> iterators = op.getIteratorTypesArray();
  iterators.insert(iterators.begin() + at0, utils::IteratorType::parallel);
  auto packed = linalg::GenericOp::create(rewriter, loc, TypeRange{viewType}, inputs,
                                          ValueRange{view}, newMaps, iterators);
  rewriter.cloneRegionBefore(op->getRegion(0), packed.getRegion(),
                             packed.getRegion().begin());
  Value result = tensor::CollapseShapeOp::create(rewriter, loc, initType,
                                                 packed.getResult(0), groups);
  rewriter.replaceOp(op, result);
  return packed;
}

/// Pads the columns `col` of `op` with zero columns up to `padded`: every
/// input that uses them must be a constant, padded at compile time; the
/// output is computed into a padded tensor and sliced back. A
/// matrix-vector product (a classifier: 1 x 1280 times 1280 x 1000) then
/// has whole column panels only, and packColumnPanels lays its weights out
/// panel after panel. Without it, each column tile reads 128 bytes of every
/// weight row, rows 4000 bytes apart that no prefetcher follows: in
/// MobileNetV2, where the 5 MB of weights come from memory, that product
/// took 7% of the model for 0.1% of its arithmetic. Returns the new op, or
/// fails changing nothing.
FailureOr<linalg::LinalgOp> padColumns(RewriterBase &rewriter, linalg::LinalgOp op,
                                       unsigned col, int64_t padded) {
  MLIRContext *context = op.getContext();
  AffineExpr column = getAffineDimExpr(col, context);
  struct Padding {
    OpOperand *operand;
    unsigned at;          ///< the padded dimension of the operand
    ArrayRef<char> bytes; ///< constant inputs' elements
  };
  SmallVector<Padding> paddings;
  for (OpOperand &operand : op->getOpOperands()) {
    std::optional<unsigned> at =
        op.getMatchingIndexingMap(&operand).getResultPosition(column);
    if (!at)
      continue;
    if (op.isDpsInit(&operand)) {
      paddings.push_back({&operand, *at, {}});
      continue;
    }
    std::optional<ArrayRef<char>> bytes = rawElements(constantValue(operand.get()));
    if (!bytes)
      return failure();
    paddings.push_back({&operand, *at, *bytes});
  }
  Location loc = op.getLoc();
  rewriter.setInsertionPoint(op);
  SmallVector<Value> operands(op->getOperands());
  Value init;
  for (const Padding &padding : paddings) {
    auto type = cast<RankedTensorType>(padding.operand->get().getType());
    SmallVector<int64_t> shape(type.getShape());
    int64_t columns = shape[padding.at];
    shape[padding.at] = padded;
    auto paddedType = RankedTensorType::get(shape, type.getElementType());
    Value value;
    if (op.isDpsInit(padding.operand)) {
      // The extra columns of the output are never read back: they need no
      // initial value.
      Value empty = tensor::EmptyOp::create(rewriter, loc, shape, type.getElementType());
      value = tensor::InsertSliceOp::create(
          rewriter, loc, padding.operand->get(), empty,
          getAsIndexOpFoldResult(context, SmallVector<int64_t>(shape.size(), 0)),
          getAsIndexOpFoldResult(context, type.getShape()),
          getAsIndexOpFoldResult(context, SmallVector<int64_t>(shape.size(), 1)));
      init = value;
    } else {
      int64_t elementBytes = type.getElementTypeBitWidth() / 8;
      int64_t inner = elementBytes;
      for (int64_t d : type.getShape().drop_front(padding.at + 1))
        inner *= d;
      int64_t outer = type.getNumElements() * elementBytes / (columns * inner);
      std::vector<char> out(outer * padded * inner, 0);
      for (int64_t o = 0; o < outer; ++o)
        std::memcpy(&out[o * padded * inner], &padding.bytes[o * columns * inner],
                    columns * inner);
      value = arith::ConstantOp::create(
          rewriter, loc,
          DenseResourceElementsAttr::get(
              paddedType, "kiln_padded",
              HeapAsmResourceBlob::allocateAndCopyWithAlign(out, 64)));
    }
    operands[padding.operand->getOperandNumber()] = value;
  }
  auto resultType = cast<RankedTensorType>(init.getType());
  Operation *paddedOp = clone(rewriter, op, TypeRange{resultType}, operands);
  auto originalType = cast<RankedTensorType>(op->getResult(0).getType());
  Value result = tensor::ExtractSliceOp::create(
      rewriter, loc, originalType, paddedOp->getResult(0),
      getAsIndexOpFoldResult(context, SmallVector<int64_t>(originalType.getRank(), 0)),
      getAsIndexOpFoldResult(context, originalType.getShape()),
      getAsIndexOpFoldResult(context, SmallVector<int64_t>(originalType.getRank(), 1)));
  rewriter.replaceOp(op, result);
  return cast<linalg::LinalgOp>(paddedOp);
}

/// Whether `extent` iterations split into whole tiles of `tile` and a
/// shorter remainder (splitOp in tileAndVectorize).
bool hasRemainder(int64_t extent, int64_t tile) {
  return extent > tile && extent % tile != 0;
}

/// Whether `extent` columns are whole tiles of `cols` and a remainder of
/// whole vectors (`cols` / 2 lanes): the pixel rows of a 1x1 convolution are
/// then worth keeping as rows (rewriteAsContraction, chooseLayout).
bool wholeVectorRows(int64_t extent, int64_t cols) {
  return extent >= cols && extent % cols % std::max<int64_t>(1, cols / 2) == 0;
}

/// The natural layout is kept for reductions shorter than kShortReduction
/// when the column remainder is under this fraction (1/n) of the columns,
/// and for longer ones when it is under kMaxLongRemainderShare.
constexpr int64_t kMaxRemainderShare = 16, kMaxLongRemainderShare = 32,
                  kShortReduction = 256;

/// Whether chooseLayout keeps an output's innermost dimension, of `extent`,
/// as the tiles' columns (of `cols`) with a reduction of `steps`, whatever
/// the other dimensions; `constantRows`: the rows' side is a constant.
bool keepsColumns(int64_t extent, int64_t cols, int64_t steps, bool constantRows) {
  int64_t remainder = extent % cols;
  if (remainder == 0)
    return true;
  // With a short reduction, transposing every tile takes about as long as
  // the product (SqueezeNet's first convolution: 27 steps over 12321
  // pixels, 1.4x slower than a remainder of one column); a small remainder
  // costs less. Measured on SqueezeNet's convolutions: natural rows are
  // faster up to 144 steps, slower from 288 with remainders of 1/29 and
  // 1/19 of the columns. With a long reduction a remainder under 1/32 still
  // costs less: ResNet-18's 14x14 stride-2 convolution (1152 steps, 196 =
  // 6 x 32 + 4 pixels) ran 5-10% faster with natural rows.
  int64_t share = steps < kShortReduction ? kMaxRemainderShare : kMaxLongRemainderShare;
  if (remainder * share < extent)
    return true;
  // Rows on the filters (constant) and a remainder of whole vectors: the
  // remainder tiles run at full vector width, faster than transposed tiles,
  // and the output stays in rows that a padded buffer can take. A 1x1
  // convolution's pixel rows, or ResNet-18's 28x28 stride-2 convolution
  // (784 = 24 x 32 + 16 pixels, 576 steps: 18% faster than transposed).
  return constantRows && wholeVectorRows(extent, cols);
}

/// The row stride, in elements of `bits` bits, of an im2col matrix with
/// `pixels` columns: an odd number of whole 64-byte lines when a row spans
/// a page or more, or, with `shortRows` (the pixels are sure to be the
/// tiles' vectors), one line or more. A register tile reads a column panel
/// down all K rows, once per row tile; with a stride of 12544 floats
/// (ResNet-18's stem, 49 KiB) every row falls in the same 4 of the L1
/// cache's 64 sets, so the panel never stays in L1 and every load misses.
/// An odd number of lines walks all the sets; whole lines align every
/// vector (a vector load that spans two lines costs two). When the vectors
/// run over the filters instead, the rows are read by broadcasts and padding
/// only makes the matrix bigger: ResNet-18's 7x7 layers (49 pixels padded
/// to 80) ran 6-8% slower.
int64_t paddedRowStride(int64_t pixels, int64_t bits, bool shortRows) {
  constexpr int64_t kLineBits = 512, kPageBits = 4096 * 8;
  if (bits <= 0 || kLineBits % bits != 0 ||
      pixels * bits < (shortRows ? kLineBits : kPageBits))
    return pixels;
  int64_t line = kLineBits / bits, lines = llvm::divideCeil(pixels, line);
  return (lines % 2 == 0 ? lines + 1 : lines) * line;
}

/// 1x1 convolutions with at least this many filters read a copy of their
/// input with aligned rows (rewriteAsContraction).
constexpr int64_t kMinFiltersToAlignRows = 256;

/// `init` collapsed by `groups`. A bias broadcast or a fill is made again on
/// the collapsed shape rather than reshaped, so that the contraction's
/// register tiles can start from it (startFromInitialValue).
Value collapseInitial(RewriterBase &rewriter, Location loc, Value init,
                      ArrayRef<ReassociationIndices> groups) {
  std::optional<kiln::InitialValue> initial = kiln::initialValue(init);
  if (!initial)
    return tensor::CollapseShapeOp::create(rewriter, loc, init, groups);
  // The broadcast's dimensions must each be a group of their own.
  MLIRContext *context = rewriter.getContext();
  SmallVector<AffineExpr> results;
  for (AffineExpr e : initial->map.getResults()) {
    unsigned d = *dimPosition(e);
    auto group = llvm::find_if(groups, [&](const ReassociationIndices &g) {
      return llvm::is_contained(g, int64_t(d));
    });
    if (group->size() != 1)
      return tensor::CollapseShapeOp::create(rewriter, loc, init, groups);
    results.push_back(getAffineDimExpr(group - groups.begin(), context));
  }
  // The destination keeps the uncollapsed shape: when the convolution's
  // output is the model's, buffer-results-to-out-params can then write it
  // in the caller's buffer, which it cannot through a reshape.
  Value empty = tensor::CollapseShapeOp::create(rewriter, loc, initial->dest, groups);
  if (!isa<ShapedType>(initial->value.getType()))
    return linalg::FillOp::create(rewriter, loc, initial->value, empty).getResult(0);
  return broadcastInto(rewriter, loc, initial->value, results, empty).getResult(0);
}

/// Rewrites a 2-D NCHW convolution as im2col and a contraction
/// out[n, f, p] += filter[f, k] * col[n, k, p], k = (c, kh, kw), p = (oh, ow).
/// The im2col copy is one generic, col[n, c, kh, kw, oh, ow] =
/// input[n, c, oh * sh + kh * dh, ow * sw + kw * dw], copied as rows of
/// vectors once bufferized (kiln-copies-to-linalg, then
/// kiln-vectorize-elementwise); upstream's rewriteInIm2Col indexes with
/// divisions and remainders of flattened indices, one scalar element at a
/// time. A 1x1 convolution with unit
/// strides needs no copy at all: the input is already col. Its pixels stay
/// two dimensions, out[n, f, oh, ow] += filter[f, c] * input[n, c, oh, ow],
/// when a row of `cols`-wide tiles covers the output rows with a remainder
/// of whole vectors: the product can then write straight into a
/// padded buffer (kiln-insert-in-place), as MobileNetV2's expansions feed
/// their depthwise convolutions; with flattened pixels it could not, and the
/// output was copied into the padding.
LogicalResult rewriteAsContraction(RewriterBase &rewriter, linalg::Conv2DNchwFchwOp conv,
                                   int64_t cols) {
  Value input = conv.getInputs()[0], filter = conv.getInputs()[1];
  Value init = conv.getOutputs()[0];
  auto inputType = cast<RankedTensorType>(input.getType());
  auto filterType = cast<RankedTensorType>(filter.getType());
  auto outType = cast<RankedTensorType>(init.getType());
  Type element = outType.getElementType();
  if (!isa<FloatType>(element) || inputType.getElementType() != element ||
      filterType.getElementType() != element)
    return failure();
  ArrayRef<int64_t> in = inputType.getShape(), fs = filterType.getShape(),
                    out = outType.getShape();
  SmallVector<int64_t> strides(conv.getStrides().getValues<int64_t>());
  SmallVector<int64_t> dilations(conv.getDilations().getValues<int64_t>());
  int64_t n = in[0], c = in[1], kh = fs[2], kw = fs[3], oh = out[2], ow = out[3];
  Location loc = conv.getLoc();
  MLIRContext *context = conv.getContext();
  rewriter.setInsertionPoint(conv);

  auto d = [&](unsigned i) { return getAffineDimExpr(i, context); };
  bool pointwise = kh == 1 && kw == 1 && strides[0] == 1 && strides[1] == 1 &&
                   in[2] == oh && in[3] == ow;
  auto filterMatrix = [&] {
    return tensor::CollapseShapeOp::create(
        rewriter, loc, filter, ArrayRef<ReassociationIndices>{{0}, {1, 2, 3}});
  };
  auto multiplyAdd = [](OpBuilder &b, Location l, ValueRange args) {
    Value mul = arith::MulFOp::create(b, l, args[0], args[1]);
    linalg::YieldOp::create(b, l, ValueRange{arith::AddFOp::create(b, l, args[2], mul)});
  };
  if (pointwise && wholeVectorRows(ow, cols)) {
    // (n, f, oh, ow, c)
    SmallVector<AffineMap> maps = {
        AffineMap::get(5, 0, {d(1), d(4)}, context),
        AffineMap::get(5, 0, {d(0), d(4), d(2), d(3)}, context),
        AffineMap::get(5, 0, {d(0), d(1), d(2), d(3)}, context)};
    SmallVector<utils::IteratorType> iterators(4, utils::IteratorType::parallel);
    iterators.push_back(utils::IteratorType::reduction);
    rewriter.replaceOpWithNewOp<linalg::GenericOp>(
        conv, TypeRange{outType}, ValueRange{filterMatrix(), input}, ValueRange{init},
        maps, iterators, multiplyAdd);
    return success();
  }
  // A 1x1 convolution reads its input in place unless its rows of pixels
  // are not whole cache lines and many filters (register tiles of rows)
  // read each of them: SqueezeNet's classifier, 1000 filters over 13x13 =
  // 169 pixels, ran 10% faster on a copy with aligned rows. With few
  // filters the copy costs more than it saves.
  int64_t bits = element.getIntOrFloatBitWidth();
  // Whether the pixels will be the tiles' vectors (chooseLayout): filters
  // that no column tile divides never are.
  bool pixelColumns = fs[0] % cols != 0 ||
                      keepsColumns(oh * ow, cols, c * kh * kw, /*constantRows=*/true);
  bool alignRows = pointwise && pixelColumns && fs[0] >= kMinFiltersToAlignRows &&
                   paddedRowStride(oh * ow, bits, pixelColumns) != oh * ow;
  Value col;
  if (pointwise && !alignRows) {
    col = tensor::CollapseShapeOp::create(
        rewriter, loc, input, ArrayRef<ReassociationIndices>{{0}, {1}, {2, 3}});
  } else {
    // (n, c, kh, kw, oh, ow)
    auto colType = RankedTensorType::get({n, c, kh, kw, oh, ow}, element);
    SmallVector<ReassociationIndices> colGroups = {{0}, {1, 2, 3}, {4, 5}};
    // The matrix [n, K, P] is a slice of [n, K, stride] (paddedRowStride):
    // the copy writes through it and the product reads it.
    int64_t k = c * kh * kw, pixels = oh * ow;
    int64_t stride = paddedRowStride(pixels, bits, pixelColumns);
    auto index = [&](ArrayRef<int64_t> values) {
      return getAsIndexOpFoldResult(context, values);
    };
    Value matrixBuffer =
        tensor::EmptyOp::create(rewriter, loc, ArrayRef<int64_t>{n, k, stride}, element);
    Value dest =
        tensor::ExtractSliceOp::create(rewriter, loc, matrixBuffer, index({0, 0, 0}),
                                       index({n, k, pixels}), index({1, 1, 1}));
    dest = tensor::ExpandShapeOp::create(rewriter, loc, colType, dest, colGroups);
    // One copy of the input's windows: col[n, c, i, j, oh, ow] =
    // input[n, c, i * dh + sh * oh, j * dw + sw * ow]. Its input map is not a
    // permutation; kiln-copies-to-linalg, once bufferized, reads it through
    // one strided view of the input whose dimensions overlap, which
    // kiln-vectorize-elementwise copies as rows of vectors, one parallel
    // loop over (c, i, j, oh). One copy per tap was 9 parallel loops per
    // 3x3 convolution (49 for ResNet-18's stem), each a fork and a join
    // of the threads.
    SmallVector<AffineMap> maps = {
        AffineMap::get(6, 0,
                       {d(0), d(1), d(4) * strides[0] + d(2) * dilations[0],
                        d(5) * strides[1] + d(3) * dilations[1]},
                       context),
        AffineMap::getMultiDimIdentityMap(6, context)};
    dest = linalg::GenericOp::create(
               rewriter, loc, TypeRange{colType}, ValueRange{input}, ValueRange{dest},
               maps, SmallVector<utils::IteratorType>(6, utils::IteratorType::parallel),
               [](OpBuilder &b, Location l, ValueRange args) {
                 linalg::YieldOp::create(b, l, args[0]);
               })
               .getResult(0);
    col = tensor::CollapseShapeOp::create(rewriter, loc, dest, colGroups);
  }
  Value matrix = filterMatrix();
  SmallVector<ReassociationIndices> outGroups = {{0}, {1}, {2, 3}};
  Value acc = collapseInitial(rewriter, loc, init, outGroups);
  // (n, f, p, k)
  SmallVector<AffineMap> maps = {AffineMap::get(4, 0, {d(1), d(3)}, context),
                                 AffineMap::get(4, 0, {d(0), d(3), d(2)}, context),
                                 AffineMap::get(4, 0, {d(0), d(1), d(2)}, context)};
  SmallVector<utils::IteratorType> iterators(3, utils::IteratorType::parallel);
  iterators.push_back(utils::IteratorType::reduction);
  auto product = linalg::GenericOp::create(rewriter, loc, TypeRange{acc.getType()},
                                           ValueRange{matrix, col}, ValueRange{acc}, maps,
                                           iterators, multiplyAdd);
  rewriter.replaceOpWithNewOp<tensor::ExpandShapeOp>(conv, outType, product.getResult(0),
                                                     outGroups);
  return success();
}

struct TileContractions : kiln::impl::TileContractionsBase<TileContractions> {
  using TileContractionsBase::TileContractionsBase;
  void runOnOperation() override;

private:
  LogicalResult tileAndVectorize(RewriterBase &rewriter, linalg::LinalgOp op);
  /// Columns of a register tile: two f32 vectors.
  int64_t columnTile() const { return 2 * std::max<int64_t>(1, vectorBits / 32); }
};

/// The loops of a contraction that its register tiles are laid over.
struct TileLayout {
  unsigned col;                ///< the output's innermost dimension (vectors)
  std::optional<unsigned> row; ///< the output dimension before it, if parallel
  /// With constant panels (packColumnPanels): the column within a panel;
  /// `col` then counts panels.
  std::optional<unsigned> within = std::nullopt;
  /// With the broadcast side packed in panels of one row tile: the loop over
  /// those panels (`row` is then the row within a panel, a whole tile).
  std::optional<unsigned> rowPanel = std::nullopt;
};

/// Whether every input of `op` that uses loop `dim` is a constant that
/// makeColumnsContiguous and packColumnPanels can lay out at compile time.
bool onlyConstantsUse(linalg::LinalgOp op, unsigned dim) {
  return llvm::all_of(op.getDpsInputOperands(), [&](OpOperand *input) {
    AffineMap map = op.getMatchingIndexingMap(input);
    return !map.isFunctionOfDim(dim) ||
           (map.isProjectedPermutation() && rawElements(constantValue(input->get())));
  });
}

/// The number of steps of the reduction loops among `ranges`.
int64_t reductionSteps(ArrayRef<int64_t> ranges,
                       ArrayRef<utils::IteratorType> iterators) {
  int64_t steps = 1;
  for (auto [range, it] : llvm::zip(ranges, iterators))
    if (it == utils::IteratorType::reduction)
      steps *= range;
  return steps;
}

/// Picks the output dimension whose tiles are vectors of `cols` lanes: the
/// output's innermost one, unless `cols` does not divide it but divides an
/// outer output dimension that only constant inputs use (their panels are
/// then packed at compile time, and the accumulator tile is read and stored
/// transposed, once per tile). ResNet-18's last convolutions, for example,
/// have 7x7 = 49 output pixels but 512 output channels. The innermost one is
/// kept when its remainder is small (smaller still if the reduction is
/// long), or when the rows are constant and the remainder is whole vectors.
std::optional<TileLayout> chooseLayout(linalg::LinalgOp op, int64_t cols) {
  AffineMap out = op.getMatchingIndexingMap(op.getDpsInitOperand(0));
  SmallVector<unsigned> dims; // innermost first
  for (AffineExpr e : llvm::reverse(out.getResults())) {
    std::optional<unsigned> d = dimPosition(e);
    if (!d)
      return std::nullopt;
    dims.push_back(*d);
  }
  if (dims.empty())
    return std::nullopt;
  SmallVector<utils::IteratorType> iterators = op.getIteratorTypesArray();
  SmallVector<int64_t> ranges = op.getStaticLoopRanges();
  auto parallel = [&](unsigned d) {
    return iterators[d] == utils::IteratorType::parallel;
  };
  // Rows: the innermost other output dimension with more than one index
  // (PyTorch's sequence-first [S, 1, D] activations put a unit batch there).
  // Rows whose left-hand side is a constant come first: a 1x1 convolution
  // over [n, f, oh, ow] has its rows on the filters, whose weights are
  // broadcast, not on the output rows, which would be as many more loads.
  auto rowFor = [&](unsigned col) -> std::optional<unsigned> {
    for (unsigned d : dims)
      if (d != col && ranges[d] > 1 && parallel(d) && onlyConstantsUse(op, d))
        return d;
    for (unsigned d : dims)
      if (d != col && ranges[d] > 1)
        return d;
    return std::nullopt;
  };
  TileLayout natural{dims[0], rowFor(dims[0])};
  if (keepsColumns(ranges[dims[0]], cols, reductionSteps(ranges, iterators),
                   natural.row && onlyConstantsUse(op, *natural.row)))
    return natural;
  for (unsigned d : ArrayRef(dims).drop_front())
    if (parallel(d) && ranges[d] % cols == 0 && onlyConstantsUse(op, d))
      return TileLayout{d, rowFor(d)};
  return natural;
}

/// The largest block of a blocked reduction (blockReduction). 1152 rather
/// than 512: every block reloads and stores the output tiles (transposed,
/// for ResNet-18's 7x7 layers), and a 1152-step block of a 32-column weight
/// panel (147 KiB) with its im2col rows still fits L2. ResNet-18's 7x7
/// layers ran 5-13% faster, the whole model 2-3% (ab.sh, 1 and 2 threads).
constexpr int64_t kMaxReductionBlock = 1152;

/// Reductions of at most this many steps have their row tiles outermost
/// (tileAndVectorize).
constexpr int64_t kRowsOuterMaxSteps = 32;

/// So do products whose rows' operand is bigger than this and than the
/// columns' operand: half of this machine's 2 MiB L2, which holds the
/// columns' panels and the output too.
constexpr int64_t kRowsOuterMinBytes = 1 << 20;

/// Whether blockReduction may block a reduction of `steps` steps.
bool longReduction(int64_t steps) { return steps > 2 * kMaxReductionBlock; }

/// Long reductions are blocked: a loop over blocks of at most kMaxBlock steps
/// around all the register tiles, so that one block of each operand stays in
/// the L2 cache while every tile uses it. Without it, a ResNet-18 layer-4
/// convolution (4608 steps; a 576 KiB weight panel and a 900 KiB im2col
/// matrix) streams both from L3 for every tile. Returns the op inside the
/// loop (static: the block divides the reduction), or fails if the
/// reduction is short or has no suitable divisor.
FailureOr<TilingInterface> blockReduction(RewriterBase &rewriter, TilingInterface op,
                                          ArrayRef<utils::IteratorType> iterators) {
  constexpr int64_t kMaxBlock = kMaxReductionBlock, kMinBlock = 128;
  SmallVector<int64_t> bounds =
      cast<linalg::LinalgOp>(op.getOperation()).getStaticLoopRanges();
  SmallVector<unsigned> reductions;
  for (auto [d, it] : llvm::enumerate(iterators))
    if (it == utils::IteratorType::reduction)
      reductions.push_back(d);
  if (reductions.size() != 1 || !longReduction(bounds[reductions[0]]))
    return failure();
  int64_t extent = bounds[reductions[0]], block = kMaxBlock;
  while (block >= kMinBlock && extent % block != 0)
    --block;
  if (block < kMinBlock)
    return failure();
  SmallVector<int64_t> sizes(bounds.size(), 0);
  sizes[reductions[0]] = block;
  scf::SCFTilingOptions options;
  options.setTileSizes(getAsIndexOpFoldResult(rewriter.getContext(), sizes));
  rewriter.setInsertionPoint(op);
  FailureOr<scf::SCFTilingResult> tiled = scf::tileUsingSCF(rewriter, op, options);
  if (failed(tiled) || tiled->tiledOps.size() != 1)
    return failure();
  rewriter.replaceOp(op, tiled->replacements);
  return cast<TilingInterface>(tiled->tiledOps.front());
}

/// An activation such as ReLU or Clip that runs on each register tile as
/// soon as its reduction is done, while the tile is in registers, instead of
/// as another pass over the whole output: on MobileNetV2's 112x112
/// expansion that pass is a third of the convolution's time. It must be the
/// only user of the contraction's result (through reshapes), elementwise on
/// it with the identity map, and read nothing else but scalars, so that it
/// is the same function of each element whatever the tile's layout.
struct Epilogue {
  linalg::GenericOp op;
  unsigned input; ///< the input that is the contraction's result
};

std::optional<Epilogue> findEpilogue(linalg::LinalgOp contraction) {
  if (contraction->getNumResults() != 1 || contraction.getNumReductionLoops() == 0)
    return std::nullopt;
  Value result = contraction->getResult(0);
  while (result.hasOneUse() &&
         isa<tensor::ExpandShapeOp, tensor::CollapseShapeOp>(*result.user_begin()))
    result = result.user_begin()->getResult(0);
  if (!result.hasOneUse())
    return std::nullopt;
  auto op = dyn_cast<linalg::GenericOp>(*result.user_begin());
  if (!op || !op.hasPureTensorSemantics() || op.getNumDpsInits() != 1 ||
      op.getNumReductionLoops() != 0 || op.hasIndexSemantics() ||
      op->getResult(0).getType() != result.getType() ||
      !op.getMatchingIndexingMap(op.getDpsInitOperand(0)).isIdentity() ||
      !op.getMatchingBlockArgument(op.getDpsInitOperand(0)).use_empty())
    return std::nullopt;
  std::optional<unsigned> input;
  for (OpOperand *operand : op.getDpsInputOperands()) {
    AffineMap map = op.getMatchingIndexingMap(operand);
    if (operand->get() == result && map.isIdentity() && !input)
      input = operand->getOperandNumber();
    else if (map.getNumResults() != 0)
      return std::nullopt;
  }
  for (Operation &inner : op.getRegion().front().without_terminator())
    if (!isa<arith::ArithDialect, math::MathDialect>(inner.getDialect()) ||
        inner.getNumRegions() != 0)
      return std::nullopt;
  if (!input)
    return std::nullopt;
  return Epilogue{op, *input};
}

/// Whether the output tile `slice` is the same in every iteration of
/// `reduction`, the outermost reduction loop around it, which carries only
/// the output: work on the whole tile can then go before or after it.
bool sameTileAcross(tensor::ExtractSliceOp slice, scf::ForOp reduction) {
  return reduction.getNumResults() == 1 &&
         llvm::all_of(slice->getOperands().drop_front(),
                      [&](Value v) { return reduction.isDefinedOutsideOfLoop(v); });
}

/// Applies `epilogue` to the output tile `slice` (the tiled contraction's
/// destination, inside `reduction`, the outermost reduction loop) once that
/// loop is done: the tile is read back, transformed in place and inserted
/// into the loop's result.
LogicalResult applyEpilogue(RewriterBase &rewriter, Epilogue epilogue,
                            tensor::ExtractSliceOp slice, scf::ForOp reduction) {
  if (!sameTileAcross(slice, reduction))
    return failure();
  Value done = reduction.getResult(0);
  rewriter.setInsertionPointAfter(reduction);
  Value tile = extractLike(rewriter, slice, done);
  unsigned rank = slice.getType().getRank();
  MLIRContext *ctx = rewriter.getContext();
  SmallVector<Value> inputs;
  SmallVector<AffineMap> maps;
  for (OpOperand *operand : epilogue.op.getDpsInputOperands()) {
    bool isResult = operand->getOperandNumber() == epilogue.input;
    inputs.push_back(isResult ? tile : operand->get());
    maps.push_back(isResult ? AffineMap::getMultiDimIdentityMap(rank, ctx)
                            : AffineMap::get(rank, 0, ctx));
  }
  maps.push_back(AffineMap::getMultiDimIdentityMap(rank, ctx));
  auto applied = linalg::GenericOp::create(
      rewriter, slice.getLoc(), TypeRange{slice.getType()}, inputs, ValueRange{tile},
      maps, SmallVector<utils::IteratorType>(rank, utils::IteratorType::parallel));
  rewriter.cloneRegionBefore(epilogue.op.getRegion(), applied.getRegion(),
                             applied.getRegion().end());
  Value inserted = insertLike(rewriter, slice, applied->getResult(0), done);
  rewriter.replaceAllUsesExcept(
      done, inserted,
      SmallPtrSet<Operation *, 2>{tile.getDefiningOp(), inserted.getDefiningOp()});
  return vectorizeInPlace(rewriter, applied);
}

/// Lets the register tiles of `op` start from its initial value: when the
/// output is a bias broadcast or a fill (kiln::initialValue), the broadcast
/// input becomes an input of `op` that the body does not read (so tiling
/// and splitting slice it like any other), and the output the broadcast's
/// empty destination. applyPrologue then writes each tile's slice of it
/// just before the tile's reduction loop, where the accumulator load reads
/// it back from L1. Otherwise the broadcast writes the whole output once and
/// every tile reads its accumulator back from memory: 14% of ResNet-18's
/// stem convolution. With `keepOutput` (an output that will be split into
/// pieces: eliminate-empty-tensors places the pieces of a slice of an empty
/// tensor in a pad only through the op that writes it whole) the output
/// stays the broadcast's result, marked kOverwrittenAttr for
/// kiln-drop-overwritten-inits. Returns the new op; its last input is the
/// initial value.
FailureOr<linalg::GenericOp> startFromInitialValue(RewriterBase &rewriter,
                                                   linalg::LinalgOp op, bool keepOutput) {
  auto generic = dyn_cast<linalg::GenericOp>(op.getOperation());
  std::optional<kiln::InitialValue> initial =
      kiln::initialValue(op.getDpsInitOperand(0)->get());
  if (!generic || !initial ||
      getElementTypeOrSelf(initial->value.getType()) !=
          getElementTypeOrSelf(op.getDpsInits()[0].getType()))
    return failure();
  AffineMap out = op.getMatchingIndexingMap(op.getDpsInitOperand(0));
  SmallVector<Value> inputs(generic.getDpsInputs());
  inputs.push_back(initial->value);
  SmallVector<AffineMap> maps;
  for (OpOperand *input : op.getDpsInputOperands())
    maps.push_back(op.getMatchingIndexingMap(input));
  maps.push_back(initial->map.compose(out));
  maps.push_back(out);
  Value output = initial->dest;
  if (keepOutput) {
    output = op.getDpsInits()[0];
    rewriter.modifyOpInPlace(output.getDefiningOp(), [&] {
      output.getDefiningOp()->setAttr(kiln::kOverwrittenAttr, rewriter.getUnitAttr());
    });
  }
  rewriter.setInsertionPoint(op);
  auto started = linalg::GenericOp::create(
      rewriter, op.getLoc(), TypeRange{output.getType()}, inputs, ValueRange{output},
      maps, generic.getIteratorTypesArray());
  rewriter.cloneRegionBefore(generic.getRegion(), started.getRegion(),
                             started.getRegion().begin());
  Block &body = started.getRegion().front();
  body.insertArgument(generic.getNumDpsInputs(),
                      getElementTypeOrSelf(initial->value.getType()), op.getLoc());
  rewriter.replaceOp(op, started->getResults());
  return started;
}

/// Writes the initial value (input `input` of `tile`, which the body does
/// not read) into the output tile `slice` before `reduction`, the outermost
/// reduction loop, starts: the prologue of startFromInitialValue.
LogicalResult applyPrologue(RewriterBase &rewriter, linalg::LinalgOp tile, unsigned input,
                            tensor::ExtractSliceOp slice, scf::ForOp reduction) {
  if (!sameTileAcross(slice, reduction))
    return failure();
  // The tile's slice of the value does not depend on the reduction: it moves
  // out of the loop, to where the prologue reads it.
  Value value = tile->getOperand(input);
  if (!reduction.isDefinedOutsideOfLoop(value)) {
    auto valueSlice = value.getDefiningOp<tensor::ExtractSliceOp>();
    if (!valueSlice || !llvm::all_of(valueSlice->getOperands(), [&](Value v) {
          return reduction.isDefinedOutsideOfLoop(v);
        }))
      return failure();
    rewriter.moveOpBefore(valueSlice, reduction);
  }
  rewriter.setInsertionPoint(reduction);
  // The value's map, from the output's dimensions.
  AffineMap out = tile.getMatchingIndexingMap(tile.getDpsInitOperand(0));
  AffineMap map = tile.getMatchingIndexingMap(&tile->getOpOperand(input));
  MLIRContext *context = rewriter.getContext();
  SmallVector<AffineExpr> results;
  for (AffineExpr e : map.getResults()) {
    std::optional<unsigned> position = out.getResultPosition(e);
    if (!position)
      return failure();
    results.push_back(getAffineDimExpr(*position, context));
  }
  Value start = reduction.getInitArgs()[0];
  linalg::GenericOp written = broadcastInto(rewriter, slice.getLoc(), value, results,
                                            extractLike(rewriter, slice, start));
  Value inserted = insertLike(rewriter, slice, written->getResult(0), start);
  rewriter.modifyOpInPlace(reduction,
                           [&] { reduction.getInitArgsMutable()[0].set(inserted); });
  return vectorizeInPlace(rewriter, written);
}

/// Tiles `op` by `sizes` (0: not tiled) in `order` and vectorizes each tile.
LogicalResult tileAndVectorizeOne(RewriterBase &rewriter, TilingInterface op,
                                  ArrayRef<int64_t> sizes, ArrayRef<int64_t> order,
                                  ArrayRef<utils::IteratorType> iterators,
                                  std::optional<unsigned> initialInput,
                                  const std::optional<Epilogue> &epilogue) {
  scf::SCFTilingOptions options;
  options.setTileSizes(getAsIndexOpFoldResult(rewriter.getContext(), sizes));
  options.setInterchange(order);
  rewriter.setInsertionPoint(op);
  FailureOr<scf::SCFTilingResult> tiled = scf::tileUsingSCF(rewriter, op, options);
  if (failed(tiled))
    return failure();
  rewriter.replaceOp(op, tiled->replacements);
  // The loops over output tiles may run in parallel once bufferized
  // (kiln-parallelize-tiles); the reduction loops, innermost, not.
  // tileUsingSCF makes one loop per tiled dimension, in `order`.
  SmallVector<int64_t> tiledDims;
  for (int64_t d : order)
    if (sizes[d] != 0)
      tiledDims.push_back(d);
  scf::ForOp reduction;
  for (auto [loop, dim] : llvm::zip(tiled->loops, tiledDims)) {
    if (iterators[dim] == utils::IteratorType::parallel)
      loop->setAttr("kiln.parallel_tiles", rewriter.getUnitAttr());
    else if (!reduction)
      reduction = dyn_cast<scf::ForOp>(loop.getOperation());
  }
  for (Operation *tile : tiled->tiledOps) {
    tensor::ExtractSliceOp slice;
    auto linalgTile = cast<linalg::LinalgOp>(tile);
    if (epilogue || initialInput) {
      slice =
          linalgTile.getDpsInitOperand(0)->get().getDefiningOp<tensor::ExtractSliceOp>();
      if (!slice || !reduction || tiled->tiledOps.size() != 1)
        return tile->emitError("internal error: no output tile for its initial value or "
                               "activation");
    }
    if (initialInput &&
        failed(applyPrologue(rewriter, linalgTile, *initialInput, slice, reduction)))
      return reduction.emitError("internal error: could not start the output tile from "
                                 "its initial value");
    rewriter.setInsertionPoint(tile);
    // Named contractions become vector.contract, which lowers to FMAs; the
    // multiplies and adds of generic ones become FMAs in LLVM's backend
    // (kilnc allows floating-point contraction).
    FailureOr<linalg::VectorizationResult> vectorized = linalg::vectorize(
        rewriter, tile, /*inputVectorSizes=*/{}, /*inputScalableVecDims=*/{},
        /*vectorizeNDExtract=*/false, /*flatten1DDepthwiseConv=*/false,
        /*assumeDynamicDimsMatchVecSizes=*/false, /*createNamedContraction=*/true);
    if (succeeded(vectorized))
      rewriter.replaceOp(tile, vectorized->replacements);
    if (epilogue && failed(applyEpilogue(rewriter, *epilogue, slice, reduction)))
      return reduction.emitError("internal error: could not apply ")
             << epilogue->op->getName() << " to the output tile";
  }
  return success();
}

LogicalResult TileContractions::tileAndVectorize(RewriterBase &rewriter,
                                                 linalg::LinalgOp op) {
  if (!op.hasPureTensorSemantics() || op.hasDynamicShape() || op.getNumDpsInits() != 1 ||
      !linalg::isaContractionOpInterface(op))
    return failure();
  for (Value v : op->getOperands())
    if (!getElementTypeOrSelf(v.getType()).isF32())
      return failure();
  int64_t lanes = columnTile() / 2;
  // Accumulators: rows x 2 vectors; plus 2 for the right-hand side row and one
  // for the broadcast left-hand side element.
  int64_t rows = std::clamp<int64_t>((vectorRegisters - 3) / 2, 1, 8);
  int64_t cols = columnTile();
  std::optional<TileLayout> chosen = chooseLayout(op, cols);
  if (!chosen)
    return failure();
  TileLayout layout = *chosen;
  SmallVector<utils::IteratorType> iterators = op.getIteratorTypesArray();
  if (op.getStaticLoopRanges()[layout.col] < std::min<int64_t>(lanes, 4))
    return failure(); // Too narrow to gain from vectors.
  // A matrix-vector product (no row tiles) over constant columns that no
  // tile divides: zero columns make whole panels of them (padColumns).
  if (int64_t columns = op.getStaticLoopRanges()[layout.col];
      !layout.row && hasRemainder(columns, cols) && onlyConstantsUse(op, layout.col))
    if (FailureOr<linalg::LinalgOp> padded =
            padColumns(rewriter, op, layout.col, llvm::alignTo(columns, cols));
        succeeded(padded))
      op = *padded;
  // Reductions blocked by blockReduction finish only after every tile has
  // seen every block: no tile is final before the end.
  std::optional<Epilogue> epilogue = findEpilogue(op);
  SmallVector<int64_t> ranges = op.getStaticLoopRanges();
  bool blocked = false;
  for (auto [bound, it] : llvm::zip(ranges, iterators))
    blocked |= it == utils::IteratorType::reduction && longReduction(bound);
  if (blocked)
    epilogue.reset();
  if (layout.row) {
    // A row count that divides the rows leaves no remainder tile, which
    // would run at a fraction of the speed: 49 output pixels are 7 tiles of
    // 7 rather than 6 of 8 and one of 1.
    for (int64_t r = rows; r > rows / 2; --r)
      if (ranges[*layout.row] % r == 0) {
        rows = r;
        break;
      }
  }
  // Whether whole tiles and remainders will be split apart (below; columns
  // that the tile divides are packed or left whole): see
  // startFromInitialValue's `keepOutput`.
  bool splits = hasRemainder(ranges[layout.col], cols) ||
                (layout.row && hasRemainder(ranges[*layout.row], rows));
  std::optional<unsigned> initialInput;
  if (!blocked)
    if (FailureOr<linalg::GenericOp> started =
            startFromInitialValue(rewriter, op, splits);
        succeeded(started)) {
      op = *started;
      initialInput = op.getNumDpsInputs() - 1;
    }
  // Contiguous vector loads: the column dimension is innermost wherever used,
  // and constant inputs are laid out in panels of one tile's columns.
  if (failed(makeColumnsContiguous(rewriter, op, layout.col)))
    return failure();
  if (FailureOr<linalg::GenericOp> packed =
          packColumnPanels(rewriter, op, layout.col, cols, std::nullopt);
      succeeded(packed)) {
    op = *packed;
    layout.within = op.getNumLoops() - 1;
    iterators = op.getIteratorTypesArray();
  }
  // The broadcast side too, when it is constant (the weights of a
  // convolution whose rows are its filters): each tile's rows then come from
  // one contiguous [K][rows] panel instead of `rows` rows of the matrix, one
  // cache line for two steps instead of `rows` lines at every step.
  // SqueezeNet's classifier (1000 x 512, 169 pixels) ran 20-25% faster, its
  // 55x55 3x3 expansions (144 steps) 3-5%. Not with row tiles outermost
  // (short reductions, below): their few weights stay in L1 anyway, and
  // MobileNetV2, whose expansions are such, was 3-5% slower.
  // (Column packing adds its loop last: `ranges` still indexes the others.)
  if (layout.row && reductionSteps(ranges, iterators) > kRowsOuterMaxSteps &&
      onlyConstantsUse(op, *layout.row) && ranges[*layout.row] % rows == 0 &&
      ranges[*layout.row] > rows &&
      succeeded(makeColumnsContiguous(rewriter, op, *layout.row)))
    if (FailureOr<linalg::GenericOp> packed =
            packColumnPanels(rewriter, op, *layout.row, rows, layout.col);
        succeeded(packed)) {
      // The row within a panel goes just before the columns, so that the
      // register tile's vectors stay on the columns.
      op = *packed;
      unsigned at = layout.col;
      auto moved = [&](unsigned d) { return d < at ? d : d + 1; };
      layout.rowPanel = moved(*layout.row);
      layout.row = at;
      layout.col = moved(layout.col);
      if (layout.within)
        layout.within = moved(*layout.within);
      iterators = op.getIteratorTypesArray();
    }

  // Whole tiles, then the remainders: each piece has static tile shapes.
  SmallVector<TilingInterface> pieces = {cast<TilingInterface>(op.getOperation())};
  auto split = [&](unsigned dim, int64_t tile) {
    SmallVector<TilingInterface> next;
    for (TilingInterface piece : pieces) {
      int64_t size =
          cast<linalg::LinalgOp>(piece.getOperation()).getStaticLoopRanges()[dim];
      if (!hasRemainder(size, tile)) {
        next.push_back(piece);
        continue;
      }
      rewriter.setInsertionPoint(piece);
      auto [whole, rest] = linalg::splitOp(rewriter, piece, dim,
                                           rewriter.getIndexAttr(size / tile * tile));
      next.push_back(whole);
      next.push_back(rest);
    }
    pieces = std::move(next);
  };
  // A column remainder wider than a vector is split again into whole
  // vectors and the rest: LLVM legalizes a 17-wide row of accumulators
  // (SqueezeNet's 3025 = 94 x 32 + 17 pixels) as scalars and spills, 11% of
  // the convolution for 0.6% of its work; as 16 + 1 it is two short loops.
  if (!layout.within) {
    split(layout.col, cols);
    split(layout.col, lanes);
  }
  if (layout.row)
    split(*layout.row, rows);

  for (TilingInterface piece : pieces) {
    if (FailureOr<TilingInterface> block = blockReduction(rewriter, piece, iterators);
        succeeded(block))
      piece = *block;
    auto linalgPiece = cast<linalg::LinalgOp>(piece.getOperation());
    SmallVector<int64_t> bounds = linalgPiece.getStaticLoopRanges();
    SmallVector<int64_t> sizes(bounds.size(), 0);
    SmallVector<int64_t> order;
    // Column tiles outermost (a right-hand side panel is reused across the
    // row tiles), then rows, then the reduction, one step at a time. With a
    // short reduction the row tiles go outermost instead: each tile then
    // does so little arithmetic that writing its output is most of its
    // time, and row tiles outermost write each output row in order, where
    // the prefetchers follow, rather than two cache lines in each of the
    // rows per column tile (MobileNetV2's 112x112 expansion, 16 steps, into
    // a 5 MB padded buffer). Re-reading the short right-hand side for every
    // row tile costs less. Measured on whole models: 6-10% faster with at
    // most 32 steps; 64 or 128 are slower on ResNet-18.
    auto tileRows = [&] {
      if (layout.rowPanel) {
        sizes[*layout.rowPanel] = 1;
        order.push_back(*layout.rowPanel);
      }
      sizes[*layout.row] = std::min(bounds[*layout.row], rows);
      order.push_back(*layout.row);
    };
    // Row tiles go outermost too when the rows' operand (the broadcast side:
    // a classifier's weights) is bigger than the L2 cache holds alongside
    // the rest and bigger than the columns' operand: with the column tiles
    // outermost it streamed in from L3 once per column tile, where rows
    // outermost read it once and re-read the smaller columns' panels from
    // L2. SqueezeNet's classifier (1000 x 512 weights, 2 MiB, over 169
    // pixels) in the model: 1-2% of the model's time.
    int64_t steps = reductionSteps(bounds, iterators);
    int64_t elementBytes = getElementTypeOrSelf(linalgPiece.getDpsInits()[0].getType())
                               .getIntOrFloatBitWidth() /
                           8;
    int64_t rowCount = layout.row ? bounds[*layout.row] *
                                        (layout.rowPanel ? bounds[*layout.rowPanel] : 1)
                                  : 0;
    int64_t colCount = bounds[layout.col] * (layout.within ? bounds[*layout.within] : 1);
    bool bigRows =
        rowCount > colCount && rowCount * steps * elementBytes > kRowsOuterMinBytes;
    bool rowsOuter = layout.row && (steps <= kRowsOuterMaxSteps || bigRows);
    if (rowsOuter)
      tileRows();
    for (unsigned d = 0; d < bounds.size(); ++d)
      if (iterators[d] == utils::IteratorType::parallel && d != layout.col &&
          d != layout.row && d != layout.within && d != layout.rowPanel) {
        sizes[d] = bounds[d] == 1 ? 0 : 1;
        order.push_back(d);
      }
    sizes[layout.col] = layout.within ? 1 : std::min(bounds[layout.col], cols);
    order.push_back(layout.col);
    if (layout.within)
      order.push_back(*layout.within); // whole panels: not tiled
    if (layout.row && !rowsOuter)
      tileRows();
    for (unsigned d = 0; d < bounds.size(); ++d)
      if (iterators[d] == utils::IteratorType::reduction) {
        sizes[d] = 1;
        order.push_back(d);
      }
    if (failed(tileAndVectorizeOne(rewriter, piece, sizes, order, iterators, initialInput,
                                   epilogue)))
      return failure();
  }
  // Every tile of every piece has applied it.
  if (epilogue)
    rewriter.replaceOp(epilogue->op,
                       epilogue->op.getDpsInputOperand(epilogue->input)->get());
  return success();
}

void TileContractions::runOnOperation() {
  IRRewriter rewriter(&getContext());
  SmallVector<linalg::Conv2DNchwFchwOp> convs;
  getOperation().walk([&](linalg::Conv2DNchwFchwOp conv) {
    if (conv.hasPureTensorSemantics() && !conv.hasDynamicShape())
      convs.push_back(conv);
  });
  for (linalg::Conv2DNchwFchwOp conv : convs) {
    if (failed(rewriteAsContraction(rewriter, conv, columnTile()))) {
      rewriter.setInsertionPoint(conv);
      (void)linalg::rewriteInIm2Col(rewriter, conv);
    }
  }
  SmallVector<linalg::LinalgOp> contractions;
  getOperation().walk([&](linalg::LinalgOp op) {
    if (linalg::isaContractionOpInterface(op))
      contractions.push_back(op);
  });
  for (linalg::LinalgOp op : contractions)
    (void)tileAndVectorize(rewriter, op);
}

} // namespace
