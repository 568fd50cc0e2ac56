//===- AtomicFile.h - Files that appear complete or not at all ------------===//
//
// Every file kq writes (a program's output, `emit` files, compiled stages,
// executables, the graph and reply caches) goes through this one writer:
//  - the data goes to a temporary created with O_EXCL under an
//    unpredictable name in the destination's folder, renamed over the
//    destination only when everything succeeded, and removed on failure and
//    on SIGINT, SIGTERM and SIGHUP (TemporaryFiles.h);
//  - a symbolic link is written through, to the file it names;
//  - what is there and is not a regular file (a FIFO, a device, a socket, a
//    folder) is refused, never replaced or written into;
//  - a read-only file is refused unless `force`;
//  - the FileGuard of the run, when given, refuses the run's own inputs (the
//    program's source, its graphs) and a second output to one path.
// A replaced file keeps its mode; a new one gets `newFileMode` less the umask.
//
//===----------------------------------------------------------------------===//
#ifndef KQ_RUNTIME_SUPPORT_ATOMICFILE_H
#define KQ_RUNTIME_SUPPORT_ATOMICFILE_H

#include <sys/types.h>

#include <cstdio>
#include <string>
#include <string_view>

namespace kq::runtime {

class FileGuard;

struct WriteOptions {
  /// Replace a read-only file.
  bool force = false;
  /// The mode of a new file, before the umask (caches use 0600).
  mode_t newFileMode = 0666;
  /// Checks and records the output against the run's inputs and outputs.
  FileGuard *guard = nullptr;
  /// Several outputs of one run may write this file (the id maps every
  /// BetaE or FIT emit puts into its folder); it is still never an input.
  bool sharedWithinRun = false;
  /// Write through a symbolic link at the path (caches do not: a link in
  /// a cache folder is refused). A link is followed only when this user
  /// owns it, as the kernel's protected_symlinks would have it.
  bool followSymlinks = true;
};

/// Whether `path` may be written as `options` say; the reason in `error`
/// when not. What AtomicFile::open checks, for writers that only need the
/// verdict first (an executable linked by another program).
bool checkOutputTarget(const std::string &path, const WriteOptions &options, std::string &error);

class AtomicFile {
public:
  AtomicFile() = default;
  AtomicFile(const AtomicFile &) = delete;
  AtomicFile &operator=(const AtomicFile &) = delete;
  /// Removes the temporary file unless committed.
  ~AtomicFile() { discard(); }

  /// Opens `path` for writing ("-" is standard output). On failure returns
  /// null and sets `error`.
  std::FILE *open(const std::string &path, const WriteOptions &options, std::string &error);
  /// The temporary being written, for writers that reopen it by name (LLVM's
  /// object emitter, a linker); empty for standard output.
  const std::string &temporaryPath() const { return temporary; }
  /// Closes the file and puts it in place. On failure sets `error` and
  /// leaves nothing behind.
  bool commit(std::string &error) { return finish(error) && publish(error); }
  /// The two halves of commit, for sets of files that appear together:
  /// every file is written out (flushed, synced, closed) before any is
  /// renamed into place.
  bool finish(std::string &error);
  bool publish(std::string &error);
  /// Closes and removes what was written, when not committed.
  void discard();

private:
  std::string path, destination, temporary;
  mode_t mode = 0;
  std::FILE *stream = nullptr;
};

/// Writes `contents` to `path` through an AtomicFile.
bool writeFileAtomically(const std::string &path, std::string_view contents,
                         const WriteOptions &options, std::string &error);

} // namespace kq::runtime

#endif // KQ_RUNTIME_SUPPORT_ATOMICFILE_H
