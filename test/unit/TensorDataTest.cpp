//===- TensorDataTest.cpp - Tests for reading TensorProto payloads --------===//
//
// Covers element sizes, the size arithmetic, decoding of raw_data and of the
// typed repeated fields, and every rule for external data from DESIGN.md
// ("Loading untrusted models"), each with the outcome it must produce.
//
//===----------------------------------------------------------------------===//

#include "lib/Import/TensorData.h"

#include "onnx/onnx_pb.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/Endian.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include "gtest/gtest.h"

#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

using namespace kiln;
using onnx::TensorProto;

namespace {

/// The error text of `value`, or "" when it holds a value (then the test fails
/// at the caller's EXPECT on the text).
template <typename T> std::string errorText(llvm::Expected<T> value) {
  if (value)
    return "";
  return llvm::toString(value.takeError());
}

#define EXPECT_ERROR_CONTAINS(expr, needle)                                    \
  do {                                                                         \
    auto kilnResult = (expr);                                                  \
    ASSERT_FALSE(static_cast<bool>(kilnResult))                                \
        << "expected an error containing \"" << (needle) << "\"";              \
    std::string kilnText = llvm::toString(kilnResult.takeError());             \
    EXPECT_NE(kilnText.find(needle), std::string::npos)                        \
        << "error was: " << kilnText;                                          \
  } while (0)

TensorProto makeTensor(const std::string &name, int32_t dtype,
                       std::vector<int64_t> dims) {
  TensorProto tensor;
  tensor.set_name(name);
  tensor.set_data_type(dtype);
  for (int64_t dim : dims)
    tensor.add_dims(dim);
  return tensor;
}

std::string floatBytes(std::vector<float> values) {
  std::string bytes(values.size() * 4, '\0');
  for (size_t i = 0; i < values.size(); ++i) {
    uint32_t bits;
    std::memcpy(&bits, &values[i], 4);
    llvm::support::endian::write32le(&bytes[i * 4], bits);
  }
  return bytes;
}

std::string int64Bytes(std::vector<int64_t> values) {
  std::string bytes(values.size() * 8, '\0');
  for (size_t i = 0; i < values.size(); ++i)
    llvm::support::endian::write64le(&bytes[i * 8], uint64_t(values[i]));
  return bytes;
}

const std::vector<float> kSixFloats = {0.5f, 1.0f, -1.5f, 2.0f, 3.25f, -4.0f};

//===----------------------------------------------------------------------===//
// onnxElementByteSize
//===----------------------------------------------------------------------===//

TEST(TensorDataTest, ElementByteSizes) {
  EXPECT_EQ(onnxElementByteSize(TensorProto::FLOAT), 4u);
  EXPECT_EQ(onnxElementByteSize(TensorProto::UINT8), 1u);
  EXPECT_EQ(onnxElementByteSize(TensorProto::INT8), 1u);
  EXPECT_EQ(onnxElementByteSize(TensorProto::UINT16), 2u);
  EXPECT_EQ(onnxElementByteSize(TensorProto::INT16), 2u);
  EXPECT_EQ(onnxElementByteSize(TensorProto::INT32), 4u);
  EXPECT_EQ(onnxElementByteSize(TensorProto::INT64), 8u);
  EXPECT_EQ(onnxElementByteSize(TensorProto::BOOL), 1u);
  EXPECT_EQ(onnxElementByteSize(TensorProto::FLOAT16), 2u);
  EXPECT_EQ(onnxElementByteSize(TensorProto::DOUBLE), 8u);
  EXPECT_EQ(onnxElementByteSize(TensorProto::UINT32), 4u);
  EXPECT_EQ(onnxElementByteSize(TensorProto::UINT64), 8u);
  EXPECT_EQ(onnxElementByteSize(TensorProto::BFLOAT16), 2u);
}

TEST(TensorDataTest, UnsupportedElementTypesHaveSizeZero) {
  EXPECT_EQ(onnxElementByteSize(TensorProto::UNDEFINED), 0u);
  EXPECT_EQ(onnxElementByteSize(TensorProto::STRING), 0u);
  EXPECT_EQ(onnxElementByteSize(TensorProto::COMPLEX64), 0u);
  EXPECT_EQ(onnxElementByteSize(TensorProto::COMPLEX128), 0u);
  EXPECT_EQ(onnxElementByteSize(17), 0u);
  EXPECT_EQ(onnxElementByteSize(99), 0u);
  EXPECT_EQ(onnxElementByteSize(-1), 0u);
}

//===----------------------------------------------------------------------===//
// checkedTensorBytes
//===----------------------------------------------------------------------===//

TEST(TensorDataTest, CheckedBytesComputesProduct) {
  TensorLimits limits;
  auto bytes = checkedTensorBytes({2, 3}, 4, limits);
  ASSERT_TRUE(static_cast<bool>(bytes)) << errorText(std::move(bytes));
  EXPECT_EQ(*bytes, 24u);

  auto scalar = checkedTensorBytes({}, 8, limits);
  ASSERT_TRUE(static_cast<bool>(scalar)) << errorText(std::move(scalar));
  EXPECT_EQ(*scalar, 8u);

  auto empty = checkedTensorBytes({2, 0, 3}, 4, limits);
  ASSERT_TRUE(static_cast<bool>(empty)) << errorText(std::move(empty));
  EXPECT_EQ(*empty, 0u);
}

TEST(TensorDataTest, CheckedBytesRejectsNegativeDim) {
  EXPECT_ERROR_CONTAINS(checkedTensorBytes({2, 3, -3}, 4, TensorLimits()),
                        "dimension 2 is negative (-3)");
  EXPECT_ERROR_CONTAINS(checkedTensorBytes({-1}, 1, TensorLimits()),
                        "dimension 0 is negative (-1)");
}

TEST(TensorDataTest, CheckedBytesRejectsElementCountOverflow) {
  int64_t big = int64_t(1) << 40;
  EXPECT_ERROR_CONTAINS(
      checkedTensorBytes({big, big}, 4, TensorLimits()),
      "tensor of shape 1099511627776x1099511627776 overflows");
  EXPECT_ERROR_CONTAINS(
      checkedTensorBytes({1000000, 1000000, 1000000, 1000000}, 1,
                         TensorLimits()),
      "tensor of shape 1000000x1000000x1000000x1000000 overflows");
  // A zero dim does not hide an overflowing product of the others.
  EXPECT_ERROR_CONTAINS(checkedTensorBytes({0, big, big}, 4, TensorLimits()),
                        "overflows");
}

TEST(TensorDataTest, CheckedBytesRejectsByteCountOverflow) {
  // 2^62 elements fit in int64, 2^65 bytes do not fit in uint64.
  TensorLimits noCap;
  noCap.maxTensorBytes = UINT64_MAX;
  EXPECT_ERROR_CONTAINS(
      checkedTensorBytes({int64_t(1) << 62}, 8, noCap),
      "tensor of shape 4611686018427387904 overflows a 64-bit byte count");
}

TEST(TensorDataTest, CheckedBytesEnforcesByteLimit) {
  EXPECT_ERROR_CONTAINS(
      checkedTensorBytes({1000000, 1000000, 1000000}, 4, TensorLimits()),
      "tensor needs 4000000000000000000 bytes, more than the limit of "
      "4294967296");

  TensorLimits limits;
  limits.maxTensorBytes = 24;
  auto atLimit = checkedTensorBytes({2, 3}, 4, limits);
  ASSERT_TRUE(static_cast<bool>(atLimit)) << errorText(std::move(atLimit));
  EXPECT_EQ(*atLimit, 24u);
  limits.maxTensorBytes = 23;
  EXPECT_ERROR_CONTAINS(checkedTensorBytes({2, 3}, 4, limits),
                        "tensor needs 24 bytes, more than the limit of 23");
}

TEST(TensorDataTest, CheckedBytesEnforcesRankLimit) {
  std::vector<int64_t> rank32(32, 1), rank33(33, 1);
  auto ok = checkedTensorBytes(rank32, 4, TensorLimits());
  ASSERT_TRUE(static_cast<bool>(ok)) << errorText(std::move(ok));
  EXPECT_EQ(*ok, 4u);
  EXPECT_ERROR_CONTAINS(checkedTensorBytes(rank33, 4, TensorLimits()),
                        "rank 33 is more than the limit of 32");
}

TEST(TensorDataTest, CheckedBytesRejectsZeroElementSize) {
  EXPECT_ERROR_CONTAINS(checkedTensorBytes({2}, 0, TensorLimits()),
                        "element size is 0");
}

//===----------------------------------------------------------------------===//
// readTensorProto: inline data
//===----------------------------------------------------------------------===//

TEST(TensorDataTest, ReadsFloatRawData) {
  TensorProto tensor = makeTensor("w", TensorProto::FLOAT, {2, 3});
  tensor.set_raw_data(floatBytes(kSixFloats));
  auto result = readTensorProto(tensor, "");
  ASSERT_TRUE(static_cast<bool>(result)) << errorText(std::move(result));
  EXPECT_EQ(result->bytes, floatBytes(kSixFloats));
  EXPECT_EQ(result->shape, (std::vector<int64_t>{2, 3}));
  EXPECT_EQ(result->dtype, TensorProto::FLOAT);
}

TEST(TensorDataTest, ReadsFloatData) {
  TensorProto tensor = makeTensor("w", TensorProto::FLOAT, {2, 3});
  for (float value : kSixFloats)
    tensor.add_float_data(value);
  auto result = readTensorProto(tensor, "");
  ASSERT_TRUE(static_cast<bool>(result)) << errorText(std::move(result));
  EXPECT_EQ(result->bytes, floatBytes(kSixFloats));
}

TEST(TensorDataTest, ReadsInt64DataAndRawData) {
  std::vector<int64_t> values = {-1, int64_t(1) << 40, 7};
  TensorProto typed = makeTensor("i", TensorProto::INT64, {3});
  for (int64_t value : values)
    typed.add_int64_data(value);
  auto fromTyped = readTensorProto(typed, "");
  ASSERT_TRUE(static_cast<bool>(fromTyped)) << errorText(std::move(fromTyped));
  EXPECT_EQ(fromTyped->bytes, int64Bytes(values));

  TensorProto raw = makeTensor("i", TensorProto::INT64, {3});
  raw.set_raw_data(int64Bytes(values));
  auto fromRaw = readTensorProto(raw, "");
  ASSERT_TRUE(static_cast<bool>(fromRaw)) << errorText(std::move(fromRaw));
  EXPECT_EQ(fromRaw->bytes, fromTyped->bytes);
}

TEST(TensorDataTest, ReadsBoolFromInt32DataAndRawData) {
  TensorProto typed = makeTensor("b", TensorProto::BOOL, {4});
  for (int32_t value : {0, 1, 1, 0})
    typed.add_int32_data(value);
  auto fromTyped = readTensorProto(typed, "");
  ASSERT_TRUE(static_cast<bool>(fromTyped)) << errorText(std::move(fromTyped));
  EXPECT_EQ(fromTyped->bytes, std::string("\0\1\1\0", 4));

  // Any non-zero byte or value is true and is stored as 1.
  TensorProto raw = makeTensor("b", TensorProto::BOOL, {3});
  raw.set_raw_data(std::string("\0\7\1", 3));
  auto fromRaw = readTensorProto(raw, "");
  ASSERT_TRUE(static_cast<bool>(fromRaw)) << errorText(std::move(fromRaw));
  EXPECT_EQ(fromRaw->bytes, std::string("\0\1\1", 3));

  TensorProto wide = makeTensor("b", TensorProto::BOOL, {2});
  wide.add_int32_data(-5);
  wide.add_int32_data(0);
  auto fromWide = readTensorProto(wide, "");
  ASSERT_TRUE(static_cast<bool>(fromWide)) << errorText(std::move(fromWide));
  EXPECT_EQ(fromWide->bytes, std::string("\1\0", 2));
}

TEST(TensorDataTest, ReadsInt8AndUint8FromInt32Data) {
  TensorProto i8 = makeTensor("q", TensorProto::INT8, {3});
  for (int32_t value : {-128, 127, -1})
    i8.add_int32_data(value);
  auto result = readTensorProto(i8, "");
  ASSERT_TRUE(static_cast<bool>(result)) << errorText(std::move(result));
  EXPECT_EQ(result->bytes, std::string("\x80\x7f\xff", 3));

  TensorProto u8 = makeTensor("u", TensorProto::UINT8, {2});
  u8.add_int32_data(255);
  u8.add_int32_data(0);
  auto unsignedResult = readTensorProto(u8, "");
  ASSERT_TRUE(static_cast<bool>(unsignedResult))
      << errorText(std::move(unsignedResult));
  EXPECT_EQ(unsignedResult->bytes, std::string("\xff\0", 2));
}

TEST(TensorDataTest, RejectsOutOfRangeInt32DataValues) {
  TensorProto i8 = makeTensor("q", TensorProto::INT8, {1});
  i8.add_int32_data(128);
  EXPECT_ERROR_CONTAINS(readTensorProto(i8, ""),
                        "tensor 'q': int32_data[0] = 128 does not fit in int8");

  TensorProto u8 = makeTensor("u", TensorProto::UINT8, {2});
  u8.add_int32_data(1);
  u8.add_int32_data(-1);
  EXPECT_ERROR_CONTAINS(readTensorProto(u8, ""),
                        "int32_data[1] = -1 does not fit in uint8");

  TensorProto f16 = makeTensor("h", TensorProto::FLOAT16, {1});
  f16.add_int32_data(0x10000);
  EXPECT_ERROR_CONTAINS(readTensorProto(f16, ""), "does not fit in float16");
}

TEST(TensorDataTest, ReadsSixteenBitTypesFromInt32Data) {
  // FLOAT16 and BFLOAT16 hold bit patterns: 1.0h = 0x3C00, -2.0h = 0xC000,
  // 1.0bf16 = 0x3F80.
  TensorProto f16 = makeTensor("h", TensorProto::FLOAT16, {2});
  f16.add_int32_data(0x3C00);
  f16.add_int32_data(0xC000);
  auto half = readTensorProto(f16, "");
  ASSERT_TRUE(static_cast<bool>(half)) << errorText(std::move(half));
  EXPECT_EQ(half->bytes, std::string("\x00\x3c\x00\xc0", 4));

  TensorProto bf16 = makeTensor("bf", TensorProto::BFLOAT16, {1});
  bf16.add_int32_data(0x3F80);
  auto brain = readTensorProto(bf16, "");
  ASSERT_TRUE(static_cast<bool>(brain)) << errorText(std::move(brain));
  EXPECT_EQ(brain->bytes, std::string("\x80\x3f", 2));

  TensorProto i16 = makeTensor("s", TensorProto::INT16, {2});
  i16.add_int32_data(-2);
  i16.add_int32_data(0x1234);
  auto shortResult = readTensorProto(i16, "");
  ASSERT_TRUE(static_cast<bool>(shortResult))
      << errorText(std::move(shortResult));
  EXPECT_EQ(shortResult->bytes, std::string("\xfe\xff\x34\x12", 4));
}

TEST(TensorDataTest, ReadsInt32DoubleAndUnsignedFields) {
  TensorProto i32 = makeTensor("i", TensorProto::INT32, {2});
  i32.add_int32_data(-2);
  i32.add_int32_data(0x01020304);
  auto ints = readTensorProto(i32, "");
  ASSERT_TRUE(static_cast<bool>(ints)) << errorText(std::move(ints));
  EXPECT_EQ(ints->bytes, std::string("\xfe\xff\xff\xff\x04\x03\x02\x01", 8));

  TensorProto f64 = makeTensor("d", TensorProto::DOUBLE, {1});
  f64.add_double_data(1.0); // 0x3FF0000000000000
  auto doubles = readTensorProto(f64, "");
  ASSERT_TRUE(static_cast<bool>(doubles)) << errorText(std::move(doubles));
  EXPECT_EQ(doubles->bytes, std::string("\0\0\0\0\0\0\xf0\x3f", 8));

  TensorProto u32 = makeTensor("u", TensorProto::UINT32, {2});
  u32.add_uint64_data(0xFFFFFFFFu);
  u32.add_uint64_data(1);
  auto unsigned32 = readTensorProto(u32, "");
  ASSERT_TRUE(static_cast<bool>(unsigned32))
      << errorText(std::move(unsigned32));
  EXPECT_EQ(unsigned32->bytes, std::string("\xff\xff\xff\xff\x01\0\0\0", 8));

  TensorProto u64 = makeTensor("u", TensorProto::UINT64, {1});
  u64.add_uint64_data(UINT64_MAX);
  auto unsigned64 = readTensorProto(u64, "");
  ASSERT_TRUE(static_cast<bool>(unsigned64))
      << errorText(std::move(unsigned64));
  EXPECT_EQ(unsigned64->bytes, std::string(8, '\xff'));

  TensorProto tooWide = makeTensor("u", TensorProto::UINT32, {1});
  tooWide.add_uint64_data(uint64_t(1) << 32);
  EXPECT_ERROR_CONTAINS(readTensorProto(tooWide, ""),
                        "uint64_data[0] = 4294967296 does not fit in uint32");
}

TEST(TensorDataTest, RejectsRawDataSizeMismatch) {
  TensorProto tensor = makeTensor("w", TensorProto::FLOAT, {2, 3});
  tensor.set_raw_data(std::string(12, '\0'));
  EXPECT_ERROR_CONTAINS(
      readTensorProto(tensor, ""),
      "tensor 'w' has 12 bytes of data but its shape 2x3 of float needs 24");

  tensor.set_raw_data(std::string(28, '\0'));
  EXPECT_ERROR_CONTAINS(readTensorProto(tensor, ""),
                        "has 28 bytes of data but its shape 2x3 of float "
                        "needs 24");
}

TEST(TensorDataTest, RejectsTypedFieldCountMismatch) {
  TensorProto tensor = makeTensor("w", TensorProto::FLOAT, {2, 3});
  for (int i = 0; i < 5; ++i)
    tensor.add_float_data(1.0f);
  EXPECT_ERROR_CONTAINS(readTensorProto(tensor, ""),
                        "tensor 'w' has 5 elements in float_data but its "
                        "shape 2x3 of float needs 6");
}

TEST(TensorDataTest, EmptyTensorNeedsNoData) {
  TensorProto tensor = makeTensor("e", TensorProto::FLOAT, {0, 3});
  auto result = readTensorProto(tensor, "");
  ASSERT_TRUE(static_cast<bool>(result)) << errorText(std::move(result));
  EXPECT_TRUE(result->bytes.empty());
  EXPECT_EQ(result->shape, (std::vector<int64_t>{0, 3}));
}

TEST(TensorDataTest, RejectsMissingData) {
  TensorProto tensor = makeTensor("w", TensorProto::FLOAT, {2, 3});
  EXPECT_ERROR_CONTAINS(readTensorProto(tensor, ""),
                        "tensor 'w' has no data but its shape 2x3 of float "
                        "needs 24 bytes");
  TensorProto scalar = makeTensor("s", TensorProto::INT64, {});
  EXPECT_ERROR_CONTAINS(readTensorProto(scalar, ""),
                        "tensor 's' has no data but its shape (scalar) of "
                        "int64 needs 8 bytes");
}

TEST(TensorDataTest, RejectsDataInTheWrongField) {
  TensorProto tensor = makeTensor("w", TensorProto::FLOAT, {2});
  tensor.add_int64_data(1);
  tensor.add_int64_data(2);
  EXPECT_ERROR_CONTAINS(readTensorProto(tensor, ""),
                        "tensor 'w' has int64_data but its data type float is "
                        "stored in float_data");

  TensorProto both = makeTensor("w", TensorProto::FLOAT, {1});
  both.set_raw_data(floatBytes({1.0f}));
  both.add_float_data(1.0f);
  EXPECT_ERROR_CONTAINS(readTensorProto(both, ""),
                        "has both raw_data and float_data");
}

TEST(TensorDataTest, RejectsUnsupportedDataTypes) {
  TensorProto str = makeTensor("names", TensorProto::STRING, {1});
  str.add_string_data("hello");
  EXPECT_ERROR_CONTAINS(readTensorProto(str, ""),
                        "tensor 'names' has unsupported data type string (8)");

  TensorProto complex = makeTensor("c", TensorProto::COMPLEX64, {1});
  complex.add_float_data(1.0f);
  complex.add_float_data(2.0f);
  EXPECT_ERROR_CONTAINS(readTensorProto(complex, ""),
                        "unsupported data type complex64 (14)");

  TensorProto unknown = makeTensor("x", 99, {1});
  EXPECT_ERROR_CONTAINS(readTensorProto(unknown, ""),
                        "unsupported data type unknown data type code 99");
}

TEST(TensorDataTest, RejectsSegments) {
  TensorProto tensor = makeTensor("seg", TensorProto::FLOAT, {2});
  tensor.set_raw_data(floatBytes({1.0f, 2.0f}));
  tensor.mutable_segment()->set_begin(0);
  tensor.mutable_segment()->set_end(2);
  EXPECT_ERROR_CONTAINS(readTensorProto(tensor, ""), "segment");
}

TEST(TensorDataTest, ShapeErrorsNameTheTensor) {
  TensorProto negative = makeTensor("w", TensorProto::FLOAT, {2, -1});
  EXPECT_ERROR_CONTAINS(readTensorProto(negative, ""),
                        "tensor 'w': dimension 1 is negative (-1)");

  // Huge dims and no data: refused from the arithmetic, before any allocation.
  int64_t big = int64_t(1) << 40;
  TensorProto huge = makeTensor("big", TensorProto::FLOAT, {big, big});
  EXPECT_ERROR_CONTAINS(readTensorProto(huge, ""),
                        "tensor 'big': tensor of shape "
                        "1099511627776x1099511627776 overflows");

  TensorProto tensor = makeTensor("w", TensorProto::FLOAT, {2, 3});
  tensor.set_raw_data(floatBytes(kSixFloats));
  TensorLimits limits;
  limits.maxTensorBytes = 16;
  EXPECT_ERROR_CONTAINS(
      readTensorProto(tensor, "", limits),
      "tensor 'w': tensor needs 24 bytes, more than the limit of 16");
}

TEST(TensorDataTest, RejectsExternalEntriesWithoutExternalLocation) {
  TensorProto tensor = makeTensor("w", TensorProto::FLOAT, {1});
  tensor.set_raw_data(floatBytes({1.0f}));
  auto *entry = tensor.add_external_data();
  entry->set_key("location");
  entry->set_value("w.bin");
  EXPECT_ERROR_CONTAINS(readTensorProto(tensor, ""),
                        "data_location is not EXTERNAL");
}

//===----------------------------------------------------------------------===//
// readTensorProto: external data
//===----------------------------------------------------------------------===//

/// A fresh folder per test: `root` holds `model/` (the model folder) and files
/// that sit outside it.
class ExternalDataTest : public ::testing::Test {
protected:
  void SetUp() override {
    llvm::SmallString<128> path;
    std::error_code ec =
        llvm::sys::fs::createUniqueDirectory("kiln-tensordata-test", path);
    ASSERT_FALSE(ec) << ec.message();
    root = std::string(path);
    modelDir = root + "/model";
    ASSERT_EQ(::mkdir(modelDir.c_str(), 0700), 0) << std::strerror(errno);
    payload = floatBytes(kSixFloats);
  }

