//===- TemporaryFiles.h - Temporaries removed when a signal ends the run --===//
//
// The temporaries of AtomicFile (and of kqc's object files) are registered
// here while they exist. The first registration installs handlers for
// SIGINT, SIGTERM and SIGHUP that remove every registered temporary and
// then hand the signal on: to the handler that was there before, or to the
// default action, so the process still ends as the signal says. An
// interrupted run leaves nothing behind.
//
// This is the one process-wide table of the runtime: signals are delivered
// to the process, not to a run.
//
//===----------------------------------------------------------------------===//
#ifndef KQ_RUNTIME_SUPPORT_TEMPORARYFILES_H
#define KQ_RUNTIME_SUPPORT_TEMPORARYFILES_H

#include <string>

namespace kq::runtime::TemporaryFiles {

/// Registers `path` for removal should a signal end the process.
void add(const std::string &path);
/// Unregisters `path`, removing the file when `unlink`.
void remove(const std::string &path, bool unlink);
/// Removes every registered temporary now (out of memory: the process is
/// about to exit).
void removeAll();

} // namespace kq::runtime::TemporaryFiles

#endif // KQ_RUNTIME_SUPPORT_TEMPORARYFILES_H
