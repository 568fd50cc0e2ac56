//===- Adapters.cpp - What the C ABI's adapters share ---------------------===//

#include "runtime/abi/Adapters.h"

#include <fmt/format.h>

std::optional<uint32_t> kq::runtime::lookupName(kq_view *view, const Dictionary &dictionary,
                                                std::string_view name, const char *what) {
  if (auto id = dictionary.lookup(name))
    return id;
  view->context->fail(fmt::format("graph '{}' has no {} named '{}'", view->graphName, what, name));
  return std::nullopt;
}

std::vector<std::string_view> kq::runtime::unpackNames(int32_t count, const char *packed) {
  std::vector<std::string_view> names;
  for (int32_t i = 0; i < count; ++i) {
    names.emplace_back(packed);
    packed += names.back().size() + 1;
  }
  return names;
}
