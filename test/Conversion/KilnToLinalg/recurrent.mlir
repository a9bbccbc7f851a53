// RUN: kiln-opt %s --split-input-file --convert-kiln-to-linalg | FileCheck %s

// LSTM, GRU and RNN. X * W^T (plus Wb + Rb) is one matmul over all timesteps;
// an scf.for over time carries the hidden (and cell) state and Y, multiplies
// H * R^T onto the step's slice of that product and computes the gates in one
// linalg.generic over [batch, hidden].

// CHECK-LABEL: func.func @lstm_peepholes
// CHECK-SAME: (%[[X:.+]]: tensor<3x2x4xf32>, %[[W:.+]]: tensor<1x20x4xf32>, %[[R:.+]]: tensor<1x20x5xf32>, %[[B:.+]]: tensor<1x40xf32>, %[[P:.+]]: tensor<1x15xf32>)
// CHECK: %[[X2:.+]] = tensor.collapse_shape %[[X]] {{\[}}[0, 1], [2]] : tensor<3x2x4xf32> into tensor<6x4xf32>
// CHECK: %[[WD:.+]] = tensor.extract_slice %[[W]][0, 0, 0] [1, 20, 4] [1, 1, 1] : tensor<1x20x4xf32> to tensor<20x4xf32>
// CHECK: %[[RD:.+]] = tensor.extract_slice %[[R]][0, 0, 0] [1, 20, 5] [1, 1, 1] : tensor<1x20x5xf32> to tensor<20x5xf32>
// CHECK: %[[BIAS:.+]] = linalg.generic {{.*}} outs(%{{.+}} : tensor<6x20xf32>)
// CHECK: %[[XW:.+]] = linalg.matmul indexing_maps = [#{{.+}}, #{{.+}}, #{{.+}}] ins(%[[X2]], %[[WD]] : tensor<6x4xf32>, tensor<20x4xf32>) outs(%[[BIAS]] : tensor<6x20xf32>)
// CHECK: %[[XW3:.+]] = tensor.expand_shape %[[XW]] {{\[}}[0, 1], [2]] output_shape [3, 2, 20]
// CHECK: %[[LOOP:.+]]:3 = scf.for %[[T:[a-z0-9_]+]] = %{{.+}} to %{{.+}} step %{{.+}} iter_args(%[[H:[a-z0-9_]+]] = %{{.+}}, %[[Y:[a-z0-9_]+]] = %{{.+}}, %[[C:[a-z0-9_]+]] = %{{.+}}) -> (tensor<2x5xf32>, tensor<3x1x2x5xf32>, tensor<2x5xf32>)
// CHECK:   %[[XWT:.+]] = tensor.extract_slice %[[XW3]][%[[T]], 0, 0] [1, 2, 20] [1, 1, 1] : tensor<3x2x20xf32> to tensor<2x20xf32>
// CHECK:   %[[PRE:.+]] = linalg.matmul {{.*}} ins(%[[H]], %[[RD]] : tensor<2x5xf32>, tensor<20x5xf32>) outs(%[[XWT]] : tensor<2x20xf32>)
// CHECK:   %[[GATES:.+]]:2 = linalg.generic {{.*}} outs(%{{.+}}, %[[C]] : tensor<2x5xf32>, tensor<2x5xf32>)
// CHECK:     math.exp
// CHECK:     math.tanh
// CHECK:   %[[HNEW:.+]] = linalg.copy ins(%[[GATES]]#0 : tensor<2x5xf32>) outs(%[[H]] : tensor<2x5xf32>)
// CHECK:   %[[YNEW:.+]] = tensor.insert_slice %[[HNEW]] into %[[Y]][%[[T]], 0, 0, 0] [1, 1, 2, 5] [1, 1, 1, 1]
// CHECK:   scf.yield %[[HNEW]], %[[YNEW]], %[[GATES]]#1
// CHECK: %[[YH:.+]] = tensor.insert_slice %[[LOOP]]#0 into %{{.+}}[0, 0, 0] [1, 2, 5]
// CHECK: %[[YC:.+]] = tensor.insert_slice %[[LOOP]]#2 into %{{.+}}[0, 0, 0] [1, 2, 5]
// CHECK: return %[[LOOP]]#1, %[[YH]], %[[YC]]
func.func @lstm_peepholes(%x: tensor<3x2x4xf32>, %w: tensor<1x20x4xf32>, %r: tensor<1x20x5xf32>, %b: tensor<1x40xf32>, %p: tensor<1x15xf32>) -> (tensor<3x1x2x5xf32>, tensor<1x2x5xf32>, tensor<1x2x5xf32>) {
  %y, %yh, %yc = kiln.lstm %x, %w, %r b(%b) p(%p) {hidden_size = 5 : i64} : (tensor<3x2x4xf32>, tensor<1x20x4xf32>, tensor<1x20x5xf32>, tensor<1x40xf32>, tensor<1x15xf32>) -> (tensor<3x1x2x5xf32>, tensor<1x2x5xf32>, tensor<1x2x5xf32>)
  return %y, %yh, %yc : tensor<3x1x2x5xf32>, tensor<1x2x5xf32>, tensor<1x2x5xf32>
}

// -----

// Bidirectional: the second direction runs backwards over time, continues
// filling the first loop's Y at direction index 1, and stacks its state.
// linear_before_reset = 0 needs r before (r * H) * Rh^T: two matmuls a step.

