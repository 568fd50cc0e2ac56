//===- Files.cpp - Reading whole files ------------------------------------===//

#include "runtime/support/Files.h"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

bool kq::runtime::isPrivateFolder(const std::string &folder) {
  struct stat info;
  return lstat(folder.c_str(), &info) == 0 && S_ISDIR(info.st_mode) && info.st_uid == geteuid() &&
         (info.st_mode & 022) == 0;
}

const char *kq::runtime::describeFileType(mode_t mode) {
  if (S_ISDIR(mode))
    return "a folder";
  if (S_ISFIFO(mode))
    return "a FIFO";
  if (S_ISCHR(mode))
    return "a character device";
  if (S_ISBLK(mode))
    return "a block device";
  if (S_ISSOCK(mode))
    return "a socket";
  if (S_ISLNK(mode))
    return "a symbolic link";
  return "a regular file";
}

int kq::runtime::openRegularFile(const std::string &path, std::string &reason) {
  // O_NONBLOCK: opening a FIFO must not wait for a writer.
  int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    reason = std::strerror(errno);
    return -1;
  }
  struct stat info;
  if (fstat(fd, &info) != 0) {
    reason = std::strerror(errno);
    ::close(fd);
    return -1;
  }
  if (S_ISDIR(info.st_mode)) {
    reason = std::strerror(EISDIR);
    ::close(fd);
    return -1;
  }
  if (!S_ISREG(info.st_mode)) {
    reason = fmt::format("it is {}, not a regular file", describeFileType(info.st_mode));
    ::close(fd);
    return -1;
  }
  int flags = fcntl(fd, F_GETFL);
  if (flags >= 0)
    fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
  return fd;
}

bool kq::runtime::readWholeFile(const std::string &path, std::string &contents,
                                std::string &reason) {
  int fd = openRegularFile(path, reason);
  if (fd < 0)
    return false;
  struct stat info;
  bool ok = fstat(fd, &info) == 0;
  if (ok) {
    contents.resize(static_cast<size_t>(info.st_size));
    size_t done = 0;
    while (ok && done < contents.size()) {
      ssize_t read = ::read(fd, contents.data() + done, contents.size() - done);
      if (read < 0 && errno == EINTR)
        continue;
      if (read <= 0) {
        // The file shrank while being read, or the read failed.
        ok = read == 0 ? (contents.resize(done), true) : false;
        break;
      }
      done += size_t(read);
    }
  }
  if (!ok)
    reason = std::strerror(errno ? errno : EIO);
  ::close(fd);
  return ok;
}
