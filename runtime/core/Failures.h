//===- Failures.h - Ending a process that ran out of memory ---------------===//
//
// What hosts (kqc, built executables) install so that running out of
// memory or threads ends the process with one message and exit status 2,
// temporaries removed, rather than with an abort: a new-handler, and a
// terminate handler for an exception nothing caught.
//
//===----------------------------------------------------------------------===//
#ifndef KQ_RUNTIME_CORE_FAILURES_H
#define KQ_RUNTIME_CORE_FAILURES_H

namespace kq::runtime {

/// Installs the handlers. Messages read "PROGRAM: error: out of memory
/// while PHASE"; `*phase` is read when a failure happens, so the host can
/// keep it current.
void installFailureHandlers(const char *program, const char *const *phase);

/// Ends the process now: "out of memory while PHASE", exit status 2.
[[noreturn]] void exitOutOfMemory(const char *detail);

} // namespace kq::runtime

#endif // KQ_RUNTIME_CORE_FAILURES_H
