// RUN: kiln-opt %s --split-input-file --convert-kiln-to-linalg | FileCheck %s

// Pad crops negative pads first (tensor.extract_slice). Constant mode is a
// tensor.pad; edge and reflect read the input at a clamped / mirrored index.

// CHECK-LABEL: func.func @pad_constant_negative
// CHECK-SAME: (%[[X:.+]]: tensor<4x5xf32>, %[[V:.+]]: tensor<f32>)
// CHECK: %[[CROP:.+]] = tensor.extract_slice %[[X]][1, 0] [3, 4] [1, 1] : tensor<4x5xf32> to tensor<3x4xf32>
// CHECK: %[[PV:.+]] = tensor.extract %[[V]][] : tensor<f32>
// CHECK: %[[Y:.+]] = tensor.pad %[[CROP]] low[0, 2] high[2, 0]
// CHECK: tensor.yield %[[PV]] : f32
// CHECK: } : tensor<3x4xf32> to tensor<5x6xf32>
// CHECK: return %[[Y]]
func.func @pad_constant_negative(%x: tensor<4x5xf32>, %v: tensor<f32>) -> tensor<5x6xf32> {
  %0 = kiln.pad %x constant_value(%v) {pads = array<i64: -1, 2, 2, -1>} : (tensor<4x5xf32>, tensor<f32>) -> tensor<5x6xf32>
  return %0 : tensor<5x6xf32>
}

// -----

// CHECK-LABEL: func.func @pad_constant_default_zero
// CHECK: %[[ZERO:.+]] = arith.constant false
// CHECK: tensor.pad %{{.+}} low[1] high[0]
// CHECK: tensor.yield %[[ZERO]] : i1
func.func @pad_constant_default_zero(%x: tensor<3xi1>) -> tensor<4xi1> {
  %0 = kiln.pad %x {pads = array<i64: 1, 0>} : (tensor<3xi1>) -> tensor<4xi1>
  return %0 : tensor<4xi1>
}

// -----

// Reflect: mirroring without repeating the edge is periodic with period
// 2 * (4 - 1) = 6; the index is folded into [0, 6) and the upper half mirrored.

// CHECK-LABEL: func.func @pad_reflect
// CHECK-SAME: (%[[X:.+]]: tensor<3x4xf32>)
// CHECK: linalg.generic {{.*}} outs(%{{.+}} : tensor<3x9xf32>)
// CHECK: %[[I0:.+]] = linalg.index 0 : index
// CHECK: %[[I1:.+]] = linalg.index 1 : index
// CHECK: %[[SRC:.+]] = arith.subi %[[I1]], %{{.+}} : index
// CHECK: %[[M:.+]] = arith.remsi %[[SRC]], %[[P:.+]] : index
// CHECK: %[[NEG:.+]] = arith.cmpi slt, %[[M]], %{{.+}} : index
// CHECK: %[[MP:.+]] = arith.addi %[[M]], %{{.+}} : index
// CHECK: %[[F:.+]] = arith.select %[[NEG]], %[[MP]], %[[M]] : index
// CHECK: %[[UP:.+]] = arith.cmpi sge, %[[F]], %{{.+}} : index
// CHECK: %[[MIR:.+]] = arith.subi %{{.+}}, %[[F]] : index
// CHECK: %[[J:.+]] = arith.select %[[UP]], %[[MIR]], %[[F]] : index
// CHECK: %[[E:.+]] = tensor.extract %[[X]][%[[I0]], %[[J]]] : tensor<3x4xf32>
// CHECK: linalg.yield %[[E]] : f32
func.func @pad_reflect(%x: tensor<3x4xf32>) -> tensor<3x9xf32> {
  %0 = kiln.pad %x {mode = "reflect", pads = array<i64: 0, 2, 0, 3>} : (tensor<3x4xf32>) -> tensor<3x9xf32>
  return %0 : tensor<3x9xf32>
}

// -----

// CHECK-LABEL: func.func @pad_edge
// CHECK-SAME: (%[[X:.+]]: tensor<3x4xi64>)
// CHECK: linalg.generic {{.*}} outs(%{{.+}} : tensor<5x4xi64>)
// CHECK: %[[I0:.+]] = linalg.index 0 : index
// CHECK: %[[C1:.+]] = arith.constant 1 : index
// CHECK: %[[SRC:.+]] = arith.subi %[[I0]], %[[C1]] : index
// CHECK: %[[LAST:.+]] = arith.constant 2 : index
// CHECK: %[[HI:.+]] = arith.minsi %[[SRC]], %[[LAST]] : index
// CHECK: %[[C0:.+]] = arith.constant 0 : index
// CHECK: %[[ROW:.+]] = arith.maxsi %[[HI]], %[[C0]] : index
// CHECK: %[[I1:.+]] = linalg.index 1 : index
// CHECK: %[[E:.+]] = tensor.extract %[[X]][%[[ROW]], %[[I1]]] : tensor<3x4xi64>
// CHECK: linalg.yield %[[E]] : i64
func.func @pad_edge(%x: tensor<3x4xi64>) -> tensor<5x4xi64> {
  %0 = kiln.pad %x {mode = "edge", pads = array<i64: 1, 0, 1, 0>} : (tensor<3x4xi64>) -> tensor<5x4xi64>
  return %0 : tensor<5x4xi64>
}

