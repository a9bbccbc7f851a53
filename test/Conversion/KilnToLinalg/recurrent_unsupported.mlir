// RUN: kiln-opt %s --split-input-file --convert-kiln-to-linalg --verify-diagnostics

// Refused by the recurrent family: each op is reported at its location and
// the pass fails instead of producing code.

// sequence_lens known only at run time.
func.func @rnn_runtime_sequence_lens(%x: tensor<3x2x4xf32>, %w: tensor<1x5x4xf32>, %r: tensor<1x5x5xf32>, %lens: tensor<2xi32>) -> tensor<1x2x5xf32> {
  // expected-error @+1 {{kiln.rnn is not supported by code generation yet}}
  %y, %yh = kiln.rnn %x, %w, %r sequence_lens(%lens) : (tensor<3x2x4xf32>, tensor<1x5x4xf32>, tensor<1x5x5xf32>, tensor<2xi32>) -> (tensor<3x1x2x5xf32>, tensor<1x2x5xf32>)
  return %yh : tensor<1x2x5xf32>
}

// -----

// A constant sequence_lens shorter than the sequence for some batch entry.
func.func @gru_short_sequence(%x: tensor<3x2x4xf32>, %w: tensor<1x15x4xf32>, %r: tensor<1x15x5xf32>) -> tensor<1x2x5xf32> {
  %lens = kiln.constant dense<[3, 2]> : tensor<2xi32>
  // expected-error @+1 {{kiln.gru is not supported by code generation yet}}
  %y, %yh = kiln.gru %x, %w, %r sequence_lens(%lens) : (tensor<3x2x4xf32>, tensor<1x15x4xf32>, tensor<1x15x5xf32>, tensor<2xi32>) -> (tensor<3x1x2x5xf32>, tensor<1x2x5xf32>)
  return %yh : tensor<1x2x5xf32>
}

// -----

func.func @lstm_unknown_activation(%x: tensor<3x2x4xf32>, %w: tensor<1x20x4xf32>, %r: tensor<1x20x5xf32>) -> tensor<1x2x5xf32> {
  // expected-error @+1 {{kiln.lstm is not supported by code generation yet}}
  %y, %yh, %yc = kiln.lstm %x, %w, %r {activations = ["HardSigmoid", "Tanh", "Tanh"]} : (tensor<3x2x4xf32>, tensor<1x20x4xf32>, tensor<1x20x5xf32>) -> (tensor<3x1x2x5xf32>, tensor<1x2x5xf32>, tensor<1x2x5xf32>)
  return %yh : tensor<1x2x5xf32>
}

// -----

func.func @rnn_activation_alpha(%x: tensor<3x2x4xf32>, %w: tensor<1x5x4xf32>, %r: tensor<1x5x5xf32>) -> tensor<1x2x5xf32> {
  // expected-error @+1 {{kiln.rnn is not supported by code generation yet}}
  %y, %yh = kiln.rnn %x, %w, %r {activations = ["LeakyRelu"], activation_alpha = array<f32: 0.1>} : (tensor<3x2x4xf32>, tensor<1x5x4xf32>, tensor<1x5x5xf32>) -> (tensor<3x1x2x5xf32>, tensor<1x2x5xf32>)
  return %yh : tensor<1x2x5xf32>
}
