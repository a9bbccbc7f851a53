// RUN: kiln-opt %s --split-input-file --kiln-insert-in-place | FileCheck %s
// RUN: kiln-opt %s --split-input-file --kiln-insert-in-place --eliminate-empty-tensors --one-shot-bufferize="bufferize-function-boundaries function-boundary-type-conversion=identity-layout-map" --cse --canonicalize | FileCheck %s --check-prefix=BUF
// RUN: kiln-opt %s --split-input-file --eliminate-empty-tensors --one-shot-bufferize="bufferize-function-boundaries function-boundary-type-conversion=identity-layout-map" --cse --canonicalize | FileCheck %s --check-prefix=COPY

// A convolution's input padding: the pad becomes its destination (an empty
// tensor of the padded shape) whose borders only are filled with the padding
// value, one slab per padded side across the whole tensor (1 row on top, 2 at
// the bottom from row 1 + 4 = 5, 2 columns on the left; none on the right),
// and an insert_slice of the source at the low padding, [0, 0, 1, 2], with
// the source's sizes and unit strides. The interior is written once.

// CHECK-LABEL: func.func @pad
// CHECK-SAME: (%[[X:[^:]+]]: tensor<1x2x4x4xf32>)
// CHECK: %[[ZERO:.+]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[E:.+]] = tensor.empty() : tensor<1x2x7x6xf32>
// CHECK: %[[T:.+]] = linalg.fill ins(%[[ZERO]] : f32) outs(%{{.+}} : tensor<1x2x1x6xf32>) -> tensor<1x2x1x6xf32>
// CHECK: %[[D1:.+]] = tensor.insert_slice %[[T]] into %[[E]][0, 0, 0, 0] [1, 2, 1, 6] [1, 1, 1, 1]
// CHECK: %[[B:.+]] = linalg.fill ins(%[[ZERO]] : f32) outs(%{{.+}} : tensor<1x2x2x6xf32>) -> tensor<1x2x2x6xf32>
// CHECK: %[[D2:.+]] = tensor.insert_slice %[[B]] into %[[D1]][0, 0, 5, 0] [1, 2, 2, 6] [1, 1, 1, 1]
// CHECK: %[[L:.+]] = linalg.fill ins(%[[ZERO]] : f32) outs(%{{.+}} : tensor<1x2x7x2xf32>) -> tensor<1x2x7x2xf32>
// CHECK: %[[D3:.+]] = tensor.insert_slice %[[L]] into %[[D2]][0, 0, 0, 0] [1, 2, 7, 2] [1, 1, 1, 1]
// CHECK-NOT: linalg.fill
// CHECK: %[[R:.+]] = tensor.insert_slice %[[X]] into %[[D3]][0, 0, 1, 2] [1, 2, 4, 4] [1, 1, 1, 1] : tensor<1x2x4x4xf32> into tensor<1x2x7x6xf32>
// CHECK: return %[[R]]
// CHECK-NOT: tensor.pad

// Bufferized, a source that is a function argument still has to be copied
// into its slice of the padded buffer: nothing produces it in place. The
// border fills write views of the buffer.
// BUF-LABEL: func.func @pad
// BUF-SAME: (%[[X:[^:]+]]: memref<1x2x4x4xf32>)
// BUF: %[[A:.+]] = memref.alloc() {{.+}} : memref<1x2x7x6xf32>
// BUF-NOT: linalg.fill ins(%{{.+}} : f32) outs(%[[A]] :
// BUF-COUNT-3: linalg.fill ins(%{{.+}} : f32) outs(%{{.+}} : memref<1x2x{{[0-9]+}}x{{[0-9]+}}xf32, strided<[84, 42, 6, 1]{{.*}}>>)
// BUF: %[[S:.+]] = memref.subview %[[A]][0, 0, 1, 2] [1, 2, 4, 4] [1, 1, 1, 1]
// BUF: memref.copy %[[X]], %[[S]]
func.func @pad(%x: tensor<1x2x4x4xf32>) -> tensor<1x2x7x6xf32> {
  %zero = arith.constant 0.0 : f32
  %0 = tensor.pad %x low[0, 0, 1, 2] high[0, 0, 2, 0] {
  ^bb0(%a: index, %b: index, %c: index, %d: index):
    tensor.yield %zero : f32
  } : tensor<1x2x4x4xf32> to tensor<1x2x7x6xf32>
  return %0 : tensor<1x2x7x6xf32>
}

