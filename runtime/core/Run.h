//===- Run.h - Running a compiled program with its output -----------------===//
//
// What every host does around a program's entry point, the JIT in kqc and
// the main() of executables that `kqc build` links alike: open the output
// (standard output, or a file written through support/AtomicFile.h), run,
// and report a failure as one message.
//
//===----------------------------------------------------------------------===//
#ifndef KQ_RUNTIME_CORE_RUN_H
#define KQ_RUNTIME_CORE_RUN_H

#include "runtime/Runtime.h"
#include "runtime/core/RunOptions.h"

#include <string>

namespace kq::runtime {

/// Exit statuses shared by kqc and built executables.
constexpr int kExitSuccess = 0;
constexpr int kExitRuntimeError = 2;

/// Runs `entry` as `options` say. On failure returns kExitRuntimeError
/// with the message in `error`; a partial output file is removed.
int runProgram(kq_program_main entry, RunOptions options, std::string &error);

} // namespace kq::runtime

#endif // KQ_RUNTIME_CORE_RUN_H
