// RUN: kiln-opt %s --split-input-file | kiln-opt --split-input-file | FileCheck %s

// Type inference of the elementwise ops: unary math and activations keep the
// operand type, IsNaN/IsInf give i1, Cast takes `to`, and the binary, variadic and
// comparison ops broadcast numpy-style. Each case round-trips through the printer
// and the parser, so the written result type is re-verified against inference.

// CHECK-LABEL: func.func @unary_math
// CHECK-SAME: (%[[X:.+]]: tensor<2x3xf32>)
// CHECK: %[[ABS:.+]] = kiln.abs %[[X]] : (tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK: kiln.acos %[[ABS]] : (tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK: kiln.acosh
// CHECK: kiln.asin
// CHECK: kiln.asinh
// CHECK: kiln.atan
// CHECK: kiln.atanh
// CHECK: kiln.cos
// CHECK: kiln.cosh
// CHECK: kiln.sin
// CHECK: kiln.sinh
// CHECK: kiln.tan
// CHECK: kiln.tanh
// CHECK: kiln.exp
// CHECK: kiln.log
// CHECK: kiln.sqrt
// CHECK: kiln.reciprocal
// CHECK: kiln.erf
// CHECK: kiln.ceil
// CHECK: kiln.floor
// CHECK: kiln.round
// CHECK: kiln.sign
// CHECK: %[[NEG:.+]] = kiln.neg %{{.+}} : (tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK: return %[[NEG]]
func.func @unary_math(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = kiln.abs %x : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %1 = kiln.acos %0 : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %2 = kiln.acosh %1 : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %3 = kiln.asin %2 : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %4 = kiln.asinh %3 : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %5 = kiln.atan %4 : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %6 = kiln.atanh %5 : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %7 = kiln.cos %6 : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %8 = kiln.cosh %7 : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %9 = kiln.sin %8 : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %10 = kiln.sinh %9 : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %11 = kiln.tan %10 : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %12 = kiln.tanh %11 : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %13 = kiln.exp %12 : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %14 = kiln.log %13 : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %15 = kiln.sqrt %14 : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %16 = kiln.reciprocal %15 : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %17 = kiln.erf %16 : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %18 = kiln.ceil %17 : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %19 = kiln.floor %18 : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %20 = kiln.round %19 : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %21 = kiln.sign %20 : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %22 = kiln.neg %21 : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %22 : tensor<2x3xf32>
}

// -----

// Integer element types and dynamic dims pass through unchanged.

// CHECK-LABEL: func.func @unary_int_dynamic
// CHECK-SAME: (%[[X:.+]]: tensor<?x4xi32>)
// CHECK: %[[A:.+]] = kiln.abs %[[X]] : (tensor<?x4xi32>) -> tensor<?x4xi32>
// CHECK: %[[N:.+]] = kiln.neg %[[A]] : (tensor<?x4xi32>) -> tensor<?x4xi32>
// CHECK: kiln.relu %[[N]] : (tensor<?x4xi32>) -> tensor<?x4xi32>
func.func @unary_int_dynamic(%x: tensor<?x4xi32>) -> tensor<?x4xi32> {
  %0 = kiln.abs %x : (tensor<?x4xi32>) -> tensor<?x4xi32>
  %1 = kiln.neg %0 : (tensor<?x4xi32>) -> tensor<?x4xi32>
  %2 = kiln.relu %1 : (tensor<?x4xi32>) -> tensor<?x4xi32>
  return %2 : tensor<?x4xi32>
}

// -----

