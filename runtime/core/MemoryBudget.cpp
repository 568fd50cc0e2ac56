//===- MemoryBudget.cpp - How much memory a run may use -------------------===//

#include "runtime/core/MemoryBudget.h"

#include <fmt/format.h>

#include <cctype>
#include <charconv>

using namespace kq::runtime;

bool MemoryBudget::allows(uint64_t bytes, std::string_view what, std::string &error) const {
  if (limit == 0 || bytes <= limit)
    return true;
  constexpr double kMiB = 1024.0 * 1024.0;
  error = fmt::format("{} needs about {:.0f} MiB, more than the memory limit of {:.0f} MiB "
                      "(--memory-limit or KQ_MEMORY_LIMIT)",
                      what, double(bytes) / kMiB, double(limit) / kMiB);
  return false;
}

std::optional<uint64_t> kq::runtime::parseMemorySize(std::string_view text) {
  uint64_t scale = 1;
  if (!text.empty()) {
    switch (std::tolower(static_cast<unsigned char>(text.back()))) {
    case 'k':
      scale = uint64_t(1) << 10;
      break;
    case 'm':
      scale = uint64_t(1) << 20;
      break;
    case 'g':
      scale = uint64_t(1) << 30;
      break;
    default:
      scale = 0;
    }
    if (scale)
      text.remove_suffix(1);
    else
      scale = 1;
  }
  uint64_t value = 0;
  auto [end, problem] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || problem != std::errc() || end != text.data() + text.size() || value == 0 ||
      value > UINT64_MAX / scale)
    return std::nullopt;
  return value * scale;
}
