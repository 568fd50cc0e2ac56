//===- Run.cpp - Running a compiled program with its output ---------------===//

#include "runtime/Run.h"
#include "runtime/Context.h"
#include "runtime/OutputFile.h"

using namespace kq::runtime;

int kq::runtime::runProgram(kq_program_main entry, const std::string &outputPath,
                            std::map<std::string, std::unique_ptr<Graph>> graphs,
                            std::string &error) {
  OutputFile output;
  std::FILE *out = output.open(outputPath, error);
  if (!out)
    return kExitRuntimeError;
  Context context(out);
  context.adoptGraphs(std::move(graphs));
  entry(context.handle());
  if (context.failed()) {
    output.discard();
    error = context.error();
    return kExitRuntimeError;
  }
  return output.commit(error) ? kExitSuccess : kExitRuntimeError;
}
