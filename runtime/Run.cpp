//===- Run.cpp - Running a compiled program with its output ---------------===//

#include "runtime/Run.h"
#include "runtime/Context.h"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <unistd.h>

using namespace kq::runtime;

int kq::runtime::runProgram(kq_program_main entry, const std::string &outputPath,
                            std::map<std::string, std::unique_ptr<Graph>> graphs,
                            std::string &error) {
  std::FILE *out = stdout;
  std::string temporary;
  if (outputPath != "-") {
    // Beside the destination, so the final rename stays on one file system.
    std::string pattern = outputPath + ".tmp-XXXXXX";
    int fd = mkstemp(pattern.data());
    if (fd < 0 || !(out = fdopen(fd, "w"))) {
      error = "cannot create '" + outputPath + "': " + std::strerror(errno);
      if (fd >= 0)
        close(fd);
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
    if (!context.failed() && std::rename(temporary.c_str(), outputPath.c_str()) != 0)
      context.fail("cannot write '" + outputPath + "': " + std::strerror(errno));
    if (context.failed())
      std::remove(temporary.c_str());
  }
  if (!context.failed())
    return kExitSuccess;
  error = context.error();
  return kExitRuntimeError;
}