  void TearDown() override {
    // remove_all does not follow symlinks, so only our own files go.
    std::error_code ec;
    std::filesystem::remove_all(root, ec);
    EXPECT_FALSE(ec) << ec.message();
  }

  void writeFile(const std::string &path, const std::string &bytes) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    ASSERT_TRUE(out.good()) << "cannot write " << path;
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.close();
    ASSERT_TRUE(out.good()) << "cannot write " << path;
  }

  void makeDir(const std::string &path) {
    ASSERT_EQ(::mkdir(path.c_str(), 0700), 0)
        << path << ": " << std::strerror(errno);
  }

  void makeSymlink(const std::string &target, const std::string &link) {
    ASSERT_EQ(::symlink(target.c_str(), link.c_str()), 0)
        << link << ": " << std::strerror(errno);
  }

  /// A 2x3 float tensor 'w' stored externally with the given entries
  /// (an empty value leaves the key out).
  TensorProto externalTensor(const std::string &location,
                             const std::string &offset = "",
                             const std::string &length = "") {
    TensorProto tensor = makeTensor("w", TensorProto::FLOAT, {2, 3});
    tensor.set_data_location(TensorProto::EXTERNAL);
    auto add = [&](const char *key, const std::string &value) {
      auto *entry = tensor.add_external_data();
      entry->set_key(key);
      entry->set_value(value);
    };
    add("location", location);
    if (!offset.empty())
      add("offset", offset);
    if (!length.empty())
      add("length", length);
    return tensor;
  }

