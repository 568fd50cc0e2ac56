//===- Relax.cpp - kq-relax: fuzzy twins of Boolean queries ---------------===//
//
// Copies each Boolean query into a twin whose values are truth vectors of
// one fuzzy logic. The ops are the same; only their type, and so their
// reading, changes (see Passes.td).
//
//===----------------------------------------------------------------------===//

#include "passes/Passes.h"

#include "ir/FuzzyTwins.h"

namespace mlir::kq {
#define GEN_PASS_DEF_KQRELAX
#include "passes/Passes.h.inc"
} // namespace mlir::kq

using namespace mlir;
using namespace mlir::kq;

namespace {

struct RelaxPass : public mlir::kq::impl::KQRelaxBase<RelaxPass> {
  using KQRelaxBase::KQRelaxBase;
  void runOnOperation() override {
    ModuleOp module = getOperation();
    if (forEvals) {
      if (failed(relaxForEvals(module)))
        signalPassFailure();
      return;
    }
    std::optional<Logic> logic = symbolizeLogic(logicName);
    if (!logic || *logic == Logic::boolean) {
      module.emitError("kq-relax: unknown fuzzy logic '")
          << logicName << "'; expected godel, product or lukasiewicz";
      return signalPassFailure();
    }
    for (QueryOp query : llvm::to_vector(module.getOps<QueryOp>()))
      if (isa<EntitySetType>(query.getValueType()) && failed(getOrCreateFuzzyTwin(query, *logic)))
        return signalPassFailure();
  }
};

} // namespace
