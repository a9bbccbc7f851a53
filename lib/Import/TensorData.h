//===- TensorData.h - Reading ONNX TensorProto payloads safely --*- C++ -*-===//
//
// Turns an onnx::TensorProto (inline raw_data, typed repeated fields, or external
// data next to the model) into a dense little-endian byte buffer. Every size is
// computed with overflow checks before anything is allocated, and external-data
// locations are confined to the model's folder (see DESIGN.md, "Loading untrusted
// models").
//
//===----------------------------------------------------------------------===//

#ifndef KILN_IMPORT_TENSORDATA_H
#define KILN_IMPORT_TENSORDATA_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace onnx {
class TensorProto;
} // namespace onnx

namespace kiln {

/// Caps applied while reading tensors from untrusted models.
struct TensorLimits {
  /// Largest tensor payload accepted, in bytes.
  uint64_t maxTensorBytes = uint64_t(4) << 30;
  /// Largest rank accepted.
  int64_t maxRank = 32;
};

/// Size in bytes of one element of ONNX TensorProto data type `dtype`, or 0 when
/// Kiln does not support the type (string, complex, undefined, unknown codes).
/// Booleans occupy one byte.
unsigned onnxElementByteSize(int32_t dtype);

/// Number of elements of `shape` times `elementBytes`, or an error when a dim is
/// negative or the product overflows uint64 or exceeds `limits`.
llvm::Expected<uint64_t> checkedTensorBytes(llvm::ArrayRef<int64_t> shape,
                                            unsigned elementBytes,
                                            const TensorLimits &limits);

/// A tensor's payload: dense, row-major, little-endian, `bytes.size()` ==
/// numel * onnxElementByteSize(dtype).
struct TensorBytes {
  std::vector<int64_t> shape;
  int32_t dtype = 0;
  std::string bytes;
};

/// Reads `tensor`'s data. `modelDir` is the folder holding the model file; pass an
/// empty string for models that did not come from a file (external data is then
/// rejected). Errors name the tensor and say what is wrong; they never abort.
llvm::Expected<TensorBytes> readTensorProto(const onnx::TensorProto &tensor,
                                            llvm::StringRef modelDir,
                                            const TensorLimits &limits = {});

/// If `tensor` keeps its data in an external file, reads it (with every check
/// readTensorProto makes) into raw_data and makes the tensor self-contained.
/// The importer does this before ONNX's checker and version converter run: the
/// checker would otherwise apply its own, weaker location rules first, and the
/// converter drops external data when it rebuilds initializers.
llvm::Error internalizeExternalData(onnx::TensorProto &tensor, llvm::StringRef modelDir,
                                    const TensorLimits &limits = {});

} // namespace kiln

#endif // KILN_IMPORT_TENSORDATA_H