// -----

// A padding value that is not a constant but is defined outside the pad (an
// argument): the borders are filled with it.

// CHECK-LABEL: func.func @pad_value
// CHECK-SAME: (%[[X:[^:]+]]: tensor<4x4xf32>, %[[V:[^:]+]]: f32)
// CHECK: %[[E:.+]] = tensor.empty() : tensor<6x6xf32>
// CHECK-COUNT-4: linalg.fill ins(%[[V]] : f32)
// CHECK: tensor.insert_slice %[[X]] into %{{.+}}[1, 1] [4, 4] [1, 1] : tensor<4x4xf32> into tensor<6x6xf32>
// CHECK-NOT: tensor.pad
func.func @pad_value(%x: tensor<4x4xf32>, %v: f32) -> tensor<6x6xf32> {
  %0 = tensor.pad %x low[1, 1] high[1, 1] {
  ^bb0(%a: index, %b: index):
    tensor.yield %v : f32
  } : tensor<4x4xf32> to tensor<6x6xf32>
  return %0 : tensor<6x6xf32>
}

// -----

// A concatenation along dimension 1 of 2, 3 and 1 channels: an empty
// destination (nothing to fill, the operands cover it) and one insert_slice
// per operand, in order, at offsets 0, 2 and 2 + 3 = 5 along dimension 1.

// CHECK-LABEL: func.func @concat
// CHECK-SAME: (%[[A:[^:]+]]: tensor<1x2x4xf32>, %[[B:[^:]+]]: tensor<1x3x4xf32>, %[[C:[^:]+]]: tensor<1x1x4xf32>)
// CHECK: %[[E:.+]] = tensor.empty() : tensor<1x6x4xf32>
// CHECK-NOT: linalg.fill
// CHECK: %[[I0:.+]] = tensor.insert_slice %[[A]] into %[[E]][0, 0, 0] [1, 2, 4] [1, 1, 1] : tensor<1x2x4xf32> into tensor<1x6x4xf32>
// CHECK: %[[I1:.+]] = tensor.insert_slice %[[B]] into %[[I0]][0, 2, 0] [1, 3, 4] [1, 1, 1] : tensor<1x3x4xf32> into tensor<1x6x4xf32>
// CHECK: %[[I2:.+]] = tensor.insert_slice %[[C]] into %[[I1]][0, 5, 0] [1, 1, 4] [1, 1, 1] : tensor<1x1x4xf32> into tensor<1x6x4xf32>
// CHECK: return %[[I2]]
// CHECK-NOT: tensor.concat
func.func @concat(%a: tensor<1x2x4xf32>, %b: tensor<1x3x4xf32>, %c: tensor<1x1x4xf32>) -> tensor<1x6x4xf32> {
  %0 = tensor.concat dim(1) %a, %b, %c : (tensor<1x2x4xf32>, tensor<1x3x4xf32>, tensor<1x1x4xf32>) -> tensor<1x6x4xf32>
  return %0 : tensor<1x6x4xf32>
}

// -----

// The point of the pass: a ReLU whose result is padded. After
// eliminate-empty-tensors and bufferization, the ReLU writes straight into
// the interior of the padded buffer (a subview at [0, 0, 1, 1]): one buffer,
// no copy. Without kiln-insert-in-place (COPY), the ReLU gets a buffer of its
// own and is copied into the padded one.

// CHECK-LABEL: func.func @relu_pad
// CHECK: %[[R:.+]] = linalg.generic
// CHECK-COUNT-4: linalg.fill
// CHECK: tensor.insert_slice %[[R]] into %{{.+}}[0, 0, 1, 1] [1, 2, 4, 4] [1, 1, 1, 1]

