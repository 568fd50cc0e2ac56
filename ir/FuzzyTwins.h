//===- FuzzyTwins.h - Fuzzy twins of Boolean queries -----------*- C++ -*-===//
//
// One query graph serves both semantics: the twin `@Q.LOGIC` of a Boolean
// query `@Q` is a copy whose values are `!kq.truth<LOGIC>` (kq-relax makes
// them; the lowering of `kq.eval` makes those it needs when kq-relax did
// not run).
//
//===----------------------------------------------------------------------===//
#ifndef KQ_IR_FUZZYTWINS_H
#define KQ_IR_FUZZYTWINS_H

#include "ir/KQOps.h"

#include <string>

namespace mlir::kq {

/// The name of the twin of query `query` under fuzzy `logic`: `query.LOGIC`.
std::string fuzzyTwinName(StringRef query, Logic logic);

/// The twin of Boolean `query` under fuzzy `logic`, made beside it unless it
/// exists; an error when the name is taken by something else.
FailureOr<QueryOp> getOrCreateFuzzyTwin(QueryOp query, Logic logic);

/// Makes the twins that the module's kq.eval statements answer with (the
/// templates of each evaluated benchmark, under the statement's logic) and
/// names them in each statement's `twins`.
LogicalResult relaxForEvals(ModuleOp module);

} // namespace mlir::kq

#endif // KQ_IR_FUZZYTWINS_H
