//===- TruthConnectives.h - The connectives as generated loops --*- C++ -*-===//
//
// A fuzzy twin's conjunctions, disjunctions, negations, guards and
// existential maxima on dense truth vectors become loops in the twin's own
// function (out[y] = a[y] op b[y] over every entity, and the like), with the arithmetic of
// ir/Connectives.h for the twin's logic (so the runtime's vectors, which the sparse paths compute,
// and the generated ones agree bit for bit), which LLVM vectorises.
//
//===----------------------------------------------------------------------===//
#ifndef KQ_BACKEND_KQTORUNTIME_TRUTHCONNECTIVES_H
#define KQ_BACKEND_KQTORUNTIME_TRUTHCONNECTIVES_H

#include "ir/Logic.h"

#include "mlir/IR/Builders.h"

namespace mlir::kq {

enum class Connective { And, Or, AndNot, Not };

/// The connective on two f64 degrees (`b` unused for Not).
Value emitConnective(OpBuilder &builder, Location loc, Logic logic, Connective connective, Value a,
                     Value b);

/// for y in [0, size): out[y] = connective(a[y], b[y]), on f64 arrays
/// given as !llvm.ptr (`b` null for Not); `size` is an i64.
void emitConnectiveLoop(OpBuilder &builder, Location loc, Logic logic, Connective connective,
                        Value a, Value b, Value out, Value size);

/// for y: out[y] = T(a[y], scalar), `scalar` an f64: a guard's value
/// conjoined with how far its condition holds.
void emitScalarConjunctionLoop(OpBuilder &builder, Location loc, Logic logic, Value a, Value scalar,
                               Value out, Value size);

/// for y: accumulator[y] = max(accumulator[y], T(weight, value[y])): one
/// candidate's step of an existential maximum (a kq.foreach).
void emitExistentialMaxLoop(OpBuilder &builder, Location loc, Logic logic, Value weight,
                            Value value, Value accumulator, Value size);

/// max(0, the largest of degrees[0 .. size)), an f64.
Value emitMaximum(OpBuilder &builder, Location loc, Value degrees, Value size);

} // namespace mlir::kq

#endif // KQ_BACKEND_KQTORUNTIME_TRUTHCONNECTIVES_H