  std::string root, modelDir, payload;
};

TEST_F(ExternalDataTest, ReadsWholeFile) {
  writeFile(modelDir + "/w.bin", payload);
  auto result = readTensorProto(externalTensor("w.bin"), modelDir);
  ASSERT_TRUE(static_cast<bool>(result)) << errorText(std::move(result));
  EXPECT_EQ(result->bytes, payload);
  EXPECT_EQ(result->shape, (std::vector<int64_t>{2, 3}));
}

TEST_F(ExternalDataTest, ReadsAtOffsetWithAndWithoutLength) {
  writeFile(modelDir + "/w.bin", std::string(8, 'x') + payload + "tail");
  auto withLength =
      readTensorProto(externalTensor("w.bin", "8", "24"), modelDir);
  ASSERT_TRUE(static_cast<bool>(withLength))
      << errorText(std::move(withLength));
  EXPECT_EQ(withLength->bytes, payload);

  writeFile(modelDir + "/v.bin", std::string(8, 'x') + payload);
  auto toEnd = readTensorProto(externalTensor("v.bin", "8"), modelDir);
  ASSERT_TRUE(static_cast<bool>(toEnd)) << errorText(std::move(toEnd));
  EXPECT_EQ(toEnd->bytes, payload);
}

TEST_F(ExternalDataTest, ReadsFromSubfolderAndThroughDotDotInside) {
  makeDir(modelDir + "/weights");
  makeDir(modelDir + "/other");
  writeFile(modelDir + "/weights/w.bin", payload);
  for (const char *location :
       {"weights/w.bin", "./weights/w.bin", "other/../weights/w.bin"}) {
    auto result = readTensorProto(externalTensor(location), modelDir);
    ASSERT_TRUE(static_cast<bool>(result))
        << location << ": " << errorText(std::move(result));
    EXPECT_EQ(result->bytes, payload) << location;
  }
}