// BUF-LABEL: func.func @relu_pad
// BUF-SAME: (%[[X:[^:]+]]: memref<1x2x4x4xf32>) -> memref<1x2x6x6xf32>
// BUF-NOT: memref.alloc
// BUF: %[[A:.+]] = memref.alloc() {{.+}} : memref<1x2x6x6xf32>
// BUF-NOT: memref.alloc
// BUF: %[[T:.+]] = memref.subview %[[A]][0, 0, 0, 0] [1, 2, 1, 6]
// BUF: linalg.fill ins(%{{.+}} : f32) outs(%[[T]] :
// BUF: %[[B:.+]] = memref.subview %[[A]][0, 0, 5, 0] [1, 2, 1, 6]
// BUF: linalg.fill ins(%{{.+}} : f32) outs(%[[B]] :
// BUF: %[[L:.+]] = memref.subview %[[A]][0, 0, 0, 0] [1, 2, 6, 1]
// BUF: linalg.fill ins(%{{.+}} : f32) outs(%[[L]] :
// BUF: %[[RT:.+]] = memref.subview %[[A]][0, 0, 0, 5] [1, 2, 6, 1]
// BUF: linalg.fill ins(%{{.+}} : f32) outs(%[[RT]] :
// BUF: %[[S:.+]] = memref.subview %[[A]][0, 0, 1, 1] [1, 2, 4, 4] [1, 1, 1, 1] : memref<1x2x6x6xf32> to memref<1x2x4x4xf32, strided<[72, 36, 6, 1], offset: 7>>
// BUF: linalg.generic
// BUF-SAME: ins(%[[X]] : memref<1x2x4x4xf32>) outs(%[[S]] : memref<1x2x4x4xf32, strided<[72, 36, 6, 1], offset: 7>>)
// BUF: arith.maximumf
// BUF-NOT: memref.copy
// BUF: return %[[A]]

// COPY-LABEL: func.func @relu_pad
// COPY: %[[T:.+]] = memref.alloc() {{.+}} : memref<1x2x4x4xf32>
// COPY: linalg.generic {{.+}} outs(%[[T]] : memref<1x2x4x4xf32>)
// COPY: %[[S:.+]] = memref.subview
// COPY: memref.copy %[[T]], %[[S]]
#id = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
func.func @relu_pad(%x: tensor<1x2x4x4xf32>) -> tensor<1x2x6x6xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x2x4x4xf32>
  %r = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%x : tensor<1x2x4x4xf32>) outs(%e : tensor<1x2x4x4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %m = arith.maximumf %in, %zero : f32
    linalg.yield %m : f32
  } -> tensor<1x2x4x4xf32>
  %0 = tensor.pad %r low[0, 0, 1, 1] high[0, 0, 1, 1] {
  ^bb0(%a: index, %b: index, %c: index, %d: index):
    tensor.yield %zero : f32
  } : tensor<1x2x4x4xf32> to tensor<1x2x6x6xf32>
  return %0 : tensor<1x2x6x6xf32>
}

// -----

// The same for a concatenation of two producers: each writes its own rows of
// the concatenated buffer ([0, 0] and [2, 0]), and nothing is copied.

// CHECK-LABEL: func.func @relu_concat
// CHECK: %[[P:.+]] = linalg.generic
// CHECK: %[[Q:.+]] = linalg.generic
// CHECK: %[[E:.+]] = tensor.empty() : tensor<5x4xf32>
// CHECK: %[[I0:.+]] = tensor.insert_slice %[[P]] into %[[E]][0, 0] [2, 4] [1, 1]
// CHECK: tensor.insert_slice %[[Q]] into %[[I0]][2, 0] [3, 4] [1, 1]

