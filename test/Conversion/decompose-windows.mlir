// RUN: kiln-opt %s --split-input-file --kiln-decompose-windows --mlir-print-local-scope | FileCheck %s

// A 3x3 depthwise convolution, stride 1: one elementwise linalg.generic over
// the [1, 4, 4, 8] output whose inputs are the 9 views of the input shifted
// by (kh, kw) (offsets [0, 0, kh, kw], unit strides, the output's shape),
// then the 9 [C] filter slices filter[:, kh, kw] (indexed by the channel),
// both kh-major. The body is the convolution's multiply-add once per tap, in
// the op's order: tap t multiplies view t by filter slice t and adds it to
// the running sum, which starts from the output (the init) value.

// CHECK-LABEL: func.func @depthwise
// CHECK-SAME: (%[[X:[^:]+]]: tensor<1x4x6x10xf32>, %[[W:[^:]+]]: tensor<4x3x3xf32>, %[[Y:[^:]+]]: tensor<1x4x4x8xf32>)
// CHECK: %[[V0:.+]] = tensor.extract_slice %[[X]][0, 0, 0, 0] [1, 4, 4, 8] [1, 1, 1, 1] : tensor<1x4x6x10xf32> to tensor<1x4x4x8xf32>
// CHECK: %[[F0:.+]] = tensor.extract_slice %[[W]][0, 0, 0] [4, 1, 1] [1, 1, 1] : tensor<4x3x3xf32> to tensor<4xf32>
// CHECK: %[[V1:.+]] = tensor.extract_slice %[[X]][0, 0, 0, 1] [1, 4, 4, 8] [1, 1, 1, 1] : tensor<1x4x6x10xf32> to tensor<1x4x4x8xf32>
// CHECK: %[[F1:.+]] = tensor.extract_slice %[[W]][0, 0, 1] [4, 1, 1] [1, 1, 1] : tensor<4x3x3xf32> to tensor<4xf32>
// CHECK: %[[V2:.+]] = tensor.extract_slice %[[X]][0, 0, 0, 2] [1, 4, 4, 8] [1, 1, 1, 1] : tensor<1x4x6x10xf32> to tensor<1x4x4x8xf32>
// CHECK: %[[F2:.+]] = tensor.extract_slice %[[W]][0, 0, 2] [4, 1, 1] [1, 1, 1] : tensor<4x3x3xf32> to tensor<4xf32>
// CHECK: %[[V3:.+]] = tensor.extract_slice %[[X]][0, 0, 1, 0] [1, 4, 4, 8] [1, 1, 1, 1] : tensor<1x4x6x10xf32> to tensor<1x4x4x8xf32>
// CHECK: %[[F3:.+]] = tensor.extract_slice %[[W]][0, 1, 0] [4, 1, 1] [1, 1, 1] : tensor<4x3x3xf32> to tensor<4xf32>
// CHECK: %[[V4:.+]] = tensor.extract_slice %[[X]][0, 0, 1, 1] [1, 4, 4, 8] [1, 1, 1, 1] : tensor<1x4x6x10xf32> to tensor<1x4x4x8xf32>
// CHECK: %[[F4:.+]] = tensor.extract_slice %[[W]][0, 1, 1] [4, 1, 1] [1, 1, 1] : tensor<4x3x3xf32> to tensor<4xf32>
// CHECK: %[[V5:.+]] = tensor.extract_slice %[[X]][0, 0, 1, 2] [1, 4, 4, 8] [1, 1, 1, 1] : tensor<1x4x6x10xf32> to tensor<1x4x4x8xf32>
// CHECK: %[[F5:.+]] = tensor.extract_slice %[[W]][0, 1, 2] [4, 1, 1] [1, 1, 1] : tensor<4x3x3xf32> to tensor<4xf32>
// CHECK: %[[V6:.+]] = tensor.extract_slice %[[X]][0, 0, 2, 0] [1, 4, 4, 8] [1, 1, 1, 1] : tensor<1x4x6x10xf32> to tensor<1x4x4x8xf32>
// CHECK: %[[F6:.+]] = tensor.extract_slice %[[W]][0, 2, 0] [4, 1, 1] [1, 1, 1] : tensor<4x3x3xf32> to tensor<4xf32>
// CHECK: %[[V7:.+]] = tensor.extract_slice %[[X]][0, 0, 2, 1] [1, 4, 4, 8] [1, 1, 1, 1] : tensor<1x4x6x10xf32> to tensor<1x4x4x8xf32>
// CHECK: %[[F7:.+]] = tensor.extract_slice %[[W]][0, 2, 1] [4, 1, 1] [1, 1, 1] : tensor<4x3x3xf32> to tensor<4xf32>
// CHECK: %[[V8:.+]] = tensor.extract_slice %[[X]][0, 0, 2, 2] [1, 4, 4, 8] [1, 1, 1, 1] : tensor<1x4x6x10xf32> to tensor<1x4x4x8xf32>
// CHECK: %[[F8:.+]] = tensor.extract_slice %[[W]][0, 2, 2] [4, 1, 1] [1, 1, 1] : tensor<4x3x3xf32> to tensor<4xf32>
// CHECK: linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>, affine_map<(d0, d1, d2, d3) -> (d1)>, affine_map<(d0, d1, d2, d3) -> (d1)>, affine_map<(d0, d1, d2, d3) -> (d1)>, affine_map<(d0, d1, d2, d3) -> (d1)>, affine_map<(d0, d1, d2, d3) -> (d1)>, affine_map<(d0, d1, d2, d3) -> (d1)>, affine_map<(d0, d1, d2, d3) -> (d1)>, affine_map<(d0, d1, d2, d3) -> (d1)>, affine_map<(d0, d1, d2, d3) -> (d1)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%[[V0]], %[[V1]], %[[V2]], %[[V3]], %[[V4]], %[[V5]], %[[V6]], %[[V7]], %[[V8]], %[[F0]], %[[F1]], %[[F2]], %[[F3]], %[[F4]], %[[F5]], %[[F6]], %[[F7]], %[[F8]] : {{.+}}) outs(%[[Y]] : tensor<1x4x4x8xf32>)
// CHECK-NEXT: ^bb0(%[[I0:[^:]+]]: f32, %[[I1:[^:]+]]: f32, %[[I2:[^:]+]]: f32, %[[I3:[^:]+]]: f32, %[[I4:[^:]+]]: f32, %[[I5:[^:]+]]: f32, %[[I6:[^:]+]]: f32, %[[I7:[^:]+]]: f32, %[[I8:[^:]+]]: f32, %[[G0:[^:]+]]: f32, %[[G1:[^:]+]]: f32, %[[G2:[^:]+]]: f32, %[[G3:[^:]+]]: f32, %[[G4:[^:]+]]: f32, %[[G5:[^:]+]]: f32, %[[G6:[^:]+]]: f32, %[[G7:[^:]+]]: f32, %[[G8:[^:]+]]: f32, %[[OUT:[^:]+]]: f32):
// CHECK-NEXT: %[[M0:.+]] = arith.mulf %[[I0]], %[[G0]] : f32
// CHECK-NEXT: %[[S0:.+]] = arith.addf %[[OUT]], %[[M0]] : f32
// CHECK-NEXT: %[[M1:.+]] = arith.mulf %[[I1]], %[[G1]] : f32
// CHECK-NEXT: %[[S1:.+]] = arith.addf %[[S0]], %[[M1]] : f32
// CHECK-NEXT: %[[M2:.+]] = arith.mulf %[[I2]], %[[G2]] : f32
// CHECK-NEXT: %[[S2:.+]] = arith.addf %[[S1]], %[[M2]] : f32
// CHECK-NEXT: %[[M3:.+]] = arith.mulf %[[I3]], %[[G3]] : f32
// CHECK-NEXT: %[[S3:.+]] = arith.addf %[[S2]], %[[M3]] : f32
// CHECK-NEXT: %[[M4:.+]] = arith.mulf %[[I4]], %[[G4]] : f32
// CHECK-NEXT: %[[S4:.+]] = arith.addf %[[S3]], %[[M4]] : f32
// CHECK-NEXT: %[[M5:.+]] = arith.mulf %[[I5]], %[[G5]] : f32
// CHECK-NEXT: %[[S5:.+]] = arith.addf %[[S4]], %[[M5]] : f32
// CHECK-NEXT: %[[M6:.+]] = arith.mulf %[[I6]], %[[G6]] : f32
// CHECK-NEXT: %[[S6:.+]] = arith.addf %[[S5]], %[[M6]] : f32
// CHECK-NEXT: %[[M7:.+]] = arith.mulf %[[I7]], %[[G7]] : f32
// CHECK-NEXT: %[[S7:.+]] = arith.addf %[[S6]], %[[M7]] : f32
// CHECK-NEXT: %[[M8:.+]] = arith.mulf %[[I8]], %[[G8]] : f32
// CHECK-NEXT: %[[S8:.+]] = arith.addf %[[S7]], %[[M8]] : f32
// CHECK-NEXT: linalg.yield %[[S8]] : f32
// CHECK-NOT: linalg.depthwise_conv_2d_nchw_chw
func.func @depthwise(%x: tensor<1x4x6x10xf32>, %w: tensor<4x3x3xf32>, %y: tensor<1x4x4x8xf32>) -> tensor<1x4x4x8xf32> {
  %0 = linalg.depthwise_conv_2d_nchw_chw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
       ins(%x, %w : tensor<1x4x6x10xf32>, tensor<4x3x3xf32>) outs(%y : tensor<1x4x4x8xf32>) -> tensor<1x4x4x8xf32>
  return %0 : tensor<1x4x4x8xf32>
}

