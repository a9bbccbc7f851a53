//===- RecurrentOps.cpp - Type inference for LSTM, GRU and RNN -----------===//

#include "dialects/Kiln/KilnOps.h"

using namespace mlir;
using namespace mlir::kiln;

/// Shared by LSTM (4 gates), GRU (3) and RNN (1): X is [seq, batch, input]
/// (layout 0) or [batch, seq, input] (layout 1); W is [dirs, gates*hidden, input],
/// R is [dirs, gates*hidden, hidden]. Produces Y and `numStates` state results.
static LogicalResult inferRecurrent(std::optional<Location> loc, Value xValue,
                                    Value wValue, Value rValue,
                                    std::optional<int64_t> hiddenSize,
                                    StringRef direction, int64_t layout, int64_t gates,
                                    int numStates, SmallVectorImpl<Type> &inferred) {
  auto x = rankedType(xValue), w = rankedType(wValue), r = rankedType(rValue);
  if (x.getRank() != 3 || w.getRank() != 3 || r.getRank() != 3)
    return emitOptionalError(loc, "X, W and R must be 3-D");
  if (layout != 0 && layout != 1)
    return emitOptionalError(loc, "'layout' must be 0 or 1, got ", layout);
  int64_t dirs;
  if (direction == "forward" || direction == "reverse")
    dirs = 1;
  else if (direction == "bidirectional")
    dirs = 2;
  else
    return emitOptionalError(loc, "'direction' must be forward, reverse or "
                                  "bidirectional, got '",
                             direction, "'");
  int64_t hidden = r.getDimSize(2);
  if (hiddenSize && !dimsCompatible(*hiddenSize, hidden))
    return emitOptionalError(loc, "'hidden_size' ", *hiddenSize,
                             " does not match R's last dimension ", hidden);
  if (hiddenSize)
    hidden = *hiddenSize;
  if (!dimsCompatible(w.getDimSize(0), dirs) || !dimsCompatible(r.getDimSize(0), dirs))
    return emitOptionalError(loc, "W and R must have ", dirs,
                             " direction(s) in dimension 0");
  auto rows = mulDims(gates, hidden);
  if (failed(rows) || !dimsCompatible(w.getDimSize(1), *rows) ||
      !dimsCompatible(r.getDimSize(1), *rows))
    return emitOptionalError(loc, "W and R must have ", gates, " x hidden_size = ",
                             failed(rows) ? std::string("?") : std::to_string(*rows),
                             " rows, got ", w, " and ", r);
  if (ShapedType::isDynamic(hidden) && !ShapedType::isDynamic(w.getDimSize(1))) {
    if (w.getDimSize(1) % gates != 0)
      return emitOptionalError(loc, "W's ", w.getDimSize(1),
                               " rows are not a multiple of ", gates, " gates");
    hidden = w.getDimSize(1) / gates;
  }
  if (!dimsCompatible(w.getDimSize(2), x.getDimSize(2)))
    return emitOptionalError(loc, "W's input size ", w.getDimSize(2),
                             " does not match X's ", x.getDimSize(2));
  int64_t seq = x.getDimSize(layout ? 1 : 0), batch = x.getDimSize(layout ? 0 : 1);
  if (layout == 0)
    inferred.push_back(x.clone({seq, dirs, batch, hidden}));
  else
    inferred.push_back(x.clone({batch, seq, dirs, hidden}));
  for (int i = 0; i < numStates; ++i)
    inferred.push_back(layout == 0 ? x.clone({dirs, batch, hidden})
                                   : x.clone({batch, dirs, hidden}));
  return success();
}

LogicalResult LSTMOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                       Adaptor a, SmallVectorImpl<Type> &inferred) {
  return inferRecurrent(loc, a.getX(), a.getW(), a.getR(), a.getHiddenSize(),
                        a.getDirection(), a.getLayout(), 4, 2, inferred);
}

LogicalResult GRUOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                      Adaptor a, SmallVectorImpl<Type> &inferred) {
  return inferRecurrent(loc, a.getX(), a.getW(), a.getR(), a.getHiddenSize(),
                        a.getDirection(), a.getLayout(), 3, 1, inferred);
}

LogicalResult RNNOp::inferReturnTypes(MLIRContext *, std::optional<Location> loc,
                                      Adaptor a, SmallVectorImpl<Type> &inferred) {
  return inferRecurrent(loc, a.getX(), a.getW(), a.getR(), a.getHiddenSize(),
                        a.getDirection(), a.getLayout(), 1, 1, inferred);
}
