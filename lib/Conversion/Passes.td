//===- Passes.td - Kiln conversion passes ------------------*- tablegen -*-===//

#ifndef KILN_CONVERSION_PASSES
#define KILN_CONVERSION_PASSES

include "mlir/Pass/PassBase.td"

def ConvertKilnToLinalg : Pass<"convert-kiln-to-linalg", "ModuleOp"> {
  let summary = "Lower kiln ops to linalg, tensor, arith and math on tensors";
  let description = [{
    Rewrites every kiln op into upstream dialects on tensors: named linalg ops
    where one exists (matmul, convolution, pooling, fill), `linalg.generic`
    otherwise, and `tensor` ops for pure data movement. Ops without a lowering
    are reported at their ONNX node and the pass fails; code generation never
    silently drops an op.
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::linalg::LinalgDialect",
    "::mlir::math::MathDialect",
    "::mlir::scf::SCFDialect",
    "::mlir::tensor::TensorDialect",
  ];
}

def EraseSignedness : Pass<"kiln-erase-signedness", "ModuleOp"> {
  let summary = "Make every integer type signless after lowering kiln";
  let description = [{
    ONNX's unsigned tensors arrive as `tensor<..xuiN>`. The kiln lowering
    builds its arithmetic on signless integers, choosing the unsigned arith
    ops (`divui`, `maxui`, `cmpi ult`, ...) from the kiln op's types, and
    marks the boundaries with `tensor.bitcast`. Once that choice is made the
    signedness carries no information, and bufferization cannot handle the
    bitcasts, so this pass retypes every value, block argument, function type
    and constant to signless integers of the same width and erases the
    bitcasts that become no-ops.
  }];
  let dependentDialects = ["::mlir::tensor::TensorDialect"];
}

def PlanWorkspace : Pass<"kiln-plan-workspace", "ModuleOp"> {
  let summary = "Place @main's intermediate buffers in one statically planned arena";
  let description = [{
    Runs after bufferization, before buffer deallocation. Every statically
    sized `memref.alloc` in the top-level block of `@main` becomes a
    `memref.view` into a new last argument of `@main`, `memref<N x i8>` (marked
    `kiln.workspace`), at an offset chosen at compile time: buffers that are
    never live at the same time (from the first to the last top-level op that
    uses it or a view of it) share bytes. The module gets the arena size in
    `kiln.workspace_bytes` (0 when nothing was placed, and then no argument is
    added); NAME_run obtains the arena from the runtime. Allocations inside
    loops or of dynamic size stay heap allocations.
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::memref::MemRefDialect",
  ];
}

def CopiesToLinalg : Pass<"kiln-copies-to-linalg", "ModuleOp"> {
  let summary = "Rewrite strided copies and window copies as linalg.copy";
  let description = [{
    Bufferization copies between strided views (a padded or sliced tensor)
    with `memref.copy`, which the LLVM lowering turns into a call to
    `memrefCopy` from MLIR's runner utilities. Generated objects must link
    against Kiln's runtime alone, so copies whose operands are not both
    contiguous become `linalg.copy`, which lowers to plain loops. Contiguous
    copies stay (they become `memcpy`).

    A `linalg.generic` that only copies, whose input map is not a
    permutation but a sum of loop indices times constants (an im2col matrix:
    `col[n, c, kh, kw, oh, ow] = x[n, c, oh * sh + kh, ow * sw + kw]`), reads
    one strided view of its input with dimensions that overlap. It becomes a
    `linalg.copy` from that view (`memref.reinterpret_cast`), which
    `kiln-vectorize-elementwise` copies as rows of vectors.
  }];
  let dependentDialects = ["::mlir::linalg::LinalgDialect",
                           "::mlir::memref::MemRefDialect"];
}

def ZeroSizeArguments : Pass<"kiln-zero-size-arguments", "ModuleOp"> {
  let summary = "Give zero-element memref arguments a bare-pointer friendly type";
  let description = [{
    The bare-pointer calling convention of `convert-func-to-llvm` refuses
    memrefs with a zero-sized dimension (memref<3x0x5xf32>), which ONNX models
    do have. Nothing is ever read from or written to such a buffer, so each
    such argument becomes memref<0xT> and its uses read a zero-sized
    `memref.alloca` of the original type instead.
  }];
  let dependentDialects = ["::mlir::memref::MemRefDialect"];
}

def ParallelToRuntime : Pass<"kiln-parallel-to-runtime", "ModuleOp"> {
  let summary = "Run the outermost parallel loops of @main on the runtime's threads";
  let description = [{
    Gives `@main` a leading `!llvm.ptr` argument, the `kiln_context *` that
    `NAME_run` receives, and turns each outermost `scf.parallel` of `@main`
    that is worth it into a call to the runtime's
    `kiln_parallel_for(ctx, n, fn, captures)`. `fn` is a new private function
    `@main_par_N(captures, begin, end)` that runs iterations [begin, end) of
    the loop's first dimension of two or more iterations (the other
    dimensions stay loops inside it). When that dimension has fewer than 16
    iterations, the next one is split instead if it has 16 or more (each
    thread then reads its own part of a product's rows, not all of them);
    otherwise the two are collapsed first, so that the split is even
    (`collapseParallelLoops`). The values the loop uses from `@main`
    travel in a stack-allocated struct,
    memrefs as their LLVM descriptors. Loops with reductions (results) stay
    sequential: splitting them would change the order of the floating-point
    operations, and results must not depend on the thread count. A function
    whose largest loop is under `min-largest-work` keeps all its loops on the
    calling thread: moving a small model's data between cores costs more
    than its loops gain.
  }];
  let options = [
    // 32768 left MobileNetV2's pad borders, bias broadcasts and remainder
    // tiles on one thread: 8% of its time at one thread, serial at two.
    // With 4096, interleaved runs at 2 threads were 9-12% faster (MobileNetV2,
    // SqueezeNet) and unchanged at one.
    Option<"minWork", "min-work", "int64_t", /*default=*/"4096",
           "Outline a loop only when it runs at least this many operations">,
    // LeNet's largest loop is 7254 and it ran 2-3x slower on two threads
    // than on one; the MLP's is 100496 and two threads halve its time.
    Option<"minLargestWork", "min-largest-work", "int64_t", /*default=*/"16384",
           "Outline no loop at all when none runs this many operations">,
  ];
  let dependentDialects = [
    "::mlir::affine::AffineDialect",
    "::mlir::arith::ArithDialect",
    "::mlir::func::FuncDialect",
    "::mlir::LLVM::LLVMDialect",
    "::mlir::scf::SCFDialect",
  ];
}

def GpuDeviceMemory : Pass<"kiln-gpu-device-memory", "ModuleOp"> {
  let summary = "Place @main's weights, inputs, outputs and arena in GPU memory";
  let description = [{
    For `--target=cuda`, after bufferization and `kiln-plan-workspace`. The
    arena argument of `@main` becomes device memory and grows by one region
    (256-byte aligned) per weight, graph input and graph output:
    `[activations | weights | inputs | outputs]`. Inputs are copied in with
    `gpu.memcpy` at entry, outputs (the arguments something writes) copied out
    before each return, and weights copied from their `memref.global` only
    when the new last argument of `@main`, an i32 marked
    `kiln.upload_weights`, is non-zero: the runtime keeps a context's arena
    between runs and asks for the upload once. Host-level heap allocations
    become `gpu.alloc`/`gpu.dealloc`, host-level copies `gpu.memcpy` (or
    `linalg.copy` between non-contiguous views). `kiln.workspace_bytes`
    becomes the size of the whole device arena.
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::gpu::GPUDialect",
    "::mlir::linalg::LinalgDialect",
    "::mlir::memref::MemRefDialect",
    "::mlir::scf::SCFDialect",
  ];
}

def GpuMapLoops : Pass<"kiln-gpu-map-loops", "ModuleOp"> {
  let summary = "Map @main's parallel loops onto GPU blocks and threads";
  let description = [{
    Prepares `@main` for `convert-parallel-loops-to-gpu`. Each outermost
    `scf.parallel` is collapsed to one dimension and tiled by `block-size`;
    the tiles map to blocks along x and the elements of a tile to threads
    along x. Parallel loops nested inside run sequentially in their thread.
    A host-level load whose value only kernels use moves into them. Other
    host-level code that reads or writes memory outside any parallel loop is
    wrapped, as a contiguous range of ops from the access to the last use of
    a value it computes, in a parallel loop of one iteration (a one-thread
    kernel); side-effect free ops the host needs are hoisted out of the
    range. An op whose result the host would need, or a parallel loop with
    reductions, is an error at its location: nothing runs on the host by
    accident.
  }];
  let options = [
    Option<"blockSize", "block-size", "int64_t", /*default=*/"256",
           "Threads per block">,
  ];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::affine::AffineDialect",
    "::mlir::gpu::GPUDialect",
    "::mlir::scf::SCFDialect",
  ];
}

def GpuMergeModules : Pass<"kiln-gpu-merge-modules", "ModuleOp"> {
  let summary = "Move all outlined kernels into one gpu.module";
  let description = [{
    `gpu-kernel-outlining` creates one `gpu.module` per kernel; this pass
    moves every kernel and device function into `@kiln_kernels` and
    retargets the `gpu.launch_func` ops, so that a model is one PTX image
    (one driver JIT compile and load, one `--emit=ptx` file).
  }];
  let dependentDialects = ["::mlir::gpu::GPUDialect"];
}

def TileContractions : Pass<"kiln-tile-contractions", "ModuleOp"> {
  let summary = "Tile matrix products and convolutions into vectorized register tiles";
  let description = [{
    On tensors, before bufferization. 2-D NCHW convolutions become an im2col
    copy (one `linalg.generic` over (n, c, kh, kw, oh, ow) that reads input
    row `oh * sh + kh * dh` and column `ow * sw + kw * dw`, which
    `kiln-copies-to-linalg` turns into a copy of one strided view; none for
    1x1 unit-stride ones, unless their pixel rows are
    not whole cache lines and they have 256 filters or more, none of them a
    column tile's multiple) and a
    contraction. For each f32 contraction, the vector dimension is the
    output's innermost one, or an outer output dimension used only by
    constants when the column tile divides it and not the innermost, unless
    the innermost one's remainder is small (under 1/16 of it with fewer than
    256 reduction steps, under 1/32 with more) or whole vectors over constant
    rows; it is
    made innermost in every input (constants transposed at compile time,
    other inputs by a `linalg.transpose`), and constant inputs are packed in
    panels of one tile's columns (`kiln_packed` resources). With more than 32
    reduction steps, constant rows (the broadcast side) are packed the same
    way in panels of one tile's rows, [rows/tile][K][tile]. A product with no
    row tiles whose constant columns the tile does not divide (a classifier's
    1000 outputs) is first padded with zero columns (`kiln_padded`), computed
    into a padded output and sliced back. The contraction is
    tiled (`scf.for`) into tiles of up to `rows` output rows by
    `2 * vector-bits / 32` output columns with one reduction step each, rows
    chosen from `vector-registers` (the accumulators, the right-hand side and
    a broadcast must fit; a count that divides the rows is preferred), column
    tiles outermost (row tiles, for reductions of at most 32 steps, or when
    the rows' operand is over 1 MiB and has more rows than there are
    columns: a classifier's weights are then read once, not once per column
    tile);
    reductions longer than 2304 steps get an outer loop over blocks of at
    most 1152. Dimensions that the tile does not divide are first split
    (`linalg::splitOp`) into whole tiles and a remainder, a column remainder
    wider than a vector again into whole vectors and the rest, so that every
    tile has a static shape. Each tile is vectorized (named contractions into
    one `vector.contract`, generic ones into multiplies and adds). A generic
    contraction whose output is a bias broadcast or a fill (and whose
    reduction is not blocked) starts each tile from that value, written just
    before the tile's reduction loop (`kiln-hoist-vector-transfers` then
    starts the accumulator from it in registers). When the output is split
    into pieces, the broadcast stays, marked `kiln.overwritten`, for
    `kiln-drop-overwritten-inits`. An elementwise activation that alone
    uses the result (ReLU, Clip) runs on each tile after it. The rows of an
    im2col matrix of 4 KiB or more are padded to an odd number of 64-byte
    lines, and so are rows of one line or more when the pixels will be the
    tiles' vectors (the filter count is no multiple of the column tile, or
    the pixels are kept as above); the
    copy writes, and the product reads, a slice of it.
  }];
  let options = [
    Option<"vectorBits", "vector-bits", "int64_t", /*default=*/"512",
           "Width of the target's vector registers">,
    Option<"vectorRegisters", "vector-registers", "int64_t", /*default=*/"32",
           "Number of the target's vector registers">,
  ];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::linalg::LinalgDialect",
    "::mlir::scf::SCFDialect",
    "::mlir::tensor::TensorDialect",
    "::mlir::vector::VectorDialect",
  ];
}