TEST_F(ExternalDataTest, ModelFolderMayBeReachedThroughASymlink) {
  // Only what lies below the model folder is checked; the folder itself is
  // canonicalized first (think /tmp -> /private/tmp).
  writeFile(modelDir + "/w.bin", payload);
  makeSymlink(modelDir, root + "/alias");
  auto result = readTensorProto(externalTensor("w.bin"), root + "/alias");
  ASSERT_TRUE(static_cast<bool>(result)) << errorText(std::move(result));
  EXPECT_EQ(result->bytes, payload);
}

TEST_F(ExternalDataTest, RejectsLengthThatDoesNotMatchShape) {
  writeFile(modelDir + "/w.bin", payload + "more");
  EXPECT_ERROR_CONTAINS(
      readTensorProto(externalTensor("w.bin", "0", "20"), modelDir),
      "tensor 'w' has 20 bytes of external data in 'w.bin' "
      "but its shape 2x3 of float needs 24");
  // Without a length the rest of the file is the payload: 28 bytes here.
  EXPECT_ERROR_CONTAINS(readTensorProto(externalTensor("w.bin"), modelDir),
                        "has 28 bytes of external data");
}

TEST_F(ExternalDataTest, RejectsEmptyModelDir) {
  writeFile(modelDir + "/w.bin", payload);
  EXPECT_ERROR_CONTAINS(readTensorProto(externalTensor("w.bin"), ""),
                        "tensor 'w': external data location 'w.bin' cannot be "
                        "resolved: the model was not loaded from a file");
}

