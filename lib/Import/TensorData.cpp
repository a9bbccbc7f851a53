//===- TensorData.cpp - Reading ONNX TensorProto payloads safely ----------===//
//
// Every size is validated before memory is allocated: the element count and
// byte count are computed with overflow checks and capped by TensorLimits, and
// the payload found in the model (inline or external) must match the shape
// exactly. External data is confined to the model's folder following DESIGN.md
// ("Loading untrusted models").
//
//===----------------------------------------------------------------------===//

#include "lib/Import/TensorData.h"

#include "onnx/onnx_pb.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/bit.h"
#include "llvm/Support/Endian.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MathExtras.h"
#include "llvm/Support/Path.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <limits>
#include <sys/stat.h>
#include <system_error>
#include <unistd.h>

using namespace kiln;
namespace fs = std::filesystem;

using onnx::TensorProto;

//===----------------------------------------------------------------------===//
// Helpers
//===----------------------------------------------------------------------===//

namespace {

llvm::Error makeError(const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}

/// Readable name of an ONNX data type code, for error messages.
std::string dataTypeName(int32_t dtype) {
  switch (dtype) {
  case TensorProto::UNDEFINED:
    return "undefined";
  case TensorProto::FLOAT:
    return "float";
  case TensorProto::UINT8:
    return "uint8";
  case TensorProto::INT8:
    return "int8";
  case TensorProto::UINT16:
    return "uint16";
  case TensorProto::INT16:
    return "int16";
  case TensorProto::INT32:
    return "int32";
  case TensorProto::INT64:
    return "int64";
  case TensorProto::STRING:
    return "string";
  case TensorProto::BOOL:
    return "bool";
  case TensorProto::FLOAT16:
    return "float16";
  case TensorProto::DOUBLE:
    return "double";
  case TensorProto::UINT32:
    return "uint32";
  case TensorProto::UINT64:
    return "uint64";
  case TensorProto::COMPLEX64:
    return "complex64";
  case TensorProto::COMPLEX128:
    return "complex128";
  case TensorProto::BFLOAT16:
    return "bfloat16";
  default:
    return "unknown data type code " + std::to_string(dtype);
  }
}

/// "2x3", or "(scalar)" for rank 0.
std::string shapeString(llvm::ArrayRef<int64_t> shape) {
  if (shape.empty())
    return "(scalar)";
  std::string result;
  llvm::raw_string_ostream os(result);
  llvm::interleave(shape, os, "x");
  return result;
}

/// "tensor 'w'" (or "unnamed tensor") for the start of an error message.
std::string tensorLabel(const TensorProto &tensor) {
  if (tensor.name().empty())
    return "unnamed tensor";
  return "tensor '" + tensor.name() + "'";
}

/// Owns a POSIX file descriptor; closes it on every path out of a scope.
class FileDescriptor {
public:
  FileDescriptor() = default;
  explicit FileDescriptor(int fd) : fd(fd) {}
  FileDescriptor(const FileDescriptor &) = delete;
  FileDescriptor &operator=(const FileDescriptor &) = delete;
  FileDescriptor(FileDescriptor &&other) : fd(other.fd) { other.fd = -1; }
  FileDescriptor &operator=(FileDescriptor &&other) {
    if (this != &other) {
      reset();
      fd = other.fd;
      other.fd = -1;
    }
    return *this;
  }
  ~FileDescriptor() { reset(); }

