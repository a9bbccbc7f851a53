// RUN: kiln-opt %s --split-input-file --convert-kiln-to-linalg | FileCheck %s

// GridSample is one linalg.generic over the output [N, C, H_out, W_out] that
// reads the grid's (x, y) and the input taps with tensor.extract, in the
// grid's float type (at least f32), as PyTorch's grid_sampler_2d computes.

// Bilinear with zeros padding (the defaults): ((x + 1) * W - 1) / 2, floor,
// four taps, each masked to 0 outside the input.
// CHECK-LABEL: func.func @bilinear_zeros
// CHECK-SAME: (%[[X:.+]]: tensor<1x2x4x5xf32>, %[[G:.+]]: tensor<1x3x6x2xf32>)
// CHECK: linalg.generic {{.+}} iterator_types = ["parallel", "parallel", "parallel", "parallel"]} outs(%{{.+}} : tensor<1x2x3x6xf32>)
// CHECK: %[[N:.+]] = linalg.index 0 : index
// CHECK: %[[C:.+]] = linalg.index 1 : index
// CHECK: %[[H:.+]] = linalg.index 2 : index
// CHECK: %[[W:.+]] = linalg.index 3 : index
// CHECK: %[[C0:.+]] = arith.constant 0 : index
// CHECK: %[[GX:.+]] = tensor.extract %[[G]][%[[N]], %[[H]], %[[W]], %[[C0]]]
// CHECK: %[[C1:.+]] = arith.constant 1 : index
// CHECK: %[[GY:.+]] = tensor.extract %[[G]][%[[N]], %[[H]], %[[W]], %[[C1]]]
// CHECK: arith.addf %[[GX]]
// CHECK: arith.mulf
// CHECK: arith.subf
// CHECK: arith.divf
// CHECK: math.floor
// CHECK: math.floor
// CHECK: %[[V:.+]] = tensor.extract %[[X]][%[[N]], %[[C]], %{{.+}}, %{{.+}}] : tensor<1x2x4x5xf32>
// CHECK: arith.cmpf oge
// CHECK: arith.cmpf ole
// CHECK: arith.select %{{.+}}, %[[V]], %{{.+}} : f32
// CHECK-COUNT-3: tensor.extract %[[X]]
// CHECK-NOT: tensor.extract
// CHECK: linalg.yield %{{.+}} : f32
func.func @bilinear_zeros(%x: tensor<1x2x4x5xf32>, %g: tensor<1x3x6x2xf32>) -> tensor<1x2x3x6xf32> {
  %0 = kiln.grid_sample %x, %g : (tensor<1x2x4x5xf32>, tensor<1x3x6x2xf32>) -> tensor<1x2x3x6xf32>
  return %0 : tensor<1x2x3x6xf32>
}

// -----

// Nearest with reflection padding: the point is reflected (fmod, flip parity)
// and clamped, then rounded half to even. The tap is always inside: no mask.
// CHECK-LABEL: func.func @nearest_reflection
// CHECK-SAME: (%[[X:.+]]: tensor<1x2x4x5xf32>, %{{.+}}: tensor<1x3x6x2xf32>)
// CHECK: linalg.generic
// CHECK: math.absf
// CHECK: arith.remf
// CHECK: math.floor
// CHECK: arith.maxnumf
// CHECK: arith.minnumf
// CHECK: math.roundeven
// CHECK: math.roundeven
// CHECK: arith.fptosi
// CHECK: arith.fptosi
// CHECK: %[[V:.+]] = tensor.extract %[[X]]
// CHECK-NEXT: linalg.yield %[[V]] : f32
func.func @nearest_reflection(%x: tensor<1x2x4x5xf32>, %g: tensor<1x3x6x2xf32>) -> tensor<1x2x3x6xf32> {
  %0 = kiln.grid_sample %x, %g {mode = "nearest", padding_mode = "reflection"} : (tensor<1x2x4x5xf32>, tensor<1x3x6x2xf32>) -> tensor<1x2x3x6xf32>
  return %0 : tensor<1x2x3x6xf32>
}

// -----

// Bicubic on f16 computes in f32 (f16 pixel coordinates would be off by whole
// pixels on large images): 4x4 taps, each coordinate clamped for border
// padding, so none is masked; the result is truncated back to f16.
// CHECK-LABEL: func.func @bicubic_border_f16
// CHECK-SAME: (%[[X:.+]]: tensor<1x1x4x4xf16>, %{{.+}}: tensor<1x2x2x2xf16>)
// CHECK: linalg.generic
// CHECK: arith.extf %{{.+}} : f16 to f32
// CHECK: arith.extf %{{.+}} : f16 to f32
// CHECK: arith.constant -7.500000e-01 : f32
// CHECK-COUNT-16: tensor.extract %[[X]]
// CHECK-NOT: tensor.extract
// CHECK-NOT: arith.select
// CHECK: %[[R:.+]] = arith.truncf %{{.+}} : f32 to f16
// CHECK-NEXT: linalg.yield %[[R]] : f16
func.func @bicubic_border_f16(%x: tensor<1x1x4x4xf16>, %g: tensor<1x2x2x2xf16>) -> tensor<1x1x2x2xf16> {
  %0 = kiln.grid_sample %x, %g {mode = "bicubic", padding_mode = "border", align_corners = 1} : (tensor<1x1x4x4xf16>, tensor<1x2x2x2xf16>) -> tensor<1x1x2x2xf16>
  return %0 : tensor<1x1x2x2xf16>
}

// -----

// An f64 grid makes the computation f64; the f32 taps are extended.
// CHECK-LABEL: func.func @f64_grid
// CHECK: linalg.generic
// CHECK: arith.divf %{{.+}}, %{{.+}} : f64
// CHECK: tensor.extract %{{.+}} : tensor<1x1x3x3xf32>
// CHECK-NEXT: arith.extf %{{.+}} : f32 to f64
// CHECK: arith.truncf %{{.+}} : f64 to f32
func.func @f64_grid(%x: tensor<1x1x3x3xf32>, %g: tensor<1x2x2x2xf64>) -> tensor<1x1x2x2xf32> {
  %0 = kiln.grid_sample %x, %g {mode = "nearest"} : (tensor<1x1x3x3xf32>, tensor<1x2x2x2xf64>) -> tensor<1x1x2x2xf32>
  return %0 : tensor<1x1x2x2xf32>
}

// -----

// Every tap of an empty image is outside it: the result is all zeros.
// CHECK-LABEL: func.func @empty_image
// CHECK: %[[Z:.+]] = arith.constant 0.000000e+00 : f32
// CHECK: linalg.fill ins(%[[Z]] : f32) outs(%{{.+}} : tensor<1x2x3x3xf32>)
// CHECK-NOT: linalg.generic
func.func @empty_image(%x: tensor<1x2x0x4xf32>, %g: tensor<1x3x3x2xf32>) -> tensor<1x2x3x3xf32> {
  %0 = kiln.grid_sample %x, %g {padding_mode = "border"} : (tensor<1x2x0x4xf32>, tensor<1x3x3x2xf32>) -> tensor<1x2x3x3xf32>
  return %0 : tensor<1x2x3x3xf32>
}