TEST_F(ExternalDataTest, RejectsAbsoluteLocation) {
  EXPECT_ERROR_CONTAINS(
      readTensorProto(externalTensor("/etc/passwd"), modelDir),
      "tensor 'w': external data location '/etc/passwd' is an absolute path");
  // Even when it points inside the model folder.
  writeFile(modelDir + "/w.bin", payload);
  EXPECT_ERROR_CONTAINS(
      readTensorProto(externalTensor(modelDir + "/w.bin"), modelDir),
      "is an absolute path");
}

TEST_F(ExternalDataTest, RejectsParentEscape) {
  writeFile(root + "/outside.bin", payload);
  auto canonicalModelDir = std::filesystem::canonical(modelDir).string();
  EXPECT_ERROR_CONTAINS(
      readTensorProto(externalTensor("../outside.bin"), modelDir),
      std::string("tensor 'w': external data location '../outside.bin' "
                  "escapes the model folder '") +
          canonicalModelDir + "'");
}

TEST_F(ExternalDataTest, RejectsNestedParentEscape) {
  writeFile(root + "/outside.bin", payload);
  // Without the intermediate folder and with it (then the OS would really
  // reach ../outside.bin).
  EXPECT_ERROR_CONTAINS(
      readTensorProto(externalTensor("a/../../outside.bin"), modelDir),
      "external data location 'a/../../outside.bin' escapes the model folder");
  makeDir(modelDir + "/a");
  EXPECT_ERROR_CONTAINS(
      readTensorProto(externalTensor("a/../../outside.bin"), modelDir),
      "external data location 'a/../../outside.bin' escapes the model folder");
  EXPECT_ERROR_CONTAINS(
      readTensorProto(externalTensor("a/../a/../../model/../outside.bin"),
                      modelDir),
      "escapes the model folder");
}

