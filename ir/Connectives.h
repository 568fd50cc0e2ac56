//===- Connectives.h - The connectives on truth degrees ---------*- C++ -*-===//
//
// The t-norm and t-conorm of each logic on degrees in [0, 1] (0 and 1 for
// Boolean), without MLIR: the definition ir/Logic.h's laws are checked
// against (test/unittests/IR/LogicTest.cpp) and that the runtime computes
// fuzzy twins with (runtime/neural/FuzzyWorker.h), so the two cannot differ.
//
//===----------------------------------------------------------------------===//
#ifndef KQ_IR_CONNECTIVES_H
#define KQ_IR_CONNECTIVES_H

#include "ir/KQOptions.h"

namespace kq::connectives {

inline double conjoin(options::Logic logic, double a, double b) {
  switch (logic) {
  case options::Logic::product:
    return a * b;
  case options::Logic::lukasiewicz:
    return a + b - 1.0 > 0.0 ? a + b - 1.0 : 0.0;
  default: // boolean, godel
    return a < b ? a : b;
  }
}

inline double disjoin(options::Logic logic, double a, double b) {
  switch (logic) {
  case options::Logic::product:
    return a + b - a * b;
  case options::Logic::lukasiewicz:
    return a + b < 1.0 ? a + b : 1.0;
  default: // boolean, godel
    return a > b ? a : b;
  }
}

} // namespace kq::connectives

#endif // KQ_IR_CONNECTIVES_H