def WinogradConvolutions : Pass<"kiln-winograd-convolutions", "ModuleOp"> {
  let summary = "3x3 stride-1 convolutions by Winograd's F(2x2, 3x3) algorithm";
  let description = [{
    On tensors, before `kiln-tile-contractions`. Each static f32
    `linalg.conv_2d_nchw_fchw` with a 3x3 constant filter, unit strides and
    dilations and at least 32 2x2 output tiles (fewer, and reading the
    transformed filter, 16/9 the size of the original, costs more than the
    multiplications saved), whose channel counts C and F make the
    transforms cheap enough ((1/C + 1/F) / the fraction of vector lanes a
    row of tiles fills at most 0.05: ResNet's 64 to 256 channels and
    SqueezeNet's 27x27 and 13x13 expansions from 32 and 64 channels, not
    its 55x55 ones from 16 or its 13x13 ones from 48), computes
    each 2x2 block of output pixels from a 4x4 block of input pixels with
    16 multiplications per input and output channel instead of 36:
      - the filter is transformed at compile time, U = G g G^T, into a
        [16, F, C] constant (`kiln_winograd` resource);
      - an input transform, V = B^T d B for every 4x4 input tile, writes
        [16, C, tiles]: loops over channels (marked `kiln.parallel_tiles`),
        tile rows and vectors of `vector-bits / 32` tiles, reading two rows
        of pixels per input row and splitting even and odd columns with
        `vector.shuffle`;
      - 16 matrix products [F, C] x [C, tiles], one batched contraction
        that `kiln-tile-contractions` tiles and vectorizes (the tiles are
        padded with zero columns up to a multiple of its column tile,
        `2 * vector-bits / 32`, when that adds at most 1/16, so that it
        vectorizes over the tiles rather than the filters);
      - an output transform, A^T M A, adds each 2x2 block to the
        convolution's initial value and writes it, over output channels
        (marked `kiln.parallel_tiles`), tile rows and vectors of tiles,
        interleaving the columns with `vector.shuffle`. An initial value
        that only the convolution uses and that is a fill or a bias
        broadcast along the channels (Kiln's Conv lowering) is not
        materialized: the transform adds the value or `bias[f]` itself.
    An input whose output has an odd size is padded by one more row or
    column of zeros (merged into its `tensor.pad` when it has one), and the
    last row or column of tiles writes only the pixels inside the output.
  }];
  let options = [
    Option<"vectorBits", "vector-bits", "int64_t", /*default=*/"512",
           "Width of the target's vector registers">,
    Option<"minTiles", "min-tiles", "int64_t", /*default=*/"32",
           "Fewest 2x2 output tiles (over the batch) worth the rewrite">,
    Option<"maxTransformCost", "max-transform-cost", "double", /*default=*/"0.05",
           "Highest (1/C + 1/F) / (fraction of vector lanes filled) worth the rewrite">,
  ];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::linalg::LinalgDialect",
    "::mlir::scf::SCFDialect",
    "::mlir::tensor::TensorDialect",
    "::mlir::vector::VectorDialect",
  ];
}

