//===- Workers.h - Spreading independent tasks over the cores -------------===//
#ifndef KQ_RUNTIME_CORE_WORKERS_H
#define KQ_RUNTIME_CORE_WORKERS_H

#include <cstddef>
#include <functional>

namespace kq::runtime {

/// How many threads work: every core, or $KQ_THREADS when it is set.
unsigned workerCount();

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
