//===- Run.cpp - Running a compiled program with its output ---------------===//

#include "runtime/core/Run.h"
#include "runtime/core/Context.h"
#include "runtime/support/AtomicFile.h"

using namespace kq::runtime;

int kq::runtime::runProgram(kq_program_main entry, RunOptions options, std::string &error) {
  FileGuard guard;
  for (const std::string &input : options.inputs)
    guard.addInput(input);
  AtomicFile output;
  WriteOptions write;
  write.force = options.force;
  write.guard = &guard;
  std::FILE *out = output.open(options.outputPath, write, error);
  if (!out)
    return kExitRuntimeError;
  Context context(out, std::move(options), guard);
  entry(context.handle());
  if (context.failed()) {
    output.discard();
    error = context.error();
    return kExitRuntimeError;
  }
  return output.commit(error) ? kExitSuccess : kExitRuntimeError;
}
