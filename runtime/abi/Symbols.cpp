//===- Symbols.cpp - The runtime's C entry points by name -----------------===//
//
// The JIT's symbol table, from the one list of runtime functions. Taking
// each function's address makes one declared but not defined a link error.
//
//===----------------------------------------------------------------------===//

#include "runtime/core/Context.h"

std::vector<std::pair<const char *, void *>> kq::runtime::runtimeSymbols() {
  return {
#define KQ_RUNTIME_FUNCTION(RESULT, NAME, PARAMETERS) {#NAME, reinterpret_cast<void *>(&::NAME)},
#include "runtime/RuntimeFunctions.def"
  };
}
