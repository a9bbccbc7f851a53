// RUN: kiln-opt %s --split-input-file --verify-diagnostics

func.func @lstm_bidirectional_wrong_result(%x: tensor<5x2x3xf32>, %w: tensor<2x16x3xf32>, %r: tensor<2x16x4xf32>) -> tensor<5x1x2x4xf32> {
  // Two directions: Y is [5, 2, 2, 4] and the states [2, 2, 4].
  // expected-error @+2 {{'kiln.lstm' op inferred type(s) 'tensor<5x2x2x4xf32>', 'tensor<2x2x4xf32>', 'tensor<2x2x4xf32>' are incompatible with return type(s) of operation 'tensor<5x1x2x4xf32>', 'tensor<1x2x4xf32>', 'tensor<1x2x4xf32>'}}
  // expected-error @+1 {{'kiln.lstm' op failed to infer returned types}}
  %0:3 = kiln.lstm %x, %w, %r {direction = "bidirectional"} : (tensor<5x2x3xf32>, tensor<2x16x3xf32>, tensor<2x16x4xf32>) -> (tensor<5x1x2x4xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>)
  return %0#0 : tensor<5x1x2x4xf32>
}

// -----

func.func @lstm_layout_1_wrong_result(%x: tensor<2x5x3xf32>, %w: tensor<1x16x3xf32>, %r: tensor<1x16x4xf32>) -> tensor<5x1x2x4xf32> {
  // With layout 1 X is [batch, seq, input] and Y is [batch, seq, dirs, hidden].
  // expected-error @+2 {{'kiln.lstm' op inferred type(s) 'tensor<2x5x1x4xf32>', 'tensor<2x1x4xf32>', 'tensor<2x1x4xf32>' are incompatible}}
  // expected-error @+1 {{failed to infer returned types}}
  %0:3 = kiln.lstm %x, %w, %r {layout = 1 : i64} : (tensor<2x5x3xf32>, tensor<1x16x3xf32>, tensor<1x16x4xf32>) -> (tensor<5x1x2x4xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>)
  return %0#0 : tensor<5x1x2x4xf32>
}

// -----

func.func @lstm_missing_cell_state(%x: tensor<5x2x3xf32>, %w: tensor<1x16x3xf32>, %r: tensor<1x16x4xf32>) -> tensor<5x1x2x4xf32> {
  // LSTM has three results (Y, Y_h, Y_c).
  // expected-error @+1 {{'kiln.lstm' op expected 3 results}}
  %0:2 = kiln.lstm %x, %w, %r : (tensor<5x2x3xf32>, tensor<1x16x3xf32>, tensor<1x16x4xf32>) -> (tensor<5x1x2x4xf32>, tensor<1x2x4xf32>)
  return %0#0 : tensor<5x1x2x4xf32>
}

// -----

func.func @lstm_x_rank(%x: tensor<5x3xf32>, %w: tensor<1x16x3xf32>, %r: tensor<1x16x4xf32>) -> tensor<5x1x2x4xf32> {
  // expected-error @+2 {{X, W and R must be 3-D}}
  // expected-error @+1 {{failed to infer returned types}}
  %0:3 = kiln.lstm %x, %w, %r : (tensor<5x3xf32>, tensor<1x16x3xf32>, tensor<1x16x4xf32>) -> (tensor<5x1x2x4xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>)
  return %0#0 : tensor<5x1x2x4xf32>
}

// -----

func.func @lstm_layout(%x: tensor<5x2x3xf32>, %w: tensor<1x16x3xf32>, %r: tensor<1x16x4xf32>) -> tensor<5x1x2x4xf32> {
  // expected-error @+2 {{'layout' must be 0 or 1, got 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %0:3 = kiln.lstm %x, %w, %r {layout = 2 : i64} : (tensor<5x2x3xf32>, tensor<1x16x3xf32>, tensor<1x16x4xf32>) -> (tensor<5x1x2x4xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>)
  return %0#0 : tensor<5x1x2x4xf32>
}

// -----

func.func @lstm_direction(%x: tensor<5x2x3xf32>, %w: tensor<1x16x3xf32>, %r: tensor<1x16x4xf32>) -> tensor<5x1x2x4xf32> {
  // expected-error @+2 {{'direction' must be forward, reverse or bidirectional, got 'backward'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0:3 = kiln.lstm %x, %w, %r {direction = "backward"} : (tensor<5x2x3xf32>, tensor<1x16x3xf32>, tensor<1x16x4xf32>) -> (tensor<5x1x2x4xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>)
  return %0#0 : tensor<5x1x2x4xf32>
}

// -----

