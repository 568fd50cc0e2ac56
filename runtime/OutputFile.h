//===- OutputFile.h - Files that appear complete or not at all ------------===//
//
// The program's output (`kqc run -o`) and the files `emit` writes share one
// discipline: a regular file is written beside its destination under a
// temporary name and renamed over it only when everything succeeded; a
// symbolic link is written through, to the file it names (even a dangling
// one); a pipe or a device is written as it is. A replaced file keeps its
// mode.
//
//===----------------------------------------------------------------------===//
#ifndef KQ_RUNTIME_OUTPUTFILE_H
#define KQ_RUNTIME_OUTPUTFILE_H

#include <cstdio>
#include <string>

namespace kq::runtime {

class OutputFile {
public:
  OutputFile() = default;
  OutputFile(const OutputFile &) = delete;
  OutputFile &operator=(const OutputFile &) = delete;
  /// Removes the temporary file unless committed.
  ~OutputFile() { discard(); }

  /// Opens `path` for writing ("-" is standard output). On failure returns
  /// null and sets `error`.
  std::FILE *open(const std::string &path, std::string &error);
  /// Closes the file and puts it in place. On failure sets `error` and
  /// leaves nothing behind.
  bool commit(std::string &error);
  /// Closes and removes what was written, when not committed.
  void discard();

private:
  std::string path, destination, temporary;
  std::FILE *stream = nullptr;
};

} // namespace kq::runtime

#endif // KQ_RUNTIME_OUTPUTFILE_H