// BUF-LABEL: func.func @relu_concat
// BUF: %[[A:.+]] = memref.alloc() {{.+}} : memref<5x4xf32>
// BUF-NOT: memref.alloc
// BUF: %[[S0:.+]] = memref.subview %[[A]][0, 0] [2, 4] [1, 1]
// BUF: linalg.generic {{.+}} outs(%[[S0]] :
// BUF: arith.maximumf
// BUF: %[[S1:.+]] = memref.subview %[[A]][2, 0] [3, 4] [1, 1]
// BUF: linalg.generic {{.+}} outs(%[[S1]] :
// BUF: arith.negf
// BUF-NOT: memref.copy
// BUF: return %[[A]]
#id = affine_map<(d0, d1) -> (d0, d1)>
func.func @relu_concat(%x: tensor<2x4xf32>, %y: tensor<3x4xf32>) -> tensor<5x4xf32> {
  %zero = arith.constant 0.0 : f32
  %e0 = tensor.empty() : tensor<2x4xf32>
  %a = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%x : tensor<2x4xf32>) outs(%e0 : tensor<2x4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %m = arith.maximumf %in, %zero : f32
    linalg.yield %m : f32
  } -> tensor<2x4xf32>
  %e1 = tensor.empty() : tensor<3x4xf32>
  %b = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%y : tensor<3x4xf32>) outs(%e1 : tensor<3x4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %n = arith.negf %in : f32
    linalg.yield %n : f32
  } -> tensor<3x4xf32>
  %0 = tensor.concat dim(0) %a, %b : (tensor<2x4xf32>, tensor<3x4xf32>) -> tensor<5x4xf32>
  return %0 : tensor<5x4xf32>
}

// -----

// A concatenation of two producers that run over flattened pixels, as
// kiln-tile-contractions' products do: each starts from an empty of its
// output's shape, collapsed ([1, 2, 12]; the second also expanded into
// panels of rows, [1, 1, 2, 12]) and expanded back. Upstream's
// eliminate-empty-tensors does not follow such reshapes (the COPY run: both are
// copied into the concatenation); here each empty becomes the slice of the
// concatenation it is inserted into, the first insertion moves up to just
// after its producer so that the second producer starts from its result, and
// nothing is copied (BUF).

// CHECK-LABEL: func.func @reshaped_concat
// CHECK: %[[E:.+]] = tensor.empty() : tensor<1x4x3x4xf32>
// CHECK: %[[S0:.+]] = tensor.extract_slice %[[E]][0, 0, 0, 0] [1, 2, 3, 4] [1, 1, 1, 1]
// CHECK: %[[C0:.+]] = tensor.collapse_shape %[[S0]]
// CHECK: %[[P:.+]] = linalg.generic {{.+}} outs(%[[C0]] : tensor<1x2x12xf32>)
// CHECK: %[[PE:.+]] = tensor.expand_shape %[[P]]
// CHECK: %[[I0:.+]] = tensor.insert_slice %[[PE]] into %[[E]][0, 0, 0, 0] [1, 2, 3, 4]
// CHECK: %[[S1:.+]] = tensor.extract_slice %[[I0]][0, 2, 0, 0] [1, 2, 3, 4] [1, 1, 1, 1]
// CHECK: tensor.collapse_shape %[[S1]]
// CHECK: arith.negf
// CHECK: tensor.insert_slice %{{.+}} into %[[I0]][0, 2, 0, 0] [1, 2, 3, 4]
// CHECK-NOT: tensor.empty

// BUF-LABEL: func.func @reshaped_concat
// BUF: %[[A:.+]] = memref.alloc() {{.+}} : memref<1x4x3x4xf32>
// BUF-NOT: memref.alloc
// BUF: %[[S0:.+]] = memref.subview %[[A]][0, 0, 0, 0] [1, 2, 3, 4]
// BUF: %[[C0:.+]] = memref.collapse_shape %[[S0]]
// BUF: linalg.generic {{.+}} outs(%[[C0]] :
// BUF: arith.maximumf
// BUF: %[[S1:.+]] = memref.subview %[[A]][0, 2, 0, 0] [1, 2, 3, 4]
// BUF: memref.collapse_shape %[[S1]]
// BUF: arith.negf
// BUF-NOT: memref.copy
// BUF: return %[[A]]

