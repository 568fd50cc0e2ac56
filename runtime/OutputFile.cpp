//===- OutputFile.cpp - Files that appear complete or not at all ----------===//

#include "runtime/OutputFile.h"

#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <sys/stat.h>
#include <unistd.h>

using namespace kq::runtime;

namespace {

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

} // namespace

std::FILE *OutputFile::open(const std::string &outputPath, std::string &error) {
  path = outputPath;
  if (path == "-")
    return stream = stdout;
  destination = destinationOf(path);
  struct stat info;
  bool exists = stat(destination.c_str(), &info) == 0;
  if (exists && !S_ISREG(info.st_mode)) {
    // A pipe or a device is written as it is; it cannot be replaced.
    stream = std::fopen(destination.c_str(), "w");
    if (!stream)
      error = "cannot write '" + path + "': " + std::strerror(errno);
    return stream;
  }
  // It gets the mode the file it replaces had, else the umask's.
  std::string pattern = destination + ".tmp-XXXXXX";
  int fd = mkstemp(pattern.data());
  mode_t mask = umask(0);
  umask(mask);
  mode_t mode = exists ? (info.st_mode & 07777) : (0666 & ~mask);
  if (fd < 0 || fchmod(fd, mode) != 0 || !(stream = fdopen(fd, "w"))) {
    error = "cannot create '" + path + "': " + std::strerror(errno);
    if (fd >= 0) {
      close(fd);
      std::remove(pattern.c_str());
    }
    return nullptr;
  }
  temporary = pattern;
  // Records of many answers add up to megabytes: write them in large
  // blocks rather than stdio's default few kilobytes.
  std::setvbuf(stream, nullptr, _IOFBF, size_t(1) << 20);
  return stream;
}

bool OutputFile::commit(std::string &error) {
  bool closed = stream == stdout ? std::fflush(stream) == 0 : std::fclose(stream) == 0;
  stream = nullptr;
  if (!closed) {
    error = "cannot write '" + path + "'";
    discard();
    return false;
  }
  if (!temporary.empty() && std::rename(temporary.c_str(), destination.c_str()) != 0) {
    error = "cannot write '" + path + "': " + std::strerror(errno);
    discard();
    return false;
  }
  temporary.clear();
  return true;
}

void OutputFile::discard() {
  if (stream && stream != stdout)
    std::fclose(stream);
  stream = nullptr;
  if (!temporary.empty())
    std::remove(temporary.c_str());
  temporary.clear();
}
