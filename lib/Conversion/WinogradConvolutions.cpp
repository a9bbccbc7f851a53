//===- WinogradConvolutions.cpp - 3x3 convolutions by Winograd F(2x2,3x3) -===//
//
// A 3x3 stride-1 convolution computed directly costs 9 multiply-adds per
// output pixel, input channel and output channel; ResNet-18 spends four
// fifths of its time there. Winograd's minimal filtering algorithm F(2x2,
// 3x3) computes a 2x2 block of output pixels from a 4x4 block of input
// pixels with 16 multiplications instead of 36 (2.25 times fewer):
//
//   Y = A^T [ (G g G^T) .* (B^T d B) ] A
//
//   B^T = [1  0 -1  0]   G = [  1    0    0 ]   A^T = [1  1  1  0]
//         [0  1  1  0]       [ 1/2  1/2  1/2]         [0  1 -1 -1]
//         [0 -1  1  0]       [ 1/2 -1/2  1/2]
//         [0  1  0 -1]       [  0    0    1 ]
//
// Summed over input channels, the elementwise products become 16 matrix
// products, [F, C] x [C, tiles], which kiln-tile-contractions turns into
// register tiles like any other contraction. The filter transform runs at
// compile time. The input and output transforms are written here as
// vector code over a row of tiles (tiles are 2 pixels apart, so each input
// row is read as two overlapping vectors of pixels and split into even and
// odd columns by shuffles; the output's two columns are interleaved back):
// as linalg ops they would be strided scalar loops or dense 4x4 products
// that multiply by the transforms' zeros. F(2x2, 3x3) rather than F(4x4,
// 3x3): its transforms are additions only, exact enough in f32 for any
// filter, and its 2x2 tiles waste little on the 7x7 and 14x14 maps of a
// network's last layers.
//
//===----------------------------------------------------------------------===//

#include "lib/Conversion/ConstantData.h"
#include "lib/Conversion/InitialValue.h"
#include "lib/Conversion/Passes.h"

#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "mlir/IR/Matchers.h"

#include <cstring>

using namespace mlir;

namespace kiln {
#define GEN_PASS_DEF_WINOGRADCONVOLUTIONS
#include "lib/Conversion/Passes.h.inc"
} // namespace kiln

namespace {

/// When a convolution is worth rewriting (the pass's options).
struct Thresholds {
  int64_t lanes;           ///< tiles per vector
  int64_t minTiles;        ///< fewest 2x2 output tiles, over the batch
  double maxTransformCost; ///< see rewriteByWinograd
};

/// The filter transform of every (output, input) channel pair, U = G g G^T,
/// as a [16, F, C] constant: U[4 * xi + nu][f][c].
ElementsAttr transformedFilter(ArrayRef<char> bytes, int64_t filters, int64_t channels,
                               MLIRContext *context) {
  static const double g[4][3] = {{1, 0, 0}, {0.5, 0.5, 0.5}, {0.5, -0.5, 0.5}, {0, 0, 1}};
  std::vector<float> out(16 * filters * channels);
  for (int64_t f = 0; f < filters; ++f)
    for (int64_t c = 0; c < channels; ++c) {
      float k[9];
      std::memcpy(k, &bytes[(f * channels + c) * sizeof k], sizeof k);
      double gk[4][3]; // G k
      for (int xi = 0; xi < 4; ++xi)
        for (int j = 0; j < 3; ++j)
          gk[xi][j] = g[xi][0] * k[j] + g[xi][1] * k[3 + j] + g[xi][2] * k[6 + j];
      for (int xi = 0; xi < 4; ++xi)
        for (int nu = 0; nu < 4; ++nu)
          out[((xi * 4 + nu) * filters + f) * channels + c] = static_cast<float>(
              gk[xi][0] * g[nu][0] + gk[xi][1] * g[nu][1] + gk[xi][2] * g[nu][2]);
    }
  ArrayRef<char> raw(reinterpret_cast<const char *>(out.data()),
                     out.size() * sizeof(float));
  return DenseResourceElementsAttr::get(
      RankedTensorType::get({16, filters, channels}, Float32Type::get(context)),
      "kiln_winograd", HeapAsmResourceBlob::allocateAndCopyWithAlign(raw, 64));
}

/// Builds vector code for the transforms.
struct VectorBuilder {
  OpBuilder &b;
  Location loc;