// -----

// A 3x3 max pool with stride 2: 9 views with offsets [0, 0, kh, kw] and
// strides [1, 1, 2, 2] (output pixel (oh, ow) of view (kh, kw) is input
// pixel (2 oh + kh, 2 ow + kw)); the window operand only gives the shape
// and is not an input of the generic. The body takes the maximum of the 9
// taps and the init value as a balanced tree, 4 deep rather than a chain of
// 9 (maximumf is associative and commutative: the same result).

// CHECK-LABEL: func.func @max_pool
// CHECK-SAME: (%[[X:[^:]+]]: tensor<1x4x9x9xf32>, %[[Y:[^:]+]]: tensor<1x4x4x4xf32>)
// CHECK: %[[V0:.+]] = tensor.extract_slice %[[X]][0, 0, 0, 0] [1, 4, 4, 4] [1, 1, 2, 2] : tensor<1x4x9x9xf32> to tensor<1x4x4x4xf32>
// CHECK: %[[V1:.+]] = tensor.extract_slice %[[X]][0, 0, 0, 1] [1, 4, 4, 4] [1, 1, 2, 2] : tensor<1x4x9x9xf32> to tensor<1x4x4x4xf32>
// CHECK: %[[V2:.+]] = tensor.extract_slice %[[X]][0, 0, 0, 2] [1, 4, 4, 4] [1, 1, 2, 2] : tensor<1x4x9x9xf32> to tensor<1x4x4x4xf32>
// CHECK: %[[V3:.+]] = tensor.extract_slice %[[X]][0, 0, 1, 0] [1, 4, 4, 4] [1, 1, 2, 2] : tensor<1x4x9x9xf32> to tensor<1x4x4x4xf32>
// CHECK: %[[V4:.+]] = tensor.extract_slice %[[X]][0, 0, 1, 1] [1, 4, 4, 4] [1, 1, 2, 2] : tensor<1x4x9x9xf32> to tensor<1x4x4x4xf32>
// CHECK: %[[V5:.+]] = tensor.extract_slice %[[X]][0, 0, 1, 2] [1, 4, 4, 4] [1, 1, 2, 2] : tensor<1x4x9x9xf32> to tensor<1x4x4x4xf32>
// CHECK: %[[V6:.+]] = tensor.extract_slice %[[X]][0, 0, 2, 0] [1, 4, 4, 4] [1, 1, 2, 2] : tensor<1x4x9x9xf32> to tensor<1x4x4x4xf32>
// CHECK: %[[V7:.+]] = tensor.extract_slice %[[X]][0, 0, 2, 1] [1, 4, 4, 4] [1, 1, 2, 2] : tensor<1x4x9x9xf32> to tensor<1x4x4x4xf32>
// CHECK: %[[V8:.+]] = tensor.extract_slice %[[X]][0, 0, 2, 2] [1, 4, 4, 4] [1, 1, 2, 2] : tensor<1x4x9x9xf32> to tensor<1x4x4x4xf32>
// CHECK: linalg.generic {{.+}} ins(%[[V0]], %[[V1]], %[[V2]], %[[V3]], %[[V4]], %[[V5]], %[[V6]], %[[V7]], %[[V8]] : {{.+}}) outs(%[[Y]] : tensor<1x4x4x4xf32>)
// CHECK-NEXT: ^bb0(%[[I0:[^:]+]]: f32, %[[I1:[^:]+]]: f32, %[[I2:[^:]+]]: f32, %[[I3:[^:]+]]: f32, %[[I4:[^:]+]]: f32, %[[I5:[^:]+]]: f32, %[[I6:[^:]+]]: f32, %[[I7:[^:]+]]: f32, %[[I8:[^:]+]]: f32, %[[OUT:[^:]+]]: f32):
// CHECK-NEXT: %[[A0:.+]] = arith.maximumf %[[I0]], %[[I1]] : f32
// CHECK-NEXT: %[[A1:.+]] = arith.maximumf %[[I2]], %[[I3]] : f32
// CHECK-NEXT: %[[A2:.+]] = arith.maximumf %[[I4]], %[[I5]] : f32
// CHECK-NEXT: %[[A3:.+]] = arith.maximumf %[[I6]], %[[I7]] : f32
// CHECK-NEXT: %[[A4:.+]] = arith.maximumf %[[I8]], %[[OUT]] : f32
// CHECK-NEXT: %[[B0:.+]] = arith.maximumf %[[A0]], %[[A1]] : f32
// CHECK-NEXT: %[[B1:.+]] = arith.maximumf %[[A2]], %[[A3]] : f32
// CHECK-NEXT: %[[C0:.+]] = arith.maximumf %[[B0]], %[[B1]] : f32
// CHECK-NEXT: %[[D0:.+]] = arith.maximumf %[[C0]], %[[A4]] : f32
// CHECK-NEXT: linalg.yield %[[D0]] : f32
// CHECK-NOT: linalg.pooling_nchw_max
func.func @max_pool(%x: tensor<1x4x9x9xf32>, %y: tensor<1x4x4x4xf32>) -> tensor<1x4x4x4xf32> {
  %window = tensor.empty() : tensor<3x3xf32>
  %0 = linalg.pooling_nchw_max {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
       ins(%x, %window : tensor<1x4x9x9xf32>, tensor<3x3xf32>) outs(%y : tensor<1x4x4x4xf32>) -> tensor<1x4x4x4xf32>
  return %0 : tensor<1x4x4x4xf32>
}

// -----

// A 2x2 sum pool with different strides along the two axes ([2, 1]): the
// views' strides are [1, 1, 2, 1], rows strided, columns contiguous; the
// body adds the 4 taps to the init value in (kh, kw) order.

// CHECK-LABEL: func.func @sum_pool
// CHECK-SAME: (%[[X:[^:]+]]: tensor<1x4x8x5xf32>, %[[Y:[^:]+]]: tensor<1x4x4x4xf32>)
// CHECK: %[[V0:.+]] = tensor.extract_slice %[[X]][0, 0, 0, 0] [1, 4, 4, 4] [1, 1, 2, 1] : tensor<1x4x8x5xf32> to tensor<1x4x4x4xf32>
// CHECK: %[[V1:.+]] = tensor.extract_slice %[[X]][0, 0, 0, 1] [1, 4, 4, 4] [1, 1, 2, 1] : tensor<1x4x8x5xf32> to tensor<1x4x4x4xf32>
// CHECK: %[[V2:.+]] = tensor.extract_slice %[[X]][0, 0, 1, 0] [1, 4, 4, 4] [1, 1, 2, 1] : tensor<1x4x8x5xf32> to tensor<1x4x4x4xf32>
// CHECK: %[[V3:.+]] = tensor.extract_slice %[[X]][0, 0, 1, 1] [1, 4, 4, 4] [1, 1, 2, 1] : tensor<1x4x8x5xf32> to tensor<1x4x4x4xf32>
// CHECK: linalg.generic {{.+}} ins(%[[V0]], %[[V1]], %[[V2]], %[[V3]] : {{.+}}) outs(%[[Y]] : tensor<1x4x4x4xf32>)
// CHECK-NEXT: ^bb0(%[[I0:[^:]+]]: f32, %[[I1:[^:]+]]: f32, %[[I2:[^:]+]]: f32, %[[I3:[^:]+]]: f32, %[[OUT:[^:]+]]: f32):
// CHECK-NEXT: %[[S0:.+]] = arith.addf %[[OUT]], %[[I0]] : f32
// CHECK-NEXT: %[[S1:.+]] = arith.addf %[[S0]], %[[I1]] : f32
// CHECK-NEXT: %[[S2:.+]] = arith.addf %[[S1]], %[[I2]] : f32
// CHECK-NEXT: %[[S3:.+]] = arith.addf %[[S2]], %[[I3]] : f32
// CHECK-NEXT: linalg.yield %[[S3]] : f32
// CHECK-NOT: linalg.pooling_nchw_sum
func.func @sum_pool(%x: tensor<1x4x8x5xf32>, %y: tensor<1x4x4x4xf32>) -> tensor<1x4x4x4xf32> {
  %window = tensor.empty() : tensor<2x2xf32>
  %0 = linalg.pooling_nchw_sum {dilations = dense<1> : tensor<2xi64>, strides = dense<[2, 1]> : tensor<2xi64>}
       ins(%x, %window : tensor<1x4x8x5xf32>, tensor<2x2xf32>) outs(%y : tensor<1x4x4x4xf32>) -> tensor<1x4x4x4xf32>
  return %0 : tensor<1x4x4x4xf32>
}

// -----

// Dilations [2, 3]: tap (kh, kw) is the view at offsets [0, 0, 2 kh, 3 kw]
// (the strides stay 1), with the filter slice at [0, kh, kw] (not dilated).

// CHECK-LABEL: func.func @dilated
// CHECK-SAME: (%[[X:[^:]+]]: tensor<1x4x8x11xf32>, %[[W:[^:]+]]: tensor<4x2x2xf32>
// CHECK: %[[V0:.+]] = tensor.extract_slice %[[X]][0, 0, 0, 0] [1, 4, 6, 8] [1, 1, 1, 1]
// CHECK: %[[F0:.+]] = tensor.extract_slice %[[W]][0, 0, 0] [4, 1, 1] [1, 1, 1] : tensor<4x2x2xf32> to tensor<4xf32>
// CHECK: %[[V1:.+]] = tensor.extract_slice %[[X]][0, 0, 0, 3] [1, 4, 6, 8] [1, 1, 1, 1]
// CHECK: %[[F1:.+]] = tensor.extract_slice %[[W]][0, 0, 1] [4, 1, 1] [1, 1, 1] : tensor<4x2x2xf32> to tensor<4xf32>
// CHECK: %[[V2:.+]] = tensor.extract_slice %[[X]][0, 0, 2, 0] [1, 4, 6, 8] [1, 1, 1, 1]
// CHECK: %[[F2:.+]] = tensor.extract_slice %[[W]][0, 1, 0] [4, 1, 1] [1, 1, 1] : tensor<4x2x2xf32> to tensor<4xf32>
// CHECK: %[[V3:.+]] = tensor.extract_slice %[[X]][0, 0, 2, 3] [1, 4, 6, 8] [1, 1, 1, 1]
// CHECK: %[[F3:.+]] = tensor.extract_slice %[[W]][0, 1, 1] [4, 1, 1] [1, 1, 1] : tensor<4x2x2xf32> to tensor<4xf32>
// CHECK: linalg.generic {{.+}} ins(%[[V0]], %[[V1]], %[[V2]], %[[V3]], %[[F0]], %[[F1]], %[[F2]], %[[F3]] :
// CHECK-NOT: linalg.depthwise_conv_2d_nchw_chw
func.func @dilated(%x: tensor<1x4x8x11xf32>, %w: tensor<4x2x2xf32>, %y: tensor<1x4x6x8xf32>) -> tensor<1x4x6x8xf32> {
  %0 = linalg.depthwise_conv_2d_nchw_chw {dilations = dense<[2, 3]> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
       ins(%x, %w : tensor<1x4x8x11xf32>, tensor<4x2x2xf32>) outs(%y : tensor<1x4x6x8xf32>) -> tensor<1x4x6x8xf32>
  return %0 : tensor<1x4x6x8xf32>
}

// -----

// A convolution whose initial value is its bias broadcast over the output
// (as the importer writes it): the generic reads the [C] bias itself, as one
// more input indexed by the channel, and starts each sum from it instead of
// from the broadcast's result; its destination is the broadcast's own
// (empty) destination, so the broadcast is no longer needed.

// CHECK-LABEL: func.func @bias_start
// CHECK-SAME: (%[[X:[^:]+]]: tensor<1x4x4x4xf32>, %[[W:[^:]+]]: tensor<4x2x2xf32>, %[[B:[^:]+]]: tensor<4xf32>)
// CHECK: %[[E:.+]] = tensor.empty() : tensor<1x4x3x3xf32>
// CHECK: linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d1)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>]
// CHECK: %[[R:.+]] = linalg.generic {indexing_maps = [{{((affine_map<\(d0, d1, d2, d3\) -> \(d0, d1, d2, d3\)>, ){4})}}{{((affine_map<\(d0, d1, d2, d3\) -> \(d1\)>, ){4})}}affine_map<(d0, d1, d2, d3) -> (d1)>, affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>]
// CHECK-SAME: ins(%{{.+}}, %{{.+}}, %{{.+}}, %{{.+}}, %{{.+}}, %{{.+}}, %{{.+}}, %{{.+}}, %[[B]] : {{.+}}) outs(%[[E]] : tensor<1x4x3x3xf32>)
// CHECK-NEXT: ^bb0(%[[I0:[^:]+]]: f32, %{{[^:]+}}: f32, %{{[^:]+}}: f32, %{{[^:]+}}: f32, %[[G0:[^:]+]]: f32, %{{[^:]+}}: f32, %{{[^:]+}}: f32, %{{[^:]+}}: f32, %[[BIAS:[^:]+]]: f32, %{{[^:]+}}: f32):
// CHECK-NEXT: %[[M0:.+]] = arith.mulf %[[I0]], %[[G0]] : f32
// CHECK-NEXT: arith.addf %[[BIAS]], %[[M0]] : f32
// CHECK: return %[[R]]
#bias = affine_map<(d0, d1, d2, d3) -> (d1)>
#id = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
func.func @bias_start(%x: tensor<1x4x4x4xf32>, %w: tensor<4x2x2xf32>, %b: tensor<4xf32>) -> tensor<1x4x3x3xf32> {
  %e = tensor.empty() : tensor<1x4x3x3xf32>
  %init = linalg.generic {indexing_maps = [#bias, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%b : tensor<4xf32>) outs(%e : tensor<1x4x3x3xf32>) {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  } -> tensor<1x4x3x3xf32>
  %0 = linalg.depthwise_conv_2d_nchw_chw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
       ins(%x, %w : tensor<1x4x4x4xf32>, tensor<4x2x2xf32>) outs(%init : tensor<1x4x3x3xf32>) -> tensor<1x4x3x3xf32>
  return %0 : tensor<1x4x3x3xf32>
}

// -----

// A max pool whose initial value is a fill with -infinity: the generic's
// destination is the fill's (empty) destination, not the filled tensor, and
// the -infinity, which changes no maximum, is left out of the tree.

// CHECK-LABEL: func.func @fill_start
// CHECK: %[[E:.+]] = tensor.empty() : tensor<1x4x3x3xf32>
// CHECK: linalg.generic {{.+}} outs(%[[E]] : tensor<1x4x3x3xf32>)
// CHECK-NEXT: ^bb0(%[[I0:[^:]+]]: f32, %[[I1:[^:]+]]: f32, %[[I2:[^:]+]]: f32, %[[I3:[^:]+]]: f32, %{{.+}}: f32):
// CHECK-NEXT: %[[A0:.+]] = arith.maximumf %[[I0]], %[[I1]] : f32
// CHECK-NEXT: %[[A1:.+]] = arith.maximumf %[[I2]], %[[I3]] : f32
// CHECK-NEXT: %[[B0:.+]] = arith.maximumf %[[A0]], %[[A1]] : f32
// CHECK-NEXT: linalg.yield %[[B0]] : f32
#id = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
func.func @fill_start(%x: tensor<1x4x4x4xf32>) -> tensor<1x4x3x3xf32> {
  %ninf = arith.constant 0xFF800000 : f32
  %e = tensor.empty() : tensor<1x4x3x3xf32>
  %init = linalg.fill ins(%ninf : f32) outs(%e : tensor<1x4x3x3xf32>) -> tensor<1x4x3x3xf32>
  %window = tensor.empty() : tensor<2x2xf32>
  %0 = linalg.pooling_nchw_max {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
       ins(%x, %window : tensor<1x4x4x4xf32>, tensor<2x2xf32>) outs(%init : tensor<1x4x3x3xf32>) -> tensor<1x4x3x3xf32>
  return %0 : tensor<1x4x3x3xf32>
}

// -----

// 7x7 = 49 taps, the most that are decomposed: 49 views, 49 maximumf.

// CHECK-LABEL: func.func @taps_49
// CHECK-COUNT-49: tensor.extract_slice
// CHECK-NOT: tensor.extract_slice
// CHECK: linalg.generic
// CHECK-COUNT-49: arith.maximumf
// CHECK-NOT: arith.maximumf
// CHECK: linalg.yield
// CHECK-NOT: linalg.pooling_nchw_max
func.func @taps_49(%x: tensor<1x4x7x7xf32>, %y: tensor<1x4x1x1xf32>) -> tensor<1x4x1x1xf32> {
  %window = tensor.empty() : tensor<7x7xf32>
  %0 = linalg.pooling_nchw_max {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
       ins(%x, %window : tensor<1x4x7x7xf32>, tensor<7x7xf32>) outs(%y : tensor<1x4x1x1xf32>) -> tensor<1x4x1x1xf32>
  return %0 : tensor<1x4x1x1xf32>
}

// -----

// An 8x8 window has 64 taps, more than 49 (a global pool, say): the op keeps
// its loops, nothing is sliced.

// CHECK-LABEL: func.func @taps_64
// CHECK-NOT: tensor.extract_slice
// CHECK-NOT: linalg.generic
// CHECK: linalg.pooling_nchw_sum {{.+}} ins(%{{.+}}, %{{.+}} : tensor<1x4x8x8xf32>, tensor<8x8xf32>)
// CHECK-NOT: linalg.generic
func.func @taps_64(%x: tensor<1x4x8x8xf32>, %y: tensor<1x4x1x1xf32>) -> tensor<1x4x1x1xf32> {
  %window = tensor.empty() : tensor<8x8xf32>
  %0 = linalg.pooling_nchw_sum {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
       ins(%x, %window : tensor<1x4x8x8xf32>, tensor<8x8xf32>) outs(%y : tensor<1x4x1x1xf32>) -> tensor<1x4x1x1xf32>
  return %0 : tensor<1x4x1x1xf32>
}
