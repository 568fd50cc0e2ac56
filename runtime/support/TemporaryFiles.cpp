//===- TemporaryFiles.cpp - Temporaries removed when a signal ends the run ===//

#include "runtime/support/TemporaryFiles.h"

#include <atomic>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <unistd.h>

namespace {

// A fixed table of strdup'ed paths: the handler may only read memory and
// call async-signal-safe functions (unlink, sigaction, raise).
constexpr int kSlots = 256;
std::atomic<char *> slots[kSlots];
std::mutex tableLock; // writers only; the handler reads the atomics

constexpr int kSignals[] = {SIGINT, SIGTERM, SIGHUP};
struct sigaction previous[3];

void removeRegistered() {
  for (std::atomic<char *> &slot : slots)
    if (char *path = slot.exchange(nullptr))
      ::unlink(path); // the string leaks: free is not async-signal-safe
}

void onSignal(int signal) {
  removeRegistered();
  for (int i = 0; i < 3; ++i)
    if (kSignals[i] == signal) {
      sigaction(signal, &previous[i], nullptr);
      break;
    }
  raise(signal);
}

void installHandlers() {
  struct sigaction action;
  std::memset(&action, 0, sizeof action);
  action.sa_handler = onSignal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESETHAND;
  for (int i = 0; i < 3; ++i) {
    sigaction(kSignals[i], nullptr, &previous[i]);
    // A signal the process ignores stays ignored.
    if (previous[i].sa_handler != SIG_IGN)
      sigaction(kSignals[i], &action, nullptr);
  }
}

} // namespace

void kq::runtime::TemporaryFiles::add(const std::string &path) {
  static std::once_flag installed;
  std::call_once(installed, installHandlers);
  std::lock_guard<std::mutex> guard(tableLock);
  for (std::atomic<char *> &slot : slots)
    if (!slot.load()) {
      slot.store(strdup(path.c_str()));
      return;
    }
  // A full table only loses the clean-up on a signal, not the write.
}

void kq::runtime::TemporaryFiles::remove(const std::string &path, bool unlink) {
  {
    std::lock_guard<std::mutex> guard(tableLock);
    for (std::atomic<char *> &slot : slots) {
      char *registered = slot.load();
      // Freed only when taken from the slot here: a signal handler, or
      // removeAll on another thread, may have taken it first.
      if (registered && path == registered && slot.compare_exchange_strong(registered, nullptr)) {
        std::free(registered);
        break;
      }
    }
  }
  if (unlink)
    ::unlink(path.c_str());
}

void kq::runtime::TemporaryFiles::removeAll() { removeRegistered(); }