def HoistVectorTransfers : Pass<"kiln-hoist-vector-transfers", "ModuleOp"> {
  let summary = "Keep vectorized accumulators in registers across reduction loops";
  let description = [{
    After bufferization: in every `scf.for` with constant bounds that runs at
    least once and whose body writes memory only through one vector transfer
    write, that write and the matching read of the same loop-invariant
    location (a memref or a view of one) move out of the loop, the value
    carried as an iter_arg. Unlike upstream's
    `linalg::hoistRedundantVectorTransfers`, views are accepted. Hoisted
    accumulators with a permuted map become minor-identity transfers and a
    `vector.transpose`. When a write of the same vector shape to the same
    location (or an equal view) comes just before a hoisted read (a tile's
    initial value from `kiln-tile-contractions`), the loop starts from the
    written vector and that write goes: the write after the loop stores the
    same location.
  }];
  let dependentDialects = ["::mlir::vector::VectorDialect"];
}

def PrefetchNextPanel : Pass<"kiln-prefetch-next-panel", "ModuleOp"> {
  let summary = "Prefetch the next column panel of products whose rows are far apart";
  let description = [{
    After `kiln-parallelize-tiles` and `kiln-hoist-vector-transfers`: in a
    product's `scf.parallel` over output tiles whose first dimension with
    two or more iterations walks column panels and a later one row tiles,
    every vector read in a reduction loop from a view whose offsets use the
    panel index, and whose rows or panels are at least `min-row-bytes`
    apart (its largest outer stride), is joined by `memref.prefetch`es (into
    L2) of the same row of the next panel, one per cache line; the last
    panel prefetches itself. Rows a page or more apart are beyond the
    hardware prefetchers: the first row tile of each panel would otherwise
    wait for every row from L3. Packed weight panels, contiguous, get a
    second stream one panel ahead, which pays when they come from memory.
  }];
  let options = [
    Option<"minRowBytes", "min-row-bytes", "int64_t", /*default=*/"4096",
           "Prefetch only views whose rows or panels are at least this many bytes apart">,
  ];
  let dependentDialects = ["::mlir::arith::ArithDialect", "::mlir::memref::MemRefDialect"];
}

