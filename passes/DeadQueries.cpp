//===- DeadQueries.cpp - Removing queries nothing uses --------------------===//

#include "passes/Passes.h"

#include "llvm/ADT/DenseSet.h"

using namespace mlir;
using namespace mlir::kq;

void mlir::kq::eraseUnusedQueries(ModuleOp module, llvm::function_ref<bool(QueryOp)> candidate) {
  // One walk collects the symbol references of every op (those nested in
  // array attributes, as kq.sample's templates, included), rather than a
  // walk per query.
  llvm::DenseSet<StringAttr> used;
  module.walk([&](Operation *op) {
    op->getAttrDictionary().walk(
        [&](SymbolRefAttr reference) { used.insert(reference.getRootReference()); });
  });
  for (QueryOp query : llvm::make_early_inc_range(module.getOps<QueryOp>()))
    if (candidate(query) && !used.contains(query.getSymNameAttr()))
      query.erase();
}
