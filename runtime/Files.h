//===- Files.h - Reading whole files --------------------------------------===//
#ifndef KQ_RUNTIME_FILES_H
#define KQ_RUNTIME_FILES_H

#include <string>

namespace kq::runtime {

/// Reads the file at `path` into `contents` with one read of its size (data
/// files are hundreds of megabytes). False when it cannot be opened or read;
/// errno tells why.
bool readWholeFile(const std::string &path, std::string &contents);

} // namespace kq::runtime

#endif // KQ_RUNTIME_FILES_H