def FuseElementwise : Pass<"kiln-fuse-elementwise", "ModuleOp"> {
  let summary = "Fuse elementwise linalg ops, except into contractions";
  let description = [{
    The patterns of upstream's `linalg-fuse-elementwise-ops` (elementwise
    producer/consumer fusion of single-use producers, reshape folding by
    expansion, and the canonicalizations it adds), with a control function
    that never fuses a producer into a contraction: a bias and activation
    feeding a matrix product would be recomputed for every output column,
    and the product would no longer be a multiply-add for
    `kiln-tile-contractions`.
  }];
  let dependentDialects = [
    "::mlir::affine::AffineDialect",
    "::mlir::linalg::LinalgDialect",
    "::mlir::tensor::TensorDialect",
  ];
}

def ApproximateMath : Pass<"kiln-approximate-math", "ModuleOp"> {
  let summary = "Polynomial approximations of f32 exp, erf and tanh";
  let description = [{
    Upstream's `populateMathPolynomialApproximationPatterns` for `math.exp`,
    `math.erf` and `math.tanh` on f32 (scalars or vectors): arith code that
    LLVM's loop vectorizer vectorizes, instead of scalar libm calls.
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::math::MathDialect",
    "::mlir::vector::VectorDialect",
  ];
}

def InsertInPlace : Pass<"kiln-insert-in-place", "ModuleOp"> {
  let summary = "Pads and concatenations as insert_slice, for producers to write in place";
  let description = [{
    On tensors, before `eliminate-empty-tensors` and bufferization: every
    `tensor.pad` becomes a destination plus `tensor.insert_slice` of its
    source. With static shapes and a value defined outside the pad, only the
    destination's borders are filled (one `linalg.fill` slab per padded
    side), so the interior is written once; otherwise upstream's
    `linalg::populateDecomposePadPatterns` fills it whole (a pad whose value
    depends on the index becomes `tensor.generate`). Every
    `tensor.concat` an empty destination
    plus one `tensor.insert_slice` per operand. `eliminate-empty-tensors`
    then lets the producer of each source write straight into its slice,
    instead of a copy after it. It does not follow a producer's destinations
    through `tensor.expand_shape` / `tensor.collapse_shape`, which a
    convolution's product has (it runs over flattened pixels and panels of
    filter rows): this pass replaces such a producer's empty destination by
    the slice it is inserted into, when that slice is contiguous (a
    concatenation's operand; a pad's interior is not), moving the previous
    operand's insertion up so that the slice is taken from its result.
  }];
  let dependentDialects = [
    "::mlir::linalg::LinalgDialect",
    "::mlir::tensor::TensorDialect",
  ];
}

