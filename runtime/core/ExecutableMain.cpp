//===- ExecutableMain.cpp - main() of executables built by `kqc build` ----===//
//
//   PROGRAM [-o FILE] [--force]
//
// Runs the program compiled into this executable, printing what `kqc run`
// prints for it, with the same exit statuses. Graphs are cached only where
// KQ_CACHE_DIR says.
//
//===----------------------------------------------------------------------===//

#include "runtime/core/Failures.h"
#include "runtime/core/Run.h"

#include <cstdio>
#include <cstring>
#include <exception>
#include <new>
#include <string>
#include <unistd.h>

extern "C" void kq_main(kq_context *ctx);

int main(int argc, char **argv) {
  static const char *const phase = "running the program";
  kq::runtime::installFailureHandlers(argv[0], &phase);
  kq::runtime::RunOptions options;
  if (std::string problem = kq::runtime::applyEnvironment(options); !problem.empty()) {
    std::fprintf(stderr, "%s: error: %s\n", argv[0], problem.c_str());
    return 1;
  }
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "-o") == 0 && i + 1 < argc) {
      options.outputPath = argv[++i];
    } else if (std::strcmp(argv[i], "--force") == 0) {
      options.force = true;
    } else {
      std::fprintf(stderr, "usage: %s [-o FILE] [--force]\n", argv[0]);
      return 1;
    }
  }
  std::string error;
  int status = kq::runtime::runProgram(&kq_main, std::move(options), error);
  if (status != kq::runtime::kExitSuccess)
    std::fprintf(stderr, "%s: error: %s\n", argv[0], error.c_str());
  return status;
}
