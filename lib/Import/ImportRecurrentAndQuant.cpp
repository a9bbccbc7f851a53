//===- ImportRecurrentAndQuant.cpp - LSTM/GRU/RNN and quantization ops ---===//
//
// These ONNX ops map one-to-one onto kiln ops: optional inputs become optional
// operands and every attribute carries over, so no normalization is needed.
//
//===----------------------------------------------------------------------===//

#include "lib/Import/NodeImporter.h"

using namespace mlir::kiln;

namespace kiln {

void registerRecurrentAndQuantImporters(ImporterRegistry &r) {
  r["LSTM"] = &importDirect<LSTMOp>;
  r["GRU"] = &importDirect<GRUOp>;
  r["RNN"] = &importDirect<RNNOp>;
  r["QuantizeLinear"] = &importDirect<QuantizeLinearOp>;
  r["DequantizeLinear"] = &importDirect<DequantizeLinearOp>;
  r["QLinearMatMul"] = &importDirect<QLinearMatMulOp>;
  r["MatMulInteger"] = &importDirect<MatMulIntegerOp>;
  r["DynamicQuantizeLinear"] = &importDirect<DynamicQuantizeLinearOp>;
}

} // namespace kiln
