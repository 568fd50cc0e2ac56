//===- Logic.h - The logics kq values compute under ------------*- C++ -*-===//
//
// One small interface for the semantics of the connectives, so that the
// folders and passes ask "does this law hold here?" instead of testing for
// fuzziness: a query computes on `!kq.set` (Boolean) or on
// `!kq.truth<LOGIC>` (a fuzzy logic named by its t-norm).
//
//===----------------------------------------------------------------------===//
#ifndef KQ_IR_LOGIC_H
#define KQ_IR_LOGIC_H

#include "ir/KQDialect.h"

namespace mlir::kq {

/// The algebraic laws a logic satisfies beyond those every t-norm logic has
/// (commutativity, associativity, identities 1 and 0, De Morgan with the
/// dual t-conorm and `1 - x`, double negation, monotonicity).
struct LogicLaws {
  /// `a & a == a` and `a | a == a`. For t-norms this holds only for min,
  /// and with it come absorption (`a & (a | b) == a`), distributivity and
  /// `p(a) | p(b) == p(a | b)` for projections (max over max).
  bool idempotent;
  /// `a & !a == 0`: a set minus itself is empty.
  bool nonContradiction;
  /// `a | !a == 1`. No fold uses it yet (a union with a complement of its
  /// own input is rare in planned queries); LogicTest checks it.
  bool excludedMiddle;
};

/// The laws of `logic`.
LogicLaws lawsOf(Logic logic);

/// The logic a query value computes under: Boolean for `!kq.set`.
Logic logicOf(Type type);

/// The laws that hold for values of `type`.
inline LogicLaws lawsOf(Type type) { return lawsOf(logicOf(type)); }

/// `!kq.set` for Boolean, `!kq.truth<logic>` otherwise.
Type queryValueType(MLIRContext *context, Logic logic);

/// The connectives on truth degrees in [0, 1] (0 and 1 for Boolean): the
/// definition the dialect's descriptions refer to, which the laws above are
/// checked against (test/unittests/IR/LogicTest.cpp); ir/Connectives.h,
/// which the runtime computes fuzzy twins with, defines them.
double conjoin(Logic logic, double a, double b);
double disjoin(Logic logic, double a, double b);
inline double negate(double a) { return 1.0 - a; }

} // namespace mlir::kq

#endif // KQ_IR_LOGIC_H