def DropOverwrittenInits : Pass<"kiln-drop-overwritten-inits", "ModuleOp"> {
  let summary = "Replace ops marked kiln.overwritten with their destination";
  let description = [{
    On tensors, after `eliminate-empty-tensors`. `kiln-tile-contractions`
    marks with `kiln.overwritten` the bias broadcast (or fill) of a product
    whose output is split into whole tiles and a remainder and whose tiles
    each start from their slice of the bias: every element the broadcast
    writes is written again before it is read. The broadcast stays until
    `eliminate-empty-tensors` has placed it, and with it the product's pieces,
    in a pad or a concatenation; this pass then replaces it with its
    destination, so the pieces write there and the pass over the output is
    gone. A marked op must be destination-style with one tensor result.
  }];
}

def DecomposeWindows : Pass<"kiln-decompose-windows", "ModuleOp"> {
  let summary = "Depthwise convolutions and pooling as elementwise ops over shifted views";
  let description = [{
    On tensors. Each static 2-D NCHW `linalg.depthwise_conv_2d_nchw_chw`,
    `linalg.pooling_nchw_max` and `linalg.pooling_nchw_sum` with at most 49
    taps becomes one elementwise `linalg.generic` over its output whose
    inputs are the window's KH x KW strided views of the input
    (`tensor.extract_slice`) and, for a convolution, the matching [C] filter
    slices. A broadcast (bias) or fill that initialises the op is read
    directly instead. The op's body combines the taps in its own order. The
    rows of output pixels, contiguous, are then the innermost loop, and the
    result fuses with the elementwise ops around it.
  }];
  let dependentDialects = [
    "::mlir::linalg::LinalgDialect",
    "::mlir::tensor::TensorDialect",
  ];
}