  Value index(int64_t i) { return arith::ConstantIndexOp::create(b, loc, i); }
  Value add(Value x, Value y) { return arith::AddFOp::create(b, loc, x, y); }
  Value sub(Value x, Value y) { return arith::SubFOp::create(b, loc, x, y); }
  /// i * scale + offset, for loop indices.
  Value affine(Value i, int64_t scale, int64_t offset) {
    Value v = arith::MulIOp::create(b, loc, i, index(scale));
    return offset ? arith::AddIOp::create(b, loc, v, index(offset)).getResult() : v;
  }
  Value plus(Value x, Value y) { return arith::AddIOp::create(b, loc, x, y); }

  /// B^T applied to four rows (or columns): x0 - x2, x1 + x2, x2 - x1, x1 - x3.
  std::array<Value, 4> inputTransform(ArrayRef<Value> x) {
    return {sub(x[0], x[2]), add(x[1], x[2]), sub(x[2], x[1]), sub(x[1], x[3])};
  }
  /// A^T applied to four rows (or columns): x0 + x1 + x2, x1 - x2 - x3.
  std::array<Value, 2> outputTransform(ArrayRef<Value> x) {
    return {add(add(x[0], x[1]), x[2]), sub(sub(x[1], x[2]), x[3])};
  }

  /// Lanes `first`, `first + 2`, ... of `v` (twice as long as the result).
  Value everyOther(Value v, int64_t first) {
    int64_t n = cast<VectorType>(v.getType()).getNumElements() / 2;
    SmallVector<int64_t> mask;
    for (int64_t i = 0; i < n; ++i)
      mask.push_back(2 * i + first);
    return vector::ShuffleOp::create(b, loc, v, v, mask);
  }
  /// x0, y0, x1, y1, ...
  Value interleave(Value x, Value y) {
    int64_t n = cast<VectorType>(x.getType()).getNumElements();
    SmallVector<int64_t> mask;
    for (int64_t i = 0; i < n; ++i) {
      mask.push_back(i);
      mask.push_back(n + i);
    }
    return vector::ShuffleOp::create(b, loc, x, y, mask);
  }