TEST_F(ExternalDataTest, RejectsSymlinkedFile) {
  // The link points inside the model folder: refused all the same.
  writeFile(modelDir + "/real.bin", payload);
  makeSymlink("real.bin", modelDir + "/link.bin");
  EXPECT_ERROR_CONTAINS(
      readTensorProto(externalTensor("link.bin"), modelDir),
      "tensor 'w': external data location 'link.bin' goes through a symbolic "
      "link");
}

TEST_F(ExternalDataTest, RejectsSymlinkEscapingTheFolder) {
  writeFile(root + "/outside.bin", payload);
  makeSymlink("../outside.bin", modelDir + "/link.bin");
  EXPECT_ERROR_CONTAINS(readTensorProto(externalTensor("link.bin"), modelDir),
                        "escapes the model folder");
}

TEST_F(ExternalDataTest, RejectsSymlinkedParentFolder) {
  makeDir(modelDir + "/real");
  writeFile(modelDir + "/real/w.bin", payload);
  makeSymlink("real", modelDir + "/linkdir");
  EXPECT_ERROR_CONTAINS(
      readTensorProto(externalTensor("linkdir/w.bin"), modelDir),
      "external data location 'linkdir/w.bin' goes through a symbolic link");

  // A symlinked folder followed by '..' that resolves back inside the folder.
  makeDir(modelDir + "/real/deeper");
  makeSymlink("real/deeper", modelDir + "/deep");
  writeFile(modelDir + "/v.bin", payload);
  EXPECT_ERROR_CONTAINS(
      readTensorProto(externalTensor("deep/../../v.bin"), modelDir),
      "goes through a symbolic link");
}

