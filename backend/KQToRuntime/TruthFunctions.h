//===- TruthFunctions.h - Fuzzy twins as functions on truth vectors -------===//
//
// A fuzzy twin `kq.query @Q.LOGIC` (values `!kq.truth<LOGIC>`, made by
// kq-relax) becomes `func.func private @kq.truth.Q.LOGIC(%eval, %arguments)
// -> !llvm.ptr`, a kq_truth_function of runtime/Runtime.h: anchors and
// projections calls of the kq_rt_truth_* functions; the connectives and
// guards generated loops (TruthConnectives.h), except a conjunction with an
// existential leaf; each kq.foreach a loop over the candidates of its input
// whose generated loop takes the maximum of T(candidate's degree, body)
// (1 for a domain), freeing each iteration's vectors, or, when the body only
// negates the candidate's projection, one call that needs a few rows.
//
//===----------------------------------------------------------------------===//
#ifndef KQ_BACKEND_KQTORUNTIME_TRUTHFUNCTIONS_H
#define KQ_BACKEND_KQTORUNTIME_TRUTHFUNCTIONS_H

#include "backend/KQToRuntime/KQToRuntime.h"

#include "mlir/IR/BuiltinOps.h"

#include <string>

namespace mlir::kq {

/// The name of the function a fuzzy twin becomes.
std::string truthFunctionName(StringRef query);

/// Replaces every query of truth vectors in `module` by its function; an
/// error at an op that has no reading on truth vectors.
LogicalResult lowerFuzzyQueries(ModuleOp module, RuntimeStrings &strings);

} // namespace mlir::kq

#endif // KQ_BACKEND_KQTORUNTIME_TRUTHFUNCTIONS_H
