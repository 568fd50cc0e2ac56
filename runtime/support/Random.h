//===- Random.h - The random numbers of sampling and quizzes --------------===//
#ifndef KQ_RUNTIME_SUPPORT_RANDOM_H
#define KQ_RUNTIME_SUPPORT_RANDOM_H

#include <cstdint>

namespace kq::runtime {

/// SplitMix64: small, fast, and the same sequence on every platform.
class Random {
public:
  explicit Random(uint64_t seed) : state(seed) {}
  uint64_t next() {
    uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  /// Uniform in [0, bound), bound > 0 (rejection keeps it unbiased).
  uint64_t below(uint64_t bound) {
    uint64_t limit = UINT64_MAX - UINT64_MAX % bound;
    uint64_t value;
    do
      value = next();
    while (value >= limit);
    return value % bound;
  }

private:
  uint64_t state;
};

} // namespace kq::runtime

#endif // KQ_RUNTIME_SUPPORT_RANDOM_H
