//===- Npy.cpp - Reading NumPy .npy matrices ------------------------------===//
//
// Format (numpy.lib.format): the magic "\x93NUMPY", a major and minor version
// byte, the header length (2 bytes little-endian in version 1, 4 bytes in
// versions 2 and 3), then a Python dict literal such as
// {'descr': '<f4', 'fortran_order': False, 'shape': (104, 1000), }
// padded with spaces and a newline, then the data.
//
//===----------------------------------------------------------------------===//

#include "runtime/linkpred/Npy.h"
#include "runtime/support/Files.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <sstream>

using namespace kq::runtime;

namespace {

/// The text after `'key':` in the header dict, up to the next top-level
/// comma or the closing brace, trimmed; nothing when the key is absent.
std::optional<std::string> headerValue(const std::string &header, const std::string &key) {
  size_t at = header.find("'" + key + "'");
  if (at == std::string::npos)
    return std::nullopt;
  at = header.find(':', at);
  if (at == std::string::npos)
    return std::nullopt;
  size_t begin = at + 1;
  int depth = 0;
  size_t end = begin;
  for (; end < header.size(); ++end) {
    char c = header[end];
    if (c == '(')
      ++depth;
    else if (c == ')')
      --depth;
    else if ((c == ',' || c == '}') && depth == 0)
      break;
  }
  std::string value = header.substr(begin, end - begin);
  size_t first = value.find_first_not_of(" \t");
  size_t last = value.find_last_not_of(" \t");
  return first == std::string::npos ? "" : value.substr(first, last - first + 1);
}

/// Parses a shape tuple such as "(104, 1000)" or "(5,)".
std::optional<std::vector<uint64_t>> parseShape(const std::string &text) {
  if (text.size() < 2 || text.front() != '(' || text.back() != ')')
    return std::nullopt;
  std::vector<uint64_t> shape;
  std::string inner = text.substr(1, text.size() - 2);
  std::stringstream stream(inner);
  std::string item;
  while (std::getline(stream, item, ',')) {
    size_t first = item.find_first_not_of(" ");
    if (first == std::string::npos)
      continue; // the trailing comma of a one-element tuple
    size_t last = item.find_last_not_of(" ");
    item = item.substr(first, last - first + 1);
    if (item.empty() || item.size() > 18 ||
        !std::all_of(item.begin(), item.end(), [](char c) { return std::isdigit(c); }))
      return std::nullopt;
    shape.push_back(std::stoull(item));
  }
  return shape;
}

} // namespace

std::optional<NpyMatrix> kq::runtime::parseNpyMatrix(const std::string &contents,
                                                     const std::string &name, std::string &error) {
  auto fail = [&](const std::string &problem) {
    error = fmt::format("{}: {}", name, problem);
    return std::nullopt;
  };
  static const char magic[] = "\x93NUMPY";
  if (contents.size() < 10 || std::memcmp(contents.data(), magic, 6) != 0)
    return fail("not a NumPy .npy file (bad magic)");
  unsigned major = static_cast<unsigned char>(contents[6]);
  unsigned minor = static_cast<unsigned char>(contents[7]);
  if (major < 1 || major > 3)
    return fail(fmt::format("unsupported .npy format version {}.{}", major, minor));
  size_t lengthBytes = major == 1 ? 2 : 4;
  if (contents.size() < 8 + lengthBytes)
    return fail("truncated header");
  uint64_t headerLength = 0;
  for (size_t i = 0; i < lengthBytes; ++i)
    headerLength |= uint64_t(static_cast<unsigned char>(contents[8 + i])) << (8 * i);
  size_t dataOffset = 8 + lengthBytes + headerLength;
  if (contents.size() < dataOffset)
    return fail("truncated header");
  std::string header = contents.substr(8 + lengthBytes, headerLength);

  auto descr = headerValue(header, "descr");
  auto order = headerValue(header, "fortran_order");
  auto shapeText = headerValue(header, "shape");
  if (!descr || !order || !shapeText)
    return fail("malformed header (needs 'descr', 'fortran_order' and 'shape')");

  NpyMatrix matrix;
  if (*descr == "'<f4'")
    matrix.type = ElementType::Float32;
  else if (*descr == "'<f8'")
    matrix.type = ElementType::Float64;
  else
    return fail(fmt::format("dtype {} is not supported; expected little-endian float32 ('<f4') "
                            "or float64 ('<f8')",
                            *descr));
  if (*order == "True")
    return fail("the array is in Fortran order; expected C order (save it with "
                "numpy.ascontiguousarray)");
  if (*order != "False")
    return fail("malformed 'fortran_order' in the header");
  auto shape = parseShape(*shapeText);
  if (!shape)
    return fail(fmt::format("malformed shape {}", *shapeText));
  if (shape->size() != 2)
    return fail(fmt::format("expected a two-dimensional array, found shape {}", *shapeText));
  matrix.rows = (*shape)[0];
  matrix.columns = (*shape)[1];
  if (matrix.columns != 0 && matrix.rows > (uint64_t(1) << 40) / matrix.columns)
    return fail(fmt::format("shape {} is too large", *shapeText));

  uint64_t expected = matrix.rows * matrix.columns * matrix.elementSize();
  uint64_t found = contents.size() - dataOffset;
  if (found < expected)
    return fail(fmt::format("truncated: shape {} needs {} bytes of data, the file has {}",
                            *shapeText, expected, found));
  if (found > expected)
    return fail(fmt::format("{} bytes after the data of shape {}", found - expected, *shapeText));
  matrix.bytes.assign(contents.begin() + dataOffset, contents.end());
  return matrix;
}

std::optional<NpyMatrix> kq::runtime::readNpyMatrix(const std::string &path, std::string &error) {
  std::string contents;
  std::string reason;
  if (!readWholeFile(path, contents, reason)) {
    error = fmt::format("{}: cannot open: {}", path, reason);
    return std::nullopt;
  }
  return parseNpyMatrix(contents, path, error);
}