// CHECK-LABEL: func.func @activations
// CHECK-SAME: (%[[X:.+]]: tensor<1x8xf16>, %[[SLOPE:.+]]: tensor<8xf16>)
// CHECK: kiln.relu %[[X]] : (tensor<1x8xf16>) -> tensor<1x8xf16>
// CHECK: kiln.sigmoid
// CHECK: kiln.hard_sigmoid %{{.+}} {alpha = 2.500000e-01 : f32, beta = 7.500000e-01 : f32}
// CHECK: kiln.hard_swish
// CHECK: kiln.leaky_relu %{{.+}} {alpha = 1.000000e-01 : f32}
// CHECK: kiln.elu %{{.+}} {alpha = 2.000000e+00 : f32}
// CHECK: kiln.selu
// CHECK: kiln.softplus
// CHECK: kiln.softsign
// CHECK: kiln.thresholded_relu %{{.+}} {alpha = 5.000000e-01 : f32}
// CHECK: kiln.shrink %{{.+}} {bias = 1.000000e+00 : f32, lambd = 2.000000e+00 : f32}
// CHECK: %[[P:.+]] = kiln.prelu %{{.+}}, %[[SLOPE]] : (tensor<1x8xf16>, tensor<8xf16>) -> tensor<1x8xf16>
// CHECK: return %[[P]]
func.func @activations(%x: tensor<1x8xf16>, %slope: tensor<8xf16>) -> tensor<1x8xf16> {
  %0 = kiln.relu %x : (tensor<1x8xf16>) -> tensor<1x8xf16>
  %1 = kiln.sigmoid %0 : (tensor<1x8xf16>) -> tensor<1x8xf16>
  %2 = kiln.hard_sigmoid %1 {alpha = 0.25 : f32, beta = 0.75 : f32} : (tensor<1x8xf16>) -> tensor<1x8xf16>
  %3 = kiln.hard_swish %2 : (tensor<1x8xf16>) -> tensor<1x8xf16>
  %4 = kiln.leaky_relu %3 {alpha = 0.1 : f32} : (tensor<1x8xf16>) -> tensor<1x8xf16>
  %5 = kiln.elu %4 {alpha = 2.0 : f32} : (tensor<1x8xf16>) -> tensor<1x8xf16>
  %6 = kiln.selu %5 : (tensor<1x8xf16>) -> tensor<1x8xf16>
  %7 = kiln.softplus %6 : (tensor<1x8xf16>) -> tensor<1x8xf16>
  %8 = kiln.softsign %7 : (tensor<1x8xf16>) -> tensor<1x8xf16>
  %9 = kiln.thresholded_relu %8 {alpha = 0.5 : f32} : (tensor<1x8xf16>) -> tensor<1x8xf16>
  %10 = kiln.shrink %9 {bias = 1.0 : f32, lambd = 2.0 : f32} : (tensor<1x8xf16>) -> tensor<1x8xf16>
  %11 = kiln.prelu %10, %slope : (tensor<1x8xf16>, tensor<8xf16>) -> tensor<1x8xf16>
  return %11 : tensor<1x8xf16>
}

// -----

// Celu is only defined on f32.

