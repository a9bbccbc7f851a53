// RUN: kiln-opt %s --split-input-file --convert-kiln-to-linalg | FileCheck %s

// QuantizeLinear per axis: the [C] scale and zero point get a trailing unit
// dim so that they broadcast along axis 1 of the rank-3 input. uint8 values
// are bitcast to signless i8 around the linalg ops, and the body picks the
// unsigned conversions: round half to even, add the zero point, clamp to
// [0, 255] in f32, then fptoui.

// CHECK-DAG: #[[ID3:.+]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-DAG: #[[AXIS1:.+]] = affine_map<(d0, d1, d2) -> (d1, 0)>
// CHECK-LABEL: func.func @quantize_per_axis
// CHECK-SAME: (%[[X:.+]]: tensor<2x3x4xf32>, %[[S:.+]]: tensor<3xf32>, %[[Z:.+]]: tensor<3xui8>)
// CHECK: %[[S2:.+]] = tensor.expand_shape %[[S]] {{\[}}[0, 1]] output_shape [3, 1] : tensor<3xf32> into tensor<3x1xf32>
// CHECK: %[[ZI:.+]] = tensor.bitcast %[[Z]] : tensor<3xui8> to tensor<3xi8>
// CHECK: %[[Z2:.+]] = tensor.expand_shape %[[ZI]] {{\[}}[0, 1]] output_shape [3, 1]
// CHECK: %[[Q:.+]] = linalg.generic {indexing_maps = [#[[ID3]], #[[AXIS1]], #[[AXIS1]], #[[ID3]]]
// CHECK-SAME: ins(%[[X]], %[[S2]], %[[Z2]] : tensor<2x3x4xf32>, tensor<3x1xf32>, tensor<3x1xi8>) outs(%{{.+}} : tensor<2x3x4xi8>)
// CHECK: ^bb0(%[[XV:.+]]: f32, %[[SV:.+]]: f32, %[[ZV:.+]]: i8, %{{.+}}: i8):
// CHECK: %[[DIV:.+]] = arith.divf %[[XV]], %[[SV]] : f32
// CHECK: %[[ZF:.+]] = arith.uitofp %[[ZV]] : i8 to f32
// CHECK: %[[R:.+]] = math.roundeven %[[DIV]] : f32
// CHECK: %[[SUM:.+]] = arith.addf %[[R]], %[[ZF]] : f32
// CHECK: %[[LO:.+]] = arith.maxnumf %[[SUM]], %{{.+}} : f32
// CHECK: %[[HI:.+]] = arith.minnumf %[[LO]], %{{.+}} : f32
// CHECK: %[[I:.+]] = arith.fptoui %[[HI]] : f32 to i8
// CHECK: linalg.yield %[[I]] : i8
// CHECK: %[[Y:.+]] = tensor.bitcast %[[Q]] : tensor<2x3x4xi8> to tensor<2x3x4xui8>
// CHECK: return %[[Y]]
func.func @quantize_per_axis(%x: tensor<2x3x4xf32>, %s: tensor<3xf32>, %z: tensor<3xui8>) -> tensor<2x3x4xui8> {
  %0 = kiln.quantize_linear %x, %s y_zero_point(%z) : (tensor<2x3x4xf32>, tensor<3xf32>, tensor<3xui8>) -> tensor<2x3x4xui8>
  return %0 : tensor<2x3x4xui8>
}

// -----

// int8 saturates to [-128, 127] with fptosi; an int32 input is converted with
// sitofp first. A scale of shape [1] is per tensor: it becomes rank 0.

