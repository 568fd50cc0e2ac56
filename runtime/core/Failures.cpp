//===- Failures.cpp - Ending a process that ran out of memory -------------===//

#include "runtime/core/Failures.h"
#include "runtime/core/Run.h"
#include "runtime/support/TemporaryFiles.h"

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstring>
#include <exception>
#include <new>
#include <string>
#include <system_error>
#include <unistd.h>

namespace {

const char *programName = "kq";
const char *const *currentPhase = nullptr;
constexpr int kExitInternalError = 3;

/// Several threads can fail at once: the first one says so and ends the
/// process, the others wait for its _exit rather than print again.
std::atomic_flag ending = ATOMIC_FLAG_INIT;
void waitUnlessFirstToEnd() {
  if (ending.test_and_set())
    for (;;)
      pause();
}

const char *phase() { return currentPhase && *currentPhase ? *currentPhase : "running"; }

void onNewFailure() { kq::runtime::exitOutOfMemory(nullptr); }

void onUncaughtException() {
  kq::runtime::TemporaryFiles::removeAll();
  std::string what = "an unknown exception";
  bool resources = false;
  try {
    if (std::exception_ptr current = std::current_exception())
      std::rethrow_exception(current);
  } catch (const std::bad_alloc &) {
    resources = true;
  } catch (const std::system_error &failure) {
    resources = failure.code() == std::errc::resource_unavailable_try_again;
    what = failure.what();
  } catch (const std::exception &failure) {
    what = failure.what();
  } catch (...) {
  }
  if (resources)
    kq::runtime::exitOutOfMemory(what.c_str());
  waitUnlessFirstToEnd();
  std::fprintf(stderr, "%s: internal error while %s: %s\n", programName, phase(), what.c_str());
  _exit(kExitInternalError);
}

} // namespace

void kq::runtime::exitOutOfMemory(const char *detail) {
  waitUnlessFirstToEnd();
  TemporaryFiles::removeAll();
  // No allocation here: memory has run out.
  char message[512];
  int length = std::snprintf(message, sizeof message, "%s: error: out of memory while %s%s%s%s\n",
                             programName, phase(), detail ? " (" : "", detail ? detail : "",
                             detail ? ")" : "");
  if (length > 0)
    (void)!write(2, message, std::min<size_t>(size_t(length), sizeof message - 1));
  _exit(kExitRuntimeError);
}

void kq::runtime::installFailureHandlers(const char *program, const char *const *phase) {
  programName = program;
  currentPhase = phase;
  std::set_new_handler(onNewFailure);
  std::set_terminate(onUncaughtException);
}
