// RUN: kiln-opt %s --split-input-file | kiln-opt --split-input-file | FileCheck %s

// LSTM (4 gates), GRU (3) and RNN (1). X is [seq, batch, input] (layout 0) or
// [batch, seq, input] (layout 1); W is [dirs, gates * hidden, input] and R is
// [dirs, gates * hidden, hidden]. Y is [seq, dirs, batch, hidden] (layout 0) or
// [batch, seq, dirs, hidden] (layout 1); the states are [dirs, batch, hidden] or
// [batch, dirs, hidden].

// CHECK-LABEL: func.func @lstm_forward
// CHECK-SAME: (%[[X:.+]]: tensor<5x2x3xf32>, %[[W:.+]]: tensor<1x16x3xf32>, %[[R:.+]]: tensor<1x16x4xf32>, %[[B:.+]]: tensor<1x32xf32>)
// CHECK: %[[Y:.+]], %[[YH:.+]], %[[YC:.+]] = kiln.lstm %[[X]], %[[W]], %[[R]] b(%[[B]]) {hidden_size = 4 : i64} : (tensor<5x2x3xf32>, tensor<1x16x3xf32>, tensor<1x16x4xf32>, tensor<1x32xf32>) -> (tensor<5x1x2x4xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>)
// CHECK: return %[[Y]], %[[YH]], %[[YC]]
func.func @lstm_forward(%x: tensor<5x2x3xf32>, %w: tensor<1x16x3xf32>, %r: tensor<1x16x4xf32>, %b: tensor<1x32xf32>)
    -> (tensor<5x1x2x4xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>) {
  %0:3 = kiln.lstm %x, %w, %r b(%b) {hidden_size = 4 : i64} : (tensor<5x2x3xf32>, tensor<1x16x3xf32>, tensor<1x16x4xf32>, tensor<1x32xf32>) -> (tensor<5x1x2x4xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>)
  return %0#0, %0#1, %0#2 : tensor<5x1x2x4xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>
}

// -----

// Bidirectional: two directions in W, R, Y and both states. Every optional
// operand is present.

// CHECK-LABEL: func.func @lstm_bidirectional
// CHECK-SAME: (%[[X:.+]]: tensor<5x2x3xf32>, %[[W:.+]]: tensor<2x16x3xf32>, %[[R:.+]]: tensor<2x16x4xf32>, %[[B:.+]]: tensor<2x32xf32>, %[[L:.+]]: tensor<2xi32>, %[[H:.+]]: tensor<2x2x4xf32>, %[[C:.+]]: tensor<2x2x4xf32>, %[[P:.+]]: tensor<2x12xf32>)
// CHECK: %[[Y:.+]], %[[YH:.+]], %[[YC:.+]] = kiln.lstm %[[X]], %[[W]], %[[R]] b(%[[B]]) sequence_lens(%[[L]]) initial_h(%[[H]]) initial_c(%[[C]]) p(%[[P]]) {direction = "bidirectional"} : (tensor<5x2x3xf32>, tensor<2x16x3xf32>, tensor<2x16x4xf32>, tensor<2x32xf32>, tensor<2xi32>, tensor<2x2x4xf32>, tensor<2x2x4xf32>, tensor<2x12xf32>) -> (tensor<5x2x2x4xf32>, tensor<2x2x4xf32>, tensor<2x2x4xf32>)
// CHECK: return %[[Y]], %[[YH]], %[[YC]]
func.func @lstm_bidirectional(%x: tensor<5x2x3xf32>, %w: tensor<2x16x3xf32>, %r: tensor<2x16x4xf32>, %b: tensor<2x32xf32>,
                              %l: tensor<2xi32>, %h: tensor<2x2x4xf32>, %c: tensor<2x2x4xf32>, %p: tensor<2x12xf32>)
    -> (tensor<5x2x2x4xf32>, tensor<2x2x4xf32>, tensor<2x2x4xf32>) {
  %0:3 = kiln.lstm %x, %w, %r b(%b) sequence_lens(%l) initial_h(%h) initial_c(%c) p(%p) {direction = "bidirectional"} : (tensor<5x2x3xf32>, tensor<2x16x3xf32>, tensor<2x16x4xf32>, tensor<2x32xf32>, tensor<2xi32>, tensor<2x2x4xf32>, tensor<2x2x4xf32>, tensor<2x12xf32>) -> (tensor<5x2x2x4xf32>, tensor<2x2x4xf32>, tensor<2x2x4xf32>)
  return %0#0, %0#1, %0#2 : tensor<5x2x2x4xf32>, tensor<2x2x4xf32>, tensor<2x2x4xf32>
}

// -----

// layout = 1: batch first in X, Y and the states.

// CHECK-LABEL: func.func @lstm_layout_1
// CHECK-SAME: (%[[X:.+]]: tensor<2x5x3xf32>, %[[W:.+]]: tensor<2x16x3xf32>, %[[R:.+]]: tensor<2x16x4xf32>)
// CHECK: kiln.lstm %[[X]], %[[W]], %[[R]] {direction = "bidirectional", layout = 1 : i64} : (tensor<2x5x3xf32>, tensor<2x16x3xf32>, tensor<2x16x4xf32>) -> (tensor<2x5x2x4xf32>, tensor<2x2x4xf32>, tensor<2x2x4xf32>)
func.func @lstm_layout_1(%x: tensor<2x5x3xf32>, %w: tensor<2x16x3xf32>, %r: tensor<2x16x4xf32>) -> tensor<2x5x2x4xf32> {
  %0:3 = kiln.lstm %x, %w, %r {direction = "bidirectional", layout = 1 : i64} : (tensor<2x5x3xf32>, tensor<2x16x3xf32>, tensor<2x16x4xf32>) -> (tensor<2x5x2x4xf32>, tensor<2x2x4xf32>, tensor<2x2x4xf32>)
  return %0#0 : tensor<2x5x2x4xf32>
}