TEST_F(ExternalDataTest, RejectsHardLink) {
  writeFile(modelDir + "/w.bin", payload);
  ASSERT_EQ(
      ::link((modelDir + "/w.bin").c_str(), (modelDir + "/hard.bin").c_str()),
      0)
      << std::strerror(errno);
  EXPECT_ERROR_CONTAINS(readTensorProto(externalTensor("hard.bin"), modelDir),
                        "tensor 'w': external data location 'hard.bin' has 2 "
                        "hard links");
  // Both names of the file are refused.
  EXPECT_ERROR_CONTAINS(readTensorProto(externalTensor("w.bin"), modelDir),
                        "hard links");
}

TEST_F(ExternalDataTest, RejectsRangeBeyondEndOfFile) {
  writeFile(modelDir + "/w.bin", payload);
  EXPECT_ERROR_CONTAINS(
      readTensorProto(externalTensor("w.bin", "8", "24"), modelDir),
      "tensor 'w': external data offset 8 + length 24 is beyond the end of "
      "'w.bin' (24 bytes)");
  EXPECT_ERROR_CONTAINS(
      readTensorProto(externalTensor("w.bin", "100"), modelDir),
      "external data offset 100 is beyond the end of 'w.bin' (24 bytes)");
}

TEST_F(ExternalDataTest, RejectsOffsetOverflow) {
  writeFile(modelDir + "/w.bin", payload);
  EXPECT_ERROR_CONTAINS(
      readTensorProto(externalTensor("w.bin", "8", "18446744073709551615"),
                      modelDir),
      "external data offset 8 + length 18446744073709551615 "
      "in 'w.bin' overflows");
  EXPECT_ERROR_CONTAINS(
      readTensorProto(externalTensor("w.bin", "18446744073709551616"),
                      modelDir),
      "external data offset '18446744073709551616' is not a non-negative "
      "64-bit integer");
  EXPECT_ERROR_CONTAINS(
      readTensorProto(externalTensor("w.bin", "-8"), modelDir),
      "external data offset '-8' is not a non-negative 64-bit integer");
  EXPECT_ERROR_CONTAINS(
      readTensorProto(externalTensor("w.bin", "0", "24x"), modelDir),
      "external data length '24x' is not a non-negative 64-bit integer");
}