def VectorizeElementwise : Pass<"kiln-vectorize-elementwise", "ModuleOp"> {
  let summary = "Vectorize elementwise linalg ops on buffers, remainders included";
  let description = [{
    After bufferization. Each static `linalg.generic` with only parallel
    loops, projected-permutation maps, an identity output map, the innermost
    loop innermost (or absent) in every input, no index ops, elements of at
    least 8 bits and a body of arith and math ops: its trailing loops that
    every operand walks contiguously are collapsed into one
    (`linalg::collapseOpIterationDims`), the innermost loop is split into
    whole vectors of `vector-bits` / (widest element bits) lanes and a
    remainder, the other loops are tiled by 1 (`scf.for` marked
    `kiln.parallel_tiles`), and every tile is vectorized, the remainder as
    one shorter vector. With 16 or more rows (iterations of the other
    loops), a row's whole vectors and its remainder share one loop nest over
    the rows, so that the threads split one loop, not two. Reads of views
    whose innermost stride is 2 to 4 become one contiguous (masked) read and
    a `vector.shuffle`. Ops whose
    innermost loop runs fewer than min(lanes, 4) times are left alone.
    Static `linalg.copy` ops (the strided copies of `kiln-copies-to-linalg`:
    a tensor into its pad, the taps of an im2col matrix) are generalized
    first and taken like any other.
  }];
  let options = [
    Option<"vectorBits", "vector-bits", "int64_t", /*default=*/"512",
           "Width of the target's vector registers">,
  ];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::memref::MemRefDialect",
    "::mlir::scf::SCFDialect",
    "::mlir::vector::VectorDialect",
  ];
}

def VectorizeReductions : Pass<"kiln-vectorize-reductions", "ModuleOp"> {
  let summary = "Vectorize reductions over the trailing dimensions of buffers";
  let description = [{
    After bufferization. Each static `linalg.generic` with one output that
    keeps its leading (parallel) loops and reduces the trailing ones, no
    index ops, floating-point elements, inputs that either walk every loop
    in order (identity map, the reduced dimensions contiguous with unit
    innermost stride) or read only the kept loops (or none), and a body of
    arith and math ops whose result is folded into the output by one
    `arith.addf`, `maximumf`, `minimumf`, `maxnumf` or `minnumf`:
    GlobalAveragePool, ReduceSum/Mean/Max/Min over trailing axes, the
    reductions of Softmax and of a layer normalization.

    The reduced dimensions of the streamed inputs are collapsed into one row
    (`memref.collapse_shape`); the kept dimensions become `scf.for` loops
    marked `kiln.parallel_tiles`. A row is read in `vector-bits` / (widest
    element bits) lanes; the body runs on vectors, folding into one vector
    of partial results that starts from the combiner's neutral element (-0
    for a sum, -/+infinity for a maximum/minimum); the vector is reduced
    with `vector.reduction` (`reassoc`: in a tree), a row's remainder as one
    shorter vector, and the result combined with the output element.

    A sum's additions are reassociated: lane by lane, then across the
    lanes. The order depends only on the shapes, not on the number of
    threads (rows are split between threads, never a row). Rows shorter
    than min(lanes, 4) elements are left alone.
  }];
  let options = [
    Option<"vectorBits", "vector-bits", "int64_t", /*default=*/"512",
           "Width of the target's vector registers">,
  ];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::memref::MemRefDialect",
    "::mlir::scf::SCFDialect",
    "::mlir::vector::VectorDialect",
  ];
}

def ParallelizeTiles : Pass<"kiln-parallelize-tiles", "ModuleOp"> {
  let summary = "Turn marked loops over output tiles into scf.parallel";
  let description = [{
    After bufferization and canonicalization: every `scf.for` marked
    `kiln.parallel_tiles` (by `kiln-tile-contractions`: the loops over
    output tiles, whose iterations write disjoint parts of the output) that
    carries no value becomes an `scf.parallel` with the same bounds, for
    `kiln-parallel-to-runtime`. Marked loops nested with nothing else
    between them (a product's column tiles and row tiles) become one
    multi-dimensional `scf.parallel`. The marks are removed.
  }];
  let dependentDialects = ["::mlir::scf::SCFDialect"];
}

#endif // KILN_CONVERSION_PASSES
