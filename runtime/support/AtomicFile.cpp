//===- AtomicFile.cpp - Files that appear complete or not at all ----------===//

#include "runtime/support/AtomicFile.h"
#include "runtime/support/FileGuard.h"
#include "runtime/support/Files.h"
#include "runtime/support/TemporaryFiles.h"

#include <fmt/format.h>

#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace kq::runtime;

namespace {

/// The process's umask, read once: umask() itself sets it, and writers run
/// on several threads.
mode_t processUmask() {
  static const mode_t mask = [] {
    mode_t value = umask(0);
    umask(value);
    return value;
  }();
  return mask;
}

/// Where writing `path` lands: the file a symbolic link names, even when
/// that file does not exist yet.
std::string destinationOf(const std::string &path) {
  char resolved[PATH_MAX];
  struct stat info;
  if (lstat(path.c_str(), &info) != 0 || !S_ISLNK(info.st_mode))
    return path;
  if (realpath(path.c_str(), resolved))
    return resolved;
  ssize_t length = readlink(path.c_str(), resolved, sizeof(resolved) - 1);
  if (length <= 0)
    return path;
  std::string target(resolved, length);
  size_t slash = path.rfind('/');
  return target[0] == '/' || slash == std::string::npos ? target
                                                        : path.substr(0, slash + 1) + target;
}

/// `count` characters no other process can guess.
std::string unpredictableName(size_t count) {
  static const char alphabet[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  unsigned char bytes[32];
  count = std::min(count, sizeof bytes);
  if (getrandom(bytes, count, 0) != ssize_t(count)) {
    // No entropy source: mix the clock, the process and the stack address.
    uint64_t state =
        uint64_t(getpid()) * 0x9e3779b97f4a7c15ULL ^ uint64_t(uintptr_t(bytes)) ^ uint64_t(clock());
    for (size_t i = 0; i < count; ++i) {
      state = state * 6364136223846793005ULL + 1442695040888963407ULL;
      bytes[i] = static_cast<unsigned char>(state >> 56);
    }
  }
  std::string name;
  for (size_t i = 0; i < count; ++i)
    name.push_back(alphabet[bytes[i] % (sizeof(alphabet) - 1)]);
  return name;
}

/// Makes `folder` and the folders above it that are missing (as `mkdir -p`,
/// the user's umask deciding their modes); false with `error` saying why.
bool makeFolders(const std::string &folder, std::string &error) {
  struct stat info;
  if (stat(folder.c_str(), &info) == 0) {
    if (S_ISDIR(info.st_mode))
      return true;
    error = fmt::format("'{}' is not a folder", folder);
    return false;
  }
  for (size_t slash = folder.find('/', 1); slash != std::string::npos;
       slash = folder.find('/', slash + 1)) {
    std::string prefix = folder.substr(0, slash);
    if (mkdir(prefix.c_str(), 0777) != 0 && errno != EEXIST) {
      error = fmt::format("cannot make folder '{}': {}", prefix, std::strerror(errno));
      return false;
    }
  }
  if (stat(folder.c_str(), &info) != 0 || !S_ISDIR(info.st_mode)) {
    error = fmt::format("cannot make folder '{}'", folder);
    return false;
  }
  return true;
}

} // namespace

bool kq::runtime::checkOutputTarget(const std::string &path, const WriteOptions &options,
                                    std::string &error) {
  struct stat link;
  if (lstat(path.c_str(), &link) == 0 && S_ISLNK(link.st_mode)) {
    if (!options.followSymlinks) {
      error = fmt::format("cannot write '{}': it is a symbolic link", path);
      return false;
    }
    // Another user's link (planted in /tmp, say) could aim anywhere this
    // user may write.
    if (link.st_uid != geteuid()) {
      error = fmt::format("cannot write '{}': it is a symbolic link another user owns", path);
      return false;
    }
  }
  std::string destination = destinationOf(path);
  struct stat info;
  if (stat(destination.c_str(), &info) == 0) {
    if (!S_ISREG(info.st_mode)) {
      error = fmt::format("cannot write '{}': it is {}, not a regular file{}", path,
                          describeFileType(info.st_mode),
                          S_ISDIR(info.st_mode) ? "" : " (kq writes only regular files)");
      return false;
    }
    bool readOnly = (info.st_mode & 0222) == 0 ||
                    faccessat(AT_FDCWD, destination.c_str(), W_OK, AT_EACCESS) != 0;
    if (!options.force && readOnly) {
      error = fmt::format("cannot write '{}': it is read-only (--force replaces it)", path);
      return false;
    }
  } else if (errno != ENOENT) {
    error = fmt::format("cannot write '{}': {}", path, std::strerror(errno));
    return false;
  }
  return !options.guard ||
         options.guard->checkOutput(destination, path, options.sharedWithinRun, error);
}

std::FILE *AtomicFile::open(const std::string &outputPath, const WriteOptions &options,
                            std::string &error) {
  discard();
  path = outputPath;
  if (path == "-")
    return stream = stdout;
  if (!checkOutputTarget(path, options, error))
    return nullptr;
  destination = destinationOf(path);
  struct stat info;
  bool exists = stat(destination.c_str(), &info) == 0;
  mode = exists ? (info.st_mode & 07777) : (options.newFileMode & ~processUmask());

  // A hidden name in the destination's folder, so the rename stays on one
  // file system; O_EXCL so nothing planted there is ever written through.
  size_t slash = destination.rfind('/');
  std::string folder = slash == std::string::npos ? "" : destination.substr(0, slash + 1);
  std::string base = slash == std::string::npos ? destination : destination.substr(slash + 1);
  if (!folder.empty() && !makeFolders(folder, error)) {
    error = fmt::format("cannot write '{}': {}", path, error);
    return nullptr;
  }
  int fd = -1;
  for (int attempt = 0; attempt < 16 && fd < 0; ++attempt) {
    temporary = folder + "." + base + ".kq-" + unpredictableName(12);
    fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0 && errno != EEXIST)
      break;
  }
  if (fd < 0) {
    error = fmt::format("cannot create '{}': {}", path, std::strerror(errno));
    temporary.clear();
    return nullptr;
  }
  TemporaryFiles::add(temporary);
  if (!(stream = fdopen(fd, "w"))) {
    error = fmt::format("cannot create '{}': {}", path, std::strerror(errno));
    close(fd);
    discard();
    return nullptr;
  }
  // Records of many answers add up to megabytes: write them in large
  // blocks rather than stdio's default few kilobytes.
  std::setvbuf(stream, nullptr, _IOFBF, size_t(1) << 20);
  return stream;
}