// CHECK-LABEL: func.func @gru_bidirectional
// CHECK: %[[FWD:.+]]:2 = scf.for %[[T:[a-z0-9_]+]] = {{.*}} -> (tensor<2x5xf32>, tensor<3x2x2x5xf32>)
// CHECK:   linalg.matmul {{.*}} outs(%{{.+}} : tensor<2x10xf32>)
// CHECK:   linalg.generic
// CHECK:   linalg.matmul {{.*}} outs(%{{.+}} : tensor<2x5xf32>)
// CHECK:   linalg.generic
// CHECK:   tensor.insert_slice %{{.+}} into %{{.+}}[%[[T]], 0, 0, 0] [1, 1, 2, 5]
// CHECK: %[[YH0:.+]] = tensor.insert_slice %[[FWD]]#0 into %{{.+}}[0, 0, 0] [1, 2, 5]
// CHECK: %[[BWD:.+]]:2 = scf.for %[[I:[a-z0-9_]+]] = {{.*}} iter_args(%{{.+}} = %{{.+}}, %{{.+}} = %[[FWD]]#1)
// CHECK:   %[[TR:.+]] = arith.subi %{{.+}}, %[[I]] : index
// CHECK:   tensor.extract_slice %{{.+}}[%[[TR]], 0, 0] [1, 2, 15]
// CHECK:   tensor.insert_slice %{{.+}} into %{{.+}}[%[[TR]], 1, 0, 0] [1, 1, 2, 5]
// CHECK: %[[YH:.+]] = tensor.insert_slice %[[BWD]]#0 into %[[YH0]][1, 0, 0] [1, 2, 5]
// CHECK: return %[[BWD]]#1, %[[YH]]
func.func @gru_bidirectional(%x: tensor<3x2x4xf32>, %w: tensor<2x15x4xf32>, %r: tensor<2x15x5xf32>, %b: tensor<2x30xf32>) -> (tensor<3x2x2x5xf32>, tensor<2x2x5xf32>) {
  %y, %yh = kiln.gru %x, %w, %r b(%b) {direction = "bidirectional", hidden_size = 5 : i64} : (tensor<3x2x4xf32>, tensor<2x15x4xf32>, tensor<2x15x5xf32>, tensor<2x30xf32>) -> (tensor<3x2x2x5xf32>, tensor<2x2x5xf32>)
  return %y, %yh : tensor<3x2x2x5xf32>, tensor<2x2x5xf32>
}

// -----

// layout = 1 (batch first): the projection's rows are (batch, time), the
// step reads [:, t, :], and Y and Y_h are transposed at the end. f16 is
// computed in f32 and rounded once.

// CHECK-LABEL: func.func @rnn_batchwise_f16
// CHECK-SAME: (%[[X:.+]]: tensor<2x3x4xf16>, %{{.+}}: tensor<1x5x4xf16>, %{{.+}}: tensor<1x5x5xf16>, %[[H0:.+]]: tensor<2x1x5xf16>)
// CHECK: arith.extf
// CHECK: %[[H0F:.+]] = linalg.generic {{.*}} ins(%[[H0]] : tensor<2x1x5xf16>) outs(%{{.+}} : tensor<2x1x5xf32>)
// CHECK: %[[XW3:.+]] = tensor.expand_shape %{{.+}} {{\[}}[0, 1], [2]] output_shape [2, 3, 5] : tensor<6x5xf32> into tensor<2x3x5xf32>
// CHECK: %[[INIT:.+]] = tensor.extract_slice %[[H0F]][0, 0, 0] [2, 1, 5] [1, 1, 1] : tensor<2x1x5xf32> to tensor<2x5xf32>
// CHECK: %[[LOOP:.+]]:2 = scf.for %[[T:[a-z0-9_]+]] = {{.*}} iter_args(%{{.+}} = %[[INIT]], %{{.+}} = %{{.+}})
// CHECK:   tensor.extract_slice %[[XW3]][0, %[[T]], 0] [2, 1, 5] [1, 1, 1] : tensor<2x3x5xf32> to tensor<2x5xf32>
// CHECK:   math.tanh
// CHECK:   linalg.copy
// CHECK: linalg.transpose ins(%[[LOOP]]#1 : tensor<3x1x2x5xf32>) outs(%{{.+}} : tensor<2x3x1x5xf32>) permutation = [2, 0, 1, 3]
// CHECK: arith.truncf
// CHECK: linalg.transpose ins(%{{.+}} : tensor<1x2x5xf32>) outs(%{{.+}} : tensor<2x1x5xf32>) permutation = [1, 0, 2]
// CHECK: arith.truncf
func.func @rnn_batchwise_f16(%x: tensor<2x3x4xf16>, %w: tensor<1x5x4xf16>, %r: tensor<1x5x5xf16>, %h0: tensor<2x1x5xf16>) -> (tensor<2x3x1x5xf16>, tensor<2x1x5xf16>) {
  %y, %yh = kiln.rnn %x, %w, %r initial_h(%h0) {layout = 1 : i64} : (tensor<2x3x4xf16>, tensor<1x5x4xf16>, tensor<1x5x5xf16>, tensor<2x1x5xf16>) -> (tensor<2x3x1x5xf16>, tensor<2x1x5xf16>)
  return %y, %yh : tensor<2x3x1x5xf16>, tensor<2x1x5xf16>
}