func.func @lstm_hidden_size(%x: tensor<5x2x3xf32>, %w: tensor<1x16x3xf32>, %r: tensor<1x16x4xf32>) -> tensor<5x1x2x4xf32> {
  // expected-error @+2 {{'hidden_size' 8 does not match R's last dimension 4}}
  // expected-error @+1 {{failed to infer returned types}}
  %0:3 = kiln.lstm %x, %w, %r {hidden_size = 8 : i64} : (tensor<5x2x3xf32>, tensor<1x16x3xf32>, tensor<1x16x4xf32>) -> (tensor<5x1x2x4xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>)
  return %0#0 : tensor<5x1x2x4xf32>
}

// -----

func.func @lstm_directions_in_weights(%x: tensor<5x2x3xf32>, %w: tensor<1x16x3xf32>, %r: tensor<1x16x4xf32>) -> tensor<5x2x2x4xf32> {
  // expected-error @+2 {{W and R must have 2 direction(s) in dimension 0}}
  // expected-error @+1 {{failed to infer returned types}}
  %0:3 = kiln.lstm %x, %w, %r {direction = "bidirectional"} : (tensor<5x2x3xf32>, tensor<1x16x3xf32>, tensor<1x16x4xf32>) -> (tensor<5x2x2x4xf32>, tensor<2x2x4xf32>, tensor<2x2x4xf32>)
  return %0#0 : tensor<5x2x2x4xf32>
}

// -----

func.func @lstm_gate_rows(%x: tensor<5x2x3xf32>, %w: tensor<1x12x3xf32>, %r: tensor<1x12x4xf32>) -> tensor<5x1x2x4xf32> {
  // GRU-sized weights (3 gates) on an LSTM (4 gates).
  // expected-error @+2 {{W and R must have 4 x hidden_size = 16 rows}}
  // expected-error @+1 {{failed to infer returned types}}
  %0:3 = kiln.lstm %x, %w, %r : (tensor<5x2x3xf32>, tensor<1x12x3xf32>, tensor<1x12x4xf32>) -> (tensor<5x1x2x4xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>)
  return %0#0 : tensor<5x1x2x4xf32>
}

// -----

func.func @gru_input_size(%x: tensor<5x2x3xf32>, %w: tensor<1x12x6xf32>, %r: tensor<1x12x4xf32>) -> tensor<5x1x2x4xf32> {
  // expected-error @+2 {{W's input size 6 does not match X's 3}}
  // expected-error @+1 {{'kiln.gru' op failed to infer returned types}}
  %0:2 = kiln.gru %x, %w, %r : (tensor<5x2x3xf32>, tensor<1x12x6xf32>, tensor<1x12x4xf32>) -> (tensor<5x1x2x4xf32>, tensor<1x2x4xf32>)
  return %0#0 : tensor<5x1x2x4xf32>
}

// -----

func.func @gru_gate_rows(%x: tensor<5x2x3xf32>, %w: tensor<1x16x3xf32>, %r: tensor<1x16x4xf32>) -> tensor<5x1x2x4xf32> {
  // expected-error @+2 {{W and R must have 3 x hidden_size = 12 rows}}
  // expected-error @+1 {{failed to infer returned types}}
  %0:2 = kiln.gru %x, %w, %r : (tensor<5x2x3xf32>, tensor<1x16x3xf32>, tensor<1x16x4xf32>) -> (tensor<5x1x2x4xf32>, tensor<1x2x4xf32>)
  return %0#0 : tensor<5x1x2x4xf32>
}

// -----

func.func @rnn_wrong_result(%x: tensor<5x2x3xf32>, %w: tensor<1x4x3xf32>, %r: tensor<1x4x4xf32>) -> tensor<5x2x4xf32> {
  // Y keeps the directions dim even for one direction.
  // expected-error @+2 {{'kiln.rnn' op inferred type(s) 'tensor<5x1x2x4xf32>', 'tensor<1x2x4xf32>' are incompatible with return type(s) of operation 'tensor<5x2x4xf32>', 'tensor<1x2x4xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0:2 = kiln.rnn %x, %w, %r : (tensor<5x2x3xf32>, tensor<1x4x3xf32>, tensor<1x4x4xf32>) -> (tensor<5x2x4xf32>, tensor<1x2x4xf32>)
  return %0#0 : tensor<5x2x4xf32>
}

// -----

func.func @rnn_sequence_lens_type(%x: tensor<5x2x3xf32>, %w: tensor<1x4x3xf32>, %r: tensor<1x4x4xf32>, %l: tensor<2xi64>) -> tensor<5x1x2x4xf32> {
  // expected-error @+1 {{'kiln.rnn' op operand #3 must be ranked tensor of 32-bit signless integer values, but got 'tensor<2xi64>'}}
  %0:2 = kiln.rnn %x, %w, %r sequence_lens(%l) : (tensor<5x2x3xf32>, tensor<1x4x3xf32>, tensor<1x4x4xf32>, tensor<2xi64>) -> (tensor<5x1x2x4xf32>, tensor<1x2x4xf32>)
  return %0#0 : tensor<5x1x2x4xf32>
}
