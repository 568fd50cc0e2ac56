//===- TruthConnectives.h - The connectives as generated loops --*- C++ -*-===//
//
// A fuzzy twin's conjunctions, disjunctions and negations on dense truth
// vectors become loops in the twin's own function: out[y] = a[y] op b[y]
// over every entity, with the arithmetic of ir/Connectives.h for the
// twin's logic (so the runtime's vectors, which the sparse paths compute,
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

} // namespace mlir::kq

#endif // KQ_BACKEND_KQTORUNTIME_TRUTHCONNECTIVES_H
