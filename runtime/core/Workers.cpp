//===- Workers.cpp - Spreading independent tasks over the cores -----------===//

#include "runtime/core/Workers.h"

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <exception>
#include <mutex>
#include <system_error>
#include <thread>
#include <vector>

using namespace kq::runtime;

unsigned kq::runtime::workerCount(unsigned requested) {
  return requested > 0 ? requested : std::max(1u, std::thread::hardware_concurrency());
}

void kq::runtime::forEachInParallel(size_t numTasks, unsigned maxWorkers,
                                    const std::function<void(size_t task, unsigned worker)> &task) {
  std::atomic<size_t> next{0};
  std::mutex failureLock;
  std::exception_ptr failure;
  auto work = [&](unsigned worker) {
    try {
      for (size_t i = next++; i < numTasks; i = next++)
        task(i, worker);
    } catch (...) {
      next = numTasks;
      std::lock_guard<std::mutex> guard(failureLock);
      if (!failure)
        failure = std::current_exception();
    }
  };
  unsigned numWorkers = unsigned(std::min<size_t>(std::max(1u, maxWorkers), numTasks));
  std::vector<std::thread> threads;
  for (unsigned worker = 1; worker < numWorkers; ++worker) {
    try {
      threads.emplace_back(work, worker);
    } catch (const std::system_error &) {
      break; // fewer threads than asked: the others share the work
    }
  }
  work(0);
  for (std::thread &thread : threads)
    thread.join();
  if (failure)
    std::rethrow_exception(failure);
}
