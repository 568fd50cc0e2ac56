//===- Files.h - Reading whole files --------------------------------------===//
//
// The one reader of the runtime's input files. It opens without blocking
// and reads only regular files: a FIFO, a device or a socket where a file
// is expected is an error at once, not a hang (a FIFO planted as a split
// file or a cache would otherwise wait for a writer forever).
//
//===----------------------------------------------------------------------===//
#ifndef KQ_RUNTIME_SUPPORT_FILES_H
#define KQ_RUNTIME_SUPPORT_FILES_H

#include <sys/types.h>

#include <string>
#include <string_view>
#include <vector>

namespace kq::runtime {

/// Reads the regular file at `path` into `contents` with one read of its
/// size (data files are hundreds of megabytes). False when it cannot be
/// opened or read, or is not a regular file; `reason` says why ("No such
/// file or directory", "Is a directory", "it is a FIFO, not a regular
/// file", "Too many levels of symbolic links").
bool readWholeFile(const std::string &path, std::string &contents, std::string &reason);

/// Opens the regular file at `path` for reading: a descriptor, or -1 with
/// `reason`. Never blocks on a FIFO.
int openRegularFile(const std::string &path, std::string &reason);

/// Whether `folder` is a folder (not a link to one) that this user owns and
/// no one else may write: where a cache may be trusted.
bool isPrivateFolder(const std::string &folder);

/// "a FIFO", "a character device", ... for the type bits of `mode`.
const char *describeFileType(mode_t mode);

/// Calls `onLine(lineNumber, fields)` for every non-empty line of a
/// tab-separated file; stops and returns false when it does. A UTF-8 byte
/// order mark at the start is not part of the first line.
template <typename OnLine> bool forEachLine(const std::string &contents, OnLine onLine) {
  size_t lineNumber = 0;
  std::string_view rest(contents);
  if (rest.substr(0, 3) == "\xEF\xBB\xBF")
    rest.remove_prefix(3);
  while (!rest.empty()) {
    ++lineNumber;
    size_t end = rest.find('\n');
    std::string_view line = rest.substr(0, end);
    rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
    if (!line.empty() && line.back() == '\r')
      line.remove_suffix(1);
    if (line.empty())
      continue;
    std::vector<std::string_view> fields;
    size_t start = 0;
    while (true) {
      size_t tab = line.find('\t', start);
      fields.push_back(line.substr(start, tab - start));
      if (tab == std::string_view::npos)
        break;
      start = tab + 1;
    }
    if (!onLine(lineNumber, fields))
      return false;
  }
  return true;
}

} // namespace kq::runtime

#endif // KQ_RUNTIME_SUPPORT_FILES_H