// CHECK-LABEL: func.func @quantize_int8_from_int32
// CHECK-SAME: (%[[X:.+]]: tensor<4xi32>, %[[S:.+]]: tensor<1xf32>, %[[Z:.+]]: tensor<1xi8>)
// CHECK-DAG: %[[S0:.+]] = tensor.collapse_shape %[[S]] [] : tensor<1xf32> into tensor<f32>
// CHECK-DAG: %[[Z0:.+]] = tensor.collapse_shape %[[Z]] [] : tensor<1xi8> into tensor<i8>
// CHECK: %[[Q:.+]] = linalg.generic {{.*}} ins(%[[X]], %[[S0]], %[[Z0]] : tensor<4xi32>, tensor<f32>, tensor<i8>) outs(%{{.+}} : tensor<4xi8>)
// CHECK: arith.sitofp %{{.+}} : i32 to f32
// CHECK: arith.divf
// CHECK: arith.sitofp %{{.+}} : i8 to f32
// CHECK: math.roundeven
// CHECK: arith.constant -1.280000e+02 : f32
// CHECK: arith.constant 1.270000e+02 : f32
// CHECK: arith.fptosi %{{.+}} : f32 to i8
// CHECK-NOT: tensor.bitcast
// CHECK: return %[[Q]]
func.func @quantize_int8_from_int32(%x: tensor<4xi32>, %s: tensor<1xf32>, %z: tensor<1xi8>) -> tensor<4xi8> {
  %0 = kiln.quantize_linear %x, %s y_zero_point(%z) : (tensor<4xi32>, tensor<1xf32>, tensor<1xi8>) -> tensor<4xi8>
  return %0 : tensor<4xi8>
}

// -----

// DequantizeLinear: (x - zp) in i32 (extui for uint8), then sitofp and the
// multiplication by the scale.

