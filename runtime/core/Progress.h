//===- Progress.h - Counts, rate and time left of long work ---------------===//
#ifndef KQ_RUNTIME_CORE_PROGRESS_H
#define KQ_RUNTIME_CORE_PROGRESS_H

#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>

namespace kq::runtime {

/// Shows `label: done/total UNIT, rate/s, time left` on standard error,
/// redrawn at most four times a second, only when standard error is a
/// terminal and `shown` (RunOptions' progress); the line is cleared when the
/// work is done. Safe to advance from several threads.
class Progress {
public:
  Progress(std::string label, int64_t total, std::string unit, bool shown);
  ~Progress();
  void advance(int64_t amount);

private:
  std::string label, unit;
  int64_t total;
  bool enabled;
  std::chrono::steady_clock::time_point start;
  std::atomic<int64_t> done{0};
  std::mutex mutex;
  double lastShown = -1;
  bool shown = false;
};

} // namespace kq::runtime

#endif // KQ_RUNTIME_CORE_PROGRESS_H
