//===- Run.cpp - Running a compiled program with its output ---------------===//

#include "runtime/Run.h"
#include "runtime/Context.h"

#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <sys/stat.h>
#include <unistd.h>

using namespace kq::runtime;

int kq::runtime::runProgram(kq_program_main entry, const std::string &outputPath,
                            std::map<std::string, std::unique_ptr<Graph>> graphs,
                            std::string &error) {
  std::FILE *out = stdout;
  std::string temporary, destination = outputPath;
  // A symbolic link is written through, to the file it names, even when
  // that file does not exist yet.
  char resolved[PATH_MAX];
  struct stat info;
  if (outputPath != "-" && lstat(outputPath.c_str(), &info) == 0 && S_ISLNK(info.st_mode)) {
    if (realpath(outputPath.c_str(), resolved)) {
      destination = resolved;
    } else {
      ssize_t length = readlink(outputPath.c_str(), resolved, sizeof(resolved) - 1);
      if (length > 0) {
        std::string target(resolved, length);
        size_t slash = outputPath.rfind('/');
        destination = target[0] == '/' || slash == std::string::npos
                          ? target
                          : outputPath.substr(0, slash + 1) + target;
      }
    }
  }
  bool exists = outputPath != "-" && stat(destination.c_str(), &info) == 0;
  bool special = exists && !S_ISREG(info.st_mode);
  if (special) {
    // A pipe or a device is written as it is; it cannot be replaced.
    out = std::fopen(destination.c_str(), "w");
    if (!out) {
      error = "cannot write '" + outputPath + "': " + std::strerror(errno);
      return kExitRuntimeError;
    }
  } else if (outputPath != "-") {
    // A regular file is written beside the destination under a temporary
    // name and renamed only when the run succeeds.
    // It gets the mode the file it replaces had, else the umask's.
    std::string pattern = destination + ".tmp-XXXXXX";
    int fd = mkstemp(pattern.data());
    mode_t mask = umask(0);
    umask(mask);
    mode_t mode = exists ? (info.st_mode & 07777) : (0666 & ~mask);
    if (fd < 0 || fchmod(fd, mode) != 0 || !(out = fdopen(fd, "w"))) {
      error = "cannot create '" + outputPath + "': " + std::strerror(errno);
      if (fd >= 0) {
        close(fd);
        std::remove(pattern.c_str());
      }
      return kExitRuntimeError;
    }
    temporary = pattern;
  }
  Context context(out);
  context.adoptGraphs(std::move(graphs));
  entry(context.handle());
  bool closed = out == stdout ? std::fflush(out) == 0 : std::fclose(out) == 0;
  if (!closed)
    context.fail("cannot write '" + outputPath + "'");
  if (!temporary.empty()) {
    if (!context.failed() && std::rename(temporary.c_str(), destination.c_str()) != 0)
      context.fail("cannot write '" + outputPath + "': " + std::strerror(errno));
    if (context.failed())
      std::remove(temporary.c_str());
  }
  if (!context.failed())
    return kExitSuccess;
  error = context.error();
  return kExitRuntimeError;
}