// CHECK-LABEL: func.func @dequantize
// CHECK-SAME: (%[[X:.+]]: tensor<4xui8>, %[[S:.+]]: tensor<f32>, %[[Z:.+]]: tensor<ui8>)
// CHECK: %[[ZI:.+]] = tensor.bitcast %[[Z]] : tensor<ui8> to tensor<i8>
// CHECK: %[[XI:.+]] = tensor.bitcast %[[X]] : tensor<4xui8> to tensor<4xi8>
// CHECK: %[[D:.+]] = linalg.generic {{.*}} ins(%[[XI]], %[[ZI]] : tensor<4xi8>, tensor<i8>) outs(%{{.+}} : tensor<4xi32>)
// CHECK: %[[A:.+]] = arith.extui %{{.+}} : i8 to i32
// CHECK: %[[B:.+]] = arith.extui %{{.+}} : i8 to i32
// CHECK: arith.subi %[[A]], %[[B]] : i32
// CHECK: %[[Y:.+]] = linalg.generic {{.*}} ins(%[[D]], %[[S]] : tensor<4xi32>, tensor<f32>) outs(%{{.+}} : tensor<4xf32>)
// CHECK: %[[F:.+]] = arith.sitofp %{{.+}} : i32 to f32
// CHECK: arith.mulf %[[F]], %{{.+}} : f32
// CHECK: return %[[Y]]
func.func @dequantize(%x: tensor<4xui8>, %s: tensor<f32>, %z: tensor<ui8>) -> tensor<4xf32> {
  %0 = kiln.dequantize_linear %x, %s x_zero_point(%z) : (tensor<4xui8>, tensor<f32>, tensor<ui8>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// DynamicQuantizeLinear: one reduction pass computes min and max with
// accumulators starting at 0 (so the range includes 0), two rank-0 generics
// the scale and zero point, and one elementwise pass quantizes.

// CHECK-DAG: #[[ID2:.+]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[TO0:.+]] = affine_map<(d0, d1) -> ()>
// CHECK-DAG: #[[R0:.+]] = affine_map<() -> ()>
// CHECK-LABEL: func.func @dynamic_quantize
// CHECK-SAME: (%[[X:.+]]: tensor<2x4xf32>)
// CHECK: %[[ZERO:.+]] = arith.constant 0.000000e+00 : f32
// CHECK: %[[MIN0:.+]] = linalg.fill ins(%[[ZERO]] : f32) outs(%{{.+}} : tensor<f32>)
// CHECK: %[[MAX0:.+]] = linalg.fill ins(%[[ZERO]] : f32) outs(%{{.+}} : tensor<f32>)
// CHECK: %[[EXT:.+]]:2 = linalg.generic {indexing_maps = [#[[ID2]], #[[TO0]], #[[TO0]]], iterator_types = ["reduction", "reduction"]}
// CHECK-SAME: ins(%[[X]] : tensor<2x4xf32>) outs(%[[MIN0]], %[[MAX0]] : tensor<f32>, tensor<f32>)
// CHECK: arith.minimumf
// CHECK: arith.maximumf
// CHECK: %[[S:.+]] = linalg.generic {indexing_maps = [#[[R0]], #[[R0]], #[[R0]]], iterator_types = []} ins(%[[EXT]]#0, %[[EXT]]#1 : tensor<f32>, tensor<f32>) outs(%{{.+}} : tensor<f32>)
// CHECK: arith.subf
// CHECK: arith.constant 2.550000e+02 : f32
// CHECK: arith.divf
// CHECK: %[[Z:.+]] = linalg.generic {{.*}} ins(%[[EXT]]#0, %[[S]] : tensor<f32>, tensor<f32>) outs(%{{.+}} : tensor<i8>)
// CHECK: arith.divf
// CHECK: arith.subf
// CHECK: math.roundeven
// CHECK: arith.fptoui %{{.+}} : f32 to i8
// CHECK: %[[Q:.+]] = linalg.generic {indexing_maps = [#[[ID2]], #[[TO0]], #[[TO0]], #[[ID2]]], iterator_types = ["parallel", "parallel"]} ins(%[[X]], %[[S]], %[[Z]] : tensor<2x4xf32>, tensor<f32>, tensor<i8>) outs(%{{.+}} : tensor<2x4xi8>)
// CHECK: arith.uitofp %{{.+}} : i8 to f32
// CHECK: arith.fptoui %{{.+}} : f32 to i8
// CHECK-DAG: %[[Y:.+]] = tensor.bitcast %[[Q]] : tensor<2x4xi8> to tensor<2x4xui8>
// CHECK-DAG: %[[ZU:.+]] = tensor.bitcast %[[Z]] : tensor<i8> to tensor<ui8>
// CHECK: return %[[Y]], %[[S]], %[[ZU]]
func.func @dynamic_quantize(%x: tensor<2x4xf32>) -> (tensor<2x4xui8>, tensor<f32>, tensor<ui8>) {
  %y, %s, %z = kiln.dynamic_quantize_linear %x : (tensor<2x4xf32>) -> (tensor<2x4xui8>, tensor<f32>, tensor<ui8>)
  return %y, %s, %z : tensor<2x4xui8>, tensor<f32>, tensor<ui8>
}

// -----

// MatMulInteger: each operand is widened to i32 with its zero point
// subtracted (A's per row as [M, 1], B's per column as [N]), then one
// linalg.matmul on i32.

// CHECK-DAG: #[[ID2:.+]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[ROW:.+]] = affine_map<(d0, d1) -> (d0, 0)>
// CHECK-DAG: #[[COL:.+]] = affine_map<(d0, d1) -> (d1)>
// CHECK-LABEL: func.func @matmul_integer
// CHECK-SAME: (%[[A:.+]]: tensor<4x3xui8>, %[[B:.+]]: tensor<3x2xi8>, %[[AZ:.+]]: tensor<4xui8>, %[[BZ:.+]]: tensor<2xi8>)
// CHECK: %[[AZ2:.+]] = tensor.expand_shape %{{.+}} {{\[}}[0, 1]] output_shape [4, 1] : tensor<4xi8> into tensor<4x1xi8>
// CHECK: %[[AI:.+]] = tensor.bitcast %[[A]] : tensor<4x3xui8> to tensor<4x3xi8>
// CHECK: %[[A32:.+]] = linalg.generic {indexing_maps = [#[[ID2]], #[[ROW]], #[[ID2]]], {{.*}} ins(%[[AI]], %[[AZ2]] : tensor<4x3xi8>, tensor<4x1xi8>) outs(%{{.+}} : tensor<4x3xi32>)
// CHECK: arith.extui
// CHECK: arith.extui
// CHECK: arith.subi
// CHECK: %[[B32:.+]] = linalg.generic {indexing_maps = [#[[ID2]], #[[COL]], #[[ID2]]], {{.*}} ins(%[[B]], %[[BZ]] : tensor<3x2xi8>, tensor<2xi8>) outs(%{{.+}} : tensor<3x2xi32>)
// CHECK: arith.extsi
// CHECK: arith.extsi
// CHECK: arith.subi
// CHECK: %[[INIT:.+]] = linalg.fill ins(%{{.+}} : i32) outs(%{{.+}} : tensor<4x2xi32>)
// CHECK: %[[Y:.+]] = linalg.matmul ins(%[[A32]], %[[B32]] : tensor<4x3xi32>, tensor<3x2xi32>) outs(%[[INIT]] : tensor<4x2xi32>)
// CHECK: return %[[Y]]
func.func @matmul_integer(%a: tensor<4x3xui8>, %b: tensor<3x2xi8>, %az: tensor<4xui8>, %bz: tensor<2xi8>) -> tensor<4x2xi32> {
  %0 = kiln.matmul_integer %a, %b a_zero_point(%az) b_zero_point(%bz) : (tensor<4x3xui8>, tensor<3x2xi8>, tensor<4xui8>, tensor<2xi8>) -> tensor<4x2xi32>
  return %0 : tensor<4x2xi32>
}

// -----

// QLinearMatMul with batched operands: an i32 linalg.batch_matmul, the
// multiplier (a_scale * b_scale) / y_scale computed once (rank 0 here), then
// requantization of the accumulator.

// CHECK-LABEL: func.func @qlinear_matmul_batched
// CHECK: %[[ACC:.+]] = linalg.batch_matmul ins(%{{.+}}, %{{.+}} : tensor<2x2x4xi32>, tensor<2x4x3xi32>) outs(%{{.+}} : tensor<2x2x3xi32>)
// CHECK: %[[M:.+]] = linalg.generic {{.*}} iterator_types = []} ins(%{{.+}}, %{{.+}}, %{{.+}} : tensor<f32>, tensor<f32>, tensor<f32>) outs(%{{.+}} : tensor<f32>)
// CHECK: %[[P:.+]] = arith.mulf
// CHECK: arith.divf %[[P]], %{{.+}} : f32
// CHECK: %[[Q:.+]] = linalg.generic {{.*}} ins(%[[ACC]], %[[M]], %{{.+}} : tensor<2x2x3xi32>, tensor<f32>, tensor<i8>) outs(%{{.+}} : tensor<2x2x3xi8>)
// CHECK: %[[F:.+]] = arith.sitofp %{{.+}} : i32 to f32
// CHECK: %[[V:.+]] = arith.mulf %[[F]], %{{.+}} : f32
// CHECK: math.roundeven %[[V]] : f32
// CHECK: arith.fptoui %{{.+}} : f32 to i8
// CHECK: %[[Y:.+]] = tensor.bitcast %[[Q]] : tensor<2x2x3xi8> to tensor<2x2x3xui8>
// CHECK: return %[[Y]]
func.func @qlinear_matmul_batched(%a: tensor<2x2x4xui8>, %as: tensor<1xf32>, %az: tensor<1xui8>, %b: tensor<2x4x3xui8>, %bs: tensor<f32>, %bz: tensor<ui8>, %ys: tensor<1xf32>, %yz: tensor<1xui8>) -> tensor<2x2x3xui8> {
  %0 = kiln.qlinear_matmul %a, %as, %az, %b, %bs, %bz, %ys, %yz : (tensor<2x2x4xui8>, tensor<1xf32>, tensor<1xui8>, tensor<2x4x3xui8>, tensor<f32>, tensor<ui8>, tensor<1xf32>, tensor<1xui8>) -> tensor<2x2x3xui8>
  return %0 : tensor<2x2x3xui8>
}

// -----

// ConvInteger: the zero point is subtracted before padding, so the padded
// positions (zeros in i32) stand for X's zero point; then the i32 named
// convolution.

// CHECK-LABEL: func.func @conv_integer_padded
// CHECK: %[[X32:.+]] = linalg.generic {{.*}} outs(%{{.+}} : tensor<1x1x3x3xi32>)
// CHECK: arith.subi
// CHECK: %[[W32:.+]] = linalg.generic {{.*}} outs(%{{.+}} : tensor<1x1x2x2xi32>)
// CHECK: arith.extui
// CHECK-NOT: arith.subi
// CHECK: %[[XP:.+]] = tensor.pad %[[X32]] low[0, 0, 1, 1] high[0, 0, 1, 1]
// CHECK: } : tensor<1x1x3x3xi32> to tensor<1x1x5x5xi32>
// CHECK: %[[Y:.+]] = linalg.conv_2d_nchw_fchw {{.*}} ins(%[[XP]], %[[W32]] : tensor<1x1x5x5xi32>, tensor<1x1x2x2xi32>) outs(%{{.+}} : tensor<1x1x4x4xi32>)
// CHECK: return %[[Y]]
func.func @conv_integer_padded(%x: tensor<1x1x3x3xui8>, %w: tensor<1x1x2x2xui8>, %xz: tensor<ui8>) -> tensor<1x1x4x4xi32> {
  %0 = kiln.conv_integer %x, %w x_zero_point(%xz) {dilations = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 1, 1>} : (tensor<1x1x3x3xui8>, tensor<1x1x2x2xui8>, tensor<ui8>) -> tensor<1x1x4x4xi32>
  return %0 : tensor<1x1x4x4xi32>
}

// -----

// QLinearConv, grouped 1-D, per-channel weights with a bias: W's zero point
// [M] is subtracted along W's axis 0, the bias initializes the (grouped) i32
// accumulator, the [M] multiplier is applied along Y's channel axis.

// CHECK-DAG: #[[WAXIS:.+]] = affine_map<(d0, d1, d2) -> (d0, 0, 0)>
// CHECK-DAG: #[[YAXIS:.+]] = affine_map<(d0, d1, d2) -> (d1, 0)>
// CHECK-LABEL: func.func @qlinear_conv_grouped
// CHECK-SAME: %[[WS:[^:]+]]: tensor<6xf32>, %[[WZ:[^:]+]]: tensor<6xi8>, %{{[^:]+}}: tensor<1xf32>, %{{[^:]+}}: tensor<1xi8>, %[[BIAS:[^:]+]]: tensor<6xi32>)
// CHECK: %[[WZ3:.+]] = tensor.expand_shape %[[WZ]] {{\[}}[0, 1, 2]] output_shape [6, 1, 1]
// CHECK: linalg.generic {indexing_maps = [#{{.+}}, #[[WAXIS]], #{{.+}}], {{.*}} ins(%{{.+}}, %[[WZ3]] : tensor<6x2x3xi8>, tensor<6x1x1xi8>) outs(%{{.+}} : tensor<6x2x3xi32>)
// CHECK: %[[B2:.+]] = tensor.expand_shape %[[BIAS]] {{\[}}[0, 1]] output_shape [2, 3]
// CHECK: %[[INIT:.+]] = linalg.generic {{.*}} ins(%[[B2]] : tensor<2x3xi32>) outs(%{{.+}} : tensor<1x2x3x4xi32>)
// CHECK: %[[ACC:.+]] = linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction"]} ins(%{{.+}}, %{{.+}} : tensor<1x2x2x6xi32>, tensor<2x3x2x3xi32>) outs(%[[INIT]] : tensor<1x2x3x4xi32>)
// CHECK: %[[PROD:.+]] = arith.muli
// CHECK: arith.addi %{{.+}}, %[[PROD]] : i32
// CHECK: %[[ACC2:.+]] = tensor.collapse_shape %[[ACC]] {{\[}}[0], [1, 2], [3]] : tensor<1x2x3x4xi32> into tensor<1x6x4xi32>
// CHECK: %[[M:.+]] = linalg.generic {{.*}} ins(%{{.+}}, %[[WS]], %{{.+}} : tensor<f32>, tensor<6xf32>, tensor<f32>) outs(%{{.+}} : tensor<6xf32>)
// CHECK: %[[M2:.+]] = tensor.expand_shape %[[M]] {{\[}}[0, 1]] output_shape [6, 1]
// CHECK: %[[Y:.+]] = linalg.generic {indexing_maps = [#{{.+}}, #[[YAXIS]], #{{.+}}, #{{.+}}], {{.*}} ins(%[[ACC2]], %[[M2]], %{{.+}} : tensor<1x6x4xi32>, tensor<6x1xf32>, tensor<i8>) outs(%{{.+}} : tensor<1x6x4xi8>)
// CHECK: arith.fptosi %{{.+}} : f32 to i8
// CHECK: return %[[Y]]
func.func @qlinear_conv_grouped(%x: tensor<1x4x6xi8>, %xs: tensor<f32>, %xz: tensor<i8>, %w: tensor<6x2x3xi8>, %ws: tensor<6xf32>, %wz: tensor<6xi8>, %ys: tensor<1xf32>, %yz: tensor<1xi8>, %b: tensor<6xi32>) -> tensor<1x6x4xi8> {
  %0 = kiln.qlinear_conv %x, %xs, %xz, %w, %ws, %wz, %ys, %yz b(%b) {dilations = array<i64: 1>, group = 2 : i64, pads = array<i64: 0, 0>, strides = array<i64: 1>} : (tensor<1x4x6xi8>, tensor<f32>, tensor<i8>, tensor<6x2x3xi8>, tensor<6xf32>, tensor<6xi8>, tensor<1xf32>, tensor<1xi8>, tensor<6xi32>) -> tensor<1x6x4xi8>
  return %0 : tensor<1x6x4xi8>
}
