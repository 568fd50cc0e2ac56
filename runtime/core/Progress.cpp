//===- Progress.cpp - Counts, rate and time left of long work -------------===//

#include "runtime/core/Progress.h"

#include <algorithm>
#include <cstdio>
#include <unistd.h>

using namespace kq::runtime;

Progress::Progress(std::string label, int64_t total, std::string unit, bool shown)
    : label(std::move(label)), unit(std::move(unit)), total(total),
      enabled(shown && isatty(STDERR_FILENO)), start(std::chrono::steady_clock::now()) {}

Progress::~Progress() {
  if (enabled && shown)
    std::fprintf(stderr, "\r\033[K");
}

void Progress::advance(int64_t amount) {
  int64_t now = done.fetch_add(amount) + amount;
  if (!enabled)
    return;
  std::lock_guard<std::mutex> lock(mutex);
  auto elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (elapsed - lastShown < 0.25 && now < total)
    return;
  lastShown = elapsed;
  shown = true;
  double rate = now / std::max(elapsed, 1e-9);
  std::fprintf(stderr, "\r\033[K%s: %lld/%lld %s, %.0f/s, %.0f s left", label.c_str(),
               static_cast<long long>(now), static_cast<long long>(total), unit.c_str(), rate,
               (total - now) / std::max(rate, 1e-9));
  std::fflush(stderr);
}
