//===- Workers.h - Spreading independent tasks over the cores -------------===//
#ifndef KQ_RUNTIME_CORE_WORKERS_H
#define KQ_RUNTIME_CORE_WORKERS_H

#include <cstddef>
#include <functional>

namespace kq::runtime {

/// How a run spreads its work: over `threads` threads (0: one a core), with
/// progress on standard error when `progress` and it is a terminal. Part of
/// RunOptions; passed on to the parts that do the work.
struct WorkOptions {
  unsigned threads = 0;
  bool progress = true;
};

/// How many threads work: `requested`, or one a core when it is 0.
unsigned workerCount(unsigned requested);

/// Runs `task(i, worker)` for every i below `numTasks`, each exactly once,
/// on at most `maxWorkers` threads (the calling one included), taking the
/// tasks in order as threads become free; `worker` (below the number of
/// threads) tells the threads apart. Fewer threads when no more can be
/// created. An exception in any task stops the rest; every thread is
/// joined, then the first exception is rethrown on the calling thread.
void forEachInParallel(size_t numTasks, unsigned maxWorkers,
                       const std::function<void(size_t task, unsigned worker)> &task);

} // namespace kq::runtime

#endif // KQ_RUNTIME_CORE_WORKERS_H
