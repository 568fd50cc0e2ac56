//===- KQPatterns.td - Declarative rewrites on kq ops ------*- tablegen -*-===//
//
// Simple algebra that needs no analysis. The C++ patterns next to the ops
// (KQOps.cpp) do what needs more than a tree match.
//
//===----------------------------------------------------------------------===//
#ifndef KQ_PATTERNS_TD
#define KQ_PATTERNS_TD

include "mlir/IR/PatternBase.td"
include "ir/KQOps.td"

// !!x == x
def DoubleComplement : Pat<(KQ_ComplementOp (KQ_ComplementOp $x)), (replaceWithValue $x)>;

// Values whose logic is idempotent (Boolean, Goedel): T(x, x) == x.
def IdempotentValue : Constraint<CPred<"isIdempotent($0.getType())">,
                                 "a value of an idempotent logic">;

// (a \ b) \ b == a \ b   (binding $b twice requires both to be equal);
// T(T(a, 1 - b), 1 - b) == T(a, 1 - b) needs idempotence.
def RepeatedDifference
    : Pat<(KQ_DifferenceOp (KQ_DifferenceOp:$inner $a, $b), $b),
          (replaceWithValue $inner), [(IdempotentValue $inner)]>;

#endif // KQ_PATTERNS_TD
