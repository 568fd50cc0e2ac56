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
  bool outputGiven = false;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--help") == 0 || std::strcmp(argv[i], "-h") == 0) {
      std::printf("usage: %s [-o FILE] [--force]\n\n"
                  "Runs the kq program compiled into this executable and writes its JSON Lines\n"
                  "records to standard output, or to FILE (complete or not at all).\n\n"
                  "  -o FILE   write the records to FILE\n"
                  "  --force   replace FILE even when it is read-only\n\n"
                  "Environment: KQ_CACHE_DIR, KQ_CACHE_KEY, KQ_REPLY_CACHE_DIR, KQ_THREADS,\n"
                  "KQ_MEMORY_LIMIT, KQ_STATS. Exit status: 0 success, 1 wrong usage, 2 a run-time\n"
                  "failure.\n",
                  argv[0]);
      return 0;
    }
    if (std::strcmp(argv[i], "-o") == 0 && i + 1 < argc) {
      if (outputGiven) {
        std::fprintf(stderr, "%s: error: -o is given twice; name one output\n", argv[0]);
        return 1;
      }
      outputGiven = true;
      options.outputPath = argv[++i];
    } else if (std::strcmp(argv[i], "--force") == 0) {
      options.force = true;
    } else {
      std::fprintf(stderr, "usage: %s [-o FILE] [--force] (--help says more)\n", argv[0]);
      return 1;
    }
  }
  std::string error;
  int status = kq::runtime::runProgram(&kq_main, std::move(options), error);
  if (status != kq::runtime::kExitSuccess)
    std::fprintf(stderr, "%s: error: %s\n", argv[0], error.c_str());
  return status;
}