TEST_F(ExternalDataTest, RejectsMissingOrOddFiles) {
  EXPECT_ERROR_CONTAINS(
      readTensorProto(externalTensor("missing.bin"), modelDir),
      "external data location 'missing.bin': cannot access");

  makeDir(modelDir + "/folder");
  EXPECT_ERROR_CONTAINS(readTensorProto(externalTensor("folder"), modelDir),
                        "is not a regular file");

  // A FIFO must be refused, not block the reader.
  ASSERT_EQ(::mkfifo((modelDir + "/pipe").c_str(), 0600), 0)
      << std::strerror(errno);
  EXPECT_ERROR_CONTAINS(readTensorProto(externalTensor("pipe"), modelDir),
                        "external data location 'pipe' is not a regular file");

  EXPECT_ERROR_CONTAINS(readTensorProto(externalTensor("."), modelDir),
                        "names the model folder itself");
}

TEST_F(ExternalDataTest, RejectsMalformedEntries) {
  TensorProto noLocation = makeTensor("w", TensorProto::FLOAT, {2, 3});
  noLocation.set_data_location(TensorProto::EXTERNAL);
  EXPECT_ERROR_CONTAINS(readTensorProto(noLocation, modelDir),
                        "tensor 'w': external data has no 'location' entry");

  TensorProto twice = externalTensor("w.bin");
  auto *entry = twice.add_external_data();
  entry->set_key("location");
  entry->set_value("v.bin");
  EXPECT_ERROR_CONTAINS(readTensorProto(twice, modelDir),
                        "more than one 'location'");

  EXPECT_ERROR_CONTAINS(
      readTensorProto(externalTensor(std::string("w.bin\0../x", 10)), modelDir),
      "contains a NUL byte");

  writeFile(modelDir + "/w.bin", payload);
  TensorProto inlineToo = externalTensor("w.bin");
  inlineToo.set_raw_data(payload);
  EXPECT_ERROR_CONTAINS(readTensorProto(inlineToo, modelDir),
                        "has external data and also inline data");
}

TEST_F(ExternalDataTest, ClosesFilesOnEveryPath) {
  const char *fdDir = "/proc/self/fd";
  if (!std::filesystem::is_directory(fdDir))
    GTEST_SKIP() << "needs /proc/self/fd to count open descriptors";
  auto countOpen = [&] {
    std::error_code ec;
    size_t count = 0;
    for (auto it = std::filesystem::directory_iterator(fdDir, ec);
         !ec && it != std::filesystem::directory_iterator(); it.increment(ec))
      ++count;
    return count;
  };

  makeDir(modelDir + "/sub");
  writeFile(modelDir + "/sub/w.bin", payload);
  writeFile(modelDir + "/short.bin", payload.substr(0, 20));
  writeFile(modelDir + "/long.bin", payload + "more");
  writeFile(modelDir + "/h.bin", payload);
  ASSERT_EQ(
      ::link((modelDir + "/h.bin").c_str(), (modelDir + "/h2.bin").c_str()), 0);
  makeDir(modelDir + "/dir");
  ASSERT_EQ(::mkfifo((modelDir + "/pipe").c_str(), 0600), 0);

  size_t before = countOpen();
  // One success (through a subfolder) and failures after the file was opened.
  auto ok = readTensorProto(externalTensor("sub/w.bin"), modelDir);
  ASSERT_TRUE(static_cast<bool>(ok)) << errorText(std::move(ok));
  for (const char *location :
       {"short.bin", "long.bin", "h.bin", "dir", "pipe", "sub/missing.bin"}) {
    auto result = readTensorProto(externalTensor(location), modelDir);
    EXPECT_FALSE(static_cast<bool>(result)) << location;
    llvm::consumeError(result.takeError());
  }
  auto beyond =
      readTensorProto(externalTensor("sub/w.bin", "8", "24"), modelDir);
  EXPECT_FALSE(static_cast<bool>(beyond));
  llvm::consumeError(beyond.takeError());
  EXPECT_EQ(countOpen(), before);
}

} // namespace
