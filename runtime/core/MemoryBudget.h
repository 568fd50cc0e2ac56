//===- MemoryBudget.h - How much memory a run may use ---------------------===//
//
// --memory-limit / KQ_MEMORY_LIMIT: the statements that allocate most
// (loading a graph or a model, link prediction) estimate what they need and
// stop with one message before allocating when it is over the budget,
// rather than running the machine out of memory. Running out anyway (under
// `ulimit -v`, say) is caught by core/Failures.h.
//
//===----------------------------------------------------------------------===//
#ifndef KQ_RUNTIME_CORE_MEMORYBUDGET_H
#define KQ_RUNTIME_CORE_MEMORYBUDGET_H

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kq::runtime {

struct MemoryBudget {
  /// Bytes; 0 for no limit.
  uint64_t limit = 0;

  /// Whether `what` may take `bytes`; when not, `error` says how much it
  /// needs against the limit.
  bool allows(uint64_t bytes, std::string_view what, std::string &error) const;
};

/// SIZE in bytes, with an optional K, M or G suffix (powers of 1024);
/// nothing when it is not a positive size.
std::optional<uint64_t> parseMemorySize(std::string_view text);

} // namespace kq::runtime

#endif // KQ_RUNTIME_CORE_MEMORYBUDGET_H