// COPY-LABEL: func.func @reshaped_concat
// COPY: memref.copy
// COPY: memref.copy
#id = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
#id4 = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
func.func @reshaped_concat(%x: tensor<1x2x12xf32>, %y: tensor<1x1x2x12xf32>) -> tensor<1x4x3x4xf32> {
  %zero = arith.constant 0.0 : f32
  %e0 = tensor.empty() : tensor<1x2x3x4xf32>
  %c0 = tensor.collapse_shape %e0 [[0], [1], [2, 3]] : tensor<1x2x3x4xf32> into tensor<1x2x12xf32>
  %a = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%x : tensor<1x2x12xf32>) outs(%c0 : tensor<1x2x12xf32>) {
  ^bb0(%in: f32, %out: f32):
    %m = arith.maximumf %in, %zero : f32
    linalg.yield %m : f32
  } -> tensor<1x2x12xf32>
  %ae = tensor.expand_shape %a [[0], [1], [2, 3]] output_shape [1, 2, 3, 4] : tensor<1x2x12xf32> into tensor<1x2x3x4xf32>
  %e1 = tensor.empty() : tensor<1x2x3x4xf32>
  %c1 = tensor.collapse_shape %e1 [[0], [1], [2, 3]] : tensor<1x2x3x4xf32> into tensor<1x2x12xf32>
  %p1 = tensor.expand_shape %c1 [[0], [1, 2], [3]] output_shape [1, 1, 2, 12] : tensor<1x2x12xf32> into tensor<1x1x2x12xf32>
  %b = linalg.generic {indexing_maps = [#id4, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%y : tensor<1x1x2x12xf32>) outs(%p1 : tensor<1x1x2x12xf32>) {
  ^bb0(%in: f32, %out: f32):
    %n = arith.negf %in : f32
    linalg.yield %n : f32
  } -> tensor<1x1x2x12xf32>
  %bc = tensor.collapse_shape %b [[0], [1, 2], [3]] : tensor<1x1x2x12xf32> into tensor<1x2x12xf32>
  %be = tensor.expand_shape %bc [[0], [1], [2, 3]] output_shape [1, 2, 3, 4] : tensor<1x2x12xf32> into tensor<1x2x3x4xf32>
  %0 = tensor.concat dim(1) %ae, %be : (tensor<1x2x3x4xf32>, tensor<1x2x3x4xf32>) -> tensor<1x4x3x4xf32>
  return %0 : tensor<1x4x3x4xf32>
}

// -----

// A pad's interior is not contiguous (rows of 4 in rows of 6): a producer
// over flattened pixels cannot write into it through a reshape, which would
// be copied into a new buffer and back. Its empty stays.

// CHECK-LABEL: func.func @reshaped_pad
// CHECK: %[[E:.+]] = tensor.empty() : tensor<1x2x4x4xf32>
// CHECK: tensor.collapse_shape %[[E]]
// CHECK: linalg.generic
// CHECK: tensor.empty() : tensor<1x2x6x6xf32>
#id = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
func.func @reshaped_pad(%x: tensor<1x2x16xf32>) -> tensor<1x2x6x6xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x2x4x4xf32>
  %c = tensor.collapse_shape %e [[0], [1], [2, 3]] : tensor<1x2x4x4xf32> into tensor<1x2x16xf32>
  %a = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%x : tensor<1x2x16xf32>) outs(%c : tensor<1x2x16xf32>) {
  ^bb0(%in: f32, %out: f32):
    %m = arith.maximumf %in, %zero : f32
    linalg.yield %m : f32
  } -> tensor<1x2x16xf32>
  %ae = tensor.expand_shape %a [[0], [1], [2, 3]] output_shape [1, 2, 4, 4] : tensor<1x2x16xf32> into tensor<1x2x4x4xf32>
  %0 = tensor.pad %ae low[0, 0, 1, 1] high[0, 0, 1, 1] {
  ^bb0(%i: index, %j: index, %k: index, %l: index):
    tensor.yield %zero : f32
  } : tensor<1x2x4x4xf32> to tensor<1x2x6x6xf32>
  return %0 : tensor<1x2x6x6xf32>
}