  Value read(Value source, ValueRange indices, int64_t lanes, bool inBounds = true) {
    auto type = VectorType::get({lanes}, Float32Type::get(b.getContext()));
    Value zero = arith::ConstantOp::create(b, loc, b.getF32FloatAttr(0));
    return vector::TransferReadOp::create(b, loc, type, source, indices, zero,
                                          ArrayRef<bool>{inBounds});
  }
  Value write(Value v, Value dest, ValueRange indices, bool inBounds = true) {
    return vector::TransferWriteOp::create(b, loc, v, dest, indices,
                                           ArrayRef<bool>{inBounds})
        .getResult();
  }
};

/// scf.for i in [0, count) carrying `tensor`; `body` returns the new value.
/// `parallel`: its iterations write disjoint parts of the tensor
/// (kiln-parallelize-tiles).
Value forLoop(OpBuilder &b, Location loc, int64_t count, Value tensor, bool parallel,
              function_ref<Value(OpBuilder &, Value, Value)> body) {
  Value zero = arith::ConstantIndexOp::create(b, loc, 0);
  Value one = arith::ConstantIndexOp::create(b, loc, 1);
  Value upper = arith::ConstantIndexOp::create(b, loc, count);
  auto loop =
      scf::ForOp::create(b, loc, zero, upper, one, ValueRange{tensor},
                         [&](OpBuilder &nb, Location l, Value i, ValueRange args) {
                           scf::YieldOp::create(nb, l, body(nb, i, args[0]));
                         });
  if (parallel)
    loop->setAttr("kiln.parallel_tiles", b.getUnitAttr());
  return loop.getResult(0);
}

/// The shape of the tiling of one convolution.
struct Tiling {
  int64_t batch, channels, filters, outH, outW;
  int64_t tilesH, tilesW; ///< 2x2 output tiles per column and row
  int64_t lanes;          ///< tiles per vector
  /// Columns of the transformed input and of the products: the tiles, and
  /// zero padding up to `columns` (rewriteByWinograd).
  int64_t columns;
  int64_t tiles() const { return batch * tilesH * tilesW; }
};

/// Calls `block(b, firstTile, count, last, state)` for the tiles of one
/// row, `count` tiles from tile column `firstTile`: whole vectors of `lanes`
/// tiles in a loop, then the last vector (whole, or the shorter rest) on its
/// own, so that only it (`last`) may need masking.
Value forRowOfTiles(OpBuilder &b, Location loc, const Tiling &t, Value state,
                    function_ref<Value(OpBuilder &, Value, int64_t, bool, Value)> block) {
  int64_t whole = t.tilesW / t.lanes, rest = t.tilesW % t.lanes;
  int64_t looped = rest ? whole : whole - 1;
  // (A loop of one iteration is inlined by canonicalization.)
  if (looped > 0)
    state = forLoop(b, loc, looped, state, false, [&](OpBuilder &nb, Value i, Value s) {
      VectorBuilder v{nb, loc};
      return block(nb, v.affine(i, t.lanes, 0), t.lanes, false, s);
    });
  return block(b, arith::ConstantIndexOp::create(b, loc, looped * t.lanes),
               rest ? rest : t.lanes, true, state);
}

/// The index of tile (n, th, tw) in the transforms' [16, C or F, tiles].
Value tileIndex(VectorBuilder &vb, const Tiling &t, Value n, Value th, Value tw) {
  return vb.plus(vb.affine(n, t.tilesH * t.tilesW, 0),
                 vb.plus(vb.affine(th, t.tilesW, 0), tw));
}

/// The input transform of `lanes` tiles from (n, c, th, tw) into `v`.
Value transformInputTiles(OpBuilder &b, Location loc, const Tiling &t, Value input,
                          Value n, Value c, Value th, Value tw, int64_t lanes, Value v) {
  VectorBuilder vb{b, loc};
  // d[i][j]: input row 2 th + i, column 2 tw + j of each tile.
  Value column = vb.affine(tw, 2, 0);
  Value shifted = vb.plus(column, vb.index(2));
  std::array<std::array<Value, 4>, 4> d;
  for (int64_t i = 0; i < 4; ++i) {
    Value row = vb.affine(th, 2, i);
    Value left = vb.read(input, {n, c, row, column}, 2 * lanes);
    Value right = vb.read(input, {n, c, row, shifted}, 2 * lanes);
    d[i] = {vb.everyOther(left, 0), vb.everyOther(left, 1), vb.everyOther(right, 0),
            vb.everyOther(right, 1)};
  }
  std::array<std::array<Value, 4>, 4> rows; // B^T d
  for (int64_t j = 0; j < 4; ++j) {
    std::array<Value, 4> col = vb.inputTransform({d[0][j], d[1][j], d[2][j], d[3][j]});
    for (int64_t xi = 0; xi < 4; ++xi)
      rows[xi][j] = col[xi];
  }
  Value tile = tileIndex(vb, t, n, th, tw);
  for (int64_t xi = 0; xi < 4; ++xi) {
    std::array<Value, 4> out = vb.inputTransform(rows[xi]); // (B^T d) B
    for (int64_t nu = 0; nu < 4; ++nu)
      v = vb.write(out[nu], v, {vb.index(4 * xi + nu), c, tile});
  }
  return v;
}

/// V[4 * xi + nu][c][tile] = (B^T d B)[xi][nu] for the 4x4 input tile d of
/// every 2x2 output tile; `input` is padded to [N, C, 2 * tilesH + 2,
/// 2 * tilesW + 2].
Value transformInput(OpBuilder &b, Location loc, const Tiling &t, Value input) {
  Value empty = tensor::EmptyOp::create(
      b, loc, ArrayRef<int64_t>{16, t.channels, t.columns}, b.getF32Type());
  if (t.columns > t.tiles()) {
    // Zeros in the padding columns (whose products nothing reads), not
    // whatever the arena held: denormals would slow the products down.
    SmallVector<int64_t> shape = {16, t.channels, t.columns - t.tiles()};
    Value zero = arith::ConstantOp::create(b, loc, b.getF32FloatAttr(0));
    Value pad = linalg::FillOp::create(
                    b, loc, zero,
                    tensor::EmptyOp::create(b, loc, shape, b.getF32Type()).getResult())
                    .getResult(0);
    SmallVector<int64_t> offsets = {0, 0, t.tiles()}, strides = {1, 1, 1};
    empty = tensor::InsertSliceOp::create(b, loc, pad, empty, ValueRange{}, ValueRange{},
                                          ValueRange{}, offsets, shape, strides);
  }
  return forLoop(b, loc, t.channels, empty, true, [&](OpBuilder &b, Value c, Value v) {
    return forLoop(b, loc, t.batch, v, false, [&](OpBuilder &b, Value n, Value v) {
      return forLoop(b, loc, t.tilesH, v, false, [&](OpBuilder &b, Value th, Value v) {
        return forRowOfTiles(
            b, loc, t, v, [&](OpBuilder &b, Value tw, int64_t lanes, bool, Value v) {
              return transformInputTiles(b, loc, t, input, n, c, th, tw, lanes, v);
            });
      });
    });
  });
}

/// The convolution's initial value. Kiln's Conv lowering broadcasts the
/// bias into the output (or fills it with zeros) before the convolution
/// accumulates; when nothing else uses that tensor, the output transform
/// adds the bias itself and writes the broadcast's empty destination, which
/// saves writing the output once and reading it back.
struct Initial {
  Value dest;       ///< the tensor the output transform writes
  Value scalar;     ///< a fill's value, or
  Value perChannel; ///< a broadcast [F] bias, or neither: read `dest`
};

Initial analyzeInitial(Value init) {
  std::optional<kiln::InitialValue> initial = kiln::initialValue(init);
  if (!initial || !getElementTypeOrSelf(initial->value.getType()).isF32())
    return {init, Value(), Value()};
  if (initial->map.getNumResults() == 0 && initial->value.getType().isF32())
    return {initial->dest, initial->value, Value()};
  if (initial->map == AffineMap::get(4, 0, getAffineDimExpr(1, init.getContext())))
    return {initial->dest, Value(), initial->value};
  return {init, Value(), Value()};
}

/// The output transform of `lanes` tiles from (n, f, th, tw), added to
/// `outRows` (1 or 2) rows of `out`; `last`: the last vector of a row.
Value transformOutputTiles(OpBuilder &b, Location loc, const Tiling &t, Value products,
                           const Initial &initial, Value n, Value f, Value th, Value tw,
                           int64_t lanes, int64_t outRows, bool last, Value out) {
  VectorBuilder vb{b, loc};
  Value tile = tileIndex(vb, t, n, th, tw);
  std::array<std::array<Value, 4>, 4> m;
  for (int64_t e = 0; e < 16; ++e)
    m[e / 4][e % 4] = vb.read(products, {vb.index(e), f, tile}, lanes);
  std::array<std::array<Value, 4>, 2> rows; // A^T M
  for (int64_t nu = 0; nu < 4; ++nu) {
    std::array<Value, 2> col =
        vb.outputTransform({m[0][nu], m[1][nu], m[2][nu], m[3][nu]});
    rows[0][nu] = col[0];
    rows[1][nu] = col[1];
  }
  // An odd width: the last vector's last tile has one column outside.
  bool inBounds = !(last && t.outW % 2 == 1);
  Value column = vb.affine(tw, 2, 0);
  Value bias = initial.scalar;
  if (initial.perChannel)
    bias = tensor::ExtractOp::create(b, loc, initial.perChannel, ValueRange{f});
  auto type = VectorType::get({2 * lanes}, b.getF32Type());
  for (int64_t a = 0; a < outRows; ++a) {
    std::array<Value, 2> pair = vb.outputTransform(rows[a]); // (A^T M) A
    Value pixels = vb.interleave(pair[0], pair[1]);
    Value row = vb.affine(th, 2, a);
    Value start = bias ? vector::BroadcastOp::create(b, loc, type, bias).getResult()
                       : vb.read(out, {n, f, row, column}, 2 * lanes, inBounds);
    out = vb.write(vb.add(start, pixels), out, {n, f, row, column}, inBounds);
  }
  return out;
}

/// out[n][f][2 th + a][2 tw + b] = initial + (A^T M A)[a][b] for every
/// tile, M the tile's 16 products from `products` [16, F, tiles].
Value transformOutput(OpBuilder &b, Location loc, const Tiling &t, Value products,
                      const Initial &initial) {
  // A row of tiles writes two output rows; the last one of an odd height one.
  auto rowOfTiles = [&](OpBuilder &b, Value f, Value n, Value th, int64_t outRows,
                        Value out) {
    return forRowOfTiles(
        b, loc, t, out, [&](OpBuilder &b, Value tw, int64_t lanes, bool last, Value out) {
          return transformOutputTiles(b, loc, t, products, initial, n, f, th, tw, lanes,
                                      outRows, last, out);
        });
  };
  return forLoop(
      b, loc, t.filters, initial.dest, true, [&](OpBuilder &b, Value f, Value out) {
        return forLoop(
            b, loc, t.batch, out, false, [&](OpBuilder &b, Value n, Value out) {
              out = forLoop(b, loc, t.outH / 2, out, false,
                            [&](OpBuilder &b, Value th, Value out) {
                              return rowOfTiles(b, f, n, th, 2, out);
                            });
              if (t.outH % 2)
                out = rowOfTiles(b, f, n,
                                 arith::ConstantIndexOp::create(b, loc, t.tilesH - 1), 1,
                                 out);
              return out;
            });
      });
}

/// `x` [N, C, H, W] with `extraH` rows and `extraW` columns of zeros added at
/// the bottom and right; merged into the tensor.pad that produces x if any.
Value padMore(OpBuilder &b, Location loc, Value x, int64_t extraH, int64_t extraW) {
  if (!extraH && !extraW)
    return x;
  auto type = cast<RankedTensorType>(x.getType());
  SmallVector<int64_t> shape(type.getShape());
  shape[2] += extraH;
  shape[3] += extraW;
  SmallVector<OpFoldResult> low(4, b.getIndexAttr(0)), high(4, b.getIndexAttr(0));
  high[2] = b.getIndexAttr(extraH);
  high[3] = b.getIndexAttr(extraW);
  Value source = x;
  if (auto pad = x.getDefiningOp<tensor::PadOp>(); pad && pad->hasOneUse()) {
    Value value = pad.getConstantPaddingValue();
    if (value && matchPattern(value, m_AnyZeroFloat()) &&
        !ShapedType::isDynamicShape(pad.getStaticLow()) &&
        !ShapedType::isDynamicShape(pad.getStaticHigh())) {
      source = pad.getSource();
      for (int64_t i = 0; i < 4; ++i) {
        low[i] = b.getIndexAttr(pad.getStaticLow()[i]);
        high[i] = b.getIndexAttr(pad.getStaticHigh()[i] + (i == 2   ? extraH
                                                           : i == 3 ? extraW
                                                                    : 0));
      }
    }
  }
  Value zero = arith::ConstantOp::create(b, loc, b.getF32FloatAttr(0));
  return tensor::PadOp::create(b, loc, RankedTensorType::get(shape, b.getF32Type()),
                               source, low, high, zero);
}

/// Rewrites `conv` by F(2x2, 3x3), or fails changing nothing.
LogicalResult rewriteByWinograd(RewriterBase &rewriter, linalg::Conv2DNchwFchwOp conv,
                                const Thresholds &worth) {
  int64_t lanes = std::max<int64_t>(1, worth.lanes);
  Value input = conv.getInputs()[0], filter = conv.getInputs()[1];
  Value init = conv.getOutputs()[0];
  auto inputType = cast<RankedTensorType>(input.getType());
  auto filterType = cast<RankedTensorType>(filter.getType());
  auto outType = cast<RankedTensorType>(init.getType());
  if (!conv.hasPureTensorSemantics() || conv.hasDynamicShape() ||
      !inputType.getElementType().isF32() || !filterType.getElementType().isF32() ||
      !outType.getElementType().isF32())
    return failure();
  ArrayRef<int64_t> fs = filterType.getShape(), out = outType.getShape();
  if (fs[2] != 3 || fs[3] != 3 ||
      !llvm::all_of(conv.getStrides().getValues<int64_t>(),
                    [](int64_t s) { return s == 1; }) ||
      !llvm::all_of(conv.getDilations().getValues<int64_t>(),
                    [](int64_t d) { return d == 1; }))
    return failure();
  // The transforms cost about 1/C + 1/F of the multiplications they save
  // per tile, more where a row of tiles fills its vectors only partly.
  // Measured against the im2col product on one AVX-512 core: 1.6 to 2.2
  // times faster at ResNet-18's 64 to 256 channels (cost 0.018 to 0.036).
  // SqueezeNet's expansions cost 0.045 (27x27 from 32 channels, 13x13 from
  // 64), 0.059 (13x13 from 48) and 0.089 (55x55 from 16): on an Intel Xeon
  // they ran up to 1.2 times slower; on an AMD EPYC (Zen 5) the model ran
  // 9% faster on one thread and 4% on two with the two at 0.045, and
  // adding the others gained 2% more on one thread and lost 1% on two.
  int64_t tilesH = (out[2] + 1) / 2, tilesW = (out[3] + 1) / 2;
  double filled = double(tilesW) / double(llvm::divideCeil(tilesW, lanes) * lanes);
  if ((1.0 / double(fs[1]) + 1.0 / double(fs[0])) / filled > worth.maxTransformCost)
    return failure();
  // Too few tiles: the transformed filter, 16/9 the size of the original,
  // is read once per run and each of its elements used for only a few
  // tiles, so the products are bound by memory, not arithmetic (ResNet-18's
  // 7x7 maps have 16 tiles: 1.2 times faster, for 12 MiB more weights).
  int64_t tiles = out[0] * tilesH * tilesW;
  if (tiles < worth.minTiles)
    return failure();
  std::optional<ArrayRef<char>> weights = kiln::rawElements(kiln::constantValue(filter));
  if (!weights ||
      int64_t(weights->size()) != filterType.getNumElements() * int64_t(sizeof(float)))
    return failure();

  // kiln-tile-contractions vectorizes the products over the tiles when its
  // column tile (two vectors) divides their count, else over the filters.
  // Over the tiles, the transformed input's panel of a column tile stays in
  // the L1 cache across the filters: ResNet-18's 56x56 convolutions ran 1.2
  // times faster with 784 tiles padded to 800 than over the filters. Fewer
  // tiles (14x14 maps: 49) want the filters, and padding more than 1/16.
  int64_t columns = llvm::alignTo(tiles, 2 * lanes);
  if ((columns - tiles) * 16 > tiles)
    columns = tiles;
  Tiling t{out[0], fs[1], fs[0], out[2], out[3], tilesH, tilesW, lanes, columns};
  Location loc = conv.getLoc();
  rewriter.setInsertionPoint(conv);
  Value padded = padMore(rewriter, loc, input, 2 * t.tilesH + 2 - inputType.getDimSize(2),
                         2 * t.tilesW + 2 - inputType.getDimSize(3));
  Value transformed = transformInput(rewriter, loc, t, padded);

  // products[e][f][tile] = sum over c of U[e][f][c] * V[e][c][tile].
  Value u = arith::ConstantOp::create(
      rewriter, loc,
      transformedFilter(*weights, t.filters, t.channels, rewriter.getContext()));
  Value zero = arith::ConstantOp::create(rewriter, loc, rewriter.getF32FloatAttr(0));
  Value empty = tensor::EmptyOp::create(
      rewriter, loc, ArrayRef<int64_t>{16, t.filters, t.columns}, rewriter.getF32Type());
  Value acc = linalg::FillOp::create(rewriter, loc, zero, empty).getResult(0);
  MLIRContext *context = rewriter.getContext();
  auto d = [&](unsigned i) { return getAffineDimExpr(i, context); };
  // (e, f, tile, c)
  SmallVector<AffineMap> maps = {AffineMap::get(4, 0, {d(0), d(1), d(3)}, context),
                                 AffineMap::get(4, 0, {d(0), d(3), d(2)}, context),
                                 AffineMap::get(4, 0, {d(0), d(1), d(2)}, context)};
  SmallVector<utils::IteratorType> iterators(3, utils::IteratorType::parallel);
  iterators.push_back(utils::IteratorType::reduction);
  Value products = linalg::GenericOp::create(
                       rewriter, loc, TypeRange{acc.getType()},
                       ValueRange{u, transformed}, ValueRange{acc}, maps, iterators,
                       [](OpBuilder &b, Location l, ValueRange args) {
                         Value mul = arith::MulFOp::create(b, l, args[0], args[1]);
                         linalg::YieldOp::create(
                             b, l, ValueRange{arith::AddFOp::create(b, l, args[2], mul)});
                       })
                       .getResult(0);
  rewriter.replaceOp(conv,
                     transformOutput(rewriter, loc, t, products, analyzeInitial(init)));
  return success();
}

struct WinogradConvolutions : kiln::impl::WinogradConvolutionsBase<WinogradConvolutions> {
  using WinogradConvolutionsBase::WinogradConvolutionsBase;

  void runOnOperation() override {
    SmallVector<linalg::Conv2DNchwFchwOp> convs;
    getOperation().walk([&](linalg::Conv2DNchwFchwOp conv) { convs.push_back(conv); });
    IRRewriter rewriter(&getContext());
    Thresholds worth{vectorBits / 32, minTiles, maxTransformCost};
    for (linalg::Conv2DNchwFchwOp conv : convs)
      (void)rewriteByWinograd(rewriter, conv, worth);
  }
};

} // namespace
