//===- Adapters.h - What the C ABI's adapters share -----------------------===//
//
// The C functions of runtime/abi/ are thin adapters: they check the sticky
// error, decode the ABI's packed arguments, and call the C++ runtime. These
// are the pieces more than one of them needs.
//
//===----------------------------------------------------------------------===//
#ifndef KQ_RUNTIME_ABI_ADAPTERS_H
#define KQ_RUNTIME_ABI_ADAPTERS_H

#include "runtime/core/Context.h"

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace kq::runtime {

/// Whether calls on `view` should do anything: it exists and the run has
/// not failed.
inline bool usable(kq_view *view) { return view && !view->context->failed(); }

/// Looks a name up in a view's graph, failing the run when it is unknown.
std::optional<uint32_t> lookupName(kq_view *view, const Dictionary &dictionary,
                                   std::string_view name, const char *what);

/// `count` names, each ended by a NUL byte; views of `packed`.
std::vector<std::string_view> unpackNames(int32_t count, const char *packed);

} // namespace kq::runtime

#endif // KQ_RUNTIME_ABI_ADAPTERS_H