// -----

// Dynamic sequence length and batch carry through.

// CHECK-LABEL: func.func @lstm_dynamic_sequence
// CHECK: kiln.lstm {{.+}} : (tensor<?x?x3xf32>, tensor<1x8x3xf32>, tensor<1x8x2xf32>) -> (tensor<?x1x?x2xf32>, tensor<1x?x2xf32>, tensor<1x?x2xf32>)
func.func @lstm_dynamic_sequence(%x: tensor<?x?x3xf32>, %w: tensor<1x8x3xf32>, %r: tensor<1x8x2xf32>) -> tensor<?x1x?x2xf32> {
  %0:3 = kiln.lstm %x, %w, %r {input_forget = 1 : i64} : (tensor<?x?x3xf32>, tensor<1x8x3xf32>, tensor<1x8x2xf32>) -> (tensor<?x1x?x2xf32>, tensor<1x?x2xf32>, tensor<1x?x2xf32>)
  return %0#0 : tensor<?x1x?x2xf32>
}

// -----

// GRU has 3 gates and one state result.

// CHECK-LABEL: func.func @gru
// CHECK-SAME: (%[[X:.+]]: tensor<5x2x3xf32>, %[[W:.+]]: tensor<1x12x3xf32>, %[[R:.+]]: tensor<1x12x4xf32>, %[[B:.+]]: tensor<1x24xf32>, %[[H:.+]]: tensor<1x2x4xf32>)
// CHECK: %[[Y:.+]], %[[YH:.+]] = kiln.gru %[[X]], %[[W]], %[[R]] b(%[[B]]) initial_h(%[[H]]) {linear_before_reset = 1 : i64} : (tensor<5x2x3xf32>, tensor<1x12x3xf32>, tensor<1x12x4xf32>, tensor<1x24xf32>, tensor<1x2x4xf32>) -> (tensor<5x1x2x4xf32>, tensor<1x2x4xf32>)
// CHECK: return %[[Y]], %[[YH]]
func.func @gru(%x: tensor<5x2x3xf32>, %w: tensor<1x12x3xf32>, %r: tensor<1x12x4xf32>, %b: tensor<1x24xf32>, %h: tensor<1x2x4xf32>)
    -> (tensor<5x1x2x4xf32>, tensor<1x2x4xf32>) {
  %0:2 = kiln.gru %x, %w, %r b(%b) initial_h(%h) {linear_before_reset = 1 : i64} : (tensor<5x2x3xf32>, tensor<1x12x3xf32>, tensor<1x12x4xf32>, tensor<1x24xf32>, tensor<1x2x4xf32>) -> (tensor<5x1x2x4xf32>, tensor<1x2x4xf32>)
  return %0#0, %0#1 : tensor<5x1x2x4xf32>, tensor<1x2x4xf32>
}

// -----

// CHECK-LABEL: func.func @gru_bidirectional_layout_1
// CHECK: kiln.gru {{.+}} {direction = "bidirectional", layout = 1 : i64} : (tensor<3x7x5xf64>, tensor<2x6x5xf64>, tensor<2x6x2xf64>) -> (tensor<3x7x2x2xf64>, tensor<3x2x2xf64>)
func.func @gru_bidirectional_layout_1(%x: tensor<3x7x5xf64>, %w: tensor<2x6x5xf64>, %r: tensor<2x6x2xf64>) -> tensor<3x2x2xf64> {
  %0:2 = kiln.gru %x, %w, %r {direction = "bidirectional", layout = 1 : i64} : (tensor<3x7x5xf64>, tensor<2x6x5xf64>, tensor<2x6x2xf64>) -> (tensor<3x7x2x2xf64>, tensor<3x2x2xf64>)
  return %0#1 : tensor<3x2x2xf64>
}

// -----

// RNN has one gate; activation attributes round-trip.

// CHECK-LABEL: func.func @rnn
// CHECK-SAME: (%[[X:.+]]: tensor<5x2x3xf32>, %[[W:.+]]: tensor<1x4x3xf32>, %[[R:.+]]: tensor<1x4x4xf32>, %[[L:.+]]: tensor<2xi32>)
// CHECK: %[[Y:.+]], %[[YH:.+]] = kiln.rnn %[[X]], %[[W]], %[[R]] sequence_lens(%[[L]]) {activation_alpha = array<f32: 5.000000e-01>, activations = ["LeakyRelu"], clip = 3.000000e+00 : f32, direction = "reverse", hidden_size = 4 : i64} : (tensor<5x2x3xf32>, tensor<1x4x3xf32>, tensor<1x4x4xf32>, tensor<2xi32>) -> (tensor<5x1x2x4xf32>, tensor<1x2x4xf32>)
// CHECK: return %[[Y]], %[[YH]]
func.func @rnn(%x: tensor<5x2x3xf32>, %w: tensor<1x4x3xf32>, %r: tensor<1x4x4xf32>, %l: tensor<2xi32>)
    -> (tensor<5x1x2x4xf32>, tensor<1x2x4xf32>) {
  %0:2 = kiln.rnn %x, %w, %r sequence_lens(%l) {activation_alpha = array<f32: 0.5>, activations = ["LeakyRelu"], clip = 3.0 : f32, direction = "reverse", hidden_size = 4 : i64} : (tensor<5x2x3xf32>, tensor<1x4x3xf32>, tensor<1x4x4xf32>, tensor<2xi32>) -> (tensor<5x1x2x4xf32>, tensor<1x2x4xf32>)
  return %0#0, %0#1 : tensor<5x1x2x4xf32>, tensor<1x2x4xf32>
}