bool AtomicFile::finish(std::string &error) {
  if (!stream)
    return true;
  bool closed;
  if (stream == stdout) {
    closed = std::fflush(stream) == 0;
  } else {
    // Synced before the rename, so a crash cannot leave an empty file under
    // the destination's name.
    closed = std::fflush(stream) == 0 && fsync(fileno(stream)) == 0;
    closed &= std::fclose(stream) == 0;
  }
  int closeError = errno;
  stream = nullptr;
  if (!closed) {
    error = fmt::format("cannot write '{}': {}", path, std::strerror(closeError));
    discard();
    return false;
  }
  return true;
}

bool AtomicFile::publish(std::string &error) {
  if (!temporary.empty() && (chmod(temporary.c_str(), mode) != 0 ||
                             std::rename(temporary.c_str(), destination.c_str()) != 0)) {
    error = fmt::format("cannot write '{}': {}", path, std::strerror(errno));
    discard();
    return false;
  }
  if (!temporary.empty())
    TemporaryFiles::remove(temporary, /*unlink=*/false);
  temporary.clear();
  return true;
}

void AtomicFile::discard() {
  if (stream && stream != stdout)
    std::fclose(stream);
  stream = nullptr;
  if (!temporary.empty())
    TemporaryFiles::remove(temporary, /*unlink=*/true);
  temporary.clear();
}

bool kq::runtime::writeFileAtomically(const std::string &path, std::string_view contents,
                                      const WriteOptions &options, std::string &error) {
  AtomicFile output;
  std::FILE *out = output.open(path, options, error);
  if (!out)
    return false;
  if (std::fwrite(contents.data(), 1, contents.size(), out) != contents.size()) {
    error = fmt::format("cannot write '{}': {}", path, std::strerror(errno));
    return false;
  }
  return output.commit(error);
}