// -----

// DCR: [N, b, b, C', H, W] -> [N, C', H, b, W, b].

// CHECK-LABEL: func.func @depth_to_space_dcr
// CHECK-SAME: (%[[X:.+]]: tensor<1x12x2x3xf32>)
// CHECK: %[[E:.+]] = tensor.expand_shape %[[X]] {{\[}}[0], [1, 2, 3], [4], [5]] output_shape [1, 2, 2, 3, 2, 3] : tensor<1x12x2x3xf32> into tensor<1x2x2x3x2x3xf32>
// CHECK: %[[T:.+]] = linalg.transpose ins(%[[E]] : tensor<1x2x2x3x2x3xf32>) outs(%{{.+}} : tensor<1x3x2x2x3x2xf32>) permutation = [0, 3, 4, 1, 5, 2]
// CHECK: %[[Y:.+]] = tensor.collapse_shape %[[T]] {{\[}}[0], [1], [2, 3], [4, 5]] : tensor<1x3x2x2x3x2xf32> into tensor<1x3x4x6xf32>
// CHECK: return %[[Y]]
func.func @depth_to_space_dcr(%x: tensor<1x12x2x3xf32>) -> tensor<1x3x4x6xf32> {
  %0 = kiln.depth_to_space %x {blocksize = 2 : i64} : (tensor<1x12x2x3xf32>) -> tensor<1x3x4x6xf32>
  return %0 : tensor<1x3x4x6xf32>
}

// -----

// CRD: [N, C', b, b, H, W] -> [N, C', H, b, W, b].

// CHECK-LABEL: func.func @depth_to_space_crd
// CHECK: %[[E:.+]] = tensor.expand_shape %{{.+}} {{\[}}[0], [1, 2, 3], [4], [5]] output_shape [1, 3, 2, 2, 2, 3] : tensor<1x12x2x3xf32> into tensor<1x3x2x2x2x3xf32>
// CHECK: %[[T:.+]] = linalg.transpose ins(%[[E]] : tensor<1x3x2x2x2x3xf32>) outs(%{{.+}} : tensor<1x3x2x2x3x2xf32>) permutation = [0, 1, 4, 2, 5, 3]
// CHECK: tensor.collapse_shape %[[T]] {{\[}}[0], [1], [2, 3], [4, 5]] : tensor<1x3x2x2x3x2xf32> into tensor<1x3x4x6xf32>
func.func @depth_to_space_crd(%x: tensor<1x12x2x3xf32>) -> tensor<1x3x4x6xf32> {
  %0 = kiln.depth_to_space %x {blocksize = 2 : i64, mode = "CRD"} : (tensor<1x12x2x3xf32>) -> tensor<1x3x4x6xf32>
  return %0 : tensor<1x3x4x6xf32>
}

// -----

// [N, C, H', b, W', b] -> [N, b, b, C, H', W'].

// CHECK-LABEL: func.func @space_to_depth
// CHECK: %[[E:.+]] = tensor.expand_shape %{{.+}} {{\[}}[0], [1], [2, 3], [4, 5]] output_shape [1, 3, 2, 2, 3, 2] : tensor<1x3x4x6xf32> into tensor<1x3x2x2x3x2xf32>
// CHECK: %[[T:.+]] = linalg.transpose ins(%[[E]] : tensor<1x3x2x2x3x2xf32>) outs(%{{.+}} : tensor<1x2x2x3x2x3xf32>) permutation = [0, 3, 5, 1, 2, 4]
// CHECK: tensor.collapse_shape %[[T]] {{\[}}[0], [1, 2, 3], [4], [5]] : tensor<1x2x2x3x2x3xf32> into tensor<1x12x2x3xf32>
func.func @space_to_depth(%x: tensor<1x3x4x6xf32>) -> tensor<1x12x2x3xf32> {
  %0 = kiln.space_to_depth %x {blocksize = 2 : i64} : (tensor<1x3x4x6xf32>) -> tensor<1x12x2x3xf32>
  return %0 : tensor<1x12x2x3xf32>
}