// CHECK-LABEL: func.func @celu
// CHECK: kiln.celu %{{.+}} {alpha = 1.500000e+00 : f32} : (tensor<3xf32>) -> tensor<3xf32>
func.func @celu(%x: tensor<3xf32>) -> tensor<3xf32> {
  %0 = kiln.celu %x {alpha = 1.5 : f32} : (tensor<3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

// CHECK-LABEL: func.func @identity
// CHECK-SAME: (%[[X:.+]]: tensor<2x2xi1>)
// CHECK: kiln.identity %[[X]] : (tensor<2x2xi1>) -> tensor<2x2xi1>
func.func @identity(%x: tensor<2x2xi1>) -> tensor<2x2xi1> {
  %0 = kiln.identity %x : (tensor<2x2xi1>) -> tensor<2x2xi1>
  return %0 : tensor<2x2xi1>
}

// -----

// IsNaN and IsInf keep the shape and produce i1.

// CHECK-LABEL: func.func @is_nan_is_inf
// CHECK-SAME: (%[[X:.+]]: tensor<4x?xf64>)
// CHECK: %[[NAN:.+]] = kiln.is_nan %[[X]] : (tensor<4x?xf64>) -> tensor<4x?xi1>
// CHECK: %[[INF:.+]] = kiln.is_inf %[[X]] {detect_negative = 0 : i64} : (tensor<4x?xf64>) -> tensor<4x?xi1>
// CHECK: return %[[NAN]], %[[INF]]
func.func @is_nan_is_inf(%x: tensor<4x?xf64>) -> (tensor<4x?xi1>, tensor<4x?xi1>) {
  %0 = kiln.is_nan %x : (tensor<4x?xf64>) -> tensor<4x?xi1>
  %1 = kiln.is_inf %x {detect_negative = 0 : i64} : (tensor<4x?xf64>) -> tensor<4x?xi1>
  return %0, %1 : tensor<4x?xi1>, tensor<4x?xi1>
}

// -----

// Cast keeps the shape and takes the element type from `to`.

// CHECK-LABEL: func.func @cast
// CHECK-SAME: (%[[X:.+]]: tensor<2x3xf32>)
// CHECK: %[[I:.+]] = kiln.cast %[[X]] {to = i64} : (tensor<2x3xf32>) -> tensor<2x3xi64>
// CHECK: %[[B:.+]] = kiln.cast %[[I]] {to = i1} : (tensor<2x3xi64>) -> tensor<2x3xi1>
// CHECK: kiln.cast %[[B]] {to = f16} : (tensor<2x3xi1>) -> tensor<2x3xf16>
func.func @cast(%x: tensor<2x3xf32>) -> tensor<2x3xf16> {
  %0 = kiln.cast %x {to = i64} : (tensor<2x3xf32>) -> tensor<2x3xi64>
  %1 = kiln.cast %0 {to = i1} : (tensor<2x3xi64>) -> tensor<2x3xi1>
  %2 = kiln.cast %1 {to = f16} : (tensor<2x3xi1>) -> tensor<2x3xf16>
  return %2 : tensor<2x3xf16>
}

// -----

// CHECK-LABEL: func.func @cast_unsigned
// CHECK: kiln.cast %{{.+}} {to = ui8} : (tensor<5xi32>) -> tensor<5xui8>
func.func @cast_unsigned(%x: tensor<5xi32>) -> tensor<5xui8> {
  %0 = kiln.cast %x {to = ui8} : (tensor<5xi32>) -> tensor<5xui8>
  return %0 : tensor<5xui8>
}

// -----

// Clip's optional min and max are written as `min(%v)` and `max(%v)`.

// CHECK-LABEL: func.func @clip
// CHECK-SAME: (%[[X:.+]]: tensor<2x3xf32>, %[[LO:.+]]: tensor<f32>, %[[HI:.+]]: tensor<f32>)
// CHECK: %[[BOTH:.+]] = kiln.clip %[[X]] min(%[[LO]]) max(%[[HI]]) : (tensor<2x3xf32>, tensor<f32>, tensor<f32>) -> tensor<2x3xf32>
// CHECK: %[[MAX:.+]] = kiln.clip %[[BOTH]] max(%[[HI]]) : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
// CHECK: %[[NONE:.+]] = kiln.clip %[[MAX]] : (tensor<2x3xf32>) -> tensor<2x3xf32>
// CHECK: return %[[NONE]]
func.func @clip(%x: tensor<2x3xf32>, %lo: tensor<f32>, %hi: tensor<f32>) -> tensor<2x3xf32> {
  %0 = kiln.clip %x min(%lo) max(%hi) : (tensor<2x3xf32>, tensor<f32>, tensor<f32>) -> tensor<2x3xf32>
  %1 = kiln.clip %0 max(%hi) : (tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
  %2 = kiln.clip %1 : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %2 : tensor<2x3xf32>
}

// -----

// Numpy broadcasting: right-aligned, size-1 dims stretch, missing leading dims
// are added.

// CHECK-LABEL: func.func @add_broadcast
// CHECK-SAME: (%[[A:.+]]: tensor<2x1x4xf32>, %[[B:.+]]: tensor<3x1xf32>)
// CHECK: kiln.add %[[A]], %[[B]] : (tensor<2x1x4xf32>, tensor<3x1xf32>) -> tensor<2x3x4xf32>
func.func @add_broadcast(%a: tensor<2x1x4xf32>, %b: tensor<3x1xf32>) -> tensor<2x3x4xf32> {
  %0 = kiln.add %a, %b : (tensor<2x1x4xf32>, tensor<3x1xf32>) -> tensor<2x3x4xf32>
  return %0 : tensor<2x3x4xf32>
}

// -----

// A scalar (rank 0) broadcasts against anything.

// CHECK-LABEL: func.func @mul_scalar
// CHECK-SAME: (%[[A:.+]]: tensor<f32>, %[[B:.+]]: tensor<5x6xf32>)
// CHECK: kiln.mul %[[A]], %[[B]] : (tensor<f32>, tensor<5x6xf32>) -> tensor<5x6xf32>
func.func @mul_scalar(%a: tensor<f32>, %b: tensor<5x6xf32>) -> tensor<5x6xf32> {
  %0 = kiln.mul %a, %b : (tensor<f32>, tensor<5x6xf32>) -> tensor<5x6xf32>
  return %0 : tensor<5x6xf32>
}

// -----

// A dynamic dim against a static one takes the static size; against 1 it stays
// dynamic.

// CHECK-LABEL: func.func @sub_dynamic
// CHECK: kiln.sub %{{.+}}, %{{.+}} : (tensor<?x1x?xi64>, tensor<3x5x1xi64>) -> tensor<3x5x?xi64>
func.func @sub_dynamic(%a: tensor<?x1x?xi64>, %b: tensor<3x5x1xi64>) -> tensor<3x5x?xi64> {
  %0 = kiln.sub %a, %b : (tensor<?x1x?xi64>, tensor<3x5x1xi64>) -> tensor<3x5x?xi64>
  return %0 : tensor<3x5x?xi64>
}

// -----

// CHECK-LABEL: func.func @arith_binary
// CHECK-SAME: (%[[A:.+]]: tensor<4x1xi32>, %[[B:.+]]: tensor<3xi32>)
// CHECK: %[[DIV:.+]] = kiln.div %[[A]], %[[B]] : (tensor<4x1xi32>, tensor<3xi32>) -> tensor<4x3xi32>
// CHECK: %[[MOD:.+]] = kiln.mod %[[DIV]], %[[B]] : (tensor<4x3xi32>, tensor<3xi32>) -> tensor<4x3xi32>
// CHECK: kiln.pow %[[MOD]], %[[A]] : (tensor<4x3xi32>, tensor<4x1xi32>) -> tensor<4x3xi32>
func.func @arith_binary(%a: tensor<4x1xi32>, %b: tensor<3xi32>) -> tensor<4x3xi32> {
  %0 = kiln.div %a, %b : (tensor<4x1xi32>, tensor<3xi32>) -> tensor<4x3xi32>
  %1 = kiln.mod %0, %b : (tensor<4x3xi32>, tensor<3xi32>) -> tensor<4x3xi32>
  %2 = kiln.pow %1, %a : (tensor<4x3xi32>, tensor<4x1xi32>) -> tensor<4x3xi32>
  return %2 : tensor<4x3xi32>
}

// -----

// Pow's exponent may have another element type; the result has the base's.

// CHECK-LABEL: func.func @pow_mixed
// CHECK: kiln.pow %{{.+}}, %{{.+}} : (tensor<2x3xf32>, tensor<1xi64>) -> tensor<2x3xf32>
func.func @pow_mixed(%x: tensor<2x3xf32>, %y: tensor<1xi64>) -> tensor<2x3xf32> {
  %0 = kiln.pow %x, %y : (tensor<2x3xf32>, tensor<1xi64>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// CHECK-LABEL: func.func @logical
// CHECK-SAME: (%[[A:.+]]: tensor<2x1xi1>, %[[B:.+]]: tensor<3xi1>)
// CHECK: %[[AND:.+]] = kiln.and %[[A]], %[[B]] : (tensor<2x1xi1>, tensor<3xi1>) -> tensor<2x3xi1>
// CHECK: %[[OR:.+]] = kiln.or %[[AND]], %[[B]] : (tensor<2x3xi1>, tensor<3xi1>) -> tensor<2x3xi1>
// CHECK: %[[XOR:.+]] = kiln.xor %[[OR]], %[[A]] : (tensor<2x3xi1>, tensor<2x1xi1>) -> tensor<2x3xi1>
// CHECK: kiln.not %[[XOR]] : (tensor<2x3xi1>) -> tensor<2x3xi1>
func.func @logical(%a: tensor<2x1xi1>, %b: tensor<3xi1>) -> tensor<2x3xi1> {
  %0 = kiln.and %a, %b : (tensor<2x1xi1>, tensor<3xi1>) -> tensor<2x3xi1>
  %1 = kiln.or %0, %b : (tensor<2x3xi1>, tensor<3xi1>) -> tensor<2x3xi1>
  %2 = kiln.xor %1, %a : (tensor<2x3xi1>, tensor<2x1xi1>) -> tensor<2x3xi1>
  %3 = kiln.not %2 : (tensor<2x3xi1>) -> tensor<2x3xi1>
  return %3 : tensor<2x3xi1>
}

// -----

// Variadic Max/Min/Sum/Mean broadcast all of their operands.

// CHECK-LABEL: func.func @variadic
// CHECK-SAME: (%[[A:.+]]: tensor<3x1xf32>, %[[B:.+]]: tensor<1x4xf32>, %[[C:.+]]: tensor<2x1x1xf32>)
// CHECK: kiln.max %[[A]], %[[B]], %[[C]] : (tensor<3x1xf32>, tensor<1x4xf32>, tensor<2x1x1xf32>) -> tensor<2x3x4xf32>
// CHECK: kiln.min %[[A]], %[[B]] : (tensor<3x1xf32>, tensor<1x4xf32>) -> tensor<3x4xf32>
// CHECK: kiln.sum %[[C]] : (tensor<2x1x1xf32>) -> tensor<2x1x1xf32>
// CHECK: kiln.mean %[[B]], %[[C]] : (tensor<1x4xf32>, tensor<2x1x1xf32>) -> tensor<2x1x4xf32>
func.func @variadic(%a: tensor<3x1xf32>, %b: tensor<1x4xf32>, %c: tensor<2x1x1xf32>)
    -> (tensor<2x3x4xf32>, tensor<3x4xf32>, tensor<2x1x1xf32>, tensor<2x1x4xf32>) {
  %0 = kiln.max %a, %b, %c : (tensor<3x1xf32>, tensor<1x4xf32>, tensor<2x1x1xf32>) -> tensor<2x3x4xf32>
  %1 = kiln.min %a, %b : (tensor<3x1xf32>, tensor<1x4xf32>) -> tensor<3x4xf32>
  %2 = kiln.sum %c : (tensor<2x1x1xf32>) -> tensor<2x1x1xf32>
  %3 = kiln.mean %b, %c : (tensor<1x4xf32>, tensor<2x1x1xf32>) -> tensor<2x1x4xf32>
  return %0, %1, %2, %3 : tensor<2x3x4xf32>, tensor<3x4xf32>, tensor<2x1x1xf32>, tensor<2x1x4xf32>
}

// -----

// Comparisons broadcast and produce i1.

// CHECK-LABEL: func.func @compare
// CHECK-SAME: (%[[A:.+]]: tensor<2x3xi64>, %[[B:.+]]: tensor<3xi64>)
// CHECK: kiln.equal %[[A]], %[[B]] : (tensor<2x3xi64>, tensor<3xi64>) -> tensor<2x3xi1>
// CHECK: kiln.greater %[[A]], %[[B]] : (tensor<2x3xi64>, tensor<3xi64>) -> tensor<2x3xi1>
// CHECK: kiln.greater_or_equal %[[B]], %[[A]] : (tensor<3xi64>, tensor<2x3xi64>) -> tensor<2x3xi1>
// CHECK: kiln.less %[[A]], %[[B]] : (tensor<2x3xi64>, tensor<3xi64>) -> tensor<2x3xi1>
// CHECK: kiln.less_or_equal %[[B]], %[[B]] : (tensor<3xi64>, tensor<3xi64>) -> tensor<3xi1>
func.func @compare(%a: tensor<2x3xi64>, %b: tensor<3xi64>)
    -> (tensor<2x3xi1>, tensor<2x3xi1>, tensor<2x3xi1>, tensor<2x3xi1>, tensor<3xi1>) {
  %0 = kiln.equal %a, %b : (tensor<2x3xi64>, tensor<3xi64>) -> tensor<2x3xi1>
  %1 = kiln.greater %a, %b : (tensor<2x3xi64>, tensor<3xi64>) -> tensor<2x3xi1>
  %2 = kiln.greater_or_equal %b, %a : (tensor<3xi64>, tensor<2x3xi64>) -> tensor<2x3xi1>
  %3 = kiln.less %a, %b : (tensor<2x3xi64>, tensor<3xi64>) -> tensor<2x3xi1>
  %4 = kiln.less_or_equal %b, %b : (tensor<3xi64>, tensor<3xi64>) -> tensor<3xi1>
  return %0, %1, %2, %3, %4 : tensor<2x3xi1>, tensor<2x3xi1>, tensor<2x3xi1>, tensor<2x3xi1>, tensor<3xi1>
}

// -----

// Where broadcasts condition, X and Y together; the element type is X's.

// CHECK-LABEL: func.func @where
// CHECK-SAME: (%[[C:.+]]: tensor<4x1x1xi1>, %[[X:.+]]: tensor<3x1xf32>, %[[Y:.+]]: tensor<5xf32>)
// CHECK: kiln.where %[[C]], %[[X]], %[[Y]] : (tensor<4x1x1xi1>, tensor<3x1xf32>, tensor<5xf32>) -> tensor<4x3x5xf32>
func.func @where(%c: tensor<4x1x1xi1>, %x: tensor<3x1xf32>, %y: tensor<5xf32>) -> tensor<4x3x5xf32> {
  %0 = kiln.where %c, %x, %y : (tensor<4x1x1xi1>, tensor<3x1xf32>, tensor<5xf32>) -> tensor<4x3x5xf32>
  return %0 : tensor<4x3x5xf32>
}

// -----

// BitShift broadcasts like the other binary ops (unsigned integers only).

// CHECK-LABEL: func.func @bit_shift
// CHECK: kiln.bit_shift %{{.+}}, %{{.+}} {direction = "LEFT"} : (tensor<2x1xui64>, tensor<3xui64>) -> tensor<2x3xui64>
func.func @bit_shift(%x: tensor<2x1xui64>, %s: tensor<3xui64>) -> tensor<2x3xui64> {
  %0 = kiln.bit_shift %x, %s {direction = "LEFT"} : (tensor<2x1xui64>, tensor<3xui64>) -> tensor<2x3xui64>
  return %0 : tensor<2x3xui64>
}
