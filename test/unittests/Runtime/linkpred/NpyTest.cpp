//===- NpyTest.cpp - Reading .npy matrices --------------------------------===//

#include "runtime/linkpred/Npy.h"

#include <gtest/gtest.h>

#include <cstring>

using namespace kq::runtime;

namespace {

/// An .npy file of format version `major` with `header` (unpadded) and
/// `data` bytes.
std::string npyFile(const std::string &header, const std::string &data, int major = 1) {
  std::string padded = header;
  size_t prefix = major == 1 ? 10 : 12;
  while ((prefix + padded.size() + 1) % 64 != 0)
    padded += ' ';
  padded += '\n';
  std::string file = "\x93NUMPY";
  file += char(major);
  file += char(0);
  size_t length = padded.size();
  for (size_t i = 0; i < (major == 1 ? 2u : 4u); ++i)
    file += char((length >> (8 * i)) & 0xff);
  return file + padded + data;
}

std::string floats(std::initializer_list<float> values) {
  std::string bytes(values.size() * sizeof(float), '\0');
  std::memcpy(bytes.data(), values.begin(), bytes.size());
  return bytes;
}

} // namespace

TEST(NpyTest, ReadsFloat32Matrix) {
  std::string error;
  auto matrix =
      parseNpyMatrix(npyFile("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }",
                             floats({1, 2, 3, 4, 5, 6})),
                     "m.npy", error);
  ASSERT_TRUE(matrix) << error;
  EXPECT_EQ(matrix->type, ElementType::Float32);
  EXPECT_EQ(matrix->rows, 2u);
  EXPECT_EQ(matrix->columns, 3u);
  EXPECT_EQ(matrix->data<float>()[4], 5.0f);
}

TEST(NpyTest, ReadsVersionTwoAndFloat64) {
  std::string error;
  double values[2] = {0.5, -2.25};
  std::string data(reinterpret_cast<const char *>(values), sizeof(values));
  auto matrix = parseNpyMatrix(
      npyFile("{'descr': '<f8', 'fortran_order': False, 'shape': (1, 2), }", data, 2), "m.npy",
      error);
  ASSERT_TRUE(matrix) << error;
  EXPECT_EQ(matrix->type, ElementType::Float64);
  EXPECT_EQ(matrix->data<double>()[1], -2.25);
}

TEST(NpyTest, SaysWhatIsWrong) {
  auto problem = [](const std::string &contents) {
    std::string error;
    EXPECT_FALSE(parseNpyMatrix(contents, "m.npy", error));
    return error;
  };
  EXPECT_EQ(problem("not numpy at all"), "m.npy: not a NumPy .npy file (bad magic)");
  EXPECT_EQ(problem(npyFile("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }",
                            floats({1, 2, 3}))),
            "m.npy: truncated: shape (2, 3) needs 24 bytes of data, the file has 12");
  EXPECT_EQ(
      problem(npyFile("{'descr': '<f4', 'fortran_order': True, 'shape': (1, 1), }", floats({1}))),
      "m.npy: the array is in Fortran order; expected C order (save it with "
      "numpy.ascontiguousarray)");
  EXPECT_EQ(
      problem(npyFile("{'descr': '>f4', 'fortran_order': False, 'shape': (1, 1), }", floats({1}))),
      "m.npy: dtype '>f4' is not supported; expected little-endian float32 ('<f4') or "
      "float64 ('<f8')");
  EXPECT_EQ(problem(npyFile("{'descr': '<f4', 'fortran_order': False, 'shape': (3,), }",
                            floats({1, 2, 3}))),
            "m.npy: expected a two-dimensional array, found shape (3,)");
  EXPECT_EQ(problem(npyFile("{'descr': '<f4', 'fortran_order': False, 'shape': (1, 1), }",
                            floats({1, 2}))),
            "m.npy: 4 bytes after the data of shape (1, 1)");
  EXPECT_EQ(problem(npyFile("{'descr': '<f4', 'shape': (1, 1), }", floats({1}))),
            "m.npy: malformed header (needs 'descr', 'fortran_order' and 'shape')");
  std::string future =
      npyFile("{'descr': '<f4', 'fortran_order': False, 'shape': (1, 1), }", floats({1}));
  future[6] = 9;
  EXPECT_EQ(problem(future), "m.npy: unsupported .npy format version 9.0");
}
