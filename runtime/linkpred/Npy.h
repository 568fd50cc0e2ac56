//===- Npy.h - Reading NumPy .npy matrices --------------------------------===//
//
// The trained embeddings of link predictors are stored as NumPy arrays. The
// reader accepts what a model needs, a two-dimensional little-endian float32
// or float64 array in C order, and says exactly what is wrong with anything
// else (magic, version, header, dtype, order, shape, a truncated body).
//
//===----------------------------------------------------------------------===//
#ifndef KQ_RUNTIME_LINKPRED_NPY_H
#define KQ_RUNTIME_LINKPRED_NPY_H

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace kq::runtime {

enum class ElementType { Float32, Float64 };

inline const char *elementTypeName(ElementType type) {
  return type == ElementType::Float32 ? "float32" : "float64";
}

/// A row-major matrix of float32 or float64 values, as the file stores them.
struct NpyMatrix {
  ElementType type = ElementType::Float32;
  uint64_t rows = 0, columns = 0;
  std::vector<unsigned char> bytes; // rows * columns elements

  size_t elementSize() const { return type == ElementType::Float32 ? 4 : 8; }
  template <typename T> const T *data() const { return reinterpret_cast<const T *>(bytes.data()); }
};

/// Reads `path`. On failure returns nothing and sets `error` to one message
/// that names the file and the problem.
std::optional<NpyMatrix> readNpyMatrix(const std::string &path, std::string &error);

/// Parses an .npy file held in memory; `name` is used in messages.
std::optional<NpyMatrix> parseNpyMatrix(const std::string &contents, const std::string &name,
                                        std::string &error);

} // namespace kq::runtime

#endif // KQ_RUNTIME_LINKPRED_NPY_H
