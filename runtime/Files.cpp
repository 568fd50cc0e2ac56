//===- Files.cpp - Reading whole files ------------------------------------===//

#include "runtime/Files.h"

#include <cerrno>
#include <cstdio>
#include <sys/stat.h>

bool kq::runtime::readWholeFile(const std::string &path, std::string &contents) {
  std::FILE *file = std::fopen(path.c_str(), "rb");
  if (!file)
    return false;
  struct stat info;
  bool ok = fstat(fileno(file), &info) == 0;
  if (ok && S_ISREG(info.st_mode)) {
    contents.resize(static_cast<size_t>(info.st_size));
    ok = std::fread(contents.data(), 1, contents.size(), file) == contents.size();
  } else if (ok) {
    // A pipe or a device: read until its end.
    contents.clear();
    char buffer[1 << 16];
    size_t read;
    while ((read = std::fread(buffer, 1, sizeof buffer, file)) > 0)
      contents.append(buffer, read);
    ok = !std::ferror(file);
  }
  std::fclose(file);
  if (!ok && errno == 0)
    errno = EIO;
  return ok;
}
