//===- ExecutableMain.cpp - main() of executables built by `kqc build` ----===//
//
//   PROGRAM [-o FILE]
//
// Runs the program compiled into this executable, printing what `kqc run`
// prints for it, with the same exit statuses.
//
//===----------------------------------------------------------------------===//

#include "runtime/Run.h"

#include <cstdio>
#include <cstring>
#include <string>

extern "C" void kq_main(kq_context *ctx);

int main(int argc, char **argv) {
  std::string outputPath = "-";
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "-o") == 0 && i + 1 < argc) {
      outputPath = argv[++i];
    } else {
      std::fprintf(stderr, "usage: %s [-o FILE]\n", argv[0]);
      return 1;
    }
  }
  std::string error;
  int status = kq::runtime::runProgram(&kq_main, outputPath, {}, error);
  if (status != kq::runtime::kExitSuccess)
    std::fprintf(stderr, "%s: error: %s\n", argv[0], error.c_str());
  return status;
}