  int get() const { return fd; }
  bool valid() const { return fd >= 0; }
  void reset() {
    if (fd >= 0)
      ::close(fd);
    fd = -1;
  }

private:
  int fd = -1;
};

/// open/openat retried on EINTR.
int openAtRetrying(int dirFd, const char *path, int flags) {
  int fd;
  do {
    fd = ::openat(dirFd, path, flags);
  } while (fd < 0 && errno == EINTR);
  return fd;
}

/// True when `inner` is `outer` or lies below it, comparing whole path
/// components (so "/a/bc" is not inside "/a/b"). Both paths are absolute and
/// normalized.
bool isWithin(const fs::path &inner, const fs::path &outer) {
  auto innerIt = inner.begin(), innerEnd = inner.end();
  for (auto outerIt = outer.begin(), outerEnd = outer.end();
       outerIt != outerEnd; ++outerIt, ++innerIt) {
    // A trailing separator shows up as an empty last component.
    if (outerIt->empty() && std::next(outerIt) == outerEnd)
      break;
    if (innerIt == innerEnd || *innerIt != *outerIt)
      return false;
  }
  return true;
}

//===----------------------------------------------------------------------===//
// Typed-field decoding
//===----------------------------------------------------------------------===//

/// The repeated field of TensorProto that holds elements of a data type when
/// raw_data is not used.
enum class TypedField { Float, Int32, Int64, Double, UInt64 };

TypedField typedFieldFor(int32_t dtype) {
  switch (dtype) {
  case TensorProto::FLOAT:
    return TypedField::Float;
  case TensorProto::INT64:
    return TypedField::Int64;
  case TensorProto::DOUBLE:
    return TypedField::Double;
  case TensorProto::UINT32:
  case TensorProto::UINT64:
    return TypedField::UInt64;
  default:
    // INT32, INT16, INT8, UINT16, UINT8, BOOL, FLOAT16, BFLOAT16.
    return TypedField::Int32;
  }
}

const char *typedFieldName(TypedField field) {
  switch (field) {
  case TypedField::Float:
    return "float_data";
  case TypedField::Int32:
    return "int32_data";
  case TypedField::Int64:
    return "int64_data";
  case TypedField::Double:
    return "double_data";
  case TypedField::UInt64:
    return "uint64_data";
  }
  return "?";
}

int64_t typedFieldSize(const TensorProto &tensor, TypedField field) {
  switch (field) {
  case TypedField::Float:
    return tensor.float_data_size();
  case TypedField::Int32:
    return tensor.int32_data_size();
  case TypedField::Int64:
    return tensor.int64_data_size();
  case TypedField::Double:
    return tensor.double_data_size();
  case TypedField::UInt64:
    return tensor.uint64_data_size();
  }
  return 0;
}

constexpr TypedField kAllTypedFields[] = {TypedField::Float, TypedField::Int32,
                                          TypedField::Int64, TypedField::Double,
                                          TypedField::UInt64};

/// Range an int32_data entry must lie in for `dtype` (FLOAT16 and BFLOAT16 hold
/// their 16-bit patterns as unsigned values).
std::pair<int64_t, int64_t> int32DataRange(int32_t dtype) {
  switch (dtype) {
  case TensorProto::INT8:
    return {INT8_MIN, INT8_MAX};
  case TensorProto::UINT8:
    return {0, UINT8_MAX};
  case TensorProto::INT16:
    return {INT16_MIN, INT16_MAX};
  case TensorProto::UINT16:
  case TensorProto::FLOAT16:
  case TensorProto::BFLOAT16:
    return {0, UINT16_MAX};
  default:
    // INT32 takes any value; BOOL maps any non-zero value to true.
    return {INT32_MIN, INT32_MAX};
  }
}

/// Converts the typed field of `tensor` into `out` (already sized to
/// numel * elementBytes), little-endian.
llvm::Error decodeTypedField(const TensorProto &tensor, TypedField field,
                             unsigned elementBytes, std::string &out) {
  int32_t dtype = tensor.data_type();
  char *dst = out.data();
  switch (field) {
  case TypedField::Float:
    for (float value : tensor.float_data()) {
      llvm::support::endian::write32le(dst, llvm::bit_cast<uint32_t>(value));
      dst += 4;
    }
    return llvm::Error::success();
  case TypedField::Double:
    for (double value : tensor.double_data()) {
      llvm::support::endian::write64le(dst, llvm::bit_cast<uint64_t>(value));
      dst += 8;
    }
    return llvm::Error::success();
  case TypedField::Int64:
    for (int64_t value : tensor.int64_data()) {
      llvm::support::endian::write64le(dst, static_cast<uint64_t>(value));
      dst += 8;
    }
    return llvm::Error::success();
  case TypedField::UInt64: {
    int64_t index = 0;
    for (uint64_t value : tensor.uint64_data()) {
      if (elementBytes == 4) {
        if (value > UINT32_MAX)
          return makeError(llvm::formatv(
              "{0}: uint64_data[{1}] = {2} does not fit in {3}",
              tensorLabel(tensor), index, value, dataTypeName(dtype)));
        llvm::support::endian::write32le(dst, static_cast<uint32_t>(value));
      } else {
        llvm::support::endian::write64le(dst, value);
      }
      dst += elementBytes;
      ++index;
    }
    return llvm::Error::success();
  }
  case TypedField::Int32: {
    auto [lo, hi] = int32DataRange(dtype);
    int64_t index = 0;
    for (int32_t value : tensor.int32_data()) {
      if (value < lo || value > hi)
        return makeError(llvm::formatv(
            "{0}: int32_data[{1}] = {2} does not fit in {3}",
            tensorLabel(tensor), index, value, dataTypeName(dtype)));
      if (dtype == TensorProto::BOOL) {
        *dst = value != 0 ? 1 : 0;
      } else if (elementBytes == 1) {
        *dst = static_cast<char>(static_cast<uint8_t>(value));
      } else if (elementBytes == 2) {
        llvm::support::endian::write16le(dst, static_cast<uint16_t>(value));
      } else {
        llvm::support::endian::write32le(dst, static_cast<uint32_t>(value));
      }
      dst += elementBytes;
      ++index;
    }
    return llvm::Error::success();
  }
  }
  return llvm::Error::success();
}

//===----------------------------------------------------------------------===//
// External data
//===----------------------------------------------------------------------===//

struct ExternalDataInfo {
  std::string location;
  std::optional<uint64_t> offset;
  std::optional<uint64_t> length;
};

llvm::Expected<ExternalDataInfo> parseExternalData(const TensorProto &tensor) {
  ExternalDataInfo info;
  bool sawLocation = false;
  for (const auto &entry : tensor.external_data()) {
    const std::string &key = entry.key();
    const std::string &value = entry.value();
    if (key == "location") {
      if (sawLocation)
        return makeError(tensorLabel(tensor) +
                         ": external data has more than one 'location'");
      sawLocation = true;
      info.location = value;
    } else if (key == "offset" || key == "length") {
      std::optional<uint64_t> &slot =
          key == "offset" ? info.offset : info.length;
      if (slot)
        return makeError(tensorLabel(tensor) +
                         ": external data has more than one '" + key + "'");
      uint64_t parsed;
      // getAsInteger rejects signs, trailing junk and values above uint64.
      if (llvm::StringRef(value).getAsInteger(10, parsed))
        return makeError(tensorLabel(tensor) + ": external data " + key + " '" +
                         value + "' is not a non-negative 64-bit integer");
      slot = parsed;
    }
    // "checksum" (and keys this version does not know, such as "basepath")
    // are not acted upon: the location is always resolved against the model
    // folder.
  }
  if (!sawLocation || info.location.empty())
    return makeError(tensorLabel(tensor) +
                     ": external data has no 'location' entry");
  if (info.location.find('\0') != std::string::npos)
    return makeError(tensorLabel(tensor) +
                     ": external data location contains a NUL byte");
  return info;
}

/// Opens `location` below the model folder `modelDir`, enforcing the rules of
/// DESIGN.md, and returns the open file.
llvm::Expected<FileDescriptor> openExternalFile(const TensorProto &tensor,
                                                llvm::StringRef location,
                                                llvm::StringRef modelDir) {
  std::string label = tensorLabel(tensor);
  std::string quotedLocation = "'" + location.str() + "'";

  if (modelDir.empty())
    return makeError(label + ": external data location " + quotedLocation +
                     " cannot be resolved: the model was not loaded from a "
                     "file, so there is no model folder");
  if (llvm::sys::path::is_absolute(location) || location.starts_with("/"))
    return makeError(label + ": external data location " + quotedLocation +
                     " is an absolute path; it must be relative to the model "
                     "folder");

  std::error_code ec;
  fs::path folder = fs::canonical(fs::path(modelDir.str()), ec);
  if (ec)
    return makeError(label + ": cannot resolve the model folder '" + modelDir +
                     "': " + ec.message());
  if (!fs::is_directory(folder, ec))
    return makeError(label + ": the model folder '" + modelDir +
                     "' is not a directory");

  // 1. Where the path really leads (symlinks and '..' resolved) must be
  //    inside the model folder.
  fs::path resolved = fs::weakly_canonical(folder / location.str(), ec);
  if (ec)
    return makeError(label + ": cannot resolve external data location " +
                     quotedLocation + ": " + ec.message());
  if (!isWithin(resolved, folder))
    return makeError(label + ": external data location " + quotedLocation +
                     " escapes the model folder '" + folder.string() + "'");
  if (resolved == folder)
    return makeError(label + ": external data location " + quotedLocation +
                     " names the model folder itself, not a file in it");

  // 2. Walk the location one component at a time the way the kernel would,
  //    refusing symlinks anywhere on the way (the file and every folder
  //    between the model folder and the file): a symlink that points inside
  //    the folder today can be retargeted tomorrow, and it would make '..'
  //    mean something other than what the text says.
  llvm::SmallVector<std::string> components;
  fs::path current = folder;
  for (const fs::path &part : fs::path(location.str())) {
    std::string name = part.string();
    if (name.empty() || name == ".")
      continue;
    if (name == "..") {
      if (components.empty())
        return makeError(label + ": external data location " + quotedLocation +
                         " escapes the model folder '" + folder.string() + "'");
      components.pop_back();
      current = current.parent_path();
      continue;
    }
    components.push_back(name);
    current /= name;
    struct stat st;
    if (::lstat(current.c_str(), &st) != 0) {
      int savedErrno = errno;
      return makeError(label + ": external data location " + quotedLocation +
                       ": cannot access '" + current.string() +
                       "': " + std::strerror(savedErrno));
    }
    if (S_ISLNK(st.st_mode))
      return makeError(label + ": external data location " + quotedLocation +
                       " goes through a symbolic link ('" + current.string() +
                       "'); symbolic links are not followed");
  }
  if (components.empty())
    return makeError(label + ": external data location " + quotedLocation +
                     " does not name a file inside the model folder '" +
                     folder.string() + "'");

  // 3. Open the file through directory descriptors, each component with
  //    O_NOFOLLOW, so a folder swapped for a symlink after the checks above is
  //    still refused. O_NONBLOCK keeps a FIFO from blocking the open; it has no
  //    effect on regular files.
  FileDescriptor dir(openAtRetrying(AT_FDCWD, folder.c_str(),
                                    O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (!dir.valid()) {
    int savedErrno = errno;
    return makeError(label + ": cannot open the model folder '" +
                     folder.string() + "': " + std::strerror(savedErrno));
  }
  for (size_t i = 0; i + 1 < components.size(); ++i) {
    FileDescriptor next(
        openAtRetrying(dir.get(), components[i].c_str(),
                       O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
    if (!next.valid()) {
      int savedErrno = errno;
      return makeError(label + ": external data location " + quotedLocation +
                       ": cannot open folder '" + components[i] +
                       "': " + std::strerror(savedErrno));
    }
    dir = std::move(next);
  }
  FileDescriptor file(
      openAtRetrying(dir.get(), components.back().c_str(),
                     O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK));
  if (!file.valid()) {
    int savedErrno = errno;
    return makeError(label + ": cannot open external data location " +
                     quotedLocation + ": " + std::strerror(savedErrno));
  }
  return std::move(file);
}

llvm::Expected<std::string> readExternalData(const TensorProto &tensor,
                                             llvm::StringRef modelDir,
                                             uint64_t expectedBytes,
                                             llvm::StringRef shapeAndType) {
  std::string label = tensorLabel(tensor);
  auto info = parseExternalData(tensor);
  if (!info)
    return info.takeError();
  std::string quotedLocation = "'" + info->location + "'";

  auto file = openExternalFile(tensor, info->location, modelDir);
  if (!file)
    return file.takeError();

  struct stat st;
  if (::fstat(file->get(), &st) != 0) {
    int savedErrno = errno;
    return makeError(label + ": cannot stat external data location " +
                     quotedLocation + ": " + std::strerror(savedErrno));
  }
  if (!S_ISREG(st.st_mode))
    return makeError(label + ": external data location " + quotedLocation +
                     " is not a regular file");
  if (st.st_nlink != 1)
    return makeError(label + ": external data location " + quotedLocation +
                     " has " + llvm::Twine(uint64_t(st.st_nlink)) +
                     " hard links; files with more than one link are refused");
  uint64_t fileSize = static_cast<uint64_t>(st.st_size);

  uint64_t offset = info->offset.value_or(0);
  if (offset > fileSize)
    return makeError(llvm::formatv(
        "{0}: external data offset {1} is beyond the end of {2} ({3} bytes)",
        label, offset, quotedLocation, fileSize));
  uint64_t length = info->length.value_or(fileSize - offset);
  uint64_t end;
  if (__builtin_add_overflow(offset, length, &end))
    return makeError(llvm::formatv(
        "{0}: external data offset {1} + length {2} in {3} overflows", label,
        offset, length, quotedLocation));
  if (end > fileSize)
    return makeError(llvm::formatv(
        "{0}: external data offset {1} + length {2} is beyond the end of {3} "
        "({4} bytes)",
        label, offset, length, quotedLocation, fileSize));
  if (length != expectedBytes)
    return makeError(llvm::formatv(
        "{0} has {1} bytes of external data in {2} but its shape {3} needs {4}",
        label, length, quotedLocation, shapeAndType, expectedBytes));

  // Both offsets fit in off_t: they are at most st_size.
  std::string bytes(length, '\0');
  uint64_t done = 0;
  while (done < length) {
    size_t chunk = static_cast<size_t>(
        std::min<uint64_t>(length - done, uint64_t(1) << 30));
    ssize_t got = ::pread(file->get(), bytes.data() + done, chunk,
                          static_cast<off_t>(offset + done));
    if (got < 0) {
      int savedErrno = errno;
      if (savedErrno == EINTR)
        continue;
      return makeError(label + ": reading external data location " +
                       quotedLocation +
                       " failed: " + std::strerror(savedErrno));
    }
    if (got == 0)
      return makeError(llvm::formatv(
          "{0}: external data location {1} ended after {2} of {3} bytes", label,
          quotedLocation, offset + done, end));
    done += static_cast<uint64_t>(got);
  }
  return bytes;
}

} // namespace

//===----------------------------------------------------------------------===//
// Public API
//===----------------------------------------------------------------------===//

unsigned kiln::onnxElementByteSize(int32_t dtype) {
  switch (dtype) {
  case TensorProto::UINT8:
  case TensorProto::INT8:
  case TensorProto::BOOL:
    return 1;
  case TensorProto::UINT16:
  case TensorProto::INT16:
  case TensorProto::FLOAT16:
  case TensorProto::BFLOAT16:
    return 2;
  case TensorProto::FLOAT:
  case TensorProto::INT32:
  case TensorProto::UINT32:
    return 4;
  case TensorProto::INT64:
  case TensorProto::DOUBLE:
  case TensorProto::UINT64:
    return 8;
  default:
    // UNDEFINED, STRING, COMPLEX64, COMPLEX128 and codes this version does not
    // know.
    return 0;
  }
}

llvm::Expected<uint64_t> kiln::checkedTensorBytes(llvm::ArrayRef<int64_t> shape,
                                                  unsigned elementBytes,
                                                  const TensorLimits &limits) {
  if (elementBytes == 0)
    return makeError("element size is 0 (unsupported data type)");
  if (static_cast<int64_t>(shape.size()) > limits.maxRank)
    return makeError(llvm::formatv("rank {0} is more than the limit of {1}",
                                   shape.size(), limits.maxRank));
  for (auto [index, dim] : llvm::enumerate(shape))
    if (dim < 0)
      return makeError(
          llvm::formatv("dimension {0} is negative ({1})", index, dim));

  // The product of the non-zero dims must fit in int64 even when some dim is
  // 0: later code computes strides and sizes from the other dims, and the
  // answer must not depend on where the 0 sits.
  int64_t extent = 1;
  bool hasZeroDim = false;
  for (int64_t dim : shape) {
    if (dim == 0) {
      hasZeroDim = true;
      continue;
    }
    if (llvm::MulOverflow(extent, dim, extent))
      return makeError("tensor of shape " + shapeString(shape) +
                       " overflows a 64-bit element count");
  }
  uint64_t numel = hasZeroDim ? 0 : static_cast<uint64_t>(extent);
  uint64_t bytes;
  if (__builtin_mul_overflow(numel, uint64_t(elementBytes), &bytes))
    return makeError(llvm::formatv(
        "tensor of shape {0} overflows a 64-bit byte count ({1}-byte elements)",
        shapeString(shape), elementBytes));
  if (bytes > limits.maxTensorBytes)
    return makeError(
        llvm::formatv("tensor needs {0} bytes, more than the limit of {1}",
                      bytes, limits.maxTensorBytes));
  return bytes;
}

llvm::Expected<TensorBytes> kiln::readTensorProto(const TensorProto &tensor,
                                                  llvm::StringRef modelDir,
                                                  const TensorLimits &limits) {
  std::string label = tensorLabel(tensor);
  int32_t dtype = tensor.data_type();
  unsigned elementBytes = onnxElementByteSize(dtype);
  if (elementBytes == 0)
    return makeError(llvm::formatv("{0} has unsupported data type {1} ({2})",
                                   label, dataTypeName(dtype), dtype));

  TensorBytes result;
  result.dtype = dtype;
  result.shape.assign(tensor.dims().begin(), tensor.dims().end());
  std::string shapeAndType =
      shapeString(result.shape) + " of " + dataTypeName(dtype);

  auto expectedBytes = checkedTensorBytes(result.shape, elementBytes, limits);
  if (!expectedBytes)
    return makeError(label + ": " + llvm::toString(expectedBytes.takeError()));
  uint64_t numel = *expectedBytes / elementBytes;

  if (tensor.has_segment())
    return makeError(label + " is a segment of a larger tensor (TensorProto "
                             "segment); segmented tensors are not supported");

  bool hasRaw = tensor.has_raw_data();
  llvm::SmallVector<TypedField, 1> typedFields;
  for (TypedField field : kAllTypedFields)
    if (typedFieldSize(tensor, field) != 0)
      typedFields.push_back(field);
  if (tensor.string_data_size() != 0)
    return makeError(label + " has string_data but its data type is " +
                     dataTypeName(dtype));

  if (tensor.data_location() == TensorProto::EXTERNAL) {
    if (hasRaw || !typedFields.empty())
      return makeError(label + " has external data and also inline data");
    auto bytes =
        readExternalData(tensor, modelDir, *expectedBytes, shapeAndType);
    if (!bytes)
      return bytes.takeError();
    result.bytes = std::move(*bytes);
  } else {
    if (tensor.external_data_size() != 0)
      return makeError(label + " has external_data entries but its "
                               "data_location is not EXTERNAL");
    if (hasRaw) {
      if (!typedFields.empty())
        return makeError(label + " has both raw_data and " +
                         typedFieldName(typedFields.front()));
      uint64_t rawSize = tensor.raw_data().size();
      if (rawSize != *expectedBytes)
        return makeError(llvm::formatv(
            "{0} has {1} bytes of data but its shape {2} needs {3}", label,
            rawSize, shapeAndType, *expectedBytes));
      result.bytes = tensor.raw_data();
      // A bool is one byte holding 0 or 1; generated code relies on it.
      if (dtype == TensorProto::BOOL)
        for (char &c : result.bytes)
          c = c != 0 ? 1 : 0;
    } else if (typedFields.empty()) {
      if (numel != 0)
        return makeError(
            llvm::formatv("{0} has no data but its shape {1} needs {2} bytes",
                          label, shapeAndType, *expectedBytes));
    } else {
      TypedField expected = typedFieldFor(dtype);
      for (TypedField field : typedFields)
        if (field != expected)
          return makeError(llvm::formatv(
              "{0} has {1} but its data type {2} is stored in {3}", label,
              typedFieldName(field), dataTypeName(dtype),
              typedFieldName(expected)));
      uint64_t count = static_cast<uint64_t>(typedFieldSize(tensor, expected));
      if (count != numel)
        return makeError(llvm::formatv(
            "{0} has {1} elements in {2} but its shape {3} needs {4}", label,
            count, typedFieldName(expected), shapeAndType, numel));
      result.bytes.assign(*expectedBytes, '\0');
      if (auto err =
              decodeTypedField(tensor, expected, elementBytes, result.bytes))
        return std::move(err);
    }
  }
  return result;
}

llvm::Error kiln::internalizeExternalData(TensorProto &tensor, llvm::StringRef modelDir,
                                          const TensorLimits &limits) {
  if (tensor.data_location() != TensorProto::EXTERNAL)
    return llvm::Error::success();
  auto data = readTensorProto(tensor, modelDir, limits);
  if (!data)
    return data.takeError();
  tensor.clear_external_data();
  tensor.set_data_location(TensorProto::DEFAULT);
  tensor.set_raw_data(std::move(data->bytes));
  return llvm::Error::success();
}
